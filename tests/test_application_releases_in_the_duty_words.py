"""Whom a measure leaves out or keeps, said in the duty's own words or after it: "..., unless the stored material is
end-to-end encrypted", "once the weights are published, this Commitment no longer reaches them", "Neither an SME nor an
SMC Signatory has to publish them", "The shorter Form is not available for a model with systemic risk", ICO standard
12's core profiling ("The default does not extend to profiling that is essential to ...") and standard 10's visible
location after its geolocation duty; and whom it covers in "Measure 1.2 reaches Signatories that ...", "the lifecycle
of a model with systemic risk", "Targeted adverts ... must be switched off by default", ICO features in the development
sets' wordings and "Despite that, it applies to a classified or general purpose service that is a high impact service".
Each had been a confident answer for some service (most of them wrong) or words not understood. The wording is this
file's own, after the shapes of the retired held-out sets dev106 and dev107 and the development sets dev108 and dev109.
"""

from __future__ import annotations

from clause_reading import clause_reading as _reading
from one_measure_code import ESAFETY, GPAI, ICO, gpai_status, ico_status
from one_measure_code import one_measure_code as _code
from one_measure_code import status_for as _status

HOSTING = dict(kind="designated-internet", features=["end-user-managed-hosting"])


def test_unless_what_the_service_stores_is_end_to_end_encrypted():
    for words in ("A provider of an end-user managed hosting service must respond to reports of class 1A material – unless "
                  "the stored material is end-to-end encrypted.",
                  "A provider of an end-user managed hosting service must respond to reports of class 1A material, unless "
                  "the stored files are end-to-end encrypted."):
        code = _code(ESAFETY, [words], "DIS s 26")
        assert _status(code, ESAFETY, **HOSTING) == "applies", words
        # the exception passed over, an encrypted store had been bound with confidence
        assert _status(code, ESAFETY, kind="designated-internet",
                       features=["end-user-managed-hosting", "e2ee"]) == "exempt", words
    # the same words in an Ofcom code
    covered = _reading("icu", "Providers of file-sharing services should use hash matching, unless the "
                              "stored content is end-to-end encrypted.")
    assert covered(users=1000, features=["file-sharing", "e2ee"]) is False
    assert covered(users=1000, features=["file-sharing"]) is True
    # what is not about encryption stays a limit of the duty
    assert _reading("icu", "Providers of file-sharing services should use hash matching, unless the content is "
                           "unlawful.")(users=1000, features=["file-sharing"]) is True


def test_a_measure_that_reaches_some_signatories():
    for words in (["Measure 1.2 reaches Signatories that supply their model to downstream providers.",
                   "Building the model into an AI system of the Signatory's own does not, by itself, bring a Signatory "
                   "within it."],
                  ["This Measure reaches Signatories that supply their model to downstream providers."]):
        code = _code(GPAI, words, "GPAI Transparency Measure 1.2")
        assert gpai_status(code, "downstream-distribution") == "applies", words
        # the sentence passed over, a Signatory that supplies no one had been bound with confidence
        assert gpai_status(code) == "exempt", words


def test_once_the_weights_are_published_the_commitment_no_longer_reaches_them():
    for words in (["Signatories will protect the unreleased weights of their systemic-risk models against theft, for "
                   "instance by encrypting them at rest; once the weights are published, this Commitment no longer "
                   "reaches them."],
                  ["Signatories shall protect the unreleased weights of their systemic-risk models against theft.",
                   "Once the weights are published, this Commitment no longer applies to them."]):
        code = _code(GPAI, words, "GPAI Safety and Security Commitment 6")
        assert gpai_status(code, "systemic-risk") == "applies", words
        # read as an aside of the duty, a model whose weights are out had stayed bound with confidence
        assert gpai_status(code, "systemic-risk", "open-weights") == "exempt", words
    # the condition first, then "does not apply to it", in an Ofcom code
    assert _reading("icu", "Providers should review their reporting tools. If the service is end-to-end encrypted, this "
                           "measure does not apply to it.")(users=1000, features=["e2ee"]) is False


def test_a_class_released_with_the_duty_s_own_verb():
    for words in ("Neither an SME nor an SMC Signatory has to publish them.", "SMEs and SMCs need not publish them."):
        code = _code(GPAI, ["Signatories shall publish summaries of their Framework and Model Reports.", words],
                     "GPAI Safety and Security Measure 10.2")
        # the release passed over, an SME with a model with systemic risk had been bound with confidence
        assert gpai_status(code, "sme", "systemic-risk") == "exempt", words
        assert gpai_status(code, "smc") == "exempt", words
    one = _code(GPAI, ["Signatories shall publish summaries of their Framework.",
                       "An SME Signatory does not have to publish them."], "GPAI Safety and Security Measure 10.2")
    assert gpai_status(one, "sme") == "exempt"
    assert gpai_status(one) == "applies"
    # one limb of a duty of two released: the other still binds an SME, so the measure is not let go
    limb = _code(GPAI, ["Signatories will document how they implement this chapter and publish summaries of their "
                        "Framework. SMEs need not publish them."], "GPAI Safety and Security Commitment 10")
    assert gpai_status(limb, "sme") != "exempt"
    # a release from applying the measure is another rule's, and no verb of the duty
    assert gpai_status(_code(GPAI, ["Signatories shall publish summaries of their Framework.",
                                    "Signatories shall keep them up to date."], "GPAI X"), "sme") == "applies"


