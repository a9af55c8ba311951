"""Exports: each format opens in its own library and says the same thing, with citations."""

from __future__ import annotations

import csv
import io
import re

import pytest
from docx import Document
from openpyxl import load_workbook

from analyser.export import build_selection, to_csv, to_docx, to_markdown, to_xlsx
from analyser.models import (Code, CodeInfo, Measure, MeasureStatus, Paragraph, Qualifier,
                             QualifierSummary)
from analyser.notes import NotesStore


def _code(sample: bool = True) -> Code:
    info = CodeInfo("Sample ICU-style code", "Project", "ofcom-osa", "ICU", "u2u", "2026-01",
                    "icu-sample.pdf", "d" * 64, 30, "ofcom-icu", sample=sample)
    t1 = "Providers should use hash matching where technically feasible."
    t2 = "=HYPERLINK(\"http://evil\") is text \x0c from a PDF, not a formula."
    c9 = Measure("ICU C9", "C9", "Hash matching", "C", "Content moderation", 17, 18,
                 paragraphs=[Paragraph("C9.1", "This measure applies to large services.", 17, is_application=True),
                             Paragraph("C9.2", t1, 17), Paragraph("C9.3", t2, 18)],
                 qualifiers=[Qualifier("ICU C9", "C9.2", 17, "technically feasible", t1.index("technically"),
                                       t1.index("technically") + 20, t1, "feasibility", "lex:feasible")],
                 qualifier_summary=QualifierSummary({"feasibility": 1}, "high", ["core duty qualified"]))
    a1 = Measure("ICU A1", "A1", "Governance body", "A", "Governance", 5, 5,
                 paragraphs=[Paragraph("A1.1", "Providers should name a body.", 5)],
                 qualifier_summary=QualifierSummary({}, "none", []))
    return Code(info, [a1, c9])


@pytest.fixture
def selection(tmp_path):
    code = _code()
    store = NotesStore(tmp_path / "notes.sqlite")
    store.save(code.info.sha256, "ICU", "ICU C9", "Lets E2EE services out.", "object")
    store.save(code.info.sha256, "ICU", "ICU C9", "Which hashes?", "concern", paragraph="C9.2")
    store.save("e" * 64, "ICU", "ICU C9", "Older note on the draft", "agree")  # another edition
    statuses = [MeasureStatus("ICU C9", "qualified", "applies, but only 'where technically feasible'"),
                MeasureStatus("ICU A1", "applies", "applies to all services")]
    return build_selection(code, ["ICU C9", "ICU A1"], statuses, "Large E2EE messaging",
                           store.for_code(code.info.sha256, "ICU"))


def test_selection_keeps_document_order_and_prefers_this_documents_note(selection):
    assert [m.id for m in selection.measures] == ["ICU A1", "ICU C9"]
    whole = [n for n in selection.notes if n.paragraph is None]
    assert [n.text for n in whole] == ["Lets E2EE services out."]


def test_xlsx(selection, tmp_path):
    path = tmp_path / "out.xlsx"
    to_xlsx(selection, path)
    wb = load_workbook(path)
    assert wb.sheetnames == ["About", "Measures", "Details"]
    about = {r[0]: r[1] for r in wb["About"].iter_rows(values_only=True)}
    assert about["Warning"] == "SAMPLE – not official text"
    assert about["Service profile"] == "Large E2EE messaging"
    rows = list(wb["Measures"].iter_rows(values_only=True))
    head = rows[0]
    c9 = dict(zip(head, rows[2]))
    assert (c9["measure_id"], c9["status"], c9["position"], c9["loophole_risk"]) == \
        ("ICU C9", "qualified", "object, concern", "high")
    # Every note on the measure is on its row, the paragraph note with its paragraph.
    assert c9["note"].split("\n") == ["object: Lets E2EE services out.", "para C9.2: concern: Which hashes?"]
    assert c9["citation"] == "ICU C9, pp. 17-18"
    details = [dict(zip(rows_[0], r)) for rows_ in [list(wb["Details"].iter_rows(values_only=True))]
               for r in rows_[1:]]
    assert {"kind": "qualifier", "citation": "ICU C9, para C9.2, p. 17", "text": "technically feasible"}.items() \
        <= details[0].items()
    assert details[1]["kind"] == "note" and details[1]["citation"] == "ICU C9, para C9.2, p. 17"


def test_csv_neutralises_formulas(selection):
    data = to_csv(selection).decode("utf-8-sig")
    rows = [r for r in csv.DictReader(io.StringIO(data)) if r["kind"] != "about"]
    assert [r["kind"] for r in rows] == ["measure", "measure", "qualifier", "note"]
    assert rows[1]["status"] == "qualified" and rows[1]["text"].startswith("object: Lets E2EE services out.")
    assert rows[2]["category_or_position"] == "feasibility"
    # The formula-looking paragraph is not exported as a paragraph (no qualifier on it), but a
    # formula-looking note must be neutralised:
    sel = selection
    next(n for n in sel.notes if n.paragraph).text = "=1+1"
    rows = [r for r in csv.DictReader(io.StringIO(to_csv(sel).decode("utf-8-sig"))) if r["kind"] == "note"]
    assert rows[0]["text"] == "'=1+1"


