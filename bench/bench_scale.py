"""Benchmark for issue 13 (speed and scale): whole cold analyses, one process each, in one run.

For each document, interleaved over ``--rounds`` rounds (median reported), each a fresh process:

* ``analyse``: ``python -m analyser extract PDF --no-cache --format json -o /dev/null`` (the whole
  analysis, as a user waits for it: imports, spaCy, extraction, qualifiers, applicability, JSON);
* ``analyse-ref``: the same with ``--reader pdfplumber`` (the reference character reader);
* ``plain``: ``for page in pdf.pages: page.extract_text()`` with pdfplumber (import included);
* ``pdfium``: ``pypdfium2`` text extraction of every page (import included).

Then the cached open (``extract --format json`` on a warm cache) against a bare ``import analyser``,
and a batch of several codes with ``--jobs 1`` and ``--jobs 2`` (pages per second, peak RSS per
worker). Every figure is whole-process wall time (``time.perf_counter`` around ``subprocess.run``);
peak memory is ``ru_maxrss`` of the children.

The analyser's modules are compiled to bytecode once before timing (``PYTHONPYCACHEPREFIX`` in a
temporary folder; this machine sets ``PYTHONDONTWRITEBYTECODE``), as a user's install would have them.

    python bench/bench_scale.py --rounds 5 [--scaled 1,5,20,50] [--corpus] [PDF ...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
SAMPLE = ROOT / "tests" / "fixtures" / "icu_sample.pdf"
GPAI = ROOT.parent / "shared" / "corpus" / "eu-gpai-safety-security.pdf"

PLAIN = "import pdfplumber,sys\nwith pdfplumber.open(sys.argv[1]) as pdf:\n    [p.extract_text() for p in pdf.pages]"
PDFIUM = ("import pypdfium2,sys\ndoc=pypdfium2.PdfDocument(sys.argv[1])\n"
          "for p in doc:\n    p.get_textpage().get_text_bounded()")


def _env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    env["ANALYSER_CACHE_DIR"] = str(tmp / "cache")
    env["PYTHONPATH"] = str(ROOT)
    env.pop("ANALYSER_READER", None)
    return env


def _run(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    took = time.perf_counter() - start
    if proc.returncode not in (0, 2):
        raise RuntimeError(f"{cmd}: exit {proc.returncode}: {proc.stderr[-500:]}")
    return took


def commands(pdf: Path) -> dict[str, list[str]]:
    return {
        "analyse": [PY, "-m", "analyser", "extract", str(pdf), "--no-cache", "--format", "json", "-o", os.devnull],
        "analyse-ref": [PY, "-m", "analyser", "extract", str(pdf), "--no-cache", "--format", "json", "-o",
                        os.devnull, "--reader", "pdfplumber"],
        "plain": [PY, "-c", PLAIN, str(pdf)],
        "pdfium": [PY, "-c", PDFIUM, str(pdf)],
    }


def cold(pdfs: list[Path], rounds: int, env: dict[str, str], skip_ref: bool) -> None:
    print("| document | pages | analyse s | analyse-ref s | plain s | pdfium s | analyse/plain | analyse/pdfium | ref/plain |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for pdf in pdfs:
        import pypdfium2

        pages = len(pypdfium2.PdfDocument(str(pdf)))
        cmds = commands(pdf)
        if skip_ref:
            cmds.pop("analyse-ref")
        times: dict[str, list[float]] = {k: [] for k in cmds}
        for _ in range(rounds):
            for name, cmd in cmds.items():  # interleaved: each round runs every side once
                times[name].append(_run(cmd, env))
        med = {k: statistics.median(v) for k, v in times.items()}
        ref = med.get("analyse-ref")
        ref_s = "" if ref is None else f"{ref:.2f}"
        ref_ratio = "" if ref is None else f"{ref / med['plain']:.2f}"
        print(f"| {pdf.name} | {pages} | {med['analyse']:.2f} | {ref_s} | {med['plain']:.2f} | {med['pdfium']:.2f} | "
              f"**{med['analyse'] / med['plain']:.2f}** | {med['analyse'] / med['pdfium']:.1f} | {ref_ratio} |",
              flush=True)


def cached(pdf: Path, rounds: int, env: dict[str, str]) -> None:
    warm = [PY, "-m", "analyser", "extract", str(pdf), "--format", "json", "-o", os.devnull]
    _run(warm, env)  # fills the cache
    bare = [PY, "-c", "import analyser"]
    a, b = [], []
    for _ in range(rounds):
        a.append(_run(warm, env))
        b.append(_run(bare, env))
    print(f"| {pdf.name} | cached open {statistics.median(a):.3f} s | bare import {statistics.median(b):.3f} s | "
          f"ratio **{statistics.median(a) / statistics.median(b):.2f}** |", flush=True)


def batch(folder: Path, jobs: int, env: dict[str, str]) -> None:
    import json

    import pypdfium2

    pages = sum(len(pypdfium2.PdfDocument(str(p))) for p in folder.glob("*.pdf"))
    out = Path(env["ANALYSER_CACHE_DIR"]).parent / f"batch-{jobs}.json"
    took = _run([PY, "-m", "analyser", "batch", str(folder), "--jobs", str(jobs), "--no-cache", "-q",
                 "-o", str(out)], env)
    rows = json.loads(out.read_text())["results"]
    peak = max(r["worker_peak_mb"] for r in rows)
    errors = sum(r["status"] != "ok" for r in rows)
    print(f"| --jobs {jobs} | {len(rows)} codes, {pages} pages | {took:.1f} s | **{pages / took:.1f} pages/s** | "
          f"peak RSS of a worker {peak:.0f} MB | {errors} errors |", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--scaled", default="", help="comma-separated multiples of the sample to draw and time")
    ap.add_argument("--corpus", action="store_true", help="every fixture PDF and the GPAI chapter")
    ap.add_argument("--no-ref", action="store_true", help="leave out the --reader pdfplumber runs")
    ap.add_argument("--batch", default="", help="folder of PDFs for the batch throughput (jobs 1 and 2)")
    ap.add_argument("--cached", action="store_true")
    args = ap.parse_args(argv)
    print(f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average {os.getloadavg()[0]:.1f}, "
          f"{os.cpu_count()} cores, rounds {args.rounds}", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp_name:
        tmp = Path(tmp_name)
        env = _env(tmp)
        subprocess.run([PY, "-c", "import compileall,sys; compileall.compile_dir(sys.argv[1], quiet=1)",
                        str(ROOT / "analyser")], env=env, check=True)
        pdfs = list(args.pdfs) or [SAMPLE] + ([GPAI] if GPAI.exists() else [])
        if args.corpus:
            pdfs = sorted((ROOT / "tests" / "fixtures").rglob("*.pdf")) + ([GPAI] if GPAI.exists() else [])
        if args.scaled:
            sys.path.insert(0, str(ROOT / "bench"))
            from make_scaled import make_scaled

            for k in (int(x) for x in args.scaled.split(",")):
                out = tmp / f"icu_x{k}.pdf"
                make_scaled(k, out)
                pdfs.append(out)
        cold(pdfs, args.rounds, env, args.no_ref)
        if args.cached:
            for pdf in pdfs:
                cached(pdf, args.rounds, env)
        if args.batch:
            for jobs in (1, 2):
                batch(Path(args.batch), jobs, env)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
