"""The cached ``extract`` before argparse (``analyser/cli_cached.py``) against the full command line.

A hit must print what the full command line prints, byte for byte (stdout, the warning line, an ``-o``
file, the exit status), on real PDFs; every other invocation must reach argparse untouched, its errors
one line with exit 2; and a cached open must really skip argparse (else the fast path is dead code).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, SHARED

FULL = ["-c", "import sys; from analyser.cli import main; sys.exit(main())"]  # the CLI as it was, no fast path
GPAI = SHARED / "corpus" / "eu-gpai-safety-security.pdf"


def _run(args: list[str], env: dict[str, str], *, full: bool = False, extra: list[str] = ()) -> subprocess.CompletedProcess:
    cmd = [sys.executable, *extra, *(FULL if full else ["-m", "analyser"]), *args]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, timeout=900)


@pytest.fixture(scope="module")
def warm(tmp_path_factory) -> tuple[dict[str, str], list[Path]]:
    """A cache holding the sample, a damaged PDF (its warning line), a copy under a name JSON must
    escape and, where the corpus is on this machine, the real GPAI code; each analysed once, cold."""
    from test_damage import _replay

    folder = tmp_path_factory.mktemp("cached")
    env = dict(os.environ, ANALYSER_CACHE_DIR=str(folder / "cache"))
    env.pop("ANALYSER_READER", None)
    damaged, _ = _replay(4175, 3, folder)  # a page tree that lost a page: a damage warning
    odd = folder / "renamed \"copy\" \u00e9 \\ x.pdf"
    shutil.copyfile(FIXTURES / "icu_sample.pdf", odd)
    pdfs = [FIXTURES / "icu_sample.pdf", damaged, odd] + ([GPAI] if GPAI.exists() else [])
    for pdf in pdfs[:2] + pdfs[3:]:
        cold = _run(["extract", str(pdf)], env)
        assert cold.returncode == 0, cold.stderr
    return env, pdfs


def test_a_hit_prints_what_the_full_command_line_prints(warm, tmp_path):
    env, pdfs = warm
    for pdf in pdfs:
        for args in (["extract", str(pdf)], ["extract", "--format", "json", str(pdf)],
                     ["extract", str(pdf), "--format=json"]):
            fast, full = _run(args, env), _run(args, env, full=True)
            assert (fast.returncode, fast.stdout, fast.stderr) == (full.returncode, full.stdout, full.stderr), args
            assert fast.returncode == 0 and fast.stdout.startswith(b"{\n")
        out_fast, out_full = tmp_path / "fast.json", tmp_path / "full.json"
        for option in (["-o", str(out_fast)], [f"--output={out_fast}"], ["--output", str(out_fast)]):
            fast = _run(["extract", str(pdf), *option], env)
            full = _run(["extract", str(pdf), "-o", str(out_full)], env, full=True)
            assert (fast.returncode, fast.stdout, fast.stderr) == (full.returncode, full.stdout, full.stderr)
            assert out_fast.read_bytes() == out_full.read_bytes()
    damaged = _run(["extract", str(pdfs[1])], env)
    assert damaged.stderr.startswith(b"warning: ") and b"sign of damage" in damaged.stderr
    assert '"source_file": "renamed \\"copy\\" \u00e9 \\\\ x.pdf"'.encode() in _run(["extract", str(pdfs[2])], env).stdout


def test_a_hit_never_builds_the_parser(warm):
    """``-X importtime`` lists every module imported: a hit imports neither argparse nor the pipeline,
    a miss (another cache folder) imports both."""
    env, pdfs = warm
    hit = _run(["extract", str(pdfs[0]), "-o", os.devnull], env, extra=["-X", "importtime"])
    assert hit.returncode == 0 and b"argparse" not in hit.stderr and b"analyser.pipeline" not in hit.stderr
    assert b"analyser.cli_cached" in hit.stderr
    help_ = _run(["extract", "--help"], env, extra=["-X", "importtime"])
    assert help_.returncode == 0 and b"argparse" in help_.stderr


@pytest.mark.parametrize("args", [
    [], ["--help"], ["--version"], ["extract"], ["extract", "--help"], ["extract", "X.pdf", "--format", "md"],
    ["extract", "X.pdf", "--format=md"], ["extract", "X.pdf", "--no-cache"], ["extract", "X.pdf", "--reader", "pdfium"],
    ["extract", "X.pdf", "--profile", "icu"], ["extract", "X.pdf", "--lexicon", "l.toml"],
    ["extract", "X.pdf", "--max-pages", "3"], ["extract", "X.pdf", "-o"], ["extract", "X.pdf", "-o", ""],
    ["extract", "X.pdf", "-o", "-"], ["extract", "X.pdf", "-oout.json"], ["extract", "X.pdf", "-o=out.json"],
    ["extract", "X.pdf", "--out", "o.json"], ["extract", "X.pdf", "--form", "json"],
    ["extract", "X.pdf", "--format", "json", "--format", "json"], ["extract", "X.pdf", "-o", "a", "--output", "b"],
    ["extract", "X.pdf", "Y.pdf"], ["extract", "--", "X.pdf"], ["extract", "-X.pdf"], ["extract", " "],
    ["flags", "X.pdf"], ["overview", "X.pdf"], ["batch", "X"], ["Extract", "X.pdf"],
])
def test_every_other_invocation_is_left_to_argparse(args):
    from analyser import cli_cached

    assert cli_cached._request(args) is None


@pytest.mark.parametrize("args", [
    ["extract", "--format", "xml", "{pdf}"], ["extract", "{pdf}", "--format"], ["extract", "{pdf}", "Y.pdf"],
    ["extract", "{pdf}", "--bogus"], ["extract"], ["extract", "{pdf}", "-o"], ["extract", "{pdf}", "--max-pages", "0"],
])
def test_usage_errors_still_come_from_argparse_as_one_line(warm, args):
    env, pdfs = warm
    argv = [a.replace("{pdf}", str(pdfs[0])) for a in args]
    fast, full = _run(argv, env), _run(argv, env, full=True)
    assert fast.returncode == 2 and fast.stdout == b""
    assert fast.stderr.count(b"\n") == 1 and fast.stderr.startswith(b"error: ")
    assert (fast.returncode, fast.stdout, fast.stderr) == (full.returncode, full.stdout, full.stderr)


def test_help_is_argparse_help(warm):
    env, _ = warm
    for args in (["--help"], ["extract", "--help"]):
        fast, full = _run(args, env), _run(args, env, full=True)
        assert fast.returncode == 0 and b"usage: python -m analyser" in fast.stdout
        assert (fast.stdout, fast.stderr) == (full.stdout, full.stderr)


def test_a_miss_or_an_unopenable_output_falls_through_with_nothing_printed(warm, tmp_path, capsys, monkeypatch):
    from analyser import cli_cached

    env, pdfs = warm
    monkeypatch.setenv("ANALYSER_CACHE_DIR", env["ANALYSER_CACHE_DIR"])
    assert cli_cached.run(["extract", str(pdfs[1]), "-o", str(tmp_path)]) is None  # a folder: full path says so
    assert cli_cached.run(["extract", str(pdfs[0]), "-o", str(tmp_path / "no" / "x.json")]) is None
    assert cli_cached.run(["extract", str(tmp_path)]) is None  # a folder, not a PDF
    assert cli_cached.run(["extract", "icu-sample"]) is None  # a catalogue name: the full path resolves it
    assert capsys.readouterr() == ("", "")
    assert cli_cached.run(["extract", str(pdfs[0]), "-o", str(tmp_path / "x.json")]) == 0  # the same cache hits
    monkeypatch.setenv("ANALYSER_CACHE_DIR", str(tmp_path / "empty"))
    assert cli_cached.run(["extract", str(pdfs[0])]) is None  # no cache folder: the full path makes one
    monkeypatch.setenv("ANALYSER_READER", "pdfplumber")  # another key
    monkeypatch.setenv("ANALYSER_CACHE_DIR", env["ANALYSER_CACHE_DIR"])
    assert cli_cached.run(["extract", str(pdfs[0])]) is None
    assert capsys.readouterr() == ("", "")
    # an output that cannot be written is the full path's one line, exit 2
    for full in (False, True):
        failed = _run(["extract", str(pdfs[0]), "-o", str(tmp_path)], env, full=full)
        assert failed.returncode == 2 and failed.stderr.count(b"\n") == 1
        assert failed.stderr.startswith(f"error: {tmp_path.name}: cannot write the output".encode())


@pytest.mark.parametrize("env", [
    {}, {"XDG_CACHE_HOME": "/tmp/xdg-cache"}, {"XDG_CACHE_HOME": "relative/cache"}, {"XDG_CACHE_HOME": ""},
    {"HOME": "/home/someone/"}, {"HOME": "/"}, {"XDG_CACHE_HOME": "/tmp/x/", "HOME": "/h"},
])
def test_the_cache_folder_is_the_one_platformdirs_gives(env, monkeypatch):
    """Without ANALYSER_CACHE_DIR the fast path finds the cache where ``paths.cache_dir`` does (else it
    would miss, or read another cache), without importing platformdirs."""
    import platformdirs

    from analyser import cli_cached
    from analyser.paths import APP_NAME

    if sys.platform != "linux":
        pytest.skip("the fast path computes the folder on Linux only")
    monkeypatch.delenv("ANALYSER_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert cli_cached._cache_dir() == platformdirs.user_cache_dir(APP_NAME)
    monkeypatch.setenv("ANALYSER_CACHE_DIR", "/tmp/given")
    assert cli_cached._cache_dir() == "/tmp/given"


def test_the_head_is_renamed_as_plain_renames_it(warm):
    """``cli_cached.renamed`` (bytes, the C scanner and encoder) against ``plain.renamed`` (json) on every
    stored analysis, under names JSON must escape; and ``None`` wherever the pipeline would not write
    the stored text (it analyses again) or this could not be sure of the same result."""
    import sqlite3
    import zlib

    from analyser import cli_cached, plain

    env, _ = warm
    with sqlite3.connect(Path(env["ANALYSER_CACHE_DIR"]) / "analysis.sqlite") as conn:
        rows = [zlib.decompress(r[0]) for r in conn.execute("SELECT data FROM analysis")]
    assert len(rows) >= 2
    for data in rows:
        text = data.decode("utf-8")
        for name in ("a.pdf", 'q"uote\\ \u00e9\u2028.pdf', "tab\tnl\n\x01.pdf", "\U0001f600.pdf"):
            assert b"".join(cli_cached.renamed(data, name)) == plain.renamed(text, name).encode("utf-8"), name
        assert cli_cached.renamed(data, "bad \udcff.pdf") is None  # not text: the full path decides
        assert cli_cached.renamed(data[: len(data) // 2], "a.pdf") is None
    for text in ['{\n  "code": {"source_file": oops', '{\n  "code": {"source_file": "x.pdf"}\n}', "[1, 2]",
                 '{\n  "measures": [],\n  "code": ["x.pdf"]\n}', '{\n  "measures": [],\n  "code": {"source_file": \n}']:
        assert plain.renamed(text, "a.pdf") is None and cli_cached.renamed(text.encode(), "a.pdf") is None, text
    for text in ['{\n  "measures": [],\n  "code": {"title": "no name"}\n}',  # decodes: both name it
                 '{\n  "measures": [],\n  "code": {"source_file": "x.pdf" ,"n": {"source_file": 1}, "f": 1e400}\n}']:
        assert b"".join(cli_cached.renamed(text.encode(), "a.pdf")) == plain.renamed(text, "a.pdf").encode(), text


def test_the_encoder_is_plains():
    """``cli_cached._encoder`` is made with ``plain._COMPACT``'s settings, so the two encode alike."""
    from analyser import cli_cached, plain

    enc = plain._COMPACT
    assert (enc.ensure_ascii, enc.item_separator, enc.key_separator, enc.default, enc.indent, enc.sort_keys,
            enc.skipkeys, enc.allow_nan, enc.check_circular) == (False, ", ", ": ", str, None, False, False, True, True)
    value = {"a": [1, 2.5, None, True, float("nan"), "\u00e9\"\\\n"], "b": {"c": Path("x")}, 3: "k"}
    assert "".join(cli_cached._encoder()(value, 0)) == enc.encode(value)


