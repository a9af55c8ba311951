"""Page characters, ruling boxes and images read through PDFium (pypdfium2), for ``pdftext``.

Why: pdfminer's layout walk is a quarter of a whole analysis; PDFium's text page reads the same
characters in C, several times faster. This module yields exactly the records
``pdftext._page_items`` makes from pdfminer's layout tree, so the line builder does not know which
reader ran:

* a char is ``(text, x0, x1, top, bottom, size, fontname)`` in pdfplumber's page coordinates (origin
  at the top left of the media box). The box is pdfminer's, not PDFium's glyph box: from the
  origin to the advance width across, and from the font descriptor's descent up one font size
  (pdfminer's ``LTChar`` does so, and every threshold of the line builder was tuned on it);
* a ruling is the box of one subpath of a drawn path (pdfminer splits paths at each ``m``), its
  points transformed, Bézier control points left out, as pdfminer's ``LTCurve`` has it;
* images count image objects, inside form XObjects too.

Characters PDFium makes up (the spaces and line breaks of its own text flow) are skipped, as
pdfminer's ``LTAnno`` are; rotated or slanted baselines are skipped as in ``pdftext``.
A page with a /Rotate or a media box not at the origin is left to pdfminer by the caller
(``page_supported``), so coordinates never need turning here.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw

Char = tuple  # (text, x0, x1, top, bottom, size, fontname)
Box = tuple[float, float, float, float]

_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
              "\ufb05": "st", "\ufb06": "st"}
_HYPHENS = frozenset({"\u2010", "\u2011"})
# PDFium reports a hyphen or a soft hyphen that ends a line as U+FFFE in the page text and 0x02
# per char; pdfminer gives the glyph's own character. Read back as "-": the line builder then
# judges it against the document's vocabulary (a soft hyphen was taken as a break outright).
_LINE_END_HYPHEN = frozenset({"\ufffe", "\x02"})


# the chars the line builder reads as other text: one dict lookup per char on the hot path
_REPLACED = {**_LIGATURES, **{h: "-" for h in _HYPHENS}, **{h: "-" for h in _LINE_END_HYPHEN}}


LINE_END_MARK = "\ufffe"
"""``table_objects``' text for a hyphen or soft hyphen ending a line: PDFium does not say which glyph
it was, so ``index_table`` decides it from the page's fonts (``line_end_glyph``) or reads the page
again with pdfminer."""


class NotLikePdfminer(Exception):
    """A page whose objects cannot be given as pdfminer would (``table_objects``): read it with pdfminer."""


_MAYBE_GENERATED = frozenset(" \r\n")


def _unchecked(fn, restype):
    """pypdfium2's binding ``fn``, the same C function, called without ctypes' per-argument
    conversion (no ``argtypes``): the per-char calls were most of ``_chars``' cost, and each
    conversion to the binding's pointer and struct types about doubled a call's time (0.4 against
    1.0 us, measured). The caller must then pass what C expects: the text page's address as a
    ``c_void_p``, the char index as a Python int (a C ``int``), out-parameters by ``byref``."""
    return ctypes.CFUNCTYPE(restype)(ctypes.cast(fn, ctypes.c_void_p).value)


# FPDFText_GetTextObject returns the object's address as an int: a dict key with no pointer object
# made per char
_GET_TEXT_OBJECT = _unchecked(raw.FPDFText_GetTextObject, ctypes.c_void_p)
_IS_GENERATED = _unchecked(raw.FPDFText_IsGenerated, ctypes.c_int)
_GET_LOOSE_CHAR_BOX = _unchecked(raw.FPDFText_GetLooseCharBox, ctypes.c_int)
_GET_CHAR_ORIGIN = _unchecked(raw.FPDFText_GetCharOrigin, ctypes.c_int)


def open_document(path: str) -> pdfium.PdfDocument:
    return pdfium.PdfDocument(path)


def page_supported(page: pdfium.PdfPage) -> bool:
    """Whether the page's coordinates need no turning: no /Rotate, media box at the origin."""
    x0, y0, _, _ = page.get_mediabox()
    return page.get_rotation() == 0 and abs(x0) < 1e-6 and abs(y0) < 1e-6


