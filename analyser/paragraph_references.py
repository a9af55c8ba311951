"""A later paragraph that names another by its number, read as what that paragraph is.

"H3.2 Paragraph H3.1 does not apply to a service that is ...", "(2) Subclause (1) does not apply to a provider that
...", "Neither paragraph C20.1 nor paragraph C20.2 applies in respect of ...", "A Tier 2 provider whose service ... need
not comply with subclause (1)" take services out of the measure when the paragraph named says whom the measure covers
(or lays its duty); "However, paragraph J5.2 does not apply if the service is large" and "an enterprise service that
... is not excluded by subsection (2)" give services back when the paragraph named is itself an exception. Passed
over, each had been a confident answer for the services it moves.

Why its own module: which paragraph a number names needs the measure's paragraphs (their numbers, or the labels
printed in their text), which the condition reader never sees; so the references are resolved here, before it
reads the application text. A reference that names no paragraph of the measure, or one whose role is not plain, is
left as written: the reader does not know it, so the answer stays unclear where it matters.
"""

from __future__ import annotations

import re
from typing import Sequence

# a paragraph's number as a reference gives it: "C20.1", "H3.1", "(1)", "24(1)", "3"
_NUMBER = r"(?:[A-Z]{0,5}\d{1,3}(?:\.\d{1,3})+[A-Z]?|\d{1,3}\s*\(\w{1,4}\)|\(\w{1,4}\)|\d{1,3}[A-Z]?)"
_KIND = r"(?:sub-?)?(?:paragraph|clause|section)s?"
# "paragraph C20.1", "paragraphs C20.1 and C20.2", "neither paragraph C20.1 nor paragraph C20.2", "subclause (1)"
# a number alone also names a paragraph where it cannot be anything else: "H3.2 H3.1 does not apply to ..." (a letter
# and a dotted number; a bare "3" or "(1)" could be a count or a list item)
# (not "C5.2(b)": a point of a paragraph, whose release lightens a duty)
_BARE = r"[A-Z]{1,5}\d{1,3}(?:\.\d{1,3})+[A-Z]?(?!\s*\(|\w|\.\d)"
REFERENCE = (rf"(?:(?:neither\s+)?{_KIND}\s+{_NUMBER}|{_BARE})(?:\s*(?:,|and|or|nor)\s+(?:{_KIND}\s+)?{_NUMBER})*")
_NUMBERS_IN = re.compile(_NUMBER)
# the paragraph's own label at its start: "C20.1 ", "(2) ", "24 (1) "
_OWN_LABEL = re.compile(r"^\s*(?P<n>[A-Z]{0,5}\s?\d{1,3}(?:\.\d{1,3})+[A-Z]?|\d{1,3}\s*\(\w{1,4}\)|\(\w{1,4}\))\s+")

# a paragraph's label before its sentence ("C23.2 ", "(3) "), kept when a sentence is rewritten (shared with
# ``application_rewrites``)
PARAGRAPH_LABEL = r"(?:[A-Z]{0,5}\s?\d{1,3}(?:\.\d{1,3})+[A-Z]?\s+|\(\w{1,4}\)\s*)"
_LEAD = rf"(?P<lead>\s*{PARAGRAPH_LABEL}?(?:(?:however|but|nevertheless),?\s+)?)"
# "Paragraph H3.1 does not apply to ...", "Neither paragraph C20.1 nor C20.2 applies in respect of ...", "Subclause (1)
# applies only where ..."
_REFERENCE_APPLIES = re.compile(rf"^{_LEAD}(?P<ref>{REFERENCE})\s+(?P<verb>(?:does|do)\s+not\s+(?:apply|extend|exempt|exclude)|(?:only\s+)?appl(?:y|ies))\b"
                                r"(?:\s+(?:to|in\s+(?:respect|relation)\s+(?:of|to))\b)?", re.I)
# "(...) need not comply with subclause (1)", "(...) is not required to comply with paragraph C4.1", "A Tier 3 social media
# service is exempt from subsection (1)"
# ("Services that use highly effective age assurance ... are not within E6.1", "... fall outside paragraph C4.1")
_NEED_NOT_COMPLY = re.compile(rf"\b(?P<verb>(?:need\s+not|(?:is|are)\s+not\s+(?:required|expected|obliged)\s+to)\s+(?:comply\s+with|apply|follow)"
                              rf"|(?:is|are)\s+(?:exempt(?:ed)?|excluded)\s+from|(?:is|are)\s+not\s+(?:within|covered\s+by)"
                              rf"|(?:is|are|falls?)\s+outside(?:\s+(?:the\s+)?scope\s+of)?)\s+(?P<ref>{REFERENCE})", re.I)
