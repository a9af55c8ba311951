"""A readable Markdown outline of an analysed code (``extract --format md``).

Kept apart from the CLI so that the app and exports can reuse the same citation wording.
"""

from __future__ import annotations

from .models import Code, Measure, SubItem
from .safe_output import markdown as md  # document text shows as written, never as HTML or a link


def citation(code: Code, measure: Measure, paragraph: str | None = None, page: int | None = None) -> str:
    """The form an officer pastes into a response: "ICU C9, para C9.2, p. 17 (Sample ...)"."""
    parts = [measure.id]
    if paragraph:
        parts.append(f"para {paragraph}")
    if page is None:
        page = measure.page_start
    parts.append(f"p. {page}")
    return ", ".join(parts)


def _items_md(items: list[SubItem], depth: int) -> list[str]:
    lines = []
    for item in items:
        lines.append("  " * depth + f"- {md(item.label)} {md(item.text.strip())}")
        lines += _items_md(item.items, depth + 1)
    return lines


def code_outline_markdown(code: Code) -> str:
    info = code.info
    lines = [f"# {md(info.title)}", ""]
    if info.sample:
        lines += ["> SAMPLE: this document was written for testing; it is not official text.", ""]
    lines += [
        f"- Code: {md(info.short_name)} ({md(info.family)}), profile {md(info.profile)}",
        f"- Version: {md(info.version or 'not printed')}; {info.page_count} pages; file {md(info.source_file)}",
        f"- sha256: `{info.sha256}`",
        f"- Measures: {len(code.measures)}; index rows: {len(code.index)}",
        "",
    ]
    rec = code.reconciliation
    if rec.missing_from_body or rec.missing_from_index:
        lines += [f"- In the index but not in the body: {md(', '.join(rec.missing_from_body) or 'none')}",
                  f"- In the body but not in the index: {md(', '.join(rec.missing_from_index) or 'none')}", ""]
    chapter = None
    for m in code.measures:
        if m.chapter_title and m.chapter_title != chapter:
            chapter = m.chapter_title
            lines += [f"## {md(m.chapter + ': ' if m.chapter else '')}{md(chapter)}", ""]
        span = f"p. {m.page_start}" if m.page_start == m.page_end else f"pp. {m.page_start}-{m.page_end}"
        lines += [f"### {md(m.id)} {md(m.title)} ({span})", ""]
        if m.applicability and m.applicability.text:
            lines += [f"*Applies to:* {md(m.applicability.text)}", ""]
        if m.qualifier_summary:
            s = m.qualifier_summary
            counts = ", ".join(f"{k} {v}" for k, v in sorted(s.counts.items()) if v) or "none"
            lines += [f"*Qualifiers:* {counts}; loophole risk: **{s.loophole_risk}**", ""]
        for p in m.paragraphs:
            lines.append(f"**{md(p.number)}** (p. {p.page}) {md(p.text)}")
            lines.append("")
        for fn in m.footnotes:
            lines.append(f"[^{md(fn.number)}]: {md(fn.text)} (p. {fn.page})")
        if m.footnotes:
            lines.append("")
        if m.cross_refs:
            refs = sorted({r.target for r in m.cross_refs})
            lines += [f"*Refers to:* {md(', '.join(refs))}", ""]
    if code.warnings:
        lines += ["## Warnings", ""]
        lines += [f"- {'**damage:** ' if w.severity == 'damage' else ''}{md(w.message)}" + (f" (p. {w.page})" if w.page else "")
                  for w in code.warnings]
    return "\n".join(lines) + "\n"
