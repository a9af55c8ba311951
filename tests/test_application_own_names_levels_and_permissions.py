"""Wordings that had been read with confidence and wrongly, or left unclear, each now read as a careful lawyer reads
them or left unclear: a measure that names itself by its code and number after its paragraph's number ("C13.1 ICU C13
applies to ..."), a title run into a lower-case sentence of whom ("Sanctions for repeated breaches [inserted 2026]:
this measure is for ..."), "high risk of two or more kinds" (not multi-risk, which is medium or high), a permission
beside a duty that stays with everyone ("; the Report itself is still due"), later paragraphs that let a class out
("SMEs need not produce this report", "It does not reach counselling services", "fall outside the definition of an
information society service"), a give-back ("... is not excluded"), "Before making a model's parameters downloadable",
"Signatories to which Measure 1.2 does not apply", a duty after a colon whatever its subject ("...: staff should ..."),
"applies where the search service is ...", "..., and asks them to ...", "When they crawl the web". The wording is this
file's own, after the shapes of the development sets.
"""

from __future__ import annotations

import pytest
from clause_reading import clause_reading
from one_measure_code import one_measure_code as _code
from one_measure_code import status_for as _status
from one_measure_code import GPAI, ICO, gpai_status as _gpai

CHILDREN = ["likely-accessed-by-children"]  # the ICO code and the PCU code cover only these services


def test_a_measure_named_by_its_code_after_its_paragraph_number_is_read():
    code = _code("icu", ["C13 Hash matching for intimate image abuse",
                         "C13.1 ICU C13 applies to providers of large services at medium or high risk of intimate image "
                         "abuse.", "C13.2 The provider should use perceptual hash matching to detect such images."],
                 measure_id="ICU C13")
    # a small service at no risk had been "applies" with confidence: the paragraph was not taken for application text
    assert _status(code, "icu", users=50_000, risks=[]) == "exempt"
    assert _status(code, "icu", users=9_000_000, risks=["intimate-image-abuse=medium"]) == "applies"
    assert _status(code, "icu", users=9_000_000, risks=["fraud=high"]) == "exempt"
    # (a control) another measure's number is not this measure's
    other = _code("icu", ["ICU C14 applies to providers of large services.", "The provider should keep records."],
                  measure_id="ICU C13")
    assert _status(other, "icu", users=50_000, risks=[]) != "exempt"


def test_a_title_run_into_a_lower_case_sentence_of_whom():
    code = _code("icu", ["Sanctions for repeated breaches [inserted 2026]: this measure is for providers of services that "
                         "are large or at risk of two or more kinds of illegal harm. The provider should apply escalating "
                         "sanctions."])
    assert _status(code, "icu", users=50_000, risks=["fraud=medium"]) == "exempt"  # had been "applies"
    assert _status(code, "icu", users=50_000, risks=["fraud=medium", "hate=high"]) == "applies"
    assert _status(code, "icu", users=9_000_000, risks=[]) == "applies"
    # (a control) a condition before the colon is no title
    where = _code("icu", ["Where the service is large: this measure applies to it. The provider should apply sanctions."])
    assert _status(where, "icu", users=50_000, risks=[]) != "applies"


def test_high_risk_of_two_or_more_kinds_keeps_its_level():
    code = _code("pcu", ["This measure is for large services and for services at high risk of two or more kinds of "
                         "content harmful to children. The provider should apply sanctions to users who repeatedly post "
                         "such content."])
    # two kinds at medium risk make a service multi-risk, but not at high risk of two kinds: it had been "applies"
    assert _status(code, "pcu", features=CHILDREN, users=50_000, risks=["bullying=medium", "violence=medium"]) == "exempt"
    assert _status(code, "pcu", features=CHILDREN, users=50_000, risks=["bullying=high", "violence=high"]) == "applies"
    assert _status(code, "pcu", features=CHILDREN, users=50_000, risks=["bullying=high", "violence=medium"]) == "exempt"
    # (a control) "medium or high risk of two or more kinds" is multi-risk, as the codes define it
    multi = _code("pcu", ["This measure is for services at medium or high risk of two or more kinds of content harmful "
                          "to children."])
    assert _status(multi, "pcu", features=CHILDREN, users=50_000, risks=["bullying=medium", "violence=medium"]) == "applies"


def test_a_permission_beside_a_duty_that_stays_with_everyone_is_no_scope():
    for after in ("the duty to document every model remains with every Signatory", "the Report itself is still due"):
        code = _code(GPAI, [f"Signatories that are SMEs or SMCs may give less detail in their Model Report; {after}."])
        # a Signatory that is neither had been "exempt" with confidence: the permission's subject was read as the scope
        assert _gpai(code) == "applies", after
        assert _gpai(code, "sme") == "applies", after
    # (a control) a permission alone is still a measure for those it is given to, and perhaps for all (unclear for others)
    alone = _code(GPAI, ["Signatories that are SMEs may give less detail in their Model Report."])
    assert _gpai(alone) == "unclear" and _gpai(alone, "sme") == "applies"


