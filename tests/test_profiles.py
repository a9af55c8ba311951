"""Code profiles as data: the shipped ones, detection, and a new regulator supported by a TOML file only."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from analyser import errors
from analyser.extract import extract_code
from analyser.profiles import PROFILES_DIR, detect_profile, list_profiles, load_profile

NEW_REGULATOR_PROFILE = r'''
name = "xda-records"
family = "example-data-authority"
short_name = "XDA"
kind = "any"
publisher = "Example Data Authority"
title = "Records Code"

[detect]
phrases = ["records code of the example data authority"]
id_regex = '\bRequirement\s+R\d+-\d+\b'

[measure]
heading = '^Requirement\s+(?P<number>R(?P<chapter>\d+)-\d+)\s*:\s*(?P<title>.*)$'
id = "XDA {number}"

[chapter]
heading = '^Part\s+(?P<chapter>\d+)\s+(?P<title>.+)$'

[paragraph]
number = '^(?P<number>(?P<measure>R\d+-\d+)\.\d+)(?=\s)'

[items]
labels = ['^\((?P<label>[a-z])\)', '^\((?P<label>[ivx]+)\)']

[application]
phrase = '\bthis requirement applies to\b'

[[crossrefs]]
regex = '\bRequirement\s+(?P<num>R\d+-\d+)\b(?!\.\d)'
kind = "measure"
target = "XDA {num}"
'''


def test_shipped_profiles():
    assert list_profiles() == ["eu-gpai", "ics", "icu", "pcs", "pcu"]
    kinds = {name: load_profile(name).kind for name in list_profiles()}
    assert kinds == {"eu-gpai": "any", "ics": "search", "icu": "u2u", "pcs": "search", "pcu": "u2u"}
    for name in list_profiles():
        p = load_profile(name)
        assert p.short_name and p.family and p.measure_heading.pattern


def test_every_key_used_is_documented_in_the_reference_profile():
    doc = (PROFILES_DIR / "icu.toml").read_text(encoding="utf-8")
    block = "\n".join(line for line in doc.splitlines() if line.startswith("#"))
    for path in PROFILES_DIR.glob("*.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for key, value in data.items():
            assert re.search(rf"\b{re.escape(key)}\b", block), (path.name, key)
            if isinstance(value, dict):
                for sub in value:
                    if key != "chapters":
                        assert re.search(rf"\b{re.escape(sub)}\b", block), (path.name, key, sub)


def test_measure_heading_patterns():
    icu = load_profile("icu")
    m = icu.measure_heading.match("ICU C9 Hash matching for CSAM")
    assert m and m.group("number") == "C9" and m.group("chapter") == "C" and m.group("title") == "Hash matching for CSAM"
    assert icu.make_id(m.groupdict()) == "ICU C9"
    assert icu.paragraph_number.match("C9.10 Text").group("number") == "C9.10"
    assert not icu.measure_heading.match("ICS C9 Hash matching")
    gpai = load_profile("eu-gpai")
    m = gpai.measure_heading.match("Measure 7.6 Model Report updates")
    assert gpai.make_id(m.groupdict()) == "GPAI 7.6" and m.group("chapter") == "7"
    assert gpai.paragraph_number is None


def test_detect_profile_prefers_the_matching_code():
    assert detect_profile("ICU C1 a\nICU C2 b\nICU D1 c\nsee ICS C1").name == "icu"
    assert detect_profile("Protection of Children Code of Practice for search services\nPCS A1 x").name == "pcs"
    assert detect_profile("Measure 1.1 a\nMeasure 1.2 b\nMeasure 2.1 c").name == "eu-gpai"
    assert detect_profile("A history of canals. Chapter 1. Locks and boats.") is None
    assert detect_profile("We talk about ICU C9 once, and nothing else.") is None


def test_load_by_path_and_errors(tmp_path):
    good = tmp_path / "mine.toml"
    good.write_text(NEW_REGULATOR_PROFILE, encoding="utf-8")
    assert load_profile(good).short_name == "XDA"
    bad = tmp_path / "bad.toml"
    bad.write_text(NEW_REGULATOR_PROFILE.replace("(?P<title>.*)$", "(?P<title>.*$"), encoding="utf-8")
    with pytest.raises(errors.ProfileError) as info:
        load_profile(bad)
    assert "bad.toml" in str(info.value) and "measure.heading" in str(info.value)
    lacking = tmp_path / "lacking.toml"
    lacking.write_text('family = "x"\nshort_name = "X"\n', encoding="utf-8")
    with pytest.raises(errors.ProfileError):
        load_profile(lacking)
    with pytest.raises(errors.ProfileError):
        load_profile("nonexistent")


def _new_regulator_pdf(path: Path) -> Path:
    """A code in a numbering no shipped profile knows, drawn by reportlab's layout engine."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    ss = getSampleStyleSheet()
    body = ParagraphStyle("b", parent=ss["BodyText"], fontName="Times-Roman", fontSize=11, leading=14, spaceAfter=6)
    item = ParagraphStyle("i", parent=body, leftIndent=28, firstLineIndent=-18)
    head = ParagraphStyle("h", parent=body, fontName="Times-Bold", fontSize=12, spaceBefore=10)
    part = ParagraphStyle("p", parent=body, fontName="Times-Bold", fontSize=16, spaceBefore=12, spaceAfter=10)
    story = [Paragraph("Records Code of the Example Data Authority", ss["Title"]), PageBreak()]
    for pn, ptitle in ((1, "Keeping records"), (2, "Sharing records")):
        story.append(Paragraph(f"Part {pn} {ptitle}", part))
        for r in (1, 2, 3):
            rid = f"R{pn}-{r}"
            story.append(Paragraph(f"Requirement {rid}: Duty number {r} of part {pn}", head))
            story.append(Paragraph(f"{rid}.1 This requirement applies to every holder of records.", body))
            story.append(Paragraph(
                f"{rid}.2 The holder should keep a log of each record it holds, and review the log at least "
                "once a year, taking account of the following matters:", body))
            story.append(Paragraph("(a) whether each record is still needed; and", item))
            story.append(Paragraph("(b) who may see it, see Requirement R1-1.", item))
            story.append(Paragraph(f"{rid}.3 The review should be written down. " * 3, body))
    path_s = str(path)
    SimpleDocTemplate(path_s, pagesize=A4).build(story)
    return path


