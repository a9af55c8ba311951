"""Benchmark of the app's start in a real browser (Debian chromium + Playwright).

    /work/main/.venv/bin/python bench/bench_app.py [--starts 3] [--runs 5] [--app DIR ...] [--pdf PATH] [--compiled]

Each ``--app`` is a copy of this project (default: this one); to compare two versions in one run,
export the older one (``git archive COMMIT | tar -x -C /tmp/before``) and pass
``--app /tmp/before --app .``. Every round starts each app's server in turn (the first app of a
round rotates), then a four-line Streamlit app, each with a fresh browser context (nothing cached
by the browser), so that all of them see the same machine load; the figures include downloading
and parsing Streamlit's front end.

Measures, on a warm analysis cache (the sample analysed once, by each app's own code, before its
server starts):

- cold start, first content: from launching ``streamlit run app.py`` to the Overview's title and
  its four figures on the page; target < 3 s;
- cold start, complete: to the Overview's last element drawn (its button and both charts' marks);
- the same for the four-line app (the machine's floor: Streamlit alone), and the ratio app / floor;
- first content after the server answered its health check, for the app and the four-line app:
  without the server's own start (Python, Streamlit's imports, its scan of the installed
  packages), which is the same for both and swings most with the machine's load;
- a new session on the running server, from the same browser (its HTTP cache warm);
- a profile change: from choosing another archetype in the Service profile view to the new status
  text on the page; median over several changes, first round only; target < 500 ms.

``--compiled`` first compiles each copy's ``app.py`` and ``analyser/`` to bytecode
(``python -m compileall``, into the copy's ``__pycache__`` folders), as an officer's install has
them after its first start. Without it, on a machine that sets ``PYTHONDONTWRITEBYTECODE`` (the
shared build machine does), every server compiles the app's modules from source on its first run.
The bytecode stays in the copy (``__pycache__`` is ignored by git): a later run without
``--compiled`` says so when it finds it, since Python would use it.

Private data and cache folders are used, so a user's own files are never touched. Prints figures;
does not write bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
BUNDLED = "codes/sample/icu-sample.pdf"
FIXTURE = "tests/fixtures/icu_sample.pdf"
# The second Overview chart drawn: Vega's SVG marks (not merely its empty frame) in copies of the
# app before 2026-12-03, the chart's HTML table since (analyser/charts.py).
CHART_DRAWN = "[data-testid='stVegaLiteChart'] svg.marks, table.cop-chart"
# The Overview's four figures: st.metric values in copies of the app before 2026-12-04, one HTML
# description list since (views/overview.py, figures_html).
FIGURE_DRAWN = "[data-testid='stMetricValue'], dd.cop-figure-value"
PROFILES = [("Large end-to-end encrypted messaging service", "qualified"),
            ("Large social network", "applies"),
            ("Small low-risk forum", "exempt")]

BASELINE_APP = """import streamlit as st
st.sidebar.radio("View", ["Overview", "Matrix"])
st.title("Baseline")
st.button("Ready")
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(script: Path, port: int, env: dict[str, str]) -> tuple[subprocess.Popen, float]:
    """``streamlit run script`` on 127.0.0.1:port; returns the process and when it became healthy."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=script.parent, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
            return proc, time.perf_counter() - t0
        except OSError:
            if time.perf_counter() - t0 > 60:
                proc.terminate()
                raise TimeoutError(f"{script.name}: server did not start") from None
            time.sleep(0.02)


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    proc.wait(timeout=10)


class App:
    """One copy of the project and what was measured on it."""

    def __init__(self, root: Path, tmp: Path, index: int, pdf: Path | None):
        self.root = root.resolve()
        self.label = f"{index}:{self.root.name}"
        self.env = dict(os.environ, ANALYSER_DATA_DIR=str(tmp / f"data{index}"),
                        ANALYSER_CACHE_DIR=str(tmp / "cache"), PYTHONPATH=str(self.root))
        self.pdf = pdf
        self.first: list[float] = []
        self.after_healthy: list[float] = []  # first content minus the server's start
        self.complete: list[float] = []
        self.warm: list[float] = []
        self.changes: list[float] = []

    def prepare(self, compiled: bool = False) -> tuple[str, str]:
        """Warm the analysis cache with this copy's own code (its cache key is its own); offer a
        PDF that is not the bundled sample as an upload; with ``compiled``, write the bytecode of
        the copy's own modules. Returns (measure id, its picker label)."""
        if compiled:
            subprocess.run([sys.executable, "-m", "compileall", "-q", "app.py", "analyser"], cwd=self.root,
                           env=self.env, check=True, stdout=subprocess.DEVNULL)
        elif any((self.root / "analyser").rglob("__pycache__")):
            print(f"note: {self.label} has bytecode in analyser/ (from an earlier --compiled run?), which its server uses")
        pdf = self.pdf or (self.root / BUNDLED if (self.root / BUNDLED).exists() else self.root / FIXTURE)
        if pdf.resolve() != (self.root / BUNDLED).resolve():
            uploads = Path(self.env["ANALYSER_DATA_DIR"]) / "uploads"
            uploads.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(pdf, uploads / f"{hashlib.sha256(pdf.read_bytes()).hexdigest()}.pdf")
        code = ("import sys; from analyser.pipeline import load_code; c = load_code(sys.argv[1]);"
                " m = c.measure('ICU C9') or c.measures[0]; print(m.id); print(m.title)")
        out = subprocess.run([sys.executable, "-c", code, str(pdf)], cwd=self.root, env=self.env, check=True,
                             capture_output=True, text=True).stdout.splitlines()
        return out[0], f"{out[0]} — {out[1]}"


