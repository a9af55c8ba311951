"""What the index tables and boxes documents are read for (tests/fixtures/layouts/index_tables_and_boxes).

Extraction on a tenth round of held-out sample codes: how a designed regulator document lays out its
measures and its index.

Round 10 (fixtures/layouts/index_tables_and_boxes/generate.py, python-docx + LibreOffice) varies, in one ICU-like
code: an index split into one ruled table per chapter, each under a small heading naming the chapter
('Governance', 'Content moderation', 'Reporting and complaints'), whose first cell holds the ID and the
title together ('ICU C1 Operating a content moderation function'; columns 'Measure' and 'Applies to'),
the chapter C table broken over a page; the paragraphs of ICU A1, C1, C2 and D1 inside a bordered, lightly
shaded one-cell box under the measure heading, the C2 box broken over a page, beside unboxed measures;
ICU C4 laid out as a borderless two-column table (the number 'C4.1' in the left cell, the text with its
'(a)', '(b)' sub-items in the right, one row a paragraph); footnotes (two inside boxes) and
cross-references.

Expected JSON is written from the generator's own source with pages found by poppler, never by the parser.
One test per (document, field); a field the parser gets wrong is a strict xfail in KNOWN naming the
general cause. Do not tune the parser to these documents: fix the general cause.

What these documents found in the parser, and how each cause was fixed, is the manifest's ``found``.
"""

from __future__ import annotations

import re
from pathlib import Path

from analyser.models import Code

from .common import _exp_items, _items, all_texts, page_text as _page, paragraphs_expected, ws


def check_per_chapter_index_tables(code: Code, exp: dict) -> None:
    """Every row of every chapter's table, in order, with its ID, applies-to and page; the small headings
    above the tables and the repeated header rows are no rows. (Titles are index_titles_in_id_cell's.)"""
    got = [(r.id_text, r.ids, ws(r.applies_to), r.page) for r in code.index]
    want = [(r["id_text"], r["ids"], ws(r["applies_to"]), r["page"]) for r in exp["index"]]
    assert got == want
    headings = {t["heading"] for t in exp["index_tables"]} | {"Measure", "Applies to"}
    assert [r for r in code.index if ws(r.title) in headings or ws(r.id_text) in headings] == []


def check_index_titles_in_id_cell(code: Code, exp: dict) -> None:
    """The title printed after the ID in the same cell ('ICU C1 Operating ...') is the row's title, without
    the ID. Judged on the rows read (a lost row is per_chapter_index_tables' failure)."""
    assert code.index, "no index rows read"
    want = {r["id_text"]: ws(r["title"]) for r in exp["index"]}
    got = {r.id_text: ws(r.title) for r in code.index if r.id_text in want}
    assert got == {k: v for k, v in want.items() if k in got}


def check_index_table_over_a_page(code: Code, exp: dict) -> None:
    """The table broken over a page keeps all its rows, each with the page it is printed on."""
    table = next(t for t in exp["index_tables"] if t["chapter"] == exp["index_split_table"])
    want = [(r["id_text"], r["page"]) for r in exp["index"] if r["id_text"] in table["ids"]]
    got = [(r.id_text, r.page) for r in code.index if r.id_text in table["ids"]]
    assert got == want


def _paras(code: Code, exp: dict, ids: list[str]):
    got = [(m.id, p.number, ws(p.text), p.page, p.page_end) for m in code.measures if m.id in ids
           for p in m.paragraphs]
    want = [(m["id"], p["number"], ws(p["text"]), p["page"], p["page_end"]) for m in exp["measures"]
            if m["id"] in ids for p in m["paragraphs"]]
    return got, want


def check_boxed_paragraphs(code: Code, exp: dict) -> None:
    """The paragraphs inside the recommendation boxes: each read whole, numbered, with its pages."""
    got, want = _paras(code, exp, exp["boxed_measures"])
    assert got == want


def check_box_over_a_page(code: Code, exp: dict) -> None:
    """The box broken over a page is one run of paragraphs: none lost, doubled or split in two at the break."""
    got, want = _paras(code, exp, [exp["box_break"]])
    assert [g[1] for g in got] == [w[1] for w in want]
    assert got == want


