"""What the front and back matter documents are read for (tests/fixtures/layouts/front_and_back_matter).

Extraction on a fifth round of held-out sample codes: what real codes print AROUND their measures.

Rounds 1-4 varied the PDF producer and the characters; their documents held little besides the
index and the measures. Real published codes open with a title page, a contents page, an
introduction with its own numbered paragraphs ('1.1' ... '1.14') that name measures in prose
('the measures in ICU C1 to ICU C4 ...') and use application wording ('This Code applies to ...'),
and a definitions section with quoted terms ('"CSAM" means ...', '"PCU B1 service" means ...');
chapters open with prose before their first measure; measures are interrupted by boxed notes; and
an annex or schedule with numbered paragraphs ('A1.1', 'S1.1') and a table of measure IDs follows the
last measure. None of that is a measure, a paragraph, a footnote of a measure or an index row.

The documents in tests/fixtures/layouts/front_and_back_matter are written by
fixtures/layouts/front_and_back_matter/generate.py
(python-docx, then LibreOffice headless, the way regulators export Word documents); one numbers its
section headings with Word's automatic list numbering. Each expected JSON comes from the generator's
own source, with pages found by poppler (pdftotext page by page), never by the parser.

What these documents found in the parser, and how each cause was fixed, is the manifest's ``found``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from analyser.models import Code

from .common import texts_with_notes as _measure_texts, ws


def _key(text: str) -> str:
    """A front/back-matter text's first words, long enough to be its own, short enough to survive a page break."""
    return " ".join(ws(text).split()[:7])


def check_front_back_matter_kept_out(code: Code, exp: dict) -> None:
    """No words of the introduction, definitions, chapter introductions, boxed notes or annex reach a
    measure's title, paragraphs, sub-items or footnotes."""
    leaked = []
    for where, texts in exp["front_back_matter"].items():
        for text in texts:
            key = _key(text)
            leaked += [(where, key, k) for k, t in _measure_texts(code) if key in ws(t)]
    assert not leaked, f"front/back matter in measures (where, words, found in): {leaked}"


def check_no_measure_from_front_back_matter(code: Code, exp: dict) -> None:
    """Measures start after the index and end before the annex: none is read from the introduction,
    definitions or annex (which name measures in prose and in a table), none runs into the annex, and
    no paragraph numbered like the introduction's ('1.4'), the definitions' or the annex's ('A1.1')."""
    first = min(m["page_start"] for m in exp["measures"])
    annex = exp["annex_page"]
    assert [m.id for m in code.measures if not first <= m.page_start < annex] == []
    assert [(m.id, m.page_end) for m in code.measures if m.page_end >= annex] == []
    bad = re.compile(r"^(?:\d+\.\d+|[AS]1\.\d+)$")
    want = {p["number"] for m in exp["measures"] for p in m["paragraphs"]}
    assert [p.number for m in code.measures for p in m.paragraphs if bad.match(p.number) and p.number not in want] == []


def check_index_only_from_index_table(code: Code, exp: dict) -> None:
    """Index rows come from the index table only: none from the annex's table of measure IDs, the
    contents page or the introduction."""
    annex_rows = {(a, ws(b)) for a, b in exp["annex_table"]}
    assert [(r.id_text, r.title) for r in code.index if (r.id_text, ws(r.title)) in annex_rows] == []
    pages = {r["page"] for r in exp["index"]}
    assert [(r.id_text, r.page) for r in code.index if r.page not in pages] == []


def check_front_back_footnotes_kept_out(code: Code, exp: dict) -> None:
    """Notes cited in the introduction, definitions or annex belong to no measure."""
    theirs = {f["number"] for f in exp["front_back_footnotes"]}
    assert [(m.id, f.number) for m in code.measures for f in m.footnotes if f.number in theirs] == []


def check_front_back_cross_refs_kept_out(code: Code, exp: dict) -> None:
    """References printed in front or back matter ('ICU C3 refers to ICU C2', 'paragraph C2.2') are no
    measure's cross-references: each one read has a source paragraph the measure really has."""
    paras = {(m["id"], p["number"]) for m in exp["measures"] for p in m["paragraphs"]}
    assert [(m.id, c.source_paragraph, c.target) for m in code.measures for c in m.cross_refs
            if (m.id, c.source_paragraph) not in paras] == []


def printed(pdf: Path, exp: dict) -> None:
    """What this round is for is really in the PDF (poppler, not the parser): the numbered introduction
    naming measures, the definitions, the chapter introductions, the annex with its numbered paragraphs
    and table after the last measure, notes cited outside measures; and in the ICU sample the section
    numbers generated by Word's list numbering, in the PCU sample the boxed note and example."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    import subprocess

    text = ws(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout)
    for where, texts in exp["front_back_matter"].items():
        for t in texts:
            assert _key(t) in text, (where, t)
    assert re.search(r"\b1\.14?\s+\S", text) and "1.10" in text
    assert exp["annex_page"] > max(m["page_end"] for m in exp["measures"])
    assert {f["where"] for f in exp["front_back_footnotes"]} >= {"intro"}
    short = exp["code"]["short_name"]
    assert any(f"{short} " in t for t in exp["front_back_matter"]["intro"])
    if exp["auto_numbered_sections"]:  # the number is generated, yet printed on the section's own page
        for k, name in enumerate(exp["sections"], start=1):
            page = exp["section_pages"][name]
            on_page = ws(subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                                        capture_output=True, text=True).stdout)
            assert re.search(rf"\b{k}\s+{name}\b", on_page), name
    else:
        assert [b.split(":")[0] for b in exp["front_back_matter"]["boxes"]] == ["Note", "Example"]
