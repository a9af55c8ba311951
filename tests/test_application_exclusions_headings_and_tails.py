"""Wordings of whom a measure covers that had been read with confidence and wrongly, each now read as a careful lawyer
reads it or left unclear: "Subsection (1) does not include a service that ..."; a "does not include" no opening reads;
"... but this part does not apply to the product" after a duty in the same sentence; "Where a provider's terms of
service ..."; "Default settings ... apply to services ..."; an "including those ..." aside before "but not to ...";
"already on the market before 2 August 2025"; "; all other Signatories do so ..."; "will in addition" after a
condition on the model; "does not concern a model that ..."; "imposes nothing on a Signatory as regards a model ...";
"but not where the engine ..."; "end-users who are signed in to an account"; and an ICO standard whose heading alone
names the feature. The wording is this file's own, after the shapes of the retired held-out sets heldout47 and
heldout48 (dev78, dev79) and of dev76, dev80 and dev81.
"""

from __future__ import annotations

from clause_reading import clause_reading
from one_measure_code import one_measure_code as _code
from one_measure_code import status_for as _status
from one_measure_code import ESAFETY, GPAI, ICO, gpai_status as _gpai, ico_status as _ico

ICU = "codes/profiles/icu.toml"
PCU = "codes/profiles/pcu.toml"


def test_a_subsection_that_does_not_include_a_service_leaves_it_out():
    code = _code(ESAFETY, ["(1) This section applies to a provider of a high impact generative AI designated internet service.",
                           "(2) Subsection (1) does not include a service that uses effective controls to stop it generating "
                           "sexually explicit material."], "DIS 22")
    service = dict(kind="designated-internet", features=["genai-high-impact"])
    # the second paragraph had been passed over as saying nothing of whom: "applies" with confidence to a service with
    # such controls
    assert _status(code, ESAFETY, kind="designated-internet", features=["genai-high-impact", "blocks-explicit-generation"]) == "exempt"
    assert _status(code, ESAFETY, **service) == "applies"
    # a class left out in words no opening reads makes the answer unclear, never "applies"
    code = _code(ESAFETY, ["(1) This section applies to a provider of a high impact generative AI designated internet service.",
                           "(2) The class named in subsection (1) does not include a service that runs a moderation queue."],
                 "DIS 22")
    assert _status(code, ESAFETY, **service) == "unclear"
    # "does not include personal data" speaks of no service
    code = _code(ESAFETY, ["(1) This section applies to a provider of a high impact generative AI designated internet service.",
                           "(2) The report does not include personal data."], "DIS 22")
    assert _status(code, ESAFETY, **service) == "applies"


def test_whom_said_after_a_duty_in_the_same_sentence_is_not_passed_over():
    code = _code(ICO, ["14.3 Toys that collect nothing themselves",
                       "If the device itself gathers no personal data and a companion app does all the collecting, the app "
                       "must meet the code but this part does not apply to the device. That changes where the device has a "
                       "microphone of its own; this part then applies in full."])
    # the paragraph had been taken for a duty of every reader: "applies" with confidence to every service
    assert _ico(code) == "unclear"


def test_a_condition_on_the_providers_terms_of_service_is_not_a_provider_duty():
    code = _code(PCU, ["PCU B5 Age checks where harmful content is permitted",
                       "B5.1 Where a provider's terms of service do not prohibit one or more kinds of priority content, and "
                       "its principal purpose is not the hosting or dissemination of priority content, the provider should use "
                       "highly effective age assurance."], "PCU B5")
    children = "likely-accessed-by-children"
    # read as a duty for every service that names a feature, a service whose principal purpose is that content was told
    # "applies" with confidence
    assert _status(code, PCU, features=[children, "allows-priority-content", "principal-purpose-pc"]) != "applies"


def test_settings_that_apply_to_services_say_whom():
    covered = clause_reading("icu", "Safer default settings for child users apply to services at medium or high risk of "
                                    "grooming that have user connections.")
    # the sentence had not been seen as one of whom: a service with connections but no risk of grooming was told
    # "applies" with confidence
    assert covered(features=["user-connections"]) is False
    assert covered(features=["user-connections"], risks=["grooming=high"]) is True


def test_an_including_aside_ends_where_services_are_taken_out():
    code = _code(ESAFETY, ["This Standard applies to relevant electronic services of any kind, including those that offer "
                           "end-to-end encrypted messaging, but not to enterprise services or telephony services."], "RES 6")
    # the aside had swallowed the exception: an enterprise service was told "applies" with confidence
    assert _status(code, ESAFETY, kind="relevant-electronic", features=["enterprise"]) == "exempt"
    assert _status(code, ESAFETY, kind="relevant-electronic", features=["e2ee"]) == "applies"


def test_models_already_on_the_market_before_the_date_are_one_class():
    for words in ("For a model that was already on the Union market before 2 August 2025, the Signatory will complete the "
                  "documentation by 2 August 2027.",
                  "This Measure applies to models already placed on the market before 2 August 2025."):
        code = _code(GPAI, [words])
        # read as two classes, a model placed before the date had been left out unless also marked "on the market"
        assert _gpai(code, "pre-august-2025") == "applies"
        assert _gpai(code) == "exempt"


