"""The officer's notes: the notes panel shared by the Measure and Notes views (several notes per
measure or paragraph, edit with history, delete after asking), and the Notes view (every note,
filtered by position, and notes shared with a team as JSON)."""

from __future__ import annotations

import time

import streamlit as st

from analyser import highlight
from analyser.models import Measure
from analyser.notes import POSITIONS
from analyser.search import citation

from ..common import Ctx, guarded, measure_label
from ..grids import AUTHOR_PX, DOCUMENT_PX, NARROW, NOTE_PX, WIDE, wrapped


def _when(t: float) -> str:
    return time.strftime("%d %b %Y %H:%M", time.localtime(t)) if t else ""


def _save_note(ctx: Ctx, m: Measure) -> None:
    """Form callback: add a note, or save the edit of the one being edited (its old wording is
    kept as a version). Runs before the page is drawn again, so the list shows the result."""
    ss = st.session_state
    target = ss.get(f"note_target_{m.id}") or None
    position = ss.get(f"note_pos_{m.id}")
    position = None if position in (None, "(none)") else position
    text = ss.get(f"note_text_{m.id}", "")
    author = ss.get(f"note_author_{m.id}", "")
    ss["note_author"] = author  # remembered for the next note, in any measure
    editing = ss.get(f"note_edit_{m.id}")
    page = (m.paragraph(target).page if target and m.paragraph(target) else m.page_start)
    if not text.strip():
        ss["_note_saved"] = ("warning", "Nothing saved: the note is empty.")
        return
    if editing:
        ctx.notes.update(editing, text, position, author)
        ss["_note_saved"] = ("success", f"Saved your change to the note on {citation(m.id, target, page)}; "
                                        "the earlier wording is kept in its history.")
        ss[f"note_edit_{m.id}"] = None
    else:
        ctx.notes.add(ctx.sha, ctx.code.info.short_name, m.id, text, position, target,
                      source_file=ctx.code.info.source_file, author=author)
        ss["_note_saved"] = ("success", f"Saved note on {citation(m.id, target, page)}.")
    ss[f"note_text_{m.id}"] = ""  # ready for the next note; the saved one is listed above


def _start_edit(m: Measure, note_id: str, text: str, position: str | None, paragraph: str | None,
                author: str) -> None:
    """Button callback: the form shows the note's existing wording, to be changed."""
    ss = st.session_state
    ss[f"note_edit_{m.id}"] = note_id
    ss[f"note_text_{m.id}"] = text
    ss[f"note_pos_{m.id}"] = position or "(none)"
    ss[f"note_target_{m.id}"] = paragraph or ""
    ss[f"note_author_{m.id}"] = author


def _cancel_edit(m: Measure) -> None:
    st.session_state[f"note_edit_{m.id}"] = None
    st.session_state[f"note_text_{m.id}"] = ""


def _ask_delete(note_id: str | None) -> None:
    st.session_state["note_delete_pending"] = note_id


def _confirm_delete(ctx: Ctx, note_id: str) -> None:
    ctx.notes.delete(note_id)
    st.session_state["note_delete_pending"] = None
    st.session_state["_note_saved"] = ("success", "Note deleted.")


def _note_card(ctx: Ctx, m: Measure, n, where: str) -> None:
    """One note: its target, position, author and time, its text, its history, Edit and Delete."""
    with st.container(border=True):
        meta = [n.target, n.position or "no position"]
        if n.author:
            meta.append(f"by {n.author}")
        meta.append(f"{'edited' if n.updated - n.created > 1 else 'written'} {_when(n.updated)}")
        if not n.same_document:
            meta.append("made on another edition of this code")
        st.markdown(f'<div class="note-meta">{highlight.render(" · ".join(meta), [])}</div>'
                    f'<div class="para">{highlight.render(n.text, [])}</div>', unsafe_allow_html=True)
        if not n.same_document:
            return
        history = ctx.notes.history(n.id)
        if history:
            with st.expander(f"Earlier versions ({len(history):,})"):
                for v in reversed(history):
                    st.markdown(f'<div class="note-meta">{highlight.render(_when(v.updated), [])} · '
                                f'{highlight.render(v.position or "no position", [])}</div>'
                                f'<div class="para">{highlight.render(v.text, [])}</div>', unsafe_allow_html=True)
        if st.session_state.get("note_delete_pending") == n.id:
            st.warning("Delete this note? It disappears from every view and export.")
            with st.container(horizontal=True):
                st.button("Yes, delete it", key=f"note_del_yes_{where}_{n.id}", on_click=_confirm_delete,
                          args=(ctx, n.id), type="primary")
                st.button("No, keep it", key=f"note_del_no_{where}_{n.id}", on_click=_ask_delete, args=(None,))
            return
        # A row of two buttons: one block (a horizontal container), not a row of three columns
        # (four blocks), so that a card sends five elements rather than eight.
        with st.container(horizontal=True):
            st.button("Edit", key=f"note_edit_btn_{where}_{n.id}", on_click=_start_edit,
                      args=(m, n.id, n.text, n.position, n.paragraph, n.author))
            st.button("Delete", key=f"note_del_{where}_{n.id}", on_click=_ask_delete, args=(n.id,))


