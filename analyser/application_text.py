"""Which of a measure's paragraphs say whom it applies to.

Why its own module: the extractor (paragraphs from a PDF) and the applicability evaluation set
(paragraphs given as text) must decide this the same way. A paragraph is application text when it
carries the profile's application phrase ("This measure applies to ..."), or when it sits under an
"Application" sub-heading and is not itself a recommendation. A paragraph that opens with a
condition on the provider's own conduct ("Where the provider has ..., it should ...") is a
conditional obligation, not application text, even when it mentions "applies". A paragraph that opens
by saying whom the measure covers in words the profile's phrase does not know ("It does not apply
where ...") is application text too, and an "If you ..." paragraph after a duty for every reader is a
further duty, not the measure's scope. Amendment notes inside a sentence ("This measure, as inserted
by ..., applies") are removed before any of this.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from typing import Any, Sequence

from .amendments import AMENDING, amends_another_paragraph, amends_words_in
from .late_exceptions import (CONDITION_TAIL, CONTINUATION, EXCEPTION_TAIL, LATE_EXCEPTION, PASSIVE_DUTY, PROVIDER_ACTS,
                              WHOM_SIGNAL)
from .legal_drafting import plain_legal
from .paragraph_references import REFERENCE, speaks_of_another
from .paths import PACKAGE_DATA

# "Where the provider uses ..., it should ...": a condition on what the provider does, then a duty
CONDITIONAL_OBLIGATION = re.compile(
    r"^\s*(?:\(?[a-z0-9ivx]{1,4}[.)]\s*)?(?:where|if|when|once)\s+(?:the|a|that)\s+provider\b", re.I)
# ", as inserted by the ... Amendment Code 2026," / "(as amended by ...)": where the wording came from,
# never whom it covers; it sits between "This measure" and "applies", so it must go before the phrase
# is looked for (and before the wording is parsed)
_AMENDMENT_ASIDE = re.compile(
    r",\s*as\s+(?:inserted|amended|substituted|added|varied|modified|updated|introduced)\s+(?:by|in|under|from)\s+[^,;]{1,200}?,"
    # (and "[Inserted by the Amendment Code 2026]", "[Substituted]": an editor's note on the paragraph)
    # (the instrument's own brackets inside: "[Inserted by the Amendments (No. 3) Code 2027]")
    r"|\s*\[\s*(?:as\s+)?(?:inserted|amended|substituted|added|varied|modified|updated|introduced)(?:\s+(?:by|in|under|from)\s+"
    r"[^\[\]]{1,200})?\]"
    r"|\s*\(\s*(?:as\s+)?(?:inserted|amended|substituted|added|varied|modified|updated|introduced)(?:\s+(?:by|in|under|from)\s+"
    r"[^()\[\]]{1,200}(?:\([^()]{1,20}\)[^()]{0,120})?)?\)", re.I)
# "C5.2 Paragraph C5.1 is amended so that the measure also applies to large services": what the change says
_AMENDED_SO_THAT = re.compile(
    r"(?:^|(?<=[.;]\s))\s*(?:[A-Z]{0,5}\s?\d{1,3}(?:\.\d{1,3})+\s+)?(?:paragraph|measure|sub-?paragraph|section|sub-?section)\s+"
    r"[\w.()]{1,10}\s+(?:is|shall\s+be|has\s+been)\s+(?:amended|modified|varied)\s+so\s+that\s+(?P<first>\w)", re.I)
# "This measure ... applies to": a sentence that says whom the measure covers, in any wording;
# used to notice application text that the profile's phrase did not catch
STRAY_APPLICATION = re.compile(
    r"^\s*(?:[A-Z]{0,5}\s*\d{1,3}(?:\.\d{1,3})*[A-Z]?[.:]?\s+|\(\w{1,4}\)\s*)?(?:(?:however|but|further(?:more)?|nevertheless|moreover|additionally|in\s+addition|in\s+(?:either|each|both|every|any)\s+cases?),?\s+)?"
    # "Drafting note: this Measure is intended for ...", "Box 2. This measure applies to ...": a label first
    r"(?:(?:drafting\s+|explanatory\s+|editorial\s+)?note\s*[:.\u2013\u2014-]\s*|box(?:\s+\d{1,3})?\s*[:.\u2013\u2014-]\s*)?"
    # "Although the risk is greatest where ..., this measure is recommended for all search services"
    # ("Where the provider prohibits users under 18 ..., the measure does not apply")
    r"(?:(?:although|though|even\s+though|where|if|when)\b[^,.;]{1,200},\s*)?"
    # "In the case of a high impact generative AI service, the measure does not apply where ..."
    r"(?:in\s+the\s+case\s+of\s+[^,.]{1,160},\s*)?"
    r"(?:(?:this|the|these|that)\s+(?:[\w-]+\s+){0,3}?(?:measures?|standards?|"
    r"commitments?|sections?|recommendations?|requirements?|expectations?|divisions?|parts?|chapters?|codes?|"
    r"subsections?|sub-sections?|paragraphs?|clauses?|obligations?|duties|duty|rules?|exceptions?|exemptions?)\b(?:[^.]|\.(?=\d)){0,240}?|"
    r"(?:sub-?section|paragraph|clause|section|part|division)\s+\(?\w{1,4}\)?(?:\s*\(\w{1,4}\))?\s+|(?:it|they|this|that)\s+"
    # ("Paragraph H3.1 does not apply to ...", "Neither paragraph C20.1 nor paragraph C20.2 applies in respect of ...")
    rf"|{REFERENCE}\s+"
    # ("Measure C7 does not apply to ...": a measure named by its number, read or left unclear, never passed over)
    r"|(?:measure|standard|commitment)\s+[A-Z]{0,5}\s?\d{1,3}(?:\.\d{1,3})*\s+)"
    r"\b(?:(?:only\s+|also\s+)?appl(?:y|ies)\s+(?:only\s+|also\s+|instead\s+)?(?:to|for|where|if|in|when|unless)|"
    # ("This excludes services that ...", "However, it does apply to an SME whose model has systemic risk", "It still
    # applies to ...")
    r"excludes(?=\s+(?:all\s+|any\s+|the\s+)?(?:[\w-]+\s+){0,4}?(?:services?|providers?|platforms?|models?|signator))|"
    r"(?:does|do)\s+(?:nevertheless\s+|still\s+|also\s+)?apply\s+(?:to|for)|(?:still|nevertheless)\s+applies|continues?\s+to\s+apply|"
    r"(?:does|do)\s+not\s+(?:apply|extend\s+to(?!\s+(?:any\s+|the\s+|all\s+)?(?:content|material|messages?|communications?|images?|videos?|posts?)\b))|(?:is|are)\s+(?:only\s+|also\s+)?(?:recommended\s+)?for|"
    # "This Commitment concerns only Signatories providing ...", "is aimed at providers of ..."
    r"(?:only\s+)?concerns?\s+only|(?:is|are)\s+(?:only\s+)?(?:aimed\s+at|addressed\s+to|directed\s+at|limited\s+to|confined\s+to|targeted\s+at)|"
    # "This measure is not recommended for small services", "is relevant only to", "covers large services"
    r"(?:is|are)\s+(?:not\s+|only\s+)?(?:(?:recommended|intended|designed|meant)\s+(?:only\s+)?for|relevant\s+(?:only\s+)?to)|(?:does|do)\s+not\s+cover|"
    r"(?:only\s+|also\s+)?covers?(?!\s+(?:how|what|when|why|whether|the\s+ways?|the\s+steps|steps)\b)(?=\s+(?:only\s+)?(?:(?:all|each|every|the|a|an|any)\s+)?(?:[\w-]+\s+){0,4}?(?:services?|providers?|platforms?|models?|signator(?:y|ies))\b)|"
    # "This section is relevant to you if you show children advertising ..."
    r"(?:is|are)\s+(?:only\s+)?relevant\s+(?:to\s+you\s+)?(?:only\s+)?(?:if|where|when))\b", re.I)


# The services as the subject of the measure: "(Services with ...) should apply this measure", "(...) are in
# scope of this measure"; shared with ``application_intros``, which cuts a condition after it ("... if they ...")
APPLY_THIS_MEASURE = (r"(?:should|must|shall|(?:is|are)\s+(?:expected|required)\s+to)\s+(?:apply|follow|adopt|implement|comply\s+with)\s+this\s+measure"
                      r"|(?:is|are|fall|falls|come|comes)\s+(?:with)?in(?:to)?\s+(?:the\s+)?scope\s+of\s+this\s+measure"
                      r"|(?:is|are|fall|falls|come|comes)\s+within\s+this\s+measure|(?:is|are)\s+covered\s+by\s+this\s+measure")
# Whom the measure covers in other shapes: a label ("Applies to: large services", "Who this measure is for:
# ..."), or the services as the subject (above)
_SCOPE_SHAPES = re.compile(
    r"^\s*(?:applies\s+to\b|application\s*:|who\s+(?:this|it|the)(?:\s+(?:measure|standard|section|commitment|requirement|code))?"
    r"\s+(?:is\s+for|applies\s+to)\s*(?::|\.?\s*$))"
    rf"|\b(?:{APPLY_THIS_MEASURE})\b"
    # "The same applies to small services at high risk of fraud", "So do small services at ...": a further group
    r"|^\s*(?:the\s+)?same\s+(?:applies|is\s+true|goes|holds)\s+(?:to|for)\b"
    # "Nor does it apply to open-source models", "Other Signatories will make full documentation available"
    r"|^\s*nor\s+(?:does|do|is|are)\s+(?:it|they|this|the)\b|^\s*other\s+(?:signatories|providers|services)\s+(?:will|shall|must|should)\b"
    r"|^\s*so\s+(?:should|must|shall|do|does|will)\s+(?:[\w-]+\s+){0,8}?(?:services?|providers?|platforms?|signator\w*)\b"
    r"|^\s*(?:we|ofcom|the\s+(?:ico|commissioner|ai\s+office|regulator))\s+(?:only\s+)?recommends?\s+(?:this|the)\s+(?:measure|standard|step)\s+(?:only\s+)?(?:to|for)\b"
    # "The documentation obligation is waived for SMEs"
    r"|^\s*(?:this|the|these|that)\s+(?:[\w-]+\s+){0,3}?(?:obligations?|requirements?|measures?|duty|duties|commitments?|standards?)\s+"
    r"(?:is|are|shall\s+be)\s+(?:waived|disapplied|lifted)\s+(?:for|in\s+(?:respect|relation))\b",
    re.I)


_NAMES_SERVICES = re.compile(r"\b(?:services?|providers?|signator(?:y|ies)|platforms?)\b", re.I)


@functools.lru_cache(maxsize=1)
def grammar_data() -> dict[str, Any]:
    """``data/application.toml``, read once: its openings and ignores (``application_intros``) and the pieces of
    pattern they share with the tests here."""
    with open(PACKAGE_DATA / "application.toml", "rb") as fh:
        return tomllib.load(fh)


@functools.lru_cache(maxsize=1)
def _excluded() -> re.Pattern[str]:
    """"Services whose principal purpose is ... are not covered by this measure", "(...) are exempt from this standard",
    "... is not within this measure", "... are not bound by this Measure", "SMEs need not comply with this Commitment":
    application.toml's pieces "excluded" and "need_not_apply", which the openings that read such sentences use too."""
    pieces = grammar_data()["pieces"]
    return re.compile(f"{pieces['excluded']}|{pieces['need_not_apply']}", re.I)


