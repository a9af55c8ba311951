"""A consultation response draft for one service profile, as Markdown or DOCX, for an officer to edit.

What an officer arguing "does end-to-end encryption let a messenger out of the child-safety
measures?" needs on paper: each measure the service escapes (exempt) or that is qualified for it,
the exact wording that lets it out, quoted with paragraph and page, what changes with and without
end-to-end encryption, and the officer's own positions and notes grouped as objections, concerns
and agreements. Optionally the consultation's own questions order the draft.

The analysis decides (``evaluate``); this module only gathers and lays out. Document text and
notes are untrusted: Markdown goes through ``export.md_escape`` and DOCX through ``export._xml``,
the same single functions every other writer uses.
"""

from __future__ import annotations

import dataclasses
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from .export import Selection, _finish, _xml, build_selection, docx_provenance, md_escape, \
    provenance_markdown
from .models import Code, Measure, MeasureStatus, ServiceProfile
from .notes import POSITIONS, Note
from .scope import scope_spans, sentence_at
from .search import citation
from .statuses import STATUS_WORDS, reason_words, scope_words, status_words

# The statuses a response argues about, in the order the draft lists them: the measures that
# reach the service in name only first. A status added to STATUS_WORDS that is neither "applies"
# nor listed here (e.g. "unclear") is still included, after these.
ESCAPING = ("qualified", "exempt")
POSITION_ORDER = ("object", "concern", "agree")
POSITION_HEADINGS = {"object": "Objections", "concern": "Concerns", "agree": "Agreements", None: "Other notes"}


@dataclass
class Quote:
    """The wording that lets the service out, with where it is printed."""

    measure: str
    paragraph: str
    item: str | None
    page: int
    text: str  # the sentence as printed
    phrase: str  # the words within it that do it
    kind: str  # "scope", "qualifier" or "application"
    what: str  # in words: "content scope: only content communicated publicly", "feasibility wording"

    @property
    def citation(self) -> str:
        para = self.paragraph + (self.item or "")
        return citation(self.measure, para, self.page)


@dataclass
class WhatIf:
    label: str  # "with end-to-end encryption"
    status: MeasureStatus


@dataclass
class DraftMeasure:
    measure: Measure
    status: MeasureStatus
    quotes: list[Quote]
    whatifs: list[WhatIf] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


@dataclass
class Question:
    text: str
    measure_ids: list[str] = field(default_factory=list)


@dataclass
class Draft:
    selection: Selection  # for the provenance and the sample label
    service: ServiceProfile
    measures: list[DraftMeasure]
    e2ee_changes: list[tuple[Measure, MeasureStatus, MeasureStatus]]  # without, with
    notes: list[Note]
    questions: list[Question] = field(default_factory=list)
    code_measures: dict[str, Measure] = field(default_factory=dict)  # every measure, for note citations


def with_e2ee(p: ServiceProfile) -> ServiceProfile:
    return dataclasses.replace(p, features=sorted(set(p.features) | {"e2ee"}))


def without_e2ee(p: ServiceProfile) -> ServiceProfile:
    return dataclasses.replace(p, features=[f for f in p.features if f != "e2ee"])


