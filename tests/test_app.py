"""The Streamlit app, driven view by view with ``streamlit.testing.v1.AppTest``.

Runs the real app on the real sample code (the bundled one, or the ICU-like fixture placed in the
uploads folder when the bundled copy is absent), with the real analysis pipeline underneath and
the private data and cache folders that conftest.py sets up.
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import io
import re
import shutil
from pathlib import Path

import pytest
import streamlit as st
from docx import Document
from openpyxl import load_workbook
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from analyser import paths
from analyser.export import md_escape
from analyser.notes import NotesStore

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
BUNDLED = ROOT / "codes" / "sample" / "icu-sample.pdf"
TIMEOUT = 120  # the first run analyses the sample; later runs hit the caches


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def sample(sample_icu_pdf, icu_code) -> dict:
    """The document the app opens on, and its key in the picker.

    ``icu_code`` (conftest) has analysed the fixture once, so the app's first load is a cache hit.
    """
    if BUNDLED.exists():
        from analyser.pipeline import load_code

        load_code(BUNDLED)
        return {"key": "cat:icu-sample", "path": BUNDLED, "sha": _sha(BUNDLED)}
    uploads = paths.data_dir() / "uploads"
    uploads.mkdir(parents=True, exist_ok=True)
    sha = _sha(sample_icu_pdf)
    shutil.copyfile(sample_icu_pdf, uploads / f"{sha}.pdf")
    return {"key": f"up:{sha}", "path": sample_icu_pdf, "sha": sha}


def _app(sample: dict, view: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    at.selectbox(key="doc").set_value(sample["key"]).run()
    if view:
        at.radio(key="view").set_value(view).run()
    _no_errors(at)
    return at


def _open_panel(at: AppTest, key: str) -> AppTest:
    """Open a sidebar panel that is drawn only while open (``sidebar.ADD_PANEL``, ``LIMITS_PANEL``)."""
    at.session_state[key] = True
    return at.run()


def _uploader(at: AppTest):
    """The sidebar's upload box, its panel ("Add a document") opened first."""
    from analyser.app.sidebar import ADD_PANEL

    return _open_panel(at, ADD_PANEL).file_uploader(key="upload")


def _no_errors(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def _visible(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup.replace("<br>", "\n")))


def _frames(at: AppTest):
    return [d.value for d in at.dataframe]


def _figures(at: AppTest) -> dict[str, str]:
    """The Overview's figures (label -> count as written), from its one HTML block."""
    found = [m.value for m in at.markdown if "class='cop-figures'" in m.value]
    assert len(found) == 1, found
    return dict(re.findall(r"<dt class='cop-figure-label'>(.*?)</dt><dd class='cop-figure-value'>(.*?)</dd>", found[0]))


def _tables(at: AppTest, css_class: str):
    """The HTML tables of class ``css_class`` the app wrote (the Matrix, a status's conditions),
    as DataFrames of their text, in page order."""
    import pandas as pd

    found = [m.value for m in at.markdown if re.search(rf'<table class="[^"]*\b{css_class}\b', m.value)]
    return [pd.read_html(io.StringIO(markup), flavor="lxml")[0] for markup in found]


# ---------------------------------------------------------------------------------------------


def test_opens_on_the_sample_labelled_as_sample(sample, icu_code):
    at = _app(sample)
    assert at.radio(key="view").value == "Overview"
    assert any("SAMPLE – not official text" in w.value for w in at.warning)
    figures = _figures(at)
    assert list(figures) == ["Measures", "Paragraphs", "Qualifiers flagged", "High loophole risk"]
    assert figures["Measures"] == f"{len(icu_code.measures):,}"
    assert figures["Qualifiers flagged"] == f"{sum(len(m.qualifiers) for m in icu_code.measures):,}"
    # Two charts, as HTML tables (measures by chapter; qualifiers by category and chapter).
    assert len([m for m in at.markdown if "class='cop-chart'" in m.value]) == 2
    assert not at.get("vega_lite_chart")
    # The loophole-risk table: its first row is a high-risk measure, linked to its Measure view.
    table = next(m.value for m in at.markdown if 'class="cop-table"' in m.value)
    first = re.search(r'<tbody><tr><td><a href="\?view=Measure&amp;doc=([^&]+)&amp;measure=([^"]+)"', table)
    assert first, table[:300]
    top = icu_code.measure(first.group(2).replace("%20", " "))
    assert top is not None and top.qualifier_summary.loophole_risk == "high"
    assert table.count("<tr>") == 1 + 15


