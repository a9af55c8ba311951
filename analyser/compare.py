"""Compare two editions of a code: what was added, removed, renumbered or reworded, and for whom it matters.

Officers responding to a consultation need to see exactly what moved between a draft and a final
code, or between a code and its amendment. A plain text diff of two PDFs is useless for that: page
breaks, renumbering and reflowed lines drown the few edits that matter. So the comparison works on
the analysed ``Code`` model instead:

1. Measures are matched by ID, unless a measure left without a partner is clearly more like one side
   of the ID match (a measure renumbered into a freed slot, or a whole run shifted by one). Unmatched
   measures are then paired by word-level text similarity (``difflib.SequenceMatcher``) above a
   threshold: these are the ``renumbered`` ones, with their similarity. What is left is ``added`` or
   ``removed``. References that follow a renumbered measure ("see ICU D1" → "see ICU D2") are not edits.
2. Within each matched measure, paragraphs are paired (same number and text, identical text under
   another number, same number reworded, then by similarity), so that a paragraph that moved is
   reported as ``moved`` from/to rather than as one deletion and one insertion, and paragraphs merely
   pushed down a number by an insertion as ``renumbered``. Each reworded paragraph gets a word-level
   diff (ops ``equal`` / ``insert`` / ``delete`` / ``replace``). Footnotes are paired by text.
3. Qualifier flags of reworded, added and removed paragraphs are compared as multisets of
   (phrase, category, negation): ``gained``, ``lost`` or ``changed`` (same phrase, other category or
   negation).
4. Each built-in service archetype is evaluated against both editions, and every matched measure whose
   status changed is listed with both reasons: this is the "what changed for whom" answer.

Text is compared after Unicode NFKC and whitespace normalisation, with hyphens inside words ignored,
so ligatures, reflowed lines and a line-end hyphen one edition kept never count as edits. Everything
here is pure computation on the model; the renderers live in ``compare_render.py``.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .models import Code, Condition, Measure, Paragraph, Qualifier, ServiceProfile
from .models import from_dict as _from_dict

__all__ = [
    "ArchetypeStatus",
    "CodeRef",
    "Comparison",
    "CompareOptions",
    "FootnoteDiff",
    "MeasureChange",
    "MeasureMatch",
    "MeasureRef",
    "ParagraphDiff",
    "QualifierChange",
    "StatusChange",
    "TextDiff",
    "WordOp",
    "compare",
    "condition_text",
    "normalise",
    "same_text",
    "similarity",
    "word_diff",
]


# ---------------------------------------------------------------------------------------------
# Result model
# ---------------------------------------------------------------------------------------------


@dataclass
class WordOp:
    """One step of a word-level diff: ``old``/``new`` are the words (space-joined) on each side."""

    op: str  # "equal" / "insert" / "delete" / "replace"
    old: str = ""
    new: str = ""


@dataclass
class TextDiff:
    """A word-level diff of two short texts (a title, an application clause)."""

    old: str
    new: str
    ops: list[WordOp] = field(default_factory=list)
    similarity: float = 1.0


@dataclass
class ParagraphDiff:
    """How one paragraph fared between editions.

    ``status``, first that applies: ``added`` / ``removed``; ``moved`` (its order among the other
    paragraphs changed; ``text_changed`` says whether it was reworded too); ``changed`` (reworded);
    ``renumbered`` (same words, new printed number because a paragraph before it was added or
    removed); ``unchanged``. Numbers are as printed; a paragraph of a renumbered measure keeps its
    place ("C5.2" → "C6.2") and is not renumbered, and synthetic numbers of unnumbered paragraphs
    ("7.6.p2") never count as renumbering.
    """

    status: str
    old_number: str | None
    new_number: str | None
    old_text: str = ""
    new_text: str = ""
    old_page: int | None = None
    new_page: int | None = None
    similarity: float = 1.0
    text_changed: bool = False
    moved: bool = False
    renumbered: bool = False
    is_application: bool = False
    refs_updated: bool = False  # the text differs only where a reference follows a renumbered measure
    ops: list[WordOp] = field(default_factory=list)


@dataclass
class FootnoteDiff:
    """A footnote of a matched measure added, removed or reworded.

    Footnotes are numbered through the whole document, so a footnote inserted early renumbers every
    later one: they are paired by text, never by number, and a new number alone is not a change.
    """

    status: str  # "added" / "removed" / "changed"
    old_number: str | None
    new_number: str | None
    old_text: str = ""
    new_text: str = ""
    paragraph: str | None = None  # the citing paragraph (new edition where it exists)
    similarity: float = 0.0
    ops: list[WordOp] = field(default_factory=list)


@dataclass
class QualifierChange:
    """A qualifier gained, lost, or changed (category or negation) in one measure."""

    change: str  # "gained" / "lost" / "changed"
    measure: str  # the measure's ID in the new edition (the old one if it exists only there)
    old_measure: str
    paragraph: str  # paragraph number in the edition where the qualifier is (new one for "changed")
    phrase: str
    category: str
    old_category: str | None = None
    negated: bool = False
    old_negated: bool | None = None
    page: int | None = None
    qualifier_sentence: str = ""  # the sentence of the document the phrase sits in
    summary: str = ""  # e.g. "ICU C2: C2.3 gained 'where technically feasible' (feasibility)"


@dataclass
class MeasureMatch:
    old_id: str
    new_id: str
    how: str  # "id" or "similarity"
    similarity: float
    old_title: str = ""
    new_title: str = ""


@dataclass
class ArchetypeStatus:
    archetype: str
    status: str
    reason: str = ""


@dataclass
class MeasureRef:
    """An added or removed measure, with where it is and whom it concerns."""

    id: str
    title: str
    chapter: str | None = None
    page_start: int | None = None
    page_end: int | None = None
    application: str = ""
    statuses: list[ArchetypeStatus] = field(default_factory=list)

    @property
    def pages(self) -> str:
        """Page citation: "p. 22" or "pp. 15–16"."""
        if self.page_start is None:
            return ""
        if self.page_end is None or self.page_end == self.page_start:
            return f"p. {self.page_start}"
        return f"pp. {self.page_start}–{self.page_end}"


@dataclass
class MeasureChange:
    """A matched measure whose title, paragraphs or application changed."""

    old_id: str
    new_id: str
    similarity: float
    title: TextDiff | None = None  # set only when the title changed
    application: TextDiff | None = None  # set only when the application wording changed
    old_condition: str | None = None
    new_condition: str | None = None
    paragraphs: list[ParagraphDiff] = field(default_factory=list)  # every paragraph, in new order
    footnotes: list[FootnoteDiff] = field(default_factory=list)  # only footnotes that changed
    qualifier_changes: list[QualifierChange] = field(default_factory=list)
    old_pages: list[int] = field(default_factory=list)
    new_pages: list[int] = field(default_factory=list)

    @property
    def renumbered(self) -> bool:
        return self.old_id != self.new_id

    @property
    def changed_paragraphs(self) -> list[ParagraphDiff]:
        return [p for p in self.paragraphs if p.status != "unchanged"]


@dataclass
class StatusChange:
    """A measure whose status for one archetype differs between the editions."""

    archetype: str  # key, e.g. "large-e2ee-messaging"
    old_id: str
    new_id: str
    old_status: str
    new_status: str
    old_reason: str = ""
    new_reason: str = ""
    archetype_title: str = ""  # e.g. "Large end-to-end encrypted messaging service"
    summary: str = ""  # e.g. "Large end-to-end encrypted messaging service: ICU C9 applies → qualified"


@dataclass
class CodeRef:
    """Which document each side is, so a rendered comparison cites its sources."""

    title: str
    short_name: str
    family: str
    version: str | None
    source_file: str
    sha256: str
    sample: bool = False

    @property
    def label(self) -> str:
        """Short name an officer recognises: "ICU sample", "ICU (24 Feb 2025)"."""
        label = self.short_name + (" sample" if self.sample else "")
        return f"{label} ({self.version})" if self.version and not self.sample else label

    @property
    def heading(self) -> str:
        """Label with the printed edition, for report titles: "ICU sample, edition 2"."""
        return f"{self.label}, {self.version}" if self.version and self.sample else self.label


@dataclass
class Comparison:
    old: CodeRef
    new: CodeRef
    comparable: bool = True
    message: str = ""
    matches: list[MeasureMatch] = field(default_factory=list)  # every matched pair, in new order
    added: list[MeasureRef] = field(default_factory=list)
    removed: list[MeasureRef] = field(default_factory=list)
    renumbered: list[MeasureMatch] = field(default_factory=list)
    changed: list[MeasureChange] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # new IDs of matched measures with no change
    qualifier_changes: list[QualifierChange] = field(default_factory=list)  # all measures, flattened
    application_changes: list[MeasureChange] = field(default_factory=list)  # subset of ``changed``
    applicability_changes: list[StatusChange] = field(default_factory=list)
    archetypes: list[str] = field(default_factory=list)  # keys of the archetypes evaluated
    archetype_titles: dict[str, str] = field(default_factory=dict)  # key -> human title
    warnings: list[str] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def has_changes(self) -> bool:
        return bool(
            self.added or self.removed or self.renumbered or self.changed or self.applicability_changes
        )

    def counts(self) -> dict[str, int]:
        return {
            "added": len(self.added),
            "removed": len(self.removed),
            "renumbered": len(self.renumbered),
            "changed": len(self.changed),
            "unchanged": len(self.unchanged),
            "paragraphs_changed": sum(len(c.changed_paragraphs) for c in self.changed),
            "footnotes_changed": sum(len(c.footnotes) for c in self.changed),
            "qualifier_changes": len(self.qualifier_changes),
            "application_changes": len(self.application_changes),
            "applicability_changes": len(self.applicability_changes),
        }

    def change_for(self, measure_id: str) -> MeasureChange | None:
        """The change record of a measure, looked up by its old or new ID."""
        return next((c for c in self.changed if measure_id in (c.new_id, c.old_id)), None)

    def summary_lines(self) -> list[str]:
        """One plain sentence per finding, in the order an officer would read them."""
        if not self.comparable:
            return [self.message]
        lines: list[str] = []
        lines += [f"Added: {m.id} {m.title}" for m in self.added]
        lines += [f"Removed: {m.id} {m.title}" for m in self.removed]
        lines += [
            f"Renumbered: {r.old_id} → {r.new_id} (similarity {r.similarity:.2f})" for r in self.renumbered
        ]
        for c in self.changed:
            parts = []
            if c.title:
                parts.append("title")
            n = len(c.changed_paragraphs)
            if n:
                parts.append(f"{n} paragraph{'s' if n != 1 else ''}")
            if c.application:
                parts.append("application")
            if c.footnotes:
                parts.append(f"{len(c.footnotes)} footnote{'s' if len(c.footnotes) != 1 else ''}")
            if parts:
                lines.append(f"Changed: {c.new_id} ({', '.join(parts)})")
        lines += [q.summary for q in self.qualifier_changes]
        lines += [s.summary for s in self.applicability_changes]
        if not lines:
            lines.append("No changes.")
        return lines

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["counts"] = self.counts()
        data["has_changes"] = self.has_changes
        for side in ("old", "new"):
            data[side]["label"] = getattr(self, side).label
            data[side]["heading"] = getattr(self, side).heading
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Comparison:
        """Rebuild from ``to_dict()`` output (derived keys are ignored), e.g. for the app's cache."""
        return _from_dict(cls, data)


