"""Matching the qualifier lexicon on one tokenised text: compiled matchers, raw hits, and the rules
that clean them.

Owns compiling a ``Lexicon`` into spaCy matchers for one pipeline (cached per pipeline, lexicon and
mode; relaxed patterns without POS/LEMMA constraints for the fast pass on every sentence, full ones
and dependency patterns for parsed sentences), and turning their hits into qualifier and strength
hits: ``ignore`` entries veto what they overlap, a quoted or defined word is a mention, a capitalised
word in mid-clause belongs to a name, and overlapping matches keep the longest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import spacy_light  # noqa: F401, I001  (before spaCy: imports it without its command line)
from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher, PhraseMatcher
from spacy.tokens import Doc, Token

from .errors import LexiconError
from .qualifiers_lexicon import BUILTIN_LEXICON, MARK_NODE, Lexicon, LexiconEntry

# Token attributes that need a trained pipeline; dropped when matching on spacy.blank("en").
TRAINED_ATTRS = frozenset({"POS", "TAG", "LEMMA", "DEP", "MORPH", "ENT_TYPE", "ENT_IOB", "ENT_ID"})

_OPEN_QUOTES = frozenset({'"', "'", "\u201c", "\u2018", "\u00ab", "`"})
_CLOSE_QUOTES = frozenset({'"', "'", "\u201d", "\u2019", "\u00bb"})
_CLAUSE_OPENERS = frozenset({":", ";", "(", ")", "[", "]", "\u2014", "\u2013", "-", "\u2022", ".", "!", "?"}) | _OPEN_QUOTES
_DEFINING_WORDS = frozenset({"means", "mean", "refers", "denotes", "describes"})
_MAX_QUOTED_TOKENS = 8


def _relax(pattern: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop the token constraints that need a trained pipeline (a superset of the full pattern)."""
    return [{k: v for k, v in tok.items() if k not in TRAINED_ATTRS} for tok in pattern]


def _plain_variants(token: dict[str, Any]) -> list[dict[str, Any]]:
    variants: list[dict[str, Any]] = [{}]
    for key, value in token.items():
        if isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list) and value["IN"]:
            variants = [{**v, key: item} for v in variants for item in value["IN"]]
        else:
            variants = [{**v, key: value} for v in variants]
    return variants


def _expand_leading(pattern: list[dict[str, Any]], depth: int = 0, budget: int = 96) -> list[list[dict[str, Any]]]:
    """Equivalent patterns whose first two tokens have plain values instead of ``IN`` sets.

    Why: spaCy's Matcher tests a pattern's first token against every token of the text, and the
    second after every common first word ("is", "to", "where"), and an ``{"IN": [...]}``
    constraint is a Python call each time while a plain value is a fast C comparison. Expanding
    them (and leading optional tokens) gives exactly the same matches, several times faster.
    """
    if not pattern or depth > 3:
        return [pattern]
    first, rest = pattern[0], pattern[1:]
    if first.get("OP") == "?" and rest:
        required = {k: v for k, v in first.items() if k != "OP"}
        return _expand_leading(rest, depth + 1, budget) + _expand_leading([required, *rest], depth + 1, budget)
    if "OP" in first:
        return [pattern]
    heads = _plain_variants(first)
    if len(heads) > budget:
        return [pattern]
    if rest and "OP" not in rest[0]:
        seconds = _plain_variants(rest[0])
        if len(heads) * len(seconds) <= budget:
            return [[h, s, *rest[1:]] for h in heads for s in seconds]
    return [[h, *rest] for h in heads]


def _plain_words(pattern: list[dict[str, Any]]) -> list[str] | None:
    """The words of a pattern that is only a run of plain lower-case ``LOWER`` values, else None.

    Why: spaCy's ``Matcher`` tries every pattern at every token; about 40% of the lexicon's patterns
    (after ``_expand_leading``) are such runs, and a ``PhraseMatcher`` on ``LOWER`` finds the same
    (start, end) of every one through its trie. A value with a capital letter is left to the
    ``Matcher`` (it can never equal a token's LOWER there; the phrase doc would lower it).
    """
    words = []
    for tok in pattern:
        value = tok.get("LOWER")
        if set(tok) != {"LOWER"} or not isinstance(value, str) or not value or value != value.lower():
            return None
        words.append(value)
    return words or None


