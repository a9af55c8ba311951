"""Exceptions and items the reader had got confidently wrong: an exception with no comma straight after "apply this
measure", a "does not, however, apply" paragraph, an exception without "unless" that gave services back all the same,
items nested in items ("(b) either (i) ... or (ii) ..."), a list of the industry's sections after "each of the
following", a limit of the duty read as an exemption ("is not required to review ... to comply with this measure"),
"the exception in the preceding paragraph does not extend to ...", and a clause after a group set off by commas; then
releases in other words ("may choose not to apply", "are not bound by it", "Note: ... are excluded", "It is
disapplied in respect of", "You need not follow this standard if", "need not follow this Measure for a model that"),
a feature the service "has no" of, a give-back said again ("in which case it applies") and a deeming out of a class;
and later paragraphs (an "Exemption" heading, "may choose not to do so", "Where the service is ..., the provider is not
required to do this", "need only do so where", models "released under ..." exempt, "exempt from subsection (1)").
"""

from __future__ import annotations

from analyser.models import Code
from clause_reading import clause_reading
from one_measure_code import one_measure_code as _code
from one_measure_code import status_for as _status

ESAFETY = "codes/examples/esafety-industry.toml"
GPAI = "codes/profiles/eu-gpai.toml"


def test_an_exception_with_no_comma_after_the_duty():
    covered = clause_reading("icu", "All providers should apply this measure unless their service is low risk and is not a "
                                    "large service.")
    assert covered(users=1_000) is False  # low risk and small: let out (had been covered: the exception was passed over)
    assert covered(users=10_000_000) is True
    assert covered(users=1_000, risks=["fraud=medium"]) is True


def test_does_not_however_apply_in_a_later_paragraph():
    code = _code("ics", ["This measure applies to providers of multi-risk search services.",
                         "It does not, however, apply to a vertical search service with 700,000 or fewer monthly active UK users.",
                         "The provider should review its search moderation policies each year."])
    multi = ["fraud=medium", "hate=medium"]
    assert _status(code, "ics", kind="search/vertical", users=1_000, risks=multi) == "exempt"  # had been "applies"
    assert _status(code, "ics", kind="search/vertical", users=1_000_000, risks=multi) == "applies"
    # no "unless" in the exception: a large vertical service that is not multi-risk is not given the measure
    assert _status(code, "ics", kind="search/vertical", users=1_000_000) == "exempt"


def test_items_nested_in_an_item_keep_their_either():
    covered = clause_reading("icu", "Where a service (a) lets users connect with each other; and (b) either (i) is large, or (ii) "
                                    "is at high risk of grooming or of harassment, its provider should apply this measure.")
    # had been "(connections and large) or grooming or harassment": a service with no connections was covered
    assert covered(users=1_000, risks=["grooming=high"]) is False
    assert covered(users=1_000, features=["user-connections"], risks=["harassment=high"]) is True
    assert covered(users=10_000_000, features=["user-connections"]) is True
    assert covered(users=10_000_000) is False


def test_each_of_the_following_sections_of_the_industry():
    code = _code(ESAFETY, ["These Head Terms apply to each of the following sections of the online industry: hosting "
                           "services; app distribution services; equipment providers.",
                           "They are read together with the code for each section."])
    assert _status(code, ESAFETY, kind="hosting") == "applies"
    assert _status(code, ESAFETY, kind="equipment") == "applies"
    assert _status(code, ESAFETY, kind="social-media") == "exempt"  # had been "applies" (no application text found)


def test_what_compliance_does_not_call_for_lets_nobody_out():
    code = _code(ESAFETY, ["(1) This measure applies to a provider of a relevant electronic service.",
                           "(2) A provider of a closed communication service is not required to inspect the content of "
                           "messages in order to comply with this measure."])
    assert _status(code, ESAFETY, kind="relevant-electronic", features=["closed-communication"]) == "applies"  # had been "exempt"
    released = _code(ESAFETY, ["(1) This measure applies to a provider of a relevant electronic service.",
                               "(2) A provider of a closed communication service is not required to comply with this measure."])
    assert _status(released, ESAFETY, kind="relevant-electronic", features=["closed-communication"]) == "exempt"


