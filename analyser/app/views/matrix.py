"""The Matrix view: every measure against every built-in service archetype, filterable by
chapter, qualifier category and status; a selected cell is explained below the grid."""

from __future__ import annotations

import streamlit as st

from analyser.statuses import STATUS_WORDS, status_label

from ..common import Ctx, explain_status, measure_label, status_cell_style, status_legend
from ..grids import MATRIX_TITLE_PX, wrapped
from ..services import archetype_titles, archetypes, matrix


# Glide's data grid draws headers in 14 px Source Sans with 8 px of padding each side and cuts a
# title that does not fit ("Large end-to-e"). A column is made as wide as its title at a generous
# 7.5 px a character (the browser test measures the real text against this); the grid scrolls
# sideways when the columns together are wider than the page, which cuts nothing.
HEADER_PX_PER_CHAR = 7.5
HEADER_PADDING_PX = 28


def header_width(title: str) -> int:
    """Pixels for a grid column whose header is ``title``, shown whole."""
    return int(len(title) * HEADER_PX_PER_CHAR + HEADER_PADDING_PX)


def view_matrix(ctx: Ctx) -> None:
    import pandas as pd  # on demand: the first page (Overview) does without it
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
        cells = {key: grid[key].get(m.id) for key in types}
        if f_st and not any(c and c.status in f_st for c in cells.values()):
            continue
        row = {"measure": m.id, "title": m.title}
        for key, c in cells.items():
            row[titles.get(key, key)] = status_label(c.status) if c else "?"  # mark + word: not colour alone
        rows.append(row)
        ids.append(m.id)
    st.caption(f"{len(rows):,} of {len(code.measures):,} measures. Select a cell to see why.")
    status_legend()
    if not rows:
        st.info("No measure matches these filters.")
        return
    df = pd.DataFrame(rows)
    styled = df.style.map(status_cell_style, subset=[titles.get(k, k) for k in types])
    st.session_state["_mx_ids"] = ids
    config = {"measure": st.column_config.TextColumn(width="small", pinned=True)}
    config.update({titles.get(k, k): st.column_config.TextColumn(width=max(header_width(titles.get(k, k)), 110))
                   for k in types})
    # Titles wrap in rows tall enough for the longest (grids.py): none is cut with an ellipsis.
    st.dataframe(styled, hide_index=True, width="stretch", key="mx_grid", on_select=_matrix_cell_picked,
                 selection_mode="single-cell",
                 **wrapped(rows, {"title": MATRIX_TITLE_PX}, config, details="pick its cell to read it whole below"))
    st.header("Why this status?")
    a, b = st.columns(2)
    if st.session_state.get("mx_measure") not in ids:
        st.session_state["mx_measure"] = ids[0]
    mid = a.selectbox("Measure", ids, key="mx_measure", format_func=lambda i: measure_label(code, i))
    arch = b.selectbox("Archetype", list(types), key="mx_arch", format_func=lambda k: titles.get(k, k))
    explain_status(code, grid[arch].get(mid), titles.get(arch, arch))


def _matrix_cell_picked() -> None:
    """Dataframe callback: a selected cell drives the measure and archetype pickers below it."""
    event = st.session_state.get("mx_grid")
    cells = getattr(getattr(event, "selection", None), "cells", None) or []
    if not cells:
        return
    row, col = cells[0]
    ids = st.session_state.get("_mx_ids", [])
    by_title = {title: key for key, title in archetype_titles().items()}
    key = by_title.get(col, col)
    if 0 <= row < len(ids) and key in archetypes(st.session_state.get("_family", "ofcom-osa")):
        st.session_state["mx_measure"], st.session_state["mx_arch"] = ids[row], key