def test_a_permission_taken_back_for_some_keeps_saying_whom():
    code = _code(GPAI, ["Signatories that are SMEs or SMCs may use the shorter Form in Annex 3 instead of the full Form.",
                        "The shorter Form is not available for a model with systemic risk."], "GPAI Transparency Measure 1.1")
    assert gpai_status(code, "sme") == "applies"
    # the taking back passed over, an SME with a model with systemic risk had been allowed the shorter Form
    assert gpai_status(code, "sme", "systemic-risk") == "exempt"
    # the permission is the measure of those it permits, or a relaxation in a measure for all: never decided for others
    assert gpai_status(code) == "unclear"
    text = _reading(GPAI, "Signatories that are SMEs or SMCs may use the shorter Form in Annex 3 instead of the full "
                          "Form. The shorter Form is not available for a model with systemic risk.")
    # beside the exception alone, the permission had been dropped, and every other Signatory bound with confidence
    assert text(kind="gpai-provider", features=[]) is None
    assert text(kind="gpai-provider", features=["smc"]) is True


def test_core_profiling_left_out_of_standard_12s_default():
    for paragraphs in (["If your service profiles children, switch the settings that use profiling off by default, unless "
                        "you can show a compelling reason to do otherwise.",
                        "The default does not extend to profiling that is essential to providing your core service; that "
                        "profiling is assessed under the rest of the code."],
                       ["Switch off by default any option that uses profiling, unless you can show a compelling reason.",
                        "Profiling that you need in order to deliver your core service falls outside this default."]):
        code = _code(ICO, paragraphs, "ICO Standard 12")
        assert ico_status(code, "profiling") == "applies", paragraphs
        # the second paragraph passed over, core profiling had been bound with confidence
        assert ico_status(code, "profiling", "core-profiling") == "exempt", paragraphs
    # a duty that names profiling beside text that only leaves some out: a service with no profiling is not bound with
    # confidence (read as the exception alone, it had been)
    assert ico_status(code) == "unclear"


def test_visible_location_after_the_geolocation_duty_is_a_further_duty():
    code = _code(ICO, ["Location features should start in the off position, save where you can point to a compelling "
                       "reason to start them on.",
                       "If other users can see a child's location, show an obvious sign to the child while that is "
                       "happening, and turn visibility back off at the end of each session."], "ICO Standard 10")
    # read as the standard's scope, a service with geolocation whose users cannot see a child's location had been exempt
    assert ico_status(code, "geolocation") == "applies"
    assert ico_status(code) == "unclear"
    # alone, the condition is the standard's
    alone = _code(ICO, ["If other users can see a child's location, show an obvious sign while that is happening."],
                  "ICO Standard 10")
    assert ico_status(alone, "geolocation") == "exempt"
    assert ico_status(alone, "location-sharing") == "applies"


def test_models_with_systemic_risk_named_inside_the_duty():
    for words in ("Signatories shall implement appropriate safety mitigations along the entire lifecycle of a model with "
                  "systemic risk.",
                  # ("they provide": every Signatory provides its models; it had been words not understood)
                  "For every model with systemic risk they provide, Signatories commit to examining each systemic risk "
                  "they have found.",
                  "This Commitment applies to Signatories whose model was trained with more than 10^25 floating-point "
                  "operations of compute."):
        code = _code(GPAI, [words], "GPAI Safety and Security Commitment 5")
        assert gpai_status(code, "systemic-risk") == "applies", words
        # read as every Signatory's (or not understood), one with no such model had been bound with confidence
        assert gpai_status(code) == "exempt", words


def test_targeted_adverts_said_to_be_off_by_default():
    code = _code(ICO, ["Targeted adverts based on a child's behaviour must be switched off by default.",
                       "This covers adverts chosen by the pages a child has visited, but not adverts chosen only by the "
                       "page the child is on now."], "ICO Standard 12")
    assert ico_status(code, "targeted-advertising") == "applies"
    # read as every service's, one that serves no such adverts had been bound with confidence
    assert ico_status(code) == "unclear"
    # the condition first, then what the children should have
    covered = _reading(ICO, "If you serve behaviourally targeted advertising, children should have to opt in before "
                            "their data is used for it.")
    assert covered(kind="online-service", features=["likely-accessed-by-children"]) is False
    assert covered(kind="online-service", features=["likely-accessed-by-children", "targeted-advertising"]) is True


