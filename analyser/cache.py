"""The analysis cache: a finished ``Code`` kept by the PDF's sha256 and the analyser version.

Analysing a code takes seconds; opening it again must be instant, for the CLI and the app alike.
Results live in one SQLite file in ``cache_dir()`` as zlib-compressed ``Code.to_dict()`` JSON,
keyed by (sha256, analyser version, extra), where ``extra`` carries whatever else changes the
result (profile, lexicon). A new analyser version therefore never sees an old result.

A cache must never be the reason the analyser fails: a corrupt or unreadable file is deleted
and recreated, a damaged row is dropped, a locked database is skipped, and every failure here
degrades to a cache miss. WAL mode lets the app's threads and several processes read at once.
"""

from __future__ import annotations

import json
import sqlite3
import time
import zlib
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

from . import paths

if TYPE_CHECKING:  # imported on use: a cached extract --format json never builds a Code
    from .models import Code


class _Log:
    """``logging.getLogger(__name__)``, imported on the first warning: a cached open logs nothing, and
    importing ``logging`` (threading, traceback, string) was a tenth of it."""

    def warning(self, *args) -> None:
        import logging

        logging.getLogger(__name__).warning(*args)


log = _Log()

FILENAME = "analysis.sqlite"
SCHEMA_VERSION = 1  # PRAGMA user_version; a file with another value is rebuilt
_BUSY_TIMEOUT = 5.0
_SCHEMA = """
CREATE TABLE IF NOT EXISTS analysis (
    sha256   TEXT NOT NULL,
    version  TEXT NOT NULL,
    extra    TEXT NOT NULL,
    created  REAL NOT NULL,
    data     BLOB NOT NULL,
    PRIMARY KEY (sha256, version, extra)
)
"""


def db_path() -> Path:
    """The cache file; read on every call so that tests and the CLI can redirect ``cache_dir()``."""
    return paths.cache_dir() / FILENAME


def get(sha256: str, version: str, extra: str = "") -> Code | None:
    """The cached analysis, or ``None`` on a miss or on any trouble with the cache."""
    from .models import Code

    data = get_dict(sha256, version, extra)
    if data is None:
        return None
    try:
        return Code.from_dict(data)
    except (ValueError, TypeError, KeyError, AttributeError) as err:
        # A row written by a model it no longer fits: forget it.
        log.warning("dropping unreadable cache entry %s: %s", sha256[:12], err)
        _delete(sha256, version, extra)
        return None


def get_dict(sha256: str, version: str, extra: str = "") -> dict | None:
    """The cached analysis as ``Code.to_dict()`` gave it, or ``None`` (a miss, any trouble)."""
    text = get_text(sha256, version, extra)
    if text is None:
        return None
    try:
        data = json.loads(text)
        if not (isinstance(data, dict) and isinstance(data.get("code"), dict) and "measures" in data):
            raise ValueError("not an analysis")
        return data
    except ValueError as err:
        # A row written by a broken run: forget it.
        log.warning("dropping unreadable cache entry %s: %s", sha256[:12], err)
        _delete(sha256, version, extra)
        return None


def get_text(sha256: str, version: str, extra: str = "") -> str | None:
    """The cached analysis as the JSON text ``put`` stored (``plain.dumps_readable`` of
    ``Code.to_dict()``), or ``None`` (a miss, any trouble). Why not always a ``Code``: rebuilding the
    dataclasses and encoding them again was most of a cached open of a long code."""
    try:
        with closing(_connect()) as conn:
            row = conn.execute(
                "SELECT data FROM analysis WHERE sha256 = ? AND version = ? AND extra = ?",
                (sha256, version, extra),
            ).fetchone()
    except sqlite3.DatabaseError as err:
        _recover(err)
        return None
    except OSError as err:  # the cache folder itself cannot be made or read
        log.warning("analysis cache unavailable: %s", err)
        return None
    if row is None:
        return None
    try:
        return zlib.decompress(row[0]).decode("utf-8")
    except (zlib.error, ValueError) as err:
        # A row written by a broken run: forget it.
        log.warning("dropping unreadable cache entry %s: %s", sha256[:12], err)
        _delete(sha256, version, extra)
        return None