def test_a_new_regulator_needs_only_a_profile(tmp_path):
    pdf = _new_regulator_pdf(tmp_path / "records-code.pdf")
    with pytest.raises(errors.UnknownLayoutError):
        extract_code(pdf)  # no shipped profile knows this numbering
    prof = tmp_path / "xda.toml"
    prof.write_text(NEW_REGULATOR_PROFILE, encoding="utf-8")
    code = extract_code(pdf, profile=prof)
    assert code.info.profile == "xda-records" and code.info.publisher == "Example Data Authority"
    assert [m.id for m in code.measures] == [f"XDA R{p}-{r}" for p in (1, 2) for r in (1, 2, 3)]
    m = code.measure("XDA R2-3")
    assert m.title == "Duty number 3 of part 2"
    assert (m.chapter, m.chapter_title) == ("2", "Sharing records")
    assert [p.number for p in m.paragraphs] == ["R2-3.1", "R2-3.2", "R2-3.3"]
    assert m.application_paragraphs == ["R2-3.1"]
    assert [i.label for i in m.paragraphs[1].items] == ["(a)", "(b)"]
    assert m.paragraphs[1].items[1].text == "who may see it, see Requirement R1-1."
    assert [(c.target, c.kind) for c in m.cross_refs] == [("XDA R1-1", "measure")]


# ---------------------------------------------------------------------------- mistakes in a profile

