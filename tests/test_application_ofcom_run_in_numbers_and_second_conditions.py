"""Ofcom application wording whose shape, not its words, had kept it from being read: a measure's whole number run
into its first sentence ("ICU F3 [inserted 2026] This measure applies to ..."), two groups set off by commas after a
paragraph number, a second condition after the duty ("... if its service is large ..., or if its service has more than
700,000 ..."), "A provider should ...", "applies to a service only if it is neither ... nor ...", "in respect of each of
their services", "large and multi-risk search services alike", the content scope said with its users ("content that
users communicate publicly on the service") and users who do the thing without "can" ("on which users comment on one
another's content", "on which children broadcast live"). The second condition had been dropped, so a service meeting it
alone was told "exempt" with confidence; the others had been left unclear. The wording is this file's own, after the
shapes of the development set dev86.
"""

from __future__ import annotations

from clause_reading import clause_reading as _reading
from one_measure_code import one_measure_code as _code
from one_measure_code import status_for as _status

LARGE = 8_000_000
MID = 900_000  # more than 700,000 monthly UK users, not large


def test_a_second_condition_after_the_duty_is_an_alternative_not_dropped():
    words = ("C14.1 A provider should use perceptual hash matching to find terrorism content shared publicly if its service "
             "is large and at medium or high risk of terrorism, or if its service has more than 700,000 monthly active UK "
             "users and is at high risk of terrorism.")
    covered = _reading("icu", words)
    assert covered(kind="u2u", users=MID, risks=["terrorism=high"]) is True  # had been False: the second condition dropped
    assert covered(kind="u2u", users=LARGE, risks=["terrorism=medium"]) is True
    assert covered(kind="u2u", users=MID, risks=["terrorism=medium"]) is False
    assert covered(kind="u2u", users=1000, risks=["terrorism=high"]) is False
    # in a measure with no other sentence of whom, a service meeting the second condition alone is covered either way
    code = _code("codes/profiles/icu.toml", [words], "ICU C14")
    assert _status(code, kind="u2u", users=MID, risks=["terrorism=high"]) == "applies"


def test_or_if_the_service_after_an_application_sentence():
    covered = _reading("icu", "This measure applies if the service is large, or if the service has more than 700,000 "
                              "monthly active UK users.")
    assert covered(kind="u2u", users=MID) is True
    assert covered(kind="u2u", users=1000) is False


def test_the_measures_own_number_run_into_its_first_sentence():
    code = _code("codes/profiles/icu.toml", ["ICU F3 [inserted 2026] This measure applies to services that let children "
                                             "livestream to an audience and are at medium or high risk of grooming.",
                                             "F3.2 The provider should stop other users recording children's livestreams."],
                 "ICU F3")
    assert _status(code, kind="u2u", features=["livestreaming"], risks=["grooming=high"]) == "applies"
    assert _status(code, kind="u2u", risks=["grooming=high"]) == "exempt"
    # the number is the measure's own, never read as another measure's ("services to which ICU C15 applies")
    own = _code("codes/profiles/icu.toml", ["ICU C15 [inserted 2026] Providers of services with more than 700,000 monthly "
                                            "active UK users that are at high risk of image-based CSAM should assess "
                                            "whether proactive technology is available."], "ICU C15")
    assert _status(own, kind="u2u", users=MID, risks=["csam-image=high"]) == "applies"
    assert _status(own, kind="u2u", users=1000, risks=["csam-image=high"]) == "exempt"


def test_a_condition_first_after_the_measures_number_in_a_search_code():
    code = _code("codes/profiles/ics.toml", ["ICS F2 [inserted 2026] If a search service offers predictive search and is at "
                                             "medium or high risk of encouraging or assisting suicide, the provider should "
                                             "not suggest searches that lead to methods of suicide."], "ICS F2")
    assert _status(code, "ics", kind="search", search_type="general", features=["predictive-search"], risks=["encouraging-suicide=medium"]) == "applies"
    assert _status(code, "ics", kind="search", search_type="general", features=["predictive-search"]) == "exempt"


def test_two_groups_set_off_by_commas_after_a_paragraph_number():
    for profile, kind, words in (
            ("icu", "u2u", "D8.1 Large services, and services that are multi-risk, should set targets for how quickly "
                           "they decide appeals."),
            ("ics", "search", "C4.1 Large search services, and search services that are multi-risk, should set targets "
                              "for their search moderation."),
            ("ics", "search", "This measure is for large and multi-risk search services alike.")):
        covered = _reading(profile, words)
        service = dict(kind=kind, search_type="general") if kind == "search" else dict(kind=kind)
        assert covered(**service, users=LARGE) is True, words
        assert covered(**service, users=1000, risks=["hate=medium", "fraud=medium"]) is True, words
        assert covered(**service, users=1000) is False, words


def test_only_if_said_of_one_service():
    covered = _reading("icu", "This measure applies to a service only if it is neither large nor multi-risk.")
    assert covered(kind="u2u", users=1000) is True
    assert covered(kind="u2u", users=LARGE) is False
    assert covered(kind="u2u", users=1000, risks=["hate=medium", "fraud=medium"]) is False


def test_every_provider_in_respect_of_each_of_their_services():
    covered = _reading("icu", "This measure is recommended for all providers, in respect of each of their services.")
    assert covered(kind="u2u", users=1000) is True


def test_the_content_scope_said_with_its_users():
    code = _code("codes/profiles/icu.toml", ["C9.1 This measure applies to providers of large services at medium or high "
                                             "risk of image-based CSAM.",
                                             "C9.2 The measure applies in relation to content that users communicate "
                                             "publicly on the service."], "ICU C9")
    measure = code.measures[0]
    assert "public-content" in measure.applicability.scope
    assert not measure.applicability.unparsed


def test_users_and_children_who_do_the_thing_without_can():
    covered = _reading("icu", "This measure applies to large services on which users comment on one another's content and "
                              "which are at medium or high risk of harassment.")
    assert covered(kind="u2u", users=LARGE, features=["commenting"], risks=["harassment=high"]) is True
    assert covered(kind="u2u", users=LARGE, risks=["harassment=high"]) is False
    live = _reading("pcu", "This measure applies to services on which children broadcast live to other users.")
    assert live(kind="u2u", features=["livestreaming"]) is True
    assert live(kind="u2u") is False
