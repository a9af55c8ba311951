"""Damage is never silent: lost text becomes a document-level warning, ranked first.

Every PDF here is made by a real writer (reportlab) or is a byte-level copy of the bundled sample
with one stream broken, so the warnings come from the real reader, not from a stub.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pytest

from analyser import damage
from analyser.extract import extract_code

TITLE = "Illegal content Codes of Practice for user-to-user services"


def _code_with_headings_at_page_tops(path: Path, measures: int, skip: tuple[int, ...] = ()) -> Path:
    """One measure a page, its heading the first line of the page with space below it, and every
    title alike but for its number: the shape that made headings read as running headers."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    c.setFont("Helvetica-Bold", 18)
    c.drawString(72, height - 200, TITLE)
    c.setFont("Helvetica", 10)
    c.drawString(72, height - 230, "Sample document written for testing; not official text.")
    c.showPage()
    for n in range(1, measures + 1):
        if n in skip:
            continue
        c.setFont("Helvetica-Bold", 13)
        c.drawString(72, height - 60, f"ICU A{n} Measure {n}")
        c.setFont("Helvetica", 10)
        y = height - 110
        for k in range(1, 4):
            c.drawString(72, y, f"A{n}.{k}  Providers should keep a written record of decision {k} for measure {n},")
            c.drawString(100, y - 13, "and review it at least once a year with the named person.")
            y -= 40
        c.drawString(280, 30, str(n + 1))
        c.showPage()
    c.save()
    return path


def test_headings_opening_every_page_are_not_taken_for_running_headers(tmp_path):
    path = _code_with_headings_at_page_tops(tmp_path / "tops.pdf", 8)
    code = extract_code(path, profile="icu")
    assert [m.id for m in code.measures] == [f"ICU A{n}" for n in range(1, 9)]
    assert damage.count(code.warnings) == 0


def test_a_gap_in_the_measure_sequence_is_damage_ranked_first(tmp_path):
    path = _code_with_headings_at_page_tops(tmp_path / "gap.pdf", 8, skip=(4, 5))
    code = extract_code(path, profile="icu")
    assert [m.id for m in code.measures] == [f"ICU A{n}" for n in (1, 2, 3, 6, 7, 8)]
    first = code.warnings[0]
    assert first.severity == "damage"
    assert "ICU A3 to ICU A6" in first.message and "A4 to A5" in first.message
    assert code.to_dict()["warnings"][0]["severity"] == "damage"


def _break_one_stream(src: Path, dest: Path) -> Path:
    """The sample with the middle of its longest page content stream overwritten: pdfminer reads
    what inflates before the damage and logs "Data-loss while decompressing corrupted data"."""
    data = bytearray(src.read_bytes())
    best = None
    for m in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", m.end())
        try:
            text = zlib.decompress(bytes(data[m.end():end]))
        except zlib.error:
            continue
        if b"TJ" not in text and b"Tj" not in text:  # a page's text, not a font or an image
            continue
        if best is None or end - m.end() > best[1] - best[0]:
            best = (m.end(), end)
    start, end = best
    mid = (start + end) // 2
    data[mid:mid + 40] = bytes(range(40))
    dest.write_bytes(bytes(data))
    return dest


def test_a_stream_that_will_not_decompress_is_a_damage_warning(tmp_path, sample_icu_pdf, capfd):
    path = _break_one_stream(sample_icu_pdf, tmp_path / "broken.pdf")
    code = extract_code(path)
    hurt = [w for w in code.warnings if w.severity == "damage"]
    assert hurt and code.warnings[:len(hurt)] == hurt  # ranked above every routine warning
    decode = [w for w in hurt if "could not be fully decompressed" in w.message]
    assert decode and decode[0].page is not None
    # captured into the warning, never printed by the library
    out, err = capfd.readouterr()
    assert "Data-loss" not in err and "Data-loss" not in out


def test_an_undamaged_code_has_no_damage_warning(icu_code):
    assert damage.count(icu_code.warnings) == 0


def _replay(seed: int, mutant: int, tmp_path: Path) -> tuple[Path, str]:
    """The long fuzz run's mutant, rebuilt from its seed (bench/fuzz_long.py's sources, in order)."""
    from fuzz import replay

    path, kind, _ = replay(seed, mutant, tmp_path)
    return path, kind


@pytest.mark.parametrize("seed, mutant, kind, says, page", [
    # garbage mid-stream: pdfminer's fallback gives up and reads the stream as empty, logging nothing
    (1000, 33, "stream", "could not be fully decompressed", 6),
    # "/Contents" of page 6 misspelt: the page is read as blank
    (4025, 9, "dictionary", "have no content at all", 6),
    # "/Type" of a page misspelt: the page tree skips it
    (4175, 3, "dictionary", "declares 6 pages but only 5", None),
    # "/Filter" of a content stream misspelt: its compressed bytes read as operators that draw nothing
    (5300, 3, "dictionary", "could not be fully decompressed", 6),
])
def test_losses_the_long_fuzz_run_found_are_reported(tmp_path, seed, mutant, kind, says, page):
    """Each lost paragraphs of a measure and exited 0 with no warning at all."""
    from conftest import FIXTURES

    path, done = _replay(seed, mutant, tmp_path)
    assert done == kind
    code = extract_code(path)
    whole = extract_code(FIXTURES / "layouts/drafts_bullets_and_bands/holdout2_icu_draft_docx.pdf")
    shape = lambda c: [(m.id, [p.number for p in m.paragraphs]) for m in c.measures]  # noqa: E731
    assert shape(code) != shape(whole)  # the loss is real
    first = code.warnings[0]
    assert first.severity == "damage" and says in first.message and first.page == page