def let_out_quotes(m: Measure, st: MeasureStatus) -> list[Quote]:
    """The printed wording behind a status: for "qualified", the scope or qualifier named by the
    evaluation (and any qualifier its reason quotes); otherwise the application wording."""
    quotes: list[Quote] = []
    seen: set[tuple[str, int]] = set()

    def add(q: Quote, start: int) -> None:
        if (q.paragraph, start) not in seen:
            seen.add((q.paragraph, start))
            quotes.append(q)

    if st.status == "qualified":
        scopes = {s for s in st.qualifiers if s in ((m.applicability.scope if m.applicability else []) or [])
                  or s.endswith("-content")}
        spans = scope_spans(m)
        app_paras = set(m.application_paragraphs)
        for key in scopes:
            # The application's own statement of the scope first; a later restatement only if none.
            mine = [s for s in spans if s.key == key]
            mine = [s for s in mine if s.paragraph in app_paras] or mine[:1]
            for s in mine:
                p = m.paragraph(s.paragraph)
                add(Quote(m.id, s.paragraph, None, s.page, sentence_at(p.text, s.start, s.end) if p else s.phrase,
                          s.phrase, "scope", f"content scope: {scope_words(key)}"), s.start)
        phrases = {q.lower() for q in st.qualifiers if q not in scopes}
        # Quoted phrases in the reason ("holds only 'where technically feasible'"); an apostrophe
        # inside a word ("service's") opens no quotation.
        quoted_in_reason = {x.lower() for x in re.findall(r"(?<![A-Za-z])'([^']+)'(?![A-Za-z])", st.reason)}
        for q in m.qualifiers:
            if q.phrase.lower() in phrases or (q.phrase.lower() in quoted_in_reason and q.in_core_obligation):
                add(Quote(m.id, q.paragraph, q.item, q.page, q.sentence, q.phrase, "qualifier",
                          f"{q.category} wording" + (" (negated: 'not ... feasible' reads the same)" if q.negated
                                                     else "")), q.start)
    if not quotes:
        for number in m.application_paragraphs or []:
            p = m.paragraph(number)
            if p:
                add(Quote(m.id, p.number, None, p.page, " ".join(p.text.split()), "", "application",
                          "application wording"), 0)
        if not quotes and m.application:
            add(Quote(m.id, "", None, m.page_start, " ".join(m.application.split()), "", "application",
                      "application wording"), 0)
    return quotes


def build_draft(
    code: Code,
    service: ServiceProfile,
    notes: list[Note] | tuple[Note, ...] = (),
    questions: list[Question] | None = None,
    service_title: str | None = None,
) -> Draft:
    """Everything the draft says, decided once; the two writers only lay it out."""
    from .evaluate import evaluate

    title = service_title or service.name
    now = {s.measure: s for s in evaluate(code, service)}
    plus = {s.measure: s for s in evaluate(code, with_e2ee(service))}
    minus = {s.measure: s for s in evaluate(code, without_e2ee(service))}
    has_e2ee = "e2ee" in service.features
    chosen = [m for m in code.measures if m.id in now and now[m.id].status != "applies"]
    order = {s: i for i, s in enumerate(ESCAPING)}
    chosen.sort(key=lambda m: order.get(now[m.id].status, len(order)))  # stable: document order within
    sel = build_selection(code, [m.id for m in chosen], now, title, notes,
                          filters={"measures": "exempt or qualified for the service (with the what-if on "
                                               "end-to-end encryption)"})
    sel.measures = chosen  # the draft's order, not document order
    by_measure: dict[str, list[Note]] = {}
    for n in sel.notes:
        by_measure.setdefault(n.measure_id, []).append(n)
    draft_measures = []
    for m in chosen:
        other_label, other = (("without end-to-end encryption", minus[m.id]) if has_e2ee
                              else ("with end-to-end encryption", plus[m.id]))
        draft_measures.append(DraftMeasure(m, now[m.id], let_out_quotes(m, now[m.id]),
                                           [WhatIf(other_label, other)], by_measure.get(m.id, [])))
    changes = [(m, minus[m.id], plus[m.id]) for m in code.measures
               if m.id in minus and m.id in plus and minus[m.id].status != plus[m.id].status]
    all_notes = [n for n in notes if any(m.id == n.measure_id for m in code.measures)]
    here = {(n.measure_id, n.paragraph) for n in all_notes if n.same_document}
    all_notes = [n for n in all_notes if n.same_document or (n.measure_id, n.paragraph) not in here]
    return Draft(sel, dataclasses.replace(service, name=title), draft_measures, changes, all_notes,
                 [q for q in (questions or []) if q.text.strip()], {m.id: m for m in code.measures})


def _sections(draft: Draft) -> list[tuple[str | None, list[DraftMeasure]]]:
    """(question or None, measures) in the order the draft follows: the questions' order first."""
    if not draft.questions:
        return [(None, draft.measures)]
    by_id = {d.measure.id: d for d in draft.measures}
    filed: set[str] = set()
    out: list[tuple[str | None, list[DraftMeasure]]] = []
    for q in draft.questions:
        items = [by_id[i] for i in q.measure_ids if i in by_id]
        filed.update(i for i in q.measure_ids)
        out.append((q.text, items))
    rest = [d for d in draft.measures if d.measure.id not in filed]
    if rest:
        out.append(("Other measures this service escapes or is qualified for", rest))
    return out


