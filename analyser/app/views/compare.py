"""The Compare versions view: two editions side by side (what was added, removed, renumbered,
reworded, which qualifiers and which archetypes' statuses changed), and the comparison's export."""

from __future__ import annotations

import streamlit as st

from analyser import highlight
from analyser.export import MIME, SAMPLE_LABEL

from ..common import Ctx, md, status_legend
from ..documents import Doc, is_sample
from ..grids import PHRASE_PX, REASON_PX, TITLE_PX, grid_or_list, wrapped
from ..services import archetype_titles, comparison, comparison_docx, load


def _pickers(ctx: Ctx, docs: list[Doc]) -> tuple[Doc, Doc]:
    """The older and newer edition pickers (the current document first, another one second)."""
    by_key = {d.key: d for d in docs}
    keys = list(by_key)
    c1, c2 = st.columns(2)
    if st.session_state.get("cmp_old") not in by_key:
        st.session_state["cmp_old"] = ctx.doc.key
    if st.session_state.get("cmp_new") not in by_key:
        st.session_state["cmp_new"] = next((k for k in keys if k != ctx.doc.key), keys[0])
    old_key = c1.selectbox("Older edition", keys, key="cmp_old", format_func=lambda k: by_key[k].label)
    new_key = c2.selectbox("Newer edition", keys, key="cmp_new", format_func=lambda k: by_key[k].label)
    return by_key[old_key], by_key[new_key]


def view_compare(ctx: Ctx, docs: list[Doc]) -> None:
    st.title("Compare versions")
    if len(docs) < 2:
        st.info("Only one document is available: upload another edition (sidebar, “Add a document”) "
                "to compare it with this one.")
    old_doc, new_doc = _pickers(ctx, docs)
    old, new = load(old_doc.path), load(new_doc.path)
    cmp = comparison(old, new)
    if is_sample(old_doc, old) or is_sample(new_doc, new):
        st.caption(f"**{SAMPLE_LABEL}**")
    if not cmp.comparable:
        st.warning(md(cmp.message))
        return
    if not cmp.has_changes:
        st.success("No changes: the two documents say the same thing.")
    counts = cmp.counts()
    cols = st.columns(5)
    for col, key in zip(cols, ("added", "removed", "renumbered", "changed", "applicability_changes")):
        col.metric(key.replace("_", " "), f"{counts.get(key, 0):,}")
    with st.expander("Summary in words", expanded=True):
        st.markdown("<ul style='margin:0'>" + "".join(f"<li>{highlight.render(line, [])}</li>"
                    for line in cmp.summary_lines()) + "</ul>", unsafe_allow_html=True)
    t_changed, t_moves, t_quals, t_apply = st.tabs(["Changed measures", "Added / removed / renumbered",
                                                    "Qualifier changes", "Applicability changes"])
    with t_changed:
        _changed(cmp)
    with t_moves:
        _moves(cmp)
    with t_quals:
        _qualifier_changes(cmp)
    with t_apply:
        _applicability_changes(cmp)
    st.header("Export the comparison")
    _downloads(cmp, f"compare-{old.info.short_name.lower()}")


def _changed(cmp) -> None:
    from analyser import compare_render

    if not cmp.changed:
        st.caption("No measure was reworded.")
    for c in cmp.changed:
        label = c.new_id if not c.renumbered else f"{c.old_id} → {c.new_id}"
        with st.expander(f"{label} ({len(c.changed_paragraphs):,} paragraph(s) changed)",
                         expanded=len(cmp.changed) <= 3):
            if c.title:
                o, n = compare_render.paragraph_diff_html(c.title)
                st.markdown(f'<div class="diffcell"><b>Title:</b> {o} → {n}</div>', unsafe_allow_html=True)
            if c.application:
                o, n = compare_render.paragraph_diff_html(c.application)
                st.markdown(f'<div class="diffcell"><b>Application:</b> {o}<br>→ {n}</div>', unsafe_allow_html=True)
                if c.old_condition or c.new_condition:
                    st.caption(f"Read as: {md(c.old_condition or '–')} → {md(c.new_condition or '–')}")
            for p in c.changed_paragraphs:
                o, n = compare_render.paragraph_diff_html(p)
                left, right = st.columns(2)
                head_o = f"{p.old_number or '—'}" + (f" (p. {p.old_page})" if p.old_page else "")
                head_n = f"{p.new_number or '—'}" + (f" (p. {p.new_page})" if p.new_page else "")
                note = f" · {p.status}" + (" (moved)" if p.moved and p.status != "moved" else "")
                left.markdown(f'<div class="diffcell"><b>{highlight.render(head_o, [])}</b>{note}<br>{o}</div>',
                              unsafe_allow_html=True)
                right.markdown(f'<div class="diffcell"><b>{highlight.render(head_n, [])}</b><br>{n}</div>',
                               unsafe_allow_html=True)