def _note_form(ctx: Ctx, m: Measure) -> None:
    ss = st.session_state
    targets = [""] + [p.number for p in m.paragraphs]
    if ss.get(f"note_target_{m.id}") not in targets:
        ss[f"note_target_{m.id}"] = ""
    ss.setdefault(f"note_author_{m.id}", ss.get("note_author", ""))
    editing = ss.get(f"note_edit_{m.id}")
    with st.form(key=f"note_form_{m.id}", clear_on_submit=False):
        st.markdown("**Edit the note**" if editing else "**Add a note**")
        c1, c2 = st.columns([2, 1])
        c1.selectbox("On", targets, key=f"note_target_{m.id}", disabled=bool(editing),
                     format_func=lambda t: f"paragraph {t}" if t else "the whole measure")
        c2.text_input("Your name (optional)", key=f"note_author_{m.id}")
        st.radio("Position", ["(none)", *POSITIONS], horizontal=True, key=f"note_pos_{m.id}")
        st.text_area("Note", key=f"note_text_{m.id}", height=100)
        st.form_submit_button("Save changes" if editing else "Save note", on_click=guarded,
                              args=(_save_note, ctx, m))
    if editing:
        st.button("Cancel the edit", key=f"note_cancel_{m.id}", on_click=_cancel_edit, args=(m,))


def _saved_message() -> None:
    """What the last save, edit or delete did ("Saved note on ...")."""
    saved = st.session_state.pop("_note_saved", None)
    if saved:
        (st.success if saved[0] == "success" else st.warning)(saved[1])


def notes_panel(ctx: Ctx, m: Measure, where: str) -> None:
    """Every note on a measure (each paragraph may carry several), then the form to add or edit."""
    notes = ctx.notes.for_measure(ctx.sha, ctx.code.info.short_name, m.id)
    order = {p.number: i for i, p in enumerate(m.paragraphs)}
    notes.sort(key=lambda n: (n.paragraph is not None, order.get(n.paragraph or "", 0), n.created))
    # On the page: the notes, the form, then "Saved ..." under it. Sent in another order: the
    # browser draws a run's parts in the order they arrive, each part costing more the more there
    # is on the page, so the confirmation goes first, then the form, then the cards (sending the
    # form before the cards made a save's confirmation show about 0.1 s sooner, measured in
    # Chromium with bench/bench_workspace.py's page clock; the confirmation before the form is
    # issue 14's seventh pass, bench/RESULTS.md).
    cards = st.container()
    form = st.container()
    _saved_message()
    with form:
        _note_form(ctx, m)
    with cards:
        if not notes:
            st.caption("No notes on this measure yet.")
        for n in notes:
            _note_card(ctx, m, n, where)


# In the Measure view the notes rerun on their own: saving a note redraws the notes, not the
# measure's text, highlights and statuses above them (a save went from about 1 s to a fraction).
notes_fragment = st.fragment(notes_panel)


