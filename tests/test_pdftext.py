"""The line reader on PDFs drawn here with reportlab: furniture, contents, ligatures, hyphens, footnotes.

The documents are made by a second producer (reportlab, glyph by glyph at known positions), so
what the reader must find is known exactly, and none of it depends on the LibreOffice fixtures.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analyser.pdftext import join_text, read_text
from conftest import require

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DEJAVU_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def draw_document(path: Path, pages: list[list[tuple]], header: str | None = None, footer: str | None = None,
                  font: str = "Helvetica", bold: str = "Helvetica-Bold") -> Path:
    """Draw ``pages`` (lists of (text, size, x, y_from_top, style)) with a running header/footer.

    ``style`` is "" (regular), "b" (bold) or "sup" (a raised small marker appended to the
    previous item on the same line). ``footer`` may contain {n} and {total}.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    for n, items in enumerate(pages, 1):
        if header:
            c.setFont(font, 8)
            c.drawRightString(width - 56, height - 30, header)
        if footer:
            c.setFont(font, 9)
            c.drawCentredString(width / 2, 28, footer.format(n=n, total=len(pages)))
        for text, size, x, y, style in items:
            if style == "sup":
                c.setFont(font, size)
                c.drawString(x, height - y + size * 0.6, text)
                continue
            c.setFont(bold if style == "b" else font, size)
            c.drawString(x, height - y, text)
        c.showPage()
    c.save()
    return path


def body_page(lines: list[str], start: float = 90, x: float = 56, size: float = 11, leading: float = 15) -> list[tuple]:
    return [(t, size, x, start + i * leading, "") for i, t in enumerate(lines)]


@pytest.fixture(scope="module")
def furniture_pdf(tmp_path_factory) -> Path:
    require("fonts-dejavu-core")  # the document is drawn in DejaVu Sans (regular and bold)
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("DejaVu", str(DEJAVU)))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(DEJAVU_BOLD)))
    contents = [("Contents", 16, 56, 80, "b")] + [
        (f"Section {i} Heading number {i} " + "." * 60 + f" {i + 2}", 11, 56, 110 + 18 * i, "") for i in range(1, 6)
    ]
    p2 = body_page([
        "The provider should act in a way that is technically sound and",
        "it should review the system from end-to-end every year. This is",
        "a second sentence that runs on so that the line is long enough.",
        "Systems that are not tech-",
        "nically able to comply must say so, and a review from end-to-",
        "end must follow. The \ufb01nancial of\ufb01cer signs the \ufb02ow chart.",
    ])
    # a body line carrying a raised footnote marker, and the footnote at the page bottom
    lead = "Reports are handled by trusted flaggers"
    width = pdfmetrics.stringWidth(lead, "DejaVu", 11)
    p2.append((lead, 11, 56, 200, ""))
    p2.append(("1", 7, 56 + width + 0.5, 200, "sup"))
    p2.append((" and others.", 11, 56 + width + 5, 200, ""))
    p2.append(("1", 6, 56, 760, "sup"))
    p2.append(("A trusted flagger is a body with expertise in a kind of", 9, 62, 760, ""))
    p2.append(("illegal content.", 9, 62, 771, ""))
    p3 = body_page(["Page three text about something else entirely, with one note.",
                    "It mentions the financial officer once more."])
    lead3 = "It mentions the financial officer once more."
    p3.append(("2", 7, 56 + pdfmetrics.stringWidth(lead3, "DejaVu", 11) + 0.5, 105, "sup"))
    p3.append(("2", 6, 56, 771, "sup"))
    p3.append(("The second note runs over the page break and", 9, 62, 771, ""))
    p4 = body_page(["Page four text. The last page of the document."])
    p4.append(("ends at the foot of the next page.", 9, 56, 771, ""))
    return draw_document(
        tmp_path_factory.mktemp("pdftext") / "furniture.pdf",
        [contents, p2, p3, p4],
        header="Example Regulator: Draft Code of Practice",
        footer="Page {n} of {total}",
        font="DejaVu",
        bold="DejaVu-Bold",
    )


@pytest.fixture(scope="module")
def doc(furniture_pdf):
    return read_text(furniture_pdf)


