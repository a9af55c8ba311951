"""The application-wording parser: fixture wordings, index cells, and variants of our own.

Expected trees come from the fixture generator (which records the condition it meant for each
measure) or are written out here by hand; they are compared after normalisation (nested
and/or flattened, arguments sorted), so only meaning, not list order, matters.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analyser.applicability import index_condition
from analyser.conditions import describe, normalise, parse_application, tokenise
from analyser.models import Condition

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXPECTED_FILES = sorted(FIXTURES.glob("*.expected.json"))

# Fixture records that no wording in the measure supports. Strict: when the fixture is fixed,
# the xfail turns into a failure and is removed here. (None at present.)
KNOWN_FIXTURE_GAPS: dict[tuple[str, str], str] = {}


def _measure_cases():
    """One case per distinct wording: the fixtures repeat most measures' wording word for word (the
    same code in other layouts), and a copy tests nothing its first occurrence does not. Everything a
    case asserts (wording, kind, intended tree, scope, index cell) is part of what makes it distinct,
    and its id names the first measure that carries it and how many others repeat it."""
    seen: dict[str, list] = {}
    for path in EXPECTED_FILES:
        data = json.loads(path.read_text(encoding="utf-8"))
        kind = data["code"]["kind"]
        stem = path.name.split(".")[0]
        for m in data["measures"]:
            if "condition" not in m:
                continue
            m = dict(m, short_name=data["code"].get("short_name"))
            key = json.dumps([kind, m["short_name"], m["application"], m["condition"], m.get("scope", []),
                              m.get("index_applies_to"), m.get("index_disagrees")], sort_keys=True)
            seen.setdefault(key, [stem, kind, m, 0])[3] += 1
    return [pytest.param(stem, kind, m, id=f"{stem}:{m['id']}" + (f" (x{n})" if n > 1 else ""))
            for stem, kind, m, n in seen.values()]


MEASURE_CASES = _measure_cases()


def test_there_are_fixture_wordings_to_check():
    # guards the parametrised tests below against silently running on nothing
    assert EXPECTED_FILES, "no tests/fixtures/*.expected.json"
    assert len(MEASURE_CASES) >= 30
    assert len(INDEX_CASES) >= 30


@pytest.mark.parametrize("stem,kind,measure", MEASURE_CASES)
def test_fixture_application_parses_to_intended_tree(stem, kind, measure):
    app = parse_application(measure["application"], kind)
    assert app.unparsed == [], f"{measure['id']}: unparsed {app.unparsed}"
    assert app.confidence == 1.0
    assert normalise(app.condition) == normalise(measure["condition"]), (
        f"{measure['id']}: '{measure['application']}' gave {describe(app.condition)}"
    )


@pytest.mark.parametrize("stem,kind,measure", MEASURE_CASES)
def test_fixture_application_scope(stem, kind, measure, request):
    gap = KNOWN_FIXTURE_GAPS.get((measure["id"], "scope"))
    if gap:
        request.applymarker(pytest.mark.xfail(reason=gap, strict=True))
    assert parse_application(measure["application"], kind).scope == measure.get("scope", [])


INDEX_CASES = [c for c in MEASURE_CASES if c.values[2].get("index_applies_to") is not None]


@pytest.mark.parametrize("stem,kind,measure", INDEX_CASES)
def test_fixture_index_cell_means_the_same(stem, kind, measure):
    """The index table's abbreviated cell ("Large or multi-risk services"; blank = all services the
    code covers; a children's code covers only services likely to be accessed by children)."""
    cell = measure["index_applies_to"]
    from analyser.conditions import and_, vocabulary_for
    from analyser.profiles import load_profile

    vocab = vocabulary_for(load_profile(measure["short_name"].lower()).services)
    app = index_condition(cell, kind, vocab)
    assert app.unparsed == []
    # the code's own scope (a children's code covers only services likely to be accessed by
    # children) is the profile's, not the cell's: the fixture's intended tree includes it
    scope = parse_application(vocab.scope, "any", vocab).condition if vocab.scope else None
    read = and_(scope, app.condition) if scope is not None else app.condition
    if measure.get("index_disagrees"):
        # placed on purpose: the index says less than the body, and must not read the same
        from analyser.applicability import disagreement
        from analyser.models import from_dict

        intended = from_dict(Condition, measure["condition"])
        assert disagreement(read, intended, kind, vocab) is not None, f"'{cell}' should disagree"
    else:
        assert normalise(read) == normalise(measure["condition"]), (
            f"index cell '{cell}' gave {describe(read)}"
        )


# ----------------------------------------------------------------------------- own variants

def A(atom_name, /, **params):
    return {"op": "atom", "atom": atom_name, "params": params}



