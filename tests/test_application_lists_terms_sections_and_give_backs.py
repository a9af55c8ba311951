"""Wordings of whom a measure covers that had been left unread or read with confidence: kinds of content listed after a
colon ("two or more kinds of priority content: abuse and hate content; bullying content; ..."), Ofcom's own rule
restated ("counting the child sexual exploitation and abuse kinds as one"), "whose terms of service do not prohibit
users under 18", "unless every direct message on the service is end-to-end encrypted", eSafety's "every section of the
online industry", the ICO's "Once you have published ...", a release followed by "It does apply to ..." that names
other services, a duty said of "Signatories other than SMEs" with no sentence of whom, "Measures 1.1 to 1.3 do not
apply to Signatories in respect of models released under a free and open-source licence", PCU's "other than services
whose principal purpose is the hosting or dissemination of such content", and services said to be "still covered where
..." in words not understood. The wording is this file's own, after the shapes of the development sets (dev110 to
dev113 among them).
"""

from __future__ import annotations

from analyser.conditions import parse_application
from analyser.profiles import load_profile
from analyser.service import service_from_options
from analyser.truth import truth
from analyser.vocabulary import vocabulary_for
from clause_reading import clause_reading as _reading
from one_measure_code import ESAFETY, GPAI, ICO, gpai_status, ico_status
from one_measure_code import one_measure_code as _code
from one_measure_code import status_for as _status


def test_kinds_of_priority_content_listed_after_a_colon():
    two = _reading("pcu", "This measure applies to providers of services at medium or high risk of two or more kinds of "
                          "priority content: abuse and hate content; bullying content; violent content.")
    assert two(risks=["bullying=medium", "violence=high"]) is True
    assert two(risks=["bullying=medium"]) is False
    one = _reading("pcu", "This measure applies to providers of services that have a content recommender system and are "
                          "at medium or high risk of one or more kinds of priority content: bullying content; violent content.")
    assert one(features=["recommender"], risks=["violence=medium"]) is True
    assert one(features=["recommender"]) is False


def test_counting_the_csea_kinds_as_one_restates_the_code_s_rule():
    multi = _reading("icu", "This measure applies to providers of services at medium or high risk of two or more of the "
                            "following kinds of illegal harm, counting the child sexual exploitation and abuse kinds as one: "
                            "terrorism; child sexual exploitation and abuse; fraud and financial services offences.")
    assert multi(risks=["terrorism=medium", "fraud=high"]) is True
    # image-based CSAM and grooming are one kind: with nothing else, not two
    assert multi(risks=["csam-image=high", "grooming=medium"]) is False


def test_whose_terms_of_service_do_not_prohibit_users_under_18():
    covered = _reading("icu", "This measure applies to providers of services at medium or high risk of cyberflashing whose "
                              "terms of service do not prohibit users under 18.")
    assert covered(risks=["cyberflashing=medium"]) is True
    assert covered(risks=["cyberflashing=medium"], features=["prohibits-under-18"]) is False
    # what the terms permit, the service permits ("whose terms of service permit ..." had been left unread)
    permits = _reading("pcu", "This measure applies to providers of services whose terms of service permit pornographic "
                              "content, where the provider does not already use highly effective age assurance.")
    assert permits(features=["allows-pornography"]) is True
    assert permits(features=["allows-pornography", "age-assurance"]) is False
    # a prohibition said "in its terms of service" within a two-part exception stays unclear, never "either"
    both = _code("codes/profiles/pcu.toml", ["Providers of services that let users livestream should prevent other users "
                                             "from recording a child's livestream, unless the service prohibits users under 18 "
                                             "in its terms of service and enforces that prohibition with highly effective age "
                                             "assurance."], "PCU F6")
    assert _status(both, "codes/profiles/pcu.toml", features=["livestreaming", "prohibits-under-18",
                                                              "likely-accessed-by-children"]) != "exempt"


def test_unless_every_direct_message_is_end_to_end_encrypted():
    covered = _reading("icu", "This measure applies to a provider of a service that is at medium or high risk of grooming "
                              "and offers direct messaging, unless every direct message on the service is end-to-end encrypted.")
    assert covered(risks=["grooming=medium"], features=["direct-messaging"]) is True
    # the exception not read, an end-to-end encrypted service had been undecided
    assert covered(risks=["grooming=medium"], features=["direct-messaging", "e2ee"]) is False


def test_every_section_of_the_online_industry_is_every_service_of_the_code():
    for words in ("These Head Terms apply to providers in each of the eight sections of the online industry for which an "
                  "Age-Restricted Material Code is registered.",
                  "These Head Terms apply to all eight sections of the online industry, whatever their size.",
                  "These Head Terms apply to every section of the online industry, and to each service provider in those "
                  "sections."):
        reading = _reading(ESAFETY, words)
        assert reading(kind="social-media") is True, words
        assert reading(kind="equipment") is True, words
    # a section left out is still read, or left unclear, never every service
    code = _code(ESAFETY, ["The obligations in this clause apply to a participant in any section of the online industry "
                           "other than a section for which an industry standard is in force."], "eSafety Phase 2 Head Terms cl 4")
    assert _status(code, ESAFETY, kind="relevant-electronic") != "applies"