def test_markdown_escapes_and_cites(selection):
    md = to_markdown(selection).decode()
    assert md.startswith("# Sample ICU-style code (ICU) — SAMPLE – not official text")
    assert "## ICU C9 — Hash matching" in md
    assert "**Status:** qualified" in md
    assert "| technically feasible | feasibility | ICU C9, para C9.2, p. 17 |" in md
    assert "- **ICU C9, para C9.2, p. 17** (concern): Which hashes?" in md


def test_docx(selection, tmp_path):
    path = tmp_path / "out.docx"
    to_docx(selection, path)
    doc = Document(path)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "SAMPLE – not official text" in text
    assert "ICU C9 — Hash matching" in [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Position: object. Lets E2EE services out." in text
    cells = [[c.text for c in r.cells] for r in doc.tables[1].rows]  # tables[0]: the provenance
    assert cells == [["Qualifier", "Category", "Citation"],
                     ["technically feasible", "feasibility", "ICU C9, para C9.2, p. 17"]]


def test_control_characters_do_not_break_office_files(tmp_path):
    code = _code(sample=False)
    store = NotesStore(tmp_path / "n.sqlite")
    store.save(code.info.sha256, "ICU", "ICU A1", "form\x0cfeed =SUM(A1)", "agree")
    sel = build_selection(code, notes=store.for_code(code.info.sha256, "ICU"))
    wb = load_workbook(io.BytesIO(to_xlsx(sel)))
    about = {r[0]: r[1] for r in wb["About"].iter_rows(values_only=True)}
    assert "Warning" not in about  # not a sample
    note_cells = [r[9] for r in wb["Measures"].iter_rows(values_only=True)]
    assert "agree: formfeed =SUM(A1)" in note_cells
    assert "formfeed =SUM(A1)" in "\n".join(p.text for p in Document(io.BytesIO(to_docx(sel))).paragraphs)


PROVENANCE = ["Document", "Version", "Source file", "sha256", "Service profile", "Filters", "Analyser version",
              "Exported"]


def _filtered(selection):
    selection.filters = {"chapters": "C", "statuses": "qualified"}
    return selection


def test_every_format_carries_its_provenance(selection, tmp_path):
    """Title, version, source file, full sha256, sample label, service, filters, analyser
    version and time: read back from each format with its own library."""
    sel = _filtered(selection)
    sha = "d" * 64
    table = list(csv.reader(io.StringIO(to_csv(sel).decode("utf-8-sig"))))
    about = {r[2]: r[10] for r in table[1:] if r[0] == "about"}
    assert set(PROVENANCE) <= set(about) and about["sha256"] == sha
    assert about["Warning"] == "SAMPLE – not official text"
    assert table[1][0] == "about" and table[2][10] == "SAMPLE – not official text"  # in the first lines
    assert about["Filters"] == "chapters: C; statuses: qualified"
    assert about["Service profile"] == "Large E2EE messaging" and about["Version"] == "2026-01"
    assert about["Source file"] == "icu-sample.pdf" and about["Analyser version"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", about["Exported"])

    wb = load_workbook(io.BytesIO(to_xlsx(sel)))
    xabout = {r[0]: r[1] for r in wb["About"].iter_rows(values_only=True)}
    assert {k: xabout[k] for k in PROVENANCE} == {k: about[k] for k in PROVENANCE}

    md = to_markdown(sel).decode()
    for key in PROVENANCE:
        assert f"- **{key}:** " in md, key
    assert f"- **sha256:** {sha}" in md and "- **Filters:** chapters: C; statuses: qualified" in md
    assert "> **SAMPLE – not official text.**" in md

    doc = Document(io.BytesIO(to_docx(sel)))
    dabout = {r.cells[0].text: r.cells[1].text for r in doc.tables[0].rows}
    assert {k: dabout[k] for k in PROVENANCE} == {k: about[k] for k in PROVENANCE}


def test_docx_label_is_in_the_header_of_every_page(selection):
    """Long enough to run over several pages; every section's header carries the label."""
    from docx.enum.text import WD_BREAK

    data = to_docx(selection)
    doc = Document(io.BytesIO(data))
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_section()  # a new section inherits the header (linked to previous)
    for section in doc.sections:
        assert "SAMPLE – not official text" in section.header.paragraphs[0].text
    assert Document(io.BytesIO(data)).sections[0].header.is_linked_to_previous is False


def test_measure_text_with_citations_on_request(selection):
    selection.include_text = True
    doc = Document(io.BytesIO(to_docx(selection)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "C9.2 Providers should use hash matching where technically feasible. [ICU C9, para C9.2, p. 17]" in text
    md = to_markdown(selection).decode()
    assert "> **C9.2** Providers should use hash matching where technically feasible. \\[ICU C9, para C9.2, p. 17\\]" in md


def test_file_names_say_what_was_selected(selection):
    from analyser.export import file_stem

    everything = file_stem(build_selection(_code(), service=None))
    assert everything == "icu-sample-export-all-measures"
    assert file_stem(selection) == "icu-sample-export-large-e2ee-messaging-all-measures"
    assert file_stem(_filtered(selection)) == \
        "icu-sample-export-large-e2ee-messaging-chapters-c-statuses-qualified"
