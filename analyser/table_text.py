"""pdfplumber's ``extract_table``/``extract_tables``, with each row's chars found by bisection.

Why: pdfplumber's ``Table.extract`` tests every char of the page against every row's box (a
Python call per char per row), so a page of an index table with ``r`` rows and ``c`` chars costs
``r * c`` tests: on the scaled sample's index pages (about 35 rows, 3,000 chars) that was about
100,000 calls a page, a quarter of a whole extraction's CPU (bench/RESULTS.md, "Per-page cost at
879 pages"). Here each char's centre is computed once, the chars are sorted by it, and a row takes
the run of chars whose vertical centre falls in it by bisection, then keeps, in the page's order,
those whose horizontal centre falls in it too. The tests are pdfplumber's own (``v_mid >= top``,
``v_mid < bottom``, ``h_mid >= x0``, ``h_mid < x1``, the same float arithmetic), and the chars of a
row and of a cell keep pdfplumber's order, so every cell's text is the same string
(tests/test_table_text.py compares the two over every index page of the corpus).

The table finder itself (edges, intersections, cells) is pdfplumber's, called as pdfplumber calls it,
with its cell search done without quadratic scans (``table_finder``, the same cells).
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from pdfplumber import utils
from pdfplumber.table import Table, TableSettings
from pdfplumber.utils.text import DEFAULT_X_TOLERANCE, DEFAULT_Y_TOLERANCE

from .table_finder import find_table, find_tables

__all__ = ["extract_table", "extract_tables", "table_cells"]


def extract_tables(page, settings: dict[str, Any]) -> list[list[list[str | None]]]:
    """``page.extract_tables(settings)``."""
    tset = TableSettings.resolve(settings)
    return [table_cells(t, **(tset.text_settings or {})) for t in find_tables(page, tset)]


def extract_table(page, settings: dict[str, Any], words: list[dict] | None = None) -> list[list[str | None]] | None:
    """``page.extract_table(settings)``: the largest table found, or None.

    ``words``: ``page.extract_words()`` (pdfplumber's default tolerances), already made by the
    caller; the text strategy's finder then uses them instead of extracting the same words again
    (its default text settings are those tolerances: ``TableSettings``' ``text_x_tolerance`` and
    ``text_y_tolerance``, 3 and 3, the defaults of ``extract_words``)."""
    tset = TableSettings.resolve(settings)
    if words is not None and tset.text_settings == _DEFAULT_WORDS:
        page.extract_words = lambda **kw: words if kw == _DEFAULT_WORDS else type(page).extract_words(page, **kw)
    try:
        table = find_table(page, tset)
    finally:
        page.__dict__.pop("extract_words", None)
    return None if table is None else table_cells(table, **(tset.text_settings or {}))


_DEFAULT_WORDS = {"x_tolerance": DEFAULT_X_TOLERANCE, "y_tolerance": DEFAULT_Y_TOLERANCE}


def table_cells(table: Table, **kwargs: Any) -> list[list[str | None]]:
    """``table.extract(**kwargs)``: each cell's text (None for a cell another spans, "" for an empty one)."""
    chars = table.page.chars
    v_mid = [(c["top"] + c["bottom"]) / 2 for c in chars]
    h_mid = [(c["x0"] + c["x1"]) / 2 for c in chars]
    # a NaN centre is in no row (every comparison with it is false), and would break the sort
    by_v = sorted((i for i, v in enumerate(v_mid) if v == v), key=v_mid.__getitem__)
    v_sorted = [v_mid[i] for i in by_v]
    out: list[list[str | None]] = []
    for row in table.rows:
        x0, top, x1, bottom = row.bbox
        # v_mid >= top and v_mid < bottom: a slice of the sorted centres
        run = by_v[bisect_left(v_sorted, top):bisect_left(v_sorted, bottom)]
        row_idx = sorted(i for i in run if x0 <= h_mid[i] < x1)  # back in the page's order
        arr: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                arr.append(None)
                continue
            cx0, ctop, cx1, cbottom = cell
            cell_chars = [chars[i] for i in row_idx if cx0 <= h_mid[i] < cx1 and ctop <= v_mid[i] < cbottom]
            if not cell_chars:
                arr.append("")
                continue
            if "layout" in kwargs:  # as pdfplumber does: the layout's frame is the cell
                kwargs["layout_width"] = cell[2] - cell[0]
                kwargs["layout_height"] = cell[3] - cell[1]
                kwargs["layout_bbox"] = cell
            arr.append(utils.extract_text(cell_chars, **kwargs))
        out.append(arr)
    return out