# "Which services does this measure apply to?", "Who is this standard for?": a question-and-answer layout's
# question, whose answer (the rest of the paragraph, or the next one) says whom the measure covers
_WHOM = r"(?:[\w-]+\s+){0,2}?(?:measures?|standards?|sections?|commitments?|requirements?|codes?|expectations?)"
ASKS_WHOM = re.compile(
    r"\s*(?:\(?\w{1,4}[.)]\s*)?(?:(?:which|what)\s+(?:services|providers|signatories|organisations|platforms)\s+(?:does|do|is|are)\s+"
    rf"(?:this|the)\s+{_WHOM}\s+(?:apply\s+to|cover|for)|(?:who|whom)\s+(?:does|do)\s+(?:this|the)\s+{_WHOM}\s+(?:apply\s+to|cover)"
    rf"|(?:who|whom)\s+is\s+(?:this|the)\s+{_WHOM}\s+for|(?:does|do)\s+(?:this|the)\s+{_WHOM}\s+apply\s+to\s+"
    r"(?:me|us|my\s+service|our\s+service)"
    # "Who should apply this measure?"
    rf"|(?:who|which\s+(?:services|providers))\s+(?:should|must|shall|needs?\s+to)\s+(?:apply|follow|implement|take)\s+(?:this|the)\s+{_WHOM})\s*\?",
    re.I)
