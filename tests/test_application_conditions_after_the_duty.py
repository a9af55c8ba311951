"""Conditions on whom a measure covers that drafters write after the duty or in a second breath: "Providers
of X should implement it only where ...", "A provider of X is not required to comply with it, unless ...",
"..., save that it does not apply where ...", "... fall within this measure, as do ...", "...; so should
providers of ...", "..., unless the service incorporates ...", and a sentence that goes on in its (a)/(b)
sub-items.

Several of these were read as a confident answer with the words after the duty silently dropped (a wrong
"applies" for every service the dropped words would have let out). Each test checks a service that must
be covered and one that must not, as an officer sees them: the measure's status for a concrete service.
"""

from __future__ import annotations

from analyser.application_settle import application_paragraphs
from analyser.profiles import load_profile

from one_measure_code import one_measure_code as _code
from one_measure_code import status_for as _status

ESAFETY = "codes/examples/esafety-industry.toml"
ICO = "codes/examples/ico-aadc.toml"


def test_only_where_after_the_duty_restricts_whom_it_covers():
    code = _code("icu", ["Providers of services at medium or high risk of grooming should implement it only where the "
                         "service has user connection functionality, user profiles or a direct messaging function."])
    assert _status(code, risks=["grooming=medium"], features=["direct-messaging"]) == "applies"
    assert _status(code, risks=["grooming=high"], features=["user-profiles"]) == "applies"
    # the words after "implement it" were dropped: this service was told the measure applies
    assert _status(code, risks=["grooming=high"]) == "exempt"


def test_a_release_from_the_duty_is_lifted_by_its_unless():
    code = _code(ESAFETY, ["This measure applies to providers of social media services. A provider of a Tier 3 social "
                           "media service is not required to comply with it, unless Australian children can hold "
                           "accounts on the service."])
    tier3 = dict(kind="social-media", features=["tier-3"])
    assert _status(code, ESAFETY, **tier3) == "exempt"
    assert _status(code, ESAFETY, kind="social-media", features=["tier-3", "child-accounts"]) == "applies"
    assert _status(code, ESAFETY, kind="social-media", features=["tier-1"]) == "applies"


def test_save_that_it_does_not_apply_where_is_an_exception():
    code = _code("icu", ["This measure applies to providers of services with livestreaming functionality that are at "
                         "medium or high risk of one or more of terrorism, CSEA or encouraging or assisting suicide, "
                         "save that it does not apply where the service has fewer than 700,000 monthly active UK users."])
    assert _status(code, users=800_000, features=["livestreaming"], risks=["grooming=medium"]) == "applies"
    assert _status(code, users=600_000, features=["livestreaming"], risks=["terrorism=high"]) == "exempt"
    assert _status(code, users=800_000, features=["livestreaming"], risks=["fraud=high"]) == "exempt"


def test_as_do_and_so_should_add_a_second_group():
    code = _code("icu", ["Large services at medium or high risk of harassment or hate that allow users to comment on "
                         "content fall within this measure, as do services of any size at high risk of harassment "
                         "that allow commenting."])
    assert _status(code, users=8_000_000, risks=["hate=medium"], features=["commenting"]) == "applies"
    assert _status(code, users=1_000, risks=["harassment=high"], features=["commenting"]) == "applies"
    assert _status(code, users=1_000, risks=["hate=high"], features=["commenting"]) == "exempt"
    code = _code("pcu", ["Providers of services at high risk of bullying content that allow users to comment on or "
                         "reply to content should apply this measure; so should providers of large services at medium "
                         "or high risk of bullying content."])
    child = "likely-accessed-by-children"  # the whole code's scope
    assert _status(code, "pcu", risks=["bullying=high"], features=[child, "commenting"]) == "applies"
    assert _status(code, "pcu", users=8_000_000, risks=["bullying=medium"], features=[child]) == "applies"
    assert _status(code, "pcu", users=1_000, risks=["bullying=medium"], features=[child, "commenting"]) == "exempt"


def test_unless_the_service_does_something_after_the_duty():
    code = _code(ESAFETY, ["A provider of a high impact generative AI designated internet service must take the steps "
                           "set out in subsection (2), unless the service incorporates effective controls designed to "
                           "prevent the generation of sexually explicit material."])
    genai = dict(kind="designated-internet", features=["genai-high-impact"])
    assert _status(code, ESAFETY, **genai) == "applies"
    assert _status(code, ESAFETY, kind="designated-internet",
                   features=["genai-high-impact", "blocks-explicit-generation"]) == "exempt"


