"""Limb labels, quantified lists, repeated "to providers of", back-references and broken words.

Each of these gave a confident answer that a careful reader would not give:

- "(i) large or at risk of any harm, and (ii) likely to be accessed by children": "(ii)" was taken for an
  abbreviation such as "(CSEA)" and dropped, so the limbs ran together and every large service was covered.
- "one or more of the following functionalities: user profiles; user connections; direct messaging": the list
  was read as all three, so a service with direct messaging alone was exempt.
- "to providers of large services and to providers of services that have livestreaming ...": the second
  "to providers of" was read as a second predicate of the first group (both), not a second group (either).
- "providers of large services, in respect of that service": "that service" was read as a further group of all
  services, so every small service was covered.

And some wordings that were left unclear though the words are plain: "Who this applies to:", a word broken by a
space at a line end ("exploi tation"), "whose latest risk assessment found it to be at ...", "where its service
is ...".
"""

from __future__ import annotations

from analyser.application_rewrites import rejoin_broken_words
from analyser.conditions import parse_application
from analyser.profiles import load_profile
from analyser.service import service_from_options
from analyser.truth import truth
from analyser.vocabulary import vocabulary_for
from clause_reading import clause_reading as _reading


ICO = "codes/examples/ico-aadc.toml"
ESAFETY = "codes/examples/esafety-industry.toml"




def test_roman_limb_labels_keep_the_limbs_apart():
    covered = _reading("icu", "This measure applies to providers of services that (i) are large or at medium or high "
                              "risk of any kind of illegal harm, and (ii) are likely to be accessed by children.")
    assert covered(users=8_000_000) is False  # large, but not likely to be accessed by children
    assert covered(users=8_000_000, features=["likely-accessed-by-children"]) is True
    assert covered(risks=["fraud=medium"], features=["likely-accessed-by-children"]) is True
    assert covered(features=["likely-accessed-by-children"]) is False


def test_an_abbreviation_in_brackets_is_still_a_name_for_what_came_before():
    covered = _reading("icu", "This measure applies to providers of services at high risk of child sexual "
                              "exploitation and abuse (CSEA).")
    assert covered(risks=["grooming=high"]) is True
    assert covered(risks=["fraud=high"]) is False


def test_one_or_more_of_the_following_makes_the_list_a_choice():
    for listed in ("one or more of the following functionalities: user profiles; user connections; direct messaging",
                   "any of the following: user profiles, user connections and direct messaging"):
        covered = _reading("icu", f"This measure applies to providers of services that have {listed}.")
        assert covered(features=["direct-messaging"]) is True, listed
        assert covered(features=["user-profiles"]) is True, listed
        assert covered(features=["livestreaming"]) is False, listed


def test_a_list_with_no_quantifier_still_means_all_of_it():
    covered = _reading("icu", "This measure applies to providers of services that have user profiles and direct "
                              "messaging.")
    assert covered(features=["direct-messaging"]) is False
    assert covered(features=["direct-messaging", "user-profiles"]) is True


def test_to_providers_of_said_again_names_a_second_group():
    covered = _reading("icu", "This measure applies to providers of large services and to providers of services "
                              "that have livestreaming functionality and are at medium or high risk of terrorism.")
    assert covered(users=8_000_000) is True
    assert covered(features=["livestreaming"], risks=["terrorism=medium"]) is True
    assert covered(features=["livestreaming"]) is False


def test_in_respect_of_that_service_points_back_and_adds_no_services():
    for text in ("This measure applies to providers of large services, in respect of that service.",
                 "Who this applies to: the provider of a large service, in respect of that service."):
        covered = _reading("icu", text)
        assert covered(users=8_000_000) is True, text
        assert covered(users=1_000) is False, text


def test_a_word_broken_by_a_space_is_joined_only_into_a_word_the_code_uses():
    known = frozenset({"exploitation", "sexual", "child", "any", "one", "in", "to"})
    assert rejoin_broken_words("child sexual exploi tation", known) == "child sexual exploitation"
    # two real words are never run together, whatever they would make
    assert rejoin_broken_words("any one of them", known | {"anyone"}) == "any one of them"
    assert rejoin_broken_words("log in to", known | {"into"}) == "log in to"
    covered = _reading("icu", "This mea sure applies to a provider where the service is at high risk of child "
                              "sexual exploi tation and abuse.")
    assert covered(risks=["csam-url=high"]) is True
    assert covered(risks=["fraud=high"]) is False


