"""Whom a measure covers when a later paragraph names another by its number ("Paragraph 1.1 does not apply to ...",
"However, paragraph 1.2 does not apply if the service is large", "Subclause (1) does not apply to ...", "... is not
excluded by subsection (2)"), and the later paragraphs that release, give back or add in other words ("need not apply
it unless ...", "a provider need not apply it to a service with ...", "are outside it unless ...", "However, it applies
to ...", "[Inserted by the Amendments (No. 3) ...] The measure also applies to ..."). Each was read wrongly with
confidence before: passed over, or with its "unless" turned round.
"""

from __future__ import annotations

from one_measure_code import one_measure_code as _code
from one_measure_code import status_for as _status

ESAFETY = "codes/examples/esafety-industry.toml"
GPAI = "codes/profiles/eu-gpai.toml"
ICO = "codes/examples/ico-aadc.toml"
CHILDREN = ["likely-accessed-by-children"]  # the children's codes and the ICO code cover only these services


def test_a_paragraph_named_by_its_number_takes_services_out():
    # (the extractor's way: the paragraph's number apart from its text, "1.1", "1.2")
    code = _code("icu", ["This measure applies to providers of services at medium or high risk of fraud.",
                         "Paragraph 1.1 does not apply to services with fewer than 50,000 monthly active UK users, unless the "
                         "service is at high risk of fraud.",
                         "The provider should keep a record of fraud reports."])
    assert _status(code, "icu", users=1_000, risks=["fraud=medium"]) == "exempt"  # had been "applies"
    assert _status(code, "icu", users=1_000, risks=["fraud=high"]) == "applies"
    assert _status(code, "icu", users=100_000, risks=["fraud=medium"]) == "applies"


def test_an_exception_to_the_exception_gives_services_back():
    code = _code("pcu", ["This measure applies to providers of services that offer direct messaging.",
                         "It does not apply to a service whose direct messages are end-to-end encrypted.",
                         "However, paragraph 1.2 does not apply if the service is large.",
                         "Providers should not suggest children as connections to adults they do not know."])
    e2ee = [*CHILDREN, "direct-messaging", "e2ee"]
    assert _status(code, "pcu", users=1_000, features=e2ee) == "exempt"
    assert _status(code, "pcu", users=10_000_000, features=e2ee) == "applies"  # had been "exempt" (the third paragraph dropped)


def test_a_subclause_named_by_its_printed_label():
    code = _code(ESAFETY, ["(1) A provider of an app distribution service must have a process for end-users to report apps.",
                           "(2) Subclause (1) does not apply to a provider that only distributes apps it has developed itself, "
                           "unless it makes available apps rated R18+."])
    assert _status(code, ESAFETY, kind="app-distribution", features=["first-party-only"]) == "exempt"  # had been "applies"
    assert _status(code, ESAFETY, kind="app-distribution", features=["first-party-only", "allows-r18-apps"]) == "applies"
    assert _status(code, ESAFETY, kind="app-distribution") == "applies"


def test_not_excluded_by_a_subsection_gives_services_back():
    code = _code(ESAFETY, ["(1) This section applies to each provider of a relevant electronic service.",
                           "(2) It does not apply to an enterprise service.",
                           "(3) However, an enterprise service that allows end-users to share images or video is not excluded "
                           "by subsection (2)."])
    assert _status(code, ESAFETY, kind="relevant-electronic", features=["enterprise"]) == "exempt"
    # had been "exempt": the third subsection was passed over
    assert _status(code, ESAFETY, kind="relevant-electronic", features=["enterprise", "image-video-sharing"]) == "applies"


def test_a_number_that_names_no_paragraph_is_left_unclear():
    code = _code("icu", ["This measure applies to providers of large services.",
                         "Paragraph 7.3 does not apply to services at low risk of fraud."])
    # whatever paragraph 7.3 is, it is not this measure's: never read as this measure (nor passed over)
    assert _status(code, "icu", users=10_000_000) == "unclear"


def test_need_not_apply_it_unless_is_never_turned_round():
    code = _code("pcs", ["This measure applies to providers of search services that offer predictive search.",
                         "Providers of vertical search services need not apply it unless the service is large.",
                         "Providers should remove predictive suggestions that lead children to harmful content."])
    # "unless" had been read as "where": the large vertical services let out, the small ones kept
    assert _status(code, "pcs", kind="search/vertical", users=1_000, features=[*CHILDREN, "predictive-search"]) == "exempt"
    assert _status(code, "pcs", kind="search/vertical", users=10_000_000, features=[*CHILDREN, "predictive-search"]) == "applies"


