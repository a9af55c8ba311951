"""Whom a measure leaves out when it says so after the duty or by sending the reader elsewhere: "Services whose
principal purpose is ... are dealt with in PCU B1 instead", "..., except that SMEs and SMCs need not publish", "...; SMEs
need not do so"; whom a further duty is for ("Where the Signatory also runs a search engine, it will ..."); the models a
duty names as its object ("Signatories will evaluate each model with systemic risk using ..."); and eSafety's DIS
categories, of which a service is only ever one ("other than classified and general purpose services"). Each had been
a confident answer for some service. The wording is this file's own, after the shapes of the retired held-out sets
dev110 and dev111.
"""

from __future__ import annotations

from clause_reading import clause_reading as _reading
from one_measure_code import ESAFETY, GPAI, gpai_status
from one_measure_code import one_measure_code as _code
from one_measure_code import status_for as _status

PCU = "codes/profiles/pcu.toml"
PORN = ["allows-pornography", "likely-accessed-by-children"]  # the PCU code covers only services children are likely to use


def test_services_sent_to_another_measure_instead_are_left_out():
    for redirect in ("are dealt with in PCU B1 instead.", "fall under PCU B1 instead.",
                     "are covered by the measure before this one instead."):
        code = _code(PCU, ["This measure applies to providers of services whose terms of service do not prohibit "
                             "pornographic content.",
                             f"Services whose principal purpose is the hosting or dissemination of primary priority content {redirect}",
                             "The provider should use highly effective age assurance before such content is shown."],
                     "PCU B2")
        assert _status(code, PCU, features=PORN) == "applies", redirect
        # the redirect passed over, a service whose principal purpose is pornography had been bound here too
        assert _status(code, PCU, features=[*PORN, "principal-purpose-ppc"]) == "exempt", redirect
    # "covered by this measure" is no redirect: it says whom this one covers
    kept = _reading("pcu", "This measure applies to providers of services whose terms of service do not prohibit "
                           "pornographic content. Services with a livestreaming functionality are covered by this measure.")
    assert kept(features=["livestreaming"]) is not False


def test_smes_released_after_the_duty_in_the_same_sentence():
    for words in ("Signatories will publish summaries of their Framework and of their Model Reports where necessary, "
                  "except that SMEs and SMCs need not publish.",
                  "Signatories will publish summaries of their Framework; SMEs and SMCs need not do so.",
                  "Signatories will publish summaries of their Framework, but SMEs and SMCs need not do so."):
        code = _code(GPAI, [words], "GPAI Safety and Security Measure 10.2")
        # read as a duty for every Signatory, the release after it had been dropped with confidence
        assert gpai_status(code, "sme") == "exempt", words
        assert gpai_status(code, "smc") == "exempt", words
        assert gpai_status(code) == "applies", words
    # "need not do so" as a sentence of its own is the same release
    alone = _code(GPAI, ["Signatories will publish summaries of their Framework. SMEs need not do so."], "GPAI X")
    assert gpai_status(alone, "sme") == "exempt"
    # one limb of a duty of two released is still no release of the measure
    limb = _code(GPAI, ["Signatories will document their methods and publish summaries, except that SMEs need not "
                        "publish."], "GPAI X")
    assert gpai_status(limb, "sme") != "exempt"


def test_a_further_duty_where_the_signatory_also_does_more():
    code = _code(GPAI, ["Signatories that use web-crawlers will employ crawlers that read and follow robots.txt "
                        "instructions. Where the Signatory also runs a search engine, it will take care that honouring a "
                        "reservation does not lower the site in search results."], "GPAI Copyright Measure 1.3")
    assert gpai_status(code, "web-crawler") == "applies"
    # read as a second group, a search engine operator that crawls nothing had been bound with confidence
    assert gpai_status(code, "search-engine-operator") == "exempt"


def test_models_with_systemic_risk_named_as_the_duty_s_object():
    code = _code(GPAI, ["Signatories will evaluate each model with systemic risk using state-of-the-art methods at "
                        "least at the stages set out in their Framework."], "GPAI Safety and Security Measure 3.2")
    assert gpai_status(code, "systemic-risk") == "applies"
    # read as every Signatory's duty, a Signatory with no such model had been bound with confidence
    assert gpai_status(code) == "exempt"
    # a model named with no condition on it names no one
    assert gpai_status(_code(GPAI, ["Signatories will evaluate their models."], "GPAI X")) == "applies"


def test_dis_categories_a_service_is_only_one_of():
    code = _code(ESAFETY, ["This Standard applies to designated internet services other than classified and general "
                           "purpose services.",
                           "It applies to a classified or general purpose service that is also a high impact service."],
                 "DIS s 6")
    dis = dict(kind="designated-internet")
    assert _status(code, ESAFETY, **dis) == "applies"
    # read as a service that is both, neither category had been taken out
    assert _status(code, ESAFETY, **dis, features=["classified-dis"]) == "exempt"
    assert _status(code, ESAFETY, **dis, features=["general-purpose-dis"]) == "exempt"
    assert _status(code, ESAFETY, **dis, features=["general-purpose-dis", "high-impact"]) == "applies"