def _note_cite(code_measures: dict[str, Measure], n: Note) -> str:
    m = code_measures.get(n.measure_id)
    page = (m.paragraph(n.paragraph).page if m and n.paragraph and m.paragraph(n.paragraph) else
            (m.page_start if m else None))
    return citation(n.measure_id, n.paragraph, page)


def _grouped_notes(notes: list[Note]) -> list[tuple[str | None, list[Note]]]:
    groups = [(p, [n for n in notes if n.position == p]) for p in POSITION_ORDER if p in POSITIONS]
    groups.append((None, [n for n in notes if n.position not in POSITION_ORDER]))
    return [(p, ns) for p, ns in groups if ns]


def _status_sentence(d: DraftMeasure, service: str) -> str:
    w = status_words(d.status.status)
    why = reason_words(d.status.status, d.status.reason)
    return f"{d.status.measure} is {w.label} for {service}: it {w.phrase} this service. Why: {why}."


# ---------------------------------------------------------------------------------------------
# Markdown


def to_markdown(draft: Draft, path: str | Path | None = None) -> bytes:
    e = md_escape
    svc = draft.service.name
    measures = draft.code_measures
    lines = [f"# Response draft: {e(draft.selection.info.short_name)} and {e(svc)}", ""]
    lines += provenance_markdown(draft.selection)
    lines += ["## What the statuses mean", ""]
    lines += [f"- **{e(w.label)}**: {e(w.definition)}" for w in STATUS_WORDS.values()]
    lines.append("")
    counts: dict[str, int] = {}
    for d in draft.measures:
        counts[d.status.status] = counts.get(d.status.status, 0) + 1
    summary = ", ".join(f"{n} {e(status_words(s).label)}" for s, n in counts.items()) or "none"
    lines += ["## Summary", "", f"For {e(svc)}: {summary}.", ""]
    for question, items in _sections(draft):
        if question is not None:
            lines += [f"## {e(question)}", ""]
            if not items:
                lines += ["*No measure filed under this question.*", ""]
        else:
            lines += ["## Measures this service escapes or is qualified for", ""]
        for d in items:
            m = d.measure
            lines += [f"### {e(m.id)} — {e(m.title)} ({e(status_words(d.status.status).label)})", ""]
            lines += [e(_status_sentence(d, svc)), ""]
            for q in d.quotes:
                lines.append(f"> “{e(q.text)}” — {e(q.citation)}")
                lines.append(">")
                lines.append(f"> *{e(q.what)}*" + (f": “{e(q.phrase)}”" if q.phrase else ""))
                lines.append("")
            for w in d.whatifs:
                lines.append(f"**{e(w.label.capitalize())}:** {e(status_words(w.status.status).label)} — "
                             f"{e(reason_words(w.status.status, w.status.reason))}")
                lines.append("")
            for n in d.notes:
                by = f" ({e(n.author)})" if n.author else ""
                lines.append(f"- *{e(n.position or 'note')}{by}*, {e(_note_cite(measures, n))}: {e(n.text)}")
            if d.notes:
                lines.append("")
    lines += ["## What end-to-end encryption changes", ""]
    if draft.e2ee_changes:
        lines += ["| Measure | Without end-to-end encryption | With end-to-end encryption | Why, with it |",
                  "| --- | --- | --- | --- |"]
        for m, before, after in draft.e2ee_changes:
            lines.append(f"| {e(m.id)} — {e(m.title)} | {e(status_words(before.status).label)} | "
                         f"{e(status_words(after.status).label)} | {e(reason_words(after.status, after.reason))} |")
    else:
        lines.append("No measure changes status with end-to-end encryption.")
    lines.append("")
    lines += ["## The officer's positions and notes", ""]
    groups = _grouped_notes(draft.notes)
    if not groups:
        lines += ["*No notes yet.*", ""]
    for position, ns in groups:
        lines += [f"### {POSITION_HEADINGS.get(position, 'Other notes')}", ""]
        for n in ns:
            by = f" ({e(n.author)})" if n.author else ""
            other = " \\[note made on another edition\\]" if not n.same_document else ""
            lines.append(f"- **{e(_note_cite(measures, n))}**{by}: {e(n.text)}{other}")
        lines.append("")
    return _finish("\n".join(lines).rstrip("\n").encode("utf-8") + b"\n", path)


