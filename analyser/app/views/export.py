"""The Export view: the officer's selection (service, chapters, statuses, loophole risk, notes)
as XLSX, CSV, Markdown or DOCX with its provenance, and the response draft for that service."""

from __future__ import annotations

import streamlit as st

from analyser.export import MIME, WRITERS, build_selection, choose_measures
from analyser.models import ServiceProfile
from analyser.statuses import STATUS_WORDS

from ..common import Ctx, md, measure_label, status_legend
from ..grids import MATRIX_TITLE_PX, grid_or_list, wrapped
from ..services import archetype_titles, archetypes, statuses


def _export_profile(source: str) -> ServiceProfile | None:
    if source == "current service profile":
        return ServiceProfile(**st.session_state["current_profile"])
    return archetypes().get(source)


def view_export(ctx: Ctx) -> None:
    import pandas as pd  # on demand: the first page (Overview) does without it
    from analyser.export import file_stem

    code = ctx.code
    st.title("Export for a consultation response")
    types = archetypes(code.info.family)
    sources = ["(no service)"] + (["current service profile"] if st.session_state.get("current_profile") else []) + list(types)
    c1, c2 = st.columns(2)
    titles = archetype_titles()
    source = c1.selectbox("Statuses for", sources, key="ex_source", format_func=lambda k: titles.get(k, k))
    chapters = sorted({m.chapter for m in code.measures if m.chapter})
    f_ch = c2.multiselect("Chapters (all if empty)", chapters, key="ex_chapters")
    c3, c4, c5 = st.columns(3)
    if source == "(no service)":
        # Not a disabled picker: its greyed label fell under 4.5:1, and it said nothing anyway.
        c3.caption("Statuses: choose a service under “Statuses for” to filter by status.")
        f_status: list[str] = []
    else:
        f_status = c3.multiselect("Statuses (all if empty)", list(STATUS_WORDS), key="ex_statuses")
    f_risk = c4.multiselect("Loophole risk (all if empty)", ["high", "medium", "low", "none"], key="ex_risk")
    only_notes = c5.checkbox("Only measures with notes", key="ex_only_notes")
    with_text = st.checkbox("Include each measure's text with citations (Markdown and Word)", key="ex_text")
    profile = _export_profile(source)
    result = statuses(code, profile) if profile else {}
    notes = ctx.notes.for_code(ctx.sha, code.info.short_name)
    chosen = choose_measures(code, result, chapters=f_ch, status_filter=f_status if profile else (), risks=f_risk,
                             noted={n.measure_id for n in notes} if only_notes else None)
    service_name = (titles.get(source, source) if source in types else profile.name) if profile else None
    filters = {"chapters": ", ".join(f_ch), "statuses": ", ".join(f_status) if profile else "",
               "loophole risk": ", ".join(f_risk), "only measures with notes": "yes" if only_notes else ""}
    sel = build_selection(code, chosen, result, service_name, notes, filters=filters, include_text=with_text)
    st.write(f"**{len(sel.measures):,}** measures, {sum(len(m.qualifiers) for m in sel.measures):,} qualifiers, "
             f"{len(sel.notes):,} notes selected.")
    if sel.measures:
        rows = [{"measure": m.id, "title": m.title,
                 "status": sel.statuses[m.id].status if m.id in sel.statuses else ""} for m in sel.measures]
        # Titles wrap in rows tall enough for the longest (grids.py); a grid of one-line rows keeps
        # the short height it had, so the buttons below stay in sight.
        sizes = wrapped(rows, {"title": MATRIX_TITLE_PX})
        grid_or_list("ex_rows", rows, ("measure", "status"), lambda: st.dataframe(
            pd.DataFrame(rows), hide_index=True, width="stretch", **{"height": 240, **sizes}))
        if profile:
            status_legend()
    stem = file_stem(sel)
    st.caption(f"Every file carries the document, its version, source file and sha256, the service, these filters, "
               f"the analyser version and the time. File name: {md(stem)}.<format>")
    cols = st.columns(4)
    for col, (fmt, label) in zip(cols, (("xlsx", "Excel (XLSX)"), ("csv", "CSV"), ("md", "Markdown"),
                                        ("docx", "Word (DOCX)"))):
        col.download_button(f"{label}", WRITERS[fmt](sel), file_name=f"{stem}.{fmt}", mime=MIME[fmt],
                            key=f"dl_{fmt}", disabled=not sel.measures, width="stretch",
                            on_click="ignore")  # no rerun: the next download's file stays valid
    response_draft_panel(ctx, profile, service_name)


def response_draft_panel(ctx: Ctx, profile: ServiceProfile | None, service_name: str | None) -> None:
    """A response draft for the service chosen above: what it escapes, quoted and cited."""
    from analyser import response

    st.header("Response draft")
    if profile is None:
        st.info("Choose a service under “Statuses for” above to draft a response about it.")
        return
    code = ctx.code
    st.caption("For each measure this service escapes or is qualified for: the wording that lets it out, quoted "
               "with paragraph and page, what changes with and without end-to-end encryption, and your notes "
               "grouped as objections, concerns and agreements.")
    raw = st.text_area("The consultation's questions (optional, one per line; the draft follows their order)",
                       key="rd_questions", height=90)
    questions = []
    ids = [m.id for m in code.measures]
    for i, line in enumerate(q for q in raw.splitlines() if q.strip()):
        chosen = st.multiselect(f"Measures for: {line.strip()[:80]}", ids, key=f"rd_q_{i}",
                                format_func=lambda mid: measure_label(code, mid))
        questions.append(response.Question(line.strip(), list(chosen)))
    draft = response.build_draft(code, profile, ctx.notes.for_code(ctx.sha, code.info.short_name), questions,
                                 service_title=service_name)
    stem = response.file_stem(draft)
    c1, c2 = st.columns(2)
    c1.download_button("Response draft (Markdown)", response.to_markdown(draft), file_name=f"{stem}.md",
                       mime=MIME["md"], key="rd_md", width="stretch", on_click="ignore")
    c2.download_button("Response draft (Word)", response.to_docx(draft), file_name=f"{stem}.docx",
                       mime=MIME["docx"], key="rd_docx", width="stretch",
                       on_click="ignore")
