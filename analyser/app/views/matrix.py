"""The Matrix view: every measure against every built-in service archetype, filterable by
chapter, qualifier category and status; a measure and an archetype picked under the table are
explained there.

The matrix is an HTML table (``matrix_html``), not Streamlit's data grid. Why: its first visit
was over a second in the browser (issue 14, item 7: under 1 s), and what was left was the
browser's own work on the grid (compiling its half-megabyte module, its styles and its React
tree the first time one is drawn; bench/RESULTS.md, seventh pass), not the app's Python. A table
of 42 x 9 cells costs the browser little, shows every title and header whole (they wrap), is
read by a screen reader as a table (row and column headers), and scrolls sideways inside a
focusable region that the keyboard can scroll. What the grid did and the table does not: pick
a cell to have it explained; the Measure and Archetype pickers under the table do that.
"""

from __future__ import annotations

import functools
from typing import Sequence

import streamlit as st

from analyser import highlight
from analyser.statuses import STATUS_WORDS, status_words

from ..common import Ctx, explain_status, measure_label, status_legend
from ..services import archetype_titles, archetypes, matrix

NO_STATUS = "no status"


def _escaped(text: str) -> str:
    """Document text, escaped (it is untrusted: a code's title may hold markup)."""
    return highlight.render(str(text), [])


@functools.lru_cache(maxsize=1)
def _status_style() -> str:
    """The status chips' fills and edges, by class, from analyser/palette.py (one rule each,
    rather than the same style written into every cell)."""
    rules = [f".cop-matrix .mx-{i} {{background:{w.colour or 'transparent'};border:2px solid {w.edge}}}"
             for i, w in enumerate(STATUS_WORDS.values())]
    return "<style>" + "".join(rules) + "</style>"


def _cell(status: str | None) -> str:
    if status is None:
        return f"<td>{NO_STATUS}</td>"
    w = status_words(status)
    index = list(STATUS_WORDS).index(status) if status in STATUS_WORDS else None
    # Mark and word, never colour alone; the fill and edge are the status's (palette.py).
    style = "" if index is not None else f' style="border:2px solid {w.edge}"'
    cls = f"chip status-chip mx-{index}" if index is not None else "chip status-chip"
    return f'<td><span class="{cls}"{style}>{_escaped(f"{w.mark} {w.label}")}</span></td>'


def matrix_html(rows: Sequence[tuple[str, str, Sequence[str | None]]], columns: Sequence[str]) -> str:
    """The matrix as one HTML table: a row per measure (its ID as the row's header, its title,
    then its status for each archetype in ``columns``), every text escaped. In a region that
    scrolls sideways when the table is wider than the page, focusable so that the keyboard can
    scroll it (WCAG 2.1.1; axe's scrollable-region-focusable)."""
    head = "".join(f'<th scope="col" class="arch">{_escaped(c)}</th>' for c in columns)
    body = "".join(f'<tr><th scope="row">{_escaped(mid)}</th><td class="title">{_escaped(title)}</td>'
                   + "".join(_cell(s) for s in statuses) + "</tr>"
                   for mid, title, statuses in rows)
    label = f"Matrix: {len(rows):,} measures by {len(columns):,} service archetypes (scrolls sideways)"
    # One line, starting with a <div>: Markdown takes it as one HTML block and leaves it as written.
    return (f'<div class="cop-matrix-scroll" role="region" tabindex="0" aria-label="{label}">'
            f'<table class="cop-matrix"><thead><tr><th scope="col">Measure</th><th scope="col">Title</th>{head}'
            f"</tr></thead><tbody>{body}</tbody></table>{_status_style()}</div>")


def view_matrix(ctx: Ctx) -> None:
    code = ctx.code
    st.title("Matrix: measures × service archetypes")
    types = archetypes(code.info.family)
    if not types:
        st.info(f"No built-in service archetypes describe codes of this family ({code.info.family}), so there is "
                "no matrix to show: Ofcom's archetypes would give meaningless statuses here. Describe a service "
                "in the Service profile view to see which measures apply to it.")
        return
    grid = matrix(code)
    titles = archetype_titles()
    chapters = sorted({m.chapter for m in code.measures if m.chapter})
    categories = sorted({q.category for m in code.measures for q in m.qualifiers})
    c1, c2, c3 = st.columns(3)
    f_ch = c1.multiselect("Chapter", chapters, key="mx_chapters")
    f_cat = c2.multiselect("Qualifier category", categories, key="mx_categories")
    f_st = c3.multiselect("Status (in any archetype)", list(STATUS_WORDS), key="mx_statuses")
    rows, ids = [], []
    for m in code.measures:
        if f_ch and m.chapter not in f_ch:
            continue
        if f_cat and not any(q.category in f_cat for q in m.qualifiers):
            continue
        cells = [grid[key].get(m.id) for key in types]
        if f_st and not any(c and c.status in f_st for c in cells):
            continue
        rows.append((m.id, m.title, [c.status if c else None for c in cells]))
        ids.append(m.id)
    st.caption(f"{len(rows):,} of {len(code.measures):,} measures. Pick a measure and an archetype under "
               "“Why this status?” to see why.")
    status_legend()
    if not rows:
        st.info("No measure matches these filters.")
        return
    st.markdown(matrix_html(rows, [titles.get(k, k) for k in types]), unsafe_allow_html=True)
    st.header("Why this status?")
    a, b = st.columns(2)
    if st.session_state.get("mx_measure") not in ids:
        st.session_state["mx_measure"] = ids[0]
    mid = a.selectbox("Measure", ids, key="mx_measure", format_func=lambda i: measure_label(code, i))
    arch = b.selectbox("Archetype", list(types), key="mx_arch", format_func=lambda k: titles.get(k, k))
    explain_status(code, grid[arch].get(mid), titles.get(arch, arch))
