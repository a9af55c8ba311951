"""Qualifier flagging: the hand-labelled evaluation set, the false-positive classes, and the
behaviour on the ICU-like fixture, each with the trained pipeline and with spacy.blank("en")."""

from __future__ import annotations

import copy
import functools
import tomllib
from collections import Counter
from pathlib import Path

import pytest
import spacy

from analyser.models import Code, CodeInfo, Measure, Paragraph, SubItem
from analyser.nlp import load_pipeline, trained_pipeline_name
from analyser.qualifiers import (
    BUILTIN_LEXICON,
    QUALIFIER_CATEGORIES,
    LexiconError,
    core_paragraphs,
    flag_qualifiers,
    load_lexicon,
    scan_texts,
)

EVAL_SET = Path(__file__).parent / "data" / "qualifier_eval.toml"
# Real GPAI sentences labelled blind (without seeing the lexicon) by someone other than its author.
HELD_OUT = Path(__file__).parent / "data" / "qualifier_eval_gpai_heldout.toml"
# 60 more, labelled blind after every rule change above. No rule has been written from their sentences;
# their totals decided once between two candidate rules (bench/RESULTS.md, "Dependency rule").
FRESH = Path(__file__).parent / "data" / "qualifier_eval_gpai_fresh.toml"
HAVE_TRAINED = trained_pipeline_name() is not None

PIPELINES = [
    pytest.param("trained", marks=pytest.mark.skipif(not HAVE_TRAINED, reason="no trained pipeline")),
    "blank",
]


def _nlp(kind: str):
    """The trained pipeline, or a plain ``spacy.blank("en")`` (what a user without a model passes)."""
    return load_pipeline(trained=True) if kind == "trained" else _blank()


@functools.lru_cache(maxsize=1)
def _blank():
    return spacy.blank("en")


# ------------------------------------------------------------------------------------------
# Evaluation set
# ------------------------------------------------------------------------------------------


def load_eval_set(path: Path = EVAL_SET) -> list[dict]:
    return tomllib.loads(path.read_text(encoding="utf-8"))["s"]


def score(entries: list[dict], results) -> dict[str, dict[str, int]]:
    """tp/fp/fn per category. A prediction is right when its category matches a labelled phrase
    whose characters it overlaps (each label used once); boundaries are not scored."""
    table: dict[str, Counter] = {}
    for entry, result in zip(entries, results):
        gold = []
        next_from: dict[str, int] = {}
        for phrase, category in entry["q"]:
            at = entry["text"].find(phrase, next_from.get(phrase, 0))
            assert at >= 0, f"label {phrase!r} not in {entry['text']!r}"
            next_from[phrase] = at + 1
            gold.append({"start": at, "end": at + len(phrase), "category": category, "used": False})
        for f in result.qualifiers:
            hit = next(
                (g for g in gold if not g["used"] and g["category"] == f.category and g["start"] < f.end and f.start < g["end"]),
                None,
            )
            table.setdefault(f.category, Counter())["tp" if hit else "fp"] += 1
            if hit:
                hit["used"] = True
        for g in gold:
            if not g["used"]:
                table.setdefault(g["category"], Counter())["fn"] += 1
    return {cat: dict(c) for cat, c in table.items()}


def format_scores(table: dict[str, dict[str, int]]) -> tuple[str, float, float]:
    def pr(c: dict[str, int]) -> tuple[float, float]:
        tp, fp, fn = c.get("tp", 0), c.get("fp", 0), c.get("fn", 0)
        return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)

    lines = ["| category | precision | recall | tp | fp | fn |", "| --- | --- | --- | --- | --- | --- |"]
    total: Counter = Counter()
    for cat in sorted(table):
        p, r = pr(table[cat])
        c = table[cat]
        total.update(c)
        lines.append(f"| {cat} | {p:.2f} | {r:.2f} | {c.get('tp', 0)} | {c.get('fp', 0)} | {c.get('fn', 0)} |")
    p, r = pr(dict(total))
    lines.append(f"| **overall** | {p:.3f} | {r:.3f} | {total['tp']} | {total['fp']} | {total['fn']} |")
    return "\n".join(lines), p, r


