"""Benchmark of the officer's workspace in a real browser (Debian chromium + Playwright).

    /work/main/.venv/bin/python bench/bench_workspace.py [--runs 5] [--read 0] [--only matrix,note] [--app DIR ...]

Each ``--app`` is a copy of this project (default: this one); to compare two versions in one run,
export the older one (``git archive COMMIT | tar -x -C /tmp/before``) and pass
``--app /tmp/before --app .``: their runs are interleaved, so both see the same machine load.
Each app gets one server with a warm analysis cache (the two sample editions analysed, by that
app's own code, before it starts) and private data and cache folders. Each run opens a fresh
browser context and a new session on the Overview, waits until the page is drawn and the
server idle, then ``--read`` seconds more (an officer reading the first page; 0 clicks at once),
and times:

- first visit to Matrix: from the click on "Matrix" in the sidebar to the matrix drawn (Streamlit's
  data grid's canvas, or the HTML table that replaced it; target < 1 s);
- first visit to Compare versions: from the click to the comparison's figures (target < 1 s);
- saving a note: from the click on "Save note" to the confirmation on the page (target < 300 ms).

``--only`` times some of the three (the others are not visited in that run). ``--settle`` waits on
the Measure view before writing the note: it is a fresh page (a new session), whose style sheet,
lazily loaded HTML renderer and warm-up arrive up to a second after the run has ended; an officer
writes for longer than that, a benchmark that saves at once measures the save on a page still
settling (default 0, as in the figures before it existed).

Two clocks: "wall" is Playwright's, from the call that clicks to the element found (it includes
Playwright's own checks and round trips, tens of ms); "page" is the browser's, from the click
event to the element being added to the page (a MutationObserver), what the officer sees. The
first run on each server is also shown alone: it is the only one whose server has not yet
imported what the views need. Prints figures; does not write bench/RESULTS.md.
(Cold start to the first content is bench/bench_app.py.)
"""

from __future__ import annotations

import argparse
import os
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
SAMPLES = ["codes/sample/icu-sample.pdf", "codes/sample/icu-sample-2.pdf"]
# The Overview's second chart drawn (Vega's marks in older copies, an HTML table since; bench_app.py).
CHART_DRAWN = "[data-testid='stVegaLiteChart'] svg.marks, table.cop-chart"
# The Matrix drawn: Streamlit's data grid (its canvas) in older copies, an HTML table since.
MATRIX_DRAWN = "[data-testid='stDataFrame'] canvas, table.cop-matrix"
MEASURES = (("matrix", "first visit to Matrix", 1.0), ("compare", "first visit to Compare", 1.0),
            ("note", "note save", 0.3))

# Installed before a click: the time of the click event, and the time an element matching
# ``selector`` (or a node whose text contains ``text``) is first added to the page.
WATCH_JS = """([selector, text]) => {
  const t = window.__benchT = {click: null, done: null};
  document.addEventListener('click', () => { if (t.click === null) t.click = performance.now(); }, true);
  const found = (n) => n.nodeType === 1 && ((selector && (n.matches(selector) || n.querySelector(selector)))
                                            || (text && n.textContent.includes(text)));
  const mo = new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (found(n)) {
      t.done = performance.now(); mo.disconnect(); return; } });
  mo.observe(document.body, {subtree: true, childList: true});
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_idle(page) -> None:
    page.wait_for_function("() => !document.querySelector(\"[data-testid='stStatusWidget']\")", timeout=60_000)


class App:
    """One copy of the project, served by its own Streamlit on a free port."""

    def __init__(self, root: Path, tmp: Path, index: int, port: int | None = None):
        self.root = root.resolve()
        self.label = f"{index}:{self.root.name}"
        self.env = dict(os.environ, ANALYSER_DATA_DIR=str(tmp / f"data{index}"),
                        ANALYSER_CACHE_DIR=str(tmp / "cache"), PYTHONPATH=str(self.root))
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.proc: subprocess.Popen | None = None
        self.figures: dict[str, list[tuple[float, float]]] = {name: [] for name, _, _ in MEASURES}

    def warm_cache(self) -> None:
        """The samples analysed by this copy's own code (its cache key is its own)."""
        code = "import sys; from analyser.pipeline import load_code; [load_code(p) for p in sys.argv[1:]]"
        subprocess.run([sys.executable, "-c", code, *SAMPLES], cwd=self.root, env=self.env, check=True)

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(self.root / "app.py"), "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=self.root, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(600):
            try:
                urllib.request.urlopen(self.url + "_stcore/health", timeout=1)
                return
            except OSError:
                time.sleep(0.1)
        raise TimeoutError(f"{self.label}: the server did not start")

    def stop(self) -> None:
        if self.proc:
            self.proc.terminate()
            self.proc.wait(timeout=10)


