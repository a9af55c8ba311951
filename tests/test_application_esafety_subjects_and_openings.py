"""The eSafety codes' and standards' own ways of saying whom, each of which had been left unread (so the whole measure
unclear) or read wrongly: a measure naming itself by number ("MCM 1 applies only to ..."), a statement of whom run on
into the duty ("This section applies to X, and requires the provider to ..."), "one" for a service of the class just
named ("other than one that only distributes its own apps"), one service of a class as the duty's subject ("Every social
media service except one assessed as Tier 3 must ..."), "; however, it does apply to ...", the service named after what
its users can do ("Where end-users can hold accounts with an internet search engine service"), a label before a
lower-case subject, "5 Application: This industry standard applies to ...", "The expectations in this Determination
apply to ...", and a "Despite subclause (1), a provider that ..." paragraph (passed over, the exception had stood whole).
The GPAI code's like wordings are at the end ("Measure 1.4, Signatories that ...", "This Measure concerns only models
that ...", "..., whose providers will ...", crawling said in other words). The wording is this file's own, after the
shapes of three development sets (dev46, dev49, dev50).
"""

from __future__ import annotations

import pytest

from clause_reading import clause_reading
from one_measure_code import one_measure_code as _code
from one_measure_code import status_for as _status

ESAFETY = "codes/examples/esafety-industry.toml"


def test_a_measure_naming_itself_by_its_number():
    code = _code(ESAFETY, ["MCM 1 applies only to Tier 3 social media services: the provider must name a contact person "
                           "for eSafety."])
    assert _status(code, ESAFETY, kind="social-media", features=["tier-3"]) == "applies"  # was "unclear"
    assert _status(code, ESAFETY, kind="social-media", features=["tier-1"]) == "exempt"


def test_whom_run_on_into_the_duty():
    read = clause_reading(ESAFETY, "This section applies to the provider of a relevant electronic service that uses "
                                   "encryption, and requires the provider to tell eSafety each year what it does to deter "
                                   "class 1A material.")
    assert read(kind="relevant-electronic", features=["encryption"]) is True
    assert read(kind="relevant-electronic") is False


@pytest.mark.parametrize("text", [
    "A provider of an app distribution service, other than one that only distributes its own apps, must enforce age "
    "ratings.",
    "Every app distribution service except one that only distributes its own apps must enforce age ratings.",
])
def test_one_for_a_service_of_the_class_just_named(text):
    read = clause_reading(ESAFETY, text)
    assert read(kind="app-distribution") is True
    assert read(kind="app-distribution", features=["first-party-only"]) is False
    assert read(kind="hosting") is False


def test_however_it_does_apply_after_a_semicolon():
    read = clause_reading(ESAFETY, "This section applies to every relevant electronic service except one that uses "
                                   "encryption; however, it does apply to a dating service that uses encryption.")
    assert read(kind="relevant-electronic") is True
    assert read(kind="relevant-electronic", features=["encryption"]) is False
    assert read(kind="relevant-electronic", features=["encryption", "dating"]) is True


def test_the_service_named_after_what_its_users_can_do():
    read = clause_reading(ESAFETY, "Where end-users can hold accounts with an internet search engine service, the provider "
                                   "must let account holders turn on a filter for explicit results.")
    assert read(kind="search-engine", features=["user-accounts"]) is True
    assert read(kind="search-engine") is False
    assert read(kind="app-distribution", features=["user-accounts"]) is False


def test_a_label_before_a_lower_case_subject():
    read = clause_reading(ESAFETY, "Minimum compliance measure 1: a provider of a Tier 1 social media service must detect "
                                   "and remove known child sexual abuse material.")
    assert read(kind="social-media", features=["tier-1"]) is True
    assert read(kind="social-media", features=["tier-2"]) is False


@pytest.mark.parametrize("paragraphs,kinds", [
    (["Part 1 Preliminary", "5 Application: This industry standard applies to the provider of a relevant electronic "
      "service."], {"relevant-electronic"}),
    (["5 The expectations in this Determination apply to every provider of a social media service, a relevant "
      "electronic service or a designated internet service, however few Australian end-users it has."],
     {"social-media", "relevant-electronic", "designated-internet"}),
])
def test_statements_of_whom_for_a_whole_instrument(paragraphs, kinds):
    code = _code(ESAFETY, paragraphs)
    for kind in ("social-media", "relevant-electronic", "designated-internet", "search-engine"):
        assert _status(code, ESAFETY, kind=kind) == ("applies" if kind in kinds else "exempt")  # was "unclear"


def test_a_despite_paragraph_that_names_providers_is_read():
    code = _code(ESAFETY, ["(1) A provider of an app distribution service, other than one that only distributes its own "
                           "apps, must enforce age ratings.",
                           "(2) Despite subclause (1), a provider that only distributes its own apps must comply where "
                           "any of those apps is rated R18+."])
    # with the first paragraph now read, passing over the second would make this "exempt"; the give-back's condition is
    # not understood, so the answer is left to the officer
    assert _status(code, ESAFETY, kind="app-distribution", features=["first-party-only", "allows-r18-apps"]) == "unclear"


GPAI = "codes/profiles/eu-gpai.toml"


@pytest.mark.parametrize("text,feature", [
    # a title after the measure's number and a dash, set as a comma by the text layer
    ("Measure 1.4, Signatories that make a model available to downstream providers will give them the documentation.",
     "downstream-distribution"),
    ("This Measure concerns only models that were placed on the market before 2 August 2025.", "pre-august-2025"),
    ("This Measure applies only to models placed on the market before 2 August 2025, whose providers will send the AI "
     "Office a short statement.", "pre-august-2025"),
    ("Signatories that crawl the web, or have it crawled for them, will only deploy crawlers that honour robots.txt.",
     "web-crawler"),
])
def test_gpai_statements_of_whom_in_other_words(text, feature):
    code = _code(GPAI, [text])
    assert _status(code, GPAI, kind="gpai-provider", features=[feature]) == "applies"  # was "unclear"
    assert _status(code, GPAI, kind="gpai-provider") == "exempt"
