"""Page furniture and contents pages: running headers and footers, page numbers and contents
lines are found by repetition and position relative to the document, and taken out of the text
(footnote blocks at a page foot are recognised first so that they never count as furniture)."""

from __future__ import annotations

import re
from collections import Counter

from .footnotes import footnote_number
from .lines import Line

_PAGE_NUM_RE = re.compile(
    r"^(?:page\s+)?(?:\d{1,4}|[ivxlc]{1,7})(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$", re.I
)
_TOC_LEADER_RE = re.compile(r"(?:\.\s?){3,}\s*\d{1,4}$|…+\s*\d{1,4}$")
# a line that opens like a measure heading: "ICU C9 ...", "C9 ...", "Measure 7.6 ..."
_HEADING_ID_RE = re.compile(r"^(?:[A-Z]{2,5}\s+)?[A-Z]{1,2}\d{1,3}[A-Za-z]?\b|^[Mm]easure\s+\d")


def _norm_furniture(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip().lower()))


def _furniture_keys(line: Line) -> list[str]:
    """What must recur for ``line`` to be a running header: its text, or one of its tab-separated
    parts, since a header often pairs a fixed title with the current section's name
    ("Chapter C – Search moderation <tab> Illegal content Codes ... – SAMPLE")."""
    if _HEADING_ID_RE.match(line.text.strip()):
        # A line that opens with a measure ID is furniture only if it repeats word for word, numbers
        # included: "ICU A7 Measure 7" and "ICU A8 Measure 8" on two page tops are two headings, not
        # one running header, however alike once digits are ignored.
        return [re.sub(r"\s+", " ", line.text.strip().lower())]
    keys = [_norm_furniture(line.text)]
    if line.tabs:
        cuts = [0, *line.tabs, len(line.text)]
        for a, b in zip(cuts, cuts[1:]):
            part = _norm_furniture(line.text[a:b])
            if len(part) >= 12 and part not in keys:
                keys.append(part)
    return keys


def remove_furniture(pages: list[list[Line]], heights: list[float], body_size: float = 0.0) -> list[Line]:
    """Drop running headers/footers and page numbers; return what was removed.

    A line is furniture when it sits among the first or last three lines of its page, inside the
    top or bottom 12% of the page, and either is a bare page number or its text (digits ignored)
    (or one of its tab-separated parts, see ``_furniture_keys``) recurs in the same band on other
    pages: on two pages when it is set apart from the text (a
    wide gap to the nearest line, or type smaller than the body), on more than half the pages
    otherwise, so that a sentence or sub-heading that happens to open several pages
    ("Recommendation", "This measure applies to ...") is never taken for a header. Footnotes
    (see ``_footnote_zone``) are never furniture, however alike two pages' notes read ("12 Ibid."
    and "15 Ibid." are the same line once digits are ignored).
    """
    n_pages = sum(1 for p in pages if p)
    outside_threshold = 2
    inside_threshold = 2 if n_pages <= 2 else max(3, n_pages // 2 + 1)
    counts: Counter = Counter()
    candidates: list[tuple[int, Line, tuple, bool]] = []
    for pi, lines in enumerate(pages):
        h = heights[pi]
        edge = set(map(id, lines[:3])) | set(map(id, lines[-3:]))
        seen: set = set()
        for k, line in enumerate(lines):
            if id(line) not in edge:
                continue
            if line.bottom < 0.12 * h:
                band = "top"
                gap = lines[k + 1].top - line.bottom if k + 1 < len(lines) else h
            elif line.top > 0.88 * h:
                band = "bottom"
                gap = line.top - lines[k - 1].bottom if k > 0 else h
            else:
                continue
            # set apart from the text: a wide margin gap, or smaller type than the body
            outside = gap > 1.5 * body_size or (line.size < body_size - 0.6 and gap > 0.8 * body_size)
            keys = [(band, k) for k in _furniture_keys(line)]
            candidates.append((pi, line, keys, outside))
            for key in keys:
                if key not in seen:
                    counts[key] += 1
                    seen.add(key)
    notes: set[int] = set()
    for lines in pages:
        notes |= _footnote_zone(lines, body_size)
    qualifies: set[int] = set()
    for pi, line, keys, outside in candidates:
        if id(line) in notes:
            continue
        threshold = outside_threshold if outside else inside_threshold
        if _PAGE_NUM_RE.match(line.text.strip()) or max(counts[k] for k in keys) >= threshold:
            qualifies.add(id(line))
    # a fixed part found as a tab-separated part elsewhere also marks the band lines that print it
    # at their start or end with only a narrow gap (no tab) before the varying part
    parts = {k for _, line, keys, outside in candidates if id(line) in qualifies for k in keys[1:]}
    if parts:
        for pi, line, keys, outside in candidates:
            if id(line) in qualifies or id(line) in notes or not outside:
                continue
            band, text = keys[0]
            if any(b == band and (text.startswith(p) or text.endswith(p)) for b, p in parts):
                qualifies.add(id(line))
    # furniture sits at the page's edges: peel qualifying lines from the top and from the bottom
    # only, so a repeated line below a heading that is not furniture is left in the text
    drop: set[int] = set()
    for lines in pages:
        for seq in (lines, lines[::-1]):
            for line in seq[:3]:
                if id(line) not in qualifies:
                    break
                drop.add(id(line))
    removed: list[Line] = []
    for pi, lines in enumerate(pages):
        keep = []
        for line in lines:
            (removed if id(line) in drop else keep).append(line)
        pages[pi] = keep
    return removed


def _footnote_zone(lines: list[Line], body_size: float) -> set[int]:
    """ids of the lines of a page's footnote block, judged before furniture is removed.

    The block opens at a line in the lower half of the page that starts with a number the page's
    text above cites as a raised marker, and runs on over the lines that follow closely in the same
    type; a page number or running footer set apart below it is not part of it.
    """
    if not lines:
        return set()
    cited: set[str] = set()
    zone: set[int] = set()
    low = lines[0].top + 0.5 * (lines[-1].bottom - lines[0].top)
    start = None
    for k, ln in enumerate(lines):
        number = footnote_number(ln)
        if ln.top >= low and number is not None and number in cited and ln.size <= body_size + 0.3:
            start = k
            break
        cited.update(n for o, n in ln.markers if o > 0)  # not a note's own number
    if start is None:
        return zone
    prev = lines[start]
    zone.add(id(prev))
    for ln in lines[start + 1:]:
        if _PAGE_NUM_RE.match(ln.text.strip()) or abs(ln.size - prev.size) > 0.6 or ln.top - prev.bottom > 0.9 * ln.size:
            break
        zone.add(id(ln))
        prev = ln
    return zone


def _is_toc_line(line: Line) -> bool:
    text = line.text
    if _TOC_LEADER_RE.search(text):
        return True
    # a wide gap then a page number at the end of the line
    return bool(line.tabs and re.search(r"\s\d{1,4}$", text) and line.tabs[-1] >= len(text) - 5)


def remove_contents(pages: list[list[Line]]) -> tuple[list[int], list[Line]]:
    """Find contents pages (most lines end in page numbers) and drop their lines."""
    found: list[int] = []
    removed: list[Line] = []
    for pi, lines in enumerate(pages):
        if len(lines) < 3:
            continue
        toc = [ln for ln in lines if _is_toc_line(ln)]
        if len(toc) >= 3 and len(toc) >= 0.4 * len(lines):
            found.append(pi + 1)
            removed.extend(lines)
            pages[pi] = []
    return found, removed
