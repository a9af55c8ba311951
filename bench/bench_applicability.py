"""Time the applicability stage on the ICU-like fixture, after extraction.

Prints: resolve_applicability over the whole code (parse every application text and reconcile
with the index), one `evaluate` (the `applies` command's work), the full archetype matrix, and
one what-if. Target (issue 4): full matrix and one `applies` under 100 ms after extraction.

Run: /work/venv/bin/python bench/bench_applicability.py [PDF]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("ANALYSER_CACHE_DIR", tempfile.mkdtemp(prefix="bench-cache-"))
os.environ.setdefault("ANALYSER_DATA_DIR", tempfile.mkdtemp(prefix="bench-data-"))


def _time(fn, repeat: int = 20) -> tuple[float, float]:
    """(median, worst) milliseconds over ``repeat`` runs."""
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t) * 1000)
    return statistics.median(runs), max(runs)


def main() -> None:
    import importlib

    from analyser import condition_tokens
    import networkx  # noqa: F401  (importing networkx is not part of a what-if)

    # the module, not the package's `evaluate` function of the same name
    ev = importlib.import_module("analyser.evaluate")
    from analyser.applicability import resolve_applicability
    from analyser.pipeline import load_code
    from analyser.service import archetypes_by_name, with_changes

    pdf = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "fixtures" / "icu_sample.pdf"
    code = load_code(pdf)  # extraction (and its cache) is not what is timed here
    arch = archetypes_by_name()
    social = arch["large-social-network"]
    social_e2ee = with_changes(social, add_features=["e2ee"])

    def resolve_cold() -> None:
        condition_tokens.LEXICONS.clear()
        ev.parsed_application.cache_clear()
        resolve_applicability(code)

    first = time.perf_counter()
    resolve_cold()
    first_ms = (time.perf_counter() - first) * 1000
    print(f"code: {pdf.name}, {len(code.measures)} measures, {len(arch)} archetypes")
    print(f"resolve_applicability, first call (lexicon built): {first_ms:8.2f} ms")
    print("resolve_applicability (median / worst of 20):     {:8.2f} / {:.2f} ms".format(*_time(lambda: resolve_applicability(code))))
    print("evaluate one profile ('applies'):                 {:8.2f} / {:.2f} ms".format(*_time(lambda: ev.evaluate(code, social))))
    print("full archetype matrix:                            {:8.2f} / {:.2f} ms".format(*_time(lambda: ev.matrix(code, arch))))
    print("what-if (large social network + E2EE):            {:8.2f} / {:.2f} ms".format(*_time(lambda: ev.whatif(code, social, social_e2ee))))
    print("target: matrix and one evaluate under 100 ms after extraction")


if __name__ == "__main__":
    main()