# "Who need not?", "Who need not apply it?", "Which services are exempt?", "Who does it not apply to?": a question
# whose answer says whom the measure leaves out
ASKS_WHOM_NOT = re.compile(
    r"\s*(?:(?:who|which\s+(?:services|providers))\s+(?:need|needs)\s+not(?:\s+(?:apply|follow|implement|take)\s+"
    rf"(?:it|this|the\s+{_WHOM}))?|(?:who|which\s+(?:services|providers))\s+(?:is|are)\s+(?:exempt(?:ed)?|excluded|not\s+covered)"
    rf"|(?:who|whom)\s+does\s+(?:it|this|the\s+{_WHOM})\s+not\s+(?:apply\s+to|cover))\s*\?\s*", re.I)


# "A provider whose service is in a pre-assessed category is not required to ...": an exemption written
# as a release from the duty
_RELEASE_FROM_DUTY = re.compile(
    r"^\s*(?:(?:however|but),?\s+)?(?:a|an|the|any)?\s*(?:providers?|signator(?:y|ies)|services?)\b"
    r"(?:(?!\b(?:should|must|shall|will|may|ensures?)\b)[^.]){0,240}?"
    r"\b(?:(?:is|are)\s+not\s+(?:required|expected|obliged)\s+to|need\s+not)\b", re.I)


# "If your service has no settings that users can change, there is nothing further you need to do": a
# release from the whole standard, anywhere in the paragraph
_NOTHING_TO_DO = re.compile(r"\bthere\s+is\s+nothing\s+(?:further|more|else)\s+(?:that\s+)?you\s+need\s+to\s+do\b"
                            r"|\byou\s+do\s+not\s+need\s+to\s+(?:do\s+anything|comply)\b", re.I)


# what a PDF's text layer leaves in a sentence and a reader sees through: a word broken at a line end and
# joined with a space ("image- based"), a footnote number glued to a word ("services12", "fraud,7"), a
# dash that sets off an aside ("all providers – including ..."); ligatures and no-break spaces go by NFKC
_BROKEN_HYPHEN = re.compile(r"\b([a-z]+)- (?=[a-z])")
# a word broken at a line end keeps its hyphen when its first part is a word that opens compounds
# ("image- based", "multi- risk", "user-to- user"); otherwise the hyphen was the line's ("fea- tures")
_COMPOUND_FIRST = frozenset("""image multi user to file live high low self non age end peer cross third child pre post co
    e sub inter under over out well short long open top one two three sexually""".split())
# an amending instruction that was not carried out ("..., after 'large services' insert ...")
_INSTRUCTION = re.compile(r"[\u2018\u201c\"'][^\u2019\u201d\"']{1,80}[\u2019\u201d\"']\s*,?\s+(?:insert|substitute|is\s+(?:omitted|replaced|"
                          r"substituted|inserted))\b|\b(?:insert|substitute|omit|delete)\s+[\u2018\u201c\"']", re.I)
