"""Which of a measure's paragraphs say whom it applies to.

Why its own module: the extractor (paragraphs from a PDF) and the applicability evaluation set
(paragraphs given as text) must decide this the same way. A paragraph is application text when it
carries the profile's application phrase ("This measure applies to ..."), or when it sits under an
"Application" sub-heading and is not itself a recommendation. A paragraph that opens with a
condition on the provider's own conduct ("Where the provider has ..., it should ...") is a
conditional obligation, not application text, even when it mentions "applies". A paragraph that opens
by saying whom the measure covers in words the profile's phrase does not know ("It does not apply
where ...") is application text too. Amendment notes inside a sentence ("This measure, as inserted
by ..., applies") are removed before any of this. Which of the paragraphs chosen here are finally kept
(and which others are read with them) is ``application_settle``'s.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from typing import Any

from .amendments import AMENDING
from .late_exceptions import LATE_EXCEPTION, PROVIDER_ACTS, WHOM_SIGNAL
from .legal_drafting import MEASURE_NUMBER, NAMED_MEASURE, OWN_NUMBER_RUN_IN, PARAGRAPH_OF, plain_legal
from .model_wordings import FOR_EACH_MODEL, OF_THEIR_MODELS, SAID_OF_THE_MODELS, SUPERSCRIPT_POWER, THEIR_SYSTEMIC_RISK_MODELS
from .paragraph_references import CARRIED_OVER, PARAGRAPH_LABEL, REFERENCE, STANDARD_NAME, speaks_of_another
from .paths import PACKAGE_DATA
from .release_phrases import NEED_DO_NOTHING_UNDER, NOTHING_UNDER, SMES_OR_SMCS, opens_with_release

# "Where the provider uses ..., it should ...": a condition on what the provider does, then a duty
CONDITIONAL_OBLIGATION = re.compile(
    # (never "Where a provider's terms of service do not prohibit ...": what the service is, not what its provider does)
    r"^\s*(?:\(?[a-z0-9ivx]{1,4}[.)]\s*)?(?:where|if|when|once)\s+(?:the|a|that)\s+provider\b(?![\u2019']s\b)", re.I)
# "If your service is aimed at children under 13, the DPIA should also set out ...": a condition, then more for the duty's
# own thing (the assessment, report, notice) to do; what the duty holds for some, not whom the measure covers (read as
# application, the standard had been only for those services)
_CONDITION_THEN = r"(?:where|if|when)\s+[^,.;]{3,160},\s+"
ADDS_TO_DUTY = re.compile(
    rf"^\s*(?:\(?[a-z0-9ivx]{{1,4}}[.)]\s*)?{_CONDITION_THEN}(?:the|your|its|their|that|this)\s+"
    r"(?!(?:online\s+|regulated\s+)?(?:providers?|services?|signator\w+|measures?|standards?|sections?|codes?|commitments?)\b)"
    r"[\w-]+(?:\s+[\w-]+){0,2}\s+(?:should|must|will|shall|needs?\s+to)\s+also\b"
    # ("If your service is controlled by voice, make sure this information can also be given by voice": more of a duty)
    rf"|^\s*{_CONDITION_THEN}(?:make\s+sure|ensure)\s+(?:that\s+)?(?:this|that|these|those|the\s+same)\b[^.;]{{0,80}}?\balso\b", re.I)
# ", as inserted by the ... Amendment Code 2026," / "(as amended by ...)": where the wording came from,
# never whom it covers; it sits between "This measure" and "applies", so it must go before the phrase
# is looked for (and before the wording is parsed)
_AMENDMENT_ASIDE = re.compile(
    r",\s*as\s+(?:inserted|amended|substituted|added|varied|modified|updated|introduced)\s+(?:by|in|under|from)\s+[^,;]{1,200}?,"
    # (and "[Inserted by the Amendment Code 2026]", "[Substituted]": an editor's note on the paragraph)
    # (the instrument's own brackets inside: "[Inserted by the Amendments (No. 3) Code 2027]")
    # ("[inserted 2026]", "[as amended 9 September 2026]", "[Measure inserted by the 2026 amendments]": a date, or the
    # thing inserted, in the note)
    r"|\s*\[\s*(?:(?:measure|paragraph|section|standard)\s+)?(?:as\s+)?(?:inserted|amended|substituted|added|varied|modified|updated|introduced)"
    r"(?:\s+(?:by|in|under|from)\s+[^\[\]]{1,200}|\s+(?:on\s+)?(?:\d{1,2}\s+[A-Za-z]{3,9}\s+)?\d{4})?\.?\]"
    r"|\s*\(\s*(?:as\s+)?(?:inserted|amended|substituted|added|varied|modified|updated|introduced)(?:\s+(?:by|in|under|from)\s+"
    r"[^()\[\]]{1,200}(?:\([^()]{1,20}\)[^()]{0,120})?)?\)", re.I)
# "C5.2 Paragraph C5.1 is amended so that the measure also applies to large services": what the change says
_AMENDED_SO_THAT = re.compile(
    r"(?:^|(?<=[.;]\s))\s*(?:[A-Z]{0,5}\s?\d{1,3}(?:\.\d{1,3})+\s+)?(?:paragraph|measure|sub-?paragraph|section|sub-?section)\s+"
    r"[\w.()]{1,10}\s+(?:is|shall\s+be|has\s+been)\s+(?:amended|modified|varied)\s+so\s+that\s+(?P<first>\w)", re.I)
# "This measure ... applies to": a sentence that says whom the measure covers, in any wording;
# used to notice application text that the profile's phrase did not catch
STRAY_APPLICATION = re.compile(
    r"^\s*(?:[A-Z]{0,5}\s*\d{1,3}(?:\.\d{1,3})*[A-Z]?[.:]?\s+|\(\w{1,4}\)\s*)?(?:(?:however|but|further(?:more)?|nevertheless|despite\s+(?:that|this)|moreover|additionally|in\s+addition|in\s+(?:either|each|both|every|any)\s+cases?),?\s+)?"
    # "Drafting note: this Measure is intended for ...", "Box 2. This measure applies to ...": a label first
    r"(?:(?:drafting\s+|explanatory\s+|editorial\s+)?note\s*[:.\u2013\u2014-]\s*|box(?:\s+\d{1,3})?\s*[:.\u2013\u2014-]\s*)?"
    # "Although the risk is greatest where ..., this measure is recommended for all search services"
    # ("Where the provider prohibits users under 18 ..., the measure does not apply")
    r"(?:(?:although|though|even\s+though|where|if|when|once)\b[^,.;]{1,200},\s*)?"
    # "In the case of a high impact generative AI service, the measure does not apply where ..."
    r"(?:in\s+the\s+case\s+of\s+[^,.]{1,160},\s*)?"
    r"(?:(?:this|the|these|that|both(?:\s+(?:of\s+)?the)?)\s+(?:[\w-]+\s+){0,3}?(?:measures?|standards?|"
    r"commitments?|sections?|recommendations?|requirements?|expectations?|divisions?|parts?|chapters?|codes?|mcms?|"
    r"subsections?|sub-sections?|paragraphs?|clauses?|obligations?|duties|duty|rules?|exceptions?|exemptions?|head\s+terms)\b(?:[^.]|\.(?=\d)){0,240}?|"
    # ("Sections 17 to 19 do not apply to ...", "Measures 1.1 to 1.3 do not apply to ...")
    r"measures\s+\d{1,3}\.\d{1,3}(?:\s*(?:to|and|,|-|\u2013)\s*\d{1,3}\.\d{1,3})+\s+|"
    r"(?:sub-?section|paragraph|clause|section|part|division|standard)s?\s+\(?\w{1,4}\)?(?:\s*\(\w{1,4}\))?(?:\s*(?:to|and|,|-|\u2013)\s*\(?\w{1,4}\)?)*"
    r"(?:[\u2019']s\s+(?:exceptions?|exemptions?))?\s+|(?:it|they|this|that)\s+"
    # ("Point (c) of this Measure also applies to Signatories that ...")
    r"|(?:point|limb|item)\s+\(?\w{1,4}\)?\s+of\s+this\s+(?:measure|commitment|standard)\s+"
    # ("Paragraph H3.1 does not apply to ...", "Neither paragraph C20.1 nor paragraph C20.2 applies in respect of ...")
    rf"|{REFERENCE}\s+"
    # ("Measure C7 does not apply to ...": a measure named by its number, read or left unclear, never passed over)
    r"|(?:(?:minimum\s+compliance\s+)?measure|mcm|standard|commitment)\s+[A-Z]{0,5}\s?\d{1,3}(?:\.\d{1,3})*\s+(?:\([^()]{1,80}\)\s+)?"
    # ("Measures A5 and A6 apply to ...": whom, shared by the measures named)
    r"|measures\s+[A-Z]{1,2}\d{1,3}(?:\s*(?:,|and)\s*[A-Z]{1,2}\d{1,3})+\s+"
    # ("ICU C13 applies to providers of large services ...", "PCU C11 (added 2026) applies to ..."): named by its code
    r"|(?-i:[A-Z]{2,5}\s+[A-Z]{1,2}\d{1,3}[A-Za-z]?)\s+(?:\([^()]{1,80}\)\s+)?)"
    # ("These Head Terms apply, together with the industry code for the relevant section, to providers ...")
    r"\b(?:(?:only\s+|also\s+)?appl(?:y|ies)(?:\s*,\s*(?:together|along)\s+with\s+[^,.;]{1,120},)?\s+(?:only\s+|also\s+|instead\s+)?(?:to|for|where|if|in|when|unless)|"
    # ("This excludes services that ...", "However, it does apply to an SME whose model has systemic risk", "It still
    # applies to ...")
    r"(?:excludes|(?:does|do)\s+not\s+include)(?=\s+(?:all\s+|any\s+|the\s+)?(?:[\w-]+\s+){0,4}?(?:services?|providers?|platforms?|models?|signator))|"
    r"(?:does|do)\s+(?:nevertheless\s+|still\s+|also\s+)?(?:apply\s+(?:to|for)|extend\s+to|(?:cover|reach)\s+(?=any\b|every\b|all\b))|(?:still|nevertheless)\s+applies|continues?\s+to\s+apply|"
    r"(?:ceases?\s+to\s+apply|stops?\s+applying|no\s+longer\s+appl(?:y|ies))\s+(?:to|where|if|when|once)|no\s+longer\s+reach(?:es)?\s+(?:it|them)\b|"
    # ("Paragraph D6.2 does not exempt a general search service ...")
    r"(?:does|do)\s+not\s+(?:exempt|exclude)\b|"
    # ("Paragraph (1) does not concern a model that ...", never "... does not concern datasets that a Signatory buys")
    r"(?:does|do)\s+not\s+concern(?=\s+(?:an?|any|the)\s+(?:(?!(?:that|which|who|whose)\b)[\w-]+\s+){0,3}?(?:services?|providers?|platforms?|"
    r"models?|signator))|"
    r"(?:does|do)\s+not\s+(?:apply|extend\s+to(?!\s+(?:any\s+|the\s+|all\s+)?(?:content|material|messages?|communications?|images?|videos?|posts?)\b))|(?:is|are)\s+(?:only\s+|also\s+)?(?:recommended\s+)?for|"
    # "This Commitment concerns only Signatories providing ...", "is aimed at providers of ..."
    # ("This part concerns services used by both adults and children ...": whom, as "covers" below)
    r"(?:only\s+)?concerns?\s+only|(?:only\s+)?concerns?(?=\s+(?:(?:all|each|every|any|those)\s+)?(?:[\w-]+\s+){0,2}?(?:services?|providers?|signator(?:y|ies))\s+(?:that|which|who|whose|with|used|offering|providing|aimed|likely)\b)|(?:is|are)\s+(?:only\s+)?(?:aimed\s+at|addressed\s+to|directed\s+at|limited\s+to|confined\s+to|targeted\s+at)|"
    # "This measure is not recommended for small services", "is relevant only to", "covers large services"
    r"(?:is|are)\s+(?:not\s+|only\s+)?(?:(?:recommended|intended|designed|meant)\s+(?:only\s+)?for|relevant\s+(?:only\s+)?to)|(?:is|are)\s+not\s+for\b|(?:does|do)\s+not\s+(?:cover|reach(?!\s+(?:any\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:content|material|messages?|images?)\b))|"
    r"(?:only\s+|also\s+)?(?:covers?|reach(?:es)?)(?!\s+(?:how|what|when|why|whether|the\s+ways?|the\s+steps|steps)\b)(?=\s+(?:only\s+)?(?:(?:all|each|every|the|a|an|any)\s+)?(?:[\w-]+\s+){0,4}?(?:services?|providers?|platforms?|models?|signator(?:y|ies))\b)|"
    # "This section is relevant to you if you show children advertising ..."
    r"(?:is|are)\s+(?:only\s+)?relevant\s+(?:to\s+you\s+)?(?:only\s+)?(?:if|where|when)|"
    # "The exemption for open-source models is available only where ...": whom an exemption takes out
    r"(?<=exemption\s)(?:[^.]{0,80}?\s)?(?:is|are)\s+(?:only\s+)?available\s+(?:only\s+)?(?:to|for|where|if|when|unless))\b", re.I)

# The services as the subject of the measure: "(Services with ...) should apply this measure", "(...) are in
# scope of this measure"; shared with ``application_intros``, which cuts a condition after it ("... if they ...")
APPLY_THIS_MEASURE = (r"(?:should|must|shall|(?:is|are)\s+(?:also\s+)?(?:expected\s+|required\s+)?to)\s+(?:(?:apply|follow|adopt|implement|comply\s+with)\s+this\s+measure"
                      r"|(?:take|apply|follow)\s+the\s+steps\s+(?:(?:set\s+out|described)\s+)?in\s+this\s+measure)"
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
    r"|^\s*nor\s+(?:does|do|is|are)\s+(?:it|they|this|the)\b|^\s*(?:all\s+|every\s+|any\s+)?other\s+(?:signatories|providers|services)\s+(?:will|shall|must|should)\b"
    r"|^\s*so\s+(?:should|must|shall|do|does|will)\s+(?:[\w-]+\s+){0,8}?(?:services?|providers?|platforms?|signator\w*)\b"
    r"|^\s*(?:we|ofcom|the\s+(?:ico|commissioner|ai\s+office|regulator))\s+(?:only\s+)?recommends?\s+(?:this|the)\s+(?:measure|standard|step)\s+(?:only\s+)?(?:to|for)\b"
    # "The documentation obligation is waived for SMEs"
    r"|^\s*(?:it|(?:this|the|these|that)\s+(?:[\w-]+\s+){0,3}?(?:obligations?|requirements?|measures?|duty|duties|commitments?|standards?|"
    r"sections?|chapters?))\s+"
    r"(?:is|are|shall\s+be)\s+(?:waived|disapplied|lifted)\s+(?:for|in\s+(?:respect|relation))\b"
    # "Where it signs the Safety and Security chapter, that chapter reaches only those of its models that ...": whom, in
    # a verb of reach (passed over, the clause had been read as every Signatory's)
    r"|\b(?:this|that|the)\s+(?:chapter|code|measure|section|standard|commitment|part)\s+(?:only\s+)?reaches\s+(?:only\s+)?"
    r"(?:(?:those|the|its|their|all|any)\s+)?(?:of\s+(?:its|their)\s+)?(?:[\w-]+\s+){0,3}?(?:models?|services?|providers?|signator\w*)\b", re.I)

_NAMES_SERVICES = re.compile(r"\b(?:services?|providers?|signator(?:y|ies)|platforms?)\b", re.I)


@functools.lru_cache(maxsize=1)
def grammar_data() -> dict[str, Any]:
    """``data/application.toml``, read once: its openings and ignores (``application_intros``) and the pieces of
    pattern they share with the tests here."""
    with open(PACKAGE_DATA / "application.toml", "rb") as fh:
        return tomllib.load(fh)


@functools.lru_cache(maxsize=1)
def excluded_or_released() -> re.Pattern[str]:
    """"Services whose principal purpose is ... are not covered by this measure", "(...) are exempt from this standard",
    "... is not within this measure", "... are not bound by this Measure", "SMEs need not comply with this Commitment":
    application.toml's pieces "excluded" and "need_not_apply", which the openings that read such sentences use too; and
    "Does it bind a Signatory that publishes ...? As a rule, no." (its piece "asks_of_a_class")."""
    pieces = grammar_data()["pieces"]
    return re.compile(f"{pieces['excluded']}|{pieces['need_not_apply']}|{pieces['asks_of_a_class']}", re.I)

# the people on a service whose abilities name its features ("if children can ...", "where end-users are able to ...")
# (shared with ``whom_wordings``)
USERS = r"(?:other\s+users|children|child\s+users|a\s+child|users|a\s+user|end-?\s?users|an\s+end-?\s?user)"


@functools.lru_cache(maxsize=1)
def users_can_then_do() -> re.Pattern[str]:
    """"Where children can upload photos or videos, make those uploads visible only to the child by default": a
    condition on what people can do on the service (a feature of it), then an instruction; read as application text
    (its opening, in application.toml, makes it the scope only where no other sentence states one)."""
    return re.compile(rf"^\s*(?:if|where|when)\s+(?:{USERS}|"
                      r"parents(?:\s+or\s+carers)?|a\s+parent(?:\s+or\s+carer)?)\s+(?:can|are\s+able\s+to|is\s+able\s+to|may)\b[^.;:]*?,\s+(?:then\s+)?"
                      r"(?:" + grammar_data()["pieces"]["imperative"] + r"|(?:the|its|that)\s+providers?\s+(?:should|must|shall|will)\b)", re.I)

# "Which services does this measure apply to?", "Who is this standard for?": a question-and-answer layout's
# question, whose answer (the rest of the paragraph, or the next one) says whom the measure covers
_WHOM = r"(?:[\w-]+\s+){0,2}?(?:measures?|standards?|sections?|commitments?|requirements?|codes?|expectations?|parts?)"
ASKS_WHOM = re.compile(
    # ("Standard 11: does this part apply to me?": a provision's label before the question)
    r"\s*(?:\(?\w{1,4}[.)]\s*)?(?:(?:standard|measure|section|part|commitment)\s+\d{1,3}\s*[:.\u2013\u2014-]\s*)?(?:(?:which|what)\s+(?:services|providers|signatories|organisations|platforms)\s+(?:does|do|is|are)\s+"
    rf"(?:this|the)\s+{_WHOM}\s+(?:apply\s+to|cover|for)|(?:who|whom)\s+(?:does|do)\s+(?:this|the)\s+{_WHOM}\s+(?:apply\s+to|cover)"
    rf"|(?:who|whom)\s+is\s+(?:this|the)\s+{_WHOM}\s+for|(?:does|do)\s+(?:this|the)\s+{_WHOM}\s+apply\s+to\s+"
    r"(?:me|us|my\s+service|our\s+service)"
    # ("Is this part for you?")
    rf"|(?:is|are)\s+(?:this|the)\s+{_WHOM}\s+for\s+(?:me|you|us|my\s+service|your\s+service|our\s+service)"
    # "Who should apply this measure?"
    rf"|(?:who|which\s+(?:services|providers))\s+(?:should|must|shall|needs?\s+to)\s+(?:apply|follow|implement|take)\s+(?:this|the)\s+{_WHOM})\s*\?", re.I)
# "Where the service is end-to-end encrypted, the provider need not apply this measure (need not do so)": a condition on the
# service, then the release (read as the provider's duty with a long subject, every service had been let out; a
# condition that is no service's, "where it is not technically feasible", limits the duty and is not this)
RELEASE_AFTER_CONDITION = re.compile(
    r"(?:^|(?<=[.;]\s))(?P<label>" + PARAGRAPH_LABEL + r")?(?P<cond>(?:where|if|when)\s+(?:the|its|a|their)\s+(?:[\w-]+\s+){0,2}?services?\s+[^,.;]{3,160}),\s+(?:the|its|a|their)\s+"
    r"providers?\s+(?:need\s+not|(?:is|are)\s+not\s+(?:required|expected|obliged)\s+to|do(?:es)?\s+not\s+(?:need|have)\s+to|may\s+"
    r"(?:choose|decide)\s+not\s+to)\s+(?:(?:apply|follow|comply\s+with|implement)\s+(?:this\s+measure|the\s+measure|it)|do\s+(?:so|this|that))\b", re.I)
# "Does this part apply to my service? It does if you ...": the answer to the question, said as the openings read it
# ("Is this part for you? It is if ... It is not if ...": a further answer in the same words)
# ("Does this part apply to me? Yes, if ... No, if ...": the bare answers)
ANSWERED = re.compile(r"\s*(?:(?:yes,?\s+|no,?\s+)?it\s+(?:does|is)(?P<neg>\s+not|n[\u2019']t)?|yes|(?P<no>no)),?\s+"
                       r"(?=(?:only\s+)?(?:if|where|when|unless)\b)", re.I)
_ANSWERED_AGAIN = re.compile(r"(?<=[.;]\s)" + ANSWERED.pattern.removeprefix(r"\s*"), re.I)


def question_of_whom_answered(work: str) -> str:
    """``work`` with a question of whom ("Does this part apply to my service?") taken away, and an answer that opens
    "It does if ..." or "It does not if ..." said as "This measure applies if ..." (read alone, "It does" says
    nothing the openings know)."""
    out, last = [], 0
    for m in ASKS_WHOM.finditer(work):
        a = ANSWERED.match(work, m.end())
        out.append(work[last:m.start()])
        if a is None:
            out.append(" ")
            last = m.end()
        else:
            out.append(" This measure does not apply " if a.group("neg") or a.group("no") else " This measure applies ")
            last = a.end()
    out.append(work[last:])
    said = "".join(out)
    if last and said != work:
        said = _ANSWERED_AGAIN.sub(lambda m: "This measure does not apply " if m.group("neg") or m.group("no") else "This measure applies ",
                                   said)
    return said


# "However, a provider of a hosting service that hosts a high impact designated internet service must comply with it": the
# services given back after a release of their kind (read in ``release_wordings``)
# ("However, a Signatory that is an SMC must apply it ...": the Signatories named by what they are)
GIVEN_BACK_DUTY = (r"(?:however|but|nevertheless),?\s+(?:a|an|any|the)\s+(?:providers?\s+of\s+(?P<who>[^.;]{3,160}?)"
                   r"|(?P<whom>signator(?:y|ies)\s+(?:that|which|who)\s+[^.;]{3,160}?))\s+"
                   r"(?:must|should|shall|will)\s+(?:still\s+)?(?:comply\s+with|apply|follow)\s+(?:it|this\s+measure|the\s+measure)\b")
_GIVEN_BACK = re.compile(r"^\W*" + GIVEN_BACK_DUTY, re.I)

# "Exempt services: end-to-end encrypted services; ...", a heading "Exemption" over "C12.3 Services whose ...": a label
# whose list, or whose next paragraph, is whom the measure leaves out
_EXEMPT_WORDS = (r"(?:exempt(?:ed)?\s+services|excluded\s+services|services\s+(?:exempted|excluded|not\s+covered)|exemptions?|exceptions?"
                 # ("Who this measure is not for")
                 r"|who\s+(?:this|the)\s+(?:measure|standard|section)\s+is\s+not\s+for|who\s+(?:it|this\s+measure)\s+does\s+not\s+apply\s+to)")
_EXEMPT_LABEL = (rf"(?:(?<=^)|(?<=[.;]\s))\s*{_EXEMPT_WORDS}\s*(?::\s*|\s+(?:(?:[A-Z]{{0,5}}\d{{1,3}}(?:\.\d{{1,3}})+[A-Z]?|\(\w{{1,4}}\))\s+)?(?=(?-i:[A-Z])))")
# ("The exception is a model that is treated as a similarly safe or safer model; for it, ...": the exception named)
_EXEMPT_LABEL += (r"|(?:(?<=^)|(?<=[.;]\s))\s*(?:the|one|an)\s+(?:only\s+)?(?:exceptions?|exemptions?)\s+(?:is|are)\s+"
                  r"(?=(?:an?|any|the|those|all)\s+(?:[\w-]+\s+){0,3}?(?:services?|providers?|models?|signator(?:y|ies)|platforms?)\b)")
EXEMPT_LABEL = re.compile(_EXEMPT_LABEL, re.I)
EXEMPT_HEADING = re.compile(rf"\s*{_EXEMPT_WORDS}\s*[:.]?\s*", re.I)
# "Who need not?", "Who need not apply it?", "Which services are exempt?", "Who does it not apply to?": a question
# whose answer says whom the measure leaves out
ASKS_WHOM_NOT = re.compile(
    r"\s*(?:(?:who|which\s+(?:services|providers))\s+(?:need|needs)\s+not(?:\s+(?:apply|follow|implement|take)\s+"
    rf"(?:it|this|the\s+{_WHOM}))?|(?:who|which\s+(?:services|providers))\s+(?:is|are)\s+(?:exempt(?:ed)?|excluded|not\s+covered)"
    rf"|(?:who|whom)\s+does\s+(?:it|this|the\s+{_WHOM})\s+not\s+(?:apply\s+to|cover))\s*\?\s*|{_EXEMPT_LABEL}", re.I)

# "A provider whose service is in a pre-assessed category is not required to ...": an exemption written
# as a release from the duty
_RELEASE_FROM_DUTY = re.compile(
    r"^\s*(?:(?:however|but),?\s+)?(?P<neither>neither\s+)?(?:a|an|the|any)?\s*(?:(?:smaller|small|micro|medium-sized)\s+)?(?:providers?|signator(?:y|ies)|services?|"
    # ("SMEs need not produce this report", "Smaller providers may skip this report", "Neither an SME nor an SMC has to")
    r"SMEs?|SMCs?|small\s+and\s+medium-sized\s+enterprises)\b"
    r"(?:(?!\b(?:should|must|shall|will|may|ensures?)\b)[^.]){0,240}?"
    r"\b(?:(?:is|are)\s+not\s+(?:required|expected|obliged)\s+to|need\s+not|need\s+only|may\s+(?:choose|decide)\s+not\s+to|do(?:es)?\s+not\s+(?:have|need)\s+to|(?(neither)(?:has|have|needs?)\s+to|(?!))|"
    r"may\s+(?:skip|omit|forgo|dispense\s+with)\s+(?:this|the)\s+(?:report|step|measure|assessment|requirement|review)\b)", re.I)

# "Signatories will report serious incidents. Signatories that already report them under another regime need not do so
# again": a class released later in the paragraph (only the paragraph's opening had been looked at); "..., except that SMEs
# and SMCs need not publish" too
_CLASS_RELEASED = re.compile(r"(?:^|(?<=[.;]\s)|(?<=,\sbut\s)|(?<=\sexcept\sthat\s)|(?<=,\salthough\s))(?:(?:signatories|providers|services)\s+"
                             rf"(?:that|who|whose|which)\b[^.;]{{0,240}}?|{SMES_OR_SMCS}\s+)"
                             r"\b(?:need\s+not|(?:is|are)\s+not\s+(?:required|expected|obliged)\s+to|do\s+not\s+(?:need|have)\s+to)\b", re.I)

# "If your service has no settings that users can change, there is nothing further you need to do": a
# release from the whole standard, anywhere in the paragraph ("..., you do not need to follow 14.4 to 14.6": from some of
# its paragraphs, read or left unclear)
_NOTHING_TO_DO = re.compile(r"\bthere\s+is\s+nothing\s+(?:(?:further|more|else)\s+(?:that\s+)?you\s+need\s+to|(?:further\s+|more\s+|else\s+)?for\s+you\s+to)\s+do\b"
                            r"|\b(?:need\s+not|do(?:es)?\s+not\s+need\s+to)\s+(?:follow|apply|comply\s+with)\s+(?:paragraphs?\s+)?\d{1,2}\.\d{1,2}\b"
                            r"|\byou\s+do\s+not\s+need\s+to\s+(?:do\s+anything|comply)\b|\byou\s+have\s+nothing\s+(?:more\s+|further\s+|else\s+)?to\s+do\b"
                            rf"|\b(?:has|have)\s+{NOTHING_UNDER}"  # ("A Signatory that uses no crawlers has nothing to publish under this paragraph")
                            rf"|\b{NEED_DO_NOTHING_UNDER}"  # ("Signatories that do not crawl need do nothing under this paragraph")
                            # ("This part does not need to be followed unless you have no means of ...": whom it releases)
                            r"|\b(?:this|the)\s+(?:[\w-]+\s+){0,2}?(?:parts?|standards?|sections?|measures?|commitments?|requirements?|chapters?)\s+"
                            r"(?:(?:does|do)\s+not\s+need\s+to|need\s+not)\s+be\s+(?:followed|applied|met|complied\s+with|implemented)\b", re.I)

# what a PDF's text layer leaves in a sentence and a reader sees through: a word broken at a line end and
# joined with a space ("image- based"), a footnote number glued to a word ("services12", "fraud,7"), a
# dash that sets off an aside ("all providers – including ..."); ligatures and no-break spaces go by NFKC
_BROKEN_HYPHEN = re.compile(r"\b([A-Za-z][a-z]*)-[ \n](?=[a-z])")  # ("Ser- vices" opening a sentence, too)
_HYPHEN_ACROSS_PAGE = re.compile(r"\b([a-z]+)- \d{1,3} ([a-z])")
# a word broken at a line end keeps its hyphen when its first part is a word that opens compounds
# ("image- based", "multi- risk", "user-to- user"); otherwise the hyphen was the line's ("fea- tures")
_COMPOUND_FIRST = frozenset("""image multi user to file live high low self non age end peer cross third child pre post co
    e sub inter under over out well short long open top one two three sexually""".split())
# an amending instruction that was not carried out ("..., after 'large services' insert ...")
_INSTRUCTION = re.compile(r"[\u2018\u201c\"'][^\u2019\u201d\"']{1,80}[\u2019\u201d\"']\s*,?\s+(?:insert|substitute|is\s+(?:omitted|replaced|"
                          r"substituted|inserted))\b|\b(?:insert|substitute|omit|delete)\s+[\u2018\u201c\"']", re.I)
_QUOTED = re.compile(r"[\u2018\u201c\"]([^\u2019\u201d\"]{1,80})[\u2019\u201d\"]")
_NOTE_MARK = re.compile("(?<=[.,;:)])[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]+")  # a note's mark: "under 13.¹⁰ For" is no "13.10"
_GLUED_NOTE = re.compile(r"\b([A-Za-z][a-z]{2,}[,.;:]?|[A-Za-z]{2,}[,.;:])\d{1,2}(?=[\s,.;:)]|$)")
# a running header or footer caught inside a sentence: a page number beside the code's title ("... neither large nor
# 46 Illegal content Codes of Practice for user-to-user services multi-risk"); only with the number, so that "this
# Code of Practice" in a sentence is never taken
_TITLE = r"(?:[A-Z][\w'\u2019-]*\s+(?:[A-Za-z][\w'\u2019-]*\s+){0,5}?Codes?\s+of\s+Practice(?:\s+for\s+(?:[\w-]+\s+){0,2}?services)?|(?:Transparency|Copyright|Safety\s+and\s+Security)\s+Chapter)"
_RUNNING_HEADER = re.compile(rf"(?:^|\s)(?:(?:Page\s+)?\d{{1,3}}\s+{_TITLE}|{_TITLE},?\s+(?:(?i:page)\s+)?\d{{1,3}})(?=\s)")  # (GPAI: "Page 8 Safety and Security Chapter")
# ... or a header of pipe-separated parts ending in the page ("... systemic risk. GPAI Code | Safety and Security Chapter |
# page 6 It applies to ...")
_PIPED_HEADER = re.compile(r"\s(?:[A-Z][\w-]*\s+)?(?:Code(?:\s+of\s+Practice)?|Chapter|Standard)\s*\|\s*(?:[A-Z][\w-]*\s+(?:(?:and|of|for)\s+)?){1,6}\|\s*(?i:page|p\.)\s*\d{1,3}(?=\s)")
_ASIDE_DASH = re.compile(r"\s+[\u2013\u2014]\s+|\s*\u2014\s*")

# The words of a condition set inside an obligation, shared with ``application_intros``, which cuts it out:
# "(if) the service ..." / "(where) its regulated service ..." (after if/where/when), and "for each model
# (with systemic risk ...)" (the model's own words follow)
SERVICE_SUBJECT = r"\s+(?:the|its|that|their)\s+(?:[\w-]+\s+){0,3}?(?:services?|providers?|platforms?|models?)\b"

# "Signatories will, for each model with systemic risk ..., keep ...", "must, if the service is not end-to-end
# encrypted, detect ...": a duty set inside the obligation for some services only
_DUTY_FOR_SOME = re.compile(
    rf"\b(?:will|shall|must|should),\s+(?:(?:if|where|when){SERVICE_SUBJECT}|{FOR_EACH_MODEL}(?:with|that|which|whose)\b)"
    # "Signatories will take the measures below if: (1) ...; or (2) ..."
    r"|\b(?:will|shall|must|should)\b[^.:]{0,200}\s(?:if|provided\s+that)\s*:"
    # "Signatories will take the steps below to the extent that they integrate the model ...": for those who do
    r"|\b(?:will|shall|must|should)\b[^.:]{0,200}\s(?:to\s+the\s+extent\s+that|in\s*so\s+far\s+as)\s+they\b"
    # "Signatories will carry out evaluations for each of their models that has systemic risk and whose weights ...": the
    # models named after the duty (read as a duty for all that names a feature, the rest of the words had been dropped)
    rf"|\b(?:will|shall|must|should)\b[^.:]{{0,200}}\s{FOR_EACH_MODEL}(?:with|that|which|whose)\b"
    # ("commit to identifying the risks that stem from each of their models with systemic risk": the same in other words;
    # never "the documentation for each of their models that Measures 1.1 to 1.3 describe", what is owed)
    rf"|\b(?:will|shall|must|should|commits?\s+to)\b[^.:]{{0,200}}\s(?:(?:{FOR_EACH_MODEL}|{OF_THEIR_MODELS}){SAID_OF_THE_MODELS}|{THEIR_SYSTEMIC_RISK_MODELS})", re.I)


def clean_artefacts(text: str) -> str:
    """``text`` without the marks of PDF extraction that are no words of the code (see above)."""
    # (a soft hyphen where the PDF could break the word, "assist\u00ading", is no character of the word)
    # (a hyphen that may not break a line, "multi\u2011risk", NFKC's plain hyphen "\u2010": the hyphen-minus the words use)
    text = _NOTE_MARK.sub("", SUPERSCRIPT_POWER.sub(lambda m: "10^" + unicodedata.normalize("NFKC", m[1]), text))
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "").replace("\u2010", "-")
    # a word broken at a line end with the page's number between its halves ("comment on con- 88 tent"), or the page's
    # running header ("multi- 41 Illegal content Codes of Practice for user-to-user services risk")
    text = _HYPHEN_ACROSS_PAGE.sub(r"\1- \2", _PIPED_HEADER.sub("", _RUNNING_HEADER.sub("", text)))
    # (a part that is itself inside a hyphenated compound keeps it: "chains-of- thought")
    text = _BROKEN_HYPHEN.sub(lambda m: m.group(1) + ("-" if m.group(1).lower() in _COMPOUND_FIRST
                                                      or text[max(m.start() - 1, 0)] == "-" else ""), text)
    instruction = AMENDING.search(text) or _INSTRUCTION.search(text)  # (an instruction's quotes say which words)
    if not instruction:
        text = _QUOTED.sub(r"\1", text)
    text = text.replace("\u2019", "'")  # "a ‘content recommender system’", "child’s"
    text = _GLUED_NOTE.sub(r"\1", text)
    if not instruction:
        # the closing quote of a quoted insertion after its last sentence ("... self-harm content.'")
        text = re.sub(r"(?<=[.!?])['\u201d\"](?=\s|$)", "", text)
    # (an item's letter with its closing bracket only, "providers of: a) large services ...; b) ...": the item as "(a)")
    text = re.sub(r"(?<=[:;])(\s+(?:and\s+|or\s+)?)([a-h]|i{1,3}|iv|vi{0,3})\)\s", r"\1(\2) ", text)
    return _ASIDE_DASH.sub(", ", text)


def without_asides(text: str) -> str:
    """``text`` without amendment notes that interrupt a sentence ("This measure, as inserted by X, applies")."""
    text = _AMENDED_SO_THAT.sub(lambda m: m.group("first").upper(), text)
    return re.sub(r"[ \t]{2,}", " ", _AMENDMENT_ASIDE.sub(" ", text))

# A paragraph's own label before its words, which says nothing of whom it covers: "(1) A provider of
# ...", "1) A provider of ...", "2. This Division applies ...", "C8.1 This measure ...", "Minimum compliance measure 3.1: A
# provider of ...", "Standard 4 - This standard applies ..."
LEADING_LABEL = re.compile(
    # (a footnote's number before its text: "1 This measure applies only to ..."; a section's: "18 A provider of ...";
    # a paragraph of a GPAI Measure named in full: "Measure 1.2, paragraph (2). When crawling, ...")
    # (a measure's whole number run into its first sentence: "ICU F3 [inserted 2026] This measure applies to ...")
    rf"^\s*(?:{MEASURE_NUMBER}{PARAGRAPH_OF}\s*[.:]\s+(?=[A-Z])|{OWN_NUMBER_RUN_IN}|"
    r"(?:\d{1,3}\s+(?:Application\s+|Scope\s+)?)?\(\w{1,4}\)\s*|(?:\d{1,3}|[a-z]|[ivx]{1,4})\)\s+(?=[A-Z])|\d{1,3}\.\s+|[A-Z]{2,5}\s?\d{1,3}\.\s+(?=[A-Z])|(?:[A-Z]{2,5}\s)?\d{1,3}\s+(?:Application\s+|Scope\s+)?(?=(?:This|These|The|It|Providers?|Signatories|Services|An?|Each|Every|Any|All)\s)|(?i:recommendations?|requirements?|what\s+(?:to|you\s+should|you\s+must)\s+do|"
    r"actions?|obligations?|dut(?:y|ies))\s*:\s*|(?:[A-Z]{2,5}\s+(?=[A-Z]\d))?(?:[A-Z]{1,5}\s?)?\d{1,3}(?:\.\d{1,3})+[A-Z]?\s+(?=[A-Z])"
    r"|[A-Z][a-z]+(?:\s+[a-z]+){0,3}\s+\d{1,3}(?:\.\d{1,3})*\s*[:.,\u2013\u2014-]\s+(?=[A-Z]|(?:an?|the|each|every)\s+providers?\b)"
    # an abbreviated provision's number with a colon or dash ("MCM 8: A provider of ...", "s 24: ...", "cl. 5(2) - ...");
    # left on, the duty's subject after it had gone unread, and an exception beside it was read as the whole scope
    r"|(?i:mcms?|ss?|cl|cls|r|reg|art|para|pt|div)\.?\s?\d{1,3}[A-Z]?(?:\.\d{1,3})*(?:\s*\(\w{1,4}\))*(?:\s*\([A-Za-z][a-z ,'-]{2,40}\))?"
    r"\s*[:\u2013\u2014-]\s+(?=[A-Z])"  # (and a short title in brackets: "MCM 1 (risk assessment): ...")
    # a heading run into its first sentence ("Policies and community standards: Uphold ..."), never a label that
    # says whom ("Applies to:", "Scope:") nor one that names services ("Providers of large services: ...")
    r"|(?!(?i:applies|application|scope|who|which|in\s+scope)\b)(?![^:.]*\b(?i:services?|providers?|signator\w*|platforms?|"
    r"models?|users?|children)\b)[A-Z][a-z]+(?:\s+[\w'-]+){0,5}:\s+(?=[A-Z]|this\s+(?:measure|standard|section)\s+applies\b))")

# a sentence that tells the provider what to do: a recommendation, not a statement of scope
DUTY = re.compile(r"\b(?:should|must|shall|will|is\s+expected\s+to|are\s+expected\s+to|is\s+recommended\s+to|"
                   r"commits?\s+to|undertakes?\s+to|(?<=\bsignatories\s)are\s+to(?!\s+be\b))\b", re.I)

# consultation wording: "We propose that this measure should apply to ...", "We propose to apply this measure to
# ...", "Note: this measure applies only to ..."
SENTENCE_START = r"(?:^(?:\d{1,3}(?:\.\d{1,3})+\.?\s+)?|(?<=[.;:]\s))"  # (shared; "3.5.1 For each of ...": after its number)
_PROPOSAL_FRAME = re.compile(
    SENTENCE_START + r"(?:(?:we\s+(?:now\s+)?(?:propose|are\s+proposing|proposed|recommend|intend|have\s+decided)|our\s+"
    r"(?:proposal|view|recommendation|decision)\s+is|it\s+is\s+proposed)\s+that\s+|(?:note|nb|n\.b\.|please\s+note)\s*[:,\u2013\u2014-]\s*)"
    r"(?=(?:this|the|it|providers?|services?|signator\w*)\b)", re.I)
_PROPOSE_TO_APPLY = re.compile(SENTENCE_START + r"we\s+(?:propose|intend|are\s+proposing|plan)\s+to\s+apply\s+(?:this|the)\s+measure\s+"
                               r"(only\s+)?to\b", re.I)
_SHOULD_APPLY = re.compile(r"\b((?:this|the)\s+measure|it)\s+(?:(?:should|would|will|shall)\s+(?:only\s+)?apply|is\s+to\s+be\s+applied)\s+(only\s+)?"
                          r"(?:to|in\s+respect\s+of)\b", re.I)  # (and "This measure is to be applied in respect of services ...")


def without_proposal_frame(text: str) -> str:
    """``text`` with the frame of a proposal or note taken off its statement of scope ("We propose that this measure
    should apply to large services" -> "this measure applies to large services")."""
    text = _PROPOSAL_FRAME.sub("", text)
    text = _PROPOSE_TO_APPLY.sub(lambda m: f"This measure applies {m.group(1) or ''}to", text)
    return _SHOULD_APPLY.sub(lambda m: f"{m.group(1)} applies {m.group(2) or ''}to", text)


def _answers_whom_not(text: str) -> bool:
    """"Who need not? A provider whose ...": the question and its answer in one paragraph (a question alone is a
    heading, whose answer is the next paragraph: ``application_settle``)."""
    asked = ASKS_WHOM_NOT.match(text)
    return asked is not None and bool(text[asked.end():].strip(" .;:"))

# "This Measure is about reasoning traces users do not see. It applies to Signatories whose ...": a sentence after the
# paragraph's first ...
_LATER_SENTENCE = re.compile(r"(?<=[a-z)][.!?])\s+(?=[A-Z])")
# ... that says whom, naming services (not "The measure still applies to the rest of the service", which is content)
# ("This part does not apply to preventive or counselling services": the ICO's parts of a standard, too)
# ("If you serve such adverts, this part applies to you ...": with its condition first)
_LATER_WHOM = re.compile(r"(?:(?:if|where|when)\s+(?:you|your|the\s+service|a\s+service|the\s+provider)\b[^,.;]{1,160},\s*)?"
                         r"(?:it|this|the)(?:\s+(?:measure|commitment|standard|section|requirement|part|paragraph))?\s+(?:only\s+|also\s+|still\s+)?"
                         r"(?:(?:applies|does\s+(?:not\s+)?apply)\s+(?:only\s+)?(?:to\s+(?!the\s+rest\b|(?:any\s+|a\s+|the\s+)?parts?\b|(?:the\s+|any\s+)?content\b)"
                         # ("... . This Measure is not for SMEs."; "It does cover any option that lets ...", "It does apply to any such ...")
                         r"|where\b|if\b|when\b|unless\b)|is\s+not\s+(?:(?:recommended|intended|designed|meant)\s+)?for\s|does\s+(?:cover|reach|extend\s+to)\s+(?=any\b|every\b|all\b))", re.I)
# ("Passing children's data to another company in your group is still a disclosure. If you do it, ...": whom, said through
# the sentence before; read, or left unclear, never passed over as a paragraph for every reader)
_IF_YOU_DO_IT = re.compile(r"(?:if|where|when)\s+you\s+do\s+(?:it|so|this|that)\s*,", re.I)
_GIVEN_BACK_IF = re.compile(r"(?:^|(?<=[.;]\s))(?:but|however|even\s+so),?\s+(?:if|where|when)\s+[^.;]{3,200}?,\s*(?:it|this|that|the)"
                            r"(?:\s+(?:measure|standard|paragraph|part|section|exception|exemption))?\s+(?:(?:does|do)\s+(?:still\s+)?apply|"
                            r"(?:still|also|then)\s+appl(?:y|ies)|applies)\b", re.I)

# ("If the toy itself collects nothing, the app must conform to the code but this part does not apply to the product": whom,
# said after a duty in the same sentence; read, or left unclear, never passed over as a paragraph for every reader)
_WHOM_AFTER_DUTY = re.compile(r"\b(?:but|and|while|whereas|though|although)\s+(?:it|this|the)(?:\s+(?:measure|commitment|standard|section|"
                              r"requirement|part|paragraph))?\s+(?:(?:does|do)\s+not\s+apply|(?:only|still|also)\s+applies|"
                              r"applies\s+(?:only|in\s+full))\b", re.I)

# "All other elements of this Measure": the rest of the measure, after a relaxation for some (shared with
# ``release_wordings``, which reads "... apply to them unchanged" as the measure still theirs)
# ("Every other element of the Transparency commitments applies to them unchanged")
REST_OF_MEASURE = (r"(?:(?:all\s+)?(?:the\s+)?(?:other|remaining)\s+(?:elements|parts|paragraphs|requirements|provisions)"
                   r"|every\s+other\s+(?:element|part|paragraph|requirement|provision))\s+of\s+"
                   r"(?:this|the)\s+(?:[A-Z][a-z]+\s+)?(?:measures?|commitments?|standard|chapter)")
_REST_APPLIES = re.compile(REST_OF_MEASURE + r"\s+(?:still\s+)?appl(?:y|ies)\s+to\b", re.I)

# "Except for SMEs, Signatories will ..." (and "SMEs excepted, ...", said so by ``plain_legal``): a class taken out before the
# duty's subject (passed over, the duty naming SMEs had been read as perhaps only theirs, "applies" to an SME with confidence)
_CLASS_EXCEPTED_FIRST = re.compile(r"^\s*(?:except\s+for|other\s+than|apart\s+from|save\s+for|with\s+the\s+exception\s+of)\s+[^,.;]{2,80},\s*"
                                   r"(?:all\s+|every\s+|each\s+|the\s+)?(?:signator(?:y|ies)|providers?|services?)\s+(?:will|should|must|shall)\b", re.I)
# "Section 4 (to be completed only for models with systemic risk)": whom, in brackets after a heading (passed over as a
# heading, the section had been every Signatory's with confidence)
_ONLY_FOR_IN_BRACKETS = re.compile(r"\((?:[^()]{0,60}\s)?only\s+(?:for|where|if|when|by)\s+[^()]{3,120}\)", re.I)
# "(2) Despite subclause (1), a provider that only distributes its own apps must comply where ...": a provider the
# paragraph named takes out, given a duty back (passed over, the exception had stood whole)
_OVERRIDE_FOR = re.compile(r"^\s*(?:\(\w{1,4}\)\s*)?(?:despite|notwithstanding)\s+(?:sub-?)?(?:clause|section|paragraph|measure)\s+\S+\s*,\s*"
                           r"(?:an?|the|any|every|each)\s+(?:[\w-]+\s+){0,3}?(?:providers?|services?)\b", re.I)


# (``legal_drafting`` says it as "Providers of services to which ICU C9 applies", after "the provider should" only)
_ANOTHER_MEASURE_APPLIES = re.compile(rf"^\s*(?:where|if)\s+{NAMED_MEASURE}\s+applies\s+to\s+(?:the|its|their|your)\s+services?\b", re.I)


def is_application(text: str, phrase: re.Pattern[str] | None, under_heading: bool, first_under_heading: bool) -> bool:
    """Is this paragraph (of a measure) application text?"""
    cleaned = clean_artefacts(text)
    if _OVERRIDE_FOR.match(cleaned):
        return True
    if _ANOTHER_MEASURE_APPLIES.match(LEADING_LABEL.sub("", cleaned, count=1)):
        return True  # "Where ICU C9 applies to the service, the provider should ...": whom, by another measure
    text = plain_legal(without_proposal_frame(cleaned))
    unlabelled = LEADING_LABEL.sub("", STANDARD_NAME.sub("", text, count=1), count=1)
    if _CLASS_EXCEPTED_FIRST.match(unlabelled):
        return True  # "Except for SMEs, Signatories will ...": whom the duty leaves out, before its subject
    if _ONLY_FOR_IN_BRACKETS.search(unlabelled):
        return True  # "Section 4 (to be completed only for models with systemic risk)": whom, said in a heading's brackets
    if RELEASE_AFTER_CONDITION.search(unlabelled) or _GIVEN_BACK.match(unlabelled) or opens_with_release(unlabelled):
        return True  # "Where the service is ..., the provider need not do this": whom it leaves out
    if (CONDITIONAL_OBLIGATION.match(text) and DUTY.search(text)) or ADDS_TO_DUTY.match(unlabelled):
        return False
    if phrase is not None and (phrase.search(text) or phrase.search(without_asides(text)) or phrase.search(unlabelled)):
        return True
    if (STRAY_APPLICATION.match(without_asides(text)) or STRAY_APPLICATION.match(without_asides(unlabelled))
            or _RELEASE_FROM_DUTY.match(unlabelled) or _CLASS_RELEASED.search(unlabelled) or _SCOPE_SHAPES.search(unlabelled)
            or excluded_or_released().search(unlabelled) or (WHOM_SIGNAL.search(unlabelled) and _NAMES_SERVICES.search(unlabelled))
            or _NOTHING_TO_DO.search(text) or _DUTY_FOR_SOME.search(text) or ASKS_WHOM.match(unlabelled)
            or EXEMPT_LABEL.match(unlabelled) or _answers_whom_not(unlabelled) or speaks_of_another(unlabelled)
            or users_can_then_do().match(unlabelled)
            # "This Measure is about reasoning traces users do not see. It applies to Signatories whose ...": a later
            # sentence that says whom (passed over, the measure had been read as covering every Signatory)
            or any(_LATER_WHOM.match(s) or _IF_YOU_DO_IT.match(s) for s in _LATER_SENTENCE.split(unlabelled)[1:])
            or _WHOM_AFTER_DUTY.search(unlabelled)
            or _REST_APPLIES.match(unlabelled) or CARRIED_OVER.search(unlabelled)
            # "This paragraph does not apply to X. / But if you also do Y, it does apply": the give-back (passed over, the
            # exception had stood whole)
            or _GIVEN_BACK_IF.search(unlabelled)
            # "Signatories will have the model evaluated, unless it counts as similarly safe": a duty, then whom it leaves out
            or any(DUTY.search(text, 0, m.start()) and not PROVIDER_ACTS.match(text, m.end())
                   for m in LATE_EXCEPTION.finditer(text))):
        # "It does not apply where the provider uses ...": a sentence about whom the measure covers
        # that the profile's phrase does not know; passing it over would drop an exception
        return True
    if under_heading:
        # the first paragraph under "Application" is the application; later ones only when they
        # tell nobody to do anything (a measure with no "Recommendation" sub-heading would
        # otherwise have every paragraph taken as application text)
        return first_under_heading or not DUTY.search(text)
    return False
