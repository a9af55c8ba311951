# Owns the three reportlab layouts of the held-out set: landscape two-column, measure IDs in a left
# margin column, and footnotes that run on across a page break. Records the page of every measure
# heading as it is drawn, so the expected pages come from the renderer, not from reading the PDF.
from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Flowable, Frame, KeepTogether, PageBreak,
                                PageTemplate, Paragraph, Spacer, Table, TableStyle)

from frontmatter import CLOSING, DEFINITIONS, LABEL, intro
from model import Code, Item, Measure, footnote_numbers, label


@dataclass
class Options:
    pagesize: tuple[float, float] = A4
    columns: int = 1
    margin_ids: bool = False          # measure ID and paragraph numbers in a left margin column
    item_style: str = "letters"
    note_area: float = 40 * mm       # reserved at the foot of every page for footnotes
    header: str = "ids"              # "ids": IDs of measures on the page; "current": measure running at page top
    chapter_names: dict[str, str] = field(default_factory=dict)
    long_notes: dict[int, str] = field(default_factory=dict)   # extra footnote sentences (run-on test)
    edition: str = "synthetic sample edition"


class Anchor(Flowable):
    """Zero-size mark: a measure heading (for pages) or footnotes (for the page foot)."""

    def __init__(self, measure: str = "", notes: list[tuple[int, str]] | None = None):
        super().__init__()
        self.measure = measure
        self.notes = notes or []

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class Doc(BaseDocTemplate):
    def __init__(self, path: str, code: Code, opt: Options):
        super().__init__(path, pagesize=opt.pagesize, leftMargin=18 * mm, rightMargin=18 * mm,
                         topMargin=20 * mm, bottomMargin=14 * mm, title=f"{code.title} (synthetic sample)",
                         author="Held-out layout set author", subject=LABEL, creator="make_documents.py",
                         invariant=1)
        self.code, self.opt = code, opt
        self.pages: dict[str, int] = {}
        self.on_page: list[str] = []
        self.current = ""
        self.current_at_top = ""         # the measure in force when the page began (header "current")
        self.queue: list[Paragraph] = []
        w, h = opt.pagesize
        body_h = h - self.topMargin - self.bottomMargin - opt.note_area
        gap = 8 * mm
        cw = (self.width - gap * (opt.columns - 1)) / opt.columns
        frames = [Frame(self.leftMargin + i * (cw + gap), self.bottomMargin + opt.note_area, cw, body_h,
                        id=f"c{i}", leftPadding=0, rightPadding=0) for i in range(opt.columns)]
        self.addPageTemplates([PageTemplate(id="body", frames=frames, onPageEnd=self.page_end)])

    def afterFlowable(self, f: Flowable) -> None:
        if isinstance(f, Anchor):
            if f.measure:
                self.pages.setdefault(f.measure, self.page)
                self.on_page.append(f.measure)
                self.current = f.measure
            for n, text in f.notes:
                self.queue.append(Paragraph(f"<super>{n}</super> {escape(text)}", NOTE))

    def page_end(self, canv, doc) -> None:
        w, h = self.opt.pagesize
        canv.saveState()
        canv.setFont("Helvetica", 8)
        if self.opt.header == "ids":
            top = ", ".join(self.on_page) if self.on_page else (f"{self.current} (continued)" if self.current else "")
            canv.drawString(self.leftMargin, h - 12 * mm, f"{self.code.title} \u2013 synthetic sample")
            canv.drawRightString(w - self.rightMargin, h - 12 * mm, top)
        else:
            canv.drawString(self.leftMargin, h - 12 * mm, f"{self.code.short} code \u2013 SYNTHETIC SAMPLE"
                            + (f" \u2013 {self.current_at_top}" if self.current_at_top else ""))
        canv.drawCentredString(w / 2, 8 * mm, f"Page {doc.page}")
        # footnotes: drawn top-down in the reserved area; what does not fit runs on to the next page
        y = self.bottomMargin + self.opt.note_area - 3 * mm
        if self.queue:
            canv.setStrokeColor(colors.grey)
            canv.line(self.leftMargin, y + 1.5 * mm, self.leftMargin + 50 * mm, y + 1.5 * mm)
        carried: list[Paragraph] = []
        for i, p in enumerate(self.queue):
            _, ph = p.wrap(self.width, 1000)
            if carried or y - ph < self.bottomMargin:
                parts = [] if carried else p.split(self.width, y - self.bottomMargin)
                if len(parts) == 2:
                    parts[0].wrap(self.width, 1000)
                    parts[0].drawOn(canv, self.leftMargin, y - parts[0].height)
                    y -= parts[0].height
                    carried.append(parts[1])
                else:
                    carried.append(p)
                continue
            p.drawOn(canv, self.leftMargin, y - ph)
            y -= ph + 1
        canv.restoreState()
        self.queue = carried
        self.on_page = []
        self.current_at_top = self.current


