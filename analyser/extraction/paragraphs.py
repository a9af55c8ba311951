"""Paragraph grouping: a measure's content lines into numbered paragraphs (or, for a profile
without paragraph numbers, blocks separated by extra space), the sub-headings between them, which
paragraphs are the measure's application wording, and each paragraph's text, footnote markers,
sub-items (``subitems``) and cross-references (``crossrefs``).

The document-wide layout evidence this needs (where paragraph numbers stand, whether paragraphs
and sub-items wrap with a hanging indent) is measured once over every measure, before any
paragraph is read: ``ParagraphLayout.measure``.
"""

from __future__ import annotations

import dataclasses
import re
import statistics
from dataclasses import dataclass

from ..application_settle import settle_application
from ..application_text import is_application
from ..models import Measure, Paragraph
from ..pdftext import Line, join_lines
from .crossrefs import add_crossrefs
from .footnotes import Citation
from .headings import LineClassifier
from .measures import MeasureDraft
from .report import Warnings
from .subitems import read_items

# list bullets as printed by word processors: Unicode bullets and dashes, and the private-use
# code points that Symbol and Wingdings bullets come out as when the font has no Unicode map
_BULLET_RE = re.compile(r"^[\u2022\u2023\u2043\u2219\u25aa\u25ab\u25cf\u25cb\u25e6\u25a0\u25a1\u00b7\u27a2\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a8](?:\s+|$)")

# (paragraph number, its lines, whether it sits under an application sub-heading)
Group = tuple[str, list[Line], bool]


@dataclass(frozen=True)
class ParagraphLayout:
    """How this document sets its paragraphs, measured over all its measures."""

    number_x: float | None  # the usual x of a paragraph number
    hanging: bool  # numbered paragraphs run on indented from their numbers
    item_hang: bool  # sub-items wrap indented from their labels

    @classmethod
    def measure(cls, classes: LineClassifier, drafts: list[MeasureDraft]) -> ParagraphLayout:
        rx = classes.p.paragraph_number
        if rx is None:
            return cls(None, False, _item_hang(classes, drafts))
        xs = [ln.x0 for d in drafts for ln in d.content if rx.match(ln.text)]
        return cls(statistics.median(xs) if xs else None, _hanging_indent(classes, drafts), _item_hang(classes, drafts))


def _hanging_indent(classes: LineClassifier, drafts: list[MeasureDraft]) -> bool:
    """Whether numbered paragraphs run on indented from their numbers (the usual Word layout).

    Then a line back at the number's x position that carries no number is not part of the
    paragraph above: it is a sub-heading ("Application", "Recommendation") even in plain type.
    """
    rx = classes.p.paragraph_number
    shifts = []
    for d in drafts:
        for a, b in zip(d.content, d.content[1:]):
            if a.page == b.page and rx.match(a.text) and not rx.match(b.text) and not classes.item_label(b):
                shifts.append(b.x0 - a.x0)
    return bool(shifts) and statistics.median(shifts) > 5


def _item_hang(classes: LineClassifier, drafts: list[MeasureDraft]) -> bool:
    """Whether sub-items wrap indented from their labels (the text indent of a Word list).

    Evidence: lines without a label or a paragraph number that follow a sub-item's first line
    on the same page; the usual shift to the right decides.
    """
    rx = classes.p.paragraph_number
    shifts = []
    for d in drafts:
        for a, b in zip(d.content, d.content[1:]):
            if (
                a.page == b.page
                and classes.item_label(a)
                and not classes.item_label(b)
                and not (rx and rx.match(b.text))
                and not classes.heading_style(b)
            ):
                shifts.append(b.x0 - a.x0)
    return bool(shifts) and statistics.median(shifts) > 3


