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


def _definition(term: str) -> re.Pattern[str]:
    """A definition of a class whose term (its words before the noun, then the noun and the verb) is ``term``."""
    return re.compile(
        r"(?P<lead>(?:(?:In|For the purposes of|For) (?:this|these) [a-z ]{1,30},\s*)?)(?:an?\s+|the\s+|each\s+|any\s+)?" + term
        # "... means a service that ...", "... is a user-to-user service which (a) ...", "... means general-purpose
        # AI models with systemic risk that ...", "... is one that is at medium or high risk ...", "... means (a) a
        # large service ...; or (b) a service ..." (a list of classes, each with its own noun)
        + r"\s+(?:(?P<list>(?=\((?:a|i|1)\)\s))|(?:(?:an?|any|each)\s+)?(?:(?P<kind>(?:[\w-]+\s+){0,4}?)(?P<dnoun>services?|platforms?|models?)\b|(?P<one>one|those)\b(?=\s+(?:that|which|with|whose)\b)))"
        r"(?P<body>.*?)(?:\.(?=\s+[A-Z(]|\s*$)|$)",
        re.I | re.S,
    )


# "relevant service", "relevant search service", "qualifying U2U service": the adjective and up to three words before
# the noun are the term
_DEFINITION = _definition(r"[‘'\"“]?(?P<adj>" + _DEFINED + r"(?:\s+[\w-]+){0,3}?) (?P<noun>services?|platforms?|models?)[’'\"”]?\s+"
                          r"(?:means|refers to|is|are)")
# "In this Measure, 'open-source model' means a model released under ...": any class in quotes that the measure says
# it means something (a word the reader knows, read its own way, had been a confident answer the definition denies)
_QUOTED_DEFINITION = _definition(r"[‘'\"“](?P<adj>[\w-]+(?:\s+[\w-]+){0,3}?) (?P<noun>services?|platforms?|models?)[’'\"”]\s+"
                                 r"(?:means|refers to)")


_MORE_OF_IT = re.compile(r"\s*(?:it|this|the\s+term|the\s+definition|such\s+a\s+service)\s+(?:also\s+)?(?:includes?|covers?|extends\s+to|"
                         r"does\s+not\s+include|excludes?)\b[^.]*\.?", re.I)


def definitions(measure: Measure, kind_words: frozenset[str] = frozenset()) -> dict[str, tuple[str, str]]:
    """{term before its noun ("relevant", "relevant search"): (the restriction after "a service", or a list of
    classes "(a) ...; or (b) ...", the whole definition sentence)} for every class of services the measure's
    paragraphs define; a term that is one of the code's own kinds (``kind_words``: "relevant electronic
    service") is the law's, never the measure's."""
    found: dict[str, tuple[str, str]] = {}
    for p in measure.paragraphs:
        for m in (*_DEFINITION.finditer(p.text), *_QUOTED_DEFINITION.finditer(p.text)):
            term = " ".join(m.group("adj").split()).lower()
            if f"{term} {m.group('noun').lower().rstrip('s')}" in kind_words:
                continue
            body = " ".join(m.group("body").split()).rstrip(" .;")
            more = _MORE_OF_IT.match(p.text, m.end())
            if more is not None:
                # "'Relevant service' means a large service. It also includes a service at high risk of fraud.": the
                # definition goes on; kept with it, so what is not read makes the reading unclear (dropped, the class
                # had been large services alone)
                body = f"{body}; {' '.join(more.group(0).split()).rstrip(' .;')}"
            if m.group("list") is not None:
                found.setdefault(term, (body, m.group(0)))
                continue
            kind = " ".join((m.group("kind") or "").split())
            if re.fullmatch(r"(?:[\w-]+\s+)*(?:that|which|who)", kind, re.I):
                continue  # "... is a service that is ...": the lazy kind ran past the relative word
            if body or kind:
                # the kind it names ("a user-to-user service which ...") is part of the class: kept before the
                # restriction, so "relevant services" become "user-to-user services which ..."
                named = f"{kind} {m.group('dnoun')} {body}" if kind else body
                found.setdefault(term, (named.strip(), m.group(0)))
    return found


_IS_LIST = re.compile(r"^\((?:a|i|1)\)\s")