def test_a_sentence_that_goes_on_in_its_sub_items():
    paragraphs = ["(1) This section applies to a provider of a social media service if:",
                  "(a) the service is a Tier 1 or Tier 2 social media service; and",
                  "(b) end-users in Australia can share images or video on the service.",
                  "(2) The provider must detect and remove known child sexual abuse material."]
    assert application_paragraphs(paragraphs, load_profile(ESAFETY).application_phrase) == [0, 1, 2]
    code = _code(ESAFETY, paragraphs)
    assert _status(code, ESAFETY, kind="social-media", features=["tier-2", "image-video-sharing"]) == "applies"
    assert _status(code, ESAFETY, kind="social-media", features=["tier-2"]) == "exempt"
    assert _status(code, ESAFETY, kind="social-media", features=["tier-3", "image-video-sharing"]) == "exempt"


def test_an_ico_standard_relevant_to_you_if_is_not_taken_as_every_service():
    # was read as no application sentence at all, so the standard "applied" to every service
    code = _code(ICO, ["Behavioural advertising", "This section is relevant to you if you show children advertising "
                       "that is targeted on the basis of their behaviour or their personal data.",
                       "Switch behavioural advertising off by default and give children a clear choice about it."])
    assert _status(code, ICO, kind="online-service", features=["likely-accessed-by-children"]) != "applies"


def test_a_list_announced_by_the_subject_comes_after_the_duty():
    code = _code("icu", ["Providers of services that are at high risk of two or more of the following kinds of illegal "
                         "harm should offer the controls in this measure: hate; harassment, stalking, threats and "
                         "abuse; controlling or coercive behaviour; cyberflashing."])
    assert _status(code, risks=["hate=high", "cyberflashing=high"]) == "applies"
    assert _status(code, risks=["hate=high", "fraud=high"]) == "exempt"


def test_an_exception_before_the_subject():
    code = _code(ESAFETY, ["Except where the service is a closed communication service or an enterprise service, a "
                           "provider of a Tier 1 relevant electronic service must take steps to disrupt and deter "
                           "end-users from using the service to solicit child sexual exploitation material."])
    assert _status(code, ESAFETY, kind="relevant-electronic", features=["tier-1"]) == "applies"
    assert _status(code, ESAFETY, kind="relevant-electronic", features=["tier-1", "enterprise"]) == "exempt"


GPAI = "codes/profiles/eu-gpai.toml"


def test_unless_it_names_the_readers_own_service():
    # "it" is the service: the exception had been dropped, so a provider that lists only its own apps "applies"
    code = _code(ESAFETY, ["A provider of an app distribution service must check the age rating of every app it lists, "
                           "unless it distributes only apps it has developed itself."])
    assert _status(code, ESAFETY, kind="app-distribution") == "applies"
    assert _status(code, ESAFETY, kind="app-distribution", features=["first-party-only"]) == "exempt"
    # ... but "unless it is not technically feasible" limits the duty, not whom it is for
    code = _code("icu", ["Providers of large services should remove such content quickly, unless it is currently not "
                         "technically feasible for them to do so."])
    assert _status(code, users=8_000_000) == "applies"


def test_an_exception_after_a_duty_for_every_signatory_and_an_opening_besides():
    code = _code(GPAI, ["Besides keeping their own records, Signatories will have an external evaluator assess the "
                        "model, unless it counts as a similarly safe or safer model."])
    assert _status(code, GPAI, kind="gpai-provider", features=["systemic-risk"]) == "applies"
    assert _status(code, GPAI, kind="gpai-provider", features=["systemic-risk", "similarly-safe"]) == "exempt"


