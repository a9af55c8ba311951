"""Ofcom-shaped wordings of whom a measure covers that had been left unclear, or read with confidence and wrongly: a
heading run into its sentence with a colon ("Compliance training: the provider of ..."), "assessed as carrying a medium
or high risk of ...", "a provider in respect of each of the following services", "Services to which this measure
applies:", "; such providers should ...", a hyphen that may not break a line, "..., and it is likely that children will
access it", "whose users include children", others "encouraged, but not expected, to do the same", and a duty about the
direct messages users receive. The wording is this file's own, after the shapes of the development set dev76.
"""

from __future__ import annotations

from analyser.conditions import parse_application
from analyser.profiles import load_profile
from analyser.vocabulary import vocabulary_for
from clause_reading import clause_reading
from one_measure_code import one_measure_code as _code
from one_measure_code import status_for as _status

ICU = "codes/profiles/icu.toml"


def test_a_heading_run_into_the_sentence_of_whom_with_a_colon_is_taken_off():
    covered = clause_reading("icu", "Compliance training: the provider of a service that has more than 7 million monthly active "
                                    "United Kingdom users, or that is assessed as carrying a medium or high risk of at least two "
                                    "kinds of illegal harm, should make sure that its staff receive training.")
    assert covered(users=8_000_000) is True
    assert covered(users=1000, risks=["fraud=medium", "hate=high"]) is True
    assert covered(users=1000, risks=["fraud=medium"]) is False
    # "Application:" is no heading to take off: its list of services is whom the measure covers
    covered = clause_reading("icu", "Application: large services at medium or high risk of fraud.")
    assert covered(users=8_000_000, risks=["fraud=high"]) is True
    assert covered(users=1000, risks=["fraud=high"]) is False


def test_a_provider_in_respect_of_each_of_the_following_services_is_those_services():
    code = _code(ICU, ["C9.1 This measure applies to a provider in respect of each of the following services:",
                       "(a) a large service that is at medium or high risk of image-based CSAM;",
                       "(b) a service that is at high risk of image-based CSAM and has more than 700,000 monthly active UK users.",
                       "C9.2 The provider should use hash matching."], "ICU C9")
    assert _status(code, ICU, users=800_000, risks=["csam-image=high"]) == "applies"
    assert _status(code, ICU, users=800_000, risks=["csam-image=medium"]) == "exempt"
    covered = clause_reading("icu", "This measure applies to a provider for every service of its that is either large or multi-risk.")
    assert covered(users=8_000_000) is True and covered(users=1000) is False


def test_services_to_which_this_measure_applies_and_such_providers_after_a_semicolon():
    covered = clause_reading("icu", "Services to which this measure applies: large services; multi-risk services.")
    assert covered(users=8_000_000) is True and covered(users=1000, risks=["fraud=high", "hate=high"]) is True
    assert covered(users=1000) is False
    # (a hyphen that may not break a line, U+2011, as PDFs print "multi-risk")
    code = _code(ICU, ["The measure is for providers of services that are large or multi\u2011risk; such providers should set "
                       "and record performance targets for appeals."], "ICU D4")
    assert _status(code, ICU, users=1000) == "exempt"
    assert _status(code, ICU, users=1000, risks=["fraud=high", "hate=high"]) == "applies"


def test_and_it_is_likely_that_children_will_access_it_is_on_every_alternative():
    covered = clause_reading("icu", "Where the service is large or carries a medium or high risk of any kind of illegal harm, and "
                                    "it is likely that children will access it, the provider should make its complaints "
                                    "information available in formats that children can readily understand.")
    assert covered(users=8_000_000) is False
    assert covered(users=8_000_000, features=["likely-accessed-by-children"]) is True
    assert covered(users=1000, risks=["fraud=medium"], features=["likely-accessed-by-children"]) is True
    covered = clause_reading("icu", "Providers of services at medium or high risk of grooming whose users include children should "
                                    "tell child users how to block other users.")
    assert covered(risks=["grooming=high"]) is False
    assert covered(risks=["grooming=high"], features=["likely-accessed-by-children"]) is True


