# Owns the two LibreOffice layouts of the held-out set: a .docx written with python-docx (real Word
# footnotes added at XML level, which python-docx has no API for) and converted by
# `soffice --headless --convert-to pdf`. Variants: justified text with automatic en-GB hyphenation and a
# landscape index section whose header row repeats; a two-column body section.
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from frontmatter import DEFINITIONS, LABEL, intro
from model import Code, Item, footnote_numbers, label


@dataclass
class Options:
    hyphenate: bool = False
    landscape_index: bool = False
    two_columns: bool = False
    font_size: float = 10.5
    side_margin_mm: float = 22
    item_style: str = "letters"
    chapter_names: dict[str, str] = field(default_factory=dict)
    font: str = "Liberation Serif"
    edition: str = "synthetic sample edition"


W = nsdecls("w")


def _footnotes_part(doc: docx.document.Document, texts: list[str]) -> None:
    body = [f'<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
            f'<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>']
    for k, t in enumerate(texts, 1):
        body.append(f'<w:footnote w:id="{k}"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
                    f'<w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="16"/></w:rPr><w:footnoteRef/></w:r>'
                    f'<w:r><w:rPr><w:sz w:val="16"/></w:rPr><w:t xml:space="preserve"> {escape(t)}</w:t></w:r></w:p></w:footnote>')
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {W}>{"".join(body)}</w:footnotes>'
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                xml.encode("utf-8"), doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)


