"""Whom a measure covers, in wordings that had been read wrongly or not at all: a modifier after the lower of two levels
of one harm ("(a) at high risk of grooming; or (b) at medium risk of grooming that have user profiles": it had been said
of both), a list of harms in the paragraph after "one or more of the following:", ", other than pornographic content"
set off by a comma, "services that have been assessed at high risk of ... in a recent risk assessment", "at high risk of
either", the AI Act's threshold of 10^25 floating-point operations (also in superscript) and "each model with systemic
risk" after a preposition (every Signatory had been bound), "offers private messaging that is end-to-end encrypted" (the
messaging had been dropped with confidence), "If yours is a video streaming service" and eSafety's "to the extent that
those services are provided to end-users in Australia". The wording is this file's own, after the shapes of the retired
held-out sets dev102 and dev103.
"""

from __future__ import annotations

from clause_reading import clause_reading as _reading
from one_measure_code import ESAFETY, GPAI, ICO, gpai_status, ico_status
from one_measure_code import one_measure_code as _code
from one_measure_code import status_for as _status

SMALL = dict(users=1000)
LARGE = dict(users=8_000_000)


def _binds_only_systemic_risk_models(words: str, measure: str = "GPAI Safety and Security Measure 2.1") -> None:
    """The duty in ``words`` binds a Signatory with a model with systemic risk and no other."""
    code = _code(GPAI, [words], measure)
    assert gpai_status(code) == "exempt", words
    assert gpai_status(code, "systemic-risk") == "applies", words


def test_a_modifier_after_the_lower_level_of_a_harm_is_that_levels_alone():
    for words in ("This measure applies to providers of services: (a) at high risk of grooming; or (b) at medium risk of "
                  "grooming that have user profiles.",
                  "This measure applies to providers of services at high risk of grooming or at medium risk of grooming "
                  "that have user profiles."):
        covered = _reading("icu", words)
        # said of both levels, a service at high risk of grooming with no profiles had been exempt with confidence
        assert covered(**SMALL, risks=["grooming=high"]) is True, words
        assert covered(**SMALL, risks=["grooming=medium"]) is False, words
        assert covered(**SMALL, risks=["grooming=medium"], features=["user-profiles"]) is True, words
    # two harms: nothing makes the modifier one alternative's, so it stays said of both
    both = _reading("icu", "This measure applies to providers of services at high risk of grooming or at medium risk of "
                           "terrorism that have user profiles.")
    assert both(**SMALL, risks=["grooming=high"]) is False


def test_a_list_of_harms_in_the_paragraph_after_the_following():
    code = _code("icu", ["This measure applies to providers of large services that have user profiles and that are at "
                         "medium or high risk of one or more of the following:",
                         "grooming, hate, harassment, controlling or coercive behaviour."], "ICU J1")
    profiles = dict(features=["user-profiles"], **LARGE)
    # the list left out, the clause had been unclear for every service
    assert _status(code, "icu", risks=["harassment=medium"], **profiles) == "applies"
    assert _status(code, "icu", risks=["fraud=high"], **profiles) == "exempt"
    # a paragraph with a duty of its own after the colon is no list
    duty = _code("icu", ["This measure applies to providers of services at medium or high risk of one or more of the "
                         "following:", "Providers should review their terms of service every year."], "ICU J2")
    assert _status(duty, "icu", risks=["hate=high"], **SMALL) == "unclear"


def test_a_list_of_features_then_and_that_in_the_next_paragraph():
    code = _code("icu", ["This measure applies to providers of large services that have user profiles and at least one of "
                         "the following: user connections; posting content; direct messaging; commenting on content;",
                         "and that are at medium or high risk of one or more of: harassment; hate; grooming."], "ICU J1")
    profiles = dict(features=["user-profiles", "commenting"], **LARGE)
    assert _status(code, "icu", risks=["hate=medium"], **profiles) == "applies"
    # the second paragraph dropped after the list's semicolon, a large service at no risk had been covered with confidence
    assert _status(code, "icu", **profiles) == "exempt"


