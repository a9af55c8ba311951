"""``python -m analyser batch``: many real codes on a process pool, one summary, one bad PDF never
stopping the batch. Run as a user runs it (a subprocess), on fixture PDFs and a broken file."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, expected_for

DOCS = ["ics_sample.pdf", "pcu_sample.pdf"]


def run(*args: str, cache: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, ANALYSER_CACHE_DIR=str(cache))
    return subprocess.run([sys.executable, "-m", "analyser", "batch", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("library")
    for name in DOCS:
        shutil.copy(FIXTURES / name, folder / name)
    (folder / "sub").mkdir()
    (folder / "sub" / "truncated.pdf").write_bytes((FIXTURES / DOCS[0]).read_bytes()[:4000])
    (folder / "notes.txt").write_text("not a code")
    return folder


@pytest.fixture(scope="module")
def first_run(library, tmp_path_factory):
    cache = tmp_path_factory.mktemp("batch-cache")
    out = library.parent / "summary.json"
    proc = run(library, "--jobs", "2", "-o", out, cache=cache)
    return proc, json.loads(out.read_text(encoding="utf-8")), cache


def test_a_bad_pdf_is_listed_and_the_batch_goes_on(first_run):
    proc, summary, _ = first_run
    assert proc.returncode == 2, proc.stderr
    rows = {Path(r["file"]).name: r for r in summary["results"]}
    assert sorted(rows) == sorted(DOCS + ["truncated.pdf"])  # PDFs only, sub-folders included
    bad = rows["truncated.pdf"]
    assert bad["status"] == "error" and "truncated.pdf" in bad["error"] and "\n" not in bad["error"]
    assert "truncated.pdf" in proc.stderr and "2 of 3 documents analysed" in proc.stderr
    assert summary["documents"] == 3 and summary["ok"] == 2 and summary["errors"] == 1


def test_each_code_is_summarised_from_its_real_analysis(first_run):
    _, summary, _ = first_run
    rows = {Path(r["file"]).name: r for r in summary["results"]}
    for name in DOCS:
        row, expected = rows[name], expected_for(FIXTURES / name)
        assert row["status"] == "ok", row
        assert row["profile"] == expected["code"]["short_name"].lower()
        assert row["measures"] == len(expected["measures"])
        assert row["pages"] == expected["code"]["page_count"]
        assert sum(row["loophole_risk"].values()) == row["measures"]
        assert row["qualifiers"] > 0
    assert summary["measures"] == sum(rows[n]["measures"] for n in DOCS)


def _created(cache: Path) -> list[float]:
    with sqlite3.connect(cache / "analysis.sqlite") as conn:
        return sorted(r[0] for r in conn.execute("SELECT created FROM analysis"))


def test_a_second_run_is_served_by_the_cache_and_all_good_exits_0(first_run, library, tmp_path):
    _, summary, cache = first_run
    only_good = tmp_path / "good"
    only_good.mkdir()
    for name in DOCS:
        shutil.copy(library / name, only_good / name)
    before = {Path(r["file"]).name: r for r in summary["results"]}
    stored = _created(cache)
    assert len(stored) == len(DOCS)  # each good code analysed once, the bad one not stored
    proc = run(only_good, "--jobs", "1", "--format", "csv", "-q", cache=cache)
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert [r["status"] for r in rows] == ["ok", "ok"]
    for r in rows:
        name = Path(r["file"]).name
        assert int(r["measures"]) == before[name]["measures"]
        assert int(r["risk_high"]) == before[name]["loophole_risk"]["high"]
    assert _created(cache) == stored  # read from the cache, not analysed and written again


def test_not_a_folder_is_one_line_and_exit_2(tmp_path):
    proc = run(tmp_path / "missing", cache=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "missing" in proc.stderr
