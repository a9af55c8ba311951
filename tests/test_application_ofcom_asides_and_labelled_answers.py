"""Asides in Ofcom's application sentences that say no more than the family's scope, and the answer under a "Who this
measure is for" label with its own paragraph number: "all search services, general and vertical alike",
"regardless of how many users the service has", "whether general or vertical - and however large or small", "...,
so in practice to most such services", "where those services return images" (plural) and "Who this measure is for /
J3.1 Large services that ...". Each had been left unclear, the whole clause with it. The wording is this file's own,
after the shapes of the development set dev82.
"""

from __future__ import annotations

from clause_reading import clause_reading as _reading
from one_measure_code import one_measure_code as _code
from one_measure_code import status_for as _status


def test_both_search_types_and_every_size_restrict_nothing():
    for words in ("This measure applies to providers of all search services, general and vertical alike.",
                  "This measure applies to every provider of a search service, regardless of how many users the service has."):
        covered = _reading("ics", words)
        assert covered(kind="search", search_type="general") is True, words
        assert covered(kind="search", search_type="vertical") is True, words


def test_an_aside_of_types_and_sizes_after_the_class():
    covered = _reading("ics", "This measure applies to providers of search services that offer predictive search, whether "
                              "general or vertical \u2014 and however large or small.")
    assert covered(kind="search", search_type="vertical", features=["predictive-search"]) is True
    assert covered(kind="search", search_type="general") is False


def test_a_remark_on_how_many_are_covered_is_not_whom():
    covered = _reading("icu", "This measure applies to large services that offer livestreaming, so in practice to most such "
                              "services.")
    assert covered(kind="u2u", users=8_000_000, features=["livestreaming"]) is True
    assert covered(kind="u2u", users=8_000_000) is False


def test_where_those_services_do_something_is_read_in_the_plural():
    covered = _reading("pcs", "This measure applies to providers of general search services, where those services return "
                              "images in search results.")
    assert covered(kind="search", search_type="general", features=["image-search"]) is True
    assert covered(kind="search", search_type="general") is False


def test_the_answer_under_a_label_keeps_its_paragraph_number_out():
    code = _code("codes/profiles/icu.toml", ["Who this measure is for",
                                             "J3.1 Large services that run a notable user verification scheme and are at "
                                             "medium or high risk of fraud or of foreign interference.",
                                             "J3.2 The provider should explain publicly what the verification indicates."])
    large = dict(kind="u2u", users=8_000_000)
    assert _status(code, **large, features=["notable-user-scheme"], risks=["fraud=high"]) == "applies"
    assert _status(code, **large, risks=["fraud=high"]) == "exempt"
    assert _status(code, kind="u2u", users=1000, features=["notable-user-scheme"], risks=["fraud=high"]) == "exempt"
