"""Wordings that had given a confident answer the words do not support: a narrower rule for a subgroup after "but"
("..., but to providers of vertical search services only where they are large"), a "will" inside the subject's
relative clause ("Signatories whose model will have its weights published will ..."), an exception about the
encrypted part of what a service holds ("..., except in respect of storage that is end-to-end encrypted"), a class said
to be covered like every other ("SMEs are covered by this Measure in the same way as other Signatories"), a measure
that opens with what its users can do ("If users can follow or friend one another, ..."), a size that lets no one out
("A provider with fewer than 10 employees is not exempt"), a further group in the passive, releases of SMEs and SMCs,
"not bound ... as regards a model" and a duty for one part of a service; and wordings that had been left unclear:
asides that restrict nothing, running headers, and the ICO, GPAI and PCU codes' own words for their classes. The
wording is this file's own, after the shapes of the retired held-out sets dev114 and dev115 and of the development sets
dev116 and dev117.
"""

from __future__ import annotations

from analyser.conditions import describe, parse_application
from analyser.profiles import load_profile
from analyser.vocabulary import vocabulary_for
from clause_reading import clause_reading as _reading
from one_measure_code import ESAFETY, GPAI, ICO, gpai_status, ico_status
from one_measure_code import one_measure_code as _code
from one_measure_code import status_for as _status

ICS = "codes/profiles/ics.toml"


def test_a_subgroup_given_a_narrower_rule_after_but():
    code = _code(ICS, ["This measure applies to providers of search services that are large or at medium or high risk of "
                       "any kind of illegal harm, but to providers of vertical search services only where they are large."],
                 "ICS C9")
    risky = ["fraud=medium"]
    assert _status(code, ICS, kind="search/general", users=10, risks=risky) == "applies"
    # read as a second group added to the first, a small vertical service at risk had been bound with confidence
    assert _status(code, ICS, kind="search/vertical", users=10, risks=risky) == "exempt"
    assert _status(code, ICS, kind="search/vertical", users=9_000_000) == "applies"
    assert _status(code, ICS, kind="search/general", users=10) == "exempt"


def test_a_will_inside_the_subject_s_relative_clause():
    code = _code(GPAI, ["Signatories whose systemic-risk model will have its weights published will take that "
                        "irreversibility into account when deciding whether the risk is acceptable."], "GPAI S2.1")
    assert gpai_status(code, "systemic-risk", "open-weights") == "applies"
    # cut at the first "will", the publication had been lost and every systemic-risk model bound
    assert gpai_status(code, "systemic-risk") == "exempt"
    # two duties joined by "and" keep their subject as it was
    two = _code(GPAI, ["Signatories whose models have systemic risk will assess them and will report them."], "GPAI X")
    assert gpai_status(two, "systemic-risk") == "applies"
    assert gpai_status(two) == "exempt"


def test_an_exception_for_encrypted_storage():
    code = _code(ESAFETY, ["A provider of an end-user managed hosting service must act on reports of class 1A material, "
                           "except in respect of storage that is end-to-end encrypted."], "eSafety DIS Standard s 20")
    hosting = dict(kind="designated-internet", features=["end-user-managed-hosting"])
    assert _status(code, ESAFETY, **hosting) == "applies"
    # the exception passed over, an encrypted store had been bound with confidence
    assert _status(code, ESAFETY, kind="designated-internet", features=["end-user-managed-hosting", "e2ee"]) == "exempt"


def test_a_class_said_to_be_covered_like_the_others():
    for words in ("Small and medium-sized enterprises are covered by this Measure in the same way as other Signatories.",
                  "Signatories will record the information. SMEs are covered by this Measure in the same way as other "
                  "Signatories."):
        code = _code(GPAI, [words], "GPAI T1.1")
        # read as the measure's scope, every Signatory that is no SME had been let out
        assert gpai_status(code) == "applies", words
        assert gpai_status(code, "sme") == "applies", words
    # a class that is the scope stays the scope
    only = _reading("codes/profiles/eu-gpai.toml", "This Measure applies to Signatories whose models have systemic risk. "
                                                   "SMEs are bound by it just as any other Signatory is.")
    assert only(kind="gpai-provider", features=["systemic-risk", "sme"]) is True
    assert only(kind="gpai-provider", features=["sme"]) is False


