"""The code's own index of measures, read as a table.

Ofcom codes open with an "Index of recommended measures": a table, over several pages, of
measure ID, title and to whom it applies. It is read with pdfplumber's table extraction, only on
the pages of that section (table finding is the costly part of pdfplumber). Rows continued over a
page break (an empty ID cell) are merged into the row above, repeated header rows are skipped,
and grouped rows ("ICU D11-D13") are expanded so that the index can be reconciled with the body.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import islice
from typing import Callable

from .line_end_glyph import marks_are_hyphens
from .models import IndexRow
from .pdfium_chars import LINE_END_MARK
from .pdftext import LIGATURES, Line, is_soft_break, vocabulary
from .profiles import Profile
from .table_text import extract_table, extract_tables

_LINES = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
# No page cap: a code of two thousand measures prints an index of sixty pages or more, and every
# row left unread would come back as a false "not in the index table" warning. The table ends where
# the section ends (``_section_end``) or at the first page after it started that yields no row.


def _clean(cell: str | None, vocab: tuple[set[str], set[str]] = (set(), set())) -> str:
    """Cell text on one line; a hyphen at a wrapped line end is judged as in the body text."""
    if not cell:
        return ""
    for lig, rep in LIGATURES.items():
        cell = cell.replace(lig, rep)

    def hyphen(m: re.Match) -> str:
        return m.group(1) + ("" if is_soft_break(m.group(1), m.group(2), *vocab) else "-") + m.group(2)

    cell = re.sub(r"([A-Za-z]+)-\n([a-z][A-Za-z]*)", hyphen, cell)
    return re.sub(r"\s+", " ", cell).strip()


def expand_ids(match: re.Match, profile: Profile) -> list[str]:
    """IDs covered by an ID cell: "ICU D11-D13" gives D11, D12, D13."""
    start = match.group("start")
    end = match.groupdict().get("end")
    ids = [profile.make_id({"number": start})]
    if end:
        sm = re.match(r"^(.*?)(\d+)$", start)
        em = re.match(r"^([A-Za-z]*)(\d+)$", end)
        if sm and em and (not em.group(1) or em.group(1) == sm.group(1)):
            lo, hi = int(sm.group(2)), int(em.group(2))
            if lo < hi <= lo + 50:
                ids = [profile.make_id({"number": f"{sm.group(1)}{n}"}) for n in range(lo, hi + 1)]
        else:
            ids.append(profile.make_id({"number": end}))
    return ids


def _title_line(profile: Profile, lines: list[Line]) -> Line | None:
    hits = [ln for ln in lines if ln.kind == "body" and profile.index_title.search(ln.text)]
    if not hits:
        return None
    body = sorted(ln.size for ln in lines)[len(lines) // 2] if lines else 0
    styled = [ln for ln in hits if ln.bold or ln.size > body * 1.05]
    return (styled or hits)[0]


def _section_end(title: Line, lines: list[Line], profile: Profile) -> Line | None:
    """The first heading after the index title that is not part of the table: the index ends there.

    Without this the table reader would run on into the measures when they follow the index
    directly, and take every measure heading that starts with an ID for an index row.
    """
    sizes = sorted(ln.size for ln in lines)
    body = sizes[len(sizes) // 2] if sizes else 0.0
    started = False
    for k, ln in enumerate(lines):
        if ln is title:
            started = True
            continue
        if not started or ln.kind != "body" or ln.in_table:
            continue
        larger = ln.size >= body * 1.1
        bold_line = ln.bold and ln.bold_prefix >= len(ln.text) - 1 and ln.size >= body - 0.3
        if (larger or bold_line) and _header_score([ln.text], profile) == 0 and not _heads_a_table(k, lines, profile):
            return ln
    return None


def _heads_a_table(k: int, lines: list[Line], profile: Profile) -> bool:
    """Whether the heading ``lines[k]`` is the caption of another index table that follows it at
    once (an index split into one table per chapter, each under its own small heading, each opening
    with the column headings): then the index goes on past it."""
    heading = lines[k]
    # islice, not lines[k + 1:]: a copy of the rest of the document for every heading made a long
    # code's index quadratic in its length
    nxt = next((ln for ln in islice(lines, k + 1, None) if ln.kind == "body"), None)
    return (nxt is not None and nxt.in_table and nxt.page in (heading.page, heading.page + 1)
            and _header_score([nxt.text], profile) >= 1)


def _columns(header: list[str], profile: Profile, width: int) -> dict[str, int]:
    cols: dict[str, int] = {}
    for key in ("id", "applies_to", "title"):
        rx = profile.index_columns.get(key)
        if rx is None:
            continue
        for i, cell in enumerate(header):
            if i not in cols.values() and cell and rx.search(cell):
                cols[key] = i
                break
    defaults = {"id": 0, "title": 1, "applies_to": 2}
    for key, i in defaults.items():
        if key not in cols and i < width and i not in cols.values():
            cols[key] = i
    return cols


def read_index(pdf, profile: Profile, lines: list[Line], warn: Callable[[str, int], None] | None = None,
               fast=None) -> list[IndexRow]:
    """Rows of the index table of ``pdf`` (an open pdfplumber PDF), or [] when there is none.

    ``fast``: the same document opened in PDFium (``pdfium_chars.open_document``). pdfplumber's
    table finder then runs on the chars and paths PDFium read (``_pdfium_twin``), not on pdfminer's
    parse of the page, which was more than half of this reader's cost; pdfminer still reads a page
    PDFium cannot give as pdfminer would, one whose table holds a line-end hyphen whose glyph the
    page's fonts cannot tell (``line_end_glyph``), and a table drawn without rules where PDFium made
    word breaks of its own (words decide its columns there: ``_unruled_on``).

    ``warn(message, page)`` hears of rows inside the table that could not be read (an ID cell that
    holds an ID-like token the profile's ``id_regex`` does not match), so that they are reported
    rather than lost.
    """
    if profile.index_title is None or profile.index_id is None:
        return []
    title = _title_line(profile, lines)
    if title is None:
        return []
    vocab = vocabulary(lines)
    end = _section_end(title, lines, profile)
    rows: list[IndexRow] = []
    cols: dict[str, int] | None = None
    started = False
    # the body lines of each page, gathered once: filtering all lines for every page of a long index
    # was quadratic in its length
    glyph_memo: dict = {}  # each font's verdict on line-end hyphens, once a document
    by_page: dict[int, list[Line]] = defaultdict(list)
    for ln in lines:
        if ln.kind == "body" and ln.page >= title.page:
            by_page[ln.page].append(ln)
    for pno in range(title.page, len(pdf.pages) + 1):
        if end is not None and pno > end.page:
            break
        # only the body of the page: running headers, footers and footnotes stay out of the cells
        body = by_page.get(pno, [])
        if end is not None and pno == end.page and pno != title.page:
            body = [ln for ln in body if ln.top < end.top]
        if not body:
            break  # nothing of the table on this page: do not parse it
        top = title.bottom if pno == title.page else min(ln.top for ln in body) - 1
        page = pdf.pages[pno - 1]
        bottom = max(ln.bottom for ln in body) + 1
        limit = page.height
        if end is not None and pno == end.page:
            limit = bottom = max(top + 1, end.top - 1)
        box = (0, max(0, top), page.width, limit)
        twin = _pdfium_twin(page, fast, pno)
        tables = extract_tables((twin or page).crop(box), _LINES)
        if twin is not None and any(LINE_END_MARK in c for t in tables for r in t for c in r if c):
            # a cell ends a line in a hyphen PDFium only marks: where the page's fonts show it can only
            # be pdfminer's "-" (line_end_glyph), say so; otherwise let pdfminer read the page
            marked = {c["fontname"] for c in twin.chars if c["text"] == LINE_END_MARK}
            if marks_are_hyphens(page, marked, glyph_memo):
                tables = [[[c.replace(LINE_END_MARK, "-") if c else c for c in r] for r in t] for t in tables]
            else:
                tables = extract_tables(page.crop(box), _LINES)
        if not any(_has_ids(t, profile) for t in tables):
            # no ruled table: columns from the header's (or the ID rows') word positions. The area
            # starts just under the title: PDFium's coordinates are 32-bit floats, so a crop exactly
            # at the title's bottom kept slivers of the title's own glyphs in one reader's words
            # and not in the other's
            area_top = top + _SLIVER if pno == title.page else top
            area_box = (0, max(0, area_top), page.width, min(page.height, bottom))
            tables = [_unruled_on(twin, page, area_box, profile, glyph_memo)]
        page_rows = 0
        # footnote marks printed in the table's cells: pdfplumber gives them as plain digits glued
        # to the word before them ("Hash matching1"); the page's lines know them as markers
        marks = {n for ln in body if ln.in_table for _, n in ln.markers}
        for table in tables:
            above: list[str] = []
            clean_rows = []
            for raw in table:
                cells = [_clean(c, vocab) for c in raw]
                if not any(cells):
                    continue
                # a cell merged over several rows is printed once: pdfplumber gives it to the
                # first row and None (not "") to the rows below it that it spans, which read it
                # too (only below a measure's row: never a header's text)
                cells = [above[i] if c is None and 0 < i < len(above) else v for i, (c, v) in enumerate(zip(raw, cells))]
                above = cells if profile.index_id.match(cells[0] if cells else "") or (above and not cells[0]) else []
                clean_rows.append(cells)
            for cells in _join_wrapped_ids(clean_rows, profile, cols["id"] if cols else 0):
                id_idx = cols["id"] if cols else 0
                id_cell = cells[id_idx] if id_idx < len(cells) else ""
                m = profile.index_id.match(id_cell)
                if m is None and not started or (m is None and cols is None):
                    if _header_score(cells, profile) >= 2:
                        cols = cols or _columns(cells, profile, len(cells))
                    continue
                if cols is None:
                    cols = _columns([], profile, len(cells))
                get = lambda key: cells[cols[key]] if key in cols and cols[key] < len(cells) else ""  # noqa: E731
                if m is not None:
                    started = True
                    # a table of two columns ("Measure" | "Applies to") prints the title in the ID's cell
                    row_title = get("title") or id_cell[m.end():].strip(" \t–—-:")
                    rows.append(IndexRow(id_text=m.group(0).strip(), ids=expand_ids(m, profile),
                                         title=_unmark(row_title, marks), applies_to=_unmark(get("applies_to"), marks),
                                         page=pno))
                    page_rows += 1
                elif not id_cell and rows:
                    # a row continued from the previous page (or a wrapped cell): merge
                    prev = rows[-1]
                    prev.title = f"{prev.title} {get('title')}".strip()
                    prev.applies_to = f"{prev.applies_to} {get('applies_to')}".strip()
                    page_rows += 1
                elif _is_header(cells, profile):
                    continue  # header repeated on a later page
                elif warn is not None and re.search(r"\b[A-Z]{1,2}\d", id_cell):
                    warn(f"index row not understood (ID cell {id_cell[:40]!r}): {' | '.join(c for c in cells if c)[:80]!r}", pno)
        page.close()
        page.__dict__.pop("_layout", None)
        if started and page_rows == 0:
            break
    return rows


_SLIVER = 0.01  # points: far above float noise (1e-5), far below any gap between two printed lines


def _unruled_on(twin, page, box: tuple[float, float, float, float], profile: Profile,
                glyph_memo: dict) -> list[list[str | None]]:
    """``_unruled_table`` over ``box`` of the page, from PDFium's objects (``twin``) where they give
    pdfminer's words, else from pdfminer's parse of the page.

    Words are where the two readers may part: where PDFium made a word break of its own inside a
    line (``pdfium_chars.table_objects``' ``breaks``: a space glyph it dropped, or none drawn), and
    where a line ends in a hyphen PDFium only marks and the page's fonts cannot tell which glyph it
    was (``line_end_glyph``). Either in the box sends the page to pdfminer. Over the 25 unruled
    index pages of the fixtures, samples and held-out layouts, and the scaled sample, the table
    read from the twin equals pdfminer's (tests/test_index_unruled.py).
    """
    if twin is not None and not any(_overlaps(b, box) for b in twin.analyser_breaks):
        marked = [c for c in twin.chars if c["text"] == LINE_END_MARK and _overlaps(_box_of(c), box)]
        if not marked or marks_are_hyphens(page, {c["fontname"] for c in marked}, glyph_memo):
            for c in marked:
                c["text"] = "-"  # pdfminer's glyph, as the fonts show (the twin is this page's alone)
            return _unruled_table(twin.crop(box), profile)
    return _unruled_table(page.crop(box), profile)


def _box_of(obj: dict) -> tuple[float, float, float, float]:
    return obj["x0"], obj["top"], obj["x1"], obj["bottom"]


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _pdfium_twin(page, fast, pno: int):
    """A pdfplumber page of page ``pno`` whose objects (chars, rects, lines, curves) come from PDFium,
    as pdfminer would have made them (``pdfium_chars.table_objects``), or None where they cannot:
    no PDFium document, a rotated or shifted page, rotated or slanted chars on it.

    Measured over every page of the fixtures, the samples, the GPAI chapter and the held-out layout
    set (414 pages), pdfplumber's ruled tables (``_LINES``) from these objects are the same as from
    pdfminer's.
    """
    if fast is None:
        return None
    from pdfplumber.page import Page

    from . import pdfium_chars

    try:
        fast_page = fast[pno - 1]
    except Exception:  # noqa: BLE001 - PDFium cannot load the page: pdfminer reads it
        return None
    breaks: list[tuple[float, float, float, float]] = []
    try:
        if not pdfium_chars.page_supported(fast_page):
            return None
        objects = pdfium_chars.table_objects(fast_page, float(page.height), page.initial_doctop, breaks)
    except pdfium_chars.NotLikePdfminer:
        return None
    finally:
        fast_page.close()
    twin = Page(page.pdf, page.page_obj, page.page_number, page.initial_doctop)
    twin._objects = objects  # pdfplumber's own cache of the parsed objects
    twin.analyser_breaks = breaks  # where its words may not be pdfminer's (``_unruled_on``)
    return twin


def _unmark(text: str, marks: set[str]) -> str:
    """A cell's text without the footnote marks glued to its words (only numbers the page's lines
    read as raised markers, so "CSAM1" in a name stays unless a note 1 is marked in the table)."""
    if not marks or not text:
        return text
    alts = "|".join(re.escape(n) for n in sorted(marks, key=len, reverse=True))
    return re.sub(rf"(?<=[A-Za-z.,;:)’”\"'])(?:{alts})(?=\s|$)", "", text)


def _join_wrapped_ids(rows: list[list[str]], profile: Profile, id_idx: int) -> list[list[str]]:
    """Rows whose ID cell wraps onto the next printed line ("PCU" over "B1" in a narrow column)
    joined into one, cell by cell: neither part is an ID on its own, together they are.

    Only an unruled table reads a wrapped cell as two rows; in a ruled one the cell holds both
    lines already, so this changes nothing there.
    """
    out: list[list[str]] = []
    k = 0
    while k < len(rows):
        cells = rows[k]
        nxt = rows[k + 1] if k + 1 < len(rows) else None
        idc = cells[id_idx] if id_idx < len(cells) else ""
        if (
            nxt is not None
            and idc
            and not profile.index_id.match(idc)
            and id_idx < len(nxt)
            and nxt[id_idx]
            and not profile.index_id.match(nxt[id_idx])
            and profile.index_id.match(f"{idc} {nxt[id_idx]}")
        ):
            width = max(len(cells), len(nxt))
            get = lambda r, i: r[i] if i < len(r) else ""  # noqa: E731
            out.append([" ".join(p for p in (get(cells, i), get(nxt, i)) if p) for i in range(width)])
            k += 2
            continue
        out.append(cells)
        k += 1
    return out


def _row_words(words: list[dict]) -> list[list[dict]]:
    rows: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if rows and abs(rows[-1][0]["top"] - w["top"]) < 3:
            rows[-1].append(w)
        else:
            rows.append([w])
    return [sorted(r, key=lambda w: w["x0"]) for r in rows]


def _cells(row: list[dict]) -> list[list[dict]]:
    """Words of one printed row split where the gap is wider than a space (cell boundaries)."""
    cells: list[list[dict]] = [[row[0]]]
    for a, b in zip(row, row[1:]):
        size = b["bottom"] - b["top"]
        (cells.append([b]) if b["x0"] - a["x1"] > 0.9 * size else cells[-1].append(b))
    return cells


def _unruled_table(area, profile: Profile) -> list[list[str | None]]:
    """A table drawn without rules, read with explicit column boundaries.

    The boundaries are where the header row's cells start (or, without a header, where the cells
    of the widest ID row start); rows are printed lines, so wrapped cells come out as rows with an
    empty ID cell, which ``read_index`` merges into the row above.
    """
    words = area.extract_words()
    if not words:
        return []
    rows = _row_words(words)
    starts: list[float] | None = None
    for row in rows:
        cells = _cells(row)
        texts = [" ".join(w["text"] for w in c) for c in cells]
        if len(cells) >= 2 and _header_score(texts, profile) >= 2:
            starts = [c[0]["x0"] for c in cells]
            break
    if starts is None:
        id_rows = [_cells(r) for r in rows if profile.index_id.match(" ".join(w["text"] for w in r))]
        if not id_rows:
            return []
        starts = [c[0]["x0"] for c in max(id_rows, key=len)]
    x1 = max(w["x1"] for w in words) + 1
    settings = {
        "vertical_strategy": "explicit",
        "explicit_vertical_lines": [x - 1 for x in starts] + [x1],
        "horizontal_strategy": "text",
    }
    return extract_table(area, settings, words=words) or []  # its words are those above: not made twice


def _is_header(cells: list[str], profile: Profile) -> bool:
    return _header_score(cells, profile) >= min(2, len([c for c in cells if c]))


def _header_score(cells: list[str], profile: Profile) -> int:
    """How many cells read as column headings (a header row has one per column)."""
    return sum(1 for c in cells if c and any(rx.search(c) for rx in profile.index_columns.values()))


def _has_ids(table: list[list[str | None]], profile: Profile) -> bool:
    return any(row and profile.index_id.match(_clean(row[0])) for row in table)
