"""Whom a measure covers, said outside any application sentence: in its heading ("Measure 1.4 ...
(Signatories that use web-crawlers)", "Standard 11: Parental controls (for services that provide them)"),
or as a condition set on the reader ("You need to follow this part of the standard if: 1. ...", "If your
online service allows a parent to monitor ..., provide ...", "In the case of a service that allows users to
livestream, the provider should ...").

Why its own step: a measure with no application sentence and no index row used to be read as "every
service", a confident answer even where such words restrict it. Those words are found here and handed
back, so that the caller reads them (a heading's services restrict the measure) or, for a condition set
on the reader (which drafters use both for "this measure is for those services" and for "an extra duty
for those services"), decides only where both readings agree. Nothing found: every service, as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .application_text import USERS
from .defined_terms import defined_class, definitions
from .models import Measure

# "(Signatories that use web-crawlers)", "(for services that provide them)", "(Tier 1 and Tier 2 designated
# internet services)", "(applies to large services only)": a bracket in a heading that names whom
_HEADING_SCOPE = re.compile(
    r"\((?P<who>(?:(?:only\s+)?for|applies\s+to|relevant\s+to)\s+[^()]{0,160}?\b(?:services?|providers?|signator(?:y|ies)|"
    r"platforms?|models?|you)\b[^()]{0,160}"
    r"|(?:signator(?:y|ies)|providers?|services?|platforms?)\s+(?:that|who|which|whose|with|without|using|offering|of)\b[^()]{1,200}"
    r"|(?:[\w-]+\s+){0,8}?(?:services?|platforms?|providers?)(?:\s+only)?)\)", re.I)
# a structural heading that names services and nothing else: "Division 3 Tier 1 social media services", "Part 2 -
# Large services"
_LABELLED_HEADING = re.compile(
    r"^\s*(?:division|part|section|schedule|chapter|subdivision|sub-division)\s+\d{1,3}[A-Z]?\s*[-\u2013\u2014:.]?\s*"
    r"(?P<who>(?:[\w-]+\s+){0,6}?(?:services?|platforms?))\s*$", re.I)
# the label before a heading's subject: "Standard 11:", "Measure 1.4", "10."
_TOPIC = re.compile(r"^\s*(?:(?:standard|measure|commitment|section|part|division|minimum\s+compliance\s+measure)\s+)?"
                    r"[A-Z]{0,5}\s*\d{1,3}(?:\.\d{1,3})*[.:]?\s*", re.I)
# "You need to follow this part of the standard if: ...", "This standard is for you if ...", "You must conform to
# this if ...": the reader's own condition, in words the application openings do not know
_READER_IF = re.compile(
    r"\b(?:you\s+(?:need|have)\s+to|you\s+(?:must|should)|you\s+are\s+(?:required|expected)\s+to)\s+"
    r"(?:follow|apply|conform\s+(?:to|with)|comply\s+with|meet|read)\s+(?:this|these|the)\b[^.:]{0,80}?\s"
    r"(?P<who>(?:if|where|when|provided\s+that)\b.+)", re.I | re.S)
# a sentence that opens with a condition on the reader or its service, then a duty: "If your online service
# allows ..., provide ...", "When they use web-crawlers, Signatories will ...", "In the case of a service that
# allows users to livestream, the provider should ..."
_OPENING_CONDITION = re.compile(
    r"^\W*(?:\d{1,3}(?:\.\d{1,3})*\.?\s+)?(?P<who>(?:if|where|when|in\s+the\s+case\s+of|for)\s+(?:(?:you|your|they|their|a|an|the|any|each)\s+)?"
    r"(?:[\w-]+\s+){0,4}?(?:you|your|they|services?|providers?|signator(?:y|ies)|platforms?|models?)\b[^,.;:]{0,200}"
    # "If users can follow or friend one another, a child's account should not be suggested ...": what people can do
    # on the service (a feature of it), said of its users (passed over, the measure had been every service's)
    rf"|(?:if|where|when)\s+{USERS}\s+(?:can|are\s+able\s+to|is\s+able\s+to|may)\b[^,.;:]{{0,200}}),\s*"
    r"(?=(?:(?:then\s+)?(?:you|they|it|signator(?:y|ies)|the\s+provider|providers?)\s+(?:should|must|shall|will|need|are|is)\b"
    # (an imperative, never the condition going on: "where the service is large, has a recommender system and ...")
    r"|(?!(?:has|have|is|are|was|were|and|or|but|nor|uses|offers|allows|lets|enables|provides|hosts|operates|does|can|"
    r"may|which|that|who|whose|with|at)\b)[a-z]+\b))", re.I)
# a heading rather than a duty: short, and no sentence in it ("12. Profiling", "Measure 2.1 Crawling")
_HEADING = re.compile(r"^(?:[A-Z]{0,5}\s*\d{1,3}(?:\.\d{1,3})*[.:]?\s+)?[^.!?]{0,120}$|^(?:standard|measure|commitment|section|part)\s+\d{1,3}(?:\.\d{1,3})*(?:[.:](?=\s|$)|\b)[^.!?]{0,120}$", re.I)
# what a condition on the reader is about when it restricts nothing ("if you are unsure", "where possible")
_NOT_WHOM = re.compile(r"^(?:if|where|when)\s+(?:you\s+are\s+(?:unsure|in\s+doubt|not\s+sure)|possible|appropriate|"
                       r"necessary|relevant|practicable|feasible|required|needed)\b"
                       # "For every general-purpose AI model it places on the Union market": every model the code is about
                       r"|^for\s+(?:every|each|any)\s+(?:general-purpose\s+ai\s+)?model(?:\s+(?:it|they)\s+places?)?(?:\s+on\s+the\s+"
                       r"(?:union\s+)?market)?$", re.I)


@dataclass(frozen=True)
class UnstatedScope:
    """Words outside any application sentence that say, or may say, whom the measure covers."""

    words: str  # as printed, for the reason shown to the officer
    reading: str  # the same, as the application grammar reads services ("Signatories that use ...")
    restricts: bool  # a heading's services: the measure is for them; a condition on the reader: it may be


def unstated_scope(measure: Measure) -> UnstatedScope | None:
    """The first words in the measure's title or paragraphs that say or may say whom it covers; None if none."""
    texts = [measure.title or "", *(p.text for p in measure.paragraphs)]
    for i, text in enumerate(texts):
        labelled = _LABELLED_HEADING.match(text) if len(text) < 160 else None
        if labelled is not None:
            # "Division 3 Tier 1 social media services": a part of the code headed by the services it is for
            return UnstatedScope(labelled.group(0).strip(), labelled.group("who"), restricts=True)
        head = _HEADING_SCOPE.search(text) if (i == 0 or len(text) < 160) else None
        if head is not None:
            who = re.sub(r"^(?:(?:only\s+)?for|applies\s+to|relevant\s+to)\s+", "", head.group("who"), flags=re.I).strip()
            topic = _TOPIC.sub("", text[:head.start()]).strip(" :-\u2013")
            if topic and re.search(r"\b(?:them|it)\b", who, re.I):
                # "Parental controls (for services that provide them)": the heading's own subject
                who = re.sub(r"\b(?:them|it)\b", topic.lower(), who, count=1, flags=re.I)
            return UnstatedScope(head.group(0), who, restricts=True)
    table = _table_scope(texts)
    if table is not None:
        return table
    for adj, (body, sentence) in definitions(measure).items():
        # "'relevant models' means ... . Signatories will keep a log ... for each relevant model": the duty is
        # for the class the measure defines
        use = re.compile(r"\b" + re.escape(adj) + r" (services?|platforms?|models?)\b", re.I)
        for text in texts:
            rest = text.replace(sentence, " ")
            used = use.search(rest)
            if used:
                return UnstatedScope(sentence.strip(), defined_class(used.group(1).rstrip("s") + "s", body), restricts=True)
    for text in texts:
        reader = _READER_IF.search(" ".join(text.split()))
        if reader is not None:
            return UnstatedScope(reader.group(0), "services " + _as_where(reader.group("who")), restricts=False)
    # the measure's first duty: when it opens with a condition, that condition may be whom the measure is for;
    # a condition in a later paragraph, after a duty for everyone, is a further duty for some ("If your service
    # does not have a screen, provide these tools through a companion app")
    first = first_duty(measure)
    m = _OPENING_CONDITION.match(first)
    if m is not None and not _NOT_WHOM.match(m.group("who")):
        return UnstatedScope(m.group("who"), _reading(m.group("who")), restricts=False)
    return None


