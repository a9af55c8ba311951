"""The response draft and the workspace commands (export, response, notes), on the bundled sample,
run as a user runs them (a subprocess of ``python -m analyser``) and read back from the files."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from analyser.notes import NotesStore
from conftest import ROOT

BUNDLED = ROOT / "codes" / "sample" / "icu-sample.pdf"
E2EE = "large-e2ee-messaging"
pytestmark = pytest.mark.skipif(not BUNDLED.exists(), reason="the bundled sample is absent")


@pytest.fixture(scope="module")
def code():
    from analyser.pipeline import load_code

    return load_code(BUNDLED)


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A private notes store for one test, shared with the subprocesses it starts."""
    d = tmp_path / "data"
    monkeypatch.setenv("ANALYSER_DATA_DIR", str(d))
    return d


def run(*args, env_data: Path, cwd: Path = ROOT, check: bool = True) -> subprocess.CompletedProcess:
    env = dict(os.environ, ANALYSER_DATA_DIR=str(env_data), PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "analyser", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)
    if check and proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}: {proc.stderr}")
    return proc


def _draft(code, notes=(), questions=None):
    from analyser.response import build_draft
    from analyser.service import archetype_titles, archetypes_by_name

    return build_draft(code, archetypes_by_name()[E2EE], list(notes), questions,
                       service_title=archetype_titles()[E2EE])


def test_the_draft_quotes_the_wording_that_lets_the_service_out(code):
    draft = _draft(code)
    by_id = {d.measure.id: d for d in draft.measures}
    assert [by_id[i].status.status for i in ("ICU C2", "ICU C9")] == ["qualified", "qualified"]
    assert all(d.status.status != "applies" for d in draft.measures)
    # C9: the content scope, quoted from its paragraph, and the feasibility limit on item (b).
    c9 = {q.kind: q for q in by_id["ICU C9"].quotes}
    para = code.measure("ICU C9").paragraph(c9["scope"].paragraph)
    assert "communicated publicly" in c9["scope"].text and c9["scope"].text in " ".join(para.text.split())
    assert c9["scope"].citation == f"ICU C9, para {para.number}, p. {para.page}"
    assert c9["qualifier"].phrase == "where technically feasible" and c9["qualifier"].item == "(b)"
    # C2: the feasibility exception of its core obligation.
    [c2] = by_id["ICU C2"].quotes
    assert c2.phrase == "technically feasible" and c2.citation.startswith("ICU C2, para C2.4, p. ")
    # What-if: C2 applies without E2EE, and is qualified with it.
    changes = {m.id: (a.status, b.status) for m, a, b in draft.e2ee_changes}
    assert changes["ICU C2"] == ("applies", "qualified")
    # Exempt measures quote their application wording.
    exempt = next(d for d in draft.measures if d.status.status == "exempt")
    assert exempt.quotes and exempt.quotes[0].kind == "application"


def test_markdown_draft_groups_notes_by_position_and_escapes_them(code, tmp_path):
    from analyser.response import to_markdown

    store = NotesStore(tmp_path / "n.sqlite")
    sha = code.info.sha256
    store.add(sha, "ICU", "ICU C9", "Public-only scope lets E2EE out <script>x</script> *all*", "object",
              paragraph="C9.3", author="Ann")
    store.add(sha, "ICU", "ICU A1", "Governance is fine", "agree")
    store.add(sha, "ICU", "ICU C2", "Who decides feasibility?", "concern")
    md = to_markdown(_draft(code, store.for_code(sha, "ICU"))).decode()
    assert "SAMPLE – not official text" in md.split("\n## ")[0]
    heads = [line for line in md.splitlines() if line.startswith("### ") and line[4:] in
             ("Objections", "Concerns", "Agreements")]
    assert heads == ["### Objections", "### Concerns", "### Agreements"]
    assert "&lt;script&gt;" in md and "<script>" not in md and "\\*all\\*" in md  # analyser/safe_output.py
    assert "ICU C9, para C9.3, p. 14** (Ann)" in md
    assert "## What end-to-end encryption changes" in md


def test_questions_order_the_draft(code):
    from analyser.response import Question, to_markdown

    md = to_markdown(_draft(code, questions=[Question("Q2: Is hash matching enough?", ["ICU C9"]),
                                             Question("Q5: Take-down?", ["ICU C2"])])).decode()
    q2, q5, rest = md.index("## Q2: Is hash matching enough?"), md.index("## Q5: Take-down?"), \
        md.index("## Other measures")
    assert q2 < md.index("### ICU C9") < q5 < md.index("### ICU C2") < rest


