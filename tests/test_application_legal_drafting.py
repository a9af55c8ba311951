"""Application worded as instruments, schedules and consolidated texts word it: an amendment that substitutes the
class of services, "notwithstanding" / "subject to" / "save as provided in" another paragraph, "shall (not)
apply", and a duty whose subject points elsewhere ("Signatories referred to in Measure 3.1", "a relevant service"
as defined in another paragraph).

Each of these was read wrongly before, most of them confidently: the quoted words of an amendment read as every
service, "referred to in Measure 3.1" and "has the meaning given in paragraph 1.3" passed over so the duty was
every provider's.
"""

from __future__ import annotations

from one_measure_code import one_measure_code as _code
from one_measure_code import status_for as _status

GPAI = "codes/profiles/eu-gpai.toml"


def test_an_amendment_that_substitutes_the_class_of_services_is_read_as_amended():
    code = _code("icu", ["In Measure C4, for 'large services' substitute 'services with more than 700,000 monthly active "
                         "UK users'."])
    assert _status(code, users=800_000) == "applies"
    assert _status(code, users=10_000) == "exempt"  # was "applies": every service


def test_an_amendment_of_other_words_is_unclear_never_every_service():
    code = _code("icu", ["In paragraph C4.1, for '700,000' substitute '1 million'."])
    assert _status(code, users=10_000) == "unclear"
    code = _code("icu", ["In paragraph C4.1, after 'large services' insert 'and services at high risk of fraud'."])
    assert _status(code, users=10_000) == "unclear"


def test_notwithstanding_another_paragraph_leaves_the_sentence_standing():
    code = _code("icu", ["Notwithstanding paragraph (1), this measure applies to any service that is at high risk of "
                         "grooming."])
    assert _status(code, risks=["grooming=high"]) == "applies"  # was "unclear"
    assert _status(code, risks=["grooming=medium"]) == "exempt"


def test_save_as_provided_in_a_paragraph_not_given_is_an_exception_not_read():
    # (a guard on the lead-ins taken off: "save as provided in" another paragraph that is not here is never dropped)
    code = _code("icu", ["Save as provided in paragraph (4), this measure applies to all services."])
    assert _status(code, users=10) == "unclear"


def test_shall_not_apply_save_where():
    code = _code(GPAI, ["This Measure shall not apply to Signatories that are SMEs, save where the model is a "
                        "general-purpose AI model with systemic risk."])
    assert _status(code, GPAI, kind="gpai-provider") == "applies"  # was "unclear"
    assert _status(code, GPAI, kind="gpai-provider", features=["sme"]) == "exempt"
    assert _status(code, GPAI, kind="gpai-provider", features=["sme", "systemic-risk"]) == "applies"


def test_a_duty_whose_subject_points_elsewhere_is_unclear_never_every_provider():
    code = _code(GPAI, ["Signatories referred to in Measure 3.1 shall keep the documentation up to date."])
    assert _status(code, GPAI, kind="gpai-provider") == "unclear"  # was "applies"
    code = _code("icu", ["A provider to which paragraph C4.1 applies must also keep records of its reviews."])
    assert _status(code, users=10) == "unclear"  # was "applies"
    code = _code("icu", ["In this measure, 'relevant service' has the meaning given in paragraph 1.3. The provider of a "
                         "relevant service should keep records of its reviews."])
    assert _status(code, users=10) == "unclear"  # was "applies"
    # a duty for the provider of every service is still every service's
    code = _code("icu", ["The provider should keep records of its reviews."])
    assert _status(code, users=10) == "applies"


def test_the_passive_and_no_provider_need_are_read():
    code = _code("icu", ["This measure is to be applied by providers of large services."])
    assert _status(code, users=9_000_000) == "applies"
    assert _status(code, users=10) == "exempt"  # was "applies": every service
    code = _code("icu", ["No provider need apply this measure unless its service is large."])
    assert _status(code, users=10) == "exempt"  # was "applies"
    assert _status(code, users=9_000_000) == "applies"


def test_words_about_whom_in_a_shape_not_read_make_a_measure_unclear_never_every_services():
    for words in ("Measures C4 to C6 apply to large services.",
                  "The duty in paragraph (2) is owed by providers of large services."):
        code = _code("icu", [words, "The provider should keep records of its reviews."])
        assert _status(code, users=10) == "unclear", words  # was "applies"
        assert any("speaks of it" in w for w in code.measures[0].warnings)
    code = _code("codes/examples/ico-aadc.toml", ["Where paragraph 2 applies, you must tell the child what happens next."])
    assert _status(code, "codes/examples/ico-aadc.toml", kind="online-service",
                   features=["likely-accessed-by-children"]) == "unclear"  # was "applies"


def test_an_exception_in_the_first_duty_s_subject_is_never_dropped():
    code = _code(GPAI, ["Measure 10.1 Full evaluations",
                        "Signatories, other than those that rely on the similarly safe or safer model concept, will carry "
                        "out full evaluations of each model."])
    assert _status(code, GPAI, kind="gpai-provider") == "applies"
    # was "applies": the duty was read as every Signatory's or those with the feature it names
    assert _status(code, GPAI, kind="gpai-provider", features=["similarly-safe"]) == "exempt"
    code = _code("icu", ["Providers, other than providers of large services, should keep a simple record."])
    assert _status(code, users=9_000_000) == "exempt"  # was "applies"
    assert _status(code, users=10) == "applies"