def test_running_header_footer_and_page_numbers_are_removed(doc):
    texts = [ln.text for ln in doc.lines]
    assert not any("Example Regulator" in t for t in texts)
    assert not any(re.match(r"Page \d+ of \d+", t) for t in texts)
    removed = [ln.text for ln in doc.removed]
    assert sum("Example Regulator" in t for t in removed) == 4
    assert sum(bool(re.match(r"Page \d+ of 4", t)) for t in removed) == 4


def test_contents_page_is_skipped(doc):
    assert doc.contents_pages == [1]
    assert not any("Heading number" in ln.text for ln in doc.lines)
    assert all(ln.page != 1 for ln in doc.lines)


def test_ligatures_are_spelt_out(doc):
    text = " ".join(ln.text for ln in doc.lines)
    assert "financial officer signs the flow chart" in text
    assert not re.search("[\ufb00-\ufb06]", text)


def test_hyphenation_decided_from_the_document(doc):
    body = [ln for ln in doc.lines if ln.page == 2 and ln.kind == "body"]
    text, _ = join_text(body)
    assert "Systems that are not technically able to comply" in text
    assert "a review from end-to-end must follow" in text


def test_footnote_separated_and_marker_linked(doc):
    notes = [ln for ln in doc.lines if ln.kind == "footnote"]
    assert [n.footnote for n in notes if n.footnote] == ["1", "2"]
    text, _ = join_text([n for n in notes if n.page == 2])
    assert text == "A trusted flagger is a body with expertise in a kind of illegal content."
    body = [ln for ln in doc.lines if ln.kind == "body"]
    assert not any("trusted flagger is a body" in ln.text for ln in body)
    cited = [ln for ln in body if ln.markers and ln.page == 2]
    assert len(cited) == 1
    line = cited[0]
    assert line.text == "Reports are handled by trusted flaggers and others."
    (offset, number), = line.markers
    assert number == "1" and line.text[:offset].endswith("flaggers")


def test_footnote_continued_on_the_next_page(doc):
    notes = [ln for ln in doc.lines if ln.kind == "footnote"]
    second = [ln for ln in notes if ln.page >= 3]
    assert [ln.footnote for ln in second] == ["2", None]
    assert join_text(second)[0] == "The second note runs over the page break and ends at the foot of the next page."
    p3 = [ln for ln in doc.lines if ln.page == 3 and ln.kind == "body"]
    assert [ln.markers[0][1] for ln in p3 if ln.markers] == ["2"]


def test_lines_in_reading_order_with_pages(doc):
    pages = [ln.page for ln in doc.lines]
    assert pages == sorted(pages)
    p2 = [ln for ln in doc.lines if ln.page == 2 and ln.kind == "body"]
    assert [ln.top for ln in p2] == sorted(ln.top for ln in p2)
    assert doc.page_count == 4


def test_ofcom_fixture_reads_without_furniture(sample_icu_pdf):
    doc = read_text(sample_icu_pdf)
    assert doc.contents_pages  # the sample has a contents page
    assert not any(re.fullmatch(r"\d{1,3}", ln.text) for ln in doc.lines)
    running = {ln.text for ln in doc.removed if ln.top < 100}
    assert running, "the running header was not recognised"
    assert not any(ln.text in running for ln in doc.lines)
    assert not any(re.search(r"\.{6,}\s*\d+$", ln.text) for ln in doc.lines)


def test_repeated_subheading_at_page_tops_is_not_furniture(tmp_path):
    """"Recommendation" opening three of six pages is text; the small header above it is not."""
    pages = []
    for n in range(6):
        lines = [("Recommendation", 11, 56, 90, "b")] if n % 2 == 0 else []
        lines += body_page([f"Paragraph text of page {n + 1}, long enough to read as body text here."], start=106)
        pages.append(lines)
    pdf = draw_document(tmp_path / "subheads.pdf", pages, header="Running header of the code", footer="{n}")
    doc = read_text(pdf)
    assert [ln.page for ln in doc.lines if ln.text == "Recommendation"] == [1, 3, 5]
    assert not any("Running header" in ln.text or ln.text.isdigit() for ln in doc.lines)


