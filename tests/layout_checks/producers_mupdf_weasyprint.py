"""Checks for the PyMuPDF and WeasyPrint documents (tests/fixtures/layouts/producers_mupdf_weasyprint).

PyMuPDF's Story typesetter (header, footer and page-foot notes stamped afterwards) and WeasyPrint's CSS
paged media (margin boxes, ``float: footnote``), with the characters Word authors type: U+2011, U+00AD
inside long words, no-break spaces after prefixes, curly quotes, en-dash ranges ('ICU D2–D4') and
Symbol-font bullets read as U+F0B7. What they found in the parser is the manifest's ``found``.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from analyser.models import Code

from .common import all_texts, ws


def check_word_characters(code: Code, exp: dict) -> None:
    """Word's typed characters read as the conventions say: no U+2011 or no-break space left in any text
    read (they are '-' and ' '), and the compounds 'end-to-end' / 'user-to-user' found where printed."""
    bad = [(k, t) for k, t in all_texts(code) if re.search("[\u2011\u00a0]", t)]
    assert bad == []
    got = " ".join(ws(p.text) for m in code.measures for p in m.paragraphs)
    want = " ".join(ws(p["text"]) for m in exp["measures"] for p in m["paragraphs"])
    for compound in ("end-to-end", "user-to-user"):
        assert got.count(compound) == want.count(compound), compound


def printed(pdf: Path, exp: dict) -> None:
    """The generator searched spacing for these layouts; a stale or regenerated fixture must keep them:
    the index over a page break, the chosen paragraph over one with a footnote on its first page, a
    word broken at an optional hyphen, a Symbol bullet and the Word characters in the text layer."""
    assert len({r["page"] for r in exp["index"]}) == 2
    split = exp["layout_search"]["split_paragraph"]
    m = next(m for m in exp["measures"] if any(p["number"] == split for p in m["paragraphs"]))
    para = next(p for p in m["paragraphs"] if p["number"] == split)
    assert para["page_end"] == para["page"] + 1
    assert para["page"] in [f["page"] for f in m["footnotes"] if f["paragraph"] == split]
    assert exp["soft_hyphen_breaks"]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "\uf0b7" in text and "\u2011" in text and "\u2013" in text and "\u2019" in text
