"""Benchmark: cold extraction against a plain pdfplumber ``extract_text`` loop, in one run.

For each PDF (the fixtures and the GPAI corpus document by default, or the paths given):

* ``plain``: ``for page in pdf.pages: page.extract_text()`` with pdfplumber;
* ``extract``: ``analyser.extract.extract_code`` (no cache: the whole structure, index table
  included);

alternated over several rounds, best of each reported, with their ratio (target <= 1.0), pages
per second, and peak memory of one extraction (tracemalloc, in a separate run so that it does not
slow the timed ones), plus the process's maximum resident set size.

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


def default_pdfs() -> list[Path]:
    pdfs = sorted((ROOT / "tests" / "fixtures").glob("*.pdf"))
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
    print(f"{'document':<34} {'pages':>5} {'plain s':>8} {'extract s':>9} {'ratio':>6} {'pages/s':>8} {'peak MB':>8} measures")
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
        print(
            f"{path.name:<34} {code.info.page_count:>5} {p:>8.3f} {e:>9.3f} {e / p:>6.2f} "
            f"{code.info.page_count / e:>8.1f} {peak:>8.1f} {len(code.measures)}"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"ratio extract/plain: median {statistics.median(ratios):.2f}, worst {max(ratios):.2f} (target <= 1.0)")
    print(f"max resident set size of this process: {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
