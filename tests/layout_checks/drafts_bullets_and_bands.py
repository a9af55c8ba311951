"""What the drafts bullets and bands documents are read for (tests/fixtures/layouts/drafts_bullets_and_bands).

Extraction on a second round of held-out layouts that nobody tuned the parser for.

The documents in tests/fixtures/layouts/drafts_bullets_and_bands are written by
fixtures/layouts/drafts_bullets_and_bands/generate.py.
They vary conventions that neither the main fixtures nor round 1  use: a
consultation "Draft ... (sample)" title, chapter headings printed as numbered sections
("Section 4: Governance and accountability") over letter IDs, page numbers in the running header,
bullet lists inside a paragraph, a table between two numbered paragraphs, footnote markers after
punctuation, a justified narrow serif column with non-bold headings, text continuing a paragraph
after its sub-items, grouped and ranged cross-references, an index whose cells wrap over three
lines with the header repeated on the next page, headings in a dark band with white text, a measure
over three pages and an annex after the last measure. Each expected JSON comes from the generator's
own source; pages are found independently of the parser (fpdf2: the page while drawing; docx:
poppler's pdftotext page by page). The conventions (how bullets and tables count) are written into
each expected JSON.

What these documents found in the parser, and how each cause was fixed, is the manifest's ``found``.
"""

from __future__ import annotations

import re

from analyser.models import Code

from .common import ws


def check_bullets_and_tables(code: Code, exp: dict) -> None:
    """No bullet glyph in paragraph text, and no cell of an in-measure table in any paragraph or title."""
    cells = [ws(c) for t in exp.get("tables", []) for row in t["rows"] for c in row]
    texts = [(p.number, ws(p.text)) for m in code.measures for p in m.paragraphs]
    texts += [(m.id, ws(m.title)) for m in code.measures]
    leaked = [(k, c) for k, t in texts for c in cells if c in t]
    glyphs = [k for k, t in texts if "\u2022" in t]
    assert (leaked, glyphs) == ([], [])


def check_annex_not_in_measures(code: Code, exp: dict) -> None:
    """Text after the last measure (an annex) belongs to no measure: neither its heading nor its paragraphs."""
    annex = [ws(re.sub(r"^\S+\t", "", a))[:40] for a in exp.get("annex", [])]
    texts = [(p.number, ws(p.text)) for m in code.measures for p in m.paragraphs]
    texts += [(m.id, ws(m.title)) for m in code.measures]
    leaked = [(k, a) for k, t in texts for a in annex if a and a in t]
    assert not leaked


def check_repeated_headings(code: Code, exp: dict) -> None:
    """A measure heading repeated '(continued)' atop a page is neither a new measure nor paragraph text."""
    texts = [(p.number, ws(p.text)) for m in code.measures for p in m.paragraphs]
    texts += [(m.id, ws(m.title)) for m in code.measures]
    leaked = [(k, t) for k, t in texts if "(continued)" in t]
    ids = [m.id for m in code.measures]
    assert (leaked, sorted({i for i in ids if ids.count(i) > 1})) == ([], [])