def test_all_other_signatories_doing_so_is_every_signatory():
    code = _code(GPAI, ["Signatories whose model was placed on the market before 2 August 2025 will send the Form by the later "
                        "date; all other Signatories do so before the model is placed on the market."])
    # the second group had been dropped: a Signatory with a newer model was told "exempt" with confidence
    assert _gpai(code) == "applies"
    assert _gpai(code, "pre-august-2025") == "applies"


def test_a_duty_in_addition_for_open_weight_models_is_no_second_class():
    code = _code(GPAI, ["Measure 9.2 Learning of incidents",
                        "Signatories will keep up ways of learning of serious incidents, such as reports from downstream "
                        "providers.",
                        "Where the model's weights are publicly available, Signatories will in addition give third parties a "
                        "way to report incidents with modified versions."])
    # the conditional further duty had been read as whom: every Signatory without open weights "exempt" with confidence
    assert _gpai(code) == "applies"
    assert _gpai(code, "open-weights") == "applies"


def test_a_paragraph_that_does_not_concern_some_models_leaves_them_out():
    code = _code(GPAI, ["(1) Signatories will give qualified external researchers access to their models for research on "
                        "systemic risk.",
                        "(2) Paragraph (1) does not concern a model that the Signatory treats as similarly safe or safer in "
                        "respect of the risks under study."])
    # had been "either every Signatory or those with systemic risk": a similarly safe model "applies" with confidence
    assert _gpai(code, "similarly-safe", "systemic-risk") == "exempt"
    assert _gpai(code, "systemic-risk") == "applies"
    # data, not models, left out: no class is taken away
    code = _code(GPAI, ["(2) When crawling the web for training data, Signatories will leave out of their crawl the sites on "
                        "the authorities' list.", "This paragraph does not concern datasets that a Signatory licenses from "
                        "others."])
    assert _gpai(code, "web-crawler") == "applies"


def test_a_paragraph_that_imposes_nothing_on_some_signatories_is_not_passed_over():
    code = _code(GPAI, ["Commitment 2 Documentation",
                        "Signatories commit to documenting every model they place on the market and to keeping that "
                        "documentation current.",
                        "The preceding paragraph imposes nothing on a Signatory as regards a model whose weights have been made "
                        "public under a licence that is free and open-source, so long as that model has no systemic risk."])
    # the release had been passed over: an open-source open-weight model "applies" with confidence
    assert _gpai(code, "open-source-licence", "open-weights") != "applies"
    code = _code(GPAI, ["Signatories will keep the documentation current. This paragraph imposes nothing on a Signatory as "
                        "regards a model released under a free and open-source licence."])
    assert _gpai(code, "open-source-licence") == "exempt"
    assert _gpai(code) == "applies"
    # the provider named keeps its words when no model follows ("as regards a model"): read without them, "a provider of a
    # hosting service" had become "of a hosting service", words not understood, unclear for every section
    code = _code(ESAFETY, ["A provider of a social media service or a hosting service must publish terms of use. This section "
                           "imposes no obligation on a provider of a hosting service."], "MCM 2")
    assert _status(code, ESAFETY, kind="hosting") == "exempt"
    assert _status(code, ESAFETY, kind="social-media") == "applies"


def test_an_exception_naming_the_engine_is_not_dropped():
    code = _code(ESAFETY, ["A provider of an internet search engine service must take steps to limit class 1A material in "
                           "results, but not where the engine searches only the content of a single website or app."], "SES 7")
    # "the engine" had not been taken for the reader's service: the exception dropped, "applies" with confidence
    assert _status(code, ESAFETY, kind="search-engine", features=["site-search-only"]) == "exempt"
    assert _status(code, ESAFETY, kind="search-engine") == "applies"


def test_a_duty_owed_to_signed_in_end_users_may_be_only_for_services_with_accounts():
    code = _code(ESAFETY, ["A provider of an internet search engine service must, within six months, apply age assurance to "
                           "Australian end-users who are signed in to an account."], "SES 9")
    # read as every search engine's duty: "applies" with confidence to one with no accounts
    assert _status(code, ESAFETY, kind="search-engine") == "unclear"
    assert _status(code, ESAFETY, kind="search-engine", features=["user-accounts"]) == "applies"


def test_a_standard_whose_heading_names_the_feature_is_not_every_readers_with_confidence():
    code = _code(ICO, ["14. Connected toys and devices", "Tell buyers at the point of sale, and again at set-up, how the toy "
                       "collects and uses personal data."])
    # the heading had been passed over: a service with no toy was told "applies" with confidence
    assert _ico(code) == "unclear"
    assert _ico(code, "connected-toy") == "applies"
    # the ICO profile gives data sharing no such heading: "Do not disclose ..." binds every reader
    code = _code(ICO, ["9. Data sharing", "Do not disclose children's data unless you can show a compelling reason to do so."])
    assert _ico(code) == "applies"


def test_a_heading_that_says_only_for_whom_in_brackets_is_read():
    code = _code(GPAI, ["Model Documentation Form", "Part 5 (to be completed only for models with systemic risk)",
                        "Describe how the model was tested against misuse."])
    # passed over as a heading, the part had been every Signatory's: "applies" with confidence without systemic risk
    assert _gpai(code) == "exempt"
    assert _gpai(code, "systemic-risk") == "applies"
    # words in the brackets not understood make it unclear, never every Signatory's
    code = _code(GPAI, ["Part 6 (only for models trained on licensed archives)", "Describe the archives used."])
    assert _gpai(code) == "unclear"
