"""Extraction against every generated fixture: exact structure as the generator wrote it.

Each fixture PDF in tests/fixtures has an ``.expected.json`` written by fixtures/generate.py from
the same source the PDF was rendered from (pages found with pdftotext, not with this parser), so
these tests compare the parser with an independent account of what is printed. New fixtures are
picked up automatically.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import FIXTURES, expected_for

from analyser.extract import extract_code

PDFS = sorted(p.with_name(p.name.replace(".expected.json", ".pdf")) for p in FIXTURES.glob("*.expected.json"))
PDFS = [p for p in PDFS if p.exists()]

_CACHE: dict[Path, object] = {}


def ws(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def extracted(pdf: Path):
    if pdf not in _CACHE:
        _CACHE[pdf] = extract_code(pdf)
    return _CACHE[pdf]


@pytest.fixture(params=PDFS, ids=[p.stem for p in PDFS])
def case(request):
    pdf = request.param
    return extracted(pdf), expected_for(pdf)


def test_there_are_fixtures():
    assert PDFS, "no fixture with an .expected.json in tests/fixtures"


def test_code_info(case):
    code, exp = case
    info = exp["code"]
    assert code.info.short_name == info["short_name"]
    assert code.info.family == info["family"]
    assert code.info.kind == info["kind"]
    assert code.info.page_count == info["page_count"]
    assert code.info.sample == info.get("sample", False)
    assert code.info.source_file == info["source_file"]
    assert ws(code.info.title) .lower().startswith(ws(info["title"]).lower())
    assert len(code.info.sha256) == 64


def test_measure_ids_in_order(case):
    code, exp = case
    assert [m.id for m in code.measures] == [m["id"] for m in exp["measures"]]


def test_titles_chapters_and_pages(case):
    code, exp = case
    got = [(m.id, ws(m.title), m.chapter, ws(m.chapter_title or ""), m.page_start, m.page_end) for m in code.measures]
    want = [
        (m["id"], ws(m["title"]), m["chapter"], ws(m["chapter_title"] or ""), m["page_start"], m["page_end"])
        for m in exp["measures"]
    ]
    assert got == want


def test_paragraph_numbers_texts_and_pages(case):
    code, exp = case
    for em in exp["measures"]:
        m = code.measure(em["id"])
        assert m is not None, em["id"]
        assert [p.number for p in m.paragraphs] == [p["number"] for p in em["paragraphs"]], em["id"]
        for p, ep in zip(m.paragraphs, em["paragraphs"]):
            assert ws(p.text) == ws(ep["text"]), p.number
            assert (p.page, p.page_end) == (ep["page"], ep.get("page_end", ep["page"])), p.number
            assert p.is_application == ep.get("is_application", False), p.number


def _items(items) -> list:
    return [(i.label, ws(i.text), _items(i.items)) for i in items]


def _exp_items(items) -> list:
    return [(i["label"], ws(i["text"]), _exp_items(i.get("items", []))) for i in items]


def test_sub_items(case):
    code, exp = case
    for em in exp["measures"]:
        m = code.measure(em["id"])
        for p, ep in zip(m.paragraphs, em["paragraphs"]):
            assert _items(p.items) == _exp_items(ep.get("items", [])), p.number


def test_sub_item_offsets_point_into_the_text(case):
    code, _ = case
    seen = 0

    def walk(text, items):
        nonlocal seen
        for it in items:
            seen += 1
            assert text[it.start:].startswith(it.label)
            assert ws(it.text)[:20] in ws(text[it.start:it.end])
            walk(text, it.items)

    for m in code.measures:
        for p in m.paragraphs:
            walk(p.text, p.items)
    assert seen > 0


def test_application(case):
    code, exp = case
    for em in exp["measures"]:
        m = code.measure(em["id"])
        assert m.application_paragraphs == em["application_paragraphs"], em["id"]
        assert ws(m.application) == ws(em["application"]), em["id"]


def test_footnotes_linked_to_paragraphs(case):
    code, exp = case
    got = sorted(
        (f.number, ws(f.text), f.paragraph, f.page, m.id) for m in code.measures for f in m.footnotes
    )
    want = sorted(
        (f["number"], ws(f["text"]), f["paragraph"], f["page"], m["id"]) for m in exp["measures"] for f in m["footnotes"]
    )
    assert got == want
    assert len(got) == exp.get("footnote_count", len(got))
    for em in exp["measures"]:
        m = code.measure(em["id"])
        for p, ep in zip(m.paragraphs, em["paragraphs"]):
            assert p.footnote_refs == ep.get("footnote_refs", []), p.number


def test_no_footnote_text_in_body(case):
    code, exp = case
    notes = [ws(f["text"]) for m in exp["measures"] for f in m["footnotes"]]
    for m in code.measures:
        for p in m.paragraphs:
            for note in notes:
                assert note[:40] not in ws(p.text), p.number


def test_cross_references(case):
    code, exp = case
    got = sorted((m.id, c.source_paragraph, c.target, c.kind, c.text) for m in code.measures for c in m.cross_refs)
    want = sorted(
        (m["id"], c["source_paragraph"], c["target"], c["kind"], c["text"]) for m in exp["measures"] for c in m["cross_refs"]
    )
    assert got == want


def test_index_rows(case):
    code, exp = case
    got = [(r.id_text, r.ids, ws(r.title), ws(r.applies_to), r.page) for r in code.index]
    want = [(r["id_text"], r["ids"], ws(r["title"]), ws(r["applies_to"]), r["page"]) for r in exp["index"]]
    assert got == want


def test_reconciliation_is_empty(case):
    code, exp = case
    if exp["index"]:
        assert code.index
    assert code.reconciliation.missing_from_body == []
    assert code.reconciliation.missing_from_index == []


def test_no_page_furniture_in_measures(case):
    code, exp = case
    running = [ws(code.info.title)]
    for m in code.measures:
        for p in m.paragraphs:
            assert "(sample)" not in p.text or "(sample)" in " ".join(
                ep["text"] for em in exp["measures"] if em["id"] == m.id for ep in em["paragraphs"]
            )
            assert not re.search(r"\.{5,}", p.text), p.number  # contents leaders
            assert running[0] not in p.text or running[0] in ws(
                next(ep["text"] for em in exp["measures"] if em["id"] == m.id for ep in em["paragraphs"] if ep["number"] == p.number)
            )


def test_json_round_trip(case):
    code, _ = case
    from analyser.models import Code

    again = Code.from_dict(code.to_dict())
    assert again == code


# ---------------------------------------------------------------------------------------------
# A layout unlike the fixtures: reportlab's engine, run-in headings with only the ID in bold,
# paragraphs without hanging indent, sub-items all at one indentation, a heading's title on
# its own line, chapters named without letters.
# ---------------------------------------------------------------------------------------------
VARIANT = {
    "Governance and accountability": [
        ("A1", "Annual review of risk", True),
        ("A2", "Named person accountable", False),
    ],
    "Content moderation": [
        ("C1", "Review of suspected illegal content", True),
        ("C2", "Swift take down", False),
    ],
}


def _variant_pdf(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    ss = getSampleStyleSheet()
    body = ParagraphStyle("b", parent=ss["BodyText"], fontName="Helvetica", fontSize=10, leading=13, spaceAfter=5)
    chap = ParagraphStyle("c", parent=body, fontName="Helvetica-Bold", fontSize=15, spaceBefore=10, spaceAfter=8)
    head = ParagraphStyle("h", parent=body, fontName="Helvetica-Bold", fontSize=11.5, spaceBefore=8)
    story = [Paragraph("Illegal content Codes of Practice for user-to-user services", ss["Title"]), PageBreak()]
    story.append(Paragraph("Providers review a sample of content each month; this is no sample document.", body))
    for chapter, measures in VARIANT.items():
        story.append(Paragraph(chapter, chap))
        for number, title, run_in in measures:
            if run_in:
                story.append(Paragraph(f"<b>ICU {number}</b> {title}", body))
            else:
                story.append(Paragraph(f"ICU {number}", head))
                story.append(Paragraph(title, head))
            story.append(Paragraph(f"{number}.1 This measure applies to providers of large services.", body))
            story.append(Paragraph("Recommendation", body))  # a sub-heading in plain type
            story.append(Paragraph(
                f"{number}.2 The provider should keep the matter under review and should report on it to "
                "its governance body at least once a year, taking account of ICU A1 where relevant, and:", body))
            for label in ("(a) first, the scale of the matter;", "(b) second, its causes, including:",
                          "(i) the design of the service; and", "(ii) the way it is used; and",
                          "(c) third, what was done."):
                story.append(Paragraph(label, body))
            story.append(Paragraph(f"{number}.3 See paragraph {number}.2 for the report.", body))
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def test_variant_layout_from_a_second_producer(tmp_path):
    code = extract_code(_variant_pdf(tmp_path / "variant.pdf"))
    assert code.info.profile == "icu"
    assert code.info.sample is False  # "a sample of content" in the text is not a label
    want = [(f"ICU {n}", t, ch) for ch, ms in VARIANT.items() for n, t, _ in ms]
    assert [(m.id, m.title, m.chapter_title) for m in code.measures] == want
    for m in code.measures:
        assert [p.number for p in m.paragraphs] == [f"{m.number}.1", f"{m.number}.2", f"{m.number}.3"]
        assert m.application_paragraphs == [f"{m.number}.1"]
        assert m.paragraphs[0].text == "This measure applies to providers of large services."
        items = m.paragraphs[1].items
        assert [i.label for i in items] == ["(a)", "(b)", "(c)"]
        assert [i.label for i in items[1].items] == ["(i)", "(ii)"]
        assert items[1].text == "second, its causes, including:"
        refs = {(c.target, c.kind) for c in m.cross_refs}
        assert refs == {("ICU A1", "measure"), (f"{m.number}.2", "paragraph")}
    assert code.index == [] and any("no index table" in w.message for w in code.warnings)


def test_letter_i_after_h_is_a_letter_and_after_a_a_numeral(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    ss = getSampleStyleSheet()
    body = ParagraphStyle("b", parent=ss["BodyText"], fontSize=10, leading=13)
    sub = ParagraphStyle("s", parent=body, leftIndent=20)
    head = ParagraphStyle("h", parent=body, fontName="Helvetica-Bold", fontSize=12)
    story = [Paragraph("Illegal content Codes of Practice for user-to-user services", ss["Title"])]
    for n in (1, 2, 3):
        story += [Paragraph(f"ICU A{n} Measure number {n}", head), Paragraph(f"A{n}.1 The provider should:", body)]
        for letter in "abcdefghij":
            story.append(Paragraph(f"({letter}) do thing {letter};", body))
            if letter == "j":
                story += [Paragraph("(i) in one way; or", sub), Paragraph("(ii) in another.", sub)]
    path = tmp_path / "letters.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    code = extract_code(path)
    items = code.measure("ICU A2").paragraphs[0].items
    assert [i.label for i in items] == [f"({c})" for c in "abcdefghij"]
    assert items[8].text == "do thing i;"
    assert [i.label for i in items[9].items] == ["(i)", "(ii)"]


# ---------------------------------------------------------------------------------------------
# A Word-like export with no heading typography at all (every line in the body type), drawn glyph
# by glyph with reportlab: a sentence that starts with a measure ID wraps to a line start, lists
# and ranges of cross-references, two footnotes whose words are the same on two pages, paragraph
# numbers skipped and repeated, and a numbered line before the first measure.
# ---------------------------------------------------------------------------------------------
def _plain_pdf(path: Path) -> Path:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from test_pdftext import draw_document

    def page(rows: list[str], note: str | None = None) -> list[tuple]:
        items: list[tuple] = []
        for k, row in enumerate(rows):
            text, _, sup = row.partition("^")
            y = 80 + 15 * k
            items.append((text, 10, 56, y, ""))
            if sup:
                items.append((sup, 6, 56 + stringWidth(text, "Helvetica", 10) + 0.5, y, "sup"))
        if note:
            items.append((note, 8, 56, 790, ""))
        return items

    pages = [
        [("Illegal content Codes of Practice for user-to-user services", 18, 56, 90, "b")]
        + page(["", "", "This document sets out the measures. A stray number follows.",
                "C9.1 This numbered line comes before any measure heading."]),
        page([
            "ICU C1 Content moderation function",
            "C1.1 This measure applies to all providers of user-to-user services.",
            "C1.2 The provider should have a content moderation function, which the",
            "measure described in this paragraph and set out in",
            "ICU C1 sets out in full, as paragraphs C1.3 to C1.5 explain.^1",
            "C1.3 The provider should act in accordance with ICU C2, C3 and C5.",
            "C1.4 The provider should review the function.",
            "C1.6 The provider should report on the function.",
        ], "1 See the Register of Risks, chapter 3."),
        page([
            "ICU C2 Swift take down",
            "C2.1 The provider should take down illegal content swiftly.^2",
            "C2.2 The provider should restore content wrongly taken down.",
            "C2.1 The provider should not repeat a number.",
        ], "2 See the Register of Risks, chapter 3."),
    ]
    return draw_document(path, pages, footer="Page {n}")


@pytest.fixture(scope="module")
def plain_code(tmp_path_factory):
    return extract_code(_plain_pdf(tmp_path_factory.mktemp("plain") / "plain.pdf"))


def test_plain_type_headings_but_not_a_sentence_that_starts_with_an_id(plain_code):
    assert [(m.id, m.title) for m in plain_code.measures] == [
        ("ICU C1", "Content moderation function"), ("ICU C2", "Swift take down")]
    c1 = plain_code.measure("ICU C1")
    assert [p.number for p in c1.paragraphs] == ["C1.1", "C1.2", "C1.3", "C1.4", "C1.6"]
    assert c1.paragraphs[1].text.endswith("set out in ICU C1 sets out in full, as paragraphs C1.3 to C1.5 explain.")


def test_lists_and_ranges_of_cross_references_give_every_target(plain_code):
    refs = sorted((c.source_paragraph, c.target, c.kind, c.text) for c in plain_code.measure("ICU C1").cross_refs)
    assert refs == [
        ("C1.2", "C1.3", "paragraph", "C1.3"),
        ("C1.2", "C1.4", "paragraph", "C1.3 to C1.5"),
        ("C1.2", "C1.5", "paragraph", "C1.5"),
        ("C1.2", "ICU C1", "measure", "ICU C1"),
        ("C1.3", "ICU C2", "measure", "ICU C2"),
        ("C1.3", "ICU C3", "measure", "C3"),
        ("C1.3", "ICU C5", "measure", "C5"),
    ]


def test_footnotes_that_read_alike_on_two_pages_are_not_a_running_footer(plain_code):
    notes = [(f.number, f.text, f.page, f.paragraph) for m in plain_code.measures for f in m.footnotes]
    assert notes == [("1", "See the Register of Risks, chapter 3.", 2, "C1.2"),
                     ("2", "See the Register of Risks, chapter 3.", 3, "C2.1")]
    assert all("Page" not in p.text for m in plain_code.measures for p in m.paragraphs)


def test_unsure_readings_are_warnings_with_a_page_and_no_text_is_lost(plain_code):
    warns = [(w.page, w.message) for w in plain_code.warnings]
    assert any(p == 1 and "before the first measure" in msg and "C9.1" in msg for p, msg in warns), warns
    assert any(p == 2 and "C1.6 follows C1.4" in msg for p, msg in warns), warns
    assert any(p == 3 and "C2.1 out of sequence after C2.2" in msg for p, msg in warns), warns
    c2 = plain_code.measure("ICU C2")
    assert [p.number for p in c2.paragraphs] == ["C2.1", "C2.2"]
    assert c2.paragraphs[1].text.endswith("taken down. C2.1 The provider should not repeat a number.")


@pytest.mark.parametrize("text,want", [
    ("in accordance with ICU C1 and C2.", [("ICU C1", "ICU C1"), ("ICU C2", "C2")]),
    ("see ICU C1, ICS C2 and/or C5", [("ICU C1", "ICU C1"), ("ICS C2", "ICS C2"), ("ICS C5", "C5")]),
    ("as in ICU D2 to ICU D13", [("ICU D2", "ICU D2"), ("ICU D13", "ICU D13")]),  # ends only: IDs may have gaps
    ("paragraphs A2.3-A2.5 apply", [("A2.3", "A2.3"), ("A2.4", "A2.3-A2.5"), ("A2.5", "A2.5")]),
    ("paragraphs A2.3 to A3.2 apply", [("A2.3", "A2.3"), ("A3.2", "A3.2")]),  # never across measures
    ("ICU C1 and C2.3 both", [("ICU C1", "ICU C1"), ("C2.3", "C2.3")]),
])
def test_cross_reference_lists(text, want):
    from analyser.extraction.crossrefs import crossref_targets
    from analyser.profiles import load_profile

    got = []
    for rule in load_profile("icu").crossrefs:
        for mm in rule.regex.finditer(text):
            got += [t for t in crossref_targets(rule, mm, text) if t not in got and t[0] not in [g[0] for g in got]]
    assert sorted(got) == sorted(want)


# ---------------------------------------------------------------------------------------------
# Scale: a generated code of 120+ pages (bench/bench_extract.py draws it), with a measure whose
# paragraph runs over three pages and 150 footnotes, read exactly as drawn.
# ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def long_code(tmp_path_factory):
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_extract", Path(__file__).parent.parent / "bench" / "bench_extract.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    path = tmp_path_factory.mktemp("long") / "long.pdf"
    drawn = bench.make_long_pdf(path)
    return drawn, extract_code(path)


def test_long_code_reads_as_drawn(long_code):
    drawn, code = long_code
    assert drawn["pages"] >= 120 and code.info.page_count == drawn["pages"]
    assert [m.id for m in code.measures] == [m["id"] for m in drawn["measures"]]
    got = {m.id: [(p.number, p.page, p.page_end, p.text) for p in m.paragraphs] for m in code.measures}
    want = {m["id"]: [(p["number"], p["page"], p["page_end"], p["text"]) for p in m["paragraphs"]] for m in drawn["measures"]}
    assert got == want
    long = code.measure("ICU C3").paragraphs[1]
    assert long.page_end - long.page >= 2  # over three pages, headers and footers taken out
    assert [w.message for w in code.warnings] == ["no index table of measures found"]


def test_long_code_links_every_footnote(long_code):
    drawn, code = long_code
    assert len(drawn["footnotes"]) >= 100
    got = sorted((f.number, f.page, f.paragraph) for m in code.measures for f in m.footnotes)
    assert got == sorted(drawn["footnotes"])
    assert all(f.text.startswith("See the guidance on this measure, note ") for m in code.measures for f in m.footnotes)


def test_sub_item_labels_with_a_closing_bracket_only(tmp_path):
    """Word list styles often print "a)" and "i)" rather than "(a)": the same sub-items."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    ss = getSampleStyleSheet()
    body = ParagraphStyle("b", parent=ss["BodyText"], fontSize=10, leading=13)
    sub = ParagraphStyle("s", parent=body, leftIndent=20)
    subsub = ParagraphStyle("ss", parent=body, leftIndent=40)
    head = ParagraphStyle("h", parent=body, fontName="Helvetica-Bold", fontSize=12)
    story = [Paragraph("Illegal content Codes of Practice for user-to-user services", ss["Title"])]
    for n in (1, 2, 3):
        story += [Paragraph(f"ICU A{n} Measure number {n}", head), Paragraph(f"A{n}.1 The provider should:", body),
                  Paragraph("a) keep a record;", sub), Paragraph("b) review it, including:", sub),
                  Paragraph("i) how often; and", subsub), Paragraph("ii) by whom; and", subsub),
                  Paragraph("c) report on it.", sub)]
    path = tmp_path / "brackets.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    code = extract_code(path)
    for m in code.measures:
        items = m.paragraphs[0].items
        assert [(i.label, i.text) for i in items] == [("(a)", "keep a record;"), ("(b)", "review it, including:"),
                                                      ("(c)", "report on it.")]
        assert [(i.label, i.text) for i in items[1].items] == [("(i)", "how often; and"), ("(ii)", "by whom; and")]
        assert m.paragraphs[0].text == ("The provider should: a) keep a record; b) review it, including: i) how often; "
                                        "and ii) by whom; and c) report on it.")


