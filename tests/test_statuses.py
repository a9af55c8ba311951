"""Statuses, conditions, rules and scopes in words, from one place; a fourth status slots in."""

from __future__ import annotations

import pytest

from analyser import statuses
from analyser.statuses import STATUS_WORDS, atom_words, legend_lines, reason_words, rule_words, scope_words, \
    status_label


def test_internal_keys_become_words():
    assert atom_words("risk(csam-image>=medium)") == "medium or high risk of image-based CSAM"
    assert atom_words("users_over(700000)") == "more than 700,000 users"
    assert atom_words("large") == "large"
    assert atom_words("feature(recommender)") != "feature(recommender)"
    assert atom_words("something(odd") == "something(odd"  # not understood: shown as it is, never dropped
    assert rule_words("feasibility.technically-feasible") == "technically feasible"
    assert scope_words("public-content") == "only content communicated publicly"


def test_a_reason_does_not_repeat_its_status():
    assert reason_words("exempt", "exempt: not large") == "not large"
    assert reason_words("applies", "the measure applies to all services") == "the measure applies to all services"


def test_statuses_read_without_colour_and_each_mark_is_distinct():
    marks = [w.mark for w in STATUS_WORDS.values()]
    assert len(set(marks)) == len(marks)
    assert status_label("qualified") == "◐ qualified"
    assert len({w.colour for w in STATUS_WORDS.values()}) == len(STATUS_WORDS)  # one colour, one meaning


def test_a_fourth_status_appears_in_every_legend_and_draft(monkeypatch, icu_code):
    """What issue 10's `unclear` needs: one entry here, and the legend and the response draft say it."""
    from analyser.response import build_draft, to_markdown
    from analyser.service import archetypes_by_name

    extra = statuses.StatusWords("unclear", "may or may not apply to", "the deciding wording was not understood",
                                 "?", "#ddd6fe")
    monkeypatch.setitem(STATUS_WORDS, "unclear", extra)
    assert legend_lines()[-1] == "? unclear: the deciding wording was not understood"
    md = to_markdown(build_draft(icu_code, archetypes_by_name()["large-e2ee-messaging"])).decode()
    assert "- **unclear**: the deciding wording was not understood" in md
    with pytest.raises(KeyError):
        STATUS_WORDS["nonsense"]
    assert status_label("nonsense") == "? nonsense"  # unknown statuses are shown, never hidden
