"""Which sentences of a measure say whom it covers, and where their condition starts and ends.

Owns the sentence openings ("This measure applies to ...", "Signatories that ...", "If you provide ...",
"A provider of ... must"; package data ``data/application.toml`` and a profile's own), the split of a
clause into sentences, and the cut of a sentence into its opening, the words of its condition, an
exception made after the obligation ("..., other than a provider that ...") and a condition set inside
the obligation ("must, if the service is not end-to-end encrypted, detect ..."). ``conditions`` parses
what is cut here.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from typing import Any

from .application_definitions import defines_services
from .application_text import APPLY_THIS_MEASURE, LEADING_LABEL, SERVICE_SUBJECT, excluded_or_released, grammar_data
from .late_exceptions import LATE_EXCEPTION
from .model_wordings import FOR_EACH_MODEL, OF_THEIR_MODELS, SAID_OF_THE_MODELS, VERB_ON_EACH_MODEL


@dataclass(frozen=True)
class Intro:
    """One way a sentence opens to say whom it covers (``data/application.toml``)."""

    pattern: re.Pattern[str]
    polarity: str  # "applies" / "exempt"
    also: bool = False
    relative: bool = False
    until: re.Pattern[str] | None = None
    permission: bool = False  # set on a match whose obligation is a "may": a permission, not a duty
    # the sentence is the scope only when no other sentence of the clause says whom the measure covers
    # ("Where a service is large, the provider should also ..." beside "This measure applies to ...")
    alone: bool = False
    # the services the opening itself names, in words ("The provider of the service will ..." is eSafety's formula
    # for the Basic Online Safety Expectations, which cover three sections): read with the sentence's own condition
    reads: str = ""
    # "This exception does not apply to X": X is taken back out of the clause's exceptions
    back: bool = False


def compile_intros(entries: list[dict[str, Any]], where: str) -> tuple[Intro, ...]:
    """Intro entries as read from TOML; ``ValueError`` names the entry that is wrong."""
    out = []
    for i, e in enumerate(entries):
        if not isinstance(e, dict) or not isinstance(e.get("pattern"), str):
            raise ValueError(f"{where} intro {i + 1} needs a pattern (a string)")
        if e.get("polarity", "applies") not in ("applies", "exempt"):
            raise ValueError(f"{where} intro {i + 1}: polarity must be 'applies' or 'exempt'")
        try:
            until = re.compile(_with_pieces(e["until"], f"{where} intro {i + 1}"), re.I) if e.get("until") else None
            if not isinstance(e.get("reads", ""), str):
                raise ValueError(f"{where} intro {i + 1}: reads must be a string (the services the opening names, in words)")
            out.append(Intro(re.compile(_with_pieces(e["pattern"], f"{where} intro {i + 1}"), re.I),
                             e.get("polarity", "applies"), bool(e.get("also")), bool(e.get("relative")), until,
                             alone=bool(e.get("alone")), reads=e.get("reads", ""), back=bool(e.get("back"))))
        except re.error as err:
            raise ValueError(f"{where} intro {i + 1}: bad regular expression ({err})") from None
    return tuple(out)


_PIECE = re.compile(r"\$\{(\w+)\}")


def _with_pieces(pattern: str, where: str) -> str:
    """``pattern`` with each "${name}" replaced by application.toml's [pieces] entry of that name (why: a wording
    several intros end or open with is written once, and a fix to it reaches all of them)."""
    pieces = grammar_data().get("pieces", {})

    def piece(m: re.Match[str]) -> str:
        if not isinstance(pieces.get(m.group(1)), str):
            raise ValueError(f"{where}: no piece of pattern named '{m.group(1)}' (application.toml [pieces])")
        return pieces[m.group(1)]

    return _PIECE.sub(piece, pattern)


@functools.lru_cache(maxsize=1)
def grammar() -> tuple[tuple[Intro, ...], tuple[re.Pattern[str], ...]]:
    data = grammar_data()
    ignore = tuple(re.compile(_with_pieces(e["pattern"], f"application.toml ignore {i + 1}"), re.I)
                   for i, e in enumerate(data.get("ignore", [])))
    return compile_intros(data.get("intro", []), "application.toml"), ignore


def split_sentences(text: str) -> list[str]:
    # "...; however, a provider whose ...": a second statement, with its own opening
    text = re.sub(r";\s*(however|but)(?=,?\s+(?:(?:a|an|any|the)?\s*(?:providers?|services?|signator)|it\s+(?:does\s+|still\s+)?appl(?:y|ies)\b))",
                  lambda m: ". " + m.group(1).capitalize(), text, flags=re.I)
    # "Large services ... fall within this measure, as do services of any size at high risk of X": a second group
    text = re.sub(r"(\b(?:fall|falls|come|comes|are|is)\s+within\s+(?:the\s+scope\s+of\s+)?this\s+measure),\s*as\s+(?:do|does|are|is)\s+",
                  r"\1. It also applies to ", text, flags=re.I)
    # "Providers of X should apply this measure; so should providers of Y": a second group
    text = re.sub(r"[;,]\s*(?:and\s+)?so\s+(?:should|must|do|does)\s+(?=(?:the\s+|any\s+|all\s+|every\s+)?providers?\b|(?:any\s+|all\s+|every\s+)?services?\b)",
                  ". It also applies to ", text, flags=re.I)
    # "X is not required to comply with this measure; every other provider of a relevant electronic service must":
    # the group the measure is for, after the one it leaves out (so is "...; other providers of services at high risk of X
    # should")
    text = re.sub(r"[;,]\s*(?:but\s+|and\s+)?(?:(?:every|all|any|each)\s+)?other\s+(providers?\s+of\s+[^.;]+?)\s+"
                  r"(?:must|should|shall|will|is\s+required\s+to|are\s+required\s+to)(?:\s+(?:do\s+so|comply(?:\s+with\s+it)?))?\s*(?=[.;]|$)",
                  r". This measure applies to \1", text, flags=re.I)
    # "Providers of vertical search services need not apply this measure unless ...; providers of general search services
    # should apply it if ...": a second group with its own duty, a sentence of its own (read inside the "unless", it had
    # been part of the exception)
    text = re.sub(r";\s*(providers?\s+of\s+[^.;]{3,120}?\s+(?:should|must|shall|will)\s+(?:apply|follow|comply\s+with)\s+(?:it|this\s+measure)\b)",
                  lambda m: ". " + m.group(1)[0].upper() + m.group(1)[1:], text, flags=re.I)
    # ("...; all other large search services should apply it": the services named, whose duty is the measure)
    text = re.sub(r"[;,]\s*(?:but\s+|and\s+)?(?:every|all|any|each)\s+other\s+([^.;]{0,60}?services?)\s+(?:must|should|shall|will)\s+"
                  r"(?:apply|follow|comply\s+with)\s+(?:it|this\s+measure)\s*(?=[.;]|$)", r". This measure applies to \1", text, flags=re.I)
    # "SMCs may take a simplified approach; all other Signatories will follow this Measure in full": the others' duty is
    # a sentence of its own (read with the permission's subject alone, the measure had been for SMCs only)
    # ("...; all other Signatories do so before placing the model on the market": the same duty, said in the present)
    text = re.sub(r";\s*(?:all\s+|every\s+|each\s+|any\s+)?other\s+(signatories|providers|services)(?:(?=\s+(?:will|shall|must|should)\s+[a-z])"
                  r"|(?P<present>\s+)(?=do\s+(?:so|this|it|the\s+same)\b))",
                  lambda m: ". Other " + m.group(1).lower() + (" will " if m["present"] else ""), text, flags=re.I)
    # "SMEs may fill in the form in simplified form; the duty to document every model remains with every Signatory": the
    # duty of all, a sentence of its own (read with the permission's subject alone, the measure had been for SMEs only)
    # ("...; the Report itself is still due", "...; the obligation to provide that access is unchanged")
    text = re.sub(r"[;.]\s*(?:but\s+)?(?:the\s+(?:duty|obligation|requirement)\s+(?:to\s+(?P<what>[^.;]{1,100}?)\s+)?(?:still\s+)?"
                  r"(?:remains|rests|stays|lies)\s+with\s+(?:every|each|all)\s+(?:signator(?:y|ies)|providers?)"
                  r"|the\s+(?:[\w-]+\s+){0,3}?(?:report|form|documentation|policy|assessment)\s+itself\s+(?:is|remains)\s+(?:still\s+)?"
                  r"(?:due|required|mandatory|owed)"
                  r"|the\s+(?:duty|obligation|requirement)\b[^.;]{0,100}?\s+(?:is|remains)\s+(?:otherwise\s+)?(?:unchanged|unaffected))(?=\s*(?:[.;]|$))",
                  lambda m: f". Every signatory will {m['what'] or 'do so'}", text, flags=re.I)
    # "...; this does not apply if your service is a counselling service": a sentence of scope of its own
    # ("...; the section does not apply to a search engine service on which ...", "... unless it is large; it applies to
    # every vertical search service")
    text = re.sub(r";\s*(this(?:\s+(?:measure|standard|section|subsection|code|requirement))?|it|the\s+(?:measure|standard|section|subsection|code|requirement))"
                  r"(?=\s+(?:(?:does\s+not|only)\s+)?appl(?:y|ies)\b)",
                  lambda m: ". " + m.group(1)[0].upper() + m.group(1)[1:], text, flags=re.I)
    # "Providers of vertical search services are outside this measure; for general search services it applies unless ...":
    # the services it is for, then their exception
    text = re.sub(r";\s*for\s+(?P<who>(?:all\s+|other\s+)?[^,;.]{3,80}?services?)\s*,?\s+(?:it|the\s+measure|this\s+measure)\s+applies\s+"
                  r"(?=unless|except|other\s+than|only|if|where)", r". This measure applies to \g<who> ", text, flags=re.I)
    # "...; a telephony service or enterprise service is not required to", "Services at low risk ... are outside this
    # measure, as are services that are not large": a release of its own after the duty (read with the duty, dropped)
    # (a release that ends its clause: "... is not expected to do so for content it cannot access" limits the duty)
    text = re.sub(r";\s*(an?|the|any)(?=\s+[^.;]{1,120}?\s+(?:is|are)\s+(?:not\s+(?:required|expected|obliged)(?:\s+to(?:\s+(?:do\s+so|"
                  r"(?:comply\s+with|apply|follow)\s+(?:it|this\s+measure|the\s+measure)))?)?\s*(?:[.;]|$)|(?:exempt|excluded|outside)\b))",
                  lambda m: ". " + m.group(1).capitalize(), text, flags=re.I)
    text = re.sub(r"(\b(?:are|is)\s+(?:outside|exempt\s+from|excluded\s+from|not\s+covered\s+by)\s+(?:the\s+scope\s+of\s+)?(?:this|the)\s+measure),"
                  r"\s*as\s+(?:are|is)\s+", r"\1. It does not apply to ", text, flags=re.I)
    # (so is "...; it also applies to ...", and "...; the provider should act ...": the duty after the scope; a sentence
    # left in lower case where words before it were taken away)
    text = re.sub(r"(?:;|(?<=\.))\s*(it|this)(?=\s+(?:also|only|does\s+not)\s+appl)|(?:;|(?<=\.))\s*(the\s+provider|providers)"
                  r"(?=\s+(?:should|must|shall|will)\b)",
                  lambda m: (". " if m.group(0).startswith(";") else " ") + (m.group(1) or m.group(2))[0].upper()
                  + (m.group(1) or m.group(2))[1:], text)
    # "The exception is a model that is treated as similarly safe; for it, the reference model's mitigations suffice": what
    # those services do instead, a sentence of its own (read with the exception, its words had not been understood)
    text = re.sub(r";\s*(for\s+(?:it|them|those|these|such|that|this)\b[^,;.]{0,40},)", lambda m: ". " + m.group(1)[0].upper() + m.group(1)[1:], text,
                  flags=re.I)
    # a sentence opens with a capital, a bracket, or a paragraph number ("3.2 In the case of ..."),
    # or a footnote's number ("... fraud. 2 This measure applies only ...")
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z(]|[A-Z]{0,5}\d{1,3}(?:\.\d{1,3})+\s+[A-Z]"
                     r"|\d{1,2}\s+(?:This|These|The|It|Providers?|Signatories|Services)\s)|(?<=\.)$", text)
    return [p.strip() for p in parts if p and p.strip(" .")]


def match_intro(sentence: str, intros: tuple[Intro, ...]) -> tuple[Intro, str, str, str] | None:
    """The first intro that opens ``sentence``, the condition's words after it, an exception that the
    sentence makes after its obligation ("..., other than a provider that ...") and a condition set
    inside the obligation ("must, if the service is not end-to-end encrypted, detect ...")."""
    numbered = LEADING_LABEL.sub("", sentence, count=1)
    # "However, this Division does not apply to ...": the linking word says nothing of whom (tried
    # after the intros that open with one of their own)
    for sentence in dict.fromkeys((numbered, _LINKING_WORD.sub("", numbered, count=1))):
        hit = _first_intro(sentence, intros)
        if hit is not None:
            return hit
    return None


def _first_intro(sentence: str, intros: tuple[Intro, ...]) -> tuple[Intro, str, str, str] | None:
    for intro in intros:
        m = intro.pattern.match(sentence)
        if m:
            body, rest = sentence[m.end():], ""
            if intro.until is not None:
                cut = intro.until.search(body)
                if cut and cut.group(0).lower().startswith("may") and re.search(r"\bappl(?:y|ies)\s+(?:to\s+(?:them|it|those|such)|in\s+full)\b|\bsame\s+applies\b",
                                                                                body[cut.end():], re.I):
                    # "Signatories that are SMEs may take their size into account ..., but the Measure applies to them in full": a
                    # permission that itself says whom the measure covers is not read as the scope (a plain permission, "SMEs
                    # may report in a simplified form", is a measure for SMEs)
                    continue
                # "Signatories whose weights anyone may download, are not expected to ...", "Signatories whose model will have its
                # weights published will take ...": the first "may" or "will" is the relative clause's
                if cut and (later := intro.until.search(body, cut.end())) and re.fullmatch(r"may\s+(?:[\w-]+\s+){0,6}?[\w-]+,\s*|will\s+(?:have|be|"
                        r"become|present|pose|carry|reach|exceed|meet)\b(?:(?!\b(?:and|or|but|then)\b)[^,.;]){0,80}", body[cut.start():later.start()], re.I):
                    cut = later
                if cut:
                    body, rest = body[:cut.start()], body[cut.start():]
                    listed = _LIST_AFTER_DUTY.search(rest) if _LIST_AHEAD.search(body) else None
                    if listed:
                        # "Providers of services at high risk of two or more of the following kinds of illegal
                        # harm should offer the controls in this measure: hate; harassment; ...": the list the
                        # subject announced comes after the duty
                        body, rest = f"{body.rstrip(' ,')}: {listed.group('items')}", rest[:listed.start()]
                    if intro.polarity == "applies" and (_RELEASE.match(rest) or _NOT_APPLY_REST.match(rest)) and not _BUT_MUST.search(rest):
                        # "A provider of a classified service is not required to comply": an exemption
                        intro = dataclasses.replace(intro, polarity="exempt")
                    elif not _RELEASE.match(rest) and (_PERMISSION.match(rest) or _ENCOURAGED.match(rest)):
                        # "Signatories that are SMEs may ...", "Where your service is used by adults and children,
                        # you may offer ...": a permission, whose subject says whom only when nothing else does
                        intro = dataclasses.replace(intro, permission=True)
            exc = LATE_EXCEPTION.search(rest) or _LATE_EXCEPTION_ANY.search(rest)
            late = rest[exc.end():].strip(" ,;:.") if exc else ""
            inner = _INNER_CONDITION.search(rest)
            condition = ""
            applies_if = _APPLIES_IF.match(rest)
            if applies_if:
                # "..., this measure applies to its provider if the service is ...": a second condition
                condition = applies_if.group("cond").strip(" ,;:.")
            elif inner and not (exc and exc.start() <= inner.start() < exc.end() + len(late) + 1) and not _ALSO_DUTY.match(rest, inner.end()):
                after = rest[inner.end():]
                # "where the service is large, has a recommender system and is at risk of two or more of the following:
                # ...": the condition goes on past the comma, to the sentence's end (cut at the comma, it had read
                # "large" alone)
                goes_on = (_CONDITION_GOES_ON.match(after) or (":" in after[:2] and "following" in inner.group("cond").lower())
                           # ("where the service is at high risk of one or more of terrorism, grooming or image-based CSAM";
                           # never "of their models with systemic risk, using ...", the models' words ended at the comma)
                           or (re.search(r"\bof\s+(?!their\s)[\w\s'-]+$", inner.group("cond")) and _LIST_GOES_ON.match(after)))
                condition = _DUTY_QUALIFIER.sub("", inner.group("cond") + (after if goes_on else "")).strip(" ,;:.")
            elif intro.until is not None and not exc and not body.strip(" ,;:.") and (duty := _DUTY_CONDITION.search(rest)):
                condition = (duty.group("cond") or duty.group("where")).strip(" ,;:.")
            elif intro.polarity == "exempt" and intro.until is not None and (not exc or (between := rest[(said.end() if (
                    said := excluded_or_released().match(rest) or intro.until.match(rest)) else 0):exc.start()].strip(" ,;:."))):
                # "... is not required to comply with it if the service does not allow ...": on that condition; "..., unless
                # children can hold accounts": lifted where that holds; "... is not bound by this Commitment when it releases
                # ..., unless ...": the words before the exception say who is let out (dropped, all had been), or unclear
                if (unless := None if exc else _RELEASE_UNLESS.search(rest)):
                    late = "services where " + unless.group("cond").strip(" ,;:.")
                else:
                    cond = _RELEASE_CONDITION.search(between if exc else rest)
                    condition = (cond.group("cond") or cond.group("which")).strip(" ,;:.") if cond else between if exc else ""
            elif intro.relative and intro.until is not None and (named := _PROVIDER_OF_AFTER.match(rest)):
                # "If Australian children can hold accounts on the service, a provider of a social media service
                # must ...": the duty's subject names the kind of service the condition is set on
                condition = "where the service is " + named.group("who")
            elif intro.until is not None and (only := _OBLIGATION_ONLY.search(rest)):
                # "Providers of X should implement it only where ...": a condition on whom, after the
                # duty, that none of the shapes above read: never dropped, so never a confident answer
                condition = only.group("cond").strip(" ,;:.")
            if intro.until is not None and not intro.relative and (named := _SERVICE_IS.match(body)):
                # "If a search service is large and ..., its provider should ...": the services, then what they are
                body = f"{named.group('words')}{named.group('noun')}s that {body[named.end():]}"
            return intro, body.strip(" ,;:"), late, condition
    return None


# "...; where the service is encrypted, the reporting tool must also let ...": what the duty asks more of some, not whom
_ALSO_DUTY = re.compile(r",\s+(?:the|its|their|that|this|such)\s+(?:[\w-]+\s+){0,3}?(?:must|should|will|shall)\s+also\b", re.I)
# "the service is likely to be accessed by children", "a search service is large": a service as the subject of "is"
_SERVICE_IS = re.compile(r"^(?:a|an|the|any)\s+(?P<words>(?:[\w-]+\s+){0,4}?)(?P<noun>service|platform)\s+(?=(?:is|are)\b)", re.I)
# ", a provider of a social media service must ...": the subject after a condition set first
_PROVIDER_OF_AFTER = re.compile(r"[,\s]*an?\s+provider\s+of\s+(?P<who>an?\s+[\w\s-]{3,60}?)\s+(?:must|should|will)\b", re.I)
# a subject that ends announcing a list ("... of the following kinds of illegal harm", "any of the following")
_LIST_AHEAD = re.compile(r"\bthe\s+following(?:\s+[\w-]+){0,8}\s*$", re.I)
_LIST_AFTER_DUTY = re.compile(r":\s*(?P<items>.+)$", re.S)
_PERMISSION = re.compile(r"[,\s]*(?:(?:then\s+)?(?:you|it|they|we|the\s+provider|providers?|signator(?:y|ies))\s+)?may\b", re.I)
# "Signatories that also run an online search engine are encouraged to ...": beside a duty, more asked of some of
# its readers, not a second group (alone, the encouragement is the measure, as a permission is)
_ENCOURAGED = re.compile(r"[,\s]*(?:is|are)\s+(?:also\s+)?(?:encouraged|invited|welcome)\s+to\b", re.I)
# "If you do not profile children, this standard does not apply to you", "If your service is aimed only at adults, this
# standard does not apply": after the condition, nothing but that it does not apply (it had read as whom it is for)
_NOT_APPLY_REST = re.compile(r"^[,\s]*(?:then\s+)?(?:this|that|it|these|the)(?:\s+[\w-]+){0,2}?\s+(?:does|do)\s+not\s+apply"
                             r"(?:\s+to\s+(?:you|it|them|the\s+provider|your\s+service))?\s*[.;]?\s*$", re.I)
# "... need not carry out a risk assessment, but must comply with the measures listed for its category": released from one
# step, bound by others, so still the measure's reader
# ("... is not required by this measure to access encrypted content; it must still act on a notice ...": the same, said
# after a semicolon with "still")
_BUT_MUST = re.compile(r",?\s+but\s+(?:it\s+|they\s+|the\s+provider\s+)?(?:must|should|shall|will|is\s+required\s+to|are\s+required\s+to)\b"
                       r"|[,;]\s+(?:but\s+)?(?:it|they|the\s+provider|providers)\s+(?:must|should|shall|will)\s+(?:still|nevertheless|however)\b", re.I)
_RELEASE = re.compile(r"(?:(?:is|are)\s+not|(?:will|shall)\s+not\s+be)\s+(?:required|expected|obliged)\b|need\s+not\b|do(?:es)?\s+not\s+(?:have|need)\s+to\b"
                      # "Providers of small low-risk services may choose not to apply this measure": a release (read as a
                      # permission, those services had been the measure's readers)
                      r"|may\s+(?:choose|decide|elect|opt)\s+not\s+to\b"
                      # "Providers of ... may disregard this measure": a release, not a permission to do more
                      r"|may\s+(?:disregard|ignore)\s+(?:this|the|it)\b"
                      # "(Signatories whose models are open-source ...) are invited but not required to follow this Measure"
                      r"|(?:is|are)\s+(?:invited|encouraged|welcome)\s*,?\s+but\s+(?:are\s+)?not\s+(?:required|expected|obliged)\b"
                      # "(Signatories whose models are open-source) are exempt", "(...) are not covered by this measure"
                      r"|(?:is|are)\s+(?:(?:also|likewise|similarly|equally)\s+)?(?:exempt(?:ed)?|not\s+covered\s+by|not\s+bound\s+by|excluded\s+from|outside|not\s+within)\b|falls?\s+outside\b", re.I)
# "(Where ...,) this measure applies to its provider if ...", "(Services with ...) are in scope of this measure
# if they ...": the statement that the measure applies, then a condition of its own (no comma needed)
_APPLIES_IF = re.compile(
    r"^\s*,?\s*(?:then\s+)?(?:(?:this|the)\s+measure\s+(?:only\s+)?applies(?:\s+only)?(?:\s+to\s+(?:its|the|their)\s+providers?)?"
    rf"|{APPLY_THIS_MEASURE}"
    # "Providers of ... should implement it only where ...": the measure named again as "it"
    r"|(?:should|must|shall|(?:is|are)\s+expected\s+to)\s+(?:apply|follow|adopt|implement|comply\s+with)\s+it"
    # ("A provider of a closed communication service must comply with this section only if end-users can ...")
    r"|(?:should|must|shall|need)\s+(?:only\s+)?comply\s+with\s+(?:this|the)\s+(?:section|standard|division|part|code|commitment))"
    r"\s*,?\s+(?:only\s+)?(?P<cond>(?:if|where|when|provided\s+that)\s+.+)$", re.I | re.S)
_RELEASE_CONDITION = re.compile(r"\b(?P<cond>(?:if|where|when|provided\s+that)\s*:?\s+.+)$"
                                # "Signatories need not follow this Measure for a model that is not ...": the released
                                # models or services, named after the duty (read as every Signatory, it had let all out)
                                r"|\b(?:for|in\s+respect\s+of|in\s+relation\s+to)\s+(?:a|an|any|each|every)\s+(?:[\w-]+\s+){0,3}?"
                                r"(?:models?|services?)\s+(?P<which>(?:that|which|whose)\s+.+)$", re.I)
_RELEASE_UNLESS = re.compile(r"[,;]?\s+(?:unless|except\s+(?:where|if|when)|save\s+(?:where|if|when))\s+(?P<cond>(?!(?:it|they|the\s+provider|you)\s+can\s+(?:show|demonstrate))\S.+)$", re.I)
# "... should implement it only where the service has ...", "must do X only if the provider's service is ...":
# a restriction of whom, set after the obligation
_OBLIGATION_ONLY = re.compile(rf"\bonly\s+(?P<cond>(?:if|where|when|provided\s+that){SERVICE_SUBJECT}.+)$", re.I | re.S)
_LINKING_WORD = re.compile(r"^(?:however|but|further(?:more)?|nevertheless|notwithstanding\s+this|in\s+addition|moreover|"
                          # ("Note: end-to-end encrypted services are excluded from this measure", after another sentence)
                          r"(?:drafting\s+|explanatory\s+|editorial\s+)?note\s*[:\u2013\u2014-]|"
                          r"additionally|in\s+(?:either|each|both|every|any)\s+cases?),?\s+"
                          # "To support post-market monitoring, Signatories will ...": the duty's purpose, not whom
                          # (an infinitive: never "To the extent that their models present systemic risk, ...", a condition)
                          # "Besides running their own evaluations, Signatories will ...": what else they do, not whom
                          r"|^(?:besides|as\s+well\s+as|alongside|in\s+addition\s+to)\s+[a-z]+ing\b[^,.;]{0,80},\s+"
                          r"(?=(?:signatories|providers?|the\s+provider|you)\b)"
                          r"|^(?:to|in\s+order\s+to)\s+(?!(?:the|a|an|any|all|each|such|which|whom|what|those|these|this|that|"
                          r"their|its|some|so\s+far)\b)[a-z][^,.;]{2,80},\s+(?=(?:signatories|providers?|the\s+provider|you)\b)"
                          # "Within five business days of ...,", "On a request from the AI Office,", "For every general-purpose
                          # AI model it places on the Union market,": when or on what the duty falls due, not whom
                          # ("On receiving a request from the AI Office,", "After becoming aware of a serious incident,": an event
                          # that may befall any of them, never an activity only some carry on, such as "When crawling")
                          r"|^(?:(?:on|upon|after)\s+(?:receiving|becoming\s+aware|being\s+(?:asked|requested|notified|informed|told)|"
                          r"learning|discovering)\b[^,.;]{0,160}"
                          r"|within\s+[^,.;]{3,80}(?:,\s+or\s+[^,.;]{2,40})?|(?:on|upon)\s+(?:a\s+)?(?:reasoned\s+)?request(?:\s+(?:from|by|of)\s+[^,.;]{3,60})?"
                          # ("On a request from the AI Office, made on its own initiative or ..., Signatories will ...")
                          r"(?:,\s+(?:made|sent|issued|given)\s+[^,.;]{3,120})?"
                          r"|for\s+(?:every|each|any)\s+(?:general-purpose\s+ai\s+)?model(?:\s+(?:it|they)\s+places?)?(?:\s+on\s+the\s+(?:union\s+)?"
                          r"market)?),\s+(?=(?:signatories|(?:a|each|every|any|the)\s+signatory|providers?|the\s+provider|you)\b)",
                          re.I)
# "..., but this measure does not apply to a search engine that ...", "..., except where the search engine only
# searches ...": an exception after the duty whatever it names; read as the exception, or left unread (never
# dropped, which would be a confident answer for the services it lets out)
_LATE_EXCEPTION_ANY = re.compile(
    r"[,;]\s*(?:but\s+(?:this|the|it)\s+(?:[\w-]+\s+){0,2}?(?:does|do)\s+not\s+apply(?:\s+to)?"
    r"|except(?:\s+where|\s+if|\s+when|\s+for|\s+in\s+the\s+case\s+of)|other\s+than|save\s+(?:where|for|if|when|that)|excluding"
    r"|apart\s+from|aside\s+from|with\s+the\s+exception\s+of)\b",
    re.I)
_ITEM = r"\((?:[a-h]|[ivx]{1,4}|\d{1,2})\)"  # "(a)", "(ii)", "(2)"
# ", grooming or image-based CSAM.": the rest of a list the condition began, to the sentence's end
_LIST_GOES_ON = re.compile(r"\s*,\s*(?:[\w'-]+\s*){1,5}(?:,\s*(?:[\w'-]+\s*){1,5})*,?\s+(?:or|and)\s+(?:[\w'-]+\s*){1,5}[.;]?\s*$")
# ("if its service is large ..., or if its service has more than 700,000 ...": a second condition, an alternative to the
# first; cut at the comma, the second had been dropped and a service meeting it alone told "exempt")
_CONDITION_GOES_ON = re.compile(r"\s*,\s*(?:and\s+|or\s+)?(?:has|have|is|are|uses|offers|allows|lets|enables|provides|hosts|operates|"
                                r"does\s+not|is\s+not|has\s+no)\b"
                                rf"|\s*,?\s*(?:and|or)\s+(?:if|where|when){SERVICE_SUBJECT}", re.I)
# "must, if the service is not end-to-end encrypted and it is reasonably practicable to do so, detect
# ...": a condition on the service inside the obligation restricts whom the sentence is for
# ("each model with systemic risk they provide": every Signatory provides its models, so the words say nothing of whom)
_THEY_PROVIDE = r"\s+(?:that\s+|which\s+)?(?:they|it)\s+(?:provides?|offers?|places?\s+on\s+the\s+market|develops?|makes?\s+available)\b"
_INNER_CONDITION = re.compile(
    # (a comma or none: "should use hash matching where the service has livestreaming"; "will take the steps
    # below to the extent that they integrate the model ...", "must, where Australian children can hold accounts
    # on the service, set ...": a condition on the reader or on what its users can do, never dropped)
    # (never "except where ...", "save where ...": an exception, which LATE_EXCEPTION and _RELEASE_UNLESS read)
    # (never after "and": "will describe the reasons and, where the model is built into their own systems, how ...": a
    # condition on the second limb of the duty alone, a conditional obligation, not whom the measure is for)
    rf"(?:(?<!\band)(?<!\band\s)[,;]\s*|(?<!\bexcept)(?<!\bsave)(?<!\band)(?<!\band,)\s)(?P<cond>(?:if|where|when|provided\s+that|to\s+the\s+extent\s+that|in\s*so\s+far\s+as)"
    # ("where (a) the model presents systemic risk, and (b) the Signatory is not an SME": the items, every one)
    rf"(?:\s*{_ITEM})?"
    # ("when they test changes", "where they have reasonable grounds": a time or a trigger, not whom; "to the
    # extent that they ..." and "if they ..." are whom)
    # ("must take the steps in this measure if it hosts either of the following: ...": "it", the provider's service)
    rf"(?:{SERVICE_SUBJECT}|(?<=extent\sthat)\s+they\b|(?<=far\sas)\s+they\b|(?<=if)\s+they\b"
    r"|(?<=if)\s+it\s+(?=(?:hosts?|has|offers?|provides?|operates?|uses?|allows?|distributes?|runs?)\b)"
    # (it ends at a colon, after which the duty goes on: "must do the following if the service is X: implement ...")
    # ("where users of the service can livestream": the same, with whose users said; passed over, the condition had been
    # dropped and the measure made every service's)
    rf"|\s+(?:australian\s+)?(?:children|child\s+users|end-users|end\s+users|users)(?:\s+of\s+(?:the|its|their)\s+services?)?\s+(?:can|could|are\s+able|may)\b"
    # ("must, where its private messages are end-to-end encrypted, take ...": what the reader's service has)
    r"|\s+(?:its|their)\s+(?:[\w-]+\s+){0,2}?(?:messages|messaging|communications|chats?|accounts|users|terms)\s+(?:are|is|have|has|can)\b)"
    rf"(?:[^,;:]|(?<=following):|[,;]\s*(?:and|or)?\s*(?={_ITEM}))*"
    # "Signatories will, for each model with systemic risk that they have placed on the market, keep ...":
    # the duty is for those who have such a model
    # (never what follows "and the ..." that is no model: "for their models with systemic risk and the physical
    # infrastructure those models run on", nor what they are kept "against", nor how, "using ...", "by methods ...", nor when)
    # (after another preposition, only a relative clause said of the models: "the information about each of their models
    # that the AI Office needs" names what is owed, not whom)
    rf"|(?:{FOR_EACH_MODEL}(?=with\b|that\b|which\b|whose\b|trained\b)|{OF_THEIR_MODELS}(?={SAID_OF_THE_MODELS}))(?:(?!\s+and\s+(?:the|its|their)\s+(?!models?\b)|\s+against\b|(?<!trained)\s+using\b|\s+by\s+(?:methods?|means|ways?|techniques?)\b|\s+(?:when|whenever|once|if)\s+(?:they|it)\b|{_THEY_PROVIDE})[^,;])*)", re.I)
# the opening of that condition, for reading the model's words as a service's (with the duty's own verb, no modal before it)
FOR_EACH_MODEL_OPENING = re.compile(rf"^(?:{FOR_EACH_MODEL}|{OF_THEIR_MODELS}|{VERB_ON_EACH_MODEL})", re.I)
# "Signatories will take the measures below if: (1) ...": a duty for every reader on a condition
# ("Each provider should let users report a livestream, where livestreaming is offered": a condition after a comma,
# whatever its subject; never "where possible", a qualifier of the duty, nor "explain where users can find help", nor
# "... and, where the model is built into their own systems, how ...", a condition on one limb of the duty)
_DUTY_CONDITION = re.compile(r"\b(?P<cond>(?:if|provided\s+that)\b.+)$|(?<!\band),\s*(?P<where>where\s+(?!(?:it\s+is\s+)?(?:reasonably\s+|technically\s+)?"
                             r"(?:practicable|feasible|possible|proportionate|appropriate|necessary|relevant|applicable|required)\b)"
                             # (nor said of the duty or the provider: "where it is currently technically feasible for them",
                             # "where that is needed to ...", "where doing so would ...", "where it has reason to suspect ...")
                             r"(?!(?:it|they|that|this|doing\s+so|so\s+doing|the\s+provider)\b)"
                             # (nor a trigger: "where content is reported")
                             r"(?!(?:(?:the|any|such|that|a)\s+)?(?:content|material|complaints?|reports?|appeals?|a\s+user|an?\s+account)\b).+)$", re.I | re.S)
# what qualifies the duty rather than the service: "and it is reasonably practicable to do so"
_DUTY_QUALIFIER = re.compile(
    r"\s*(?:,\s*)?(?:and|or)?\s*(?:it\s+is|where|if)\s+(?:(?:reasonably|technically)\s+)?(?:practicable|feasible|"
    r"possible|proportionate|appropriate)(?:\s+to\s+do\s+so)?\b", re.I)


# What a sentence beside the application sentence does (used where the sentences are combined, in ``conditions``)
CASE_OF = re.compile(r"^\W*in\s+(?:the\s+)?case\s+of\b", re.I)
# the subject of a duty for every reader, once the opening is cut: "The provider of [the service] will ..."
EVERY_READER = re.compile(r"^\s*(?:the|its|this|that|their|your)\s+(?:online\s+|regulated\s+)?(?:service|platform)\s*$", re.I)
# "Providers of those services should ...": the services an earlier sentence named
THOSE_SERVICES = re.compile(r"^\s*(?:those|these|such|the\s+same)\s+(?:services|platforms|providers)\s*$", re.I)
# ("Subsection (1) does not include a service that ...", "Paragraph (1) does not concern a model that ...": a class left
# out, never "does not include personal data")
_LEAVES_OUT = (r"(?:excludes|(?:does|do)\s+not\s+(?:include|concern)|(?:imposes|places|lays)\s+(?:nothing|no\s+[\w-]+)\s+(?:up)?on)"
               r"(?=\s+(?:all\s+|any\s+|the\s+|an?\s+)?(?:(?!(?:that|which|who|whose)\b)[\w-]+\s+){0,4}?(?:services?|providers?|platforms?|models?|signator))")
NARROWS = re.compile(rf"\b{_LEAVES_OUT}|\b(?:does|do)\s+not\s+apply\b|\bis\s+not\s+required\b|\bexempt\w*\b|\bout\s+of\s+scope\b|"
                     r"(?<!\bnot\s)\b(?:excluded|excepted|disapplied|carved\s+out|left\s+out\s+of\s+(?:it|this|the)\b|outside\s+(?:the\s+scope|its\s+scope|this|it)\b|need\s+not)\b", re.I)
# "This measure applies only where ...", "It only applies to ...": a restriction of what the other sentences say
ONLY_APPLIES = re.compile(r"^\W*(?:\d{1,2}\s+)?(?:(?:however|but|in\s+(?:either|each|both|every|any)\s+cases?),?\s+)?(?:it|(?:this|the)(?:\s+(?:[\w-]+\s+){0,2}?(?:measure|standard|section|commitment))?)"
                          r"\s+(?:only\s+applies|applies\s+only|is\s+only\s+relevant|is\s+relevant\s+only)\b", re.I)
# A sentence that could change who is covered: "It does not apply where ...", "unless ...".
# ("Smaller services at high risk of fraud are also covered", "... fall within it", "... are included", "... are
# caught by it": a second group in words no opening knows)
MAY_CHANGE_WHO = re.compile(rf"\b(?:{_LEAVES_OUT}|"
                            r"(?:it|this|that|the\s+term|the\s+definition)\s+also\s+(?:includes?|takes\s+in)\b|"
                            # ("'Relevant service' means a large service. It also includes a service at high risk of fraud")
                            # (never "let them apply its internal content policies", "apply the sanctions": applying a thing;
                            # nor "the way age assurance has been applied to them", "the sanctions a provider applies to users")
                            r"(?<!\bbeen\s)(?<!\bprovider\s)appl(?:y|ies|ied|icable|ying)(?!\s+(?:its|their|the|these|those|any|such|an?)\s+(?!(?:measures?|standards?|sections?|"
                            r"codes?|commitments?|recommendations?|parts?|chapters?|requirements?|exceptions?|exemptions?)\b)[\w-]+)|"
                            # (not "content recommended to them", what a recommender system shows)
                            r"(?<!\bcontent\s)(?<!\bitems\s)(?<!\bposts\s)(?<!\bvideos\s)recommended\s+(?:for|to)|exempt\w*|unless|except|other than|excluding|"
                            r"only|not\s+(?:required|expected)|(?:is|are)\s+(?:still\s+)?(?:needed|required)\s+(?:if|where|when)|(?:does|do)\s+not\s+reach|out\s+of\s+scope|in\s+scope|cover(?:s|ed)?|within\s+(?:the\s+|its\s+)?scope|within\s+it\b|"
                            # ("Smaller services are not excluded": they stay as the other sentences say)
                            r"(?<!\bnot\s)(?:excluded|excepted|disapplied|carved\s+out)|need\s+not|outside\s+(?:the\s+scope|its\s+scope)|"
                            # ("included" in a group of services, not content "included in users' feeds")
                            r"falls?\s+within|included(?!\s+in\s+(?!(?:the\s+)?scope\b|this\s+measure\b|it\b))|caught|subject\s+to\s+(?:this|the)\s+measure|"
                            # a measure's own "large" or "multi-risk" (the codes' own, 7 million users, two or more kinds,
                            # restated, changes nothing)
                            r"is\s+(?:large|small)\s+(?:if|where|when)(?![^.]*\b(?:7|seven)\s*(?:million\b|m\b|,000,000))|"
                            r"is\s+multi-?\s?risk\s+(?:if|where|when)(?![^.]*\btwo\s+or\s+more\b)|"
                            # "So should large services ...", "The same goes for ...", "It is also for ...", "Every other
                            # provider ..." (not "Other providers may ..."), "Of those, X need not ...", "can skip it", "is
                            # intended for ...", "concerns only"
                            r"so\s+(?:should|must|shall|do|does|will)|same\s+(?:applies|is\s+true|goes|holds)|(?:is|are)\s+also\s+for|"
                            # ("PCS C8 is for large general search services": a measure named otherwise than the openings know)
                            r"(?:is|are)\s+(?:only\s+)?for(?=\s+(?:(?:all|any|the|those|each|every)\s+)?(?:[\w-]+\s+){0,5}?(?:services?|providers?|signator\w*|models?)\b)|"
                            r"other\s+(?:providers?|services?|signatories)(?!\s+(?:may|might|could|are\s+(?:welcome|encouraged|free)|"
                            r"can\s+(?:choose|opt|also)))|need\s+not|can\s+skip|outside|(?:intended|meant|designed)\s+for|"
                            r"concerns?\s+only|aimed\s+at|addressed\s+to|of\s+those)\b", re.I)


# A sentence that stretches a word of the application: "Sharing within your group counts as sharing for
# this purpose", "A platform that embeds the service is treated as providing it": it can only add services.
WIDENS = re.compile(r"\b(?:counts?|counted|treated|regarded)\s+as\b|\bdeemed\b", re.I)
# ... unless it is how a level, a number or a count of harms is worked out ("CSAM and grooming are treated as
# one kind of harm"), which the reading of the application already follows
COUNTING = re.compile(r"\b(?:harms?|risk|users?|kinds?)\b", re.I)
# ... but a deeming provision moves services into a class ("a service at medium risk of terrorism with more than 7
# million users shall be treated as at high risk of terrorism"): it widens whom the measure covers
DEEMS = re.compile(r"\b(?:treated|regarded|deemed)\s+(?:as\s+)?(?:being\s+)?(?:(?:at\s+)?(?:high|medium|low)\b|"
                   r"(?:an?\s+)?(?:large|multi-?\s?risk|high-risk|small)\b"
                   # ("A vertical search service ... is to be treated as a general search service"): a service moved into a kind
                   r"|an?\s+(?:[\w-]+\s+){0,3}?(?:service|platform)\b)", re.I)
# ... unless it restates the code's own "large" (more than 7 million users) or "multi-risk" (two or more kinds)
RESTATES_OWN_CLASS = re.compile(r"\blarge\b[^.]*\b(?:7|seven)\s*(?:million\b|m\b|,000,000)|\bmulti-?\s?risk\b[^.]*\btwo\s+or\s+more\b", re.I)
# "Do not use nudge techniques", "You should not ...": a prohibition, for everyone
PROHIBITION = re.compile(r"^\s*(?:\(?[a-z0-9ivx]{1,4}[.)]\s*)?(?:do\s+not|don.t|never|avoid|stop|refrain|you\s+(?:should|must|shall)\s+(?:not|never)"
                         # "Nudges must not be used to ...": a prohibition in the passive voice
                         r"|(?:[\w'\u2019-]+\s+){1,6}?(?:should|must|shall)\s+(?:not|never)\s+be)\b", re.I)


# beside the sentence of whom, others encouraged or left free to do the same (never a duty: "are encouraged, but not
# expected, to ...")
_ENCOURAGED_ONLY = re.compile(r"^[^.;]{3,200}?\b(?:is|are)\s+(?:also\s+)?(?:encouraged|invited|welcome|free)(?:\s*,?\s*but\s+(?:are\s+|is\s+)?not\s+"
                              r"(?:expected|required|obliged)\s*,?)?\s+to\s+(?:do\s+so|do\s+the\s+same|(?:consider\s+)?(?:following|adopting|applying|"
                              r"using|follow|adopt|apply|implement|use)\b)", re.I)


def further_sentence(body: str) -> str | None:
    """How a further sentence beside the application sentence, itself no application sentence, can change whom the
    measure covers: "narrows" (it can only take services out: "This does not apply to ..."), "widens" (it can only
    add: "It also covers ...", a deeming provision that raises services into a class), "turns" (either way), or
    None when it says nothing of whom (a definition, an explanation)."""
    if _ENCOURAGED_ONLY.match(body):
        return None  # "Smaller services are encouraged, but not expected, to do the same": others asked, none covered
    deems = DEEMS.search(body)
    if deems and RESTATES_OWN_CLASS.search(body):
        deems = None  # "... is to be treated as a large service if it has more than 7 million users": the code's own
    if deems and re.search(r"\b(?:low|small)\b", deems.group(0), re.I):
        return "turns"  # "... shall be treated as at low risk": it can as well take services out
    if re.search(r"\bnot\s+(?:to\s+be\s+)?(?:treated|regarded|deemed|counted|considered)\s+as\b|\b(?:treated|regarded|deemed|counted|"
                 r"considered)\s+as\s+(?:(?:an?|the)\s+(?:[\w-]+\s+){0,3}?)?(?:not|outside|out\s+of|non-)", body, re.I):
        return "turns"  # "a service is not to be treated as likely to be accessed by children where ...": a class undone
    if re.search(r"\b(?:services?|platforms?|models?)\b[^.;]{0,80}?\b(?:is|are)\s+not\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,4}?"
                 r"(?:services?|platforms?|models?)\b", body, re.I):
        return "turns"  # "For the purposes of this section, a Tier 3 social media service is not a social media service"
    widens = WIDENS.search(body) and (not COUNTING.search(body) or deems)
    if not (MAY_CHANGE_WHO.search(body) or widens or defines_services(body)):
        return None
    if NARROWS.search(body) and re.search(r"^\W*(?:\w+\s+){0,3}?(?:exceptions?|exemptions?|carve-outs?|exclusions?)\b", body, re.I):
        return "turns"  # "The exception in paragraph 3 does not extend to ...": what it says not of gives services back
    # ("It applies only where ICU F3 also applies to the provider": a restriction, whatever "also" it says)
    if NARROWS.search(body) or ONLY_APPLIES.match(body):
        return "narrows"
    if widens or re.search(r"\balso\b", body, re.I):
        return "widens"
    return "turns"