def test_matrix_filters_and_explains_a_cell(sample, icu_expected):
    # The matrix is an HTML table (it was a data grid until the Matrix's first visit had to be
    # under 1 s): read from the page's markup, its measure IDs the rows' headers.
    at = _app(sample, "Matrix")
    assert not at.dataframe  # no data grid in the view, the explanation's conditions included
    grid = _tables(at, "cop-matrix")[0]
    assert len(grid) == len(icu_expected["measures"])
    at.multiselect(key="mx_chapters").set_value(["C"]).run()
    _no_errors(at)
    grid = _tables(at, "cop-matrix")[0]
    chapter_c = [m["id"] for m in icu_expected["measures"] if m["chapter"] == "C"]
    assert grid["Measure"].tolist() == chapter_c
    at.multiselect(key="mx_statuses").set_value(["qualified"]).run()
    grid = _tables(at, "cop-matrix")[0]
    assert "ICU C9" in grid["Measure"].tolist()
    # A status reads without colour: its mark and its word ("◐ qualified").
    assert all((row == "◐ qualified").any() for _, row in grid.drop(columns=["Measure", "Title"]).iterrows())
    # The legend defines every status, in words from the one place statuses are defined.
    from analyser.statuses import STATUS_WORDS

    legend = next(m.value for m in at.markdown if 'class="legend"' in m.value)
    for w in STATUS_WORDS.values():
        assert f"{w.mark} {w.label}: {w.definition}" in _visible(legend)
    at.selectbox(key="mx_measure").set_value("ICU C9").run()
    at.selectbox(key="mx_arch").set_value("large-e2ee-messaging").run()
    _no_errors(at)
    text = _markdown(at)
    assert "**ICU C9: qualified** — it applies, with a way out, to Large end-to-end encrypted messaging service" in text


def test_the_matrix_table_shows_document_text_as_text():
    """The Matrix is HTML written with the page: a measure's ID or title from the PDF, or an
    archetype's name, that holds markup shows as text, never as an element; a status the app
    has no words for shows as itself, and a missing one says so."""
    from analyser.app.views.matrix import NO_STATUS, matrix_html

    hostile = "<img src=x onerror=alert(1)> *not emphasis* [link](http://example.org)\n\nnext"
    out = matrix_html([("ICU <b>1</b>", hostile, ["applies", None, "brand-new"])], ["<i>arch</i>", "b", "c"])
    assert "<img" not in out and "<b>" not in out and "<i>" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out and "ICU &lt;b&gt;1&lt;/b&gt;" in out
    assert out.startswith("<div") and "\n" not in out  # one HTML block: Markdown leaves it as written
    cells = re.findall(r"<td>(.*?)</td>", out)
    assert "● applies" in cells[0] and cells[1] == NO_STATUS and "? brand-new" in cells[2]


def _fill_profile(at: AppTest, users: int, high=(), medium=(), features=()) -> AppTest:
    at.text_input(key="sp_name").set_value("Test messenger")
    at.radio(key="sp_kind").set_value("u2u")
    at.text_input(key="sp_users_text").set_value(f"{users:,}")  # as an officer writes it: 15,000,000
    at.multiselect(key="sp_risk_high").set_value(list(high))
    at.multiselect(key="sp_risk_medium").set_value(list(medium))
    at.multiselect(key="sp_features").set_value(list(features))
    return at.run()


def _statuses_on_page(at: AppTest) -> dict[str, str]:
    out = {}
    for df in _frames(at):
        if {"measure", "status"} <= set(df.columns):
            out.update(dict(zip(df["measure"], df["status"])))
    return out


def test_service_profile_statuses_and_whatif(sample, icu_expected):
    at = _app(sample, "Service profile")
    # A large E2EE messenger at high risk of image-based CSAM: C9 (hash matching, public content
    # only) applies on its conditions but the service's private, encrypted content escapes it.
    _fill_profile(at, 15_000_000, high=["csam-image", "grooming"], medium=["fraud"],
                  features=["e2ee", "direct-messaging", "user-profiles"])
    _no_errors(at)
    got = _statuses_on_page(at)
    assert got["ICU C9"] == "qualified"
    everyone = [m["id"] for m in icu_expected["measures"]
                if m["condition"] == {"op": "atom", "args": [], "atom": "all", "params": {}}]
    # Measures for every service are never exempt (a qualifier may still give a way out).
    assert everyone and {mid: got[mid] for mid in everyone if got[mid] == "exempt"} == {}
    assert sum(got[mid] == "applies" for mid in everyone) > len(everyone) // 2
    assert len(got) == len(icu_expected["measures"])

    # A small low-risk forum is outside C9 altogether.
    _fill_profile(at, 50_000, features=["user-profiles"])
    assert _statuses_on_page(at)["ICU C9"] == "exempt"

    # What-if: a large social network that adopts end-to-end encryption.
    _fill_profile(at, 20_000_000, medium=["csam-image"], high=["grooming"], features=["user-profiles"])
    assert _statuses_on_page(at)["ICU C9"] == "applies"
    at.toggle(key="sp_whatif_on").set_value(True).run()
    at.selectbox(key="sp_whatif").set_value("with end-to-end encryption").run()
    _no_errors(at)
    diff = next(df for df in _frames(at) if "with end-to-end encryption" in df.columns)
    row = diff[diff["measure"] == "ICU C9"].iloc[0]
    assert (row["now"], row["with end-to-end encryption"]) == ("applies", "qualified")