def test_a_measure_that_opens_with_what_its_users_can_do():
    code = _code(ICO, ["If users can follow or friend one another, a child's account should not be suggested to adults "
                       "they do not know.",
                       "Where an adult does send a connection request, show the child a warning before they accept."],
                 "ICO Connections")
    assert ico_status(code, "user-connections") == "applies"
    # the opening condition passed over, a service where nobody can connect had been bound with confidence
    assert ico_status(code) == "unclear"
    # words about users the profile does not know leave the measure unclear, never every service's
    odd = _code(ICO, ["If users can swap stickers with one another, a child's account should not be suggested to "
                      "adults.", "Show the child a warning before they accept."], "ICO X")
    assert ico_status(odd) == "unclear"
    assert ico_status(odd, "user-connections") == "unclear"


def test_catch_all_features_and_the_users_wordings_of_the_ico_code():
    reading = lambda text: _reading(ICO, text)  # noqa: E731
    engaged = reading("If your service uses reward loops, streaks or other features designed to keep children engaged, "
                      "give them the option to pause.")
    assert engaged(kind="online-service", features=["engagement-features"]) is True
    assert engaged(kind="online-service") is False
    ages = reading("Where your service is likely to be used by children of different ages, tailor the information.")
    assert ages(kind="online-service", features=["mixed-age-ranges"]) is True
    reports = reading("Where you rely on users reporting breaches of your community standards, make the tools easy to use.")
    assert reports(kind="online-service", features=["user-reporting"]) is True
    chat = reading("If your online game lets players message one another privately, such chat should be off.")
    assert chat(kind="online-service", features=["online-game", "direct-messaging"]) is True
    assert chat(kind="online-service", features=["online-game"]) is False


def test_gpai_wordings_of_lifecycle_compute_staff_and_that_model():
    reading = lambda text: _reading(GPAI, text)  # noqa: E731
    lifecycle = reading("Signatories will put in place safety mitigations for their models with systemic risk throughout "
                        "the model lifecycle.")
    assert lifecycle(kind="gpai-provider", features=["systemic-risk"]) is True
    assert lifecycle(kind="gpai-provider") is False
    compute = reading("Signatories whose model was trained with cumulative compute above 10^25 floating-point operations "
                      "will apply this Chapter to it.")
    assert compute(kind="gpai-provider", features=["systemic-risk"]) is True
    assert compute(kind="gpai-provider") is False
    # fewer than 250 staff is the EU's SME: a permission for SMEs, read both ways as any "SMEs may" is
    staff = _code(GPAI, ["Signatories employing fewer than 250 people may file a Model Report in the shortened form."], "GPAI X")
    assert gpai_status(staff, "sme") == "applies"
    assert gpai_status(staff) == "unclear"
    released = reading("A Signatory whose model is released under a free and open-source licence is not bound by this "
                       "Commitment unless that model carries systemic risk.")
    assert released(kind="gpai-provider", features=["open-source-licence"]) is False
    assert released(kind="gpai-provider", features=["open-source-licence", "systemic-risk"]) is True


def test_pcu_wordings_of_either_measure_children_s_risk_and_non_designated_content():
    pcu = lambda text: _reading("codes/profiles/pcu.toml", text)  # noqa: E731
    # (another measure's services are read when the code is: here, that both measures are named, joined by "or")
    either = parse_application("This measure applies to providers of services to which either PCU E1 or PCU E2 applies.",
                               "u2u", vocabulary_for(load_profile("pcu").services))
    assert not either.unparsed
    assert describe(either.condition) == "services to which PCU E1 applies or services to which PCU E2 applies"
    chats = pcu("This measure applies to providers of services that have group chats, where children are at medium or high "
                "risk of encountering bullying content in them.")
    assert chats(features=["user-groups"], risks=["bullying=medium"]) is True
    assert chats(features=["user-groups"]) is False
    assert chats(risks=["bullying=high"]) is False
    harmful = pcu("This measure applies to providers of large services and of services at medium or high risk of any kind "
                  "of content harmful to children, other than non-designated content.")
    assert harmful(risks=["violence=medium"]) is True
    assert harmful(users=10) is False


