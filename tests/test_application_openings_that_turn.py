"""Openings that say whom in a turned-round way and had left the whole clause unread: "does not apply except to",
"applies not only to X but also to Y", a purpose before the application ("To protect ..., this measure applies to"), a
paragraph "Subject to H2.3, ..." whose exception follows, a running header with "Page 61" inside a sentence, and asides
that cover every service ("and whether or not ...", "however many children use them", "within the code's scope"). The
wording is this file's own, after the shapes of a development set (dev38).
"""

from __future__ import annotations

from clause_reading import clause_reading
from one_measure_code import one_measure_code as _code
from one_measure_code import status_for as _status


def test_does_not_apply_except_to_is_only_to():
    read = clause_reading("ics", "This measure does not apply except to vertical search services at high risk of fraud.")
    assert read(kind="search/vertical", risks=["fraud=high"]) is True
    assert read(kind="search/general", risks=["fraud=high"]) is False
    assert read(kind="search/vertical", risks=["fraud=low"]) is False


def test_not_only_to_one_group_but_also_to_another_is_both():
    read = clause_reading("icu", "This measure applies not only to large services but also to services at high risk of hate.")
    assert read(users=8_000_000) is True
    assert read(risks=["hate=high"]) is True
    assert read(users=8_000) is False


def test_a_purpose_before_the_application_says_nothing_of_whom():
    read = clause_reading("icu", "To protect users who livestream, this measure applies to all large services.")
    assert read(users=8_000_000) is True and read(users=8_000) is False


def test_subject_to_a_later_paragraph_reads_that_paragraph_as_the_exception():
    code = _code("icu", ["H7.1 Subject to H7.3, this measure applies to all services that allow users to post content.",
                         "H7.2 The provider should warn users who repeatedly post illegal content.",
                         "H7.3 This measure does not apply to a service that has fewer than 700,000 monthly active UK users "
                         "and is at low risk of every kind of illegal harm."])
    assert _status(code, features=["posting-content"], users=8_000_000) == "applies"
    assert _status(code, features=["posting-content"], users=8_000) == "exempt"  # every risk low: in the exception
    assert _status(code, features=["posting-content"], users=8_000, risks=["hate=high"]) == "applies"


def test_a_running_header_with_its_page_number_inside_a_sentence_is_no_words_of_it():
    read = clause_reading("icu", "This measure applies to services that are large, Illegal content Codes of Practice for "
                                 "user-to-user services Page 61 and that have a content recommender system.")
    assert read(users=8_000_000, features=["recommender"]) is True
    assert read(users=8_000_000) is False


def test_asides_that_cover_every_service_restrict_nothing():
    every = clause_reading("icu", "This measure applies to all providers of user-to-user services, of whatever size, and whether "
                                  "or not any of their private messaging is end-to-end encrypted.")
    assert every(users=10) is True and every(features=["direct-messaging", "e2ee"]) is True
    few = clause_reading("icu", "This measure applies to services that allow livestreaming, however many children use them.")
    assert few(features=["livestreaming"]) is True and few() is False
    ico = "codes/examples/ico-aadc.toml"
    scope = clause_reading(ico, "This standard applies to every online service within the code's scope.")
    assert scope(kind="online-service", features=["likely-accessed-by-children"]) is True


def test_when_the_duty_falls_due_and_who_assessed_the_risk_say_nothing_of_whom():
    gpai = "codes/profiles/eu-gpai.toml"
    before = _code(gpai, ["Before deciding to place a model on the market, or to keep it there, Signatories will check "
                          "whether its risks are acceptable."])
    assert before.measures[0].applicability.unparsed == []  # the time clause had left the sentence unread
    assessed = clause_reading("icu", "This measure is for providers of services that are large, or that have assessed "
                                     "themselves as at medium or high risk of at least one kind of illegal harm.")
    assert assessed(risks=["fraud=medium"]) is True and assessed() is False


def test_a_measure_named_by_its_number_after_minimum_compliance_and_a_heading_before_a_lower_case_sentence():
    esafety = "codes/examples/esafety-industry.toml"
    code = _code(esafety, ["Minimum compliance measure 1 applies to providers of Tier 1 and Tier 2 social media services."])
    assert _status(code, esafety, kind="social-media", features=["tier-2"]) == "applies"
    assert _status(code, esafety, kind="relevant-electronic") == "exempt"
    headed = clause_reading("ics", "Warnings about CSAM: this measure applies to providers of large general search services.")
    assert headed(kind="search/general", users=8_000_000) is True and headed(kind="search/general", users=8_000) is False


def test_every_size_said_as_an_aside():
    ico = "codes/examples/ico-aadc.toml"
    read = clause_reading(ico, "This standard applies to every online service that uses geolocation, whatever the size of your "
                               "organisation.")
    assert read(kind="online-service", features=["likely-accessed-by-children", "geolocation"]) is True
    assert read(kind="online-service", features=["likely-accessed-by-children"]) is False


def test_a_count_of_kinds_written_in_digits():
    read = clause_reading("icu", "This measure applies to services at medium or high risk of 2 or more kinds of illegal harm.")
    assert read(risks=["fraud=high", "hate=medium"]) is True
    assert read(risks=["fraud=high"]) is False
