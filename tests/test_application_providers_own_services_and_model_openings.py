"""Whom a measure covers, said of the providers' own services or of the Signatories' own models, and wordings that had
been read with confidence though they say something else: "providers as regards each service of theirs that is large or
multi-risk" (the whole clause had been unclear), "at any level of risk", "their systemic-risk models" and "a model
classed as having systemic risk" (every Signatory had been bound), "Signatories employing fewer than 250 people" (a
count of staff read as a count of users), "the app is covered by the rest of this code and this standard does not add
to it", a condition carried over by "If so, ..." (the duty had been every service's), an ICO standard's number and name
before its words, a comma before the last of mixed "and" and "or", and a run of measures ("any of PCU B1 to PCU B4").
The wording is this file's own, after the shapes of the retired held-out sets dev98 and dev99 and the development sets
dev100 and dev101.
"""

from __future__ import annotations

from analyser.condition_tree import atoms_of
from analyser.conditions import parse_application
from analyser.profiles import load_profile
from analyser.vocabulary import vocabulary_for
from clause_reading import clause_reading as _reading
from one_measure_code import GPAI, ICO, gpai_status, ico_status
from one_measure_code import one_measure_code as _code
from one_measure_code import status_for as _status

SMALL = dict(users=1000)
LARGE = dict(users=8_000_000)
AT_RISK = dict(risks=["fraud=high", "grooming=high", "hate=medium"])


def _child(*features: str) -> dict:
    """An online service likely to be accessed by children (the ICO code covers only these), with ``features``."""
    return dict(kind="online-service", features=["likely-accessed-by-children", *features])


def test_each_service_of_theirs_is_every_service_the_providers_provide():
    for words in ("This measure applies to providers as regards each service of theirs that is large or multi-risk.",
                  "This measure applies to a provider as regards each service of its that is large or multi-risk.",
                  "This measure applies to providers as regards each service of their own that is large or multi-risk."):
        covered = _reading("icu", words)
        assert covered(**LARGE) is True, words
        assert covered(**SMALL, **AT_RISK) is True, words
        assert covered(**SMALL) is False, words
    every = _reading("pcu", "This measure applies to providers as regards each service of theirs, of any size and at any "
                            "level of risk.")
    assert every(**SMALL) is True
    searched = _reading("ics", "This measure applies to providers as regards each general search service of theirs that is "
                               "large.")
    assert searched(kind="search", search_type="general", **LARGE) is True
    assert searched(kind="search", search_type="general", **SMALL) is False
    # "at any level of risk" after a class keeps the class
    assert _reading("icu", "This measure applies to large services at any level of risk.")(**SMALL) is False


def test_the_models_with_systemic_risk_a_duty_names_are_whom_it_binds():
    for words in ("Signatories will apply safety mitigations to their models with systemic risk along the whole lifecycle.",
                  "Signatories will analyse each identified risk of their systemic-risk models, using evaluations and "
                  "other information.",
                  "Before placing a general-purpose AI model classed as having systemic risk on the market, Signatories "
                  "will report to the AI Office on the model and its systemic risk assessment."):
        code = _code(GPAI, [words], "GPAI Safety and Security Measure 9.1")
        # read as every Signatory's duty, a provider with no such model had been bound with confidence
        assert gpai_status(code) == "exempt", words
        assert gpai_status(code, "systemic-risk") == "applies", words
    # a model placed on the market with no class said: every Signatory's, when it falls due
    placed = _code(GPAI, ["Before placing a model on the market, Signatories will notify the AI Office."], "GPAI T 1.1")
    assert gpai_status(placed) == "applies"


def test_a_count_of_staff_is_not_a_count_of_users():
    prof = load_profile(GPAI)
    app = parse_application("Signatories employing fewer than 250 people may hand the handling of complaints to an outside "
                            "service.", prof.kind, vocabulary_for(prof.services), prof.measure_id_pattern,
                            prof.application_intros)
    # read as "fewer than 250 users", the measure had been decided from a number the profile does not hold
    assert not any(a.atom == "users" for a in atoms_of(app.condition))
    # fewer than 250 staff is the EU's own line for an SME, the class the GPAI profile holds
    assert not app.unparsed and any(a.atom == "feature" and a.params.get("name") == "sme" for a in atoms_of(app.condition))
    # people who use a service are still its users
    assert _reading("icu", "This measure applies to services used by more than 7 million people each month.")(**LARGE) is True


def test_a_product_whose_app_the_rest_of_the_code_covers_is_let_out():
    code = _code(ICO, ["14. Connected toys and devices",
                       "If you make or supply a connected toy or device, include effective tools so that it conforms to "
                       "this code. If the device collects personal data only through a linked app, the app is covered by "
                       "the rest of this code and this standard does not add to it."], "ICO 14")
    assert ico_status(code, "connected-toy") == "applies"
    # read as a second group not understood, a toy whose app does the collecting had been told "applies"
    assert ico_status(code, "connected-toy", "app-only-collection") == "exempt"
    assert ico_status(code) == "exempt"


def test_a_condition_carried_over_by_if_so_is_never_every_service():
    code = _code(ICO, ["A service with both adult and child users may have no means of telling them apart.",
                       "If so, it should give everyone the protections set out in this code."], "ICO 3")
    # passed over, the duty had been every service's with confidence
    assert ico_status(code) == "unclear"
    assert ico_status(code, "mixed-audience") == "unclear"