def _required_words(node: dict[str, Any]) -> frozenset[str] | None:
    """The lower-case words a dependency node's LOWER (or ORTH) constraint allows, if it has one."""
    attrs = node.get("RIGHT_ATTRS", {})
    for key in ("LOWER", "ORTH"):
        value = attrs.get(key)
        if isinstance(value, str):
            return frozenset({value.lower()})
        if isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list):
            return frozenset(str(v).lower() for v in value["IN"])
    return None


@dataclass
class _Compiled:
    nlp: Language  # kept so that the id() in the cache key stays valid
    matcher: Matcher
    phrases: PhraseMatcher
    relaxed_ids: frozenset[str]  # entries whose patterns lost a constraint when relaxed
    dependencies: DependencyMatcher | None = None  # keyed "<entry id>#<pattern number>"
    marks: dict[str, int] = field(default_factory=dict)  # that key -> position of the mark node
    # lower-case words a mark node must be (None: some pattern's mark is not tied to words): a doc
    # with none of them cannot match, so the DependencyMatcher is not called on it
    mark_words: frozenset[str] | None = None


_SHIPPED = str(BUILTIN_LEXICON)  # an entry's source when it comes from the shipped lexicon
_COMPILED: dict[tuple[int, str, bool], _Compiled] = {}
_MAX_COMPILED = 8


def _compile(nlp: Language, lexicon: Lexicon, relaxed: bool) -> _Compiled:
    key = (id(nlp), lexicon.fingerprint, relaxed)
    hit = _COMPILED.get(key)
    if hit is not None and hit.nlp is nlp:
        return hit
    # validates each pattern as written, once; not the shipped lexicon's, which tests validate (spaCy's
    # validator is pydantic, about 0.04 s a compile, twice per cold run)
    checker = Matcher(nlp.vocab, validate=True)
    matcher = Matcher(nlp.vocab, validate=False)  # holds the (many more) expanded equivalents
    phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
    # load_lexicon validated every dependency pattern already
    dependencies = None if relaxed else DependencyMatcher(nlp.vocab, validate=False)
    marks: dict[str, int] = {}
    mark_words: frozenset[str] | None = frozenset()
    changed: set[str] = set()
    for e in lexicon.entries.values():
        if relaxed and (e.trained_only or e.dep_patterns):
            changed.add(e.id)
            continue
        if dependencies is not None:
            for k, pat in enumerate(e.dep_patterns):
                dep_key = f"{e.id}#{k}"
                try:
                    dependencies.add(dep_key, [pat])
                except Exception as exc:  # spaCy raises several types for a bad pattern
                    raise LexiconError(e.source, f"entry {e.id!r}: invalid dependency pattern ({exc})") from None
                marks[dep_key] = [t.get("RIGHT_ID") for t in pat].index(MARK_NODE)
                words = _required_words(pat[marks[dep_key]])
                mark_words = None if words is None or mark_words is None else mark_words | words
        if e.patterns:
            pats = e.patterns
            if relaxed:
                pats = [_relax(p) for p in e.patterns]
                if pats != e.patterns:
                    changed.add(e.id)
            try:
                if e.source != _SHIPPED:
                    checker.add(e.id, pats)
                expanded = [x for p in pats for x in _expand_leading(p)]
                plain = [(x, _plain_words(x)) for x in expanded]
                words = [w for _x, w in plain if w is not None]
                if words:  # the same matches from the phrase matcher's trie, not tried at every token
                    phrases.add(e.id, [Doc(nlp.vocab, words=w) for w in words])
                rest = [x for x, w in plain if w is None]
                if rest:
                    matcher.add(e.id, rest)
            except Exception as exc:  # spaCy raises several types for a bad pattern
                raise LexiconError(e.source, f"entry {e.id!r}: invalid spaCy pattern ({exc})") from None
        if e.phrases:
            phrases.add(e.id, [nlp.make_doc(p) for p in e.phrases])
    compiled = _Compiled(nlp, matcher, phrases, frozenset(changed), dependencies if marks else None, marks,
                         mark_words)
    while len(_COMPILED) >= _MAX_COMPILED:  # a caller passing many pipelines must not grow memory
        _COMPILED.pop(next(iter(_COMPILED)))
    _COMPILED[key] = compiled
    return compiled