@pytest.mark.parametrize(
    "extra,words",
    [
        ('[measure]\nheading = \'^Measure \\d+\'\n', "needs a named group (?P<number>"),
        ("[measure]\nheading = 42\n", "must be a regular expression in a string"),
        ('[measure]\nheading = \'^M (?P<number>\\d+)\'\nid = "X {}"\n', "write placeholders as {group}"),
        ('[measure]\nheading = \'^M (?P<number>\\d+)\'\nid = "X {0}"\n', "write placeholders as {group}"),
        ('[measure]\nheading = \'^M (?P<number>\\d+)\'\nid = "X {number.real}"\n', "write placeholders as {group}"),
        ('[measure]\nheading = \'^M (?P<number>\\d+)\'\nid = "X {title}"\n', "which the pattern does not capture"),
        ('[measure]\nheading = \'^M (?P<number>\\d+)\'\n[services]\nscope = "services on the moon"\n', "scope 'services on the moon' was not understood"),
        ('[measure]\nheading = \'^M (?P<number>\\d+)\'\n[services]\ncolour = "red"\n', "unknown key(s) in [services]: colour"),
        ('[measure]\nheading = \'^M (?P<number>\\d+)\'\n[services.features.toys]\nvariants = "toy"\n', "variants must be a list of strings"),
        ('[measure]\nheading = \'^M (?P<number>\\d+)\'\n[services]\nlarge_users = "big"\n', "large_users must be a whole number"),
        ('[measure]\nheading = \'^M (?P<number>\\d+)\'\n[services.kinds.shop]\nlabel = "shop"\n[services.features.toys]\nkind = "toyshop"\n',
         "kind = 'toyshop' is not one of the code's kinds (shop)"),
        ('[measure]\nheading = \'^M (?P<number>\\d+)\'\n[services.features.toys]\nincludes = ["dolls"]\n',
         "includes must list the code's own feature keys"),
        ('[measure]\nheading = \'^M (?P<number>\\d+)\'\n[services]\nsize_by_users = "no"\n', "size_by_users must be true or false"),
        ('[measure]\nheading = \'^M (?P<number>\\d+)\'\n[[services.context_readings]]\nwhen = "(unclosed"\nphrase = "x"\nalso = "y"\n'
         'because = "z"\n', "[[services.context_readings]] number 1 when ('(unclosed') is not a valid regular expression"),
        ('[measure]\nheading = \'^M (?P<number>\\d+)\'\n[[services.context_readings]]\nwhen = "(a+)+$"\nphrase = "x"\nalso = "y"\n'
         'because = "z"\n', "[[services.context_readings]] number 1 when"),
        ('[measure]\nheading = \'^M (?P<number>\\d+)\'\n[[services.context_readings]]\nwhen = "x"\nphrase = "x"\n',
         "must have exactly when, phrase, also and because"),
        ('[measure]\nheading = \'^M (?P<number>\\d+)\'\n[[services.parts]]\nlabel = "A"\nnames = "(unclosed"\nscope = "x"\n',
         "[[services.parts]] number 1 names ('(unclosed') is not a valid regular expression"),
        ('[measure]\nheading = \'^M (?P<number>\\d+)\'\n[[services.parts]]\nlabel = "A"\nnames = "x"\n',
         "must have exactly label, names and scope"),
        ('[measure]\nheading = \'^M (?P<number>\\d+)\'\n[[services.parts]]\nlabel = "A"\nnames = "x"\nscope = "services on the moon"\n',
         "[[services.parts]] 'A' scope 'services on the moon' was not understood"),
        ('[measure]\nheading = \'^M (?P<number>\\d+)\'\n[services.features.toys]\nin_a_duty = "(unclosed"\n',
         "[services.features.toys] in_a_duty ('(unclosed') is not a valid regular expression"),
        ('[measure]\nheading = \'^M (?P<number>\\d+)\'\n[services.features.toys]\nin_an_object = "(unclosed"\n',
         "[services.features.toys] in_an_object ('(unclosed') is not a valid regular expression"),
        ('[measure]\nheading = \'^M (?P<number>\\d+)\'\n[services.features.toys]\nrelief = "yes"\n',
         "[services.features.toys] relief must be true or false"),
        ('[measure]\nheading = \'^M (?P<number>\\d+)\'\n[[application.intros]]\npattern = "(unclosed"\n', "bad regular expression"),
        ('[measure]\nheading = \'^M (?P<number>\\d+)\'\n[[application.intros]]\npattern = "^providers ${nope}"\n',
         "no piece of pattern named 'nope'"),
    ],
)
def test_profile_mistakes_are_one_line_naming_the_file(tmp_path, extra, words):
    path = tmp_path / "mine.toml"
    path.write_text('family = "x"\nshort_name = "X"\n' + extra, encoding="utf-8")
    with pytest.raises(errors.ProfileError) as err:
        load_profile(path)
    message = str(err.value)
    assert words in message and "mine.toml" in message and "\n" not in message


def test_a_profile_mistake_on_the_command_line_is_one_line_and_exit_2(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "mine.toml"
    path.write_text('family = "x"\nshort_name = "X"\n[measure]\nheading = \'^Measure \\d+\'\n', encoding="utf-8")
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.run([sys.executable, "-m", "analyser", "extract", "codes/sample/icu-sample.pdf", "--profile", str(path),
                           "--no-cache"], cwd=root, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "mine.toml" in lines[0] and "(?P<number>" in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr
