"""Benchmark for issue 13 (speed and scale): whole cold analyses, one process each, in one run.

For each document, interleaved over ``--rounds`` rounds (median reported), each a fresh process:

* ``analyse``: ``python -m analyser extract PDF --no-cache --format json -o /dev/null`` (the whole
  analysis, as a user waits for it: imports, spaCy, extraction, qualifiers, applicability, JSON);
* ``analyse-ref``: the same with ``--reader pdfplumber`` (the reference character reader);
* ``serial`` (``--serial``): ``analyse`` with ``ANALYSER_OVERLAP=0``: no reading of the PDF in a forked
  process while spaCy loads (``analyser/overlap.py``), so what one core does;
* ``baseline`` (``--baseline DIR``): ``analyse`` with the analyser package of another tree (a worktree
  of main, say), for a before/after pair measured in the same run;
* ``plain``: ``for page in pdf.pages: page.extract_text()`` with pdfplumber (import included);
* ``floor`` and ``spacy-load`` (``--floor``): no PDF at all, only what every cold analysis must do
  before it can flag a qualifier: ``floor`` imports spaCy and loads the trained pipeline the
  analyser's way (``analyser.nlp.load_pipeline``: the light import, the ruler's index, the BLAS
  switch), ``spacy-load`` the plain way (``import spacy; spacy.load(name)``). Their ratio to
  ``plain`` is the least any analysis with spaCy in its process can reach on that document;
* ``pdfium``: ``pypdfium2`` text extraction of every page (import included).

Each side's median wall time is given with its median CPU time (user + system, of the process and
every process it waited for), and each analysis side's ratio to ``plain`` both ways: on a shared
machine the wall ratio carries the load of the moment, the CPU ratio much less of it (but the overlap
saves wall time only, spending a little more CPU).

Then the cached open (``extract --format json`` on a warm cache) against a bare ``import analyser``,
and a batch of several codes with ``--jobs 1`` and ``--jobs 2`` (pages per second, peak RSS per
worker; with ``--baseline``, the other tree's batch alternates with this one's, ``--batch-rounds``
times, for each of ``--batch-jobs``; the medians per side follow the rounds). Every figure is
whole-process wall time (``time.perf_counter`` around ``subprocess.run``); peak memory is
``ru_maxrss`` of the children.

The analyser's modules are compiled to bytecode once before timing (``PYTHONPYCACHEPREFIX`` in a
temporary folder; this machine sets ``PYTHONDONTWRITEBYTECODE``), as a user's install would have them.

    python bench/bench_scale.py --rounds 5 [--no-ref] [--serial] [--floor] [--baseline DIR] [--scaled 1,5,20,50]
        [--corpus] [--cached] [--batch DIR] [PDF ...]
"""

from __future__ import annotations

import argparse
import os
import resource
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
# the fixed cost alone (``--floor``): spaCy imported and the trained pipeline loaded, no PDF read
FLOOR = "from analyser.nlp import load_pipeline, is_trained\nassert is_trained(load_pipeline(True))"
SPACY_LOAD = ("import spacy\nfrom analyser.nlp import trained_pipeline_name\n"
              "spacy.load(trained_pipeline_name(), exclude=['ner', 'senter'])")


def _env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    env["ANALYSER_CACHE_DIR"] = str(tmp / "cache")
    env["PYTHONPATH"] = str(ROOT)
    env.pop("ANALYSER_READER", None)
    return env


def _run(cmd: list[str], env: dict[str, str]) -> float:
    return _run_cpu(cmd, env)[0]


def _busy_seconds() -> float:
    """CPU seconds the whole machine (every process, every core) has been busy since boot."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _others_share(seconds: float = 2.0) -> float:
    """Share of the machine's cores other processes kept busy over the next ``seconds``."""
    busy, start = _busy_seconds(), time.perf_counter()
    time.sleep(seconds)
    return (_busy_seconds() - busy) / ((time.perf_counter() - start) * (os.cpu_count() or 1))


def _wait_quiet(limit: float, patience: float = 1800.0) -> float:
    """Wait until other processes use less than ``limit`` of the machine (at most ``patience`` s)."""
    deadline = time.perf_counter() + patience
    share = _others_share()
    while share >= limit and time.perf_counter() < deadline:
        time.sleep(10)
        share = _others_share()
    return share


def _run_cpu(cmd: list[str], env: dict[str, str], cwd: Path = ROOT) -> tuple[float, float]:
    """Wall time of the command, and the CPU time (user + system) of it and every process it waited
    for (the overlap's forked reader included)."""
    return _run_measured(cmd, env, cwd)[:2]


def _run_measured(cmd: list[str], env: dict[str, str], cwd: Path = ROOT) -> tuple[float, float, float]:
    """``_run_cpu``'s wall and CPU times, and the share of the machine's cores that other processes
    kept busy meanwhile (the machine's busy time less this command's CPU): what the run competed with."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy = _busy_seconds()
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    took = time.perf_counter() - start
    machine = _busy_seconds() - busy
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 2):
        raise RuntimeError(f"{cmd}: exit {proc.returncode}: {proc.stderr[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return took, cpu, max(0.0, machine - cpu) / (took * (os.cpu_count() or 1))


def commands(pdf: Path) -> dict[str, list[str]]:
    return {
        "analyse": [PY, "-m", "analyser", "extract", str(pdf), "--no-cache", "--format", "json", "-o", os.devnull],
        "analyse-ref": [PY, "-m", "analyser", "extract", str(pdf), "--no-cache", "--format", "json", "-o",
                        os.devnull, "--reader", "pdfplumber"],
        "plain": [PY, "-c", PLAIN, str(pdf)],
        "pdfium": [PY, "-c", PDFIUM, str(pdf)],
    }


def sides(pdf: Path, env: dict[str, str], skip_ref: bool, serial: bool,
          baseline: Path | None, floor: bool = False) -> dict[str, tuple[list[str], dict[str, str], Path]]:
    """Every command timed for one document, with its environment: the analysis as shipped (``analyse``;
    on two free cores it reads the PDF in a forked process while spaCy loads), optionally the same
    without that overlap (``serial``: ANALYSER_OVERLAP=0), with the reference reader, and with the
    analyser package of another tree (``baseline``, e.g. a worktree of main), and the two plain loops."""
    cmds = commands(pdf)
    out = {"analyse": (cmds["analyse"], env, ROOT)}
    if serial:
        out["serial"] = (cmds["analyse"], {**env, "ANALYSER_OVERLAP": "0"}, ROOT)
    if not skip_ref:
        out["analyse-ref"] = (cmds["analyse-ref"], env, ROOT)
    if baseline is not None:  # run from that tree: ``-m`` puts the working folder first on the path
        out["baseline"] = (cmds["analyse"], {**env, "PYTHONPATH": str(baseline)}, baseline)
    if floor:  # the document is not read: the same command for every document, timed beside its plain loop
        out["floor"] = ([PY, "-c", FLOOR], env, ROOT)
        out["spacy-load"] = ([PY, "-c", SPACY_LOAD], env, ROOT)
    out["plain"] = (cmds["plain"], env, ROOT)
    out["pdfium"] = (cmds["pdfium"], env, ROOT)
    return out


def cold(pdfs: list[Path], rounds: int, env: dict[str, str], skip_ref: bool, serial: bool = False,
         baseline: Path | None = None, quiet: float = 0.0, floor: bool = False) -> None:
    """Per document, each side's median wall time (and median CPU time), and each analysis side's
    ratios to the plain pdfplumber loop: wall (the figure of issue 13) and CPU.

    ``quiet`` (a share of the machine, e.g. 0.1): each round waits until other processes use less
    than that, and the medians are taken over the rounds in which no side's run met more than twice
    that from others (the others' largest share in each round is printed too)."""
    for pdf in pdfs:
        import pypdfium2

        pages = len(pypdfium2.PdfDocument(str(pdf)))
        runs = sides(pdf, env, skip_ref, serial, baseline, floor)
        wall: dict[str, list[float]] = {k: [] for k in runs}
        cpu: dict[str, list[float]] = {k: [] for k in runs}
        load_before = os.getloadavg()[0]
        others: list[float] = []
        names = list(runs)
        for r in range(rounds):
            if quiet:
                _wait_quiet(quiet)
            worst = 0.0
            # interleaved: each round runs every side once, the order turned by one place each round, so
            # that no side always runs first (a side first in every round came out slower in some runs)
            k = r % len(names)
            for name in names[k:] + names[:k]:
                cmd, side_env, cwd = runs[name]
                w, c, o = _run_measured(cmd, side_env, cwd)
                wall[name].append(w)
                cpu[name].append(c)
                worst = max(worst, o)
            others.append(worst)
        keep = [i for i, o in enumerate(others) if not quiet or o <= 2 * quiet]
        if quiet:
            print(f"# {pdf.name}: others' largest share of the machine per round: "
                  f"{', '.join(f'{o:.2f}' for o in others)}; {len(keep)} quiet rounds kept", flush=True)
        if not keep:
            continue
        mw = {k: statistics.median(v[i] for i in keep) for k, v in wall.items()}
        mc = {k: statistics.median(v[i] for i in keep) for k, v in cpu.items()}
        cells = " | ".join(f"{k} {mw[k]:.2f} s ({mc[k]:.2f} CPU)" for k in runs)
        ratios = " | ".join(f"{k}/plain **{mw[k] / mw['plain']:.2f}** wall, {mc[k] / mc['plain']:.2f} CPU"
                            for k in runs if k not in ("plain", "pdfium"))
        print(f"| {pdf.name} | {pages} pages | {cells} | {ratios} | load {load_before:.1f} -> "
              f"{os.getloadavg()[0]:.1f} |", flush=True)


def cached(pdf: Path, rounds: int, env: dict[str, str], quiet: float = 0.0, baseline: Path | None = None) -> None:
    """The cached open against a bare ``import analyser``, wall and CPU medians, sides interleaved.

    ``quiet``: each round starts when other processes use less than that share of the machine (a run
    of 40 ms is too short to measure what others did meanwhile, so rounds are not filtered after).
    ``baseline``: the same cached open with another tree's package, in the same rounds (its cache
    warmed by itself: the key covers the package's modules)."""
    warm = [PY, "-m", "analyser", "extract", str(pdf), "--format", "json", "-o", os.devnull]
    runs = {"cached": (warm, env, ROOT), "bare import": ([PY, "-c", "import analyser"], env, ROOT)}
    if baseline is not None:
        runs["baseline cached"] = (warm, {**env, "PYTHONPATH": str(baseline)}, baseline)
        runs["baseline import"] = ([PY, "-c", "import analyser"], {**env, "PYTHONPATH": str(baseline)}, baseline)
    for cmd, side_env, cwd in runs.values():
        _run_cpu(cmd, side_env, cwd)  # fills the cache (and the rules memo, where the tree keeps one)
    wall: dict[str, list[float]] = {k: [] for k in runs}
    cpu: dict[str, list[float]] = {k: [] for k in runs}
    load = os.getloadavg()[0]
    for _ in range(rounds):
        if quiet:
            _wait_quiet(quiet)
        for name, (cmd, side_env, cwd) in runs.items():
            w, c = _run_cpu(cmd, side_env, cwd)
            wall[name].append(w)
            cpu[name].append(c)
    mw = {k: statistics.median(v) for k, v in wall.items()}
    mc = {k: statistics.median(v) for k, v in cpu.items()}
    cells = " | ".join(f"{k} {mw[k] * 1000:.1f} ms ({mc[k] * 1000:.1f} CPU)" for k in runs)
    ratios = f"ratio **{mw['cached'] / mw['bare import']:.2f}** wall, {mc['cached'] / mc['bare import']:.2f} CPU"
    if baseline is not None:
        ratios += (f" | baseline {mw['baseline cached'] / mw['baseline import']:.2f} wall, "
                   f"{mc['baseline cached'] / mc['baseline import']:.2f} CPU")
    print(f"| {pdf.name} | {rounds} rounds | {cells} | {ratios} | load {load:.1f} -> {os.getloadavg()[0]:.1f} |",
          flush=True)


def batch(folder: Path, jobs: int, env: dict[str, str], tree: Path = ROOT, label: str = "") -> dict[str, float]:
    """One ``batch DIR --jobs N --no-cache`` run of the analyser package of ``tree``: whole-process wall
    time, CPU time (the batch process and its workers: user + system), pages per second of wall time,
    the largest peak RSS a worker reported, and the share of the machine's cores other processes kept
    busy meanwhile (a core taken by someone else shows as 0.5 on this 2-core machine). Returned for
    the medians."""
    import json

    import pypdfium2

    pages = sum(len(pypdfium2.PdfDocument(str(p))) for p in folder.glob("*.pdf"))
    out = Path(env["ANALYSER_CACHE_DIR"]).parent / f"batch-{jobs}.json"
    side_env = dict(env, PYTHONPATH=str(tree))
    load = os.getloadavg()[0]
    took, cpu, others = _run_measured([PY, "-m", "analyser", "batch", str(folder), "--jobs", str(jobs), "--no-cache",
                                       "-q", "-o", str(out)], side_env, tree)
    rows = json.loads(out.read_text())["results"]
    peak = max(r["worker_peak_mb"] for r in rows)
    errors = sum(r["status"] != "ok" for r in rows)
    print(f"| {label or tree.name} | --jobs {jobs} | {len(rows)} codes, {pages} pages | {took:.1f} s ({cpu:.1f} CPU) | "
          f"**{pages / took:.1f} pages/s** ({pages / cpu:.1f} per CPU-second) | peak RSS of a worker {peak:.0f} MB | "
          f"{errors} errors | load {load:.1f} -> {os.getloadavg()[0]:.1f}, others {others:.2f} of the cores |", flush=True)
    return {"wall": took, "cpu": cpu, "pages": pages, "peak": peak, "others": others}


def _batch_medians(runs: dict[tuple[str, int], list[dict[str, float]]]) -> None:
    """Median per side and ``--jobs`` of the batch rounds (pages/s of wall time, pages per CPU-second)."""
    print("\n| side | --jobs | rounds | median wall s | median pages/s | median pages per CPU-second | "
          "largest worker peak RSS | others' share of the cores (median, max) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for (label, jobs), rs in runs.items():
        pages = rs[0]["pages"]
        wall = statistics.median(r["wall"] for r in rs)
        print(f"| {label} | {jobs} | {len(rs)} | {wall:.1f} | **{statistics.median(pages / r['wall'] for r in rs):.1f}** | "
              f"{statistics.median(pages / r['cpu'] for r in rs):.1f} | {max(r['peak'] for r in rs):.0f} MB | "
              f"{statistics.median(r['others'] for r in rs):.2f}, {max(r['others'] for r in rs):.2f} |", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--scaled", default="", help="comma-separated multiples of the sample to draw and time")
    ap.add_argument("--corpus", action="store_true", help="every fixture PDF and the GPAI chapter")
    ap.add_argument("--no-ref", action="store_true", help="leave out the --reader pdfplumber runs")
    ap.add_argument("--serial", action="store_true",
                    help="also time the analysis with ANALYSER_OVERLAP=0 (no PDF reading beside spaCy's load)")
    ap.add_argument("--floor", action="store_true",
                    help="also time spaCy's import and model load alone (the analyser's way and plainly)")
    ap.add_argument("--baseline", type=Path, default=None,
                    help="also time the analyser package of this tree (a worktree of main, say), interleaved")
    ap.add_argument("--quiet", type=float, default=0.0, metavar="SHARE",
                    help="start each round only when other processes use less than SHARE of the machine "
                         "(e.g. 0.1), and keep only rounds they did not disturb (Linux /proc/stat)")
    ap.add_argument("--batch", default="", help="folder of PDFs for the batch throughput (jobs 1 and 2)")
    ap.add_argument("--batch-rounds", type=int, default=1,
                    help="rounds of the batch runs (interleaved with --baseline)")
    ap.add_argument("--batch-jobs", default="1,2", help="comma-separated --jobs values of the batch runs")
    ap.add_argument("--cached", action="store_true")
    ap.add_argument("--cached-rounds", type=int, default=0,
                    help="rounds of the cached open (default: --rounds, or 5 with --rounds 0)")
    args = ap.parse_args(argv)
    print(f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average {os.getloadavg()[0]:.1f}, "
          f"{os.cpu_count()} cores, rounds {args.rounds}", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp_name:
        tmp = Path(tmp_name)
        env = _env(tmp)
        subprocess.run([PY, "-c", "import compileall,sys; compileall.compile_dir(sys.argv[1], quiet=1)",
                        str(ROOT / "analyser")], env=env, check=True)
        pdfs = [p.resolve() for p in args.pdfs] or [SAMPLE] + ([GPAI] if GPAI.exists() else [])
        if args.corpus:
            pdfs = sorted((ROOT / "tests" / "fixtures").rglob("*.pdf")) + ([GPAI] if GPAI.exists() else [])
        if args.scaled:
            sys.path.insert(0, str(ROOT / "bench"))
            from make_scaled import make_scaled

            for k in (int(x) for x in args.scaled.split(",")):
                out = tmp / f"icu_x{k}.pdf"
                make_scaled(k, out)
                pdfs.append(out)
        if args.baseline is not None:  # its modules compiled once too
            args.baseline = args.baseline.resolve()
            subprocess.run([PY, "-c", "import compileall,sys; compileall.compile_dir(sys.argv[1], quiet=1)",
                            str(args.baseline / "analyser")], env=env, check=True)
        if args.rounds > 0:  # --rounds 0: only the cached open or the batch
            cold(pdfs, args.rounds, env, args.no_ref, args.serial, args.baseline, args.quiet, args.floor)
        if args.cached:
            for pdf in pdfs:
                cached(pdf, args.cached_rounds or args.rounds or 5, env, args.quiet, args.baseline)
        if args.batch:  # with --baseline: that tree's batch after this one's, for each --jobs, every round
            runs: dict[tuple[str, int], list[dict[str, float]]] = {}
            for _ in range(max(1, args.batch_rounds)):
                for jobs in (int(j) for j in args.batch_jobs.split(",")):
                    runs.setdefault(("this tree", jobs), []).append(batch(Path(args.batch), jobs, env, ROOT, "this tree"))
                    if args.baseline is not None:
                        runs.setdefault(("baseline", jobs), []).append(
                            batch(Path(args.batch), jobs, env, args.baseline, "baseline"))
            _batch_medians(runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
