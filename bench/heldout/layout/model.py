# Owns the source-text model of the held-out layout documents: a tiny line markup the content
# banks are written in, its parser into dataclasses, and the expected extraction derived from
# that source (never from the analyser's output).
from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Item:
    text: str
    sub: list["Item"] = field(default_factory=list)


@dataclass
class Para:
    text: str                       # lead text (before any sub-items)
    items: list[Item] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)   # footnote texts, marker at end of lead text
    amended: str = ""               # amendment mark for consolidated editions ("" = none)


@dataclass
class Measure:
    number: str                     # "B1"
    title: str
    applies_to: str                 # the index table's cell ("" = blank cell)
    paras: list[Para] = field(default_factory=list)
    amended: str = ""


@dataclass
class Chapter:
    letter: str
    title: str
    measures: list[Measure] = field(default_factory=list)


@dataclass
class IndexRow:
    id_text: str                    # as printed, may be a group "PCU D3-D5"
    title: str
    applies_to: str


@dataclass
class Code:
    short: str                      # "PCU"
    title: str
    chapters: list[Chapter]
    index: list[IndexRow]

    def measures(self) -> list[Measure]:
        return [m for c in self.chapters for m in c.measures]

    def mid(self, m: Measure) -> str:
        return f"{self.short} {m.number}"


def parse_bank(short: str, title: str, src: str, groups: dict[str, tuple[str, list[str]]] | None = None) -> Code:
    """Parse the line markup.

    ``C A | title`` chapter; ``M A1 | title | applies-to cell`` measure (``*`` after the number
    marks an amended measure); ``P text`` paragraph (``P[A3] text`` carries amendment mark A3);
    ``I text`` sub-item; ``II text`` sub-sub-item; ``F text`` footnote on the last paragraph.
    ``groups`` merges index rows: group id_text -> (title, member numbers).
    """
    chapters: list[Chapter] = []
    for raw in src.strip().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        tag, _, rest = line.partition(" ")
        if tag == "C":
            letter, ctitle = (s.strip() for s in rest.split("|"))
            chapters.append(Chapter(letter, ctitle))
        elif tag == "M":
            num, mtitle, applies = (s.strip() for s in rest.split("|"))
            amended = "*" in num
            chapters[-1].measures.append(Measure(num.rstrip("*"), mtitle, applies, amended="yes" if amended else ""))
        elif tag.startswith("P"):
            mark = re.match(r"P\[(\w+)\]", tag)
            chapters[-1].measures[-1].paras.append(Para(rest.strip(), amended=mark.group(1) if mark else ""))
        elif tag == "I":
            chapters[-1].measures[-1].paras[-1].items.append(Item(rest.strip()))
        elif tag == "II":
            chapters[-1].measures[-1].paras[-1].items[-1].sub.append(Item(rest.strip()))
        elif tag == "F":
            chapters[-1].measures[-1].paras[-1].notes.append(rest.strip())
        else:
            raise ValueError(f"bad markup line: {raw!r}")
    measures = [m for c in chapters for m in c.measures]
    index: list[IndexRow] = []
    grouped: dict[str, str] = {}
    for gid, (_, members) in (groups or {}).items():
        for n in members:
            grouped[n] = gid
    done: set[str] = set()
    for m in measures:
        gid = grouped.get(m.number)
        if gid is None:
            index.append(IndexRow(f"{short} {m.number}", m.title, m.applies_to))
        elif gid not in done:
            done.add(gid)
            index.append(IndexRow(gid, groups[gid][0], m.applies_to))
    return Code(short, title, chapters, index)


REF = re.compile(r"\b(?:ICU|ICS|PCU|PCS) [A-J]\d+\b")


def footnote_numbers(code: Code) -> dict[int, tuple[str, str]]:
    """Footnote number -> (measure id, text); numbered through the document in reading order."""
    out: dict[int, tuple[str, str]] = {}
    n = 0
    for m in code.measures():
        for p in m.paras:
            for note in p.notes:
                n += 1
                out[n] = (code.mid(m), note)
    return out


def first_words(text: str, n: int = 6) -> str:
    return " ".join(text.split()[:n])


def expected_toml(code: Code, *, doc: str, producer: str, layout: list[str], pages: dict[str, int],
                  page_count: int, item_style: str, notes: str = "") -> str:
    """The expected extraction as TOML text, from the source model and the pages the renderer recorded."""
    def q(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = [
        "# Expected extraction, written from the generator's own source text (make_documents.py),",
        "# never from the analyser's output. SYNTHETIC SAMPLE: not official text. Frozen: do not edit to fit a parser.",
        "[document]",
        f"file = {q(doc + '.pdf')}",
        f"code = {q(code.short)}",
        f"title = {q(code.title)}",
        f"producer = {q(producer)}",
        f"layout = [{', '.join(q(x) for x in layout)}]",
        f"sub_item_style = {q(item_style)}",
        f"page_count = {page_count}",
        "synthetic = true",
    ]
    if notes:
        lines.append(f"notes = {q(notes)}")
    fns = footnote_numbers(code)
    for m in code.measures():
        mid = code.mid(m)
        lines += ["", "[[measure]]", f"id = {q(mid)}", f"title = {q(m.title)}", f"page = {pages[mid]}"]
        lines.append("paragraphs = [" + ", ".join(q(f"{m.number}.{i}") for i in range(1, len(m.paras) + 1)) + "]")
        items = {f"{m.number}.{i}": len(p.items) for i, p in enumerate(m.paras, 1) if p.items}
        lines.append("sub_items = {" + ", ".join(f"{q(k)} = {v}" for k, v in items.items()) + "}")
        nested = {f"{m.number}.{i}#{j + 1}": len(it.sub)
                  for i, p in enumerate(m.paras, 1) for j, it in enumerate(p.items) if it.sub}
        lines.append("nested_items = {" + ", ".join(f"{q(k)} = {v}" for k, v in nested.items()) + "}")
        refs = sorted({r for p in m.paras for r in REF.findall(" ".join([p.text] + [i.text for i in _flat(p.items)]))} - {mid})
        lines.append("cross_refs = [" + ", ".join(q(r) for r in refs) + "]")
        mine = [(k, t) for k, (owner, t) in fns.items() if owner == mid]
        for k, t in mine:
            lines += ["[[measure.footnote]]", f"number = {q(str(k))}", f"starts = {q(first_words(t))}"]
    for row in code.index:
        lines += ["", "[[index]]", f"id_text = {q(row.id_text)}", f"applies_to = {q(row.applies_to)}"]
    return "\n".join(lines) + "\n"


def _flat(items: list[Item]) -> list[Item]:
    out: list[Item] = []
    for it in items:
        out.append(it)
        out += _flat(it.sub)
    return out


ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]


def _label(j: int, style: str) -> str:
    """The printed label of top-level item j (0-based) in a style: letters, roman or bullets."""
    if style == "roman":
        return f"({ROMAN[j]})"
    if style == "bullets":
        return f"[{j + 1}]"
    return f"({chr(ord('a') + j)})"


def label(j: int, style: str, level: int = 0) -> str:
    """Printed label for an item; nested items use the next style down."""
    if level == 0:
        return "\u2022" if style == "bullets" else _label(j, style)
    if style == "roman":
        return f"({chr(ord('A') + j)})"
    if style == "bullets":
        return "\u2013"
    return f"({ROMAN[j]})"
