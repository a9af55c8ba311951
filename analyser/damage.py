"""Damage is never silent: signs that text was lost become document-level warnings.

Four signs, each turned into a ``ParseWarning`` with ``severity="damage"``, which ``rank`` puts
above the routine ones (a paragraph number out of sequence is routine; a stream that would not
decompress means text is missing):

* the PDF libraries' own log lines while reading ("Data-loss while decompressing corrupted data",
  an instruction that could not be read, an object left out of the cross-reference table). They
  are captured here instead of printed, so that the command line keeps its one-line promise and
  the reader sees them in the JSON, the CLI summary and the app's banner;
* a gap inside a measure sequence (C1, C2, C4) that the code's own index does not explain;
* characters no font shows (control codes, the decoder's replacement mark) in the text read: a
  damaged font or character map gives glyph codes instead of letters, with no log line at all;
* two or more measures without a single numbered paragraph: when the characters of the body font
  come out as glyph codes or out of order, headings are found but no paragraph number is;
* a paragraph number glued to the next word inside the previous paragraph ("A1.2The provider"):
  the space after it was lost, so two paragraphs were read as one;
* a measure in the index table that is not in the body;
* a measure heading taken for page furniture (a running header) and so not read;
* an embedded font whose program will not decode, or whose width table disagrees with the font it
  describes (``font_check``): glyphs land in the wrong places, so spaces, hyphens and notes move.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from .models import Measure, ParseWarning

DAMAGE = "damage"
_LIBRARY_LOGGERS = ("pdfminer", "pdfplumber", "pypdfium2")

# A library used as a library must not print: without a handler of its own, Python's last-resort
# handler writes pdfminer's warnings to stderr, breaking the one-line promise of the CLI.
for _name in _LIBRARY_LOGGERS:
    logging.getLogger(_name).addHandler(logging.NullHandler())

# what a log line says happened, in the reader's words; first match wins
_KINDS = [
    (re.compile(r"decompress|decode|zlib|lzw|ascii85|flate", re.I),
     "{n} compressed stream(s) could not be fully decompressed{pages}: text may be missing"),
    (re.compile(r"xref|not adding object|trailer|startxref", re.I),
     "{n} object(s) could not be located in the file's cross-reference table{pages}: parts may be missing"),
    (re.compile(r"font|cmap|glyph|unicode", re.I),
     "{n} font(s) could not be read{pages}: characters may be wrong or missing"),
    (re.compile(r"^page has no content stream"),
     "{n} page(s) have no content at all{pages} (no /Contents): unless blank by design, their text is missing"),
    (re.compile(r".", re.S),
     "{n} drawing or text instruction(s) could not be read{pages}: text may be missing"),
]


@dataclass
class Captured:
    """Library log lines seen while one document was read: (page being read or None, message)."""

    records: list[tuple[int | None, str]] = field(default_factory=list)
    unreadable: list[tuple[int, str]] = field(default_factory=list)  # (page, why) of pages not read at all
    missing_pages: tuple[int, int] | None = None  # (declared, found) when the page tree lost pages
    fonts: dict[str, list[int]] = field(default_factory=dict)  # why a font is damaged -> pages using it

    def warnings(self) -> list[ParseWarning]:
        """One damage warning per kind of complaint, with its count and pages."""
        grouped: dict[int, list[int | None]] = {}
        for page, message in self.records:
            kind = next(i for i, (rx, _) in enumerate(_KINDS) if rx.search(message))
            grouped.setdefault(kind, []).append(page)
        out = []
        if self.missing_pages:
            declared, found = self.missing_pages
            out.append(ParseWarning(f"damaged PDF: the document declares {declared} pages but only {found} could be "
                                    "found: the text of the missing ones is missing", severity=DAMAGE))
        if self.unreadable:
            pages = [p for p, _ in self.unreadable]
            shown = ", ".join(map(str, pages[:10])) + (", ..." if len(pages) > 10 else "")
            out.append(ParseWarning(f"damaged PDF: {len(pages)} page(s) could not be read at all (page"
                                    f"{'s' if len(pages) > 1 else ''} {shown}; {self.unreadable[0][1]}): "
                                    "their text is missing", pages[0], severity=DAMAGE))
        if self.fonts:
            out.append(_font_warning(self.fonts))
        for kind in sorted(grouped):
            pages = sorted({p for p in grouped[kind] if p})
            where = ""
            if pages:
                shown = ", ".join(map(str, pages[:10])) + (", ..." if len(pages) > 10 else "")
                where = f" (page{'s' if len(pages) > 1 else ''} {shown})"
            message = "damaged PDF: " + _KINDS[kind][1].format(n=len(grouped[kind]), pages=where)
            out.append(ParseWarning(message, pages[0] if len(pages) == 1 else None, severity=DAMAGE))
        return out


def _pages(pages: list[int]) -> str:
    shown = ", ".join(map(str, pages[:10])) + (", ..." if len(pages) > 10 else "")
    return f"page{'s' if len(pages) > 1 else ''} {shown}"


def _font_warning(fonts: dict[str, list[int]]) -> ParseWarning:
    """One warning for every damaged font, naming the first and the pages that use any of them."""
    pages = sorted({p for used in fonts.values() for p in used})
    first = next(iter(fonts))
    more = f"; and {len(fonts) - 1} more font(s)" if len(fonts) > 1 else ""
    return ParseWarning(f"damaged PDF: {first}{more} ({_pages(pages)}): text set in a damaged font may be placed "
                        "wrongly, so words may be joined or split, hyphens lost or added, and notes read into "
                        "the paragraph above them",
                        pages[0] if len(pages) == 1 else None, severity=DAMAGE)


_CAPTURED: ContextVar[Captured | None] = ContextVar("analyser_captured", default=None)


def stream_damaged(page_no: int | None, why: str) -> None:
    """A compressed stream that will not inflate (pdfminer then reads it as empty, without a word)."""
    captured = _CAPTURED.get()
    if captured is not None:
        captured.records.append((page_no, f"stream could not be decompressed ({why})"))


def page_without_content(page_no: int) -> None:
    """A page with no /Contents: blank by design, or a damaged page dictionary that lost its text."""
    captured = _CAPTURED.get()
    if captured is not None:
        captured.records.append((page_no, "page has no content stream"))


def font_damaged(page_no: int, why: str) -> None:
    """A font used on ``page_no`` whose program or widths are damaged (``font_check``)."""
    captured = _CAPTURED.get()
    if captured is not None:
        used = captured.fonts.setdefault(why, [])
        if page_no not in used:
            used.append(page_no)


def pages_missing(declared: int, found: int) -> None:
    """The page tree declares more pages than could be found in it (a damaged page object)."""
    captured = _CAPTURED.get()
    if captured is not None:
        captured.missing_pages = (declared, found)


def page_unreadable(page_no: int, err: Exception) -> None:
    """The reader could not lay out a page at all: recorded as damage on that page."""
    captured = _CAPTURED.get()
    if captured is not None:
        captured.unreadable.append((page_no, type(err).__name__))  # its text may be binary garbage


class _Collector(logging.Handler):
    def __init__(self, captured: Captured, page_of) -> None:
        super().__init__(logging.WARNING)
        self.captured = captured
        self.page_of = page_of

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # a library's malformed log call must not end the analysis
            message = str(record.msg)
        self.captured.records.append((self.page_of(), message))


@contextmanager
def capture_library_logs() -> Iterator[Captured]:
    """Collect the PDF libraries' warnings instead of letting them reach stderr."""
    from .budgets import pages_read

    captured = Captured()
    handler = _Collector(captured, lambda: pages_read() + 1 if pages_read() else None)
    loggers = [logging.getLogger(n) for n in _LIBRARY_LOGGERS]
    saved = [(lg.propagate, lg.level) for lg in loggers]
    token = _CAPTURED.set(captured)
    for lg in loggers:
        lg.addHandler(handler)
        lg.propagate = False
        if lg.level == logging.NOTSET or lg.level > logging.WARNING:
            lg.setLevel(logging.WARNING)
    try:
        yield captured
    finally:
        _CAPTURED.reset(token)
        for lg, (propagate, level) in zip(loggers, saved):
            lg.removeHandler(handler)
            lg.propagate = propagate
            lg.setLevel(level)


