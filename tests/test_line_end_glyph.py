"""A hyphen PDFium marks at a line end is decided from the page's fonts, not by a pdfminer parse.

PDFium replaces a hyphen or soft hyphen that ends a line with a mark; the index reader read each
page whose table held one again with pdfminer. ``analyser.line_end_glyph`` tells from the marked
char's font (its ToUnicode map and encoding) when the glyph can only be pdfminer's "-"; a font
that maps a code to U+00AD keeps the pdfminer reading. Both are checked on real documents: a
table drawn here with a soft hyphen and with a hyphen, and every page of the corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analyser import pdfium_chars
from analyser.extract import extract_code
from analyser.line_end_glyph import marks_are_hyphens
from conftest import FIXTURES, ROOT, SHARED, require

_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def _index_code(path: Path, mark: str) -> Path:
    """An ICU-like code whose index table has a title cell wrapped at ``mark`` ("gover" + mark,
    then "nance" on the next line), drawn in DejaVu Sans by reportlab, so the glyph is in a subset
    font with a ToUnicode map (which maps the soft hyphen's code to U+00AD when one is drawn)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DV", str(_DEJAVU / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DVB", str(_DEJAVU / "DejaVuSans-Bold.ttf")))
    c = canvas.Canvas(str(path), pagesize=A4)
    _, h = A4
    c.setFont("DVB", 14)
    c.drawString(56, h - 70, "Illegal content Codes of Practice for user-to-user services")
    c.setFont("DVB", 12)
    c.drawString(56, h - 100, "Index of recommended measures")
    cols = [56, 140, 380, 540]
    rows = [("Measure", ["Title"], "Applies to"),
            ("ICU A1", ["Named person accountable for gover" + mark, "nance of illegal content"], "All services"),
            ("ICU A2", ["Written statement of responsibilities"], "Large services"),
            ("ICU B1", ["Content moderation function"], "All services")]
    rules = [h - 112]
    c.setFont("DV", 10)
    for ident, title, applies in rows:
        base = rules[-1] - 14
        c.drawString(cols[0] + 4, base, ident)
        for k, text in enumerate(title):  # a cell's lines one after the other, as producers draw them
            c.drawString(cols[1] + 4, base - 13 * k, text)
        c.drawString(cols[2] + 4, base, applies)
        rules.append(rules[-1] - 8 - 13 * len(title))
    for y in rules:
        c.line(cols[0], y, cols[-1], y)
    for x in cols:
        c.line(x, rules[0], x, rules[-1])
    c.showPage()
    y = h - 70
    for bold, text in [(1, "Chapter A: Governance and accountability"),
                       (1, "ICU A1 Named person accountable for governance of illegal content"),
                       (0, "A1.1 Providers should name a person accountable to the most senior governance body."),
                       (1, "ICU A2 Written statement of responsibilities"),
                       (0, "A2.1 Providers should have written statements of responsibilities for senior managers."),
                       (1, "Chapter B: Content moderation"),
                       (1, "ICU B1 Content moderation function"),
                       (0, "B1.1 Providers should have a content moderation function to review content.")]:
        c.setFont("DVB" if bold else "DV", 12 if bold else 11)
        c.drawString(56, y, text)
        y -= 24
    c.showPage()
    c.save()
    return path


def _marked_fonts(path: Path, page_no: int = 1) -> tuple[set[str], bool]:
    """The fonts of the marked chars on a page, and whether ``marks_are_hyphens`` decides them."""
    import pdfplumber

    fast = pdfium_chars.open_document(str(path))
    try:
        with pdfplumber.open(path) as pdf:
            page = pdf.pages[page_no - 1]
            objects = pdfium_chars.table_objects(fast[page_no - 1], float(page.height), page.initial_doctop)
            names = {c["fontname"] for c in objects["char"] if c["text"] == pdfium_chars.LINE_END_MARK}
            return names, marks_are_hyphens(page, names, {})
    finally:
        fast.close()


def _analysis(path: Path, reader: str) -> dict:
    d = extract_code(path, reader=reader).to_dict()
    d["code"].pop("analyser_version", None)
    return d


@pytest.mark.parametrize("mark, decided, title", [
    # the font maps a code to U+00AD: undecided, pdfminer reads the page as before and keeps the glyph
    ("\u00ad", False, "Named person accountable for gover\u00ad nance of illegal content"),
    # the same font with a hyphen and no soft hyphen: "-", and no pdfminer parse of the page
    ("-", True, "Named person accountable for governance of illegal content"),
])
def test_a_line_end_hyphen_in_an_index_cell(tmp_path, mark, decided, title):
    require("fonts-dejavu-core")
    path = _index_code(tmp_path / "index.pdf", mark)
    names, got = _marked_fonts(path)
    assert names == {"DejaVuSans"}  # PDFium marked the glyph, whichever it was
    assert got is decided
    fast, reference = _analysis(path, "pdfium"), _analysis(path, "pdfplumber")
    assert fast == reference
    assert [row["title"] for row in fast["index"]][0] == title


def _corpus() -> list[Path]:
    paths = sorted(FIXTURES.rglob("*.pdf")) + sorted((ROOT / "codes").rglob("*.pdf"))
    paths += sorted((ROOT / "bench" / "heldout").rglob("*.pdf"))
    gpai = SHARED / "corpus" / "eu-gpai-safety-security.pdf"
    return paths + ([gpai] if gpai.exists() else [])


def test_every_mark_the_fonts_decide_is_pdfminer_s_hyphen():
    """Over every page of the corpus (fixtures, samples, held-out layouts, the GPAI chapter), each
    char PDFium marks on a page the fonts decide is a "-" in pdfminer's reading, at the same place;
    and most pages with marks are decided (the rest are read by pdfminer as before)."""
    import pdfplumber

    marks = decided_pages = pages_with_marks = 0
    for path in _corpus():
        fast = pdfium_chars.open_document(str(path))
        memo: dict = {}
        try:
            with pdfplumber.open(path) as pdf:
                for i, page in enumerate(pdf.pages):
                    fast_page = fast[i]
                    try:
                        if not pdfium_chars.page_supported(fast_page):
                            continue
                        objects = pdfium_chars.table_objects(fast_page, float(page.height), page.initial_doctop)
                    except pdfium_chars.NotLikePdfminer:
                        continue
                    finally:
                        fast_page.close()
                    marked = [c for c in objects["char"] if c["text"] == pdfium_chars.LINE_END_MARK]
                    if not marked:
                        continue
                    pages_with_marks += 1
                    if not marks_are_hyphens(page, {c["fontname"] for c in marked}, memo):
                        continue
                    decided_pages += 1
                    chars = page.chars
                    for m in marked:
                        nearest = min(chars, key=lambda c: abs(c["x0"] - m["x0"]) + abs(c["bottom"] - m["bottom"]))
                        assert nearest["text"] == "-", (path.name, i + 1, nearest["text"])
                        # the same glyph: where it starts agrees; the boxes' bottoms can differ by a
                        # point or two where the two readers take a font's descent differently
                        assert abs(nearest["x0"] - m["x0"]) < 0.5 and abs(nearest["bottom"] - m["bottom"]) < 3
                        marks += 1
                    page.close()
        finally:
            fast.close()
    assert pages_with_marks >= 90 and decided_pages >= 0.9 * pages_with_marks, (pages_with_marks, decided_pages)
    assert marks >= 150
