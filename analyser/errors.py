"""Exceptions the package raises for bad input.

Each carries the file name and a cause in plain words, so that the CLI can print one line and
exit 2, and the app can show a message instead of a traceback.
"""

from __future__ import annotations

from pathlib import Path


class AnalyserError(Exception):
    """Base class: ``str(err)`` is one line naming the file and the cause."""

    def __init__(self, path: str | Path | None, cause: str):
        self.path = str(path) if path is not None else None
        self.cause = cause
        # "/" and "." have no name: show them as given rather than an empty name
        name = (Path(self.path).name or self.path) if self.path else "input"
        super().__init__(f"{name}: {cause}")

    def __reduce__(self):
        # rebuilt from (path, cause), not from the one-line message: the CLI's cold analysis reads the PDF
        # in a forked process (analyser.overlap) and hands a bad input's error back by pickle
        return (type(self), (self.path, self.cause))


class NotAPDFError(AnalyserError):
    pass


class EmptyFileError(AnalyserError):
    pass


class EncryptedPDFError(AnalyserError):
    pass


class TruncatedPDFError(AnalyserError):
    pass


class NoTextLayerError(AnalyserError):
    pass


class FileTooLargeError(AnalyserError):
    pass


class UnknownLayoutError(AnalyserError):
    pass


class ProfileError(AnalyserError):
    pass


class ServiceProfileError(AnalyserError):
    """An invalid service profile (negative users, unknown harm or feature, ...)."""


class FetchError(AnalyserError):
    pass


class LexiconError(AnalyserError):
    """A user lexicon file that cannot be read or has an invalid entry."""


class BudgetError(AnalyserError):
    """A document that would cost more pages, characters or seconds than the budget allows."""


class OutputError(AnalyserError):
    """A result that cannot be written where the user asked (missing folder, a directory, a full disk)."""