def test_a_provider_released_from_applying_it_to_some_services():
    code = _code("icu", ["This measure applies to providers of services that are at medium or high risk of terrorism.",
                         "However, a provider need not apply it to a service with 50,000 or fewer monthly active UK users, "
                         "unless that service is at high risk of terrorism.",
                         "Providers should take part in an initiative for sharing hashes of terrorist content."])
    # the services it is released for had been dropped, so every service at medium risk was let out
    assert _status(code, "icu", users=1_000, risks=["terrorism=medium"]) == "exempt"
    assert _status(code, "icu", users=1_000, risks=["terrorism=high"]) == "applies"
    assert _status(code, "icu", users=100_000, risks=["terrorism=medium"]) == "applies"


def test_services_outside_it_unless_they_are_big():
    code = _code("pcs", ["This measure applies to providers of search services that offer predictive search.",
                         "Vertical search services are outside it unless they have more than 700,000 monthly active UK users.",
                         "Providers should not offer predictive suggestions that lead children to harmful content."])
    features = [*CHILDREN, "predictive-search"]
    assert _status(code, "pcs", kind="search/vertical", users=1_000, features=features) == "exempt"  # had been "applies"
    assert _status(code, "pcs", kind="search/vertical", users=1_000_000, features=features) == "applies"
    assert _status(code, "pcs", kind="search/general", users=1_000, features=features) == "applies"


def test_however_it_applies_gives_back_from_the_exception_before_it():
    code = _code("ics", ["This measure applies to providers of general search services.",
                         "It does not apply to a general search service that is at low risk of every kind of illegal harm.",
                         "However, it applies to a large general search service whatever its assessed risk.",
                         "Providers should keep a record of each decision to deindex search content."])
    assert _status(code, "ics", kind="search/general", users=1_000) == "exempt"
    assert _status(code, "ics", kind="search/general", users=10_000_000) == "applies"  # had been "exempt"


def test_an_inserted_paragraph_whose_note_has_brackets_of_its_own():
    code = _code("icu", ["This measure applies to providers of services that are at medium or high risk of cyberflashing.",
                         "[Inserted by the Amendments (No. 3) Code 2027] The measure also applies to providers of services "
                         "that offer direct messaging, whatever their assessed level of risk of cyberflashing.",
                         "Providers should let a user report an unsolicited sexual image from within the conversation."])
    assert _status(code, "icu", users=1_000, features=["direct-messaging"]) == "applies"  # had been "exempt"
    assert _status(code, "icu", users=1_000) == "exempt"


def test_a_definition_that_ends_with_an_exception_keeps_it_last():
    code = _code("icu", ["In this measure, a 'relevant service' means a service with more than 700,000 monthly active UK users "
                         "that lets users send direct messages to one another, other than a service on which those messages "
                         "are end-to-end encrypted.",
                         "This measure applies to providers of relevant services that are at medium or high risk of human "
                         "trafficking.",
                         "Providers should use behavioural indicators to identify accounts advertising exploited people."])
    big = dict(users=1_000_000, features=["direct-messaging"])
    assert _status(code, "icu", **big, risks=["human-trafficking=medium"]) == "applies"
    # the exception had swallowed the risk after the term: an encrypted service at no risk was covered
    assert _status(code, "icu", users=1_000_000, features=["direct-messaging", "e2ee"]) == "exempt"
    assert _status(code, "icu", **big) == "exempt"


def test_a_later_condition_that_refers_back_is_a_further_duty():
    code = _code(ICO, ["6. Policies and community standards",
                       "If you publish terms, policies or community standards about how users should behave, uphold them.",
                       "If you rely on user reports to enforce those standards, make your reporting tools easy for "
                       "children to use."])
    # the second "If you ..." had been a second group: a service that only takes reports was covered
    assert _status(code, ICO, kind="online-service", features=[*CHILDREN, "user-reporting"]) == "exempt"
    assert _status(code, ICO, kind="online-service", features=[*CHILDREN, "community-standards"]) == "applies"


def test_a_condition_inside_the_duty_that_lists_harms_after_one_or_more_of():
    code = _code("icu", ["Providers of services which let users broadcast live video to other users should have human "
                         "moderators available at all times, where the service is at high risk of one or more of terrorism, "
                         "grooming or image-based CSAM."])
    # it had read "terrorism" alone: a livestreaming service at high risk of grooming was exempt
    assert _status(code, "icu", features=["livestreaming"], risks=["grooming=high"]) == "applies"
    assert _status(code, "icu", features=["livestreaming"], risks=["fraud=high"]) == "exempt"


