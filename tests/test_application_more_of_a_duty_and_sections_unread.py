"""Sentences that are more of a duty, not a second scope, and words not understood that name sections a part leaves
out: "Providers of large or multi-risk services should track ... The record should be reported to ..." (the passive
sentence had made the measure every provider's), the same with an instruction ("Report it to the board"), an irregular
participle in a duty for every reader ("must not be put to ..."), "... search services, who should train ...", "services
that are large, or multi-risk and have a recommender system", GPAI models that "carry" systemic risk "and only as
regards those models", and a Phase 1 Head Terms clause listing all eight sections in words not understood (a relevant
electronic service had been told "exempt" by the part's own scope). The wording is this file's own, after the shapes
of the development sets dev90 to dev93.
"""

from __future__ import annotations

from clause_reading import clause_reading as _reading
from one_measure_code import ESAFETY, GPAI, ICO
from one_measure_code import one_measure_code as _code
from one_measure_code import status_for as _status

SMALL = dict(users=1000)
LARGE = dict(users=8_000_000)


def test_a_passive_duty_after_a_class_duty_is_more_of_it():
    code = _code("icu", ["A5.1 Providers of large or multi-risk services should keep a record of new kinds of illegal "
                         "content on the service. A5.2 The record should be reported to the body that reviews risk."], "ICU A5")
    # the second sentence had been read as a duty for every provider, so a small low-risk service was told "applies"
    assert _status(code, "icu", **SMALL) == "exempt"
    assert _status(code, "icu", **LARGE) == "applies"


def test_an_instruction_after_a_class_duty_is_more_of_it():
    code = _code("icu", ["Providers of large services should keep a record of complaints. Report it to the board each year."],
                 "ICU A8")
    assert _status(code, "icu", **SMALL) == "exempt"
    assert _status(code, "icu", **LARGE) == "applies"


def test_a_passive_duty_alone_still_binds_every_reader():
    covered = _reading(ICO, "Children's personal data must not be put to uses shown to harm their wellbeing.")
    assert covered(kind="online-service", features=["likely-accessed-by-children"]) is True


def test_a_relative_clause_that_states_the_duty():
    covered = _reading("ics", "This measure applies to providers of large or multi-risk search services, who should "
                              "train the staff who design the service.")
    assert covered(kind="search/general", **LARGE) is True
    assert covered(kind="search/general", **SMALL) is False


def test_a_relative_clause_that_states_the_duty_after_a_number():
    covered = _reading("pcu", "This measure applies to services with above 7 million active UK users a month, who should "
                              "publish a summary of their children's risk assessment.")
    assert covered(**LARGE) is True
    assert covered(**SMALL) is False


def test_a_comma_sets_the_first_limb_apart():
    covered = _reading("pcu", "Providers of services that are large, or multi-risk and have a content recommender system, "
                              "should name a senior manager for recommender safety.")
    # read as "(large or multi-risk) and a recommender system", a large service without one had been told "exempt"
    assert covered(**LARGE) is True
    assert covered(risks=["pornography=high", "bullying=high"]) is False
    assert covered(risks=["pornography=high", "bullying=high"], features=["recommender"]) is True


def test_models_that_carry_systemic_risk():
    covered = _reading(GPAI, "This Measure applies to Signatories providing general-purpose AI models that carry systemic "
                             "risk, and only as regards those models.")
    assert covered(kind="gpai-provider", features=["systemic-risk"]) is True
    assert covered(kind="gpai-provider") is False


def test_sections_listed_in_words_not_understood_are_not_overruled_by_the_part():
    code = _code(ESAFETY, ["These industry codes apply to providers in each of the eight sections of the online industry: "
                           "social media services, relevant electronic services, designated internet services, internet "
                           "search engine services, app distribution services, hosting services, internet carriage "
                           "services and equipment providers."], "eSafety Phase 1 Head Terms clause 2")
    assert _status(code, ESAFETY, kind="relevant-electronic") != "exempt"
    # one section named as what a hosting provider hosts leaves the hosting code's part as it was
    hosting = _code(ESAFETY, ["A hosting provider to which MCM 1 applies, or which hosts a high impact designated internet "
                              "service, must tell its customers about their obligations."], "eSafety Phase 2 Hosting Services Code MCM 2")
    assert _status(hosting, ESAFETY, kind="social-media") == "exempt"


