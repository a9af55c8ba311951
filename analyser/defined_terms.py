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
    r"(?:an?\s+|the\s+|each\s+|any\s+)?[‘'\"“]?(?P<adj>" + _DEFINED + r") (?:services?|platforms?)[’'\"”]?\s+"
    r"(?:means|refers to|is)\s+(?:an?|any|each)\s+(?:services?|platforms?)\b(?P<body>.*?)(?:\.(?=\s+[A-Z(]|\s*$)|$)",
    re.I | re.S,
)


def definitions(measure: Measure) -> dict[str, tuple[str, str]]:
    """{adjective: (the restriction after "a service", the whole definition sentence)} for every class of
    services the measure's paragraphs define."""
    found: dict[str, tuple[str, str]] = {}
    for p in measure.paragraphs:
        for m in _DEFINITION.finditer(p.text):
            body = " ".join(m.group("body").split()).rstrip(" .;")
            if body:
                found.setdefault(m.group("adj").lower(), (body, m.group(0)))
    return found


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
        use = re.compile(r"\b" + re.escape(adj) + r" (services?|platforms?)\b(?![’'\"”]\s+(?:means|refers|is)\b)", re.I)
        if not use.search(text):
            continue
        text = use.sub(lambda m: f"{m.group(1)} {body}", text)
        notes.append(f"'{adj} service' is read as the measure defines it: a service {body}")
    if not notes:
        return application, []
    return text, notes
