"""A term a profile says may mean more narrowly in some of its codes ([[services.context_readings]]): eSafety's "Tier 1
social media service" in a code about age-restricted material, where Tier 1 is assessed per kind of material. Read as
the plain tier alone, a service Tier 1 only under the Phase 1 codes had been confidently covered, and one Tier 1 only
for online pornography confidently not; now the two readings are kept and the measure is decided where they agree, with
the profile's reason given to the reader. The wording is this file's own, after the shapes of the development sets.
"""

from __future__ import annotations

from analyser.evaluate import evaluate
from analyser.profiles import load_profile
from analyser.service import service_from_options
from analyser.vocabulary import vocabulary_for
from one_measure_code import one_measure_code as _code

ESAFETY = "codes/examples/esafety-industry.toml"
PHASE_2 = ("A provider of a Tier 1 social media service must give Australian end-users tools to control their exposure to "
           "age-restricted material.")


def _result(code, **service):
    vocab = vocabulary_for(load_profile(ESAFETY).services)
    return evaluate(code, service_from_options(vocab=vocab, **service))[0]


def test_in_a_phase_2_code_tier_1_is_read_both_ways():
    code = _code(ESAFETY, [PHASE_2])
    both = _result(code, kind="social-media", features=["tier-1", "tier-1-pornography"])
    assert both.status == "applies"
    assert _result(code, kind="social-media").status == "exempt"
    assert _result(code, kind="search-engine", features=["tier-1"]).status == "exempt"
    # was "applies": Tier 1 under the Phase 1 codes only
    phase_1_only = _result(code, kind="social-media", features=["tier-1"])
    assert phase_1_only.status == "unclear"
    assert "may mean Tier 1 for online pornography or for self-harm material" in phase_1_only.reason
    # was "exempt": Tier 1 for online pornography, with no plain tier set
    assert _result(code, kind="social-media", features=["tier-1-self-harm"]).status == "unclear"


def test_in_a_phase_1_code_tier_1_is_the_plain_tier():
    code = _code(ESAFETY, ["A provider of a Tier 1 social media service must have terms of use that prohibit class 1A "
                           "material."])
    assert _result(code, kind="social-media", features=["tier-1"]).status == "applies"
    assert _result(code, kind="social-media", features=["tier-1-pornography"]).status == "exempt"


def test_a_tier_already_said_per_material_is_read_as_written():
    code = _code(ESAFETY, ["A provider of a social media service that is Tier 1 for self-harm material must apply default "
                           "settings that keep age-restricted material from children."])
    assert _result(code, kind="social-media", features=["tier-1-self-harm"]).status == "applies"
    assert _result(code, kind="social-media", features=["tier-1"]).status == "exempt"


def test_a_profiles_words_are_never_a_replacement_template():
    from analyser.conditions import parse_application
    from analyser.vocabulary import vocabulary_for

    services = dict(load_profile(ESAFETY).services)
    services["context_readings"] = [{"when": "age-restricted", "phrase": r"\bTier\s+1\s+social\s+media\s+service",
                                     "also": r"social media service \1 that is Tier 1 for self-harm material",
                                     "because": "a reason with {braces}"}]
    vocab = vocabulary_for(services)
    # was re.error ("invalid group reference"): the profile's words had been read as a template
    app = parse_application(PHASE_2, "any", vocab)
    assert app.condition is not None and app.condition.op == "agree"
    assert app.condition.params["because"] == "a reason with {braces}"
