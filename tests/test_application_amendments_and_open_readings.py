"""A measure read as amended, the other drafting devices that change whom a measure covers after its first
sentence: an amending instruction beside the words it amends ("Amendment 4: in paragraph C3.1, after 'large
services' insert ..."), a deeming provision ("shall be treated as at high risk"), a provision that disapplies an
exception ("Paragraph (2) does not have effect in relation to a large service"), "A provider should apply this
measure to any service which ...", and "and ... or" with nothing to say how they group.

Each was read confidently wrongly before: the original sentence decided as if never amended, the deeming and
the disapplying provisions were passed over, the duty's subject made the measure every service's, and "and"
was taken to bind first wherever the drafter left it open.
"""

from __future__ import annotations

from clause_reading import clause_reading
from one_measure_code import one_measure_code as _code
from one_measure_code import status_for as _status

ESAFETY = "codes/examples/esafety-industry.toml"


def test_an_insertion_beside_the_words_it_amends_is_carried_out():
    code = _code("icu", ["C3.1 This measure applies to providers of large services.",
                         "Amendment 4 (Schedule 1 to the amending Code): in paragraph C3.1, after 'large services' insert "
                         "'and to providers of multi-risk services'."])
    assert _status(code, users=10, risks=["fraud=medium", "hate=high"]) == "applies"  # was "exempt"
    assert _status(code, users=9_000_000) == "applies"
    assert _status(code, users=10, risks=["fraud=medium"]) == "exempt"


def test_a_substitution_and_an_omission_with_a_label_are_carried_out():
    code = _code("icu", ["C13.1 This measure applies to services at high risk of extreme pornography.",
                         "Amending instrument, paragraph 9: in paragraph C13.1 of the Code, for 'high risk' substitute "
                         "'medium or high risk'."])
    assert _status(code, risks=["extreme-pornography=medium"]) == "applies"  # was "exempt"
    assert _status(code, risks=["extreme-pornography=low"]) == "exempt"
    code = _code("icu", ["B4.1 This measure applies to services with user profiles, other than a service which is low risk.",
                         "Amendment 9: in paragraph B4.1, the words 'other than a service which is low risk' are omitted."])
    assert _status(code, features=["user-profiles"]) == "applies"  # was "exempt": a low-risk service
    assert _status(code) == "exempt"
    code = _code("ics", ["C2.1 This measure applies to large general search services.", "Amendment 2: in paragraph C2.1, omit 'large'."])
    assert _status(code, "ics", kind="search/general", users=10) == "applies"  # was "exempt"


def test_an_instruction_naming_its_instrument_or_only_a_paragraph_number_is_carried_out():
    # each instruction had been passed over, so the measure was read unamended
    code = _code("ics", ["C7.1 This measure applies to providers of large general search services.",
                         "Amendment: in C7.1, after 'large general search services' insert 'and of vertical search "
                         "services at high risk of suicide content'."])
    assert _status(code, "ics", kind="search/vertical", users=10, risks=["encouraging-suicide=high"]) == "applies"
    assert _status(code, "ics", kind="search/vertical", users=10) == "exempt"
    code = _code("ics", ["C2.1 This measure applies to large general search services.",
                         "Note: by the Search Codes (Amendment) 2026, paragraph 4, in paragraph C2.1 the word 'large' "
                         "is omitted."])
    assert _status(code, "ics", kind="search/general", users=10) != "exempt"


def test_an_instruction_that_does_not_find_its_words_is_unclear_and_one_for_another_paragraph_is_no_part_of_scope():
    code = _code("icu", ["C3.1 This measure applies to providers of large services.",
                         "Amendment: in paragraph C3.1, for 'providers of big services' substitute 'providers of all services'."])
    assert _status(code, users=10) == "unclear"
    assert _status(code, users=9_000_000) == "unclear"  # the sentence it may amend no longer decides alone
    code = _code("icu", ["C3.1 This measure applies to providers of large services.",
                         "C3.2 The provider should review reports within 24 hours.",
                         "Amendment: in paragraph C3.2, for '24 hours' substitute '12 hours'."])
    assert _status(code, users=10) == "exempt"  # a recommendation's words: whom is unchanged
    assert _status(code, users=9_000_000) == "applies"