def test_a_provider_of_any_size_is_not_a_further_group():
    for later in ("A provider with fewer than 10 employees is not exempt.", "Small providers are not exempt.",
                  "Sole traders are not exempted from this Standard."):
        code = _code(ESAFETY, ["A provider of a general purpose designated internet service must have terms of use that "
                               f"prohibit class 1A material. {later}"], "eSafety DIS Standard s 12")
        assert _status(code, ESAFETY, kind="designated-internet", features=["general-purpose-dis"]) == "applies", later
        # read as services given back (or a further group), providers outside the class had been covered or left unclear
        assert _status(code, ESAFETY, kind="designated-internet") == "exempt", later
    # a class given back after an exception is still given back
    back = _code(ICO, ["This code does not apply to counselling services. A counselling service that also uses "
                       "targeted advertising is not excluded."], "ICO X")
    assert ico_status(back, "counselling-service", "targeted-advertising") == "applies"


def test_ico_conditions_on_a_child_s_location_a_shared_toy_and_the_rest_of_an_organisation():
    location = _code(ICO, ["Where a child's location can be seen by other users, provide an obvious sign for the child while "
                           "it is visible, and default back to off at the end of each session."], "ICO 10")
    assert ico_status(location, "location-sharing") == "applies"
    # (a condition on the reader alone is read both ways, as every ICO "Where ..., do ..." is)
    assert ico_status(location) == "unclear"
    toy = _reading(ICO, "If you provide a connected toy or device that is likely to be used by more than one person, of "
                        "different ages, make sure each user can see and control what data it collects about them.")
    assert toy(kind="online-service", features=["connected-toy", "shared-device"]) is True
    assert toy(kind="online-service", features=["connected-toy"]) is False
    rest = _reading(ICO, "The code does not apply to preventive or counselling services provided directly to a child. Other "
                         "services offered by the same organisation remain covered.")
    assert rest(kind="online-service", features=["counselling-service"]) is False
    assert rest(kind="online-service") is True
    # "Undertake" is an instruction to every reader, as "Carry out" is
    dpia = _reading(ICO, "Undertake a DPIA to assess and mitigate risks to children who are likely to access your service. "
                         "This applies however small your organisation is.")
    assert dpia(kind="online-service") is True


def test_a_numbered_paragraph_that_opens_with_the_models_it_is_for():
    code = _code(GPAI, ["3.5.1 For each of their models with systemic risk, Signatories shall gather information from "
                        "post-market monitoring.",
                        "3.5.2 Where a Signatory has published the model's weights, it shall also follow public discussion "
                        "of the model's misuse."], "GPAI S3.5")
    assert gpai_status(code, "systemic-risk") == "applies"
    # its number in front, the opening had not been read and every Signatory bound with confidence
    assert gpai_status(code) == "exempt"


def test_a_further_group_said_in_the_passive():
    code = _code(ICS, ["This measure applies to providers of large general search services.",
                       "It should also be applied by providers of other search services where they are at high risk of "
                       "CSAM URLs.",
                       "The provider should display crisis prevention information when users search for such terms."],
                 "ICS C2")
    # passed over, a small search service at high risk had been left out with confidence
    assert _status(code, ICS, kind="search/vertical", users=10, risks=["csam-url=high"]) == "applies"
    assert _status(code, ICS, kind="search/general", users=9_000_000) == "applies"
    assert _status(code, ICS, kind="search/vertical", users=10) == "exempt"