_QUOTED = re.compile(r"[\u2018\u201c\"]([^\u2019\u201d\"]{1,80})[\u2019\u201d\"]")
_GLUED_NOTE = re.compile(r"\b([A-Za-z][a-z]{2,}[,.;:]?|[A-Za-z]{2,}[,.;:])\d{1,2}(?=[\s,.;:)]|$)")
# a running header or footer caught inside a sentence: a page number beside the code's title ("... neither large nor
# 46 Illegal content Codes of Practice for user-to-user services multi-risk"); only with the number, so that "this
# Code of Practice" in a sentence is never taken
_TITLE = r"[A-Z][\w'\u2019-]*\s+(?:[A-Za-z][\w'\u2019-]*\s+){0,5}?Codes?\s+of\s+Practice(?:\s+for\s+(?:[\w-]+\s+){0,2}?services)?"
_RUNNING_HEADER = re.compile(rf"\s(?:\d{{1,3}}\s+{_TITLE}|{_TITLE}\s+\d{{1,3}})(?=\s)")
_ASIDE_DASH = re.compile(r"\s+[\u2013\u2014]\s+|\s*\u2014\s*")


# The words of a condition set inside an obligation, shared with ``application_intros``, which cuts it out:
# "(if) the service ..." / "(where) its regulated service ..." (after if/where/when), and "for each model
# (with systemic risk ...)" (the model's own words follow)
SERVICE_SUBJECT = r"\s+(?:the|its|that|their)\s+(?:[\w-]+\s+){0,3}?(?:services?|providers?|platforms?|models?)\b"
FOR_EACH_MODEL = r"for\s+(?:each|every|any|all|their)\s+(?:of\s+their\s+)?(?:general-purpose\s+ai\s+)?models?\s+"

# "Signatories will, for each model with systemic risk ..., keep ...", "must, if the service is not end-to-end
# encrypted, detect ...": a duty set inside the obligation for some services only
_DUTY_FOR_SOME = re.compile(
    rf"\b(?:will|shall|must|should),\s+(?:(?:if|where|when){SERVICE_SUBJECT}|{FOR_EACH_MODEL}(?:with|that|which|whose)\b)"
    # "Signatories will take the measures below if: (1) ...; or (2) ..."
    r"|\b(?:will|shall|must|should)\b[^.:]{0,200}\s(?:if|provided\s+that)\s*:"
    # "Signatories will take the steps below to the extent that they integrate the model ...": for those who do
    r"|\b(?:will|shall|must|should)\b[^.:]{0,200}\s(?:to\s+the\s+extent\s+that|in\s*so\s+far\s+as)\s+they\b", re.I)


def clean_artefacts(text: str) -> str:
    """``text`` without the marks of PDF extraction that are no words of the code (see above)."""
    text = unicodedata.normalize("NFKC", text)
    # (a part that is itself inside a hyphenated compound keeps it: "chains-of- thought")
    text = _BROKEN_HYPHEN.sub(lambda m: m.group(1) + ("-" if m.group(1).lower() in _COMPOUND_FIRST
                                                      or text[max(m.start() - 1, 0)] == "-" else ""), text)
    if not AMENDING.search(text) and not _INSTRUCTION.search(text):  # (an instruction's quotes say which words)
        text = _QUOTED.sub(r"\1", text)
    text = text.replace("\u2019", "'")  # "a ‘content recommender system’", "child’s"
    text = _GLUED_NOTE.sub(r"\1", text)
    text = _RUNNING_HEADER.sub("", text)
    return _ASIDE_DASH.sub(", ", text)


def without_asides(text: str) -> str:
    """``text`` without amendment notes that interrupt a sentence ("This measure, as inserted by X, applies")."""
    text = _AMENDED_SO_THAT.sub(lambda m: m.group("first").upper(), text)
    return re.sub(r"[ \t]{2,}", " ", _AMENDMENT_ASIDE.sub(" ", text))


# A paragraph's own label before its words, which says nothing of whom it covers: "(1) A provider of
# ...", "1) A provider of ...", "2. This Division applies ...", "C8.1 This measure ...", "Minimum compliance measure 3.1: A
# provider of ...", "Standard 4 - This standard applies ..."
LEADING_LABEL = re.compile(
    # (a footnote's number before its text: "1 This measure applies only to ..."; a section's: "18 A provider of ...")
    r"^\s*(?:(?:\d{1,3}\s+)?\(\w{1,4}\)\s*|(?:\d{1,3}|[a-z]|[ivx]{1,4})\)\s+(?=[A-Z])|\d{1,3}\.\s+|\d{1,3}\s+(?=(?:This|These|The|It|Providers?|Signatories|Services|An?|Each|Every|Any|All)\s)|(?i:recommendations?|requirements?|what\s+(?:to|you\s+should|you\s+must)\s+do|"
    r"actions?|obligations?|dut(?:y|ies))\s*:\s*|(?:[A-Z]{2,5}\s+(?=[A-Z]\d))?(?:[A-Z]{1,5}\s?)?\d{1,3}(?:\.\d{1,3})+[A-Z]?\s+(?=[A-Z])"
    r"|[A-Z][a-z]+(?:\s+[a-z]+){0,3}\s+\d{1,3}(?:\.\d{1,3})*\s*[:.\u2013\u2014-]\s+(?=[A-Z])"
    # a heading run into its first sentence ("Policies and community standards: Uphold ..."), never a label that
    # says whom ("Applies to:", "Scope:") nor one that names services ("Providers of large services: ...")
    r"|(?!(?i:applies|application|scope|who|which|in\s+scope)\b)(?![^:.]*\b(?i:services?|providers?|signator\w*|platforms?|"
    r"models?|users?|children)\b)[A-Z][a-z]+(?:\s+[\w'-]+){0,5}:\s+(?=[A-Z]))")