def test_eval_set_is_big_enough_and_balanced():
    entries = load_eval_set()
    assert len(entries) >= 150
    with_q = sum(1 for e in entries if e["q"])
    assert 0.35 <= with_q / len(entries) <= 0.7
    labelled = {c for e in entries for _, c in e["q"]}
    assert set(QUALIFIER_CATEGORIES) <= labelled


@pytest.mark.parametrize("kind", PIPELINES)
def test_eval_set_precision_and_recall(kind, capsys):
    entries = load_eval_set()
    results = scan_texts([e["text"] for e in entries], nlp=_nlp(kind))
    text, precision, recall = format_scores(score(entries, results))
    with capsys.disabled():
        print(f"\nqualifier evaluation set, {kind} pipeline ({len(entries)} sentences):\n{text}")
    assert precision >= 0.9, text
    assert recall >= 0.9, text


@pytest.mark.parametrize("kind", PIPELINES)
def test_blind_labelled_real_sentences(kind, capsys):
    """The honest figure: 90 real sentences labelled without sight of the lexicon. Their even half
    was used afterwards to find general rule classes; the odd half was only scored (its errors were
    listed once, before the split). The floor guards against regressions; bench/RESULTS.md records
    both halves."""
    entries = load_eval_set(HELD_OUT)
    assert len(entries) >= 80 and {e["source"] for e in entries} == {"gpai-heldout"}
    results = scan_texts([e["text"] for e in entries], nlp=_nlp(kind))
    text, precision, recall = format_scores(score(entries, results))
    untouched = entries[1::2]
    _, p_odd, r_odd = format_scores(score(untouched, scan_texts([e["text"] for e in untouched], nlp=_nlp(kind))))
    with capsys.disabled():
        print(f"\nblind-labelled GPAI sentences, {kind} pipeline ({len(entries)}; never-used half "
              f"P {p_odd:.2f} R {r_odd:.2f}):\n{text}")
    assert precision >= 0.78 and recall >= 0.78, text


@pytest.mark.parametrize("kind", PIPELINES)
def test_fresh_blind_labelled_real_sentences(kind, capsys):
    """The cleanest figure for unseen real text, kept out of rule-writing: only the totals are read
    (once, to keep one of two candidate dependency rules); the sentences are for a later, equally
    blind measurement."""
    entries = load_eval_set(FRESH)
    assert len(entries) >= 50 and {e["source"] for e in entries} == {"gpai-fresh"}
    results = scan_texts([e["text"] for e in entries], nlp=_nlp(kind))
    text, precision, recall = format_scores(score(entries, results))
    with capsys.disabled():
        print(f"\nfresh blind-labelled GPAI sentences, {kind} pipeline ({len(entries)}):\n{text}")
    assert precision >= 0.75 and recall >= 0.85, text


# ------------------------------------------------------------------------------------------
# False-positive classes (one test each), on both pipelines
# ------------------------------------------------------------------------------------------


def _flags(text: str, kind: str) -> list[tuple[str, str]]:
    (result,) = scan_texts([text], nlp=_nlp(kind))
    return [(f.phrase, f.category) for f in result.qualifiers]


@pytest.mark.parametrize("kind", PIPELINES)
def test_inappropriate_is_not_discretion(kind):
    assert _flags("The provider should remove inappropriate content and inappropriate contact.", kind) == []
    assert _flags("The provider should take appropriate action.", kind) == [("appropriate", "discretion")]


@pytest.mark.parametrize("kind", PIPELINES)
def test_may_the_month_is_not_permissive(kind):
    for text in (
        "The guidance was published in May 2024.",
        "Responses were due by 17 May 2025.",
        "May 2026 amendments added crisis response measures.",
        "The measures came into force in May.",
    ):
        assert _flags(text, kind) == [], text
        assert scan_texts([text], nlp=_nlp(kind))[0].strength == "none"
    assert _flags("In May 2024 we said that providers may use hash matching.", kind) == [("may", "permissive")]


