# Owns the two fpdf2 layouts of the held-out set: a consolidated edition with amendment marks in the
# margin and an index table that runs over a page with its header row repeated; and an edition with
# renamed chapters, the measure ID on a line above its title, bullet sub-items and endnotes per chapter.
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from fpdf import FPDF
from fpdf.fonts import FontFace

from frontmatter import DEFINITIONS, LABEL, intro
from model import Code, Item, Measure, footnote_numbers, label

FONT_DIR = "/usr/share/fonts/truetype/dejavu/"


@dataclass
class Options:
    consolidated: bool = False        # amendment marks and table of amendments
    id_above_title: bool = False
    endnotes: bool = False            # footnotes collected at the end of each chapter
    item_style: str = "letters"
    chapter_names: dict[str, str] = field(default_factory=dict)
    edition: str = "synthetic sample edition"
    index_gap: int = 0                # filler paragraphs before the index so that it runs over a page
    amendments: dict[str, str] = field(default_factory=dict)


class Pdf(FPDF):
    def __init__(self, code: Code, opt: Options):
        super().__init__(format="A4")
        self.code, self.opt = code, opt
        self.on_page: list[str] = []
        self.set_creation_date(datetime(2026, 12, 2, tzinfo=timezone.utc))
        self.add_font("DV", "", FONT_DIR + "DejaVuSans.ttf")
        self.add_font("DV", "B", FONT_DIR + "DejaVuSans-Bold.ttf")
        self.add_font("DV", "I", FONT_DIR + "DejaVuSans-Oblique.ttf")
        self.add_font("DVS", "", FONT_DIR + "DejaVuSerif.ttf")
        self.add_font("DVS", "B", FONT_DIR + "DejaVuSerif-Bold.ttf")
        self.set_margins(28, 22, 20)
        self.set_auto_page_break(True, 22)
        self.set_title(f"{code.title} (synthetic sample)")
        self.set_subject(LABEL)
        self.set_creator("make_documents.py")

    def header(self) -> None:
        self.set_font("DV", "", 7.5)
        self.set_text_color(90)
        self.cell(0, 5, f"{self.code.title} \u2013 {self.opt.edition} \u2013 SYNTHETIC SAMPLE", align="C")
        self.ln(10)
        self.set_text_color(0)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("DV", "", 7.5)
        ids = " \u00b7 ".join(self.on_page)
        self.cell(0, 5, ids, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, f"{self.page_no()}", align="R")
        self.on_page = []


def _text(pdf: Pdf, txt: str, size: float = 10, style: str = "", indent: float = 0, num: str = "",
          num_w: float = 16, family: str = "DVS") -> None:
    """A numbered paragraph with a hanging indent: the number in a cell, the text in a multi_cell."""
    pdf.set_font(family, style, size)
    y = pdf.get_y()
    if y > pdf.h - 35:
        pdf.add_page()
    x0 = pdf.l_margin + indent
    if num:
        pdf.set_x(x0)
        pdf.cell(num_w, 5.2, num)
    pdf.set_x(x0 + (num_w if num else 0))
    pdf.multi_cell(pdf.w - pdf.r_margin - pdf.get_x(), 5.2, txt, align="J", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.6)


def _mark(pdf: Pdf, y0: float, mark: str) -> None:
    """Amendment mark: a bar and the amendment's reference in the left margin beside the text."""
    y1 = pdf.get_y() - 1.6
    if y1 < y0:       # the paragraph ran on to a new page: mark its part there
        y0 = pdf.t_margin + 10
    pdf.set_draw_color(150, 0, 0)
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin - 4, y0, pdf.l_margin - 4, y1)
    pdf.set_font("DV", "B", 6.5)
    pdf.set_text_color(150, 0, 0)
    pdf.text(pdf.l_margin - 14, y0 + 3, mark)
    pdf.set_text_color(0)


def _items(pdf: Pdf, items: list[Item], opt: Options, level: int) -> None:
    for j, it in enumerate(items):
        _text(pdf, it.text, indent=16 + level * 9, num=label(j, opt.item_style, level), num_w=9)
        _items(pdf, it.sub, opt, level + 1)


def _measure(pdf: Pdf, code: Code, m: Measure, opt: Options, notes: dict[tuple[str, int], list[int]],
             pages: dict[str, int]) -> None:
    mid = code.mid(m)
    if pdf.get_y() > pdf.h - 60:
        pdf.add_page()
    pdf.ln(3)
    pages[mid] = pdf.page_no()
    pdf.on_page.append(mid)
    y0 = pdf.get_y()
    if opt.id_above_title:
        pdf.set_font("DV", "B", 9)
        pdf.set_text_color(0, 70, 130)
        pdf.cell(0, 5, mid, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0)
        pdf.set_font("DV", "B", 12)
        pdf.multi_cell(0, 6, m.title, new_x="LMARGIN", new_y="NEXT")
    else:
        pdf.set_font("DV", "B", 11.5)
        pdf.multi_cell(0, 6, f"{mid} {m.title}", new_x="LMARGIN", new_y="NEXT")
    if opt.consolidated and m.amended:
        _mark(pdf, y0, "am.")
    pdf.ln(1.5)
    for i, p in enumerate(m.paras, 1):
        nums = notes.get((mid, i), [])
        marks = "".join(_sup(n) for n in nums)
        y0 = pdf.get_y()
        _text(pdf, p.text + marks, num=f"{m.number}.{i}")
        _items(pdf, p.items, opt, 0)
        if opt.consolidated and p.amended:
            _mark(pdf, y0, p.amended)