def test_page_frame_is_not_a_table(tmp_path):
    """A border drawn round every page must not make its text "in a table" (footnotes, headings)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "framed.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    w, h = A4
    for n, note in ((1, "A footnote about fraud."), (2, "Another about terrorism content.")):
        c.rect(30, 30, w - 60, h - 60)
        c.line(30, 30, 30, h - 30)  # the frame's sides drawn again as rules
        c.line(w - 30, 30, w - 30, h - 30)
        c.line(30, h - 60, w - 30, h - 60)
        c.line(30, 60, w - 30, 60)
        c.line(30, 110, w - 30, 110)  # a third rule across the frame: still no table without columns
        c.setFont("Helvetica", 11)
        c.drawString(56, h - 100, "Body text of the framed page, long enough to be the body.")
        c.setFont("Helvetica", 8)
        c.drawString(56, 80, f"{n} {note}")
        c.showPage()
    c.save()
    doc = read_text(path)
    assert not any(ln.in_table for ln in doc.lines)
    assert [ln.footnote for ln in doc.lines if ln.kind == "footnote"] == ["1", "2"]


_WORDS = "Apple Birch Cedar Damson Elder Fig Grape Hazel Iris Juniper Kale Lime Maple Nettle Oak Pear".split() * 2


def test_header_naming_the_current_chapter_and_a_diagonal_watermark_are_not_text(tmp_path):
    """A running header = current chapter's name + a fixed title (its text differs page to page,
    its fixed part does not), and a 45-degree "DRAFT" watermark across the body: neither is text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "chapters.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    chapters = ["Chapter A: Governance", "Chapter A: Governance", "Chapter C: Moderation", "Chapter D: Reporting"]
    for n, chapter in enumerate(chapters, 1):
        c.setFont("Helvetica", 8)
        c.drawString(56, height - 30, chapter)
        c.drawRightString(width - 56, height - 30, "Illegal content Codes of Practice (draft)")
        c.setFont("Helvetica", 11)
        for k in range(6):
            c.drawString(56, height - 90 - 15 * k, f"{_WORDS[(n * 6 + k) % len(_WORDS)]} is the word of body line {k + 1}.")
        c.saveState()
        c.setFont("Helvetica-Bold", 60)
        c.setFillGray(0.85)
        c.translate(width / 2, height / 2 + 250)
        c.rotate(45)
        c.drawCentredString(0, 0, "DRAFT")
        c.restoreState()
        c.showPage()
    c.save()
    doc = read_text(path)
    texts = [ln.text for ln in doc.lines]
    assert texts == [f"{_WORDS[(n * 6 + k) % len(_WORDS)]} is the word of body line {k + 1}." for n in range(1, 5) for k in range(6)]
    assert sum("Codes of Practice (draft)" in ln.text for ln in doc.removed) == 4


def test_full_size_footnote_numbers_are_recovered_but_ids_are_not():
    """A footnote number printed as a plain digit glued to a lower-case word is that footnote's
    marker; a digit glued to a capital (an ID such as "PCU B2", a paragraph such as "C9.1") is not."""
    from analyser.textlayer.footnotes import recover_inline_markers
    from analyser.textlayer.lines import Line

    def line(text, kind="body", footnote=None, top=100.0):
        return Line(text=text, page=3, x0=72, x1=500, top=top, bottom=top + 10, size=10.5, font="Serif",
                    bold=False, kind=kind, footnote=footnote)

    body = [line("See PCU B2 and paragraph C9.1 for the test.", top=100),
            line("The provider should review its duties.2 The review should", top=112),
            line("cover the trusted flagger,1 as set out above.", top=124)]
    notes = [line("A note.", "footnote", "1", 700), line("Another note.", "footnote", "2", 712)]
    recover_inline_markers(body + notes)
    assert body[0].text == "See PCU B2 and paragraph C9.1 for the test." and body[0].markers == []
    assert body[1].text == "The provider should review its duties. The review should"
    assert body[1].markers == [(len("The provider should review its duties."), "2")]
    assert body[2].text == "cover the trusted flagger, as set out above."
    assert body[2].markers == [(len("cover the trusted flagger,"), "1")]