# a sentence that tells the provider what to do: a recommendation, not a statement of scope
_DUTY = re.compile(r"\b(?:should|must|shall|will|is\s+expected\s+to|are\s+expected\s+to|is\s+recommended\s+to|"
                   r"commits?\s+to|undertakes?\s+to)\b", re.I)


# consultation wording: "We propose that this measure should apply to ...", "We propose to apply this measure to
# ...", "Note: this measure applies only to ..."
SENTENCE_START = r"(?:^|(?<=[.;:]\s))"  # (shared with ``application_rewrites``)
_PROPOSAL_FRAME = re.compile(
    SENTENCE_START + r"(?:(?:we\s+(?:now\s+)?(?:propose|are\s+proposing|proposed|recommend|intend|have\s+decided)|our\s+"
    r"(?:proposal|view|recommendation|decision)\s+is|it\s+is\s+proposed)\s+that\s+|(?:note|nb|n\.b\.|please\s+note)\s*[:,\u2013\u2014-]\s*)"
    r"(?=(?:this|the|it|providers?|services?|signator\w*)\b)", re.I)
_PROPOSE_TO_APPLY = re.compile(SENTENCE_START + r"we\s+(?:propose|intend|are\s+proposing|plan)\s+to\s+apply\s+(?:this|the)\s+measure\s+"
                               r"(only\s+)?to\b", re.I)
_SHOULD_APPLY = re.compile(r"\b((?:this|the)\s+measure|it)\s+(?:should|would|will|shall)\s+(?:only\s+)?apply\s+(only\s+)?to\b", re.I)


def without_proposal_frame(text: str) -> str:
    """``text`` with the frame of a proposal or note taken off its statement of scope ("We propose that this measure
    should apply to large services" -> "this measure applies to large services")."""
    text = _PROPOSAL_FRAME.sub("", text)
    text = _PROPOSE_TO_APPLY.sub(lambda m: f"This measure applies {m.group(1) or ''}to", text)
    return _SHOULD_APPLY.sub(lambda m: f"{m.group(1)} applies {m.group(2) or ''}to", text)


def is_application(text: str, phrase: re.Pattern[str] | None, under_heading: bool, first_under_heading: bool) -> bool:
    """Is this paragraph (of a measure) application text?"""
    text = plain_legal(without_proposal_frame(clean_artefacts(text)))
    if CONDITIONAL_OBLIGATION.match(text) and _DUTY.search(text):
        return False
    unlabelled = LEADING_LABEL.sub("", text, count=1)
    if phrase is not None and (phrase.search(text) or phrase.search(without_asides(text)) or phrase.search(unlabelled)):
        return True
    if (STRAY_APPLICATION.match(without_asides(text)) or STRAY_APPLICATION.match(without_asides(unlabelled))
            or _RELEASE_FROM_DUTY.match(unlabelled) or _SCOPE_SHAPES.search(unlabelled)
            or _excluded().search(unlabelled) or (WHOM_SIGNAL.search(unlabelled) and _NAMES_SERVICES.search(unlabelled))
            or _NOTHING_TO_DO.search(text) or _DUTY_FOR_SOME.search(text) or ASKS_WHOM.match(unlabelled) or speaks_of_another(unlabelled)
            # "Signatories will have the model evaluated, unless it counts as similarly safe": a duty, then whom it leaves out
            or any(_DUTY.search(text, 0, m.start()) and not PROVIDER_ACTS.match(text, m.end())
                   for m in LATE_EXCEPTION.finditer(text))):
        # "It does not apply where the provider uses ...": a sentence about whom the measure covers
        # that the profile's phrase does not know; passing it over would drop an exception
        return True
    if under_heading:
        # the first paragraph under "Application" is the application; later ones only when they
        # tell nobody to do anything (a measure with no "Recommendation" sub-heading would
        # otherwise have every paragraph taken as application text)
        return first_under_heading or not _DUTY.search(text)
    return False


# "If you share children's data ...": a paragraph that sets its own condition on the reader
_OPENS_WITH_CONDITION = re.compile(r"^\s*(?:\(?[a-z0-9ivx]{1,4}[.)]\s*)?(?:if|where|when)\s+(?:you|your)\b", re.I)
# "If the controls you provide ...," / "Where your service ...,": a condition addressed to the reader,
# before the first comma
_CONDITION_ON_READER = re.compile(r"^\s*(?:if|where|when)\b[^,.;:]{0,80}?\b(?:you|your)\b[^,.;:]*,", re.I)
# "Where the service has fewer than 700,000 users, the provider should ...": a condition on the service, then
# the duty of its provider
_CONDITION_ON_SERVICE = re.compile(
    r"^\s*(?:if|where|when)\s+(?:a|an|the|any)\s+(?:[\w-]+\s+){0,4}?(?:services?|platforms?)\b[^.;:]*,\s*(?:then\s+)?"
    r"(?:(?:its|the|that)\s+providers?(?:\s+of\s+(?:the|that|this|such\s+a)\s+(?:[\w-]+\s+){0,2}?service(?!\s+will\b))?|it|they)\s+"
    r"(?:should|must|shall|will|is\s+expected\s+to|needs?\s+to)\b", re.I)