# ---------------------------------------------------------------------------------------------
# structure

_NUMBERED = re.compile(r"^(?P<prefix>.*?)(?P<n>\d+)(?P<suffix>[A-Za-z]?)$")


def measure_checks(measures: list[Measure], index_ids: set[str]) -> list[ParseWarning]:
    """Every sign of damage that the measures read show by themselves."""
    return (_sequence_gaps(measures, index_ids) + garbled_text(measures) + empty_measures(measures)
            + merged_paragraphs(measures))



def _sequence_gaps(measures: list[Measure], index_ids: set[str]) -> list[ParseWarning]:
    """A warning for each run of missing numbers inside a measure sequence (C2 then C4).

    A number the code's own index also skips is a gap in the code, not a loss (a measure removed
    in a later edition); one the index lists is reported by the index reconciliation instead.
    So only codes without an index table, or gaps the index does not cover, are reported here.
    """
    out = []
    last: dict[str, tuple[int, Measure]] = {}
    known = {m.number for m in measures}
    for m in measures:
        mm = _NUMBERED.match(m.number or "")
        if not mm:
            continue
        prefix, n = mm.group("prefix"), int(mm.group("n"))
        prev = last.get(prefix)
        if prev is not None and prev[0] + 1 < n <= prev[0] + 50:
            missing = [f"{prefix}{k}" for k in range(prev[0] + 1, n) if f"{prefix}{k}" not in known]
            if missing and not index_ids:
                span = missing[0] if len(missing) == 1 else f"{missing[0]} to {missing[-1]}"
                out.append(ParseWarning(
                    f"measure sequence jumps from {prev[1].id} to {m.id}: {span} not found (lost in reading, "
                    "or not in this code)", m.page_start, m.id, severity=DAMAGE))
        if prev is None or n > prev[0]:
            last[prefix] = (n, m)
    return out


