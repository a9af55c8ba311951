"""The app in a real browser: Debian's chromium driven by Playwright against ``streamlit run app.py``.

AppTest runs the script without a browser; this test catches what only a browser shows (the page
actually renders, widgets respond to clicks and keys, the status text reaches the DOM). It saves
screenshots under ``tests/artifacts/`` (ignored by git) at 1280x800 and at a narrow width.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from analyser import paths

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
BUNDLED = ROOT / "codes" / "sample" / "icu-sample.pdf"
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason=f"{CHROMIUM} is not installed (apt-get install chromium)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def wait_healthy(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited: {proc.stdout.read().decode(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError("streamlit did not become healthy")


@pytest.fixture(scope="module")
def server(sample_icu_pdf, icu_code):
    """A streamlit server on a free port, on a warm analysis cache (``icu_code`` filled it)."""
    if BUNDLED.exists():
        from analyser.pipeline import load_code

        load_code(BUNDLED)
    else:  # until the bundled sample exists, offer the fixture as an upload
        uploads = paths.data_dir() / "uploads"
        uploads.mkdir(parents=True, exist_ok=True)
        sha = hashlib.sha256(sample_icu_pdf.read_bytes()).hexdigest()
        shutil.copyfile(sample_icu_pdf, uploads / f"{sha}.pdf")
    port = free_port()
    proc = start_server(port, dict(os.environ))
    try:
        wait_healthy(port, proc)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)
        yield b
        b.close()


class Watch:
    """What a page did that it must not: a request to another host (the app must work with no
    network at all) or an error in the browser console. Requests to other hosts are refused, as
    on a machine with no network, and recorded; ``check()`` fails the test on either."""

    def __init__(self, page, server: str):
        self.local = urlparse(server).netloc
        self.external: list[str] = []
        self.errors: list[str] = []
        page.route("**/*", self._route)
        page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _route(self, route) -> None:
        url = urlparse(route.request.url)
        if url.scheme in ("data", "blob") or url.netloc == self.local:
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def check(self) -> None:
        assert self.external == [], f"requests left the machine: {self.external}"
        assert self.errors == [], f"console errors: {self.errors}"


def watched_page(browser, server: str, width: int = 1280, height: int = 800):
    page = browser.new_page(viewport={"width": width, "height": height}, accept_downloads=True)
    return page, Watch(page, server)


def wait_idle(page, timeout: float = 30_000) -> None:
    """Wait until the script has finished its run (Streamlit shows its status widget while running)."""
    page.wait_for_function(
        "() => !document.querySelector(\"[data-testid='stStatusWidget']\")", timeout=timeout)


# The app's style sheet (assets/app.css) is in effect, and with it every element the app writes
# as HTML: both come with Streamlit's lazily loaded HTML renderer, which can arrive a second after
# the script's run has finished (sooner on a fresh server, whose slower first run gives it time).
# Until then a rule such as "the grid on a wide page, the list on a narrow one" does not hold yet.
STYLED = "() => { const a = document.querySelector('.app-name'); return !!a && getComputedStyle(a).fontWeight === '700'; }"


def wait_styled(page, timeout: float = 15_000) -> None:
    """Wait until the app's style sheet applies (and the HTML it writes has been drawn)."""
    page.wait_for_function(STYLED, timeout=timeout)


def describe(page) -> str:
    """What the page shows now, for a failure message: the selected grid cells and the statuses."""
    selected = page.evaluate("() => Array.from(document.querySelectorAll('[aria-selected=true]'))"
                             ".map(e => e.id + '=' + e.textContent)")
    statuses = [t[:120] for t in page.locator("[data-testid='stMarkdownContainer']").all_inner_texts()
                if "ICU " in t and ": " in t]
    running = page.locator("[data-testid='stStatusWidget']").count()
    return f"selected cells: {selected}; statuses shown: {statuses[:3]}; script running: {bool(running)}"