def test_a_deeming_provision_is_never_passed_over():
    code = _code("icu", ["(1) This measure applies to a provider of a service which is at high risk of terrorism. (2) For the "
                         "purposes of sub-paragraph (1), a service which has been assessed as at medium risk of terrorism and "
                         "which has more than 7 million monthly active UK users shall be treated as at high risk of terrorism."])
    assert _status(code, users=9_000_000, risks=["terrorism=medium"]) == "unclear"  # was "exempt"
    assert _status(code, risks=["terrorism=high"]) == "applies"
    # one that treats services as lower can take them out as well: nothing it touches is decided
    code = _code("icu", ["This measure applies to services at high risk of grooming. A service with fewer than 1,000 users is "
                         "to be treated as at low risk of grooming."])
    assert _status(code, users=10, risks=["grooming=high"]) == "unclear"  # was "applies"


def test_a_provision_that_disapplies_an_exception_gives_the_services_back():
    code = _code("ics", ["(1) This measure applies to general search services. (2) It does not apply to a general search "
                         "service which is low risk. (3) Paragraph (2) does not apply to a large service."])
    assert _status(code, "ics", kind="search/general", users=9_000_000) == "applies"  # was "exempt"
    assert _status(code, "ics", kind="search/general", users=10) == "exempt"
    assert _status(code, "ics", kind="search/general", users=10, risks=["fraud=high"]) == "applies"
    # the statement of scope disapplied on a condition is the plain exception it reads as
    code = _code("ics", ["(1) This measure applies to general search services. (2) However, subsection (1) does not apply "
                         "if the service is large."])
    assert _status(code, "ics", kind="search/general", users=9_000_000) == "exempt"
    # a provision not given here: unclear, never read as an exception
    code = _code("ics", ["This measure applies to general search services. Paragraph (4) does not apply to large services."])
    assert _status(code, "ics", kind="search/general", users=9_000_000) == "unclear"


def test_a_provider_applying_the_measure_to_some_services_is_never_every_service():
    code = _code("icu", ["A provider should apply this measure in relation to any service of that provider which is at "
                         "medium or high risk of controlling or coercive behaviour and on which users can connect with one "
                         "another."])
    assert _status(code, risks=["controlling-behaviour=high"], features=["user-connections"]) == "applies"
    assert _status(code, users=10) == "exempt"  # was "applies": every service


def test_and_then_or_with_nothing_to_group_them_is_decided_only_where_both_readings_agree():
    code = _code("icu", ["This measure applies to a provider of a service that is at medium or high risk of drugs offences and "
                         "has more than 700,000 monthly active UK users or is a file-storage and file-sharing service."])
    # "(risk and users) or file-sharing" or "risk and (users or file-sharing)": a low-risk file-sharing service is
    # covered on one reading only
    assert _status(code, features=["file-sharing"]) == "unclear"  # was "applies"
    assert _status(code, users=800_000, risks=["drugs=high"]) == "applies"
    assert _status(code, users=10) == "exempt"


def test_a_low_risk_of_one_kind_or_of_another_is_decided_only_where_either_and_both_agree():
    code = _code("icu", ["This measure applies to every provider, save that it does not apply to a large service which is at "
                         "low risk of fraud or of proceeds of crime offences."])
    # large, low risk of fraud but high risk of proceeds of crime: out if "low for either", in if "low for both"
    assert _status(code, users=9_000_000, risks=["proceeds-of-crime=high"]) == "unclear"  # was "exempt"
    assert _status(code, users=9_000_000) == "exempt"
    assert _status(code, users=10) == "applies"