def _note_ref(paragraph, k: int) -> None:
    paragraph._p.append(parse_xml(f'<w:r {W}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                                  f'<w:footnoteReference w:id="{k}"/></w:r>'))


def _hanging(paragraph, left_mm: float, hang_mm: float) -> None:
    pf = paragraph.paragraph_format
    pf.left_indent = Mm(left_mm)
    pf.first_line_indent = Mm(-hang_mm)
    pf.tab_stops.add_tab_stop(Mm(left_mm))


def _field(paragraph, instr: str) -> None:
    attr = quoteattr(instr)
    paragraph._p.append(parse_xml(f'<w:fldSimple {W} w:instr={attr}><w:r><w:t>1</w:t></w:r></w:fldSimple>'))


def _items(doc, items: list[Item], opt: Options, level: int) -> None:
    for j, it in enumerate(items):
        p = doc.add_paragraph(f"{label(j, opt.item_style, level)}\t{it.text}")
        _hanging(p, 22 + level * 9, 9)
        _items(doc, it.sub, opt, level + 1)


def _columns(section, n: int) -> None:
    sp = section._sectPr
    for old in sp.findall(qn("w:cols")):
        sp.remove(old)
    sp.append(parse_xml(f'<w:cols {W} w:num="{n}" w:space="567"/>'))


def _docx(path: Path, code: Code, opt: Options) -> None:
    doc = docx.Document()
    normal = doc.styles["Normal"]
    normal.font.name = opt.font
    normal.font.size = Pt(opt.font_size)
    rpr = normal.element.get_or_add_rPr()
    rpr.append(parse_xml(f'<w:lang {W} w:val="en-GB"/>'))
    normal.paragraph_format.space_after = Pt(4)
    if opt.hyphenate:
        normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        doc.settings.element.append(parse_xml(f'<w:autoHyphenation {W}/>'))
    mh = doc.styles.add_style("Measure heading", 1)
    mh.base_style = doc.styles["Heading 2"]
    mh.element.get_or_add_pPr().append(parse_xml(f'<w:suppressAutoHyphens {W}/>'))
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin = sec.right_margin = Mm(opt.side_margin_mm)
    head = sec.header.paragraphs[0]
    head.text = f"{code.title} \u2013 SYNTHETIC SAMPLE"
    foot = sec.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(foot, "PAGE")
    p = doc.add_paragraph()
    p.add_run(LABEL).bold = True
    doc.add_heading(code.title, 0)
    doc.add_paragraph(opt.edition.capitalize())
    for heading, paras in intro(code, opt.edition):
        doc.add_heading(heading, 1)
        for t in paras:
            num, _, rest = t.partition(" ")
            _hanging(doc.add_paragraph(f"{num}\t{rest}"), 13, 13)
    if opt.landscape_index:
        sec = doc.add_section(WD_SECTION.NEW_PAGE)
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Mm(297), Mm(210)
    doc.add_heading("3. Index of recommended measures", 1)
    doc.add_paragraph("The table lists every recommended measure in this code and the services to which it applies.")
    table = doc.add_table(rows=1, cols=3)
    table.style = doc.styles["Table Grid"]
    for cell, t in zip(table.rows[0].cells, ["Measure", "Recommended measure", "Applies to"]):
        cell.text = t
        cell.paragraphs[0].runs[0].bold = True
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {W}/>'))
    for r in code.index:
        cells = table.add_row().cells
        for cell, t in zip(cells, [r.id_text, r.title, r.applies_to]):
            cell.text = t
            cell.paragraphs[0].paragraph_format.space_after = Pt(10)
    if opt.landscape_index:
        sec = doc.add_section(WD_SECTION.NEW_PAGE)
        sec.orientation = WD_ORIENT.PORTRAIT
        sec.page_width, sec.page_height = Mm(210), Mm(297)
    doc.add_heading("4. Definitions", 1)
    for t in DEFINITIONS:
        num, _, rest = t.partition(" ")
        _hanging(doc.add_paragraph(f"{num}\t{rest}"), 13, 13)
    sec = doc.add_section(WD_SECTION.NEW_PAGE)
    if opt.two_columns:
        _columns(sec, 2)
    doc.add_heading("5. Recommended measures", 1)
    fns = footnote_numbers(code)
    k = 0
    for c in code.chapters:
        doc.add_heading(opt.chapter_names.get(c.letter, f"{c.letter}. {c.title}"), 1)
        for m in c.measures:
            doc.add_paragraph(f"{code.mid(m)} {m.title}", style="Measure heading")
            for i, para in enumerate(m.paras, 1):
                p = doc.add_paragraph(f"{m.number}.{i}\t{para.text}")
                _hanging(p, 13, 13)
                for _ in para.notes:
                    k += 1
                    _note_ref(p, k)
                _items(doc, para.items, opt, 0)
    _footnotes_part(doc, [fns[n][1] for n in sorted(fns)])
    doc.core_properties.title = f"{code.title} (synthetic sample)"
    doc.core_properties.subject = LABEL
    doc.core_properties.author = "Held-out layout set author"
    doc.save(str(path))


def build(path: str, code: Code, opt: Options) -> tuple[dict[str, int], int]:
    """Write <doc>.docx beside the PDF, convert it, and find each measure heading's page with pdftotext."""
    out = Path(path)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / (out.stem + ".docx")
        _docx(src, code, opt)
        profile = Path(tmp) / "profile"
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", tmp, str(src)], check=True, capture_output=True, timeout=300)
        shutil.copyfile(Path(tmp) / (out.stem + ".pdf"), out)
        shutil.copyfile(src, out.with_suffix(".docx"))
    return heading_pages(out, code)


def page_texts(pdf: Path) -> list[str]:
    """Each page's text by poppler's pdftotext (a reader independent of the analyser), whitespace folded."""
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                                          check=True).stdout).group(1))
    texts = []
    for k in range(1, n + 1):
        t = subprocess.run(["pdftotext", "-f", str(k), "-l", str(k), str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout
        texts.append(" ".join(t.replace("\u00ad", "").split()))
    return texts


def heading_pages(pdf: Path, code: Code) -> tuple[dict[str, int], int]:
    texts = page_texts(pdf)
    start = next(k for k, t in enumerate(texts, 1) if "5. Recommended measures" in t)
    pages: dict[str, int] = {}
    for m in code.measures():
        want = f"{code.mid(m)} {' '.join(m.title.split()[:3])}"
        hits = [k for k, t in enumerate(texts, 1) if want in t and k >= start]
        if not hits:
            raise RuntimeError(f"{pdf.name}: heading {want!r} not found")
        pages[code.mid(m)] = hits[0]
    return pages, len(texts)
