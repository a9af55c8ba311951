"""A damaged embedded font is damage: the long fuzz run's silent text changes, replayed.

Seed 5's run (bench/RESULTS.md, issue 12) left 26 mutants whose paragraph text changed with no
warning, and seed 6's short run 11 more. Every one had hit an embedded font: its compressed
program (a zero run, a flipped byte, a splice, garbage) or one number of its ``/Widths`` table.
Each is rebuilt here from its seed with the fuzzer's own ``mutate_pdf`` and read by the real
reader; and every undamaged PDF the project has must stay free of damage warnings.
"""

from __future__ import annotations

import re
import time
import zlib
from pathlib import Path

import pytest

from analyser import damage, font_check
from analyser.extract import extract_code
from analyser.extraction.checked_input import check_input
from conftest import FIXTURES, ROOT, SHARED
from fuzz import replay

_TEXTS = {}


def _texts(path: Path) -> list[tuple[str, str, str]]:
    return [(m.id, p.number, p.text) for m in extract_code(path).measures for p in m.paragraphs]


@pytest.mark.parametrize("seed, mutant, kind, font, change", [
    # the font program's compressed data broken: PDFium draws with a stand-in font
    (5050, 4, "zero", "LiberationSans", "'; or' read as ';or', a note read into ICS C4.3"),
    (5075, 13, "splice", "DejaVuSans", "a note read into PCU B2.3"),
    (5325, 3, "stream", "Carlito", "two notes read into ICU C1.1 and D2.1"),
    (5450, 10, "flip", "LiberationSans", "'body should' read as 'bodyshould' in 20 paragraphs"),
    (5575, 5, "zero", "LiberationSans", "words split ('con tent'), notes read into paragraphs"),
    # one number of the /Widths table changed: every glyph after that letter moves
    (5050, 15, "digits", "Carlito", "'ICU C3' read as 'ICUC3' (391 -> 491)"),
    (5375, 22, "digits", "LiberationSans", "'harm that' read as 'harmthat' (833 -> 333)"),
    (5500, 4, "digits", "LiberationSans", "'services' read as 'sear-ch ser vices' (222 -> 922)"),
    (5600, 15, "digits", "Carlito", "'ICU A2' read as 'ICUA2' (533 -> 733)"),
])
def test_a_damaged_font_that_changes_the_text_is_damage(tmp_path, seed, mutant, kind, font, change):
    path, done, source = replay(seed, mutant, tmp_path)
    assert done == kind
    if source not in _TEXTS:
        _TEXTS[source] = _texts(source)
    code = extract_code(path)
    got = [(m.id, p.number, p.text) for m in code.measures for p in m.paragraphs]
    assert [x[:2] for x in got] == [x[:2] for x in _TEXTS[source]]  # the structure survived ...
    assert got != _TEXTS[source], change  # ... but the text changed: silent before this check
    first = code.warnings[0]
    assert first.severity == "damage" and f"embedded font {font}" in first.message
    assert ("width table disagrees" if kind == "digits" else "will not decompress") in first.message


def _undamaged() -> list[Path]:
    """Every undamaged PDF the project has: the fixtures, the samples, the held-out layout set and,
    where ../shared is present, the real GPAI chapter."""
    paths = sorted(FIXTURES.rglob("*.pdf")) + sorted((ROOT / "codes").rglob("*.pdf"))
    paths += sorted((ROOT / "bench" / "heldout").rglob("*.pdf"))
    gpai = SHARED / "corpus" / "eu-gpai-safety-security.pdf"
    return paths + ([gpai] if gpai.exists() else [])


def test_no_undamaged_pdf_has_a_damaged_font_or_stream():
    """The check before reading (fonts, streams, pages) finds nothing in 43 undamaged PDFs of eight
    producers; their embedded fonts' 5,000-odd widths all agree with their programs."""
    paths = _undamaged()
    assert len(paths) >= 42
    for path in paths:
        seen = check_input(path).damage
        assert not seen.fonts and not seen.records and not seen.unreadable, (path.name, seen)


@pytest.mark.parametrize("path", [p for p in _undamaged() if "heldout" not in p.parts],
                         ids=lambda p: p.name)
def test_no_undamaged_code_gets_a_damage_warning(path):
    """The held-out layout set is left out: three of its layouts are not read (measures missing
    from the body, paragraphs not found), and saying so is what the damage warnings are for."""
    code = extract_code(path)
    assert damage.count(code.warnings) == 0, [w.message for w in code.warnings if w.severity == "damage"]


