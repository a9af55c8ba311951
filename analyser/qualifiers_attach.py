"""Negation and attachment of a qualifier found in a parsed sentence: is it negated, and which
obligation (verb and object) does it qualify?

Owns the dependency-tree walks: from the qualifier up to the governing verb (past the verb of its
own subordinate clause, to the verb that carries the modal), the verb phrase in words, the verb and
object lemmas that identify the duty (a light verb hands over to its complement), and the negation
checks (a negative word in the phrase, "not" just before it, a ``neg`` dependent).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from . import spacy_light  # noqa: F401, I001  (before spaCy: imports it without its command line)
from spacy.tokens import Span, Token

_NEGATIONS = frozenset({"not", "n't", "never", "no", "cannot"})
_NEG_SKIPPABLE = frozenset(
    {"currently", "always", "yet", "really", "necessarily", "reasonably", "longer", "be", "is", "are", "was",
     "were", "been", "being", "so", "then", "considered", "deemed", "it", "this", "that", "otherwise", "fully"}
)
_NEGATIVE_WORDS = frozenset(
    {"infeasible", "unfeasible", "impracticable", "disproportionate", "disproportionately"}
)
_SUBORDINATORS = frozenset(
    {"where", "wherever", "if", "when", "unless", "except", "save", "insofar", "so", "as", "to", "other"}
)
_MAX_VP_TOKENS = 12
_LIGHT_VERBS = frozenset({"be", "have", "do", "ensure", "make", "consider", "include", "need", "apply", "seek"})


def _negated(span: Span, parsed: bool) -> bool:
    doc = span.doc
    if span[-1].lower_ in _NEGATIVE_WORDS:
        return True
    j, steps = span.start - 1, 0
    while j >= 0 and steps < 4:
        tok = doc[j]
        if tok.lower_ in _NEGATIONS:
            return True
        if tok.is_punct or tok.is_sent_start or tok.lower_ not in _NEG_SKIPPABLE:
            break
        j, steps = j - 1, steps + 1
    if span.end < len(doc) and span[-1].lower_ in ("may", "could") and doc[span.end].lower_ in _NEGATIONS:
        return True
    if parsed:
        root = span.root
        heads = [root]
        if root.dep_ in ("acomp", "attr", "oprd", "aux") and root.head is not root:
            heads.append(root.head)
        for t in heads:
            for c in t.children:
                if c.dep_ == "neg" and not (span.start <= c.i < span.end):
                    return True
    return False


def _compact(tok: Token, skip: set[int], budget: list[int]) -> list[Token]:
    """``tok`` and its dependents, without relative clauses, coordinations or punctuation."""
    if budget[0] <= 0 or tok.i in skip:
        return []
    budget[0] -= 1
    out = [tok]
    for c in tok.children:
        if c.dep_ in ("relcl", "acl", "advcl", "appos", "punct", "cc", "conj", "parataxis", "mark", "meta"):
            continue
        out.extend(_compact(c, skip, budget))
    return out


def _render(tokens: Iterable[Token]) -> str:
    toks = sorted(set(tokens), key=lambda t: t.i)
    text = ""
    for k, t in enumerate(toks):
        text += t.text
        if k + 1 < len(toks):
            text += t.whitespace_ if toks[k + 1].i == t.i + 1 else " "
    return text.strip()


def _verb_phrase(verb: Token, span: Span) -> str:
    skip = {t.i for t in span if t.i != verb.i and span[0].lower_ in _SUBORDINATORS}
    budget = [_MAX_VP_TOKENS]
    lemma = verb.lemma_.lower() if verb.lemma_ and verb.tag_ not in ("NNP",) else verb.lower_
    if any(c.dep_ == "neg" and not span.start <= c.i < span.end for c in verb.children):
        lemma = "not " + lemma
    parts: list[Token] = []
    for c in verb.children:
        if c.dep_ == "prt" and not span.start <= c.i < span.end:
            parts.append(c)
        elif c.dep_ in ("dobj", "obj", "attr", "acomp", "oprd", "dative", "nsubjpass", "xcomp", "ccomp"):
            parts.extend(_compact(c, skip, budget))
    rest = _render(p for p in parts if p.i not in skip)
    return f"{lemma} {rest}".strip() if rest else lemma


@dataclass
class _Attachment:
    phrase: str
    verb: str  # lemma of the governing verb
    obj: str | None  # lemma of its object (or passive subject)


def _attachment(verb: Token, span: Span) -> _Attachment:
    """The verb phrase as words, plus the verb and object lemmas that identify the duty.

    For "ensure that the technology analyses content" the duty is "analyse content": a light verb
    (ensure, make, ...) hands over to the verb of its complement clause.
    """
    content = verb
    if content.lemma_.lower() in _LIGHT_VERBS:
        inner = next((c for c in content.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ == "VERB"), None)
        content = inner if inner is not None else content
    obj = next((c for c in content.children if c.dep_ in ("dobj", "obj", "nsubjpass", "attr")), None)
    if obj is None:  # a list after a colon is often parsed loosely: take the first noun after the verb
        obj = next((t for t in content.doc[content.i + 1 : content.i + 9] if t.pos_ == "NOUN"), None)
    return _Attachment(
        _verb_phrase(verb, span), content.lemma_.lower() or content.lower_, obj.lemma_.lower() if obj is not None else None
    )


_MODALS = frozenset({"should", "must", "shall", "may", "could", "will", "can", "might", "would"})


def _has_modal(verb: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS for c in verb.children)


def _qualifies(span: Span) -> _Attachment | None:
    """The obligation the qualifier attaches to: the governing verb and its object.

    Climb the dependency tree from the qualifier to the first verb outside it; when the qualifier
    opens a subordinate clause ("unless the provider has ...", "where it is ..."), that clause's
    own verb is skipped for the verb it modifies.
    """
    tok = span.root
    if tok.pos_ == "VERB" and tok.i != span.start:  # "should consider <using X>", "are encouraged <to publish>"
        xcomp = [c for c in tok.children if c.dep_ == "xcomp" and not span.start <= c.i < span.end]
        return _attachment(xcomp[0] if xcomp else tok, span)
    for _ in range(40):
        if span.start <= tok.i < span.end:
            if tok.head is tok:
                return _attachment(tok, span) if tok.pos_ in ("VERB", "AUX") else None
            tok = tok.head
            continue
        if tok.pos_ == "VERB":
            # A conditional clause ("where ...", "to the extent that ...", "unless ...") conditions
            # the duty itself: go up to the verb that carries the modal ("should take ...").
            clause = span[0].lower_ in _SUBORDINATORS
            if clause and tok.head is not tok and (tok.dep_ == "advcl" or not _has_modal(tok)):
                tok = tok.head
                continue
            return _attachment(tok, span)
        if tok.head is tok:
            return _attachment(tok, span) if tok.pos_ == "AUX" else None
        tok = tok.head
    return None
