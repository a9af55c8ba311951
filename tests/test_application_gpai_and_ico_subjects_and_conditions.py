"""Who a sentence's subject or opening condition names, in wordings of the EU code and the ICO's code that had been
left unclear or read wrongly: a standard's heading numbered "Standard 12." with its full stop; "Where the model
carries systemic risk, ..."; "SMEs may ...", "An SME or an SMC may ..." as permissions; "Signatories are encouraged
to ..."; "Where users can change ..., you should ..."; and a parent who "can monitor ..., or see where the child is"
(either, never both). The wording is this file's own, after the shapes of the development sets dev82 and dev83.
"""

from __future__ import annotations

from analyser.unstated_scope import is_heading
from one_measure_code import one_measure_code as _code
from one_measure_code import GPAI, ICO, gpai_status as _gpai, ico_status as _ico


def test_a_standard_numbered_with_a_full_stop_is_a_heading():
    assert is_heading("Standard 12. Profiling")
    assert is_heading("Standard 7: Default settings")
    # a paragraph of a Measure named in full stays a heading ("1.5," is a number, then a comma)
    assert is_heading("Measure 1.5, paragraph (3)")
    assert not is_heading("Standard 3. This standard applies to every service.")
    code = _code(ICO, ["Standard 12. Profiling", "Turn options that rely on profiling off by default. Only allow profiling "
                       "where you have measures in place to protect the child."])
    # the heading had been read as a duty for every reader: a service that profiles no one was told "applies"
    assert _ico(code) == "unclear"
    assert _ico(code, "profiling") == "applies"


def test_a_condition_on_the_model_in_other_verbs():
    for verb in ("carries", "presents", "poses"):
        code = _code(GPAI, [f"Where the model {verb} systemic risk, Signatories will describe in the Form the adversarial "
                            "testing carried out."])
        # no sentence says whom: the condition may say it, or only when the duty falls due; the words are understood,
        # so a Signatory whose model carries systemic risk is told "applies" (both readings agree)
        assert _gpai(code, "systemic-risk") == "applies", verb
        assert _gpai(code) == "unclear", verb
        # under a label that says whom, it is read as that condition
        code = _code(GPAI, ["Who this Measure is for", f"Where the model {verb} systemic risk, Signatories will describe in "
                            "the Form the adversarial testing carried out."])
        assert _gpai(code, "systemic-risk") == "applies", verb
        assert _gpai(code) == "exempt", verb


def test_the_size_classes_as_a_subject_are_a_permission():
    # alone, a permission for SMEs is read both as their measure and as a relaxation in a measure for all: decided
    # only where the two agree
    code = _code(GPAI, ["Who this Measure is for", "An SME or an SMC may name a single employee as its point of contact."])
    assert _gpai(code, "sme") == "applies"
    assert _gpai(code, "smc") == "applies"
    assert _gpai(code) == "unclear"
    # beside a duty for every Signatory, it relaxes that duty and takes no one out
    code = _code(GPAI, ["Signatories will keep records of each complaint.", "SMEs may keep shorter records."])
    assert _gpai(code) == "applies"
    assert _gpai(code, "sme") == "applies"


def test_an_encouragement_to_every_signatory_is_every_signatorys():
    code = _code(GPAI, ["Who this Measure is for", "Signatories are encouraged to publish a summary of their copyright policy."])
    assert _gpai(code) == "applies"
    code = _code(GPAI, ["This Measure applies to Signatories whose model has systemic risk.",
                        "Signatories are encouraged to publish their Framework."])
    assert _gpai(code) == "exempt"


def test_what_users_can_do_before_you_should():
    code = _code(ICO, ["Where users can change privacy or data settings, you should make sure a child's choices survive "
                       "an update of the app."])
    # no sentence says whom, so a service without the settings is unclear; one with them is covered
    assert _ico(code, "user-settings") == "applies"
    assert _ico(code) == "unclear"
    # under a label that says whom, the condition is whom
    code = _code(ICO, ["Who this standard is for", "Where users can change privacy or data settings, you should make sure a "
                       "child's choices survive an update of the app."])
    assert _ico(code, "user-settings") == "applies"
    assert _ico(code) == "exempt"


def test_a_parent_who_can_do_one_thing_or_another():
    code = _code(ICO, ["Where a parent or carer can monitor a child's online activity, or see where the child is, you should "
                       "tell the child so in words suited to their age."])
    # the "or" had been swallowed with the second feature's words: read as both, a service with monitoring alone had
    # been unclear (and, as the clause that says whom, told "does not apply" with confidence)
    assert _ico(code, "parental-monitoring") == "applies"
    assert _ico(code, "parental-location-tracking") == "applies"
    assert _ico(code) == "unclear"
    code = _code(ICO, ["Who this standard is for", "Where a parent or carer can monitor a child's online activity, or see "
                       "where the child is, you should tell the child so in words suited to their age."])
    assert _ico(code, "parental-monitoring") == "applies"
    assert _ico(code, "parental-location-tracking") == "applies"
    assert _ico(code) == "exempt"


def test_the_ico_features_in_more_of_the_words_officers_meet():
    from clause_reading import clause_reading

    child = ["likely-accessed-by-children"]
    for words, features in (
            ("This standard applies to a service that lets parents see where their child is.", ["parental-location-tracking"]),
            ("This standard applies to services that rely on users' reports.", ["user-reporting"]),
            ("This standard applies where children can change their privacy settings.", ["user-settings"]),
            ("This standard applies to a service that can be operated by voice.", ["voice-assistant"]),
            ("This standard applies to services that publish terms of use, policies or community rules.", ["community-standards"]),
            ("This standard applies to an online game in which players can buy items with real money.",
             ["online-game", "in-app-purchases"])):
        covered = clause_reading(ICO, words)
        assert covered(kind="online-service", features=[*child, *features]) is True, words
        assert covered(kind="online-service", features=child) is False, words
