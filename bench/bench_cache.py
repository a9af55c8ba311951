"""Benchmark: opening an already analysed code through the cache (target: under 50 ms).

    /work/venv/bin/python bench/bench_cache.py [PDF] [--runs N]

Uses a private, temporary cache folder so that it measures a cache this script filled, never a
user's. It analyses the PDF once (cold, filling the cache), then times ``load_code`` again N
times, and splits one warm open into its parts (PDF check + sha256, SQLite read + decompress +
JSON, ``Code.from_dict``) so that a slow open shows where the time goes.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import zlib
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 50.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", nargs="?", default=str(ROOT / "tests" / "fixtures" / "icu_sample.pdf"))
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)
    pdf = Path(args.pdf)
    if not pdf.exists():
        print(f"bench_cache: {pdf} not found (the fixture generator makes it)", file=sys.stderr)
        return 2

    os.environ["ANALYSER_CACHE_DIR"] = tempfile.mkdtemp(prefix="bench-cache-")
    sys.path.insert(0, str(ROOT))
    from analyser import __version__, cache
    from analyser.models import Code
    from analyser.pdfcheck import check_pdf
    from analyser.pipeline import load_code, sha256_of

    t0 = time.perf_counter()
    code = load_code(pdf)
    cold_ms = (time.perf_counter() - t0) * 1000

    warm = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        again = load_code(pdf)
        warm.append((time.perf_counter() - t0) * 1000)
    if again != code:
        print("bench_cache: the cached Code differs from the fresh one", file=sys.stderr)
        return 1

    # One warm open, part by part.
    t0 = time.perf_counter()
    check_pdf(pdf)
    digest = sha256_of(pdf)
    t1 = time.perf_counter()
    key_extra = "profile=auto;lexicon=default"
    with closing(cache._connect()) as conn:  # noqa: SLF001 - timing the read on its own
        (blob,) = conn.execute(
            "SELECT data FROM analysis WHERE sha256 = ? AND version = ? AND extra = ?",
            (digest, __version__, key_extra),
        ).fetchone()
    data = json.loads(zlib.decompress(blob))
    t2 = time.perf_counter()
    Code.from_dict(data)
    t3 = time.perf_counter()

    median = statistics.median(warm)
    paragraphs = sum(len(m.paragraphs) for m in code.measures)
    print(f"PDF: {pdf.name} ({pdf.stat().st_size:,} bytes, {code.info.page_count} pages, "
          f"{len(code.measures)} measures, {paragraphs} paragraphs)")
    print(f"cached entry: {len(blob):,} bytes compressed, {len(zlib.decompress(blob)):,} bytes JSON")
    print(f"cold load_code (analysis + cache write): {cold_ms:.0f} ms")
    print(f"warm load_code over {args.runs} runs: median {median:.1f} ms, "
          f"min {min(warm):.1f} ms, max {max(warm):.1f} ms")
    print(f"  of which: check_pdf + sha256 {1000 * (t1 - t0):.1f} ms, "
          f"SQLite read + zlib + JSON {1000 * (t2 - t1):.1f} ms, Code.from_dict {1000 * (t3 - t2):.1f} ms")
    verdict = "PASS" if median < TARGET_MS else "FAIL"
    print(f"target: cached open < {TARGET_MS:.0f} ms -> {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