def page_height(page: pdfium.PdfPage) -> float:
    """pdfplumber's ``page.height`` for an unrotated page: the media box's height."""
    _, y0, _, y1 = page.get_mediabox()
    return float(y1 - y0)


class _FontInfo:
    """What every char of one text object shares: font name, effective size, descent, matrix."""

    __slots__ = ("name", "size", "descent", "skip")

    def __init__(self, name: str, size: float, descent: float, skip: bool) -> None:
        self.name, self.size, self.descent, self.skip = name, size, descent, skip


def _font_info(textpage, index: int, obj, matrix: raw.FS_MATRIX, cache: dict) -> _FontInfo:
    font = raw.FPDFTextObj_GetFont(obj)
    key = ctypes.cast(font, ctypes.c_void_p).value
    named = cache.get(key)
    if named is None:
        n = raw.FPDFFont_GetBaseFontName(font, None, 0)
        buf = ctypes.create_string_buffer(max(n, 1))
        raw.FPDFFont_GetBaseFontName(font, buf, n)
        name = buf.value.decode("utf-8", "replace")
        # descent per unit of font size, as the font descriptor states it (pdfminer reads /Descent)
        desc = ctypes.c_float()
        raw.FPDFFont_GetDescent(font, ctypes.c_float(1000.0), desc)
        named = cache[key] = (name, desc.value / 1000.0)
    name, descent = named
    raw.FPDFText_GetMatrix(textpage, index, matrix)
    a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
    tf = ctypes.c_float()
    raw.FPDFTextObj_GetFontSize(obj, tf)
    # pdfminer's "upright": the glyphs are not mirrored or turned a quarter or more; a baseline
    # slanted by more than 2% is a watermark or margin note (pdftext drops those as well)
    skip = not (a * d > 0 and b * c <= 0) or abs(b) > 0.02 * abs(a)
    # the size on the page is the font size (Tf) scaled by the char's matrix (text matrix times
    # CTM: Chromium, for one, draws at Tf 10 under a 0.75 scale); pdfminer's size is the height
    # of its box, which for a level baseline is Tf times d
    return _FontInfo(name, tf.value * abs(d), descent, skip)


def page_items(page: pdfium.PdfPage, height: float) -> tuple[list[Char], list[Box], int]:
    """Chars, ruling boxes and image count of one unrotated page (see the module docstring)."""
    textpage = page.get_textpage()
    try:
        chars = _chars(textpage.raw, height)
    finally:
        textpage.close()
    rulings: list[Box] = []
    images = _objects(page.raw, height, rulings)
    return chars, rulings, images