@pytest.mark.parametrize("kind", PIPELINES)
def test_qualifier_word_inside_a_capitalised_defined_term_or_title_is_not_flagged(kind):
    assert _flags("Content should be referred to the Appropriate Escalation Contact.", kind) == []
    assert _flags("(a) Principle of Appropriate Lifecycle Management.", kind) == []
    assert _flags("The Effective Date of this Code is 17 March 2025.", kind) == []
    # at the start of a sentence or a sub-item a capital letter is just grammar
    assert _flags("Where possible, reports should be acknowledged.", kind) == [("Where possible", "feasibility")]
    assert ("Unless", "exception") in _flags("(b) Unless the user objects, the provider should act.", kind)


@pytest.mark.parametrize("kind", PIPELINES)
def test_a_quoted_or_defined_phrase_is_a_mention_not_a_qualifier(kind):
    assert _flags("'Appropriate' means fit for the purpose for which it is used.", kind) == []
    assert _flags("In this Code, “technically feasible” refers to existing technology.", kind) == []
    assert _flags("“Reasonable steps” has the meaning given in section 2.", kind) == []
    # the same word used, not mentioned, in the same sentence is still flagged
    assert _flags("The term 'proportionate' is used, and the provider should act proportionately.", kind) == [
        ("proportionately", "proportionality")
    ]


@pytest.mark.parametrize("kind", PIPELINES)
def test_descriptive_may_is_not_permissive(kind):
    for text in (
        "Relevant factors may include the number of users.",
        "This may include text, images and video.",
        "There may be cases where a user complains twice.",
        "Content that may be illegal should be reviewed.",
    ):
        assert _flags(text, kind) == [], text
    assert _flags("The provider may use automated tools.", kind) == [("may", "permissive")]


@pytest.mark.parametrize("kind", PIPELINES)
def test_limits_set_by_law_or_describing_progress_are_not_discretion(kind):
    assert _flags("Records are kept to the extent required by Union law.", kind) == []
    assert _flags("Research advancing the state of the art is welcome.", kind) == []
    # the same words as a standard the provider judges are still flagged
    assert _flags("Records are kept to the extent necessary.", kind) == [("to the extent necessary", "discretion")]
    assert _flags("Mitigations should reflect the state of the art.", kind) == [("state of the art", "discretion")]


@pytest.mark.parametrize("kind", PIPELINES)
def test_knowledge_limits_availability_and_relief_are_qualifiers(kind):
    assert _flags("The provider should report, to the best of its knowledge, the cause.", kind) == [
        ("to the best of its knowledge", "feasibility")]
    assert _flags("It should describe the integration, insofar as the provider is aware of it.", kind) == [
        ("insofar as the provider is aware", "feasibility")]
    assert _flags("It should keep the logs, if available.", kind) == [("if available", "discretion")]
    assert _flags("Such publication is not necessary if the service is small.", kind) == [
        ("is not necessary if", "permissive")]
    # a deadline hedged by law is timing, not a feasibility let-out
    assert _flags("Delete the data as soon as legally feasible.", kind) == [("as soon as legally feasible", "timing")]


@pytest.mark.parametrize("kind", PIPELINES)
def test_bounds_and_minimum_frequencies_are_thresholds(kind):
    assert _flags("Reports are published after a delay of up to 10 working days.", kind) == [
        ("up to 10 working days", "threshold")]
    assert _flags("Fines are capped at up to £18 million.", kind) == [("up to £18 million", "threshold")]
    assert _flags("The review takes place at least once every 12 months.", kind) == [
        ("at least once every 12 months", "threshold")]
    assert _flags("Each team has a maximum of three members.", kind) == [("a maximum of three", "threshold")]
    assert _flags("It is placed on the market in less than a month.", kind) == [("less than a month", "threshold")]
    # no number, no threshold
    assert _flags("The list is kept up to date.", kind) == []
    assert _flags("Events leading up to the incident are recorded.", kind) == []


@pytest.mark.parametrize("kind", PIPELINES)
def test_interpretation_boilerplate_is_not_an_exception(kind):
    assert _flags("Unless otherwise stated, references are to paragraphs of this Code.", kind) == []
    assert _flags("Unless the context otherwise requires, words in the singular include the plural.", kind) == []