class ParagraphReader:
    """Reads the paragraphs of one measure after another; collects their footnote citations."""

    def __init__(self, classes: LineClassifier, layout: ParagraphLayout, warnings: Warnings):
        self.c = classes
        self.p = classes.p
        self.layout = layout
        self.warnings = warnings
        self.citations: list[Citation] = []

    def read(self, draft: MeasureDraft) -> None:
        """Fill ``draft.measure``'s paragraphs and application wording from its content lines."""
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
        # "If you share ..." after a duty for every reader is a further duty, not the measure's scope;
        # with no sentence of scope, "Signatories that are SMEs may ..." is
        chosen = [i for i, p in enumerate(m.paragraphs) if p.is_application]
        kept = set(settle_application([p.text for p in m.paragraphs], chosen))
        for i, p in enumerate(m.paragraphs):
            p.is_application = i in kept
        apps = [p for p in m.paragraphs if p.is_application]
        m.application = "\n".join(p.text for p in apps)
        m.application_paragraphs = [p.number for p in apps]
        pages = [ln.page for _, lines, _ in groups for ln in lines]
        if pages:
            m.page_end = max(m.page_end, max(pages))
        if not m.paragraphs:
            self.warnings.warn("measure has no paragraphs", m.page_start, m)

    def _group_numbered(self, draft: MeasureDraft) -> list[Group]:
        c, m, rx = self.c, draft.measure, self.p.paragraph_number
        groups: list[Group] = []
        cur: list[Line] | None = None
        last_seq = 0
        number_x: float | None = None
        app_heading = False
        orphan_warned = False
        content = draft.content
        for k, ln in enumerate(content):
            pm = rx.match(ln.text)
            ref_x = number_x if number_x is not None else self.layout.number_x
            back_at_margin = (
                self.layout.hanging and ref_x is not None and not pm and ln.x0 <= ref_x + 2 and not c.item_label(ln)
            )
            # in plain type and without hanging indent, a short unpunctuated line between the end
            # of one paragraph and the number of the next is a sub-heading too
            nxt = content[k + 1] if k + 1 < len(content) else None
            between = (
                not pm
                and _looks_like_heading(ln.text)
                and (k == 0 or re.search(r"[.;:]$", content[k - 1].text) is not None)
                and nxt is not None
                and rx.match(nxt.text) is not None
            )
            if c.subheading(ln, content[k - 1] if k else None) or (back_at_margin and _looks_like_heading(ln.text)) or between:
                app_heading = c.application_heading(ln)
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
                    self.warnings.warn(f"paragraph {number} is numbered for another measure", ln.page, m)
                    plausible = True
                if plausible:
                    if groups and seq != last_seq + 1:
                        self.warnings.warn(f"paragraph {number} follows {groups[-1][0]}: numbers skipped", ln.page, m)
                    number_x = ln.x0 if number_x is None else min(number_x, ln.x0)
                    last_seq = seq
                    # where the text after the number starts: a sub-item opening on the number's
                    # line ("C1.3 (a) ...") is indented like its siblings below
                    cur = [_cut(ln, len(ln.text) - len(ln.text[pm.end():].lstrip()))]
                    orphan_warned = False  # each run of unnumbered text gets its own warning
                    groups.append((number, cur, app_heading))
                    continue
            if pm and cur is not None and (pm.groupdict().get("measure") in (None, m.number)) and (
                number_x is None or ln.x0 <= number_x + 6
            ):
                # a number of this measure out of sequence: kept as text of the paragraph above
                self.warnings.warn(f"paragraph number {pm.group('number')} out of sequence after {groups[-1][0]}: "
                                   f"read as text of {groups[-1][0]}", ln.page, m)
            if cur is None:
                if not orphan_warned:
                    self.warnings.warn(f"text outside any numbered paragraph is not read: {ln.text[:60]!r}", ln.page, m)
                    orphan_warned = True
                continue
            if _set_apart(ln, cur[0]):
                continue
            cur.append(ln)
        return groups

    def _group_unnumbered(self, draft: MeasureDraft) -> list[Group]:
        c, m = self.c, draft.measure
        blocks: list[list[Line]] = []
        apps: list[bool] = []
        app_heading = False
        prev: Line | None = None
        left = min((ln.x0 for ln in draft.content), default=0.0)
        threshold = c.line_gap + 0.3 * c.body
        for ln in draft.content:
            if c.subheading(ln, prev):
                app_heading = c.application_heading(ln)
                prev = None
                blocks.append([])
                apps.append(app_heading)
                continue
            label = c.item_label(ln) is not None
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

    def _make_paragraph(self, m: Measure, number: str, lines: list[Line]) -> Paragraph:
        lines = [_strip_bullet(ln) for ln in lines]
        text, markers, starts = join_lines(lines)
        para = Paragraph(number=number, text=text, page=lines[0].page, page_end=lines[-1].page)
        refs: list[str] = []
        for _, n in markers:
            if n not in refs:
                refs.append(n)
        para.footnote_refs = refs
        self.citations.extend((n, lines_page(lines, starts, off), number, m) for off, n in markers)
        para.items = read_items(lines, starts, text, self.c, self.layout.item_hang)
        add_crossrefs(m, number, text, self.p.crossrefs)
        return para


def _set_apart(ln: Line, first: Line) -> bool:
    """Whether ``ln`` sits in a drawn table or box that the paragraph opened by ``first`` is not in:
    a boxed note, an example or a table printed between paragraphs belongs to none of them."""
    return (ln.in_table or ln.boxed) and not (first.in_table or first.boxed)


def _cut(ln: Line, cut: int) -> Line:
    """``ln`` without its first ``cut`` characters, markers, tabs and word positions shifted."""
    return dataclasses.replace(
        ln,
        text=ln.text[cut:],
        markers=[(max(0, o - cut), n) for o, n in ln.markers],
        tabs=[t - cut for t in ln.tabs if t >= cut],
        tab_x=[x for t, x in zip(ln.tabs, ln.tab_x) if t >= cut],
        word_x=[(t - cut, x) for t, x in ln.word_x if t >= cut],
        x0=_x_at(ln, cut),
    )


def _strip_bullet(ln: Line) -> Line:
    """A line opening a bulleted list item without its bullet: in a paragraph the items read as
    running text after their lead-in, as they would aloud (bullets are not labelled sub-items)."""
    mm = _BULLET_RE.match(ln.text)
    return _cut(ln, mm.end()) if mm else ln


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
    """The page of the line that holds ``offset`` of the joined text."""
    page = lines[0].page
    for ln, st in zip(lines, starts):
        if st <= offset:
            page = ln.page
    return page
