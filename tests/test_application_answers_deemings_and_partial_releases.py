"""Wordings that had been given a confident wrong answer or left unread: a question and its answers in the ICO's own
voice ("Is this part for you? It is if children can make purchases inside your service. It is not if ..."), "applies if
children can ...", a give-back on what end-users can do ("Subsection (2) does not apply if end-users of the service can
share images"), a deeming provision with "for this measure" inside it ("is to be treated, for this measure, as a general
search service", passed over), and a release from a paragraph named but not given ("Signatories that are SMEs are
released from paragraph (3) ...", read as a measure for SMEs only). The wording is this file's own, after the shapes of
two development sets (dev50, dev51). Last, the ICO's "your device" and further imperative verbs.
"""

from __future__ import annotations

from clause_reading import clause_reading
from one_measure_code import one_measure_code as _code
from one_measure_code import status_for as _status

ESAFETY = "codes/examples/esafety-industry.toml"
ICO = "codes/examples/ico-aadc.toml"
ICS = "codes/profiles/ics.toml"
GPAI = "codes/profiles/eu-gpai.toml"
CHILD = ["likely-accessed-by-children"]  # the ICO code's own scope


def test_a_question_answered_in_the_codes_own_voice():
    code = _code(ICO, ["Is this part for you? It is if children can make purchases inside your service, whether with money "
                       "or with credit bought with money.",
                       "It is not if nothing in the service can be bought."])
    assert _status(code, ICO, kind="online-service", features=[*CHILD, "in-app-purchases"]) == "applies"
    assert _status(code, ICO, kind="online-service", features=CHILD) == "exempt"  # was "applies": the answer unread


def test_applies_if_children_can():
    read = clause_reading(ICO, "This standard applies if children can make purchases inside your service.")
    assert read(features=["in-app-purchases"]) is True
    assert read() is False


def test_a_give_back_on_what_end_users_can_do():
    code = _code(ESAFETY, ["(1) This section applies to a provider of a relevant electronic service.",
                           "(2) This section does not apply to a closed communication relevant electronic service.",
                           "(3) Subsection (2) does not apply if end-users of the service can share images or video with "
                           "one another."])
    assert _status(code, ESAFETY, kind="relevant-electronic") == "applies"
    assert _status(code, ESAFETY, kind="relevant-electronic", features=["closed-communication"]) == "exempt"
    # was "exempt": the give-back's condition not understood, the exception had stood whole
    assert _status(code, ESAFETY, kind="relevant-electronic",
                   features=["closed-communication", "image-video-sharing"]) == "applies"


def test_a_deeming_with_for_this_measure_inside_it():
    code = _code(ICS, ["C4.1 A vertical search service that returns images is to be treated, for this measure, as a general "
                       "search service.",
                       "C4.2 This measure applies to general search services."])
    assert _status(code, ICS, kind="search/general") == "applies"
    # was "exempt": the deeming paragraph had been passed over
    assert _status(code, ICS, kind="search/vertical", features=["image-search"]) == "applies"
    assert _status(code, ICS, kind="search/vertical") == "exempt"


def test_a_release_from_a_paragraph_not_given_is_never_a_measure_for_those_released():
    code = _code(GPAI, ["Signatories that are SMEs are released from paragraph (3) of Measure 1.5, the yearly public account "
                        "of complaints received."])
    # was "exempt" for every other Signatory: the release, left over, had been read as narrowing the class to SMEs
    assert _status(code, GPAI, kind="gpai-provider") == "unclear"
    assert _status(code, GPAI, kind="gpai-provider", features=["sme"]) == "unclear"


def test_the_ico_s_device_and_further_imperatives():
    # "your device" as the reader's product, and "add", "assume", "agree" as instructions (each had left the standard
    # unread, so unclear for every service)
    read = clause_reading(ICO, "If your device has a camera or microphone, show an obvious light whenever it is recording.")
    assert read(features=["camera-microphone"]) is True
    assert read() is False
    read = clause_reading(ICO, "If children can upload photos or videos to your service, add a simple way for them to "
                               "delete what they have uploaded.")
    assert read(features=["media-upload"]) is True
    assert read() is False