# "However, an enterprise service that ... is not excluded by subsection (2)"
_NOT_EXCLUDED_BY = re.compile(rf"^{_LEAD}(?P<who>.+?)\s+(?:is|are)\s+not\s+(?:excluded|exempted|taken\s+out)\s+by\s+(?P<ref>{REFERENCE})"
                              r"\s*[.;]?\s*$", re.I | re.S)
# a paragraph that takes services out: the role of a paragraph another gives services back from
_EXCEPTS = re.compile(r"\b(?:(?:does|do)\s+not\s+(?:apply|extend)\b|need\s+not\b|(?:is|are)\s+not\s+(?:required|expected|obliged)\s+to\b"
                      r"|(?:is|are)\s+(?:excluded|exempt(?:ed)?|outside|not\s+covered|released\s+from|relieved\s+of)\b)", re.I)


def _key(number: str) -> str:
    """A number as references and labels both give it: "24 (1)" and "(1)" -> "1", "C20.1" -> "c20.1"."""
    bracket = re.search(r"\((\w{1,4})\)\s*$", number)
    return (bracket.group(1) if bracket else number).replace(" ", "").lower()


def _labels(texts: Sequence[str], numbers: Sequence[str | None]) -> list[set[str]]:
    """Each paragraph's number: the label printed at its start where the paragraphs carry them (a numbering made
    up by whoever split the text could name another paragraph), else its number."""
    printed = [_OWN_LABEL.match(t) for t in texts]
    if any(printed):
        return [{_key(p.group("n"))} if p else set() for p in printed]
    return [{_key(n)} if n else set() for n in numbers]


def _named(ref: str, labels: list[set[str]]) -> list[int] | None:
    """The paragraphs ``ref`` names, or None when one of its numbers names none of them."""
    found = []
    for number in _NUMBERS_IN.findall(re.sub(rf"^(?:neither\s+)?{_KIND}\s+", "", ref, flags=re.I)):
        hits = [i for i, keys in enumerate(labels) if _key(number) in keys]
        if len(hits) != 1:
            return None
        found.append(hits[0])
    return found or None


def _this(lead: str) -> str:
    """"This" where it opens the sentence (after a label at most), "this" after "However,"."""
    return "this" if re.search(r"[a-z],?\s*$", lead) else "This"


def resolve_references(texts: Sequence[str], numbers: Sequence[str | None], application: Sequence[int]) -> dict[int, str]:
    """The application paragraphs (``application``, indexes into ``texts``) that name another paragraph of the
    measure, rewritten in words the condition reader knows: {index: new text}."""
    labels = _labels(texts, numbers)
    scope = {i for i in application if not _EXCEPTS.search(_OWN_LABEL.sub("", texts[i], count=1))}
    roles = {i: ("scope" if i in scope else "exception") for i in application}
    out: dict[int, str] = {}
    for i in application:
        for shape, rewrite in ((_REFERENCE_APPLIES.match, _applies), (_NEED_NOT_COMPLY.search, _need_not_comply),
                               (_NOT_EXCLUDED_BY.match, _not_excluded_by)):
            m = shape(texts[i])
            if m is None:
                continue
            named = _named(m.group("ref"), labels)
            if named is not None and i not in named and len({roles.get(j) for j in named}) == 1:
                new = rewrite(texts[i], m, roles.get(named[0]))
                if new is not None:
                    out[i] = new
            break
    return out


