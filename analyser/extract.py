"""Structure of a code: measures, paragraphs, sub-items, footnotes, cross-references.

``extract_code`` reads the cleaned lines from ``pdftext`` and walks them once, using the profile
for everything that is numbering or wording (measure heading pattern, paragraph numbers,
sub-item labels, application phrase, cross-reference patterns) and layout signals relative to
the document itself for the rest (a heading is larger or wholly bold compared with the body
text; paragraphs without numbers are separated by extra vertical space; sub-item nesting follows
indentation). It does not fill qualifiers or applicability: later passes do
(``pipeline.load_code`` chains them).

Where it is unsure it says so rather than guess in silence: a ``ParseWarning`` with the page for a
paragraph number skipped or out of sequence (the line is kept as text of the paragraph above), a
heading-like line that no measure pattern of the profile matches, numbered or measure-like text
outside any measure before the annexes, unnumbered text inside a measure that is not read, an index
row whose ID cell it cannot parse, and a plain-type measure heading among styled ones. Each pass is
linear in the number of lines (a 120-page code is read in one walk; see bench/bench_extract.py).

This module opens the file, reads its text layer (``pdftext``), picks the profile and runs the
stages of ``analyser.extraction`` in order (``_build_structure``); each stage is a module there.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from . import __version__, budgets, damage
from .errors import AnalyserError, NoTextLayerError, TruncatedPDFError, UnknownLayoutError
from .extraction.checked_input import CheckedInput, check_input
from .extraction.document import front_text, is_sample, reconcile, subtitle_of, title_of, version_of
from .extraction.footnotes import link_footnotes
from .extraction.headings import LineClassifier
from .extraction.measures import segment_measures
from .extraction.paragraphs import ParagraphLayout, ParagraphReader
from .extraction.report import Warnings
from .models import Code, CodeInfo, Measure, ParseWarning
from .pdftext import PdfText, open_fast, read_pdf
from .profiles import Profile, detect_profile, load_profile

__all__ = ["Progress", "extract_code", "reconcile"]

Progress = Callable[[float, str], None]


def _build_structure(profile: Profile, doc: PdfText) -> tuple[list[Measure], Warnings]:
    """The measures of ``doc``, stage by stage (see ``analyser.extraction``), and the warnings raised."""
    warnings = Warnings()
    classes = LineClassifier(profile, doc)  # heading classification, measured on this document
    seg = segment_measures(classes, warnings)  # measure segmentation: headings, chapters, content lines
    # paragraph grouping (sub-items and cross-references inside it), with layout evidence taken over
    # every measure before any paragraph is read
    reader = ParagraphReader(classes, ParagraphLayout.measure(classes, seg.drafts), warnings)
    seen: dict[str, tuple[int, Measure]] = {}
    for d in seg.drafts:
        reader.read(d)
        m = d.measure
        if m.id in seen:
            first_page, first = seen[m.id]
            message = f"measure {m.id} appears twice (pages {first_page} and {m.page_start})"
            warnings.warn(message, m.page_start, m)
            first.warnings.append(message)  # both copies say so
        seen.setdefault(m.id, (m.page_start, m))
    measures = [d.measure for d in seg.drafts]
    link_footnotes([ln for ln in doc.lines if ln.kind == "footnote"], seg.heading_citations + reader.citations,
                   measures, warnings)
    return measures, warnings


def extract_code(path: str | Path | CheckedInput, profile: str | Path | Profile | None = None,
                 progress: Progress | None = None, reader: str | None = None) -> Code:
    """Extract the structure of the code of practice at ``path``.

    ``path`` may be a ``CheckedInput`` (``extraction.checked_input.check_input``): then the file is
    neither checked nor hashed again; a plain path is checked and hashed here.

    ``reader``: where characters come from, "pdfium" or "pdfplumber" (``pdftext.READERS``); default
    ``pdftext.default_reader()``. The index table is read with pdfplumber either way.

    Raises ``AnalyserError`` subclasses for bad input: see ``pdfcheck.check_pdf``, plus
    ``NoTextLayerError`` for scans and ``UnknownLayoutError`` when no profile fits; and
    ``BudgetError`` for a document over the pages, characters or seconds of ``budgets.current()``.
    Signs of damage (see ``damage``) come first among ``Code.warnings``.
    """
    checked = path if isinstance(path, CheckedInput) else check_input(path)
    path = checked.path
    # the budget's clock and character count, and the PDF libraries' log lines, cover the whole read
    with budgets.reading(path), damage.capture_library_logs() as captured:
        # what the check saw comes first, as it was met first
        captured.records.extend(checked.damage.records)
        captured.unreadable.extend(checked.damage.unreadable)
        captured.missing_pages = checked.damage.missing_pages
        captured.fonts.update(checked.damage.fonts)
        code, doc, prof = _extract(checked, profile, progress, reader)
    found = {m.id for m in code.measures}
    index_ids = {i for row in code.index for i in row.ids}
    code.warnings = damage.rank(
        captured.warnings()
        + damage.measure_checks(code.measures, index_ids)
        + damage.headings_in_furniture([(ln.page, ln.text) for ln in doc.removed], prof.measure_heading,
                                       prof.make_id, found)
        + code.warnings)
    return code


def _extract(checked: CheckedInput, profile: str | Path | Profile | None, progress: Progress | None,
             reader: str | None = None) -> tuple[Code, PdfText, Profile]:
    import pdfplumber

    path, sha = checked.path, checked.sha256
    read_progress = (lambda f, msg: progress(0.7 * f, msg)) if progress else None
    try:
        pdf = pdfplumber.open(str(path))
    except Exception as err:
        raise TruncatedPDFError(path, f"the PDF cannot be read ({type(err).__name__})") from None
    try:
        fast = open_fast(path, reader)
    except ValueError:
        _close_quietly(pdf)
        raise  # an unknown reader name: the caller's mistake, not the PDF's
    except Exception:
        fast = None  # PDFium refuses a file pdfminer opened: let the reference reader decide
    try:
        return _extract_open(path, pdf, sha, profile, progress, read_progress, fast)
    finally:
        if fast is not None:
            _close_quietly(fast)
        _close_quietly(pdf)


def _close_quietly(handle) -> None:
    try:
        handle.close()
    except Exception:  # a damaged page (a bad MediaBox) raises again on close: keep the first error
        pass


def _extract_open(path: Path, pdf, sha: str, profile: str | Path | Profile | None, progress: Progress | None,
                  read_progress: Progress | None, fast=None) -> tuple[Code, PdfText, Profile]:
    from .index_table import read_index

    try:
        metadata = dict(pdf.metadata or {})
        doc = read_pdf(pdf, read_progress, fast)
    except AnalyserError:
        raise
    except Exception as err:
        raise TruncatedPDFError(path, f"the PDF is damaged and cannot be read ({type(err).__name__})") from None
    visible = sum(len(ln.text.strip()) for ln in doc.lines) + sum(len(ln.text) for ln in doc.removed)
    if visible < 50:
        cause = "no text layer (a scanned or image-only PDF); run OCR first" if doc.image_pages else "the PDF contains no text"
        raise NoTextLayerError(path, cause)
    if isinstance(profile, Profile):
        prof = profile
    elif profile:
        prof = load_profile(profile)
    else:
        text = "\n".join(ln.text for ln in doc.lines)
        head = re.sub(r"\s+", " ", front_text(doc)).lower()
        prof = detect_profile(text, head)
        if prof is None:
            raise UnknownLayoutError(
                path, "no known code layout (no profile matches its measure numbering); use --profile NAME|PATH"
            )
    measures, warnings = _build_structure(prof, doc)
    if not measures:
        raise UnknownLayoutError(path, f"no measures found with the {prof.name!r} profile's heading pattern")
    if progress:
        progress(0.75, "Reading the index table")
    index = []
    if prof.index_title is not None:
        try:
            index = read_index(pdf, prof, doc.lines, lambda msg, page: warnings.warn(msg, page), fast=fast)
        except AnalyserError:
            raise
        except Exception as err:  # a table the extractor cannot read is a warning, not a failure
            warnings.warn(f"index table could not be read ({type(err).__name__}: {err})", None)
        if not index:
            warnings.warn("no index table of measures found", None)
    front = front_text(doc)
    info = CodeInfo(
        title=title_of(doc, prof),
        publisher=prof.publisher,
        family=prof.family,
        short_name=prof.short_name,
        kind=prof.kind,
        version=version_of(front, prof),
        source_file=path.name,
        sha256=sha,
        page_count=doc.page_count,
        profile=prof.name,
        sample=is_sample(doc, prof, metadata),
        analyser_version=__version__,
        services=dict(prof.services),
        subtitle=subtitle_of(doc),
    )
    code = Code(info=info, measures=measures, index=index, warnings=warnings.items)
    reconcile(code)
    for mid in code.reconciliation.missing_from_body:
        code.warnings.append(ParseWarning(f"{mid} is in the index table but not found in the body",
                                          severity=damage.DAMAGE))
    for mid in code.reconciliation.missing_from_index:
        m = code.measure(mid)
        code.warnings.append(ParseWarning(f"{mid} is in the body but not in the index table", m.page_start if m else None, mid))
    if progress:
        progress(0.8, "Structure extracted")
    return code, doc, prof