@pytest.mark.skipif(not HAVE_TRAINED, reason="needs the parser")
def test_may_in_a_relative_clause_describes_its_noun():
    """A dependency rule (the parse, not the word order): may/could whose subject is a relative
    'which'/'that', or a verb coordinated with such a clause, grants nobody anything."""
    trained = load_pipeline(trained=True)
    texts = [
        "The provider should list the risks, which may overlap and may need to be reviewed together.",
        "Evaluations should be free from shortcomings that could seriously undermine the results.",
        "The provider may contact Ofcom, which may provide support.",
        "Providers that are small may publish a shorter report.",
    ]
    found = [[(f.phrase, f.category, f.sentence[f.start - 5 : f.end + 8]) for f in r.qualifiers]
             for r in scan_texts(texts, nlp=trained)]
    assert found[0] == [] and found[1] == []
    assert [(p, c) for p, c, _ in found[2]] == [("may", "permissive")]  # the provider's may, not Ofcom's
    assert found[2][0][2].startswith("ider may contact")
    assert [(p, c) for p, c, _ in found[3]] == [("may", "permissive")]  # a relative clause elsewhere
    # without a parser the rule cannot run, and the plain word rules decide (as before)
    blank = _flags("The provider should list the risks, which may overlap.", "blank")
    assert blank == [("may", "permissive")]


def test_a_user_lexicon_can_add_a_dependency_rule(tmp_path):
    """Dependency patterns are configuration too: a user vetoes 'could' whose subject is 'system'."""
    rule = tmp_path / "mine.toml"
    rule.write_text(
        '[[entry]]\nid = "ignore.system-could"\ncategory = "ignore"\ndep_patterns = [[\n'
        '  {RIGHT_ID = "verb", RIGHT_ATTRS = {POS = "VERB"}},\n'
        '  {LEFT_ID = "verb", REL_OP = ">", RIGHT_ID = "mark", RIGHT_ATTRS = {LOWER = "could"}},\n'
        '  {LEFT_ID = "verb", REL_OP = ">", RIGHT_ID = "s", RIGHT_ATTRS = {DEP = "nsubj", LEMMA = "system"}}]]\n',
        encoding="utf-8")
    text = ["The provider should consider whether its recommender system could increase the spread of content."]
    trained = load_pipeline(trained=True) if HAVE_TRAINED else None
    if trained is None:
        pytest.skip("needs the parser")
    before = {(f.phrase, f.category) for f in scan_texts(text, nlp=trained)[0].qualifiers}
    after = {(f.phrase, f.category) for f in scan_texts(text, nlp=trained, lexicon=rule)[0].qualifiers}
    assert ("could", "permissive") in before and ("could", "permissive") not in after
    assert ("should consider", "permissive") in after


@pytest.mark.skipif(not HAVE_TRAINED, reason="needs the tagger")
def test_epistemic_may_be_needs_the_tagger_and_participles_stay_permissive():
    trained = load_pipeline(trained=True)
    (r,) = scan_texts(["It should act if the report gives reason to suspect the content may be illegal."], nlp=trained)
    assert [f.phrase for f in r.qualifiers] == []
    (r,) = scan_texts(["Training may be given in a shorter form."], nlp=trained)
    assert [(f.phrase, f.category) for f in r.qualifiers] == [("may", "permissive")]
    (r,) = scan_texts(["Providers may be able to rely on an industry standard."], nlp=trained)
    assert [(f.phrase, f.category) for f in r.qualifiers] == [("may", "permissive")]


# ------------------------------------------------------------------------------------------
# Attachment, negation, strength on hand-built measures
# ------------------------------------------------------------------------------------------


def _code(paragraphs: list[Paragraph], application: tuple[str, ...] = ("X1.1",)) -> Code:
    info = CodeInfo(
        title="Test code", publisher=None, family="test", short_name="T", kind="u2u", version=None,
        source_file="t.pdf", sha256="0" * 64, page_count=1, profile="test",
    )
    for p in paragraphs:
        p.is_application = p.number in application
    m = Measure(
        id="T X1", number="X1", title="A measure", chapter="X", chapter_title=None, page_start=1,
        page_end=1, paragraphs=paragraphs, application_paragraphs=list(application),
    )
    return Code(info=info, measures=[m])


