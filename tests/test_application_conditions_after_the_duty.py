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

from analyser.application_text import application_paragraphs
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