def test_ico_features_in_the_development_sets_wordings():
    child = ["likely-accessed-by-children"]
    for words, feature in (("If you publish rules for your users, enforce them.", "community-standards"),
                           ("Where you depend on users telling you about content or conduct, make reporting easy.",
                            "user-reporting"),
                           ("Where users can change their privacy or data settings, set them to high privacy.", "user-settings"),
                           ("If you let a child's location be seen by other users, show an obvious sign.", "location-sharing"),
                           ("If your product can be operated by speaking to it, tell children when it is listening.",
                            "voice-assistant"),
                           ("Where other users can see a child's profile, keep it private by default.", "user-profiles"),
                           ("Where other users can comment on what a child posts, let the child turn comments off.",
                            "commenting")):
        covered = _reading(ICO, words)
        assert covered(kind="online-service", features=[*child, feature]) is True, words
        assert covered(kind="online-service", features=child) is False, words


def test_despite_that_it_applies_to_a_classified_or_general_purpose_service():
    code = _code(ESAFETY, ["This Standard applies to designated internet services, other than classified services and "
                           "general purpose services.",
                           "Despite that, it applies to a classified or general purpose service that is a high impact "
                           "service."], "DIS s 12")
    dis = dict(kind="designated-internet")
    assert _status(code, ESAFETY, **dis) == "applies"
    assert _status(code, ESAFETY, **dis, features=["general-purpose-dis"]) == "exempt"
    # the give-back passed over, a high impact classified service had been exempt with confidence
    assert _status(code, ESAFETY, **dis, features=["classified-dis", "high-impact"]) == "applies"


def test_core_profiling_said_outside_the_rule_in_one_sentence():
    for words in ("Profiling that is essential to provide the core service is outside the off-by-default rule; all other "
                  "profiling options should start switched off.",
                  "Where your service profiles children, any option that relies on profiling should be off unless the "
                  "child turns it on. This does not apply to profiling that is essential to providing your core service; "
                  "such profiling needs no off-switch, though you still need a lawful basis for it."):
        code = _code(ICO, [words], "ICO Standard 12")
        assert ico_status(code, "profiling") == "applies", words
        assert ico_status(code, "profiling", "core-profiling") == "exempt", words
        # the first had been every service's less core profiling, with confidence; the second not understood
        assert ico_status(code) != "applies", words


def test_esafety_sections_headed_application_and_what_the_service_already_does():
    res = _code(ESAFETY, ["13 Application (1) This Standard applies to relevant electronic services provided to end-users in "
                          "Australia, other than enterprise relevant electronic services and telephony services."], "RES s 13")
    # the heading and the reach of the law had left the whole sentence not understood
    assert _status(res, ESAFETY, kind="relevant-electronic") == "applies"
    assert _status(res, ESAFETY, kind="relevant-electronic", features=["telephony"]) == "exempt"
    for words in ("A provider of an app distribution service must enforce policies that prohibit apps from making class 1A "
                  "material available, except where the service only distributes apps that the provider itself developed.",):
        code = _code(ESAFETY, [words], "ADS MCM 2")
        assert _status(code, ESAFETY, kind="app-distribution") == "applies"
        assert _status(code, ESAFETY, kind="app-distribution", features=["first-party-only"]) == "exempt"
    genai = _code(ESAFETY, ["A provider of a high impact generative AI designated internet service must take steps to prevent "
                            "the generation of child sexual exploitation material, unless the service already uses "
                            "effective controls that prevent it from generating sexually explicit material."], "DIS s 20")
    dis = dict(kind="designated-internet")
    assert _status(genai, ESAFETY, **dis, features=["genai-high-impact"]) == "applies"
    assert _status(genai, ESAFETY, **dis, features=["genai-high-impact", "blocks-explicit-generation"]) == "exempt"


def test_a_risk_assessment_that_found_a_level():
    covered = _reading("icu", "This measure applies to providers of services whose latest risk assessment found a high risk "
                              "of intimate image abuse, and to providers of large services at a medium risk of that harm.")
    assert covered(users=1000, risks=["intimate-image-abuse=high"]) is True
    assert covered(users=1000, risks=["intimate-image-abuse=medium"]) is False
    assert covered(users=8_000_000, risks=["intimate-image-abuse=medium"]) is True


def test_it_does_apply_or_cover_after_a_release_is_read():
    for paragraphs in (["5. Detrimental use of data",
                        "The standard does not forbid features that reward children for coming back. It does apply to any "
                        "such feature you use: it must not rely on personal data to press the child to stay longer."],
                       ["The off-by-default rule does not cover location data you use only to deliver something the child "
                        "has just asked for, where nobody else can see it.",
                        "It does cover any option that lets other users see where the child is: those must default to off."]):
        code = _code(ICO, paragraphs, "ICO Standard 5")
        # passed over, the give-back had left the standard every service's, with confidence; its words are not all
        # understood, so a service without the feature is not decided
        assert ico_status(code) == "unclear", paragraphs
