"""Whom a measure covers when the words that narrow it stand in a later paragraph, or in the subject of its duty:
"fall outside this measure", "is not within this measure unless ...", "It does apply to ...", a sentence broken
across paragraphs whose tail is an exception, an exception beside a duty whose subject names the services, "For each
model with systemic risk, Signatories will ...", and an exception that names one of several kinds of service. Each
case was read wrongly with confidence (or, for the last two, left unread) before.
"""

from __future__ import annotations

from clause_reading import clause_reading
from one_measure_code import one_measure_code as _code
from one_measure_code import status_for as _status

ESAFETY = "codes/examples/esafety-industry.toml"
GPAI = "codes/profiles/eu-gpai.toml"
ICO = "codes/examples/ico-aadc.toml"


def test_services_that_fall_outside_the_measure_in_a_later_paragraph():
    code = _code("pcu", ["This measure applies to providers of large services and of multi-risk services.",
                         "The provider should keep a record of sudden rises in reports of bullying content.",
                         "Services at low risk of every kind of content harmful to children fall outside this measure."])
    # a large service at low risk of everything had been "applies": the third paragraph was read as a recommendation
    children = ["likely-accessed-by-children"]  # the children's codes cover only these services
    assert _status(code, "pcu", users=10_000_000, features=children) == "exempt"
    assert _status(code, "pcu", users=10_000_000, features=children, risks=["bullying=medium"]) == "applies"


def test_not_within_this_measure_unless_is_never_passed_over():
    code = _code("icu", ["This measure applies to providers of services with livestreaming at medium or high risk of grooming.",
                         "A service with fewer than 50,000 monthly active UK users is not within this measure unless it "
                         "is at high risk of grooming.",
                         "The provider should let a child end a livestream at any time."])
    small_medium = dict(users=1_000, features=["livestreaming"], risks=["grooming=medium"])
    assert _status(code, "icu", **small_medium) == "exempt"  # had been "applies" (the second paragraph dropped)
    assert _status(code, "icu", users=100_000, features=["livestreaming"], risks=["grooming=medium"]) == "applies"


def test_it_does_apply_gives_services_back():
    code = _code(ICO, ["This standard applies to every service other than counselling services.",
                       "It does apply to a counselling service that serves behaviourally targeted advertising.",
                       "Switch behavioural advertising off by default."])
    children = "likely-accessed-by-children"  # the code covers only these services
    assert _status(code, ICO, kind="online-service", features=[children, "counselling-service"]) == "exempt"
    # had been "exempt": the second paragraph was not taken as application text
    assert _status(code, ICO, kind="online-service", features=[children, "counselling-service", "targeted-advertising"]) == "applies"


def test_an_exception_that_continues_the_duty_in_the_next_paragraph():
    code = _code(GPAI, ["Signatories will give an adequate number of independent evaluators free access to the model,",
                        "except where the model counts as a similarly safe or safer model for that systemic risk."])
    # had been "applies" to every Signatory: the tail was read as part of the duty
    assert _status(code, GPAI, kind="gpai-provider", features=["similarly-safe"]) == "exempt"
    assert _status(code, GPAI, kind="gpai-provider") == "applies"


def test_an_exception_beside_a_duty_whose_subject_names_the_services():
    code = _code("icu", ["Providers of large services should test their reporting tools each year.",
                         "This measure does not apply to services at low risk of fraud."])
    # a small service at high risk of fraud had been "applies" (the duty's subject was dropped)
    assert _status(code, "icu", users=1_000, risks=["fraud=high"]) == "exempt"
    assert _status(code, "icu", users=10_000_000, risks=["fraud=high"]) == "applies"
    code = _code(GPAI, ["For each model with systemic risk, Signatories will keep a record of serious incidents.",
                        "This Measure does not apply where the model is treated as a similarly safe or safer model."])
    assert _status(code, GPAI, kind="gpai-provider") == "exempt"
    assert _status(code, GPAI, kind="gpai-provider", features=["systemic-risk"]) == "applies"
    assert _status(code, GPAI, kind="gpai-provider", features=["systemic-risk", "similarly-safe"]) == "exempt"


