"""Embedded fonts checked against themselves: a font program that will not decode, or a width
table that disagrees with the font it describes, is damage.

Why: where a glyph lands on the page comes from the font's width table (``/Widths`` of a simple
font, ``/W`` of a CID font), and the reader decides word gaps, hyphens and note text from those
positions and from the font. When a font's embedded program is damaged, PDFium draws the text with
a stand-in font; when one number of a width table is damaged, every glyph after that letter moves.
Either way no PDF library logs a word, yet the text read changes: a space lost ("ICUC3",
"harmthat"), a word split ("ser vices"), or a measure's unnumbered note read into the paragraph
above it (the long fuzz run's 26 silent mutants, bench/RESULTS.md).

Two checks, each run once per font object of a document (``budgets.check_content`` calls
``check_fonts`` for every page's and form's resources):

* the program (``/FontFile``, ``/FontFile2``, ``/FontFile3``) inflates to its end marker, and a
  TrueType program with no filter starts like a TrueType font (a lost ``/Filter`` leaves Flate
  bytes where the font should be);
* for a TrueType program (simple or CID), every non-zero width in the table equals the advance
  width of the glyph that code draws, in thousandths of an em, within ``_TOLERANCE``. A producer
  writes those widths from the same font it embeds, so on an undamaged file they agree (every
  embedded font of the fixtures, the samples, the held-out set and the GPAI chapter does: see
  tests/test_font_check.py). Codes whose glyph cannot be told for certain are left out, not guessed.

Bare CFF and Type 1 programs are checked for decoding only: their widths sit in charstrings.
The TrueType tables are read by hand (below), not with a font library: no new dependency, and no
hostile character map expanded into millions of entries.
"""

from __future__ import annotations

import re
import struct
import sys
import zlib
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .damage import font_damaged

# Widths are whole thousandths of an em rounded from the font's own units (2048 or 1000 an em);
# one digit of a number changed moves it by 10 or more, a rounding by under 1.
_TOLERANCE = 2.0
_MAX_PROGRAM_BYTES = 32 * 1024 * 1024  # a font program larger than any real one: read no further
_SFNT_STARTS = (b"\x00\x01\x00\x00", b"true", b"OTTO", b"ttcf")
_TABLES_READ = frozenset((b"head", b"hhea", b"hmtx", b"maxp", b"cmap"))


def check_fonts(resources: Any, page_no: int, seen: dict[Any, str | None]) -> None:
    """Record as damage each font in ``resources`` whose program or widths are damaged.

    ``seen`` maps a font object's key to its verdict (None: sound), so each font is judged once per
    document however many pages use it, and every page that uses a damaged one is named.
    """
    from pdfminer.pdftypes import resolve1

    try:
        fonts = resolve1(resolve1(resources or {}).get("Font")) or {}
    except Exception:  # resources the reader cannot follow are the reader's to report
        return
    if not isinstance(fonts, dict):
        return
    for name, ref in fonts.items():
        # an indirect font is judged once a document; one written inline (rare) once a page
        key = getattr(ref, "objid", None) or ("inline", page_no, name)
        if key not in seen:
            try:
                seen[key] = _judge(resolve1(ref))
            except Exception:  # a font dictionary too broken to follow: pdfminer logs what it meets
                seen[key] = None
        if seen[key]:
            font_damaged(page_no, seen[key])


def _name(value: Any) -> str | None:
    from pdfminer.pdftypes import resolve1

    value = resolve1(value)
    return getattr(value, "name", value if isinstance(value, str) else None)


