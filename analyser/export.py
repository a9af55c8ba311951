"""Exports for a consultation response: the officer's current selection as XLSX, CSV, Markdown, DOCX.

A selection is the measures on screen, the status of each for the service being examined (if
any), their qualifiers, and the officer's notes. Every row carries a citation (measure ID,
paragraph, page) so that a response drafted from the export can point back to the text.

Each writer returns the file's bytes (what ``st.download_button`` wants) and also writes them to
``path`` when one is given (what the CLI and tests want). Document text is untrusted: cells that
a spreadsheet would read as a formula are written as text, and Markdown is escaped.
"""

from __future__ import annotations

import csv
import io
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .models import Code, CodeInfo, Measure, MeasureStatus
from .notes import Note
from .safe_output import csv_cell, markdown
from .search import citation
from .statuses import reason_words

SAMPLE_LABEL = "SAMPLE – not official text"


@dataclass
class Selection:
    info: CodeInfo
    measures: list[Measure]
    statuses: dict[str, MeasureStatus] = field(default_factory=dict)  # measure ID -> status
    service: str | None = None  # name of the service profile the statuses are for
    notes: list[Note] = field(default_factory=list)
    # What narrowed the selection, in words: {"chapters": "C", "statuses": "qualified"}. Empty:
    # every measure. Carried into every export and its file name, so two exports of different
    # selections can never be mistaken for each other.
    filters: dict[str, str] = field(default_factory=dict)
    include_text: bool = False  # DOCX/Markdown: the measure's paragraphs, each with its citation
    created: float = field(default_factory=time.time)

    @property
    def title(self) -> str:
        label = f"{self.info.title} ({self.info.short_name})"
        return f"{label} — {SAMPLE_LABEL}" if self.info.sample else label


def build_selection(
    code: Code,
    measure_ids: Iterable[str] | None = None,
    statuses: Iterable[MeasureStatus] | dict[str, MeasureStatus] | None = None,
    service: str | None = None,
    notes: Iterable[Note] = (),
    filters: dict[str, str] | None = None,
    include_text: bool = False,
) -> Selection:
    """The measures named (all when None), in document order, with their statuses and notes.

    Every note on a selected measure is kept (a paragraph may carry several). Notes made on
    another edition are kept only for targets that have no note on this document.
    """
    wanted = set(measure_ids) if measure_ids is not None else None
    measures = [m for m in code.measures if wanted is None or m.id in wanted]
    ids = {m.id for m in measures}
    if statuses is None:
        by_id: dict[str, MeasureStatus] = {}
    elif isinstance(statuses, dict):
        by_id = dict(statuses)
    else:
        by_id = {s.measure: s for s in statuses}
    notes = [n for n in notes if n.measure_id in ids]
    here = {(n.measure_id, n.paragraph) for n in notes if n.same_document}
    kept = [n for n in notes if n.same_document or (n.measure_id, n.paragraph) not in here]
    return Selection(code.info, measures, {k: v for k, v in by_id.items() if k in ids}, service,
                     kept, {k: v for k, v in (filters or {}).items() if v}, include_text)


def choose_measures(
    code: Code,
    statuses: dict[str, MeasureStatus] | None = None,
    *,
    chapters: Iterable[str] = (),
    status_filter: Iterable[str] = (),
    risks: Iterable[str] = (),
    noted: set[str] | None = None,
) -> list[str]:
    """The IDs of the measures a selection keeps, in document order: each filter left empty keeps
    everything; ``status_filter`` reads ``statuses`` (a measure with no status is dropped by it);
    ``noted``, when given, keeps only the measures with a note. A measure with no qualifier
    summary counts as loophole risk "none"."""
    chapters, wanted, risks = set(chapters), set(status_filter), set(risks)
    statuses = statuses or {}
    chosen = []
    for m in code.measures:
        risk = m.qualifier_summary.loophole_risk if m.qualifier_summary else "none"
        if (chapters and m.chapter not in chapters) or (risks and risk not in risks):
            continue
        if noted is not None and m.id not in noted:
            continue
        if wanted and (m.id not in statuses or statuses[m.id].status not in wanted):
            continue
        chosen.append(m.id)
    return chosen


