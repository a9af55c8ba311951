"""PDF characters → clean reading-order lines.

This is the only module that looks at glyphs. It walks pdfplumber's parsed page layout once
(``page.layout``: the LTChar objects with font name, size and position) instead of asking
pdfplumber for ``page.chars`` dictionaries or ``extract_text``; building those dictionaries is
about half the cost of reading a page, and the whole extraction must stay faster than a plain
``extract_text`` loop over the same PDF.

What comes out is a list of :class:`Line` in reading order with the page furniture taken out:

* running headers and footers (text that repeats in the top or bottom band of many pages, digits
  ignored, so "Page 3 of 40" repeats too, or a fixed tab-separated part of it beside the current
  chapter's name) and bare page numbers; never the footnotes at a page foot, however alike;
* text on a slanted baseline (diagonal watermarks such as "DRAFT");
* contents pages (lines ending in a page number after dot leaders or a wide gap);
* ligature glyphs (U+FB00-FB06) spelt out; U+2010/U+2011 read as hyphens; optional hyphens
  (U+00AD) dropped mid-line; space glyphs drawn over a neighbouring glyph (Chromium's soft-hyphen
  points) not taken for word gaps;
* line-end hyphens judged against the document's own vocabulary: ``Line.soft_hyphen`` says the
  hyphen is a break inside a word ("tech-" + "nically"), otherwise it is a real compound hyphen
  ("end-to-" + "end");
* footnotes (a run of smaller-font lines closing a page, opened by a number; or, in mid-page, a
  run opened by the number of a marker already cited) marked ``kind="footnote"`` with their
  number, and the digits in body lines that cite them recorded as ``Line.markers`` instead of
  being left in the text: small raised digits, or, for a note on the page that has no raised
  marker, a full-size digit glued to a lower-case word.

Everything is decided from layout signals relative to the document itself (the body font size,
the page bands, repetition across pages), never from fixed strings, so that another producer's
or regulator's layout reads the same way.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .budgets import page_read
from .damage import page_unreadable

LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
HYPHENS = frozenset({"\u2010", "\u2011"})  # HYPHEN, NON-BREAKING HYPHEN: plain hyphens in the text
SOFT_HYPHEN = "\u00ad"
_BOLD_RE = re.compile(r"bold|black|heavy|semibold|demi|,b\b|-b\b", re.I)
_ITALIC_RE = re.compile(r"italic|oblique|,i\b|-i\b", re.I)
_PAGE_NUM_RE = re.compile(
    r"^(?:page\s+)?(?:\d{1,4}|[ivxlc]{1,7})(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$", re.I
)
_TOC_LEADER_RE = re.compile(r"(?:\.\s?){3,}\s*\d{1,4}$|…+\s*\d{1,4}$")
_CAPTION_RE = re.compile(r"^(?:figure|table|box|chart|source|note)\b", re.I)
_INDEX_RE = re.compile(r"\bindex\b", re.I)
_INDEX_KEEP_PAGES = 8
_ID_ROW_RE = re.compile(r"^(?:[A-Z]{2,5}\s+)?[A-Z]{1,2}\d{1,3}[A-Za-z]?\b(?!\.\d)")
# a line that opens like a measure heading: "ICU C9 ...", "C9 ...", "Measure 7.6 ..."
_HEADING_ID_RE = re.compile(r"^(?:[A-Z]{2,5}\s+)?[A-Z]{1,2}\d{1,3}[A-Za-z]?\b|^[Mm]easure\s+\d")
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z][A-Za-z'’]*)*")
# Footnote marks: numbers, or the reference symbols a word processor offers as custom marks
# ("*", "†", "‡", "§", "¶", doubled for a second series).
_NOTE_SYMBOLS = "*†‡§¶"
_FOOTNOTE_START_RE = re.compile(r"^(\d{1,3}|[*†‡§¶]{1,3})[.)]?(?:\s+|(?=[A-Z“\"‘'(]))")


@dataclass
class Line:
    """One printed line of the document after clean-up.

    ``markers`` are footnote citations found as small raised digits: ``(offset, number)`` where
    ``offset`` is the position in ``text`` just after which the marker was printed.
    ``tabs`` are offsets in ``text`` where a wide horizontal gap was (a tab stop or a table cell
    boundary), which helps to tell a sub-item label or a contents entry from running text.
    """

    text: str
    page: int  # physical page, 1-based
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # dominant font size of the line
    font: str
    bold: bool
    italic: bool = False
    kind: str = "body"  # "body" or "footnote"
    footnote: str | None = None  # for the first line of a footnote: its number
    markers: list[tuple[int, str]] = field(default_factory=list)
    tabs: list[int] = field(default_factory=list)
    tab_x: list[float] = field(default_factory=list)  # x position of the text after each tab
    soft_hyphen: bool = False  # trailing "-" is a word broken over the line end: drop it when joining
    in_table: bool = False  # inside a ruled table area of the page
    boxed: bool = False  # inside a lone drawn frame (a boxed note or callout), not a table
    bold_prefix: int = 0  # number of leading characters printed in bold (run-in headings)
    # (offset, x) where the first few words start: where the text after a paragraph number or a
    # bullet begins, measured rather than estimated from the line's width
    word_x: list[tuple[int, float]] = field(default_factory=list)


@dataclass
class PdfText:
    """The cleaned lines of one PDF plus what was learnt about its layout."""

    lines: list[Line]
    page_count: int
    body_size: float
    page_heights: list[float]
    removed: list[Line] = field(default_factory=list)  # furniture and contents lines, for diagnostics
    contents_pages: list[int] = field(default_factory=list)
    image_pages: int = 0  # pages that carry images but no text (scans)
    text_chars: int = 0


@dataclass
class _RawLine:
    chars: list[tuple]  # (text, x0, x1, top, bottom, size, font)
    top: float
    bottom: float


def _is_bold(font: str) -> bool:
    # Subset prefixes ("BAAAAA+LiberationSans-Bold") do not matter: search the whole name.
    return bool(_BOLD_RE.search(font))


def _page_items(page) -> tuple[list[tuple], list[tuple[float, float, float, float]], int]:
    """Chars, ruling boxes and image count of one pdfplumber page, from its layout tree in one walk."""
    from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage

    height = float(page.height)
    mb_x0 = float(page.mediabox[0])
    mb_top = float(page.mediabox[1])
    chars: list[tuple] = []
    rulings: list[tuple[float, float, float, float]] = []
    images = 0
    stack = [iter(page.layout._objs)]
    while stack:
        for obj in stack[-1]:
            if isinstance(obj, LTChar):
                # rotated text (watermarks, margin notes): pdfminer calls anything turned less
                # than 90 degrees "upright", so look at the baseline itself; a synthetic italic
                # slants its glyphs (matrix c) but keeps a level baseline (b = 0)
                a, b = obj.matrix[0], obj.matrix[1]
                if not obj.upright or abs(b) > 0.02 * abs(a):
                    continue
                text = obj._text
                if text in LIGATURES:
                    text = LIGATURES[text]
                elif text in HYPHENS:  # U+2010 / U+2011: Chromium prints its line-end hyphens so
                    text = "-"
                chars.append(
                    (
                        text,
                        obj.x0 + mb_x0,
                        obj.x1 + mb_x0,
                        height - obj.y1 + mb_top,
                        height - obj.y0 + mb_top,
                        obj.size,
                        obj.fontname,
                    )
                )
            elif isinstance(obj, LTCurve):  # LTRect and LTLine are curves too
                rulings.append((obj.x0 + mb_x0, height - obj.y1 + mb_top, obj.x1 + mb_x0, height - obj.y0 + mb_top))
            elif isinstance(obj, LTImage):
                images += 1
            elif isinstance(obj, LTContainer):
                stack.append(iter(obj._objs))
                break
        else:
            stack.pop()
    return chars, rulings, images


def _group_lines(chars: list[tuple]) -> list[_RawLine]:
    """Cluster chars into lines by vertical overlap (superscripts join the line they sit on)."""
    chars.sort(key=lambda c: (c[3], c[1]))
    lines: list[_RawLine] = []
    # Compare each char with the lines still "open" (their vertical span reaches it). Usually one.
    for ch in chars:
        top, bottom = ch[3], ch[4]
        h = bottom - top
        placed = False
        small_digit = ch[0].isdigit()
        for line in reversed(lines[-3:]):
            ov = min(bottom, line.bottom) - max(top, line.top)
            lh = line.bottom - line.top
            # a raised footnote marker overlaps its line only a little: any overlap will do
            marker = (small_digit and h < 0.85 * lh) or (
                h > lh / 0.85 and all(c[0].isdigit() or c[0].isspace() for c in line.chars)
            )
            if ov > 0.5 * min(h, lh) or (marker and ov > 0):
                line.chars.append(ch)
                if h > line.bottom - line.top and not ch[0].isspace():
                    # the line's core span follows its largest glyph, not a raised marker
                    line.top, line.bottom = top, bottom
                placed = True
                break
        if not placed:
            lines.append(_RawLine([ch], top, bottom))
    return lines


def _split_offset_runs(raws: list[_RawLine]) -> list[_RawLine]:
    """Split a clustered line where a wide gap meets a shifted baseline.

    A sidebar or margin note beside the body prints its lines at its own spacing; one that sits
    within a few points of a body line overlaps it enough to be clustered with it, and its words
    would be read as the end of the body line. Words on one printed line share a baseline; a run
    of words a wide gap away on a baseline a quarter of the type size lower or higher (a tenth,
    when it is set in another size) is another line. (Raised footnote markers sit close to their
    word, so they never split.)
    """
    out: list[_RawLine] = []
    split = False
    for raw in raws:
        chars = sorted(raw.chars, key=lambda c: c[1])
        runs: list[list[tuple]] = [[]]
        last: tuple | None = None
        for c in chars:
            if c[0].isspace():
                runs[-1].append(c)
                continue
            if last is not None:
                size = max(c[5], last[5])
                shift = abs(c[4] - last[4])
                other_type = abs(c[5] - last[5]) > 0.1 * size
                if c[1] - last[2] > 1.5 * size and (shift > 0.25 * size or (other_type and shift > 0.1 * size)):
                    runs.append([])
            runs[-1].append(c)
            last = c
        if len(runs) == 1:
            raw.chars = chars  # left in reading order: the later sorts by x are then a single pass
            out.append(raw)
            continue
        split = True
        for run in runs:
            ink = [c for c in run if not c[0].isspace()] or run
            out.append(_RawLine(run, min(c[3] for c in ink), max(c[4] for c in ink)))
    return sorted(out, key=lambda r: (r.top, min(c[1] for c in r.chars))) if split else out


def _drop_line_numbers(raws: list[_RawLine]) -> list[_RawLine]:
    """Remove the line numbers a consultation draft prints in the left margin.

    They are short numbers, aligned in one column left of every line's text, that grow
    down the page at about one per printed line (every line numbered, or every fifth), perhaps
    counting again from 1 in the footnote area. Paragraph numbers hung in a margin grow by one
    per paragraph, several lines apart, and stay.
    """
    heads: list[tuple[int, int, float, list[tuple]]] = []  # (raw index, value, right edge, chars)
    text_left = float("inf")
    for k, raw in enumerate(raws):
        ink = sorted((c for c in raw.chars if not c[0].isspace()), key=lambda c: c[1])
        if not ink:
            continue
        j = 0
        while j < len(ink) and ink[j][0].isdigit() and (j == 0 or ink[j][1] - ink[j - 1][2] < 0.3 * ink[j][5]):
            j += 1
        if 0 < j <= 3 and j < len(ink) and ink[j][1] - ink[j - 1][2] > ink[j][5]:
            heads.append((k, int("".join(c[0] for c in ink[:j])), ink[j - 1][2], ink[:j]))
            text_left = min(text_left, ink[j][1])
        elif j < len(ink):
            text_left = min(text_left, ink[0][1])
    cands = [h for h in heads if h[2] < text_left - 3]
    if len(cands) < 3:
        return raws
    # one column: right-aligned (word processors) or left-aligned
    right = sorted(h[2] for h in cands)[len(cands) // 2]
    left = sorted(h[3][0][1] for h in cands)[len(cands) // 2]
    cands = [h for h in cands if abs(h[2] - right) < 2.5 or abs(h[3][0][1] - left) < 2.5]
    if len(cands) < 3:
        return raws
    # the count may start again lower down (LibreOffice numbers the footnote area from 1)
    steps = [(b[1] - a[1]) / (b[0] - a[0]) for a, b in zip(cands, cands[1:]) if b[1] > a[1]]
    restarts = [b for a, b in zip(cands, cands[1:]) if b[1] <= a[1]]
    if not steps or any(b[1] > 5 for b in restarts) or len(restarts) > len(steps) // 4:
        return raws
    if sorted(steps)[len(steps) // 2] < 0.75:
        return raws
    drop = {id(c) for h in cands for c in h[3]}
    out = []
    for raw in raws:
        kept = [c for c in raw.chars if id(c) not in drop]
        if any(not c[0].isspace() for c in kept):
            out.append(_RawLine(kept, raw.top, raw.bottom))
    return out


def _small_caps(chars: list[tuple]) -> float | None:
    """The size of the full capitals of a line set in small capitals, or None.

    Small capitals are capital glyphs printed at about 0.7-0.8 of the capitals' size; a word
    opening with a full-size capital followed straight on by smaller capitals ("R" + "EVIEWING")
    is the evidence. The smaller ones stand for lower-case letters of the source.
    """
    for a, b in zip(chars, chars[1:]):
        if a[0].isupper() and b[0].isupper() and 0.6 * a[5] <= b[5] < 0.88 * a[5] and b[1] - a[2] < 0.2 * a[5]:
            return max(c[5] for c in chars if c[0].isupper())
    return None


def _build_line(raw: _RawLine, page_no: int) -> Line | None:
    chars = sorted(raw.chars, key=lambda c: c[1])
    caps = _small_caps(chars)
    if caps is not None:
        chars = [(c[0].lower(),) + c[1:] if c[0].isupper() and 0.6 * caps <= c[5] < 0.88 * caps else c
                 for c in chars]
    sizes = Counter()
    fonts = Counter()
    for c in chars:
        if not c[0].isspace():
            sizes[round(c[5], 1)] += 1
            fonts[c[6]] += 1
    if not sizes:
        return None
    size = sizes.most_common(1)[0][0]
    font = fonts.most_common(1)[0][0]
    baseline = max(c[4] for c in chars if round(c[5], 1) == size)
    parts: list[str] = []
    markers: list[tuple[int, str]] = []
    tabs: list[int] = []
    tab_x: list[float] = []
    length = 0
    prev_x1: float | None = None
    prev_space = True
    pending_marker = ""
    bold_prefix = 0
    bold_run = True
    word_x: list[tuple[int, float]] = []
    ends_soft = False
    for i, c in enumerate(chars):
        text, x0, x1, bottom, csize = c[0], c[1], c[2], c[4], c[5]
        if text == SOFT_HYPHEN:
            # an optional hyphen: printed only where the line breaks, so mid-line it is no text
            if any(not ch[0].isspace() for ch in chars[i + 1:]):
                prev_x1 = x1 if prev_x1 is None else max(prev_x1, x1)  # its advance is no word gap
                continue
            text, ends_soft = "-", True
        # a footnote marker: a digit (or reference symbol) set smaller and raised, or raised a
        # long way at full size
        raised = (text.isdigit() or text in _NOTE_SYMBOLS) and (
            (csize < 0.85 * size and bottom < baseline - 0.12 * size) or bottom < baseline - 0.3 * size
        )
        if raised:
            pending_marker += text
            prev_x1 = x1
            continue
        if pending_marker:
            markers.append((length, pending_marker))
            pending_marker = ""
        if text.isspace():
            nxt = chars[i + 1][1] if i + 1 < len(chars) else None
            if (prev_x1 is not None and x0 < prev_x1 - 0.1 * csize) or (nxt is not None and nxt < x1 - 0.1 * csize):
                # a space drawn over the glyph before or after it is no gap between words: Chromium
                # marks each soft-hyphen point of a word so ("responsib ilit ies", "commu -")
                continue
            if not prev_space and length:
                parts.append(" ")
                length += 1
            prev_space = True
            prev_x1 = x1
            continue
        if prev_x1 is not None:
            gap = x0 - prev_x1
            if gap > 1.2 * size:
                if prev_space and parts and parts[-1] == " ":
                    tabs.append(length)
                    tab_x.append(x0)
                elif length:
                    parts.append(" ")
                    length += 1
                    tabs.append(length)
                    tab_x.append(x0)
            elif gap > 0.18 * csize and not prev_space and length:
                parts.append(" ")
                length += 1
        if (prev_space or not parts or parts[-1] == " ") and len(word_x) < 4:
            word_x.append((length, x0))
        parts.append(text)
        length += len(text)
        prev_space = False
        prev_x1 = x1
        if bold_run and _is_bold(c[6]):
            bold_prefix = length
        else:
            bold_run = False
    if pending_marker:
        markers.append((length, pending_marker))
    text = "".join(parts).rstrip()
    if not text:
        return None
    markers = [(min(o, len(text)), n) for o, n in markers]
    xs = [c for c in chars if not c[0].isspace()]
    line = Line(
        text=text,
        page=page_no,
        x0=xs[0][1],
        x1=xs[-1][2],
        top=raw.top,
        bottom=raw.bottom,
        size=size,
        font=font,
        bold=_is_bold(font),
        italic=bool(_ITALIC_RE.search(font)),
        markers=markers,
        tabs=tabs,
        tab_x=tab_x,
        bold_prefix=bold_prefix,
        word_x=word_x,
    )
    line.soft_hyphen = ends_soft and text.endswith("-")  # the writer said so: no evidence needed
    return line


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


def _remove_furniture(pages: list[list[Line]], heights: list[float], body_size: float = 0.0) -> list[Line]:
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
        number = _footnote_number(ln)
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


def _remove_contents(pages: list[list[Line]]) -> tuple[list[int], list[Line]]:
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


def _mark_tables(lines: list[Line], rulings: list[tuple[float, float, float, float]], page_height: float = 0.0) -> None:
    """Mark lines that sit inside the area spanned by a page's ruling lines (a drawn table).

    Frames and backgrounds (anything taller than half the page) are not tables, except the side of
    a table longer than half the page (``_table_border``).
    """
    if page_height:
        rulings = [r for r in rulings if r[3] - r[1] < 0.5 * page_height or _table_border(r, rulings)]
    if len(rulings) < 4:
        return
    horiz = [r for r in rulings if r[3] - r[1] < 3 and r[2] - r[0] > 20]
    vert = [r for r in rulings if r[2] - r[0] < 3 and r[3] - r[1] > 5]
    boxes = [r for r in rulings if r[2] - r[0] >= 3 and r[3] - r[1] >= 3]
    # cell rectangles, or horizontal + vertical rules that meet, delimit a table region; a
    # rectangle that touches no other and no rule crosses is a frame (a boxed note area, a callout)
    regions: list[tuple[float, float, float, float]] = []
    frames: list[tuple[float, float, float, float]] = []
    for b in boxes:
        (regions if len(boxes) >= 2 and _is_cell(b, boxes, horiz, vert) else frames).append(b)
    # each group of rules that meet is its own grid or box: two boxes on a page are two regions,
    # and the text between them (a heading) is in neither
    for group in _touching_groups(horiz + vert):
        if any(r in horiz for r in group) and any(r in vert for r in group):
            regions.append((min(r[0] for r in group), min(r[1] for r in group),
                            max(r[2] for r in group), max(r[3] for r in group)))
    for line in lines:
        mid = (line.top + line.bottom) / 2
        inside = lambda area: area[1] <= mid <= area[3] and area[0] - 2 <= line.x0 <= area[2]
        if any(inside(r) for r in regions):
            line.in_table = True
        elif any(inside(f) for f in frames):
            line.boxed = True


def _table_border(rule: tuple[float, float, float, float], rulings: list[tuple[float, float, float, float]],
                  tol: float = 2.0) -> bool:
    """Whether a tall rule is the side of a long table rather than a page frame: a vertical line
    that three or more horizontal rules meet (a rule under each row), one of which a short vertical
    rule (a column separator) also meets. A frame's sides meet its header and footer rules at most."""
    x0, top, x1, bottom = rule
    if x1 - x0 >= 3:
        return False
    horiz = [r for r in rulings if r[3] - r[1] < 3 and r[2] - r[0] > 20
             and r[0] - tol <= x1 and x0 <= r[2] + tol and top - tol <= r[1] <= bottom + tol]
    if len({round(r[1]) for r in horiz}) < 3:
        return False
    short = [r for r in rulings if r[2] - r[0] < 3 and 5 < r[3] - r[1] < bottom - top - 2 * tol]
    return any(h[0] + tol < v[0] < h[2] - tol and (abs(v[1] - h[1]) <= tol or abs(v[3] - h[1]) <= tol)
               for h in horiz for v in short)