def test_a_cache_of_another_schema_is_left_to_the_pipeline(warm, tmp_path, monkeypatch):
    """``cache._connect`` rebuilds a file whose ``user_version`` is not its schema's: the fast path reads
    no row from it (it would be a miss there too) and prints nothing."""
    import sqlite3

    from analyser import cli_cached

    env, pdfs = warm
    copy = tmp_path / "cache"
    shutil.copytree(env["ANALYSER_CACHE_DIR"], copy)
    monkeypatch.setenv("ANALYSER_CACHE_DIR", str(copy))
    assert cli_cached.run(["extract", str(pdfs[0]), "-o", os.devnull]) == 0
    with sqlite3.connect(copy / "analysis.sqlite") as conn:
        conn.execute("PRAGMA user_version = 7")
    assert cli_cached.run(["extract", str(pdfs[0]), "-o", os.devnull]) is None


def test_standard_output_in_another_encoding_is_left_to_the_full_path(warm):
    """Bytes are written as they are stored only where standard output is UTF-8; otherwise the full
    path writes the text through the stream's encoding (or reports what it cannot encode)."""
    env, pdfs = warm
    for encoding in ("latin-1", "ascii"):
        other = dict(env, PYTHONIOENCODING=encoding)
        fast, full = _run(["extract", str(pdfs[2])], other), _run(["extract", str(pdfs[2])], other, full=True)
        assert (fast.returncode, fast.stdout, fast.stderr) == (full.returncode, full.stdout, full.stderr), encoding