def _moderation_measure() -> Code:
    items_text = "(a) review it; and (b) where technically feasible, take it down."
    text = f"Where the provider becomes aware of illegal content, it should: {items_text}"
    start = text.index("(a)")
    b = text.index("(b)")
    return _code(
        [
            Paragraph("X1.1", "This measure applies to services that have more than 700,000 monthly active UK users.", 3),
            Paragraph("X1.2", "The provider should swiftly take down illegal content where it is technically feasible.", 3),
            Paragraph(
                "X1.3", text, 4,
                items=[SubItem("(a)", "review it; and", start, b), SubItem("(b)", "where technically feasible, take it down.", b, len(text))],
            ),
            Paragraph("X1.4", "The provider may use automated tools. It should consider using hash matching.", 4),
            Paragraph("X1.5", "The provider need not do so where this is not technically feasible.", 4),
        ]
    )


@pytest.mark.parametrize("kind", PIPELINES)
def test_flags_carry_offsets_items_pages_and_application(kind):
    code = _moderation_measure()
    flags = flag_qualifiers(code, nlp=_nlp(kind))
    m = code.measures[0]
    assert flags == m.qualifiers
    for q in flags:
        para = m.paragraph(q.paragraph)
        assert para.text[q.start : q.end] == q.phrase
        assert q.phrase in q.sentence and q.sentence in para.text
        assert q.page == para.page
        assert (q.qualifies is not None) == (kind == "trained") or q.qualifies is None
    (threshold,) = [q for q in flags if q.category == "threshold"]
    assert threshold.phrase == "more than 700,000 monthly active UK users"
    assert threshold.in_application and not threshold.in_core_obligation
    item_flag = next(q for q in flags if q.paragraph == "X1.3")
    assert (item_flag.phrase, item_flag.item, item_flag.page) == ("where technically feasible", "(b)", 4)
    assert [p.strength for p in m.paragraphs] == ["none", "should", "should", "should consider", "may"]
    assert core_paragraphs(m) == ["X1.2"]


@pytest.mark.skipif(not HAVE_TRAINED, reason="needs the parser")
def test_qualifies_names_the_governing_obligation_and_negation_is_seen():
    code = _moderation_measure()
    flag_qualifiers(code, nlp=load_pipeline(trained=True))
    by_phrase = {(q.paragraph, q.phrase): q for q in code.measures[0].qualifiers}
    feasible = by_phrase[("X1.2", "where it is technically feasible")]
    assert feasible.category == "feasibility" and feasible.qualifies == "take down illegal content"
    assert not feasible.negated and feasible.in_core_obligation
    assert by_phrase[("X1.2", "swiftly")].qualifies == "take down illegal content"
    assert by_phrase[("X1.4", "may")].qualifies == "use automated tools"
    assert by_phrase[("X1.4", "should consider")].qualifies == "use hash matching"
    negated = by_phrase[("X1.5", "technically feasible")]
    assert negated.negated and negated.category == "feasibility"
    assert not by_phrase[("X1.5", "need not")].negated  # the negation is the phrase itself
    summary = code.measures[0].qualifier_summary
    assert summary.loophole_risk == "high"
    assert summary.counts == dict(sorted(Counter(q.category for q in code.measures[0].qualifiers).items()))
    assert any("where it is technically feasible" in r and "take down illegal content" in r for r in summary.reasons)


@pytest.mark.parametrize("kind", PIPELINES)
def test_loophole_risk_levels(kind):
    def risk(core: str, later: str = "The provider should keep a record.") -> str:
        code = _code(
            [Paragraph("X1.1", "This measure applies to all services.", 1), Paragraph("X1.2", core, 1), Paragraph("X1.3", later, 1)]
        )
        flag_qualifiers(code, nlp=_nlp(kind))
        return code.measures[0].qualifier_summary.loophole_risk

    assert risk("The provider should remove the content unless the user objects.") == "high"
    assert risk("The provider should take appropriate steps to remove the content.") == "medium"
    assert risk("The provider should remove the content.", "The record should be kept for a reasonable period.") == "low"
    assert risk("The provider should remove the content swiftly.") == "low"
    assert risk("The provider should remove the content.") == "none"


