"""The per-field checks every layout document is held to, and the helpers the groups' checks share.

Each ``check_<field>(code, exp)`` compares one field of the parser's output with the expected JSON the
layout generator (fixtures/layouts/) wrote from its own source, never from the parser; a group adds
its own checks in its module beside this one (tests/layout_checks/<group>.py). Kept in one place so
that every document is judged by the same rules.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path


from analyser.extract import extract_code
from analyser.models import Code


def ws(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


_CACHE: dict[Path, Code] = {}


def extracted(pdf: Path) -> Code:
    if pdf not in _CACHE:
        _CACHE[pdf] = extract_code(pdf)
    return _CACHE[pdf]


def expected(pdf: Path) -> dict:
    return json.loads(pdf.with_suffix(".expected.json").read_text(encoding="utf-8"))


def paragraphs_read(code: Code) -> dict[tuple[str, str], object]:
    return {(m.id, p.number): p for m in code.measures for p in m.paragraphs}


def paragraphs_expected(exp: dict) -> dict[tuple[str, str], dict]:
    return {(m["id"], p["number"]): p for m in exp["measures"] for p in m["paragraphs"]}


def _items(items) -> list:
    return [(i.label, ws(i.text), _items(i.items)) for i in items]


def _exp_items(items) -> list:
    return [(i["label"], ws(i["text"]), _exp_items(i.get("items", []))) for i in items]


def check_code_info(code: Code, exp: dict) -> None:
    info = exp["code"]
    got = (code.info.short_name, code.info.family, code.info.kind, code.info.page_count, code.info.sample)
    assert got == (info["short_name"], info["family"], info["kind"], info["page_count"], True)


def check_measure_ids(code: Code, exp: dict) -> None:
    assert [m.id for m in code.measures] == [m["id"] for m in exp["measures"]]


def check_titles(code: Code, exp: dict) -> None:
    got = [(m.id, ws(m.title)) for m in code.measures]
    assert got == [(m["id"], ws(m["title"])) for m in exp["measures"]]


def check_chapters(code: Code, exp: dict) -> None:
    """The chapter is the letter of the IDs; its title is the heading's words after any 'Section 4:'."""
    got = [(m.id, m.chapter, ws(m.chapter_title)) for m in code.measures]
    assert got == [(m["id"], m["chapter"], ws(m["chapter_title"])) for m in exp["measures"]]


def check_page_spans(code: Code, exp: dict) -> None:
    got = [(m.id, m.page_start, m.page_end) for m in code.measures]
    want = [(m["id"], m["page_start"], m["page_end"]) for m in exp["measures"]]
    assert got == want


def check_paragraph_numbers(code: Code, exp: dict) -> None:
    got = {m.id: [p.number for p in m.paragraphs] for m in code.measures}
    want = {m["id"]: [p["number"] for p in m["paragraphs"]] for m in exp["measures"]}
    assert got == want


def check_paragraph_texts(code: Code, exp: dict) -> None:
    got = {k: ws(p.text) for k, p in paragraphs_read(code).items()}
    want = {k: ws(p["text"]) for k, p in paragraphs_expected(exp).items()}
    wrong = {k: (got.get(k), v) for k, v in want.items() if got.get(k) != v}
    assert not wrong, f"{len(wrong)} of {len(want)} paragraphs differ (got, want): {wrong}"
    assert set(got) == set(want)


def check_paragraph_pages(code: Code, exp: dict) -> None:
    got = {k: (p.page, p.page_end) for k, p in paragraphs_read(code).items()}
    want = {k: (p["page"], p["page_end"]) for k, p in paragraphs_expected(exp).items()}
    assert got == want


def check_application(code: Code, exp: dict) -> None:
    got = {m.id: (m.application_paragraphs, ws(m.application)) for m in code.measures}
    want = {m["id"]: (m["application_paragraphs"], ws(m["application"])) for m in exp["measures"]}
    assert got == want
    flags = {k: p.is_application for k, p in paragraphs_read(code).items()}
    assert flags == {k: p["is_application"] for k, p in paragraphs_expected(exp).items()}


def check_sub_items(code: Code, exp: dict) -> None:
    """Labelled sub-items with their nesting; bullet items are not sub-items (see the conventions)."""
    got = {k: _items(p.items) for k, p in paragraphs_read(code).items()}
    want = {k: _exp_items(p["items"]) for k, p in paragraphs_expected(exp).items()}
    wrong = {k: (got.get(k), v) for k, v in want.items() if got.get(k) != v}
    assert not wrong, f"sub-items differ (got, want): {wrong}"


def check_footnotes(code: Code, exp: dict) -> None:
    got = sorted((f.number, ws(f.text), f.paragraph, f.page, m.id) for m in code.measures for f in m.footnotes)
    want = sorted(
        (f["number"], ws(f["text"]), f["paragraph"], f["page"], m["id"]) for m in exp["measures"] for f in m["footnotes"]
    )
    assert got == want
    assert len(got) == exp["footnote_count"]


def check_footnote_refs(code: Code, exp: dict) -> None:
    got = {k: p.footnote_refs for k, p in paragraphs_read(code).items() if p.footnote_refs}
    want = {k: p["footnote_refs"] for k, p in paragraphs_expected(exp).items() if p["footnote_refs"]}
    assert got == want


def check_footnotes_not_in_body(code: Code, exp: dict) -> None:
    notes = [ws(f["text"])[:40] for m in exp["measures"] for f in m["footnotes"]]
    leaked = [(p.number, n) for m in code.measures for p in m.paragraphs for n in notes if n in ws(p.text)]
    assert not leaked