def timed(page, click, selector: str | None = None, text: str | None = None) -> tuple[float, float]:
    """(wall, page) seconds from a click to the element that shows its result."""
    page.evaluate(WATCH_JS, [selector, text])
    t0 = time.perf_counter()
    click()
    if selector:
        page.locator(selector).first.wait_for(timeout=60_000)
    else:
        page.get_by_text(text).first.wait_for(timeout=60_000)
    wall = time.perf_counter() - t0
    page.wait_for_function("() => window.__benchT.done !== null && window.__benchT.click !== null", timeout=10_000)
    t = page.evaluate("() => window.__benchT")
    return wall, (t["done"] - t["click"]) / 1000


def one_run(browser, app: App, i: int, read: float, only: set[str], settle: float = 0.0) -> None:
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    page.goto(app.url)
    page.get_by_role("button", name="Open in Measure view").wait_for(timeout=60_000)
    page.locator(CHART_DRAWN).nth(1).wait_for(timeout=60_000)
    wait_idle(page)
    time.sleep(read)
    if "matrix" in only:
        app.figures["matrix"].append(timed(page, lambda: page.get_by_text("Matrix", exact=True).click(),
                                           selector=MATRIX_DRAWN))
        wait_idle(page)
    if "compare" in only:
        app.figures["compare"].append(timed(page, lambda: page.get_by_text("Compare versions", exact=True).click(),
                                            selector="[data-testid='stMetricValue']"))
        wait_idle(page)
    if "note" not in only:
        ctx.close()
        return
    page.goto(app.url + "?view=Measure&measure=ICU%20C9")
    page.get_by_role("button", name="Save note").wait_for(timeout=60_000)
    wait_idle(page)
    time.sleep(settle)
    page.get_by_role("textbox", name="Note", exact=True).fill(f"bench note {i}")
    app.figures["note"].append(timed(page, lambda: page.get_by_role("button", name="Save note").click(),
                                     text="Saved note on ICU C9"))
    ctx.close()


def report(app: App) -> None:
    print(f"{app.label} ({app.root})")
    for name, label, target in MEASURES:
        xs = app.figures[name]
        if not xs:
            continue
        walls, pages = [w for w, _ in xs], [p for _, p in xs]
        later = xs[1:] or xs
        print(f"  {label}: wall median {statistics.median(walls) * 1000:.0f} ms (best {min(walls) * 1000:.0f}, "
              f"worst {max(walls) * 1000:.0f}); page median {statistics.median(pages) * 1000:.0f} ms "
              f"(best {min(pages) * 1000:.0f}); first run wall {xs[0][0] * 1000:.0f} / page {xs[0][1] * 1000:.0f} ms, "
              f"later runs wall median {statistics.median(w for w, _ in later) * 1000:.0f} ms "
              f"over {len(xs)} (target < {target * 1000:.0f} ms)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--read", type=float, default=0.0, help="seconds on the Overview before the first click")
    ap.add_argument("--app", type=Path, action="append", help="a copy of the project (repeatable; default: this one)")
    ap.add_argument("--settle", type=float, default=0.0,
                    help="seconds on the Measure view (a fresh page) before the note is written (default 0)")
    ap.add_argument("--only", default="matrix,compare,note",
                    help="which of matrix, compare, note to time, comma-separated (default: all three)")
    ap.add_argument("--port", type=int, default=0,
                    help="the first app's port, the next app's the next one (default: any free port)")
    args = ap.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"skipped: {CHROMIUM} is not installed")
        return 0
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    unknown = only - {name for name, _, _ in MEASURES}
    if unknown:
        ap.error(f"--only: not a measure: {', '.join(sorted(unknown))}")
    tmp = Path(tempfile.mkdtemp(prefix="bench-workspace-"))
    apps = [App(root, tmp, i, args.port + i if args.port else None) for i, root in enumerate(args.app or [ROOT])]
    from playwright.sync_api import sync_playwright

    try:
        for app in apps:
            app.warm_cache()
            app.start()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)
            for i in range(args.runs):
                # Interleaved, each run starting with the next app: every app sees the same load.
                for app in apps[i % len(apps):] + apps[:i % len(apps)]:
                    one_run(browser, app, i, args.read, only, args.settle)
            browser.close()
    finally:
        for app in apps:
            app.stop()
    print(f"runs {args.runs}, {args.read:g} s on the Overview before the first click, "
          f"{args.settle:g} s on the Measure view before the note")
    for app in apps:
        report(app)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