def test_kinds_of_content_less_one_set_off_by_a_comma():
    covered = _reading("pcu", "This measure applies to providers of services that: (a) operate a content recommender "
                              "system; and (b) are at medium or high risk of one or more kinds of primary priority content, "
                              "other than pornographic content.")
    feeds = dict(features=["recommender"], **SMALL)
    assert covered(risks=["suicide=medium"], **feeds) is True
    assert covered(risks=["pornography=high"], **feeds) is False
    # an exception that is no kind of the group is not taken out of it
    assert _reading("pcu", "This measure applies to providers of services at medium or high risk of one or more kinds of "
                           "priority content, other than services to which PCU B2 applies.")


def test_a_level_an_assessment_gave_and_either_of_the_harms_before():
    assessed = _reading("icu", "This measure applies to providers of large services and to providers of services that have "
                               "been assessed at high risk of terrorism or hate in a recent risk assessment.")
    assert assessed(**LARGE) is True
    assert assessed(**SMALL, risks=["hate=high"]) is True
    assert assessed(**SMALL, risks=["hate=medium"]) is False
    either = _reading("pcs", "This measure applies to providers of general search services that are large or at high risk "
                             "of suicide or self-harm content, and to providers of vertical search services at high risk of "
                             "either.")
    assert either(kind="search", search_type="vertical", risks=["self-harm=high"], **SMALL) is True
    assert either(kind="search", search_type="vertical", **LARGE) is False


def test_the_ai_acts_compute_threshold_is_the_systemic_risk_class():
    for words in ("Signatories whose models were trained with more than 10^25 floating-point operations will identify "
                  "systemic risks before each new release.",
                  "Signatories whose models were trained with more than 10\u00b2\u2075 floating-point operations will "
                  "identify the risks those models may pose.",
                  "Signatories shall carry out the identification process below for any model trained with cumulative "
                  "compute greater than 10\u00b2\u2075 floating-point operations.",
                  "Signatories commit to putting suitable safety mitigations in place throughout the life of each model "
                  "with systemic risk, including where the weights are publicly available."):
        # read as every Signatory's duty ("10\u00b2\u2075" had become "1025"), a provider with no such model had been bound
        _binds_only_systemic_risk_models(words)
    # a number in superscript after anything else is left as it was (a footnote mark)
    note = _code(GPAI, ["Signatories will keep the documentation for 10\u00b9 years."], "GPAI Transparency Measure 1.1")
    assert gpai_status(note) == "applies"


def test_private_messaging_offered_encrypted_may_require_the_messaging():
    for profile in ("icu", "pcu"):
        covered = _reading(profile, "This measure applies to providers of services that offer private messaging that is "
                                    "end-to-end encrypted.")
        assert covered(**SMALL, features=["direct-messaging", "e2ee"]) is True, profile
        # read as the encryption alone, an encrypted service with no messaging had been covered with confidence
        assert covered(**SMALL, features=["e2ee"]) is None, profile
        assert covered(**SMALL, features=["direct-messaging"]) is False, profile
    code = _code(ICO, ["If you offer private messaging that is end-to-end encrypted, you should still give children a way "
                       "to report a message they have received."], "ICO 11")
    assert ico_status(code, "direct-messaging", "e2ee") == "applies"
    assert ico_status(code, "e2ee") == "unclear"


def test_yours_is_your_service_and_a_mixed_audience_in_other_words():
    code = _code(ICO, ["Streaming services", "If yours is a video streaming service, autoplay of the next item should be "
                       "off by default for child users."], "ICO streaming")
    # not taken as a condition, the standard had been every service's or the streaming services' (undecided)
    assert ico_status(code, "streaming") == "applies"
    assert ico_status(code) == "exempt"
    mixed = _code(ICO, ["If your service is used by adults and children and you do not use age assurance, apply the "
                        "standards in this code to all users."], "ICO 3")
    assert ico_status(mixed, "mixed-audience") == "applies"
    assert ico_status(mixed, "mixed-audience", "age-assurance") == "exempt"