def check_unboxed_paragraphs(code: Code, exp: dict) -> None:
    """The measures in the same document that are not boxed are read as well as the boxed ones."""
    got, want = _paras(code, exp, exp["unboxed_measures"])
    assert got == want


def check_table_laid_measure(code: Code, exp: dict) -> None:
    """The measure laid out as a two-column table: one paragraph a row, the left cell its number (in no
    text), the right cell its text and its '(a)', '(b)' sub-items."""
    mid = exp["table_measure"]["id"]
    got, want = _paras(code, exp, [mid])
    assert [g[1] for g in got] == exp["table_measure"]["paragraphs"]
    assert got == want
    got_items = {p.number: _items(p.items) for m in code.measures if m.id == mid for p in m.paragraphs}
    want_items = {p["number"]: _exp_items(p["items"]) for m in exp["measures"] if m["id"] == mid
                  for p in m["paragraphs"]}
    assert got_items == want_items


def check_no_box_or_table_residue(code: Code, exp: dict) -> None:
    """No paragraph number from a box's hanging column or a table's left cell, and no index heading, leaks
    into any text read."""
    numbers = [p for (_, p) in paragraphs_expected(exp)]
    leak = re.compile(r"(?:^|\s)(?:" + "|".join(re.escape(n) for n in numbers) + r")(?:\s|$)")
    refs = {c["text"] for m in exp["measures"] for c in m["cross_refs"]}
    bad = [(k, t) for k, t in all_texts(code) if leak.search(t or "")
           and not any(r in (t or "") for r in refs if r in numbers)]
    assert bad == []
    assert [(k, t) for k, t in all_texts(code) if "Applies to" in (t or "")] == []


def printed(pdf: Path, exp: dict) -> None:
    """What this round is for is really in the PDF (poppler and pdfplumber, not the parser)."""
    import pdfplumber

    n = exp["code"]["page_count"]
    pages = [_page(pdf, k) for k in range(1, n + 1)]
    lines = [ws(x) for t in pages for x in t.splitlines()]
    # one table per chapter: a small heading on a line of its own, then the table's header row
    for t in exp["index_tables"]:
        k = lines.index(t["heading"])
        assert lines[k + 1] == "Measure Applies to", t["heading"]
        for cell in t["cells"]:  # the ID and the title printed together, at the start of a line
            assert any(x.startswith(cell) for x in lines), cell
    assert lines.count("Measure Applies to") == len(exp["index_tables"])
    split = next(t for t in exp["index_tables"] if t["chapter"] == exp["index_split_table"])
    assert len(split["pages"]) == 2
    with pdfplumber.open(pdf) as doc:
        def filled_boxes(page_no: int) -> list:
            page = doc.pages[page_no - 1]
            return [r for r in page.rects if r.get("non_stroking_color") not in (None, (1,), (1, 1, 1), [1, 1, 1])
                    and r["width"] > page.width / 2 and r["height"] > 20]
        for mid in exp["boxed_measures"]:  # each boxed measure's first page holds a wide shaded rectangle
            m = next(x for x in exp["measures"] if x["id"] == mid)
            assert filled_boxes(m["paragraphs"][0]["page"]), mid
        broken = next(x for x in exp["measures"] if x["id"] == exp["box_break"])
        assert filled_boxes(broken["paragraphs"][-1]["page_end"]), "the box continues on the next page"
        table = next(x for x in exp["measures"] if x["id"] == exp["table_measure"]["id"])
        page = doc.pages[table["page_start"] - 1]
        # the table-laid numbers sit left of their text, each on the line of its text's first words
        for p in table["paragraphs"]:
            w = next(w for w in page.extract_words() if w["text"] == p["number"])
            first = ws(p["text"]).split()[0]
            assert any(v["text"] == first and abs(v["top"] - w["top"]) < 2 and v["x0"] > w["x1"]
                       for v in page.extract_words()), p["number"]
