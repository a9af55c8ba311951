"""Search across every measure of a code: titles, paragraphs and footnotes.

An officer searches for a phrase ("technically feasible", "encrypted") to see every place it
occurs, with a citation for each. Matching is case-insensitive and literal (no regex: a query is
user input, not a pattern). A query in double quotes is one phrase; otherwise every word must
occur in the paragraph (in any order), which is what people expect of a search box.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

from .models import Code


@dataclass
class SearchHit:
    measure: str
    measure_title: str
    where: str  # "paragraph", "title" or "footnote"
    paragraph: str | None  # paragraph number (or footnote number for footnotes)
    page: int
    text: str
    count: int  # occurrences of the terms in this text

    def citation(self) -> str:
        if self.where == "footnote":
            return f"{self.measure}, footnote {self.paragraph}, p. {self.page}"
        return citation(self.measure, self.paragraph if self.where == "paragraph" else None, self.page)


def citation(measure_id: str, paragraph: str | None, page: int | None) -> str:
    """The citation form used across the app and the exports: "ICU C9, para C9.2, p. 17"."""
    parts = [measure_id]
    if paragraph:
        parts.append(f"para {paragraph}")
    if page:
        parts.append(f"p. {page}")
    return ", ".join(parts)


def parse_query(query: str) -> list[str]:
    """Split a query into terms: quoted parts stay whole, the rest splits on spaces."""
    query = query.strip()
    if not query:
        return []
    try:
        terms = shlex.split(query)
    except ValueError:  # an unbalanced quote: treat the query as plain words
        terms = query.replace('"', " ").split()
    return [t for t in (t.strip() for t in terms) if t]


def _count(text: str, terms: list[str]) -> int:
    """Occurrences of the terms if every term occurs, else 0."""
    low = text.lower()
    counts = [low.count(t.lower()) for t in terms]
    return sum(counts) if counts and all(counts) else 0


def search(code: Code, query: str, *, limit: int | None = None) -> list[SearchHit]:
    """Every title, paragraph and footnote of ``code`` that contains all terms of ``query``.

    Hits come in document order (measure, then paragraph), so results read like the code.
    """
    terms = parse_query(query)
    if not terms:
        return []
    hits: list[SearchHit] = []
    for m in code.measures:
        n = _count(m.title, terms)
        if n:
            hits.append(SearchHit(m.id, m.title, "title", None, m.page_start, m.title, n))
        for p in m.paragraphs:
            n = _count(p.text, terms)
            if n:
                hits.append(SearchHit(m.id, m.title, "paragraph", p.number, p.page, p.text, n))
        for f in m.footnotes:
            n = _count(f.text, terms)
            if n:
                hits.append(SearchHit(m.id, m.title, "footnote", f.number, f.page, f.text, n))
        if limit and len(hits) >= limit:
            return hits[:limit]
    return hits


def snippet(text: str, terms: list[str], width: int = 240) -> str:
    """A window of ``text`` around the first hit, for result lists (plain text, not escaped)."""
    if len(text) <= width:
        return text
    low = text.lower()
    first = min((i for i in (low.find(t.lower()) for t in terms) if i >= 0), default=0)
    start = max(0, first - width // 3)
    end = min(len(text), start + width)
    # Cut at word boundaries so a highlighted term is never split.
    if start > 0:
        m = re.search(r"\s", text[start:first] or " ")
        start = start + (m.end() if m else 0)
    return ("… " if start > 0 else "") + text[start:end].rstrip() + (" …" if end < len(text) else "")
