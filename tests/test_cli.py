"""The command line, run as a user runs it: a subprocess of ``python -m analyser``.

The fixture's expected JSON (written by the generator, not by the parser) supplies the measure
IDs the output must carry, so these tests check the CLI's wiring end to end, not echoes.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from conftest import ROOT, expected_for


def run(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "analyser", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    if check and proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}: {proc.stderr}")
    return proc


def test_extract_json_has_every_expected_measure(sample_icu_pdf):
    out = json.loads(run("extract", sample_icu_pdf, "--format", "json").stdout)
    expected = expected_for(sample_icu_pdf)
    assert [m["id"] for m in out["measures"]] == [m["id"] for m in expected["measures"]]
    assert out["code"]["short_name"] == "ICU"
    assert out["code"]["sample"] is True
    assert out["reconciliation"] == {"missing_from_body": [], "missing_from_index": []}
    c9 = next(m for m in out["measures"] if m["id"] == "ICU C9")
    assert c9["applicability"]["condition"] is not None
    assert "qualifiers" in c9


def test_extract_markdown_outline_is_labelled_sample(sample_icu_pdf):
    out = run("extract", sample_icu_pdf, "--format", "md").stdout
    assert "SAMPLE" in out.splitlines()[2]
    assert "### ICU C9 " in out


def test_flags_csv_rows_point_into_paragraph_text(sample_icu_pdf):
    text = run("flags", sample_icu_pdf, "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows, "the sample code has qualifiers"
    assert {"feasibility", "discretion"} <= {r["category"] for r in rows}
    extracted = json.loads(run("extract", sample_icu_pdf, "--format", "json").stdout)
    paras = {p["number"]: p["text"] for m in extracted["measures"] for p in m["paragraphs"]}
    for r in rows:
        assert paras[r["paragraph"]][int(r["start"]):int(r["end"])] == r["phrase"]


def test_overview_counts_the_generators_chapters_and_ranks_by_risk(sample_icu_pdf):
    expected = expected_for(sample_icu_pdf)
    out = json.loads(run("overview", sample_icu_pdf).stdout)
    chapters = {}
    for m in expected["measures"]:
        chapters[m["chapter"]] = chapters.get(m["chapter"], 0) + 1
    assert [(c["chapter"], c["measures"]) for c in out["chapters"]] == list(chapters.items())
    assert out["measures"] == len(expected["measures"]) and out["code"]["sample"] is True
    assert sum(q["qualifiers"] for q in out["qualifier_counts"]) == out["qualifiers"]
    risks = [r["loophole_risk"] for r in out["ranking"]]
    assert risks[:out["high_risk"]] == ["high"] * out["high_risk"] and "high" not in risks[out["high_risk"]:]
    md = run("overview", sample_icu_pdf, "--format", "md", "--top", "3").stdout
    assert "SAMPLE" in md.splitlines()[2]
    assert "## The 3 measures with the most loophole risk" in md
    assert f"| {out['ranking'][0]['measure']} |" in md.split("loophole risk")[-1]


def test_applies_with_options_gives_a_status_and_reason_per_measure(sample_icu_pdf):
    out = json.loads(run("applies", sample_icu_pdf, "--kind", "u2u", "--users", "8000000",
                         "--risk", "csam-image=high", "--risk", "fraud=medium",
                         "--feature", "e2ee", "--feature", "direct-messaging", "--format", "json").stdout)
    statuses = {s["measure"]: s for s in out["statuses"]}
    assert set(statuses) == {m["id"] for m in expected_for(sample_icu_pdf)["measures"]}
    assert {s["status"] for s in statuses.values()} <= {"applies", "exempt", "qualified"}
    assert all(s["reason"] for s in statuses.values())
    # a large, multi-risk, end-to-end encrypted service: hash matching of public content lets it out
    assert statuses["ICU C9"]["status"] == "qualified"


def test_applies_rejects_an_unknown_harm_with_one_line(sample_icu_pdf):
    proc = run("applies", sample_icu_pdf, "--risk", "wizardry=high", check=False)
    assert proc.returncode == 2
    assert "wizardry" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_matrix_csv_covers_every_archetype(sample_icu_pdf):
    rows = list(csv.DictReader(io.StringIO(run("matrix", sample_icu_pdf, "--format", "csv").stdout)))
    assert len(rows) == len(expected_for(sample_icu_pdf)["measures"])
    assert "large-e2ee-messaging" in rows[0] and "small-low-risk-forum" in rows[0]


def test_whatif_adding_e2ee(tmp_path, sample_icu_pdf):
    svc = tmp_path / "e2ee.toml"
    svc.write_text('name = "social network with e2ee"\nkind = "u2u"\nusers = 20000000\n'
                   'features = ["user-profiles", "posting-content", "direct-messaging", "recommender", '
                   '"livestreaming", "likely-accessed-by-children", "e2ee"]\n'
                   '[risks]\ncsam-image = "medium"\ngrooming = "high"\nfraud = "medium"\nhate = "medium"\n'
                   'harassment = "medium"\nterrorism = "medium"\n')
    out = json.loads(run("whatif", sample_icu_pdf, "--service", "large-social-network",
                         "--service", svc, "--format", "json").stdout)
    changed = {d["measure"]: (d["status_a"], d["status_b"]) for d in out["differences"]}
    # removal "where technically feasible" (C2) is what encryption lets the service out of;
    # hash matching (C9) still holds, because the network's public posts are not encrypted
    assert changed.get("ICU C2") == ("applies", "qualified")
    assert "ICU C9" not in changed


@pytest.mark.parametrize("content, cause", [
    (b"", "empty"),
    (b"hello, this is not a pdf at all", "not a PDF"),
])
def test_bad_input_exits_2_with_one_line(tmp_path, content, cause):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(content)
    proc = run("extract", bad, check=False)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "bad.pdf" in proc.stderr
    assert cause.lower() in proc.stderr.lower()


def test_missing_file_is_a_clear_error():
    proc = run("extract", "no-such-code.pdf", check=False)
    assert proc.returncode == 2 and "no-such-code.pdf" in proc.stderr


def test_compare_markdown_names_the_added_measure(fixtures_dir):
    old, new = fixtures_dir / "icu_sample.pdf", fixtures_dir / "icu_sample_v2.pdf"
    if not new.exists():
        pytest.skip("second edition fixture not generated")
    out = run("compare", old, new, "--format", "md").stdout
    edits = expected_for(new)["edits"]
    assert edits["added"], "the second edition adds a measure"
    for edit in edits["added"] + edits["removed"]:
        assert edit["id"] in out


def test_graph_writes_graphml(tmp_path, sample_icu_pdf):
    import networkx as nx

    out = tmp_path / "g.graphml"
    run("graph", sample_icu_pdf, "-o", out)
    g = nx.read_graphml(out)
    assert "ICU C9" in g.nodes


def test_listing_commands():
    assert "eu-gpai" in run("profiles").stdout
    assert "large-e2ee-messaging" in run("archetypes").stdout
    assert "ICU" in run("fetch", "--list").stdout


def test_a_catalogue_name_opens_the_bundled_sample():
    out = run("extract", "icu-sample", "--format", "md").stdout
    assert "SAMPLE" in out and "### ICU C9 " in out
    proc = run("extract", "ICU", check=False)  # catalogued, but not fetched on this machine
    assert proc.returncode == 2 and "fetch" in proc.stderr


def test_a_parser_made_for_one_command_parses_and_helps_as_the_whole_one(capsys):
    """``main`` builds only the subparser its first argument names: that subparser must be the whole
    parser's, in what it accepts, what it refuses (one line, exit 2) and what its --help says."""
    from analyser.cli import COMMANDS, build_parser

    samples = {
        "applies": ["x.pdf", "--users", "3", "--risk", "a=high", "--feature", "e2ee", "--format", "md"],
        "whatif": ["x.pdf", "--service", "a", "--service", "b"],
        "compare": ["a.pdf", "b.pdf", "--format", "html", "--max-pages", "9"],
        "fetch": ["name", "--all"],
        "profiles": ["-o", "out.txt"],
        "archetypes": [],
        "overview": ["x.pdf", "--top", "4", "--max-seconds", "2.5"],
    }
    for command in COMMANDS:
        argv = [command, *samples.get(command, ["x.pdf", "--no-cache", "--reader", "pdfplumber", "--max-chars", "7"])]
        assert build_parser(command).parse_args(argv) == build_parser().parse_args(argv)
        outcomes = []
        for parser in (build_parser(command), build_parser()):
            for bad in ([*argv, "--no-such-option"], [command, "--help"]):
                with pytest.raises(SystemExit) as stop:
                    parser.parse_args(bad)
                outcomes.append((stop.value.code, capsys.readouterr()))
        assert outcomes[:2] == outcomes[2:], command
        assert outcomes[0][0] == 2 and "--no-such-option" in outcomes[0][1].err
        assert outcomes[1][0] == 0 and "usage: python -m analyser " + command in outcomes[1][1].out
    for other in (None, "export", "batch", "--version", "nonsense"):  # the whole parser
        assert build_parser(other).format_help() == build_parser().format_help()