def test_the_preceding_paragraph_disapplied_gives_back():
    code = _code(GPAI, ["Transparency Chapter", "Scope",
                        "This Chapter does not apply to Signatories that publish the weights of a model.",
                        "The preceding paragraph does not apply where the model has been classified as presenting systemic risk."],
                 "GPAI Transparency Chapter (scope)")
    # read as one more exception, an open-weights model with systemic risk had been told "exempt"
    assert _status(code, GPAI, kind="gpai-provider", features=["open-weights", "systemic-risk"]) == "applies"
    assert _status(code, GPAI, kind="gpai-provider", features=["open-weights"]) == "exempt"
    assert _status(code, GPAI, kind="gpai-provider") == "applies"


def test_risk_faced_every_service_as_regards_and_a_comma_before_should():
    faced = _reading("pcu", "This measure applies to services that either are large or face a medium or high risk for any "
                            "kind of content harmful to children.")
    assert faced(**LARGE) is True
    assert faced(risks=["bullying=medium"]) is True
    assert faced(risks=["bullying=low"]) is False
    every = _reading("pcu", "This measure applies to a provider as regards every service it provides.")
    assert every(**SMALL) is True
    comma = _reading("pcs", "All search services, should explain to children how to report content.")
    assert comma(kind="search/vertical", **SMALL) is True


def test_harms_listed_after_these_kinds_and_risk_for():
    covered = _reading("ics", "This measure applies to search services at medium or high risk for two or more of these kinds "
                              "of illegal harm: terrorism; fraud; drugs and psychoactive substances.")
    assert covered(kind="search/general", risks=["terrorism=medium", "fraud=high"]) is True
    assert covered(kind="search/general", risks=["terrorism=medium"]) is False


def test_general_search_said_by_what_it_does():
    covered = _reading("ics", "This measure applies to search services that index the whole of the web, rather than "
                              "selected sites.")
    assert covered(kind="search/general", **SMALL) is True
    assert covered(kind="search/vertical", **LARGE) is False


def test_what_community_standards_are_about_and_providers_in_scope():
    for words in ("This standard applies to services that publish terms, policies or community standards setting out how "
                  "users may behave or what content is allowed.",
                  "This standard applies to you if you publish your own terms, policies or community standards."):
        covered = _reading(ICO, words)
        assert covered(kind="online-service", features=["likely-accessed-by-children", "community-standards"]) is True, words
        assert covered(kind="online-service", features=["likely-accessed-by-children"]) is False, words
    every = _reading(ICO, "Every provider in scope should carry out a data protection impact assessment before launch.")
    assert every(kind="online-service", features=["likely-accessed-by-children"]) is True


def test_roman_items_after_and_are_a_further_condition_of_the_relative_clause():
    covered = _reading("icu", "C9.1 This measure applies to providers of the following services: a) large services which are "
                              "at medium or high risk of image-based CSAM; and b) services which are at high risk of "
                              "image-based CSAM and (i) have more than 700,000 monthly active UK users, or (ii) are "
                              "file-storage and file-sharing services.")
    # flattened, "(ii)" had stood alone: every file-sharing service covered, whatever its risk
    assert covered(features=["file-sharing"]) is False
    assert covered(risks=["csam-image=high"], features=["file-sharing"]) is True
    assert covered(risks=["csam-image=high"], users=800_000) is True
    assert covered(risks=["csam-image=high"], users=1000) is False
    assert covered(risks=["csam-image=medium"], **LARGE) is True



def test_crawling_said_by_what_is_gathered_and_by_whom():
    for words in ("This Measure applies to Signatories that gather training data from the web by crawlers.",
                  "This Measure applies to a Signatory that commissions a contractor to crawl for it."):
        covered = _reading(GPAI, words)
        assert covered(kind="gpai-provider", features=["web-crawler"]) is True, words
        assert covered(kind="gpai-provider") is False, words