def test_an_exception_that_names_one_kind_of_several():
    code = _code(ESAFETY, ["This measure does not apply to an app distribution service that only distributes apps "
                           "developed by its own provider.",
                           "The provider must remove third-party apps that facilitate class 1A material."])
    assert _status(code, ESAFETY, kind="app-distribution", features=["first-party-only"]) == "exempt"
    assert _status(code, ESAFETY, kind="app-distribution") == "applies"
    # every other service: the measure of every service but those, or of app stores only? (had been "applies")
    assert _status(code, ESAFETY, kind="hosting") == "unclear"


def test_and_to_other_services_opens_a_second_group():
    # "and to other services" had been read as a further predicate of the first group (a small service at high risk
    # of fraud "exempt"): the group's head nouns ran on over the words that open the next group
    covered = clause_reading("icu", "This measure applies to large services and to other services at high risk of fraud.")
    assert covered(users=1_000, risks=["fraud=high"]) is True
    assert covered(users=10_000_000) is True
    assert covered(users=1_000, risks=["fraud=medium"]) is False


def test_suicide_content_in_an_illegal_content_code_is_the_offence():
    covered = clause_reading("ics", "This measure applies to large general search services and to other search services "
                                    "at high risk of suicide content.")
    # had been "exempt" for a small service at high risk of encouraging or assisting suicide (a children's harm was named)
    assert covered(kind="search/vertical", risks=["encouraging-suicide=high"]) is True
    assert covered(kind="search/vertical", risks=["encouraging-suicide=medium"]) is False


def test_which_users_or_results_the_duty_reaches_is_not_whom_it_covers():
    covered = clause_reading("icu", "This measure applies to a provider in respect of each service which allows users to "
                                    "livestream, in respect of each user who the provider believes is a child.")
    assert covered(features=["livestreaming"]) is True
    assert covered() is False
    covered = clause_reading("ics", "This measure applies to providers of general search services in respect of search "
                                    "results shown to users who are not signed in.")
    assert covered(kind="search/general") is True
    assert covered(kind="search/vertical") is False


def test_conditions_on_the_reader_before_any_instruction():
    # "choose" and "show" now end the condition as "give" did; "a child's" is "the child's" of the vocabulary
    assert clause_reading(ICO, "If you use age assurance, choose a method suited to the risks.")(
        features=["age-assurance"]) is True
    covered = clause_reading(ICO, "If your service lets other users see a child's location, show a clear sign while it "
                                  "is shared.")
    assert covered(features=["location-sharing"]) is True
    assert covered() is False
    covered = clause_reading(ICO, "If you allow parents to monitor a child's online activity, make that clear to the child.")
    assert covered(features=["parental-monitoring"]) is True
    assert covered() is False


def test_gpai_signatories_named_by_what_they_do():
    covered = clause_reading(GPAI, "Signatories offering a model through an API will keep its rate limits under review.")
    assert covered(kind="gpai-provider", features=["api-access"]) is True
    assert covered(kind="gpai-provider") is False
    covered = clause_reading(GPAI, "Signatories that employ web-crawlers, or have such crawlers employed on their behalf, "
                                   "will honour robots.txt.")
    assert covered(kind="gpai-provider", features=["web-crawler"]) is True
    assert covered(kind="gpai-provider") is False
    covered = clause_reading(GPAI, "Signatories whose models carry systemic risk will report serious incidents.")
    assert covered(kind="gpai-provider", features=["systemic-risk"]) is True
    assert covered(kind="gpai-provider") is False


