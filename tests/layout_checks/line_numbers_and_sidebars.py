"""What the line numbers and sidebars documents are read for (tests/fixtures/layouts/line_numbers_and_sidebars).

Extraction on an eighth round of held-out sample codes: what consultation drafts and Word's defaults produce.

Round 8 (fixtures/layouts/line_numbers_and_sidebars/generate.py, python-docx + LibreOffice) varies:
- ICU-like (Liberation Serif): sub-items in Word's default list styles 'a.' then 'i.' (generated, nested);
  measure headings 'ICU C2: Title' (chapter C) and 'ICU D1 - Title' (en dash, chapter D); margin line
  numbers on every line restarting each page; footnote numbers restarting on each page (three notes '1').
- PCU-like (Liberation Sans): a framed 'Key point' sidebar in the right margin beside body paragraphs; a
  figure with a caption 'Figure 1: ...' between numbered paragraphs; a logo in the running header; bold
  paragraph numbers; 'Chapter B: Age assurance' headings; a measure over three pages with paragraphs split
  over page breaks in mid-sentence.

Expected JSON is written from the generator's own source with pages found by poppler, never by the parser.
One test per (document, field); a field the parser gets wrong is a strict xfail in KNOWN naming the
general cause. Do not tune the parser to these documents: fix the general cause.

What these documents found in the parser, and how each cause was fixed, is the manifest's ``found``.
"""

from __future__ import annotations

import re
from pathlib import Path

from analyser.models import Code

from .common import all_texts, page_text as _page, paragraphs_expected, paragraphs_read, ws


def check_line_numbers_kept_out(code: Code, exp: dict) -> None:
    """Margin line numbers are in no text: every paragraph read has exactly the digit groups its expected
    text has (a stray '12' is a line number), and the paragraphs are the expected ones, none cut in two."""
    got = paragraphs_read(code)
    want = paragraphs_expected(exp)
    digits = {k: (re.findall(r"\d+", re.sub(r"[A-Z]{3} [A-Z]\d+|[A-Z]\d+\.\d+", "", ws(got[k].text))),
                  re.findall(r"\d+", re.sub(r"[A-Z]{3} [A-Z]\d+|[A-Z]\d+\.\d+", "", ws(p["text"]))))
              for k, p in want.items() if k in got}
    assert {k: v for k, v in digits.items() if v[0] != v[1]} == {}
    assert sorted(got) == sorted(want)
    assert [(m.id, m.title) for m in code.measures if re.search(r"\d", m.title or "")] == []


def check_dot_list_sub_items(code: Code, exp: dict) -> None:
    """Sub-items printed 'a.' then 'i.' (Word's default list styles) are read with their nesting, labelled
    '(a)', '(i)'."""
    got = paragraphs_read(code)

    def mine(items):
        return [(i.label, ws(i.text), mine(i.items)) for i in items]

    def theirs(items):
        return [(i["label"], ws(i["text"]), theirs(i["items"])) for i in items]

    want = {k: theirs(p["items"]) for k, p in paragraphs_expected(exp).items() if k[1] in exp["dot_list_paragraphs"]}
    assert {k: mine(got[k].items) if k in got else None for k in want} == want


def check_heading_punctuation(code: Code, exp: dict) -> None:
    """'ICU C2: Title' and 'ICU D1 - Title' give the ID and the title without the colon or dash."""
    got = [(m.id, ws(m.title)) for m in code.measures]
    assert got == [(m["id"], ws(m["title"])) for m in exp["measures"]]
    assert [(m.id, m.title) for m in code.measures if re.match(r"\s*[:\u2013\u2014-]", m.title or "")] == []


def check_notes_restarting_per_page(code: Code, exp: dict) -> None:
    """Notes numbered afresh on each page: each note is tied to its own paragraph, page and text, so two
    notes '1' on different pages are kept apart."""
    got = sorted((f.page, f.number, f.paragraph, ws(f.text)) for m in code.measures for f in m.footnotes)
    want = sorted((f["page"], f["number"], f["paragraph"], ws(f["text"])) for m in exp["measures"]
                  for f in m["footnotes"])
    assert got == want


