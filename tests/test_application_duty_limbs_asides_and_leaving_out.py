"""Whom a clause covers when the words that say it sit inside a duty, behind an aside, or after "only the ... is left
out": "unless, for the risk concerned, the model counts as ..."; "Signatories, with the exception of SMEs and SMCs,
will ..."; "must comply with this section only if ..."; "Every provider within the code must ..." before an "If your
service ..." duty; "If children can upload ..., the default audience ... should ..."; "... and, where the model is
built into their own systems, how ..." (a condition on one limb of a duty); and a scope note that leaves a service out
in words not read. Each had been read wrongly with confidence or left unclear. The wording is this file's own, after
the shapes of the development sets dev84 and dev85.
"""

from __future__ import annotations

from clause_reading import clause_reading
from one_measure_code import one_measure_code as _code
from one_measure_code import status_for as _status
from one_measure_code import ESAFETY, GPAI, ICO, gpai_status as _gpai, ico_status as _ico

WHO = "Who this Measure is for"


def test_an_aside_after_unless_does_not_hide_the_exception():
    code = _code(GPAI, [WHO, "Signatories will give independent evaluators enough access to the model, unless, for the "
                             "risk in question, the model counts as similarly safe or safer."])
    # the exception had gone unread: a similarly safe model was told "applies" with confidence
    assert _gpai(code, "similarly-safe") == "exempt"
    assert _gpai(code) == "applies"


def test_with_the_exception_of_takes_those_out():
    code = _code(GPAI, ["Signatories, with the exception of SMEs and SMCs, will keep a register of the complaints they "
                        "receive."])
    assert _gpai(code, "sme") == "exempt"
    assert _gpai(code, "smc") == "exempt"
    assert _gpai(code) == "applies"
    # as the application sentence itself (not understood, it had left every Signatory unclear)
    covered = clause_reading(GPAI, "Signatories, with the exception of SMEs and SMCs, will keep a register of complaints.")
    assert covered(kind="gpai-provider", features=["sme"]) is False
    assert covered(kind="gpai-provider", features=["smc"]) is False
    assert covered(kind="gpai-provider") is True


def test_comply_with_this_section_only_if_is_a_condition():
    code = _code(ESAFETY, ["14 A provider of a closed communication relevant electronic service must comply with this "
                           "section only if end-users of the service can send images or video to one another."])
    closed = ["closed-communication"]
    # the condition after the duty had been dropped: a closed service without image sharing was told "applies"
    assert _status(code, ESAFETY, kind="relevant-electronic", features=closed) == "exempt"
    assert _status(code, ESAFETY, kind="relevant-electronic", features=[*closed, "image-video-sharing"]) == "applies"


def test_every_provider_within_the_code_binds_every_reader():
    code = _code(ICO, ["Every provider within the code must assess its processing before it launches, and again when the "
                       "processing changes.",
                       "If your service offers private messaging, the assessment should look at how adults might use it to "
                       "reach children they do not know."])
    # the first duty had not been seen as every reader's, so the "If your service ..." duty became whom: a service
    # without messaging was told "does not apply" with confidence
    assert _ico(code) == "applies"
    assert _ico(code, "direct-messaging") == "applies"


def test_what_users_can_do_before_a_duty_in_the_passive():
    code = _code(ICO, ["Who this standard is for", "If children can upload photos or videos, the default audience for what "
                       "they upload should be their approved contacts only."])
    assert _ico(code, "media-upload") == "applies"
    assert _ico(code) == "exempt"


def test_a_condition_on_one_limb_of_a_duty_is_not_whom():
    code = _code(GPAI, [WHO, "Signatories will describe in the Model Report why they went ahead with release and, where the "
                             "model is built into their own AI systems, how those systems add to or reduce the risk."])
    # read as whom, a Signatory with no such system was told "does not apply" with confidence
    assert _gpai(code) == "applies"
    assert _gpai(code, "own-ai-system") == "applies"


def test_a_service_left_out_in_words_not_read_is_unclear():
    code = _code(ICO, ["Organisations with more than one service",
                       "Where a charity runs a counselling chat line and also a general website with games and quizzes, only "
                       "the chat line is left out. The website is treated like any other service that children are likely to "
                       "use."])
    # read as a duty naming games, a counselling service with games had been told "applies" with confidence
    assert _ico(code, "counselling-service", "online-game") == "unclear"
    assert _ico(code) == "unclear"
