"""Footnotes: the run of small lines closing a page, notes printed in mid-page after the text
that cites them, and footnote markers recovered in body lines (``Line.markers``)."""

from __future__ import annotations

import re

from .lines import Line

_CAPTION_RE = re.compile(r"^(?:figure|table|box|chart|source|note)\b", re.I)
_FOOTNOTE_START_RE = re.compile(r"^(\d{1,3}|[*†‡§¶]{1,3})[.)]?(?:\s+|(?=[A-Z“\"‘'(]))")


def mark_footnotes(lines: list[Line], body_size: float, continuing: bool = False) -> bool:
    """Mark the run of smaller-font lines that closes a page and opens with a number as footnotes.

    Returns whether the page ends in footnotes (the next page's run may continue the last one).
    """
    i = len(lines)
    while i > 0 and lines[i - 1].size < 0.92 * body_size and not lines[i - 1].in_table:
        i -= 1
    run = lines[i:]
    if not run:
        return False
    # the run must open with a footnote number (printed raised or plain), unless it carries on a
    # footnote from the foot of the previous page
    if footnote_number(run[0]) is None and not (continuing and not _CAPTION_RE.match(run[0].text)):
        return False
    current = None
    for ln in run:
        number = footnote_number(ln)
        if number is not None and (current is None or ln.x0 <= current.x0 + 2 or ln.markers[:1] == [(0, number)]):
            _make_note_start(ln, number)
            current = ln
        ln.kind = "footnote"
    return True


def mark_note_blocks(lines: list[Line], body_size: float) -> None:
    """Mark notes printed in mid-page, after the text that cites them (at the end of a measure or
    section, as HTML and some word processors set them), as footnotes.

    Such a block is a run of smaller-font lines that opens with the number of a marker already cited
    in the body and not yet given its note; it ends where body-size text resumes. Requiring a pending
    citation keeps small-print lists, captions and table text that open with a number out.
    """
    pending: list[str] = []
    current: Line | None = None
    at_foot = {(ln.page, ln.footnote) for ln in lines if ln.kind == "footnote" and ln.footnote}
    for ln in lines:
        if ln.kind == "footnote":
            if ln.footnote in pending:
                pending.remove(ln.footnote)
            current = None
            continue
        small = ln.size < 0.92 * body_size and not ln.in_table
        number = footnote_number(ln) if small else None
        # a note this page already prints at its foot is not also a mid-page block
        if number is not None and number in pending and (ln.page, number) not in at_foot:
            _make_note_start(ln, number)
            pending.remove(number)
            current = ln
            continue
        if small and current is not None:
            ln.kind = "footnote"  # the note goes on over another line
            continue
        current = None
        pending.extend(n for _, n in ln.markers if n not in pending)


def _make_note_start(ln: Line, number: str) -> None:
    ln.kind = "footnote"
    ln.footnote = number
    if ln.markers and ln.markers[0][0] == 0:
        ln.markers = ln.markers[1:]
        return
    m = _FOOTNOTE_START_RE.match(ln.text)
    if m:
        ln.text = ln.text[m.end():]
        ln.markers = [(max(0, o - m.end()), n) for o, n in ln.markers]


def recover_inline_markers(lines: list[Line]) -> None:
    """Find the markers of a page's footnotes that were printed at full size on the baseline.

    Some producers (Typst, with a font's own superscript glyphs) print a footnote number as an
    ordinary digit, so it looks like text: "the duties.1 The review". When a footnote at this page's
    foot has no raised marker in the page's body, a digit with that number glued to the end of a
    lower-case word (or to the punctuation after it) is taken as its marker. Upper-case letters are
    left alone, so IDs and paragraph numbers ("PCU B2", "C9.1") never are.
    """
    notes = [ln.footnote for ln in lines if ln.kind == "footnote" and ln.footnote]
    body = [ln for ln in lines if ln.kind == "body"]
    cited = {n for ln in body for _, n in ln.markers}
    for number in notes:
        if number in cited:
            continue
        rx = re.compile(rf"(?<=[a-z])(?:[.,;:!?)’”\"']?)({number})(?=[\s,.;:)]|$)")
        for ln in body:
            m = rx.search(ln.text)
            if m:
                at = m.start(1)
                ln.text = ln.text[:at] + ln.text[m.end(1):]
                ln.markers = sorted([(o - len(number) if o > at else o, n) for o, n in ln.markers] + [(at, number)])
                cited.add(number)
                break


def footnote_number(line: Line) -> str | None:
    """The number opening a footnote line: a raised marker at its start, or plain digits."""
    if line.markers and line.markers[0][0] == 0:
        return line.markers[0][1]
    m = _FOOTNOTE_START_RE.match(line.text)
    return m.group(1) if m else None
