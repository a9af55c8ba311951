"""The Overview view: counts, measures by chapter, qualifiers by category and chapter, the
measures with the most loophole risk, and the parser's warnings."""

from __future__ import annotations

import html

import streamlit as st

from analyser import charts, highlight, overview

from ..common import Ctx, md, measure_label
from ..state import go_to_measure, measure_href


def figures_html(figures: list[tuple[str, int]]) -> str:
    """Labelled counts as a description list (label, then the count with thousands separators),
    laid out in a row that wraps on a narrow page (``.cop-figures`` in assets/app.css)."""
    items = "".join(f"<div><dt class='cop-figure-label'>{html.escape(label)}</dt>"
                    f"<dd class='cop-figure-value'>{count:,}</dd></div>" for label, count in figures)
    return f"<dl class='cop-figures'>{items}</dl>"


def view_overview(ctx: Ctx) -> None:
    code = ctx.code
    info = code.info
    summary = overview.summarise(code)
    st.title("Overview")
    # The four figures as one piece of HTML, not four st.metric. A metric's code is loaded by the
    # browser only when the first metric arrives (late in a fresh server's first run); until then
    # each shows a placeholder, and React 18 (Streamlit 1.67's) reveals a waiting element no sooner
    # than 0.5 s after the last placeholder it drew anywhere on the page. HTML is drawn at once
    # with code the page already has (bench/RESULTS.md, issue 14, ninth pass).
    st.markdown(figures_html([("Measures", summary.measures), ("Paragraphs", summary.paragraphs),
                              ("Qualifiers flagged", summary.qualifiers),
                              ("High loophole risk", summary.high_risk)]), unsafe_allow_html=True)
    st.caption(f"{md(info.title)} · {md(info.short_name)} · {md(info.version or 'undated')} · {info.page_count:,} pages · "
               f"profile {info.profile} · sha256 {info.sha256[:12]}…")

    # The charts are HTML tables (charts.py): drawn with the page, not by Vega's 1 MB of code.
    left, right = st.columns(2)
    with left:
        st.header("Measures by chapter")
        if summary.chapters:
            st.markdown(charts.measures_by_chapter(summary), unsafe_allow_html=True)
    with right:
        st.header("Qualifiers by category and chapter")
        if summary.qualifier_counts:
            st.markdown(charts.qualifiers_by_category(summary), unsafe_allow_html=True)
        else:
            st.info("No qualifiers were flagged in this document.")

    st.header("Measures with the most loophole risk")
    top = summary.ranking[:15]
    if top:
        rows = [(r.measure, r.title, r.loophole_risk, r.why, r.qualifiers) for r in top]
        st.markdown(highlight.table_html(["measure", "title", "loophole risk", "why", "qualifiers"], rows,
                                         href_for=lambda row: measure_href(ctx.doc.key, row[0])),
                    unsafe_allow_html=True)
        pick = st.selectbox("Open a measure", [r.measure for r in summary.ranking], key="ov_open",
                            format_func=lambda mid: measure_label(code, mid))
        st.button("Open in Measure view", key="ov_go", on_click=go_to_measure, args=(pick,))
    if code.reconciliation.missing_from_body or code.reconciliation.missing_from_index:
        st.warning("The code's index and its body disagree: "
                   f"in the index only: {md(', '.join(code.reconciliation.missing_from_body)) or 'none'}; "
                   f"in the body only: {md(', '.join(code.reconciliation.missing_from_index)) or 'none'}.")
    if code.warnings:
        with st.expander(f"Parser warnings ({len(code.warnings)})"):
            for w in code.warnings:  # damage first (ranked so by the extractor)
                st.markdown(f"- {'**damage:** ' if w.severity == 'damage' else ''}{md(w.message)}"
                            + (f" (p. {w.page})" if w.page else ""))
