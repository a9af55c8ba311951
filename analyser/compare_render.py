"""Render a ``Comparison`` for people: Markdown, a self-contained HTML page, DOCX and JSON.

Every piece of document text is untrusted (it comes from a PDF anybody could have written), so the
HTML renderer escapes all of it and the Markdown renderer escapes both HTML and
Markdown syntax, by the one rule in ``safe_output``: a paragraph containing ``<script>`` must show as text, never run. Insertions and
deletions are shown the way a reviewer expects: ``<ins>``/``<del>`` in HTML (side by side, old on the
left), underlined green and struck-through red runs in DOCX, ``**bold**``/``~~strike~~`` in Markdown.

``paragraph_diff_html`` is the building block the app's side-by-side view uses.

This module owns JSON, Markdown and HTML, and the words and labels every format shares; the Word
writer lives in ``compare_render_docx`` (``to_docx`` here hands over to it, so python-docx is
imported only when a Word file is asked for).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from . import safe_output
from .compare_model import Comparison, FootnoteDiff, MeasureChange, ParagraphDiff, TextDiff, WordOp

__all__ = ["paragraph_diff_html", "to_docx", "to_html", "to_json", "to_markdown"]

_STATUS_WORDS = {
    "unchanged": "unchanged",
    "changed": "reworded",
    "moved": "moved",
    "renumbered": "renumbered",
    "added": "added",
    "removed": "removed",
}


def _ops(diff: ParagraphDiff | TextDiff | Sequence[WordOp]) -> Sequence[WordOp]:
    return diff.ops if isinstance(diff, ParagraphDiff | TextDiff) else diff


def _plain_sides(diff: ParagraphDiff | TextDiff | Sequence[WordOp]) -> tuple[str, str]:
    if isinstance(diff, ParagraphDiff):
        return diff.old_text, diff.new_text
    if isinstance(diff, TextDiff):
        return diff.old, diff.new
    return "", ""


def paragraph_diff_html(diff: ParagraphDiff | TextDiff | Sequence[WordOp]) -> tuple[str, str]:
    """(old_html, new_html): each side's text, escaped, with ``<del>`` on the old and ``<ins>`` on the new.

    A ``replace`` op shows as a deletion on the left and an insertion on the right. An unchanged
    paragraph (no ops) comes back as its escaped text on both sides.
    """
    ops = _ops(diff)
    if not ops:
        old, new = _plain_sides(diff)
        return _e(old), _e(new)
    left: list[str] = []
    right: list[str] = []
    for op in ops:
        if op.op == "equal":
            left.append(_e(op.old))
            right.append(_e(op.new))
        else:
            if op.old:
                left.append(f"<del>{_e(op.old)}</del>")
            if op.new:
                right.append(f"<ins>{_e(op.new)}</ins>")
    return " ".join(left), " ".join(right)


# ---------------------------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------------------------


def to_json(cmp: Comparison, indent: int | None = 2) -> str:
    return json.dumps(cmp.to_dict(), indent=indent, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------------------------

def _md(text: str | None) -> str:
    """Document text made inert in Markdown (``safe_output.markdown``: the rule every writer uses)."""
    return safe_output.markdown(text) if text else ""


def _md_ops(ops: Sequence[WordOp]) -> str:
    out = []
    for op in ops:
        if op.op == "equal":
            out.append(_md(op.old))
            continue
        if op.old:
            out.append(f"~~{_md(op.old)}~~")
        if op.new:
            out.append(f"**{_md(op.new)}**")
    return " ".join(out)


def _application_shown_in_paragraphs(c: MeasureChange) -> bool:
    """True when the application wording is a numbered paragraph whose diff is shown anyway."""
    return any(p.is_application for p in c.changed_paragraphs)


def _footnote_label(f: FootnoteDiff) -> str:
    if f.status == "changed":
        num = f.new_number if f.old_number == f.new_number else f"{f.old_number} (now {f.new_number})"
        return f"Footnote {num} reworded"
    return f"Footnote {f.new_number} added" if f.status == "added" else f"Footnote {f.old_number} removed"


def _md_footnote(f: FootnoteDiff) -> str:
    if f.status == "changed":
        return f"{_footnote_label(f)}: {_md_ops(f.ops)}"
    if f.status == "added":
        return f"{_footnote_label(f)}: **{_md(f.new_text)}**"
    return f"{_footnote_label(f)}: ~~{_md(f.old_text)}~~"


def _md_measure(c: MeasureChange) -> list[str]:
    head = c.new_id if not c.renumbered else f"{c.old_id} → {c.new_id}"
    lines = [f"### {_md(head)}", ""]
    if c.title:
        lines += [f"- Title: {_md_ops(c.title.ops)}"]
    if c.application:
        if _application_shown_in_paragraphs(c):
            lines += ["- Application wording changed (paragraph below)"]
        else:
            lines += [f"- Application: {_md_ops(c.application.ops)}"]
        if c.old_condition != c.new_condition:
            old_c, new_c = (str(x).replace("`", "'") for x in (c.old_condition, c.new_condition))
            lines += [f"  - Condition: `{old_c}` → `{new_c}`"]
    for p in c.changed_paragraphs:
        if p.status == "added":
            lines.append(f"- {_md(p.new_number)} added (p. {p.new_page}): **{_md(p.new_text)}**")
        elif p.status == "removed":
            lines.append(f"- {_md(p.old_number)} removed (was p. {p.old_page}): ~~{_md(p.old_text)}~~")
        elif p.status == "moved":
            body = f": {_md_ops(p.ops)}" if p.text_changed else " (text unchanged)"
            lines.append(f"- {_md(p.old_number)} moved to {_md(p.new_number)}{body}")
        elif p.status == "renumbered":
            lines.append(f"- {_md(p.old_number)} is now {_md(p.new_number)} (text unchanged)")
        else:
            number = f"{p.old_number} (now {p.new_number})" if p.renumbered else p.new_number
            lines.append(f"- {_md(number)} reworded (p. {p.new_page}): {_md_ops(p.ops)}")
    for f in c.footnotes:
        lines.append(f"- {_md_footnote(f)}")
    if c.qualifier_changes:
        lines.append("- Qualifiers:")
        lines += [f"  - {_md(q.summary)}" for q in c.qualifier_changes]
    lines.append("")
    return lines


# The sample label, as every other export writes it (export.SAMPLE_LABEL; not imported from there,
# which would load the model classes for a report that needs none of them).
SAMPLE_LABEL = "SAMPLE – not official text"


def provenance(cmp: Comparison, now: float | None = None) -> list[tuple[str, str]]:
    """Where a comparison came from, as every export says it (issue 14): each edition's document,
    version, source file and full sha256, the sample label where one is a sample, the analyser
    version and the time; (field, value) pairs, the same in every format."""
    import time

    from . import __version__

    rows = []
    if cmp.old.sample or cmp.new.sample:
        rows.append(("Warning", SAMPLE_LABEL))
    for side, ref in (("Older edition", cmp.old), ("Newer edition", cmp.new)):
        rows += [(side, f"{ref.title} ({ref.short_name})" + (" — sample, not official text" if ref.sample else "")),
                 (f"{side}: version", ref.version or "not stated in the document"),
                 (f"{side}: source file", ref.source_file),
                 (f"{side}: sha256", ref.sha256)]
    rows += [("Analyser version", __version__),
             ("Exported", time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(now if now is not None else time.time())))]
    return rows


def to_markdown(cmp: Comparison) -> str:
    """A readable report; deletions ~~struck~~, insertions **bold**."""
    lines = [f"# Comparison: {_md(cmp.old.heading)} → {_md(cmp.new.heading)}", ""]
    if cmp.old.sample or cmp.new.sample:
        lines += [f"> **{SAMPLE_LABEL}.**", ""]
    lines += [
        f"- Old: {_md(cmp.old.title)} ({_md(cmp.old.source_file)}){' — sample, not official text' if cmp.old.sample else ''}",
        f"- New: {_md(cmp.new.title)} ({_md(cmp.new.source_file)}){' — sample, not official text' if cmp.new.sample else ''}",
        "",
    ]
    lines += [f"- **{_md(k)}:** {_md(v)}" for k, v in provenance(cmp) if k != "Warning"] + [""]
    if not cmp.comparable:
        return "\n".join(lines + [f"**{_md(cmp.message)}**", ""])
    if cmp.message:
        lines += [_md(cmp.message), ""]
    counts = cmp.counts()
    lines += ["## Summary", "", "| what | count |", "| --- | --- |"]
    lines += [f"| {k.replace('_', ' ')} | {v} |" for k, v in counts.items()]
    lines.append("")
    if not cmp.has_changes:
        lines += ["No changes.", ""]
    if cmp.added:
        lines += ["## Added measures", ""]
        lines += [f"- {_md(m.id)} {_md(m.title)} ({m.pages})" for m in cmp.added]
        lines.append("")
    if cmp.removed:
        lines += ["## Removed measures", ""]
        lines += [f"- {_md(m.id)} {_md(m.title)} (was {m.pages})" for m in cmp.removed]
        lines.append("")
    if cmp.renumbered:
        lines += ["## Renumbered measures", ""]
        lines += [
            f"- {_md(r.old_id)} → {_md(r.new_id)} {_md(r.new_title)} (similarity {r.similarity:.2f})"
            for r in cmp.renumbered
        ]
        lines.append("")
    if cmp.changed:
        lines += ["## Changed measures", ""]
        for c in cmp.changed:
            lines += _md_measure(c)
    if cmp.qualifier_changes:
        lines += ["## Qualifier changes", ""]
        lines += [f"- {_md(q.summary)}" for q in cmp.qualifier_changes]
        lines.append("")
    if cmp.applicability_changes:
        lines += ["## Applicability changes", "", "| archetype | measure | old | new | why now |"]
        lines.append("| --- | --- | --- | --- | --- |")
        for s in cmp.applicability_changes:
            ids = s.new_id if s.old_id == s.new_id else f"{s.old_id} → {s.new_id}"
            lines.append(
                f"| {_md(s.archetype_title or s.archetype)} | {_md(ids)} | {s.old_status} | {s.new_status} | {_md(s.new_reason)} |"
            )
        lines.append("")
    if cmp.warnings:
        lines += ["## Warnings", ""] + [f"- {_md(w)}" for w in cmp.warnings] + [""]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:72rem;
  padding:0 1rem;color:#1b1b1b;line-height:1.45}
h1{font-size:1.5rem} h2{font-size:1.2rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1.05rem;margin-bottom:.3rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #ccc;padding:.35rem .5rem;vertical-align:top;text-align:left}
th{background:#f2f2f2}
table.summary{width:auto}
table.diff{table-layout:fixed}
table.diff col.num{width:5.5rem} table.diff col.st{width:8rem}
td.num{white-space:nowrap;color:#444}
ins{background:#d4f7d4;color:#0b4f0b;text-decoration:underline}
del{background:#fbd5d5;color:#7a0d0d;text-decoration:line-through}
.sample{background:#fff3cd;padding:.4rem .6rem;border:1px solid #e0c060}
.notcomparable{background:#fde2e2;padding:.6rem;border:1px solid #d88;font-weight:bold}
.tag{font-size:.8rem;padding:0 .35rem;border-radius:.2rem;background:#eee}
.applies{color:#0b4f0b}.exempt{color:#555}.qualified{color:#8a5a00}.unclear{color:#5b21b6}
"""