@dataclass
class CompareOptions:
    """Thresholds of the matcher; defaults suit codes of practice, callers may tighten them."""

    measure_threshold: float = 0.6  # similarity for pairing measures with different IDs
    id_margin: float = 0.15  # an unpaired measure this much more similar breaks an ID match
    paragraph_threshold: float = 0.6  # similarity for pairing paragraphs with different numbers
    paragraph_same_number: float = 0.3  # similarity needed to keep a same-number pairing early


# ---------------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------------

_WS = re.compile(r"\s+")


def normalise(text: str | None) -> str:
    """NFKC (ligatures, non-breaking spaces) and collapsed whitespace: what counts as "the same text"."""
    if not text:
        return ""
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip()


# A hyphen (or soft hyphen) between two letters. Where a line breaks inside a word, the same word
# can come out of a PDF as "repor-ted" in one edition and "reported" in the next, and the text layer
# cannot always say whether the hyphen was printed: such a hyphen is never an edit.
_WORD_HYPHEN = re.compile(r"(?<=[^\W\d_])[-\u00ad\u2010](?=[^\W\d_])")


def _tokens(text: str) -> list[str]:
    """Words as printed (whitespace-separated, after normalisation)."""
    norm = normalise(text)
    return norm.split(" ") if norm else []


