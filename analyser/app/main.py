"""One run of the page (Streamlit runs the script again on every interaction): the style, the
place the URL names, the sidebar, the document's header and banners, and the chosen view inside
a guard, so that an unexpected error shows a short message and the other views keep working."""

from __future__ import annotations

import base64
import functools
import importlib
from pathlib import Path
from typing import Callable

import streamlit as st

from analyser import highlight
from analyser.errors import AnalyserError
from analyser.export import SAMPLE_LABEL

from . import state, warmup
from .common import Ctx, damage_banner, guarded, sample_banner
from .documents import documents
from .services import load, sha_of
from .sidebar import sidebar

# View -> (module under views/, function). Imported when first shown: a run draws one view, and
# importing all eight (with what they import) held back the first page of a fresh server.
VIEW_FUNCTIONS: dict[str, tuple[str, str]] = {
    "Overview": ("overview", "view_overview"), "Matrix": ("matrix", "view_matrix"),
    "Service profile": ("service_profile", "view_profile"), "Measure": ("measure", "view_measure"),
    "Search": ("search", "view_search"), "Notes": ("notes", "view_notes"), "Export": ("export", "view_export"),
    "Compare versions": ("compare", "view_compare")}
ICON = "assets/icon.png"  # beside app.py


def view_function(view: str) -> Callable:
    """The function that draws ``view`` (the Overview for a name it does not know)."""
    module, name = VIEW_FUNCTIONS.get(view, VIEW_FUNCTIONS["Overview"])
    return getattr(importlib.import_module(f"{__package__}.views.{module}"), name)


# The page's language. Streamlit serves one index.html for every app, with <html lang="en">, and
# has no setting for it; the officers' text is British English, which a screen reader should
# voice as such (WCAG 3.1.1). A one-line script, sent with the page (no request leaves the
# machine), sets it when the first run reaches the browser and again if anything resets it.
LANGUAGE = "en-GB"
_LANGUAGE_JS = ("(() => { const root = document.documentElement;"
                " const set = () => { if (root.lang !== 'LANG') root.lang = 'LANG'; }; set();"
                " if (!window.copLanguageKept) { window.copLanguageKept = true;"
                " new MutationObserver(set).observe(root, {attributes: true, attributeFilter: ['lang']}); } })();"
                ).replace("LANG", LANGUAGE)

# The page icon, as a data address in the page: set_page_config(page_icon=file) sends an icon
# file through Streamlit's image code, which imports numpy and PIL first (0.25 s alone, up to 0.9 s
# on the loaded 2-core machine while the browser fetches the first page's code from the same
# process), a cost the first page paid for a 380-byte file. Kept if Streamlit resets it.
_ICON_JS = ("(() => { const href = 'HREF'; const set = () => {"
            " for (const l of document.querySelectorAll('link[rel~=icon]')) if (l.href !== href) l.href = href; };"
            " set(); if (!window.copIconKept) { window.copIconKept = true; new MutationObserver(set)"
            ".observe(document.head, {subtree: true, childList: true, attributes: true, attributeFilter: ['href']}); }"
            " })();")


@functools.lru_cache(maxsize=4)
def icon_href(app_dir: Path) -> str:
    """The page icon (``assets/icon.png`` beside app.py) as a data address."""
    return "data:image/png;base64," + base64.b64encode((app_dir / ICON).read_bytes()).decode("ascii")


def page_head(app_dir: Path) -> None:
    """What Streamlit has no setting for, done by scripts sent with the page (one element, the
    run's last): the page's language, its icon, and loading the other views' code when the
    browser is idle (``warmup``)."""
    scripts = [_LANGUAGE_JS, _ICON_JS.replace("HREF", icon_href(app_dir)), warmup.front_end_script()]
    st.html("".join(f"<script>{js}</script>" for js in scripts if js), unsafe_allow_javascript=True,
            width="content")


def page(app_dir: Path) -> None:
    state.keep_widget_values()
    # Not st.html: in Streamlit 1.67 it strips a <style> (its sanitiser keeps <style> only with
    # unsafe_allow_javascript, which a style-only block ignores), so the rules never arrived.
    css = (app_dir / "assets" / "app.css").read_text(encoding="utf-8")
    st.markdown(f"<style>\n{css}</style>", unsafe_allow_html=True)
    state.init_from_query_params()
    st.session_state.setdefault("view", "Overview")
    doc = sidebar()
    if doc is None:
        st.title("Code of Practice Analyser")
        st.info("Upload a code of practice (PDF) in the sidebar to begin.")
        return
    try:
        code = load(doc.path)
    except AnalyserError as err:
        st.error(str(err))
        return
    sha = code.info.sha256 or sha_of(doc.path)
    ctx = Ctx(doc, code, sha, app_dir)
    view = st.session_state.get("view", "Overview")
    state.mirror_in_query_params(view, doc.key)
    # The document, above the view's title: a line of text, not a heading (one h1 per view).
    st.markdown(f'<p class="doc-title">{highlight.render(code.info.short_name, [])} · '
                f'{highlight.render(code.info.title, [])}</p>',
                unsafe_allow_html=True)
    sample_banner(doc, code)
    damage_banner(code)
    if code.info.sample and not doc.sample:
        st.sidebar.markdown(f"**{SAMPLE_LABEL}**")
    if view == "Compare versions":
        guarded(view_function(view), ctx, documents()[0])
        return
    guarded(view_function(view), ctx)


def skip_direct_run_check() -> bool:
    """Spare the first page of a server process Streamlit's check for a script run without
    ``streamlit run``; True when it is spared.

    Why: before the first element of a process goes out, Streamlit asks whether it runs in a
    REPL by ``inspect.stack()``, which reads the source of every frame of the script's thread and
    maps every loaded module to its file: 0.18-0.23 s of the first run on the 2-core machine
    (timed between ``set_page_config`` and the first element, 3 cold starts at load 6), before the
    page shows anything. Under a Streamlit runtime (``streamlit run``, AppTest) the check can only
    answer "no warning" (it warns only without a runtime, or from a REPL's root frame, which a
    script thread never has), so it is marked as done; without a runtime it is left alone. A
    Streamlit that renames the flag just runs its check (tests/test_app_speed.py notices)."""
    from streamlit import delta_generator, runtime

    if not runtime.exists() or not hasattr(delta_generator, "_use_warning_has_been_displayed"):
        return False
    delta_generator._use_warning_has_been_displayed = True
    return True


def run(app_dir: Path) -> None:
    """The whole page, for the script in ``app_dir`` (whose ``static/`` folder Streamlit serves)."""
    skip_direct_run_check()
    guarded(page, app_dir)
    # Last, after the view: st.html's code (and its sanitiser's) is loaded by the browser only
    # when the first st.html arrives; sent before the view, that load and the block's scripts
    # competed with the view's title and figures on a fresh server's first page.
    page_head(app_dir)
    warmup.warm_server_later()  # once per server process, after its first page
