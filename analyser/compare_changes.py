"""Change detection inside a matched pair of measures: paragraphs, footnotes, qualifiers, wording.

Owns what counts as a change an officer cares about: a paragraph reworded, moved, renumbered, added
or removed (a reference that merely follows a renumbered measure is not an edit); footnotes paired by
text; qualifier flags compared as multisets of (phrase, category, negation); title and application
wording; and the application condition in words (``condition_text``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from .compare_match import _SimCache, _greedy_pairs, _identity, _match_paragraphs, _out_of_order, _paragraph_key
from .compare_model import CompareOptions, FootnoteDiff, MeasureChange, ParagraphDiff, QualifierChange
from .compare_textdiff import _text_diff, _words, normalise, same_text, word_diff
from .models import Condition, Measure, Paragraph, Qualifier

# A synthetic number given to an unnumbered paragraph ("7.6.p2"): never counts as renumbering.
_SYNTHETIC_NUMBER = re.compile(r"\.p\d+$")


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
