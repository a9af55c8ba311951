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
here is pure computation on the model.

This module owns the entry point ``compare`` (steps 1-4 in order) and the applicability step (4);
the other steps live beside it, one seam each: ``compare_model`` (the result dataclasses),
``compare_textdiff`` (what counts as the same text, similarity, word diffs), ``compare_match``
(step 1 and the pairing of paragraphs), ``compare_changes`` (steps 2-3 inside a matched pair), and
``compare_render`` / ``compare_render_docx`` (the renderers). The public names of those modules are
importable from here as before.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from .compare_changes import _compare_measure, condition_text
from .compare_match import _match_measures, _reference_rewriter
from .compare_model import (
    ArchetypeStatus,
    CodeRef,
    CompareOptions,
    Comparison,
    FootnoteDiff,
    MeasureChange,
    MeasureMatch,
    MeasureRef,
    ParagraphDiff,
    QualifierChange,
    StatusChange,
    TextDiff,
    WordOp,
)
from .compare_textdiff import normalise, same_text, similarity, word_diff
from .models import Code, Measure, ServiceProfile

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