def test_this_exception_does_not_apply_takes_services_back_out_of_it():
    code = _code(GPAI, ["The obligations in Measures 1.1 to 1.3 do not apply to Signatories whose models are released "
                        "under a free and open-source licence.",
                        "This exception does not apply to general-purpose AI models with systemic risk."])
    # had been "applies" to an open-source provider (neither sentence was taken as application text)
    assert _status(code, GPAI, kind="gpai-provider", features=["open-source-licence"]) == "exempt"
    assert _status(code, GPAI, kind="gpai-provider", features=["open-source-licence", "systemic-risk"]) == "applies"
    assert _status(code, GPAI, kind="gpai-provider") == "applies"


def test_a_measure_read_as_amended_whatever_its_quotes_and_labels():
    # straight and curly double quotes had been stripped as artefacts before the instruction was carried out, and a
    # bracketed note before it hid it: the measure was read unamended ("exempt" for a small service at high risk)
    for instruction in ('[Amended by the Online Safety (Amendment) Code 2026] In paragraph C3.1, after "large services" '
                        'insert "and of services at high risk of fraud".',
                        "In paragraph C3.1, after \u201clarge services\u201d insert \u201cand of services at high risk "
                        "of fraud\u201d."):
        code = _code("icu", ["ICU C3.1 This measure applies to providers of large services.", instruction])
        assert _status(code, "icu", users=1_000, risks=["fraud=high"]) == "applies", instruction
        assert _status(code, "icu", users=1_000) == "exempt"
    code = _code("icu", ["C5.1 This measure applies to providers of services at medium or high risk of terrorism.",
                         "C5.2 Paragraph C5.1 is amended so that the measure also applies to large services."])
    assert _status(code, "icu", users=10_000_000) == "applies"  # had been "exempt": C5.2 was passed over


def test_a_duty_waived_or_not_binding_for_some_signatories():
    # each had been "applies" to the Signatories it leaves out (the paragraph was taken for part of the duty)
    for release in ("The documentation obligation is waived for SMEs.", "SMEs need not comply with this Commitment.",
                    "SMEs are not bound by this Measure."):
        code = _code(GPAI, ["Signatories will keep the documentation up to date.", release])
        assert _status(code, GPAI, kind="gpai-provider", features=["sme"]) == "exempt", release
        assert _status(code, GPAI, kind="gpai-provider") == "applies", release


def test_a_later_paragraph_about_whom_in_unknown_words_is_never_passed_over():
    first = "C7.1 This measure applies to providers of large services."
    big = dict(users=10_000_000)
    for second in ("C7.2 Services whose only user-to-user functionality is end-to-end encrypted messaging are excepted.",
                   "C7.2 Ofcom does not expect providers of end-to-end encrypted services to apply this measure."):
        # each had been "applies" to every large service, the second paragraph passed over as a recommendation
        assert _status(_code("icu", [first, second]), "icu", **big) == "unclear", second
    code = _code("icu", [first, "C7.2 Providers of services at low risk of fraud may disregard this measure."])
    assert _status(code, "icu", **big) == "exempt"  # a release, not a permission to do more
    assert _status(code, "icu", users=10_000_000, risks=["fraud=medium"]) == "applies"
    code = _code("icu", [first, "C7.2 The recommendation extends to services at high risk of fraud."])
    assert _status(code, "icu", users=1_000, risks=["fraud=high"]) == "applies"
    # an encouragement to others is not a second group, and a duty's reach over content says nothing of whom
    for second in ("C7.2 Smaller services should consider whether to adopt it.",
                   "C7.2 The provider should apply it to all content on the service."):
        assert _status(_code("icu", [first, second]), "icu", users=1_000) == "exempt", second


def test_including_names_which_of_the_class_it_covers_unless_the_profile_says_it_takes_more_in():
    code = _code(GPAI, ["This Commitment applies to Signatories providing general-purpose AI models with systemic risk, "
                        "including models released under a free and open-source licence."])
    # (a guard: with the open-source wordings this session added, the widening rule had made an open-source model
    # without systemic risk "applies"; the starting parser did not know the wording and passed)
    assert _status(code, GPAI, kind="gpai-provider", features=["open-source-licence"]) == "exempt"
    assert _status(code, GPAI, kind="gpai-provider", features=["open-source-licence", "systemic-risk"]) == "applies"


