"""What makes the app's first paint and first visits fast (issue 14, item 7), checked for what it
does rather than timed (timings are bench/bench_app.py and bench/bench_workspace.py, since the
shared test machine's load swings too much for a timing to pass or fail a test):

- while the officer reads the Overview, the browser loads the other views' widget code (the
  Matrix's filters first, then the data grid of the other views) from this server and nowhere
  else, and the server imports what those views need, once per process;
- the page icon, set after the view so that its imports never hold the first page back, still
  arrives, from this server;
- the sidebar's two panels ("Add a document", "Limits per document") are drawn only while open,
  and a limit set there still applies after its panel is closed;
- saving a note sends its confirmation, then the form, before the list of notes, which still
  stands above the form (the order in which they are sent is the bench's business; the page's
  order is checked here).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from analyser.app import warmup
from analyser.app.main import icon_href
from analyser.app.sidebar import ADD_PANEL, LIMITS_PANEL
from bomb import write_bomb
from test_app import _app, _open_panel, _write_note, sample  # noqa: F401  (the AppTest fixture)
from test_browser import CHROMIUM, browser, server, wait_idle, watched_page  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parent.parent
needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                    reason=f"{CHROMIUM} is not installed (apt-get install chromium)")
CHARTS_DRAWN = "table.cop-chart"
LOADED = "() => performance.getEntriesByType('resource').map(e => e.name)"


def test_the_warm_up_names_streamlits_own_files():
    files = warmup.front_end_files()
    scripts = [js for js, _ in files]
    assert scripts and scripts[0].startswith("Multiselect."), files  # the Matrix's filters first (its table needs no code)
    assert any(js.startswith("DataFrame.") for js in scripts), files  # the other views' grids
    from streamlit.file_util import get_static_dir

    static = Path(get_static_dir()) / "static"
    for js, css in files:
        assert (static / "js" / js).is_file()
        assert css is None or (static / "css" / css).is_file()
    script = warmup.front_end_script()
    # Relative to Streamlit's entry script on this server: no address of another host.
    assert "http" not in script and "//" not in script.replace("\\/", ""), script
    assert all(js in script for js in scripts)


def test_the_first_page_skips_streamlits_direct_run_check_only_under_a_runtime(monkeypatch):
    """The check (inspect.stack() over every frame, 0.1-0.2 s of a fresh server's first page) can
    only pass under ``streamlit run``; the flag that marks it done must still exist in this
    Streamlit, or the app silently pays for the check again."""
    from streamlit import delta_generator, runtime

    from analyser.app.main import skip_direct_run_check

    assert hasattr(delta_generator, "_use_warning_has_been_displayed")
    monkeypatch.setattr(delta_generator, "_use_warning_has_been_displayed", False)
    monkeypatch.setattr(runtime, "exists", lambda: False)
    assert skip_direct_run_check() is False and delta_generator._use_warning_has_been_displayed is False
    monkeypatch.setattr(runtime, "exists", lambda: True)
    assert skip_direct_run_check() is True and delta_generator._use_warning_has_been_displayed is True


def test_the_server_warms_up_once_per_process(monkeypatch):
    monkeypatch.setattr(warmup, "_started", False)
    sys.modules.pop("tabnanny", None)
    assert warmup.warm_server_later(delay=0, modules=("tabnanny", "no_such_module_anywhere")) is True
    assert warmup.warm_server_later(delay=0, modules=("tabnanny",)) is False
    deadline = time.monotonic() + 10
    while "tabnanny" not in sys.modules and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "tabnanny" in sys.modules  # a module that is missing is passed over, never raised


def test_the_server_warm_up_stands_aside_when_a_view_got_there_first(monkeypatch):
    """An officer who opened the Matrix before the warm-up began: its run imports what it needs,
    and the warm-up does not import the rest beside it."""
    monkeypatch.setattr(warmup, "_started", False)
    for name in ("tabnanny", "pyclbr"):
        sys.modules.pop(name, None)
    import tabnanny  # noqa: F401  (the first module: a view has imported it)

    warmup._warm_server(0, ("tabnanny", "pyclbr"))
    assert "pyclbr" not in sys.modules


@needs_chromium
def test_the_grid_code_loads_while_the_officer_reads_the_overview(server, browser):  # noqa: F811
    page, watch = watched_page(browser, server)
    page.goto(server)
    page.get_by_role("button", name="Open in Measure view").wait_for(timeout=60_000)
    page.locator(CHARTS_DRAWN).nth(1).wait_for(timeout=60_000)
    wait_idle(page, 60_000)
    # Nothing on the Overview needs the grid (nor the Matrix, an HTML table): it comes only from the
    # warm-up, once the page is quiet.
    page.wait_for_function(f"() => ({LOADED})().some(n => /\\/static\\/js\\/DataFrame\\.[^/]*\\.js$/.test(n))",
                           timeout=20_000)
    loaded = page.evaluate(LOADED)
    for js, css in warmup.front_end_files()[:1]:
        assert any(n.endswith(f"/static/js/{js}") for n in loaded), loaded
        assert css is None or any(n.endswith(f"/static/css/{css}") for n in loaded), loaded
    # The app's icon, set in the page (not Streamlit's default, not from another host), and kept.
    icons = page.evaluate("() => [...document.querySelectorAll('link[rel~=icon]')].map(l => l.href)")
    assert icons and all(i == icon_href(ROOT) for i in icons), icons
    page.get_by_text("Matrix", exact=True).click()
    page.locator("table.cop-matrix").first.wait_for(timeout=30_000)
    wait_idle(page)
    watch.check()  # no request left the machine, no console error
    page.close()


def test_the_sidebar_panels_are_drawn_only_when_open_and_keep_their_limits(sample, tmp_path):  # noqa: F811
    at = _app(sample)
    limits = {"lim_pages_text", "lim_chars_text", "lim_page_chars_text", "lim_seconds_text"}
    assert not at.get("file_uploader") and not limits & {t.key for t in at.text_input}  # the first page leaves them out
    _open_panel(at, LIMITS_PANEL).text_input(key="lim_page_chars_text").set_value("4000").run()
    assert at.text_input(key="lim_page_chars_text").value == "4,000"
    at.session_state[LIMITS_PANEL] = False
    at.radio(key="view").set_value("Matrix").run()
    assert not limits & {t.key for t in at.text_input}  # closed again, and another view drawn: the limit must survive both
    _open_panel(at, ADD_PANEL)
    assert not limits & {t.key for t in at.text_input}
    dense = write_bomb(tmp_path / "dense.pdf", chars=5_000)
    at.file_uploader(key="upload").set_value(("dense.pdf", dense.read_bytes(), "application/pdf")).run()
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "over the limit of 4,000 per page" in errors[0], errors


def test_a_saved_note_is_listed_above_the_form_and_confirmed_under_it(sample):  # noqa: F811
    """The list of notes and the form are drawn into places kept above the confirmation, after it
    (so that it reaches the browser first): the page still reads notes, form, confirmation."""
    at = _app(sample, "Measure")
    at.selectbox(key="measure").set_value("ICU C9").run()
    for text in ("first note on C9", "second note on C9"):
        _write_note(at, "ICU C9", "", "concern", text)
    texts = [str(e.value) for e in _walk(at.main)]
    first = next(i for i, t in enumerate(texts) if "first note on C9" in t)
    second = next(i for i, t in enumerate(texts) if "second note on C9" in t)
    form = next(i for i, t in enumerate(texts) if t == "**Add a note**")
    saved = next(i for i, t in enumerate(texts) if "Saved note on ICU C9" in t)
    assert first < second < form < saved, texts


def _walk(node):
    """Every element under ``node`` in page order (AppTest keeps the order on the page)."""
    for child in getattr(node, "children", {}).values():
        if getattr(child, "children", None):
            yield from _walk(child)
        elif hasattr(child, "value"):
            yield child


def _card_of(node, text: str, path: tuple = ()):
    """The bordered container (a note's card) holding the element whose value has ``text``."""
    for child in getattr(node, "children", {}).values():
        if getattr(child, "children", None):
            found = _card_of(child, text, path + (child,))
            if found is not None:
                return found
        elif text in str(getattr(child, "value", "")):
            cards = [b for b in path if "border: true" in str(getattr(b, "proto", ""))]
            return cards[-1] if cards else None
    return None


def _count(node) -> int:
    return 1 + sum(_count(c) for c in getattr(node, "children", {}).values())


def test_a_note_card_sends_five_elements(sample):  # noqa: F811
    """Every note card is sent again on each save (the notes panel reruns as a whole), and each
    element is a message the browser handles before it draws the confirmation: a card is its
    bordered container, its text and one row (a horizontal container) with Edit and Delete,
    five elements, where a row of three columns made it eight."""
    at = _app(sample, "Measure")
    at.selectbox(key="measure").set_value("ICU C9").run()
    _write_note(at, "ICU C9", "", "concern", "a card to count")
    card = _card_of(at.main, "a card to count")
    assert card is not None
    assert _count(card) == 5, _count(card)
    row = [c for c in card.children.values() if getattr(c, "children", None)]
    assert len(row) == 1 and "direction: HORIZONTAL" in str(row[0].proto)
    assert [b.label for b in row[0].children.values()] == ["Edit", "Delete"]