def test_an_archetype_fill_survives_a_browser_that_had_not_seen_it(sample):
    """Streamlit sends the browser's widget values with each interaction; one sent before the
    archetype's values reached the browser carries the old ones. The page must keep the archetype
    (whose name the picker still shows), yet keep a value the officer really typed."""
    at = _app(sample, "Service profile")
    old = {"sp_name": at.text_input(key="sp_name").value, "sp_users": at.text_input(key="sp_users_text").value}
    at.selectbox(key="sp_start").set_value("large-e2ee-messaging").run()
    assert at.text_input(key="sp_users_text").value == "15,000,000"
    assert _statuses_on_page(at)["ICU C9"] == "qualified"

    # The browser still shows the old form and the officer turns the what-if on: every field comes back old.
    at.text_input(key="sp_name").set_value(old["sp_name"])
    at.text_input(key="sp_users_text").set_value(old["sp_users"])
    for key in ("sp_risk_high", "sp_risk_medium", "sp_features"):
        at.multiselect(key=key).set_value([])
    at.toggle(key="sp_whatif_on").set_value(True).run()
    _no_errors(at)
    assert at.text_input(key="sp_users_text").value == "15,000,000"
    assert at.text_input(key="sp_name").value == "Large end-to-end encrypted messaging service"
    assert at.multiselect(key="sp_risk_high").value == ["csam-image", "grooming"]
    assert _statuses_on_page(at)["ICU C9"] == "qualified"

    # Once the browser has shown the archetype, the officer's own change stands, even back to an old value.
    at.run()
    at.text_input(key="sp_users_text").set_value(old["sp_users"]).run()
    assert at.text_input(key="sp_users_text").value == old["sp_users"]
    assert _statuses_on_page(at)["ICU C9"] == "exempt"

    # And an edit made at once after a new pick is an edit, not the race.
    at.selectbox(key="sp_start").set_value("large-e2ee-messaging").run()
    at.selectbox(key="sp_start").set_value("(custom)").run()
    at.selectbox(key="sp_start").set_value("large-e2ee-messaging").run()
    at.text_input(key="sp_users_text").set_value("2m").run()
    assert at.text_input(key="sp_users_text").value == "2,000,000"


def test_measure_view_highlights_qualifiers_escaped(sample, icu_code, icu_expected):
    at = _app(sample, "Measure")
    at.selectbox(key="measure").set_value("ICU C9").run()
    _no_errors(at)
    code_c9 = icu_code.measure("ICU C9")
    paras = {p.number: p for p in code_c9.paragraphs}
    blocks = [m.value for m in at.markdown if '<div class="para">' in m.value]
    # Every paragraph is shown, numbered, with its page citation, and its visible text is the
    # paragraph's text exactly (escaped markup decodes back to it: nothing lost or injected).
    for number, p in paras.items():
        block = next(b for b in blocks if f'<span class="num">{number}</span>' in b)
        assert re.search(rf'\[(<a href="[^"]*#page={p.page}"[^>]*>)?ICU C9, para {re.escape(number)}, p\. {p.page}', block)
        body = _visible(block.split("</span>", 1)[1].rsplit('<span class="cite">', 1)[0])
        assert re.sub(r"\s+", " ", body).startswith(re.sub(r"\s+", " ", p.text))
    # The feasibility wording the fixture put in C9 is highlighted as feasibility.
    expected = [q for m in icu_expected["measures"] if m["id"] == "ICU C9" for q in m["qualifiers"]
                if q["category"] == "feasibility"]
    assert expected
    marks = re.findall(r'<mark class="q q-feasibility"[^>]*>(.*?)</mark>', _markdown(at))
    assert any(html.unescape(mk) in q["phrase"] or q["phrase"] in html.unescape(mk) for q in expected for mk in marks)
    # Cross-references are links to the other measure, and there is a PDF link at the page.
    assert re.search(r'<a class="xref" href="\?view=Measure&amp;doc=[^"]*&amp;measure=ICU%20C5"', _markdown(at))
    assert f"#page={code_c9.page_start}" in _markdown(at)
    # The cross-reference buttons open the other measure.
    at.button(key="xref_ICU C9_ICU C5").click().run()
    assert at.selectbox(key="measure").value == "ICU C5"