def test_an_easing_for_smes_and_smcs_taken_back_for_some_models():
    code = _code(GPAI, ["SMEs and SMCs may complete a shorter version of the Model Documentation Form.",
                        "That simplification is not available for a model with systemic risk."], "GPAI T1.1")
    assert gpai_status(code, "sme") == "applies"
    assert gpai_status(code, "sme", "systemic-risk") == "exempt"
    # the permission dropped, every Signatory that is neither had been bound with confidence
    assert gpai_status(code) == "unclear"


def test_a_standard_said_to_be_about_something():
    about = _code(ICO, ["9. Data sharing", "This standard is not about handing data to processors who act only on your "
                        "instructions.", "It is about any disclosure of children's personal data to third parties."],
                  "ICO 9")
    # words about what the standard covers, not read: never every service's with confidence
    assert ico_status(about) == "unclear"


def test_ofcom_asides_run_on_duties_and_a_header_inside_a_broken_word():
    icu = lambda text: _reading("icu", text)  # noqa: E731
    broken = icu("This measure applies to providers of large or multi- 41 Illegal content Codes of Practice for "
                 "user-to-user services risk services.")
    assert broken(risks=["fraud=medium", "hate=medium"]) is True
    assert broken(users=10) is False
    run_on = icu("This measure applies to providers of large services \u2014 whatever their assessed level of risk \u2014 and "
                 "the provider should keep a protocol for responding to a crisis.")
    assert run_on(users=9_000_000) is True
    assert run_on(users=10, risks=["fraud=high"]) is False
    every = icu("This measure applies to a provider in respect of each service it provides, irrespective of how many UK "
                "users it has.")
    assert every(users=10) is True
    live = icu("This measure applies to providers of services that allow users to livestream, in respect of that "
               "functionality.")
    assert live(features=["livestreaming"]) is True
    assert live() is False
    such = icu("This measure applies to providers of services that are large. It applies only where such a service is "
               "likely to be accessed by children.")
    assert such(users=9_000_000, features=["likely-accessed-by-children"]) is True
    assert such(users=9_000_000) is False
    pcs = _reading("codes/profiles/pcs.toml", "This measure applies to providers of large general search services \u2013 and, "
                                              "in addition, to providers of general search services at medium or high risk "
                                              "of pornographic content.")
    assert pcs(kind="search/general", users=10, risks=["pornography=medium"]) is True
    assert pcs(kind="search/general", users=10) is False
    pcu = lambda text: _reading("codes/profiles/pcu.toml", text)  # noqa: E731
    either_size = pcu("This measure applies to providers of services at medium or high risk of one or more of bullying "
                      "content or suicide content, large or not.")
    assert either_size(risks=["suicide=medium"]) is True
    assert either_size(users=9_000_000) is False
    relevant = pcu("This measure applies to providers of services that have group chat functionality, where relevant, and "
                   "are at medium or high risk of bullying content.")
    assert relevant(features=["user-groups"], risks=["bullying=medium"]) is True
    assert relevant(risks=["bullying=medium"]) is False
    purpose = pcu("This measure applies to providers of services whose principal purpose is the hosting or dissemination "
                  "of at least one kind of primary priority content.")
    assert purpose(features=["principal-purpose-ppc"]) is True


def test_gpai_page_headers_not_bound_as_regards_and_a_model_with_systemic_risk_that_is_offered():
    reading = lambda text: _reading(GPAI, text)  # noqa: E731
    header = reading("Safety and Security Chapter, page 14 Signatories shall identify the systemic risks of their models "
                     "with systemic risk.")
    assert header(kind="gpai-provider", features=["systemic-risk"]) is True
    assert header(kind="gpai-provider") is False
    # read with "A Signatory" as the class, the models had been dropped and every Signatory without systemic risk let out
    regards = reading("A Signatory is not bound by this Commitment as regards a model it releases under a free and "
                      "open-source licence, unless that model presents systemic risk.")
    assert regards(kind="gpai-provider") is True
    assert regards(kind="gpai-provider", features=["open-source-licence"]) is False
    assert regards(kind="gpai-provider", features=["open-source-licence", "systemic-risk"]) is True
    offered = reading("Where a model with systemic risk is offered through an API, Signatories will monitor it for misuse.")
    assert offered(kind="gpai-provider", features=["systemic-risk", "api-access"]) is True
    assert offered(kind="gpai-provider", features=["api-access"]) is False
    assert offered(kind="gpai-provider", features=["systemic-risk"]) is False


