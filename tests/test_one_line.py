"""One line, always: every bad input the hostile-input review found ends in one line naming the
file and the cause, and exit 2; the PDF libraries' own log lines never reach the terminal.

Each case runs ``python -m analyser`` as a user would, on real files made here.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


def run(*args: str, env: dict | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analyser", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


def assert_one_line(proc: subprocess.CompletedProcess, name: str, *words: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.startswith(f"error: {name}: "), proc.stderr
    for word in words:
        assert word in proc.stderr.lower(), proc.stderr


@pytest.fixture(scope="module")
def odd_paths(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("odd")
    fifo = base / "pipe.pdf"
    os.mkfifo(fifo)
    folder = base / "folder.pdf"
    folder.mkdir()
    return {"fifo": fifo, "folder": folder, "long": base / ("x" * 300 + ".pdf")}


@pytest.mark.parametrize("which, name, cause", [
    ("long", "x" * 300 + ".pdf", "too long"),
    ("folder", "folder.pdf", "folder"),
    ("fifo", "pipe.pdf", "not a regular file"),
])
def test_paths_that_are_not_documents(odd_paths, which, name, cause):
    assert_one_line(run("extract", odd_paths[which]), name, cause)


def test_a_device_and_an_empty_name():
    assert_one_line(run("extract", "/dev/zero"), "zero", "not a regular file")
    assert_one_line(run("extract", ""), "input", "no file name")


@pytest.mark.parametrize("target, cause", [("missing-folder/out.md", "no such file"), (".", "directory"),
                                           ("/dev/full", "no space")])
def test_output_that_cannot_be_written(sample_icu_pdf, tmp_path, target, cause):
    out = target if target.startswith("/") else str(tmp_path / target)
    proc = run("extract", sample_icu_pdf, "--format", "md", "-o", out)
    assert_one_line(proc, Path(out).name or Path(out).resolve().name, cause)


def test_a_data_folder_that_is_a_file(sample_icu_pdf, tmp_path):
    data = tmp_path / "data"
    data.write_text("not a folder")
    proc = run("fetch", "ICU", env={"ANALYSER_DATA_DIR": str(data)})
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr


@pytest.mark.parametrize("body, cause", [
    (None, "not found"),
    ("folder", "folder"),
    ('[[entry]]\nid = "x"\ncategory = "timing"\npatterns = 5\n', "patterns must be a list"),
    ('[[entry]]\nid = "x"\ncategory = "timing"\nphrases = "soon"\n', "phrases must be a list"),
    ('[[entry]]\nid = "x"\ncategory = "timing"\nphrases = ["soon"]\npriority = "high"\n', "priority"),
    ('[[entry]]\nid = "x"\ncategory = "timing"\npattern = [{LOWER = {REGEX = "(a+)+$"}}]\n', "repeat inside a repeat"),
    ("\udcff", "utf-8"),
])
def test_bad_lexicons(sample_icu_pdf, tmp_path, body, cause):
    path = tmp_path / "lex.toml"
    if body == "folder":
        path.mkdir()
    elif body == "\udcff":
        path.write_bytes(b"\xff\xfe[[entry]]\x00")
    elif body is not None:
        path.write_text(body)
    assert_one_line(run("flags", sample_icu_pdf, "--no-cache", "--lexicon", path), "lex.toml", cause)


def test_a_profile_with_a_catastrophic_heading_pattern_is_refused(sample_icu_pdf, tmp_path):
    source = (ROOT / "codes" / "profiles" / "icu.toml").read_text()
    bad = tmp_path / "slow.toml"
    bad.write_text(re.sub(r"(?m)^heading = '\^\(\?:Measure.*$", lambda _: "heading = '^(\\w+\\s?)+x$'", source, count=1))
    proc = run("extract", sample_icu_pdf, "--no-cache", "--profile", bad)
    assert_one_line(proc, "slow.toml", "measure.heading", "(\\\\w+\\\\s?)+x$", "repeat inside a repeat")


def test_a_bad_mediabox_gives_the_first_error_not_the_one_on_close(sample_icu_pdf, tmp_path):
    data = sample_icu_pdf.read_bytes()
    assert b"/MediaBox[" in data
    path = tmp_path / "box.pdf"
    path.write_bytes(data.replace(b"/MediaBox[", b"/MediaBox[/x /y ", 1))
    proc = run("extract", path, "--no-cache")
    assert proc.returncode in (0, 2) and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.count("\n") <= 1


def test_pdfminer_log_lines_are_never_printed(sample_icu_pdf, tmp_path):
    """A damaged stream makes pdfminer log; the user sees the analyser's summary line, not the log."""
    from test_damage import _break_one_stream

    path = _break_one_stream(sample_icu_pdf, tmp_path / "broken.pdf")
    proc = run("extract", path, "--no-cache", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert "Data-loss" not in proc.stderr and proc.stderr.count("\n") == 1
    assert proc.stderr.startswith("warning: broken.pdf: ") and "sign" in proc.stderr and "of damage" in proc.stderr


def test_a_catalogue_filename_with_a_nul_is_refused(tmp_path):
    from analyser.catalogue import load_catalogue
    from analyser.errors import AnalyserError

    cat = tmp_path / "catalogue.toml"
    cat.write_text('[[document]]\nname = "x"\ncode = "ICU"\ntitle = "X"\nfilename = "a\\u0000b.pdf"\n')
    with pytest.raises(AnalyserError, match="filename must be a plain file name"):
        load_catalogue(cat)
