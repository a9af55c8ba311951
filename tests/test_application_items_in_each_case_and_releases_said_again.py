"""Wordings that had given a confident answer the words do not support: an exception that "in each case" governs every
lettered item, whom a measure is for said before a paragraph that only lets some out ("Signatories providing models with
systemic risk commit to ... / This Commitment does not apply to ..."), a further duty about the model just named ("Where
the model's weights are to be published, the Signatory shall ..."), an instruction after "If you provide ..., tell ...",
a second release said with "Nor need ...", a release's give-back ("That release does not reach ..."), and models named
after "for a" in a duty; and wordings that had been left unclear: what the duty is about or for ("in each case so that
...", "in relation to search requests which ..."), services whose terms prohibit every kind of a content, "Those
providers should ...", "The provider's age assurance should ...", the Act's "significant number of UK users", and the
statements of a chapter's purpose that bind no one. The wording is this file's own, after the shapes of the retired
held-out sets dev118 and dev119 and of the development sets dev120 and dev121.
"""

from __future__ import annotations

from analyser.conditions import describe, parse_application
from analyser.profiles import load_profile
from analyser.vocabulary import vocabulary_for
from clause_reading import clause_reading as _reading
from one_measure_code import ESAFETY, GPAI, ICO, gpai_status, ico_status
from one_measure_code import one_measure_code as _code
from one_measure_code import status_for as _status

ICU = "codes/profiles/icu.toml"
PCU = "codes/profiles/pcu.toml"
PCS = "codes/profiles/pcs.toml"
ICS = "codes/profiles/ics.toml"


def test_in_each_case_governs_every_lettered_item():
    dating = _reading(ESAFETY, "This section applies to: (a) a dating service; or (b) a gaming service with communications "
                               "functionality, in each case other than an enterprise service.")
    # read as the last item's exception alone, an enterprise dating service had been bound with confidence
    assert dating(kind="relevant-electronic", features=["dating", "enterprise"]) is False
    assert dating(kind="relevant-electronic", features=["dating"]) is True
    assert dating(kind="relevant-electronic", features=["gaming-chat", "enterprise"]) is False
    for text in ("This measure applies to providers of: (a) large services; or (b) services at high risk of grooming, in "
                 "each case other than services with fewer than 700,000 users.",
                 "This measure applies to providers of services that: (a) are large; or (b) are at high risk of grooming, "
                 "in each case other than services with fewer than 700,000 users."):
        either = _reading(ICU, text)
        assert either(users=600_000, risks=["grooming=high"]) is False, text
        assert either(users=800_000, risks=["grooming=high"]) is True, text
        assert either(users=8_000_000) is True, text
    # without "in each case" the last item keeps its own exception, as before
    last = _reading(ICU, "This measure applies to providers of: (a) large services; or (b) services at high risk of "
                         "grooming that have more than 700,000 users.")
    assert last(users=8_000_000) is True


def test_whom_said_before_a_paragraph_that_only_lets_some_out():
    code = _code(GPAI, ["Commitment 5 Safety mitigations. Signatories providing models with systemic risk commit to putting "
                        "in place mitigations that bring the model's systemic risks to an acceptable level.",
                        "This Commitment does not apply to a model that the Signatory treats as a similarly safe or safer "
                        "model."], "GPAI S5")
    assert gpai_status(code, "systemic-risk") == "applies"
    # the first paragraph passed over, every Signatory without a similarly safe model had been bound with confidence
    assert gpai_status(code) == "exempt"
    assert gpai_status(code, "systemic-risk", "similarly-safe") == "exempt"
    summaries = _code(GPAI, ["Measure 10.2 Public transparency.",
                             "Where it is needed to assess or reduce systemic risks, Signatories providing models with "
                             "systemic risk will publish summaries of their framework and Model Reports.",
                             "Signatories that are SMEs or SMCs are not expected to publish such summaries."], "GPAI S10.2")
    assert gpai_status(summaries, "systemic-risk") == "applies"
    assert gpai_status(summaries) == "exempt"
    assert gpai_status(summaries, "systemic-risk", "sme") == "exempt"


