"""``python -m analyser batch DIR|CATALOGUE``: a regulator's library analysed on every core.

Each document is analysed by ``analyse_one`` in a worker process (``concurrent.futures`` process
pool, ``--jobs`` workers, spawned so that no thread of the parent is forked): the whole analysis,
through the cache, so a batch that was stopped picks up where it left off and a second run is a
series of cached opens. ``analyse_one`` never raises: a bad PDF becomes a row with status "error"
and its one-line cause, and the batch goes on. The parent shows one progress bar (rich, on
standard error), lists the failures at the end, and writes one summary (JSON or CSV).

``analyse_one`` is the unit of work a cluster engine would map over a list of object-storage
paths (see docs/scaling.md); nothing here schedules more than one machine.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

RISKS = ("high", "medium", "low", "none")


@dataclass
class DocumentResult:
    """One summary row: what a batch learnt about one document."""

    file: str
    status: str  # "ok" or "error"
    error: str = ""  # the one-line cause when status is "error"
    profile: str = ""
    pages: int = 0
    measures: int = 0
    paragraphs: int = 0
    qualifiers: int = 0
    loophole_risk: dict[str, int] = field(default_factory=dict)  # measures per level
    warnings: int = 0
    seconds: float = 0.0
    worker_peak_mb: float = 0.0  # the worker process's peak resident memory so far (ru_maxrss)


def analyse_one(path: str, reader: str | None = None, use_cache: bool = True,
                profile: str | None = None) -> DocumentResult:
    """The whole analysis of one PDF as a summary row; never raises (a failure is a row)."""
    from .errors import AnalyserError
    from .pipeline import load_code

    start = time.perf_counter()
    try:
        code = load_code(path, profile=profile, use_cache=use_cache, reader=reader)
    except AnalyserError as err:
        return DocumentResult(path, "error", _one_line(str(err)), seconds=time.perf_counter() - start)
    except Exception as err:  # a bug or a PDF no check foresaw: reported, and the batch goes on
        return DocumentResult(path, "error", _one_line(f"{Path(path).name}: {type(err).__name__}: {err}"),
                              seconds=time.perf_counter() - start)
    risks = Counter(m.qualifier_summary.loophole_risk for m in code.measures if m.qualifier_summary)
    import resource

    return DocumentResult(
        file=path,
        status="ok",
        profile=code.info.profile,
        pages=code.info.page_count,
        measures=len(code.measures),
        paragraphs=sum(len(m.paragraphs) for m in code.measures),
        qualifiers=sum(len(m.qualifiers) for m in code.measures),
        loophole_risk={level: risks.get(level, 0) for level in RISKS},
        warnings=len(code.warnings) + sum(len(m.warnings) for m in code.measures),
        seconds=time.perf_counter() - start,
        worker_peak_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())[:300]


def collect(source: str) -> list[Path]:
    """The PDFs of a folder (recursively, in name order), or the catalogue's documents on this
    machine when ``source`` is "catalogue" or a catalogue TOML file."""
    path = Path(source)
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file())
    from .catalogue import available_documents, load_catalogue
    from .errors import AnalyserError

    if source == "catalogue" or (path.is_file() and path.suffix.lower() == ".toml"):
        catalogue = load_catalogue(path if path.is_file() else None)
        return [Path(doc.path) for doc in available_documents(catalogue)]
    raise AnalyserError(source, "not a folder of PDFs, nor 'catalogue', nor a catalogue TOML file")


def _worker_init() -> None:
    # a worker lives for the whole batch: its long-lived objects (spaCy's vocabulary, the model)
    # need not be walked by every collection
    gc.set_threshold(50_000, 20, 20)


def run(paths: list[Path], jobs: int = 1, reader: str | None = None, use_cache: bool = True,
        profile: str | None = None, show_progress: bool = True) -> list[DocumentResult]:
    """Analyse ``paths`` with ``jobs`` worker processes; results in the order of ``paths``."""
    # imported here, not at the top: the CLI imports this module to register the subcommand, and
    # the process pool machinery costs more than a whole cached open of a code
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    results: dict[int, DocumentResult] = {}
    columns = (TextColumn("[bold]analysing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("{task.fields[last]}"))
    with ProcessPoolExecutor(max_workers=max(1, jobs), mp_context=multiprocessing.get_context("spawn"),
                             initializer=_worker_init) as pool, \
            Progress(*columns, disable=not show_progress, transient=False,
                     console=_stderr_console()) as bar:
        task = bar.add_task("batch", total=len(paths), last="")
        futures = {pool.submit(analyse_one, str(p), reader, use_cache, profile): i for i, p in enumerate(paths)}
        for fut in as_completed(futures):
            i = futures[fut]
            try:
                results[i] = fut.result()
            except Exception as err:  # the worker itself died (killed, out of memory)
                results[i] = DocumentResult(str(paths[i]), "error", _one_line(f"worker failed: {type(err).__name__}: {err}"))
            bar.update(task, advance=1, last=Path(results[i].file).name)
    return [results[i] for i in range(len(paths))]


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


def to_json(results: list[DocumentResult]) -> str:
    ok = [r for r in results if r.status == "ok"]
    summary = {
        "documents": len(results),
        "ok": len(ok),
        "errors": len(results) - len(ok),
        "pages": sum(r.pages for r in ok),
        "measures": sum(r.measures for r in ok),
        "loophole_risk": {level: sum(r.loophole_risk.get(level, 0) for r in ok) for level in RISKS},
        "results": [asdict(r) for r in results],
    }
    return json.dumps(summary, indent=2, ensure_ascii=False) + "\n"


def to_csv(results: list[DocumentResult]) -> str:
    import csv
    import io

    buf = io.StringIO()
    fields = ["file", "status", "error", "profile", "pages", "measures", "paragraphs", "qualifiers",
              *(f"risk_{level}" for level in RISKS), "warnings", "seconds", "worker_peak_mb"]
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for r in results:
        row = asdict(r)
        risks = row.pop("loophole_risk")
        row.update({f"risk_{level}": risks.get(level, "") for level in RISKS})
        row["seconds"] = round(r.seconds, 3)
        writer.writerow(row)
    return buf.getvalue()


def command(args) -> int:
    """The ``batch`` subcommand: exit status 0 when every document was analysed, 2 when any failed."""
    paths = collect(args.source)
    jobs = args.jobs or os.cpu_count() or 1
    results = run(paths, jobs=jobs, reader=args.reader, use_cache=not args.no_cache, profile=args.profile,
                  show_progress=not args.quiet)
    text = to_csv(results) if args.format == "csv" else to_json(results)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    failed = [r for r in results if r.status != "ok"]
    ok = len(results) - len(failed)
    print(f"{ok} of {len(results)} documents analysed" + (f", {len(failed)} failed:" if failed else ""),
          file=sys.stderr)
    for r in failed:
        print(f"  {r.error}", file=sys.stderr)
    return 2 if failed else 0


def add_parser(sub) -> None:
    """Register ``batch`` on the CLI's subparsers."""
    p = sub.add_parser("batch", help="analyse every PDF of a folder (or the local catalogue) on all cores")
    p.add_argument("source", help="a folder of PDFs, 'catalogue', or a catalogue TOML file")
    p.add_argument("--jobs", type=int, default=0, help="worker processes (default: one per core)")
    p.add_argument("--format", choices=["json", "csv"], default="json")
    p.add_argument("-o", "--output", help="write the summary to this file instead of standard output")
    p.add_argument("--no-cache", action="store_true", help="analyse again, ignoring the cache")
    p.add_argument("--reader", choices=["pdfium", "pdfplumber"], help="where characters come from")
    p.add_argument("--profile", help="force one code profile for every document")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=command)
