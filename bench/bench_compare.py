"""Benchmark: a full comparison of two editions after both are extracted (issue 6; target < 1 s).

Usage: ``python bench/bench_compare.py [OLD.pdf NEW.pdf] [--repeat N]``; defaults to the two ICU-like
fixture editions. Extraction is timed separately (and cached by ``load_code`` as in the app), then
``compare`` (measure matching, paragraph and qualifier diffs, and every built-in archetype evaluated
on both editions) is timed N times; the renderers are timed once each. Prints the figures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_S = 1.0


def _shift_numbers(code):
    """A copy of ``code`` with every measure renumbered one up within its chapter (C1 → C2, ...)."""
    import copy
    import re

    shifted = copy.deepcopy(code)
    shifted.info.sha256 = "0" * 64
    for m in shifted.measures:
        match = re.fullmatch(r"([A-Z]+)(\d+)", m.number)
        if not match:
            continue
        new_number = f"{match[1]}{int(match[2]) + 1}"
        for p in m.paragraphs:
            if p.number.startswith(m.number):
                p.number = new_number + p.number[len(m.number):]
        for q in m.qualifiers:
            if q.paragraph.startswith(m.number):
                q.paragraph = new_number + q.paragraph[len(m.number):]
        m.id = m.id[: -len(m.number)] + new_number
        m.number = new_number
    return shifted


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    pdfs = args.pdfs or [ROOT / "tests/fixtures/icu_sample.pdf", ROOT / "tests/fixtures/icu_sample_v2.pdf"]
    if len(pdfs) != 2 or not all(p.exists() for p in pdfs):
        print(f"need two PDFs; missing: {[str(p) for p in pdfs if not p.exists()]}", file=sys.stderr)
        return 2
    # A private cache, so the figures are the same on every machine and no user cache is touched.
    tmp = tempfile.mkdtemp(prefix="bench-compare-")
    os.environ.setdefault("ANALYSER_CACHE_DIR", str(Path(tmp) / "cache"))
    os.environ.setdefault("ANALYSER_DATA_DIR", str(Path(tmp) / "data"))

    from analyser import compare_render
    from analyser.compare import compare
    from analyser.pipeline import load_code

    t0 = time.perf_counter()
    old = load_code(pdfs[0])
    t1 = time.perf_counter()
    new = load_code(pdfs[1])
    t2 = time.perf_counter()
    print(f"extract+analyse {pdfs[0].name}: {t1 - t0:.2f} s ({len(old.measures)} measures)")
    print(f"extract+analyse {pdfs[1].name}: {t2 - t1:.2f} s ({len(new.measures)} measures)")

    try:
        from analyser.service import load_archetypes

        archetypes = load_archetypes()
        n_arch = len(archetypes)
    except ImportError:
        archetypes, n_arch = [], 0
        print("(analyser.service not available: comparison without archetype evaluation)")

    times = []
    cmp = None
    for _ in range(max(1, args.repeat)):
        s = time.perf_counter()
        cmp = compare(old, new, archetypes=archetypes)
        times.append(time.perf_counter() - s)
    assert cmp is not None
    med = statistics.median(times)
    print(
        f"compare (matching, paragraph/qualifier diffs, {n_arch} archetypes x 2 editions): "
        f"median {med * 1000:.1f} ms, min {min(times) * 1000:.1f} ms over {len(times)} runs "
        f"(target < {TARGET_S * 1000:.0f} ms: {'met' if med < TARGET_S else 'NOT met'})"
    )
    print(f"findings: {cmp.counts()}")
    s = time.perf_counter()
    archetype_free = compare(old, new, archetypes=[])
    print(f"compare without archetypes: {(time.perf_counter() - s) * 1000:.1f} ms ({archetype_free.counts()['changed']} changed)")

    # Worst case for the matcher: every measure renumbered (each number in its chapter shifted by one),
    # so no ID match can be trusted and every measure is paired by similarity.
    shifted = _shift_numbers(new)
    s = time.perf_counter()
    worst = compare(old, shifted, archetypes=[])
    print(
        f"worst case, every measure renumbered: {(time.perf_counter() - s) * 1000:.1f} ms "
        f"({worst.counts()['renumbered']} renumbered, {worst.counts()['added']} added, {worst.counts()['removed']} removed)"
    )

    for name, fn in (
        ("to_json", lambda: compare_render.to_json(cmp)),
        ("to_markdown", lambda: compare_render.to_markdown(cmp)),
        ("to_html", lambda: compare_render.to_html(cmp)),
        ("to_docx", lambda: compare_render.to_docx(cmp, Path(tmp) / "cmp.docx")),
    ):
        s = time.perf_counter()
        fn()
        print(f"{name}: {(time.perf_counter() - s) * 1000:.1f} ms")
    return 0 if med < TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
