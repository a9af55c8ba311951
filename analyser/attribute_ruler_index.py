"""The trained pipeline's attribute ruler, matched through an index of its one-token patterns.

Why: the attribute ruler (tag map and exceptions: ``pos_``, ``morph`` from ``tag_`` and words) was
about a fifth of the trained pipeline's CPU on the qualifier pass's sentences (1.5 of 8.3 s at 879
pages, bench/RESULTS.md, "speed-scale"), more than the parser. spaCy's ``Matcher`` tries each of
its ~180 patterns at every token, and calls Python for every ``IN``/``NOT_IN`` set at every token.
Nearly all of the patterns are one token with plain values (a tag, a word, a dependency label);
here those are looked up by one of their values (the word, else the tag, else the label) and their
other values compared on the token's row of ``Doc.to_array``; ``IN`` sets are expanded into plain
alternatives first, ``NOT_IN`` sets are tested as sets. Every other pattern (two tokens, an
operator, an attribute not handled here) stays in a spaCy ``Matcher`` of its own.

Same matches: a token matches a one-token pattern when every value equals the token's (spaCy's
``get_is_match``), with the pattern's strings turned into IDs as spaCy turns them
(``StringStore.add`` for a plain value, ``get_string_id`` for a set's), and the ruler's matches are
a set per (key, start, end) that the ruler sorts before applying; tests/test_attribute_ruler_index.py
compares the matches, and every token's tag, POS, morphology and lemma, with spaCy's own on the
corpus's sentences.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import product
from typing import Any

from . import spacy_light  # noqa: F401, I001  (before spaCy: imports it without its command line)
from spacy.attrs import DEP, IS_SPACE, LOWER, NORM, ORTH, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc

__all__ = ["IndexedRulerMatcher", "index_attribute_ruler"]

# the columns of ``Doc.to_array``, in this order; string-valued attributes first
_COLUMNS = ("LOWER", "ORTH", "NORM", "TAG", "DEP", "IS_SPACE")
_ARRAY_ATTRS = [LOWER, ORTH, NORM, TAG, DEP, IS_SPACE]
_COL = {name: k for k, name in enumerate(_COLUMNS)}
_FLAGS = frozenset({"IS_SPACE"})
# the value a pattern is looked up by: the word where it names one (few tokens share it), else the tag
_INDEX_ORDER = ("LOWER", "ORTH", "NORM", "TAG", "DEP")
_MAX_VARIANTS = 64  # plain alternatives one pattern may expand into; beyond, it stays in the Matcher

# (column, kind, value): kind "=" value is an int, kind "in" / "not in" value is a frozenset of ints
_Check = tuple[int, str, Any]


def _expanded(token: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The token's ``IN`` sets as plain alternatives (one dict each), or None beyond the budget."""
    keys = [k for k, v in token.items() if isinstance(v, dict) and set(v) == {"IN"} and isinstance(v["IN"], list)]
    choices = [token[k]["IN"] for k in keys]
    if any(not c for c in choices):
        return [token]  # an empty IN matches nothing: kept as a set test
    count = 1
    for c in choices:
        count *= len(c)
    if count > _MAX_VARIANTS:
        return None
    return [{**token, **dict(zip(keys, combo))} for combo in product(*choices)]


def _checks(token: dict[str, Any], strings) -> list[_Check] | None:
    """The token's constraints as checks on a ``to_array`` row, or None where one is not handled here."""
    checks: list[_Check] = []
    for name, value in token.items():
        if name not in _COL:
            return None
        col = _COL[name]
        if name in _FLAGS:
            if not isinstance(value, bool):
                return None
            checks.append((col, "=", int(value)))
        elif isinstance(value, str):
            checks.append((col, "=", strings.add(value)))
        elif isinstance(value, dict) and len(value) == 1 and next(iter(value)) in ("IN", "NOT_IN"):
            op, items = next(iter(value.items()))
            if not isinstance(items, list) or not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in items):
                return None
            checks.append((col, "in" if op == "IN" else "not in", frozenset(get_string_id(v) for v in items)))
        else:
            return None
    return checks


