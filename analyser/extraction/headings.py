"""Heading classification: which body line is a heading, of what kind (measure, chapter, end of
the measures, sub-heading inside a measure, caption), and how lines run on into each other.

Every later stage asks these questions; the answers depend only on the profile (numbering and
wording) and on layout measured once from the document itself (its body size and usual line
spacing), both set up when the classifier is made.
"""

from __future__ import annotations

import re
import statistics

from ..pdftext import Line, PdfText
from ..profiles import Profile

# a heading that starts like a measure ID of some scheme: "ICU X12", "Measure 5", "PCU C3a"
ID_LIKE = re.compile(r"^(?:[Mm]easure\s+)?(?:[A-Z]{2,5}\s+)?[A-Z]{1,2}\d{1,3}[A-Za-z]?\b(?!\.\d)|^[Mm]easure\s+\d")
# "Section 3.", "Chapter 2:", "4.1", "Section 3 –" before a heading's words
NUMBER_PREFIX = re.compile(r"^(?:section|chapter|part)?\s*\d+(?:\.\d+)*(?:[.:]|\s+[–—-])?\s+", re.I)


def in_capitals(text: str) -> bool:
    """A line typed wholly in capitals ("CHAPTER C: CONTENT MODERATION"), at least two letters."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def printed_title(text: str) -> str:
    """A chapter title as the document prints it, spaces collapsed; a title typed wholly in capitals
    (a typeface choice, like bold) in sentence case, as the same title reads in running text."""
    text = re.sub(r"\s+", " ", text).strip()
    if in_capitals(text):
        return text[:1] + text[1:].lower()
    return text


def _title_case(text: str) -> str:
    """Each word's first letter kept, the rest in lower case: the same length as ``text``, so that
    match offsets point into the line as printed."""
    return re.sub(r"[A-Za-z]+", lambda w: w.group(0)[:1] + w.group(0)[1:].lower(), text)


class LineClassifier:
    """Questions about single lines and pairs of lines, answered for one document and profile."""

    def __init__(self, profile: Profile, doc: PdfText):
        self.p = profile
        self.body = doc.body_size or 10.0
        self.body_lines = [ln for ln in doc.lines if ln.kind == "body"]
        gaps = [
            b.top - a.bottom
            for a, b in zip(self.body_lines, self.body_lines[1:])
            if a.page == b.page and abs(a.size - self.body) < 0.5 and abs(b.size - self.body) < 0.5 and b.top > a.top
        ]
        self.line_gap = statistics.median(gaps) if gaps else 0.3 * self.body

    # ------------------------------------------------------------ headings
    def heading_style(self, ln: Line, allow_table: bool = False) -> bool:
        """Heading typography: larger than the body text, or wholly bold.

        Lines inside a ruled table are not headings, except where the caller allows it: a measure
        heading may be set in a shaded one-row box, which the ruling detector also sees as a table.
        """
        if (ln.in_table and not allow_table) or ln.kind != "body":
            return False
        return ln.size >= self.body * 1.08 or (ln.bold and ln.bold_prefix >= len(ln.text) - 1)

    def heading_like(self, ln: Line, m: re.Match) -> bool:
        """A measure heading: heading type, or a run-in heading whose ID at least is set in bold."""
        if self.heading_style(ln):
            return True
        return not ln.in_table and ln.kind == "body" and ln.bold_prefix >= m.end("number")

    def measure_match(self, ln: Line) -> re.Match | None:
        return self.p.measure_heading.match(ln.text)

    def chapter_match(self, ln: Line) -> tuple[str | None, str] | None:
        """(chapter letter or None, title) for a chapter heading.

        The profile's chapter pattern decides; a profile for codes that print no chapter numbering
        may list titles in ``[chapters]`` (see ``codes/profiles/icu.toml``), and a heading equal to
        one of them is a chapter heading too.
        """
        if not self.heading_style(ln):
            return None
        if self.p.chapter_heading is not None:
            m = self.p.chapter_heading.match(ln.text)
            if m is None and in_capitals(ln.text):
                # a heading typed in capitals: the profile's pattern is written for the words
                # ("Chapter C: Content moderation"), not for the typeface
                m = self.p.chapter_heading.match(_title_case(ln.text))
                if m:
                    gd = m.groupdict()
                    # the title's words as printed (the offsets are the same), then in sentence case
                    title = ln.text[m.start("title"):m.end("title")] if gd.get("title") is not None else ""
                    return gd.get("chapter"), printed_title(title)
            if m:
                gd = m.groupdict()
                return gd.get("chapter"), (gd.get("title") or "").strip()
        if self.p.chapters:
            bare = NUMBER_PREFIX.sub("", ln.text).strip().lower()
            for letter, title in self.p.chapters.items():
                if bare == title.lower():
                    return letter, title
        return None

    def end_match(self, ln: Line) -> bool:
        return self.heading_style(ln) and any(r.search(ln.text) for r in self.p.end_headings)

    def is_caption(self, ln: Line) -> bool:
        return bool(self.p.caption and ln.size < self.body * 0.95 and self.p.caption.match(ln.text))

    def continues_heading(self, head: Line, nxt: Line, gap: float = 0.9) -> bool:
        """Whether ``nxt`` carries on the heading ``head`` (same type, close below it).

        ``gap`` is the largest space allowed, in heading sizes: a heading that printed only its
        number ("ICU A1") may have its title as a separate paragraph a little further down.
        """
        return (
            nxt.page == head.page
            and self.heading_style(nxt, allow_table=head.in_table)
            and nxt.bold == head.bold
            and abs(nxt.size - head.size) < 0.6
            and 0 <= nxt.top - head.bottom < gap * head.size
            and not self.measure_match(nxt)
            and not (self.p.paragraph_number and self.p.paragraph_number.match(nxt.text))
            and not any(r.search(nxt.text) for r in self.p.end_headings)
            and not (self.p.application_heading and self.p.application_heading.match(nxt.text.strip()))
            and not (self.p.chapter_heading and self.p.chapter_heading.match(nxt.text))
        )

    def measure_like(self, ln: Line) -> bool:
        """A line outside measures that is numbered like a measure's paragraph, or a heading
        whose text starts with a measure ID: it may be a measure the extractor did not see."""
        if self.p.paragraph_number is not None and self.p.paragraph_number.match(ln.text):
            return True
        return self.heading_style(ln) and (bool(self.measure_match(ln)) or bool(ID_LIKE.match(ln.text)))

    def subheading(self, ln: Line, prev: Line | None = None) -> bool:
        """A heading inside a measure; ``prev`` is the measure's line before it, if any.

        A wholly bold line that carries on the sentence above it (a bold defined term wrapped onto
        a line of its own: "... of why it is" / "highly effective.") is the paragraph's text.
        """
        if not self.heading_style(ln) or (self.p.paragraph_number and self.p.paragraph_number.match(ln.text)):
            return False
        return not (prev is not None and self.carries_on(prev, ln))

    def application_heading(self, ln: Line) -> bool:
        """A sub-heading that introduces the measure's application wording ("Application")."""
        return bool(self.p.application_heading and self.p.application_heading.match(ln.text.strip()))

    # ------------------------------------------------------------ running text
    def opens_block(self, lines: list[Line], i: int) -> bool:
        """Whether line ``i`` starts a block rather than carrying on the sentence above it."""
        return i == 0 or not self.runs_on(lines[i - 1], lines[i])

    def runs_on(self, prev: Line, ln: Line) -> bool:
        """Whether body line ``prev`` carries on into ``ln``: it ends without closing punctuation,
        on the same page and at the usual line spacing (or at the foot of the page before)."""
        if prev.kind != "body" or self.heading_style(prev, allow_table=True) or prev.in_table != ln.in_table:
            return False
        if re.search(r"[.;:!?)\]”\"']$", prev.text):
            return False
        if prev.page == ln.page:
            return ln.top - prev.bottom <= self.line_gap + 0.5 * self.body
        return True

    def carries_on(self, prev: Line, ln: Line) -> bool:
        """Whether ``ln`` continues the sentence of ``prev`` and starts in lower case."""
        return ln.text[:1].islower() and self.runs_on(prev, ln)

    # ------------------------------------------------------------ sub-item labels
    def item_label(self, ln: Line) -> tuple[int, str, int] | None:
        """(level, label, length of the label text) when the line opens a sub-item."""
        for level, rx in enumerate(self.p.item_labels):
            mm = rx.match(ln.text)
            if mm and (len(ln.text) == mm.end() or ln.text[mm.end()].isspace()):
                return level, mm.group("label"), mm.end()
        return None

    def item_levels(self, text: str) -> list[int]:
        """Every label level whose pattern opens ``text`` ("(i)" is both a letter and a numeral)."""
        return [lvl for lvl, rx in enumerate(self.p.item_labels)
                if (mm := rx.match(text)) and (len(text) == mm.end() or text[mm.end()].isspace())]
