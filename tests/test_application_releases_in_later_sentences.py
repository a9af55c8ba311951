"""Releases, give-backs and further groups said after the duty or in a later sentence, found reading two development
sets on exemptions and on measures given as several paragraphs (dev30, dev31; the wording below is this file's own):
a release after a semicolon, ", as are ..." after an exclusion, "encrypted messaging services" as services, a passive
"need not be applied by", "However, a provider of ... must comply with it", "is nonetheless within it if", "is also to
apply this measure", "Paragraph D6.2 does not exempt ...", a numbered tail "C22.3 unless ...", a heading run into the
first sentence, a release from one point of a measure, "Who this measure is not for", and "for those providers, the
measure applies only if". Each had been a confident answer for the services it moves.
"""

from __future__ import annotations

from analyser.conditions import parse_application
from analyser.profiles import load_profile
from analyser.vocabulary import vocabulary_for
from clause_reading import clause_reading
from one_measure_code import one_measure_code as _code
from one_measure_code import status_for as _status

ESAFETY = "codes/examples/esafety-industry.toml"
GPAI = "codes/profiles/eu-gpai.toml"
CHILDREN = ["likely-accessed-by-children"]


def test_a_release_after_a_semicolon_or_after_as_are():
    covered = clause_reading(ESAFETY, "A provider of a dating service must let end-users block other end-users; a telephony "
                                      "service or an enterprise service is not required to.")
    assert covered(kind="relevant-electronic", features=["dating"]) is True
    assert covered(kind="relevant-electronic", features=["dating", "enterprise"]) is False  # had been covered
    section = clause_reading(ESAFETY, "A provider of an internet search engine service must check the age of account holders; "
                                      "the section does not apply to a search engine service that only searches content "
                                      "within a single website or app.")
    assert section(kind="search-engine", features=["site-search-only"]) is False
    as_are = clause_reading("pcu", "Services at low risk of every kind of content harmful to children are outside this "
                                   "measure, as are services that are not large.")
    assert as_are(features=CHILDREN, users=1_000, risks=["bullying=high"]) is False  # had been covered ("So should ...")
    assert as_are(features=CHILDREN, users=10_000_000, risks=["bullying=high"]) is True
    for_those = clause_reading("pcs", "Providers of vertical search services are outside this measure; for general search "
                                      "services it applies unless the service is low risk.")
    assert for_those(kind="search/general", features=CHILDREN, risks=["suicide=medium"]) is True
    assert for_those(kind="search/general", features=CHILDREN) is False  # had been covered


def test_encrypted_messaging_services_are_services_not_content():
    covered = clause_reading("icu", "This measure applies to large services. It does not apply to encrypted messaging services.")
    assert covered(users=10_000_000, features=["direct-messaging", "e2ee"]) is False  # had been covered (read as content)
    assert covered(users=10_000_000) is True
    # under eSafety's codes, whose "encryption" is any kind, the words are read as they are
    esafety = clause_reading(ESAFETY, "A provider of an encrypted messaging service must let end-users report material.")
    assert esafety(kind="relevant-electronic", features=["encryption"]) is True


def test_releases_and_give_backs_in_other_words():
    passive = clause_reading("ics", "This measure need not be applied by a provider whose search service does not offer "
                                    "predictive search. All other providers should apply it if the service is at medium or high "
                                    "risk of any kind of illegal harm.")
    assert passive(kind="search/general", risks=["fraud=medium"]) is False  # had been covered
    assert passive(kind="search/general", risks=["fraud=medium"], features=["predictive-search"]) is True
    code = _code(ESAFETY, ["A provider of a hosting service is not required to comply with this measure.",
                           "However, a provider of a hosting service that hosts a high impact designated internet service "
                           "must comply with it."])
    # had been "exempt": the give-back was passed over
    assert _status(code, ESAFETY, kind="hosting", features=["hosts-high-impact-dis"]) == "applies"
    assert _status(code, ESAFETY, kind="hosting") == "exempt"
    also = clause_reading("ics", "Providers of large search services should apply this measure. A provider of a search "
                                 "service that is multi-risk but not large is also to apply this measure.")
    assert also(kind="search/general", users=1_000, risks=["fraud=medium", "hate=medium"]) is True  # had been undecided