def test_a_cached_open_imports_only_what_writing_the_stored_text_needs(tmp_path, sample_icu_pdf):
    """A cached ``extract --format json`` reads one row and writes it: the modules a cold analysis or
    another command needs stay unimported (together they were about half of a cached open's time)."""
    import os

    unwanted = ["dataclasses", "inspect", "logging", "csv", "html", "analyser.batch", "analyser.cli_workspace",
                "analyser.safe_output", "analyser.models", "spacy", "pdfplumber", "pypdfium2"]
    probe = (
        "import runpy, sys\n"
        f"sys.argv = ['analyser', 'extract', {str(sample_icu_pdf)!r}, '--format', 'json', '-o', {str(tmp_path / 'out.json')!r}]\n"
        "try:\n    runpy.run_module('analyser', run_name='__main__', alter_sys=True)\n"
        "except SystemExit as stop:\n    assert not stop.code, stop.code\n"
        f"print(sorted(m for m in {unwanted!r} if m in sys.modules))\n"
    )
    env = dict(os.environ, ANALYSER_CACHE_DIR=str(tmp_path / "cache"))
    env_run = lambda: subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True,  # noqa: E731
                                     text=True, timeout=300)
    subprocess.run([sys.executable, "-m", "analyser", "extract", str(sample_icu_pdf), "--format", "json",
                    "-o", os.devnull], cwd=ROOT, env=env, check=True, capture_output=True, timeout=600)  # a miss
    hit = env_run()
    assert hit.returncode == 0, hit.stderr
    assert hit.stdout.strip() == "[]"
    assert json.loads((tmp_path / "out.json").read_text())["code"]["source_file"] == sample_icu_pdf.name