# Characters that no text layer shows: C0 control codes other than tab and line breaks, DEL, and
# U+FFFD, the mark a decoder leaves for a code it could not map. A font or ToUnicode map hit by
# damage hands out glyph codes instead of letters ('$\x14\x11\x14' for 'A1.1') or a stray code
# inside a word, and neither PDF library logs anything; none of the 32 fixtures or the sample
# codes has one.
_GARBLED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")


def garbled_text(measures: list[Measure]) -> list[ParseWarning]:
    """One warning naming the measures whose title or text holds characters no font shows."""
    hit: list[tuple[Measure, int]] = []
    for m in measures:
        pages = [p.page for p in m.paragraphs if _GARBLED.search(p.text)]
        if pages or _GARBLED.search(m.title or "") or _GARBLED.search(m.application or ""):
            hit.append((m, pages[0] if pages else m.page_start))
    if not hit:
        return []
    names = ", ".join(m.id for m, _ in hit[:10]) + (", ..." if len(hit) > 10 else "")
    pages = sorted({page for _, page in hit})
    return [ParseWarning(f"damaged PDF: the text of {len(hit)} measure(s) ({names}) holds characters no font "
                         "shows (control codes): a font or its character map is damaged, so words may be wrong",
                         pages[0] if len(pages) == 1 else None, hit[0][0].id if len(hit) == 1 else None,
                         severity=DAMAGE)]


def empty_measures(measures: list[Measure]) -> list[ParseWarning]:
    """Damage when two or more measures have no numbered paragraph.

    One empty measure stays routine (the builder says so for that measure); several mean body text
    was not read. No fixture, sample or the GPAI chapter has even one.
    """
    empty = [m for m in measures if not m.paragraphs]
    if len(empty) < 2:
        return []
    names = ", ".join(m.id for m in empty[:10]) + (", ..." if len(empty) > 10 else "")
    return [ParseWarning(f"{len(empty)} of {len(measures)} measures have no numbered paragraph ({names}): their "
                         "text was not read (a damaged font or character map, or a layout this profile does not "
                         "fit)", empty[0].page_start, severity=DAMAGE)]


_PARA_NUMBER = re.compile(r"^(?P<stem>.*?)(?P<k>\d+)$")


def merged_paragraphs(measures: list[Measure]) -> list[ParseWarning]:
    """One warning naming the paragraphs whose text holds the next paragraph's number glued to a
    capital letter ("A1.1 ... A1.2The provider ..."): a cross-reference is followed by a space or a
    stop, never by the start of a sentence, so this is a number whose space was lost."""
    merged: list[tuple[str, int]] = []
    for m in measures:
        for p in m.paragraphs:
            mm = _PARA_NUMBER.match(p.number or "")
            if not mm:
                continue
            following = f"{mm.group('stem')}{int(mm.group('k')) + 1}"
            if re.search(rf"(?<![\w.]){re.escape(following)}(?=[A-Z])", p.text):
                merged.append((p.number, p.page))
    if not merged:
        return []
    names = ", ".join(n for n, _ in merged[:10]) + (", ..." if len(merged) > 10 else "")
    return [ParseWarning(f"damaged PDF: {len(merged)} paragraph(s) ({names}) hold the next paragraph's number "
                         "glued to its first word: the two were read as one (the space after a number was lost)",
                         merged[0][1], severity=DAMAGE)]


def headings_in_furniture(removed_texts: list[tuple[int, str]], heading: re.Pattern, make_id,
                          found: set[str]) -> list[ParseWarning]:
    """Measure headings among the lines removed as headers or footers whose measure was not read."""
    out = []
    seen: set[str] = set()
    for page, text in removed_texts:
        mm = heading.match(text)
        if not mm:
            continue
        try:
            mid = make_id(mm.groupdict())
        except Exception:  # a profile's bad template is the profile loader's to report
            continue
        if mid in found or mid in seen:
            continue
        seen.add(mid)
        out.append(ParseWarning(f"a measure heading ({text.strip()[:80]!r}) was taken for a page header or "
                                f"footer and {mid} was not read", page, mid, severity=DAMAGE))
    return out


def rank(warnings: list[ParseWarning]) -> list[ParseWarning]:
    """Damage first, then routine warnings, each group in its original order."""
    return sorted(warnings, key=lambda w: w.severity != DAMAGE)


def count(warnings: list[ParseWarning]) -> int:
    return sum(1 for w in warnings if w.severity == DAMAGE)