def _moves(cmp) -> None:
    import pandas as pd  # on demand: the first page (Overview) does without it

    if cmp.added:
        st.markdown("**Added**")
        rows = [{"measure": m.id, "title": m.title, "pages": f"{m.page_start}–{m.page_end}",
                 "applies to": m.application} for m in cmp.added]
        grid_or_list("cmp_added", rows, ("measure", "pages"), lambda: st.dataframe(
            pd.DataFrame(rows), hide_index=True, width="stretch",
            **wrapped(rows, {"title": TITLE_PX, "applies to": REASON_PX})))
    if cmp.removed:
        st.markdown("**Removed**")
        removed = [{"measure": m.id, "title": m.title, "applies to": m.application} for m in cmp.removed]
        grid_or_list("cmp_removed", removed, ("measure",), lambda: st.dataframe(
            pd.DataFrame(removed), hide_index=True, width="stretch",
            **wrapped(removed, {"title": TITLE_PX, "applies to": REASON_PX})))
    if cmp.renumbered:
        st.markdown("**Renumbered**")
        moved = [{"old": r.old_id, "new": r.new_id, "title": r.new_title, "similarity": round(r.similarity, 2)}
                for r in cmp.renumbered]
        grid_or_list("cmp_renumbered", moved, ("old", "new"), lambda: st.dataframe(
            pd.DataFrame(moved), hide_index=True, width="stretch", **wrapped(moved, {"title": TITLE_PX})))
    if not (cmp.added or cmp.removed or cmp.renumbered):
        st.caption("No measure was added, removed or renumbered.")


def _qualifier_changes(cmp) -> None:
    import pandas as pd  # on demand: the first page (Overview) does without it

    if cmp.qualifier_changes:
        rows = [{"measure": q.measure, "paragraph": q.paragraph, "change": q.change, "phrase": q.phrase,
                 "category": q.category, "was": q.old_category or "", "summary": q.summary}
                for q in cmp.qualifier_changes]
        grid_or_list("cmp_quals", rows, ("measure", "paragraph", "change"), lambda: st.dataframe(
            pd.DataFrame(rows), hide_index=True, width="stretch",
            **wrapped(rows, {"phrase": PHRASE_PX, "summary": REASON_PX})))
    else:
        st.caption("No qualifier was gained or lost.")


def _applicability_changes(cmp) -> None:
    import pandas as pd  # on demand: the first page (Overview) does without it

    if cmp.applicability_changes:
        status_legend()
        names = archetype_titles()
        rows = [{"archetype": names.get(s.archetype, s.archetype), "measure": s.new_id, "was": s.old_status,
                 "now": s.new_status, "why now": s.new_reason} for s in cmp.applicability_changes]
        grid_or_list("cmp_apply", rows, ("archetype", "measure"), lambda: st.dataframe(
            pd.DataFrame(rows), hide_index=True, width="stretch",
            **wrapped(rows, {"archetype": TITLE_PX, "why now": REASON_PX})))
    else:
        st.caption("No archetype's status changed.")


def _downloads(cmp, stem: str) -> None:
    from analyser import compare_render

    d1, d2, d3 = st.columns(3)
    d1.download_button("Markdown", compare_render.to_markdown(cmp).encode("utf-8"), file_name=f"{stem}.md",
                       mime="text/markdown", key="cmp_md", width="stretch")
    d2.download_button("HTML", compare_render.to_html(cmp).encode("utf-8"), file_name=f"{stem}.html",
                       mime="text/html", key="cmp_html", width="stretch")
    d3.download_button("Word (DOCX)", comparison_docx(cmp), file_name=f"{stem}.docx",
                       mime=MIME["docx"], key="cmp_docx", width="stretch")