# ------------------------------------------------------------------------------------------
# The lexicon is data
# ------------------------------------------------------------------------------------------


def test_user_lexicon_overrides_and_extends(tmp_path):
    user = tmp_path / "mine.toml"
    user.write_text(
        """
[[entry]]
id = "discretion.appropriate"
disabled = true

[[entry]]
id = "timing.swiftly"
category = "vague-timing"
pattern = [{LOWER = {IN = ["swiftly", "promptly"]}}]
notes = "our own category"

[[entry]]
id = "mine.robust"
category = "discretion"
phrases = ["robust", "meaningful"]
notes = "words our team treats as open standards"
""",
        encoding="utf-8",
    )
    text = "The provider should take appropriate, robust and swiftly applied steps."
    (default,) = scan_texts([text])
    (custom,) = scan_texts([text], lexicon=user)
    assert [(f.phrase, f.category) for f in default.qualifiers] == [("appropriate", "discretion"), ("swiftly", "timing")]
    assert [(f.phrase, f.category, f.rule) for f in custom.qualifiers] == [
        ("robust", "discretion", "mine.robust"),
        ("swiftly", "vague-timing", "timing.swiftly"),
    ]
    assert "discretion.appropriate" not in load_lexicon(user).entries


def test_user_lexicon_changes_flags_on_a_code(tmp_path):
    user = tmp_path / "mine.toml"
    user.write_text('[[entry]]\nid = "permissive.may"\ndisabled = true\n', encoding="utf-8")
    code = _moderation_measure()
    before = {q.phrase for q in flag_qualifiers(code)}
    after = {q.phrase for q in flag_qualifiers(code, lexicon=user)}
    assert before - after == {"may"}


@pytest.mark.parametrize(
    "body, cause",
    [
        ('[[entry]]\nid = "x"\ncategory = "discretion"\npattern = [{LOWER = {BOGUS = 1}}]\n', "invalid spaCy pattern"),
        ('[[entry]]\nid = "x"\ncategory = "discretion"\n', "no pattern"),
        ('[[entry]]\nid = "x"\ncategory = "discretion"\nphrases = ["a"]\ncolour = "red"\n', "unknown key"),
        ('[[entry]]\ncategory = "discretion"\nphrases = ["a"]\n', "no id"),
        ("[[entry]\n", "not valid TOML"),
        ('[[entry]]\nid = "s"\ncategory = "strength"\nphrases = ["ought"]\nlevel = "kind of"\n', "level"),
        ('[[entry]]\nid = "d"\ncategory = "ignore"\ndep_patterns = [[{RIGHT_ID = "verb", RIGHT_ATTRS = {POS = "VERB"}}]]\n',
         'RIGHT_ID = "mark"'),
        ('[[entry]]\nid = "d"\ncategory = "ignore"\ndep_patterns = [[{RIGHT_ID = "mark", RIGHT_ATTRS = {POS = "VERB"}}, '
         '{LEFT_ID = "nowhere", REL_OP = ">", RIGHT_ID = "x", RIGHT_ATTRS = {}}]]\n', "invalid dependency pattern"),
    ],
)
def test_bad_user_lexicon_gives_one_clear_error(tmp_path, body, cause):
    path = tmp_path / "bad.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        scan_texts(["The provider should act."], lexicon=path)
    assert str(err.value).startswith("bad.toml: ") and cause in str(err.value)


def test_the_shipped_lexicon_passes_spacys_pattern_validator():
    """Compiling skips spaCy's (slow) validator for the shipped lexicon's token patterns: here they are
    validated as written and relaxed, on both pipelines, as every compile used to."""
    from spacy.matcher import Matcher

    from analyser.qualifiers_match import _relax

    lex = load_lexicon()
    shipped = [e for e in lex.entries.values() if e.patterns]
    assert shipped and all(e.source == str(BUILTIN_LEXICON) for e in shipped)
    for nlp in {id(p): p for p in (load_pipeline(trained=True), _blank())}.values():
        checker = Matcher(nlp.vocab, validate=True)
        for e in shipped:
            checker.add(e.id, e.patterns)  # raises on a pattern spaCy would reject
            checker.add(e.id + "~relaxed", [_relax(p) for p in e.patterns])