class IndexedRulerMatcher:
    """Stands in for the attribute ruler's ``Matcher``: ``__call__`` gives the same (key, start, end)
    matches; ``get`` and ``__len__`` answer from the original ``Matcher``, which keeps the patterns as
    the ruler added them (its ``patterns`` and serialisation are unchanged). Adding patterns is not
    supported (``add`` is absent): the loaded pipelines are shared and never changed."""

    def __init__(self, original: Matcher, keys: Iterable[str]) -> None:
        self.original = original
        vocab = original.vocab
        self.rest = Matcher(vocab, validate=False)  # the patterns left to spaCy, run on every doc
        # index column -> value -> [(key id, other checks)]
        self.index: dict[int, dict[int, list[tuple[int, list[_Check]]]]] = {}
        self.unindexed: list[tuple[int, list[_Check]]] = []
        # patterns left to spaCy that need one of some words: (those words' LOWER IDs, their Matcher),
        # run only on a doc holding one ("gon" "na", "y'" "all": a regex at every token otherwise)
        self.gated: list[tuple[frozenset[int], Matcher]] = []
        for key in keys:
            key_id = vocab.strings.add(key)
            _, patterns = original.get(key)
            for pattern in patterns:
                if not self._add_single(key_id, pattern, vocab.strings):
                    self._add_to_matcher(key_id, pattern, vocab)

    def _add_single(self, key_id: int, pattern: list[dict[str, Any]], strings) -> bool:
        """Index a one-token pattern without operators; False (left to the Matcher) otherwise."""
        if len(pattern) != 1 or "OP" in pattern[0]:
            return False
        variants = _expanded(pattern[0])
        if variants is None:
            return False
        compiled = [_checks(v, strings) for v in variants]
        if any(c is None for c in compiled):
            return False
        for checks in compiled:
            plain = {col: value for col, kind, value in checks if kind == "="}
            col = next((_COL[n] for n in _INDEX_ORDER if _COL[n] in plain), None)
            if col is None:
                self.unindexed.append((key_id, checks))
                continue
            rest = [c for c in checks if not (c[0] == col and c[1] == "=" and c[2] == plain[col])]
            self.index.setdefault(col, {}).setdefault(plain[col], []).append((key_id, rest))
        return True

    def _add_to_matcher(self, key_id: int, pattern: list[dict[str, Any]], vocab) -> None:
        gate = _required_words(pattern, vocab.strings)
        if gate is None:
            self.rest.add(key_id, [pattern])
            return
        matcher = Matcher(vocab, validate=False)
        matcher.add(key_id, [pattern])
        self.gated.append((gate, matcher))

    def __call__(self, doc: Doc, *, as_spans: bool = False, allow_missing: bool = False,
                 with_alignments: bool = False) -> list[tuple[int, int, int]]:
        if as_spans or with_alignments:  # not what the ruler asks: spaCy's answer
            return self.original(doc, as_spans=as_spans, allow_missing=allow_missing,
                                 with_alignments=with_alignments)
        found: set[tuple[int, int, int]] = set(self.rest(doc, allow_missing=allow_missing)) if len(self.rest) else set()
        if len(doc) == 0:
            return list(found)
        rows = doc.to_array(_ARRAY_ATTRS).tolist()
        if self.gated:
            words = {row[_COL["LOWER"]] for row in rows}
            for gate, matcher in self.gated:
                if not gate.isdisjoint(words):
                    found.update(matcher(doc, allow_missing=allow_missing))
        index = list(self.index.items())
        unindexed = self.unindexed
        for i, row in enumerate(rows):
            for col, table in index:
                hits = table.get(row[col])
                if hits:
                    for key_id, checks in hits:
                        if _passes(row, checks):
                            found.add((key_id, i, i + 1))
            for key_id, checks in unindexed:
                if _passes(row, checks):
                    found.add((key_id, i, i + 1))
        return list(found)

    def get(self, key, default=None):
        return self.original.get(key, default)

    def __len__(self) -> int:
        return len(self.original)


def _required_words(pattern: list[dict[str, Any]], strings) -> frozenset[int] | None:
    """The LOWER IDs of which a match must hold one: those one token without an operator allows (its
    plain LOWER, or its LOWER ``IN`` set; the smallest such set), or None where no token says."""
    best: frozenset[int] | None = None
    for token in pattern:
        if "OP" in token:
            continue
        value = token.get("LOWER")
        if isinstance(value, str):
            words = frozenset({strings.add(value)})
        elif (isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list)
              and all(isinstance(v, str) for v in value["IN"])):
            words = frozenset(get_string_id(v) for v in value["IN"])
        else:
            continue
        if best is None or len(words) < len(best):
            best = words
    return best


def _passes(row: list[int], checks: list[_Check]) -> bool:
    for col, kind, value in checks:
        got = row[col]
        if kind == "=":
            if got != value:
                return False
        elif kind == "in":
            if got not in value:
                return False
        elif got in value:
            return False
    return True


def index_attribute_ruler(nlp: Language) -> None:
    """Give ``nlp``'s attribute ruler (if it has one, with a plain ``Matcher``) the indexed matcher."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    matcher = getattr(ruler, "matcher", None)
    if not isinstance(matcher, Matcher) or not hasattr(ruler, "attrs"):
        return
    ruler.matcher = IndexedRulerMatcher(matcher, [str(i) for i in range(len(ruler.attrs))])
