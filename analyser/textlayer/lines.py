"""The text layer's data: ``Line`` (one printed line after clean-up), ``PdfText`` (a document's
lines and what was learnt about its layout), the raw character rows lines are built from, and the
character tables shared by the reading steps (ligatures, hyphen code points)."""

from __future__ import annotations

from dataclasses import dataclass, field

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
class RawLine:
    chars: list[tuple]  # (text, x0, x1, top, bottom, size, font)
    top: float
    bottom: float