def test_cli_response_docx_has_the_quotes_with_citations(data_dir, tmp_path):
    out = tmp_path / "draft.docx"
    run("response", "icu-sample", "--service", E2EE, "--format", "docx", "-o", out, env_data=data_dir)
    doc = Document(out)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "“This measure applies only in relation to content communicated publicly by means of the service.” " \
           "— ICU C9, para C9.3, p. 14" in text
    assert "unless doing so is not technically feasible.” — ICU C2, para C2.4, p. 12" in text
    assert "SAMPLE – not official text" in doc.sections[0].header.paragraphs[0].text
    assert [h.text for h in doc.paragraphs if h.style.name == "Heading 1"][0] == "What the statuses mean"
    # Binary output with no -o goes to a named file in the working folder, never the terminal.
    proc = run("response", "icu-sample", "--service", E2EE, "--format", "docx", env_data=data_dir, cwd=tmp_path)
    name = proc.stderr.strip().splitlines()[-1]
    assert name == "icu-sample-response-draft-large-end-to-end-encrypted-messaging-service.docx"
    assert (tmp_path / name).read_bytes()[:2] == b"PK" and proc.stdout == ""


def test_cli_export_each_format_with_provenance(data_dir, tmp_path, code):
    NotesStore(data_dir / "notes.sqlite").add(code.info.sha256, "ICU", "ICU C9", "para note", "object",
                                              paragraph="C9.3")
    common = ["export", "icu-sample", "--service", E2EE, "--chapter", "C"]
    rows = list(csv.reader(io.StringIO(run(*common, "--format", "csv", env_data=data_dir).stdout)))
    about = {r[2]: r[10] for r in rows if r[0] == "about"}
    assert about["sha256"] == code.info.sha256 and about["Warning"] == "SAMPLE – not official text"
    assert about["Filters"] == "chapters: C" and about["Service profile"].startswith("Large end-to-end")
    c9 = next(r for r in rows if r[0] == "measure" and r[1] == "ICU C9")
    assert c9[6] == "qualified" and "para C9.3: object: para note" in c9[10]
    run(*common, "--format", "xlsx", "-o", tmp_path / "e.xlsx", env_data=data_dir)
    wb = load_workbook(tmp_path / "e.xlsx")
    assert {r[0]: r[1] for r in wb["About"].iter_rows(values_only=True)}["sha256"] == code.info.sha256
    run(*common, "--format", "docx", "--text", "-o", tmp_path / "e.docx", env_data=data_dir)
    doc = Document(tmp_path / "e.docx")
    assert "SAMPLE – not official text" in doc.sections[0].header.paragraphs[0].text
    assert any(p.text.endswith("[ICU C9, para C9.3, p. 14]") for p in doc.paragraphs)
    md = run(*common, "--format", "md", env_data=data_dir).stdout
    assert f"- **sha256:** {code.info.sha256}" in md
    bad = run("export", "icu-sample", "--status", "qualified", "--format", "md", env_data=data_dir, check=False)
    assert bad.returncode == 2 and "needs --service" in bad.stderr


def test_cli_notes_export_import_merges(data_dir, tmp_path, code):
    mine = NotesStore(data_dir / "notes.sqlite")
    mine.add(code.info.sha256, "ICU", "ICU C9", "mine", "object")
    run("notes", "export", tmp_path / "n.json", env_data=data_dir)
    assert json.loads((tmp_path / "n.json").read_text(encoding="utf-8"))["notes"][0]["text"] == "mine"
    other = tmp_path / "other"
    NotesStore(other / "notes.sqlite").add(code.info.sha256, "ICU", "ICU A1", "theirs", "agree")
    proc = run("notes", "import", tmp_path / "n.json", env_data=other)
    assert "1 added" in proc.stdout
    assert sorted(n.text for n in NotesStore(other / "notes.sqlite").for_code(code.info.sha256)) == ["mine", "theirs"]
    (tmp_path / "bad.json").write_text("[1, 2]", encoding="utf-8")
    bad = run("notes", "import", tmp_path / "bad.json", env_data=other, check=False)
    assert bad.returncode == 2 and "not a notes file" in bad.stderr