def test_a_standards_number_and_name_before_its_words():
    code = _code(ICO, ["10. Geolocation: if your service offers geolocation options, switch them off by default unless "
                       "you can demonstrate a compelling reason otherwise."], "ICO 10")
    # the number and the name had been read as sentences not understood
    assert ico_status(code, "geolocation") == "applies"
    assert ico_status(code) == "exempt"
    # a statement of whom after a number keeps its words
    listed = _code("icu", ["1. This measure applies to: large services; and multi-risk services."], "ICU C4")
    assert _status(listed, "icu", **LARGE) == "applies"
    assert _status(listed, "icu", **SMALL) == "exempt"


def test_a_comma_before_the_last_of_and_and_or_leaves_two_readings():
    covered = _reading("ics", "This measure applies to providers of search services that are likely to be accessed by "
                              "children and are large, or are at medium or high risk of some kind of illegal harm.")
    children = dict(features=["likely-accessed-by-children"])
    assert covered(**LARGE, **children) is True
    assert covered(**SMALL) is False
    # at risk but not used by children: "(children and large) or at risk" covers it, "children and (large or at risk)"
    # does not; read one way only, it had been "applies" with confidence
    assert covered(**SMALL, **AT_RISK) is None


def test_a_run_of_measures_names_every_measure_in_it():
    prof = load_profile("pcu")
    vocab = vocabulary_for(prof.services)

    def measures(words: str) -> list[str]:
        app = parse_application(words, prof.kind, vocab, prof.measure_id_pattern, prof.application_intros)
        assert not app.unparsed, app.unparsed
        return [a.params["id"] for a in atoms_of(app.condition) if a.atom == "measure"]

    named = measures("This measure applies to providers of services to which any of PCU B1 to PCU B4 applies.")
    # read as its two ends, PCU B2 and PCU B3 had been dropped
    assert sorted(named) == ["PCU B1", "PCU B2", "PCU B3", "PCU B4"]
    # "any of" a list: one of them is enough
    app = parse_application("This measure applies to providers of services to which any of PCU B1, PCU B2 or PCU B3 "
                            "applies.", prof.kind, vocab, prof.measure_id_pattern, prof.application_intros)
    assert app.condition.op == "or"
    # a list that is no run stays as it is
    assert sorted(measures("This measure applies to services to which PCU B1 or PCU B5 applies.")) == ["PCU B1", "PCU B5"]


def test_negated_modifiers_before_the_noun_are_one_list():
    for words in ("Not large and not multi-risk", "Services that are not large and not multi-risk"):
        covered = _reading("icu", words)
        # read as "not large or not multi-risk", a large service at low risk had been covered with confidence
        assert covered(**LARGE) is False, words
        assert covered(**SMALL) is True, words
        assert covered(**SMALL, **AT_RISK) is False, words
    before_noun = _reading("icu", "This measure applies to large and not multi-risk services.")
    # "large and not multi-risk services": both, or either group ("and" joining groups); read as "large or not
    # multi-risk", a small service at low risk had been covered with confidence
    assert before_noun(**LARGE) is True
    assert before_noun(**SMALL) is None
    # after the verb, "large and not multi-risk" is still both
    after_verb = _reading("icu", "This measure applies to services that are large and not multi-risk.")
    assert after_verb(**SMALL) is False
    assert after_verb(**LARGE, **AT_RISK) is False


def test_a_standard_said_of_a_thing_is_every_services():
    for words in ("Settings must be high privacy by default unless you can demonstrate a compelling reason for a different "
                  "default, taking account of the best interests of the child.",
                  "The best interests of the child should be a primary consideration when you design and develop online "
                  "services likely to be accessed by a child.",
                  "Privacy information must be concise and prominent."):
        covered = _reading(ICO, words)
        # left as words not understood, the standard had been unclear for every service
        assert covered(**_child()) is True, words
    # a thing a feature names: the feature's services, or every service (decided where the two agree)
    named = _reading(ICO, "Geolocation options must be off by default.")
    assert named(**_child("geolocation")) is True
    assert named(**_child()) is None


def test_the_codes_compelling_reason_proviso_is_no_condition_on_whom():
    for words in ("Unless you can show a compelling reason that serves the child's best interests, every setting should "
                  "start at its most private position.",
                  "A child's personal data should not be passed to anyone else unless you have a compelling reason, judged "
                  "against the child's best interests, for doing so."):
        covered = _reading(ICO, words)
        # left as words not understood, the standard had been unclear for every service
        assert covered(**_child()) is True, words
    # a condition on the service before an instruction still says whom
    streams = _reading(ICO, "If children can livestream on your service, cover in your DPIA the risk of them revealing "
                            "where they are.")
    assert streams(**_child("livestreaming")) is True
    assert streams(**_child()) is False
    # a release from "this part of the standard" is a release, never the class covered (read as whom, a service with no
    # age assurance had been told "applies" with confidence)
    part = _reading(ICO, "If you use age assurance, tell children what checks you make and why. If you do not use any form "
                         "of age assurance, this part of the standard does not apply to you.")
    assert part(**_child()) is False
    assert part(**_child("age-assurance")) is True
    unchecked = _reading(ICO, "If you do not use age assurance, the standards in this code apply to all your users, adults "
                              "included.")
    assert unchecked(**_child("age-assurance")) is False
    assert unchecked(**_child()) is True
