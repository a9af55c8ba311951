"""Structure of a code: measures, paragraphs, sub-items, footnotes, cross-references.

``extract_code`` reads the cleaned lines from ``pdftext`` and walks them once, using the profile
for everything that is numbering or wording (measure heading pattern, paragraph numbers,
sub-item labels, application phrase, cross-reference patterns) and layout signals relative to
the document itself for the rest (a heading is larger or wholly bold compared with the body
text; paragraphs without numbers are separated by extra vertical space; sub-item nesting follows
indentation). It does not fill qualifiers or applicability: later passes do
(``pipeline.load_code`` chains them).

Where it is unsure it says so rather than guess in silence: a ``ParseWarning`` with the page for a
paragraph number skipped or out of sequence (the line is kept as text of the paragraph above), a
heading-like line that no measure pattern of the profile matches, numbered or measure-like text
outside any measure before the annexes, unnumbered text inside a measure that is not read, an index
row whose ID cell it cannot parse, and a plain-type measure heading among styled ones. Each pass is
linear in the number of lines (a 120-page code is read in one walk; see bench/bench_extract.py).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import __version__, budgets, damage
from .errors import AnalyserError, NoTextLayerError, TruncatedPDFError, UnknownLayoutError
from .application_text import is_application
from .models import Code, CodeInfo, CrossRef, Footnote, Measure, Paragraph, ParseWarning, SubItem
from .pdfcheck import check_pdf
from .pdftext import Line, PdfText, join_lines, join_text, open_fast, read_pdf
from .profiles import Profile, detect_profile, load_profile

Progress = Callable[[float, str], None]

_DATE_RE = re.compile(
    r"\b(\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4})\b"
)
# a heading that starts like a measure ID of some scheme: "ICU X12", "Measure 5", "PCU C3a"
_ID_LIKE = re.compile(r"^(?:[Mm]easure\s+)?(?:[A-Z]{2,5}\s+)?[A-Z]{1,2}\d{1,3}[A-Za-z]?\b(?!\.\d)|^[Mm]easure\s+\d")
_VERSION_RE = re.compile(r"\b(?:version|edition)\s+(\d+(?:\.\d+)*)\b", re.I)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class _MeasureDraft:
    measure: Measure
    heading: Line
    content: list[Line] = field(default_factory=list)


class _Builder:
    """One pass over the body lines, then one pass per measure for its paragraphs."""

    def __init__(self, profile: Profile, doc: PdfText):
        self.p = profile
        self.doc = doc
        self.body = doc.body_size or 10.0
        self.warnings: list[ParseWarning] = []
        self.body_lines = [ln for ln in doc.lines if ln.kind == "body"]
        self.note_lines = [ln for ln in doc.lines if ln.kind == "footnote"]
        gaps = [
            b.top - a.bottom
            for a, b in zip(self.body_lines, self.body_lines[1:])
            if a.page == b.page and abs(a.size - self.body) < 0.5 and abs(b.size - self.body) < 0.5 and b.top > a.top
        ]
        self.line_gap = statistics.median(gaps) if gaps else 0.3 * self.body

    def _hanging_indent(self, drafts: list[_MeasureDraft]) -> bool:
        """Whether numbered paragraphs run on indented from their numbers (the usual Word layout).

        Then a line back at the number's x position that carries no number is not part of the
        paragraph above: it is a sub-heading ("Application", "Recommendation") even in plain type.
        """
        rx = self.p.paragraph_number
        if rx is None:
            return False
        shifts = []
        xs = [ln.x0 for d in drafts for ln in d.content if rx.match(ln.text)]
        self.number_x = statistics.median(xs) if xs else None
        for d in drafts:
            for a, b in zip(d.content, d.content[1:]):
                if a.page == b.page and rx.match(a.text) and not rx.match(b.text) and not self._item_label(b):
                    shifts.append(b.x0 - a.x0)
        return bool(shifts) and statistics.median(shifts) > 5

    def _item_hang(self, drafts: list[_MeasureDraft]) -> bool:
        """Whether sub-items wrap indented from their labels (the text indent of a Word list).

        Evidence: lines without a label or a paragraph number that follow a sub-item's first line
        on the same page; the usual shift to the right decides.
        """
        rx = self.p.paragraph_number
        shifts = []
        for d in drafts:
            for a, b in zip(d.content, d.content[1:]):
                if (
                    a.page == b.page
                    and self._item_label(a)
                    and not self._item_label(b)
                    and not (rx and rx.match(b.text))
                    and not self.heading_style(b)
                ):
                    shifts.append(b.x0 - a.x0)
        return bool(shifts) and statistics.median(shifts) > 3

    # ---------------------------------------------------------------- line classes
    def heading_style(self, ln: Line, allow_table: bool = False) -> bool:
        """Heading typography: larger than the body text, or wholly bold.

        Lines inside a ruled table are not headings, except where the caller allows it: a measure
        heading may be set in a shaded one-row box, which the ruling detector also sees as a table.
        """
        if (ln.in_table and not allow_table) or ln.kind != "body":
            return False
        return ln.size >= self.body * 1.08 or (ln.bold and ln.bold_prefix >= len(ln.text) - 1)

    def _heading_like(self, ln: Line, m: re.Match) -> bool:
        """A measure heading: heading type, or a run-in heading whose ID at least is set in bold."""
        if self.heading_style(ln):
            return True
        return not ln.in_table and ln.kind == "body" and ln.bold_prefix >= m.end("number")

    def measure_match(self, ln: Line) -> re.Match | None:
        return self.p.measure_heading.match(ln.text)

    def chapter_match(self, ln: Line) -> tuple[str | None, str] | None:
        if not self.heading_style(ln):
            return None
        if self.p.chapter_heading is not None:
            m = self.p.chapter_heading.match(ln.text)
            if m:
                gd = m.groupdict()
                return gd.get("chapter"), (gd.get("title") or "").strip()
        bare = re.sub(r"^(?:section|chapter|part)?\s*\d+(?:\.\d+)*[.:]?\s+", "", ln.text, flags=re.I).strip().lower()
        for letter, title in self.p.chapters.items():
            if bare == title.lower():
                return letter, title
        return None

    def end_match(self, ln: Line) -> bool:
        return self.heading_style(ln) and any(r.search(ln.text) for r in self.p.end_headings)

    def is_caption(self, ln: Line) -> bool:
        return bool(self.p.caption and ln.size < self.body * 0.95 and self.p.caption.match(ln.text))

    def _continues_heading(self, head: Line, nxt: Line, gap: float = 0.9) -> bool:
        """Whether ``nxt`` carries on the heading ``head`` (same type, close below it).

        ``gap`` is the largest space allowed, in heading sizes: a heading that printed only its
        number ("ICU A1") may have its title as a separate paragraph a little further down.
        """
        return (
            nxt.page == head.page
            and self.heading_style(nxt, allow_table=head.in_table)
            and nxt.bold == head.bold
            and abs(nxt.size - head.size) < 0.6
            and 0 <= nxt.top - head.bottom < gap * head.size
            and not self.measure_match(nxt)
            and not (self.p.paragraph_number and self.p.paragraph_number.match(nxt.text))
            and not any(r.search(nxt.text) for r in self.p.end_headings)
            and not (self.p.application_heading and self.p.application_heading.match(nxt.text.strip()))
            and not (self.p.chapter_heading and self.p.chapter_heading.match(nxt.text))
        )

    # ---------------------------------------------------------------- pass 1: measures
    def find_measures(self) -> list[_MeasureDraft]:
        lines = [ln for ln in self.body_lines if not self._caption_mask(ln)]
        index_span = self._index_span(lines)
        styled = [
            i
            for i, ln in enumerate(lines)
            if (mm := self.measure_match(ln))
            and (
                self.heading_style(ln)
                or (
                    i not in index_span
                    and (
                        self.heading_style(ln, allow_table=True)
                        or (self._heading_like(ln, mm) and self._opens_block(lines, i))
                    )
                )
            )
        ]
        # headings in plain type (none at all in some exports, or one that lost its bold): a line
        # outside tables and the index that opens a block of text, reads as a title, and whose
        # next numbered paragraph is numbered for it. A sentence that starts with an ID ("ICU C1
        # sets out ...") and wraps to a line start fails at least one of these.
        taken = set(styled)
        cands = [i for i, ln in enumerate(lines) if self.measure_match(ln) and not ln.in_table and i not in index_span]
        # (beside styled headings a plain one needs that evidence: without paragraph numbers there
        # is none, so then only a document with no heading typography at all takes plain ones)
        plain = [
            i
            for i in cands
            if i not in taken and (not styled or self.p.paragraph_number is not None) and self._plain_heading(lines, i)
        ]
        if styled and plain:
            for i in plain:
                self.warn(f"measure heading in plain type: {lines[i].text[:60]!r}", lines[i].page)
        styled = sorted(taken | set(plain))
        heads = set(styled)
        head_size = statistics.median([lines[i].size for i in styled]) if styled else self.body
        drafts: list[_MeasureDraft] = []
        current: _MeasureDraft | None = None
        chapter: tuple[str | None, str] | None = None
        last_big: str | None = None
        warned_pages: set[int] = set()
        ended = False  # past an annex or glossary heading: numbered text there is the annex's own
        skip = 0
        for i, ln in enumerate(lines):
            if skip:
                skip -= 1
                continue
            chap = self.chapter_match(ln) if i not in heads else None
            if chap is not None:
                letter, title = chap
                j = i
                while j + 1 < len(lines) and self._continues_heading(lines[j], lines[j + 1]) and j + 1 not in heads:
                    j += 1
                    title = join_text([dataclasses.replace(ln, text=title), lines[j]])[0].strip()
                skip = j - i
                chapter = (letter, title)
                current = None
                continue
            if i in heads:
                m = self.measure_match(ln)
                assert m is not None
                gd = m.groupdict()
                title = (gd.get("title") or "").strip()
                j = i
                title_lines: list[Line] = []
                while (
                    j + 1 < len(lines)
                    and j + 1 not in heads
                    and self._continues_heading(lines[j], lines[j + 1], 0.9 if title or title_lines else 2.0)
                ):
                    j += 1
                    title_lines.append(lines[j])
                if title_lines:
                    title = join_text([dataclasses.replace(ln, text=title)] + title_lines if title else title_lines)[0]
                skip = j - i
                if current is not None and current.measure.id == self.p.make_id({**gd, "short_name": self.p.short_name}):
                    # the heading of the measure being read, repeated atop a page it runs on to
                    # ("... (continued)", or a Word table's repeated header row): page furniture
                    continue
                number = gd["number"]
                letter = gd.get("chapter")
                ch_title = None
                if chapter is not None and (chapter[0] is None or letter is None or chapter[0] == letter):
                    ch_title = chapter[1] or None
                    letter = letter or chapter[0]
                if ch_title is None and letter and letter in self.p.chapters:
                    ch_title = self.p.chapters[letter]
                if ch_title is None and last_big:
                    ch_title = last_big
                measure = Measure(
                    id=self.p.make_id({**gd, "short_name": self.p.short_name}),
                    number=number,
                    title=re.sub(r"\s+", " ", title),
                    chapter=letter,
                    chapter_title=ch_title,
                    page_start=ln.page,
                    page_end=lines[j].page,
                )
                if not title:
                    self.warn("measure heading without a title", ln.page, measure.id)
                current = _MeasureDraft(measure, ln)
                drafts.append(current)
                # a note marked on the heading (a consolidated code's "amended by ..." note) is the
                # measure's, cited by no paragraph
                self._marker_index.extend((n, hl.page, None, measure) for hl in [ln, *title_lines] for _, n in hl.markers)
                continue
            if self.end_match(ln):
                ended = True
            if self.end_match(ln) or (self.heading_style(ln) and ln.size > head_size * 1.05 and ln.size > self.body * 1.08):
                if self.heading_style(ln) and ln.size > self.body * 1.08:
                    last_big = re.sub(r"^(?:section|chapter|part)?\s*\d+(?:\.\d+)*[.:]?\s+", "", ln.text, flags=re.I)
                current = None
                continue
            if current is not None:
                if self.heading_style(ln) and _ID_LIKE.match(ln.text) and not self.measure_match(ln):
                    self.warn(f"heading-like line matches no measure pattern of the {self.p.name!r} profile: "
                              f"{ln.text[:60]!r}", ln.page, current.measure.id)
                current.content.append(ln)
            elif not ended and i not in index_span and self._measure_like(ln) and ln.page not in warned_pages:
                warned_pages.add(ln.page)
                where = "before the first measure" if not drafts else "outside any measure"
                self.warn(f"text {where} looks like a measure and is not read: {ln.text[:60]!r}", ln.page)
        return drafts

    def _measure_like(self, ln: Line) -> bool:
        """A line outside measures that is numbered like a measure's paragraph, or a heading
        whose text starts with a measure ID: it may be a measure the extractor did not see."""
        if self.p.paragraph_number is not None and self.p.paragraph_number.match(ln.text):
            return True
        return self.heading_style(ln) and (bool(self.measure_match(ln)) or bool(_ID_LIKE.match(ln.text)))

    def _opens_block(self, lines: list[Line], i: int) -> bool:
        """Whether line ``i`` starts a block rather than carrying on the sentence above it."""
        return i == 0 or not self._runs_on(lines[i - 1], lines[i])

    def _runs_on(self, prev: Line, ln: Line) -> bool:
        """Whether body line ``prev`` carries on into ``ln``: it ends without closing punctuation,
        on the same page and at the usual line spacing (or at the foot of the page before)."""
        if prev.kind != "body" or self.heading_style(prev, allow_table=True) or prev.in_table != ln.in_table:
            return False
        if re.search(r"[.;:!?)\]”\"']$", prev.text):
            return False
        if prev.page == ln.page:
            return ln.top - prev.bottom <= self.line_gap + 0.5 * self.body
        return True

    def _plain_heading(self, lines: list[Line], i: int) -> bool:
        """A measure heading set like body text (see ``find_measures``)."""
        m = self.measure_match(lines[i])
        title = (m.groupdict().get("title") or "").strip()
        if title and not (title[:1].isupper() or title[:1].isdigit() or title[:1] in "“\"‘'("):
            return False  # "ICU C1 sets out ...": running text
        if not self._opens_block(lines, i):
            return False
        return self._owns_paragraphs(lines, i, len(lines))

    def _owns_paragraphs(self, lines: list[Line], i: int, stop: int) -> bool:
        """The next numbered paragraph after line ``i`` is numbered for its measure."""
        rx = self.p.paragraph_number
        if rx is None:
            return True
        number = self.measure_match(lines[i]).group("number")
        for k in range(i + 1, stop):
            ln = lines[k]
            if self.measure_match(ln) and (self.heading_style(ln) or self._opens_block(lines, k)):
                return False
            pm = rx.match(ln.text)
            if pm:
                return pm.groupdict().get("measure") in (None, number)
        return False

    def _caption_mask(self, ln: Line) -> bool:
        """Figure/table captions (small type) and their continuation lines stay out of measures."""
        if self.is_caption(ln):
            self._in_caption = (ln.page, ln.size)
            return True
        state = getattr(self, "_in_caption", None)
        if state and state == (ln.page, ln.size):
            return True
        self._in_caption = None
        return False

    def _index_span(self, lines: list[Line]) -> set[int]:
        span: set[int] = set()
        if self.p.index_title is None:
            return span
        start = next((i for i, ln in enumerate(lines) if self.p.index_title.search(ln.text)), None)
        if start is None:
            return span
        for i in range(start, len(lines)):
            if i > start and lines[i].size >= self.body * 1.1 and not lines[i].in_table:
                break
            span.add(i)
        return span

    # ---------------------------------------------------------------- pass 2: paragraphs
    def build_paragraphs(self, draft: _MeasureDraft) -> None:
        m = draft.measure
        groups = self._group_numbered(draft) if self.p.numbered_paragraphs else self._group_unnumbered(draft)
        first_under = True
        for number, lines, under_app_heading in groups:
            para = self._make_paragraph(m, number, lines)
            para.is_application = is_application(para.text, self.p.application_phrase, under_app_heading,
                                                 under_app_heading and first_under)
            if under_app_heading:
                first_under = False
            m.paragraphs.append(para)
        apps = [p for p in m.paragraphs if p.is_application]
        m.application = "\n".join(p.text for p in apps)
        m.application_paragraphs = [p.number for p in apps]
        pages = [ln.page for _, lines, _ in groups for ln in lines]
        if pages:
            m.page_end = max(m.page_end, max(pages))
        if not m.paragraphs:
            self.warn("measure has no paragraphs", m.page_start, m.id)

    def _subheading(self, ln: Line, prev: Line | None = None) -> bool:
        """A heading inside a measure; ``prev`` is the measure's line before it, if any.

        A wholly bold line that carries on the sentence above it (a bold defined term wrapped onto
        a line of its own: "... of why it is" / "highly effective.") is the paragraph's text.
        """
        if not self.heading_style(ln) or (self.p.paragraph_number and self.p.paragraph_number.match(ln.text)):
            return False
        return not (prev is not None and self._carries_on(prev, ln))

    def _carries_on(self, prev: Line, ln: Line) -> bool:
        """Whether ``ln`` continues the sentence of ``prev`` and starts in lower case."""
        return ln.text[:1].islower() and self._runs_on(prev, ln)

    def _group_numbered(self, draft: _MeasureDraft) -> list[tuple[str, list[Line], bool]]:
        m = draft.measure
        groups: list[tuple[str, list[Line], bool]] = []
        cur: list[Line] | None = None
        last_seq = 0
        number_x: float | None = None
        app_heading = False
        orphan_warned = False
        content = draft.content
        for k, ln in enumerate(content):
            pm = self.p.paragraph_number.match(ln.text)
            ref_x = number_x if number_x is not None else self.number_x
            back_at_margin = (
                self.hanging and ref_x is not None and not pm and ln.x0 <= ref_x + 2 and not self._item_label(ln)
            )
            # in plain type and without hanging indent, a short unpunctuated line between the end
            # of one paragraph and the number of the next is a sub-heading too
            nxt = content[k + 1] if k + 1 < len(content) else None
            between = (
                not pm
                and _looks_like_heading(ln.text)
                and (k == 0 or re.search(r"[.;:]$", content[k - 1].text) is not None)
                and nxt is not None
                and self.p.paragraph_number.match(nxt.text) is not None
            )
            if self._subheading(ln, content[k - 1] if k else None) or (back_at_margin and _looks_like_heading(ln.text)) or between:
                app_heading = bool(self.p.application_heading and self.p.application_heading.match(ln.text.strip()))
                cur = None
                continue
            if pm:
                number = pm.group("number")
                owner = pm.groupdict().get("measure")
                seq_m = re.search(r"(\d+)$", number)
                seq = int(seq_m.group(1)) if seq_m else last_seq + 1
                plausible = (
                    (owner is None or owner == m.number)
                    and seq > last_seq
                    and (number_x is None or ln.x0 <= number_x + 6)
                )
                if owner is not None and owner != m.number and cur is None and number_x is None:
                    # a paragraph numbered for another measure: keep it but say so
                    self.warn(f"paragraph {number} is numbered for another measure", ln.page, m.id)
                    plausible = True
                if plausible:
                    if groups and seq != last_seq + 1:
                        self.warn(f"paragraph {number} follows {groups[-1][0]}: numbers skipped", ln.page, m.id)
                    number_x = ln.x0 if number_x is None else min(number_x, ln.x0)
                    last_seq = seq
                    rest = ln.text[pm.end():].lstrip()
                    cut = len(ln.text) - len(rest)
                    first = dataclasses.replace(
                        ln,
                        text=rest,
                        markers=[(max(0, o - cut), n) for o, n in ln.markers],
                        tabs=[t - cut for t in ln.tabs if t >= cut],
                        tab_x=[x for t, x in zip(ln.tabs, ln.tab_x) if t >= cut],
                        word_x=[(t - cut, x) for t, x in ln.word_x if t >= cut],
                        # where the text after the number starts: a sub-item opening on the
                        # number's line ("C1.3 (a) ...") is indented like its siblings below
                        x0=_x_at(ln, cut),
                    )
                    cur = [first]
                    orphan_warned = False  # each run of unnumbered text gets its own warning
                    groups.append((number, cur, app_heading))
                    continue
            if pm and cur is not None and (pm.groupdict().get("measure") in (None, m.number)) and (
                number_x is None or ln.x0 <= number_x + 6
            ):
                # a number of this measure out of sequence: kept as text of the paragraph above
                self.warn(f"paragraph number {pm.group('number')} out of sequence after {groups[-1][0]}: "
                          f"read as text of {groups[-1][0]}", ln.page, m.id)
            if cur is None:
                if not orphan_warned:
                    self.warn(f"text outside any numbered paragraph is not read: {ln.text[:60]!r}", ln.page, m.id)
                    orphan_warned = True
                continue
            if _set_apart(ln, cur[0]):
                continue
            cur.append(ln)
        return groups

    def _group_unnumbered(self, draft: _MeasureDraft) -> list[tuple[str, list[Line], bool]]:
        m = draft.measure
        blocks: list[list[Line]] = []
        apps: list[bool] = []
        app_heading = False
        prev: Line | None = None
        left = min((ln.x0 for ln in draft.content), default=0.0)
        threshold = self.line_gap + 0.3 * self.body
        for ln in draft.content:
            if self._subheading(ln, prev):
                app_heading = bool(self.p.application_heading and self.p.application_heading.match(ln.text.strip()))
                prev = None
                blocks.append([])
                apps.append(app_heading)
                continue
            label = self._item_label(ln) is not None
            new = False
            if prev is None or not blocks or not blocks[-1]:
                new = not blocks or bool(blocks[-1])
            elif not label and ln.x0 <= left + 3:
                if ln.page == prev.page:
                    new = ln.top - prev.bottom > threshold
                else:
                    new = bool(re.search(r"[.:]$", prev.text)) and ln.text[:1].isupper()
            if blocks and blocks[-1] and _set_apart(ln, blocks[-1][0]):
                continue
            if new or not blocks:
                blocks.append([])
                apps.append(app_heading)
            blocks[-1].append(ln)
            prev = ln
        groups = []
        n = 0
        for block, app in zip(blocks, apps):
            if block:
                n += 1
                groups.append((f"{m.number}.p{n}", block, app))
        return groups

    def _item_label(self, ln: Line) -> tuple[int, str, int] | None:
        """(level, label, length of the label text) when the line opens a sub-item."""
        for level, rx in enumerate(self.p.item_labels):
            mm = rx.match(ln.text)
            if mm and (len(ln.text) == mm.end() or ln.text[mm.end()].isspace()):
                return level, mm.group("label"), mm.end()
        return None

    def _item_levels(self, text: str) -> list[int]:
        return [lvl for lvl, rx in enumerate(self.p.item_labels) if (mm := rx.match(text)) and (len(text) == mm.end() or text[mm.end()].isspace())]

    def _make_paragraph(self, m: Measure, number: str, lines: list[Line]) -> Paragraph:
        lines = [_strip_bullet(ln) for ln in lines]
        text, markers, starts = join_lines(lines)
        para = Paragraph(number=number, text=text, page=lines[0].page, page_end=lines[-1].page)
        refs: list[str] = []
        for _, n in markers:
            if n not in refs:
                refs.append(n)
        para.footnote_refs = refs
        self._marker_index.extend((n, lines_page(lines, starts, off), number, m) for off, n in markers)
        para.items = self._items(lines, starts, text)
        seen = {(c.source_paragraph, c.target) for c in m.cross_refs}
        for rule in self.p.crossrefs:
            for mm in rule.regex.finditer(text):
                for target, printed in _crossref_targets(rule, mm, text):
                    if (number, target) not in seen:
                        seen.add((number, target))
                        m.cross_refs.append(CrossRef(number, target, rule.kind, printed))
        return para

    def _items(self, lines: list[Line], starts: list[int], text: str) -> list[SubItem]:
        roots: list[SubItem] = []
        stack: list[tuple[float, int, SubItem]] = []
        # (depth, item, start) in text order; item None: text that closes the list
        order: list[tuple[int, SubItem | None, int]] = []
        # the paragraph's own text edge: where its lines before the first sub-item start (the
        # first line's only if it is the only one: its x after the number is an estimate)
        lead: list[float] = []
        for ln in lines:
            if self._item_levels(ln.text):
                break
            lead.append(ln.x0)
        edge = min(lead[1:]) if len(lead) > 1 else (lead[0] if lead else None)
        for ln, start in zip(lines, starts):
            levels = self._item_levels(ln.text)
            if not levels:
                # words back at the paragraph's edge after its sub-items close the list: they are
                # the paragraph's, not the last sub-item's. Told apart from a sub-item's wrapped
                # line when sub-items sit right of the edge, or when the document wraps sub-items
                # at their text indent (then no wrapped line returns to the label)
                if stack and edge is not None and ln.x0 <= edge + 2 and (
                    stack[0][0] > edge + 3 or (self.item_hang and ln.x0 <= stack[0][0] + 2)
                ):
                    stack.clear()
                    order.append((0, None, start))
                continue
            x = ln.x0
            while stack and stack[-1][0] > x + 3:
                stack.pop()
            level = levels[0]
            if len(levels) > 1:  # "(i)" is a letter after "(h)" but a roman numeral after "(a)"
                label = self._item_label_text(ln.text, levels)
                top = stack[-1] if stack else None
                if top and top[1] in levels and _next_label(top[2].label, label):
                    level = top[1]  # carries on the list it sits in
                elif top and top[1] < max(levels):
                    level = min(lv for lv in levels if lv > top[1])  # opens a list inside it
            mm = self.p.item_labels[level].match(ln.text)
            if _dotted(mm) and not self._list_goes_on(stack, x, mm.group("label")):
                continue  # "18. The provider ..." wrapped to a line start: a number, not a list
            item = SubItem(label=f"({mm.group('label')})", text="", start=start, end=start)
            item._label_len = mm.end()  # type: ignore[attr-defined]
            # siblings: same indentation (and same numbering scheme when the layout is flat)
            while stack and abs(stack[-1][0] - x) <= 3 and stack[-1][1] != level and level < stack[-1][1]:
                stack.pop()
            if stack and abs(stack[-1][0] - x) <= 3 and stack[-1][1] == level:
                stack.pop()
            parent = stack[-1][2] if stack else None
            (parent.items if parent else roots).append(item)
            stack.append((x, level, item))
            order.append((len(stack), item, start))
        # ends: up to the next item at the same or a shallower depth, else the paragraph's end
        for k, (depth, item, _) in enumerate(order):
            if item is None:
                continue
            end = len(text)
            for depth2, _, start2 in order[k + 1:]:
                if depth2 <= depth:
                    end = start2
                    break
            seg = text[item.start:end].rstrip()
            item.end = item.start + len(seg)
            own_end = item.items[0].start if item.items else item.end
            item.text = text[item.start + item._label_len:own_end].strip()  # type: ignore[attr-defined]
            del item._label_len  # type: ignore[attr-defined]
        return roots

    @staticmethod
    def _list_goes_on(stack: list, x: float, label: str) -> bool:
        """Whether a dotted label ("1.", "a.", "i.") starts a list or follows its sibling.

        Such a label at a line start is a list label only then: a sentence wrapped before "18."
        or "2024." must not open a sub-item. (Parenthesised labels need no such proof.)
        """
        sibling = next((item for sx, _, item in reversed(stack) if abs(sx - x) <= 3), None)
        if sibling is not None and _next_label(sibling.label, label):
            return True
        return label in ("1", "a", "i")

    def _item_label_text(self, text: str, levels: list[int]) -> str:
        mm = self.p.item_labels[levels[0]].match(text)
        return mm.group("label") if mm else ""

    # ---------------------------------------------------------------- footnotes
    def footnotes(self) -> list[Footnote]:
        notes: list[tuple[Footnote, list[Line]]] = []
        for ln in self.note_lines:
            if ln.footnote is not None:
                notes.append((Footnote(number=ln.footnote, text="", page=ln.page), [ln]))
            elif notes:
                notes[-1][1].append(ln)
        out = []
        for note, lines in notes:
            note.text = re.sub(r"\s+", " ", join_text(lines)[0]).strip()
            out.append(note)
        return out

    def warn(self, message: str, page: int | None, measure: str | None = None) -> None:
        self.warnings.append(ParseWarning(message=message, page=page, measure=measure))
        if measure is not None:
            for d in getattr(self, "_drafts", []):
                if d.measure.id == measure:
                    d.measure.warnings.append(message)

    def run(self) -> list[Measure]:
        self._marker_index: list[tuple[str, int, str | None, Measure]] = []
        drafts = self.find_measures()
        self._drafts = drafts
        self.number_x: float | None = None
        self.hanging = self._hanging_indent(drafts)
        self.item_hang = self._item_hang(drafts)
        seen: dict[str, int] = {}
        for d in drafts:
            self.build_paragraphs(d)
            if d.measure.id in seen:
                self.warn(f"measure {d.measure.id} appears twice (pages {seen[d.measure.id]} and {d.measure.page_start})",
                          d.measure.page_start, d.measure.id)
            seen.setdefault(d.measure.id, d.measure.page_start)
        self._link_footnotes([d.measure for d in drafts])
        return [d.measure for d in drafts]

    def _link_footnotes(self, measures: list[Measure]) -> None:
        by_number: dict[str, list[tuple[int, str, Measure]]] = {}
        for n, page, para, m in self._marker_index:
            by_number.setdefault(n, []).append((page, para, m))
        spans = [(m.page_start, m.page_end) for m in measures]
        for note in self.footnotes():
            cands = by_number.get(note.number, [])
            if not cands:
                if any(a <= note.page <= b for a, b in spans):
                    self.warn(f"footnote {note.number} has no marker in any measure paragraph", note.page)
                continue
            page, para, m = min(cands, key=lambda c: (c[0] != note.page, abs(c[0] - note.page)))
            note.paragraph = para
            m.footnotes.append(note)


_LIST_SEP = re.compile(r"\s*,\s*(?:and/or\s+|and\s+|or\s+)?|\s+(?:and/or|and|or)\s+", re.I)
_RANGE_SEP = re.compile(r"\s*[-–—]\s*|\s+(?:to|through)\s+", re.I)
_MAX_RANGE = 50


def _crossref_targets(rule, mm: re.Match, text: str) -> list[tuple[str, str]]:
    """(target, words as printed) for a cross-reference match and the list or range it opens.

    "ICU C1, C2 and C5" gives C1, C2, C5; "paragraphs A2.3 to A2.5" gives A2.3, A2.4, A2.5. Only
    a range of paragraphs is expanded, and only when both ends differ in their last number alone
    (so A2.3 to A3.1 gives its two ends, never every paragraph of two measures); the paragraphs
    inside a range are cited with the range as printed, since they are not printed themselves.
    A range of measures ("ICU D2 to ICU D13") gives its two ends: the IDs between may be lettered
    variants (D7a) or gaps, so listing them would invent references.
    """
    groups = {k: v for k, v in mm.groupdict().items() if v}

    def fill(g: dict) -> str:
        return rule.target.format(**{k: (g.get(k) or "") for k in mm.groupdict()})

    out = [(fill(groups), mm.group(0))]
    if rule.list_item is None:
        return out
    pos = mm.end()
    prev = groups
    prev_start = mm.start()
    for _ in range(40):  # a list is short; this bounds the walk on hostile text
        sep = _RANGE_SEP.match(text, pos)
        is_range = sep is not None
        if sep is None:
            sep = _LIST_SEP.match(text, pos)
        if sep is None:
            break
        item = rule.list_item.match(text, sep.end())
        if item is None or item.end() == sep.end():
            break
        cur = {**prev, **{k: v for k, v in item.groupdict().items() if v}}
        if is_range and rule.kind == "paragraph":
            out.extend((fill(g), text[prev_start:item.end()]) for g in _range_between(prev, cur))
        out.append((fill(cur), item.group(0)))
        prev, prev_start, pos = cur, item.start(), item.end()
    return out


def _range_between(a: dict, b: dict) -> list[dict]:
    """Group values strictly between two range ends that differ only in a trailing number."""
    keys = [k for k in b if a.get(k) != b.get(k)]
    if len(keys) != 1:
        return []
    k = keys[0]
    ma = re.match(r"^(.*?)(\d+)$", a.get(k) or "")
    mb = re.match(r"^(.*?)(\d+)$", b[k])
    if not ma or not mb or ma.group(1) != mb.group(1):
        return []
    lo, hi = int(ma.group(2)), int(mb.group(2))
    if not lo < hi <= lo + _MAX_RANGE:
        return []
    return [{**a, k: f"{ma.group(1)}{n}"} for n in range(lo + 1, hi)]


# list bullets as printed by word processors: Unicode bullets and dashes, and the private-use
# code points that Symbol and Wingdings bullets come out as when the font has no Unicode map
def _set_apart(ln: Line, first: Line) -> bool:
    """Whether ``ln`` sits in a drawn table or box that the paragraph opened by ``first`` is not in:
    a boxed note, an example or a table printed between paragraphs belongs to none of them."""
    return (ln.in_table or ln.boxed) and not (first.in_table or first.boxed)


_BULLET_RE = re.compile(r"^[\u2022\u2023\u2043\u2219\u25aa\u25ab\u25cf\u25cb\u25e6\u25a0\u25a1\u00b7\u27a2\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a8](?:\s+|$)")


def _strip_bullet(ln: Line) -> Line:
    """A line opening a bulleted list item without its bullet: in a paragraph the items read as
    running text after their lead-in, as they would aloud (bullets are not labelled sub-items)."""
    mm = _BULLET_RE.match(ln.text)
    if not mm:
        return ln
    cut = mm.end()
    return dataclasses.replace(
        ln,
        text=ln.text[cut:],
        markers=[(max(0, o - cut), n) for o, n in ln.markers],
        tabs=[t - cut for t in ln.tabs if t >= cut],
        tab_x=[x for t, x in zip(ln.tabs, ln.tab_x) if t >= cut],
        word_x=[(t - cut, x) for t, x in ln.word_x if t >= cut],
        x0=_x_at(ln, cut),
    )


def _x_at(ln: Line, offset: int) -> float:
    """Horizontal position of the character at ``offset`` (a tab stop if one is there)."""
    for t, x in zip(ln.tabs, ln.tab_x):
        if t == offset:
            return x
    for t, x in ln.word_x:
        if t == offset:
            return x
    if not ln.text:
        return ln.x0
    return ln.x0 + (ln.x1 - ln.x0) * offset / len(ln.text)


def _looks_like_heading(text: str) -> bool:
    """A short line without closing punctuation: "Application", "Recommendation", "Who this applies to"."""
    words = text.split()
    return 0 < len(words) <= 8 and not re.search(r"[.;:,]$", text) and text[:1].isupper()


def lines_page(lines: list[Line], starts: list[int], offset: int) -> int:
    page = lines[0].page
    for ln, st in zip(lines, starts):
        if st <= offset:
            page = ln.page
    return page


def _dotted(mm: re.Match) -> bool:
    """A label printed with a dot and no parenthesis ("1.", "a.", "ii.")."""
    return mm.group(0).endswith(".") and not mm.group(0).startswith("(")


def _next_label(prev: str, label: str) -> bool:
    """Whether ``label`` follows ``prev`` in a lettered, roman or numbered sequence."""
    prev = prev.strip("()")
    if prev.isdigit() and label.isdigit():
        return int(label) == int(prev) + 1
    romans = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]
    if prev in romans and label in romans and romans.index(label) == romans.index(prev) + 1:
        return True
    if len(prev) == 1 and len(label) == 1 and prev.isalpha() and label.isalpha():
        return ord(label) == ord(prev) + 1
    return False


# -------------------------------------------------------------------- document facts
def _front_text(doc: PdfText, pages: int = 3) -> str:
    """Text of the front pages, running headers included; lines joined as in paragraphs so that a
    title broken over two lines ("user-to-" / "user services") reads whole."""
    lines = [ln for ln in doc.lines if ln.page <= pages] + [ln for ln in doc.removed if ln.page <= pages]
    return "\n".join(ln.text for ln in lines) + "\n" + join_text(lines)[0]


def _is_sample(doc: PdfText, profile: Profile, metadata: dict) -> bool:
    """A document that says of itself that it is a sample: on its title page, in its running
    headers or footers, or in its PDF metadata. Not anywhere in the text: a real code may well
    speak of "a sample of content"."""
    if profile.sample_phrase is None:
        return False
    first = min((ln.page for ln in doc.lines), default=1)
    where = [ln.text for ln in doc.lines if ln.page == first] + [ln.text for ln in doc.removed if not ln.text.isdigit()]
    where += [str(metadata.get(k, "")) for k in ("Title", "Subject", "Keywords")]
    return any(profile.sample_phrase.search(t) for t in where)


def _title(doc: PdfText, profile: Profile) -> str:
    page = doc.lines[0].page if doc.lines else 1  # lines are in page order
    first = [ln for ln in doc.lines if ln.page == page and ln.kind == "body"]
    if not first:
        return profile.title
    biggest = max(ln.size for ln in first)
    if biggest < doc.body_size * 1.15:
        return profile.title
    parts = [ln for ln in first if ln.size >= biggest - 0.5]
    return re.sub(r"\s+", " ", join_text(parts)[0]).strip() or profile.title


def _version(front: str, profile: Profile) -> str | None:
    """The edition as printed on the front pages: the profile's pattern, else a version line, else a date."""
    if profile.version is not None:
        m = profile.version.search(front)
        if m:
            return m.group(1)
    for rx in (_VERSION_RE, _DATE_RE):
        for line in front.split("\n"):
            if rx.search(line) and len(line) <= 120:
                return line.strip()
    return None


