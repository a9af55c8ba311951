"""The app's session state that outlives one view, and its mirror in the URL's query parameters.

State lives in ``st.session_state`` and is mirrored in the query parameters (``view``, ``doc``,
``measure``), so a cross-reference link or a bookmark opens the same place. This module owns the
names of the views, the widget values kept across views, the links and callbacks that move to a
measure, and the limits per document as the sidebar set them.
"""

from __future__ import annotations

from urllib.parse import quote

import streamlit as st

from analyser import budgets

VIEWS = ["Overview", "Matrix", "Service profile", "Measure", "Search", "Notes", "Export",
         "Compare versions"]

# Widget values that must outlive a visit to another view (Streamlit forgets the value of a
# widget that is not drawn in a run unless it is written back like this before any widget).
_KEPT = ("measure", "search_q", "cmp_old", "cmp_new", "m_service", "rd_questions")
_KEPT_PREFIXES = ("sp_", "mx_", "ex_", "notes_filter", "rd_q_", "lim_")  # lim_: the limits, panel closed


def keep_widget_values() -> None:
    ss = st.session_state
    for key in list(ss.keys()):
        if key in _KEPT or key.startswith(_KEPT_PREFIXES):
            ss[key] = ss[key]


def init_from_query_params() -> None:
    """On a session's first run, open the view, document and measure the URL names."""
    if st.session_state.get("_qp_read"):
        return
    st.session_state["_qp_read"] = True
    qp = st.query_params
    if qp.get("view") in VIEWS:
        st.session_state["view"] = qp["view"]
    if qp.get("doc"):
        st.session_state["doc"] = qp["doc"]
    if qp.get("measure"):
        st.session_state["measure"] = qp["measure"]


def mirror_in_query_params(view: str, doc_key: str) -> None:
    """Write the place on screen back to the URL (the measure only while the Measure view shows)."""
    st.query_params.update({"view": view, "doc": doc_key})
    if view == "Measure" and st.session_state.get("measure"):
        st.query_params["measure"] = st.session_state["measure"]
    elif "measure" in st.query_params:
        del st.query_params["measure"]


def measure_href(doc_key: str, mid: str) -> str:
    """A link (query parameters) that opens a measure of a document in the Measure view."""
    return f"?view=Measure&doc={quote(doc_key)}&measure={quote(mid)}"


def go_to_measure(mid: str) -> None:
    """Button callback: open a measure in the Measure view."""
    st.session_state["measure"] = mid
    st.session_state["view"] = "Measure"


def budget_settings() -> budgets.Budget:
    """The limits per document from the sidebar's settings (the defaults until changed there)."""
    d = budgets.Budget()
    ss = st.session_state
    return budgets.Budget(max_pages=int(ss.get("lim_pages", d.max_pages)),
                          max_chars=int(ss.get("lim_chars", d.max_chars)),
                          max_page_chars=int(ss.get("lim_page_chars", d.max_page_chars)),
                          max_seconds=float(ss.get("lim_seconds", d.max_seconds)))
