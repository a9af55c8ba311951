"""The two character readers (PDFium, the default, and pdfminer through pdfplumber, the reference)
give the same analysis on every document of the corpus.

``analyser/pdfium_chars.py`` rebuilds pdfminer's character records from PDFium; these tests hold it
to the whole extraction (measures, paragraphs with their sub-items and footnote marks, footnotes,
cross-references, the index table, warnings), not to the char records, which differ in ways
the line builder does not see (see ``test_documented_differences``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analyser.extract import extract_code
from analyser.pdftext import _page_items, default_reader, read_text

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
GPAI = ROOT.parent / "shared" / "corpus" / "eu-gpai-safety-security.pdf"
CORPUS = sorted(FIXTURES.rglob("*.pdf")) + [GPAI]


def _analysis(pdf: Path, reader: str) -> dict:
    d = extract_code(pdf, reader=reader).to_dict()
    d["code"].pop("analyser_version", None)
    return d


@pytest.mark.parametrize("pdf", CORPUS, ids=lambda p: p.name)
def test_both_readers_extract_the_same_code(pdf: Path) -> None:
    if not pdf.exists():
        pytest.skip(f"{pdf} not on this machine (../shared/corpus)")
    reference = _analysis(pdf, "pdfplumber")
    fast = _analysis(pdf, "pdfium")
    assert reference["measures"], "the corpus document yields measures"
    assert [m["id"] for m in fast["measures"]] == [m["id"] for m in reference["measures"]]
    for a, b in zip(fast["measures"], reference["measures"]):
        assert a == b, a["id"]
    assert fast == reference


def test_the_default_reader_is_pdfium_and_the_environment_can_choose(monkeypatch) -> None:
    monkeypatch.delenv("ANALYSER_READER", raising=False)
    assert default_reader() == "pdfium"
    monkeypatch.setenv("ANALYSER_READER", "pdfplumber")
    assert default_reader() == "pdfplumber"
    monkeypatch.setenv("ANALYSER_READER", "nonsense")
    assert default_reader() == "pdfium"


def test_an_unknown_reader_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown reader"):
        extract_code(FIXTURES / "icu_sample.pdf", reader="tesseract")


def test_documented_differences() -> None:
    """What differs below the line builder, as docs/architecture.md says: PDFium names fonts without
    the subset tag ("BAAAAA+"), a ligature glyph comes as its letters, and PDFium's advance widths
    can differ from pdfminer's by a fraction of a point; the cleaned lines' text is the same."""
    import pdfplumber

    from analyser import pdfium_chars

    pdf_path = FIXTURES / "icu_sample.pdf"
    with pdfplumber.open(pdf_path) as pdf:
        ref = _page_items(pdf.pages[10])[0]
    doc = pdfium_chars.open_document(str(pdf_path))
    try:
        page = doc[10]
        fast = pdfium_chars.page_items(page, pdfium_chars.page_height(page))[0]
    finally:
        doc.close()
    assert "".join(c[0] for c in fast) == "".join(c[0] for c in ref)
    assert {c[6].split("+")[-1] for c in ref} == {c[6] for c in fast}
    assert max(abs(a[i] - b[i]) for a, b in zip(ref, fast) for i in (1, 3, 4, 5)) < 0.3
    lines = {r: [ln.text for ln in read_text(pdf_path, reader=r).lines] for r in ("pdfium", "pdfplumber")}
    assert lines["pdfium"] == lines["pdfplumber"]


@pytest.mark.parametrize("name", ["icu_sample.pdf", "pcu_sample.pdf", "ics_sample.pdf",
                                  "layouts/index_tables_and_boxes/holdout10_icu_docx.pdf"])
def test_the_index_table_finder_reads_the_same_tables_from_pdfium_objects(name: str) -> None:
    """pdfplumber's ruled-table finder gives the same tables on a page whose objects PDFium read
    (``index_table._pdfium_twin``) as on pdfminer's parse of it, on every page of these documents."""
    import pdfplumber

    from analyser import pdfium_chars
    from analyser.index_table import _LINES, _pdfium_twin
    from analyser.line_end_glyph import marks_are_hyphens

    pdf_path = FIXTURES / name
    fast = pdfium_chars.open_document(str(pdf_path))
    try:
        with pdfplumber.open(pdf_path) as pdf:
            twins = decided = 0
            for pno, page in enumerate(pdf.pages, start=1):
                twin = _pdfium_twin(page, fast, pno)
                if twin is None:
                    continue
                twins += 1
                fast_tables = twin.extract_tables(_LINES)
                if any(pdfium_chars.LINE_END_MARK in c for t in fast_tables for r in t for c in r if c):
                    marked = {c["fontname"] for c in twin.chars if c["text"] == pdfium_chars.LINE_END_MARK}
                    if not marks_are_hyphens(page, marked, {}):
                        continue  # read again with pdfminer by read_index
                    # the fonts say the mark is "-": read_index puts it in, and the tables are pdfminer's
                    fast_tables = [[[c.replace(pdfium_chars.LINE_END_MARK, "-") if c else c for c in r] for r in t]
                                   for t in fast_tables]
                    decided += 1
                assert fast_tables == page.extract_tables(_LINES), pno
            assert twins == len(pdf.pages)
            if name == "icu_sample.pdf":
                assert decided == 1  # its index page with a cell wrapped at a hyphen
    finally:
        fast.close()