def pick(page, label: str, option: str, exact: bool = False) -> None:
    """Choose ``option`` in the Streamlit selectbox labelled ``label``, with the keyboard."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(3):  # a rerun still drawing the page can close the list under the cursor
        wait_idle(page)
        box = page.get_by_role("combobox", name=label, exact=exact)
        box.click()
        box.fill(option)
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=10_000)
            return
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")


def test_pick_a_profile_and_read_a_status(server, browser):
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page, watch = watched_page(browser, server)
    page.goto(server)
    page.get_by_role("button", name="Open in Measure view").wait_for(timeout=30_000)
    page.locator("table.cop-chart").nth(1).wait_for(timeout=30_000)
    page.locator("dd.cop-figure-value").nth(3).wait_for(timeout=30_000)  # the Overview's four figures
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("SAMPLE – not official text").first.is_visible()
    page.screenshot(path=ARTIFACTS / "overview-1280x800.png")

    page.get_by_text("Service profile", exact=True).click()
    page.get_by_text("Service profile explorer").wait_for(timeout=45_000)
    pick(page, "Start from an archetype", "Large end-to-end encrypted messaging service")
    # The archetype fills the form in a callback; a widget changed before the browser has those
    # values would send the old ones back (Streamlit's rule), so wait as a person would.
    expect(page.get_by_role("textbox", name="Service name")).to_have_value(
        "Large end-to-end encrypted messaging service", timeout=30_000)
    pick(page, "Explain one measure for this service", "ICU C9 — " + _c9_title(page))
    status = page.get_by_text("ICU C9: qualified")
    try:
        status.wait_for(timeout=45_000)
    except Exception as exc:
        pytest.fail(f"{exc}\n{describe(page)}")
    assert "applies, with a way out, to Large end-to-end encrypted messaging service" in \
        page.locator("[data-testid='stMarkdownContainer']", has_text="ICU C9: qualified").first.inner_text()
    page.screenshot(path=ARTIFACTS / "profile-1280x800.png")
    assert not page.get_by_text("Traceback").count()

    # A narrow window: the same page still renders its status text (columns stack).
    page.set_viewport_size({"width": 420, "height": 800})
    page.wait_for_timeout(500)
    narrow_status = page.get_by_text("ICU C9: qualified").first
    narrow_status.scroll_into_view_if_needed()
    assert narrow_status.is_visible()
    assert narrow_status.bounding_box()["width"] <= 420
    page.screenshot(path=ARTIFACTS / "profile-narrow.png")
    watch.check()
    page.close()


def _c9_title(page) -> str:
    from analyser.pipeline import load_code

    pdf = BUNDLED if BUNDLED.exists() else ROOT / "tests" / "fixtures" / "icu_sample.pdf"
    return load_code(pdf).measure("ICU C9").title


def test_pdf_link_serves_the_pdf(server, browser):
    page, watch = watched_page(browser, server)
    page.goto(server + "?view=Measure&measure=ICU%20C9")
    link = page.get_by_role("link", name="Open the PDF at page")
    link.wait_for(timeout=30_000)
    href = link.get_attribute("href")
    assert href.startswith("app/static/pdf/") and "#page=" in href
    with urllib.request.urlopen(server + href.split("#")[0], timeout=10) as r:
        assert r.headers["Content-Type"] == "application/pdf"
        assert r.read(5) == b"%PDF-"
    watch.check()
    page.close()


def test_keyboard_alone_moves_between_views(server, browser):
    """The view switcher is a native radio group: arrow keys change the view, no mouse needed."""
    page, watch = watched_page(browser, server)
    page.goto(server)
    page.get_by_role("button", name="Open in Measure view").wait_for(timeout=30_000)
    page.get_by_role("radio", name="Overview").focus()
    page.keyboard.press("ArrowDown")
    page.get_by_text("Matrix: measures × service archetypes").wait_for(timeout=15_000)
    assert page.get_by_role("radio", name="Matrix").is_checked()
    watch.check()
    page.close()


def test_loophole_table_links_open_the_measure(server, browser):
    """The Overview's risk table links each measure ID to its Measure view (drawn charts included)."""
    page, watch = watched_page(browser, server)
    page.goto(server)
    page.locator("table.cop-chart").nth(1).wait_for(timeout=30_000)
    link = page.locator("table.cop-table a").first
    link.wait_for(timeout=30_000)
    mid = link.inner_text()
    link.click()
    page.get_by_role("link", name="Open the PDF at page").wait_for(timeout=30_000)
    assert parse_qs(urlparse(page.url).query)["measure"] == [mid]
    assert page.get_by_text(mid, exact=False).first.is_visible()
    assert page.get_by_role("radio", name="Measure").is_checked()
    watch.check()
    page.close()