AND = lambda *a: {"op": "and", "args": list(a)}  # noqa: E731
OR = lambda *a: {"op": "or", "args": list(a)}  # noqa: E731
NOT = lambda a: {"op": "not", "args": [a]}  # noqa: E731
LARGE, MULTI, ALL = A("large"), A("multi_risk"), A("all")


def risk(harm, level="medium"):
    return A("risk", harm=harm, min=level)


def feat(name):
    return A("feature", name=name)


VARIANTS = [
    # (wording, code kind, expected tree, expected scope)
    ("All services.", "u2u", ALL, []),
    ("This measure applies to providers of all user-to-user services.", "u2u", ALL, []),
    ("This measure applies to all providers of user-to-user services.", "u2u", ALL, []),
    ("This measure applies to providers of large or multi-risk services.", "u2u", OR(LARGE, MULTI), []),
    ("This measure applies to providers of multi-risk or large services.", "u2u", OR(LARGE, MULTI), []),
    ("This measure applies to providers of large services and of multi-risk services.", "u2u", OR(LARGE, MULTI), []),
    ("This measure applies to: (a) providers of large services; and (b) providers of multi-risk services.", "u2u",
     OR(LARGE, MULTI), []),
    ("This measure applies to providers of services that are neither large nor multi-risk.", "u2u",
     AND(NOT(LARGE), NOT(MULTI)), []),
    ("Services that are not large and are not multi-risk", "u2u", AND(NOT(LARGE), NOT(MULTI)), []),
    ("This measure applies to providers of large services or services at medium or high risk of any kind of illegal harm.",
     "u2u", OR(LARGE, risk("any")), []),
    ("This measure applies to providers of services that are large or at medium or high risk of any illegal harm.",
     "u2u", OR(LARGE, risk("any")), []),
    ("This measure applies to providers of large services at medium or high risk of fraud.", "u2u",
     AND(LARGE, risk("fraud")), []),
    ("This measure applies to providers of services at medium or high risk of fraud that are large.", "u2u",
     AND(LARGE, risk("fraud")), []),
    ("This measure applies to providers of services at high risk of image-based CSAM that have more than 700,000 "
     "monthly active UK users or are file-storage and file-sharing services.", "u2u",
     AND(risk("csam-image", "high"), OR(A("users_over", n=700000), feat("file-sharing"))), []),
    ("This measure applies to providers of services that are at high risk of image-based CSAM and that are "
     "file-storage and file-sharing services or have more than 700,000 monthly active UK users. It applies only "
     "in relation to content communicated publicly.", "u2u",
     AND(risk("csam-image", "high"), OR(A("users_over", n=700000), feat("file-sharing"))), ["public-content"]),
    ("This measure applies to providers of services at medium or high risk of grooming, hate or harassment.", "u2u",
     OR(risk("grooming"), risk("hate"), risk("harassment")), []),
    ("This measure applies to providers of services at high risk of grooming and/or CSAM URLs.", "u2u",
     OR(risk("grooming", "high"), risk("csam-url", "high")), []),
    ("This measure applies to providers of services at high risk of CSAM.", "u2u",
     OR(risk("csam-image", "high"), risk("csam-url", "high")), []),
    ("This measure applies to providers of services at medium or high risk of encouraging or assisting suicide.", "u2u",
     risk("encouraging-suicide"), []),
    ("This measure applies to providers of services that have at least 700,000 monthly active UK users.", "u2u",
     A("users_over", n=699999), []),
    ("This measure applies to providers of services with more than 7 million monthly active UK users.", "u2u",
     LARGE, []),
    ("This measure applies to providers of services with fewer than 7,000,001 monthly active UK users.", "u2u",
     NOT(LARGE), []),
    ("This measure applies to providers of smaller services at low risk of all kinds of illegal harm.", "u2u",
     AND(NOT(LARGE), A("low_risk")), []),
    ("This measure applies to providers of large services which use a content recommender system and are at medium "
     "or high risk of two or more kinds of illegal harm.", "u2u", AND(LARGE, feat("recommender"), MULTI), []),
    ("This measure applies to providers of large services with livestreaming functionality.", "u2u",
     AND(LARGE, feat("livestreaming")), []),
    ("This measure applies to providers of services that are large and do not use end-to-end encryption.", "u2u",
     AND(LARGE, NOT(feat("e2ee"))), []),
    ("This measure applies to providers of non-large services.", "u2u", NOT(LARGE), []),
    # search codes
    ("This measure applies to providers of general search services.", "search", A("search_type", type="general"), []),
    ("This measure applies to providers of large general search services.", "search",
     AND(LARGE, A("search_type", type="general")), []),
    ("This measure applies to providers of vertical search services.", "search", A("search_type", type="vertical"), []),
    ("This measure applies to providers of all search services.", "search", ALL, []),
    ("This measure applies to providers of general search services at medium or high risk of CSAM URLs.", "search",
     AND(A("search_type", type="general"), risk("csam-url")), []),
    ("This measure applies to providers of large general search services and of vertical search services that are "
     "multi-risk.", "search",
     OR(AND(LARGE, A("search_type", type="general")), AND(A("search_type", type="vertical"), MULTI)), []),
    ("This measure applies to providers of general search services that offer predictive search.", "search",
     AND(A("search_type", type="general"), feat("predictive-search")), []),
    # a U2U wording in a search code keeps its kind
    ("This measure applies to providers of all user-to-user services.", "search", A("kind", kind="u2u"), []),
    # children's codes
    ("This measure applies to providers of services likely to be accessed by children.", "u2u",
     feat("likely-accessed-by-children"), []),
    ("This measure applies to providers of services that are likely to be accessed by children and do not use highly "
     "effective age assurance.", "u2u", AND(feat("likely-accessed-by-children"), NOT(feat("age-assurance"))), []),
    ("This measure applies to providers of services that do not use highly effective age assurance.", "u2u",
     NOT(feat("age-assurance")), []),
    ("This measure applies to providers of services that allow primary priority content.", "u2u",
     feat("allows-primary-priority-content"), []),
    ("This measure applies to providers of services at medium or high risk of suicide, self-harm or eating disorders.",
     "u2u", OR(risk("suicide"), risk("self-harm"), risk("eating-disorders")), []),
    ("This measure applies to providers of services at high risk of primary priority content.", "u2u",
     OR(*(risk(h, "high") for h in ("pornography", "suicide", "self-harm", "eating-disorders"))), []),
    ("This measure applies to providers of large services likely to be accessed by children that are at medium or "
     "high risk of bullying.", "u2u", AND(LARGE, feat("likely-accessed-by-children"), risk("bullying")), []),
    ("This measure applies to providers of large search services likely to be accessed by children.", "search",
     AND(LARGE, feat("likely-accessed-by-children")), []),
    # the "where: (a) the service is ...; or (c) ..." form of the published hash-matching measure
    ("This measure applies to providers of services where: (a) the service is at high risk of image-based CSAM and "
     "has more than 700,000 monthly active UK users; (b) the service is at medium or high risk of image-based CSAM "
     "and is a large service; or (c) the service is at high risk of image-based CSAM and is a file-storage and "
     "file-sharing service.", "u2u",
     OR(AND(risk("csam-image", "high"), A("users_over", n=700000)), AND(risk("csam-image"), LARGE),
        AND(risk("csam-image", "high"), feat("file-sharing"))), []),
    ("This measure applies to providers of a user-to-user service which is: (a) a large service; or (b) a multi-risk "
     "service.", "u2u", OR(LARGE, MULTI), []),
    ("This measure applies to providers of large user-to-user services that have identified a medium or high risk of "
     "fraud.", "u2u", AND(LARGE, risk("fraud")), []),
    # a comma list takes its last connective
    ("This measure applies to providers of services that have user profiles, direct messaging or livestreaming.",
     "u2u", OR(feat("user-profiles"), feat("direct-messaging"), feat("livestreaming")), []),
    # exceptions narrow what came before
    ("This measure applies to providers of large services, except vertical search services.", "search",
     AND(LARGE, NOT(A("search_type", type="vertical"))), []),
    ("This measure applies to providers of services (other than small low-risk services).", "u2u",
     NOT(AND(NOT(LARGE), A("low_risk"))), []),
    ("This measure applies to providers of services that are likely to be accessed by children and that are at "
     "medium or high risk of one or more kinds of primary priority content.", "u2u",
     AND(feat("likely-accessed-by-children"),
         OR(*(risk(h) for h in ("pornography", "suicide", "self-harm", "eating-disorders")))), []),
    # "at medium risk" with no "or high": the codes' usual medium or high (as the development sets' writers read it)
    ("This measure applies to providers of services at medium risk of terrorism.", "u2u", risk("terrorism"), []),
    ("This measure applies to providers of services at high risk of terrorism.", "u2u", risk("terrorism", "high"), []),
    # a negative sentence narrows the positive one
    ("This measure applies to providers of large services. It does not apply to vertical search services.", "search",
     AND(LARGE, NOT(A("search_type", type="vertical"))), []),
]