# ---------------------------------------------------------------------------------------------
# Provenance: what every export says about where it came from, in one list of (field, value).


def provenance(sel: Selection) -> list[tuple[str, str]]:
    """Document, version, source file and sha256, the sample label, the service profile, the
    filters, the analyser version and the time; the same lines in every format."""
    from . import __version__

    rows = [("Document", f"{sel.info.title} ({sel.info.short_name})")]
    if sel.info.sample:
        rows.append(("Warning", SAMPLE_LABEL))
    rows += [
        ("Version", sel.info.version or "not stated in the document"),
        ("Source file", sel.info.source_file),
        ("sha256", sel.info.sha256),
        ("Service profile", sel.service or "none (no statuses)"),
        ("Filters", "; ".join(f"{k}: {v}" for k, v in sel.filters.items()) or "none (every measure)"),
        ("Measures", str(len(sel.measures))),
        ("Analyser version", sel.info.analyser_version or __version__),
        ("Exported", time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(sel.created))),
    ]
    return rows


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-")


def file_stem(sel: Selection, kind: str = "export") -> str:
    """A file name that says what was selected: code, sample, service and filters.

    "icu-sample-export-large-e2ee-messaging-chapters-c-statuses-qualified"; an unfiltered export
    says "all-measures", so a filtered and an unfiltered export never share a name.
    """
    parts = [sel.info.short_name.lower() or "code"]
    if sel.info.sample:
        parts.append("sample")
    parts.append(kind)
    if sel.service:
        parts.append(_slug(sel.service))
    if sel.filters:
        parts += [_slug(f"{k} {v}") for k, v in sel.filters.items()]
    else:
        parts.append("all-measures")
    return "-".join(p for p in parts if p)


# ---------------------------------------------------------------------------------------------
# Rows: the one place that decides what an export says; every format renders these.

MEASURE_COLUMNS = ["measure_id", "title", "chapter", "pages", "status", "status_reason",
                   "loophole_risk", "qualifiers", "position", "note", "citation"]
DETAIL_COLUMNS = ["kind", "measure_id", "paragraph", "page", "citation", "category_or_position",
                  "text", "context"]


def _pages(m: Measure) -> str:
    return f"{m.page_start}" if m.page_start == m.page_end else f"{m.page_start}-{m.page_end}"


def _counts(m: Measure) -> str:
    counts: dict[str, int] = {}
    for q in m.qualifiers:
        counts[q.category] = counts.get(q.category, 0) + 1
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))


def _para_page(m: Measure, number: str | None) -> int:
    p = m.paragraph(number) if number else None
    return p.page if p else m.page_start


def _note_text(n: Note) -> str:
    return n.text if n.same_document else f"{n.text} [note made on another edition]"


def _notes_of(sel: Selection, m: Measure) -> list[Note]:
    """A measure's notes: on the whole measure first, then by paragraph in document order."""
    order = {p.number: i for i, p in enumerate(m.paragraphs)}
    mine = [n for n in sel.notes if n.measure_id == m.id]
    return sorted(mine, key=lambda n: (n.paragraph is not None, order.get(n.paragraph or "", 0), n.created))


def _note_line(m: Measure, n: Note) -> str:
    where = f"para {n.paragraph}: " if n.paragraph else ""
    by = f" ({n.author})" if n.author else ""
    return f"{where}{n.position or 'note'}{by}: {_note_text(n)}"