def _chars(tp, height: float, raw_text: bool = False, breaks: list[Box] | None = None) -> list[Char]:
    """The page's chars. ``raw_text``: each char's text as PDFium gives it (ligatures and U+2010
    unmapped, as pdfminer has them), and ``NotLikePdfminer`` where pdfminer's char would differ.
    ``breaks``: filled with the gaps (x0, top, x1, bottom) where PDFium put a word break of its own
    between two chars of one line less than a tab stop apart (see ``table_objects``)."""
    n = raw.FPDFText_CountChars(tp)
    if n <= 0:
        return []
    text = _page_text(tp, n)
    rect = raw.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    matrix = raw.FS_MATRIX()
    fonts: dict = {}
    objs: dict = {}
    out: list[Char] = []
    # the per-char calls are most of the cost: bind them once, take the text object's address as a
    # plain int (no pointer object per char), and ask "generated?" only of the chars PDFium
    # generates (spaces and line breaks)
    get_obj = _GET_TEXT_OBJECT
    is_generated = _IS_GENERATED
    loose = _GET_LOOSE_CHAR_BOX
    origin = _GET_CHAR_ORIGIN
    tp_addr = ctypes.c_void_p(ctypes.cast(tp, ctypes.c_void_p).value)  # a pointer, not a C int
    rect_ref = ctypes.byref(rect)
    byref_o = (ctypes.byref(ox), ctypes.byref(oy))
    gap_space = False  # PDFium put a space of its own between the last char and the next
    for i in range(n):
        ch = text[i] if text is not None else chr(raw.FPDFText_GetUnicode(tp, i))
        if ch in _MAYBE_GENERATED and is_generated(tp_addr, i):
            # PDFium drops some real space glyphs (Chromium's, or a narrow space at a kerned
            # gap) and marks a word break of its own instead; "\r\n" marks a line break
            gap_space = ch == " "
            continue
        key = get_obj(tp_addr, i)
        if not key:
            continue
        info = objs.get(key)
        if info is None:
            obj = ctypes.cast(ctypes.c_void_p(key), raw.FPDF_PAGEOBJECT)
            info = objs[key] = _font_info(tp, i, obj, matrix, fonts)
        if info.skip:
            if raw_text:
                raise NotLikePdfminer("a rotated or slanted char (pdfminer keeps it)")
            continue
        if ch in _REPLACED:
            if raw_text:
                if ch in _LINE_END_HYPHEN:
                    ch = LINE_END_MARK  # the glyph is unknown: "-" or a soft hyphen
            else:
                ch = _REPLACED[ch]
        loose(tp_addr, i, rect_ref)
        # the origin, not the loose box, gives the baseline: the loose box grows to take in a
        # glyph's overshoot below it ("e", "o")
        origin(tp_addr, i, *byref_o)
        ox_v, oy_v = ox.value, oy.value
        size = info.size
        # pdfminer: the box runs from the descent up one font size (the descent is negative)
        bottom = height - (oy_v + info.descent * size)
        # across, from the origin by the advance width (/Widths): PDFium's "loose" box is that,
        # except where it falls back to the glyph's inked box, which an italic slants back over
        # the space before it (the builder would take that space for one drawn over a glyph); the
        # box then starts at the origin, as pdfminer's does
        x0 = min(ox_v, rect.right) if rect.left < ox_v - 0.1 * size else rect.left
        x1 = rect.right
        if gap_space and out:
            if breaks is not None and _within_a_line(out[-1], x0, bottom, size):
                last = out[-1]
                breaks.append((min(last[2], x0), last[3], max(last[2], x0), last[4]))
            _restore_space(out, x0, bottom, size)
        gap_space = False
        out.append((ch, x0, x1, bottom - size, bottom, size, info.name))
    return out


def _within_a_line(last: Char, x0: float, bottom: float, size: float) -> bool:
    """Whether a char starting at ``x0`` on a baseline at ``bottom`` follows ``last`` on its line, less
    than a tab stop after it: the gap ``_restore_space`` may fill."""
    return abs(last[4] - bottom) <= 0.3 * size and -0.1 * size <= x0 - last[2] < 1.2 * size


def _restore_space(out: list[Char], x0: float, bottom: float, size: float) -> None:
    """Put back the space glyph PDFium replaced with its own word break, between the last char
    and one starting at ``x0`` on the same baseline.

    It spans the gap, so the line builder reads a word gap and no tab stop, as from pdfminer's
    real space. A gap wider than a tab stop (1.2 x the size, ``textlayer.chars.build_line``) is left
    empty: there the builder marks a tab, as it does where no space glyph was printed.
    """
    last = out[-1]
    if last[0].isspace() or not _within_a_line(last, x0, bottom, size):
        return
    out.append((" ", last[2], max(last[2], x0), last[3], last[4], last[5], last[6]))