def put(sha256: str, version: str, extra: str, code: Code, text: str | None = None) -> None:
    """Store ``code``; rows for the same document and key made by other versions are removed,
    since no install can read them any more (each version only asks for its own).

    Stored as the text ``extract --format json`` prints (``plain.dumps_readable``), so that a cached
    open of that command writes it out as it is (``get_text``): parsing and re-encoding 6 MB of JSON
    was 0.3 s of a cached open at 879 pages. ``text``: that text, when the caller has it already (a
    cold ``extract --format json`` prints it: encoding an 879-page code costs 0.4 s)."""
    if text is None:
        from .plain import dumps_readable

        text = dumps_readable(code.to_dict())
    blob = zlib.compress(text.encode("utf-8"), 6)
    for attempt in (1, 2):
        try:
            with closing(_connect()) as conn, conn:
                conn.execute(
                    "DELETE FROM analysis WHERE sha256 = ? AND extra = ? AND version <> ?",
                    (sha256, extra, version),
                )
                conn.execute(
                    "INSERT OR REPLACE INTO analysis (sha256, version, extra, created, data)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (sha256, version, extra, time.time(), blob),
                )
            return
        except sqlite3.OperationalError as err:
            if not _is_corruption(err):
                log.warning("analysis cache not written: %s", err)  # locked, read-only, disk full
                return
            _recover(err)
        except sqlite3.DatabaseError as err:
            _recover(err)
        except OSError as err:
            log.warning("analysis cache not written: %s", err)
            return
        if attempt == 2:
            log.warning("analysis cache not written after recreating it")


def clear() -> int:
    """Remove every cached analysis; returns how many there were (0 if the file was unusable)."""
    try:
        with closing(_connect()) as conn, conn:
            return conn.execute("DELETE FROM analysis").rowcount
    except sqlite3.DatabaseError as err:
        _recover(err)
        return 0
    except OSError as err:
        log.warning("analysis cache unavailable: %s", err)
        return 0


def _connect() -> sqlite3.Connection:
    path = db_path()
    conn = sqlite3.connect(path, timeout=_BUSY_TIMEOUT)
    try:
        # The header is read by the first statement: a file that is not SQLite fails here.
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        if user_version != SCHEMA_VERSION:
            if user_version != 0:
                conn.close()
                _remove_files(path)
                conn = sqlite3.connect(path, timeout=_BUSY_TIMEOUT)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(_SCHEMA)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.commit()
        conn.execute("PRAGMA synchronous=NORMAL")
    except BaseException:
        conn.close()
        raise
    return conn


def _is_corruption(err: sqlite3.Error) -> bool:
    text = str(err).lower()
    return "not a database" in text or "malformed" in text or "no such table" in text


def _recover(err: sqlite3.Error) -> None:
    """Delete a cache file SQLite cannot use; the next call starts a fresh one."""
    if isinstance(err, sqlite3.OperationalError) and not _is_corruption(err):
        log.warning("analysis cache unavailable: %s", err)
        return
    log.warning("analysis cache %s is unusable (%s); recreating it", db_path(), err)
    _remove_files(db_path())


def _remove_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        except OSError as err:
            log.warning("could not remove %s%s: %s", path, suffix, err)


def _delete(sha256: str, version: str, extra: str) -> None:
    try:
        with closing(_connect()) as conn, conn:
            conn.execute(
                "DELETE FROM analysis WHERE sha256 = ? AND version = ? AND extra = ?",
                (sha256, version, extra),
            )
    except sqlite3.DatabaseError as err:
        _recover(err)
    except OSError as err:
        log.warning("analysis cache unavailable: %s", err)