def _key(token: str) -> str:
    """What a word is compared by: intra-word hyphens and soft hyphens removed."""
    return _WORD_HYPHEN.sub("", token).replace("\u00ad", "")


def _words(text: str) -> list[str]:
    """Comparison keys of the words of ``text``: equal lists mean "the same text" for this module."""
    return [_key(t) for t in _tokens(text)]


def same_text(a: str | None, b: str | None) -> bool:
    """True when two texts differ at most in whitespace, ligatures and intra-word hyphens."""
    return _words(a or "") == _words(b or "")


def similarity(a: str | Sequence[str], b: str | Sequence[str]) -> float:
    """Word-level similarity in [0, 1] (``SequenceMatcher.ratio`` over word tokens).

    Words rather than characters: it is faster on paragraphs and is not fooled by texts that share
    letters but not wording.
    """
    wa = _words(a) if isinstance(a, str) else list(a)
    wb = _words(b) if isinstance(b, str) else list(b)
    if not wa and not wb:
        return 1.0
    if not wa or not wb:
        return 0.0
    return difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def word_diff(old: str, new: str) -> list[WordOp]:
    """Word-level diff of two texts as equal / insert / delete / replace ops.

    Words are matched by their comparison keys but reported as printed, so an ``equal`` op may carry
    "repor-ted" on the old side and "reported" on the new.
    """
    a, b = _tokens(old), _tokens(new)
    ka, kb = [_key(t) for t in a], [_key(t) for t in b]
    ops = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes():
        ops.append(WordOp(op=tag, old=" ".join(a[i1:i2]), new=" ".join(b[j1:j2])))
    return ops


def _text_diff(old: str, new: str, rewrite: Callable[[str], str] | None = None) -> TextDiff | None:
    """A ``TextDiff`` when the texts differ after normalisation (and reference rewriting), else None."""
    if same_text(rewrite(old) if rewrite else old, new):
        return None
    return TextDiff(old=normalise(old), new=normalise(new), ops=word_diff(old, new), similarity=similarity(old, new))


