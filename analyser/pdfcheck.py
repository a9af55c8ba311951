"""Cheap checks that a file is a readable PDF, before any real parsing.

Every failure is an ``AnalyserError`` subclass whose message is one line naming the file and the
cause, so that the CLI prints it and exits 2 and the app shows it, never a traceback. Scanned
PDFs (no text layer) and PDFs in no known layout can only be told by reading them, so
``extract.extract_code`` raises those two.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .errors import (
    AnalyserError,
    EmptyFileError,
    EncryptedPDFError,
    FileTooLargeError,
    NotAPDFError,
    TruncatedPDFError,
)

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def file_problem(path: Path) -> str | None:
    """Why ``path`` cannot be read as a document file, in words; ``None`` for a readable regular file.

    A directory, a FIFO or ``/dev/zero`` exists but is no document (reading a FIFO or a device
    could block or never end), and a 300-character name makes ``stat`` itself fail.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "file not found"
    except NotADirectoryError:
        return "file not found (a part of the path is a file, not a folder)"
    except PermissionError:
        return "permission denied"
    except (OSError, ValueError) as err:  # ENAMETOOLONG, ELOOP, a NUL in the name
        if getattr(err, "errno", None) == errno.ENAMETOOLONG:
            return "the file name is too long"
        return f"the path cannot be used ({getattr(err, 'strerror', None) or err})"
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if not stat.S_ISREG(mode):
        return "is not a regular file (a pipe, a device or a socket)"
    if not os.access(path, os.R_OK):
        return "permission denied"
    return None


def check_pdf(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> int:
    """Raise a clear error if ``path`` is not a readable PDF; return its page count.

    Encryption is only an error when the document cannot be opened without a password: many
    published PDFs are encrypted merely to restrict printing or copying, and read fine.
    """
    path = Path(path)
    problem = file_problem(path)
    if problem:
        raise NotAPDFError(path, problem)
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
    # damage first: importing it keeps the PDF libraries' log lines off stderr. Imported here, not at
    # the top: file_problem is all a cached open needs of this module
    from . import damage  # noqa: F401
    from .budgets import check_content

    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser

    try:
        with open(path, "rb") as fh:
            doc = PDFDocument(PDFParser(fh))
            # counts the pages and refuses a decompression bomb before any glyph is laid out
            pages = check_content(path, doc)
    except AnalyserError:
        raise
    except PDFPasswordIncorrect:
        raise EncryptedPDFError(path, "the PDF is encrypted and needs a password to open") from None
    except PDFEncryptionError as err:
        raise EncryptedPDFError(path, f"the PDF is encrypted in a way that cannot be read ({err})") from None
    except Exception as err:  # pdfminer raises many types for damaged files
        raise TruncatedPDFError(path, f"the PDF is damaged and cannot be read ({type(err).__name__})") from None
    if pages == 0:
        raise TruncatedPDFError(path, "the PDF has no pages (damaged or truncated)")
    return pages
