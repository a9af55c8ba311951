"""Terms a measure defines for itself ("In this measure, a 'relevant service' means a service that (a)
...; and (b) ..."), read into its application sentence ("applies to providers of relevant services").

Without this, "relevant" is a word that restates the code's scope (the ICO's "every relevant
service"), so a measure for a defined class of services was read as one for every service: a
confident "applies" for services the definition leaves out. Only the adjectives drafters use for
a class they define are looked for; a definition of a kind the code names itself ("a search
service means ...") is never substituted.
"""

from __future__ import annotations

import re

from .models import Measure

# adjectives that name a class of services the text defines for itself
_DEFINED = r"(?:relevant|qualifying|in-scope|specified|eligible|covered|affected)"

_DEFINITION = re.compile(
    r"(?P<lead>(?:(?:In|For the purposes of|For) (?:this|these) [a-z ]{1,30},\s*)?)"
    r"(?:an?\s+|the\s+|each\s+|any\s+)?[‘'\"“]?(?P<adj>" + _DEFINED + r") (?P<noun>services?|platforms?|models?)[’'\"”]?\s+"
    # "... means a service that ...", "... is a user-to-user service which (a) ...", "... means general-purpose
    # AI models with systemic risk that ...", "... is one that is at medium or high risk ..."
    r"(?:means|refers to|is)\s+(?:(?:an?|any|each)\s+)?(?:(?P<kind>(?:[\w-]+\s+){0,4}?)(?P<dnoun>services?|platforms?|models?)\b|(?P<one>one|those)\b(?=\s+(?:that|which|with|whose)\b))"
    r"(?P<body>.*?)(?:\.(?=\s+[A-Z(]|\s*$)|$)",
    re.I | re.S,
)


def definitions(measure: Measure) -> dict[str, tuple[str, str]]:
    """{adjective: (the restriction after "a service", the whole definition sentence)} for every class of
    services the measure's paragraphs define."""
    found: dict[str, tuple[str, str]] = {}
    for p in measure.paragraphs:
        for m in _DEFINITION.finditer(p.text):
            body = " ".join(m.group("body").split()).rstrip(" .;")
            kind = " ".join((m.group("kind") or "").split())
            if re.fullmatch(r"(?:[\w-]+\s+)*(?:that|which|who)", kind, re.I):
                continue  # "... is a service that is ...": the lazy kind ran past the relative word
            if body or kind:
                # the kind it names ("a user-to-user service which ...") is part of the class: kept before the
                # restriction, so "relevant services" become "user-to-user services which ..."
                named = f"{kind} {m.group('dnoun')} {body}" if kind else body
                found.setdefault(m.group("adj").lower(), (named.strip(), m.group(0)))
    return found


def defined_class(noun: str, body: str) -> str:
    """The defined class in the words of its definition: "services" + "user-to-user service which (a) ..." ->
    "user-to-user services which (a) ..."; a definition that names no kind keeps the noun of the use."""
    kind = re.match(r"^((?:[\w-]+\s+){0,4}?)(services?|platforms?|models?)\b", body, re.I)
    if kind and not re.search(r"\b(?:that|which|who|whose|with)\b", kind.group(1), re.I):
        plural = noun.endswith("s")
        word = kind.group(2).rstrip("s") + ("s" if plural else "")
        return f"{kind.group(1)}{word}{body[kind.end():]}"
    return f"{noun} {body}"


def read_defined_terms(application: str, measure: Measure) -> tuple[str, list[str]]:
    """The application text with each defined class ("relevant services") replaced by its definition
    ("services that (a) ...; and (b) ..."), and a note for each replacement; unchanged when the
    measure defines nothing its application uses."""
    defs = definitions(measure)
    if not defs or not application.strip():
        return application, []
    notes: list[str] = []
    text = application
    for adj, (body, sentence) in defs.items():
        # the definition itself, where it was taken as application text, is read through the use
        text = text.replace(sentence, " ").strip()
        use = re.compile(r"\b" + re.escape(adj) + r" (services?|platforms?|models?)\b(?![’'\"”]\s+(?:means|refers|is)\b)", re.I)
        used = use.search(text)
        if used is None:
            continue
        text = use.sub(lambda m: defined_class(m.group(1), body), text)
        noun = used.group(1).rstrip("s")
        notes.append(f"'{adj} {noun}' is read as the measure defines it: {defined_class(noun + 's', body)}")
    if not notes:
        return application, []
    return text, notes


# "providers of relevant services", "to qualifying platforms": a defined class used bare (not "every relevant
# service", which restates the code's own scope)
_BARE_CLASS = re.compile(r"(?<!\bevery )(?<!\beach )(?<!\ball )(?<!\bany )\b" + _DEFINED + r" (?:services|platforms|models)\b", re.I)


def undefined_class(application: str, measure: Measure) -> str:
    """The words of a defined class of services that ``application`` uses bare, where nothing in the measure
    defines it (in any shape: "'relevant service' means ...", "relevant services are those ..."); ""."""
    m = _BARE_CLASS.search(application)
    if m is None:
        return ""
    adj = m.group(0).split()[0]
    defined_somewhere = re.compile(re.escape(adj) + r" (?:services?|platforms?|models?)[\u2019'\"\u201d]?\s+"
                                   r"(?:means|refers\s+to|is|are|shall\s+mean|has\s+the\s+meaning)\b", re.I)
    if any(defined_somewhere.search(p.text) for p in measure.paragraphs) or defined_somewhere.search(application):
        return ""
    return m.group(0)
