"""The long fuzz run: >= 1,000 mutated PDFs and >= 200 malformed TOML files and command lines.

    python bench/fuzz_long.py [--mutants 1000] [--options 150] [--toml 60] [--seed 1] [--out FILE]

Uses the same fuzzer as the suite's short run (tests/fuzz.py) and prints a Markdown summary for
bench/RESULTS.md: inputs, exits, time, and every input that broke the promise (none expected
for PDFs, lexicons, catalogues and options; service and code-profile files are reported too).
Each failing mutant is kept in the work folder, named by its seed, for replay.
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
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
os.environ.setdefault("ANALYSER_CACHE_DIR", tempfile.mkdtemp(prefix="fuzz-cache-"))
os.environ.setdefault("ANALYSER_DATA_DIR", tempfile.mkdtemp(prefix="fuzz-data-"))

from fuzz import LONG_RUN_SOURCES as SOURCES  # noqa: E402
from fuzz import PdfReport, fuzz_options, fuzz_pdfs, fuzz_toml  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mutants", type=int, default=1000)
    ap.add_argument("--options", type=int, default=150)
    ap.add_argument("--toml", type=int, default=60, help="files per kind (lexicon, catalogue, service, profile)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--budget", type=float, default=60.0, help="--max-seconds given to each mutant")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="fuzz-"))
    started = time.monotonic()
    report = PdfReport()
    rows: list = []
    small = SOURCES[1]
    # the TOML files and command lines first (quick), then the mutants; the summary is rewritten
    # after every step, so a run stopped early still leaves its figures
    t = time.monotonic()
    n, exits, failures = fuzz_options(small, args.options, args.seed, work)
    rows.append(("command lines", n, exits, failures, time.monotonic() - t))
    for kind in ("lexicon", "catalogue", "service", "profile"):
        t = time.monotonic()
        n, exits, fails = fuzz_toml(kind, args.toml, args.seed, work, small)
        rows.append((f"{kind} TOML", n, exits, fails, time.monotonic() - t))
        print(f"{kind}: {n} inputs, {len(fails)} failures", file=sys.stderr, flush=True)
        _summary(args, report, rows, 0.0, args.out)
    pdf_started = time.monotonic()
    batch = 25
    for k in range(0, args.mutants, batch):
        fuzz_pdfs(SOURCES, min(batch, args.mutants - k), args.seed * 1000 + k, work, args.budget, report)
        print(f"{report.mutants} mutants, {len(report.failures)} failures, {time.monotonic() - started:.0f} s",
              file=sys.stderr, flush=True)
        _summary(args, report, rows, time.monotonic() - pdf_started, args.out)
    print(_summary(args, report, rows, time.monotonic() - pdf_started, args.out))
    print(f"work folder: {work}", file=sys.stderr)
    return 0


def _summary(args, report: PdfReport, rows: list, pdf_seconds: float, out: Path | None) -> str:
    s = sorted(report.seconds) or [0.0]
    lines = [
        f"Fuzz run (seed {args.seed}, {time.strftime('%Y-%m-%d %H:%M')}): {report.mutants:,} PDF mutants of "
        f"{len(SOURCES)} sample PDFs in {pdf_seconds:.0f} s, each run as `extract --format json --no-cache "
        f"--max-seconds {args.budget:g}`.",
        "",
        "| inputs | count | exit 0 | exit 2 | other | failures | seconds |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        f"| PDF mutants | {report.mutants:,} | {report.exits.get(0, 0)} | {report.exits.get(2, 0)} | "
        f"{sum(v for k, v in report.exits.items() if k not in (0, 2))} | {len(report.failures)} | {pdf_seconds:.0f} |",
    ]
    for name, n, exits, fails, secs in rows:
        lines.append(f"| {name} | {n} | {exits.get(0, 0)} | {exits.get(2, 0)} | "
                     f"{sum(v for k, v in exits.items() if k not in (0, 2))} | {len(fails)} | {secs:.0f} |")
    lines += [
        "",
        f"PDF mutants by kind: {', '.join(f'{k} {v}' for k, v in sorted(report.kinds.items()))}. "
        f"Time per mutant: median {statistics.median(s):.2f} s, 99th percentile {s[int(0.99 * (len(s) - 1))]:.2f} s, "
        f"slowest {s[-1]:.2f} s (budget {args.budget:g} s). Mutants that exited 0 with measures or paragraphs "
        f"different from the original's: {report.damaged_ok}, of which with a warning: {report.damaged_ok_warned}. "
        f"Exit 0, same structure, paragraph text changed and no damage warning: {report.text_changed_unwarned}. "
        f"Structure changed with only routine warnings (none of severity damage): {report.damaged_ok_routine_only}.",
    ]
    if report.silent:
        lines += ["", "Silent changes (mutant files kept in the work folder):", ""] + [f"- {x}" for x in report.silent]
    failures = report.failures + [f for row in rows for f in row[3]]
    if failures:
        lines += ["", "Failures:", ""] + [f"- {f}" for f in failures[:60]]
    text = "\n".join(lines) + "\n"
    if out:
        out.write_text(text)
    return text


if __name__ == "__main__":
    raise SystemExit(main())