def test_an_inclusive_definition_widens_a_feature_the_code_knows():
    profile = "codes/examples/ico-aadc.toml"
    code = _code(profile, ["(1) This standard applies to a service which provides parental controls. (2) In this standard, "
                           "'parental controls' includes any tool which allows a parent or carer to limit the child's screen "
                           "time, to monitor the child's online activity or to track the child's location."])
    # a service that lets parents limit screen time may be covered: never "exempt" on the feature's name alone
    assert _status(code, profile, kind="online-service", features=["likely-accessed-by-children"]) == "unclear"  # was "exempt"


def test_a_duty_on_the_reader_with_no_condition_read_as_application_text_is_every_service_s():
    # (as an "Application" heading's paragraph, or a clause given alone, is read: the sentence itself says whom)
    profile = "codes/examples/ico-aadc.toml"
    for words in ("You should not process children's personal data in any way that research has shown harms their wellbeing.",
                  "You should not pass children's personal data to others unless you can show a compelling reason for doing so."):
        covered = clause_reading(profile, words)  # was not understood (unclear for every service)
        assert covered(kind="online-service", features=["likely-accessed-by-children"]) is True, words


def test_a_sentence_about_which_content_is_never_an_exemption_of_services():
    # read without its object ("private communications", taken as the content scope), the second sentence said the
    # measure was for no service at all
    code = _code("icu", ["This measure applies to all providers. Where the service is end-to-end encrypted, the provider is "
                         "not expected to apply this measure to private communications."])
    assert _status(code, users=10) == "applies"  # was "exempt"
    assert _status(code, users=10, features=["e2ee", "direct-messaging"]) != "exempt"
    code = _code("icu", ["This measure applies to large services. It does not apply to private messages."])
    assert _status(code, users=9_000_000, features=["direct-messaging"]) != "exempt"  # was "exempt": DMs read as a feature
    code = _code("icu", ["This measure applies to large services. The provider should apply this measure to private messages "
                         "only where it is technically feasible to do so."])
    assert _status(code, users=9_000_000) == "applies"  # was "exempt" without direct messaging


def test_things_on_a_service_the_duty_does_not_reach_are_not_services():
    # "comments" and "user profiles" read as features had exempted every service with them
    for words, status in (("It does not apply to comments.", "applies"), ("It does not apply to user profiles.", "applies"),
                          # encrypted messages are private content: the content scope, so the duty for an end-to-end
                          # encrypted service is qualified by it (the loophole an officer looks for), not lifted
                          ("The measure does not apply to encrypted messages.", "qualified")):
        code = _code("icu", ["This measure applies to large services. " + words])
        assert _status(code, users=9_000_000, features=["commenting", "user-profiles", "direct-messaging", "e2ee"]) == (
            status), words  # was "exempt" for the first two, "unclear" for the third
        assert _status(code, users=10) == "exempt", words
    # private content taken out is the content scope (public content only), not an exemption
    code = _code("icu", ["This measure applies to large services. It does not apply to content in private messages."])
    assert _status(code, users=9_000_000) == "applies"
    assert "public-content" in code.measures[0].applicability.scope
    # (a guard) services named by what they have are still services
    code = _code("icu", ["This measure applies to large services. It does not apply to services with user profiles."])
    assert _status(code, users=9_000_000, features=["user-profiles"]) == "exempt"


def test_the_following_services_listed_after_a_colon():
    code = _code("icu", ["C9.1 This measure applies to providers of the following services: (a) large services that are at "
                         "medium or high risk of image-based CSAM; and (b) file-storage and file-sharing services at high "
                         "risk of image-based CSAM.",
                         "C9.2 This measure applies in relation to content communicated publicly on the service. It does not "
                         "apply in relation to content communicated privately."])
    assert _status(code, users=9_000_000, risks=["csam-image=medium"]) in ("applies", "qualified")  # was "unclear"
    assert _status(code, features=["file-sharing"], risks=["csam-image=high"]) in ("applies", "qualified")
    assert _status(code, users=10, risks=["csam-image=medium"]) == "exempt"
    assert "public-content" in code.measures[0].applicability.scope