def test_a_later_paragraph_that_lets_small_providers_out_is_read_or_left_unclear():
    for release in ("SMEs need not produce this report.", "Smaller providers may skip this report."):
        code = _code(GPAI, ["Measure 1.6 Annual copyright report", "Signatories will report once a year on how their "
                            "copyright policy has been applied.", release])
        # an SME had been "applies" with confidence: the paragraph was never read
        assert _gpai(code, "sme") in ("exempt", "unclear"), release
    # (a control) a release of part of the duty written as a plain duty is not read as whom
    part = _code(GPAI, ["Measure 1.6 Annual copyright report", "Signatories will report once a year.",
                        "The report may omit trade secrets."])
    assert _gpai(part, "sme") == "applies"


def test_a_part_that_applies_if_you_do_something_is_application_text():
    code = _code(ICO, ["12.3 Advertising", "Profiling to serve children behaviourally targeted adverts is never part of "
                       "your core service. If you serve such adverts, this part applies to you even where the rest of "
                       "your profiling is essential."])
    # a service with no adverts had been "applies" with confidence, the paragraph read as a duty for everyone
    assert _status(code, ICO, kind="online-service", features=CHILDREN) != "applies"
    plain = _code(ICO, ["12.3 Advertising", "Adverts are a common source of profiling. If you serve children behaviourally "
                        "targeted advertising, this part applies to you."])
    assert _status(plain, ICO, kind="online-service", features=CHILDREN) == "exempt"
    assert _status(plain, ICO, kind="online-service", features=[*CHILDREN, "targeted-advertising"]) == "applies"


@pytest.mark.parametrize("release", [
    "It does not reach preventive or counselling services provided directly to a child, such as a helpline's online chat.",
    # outside the definition of the services the code is for is outside the code
    "Preventive or counselling services offered directly to a child fall outside the definition of an information "
    "society service.",
])
def test_a_code_that_does_not_reach_counselling_services_lets_them_out(release):
    code = _code(ICO, ["Services covered by this code", "This code is for providers of information society services "
                       "that children in the UK are likely to use.", release])
    # a counselling service had been "applies" with confidence
    assert _status(code, ICO, kind="online-service", features=[*CHILDREN, "counselling-service"]) == "exempt"
    assert _status(code, ICO, kind="online-service", features=CHILDREN) == "applies"


def test_outside_the_definition_of_a_class_the_code_is_not_for_is_no_exemption():
    # "a large service" is a class inside the code: outside its definition a service is only not large (read as outside
    # the code, every service under 7 million users had been exempt with confidence)
    code = _code("icu", ["This measure applies to providers of user-to-user services. Services with fewer than 7 million "
                         "users fall outside the definition of a large service."])
    assert _status(code, "icu", users=50_000, risks=[]) != "exempt"


def test_standards_1_to_15_apply_to_is_application_text():
    # "Standards 1 to 15 apply to ...": the paragraph had not been taken for application text (counselling services were
    # covered with confidence, the feature named in a duty for everyone); it is now read, or left unclear
    standards = _code(ICO, ["Services covered by this code", "Standards 1 to 15 apply to the online services this code "
                            "covers, other than preventive or counselling services offered to children.",
                            "Each standard should be read with the others."])
    assert _status(standards, ICO, kind="online-service", features=[*CHILDREN, "counselling-service"]) != "applies"


def test_a_release_from_some_of_the_paragraphs_is_read_or_left_unclear():
    code = _code(ICO, ["14.3 Toys that gather data only through an app", "Where the toy itself collects no personal "
                       "data and everything is gathered through a companion app, you do not need to follow 14.4 to "
                       "14.6; the app is covered by the rest of the code."])
    # a toy that collects data through the app only had been "applies" with confidence: the paragraph was never read
    assert _status(code, ICO, kind="online-service", features=CHILDREN) != "applies"


def test_before_publishing_the_weights_is_an_activity_of_some_not_a_time_for_all():
    for text in ("Before making the parameters of a model downloadable by anyone, Signatories will assess whether the "
                 "release could let others remove its safety mitigations.",
                 "Before a Signatory makes a model's parameters available for download, it will assess whether that "
                 "release raises the model's systemic risk."):
        code = _code(GPAI, ["Measure 5.3 Release of parameters", text])
        # a Signatory that never publishes its weights had been "applies" with confidence
        assert _gpai(code) != "applies", text
    # before placing a model with systemic risk on the market: for those models, never every Signatory's
    some = _code(GPAI, ["Commitment 7 Model Reports", "Before placing a model with systemic risk on the market, "
                        "Signatories will send the AI Office a Model Report on it."])
    assert _gpai(some) != "applies"
    # (controls) what every Signatory does before placing a model on the market is a time; so is "Before you launch"
    market = _code(GPAI, ["Measure 1.1 Documentation", "Before placing a model on the market, Signatories will "
                          "document it."])
    assert _gpai(market) == "applies"
    launch = _code(ICO, ["2. Data protection impact assessments", "Before you launch, carry out a DPIA."])
    assert _status(launch, ICO, kind="online-service", features=CHILDREN) == "applies"