def test_missing_lexicon_file(tmp_path):
    with pytest.raises(LexiconError, match="nothere.toml: lexicon file not found"):
        load_lexicon(tmp_path / "nothere.toml")


# ------------------------------------------------------------------------------------------
# The ICU-like fixture
# ------------------------------------------------------------------------------------------

# Where the fixture generator's label and this project's labelling policy differ (see the header of
# tests/data/qualifier_eval.toml): "where relevant" is an open standard (discretion), and "relevant"
# alone is too common to flag; "The steps may include ..." is the descriptive "may include", which
# analyser/qualifiers.py decides is not permissive (it lists examples; the duty is in "appropriate steps").
POLICY_DIFFERENCES = {
    ("*", "where relevant", "permissive"): "discretion",
    ("*", "relevant", "discretion"): None,
    ("H2.3", "may", "permissive"): None,
}


def _policy(paragraph: str, phrase: str, category: str) -> str | None:
    for key in ((paragraph, phrase, category), ("*", phrase, category)):
        if key in POLICY_DIFFERENCES:
            return POLICY_DIFFERENCES[key]
    return category


@pytest.fixture(scope="module")
def icu_flagged(icu_code) -> dict[str, Code]:
    out = {"trained": icu_code}  # load_code flagged it with the default (trained if installed) pipeline
    blank = copy.deepcopy(icu_code)
    flag_qualifiers(blank, nlp=spacy.blank("en"))
    out["blank"] = blank
    return out


@pytest.mark.parametrize("kind", PIPELINES)
def test_fixture_placed_qualifiers_are_found_and_hard_negatives_are_not(icu_flagged, icu_expected, kind):
    code = icu_flagged[kind]
    for em in icu_expected["measures"]:
        m = code.measure(em["id"])
        for placed in em["qualifiers"]:
            want = _policy(placed["paragraph"], placed["phrase"], placed["category"])
            hits = [q for q in m.qualifiers if q.paragraph == placed["paragraph"] and placed["phrase"].lower() in q.phrase.lower()]
            if want is None:
                assert not hits, placed
                continue
            assert [q.category for q in hits] == [want], (em["id"], placed, [(q.phrase, q.category) for q in m.qualifiers])
            assert hits[0].item == placed["item"]
            assert hits[0].in_application == placed["in_application"]
        for neg in em["hard_negatives"]:
            para = m.paragraph(neg["paragraph"])
            at = para.text.find(neg["phrase"])
            assert at >= 0
            assert not [q for q in m.qualifiers if q.paragraph == neg["paragraph"] and q.start < at + len(neg["phrase"]) and at < q.end], neg


@pytest.mark.parametrize("kind", PIPELINES)
def test_fixture_offsets_pages_and_summaries_are_consistent(icu_flagged, kind):
    code = icu_flagged[kind]
    total = 0
    for m in code.measures:
        for q in m.qualifiers:
            para = m.paragraph(q.paragraph)
            assert para.text[q.start : q.end] == q.phrase
            assert q.page == para.page and q.measure == m.id
            assert q.in_application == para.is_application
            assert not (q.in_application and q.in_core_obligation)
        assert m.qualifier_summary.counts == dict(sorted(Counter(q.category for q in m.qualifiers).items()))
        assert m.qualifier_summary.reasons
        total += len(m.qualifiers)
    assert total >= 40


def test_fixture_hash_matching_feasibility_is_placed_and_attached(icu_flagged):
    m = icu_flagged["trained"].measure("ICU C9")
    (q,) = [q for q in m.qualifiers if q.category == "feasibility"]
    para = m.paragraph("C9.6")
    assert (q.paragraph, q.item, q.page, q.phrase) == ("C9.6", "(b)", para.page, "where technically feasible")
    assert para.text[q.start : q.end] == "where technically feasible"
    if HAVE_TRAINED:
        # C9.6 restates the core duty of C9.4 (analyse relevant content): high loophole risk
        assert q.qualifies is not None and "analyses relevant content" in q.qualifies
        assert q.in_core_obligation and m.qualifier_summary.loophole_risk == "high"


