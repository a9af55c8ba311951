"""Notes are a record: several per paragraph, edits kept as history, deletes as tombstones, and
JSON export/import that merges without an older note ever winning. All on a real SQLite file."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analyser.notes import NotesStore

SHA_A = "a" * 64
SHA_B = "b" * 64


def test_note_round_trip_survives_a_new_store(tmp_path):
    db = tmp_path / "notes.sqlite"
    NotesStore(db).add(SHA_A, "ICU", "ICU C9", "Feasibility lets E2EE services out.", "object", author="Ann")
    NotesStore(db).add(SHA_A, "ICU", "ICU C9", "Paragraph note", "concern", paragraph="C9.2")
    again = NotesStore(db)  # as after an app restart
    [whole] = again.on_target(SHA_A, "ICU C9")
    [para] = again.on_target(SHA_A, "ICU C9", "C9.2")
    assert (whole.text, whole.position, whole.paragraph, whole.author) == \
        ("Feasibility lets E2EE services out.", "object", None, "Ann")
    assert (para.text, para.position, para.paragraph) == ("Paragraph note", "concern", "C9.2")
    assert para.target == "ICU C9 para C9.2"
    assert whole.created > 0 and whole.id != para.id


def test_a_saved_note_is_on_disk_for_others_while_the_store_stays_open(tmp_path):
    """The app keeps its store (and one connection) open for the server's life, so that a save
    does not checkpoint and re-create SQLite's log each time. A note it saved must still be read
    by another process at once (the CLI's ``notes export``, a second server), and once the store
    is closed the database file alone holds it."""
    db = tmp_path / "notes.sqlite"
    store = NotesStore(db)
    store.add(SHA_A, "ICU", "ICU C9", "saved while the app runs", "object")
    assert (tmp_path / "notes.sqlite-wal").exists()  # the log is kept, not rebuilt per call
    read = ("import sys; from analyser.notes import NotesStore; "
            "print([n.text for n in NotesStore(sys.argv[1]).for_code(sys.argv[2])])")
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", read, str(db), SHA_A], cwd=root, capture_output=True, text=True,
                         check=True).stdout
    assert "saved while the app runs" in out
    store.close()
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copyfile(db, copy / "notes.sqlite")  # the file alone, without its log
    assert [n.text for n in NotesStore(copy / "notes.sqlite").for_code(SHA_A)] == ["saved while the app runs"]


def test_two_notes_on_one_paragraph_are_both_kept(tmp_path):
    """The bug this module was rewritten for: a second note silently replaced the first."""
    store = NotesStore(tmp_path / "n.sqlite")
    first = store.add(SHA_A, "ICU", "ICU C9", "object: public-only scope", "object", paragraph="C9.6")
    second = store.add(SHA_A, "ICU", "ICU C9", "concern: feasibility", "concern", paragraph="C9.6")
    assert [n.text for n in store.on_target(SHA_A, "ICU C9", "C9.6")] == [first.text, second.text]
    assert [n.position for n in store.for_code(SHA_A, "ICU")] == ["object", "concern"]


def test_an_edit_keeps_the_earlier_version(tmp_path):
    store = NotesStore(tmp_path / "n.sqlite")
    note = store.add(SHA_A, "ICU", "ICU C9", "first wording", "concern", paragraph="C9.3")
    edited = store.update(note.id, "second wording", "object", author="Bo")
    assert (edited.text, edited.position, edited.author) == ("second wording", "object", "Bo")
    assert edited.updated > note.updated and edited.created == note.created
    assert [(v.text, v.position) for v in edited.history] == [("first wording", "concern")]
    store.update(note.id, "third wording", "object")
    assert [v.text for v in NotesStore(store.path).history(note.id)] == ["first wording", "second wording"]
    # Saving the same words again is not a new version.
    store.update(note.id, "third wording", "object")
    assert len(store.history(note.id)) == 2


def test_notes_from_another_edition_are_shown_and_marked(tmp_path):
    store = NotesStore(tmp_path / "n.sqlite")
    store.add(SHA_A, "ICU", "ICU C9", "on the draft", "concern")
    store.add(SHA_B, "ICU", "ICU C10", "on the final", "agree")
    store.add("c" * 64, "ICS", "ICS C1", "other code", "agree")
    notes = store.for_code(SHA_B, "ICU")
    assert [(n.measure_id, n.same_document) for n in notes] == [("ICU C10", True), ("ICU C9", False)]
    assert [n.measure_id for n in store.for_code(SHA_B, "ICU", other_editions=False)] == ["ICU C10"]
    assert [n.text for n in store.for_measure(SHA_B, "ICU", "ICU C9")] == ["on the draft"]


def test_delete_and_validation(tmp_path):
    store = NotesStore(tmp_path / "n.sqlite")
    keep = store.add(SHA_A, "ICU", "ICU C9", "keep")
    gone = store.add(SHA_A, "ICU", "ICU C9", "x")
    assert store.delete(gone.id) is True
    assert store.delete(gone.id) is False
    assert store.get(gone.id) is None
    assert [n.id for n in store.for_code(SHA_A)] == [keep.id]
    with pytest.raises(ValueError, match="position"):
        store.add(SHA_A, "ICU", "ICU C9", "x", position="maybe")
    with pytest.raises(ValueError):
        store.add("", "ICU", "ICU C9", "x")
    with pytest.raises(KeyError):
        store.update(gone.id, "cannot edit a deleted note")


def test_default_location_is_the_data_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("ANALYSER_DATA_DIR", str(tmp_path))
    store = NotesStore()
    store.add(SHA_A, "ICU", "ICU A1", "governance")
    assert store.path == tmp_path / "notes.sqlite"
    rows = sqlite3.connect(store.path).execute("SELECT measure_id, text FROM note_records").fetchall()
    assert rows == [("ICU A1", "governance")]


def test_notes_written_by_the_earlier_one_note_per_paragraph_store_are_kept(tmp_path):
    """An upgrade must not lose notes: the old table's rows come across, once."""
    db = tmp_path / "old.sqlite"
    con = sqlite3.connect(db)
    con.executescript("""CREATE TABLE notes (code_sha256 TEXT NOT NULL, code_short_name TEXT NOT NULL,
        measure_id TEXT NOT NULL, paragraph TEXT NOT NULL DEFAULT '', position TEXT, text TEXT NOT NULL DEFAULT '',
        source_file TEXT NOT NULL DEFAULT '', created REAL NOT NULL, updated REAL NOT NULL,
        PRIMARY KEY (code_sha256, measure_id, paragraph));""")
    con.execute("INSERT INTO notes VALUES (?, 'ICU', 'ICU C9', 'C9.6', 'object', 'old note', 'x.pdf', 1.0, 2.0)",
                (SHA_A,))
    con.commit()
    con.close()
    NotesStore(db)
    store = NotesStore(db)  # twice: the copy must not duplicate
    [note] = store.for_code(SHA_A)
    assert (note.text, note.position, note.paragraph, note.updated) == ("old note", "object", "C9.6", 2.0)


def test_export_then_import_on_another_machine(tmp_path):
    mine = NotesStore(tmp_path / "mine.sqlite")
    n1 = mine.add(SHA_A, "ICU", "ICU C9", "scope lets E2EE out", "object", paragraph="C9.3", author="Ann")
    mine.update(n1.id, "scope lets E2EE services out", "object")
    mine.add(SHA_A, "ICU", "ICU C2", "feasibility", "concern")
    path = tmp_path / "notes.json"
    mine.export_json(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "code-of-practice-analyser-notes" and len(data["notes"]) == 2

    theirs = NotesStore(tmp_path / "theirs.sqlite")
    theirs.add(SHA_A, "ICU", "ICU A1", "their own note", "agree")
    result = theirs.import_json(path)
    assert (result.added, result.updated, result.kept) == (2, 0, 0)
    got = {n.text: n for n in theirs.for_code(SHA_A)}
    assert set(got) == {"their own note", "scope lets E2EE services out", "feasibility"}
    moved = got["scope lets E2EE services out"]
    assert (moved.author, moved.paragraph) == ("Ann", "C9.3")
    assert [v.text for v in theirs.history(moved.id)] == ["scope lets E2EE out"]
    # Importing the same file again changes nothing.
    again = theirs.import_json(path)
    assert (again.added, again.updated) == (0, 0) and len(theirs.for_code(SHA_A)) == 3


def test_an_import_never_overwrites_a_newer_note(tmp_path):
    a = NotesStore(tmp_path / "a.sqlite")
    note = a.add(SHA_A, "ICU", "ICU C9", "v1", "concern")
    old_export = tmp_path / "old.json"
    a.export_json(old_export)
    b = NotesStore(tmp_path / "b.sqlite")
    b.import_json(old_export)
    time.sleep(0.01)
    b.update(note.id, "v2 on machine b", "object")

    # a's older copy arrives at b: b's newer wording stands, a's goes to history.
    result = b.import_json(old_export)
    assert result.kept == 1 and result.updated == 0
    assert b.get(note.id).text == "v2 on machine b"
    # b's newer copy arrives at a: it replaces v1, which is kept as a version.
    new_export = tmp_path / "new.json"
    b.export_json(new_export)
    result = a.import_json(new_export)
    assert result.updated == 1
    assert (a.get(note.id).text, a.get(note.id).position) == ("v2 on machine b", "object")
    assert "v1" in [v.text for v in a.history(note.id)]


def test_a_deleted_note_is_not_brought_back_by_an_older_copy(tmp_path):
    a = NotesStore(tmp_path / "a.sqlite")
    note = a.add(SHA_A, "ICU", "ICU C9", "to be deleted")
    older = tmp_path / "older.json"
    a.export_json(older)
    time.sleep(0.01)
    a.delete(note.id)
    assert a.import_json(older).kept == 1
    assert a.for_code(SHA_A) == []
    # And the deletion travels: a machine that has the note loses it on importing the newer file.
    b = NotesStore(tmp_path / "b.sqlite")
    b.import_json(older)
    newer = tmp_path / "newer.json"
    a.export_json(newer)
    assert b.import_json(newer).deleted == 1
    assert b.for_code(SHA_A) == []


def test_a_file_that_is_not_a_notes_export_is_refused(tmp_path):
    store = NotesStore(tmp_path / "n.sqlite")
    bad = tmp_path / "bad.json"
    bad.write_text('{"something": "else"}', encoding="utf-8")
    with pytest.raises(ValueError, match="not a notes file"):
        store.import_json(bad)
    mixed = {"format": "code-of-practice-analyser-notes", "version": 1,
             "notes": [{"id": "x1", "code_sha256": SHA_A, "code_short_name": "ICU", "measure_id": "ICU C9",
                        "text": "ok", "updated": 5.0}, {"id": "x2", "text": "no measure"}, "junk"]}
    result = store.import_json(json.dumps(mixed))
    assert result.added == 1 and len(result.skipped) == 2