def test_the_exception_in_the_preceding_paragraph_does_not_extend_to():
    code = _code(GPAI, ["Signatories will document each of their models, save for models released under a free and "
                        "open-source licence whose weights are made publicly available.",
                        "The exception in the preceding paragraph does not extend to a model with systemic risk."])
    open_model = ["open-source-licence", "open-weights"]
    assert _status(code, GPAI, kind="gpai-provider", features=open_model) == "exempt"
    assert _status(code, GPAI, kind="gpai-provider", features=[*open_model, "systemic-risk"]) == "applies"  # had been "exempt"


def test_a_clause_after_a_group_set_off_by_commas_may_be_for_both():
    code = _code("icu", ["This measure applies to providers of large services, and services at high risk of hate, which "
                         "offer direct messaging.",
                         "The provider should let users block others."])
    assert _status(code, "icu", users=10_000_000, features=["direct-messaging"]) == "applies"
    assert _status(code, "icu", users=1_000, risks=["hate=high"]) == "exempt"
    # had been "applies": the last clause read for the second group only; "unclear" names both readings
    assert _status(code, "icu", users=10_000_000) == "unclear"
    # the same with no comma before "and": a closing "where the service ..." may be for both groups
    where = _code("icu", ["This measure applies to providers of large services and services at high risk of hate, where the "
                          "service offers direct messaging.", "The provider should let users block others."])
    assert _status(where, "icu", users=10_000_000, features=["direct-messaging"]) == "applies"
    assert _status(where, "icu", users=1_000, risks=["hate=high"]) == "exempt"
    assert _status(where, "icu", users=10_000_000) == "unclear"  # had been "applies"


def test_releases_in_other_words_let_services_out():
    # each had been a confident "applies" for the services it lets out
    chooses = clause_reading("icu", "This measure applies to all services. Providers of small low-risk services may choose "
                                    "not to apply this measure.")
    assert chooses(users=1_000) is False
    assert chooses(users=1_000, risks=["fraud=high"]) is True
    bound = clause_reading("icu", "This measure applies to large services. Services whose direct messages are end-to-end "
                                  "encrypted are not bound by it.")
    assert bound(users=10_000_000, features=["direct-messaging", "e2ee"]) is False
    assert bound(users=10_000_000) is True
    noted = clause_reading("icu", "This measure applies to large services. Note: end-to-end encrypted services are excluded "
                                  "from this measure.")
    assert noted(users=10_000_000, features=["direct-messaging", "e2ee"]) is False
    disapplied = clause_reading("icu", "This measure applies to large services. It is disapplied in respect of services whose "
                                       "direct messages are end-to-end encrypted.")
    assert disapplied(users=10_000_000, features=["direct-messaging", "e2ee"]) is False
    not_recommended = clause_reading("ics", "This measure applies to large general search services. It is not recommended for "
                                            "vertical search services.")
    assert not_recommended(kind="search/general", users=10_000_000) is True


def test_a_release_for_the_models_it_names():
    covered = clause_reading(GPAI, "Signatories need not follow this Measure for a model that is not a model with systemic risk.")
    assert covered(kind="gpai-provider", features=["systemic-risk"]) is True  # had been "not all services": nobody
    assert covered(kind="gpai-provider") is False


def test_you_need_not_follow_this_standard_if():
    covered = clause_reading("codes/examples/ico-aadc.toml", "You need not follow this standard if your service does not use "
                                                             "nudge techniques.")
    assert covered(features=["likely-accessed-by-children", "nudge-techniques"]) is True
    assert covered(features=["likely-accessed-by-children"]) is False