def _row_height(grid) -> float:
    """The grid's row height in px: its scrolled content (header 35 px and every row) over its rows
    (the app sets taller rows where text wraps, analyser/app/grids.py). Waits for the grid's table first: while a
    rerun redraws the grid it is briefly absent (seen under load, a TypeError reading its row count)."""
    grid.locator("[aria-rowcount]").first.wait_for(state="attached", timeout=30_000)
    return grid.evaluate("""g => { const t = g.querySelector('[aria-rowcount]');
        return (g.querySelector('.dvn-scroller').scrollHeight - 35) / (Number(t.getAttribute('aria-rowcount')) - 1); }""")


def test_the_matrix_is_a_table_read_and_explained_with_the_keyboard(server, browser):
    """The matrix is an HTML table (it was a data grid, whose cells were picked with a click and
    the arrow keys, until its first visit had to be under 1 s): a screen reader reads its row and
    column headers, the keyboard reaches its region after the filters and scrolls it sideways,
    and the Measure and Archetype pickers under it, used with the keyboard, explain a cell (ICU
    C2 for the E2EE messaging archetype: the feasibility qualifier that lets E2EE services out)."""
    page, watch = watched_page(browser, server)
    page.goto(server + "?view=Matrix")
    page.get_by_role("heading", name="Why this status?").wait_for(timeout=30_000)
    table = page.locator("table.cop-matrix")
    table.wait_for(timeout=30_000)
    wait_idle(page)
    assert page.locator("[data-testid='stDataFrame']").count() == 0  # no data grid in the view
    # Row headers (the measures) and column headers (the archetypes), read as a table is read.
    e2ee = "Large end-to-end encrypted messaging service"
    column = table.locator("thead th[scope='col']").all_inner_texts().index(e2ee)
    row = table.locator("tbody tr").filter(has=page.locator("th[scope='row']", has_text="ICU C2"))
    assert row.locator("th, td").nth(column).inner_text() == "◐ qualified"
    # The keyboard: from the last filter, Tab reaches the table's region, and the arrow keys
    # scroll it sideways (it is wider than the page at 1280 px).
    region = page.locator(".cop-matrix-scroll")
    assert region.evaluate("r => r.scrollWidth > r.clientWidth"), "the matrix no longer scrolls: retest the keys"
    page.get_by_role("combobox", name="Status (in any archetype)").focus()
    for _ in range(6):
        page.keyboard.press("Tab")
        if region.evaluate("r => document.activeElement === r"):
            break
    else:
        pytest.fail("Tab from the filters never reached the matrix's region")
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('.cop-matrix-scroll').scrollLeft > 0", timeout=5_000)
    # The pickers, with the keyboard (pick types the option and chooses it).
    pick(page, "Measure", "ICU C2 — " + _measure_title(page, "ICU C2"), exact=True)
    pick(page, "Archetype", e2ee, exact=True)
    explained = page.locator("[data-testid='stMarkdownContainer']", has_text="ICU C2: qualified")
    try:
        explained.first.wait_for(timeout=30_000)
    except Exception as exc:
        pytest.fail(f"{exc}\n{describe(page)}")
    assert f"applies, with a way out, to {e2ee}" in explained.first.inner_text()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / "matrix-1280x800.png")
    watch.check()
    page.close()


