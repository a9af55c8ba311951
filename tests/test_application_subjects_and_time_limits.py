"""Whom a measure covers when the words naming it sit where the reader did not look: a subject after a condition
("If Australian children can hold accounts on the service, a provider of a social media service must ..."), a
paragraph label written "1)", an exception at the end of a duty with no application sentence, a duty that ends
when a model's weights are released (undecided for those models: writers read it two ways), a general description followed by "namely ...", a subject that is not a
service noun exempting itself, an encouragement beside a duty, and a size word in a code that does not count users.
Each was read as a confident wrong answer (or as every service) before.
"""

from __future__ import annotations

from analyser.evaluate import evaluate
from analyser.profiles import load_profile
from analyser.service import service_from_options
from analyser.vocabulary import vocabulary_for
from clause_reading import clause_reading
from one_measure_code import one_measure_code as _code
from one_measure_code import status_for as _status

ESAFETY = "codes/examples/esafety-industry.toml"
GPAI = "codes/profiles/eu-gpai.toml"
ICO = "codes/examples/ico-aadc.toml"


def test_a_condition_first_then_a_subject_that_names_the_kind():
    covered = clause_reading(ESAFETY, "If children in Australia can hold accounts on the service, a provider of a social "
                                      "media service must make children's profiles private by default.")
    assert covered(kind="social-media", features=["child-accounts"]) is True
    # was covered: the kind in the subject was dropped, so any service with child accounts had the duty
    assert covered(kind="relevant-electronic", features=["child-accounts"]) is False
    assert covered(kind="social-media") is False


def test_a_paragraph_label_with_one_parenthesis_says_nothing_of_whom():
    code = _code(ESAFETY, ["Hosting services: what providers must do",
                           "1) A provider of a hosting service must have terms that let it act against customers who host "
                           "class 1A material.",
                           "2) The provider must act promptly once it knows of such material."])
    assert _status(code, ESAFETY, kind="hosting") == "applies"
    assert _status(code, ESAFETY, kind="social-media") == "exempt"  # was "applies": "1) A provider" not read


def test_an_exception_at_the_end_of_a_duty_with_no_application_sentence():
    code = _code(GPAI, ["Measure 9.9 Outside testing",
                        "To support independent scrutiny, Signatories will give qualified outside testers free access to "
                        "the model, unless the model counts as a similarly safe or safer model."])
    # was "applies" for the very models the exception lets out (the duty named the feature, read as its readers)
    assert _status(code, GPAI, kind="gpai-provider", features=["similarly-safe"]) == "exempt"
    assert _status(code, GPAI, kind="gpai-provider") == "applies"


def test_a_duty_that_ends_when_the_weights_are_released():
    code = _code(GPAI, ["Measure 9.8 Protection of the weights",
                        "Signatories will protect the weights of each of their models against theft.",
                        "That protection is to be kept up for a model until its parameters are published for download or "
                        "the model is retired."])
    # was "applies": the sentence was passed over. Writers read it as leaving open-weight models out and as a limit in
    # time on a duty that covers them, so for those models it is undecided, and for the others it applies
    assert _status(code, GPAI, kind="gpai-provider", features=["open-weights"]) == "unclear"
    assert _status(code, GPAI, kind="gpai-provider") == "applies"
    warnings = code.measures[0].applicability.warnings
    assert any("lasts until" in w and "open weights" in w for w in warnings), warnings
    vocab = vocabulary_for(load_profile(GPAI).services)
    reason = evaluate(code, service_from_options(vocab=vocab, kind="gpai-provider", features=["open-weights"]))[0].reason
    assert "'until'" in reason and "ends in time" in reason, reason  # the officer is told why, in words


def test_a_general_description_then_namely_the_services():
    covered = clause_reading(ESAFETY, "Every industry code registered under these Head Terms applies to the members of the "
                                      "industry section it deals with, namely providers of hosting services and app "
                                      "distribution services.")
    assert covered(kind="hosting") is True
    assert covered(kind="social-media") is False  # was True: "applies to the members ..." read as every service


def test_a_subject_that_is_no_service_noun_exempts_itself():
    code = _code(GPAI, ["SMEs are exempt from this Measure."])
    # was "exempt" for every Signatory that is not an SME: "SMEs and (words not understood)"
    assert _status(code, GPAI, kind="gpai-provider") == "applies"
    assert _status(code, GPAI, kind="gpai-provider", features=["sme"]) == "exempt"


def test_an_encouragement_beside_a_duty_is_not_a_second_group():
    code = _code(GPAI, ["Signatories that employ web crawlers will honour machine-readable opt-outs. Signatories that also "
                        "run an online search engine are encouraged to keep such opt-outs from affecting how content is "
                        "ranked."])
    assert _status(code, GPAI, kind="gpai-provider", features=["search-engine-operator"]) == "exempt"  # was "applies"
    assert _status(code, GPAI, kind="gpai-provider", features=["web-crawler"]) == "applies"


