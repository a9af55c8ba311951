"""The sidebar: navigation between views, the document picker, uploading a PDF, fetching an
official code, and the limits per document."""

from __future__ import annotations

import hashlib
import os

import streamlit as st

from analyser import budgets
from analyser.errors import AnalyserError
from analyser.export import SAMPLE_LABEL

from .common import guarded
from .documents import Doc, catalogued_documents, documents, fetchable_entries, remember_upload_name, uploads_dir
from .services import load
from .state import VIEWS
from .user_counts import format_amount, parse_amount

MAX_UPLOAD_MB = int(st.get_option("server.maxUploadSize"))  # .streamlit/config.toml
ADD_PANEL = "sb_add_document"  # session keys of the two panels' open state
LIMITS_PANEL = "sb_limits"


# The limits per document: (value key, label, lowest, highest, unit, whole number). The value
# lives in session state under its key (state.budget_settings reads it); the officer types into a
# text field (key + "_text") that shows it with thousands separators, since a number input can show
# only bare digits (20000000: count the zeros), and accepts "2,000,000", "2m" or "2 000 000".
LIMITS = (("lim_pages", "Pages", 1, 1_000_000, "pages", True),
          ("lim_chars", "Characters of text", 1_000, 2_000_000_000, "characters", True),
          ("lim_page_chars", "Characters on one page", 1_000, 100_000_000, "characters", True),
          ("lim_seconds", "Seconds to read it", 1, 86_400, "seconds", False))


def _limit_typed(key: str, low: float, high: float, unit: str, whole: bool) -> None:
    """Text field callback: read the limit; on success keep it and show it with separators, else
    keep the last good value and say what is wrong with the text."""
    ss = st.session_state
    try:
        value = parse_amount(ss.get(f"{key}_text", ""), low, high, unit, ss.get(key, low), whole=whole)
    except ValueError as err:
        ss[f"_{key}_error"] = str(err)
        return
    ss[key], ss[f"{key}_text"], ss[f"_{key}_error"] = value, format_amount(value), None


def _limits_panel() -> None:
    d = budgets.Budget()
    ss = st.session_state
    defaults = {"lim_pages": d.max_pages, "lim_chars": d.max_chars, "lim_page_chars": d.max_page_chars,
                "lim_seconds": d.max_seconds}
    st.caption("A document over these limits stops with one line instead of keeping the app busy.")
    # The values live in session state (kept while the panel is closed, see state.py), so the
    # fields take them from there rather than from a default of their own.
    for key, label, low, high, unit, whole in LIMITS:
        ss.setdefault(key, defaults[key])
        if not ss.get(f"_{key}_error"):
            ss[f"{key}_text"] = format_amount(ss[key])
        st.text_input(label, key=f"{key}_text", on_change=_limit_typed, args=(key, low, high, unit, whole),
                      help=f"From {format_amount(low)} to {format_amount(high)} {unit}; with or without commas, "
                           "and 2m or 500k work too.")
        if ss.get(f"_{key}_error"):
            st.error(ss[f"_{key}_error"])


def _handle_upload(uploaded) -> None:
    """Save an uploaded PDF under its sha256 and analyse it; a bad file gets one clear line."""
    if uploaded is None or st.session_state.get("_upload_done") == uploaded.file_id:
        return
    st.session_state["_upload_done"] = uploaded.file_id
    data = uploaded.getvalue()
    sha = hashlib.sha256(data).hexdigest()
    target = uploads_dir() / f"{sha}.pdf"
    fresh = not target.exists()
    if fresh:
        tmp = target.with_suffix(".part")
        tmp.write_bytes(data)
        os.replace(tmp, target)
    remember_upload_name(sha, uploaded.name)  # first: the analysis and its citations use this name
    try:
        load(str(target))
    except AnalyserError as err:
        if fresh:
            target.unlink(missing_ok=True)
        st.session_state["_upload_error"] = f"{uploaded.name}: {err.cause}"
        return
    st.session_state["_upload_error"] = None
    st.session_state["doc"] = f"up:{sha}"


def _fetch_panel() -> None:
    try:
        wanted = fetchable_entries()
    except AnalyserError as err:
        st.error(str(err))
        return
    if not wanted:
        st.caption("Every official code in the catalogue is on this machine.")
        return
    names = {e.name: e for e in wanted}
    choice = st.selectbox("Official code to fetch", list(names), key="fetch_choice",
                          format_func=lambda n: names[n].label + ("" if names[n].verified else " — unverified"))
    if not names[choice].verified:
        st.caption("No sha256 and size are recorded for this document: any PDF the address returns is kept.")
    if st.button("Fetch", key="fetch_go", help="Download it from the publisher (needs a network)"):
        from analyser.fetch import fetch

        bar = st.progress(0.0, text="Connecting …")

        def progress(done: int, total: int | None) -> None:
            frac = done / total if total else 0.0
            bar.progress(min(frac, 1.0), text=f"{done / 1e6:.1f} MB" + (f" of {total / 1e6:.1f} MB" if total else ""))

        try:
            fetch(names[choice], progress=progress)
        except AnalyserError as err:
            bar.empty()
            st.error(str(err))
        else:
            bar.empty()
            catalogued_documents.clear()
            fetchable_entries.clear()
            st.session_state["doc"] = f"cat:{choice}"
            st.rerun()


def sidebar() -> Doc | None:
    """Draw the sidebar; the document picked (None when there is none to pick)."""
    sb = st.sidebar
    # The app's name, not a heading: the h1 of each view is its title (headings in order).
    sb.markdown('<p class="app-name">Code of Practice Analyser</p>', unsafe_allow_html=True)
    sb.radio("View", VIEWS, key="view")
    picker = sb.container()
    # Both panels are drawn only while open (Streamlit's lazy expander: opening one reruns). Drawn
    # closed, their upload box, fetch panel and four number inputs cost the first page about 0.6 s
    # on the 2-core machine (the browser loads and runs each widget's code even when hidden).
    add = sb.expander("Add a document", key=ADD_PANEL, on_change="rerun")
    if add.open:
        with add:
            uploaded = st.file_uploader(
                f"Upload a code (PDF, up to {MAX_UPLOAD_MB} MB)", type=["pdf"], key="upload",
                help="Kept in your data folder under its sha256, so notes on it are never lost.")
            _handle_upload(uploaded)
            if st.session_state.get("_upload_error"):
                st.error(st.session_state["_upload_error"])
            st.divider()
            guarded(_fetch_panel)
    limits = sb.expander("Limits per document", key=LIMITS_PANEL, on_change="rerun")
    if limits.open:
        with limits:
            _limits_panel()
    docs, problems = documents()
    with picker:
        for p in problems:
            st.error(p)
        if not docs:
            st.info("No document is available yet: upload a PDF below.")
            return None
        by_key = {d.key: d for d in docs}
        if st.session_state.get("doc") not in by_key:
            st.session_state["doc"] = docs[0].key
        st.selectbox("Document", list(by_key), key="doc", format_func=lambda k: by_key[k].label)
        doc = by_key[st.session_state["doc"]]
        if doc.sample:
            st.markdown(f"**{SAMPLE_LABEL}**")  # body text: a caption is grey at 0.6 opacity, under 4.5:1
    return doc
