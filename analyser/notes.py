"""Officers' notes and positions on measures and paragraphs, kept in SQLite.

A note is the officer's own work and must never be lost: not when the analyser is upgraded
(re-analysis), not when the same PDF is uploaded again, not when the app restarts. So notes are
keyed by what identifies the text, not by anything the analysis produces: the document's sha256
and its short name ("ICU"), plus the measure ID and, optionally, a paragraph number.

Reading notes for a document returns the notes made on that exact file (same sha256) and, marked
as such, notes made on another edition of the same code (same short name), so that work done on
a consultation draft is visible beside the final text.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .paths import data_dir

POSITIONS = ("agree", "concern", "object")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS notes (
    code_sha256 TEXT NOT NULL,
    code_short_name TEXT NOT NULL,
    measure_id TEXT NOT NULL,
    paragraph TEXT NOT NULL DEFAULT '',
    position TEXT,
    text TEXT NOT NULL DEFAULT '',
    source_file TEXT NOT NULL DEFAULT '',
    created REAL NOT NULL,
    updated REAL NOT NULL,
    PRIMARY KEY (code_sha256, measure_id, paragraph)
);
CREATE INDEX IF NOT EXISTS notes_by_short ON notes (code_short_name, measure_id);
"""


@dataclass
class Note:
    code_sha256: str
    code_short_name: str
    measure_id: str
    paragraph: str | None  # None: a note on the whole measure
    position: str | None  # agree / concern / object, or None
    text: str
    source_file: str = ""
    created: float = 0.0
    updated: float = 0.0
    same_document: bool = True  # False: made on another edition of the same code

    @property
    def target(self) -> str:
        return f"{self.measure_id} para {self.paragraph}" if self.paragraph else self.measure_id


def default_path() -> Path:
    return data_dir() / "notes.sqlite"


class NotesStore:
    """The notes database. Cheap to create: each call opens and closes its own connection,
    so a store can be shared by Streamlit sessions running in different threads."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as con:
            con.executescript(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        con = sqlite3.connect(self.path, timeout=10)
        con.row_factory = sqlite3.Row
        try:
            con.execute("PRAGMA journal_mode=WAL")
            with con:  # commit on success, roll back on error
                yield con
        finally:
            con.close()

    def save(
        self,
        code_sha256: str,
        code_short_name: str,
        measure_id: str,
        text: str,
        position: str | None = None,
        paragraph: str | None = None,
        source_file: str = "",
    ) -> Note:
        """Create or replace the note on (document, measure, paragraph)."""
        if position is not None and position not in POSITIONS:
            raise ValueError(f"position must be one of {', '.join(POSITIONS)}, not {position!r}")
        if not code_sha256 or not measure_id:
            raise ValueError("a note needs the document's sha256 and a measure ID")
        now = time.time()
        with self._connect() as con:
            con.execute(
                """INSERT INTO notes (code_sha256, code_short_name, measure_id, paragraph, position,
                                      text, source_file, created, updated)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (code_sha256, measure_id, paragraph) DO UPDATE SET
                       position = excluded.position, text = excluded.text,
                       code_short_name = excluded.code_short_name,
                       source_file = excluded.source_file, updated = excluded.updated""",
                (code_sha256, code_short_name, measure_id, paragraph or "", position, text,
                 source_file, now, now),
            )
        note = self.get(code_sha256, measure_id, paragraph)
        assert note is not None
        return note

    def get(self, code_sha256: str, measure_id: str, paragraph: str | None = None) -> Note | None:
        with self._connect() as con:
            row = con.execute(
                "SELECT * FROM notes WHERE code_sha256 = ? AND measure_id = ? AND paragraph = ?",
                (code_sha256, measure_id, paragraph or ""),
            ).fetchone()
        return _note(dict(row), code_sha256) if row else None

    def delete(self, code_sha256: str, measure_id: str, paragraph: str | None = None) -> bool:
        with self._connect() as con:
            cur = con.execute(
                "DELETE FROM notes WHERE code_sha256 = ? AND measure_id = ? AND paragraph = ?",
                (code_sha256, measure_id, paragraph or ""),
            )
        return cur.rowcount > 0

    def for_code(
        self, code_sha256: str, code_short_name: str | None = None, *, other_editions: bool = True
    ) -> list[Note]:
        """Notes on this document, then (if asked) notes on other editions with the same short name.

        Ordered by measure and paragraph so lists and exports read in document order within a
        measure ID.
        """
        query = "SELECT * FROM notes WHERE code_sha256 = ?"
        args: list[str] = [code_sha256]
        if other_editions and code_short_name:
            query += " OR code_short_name = ?"
            args.append(code_short_name)
        query += " ORDER BY measure_id, paragraph, updated"
        with self._connect() as con:
            rows = [dict(r) for r in con.execute(query, args).fetchall()]
        notes = [_note(r, code_sha256) for r in rows]
        # This document's notes first, so a caller keeping one note per target keeps the right one.
        return sorted(notes, key=lambda n: (not n.same_document,))

    def for_measure(self, code_sha256: str, code_short_name: str | None, measure_id: str) -> list[Note]:
        return [n for n in self.for_code(code_sha256, code_short_name) if n.measure_id == measure_id]


def _note(row: dict, current_sha: str) -> Note:
    return Note(
        code_sha256=row["code_sha256"],
        code_short_name=row["code_short_name"],
        measure_id=row["measure_id"],
        paragraph=row["paragraph"] or None,
        position=row["position"],
        text=row["text"],
        source_file=row["source_file"],
        created=row["created"],
        updated=row["updated"],
        same_document=row["code_sha256"] == current_sha,
    )
