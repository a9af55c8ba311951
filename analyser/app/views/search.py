"""The Search view: every paragraph, title and application clause that holds all the words (or a
quoted phrase), with the hits and the paragraph's qualifiers highlighted."""

from __future__ import annotations

import streamlit as st

from analyser import highlight
from analyser.search import parse_query, search

from ..common import Ctx
from ..state import go_to_measure


def view_search(ctx: Ctx) -> None:
    code = ctx.code
    st.title("Search")
    query = st.text_input("Search all measures", key="search_q",
                          placeholder='e.g. "technically feasible" or encrypted messages')
    if not query.strip():
        st.caption('Words must all occur in one paragraph; put a phrase in double quotes.')
        return
    terms = parse_query(query)
    hits = search(code, query)
    st.write(f"**{len(hits):,}** hit{'s' if len(hits) != 1 else ''} in "
             f"{len({h.measure for h in hits}):,} measure(s).")
    for i, h in enumerate(hits[:200]):
        m = code.measure(h.measure)
        text = h.text
        spans = highlight.search_spans(text, terms)
        if h.where == "paragraph" and m:
            para = m.paragraph(h.paragraph)
            if para:
                spans += highlight.qualifier_spans(text, [q for q in m.qualifiers if q.paragraph == para.number])
        c1, c2 = st.columns([5, 1], vertical_alignment="center")
        c1.markdown(f'<div class="para"><b>{highlight.render(h.citation(), [])}</b> '
                    f'<span class="cite">{highlight.render(h.measure_title, [])} · {h.where}</span><br>'
                    f'{highlight.render(text, spans)}</div>', unsafe_allow_html=True)
        c2.button("Open", key=f"search_open_{i}", on_click=go_to_measure, args=(h.measure,))
    if len(hits) > 200:
        st.caption("Showing the first 200 hits; narrow the search to see the rest.")
