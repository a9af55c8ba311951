"""The fixture generator reproduces the committed sample codes, and their expected JSON is sound.

Every other test of the project compares the parser with these expected files, so a mistake here
would be copied into every verdict: the checks below hold the expected files to the contract
(docs/architecture.md) and to the PDFs they describe, read with an independent PDF library.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pypdfium2
import pytest

from conftest import require

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
EXPECTED = sorted(FIXTURES.glob("*.expected.json"))

# the contract's vocabulary (docs/architecture.md)
ATOMS = {"all", "large", "users_over", "multi_risk", "low_risk", "risk", "feature", "search_type", "kind"}
HARMS = {
    "terrorism", "csam-image", "csam-url", "grooming", "hate", "harassment", "controlling-behaviour",
    "intimate-image-abuse", "extreme-pornography", "sexual-exploitation", "human-trafficking",
    "unlawful-immigration", "fraud", "proceeds-of-crime", "drugs", "firearms", "encouraging-suicide",
    "foreign-interference", "animal-cruelty", "cyberflashing", "pornography", "suicide", "self-harm",
    "eating-disorders", "abuse-hate", "bullying", "violence", "dangerous-stunts", "harmful-substances", "any",
}
FEATURES = {
    "file-sharing", "direct-messaging", "e2ee", "user-profiles", "livestreaming", "recommender",
    "likely-accessed-by-children", "user-groups", "posting-content", "commenting", "predictive-search",
    "age-assurance", "allows-primary-priority-content",
}
QUALIFIER_CATEGORIES = {"feasibility", "proportionality", "discretion", "timing", "permissive", "exception",
                        "threshold"}
PAGE_KEYS = {"page", "page_end", "page_start", "page_count", "contents_pages"}


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _without_pages(obj):
    if isinstance(obj, dict):
        return {k: _without_pages(v) for k, v in obj.items() if k not in PAGE_KEYS}
    if isinstance(obj, list):
        return [_without_pages(v) for v in obj]
    return obj


def _pdf_pages_text(pdf: Path) -> list[str]:
    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def _check_condition(node: dict) -> None:
    assert set(node) == {"op", "args", "atom", "params"}, node
    if node["op"] == "atom":
        assert node["atom"] in ATOMS and node["args"] == []
        params = node["params"]
        if node["atom"] == "risk":
            assert params["harm"] in HARMS and params["min"] in ("low", "medium", "high")
        elif node["atom"] == "feature":
            assert params["name"] in FEATURES
        elif node["atom"] == "users_over":
            assert isinstance(params["n"], int) and params["n"] > 0
        elif node["atom"] == "search_type":
            assert params["type"] in ("general", "vertical")
        else:
            assert params == {} or node["atom"] == "kind"
    else:
        assert node["op"] in ("and", "or", "not") and node["atom"] is None
        assert len(node["args"]) == 1 if node["op"] == "not" else len(node["args"]) >= 2
        for arg in node["args"]:
            _check_condition(arg)


def test_fixture_set_is_complete():
    names = {p.name.removesuffix(".expected.json") for p in EXPECTED}
    assert "icu_sample" in names
    for name in names:
        assert (FIXTURES / f"{name}.pdf").exists(), name


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.name.removesuffix(".expected.json"))
def test_expected_json_is_sound(path: Path):
    data = _load(path)
    pdf = path.with_name(path.name.replace(".expected.json", ".pdf"))
    code = data["code"]
    assert code["sample"] is True
    assert pdf.stat().st_size < 400_000, "keep fixture PDFs small"
    texts = _pdf_pages_text(pdf)
    assert code["page_count"] == len(texts)
    assert "SAMPLE" in texts[0] and "not official text" in texts[0]
    assert all("(sample)" in t for t in texts[1:]), "every page after the title carries the sample header"

    short = code["short_name"]
    measures = data["measures"]
    ids = [m["id"] for m in measures]
    assert len(ids) == len(set(ids))
    all_paragraphs = {p["number"] for m in measures for p in m["paragraphs"]}
    footnote_numbers = []
    last_page = 0
    for m in measures:
        assert re.fullmatch(rf"{short} [A-Z]\d+", m["id"]) and m["id"] == f"{short} {m['number']}"
        assert m["chapter"] == m["number"][0]
        assert 1 <= m["page_start"] <= m["page_end"] <= code["page_count"]
        assert m["page_start"] >= last_page, "measures are in page order"
        last_page = m["page_start"]
        numbers = [p["number"] for p in m["paragraphs"]]
        assert numbers == [f"{m['number']}.{i + 1}" for i in range(len(numbers))]
        apps = [p for p in m["paragraphs"] if p["is_application"]]
        assert [p["number"] for p in apps] == m["application_paragraphs"]
        assert m["application"] == " ".join(p["text"] for p in apps)
        assert m["application"].startswith("This measure applies to providers of")
        _check_condition(m["condition"])
        for p in m["paragraphs"]:
            assert m["page_start"] <= p["page"] <= p["page_end"] <= m["page_end"]
            assert "{" not in p["text"] and "  " not in p["text"]
            for item in p["items"]:
                assert f"{item['label']} {item['text']}" in p["text"]
        for f in m["footnotes"]:
            assert f["paragraph"] in numbers and f["page"] >= m["page_start"]
            footnote_numbers.append(int(f["number"]))
        for ref in m["cross_refs"]:
            para = m["paragraphs"][numbers.index(ref["source_paragraph"])]
            assert ref["text"] in para["text"]
            if ref["kind"] == "measure":
                assert ref["target"] in ids or "edits" in data, ref
            else:
                assert ref["target"] in all_paragraphs, ref
        for q in m["qualifiers"] + m["hard_negatives"]:
            para = m["paragraphs"][numbers.index(q["paragraph"])]
            assert q["phrase"] in para["text"], q
        for q in m["qualifiers"]:
            assert q["category"] in QUALIFIER_CATEGORIES
    assert footnote_numbers == list(range(1, len(footnote_numbers) + 1)), "footnotes numbered through the code"

    # the index table and the body agree (the parser's reconciliation must come out empty)
    index_ids = [i for row in data["index"] for i in row["ids"]]
    assert sorted(index_ids) == sorted(ids)
    for row in data["index"]:
        if len(row["ids"]) == 1:
            assert row["id_text"] == row["ids"][0]


def _squeeze(text: str) -> str:
    for lig, rep in {"\ufb01": "fi", "\ufb02": "fl", "\ufb00": "ff", "\ufb03": "ffi", "\ufb04": "ffl"}.items():
        text = text.replace(lig, rep)
    return re.sub(r"[^a-z0-9]", "", text.lower())


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.name.removesuffix(".expected.json"))
def test_expected_text_and_pages_match_the_pdf(path: Path):
    """Each paragraph's words are on the page the expected JSON names (checked with pypdfium2,
    a different reader from the generator's pdftotext)."""
    data = _load(path)
    pages = [_squeeze(t) for t in _pdf_pages_text(path.with_name(path.name.replace(".expected.json", ".pdf")))]
    checked = 0
    for m in data["measures"]:
        heading = _squeeze(f"{m['id']} {m['title']}")
        assert heading in pages[m["page_start"] - 1] or heading in pages[m["page_start"] - 1] + pages[m["page_start"]]
        for p in m["paragraphs"]:
            assert _squeeze(p["number"] + " " + " ".join(p["text"].split()[:3])) in pages[p["page"] - 1], p["number"]
            if p["page"] == p["page_end"] and not p["footnote_refs"]:
                assert _squeeze(p["text"]) in pages[p["page"] - 1], p["number"]
                checked += 1
        for f in m["footnotes"]:
            assert _squeeze(f["text"]) in pages[f["page"] - 1]
    assert checked >= len(data["measures"])


