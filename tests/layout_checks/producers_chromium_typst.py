"""What the producers chromium typst documents are read for (tests/fixtures/layouts/producers_chromium_typst).

Extraction on a third round of held-out sample codes, from PDF producers nobody tuned the parser for.

Rounds 1 and 2 were made with python-docx + LibreOffice, reportlab and fpdf2. Round 3 varies the
PRODUCER, whose text layers differ: Chromium's print-to-PDF of an HTML page (Skia: ligature glyphs,
soft hyphens, justified spacing, CSS list markers, a repeated table header, Playwright's header
and footer templates, notes printed at the end of each measure) and Typst (Libertinus Serif
ligatures carrying several letters, real hyphenation, enum labels, footnotes at the page foot with
the font's superscript digits, a contents page with leader dots). The documents in
tests/fixtures/layouts/producers_chromium_typst are written by
fixtures/layouts/producers_chromium_typst/generate.py; each expected JSON
comes from the generator's own source, with pages found by poppler (pdftotext page by page), never
by the parser.

What these documents found in the parser, and how each cause was fixed, is the manifest's ``found``.
"""

from __future__ import annotations

from pathlib import Path


def printed(pdf: Path, exp: dict) -> None:
    """The generator searched spacing for these layouts; a stale or regenerated fixture must keep them:
    the Chromium index over a page break with its header repeated, the Typst paragraph B2.3 over a page
    break with its footnote on its first page."""
    if exp["code"]["producer"] == "chromium":
        assert len(exp["index_header_pages"]) == 2  # the index runs over a page break, its header repeated
        assert len({r["page"] for r in exp["index"]}) == 2
    elif pdf.stem == "holdout3_pcu_typst":
        b2 = next(m for m in exp["measures"] if m["id"] == "PCU B2")
        para = next(p for p in b2["paragraphs"] if p["number"] == "B2.3")
        assert para["page_end"] == para["page"] + 1 and b2["footnotes"][0]["page"] == para["page"]
