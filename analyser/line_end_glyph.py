"""Which glyph a hyphen PDFium marks at a line end is, decided from the page's fonts.

Why: PDFium's text page replaces a hyphen that ends a line with a mark (U+FFFE in the page text,
0x2 per char) and forgets the character; pdfminer gives the glyph's own character, "-" or a soft
hyphen (U+00AD). The index reader (``index_table``) read every page whose table held such a mark
again with pdfminer, the one pdfminer page parse left on the sample (bench/RESULTS.md, issue 13).

PDFium marks a char only when the Unicode it gave that char was U+002D or U+00AD (pdfium
``cpdf_textpage.cpp``: ``IsHyphenCode``), taken from the font's ToUnicode map, else from its
encoding, else (no Unicode at all) from the char code itself. pdfminer reads a code the same way,
ToUnicode first, then the encoding of a simple font. So where the marked char's font (found by its
name among the page's fonts) maps no code to U+00AD in pdfminer's reading, every code it maps to a
text ending in a hyphen maps to "-" exactly, and codes 45 and 173 (which PDFium could take raw, or
through an encoding table pdfminer reads otherwise) are mapped or draw no glyph, the marked glyph
is pdfminer's "-". Anything that cannot be told (a CID font without ToUnicode or with a CMap other
than Identity, a font pdfminer cannot build, two fonts of one name with different verdicts, a form
too deep) is left undecided, and the caller reads the page with pdfminer as before.

Not seen here: marked content with /ActualText, whose text PDFium puts in place of the glyphs'
(pdfminer ignores it); a document that used it would read differently in the two readers anyway.
Over the corpus (tests/test_line_end_glyph.py) every mark on a page this decides is pdfminer's "-".
"""

from __future__ import annotations

from typing import Any

_SOFT_HYPHEN = "\u00ad"
_RAW_HYPHENS = (0x2D, 0xAD)  # codes PDFium takes as U+002D / U+00AD when it finds no Unicode
_MAX_FORM_DEPTH = 8


def marks_are_hyphens(page: Any, font_names: set[str], memo: dict[Any, bool]) -> bool:
    """Whether every line-end mark PDFium reports on ``page`` (a pdfplumber page) is pdfminer's "-".

    ``font_names``: the fonts of the marked chars as PDFium names them (the base font without its
    subset tag). Each is matched to every font of the page (and of the forms it draws) whose
    ``/BaseFont`` has that name, and all of them must be unable to give anything else; a name no
    font of the page has leaves the page undecided. ``memo`` maps a font object's id to its verdict,
    so a document's fonts are judged once however many index pages use them.
    """
    try:
        fonts = list(_page_fonts(page.page_obj.resources, 0, set()))
    except Exception:  # noqa: BLE001 - resources pdfminer cannot follow: leave the page to pdfminer
        return False
    if any(key is None for key, _ in fonts):
        return False  # a form deeper than we follow, or a font that is not a dictionary
    for name in font_names:
        matched = [(key, spec) for key, spec in fonts if _base_name(spec) == name]
        if not matched:
            return False
        for key, spec in matched:
            if key not in memo:
                memo[key] = _only_hyphen(page.pdf.rsrcmgr, key, spec)
            if not memo[key]:
                return False
    return True


def _base_name(spec: dict) -> str | None:
    """``/BaseFont`` without a subset tag ("BAAAAA+LiberationSans" -> "LiberationSans"), as PDFium names it."""
    from pdfminer.pdftypes import resolve1

    name = getattr(resolve1(spec.get("BaseFont")), "name", None)
    if not isinstance(name, str):
        return None
    tag, plus, rest = name.partition("+")
    return rest if plus and len(tag) == 6 and tag.isupper() else name


def _page_fonts(resources: Any, depth: int, forms: set[int]):
    """(key, font dictionary) for every font of ``resources`` and of the forms they draw;
    (None, None) where one cannot be followed."""
    from pdfminer.pdftypes import PDFStream, resolve1

    resources = resolve1(resources) or {}
    if not isinstance(resources, dict):
        yield None, None
        return
    fonts = resolve1(resources.get("Font")) or {}
    if not isinstance(fonts, dict):
        yield None, None
        return
    for name, ref in fonts.items():
        spec = resolve1(ref)
        objid = getattr(ref, "objid", None)
        yield ((objid if objid is not None else ("inline", id(spec))) if isinstance(spec, dict) else None), spec
    xobjects = resolve1(resources.get("XObject")) or {}
    if not isinstance(xobjects, dict):
        yield None, None
        return
    for ref in xobjects.values():
        xobj = resolve1(ref)
        if not isinstance(xobj, PDFStream) or getattr(resolve1(xobj.attrs.get("Subtype")), "name", None) != "Form":
            continue
        objid = getattr(ref, "objid", None)
        if objid in forms:
            continue  # drawn twice, or a form that draws itself: its fonts are already listed
        if depth >= _MAX_FORM_DEPTH:
            yield None, None
            return
        if objid is not None:
            forms.add(objid)
        if "Resources" in xobj.attrs:  # a form without its own resources uses the page's
            yield from _page_fonts(xobj.attrs["Resources"], depth + 1, forms)


