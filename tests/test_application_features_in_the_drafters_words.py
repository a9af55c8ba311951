"""A feature named in the drafter's own words, read as the one feature of the code whose wordings it is clearly nearest
(``feature_likeness``), two such features joined by "and", the reading kept beside an exception the grammar understood,
and every case where that reading is not trusted and the clause stays undecided: two things joined where no cut reads,
a negation, a clause (or another paragraph of the measure) that lets services out, a condition under "not", and a
clause that names a second feature outright. Also two readings that had been confident without the words for it: a
class said with a negation ("share children's data with no one outside your organisation") and a later sentence that
leaves a class out ("... is left out of it, unless ..."). The wording is this file's own.
"""

from __future__ import annotations

from analyser.conditions import describe, parse_application
from analyser.profiles import load_profile
from analyser.vocabulary import vocabulary_for
from one_measure_code import ESAFETY, ICO, ico_status, status_for
from one_measure_code import one_measure_code as _code


def _app(profile: str, text: str):
    prof = load_profile(profile)
    vocab = vocabulary_for(prof.services)
    return parse_application(text, prof.kind, vocab, prof.measure_id_pattern, prof.application_intros), vocab


def test_a_feature_in_other_words_is_read_and_said_to_be_so():
    code = _code(ICO, ["Where a parent or carer can see what the child does online, make sure the child can tell when this "
                       "is happening."], "ICO S11")
    assert ico_status(code, "parental-monitoring") == "applies"
    assert ico_status(code) == "exempt"
    assert ico_status(code, "parental-controls") == "exempt"
    app, vocab = _app(ICO, "Where a parent or carer can see what the child does online, make sure the child can tell.")
    # the officer is shown the drafter's words and the profile's wording they were read as
    said = describe(app.condition, vocab)
    assert "a parent or carer can see what the child does online" in said and "read as nearest to" in said
    r18 = _code(ESAFETY, ["A provider of an app distribution service that makes available apps classified R18+ must confirm "
                          "that an end-user is an adult before such an app is downloaded."], "eSafety ADS 6")
    assert status_for(r18, ESAFETY, kind="app-distribution", features=["allows-r18-apps"]) == "applies"
    assert status_for(r18, ESAFETY, kind="app-distribution") == "exempt"


def test_likeness_is_not_trusted_where_the_words_could_turn_the_answer():
    for text in (
        # two things joined, where the profile's wordings have one
        "Where a parent or carer can see what the child does online or follow where the child is, tell the child.",
        # a negation in the condition
        "Where children cannot change privacy or data settings on the service, explain why.",
        # the clause lets the services it names out
        "If your service is a preventive or counselling service offered directly to children, this code does not cover it.",
        "This standard does not apply where children can change privacy or data settings on the service.",
        # a second feature named outright beside the one in other words
        "If you rely on user reporting to enforce your community standards, act on reports promptly.",
    ):
        app, _vocab = _app(ICO, text)
        assert app.unparsed, text
        code = _code(ICO, [text], "ICO S1")
        assert ico_status(code) == "unclear", text
    # another paragraph of the measure lets some out: the near reading is not trusted there either
    code = _code(ICO, ["Monitoring and confidential support",
                       "This standard applies where a parent or carer can see what the child does online.",
                       "None of this applies to a counselling or preventive service, where the child may speak in confidence."],
                 "ICO S11")
    assert ico_status(code, "parental-monitoring") != "applies"


def test_a_class_said_with_a_negation_is_not_a_narrower_class():
    # read as "services that share data" with the rest as a restriction, every service without sharing had been "applies"
    code = _code(ICO, ["This part does not apply if you share children's data with no one outside your organisation."], "ICO S9")
    assert ico_status(code) == "unclear"


def test_a_later_sentence_that_leaves_a_class_out_is_no_second_group():
    code = _code(ICO, ["This part is for you if you profile children. Profiling that your core service depends on is left out "
                       "of it, unless you also use that profile to choose which adverts a child is shown."], "ICO S12")
    # read as "profiling, or (the words)", a service whose only profiling is its core service's had been "applies"
    assert ico_status(code, "profiling", "core-profiling") != "applies"
    assert ico_status(code) == "exempt"


def test_two_features_in_other_words_joined_by_and():
    code = _code(ICO, ["If you publish community standards and rely on reports from users to uphold them, make the reporting "
                       "tools easy for a child to find."], "ICO S6")
    assert ico_status(code, "community-standards", "user-reporting") == "applies"
    assert ico_status(code, "community-standards") == "exempt"
    assert ico_status(code, "user-reporting") == "exempt"


def test_beside_an_exception_the_grammar_understood_the_reading_stands():
    code = _code(ICO, ["If your service allows parents to monitor their child's activity, tell the child when monitoring is on.",
                       "This does not apply where your service is a preventive or counselling service."], "ICO S11")
    assert ico_status(code, "parental-monitoring") == "applies"
    assert ico_status(code, "parental-monitoring", "counselling-service") == "exempt"
    assert ico_status(code) == "exempt"
