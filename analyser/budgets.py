"""Limits on the work one document may cost: pages, decoded characters and seconds.

The 50 MB file-size limit caps the bytes on disk, not the work: a 5 KB PDF whose compressed content
stream decodes to four million characters kept pdfminer busy for a minute and took 4 GB. So the
work is budgeted twice:

* ``check_content`` runs before any layout analysis, on the PDF's objects alone. It decodes each
  page's content streams (Flate with a cap, so a stream that inflates to gigabytes stops at the
  cap) and counts the bytes inside string operands, the most text the page can show (form
  XObjects count once per use, so a small form drawn thousands of times is counted as drawn).
  That costs milliseconds per page, and a bomb is refused before pdfminer sees it.
* ``page_read`` is called by the reader after each page with the characters it actually got, and
  checks the document total and the clock while reading.

Defaults leave room: the largest real code we know is about 1 MB and 100-odd pages with a few
thousand characters a page; a 2,000-page code still passes. ``use`` overrides them for a block
(the CLI's ``--max-*`` flags and the app's settings), held in a context variable so that no
signature between the faces and the reader has to carry them.
"""

from __future__ import annotations

import re
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import NamedTuple

from .errors import BudgetError

# damage and font_check are imported where the content is checked: every command sets a budget, and
# a cached open checks no content (they bring the data model and pdfminer's font tables with them)


class Budget(NamedTuple):
    """What one document may cost. Every limit is inclusive.

    A named tuple, not a dataclass: every command sets a budget, and importing ``dataclasses`` (it
    brings ``inspect``, ``ast`` and ``dis``) was a tenth of a cached open, which builds no dataclass."""

    max_pages: int = 5_000
    max_chars: int = 20_000_000  # decoded characters in the whole document
    max_page_chars: int = 200_000  # a dense real page holds about 15,000
    max_seconds: float = 600.0  # wall-clock seconds to read one document
    # bytes one content stream may inflate to before it is called a bomb (a real page: ~100 KB)
    max_stream_bytes: int = 64 * 1024 * 1024


class _Reading:
    """The running account of one document being read."""

    __slots__ = ("path", "budget", "started", "chars", "page")

    def __init__(self, path: Path, budget: Budget) -> None:
        self.path = path
        self.budget = budget
        self.started = time.monotonic()
        self.chars = 0
        self.page = 0  # pages read so far


_BUDGET: ContextVar[Budget] = ContextVar("analyser_budget", default=Budget())
_PAGE: ContextVar[int | None] = ContextVar("analyser_checking_page", default=None)  # for damage reports
_READING: ContextVar[_Reading | None] = ContextVar("analyser_reading", default=None)


def current() -> Budget:
    return _BUDGET.get()


@contextmanager
def use(budget: Budget) -> Iterator[Budget]:
    """Apply ``budget`` to every document read inside the block."""
    token = _BUDGET.set(budget)
    try:
        yield budget
    finally:
        _BUDGET.reset(token)


@contextmanager
def reading(path: str | Path) -> Iterator[_Reading]:
    """Start the clock and the character count for one document (``extract_code`` wraps its read)."""
    state = _Reading(Path(path), current())
    token = _READING.set(state)
    try:
        yield state
    finally:
        _READING.reset(token)


def pages_read() -> int:
    """Pages read so far in the current document (0 outside one): log capture uses it for page numbers."""
    state = _READING.get()
    return state.page if state else 0


def page_read(page_no: int, chars: int) -> None:
    """Called by the reader after each page; raises ``BudgetError`` once a limit is passed."""
    state = _READING.get()
    if state is None:
        return
    state.page = page_no
    state.chars += chars
    b = state.budget
    if chars > b.max_page_chars:
        raise BudgetError(state.path, f"page {page_no} holds {chars:,} characters, over the limit of "
                          f"{b.max_page_chars:,} per page (a decompression bomb or a damaged file); "
                          "raise it with --max-page-chars")
    if state.chars > b.max_chars:
        raise BudgetError(state.path, f"more than {b.max_chars:,} characters by page {page_no}, over the limit "
                          "for one document; raise it with --max-chars")
    check_time()