def _only_hyphen(rsrcmgr: Any, key: Any, spec: dict) -> bool:
    """Whether every char of the font ``spec`` that PDFium may mark reads "-" in pdfminer.

    PDFium may mark a code whose ToUnicode text ends in U+002D or U+00AD; a code ToUnicode does not
    have, through the encoding (whose code 173 PDFium and pdfminer read differently: WinAnsi's is
    a hyphen in the PDF specification and a space in pdfminer's table), or else raw, as code 45 or
    173 itself. So: no text of the font holds a soft hyphen, every text ending in a hyphen is "-",
    and codes 45 and 173 are either in ToUnicode or read "-" by pdfminer's encoding.
    """
    from pdfminer.pdffont import PDFCIDFont, PDFSimpleFont
    from pdfminer.pdftypes import resolve1

    try:
        font = rsrcmgr.get_font(key if isinstance(key, int) else None, spec)
    except Exception:  # noqa: BLE001 - a font pdfminer cannot build: let pdfminer's reading decide
        return False
    to_unicode = getattr(getattr(font, "unicode_map", None), "cid2unichr", None)
    if isinstance(font, PDFSimpleFont):
        encoding = getattr(font, "cid2unicode", None) or {}
    elif isinstance(font, PDFCIDFont):
        cmap = getattr(resolve1(spec.get("Encoding")), "name", None)
        if to_unicode is None or cmap not in ("Identity-H", "Identity-V"):
            return False  # pdfminer keys ToUnicode by CID, PDFium by code: the same only for Identity
        encoding = {}
    else:
        return False
    to_unicode = to_unicode or {}
    for text in (*to_unicode.values(), *encoding.values()):
        if _SOFT_HYPHEN in text or (text.endswith("-") and text != "-"):
            return False
    return all(_read_alike(code, to_unicode, encoding) or not _is_glyph(font, spec, code) for code in _RAW_HYPHENS)


def _read_alike(code: int, to_unicode: dict[int, str], encoding: dict[int, str]) -> bool:
    """Whether PDFium and pdfminer take ``code``'s text from the same place and it is not a soft hyphen."""
    text = to_unicode.get(code)
    if text:
        return True  # both read ToUnicode's text, judged above
    # not in ToUnicode: both read the encoding where pdfminer's gives "-" (code 45 in every
    # standard one). An empty ToUnicode text is no Unicode to PDFium, which falls back, but "" to pdfminer
    return text is None and encoding.get(code) == "-"


def _is_glyph(font: Any, spec: dict, code: int) -> bool:
    """Whether ``code`` may draw a glyph of the font: for a simple font, a code inside its width
    table (``FirstChar``..``LastChar``); for a CID font, a CID its ``CIDToGIDMap`` stream gives a
    glyph other than .notdef (under /Identity every CID may). A code outside is not one a producer
    draws as text (it has no width and no glyph), so it is not a line-end hyphen to reckon with."""
    from pdfminer.pdffont import PDFSimpleFont
    from pdfminer.pdftypes import resolve1

    if isinstance(font, PDFSimpleFont):
        first, last = resolve1(spec.get("FirstChar")), resolve1(spec.get("LastChar"))
        if not (isinstance(first, int) and isinstance(last, int)) or isinstance(first, bool):
            return True
        return first <= code <= last
    try:
        kids = resolve1(spec.get("DescendantFonts"))
        mapping = resolve1(resolve1(kids[0]).get("CIDToGIDMap"))
        table = mapping.get_data() if hasattr(mapping, "get_data") else None
    except Exception:  # noqa: BLE001 - a map that cannot be read: every CID may be a glyph
        return True
    if table is None:
        return True
    return 2 * code + 1 < len(table) and (table[2 * code] or table[2 * code + 1]) != 0