def test_esafety_reach_in_australia_and_search_within_one_site():
    social = _reading(ESAFETY, "This Code applies to providers of social media services, to the extent that those services "
                               "are provided to end-users in Australia.")
    assert social(kind="social-media") is True
    assert social(kind="hosting") is False
    code = _code(ESAFETY, ["A provider of an internet search engine service must take appropriate steps to limit exposure "
                           "to class 1A material in search results.",
                           "This measure does not apply to a search engine that only returns content from within a single "
                           "website or app."], "eSafety SES Code MCM 3")
    assert _status(code, ESAFETY, kind="search-engine") == "applies"
    assert _status(code, ESAFETY, kind="search-engine", features=["site-search-only"]) == "exempt"
    function = _reading(ESAFETY, "This Code applies to providers of internet search engine services, but not to a search "
                                 "function that only returns results from within a single website or app.")
    assert function(kind="search-engine", features=["site-search-only"]) is False
    assert function(kind="search-engine") is True
    # "and to providers of every size" affirms the scope; it adds no group of every provider
    sized = _reading(ESAFETY, "Subsection (1) applies to encryption of any kind and to providers of every size.")
    assert sized(kind="social-media") is False


def test_a_further_duty_for_signatories_that_also_do_more_is_no_second_group():
    code = _code(GPAI, ["Signatories that crawl the web will read and follow robots.txt instructions.",
                        "Signatories that also run an online search engine will make sure that a reservation against "
                        "training does not lower the site in search results."], "GPAI Copyright Measure 1.3")
    assert gpai_status(code, "web-crawler") == "applies"
    # read as a second group, a search engine operator that crawls nothing had been bound with confidence
    assert gpai_status(code, "search-engine-operator") == "exempt"
    # "must also comply with subclause (1)" adds a group
    tiers = _code(ESAFETY, ["(1) A provider of a social media service that is Tier 1 for self-harm material must give "
                            "end-users tools to filter such material from their feeds.",
                            "(2) A provider of a social media service that is Tier 1 for online pornography must also comply "
                            "with subclause (1)."], "eSafety Phase 2 SMS Core Code MCM 5")
    assert _status(tiers, ESAFETY, kind="social-media", features=["tier-1-pornography"]) == "applies"


def test_models_with_systemic_risk_named_without_a_determiner_or_before_the_noun():
    for words in ("Signatories will apply safety mitigations to models with systemic risk throughout their life, including "
                  "after release.",
                  "Before placing a systemic-risk model on the market, Signatories will send the AI Office a Model Report.",
                  "Signatories commit to securing their models with systemic risk against unauthorised access by insiders.",
                  "Signatories will protect the weights of their systemic-risk models against theft and unauthorised access.",
                  "This chapter concerns only Signatories providing models that present systemic risk within the meaning of "
                  "Article 51 of the AI Act."):
        _binds_only_systemic_risk_models(words, "GPAI Safety and Security Measure 5.1")
    # other models named in the object are never read as models with systemic risk
    assert gpai_status(_code(GPAI, ["Signatories will share information about models with open weights."],
                             "GPAI Transparency Measure 1.2")) != "exempt"


def test_profiling_for_a_purpose_is_not_profiling_of_any_kind():
    code = _code(ICO, ["Profiling for the purpose of targeted advertising should be switched off by default for children "
                       "under 13.\u00b9\u2070 For older children it may be on if you can show a compelling reason."], "ICO 12")
    # the purpose dropped as an aside, every service that profiles had been bound with confidence
    assert ico_status(code, "profiling") != "applies"
    plain = _reading(ICO, "Profiling for targeted advertising should be switched off by default.")
    assert plain(kind="online-service", features=["likely-accessed-by-children", "targeted-advertising"]) is True


