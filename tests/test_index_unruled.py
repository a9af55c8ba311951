"""An index table drawn without rules is read from PDFium's objects where they give pdfminer's words.

``index_table._unruled_on`` reads an unruled index page from the chars PDFium already read (the
"twin" page), unless PDFium made word breaks of its own inside a line there (a space glyph dropped,
or none drawn), or a line ends in a hyphen the page's fonts cannot tell; then pdfminer parses the
page as before. Checked on real documents: every unruled index page of the corpus and the scaled
sample read both ways, and a table drawn word by word (no space glyphs) that must go to pdfminer.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from analyser import index_table, pdfium_chars
from analyser.extract import extract_code
from conftest import FIXTURES, ROOT, SHARED, require
from index_reading import read_index_of


def _corpus() -> list[Path]:
    paths = sorted(FIXTURES.rglob("*.pdf")) + sorted((ROOT / "codes").rglob("*.pdf"))
    paths += sorted((ROOT / "bench" / "heldout").rglob("*.pdf"))
    gpai = SHARED / "corpus" / "eu-gpai-safety-security.pdf"
    return paths + ([gpai] if gpai.exists() else [])


def _unruled_pages_both_ways(path: Path, monkeypatch) -> list[tuple[int, bool, list, list]]:
    """(page, read from the twin?, table as read, table from pdfminer) for each unruled index page."""
    seen: list[tuple[int, bool, list, list]] = []
    real = index_table._unruled_table

    def spy(twin, page, box, profile, glyph_memo):
        pdfminer_table = real(page.crop(box), profile)
        calls: list = []
        monkeypatch.setattr(index_table, "_unruled_table", lambda area, prof: calls.append(area) or real(area, prof))
        try:
            got = real_unruled_on(twin, page, box, profile, glyph_memo)
        finally:
            monkeypatch.setattr(index_table, "_unruled_table", real)
        from_twin = bool(calls) and calls[0].root_page is twin
        seen.append((page.page_number, from_twin, got, pdfminer_table))
        return got

    real_unruled_on = index_table._unruled_on
    monkeypatch.setattr(index_table, "_unruled_on", spy)
    try:
        read_index_of(path)
    finally:
        monkeypatch.setattr(index_table, "_unruled_on", real_unruled_on)
    return seen


def test_every_unruled_index_page_reads_the_same_from_pdfium_as_from_pdfminer(monkeypatch):
    pages = from_twin = 0
    for path in _corpus():
        for page_no, twin_read, got, reference in _unruled_pages_both_ways(path, monkeypatch):
            pages += 1
            from_twin += twin_read
            assert got == reference, (path.name, page_no)
    # the corpus has 23 such pages (25 with the scaled sample's two, below); all but the watermarked
    # one (rotated chars: no twin) are read from PDFium
    assert pages >= 23 and from_twin >= pages - 1, (pages, from_twin)


def test_the_scaled_sample_s_unruled_index_pages_read_the_same_from_pdfium(monkeypatch, tmp_path):
    """The benchmark's reportlab-drawn sample: its two unruled index pages, both from PDFium."""
    require("fonts-dejavu-core")  # make_scaled draws with DejaVu
    scaled = tmp_path / "icu_x1.pdf"
    _make_scaled(scaled)
    seen = list(_unruled_pages_both_ways(scaled, monkeypatch))
    assert len(seen) == 2 and all(twin_read for _, twin_read, _, _ in seen)
    for page_no, _twin_read, got, reference in seen:
        assert got == reference, page_no


def _make_scaled(path: Path) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from make_scaled import make_scaled

    make_scaled(1, path)


def _word_by_word_index(path: Path) -> Path:
    """An ICU-like code whose unruled index is drawn one word at a time, with no space glyphs, as
    some producers draw text: PDFium makes word breaks of its own there. The gap between words is
    4.5 pt, wider than pdfplumber's 3 pt word tolerance, so that pdfminer's words are words too."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    _, h = A4

    def words(x: float, y: float, text: str, font: str = "Helvetica", size: float = 10) -> None:
        c.setFont(font, size)
        for word in text.split():
            c.drawString(x, y, word)
            x += stringWidth(word, font, size) + 4.5

    words(56, h - 70, "Illegal content Codes of Practice for user-to-user services", "Helvetica-Bold", 14)
    words(56, h - 100, "Index of recommended measures", "Helvetica-Bold", 12)
    rows = [("Measure", "Title", "Applies to"),
            ("ICU A1", "Named person accountable for governance", "All services"),
            ("ICU A2", "Written statement of responsibilities", "Large services"),
            ("ICU B1", "Content moderation function", "All services")]
    for k, (ident, title, applies) in enumerate(rows):
        y = h - 130 - 18 * k
        words(56, y, ident)
        words(140, y, title)
        words(380, y, applies)
    c.showPage()
    words(56, h - 70, "Chapter A: Governance and accountability", "Helvetica-Bold", 12)
    y = h - 100
    for bold, text in [(1, "ICU A1 Named person accountable for governance"),
                       (0, "A1.1 Providers should name a person accountable to the most senior governance body."),
                       (1, "ICU A2 Written statement of responsibilities"),
                       (0, "A2.1 Providers should have written statements of responsibilities for senior managers."),
                       (1, "Chapter B: Content moderation"),
                       (1, "ICU B1 Content moderation function"),
                       (0, "B1.1 Providers should have a content moderation function to review content.")]:
        words(56, y, text, "Helvetica-Bold" if bold else "Helvetica", 12 if bold else 11)
        y -= 24
    c.showPage()
    c.save()
    return path


def test_an_index_drawn_without_space_glyphs_is_left_to_pdfminer(monkeypatch, tmp_path):
    path = _word_by_word_index(tmp_path / "words.pdf")
    fast = pdfium_chars.open_document(str(path))
    try:
        with pdfplumber.open(path) as pdf:
            twin = index_table._pdfium_twin(pdf.pages[0], fast, 1)
            assert twin is not None and twin.analyser_breaks  # PDFium's own word breaks
    finally:
        fast.close()
    seen = _unruled_pages_both_ways(path, monkeypatch)
    assert [(page, twin_read) for page, twin_read, _, _ in seen] == [(1, False)]
    fast_code, reference = extract_code(path, reader="pdfium").to_dict(), extract_code(path, reader="pdfplumber").to_dict()
    assert fast_code["index"] == reference["index"]
    assert [(r["id_text"], r["title"], r["applies_to"]) for r in fast_code["index"]] == [
        ("ICU A1", "Named person accountable for governance", "All services"),
        ("ICU A2", "Written statement of responsibilities", "Large services"),
        ("ICU B1", "Content moderation function", "All services")]


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_the_scaled_sample_s_unruled_index_is_read_whole(tmp_path, reader):
    """The reportlab-drawn sample (the benchmark's documents): every index row, no index warning."""
    require("fonts-dejavu-core")  # make_scaled draws with DejaVu
    path = tmp_path / "icu_x1.pdf"
    _make_scaled(path)
    code = extract_code(path, reader=reader)
    assert len(code.index) == 40
    assert code.reconciliation.missing_from_body == [] and code.reconciliation.missing_from_index == []