def test_a_further_group_in_words_not_understood_is_never_passed_over():
    code = _code("ics", ["This measure applies to providers of services with more than 700,000 monthly active UK users.",
                         "A service with fewer users is nonetheless within it if it is at high risk of fraud."])
    # had been "exempt": the sentence was taken to say nothing of whom
    assert _status(code, "ics", kind="search/general", users=1_000, risks=["fraud=high"]) == "unclear"
    assert _status(code, "ics", kind="search/general", users=1_000_000) == "applies"


def test_a_paragraph_that_does_not_exempt_and_a_numbered_tail():
    code = _code("pcs", ["D6.1 This measure applies to providers of search services that offer predictive search.",
                         "D6.2 It does not apply to a search service with fewer than 700,000 monthly active UK users.",
                         "D6.3 Paragraph D6.2 does not exempt a general search service at medium or high risk of suicide content."])
    small = {"kind": "search/general", "users": 1_000, "features": [*CHILDREN, "predictive-search"]}
    assert _status(code, "pcs", **small, risks=["suicide=high"]) == "applies"  # had been "exempt"
    assert _status(code, "pcs", **small) == "exempt"
    tail = _code("icu", ["C22.1 This measure applies to providers of services at medium or high risk of fraud.",
                         "C22.2 Providers of services with 50,000 or fewer monthly active UK users need not apply it,",
                         "C22.3 unless the service allows users to send direct messages to one another.",
                         "C22.4 The provider should warn users about likely scams."])
    assert _status(tail, "icu", users=1_000, risks=["fraud=high"], features=["direct-messaging"]) == "applies"  # had been "exempt"
    assert _status(tail, "icu", users=1_000, risks=["fraud=high"]) == "exempt"


def test_a_heading_run_into_the_first_sentence():
    covered = clause_reading(GPAI, "Measure 1.5 Point of contact Signatories will designate a point of contact for rightsholders. "
                                   "Signatories that are SMEs may share a point of contact with other undertakings.")
    assert covered(kind="gpai-provider") is True  # had been for SMEs only (the duty's opening hidden by the heading)


def test_a_release_from_one_point_of_the_measure():
    covered = clause_reading(GPAI, "Signatories that are SMEs are not expected to follow point (c) of this Measure; the rest of "
                                   "the Measure applies to every Signatory.")
    assert covered(kind="gpai-provider", features=["sme"]) is True  # had been let out


def test_who_this_measure_is_not_for():
    code = _code("pcu", ["PCU B14 Age checks before contact from unknown adults", "Who this measure is for",
                         "B14.1 Providers of services with direct messaging at medium or high risk of bullying content.",
                         "Who this measure is not for",
                         "B14.2 Providers whose direct messaging is end-to-end encrypted."])
    dm = [*CHILDREN, "direct-messaging"]
    assert _status(code, "pcu", features=dm, risks=["bullying=high"]) == "applies"
    assert _status(code, "pcu", features=[*dm, "e2ee"], risks=["bullying=high"]) == "exempt"  # had been "applies"
    asked = _code("icu", ["Who should apply this measure? Providers of services on which users can connect with one another.",
                          "Who need not? A provider whose terms of service prohibit users under 18 and which uses highly "
                          "effective age assurance."])
    assert _status(asked, "icu", features=["user-connections", "prohibits-under-18", "age-assurance"]) == "exempt"


def test_an_exception_given_back_for_those_providers():
    code = _code("icu", ["Providers of large services should apply this measure, except those whose direct messaging is "
                         "end-to-end encrypted; for those providers, the measure applies only if the service is also at high "
                         "risk of grooming."])
    e2ee = ["direct-messaging", "e2ee"]
    assert _status(code, "icu", users=10_000_000, features=e2ee) == "exempt"
    assert _status(code, "icu", users=10_000_000, features=e2ee, risks=["grooming=high"]) == "applies"  # had been "exempt"
    assert _status(code, "icu", users=10_000_000) == "applies"  # had been "exempt" (read as "only if" for everyone)