def test_what_the_risk_assessment_found_is_the_services_level():
    covered = _reading("icu", "This measure applies to the provider of a service that is large, and to the provider "
                              "of a service whose latest illegal content risk assessment found it to be at medium or "
                              "high risk of any kind of illegal harm.")
    assert covered(users=8_000_000) is True
    assert covered(risks=["fraud=medium"]) is True
    assert covered(risks=["fraud=low"]) is False


def test_where_its_service_is_reads_as_where_the_service_is():
    covered = _reading("icu", "A provider should apply this measure where its service is multi-risk and has more "
                              "than 7 million monthly active UK users.")
    assert covered(users=8_000_000, risks=["fraud=medium", "hate=medium"]) is True
    assert covered(users=8_000_000, risks=["fraud=medium"]) is False


def test_either_of_the_following_conditions_is_a_choice_and_both_is_not():
    either = _reading("icu", "This measure applies to a provider of a service that meets either of the following "
                             "conditions: (1) it is large; (2) it is multi-risk.")
    assert either(users=8_000_000) is True  # once read as both
    assert either(risks=["fraud=medium", "hate=medium"]) is True
    assert either(users=1_000) is False
    both = _reading("icu", "This measure applies to a provider of a service that meets both of the following "
                           "conditions: (1) it is large; (2) it is multi-risk.")
    assert both(users=8_000_000) is False
    assert both(users=8_000_000, risks=["fraud=medium", "hate=medium"]) is True


def test_a_condition_on_the_service_after_the_duty_needs_no_comma():
    # once dropped: every service was covered
    for text in ("Each provider should use hash matching where the service has livestreaming.",
                 "Providers should use hash matching to the extent that the service offers livestreaming.",
                 "Each provider should use hash matching for so long as the service has livestreaming."):
        covered = _reading("icu", text)
        assert covered(features=["livestreaming"]) is True, text
        assert covered() is False, text
    # a qualifier of the duty is still no condition on whom
    assert _reading("icu", "Providers should use hash matching, to the extent that it is technically feasible.")() is True


def test_a_term_defined_in_the_clause_is_read_as_its_definition():
    covered = _reading("icu", "In this measure, 'relevant service' means a service that is large. Providers of "
                              "relevant services should name a person accountable.")
    assert covered(users=8_000_000) is True
    assert covered(users=1_000) is False  # once "all services": "relevant" is a word of no meaning to the grammar


def test_a_definition_of_services_that_nothing_uses_leaves_the_clause_unclear():
    prof = load_profile("icu")
    vocab = vocabulary_for(prof.services)
    app = parse_application("In this measure, 'relevant service' means a service that is large. Each provider "
                            "should name a person accountable.", prof.kind, vocab, prof.measure_id_pattern,
                            prof.application_intros)
    assert truth(app.condition, service_from_options(vocab=vocab, users=1_000), vocab) is None


def test_in_the_case_of_names_the_services_first():
    covered = _reading("ics", "In the case of large services, this measure applies only where the service is a "
                              "general search service.")
    assert covered(kind="search/general", users=8_000_000) is True
    assert covered(kind="search/vertical", users=8_000_000) is False
    # the sentence says nothing of services that are not large: an independent writer read them as covered
    # (dev14's "In the case of a vertical search service, ... only if ..."), so they are undecided, not exempt
    assert covered(kind="search/general", users=1_000) is None
    released = _reading("ics", "This measure applies to all services. In the case of vertical search services, this "
                               "measure does not apply.")
    assert released(kind="search/vertical") is False
    assert released(kind="search/general") is True


def test_a_user_count_named_before_its_comparison():
    for text in ("This measure applies to providers of services whose user numbers exceed 7m.",
                 "This measure applies to services where the number of monthly active UK users exceeds 7 million."):
        covered = _reading("icu", text)
        assert covered(users=8_000_000) is True, text
        assert covered(users=6_000_000) is False, text