# "Do not disclose children's data ...", "Switch geolocation options off by default": a duty for everyone, in the
# imperative (the verbs are application.toml's piece "imperative", which also ends a condition on the reader)
@functools.lru_cache(maxsize=1)
def _imperative() -> re.Pattern[str]:
    return re.compile(r"^\s*(?:\(?[a-z0-9ivx]{1,4}[.)]\s*)?" + grammar_data()["pieces"]["imperative"], re.I)


def is_unconditional_duty(text: str) -> bool:
    """A paragraph that tells every reader what to do, with no condition of its own first."""
    return not _OPENS_WITH_CONDITION.match(text) and not CONDITIONAL_OBLIGATION.match(text) and bool(
        _imperative().match(text) or _READER_DUTY.search(text))


# a duty laid on the reader as a sentence's subject ("You should", "Providers must"), not any "will"
# ("children are entitled to expect that the rules ... on your service will be applied" sets no duty)
_READER_DUTY = re.compile(
    r"(?:^|[.;:]\s+)\s*(?:(?:the|all|each|every|a)\s+)?(?:you|providers?|signator(?:y|ies)|services?|organisations?|we)\s+(?:\w+\s+)?"
    r"(?:should|must|shall|will|need\s+to|are\s+expected\s+to|is\s+expected\s+to|are\s+required\s+to)\b", re.I)


# "If you rely on user reports to enforce those standards": a condition that refers back to what an earlier one named
_REFERS_BACK = re.compile(r"^\s*(?:if|where|when)\s+(?:you|your)\b[^,.;]{0,120}?\b(?:those|these|such|them|the\s+same)\b", re.I)


def _binds_every_reader(text: str) -> bool:
    """``is_unconditional_duty`` of the paragraph as printed or without its number ("8.1 Collect only ...")."""
    return is_unconditional_duty(text) or is_unconditional_duty(LEADING_LABEL.sub("", text, count=1))


def after_a_duty_for_all(texts: Sequence[str], chosen: Sequence[int]) -> list[int]:
    """``chosen`` without "If you ..." paragraphs that follow a duty for everyone.

    Once a standard has said "Do not disclose children's data ..." to every reader, a later "If you
    share children's data with third parties, carry out due diligence" is a further duty for some
    readers (a conditional obligation), not a statement that the standard covers only them.
    """
    out = []
    binds = [_binds_every_reader(t) for t in texts]
    for i in chosen:
        earlier_duty = any(j not in chosen and binds[j] for j in range(i))
        # (without its number: "8.2 If you offer ...")
        if earlier_duty and _OPENS_WITH_CONDITION.match(LEADING_LABEL.sub("", texts[i], count=1)):
            continue
        if _REFERS_BACK.match(LEADING_LABEL.sub("", texts[i], count=1)) and any(
                _OPENS_WITH_CONDITION.match(LEADING_LABEL.sub("", texts[j], count=1)) for j in out):
            # "If you publish community standards, uphold them. / If you rely on user reports to enforce those standards,
            # ...": a further duty for some of those the first condition names, not a second group
            continue
        if (_ALSO_IN_SUBJECT.match(LEADING_LABEL.sub("", texts[i], count=1)) and not STRAY_APPLICATION.match(texts[i])
                and any(j not in chosen and _DUTY.search(texts[j]) for j in range(i))):
            # "Signatories that also operate a search engine will ..." after a duty (even one with a condition of its
            # own): a further duty for some of those the first binds, never whom the measure covers
            continue
        out.append(i)
    return out


# a paragraph whose subject is only some readers: "Signatories that are SMEs may ...", "A provider of a
# hosting service must ...", "Where your connected toy is used by several people, ..."
_SCOPED_SUBJECT = re.compile(
    r"^\s*(?:(?:a|an|the|each|every|all|any)\s+)?(?:providers?|signator(?:y|ies)|manufacturers?|suppliers?)"
    r"(?:\s+(?:or|and)\s+(?:manufacturers?|suppliers?|providers?))?\s+"
    r"(?:of\s+(?!(?:the|its|this|that|their|your)\s+(?:online\s+)?(?:service|platform)\b)|that\b|who\b|whose\b|which\b"
    r"|(?<=signatories\s)(?:providing|offering|placing|releasing|with)\b)"
    r"|^\s*(?:if|where|when)\s+(?:you|your|(?:a|the|any)\s+signatory)\b"
    # ("When crawling the web, Signatories will exclude ...": those who crawl; read, or left unclear, never every reader)
    r"|^\s*(?:when|while|if|where)\s+[a-z]{3,}ing\b[^,.;]{0,120},\s+(?:signatories|providers?|you)\s+(?:will|shall|must|should)\b"
    # "For each model with systemic risk, Signatories will ...": the Signatories with those models
    rf"|^\s*{FOR_EACH_MODEL}(?:with|that|which|whose)\b[^,.;]{{1,160}},\s+signatories\s+(?:will|shall|must|should|commit)\b"
    # "Large services are expected to ...", "Services with more than 700,000 users that ... should ...": the services
    # themselves as the subject of the duty
    r"|^\s*(?:(?:all|any|the)\s+)?(?:(?!(?:of|for|to|providers?|those|these|such|other|same)\b)[\w-]+\s+){1,4}?services\s+"
    r"(?:should|must|shall|(?:is|are)\s+(?:expected|required)\s+to)\b"
    r"|^\s*(?:(?:all|any|the)\s+)?(?:[\w-]+\s+){0,4}?services\s+(?:with|that|which|whose|at|on\s+which|where)\b[^.]*?\s"
    r"(?:should|must|shall|(?:is|are)\s+expected\s+to)\s", re.I)


