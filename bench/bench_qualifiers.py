"""Benchmark of the qualifier pass: words per second, and its cost relative to cold extraction.

Target (issue 3): flagging adds less than 25% to the cold extraction time of the same PDF.

    /work/venv/bin/python bench/bench_qualifiers.py [PDF] [--repeat N] [--eval]

The PDF (default: tests/fixtures/icu_sample.pdf) is extracted with ``extract_code`` (no cache),
then flagged: first with the trained pipeline, timing the one-off model load separately, then
repeatedly with the trained pipeline and with ``spacy.blank("en")``. Wall-clock and CPU seconds are
both printed, because the CPU figure is steadier on a shared machine. ``--eval`` also prints the
per-category precision and recall on tests/data/qualifier_eval.toml.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _timed(fn):
    w0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - w0, time.process_time() - c0


def _median_times(fn, repeat: int) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(repeat):
        _, w, c = _timed(fn)
        walls.append(w)
        cpus.append(c)
    return statistics.median(walls), statistics.median(cpus)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdf", nargs="?", default=str(ROOT / "tests" / "fixtures" / "icu_sample.pdf"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--eval", action="store_true", help="also print the evaluation-set scores")
    args = ap.parse_args(argv)

    import spacy

    from analyser.extract import extract_code
    from analyser.nlp import load_pipeline, trained_pipeline_name
    from analyser.qualifiers import flag_qualifiers

    pdf = Path(args.pdf)
    code, extract_wall, extract_cpu = _timed(lambda: extract_code(pdf))
    extract_med_wall, extract_med_cpu = _median_times(lambda: extract_code(pdf), max(1, args.repeat // 2))
    words = sum(len(p.text.split()) for m in code.measures for p in m.paragraphs)
    pages = code.info.page_count

    _, load_wall, load_cpu = _timed(lambda: load_pipeline(trained=True))
    flags, first_wall, first_cpu = _timed(lambda: flag_qualifiers(code))
    warm_wall, warm_cpu = _median_times(lambda: flag_qualifiers(code), args.repeat)
    blank = spacy.blank("en")
    flag_qualifiers(code, nlp=blank)  # compile the matchers for this vocabulary once
    blank_wall, blank_cpu = _median_times(lambda: flag_qualifiers(code, nlp=blank), args.repeat)
    flag_qualifiers(code)  # leave the code flagged by the default pipeline

    trained = trained_pipeline_name() or "none installed (blank fallback)"
    print(f"PDF: {pdf.name}, {pages} pages, {len(code.measures)} measures, {words} words of paragraph text")
    print(f"trained pipeline: {trained}; qualifiers flagged: {len(flags)}")
    print()
    print("| step | wall s | CPU s | words/s (wall) |")
    print("| --- | --- | --- | --- |")
    print(f"| extract_code, first call in process (cold, no cache) | {extract_wall:.3f} | {extract_cpu:.3f} | |")
    print(f"| extract_code, median of {max(1, args.repeat // 2)} more | {extract_med_wall:.3f} | {extract_med_cpu:.3f} | |")
    print(f"| load trained pipeline (once per process) | {load_wall:.3f} | {load_cpu:.3f} | |")
    print(f"| flag, first call (matcher compile) | {first_wall:.3f} | {first_cpu:.3f} | {words / first_wall:,.0f} |")
    print(f"| flag, trained pipeline, median of {args.repeat} | {warm_wall:.3f} | {warm_cpu:.3f} | {words / warm_wall:,.0f} |")
    print(f"| flag, spacy.blank('en'), median of {args.repeat} | {blank_wall:.3f} | {blank_cpu:.3f} | {words / blank_wall:,.0f} |")
    print()
    print("ratio flagging / cold extraction (target < 0.25):")
    print(f"  trained, warm pipeline:          {warm_wall / extract_wall:.2f} (CPU {warm_cpu / extract_cpu:.2f})")
    print(f"  blank pipeline:                  {blank_wall / extract_wall:.2f} (CPU {blank_cpu / extract_cpu:.2f})")
    once = load_wall + first_wall
    print(f"  trained, incl. one-off load:     {once / extract_wall:.2f} (CPU {(load_cpu + first_cpu) / extract_cpu:.2f})")

    if args.eval:
        spec = importlib.util.spec_from_file_location("tq", ROOT / "tests" / "test_qualifiers.py")
        tq = importlib.util.module_from_spec(spec)
        sys.path.insert(0, str(ROOT / "tests"))
        spec.loader.exec_module(tq)
        from analyser.qualifiers import scan_texts

        entries = tq.load_eval_set()
        for kind, nlp in (("trained", load_pipeline(trained=True)), ("blank", blank)):
            text, _, _ = tq.format_scores(tq.score(entries, scan_texts([e["text"] for e in entries], nlp=nlp)))
            print(f"\nevaluation set ({len(entries)} sentences), {kind} pipeline:\n{text}")


if __name__ == "__main__":
    main()