def condition_text(cond: Condition | None) -> str | None:
    """A condition tree in words ("large or multi_risk"), for showing a narrowed application."""
    if cond is None:
        return None
    if cond.op == "atom":
        params = ", ".join(f"{k}={v}" for k, v in sorted((cond.params or {}).items()))
        return f"{cond.atom}({params})" if params else str(cond.atom)
    if cond.op == "not":
        inner = condition_text(cond.args[0]) if cond.args else "?"
        return f"not {inner}" if cond.args and cond.args[0].op == "atom" else f"not ({inner})"
    parts = []
    for arg in cond.args:
        text = condition_text(arg) or "?"
        parts.append(f"({text})" if arg.op in ("and", "or") and arg.op != cond.op else text)
    return f" {cond.op} ".join(parts)


# ---------------------------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------------------------


def _measure_words(m: Measure) -> list[str]:
    return _words(m.title) + [w for p in m.paragraphs for w in _words(p.text)]


def _greedy_pairs(
    olds: Sequence[int], news: Sequence[int], score, threshold: float
) -> list[tuple[int, int, float]]:
    """Pair items best-first by ``score(i, j)``, each used once, keeping pairs at or above ``threshold``."""
    candidates = []
    for i in olds:
        for j in news:
            s = score(i, j)
            if s >= threshold:
                candidates.append((s, i, j))
    # Highest similarity first; ties broken by document order so results are deterministic.
    candidates.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs = []
    for s, i, j in candidates:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((i, j, s))
    return pairs


class _SimCache:
    """Memoised word similarity with difflib's cheap upper bounds tried first."""

    def __init__(self, a: list[list[str]], b: list[list[str]]):
        self.a, self.b = a, b
        self.memo: dict[tuple[int, int], float] = {}

    def __call__(self, i: int, j: int, floor: float = 0.0) -> float:
        key = (i, j)
        if key in self.memo:
            return self.memo[key]
        wa, wb = self.a[i], self.b[j]
        if not wa and not wb:
            value = 1.0
        elif not wa or not wb:
            value = 0.0
        else:
            sm = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
            if floor and (sm.real_quick_ratio() < floor or sm.quick_ratio() < floor):
                return 0.0  # below the threshold whatever the exact figure; not memoised
            value = sm.ratio()
        self.memo[key] = value
        return value


def _match_measures(
    old: Code, new: Code, opts: CompareOptions
) -> tuple[list[tuple[int, int, str, float]], list[int], list[int]]:
    """Pair measures: (old index, new index, how, similarity), plus unmatched old and new indexes.

    An ID match is trusted unless a measure left without a partner is clearly more like one side of
    it (by ``opts.id_margin``): that is a measure renumbered into a freed slot ("C5 removed, C4 became
    C5"), and pairing by ID there would report two rewrites instead of one removal and one renumbering.
    """
    sim = _SimCache([_measure_words(m) for m in old.measures], [_measure_words(m) for m in new.measures])
    thr = opts.measure_threshold
    new_by_id: dict[str, int] = {}
    for j, m in enumerate(new.measures):
        new_by_id.setdefault(m.id, j)  # a duplicated ID (a parser slip) pairs once; the rest go by text
    id_pairs: dict[int, int] = {}
    for i, m in enumerate(old.measures):
        j = new_by_id.get(m.id)
        if j is not None and j not in id_pairs.values():
            id_pairs[i] = j
    lone_old = [i for i in range(len(old.measures)) if i not in id_pairs]
    lone_new = [j for j in range(len(new.measures)) if j not in id_pairs.values()]
    doubtful: dict[int, int] = {}
    # To a fixpoint: once a pair is in doubt its two measures become rivals for the others, so a whole
    # run of measures shifted by one ("C2→C3, C3→C4, ...") unravels pair by pair.
    changed = True
    while changed:
        changed = False
        pool_old = lone_old + list(doubtful)
        pool_new = lone_new + list(doubtful.values())
        for i, j in id_pairs.items():
            if i in doubtful:
                continue
            floor = max(thr, sim(i, j) + opts.id_margin)
            if any(sim(k, j, floor) >= floor for k in pool_old) or any(sim(i, k, floor) >= floor for k in pool_new):
                doubtful[i] = j
                changed = True
    pairs: list[tuple[int, int, str, float]] = [(i, j, "id", sim(i, j)) for i, j in id_pairs.items() if i not in doubtful]
    pool_old = lone_old + list(doubtful)
    pool_new = lone_new + list(doubtful.values())
    for i, j, s in _greedy_pairs(pool_old, pool_new, lambda i, j: sim(i, j, thr), thr):
        how = "id" if old.measures[i].id == new.measures[j].id else "similarity"
        pairs.append((i, j, how, s))
    paired_old = {p[0] for p in pairs}
    paired_new = {p[1] for p in pairs}
    # A doubtful ID match that nobody else claimed is a measure rewritten in place: keep the pairing.
    for i, j in doubtful.items():
        if i not in paired_old and j not in paired_new:
            pairs.append((i, j, "id", sim(i, j)))
            paired_old.add(i)
            paired_new.add(j)
    pairs.sort(key=lambda p: p[1])
    unmatched_old = [i for i in range(len(old.measures)) if i not in paired_old]
    unmatched_new = [j for j in range(len(new.measures)) if j not in paired_new]
    return pairs, unmatched_old, unmatched_new


def _identity(text: str) -> str:
    return text