def test_numbered_lists_bold_wrapped_terms_and_numbers_at_a_line_start(tmp_path):
    """Three things one paragraph's lines can start with: a numbered list's labels ("1.", "2.": the
    paragraph's sub-items, written "(1)"), a number a sentence wrapped before ("18. ..." and "2024."
    open no list), and a bold defined term wrapped onto a line of its own (the paragraph's text, not
    a sub-heading that would cut the paragraph)."""
    from test_pdftext import draw_document

    rows = [
        ("Illegal content Codes of Practice for user-to-user services", 16, 56, 50, "b"),
        ("ICU C1 Age checks", 12, 56, 80, "b"),
        ("C1.1 This measure applies to all providers of user-to-user services.", 10, 56, 110, ""),
        ("C1.2 The provider should confirm that a user is aged at least", 10, 56, 140, ""),
        ("18. The check should be repeated when the account changes hands in", 10, 56, 155, ""),
        ("2024. It should also be recorded.", 10, 56, 170, ""),
        ("C1.3 The provider should test its checks, drawing on:", 10, 56, 200, ""),
        ("1. complaints from users;", 10, 76, 215, ""),
        ("2. its own testing; and", 10, 76, 230, ""),
        ("3. research by others.", 10, 76, 245, ""),
        ("C1.4 The provider should explain why its method of age assurance is", 10, 56, 275, ""),
        ("highly effective.", 10, 56, 290, "b"),
        ("C1.5 The provider should keep records.", 10, 56, 320, ""),
    ]
    code = extract_code(draw_document(tmp_path / "lists.pdf", [rows], footer="Page {n}"))
    c1 = code.measure("ICU C1")
    paras = {p.number: p for p in c1.paragraphs}
    assert list(paras) == ["C1.1", "C1.2", "C1.3", "C1.4", "C1.5"]
    assert paras["C1.2"].items == []
    assert paras["C1.2"].text.endswith("aged at least 18. The check should be repeated when the account changes "
                                       "hands in 2024. It should also be recorded.")
    assert [(i.label, i.text) for i in paras["C1.3"].items] == [
        ("(1)", "complaints from users;"), ("(2)", "its own testing; and"), ("(3)", "research by others.")]
    assert paras["C1.4"].text.endswith("its method of age assurance is highly effective.")


