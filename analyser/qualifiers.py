"""Qualifiers: every phrase that softens, conditions or excuses a duty, what it attaches to, and
how firm each paragraph's duty is.

Officers ask of every measure "where can a service get out of this?". This pass answers with
evidence: the exact phrase, its offsets, the rule (lexicon entry) that fired, and the obligation it
qualifies. It fills ``Measure.qualifiers``, ``Paragraph.strength`` and ``Measure.qualifier_summary``.

How it works, and why in this order (cost: the trained parser is the only slow part):

1. Every paragraph is tokenised (by the trained pipeline's tokenizer when it is installed, else by
   ``spacy.blank("en")``; the tokenizer alone is fast) and split into sentences by a rule-based
   sentencizer, and the lexicon (TOML data, ``analyser/data/lexicon.toml``, extendable with a user file) is matched
   with spaCy's ``Matcher``/``PhraseMatcher``. POS/LEMMA constraints are dropped in this pass, so
   it finds a superset of what the full patterns find.
2. Only sentences with a candidate qualifier go through the trained pipeline (if installed),
   where the full patterns are matched again (so "May" the proper noun is not the modal "may")
   and the dependency parse gives the governing obligation (``qualifies``) and negation.
3. Matches are cleaned by rules an officer can check: ``ignore`` lexicon entries veto what they
   overlap (months, descriptive "may include", "unless otherwise stated"); a word inside a short
   quoted term, or the term a definition defines ("'appropriate' means ..."), is a mention, not a
   qualifier; a capitalised word in mid-clause is part of a defined term, a title or a name
   ("Principle of Appropriate Lifecycle Management", "May"); overlapping matches keep the longest.

Decisions recorded here so that the evaluation set and the code agree:
- Descriptive or epistemic "may" ("this may include", "content that may be illegal", "there may
  be") is not permissive: it describes the world and grants the service no latitude. "may" with
  the service as the one acting ("providers may use ...", "this may be done by ...") is.
- Negated wording keeps its category and sets ``negated``: "unless it is not technically
  feasible" is the same loophole as "where technically feasible", said the other way round.
- Qualifiers in headings, measure titles and footnotes are not flagged: only paragraph text
  states duties, and every flag must point at offsets in a paragraph.

Loophole risk (``Measure.qualifier_summary.loophole_risk``), in plain words:
- The *core obligation* is what the measure asks for first: starting at the first paragraph after
  the application text, the paragraphs up to and including the first one that says what the
  service should or must do. With the trained pipeline, a later paragraph that restates the same
  duty (same verb and object, e.g. "take ... down" + "content") counts as core obligation too.
- ``high``: feasibility or exception wording ("where technically feasible", "unless", "does not
  apply to") qualifies the core obligation, so a service can decide the duty does not bind it.
- ``medium``: no such wording there, but discretion, proportionality or permissive wording
  ("appropriate", "proportionate", "may", "should consider") does: the duty binds, the service
  decides how much.
- ``low``: qualifiers only outside the core obligation, or only timing or numeric-threshold wording
  in it (they change when, or for whom, not whether).
- ``none``: no qualifying wording at all.
Each level comes with its reasons: the phrase, the paragraph and what it qualifies.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from . import safe_regex
from .errors import LexiconError
from .models import Code, Measure, Paragraph, Qualifier, QualifierSummary, SubItem
from .nlp import active_components, is_trained, load_pipeline, sentencizer
from .paths import PACKAGE_DATA

BUILTIN_LEXICON = PACKAGE_DATA / "lexicon.toml"

QUALIFIER_CATEGORIES: tuple[str, ...] = (
    "feasibility",
    "proportionality",
    "discretion",
    "timing",
    "permissive",
    "exception",
    "threshold",
)
SPECIAL_CATEGORIES = ("ignore", "strength")
STRENGTH_ORDER: tuple[str, ...] = ("must", "should", "should consider", "may")  # firmest first

HIGH_RISK = ("feasibility", "exception")
MEDIUM_RISK = ("discretion", "proportionality", "permissive")

# The node of a dependency pattern that marks the matched token.
MARK_NODE = "mark"

# Token attributes that need a trained pipeline; dropped when matching on spacy.blank("en").
TRAINED_ATTRS = frozenset({"POS", "TAG", "LEMMA", "DEP", "MORPH", "ENT_TYPE", "ENT_IOB", "ENT_ID"})

_OPEN_QUOTES = frozenset({'"', "'", "\u201c", "\u2018", "\u00ab", "`"})
_CLOSE_QUOTES = frozenset({'"', "'", "\u201d", "\u2019", "\u00bb"})
_CLAUSE_OPENERS = frozenset({":", ";", "(", ")", "[", "]", "\u2014", "\u2013", "-", "\u2022", ".", "!", "?"}) | _OPEN_QUOTES
_DEFINING_WORDS = frozenset({"means", "mean", "refers", "denotes", "describes"})
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
_MAX_QUOTED_TOKENS = 8
_MAX_VP_TOKENS = 12


# ---------------------------------------------------------------------------------------------
# The lexicon
# ---------------------------------------------------------------------------------------------


@dataclass
class LexiconEntry:
    id: str
    category: str
    patterns: list[list[dict[str, Any]]] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    notes: str = ""
    level: str | None = None  # strength entries only
    priority: int = 0
    trained_only: bool = False  # skip on spacy.blank("en"): the entry only makes sense with POS/TAG
    # spaCy DependencyMatcher patterns; the node whose RIGHT_ID is "mark" is the matched span.
    # They need the parser, so they are used only on parsed sentences (never on spacy.blank).
    dep_patterns: list[list[dict[str, Any]]] = field(default_factory=list)
    source: str = "builtin"


@dataclass
class Lexicon:
    entries: dict[str, LexiconEntry]
    sources: list[str]

    @property
    def fingerprint(self) -> str:
        blob = json.dumps(
            [(e.id, e.category, e.patterns, e.phrases, e.level, e.priority, e.trained_only, e.dep_patterns)
             for e in self.entries.values()],
            sort_keys=True,
        )
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    def by_category(self, category: str) -> list[LexiconEntry]:
        return [e for e in self.entries.values() if e.category == category]


def _parse_entries(data: dict[str, Any], source: Path) -> tuple[list[LexiconEntry], list[str]]:
    raw = data.get("entry", [])
    if not isinstance(raw, list):
        raise LexiconError(source, "'entry' must be an array of tables ([[entry]])")
    entries: list[LexiconEntry] = []
    disabled: list[str] = []
    allowed = {"id", "category", "pattern", "patterns", "phrases", "notes", "level", "priority", "disabled",
               "trained_only", "dep_patterns"}
    for n, item in enumerate(raw, 1):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"].strip():
            raise LexiconError(source, f"entry {n} has no id")
        eid = item["id"].strip()
        unknown = set(item) - allowed
        if unknown:
            raise LexiconError(source, f"entry {eid!r} has unknown key(s): {', '.join(sorted(unknown))}")
        if item.get("disabled"):
            disabled.append(eid)
            continue
        category = item.get("category")
        if not isinstance(category, str) or not category.strip() or not category.replace("-", "").isalnum():
            raise LexiconError(source, f"entry {eid!r} needs a category (a single word)")
        for key in ("patterns", "phrases", "dep_patterns"):
            if not isinstance(item.get(key, []), list):
                raise LexiconError(source, f"entry {eid!r}: {key} must be a list")
        priority = item.get("priority", 0)
        if not isinstance(priority, int) or isinstance(priority, bool):
            raise LexiconError(source, f"entry {eid!r}: priority must be a whole number")
        patterns: list[list[dict[str, Any]]] = []
        if "pattern" in item:
            patterns.append(item["pattern"])
        patterns.extend(item.get("patterns", []))
        phrases = item.get("phrases", [])
        dep_patterns = item.get("dep_patterns", [])
        if not patterns and not phrases and not dep_patterns:
            raise LexiconError(source, f"entry {eid!r} has no pattern, patterns, phrases or dep_patterns")
        safe_regex.check_tree(item, source, f"entry {eid!r}", LexiconError)  # no REGEX that can hang
        for pat in dep_patterns:
            if not isinstance(pat, list) or not pat or not all(isinstance(t, dict) for t in pat):
                raise LexiconError(source, f"entry {eid!r}: a dependency pattern must be a non-empty list of node tables")
            if [t.get("RIGHT_ID") for t in pat].count(MARK_NODE) != 1:
                raise LexiconError(source, f"entry {eid!r}: each dependency pattern needs one node with RIGHT_ID = \"{MARK_NODE}\"")
            try:  # checked now, not when a sentence first needs the parser
                DependencyMatcher(Vocab(), validate=True).add(eid, [pat])
            except Exception as exc:  # spaCy raises several types for a bad pattern
                raise LexiconError(source, f"entry {eid!r}: invalid dependency pattern ({exc})") from None
        for pat in patterns:
            if not isinstance(pat, list) or not pat or not all(isinstance(t, dict) for t in pat):
                raise LexiconError(source, f"entry {eid!r}: a pattern must be a non-empty list of token tables")
        if not all(isinstance(p, str) and p.strip() for p in phrases):
            raise LexiconError(source, f"entry {eid!r}: phrases must be non-empty strings")
        level = item.get("level")
        if category == "strength" and level not in STRENGTH_ORDER:
            raise LexiconError(source, f"strength entry {eid!r} needs level = one of {', '.join(STRENGTH_ORDER)}")
        entries.append(
            LexiconEntry(
                id=eid,
                category=category,
                patterns=patterns,
                phrases=list(phrases),
                notes=str(item.get("notes", "")),
                level=level,
                priority=int(item.get("priority", 0)),
                trained_only=bool(item.get("trained_only", False)),
                dep_patterns=list(dep_patterns),
                source=str(source),
            )
        )
    return entries, disabled


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise LexiconError(path, "lexicon file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(path, f"not valid TOML ({exc})") from None
    except UnicodeDecodeError:
        raise LexiconError(path, "not valid TOML (not UTF-8 text)") from None
    except OSError as exc:  # a folder, a device, no permission
        raise LexiconError(path, f"cannot read the lexicon ({(exc.strerror or type(exc).__name__).lower()})") from None


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """The built-in lexicon, extended or overridden by the user's TOML file at ``path``.

    A user entry with the id of a built-in one replaces it; ``disabled = true`` removes it; new ids
    add entries. The file has the same format as ``analyser/data/lexicon.toml``.
    """
    entries, _ = _parse_entries(_read_toml(BUILTIN_LEXICON), BUILTIN_LEXICON)
    table = {e.id: e for e in entries}
    sources = [str(BUILTIN_LEXICON)]
    if path is not None:
        path = Path(path)
        user, disabled = _parse_entries(_read_toml(path), path)
        for eid in disabled:
            table.pop(eid, None)
        for e in user:
            table[e.id] = e
        sources.append(str(path))
    return Lexicon(entries=table, sources=sources)


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


_COMPILED: dict[tuple[int, str, bool], _Compiled] = {}
_MAX_COMPILED = 8


def _compile(nlp: Language, lexicon: Lexicon, relaxed: bool) -> _Compiled:
    key = (id(nlp), lexicon.fingerprint, relaxed)
    hit = _COMPILED.get(key)
    if hit is not None and hit.nlp is nlp:
        return hit
    checker = Matcher(nlp.vocab, validate=True)  # validates each pattern as written, once
    matcher = Matcher(nlp.vocab, validate=False)  # holds the (many more) expanded equivalents
    phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
    dependencies = None if relaxed else DependencyMatcher(nlp.vocab, validate=True)
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
                checker.add(e.id, pats)
                matcher.add(e.id, [x for p in pats for x in _expand_leading(p)])
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


# ---------------------------------------------------------------------------------------------
# Negation and attachment
# ---------------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------------
# Scanning text
# ---------------------------------------------------------------------------------------------


@dataclass
class Found:
    """A qualifier found in one text, before it is placed in a measure."""

    start: int
    end: int
    phrase: str
    category: str
    rule: str
    sentence: str
    qualifies: str | None
    negated: bool
    verb: str | None = None  # lemma of the governing verb (trained pipeline only)
    obj: str | None = None  # lemma of that verb's object


@dataclass
class TextResult:
    qualifiers: list[Found]
    strength: str  # must / should / should consider / may / none
    parsed_sentences: int = 0


def _strongest(levels: Iterable[str]) -> str:
    present = set(levels)
    return next((lvl for lvl in STRENGTH_ORDER if lvl in present), "none")


def scan_texts(
    texts: Sequence[str], lexicon: Lexicon | str | Path | None = None, nlp: Language | None = None
) -> list[TextResult]:
    """Find qualifiers and the obligation strength in each of ``texts`` (one result per text).

    ``nlp``: the pipeline for step 2 (default: ``load_pipeline(trained=True)``); a pipeline
    without a parser (e.g. ``spacy.blank("en")``) skips step 2, and ``qualifies`` is None.
    """
    lex = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
    deep = nlp if nlp is not None else load_pipeline(trained=True)
    use_deep = is_trained(deep)
    if use_deep:  # one tokenizer and vocabulary for both passes
        fast = deep
        split = sentencizer()
        fast_docs: Iterable[Doc] = (split(deep.make_doc(t)) for t in texts)
    else:
        fast = load_pipeline(trained=False)
        fast_docs = fast.pipe(texts, batch_size=256)
    fast_c = _compile(fast, lex, relaxed=True)
    exact_ignores = frozenset(e.id for e in lex.by_category("ignore") if e.id not in fast_c.relaxed_ids)

    # step 1: every sentence, fast
    per_text: list[list[tuple[Span, list[_Hit], list[_Hit]]]] = []
    candidates: list[tuple[int, int, Span]] = []  # (text index, sentence index, sentence)
    for ti, doc in enumerate(fast_docs):
        raw = _raw_hits(doc, fast_c, lex)
        quals, strengths = _resolve(doc, raw)
        if use_deep and raw:
            cand_quals, _ = _resolve(doc, raw, veto_ids=exact_ignores)
        else:
            cand_quals = []
        sents = []
        for si, sent in enumerate(doc.sents):
            q = [h for h in quals if sent.start <= h.start < sent.end]
            s = [h for h in strengths if sent.start <= h.start < sent.end]
            sents.append((sent, q, s))
            if any(sent.start <= h.start < sent.end for h in cand_quals):
                candidates.append((ti, si, sent))
        per_text.append(sents)

    # step 2: the candidate sentences, parsed
    parsed: dict[tuple[int, int], Doc] = {}
    if candidates:
        deep_c = _compile(deep, lex, relaxed=False)
        keep = set(active_components(deep))
        disable = [n for n in deep.pipe_names if n not in keep]
        for (ti, si, sent), sdoc in zip(candidates, deep.pipe([c[2].text for c in candidates], disable=disable)):
            parsed[(ti, si)] = sdoc
    else:
        deep_c = None

    results: list[TextResult] = []
    for ti, sents in enumerate(per_text):
        found: list[Found] = []
        levels: list[str] = []
        for si, (sent, quals, strengths) in enumerate(sents):
            sdoc = parsed.get((ti, si))
            if sdoc is not None and deep_c is not None:
                quals, strengths = _resolve(sdoc, _raw_hits(sdoc, deep_c, lex))
                base, target = sent.start_char, sdoc
            else:
                base, target = 0, sent.doc
            levels.extend(h.entry.level or "" for h in strengths)
            for h in quals:
                span = target[h.start : h.end]
                start = base + span.start_char
                att = _qualifies(span) if sdoc is not None else None
                found.append(
                    Found(
                        start=start,
                        end=start + len(span.text),
                        phrase=span.text,
                        category=h.entry.category,
                        rule=h.entry.id,
                        sentence=sent.text.strip(),
                        qualifies=att.phrase if att else None,
                        negated=_negated(span, parsed=sdoc is not None),
                        verb=att.verb if att else None,
                        obj=att.obj if att else None,
                    )
                )
        results.append(TextResult(found, _strongest(levels), sum(1 for k in parsed if k[0] == ti)))
    return results


# ---------------------------------------------------------------------------------------------
# Placing the results in a Code
# ---------------------------------------------------------------------------------------------


def _item_path(items: list[SubItem], offset: int) -> str | None:
    path: list[str] = []
    level = items
    while level:
        for it in level:
            if it.start <= offset < it.end:
                path.append(it.label)
                level = it.items
                break
        else:
            break
    return "".join(path) or None


def _is_application(measure: Measure, para: Paragraph) -> bool:
    return para.is_application or para.number in measure.application_paragraphs


def core_paragraphs(measure: Measure) -> list[str]:
    """The paragraph numbers of the measure's core obligation.

    The core obligation is the first recommendation after the application text: starting at the
    first paragraph that is not application text, the paragraphs up to and including the first
    that says what the service must or should do (at most three; if none of those three does,
    just the first). Needs ``Paragraph.strength`` to be filled.
    """
    rest = [p for p in measure.paragraphs if not _is_application(measure, p)]
    if not rest:
        return []
    for k, p in enumerate(rest[:3]):
        if p.strength in ("must", "should"):
            return [q.number for q in rest[: k + 1]]
    return [rest[0].number]


_LIGHT_VERBS = frozenset({"be", "have", "do", "ensure", "make", "consider", "include", "need", "apply", "seek"})


def _word_set(texts: Iterable[str]) -> set[str]:
    return {w for t in texts for w in re.findall(r"[a-z]+", t.lower())}


def _restates(found: Found, core_words: set[str]) -> bool:
    """True when the qualified verb and its object are those of the core obligation.

    "it should take the content down ..., unless doing so is not technically feasible" in a later
    paragraph qualifies the same duty as the core "take down illegal content": same verb, same
    object. Needs the dependency parse; light verbs (be, have, ensure, ...) are too common to tell.
    """
    if not found.verb or not found.obj or found.verb in _LIGHT_VERBS:
        return False
    verb_forms = {found.verb, found.verb + "s", found.verb + "es", found.verb + "d", found.verb + "ed"}
    obj_forms = {found.obj, found.obj + "s", found.obj + "es"}
    return bool(verb_forms & core_words) and bool(obj_forms & core_words)


def summarise(measure: Measure) -> QualifierSummary:
    """Counts by category and the measure's loophole risk, with the reasons in words."""
    quals = measure.qualifiers
    counts = dict(sorted(Counter(q.category for q in quals).items()))
    if not quals:
        return QualifierSummary(counts, "none", ["no qualifying wording found"])
    core = [q for q in quals if q.in_core_obligation]

    core_numbers = set(core_paragraphs(measure))

    def describe(q: Qualifier) -> str:
        where = q.paragraph + (q.item or "")
        target = f" (qualifies: {q.qualifies})" if q.qualifies else ""
        neg = " [negated]" if q.negated else ""
        if q.paragraph in core_numbers:
            return f"{q.category} wording '{q.phrase}'{neg} in the core obligation, {where}{target}"
        return f"{q.category} wording '{q.phrase}'{neg} in {where}, which restates the core obligation{target}"

    high = [q for q in core if q.category in HIGH_RISK]
    if high:
        return QualifierSummary(counts, "high", _unique(describe(q) for q in high))
    medium = [q for q in core if q.category in MEDIUM_RISK]
    if medium:
        return QualifierSummary(counts, "medium", _unique(describe(q) for q in medium))
    elsewhere = Counter(q.category for q in quals if not q.in_core_obligation)
    reasons = []
    if elsewhere:
        parts = ", ".join(f"{n} {cat}" for cat, n in sorted(elsewhere.items()))
        reasons.append(f"qualifiers only outside the core obligation: {parts}")
    for q in core:  # timing / threshold (or a user category) in the core obligation
        reasons.append(
            f"{q.category} wording '{q.phrase}' in the core obligation, {q.paragraph}: "
            "it changes when or for whom, not whether, the duty applies"
        )
    return QualifierSummary(counts, "low", _unique(reasons))


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def flag_qualifiers(
    code: Code, lexicon: Lexicon | str | Path | None = None, nlp: Language | None = None
) -> list[Qualifier]:
    """Flag every qualifying phrase in every measure of ``code``; return them all in order.

    Fills ``Measure.qualifiers``, ``Paragraph.strength`` and ``Measure.qualifier_summary`` (running
    it twice gives the same result). ``lexicon``: a user lexicon TOML path (extends/overrides the
    built-in one) or a loaded ``Lexicon``. ``nlp``: see ``scan_texts``.
    """
    pairs = [(m, p) for m in code.measures for p in m.paragraphs]
    results = scan_texts([p.text for _, p in pairs], lexicon=lexicon, nlp=nlp)
    for m in code.measures:
        m.qualifiers = []
    found_of: dict[int, Found] = {}
    for (m, p), res in zip(pairs, results):
        p.strength = res.strength
        for f in res.qualifiers:
            m.qualifiers.append(
                Qualifier(
                    measure=m.id,
                    paragraph=p.number,
                    page=p.page,
                    phrase=f.phrase,
                    start=f.start,
                    end=f.end,
                    sentence=f.sentence,
                    category=f.category,
                    rule=f.rule,
                    item=_item_path(p.items, f.start),
                    qualifies=f.qualifies,
                    negated=f.negated,
                    in_application=_is_application(m, p),
                )
            )
            found_of[id(m.qualifiers[-1])] = f
    every: list[Qualifier] = []
    for m in code.measures:
        core = set(core_paragraphs(m))
        core_words = _word_set(p.text for p in m.paragraphs if p.number in core)
        for q in m.qualifiers:
            if q.in_application:
                continue
            q.in_core_obligation = q.paragraph in core or _restates(found_of[id(q)], core_words)
        m.qualifier_summary = summarise(m)
        every.extend(m.qualifiers)
    return every