def _reference_rewriter(pairs: Iterable[tuple[Measure, Measure]]) -> Callable[[str], str]:
    """Old text → old text with references to renumbered measures rewritten to their new numbers.

    When D1 becomes D2, every "see ICU D1" and "paragraph D1.3" in the old edition is expected to read
    "D2"/"D2.3" in the new one; such a reference following its target is not an edit of the citing
    paragraph. One regex pass maps all numbers at once, so chains (D1→D2, D2→D3) do not cascade.
    """
    mapping = {mo.number: mn.number for mo, mn in pairs if mo.number and mn.number and mo.number != mn.number}
    if not mapping:
        return _identity
    alternatives = "|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w.])({alternatives})(?!\w)")
    return lambda text: pattern.sub(lambda m: mapping[m.group(1)], text) if text else text


def _paragraph_key(measure: Measure, number: str) -> str:
    """A paragraph's number relative to its measure ("C5.2" in C5 → ".2"), stable under renumbering."""
    local = measure.number or measure.id.split(" ")[-1]
    if local and number.startswith(local) and len(number) > len(local) and not number[len(local)].isalnum():
        return number[len(local) :]
    return number


def _match_paragraphs(
    mo: Measure, mn: Measure, opts: CompareOptions, rewrite: Callable[[str], str] = _identity
) -> list[tuple[int | None, int | None, float]]:
    """Pair paragraphs of two versions of one measure; unpaired ones come back with None on one side."""
    po, pn = mo.paragraphs, mn.paragraphs
    wo = [_words(rewrite(p.text)) for p in po]
    wn = [_words(p.text) for p in pn]
    sim = _SimCache(wo, wn)
    pairs: list[tuple[int, int, float]] = []
    used_o: set[int] = set()
    used_n: set[int] = set()

    def take(i: int, j: int, s: float) -> None:
        pairs.append((i, j, s))
        used_o.add(i)
        used_n.add(j)

    # 1. Same number, same text: the common case, decided without looking further.
    ko = [_paragraph_key(mo, p.number) for p in po]
    kn = [_paragraph_key(mn, p.number) for p in pn]
    new_by_key: dict[str, int] = {}
    for j, k in enumerate(kn):
        new_by_key.setdefault(k, j)
    for i, k in enumerate(ko):
        j = new_by_key.get(k)
        if j is not None and j not in used_n and wo[i] == wn[j]:
            take(i, j, 1.0)
    # 2. Identical text under another number: a moved paragraph.
    new_by_text: dict[tuple[str, ...], list[int]] = {}
    for j in range(len(pn)):
        if j not in used_n:
            new_by_text.setdefault(tuple(wn[j]), []).append(j)
    for i in range(len(po)):
        if i in used_o:
            continue
        cands = [j for j in new_by_text.get(tuple(wo[i]), []) if j not in used_n]
        if cands:
            take(i, cands[0], 1.0)
    # 3. Same number, reworded (still recognisably the same paragraph).
    for i, k in enumerate(ko):
        j = new_by_key.get(k)
        if i in used_o or j is None or j in used_n:
            continue
        s = sim(i, j)
        if s >= opts.paragraph_same_number:
            # Prefer a clearly better partner elsewhere (the paragraph moved and another took its number).
            best = max(
                ((sim(i, jj), jj) for jj in range(len(pn)) if jj not in used_n and jj != j),
                default=(0.0, None),
            )
            if best[0] >= opts.paragraph_threshold and best[0] > s + 0.2:
                continue
            take(i, j, s)
    # 4. Remaining paragraphs by similarity: moved and reworded.
    thr = opts.paragraph_threshold
    rest_o = [i for i in range(len(po)) if i not in used_o]
    rest_n = [j for j in range(len(pn)) if j not in used_n]
    for i, j, s in _greedy_pairs(rest_o, rest_n, lambda i, j: sim(i, j, thr), thr):
        take(i, j, s)
    # 5. Same number left on both sides: rewritten in place rather than removed and added.
    for i, k in enumerate(ko):
        j = new_by_key.get(k)
        if i not in used_o and j is not None and j not in used_n:
            take(i, j, sim(i, j))
    result: list[tuple[int | None, int | None, float]] = list(pairs)
    result += [(i, None, 0.0) for i in range(len(po)) if i not in used_o]
    result += [(None, j, 0.0) for j in range(len(pn)) if j not in used_n]
    return _order_paragraphs(result)


def _out_of_order(pairs: Sequence[tuple[int, int]]) -> set[tuple[int, int]]:
    """Matched pairs that left their order: those outside a longest run increasing on both sides.

    If C3.4 is moved up to C3.2, only C3.4 is out of order; C3.2 and C3.3, pushed down one place,
    kept their order and are merely renumbered.
    """
    seq = sorted(pairs)
    n = len(seq)
    if n < 2:
        return set()
    best = [1] * n
    prev = [-1] * n
    for b in range(n):
        for a in range(b):
            if seq[a][1] < seq[b][1] and best[a] + 1 > best[b]:
                best[b], prev[b] = best[a] + 1, a
    k = max(range(n), key=lambda x: (best[x], -x))
    keep = set()
    while k != -1:
        keep.add(seq[k])
        k = prev[k]
    return set(seq) - keep


