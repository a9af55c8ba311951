"""``table_finder.intersections_to_cells`` gives pdfplumber's cells, in pdfplumber's order.

The index reader's table finder searches cells without pdfplumber's quadratic scans
(``analyser/table_finder.py``). Checked on real documents (the intersections of every table the index
reader looks for in the corpus, ruled and unruled, and in a scaled sample with a long unruled index)
and on random grids of edges, where points share coordinates, edges stop short and overlap.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pdfplumber.table as plumber_table
from hypothesis import given, settings
from hypothesis import strategies as st

from analyser import table_finder
from conftest import FIXTURES, ROOT, require
from index_reading import read_index_of


def _cells_both_ways(path: Path, monkeypatch, use_pdfium: bool) -> list[tuple[list, list]]:
    """(our cells, pdfplumber's cells) for every set of intersections the index reader's finder made."""
    pairs: list[tuple[list, list]] = []
    real = table_finder.intersections_to_cells

    def spy(intersections):
        got = real(intersections)
        pairs.append((got, plumber_table.intersections_to_cells(intersections)))
        return got

    monkeypatch.setattr(table_finder, "intersections_to_cells", spy)
    read_index_of(path, use_pdfium)
    return pairs


def test_every_index_page_of_the_corpus_gives_pdfplumbers_cells(monkeypatch) -> None:
    compared = cells = 0
    for path in sorted(FIXTURES.rglob("*.pdf")) + sorted((ROOT / "bench" / "heldout").rglob("*.pdf")):
        for use_pdfium in (True, False) if path.parent == FIXTURES else (True,):
            for got, expected in _cells_both_ways(path, monkeypatch, use_pdfium):
                assert got == expected, (path.name, use_pdfium)
                compared += 1
                cells += len(expected)
    assert compared >= 60 and cells >= 2000, (compared, cells)


def test_a_long_unruled_index_gives_pdfplumbers_cells(tmp_path, monkeypatch) -> None:
    require("fonts-dejavu-core")  # make_scaled draws with DejaVu
    sys.path.insert(0, str(ROOT / "bench"))
    from make_scaled import make_scaled

    pairs = _cells_both_ways(make_scaled(3, tmp_path / "x3.pdf"), monkeypatch, use_pdfium=True)
    assert len(pairs) >= 5 and sum(len(e) for _, e in pairs) >= 300
    for got, expected in pairs:
        assert got == expected


_coord = st.sampled_from([0.0, -0.0, 1, 1.0, 2.5, 3.0, 4.0, 7.25, 10.0])


def _edge(orientation: str):
    def make(a: float, b: float, at: float) -> dict:
        lo, hi = min(a, b), max(a, b)
        if orientation == "h":
            return {"x0": lo, "x1": hi, "top": at, "bottom": at, "orientation": "h"}
        return {"x0": at, "x1": at, "top": lo, "bottom": hi, "orientation": "v"}

    return st.builds(make, _coord, _coord, _coord)


@settings(max_examples=300, deadline=None)
@given(st.lists(_edge("h"), max_size=12), st.lists(_edge("v"), max_size=12),
       st.sampled_from([0, 1, 3]))
def test_random_grids_give_pdfplumbers_cells(h_edges, v_edges, tolerance) -> None:
    intersections = plumber_table.edges_to_intersections(h_edges + v_edges, tolerance, tolerance)
    assert table_finder.intersections_to_cells(intersections) == plumber_table.intersections_to_cells(intersections)


def test_a_nan_point_opens_no_cell_as_in_pdfplumber() -> None:
    nan = float("nan")
    h = [{"x0": 0.0, "x1": 5.0, "top": t, "bottom": t, "orientation": "h"} for t in (0.0, 5.0)]
    v = [{"x0": x, "x1": x, "top": 0.0, "bottom": 5.0, "orientation": "v"} for x in (0.0, 5.0)]
    intersections = plumber_table.edges_to_intersections(h + v, 1, 1)
    intersections[(nan, 0.0)] = {"v": [v[0]], "h": [h[0]]}
    assert table_finder.intersections_to_cells(intersections) == plumber_table.intersections_to_cells(intersections)


def test_the_finders_tables_are_pdfplumbers() -> None:
    import pdfplumber

    from analyser import index_table

    with pdfplumber.open(FIXTURES / "icu_sample.pdf") as pdf:
        for page in pdf.pages[:4]:
            for tset in (index_table._LINES, {"vertical_strategy": "text", "horizontal_strategy": "text"}):
                ours = [t.extract() for t in table_finder.find_tables(page, tset)]
                assert ours == [t.extract() for t in page.find_tables(tset)]
                mine, theirs = table_finder.find_table(page, tset), page.find_table(tset)
                assert (mine and mine.bbox) == (theirs and theirs.bbox)