def test_end_to_end_encrypted_services_taken_out_in_other_words():
    first = "C9.1 This measure applies to providers of large services."
    big_e2ee = dict(users=10_000_000, features=["e2ee", "direct-messaging"])
    for second in ("C9.2 End-to-end encrypted services are carved out of this measure.",
                   "C9.2 End-to-end encrypted services are not in scope."):
        code = _code("icu", [first, second])
        assert _status(code, "icu", **big_e2ee) == "exempt", second  # had been "applies"
        assert _status(code, "icu", users=10_000_000) == "applies", second
    # "only" narrows what it stands before: unread, it makes the reading unclear (read as "offers end-to-end
    # encrypted messaging", every large end-to-end encrypted service would be out, one with public posting too)
    code = _code("icu", [first, "C9.2 A service that offers only end-to-end encrypted messaging is treated as outside "
                                "this measure."])
    assert _status(code, "icu", users=10_000_000, features=["e2ee", "direct-messaging", "posting-content"]) == "unclear"
    assert _status(code, "icu", users=1_000, features=["e2ee", "direct-messaging"]) == "exempt"  # not large either way


def test_later_paragraphs_that_add_or_take_out_services_in_plain_words():
    # each later paragraph had been passed over, so the first decided with confidence
    code = _code("icu", ["C4.1 This measure applies to providers of large services.",
                         "C4.2 In addition, the measure covers services that are at high risk of grooming."])
    assert _status(code, users=10, risks=["grooming=high"]) == "applies"
    assert _status(code, users=10) == "exempt"
    code = _code("icu", ["C4.1 This measure applies to providers of large services.",
                         "C4.2 A service that is end-to-end encrypted is not covered."])
    assert _status(code, users=8_000_000, features=["e2ee"]) == "exempt"
    assert _status(code, users=8_000_000) == "applies"
    code = _code("icu", ["C4.1 This measure applies to providers of all services.",
                         "C4.2 Small services at low risk of every kind of illegal harm are excepted from this measure."])
    assert _status(code, users=10) == "exempt"
    assert _status(code, users=10, risks=["fraud=medium"]) == "applies"
    # "PCU C5.2 ...": a code's letters before the paragraph number had hidden the exception
    code = _code("pcu", ["PCU C5.1 This measure applies to providers of services that allow livestreaming.",
                         "PCU C5.2 It does not apply to services that use highly effective age assurance."])
    children = "likely-accessed-by-children"
    assert _status(code, "pcu", features=[children, "livestreaming"]) == "applies"
    assert _status(code, "pcu", features=[children, "livestreaming", "age-assurance"]) == "exempt"


def test_a_paragraph_that_only_carries_on_the_sentence_before_it():
    code = _code("icu", ["C4.1 This measure applies to providers of large services,",
                         "and to providers of services at high risk of fraud."])
    assert _status(code, users=10, risks=["fraud=high"]) == "applies"  # was "exempt"
    code = _code("icu", ["C4.1 This measure applies to providers of large services", "that are at high risk of fraud."])
    assert _status(code, users=8_000_000) == "exempt"  # was "applies"
    assert _status(code, users=8_000_000, risks=["fraud=high"]) == "applies"


def test_a_section_and_subsection_number_before_the_statement_of_whom():
    # "24 (1) This section applies ..." had been words not understood
    code = _code(ESAFETY, ["24 (1) This section applies to a provider of a social media service.",
                           "(2) The provider must have a tool for end-users to report class 1A material."])
    assert _status(code, ESAFETY, kind="social-media") == "applies"
    assert _status(code, ESAFETY, kind="relevant-electronic") == "exempt"


