"""The CLI's cold analysis with the PDF read in a forked process while spaCy loads (analyser.overlap):
the same output, the same error lines, and a fallback when the child fails.

The command-line checks run ``python -m analyser`` as a user does, in fresh processes (the fork only
happens while the trained pipeline is not loaded yet), once with the overlap and once with
``ANALYSER_OVERLAP=0``, the serial path.
"""

from __future__ import annotations

import copy
import os
import pickle
import subprocess
import sys
import threading

import pytest

from analyser import errors, overlap
from analyser.applicability import resolve_applicability
from analyser.extract import extract_code
from analyser.extraction.checked_input import check_input
from analyser.qualifiers import flag_qualifiers
from conftest import ROOT

TWO_CORES = hasattr(os, "fork") and sys.platform.startswith("linux") and overlap._cores() >= 2
needs_fork = pytest.mark.skipif(not TWO_CORES, reason="needs Linux (os.fork) and two cores for this process")

# runs the CLI, counting the forks it makes, and prints the count last on stderr
_COUNTING = (
    "import os, sys\n"
    "forks = []\n"
    "real = os.fork\n"
    "def fork():\n"
    "    pid = real()\n"
    "    if pid:\n"
    "        forks.append(pid)\n"
    "    return pid\n"
    "os.fork = fork\n"
    "from analyser.cli import main\n"
    "try:\n"
    "    code = main(sys.argv[1:])\n"
    "finally:\n"
    "    print(f'forks={len(forks)}', file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def _cli(tmp_path, overlap_on: bool, *args: str) -> tuple[subprocess.CompletedProcess, int]:
    env = dict(os.environ, ANALYSER_OVERLAP="1" if overlap_on else "0", ANALYSER_CACHE_DIR=str(tmp_path / "cache"))
    proc = subprocess.run([sys.executable, "-c", _COUNTING, *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    *rest, last = proc.stderr.rstrip("\n").split("\n")
    assert last.startswith("forks="), proc.stderr
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout, "\n".join(rest)), int(last[6:])


@needs_fork
def test_cli_reads_on_a_second_core_and_prints_what_the_serial_path_prints(tmp_path, sample_icu_pdf):
    args = ("extract", sample_icu_pdf, "--no-cache", "--format", "json")
    both, forks = _cli(tmp_path, True, *args)
    serial, no_forks = _cli(tmp_path, False, *args)
    assert (forks, no_forks) == (1, 0)
    assert both.returncode == serial.returncode == 0, both.stderr + serial.stderr
    assert both.stdout == serial.stdout
    assert both.stderr == serial.stderr


@needs_fork
def test_a_bad_input_found_while_reading_gives_the_same_line_on_both_paths(tmp_path):
    """'No known layout' is raised in the child; it comes back by pickle as the same one line, exit 2."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    story = [Paragraph("A Short History of the Canal Network", styles["Title"])]
    story += [Paragraph(f"Chapter {i} tells how the canals were dug by hand and how the locks were built "
                        "from local stone.", styles["BodyText"]) for i in range(20)]
    path = tmp_path / "canals.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    both, forks = _cli(tmp_path, True, "extract", path, "--no-cache")
    serial, _ = _cli(tmp_path, False, "extract", path, "--no-cache")
    assert forks == 1
    assert both.returncode == serial.returncode == 2
    assert both.stderr == serial.stderr
    assert both.stderr.strip().splitlines() == [f"error: canals.pdf: no known code layout (no profile matches its "
                                                "measure numbering); use --profile NAME|PATH"]


@pytest.mark.skipif(not hasattr(os, "fork") or threading.active_count() != 1,
                    reason="forks this test process: needs os.fork and a single thread")
def test_a_child_that_fails_unexpectedly_leaves_the_reading_to_the_parent(monkeypatch, sample_icu_pdf):
    """A bug or a crash in the child sends nothing back: the parent reads the PDF itself, same result."""
    import analyser.extract

    parent = os.getpid()
    real = analyser.extract.extract_code

    def failing_in_the_child(*args, **kwargs):
        if os.getpid() != parent:
            raise RuntimeError("a bug in the child")
        return real(*args, **kwargs)

    monkeypatch.setattr(analyser.extract, "extract_code", failing_in_the_child)
    code = overlap.analyse_beside_model(check_input(sample_icu_pdf), None, None)
    expected = resolve_applicability(real(sample_icu_pdf))
    assert code.to_dict() == expected.to_dict()


@pytest.mark.parametrize("name", ["icu_sample.pdf", "ics_sample.pdf", "pcu_sample.pdf", "gpai"])
def test_applicability_and_qualifiers_may_run_in_either_order(name, fixtures_dir, shared_dir):
    """The overlap resolves applicability in the child, before the parent flags qualifiers: the serial
    path does the opposite. Both must give the same code, so neither pass may read what the other
    writes (if one ever must, ``overlap._analyse`` has to stop resolving applicability)."""
    pdf = shared_dir / "corpus" / "eu-gpai-safety-security.pdf" if name == "gpai" else fixtures_dir / name
    if not pdf.exists():
        pytest.skip(f"{pdf} not on this machine")
    extracted = extract_code(pdf)
    serial = flag_qualifiers_then_resolve(copy.deepcopy(extracted))
    overlapped = copy.deepcopy(extracted)
    resolve_applicability(overlapped)
    flag_qualifiers(overlapped)
    assert overlapped.to_dict() == serial.to_dict()


def flag_qualifiers_then_resolve(code):
    flag_qualifiers(code)
    return resolve_applicability(code)


def test_every_input_error_survives_the_pickle_back_from_the_child():
    for cls in [errors.AnalyserError, *errors.AnalyserError.__subclasses__()]:
        err = cls("/some/where/code.pdf", "the PDF is damaged and cannot be read")
        back = pickle.loads(pickle.dumps(err))
        assert type(back) is cls
        assert (str(back), back.path, back.cause) == (str(err), err.path, err.cause)


def test_the_overlap_is_off_when_asked_and_in_a_threaded_process(monkeypatch):
    monkeypatch.setenv("ANALYSER_OVERLAP", "0")
    assert not overlap.worthwhile()
    monkeypatch.setenv("ANALYSER_OVERLAP", "1")
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert not overlap.worthwhile()  # forking a threaded process can deadlock the child
    finally:
        stop.set()
        worker.join()


def test_the_overlap_is_off_once_the_trained_pipeline_is_loaded(monkeypatch):
    from analyser import nlp

    monkeypatch.setenv("ANALYSER_OVERLAP", "1")
    monkeypatch.setattr(nlp, "_LOADED", {True: object()})
    assert not overlap.worthwhile()


def test_extract_code_pickles_to_an_equal_code(sample_icu_pdf):
    code = extract_code(sample_icu_pdf)
    assert pickle.loads(pickle.dumps(code, protocol=pickle.HIGHEST_PROTOCOL)) == code


def test_spacy_imported_without_its_command_line_is_spacy_all_the_same():
    """The overlap imports spaCy with stand-ins for ``spacy.cli`` (0.3 s of the import); afterwards
    the real command line imports as ever and ``spacy.info`` gives what it gives in a plain process."""
    check = (
        "import sys\n"
        "from analyser import overlap\n"
        "overlap._import_spacy_without_its_cli()\n"
        "import spacy\n"
        "assert 'spacy.cli' not in sys.modules and not hasattr(spacy, 'cli')\n"
        "from analyser.nlp import load_pipeline\n"
        "nlp = load_pipeline(trained=True)\n"
        "doc = nlp('Providers may use hash matching.')\n"
        "import spacy.cli\n"
        "assert hasattr(spacy.cli, 'download') and spacy.cli.__file__.endswith('__init__.py')\n"
        "print(sorted(spacy.info()), [(t.pos_, t.dep_) for t in doc])\n"
    )
    plain = (
        "import spacy\n"
        "from analyser.nlp import load_pipeline\n"
        "doc = load_pipeline(trained=True)('Providers may use hash matching.')\n"
        "print(sorted(spacy.info()), [(t.pos_, t.dep_) for t in doc])\n"
    )
    outs = [subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
            for code in (check, plain)]
    assert [o.returncode for o in outs] == [0, 0], outs[0].stderr + outs[1].stderr
    assert outs[0].stdout == outs[1].stdout