def test_a_size_word_in_a_code_that_does_not_count_users_is_not_understood():
    code = _code(GPAI, ["Smaller Signatories are exempt from this Measure."])
    # was read as Ofcom's "not large" (7 million users or fewer), a size the GPAI code never uses: "exempt" for a
    # Signatory with many users whatever its size as an enterprise
    assert _status(code, GPAI, kind="gpai-provider", users=8_000_000) == "unclear"
    assert _status(code, GPAI, kind="gpai-provider") == "unclear"
    covered = clause_reading("icu", "Smaller services are exempt from this measure.")
    assert covered(users=8_000_000) is True  # Ofcom's codes do count users: "smaller" still means not large


def test_sharing_with_other_parts_of_the_organisation_is_intra_group_sharing():
    covered = clause_reading(ICO, "This standard applies if you share children's personal data with other parts of your "
                                  "organisation.")
    assert covered(features=["intra-group-sharing"]) is True
    assert covered(features=["data-sharing"]) is False


def test_online_file_storage_is_end_user_managed_hosting():
    covered = clause_reading(ESAFETY, "This section applies to a provider of an online file storage service that is a "
                                      "designated internet service.")
    assert covered(kind="designated-internet", features=["end-user-managed-hosting"]) is True
    assert covered(kind="designated-internet") is False


def test_a_duty_whose_subject_narrows_its_reader_is_never_every_service():
    # no application sentence: the services named in the duty's subject are whom it is for, read or unclear
    tiered = _code(ESAFETY, ["Part 4 Obligations for providers",
                             "MCM 7. A provider of a relevant electronic service that eSafety has placed in its highest risk "
                             "band must scan uploaded files for known abuse material."])
    assert _status(tiered, ESAFETY, kind="relevant-electronic") == "unclear"  # had "applies": every service's duty
    read = _code(ESAFETY, ["MCM 8. A provider of a social media service must publish its safety policies."])
    assert _status(read, ESAFETY, kind="social-media") == "applies"
    assert _status(read, ESAFETY, kind="hosting") == "exempt"
    defined = _code("icu", ["K2.1 In this measure, a 'large service' has the meaning given in paragraph 4.7.",
                            "K2.2 A large service that awards a verified tick to well-known accounts should explain how "
                            "the tick is earned."])
    assert _status(defined, users=10_000) == "unclear"
    # a bare reader, or one the whole code covers, stays every service's
    bare = _code(ICO, ["Each service in scope should record how it weighs a child's interests."])
    assert _status(bare, ICO, kind="online-service", features=["likely-accessed-by-children"]) == "applies"


def test_a_chapter_that_does_not_bind_some_models_is_not_a_duty_naming_features():
    code = _code(GPAI, ["Copyright Chapter: who it binds",
                        "The Commitments of this Chapter do not bind a Signatory as regards a model that it releases under "
                        "a free and open-source licence, unless the model has systemic risk."])
    # had been read as a duty for every model, or for those with the licence, so an open model was covered; then left
    # unclear; now read: "does not bind ... as regards a model ..." leaves those models out, and the "unless" gives back
    assert _status(code, GPAI, kind="gpai-provider", features=["open-source-licence"]) == "exempt"
    assert _status(code, GPAI, kind="gpai-provider", features=["open-source-licence", "systemic-risk"]) == "applies"
    assert _status(code, GPAI, kind="gpai-provider") == "applies"


def test_releases_said_in_other_ways_leave_those_services_out():
    # "That access is not required if ...": part of the duty released on a condition on the model
    access = _code(GPAI, ["Signatories will give outside evaluators free access to the model.",
                          "Such access is not required where the model qualifies as a similarly safe or safer model in "
                          "relation to the systemic risk concerned."])
    assert _status(access, GPAI, kind="gpai-provider", features=["similarly-safe"]) == "exempt"  # had "applies"
    assert _status(access, GPAI, kind="gpai-provider") == "applies"
    # "... is to be treated as falling outside this measure"
    outside = _code("pcu", ["B9.1 This measure applies to all services with direct messaging.",
                            "B9.2 A service whose terms prohibit users under 18 is to be treated as falling outside this "
                            "measure."])
    kids = ["likely-accessed-by-children", "direct-messaging"]
    assert _status(outside, "pcu", features=[*kids, "prohibits-under-18"]) == "exempt"
    assert _status(outside, "pcu", features=kids) == "applies"
    # "... is not excepted by subsection (1)": given back from the exception
    back = _code(ESAFETY, ["(1) This section applies to a provider of a relevant electronic service, other than a service "
                           "that uses encryption.",
                           "(2) However, a dating service that uses encryption is not excepted by subsection (1)."])
    assert _status(back, ESAFETY, kind="relevant-electronic", features=["dating", "encryption"]) == "applies"
    assert _status(back, ESAFETY, kind="relevant-electronic", features=["encryption"]) == "exempt"


def test_a_not_before_a_list_joined_by_or_reaches_every_item():
    covered = clause_reading("icu", "This measure applies to services that do not allow users to post content or to send "
                                    "messages to other users.")
    assert covered(features=["direct-messaging"]) is False  # had been covered: the "not" stopped at the first item
    assert covered() is True