def test_services_given_back_taken_out_or_released_in_later_paragraphs():
    # "However, it does apply to ..." gives back what the exception took out (it had been dropped: an SME with such a
    # model "exempt")
    code = _code(GPAI, ["Measure 4.1", "Signatories will publish a summary of their Model Report.",
                        "This obligation does not apply to SMEs.",
                        "However, it does apply to an SME whose model has systemic risk."])
    assert _status(code, GPAI, kind="gpai-provider", features=["sme"]) == "exempt"
    assert _status(code, GPAI, kind="gpai-provider", features=["sme", "systemic-risk"]) == "applies"
    assert _status(code, GPAI, kind="gpai-provider") == "applies"
    for words in ("C7.2 This excludes services that are end-to-end encrypted.",
                  "C7.2 End-to-end encrypted services are removed from its scope."):
        code = _code("icu", ["C7.1 This measure applies to providers of services at high risk of grooming.", words])
        assert _status(code, risks=["grooming=high"], features=["e2ee"]) == "exempt", words  # was "applies"
        assert _status(code, risks=["grooming=high"]) == "applies"
    # the purpose of the age assurance ("to keep children off ...") had taken "may disregard it" with it, so the
    # release read as the services the measure is for
    covered = clause_reading("pcu", "Providers that use highly effective age assurance to keep children off the whole "
                                    "service may disregard this measure.")
    assert covered(features=["likely-accessed-by-children", "age-assurance"]) is False
    assert covered(features=["likely-accessed-by-children"]) is True


def test_each_duty_whose_subject_names_services_says_whom():
    code = _code("icu", ["C7.1 Providers of multi-risk services should keep a record of each review.",
                         "C7.2 Providers of large services should publish a summary of it."])
    assert _status(code, users=8_000_000) == "applies"  # was "exempt": only the first paragraph was read
    assert _status(code, users=10, risks=["fraud=medium", "hate=medium"]) == "applies"
    assert _status(code, users=10) == "exempt"
    # a measure named by its number in a later paragraph is read or left unclear, never passed over
    code = _code("icu", ["C7.1 This measure applies to providers of large services.",
                         "C7.2 Measure C7 does not apply to a service whose every kind of illegal harm is of low risk."])
    assert _status(code, users=8_000_000) != "applies"


def test_a_later_paragraph_that_narrows_after_an_opening_condition_or_in_either_case():
    # the duty's subject had been dropped beside the exception: a small general search service "applies"
    code = _code("pcs", ["PCS C5.1 The provider of a large general search service should apply safe search by default.",
                         "PCS C5.2 Where the service is a vertical search service, this measure does not apply."])
    children = ["likely-accessed-by-children"]
    assert _status(code, "pcs", kind="search/general", users=8_000_000, features=children) == "applies"
    assert _status(code, "pcs", kind="search/general", users=10, features=children) == "exempt"
    # "In either case, it applies only where ..." had been a further group: a large service without file-sharing "applies"
    code = _code("icu", ["C9.1 This measure applies to providers of large services and of services at high risk of "
                         "image-based CSAM.", "C9.2 In either case, it applies only where the service allows file-sharing."])
    assert _status(code, users=8_000_000) == "exempt"
    assert _status(code, users=8_000_000, features=["file-sharing"]) == "applies"
    # "are covered only if ..." had been passed over
    code = _code("icu", ["C9.1 This measure applies to providers of services at high risk of image-based CSAM.",
                         "C9.2 Smaller services are covered only if they have more than 700,000 monthly active UK users."])
    assert _status(code, users=10, risks=["csam-image=high"]) != "applies"