BASE = ParagraphStyle("base", fontName="Helvetica", fontSize=9.5, leading=12.5, alignment=TA_JUSTIFY, spaceAfter=4)
NOTE = ParagraphStyle("note", fontName="Helvetica", fontSize=7.5, leading=9.5)
H1 = ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=14, leading=18, spaceBefore=8, spaceAfter=6)
H2 = ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=11.5, leading=14.5, spaceBefore=8, spaceAfter=4)
CELL = ParagraphStyle("cell", fontName="Helvetica", fontSize=8.5, leading=10.5)


def _para_style(opt: Options, level: int) -> ParagraphStyle:
    gutter = 26 * mm if opt.margin_ids else 13 * mm
    indent = gutter + level * 9 * mm
    return ParagraphStyle(f"p{level}{opt.margin_ids}", parent=BASE, leftIndent=indent,
                          bulletIndent=(0 if level == 0 else indent - 8 * mm), bulletFontName="Helvetica")


def _items(items: list[Item], opt: Options, level: int) -> list[Flowable]:
    out: list[Flowable] = []
    for j, it in enumerate(items):
        out.append(Paragraph(escape(it.text), _para_style(opt, level + 1), bulletText=label(j, opt.item_style, level)))
        out += _items(it.sub, opt, level + 1)
    return out


def _measure(code: Code, m: Measure, opt: Options, notes: dict[tuple[str, int], list[int]]) -> list[Flowable]:
    mid = code.mid(m)
    if opt.margin_ids:
        head = Paragraph(escape(m.title), ParagraphStyle("mh", parent=H2, leftIndent=26 * mm, bulletIndent=0,
                                                          bulletFontName="Helvetica-Bold", bulletFontSize=11.5),
                         bulletText=mid)
    else:
        head = Paragraph(f"{escape(mid)} {escape(m.title)}", H2)
    out: list[Flowable] = [CondPageBreak(30 * mm), Anchor(measure=mid), head]
    for i, p in enumerate(m.paras, 1):
        nums = notes.get((mid, i), [])
        marks = "".join(f"<super>{n}</super>" for n in nums)
        out.append(Paragraph(escape(p.text) + marks, _para_style(opt, 0), bulletText=f"{m.number}.{i}"))
        out += _items(p.items, opt, 0)
        if nums:
            out.append(Anchor(notes=[(n, _note_text(code, n, opt)) for n in nums]))
    return out


def _note_text(code: Code, n: int, opt: Options) -> str:
    return footnote_numbers(code)[n][1] + (" " + opt.long_notes[n] if n in opt.long_notes else "")


def _index_table(code: Code, width: float) -> Table:
    rows = [[Paragraph("<b>Measure</b>", CELL), Paragraph("<b>Recommended measure</b>", CELL),
             Paragraph("<b>Applies to</b>", CELL)]]
    for r in code.index:
        rows.append([Paragraph(escape(r.id_text), CELL), Paragraph(escape(r.title), CELL),
                     Paragraph(escape(r.applies_to), CELL)])
    t = Table(rows, colWidths=[width * 0.16, width * 0.44, width * 0.40], repeatRows=1)
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde4ee"))]))
    return t


def build(path: str, code: Code, opt: Options) -> tuple[dict[str, int], int]:
    """Write the PDF; return (measure id -> page of its heading, page count)."""
    doc = Doc(path, code, opt)
    fns = footnote_numbers(code)
    notes: dict[tuple[str, int], list[int]] = {}
    k = 0
    for m in code.measures():
        for i, p in enumerate(m.paras, 1):
            for _ in p.notes:
                k += 1
                notes.setdefault((code.mid(m), i), []).append(k)
    assert k == len(fns)
    story: list[Flowable] = [
        Paragraph(f"<b>{escape(LABEL)}</b>", ParagraphStyle("lab", parent=BASE, textColor=colors.darkred)),
        Spacer(1, 6 * mm),
        Paragraph(escape(code.title), ParagraphStyle("t", parent=H1, fontSize=20, leading=24)),
        Paragraph(escape(opt.edition.capitalize()), BASE), Spacer(1, 6 * mm),
    ]
    body = ParagraphStyle("fm", parent=BASE)
    for heading, paras in intro(code, opt.edition):
        story.append(Paragraph(escape(heading), H2))
        story += [Paragraph(escape(p), body) for p in paras]
    story.append(Paragraph("3. Index of recommended measures", H2))
    story.append(_index_table(code, doc.width / opt.columns - 1))
    story.append(Paragraph("4. Definitions", H2))
    story += [Paragraph(escape(p), body) for p in DEFINITIONS]
    story.append(Paragraph("5. Recommended measures", H1))
    for c in code.chapters:
        name = opt.chapter_names.get(c.letter, f"{c.letter}. {c.title}")
        story.append(KeepTogether([Paragraph(escape(name), H1)]))
        for m in c.measures:
            story += _measure(code, m, opt, notes)
    # closing section on its own page: footnotes still running on from the last measures end there
    story += [PageBreak(), Paragraph("6. Review of this code", H1)]
    story += [Paragraph(escape(p), body) for p in CLOSING]
    doc.build(story)
    return doc.pages, doc.page