SUP = str.maketrans("0123456789", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")


def _sup(n: int) -> str:
    return str(n).translate(SUP)


def _endnotes(pdf: Pdf, code: Code, numbers: list[int], title: str) -> None:
    if not numbers:
        return
    fns = footnote_numbers(code)
    pdf.ln(2)
    pdf.set_font("DV", "B", 9)
    pdf.cell(0, 6, f"Notes to {title}", new_x="LMARGIN", new_y="NEXT")
    for n in numbers:
        _text(pdf, fns[n][1], size=8, num=str(n), num_w=7, family="DV")


def _page_foot_notes(pdf: Pdf, code: Code, numbers: list[int]) -> None:
    fns = footnote_numbers(code)
    pdf.set_draw_color(120)
    pdf.set_line_width(0.2)
    pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.l_margin + 45, pdf.get_y() + 1)
    pdf.ln(2)
    for n in numbers:
        _text(pdf, fns[n][1], size=8, num=str(n), num_w=6, family="DV")


def build(path: str, code: Code, opt: Options) -> tuple[dict[str, int], int]:
    pdf = Pdf(code, opt)
    pdf.add_page()
    pdf.set_font("DV", "B", 9)
    pdf.set_text_color(150, 0, 0)
    pdf.multi_cell(0, 5, LABEL, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0)
    pdf.ln(8)
    pdf.set_font("DV", "B", 19)
    pdf.multi_cell(0, 9, code.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DV", "", 11)
    pdf.cell(0, 8, opt.edition.capitalize(), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    if opt.consolidated and opt.amendments:
        pdf.set_font("DV", "B", 10)
        pdf.cell(0, 7, "Amendments included in this consolidated edition", new_x="LMARGIN", new_y="NEXT")
        for mark, what in opt.amendments.items():
            _text(pdf, what, size=9, num=mark, num_w=12, family="DV")
    for heading, paras in intro(code, opt.edition):
        pdf.set_font("DV", "B", 12)
        pdf.cell(0, 8, heading, new_x="LMARGIN", new_y="NEXT")
        for p in paras:
            num, _, rest = p.partition(" ")
            _text(pdf, rest, num=num, num_w=10)
    for k in range(opt.index_gap):
        _text(pdf, "This paragraph is filler of the synthetic sample: it stands for the longer introductory "
              "text of a published code, so that the index table below begins part of the way down a page.",
              num=f"2.{k + 6}", num_w=10)
    pdf.set_font("DV", "B", 12)
    pdf.cell(0, 8, "3. Index of recommended measures", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DV", "", 8.5)
    with pdf.table(col_widths=(18, 44, 38), repeat_headings=1, line_height=4.6,
                   headings_style=FontFace(emphasis="BOLD", fill_color=(220, 228, 238))) as table:
        table.row(["Measure", "Recommended measure", "Applies to"])
        for r in code.index:
            table.row([r.id_text, r.title, r.applies_to])
    pdf.ln(4)
    pdf.set_font("DV", "B", 12)
    pdf.cell(0, 8, "4. Definitions", new_x="LMARGIN", new_y="NEXT")
    for p in DEFINITIONS:
        num, _, rest = p.partition(" ")
        _text(pdf, rest, num=num, num_w=10)
    notes: dict[tuple[str, int], list[int]] = {}
    k = 0
    for m in code.measures():
        for i, p in enumerate(m.paras, 1):
            for _ in p.notes:
                k += 1
                notes.setdefault((code.mid(m), i), []).append(k)
    pages: dict[str, int] = {}
    for c in code.chapters:
        pdf.add_page()
        name = opt.chapter_names.get(c.letter, f"Chapter {c.letter}: {c.title}")
        pdf.set_font("DV", "B", 15)
        pdf.multi_cell(0, 8, name, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        chapter_notes: list[int] = []
        for m in c.measures:
            _measure(pdf, code, m, opt, notes, pages)
            mine = [n for i in range(1, len(m.paras) + 1) for n in notes.get((code.mid(m), i), [])]
            if opt.endnotes:
                chapter_notes += mine
            elif mine:
                _page_foot_notes(pdf, code, mine)   # notes set after the measure they belong to
        if opt.endnotes:
            _endnotes(pdf, code, chapter_notes, name.split(":")[0].split("\u2014")[0].strip())
    pdf.output(path)
    return pages, pdf.page_no()
