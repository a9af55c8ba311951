"""User regular expressions that can backtrack catastrophically are refused when loaded."""

from __future__ import annotations

import pytest

from analyser import safe_regex
from analyser.errors import ProfileError
from analyser.profiles import PROFILES_DIR, _from_toml, list_profiles


@pytest.mark.parametrize("pattern", [r"(\w+\s?)+x$", r"(a+)+$", r"(?:a|b+)*c", r"(\d\d+)*!", r"(?:\s+\w+)*$",
                                     r"^(?:ICU\s+(?:[A-Z]\d+\s*)+)+$", r"((a*)b?)*c"])
def test_nested_repeats_are_refused(pattern):
    assert "repeat inside a repeat" in safe_regex.problem(pattern)


@pytest.mark.parametrize("pattern", [r"^(?:Measure\s+)?ICU\s+(?P<number>[A-Z]\d{1,3}[A-Za-z]?)\b\s*(?P<title>.*)$",
                                     r"(?:\.\d+)*", r"(?:,\s*\w+)*", r"(?:\w++\s?)+x$", r"(?>a+)+$", r"a{2,5}b+c*",
                                     r"(?:ICU\s+)?(?P<n>[A-Z]\d+)(?:\s*(?:to|-)\s*(?P<e>\d+))?"])
def test_patterns_that_cannot_blow_up_are_kept(pattern):
    assert safe_regex.problem(pattern) is None


def test_an_invalid_pattern_is_named():
    assert "not a valid regular expression" in safe_regex.problem("(")


def test_every_shipped_profile_and_the_lexicon_pass():
    from analyser.qualifiers import load_lexicon

    for name in list_profiles():
        _from_toml(PROFILES_DIR / f"{name}.toml")
    assert load_lexicon().entries


def test_the_error_names_the_file_the_place_and_the_pattern(tmp_path):
    with pytest.raises(ProfileError) as info:
        safe_regex.check(r"(a+)+$", tmp_path / "mine.toml", "measure.heading", ProfileError)
    message = str(info.value)
    assert message.startswith("mine.toml: the regular expression in measure.heading ('(a+)+$')")
    assert "\n" not in message


def test_regex_values_anywhere_in_a_spacy_pattern_are_checked():
    tree = [{"LOWER": "where"}, {"TEXT": {"NOT_IN": ["x"], "REGEX": "(x+)+y"}}]
    with pytest.raises(ValueError, match="entry 'e'"):
        safe_regex.check_tree(tree, "lex.toml", "entry 'e'", lambda src, cause: ValueError(cause))