def test_paragraphs_an_amendment_inserted_or_substituted_are_read():
    # an editor's note before the words, or a paragraph number with a letter ("C10.1A"), had hidden a further group
    for later in ("C10.2 [Inserted by the Amendment Code 2026] This measure also applies to providers of services at "
                  "high risk of grooming.",
                  "C10.1A This measure also applies to providers of services at high risk of grooming."):
        code = _code("icu", ["C10.1 This measure applies to providers of large services.", later])
        assert _status(code, users=10, risks=["grooming=high"]) == "applies", later  # was "exempt"
    code = _code("icu", ["C10.1 [Substituted] This measure applies to providers of services at medium or high risk of "
                         "grooming.", "C10.2 The provider should review its settings each year."])
    assert _status(code, risks=["grooming=medium"]) == "applies"  # was "unclear"
    assert _status(code) == "exempt"
    # a statement of whom that is itself omitted is never read as if it stood
    code = _code("icu", ["C10.1 This measure applies to providers of large services.", "C10.2 Paragraph C10.1 is omitted.",
                         "C10.3 Measure C10 applies instead to all services at high risk of fraud."])
    assert _status(code, users=8_000_000) != "applies"  # was "applies"
    # "... is nonetheless within scope where ..." gives back what an exception took out: never passed over
    code = _code("icu", ["C10.1 This measure applies to providers of services at high risk of grooming, other than small "
                         "services.", "C10.2 A small service is nonetheless within scope where it has more than 700,000 "
                         "monthly active UK users."])
    assert _status(code, users=800_000, risks=["grooming=high"]) != "exempt"  # was "exempt"


def test_if_the_condition_then_it_does_not_apply_takes_services_out():
    # "If you do not profile children, this standard does not apply to you" had read as a standard for those who do not
    # profile, so every service was covered by one of the two sentences
    code = _code(ICO, ["Standard 12 Profiling", "If you profile children, switch profiling off by default.",
                       "If you do not profile children, this standard does not apply to you."])
    child = "likely-accessed-by-children"
    assert _status(code, ICO, kind="online-service", features=[child]) == "exempt"
    assert _status(code, ICO, kind="online-service", features=[child, "profiling"]) == "applies"
    # "If your service is aimed only at adults, this standard does not apply": never a further group
    code = _code(ICO, ["Standard 11 Parental controls", "If you provide parental controls, give the child age appropriate "
                       "information about this.", "If your service is aimed only at adults, this standard does not apply."])
    assert _status(code, ICO, kind="online-service", features=[child, "parental-controls"]) != "applies"
    assert _status(code, ICO, kind="online-service", features=[child]) == "exempt"


def test_small_services_added_back_in_a_later_paragraph_are_never_passed_over():
    # each second paragraph had been passed over: a small service at high risk of fraud "exempt"
    for later in ("C11.2 The same applies to small services at high risk of fraud.",
                  "C11.2 So do small services at high risk of fraud."):
        code = _code("icu", ["C11.1 This measure applies to providers of large services.", later])
        assert _status(code, users=10, risks=["fraud=high"]) == "applies", later
        assert _status(code, users=10) == "exempt"
    for later in ("C11.2 Small services are exempt unless they are at high risk of fraud.",
                  "C11.2 Small services are also covered if they are at high risk of fraud.",
                  "C11.2 Small services at high risk of fraud are covered too."):
        code = _code("icu", ["C11.1 This measure applies to providers of large services.", later])
        assert _status(code, users=10, risks=["fraud=high"]) != "exempt", later
    # a release after a condition on the provider ("Where the provider prohibits ..., the measure does not apply")
    code = _code("pcu", ["PCU G1.1 This measure applies to providers of services likely to be accessed by children.",
                         "PCU G1.2 Where the provider prohibits users under 18 and enforces that with highly effective "
                         "age assurance, the measure does not apply."])
    assert _status(code, "pcu", features=["likely-accessed-by-children", "prohibits-under-18", "age-assurance"]) != "applies"


def test_a_definition_that_goes_on_is_never_cut_at_its_first_sentence():
    # the class had been large services alone: a small service at high risk of fraud "exempt"
    code = _code("icu", ["C10.1 This measure applies to providers of relevant services.",
                         "C10.2 'Relevant service' means a large service. It also includes a service at high risk of fraud."])
    assert _status(code, users=10, risks=["fraud=high"]) != "exempt"
    # ... and in one paragraph
    code = _code("icu", ["This measure applies to providers of relevant services. 'Relevant service' means a large "
                         "service. It also includes a service at high risk of fraud."])
    assert _status(code, users=10, risks=["fraud=high"]) != "exempt"