def test_search_highlights_hits(sample):
    at = _app(sample, "Search")
    at.text_input(key="search_q").set_value('"technically feasible"').run()
    _no_errors(at)
    text = _markdown(at)
    assert re.search(r'<mark class="hit"[^>]*>technically feasible</mark>', text, re.I)
    assert "ICU C9, para C9.6" in text


def _write_note(at: AppTest, mid: str, target: str, position: str, text: str, author: str = "") -> AppTest:
    at.selectbox(key=f"note_target_{mid}").set_value(target)
    at.radio(key=f"note_pos_{mid}").set_value(position)
    at.text_input(key=f"note_author_{mid}").set_value(author)
    at.text_area(key=f"note_text_{mid}").set_value(text)
    labels = [b.label for b in at.button]
    label = "Save changes" if "Save changes" in labels else "Save note"
    at.button[[b.label for b in at.button].index(label)].click().run()
    _no_errors(at)
    return at


def _button(at: AppTest, label: str, key_part: str = ""):
    return next(b for b in at.button if b.label == label and key_part in (b.key or ""))


def test_two_notes_on_one_paragraph_survive_a_restart(sample):
    """The issue's scenario: "object" on C9.6 in the Measure view, then "concern" on C9.6 in the
    Notes view. Both stay, in both views and after a restart."""
    at = _app(sample, "Measure")
    at.selectbox(key="measure").set_value("ICU C9").run()
    _write_note(at, "ICU C9", "C9.6", "object", "Feasibility wording lets E2EE services out.", "Ann")
    assert any("Saved note on ICU C9, para C9.6" in s.value for s in at.success)
    assert at.text_area(key="note_text_ICU C9").value == ""  # ready for the next note
    at.radio(key="view").set_value("Notes").run()
    at.selectbox(key="notes_measure").set_value("ICU C9").run()
    _write_note(at, "ICU C9", "C9.6", "concern", "And item (b) only covers old content.")

    st.cache_resource.clear()  # as after a server restart: nothing kept in memory
    st.cache_data.clear()
    again = _app(sample, "Notes")
    notes = _frames(again)[0]
    rows = notes[notes["on"] == "ICU C9 para C9.6"]
    got = set(zip(rows["position"], rows["note"], rows["author"]))
    assert {("object", "Feasibility wording lets E2EE services out.", "Ann"),
            ("concern", "And item (b) only covers old content.", "")} <= got
    stored = NotesStore(paths.data_dir() / "notes.sqlite").on_target(sample["sha"], "ICU C9", "C9.6")
    assert {n.position for n in stored} >= {"object", "concern"}
    again.radio(key="view").set_value("Measure").run()
    again.selectbox(key="measure").set_value("ICU C9").run()
    shown = _markdown(again)
    assert "Feasibility wording lets E2EE services out." in shown and "And item (b) only covers old content." in shown


def test_edit_shows_the_existing_text_keeps_history_and_delete_asks_first(sample):
    sha = sample["sha"]
    note = NotesStore().add(sha, "ICU", "ICU C2", "first wording", "concern", paragraph="C2.4")
    at = _app(sample, "Measure")
    at.selectbox(key="measure").set_value("ICU C2").run()
    _button(at, "Edit", note.id).click().run()
    _no_errors(at)
    assert at.text_area(key="note_text_ICU C2").value == "first wording"  # the existing text, to change
    assert at.radio(key="note_pos_ICU C2").value == "concern"
    at.text_area(key="note_text_ICU C2").set_value("second wording")
    at.radio(key="note_pos_ICU C2").set_value("object")
    at.button[[b.label for b in at.button].index("Save changes")].click().run()
    _no_errors(at)
    assert any("earlier wording is kept" in s.value for s in at.success)
    assert [e.label for e in at.expander if e.label.startswith("Earlier versions")] == ["Earlier versions (1)"]
    assert "first wording" in _markdown(at) and "second wording" in _markdown(at)
    assert NotesStore().get(note.id).text == "second wording"

    _button(at, "Delete", note.id).click().run()
    assert any("Delete this note?" in w.value for w in at.warning)
    assert NotesStore().get(note.id) is not None  # not yet
    _button(at, "No, keep it", note.id).click().run()
    assert NotesStore().get(note.id) is not None
    _button(at, "Delete", note.id).click().run()
    _button(at, "Yes, delete it", note.id).click().run()
    _no_errors(at)
    assert NotesStore().get(note.id) is None
    assert "second wording" not in _markdown(at)


