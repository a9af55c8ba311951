"""Notes persist on disk, keyed by document and measure, and survive re-opening the store."""

from __future__ import annotations

import sqlite3

import pytest

from analyser.notes import NotesStore

SHA_A = "a" * 64
SHA_B = "b" * 64


def test_note_round_trip_survives_a_new_store(tmp_path):
    db = tmp_path / "notes.sqlite"
    NotesStore(db).save(SHA_A, "ICU", "ICU C9", "Feasibility lets E2EE services out.", "object")
    NotesStore(db).save(SHA_A, "ICU", "ICU C9", "Paragraph note", "concern", paragraph="C9.2")
    again = NotesStore(db)  # as after an app restart
    whole = again.get(SHA_A, "ICU C9")
    para = again.get(SHA_A, "ICU C9", "C9.2")
    assert (whole.text, whole.position, whole.paragraph) == ("Feasibility lets E2EE services out.", "object", None)
    assert (para.text, para.position, para.paragraph) == ("Paragraph note", "concern", "C9.2")
    assert para.target == "ICU C9 para C9.2"


def test_saving_again_updates_instead_of_duplicating(tmp_path):
    store = NotesStore(tmp_path / "n.sqlite")
    first = store.save(SHA_A, "ICU", "ICU C9", "first", "agree")
    second = store.save(SHA_A, "ICU", "ICU C9", "second", "concern")
    assert [n.text for n in store.for_code(SHA_A, "ICU")] == ["second"]
    assert second.created == first.created and second.updated >= first.updated


def test_notes_from_another_edition_are_shown_and_marked(tmp_path):
    store = NotesStore(tmp_path / "n.sqlite")
    store.save(SHA_A, "ICU", "ICU C9", "on the draft", "concern")
    store.save(SHA_B, "ICU", "ICU C10", "on the final", "agree")
    store.save("c" * 64, "ICS", "ICS C1", "other code", "agree")
    notes = store.for_code(SHA_B, "ICU")
    assert [(n.measure_id, n.same_document) for n in notes] == [("ICU C10", True), ("ICU C9", False)]
    assert [n.measure_id for n in store.for_code(SHA_B, "ICU", other_editions=False)] == ["ICU C10"]
    assert [n.text for n in store.for_measure(SHA_B, "ICU", "ICU C9")] == ["on the draft"]


def test_delete_and_validation(tmp_path):
    store = NotesStore(tmp_path / "n.sqlite")
    store.save(SHA_A, "ICU", "ICU C9", "x")
    assert store.delete(SHA_A, "ICU C9") is True
    assert store.delete(SHA_A, "ICU C9") is False
    assert store.get(SHA_A, "ICU C9") is None
    with pytest.raises(ValueError, match="position"):
        store.save(SHA_A, "ICU", "ICU C9", "x", position="maybe")
    with pytest.raises(ValueError):
        store.save("", "ICU", "ICU C9", "x")


def test_default_location_is_the_data_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("ANALYSER_DATA_DIR", str(tmp_path))
    store = NotesStore()
    store.save(SHA_A, "ICU", "ICU A1", "governance")
    assert store.path == tmp_path / "notes.sqlite"
    rows = sqlite3.connect(store.path).execute("SELECT measure_id, text FROM notes").fetchall()
    assert rows == [("ICU A1", "governance")]