# ---------------------------------------------------------------------------------------------
# A warning about a measure raised while its heading is still being read (a heading without a
# title; a heading-like line inside it that no measure pattern matches) reaches the measure's own
# warnings, not only the document's: they were raised before the measure's draft existed and lost.
# ---------------------------------------------------------------------------------------------
def test_warnings_raised_while_a_heading_is_read_reach_the_measure(tmp_path):
    from test_pdftext import draw_document

    pdf = draw_document(tmp_path / "untitled.pdf", [[
        ("Illegal content Codes of Practice for user-to-user services", 18, 56, 90, "b"),
        ("ICU C1 Content moderation function", 12, 56, 140, "b"),
        ("C1.1 The provider should have a content moderation function.", 10, 56, 165, ""),
        ("ICS C5 Search moderation", 10, 56, 190, "b"),
        ("C1.2 The provider should review the function every year.", 10, 56, 210, ""),
        ("ICU C2", 12, 56, 245, "b"),
        ("C2.1 The provider should act on what the function finds.", 10, 56, 270, ""),
        ("C2.2 The provider should record what it did and why it did it.", 10, 56, 290, ""),
    ]])
    code = extract_code(pdf, profile="icu")
    c1, c2 = code.measure("ICU C1"), code.measure("ICU C2")
    assert c2.title == ""
    assert "measure heading without a title" in c2.warnings
    assert any("matches no measure pattern" in w and "ICS C5" in w for w in c1.warnings)
    # the document's list says the same, with the measure named
    assert any(w.measure == "ICU C2" and w.message == "measure heading without a title" for w in code.warnings)
    assert not any("without a title" in w for w in c1.warnings)


