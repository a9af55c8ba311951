"""Officers' notes and positions on measures and paragraphs, kept in SQLite, as a record.

A note is the officer's own work and must never be lost: not when the analyser is upgraded
(re-analysis), not when the same PDF is uploaded again, not when the app restarts, and not when a
second note is written on the same paragraph. So:

- notes are keyed by what identifies the text, not by anything the analysis produces: the
  document's sha256 and its short name ("ICU"), plus the measure ID and, optionally, a paragraph
  number; each note also has its own id, and a paragraph may carry any number of notes;
- an edit keeps the earlier wording as a version (``history``); a delete leaves a tombstone, so
  that importing an older copy of the note does not bring it back;
- notes move between machines as JSON (``export_json`` / ``import_json``); an import adds notes it
  does not know and replaces a note only with a newer version of it, so a team can merge its notes
  in any order.

Reading notes for a document returns the notes made on that exact file (same sha256) and, marked
as such, notes made on another edition of the same code (same short name), so that work done on
a consultation draft is visible beside the final text.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .paths import data_dir

POSITIONS = ("agree", "concern", "object")
EXPORT_FORMAT = "code-of-practice-analyser-notes"
EXPORT_VERSION = 1

# ``notes`` is the table of earlier versions of this module (one note per paragraph). It is never
# dropped: its rows are copied into ``note_records`` once, under ids derived from their keys, so
# running the copy again (or on an old backup) cannot duplicate them.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS note_records (
    id TEXT PRIMARY KEY,
    code_sha256 TEXT NOT NULL,
    code_short_name TEXT NOT NULL,
    measure_id TEXT NOT NULL,
    paragraph TEXT NOT NULL DEFAULT '',
    position TEXT,
    text TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    source_file TEXT NOT NULL DEFAULT '',
    created REAL NOT NULL,
    updated REAL NOT NULL,
    deleted REAL
);
CREATE INDEX IF NOT EXISTS note_records_by_doc ON note_records (code_sha256, measure_id);
CREATE INDEX IF NOT EXISTS note_records_by_short ON note_records (code_short_name, measure_id);
CREATE TABLE IF NOT EXISTS note_versions (
    note_id TEXT NOT NULL,
    position TEXT,
    text TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    updated REAL NOT NULL,
    PRIMARY KEY (note_id, updated)
);
"""


@dataclass
class NoteVersion:
    """An earlier wording of a note, as it stood until it was changed."""

    text: str
    position: str | None
    author: str
    updated: float


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
    id: str = ""
    author: str = ""
    history: list[NoteVersion] = field(default_factory=list)  # oldest first; filled on request

    @property
    def target(self) -> str:
        return f"{self.measure_id} para {self.paragraph}" if self.paragraph else self.measure_id


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0  # replaced by a newer version from the file
    kept: int = 0  # the local note was as new or newer; the file's version went to its history
    deleted: int = 0  # a newer deletion in the file
    skipped: list[str] = field(default_factory=list)  # entries that were not notes, in words

    def summary(self) -> str:
        parts = [f"{self.added} added", f"{self.updated} updated from newer versions",
                 f"{self.kept} kept (this machine's copy was as new or newer)"]
        if self.deleted:
            parts.append(f"{self.deleted} deleted")
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped")
        return ", ".join(parts)


def default_path() -> Path:
    return data_dir() / "notes.sqlite"


def _check_position(position: str | None) -> None:
    if position is not None and position not in POSITIONS:
        raise ValueError(f"position must be one of {', '.join(POSITIONS)}, not {position!r}")