def test_a_further_duty_about_the_model_just_named():
    code = _code(GPAI, ["Measure 5.1 Appropriate safety mitigations",
                        "Signatories shall implement safety mitigations suited to each of their models with systemic risk.",
                        "Where the model\u2019s weights are to be published, the Signatory shall take into account that "
                        "others can then strip mitigations out."], "GPAI S5.1")
    assert gpai_status(code, "systemic-risk") == "applies"
    # read as a second group, every Signatory publishing weights had been bound with confidence
    assert gpai_status(code, "open-weights") == "exempt"


def test_an_instruction_after_if_you_provide_is_for_those_readers():
    code = _code(ICO, ["If you provide parental controls, tell the child, in terms suited to their age, that they are in "
                       "place. Explain the parent\u2019s role as a \u201chelper\u201d, not a watcher."], "ICO 11")
    assert ico_status(code, "parental-controls") == "applies"
    # read as a second instruction for every reader, the standard had been every service's with confidence
    assert ico_status(code) == "exempt"


def test_releases_said_again_and_given_back():
    publish = _code(GPAI, ["Signatories will publish a summary of their Framework and Model Reports for models with "
                           "systemic risk.", "SMEs and SMCs need not publish.",
                           "Nor need a Signatory whose model is treated as similarly safe."], "GPAI S10")
    assert gpai_status(publish, "systemic-risk") == "applies"
    # "Nor need ..." passed over, a similarly safe model had stayed bound with confidence
    assert gpai_status(publish, "systemic-risk", "similarly-safe") == "exempt"
    assert gpai_status(publish, "systemic-risk", "sme") == "exempt"
    # "for models with systemic risk" after the duty says whose (read as a duty for all, every Signatory had been bound)
    assert gpai_status(publish) == "exempt"
    update = _code(GPAI, ["Signatories will update the Model Report for a model with systemic risk when they have reason to "
                          "think the landscape of risks has changed materially."], "GPAI S7.6")
    assert gpai_status(update, "systemic-risk") == "applies"
    assert gpai_status(update) == "exempt"
    released = _code(GPAI, ["Commitment 1 Documentation",
                            "Models released under a free and open-source licence whose parameters are public are outside "
                            "this Commitment.",
                            "That release does not reach a model with systemic risk."], "GPAI T1")
    # the give-back passed over, an open model with systemic risk had been let out with confidence
    assert gpai_status(released, "open-source-licence", "open-weights", "systemic-risk") == "applies"
    assert gpai_status(released, "open-source-licence", "open-weights") == "exempt"
    needed = _code(GPAI, ["External evaluation is not needed for a model the Signatory treats as similarly safe or safer.",
                          "It is needed where the weights of that model are to be published."], "GPAI S3.2")
    # what is owed again is not read: never a confident release of a similarly safe model whose weights are published
    assert gpai_status(needed, "similarly-safe", "open-weights") == "unclear"


def test_what_the_duty_is_about_or_for_says_nothing_of_whom():
    for text in ("This measure applies to providers of: (a) large services; and (b) multi-risk services, in each case so "
                 "that the content moderation function is resourced to meet its targets.",
                 "This measure applies to providers of large services and multi-risk services, in each case in relation "
                 "to content that is reported or flagged as harmful."):
        either = _reading(ICU, text)
        assert either(users=8_000_000) is True, text
        assert either(users=10) is False, text
    crisis = _reading(ICS, "This measure applies to providers of large general search services, in relation to search "
                           "requests which seek information about suicide methods, and the provider should display crisis "
                           "prevention information.")
    assert crisis(kind="search/general", users=8_000_000) is True
    assert crisis(kind="search/vertical", users=8_000_000) is False
    support = _reading(PCS, "This measure applies to providers of large general search services \u2013 which are at medium "
                            "or high risk of suicide content or self-harm content \u2013 and those providers should give "
                            "users who search for such content a link to support services.")
    assert support(kind="search/general", users=8_000_000, risks=["suicide=medium"]) is True
    assert support(kind="search/general", users=8_000_000) is False
    fraud = _reading(ICS, "This measure applies to providers of general search services with a significant number of UK "
                          "users that are at medium or high risk of fraud.")
    assert fraud(kind="search/general", users=10, risks=["fraud=high"]) is True
    assert fraud(kind="search/general", users=10) is False