def reconcile(code: Code) -> None:
    from .models import Reconciliation

    if not code.index:
        code.reconciliation = Reconciliation()
        return
    in_index: list[str] = []
    for row in code.index:
        for i in row.ids:
            if i not in in_index:
                in_index.append(i)
    body = [m.id for m in code.measures]
    code.reconciliation = Reconciliation(
        missing_from_body=[i for i in in_index if i not in body],
        missing_from_index=[i for i in body if i not in in_index],
    )


def extract_code(path: str | Path, profile: str | Path | Profile | None = None, progress: Progress | None = None,
                 reader: str | None = None) -> Code:
    """Extract the structure of the code of practice at ``path``.

    ``reader``: where characters come from, "pdfium" or "pdfplumber" (``pdftext.READERS``); default
    ``pdftext.default_reader()``. The index table is read with pdfplumber either way.

    Raises ``AnalyserError`` subclasses for bad input: see ``pdfcheck.check_pdf``, plus
    ``NoTextLayerError`` for scans and ``UnknownLayoutError`` when no profile fits; and
    ``BudgetError`` for a document over the pages, characters or seconds of ``budgets.current()``.
    Signs of damage (see ``damage``) come first among ``Code.warnings``.
    """
    path = Path(path)
    # the budget's clock and character count, and the PDF libraries' log lines, cover the whole read
    with budgets.reading(path), damage.capture_library_logs() as captured:
        code, doc, prof = _extract(path, profile, progress, reader)
    found = {m.id for m in code.measures}
    index_ids = {i for row in code.index for i in row.ids}
    code.warnings = damage.rank(
        captured.warnings()
        + damage.sequence_gaps(code.measures, index_ids)
        + damage.headings_in_furniture([(ln.page, ln.text) for ln in doc.removed], prof.measure_heading,
                                       prof.make_id, found)
        + code.warnings)
    return code