def test_a_recommendation_label_before_the_duty_is_no_words_of_scope():
    covered = _reading("icu", "Recommendation: Providers of large services should name a person accountable.")
    assert covered(users=8_000_000) is True
    assert covered(users=1_000) is False


def test_a_restatement_after_that_is_is_a_second_reading_of_the_same_services():
    covered = _reading("pcu", "This measure applies to providers of services that allow pornographic content, that is, "
                              "services whose terms of service do not prohibit it.")
    assert covered(features=["allows-pornography"]) is True
    assert covered() is False
    # the two readings part: decided only where they agree
    both = _reading("icu", "This measure applies to providers of large services, that is, services with more than "
                           "700,000 monthly active UK users.")
    assert both(users=8_000_000) is True
    assert both(users=100_000) is False
    assert both(users=800_000) is None


def test_a_sentence_that_the_measure_applies_whatever_says_nothing_of_whom():
    covered = _reading("ics", "This measure applies to search services at medium or high risk of fraud. It applies in "
                              "the same way whether or not the service is large.")
    assert covered(risks=["fraud=medium"]) is True
    assert covered(users=8_000_000) is False
    every = _reading(ICO, "Treat the child's best interests as a primary consideration in designing and developing "
                            "your service. This applies whatever the size of your organisation.")
    assert every() is True


def test_a_heading_run_into_an_imperative_is_no_words_of_scope():
    covered = _reading(ICO, "Transparency and clear language: Tell children what you do with their data in words "
                            "they understand.")
    assert covered() is True
    # a label that names services is never taken for a heading
    prof = load_profile("icu")
    vocab = vocabulary_for(prof.services)
    app = parse_application("Providers of large services: this measure applies in full.", prof.kind, vocab,
                            prof.measure_id_pattern, prof.application_intros)
    assert truth(app.condition, service_from_options(vocab=vocab, users=1_000), vocab) is not True


def test_a_running_header_inside_a_sentence_is_read_through():
    covered = _reading("icu", "This measure applies to user-to-user services that are neither large nor 46 Illegal "
                              "content Codes of Practice for user-to-user services multi-risk.")
    assert covered() is True
    assert covered(users=8_000_000) is False
    # the code named in a sentence, with no page number, is the code's own scope, not a header
    assert _reading("icu", "This measure applies to every service to which this Code of Practice applies.")() is True


def test_a_reading_no_one_service_could_match_is_left_unclear():
    # "high impact" is a feature of designated internet services in the eSafety profile: a hosting service that
    # *is* high impact is no service at all (read so, "hosting service that hosts high impact services" once
    # exempted every hosting service that hosts one, before the profile knew that wording)
    prof = load_profile(ESAFETY)
    vocab = vocabulary_for(prof.services)
    app = parse_application("A provider of a hosting service that is a high impact service must notify eSafety.",
                            prof.kind, vocab, prof.measure_id_pattern, prof.application_intros)
    hosting = service_from_options(kind="hosting", vocab=vocab)
    assert truth(app.condition, hosting, vocab) is None
    # a service of another kind is outside on any reading
    assert truth(app.condition, service_from_options(kind="social-media", vocab=vocab), vocab) is False
    # a feature of the kind named is no contradiction
    covered = _reading(ESAFETY, "A provider of a hosting service that hosts a Tier 1 social media service must notify "
                                "eSafety.")
    assert covered(kind="hosting", features=["hosts-tier-1-social-media"]) is True
    assert covered(kind="hosting") is False