# a row of a small table of application flattened from a PDF: "Large services | Yes", "Any other service | No"
_TABLE_ROW = re.compile(r"^\s*(?P<who>[^|]{3,160}?)\s*\|\s*(?P<answer>yes|no)\b[^|]*$", re.I)
_OTHERS = re.compile(r"^(?:any|all)?\s*(?:other|remaining)\s+(?:services?|providers?)\b", re.I)


def _table_scope(texts: list[str]) -> UnstatedScope | None:
    """Two or more rows of "<services> | Yes/No": the Yes rows are whom the measure covers, a No row that names
    services (not "any other service") is whom it leaves out."""
    rows = [m for t in texts for line in t.splitlines() if (m := _TABLE_ROW.match(line))]
    if len(rows) < 2 or not any(r.group("answer").lower() == "yes" for r in rows):
        return None
    yes = [r.group("who").strip() for r in rows if r.group("answer").lower() == "yes"]
    no = [r.group("who").strip() for r in rows if r.group("answer").lower() == "no" and not _OTHERS.match(r.group("who").strip())]
    reading = "This measure applies to " + yes[0] + "." + "".join(f" It also applies to {w}." for w in yes[1:])
    reading += "".join(f" It does not apply to {w}." for w in no)
    return UnstatedScope(" / ".join(r.group(0).strip() for r in rows), reading, restricts=True)