def test_the_reader_said_again_in_a_second_condition():
    covered = _reading(ICO, "If you publish terms, policies or community standards about how users should behave and you "
                            "rely on user reports to uphold them, make your reporting tools prominent.")
    children = ["likely-accessed-by-children"]
    assert covered(kind="online-service", features=[*children, "community-standards", "user-reporting"]) is True
    assert covered(kind="online-service", features=[*children, "community-standards"]) is False
    own = _reading(ICO, "This part applies where children can send private messages on your service.")
    assert own(kind="online-service", features=[*children, "direct-messaging"]) is True
    assert own(kind="online-service", features=children) is False


def test_items_below_an_unfinished_sentence_and_a_content_scope_after_them():
    code = _code("icu", ["ICU C9 Hash matching for CSAM", "C9.1 This measure applies to providers of",
                         "(a) large services at medium or high risk of image-based CSAM;",
                         "(b) services at high risk of image-based CSAM with over 700,000 active UK users a month; and",
                         "(c) file-storage and file-sharing services at high risk of image-based CSAM.",
                         "C9.2 It concerns content communicated publicly; private communications, including end-to-end "
                         "encrypted messages, are outside it.",
                         "C9.3 The provider should use hash matching to detect image-based CSAM."], "ICU C9")
    # the items had been passed over (no colon after "providers of") and the scope sentence's remains read as whom
    assert _status(code, "icu", risks=["csam-image=high"], users=800_000) in ("applies", "qualified")
    assert _status(code, "icu", risks=["csam-image=high"], features=["file-sharing"]) in ("applies", "qualified")
    assert _status(code, "icu", risks=["csam-image=high"], users=1000) == "exempt"
    assert _status(code, "icu", **LARGE) == "exempt"


def test_a_signatories_duty_about_their_crawling_may_be_for_crawlers_only():
    for words in ("Signatories will exclude from their crawling websites recognised by courts in the Union as "
                  "persistently infringing copyright on a commercial scale.",
                  "Signatories will publish information on the crawlers they employ."):
        code = _code(GPAI, ["Measure 1.3 Crawling and infringing websites", words], "GPAI 1.3")
        # read as every Signatory's, one that never crawls had been told "applies" with confidence
        assert _status(code, GPAI, kind="gpai-provider") == "unclear", words
        assert _status(code, GPAI, kind="gpai-provider", features=["web-crawler"]) == "applies", words
    plain = _code(GPAI, ["Measure 1.1 Copyright policy", "Signatories will draw up and keep up to date a copyright policy."],
                  "GPAI 1.1")
    assert _status(plain, GPAI, kind="gpai-provider") == "applies"


def test_risk_of_it_is_the_harm_last_named():
    covered = _reading("icu", "This measure applies to providers of large services at medium or high risk of image-based "
                              "CSAM, and to providers of services at high risk of it that have more than 700,000 monthly "
                              "active UK users.")
    assert covered(risks=["csam-image=high"], users=800_000) is True
    assert covered(risks=["fraud=high"], users=800_000) is False
    sizes = _reading("icu", "This measure applies to services that are at high risk of fraud and large, or that are at "
                            "medium risk of it.")
    assert sizes(risks=["fraud=medium"]) is True  # "it" is the harm, not the harm and the size


def test_a_release_after_a_semicolon_is_not_dropped():
    code = _code(ESAFETY, ["A provider of an internet search engine service must apply safe search by default to the accounts "
                           "of Australian end-users it believes to be children; where end-users cannot hold accounts, this "
                           "measure does not apply."], "eSafety Phase 2 Search Engine Services Code MCM 3")
    # dropped with the duty's words, a search engine without accounts had been told "applies" with confidence
    assert _status(code, ESAFETY, kind="search-engine") != "applies"
    assert _status(code, ESAFETY, kind="hosting") == "exempt"
