"""The character readers' names, and the default one: what the cache key needs without the text layer.

``pdftext`` (which reads with them) re-exports both; this module exists so that a cached open, which
only has to know the reader's name for the cache key, does not import the text layer.
"""

from __future__ import annotations

import os

READERS = ("pdfium", "pdfplumber")
"""Where characters come from: PDFium's text page (fast, the default) or pdfminer's layout walk
(the reference reader; ``--reader pdfplumber``). Everything after ``page_items`` is shared."""


def default_reader() -> str:
    """``ANALYSER_READER`` if it names a reader, else pdfium."""
    name = os.environ.get("ANALYSER_READER", "").strip().lower()
    return name if name in READERS else READERS[0]
