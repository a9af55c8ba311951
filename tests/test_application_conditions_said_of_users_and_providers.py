"""Conditions said of the service's users or its provider, and the EU code's features in the words its readers use:
"Where a service has ..., children should be able to ...", "Where users of a service can livestream, the provider
should ..., except where the terms of service prohibit under-18s", "recommended for a provider only in respect of a
service that is ...", "Where a provider of a large or multi-risk service carries out on-platform tests of its
recommender systems, it should ...", and Signatories "that provide a model carrying systemic risk", "that crawl for
training data", "that run an online search engine, or that control a company running one"; search engines named by
what they do as the subject of the duty. Each had been left unclear, the last passed over for a duty for all. The
wording is this file's own, after the shapes of the development sets dev84, dev87, dev88 and dev89.
"""

from __future__ import annotations

from clause_reading import clause_reading as _reading
from one_measure_code import GPAI
from one_measure_code import one_measure_code as _code
from one_measure_code import status_for as _status

LARGE = 8_000_000
CHILDREN = ["likely-accessed-by-children"]


def test_a_duty_said_of_the_services_children():
    covered = _reading("pcu", "E3.1 Where a service has a content recommender system and is at medium or high risk of bullying "
                              "content, children should be able to tell it which recommended content they do not want.")
    assert covered(kind="u2u", features=[*CHILDREN, "recommender"], risks=["bullying=medium"]) is True
    assert covered(kind="u2u", features=[*CHILDREN, "recommender"]) is False
    assert covered(kind="u2u", features=CHILDREN, risks=["bullying=high"]) is False


def test_the_users_of_a_service_and_an_exception_for_terms_that_bar_children():
    covered = _reading("pcu", "B7.1 Where users of a service can livestream, the provider should use highly effective age "
                              "assurance to find out which broadcasters are children, except where the terms of service "
                              "prohibit under-18s.")
    assert covered(kind="u2u", features=[*CHILDREN, "livestreaming"]) is True
    assert covered(kind="u2u", features=[*CHILDREN, "livestreaming", "prohibits-under-18"]) is False
    assert covered(kind="u2u", features=CHILDREN) is False


def test_recommended_for_a_provider_only_in_respect_of_a_service():
    covered = _reading("icu", "The three measures that follow are recommended for a provider only in respect of a service that "
                              "is large or multi-risk.")
    assert covered(kind="u2u", users=LARGE) is True
    assert covered(kind="u2u", users=1000) is False


def test_where_a_provider_of_some_services_does_something():
    covered = _reading("icu", "E1.1 Where a provider of a large or multi-risk service carries out on-platform tests of its "
                              "recommender systems, it should record safety metrics from those tests.")
    assert covered(kind="u2u", users=LARGE, features=["recommender"]) is True
    assert covered(kind="u2u", users=LARGE) is False
    assert covered(kind="u2u", users=1000, features=["recommender"]) is False


def test_the_eu_codes_features_in_its_readers_words():
    for words, feature in (
            ("This Measure applies to Signatories that provide a model carrying systemic risk.", "systemic-risk"),
            ("This Measure applies to Signatories that crawl for training data.", "web-crawler"),
            ("This Measure applies to Signatories that run an online search engine, or that control a company running one.",
             "search-engine-operator")):
        covered = _reading(GPAI, words)
        assert covered(kind="gpai-provider", features=[feature]) is True, words
        assert covered(kind="gpai-provider") is False, words


def test_search_engines_named_by_what_they_do_are_never_every_service():
    code = _code("codes/profiles/pcs.toml", ["PCS C9 Downranking",
                                             "C9.1 Search engines that crawl every corner of the web should downrank "
                                             "content harmful to children for users not known to be adults."], "PCS C9")
    # read as a duty for every provider, a vertical search service had been told "applies" with confidence
    assert _status(code, "pcs", kind="search", search_type="vertical", features=CHILDREN) != "applies"
