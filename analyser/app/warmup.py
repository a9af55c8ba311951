"""What the app prepares while the officer reads the first page, so that the first visit to the
other views does not pay for it: the browser's code for their widgets, and the server's modules.

Why: measured on the 2-core machine (issue 14), a first visit to the Matrix spent about 0.6 s in
the browser fetching and compiling the data grid's code (1.2 MB of JavaScript that Streamlit
loads only when a grid first appears), and on a fresh server about 1 s importing pandas, its
Styler and the evaluation modules. Neither is needed for the first page, and both can be done
while nobody is waiting. (The Matrix has since become an HTML table; the grid's code is what the
Service profile, Compare, Export and Notes views wait for.)

- ``front_end_script``: a few lines of JavaScript, sent with the page's language script, that
  import the widget modules of the other views one at a time when the browser is idle, after the
  first page has been drawn. They are Streamlit's own files on this server (no other host), found
  by name in Streamlit's static folder; a Streamlit without them (another version) gets nothing,
  and the views load their code as before.
- ``warm_server_later``: once per server process, a background thread that waits for the first
  page to go out and then imports what the Matrix, Service profile and Compare views import.
"""

from __future__ import annotations

import functools
import importlib
import json
import re
import sys
import threading
import time
from pathlib import Path

# Streamlit's widget modules used by views other than the Overview, the most useful first (the
# Matrix's filters, the data grid of the Service profile, Compare, Export and Notes views, then
# their inputs). The Matrix itself is an HTML table: it needs no grid.
FRONT_END_MODULES = ("Multiselect", "DataFrame", "Checkbox", "TextInput", "TextArea", "DownloadButton")

# What a first visit to the Matrix, Service profile or Compare view imports (about 1 s on a fresh
# server, most of it pandas).
SERVER_MODULES = ("pandas", "pyarrow", "pandas.io.formats.style", "analyser.evaluate", "analyser.service",
                  "analyser.compare", "streamlit.dataframe_util")

# Seconds after the first run before the server imports them: by then the first page has gone
# out (the browser has fetched its code from this process and drawn it), and an officer has
# rarely clicked on yet; a click meanwhile waits only for the rest of an import under way. 1 s
# was tried: on the loaded machine the import (1.4 s of a core) then overlapped the end of the
# cold start, whose complete render came 0.4 s later (bench_app, 5 interleaved rounds). 0.5 s
# was tried too: a Matrix clicked at once on a fresh server came about 1 s sooner, but the cold
# start's first content 1.2 s later (bench/RESULTS.md, issue 14, 2026-12-03 fourth pass).
SERVER_DELAY_S = 2.0
# The browser starts once the first page has been drawn: when the page has not changed for QUIET
# milliseconds (Streamlit draws a view in bursts as its parts arrive), or after LATEST at most.
# Between two imports it waits for an idle moment, IDLE_TIMEOUT at most.
FRONT_END_QUIET_MS = 300
# ... or as soon as a view's title is on the page (the first content), whichever comes first, and
# the first module (the Matrix's filters) at once rather than in an idle moment.
FRONT_END_FIRST = "h1"  # the sidebar has none (its app name is a paragraph)
FRONT_END_LATEST_MS = 10_000
FRONT_END_IDLE_TIMEOUT_MS = 3000

_started = False
_start_lock = threading.Lock()


def _one(names: list[str], module: str, suffix: str) -> str | None:
    """The one file ``<module>.<hash><suffix>`` among ``names`` (None for none or two: then it is
    not sure which one Streamlit loads, and nothing is better than the wrong one)."""
    pattern = re.compile(rf"^{re.escape(module)}\.[A-Za-z0-9_-]+{re.escape(suffix)}$")
    hits = [n for n in names if pattern.match(n)]
    return hits[0] if len(hits) == 1 else None


@functools.lru_cache(maxsize=1)
def front_end_files() -> tuple[tuple[str, str | None], ...]:
    """(script, style sheet or None) of each of ``FRONT_END_MODULES`` in this Streamlit's static
    folder (content-hashed names such as ``DataFrame.-f9-1zS0.js``), in that order; a module whose
    script is not found is left out."""
    try:
        from streamlit.file_util import get_static_dir

        static = Path(get_static_dir()) / "static"
        scripts = sorted(p.name for p in (static / "js").glob("*.js"))
        sheets = sorted(p.name for p in (static / "css").glob("*.css"))
    except (ImportError, OSError):
        return ()
    found = []
    for module in FRONT_END_MODULES:
        script = _one(scripts, module, ".js")
        if script:
            found.append((script, _one(sheets, module, ".css")))
    return tuple(found)


def front_end_script() -> str:
    """JavaScript (without the <script> tag) that loads the other views' widget modules once per
    page, after the first page has been drawn, one after another in idle moments, relative to
    Streamlit's own entry script so that the browser reuses them when a view asks for them (with
    the module's style sheet, which Streamlit would otherwise fetch only then). Empty when there is
    nothing to load."""
    files = front_end_files()
    if not files:
        return ""
    return ("(() => { if (window.copWarmed) return; window.copWarmed = true;"
            " const entry = Array.from(document.scripts).map(s => s.src)"
            ".find(s => /\\/static\\/js\\/index\\.[^/]*\\.js$/.test(s)); if (!entry) return;"
            f" const files = {json.dumps([list(f) for f in files])};"
            " const idle = (f) => (window.requestIdleCallback ? requestIdleCallback(f, {timeout: IDLE})"
            " : setTimeout(f, 50));"
            " const load = ([js, css]) => { if (css) { const link = document.createElement('link');"
            " link.rel = 'stylesheet'; link.href = new URL('../css/' + css, entry).href;"
            " document.head.appendChild(link); }"
            " return import(new URL('./' + js, entry).href).catch(() => null); };"
            " const next = (i) => { if (i < files.length) idle(() => load(files[i]).then(() => next(i + 1))); };"
            " let quiet = null, started = false;"
            " const start = () => { if (started) return; started = true; watch.disconnect(); clearTimeout(quiet);"
            " load(files[0]).then(() => next(1)); };"
            " const shown = () => document.querySelector('FIRST');"
            " const watch = new MutationObserver(() => { if (shown()) return start();"
            " clearTimeout(quiet); quiet = setTimeout(start, QUIET); });"
            " watch.observe(document.body, {subtree: true, childList: true, characterData: true});"
            " if (shown()) start(); quiet = setTimeout(start, QUIET); setTimeout(start, LATEST); })();"
            ).replace("IDLE", str(FRONT_END_IDLE_TIMEOUT_MS)).replace("FIRST", FRONT_END_FIRST).replace("QUIET", str(FRONT_END_QUIET_MS)
                                                                       ).replace("LATEST", str(FRONT_END_LATEST_MS))


def _warm_server(delay: float, modules: tuple[str, ...]) -> None:
    # At the server's normal priority: a script run that needs a module this thread is importing
    # waits for the import, and a lowered priority would make it wait longer (priority inversion).
    time.sleep(delay)
    if modules and modules[0] in sys.modules:
        # A view that needs them has run already (an officer who clicked at once), and is
        # importing the rest itself: importing beside it would only compete with it.
        return
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a warm-up is a nicety: the view imports it anyway
            continue


def warm_server_later(delay: float = SERVER_DELAY_S, modules: tuple[str, ...] = SERVER_MODULES) -> bool:
    """Start the server's warm-up once per process; True when this call started it."""
    global _started
    with _start_lock:
        if _started:
            return False
        _started = True
    threading.Thread(target=_warm_server, args=(delay, modules), name="cop-warm-up", daemon=True).start()
    return True