def _extract(path: Path, profile: str | Path | Profile | None, progress: Progress | None,
             reader: str | None = None) -> tuple[Code, PdfText, Profile]:
    import pdfplumber

    check_pdf(path)
    sha = _sha256(path)
    read_progress = (lambda f, msg: progress(0.7 * f, msg)) if progress else None
    try:
        pdf = pdfplumber.open(str(path))
    except Exception as err:
        raise TruncatedPDFError(path, f"the PDF cannot be read ({type(err).__name__})") from None
    try:
        fast = open_fast(path, reader)
    except ValueError:
        _close_quietly(pdf)
        raise  # an unknown reader name: the caller's mistake, not the PDF's
    except Exception:
        fast = None  # PDFium refuses a file pdfminer opened: let the reference reader decide
    try:
        return _extract_open(path, pdf, sha, profile, progress, read_progress, fast)
    finally:
        if fast is not None:
            _close_quietly(fast)
        _close_quietly(pdf)


def _close_quietly(handle) -> None:
    try:
        handle.close()
    except Exception:  # a damaged page (a bad MediaBox) raises again on close: keep the first error
        pass


def _extract_open(path: Path, pdf, sha: str, profile: str | Path | Profile | None, progress: Progress | None,
                  read_progress: Progress | None, fast=None) -> tuple[Code, PdfText, Profile]:
    from .index_table import read_index

    try:
        metadata = dict(pdf.metadata or {})
        doc = read_pdf(pdf, read_progress, fast)
    except AnalyserError:
        raise
    except Exception as err:
        raise TruncatedPDFError(path, f"the PDF is damaged and cannot be read ({type(err).__name__})") from None
    visible = sum(len(ln.text.strip()) for ln in doc.lines) + sum(len(ln.text) for ln in doc.removed)
    if visible < 50:
        cause = "no text layer (a scanned or image-only PDF); run OCR first" if doc.image_pages else "the PDF contains no text"
        raise NoTextLayerError(path, cause)
    if isinstance(profile, Profile):
        prof = profile
    elif profile:
        prof = load_profile(profile)
    else:
        text = "\n".join(ln.text for ln in doc.lines)
        head = re.sub(r"\s+", " ", _front_text(doc)).lower()
        prof = detect_profile(text, head)
        if prof is None:
            raise UnknownLayoutError(
                path, "no known code layout (no profile matches its measure numbering); use --profile NAME|PATH"
            )
    builder = _Builder(prof, doc)
    measures = builder.run()
    if not measures:
        raise UnknownLayoutError(path, f"no measures found with the {prof.name!r} profile's heading pattern")
    if progress:
        progress(0.75, "Reading the index table")
    index = []
    if prof.index_title is not None:
        try:
            index = read_index(pdf, prof, doc.lines, lambda msg, page: builder.warn(msg, page))
        except AnalyserError:
            raise
        except Exception as err:  # a table the extractor cannot read is a warning, not a failure
            builder.warn(f"index table could not be read ({type(err).__name__}: {err})", None)
        if not index:
            builder.warn("no index table of measures found", None)
    front = _front_text(doc)
    info = CodeInfo(
        title=_title(doc, prof),
        publisher=prof.publisher,
        family=prof.family,
        short_name=prof.short_name,
        kind=prof.kind,
        version=_version(front, prof),
        source_file=path.name,
        sha256=sha,
        page_count=doc.page_count,
        profile=prof.name,
        sample=_is_sample(doc, prof, metadata),
        analyser_version=__version__,
        services=dict(prof.services),
    )
    code = Code(info=info, measures=measures, index=index, warnings=builder.warnings)
    reconcile(code)
    for mid in code.reconciliation.missing_from_body:
        code.warnings.append(ParseWarning(f"{mid} is in the index table but not found in the body",
                                          severity=damage.DAMAGE))
    for mid in code.reconciliation.missing_from_index:
        m = code.measure(mid)
        code.warnings.append(ParseWarning(f"{mid} is in the body but not in the index table", m.page_start if m else None, mid))
    if progress:
        progress(0.8, "Structure extracted")
    return code, doc, prof