_SYNTHETIC_NUMBER = re.compile(r"\.p\d+$")


def _order_paragraphs(
    items: list[tuple[int | None, int | None, float]],
) -> list[tuple[int | None, int | None, float]]:
    """New-edition order; a removed paragraph goes after the counterpart of its old predecessor."""
    old_to_new = {i: j for i, j, _ in items if i is not None and j is not None}

    def pos(item: tuple[int | None, int | None, float]) -> tuple[float, int]:
        i, j, _ = item
        if j is not None:
            return (float(j), 0)
        assert i is not None
        prev = [old_to_new[k] for k in old_to_new if k < i]
        return ((max(prev) if prev else -1) + 0.5, i)

    return sorted(items, key=pos)


# ---------------------------------------------------------------------------------------------
# Per-measure comparison
# ---------------------------------------------------------------------------------------------


def _qualifier_key(q: Qualifier) -> tuple[str, str, bool]:
    return (normalise(q.phrase).lower(), q.category, bool(q.negated))


def _paragraph_qualifier_changes(
    mo: Measure, mn: Measure, po: Paragraph | None, pn: Paragraph | None
) -> list[QualifierChange]:
    """Qualifier changes in one paragraph pair (either side may be absent: an added/removed paragraph)."""
    old_qs = [q for q in mo.qualifiers if po is not None and q.paragraph == po.number]
    new_qs = [q for q in mn.qualifiers if pn is not None and q.paragraph == pn.number]
    old_count = Counter(_qualifier_key(q) for q in old_qs)
    new_count = Counter(_qualifier_key(q) for q in new_qs)
    lost_keys = old_count - new_count
    gained_keys = new_count - old_count

    def pick(qs: list[Qualifier], counter: Counter) -> list[Qualifier]:
        left = Counter(counter)
        chosen = []
        for q in qs:
            k = _qualifier_key(q)
            if left[k] > 0:
                chosen.append(q)
                left[k] -= 1
        return chosen

    lost = pick(old_qs, lost_keys)
    gained = pick(new_qs, gained_keys)
    changes: list[QualifierChange] = []
    # Same phrase on both sides, different category or negation: one "changed", not lost + gained.
    for qn in list(gained):
        qo = next((q for q in lost if normalise(q.phrase).lower() == normalise(qn.phrase).lower()), None)
        if qo is None:
            continue
        lost.remove(qo)
        gained.remove(qn)
        what = []
        if qo.category != qn.category:
            what.append(f"changed category from {qo.category} to {qn.category}")
        if bool(qo.negated) != bool(qn.negated):
            what.append("is now negated" if qn.negated else "is no longer negated")
        changes.append(
            QualifierChange(
                change="changed",
                measure=mn.id,
                old_measure=mo.id,
                paragraph=qn.paragraph,
                phrase=qn.phrase,
                category=qn.category,
                old_category=qo.category,
                negated=bool(qn.negated),
                old_negated=bool(qo.negated),
                page=qn.page,
                qualifier_sentence=qn.sentence,
                summary=f"{mn.id}: {qn.paragraph} '{qn.phrase}' {' and '.join(what)}",
            )
        )
    for q in gained:
        changes.append(_gain_or_loss("gained", q, mo, mn))
    for q in lost:
        changes.append(_gain_or_loss("lost", q, mo, mn))
    return changes


def _gain_or_loss(kind: str, q: Qualifier, mo: Measure, mn: Measure) -> QualifierChange:
    neg = " (negated)" if q.negated else ""
    return QualifierChange(
        change=kind,
        measure=mn.id,
        old_measure=mo.id,
        paragraph=q.paragraph,
        phrase=q.phrase,
        category=q.category,
        negated=bool(q.negated),
        page=q.page,
        qualifier_sentence=q.sentence,
        summary=f"{mn.id}: {q.paragraph} {kind} '{q.phrase}' ({q.category}){neg}",
    )


def _compare_footnotes(
    mo: Measure, mn: Measure, opts: CompareOptions, rewrite: Callable[[str], str]
) -> list[FootnoteDiff]:
    """Footnotes added, removed or reworded between two versions of a measure (paired by text)."""
    fo, fn = mo.footnotes, mn.footnotes
    wo = [_words(rewrite(f.text)) for f in fo]
    wn = [_words(f.text) for f in fn]
    used_o: set[int] = set()
    used_n: set[int] = set()
    for i in range(len(fo)):  # identical text first: renumbered footnotes are not changes
        j = next((j for j in range(len(fn)) if j not in used_n and wn[j] == wo[i]), None)
        if j is not None:
            used_o.add(i)
            used_n.add(j)
    sim = _SimCache(wo, wn)
    thr = opts.paragraph_threshold
    rest_o = [i for i in range(len(fo)) if i not in used_o]
    rest_n = [j for j in range(len(fn)) if j not in used_n]
    diffs: list[FootnoteDiff] = []
    for i, j, s in _greedy_pairs(rest_o, rest_n, lambda i, j: sim(i, j, thr), thr):
        used_o.add(i)
        used_n.add(j)
        diffs.append(
            FootnoteDiff(
                status="changed",
                old_number=fo[i].number,
                new_number=fn[j].number,
                old_text=normalise(fo[i].text),
                new_text=normalise(fn[j].text),
                paragraph=fn[j].paragraph,
                similarity=round(s, 4),
                ops=word_diff(fo[i].text, fn[j].text),
            )
        )
    diffs += [
        FootnoteDiff("removed", f.number, None, old_text=normalise(f.text), paragraph=f.paragraph)
        for i, f in enumerate(fo)
        if i not in used_o
    ]
    diffs += [
        FootnoteDiff("added", None, f.number, new_text=normalise(f.text), paragraph=f.paragraph)
        for j, f in enumerate(fn)
        if j not in used_n
    ]
    return diffs