def test_a_condition_inside_the_duty_ends_at_its_colon():
    profile = "codes/examples/esafety-industry.toml"
    code = _code(profile, ["A provider of a designated internet service must do the following if the service is a high impact "
                           "DIS: implement age assurance."])
    # "age assurance" is what the provider must do, not a condition on the service
    assert _status(code, profile, kind="designated-internet", features=["high-impact"]) == "applies"  # was "exempt"


def test_providers_of_encrypted_services_not_expected_to_apply_it_to_encrypted_messages_are_still_covered():
    covered = clause_reading("icu", "This measure applies to providers of large services. Providers of services that use "
                                    "end-to-end encryption are not expected to apply this measure to encrypted messages.")
    # which content the duty reaches, not which services: was "exempt" for a large end-to-end encrypted service
    assert covered(users=8_000_000, features=["e2ee", "direct-messaging"]) is True
    assert covered(users=10, features=["e2ee"]) is False


def test_encryption_sentences_beside_a_statement_of_whom_take_no_service_out():
    for words in ("The provider need not apply it to messages that are end-to-end encrypted.",
                  # was "all services": read as the services that should apply the measure, so a small service "applied"
                  "Where messages are end-to-end encrypted, the provider should apply this measure only where "
                  "technically feasible.",
                  "Services are not exempt because their messages are end-to-end encrypted.",
                  "Providers of smaller services may choose to apply it."):
        covered = clause_reading("icu", "This measure applies to providers of large services. " + words)
        assert covered(users=8_000_000, features=["e2ee", "direct-messaging"]) is True, words
        assert covered(users=10, features=["e2ee", "direct-messaging"]) is False, words


def test_encrypted_messages_carved_out_of_the_content_in_the_same_sentence_or_in_the_code_s_own_words():
    covered = clause_reading("pcu", "This measure applies to providers of services that allow direct messaging, except that "
                                    "it does not apply to messages that are end-to-end encrypted.")
    assert covered(features=["direct-messaging", "e2ee"]) is True  # was not understood: unclear for every service
    assert covered() is False
    covered = clause_reading(ESAFETY, "This section applies to a provider of a Tier 1 social media service. It does not apply "
                                      "to messages sent using an end-to-end encrypted messaging feature of the service.")
    assert covered(kind="social-media", features=["tier-1", "e2ee"]) is True
    covered = clause_reading("icu", "This measure applies to providers of large services. It applies in the same way where "
                                    "the service is end-to-end encrypted.")
    assert covered(users=8_000_000, features=["e2ee"]) is True
    assert covered(users=10, features=["e2ee"]) is False


def test_the_condition_first_then_the_exemption_and_an_unless_that_may_give_small_services_back():
    covered = clause_reading("icu", "This measure applies to all providers of user-to-user services. Where the service is "
                                    "end-to-end encrypted, this measure does not apply.")
    assert covered(features=["e2ee"]) is False  # was unclear for every service
    assert covered() is True
    covered = clause_reading("icu", "This measure applies to providers of services which have direct messaging functionality, "
                                    "save for services on which the direct messaging functionality is end-to-end encrypted.")
    assert covered(features=["direct-messaging", "e2ee"]) is False
    assert covered(features=["direct-messaging"]) is True
    covered = clause_reading("icu", "This measure applies to providers of large services. It also applies where a service is "
                                    "at high risk of grooming.")
    assert covered(users=10, risks=["grooming=high"]) is True
    code = _code("icu", ["This measure applies to providers of large services. Small services are not required to apply "
                         "it unless they are at high risk of fraud."])
    # the "unless" may give small services at high risk of fraud the measure back, or only limit the exception
    assert _status(code, users=10, risks=["fraud=high"]) == "unclear"
    assert _status(code, users=10) == "exempt"
    assert _status(code, users=8_000_000) == "applies"
