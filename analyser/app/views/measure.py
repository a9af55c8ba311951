"""The Measure view: one measure's full text with qualifiers and content scope highlighted, its
status for the service being examined, the loophole box, footnotes, cross-references (both ways),
page citations that open the PDF, and the notes on it."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from analyser import highlight
from analyser.models import Measure, ServiceProfile
from analyser.scope import loophole_reasons, scope_qualifiers
from analyser.search import citation
from analyser.statuses import reason_words, rule_words, status_label, status_words

from ..common import SAMPLE_LABEL, Ctx, condition_words, md, measure_for_target, measure_label
from ..documents import is_sample, pdf_url
from ..grids import PHRASE_PX, wrapped
from ..services import archetype_titles, archetypes, dependents, statuses
from ..state import go_to_measure, measure_href
from .notes import notes_fragment


def _service_choices() -> tuple[list[str], dict[str, str]]:
    titles = archetype_titles()
    keys = (["(current)"] if st.session_state.get("current_profile") else []) + list(archetypes())
    names = {"(current)": f"the service described in Service profile "
                          f"({(st.session_state.get('current_profile') or {}).get('name', '')})", **titles}
    return ["(none)", *keys], names


def measure_service_status(ctx: Ctx, m: Measure) -> None:
    """The measure's status for the service being examined, with its reason, above the text."""
    keys, names = _service_choices()
    if st.session_state.get("m_service") not in keys:
        st.session_state["m_service"] = "(current)" if "(current)" in keys else "(none)"
    key = st.selectbox("Status for", keys, key="m_service",
                       format_func=lambda k: "no service" if k == "(none)" else names.get(k, k))
    if key == "(none)":
        st.caption("Describe a service in Service profile, or pick an archetype here, to see this measure's "
                   "status for it.")
        return
    profile = ServiceProfile(**st.session_state["current_profile"]) if key == "(current)" else archetypes()[key]
    status = statuses(ctx.code, profile).get(m.id)
    if status is None:
        return
    name = profile.name if key == "(current)" else names.get(key, key)
    w = status_words(status.status)
    st.markdown(f'<div class="status-box" style="border-left:8px solid {w.edge}"><b>{highlight.render(status_label(status.status), [])}'
                f'</b> — it {highlight.render(w.phrase, [])} {highlight.render(name, [])}. '
                f'{highlight.render(reason_words(status.status, status.reason), [])}<br>'
                f'<span class="note-meta">{highlight.render(w.label, [])}: {highlight.render(w.definition, [])}</span></div>',
                unsafe_allow_html=True)


def _picker(ctx: Ctx) -> Measure:
    """The measure picker with Previous and Next; the measure chosen."""
    code = ctx.code
    ids = [m.id for m in code.measures]
    if st.session_state.get("measure") not in ids:
        st.session_state["measure"] = ids[0]
    pos = ids.index(st.session_state["measure"])
    c1, c2, c3 = st.columns([6, 1, 1], vertical_alignment="bottom")
    c1.selectbox("Measure", ids, key="measure", format_func=lambda i: measure_label(code, i))
    c2.button("◀ Previous", key="m_prev", disabled=pos == 0, on_click=go_to_measure, args=(ids[max(pos - 1, 0)],))
    c3.button("Next ▶", key="m_next", disabled=pos == len(ids) - 1, on_click=go_to_measure,
              args=(ids[min(pos + 1, len(ids) - 1)],))
    m = code.measure(st.session_state["measure"])
    assert m is not None
    return m


def _applies_to(m: Measure) -> None:
    app = m.applicability
    if not app:
        return
    words = condition_words(m)
    # An HTML block (it starts with a tag), so Markdown syntax in the document's text shows as written.
    st.markdown(f'<div class="para"><b>Applies to:</b> {highlight.render(app.text, [])}'
                + (f"<br><i>Read as:</i> {highlight.render(words, [])}" if words else "") + "</div>",
                unsafe_allow_html=True)
    if app.index_applies_to:
        st.caption(f"The code's index says it applies to: {md(app.index_applies_to)}")
    if app.unparsed:
        st.warning("Wording not understood (kept, not dropped): " + "; ".join(f"“{md(u)}”" for u in app.unparsed))
    for w in app.warnings:
        st.warning(md(w))


def _go_buttons(title: str, key: str, m: Measure, targets: list[str]) -> None:
    if not targets:
        return
    st.markdown(f"**{title}**")
    cols = st.columns(min(len(targets), 4))
    for i, t in enumerate(targets):
        cols[i % len(cols)].button(f"Go to {t}", key=f"{key}_{m.id}_{t}", on_click=go_to_measure, args=(t,))