def _applies(text: str, m: re.Match[str], role: str | None) -> str | None:
    """"Paragraph H3.1 does not apply to ...": this measure (the paragraph says whom); "However, paragraph J5.2 does not
    apply if the service is large": this exception does not apply there (the paragraph is an exception)."""
    negative = m.group("verb").lower().startswith(("does", "do ")) or m.group("ref").lower().startswith("neither")
    rest = text[m.end():]
    # ("Paragraph D6.2 does not exempt a general search service ...": it does not apply to that service)
    to = " to" if re.search(r"\b(?:to|of)\s*$", m.group(0), re.I) or re.search(r"exempt|exclude", m.group("verb"), re.I) else ""
    service_condition = r"\s*(?:if|where|when)\s+(?=(?:the|that|its|such)\s+(?:[\w-]+\s+){0,2}?service\b)"
    if role == "scope" and negative and re.search(r"exempt|exclude", m.group("verb"), re.I):
        # ("Subsection (1) does not exclude a classified DIS that is also high impact": the exception inside the scope
        # paragraph does not reach it, so it is given back, never taken out)
        give_back = "it" if _this(m.group("lead")) == "this" else "However, it"  # (after "However, " already)
        return f"{m.group('lead')}{give_back} does apply to{rest}"
    if role == "scope":
        verb = "does not apply" if negative else m.group("verb").lower()
        # ("Subsection (1) does not apply if the service is ...": "where", as the reader knows it)
        rest = re.sub("^" + service_condition, " where ", rest, flags=re.I)
        return f"{m.group('lead')}{_this(m.group('lead'))} measure {verb}{to}{rest}"
    if role == "exception" and negative:
        cond = re.match(service_condition, rest, re.I)
        # ("Subsection (2) does not apply if end-users of the service can share images": services where they can)
        users = re.match(r"\s*(?:if|where|when)\s+(?=(?:end-?\s?users|users|children)\s+(?:of\s+(?:the|that)\s+service\s+)?can\b)", rest, re.I)
        rest = (" to services where " + rest[cond.end():] if cond else " to services where " + rest[users.end():] if users
                else f"{to}{rest}")
        return f"{m.group('lead')}{_this(m.group('lead'))} exception does not apply{rest}"
    return None


def _need_not_comply(text: str, m: re.Match[str], role: str | None) -> str | None:
    """"A Tier 2 provider whose service ... need not comply with subclause (1)": with this measure."""
    return f"{text[:m.start()]}{m.group('verb')} this measure{text[m.end():]}" if role == "scope" else None


def _not_excluded_by(text: str, m: re.Match[str], role: str | None) -> str | None:
    """"However, an enterprise service that ... is not excluded by subsection (2)": this exception does not apply to it."""
    if role != "exception":
        return None
    return f"{m.group('lead')}{_this(m.group('lead'))} exception does not apply to {m.group('who')}."


def speaks_of_another(text: str) -> bool:
    """Does the paragraph move services by naming another paragraph ("need not comply with subclause (1)", "... is
    not excluded by subsection (2)")? Then it is application text (``application_text``), resolved or left unclear."""
    return bool(_NEED_NOT_COMPLY.search(text) or _NOT_EXCLUDED_BY.match(text))


def read_references(application: str, paragraphs: Sequence[object]) -> tuple[str, list[str]]:
    """``application`` (the measure's application paragraphs, joined) with each reference to another paragraph
    resolved (``resolve_references``), and a note for each, saying what the number was read as."""
    texts = [str(getattr(p, "text", "")) for p in paragraphs]
    numbers = [getattr(p, "number", None) for p in paragraphs]
    chosen = [i for i, p in enumerate(paragraphs) if getattr(p, "is_application", False)]
    notes = []
    for i, new in resolve_references(texts, numbers, chosen).items():
        if texts[i] in application:
            application = application.replace(texts[i], new, 1)
            own = _OWN_LABEL.match(texts[i])
            label = own.group("n") if own else numbers[i] or str(i + 1)
            notes.append(f"paragraph {label} names another paragraph by its number; read as: {new.strip()}")
    return application, notes


# "A service may have no means of telling adults and children apart. If so, it should ...", "In that case, apply the
# standards to every user": a condition said in the sentence before, carried over by a word that points back; whom the
# duty is for, which the reader must find there (passed over, the duty had been every service's with confidence)
CARRIED_OVER = re.compile(r"(?:^|[.;:]\s+)(?:if\s+so|(?:where|if)\s+(?:that|this)\s+is\s+(?:so|the\s+case)|in\s+(?:that|such\s+a|this)\s+case)\s*,",
                          re.I)
# "10. Geolocation: if your service offers ...": a standard's number and name before its words, as the ICO code's summary
# of standards prints them (the same words ``application.toml`` takes out before the clause is read; never "1. This measure
# applies to: ...", whose words say whom)
STANDARD_NAME = re.compile(r"^\s*\d{1,2}\.\s+(?![^:]*\b(?:applies|apply|applied|is|are|should|must|will|shall|may|means|following|"
                           r"include\w*)\b)[A-Z][\w\u2019'-]*(?:\s+[\w\u2019'-]+){0,6}?\s*:\s*")