# ---------------------------------------------------------------------------------------------
# Matching one doc
# ---------------------------------------------------------------------------------------------


@dataclass
class _Hit:
    start: int  # token indices in the doc
    end: int
    entry: LexiconEntry


def _raw_hits(doc: Doc, compiled: _Compiled, lexicon: Lexicon) -> list[_Hit]:
    strings = doc.vocab.strings
    found = {(s, e, strings[m]) for m, s, e in compiled.matcher(doc)}
    found |= {(s, e, strings[m]) for m, s, e in compiled.phrases(doc)}
    if (compiled.dependencies is not None and doc.has_annotation("DEP")
            and (compiled.mark_words is None or any(t.lower_ in compiled.mark_words for t in doc))):
        for m, nodes in compiled.dependencies(doc):
            key = strings[m]
            i = nodes[compiled.marks[key]]
            found.add((i, i + 1, key.rpartition("#")[0]))
    return [_Hit(s, e, lexicon.entries[eid]) for s, e, eid in sorted(found) if eid in lexicon.entries]


def _clause_start(tok: Token) -> bool:
    if tok.i == 0 or tok.is_sent_start:
        return True
    prev = tok.doc[tok.i - 1]
    if prev.is_space or prev.text in _CLAUSE_OPENERS:
        return True
    # a sub-item label such as "(a)" or "ii)" or "1." just before
    return prev.text.endswith((")", ".")) and len(prev.text) <= 5


def _quoted_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of short quoted stretches ("'appropriate'", "“Appropriate Measures”")."""
    ranges = []
    n = len(doc)
    for i, tok in enumerate(doc):
        if tok.text not in _OPEN_QUOTES or tok.whitespace_ or i + 1 >= n:
            continue
        if i > 0 and not doc[i - 1].whitespace_ and not doc[i - 1].is_punct:
            continue  # an apostrophe inside a word, not an opening quote
        for j in range(i + 2, min(n, i + 2 + _MAX_QUOTED_TOKENS)):
            if doc[j].text in _CLOSE_QUOTES and not doc[j - 1].whitespace_:
                ranges.append((i + 1, j))
                break
    return ranges


def _is_mention(doc: Doc, hit: _Hit, quoted: list[tuple[int, int]]) -> bool:
    """A word quoted or being defined is talked about, not used to qualify a duty."""
    if any(a <= hit.start and hit.end <= b for a, b in quoted):
        return True
    j = hit.end
    while j < len(doc) and doc[j].text in _CLOSE_QUOTES:
        j += 1
    if j < len(doc) and doc[j].lower_ in _DEFINING_WORDS and _clause_start(doc[hit.start]):
        return True
    return False


def _in_title_case_term(doc: Doc, hit: _Hit) -> bool:
    """A capitalised qualifier word in mid-clause belongs to a defined term, a title or a name."""
    first = doc[hit.start]
    if hit.entry.category == "threshold":
        return False
    return first.is_title and not _clause_start(first)


def _longest_first(hits: list[_Hit]) -> list[_Hit]:
    kept: list[_Hit] = []
    taken: set[int] = set()
    for h in sorted(hits, key=lambda h: (-(h.end - h.start), -h.entry.priority, h.start, h.entry.id)):
        span = set(range(h.start, h.end))
        if span & taken:
            continue
        kept.append(h)
        taken |= span
    return sorted(kept, key=lambda h: h.start)


def _resolve(doc: Doc, raw: list[_Hit], veto_ids: frozenset[str] | None = None) -> tuple[list[_Hit], list[_Hit]]:
    """Apply vetoes and filters; return (qualifier hits, strength hits)."""
    vetoes = [h for h in raw if h.entry.category == "ignore" and (veto_ids is None or h.entry.id in veto_ids)]
    text = doc.text
    quoted = _quoted_ranges(doc) if any(q in text for q in _OPEN_QUOTES) else []
    quals, strengths = [], []
    for h in raw:
        if h.entry.category == "ignore":
            continue
        if any(v.start < h.end and h.start < v.end for v in vetoes):
            continue
        if _is_mention(doc, h, quoted) or _in_title_case_term(doc, h):
            continue
        (strengths if h.entry.category == "strength" else quals).append(h)
    return _longest_first(quals), _longest_first(strengths)