def test_an_exception_in_the_next_paragraph_finishes_the_duty_sentence():
    # the second paragraph continues the first (which ends with a comma); it had been passed over
    code = _code("icu", ["Providers of services that allow livestreaming should stop strangers from commenting on a "
                         "child's livestream,", "unless the service has fewer than 700,000 monthly active UK users."])
    assert _status(code, users=800_000, features=["livestreaming"]) == "applies"
    assert _status(code, users=1_000, features=["livestreaming"]) == "exempt"
    # a passive duty: the sentence is read whole, never decided without its "unless"
    code = _code(GPAI, ["Measure 3.9 External review", "External reviews are to be obtained by Signatories for each "
                        "model with systemic risk before it is placed on the market,",
                        "unless the model is a similarly safe or safer model."])
    assert _status(code, GPAI, kind="gpai-provider", features=["systemic-risk", "similarly-safe"]) != "applies"


def test_a_condition_in_the_next_paragraph_and_one_that_goes_on_past_a_comma():
    # read as "large" alone (the words after the comma dropped): a large low-risk service had been told "applies"
    text = ("The provider should test its recommender system before changing it, where the service is large, has a "
            "content recommender system and is at medium or high risk of terrorism.")
    code = _code("icu", [text])
    assert _status(code, users=8_000_000, features=["recommender"], risks=["terrorism=high"]) == "applies"
    # (one paragraph with no sentence of scope: the condition may be whom, or a further duty; unclear, never "applies")
    assert _status(code, users=8_000_000, features=["recommender"]) == "unclear"
    # the sentence broken after the duty: the paragraph that goes on is read with it
    duty, condition = text.split(" where ", 1)
    code = _code("icu", [duty, "where " + condition])
    assert _status(code, users=8_000_000, features=["recommender"], risks=["terrorism=high"]) == "applies"
    assert _status(code, users=8_000_000, features=["recommender"]) == "exempt"


def test_where_a_and_b_inside_the_duty_keeps_every_item():
    code = _code(GPAI, ["Signatories will publish a summary of their Framework where (a) the model presents systemic "
                        "risk, and (b) the Signatory is not an SME."])
    assert _status(code, GPAI, kind="gpai-provider", features=["systemic-risk"]) == "applies"
    # "(b)" had been dropped: an SME with such a model was told "applies"
    assert _status(code, GPAI, kind="gpai-provider", features=["systemic-risk", "sme"]) != "applies"


def test_does_not_extend_to_and_likewise_exempt_take_services_out():
    code = _code(GPAI, ["Signatories commit to keeping up-to-date documentation of their models.",
                        "This Commitment does not extend to models released under a free and open-source licence, "
                        "unless it is a model with systemic risk."])
    assert _status(code, GPAI, kind="gpai-provider") == "applies"
    assert _status(code, GPAI, kind="gpai-provider", features=["open-source-licence"]) == "exempt"
    assert _status(code, GPAI, kind="gpai-provider", features=["open-source-licence", "systemic-risk"]) == "applies"
    code = _code(GPAI, ["This Measure does not apply to models with systemic risk. Signatories that are SMEs are "
                        "likewise exempt."])
    assert _status(code, GPAI, kind="gpai-provider") == "applies"
    assert _status(code, GPAI, kind="gpai-provider", features=["sme"]) == "exempt"


def test_other_providers_should_after_those_left_out():
    # the words after the semicolon had been dropped: a large service at no risk of hate was told "applies"
    code = _code("icu", ["Providers of services with fewer than 700,000 monthly active UK users are not expected to "
                         "apply this measure; other providers of services at medium or high risk of hate should."])
    assert _status(code, users=800_000, risks=["hate=medium"]) == "applies"
    assert _status(code, users=800_000) == "exempt"
    assert _status(code, users=1_000, risks=["hate=high"]) == "exempt"


def test_a_section_number_before_a_providers_duty_and_a_term_defined_with_are():
    code = _code(ESAFETY, ["Online Safety (Designated Internet Services) Industry Standard",
                           "18 A provider of a high impact designated internet service must have a trust and safety "
                           "function."])
    # the heading had decided alone: every designated internet service "applies"
    assert _status(code, ESAFETY, kind="designated-internet") == "exempt"
    assert _status(code, ESAFETY, kind="designated-internet", features=["high-impact"]) == "applies"
    code = _code("icu", ["C31.1 This measure applies to providers of relevant services.9",
                         "9 In this measure, 'relevant services' are services at high risk of cyberflashing."])
    # "relevant services" had been every service
    assert _status(code, risks=["cyberflashing=high"]) == "applies"
    assert _status(code, risks=["cyberflashing=low"]) == "exempt"