def test_a_control_code_from_a_damaged_font_in_the_text_is_damage(tmp_path):
    """Seed 5000 mutant 12 of the long fuzz run (a PDF keyword misspelt in the WeasyPrint holdout):
    a glyph now reads as the control code U+0001 inside C4.1, which exited 0 with no warning."""
    from conftest import FIXTURES

    path, done = _replay(5000, 12, tmp_path)
    assert done == "dictionary"
    code = extract_code(path)
    whole = extract_code(FIXTURES / "layouts/producers_mupdf_weasyprint/holdout4_ics_weasyprint.pdf")
    texts = lambda c: [p.text for m in c.measures for p in m.paragraphs]  # noqa: E731
    assert texts(code) != texts(whole) and "\x01" in code.measure("ICS C4").text  # the change is real
    first = code.warnings[0]
    assert first.severity == "damage" and "characters no font shows" in first.message
    assert first.measure == "ICS C4" and first.page == code.measure("ICS C4").paragraph("C4.1").page
    assert damage.count(whole.warnings) == 0


@pytest.mark.parametrize("seed, mutant, kind, source", [
    # garbage in a font's stream: the body font's characters read as glyph codes ('$\x14\x11\x14'
    # for 'A1.1'), so headings are found but no paragraph number, and only routine warnings said so
    (5000, 18, "stream", "layouts/producers_mupdf_weasyprint/holdout4_ics_weasyprint.pdf"),
    (5050, 19, "stream", "pcu_sample.pdf"),
    # a number in a text position altered: 'A.71' for 'A7.1' in six measures out of many
    (5250, 11, "digits", "../../codes/sample/icu-sample.pdf"),
])
def test_measures_read_without_any_paragraph_are_damage(tmp_path, seed, mutant, kind, source):
    from conftest import FIXTURES

    path, done = _replay(seed, mutant, tmp_path)
    assert done == kind
    code = extract_code(path)
    whole = extract_code(FIXTURES / source)
    assert all(m.paragraphs for m in whole.measures) and damage.count(whole.warnings) == 0
    assert [m.id for m in code.measures] == [m.id for m in whole.measures]  # headings read, bodies lost
    empty = sum(1 for m in code.measures if not m.paragraphs)
    first = code.warnings[0]
    assert first.severity == "damage"
    assert f"{empty} of {len(whole.measures)} measures have no numbered paragraph" in first.message


def test_a_paragraph_number_glued_to_its_first_word_is_damage(tmp_path):
    """Seed 5400 mutant 0 (a splice in the WeasyPrint holdout): every 'X.2' lost the space after its
    number and was read into 'X.1' with only routine 'numbers skipped' warnings. The splice had cut
    the body font's program short, which tests/test_font_check.py's check reports too (first, as it
    is met before reading); the merge is reported by itself all the same."""
    from conftest import FIXTURES

    path, done = _replay(5400, 0, tmp_path)
    assert done == "splice"
    code = extract_code(path)
    whole = extract_code(FIXTURES / "layouts/producers_mupdf_weasyprint/holdout4_ics_weasyprint.pdf")
    assert "A1.2The provider" in code.measure("ICS A1").paragraph("A1.1").text
    hurt = [w for w in code.warnings if w.severity == "damage"]
    assert hurt and code.warnings[:len(hurt)] == hurt  # ranked above every routine warning
    glued = [w for w in hurt if "glued" in w.message]
    assert glued and "A1.1" in glued[0].message
    assert "embedded font H4-Body: its program ends before its end marker" in hurt[0].message
    assert damage.count(whole.warnings) == 0


def test_a_reference_to_the_next_paragraph_is_not_a_merge():
    from analyser.models import Measure, Paragraph

    m = Measure("ICU A1", "A1", "Governance", None, None, 1, 1,
                [Paragraph("A1.1", "Record the review (see A1.2) and A1.2. Then report.", 1),
                 Paragraph("A1.2", "Report to the board.", 1)])
    assert damage.merged_paragraphs([m]) == []
    m.paragraphs[0].text = "Record the review. A1.2Report to the board."
    assert [w.severity for w in damage.merged_paragraphs([m])] == ["damage"]


def test_a_heading_removed_as_furniture_is_damage_unless_its_measure_was_read():
    from analyser.profiles import load_profile

    icu = load_profile("icu")
    removed = [(3, "ICU C4 Reporting channels"), (4, "ICU C5 Appeals"), (5, "Page 5 of 40")]
    found = damage.headings_in_furniture(removed, icu.measure_heading, icu.make_id, {"ICU C5"})
    assert [(w.page, w.measure, w.severity) for w in found] == [(3, "ICU C4", "damage")]
    assert "taken for a page header or footer" in found[0].message
