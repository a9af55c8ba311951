"""The Word rendering of a ``Comparison``: summary, measure lists and side-by-side diff tables.

Owns the DOCX writer only: insertions underlined green, deletions struck red, in two-column tables
(old on the left). Document text is untrusted and may carry characters XML 1.0 forbids; ``_x`` makes
every string storable. The words and labels shared with the other formats come from
``compare_render``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from .compare_model import Comparison, MeasureChange, WordOp
from .compare_render import SAMPLE_LABEL, _STATUS_WORDS, _application_shown_in_paragraphs, _footnote_label, provenance

__all__ = ["to_docx"]

_GREEN = (0x0B, 0x6E, 0x0B)
_RED = (0xA0, 0x10, 0x10)
# Characters XML 1.0 forbids; a PDF's text layer can carry them and python-docx would refuse the string.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(text: object) -> str:
    """Text made storable in a .docx (forbidden control characters become U+FFFD)."""
    return _XML_ILLEGAL.sub("\ufffd", "" if text is None else str(text))


def _docx_ops(paragraph, ops: Sequence[WordOp], side: str) -> None:
    """Write one side of a diff into a python-docx paragraph: deletions struck red, insertions underlined green."""
    from docx.shared import RGBColor

    first = True
    for op in ops:
        text = op.old if side == "old" else op.new
        if not text:
            continue
        if not first:
            paragraph.add_run(" ")
        first = False
        run = paragraph.add_run(_x(text))
        if op.op == "equal":
            continue
        if side == "old":
            run.font.strike = True
            run.font.color.rgb = RGBColor(*_RED)
        else:
            run.font.underline = True
            run.font.bold = True
            run.font.color.rgb = RGBColor(*_GREEN)


def _docx_table(doc, header: Sequence[str], rows: Sequence[Sequence[object]]):
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = _x(text)
    return table


def _docx_measure(doc, c: MeasureChange) -> None:
    doc.add_heading(_x(c.new_id if not c.renumbered else f"{c.old_id} → {c.new_id}"), level=3)
    rows: list[tuple[str, str, Sequence[WordOp], str]] = []
    if c.title:
        rows.append(("Title", "Title", c.title.ops, ""))
    if c.application and not _application_shown_in_paragraphs(c):
        rows.append(("Application", "Application", c.application.ops, ""))
    for p in c.changed_paragraphs:
        label = _STATUS_WORDS.get(p.status, p.status)
        ops = p.ops if p.text_changed else [WordOp("equal", p.old_text, p.new_text)]
        rows.append((p.old_number or "", p.new_number or "", ops, label))
    for f in c.footnotes:
        ops = f.ops or [WordOp("delete" if f.status == "removed" else "insert", f.old_text, f.new_text)]
        rows.append((f"fn {f.old_number}" if f.old_number else "", f"fn {f.new_number}" if f.new_number else "",
                     ops, _footnote_label(f)))
    if rows:
        table = _docx_table(doc, ("Old", "New"), [])
        for old_no, new_no, ops, label in rows:
            cells = table.add_row().cells
            for cell, side, number in ((cells[0], "old", old_no), (cells[1], "new", new_no)):
                para = cell.paragraphs[0]
                if number:
                    para.add_run(_x(f"{number} ")).bold = True
                if label and side == "new":
                    para.add_run(f"[{label}] ").italic = True
                _docx_ops(para, ops, side)
    if c.application and c.old_condition != c.new_condition:
        doc.add_paragraph(_x(f"Condition: {c.old_condition} → {c.new_condition}"))


def _provenance(doc, cmp: Comparison) -> None:
    """The sample label (where one edition is a sample) and both editions' short sha256 in the page
    header of every page, and the provenance table up front, as the other Word exports have."""
    sample = cmp.old.sample or cmp.new.sample
    for section in doc.sections:
        header = section.header
        para = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
        para.text = _x(f"{SAMPLE_LABEL + ' · ' if sample else ''}{cmp.old.short_name} sha256 {cmp.old.sha256[:12]}… → "
                       f"{cmp.new.short_name} sha256 {cmp.new.sha256[:12]}…")
        if sample:
            para.runs[0].bold = True
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for key, value in provenance(cmp):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = _x(key), _x(value)


def to_docx(cmp: Comparison, path: str | Path | BinaryIO) -> Path | BinaryIO:
    """A Word report: summary, measure lists, and side-by-side paragraph diffs in two-column tables.

    ``path`` may be a binary stream (e.g. ``io.BytesIO`` for a download button); it is returned.
    """
    from docx import Document

    if isinstance(path, str | Path):
        path = Path(path)
    doc = Document()
    doc.add_heading(_x(f"Comparison: {cmp.old.heading} → {cmp.new.heading}"), level=1)
    doc.add_paragraph(_x(f"Old: {cmp.old.title} ({cmp.old.source_file})"))
    doc.add_paragraph(_x(f"New: {cmp.new.title} ({cmp.new.source_file})"))
    if cmp.old.sample or cmp.new.sample:
        doc.add_paragraph("Sample document written for this project: not official text.")
    _provenance(doc, cmp)
    if not cmp.comparable:
        doc.add_paragraph().add_run(_x(cmp.message)).bold = True
        doc.save(path)
        return path
    if cmp.message:
        doc.add_paragraph(_x(cmp.message))
    doc.add_heading("Summary", level=2)
    _docx_table(doc, ("what", "count"), [(k.replace("_", " "), v) for k, v in cmp.counts().items()])
    if not cmp.has_changes:
        doc.add_paragraph("No changes.")
    for heading, refs, was in (("Added measures", cmp.added, ""), ("Removed measures", cmp.removed, "was ")):
        if refs:
            doc.add_heading(heading, level=2)
            for m in refs:
                doc.add_paragraph(_x(f"{m.id} {m.title} ({was}{m.pages})"), style="List Bullet")
    if cmp.renumbered:
        doc.add_heading("Renumbered measures", level=2)
        for r in cmp.renumbered:
            doc.add_paragraph(
                _x(f"{r.old_id} → {r.new_id} {r.new_title} (similarity {r.similarity:.2f})"), style="List Bullet"
            )
    if cmp.changed:
        doc.add_heading("Changed measures", level=2)
        for c in cmp.changed:
            _docx_measure(doc, c)
    if cmp.qualifier_changes:
        doc.add_heading("Qualifier changes", level=2)
        for q in cmp.qualifier_changes:
            doc.add_paragraph(_x(q.summary), style="List Bullet")
    if cmp.applicability_changes:
        doc.add_heading("Applicability changes", level=2)
        _docx_table(
            doc,
            ("archetype", "measure", "old", "new", "why now"),
            [
                (s.archetype_title or s.archetype, s.new_id if s.old_id == s.new_id else f"{s.old_id} → {s.new_id}",
                 s.old_status, s.new_status, s.new_reason)
                for s in cmp.applicability_changes
            ],
        )
    if cmp.warnings:
        doc.add_heading("Warnings", level=2)
        for w in cmp.warnings:
            doc.add_paragraph(_x(w), style="List Bullet")
    doc.save(path)
    return path
