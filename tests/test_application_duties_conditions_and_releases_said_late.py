"""Wordings of whom a measure covers that had been read with confidence and wrongly, each now read as a careful lawyer
reads it or left unclear: a condition first and "providers should" without "the", beside "Providers should also ...";
"unless the messages are end-to-end encrypted" at a duty's end; "This applies only where ICU F3 also applies"; more of
a duty for some ("Providers of large services should also ..."); alternatives closed by a comma before "and is ...";
"Signatories that do not crawl need do nothing under this paragraph"; "No summary is required for a model ...";
"provided the model is not ..." without "that"; "Before making a model's parameters available for download, ...";
"Signatories will treat models ... as falling under this Measure"; the ICO's "If you do it, ..."; and the ICO's
profiling options, a duty whose object only some services have. The wording is this file's own, after the shapes of
the retired held-out sets heldout45 and heldout46 (dev74, dev75) and of dev76 and dev77.
"""

from __future__ import annotations

from clause_reading import clause_reading
from one_measure_code import one_measure_code as _code
from one_measure_code import status_for as _status
from one_measure_code import ESAFETY, GPAI, ICO, gpai_status as _gpai, ico_status as _ico

ICU = "codes/profiles/icu.toml"
PCU = "codes/profiles/pcu.toml"
ICS = "codes/profiles/ics.toml"


def test_a_condition_before_providers_should_beside_a_further_duty_says_whom():
    covered = clause_reading("pcu", "Where the service lets users send direct messages and is at medium or high risk of bullying "
                             "content, providers should by default stop children from receiving direct messages from strangers. "
                             "Providers should also let the child change that default.")
    # the first sentence had not been read ("providers" without "the") and the second made it every service's: a
    # service without direct messages was told "applies" with confidence
    children = "likely-accessed-by-children"  # the children's codes cover only these services
    assert covered(features=[children, "direct-messaging"], risks=["bullying=high"]) is True
    assert covered(features=[children, "direct-messaging"]) is False
    assert covered(features=[children], risks=["bullying=high"]) is False


def test_end_to_end_encrypted_messages_at_the_end_of_a_duty_are_an_exception():
    code = _code(ICU, ["A provider whose service is at high risk of grooming and enables users to send direct messages should, "
                       "where technically feasible, deploy proactive technology to detect grooming in those messages, "
                       "unless the messages are end-to-end encrypted."], "ICU C12")
    service = dict(risks=["grooming=high"])
    # the exception had been dropped: an end-to-end encrypted service was told "applies" with confidence
    assert _status(code, ICU, **service, features=["direct-messaging", "e2ee"]) == "exempt"
    assert _status(code, ICU, **service, features=["direct-messaging"]) in ("applies", "qualified")


def test_applies_only_where_another_measure_also_applies_narrows():
    code = _code(ICU, ["Services that allow users to livestream should use highly effective age assurance before applying "
                       "the restrictions in F3. This applies only where ICU F3 also applies to the provider."], "ICU F5")
    code.measures.append(_code(ICU, ["This measure applies to large services."], "ICU F3").measures[0])
    from analyser.applicability import resolve_applicability
    code = resolve_applicability(code, profile=ICU)
    # read as a further group ("or"), a small livestreaming service that F3 leaves out had been told "applies"
    assert _status(code, ICU, users=1000, features=["livestreaming"]) == "exempt"
    assert _status(code, ICU, users=9_000_000, features=["livestreaming"]) == "applies"
    assert _status(code, ICU, users=9_000_000) == "exempt"


def test_more_of_a_duty_for_some_services_is_no_second_group():
    code = _code(ICU, ["Every provider of a service on which users have profiles that other users can see should give users a "
                       "way to control who sees their profile. Providers of large services should also make that control "
                       "easy to find."], "ICU F7")
    # had been "user profiles or large": a large service without profiles told "applies" with confidence
    assert _status(code, ICU, users=9_000_000) == "exempt"
    assert _status(code, ICU, users=1000, features=["user-profiles"]) == "applies"


def test_a_comma_before_and_is_closes_the_alternatives():
    code = _code(ICS, ["Where a search service is large or at medium or high risk of any kind of illegal harm, and is likely "
                       "to be accessed by children, the provider should make its complaints process suitable for children."],
                 "ICS D3")
    # read as "large, or at risk and likely to be accessed by children": a large service children cannot access had
    # been told "applies" with confidence
    assert _status(code, ICS, kind="search/general", users=9_000_000) == "exempt"
    assert _status(code, ICS, kind="search/general", users=9_000_000, features=["likely-accessed-by-children"]) == "applies"