def test_a_feature_the_service_has_none_of():
    covered = clause_reading("icu", "This measure applies to all services, except services that have no direct messaging "
                                    "functionality.")
    assert covered(features=["direct-messaging"]) is True
    assert covered() is False
    # ("no more than" is a number, not an absent feature)
    assert clause_reading("icu", "This measure applies to services with no more than 700,000 monthly active UK users.")(
        users=1_000) is True


def test_a_give_back_said_again_after_in_which_case():
    covered = clause_reading("icu", "This measure applies to services with direct messaging, except end-to-end encrypted "
                                    "services, unless they are large, in which case it applies.")
    assert covered(users=1_000, features=["direct-messaging", "e2ee"]) is False
    assert covered(users=10_000_000, features=["direct-messaging", "e2ee"]) is True


def test_deeming_a_service_not_in_a_class_is_never_passed_over():
    code = _code("pcu", ["This measure applies to all services.",
                         "For the purposes of this measure, a service that uses highly effective age assurance to keep "
                         "children out is to be treated as not likely to be accessed by children."])
    # had been "applies": the deeming was read as adding services, so it changed nothing
    assert _status(code, "pcu", features=["likely-accessed-by-children", "age-assurance"]) == "unclear"
    excluded_not = _code("icu", ["This measure applies to services with group chats.",
                                 "Services whose messages are end-to-end encrypted are not excluded."])
    assert _status(excluded_not, "icu", features=["user-groups", "direct-messaging", "e2ee"]) == "applies"


def test_a_class_exempt_from_it_or_released_from_doing_so():
    exempt = clause_reading(GPAI, "This Measure applies to Signatories whose models have systemic risk. Signatories whose "
                                  "models are similarly safe models are exempt from it.")
    assert exempt(kind="gpai-provider", features=["systemic-risk"]) is True
    assert exempt(kind="gpai-provider", features=["systemic-risk", "similarly-safe"]) is False  # had been undecided
    # a release later in the paragraph, for a class the reader cannot name: undecided, never "applies" to everyone
    code = _code(GPAI, ["Signatories will report serious incidents to the AI Office. Signatories that already report such "
                        "incidents under another regime need not do so again."])
    assert _status(code, GPAI, kind="gpai-provider") == "unclear"  # had been "applies" (the paragraph was passed over)


def test_wordings_of_the_industry_codes_and_of_risk():
    hosts = clause_reading(ESAFETY, "This section applies to a provider of a hosting service that hosts either a Tier 1 "
                                    "social media service or a high impact designated internet service.")
    assert hosts(kind="hosting", features=["hosts-high-impact-dis"]) is True
    assert hosts(kind="hosting") is False
    both = clause_reading(ESAFETY, "This section applies to a provider of a dating or gaming service.")
    assert both(kind="relevant-electronic", features=["gaming-chat"]) is True
    assert both(kind="relevant-electronic") is False
    assessed = clause_reading("ics", "This measure applies to search services assessed as medium or high risk for the supply "
                                     "of drugs and psychoactive substances.")
    assert assessed(kind="search/general", risks=["drugs=medium"]) is True
    assert assessed(kind="search/general", risks=["fraud=high"]) is False


def test_except_that_it_does_not_apply_takes_services_out():
    covered = clause_reading("icu", "This measure applies to services with direct messaging, except that it does not apply to "
                                    "end-to-end encrypted services.")
    # had been "direct messaging and end-to-end encryption": the exception read as a further condition
    assert covered(features=["direct-messaging"]) is True
    assert covered(features=["direct-messaging", "e2ee"]) is False


def test_a_condition_then_the_providers_release():
    covered = clause_reading("icu", "This measure applies to all services. Where the service is end-to-end encrypted, the "
                                    "provider need not apply this measure.")
    assert covered(features=["direct-messaging", "e2ee"]) is False
    assert covered() is True  # had been "not all services": every service let out
    small = clause_reading("icu", "This measure applies to all services. If the service is not large, its provider is not "
                                  "required to apply this measure.")
    assert small(users=10_000_000) is True
    assert small(users=1_000) is False