def check_time(stage: str = "reading") -> None:
    """Raise ``BudgetError`` when the current document has used up its seconds."""
    state = _READING.get()
    if state is None:
        return
    spent = time.monotonic() - state.started
    if spent > state.budget.max_seconds:
        where = f" at page {state.page}" if state.page else ""
        raise BudgetError(state.path, f"{stage} took longer than {state.budget.max_seconds:g} s{where}, "
                          "the limit for one document; raise it with --max-seconds")


# ---------------------------------------------------------------------------------------------
# before reading: the PDF's objects only

# string operands: literal "(...)" with escapes, and hex "<...>" (not dictionaries "<<")
# (possessive, so a four-million-letter string is one C-speed run, not a backtracking stack per byte)
_STRINGS = re.compile(rb"\((?:[^\\()]++|\\.)*+\)|<(?!<)[0-9A-Fa-f\s]*+>", re.S)
_DO = re.compile(rb"/([^\s/<>\[\]()%{}]+)\s+Do\b")
_MAX_FORM_DEPTH = 12  # forms inside forms: deeper than any real document, bounds a cycle


def check_content(path: str | Path, doc, budget: Budget | None = None) -> int:
    """Refuse a document whose pages could show more text than the budget allows; return the page count.

    ``doc`` is an open ``pdfminer.pdfdocument.PDFDocument``. Nothing here lays out glyphs, so a
    bomb costs what its decoded streams cost, and each stream stops at ``max_stream_bytes``.
    """
    from pdfminer.pdfpage import PDFPage

    from .damage import page_without_content, pages_missing
    from .font_check import check_fonts

    b = budget or current()
    started = time.monotonic()
    total = 0
    n = 0
    forms: dict[int, int] = {}
    fonts: dict = {}  # each font judged once (font_check): a damaged one moves glyphs silently
    for n, page in enumerate(PDFPage.create_pages(doc), 1):
        _PAGE.set(n)
        if n > b.max_pages:
            raise BudgetError(path, f"more than {b.max_pages:,} pages, the limit for one document; "
                              "raise it with --max-pages")
        streams = page.contents or []
        if not streams:
            page_without_content(n)
        text = sum(_text_bytes(path, s, b) for s in streams)
        check_fonts(page.resources, n, fonts)
        text += _forms_text(path, page.resources, streams, b, forms, 0, fonts)
        if text > b.max_page_chars:
            raise BudgetError(path, f"page {n} would show about {text:,} characters, over the limit of "
                              f"{b.max_page_chars:,} per page (a decompression bomb or a damaged file); "
                              "raise it with --max-page-chars")
        total += text
        if total > b.max_chars:
            raise BudgetError(path, f"the text of the first {n:,} pages is over the limit of {b.max_chars:,} "
                              "characters for one document; raise it with --max-chars")
        if time.monotonic() - started > b.max_seconds:
            raise BudgetError(path, f"checking the pages took longer than {b.max_seconds:g} s, the limit for "
                              "one document; raise it with --max-seconds")
    declared = _declared_pages(doc)
    if declared is not None and declared > n:
        pages_missing(declared, n)
    return n


def _declared_pages(doc) -> int | None:
    """The page count the document's page tree declares (``/Count``), if it can be read."""
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(doc.catalog.get("Pages")).get("Count"))
    except Exception:
        return None
    return count if isinstance(count, int) and not isinstance(count, bool) and 0 < count < 10_000_000 else None


def _looks_compressed(raw: bytes) -> bool:
    """Raw stream bytes that open with a zlib header and inflate: Flate data, whatever the dictionary says."""
    if len(raw) < 2 or raw[0] != 0x78 or raw[1] not in (0x01, 0x5E, 0x9C, 0xDA):
        return False
    try:
        zlib.decompressobj().decompress(raw[:64])
    except zlib.error:
        return False
    return True