def test_icu_sample_has_the_traps_the_parser_must_survive():
    data = _load(FIXTURES / "icu_sample.expected.json")
    measures = data["measures"]
    assert len(measures) >= 30
    assert {m["chapter"] for m in measures} == set("ACDEFGHJ")
    assert any(p["page_end"] > p["page"] for m in measures for p in m["paragraphs"]), "a paragraph crosses pages"
    assert any(m["page_end"] > m["page_start"] for m in measures)
    assert len({row["page"] for row in data["index"]}) > 1, "the index table spans pages"
    assert any(row["id_text"] == "ICU D11-D13" for row in data["index"])
    assert any(row["applies_to"] == "" for row in data["index"])
    assert sum(len(m["footnotes"]) for m in measures) >= 5
    assert any(item["items"] for m in measures for p in m["paragraphs"] for item in p["items"])
    c9 = next(m for m in measures if m["id"] == "ICU C9")
    assert c9["scope"] == ["public-content"] and "700,000" in c9["application"]
    categories = {q["category"] for m in measures for q in m["qualifiers"]}
    assert {"feasibility", "proportionality", "discretion", "timing", "permissive", "exception"} <= categories
    negatives = {n["phrase"] for m in measures for n in m["hard_negatives"]}
    assert {"inappropriate content", "May"} <= negatives
    # the contents page lists measures with page numbers that match where they start
    texts = _pdf_pages_text(FIXTURES / "icu_sample.pdf")
    assert "Contents" in texts[1]
    for m in measures[:5]:
        assert re.search(rf"{re.escape(m['id'])} .*?\.{{3,}}\s*{m['page_start']}\b", texts[1] + texts[2])


