"""Measure segmentation: one walk over the body lines that finds measure headings (styled, or in
plain type where the evidence allows), chapter headings and the ends of the measures (annexes,
glossaries, larger section headings), and hands each measure its content lines.

Owns: which lines are measure headings, the measure's ID, title, chapter and first/last page as
printed in its heading, and the warnings about text that looks like a measure but is not read.
Paragraphs are the next stage's (``paragraphs``).
"""

from __future__ import annotations

import dataclasses
import re
import statistics
from dataclasses import dataclass, field

from ..models import Measure
from ..pdftext import Line, join_text
from .footnotes import Citation
from .headings import ID_LIKE, NUMBER_PREFIX, LineClassifier, printed_title
from .report import Warnings


@dataclass
class MeasureDraft:
    """A measure found in the body, with the lines it holds (headings and chapters taken out)."""

    measure: Measure
    heading: Line
    content: list[Line] = field(default_factory=list)


@dataclass
class Segmentation:
    drafts: list[MeasureDraft]
    # footnote markers printed on measure headings (a consolidated code's "amended by ..." note):
    # the measure's notes, cited by no paragraph
    heading_citations: list[Citation]


def without_captions(lines: list[Line], classes: LineClassifier) -> list[Line]:
    """The lines less figure/table captions (small type) and their continuation lines, which stay
    out of measures: a caption's continuation is a line of the caption's page and size."""
    kept: list[Line] = []
    caption: tuple[int, float] | None = None
    for ln in lines:
        if classes.is_caption(ln):
            caption = (ln.page, ln.size)
            continue
        if caption is not None and caption == (ln.page, ln.size):
            continue
        caption = None
        kept.append(ln)
    return kept


def segment_measures(classes: LineClassifier, warnings: Warnings) -> Segmentation:
    return _Segmenter(classes, warnings).run()