def _measure_title(page, mid: str) -> str:
    """The title the Matrix shows for measure ``mid`` (its row's Title cell)."""
    return page.locator("table.cop-matrix tbody tr").filter(
        has=page.locator("th[scope='row']", has_text=mid)).locator("td").first.inner_text()


HOSTILE_CHART_APP = """
import sys
sys.path.insert(0, {root!r})
import streamlit as st
from analyser import charts
from analyser.overview import ChapterCount, Overview, QualifierCount
title = "<img src=x onerror=alert(1)><b>bold</b>"
ov = Overview(measures=3, paragraphs=3, qualifiers=2, high_risk=0, chapters=[ChapterCount("A", title, 3)],
              qualifier_counts=[QualifierCount("A", "<i>x</i>", 2)])
st.markdown(charts.measures_by_chapter(ov), unsafe_allow_html=True)
st.markdown(charts.qualifiers_by_category(ov), unsafe_allow_html=True)
st.button("Ready")
"""


def test_chart_labels_show_document_text_as_text(browser, tmp_path):
    """The Overview's charts are HTML written with the page (analyser/charts.py) and carry chapter
    titles from the PDF, and category names from a user's lexicon: markup in them must show as
    text, never run or become an element."""
    script = tmp_path / "hostile_chart.py"
    script.write_text(HOSTILE_CHART_APP.format(root=str(ROOT)), encoding="utf-8")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
                             "--server.address", "127.0.0.1", "--server.headless", "true"],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        wait_healthy(port, proc)
        page = browser.new_page(viewport={"width": 1000, "height": 700})
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(f"http://127.0.0.1:{port}/")
        page.get_by_role("button", name="Ready").wait_for(timeout=30_000)
        charts = page.locator("table.cop-chart")
        charts.nth(1).wait_for(timeout=30_000)
        assert "<img src=x onerror=alert(1)><b>bold</b>" in charts.nth(0).inner_text()
        assert "<i>x</i>" in charts.nth(1).inner_text()
        assert page.locator("table.cop-chart img, table.cop-chart b, table.cop-chart i").count() == 0
        assert page.locator("table.cop-chart .cop-bar").count() == 1  # the bar is drawn beside the text
        page.wait_for_timeout(300)
        assert dialogs == []
        page.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


# ---------------------------------------------------------------------------------------------
# The officer's workspace: notes as a record, exports with provenance, the response draft.

PROVENANCE = ("Document", "Version", "Source file", "sha256", "Service profile", "Filters", "Analyser version",
              "Exported")


def _choose(page, label: str, option: str) -> None:
    """``pick`` for a selectbox whose label is part of others' ("On")."""
    pick(page, label, option, exact=True)
    wait_idle(page)


def _write_note(page, paragraph: str, position: str, text: str) -> None:
    _choose(page, "On", f"paragraph {paragraph}")
    page.locator("[data-testid='stRadio'] label").filter(has_text=re.compile(f"^{position}$")).click()
    page.get_by_role("textbox", name="Note", exact=True).fill(text)
    page.get_by_role("button", name="Save note").click()
    page.get_by_text(f"Saved note on ICU C9, para {paragraph}").wait_for(timeout=30_000)
    # the confirmation is sent before the list of notes (analyser/app/views/notes.py), and a second
    # note's confirmation reads as the first's: wait for the note itself to be listed
    page.locator("[data-testid='stLayoutWrapper']").filter(has_text=text).first.wait_for(timeout=30_000)
    wait_idle(page)