def test_notes_export_and_import_in_the_notes_view(sample, downloads, tmp_path):
    sha = sample["sha"]
    NotesStore().add(sha, "ICU", "ICU A1", "exported note", "agree")
    at = _app(sample, "Notes")
    data = json.loads(downloads["analyser-notes.json"])
    assert "exported note" in [n["text"] for n in data["notes"]]
    incoming = {"format": "code-of-practice-analyser-notes", "version": 1, "notes": [
        {"id": "colleague-1", "code_sha256": sha, "code_short_name": "ICU", "measure_id": "ICU C9",
         "paragraph": "C9.3", "position": "object", "text": "colleague's note", "author": "Bo",
         "created": 1.0, "updated": 2.0}]}
    at.file_uploader(key="notes_import_file").set_value(
        ("team.json", json.dumps(incoming).encode(), "application/json")).run()
    at.button(key="notes_import").click().run()
    _no_errors(at)
    assert any("team.json: 1 added" in s.value for s in at.success)
    at.run()  # a rerun before the officer has read it (it had been popped once drawn, and lost if that run was cut)
    assert any("team.json: 1 added" in s.value for s in at.success)
    notes = _frames(at)[0]
    assert "colleague's note" in notes["note"].tolist()
    at.file_uploader(key="notes_import_file").set_value(("x.json", b"[]", "application/json")).run()
    at.button(key="notes_import").click().run()
    assert any("not a notes file" in e.value for e in at.error)


def test_text_shown_as_html_is_never_read_as_markdown(sample):
    """Text escaped for HTML can still carry Markdown syntax (``*``, ``_``, ``#``). Every element that
    allows HTML therefore starts with a tag: CommonMark then treats it as an HTML block and leaves
    the text inside as written. A note with such syntax is the probe."""
    at = _app(sample, "Measure")
    at.selectbox(key="measure").set_value("ICU C9").run()
    note = "*not emphasis* and _not_ either; <b>no bold</b> # no heading"
    at.text_area(key="note_text_ICU C9").set_value(note)
    at.button[[b.label for b in at.button].index("Save note")].click().run()
    _no_errors(at)
    assert any("*not emphasis* and _not_ either; &lt;b&gt;no bold&lt;/b&gt;" in m.value for m in at.markdown)
    for view in VIEWS_WITH_HTML:
        at.radio(key="view").set_value(view).run()
        _no_errors(at)
        html_blocks = [m.value for m in at.markdown if m.proto.allow_html]
        assert html_blocks, view
        for value in html_blocks:
            assert value.lstrip().startswith("<"), (view, value[:120])


VIEWS_WITH_HTML = ["Overview", "Measure", "Search", "Compare versions"]


