"""Facts about the whole document rather than its measures: its title and edition as printed on
the front pages, whether it calls itself a sample, and how its index table of measures agrees with
the measures found in the body."""

from __future__ import annotations

import re

from ..models import Code, Reconciliation
from ..pdftext import PdfText, join_text
from ..profiles import Profile

_DATE_RE = re.compile(
    r"\b(\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4})\b"
)
_VERSION_RE = re.compile(r"\b(?:version|edition)\s+(\d+(?:\.\d+)*)\b", re.I)


def front_text(doc: PdfText, pages: int = 3) -> str:
    """Text of the front pages, running headers included; lines joined as in paragraphs so that a
    title broken over two lines ("user-to-" / "user services") reads whole."""
    lines = [ln for ln in doc.lines if ln.page <= pages] + [ln for ln in doc.removed if ln.page <= pages]
    return "\n".join(ln.text for ln in lines) + "\n" + join_text(lines)[0]


def is_sample(doc: PdfText, profile: Profile, metadata: dict) -> bool:
    """A document that says of itself that it is a sample: on its title page, in its running
    headers or footers, or in its PDF metadata. Not anywhere in the text: a real code may well
    speak of "a sample of content"."""
    if profile.sample_phrase is None:
        return False
    first = min((ln.page for ln in doc.lines), default=1)
    where = [ln.text for ln in doc.lines if ln.page == first] + [ln.text for ln in doc.removed if not ln.text.isdigit()]
    where += [str(metadata.get(k, "")) for k in ("Title", "Subject", "Keywords")]
    return any(profile.sample_phrase.search(t) for t in where)


def _title_page(doc: PdfText) -> tuple[list, float] | None:
    """The body lines of the first page and their biggest size, when that size stands above body text (a title page);
    None otherwise. Shared by ``title_of`` and ``subtitle_of``."""
    page = doc.lines[0].page if doc.lines else 1  # lines are in page order
    first = [ln for ln in doc.lines if ln.page == page and ln.kind == "body"]
    if not first:
        return None
    biggest = max(ln.size for ln in first)
    if biggest < doc.body_size * 1.15:
        return None
    return first, biggest


def title_of(doc: PdfText, profile: Profile) -> str:
    found = _title_page(doc)
    if found is None:
        return profile.title
    first, biggest = found
    parts = [ln for ln in first if ln.size >= biggest - 0.5]
    return re.sub(r"\s+", " ", join_text(parts)[0]).strip() or profile.title


def subtitle_of(doc: PdfText) -> str:
    """The line or lines under the title page's title in the next size down ("Safety and Security Chapter" under the
    GPAI code's title): a document that is one chapter or one code of a larger whole often says which only there.
    Empty when the title page has no such line, or when the next size is body text."""
    found = _title_page(doc)
    if found is None:
        return ""
    first, biggest = found
    # skip the title's lines, then take the run of lines just under it that share one size above body text
    run: list = []
    started = False
    for ln in first:
        if ln.size >= biggest - 0.5:
            if run:
                break
            started = True
            continue
        if not started:
            continue
        if ln.size < doc.body_size * 1.25 or (run and abs(ln.size - run[0].size) > 0.5):
            break
        run.append(ln)
    return re.sub(r"\s+", " ", join_text(run)[0]).strip() if run else ""


def version_of(front: str, profile: Profile) -> str | None:
    """The edition as printed on the front pages: the profile's pattern, else a version line, else a date."""
    if profile.version is not None:
        m = profile.version.search(front)
        if m:
            return m.group(1)
    for rx in (_VERSION_RE, _DATE_RE):
        for line in front.split("\n"):
            if rx.search(line) and len(line) <= 120:
                return line.strip()
    return None


def reconcile(code: Code) -> None:
    """Compare the measures of the index table with those of the body (``Code.reconciliation``)."""
    if not code.index:
        code.reconciliation = Reconciliation()
        return
    in_index: list[str] = []
    for row in code.index:
        for i in row.ids:
            if i not in in_index:
                in_index.append(i)
    body = [m.id for m in code.measures]
    code.reconciliation = Reconciliation(
        missing_from_body=[i for i in in_index if i not in body],
        missing_from_index=[i for i in body if i not in in_index],
    )