def test_at_least_25_own_variants():
    assert len(VARIANTS) >= 25


@pytest.mark.parametrize("text,kind,expected,scope", VARIANTS, ids=[v[0][:70] for v in VARIANTS])
def test_own_wording_variants(text, kind, expected, scope):
    app = parse_application(text, kind)
    assert app.unparsed == [], app.unparsed
    assert normalise(app.condition) == normalise(expected), describe(app.condition)
    assert app.scope == scope
    assert app.text == text  # the wording is kept beside the tree


def test_blank_wording_means_all_services_and_says_so():
    app = parse_application("   ", "u2u")
    assert normalise(app.condition) == normalise(ALL)
    assert any("all services" in w for w in app.warnings)


def _unknown(text):
    return A("unknown", text=text)


def test_wording_not_understood_is_kept_never_dropped():
    text = "This measure applies to providers of services that are registered in Narnia."
    app = parse_application(text, "u2u")
    # the head noun alone is understood; the restriction is not, and is returned, not dropped:
    # it stays in the condition as words not understood, so no service gets a confident answer
    assert app.unparsed == ["that are registered in Narnia"]
    assert normalise(app.condition) == normalise(_unknown("that are registered in Narnia"))
    assert app.confidence < 0.5
    moon = parse_application("Applies where the moon is full.", "u2u")
    assert normalise(moon.condition) == normalise(_unknown("Applies where the moon is full"))
    assert moon.unparsed == ["Applies where the moon is full"]