def _compare_measure(
    mo: Measure, mn: Measure, sim: float, opts: CompareOptions, rewrite: Callable[[str], str] = _identity
) -> MeasureChange | None:
    """The change record of a matched pair, or None when nothing an officer would care about changed.

    ``rewrite`` maps references in old text to renumbered measures (see ``_reference_rewriter``).
    """
    diffs: list[ParagraphDiff] = []
    qchanges: list[QualifierChange] = []
    matched = _match_paragraphs(mo, mn, opts, rewrite)
    out_of_order = _out_of_order([(i, j) for i, j, _ in matched if i is not None and j is not None])
    for i, j, s in matched:
        po = mo.paragraphs[i] if i is not None else None
        pn = mn.paragraphs[j] if j is not None else None
        if po is not None and pn is not None:
            text_changed = not same_text(rewrite(po.text), pn.text)
            refs_updated = not text_changed and not same_text(po.text, pn.text)
            moved = (i, j) in out_of_order
            renumbered = _paragraph_key(mo, po.number) != _paragraph_key(mn, pn.number) and not (
                _SYNTHETIC_NUMBER.search(po.number) and _SYNTHETIC_NUMBER.search(pn.number)
            )
            status = (
                "moved" if moved else "changed" if text_changed else "renumbered" if renumbered else "unchanged"
            )
            diffs.append(
                ParagraphDiff(
                    status=status,
                    old_number=po.number,
                    new_number=pn.number,
                    old_text=normalise(po.text),
                    new_text=normalise(pn.text),
                    old_page=po.page,
                    new_page=pn.page,
                    similarity=round(s, 4),
                    text_changed=text_changed,
                    moved=moved,
                    renumbered=renumbered,
                    is_application=po.is_application or pn.is_application,
                    refs_updated=refs_updated,
                    ops=word_diff(po.text, pn.text) if text_changed or refs_updated else [],
                )
            )
            if text_changed:
                qchanges += _paragraph_qualifier_changes(mo, mn, po, pn)
        elif pn is not None:
            diffs.append(
                ParagraphDiff(
                    status="added",
                    old_number=None,
                    new_number=pn.number,
                    new_text=normalise(pn.text),
                    new_page=pn.page,
                    similarity=0.0,
                    text_changed=True,
                    is_application=pn.is_application,
                    ops=word_diff("", pn.text),
                )
            )
            qchanges += _paragraph_qualifier_changes(mo, mn, None, pn)
        elif po is not None:
            diffs.append(
                ParagraphDiff(
                    status="removed",
                    old_number=po.number,
                    new_number=None,
                    old_text=normalise(po.text),
                    old_page=po.page,
                    similarity=0.0,
                    text_changed=True,
                    is_application=po.is_application,
                    ops=word_diff(po.text, ""),
                )
            )
            qchanges += _paragraph_qualifier_changes(mo, mn, po, None)
    title = _text_diff(mo.title, mn.title, rewrite)
    application = _text_diff(mo.application, mn.application, rewrite)
    footnotes = _compare_footnotes(mo, mn, opts, rewrite)
    if (
        title is None
        and application is None
        and not footnotes
        and not qchanges
        and all(d.status == "unchanged" for d in diffs)
    ):
        return None
    old_cond = condition_text(mo.applicability.condition) if mo.applicability else None
    new_cond = condition_text(mn.applicability.condition) if mn.applicability else None
    return MeasureChange(
        old_id=mo.id,
        new_id=mn.id,
        similarity=round(sim, 4),
        title=title,
        application=application,
        old_condition=old_cond,
        new_condition=new_cond,
        paragraphs=diffs,
        footnotes=footnotes,
        qualifier_changes=qchanges,
        old_pages=[mo.page_start, mo.page_end],
        new_pages=[mn.page_start, mn.page_end],
    )


# ---------------------------------------------------------------------------------------------
# Applicability
# ---------------------------------------------------------------------------------------------


def _archetype_list(archetypes: Any) -> list[ServiceProfile]:
    """Accept what ``load_archetypes`` returns: a mapping key → profile or a list of profiles."""
    if isinstance(archetypes, dict):
        out = []
        for key, prof in archetypes.items():
            if isinstance(prof, ServiceProfile) and not prof.name:
                prof = dataclasses.replace(prof, name=str(key))
            out.append(prof)
        return out
    return list(archetypes)