def test_words_that_may_undo_a_class_are_never_passed_over():
    code = _code("icu", ["This measure applies to providers of large services that are likely to be accessed by children.",
                         "For the purposes of this measure, a service is not to be treated as likely to be accessed by children "
                         "where the provider uses highly effective age assurance to keep children out of the whole service.",
                         "Providers should offer child users a simple way to report a user who contacts them."])
    # it had been "applies" to a large service that keeps children out with age assurance
    assert _status(code, "icu", users=10_000_000, features=["likely-accessed-by-children", "age-assurance"]) == "unclear"
    code = _code(ICO, ["Where you supply a connected toy or device, this standard applies to you, unless the product gathers "
                       "personal data only by way of a separate app or website.",
                       "Build in tools that are effective enough for the toy's use."])
    assert _status(code, ICO, kind="online-service", features=[*CHILDREN, "connected-toy"]) == "unclear"  # had been "applies"
    code = _code(GPAI, ["When crawling the web, Signatories will exclude websites that courts have recognised as "
                        "persistently infringing copyright."])
    # had been "applies" to every Signatory; then unclear; now read as the Signatories that crawl (twenty-third session)
    assert _status(code, GPAI, kind="gpai-provider") == "exempt"
    assert _status(code, GPAI, kind="gpai-provider", features=["web-crawler"]) == "applies"


def test_a_later_condition_that_names_the_same_thing_again_is_a_further_duty():
    code = _code(ICO, ["If you publish terms, policies or community standards, you should uphold them.",
                       "Where you rely on user reports to uphold your community standards, you should make the reporting "
                       "tools prominent and suited to the child's age."])
    assert _status(code, ICO, kind="online-service", features=[*CHILDREN, "user-reporting"]) == "exempt"  # had been "applies"
    assert _status(code, ICO, kind="online-service", features=[*CHILDREN, "community-standards"]) == "applies"
    # two conditions on different things stay two groups
    code = _code(ICO, ["If you use cookies, explain them to the child.",
                       "If you offer geolocation, switch it off by default."])
    assert _status(code, ICO, kind="online-service", features=[*CHILDREN, "geolocation"]) == "applies"


def test_unless_you_use_is_an_exception_never_dropped():
    code = _code(ICO, ["If your service is used by both adults and children, apply the standards in this code to all users, "
                       "unless you use age assurance to confine children to parts of the service designed for them."])
    # a mixed-audience service that confines children had been "applies": the exception was dropped
    assert _status(code, ICO, kind="online-service", features=[*CHILDREN, "mixed-audience", "age-assurance"]) == "unclear"
    assert _status(code, ICO, kind="online-service", features=CHILDREN) == "exempt"


def test_it_applies_to_some_services_only_if_is_a_condition_on_them():
    code = _code("ics", ["C3.1 This measure applies to all search services.",
                         "C3.2 However, it applies to a vertical search service only if the service is large."])
    # read as a further group, every service had stayed covered (and a labelled "In the case of ..." too)
    assert _status(code, "ics", kind="search/vertical", users=1_000) == "exempt"
    assert _status(code, "ics", kind="search/vertical", users=10_000_000) == "applies"
    assert _status(code, "ics", kind="search/general", users=1_000) == "applies"
    code = _code("ics", ["This measure applies to providers of general search services.",
                         "It applies to a vertical search service only where the service is large."])
    # a condition on those already covered, or a further group on that condition? Only where both readings agree
    assert _status(code, "ics", kind="search/vertical", users=10_000_000) == "unclear"
    assert _status(code, "ics", kind="search/vertical", users=1_000) == "exempt"


def test_within_its_scope_and_does_not_include_are_never_passed_over():
    code = _code("ics", ["This measure applies to providers of general search services.",
                         "Vertical search services at high risk of fraud are also within its scope."])
    assert _status(code, "ics", kind="search/vertical", risks=["fraud=high"]) == "unclear"  # had been "exempt"
    code = _code("ics", ["This measure applies to providers of search services with predictive search functionality.",
                         "This does not include vertical search services, unless they have more than 700,000 monthly active "
                         "UK users."])
    assert _status(code, "ics", kind="search/vertical", users=1_000, features=["predictive-search"]) == "exempt"  # had been "applies"
    assert _status(code, "ics", kind="search/vertical", users=1_000_000, features=["predictive-search"]) == "applies"
