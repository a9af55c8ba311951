"""Exceptions and items the reader had got confidently wrong: an exception with no comma straight after "apply this
measure", a "does not, however, apply" paragraph, an exception without "unless" that gave services back all the same,
items nested in items ("(b) either (i) ... or (ii) ..."), a list of the industry's sections after "each of the
following", a limit of the duty read as an exemption ("is not required to review ... to comply with this measure"),
"the exception in the preceding paragraph does not extend to ...", and a clause after a group set off by commas.
"""

from __future__ import annotations

from clause_reading import clause_reading
from one_measure_code import one_measure_code as _code
from one_measure_code import status_for as _status

ESAFETY = "codes/examples/esafety-industry.toml"
GPAI = "codes/profiles/eu-gpai.toml"


def test_an_exception_with_no_comma_after_the_duty():
    covered = clause_reading("icu", "All providers should apply this measure unless their service is low risk and is not a "
                                    "large service.")
    assert covered(users=1_000) is False  # low risk and small: let out (had been covered: the exception was passed over)
    assert covered(users=10_000_000) is True
    assert covered(users=1_000, risks=["fraud=medium"]) is True


def test_does_not_however_apply_in_a_later_paragraph():
    code = _code("ics", ["This measure applies to providers of multi-risk search services.",
                         "It does not, however, apply to a vertical search service with 700,000 or fewer monthly active UK users.",
                         "The provider should review its search moderation policies each year."])
    multi = ["fraud=medium", "hate=medium"]
    assert _status(code, "ics", kind="search/vertical", users=1_000, risks=multi) == "exempt"  # had been "applies"
    assert _status(code, "ics", kind="search/vertical", users=1_000_000, risks=multi) == "applies"
    # no "unless" in the exception: a large vertical service that is not multi-risk is not given the measure
    assert _status(code, "ics", kind="search/vertical", users=1_000_000) == "exempt"


def test_items_nested_in_an_item_keep_their_either():
    covered = clause_reading("icu", "Where a service (a) lets users connect with each other; and (b) either (i) is large, or (ii) "
                                    "is at high risk of grooming or of harassment, its provider should apply this measure.")
    # had been "(connections and large) or grooming or harassment": a service with no connections was covered
    assert covered(users=1_000, risks=["grooming=high"]) is False
    assert covered(users=1_000, features=["user-connections"], risks=["harassment=high"]) is True
    assert covered(users=10_000_000, features=["user-connections"]) is True
    assert covered(users=10_000_000) is False


def test_each_of_the_following_sections_of_the_industry():
    code = _code(ESAFETY, ["These Head Terms apply to each of the following sections of the online industry: hosting "
                           "services; app distribution services; equipment providers.",
                           "They are read together with the code for each section."])
    assert _status(code, ESAFETY, kind="hosting") == "applies"
    assert _status(code, ESAFETY, kind="equipment") == "applies"
    assert _status(code, ESAFETY, kind="social-media") == "exempt"  # had been "applies" (no application text found)


def test_what_compliance_does_not_call_for_lets_nobody_out():
    code = _code(ESAFETY, ["(1) This measure applies to a provider of a relevant electronic service.",
                           "(2) A provider of a closed communication service is not required to inspect the content of "
                           "messages in order to comply with this measure."])
    assert _status(code, ESAFETY, kind="relevant-electronic", features=["closed-communication"]) == "applies"  # had been "exempt"
    released = _code(ESAFETY, ["(1) This measure applies to a provider of a relevant electronic service.",
                               "(2) A provider of a closed communication service is not required to comply with this measure."])
    assert _status(released, ESAFETY, kind="relevant-electronic", features=["closed-communication"]) == "exempt"


def test_the_exception_in_the_preceding_paragraph_does_not_extend_to():
    code = _code(GPAI, ["Signatories will document each of their models, save for models released under a free and "
                        "open-source licence whose weights are made publicly available.",
                        "The exception in the preceding paragraph does not extend to a model with systemic risk."])
    open_model = ["open-source-licence", "open-weights"]
    assert _status(code, GPAI, kind="gpai-provider", features=open_model) == "exempt"
    assert _status(code, GPAI, kind="gpai-provider", features=[*open_model, "systemic-risk"]) == "applies"  # had been "exempt"


def test_a_clause_after_a_group_set_off_by_commas_may_be_for_both():
    code = _code("icu", ["This measure applies to providers of large services, and services at high risk of hate, which "
                         "offer direct messaging.",
                         "The provider should let users block others."])
    assert _status(code, "icu", users=10_000_000, features=["direct-messaging"]) == "applies"
    assert _status(code, "icu", users=1_000, risks=["hate=high"]) == "exempt"
    # had been "applies": the last clause read for the second group only; "unclear" names both readings
    assert _status(code, "icu", users=10_000_000) == "unclear"