def _download(page, name: str, tmp_path: Path) -> Path:
    wait_idle(page)
    button = page.locator("[data-testid='stDownloadButton']").get_by_role("button", name=name, exact=True)
    for _ in range(50):  # a view being redrawn can show the old run's button beside the new one
        if button.count() == 1:
            break
        page.wait_for_timeout(200)
    from playwright.sync_api import Error as PlaywrightError

    for attempt in range(3):
        with page.expect_download(timeout=30_000) as info:
            button.last.click()
        target = tmp_path / info.value.suggested_filename
        try:
            info.value.save_as(target)
            return target
        except PlaywrightError as err:
            # a download the browser cancels because a rerun redrew its button as it began (seen under load in full
            # runs, load 4-8; never alone): clicked again on the button the rerun drew, it is the same file
            if "canceled" not in str(err) or attempt == 2:
                raise
            wait_idle(page)
    raise AssertionError("unreachable")


def test_the_officers_workspace_end_to_end(server, browser, tmp_path):
    """Two notes on one paragraph, an edit with its history, notes out and in as JSON, every export
    opened and checked for its provenance, and the response draft for the E2EE archetype with
    C9's public-content and C2's feasibility wording quoted and cited; no request leaves the machine."""
    from docx import Document
    from openpyxl import load_workbook

    stamp = str(int(time.time() * 1000))  # this run's notes, told apart from other tests' notes
    first, second = f"object {stamp}: public-only scope", f"concern {stamp}: old content only"
    page, watch = watched_page(browser, server)
    page.goto(server + "?view=Measure&measure=ICU%20C9")
    page.get_by_role("button", name="Save note").wait_for(timeout=30_000)
    _write_note(page, "C9.6", "object", first)
    _write_note(page, "C9.6", "concern", second)
    cards = page.locator("[data-testid='stLayoutWrapper']").filter(has_text=stamp)
    from playwright.sync_api import expect
    # waited for, not counted at one instant: under load the list can be mid-redraw when the second save's rerun
    # lands (seen once on a loaded machine: the second card detached at the moment of counting)
    expect(cards.filter(has_text=first).first).to_be_visible(timeout=30_000)
    expect(cards.filter(has_text=second).first).to_be_visible(timeout=30_000)

    # Edit the first: the form shows its wording; saving keeps the old one as a version.
    card = cards.filter(has_text=first).last
    card.get_by_role("button", name="Edit").click()
    note_box = page.get_by_role("textbox", name="Note", exact=True)

    expect(note_box).to_have_value(first, timeout=30_000)
    edited = f"object {stamp}: the public-only scope lets every E2EE service out"
    note_box.fill(edited)
    page.get_by_role("button", name="Save changes").click()
    page.get_by_text("the earlier wording is kept in its history").wait_for(timeout=30_000)
    wait_idle(page)
    card = page.locator("[data-testid='stLayoutWrapper']").filter(has_text=edited).last
    card.get_by_text("Earlier versions (1)").click()
    card.get_by_text(first).wait_for(timeout=10_000)
    page.screenshot(path=ARTIFACTS / "notes-1280x800.png")

    # Notes out as JSON, and a colleague's file in.
    page.goto(server + "?view=Notes")
    page.get_by_role("button", name="Download all notes (JSON)").wait_for(timeout=30_000)
    exported = json.loads(_download(page, "Download all notes (JSON)", tmp_path).read_text(encoding="utf-8"))
    mine = [n for n in exported["notes"] if stamp in n["text"]]
    assert sorted(n["text"] for n in mine) == sorted([edited, second])
    assert [v["text"] for n in mine if n["text"] == edited for v in n["history"]] == [first]
    colleague = dict(mine[0], id=f"colleague-{stamp}", text=f"colleague {stamp}", author="Bo", history=[])
    team = tmp_path / "team.json"
    team.write_text(json.dumps({"format": exported["format"], "version": 1, "notes": [colleague]}), encoding="utf-8")
    uploader = page.locator("[data-testid='stFileUploader']").filter(has_text="Notes file to import")
    uploader.locator("input[type=file]").set_input_files(team)
    uploader.get_by_text("team.json").wait_for(timeout=30_000)  # the upload has reached the server
    wait_idle(page)
    added = page.get_by_text("team.json: 1 added")
    not_yet = page.get_by_text("Choose a notes file (JSON) first.")
    try:
        for _ in range(6):
            # a click that reaches the script before the upload's own rerun is told to choose a file, or is lost in
            # that rerun (both seen in fresh-clone CI runs on two cores): the officer clicks again once the page settles
            page.get_by_role("button", name="Import notes").click()
            try:
                added.or_(not_yet).first.wait_for(timeout=10_000)
            except Exception:  # noqa: BLE001 - neither answer yet: click again
                pass
            if added.count():
                break
            wait_idle(page)
            page.wait_for_timeout(1_000)
        added.wait_for(timeout=30_000)
    except Exception as exc:
        shown = page.locator("[data-testid='stAlert']").all_inner_texts()
        pytest.fail(f"{exc}\nalerts on the page: {shown}")

    # Every export, opened and read back for its provenance.
    page.goto(server + "?view=Export")
    page.get_by_role("combobox", name="Statuses for").wait_for(timeout=30_000)
    pick(page, "Statuses for", "Large end-to-end encrypted messaging service")
    page.get_by_role("button", name="Response draft (Word)").wait_for(timeout=30_000)
    files = {fmt: _download(page, label, tmp_path) for fmt, label in (
        ("xlsx", "Excel (XLSX)"), ("csv", "CSV"), ("md", "Markdown"), ("docx", "Word (DOCX)"),
        ("rd_md", "Response draft (Markdown)"), ("rd_docx", "Response draft (Word)"))}
    assert all("large-end-to-end-encrypted-messaging-service" in p.name for p in files.values()), files
    sha = hashlib.sha256(BUNDLED.read_bytes()).hexdigest()
    about = {r[0]: r[1] for r in load_workbook(files["xlsx"])["About"].iter_rows(values_only=True)}
    assert set(PROVENANCE) <= set(about) and about["sha256"] == sha
    assert about["Warning"] == "SAMPLE – not official text"
    assert about["Service profile"] == "Large end-to-end encrypted messaging service"
    rows = list(csv.reader(io.StringIO(files["csv"].read_text(encoding="utf-8-sig"))))
    about_csv = {r[2]: r[10] for r in rows if r[0] == "about"}
    assert set(PROVENANCE) <= set(about_csv) and about_csv["sha256"] == sha, about_csv
    assert about_csv["Service profile"] == "Large end-to-end encrypted messaging service"
    assert rows[2][10] == "SAMPLE – not official text"
    c9 = next(r for r in rows if r[0] == "measure" and r[1] == "ICU C9")
    assert edited in c9[10] and second in c9[10]  # both notes on C9.6, on the measure's row
    md = files["md"].read_text(encoding="utf-8")
    assert all(f"- **{k}:** " in md for k in PROVENANCE) and f"- **sha256:** {sha}" in md
    for name in ("docx", "rd_docx"):  # the export and the response draft: the label on every page
        doc = Document(files[name])
        assert all("SAMPLE – not official text" in s.header.paragraphs[0].text for s in doc.sections), name
        about_docx = {r.cells[0].text: r.cells[1].text for r in doc.tables[0].rows}
        assert set(PROVENANCE) <= set(about_docx) and about_docx["sha256"] == sha, (name, about_docx)
        assert about_docx["Service profile"] == "Large end-to-end encrypted messaging service", name

    draft = files["rd_md"].read_text(encoding="utf-8")
    assert "“This measure applies only in relation to content communicated publicly by means of the service.” " \
           "— ICU C9, para C9.3, p. 14" in draft
    assert "unless doing so is not technically feasible.” — ICU C2, para C2.4, p. 12" in draft
    objections = draft.split("### Objections", 1)[1].split("\n### ", 1)[0]
    concerns = draft.split("### Concerns", 1)[1].split("\n### ", 1)[0]
    assert edited in objections and second in concerns
    assert all(f"- **{k}:** " in draft for k in PROVENANCE) and f"- **sha256:** {sha}" in draft
    assert "SAMPLE – not official text" in md and "SAMPLE – not official text" in draft
    words = "\n".join(p.text for p in Document(files["rd_docx"]).paragraphs)
    assert "content communicated publicly by means of the service.”" in words and "— ICU C9, para C9.3, p. 14" in words
    assert "— ICU C2, para C2.4, p. 12" in words
    watch.check()
    page.close()