def test_notes_in_mid_page_after_their_citation_are_footnotes():
    """Notes set after the text that cites them (end of a measure) are notes; a small-print line
    that merely opens with a cited number, while that note is printed at the page foot, is not."""
    from analyser.textlayer.footnotes import mark_note_blocks
    from analyser.textlayer.lines import Line

    def line(text, size=10.5, top=100.0, markers=(), kind="body", footnote=None):
        return Line(text=text, page=4, x0=72, x1=500, top=top, bottom=top + size, size=size, font="Serif",
                    bold=False, markers=list(markers), kind=kind, footnote=footnote)

    cited = line("where compliance is at risk.", markers=[(28, "1")], top=100)
    note = line("1 Authority here means the power the officer has in practice,", size=8.5, top=120)
    note_more = line("whatever the organisation chart says.", size=8.5, top=130)
    heading = line("ICU A3 Written responsibilities", size=13, top=160)
    cites_two = line("as the second source shows.", markers=[(26, "2")], top=180)
    small_print = line("2 services in the sample were surveyed", size=8.5, top=200)
    foot_note = line("The survey ran in 2025.", size=8.5, top=700, kind="footnote", footnote="2")
    lines = [cited, note, note_more, heading, cites_two, small_print, foot_note]
    mark_note_blocks(lines, body_size=10.5)
    assert (note.kind, note.footnote, note.text) == ("footnote", "1", "Authority here means the power the officer has in practice,")
    assert note_more.kind == "footnote" and heading.kind == "body"
    assert small_print.kind == "body" and small_print.text.startswith("2 services")


def test_optional_hyphens_break_words_only_at_a_line_end():
    """U+00AD (an optional hyphen typed in Word, or set by a hyphenator) is text only where a line
    breaks, and there it is certainly a broken word; mid-line it is dropped."""
    from analyser.pdftext import join_text
    from analyser.textlayer.chars import build_line
    from analyser.textlayer.lines import RawLine

    def raw(text, top):
        chars, x = [], 72.0
        for ch in text:
            width = 5.0  # a producer may give the invisible mid-line hyphen an advance too
            chars.append((ch, x, x + width, top, top + 10.5, 10.5, "Serif"))
            x += width
        return RawLine(chars, top, top + 10.5)

    first = build_line(raw("the tech\u00adnology should be config\u00ad", 100), 1)
    second = build_line(raw("ured by the provider.", 114), 1)
    assert first.text == "the technology should be config-" and first.soft_hyphen
    assert join_text([first, second])[0] == "the technology should be configured by the provider."


def test_margin_line_numbers_go_but_hanging_paragraph_numbers_stay(tmp_path):
    """A consultation draft numbers every fifth line in the left margin: the numbers are no text.
    A document that hangs its paragraph numbers in the same margin keeps them: they grow by one
    per paragraph, several lines apart, not by one per line."""
    text = [f"{_WORDS[k % len(_WORDS)]} is the word that opens printed line {k + 1} of this page." for k in range(20)]
    numbered = [(t, 11, 72, 90 + 15 * k, "") for k, t in enumerate(text)]
    numbered += [(str(k + 1), 9, 40, 90 + 15 * k, "") for k in range(4, 20, 5)]  # 5, 10, 15, 20
    hung = [(t, 11, 72, 90 + 15 * k, "") for k, t in enumerate(text)]
    hung += [(str(n + 1), 11, 40, 90 + 15 * k, "") for n, k in enumerate(range(0, 20, 4))]  # 1..5, 4 lines apart
    drafted = read_text(draw_document(tmp_path / "draft.pdf", [numbered]))
    assert [ln.text for ln in drafted.lines] == text
    kept = read_text(draw_document(tmp_path / "hung.pdf", [hung]))
    assert [ln.text.split()[0] for ln in kept.lines if ln.text[0].isdigit()] == ["1", "2", "3", "4", "5"]


def test_small_capitals_read_as_lower_case_but_capitals_stay(tmp_path):
    """A heading in small capitals prints each word's first letter as a full capital and the rest as
    smaller capitals: those stand for lower case. Capitals all of one size (an acronym, a heading
    in capitals) stay as printed."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def small_caps(words: str, x: float, y: float, size: float = 12) -> list[tuple]:
        items = []
        for word in words.split():
            items.append((word[0], size, x, y, "b"))
            x += stringWidth(word[0], "Helvetica-Bold", size)
            items.append((word[1:].upper(), 0.8 * size, x, y, "b"))
            x += stringWidth(word[1:].upper(), "Helvetica-Bold", 0.8 * size) + 4
        return items

    page = small_caps("Reviewing automated tools", 56, 90) + [
        ("CSAM AND NCII ARE ACRONYMS", 12, 56, 130, "b"),
        ("Body text of the page, long enough to be read as the body of it.", 11, 56, 170, "")]
    doc = read_text(draw_document(tmp_path / "caps.pdf", [page]))
    assert [ln.text for ln in doc.lines][:2] == ["Reviewing automated tools", "CSAM AND NCII ARE ACRONYMS"]