def measure_rows(sel: Selection) -> list[dict]:
    """One row per measure. Its notes (whole-measure and paragraph notes alike) are on the row,
    so an officer filtering the Measures sheet sees every note without the Details sheet."""
    rows = []
    for m in sel.measures:
        st = sel.statuses.get(m.id)
        notes = _notes_of(sel, m)
        positions = list(dict.fromkeys(n.position for n in notes if n.position))
        rows.append({
            "measure_id": m.id,
            "title": m.title,
            "chapter": m.chapter or "",
            "pages": _pages(m),
            "status": st.status if st else "",
            "status_reason": reason_words(st.status, st.reason) if st else "",
            "loophole_risk": m.qualifier_summary.loophole_risk if m.qualifier_summary else "",
            "qualifiers": _counts(m),
            "position": ", ".join(positions),
            "note": "\n".join(_note_line(m, n) for n in notes),
            "citation": f"{m.id}, pp. {_pages(m)}" if m.page_start != m.page_end else f"{m.id}, p. {m.page_start}",
        })
    return rows


def detail_rows(sel: Selection) -> list[dict]:
    """Qualifiers and paragraph notes, one row each, with citations; in document order per measure.

    A note on a whole measure travels in the measure's own row (``measure_rows``).
    """
    rows = []
    by_measure: dict[str, list[Note]] = {}
    for n in sel.notes:
        by_measure.setdefault(n.measure_id, []).append(n)
    for m in sel.measures:
        for q in m.qualifiers:
            rows.append({
                "kind": "qualifier",
                "measure_id": m.id,
                "paragraph": q.paragraph + (q.item or ""),
                "page": q.page,
                "citation": citation(m.id, q.paragraph, q.page),
                "category_or_position": q.category,
                "text": q.phrase,
                "context": q.sentence,
            })
        for n in by_measure.get(m.id, []):
            if not n.paragraph:
                continue
            page = _para_page(m, n.paragraph)
            rows.append({
                "kind": "note",
                "measure_id": m.id,
                "paragraph": n.paragraph or "",
                "page": page,
                "citation": citation(m.id, n.paragraph, page),
                "category_or_position": n.position or "",
                "text": _note_text(n),
                "context": "",
            })
    return rows


# ---------------------------------------------------------------------------------------------
# Writers


def _finish(data: bytes, path: str | Path | None) -> bytes:
    if path is not None:
        Path(path).write_bytes(data)
    return data


_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xml(text: str) -> str:
    """Drop control characters (a PDF's form feeds) that XLSX and DOCX cannot store."""
    return _XML_ILLEGAL.sub("", text)


def _cell(value):
    """Text a spreadsheet would evaluate (``=HYPERLINK(...)`` in a PDF) is neutralised."""
    if isinstance(value, str):
        value = _xml(value)
    return csv_cell(value)


def to_csv(sel: Selection, path: str | Path | None = None) -> bytes:
    """One flat table: first the provenance (``kind`` "about": the field in ``title``, the value
    in ``text``), then a row per measure followed by its qualifier and note rows.

    Why provenance as rows and not as comment lines: a CSV reader (Excel, pandas, csv.DictReader)
    still reads one table, and the sample label is in the first lines an officer sees.
    """
    buf = io.StringIO()
    columns = ["kind", "measure_id", "title", "paragraph", "page", "citation", "status",
               "status_reason", "loophole_risk", "category_or_position", "text", "context"]
    w = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore")
    w.writeheader()
    for key, value in provenance(sel):
        w.writerow({"kind": "about", "title": _cell(key), "text": _cell(value)})
    details = detail_rows(sel)
    for mrow in measure_rows(sel):
        m_id = mrow["measure_id"]
        w.writerow({k: _cell(v) for k, v in {
            "kind": "measure", "measure_id": m_id, "title": mrow["title"], "paragraph": "",
            "page": mrow["pages"], "citation": mrow["citation"], "status": mrow["status"],
            "status_reason": mrow["status_reason"], "loophole_risk": mrow["loophole_risk"],
            "category_or_position": mrow["position"], "text": mrow["note"], "context": "",
        }.items()})
        for d in details:
            if d["measure_id"] == m_id:
                w.writerow({k: _cell(v) for k, v in d.items()})
    # utf-8-sig: Excel opens it with the right encoding (en dashes, curly quotes).
    return _finish(buf.getvalue().encode("utf-8-sig"), path)