def _with_font_stream(src: Path, dest: Path, change) -> Path:
    """``src`` with its first embedded TrueType program's stream changed by ``change(data, start, end)``."""
    data = bytearray(src.read_bytes())
    m = re.search(rb"/Length1 \d+>>\r?\nstream\r?\n", data)
    end = data.find(b"endstream", m.end())
    dest.write_bytes(change(data, m.end(), end))
    return dest


def test_a_font_program_that_lost_its_filter_is_damage(tmp_path):
    """'/Filter' of the program misspelt: its Flate bytes are taken for the font itself."""
    def unfilter(data: bytearray, start: int, end: int) -> bytes:
        at = data.rfind(b"/Filter", 0, start)
        data[at + 1] = ord("Z")
        return bytes(data)

    path = _with_font_stream(FIXTURES / "ics_sample.pdf", tmp_path / "nofilter.pdf", unfilter)
    fonts = check_input(path).damage.fonts
    assert any("is not a TrueType font" in why for why in fonts), fonts


def test_a_font_program_cut_short_is_damage(tmp_path):
    def cut(data: bytearray, start: int, end: int) -> bytes:
        program = zlib.decompress(bytes(data[start:end]))
        shorter = zlib.compress(program[: len(program) // 3])[:-40]  # no end marker either
        return bytes(data[:start] + shorter + data[end:])

    path = _with_font_stream(FIXTURES / "ics_sample.pdf", tmp_path / "cut.pdf", cut)
    assert any("ends before its end marker" in why for why in check_input(path).damage.fonts)


def test_a_hostile_character_map_costs_a_search_not_a_scan():
    """A format 12 map of 65,535 groups of 65,536 codes each: one lookup is 16 reads, and nothing
    is expanded (a font library builds a dictionary of every code the groups cover)."""
    groups = 65535
    sub = (b"\x00\x0c\x00\x00" + (16 + 12 * groups).to_bytes(4, "big") + b"\x00" * 4 + groups.to_bytes(4, "big")
           + b"".join((k << 16).to_bytes(4, "big") + ((k << 16) + 0xFFFF).to_bytes(4, "big")
                      + (7).to_bytes(4, "big") for k in range(groups)))
    started = time.monotonic()
    assert font_check._glyph(sub, (3 << 16) + 5) == 12
    assert font_check._glyph(sub, 2**32 - 1) is None
    assert time.monotonic() - started < 0.05


_MUPDF = FIXTURES / "layouts" / "producers_mupdf_weasyprint" / "holdout4_icu_mupdf.pdf"


def test_a_cid_font_width_changed_is_damage(tmp_path):
    """One number of a CID font's indirect ``/W`` (MuPDF's, read straight from the file, not by
    pdfminer's tokeniser) changed in place: CID 36 ('A') 884 wide where the font says 684. (Most
    of this table's CIDs are glyphs the subsetter emptied, advance 0, which are not judged.)"""
    data = _MUPDF.read_bytes()
    at = data.index(b"7 0 obj\n[0[600 ")  # DejaVu Sans Book's /W
    at = data.index(b"34[530 1000 684 ", at)
    path = tmp_path / "cid_width.pdf"
    path.write_bytes(data[:at] + b"34[530 1000 884 " + data[at + 16:])
    fonts = check_input(path).damage.fonts
    assert any("DejaVu Sans Book: its width table disagrees" in why and "(code 36: 884 where the font says 684)" in why
               for why in fonts), fonts
    assert not check_input(_MUPDF).damage.fonts


def test_an_indirect_width_array_read_directly_is_pdfminer_s():
    """The direct reading of a plain array of numbers gives what pdfminer gives, and leaves
    anything else (a reference, a name, an unbalanced bracket) to pdfminer."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    with open(_MUPDF, "rb") as fh:
        doc = PDFDocument(PDFParser(fh))
        direct = font_check._read_plain_array(doc, 7)
        assert direct is not None and direct == resolve1(doc.getobj(7))
    assert font_check._parse_numbers(b"[0 [1 2.5 -3] .5 +7 8.]") == [0, [1, 2.5, -3], 0.5, 7, 8.0]
    for body in (b"[1 0 R]", b"[1 /W]", b"[1 ]]", b"[[1]", b"[1][2]", b"[-]", b"[1.2.3]"):
        assert font_check._parse_numbers(body) is None, body