def check_sidebar_and_caption_in_no_paragraph(code: Code, exp: dict) -> None:
    """The words of a framed margin sidebar and of a figure caption are in no paragraph or sub-item text,
    and the paragraphs beside the sidebar and after the figure are whole."""
    bits = [ws(s["text"]) for s in exp["sidebars"]] + [ws(f["caption"]) for f in exp["figures"]]
    if not bits:
        return
    words = {w for b in bits for w in re.findall(r"[A-Za-z]{5,}", b)}
    # five-word runs: three-word ones ("of age assurance", "before the content") occur in the body too
    phrases = [" ".join(b.split()[i:i + 5]) for b in bits for i in range(0, len(b.split()) - 4)]
    leaked = [(k, ph) for k, t in all_texts(code) for ph in phrases if ph in ws(t)]
    assert leaked == []
    assert words
    got = paragraphs_read(code)
    near = {s["paragraph"] for s in exp["sidebars"]} | {f["after_paragraph"] for f in exp["figures"]}
    want = paragraphs_expected(exp)
    keys = [k for k in want if k[1] in near]
    after = [list(want)[list(want).index(k) + 1] for k in keys if k[1] in {f["after_paragraph"] for f in exp["figures"]}]
    wrong = {k: (ws(got[k].text) if k in got else None) for k in keys + after if k not in got
             or ws(got[k].text) != ws(want[k]["text"])}
    assert wrong == {}


def check_long_measure(code: Code, exp: dict) -> None:
    """The measure printed over three pages has that span, and each paragraph split over a page break is
    read whole with both pages."""
    if not exp["long_measure"]:
        return
    m = next((x for x in code.measures if x.id == exp["long_measure"]), None)
    em = next(x for x in exp["measures"] if x["id"] == exp["long_measure"])
    assert m is not None
    assert (m.page_start, m.page_end) == (em["page_start"], em["page_end"])
    got = {p.number: (ws(p.text), p.page, p.page_end) for p in m.paragraphs}
    want = {p["number"]: (ws(p["text"]), p["page"], p["page_end"]) for p in em["paragraphs"]
            if p["number"] in exp["split_paragraphs"]}
    assert {k: got.get(k) for k in want} == want


def printed(pdf: Path, exp: dict) -> None:
    """What this round is for is really in the PDF (poppler and pdfplumber, not the parser)."""
    import pdfplumber

    pages = [_page(pdf, k) for k in range(1, exp["code"]["page_count"] + 1)]
    for m in exp["measures"]:  # headings printed with their punctuation
        assert ws(m["heading_text"]) in ws(pages[m["page_start"] - 1]), m["id"]
    if exp["line_numbers"]:  # a line number at the left of body lines, restarting at 1 on each page
        for text in pages[2:]:
            nums = [int(x) for x in re.findall(r"^\s{0,3}(\d{1,2})\s{2,}\S", text, re.M)]
            assert nums[:3] == [1, 2, 3], nums[:5]
    if exp["notes_restart_each_page"]:
        ones = {f["page"] for m in exp["measures"] for f in m["footnotes"] if f["number"] == "1"}
        assert len(ones) >= 2
    for m in exp["measures"]:
        for f in m["footnotes"]:
            assert re.search(rf"{re.escape(f['number'])} {re.escape(f['text'][:25])}", pages[f["page"] - 1]), f
        for p in m["paragraphs"]:
            if p["number"] in exp["dot_list_paragraphs"]:
                for it in p["items"]:
                    printed = it["label"].strip("()") + "."
                    assert re.search(rf"^\s*(?:\d+\s+)?{re.escape(printed)}\s+\S", "".join(pages[p["page"] - 1:p["page_end"]]),
                                     re.M)
    with pdfplumber.open(pdf) as doc:
        if exp["header_logo"]:  # a picture in the header band of every page
            assert all(any(im["top"] < 70 for im in page.images) for page in doc.pages)
        for f in exp["figures"]:
            para = paragraphs_expected(exp)[(f["after_paragraph"][:2] and next(
                m["id"] for m in exp["measures"] if any(p["number"] == f["after_paragraph"] for p in m["paragraphs"])),
                f["after_paragraph"])]
            assert any(im["top"] > 70 for im in doc.pages[para["page_end"] - 1].images)
            assert ws(f["caption"]) in ws(pages[para["page_end"] - 1].replace("\n", " "))
        for s in exp["sidebars"]:  # the sidebar's words lie right of the body column
            page = doc.pages[next(p["page"] for p in paragraphs_expected(exp).values() if p["number"] == s["paragraph"])
                             - 1]
            words = [w for w in page.extract_words() if w["text"] == "Key"]
            assert words and all(w["x0"] > page.width * 0.6 for w in words)
        if exp["bold_numbers"]:
            page = doc.pages[exp["measures"][0]["page_start"] - 1]
            num = exp["measures"][0]["paragraphs"][0]["number"]
            chars = [w for w in page.extract_words(extra_attrs=["fontname"]) if w["text"] == num]
            assert chars and all("Bold" in w["fontname"] for w in chars)
