"""Benchmark of the officer's workspace in a real browser (Debian chromium + Playwright).

    /work/main/.venv/bin/python bench/bench_workspace.py [--runs 5]

On one running server with a warm analysis cache (the two sample editions analysed before it
starts), each run opens a fresh browser context and a new session, then times:
- first visit to Matrix: from the click on "Matrix" in the sidebar to the grid drawn (target < 1 s);
- first visit to Compare versions: from the click to the comparison's figures (target < 1 s);
- saving a note: from the click on "Save note" to the confirmation on the page (target < 300 ms).

Private data and cache folders are used, so a user's own files are never touched. Prints figures;
does not write bench/RESULTS.md. (Cold start to the first content is bench/bench_app.py.)
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
SAMPLES = [ROOT / "codes" / "sample" / "icu-sample.pdf", ROOT / "codes" / "sample" / "icu-sample-2.pdf"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_idle(page) -> None:
    page.wait_for_function("() => !document.querySelector(\"[data-testid='stStatusWidget']\")", timeout=60_000)


def timed(page, action, done_selector_or_fn) -> float:
    t0 = time.perf_counter()
    action()
    if callable(done_selector_or_fn):
        done_selector_or_fn()
    else:
        page.locator(done_selector_or_fn).first.wait_for(timeout=60_000)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-workspace-"))
    os.environ["ANALYSER_DATA_DIR"] = str(tmp / "data")
    os.environ["ANALYSER_CACHE_DIR"] = str(tmp / "cache")
    sys.path.insert(0, str(ROOT))
    from analyser.pipeline import load_code

    for pdf in SAMPLES:
        load_code(pdf)  # warm analysis cache, as on an officer's machine after the first open
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port",
                             str(port), "--server.address", "127.0.0.1", "--server.headless", "true"],
                            cwd=ROOT, env=dict(os.environ), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    from playwright.sync_api import sync_playwright

    figures: dict[str, list[float]] = {"matrix": [], "compare": [], "note": []}
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(url + "_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)
            for i in range(args.runs):
                ctx = browser.new_context(viewport={"width": 1280, "height": 800})
                page = ctx.new_page()
                page.goto(url)
                page.get_by_role("button", name="Open in Measure view").wait_for(timeout=60_000)
                wait_idle(page)
                figures["matrix"].append(timed(page, lambda: page.get_by_text("Matrix", exact=True).click(),
                                               "[data-testid='stDataFrame'] canvas"))
                wait_idle(page)
                figures["compare"].append(timed(
                    page, lambda: page.get_by_text("Compare versions", exact=True).click(),
                    "[data-testid='stMetricValue']"))
                wait_idle(page)
                page.goto(url + "?view=Measure&measure=ICU%20C9")
                page.get_by_role("button", name="Save note").wait_for(timeout=60_000)
                wait_idle(page)
                page.get_by_role("textbox", name="Note", exact=True).fill(f"bench note {i}")
                figures["note"].append(timed(page, lambda: page.get_by_role("button", name="Save note").click(),
                                             lambda: page.get_by_text("Saved note on ICU C9").wait_for(
                                                 timeout=60_000)))
                ctx.close()
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    for name, label, target in (("matrix", "first visit to Matrix", 1.0), ("compare", "first visit to Compare", 1.0),
                                ("note", "note save", 0.3)):
        xs = figures[name]
        print(f"{label}: median {statistics.median(xs) * 1000:.0f} ms, best {min(xs) * 1000:.0f} ms, "
              f"worst {max(xs) * 1000:.0f} ms over {len(xs)} (target < {target * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