def _judge(font: Any) -> str | None:
    """Why ``font`` is damaged, in words naming it; None when nothing is wrong with it."""
    from pdfminer.pdftypes import resolve1

    if not isinstance(font, dict):
        return None
    label = str(_name(font.get("BaseFont")) or "unnamed").split("+")[-1][:60]
    descendant = font
    if _name(font.get("Subtype")) == "Type0":
        kids = resolve1(font.get("DescendantFonts"))
        descendant = resolve1(kids[0]) if isinstance(kids, list) and kids else {}
        if not isinstance(descendant, dict):
            return None
    descriptor = resolve1(descendant.get("FontDescriptor"))
    if not isinstance(descriptor, dict):
        return None
    for kind in ("FontFile2", "FontFile", "FontFile3"):
        stream = resolve1(descriptor.get(kind))
        if stream is not None and hasattr(stream, "attrs"):
            break
    else:
        return None  # not embedded: the reader's stand-in is the producer's intent
    data, why = _program(stream, kind)
    if why:
        return f"the embedded font {label}: {why}"
    if kind != "FontFile2" or data is None:
        return None
    return _widths_disagree(font, descendant, data, label)


def _program(stream: Any, kind: str) -> tuple[bytes | None, str | None]:
    """The decoded font program, or why it cannot be decoded."""
    filters = _name_list(stream.attrs.get("Filter"))
    raw = stream.rawdata if stream.rawdata is not None else stream.data or b""
    if not filters:
        if kind == "FontFile2" and not raw.startswith(_SFNT_STARTS):
            return None, "its program is not a TrueType font (its /Filter lost, or the data overwritten)"
        return raw, None
    if filters not in (["FlateDecode"], ["Fl"]) or stream.attrs.get("DecodeParms"):
        return None, None  # rare for fonts; pdfminer decodes and logs these itself
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(raw, _MAX_PROGRAM_BYTES)
    except zlib.error as err:
        return None, f"its program will not decompress ({str(err).split(': ')[-1]})"
    if not inflater.eof and len(data) < _MAX_PROGRAM_BYTES:
        return None, "its program ends before its end marker"
    return data, None


def _name_list(value: Any) -> list[str]:
    from pdfminer.pdftypes import resolve1

    value = resolve1(value)
    items = value if isinstance(value, list) else [value]
    return [n for n in (_name(v) for v in items) if n is not None]


def _widths_disagree(font: dict, descendant: dict, data: bytes, label: str) -> str | None:
    """Why the width table of ``font`` disagrees with its TrueType program, or None if it agrees."""
    try:
        tables = _sfnt_tables(data)
        scale = 1000.0 / _u16(tables[b"head"], 18)
        advances = _advances(tables)
        glyph_count = _u16(tables[b"maxp"], 4) if b"maxp" in tables else len(advances)
    except (KeyError, IndexError, ValueError, ZeroDivisionError, struct.error):
        return f"the embedded font {label}: its TrueType program cannot be read (a table is missing or cut short)"
    if descendant is font:
        wrong = _simple_wrong(_simple_widths(font, tables), advances, glyph_count, scale)
    else:
        wrong = _cid_wrong(descendant, advances, glyph_count, scale)
    if not wrong:
        return None
    code, width, advance = wrong[0]
    return (f"the embedded font {label}: its width table disagrees with the font for {len(wrong)} character "
            f"code(s) (code {code}: {width:g} where the font says {advance})")


def _simple_wrong(pairs: Iterable[tuple[int, float, list[int]]], advances: Sequence[int], glyph_count: int,
                  scale: float) -> list[tuple[int, float, int]]:
    """(code, width, advance) for each code none of whose candidate glyphs has its width."""
    wrong = []
    for code, width, glyphs in pairs:
        # an advance of 0 is a glyph a subsetter emptied but kept in place (Chromium and MuPDF keep
        # the glyph numbers and zero the unused ones, while the width table still lists them all)
        known = [advances[min(g, len(advances) - 1)] * scale for g in glyphs if 0 <= g < glyph_count]
        known = [a for a in known if a]
        if known and width and all(abs(width - a) > _TOLERANCE for a in known):
            wrong.append((code, width, round(known[0])))
    return wrong


