"""Read a PDF's index table as the extractor does, for tests that spy on the index reader's steps (shared by the
tests of the unruled index and of the table cells)."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber

from analyser import index_table, pdfium_chars
from analyser.extract import front_text
from analyser.pdftext import read_pdf
from analyser.profiles import detect_profile


def read_index_of(path: Path, use_pdfium: bool = True) -> None:
    """Read ``path``'s index table (from PDFium's chars when ``use_pdfium``, else pdfminer's); what the reader
    does is seen through the caller's spies."""
    fast = pdfium_chars.open_document(str(path)) if use_pdfium else None
    try:
        with pdfplumber.open(path) as pdf:
            doc = read_pdf(pdf, None, fast)
            text = "\n".join(ln.text for ln in doc.lines)
            profile = detect_profile(text, re.sub(r"\s+", " ", front_text(doc)).lower())
            if profile is not None:
                index_table.read_index(pdf, profile, doc.lines, None, fast=fast)
    finally:
        if fast is not None:
            fast.close()
