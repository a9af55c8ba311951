"""What the designed documents documents are read for (tests/fixtures/layouts/designed_documents).

Extraction on a seventh round of held-out sample codes: the layout a designed regulator document has.

Rounds 1-6 varied the producer, the characters, the matter around the measures and Word's own layout.
Round 7 (fixtures/layouts/designed_documents/generate.py, python-docx + LibreOffice) varies design:
- PCU-like (A4, Liberation Sans 10.5 pt): chapter headings in a dark paragraph-shaded band and measure
  headings in a dark one-cell table, both with white bold text; paragraph numbers in a 2.5 cm column;
  bold defined terms and italic phrases inside paragraphs; each chapter a Word section whose running
  header names it with the prefix ('PCU B - Age assurance') beside the fixed title; 'Back to contents'
  and the page number in every footer; a measure whose only paragraph is its application sentence.
- PCS-like (US Letter, Liberation Serif 11 pt): footnotes marked '*' and a dagger (Word custom marks)
  beside numbered ones; numbered lists '1.', '2.', '3.' as a paragraph's sub-items; an index table with
  no ruling line at all, long wrapped 'Who it applies to' cells and a range row 'PCS C3-C5'.

Each expected JSON is written from the generator's own source, with pages found by poppler, never by
the parser. One test per (document, field); a field the parser gets wrong is a strict xfail in KNOWN
whose reason names the general cause. Do not tune the parser to these documents: fix the general cause.

What these documents found in the parser, and how each cause was fixed, is the manifest's ``found``.
"""

from __future__ import annotations

import re
from pathlib import Path

from analyser.models import Code

from .common import all_texts, page_text as _page, paragraphs_read, texts_with_notes as _texts, ws


def check_headings_in_no_paragraph(code: Code, exp: dict) -> None:
    """A chapter heading ('B. Age assurance', in a shaded band in the PCU document) and a measure heading
    ('PCU B1 ...', in a shaded one-cell table there) is no paragraph's or sub-item's text."""
    heads = {ws(m["chapter_heading"]) for m in exp["measures"]} | {ws(f"{m['id']} {m['title']}") for m in exp["measures"]}
    body = [(k, t) for k, t in all_texts(code) if not re.fullmatch(r"[A-Z]{3} [A-Z]\d+", k)]
    assert [(k, h) for k, t in body for h in heads if h in ws(t)] == []


def check_running_header_kept_out(code: Code, exp: dict) -> None:
    """Neither the fixed header title nor the chapter-naming header words ('PCU B \u2013 Age assurance',
    changing with each chapter) reach any text read, a chapter title or the measure list."""
    bad = [ws(h) for h in exp["running_headers"]]
    leaked = [(k, h) for k, t in _texts(code) for h in bad if h in ws(t)]
    leaked += [(m.id, m.chapter_title) for m in code.measures if any(h in ws(m.chapter_title or "") for h in bad)]
    assert not leaked
    assert all(re.fullmatch(rf"{exp['code']['short_name']} [A-Z]\d+", m.id) for m in code.measures)


def check_footer_kept_out(code: Code, exp: dict) -> None:
    """'Back to contents' (PCU) and the page-number footers never reach any text read."""
    bad = re.compile(r"Back to contents|\bPage \d+\b|\bcontents \d+$")
    assert [(k, t) for k, t in _texts(code) if bad.search(ws(t))] == []


def check_styled_paragraphs_whole(code: Code, exp: dict) -> None:
    """A paragraph with bold defined terms or italic phrases is read whole and in order, each styled
    phrase in its place (paragraph_texts compares every paragraph; this one only the styled ones)."""
    got = paragraphs_read(code)
    want: dict = {}
    for r in exp["styled_runs"]:
        want.setdefault((r["measure"], r["paragraph"]), []).append(r["text"])
    assert want, "the document has styled runs"
    exp_text = {(m["id"], p["number"]): ws(p["text"]) for m in exp["measures"] for p in m["paragraphs"]}
    wrong = {}
    for key, phrases in want.items():
        text = ws(got[key].text) if key in got else ""
        pos, ok = 0, True
        for ph in phrases:
            pos = text.find(ws(ph), pos)
            ok &= pos >= 0
        if text != exp_text[key] or not ok:
            wrong[key[1]] = (text, exp_text[key])
    assert not wrong, wrong


def check_numbered_list_sub_items(code: Code, exp: dict) -> None:
    """A numbered list '1.', '2.', '3.' under a paragraph's lead-in is that paragraph's sub-items, labelled
    '(1)', '(2)', '(3)' (the project's form of every label); where the document has none, no paragraph
    read has such sub-items."""
    got = paragraphs_read(code)
    want = {(m["id"], p["number"]): [(i["label"], ws(i["text"])) for i in p["items"]]
            for m in exp["measures"] for p in m["paragraphs"] if p["number"] in exp["numbered_list_paragraphs"]}
    have = {k: [(i.label, ws(i.text)) for i in got[k].items] if k in got else None for k in want}
    assert have == want
    spurious = [k for k, p in got.items() if k not in want and any(re.fullmatch(r"\(\d+\)", i.label) for i in p.items)]
    assert not spurious