def _cid_wrong(cid_font: dict, advances: Sequence[int], glyph_count: int,
               scale: float) -> list[tuple[int, float, int]]:
    """(cid, width, advance) for each CID whose ``/W`` width is not its glyph's advance.

    The same judgement as ``_simple_wrong`` with one glyph a CID, written as one flat loop: a CID
    font's ``/W`` can list every CID of the original font (MuPDF writes about 5,000 a font, most
    for glyphs its subsetter emptied), and a generator and two lists a CID made the check 29% of
    extracting such a document (bench/RESULTS.md, issue 13).
    """
    gids = _cid_to_gid(cid_font)
    last = len(advances) - 1
    wrong = []
    for first, widths in _cid_runs(cid_font):
        for k, width in enumerate(widths):
            if not width:
                continue  # 0, or not a number: nothing to judge
            cid = first + k
            if cid < 0:
                continue  # no such CID (CIDs run from 0): a hostile table, nothing drawn by it
            if gids is None:
                g = cid  # /Identity, or no map: the CID is the glyph
            elif cid < len(gids):
                g = gids[cid]
            else:
                continue
            if g >= glyph_count:
                continue  # past the font's glyphs: not a width the font can be asked about
            advance = advances[g if g < last else last] * scale
            if advance and abs(width - advance) > _TOLERANCE:
                wrong.append((cid, float(width), round(advance)))
    return wrong


# ---------------------------------------------------------------------------------------------
# just enough of a TrueType program (the OpenType spec's 'head', 'hhea', 'hmtx', 'cmap'), read by
# hand: a general font library expands a hostile character map's ranges into millions of entries,
# while here each lookup is one search and each table is bounded by its own length

def _u16(b: bytes, at: int) -> int:
    return struct.unpack_from(">H", b, at)[0]


def _u32(b: bytes, at: int) -> int:
    return struct.unpack_from(">I", b, at)[0]


def _sfnt_tables(data: bytes) -> dict[bytes, bytes]:
    base = _u32(data, 12) if data[:4] == b"ttcf" else 0  # a collection: its first font
    count = _u16(data, base + 4)
    tables = {}
    for i in range(min(count, 256)):
        at = base + 12 + 16 * i
        tag, offset, length = data[at:at + 4], _u32(data, at + 8), _u32(data, at + 12)
        if offset + length > len(data):
            raise ValueError("a table runs past the end of the font")
        if tag in _TABLES_READ:  # every entry is checked, only these are copied out (not 'glyf')
            tables[tag] = data[offset:offset + length]
    return tables


def _advances(tables: dict[bytes, bytes]) -> tuple[int, ...]:
    """Advance widths by glyph number, in font units (glyphs past the list take its last one)."""
    n = _u16(tables[b"hhea"], 34)
    hmtx = tables[b"hmtx"]
    if n == 0 or 4 * n > len(hmtx):
        raise ValueError("hmtx shorter than hhea says")
    return struct.unpack_from(f">{2 * n}H", hmtx)[::2]  # (advance, left side bearing) pairs


def _cmaps(cmap: bytes) -> dict[tuple[int, int], bytes]:
    """The character map's subtables by (platform, encoding), each from its own offset."""
    out = {}
    for i in range(min(_u16(cmap, 2), 64)):
        platform, encoding, offset = _u16(cmap, 4 + 8 * i), _u16(cmap, 6 + 8 * i), _u32(cmap, 8 + 8 * i)
        if offset < len(cmap):
            out.setdefault((platform, encoding), cmap[offset:])
    return out