_OPENING_EXCEPTION = re.compile(r"^\s*(?:except|save)\s+(?:where|if|when|for)\s+[^,]{1,200},\s*", re.I)


def settle_application(texts: Sequence[str], chosen: Sequence[int]) -> list[int]:
    """The application paragraphs finally kept (``_settled``), with every paragraph that amends their words ("in
    paragraph C3.1, after 'large services' insert ...": the measure is read as amended, ``amendments``)."""
    kept = _settled(texts, sorted({*chosen, *_exception_tails(texts, chosen)}))
    applied = [texts[i] for i in kept if not AMENDING.search(texts[i])]
    if not applied:
        return kept
    # an instruction that amends another numbered paragraph ("in paragraph C3.2, for '24 hours' substitute ...")
    # changes a recommendation: it is no part of whom the measure covers
    kept = [i for i in kept if not (AMENDING.search(texts[i]) and amends_another_paragraph(texts[i], applied))]
    more = [i for i, t in enumerate(texts) if i not in kept and AMENDING.search(t) and amends_words_in(t, applied)]
    return sorted({*kept, *more})


def _exception_tails(texts: Sequence[str], kept: Sequence[int]) -> list[int]:
    """Paragraphs that continue the sentence before them (it ends with a comma) with an exception or a condition on the
    service, after a kept paragraph or a duty for everyone (the exception is whom the measure leaves out), or after any
    other duty (with it: the sentence is read whole)."""
    tails = [i for i in range(1, len(texts)) if i not in kept and re.search(r",\s*$", texts[i - 1])
             and (EXCEPTION_TAIL.match(clean_artefacts(texts[i])) or CONDITION_TAIL.match(clean_artefacts(texts[i])))]
    # (after any other duty, "External assessments are to be obtained by Signatories for each model ..., / unless the
    # model qualifies as similarly safe": the sentence is read whole, both paragraphs, never its tail alone)
    read = [j for i in tails for j in ((i,) if i - 1 in kept or _binds_every_reader(clean_artefacts(texts[i - 1]))
                                       else (i - 1, i) if _DUTY.search(texts[i - 1]) or PASSIVE_DUTY.search(texts[i - 1]) else ())]
    # ... and a kept paragraph's sentence that goes on in the next ("... large services, / and to providers of ...")
    goes_on = [i for i in range(1, len(texts)) if i - 1 in kept and i not in kept and CONTINUATION.match(texts[i])
               and not re.search(r"[.!?;:]\W{0,2}$", texts[i - 1])]
    return sorted({*read, *goes_on})


def _settled(texts: Sequence[str], chosen: Sequence[int]) -> list[int]:
    """The application paragraphs finally kept: ``after_a_duty_for_all``, and, when none is left, the
    first paragraph whose subject is only some readers, provided no paragraph before it lays a duty on
    everyone (a measure with no sentence of scope but "Signatories that are SMEs may ..." is for SMEs; one
    that opens "The provider should ..." and later says "Providers of large services should also ..." is
    not)."""
    kept = after_a_duty_for_all(texts, chosen)
    if kept and all(_RESTRICTS_ONLY.match(LEADING_LABEL.sub("", clean_artefacts(texts[i]), count=1))
                    or EXCEPTION_TAIL.match(clean_artefacts(texts[i])) for i in kept):
        # "C5.1 Providers of services at high risk of grooming should ...", "C5.2 This applies only where the service
        # has user profiles": the restriction narrows the services the duty's subject named, which are kept with it
        first = min(kept)
        for i in range(first):
            body = _OPENING_EXCEPTION.sub("", LEADING_LABEL.sub("", texts[i], count=1), count=1)
            if _SCOPED_SUBJECT.match(body) and not CONDITIONAL_OBLIGATION.match(body):
                kept = sorted({i, *kept})
                break
    if kept:
        return _with_limbs(texts, kept)
    for i, text in enumerate(texts):
        # ("Except where the service is an enterprise service, a provider of ...": the subject after the exception;
        # "For the purposes of this measure, a 'scheme' is ... . Where a large service operates a scheme, ...": the
        # sentence after the definition)
        body = _OPENING_EXCEPTION.sub("", _LEADING_DEFINITION.sub("", LEADING_LABEL.sub("", text, count=1), count=1), count=1)
        if _SCOPED_SUBJECT.match(body) and not CONDITIONAL_OBLIGATION.match(body):
            if i and _ALSO_IN_SUBJECT.match(body) and any(_DUTY.search(t) for t in texts[:i]):
                return []  # a further duty for some of those an earlier duty binds (``after_a_duty_for_all``)
            # ("Providers of services with livestreaming should prevent ..., / unless the service prohibits ...": the
            # duty's sentence goes on, in the next paragraph, with whom it leaves out; "C7.1 Providers of multi-risk
            # services should do X. / C7.2 Providers of large services should do Y.": each duty's subject is whom)
            more = [j for j in range(i + 1, len(texts)) if _SCOPED_SUBJECT.match(later := LEADING_LABEL.sub("", texts[j], count=1))
                    and not re.match(r"\s*(?:if|where|when|for)\b", later, re.I) and not CONDITIONAL_OBLIGATION.match(later)
                    and not re.search(r"\balso\b", later[:200], re.I)]  # ("... should also ...": a further duty)
            return sorted({i, *more, *_exception_tails(texts, [i, *more])})
        if _CONDITION_ON_READER.match(body) or _CONDITION_ON_SERVICE.match(body):
            # "If the parental controls you provide let a parent limit screen time, explain ...": the first
            # duty is on a condition about the reader's own service, so the standard is for those readers
            return [i, *_exception_tails(texts, [i])]
        if _DUTY.search(text) or _binds_every_reader(text):
            return []
    return []