def _statuses(code: Code, services: Iterable[ServiceProfile]) -> dict[str, dict[str, Any]]:
    from .evaluate import evaluate

    return {svc.name: {s.measure: s for s in evaluate(code, svc)} for svc in services}


def _archetype_titles(keys: Iterable[str]) -> dict[str, str]:
    """Human titles of the built-in archetypes where known; other profiles keep their name."""
    try:
        from .service import archetype_titles

        titles = archetype_titles()
    except (ImportError, OSError):
        titles = {}
    return {k: titles.get(k, k) for k in keys}


# ---------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------


def _code_ref(code: Code) -> CodeRef:
    i = code.info
    return CodeRef(
        title=i.title,
        short_name=i.short_name,
        family=i.family,
        version=i.version,
        source_file=i.source_file,
        sha256=i.sha256,
        sample=bool(i.sample),
    )


def _measure_ref(m: Measure, statuses: dict[str, dict[str, Any]]) -> MeasureRef:
    per = []
    for archetype, by_measure in statuses.items():
        st = by_measure.get(m.id)
        if st is not None:
            per.append(ArchetypeStatus(archetype=archetype, status=st.status, reason=st.reason))
    return MeasureRef(
        id=m.id,
        title=normalise(m.title),
        chapter=m.chapter,
        page_start=m.page_start,
        page_end=m.page_end,
        application=normalise(m.application),
        statuses=per,
    )


def compare(
    old: Code,
    new: Code,
    *,
    archetypes: Iterable[ServiceProfile] | dict[str, ServiceProfile] | None = None,
    options: CompareOptions | None = None,
) -> Comparison:
    """Compare two editions of one code.

    ``archetypes`` defaults to the built-in ones (``analyser.service.load_archetypes()``); pass an
    empty list to skip the applicability comparison. Codes of different families or short names are
    not diffed: the result has ``comparable=False`` and a message saying so.
    """
    opts = options or CompareOptions()
    cmp = Comparison(old=_code_ref(old), new=_code_ref(new), options=dataclasses.asdict(opts))
    if (old.info.short_name, old.info.family) != (new.info.short_name, new.info.family):
        cmp.comparable = False
        cmp.message = f"{cmp.old.label} vs {cmp.new.label}: different code families; no diff"
        return cmp
    if old.info.sha256 and old.info.sha256 == new.info.sha256:
        cmp.message = f"{cmp.old.label} and {cmp.new.label} are the same document"

    statuses_old: dict[str, dict[str, Any]] = {}
    statuses_new: dict[str, dict[str, Any]] = {}
    try:
        if archetypes is None:
            from .service import load_archetypes

            archetypes = load_archetypes(family=new.info.family)  # the services this kind of code is about
        services = _archetype_list(archetypes)
        if services:
            statuses_old = _statuses(old, services)
            statuses_new = _statuses(new, services)
        cmp.archetypes = [s.name for s in services]
        cmp.archetype_titles = _archetype_titles(cmp.archetypes)
    except ImportError as err:  # applicability stage not installed: say so, still diff the text
        cmp.warnings.append(f"applicability comparison unavailable: {err}")

    pairs, only_old, only_new = _match_measures(old, new, opts)
    rewrite = _reference_rewriter((old.measures[i], new.measures[j]) for i, j, _, _ in pairs)
    for i, j, how, s in pairs:
        mo, mn = old.measures[i], new.measures[j]
        match = MeasureMatch(
            old_id=mo.id,
            new_id=mn.id,
            how=how,
            similarity=round(s, 4),
            old_title=normalise(mo.title),
            new_title=normalise(mn.title),
        )
        cmp.matches.append(match)
        if mo.id != mn.id:
            cmp.renumbered.append(match)
        change = _compare_measure(mo, mn, s, opts, rewrite)
        if change is None:
            cmp.unchanged.append(mn.id)
            continue
        cmp.changed.append(change)
        cmp.qualifier_changes += change.qualifier_changes
        if change.application is not None:
            cmp.application_changes.append(change)
    cmp.added = [_measure_ref(new.measures[j], statuses_new) for j in only_new]
    cmp.removed = [_measure_ref(old.measures[i], statuses_old) for i in only_old]

    for archetype in cmp.archetypes:
        so, sn = statuses_old.get(archetype, {}), statuses_new.get(archetype, {})
        for match in cmp.matches:
            a, b = so.get(match.old_id), sn.get(match.new_id)
            if a is None or b is None or a.status == b.status:
                continue
            ids = match.new_id if match.old_id == match.new_id else f"{match.old_id} → {match.new_id}"
            cmp.applicability_changes.append(
                StatusChange(
                    archetype=archetype,
                    old_id=match.old_id,
                    new_id=match.new_id,
                    old_status=a.status,
                    new_status=b.status,
                    old_reason=a.reason,
                    new_reason=b.reason,
                    archetype_title=cmp.archetype_titles.get(archetype, archetype),
                    summary=f"{cmp.archetype_titles.get(archetype, archetype)}: {ids} {a.status} → {b.status}",
                )
            )
    return cmp