def _import_notes(ctx: Ctx) -> None:
    """Button callback: merge an uploaded notes file; a newer note on this machine always stands."""
    uploaded = st.session_state.get("notes_import_file")
    if uploaded is None:
        st.session_state["_notes_import"] = ("warning", "Choose a notes file (JSON) first.")
        return
    try:
        result = ctx.notes.import_json(uploaded.getvalue())
    except ValueError as err:
        st.session_state["_notes_import"] = ("error", f"{uploaded.name}: {err}")
        return
    st.session_state["_notes_import"] = ("success", f"{uploaded.name}: {result.summary()}.")


def _notes_list(notes: list, ctx: Ctx) -> str:
    """The notes as a list (HTML) for a narrow page: each note's target, position, author, time,
    versions and edition on one line, then its whole text (line breaks kept, escaped)."""
    items = []
    for n in notes:
        meta = [n.target, n.position or "no position"]
        if n.author:
            meta.append(f"by {n.author}")
        meta.append(f"{'edited' if n.updated - n.created > 1 else 'written'} {_when(n.updated)}")
        versions = 1 + len(ctx.notes.history(n.id)) if n.same_document else 1
        if versions > 1:
            meta.append(f"{versions:,} versions")
        if not n.same_document:
            meta.append(f"made on another edition ({n.source_file})")
        items.append(f'<li><div class="note-meta">{highlight.render(" · ".join(meta), [])}</div>'
                     f'<div class="para">{highlight.render(n.text, [])}</div></li>')
    return f'<ul class="note-list">{"".join(items)}</ul>'


def view_notes(ctx: Ctx) -> None:
    import pandas as pd  # on demand: the first page (Overview) does without it
    code = ctx.code
    st.title("Notes")
    notes = ctx.notes.for_code(ctx.sha, code.info.short_name)
    positions = st.multiselect("Position", ["agree", "concern", "object", "(none)"], key="notes_filter")
    shown = [n for n in notes if not positions or (n.position or "(none)") in positions]
    if shown:
        rows = [{"on": n.target, "position": n.position or "", "note": n.text, "author": n.author,
                 "updated": _when(n.updated),
                 "versions": 1 + len(ctx.notes.history(n.id)) if n.same_document else 1,
                 "document": "this one" if n.same_document else f"other edition ({n.source_file})"}
                for n in shown]
        # An officer's note is the point of this grid: it wraps (line breaks kept) in rows tall
        # enough for the longest, rather than being cut with an ellipsis (grids.py). On a narrow
        # page (a phone, or 400% zoom) the grid is wider than the page and scrolls sideways, so
        # the same notes are drawn as a list that reflows, each note whole; app.css shows one of
        # the two by the page's width (WCAG 2.2, 1.4.10).
        with st.container(key=f"{WIDE}notes"):
            st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch",
                         **wrapped(rows, {"on": AUTHOR_PX, "note": NOTE_PX, "author": AUTHOR_PX, "document": DOCUMENT_PX},
                                   details="read it whole under “Notes on one measure” below"))
        with st.container(key=f"{NARROW}notes"):
            st.markdown(_notes_list(shown, ctx), unsafe_allow_html=True)
    else:
        st.info("No notes yet. Write one here or in the Measure view.")
    st.header("Notes on one measure")
    ids = [m.id for m in code.measures]
    if ids:
        mid = st.selectbox("Measure", ids, key="notes_measure", format_func=lambda i: measure_label(code, i))
        notes_panel(ctx, code.measure(mid), "n")
    st.header("Share notes with your team")
    st.caption("Download every note (with its history) as a JSON file; importing a colleague's file adds their "
               "notes and takes a note of yours only where theirs is a newer version of it.")
    c1, c2 = st.columns(2)
    c1.download_button("Download all notes (JSON)", ctx.notes.export_json().encode("utf-8"),
                       file_name="analyser-notes.json", mime="application/json", key="notes_export",
                       on_click="ignore")
    with c2:
        st.file_uploader("Notes file to import (JSON)", type=["json"], key="notes_import_file")
        st.button("Import notes", key="notes_import", on_click=guarded, args=(_import_notes, ctx))
    # the last import's outcome stays on the page (not popped once shown): a rerun that starts before this one has
    # drawn it, as a file chosen a moment earlier can cause, would otherwise lose it and the officer see nothing
    done = st.session_state.get("_notes_import")
    if done:
        {"success": st.success, "warning": st.warning, "error": st.error}[done[0]](done[1])
