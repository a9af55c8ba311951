"""What several views share: the view context, the error guard, labels, the status colours,
banners, the status legend and the explanation of one status. Presentation only."""

from __future__ import annotations

import functools
import traceback
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from analyser import highlight
from analyser.errors import AnalyserError
from analyser.export import SAMPLE_LABEL
from analyser.export import md_escape as md  # document text in Markdown shows as written
from analyser.models import Code, Measure, MeasureStatus
from analyser.notes import NotesStore
from analyser.scope import is_scope_key
from analyser.search import citation
from analyser.statuses import STATUS_WORDS, atom_words, legend_lines, reason_words, scope_words, status_words

from .documents import Doc, is_sample
from .services import notes_store
from .state import go_to_measure

__all__ = ["md", "SAMPLE_LABEL"]  # re-exported for the views


@dataclass
class Ctx:
    """What every view needs: the document, its analysis, and (opened on first use) the notes."""

    doc: Doc
    code: Code
    sha: str
    app_dir: Path  # the folder of app.py, whose static/ Streamlit serves

    @functools.cached_property
    def notes(self) -> NotesStore:
        # Opened lazily: a notes database that cannot be read breaks the notes, not every view.
        return notes_store()


def guarded(view, *args) -> None:
    """Run one view; turn any error into a short message with the details folded away."""
    try:
        view(*args)
    except AnalyserError as err:
        st.error(str(err))
    except Exception as err:  # noqa: BLE001 - the whole point: no traceback reaches the user
        st.error(f"Sorry, this view hit a problem it did not expect ({type(err).__name__}: {err}). "
                 "The other views still work.")
        with st.expander("Details (for a bug report)"):
            st.text(traceback.format_exc())


def measure_label(code: Code, mid: str) -> str:
    m = code.measure(mid)
    return f"{mid} — {m.title}" if m else mid


def measure_for_target(code: Code, target: str) -> str | None:
    """A cross-reference target ("ICU C1" or paragraph "D2.4") -> the measure ID to open."""
    hit = code.resolve(target)
    return hit[0].id if hit else None


def sample_banner(doc: Doc, code: Code) -> None:
    if is_sample(doc, code):
        st.warning(f"**{SAMPLE_LABEL}.** This document was written for this project in the style "
                   "of an Ofcom code; never cite it as Ofcom's text.", icon=":material/science:")


def damage_banner(code: Code) -> None:
    """Signs that text was lost, counted and shown above everything else (routine warnings stay in
    the Overview's expander)."""
    hurt = [w for w in code.warnings if w.severity == "damage"]
    if hurt:
        more = f" (and {len(hurt) - 1} more, listed first under Parser warnings)" if len(hurt) > 1 else ""
        st.error(f"**{len(hurt):,} sign{'s' if len(hurt) > 1 else ''} of damage: text may be missing.** "
                 f"{md(hurt[0].message)}" + (f" (p. {hurt[0].page})" if hurt[0].page else "") + more)


def status_chip(status: str) -> str:
    """A status as a chip: its mark and word on its fill, with an edge at 3:1 on the page."""
    w = status_words(status)
    return (f'<span class="chip status-chip" style="background:{w.colour or "transparent"};'
            f'border:2px solid {w.edge}">{highlight.render(f"{w.mark} {w.label}", [])}</span>')


def status_legend() -> None:
    """What each status means, wherever statuses are shown, with the chip (colour, mark, word)
    that stands for it (from analyser/statuses.py, so a new status appears here without touching
    this file)."""
    lines = legend_lines()
    st.markdown('<div class="legend"><b>Statuses</b><br>' + "<br>".join(
        f"{status_chip(key)}: {highlight.render(line.split(': ', 1)[1], [])}"
        for key, line in zip(STATUS_WORDS, lines)) + "</div>", unsafe_allow_html=True)


def condition_words(measure: Measure) -> str:
    app = measure.applicability
    if not app or not app.condition:
        return ""
    try:
        from analyser.conditions import describe

        return describe(app.condition)
    except Exception:  # noqa: BLE001 - a description is a nicety; the wording is shown anyway
        return ""


def explain_status(code: Code, status: MeasureStatus | None, service_name: str) -> None:
    """One measure's status for one service: its reason, the conditions behind it, what lets the
    service out, and the application text (the Matrix and the Service profile views)."""
    if status is None:
        st.info("No status for this pair.")
        return
    m = code.measure(status.measure)
    words = status_words(status.status)
    st.markdown(f"**{md(status.measure)}: {md(status.status)}** — it "
                f"{words.phrase} {md(service_name)}. *{md(reason_words(status.status, status.reason))}*")
    if status.atoms:
        rows = [{"condition": atom_words(a.atom),
                 "holds": "cannot be decided" if a.value is None else "yes" if a.value else "no",
                 "because": a.explanation} for a in status.atoms]
        # An HTML table, not a data grid: a few rows whose sentences wrap whole at any width (no
        # list needed on a narrow page), and the Matrix's first visit draws no grid at all.
        st.markdown(highlight.table_html(list(rows[0]), [list(r.values()) for r in rows],
                                         css_class="cop-table cop-conditions"), unsafe_allow_html=True)
    if status.qualifiers:
        named = [f"content scope: {md(scope_words(q))}" if is_scope_key(m, q) else f"“{md(q)}”"
                 for q in status.qualifiers]
        st.markdown("What lets it out: " + ", ".join(named))
    for part in status.conditional:
        st.markdown(f"- Conditional part: {md(part)}")
    if m and m.application:
        st.caption(f"Application text ({citation(m.id, (m.application_paragraphs or [None])[0], m.page_start)}): "
                   f"{md(m.application)}")
    if m:
        st.button(f"Open {m.id}", key=f"explain_open_{m.id}", on_click=go_to_measure, args=(m.id,))