def view_measure(ctx: Ctx) -> None:
    import pandas as pd  # on demand: the first page (Overview) does without it
    code = ctx.code
    if not code.measures:
        st.info("No measures were found in this document.")
        return
    m = _picker(ctx)
    st.title(f"{md(m.id)}: {md(m.title)}")  # the view's one h1
    pages = f"p. {m.page_start}" if m.page_start == m.page_end else f"pp. {m.page_start}–{m.page_end}"
    st.caption(f"Chapter {md(m.chapter or '–')} {md(m.chapter_title or '')} · {pages} · {md(code.info.short_name)}"
               + (f" · {SAMPLE_LABEL}" if is_sample(ctx.doc, code) else ""))
    url = pdf_url(ctx.doc, ctx.sha, ctx.app_dir)
    if url:
        # A link that opens a new tab says so (WCAG 3.2.5 advice; screen readers read the text).
        st.markdown(f'<a href="{url}#page={m.page_start}" target="_blank" rel="noopener">Open the PDF at page '
                    f'{m.page_start} (opens in a new tab)</a>', unsafe_allow_html=True)
    else:
        with open(ctx.doc.path, "rb") as fh:
            st.download_button(f"Download the PDF (go to page {m.page_start})", fh.read(),
                               file_name=Path(ctx.doc.path).name, mime="application/pdf", key="m_pdf")

    measure_service_status(ctx, m)
    scopes = scope_qualifiers(m)
    s = m.qualifier_summary
    if s:
        reasons = loophole_reasons(m, scopes)  # the content scope is named with its citation
        text = highlight.render("; ".join(reasons), []) if reasons else ""
        # No colour of its own: the level is a word, and every hue already has a meaning (palette.py).
        st.markdown(f'<div class="risk"><b>Loophole risk: {highlight.render(s.loophole_risk, [])}</b>'
                    + (f" — {text}" if text else "") + "</div>", unsafe_allow_html=True)
    _applies_to(m)
    cats = sorted({q.category for q in m.qualifiers + scopes})
    if cats:
        st.markdown('<div class="para">Qualifiers: ' + highlight.legend_html(cats) + "</div>", unsafe_allow_html=True)

    def href_for(target: str) -> str | None:
        mid = measure_for_target(code, target)
        if not mid:
            return None
        return measure_href(ctx.doc.key, mid)

    for p in m.paragraphs:
        body = highlight.paragraph_html(p, m.qualifiers + scopes, cross_refs=m.cross_refs, href_for=href_for)
        refs = "".join(f"<sup>{highlight.render(n, [])}</sup>" for n in p.footnote_refs)
        strength = f" · {highlight.render(p.strength, [])}" if p.strength and p.strength != "none" else ""
        cite = highlight.render(citation(m.id, p.number, p.page), [])
        if url:  # each citation opens the PDF at its own page
            cite = (f'<a href="{url}#page={int(p.page)}" target="_blank" rel="noopener" '
                    f'title="Open the PDF here (new tab)" aria-label="{cite}, opens the PDF in a new tab">{cite}</a>')
        st.markdown(f'<div class="para"><span class="num">{highlight.render(p.number, [])}</span>{body}{refs}'
                    f'<span class="cite">[{cite}{strength}]</span></div>', unsafe_allow_html=True)
    if m.footnotes:
        st.markdown("**Footnotes**")
        for f in m.footnotes:
            st.markdown(f'<div class="para"><sup>{highlight.render(f.number, [])}</sup> {highlight.render(f.text, [])} '
                        f'<span class="cite">[p. {f.page}]</span></div>', unsafe_allow_html=True)
    _go_buttons("Cross-references", "xref", m,
                sorted({t for r in m.cross_refs if (t := measure_for_target(code, r.target)) and t != m.id}))
    _go_buttons("Measures that refer to this one", "dep", m, [d for d in dependents(code, m.id) if d != m.id])
    if m.qualifiers or scopes:
        with st.expander(f"Qualifiers in this measure ({len(m.qualifiers) + len(scopes):,})"):
            rows = [{"citation": citation(m.id, q.paragraph, q.page), "phrase": q.phrase, "category": q.category,
                     "qualifies": q.qualifies or "", "negated": "yes" if q.negated else "no",
                     "rule": rule_words(q.rule)} for q in m.qualifiers + scopes]
            st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch",
                         **wrapped(rows, {"phrase": PHRASE_PX, "qualifies": PHRASE_PX, "rule": PHRASE_PX}))
    st.header("Notes")
    notes_fragment(ctx, m, "m")
