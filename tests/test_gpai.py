"""The EU GPAI Code of Practice (Safety and Security chapter): real text nobody here wrote.

The expected measures are derived from the independent plain-text conversion of the same
document (``corpus/*.txt``), not from the parser: every "Measure N.M Title" heading that opens a
block in the text file.
"""

from __future__ import annotations

import re

import pytest

from conftest import SHARED

from analyser.extract import extract_code
from analyser.profiles import detect_profile

CORPUS = SHARED / "corpus"
PDF = CORPUS / "eu-gpai-safety-security.pdf"
TXT = CORPUS / "eu-gpai-code-of-practice-2025-07-10_safety-and-security-chapter.txt"

pytestmark = pytest.mark.skipif(not PDF.exists(), reason="GPAI corpus not present")


def ws(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def txt_headings() -> dict[str, str]:
    """{"7.6": "Model Report updates", ...} from the text conversion: headings start a block."""
    text = TXT.read_text(encoding="utf-8").replace("\f", "\n")
    lines = text.split("\n")
    out: dict[str, str] = {}
    for i, line in enumerate(lines):
        m = re.match(r"^\s*Measure\s+(\d{1,2}\.\d{1,2})\s+([A-Z].*)$", line)
        if not m or (i and lines[i - 1].strip()):
            continue
        title = m.group(2)
        # a heading over two lines continues on the next non-blank line before the blank
        if i + 1 < len(lines) and lines[i + 1].strip() and i + 2 < len(lines) and not lines[i + 2].strip():
            title += " " + lines[i + 1]
        out[m.group(1)] = ws(title)
    return out


@pytest.fixture(scope="module")
def gpai():
    return extract_code(PDF)


def test_profile_detected_automatically(gpai):
    assert gpai.info.profile == "eu-gpai"
    assert gpai.info.family == "eu-gpai"
    assert gpai.info.short_name == "GPAI"
    assert gpai.info.page_count == 43
    assert gpai.info.sample is False


def test_detect_profile_from_plain_text():
    text = TXT.read_text(encoding="utf-8")
    assert detect_profile(text).name == "eu-gpai"


def test_measures_match_the_text_conversion(gpai):
    expected = txt_headings()
    assert len(expected) >= 30  # sanity of the independent derivation
    got = {m.number: ws(m.title) for m in gpai.measures}
    assert list(got) == list(expected)
    assert got == expected
    assert all(m.id == f"GPAI {m.number}" for m in gpai.measures)


def test_commitments_one_to_ten_are_the_chapters(gpai):
    assert sorted({int(m.chapter) for m in gpai.measures}) == list(range(1, 11))
    text = TXT.read_text(encoding="utf-8").replace("\f", "\n")
    for m in gpai.measures:
        assert m.number.split(".")[0] == m.chapter
        # the commitment title printed in the text conversion ("Commitment 7 Safety and ...")
        pattern = r"Commitment\s+" + m.chapter + r"\s+" + r"\s+".join(map(re.escape, m.chapter_title.split()))
        assert re.search(pattern, text), (m.id, m.chapter_title)


def test_unnumbered_paragraphs_get_local_numbers(gpai):
    for m in gpai.measures:
        assert m.paragraphs, m.id
        assert [p.number for p in m.paragraphs] == [f"{m.number}.p{i}" for i in range(1, len(m.paragraphs) + 1)]


def test_paragraph_text_is_the_printed_text(gpai):
    """Every paragraph's words appear, in order, in the text conversion (whitespace aside)."""
    text = ws(TXT.read_text(encoding="utf-8").replace("\f", " "))
    text = re.sub(r"\s\d{1,2}\s(?=[A-Z])", " ", text)  # page numbers of the conversion
    missing = []
    for m in gpai.measures:
        for p in m.paragraphs:
            # compare the opening words: the conversion scrambled a few lists (see SOURCES.md)
            head = ws(p.text)[:60]
            if head not in text:
                missing.append((p.number, head))
    assert len(missing) <= 3, missing


def test_no_page_numbers_or_figure_captions_in_measure_text(gpai):
    for m in gpai.measures:
        for p in m.paragraphs:
            assert "Figure " not in p.text[:7], p.number
            assert not re.search(r"takes precedence\.", p.text), p.number  # figure caption tail
            assert not re.search(r"(?:^|\s)\d{1,2}$", p.text), (p.number, p.text[-30:])
            assert "LEGAL TEXT" not in p.text


def test_sub_items_nested(gpai):
    m = gpai.measure("GPAI 2.1")
    items = m.paragraphs[0].items
    assert [i.label for i in items] == ["(1)", "(2)"]
    assert [i.label for i in items[0].items] == ["(a)", "(b)", "(c)"]
    assert [i.label for i in items[0].items[0].items] == ["(i)", "(ii)", "(iii)"]


def test_cross_references_to_measures(gpai):
    m = gpai.measure("GPAI 1.1")
    targets = {c.target for c in m.cross_refs}
    assert {"GPAI 1.2", "GPAI 4.1", "GPAI 4.2", "GPAI 1.3"} <= targets
    ids = {x.id for x in gpai.measures}
    for x in gpai.measures:
        for c in x.cross_refs:
            assert c.kind == "measure"
            assert c.target in ids or c.target == "GPAI 8.4", c


def test_no_index_so_nothing_to_reconcile(gpai):
    assert gpai.index == []
    assert gpai.reconciliation.missing_from_body == []
    assert gpai.reconciliation.missing_from_index == []


def test_hyphenated_compounds_kept(gpai):
    text = " ".join(p.text for m in gpai.measures for p in m.paragraphs)
    # both are printed broken over a line end in the PDF ("model-" / "independent")
    assert "model-independent information" in text
    assert "Signatory-provided hardware" in text
    assert "modelindependent" not in text and "Signatoryprovided" not in text
    assert "state-of-the-art" in text