# ---------------------------------------------------------------------------------------------
# DOCX


def to_docx(draft: Draft, path: str | Path | None = None) -> bytes:
    from docx import Document

    x = _xml
    svc = draft.service.name
    measures = draft.code_measures
    doc = Document()
    doc.add_heading(x(f"Response draft: {draft.selection.info.short_name} and {svc}"), level=0)
    docx_provenance(doc, draft.selection)
    doc.add_heading("What the statuses mean", level=1)
    for w in STATUS_WORDS.values():
        p = doc.add_paragraph(style="List Bullet")
        p.add_run(x(w.label) + ": ").bold = True
        p.add_run(x(w.definition))
    for question, items in _sections(draft):
        doc.add_heading(x(question) if question is not None
                        else "Measures this service escapes or is qualified for", level=1)
        if question is not None and not items:
            doc.add_paragraph("No measure filed under this question.").runs[0].italic = True
        for d in items:
            m = d.measure
            doc.add_heading(x(f"{m.id} — {m.title} ({status_words(d.status.status).label})"), level=2)
            doc.add_paragraph(x(_status_sentence(d, svc)))
            for q in d.quotes:
                p = doc.add_paragraph(style="Quote")
                p.add_run(x(f"“{q.text}”"))
                p.add_run(x(f" — {q.citation}")).bold = True
                p2 = doc.add_paragraph()
                p2.add_run(x(q.what)).italic = True
                if q.phrase:
                    p2.add_run(x(f": “{q.phrase}”"))
            for w in d.whatifs:
                p = doc.add_paragraph()
                p.add_run(x(f"{w.label.capitalize()}: ")).bold = True
                p.add_run(x(f"{status_words(w.status.status).label} — {reason_words(w.status.status, w.status.reason)}"))
            for n in d.notes:
                p = doc.add_paragraph(style="List Bullet")
                by = f" ({n.author})" if n.author else ""
                p.add_run(x(f"{n.position or 'note'}{by}, {_note_cite(measures, n)}: ")).italic = True
                p.add_run(x(n.text))
    doc.add_heading("What end-to-end encryption changes", level=1)
    if draft.e2ee_changes:
        table = doc.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, head in zip(table.rows[0].cells, ("Measure", "Without end-to-end encryption",
                                                     "With end-to-end encryption", "Why, with it")):
            cell.text = head
        for m, before, after in draft.e2ee_changes:
            cells = table.add_row().cells
            cells[0].text = x(f"{m.id} — {m.title}")
            cells[1].text = status_words(before.status).label
            cells[2].text = status_words(after.status).label
            cells[3].text = x(reason_words(after.status, after.reason))
    else:
        doc.add_paragraph("No measure changes status with end-to-end encryption.")
    doc.add_heading("The officer's positions and notes", level=1)
    groups = _grouped_notes(draft.notes)
    if not groups:
        doc.add_paragraph("No notes yet.").runs[0].italic = True
    for position, ns in groups:
        doc.add_heading(POSITION_HEADINGS.get(position, "Other notes"), level=2)
        for n in ns:
            p = doc.add_paragraph(style="List Bullet")
            by = f" ({n.author})" if n.author else ""
            p.add_run(x(f"{_note_cite(measures, n)}{by}: ")).bold = True
            p.add_run(x(n.text + ("" if n.same_document else " [note made on another edition]")))
    buf = io.BytesIO()
    doc.save(buf)
    return _finish(buf.getvalue(), path)


WRITERS = {"md": to_markdown, "docx": to_docx}


def file_stem(draft: Draft) -> str:
    from .export import _slug

    parts = [draft.selection.info.short_name.lower() or "code"]
    if draft.selection.info.sample:
        parts.append("sample")
    parts += ["response-draft", _slug(draft.service.name)]
    if draft.questions:
        parts.append(f"{len(draft.questions)}-questions")
    return "-".join(p for p in parts if p)