def defined_class(noun: str, body: str) -> str:
    """The defined class in the words of its definition: "services" + "user-to-user service which (a) ..." ->
    "user-to-user services which (a) ..."; a definition that names no kind keeps the noun of the use; a list of
    classes ("(a) a large service ...; or (b) a service ...") stands as it is, each limb with its own noun."""
    if _IS_LIST.match(body):
        return body
    kind = re.match(r"^((?:[\w-]+\s+){0,4}?)(services?|platforms?|models?)\b", body, re.I)
    if kind and not re.search(r"\b(?:that|which|who|whose|with)\b", kind.group(1), re.I):
        plural = noun.endswith("s")
        word = kind.group(2).rstrip("s") + ("s" if plural else "")
        rest = body[kind.end():]
        if plural:  # "general search services that are large", not "... that is large"
            rest = re.sub(r"\b(that|which|who) (?:is\b|has\b)", lambda v: v.group(1) + (" are" if v.group(0).endswith("is") else " have"),
                          rest, count=1, flags=re.I)
        return f"{kind.group(1)}{word}{rest}"
    return f"{noun} {body}"


# an exception that ends a definition: ", other than a service on which ...", ", except ...", ", excluding ..."
_BODY_EXCEPTION = re.compile(r",\s*(?:other\s+than|except(?:\s+for)?|excluding|but\s+not|apart\s+from|save\s+for)\s+[^.;]+$", re.I)


def _split_exception(body: str) -> tuple[str, str]:
    """A definition's class and the exception that ends it (", other than ..."), or the whole and ""."""
    m = _BODY_EXCEPTION.search(body)
    if m is None or _IS_LIST.match(body):
        return body, ""
    return body[:m.start()], body[m.start():]


def read_defined_terms(application: str, measure: Measure,
                       kind_words: frozenset[str] = frozenset()) -> tuple[str, list[str]]:
    """The application text with each defined class ("relevant services") replaced by its definition
    ("services that (a) ...; and (b) ..."), and a note for each replacement; unchanged when the
    measure defines nothing its application uses."""
    defs = definitions(measure, kind_words)
    terms = term_definitions(measure, kind_words)
    if not (defs or terms) or not application.strip():
        return application, []
    notes: list[str] = []
    text = application
    for adj, (body, sentence) in defs.items():
        # the definition itself, where it was taken as application text, is read through the use
        text = text.replace(sentence, " ").strip()
        # a list of classes replaces the article too ("the provider of a relevant service" -> "the provider of (a) a
        # large service ...; or (b) ..."); a restriction keeps it ("a service that is large")
        article = r"(?:(?:an?|the)\s+)?" if _IS_LIST.match(body) else ""
        use = re.compile(r"\b" + article + re.escape(adj).replace(r"\ ", r"\s+") + r"\s+(services?|platforms?|models?)\b"
                         r"(?![’'\"”]?\s+(?:means|refers|is|are)\b)", re.I)
        used = use.search(text)
        if used is None:
            continue
        # "'relevant service' means a service with ..., other than a service on which ...": the exception goes to the end
        # of the sentence that uses the term, so that what the sentence adds ("relevant services that are at high risk
        # of ...") narrows the class, not the exception
        main, exception = _split_exception(body)
        if exception:
            text = re.sub(use.pattern + r"(?P<after>[^.;\n]*)", lambda m: defined_class(m.group(1), main)
                          + m.group("after").rstrip(" ,") + exception, text, flags=re.I)
        else:
            text = use.sub(lambda m: defined_class(m.group(1), body), text)
        noun = used.group(1).rstrip("s")
        notes.append(f"'{adj} {noun}' is read as the measure defines it: {defined_class(noun + 's', body)}")
    for term, (body, sentence) in terms.items():
        text = text.replace(sentence, " ").strip()
        use = re.compile(r"(?:\b(?:an?|the)\s+)?[‘'\"“]?\b" + re.escape(term).replace(r"\ ", r"\s+") + r"\b[’'\"”]?"
                         r"(?!\s+(?:means|refers|is|are)\b)", re.I)
        if use.search(text) is None:
            continue
        text = use.sub(lambda m: body, text)
        notes.append(f"'{term}' is read as the measure defines it: {body}")
    if not notes:
        return application, []
    return text, notes


# "In this measure, 'relevant content' means suicide content, self-harm content and eating disorder content",
# "'parental controls' includes any tool which allows a parent to limit screen time" (inclusive: the term or those),
# "For the purposes of this measure, a 'verification scheme' is a scheme for verifying notable users or ...": a
# term in quotes for something a service has or is at risk of, used later in the application
_TERM_DEFINITION = re.compile(
    r"(?:(?:In|For the purposes of|For) (?:this|these) [a-z ]{1,30},\s*)?(?:an?\s+|the\s+)?[‘'\"“]"
    r"(?P<term>[\w-]+(?:\s+[\w-]+){0,4}?)[’'\"”]\s+(?P<verb>means|refers to|is|(?:also\s+|shall\s+)?includes?)\s+(?P<body>.*?)"
    r"(?:\.(?=\s+[A-Z(]|\s*$)|$)",
    re.I | re.S)
