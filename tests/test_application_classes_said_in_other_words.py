"""Classes of services and models said in words the profiles had not known, each now read or still left unclear, never
read as another class: the EU code's "a model presenting systemic risk", "the similarly safe or safer concept",
"when they sign this Chapter", "crawl the World Wide Web, or have it crawled on their behalf", "SMEs excepted," and
"other than SMEs, but including SMCs"; the ICO's emphatic "If you do use nudges", and the ICO's features said as what
the service lets users or parents do. The wording is this file's own, after the shapes of the development sets dev80
and dev81.
"""

from __future__ import annotations

from one_measure_code import one_measure_code as _code
from one_measure_code import GPAI, ICO, gpai_status as _gpai, ico_status as _ico


def test_a_model_presenting_systemic_risk_is_one_with_systemic_risk():
    code = _code(GPAI, ["This Measure applies to Signatories that place a model presenting systemic risk on the market."])
    assert _gpai(code) == "exempt"
    assert _gpai(code, "systemic-risk") == "applies"


def test_relying_on_the_similarly_safe_concept_names_that_class():
    code = _code(GPAI, ["This Measure applies to Signatories that rely on the similarly safe or safer concept for a model."])
    assert _gpai(code) == "exempt"
    assert _gpai(code, "similarly-safe") == "applies"


def test_when_they_sign_this_chapter_is_a_time_not_a_class():
    code = _code(GPAI, ["This Measure applies to Signatories whose model is already on the market when they sign this Chapter."])
    assert _gpai(code, "on-market") == "applies"
    assert _gpai(code) == "exempt"


def test_crawling_done_on_their_behalf_is_crawling():
    for words in ("Signatories that crawl the World Wide Web, or have it crawled on their behalf, to obtain training data will "
                  "follow robots.txt instructions.",
                  "This Measure applies to Signatories that use web-crawlers, or have others crawl on their behalf, to collect "
                  "training data."):
        code = _code(GPAI, [words])
        assert _gpai(code, "web-crawler") == "applies", words
        assert _gpai(code) == "exempt", words


def test_smes_excepted_and_smcs_included_leave_out_only_smes():
    # read as a duty naming SMEs, perhaps only theirs, "Except for SMEs" had told an SME "applies" with confidence
    for words in ("SMEs excepted, Signatories will have their systemic risk processes audited internally once a year.",
                  "Except for SMEs, Signatories will keep a log of the audits they commission.",
                  "Signatories, other than SMEs, but including SMCs, will have their Framework reviewed independently every two "
                  "years."):
        code = _code(GPAI, [words])
        assert _gpai(code, "sme") == "exempt", words
        assert _gpai(code, "smc") == "applies", words
        assert _gpai(code) == "applies", words


def test_an_emphatic_do_is_no_negation():
    code = _code(ICO, ["If you do use nudges, for instance to suggest a break, make them serve the child's wellbeing."])
    assert _ico(code, "nudge-techniques") == "applies"
    assert _ico(code) == "exempt"
    code = _code(ICO, ["If you do not use age assurance, apply the standards to every user."])
    assert _ico(code, "age-assurance") == "exempt"
    assert _ico(code) == "applies"


def test_ico_features_said_as_what_users_or_parents_can_do():
    cases = [("If your service lets users see one another's profiles, show children's profiles only to their contacts by "
              "default.", "user-profiles"),
             ("Where parents can follow their child's location through your service, make that visible to the child.",
              "parental-location-tracking"),
             ("If your service uses end-to-end encryption for messages or stored files, explain in your DPIA how you still "
              "meet the other standards.", "e2ee"),
             ("This part applies to services that show children behaviourally targeted advertising.", "targeted-advertising")]
    for words, feature in cases:
        code = _code(ICO, [words])
        # each had been words not understood, unclear for every service
        assert _ico(code, feature) == "applies", words
        assert _ico(code) == "exempt", words


def test_a_provision_that_is_not_for_some_leaves_them_out():
    for paragraphs in (["Signatories will offer an online form for complaints about copyright.",
                        "Paragraph (1) is not for SMEs, which may instead give an email address for complaints."],
                       ["Signatories will offer an online form for complaints about copyright. This Measure is not for SMEs."]):
        code = _code(GPAI, paragraphs)
        # "is not for" had not been read: every Signatory, an SME told "applies" with confidence
        assert _gpai(code, "sme") == "exempt", paragraphs
        assert _gpai(code) == "applies", paragraphs


def test_access_that_is_not_owed_for_some_models_is_released_for_them():
    code = _code(GPAI, ["To support monitoring after release, Signatories will give independent evaluators access to the model.",
                        "That access is not owed for a model the Signatory treats as similarly safe or safer with regard to the "
                        "systemic risk concerned."])
    # the release had been passed over: a similarly safe model told "applies" with confidence
    assert _gpai(code, "similarly-safe") == "exempt"
    assert _gpai(code) == "applies"


def test_a_measure_headed_by_older_models_is_not_every_signatorys_with_confidence():
    code = _code(GPAI, ["Measure 1.7 Models placed on the market before 2 August 2025",
                        "Signatories will bring the documentation for such models up to date by 2 August 2027."])
    # the heading had been passed over: a Signatory with only newer models was told "applies" with confidence
    assert _gpai(code) == "unclear"
    assert _gpai(code, "pre-august-2025") == "applies"


def test_a_class_of_service_or_its_providers_as_the_duty_subject_says_whom():
    from clause_reading import clause_reading
    from one_measure_code import ESAFETY, status_for
    cases = [("A hosting service provider must act on class 1A material it learns of.", "hosting"),
             ("Internet carriage service providers must tell customers about filtering products.", "internet-carriage"),
             ("A high impact designated internet service must detect and remove known class 1A material.", "designated-internet")]
    for words, kind in cases:
        # read as the application (a paragraph the extractor marks so), each subject had been words not understood:
        # unclear for every section, its own included (a paragraph not so marked was read through its duty's subject)
        covered = clause_reading(ESAFETY, words)
        features = ["high-impact"] if kind == "designated-internet" else []
        assert covered(kind=kind, features=features) is True, words
        assert covered(kind="social-media") is False, words
    assert clause_reading(ESAFETY, cases[2][0])(kind="designated-internet") is False
    # a pointer to another measure names no second group (read as one, a Tier 1 self-harm service had been told "applies")
    code = _code(ESAFETY, ["A provider of a social media service that is Tier 1 for online pornography must use age assurance. A "
                           "Tier 1 service for self-harm material should refer to Measure 5."], "MCM 4")
    assert status_for(code, ESAFETY, kind="social-media", features=["tier-1-self-harm"]) == "exempt"
    assert status_for(code, ESAFETY, kind="social-media", features=["tier-1-pornography"]) == "applies"
    # nor is a condition on the reader first a class of service as the subject
    code = _code(ICO, ["If you have a voice-activated service or a smart speaker, you should be able to give privacy information "
                       "out loud."])
    assert _ico(code, "voice-assistant") == "applies"
    assert _ico(code) == "exempt"