@pytest.fixture
def downloads(monkeypatch):
    """Capture what the app hands to ``st.download_button`` (the bytes a user would save)."""
    seen: dict[str, bytes] = {}
    real = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):
        if filename:
            seen[filename] = path_or_data if isinstance(path_or_data, bytes) else Path(path_or_data).read_bytes()
        return real(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    return seen


def test_export_each_format(sample, downloads, tmp_path, monkeypatch):
    # notes of its own: other tests' notes on ICU C9 (test_app_speed's) would change the positions asserted below
    monkeypatch.setenv("ANALYSER_DATA_DIR", str(tmp_path / "data"))
    NotesStore().add(sample["sha"], "ICU", "ICU C9", "Object to the feasibility let-out.", "object")
    NotesStore().add(sample["sha"], "ICU", "ICU C9", "Scope: public only.", "concern", paragraph="C9.3")
    at = _app(sample, "Export")
    at.selectbox(key="ex_source").set_value("large-e2ee-messaging")
    at.multiselect(key="ex_chapters").set_value(["C"]).run()
    _no_errors(at)
    assert {b.label for b in at.get("download_button")} >= {"Excel (XLSX)", "CSV", "Markdown", "Word (DOCX)"}
    # The name says what was selected: the service and the chapter filter.
    stem = "icu-sample-export-large-end-to-end-encrypted-messaging-service-chapters-c"
    wb = load_workbook(io.BytesIO(downloads[f"{stem}.xlsx"]))
    rows = list(wb["Measures"].iter_rows(values_only=True))
    c9 = dict(zip(rows[0], next(r for r in rows if r[0] == "ICU C9")))
    assert (c9["status"], c9["position"]) == ("qualified", "object, concern")
    assert "para C9.3: concern: Scope: public only." in c9["note"]  # a paragraph note on its measure's row
    assert all(r[2] == "C" for r in rows[1:])  # chapter filter applied
    details = list(wb["Details"].iter_rows(values_only=True))
    assert any(r[0] == "qualifier" and r[1] == "ICU C9" and r[4].startswith("ICU C9, para C9.") for r in details[1:])
    about = {r[0]: r[1] for r in wb["About"].iter_rows(values_only=True)}
    assert about["sha256"] == sample["sha"] and about["Filters"] == "chapters: C"

    table = list(csv.DictReader(io.StringIO(downloads[f"{stem}.csv"].decode("utf-8-sig"))))
    assert table[0]["kind"] == "about" and any(r["text"] == "SAMPLE – not official text" for r in table[:3])
    c9row = next(r for r in table if r["kind"] == "measure" and r["measure_id"] == "ICU C9")
    assert c9row["status"] == "qualified" and "object: Object to the feasibility let-out." in c9row["text"]

    md = downloads[f"{stem}.md"].decode()
    assert "SAMPLE – not official text" in md and "## ICU C9" in md and "**Status:** qualified" in md
    assert f"- **sha256:** {sample['sha']}" in md

    doc = Document(io.BytesIO(downloads[f"{stem}.docx"]))
    heads = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert any(h.startswith("ICU C9 — ") for h in heads)
    assert not any(h.startswith("ICU A") for h in heads)
    assert "SAMPLE – not official text" in doc.sections[0].header.paragraphs[0].text

    # Unfiltered, the name differs: two different selections never share a file name.
    at.multiselect(key="ex_chapters").set_value([]).run()
    assert "icu-sample-export-large-end-to-end-encrypted-messaging-service-all-measures.csv" in downloads


def test_response_draft_from_the_export_view(sample, downloads):
    NotesStore().add(sample["sha"], "ICU", "ICU C9", "The public-only scope is the loophole.", "object",
                     paragraph="C9.3")
    at = _app(sample, "Export")
    at.selectbox(key="ex_source").set_value("large-e2ee-messaging").run()
    at.text_area(key="rd_questions").set_value("Question 3: hash matching\nQuestion 7: take-down").run()
    at.multiselect(key="rd_q_0").set_value(["ICU C9"])
    at.multiselect(key="rd_q_1").set_value(["ICU C2"]).run()
    _no_errors(at)
    name = "icu-sample-response-draft-large-end-to-end-encrypted-messaging-service-2-questions"
    md = downloads[f"{name}.md"].decode()
    assert md.index("## Question 3: hash matching") < md.index("### ICU C9") < \
        md.index("## Question 7: take-down") < md.index("### ICU C2")
    assert "content communicated publicly by means of the service.” — ICU C9, para C9.3, p. 14" in md
    assert "not technically feasible.” — ICU C2, para C2.4, p. 12" in md
    assert "### Objections" in md and "The public-only scope is the loophole." in md
    doc = Document(io.BytesIO(downloads[f"{name}.docx"]))
    assert any("— ICU C9, para C9.3, p. 14" in p.text for p in doc.paragraphs)


def test_measure_view_shows_the_service_status_and_the_scope(sample):
    at = _app(sample, "Service profile")
    at.selectbox(key="sp_start").set_value("large-e2ee-messaging").run()
    at.radio(key="view").set_value("Measure").run()
    at.selectbox(key="measure").set_value("ICU C9").run()
    _no_errors(at)
    assert at.selectbox(key="m_service").value == "(current)"
    text = _markdown(at)
    box = next(m.value for m in at.markdown if 'class="status-box"' in m.value)
    assert "◐ qualified" in box and "communicated publicly" in box
    # "communicated publicly" is marked as a scope qualifier, in the text and in the legend...
    assert re.search(r'<mark class="q q-scope"[^>]*>in relation to content communicated publicly', text)
    assert "q q-scope" in next(m.value for m in at.markdown if m.value.startswith('<div class="para">Qualifiers:'))
    # ... and the loophole box names it with its citation.
    risk = _visible(next(m.value for m in at.markdown if 'class="risk"' in m.value))
    assert "content scope, “in relation to content communicated publicly by means of the service” " \
           "(ICU C9, para C9.3, p. 14)" in risk
    # No internal key anywhere on the page.
    for key in ("feasibility.technically-feasible", "risk(csam-image", "public-content", "users_over("):
        assert key not in text, key
    frames = _frames(at)
    assert all("feasibility.technically-feasible" not in df.to_string() for df in frames)
    at.selectbox(key="m_service").set_value("small-low-risk-forum").run()
    assert "○ exempt" in next(m.value for m in at.markdown if 'class="status-box"' in m.value)


def test_explain_one_measure_follows_the_archetype_and_speaks_in_words(sample):
    at = _app(sample, "Service profile")
    at.selectbox(key="sp_lookup").set_value("ICU A1").run()
    at.selectbox(key="sp_start").set_value("large-e2ee-messaging").run()
    _no_errors(at)
    assert at.selectbox(key="sp_lookup").value == "ICU C2"  # the first measure qualified for it
    at.selectbox(key="sp_lookup").set_value("ICU C9").run()
    conditions = _tables(at, "cop-conditions")[0]["condition"].tolist()  # an HTML table since the Matrix's speed pass
    assert "medium or high risk of image-based CSAM" in conditions and not any("(" in c and ">=" in c
                                                                              for c in conditions)
    assert any("What lets it out: content scope: only content communicated publicly" in m.value for m in at.markdown)
    assert any("15,000,000 monthly active UK users" in c.value for c in at.caption)
    legend = next(m.value for m in at.markdown if 'class="legend"' in m.value)
    assert "qualified" in legend and "exempt" in legend


@pytest.mark.parametrize("name, content", [
    ("notes.pdf", b"This is a text file, not a PDF at all.\n"),
    ("empty.pdf", b""),
])
def test_bad_upload_gets_one_clear_line(sample, name, content):
    at = _app(sample)
    _uploader(at).set_value((name, content, "application/pdf")).run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and errors[0].startswith(f"{name}: "), errors
    assert "Traceback" not in errors[0]
    # The bad file is not offered as a document, and the app still works on the sample.
    assert all("notes.pdf" not in o and "empty.pdf" not in o for o in at.selectbox(key="doc").options)
    assert at.selectbox(key="doc").value == sample["key"]


def test_truncated_pdf_upload(sample):
    data = Path(sample["path"]).read_bytes()
    at = _app(sample)
    _uploader(at).set_value(("cut.pdf", data[: len(data) // 3], "application/pdf")).run()
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and errors[0].startswith("cut.pdf: "), errors


def test_compare_with_itself_reports_no_change(sample):
    at = _app(sample, "Compare versions")
    at.selectbox(key="cmp_old").set_value(sample["key"])
    at.selectbox(key="cmp_new").set_value(sample["key"]).run()
    _no_errors(at)
    assert any("No changes" in s.value for s in at.success)


def test_compare_two_editions(sample, fixtures_dir, downloads):
    v2 = fixtures_dir / "icu_sample_v2.pdf"
    if not v2.exists():
        pytest.skip("tests/fixtures/icu_sample_v2.pdf has not been generated")
    at = _app(sample)
    _uploader(at).set_value(("icu_sample_v2.pdf", v2.read_bytes(), "application/pdf")).run()
    _no_errors(at)
    new_key = f"up:{_sha(v2)}"
    assert at.selectbox(key="doc").value == new_key
    at.radio(key="view").set_value("Compare versions").run()
    at.selectbox(key="cmp_old").set_value(sample["key"])
    at.selectbox(key="cmp_new").set_value(new_key).run()
    _no_errors(at)
    metrics = {m.label: int(m.value) for m in at.metric}
    assert metrics["added"] >= 1 and metrics["removed"] >= 1 and metrics["changed"] >= 1
    assert "<ins>" in _markdown(at) or "<del>" in _markdown(at)
    assert {b.label for b in at.get("download_button")} == {"Markdown", "HTML", "Word (DOCX)"}
    assert any(name.endswith(".docx") for name in downloads)


def test_compare_works_offline_on_the_two_bundled_sample_editions(sample, fixtures_dir):
    """A fresh install can try version comparison: the second sample edition is bundled, and the
    view proposes it as the newer edition. The expected edits come from the generator's record."""
    second = ROOT / "codes" / "sample" / "icu-sample-2.pdf"
    if not second.exists():
        pytest.skip("codes/sample/icu-sample-2.pdf is not bundled")
    edits = json.loads((fixtures_dir / "icu_sample_v2.expected.json").read_text(encoding="utf-8"))["edits"]
    at = _app(sample, "Compare versions")
    _no_errors(at)
    assert at.selectbox(key="cmp_old").value == sample["key"]
    assert at.selectbox(key="cmp_new").value == "cat:icu-sample-2"
    assert "edition 2" in at.selectbox(key="cmp_new").format_func("cat:icu-sample-2")
    metrics = {m.label: int(m.value) for m in at.metric}
    assert (metrics["added"], metrics["removed"], metrics["renumbered"]) == \
        (len(edits["added"]), len(edits["removed"]), len(edits["renumbered"]))
    summary = _markdown(at)
    assert all(e["id"] in summary for e in edits["added"] + edits["removed"])
    assert any("SAMPLE" in c.value for c in at.caption)


def test_link_with_query_parameters_opens_the_measure(sample):
    """What a cross-reference link or a bookmark does: a fresh session opens that measure."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update({"view": "Measure", "doc": sample["key"], "measure": "ICU C5"})
    at.run()
    _no_errors(at)
    assert at.radio(key="view").value == "Measure"
    assert at.selectbox(key="measure").value == "ICU C5"
    assert any(s.value.startswith("ICU C5: ") for s in at.title)


def test_unreadable_notes_store_breaks_only_the_notes(sample, tmp_path, monkeypatch):
    """An unexpected failure shows a short message with details folded away, never a traceback,
    and the other views keep working."""
    data = tmp_path / "data"
    (data / "uploads").mkdir(parents=True)
    for pdf in (paths.data_dir() / "uploads").glob("*.pdf"):
        shutil.copyfile(pdf, data / "uploads" / pdf.name)
    (data / "notes.sqlite").write_bytes(b"this is not an SQLite database " * 100)
    monkeypatch.setenv("ANALYSER_DATA_DIR", str(data))
    st.cache_resource.clear()
    try:
        at = _app_allowing_errors(sample, "Notes")
        assert not at.exception
        assert len(at.error) == 1 and at.error[0].value.startswith("Sorry, this view hit a problem")
        assert "Traceback" not in at.error[0].value
        assert [e.label for e in at.expander if e.label.startswith("Details")] == ["Details (for a bug report)"]
        at.radio(key="view").set_value("Overview").run()
        _no_errors(at)
        assert {"Measures", "Qualifiers flagged"} <= set(_figures(at))
    finally:
        st.cache_resource.clear()


def _app_allowing_errors(sample: dict, view: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.selectbox(key="doc").set_value(sample["key"]).run()
    at.radio(key="view").set_value(view).run()
    return at


@pytest.mark.parametrize("pdf", [
    "tests/fixtures/ics_sample.pdf",  # a search code
    "tests/fixtures/pcu_sample.pdf",  # a children's code
    "../shared/corpus/eu-gpai-safety-security.pdf",  # real text nobody here wrote; no chapters
])
def test_every_view_works_on_other_codes(sample, pdf, downloads):
    path = (ROOT / pdf).resolve()
    if not path.exists():
        pytest.skip(f"{pdf} is not present")
    at = _app(sample)
    _uploader(at).set_value((path.name, path.read_bytes(), "application/pdf")).run()
    _no_errors(at)
    assert at.selectbox(key="doc").value == f"up:{_sha(path)}"
    for view in ["Overview", "Matrix", "Service profile", "Measure", "Search", "Notes", "Export"]:
        at.radio(key="view").set_value(view).run()
        _no_errors(at)
    # Exports cite the file by the name it was uploaded under, not the stored <sha256>.pdf.
    md = next(v for k, v in downloads.items() if k.endswith(".md")).decode()
    assert f"- **Source file:** {md_escape(path.name)}\n" in md, md[:600]
    at.radio(key="view").set_value("Search").run()
    at.text_input(key="search_q").set_value("provider").run()
    _no_errors(at)
    assert any(re.search(r'<mark class="hit"', m.value) for m in at.markdown)
    at.radio(key="view").set_value("Compare versions").run()
    assert not at.exception
    # A different code family is refused with a message, not diffed.
    at.selectbox(key="cmp_old").set_value(sample["key"])
    at.selectbox(key="cmp_new").set_value(f"up:{_sha(path)}").run()
    assert any("different code" in w.value for w in at.warning), [w.value for w in at.warning]


def test_measure_view_lists_the_measures_that_refer_to_it(sample, icu_expected):
    referring = sorted({m["id"] for m in icu_expected["measures"] for r in m["cross_refs"]
                        if r["kind"] == "measure" and r["target"] == "ICU C5" and m["id"] != "ICU C5"})
    assert "ICU C9" in referring  # C9.9 refers to ICU C5 in the fixture
    at = _app(sample, "Measure")
    at.selectbox(key="measure").set_value("ICU C5").run()
    _no_errors(at)
    shown = sorted(b.key.rsplit("_", 1)[1] for b in at.button if b.key and b.key.startswith("dep_ICU C5_"))
    assert set(referring) <= set(shown)


def test_a_long_analysis_shows_progress(sample, monkeypatch):
    """An upload that has to be analysed drives a progress bar through the pipeline's callback."""
    from streamlit.elements import progress as progress_mod

    seen: list[str] = []
    real = progress_mod.ProgressMixin.progress

    def spy(self, value, text=None, **kwargs):
        seen.append(text or "")
        return real(self, value, text=text, **kwargs)

    monkeypatch.setattr(progress_mod.ProgressMixin, "progress", spy)
    pdf = ROOT / "tests" / "fixtures" / "icu_sample_v2.pdf"
    if not pdf.exists():
        pytest.skip("icu_sample_v2.pdf has not been generated")
    # Bytes after %%EOF make a new document (new sha256) that is certainly not in any cache.
    data = pdf.read_bytes() + b"\n% progress test\n"
    at = _app(sample)
    _uploader(at).set_value(("fresh.pdf", data, "application/pdf")).run()
    _no_errors(at)
    assert seen and all(t.startswith("Analysing ") for t in seen), seen
