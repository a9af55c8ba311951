"""What the consolidated editions documents are read for (tests/fixtures/layouts/consolidated_editions).

Extraction on an eleventh round of held-out sample codes: what a consolidated (amended) code carries.

Round 11 (fixtures/layouts/consolidated_editions/generate.py, python-docx + LibreOffice) varies, in one ICU-like
code: a numbered Word footnote on the heading of the amended measure ('ICU C2 Setting performance
targets²'), cited by no paragraph; a numbered footnote on a title in the ruled index ('Hash matching¹');
amendment words in square brackets with a numbered footnote after the closing bracket ('[at least once in
every quarter].³' ending C2.2, '[where technically feasible]⁴' inside C3.2); cross-references to another
code's measures ('ICS C3 in the search code', 'ICS D2') beside 'ICU C1' and 'paragraph C2.3'.

Decided (the expected JSON's conventions): the heading note belongs to its measure (in its footnotes,
paragraph None, cited by no paragraph); the index note belongs to no measure and the row's title is read
without its mark; bracketed words are paragraph text with their brackets.

Expected JSON is written from the generator's own source with pages found by poppler, never by the parser.
One test per (document, field); a field the parser gets wrong is a strict xfail in KNOWN naming the
general cause. Do not tune the parser to these documents: fix the general cause.

What these documents found in the parser, and how each cause was fixed, is the manifest's ``found``.
"""

from __future__ import annotations

from pathlib import Path

from analyser.models import Code

from .common import all_texts, paragraphs_read, ws


def check_heading_title_without_note_mark(code: Code, exp: dict) -> None:
    """The footnoted heading's title is read without the mark ('Setting performance targets', not '...2')."""
    mid = exp["heading_footnote"]["measure"]
    want = next(m["title"] for m in exp["measures"] if m["id"] == mid)
    assert [ws(m.title) for m in code.measures if m.id == mid] == [want]


def check_heading_note_belongs_to_its_measure(code: Code, exp: dict) -> None:
    """The note on a measure heading is that measure's, with no paragraph citing it, and only there."""
    h = exp["heading_footnote"]
    got = [(m.id, f.number, f.paragraph, f.page) for m in code.measures for f in m.footnotes
           if ws(f.text) == ws(h["text"])]
    assert got == [(h["measure"], h["number"], None, h["page"])]
    cited = [k for k, p in paragraphs_read(code).items() if h["number"] in p.footnote_refs]
    assert cited == []


def check_index_title_without_note_mark(code: Code, exp: dict) -> None:
    """The index row whose title carries a footnote mark is read with its title and applies-to clean."""
    n = exp["index_footnote"]
    row = next(r for r in exp["index"] if r["id_text"] == n["id_text"])
    got = [(r.id_text, ws(r.title), ws(r.applies_to), r.page) for r in code.index if r.id_text == n["id_text"]]
    assert got == [(n["id_text"], n["title"], ws(row["applies_to"]), n["page"])]


def check_index_note_belongs_to_no_measure(code: Code, exp: dict) -> None:
    """The index note is in no measure's footnotes and in no text read."""
    key = ws(exp["index_footnote"]["text"])[:40]
    assert [m.id for m in code.measures for f in m.footnotes if key in ws(f.text)] == []
    assert [k for k, t in all_texts(code) if key in ws(t or "")] == []


def check_bracketed_amendments(code: Code, exp: dict) -> None:
    """Words in square brackets stay in their paragraph, brackets and all, and the number after the closing
    bracket is the paragraph's footnote reference, not text ('feasible]4' is neither text nor lost)."""
    paras = paragraphs_read(code)
    for b in exp["bracketed_amendments"]:
        mid = next(m["id"] for m in exp["measures"] for q in m["paragraphs"] if q["number"] == b["paragraph"])
        p = paras.get((mid, b["paragraph"]))
        assert p is not None, b["paragraph"]
        assert b["words"] in ws(p.text), b
        assert b["words"] + b["footnote"] not in ws(p.text), b
        assert b["footnote"] in p.footnote_refs, b


def check_cross_refs_to_another_code(code: Code, exp: dict) -> None:
    """A reference to another code's measure ('ICS C3 in the search code') is read with that code's ID,
    and is not taken for a measure of this code."""
    got = sorted((m.id, c.source_paragraph, c.target, c.kind) for m in code.measures for c in m.cross_refs
                 if c.target.startswith("ICS "))
    want = sorted((m["id"], c["source_paragraph"], c["target"], c["kind"]) for m in exp["measures"]
                  for c in m["cross_refs"] if c["target"] in exp["external_cross_refs"])
    assert got == want
    assert [m.id for m in code.measures if not m.id.startswith(exp["code"]["short_name"] + " ")] == []


def printed(pdf: Path, exp: dict) -> None:
    """The marks this round is about are really in the PDF, as superscripts (pdfplumber, not the parser)."""
    import pdfplumber


    h, n = exp["heading_footnote"], exp["index_footnote"]
    m = next(x for x in exp["measures"] if x["id"] == h["measure"])
    with pdfplumber.open(pdf) as doc:
        def small_digit_after(page_no: int, text: str, mark: str) -> bool:
            page = doc.pages[page_no - 1]
            chars = page.chars
            line = "".join(c["text"] for c in chars)
            k = line.replace(" ", "").find((text + mark).replace(" ", ""))
            if k < 0:
                return False
            flat = [c for c in chars if c["text"] != " "]
            last, sup = flat[k + len(text.replace(" ", "")) - 1], flat[k + len(text.replace(" ", ""))]
            return sup["text"] == mark and sup["size"] < last["size"]
        assert small_digit_after(h["page"], m["title"], h["number"]), "heading mark"
        assert small_digit_after(n["page"], n["title"], n["number"]), "index title mark"
        for b in exp["bracketed_amendments"]:
            page = next(p["page_end"] for x in exp["measures"] for p in x["paragraphs"]
                        if p["number"] == b["paragraph"])
            ok = any(small_digit_after(page, b["words"] + end, b["footnote"]) for end in ("", "."))
            assert ok, b
