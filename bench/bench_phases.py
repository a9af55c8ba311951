"""In-process CPU of each phase of one serial cold analysis, this tree against another, interleaved.

Why: a batch worker does the whole analysis in one process, serially (no overlap); which phase a
change moved is seen here, without the process start, the pool and the other side of the machine.
Each round runs each tree in a fresh process (``PYTHONPATH`` = the tree, the batch worker's garbage
collector setting), alternating; each process times with ``time.process_time``: importing the
extraction and applicability, importing spaCy and loading the model, ``check_input`` +
``extract_code``, ``flag_qualifiers``, ``resolve_applicability``, the JSON text. Medians over the rounds.

    python bench/bench_phases.py --baseline /tmp/before --rounds 5 PDF
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_WORKER = """
import gc, json, resource, sys, time
gc.set_threshold(50_000, 20, 20)  # as analyser.batch's workers
pt = time.process_time
t0 = pt()
from analyser.extraction.checked_input import check_input
from analyser.extract import extract_code
from analyser.applicability import resolve_applicability
from analyser.plain import dumps_readable
t1 = pt()
from analyser.qualifiers import flag_qualifiers
from analyser.nlp import load_pipeline
load_pipeline(True)
t2 = pt()
code = extract_code(check_input(sys.argv[1]))
t3 = pt()
flag_qualifiers(code)
t4 = pt()
resolve_applicability(code)
t5 = pt()
dumps_readable(code.to_dict())
t6 = pt()
print(json.dumps({"imports": t1 - t0, "spacy": t2 - t1, "extract": t3 - t2, "qualifiers": t4 - t3,
                  "applicability": t5 - t4, "json": t6 - t5, "total": t6 - t0, "pages": code.info.page_count,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

PHASES = ("imports", "spacy", "extract", "qualifiers", "applicability", "json", "total")


def run(tree: Path, pdf: Path) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(tree), ANALYSER_OVERLAP="0")
    env.pop("ANALYSER_READER", None)
    out = subprocess.run([sys.executable, "-c", _WORKER, str(pdf)], env=env, cwd=tree, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pdf", type=Path)
    ap.add_argument("--baseline", type=Path, required=True, help="the other tree (its analyser/ package)")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args(argv)
    trees = {"this tree": ROOT, "baseline": args.baseline.resolve()}
    got: dict[str, list[dict[str, float]]] = {k: [] for k in trees}
    print(f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {args.pdf.name}, rounds {args.rounds}", flush=True)
    for r in range(args.rounds):
        for label, tree in (trees.items() if r % 2 == 0 else reversed(trees.items())):
            load = os.getloadavg()[0]
            res = run(tree, args.pdf.resolve())
            got[label].append(res)
            print(f"round {r + 1} {label}: " + ", ".join(f"{k} {res[k]:.2f}" for k in PHASES)
                  + f" | load {load:.1f} -> {os.getloadavg()[0]:.1f}", flush=True)
    print("\n| tree | " + " | ".join(f"{k} s" for k in PHASES) + " | pages per CPU-second | peak RSS |")
    print("|" + " --- |" * (len(PHASES) + 3))
    for label, rs in got.items():
        med = {k: statistics.median(x[k] for x in rs) for k in PHASES}
        pages = rs[0]["pages"]
        print(f"| {label} | " + " | ".join(f"{med[k]:.2f}" for k in PHASES)
              + f" | {pages / med['total']:.1f} | {max(x['peak_mb'] for x in rs):.0f} MB |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