# ---------------------------------------------------------------------------------------------
# Chapter titles come from the document, never from the profile: a code whose chapters are named
# otherwise than the sample's, each heading set in another of the ways codes print them.
# ---------------------------------------------------------------------------------------------
def test_chapter_titles_are_read_from_the_document(tmp_path):
    from test_pdftext import draw_document

    chapters = [  # (heading as printed, measure, the title the document gives its chapter)
        ("Chapter C \u2013 Moderating what users post", "C1", "Moderating what users post"),
        ("CHAPTER D: HANDLING USER REPORTS", "D1", "Handling user reports"),
        ("Section 5 \u2013 Keeping the rules of the service", "G1", "Keeping the rules of the service"),
        ("J Tools people use to shape their feeds", "J1", "Tools people use to shape their feeds"),
    ]
    pages = []
    for heading, number, _ in chapters:
        pages.append([
            ("Illegal content Codes of Practice for user-to-user services", 8, 56, 40, ""),
            (heading, 16, 56, 100, "b"),
            (f"ICU {number} A measure of this chapter", 12, 56, 140, "b"),
            (f"{number}.1 The provider should do what this measure says, in full.", 10, 56, 165, ""),
            (f"{number}.2 The provider should keep a record of what it did.", 10, 56, 185, ""),
        ])
    code = extract_code(draw_document(tmp_path / "chapters.pdf", pages), profile="icu")
    got = {m.id: (m.chapter, m.chapter_title) for m in code.measures}
    assert got == {f"ICU {n}": (n[0], title) for _, n, title in chapters}
    # the profile carries no copy of any document's chapter titles
    from analyser.profiles import list_profiles, load_profile

    assert all(not load_profile(name).chapters for name in list_profiles())