def test_a_duty_for_one_part_of_the_service():
    code = _code(ESAFETY, ["A provider of a Tier 1 social media service must, in respect of any private messaging part of the "
                           "service, enable end-users to report material."], "eSafety SMS Code MCM 9")
    assert _status(code, ESAFETY, kind="social-media", features=["tier-1", "direct-messaging"]) == "applies"
    # passed over, a service with no private messaging had been bound with confidence
    assert _status(code, ESAFETY, kind="social-media", features=["tier-1"]) == "exempt"


def test_nothing_required_of_smes_and_evaluators_a_signatory_has_assess_its_models():
    code = _code(GPAI, ["Signatories shall publish summaries of their Framework and Model Reports where this is needed to "
                        "assess systemic risk.", "No publication is required of an SME or an SMC."], "GPAI S10.2")
    # passed over, an SME had been bound (or left to the feature the duty names) with confidence
    assert gpai_status(code, "sme") == "exempt"
    assert gpai_status(code, "smc", "systemic-risk") == "exempt"
    assert gpai_status(code, "systemic-risk") == "applies"
    # the models the evaluators assess are the duty's: never every Signatory's with confidence
    evaluators = _code(GPAI, ["Signatories shall have independent external evaluators assess each model with systemic "
                              "risk, except a model that is similarly safe or safer."], "GPAI S3.5")
    assert gpai_status(evaluators) != "applies"
    assert gpai_status(evaluators, "similarly-safe") == "exempt"


def test_more_of_the_ico_code_s_conditions_in_its_readers_words():
    for text, feature in (("If you publish rules about how users should behave or what content is allowed, uphold them.",
                           "community-standards"),
                          ("If you pass children's data to other companies in your own group, tell them.", "intra-group-sharing"),
                          ("Where a parent or carer can track a child's location on the service, show the child a sign.",
                           "parental-location-tracking"),
                          ("If your service streams video, switch autoplay off by default.", "streaming"),
                          ("Where children can buy things inside your service, set spending limits.", "in-app-purchases")):
        reading = _reading(ICO, text)
        assert reading(kind="online-service", features=[feature]) is True, text
        assert reading(kind="online-service") is False, text


def test_services_said_with_a_participle_of_whom_they_are_for():
    for text in ("This standard applies to services aimed at children under 13.",
                 "This standard applies to a service designed for children under 13."):
        reading = _reading(ICO, text)
        assert reading(kind="online-service", features=["under-13-audience"]) is True, text
        assert reading(kind="online-service") is False, text


def test_words_between_a_release_and_its_exception_are_read_or_left_unclear():
    for words in ("A Signatory is not bound by this Commitment during its first year, unless its model presents systemic "
                  "risk.",
                  "Signatories are not bound by this Commitment once the weights are published, unless the model presents "
                  "systemic risk."):
        code = _code(GPAI, [words], "GPAI T1")
        # dropped, the release had been every Signatory's and each one without systemic risk let out with confidence
        assert gpai_status(code) == "unclear", words
        assert gpai_status(code, "systemic-risk") == "applies", words
    # a release with nothing between it and its exception is read as before
    plain = _code(GPAI, ["SMEs are exempt from this Measure, unless their model has systemic risk."], "GPAI T1")
    assert gpai_status(plain, "sme") == "exempt"
    assert gpai_status(plain, "sme", "systemic-risk") == "applies"