def test_what_children_can_do_then_a_duty_said_of_a_thing():
    for words, feature in (("If children can upload photos or videos, uploads should be visible only to the child unless "
                            "the child changes that.", "media-upload"),
                           ("Where children can connect with other users, suggested connections should be switched off "
                            "by default.", "user-connections")):
        # under a label that says whom, the condition is whom (the whole sentence had been words not understood)
        code = _code(ICO, ["Who this standard is for", words], "ICO 7")
        assert ico_status(code, feature) == "applies", words
        assert ico_status(code) == "exempt", words
        # with no such label, a conditional duty may be all the standard asks or a part of it: never "exempt"
        assert ico_status(_code(ICO, [words], "ICO 7")) == "unclear", words


def test_more_ways_of_naming_features():
    testing = _reading("icu", "This measure applies to providers of services that carry out on-platform testing of "
                              "recommender systems.")
    assert testing(**SMALL, features=["recommender"]) is True
    posting = _reading("pcu", "This measure applies to providers of services that are large or multi-risk and that allow "
                              "users to post or share content.")
    assert posting(**LARGE, features=["posting-content"]) is True
    assert posting(**LARGE) is False
    images = _reading("pcs", "This measure applies to providers of vertical search services that specialise in images.")
    assert images(kind="search", search_type="vertical", features=["image-search"]) is True
    encrypted = _reading(ESAFETY, "A provider of a relevant electronic service that uses encryption of any kind must give "
                                  "the Commissioner information about the steps it takes.")
    assert encrypted(kind="relevant-electronic", features=["encryption"]) is True
    assert encrypted(kind="relevant-electronic") is False


def test_screen_time_limits_named_as_a_thing():
    code = _code(ICO, ["Screen-time limits a parent sets should be explained to the child before they take effect."],
                 "ICO 11")
    # the limits not known as the feature, the duty had been every service's with confidence
    assert ico_status(code, "screen-time-limits") == "applies"
    assert ico_status(code) == "unclear"


def test_a_later_condition_inside_a_standard_headed_by_a_feature_is_a_further_duty():
    code = _code(ICO, ["11. Parental controls", "If you provide parental controls, give the child age appropriate "
                       "information about them.", "If your online service allows a parent or carer to monitor their "
                       "child's online activity or track their location, provide an obvious sign to the child when they "
                       "are being monitored."], "ICO 11")
    assert ico_status(code, "parental-controls") == "applies"
    # read as a second group, a service whose parents can only track location had been covered with confidence
    assert ico_status(code, "parental-location-tracking") == "exempt"
    # under a heading that names something else, the second condition is still a group of its own
    other = _code(ICO, ["11. Information for children", "If you provide parental controls, give the child age appropriate "
                        "information about them.", "If your online service allows a parent or carer to track their "
                        "child's location, provide an obvious sign to the child."], "ICO 11")
    assert ico_status(other, "parental-location-tracking") != "exempt"


def test_access_to_a_systemic_risk_model_and_when_a_duty_falls_due():
    for words in ("Signatories will give independent evaluators adequate access to a systemic-risk model before placing it "
                  "on the market, except where the model counts as similarly safe or safer.",
                  "Signatories will give the AI Office access to a model with systemic risk on request."):
        # read as every Signatory's duty (less the similarly safe), a provider with no such model had been bound
        _binds_only_systemic_risk_models(words, "GPAI Safety and Security Measure 3.5")
    assert gpai_status(_code(GPAI, ["Signatories will give the AI Office access to a model on request."],
                             "GPAI Transparency Measure 1.2")) == "applies"
    matters = _reading(GPAI, "The Safety and Security chapter matters only to providers whose models carry systemic risk.")
    assert matters(kind="gpai-provider") is False
    assert matters(kind="gpai-provider", features=["systemic-risk"]) is True
