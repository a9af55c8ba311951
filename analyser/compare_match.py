"""Matching two editions: which measure of one is which measure of the other, and which paragraph
of a matched measure is which.

Owns the pairing rules (measures by ID unless an unpaired measure is clearly more alike, then by word
similarity; paragraphs by number and text, identical text elsewhere, reworded under the same number,
then by similarity), the rewriting of references that follow a renumbered measure, and the ordering
of paired paragraphs (which left their order, where a removed one goes). It returns index pairs;
what changed inside a pair is ``compare_changes``'s business.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Sequence

from .compare_model import CompareOptions
from .compare_textdiff import _words
from .models import Code, Measure


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