def check_cross_refs(code: Code, exp: dict) -> None:
    got = sorted((m.id, c.source_paragraph, c.target, c.kind, c.text) for m in code.measures for c in m.cross_refs)
    want = sorted(
        (m["id"], c["source_paragraph"], c["target"], c["kind"], c["text"]) for m in exp["measures"] for c in m["cross_refs"]
    )
    assert got == want


def check_cross_ref_targets(code: Code, exp: dict) -> None:
    """Targets and kinds only: separates a wrong or missing reference from one printed differently."""
    got = sorted((m.id, c.source_paragraph, c.target, c.kind) for m in code.measures for c in m.cross_refs)
    want = sorted((m["id"], c["source_paragraph"], c["target"], c["kind"]) for m in exp["measures"] for c in m["cross_refs"])
    assert got == want


def check_index_rows(code: Code, exp: dict) -> None:
    got = [(r.id_text, r.ids, ws(r.title), ws(r.applies_to), r.page) for r in code.index]
    want = [(r["id_text"], r["ids"], ws(r["title"]), ws(r["applies_to"]), r["page"]) for r in exp["index"]]
    assert got == want


def check_reconciliation(code: Code, exp: dict) -> None:
    assert code.index, "no index rows read"
    assert (code.reconciliation.missing_from_body, code.reconciliation.missing_from_index) == ([], [])


def check_no_furniture(code: Code, exp: dict) -> None:
    """Running headers (with their page numbers), band headings and contents leaders never reach measure text."""
    header = re.escape(ws(exp["running_header"])) + "|" if exp.get("running_header") else ""
    bad = re.compile(rf"{header}\bPage \d+ of \d+\b|\(SAMPLE\)|SAMPLE code|\.{{5,}}|(?:\s\.){{5,}}")
    leaked = [(p.number, p.text) for m in code.measures for p in m.paragraphs if bad.search(ws(p.text))]
    leaked += [(m.id, m.title) for m in code.measures if bad.search(ws(m.title))]
    assert not leaked


def all_texts(code: Code) -> list[tuple[str, str]]:
    """(where, text) for every paragraph, sub-item (nested too) and title the parser read."""
    out = [(p.number, p.text) for m in code.measures for p in m.paragraphs]
    out += [(f"{p.number}{i.label}", i.text) for m in code.measures for p in m.paragraphs for i in flat_items(p.items)]
    return out + [(m.id, m.title) for m in code.measures]


def flat_items(items):
    """A paragraph's sub-items, nested ones too, in reading order."""
    for it in items:
        yield it
        yield from flat_items(it.items)


def texts_with_notes(code: Code) -> list[tuple[str, str]]:
    """Every text read into measures: titles, paragraphs, sub-items (nested), footnotes."""
    return all_texts(code) + [(f"note {f.number}", f.text) for m in code.measures for f in m.footnotes]


def page_text(pdf: Path, n: int, layout: bool = True) -> str:
    """Page ``n``'s text as poppler prints it (``layout`` keeps the columns), never the parser's reading."""
    mode = ["-layout"] if layout else []
    return subprocess.run(["pdftotext", *mode, "-f", str(n), "-l", str(n), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def check_words_unbroken(code: Code, exp: dict) -> None:
    """Every word of each expected paragraph is a whole word of the paragraph read: a word broken by an
    optional or soft hyphen, a hyphen glyph at a line end or a ligature glyph is found whole. Leaked or
    missing words elsewhere do not fail this check (paragraph_texts does), so the two causes stay apart."""
    got = {(m.id, p.number): set(re.findall(r"[A-Za-z]+", p.text)) for m in code.measures for p in m.paragraphs}
    broken = {}
    for m in exp["measures"]:
        for p in m["paragraphs"]:
            words = got.get((m["id"], p["number"]), set())
            missing = [w for w in re.findall(r"[A-Za-z]+", p["text"]) if w not in words]
            if missing:
                broken[p["number"]] = missing
    assert not broken, f"words not found whole (paragraph: words): {broken}"


def check_no_ligature_glyphs(code: Code, exp: dict) -> None:
    """No ligature presentation form (U+FB00-U+FB06), private-use glyph (such as the Symbol bullet
    U+F0B7) or soft hyphen in any text read."""
    bad = re.compile("[\ufb00-\ufb06\ue000-\uf8ff\u00ad]")
    assert [(k, t) for k, t in all_texts(code) if bad.search(t)] == []


def common_checks() -> dict:
    """Every ``check_<field>`` above, by field name."""
    return {name[len("check_"):]: fn for name, fn in sorted(globals().items())
            if name.startswith("check_") and callable(fn)}


def assert_expected_json_agrees_with_the_pdf(pdf: Path) -> None:  # needs poppler-utils
    """The expected JSON is about this PDF: page count, SAMPLE label, and each measure's heading on its page.

    Checked with poppler (not the parser), so a stale expected file is caught here rather than
    blamed on the parser.
    """
    exp = expected(pdf)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1)) == exp["code"]["page_count"]
    assert "SAMPLE" in info, "the PDF's metadata carries the sample label"
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "SAMPLE" in first
    for m in exp["measures"]:
        page = subprocess.run(["pdftotext", "-f", str(m["page_start"]), "-l", str(m["page_start"]), str(pdf), "-"],
                              capture_output=True, text=True).stdout
        assert _letters(" ".join(m["title"].split()[:5])) in _letters(page), m["id"]


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())
