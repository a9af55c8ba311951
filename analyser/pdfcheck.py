"""Cheap checks that a file is a readable PDF, before any real parsing.

Every failure is an ``AnalyserError`` subclass whose message is one line naming the file and the
cause, so that the CLI prints it and exits 2 and the app shows it, never a traceback. Scanned
PDFs (no text layer) and PDFs in no known layout can only be told by reading them, so
``extract.extract_code`` raises those two.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import (
    EmptyFileError,
    EncryptedPDFError,
    FileTooLargeError,
    NotAPDFError,
    TruncatedPDFError,
)

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def check_pdf(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> int:
    """Raise a clear error if ``path`` is not a readable PDF; return its page count.

    Encryption is only an error when the document cannot be opened without a password: many
    published PDFs are encrypted merely to restrict printing or copying, and read fine.
    """
    path = Path(path)
    if not path.is_file():
        raise NotAPDFError(path, "file not found")
    size = os.path.getsize(path)
    if size == 0:
        raise EmptyFileError(path, "the file is empty (0 bytes)")
    if size > max_bytes:
        raise FileTooLargeError(path, f"the file is too large ({_mb(size)}; the limit is {_mb(max_bytes)})")
    with open(path, "rb") as fh:
        head = fh.read(1024)
        fh.seek(max(0, size - 2048))
        tail = fh.read()
    if b"%PDF-" not in head:
        raise NotAPDFError(path, "not a PDF file (no %PDF header)")
    if b"%%EOF" not in tail:
        raise TruncatedPDFError(path, "the PDF is truncated or damaged (no end-of-file marker)")
    return _open_check(path)


def _open_check(path: Path) -> int:
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        with open(path, "rb") as fh:
            doc = PDFDocument(PDFParser(fh))
            pages = sum(1 for _ in PDFPage.create_pages(doc))
    except PDFPasswordIncorrect:
        raise EncryptedPDFError(path, "the PDF is encrypted and needs a password to open") from None
    except PDFEncryptionError as err:
        raise EncryptedPDFError(path, f"the PDF is encrypted in a way that cannot be read ({err})") from None
    except Exception as err:  # pdfminer raises many types for damaged files
        raise TruncatedPDFError(path, f"the PDF is damaged and cannot be read ({type(err).__name__})") from None
    if pages == 0:
        raise TruncatedPDFError(path, "the PDF has no pages (damaged or truncated)")
    return pages
