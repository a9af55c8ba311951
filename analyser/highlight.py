"""Escaped HTML for a paragraph with its qualifiers, search hits and cross-references marked.

Text from a PDF is untrusted: a code (or an uploaded file posing as one) may contain ``<script>``
or markup that would be live in the app. Every character of document text therefore goes
through ``html.escape``; the only markup in the output is the ``<mark>``/``<a>`` tags built here,
and their attribute values are escaped too.

Spans may overlap (a search hit inside a qualifier, two lexicon rules on one phrase). They are
flattened into non-overlapping segments, each carrying every span that covers it, so nothing is
dropped and tags always nest properly.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .models import CrossRef, Paragraph, Qualifier, SubItem
from .palette import PALETTE, category_colour
from .statuses import rule_words

# One colour per qualifier category, from analyser/palette.py (every colour with its one meaning):
# a light fill under dark text and an edge at 3:1 against the page, drawn as the mark's bottom
# border. A content scope ("content communicated publicly", scope.py) is not a lexicon category
# but is marked like one ("scope"), because it lets services out like one. Unknown (user lexicon)
# categories get a dashed edge and no fill.
CATEGORY_COLOURS: dict[str, str] = {k.split(":", 1)[1]: c.fill for k, c in PALETTE.items()
                                    if k.startswith("category:") and c.fill}
SEARCH = PALETTE["search-hit"]
SEARCH_COLOUR = SEARCH.fill


@dataclass(frozen=True)
class Span:
    """A marked stretch ``[start, end)`` of a text.

    ``kind`` is "qualifier", "search" or "xref". ``label`` is the category (qualifier), the
    query term (search) or the target (xref); ``title`` becomes the hover text; ``href`` makes
    an xref a link.
    """

    start: int
    end: int
    kind: str
    label: str = ""
    title: str = ""
    href: str | None = None


def colour_for(category: str) -> str:
    """The category's fill ("transparent" for a category the palette does not know)."""
    return category_colour(category).fill or "transparent"


def mark_style(category: str, chip: bool = False) -> str:
    """Inline style of a qualifier mark (or, ``chip``, its legend chip): fill, edge, dark text."""
    c = category_colour(category)
    line = "dashed" if c.fill is None else "solid"
    edge = f"border:2px {line} {c.edge}" if chip else f"border-bottom:2px {line} {c.edge}"
    return f"background:{c.fill or 'transparent'};color:#111;{edge};border-radius:3px"


def qualifier_spans(text: str, qualifiers: Iterable[Qualifier]) -> list[Span]:
    """Spans for the qualifiers of one paragraph.

    Offsets are trusted when they point at the phrase; otherwise (a stale cache, a lexicon
    that normalised whitespace) the phrase is searched for, so a flag is never silently lost.
    """
    spans = []
    for q in qualifiers:
        start, end = q.start, q.end
        if not (0 <= start < end <= len(text)) or text[start:end].lower() != q.phrase.lower():
            found = text.lower().find(q.phrase.lower()) if q.phrase else -1
            if found < 0:
                continue
            start, end = found, found + len(q.phrase)
        title = f"{q.category}: {rule_words(q.rule)}"  # words, never the lexicon key
        if q.qualifies:
            title += f" (qualifies: {q.qualifies})"
        if q.negated:
            title += " [negated]"
        spans.append(Span(start, end, "qualifier", q.category, title))
    return spans


def search_spans(text: str, terms: Sequence[str]) -> list[Span]:
    """Case-insensitive spans for every occurrence of every term."""
    spans = []
    for term in terms:
        if not term:
            continue
        for m in re.finditer(re.escape(term), text, flags=re.IGNORECASE):
            spans.append(Span(m.start(), m.end(), "search", term, f"search: {term}"))
    return spans


def xref_spans(text: str, refs: Iterable[CrossRef], href_for) -> list[Span]:
    """Spans for cross-references printed in ``text``; ``href_for(target)`` gives the link or None."""
    spans = []
    for ref in refs:
        if not ref.text:
            continue
        for m in re.finditer(re.escape(ref.text), text):
            href = href_for(ref.target)
            spans.append(Span(m.start(), m.end(), "xref", ref.target, f"see {ref.target}", href))
    return spans