def _e(text: object) -> str:
    return safe_output.html(text)


def _html_diff_table(c: MeasureChange) -> str:
    rows = []
    for p in c.paragraphs:
        if p.status == "unchanged":
            continue
        old_html, new_html = paragraph_diff_html(p)
        if p.status == "added":
            old_html, new_html = "", f"<ins>{_e(p.new_text)}</ins>"
        elif p.status == "removed":
            old_html, new_html = f"<del>{_e(p.old_text)}</del>", ""
        label = _STATUS_WORDS.get(p.status, p.status)
        if p.status == "moved":
            label = f"moved {p.old_number} → {p.new_number}" + ("" if p.text_changed else ", text unchanged")
        rows.append(
            f"<tr><td class='num'>{_e(p.old_number or '')}</td><td>{old_html}</td>"
            f"<td class='num'>{_e(p.new_number or '')}</td><td>{new_html}</td>"
            f"<td><span class='tag'>{_e(label)}</span></td></tr>"
        )
    if not rows:
        return ""
    return (
        "<table class='diff'><colgroup><col class='num'><col><col class='num'><col><col class='st'></colgroup>"
        "<thead><tr><th></th><th>Old</th><th></th><th>New</th><th></th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _html_measure(c: MeasureChange) -> str:
    head = c.new_id if not c.renumbered else f"{c.old_id} → {c.new_id}"
    parts = [f"<section class='measure' id='m-{_e(c.new_id).replace(' ', '-')}'><h3>{_e(head)}</h3>"]
    if c.title:
        o, n = paragraph_diff_html(c.title)
        parts.append(f"<p>Title: {o} → {n}</p>")
    if c.application and not _application_shown_in_paragraphs(c):
        o, n = paragraph_diff_html(c.application)
        parts.append(
            "<table class='diff'><tr><th>Application (old)</th><th>Application (new)</th></tr>"
            f"<tr><td>{o}</td><td>{n}</td></tr></table>"
        )
    if c.application and c.old_condition != c.new_condition:
        parts.append(f"<p>Application condition: <code>{_e(c.old_condition)}</code> → <code>{_e(c.new_condition)}</code></p>")
    parts.append(_html_diff_table(c))
    if c.footnotes:
        rows = []
        for f in c.footnotes:
            if f.status == "changed":
                o, n = paragraph_diff_html(f.ops)
            elif f.status == "added":
                o, n = "", f"<ins>{_e(f.new_text)}</ins>"
            else:
                o, n = f"<del>{_e(f.old_text)}</del>", ""
            rows.append(f"<tr><td>{_e(_footnote_label(f))}</td><td>{o}</td><td>{n}</td></tr>")
        parts.append(
            "<table class='diff'><thead><tr><th>Footnote</th><th>Old</th><th>New</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    if c.qualifier_changes:
        items = "".join(f"<li>{_e(q.summary)}</li>" for q in c.qualifier_changes)
        parts.append(f"<p>Qualifiers:</p><ul>{items}</ul>")
    parts.append("</section>")
    return "".join(parts)


def to_html(cmp: Comparison, title: str | None = None) -> str:
    """A self-contained HTML page (inline CSS, no scripts, no external resources)."""
    page_title = title or f"Comparison: {cmp.old.heading} → {cmp.new.heading}"
    body = [f"<h1>{_e(page_title)}</h1>"]
    body.append(
        "<table><tr><th></th><th>Title</th><th>File</th><th>Version</th><th>sha256</th></tr>"
        + "".join(
            f"<tr><th>{side}</th><td>{_e(ref.title)}</td><td>{_e(ref.source_file)}</td>"
            f"<td>{_e(ref.version or '')}</td><td><code>{_e(ref.sha256[:12])}</code></td></tr>"
            for side, ref in (("Old", cmp.old), ("New", cmp.new))
        )
        + "</table>"
    )
    if cmp.old.sample or cmp.new.sample:
        body.append("<p class='sample'>Sample document written for this project: not official text.</p>")
    body.append("<table class='provenance'>" + "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>"
                                                     for k, v in provenance(cmp)) + "</table>")
    if not cmp.comparable:
        body.append(f"<p class='notcomparable'>{_e(cmp.message)}</p>")
        return _page(page_title, body)
    if cmp.message:
        body.append(f"<p>{_e(cmp.message)}</p>")
    body.append("<h2>Summary</h2><table class='summary'><tr><th>what</th><th>count</th></tr>")
    body += [f"<tr><td>{_e(k.replace('_', ' '))}</td><td>{v}</td></tr>" for k, v in cmp.counts().items()]
    body.append("</table>")
    if not cmp.has_changes:
        body.append("<p>No changes.</p>")
    if cmp.added:
        body.append("<h2>Added measures</h2><ul>")
        body += [
            f"<li><ins>{_e(m.id)}</ins> {_e(m.title)} ({_e(m.pages)})</li>"
            for m in cmp.added
        ]
        body.append("</ul>")
    if cmp.removed:
        body.append("<h2>Removed measures</h2><ul>")
        body += [
            f"<li><del>{_e(m.id)}</del> {_e(m.title)} (was {_e(m.pages)})</li>"
            for m in cmp.removed
        ]
        body.append("</ul>")
    if cmp.renumbered:
        body.append("<h2>Renumbered measures</h2><table><tr><th>old</th><th>new</th><th>title</th><th>similarity</th></tr>")
        body += [
            f"<tr><td>{_e(r.old_id)}</td><td>{_e(r.new_id)}</td><td>{_e(r.new_title)}</td><td>{r.similarity:.2f}</td></tr>"
            for r in cmp.renumbered
        ]
        body.append("</table>")
    if cmp.changed:
        body.append("<h2>Changed measures</h2>")
        body += [_html_measure(c) for c in cmp.changed]
    if cmp.qualifier_changes:
        body.append("<h2>Qualifier changes</h2><ul>")
        body += [f"<li>{_e(q.summary)}</li>" for q in cmp.qualifier_changes]
        body.append("</ul>")
    if cmp.applicability_changes:
        body.append(
            "<h2>Applicability changes</h2><table><tr><th>archetype</th><th>measure</th><th>old</th>"
            "<th>new</th><th>why now</th></tr>"
        )
        for s in cmp.applicability_changes:
            ids = s.new_id if s.old_id == s.new_id else f"{s.old_id} → {s.new_id}"
            body.append(
                f"<tr><td>{_e(s.archetype_title or s.archetype)}</td><td>{_e(ids)}</td><td class='{_e(s.old_status)}'>{_e(s.old_status)}</td>"
                f"<td class='{_e(s.new_status)}'>{_e(s.new_status)}</td><td>{_e(s.new_reason)}</td></tr>"
            )
        body.append("</table>")
    if cmp.warnings:
        body.append("<h2>Warnings</h2><ul>" + "".join(f"<li>{_e(w)}</li>" for w in cmp.warnings) + "</ul>")
    return _page(page_title, body)


def _page(title: str, body: list[str]) -> str:
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>"
        + "\n".join(body)
        + "</body></html>\n"
    )


# ---------------------------------------------------------------------------------------------
# DOCX (in compare_render_docx)
# ---------------------------------------------------------------------------------------------


def to_docx(cmp: Comparison, path: str | Path | BinaryIO) -> Path | BinaryIO:
    """A Word report: summary, measure lists, and side-by-side paragraph diffs in two-column tables.

    ``path`` may be a binary stream (e.g. ``io.BytesIO`` for a download button); it is returned.
    """
    from .compare_render_docx import to_docx as write_docx

    return write_docx(cmp, path)
