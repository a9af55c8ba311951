"""Checks for the Chromium and Typst documents (tests/fixtures/layouts/producers_chromium_typst).

Two producers whose text layers differ: Chromium's print-to-PDF of an HTML page (ligature glyphs, soft
hyphens, justified spacing, CSS list markers, a repeated table header, notes printed at the end of each
measure) and Typst (multi-letter ligatures, hyphenation, enum labels, superscript-digit footnotes at the
page foot, a leader-dot contents page). The common checks cover them; printed() guards the layouts the
generator searched for. What they found in the parser is the manifest's ``found``.
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