class _Segmenter:
    def __init__(self, classes: LineClassifier, warnings: Warnings):
        self.c = classes
        self.p = classes.p
        self.warnings = warnings
        self.lines = without_captions(classes.body_lines, classes)
        self.index_span = self._index_span()
        self.heads = self._find_heads()
        self.head_size = statistics.median([self.lines[i].size for i in self.heads]) if self.heads else classes.body

    # ------------------------------------------------------------ which lines are measure headings
    def _find_heads(self) -> list[int]:
        c, lines, index_span = self.c, self.lines, self.index_span
        styled = [
            i
            for i, ln in enumerate(lines)
            if (mm := c.measure_match(ln))
            and (
                c.heading_style(ln)
                or (
                    i not in index_span
                    and (c.heading_style(ln, allow_table=True) or (c.heading_like(ln, mm) and c.opens_block(lines, i)))
                )
            )
        ]
        # headings in plain type (none at all in some exports, or one that lost its bold): a line
        # outside tables and the index that opens a block of text, reads as a title, and whose
        # next numbered paragraph is numbered for it. A sentence that starts with an ID ("ICU C1
        # sets out ...") and wraps to a line start fails at least one of these.
        taken = set(styled)
        cands = [i for i, ln in enumerate(lines) if c.measure_match(ln) and not ln.in_table and i not in index_span]
        # (beside styled headings a plain one needs that evidence: without paragraph numbers there
        # is none, so then only a document with no heading typography at all takes plain ones)
        plain = [
            i
            for i in cands
            if i not in taken and (not styled or self.p.paragraph_number is not None) and self._plain_heading(i)
        ]
        if styled and plain:
            for i in plain:
                self.warnings.warn(f"measure heading in plain type: {lines[i].text[:60]!r}", lines[i].page)
        return sorted(taken | set(plain))

    def _plain_heading(self, i: int) -> bool:
        """A measure heading set like body text (see ``_find_heads``)."""
        m = self.c.measure_match(self.lines[i])
        title = (m.groupdict().get("title") or "").strip()
        if title and not (title[:1].isupper() or title[:1].isdigit() or title[:1] in "“\"‘'("):
            return False  # "ICU C1 sets out ...": running text
        if not self.c.opens_block(self.lines, i):
            return False
        return self._owns_paragraphs(i)

    def _owns_paragraphs(self, i: int) -> bool:
        """The next numbered paragraph after line ``i`` is numbered for its measure."""
        rx = self.p.paragraph_number
        if rx is None:
            return True
        lines = self.lines
        number = self.c.measure_match(lines[i]).group("number")
        for k in range(i + 1, len(lines)):
            ln = lines[k]
            if self.c.measure_match(ln) and (self.c.heading_style(ln) or self.c.opens_block(lines, k)):
                return False
            pm = rx.match(ln.text)
            if pm:
                return pm.groupdict().get("measure") in (None, number)
        return False

    def _index_span(self) -> set[int]:
        """The lines of the index table of measures (its rows name measures but are no headings)."""
        span: set[int] = set()
        if self.p.index_title is None:
            return span
        lines = self.lines
        start = next((i for i, ln in enumerate(lines) if self.p.index_title.search(ln.text)), None)
        if start is None:
            return span
        for i in range(start, len(lines)):
            if i > start and lines[i].size >= self.c.body * 1.1 and not lines[i].in_table:
                break
            span.add(i)
        return span

    # ------------------------------------------------------------ the walk
    def run(self) -> Segmentation:
        c, p, lines = self.c, self.p, self.lines
        heads = set(self.heads)
        drafts: list[MeasureDraft] = []
        citations: list[Citation] = []
        current: MeasureDraft | None = None
        chapter: tuple[str | None, str] | None = None
        last_big: str | None = None
        warned_pages: set[int] = set()
        ended = False  # past an annex or glossary heading: numbered text there is the annex's own
        i = 0
        while i < len(lines):
            ln = lines[i]
            chap = c.chapter_match(ln) if i not in heads else None
            if chap is not None:
                chapter, i = self._chapter_heading(i, chap, heads)
                current = None
                continue
            if i in heads:
                i, draft, title_lines = self._measure_heading(i, heads, current, chapter, last_big)
                if draft is None:
                    continue  # the heading of the measure being read, repeated atop a page
                current = draft
                drafts.append(draft)
                citations.extend((n, hl.page, None, draft.measure) for hl in [ln, *title_lines] for _, n in hl.markers)
                continue
            outside_index = i not in self.index_span
            i += 1
            if c.end_match(ln):
                ended = True
            if c.end_match(ln) or (c.heading_style(ln) and ln.size > self.head_size * 1.05 and ln.size > c.body * 1.08):
                if c.heading_style(ln) and ln.size > c.body * 1.08:
                    last_big = NUMBER_PREFIX.sub("", ln.text)  # "Section 3 – Content moderation"
                current = None
                continue
            if current is not None:
                if c.heading_style(ln) and ID_LIKE.match(ln.text) and not c.measure_match(ln):
                    self.warnings.warn(f"heading-like line matches no measure pattern of the {p.name!r} profile: "
                                       f"{ln.text[:60]!r}", ln.page, current.measure)
                current.content.append(ln)
            elif not ended and outside_index and c.measure_like(ln) and ln.page not in warned_pages:
                warned_pages.add(ln.page)
                where = "before the first measure" if not drafts else "outside any measure"
                self.warnings.warn(f"text {where} looks like a measure and is not read: {ln.text[:60]!r}", ln.page)
        return Segmentation(drafts, citations)

    def _chapter_heading(self, i: int, chap: tuple[str | None, str], heads: set[int]) -> tuple[tuple[str | None, str], int]:
        """The chapter (letter, title) whose heading starts at line ``i``, and the line after it."""
        lines = self.lines
        letter, title = chap
        j = i
        while j + 1 < len(lines) and self.c.continues_heading(lines[j], lines[j + 1]) and j + 1 not in heads:
            j += 1
            title = join_text([dataclasses.replace(lines[i], text=title), lines[j]])[0].strip()
        return (letter, title), j + 1

    def _measure_heading(self, i: int, heads: set[int], current: MeasureDraft | None,
                         chapter: tuple[str | None, str] | None,
                         last_big: str | None) -> tuple[int, MeasureDraft | None, list[Line]]:
        """The line after the heading that starts at line ``i``, its measure and the lines that carry
        its title on; no measure for the
        heading of the measure being read, repeated atop a page it runs on to ("... (continued)", or
        a Word table's repeated header row): page furniture."""
        c, p, lines = self.c, self.p, self.lines
        ln = lines[i]
        m = c.measure_match(ln)
        assert m is not None
        gd = m.groupdict()
        title = (gd.get("title") or "").strip()
        j = i
        title_lines: list[Line] = []
        while (
            j + 1 < len(lines)
            and j + 1 not in heads
            and c.continues_heading(lines[j], lines[j + 1], 0.9 if title or title_lines else 2.0)
        ):
            j += 1
            title_lines.append(lines[j])
        if title_lines:
            title = join_text([dataclasses.replace(ln, text=title)] + title_lines if title else title_lines)[0]
        mid = p.make_id({**gd, "short_name": p.short_name})
        if current is not None and current.measure.id == mid:
            return j + 1, None, title_lines
        letter = gd.get("chapter")
        ch_title = None
        if chapter is not None and (chapter[0] is None or letter is None or chapter[0] == letter):
            ch_title = chapter[1] or None
            letter = letter or chapter[0]
        if ch_title is None and letter and letter in p.chapters:
            ch_title = p.chapters[letter]
        if ch_title is None and last_big:
            ch_title = _chapter_title(last_big, letter)
        measure = Measure(
            id=mid,
            number=gd["number"],
            title=re.sub(r"\s+", " ", title),
            chapter=letter,
            chapter_title=ch_title,
            page_start=ln.page,
            page_end=lines[j].page,
        )
        if not title:
            # raised on the measure object itself: it reaches the measure's own warnings
            self.warnings.warn("measure heading without a title", ln.page, measure)
        return j + 1, MeasureDraft(measure, ln), title_lines


def _chapter_title(heading: str, letter: str | None) -> str:
    """The title a larger heading above a measure gives its chapter: the heading's words, less the
    chapter letter when it opens them ("C Content moderation" above ICU C1), in sentence case if
    typed in capitals."""
    if letter:
        heading = re.sub(rf"^{re.escape(letter)}\s*[:.–—-]?\s+(?=\S)", "", heading)
    return printed_title(heading)