def test_later_paragraphs_that_release_or_add_a_group():
    passive = _code("ics", ["ICS F6 Removing predictive search suggestions",
                            "This measure need not be applied by a provider whose search service does not offer predictive search.",
                            "All other providers should apply it if the service is at medium or high risk of any kind of "
                            "illegal harm."])
    assert _status(passive, "ics", kind="search/general", risks=["fraud=medium"]) == "exempt"  # had been "applies"
    assert _status(passive, "ics", kind="search/general", risks=["fraud=medium"], features=["predictive-search"]) == "applies"
    also = _code("ics", ["ICS A10 Senior accountability", "A10.1 Providers of large search services should apply this measure.",
                         "A10.2 The provider should name a senior manager accountable for search moderation.",
                         "A10.3 A provider of a search service that is multi-risk but not large is also to apply this measure."])
    # had been "exempt": the later paragraph was taken for a further duty of some readers
    assert _status(also, "ics", kind="search/general", users=1_000, risks=["fraud=medium", "hate=medium"]) == "applies"


def test_an_exception_about_the_services_terms_is_never_passed_over():
    code = _code(ESAFETY, ["A provider of a Tier 2 social media service must restrict access to online pornography, unless "
                           "its terms of use prohibit online pornography and Australian children cannot hold accounts on it."])
    # had been "applies": an exception whose subject is the service's terms was taken for a limit of the duty
    assert _status(code, ESAFETY, kind="social-media", features=["tier-2"]) == "unclear"


def test_a_measure_number_and_title_run_into_its_first_paragraph():
    covered = clause_reading("icu", "J2 Disabling comments J2.1 This measure applies to providers of large services that allow "
                                    "users to comment on content and that are at medium or high risk of hate.")
    assert covered(users=10_000_000, features=["commenting"], risks=["hate=high"]) is True  # had been undecided
    assert covered(users=10_000_000, risks=["hate=high"]) is False
    # "should apply this measure" states whom: the duty after it is the duty, not a wider scope
    duty = clause_reading("pcu", "A3 Accountable person A3.1 Providers of large services, and providers of multi-risk services, "
                                 "should apply this measure. A3.2 The provider should name an individual accountable for "
                                 "the children's safety duties.")
    assert duty(features=CHILDREN, users=10_000_000) is True
    assert duty(features=CHILDREN, users=1_000) is False  # had been covered ("all services")


def test_nothing_applies_to_private_content_is_a_content_scope():
    prof = load_profile("icu")
    app = parse_application("C9.1 This measure applies to providers of large services. C9.3 Nothing in this measure applies to "
                            "content in private or encrypted messages.", prof.kind, vocabulary_for(prof.services),
                            prof.measure_id_pattern, prof.application_intros)
    assert not app.unparsed  # had been words not understood, so every service undecided
    assert "public-content" in app.scope


def test_otherwise_no_other_and_all_other_services():
    otherwise = clause_reading("pcu", "This measure does not apply to a service with fewer than 50,000 monthly active UK users. "
                                      "Otherwise it applies to every service at medium or high risk of eating disorder content.")
    assert otherwise(features=CHILDREN, users=100_000, risks=["eating-disorders=high"]) is True  # had been undecided
    assert otherwise(features=CHILDREN, users=1_000, risks=["eating-disorders=high"]) is False
    only = clause_reading("icu", "This measure applies only to services at medium or high risk of grooming; no other provider "
                                 "need follow it.")
    assert only(risks=["grooming=medium"]) is True
    assert only() is False
    others = clause_reading("pcs", "This measure does not apply to search services whose terms prohibit users under 18 and which "
                                   "use highly effective age assurance; all other large search services should apply it.")
    assert others(kind="search/general", features=CHILDREN, users=10_000_000) is True
    assert others(kind="search/general", features=CHILDREN, users=1_000) is False


def test_a_point_of_the_measure_that_also_applies_to_others():
    code = _code(GPAI, ["Measure 1.2 Information for downstream providers",
                        "This Measure applies to Signatories that make the model available to downstream providers.",
                        "Point (c) of this Measure also applies to Signatories that integrate the model into an AI system of "
                        "their own."])
    # had been "exempt": the further group, named for one point of the measure, was passed over
    assert _status(code, GPAI, kind="gpai-provider", features=["own-ai-system"]) == "applies"
    assert _status(code, GPAI, kind="gpai-provider") == "exempt"