def test_pcu_services_whose_terms_prohibit_every_kind():
    vocab = vocabulary_for(load_profile("pcu").services)
    app = parse_application("This measure applies to providers of services whose terms of service prohibit every kind of "
                            "primary priority content but which are at medium or high risk of one or more of pornography, "
                            "suicide, self-harm or eating disorder content. The provider's age assurance should be highly "
                            "effective.", "u2u", vocab)
    assert not app.unparsed
    text = describe(app.condition)
    assert text.startswith("not allows primary priority content and"), text
    broken = _reading(PCU, "This measure applies to providers of services whose terms of service prohibit all kinds of "
                           "prior ity content but which are at medium or high risk of one or more of those kinds.")
    assert broken(features=["allows-priority-content"], risks=["bullying=high"]) is False
    assert broken(risks=["bullying=high"]) is True
    at_least = _reading(PCU, "This measure applies to providers of services whose terms of service do not prohibit at least "
                             "one kind of primary priority content, other than services to which PCU B1 applies.")
    assert at_least(features=["allows-primary-priority-content"]) is not False
    purpose = _reading(PCU, "This measure applies to providers of services whose principal purpose is to host or "
                            "disseminate any kind of priority content.")
    assert purpose(features=["principal-purpose-pc"]) is True
    assert purpose() is False


def test_a_chapter_s_purpose_binds_no_one():
    for text in ("The purpose of this Chapter is to help Signatories show how they meet the documentation obligations of "
                 "the AI Act. It describes aims; it does not itself place any duty on a Signatory.",
                 "The overall aim of this Chapter is to set out how providers may show that they manage systemic risk. It "
                 "imposes nothing on its own."):
        # (read as the application text: every word understood, and none of them narrows)
        aims = _reading(GPAI, text)
        assert aims(kind="gpai-provider") is True, text
        assert aims(kind="gpai-provider", features=["sme"]) is True, text
    # (a control) a sentence that lays nothing on a class lets it out, and is never passed over as a statement of aims
    for text in ("Signatories will publish a summary. It imposes nothing on Signatories that are SMEs.",
                 "Signatories will publish a summary. This section does not impose any obligation on SMEs."):
        code = _code(GPAI, [text], "GPAI X")
        assert gpai_status(code, "sme") != "applies", text
    # ... but one that lays nothing on any Signatory binds no one, and lets no class out
    review = _code(GPAI, ["The Code will be looked at again at least every two years.",
                          "This paragraph describes a process of the AI Office and places no obligation on any Signatory."],
                   "GPAI Opening")
    assert gpai_status(review, "sme") == "applies"


def test_gpai_and_ico_wordings_of_their_features():
    for text, feature in (("Signatories offering their model to customers through an API shall include the rate limits.",
                           "api-access"),
                          ("Signatories employing web crawlers, directly or through a contractor, shall reproduce only "
                           "content they can lawfully access.", "web-crawler"),
                          ("Signatories shall evaluate their models with systemic risk by methods suited to each risk.",
                           "systemic-risk"),
                          ("External evaluation before placing on the market is not needed for a model treated as "
                           "similarly safe or safer than one already on the market.", None)):
        code = _code(GPAI, [text], "GPAI X")
        if feature is None:
            assert gpai_status(code) == "applies", text
            assert gpai_status(code, "similarly-safe") == "exempt", text
        else:
            assert gpai_status(code, feature) == "applies", text
            assert gpai_status(code) == "exempt", text
    for text, feature in (("Where your service is aimed at children across several age ranges, you should prepare versions "
                           "of the privacy information for each range.", "mixed-age-ranges"),
                          ("If your service gives users privacy settings they can change, explain at the point of change "
                           "what the change will mean.", "user-settings")):
        code = _code(ICO, [text], "ICO X")
        assert ico_status(code, feature) == "applies", text
        assert ico_status(code) == "exempt", text
    grooming = _reading(ICU, "This measure applies to providers of services at medium or high risk of grooming that have "
                             "one or more of the following: (a) user profiles; (b) functionality allowing users to connect "
                             "with other users; (c) direct messaging.")
    assert grooming(risks=["grooming=medium"], features=["user-connections"]) is True
    assert grooming(risks=["grooming=medium"]) is False


