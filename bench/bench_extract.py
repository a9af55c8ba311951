"""Benchmark: cold extraction against a plain pdfplumber ``extract_text`` loop, in one run.

For each PDF (the fixtures and the GPAI corpus document by default, or the paths given):

* ``plain``: ``for page in pdf.pages: page.extract_text()`` with pdfplumber;
* ``extract``: ``analyser.extract.extract_code`` (no cache: the whole structure, index table
  included);

alternated over several rounds, best of each reported, with their ratio (target <= 1.0), pages
per second, and peak memory of one extraction (tracemalloc, in a separate run so that it does not
slow the timed ones, and the maximum resident set size of a fresh process that only extracts).

    /work/venv/bin/python bench/bench_extract.py [--rounds 3] [PDF ...]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyser.extract import extract_code  # noqa: E402


def plain_loop(path: Path) -> int:
    import pdfplumber

    n = 0
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            n += len(page.extract_text() or "")
    return n


def timed(fn, *args) -> float:
    t0 = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t0


def peak_memory(path: Path) -> float:
    tracemalloc.start()
    extract_code(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def extraction_rss(path: Path) -> float:
    """Maximum resident set size (MB) of a fresh process that only extracts ``path``."""
    import subprocess

    # VmHWM, not ru_maxrss: the latter is inherited from the (larger) parent across fork + exec
    code = (
        "import re, sys; sys.path.insert(0, %r); from analyser.extract import extract_code; "
        "extract_code(%r); s = open('/proc/self/status').read(); "
        "print(int(re.search(r'VmHWM:\\s+(\\d+)', s).group(1)) / 1024)"
    ) % (str(ROOT), str(path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def default_pdfs() -> list[Path]:
    pdfs = sorted((ROOT / "tests" / "fixtures").rglob("*.pdf"))
    gpai = ROOT.parent / "shared" / "corpus" / "eu-gpai-safety-security.pdf"
    if gpai.exists():
        pdfs.append(gpai)
    return pdfs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    pdfs = args.pdfs or default_pdfs()
    print(f"{'document':<34} {'pages':>5} {'plain s':>8} {'extract s':>9} {'ratio':>6} {'pages/s':>8} {'peak MB':>8} {'RSS MB':>7} measures")
    ratios = []
    for path in pdfs:
        code = extract_code(path)  # warm imports and the OS file cache for both sides alike
        plain_loop(path)
        plains, extracts = [], []
        for _ in range(args.rounds):
            plains.append(timed(plain_loop, path))
            extracts.append(timed(extract_code, path))
        p, e = min(plains), min(extracts)
        ratios.append(e / p)
        peak = peak_memory(path)
        rss = extraction_rss(path)
        print(
            f"{path.name:<34} {code.info.page_count:>5} {p:>8.3f} {e:>9.3f} {e / p:>6.2f} "
            f"{code.info.page_count / e:>8.1f} {peak:>8.1f} {rss:>7.0f} {len(code.measures)}"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"ratio extract/plain: median {statistics.median(ratios):.2f}, worst {max(ratios):.2f} (target <= 1.0)")
    print("peak MB: tracemalloc peak of one extraction; RSS MB: max resident set of a process that only extracts")
    print(f"(this benchmark process, plain loops included, peaked at {rss:.0f} MB: pdfplumber keeps every page)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