def _page_text(tp, n: int) -> str | None:
    """The page's text in one call, one str item per char index; None when a char lies outside
    the Basic Multilingual Plane (UTF-16 pairs would shift the indices): then read char by char."""
    buf = ctypes.create_string_buffer((n + 1) * 2)
    got = raw.FPDFText_GetText(tp, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    data = buf.raw[: max(0, got - 1) * 2]
    text = data.decode("utf-16-le", "replace")
    if len(text) != n or any("\ud800" <= c <= "\udfff" for c in text):
        return None
    return text


def _objects(page, height: float, rulings: list[Box]) -> int:
    """Fill ``rulings`` from the page's path objects; return how many image objects it holds."""
    images = 0
    for obj, kind, ctm in _placed_objects(page):
        if kind == raw.FPDF_PAGEOBJ_PATH:
            _path_boxes(obj, ctm, height, rulings)
        elif kind == raw.FPDF_PAGEOBJ_IMAGE:
            images += 1
    return images


def _placed_objects(page) -> Iterator[tuple[Any, int, tuple[float, ...]]]:
    """(object, type, matrix to page space) of every object on the page, inside form XObjects too
    (the form itself is not yielded: its objects are). Only paths get their own matrix applied; text
    and images come with their container's."""
    m = raw.FS_MATRIX()
    stack: list[tuple[Iterator, tuple[float, ...]]] = [(_page_objects(page), (1.0, 0.0, 0.0, 1.0, 0.0, 0.0))]
    while stack:
        it, ctm = stack[-1]
        obj = next(it, None)
        if obj is None:
            stack.pop()
            continue
        kind = raw.FPDFPageObj_GetType(obj)
        if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM):
            yield obj, kind, ctm  # text and images: their own matrix is not needed here
            continue
        raw.FPDFPageObj_GetMatrix(obj, m)
        placed = _mult((m.a, m.b, m.c, m.d, m.e, m.f), ctm)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            stack.append((_form_objects(obj), placed))
        else:
            yield obj, kind, placed


def _page_objects(page) -> Iterator:
    for k in range(raw.FPDFPage_CountObjects(page)):
        yield raw.FPDFPage_GetObject(page, k)


def _form_objects(form) -> Iterator:
    for k in range(raw.FPDFFormObj_CountObjects(form)):
        yield raw.FPDFFormObj_GetObject(form, k)


def _mult(m1: tuple[float, ...], m0: tuple[float, ...]) -> tuple[float, ...]:
    """m1 then m0 (pdfminer's mult_matrix order)."""
    a1, b1, c1, d1, e1, f1 = m1
    a0, b0, c0, d0, e0, f0 = m0
    return (a0 * a1 + c0 * b1, b0 * a1 + d0 * b1, a0 * c1 + c0 * d1, b0 * c1 + d0 * d1,
            a0 * e1 + c0 * f1 + e0, b0 * e1 + d0 * f1 + f0)


def _path_boxes(obj, ctm: tuple[float, ...], height: float, out: list[Box]) -> None:
    """One box per subpath of a painted path, from its end points (pdfminer's LTCurve bbox)."""
    pts: list[tuple[float, float]] = []
    for kind, _seg, pt in _segments(obj, ctm):
        if kind == raw.FPDF_SEGMENT_MOVETO:
            _flush(pts, height, out)
            pts = []
        pts.append(pt)
    _flush(pts, height, out)