def test_children_s_codes_stock_wordings_left_unclear_before():
    # "in each case unless ...": the exception is every group's, as "in each case other than" is
    for text in ("This measure applies to providers of large services, and to providers of multi-risk services, in each "
                 "case unless the provider uses highly effective age assurance to prevent children from accessing the whole "
                 "service.",
                 "This measure applies to providers of: (a) large services; or (b) multi-risk services, in each case unless "
                 "the provider already uses highly effective age assurance."):
        gated = _reading(PCU, text)
        assert gated(users=8_000_000) is True, text
        assert gated(users=8_000_000, features=["age-assurance"]) is False, text
        assert gated(users=10) is False, text
    # "or the part of it on which ...": where the age assurance works, which says no more of whom
    feeds = _reading(PCU, "This measure applies to providers of services that operate a content recommender system. It does "
                          "not apply where the provider uses highly effective age assurance to prevent children from "
                          "accessing the service, or the part of it on which that content may be encountered.")
    assert feeds(features=["recommender"]) is True
    assert feeds(features=["recommender", "age-assurance"]) is False
    # "... other than services whose principal purpose is hosting or disseminating such content": the content named first
    such = _reading(PCU, "This measure applies to providers of services that do not prohibit one or more kinds of primary "
                         "priority content, other than services whose principal purpose is hosting or disseminating such "
                         "content.")
    assert such(features=["allows-primary-priority-content"]) is True
    assert such(features=["allows-primary-priority-content", "principal-purpose-ppc"]) is False


def test_a_significant_number_of_child_users_is_likely_access_by_children():
    grooming = _reading(ICU, "This measure applies to providers of services with a significant number of child users that "
                             "are at medium or high risk of grooming.")
    assert grooming(risks=["grooming=high"], features=["likely-accessed-by-children"]) is True
    assert grooming(risks=["grooming=high"]) is False
    # in a children's code it is the code's own scope, and the duty after "In response to ..." is no further group
    crisis = _reading(PCS, "This measure applies to providers of general search services used by significant numbers of UK "
                           "children. In response to search requests relating to suicide, the provider should show crisis "
                           "prevention information.")
    assert crisis(kind="search/general", features=["likely-accessed-by-children"]) is True
    assert crisis(kind="search/vertical", features=["likely-accessed-by-children"]) is False


def test_words_dropped_as_saying_nothing_of_whom_never_take_a_condition_with_them():
    # what the duty is about, or for, ends before a condition of the sentence's own: read, or left unclear
    for text in ("This measure applies to providers of large services in relation to content that users report where the "
                 "service has direct messaging.",
                 "This measure applies to providers of large services and multi-risk services, in each case in order to "
                 "handle reports quickly where the service has direct messaging."):
        app = parse_application(text, "u2u", vocabulary_for(load_profile("icu").services))
        # (dropped with the purpose, the condition had gone and every large service been bound with confidence)
        assert app.unparsed or "direct messaging" in describe(app.condition), text
    gated = _code(PCU, ["This measure applies to providers of services that operate a content recommender system. It does "
                        "not apply where the provider uses highly effective age assurance, or the part of it on which the "
                        "feed appears, unless the service is large."], "PCU X")
    large_gated = ["recommender", "age-assurance", "likely-accessed-by-children"]
    assert _status(gated, PCU, users=8_000_000, features=large_gated) == "applies"
    needed = _code(GPAI, ["Where it is needed to protect users where the model is offered through an API, Signatories will "
                          "publish summaries."], "GPAI X")
    assert gpai_status(needed) != "applies"