def test_nor_save_those_and_other_signatories_in_later_paragraphs():
    # "Nor does it apply to ..." had been passed over: an open-source model "applies"
    code = _code(GPAI, ["Measure 1.2", "Signatories will make documentation available.",
                        "This Measure does not apply to SMEs.", "Nor does it apply to open-source models."])
    assert _status(code, GPAI, kind="gpai-provider", features=["open-source-licence"]) == "exempt"
    assert _status(code, GPAI, kind="gpai-provider") == "applies"
    # "..., / save those with systemic risk" had been dropped: an open-source model with systemic risk "exempt"
    code = _code(GPAI, ["Measure 1.2", "Signatories will make documentation available.", "Open-source models are excluded,",
                        "save those with systemic risk."])
    assert _status(code, GPAI, kind="gpai-provider", features=["open-source-licence", "systemic-risk"]) == "applies"
    assert _status(code, GPAI, kind="gpai-provider", features=["open-source-licence"]) == "exempt"
    # "Other Signatories will ..." beside a duty for SMEs: every Signatory (was SMEs only)
    code = _code(GPAI, ["Measure 1.2", "Signatories that are SMEs will make documentation available in a simplified form.",
                        "Other Signatories will make full documentation available."])
    assert _status(code, GPAI, kind="gpai-provider") == "applies"


def test_a_deeming_paragraph_that_treats_services_as_low_risk_is_never_passed_over():
    # an end-to-end encrypted multi-risk service had "applied": the paragraph that treats it as low risk was passed over
    code = _code("icu", ["C12.1 This measure applies to providers of multi-risk services.",
                         "C12.2 For this measure, end-to-end encrypted services are treated as low risk."])
    assert _status(code, risks=["fraud=medium", "hate=medium"], features=["e2ee"]) != "applies"


def test_all_other_signatories_after_a_semicolon_keep_the_measure_for_everyone():
    code = _code(GPAI, ["Signatories that are small mid-cap enterprises may take a simplified approach; all other Signatories "
                        "will follow this Measure in full."])
    # the permission's subject had been read as whom the Measure is for: SMCs only
    assert _status(code, GPAI, kind="gpai-provider") == "applies"
    assert _status(code, GPAI, kind="gpai-provider", features=["smc"]) == "applies"


def test_the_models_a_duty_names_after_its_verb_are_never_partly_read():
    code = _code(GPAI, ["Signatories will carry out model evaluations for each of their models that has systemic risk and whose "
                        "weights are not published."])
    # it had been "applies" to a model with systemic risk whose weights are published (the weights were dropped)
    assert _status(code, GPAI, kind="gpai-provider", features=["systemic-risk", "open-weights"]) != "applies"
    code = _code(GPAI, ["Signatories will keep records for each model with systemic risk."])
    assert _status(code, GPAI, kind="gpai-provider") == "exempt"
    assert _status(code, GPAI, kind="gpai-provider", features=["systemic-risk"]) == "applies"


def test_the_provider_in_a_second_sentence_is_the_provider_already_named():
    # when a PDF joins two paragraphs, "The provider should ..." follows the sentence that named the provider; it had
    # been read as a duty for every provider, so the measure was every service's
    code = _code(ESAFETY, ["A provider of a closed communication service must tell end-users how to report unwanted "
                           "contact. The provider should review how well this works at least once a year."])
    assert _status(code, ESAFETY, kind="relevant-electronic") == "exempt"
    assert _status(code, ESAFETY, kind="relevant-electronic", features=["closed-communication"]) == "applies"
    # alone, "The provider should ..." is still every provider's duty
    alone = _code("icu", ["The provider should name a person accountable for its reporting processes."])
    assert _status(alone, "icu", users=1_000) == "applies"