class NotesStore:
    """The notes database. Each call opens and closes its own connection, so a store can be
    shared by Streamlit sessions running in different threads.

    The store also keeps one connection open for as long as it lives (``_keeper``, never used
    for a query). Why: in WAL mode, the last connection to close a database checkpoints the
    write-ahead log into it, syncs it to disk and deletes the log, and the next one to open it
    creates the log again. With a connection per call, every call paid for that: saving a note
    and drawing the notes under it took 40-110 ms of the app's rerun (up to 0.9 s for one save
    under load), of which 1-7 ms is the work (timed on the 2-core machine, bench/RESULTS.md,
    issue 14 seventh pass). Nothing is less durable: every commit is still synced to the log
    (SQLite's default ``synchronous=FULL``), and any process opening the database reads the log
    (``notes.sqlite-wal``, beside it) until it is checkpointed, at the latest when the store is
    closed or collected. A copy of the file made while the app runs must take the ``-wal`` file
    with it; the JSON export does not need to."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as con:
            con.executescript(_SCHEMA)
            self._migrate_legacy(con)
        self._keeper: sqlite3.Connection | None = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
        self._keeper.execute("SELECT 1 FROM note_records LIMIT 1").fetchall()  # opens the log and its index

    def close(self) -> None:
        """Let go of the database (the log is checkpointed into it by the last connection closed)."""
        if self._keeper is not None:
            self._keeper.close()
            self._keeper = None

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

    @staticmethod
    def _migrate_legacy(con: sqlite3.Connection) -> None:
        legacy = con.execute("SELECT name FROM sqlite_master WHERE type='table' AND name='notes'").fetchone()
        if not legacy:
            return
        for r in con.execute("SELECT * FROM notes").fetchall():
            key = f"{r['code_sha256']}|{r['measure_id']}|{r['paragraph']}"
            note_id = "legacy-" + hashlib.sha256(key.encode()).hexdigest()[:24]
            con.execute(
                """INSERT OR IGNORE INTO note_records (id, code_sha256, code_short_name, measure_id, paragraph,
                       position, text, author, source_file, created, updated)
                   VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?)""",
                (note_id, r["code_sha256"], r["code_short_name"], r["measure_id"], r["paragraph"],
                 r["position"], r["text"], r["source_file"], r["created"], r["updated"]))

    # -----------------------------------------------------------------------------------------
    # Writing

    def add(
        self,
        code_sha256: str,
        code_short_name: str,
        measure_id: str,
        text: str,
        position: str | None = None,
        paragraph: str | None = None,
        source_file: str = "",
        author: str = "",
    ) -> Note:
        """A new note on (document, measure, paragraph); notes already there are left alone."""
        _check_position(position)
        if not code_sha256 or not measure_id:
            raise ValueError("a note needs the document's sha256 and a measure ID")
        now = time.time()
        note_id = uuid.uuid4().hex
        with self._connect() as con:
            con.execute(
                """INSERT INTO note_records (id, code_sha256, code_short_name, measure_id, paragraph, position,
                                             text, author, source_file, created, updated)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (note_id, code_sha256, code_short_name, measure_id, paragraph or "", position, text,
                 author.strip(), source_file, now, now))
        note = self.get(note_id)
        assert note is not None
        return note

    # Earlier callers said ``save``; it now always adds (replacing silently was the bug).
    save = add

    def update(self, note_id: str, text: str, position: str | None = None, author: str | None = None) -> Note:
        """Change a note; its wording until now is kept as a version in its history."""
        _check_position(position)
        with self._connect() as con:
            row = con.execute("SELECT * FROM note_records WHERE id = ? AND deleted IS NULL",
                              (note_id,)).fetchone()
            if row is None:
                raise KeyError(f"no note {note_id!r}")
            if (row["text"], row["position"]) == (text, position) and (author is None or author == row["author"]):
                return self.get(note_id)  # type: ignore[return-value] - nothing changed, no version
            # Strictly later than the version it supersedes, even on a coarse clock: the import
            # rule "newer wins" depends on it.
            now = max(time.time(), row["updated"] + 1e-6)
            con.execute("INSERT OR IGNORE INTO note_versions (note_id, position, text, author, updated) "
                        "VALUES (?, ?, ?, ?, ?)",
                        (note_id, row["position"], row["text"], row["author"], row["updated"]))
            con.execute("UPDATE note_records SET text = ?, position = ?, author = ?, updated = ? WHERE id = ?",
                        (text, position, row["author"] if author is None else author.strip(), now, note_id))
        return self.get(note_id)  # type: ignore[return-value]

    def delete(self, note_id: str) -> bool:
        """Remove a note from view; a tombstone stays so an older copy cannot come back by import."""
        now = time.time()
        with self._connect() as con:
            cur = con.execute("UPDATE note_records SET deleted = ?, updated = MAX(updated, ?) "
                              "WHERE id = ? AND deleted IS NULL", (now, now, note_id))
        return cur.rowcount > 0

    # -----------------------------------------------------------------------------------------
    # Reading

    def get(self, note_id: str, *, with_history: bool = True) -> Note | None:
        with self._connect() as con:
            row = con.execute("SELECT * FROM note_records WHERE id = ? AND deleted IS NULL",
                              (note_id,)).fetchone()
            if row is None:
                return None
            note = _note(dict(row), row["code_sha256"])
            if with_history:
                note.history = self._history(con, note_id)
        return note

    def history(self, note_id: str) -> list[NoteVersion]:
        """Earlier wordings of a note, oldest first."""
        with self._connect() as con:
            return self._history(con, note_id)

    @staticmethod
    def _history(con: sqlite3.Connection, note_id: str) -> list[NoteVersion]:
        rows = con.execute("SELECT * FROM note_versions WHERE note_id = ? ORDER BY updated", (note_id,)).fetchall()
        return [NoteVersion(r["text"], r["position"], r["author"], r["updated"]) for r in rows]

    def on_target(self, code_sha256: str, measure_id: str, paragraph: str | None = None) -> list[Note]:
        """The notes on one measure or paragraph of this document, oldest first."""
        with self._connect() as con:
            rows = con.execute(
                "SELECT * FROM note_records WHERE code_sha256 = ? AND measure_id = ? AND paragraph = ? "
                "AND deleted IS NULL ORDER BY created", (code_sha256, measure_id, paragraph or "")).fetchall()
        return [_note(dict(r), code_sha256) for r in rows]

    def for_code(
        self, code_sha256: str, code_short_name: str | None = None, *, other_editions: bool = True
    ) -> list[Note]:
        """Notes on this document, then (if asked) notes on other editions with the same short name.

        Ordered by measure, paragraph and creation, so lists and exports read in document order
        within a measure ID and several notes on one paragraph in the order they were written.
        """
        query = "SELECT * FROM note_records WHERE deleted IS NULL AND (code_sha256 = ?"
        args: list[str] = [code_sha256]
        if other_editions and code_short_name:
            query += " OR code_short_name = ?"
            args.append(code_short_name)
        query += ") ORDER BY measure_id, paragraph, created"
        with self._connect() as con:
            rows = [dict(r) for r in con.execute(query, args).fetchall()]
        notes = [_note(r, code_sha256) for r in rows]
        return sorted(notes, key=lambda n: (not n.same_document,))

    def for_measure(self, code_sha256: str, code_short_name: str | None, measure_id: str) -> list[Note]:
        return [n for n in self.for_code(code_sha256, code_short_name) if n.measure_id == measure_id]

    # -----------------------------------------------------------------------------------------
    # Moving notes between machines

    def export_json(self, path: str | Path | None = None, code_sha256: str | None = None,
                    code_short_name: str | None = None) -> str:
        """Every note (or one document's, or one code's) with its history and tombstones, as JSON."""
        query, args = "SELECT * FROM note_records", []
        if code_sha256 or code_short_name:
            query += " WHERE code_sha256 = ? OR code_short_name = ?"
            args = [code_sha256 or "", code_short_name or ""]
        query += " ORDER BY code_short_name, measure_id, paragraph, created"
        from . import __version__

        with self._connect() as con:
            entries = []
            for r in con.execute(query, args).fetchall():
                entry = {k: r[k] for k in ("id", "code_sha256", "code_short_name", "measure_id", "position",
                                            "text", "author", "source_file", "created", "updated", "deleted")}
                entry["paragraph"] = r["paragraph"] or None
                entry["history"] = [asdict(v) for v in self._history(con, r["id"])]
                entries.append(entry)
        data = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "analyser_version": __version__,
                "exported": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "notes": entries}
        text = json.dumps(data, indent=1, ensure_ascii=False)
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text

    def import_json(self, source: str | Path | bytes) -> ImportResult:
        """Merge notes from an export: unknown notes are added, a known note is replaced only by a
        newer version (the one replaced goes to its history), and an older one never wins."""
        if isinstance(source, Path) or (isinstance(source, str) and not source.lstrip().startswith("{")):
            raw = Path(source).read_text(encoding="utf-8")
        else:
            raw = source.decode("utf-8") if isinstance(source, bytes) else source
        try:
            data = json.loads(raw)
        except ValueError as err:
            raise ValueError(f"not a notes file (JSON could not be read: {err})") from err
        if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
            raise ValueError(f"not a notes file (expected \"format\": \"{EXPORT_FORMAT}\")")
        result = ImportResult()
        with self._connect() as con:
            for i, entry in enumerate(data.get("notes") or []):
                problem = _entry_problem(entry)
                if problem:
                    result.skipped.append(f"entry {i + 1}: {problem}")
                    continue
                self._merge(con, entry, result)
        return result

    def _merge(self, con: sqlite3.Connection, e: dict, result: ImportResult) -> None:
        versions = [NoteVersion(str(v.get("text", "")), v.get("position"), str(v.get("author", "")),
                                float(v["updated"])) for v in e.get("history") or [] if "updated" in v]
        local = con.execute("SELECT * FROM note_records WHERE id = ?", (e["id"],)).fetchone()
        incoming_time = max(float(e["updated"]), float(e.get("deleted") or 0))
        if local is None:
            con.execute(
                """INSERT INTO note_records (id, code_sha256, code_short_name, measure_id, paragraph, position,
                       text, author, source_file, created, updated, deleted)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (e["id"], e["code_sha256"], e["code_short_name"], e["measure_id"], e.get("paragraph") or "",
                 e.get("position"), e["text"], e.get("author") or "", e.get("source_file") or "",
                 float(e.get("created") or e["updated"]), float(e["updated"]), e.get("deleted")))
            result.added += 0 if e.get("deleted") else 1
        else:
            local_time = max(local["updated"], local["deleted"] or 0)
            if incoming_time > local_time:
                # The file is newer: this machine's wording becomes a version, the file's stands.
                versions.append(NoteVersion(local["text"], local["position"], local["author"], local["updated"]))
                con.execute("UPDATE note_records SET position = ?, text = ?, author = ?, updated = ?, deleted = ? "
                            "WHERE id = ?", (e.get("position"), e["text"], e.get("author") or "",
                                             float(e["updated"]), e.get("deleted"), e["id"]))
                if e.get("deleted") and not local["deleted"]:
                    result.deleted += 1
                else:
                    result.updated += 1
            else:
                # This machine's note is as new or newer: it stands; the file's wording is history.
                if (e["text"], e.get("position")) != (local["text"], local["position"]):
                    versions.append(NoteVersion(e["text"], e.get("position"), e.get("author") or "",
                                                float(e["updated"])))
                result.kept += 1
        for v in versions:
            con.execute("INSERT OR IGNORE INTO note_versions (note_id, position, text, author, updated) "
                        "VALUES (?, ?, ?, ?, ?)", (e["id"], v.position, v.text, v.author, v.updated))


def _entry_problem(e: object) -> str | None:
    if not isinstance(e, dict):
        return "not an object"
    for key in ("id", "code_sha256", "code_short_name", "measure_id", "text", "updated"):
        if key not in e or e[key] in (None, ""):
            if key == "text" and e.get(key) == "":
                continue
            return f"no {key}"
    if e.get("position") is not None and e["position"] not in POSITIONS:
        return f"unknown position {e['position']!r}"
    try:
        float(e["updated"])
    except (TypeError, ValueError):
        return "updated is not a time"
    return None


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
        id=row["id"],
        author=row.get("author") or "",
    )