def test_once_you_have_published_rules_you_must_keep_to_them():
    code = _code(ICO, ["Once you have published terms, policies or community standards, you must keep to them."], "ICO Standard 6")
    assert ico_status(code, "community-standards") == "applies"
    # read as a duty for every service, a service with no published rules had been bound with confidence
    assert ico_status(code) == "exempt"
    # said of "them", rules named in a paragraph before: whom is not understood, so nobody is decided
    later = _code(ICO, ["You do not have to publish terms, policies or community standards.",
                        "Once you have published them, though, you must keep to them."], "ICO Standard 6")
    assert ico_status(later) == "unclear"


def test_a_release_then_it_does_apply_to_other_services():
    for give_back in ("It does apply to profiling for targeted advertising, even where you count advertising as part of "
                      "what you offer.", "It does extend to profiling for targeted advertising."):
        code = _code(ICO, ["This does not apply to profiling that is essential to your core service.", give_back],
                     "ICO Standard 12")
        # the give-back names other services than those let out: every service's but those, or only theirs? A service
        # that profiles no one had been told "applies" with confidence
        assert ico_status(code) == "unclear", give_back
        assert ico_status(code, "profiling", "targeted-advertising") == "applies", give_back
        assert ico_status(code, "profiling", "core-profiling") == "exempt", give_back
    # the classic give-back, of some of the services let out, still says every other service is covered
    smes = _code(GPAI, ["This obligation does not apply to SMEs. However, it does apply to an SME whose model has "
                        "systemic risk."], "GPAI X")
    assert gpai_status(smes) == "applies"
    assert gpai_status(smes, "sme") == "exempt"
    assert gpai_status(smes, "sme", "systemic-risk") == "applies"


def test_a_duty_of_signatories_other_than_smes_is_never_the_smes_measure():
    code = _code(GPAI, ["Signatories other than SMEs publish each year a summary of how they handled copyright complaints."],
                 "GPAI Copyright Measure 1.5")
    # read as a duty for every Signatory or for SMEs, an SME had been bound with confidence
    assert gpai_status(code, "sme") != "applies"
    narrowed = _code(GPAI, ["SMEs and SMCs may complete the shorter version of the Form in Annex 2.",
                            "That option is not open to them for a model with systemic risk."], "GPAI Transparency Measure 1.1")
    assert gpai_status(narrowed, "sme", "systemic-risk") != "applies"


def test_measures_of_a_range_not_applying_to_signatories_in_respect_of_open_models():
    words = ("Measures 1.1 to 1.3 do not apply to Signatories in respect of models released under a free and open-source "
             "licence whose parameters are made publicly available.")
    code = _code(GPAI, [words], "GPAI Transparency Measure 1.2")
    # "in respect of models ..." had not been read, nor the range as naming this measure: every Signatory bound or unclear
    assert gpai_status(code, "open-source-licence", "open-weights") == "exempt"
    assert gpai_status(code) == "applies"
    # a measure outside the range is not the one the sentence lets go
    assert gpai_status(_code(GPAI, [words], "GPAI Transparency Measure 1.4"), "open-source-licence", "open-weights") != "exempt"
    alone = _code(GPAI, ["This Measure does not apply to Signatories in respect of models released under a free and "
                         "open-source licence, unless the model is a general-purpose AI model with systemic risk."], "GPAI X")
    assert gpai_status(alone, "open-source-licence") == "exempt"
    assert gpai_status(alone, "open-source-licence", "systemic-risk") == "applies"


def test_a_principal_purpose_of_such_content_is_the_content_named_before():
    covered = _reading("pcu", "This measure applies to providers of services whose terms of service do not prohibit one or "
                              "more kinds of primary priority content, other than services whose principal purpose is the "
                              "hosting or dissemination of such content.")
    assert covered(features=["allows-primary-priority-content"]) is True
    # "such content" not read, the exception had been words not understood, so the measure unclear for every service
    assert covered(features=["allows-primary-priority-content", "principal-purpose-ppc"]) is False


def test_services_said_to_be_still_covered_are_never_the_only_ones_covered():
    prof = load_profile(ICO)
    vocab = vocabulary_for(prof.services)
    app = parse_application("Services whose terms bar anyone under 18 are still covered where, in practice, children are "
                            "likely to use them.", prof.kind, vocab, prof.measure_id_pattern, prof.application_intros)
    service = service_from_options(vocab=vocab, kind="online-service", features=["likely-accessed-by-children"])
    # read as whom, with the rest not understood, a service whose terms bar no one had been left out with confidence
    assert truth(app.condition, service, vocab) is None


def test_sections_of_the_online_industry_named_by_anything_but_their_codes_are_not_every_section():
    code = _code(ESAFETY, ["These Head Terms apply to providers in each section of the online industry that has few Australian "
                           "end-users."], "eSafety Phase 2 Head Terms cl 3")
    # the relative clause had been swallowed with the sections: every service covered with confidence
    assert _status(code, ESAFETY, kind="social-media") == "unclear"
