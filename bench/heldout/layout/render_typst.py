# Owns the Typst layout of the held-out set: measure IDs set in a grey left sidebar column beside
# the title, justified text hyphenated by Typst itself, Typst's own footnotes (which break across
# pages when long), a running header with the measure in force at the top of the page, and an index
# table whose headers are worded unlike the Ofcom ones ("ID", "Measure", "Who it applies to").
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2
import typst

from frontmatter import CLOSING, DEFINITIONS, LABEL, intro
from model import Code, Item, footnote_numbers, label


@dataclass
class Options:
    item_style: str = "roman"
    chapter_names: dict[str, str] = field(default_factory=dict)
    edition: str = "synthetic sample edition"
    long_notes: dict[int, str] = field(default_factory=dict)


def esc(s: str) -> str:
    """Typst markup escape: document text is never markup."""
    return re.sub(r"([\\#*_$<>@\[\]`~=/'\"-])", r"\\\1", s)


PREAMBLE = r"""
#set document(title: "%(title)s", author: "Held-out layout set author", description: "%(label)s", date: datetime(year: 2026, month: 12, day: 2))
#set page(paper: "a4", margin: (left: 40mm, right: 20mm, top: 24mm, bottom: 22mm),
  header: context {
    let hs = query(selector(<measure>).before(here()))
    set text(size: 7.5pt, fill: luma(90))
    [%(short)s code #sym.dash.en SYNTHETIC SAMPLE]
    h(1fr)
    if hs.len() > 0 { hs.last().value }
  },
  footer: context { set text(size: 8pt); h(1fr); counter(page).display("1"); h(1fr) })
#set text(font: "DejaVu Serif", size: 9.5pt, lang: "en", region: "gb", hyphenate: true)
#set par(justify: true, leading: 0.55em, spacing: 0.9em)
#set footnote.entry(separator: line(length: 30%%, stroke: 0.4pt), gap: 0.5em)
#show footnote.entry: set text(size: 7.5pt)
#let num(n, body) = grid(columns: (13mm, 1fr), n, body)
#let item(indent, l, body) = pad(left: indent, grid(columns: (9mm, 1fr), l, body))
#let measure(id, title) = block(above: 1.4em, below: 0.8em, breakable: false, {
  [#metadata(id)<measure>]
  context [#metadata((id: id, page: here().page()))<mpage>]
  grid(columns: (28mm, 1fr), column-gutter: 0mm,
    pad(left: -30mm, block(fill: luma(225), inset: 1.5mm, width: 27mm, text(weight: "bold", size: 9pt, id))),
    text(weight: "bold", size: 11.5pt, title))
})
"""


def _items(items: list[Item], opt: Options, level: int) -> list[str]:
    out = []
    for j, it in enumerate(items):
        out.append(f"#item({13 + level * 9}mm, [{esc(label(j, opt.item_style, level))}], [{esc(it.text)}])")
        out += _items(it.sub, opt, level + 1)
    return out


def source(code: Code, opt: Options) -> str:
    fns = footnote_numbers(code)
    parts = [PREAMBLE % {"title": esc(code.title + " (synthetic sample)").replace('"', ""), "short": code.short, "label": LABEL.replace('"', "")}]
    parts.append(f"#text(weight: \"bold\", fill: rgb(150, 0, 0))[{esc(LABEL)}]\n")
    parts.append(f"#v(6mm)\n#text(size: 19pt, weight: \"bold\")[{esc(code.title)}]\n\n{esc(opt.edition.capitalize())}\n")
    for heading, paras in intro(code, opt.edition):
        parts.append(f"#v(3mm)\n#text(size: 12pt, weight: \"bold\")[{esc(heading)}]\n")
        for p in paras:
            n, _, rest = p.partition(" ")
            parts.append(f"#num([{n}], [{esc(rest)}])")
    parts.append("#v(3mm)\n#text(size: 12pt, weight: \"bold\")[3. Index of recommended measures]\n")
    cells = ", ".join(f"[{esc(r.id_text)}], [{esc(r.title)}], [{esc(r.applies_to)}]" for r in code.index)
    parts.append("#table(columns: (22mm, 1fr, 1fr), inset: 4pt, stroke: 0.4pt + luma(150),\n"
                 "  table.header([*ID*], [*Measure*], [*Who it applies to*]),\n  " + cells + ")\n")
    parts.append("#v(3mm)\n#text(size: 12pt, weight: \"bold\")[4. Definitions]\n")
    for p in DEFINITIONS:
        n, _, rest = p.partition(" ")
        parts.append(f"#num([{n}], [{esc(rest)}])")
    parts.append("#pagebreak()\n#text(size: 15pt, weight: \"bold\")[5. Recommended measures]\n")
    k = 0
    for c in code.chapters:
        name = opt.chapter_names.get(c.letter, f"{c.letter}. {c.title}")
        parts.append(f"#v(4mm)\n#text(size: 13pt, weight: \"bold\")[{esc(name)}]\n")
        for m in c.measures:
            mid = code.mid(m)
            parts.append(f"#measure(\"{mid}\", [{esc(m.title)}])\n")
            for i, p in enumerate(m.paras, 1):
                notes = ""
                for _ in p.notes:
                    k += 1
                    text = fns[k][1] + (" " + opt.long_notes[k] if k in opt.long_notes else "")
                    notes += f"#footnote[{esc(text)}]"
                parts.append(f"#num([{m.number}.{i}], [{esc(p.text)}{notes}])")
                parts += _items(p.items, opt, 0)
    parts.append("#pagebreak()\n#text(size: 15pt, weight: \"bold\")[6. Review of this code]\n")
    for p in CLOSING:
        n, _, rest = p.partition(" ")
        parts.append(f"#num([{n}], [{esc(rest)}])")
    return "\n".join(parts) + "\n"


def build(path: str, code: Code, opt: Options) -> tuple[dict[str, int], int]:
    out = Path(path)
    src = source(code, opt)
    out.with_suffix(".typ").write_text(src, encoding="utf-8")
    out.write_bytes(typst.compile(src.encode("utf-8"), format="pdf"))
    # the page of each heading, as Typst laid it out (queried, not read back from the PDF)
    found = json.loads(typst.query(src.encode("utf-8"), "<mpage>", field="value"))
    pages = {v["id"]: v["page"] for v in found}
    assert set(pages) == {code.mid(m) for m in code.measures()}
    pdf = pypdfium2.PdfDocument(str(out))
    try:
        return pages, len(pdf)
    finally:
        pdf.close()