def test_the_last_items_sentence_going_on_in_its_own_paragraph_is_read():
    code = _code("icu", ["J1.1 This measure applies to providers of services that are:", "(a) at high risk of grooming; or",
                         "(b) large and at medium risk of grooming,",
                         "and that, in either case, have user profiles and let users send direct messages to each other."])
    # had applied to a service at high risk of grooming with no profiles: the closing paragraph was passed over
    assert _status(code, risks=["grooming=high"]) != "applies"


def test_words_after_the_class_that_point_back_or_name_the_tiers_material():
    models = clause_reading(GPAI, "This Chapter applies to Signatories that provide general-purpose AI models with systemic risk, "
                                  "in respect of those models.")
    assert models(kind="gpai-provider") is False  # "those models" had been a further group: every model
    assert models(kind="gpai-provider", features=["systemic-risk"]) is True
    # the material a tier is for, in brackets, is never passed over as a gloss
    tier = _code(ESAFETY, ["This section applies to a provider of a Tier 1 social media service (online pornography)."])
    assert _status(tier, ESAFETY, kind="social-media", features=["tier-1"]) == "unclear"
    only = _code(ESAFETY, ["This section applies to a provider of a Tier 1 social media service (large services only)."])
    assert _status(only, ESAFETY, kind="social-media", features=["tier-1"]) == "unclear"


def test_a_duty_that_names_a_feature_beside_words_that_leave_services_out_is_unclear():
    code = _code(ICO, ["9. Connected devices", "Anyone who supplies a connected toy should build in tools so that it meets this code.",
                       "If the toy collects data only through an app, apply this code to the app instead; the device-level "
                       "expectations in this standard do not apply."])
    assert _status(code, ICO, kind="online-service", features=["likely-accessed-by-children", "connected-toy"]) == "unclear"
    # a qualifier of the duty ("unless you can show a compelling reason") leaves nobody out
    geo = _code(ICO, ["10. Geolocation", "Switch geolocation options off by default, unless you can show a compelling reason."])
    assert _status(geo, ICO, kind="online-service", features=["likely-accessed-by-children", "geolocation"]) == "applies"


def test_other_services_left_out_restate_only_and_never_take_out_everyone():
    other = clause_reading("icu", "This measure applies to large services. It does not apply to other services.")
    assert other(users=8_000_000) is True  # had been exempt: "other services" read as every service taken out
    assert other(users=8_000) is False
    vertical = clause_reading("ics", "This measure applies to large search services. It does not apply to any other vertical "
                                     "search service.")
    assert vertical(kind="search/vertical", users=8_000_000) is True
    rest = _code("icu", ["This measure applies to large services. It does not apply to the remaining services."])
    assert _status(rest, users=8_000_000) == "unclear"  # "the remaining services": not understood, never everyone


def test_a_condition_first_then_part_of_the_duty_not_needed():
    code = _code(GPAI, ["Signatories will have the model evaluated by outside experts.",
                        "Where the model is a similarly safe or safer model, outside evaluation is not needed."])
    assert _status(code, GPAI, kind="gpai-provider", features=["similarly-safe"]) == "exempt"  # had "applies"
    assert _status(code, GPAI, kind="gpai-provider") == "applies"


def test_other_services_named_with_nothing_that_says_which_are_never_every_service():
    code = _code(ESAFETY, ["MCM 9. A provider of a social media service must answer complaints within a week.",
                           "Providers of other services should consider doing the same."])
    assert _status(code, ESAFETY, kind="social-media") == "applies"
    assert _status(code, ESAFETY, kind="hosting") == "unclear"  # had "applies": "other services" read as every service
    # "other than" is an exception, and "other services that ..." says which
    kept = _code(ESAFETY, ["This section applies to providers of relevant electronic services, other than enterprise services."])
    assert _status(kept, ESAFETY, kind="relevant-electronic") == "applies"


def test_a_duty_that_lasts_as_long_as_the_weights_are_not_published():
    code = _code(GPAI, ["Signatories will keep security mitigations in place for a model for as long as its weights have been "
                        "neither published for download nor securely deleted."])
    # had been "applies" for an open-weights model: the end of the duty, said with "as long as ... not", was passed over
    assert _status(code, GPAI, kind="gpai-provider", features=["open-weights"]) == "unclear"
    assert _status(code, GPAI, kind="gpai-provider") == "applies"


def test_a_duty_subject_that_narrows_beside_application_text_that_only_leaves_services_out():
    code = _code(GPAI, ["Measure 7.4 Summaries",
                        "Signatories with a model with systemic risk will publish a summary of its Model Report.",
                        "Publication is not needed for a model that is treated as similarly safe or safer."])
    assert _status(code, GPAI, kind="gpai-provider", features=["systemic-risk"]) == "applies"
    assert _status(code, GPAI, kind="gpai-provider", features=["systemic-risk", "similarly-safe"]) == "exempt"
    assert _status(code, GPAI, kind="gpai-provider") == "exempt"  # the subject's narrowing is kept beside the exception
