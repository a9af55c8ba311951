"""The input file, established once: that it is a readable PDF within the limits
(``pdfcheck.check_pdf``), its page count, the signs of damage the check met (a page without
content, a page tree that lost pages, streams that would not inflate) and its sha256. ``pipeline.load_code`` makes it (the
digest first, for the cache) and hands it to ``extract.extract_code``, so that neither the check
nor the hash runs twice for one analysis.

Cheap to import: no PDF library is loaded until ``check_input`` runs (``damage`` imports none).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..damage import Captured
from .digest import sha256_of

__all__ = ["CheckedInput", "check_input", "sha256_of"]


@dataclass(frozen=True)
class CheckedInput:
    """A file that passed ``check_pdf``, with what was learnt on the way."""

    path: Path
    sha256: str
    page_count: int
    # the PDF libraries' complaints and the damage seen while checking: the analysis reports them
    # among its warnings, as if they had been met while reading
    damage: Captured = field(default_factory=Captured)


def check_input(path: str | Path, sha256: str | None = None) -> CheckedInput:
    """Check ``path`` (raises the ``AnalyserError`` of ``check_pdf``) and hash it, unless the
    caller already has its ``sha256`` (the cache lookup needs the digest before the check)."""
    from ..damage import capture_library_logs
    from ..pdfcheck import check_pdf

    path = Path(path)
    with capture_library_logs() as captured:
        pages = check_pdf(path)
    return CheckedInput(path=path, sha256=sha256 or sha256_of(path), page_count=pages, damage=captured)
