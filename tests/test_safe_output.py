"""Nothing a command writes runs: no live formula in CSV, no HTML or javascript: link in Markdown.

The hostile text comes through the real pipeline, from a PDF (written with reportlab) whose
headings and paragraphs carry formulas, HTML and links; the CSV is opened by LibreOffice and the
Markdown is rendered by markdown-it, the way a reader's tools would.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from analyser import cli
from analyser.safe_output import csv_cell, html, markdown

CALC = Path("/usr/lib/libreoffice/program/libsclo.so")  # the spreadsheet component

HOSTILE = [
    ("A1", "Safety <script>alert(1)</script>",
     ['=HYPERLINK("http://evil.example","x") Providers should, where technically feasible,',
      "remove <img src=x onerror=alert(1)> content [click](javascript:alert(1)) quickly."]),
    ("A2", "Records [x](javascript:alert(2))",
     ["+1+1 Providers may, where appropriate, keep records of <b>decisions</b>.",
      "They should review them at least once a year."]),
    ("A3", "Reviews @SUM(1+1)",
     ["@SUM(1+1) Providers should, unless it is not proportionate, review the policy.",
      "-2+3 The review should be recorded <javascript:alert(3)>."]),
]


def hostile_code(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    _, height = A4
    c.setFont("Helvetica-Bold", 16)
    c.drawString(60, height - 200, "Illegal content Codes of Practice for user-to-user services")
    c.setFont("Helvetica", 10)
    c.drawString(60, height - 230, "A sample written for testing; not official text.")
    c.showPage()
    for number, title, lines in HOSTILE:
        c.setFont("Helvetica-Bold", 13)
        c.drawString(60, height - 120, f"ICU {number} {title}")
        c.setFont("Helvetica", 9)
        y = height - 160
        for k in (1, 2):
            c.drawString(60, y, f"{number}.{k}")
            for line in lines:
                c.drawString(90, y, line)
                y -= 12
            y -= 14
        c.showPage()
    c.save()
    return path


@pytest.fixture(scope="module")
def hostile_pdf(tmp_path_factory) -> Path:
    return hostile_code(tmp_path_factory.mktemp("hostile") / "hostile.pdf")


def run(capsys, *argv: str) -> str:
    assert cli.main([*map(str, argv)]) == 0, capsys.readouterr().err
    return capsys.readouterr().out


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1+2", "@SUM(A1)", " =1+1", "\n=1+1", "\r\n @x", "\t=1",
                                   "\u00a0=1+1", "\r1"])
def test_a_formula_after_any_leading_blank_is_neutralised(value):
    assert csv_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Providers should", "1+1", "a=b", "", 3, None, True])
def test_plain_cells_are_left_alone(value):
    assert csv_cell(value) == value


def test_markdown_and_html_escapes_show_text_as_written():
    from markdown_it import MarkdownIt

    text = '<script>x</script> [a](javascript:y) ![i](http://z) <javascript:w> &lt; *e*\n# h'
    rendered = MarkdownIt("commonmark").render(markdown(text))
    assert "<script" not in rendered and "<a " not in rendered and "<img" not in rendered
    assert "<h1>" not in rendered and "<em>" not in rendered
    assert "&lt;script&gt;x&lt;/script&gt; [a](javascript:y)" in rendered
    assert html('"><b onmouseover=x>') == "&quot;&gt;&lt;b onmouseover=x&gt;"


def _markdown_is_inert(md: str) -> None:
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").enable("table").render(md).lower()
    for live in ("<script", "<img", "<b>", 'href="javascript', "<javascript"):
        assert live not in rendered, (live, rendered[:2000])


@pytest.mark.parametrize("command", [["extract", "--format", "md"], ["flags", "--format", "md"],
                                     ["overview", "--format", "md"], ["applies", "--format", "md"],
                                     ["matrix", "--format", "md"]])
def test_markdown_of_every_command_is_inert(capsys, hostile_pdf, command):
    md = run(capsys, command[0], hostile_pdf, *command[1:])
    assert "ICU A1" in md
    _markdown_is_inert(md)
    if command[0] == "extract":
        assert "&lt;script&gt;" in md or "&lt;img" in md  # shown, as text


def test_csv_of_every_command_has_no_live_formula(capsys, hostile_pdf):
    for command in (["flags", "--format", "csv"], ["matrix", "--format", "csv"]):
        text = run(capsys, command[0], hostile_pdf, *command[1:])
        rows = list(csv.reader(io.StringIO(text)))
        assert len(rows) > 1
        for row in rows:
            for cell in row:
                assert not cell.lstrip(" \t\r\n\u00a0").startswith(("=", "+", "-", "@")), cell
    sentences = [r[-1] for r in csv.reader(io.StringIO(run(capsys, "flags", hostile_pdf, "--format", "csv")))]
    assert any(s.startswith("'=HYPERLINK") for s in sentences), sentences


# (both the spreadsheet component and the soffice command: a machine may have one without the other)
@pytest.mark.skipif(not (CALC.exists() and shutil.which("soffice")),
                    reason="LibreOffice Calc (Debian libreoffice-calc) is not installed")
def test_libreoffice_opens_the_flags_csv_without_evaluating_anything(capsys, hostile_pdf, tmp_path):
    from openpyxl import load_workbook

    src = tmp_path / "flags.csv"
    src.write_text(run(capsys, "flags", hostile_pdf, "--format", "csv"), encoding="utf-8")
    control = tmp_path / "control.csv"  # the same kind of cell unescaped: proves Calc would evaluate it
    control.write_text('sentence\n"=HYPERLINK(""http://evil.example"",""x"")"\n', encoding="utf-8")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "xlsx",
                    "--outdir", str(tmp_path), str(src), str(control)], check=True, capture_output=True, timeout=180)
    assert load_workbook(tmp_path / "control.xlsx").active["A2"].data_type == "f"
    sheet = load_workbook(tmp_path / "flags.xlsx").active
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert cells and not [c.value for c in cells if c.data_type == "f"]
    assert any("=HYPERLINK" in str(c.value) for c in cells)  # kept, as text