_CLASS_NOUN = re.compile(r"\b(?:services?|platforms?|models?|providers?|signator(?:y|ies))$", re.I)
# words the reader already knows: a measure that spells one out restates it, and the reader's own reading stands
_KNOWN_TERMS = {"large", "multi-risk", "multi risk", "low risk", "low-risk", "small", "child", "children", "user", "users"}
# "A, B and C": a list naming what the term covers, so having (or being at risk of) any one of them is enough
_PLAIN_LIST = re.compile(r"^[\w\s-]+(?:,\s*[\w\s-]+)*,?\s+and\s+[\w\s-]+$")


def term_definitions(measure: Measure, kind_words: frozenset[str] = frozenset()) -> dict[str, tuple[str, str]]:
    """{term: (what it means, the definition sentence)} for each term in quotes, other than a class of services
    (``definitions``) or a word the reader knows, that the measure's paragraphs define."""
    found: dict[str, tuple[str, str]] = {}
    for p in measure.paragraphs:
        for m in _TERM_DEFINITION.finditer(p.text):
            term = " ".join(m.group("term").split())
            inclusive = "includ" in m.group("verb").lower()
            if _CLASS_NOUN.search(term) or term.lower() in _KNOWN_TERMS or (term.lower() in kind_words and not inclusive):
                continue  # (a word the code knows, unless the measure widens it)
            body = " ".join(m.group("body").split()).rstrip(" .;")
            if not body:
                continue
            if _PLAIN_LIST.match(body):
                body = re.sub(r",?\s+and\s+(?=[\w\s-]+$)", " or ", body)
            if inclusive:
                # "'parental controls' includes any tool which ...": the term widened, never narrowed to its own name
                body = f"{term} or {body}"
            found.setdefault(term.lower(), (body, m.group(0)))
    return found


# "providers of relevant services", "to qualifying platforms", "the provider of a relevant search service": a
# defined class used bare (not "every relevant service", which restates the code's own scope); up to three words
# between the adjective and the noun, none of them a word that ends the class ("relevant to large services")
_MID_WORD = r"(?:\s+(?!(?:to|for|if|where|when|only|and|or|of|that|which|in|on|by|with|the|a|an)\b)[\w-]+)"
_BARE_CLASS = re.compile(
    r"(?<!\bevery )(?<!\beach )(?<!\ball )(?<!\bany )\b(?:(?P<article>an?)\s+)?[‘'\"“]?(?P<term>" + _DEFINED + _MID_WORD
    + r"{0,3}?)[’'\"”]?\s+(?P<noun>services|platforms|models|service|platform|model)\b", re.I)


def undefined_class(application: str, measure: Measure, kind_words: frozenset[str] = frozenset()) -> str:
    """The words of a defined class of services that ``application`` uses bare, where nothing in the measure
    defines it (in any shape: "'relevant service' means ...", "relevant services are those ..."); "". A
    singular counts only after "a"/"an" ("the relevant service" is the one in question), and a class that is one
    of the code's own kinds or features (``kind_words``: "relevant electronic service") is the law's."""
    for m in _BARE_CLASS.finditer(application):
        noun = m.group("noun").lower()
        if not noun.endswith("s") and not m.group("article"):
            continue
        term = " ".join(m.group("term").split())
        phrase = f"{term.lower()} {noun.rstrip('s')}"
        if any(phrase in words for words in kind_words):
            continue
        defined_somewhere = re.compile(re.escape(term).replace(r"\ ", r"\s+") + r"[’'\"”]?\s+(?:services?|platforms?|models?)"
                                       r"[’'\"”]?\s+(?:means|refers\s+to|is|are|shall\s+mean|has\s+the\s+meaning)\b", re.I)
        elsewhere = re.compile(re.escape(term).replace(r"\ ", r"\s+") + r"[’'\"”]?\s+(?:services?|platforms?|models?)[’'\"”]?\s+"
                               r"has\s+the\s+meaning\s+(?:given|set\s+out|assigned)", re.I)
        said_here = [p.text for p in measure.paragraphs] + [application]
        if any(defined_somewhere.search(t) and not elsewhere.search(t) for t in said_here):
            continue  # ("'relevant service' has the meaning given in paragraph 1.3": defined elsewhere, so not here)
        return m.group(0)
    return ""
