"""Provisions named by their numbers, events every reader meets and "binds": a GPAI Measure's number run into its first
sentence ("Measure 1.5 Signatories will ..."), a range of sections that leaves some services out ("Sections 21-25 do
not apply to ...", for a section inside the range and not for one outside it), "When placing a model, Signatories will
...", "Upon a request from the AI Office, any Signatory will ...", "This measure binds every provider of ..." and, after
a range of sections, "...; but they apply to ...". Each had been left unclear, the last read inside the exception. The wording is this file's own, after the shapes of the development sets dev86 and dev87.
"""

from __future__ import annotations

from clause_reading import clause_reading as _reading
from one_measure_code import ESAFETY, GPAI
from one_measure_code import gpai_status as _gpai
from one_measure_code import one_measure_code as _code
from one_measure_code import status_for as _status


def test_a_gpai_measures_number_run_into_its_first_sentence():
    covered = _reading(GPAI, "Measure 1.2 Signatories that crawl the World Wide Web to obtain training data will reproduce "
                             "only content they can lawfully reach.")
    assert covered(kind="gpai-provider", features=["web-crawler"]) is True
    assert covered(kind="gpai-provider") is False
    every = _reading(GPAI, "Measure 1.5 Signatories will name a point of contact for rightsholders.")
    assert every(kind="gpai-provider") is True


def test_a_range_of_sections_speaks_for_the_sections_inside_it_only():
    words = ["Sections 21\u201325 do not apply to an enterprise relevant electronic service."]
    inside = _code(ESAFETY, words, "eSafety RES s 22")
    assert _status(inside, ESAFETY, kind="relevant-electronic", features=["enterprise"]) == "exempt"
    assert _status(inside, ESAFETY, kind="relevant-electronic") == "applies"
    outside = _code(ESAFETY, words, "eSafety RES s 30")
    # another section's exception: never this section's, so never a confident "exempt"
    assert _status(outside, ESAFETY, kind="relevant-electronic", features=["enterprise"]) != "exempt"


def test_events_every_signatory_meets_are_not_whom():
    for words in ("When placing a model, Signatories will have documented the information the Form asks for.",
                  "Upon a request from the AI Office, any Signatory will provide the documentation it holds."):
        covered = _reading(GPAI, words)
        assert covered(kind="gpai-provider") is True, words
    # an event only some meet stays a condition
    code = _code(GPAI, ["When placing a model with systemic risk, Signatories will assess it first."])
    assert _gpai(code) != "applies"


def test_binds_says_whom():
    covered = _reading(ESAFETY, "This measure binds every provider of an app distribution service.")
    assert covered(kind="app-distribution") is True
    assert covered(kind="hosting") is False


def test_a_range_of_sections_gives_back_with_they():
    code = _code(ESAFETY, ["Sections 23 to 25 apply to a relevant electronic service other than a closed communication "
                           "service; but they apply to a closed communication service that lets end-users share images or video."],
                 "eSafety RES s 24")
    # "they" had been read inside the exception, so the closed service that shares images was told "exempt"
    assert _status(code, ESAFETY, kind="relevant-electronic", features=["closed-communication", "image-video-sharing"]) == "applies"
    assert _status(code, ESAFETY, kind="relevant-electronic", features=["closed-communication"]) == "exempt"
    assert _status(code, ESAFETY, kind="relevant-electronic") == "applies"
