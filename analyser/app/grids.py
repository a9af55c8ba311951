"""Data grids that show their whole text: the columns that hold sentences (titles, reasons,
conditions) get a width and the grid a row height at which every cell's text wraps onto lines
that fit, so nothing is cut with an ellipsis and no one has to widen a column to read it.

Why here: Streamlit's data grid draws each cell on a canvas on one line, cut to the column
(issue 14: "Large end-to-e", reasons ending in "…"). It wraps a cell's text only when the row is
taller than 4 rem (64 px), and every row of a grid has one height, so the height is worked out
from the longest text the grid holds, at the narrowest the column can be: the width set here
(on a wide page Streamlit stretches columns, never narrows them). The sizes are estimates of
the grid's 14 px Source Sans, on the generous side; tests/test_app_grids.py measures the real
text in Chromium against them.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Iterable, Mapping, Sequence

import streamlit as st

from analyser import highlight

# The grid's body text: 14 px Source Sans. The widest average a character reaches over the
# sample's titles and reasons is 6.6 px (measured in Chromium); 7 leaves room for the rest.
CHAR_PX = 7.0
CELL_PADDING_PX = 16  # 8 px each side (glide's cell padding in Streamlit's theme)
# Glide draws wrapped lines 1.4 text heights apart (13 px text: 18.2 px), with 3 px of padding;
# 19 px a line plus 8 px is a little more than it needs.
LINE_PX = 19
ROW_EXTRA_PX = 8
WRAP_MIN_ROW_PX = 65  # Streamlit wraps only in rows taller than 4 rem (64 px)
MAX_LINES = 12  # beyond this a row would fill the screen: the text is cut and the view says so
HEADER_PX = 38  # the grid's header row (35 px) and its borders
MAX_GRID_PX = 720  # a grid of tall rows scrolls inside this height rather than the page

# Column widths (px) for the kinds of text the app's grids hold. A status tab's grid (a row
# checkbox 35, measure 75, title, status 90, reason) fits the 820 px of the main area at 1280 px,
# so that no one scrolls sideways to read a reason; the Matrix scrolls sideways anyway (one
# column per archetype), and a wider title there keeps its rows low.
TITLE_PX = 200
MATRIX_TITLE_PX = 360
STATUS_PX = 90
REASON_PX = 400
CONDITION_PX = 280
# The Notes, Compare and Export views' grids: an officer's note (any length, line breaks kept),
# the author's name, a document's file name, a phrase of the code, what a change amounts to.
NOTE_PX = 400
AUTHOR_PX = 140
DOCUMENT_PX = 220
PHRASE_PX = 240

# Key prefixes of two containers that hold the same rows, a grid and a list: app.css shows the
# grid ("wide_...") on a page wider than 640 px and the list ("narrow_...") on a narrower one,
# where a grid of sentence columns is wider than the page and would scroll sideways (WCAG 2.2
# reflow, 1.4.10). Streamlit gives a keyed container the class "st-key-<key>".
WIDE = "wide_"
NARROW = "narrow_"


def lines_needed(text: str, width_px: int) -> int:
    """Lines ``text`` takes when wrapped at word boundaries in a column ``width_px`` wide (a word
    longer than a line is broken, as the grid does; a line break in the text, as an officer's
    note may hold, starts a new line)."""
    per_line = max(1, int((width_px - CELL_PADDING_PX) // CHAR_PX))
    total = 0
    for part in str(text).split("\n"):
        lines, used = 1, 0
        for word in part.split():
            size = len(word)
            if used and used + 1 + size <= per_line:
                used += 1 + size
                continue
            if used:
                lines += 1
            lines += max(0, math.ceil(size / per_line) - 1)
            used = size - (math.ceil(size / per_line) - 1) * per_line
        total += lines
    return total


def row_height(rows: Iterable[Mapping[str, Any]], widths: Mapping[str, int]) -> tuple[int | None, bool]:
    """(row height in px, or None when every text fits on one line; whether some text needs
    more than ``MAX_LINES`` and is cut anyway) for ``rows`` whose ``widths`` columns wrap."""
    most = 1
    for row in rows:
        for column, width in widths.items():
            most = max(most, lines_needed(row.get(column) or "", width))
    if most == 1:
        return None, False
    shown = min(most, MAX_LINES)
    return max(WRAP_MIN_ROW_PX, LINE_PX * shown + ROW_EXTRA_PX), most > MAX_LINES


def wrapped(rows: list[Mapping[str, Any]], widths: Mapping[str, int],
            config: Mapping[str, Any] | None = None, details: str = "") -> dict[str, Any]:
    """Keyword arguments for ``st.dataframe`` over ``rows``: ``widths`` (column -> px) for the
    columns that hold sentences, the row height at which they all show whole, and ``config``
    for the other columns. When some text is too long even so, a line above the grid says so
    (and where to read it whole: ``details``)."""
    column_config = dict(config or {})
    for column, width in widths.items():
        column_config[column] = st.column_config.TextColumn(width=width)
    height, cut = row_height(rows, widths)
    if cut:
        st.caption(f"Some text in this table is longer than {MAX_LINES} lines and is cut"
                   + (f": {details}." if details else "."))
    if height is None:
        return {"column_config": column_config}
    return {"column_config": column_config, "row_height": height, "height": grid_height(len(rows), height)}


def grid_height(rows: int, row_px: int) -> int:
    """The grid's height for ``rows`` rows of ``row_px``: all of them, ten at most (as Streamlit
    shows by default), and no more than ``MAX_GRID_PX`` unless one row needs it. Streamlit's
    own default assumes one-line rows, and showed five and a half wrapped rows of the Matrix."""
    rows_px = min(rows, 10) * row_px
    return HEADER_PX + max(row_px, min(rows_px, MAX_GRID_PX - HEADER_PX))


def rows_list(rows: Iterable[Mapping[str, Any]], head: Sequence[str]) -> str:
    """``rows`` as a list (HTML) for a narrow page: each row's ``head`` columns on one line, then
    every other column that has text as "column: text", whole (escaped, line breaks kept)."""
    def text(value: Any) -> str:
        return "" if value is None else str(value).strip()

    items = []
    for row in rows:
        top = " · ".join(text(row.get(c)) for c in head if text(row.get(c)))
        body = "".join(f'<div class="para"><b>{highlight.render(str(c), [])}:</b> {highlight.render(text(v), [])}</div>'
                       for c, v in row.items() if c not in head and text(v))
        items.append(f'<li><div class="note-meta">{highlight.render(top, [])}</div>{body}</li>')
    return f'<ul class="note-list">{"".join(items)}</ul>'


def grid_or_list(key: str, rows: list[Mapping[str, Any]], head: Sequence[str], draw_grid: Callable[[], Any]) -> Any:
    """Draw a grid (``draw_grid()``, whose result is returned) for a page wider than 640 px, and
    the same ``rows`` as a list (``rows_list``) for a narrower one, where the grid's sentence
    columns are wider than the page and it would scroll sideways (WCAG 2.2, 1.4.10); app.css shows
    one of the two. ``key`` is unique within the page."""
    with st.container(key=f"{WIDE}{key}"):
        drawn = draw_grid()
    with st.container(key=f"{NARROW}{key}"):
        st.markdown(rows_list(rows, head), unsafe_allow_html=True)
    return drawn