def check_symbol_footnotes(code: Code, exp: dict) -> None:
    """Notes marked with a symbol ('*', '\u2020') are read with that mark, their whole text, their page and
    paragraph; the marks are printed in no paragraph's or sub-item's text."""
    marks = exp["custom_footnote_marks"]
    got = sorted((f.number, ws(f.text), f.page, f.paragraph) for m in code.measures for f in m.footnotes
                 if f.number in marks)
    want = sorted((f["number"], ws(f["text"]), f["page"], f["paragraph"]) for m in exp["measures"]
                  for f in m["footnotes"] if f["number"] in marks)
    assert got == want
    assert [(k, t) for k, t in all_texts(code) if re.search("[*\u2020\u2021]", t)] == []


def check_numbered_footnotes_skip_symbols(code: Code, exp: dict) -> None:
    """The numbered notes are read with the numbers printed (the symbol notes take none), on their pages."""
    got = sorted((f.number, ws(f.text), f.page) for m in code.measures for f in m.footnotes if f.number.isdigit())
    want = sorted((f["number"], ws(f["text"]), f["page"]) for m in exp["measures"] for f in m["footnotes"]
                  if f["number"].isdigit())
    assert got == want


def check_index_range_row(code: Code, exp: dict) -> None:
    """A range row ('PCS C3\u2013C5') gives every ID it covers, each of which is a measure of the body; every
    other row gives its one ID."""
    ranges = {r["id_text"]: r["ids"] for r in exp["index_range_rows"]}
    got = {r.id_text: r.ids for r in code.index}
    assert {k: got.get(k) for k in ranges} == ranges
    body = {m.id for m in code.measures}
    assert all(i in body for ids in ranges.values() for i in ids)
    assert [(k, v) for k, v in got.items() if k not in ranges and v != [k]] == []


def check_application_only_measures(code: Code, exp: dict) -> None:
    """A measure whose only paragraph is its application sentence has that one paragraph, flagged as
    the application (PCU F2); measures with more paragraphs are not cut to one."""
    want = {m["id"]: [(p["number"], p["is_application"]) for p in m["paragraphs"]] for m in exp["measures"]
            if len(m["paragraphs"]) == 1}
    got = {m.id: [(p.number, p.is_application) for p in m.paragraphs] for m in code.measures if m.id in want}
    assert got == want
    assert [m.id for m in code.measures if len(m.paragraphs) == 1] == list(want)


def printed(pdf: Path, exp: dict) -> None:
    """What this round is for is really in the PDF (poppler and pdfplumber's drawing objects, not the parser)."""
    import pdfplumber

    n = exp["code"]["page_count"]
    pages = [_page(pdf, k) for k in range(1, n + 1)]
    with pdfplumber.open(pdf) as doc:
        if exp["paper"] == "letter":
            assert (round(doc.pages[0].width), round(doc.pages[0].height)) == (612, 792)
        index_page = doc.pages[exp["index"][0]["page"] - 1]
        if not exp["index_ruled"]:  # no ruling line and no cell shading anywhere on the index page
            assert index_page.lines == [] and index_page.rects == []
        if exp["shaded_headings"]:  # dark filled bands behind white bold heading text
            for m in exp["measures"]:
                page = doc.pages[m["page_start"] - 1]
                dark = [r for r in page.rects if r.get("non_stroking_color") and max(r["non_stroking_color"]) < 0.5]
                white = [c for c in page.chars if c.get("non_stroking_color") in ((1, 1, 1), [1, 1, 1], (1,), [1])]
                word = m["id"].split()[1]
                assert dark and "".join(c["text"] for c in white).find(word) >= 0, m["id"]
    for k, text in enumerate(pages, start=1):
        if exp["footer_text"]:
            assert exp["footer_text"] in text and re.search(rf"{exp['footer_text']}\s+{k}\s*$", text.strip()), k
    for letter, page in exp["chapter_pages"].items():  # the header names the chapter on its pages
        head = ws(pages[page - 1].strip().splitlines()[0])
        assert ws(exp["running_header"]) in head
        if exp["chapter_headers"]:
            want = next(h for h in exp["chapter_headers"] if h.split()[1] == letter)
            assert head.endswith(ws(want)), head
    for m in exp["measures"]:
        for f in m["footnotes"]:  # each mark printed at the foot of its page, symbols included
            assert re.search(rf"^\s*{re.escape(f['number'])}\s+{re.escape(f['text'][:20])}", pages[f["page"] - 1],
                             re.M), f["number"]
        for p in m["paragraphs"]:
            if p["number"] in exp["numbered_list_paragraphs"]:
                for it in p["items"]:
                    printed = it["label"].strip("()") + "."  # the JSON holds the project's '(1)'
                    assert re.search(rf"^\s*{re.escape(printed)}\s+\S", pages[p["page"] - 1] + pages[p["page_end"] - 1],
                                     re.M)
    for r in exp["index_range_rows"]:
        assert r["id_text"] in pages[exp["index"][0]["page"] - 1]