def _segments(obj, ctm: tuple[float, ...]) -> Iterator[tuple[int, Any, tuple[float, float]]]:
    """(segment type, segment, end point in page space) of a painted path; nothing for a path that is
    neither filled nor stroked, which pdfminer does not make an object of either."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if raw.FPDFPath_GetDrawMode(obj, fill, stroke) and not fill.value and not stroke.value:
        return
    a, b, c, d, e, f = ctm
    x, y = ctypes.c_float(), ctypes.c_float()
    bezier = 0  # a curve is three BEZIERTO segments: two control points, then its end point
    for k in range(raw.FPDFPath_CountSegments(obj)):
        seg = raw.FPDFPath_GetPathSegment(obj, k)
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3:
                continue
        else:
            bezier = 0
        raw.FPDFPathSegment_GetPoint(seg, x, y)
        yield kind, seg, (a * x.value + c * y.value + e, b * x.value + d * y.value + f)


def _flush(pts: list[tuple[float, float]], height: float, out: list[Box]) -> None:
    if len(pts) < 2:
        return  # a lone "m" paints nothing
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    out.append((min(xs), height - max(ys), max(xs), height - min(ys)))


def table_objects(page: pdfium.PdfPage, height: float, doctop: float = 0.0,
                  breaks: list[Box] | None = None) -> dict[str, list[dict]]:
    """pdfplumber's ``Page.objects`` of an unrotated page (chars, rects, lines, curves), built from
    PDFium, for pdfplumber's own table finder (``index_table``): the dictionaries hold the keys its
    cropping, edges, words and cell text read, with pdfminer's values.

    Paths are split and classed as pdfminer's ``paint_path`` does (a line, an axis-aligned closed
    rectangle, or a curve of its end points), since pdfplumber draws its edges from that class.
    Raises ``NotLikePdfminer`` for a page pdfminer would give other chars (a rotated or slanted
    char): the caller reads that page with pdfminer. A hyphen that ends a line, which PDFium only
    marks, is the char ``LINE_END_MARK``; the caller decides whether it matters.

    ``breaks``: filled with the gaps where PDFium made a word break of its own inside a line (a space
    glyph it dropped, or none drawn at all: fpdf may draw none, and pdfminer then has no char there
    while these objects have the space ``_restore_space`` puts back). pdfplumber's ruled tables do
    not split words, so they do not care; its words do, so a caller reading words (an unruled
    table) reads a page with such gaps with pdfminer.
    """
    textpage = page.get_textpage()
    try:
        chars = _chars(textpage.raw, height, raw_text=True, breaks=breaks)
    finally:
        textpage.close()
    objects: dict[str, list[dict]] = {"char": [], "rect": [], "line": [], "curve": []}
    out = objects["char"]
    for text, x0, x1, top, bottom, size, font in chars:
        out.append({"object_type": "char", "text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom,
                    "y0": height - bottom, "y1": height - top, "width": x1 - x0, "height": bottom - top,
                    "doctop": doctop + top, "upright": True, "size": size, "fontname": font})
    for obj, kind, ctm in _placed_objects(page.raw):
        if kind == raw.FPDF_PAGEOBJ_PATH:
            for shape, pts in _subpaths(obj, ctm):
                _add_path_object(shape, pts, height, doctop, objects)
    return objects


def _subpaths(obj, ctm: tuple[float, ...]) -> Iterator[tuple[str, list[tuple[float, float]]]]:
    """(shape, points) per painted subpath, as pdfminer's ``paint_path`` sees them: one letter per
    operator ("m", "l", "c", "h"), one point per operator (a curve's end point; "h" the start)."""
    shape: list[str] = []
    pts: list[tuple[float, float]] = []
    for kind, seg, pt in _segments(obj, ctm):
        if kind == raw.FPDF_SEGMENT_MOVETO:
            if len(shape) > 1:
                yield "".join(shape), pts
            shape, pts = ["m"], [pt]
            continue
        if not shape:
            continue  # pdfminer drops a path that does not open with "m"
        closes = bool(raw.FPDFPathSegment_GetClose(seg))
        if closes and pt == pts[0] and kind == raw.FPDF_SEGMENT_LINETO:
            # PDFium closes a subpath with a line back to its start flagged "close" (or flags the
            # last segment when it already ends there): pdfminer's "h", whose point is the start
            shape.append("h")
        else:
            shape.append("c" if kind == raw.FPDF_SEGMENT_BEZIERTO else "l")
            if closes:
                pts.append(pt)
                shape.append("h")
                pt = pts[0]
        pts.append(pt)
    if len(shape) > 1:
        yield "".join(shape), pts


def _add_path_object(shape: str, pts: list[tuple[float, float]], height: float, doctop: float,
                     objects: dict[str, list[dict]]) -> None:
    """pdfminer's ``paint_path`` for one subpath, as the object pdfplumber would make of it."""
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"  # pdfminer drops a redundant "l" on a path closed with "h"
        pts = pts[:-1]
    if shape in ("mlh", "ml"):
        kind, box_pts = "line", pts[:2]
    elif shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        kind, box_pts = ("rect", [pts[0], pts[2]]) if pts[0] == pts[4] and square else ("curve", pts)
    else:
        kind, box_pts = "curve", pts
    xs = [p[0] for p in box_pts]
    ys = [p[1] for p in box_pts]
    x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    top, bottom = height - y1, height - y0
    item = {"object_type": kind, "x0": x0, "x1": x1, "y0": y0, "y1": y1, "top": top, "bottom": bottom,
            "width": x1 - x0, "height": y1 - y0, "doctop": doctop + top}
    if kind != "rect":
        item["pts"] = [(px, height - py) for px, py in pts]
    objects[kind].append(item)