def _touching_groups(rules: list[tuple[float, float, float, float]], tol: float = 2.0) -> list[list[tuple]]:
    """Rules grouped by contact: two rules are in one group when their boxes meet (within tol)."""
    parent = list(range(len(rules)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(rules):
        for j in range(i + 1, len(rules)):
            b = rules[j]
            if a[0] - tol <= b[2] and b[0] - tol <= a[2] and a[1] - tol <= b[3] and b[1] - tol <= a[3]:
                parent[root(i)] = root(j)
    groups: dict[int, list[tuple]] = {}
    for i, r in enumerate(rules):
        groups.setdefault(root(i), []).append(r)
    return list(groups.values())


def _is_cell(box, boxes, horiz, vert, tol: float = 1.5) -> bool:
    """Whether a rectangle is one cell of a grid: it shares an edge with another rectangle, or a
    rule runs inside it."""
    x0, top, x1, bottom = box
    for other in boxes:
        if other is box:
            continue
        ox0, otop, ox1, obottom = other
        overlap_x = min(x1, ox1) - max(x0, ox0) > tol
        overlap_y = min(bottom, obottom) - max(top, otop) > tol
        touch_y = abs(otop - bottom) <= tol or abs(obottom - top) <= tol
        touch_x = abs(ox0 - x1) <= tol or abs(ox1 - x0) <= tol
        if (overlap_x and touch_y) or (overlap_y and touch_x):
            return True
    inside = lambda r: x0 + tol < (r[0] + r[2]) / 2 < x1 - tol and top + tol < (r[1] + r[3]) / 2 < bottom - tol
    return any(inside(r) for r in horiz + vert)


def _mark_footnotes(lines: list[Line], body_size: float, continuing: bool = False) -> bool:
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
    if _footnote_number(run[0]) is None and not (continuing and not _CAPTION_RE.match(run[0].text)):
        return False
    current = None
    for ln in run:
        number = _footnote_number(ln)
        if number is not None and (current is None or ln.x0 <= current.x0 + 2 or ln.markers[:1] == [(0, number)]):
            _make_note_start(ln, number)
            current = ln
        ln.kind = "footnote"
    return True


def _mark_note_blocks(lines: list[Line], body_size: float) -> None:
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
        number = _footnote_number(ln) if small else None
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


def _recover_inline_markers(lines: list[Line]) -> None:
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


def _footnote_number(line: Line) -> str | None:
    """The number opening a footnote line: a raised marker at its start, or plain digits."""
    if line.markers and line.markers[0][0] == 0:
        return line.markers[0][1]
    m = _FOOTNOTE_START_RE.match(line.text)
    return m.group(1) if m else None


def _vocabulary(lines: list[Line]) -> tuple[set[str], set[str]]:
    words: set[str] = set()
    compounds: set[str] = set()
    prev_hyphen = False
    for ln in lines:
        toks = _WORD_RE.findall(ln.text)
        # fragments either side of a line-end hyphen are not evidence of anything
        if prev_hyphen and toks:
            toks = toks[1:]
        prev_hyphen = ln.text.endswith("-")
        if prev_hyphen and toks:
            toks = toks[:-1]
        for tok in toks:
            low = tok.lower()
            if "-" in low:
                compounds.add(low)
                words.update(low.split("-"))
            else:
                words.add(low)
    return words, compounds


_SUFFIXES = ("s", "es", "ed", "d", "ing", "ly", "er", "ers", "ion", "ions", "al", "ally", "ment", "ments", "ness", "ity")


def _stems(word: str) -> set[str]:
    out = {word}
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 4:
            out.add(word[: -len(suf)])
    return out


_STEM_CACHE: list[tuple[set[str], set[str]]] = []  # (words, their stems) of the document being read


def _known(word: str, words: set[str]) -> bool:
    """The word, or a form of it with another common ending, is printed whole in the document."""
    if word in words:
        return True
    if not _STEM_CACHE or _STEM_CACHE[0][0] is not words:
        stems: set[str] = set()
        for w in words:
            stems |= _stems(w)
        _STEM_CACHE[:] = [(words, stems)]
    stems = _STEM_CACHE[0][1]
    return any(s in stems for s in _stems(word) if len(s) >= 4)


def _resolve_hyphens(lines: list[Line], extra: list[Line] | None = None) -> None:
    """Decide, for each line ending in a hyphen, whether the hyphen is soft (a broken word).

    Evidence comes from the document: if the hyphenated form occurs elsewhere, the hyphen is
    real ("end-to-" + "end"); if the joined word (or its stem) occurs elsewhere, it is a broken
    word ("tech-" + "nically"); failing both, a hyphen before a word of its own is kept
    ("multi-" + "step") and any other is taken as a break.
    """
    # running headers and contents lines are the document's words too: "user-to-user" in a header
    words, compounds = _vocabulary(lines + (extra or []))
    by_kind: dict[str, list[Line]] = defaultdict(list)
    for ln in lines:
        by_kind[ln.kind].append(ln)
    for seq in by_kind.values():
        for cur, nxt in zip(seq, seq[1:]):
            text = cur.text
            if not (text.endswith("-") and len(text) > 1 and text[-2].isalpha()):
                continue
            left_m = re.search(r"([A-Za-z]+(?:-[A-Za-z]+)*)-$", text)
            right_m = re.match(r"([a-z][A-Za-z]*)(-[A-Za-z])?", nxt.text)
            if not left_m or not right_m:
                continue
            if right_m.group(2):
                continue  # "state-" + "of-the-art": the break is inside a compound
            if is_soft_break(left_m.group(1), right_m.group(1), words, compounds):
                cur.soft_hyphen = True


def is_soft_break(left: str, right: str, words: set[str], compounds: set[str]) -> bool:
    """Whether "left-" at a line end + "right" on the next line is one word broken in two."""
    left, right = left.lower(), right.lower()
    last_left = left.split("-")[-1]
    joined = last_left + right
    if any(c == f"{left}-{right}" or f"{last_left}-{right}" in c for c in compounds):
        return False
    if _known(joined, words):
        return True
    if right in words and len(right) >= 2:
        return False
    if "-" in left and len(last_left) <= 2:
        return False  # "user-to-" + "user": the break is at a compound's own hyphen
    if right.startswith(_SUFFIX_STARTS):
        return True  # "period-" + "ically": the rest of a word, not a word
    if len(right) >= 3 and (last_left in _prefixes(compounds) or last_left in _HYPHEN_PREFIXES):
        return False  # "non-" + "ephemeral", or a prefix the document hyphenates elsewhere
    if len(last_left) >= 4 and last_left in words and len(right) >= 3:
        return False  # "file-" + "storage": two words of their own
    return True


# English prefixes written with a hyphen in regulatory prose, and word endings that never start a
# word: language facts used only when the document itself offers no evidence either way.
_HYPHEN_PREFIXES = frozenset({"non", "self", "multi", "cross", "anti", "semi", "quasi", "ex", "well"})
_SUFFIX_STARTS = (
    "ically", "ation", "ment", "ness", "ings", "ity", "ities", "ive", "ious", "ous", "able", "ible",
    "ally", "ence", "ance", "ised", "ized", "ism", "ful", "less", "tion", "sion", "ial", "ical", "ted",
    "ing", "ly",
)


_PREFIX_CACHE: list[tuple[set[str], set[str]]] = []


def _prefixes(compounds: set[str]) -> set[str]:
    """First parts of the document's hyphenated compounds ("non", "multi", "self")."""
    if not _PREFIX_CACHE or _PREFIX_CACHE[0][0] is not compounds:
        _PREFIX_CACHE[:] = [(compounds, {c.split("-")[0] for c in compounds})]
    return _PREFIX_CACHE[0][1]


def vocabulary(lines: list[Line]) -> tuple[set[str], set[str]]:
    """Words and hyphenated compounds the document prints whole (evidence for hyphenation)."""
    return _vocabulary(lines)


def join_text(lines: list[Line]) -> tuple[str, list[tuple[int, str]]]:
    """Join lines into running text (hyphenation repaired) and carry their markers' offsets."""
    text, markers, _ = join_lines(lines)
    return text, markers


def join_lines(lines: list[Line]) -> tuple[str, list[tuple[int, str]], list[int]]:
    """``join_text`` plus the offset where each line starts in the joined text (for sub-item offsets)."""
    out = ""
    markers: list[tuple[int, str]] = []
    starts: list[int] = []
    prev: Line | None = None
    for ln in lines:
        if prev is not None:
            if prev.soft_hyphen and out.endswith("-"):
                out = out[:-1]
            elif not out.endswith(("-", "/")):
                out += " "
        starts.append(len(out))
        markers.extend((len(out) + o, n) for o, n in ln.markers)
        out += ln.text
        prev = ln
    return out, markers, starts


READERS = ("pdfium", "pdfplumber")
"""Where characters come from: PDFium's text page (fast, the default) or pdfminer's layout walk
(the reference reader; ``--reader pdfplumber``). Everything after ``_page_items`` is shared."""


def default_reader() -> str:
    """``ANALYSER_READER`` if it names a reader, else pdfium."""
    import os

    name = os.environ.get("ANALYSER_READER", "").strip().lower()
    return name if name in READERS else READERS[0]


def read_pdf(pdf, progress: Callable[[float, str], None] | None = None, fast=None) -> PdfText:
    """Read an open ``pdfplumber.PDF`` into cleaned lines (see the module docstring).

    ``fast``: the same document opened with ``pdfium_chars.open_document``; its pages' characters
    are read through PDFium, and pdfplumber's pages are used only where PDFium's coordinates would
    need turning (``pdfium_chars.page_supported``). None: pdfminer reads every page.
    """
    if fast is not None:
        from . import pdfium_chars
    pages: list[list[Line]] = []
    heights: list[float] = []
    size_counts: Counter = Counter()
    image_pages = 0
    text_chars = 0
    all_rulings = []
    kept_run = 0  # pages kept so far since the last page that names an index
    n = len(pdf.pages)
    for i, page in enumerate(pdf.pages):
        fast_page = fast[i] if fast is not None else None
        try:
            if fast_page is not None and pdfium_chars.page_supported(fast_page):
                chars, rulings, images = pdfium_chars.page_items(fast_page, float(page.height))
            else:
                chars, rulings, images = _page_items(page)
        except Exception as err:  # one damaged page must not cost the document: it is reported as damage
            page_unreadable(i + 1, err)
            chars, rulings, images = [], [], 0
        finally:
            if fast_page is not None:
                fast_page.close()
        page_read(i + 1, len(chars))  # the document's budget of characters and seconds, whichever reader
        heights.append(float(page.height))
        text_chars += len(chars)
        if images and len(chars) < 20:
            image_pages += 1
        raws = _drop_line_numbers(_split_offset_runs(_group_lines(chars)))
        lines = [ln for raw in raws if (ln := _build_line(raw, i + 1)) is not None]
        for ln in lines:
            size_counts[ln.size] += len(ln.text)
        pages.append(lines)
        all_rulings.append(rulings)
        # A ruled page near an "index" (or following one) may be read again for its table: keep
        # its layout so pdfplumber's table finder does not interpret the page a second time.
        # Free every other page's layout tree: memory stays flat however long the document is.
        # Unruled index tables are read again too: keep the page that names the index and the pages
        # after it while they look like the table going on (ruled, or lines that open with an ID).
        if any(_INDEX_RE.search(ln.text) and len(ln.text.split()) <= 8 for ln in lines):  # a title, not prose
            kept_run = 1
        elif kept_run and kept_run < _INDEX_KEEP_PAGES and (
            len(rulings) >= 4 or any(_ID_ROW_RE.match(ln.text) for ln in lines)
        ):
            kept_run += 1  # the table runs on: ruled, or rows that open with an ID
        else:
            kept_run = 0
        keep = kept_run > 0
        if not keep:
            page.close()
            page.__dict__.pop("_layout", None)
        if progress and (i % 5 == 0 or i == n - 1):
            progress((i + 1) / n, f"Reading page {i + 1} of {n}")
    body_size = size_counts.most_common(1)[0][0] if size_counts else 0.0
    removed = _remove_furniture(pages, heights, body_size)
    contents_pages, toc_removed = _remove_contents(pages)
    removed.extend(toc_removed)
    continuing = False
    for lines, rulings, height in zip(pages, all_rulings, heights):
        _mark_tables(lines, rulings, height)
        continuing = _mark_footnotes(lines, body_size, continuing)
        _recover_inline_markers(lines)
    flat = [ln for lines in pages for ln in lines]
    _mark_note_blocks(flat, body_size)
    _resolve_hyphens(flat, removed)
    return PdfText(
        lines=flat,
        page_count=n,
        body_size=body_size,
        page_heights=heights,
        removed=removed,
        contents_pages=contents_pages,
        image_pages=image_pages,
        text_chars=text_chars,
    )


def read_text(path: str | Path, progress: Callable[[float, str], None] | None = None,
              reader: str | None = None) -> PdfText:
    import pdfplumber

    fast = open_fast(path, reader)
    try:
        with pdfplumber.open(str(path)) as pdf:
            return read_pdf(pdf, progress, fast)
    finally:
        if fast is not None:
            fast.close()


def open_fast(path: str | Path, reader: str | None = None):
    """The PDFium document for ``read_pdf(fast=...)``, or None when pdfminer is to read every page."""
    reader = reader or default_reader()
    if reader not in READERS:
        raise ValueError(f"unknown reader {reader!r} (choose from {', '.join(READERS)})")
    if reader == "pdfplumber":
        return None
    from . import pdfium_chars

    return pdfium_chars.open_document(str(path))


def read_lines(path: str | Path, reader: str | None = None) -> list[Line]:
    """The cleaned lines of ``path`` in reading order (body and footnote lines)."""
    return read_text(path, reader=reader).lines