# "In this Measure, a 'large enterprise' means a Signatory that is neither an SME nor an SMC.": a definition, no duty
_DEFINITION_ONLY = re.compile(r"^(?:[A-Z]{0,5}\s*\d{1,3}(?:\.\d{1,3})*\.?\s+)?(?:(?:in|for\s+the\s+purposes\s+of|for)\s+this\s+[a-z]+,\s*)?"
                              r"(?:an?\s+|the\s+)?[\u2018'\"\u201c][^\u2019'\"\u201d]{2,60}"
                              r"[\u2019'\"\u201d]\s+(?:means|refers\s+to|is|includes|has\s+the\s+meaning)\b(?:[^.]|\.(?=\d))*\.?$", re.I)


def is_heading(text: str) -> bool:
    """Is ``text`` (a paragraph, flattened) a heading: a short line with no sentence in it ("14. Connected toys and devices")?"""
    return _HEADING.match(text) is not None


def first_duty(measure: Measure) -> str:
    """The measure's first paragraph that is neither a heading nor a definition alone, flattened; "" if none."""
    texts = [" ".join(p.text.split()) for p in measure.paragraphs]
    return next((t for t in texts if not _HEADING.match(t) and not _DEFINITION_ONLY.match(t)), "")


def _as_where(condition: str) -> str:
    return re.sub(r"^(?:if|when|provided\s+that)\b", "where", condition.strip(" :;,."), flags=re.I)


def _reading(condition: str) -> str:
    """An opening condition as the grammar reads services: "In the case of a service that allows ..." ->
    "a service that allows ..."; "When they use web-crawlers" -> "services that use web-crawlers"."""
    c = condition.strip(" ,;:.")
    c = re.sub(r"^(?:in\s+the\s+case\s+of|for)\s+", "", c, flags=re.I)
    c = re.sub(r"^(?:if|where|when)\s+they\s+", "services that ", c, flags=re.I)
    if re.match(r"(?:if|where|when)\b", c, re.I):
        return "services " + _as_where(c)
    return c
