"""``table_text.table_cells`` gives pdfplumber's ``Table.extract`` cell for cell.

The index reader finds each row's chars by bisection instead of pdfplumber's test of every char
against every row (``analyser/table_text.py``). Checked on real documents: every table the index
reader extracts from the corpus (ruled and unruled, from PDFium's objects and from pdfminer's) and
from a scaled sample with a long unruled index, each compared with what pdfplumber's own
``Table.extract`` gives for the same table.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pdfplumber
import pytest

from analyser import index_table, table_text
from conftest import FIXTURES, ROOT, require
from index_reading import read_index_of


def _corpus() -> list[Path]:
    """Every PDF with an index table (the GPAI chapter has none; codes/sample repeats the fixtures)."""
    return sorted(FIXTURES.rglob("*.pdf")) + sorted((ROOT / "bench" / "heldout").rglob("*.pdf"))


def _tables_both_ways(path: Path, monkeypatch, use_pdfium: bool) -> list[tuple[list, list]]:
    """(cells from ``table_cells``, cells from pdfplumber) for every table the index reader extracts."""
    pairs: list[tuple[list, list]] = []
    real = table_text.table_cells

    def spy(table, **kwargs):
        got = real(table, **kwargs)
        pairs.append((got, table.extract(**kwargs)))
        return got

    monkeypatch.setattr(table_text, "table_cells", spy)
    read_index_of(path, use_pdfium)
    return pairs


def test_every_index_table_of_the_corpus_reads_as_pdfplumber_reads_it(monkeypatch) -> None:
    compared = rows = 0
    for path in _corpus():
        # pdfminer's objects too where the tables are ruled (the LibreOffice samples): the unruled
        # pages' twin-or-pdfminer choice is test_index_unruled's, and every page read twice is slow
        for use_pdfium in (True, False) if path.parent == FIXTURES else (True,):
            for got, expected in _tables_both_ways(path, monkeypatch, use_pdfium):
                assert got == expected, (path.name, use_pdfium)
                compared += 1
                rows += len(expected)
    # the corpus's index pages: ruled tables (the LibreOffice samples) and unruled ones, both readers
    assert compared >= 60 and rows >= 900, (compared, rows)


def test_a_long_unruled_index_reads_as_pdfplumber_reads_it(tmp_path, monkeypatch) -> None:
    require("fonts-dejavu-core")  # make_scaled draws with DejaVu
    sys.path.insert(0, str(ROOT / "bench"))
    from make_scaled import make_scaled

    pdf = make_scaled(3, tmp_path / "x3.pdf")  # 126 measures, an unruled index over several pages
    pairs = _tables_both_ways(pdf, monkeypatch, use_pdfium=True)
    assert len(pairs) >= 5
    for got, expected in pairs:
        assert got == expected
    assert sum(len(t) for t, _ in pairs) >= 126


@pytest.mark.parametrize("settings", [index_table._LINES, {"vertical_strategy": "text", "horizontal_strategy": "text"}])
def test_the_page_level_calls_match_pdfplumbers(settings) -> None:
    # ruled tables in the sample's index, and the text strategy over a whole page of body text
    with pdfplumber.open(FIXTURES / "icu_sample.pdf") as pdf:
        for page in pdf.pages[:4]:
            assert table_text.extract_tables(page, settings) == page.extract_tables(settings)
            assert table_text.extract_table(page, settings) == page.extract_table(settings)


def test_words_made_once_give_the_finders_table(tmp_path) -> None:
    # the unruled index's call: explicit columns, rows from the text, the words handed over
    require("fonts-dejavu-core")  # make_scaled draws with DejaVu
    sys.path.insert(0, str(ROOT / "bench"))
    from make_scaled import make_scaled

    pdf = make_scaled(2, tmp_path / "x2.pdf")
    checked = 0
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages[:8]:
            words = page.extract_words()
            if not words:
                continue
            settings = {"vertical_strategy": "explicit", "horizontal_strategy": "text",
                        "explicit_vertical_lines": [60, 140, 400, max(w["x1"] for w in words) + 1]}
            got = table_text.extract_table(page, settings, words=words)
            assert got == page.extract_table(settings)
            assert "extract_words" not in page.__dict__  # the page is left as it was
            checked += bool(got)
    assert checked >= 4
