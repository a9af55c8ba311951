"""The ways the codes say a measure lets services out, gives them back or takes more in, said in the words the
application openings read: "You need not follow this standard if ...", "Where the service is ..., the provider need not
do this", "This measure need not be applied by a provider whose service ...", "However, a provider of X must comply
with it", "A service with fewer users is nonetheless within it if ...", "need only do so where ...", "..., in which
case it applies".

Why its own module: each is a release or a give-back that, passed over, was a confident answer for the services it
moves; kept together, the next wording of the same kind has one place to go (``application_rewrites.plain_wording``
calls ``plain_releases``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .application_text import GIVEN_BACK_DUTY, RELEASE_AFTER_CONDITION, REST_OF_MEASURE, SENTENCE_START
from .release_phrases import (NEED_DO_NOTHING_UNDER, NOTHING_APPLIES, NOTHING_REQUIRED_OF, NOTHING_UNDER, PART_RELEASED, PART_RELEASED_AFTER, PART_RELEASED_FOR, PASSIVE_RELEASE,
                              RELEASED_FOR_NAMED, SMES_OR_SMCS, TREATED_OUTSIDE, releases_the_duty_again)
from .paragraph_references import PARAGRAPH_LABEL

_LABEL = rf"(?P<label>{PARAGRAPH_LABEL})?"

# "You need not follow this standard if ...": the reader released on a condition, as "This standard does not apply if"
# says it
_YOU_NEED_NOT = re.compile(r"(?:^|(?<=[.;]\s))you\s+(?:need\s+not|do\s+not\s+(?:need|have)\s+to|are\s+not\s+required\s+to)\s+"
                           r"(?:follow|apply|comply\s+with|conform\s+to)\s+(?:this|the)\s+(standard|section|code)\s+(?=(?:if|where|when)\s)", re.I)
# "If you publish no rules about user behaviour, you have nothing to do under this standard (beyond ...)": whom it leaves out
_NOTHING_TO_DO_IF = re.compile(r"(?:^|(?<=[.;]\s))(?P<cond>(?:if|where|when)\s+you(?:r\s+(?:online\s+)?service)?\s+[^,.;]{3,160}),\s+(?:you\s+have\s+nothing\s+(?:more\s+|further\s+|else\s+)?"
                               r"to\s+do|there\s+is\s+nothing\s+(?:more\s+|further\s+|else\s+)?(?:(?:that\s+)?you\s+need\s+to|for\s+you\s+to)\s+do|you\s+do\s+not\s+need\s+to\s+do"
                               r"\s+anything)\b[^.;]*", re.I)
# "However, a dating service that uses encryption is not excepted by subsection (1)", "... is not excepted from this section":
# given back from the exception
_NOT_EXCEPTED = re.compile(SENTENCE_START + _LABEL + r"(?:(?:however|but|nevertheless),?\s+)?(?P<who>(?:an?|any|the)\s+(?:[\w-]+\s+){0,3}?"
                           r"(?:services?|providers?|models?|signator(?:y|ies))\b[^.;]{0,200}?)\s+(?:is|are)\s+not\s+(?:excepted|exempted|excluded)\s+"
                           r"(?:(?:by|under|from)\s+(?:sub-?section|paragraph|clause|section)\s+\(?[\w.]{1,6}\)?|from\s+(?:this|the)\s+(?:section|measure|standard|code))", re.I)
# "There is nothing for you to do under this standard if your service does not profile children": the same, condition last
_NOTHING_TO_DO_WHEN = re.compile(SENTENCE_START + r"there\s+is\s+nothing\s+(?:more\s+|further\s+|else\s+)?(?:for\s+you\s+|that\s+you\s+need\s+)?"
                                 r"to\s+do\s+(?:under\s+(?:this|the)\s+standard\s+)?(?=(?:if|where|when)\s)", re.I)
# "This measure need not be applied by a provider whose search service does not offer predictive search": the release
# in the passive (passed over, every service had stayed covered)
_PASSIVE_RELEASE = re.compile(SENTENCE_START + _LABEL + PASSIVE_RELEASE, re.I)
# "That access is not required if the model qualifies as ...": part of the duty released, on a condition on the model
_PART_RELEASE = re.compile(SENTENCE_START + _LABEL + PART_RELEASED, re.I)
_TREATED_OUTSIDE = re.compile(SENTENCE_START + _LABEL + TREATED_OUTSIDE, re.I)
_RELEASED_FOR_NAMED = re.compile(SENTENCE_START + _LABEL + RELEASED_FOR_NAMED, re.I)
_NOTHING_APPLIES = re.compile(SENTENCE_START + _LABEL + NOTHING_APPLIES, re.I)
_PART_RELEASE_AFTER = re.compile(SENTENCE_START + _LABEL + PART_RELEASED_AFTER + r"[^.;]*", re.I)
_PART_RELEASE_FOR = re.compile(SENTENCE_START + _LABEL + PART_RELEASED_FOR, re.I)
# "However, a provider of a hosting service that hosts a high impact designated internet service must comply with it": the
# services given back after a release of their kind (``application_text.GIVEN_BACK_DUTY``)
_MUST_COMPLY_AFTER_ALL = re.compile(SENTENCE_START + _LABEL + GIVEN_BACK_DUTY, re.I)
_FOR_ITS_MODELS = re.compile(r"(?P<head>" + GIVEN_BACK_DUTY + r")\s+(?:to|for)\s+(?:any\s+of\s+|each\s+of\s+|all\s+of\s+)?(?:its|their)\s+models?\s+"
                             r"(?:that|which)\s+", re.I)
# "A service with fewer users is nonetheless within it if it is at high risk of ...": a further group, on a condition
_NONETHELESS_WITHIN = re.compile(
    SENTENCE_START + _LABEL + r"(?P<who>(?:an?|any|the)\s+(?:[\w-]+\s+){0,2}?services?\b[^.;]{0,100}?)\s+(?:is|are)\s+(?:nonetheless|nevertheless|still|also)\s+"
    r"(?:within|covered\s+by|in\s+(?:the\s+)?scope\s+of)\s+(?:it|this\s+measure|the\s+measure|its\s+scope)\s+(?P<cond>if|where|when)\b", re.I)
# "The provider of a multi-risk service that is not large need only do so where the service has direct messaging": for
# those services, on that condition (passed over, they had been covered whatever the condition)
_NEED_ONLY = re.compile(
    SENTENCE_START + _LABEL + r"(?:the\s+|a\s+)?providers?\s+of\s+(?P<who>(?:(?:a|an|any)\s+)?(?:[\w-]+\s+){0,5}?services?"
    r"(?:\s+(?:that|which)\s+[^,.;]{1,80}?)?)\s+need\s+only\s+(?:do\s+so|apply\s+(?:it|this\s+measure))\s+(?P<cond>where|if|when)\b", re.I)
# "..., unless they are large, in which case it applies (in full)": the give-back said again
_IN_WHICH_CASE = re.compile(r",?\s*in\s+which\s+case\s+(?:it|the\s+measure|this\s+measure|the\s+standard|this\s+standard)\s+(?:still\s+|then\s+)?"
                            r"(?:applies|does\s+apply)(?:\s+(?:in\s+full|to\s+(?:them|it)|as\s+normal|as\s+usual))?(?=\s*[.;,]|\s*$)", re.I)
# "It does not apply to vertical search services, unless they offer predictive search suggestions, in which case it applies
# to them as it applies to general search services": the give-back is certain, so those services are a further group
# (with only the "unless" left, whether they were given the measure or only kept out of the exception was undecided)
_UNLESS_THEN_APPLIES = re.compile(
    r"(?P<lead>\b(?:it|this\s+measure|the\s+measure)\s+(?:does\s+not|shall\s+not|will\s+not)\s+apply\s+to\s+)(?P<who>[^,;.]{3,80}?),?\s+"
    r"unless\s+(?:they|it)\s+(?P<cond>[^,;.]{3,100}?),\s*in\s+which\s+case\s+(?:it|the\s+measure|this\s+measure)\s+(?:does\s+)?appl(?:y|ies)\s+"
    r"to\s+(?:them|it)(?:\s+(?:as\s+it\s+applies\s+to|in\s+the\s+same\s+way\s+as\s+(?:to|for))\s+[^.;]{3,80}?|\s+in\s+full|\s+as\s+well)?"
    r"(?=\s*[.;]|\s*$)", re.I)
# "..., except those whose direct messaging is end-to-end encrypted; for those providers, the measure applies only if the
# service is also at high risk of grooming": the exception with its own give-back, as "unless" says it
_EXCEPT_THOSE_ONLY_IF = re.compile(r"(?P<exc>,\s*(?:except|other\s+than)\s+(?:those|providers|services)\b[^;.]+);\s*for\s+(?:those|such|these)\s+"
                                   r"(?:providers|services)\s*,?\s+(?:the\s+measure|this\s+measure|it)\s+applies\s+only\s+(?:if|where|when)\s+", re.I)
# "This measure does not apply to a service with fewer than 50,000 users. Otherwise it applies to every service at ...":
# the statement of whom after its exception; "...; no other provider need follow it": "only" said again; "Point (c) of
# this Measure also applies to Signatories that ...": a further group (for that point)
_OTHERWISE = re.compile(SENTENCE_START + r"otherwise,?\s+(?:it|this\s+measure|the\s+measure)\s+applies\s+to\b", re.I)
_NO_OTHER = re.compile(r"[;.]\s*(?:no\s+other\s+(?:providers?|services?|signator(?:y|ies))\s+(?:need|needs|is\s+required\s+to|are\s+required\s+to)\s+"
                       r"(?:follow|apply|comply\s+with)\s+(?:it|this\s+measure|the\s+measure)"
                       # ("...; it does not apply to any other service": "only" said again, never an exception of every service)
                       r"|(?:it|this\s+measure|the\s+measure)\s+does\s+not\s+apply\s+to\s+(?:any\s+)?other\s+[^.;]{0,80}?"
                       r"(?:providers?|services?|signator(?:y|ies)|models?))\s*(?=[.;]|$)", re.I)
_POINT_ALSO = re.compile(SENTENCE_START + r"(?:point|paragraph|limb|item)\s+\(?\w{1,4}\)?\s+of\s+this\s+(?:measure|commitment|standard)\s+also\s+applies\s+to\b", re.I)
# "A provider of a search service that is multi-risk is also to apply this measure": "should also", as the codes say it
# "Signatories that are SMEs may give less detail. All other elements of this Measure apply to them unchanged" (or "; the
# report itself is still required", "; the Measure applies to them as to everyone else"): a relaxation for some, in a
# measure that still binds them, said as a sentence the openings read ("This measure applies to them": with no other
# sentence of whom, every service of the code)
_STILL_FOR_THEM = re.compile(
    rf"(?:[.;]\s+|,\s+(?:and|but)\s+|^)(?:{REST_OF_MEASURE}|(?:this|the)\s+(?:measure|commitment|standard))"
    r"\s+(?:otherwise\s+|still\s+)?appl(?:y|ies)\s+to\s+them(?:\s+(?:unchanged|in\s+full|as\s+written|"
    r"as\s+(?:it\s+does\s+)?to\s+(?:everyone|every\s+other\s+signatory|all\s+others?)(?:\s+else)?))?(?=\s*[.;,]|$)"
    r"|[;,]\s+(?:but\s+)?(?:the|that|their)\s+(?:(?:model\s+)?report|documentation|form|policy|duty|assessment|summary|notification)\s+itself\s+is\s+"
    r"(?:still\s+)?(?:required|needed|expected)(?:\s+of\s+(?:every|each|all)\s+signator(?:y|ies))?"
    # ("SMEs may complete a shortened Form; every other Signatory completes it in full": the others do the whole of it)
    r"|[;.]\s+(?:every|each|all)\s+other\s+signator(?:y|ies)\s+[^.;]{0,80}?\b(?:in\s+full|the\s+full\s+\w+|unchanged)(?=\s*[.;]|$)", re.I)
# "..., unless PCU B2 applies to them": the services another measure covers, as the grammar names them
_ANOTHER_MEASURE_APPLIES = re.compile(r"\bunless\s+(?P<ref>(?:measure\s+)?(?:[A-Z]{2,5}\s+)?[A-Z]{1,2}\d{1,2}(?:\.\d{1,2})?)\s+(?:also\s+)?applies\s+"
                                      r"to\s+(?:them|it|that\s+service|those\s+services|such\s+services?)\b")
# "This paragraph does not apply to core-service profiling. But if you also use the profile for adverts, it does apply":
# the give-back of the exception, as "unless" says it (read as a sentence of whom of its own, the exception had held for
# every service that did not meet the give-back's condition, and the give-back had been a further condition on all)
_BUT_IT_APPLIES = re.compile(
    r"(?P<out>\b(?:does|do|shall|will)\s+not\s+apply\b[^.;]{3,240}?)(?:\s*[.;]\s+(?:[A-Z]{0,5}\d{1,3}(?:\.\d{1,3})+\s+)?|,\s+(?=but\b))(?:but|however|even\s+so),?\s+"
    r"(?:(?P<cond>(?:if|where|when)\s+[^.;]{3,200}?),\s*(?:it|this|that|the)(?:\s+(?:measure|standard|paragraph|part|section))?\s+"
    r"(?:(?:does|do)\s+(?:still\s+)?apply|(?:still\s+|also\s+|then\s+)?applies)(?:\s+to\s+(?:you|them|it))?"
    r"|(?:it|this|that|the)(?:\s+(?:measure|standard|paragraph|part|section))?\s+(?:does\s+(?:still\s+)?apply|(?:still\s+|also\s+)?applies)"
    r"(?:\s+to\s+(?:you|them|it))?\s+(?P<cond2>(?:if|where|when)\s+[^.;,]{3,200}))"
    # (what the give-back then asks, ", and you should keep that use off by default", is the duty's, not whom)
    r"(?:\s*,?\s+and\s+(?:you|it|they|the\s+provider)\s+(?:should|must|will)\b[^.;]*)?(?=[.;,]|$)", re.I)
_IS_TO_APPLY = re.compile(r"\b(?:is|are)\s+(also\s+)?to\s+(?=(?:apply|follow|adopt|implement|comply\s+with)\s+(?:this\s+measure|it)\b)", re.I)


_MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
_DATE = rf"(?:\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|{_MONTH}\s+\d{{4}}|\d{{4}})"
# "Signatories whose models were placed on the market before 2 August 2025 need not apply this Measure to those models
# until 2 August 2027", "... will have until 2 August 2027 to comply": a later date for some, never a release (read as
# one, the older models had been confidently outside the Measure), so the sentence says nothing of whom
_DEFERRAL = re.compile(r"(?:^|(?<=[.;]\s))[^.;]*?\b(?:need\s+not\s+(?:apply|comply\s+with|follow|implement|meet)\b[^.;]*?"
                       rf"\buntil\s+{_DATE}|(?:will|shall)\s+have\s+until\s+{_DATE}\s+to)\b[^.;]*[.;]?\s*", re.I)


def _released_whole(m: re.Match[str]) -> str:
    """``_RELEASED_FOR_NAMED``'s match said as a release of the measure when what it releases is the duty said again;
    left as it is when it names a thing of its own ("No summary of a Model Report need be published for ..."), which may
    be the whole duty or one of the things it asks (``part_releases``)."""
    return _said_as("This measure does not apply to ", "who")(m) if releases_the_duty_again(m) else m.group(0)


def _as_unless(m: re.Match[str]) -> str:
    """``_BUT_IT_APPLIES``'s match said as the exception with "unless" and the give-back's condition."""
    cond = re.sub(r"^(?:if|where|when)\s+", "", m.group("cond") or m.group("cond2"), flags=re.I)
    return f"{m.group('out')}, unless {cond}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _said_as(opening: str, group: str) -> Callable[[re.Match[str]], str]:
    """A replacement that says a matched release as ``opening`` then the words of ``group`` ("This measure does not
    apply to " + "a service whose ..."), the paragraph's own label kept in front where the pattern has one."""
    return lambda m: f"{m.groupdict().get('label') or ''}{opening}{_lower_first(m.group(group))}"


# "This Commitment stops applying to a model once its weights have been released", "ceases to apply", "no longer applies":
# whom it leaves out, as "does not apply to a model whose weights ..." says it (passed over, every model had stayed covered)
_STOPS_APPLYING = re.compile(r"\b(?:ceases?\s+to\s+apply|stops?\s+applying|no\s+longer\s+appl(?:y|ies))(?=\s+(?:to|where|if|when|once)\b)", re.I)
_MODEL_ONCE_ITS = re.compile(r"(?<=\bapply\sto\s)((?:a|an|any|the|each|every)\s+(?:[\w-]+\s+){0,2}?models?)\s+(?:once|when|where|if|after)\s+(?:its|their)\s+", re.I)


# "SMEs and SMCs need not publish them", "Neither an SME nor an SMC Signatory has to publish them": a class released from
# doing what the duty asks, said with the duty's own verb (read as nothing, the class had stayed bound with confidence);
# never "other SMEs and SMCs", those not named before
_CLASS = (r"(?:(?:an?|any|the|all)\s+)?(?:(?!(?:other|remaining)\b)[\w-]+\s+){0,2}?(?:smes?|smcs?|signator(?:y|ies)|providers?|services?|models?)"
          r"(?:\s+(?:that|which|who|whose)\s+[^,.;]{3,120}?)?")
_CLASS_NEED_NOT_DO = re.compile(SENTENCE_START + _LABEL + r"(?:neither\s+(?P<a>" + _CLASS + r")\s+nor\s+(?P<b>" + _CLASS + r")\s+"
                                r"(?:has|have|needs?|is\s+required|are\s+required)\s+to|(?P<who>" + _CLASS + r")(?:\s+(?:and|or)\s+(?P<who2>" + _CLASS +
                                r"))?\s+(?:need\s+not|do(?:es)?\s+not\s+(?:need|have)\s+to|(?:is|are)\s+not\s+(?:required|obliged|expected)\s+to))\s+"
                                r"(?:(?!(?:apply|follow|comply|implement|adopt|do)\b)(?P<verb>[a-z]+)(?:\s+(?:it|them|these|those|this|that)|(?<=\bpublish))"
                                r"|do\s+(?:so|this|that))(?=\s*(?:[.;]|$))", re.I)


def _class_released(m: re.Match[str]) -> str:
    # ("Signatories will document how they implement this chapter and publish summaries ... / SMEs need not publish
    # them": one limb of the duty released, not the measure; left as written; "need not do so" is the whole duty)
    if m.group("verb") and re.search(rf"\b(?:and|or)\s+{m.group('verb')}\b", m.string[:m.start()], re.I):
        return m.group(0)
    if not m.group("verb") and re.search(r"\b(?:that|which|who|whose)\b", m.group(0), re.I):
        return m.group(0)  # ("Signatories that are SMEs need not do so; ...": read as the openings read it)
    # ("SMEs and SMCs need not ...": each is let out, so either one)
    who = f"{m.group('who')} or {m.group('who2')}" if m.group("who2") else m.group("who") or f"{m.group('a')} or {m.group('b')}"
    return f"{m.group('label') or ''}This measure does not apply to {_lower_first(who)}"


# "A Signatory that uses no crawlers at all has nothing to publish under this paragraph": whom it releases, the sentence's
# subject (passed over, every Signatory had stayed bound)
# ("Signatories that do not crawl need do nothing under this paragraph": the same release, said with "need")
_HAS_NOTHING_UNDER = re.compile(SENTENCE_START + r"(?P<who>(?:(?:an?|any)\s+(?:signatory|provider|service)|signatories|providers)\s+(?:that|which|who|whose|"
                                r"providing|offering|using|with)\s+[^.;,]{3,160}?)\s+"
                                r"(?:(?:has|have)\s+" + NOTHING_UNDER + "|" + NEED_DO_NOTHING_UNDER + r")(?=\s*(?:[.;]|$))", re.I)


# "Signatories that are SMEs need not follow this Measure, nor need SMCs": a second group released, a sentence of its own
_NOR_NEED = re.compile(r"(?P<pre>\bneed\s+not\s+(?:follow|apply|comply\s+with|implement)\s+(?:this|the)\s+(?:measure|commitment|standard|section)),\s+"
                       r"nor\s+(?:need|do|does|must|will|shall)\s+(?P<who>[^,.;]{2,80}?)(?=\s*(?:[,.;]|$))", re.I)


# "..., save that an SMC whose model has systemic risk remains bound by it": the give-back said as "except those whose ..."
_SAVE_THAT_BOUND = re.compile(r",?\s+(?:and\s+)?(?:save|except)\s+that\s+(?:an?|any|the)\s+(?:[\w-]+\s+){1,4}?(?P<rel>(?:that|which|who|whose)\s+[^,.;]{3,160}?)\s+"
                              r"(?:remains?|stays?|is|are)\s+(?:still\s+)?(?:bound(?:\s+by\s+(?:it|them|this\s+measure))?|(?:subject\s+to|covered\s+by)\s+"
                              r"(?:it|them|this\s+measure))(?=\s*(?:[.;]|$))", re.I)


# ... only after an exception in the same sentence (after none, "remains bound" restates whom the measure covers)
_EXCEPTION_BEFORE = re.compile(r"\b(?:need\s+not|unless|other\s+than|except|excluding|not\s+(?:apply|required|expected))\b", re.I)


def _given_back_to_those(m: re.Match[str]) -> str:
    sentence = re.split(r"[.;]\s", m.string[:m.start()])[-1]
    return f", except those {m.group('rel')}" if _EXCEPTION_BEFORE.search(sentence) else m.group(0)


# "...; the lifting never extends to a model that ...": the give-back of a release ("this Commitment is lifted for ...",
# an opening of application.toml), as "This exception does not apply to" says it
_LIFTING_NEVER = re.compile(r";\s+the\s+(?:lifting|waiver|relief|exemption|exception)\s+(?:never|does\s+not)\s+extends?\s+to\s+", re.I)


# "This Chapter does not apply to ... open-source ... . The preceding paragraph does not apply where the model presents
# systemic risk": after an exception, the paragraph that disapplies it gives back (read as one more exception, a model
# with systemic risk had been told "exempt"); after anything else it is left as it is
_PRECEDING_DISAPPLIED = re.compile(r"(?P<before>(?:(?:does|do)\s+not\s+apply|need\s+not|(?:is|are)\s+not\s+required\s+to|(?:is|are)\s+exempt)\b"
                                   r"[^.;]*[.;]\s+)(?:the\s+)?(?:preceding|previous|foregoing)\s+(?:paragraph|sentence|sub-?paragraph|"
                                   r"sub-?section|clause)\s+(?=(?:does|do)\s+not\s+apply\s+(?:to|where|if|when)\b)", re.I)


# "... must apply safe search by default; where end-users cannot hold accounts, this measure does not apply": a release
# after a semicolon is a sentence of its own (left inside the duty's sentence, it had been dropped with the duty); so is
# "...; Signatories that are SMEs or SMCs need not do so", a class released after the duty (never "...; a provider whose
# service is end-to-end encrypted is not expected to do so for content it cannot access", a limit of the duty)
# ("...; once the weights are published, this Commitment no longer reaches them": the same, said with "once")
_RELEASE_AFTER_SEMICOLON = re.compile(r";\s+(?=(?:(?:where|if|when|unless|once)\b[^.;]{1,160},\s*)?(?:this|the|that)\s+(?:measure|section|"
                                      r"standard|requirement|code|commitment|obligation|duty|paragraph|clause)\s+(?:(?:does|do)\s+not\s+apply|"
                                      r"no\s+longer\s+(?:applies|reaches)|(?:does|do)\s+not\s+reach|ceases\s+to\s+apply)\b"
                                      r"|(?:signatories|providers|(?:a|any)\s+(?:signatory|provider))\s+(?:that|which|who|whose|of)\s+[^.;]{1,120}?\s"
                                      r"(?:need\s+not|(?:is|are)\s+not\s+(?:required|expected|obliged)\s+to|do(?:es)?\s+not\s+(?:need|have)\s+to)\s+"
                                      r"(?:do\s+(?:so|this)|apply\s+it|follow\s+it|comply)(?=\s*(?:[.;]|$)))"
                                      r"(?P<first>\w)"
                                      # ("..., except that SMEs and SMCs need not publish", "..., but SMEs need not do so": the same)
                                      r"|(?:;|,\s+(?:but|except\s+that|save\s+that|although|though|while|whereas))\s+(?=" + SMES_OR_SMCS + r"\s+"
                                      r"(?:need\s+not|(?:is|are)\s+not\s+(?:required|expected|obliged)\s+to|do\s+not\s+(?:need|have)\s+to)\s+"
                                      r"[a-z]+(?:\s+(?:so|this|it|them))?\s*(?:[.;]|$))(?P<second>\w)", re.I)


_NOTHING_REQUIRED_OF = re.compile(SENTENCE_START + NOTHING_REQUIRED_OF, re.I)


def plain_releases(work: str) -> str:
    """``work`` with the releases, give-backs and further groups above said as the openings read them."""
    work = _NOTHING_REQUIRED_OF.sub("This measure does not apply to ", _LIFTING_NEVER.sub(". This exception does not apply to ", work))
    work = _PRECEDING_DISAPPLIED.sub(r"\g<before>This exception ", work)
    work = _RELEASE_AFTER_SEMICOLON.sub(lambda m: f". {(m['first'] or m['second']).upper()}", work)
    work = _SAVE_THAT_BOUND.sub(_given_back_to_those, work)
    work = _NOR_NEED.sub(r"\g<pre>. This measure does not apply to \g<who>", work)
    work = _CLASS_NEED_NOT_DO.sub(_class_released, work)
    work = _HAS_NOTHING_UNDER.sub(_said_as("This measure does not apply to ", "who"), _DEFERRAL.sub("", work))
    work = _MODEL_ONCE_ITS.sub(r"\1 whose ", _STOPS_APPLYING.sub("does not apply", work))
    work = _BUT_IT_APPLIES.sub(_as_unless, work)
    work = _YOU_NEED_NOT.sub(r"This \1 does not apply ", work)
    # (after a semicolon, a sentence of its own: left inside the duty's sentence, the give-back had gone unread)
    work = re.sub(r";\s+(?=This exception does not apply to )", ". ", _NOT_EXCEPTED.sub(_said_as("This exception does not apply to ", "who"), work))
    work = _NOTHING_TO_DO_WHEN.sub("This standard does not apply ", work)
    work = _NOTHING_TO_DO_IF.sub(_said_as("This standard does not apply ", "cond"), work)
    work = RELEASE_AFTER_CONDITION.sub(_said_as("This measure does not apply ", "cond"), work)
    work = _TREATED_OUTSIDE.sub(_said_as("This measure does not apply to ", "who"), work)
    work = _NOTHING_APPLIES.sub(lambda m: f"{m.group('label') or ''}This measure does not apply to ", work)
    work = _PART_RELEASE_AFTER.sub(_said_as("This measure does not apply ", "cond"), work)
    work = _PART_RELEASE_FOR.sub(_said_as("This measure does not apply to ", "who"), work)
    work = _RELEASED_FOR_NAMED.sub(_released_whole, work)
    work = _PART_RELEASE.sub(lambda m: f"{m.group('label') or ''}This measure does not apply {m.group('cond').lower()} ", work)
    work = _PASSIVE_RELEASE.sub(lambda m: f"{m.group('label') or ''}This measure does not apply "
                                          f"{'where the service ' if m.group('whose') is not None else 'to '}", work)
    # ("... must apply it to any of its models that present systemic risk": those Signatories whose models do)
    work = _FOR_ITS_MODELS.sub(r"\g<head> and whose models ", work)
    work = _MUST_COMPLY_AFTER_ALL.sub(lambda m: f"{m.group('label') or ''}However, it applies to {m.group('who') or m.group('whom')}", work)
    work = _NONETHELESS_WITHIN.sub(lambda m: f"{m.group('label') or ''}It also applies to {_lower_first(m.group('who'))} {m.group('cond')}", work)
    work = _NEED_ONLY.sub(r"\g<label>In the case of \g<who>, this measure applies only \g<cond>", work)
    work = _POINT_ALSO.sub("It also applies to", _NO_OTHER.sub("", _OTHERWISE.sub("This measure applies to", work)))
    work = _UNLESS_THEN_APPLIES.sub(lambda m: f"{m.group('lead')}{m.group('who')}, unless they {m.group('cond')}. "
                                              f"It also applies to {m.group('who')} that {m.group('cond')}", work)
    work = _EXCEPT_THOSE_ONLY_IF.sub(r"\g<exc>, unless ", _IN_WHICH_CASE.sub("", work))
    work = _STILL_FOR_THEM.sub(lambda m: ". This measure applies to them" if m.start() else "This measure applies to them", work)
    work = _ANOTHER_MEASURE_APPLIES.sub(r"other than services to which \g<ref> applies", work)
    return _IS_TO_APPLY.sub(lambda m: f"should {m.group(1) or ''}", work)