def render(text: str, spans: Iterable[Span], breaks: dict[int, int] | None = None) -> str:
    """``text`` as escaped HTML with ``spans`` marked; newlines become ``<br>``.

    ``breaks`` maps character offsets to an indent depth: a line break (and that many indents)
    goes before the character, so sub-items "(a)", "(i)" start their own lines as printed.
    """
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    breaks = {k: v for k, v in (breaks or {}).items() if 0 < k < len(text)}
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans), *breaks})
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        if a in breaks:
            out.append("<br>" + "&emsp;" * breaks[a])
        covering = [s for s in spans if s.start <= a and b <= s.end]
        out.append(_render_segment(text[a:b], covering, {s for s in covering if s.end == b}))
    return "".join(out)


def item_breaks(items: Iterable[SubItem], depth: int = 1) -> dict[int, int]:
    """Offsets where each sub-item (and nested sub-item) begins, with its depth."""
    out: dict[int, int] = {}
    for item in items:
        out[item.start] = depth
        out.update(item_breaks(item.items, depth + 1))
    return out


def _render_segment(chunk: str, spans: list[Span], ending: set[Span] | frozenset[Span] = frozenset()) -> str:
    """One segment with every span that covers it; ``ending`` are the spans that end here."""
    body = html.escape(chunk).replace("\n", "<br>")
    # Innermost first: search hit, then qualifier, then link, so a link wraps everything.
    for span in sorted(spans, key=lambda s: {"search": 0, "qualifier": 1, "xref": 2}.get(s.kind, 3)):
        title = html.escape(span.title, quote=True)
        if span.kind == "search":
            body = (
                f'<mark class="hit" style="background:{SEARCH.fill};color:#111;'
                f'text-decoration-color:{SEARCH.edge};outline:1px solid {SEARCH.edge}" title="{title}">{body}</mark>'
            )
        elif span.kind == "qualifier":
            cat = html.escape(span.label, quote=True)
            # The category named once, on the phrase's last segment, for a style sheet to show
            # as text (``data-tag``): a category must not be told by its fill colour alone.
            tag = f' data-tag="{cat}"' if span in ending else ""
            body = (
                f'<mark class="q q-{_css_ident(span.label)}" data-category="{cat}"{tag} '
                f'style="{mark_style(span.label)};padding:0 2px" title="{title}">{body}</mark>'
            )
        elif span.kind == "xref":
            if span.href:
                href = html.escape(span.href, quote=True)
                body = f'<a class="xref" href="{href}" target="_self" title="{title}">{body}</a>'
            else:
                body = f'<span class="xref" title="{title}"><u>{body}</u></span>'
    return body


def _css_ident(value: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "-", value.lower()).strip("-") or "other"


def paragraph_html(
    paragraph: Paragraph,
    qualifiers: Iterable[Qualifier] = (),
    *,
    terms: Sequence[str] = (),
    cross_refs: Iterable[CrossRef] = (),
    href_for=None,
) -> str:
    """One paragraph's text, escaped, with its qualifiers, search terms and cross-references marked."""
    text = paragraph.text
    qs = [q for q in qualifiers if q.paragraph == paragraph.number]
    spans = qualifier_spans(text, qs) + search_spans(text, terms)
    if href_for is not None:
        refs = [r for r in cross_refs if r.source_paragraph == paragraph.number]
        spans += xref_spans(text, refs, href_for)
    return render(text, spans, item_breaks(paragraph.items))


def legend_html(categories: Iterable[str]) -> str:
    """A row of coloured chips naming each qualifier category present."""
    chips = [
        f'<mark class="q q-{_css_ident(c)} chip" style="{mark_style(c, chip=True)};padding:0 4px;'
        f'margin-right:6px;white-space:nowrap">{html.escape(c)}</mark>'
        for c in sorted(set(categories))
    ]
    return " ".join(chips)


def table_html(headers: Sequence[str], rows: Iterable[Sequence[object]], *, href_for=None,
               css_class: str = "cop-table") -> str:
    """A small HTML table of untrusted cells, every one escaped.

    ``href_for(row)`` may give a link for the row's first cell (a measure ID opening its view).
    Used where a static table reads better than a data grid, and costs the first page nothing.
    """
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in headers)
    body = []
    for row in rows:
        cells = [html.escape("" if v is None else str(v)).replace("\n", "<br>") for v in row]
        href = href_for(row) if href_for is not None and cells else None
        if href:
            cells[0] = f'<a href="{html.escape(href, quote=True)}" target="_self">{cells[0]}</a>'
        body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return (f'<div style="overflow-x:auto"><table class="{html.escape(css_class, quote=True)}">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>")