def to_xlsx(sel: Selection, path: str | Path | None = None) -> bytes:
    """A workbook with sheets About (the provenance), Measures and Details (qualifiers and notes)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    about = wb.active
    about.title = "About"
    for row in provenance(sel):
        about.append([_cell(v) for v in row])
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 90
    for name, columns, rows in (("Measures", MEASURE_COLUMNS, measure_rows(sel)),
                                ("Details", DETAIL_COLUMNS, detail_rows(sel))):
        ws = wb.create_sheet(name)
        ws.append(columns)
        for c in ws[1]:
            c.font = Font(bold=True)
        for r in rows:
            ws.append([_cell(r[c]) for c in columns])
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        for i, col in enumerate(columns, start=1):
            width = max([len(str(col))] + [min(len(str(r[col])), 60) for r in rows]) + 2
            ws.column_dimensions[get_column_letter(i)].width = width
        if name == "Measures":  # several notes on one row: one per line
            for cell in ws[get_column_letter(columns.index("note") + 1)][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    if sel.info.sample:  # printed sheets carry the label on every page too
        for ws in wb.worksheets:
            ws.oddHeader.center.text = SAMPLE_LABEL
    buf = io.BytesIO()
    wb.save(buf)
    return _finish(buf.getvalue(), path)


# the app and the writers below use it under this name: document text in Markdown shows as written
# (one escaping rule for every writer: analyser/safe_output.py)
md_escape = markdown


def provenance_markdown(sel: Selection) -> list[str]:
    """The provenance as a Markdown list (shared by the export and the response draft)."""
    lines = []
    if sel.info.sample:
        lines += [f"> **{SAMPLE_LABEL}.**", ""]
    lines += [f"- **{md_escape(k)}:** {md_escape(v)}" for k, v in provenance(sel) if k != "Warning"]
    return lines + [""]


def to_markdown(sel: Selection, path: str | Path | None = None) -> bytes:
    lines = [f"# {md_escape(sel.title)}", ""]
    lines += provenance_markdown(sel)
    details = detail_rows(sel)
    by_id = {m.id: m for m in sel.measures}
    for mrow in measure_rows(sel):
        lines += [f"## {md_escape(mrow['measure_id'])} — {md_escape(mrow['title'])}", ""]
        lines.append(f"*{md_escape(mrow['citation'])}*")
        lines.append("")
        if mrow["status"]:
            lines.append(f"**Status:** {md_escape(mrow['status'])} — {md_escape(mrow['status_reason'])}")
            lines.append("")
        if mrow["loophole_risk"]:
            lines.append(f"**Loophole risk:** {mrow['loophole_risk']}")
            lines.append("")
        m = by_id[mrow["measure_id"]]
        for n in (n for n in _notes_of(sel, m) if not n.paragraph):
            by = f" ({md_escape(n.author)})" if n.author else ""
            lines.append(f"**Position:** {n.position or '—'}{by}. {md_escape(_note_text(n))}")
            lines.append("")
        if sel.include_text and m.paragraphs:
            for p in m.paragraphs:
                lines.append(f"> **{md_escape(p.number)}** {md_escape(p.text)} "
                             f"\\[{md_escape(citation(m.id, p.number, p.page))}\\]")
                lines.append(">")
            lines[-1] = ""
        quals = [d for d in details if d["measure_id"] == mrow["measure_id"] and d["kind"] == "qualifier"]
        if quals:
            lines.append("| Qualifier | Category | Citation |")
            lines.append("| --- | --- | --- |")
            for d in quals:
                lines.append(f"| {md_escape(d['text'])} | {d['category_or_position']} | "
                             f"{md_escape(d['citation'])} |")
            lines.append("")
        for d in details:
            if d["measure_id"] == mrow["measure_id"] and d["kind"] == "note":
                lines.append(f"- **{md_escape(d['citation'])}** ({d['category_or_position'] or 'note'}): "
                             f"{md_escape(d['text'])}")
        lines.append("")
    return _finish("\n".join(lines).rstrip("\n").encode("utf-8") + b"\n", path)


def docx_provenance(doc, sel: Selection) -> None:
    """The sample label in the page header of every page, and the provenance table up front
    (shared by the export and the response draft)."""
    label = f"{SAMPLE_LABEL} · " if sel.info.sample else ""
    for section in doc.sections:
        header = section.header
        para = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
        para.text = _xml(f"{label}{sel.info.short_name} · sha256 {sel.info.sha256[:12]}…")
        if sel.info.sample:
            para.runs[0].bold = True
    if sel.info.sample:
        doc.add_paragraph().add_run(SAMPLE_LABEL).bold = True
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for key, value in provenance(sel):
        if key == "Warning":
            continue
        cells = table.add_row().cells
        cells[0].text, cells[1].text = _xml(key), _xml(value)


def to_docx(sel: Selection, path: str | Path | None = None) -> bytes:
    """A Word document an officer can paste into a response: a section per measure."""
    from docx import Document

    doc = Document()
    sel_rows = [{k: _xml(v) if isinstance(v, str) else v for k, v in r.items()} for r in measure_rows(sel)]
    details = [{k: _xml(v) if isinstance(v, str) else v for k, v in r.items()} for r in detail_rows(sel)]
    by_id = {m.id: m for m in sel.measures}
    doc.add_heading(_xml(sel.title), level=0)
    docx_provenance(doc, sel)
    for mrow in sel_rows:
        doc.add_heading(f"{mrow['measure_id']} — {mrow['title']}", level=1)
        doc.add_paragraph(mrow["citation"]).runs[0].italic = True
        if mrow["status"]:
            p = doc.add_paragraph()
            p.add_run("Status: ").bold = True
            p.add_run(f"{mrow['status']} — {mrow['status_reason']}")
        if mrow["loophole_risk"]:
            p = doc.add_paragraph()
            p.add_run("Loophole risk: ").bold = True
            p.add_run(mrow["loophole_risk"])
        m = by_id[mrow["measure_id"]]
        for n in (n for n in _notes_of(sel, m) if not n.paragraph):
            p = doc.add_paragraph()
            by = f" ({n.author})" if n.author else ""
            p.add_run(_xml(f"Position: {n.position or '—'}{by}. ")).bold = True
            p.add_run(_xml(_note_text(n)))
        if sel.include_text:
            for para in m.paragraphs:
                p = doc.add_paragraph()
                p.add_run(_xml(f"{para.number} ")).bold = True
                p.add_run(_xml(para.text))
                p.add_run(_xml(f" [{citation(m.id, para.number, para.page)}]")).italic = True
        quals = [d for d in details if d["measure_id"] == mrow["measure_id"] and d["kind"] == "qualifier"]
        if quals:
            table = doc.add_table(rows=1, cols=3)
            table.style = "Table Grid"
            for cell, head in zip(table.rows[0].cells, ("Qualifier", "Category", "Citation")):
                cell.text = head
            for d in quals:
                cells = table.add_row().cells
                cells[0].text, cells[1].text, cells[2].text = d["text"], d["category_or_position"], d["citation"]
        for d in details:
            if d["measure_id"] == mrow["measure_id"] and d["kind"] == "note":
                p = doc.add_paragraph(style="List Bullet")
                p.add_run(f"{d['citation']} ({d['category_or_position'] or 'note'}): ").bold = True
                p.add_run(d["text"])
    buf = io.BytesIO()
    doc.save(buf)
    return _finish(buf.getvalue(), path)


WRITERS = {"xlsx": to_xlsx, "csv": to_csv, "md": to_markdown, "docx": to_docx}
MIME = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
    "md": "text/markdown",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