def test_the_comparison_and_a_filtered_export_carry_their_provenance(server, browser, tmp_path):
    """What the end-to-end test leaves out of "every export opened and checked for its provenance":
    the three exports of Compare versions (Markdown, HTML, Word: both editions' document, version,
    file and full sha256, the sample label, the analyser version and the time; the label in every
    Word page header), and a filtered export with the measures' text: its file names differ from
    the unfiltered ones, the Excel file carries a paragraph's note on its measure's row, and the
    Markdown quotes each paragraph with its citation. No request leaves the machine."""
    from docx import Document
    from openpyxl import load_workbook

    from analyser import __version__
    from analyser.notes import NotesStore

    stamp = str(int(time.time() * 1000))
    editions = {name: hashlib.sha256((ROOT / "codes" / "sample" / name).read_bytes()).hexdigest()
                for name in ("icu-sample.pdf", "icu-sample-2.pdf")}
    page, watch = watched_page(browser, server)
    page.goto(server + "?view=Compare%20versions")
    page.get_by_role("button", name="Word (DOCX)").wait_for(timeout=60_000)
    wait_idle(page)
    compared = {fmt: _download(page, label, tmp_path) for fmt, label in
                (("md", "Markdown"), ("html", "HTML"), ("docx", "Word (DOCX)"))}
    words = Document(compared["docx"])
    texts = {"md": compared["md"].read_text(encoding="utf-8"), "html": compared["html"].read_text(encoding="utf-8"),
             "docx": "\n".join([p.text for p in words.paragraphs]
                               + [c.text for t in words.tables for r in t.rows for c in r.cells])}
    for fmt, text in texts.items():
        for name, sha in editions.items():
            assert name in text and sha in text, (fmt, name)
        assert "SAMPLE – not official text" in text and __version__ in text and "UTC" in text, fmt
        assert "Older edition" in text and "Newer edition" in text, fmt
    assert all("SAMPLE – not official text" in s.header.paragraphs[0].text for s in words.sections)

    store = NotesStore()
    note = store.add(editions["icu-sample.pdf"], "ICU", "ICU C9", f"para note {stamp}", "concern", paragraph="C9.3")
    try:
        page.goto(server + "?view=Export")
        page.get_by_role("combobox", name="Statuses for").wait_for(timeout=30_000)
        pick(page, "Statuses for", "Large end-to-end encrypted messaging service")
        page.get_by_role("button", name="Response draft (Word)").wait_for(timeout=30_000)
        unfiltered = {fmt: _download(page, label, tmp_path).name for fmt, label in
                      (("xlsx", "Excel (XLSX)"), ("md", "Markdown"))}
        page.get_by_text("Only measures with notes").click()
        wait_idle(page)
        page.get_by_text("Include each measure's text with citations").click()
        wait_idle(page)
        # (the Markdown first, until it carries what the checkbox adds: the workbook after it is then of the same run;
        # taken first, it had once been the run's before the filter, in a full run under load)
        files = {"md": _download(page, "Markdown", tmp_path)}
        for _ in range(3):
            # a download button carries the data of the run that drew it: on a loaded machine the click can land
            # before the rerun that the checkbox started has redrawn it (seen once in a full run, load 4-8). The
            # quoted paragraph is what the checkbox adds ("para C9.3" alone is in the note's own line too, so waiting
            # for it had not waited at all: failed once more in a fresh-clone run)
            if "> **C9.3** " in files["md"].read_text(encoding="utf-8"):
                break
            page.wait_for_timeout(1000)
            files["md"] = _download(page, "Markdown", tmp_path)
        files["xlsx"] = _download(page, "Excel (XLSX)", tmp_path)
    finally:
        store.delete(note.id)
    for fmt, path in files.items():
        assert path.name != unfiltered[fmt] and "only-measures-with-notes" in path.name, (path.name, unfiltered)
    book = load_workbook(files["xlsx"])
    about = {r[0]: r[1] for r in book["About"].iter_rows(values_only=True)}
    assert "only measures with notes: yes" in about["Filters"], about
    c9 = next(r for r in book["Measures"].iter_rows(values_only=True) if "ICU C9" in r)
    assert any(f"para note {stamp}" in str(v) for v in c9), c9  # the paragraph's note, on its measure's row
    md = files["md"].read_text(encoding="utf-8")
    assert "only measures with notes: yes" in md
    assert re.search(r"> \*\*C9\.3\*\* This measure applies only in relation to content communicated publicly[^\n]*"
                     r"\\\[ICU C9, para C9\.3, p\. 14\\\]", md), md[:2000]
    watch.check()
    page.close()


