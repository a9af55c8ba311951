"""Terms that an application clause defines and then uses: "'Relevant service' means a service that is large.
Providers of relevant services should ...".

Why its own step: the sentence that names the services ("Providers of relevant services should ...") says
nothing by itself ("relevant" is a word of no meaning to the grammar, so it read as every service); the
definition says whom. Each use of the term in the clause's other sentences is replaced by the definition's
own words, and the definition sentence, now said where it is used, is dropped. A definition whose term is
not used elsewhere stays a sentence of its own (and, saying "means", is one that could change whom the
measure covers: see ``conditions``).
"""

from __future__ import annotations

import re

# "In this measure, 'relevant service' means a service that ...", "A qualifying service is defined as any
# service with ...", "For the purposes of this standard, an in-scope provider refers to a provider of ..."
_DEFINITION = re.compile(
    r"^(?:(?:in|for\s+the\s+purposes\s+of)\s+this\s+(?:measure|standard|section|code|chapter|commitment|division|part|"
    r"recommendation)\s*,\s*)?(?:an?\s+|the\s+)?['\u2018\u201c\x22]?(?P<term>(?:[\w-]+\s+){1,4}?(?P<noun>service|provider|platform|model|"
    r"signatory)(?:s|ies)?)['\u2019\u201d\x22]?\s+(?:means|refers\s+to|is\s+defined\s+as|is\s+to\s+be\s+read\s+as)\s+(?P<body>.+?)\s*\.?$",
    re.I)
# "In this measure, 'relevant services' are services at high risk of ...": "are" defines only after "In this measure,"
# and before a class of services ("Large services are expected to ..." defines nothing)
_DEFINITION_ARE = re.compile(
    r"^(?:in|for\s+the\s+purposes\s+of)\s+this\s+(?:measure|standard|section|code|chapter|commitment|division|part|recommendation)"
    r"\s*,\s*(?:an?\s+|the\s+)?['\u2018\u201c\x22]?(?P<term>(?:[\w-]+\s+){1,4}?(?P<noun>service|provider|platform|model|signatory)"
    r"(?:s|ies)?)['\u2019\u201d\x22]?\s+(?:is|are)\s+(?P<body>(?:an?\s+|any\s+|those\s+)?(?:[\w-]+\s+){0,3}?(?:services?|providers?|"
    r"platforms?|models?|signator(?:y|ies))\b.*?)\s*\.?$", re.I)


def _definition(sentence: str) -> re.Match[str] | None:
    return _DEFINITION.match(sentence.strip()) or _DEFINITION_ARE.match(sentence.strip())


def _plural(body: str) -> str:
    """The definition's words for the term in the plural: "a service that is large" -> "services that are large"."""
    body = re.sub(r"^(?:a|an|any|every|each)\s+", "", body, flags=re.I)
    body = re.sub(r"\b(service|provider|platform|model)\b(?!s)", r"\1s", body, count=1, flags=re.I)
    body = re.sub(r"\b(that|which|who)\s+is\b", r"\1 are", body, count=1, flags=re.I)
    return re.sub(r"\b(that|which|who)\s+has\b", r"\1 have", body, count=1, flags=re.I)


def apply_definitions(sentences: list[str]) -> list[str]:
    """``sentences`` with each defined term, where another sentence uses it, replaced by its definition."""
    out = list(sentences)
    for i, sentence in enumerate(sentences):
        m = _definition(sentence)
        if m is None:
            continue
        term = m.group("term").strip()
        singular = re.sub(r"ies$", "y", term) if term.lower().endswith("ies") else re.sub(r"(?<=[a-rt-z])s$", "", term)
        plural = singular[:-1] + "ies" if singular.lower().endswith("y") else singular + "s"
        use = re.compile(rf"\b(?:(?:the|a|an|any|each|every|such)\s+)?(?:(?P<pl>{re.escape(plural)})|{re.escape(singular)})\b",
                         re.I)
        body = m.group("body").strip()
        used = False
        for j, other in enumerate(out):
            if j == i or other is None:
                continue

            def replace(u: re.Match[str]) -> str:
                return _plural(body) if u.group("pl") else body

            new = use.sub(replace, other)
            if new != other:
                out[j] = new
                used = True
        if used:
            out[i] = None  # said where the term is used
    return [s for s in out if s is not None]


def defines_services(sentence: str) -> bool:
    """Does ``sentence`` define a term for services, providers or models ("'relevant service' means ...")?"""
    return _definition(sentence) is not None