def test_signatories_to_which_another_measure_does_not_apply():
    from analyser.applicability import resolve_applicability
    from analyser.evaluate import evaluate
    from analyser.profiles import load_profile
    from analyser.service import service_from_options
    from analyser.vocabulary import vocabulary_for

    code = _code(GPAI, ["Measure 1.2 Crawling", "Signatories that use web-crawlers will obey robots.txt."],
                 measure_id="Measure 1.2")
    code.measures += _code(GPAI, ["Measure 1.6 Sources", "Signatories to which Measure 1.2 does not apply will instead "
                                  "state where their training data comes from."], measure_id="Measure 1.6").measures
    resolve_applicability(code, profile=GPAI)
    vocab = vocabulary_for(load_profile(GPAI).services)

    def status(*features: str) -> dict[str, str]:
        service = service_from_options(vocab=vocab, kind="gpai-provider", features=list(features))
        return {r.measure: r.status for r in evaluate(code, service)}

    # Measure 1.6 had been unclear for everyone ("Signatories to which ..." was not read as a subject)
    assert status() == {"Measure 1.2": "exempt", "Measure 1.6": "applies"}
    assert status("web-crawler") == {"Measure 1.2": "applies", "Measure 1.6": "exempt"}


def test_a_request_with_an_aside_and_an_obligation_unchanged_say_nothing_of_whom():
    # as application text each had been left unread, so the measure was unclear for every Signatory
    request = clause_reading(GPAI, "On a request from the AI Office, made on its own initiative or at the request of "
                                   "a national authority, Signatories will supply the documentation it asks for.")
    assert request(kind="gpai-provider") is True
    unchanged = clause_reading(GPAI, "Signatories that are SMEs or SMCs may ask the AI Office for help in arranging "
                                     "evaluator access; the obligation to provide that access is unchanged.")
    assert unchanged(kind="gpai-provider") is True and unchanged(kind="gpai-provider", features=["sme"]) is True


def test_a_service_that_is_not_excluded_is_given_back():
    code = _code(ICO, ["Services covered by this code", "This code does not apply to preventive or counselling services "
                       "offered to children. A counselling service that also serves behaviourally targeted adverts is "
                       "not excluded."])
    # read, the first sentence let every counselling service out with confidence, the second having been passed over
    assert _status(code, ICO, kind="online-service",
                   features=[*CHILDREN, "counselling-service", "targeted-advertising"]) == "applies"
    assert _status(code, ICO, kind="online-service", features=[*CHILDREN, "counselling-service"]) == "exempt"


def test_a_duty_after_a_colon_whatever_its_subject():
    # the class ends at the colon; the duty after it (staff, users, children should ...) had been read as part of the
    # class, so the measure was unclear for every service
    staff = _code("icu", ["This measure is recommended for any service that is large or that is multi-risk: staff whose "
                          "work bears on the provider's compliance with its illegal content duties should be trained on "
                          "those duties."])
    assert _status(staff, "icu", users=9_000_000, risks=[]) == "applies"
    assert _status(staff, "icu", users=50_000, risks=["fraud=medium"]) == "exempt"
    feedback = _code("pcu", ["This measure applies to large services which have a content recommender system: children "
                             "should be able to give negative feedback on content recommended to them."])
    # "content recommended to them" is what the recommender shows, not a measure recommended for someone
    assert _status(feedback, "pcu", features=[*CHILDREN, "recommender"], users=9_000_000) == "applies"
    assert _status(feedback, "pcu", features=CHILDREN, users=9_000_000) == "exempt"


def test_applies_where_the_search_service_is():
    code = _code("ics", ["This measure applies where the search service is large or is at medium or high risk of any "
                         "kind of illegal harm."])
    # had been unclear for every search service ("the search service" was not taken for the service)
    assert _status(code, "ics", kind="search", search_type="general", users=9_000_000) == "applies"
    assert _status(code, "ics", kind="search", search_type="general", users=50_000, risks=["fraud=medium"]) == "applies"
    assert _status(code, "ics", kind="search", search_type="general", users=50_000, risks=[]) == "exempt"


def test_applies_to_a_class_and_asks_them_and_when_they_crawl():
    code = _code("ics", ["This measure applies to search services that are large, or are multi-risk, and asks them to "
                         "set performance targets for search moderation."])
    # "and asks them to ..." had been read as part of the class, so every search service was unclear
    assert _status(code, "ics", kind="search", search_type="general", users=9_000_000) == "applies"
    assert _status(code, "ics", kind="search", search_type="general", users=50_000, risks=["fraud=medium"]) == "exempt"
    crawl = _code(GPAI, ["Measure 1.3 Crawling", "When they crawl the web, Signatories will leave out websites that "
                         "courts have recognised as persistently infringing copyright."])
    # a Signatory that does not crawl had been unclear (the duty for all, or only for those who crawl?)
    assert _gpai(crawl) == "exempt" and _gpai(crawl, "web-crawler") == "applies"