@pytest.mark.skipif(not HAVE_TRAINED, reason="restatement of the core duty needs the parser")
def test_fixture_content_moderation_loophole_is_high(icu_flagged):
    """ICU C2: 'take the content down ..., unless doing so is not technically feasible' (C2.4)
    restates the core duty of C2.2 ('take down illegal content swiftly'), so it is high risk."""
    m = icu_flagged["trained"].measure("ICU C2")
    feas = next(q for q in m.qualifiers if q.category == "feasibility")
    assert (feas.paragraph, feas.phrase, feas.negated) == ("C2.4", "technically feasible", True)
    assert feas.in_core_obligation and "take" in feas.qualifies and "content" in feas.qualifies
    assert m.qualifier_summary.loophole_risk == "high"
    assert "restates the core obligation" in " ".join(m.qualifier_summary.reasons)
    # blank pipeline: no parse, so only position counts, and C2.4 is outside the core paragraph
    assert icu_flagged["blank"].measure("ICU C2").qualifier_summary.loophole_risk == "low"


def test_fixture_paragraph_strength(icu_flagged):
    code = icu_flagged["trained"]
    strength = {p.number: p.strength for m in code.measures for p in m.paragraphs}
    assert strength["A1.1"] == "none"  # application text
    assert strength["A1.2"] == "should"
    assert strength["A1.3"] == "should consider"  # "The review should consider, in particular: ..."
    assert strength["C7.4"] == "may"  # "Training for volunteers ... may be given in a shorter form"
    assert strength["D12.2"] == "may"  # "The provider may disregard a complaint ..."
    assert strength["C3.3"] == "should"  # "... guidance we published in May 2025 ..." is no 'may'
    applications = [p.strength for m in code.measures for p in m.paragraphs if p.is_application]
    assert set(applications) == {"none"}


def test_flagging_twice_gives_the_same_result(icu_flagged):
    code = copy.deepcopy(icu_flagged["trained"])
    before = code.to_dict()
    flag_qualifiers(code)
    assert code.to_dict() == before


@pytest.mark.parametrize("kind", PIPELINES)
def test_the_matchers_are_compiled_once_per_pipeline_and_lexicon(kind):
    """Compiling validates ~500 patterns (a quarter of a second): a second pass over the same
    pipeline and lexicon must reuse the compiled matchers, including the dependency matcher."""
    from analyser.qualifiers import _compile

    nlp, lex = _nlp(kind), load_lexicon()
    for relaxed in (True, False):
        assert _compile(nlp, lex, relaxed) is _compile(nlp, load_lexicon(), relaxed)
    # dependency rules are compiled for parsed sentences only
    assert _compile(nlp, lex, False).dependencies is not None and _compile(nlp, lex, True).dependencies is None


@pytest.mark.skipif(not HAVE_TRAINED, reason="no trained pipeline")
def test_a_long_code_is_scanned_in_bounded_memory_with_the_same_results(sample_icu_pdf):
    """The scan holds one chunk of tokenised paragraphs and one small parser batch at a time, so its
    peak does not grow with the code: over the sample's paragraphs drawn eight times (about 1,100,
    three chunks) it peaked at 24 MB of Python-allocated memory (spaCy's and thinc's arrays included),
    where holding every doc and parsing 1,000 sentences a batch peaked at 103 MB for 512 paragraphs
    and 159 MB for 1,536. Each text's result depends on that text alone, across chunk boundaries too."""
    import tracemalloc

    from analyser.extract import extract_code

    texts = [p.text for m in extract_code(sample_icu_pdf).measures for p in m.paragraphs]
    many = texts * 8
    nlp = _nlp("trained")
    scan_texts(texts[:5], nlp=nlp)  # the matchers compiled and cached before the count starts
    tracemalloc.start()
    try:
        results = scan_texts(many, nlp=nlp)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(many) > 1024
    assert peak < 50_000_000, f"the scan peaked at {peak / 1e6:.0f} MB"
    n = len(texts)
    assert all(results[i] == results[i % n] for i in range(len(many)))
    assert sum(len(r.qualifiers) for r in results[:n]) > 0