def baseline_start(browser, script: Path) -> tuple[float, float]:
    """Server start to first render of a four-line Streamlit app: the floor on this machine; and
    the part of it after the server answered its health check."""
    port = free_port()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    t0 = time.perf_counter()
    proc, healthy = start_server(script, port, dict(os.environ))
    try:
        page.goto(f"http://127.0.0.1:{port}/")
        page.get_by_role("button", name="Ready").wait_for(timeout=60_000)
        total = time.perf_counter() - t0
        return total, total - healthy
    finally:
        context.close()
        stop(proc)


def profile_changes(page, app: App, runs: int, mid: str, label: str) -> None:
    page.get_by_text("Service profile", exact=True).click()
    page.get_by_text("Service profile explorer").wait_for()
    for i in range(runs + 1):
        name, status = PROFILES[i % len(PROFILES)]
        box = page.get_by_role("combobox", name="Start from an archetype")
        box.click()
        box.fill(name)
        option = page.get_by_role("option", name=name, exact=True)
        option.wait_for()
        if i == 0:
            option.click()
            look = page.get_by_role("combobox", name="Explain one measure for this service")
            look.click()
            look.fill(mid)
            page.get_by_role("option", name=label, exact=True).click()
            page.get_by_text(f"{mid}: {status}", exact=False).first.wait_for()
            continue
        t1 = time.perf_counter()
        option.click()
        page.locator("[data-testid='stMarkdownContainer']", has_text=f"to {name}.").first.wait_for(timeout=10_000)
        app.changes.append(time.perf_counter() - t1)


def cold_start(browser, app: App, round_: int, runs: int, mid: str, label: str) -> None:
    port = free_port()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    t0 = time.perf_counter()
    proc, healthy = start_server(app.root / "app.py", port, app.env)
    try:
        page.goto(f"http://127.0.0.1:{port}/")
        page.get_by_role("heading", name="Overview", exact=True).wait_for(timeout=60_000)
        page.locator(FIGURE_DRAWN).nth(3).wait_for(timeout=60_000)
        app.first.append(time.perf_counter() - t0)
        app.after_healthy.append(app.first[-1] - healthy)
        # The Overview's last element: the whole page has been drawn.
        page.get_by_role("button", name="Open in Measure view").wait_for(timeout=60_000)
        page.locator(CHART_DRAWN).nth(1).wait_for(timeout=60_000)
        app.complete.append(time.perf_counter() - t0)
        # A second session on the same, now warm server, from the same browser (its HTTP cache
        # holds the front end's scripts): what a user's next visit costs.
        again = context.new_page()
        t2 = time.perf_counter()
        again.goto(f"http://127.0.0.1:{port}/")
        again.get_by_role("button", name="Open in Measure view").wait_for(timeout=60_000)
        again.locator(CHART_DRAWN).nth(1).wait_for(timeout=60_000)
        app.warm.append(time.perf_counter() - t2)
        again.close()
        print(f"round {round_ + 1} {app.label}: server healthy {healthy:.2f} s, first content {app.first[-1]:.2f} s, "
              f"complete {app.complete[-1]:.2f} s, new session on the warm server {app.warm[-1]:.2f} s")
        if round_ == 0 and runs:
            profile_changes(page, app, runs, mid, label)
    finally:
        context.close()
        stop(proc)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="profile changes to time (first round)")
    ap.add_argument("--starts", type=int, default=3, help="rounds of server starts to time")
    ap.add_argument("--app", type=Path, action="append", help="a copy of the project (repeatable; default: this one)")
    ap.add_argument("--pdf", type=Path, default=None)
    ap.add_argument("--compiled", action="store_true", help="compile each copy's modules to bytecode first")
    args = ap.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"skipped: {CHROMIUM} is not installed")
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="bench-app-"))
    apps = [App(root, tmp, i, args.pdf) for i, root in enumerate(args.app or [ROOT])]
    picks = {app.label: app.prepare(args.compiled) for app in apps}

    from playwright.sync_api import sync_playwright

    baseline_script = tmp / "baseline" / "baseline_app.py"
    baseline_script.parent.mkdir()
    baseline_script.write_text(BASELINE_APP, encoding="utf-8")
    floors: list[float] = []
    floors_after: list[float] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)
        for round_ in range(args.starts):
            # Each round starts with the next app, so that none is always the one after another.
            for app in apps[round_ % len(apps):] + apps[:round_ % len(apps)]:
                cold_start(browser, app, round_, args.runs, *picks[app.label])
            total, after = baseline_start(browser, baseline_script)
            floors.append(total)
            floors_after.append(after)
            print(f"round {round_ + 1} four-line app: {floors[-1]:.2f} s")
        browser.close()
    shutil.rmtree(tmp, ignore_errors=True)
    floor = statistics.median(floors)
    print()
    print(f"four-line Streamlit app (the machine's floor): median {floor:.2f} s over {len(floors)} starts; "
          f"after its server answered: median {statistics.median(floors_after):.2f} s")
    for app in apps:
        first, complete = statistics.median(app.first), statistics.median(app.complete)
        print(f"{app.label} ({app.root})")
        print(f"  cold start, first content: median {first:.2f} s, best {min(app.first):.2f} s "
              f"(ratio to the four-line app {first / floor:.2f}; target < 3 s); after the server answered: "
              f"median {statistics.median(app.after_healthy):.2f} s")
        print(f"  cold start, complete: median {complete:.2f} s, best {min(app.complete):.2f} s "
              f"(ratio {complete / floor:.2f})")
        print(f"  new session on a running server (browser cache warm): median {statistics.median(app.warm):.2f} s")
        if app.changes:
            print(f"  profile change to new status: median {statistics.median(app.changes) * 1000:.0f} ms, "
                  f"max {max(app.changes) * 1000:.0f} ms over {len(app.changes)} (target < 500 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
