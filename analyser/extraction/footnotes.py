"""Footnotes: the notes printed at page feet (lines ``pdftext`` marked ``kind="footnote"``) joined
into ``Footnote``s, and each linked to the measure paragraph whose marker cites it (or to the
measure whose heading carries the marker)."""

from __future__ import annotations

import re

from ..models import Footnote, Measure
from ..pdftext import Line, join_text
from .report import Warnings

# a footnote marker seen in the body: (note number, page, paragraph number or None for a measure
# heading, the measure)
Citation = tuple[str, int, "str | None", Measure]


def read_footnotes(note_lines: list[Line]) -> list[Footnote]:
    """The notes in reading order: a numbered first line and the lines that carry it on."""
    notes: list[tuple[Footnote, list[Line]]] = []
    for ln in note_lines:
        if ln.footnote is not None:
            notes.append((Footnote(number=ln.footnote, text="", page=ln.page), [ln]))
        elif notes:
            notes[-1][1].append(ln)
    out = []
    for note, lines in notes:
        note.text = re.sub(r"\s+", " ", join_text(lines)[0]).strip()
        out.append(note)
    return out


def link_footnotes(note_lines: list[Line], citations: list[Citation], measures: list[Measure],
                   warnings: Warnings) -> None:
    """Give each note to the measure (and paragraph) citing it, nearest the note's page first."""
    by_number: dict[str, list[tuple[int, str | None, Measure]]] = {}
    for n, page, para, m in citations:
        by_number.setdefault(n, []).append((page, para, m))
    spans = [(m.page_start, m.page_end) for m in measures]
    for note in read_footnotes(note_lines):
        cands = by_number.get(note.number, [])
        if not cands:
            if any(a <= note.page <= b for a, b in spans):
                warnings.warn(f"footnote {note.number} has no marker in any measure paragraph", note.page)
            continue
        page, para, m = min(cands, key=lambda c: (c[0] != note.page, abs(c[0] - note.page)))
        note.paragraph = para
        m.footnotes.append(note)