def test_those_who_need_do_nothing_under_a_paragraph_are_left_out():
    words = ["Signatories will publish information about the crawlers they use and update it when it changes.",
             "Signatories that do not crawl need do nothing under this paragraph."]
    covered = clause_reading(GPAI, " ".join(words))
    # the release had been passed over: read as the application, every Signatory's, so "applies" with confidence to
    # one that does not crawl; as paragraphs, the release had been left not understood
    assert covered(kind="gpai-provider") is False
    assert covered(kind="gpai-provider", features=["web-crawler"]) is True
    for paragraphs in (words, [" ".join(words)]):
        code = _code(GPAI, paragraphs)
        assert _gpai(code) == "exempt"
        assert _gpai(code, "web-crawler") == "applies"


def test_no_summary_is_required_for_some_models_is_not_a_confident_applies():
    code = _code(GPAI, ["Signatories will publish summaries of their Framework and Model Reports where needed. No summary "
                        "is required for a model treated as similarly safe or safer."])
    # a release of one thing the measure asks: for those models unclear (writers read it both ways); had been "applies"
    assert _gpai(code, "similarly-safe") == "unclear"
    assert _gpai(code) == "applies"


def test_provided_without_that_keeps_its_condition():
    code = _code(GPAI, ["Signatories that are SMEs or SMCs may use the shortened version of the Form, provided the model is "
                        "not one with systemic risk."])
    # the condition had been dropped: an SME with a model with systemic risk was told "applies" with confidence
    assert _gpai(code, "sme", "systemic-risk") == "exempt"
    assert _gpai(code, "sme") == "applies"


def test_before_making_parameters_available_for_download_names_open_weight_releases():
    code = _code(GPAI, ["Measure 5.4 Open release", "Before making a model's parameters available for download, the Signatory "
                        "will assess whether the release could enable harms, and will record the outcome."])
    assert _gpai(code) == "exempt"  # had been "applies" to every Signatory, as a time
    assert _gpai(code, "open-weights") == "applies"
    # the model's class, when the sentence names one, is kept
    code = _code(GPAI, ["Before making the weights of a model that has systemic risk downloadable, a Signatory will assess "
                        "how releasing them changes the risk."])
    assert _gpai(code, "open-weights") == "exempt"
    assert _gpai(code, "open-weights", "systemic-risk") == "applies"


def test_models_treated_as_falling_under_a_measure_say_whom():
    code = _code(GPAI, ["Signatories will treat models trained with more than 10^25 floating-point operations as falling under "
                        "this Measure unless the Commission has decided otherwise."])
    # had been read as a duty of every Signatory: "applies" with confidence to one with no such model
    assert _gpai(code) == "unclear"
    code = _code(GPAI, ["Signatories will treat models with systemic risk as falling under this Measure."])
    assert _gpai(code) == "exempt"
    assert _gpai(code, "systemic-risk") == "applies"


def test_if_you_do_it_later_in_a_paragraph_is_not_passed_over():
    code = _code(ICO, ["Sharing within your group", "Passing children's data to another company in your own corporate group is "
                       "still a disclosure. If you do it, the same compelling-reason test applies."])
    # the paragraph had not been seen as saying whom: every service, "applies" with confidence
    assert _ico(code) == "unclear"


def test_profiling_options_are_read_as_for_services_that_profile_or_left_unclear():
    code = _code(ICO, ["12. Profiling", "Switch options that use profiling off by default, unless you can demonstrate a "
                       "compelling reason for profiling to be on by default.",
                       "This does not apply to profiling that is essential to the provision of your core service."])
    # had been every service's: one that profiles no one was told "applies" with confidence
    assert _ico(code) == "unclear"
    assert _ico(code, "profiling") == "applies"
    assert _ico(code, "profiling", "core-profiling") == "exempt"
    # "treat it as a profiling option" says what targeted advertising is, not whom: no doubt is added
    code = _code(ICO, ["If you serve behaviourally targeted advertising, treat it as a separate profiling option which the "
                       "child must actively switch on."])
    assert _ico(code) == "exempt"
    assert _ico(code, "targeted-advertising") == "applies"


def test_effective_controls_at_the_end_of_a_duty_are_not_dropped():
    code = _code(ESAFETY, ["A provider of a high impact generative AI designated internet service must restrict generation of "
                           "pornographic material for Australian children, unless effective controls already prevent "
                           "sexually explicit output."], "DIS 20")
    service = dict(kind="designated-internet", features=["genai-high-impact", "blocks-explicit-generation"])
    # the exception had been dropped: a service with such controls was told "applies" with confidence
    assert _status(code, ESAFETY, **service) != "applies"