def test_words_left_after_a_reading_that_could_widen_it_make_the_whole_sentence_unknown():
    # "alongside ..." is not a restriction the grammar knows (it may add services): large alone would be a guess
    app = parse_application("This measure applies to providers of large services, alongside gaming platforms.", "u2u")
    assert app.unparsed == ["alongside gaming platforms"]
    assert normalise(app.condition) == normalise(_unknown("large services, alongside gaming platforms"))
    assert 0.0 < app.confidence < 1.0
    # "... or X": X could add services, so the reading of the rest cannot stand alone either
    app = parse_application("This measure applies to providers of large services or services registered in Narnia.", "u2u")
    assert app.condition.atom == "unknown"


def test_an_unknown_trailing_restriction_only_narrows_the_reading():
    app = parse_application("Large services that are accessible from Mars", "u2u")
    assert normalise(app.condition) == normalise(AND(LARGE, _unknown("that are accessible from Mars")))
    assert app.unparsed == ["that are accessible from Mars"]
    from analyser.evaluate import truth
    from analyser.models import ServiceProfile

    # not large: exempt whatever Mars means; large: cannot be decided
    assert truth(app.condition, ServiceProfile("s", users=10)) is False
    assert truth(app.condition, ServiceProfile("l", users=8_000_000)) is None


def test_scope_sentence_alone_means_all_services_for_that_content():
    app = parse_application("This measure applies only in relation to content communicated publicly.", "u2u")
    assert normalise(app.condition) == normalise(ALL)
    assert app.scope == ["public-content"]


def test_tokens_keep_offsets_into_the_wording():
    text = "large or multi-risk services"
    toks = tokenise(text)
    assert [text[t.start:t.end] for t in toks] == ["large", "or", "multi-risk", "services"]
    assert [t.kind for t in toks] == ["ADJ", "OR", "ADJ", "HEAD"]


def test_harm_wordings_come_from_data():
    """Every variant listed in harms.toml is recognised as its harm key."""
    from analyser.conditions import load_vocabulary

    vocab = load_vocabulary()
    for key, info in vocab.harms.items():
        for variant in info["variants"]:
            app = parse_application(f"services at high risk of {variant}", "u2u")
            assert normalise(app.condition) == normalise(risk(key, "high")), (key, variant, describe(app.condition))


def test_condition_json_shape_is_the_contract():
    """Canonical JSON = dataclasses.asdict(Condition)."""
    import dataclasses

    app = parse_application("large or multi-risk services", "u2u")
    assert isinstance(app.condition, Condition)
    d = dataclasses.asdict(app.condition)
    assert d["op"] == "or" and {a["atom"] for a in d["args"]} == {"large", "multi_risk"}


@pytest.mark.parametrize("wording, words", [
    ("with at least 7 million monthly active UK users", "at least 7,000,000 users"),
    ("with more than 700,000 monthly UK users", "more than 700,000 users"),
    ("with fewer than 1 million monthly UK users", "fewer than 1,000,000 users"),
    ("with no more than 500,000 monthly UK users", "not more than 500,000 users"),
])
def test_user_thresholds_are_said_back_as_the_code_put_them(wording, words):
    """users_over(6,999,999) is what "at least 7 million" means; an officer should read it back so."""
    app = parse_application(f"This measure applies to providers of user-to-user services {wording}.", "u2u")
    assert describe(app.condition) == words


def test_an_also_sentence_alone_does_not_stand_for_the_whole_group():
    # "It also applies to large services" adds to a group no sentence names: a small service is
    # not exempt on that reading, it is undecided
    from analyser.evaluate import truth
    from analyser.models import ServiceProfile

    app = parse_application("It also applies to providers of large services.", "u2u")
    assert truth(app.condition, ServiceProfile("big", users=8_000_000)) is True
    assert truth(app.condition, ServiceProfile("small", users=10)) is None