def test_layout_traps_are_really_in_the_pdfs():
    """Hyphenated line ends, headings over two lines and ligature glyphs are in the PDFs
    themselves, not only intended by the generator."""
    icu = _load(FIXTURES / "icu_sample.expected.json")
    texts = _pdf_pages_text(FIXTURES / "icu_sample.pdf")
    assert sum(t.count("\ufffe") for t in texts) >= 10, "LibreOffice hyphenated some line ends"
    wrapped = 0
    for m in icu["measures"]:
        heading = f"{m['id']} {m['title']}"
        page = texts[m["page_start"] - 1]
        if heading not in page.replace("\r\n", "\n").splitlines() and \
                heading in " ".join(page.replace("\ufffe", "").split()):
            wrapped += 1
    assert wrapped >= 3, "some measure headings run over two lines"

    import pdfplumber

    with pdfplumber.open(FIXTURES / "icu_sample_serif.pdf") as pdf:
        glyphs = {c["text"] for page in pdf.pages[8:12] for c in page.chars}
    assert {"fi", "fl"} & glyphs, "Linux Libertine's ligatures reach the PDF as single glyphs"
    with pdfplumber.open(FIXTURES / "icu_sample_alt.pdf") as pdf:
        alt_glyphs = {c["text"] for page in pdf.pages for c in page.chars}
    assert {"\ufb01", "\ufb02"} <= alt_glyphs, "ligature characters typed into words"
    alt = _pdf_pages_text(FIXTURES / "icu_sample_alt.pdf")
    assert sum(t.count("\ufffe") for t in alt) >= 10, "hyphenated line ends"


def test_second_edition_records_exactly_its_edits():
    v1 = {m["id"]: m for m in _load(FIXTURES / "icu_sample.expected.json")["measures"]}
    data = _load(FIXTURES / "icu_sample_v2.expected.json")
    v2 = {m["id"]: m for m in data["measures"]}
    edits = data["edits"]
    renamed = {r["old"]: r["new"] for r in edits["renumbered"]}
    assert set(v2) - set(v1) == {a["id"] for a in edits["added"]} | set(renamed.values())
    assert set(v1) - set(v2) == {r["id"] for r in edits["removed"]} | set(renamed)
    for old, new in renamed.items():
        strip = lambda m: [re.sub(r"^\S+", "", p["text"]) for p in m["paragraphs"]]  # noqa: E731
        assert [p["text"] for p in v1[old]["paragraphs"]] == [p["text"] for p in v2[new]["paragraphs"]]
        assert strip(v1[old]) == strip(v2[new])
    changed = {mid for mid in set(v1) & set(v2)
               if [p["text"] for p in v1[mid]["paragraphs"]] != [p["text"] for p in v2[mid]["paragraphs"]]}
    assert changed == set(edits["changed_measures"])
    for kind in ("reworded", "qualifier_added", "qualifier_removed", "application_narrowed"):
        for e in edits[kind]:
            old_p = v1[e["measure"]]["paragraphs"]
            new_p = v2[e["measure"]]["paragraphs"]
            assert any(p["text"] == e["old"] for p in old_p) and any(p["text"] == e["new"] for p in new_p)
    added_q = edits["qualifier_added"][0]
    assert added_q["phrase"] in added_q["new"] and added_q["phrase"] not in added_q["old"]


def test_generator_reproduces_committed_fixture(tmp_path: Path):
    require("libreoffice-writer", "poppler-utils", "fonts-liberation")
    name = "ics_sample"
    subprocess.run([sys.executable, str(ROOT / "fixtures" / "generate.py"), "--out", str(tmp_path),
                    "--only", name], check=True, capture_output=True, timeout=300)
    fresh = _load(tmp_path / f"{name}.expected.json")
    committed = _load(FIXTURES / f"{name}.expected.json")
    assert _without_pages(fresh) == _without_pages(committed)


def test_bundled_default_is_the_labelled_icu_sample():
    bundled = ROOT / "codes" / "sample" / "icu-sample.pdf"
    assert bundled.read_bytes() == (FIXTURES / "icu_sample.pdf").read_bytes()
    readme = (ROOT / "codes" / "sample" / "README.md").read_text(encoding="utf-8")
    assert "not Ofcom text" in " ".join(readme.replace("*", "").split())


def test_reportlab_fixture_is_reproduced_page_for_page(tmp_path: Path):
    """The second producer does not depend on LibreOffice, so its output, pages included, must
    come out exactly as committed."""
    require("poppler-utils", "fonts-dejavu-core")
    subprocess.run([sys.executable, str(ROOT / "fixtures" / "generate.py"), "--out", str(tmp_path),
                    "--only", "icu_sample_alt"], check=True, capture_output=True, timeout=300)
    assert _load(tmp_path / "icu_sample_alt.expected.json") == _load(FIXTURES / "icu_sample_alt.expected.json")
    assert _pdf_pages_text(tmp_path / "icu_sample_alt.pdf") == _pdf_pages_text(FIXTURES / "icu_sample_alt.pdf")