# "Signatories that also operate ...", "Providers of such services should also ...": "also" in the subject or before the verb
_ALSO_IN_SUBJECT = re.compile(r"^[^,.;:]{0,120}?\balso\b", re.I)
# a definition that opens a paragraph: "In this measure, 'X' means ... . ", "For the purposes of this measure, ... . "
_LEADING_DEFINITION = re.compile(r"^\s*(?:in|for\s+the\s+purposes\s+of)\s+this\s+(?:measure|standard|section|code|chapter|commitment|part)"
                                 r"\s*,[^.]*\.\s+(?=[A-Z])", re.I)


# "This section applies to a provider of a social media service if:" followed by "(a) the service is ...; and"
# "(b) ...": the sentence goes on in the sub-items after it
_OPENS_LIMBS = re.compile(r"(?::|\b(?:if|where|unless|that|which|who)\s*:?|\bof\s+the\s+following\s*:?)\s*$", re.I)
_LIMB = re.compile(r"^\s*\(?(?:[a-h]|[ivx]{1,4})[.)]\s", re.I)


# a sentence that only narrows, widens or excepts what another says ("This applies only where ...", "It does not
# apply to ...", "It also applies to ...")
_RESTRICTS_ONLY = re.compile(r"^\W*(?:(?:where|if|when|in\s+the\s+case\s+of|in\s+(?:either|each|both|every|any)\s+case)\b[^,.;]{0,160},\s*)?"
                             # ("Where the service is a vertical search service, this measure does not apply")
                             r"(?:(?:this|the)\s+(?:[\w-]+\s+){0,3}?(?:measure|standard|section|commitment|requirement|paragraph)|this|it)\s+"
                             r"(?:(?:only\s+)?applies\s+only|only\s+applies|does\s+not\s+apply|"
                             r"also\s+applies|applies\s+also)\b", re.I)
# a heading-like label with nothing after it, whose answer is the next paragraph ("Who this measure is for")
WHO_LABEL = re.compile(r"\s*(?:who\s+(?:this|the)\s+(?:measure|standard|section|commitment|requirement)\s+(?:is\s+for|applies\s+to)"
                        r"|who\s+(?:it|this)\s+applies\s+to|who\s+should\s+apply\s+(?:it|this\s+measure)|application|scope|"
                        r"applies\s+to)\s*[:.]?\s*", re.I)


def _with_limbs(texts: Sequence[str], kept: list[int]) -> list[int]:
    """``kept`` and, after a kept paragraph that ends where its sub-items start, those sub-items (or, after a
    paragraph that asks whom the measure is for, the answer)."""
    out = list(kept)
    for i in kept:
        text = clean_artefacts(texts[i]).strip()
        if (ASKS_WHOM.fullmatch(text) or WHO_LABEL.fullmatch(text)) and i + 1 < len(texts) and i + 1 not in out:
            out.append(i + 1)  # "Which services does this measure apply to?" / "Large services."
        if not _OPENS_LIMBS.search(text):
            continue
        j = i + 1
        while j < len(texts) and _LIMB.match(texts[j]):
            if j not in out:
                out.append(j)
            j += 1
        if j > i + 1 and j < len(texts) and j not in out and _AFTER_LIMBS.match(texts[j]) and re.search(r"[,;]\s*(?:and|or)?\s*$", texts[j - 1]):
            out.append(j)  # "(b) at high risk of violent content, / in each case where ...": the sentence's end
    return sorted(out)


# the words that end a sentence after its sub-items and bear on all of them: "in each case where the service does not
# use highly effective age assurance", "provided that ...", "other than ..."
_AFTER_LIMBS = re.compile(r"^\s*(?:and\s+|or\s+)?(?:in\s+(?:each|either|both|every|any)\s+(?:case|cases)|provided\s+that|save\s+that|"
                          r"except\b|excluding|other\s+than|unless)\b", re.I)


def application_paragraphs(texts: Sequence[str], phrase: re.Pattern[str] | None) -> list[int]:
    """Indexes of the application paragraphs among a measure's paragraphs given as plain text."""
    chosen = [i for i, t in enumerate(texts) if is_application(t, phrase, False, False)]
    return settle_application(texts, chosen)