def test_an_exclusive_group_naming_no_feature_is_one_line_naming_the_profile(tmp_path):
    bad = tmp_path / "tiers.toml"
    bad.write_text(open(ESAFETY, encoding="utf-8").read().replace(
        '["tier-1", "tier-2", "tier-3"]', '["tier-1", "tier-9"]'), encoding="utf-8")
    import subprocess
    import sys
    run = subprocess.run([sys.executable, "-m", "analyser", "extract", "codes/sample/icu-sample.pdf", "--profile", str(bad),
                          "--no-cache"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "tiers.toml" in lines[0] and "tier-9" in lines[0], run.stderr


def test_the_provider_of_the_service_as_the_subject_after_a_condition_on_the_service():
    covered = _reading(ESAFETY, "If the service uses encryption, the provider of the service should take reasonable "
                                "steps to detect material.")
    assert covered(kind="social-media", features=["encryption"]) is True
    assert covered(kind="social-media") is False
    # "the provider of the service will ..." is the formula of eSafety's Basic Online Safety Expectations, which
    # cover some sections only: the generic rule leaves it (a profile without the formula's own opening reads it
    # unclear), and the example eSafety profile says which sections (test below)
    prof = load_profile(ICO)
    vocab = vocabulary_for(prof.services)
    app = parse_application("If the service uses geolocation, the provider of the service will take reasonable steps "
                            "to protect children.", prof.kind, vocab, prof.measure_id_pattern, prof.application_intros)
    assert truth(app.condition, service_from_options(vocab=vocab), vocab) is None


def test_the_services_terms_and_the_age_of_18_in_other_words():
    covered = _reading("icu", "This measure applies to providers of services at medium or high risk of grooming, unless "
                              "the service's terms of service prohibit users under the age of 18 and the provider uses "
                              "highly effective age assurance.")
    assert covered(risks=["grooming=medium"]) is True
    assert covered(risks=["grooming=medium"], features=["prohibits-under-18", "age-assurance"]) is False


def test_an_exception_in_each_case_is_the_whole_clauses():
    covered = _reading("icu", "This measure applies to providers of large services and of multi-risk services, in each "
                              "case other than file-storage and file-sharing services.")
    assert covered(users=8_000_000) is True
    assert covered(risks=["fraud=medium", "hate=medium"], features=["file-sharing"]) is False
    assert covered(users=8_000_000, features=["file-sharing"]) is False


def test_where_the_levels_are_set_out_says_nothing_of_whom():
    covered = _reading("icu", "This measure applies to providers of services that are assessed as low risk for every "
                              "kind of illegal harm in the Register of Risks and that have 7 million or fewer monthly "
                              "active UK users.")
    assert covered(users=1_000) is True
    assert covered(users=8_000_000) is False
    assert covered(risks=["fraud=medium"]) is False


def test_words_that_affirm_or_stress_the_scope_never_leave_it_unclear():
    for text in ("This standard applies to you whatever your size, and whether or not your service is aimed at children.",
                 "Whatever type of online service you provide, this standard applies to you.",
                 "Small organisations are not exempt: this standard applies to organisations of every size.",
                 "This standard applies to all services covered by the code, but it is particularly relevant if your "
                 "service has several distinct elements.",
                 "Do not disclose children's data unless you can demonstrate a compelling reason to do so, taking "
                 "account of the best interests of the child."):
        assert _reading(ICO, text)() is True, text
    # an "unless" that is a condition on the service still is one
    covered = _reading(ICO, "If you profile children, do not share the profiles unless the child's parent agrees.")
    assert covered() is False


def test_a_condition_on_the_model_or_on_signatories_before_the_duty():
    gpai = "codes/profiles/eu-gpai.toml"
    for text in ("Where a model is a general-purpose AI model with systemic risk, Signatories will assess and mitigate "
                 "systemic risks.",
                 "If Signatories provide a general-purpose AI model with systemic risk, they will report serious "
                 "incidents."):
        covered = _reading(gpai, text)
        assert covered(kind="gpai-provider", features=["systemic-risk"]) is True, text
        assert covered(kind="gpai-provider") is False, text


def test_a_kind_named_after_being_or_that_is_is_the_services_own():
    for text in ("This measure applies to providers of a gaming service with communications functionality, being a "
                 "relevant electronic service.",
                 "This measure applies to providers of a gaming service with communications functionality that is a "
                 "relevant electronic service."):
        covered = _reading(ESAFETY, text)
        assert covered(kind="relevant-electronic", features=["gaming-chat"]) is True, text
        assert covered(kind="relevant-electronic") is False, text
        assert covered(kind="social-media", features=["gaming-chat"]) is False, text


def test_where_the_details_are_set_out_says_nothing_of_whom():
    covered = _reading("codes/profiles/eu-gpai.toml", "Signatories providing general-purpose AI models with systemic "
                                                      "risk will report serious incidents pursuant to Appendix 2.2.")
    assert covered(kind="gpai-provider", features=["systemic-risk"]) is True
    assert covered(kind="gpai-provider") is False


def test_a_hyphen_broken_inside_a_compound_keeps_the_compound():
    from analyser.application_text import clean_artefacts

    assert clean_artefacts("the model's chains-of- thought") == "the model's chains-of-thought"
    assert clean_artefacts("fea- tures and image- based") == "features and image-based"


def test_a_comma_list_read_as_either_is_a_choice_of_every_item():
    covered = _reading(ICO, "This standard applies to online games, social media platforms and video streaming "
                            "services that use features designed to extend engagement.")
    # once read as "(games and platforms) or streaming" when taken as "either": a game alone was exempt
    assert covered(features=["online-game", "engagement-features"]) is not False
    assert covered(features=["online-game", "social-media-platform", "streaming", "engagement-features"]) is True
    assert covered(features=["engagement-features"]) is False


def test_an_instruction_that_names_a_feature_is_decided_only_for_services_that_have_it():
    covered = _reading(ICO, "Switch geolocation options off by default, unless you can demonstrate a compelling reason "
                            "for geolocation to be switched on by default.")
    assert covered(features=["geolocation"]) is True
    assert covered() is None  # every service's duty, or only one with geolocation: writers read it both ways
    # a prohibition is everyone's
    assert _reading(ICO, "Do not use nudge techniques to lead children to weaken their privacy.")() is True


def test_where_the_risk_assessment_sets_it_out_and_qualifiers_say_nothing_of_whom():
    for text in ("This measure applies to providers of services that have identified a medium or high risk of fraud in "
                 "section 3 of their illegal content risk assessment.",
                 "This measure applies to providers of services whose risk assessment (see section 4) identifies a "
                 "medium or high risk of fraud."):
        covered = _reading("icu", text)
        assert covered(risks=["fraud=medium"]) is True, text
        assert covered(risks=["fraud=low"]) is False, text
    for text in ("This measure applies to large services if it is technically feasible.",
                 "This measure applies to providers of large services where it is appropriate to do so."):
        covered = _reading("icu", text)
        assert covered(users=8_000_000) is True, text
        assert covered(users=1_000) is False, text


def test_numbered_conditions_on_it_after_if():
    covered = _reading("icu", "This measure applies to a service if (1) it is large, and (2) it has livestreaming.")
    assert covered(users=8_000_000, features=["livestreaming"]) is True
    assert covered(users=8_000_000) is False


def test_an_opening_that_names_services_by_itself_reads_them_from_the_profile(tmp_path):
    # eSafety's "The provider of the service will ..." is the Basic Online Safety Expectations' formula: the
    # example profile says, as data, which sections that covers (once every section, hosting included)
    covered = _reading(ESAFETY, "The provider of the service will take reasonable steps to ensure that end-users are "
                                "able to use the service in a safe manner.")
    assert covered(kind="social-media") is True
    assert covered(kind="designated-internet") is True
    assert covered(kind="hosting") is False
    conditional = _reading(ESAFETY, "If the service uses encryption, the provider of the service will take reasonable "
                                    "steps to detect material.")
    assert conditional(kind="relevant-electronic", features=["encryption"]) is True
    assert conditional(kind="relevant-electronic") is False
    assert conditional(kind="hosting", features=["encryption"]) is False
    # beside a sentence that states whom, the formula is the duty's subject, not a second scope
    stated = _reading(ESAFETY, "This section applies to providers of hosting services. The provider of the service "
                               "will take reasonable steps to act on reports.")
    assert stated(kind="hosting") is True
    assert stated(kind="social-media") is False
    # a profile whose "reads" is not words is one line naming it
    bad = tmp_path / "reads.toml"
    bad.write_text(open(ESAFETY, encoding="utf-8").read().replace(
        'reads = "social media services, relevant electronic services and designated internet services"', "reads = 3", 1),
        encoding="utf-8")
    import subprocess
    import sys
    run = subprocess.run([sys.executable, "-m", "analyser", "extract", "codes/sample/icu-sample.pdf", "--profile", str(bad),
                          "--no-cache"], capture_output=True, text=True, timeout=120)
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert run.returncode == 2 and len(lines) == 1 and "reads.toml" in lines[0] and "reads" in lines[0], run.stderr