def test_a_label_listing_the_services_left_out():
    code = _code("icu", ["This measure applies to large services.",
                         "Exempt services: end-to-end encrypted services; services with fewer than 50,000 monthly active UK users."])
    assert _status(code, "icu", users=10_000_000) == "applies"
    assert _status(code, "icu", users=10_000_000, features=["direct-messaging", "e2ee"]) == "exempt"  # had been "applies"


def test_a_service_said_not_to_be_of_a_kind_is_never_passed_over():
    code = _code(ESAFETY, ["(1) A provider of a social media service must let end-users report material.",
                           "(2) For the purposes of this section, a Tier 3 social media service is not a social media service."])
    # had been "applies" to a Tier 3 service: the second subsection was passed over
    assert _status(code, ESAFETY, kind="social-media", features=["tier-3"]) == "unclear"


def _blocking(*later: str, application: str = "C12.1 This measure applies to large services with direct messaging.") -> Code:
    """A measure laid out as the codes lay them out: application, recommendation, then the later paragraphs."""
    return _code("icu", ["ICU C12 Blocking", application, "C12.2 The provider should let users block other users.", *later])


def test_later_paragraphs_that_let_encrypted_services_out():
    big_e2ee = {"users": 10_000_000, "features": ["direct-messaging", "e2ee"]}
    # each had been "applies": the later paragraph was passed over
    for later in (["Exemption", "C12.3 Services whose direct messages are end-to-end encrypted."],
                  ["C12.3 The provider of an end-to-end encrypted service may choose not to do so."],
                  ["C12.3 Where the service is end-to-end encrypted, the provider is not required to do this."]):
        code = _blocking(*later)
        assert _status(code, "icu", **big_e2ee) == "exempt", later
        assert _status(code, "icu", users=10_000_000, features=["direct-messaging"]) == "applies", later
    # a limit of the duty that is no service's stays a limit: the measure still applies
    feasible = _blocking("C12.3 Where it is not technically feasible to block a user, the provider is not required to do so.")
    assert _status(feasible, "icu", **big_e2ee) == "applies"


def test_need_only_do_so_where_sets_a_condition_on_those_services():
    code = _blocking("C12.3 The provider of a multi-risk service that is not large need only do so where the service has "
                     "direct messaging.", application="C12.1 This measure applies to large services and to multi-risk services.")
    multi = ["fraud=medium", "hate=medium"]
    assert _status(code, "icu", users=1_000, risks=multi) == "exempt"  # had been "applies"
    assert _status(code, "icu", users=1_000, risks=multi, features=["direct-messaging"]) == "applies"
    assert _status(code, "icu", users=10_000_000) == "applies"


def test_models_named_by_a_participle_are_exempt_unless_they_present_systemic_risk():
    code = _code(GPAI, ["Measure 2.3 Serious incident reporting",
                        "Signatories will report serious incidents to the AI Office.",
                        "Models released under a free and open-source licence are exempt from this Measure unless they "
                        "present systemic risk."])
    assert _status(code, GPAI, kind="gpai-provider", features=["open-source-licence"]) == "exempt"  # had been "unclear"
    assert _status(code, GPAI, kind="gpai-provider", features=["open-source-licence", "systemic-risk"]) == "applies"
    assert _status(code, GPAI, kind="gpai-provider") == "applies"


def test_exempt_from_a_subsection_named_by_its_number():
    code = _code(ESAFETY, ["16 Reporting", "(1) A provider of a social media service must provide a reporting tool.",
                           "(2) A Tier 3 social media service is exempt from subsection (1)."])
    assert _status(code, ESAFETY, kind="social-media", features=["tier-3"]) == "exempt"  # had been "applies"
    assert _status(code, ESAFETY, kind="social-media", features=["tier-1"]) == "applies"