def test_others_encouraged_but_not_expected_to_do_the_same_are_not_covered():
    for other in ("Smaller services at high risk of harassment are encouraged, but not expected, to do the same.",
                  "Providers outside those classes are free to do so."):
        code = _code(ICU, ["Large services that are at medium or high risk of harassment should allow users to filter out "
                           f"content. {other}"], "ICU J8")
        # had been left unclear for every service: the encouragement was read as a sentence that may change whom
        assert _status(code, ICU, users=8_000_000, risks=["harassment=high"]) == "applies"
        assert _status(code, ICU, users=1000, risks=["harassment=high"]) == "exempt"


def test_a_duty_about_direct_messages_received_is_not_every_services_with_confidence():
    code = _code(ICU, ["J9 Blocking strangers", "Providers of services at medium or high risk of grooming should let users block "
                       "all direct messages from accounts they are not connected with."], "ICU J9")
    # a service with no direct messages had been told "applies" with confidence
    assert _status(code, ICU, risks=["grooming=high"]) == "unclear"
    assert _status(code, ICU, risks=["grooming=high"], features=["direct-messaging"]) == "applies"
    # a duty on its own condition ("Where the service lets children receive direct messages, ... also ...") adds no doubt
    code = _code(ICU, ["F4.1 This measure applies to providers of services that are large.",
                       "F4.2 Providers should give children supportive information.",
                       "F4.3 Where the service lets children receive direct messages from users they are not connected with, "
                       "the provider should also show a warning."], "ICU F4")
    assert _status(code, ICU, users=8_000_000) == "applies"


def test_a_label_that_names_services_before_a_colon_is_whom_not_a_heading():
    words = "Large or multi-risk search services: the provider should track evidence of new illegal content in search results."
    prof = load_profile("codes/profiles/ics.toml")
    read = parse_application(words, prof.kind, vocabulary_for(prof.services), prof.measure_id_pattern, prof.application_intros)
    # taken off as a heading, the class had gone and every search service been told "applies" with confidence
    assert not (read.condition.op == "atom" and read.condition.atom == "all"), read.condition
    # as a paragraph it is whom the measure covers (it had been passed over: "applies" to every search service)
    code = _code("codes/profiles/ics.toml", [words], "ICS A5")
    assert _status(code, "codes/profiles/ics.toml", kind="search/general", users=1000) == "exempt"
    assert _status(code, "codes/profiles/ics.toml", kind="search/general", users=8_000_000) == "applies"


def test_a_measures_own_id_before_a_colon_and_another_measure_named_as_the_condition():
    covered = clause_reading("pcu", "PCU D2: every provider should make its complaints system easy to find and easy to use for "
                                    "children of all ages; the provider's size is irrelevant.")
    assert covered(users=1000, features=["likely-accessed-by-children"]) is True
    code = _code(ICU, ["ICU D10 applies where ICU D8 applies to the provider. Such a provider should tell users who appeal how "
                       "the appeal has been decided."], "ICU D10")
    code.measures.append(_code(ICU, ["This measure applies to large services."], "ICU D8").measures[0])
    from analyser.applicability import resolve_applicability
    code = resolve_applicability(code, profile=ICU)
    assert _status(code, ICU, users=8_000_000) == "applies"
    assert _status(code, ICU, users=1000) == "exempt"


def test_used_by_more_than_a_number_of_users_is_that_number():
    covered = clause_reading("icu", "This measure applies to the provider of a service that is (a) large and at medium or high "
                                    "risk of CSAM URLs, or (b) at high risk of CSAM URLs and used by more than 700 000 monthly "
                                    "active UK users.")
    assert covered(users=800_000, risks=["csam-url=high"]) is True
    assert covered(users=500_000, risks=["csam-url=high"]) is False


def test_lettered_items_with_no_and_or_or_between_them_are_read_both_ways():
    code = _code(ICU, ["C9.1 This measure applies to providers of services that are:",
                       "(a) large and at medium or high risk of image-based CSAM;",
                       "(b) at high risk of image-based CSAM and have more than 700,000 monthly active UK users.",
                       "C9.2 The provider should use hash matching."], "ICU C9")
    # read as "and", a large service at medium risk had been left out with confidence
    assert _status(code, ICU, users=8_000_000, risks=["csam-image=medium"]) == "unclear"
    assert _status(code, ICU, users=8_000_000, risks=["csam-image=high"]) == "applies"  # in both readings
    assert _status(code, ICU, users=1000, risks=["csam-image=high"]) == "exempt"  # in neither