def _glyph(sub: bytes, code: int) -> int | None:
    """The glyph a cmap subtable gives ``code`` (formats 0, 4, 6 and 12), or None."""
    try:
        fmt = _u16(sub, 0)
        if fmt == 0:
            return sub[6 + code] if code < 256 else None
        if fmt == 6:
            first, count = _u16(sub, 6), _u16(sub, 8)
            return _u16(sub, 10 + 2 * (code - first)) if first <= code < first + count else None
        if fmt == 4:
            segs = _u16(sub, 6) // 2
            i = _first_at_least(segs, lambda k: _u16(sub, 14 + 2 * k), code)  # ends ascend
            if i is None:
                return None
            start_at = 16 + 2 * segs + 2 * i
            start = _u16(sub, start_at)
            if code < start:
                return None
            delta = _u16(sub, start_at + 2 * segs)
            range_at = start_at + 4 * segs
            offset = _u16(sub, range_at)
            if offset == 0:
                return (code + delta) & 0xFFFF
            g = _u16(sub, range_at + offset + 2 * (code - start))
            return (g + delta) & 0xFFFF if g else None
        if fmt == 12:
            groups = min(_u32(sub, 12), (len(sub) - 16) // 12)
            i = _first_at_least(groups, lambda k: _u32(sub, 20 + 12 * k), code)  # group ends ascend
            if i is None:
                return None
            first, last, glyph = struct.unpack_from(">III", sub, 16 + 12 * i)
            return glyph + code - first if first <= code <= last else None
    except (struct.error, IndexError):
        return None
    return None


def _first_at_least(n: int, value, code: int) -> int | None:
    """The first of ``n`` ascending ``value(k)`` that is at least ``code`` (a binary search: a
    hostile map of 65,535 segments costs 16 reads a lookup, not 65,535)."""
    lo, hi = 0, n
    while lo < hi:
        mid = (lo + hi) // 2
        if value(mid) < code:
            lo = mid + 1
        else:
            hi = mid
    return lo if lo < n else None


def _simple_widths(font: dict, tables: dict[bytes, bytes]) -> Iterator[tuple[int, float, list[int]]]:
    """(code, width, glyphs the code may draw) for each entry of a simple font's ``/Widths``.

    A simple TrueType font's code reaches its glyph through the program's own character maps
    (PDF 32000-1, 9.6.6.4): the (3,0) map at the code or at 0xF000 + code, the (1,0) map, or the
    (3,1) map at the code's character for a Latin text font. Every map that has the code is a
    candidate, and one agreeing width is enough, so no mapping is guessed wrongly into damage.
    """
    from pdfminer.pdftypes import resolve1

    widths = resolve1(font.get("Widths"))
    first = resolve1(font.get("FirstChar"))
    if not isinstance(widths, list) or not isinstance(first, int) or isinstance(first, bool):
        return
    subs = _cmaps(tables[b"cmap"]) if b"cmap" in tables else {}
    for i, width in enumerate(widths[:256]):
        width = resolve1(width)
        if not isinstance(width, (int, float)) or isinstance(width, bool):
            continue
        code = first + i
        tries = [((3, 0), code), ((3, 0), 0xF000 + code), ((1, 0), code), ((3, 1), code)]
        glyphs = [g for key, c in tries if key in subs and (g := _glyph(subs[key], c))]
        yield code, float(width), (glyphs if subs else [code])  # no map: the code is the glyph


def _cid_to_gid(cid_font: dict) -> Sequence[int] | None:
    """A CIDFontType2's ``/CIDToGIDMap`` stream as glyph numbers by CID; None for /Identity or none."""
    from pdfminer.pdftypes import resolve1

    mapping = resolve1(cid_font.get("CIDToGIDMap"))
    table = mapping.get_data() if mapping is not None and hasattr(mapping, "get_data") else None
    if table is None:
        return None
    gids = array("H", table[: len(table) // 2 * 2])  # two bytes a CID, big-endian (a trailing odd byte is no CID)
    if sys.byteorder == "little":
        gids.byteswap()
    return gids


def _cid_runs(cid_font: dict) -> Iterator[tuple[int, list]]:
    """(first cid, widths from it on) for each entry of a CIDFontType2's ``/W`` (PDF 32000-1, 9.7.4.3);
    a width that is not a number is given as 0, which is never judged."""
    from pdfminer.pdftypes import resolve1

    w = _numbers_array(cid_font.get("W"))
    if not isinstance(w, list):
        return
    entries = [resolve1(x) for x in w]
    i = judged = 0
    while i < len(entries) - 1 and judged < 65536:  # CIDs stop at 65,535: more is a hostile table
        first, nxt = entries[i], entries[i + 1]
        if not isinstance(first, int):
            return  # a table this far off is not one to judge by
        if isinstance(nxt, list):  # c [w1 w2 ...]
            widths = [_number(resolve1(x)) for x in nxt]
            i += 2
        elif i + 2 < len(entries) and isinstance(nxt, int):  # c_first c_last w
            widths = [_number(entries[i + 2])] * max(0, min(nxt, first + 65535 - judged) + 1 - first)
            i += 3
        else:
            return
        judged += len(widths)
        yield first, widths


def _number(value: Any) -> float:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else 0


# An indirect /W is read from the file by a regular expression when it is nothing but numbers and
# brackets (all of them in the corpus): pdfminer's tokeniser took about 0.1 s for MuPDF's four /W of
# 2,000 numbers each, most of the check's cost on such a document. Anything else (an encrypted file,
# an object stream, a reference or a name inside, an offset that does not point at the object) is
# left to pdfminer, so the array judged is the one pdfminer would give.
_PLAIN_ARRAY = re.compile(rb"\s*(\d+)\s+\d+\s+obj\s*(\[[-+.\d\s\[\]]*\])\s*endobj")
_TOKEN = re.compile(rb"\[|\]|[^\s\[\]]+")
_INT = re.compile(rb"[-+]?\d+")
_REAL = re.compile(rb"[-+]?(?:\d+\.\d*|\.\d+)")
_MAX_ARRAY_BYTES = 1 << 20  # 1 MB: more than any width table of 65,536 CIDs needs


def _numbers_array(value: Any) -> Any:
    """``value`` resolved as pdfminer resolves it; an indirect array of numbers read directly."""
    from pdfminer.pdftypes import PDFObjRef, resolve1

    if isinstance(value, PDFObjRef) and value.doc is not None:
        try:
            fast = _read_plain_array(value.doc, value.objid)
        except Exception:  # any surprise in the file: pdfminer's reading decides
            fast = None
        if fast is not None:
            return fast
    return resolve1(value)


def _read_plain_array(doc: Any, objid: int) -> list | None:
    if objid in doc._cached_objs or doc.decipher is not None:
        return None  # already parsed (free to take), or encrypted (needs deciphering)
    for xref in doc.xrefs:  # the first cross-reference that has it, as pdfminer's getobj
        try:
            strmid, pos, _ = xref.get_pos(objid)
        except KeyError:
            continue
        break
    else:
        return None
    if strmid is not None:
        return None  # inside an object stream
    fp = doc._parser.fp
    at = fp.tell()
    try:
        fp.seek(pos)
        head = fp.read(_MAX_ARRAY_BYTES)
    finally:
        fp.seek(at)  # the parser's file is where it was
    m = _PLAIN_ARRAY.match(head)
    if not m or int(m[1]) != objid:
        return None
    return _parse_numbers(m[2])


def _parse_numbers(body: bytes) -> list | None:
    """The array ``body`` (brackets and numbers only) as nested lists; None for any other token."""
    stack: list[list] = [[]]
    for token in _TOKEN.findall(body):
        if token == b"[":
            stack.append([])
        elif token == b"]":
            if len(stack) < 2:
                return None
            inner = stack.pop()
            stack[-1].append(inner)
        elif _INT.fullmatch(token):
            stack[-1].append(int(token))
        elif _REAL.fullmatch(token):
            stack[-1].append(float(token))
        else:
            return None
    return stack[0][0] if len(stack) == 1 and len(stack[0]) == 1 else None