def _decoded(path: str | Path, stream, b: Budget) -> bytes:
    """A stream's data, inflated with a cap; a stream that will not decode counts as what decoded.

    Flate (nearly every content stream) is inflated here with ``max_length``, so a gigabyte bomb
    costs one cap's worth of memory. Other filters are rare for content: pdfminer decodes them.
    """
    from pdfminer.pdftypes import resolve1

    from .damage import stream_damaged

    try:
        filters = resolve1(stream.attrs.get("Filter"))
        names = [getattr(resolve1(f), "name", f) for f in (filters if isinstance(filters, list) else [filters])]
        names = [n for n in names if n is not None]
        if names in ([], ["FlateDecode"], ["Fl"]) and not stream.attrs.get("DecodeParms"):
            raw = stream.rawdata if stream.rawdata is not None else stream.data or b""
            if not names:
                if _looks_compressed(raw):
                    # a content stream whose /Filter was lost: its compressed bytes are read as drawing
                    # operators that draw nothing, so the page's text disappears without an error
                    stream_damaged(_PAGE.get(), "compressed data with no /Filter")
                return raw[: b.max_stream_bytes + 1]
            inflater = zlib.decompressobj()
            try:
                out = inflater.decompress(raw, b.max_stream_bytes + 1)
            except zlib.error as err:
                # pdfminer reads such a stream as empty, mostly without a log line: say so here
                stream_damaged(_PAGE.get(), str(err).split(": ")[-1])
                return b""
            if not inflater.eof and len(out) <= b.max_stream_bytes:
                stream_damaged(_PAGE.get(), "it ends before its end marker")
            return out
        data = stream.get_data()
        return data[: b.max_stream_bytes + 1]
    except Exception:  # a damaged stream is the reader's to report, not this estimate's
        return b""


def _text_bytes(path: str | Path, stream, b: Budget) -> int:
    from pdfminer.pdftypes import resolve1

    stream = resolve1(stream)
    if not hasattr(stream, "attrs"):
        return 0
    data = _decoded(path, stream, b)
    if len(data) > b.max_stream_bytes:
        raise BudgetError(path, f"a content stream inflates to more than {b.max_stream_bytes:,} bytes "
                          "(a decompression bomb or a damaged file)")
    # hex strings count two digits a byte; a literal's escapes are ignored: an estimate from above
    return sum(len(m) - 2 if m[:1] == b"(" else (len(m) - 2) // 2 for m in _STRINGS.findall(data))


def _forms_text(path, resources, streams, b: Budget, memo: dict[int, int], depth: int, fonts: dict) -> int:
    """Text of the form XObjects a content draws, counted once per ``Do``; their fonts are checked too."""
    from pdfminer.pdftypes import resolve1

    from .font_check import check_fonts

    if depth > _MAX_FORM_DEPTH:
        raise BudgetError(path, f"forms nested more than {_MAX_FORM_DEPTH} deep (a damaged or hostile file)")
    try:
        xobjects = resolve1(resolve1(resources or {}).get("XObject")) or {}
    except Exception:
        return 0
    if not isinstance(xobjects, dict) or not xobjects:
        return 0
    uses: dict[bytes, int] = {}
    for s in streams:
        s = resolve1(s)
        if hasattr(s, "attrs"):
            for name in _DO.findall(_decoded(path, s, b)):
                uses[name] = uses.get(name, 0) + 1
    total = 0
    for name, count in uses.items():
        try:
            ref = xobjects.get(name.decode("latin-1"))
            form = resolve1(ref)
            if getattr(resolve1(form.attrs.get("Subtype")), "name", None) != "Form":
                continue
        except Exception:
            continue
        key = getattr(ref, "objid", id(form))
        if key not in memo:
            memo[key] = 0  # a form that draws itself counts as empty while it is being counted
            own = _text_bytes(path, form, b)
            memo[key] = own + _forms_text(path, form.attrs.get("Resources"), [form], b, memo, depth + 1, fonts)
        check_fonts(form.attrs.get("Resources"), _PAGE.get() or 0, fonts)
        total += count * memo[key]
        if total > b.max_chars:  # stop multiplying once the answer is known
            return total
    return total