def test_the_offline_watch_catches_a_request_to_another_host(server, browser):
    """The guard the other tests rely on can fail: a request to another host is refused and reported,
    and so is a console error."""
    page, watch = watched_page(browser, server)
    page.goto(server)
    page.get_by_role("button", name="Open in Measure view").wait_for(timeout=30_000)
    watch.check()  # the app itself: nothing external, no console error
    page.evaluate("() => fetch('https://fonts.gstatic.com/x.woff2').catch(() => null)")
    page.wait_for_timeout(300)
    assert watch.external == ["https://fonts.gstatic.com/x.woff2"]
    with pytest.raises(AssertionError, match="requests left the machine"):
        watch.check()
    page.close()


def test_explain_one_measure_follows_the_row_picked(server, browser):
    """A row picked in a status tab of the Service profile is the measure explained below the
    tabs (it stayed on the first qualified measure, whatever the officer picked above it)."""
    from playwright.sync_api import expect

    page, watch = watched_page(browser, server)
    page.goto(server + "?view=Service%20profile")
    page.get_by_text("Service profile explorer").wait_for(timeout=45_000)
    pick(page, "Start from an archetype", "Large end-to-end encrypted messaging service")
    expect(page.get_by_role("textbox", name="Service name")).to_have_value(
        "Large end-to-end encrypted messaging service", timeout=30_000)
    page.get_by_text("ICU C2: qualified").first.wait_for(timeout=30_000)  # the first qualified measure
    wait_idle(page)
    grid = page.locator("[data-testid='stDataFrame']").first  # the first tab: the measures that apply
    grid.locator("canvas").first.wait_for(timeout=30_000)
    grid.scroll_into_view_if_needed()
    explained = []
    for row in (2, 0):  # two picks: the explanation follows each
        for _ in range(3):  # a click while the grid is redrawn can be lost; try again as a person would
            box = grid.bounding_box()
            rows = _row_height(grid)
            page.mouse.click(box["x"] + 12, box["y"] + 35 + rows / 2 + rows * row)  # the row's marker
            page.wait_for_timeout(300)
            picked = [re.match(r"ICU [A-Z]\d+", t) for t in grid.evaluate(
                "g => [...g.querySelectorAll('[aria-selected=true]')].map(e => e.textContent)")]
            mid = picked[0].group() if picked and picked[0] else None
            if mid and mid not in explained:
                try:
                    page.get_by_text(f"{mid}: applies").first.wait_for(timeout=10_000)
                    explained.append(mid)
                    break
                except Exception:  # noqa: BLE001 - retried, then reported below
                    pass
            wait_idle(page)
        else:
            pytest.fail(f"picking row {row} did not explain the picked measure\n{describe(page)}")
        wait_idle(page)
    assert len(set(explained)) == 2, explained
    watch.check()
    page.close()
