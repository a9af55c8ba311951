"""PDF characters → clean reading-order lines.

This is the only module that looks at glyphs. It walks pdfplumber's parsed page layout once
(``page.layout``: the LTChar objects with font name, size and position) instead of asking
pdfplumber for ``page.chars`` dictionaries or ``extract_text``; building those dictionaries is
about half the cost of reading a page, and the whole extraction must stay faster than a plain
``extract_text`` loop over the same PDF.

What comes out is a list of :class:`Line` in reading order with the page furniture taken out:

* running headers and footers (text that repeats in the top or bottom band of many pages, digits
  ignored, so "Page 3 of 40" repeats too, or a fixed tab-separated part of it beside the current
  chapter's name) and bare page numbers; never the footnotes at a page foot, however alike;
* text on a slanted baseline (diagonal watermarks such as "DRAFT");
* contents pages (lines ending in a page number after dot leaders or a wide gap);
* ligature glyphs (U+FB00-FB06) spelt out; U+2010/U+2011 read as hyphens; optional hyphens
  (U+00AD) dropped mid-line; space glyphs drawn over a neighbouring glyph (Chromium's soft-hyphen
  points) not taken for word gaps;
* line-end hyphens judged against the document's own vocabulary: ``Line.soft_hyphen`` says the
  hyphen is a break inside a word ("tech-" + "nically"), otherwise it is a real compound hyphen
  ("end-to-" + "end");
* footnotes (a run of smaller-font lines closing a page, opened by a number; or, in mid-page, a
  run opened by the number of a marker already cited) marked ``kind="footnote"`` with their
  number, and the digits in body lines that cite them recorded as ``Line.markers`` instead of
  being left in the text: small raised digits, or, for a note on the page that has no raised
  marker, a full-size digit glued to a lower-case word.

Everything is decided from layout signals relative to the document itself (the body font size,
the page bands, repetition across pages), never from fixed strings, so that another producer's
or regulator's layout reads the same way.

This module runs the steps over a document; each step lives in ``analyser.textlayer``
(``chars``: characters → lines; ``furniture``: headers, footers, contents; ``tables``: drawn
tables and boxes; ``footnotes``; ``hyphens``: line-end hyphens and joining; ``lines``: the data).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Callable

from .budgets import page_read
from .damage import page_unreadable
from .readers import READERS, default_reader
from .textlayer.chars import build_line, drop_line_numbers, group_lines, page_items, split_offset_runs
from .textlayer.footnotes import mark_footnotes, mark_note_blocks, recover_inline_markers
from .textlayer.furniture import remove_contents, remove_furniture
from .textlayer.hyphens import is_soft_break, join_lines, join_text, resolve_hyphens, vocabulary
from .textlayer.lines import HYPHENS, LIGATURES, SOFT_HYPHEN, Line, PdfText
from .textlayer.tables import mark_tables

# the text layer's names the extractor, the index table reader and the tests import from here
__all__ = [
    "HYPHENS", "LIGATURES", "READERS", "SOFT_HYPHEN", "Line", "PdfText", "default_reader", "is_soft_break",
    "join_lines", "join_text", "open_fast", "read_lines", "read_pdf", "read_text", "vocabulary",
]
_page_items = page_items  # the name tests/test_readers.py compares the PDFium reader against

# pages kept for the index table reader (see ``read_pdf``)
_INDEX_RE = re.compile(r"\bindex\b", re.I)
_INDEX_KEEP_PAGES = 8
_ID_ROW_RE = re.compile(r"^(?:[A-Z]{2,5}\s+)?[A-Z]{1,2}\d{1,3}[A-Za-z]?\b(?!\.\d)")


def read_pdf(pdf, progress: Callable[[float, str], None] | None = None, fast=None) -> PdfText:
    """Read an open ``pdfplumber.PDF`` into cleaned lines (see the module docstring).

    ``fast``: the same document opened with ``pdfium_chars.open_document``; its pages' characters
    are read through PDFium, and pdfplumber's pages are used only where PDFium's coordinates would
    need turning (``pdfium_chars.page_supported``). None: pdfminer reads every page.
    """
    if fast is not None:
        from . import pdfium_chars
    pages: list[list[Line]] = []
    heights: list[float] = []
    size_counts: Counter = Counter()
    image_pages = 0
    text_chars = 0
    all_rulings = []
    kept_run = 0  # pages kept so far since the last page that names an index
    n = len(pdf.pages)
    for i, page in enumerate(pdf.pages):
        fast_page = fast[i] if fast is not None else None
        try:
            if fast_page is not None and pdfium_chars.page_supported(fast_page):
                chars, rulings, images = pdfium_chars.page_items(fast_page, float(page.height))
            else:
                chars, rulings, images = page_items(page)
        except Exception as err:  # one damaged page must not cost the document: it is reported as damage
            page_unreadable(i + 1, err)
            chars, rulings, images = [], [], 0
        finally:
            if fast_page is not None:
                fast_page.close()
        page_read(i + 1, len(chars))  # the document's budget of characters and seconds, whichever reader
        heights.append(float(page.height))
        text_chars += len(chars)
        if images and len(chars) < 20:
            image_pages += 1
        raws = drop_line_numbers(split_offset_runs(group_lines(chars)))
        lines = [ln for raw in raws if (ln := build_line(raw, i + 1)) is not None]
        for ln in lines:
            size_counts[ln.size] += len(ln.text)
        pages.append(lines)
        all_rulings.append(rulings)
        # A ruled page near an "index" (or following one) may be read again for its table: keep
        # its layout so pdfplumber's table finder does not interpret the page a second time.
        # Free every other page's layout tree: memory stays flat however long the document is.
        # Unruled index tables are read again too: keep the page that names the index and the pages
        # after it while they look like the table going on (ruled, or lines that open with an ID).
        if any(_INDEX_RE.search(ln.text) and len(ln.text.split()) <= 8 for ln in lines):  # a title, not prose
            kept_run = 1
        elif kept_run and kept_run < _INDEX_KEEP_PAGES and (
            len(rulings) >= 4 or any(_ID_ROW_RE.match(ln.text) for ln in lines)
        ):
            kept_run += 1  # the table runs on: ruled, or rows that open with an ID
        else:
            kept_run = 0
        keep = kept_run > 0
        if not keep:
            page.close()
            page.__dict__.pop("_layout", None)
        if progress and (i % 5 == 0 or i == n - 1):
            progress((i + 1) / n, f"Reading page {i + 1} of {n}")
    body_size = size_counts.most_common(1)[0][0] if size_counts else 0.0
    removed = remove_furniture(pages, heights, body_size)
    contents_pages, toc_removed = remove_contents(pages)
    removed.extend(toc_removed)
    continuing = False
    for lines, rulings, height in zip(pages, all_rulings, heights):
        mark_tables(lines, rulings, height)
        continuing = mark_footnotes(lines, body_size, continuing)
        recover_inline_markers(lines)
    flat = [ln for lines in pages for ln in lines]
    mark_note_blocks(flat, body_size)
    resolve_hyphens(flat, removed)
    return PdfText(
        lines=flat,
        page_count=n,
        body_size=body_size,
        page_heights=heights,
        removed=removed,
        contents_pages=contents_pages,
        image_pages=image_pages,
        text_chars=text_chars,
    )


def read_text(path: str | Path, progress: Callable[[float, str], None] | None = None,
              reader: str | None = None) -> PdfText:
    import pdfplumber

    fast = open_fast(path, reader)
    try:
        with pdfplumber.open(str(path)) as pdf:
            return read_pdf(pdf, progress, fast)
    finally:
        if fast is not None:
            fast.close()


def open_fast(path: str | Path, reader: str | None = None):
    """The PDFium document for ``read_pdf(fast=...)``, or None when pdfminer is to read every page."""
    reader = reader or default_reader()
    if reader not in READERS:
        raise ValueError(f"unknown reader {reader!r} (choose from {', '.join(READERS)})")
    if reader == "pdfplumber":
        return None
    from . import pdfium_chars

    return pdfium_chars.open_document(str(path))


def read_lines(path: str | Path, reader: str | None = None) -> list[Line]:
    """The cleaned lines of ``path`` in reading order (body and footnote lines)."""
    return read_text(path, reader=reader).lines
