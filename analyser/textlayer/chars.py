"""Characters → lines on one page: the walk over pdfplumber's layout tree, grouping characters
into rows, splitting rows printed at two baselines, dropping margin line numbers, and building a
``Line`` (bold and italic runs, raised footnote markers, tab stops, ligatures and hyphen code
points, small capitals)."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from operator import itemgetter

from .lines import HYPHENS, LIGATURES, Line, SOFT_HYPHEN, RawLine

_BOLD_RE = re.compile(r"bold|black|heavy|semibold|demi|,b\b|-b\b", re.I)
_ITALIC_RE = re.compile(r"italic|oblique|,i\b|-i\b", re.I)
# Footnote marks: numbers, or the reference symbols a word processor offers as custom marks
# ("*", "†", "‡", "§", "¶", doubled for a second series).
_NOTE_SYMBOLS = "*†‡§¶"


@lru_cache(maxsize=4096)  # asked of every char of a line's bold opening; a document has a few fonts
def _is_bold(font: str) -> bool:
    # Subset prefixes ("BAAAAA+LiberationSans-Bold") do not matter: search the whole name.
    return bool(_BOLD_RE.search(font))


_BY_TOP_X0 = itemgetter(3, 1)  # (top, x0): the same tuples as a lambda's, without a Python call per char
_BY_X0 = itemgetter(1)


def page_items(page) -> tuple[list[tuple], list[tuple[float, float, float, float]], int]:
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


def group_lines(chars: list[tuple]) -> list[RawLine]:
    """Cluster chars into lines by vertical overlap (superscripts join the line they sit on)."""
    chars.sort(key=_BY_TOP_X0)
    lines: list[RawLine] = []
    # Compare each char with the lines still "open" (their vertical span reaches it). Usually one.
    last: RawLine | None = None
    for ch in chars:
        top, bottom = ch[3], ch[4]
        if last is not None and top == last.top and bottom == last.bottom and bottom > top:
            # the common case, a char with the last line's very span: the loop below would put it
            # there at its first test (full overlap) and change nothing else
            last.chars.append(ch)
            continue
        h = bottom - top
        placed = False
        small_digit = ch[0].isdigit()
        for line in reversed(lines[-3:]):
            ov = min(bottom, line.bottom) - max(top, line.top)
            lh = line.bottom - line.top
            # a raised footnote marker overlaps its line only a little: any overlap will do (asked
            # only where there is some overlap and the plain test failed: the all() walks the line)
            if ov > 0.5 * min(h, lh) or (ov > 0 and (
                (small_digit and h < 0.85 * lh)
                or (h > lh / 0.85 and all(c[0].isdigit() or c[0].isspace() for c in line.chars))
            )):
                line.chars.append(ch)
                if h > line.bottom - line.top and not ch[0].isspace():
                    # the line's core span follows its largest glyph, not a raised marker
                    line.top, line.bottom = top, bottom
                placed = True
                break
        if not placed:
            lines.append(RawLine([ch], top, bottom))
        last = lines[-1]
    return lines


def split_offset_runs(raws: list[RawLine]) -> list[RawLine]:
    """Split a clustered line where a wide gap meets a shifted baseline.

    A sidebar or margin note beside the body prints its lines at its own spacing; one that sits
    within a few points of a body line overlaps it enough to be clustered with it, and its words
    would be read as the end of the body line. Words on one printed line share a baseline; a run
    of words a wide gap away on a baseline a quarter of the type size lower or higher (a tenth,
    when it is set in another size) is another line. (Raised footnote markers sit close to their
    word, so they never split.)
    """
    out: list[RawLine] = []
    split = False
    for raw in raws:
        chars = sorted(raw.chars, key=_BY_X0)
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
            out.append(RawLine(run, min(c[3] for c in ink), max(c[4] for c in ink)))
    return sorted(out, key=lambda r: (r.top, min(c[1] for c in r.chars))) if split else out


def drop_line_numbers(raws: list[RawLine]) -> list[RawLine]:
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
            out.append(RawLine(kept, raw.top, raw.bottom))
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


def build_line(raw: RawLine, page_no: int) -> Line | None:
    chars = sorted(raw.chars, key=_BY_X0)
    caps = _small_caps(chars)
    if caps is not None:
        chars = [(c[0].lower(),) + c[1:] if c[0].isupper() and 0.6 * caps <= c[5] < 0.88 * caps else c
                 for c in chars]
    ink = [c for c in chars if not c[0].isspace()]
    if not ink:
        return None
    # counted by the C counter over the raw sizes, each distinct size rounded once: a line has one
    # or two sizes over dozens of chars. Keys keep their first char's order, so most_common's choice
    # among equal counts is the per-char count's
    sizes = Counter()
    for raw_size, n in Counter([c[5] for c in ink]).items():
        sizes[round(raw_size, 1)] += n
    size = sizes.most_common(1)[0][0]
    font = Counter([c[6] for c in ink]).most_common(1)[0][0]
    at_size = {s for s in {c[5] for c in chars} if round(s, 1) == size}
    baseline = max(c[4] for c in chars if c[5] in at_size)
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
    xs = ink
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
