"""The Service profile's user count is written and shown with thousands separators (issue 14):
a text field that reads "15,000,000", "15m" or "700k", shows the number as 15,000,000, and says
in a sentence what is wrong with anything else (no status is shown for a count not understood).
Streamlit's number input could show only 15000000. The sidebar's limits per document (pages,
characters, seconds) are read and shown the same way: "20,000,000", not 20000000."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyser import budgets
from analyser.app.sidebar import LIMITS, LIMITS_PANEL
from analyser.app.user_counts import MAX_USERS, format_amount, format_users, parse_amount, parse_users
from test_app import _open_panel  # noqa: F401
from test_app import _app, _statuses_on_page, sample  # noqa: F401  (the AppTest fixture)
from test_browser import CHROMIUM, browser, pick, server, wait_idle, watched_page  # noqa: F401  (fixtures)

needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                    reason=f"{CHROMIUM} is not installed (apt-get install chromium)")


@pytest.mark.parametrize("text, users", [
    ("15,000,000", 15_000_000), ("15000000", 15_000_000), ("15 000 000", 15_000_000), ("15m", 15_000_000),
    ("15M", 15_000_000), ("1.5m", 1_500_000), ("1.5 million", 1_500_000), ("700k", 700_000),
    ("700 thousand", 700_000), ("  42 ", 42), ("0", 0), ("15m users", 15_000_000), ("2bn", 2_000_000_000),
    ("7,000,001", 7_000_001),
])
def test_counts_are_read_as_officers_write_them(text, users):
    assert parse_users(text) == users


@pytest.mark.parametrize("text, says", [
    ("", "Write a number of monthly active UK users"),
    ("15.000.000", "commas, not full stops"),
    ("1,50,000", "commas go between groups of three digits"),
    ("15,000,0000", "commas go between groups of three digits"),
    ("-5", "cannot be below zero"),
    ("1.5", "not a whole number"),
    ("lots", "not a number of users"),
    ("20 billion", "check the number of zeros"),
])
def test_anything_else_gets_a_sentence_naming_it(text, says):
    with pytest.raises(ValueError) as err:
        parse_users(text)
    assert says in str(err.value)
    assert text.strip() in str(err.value) or not text.strip()
    assert "15,000,000" in str(err.value) or "zeros" in str(err.value)


def test_format_has_separators():
    assert format_users(15_000_000) == "15,000,000"
    assert format_users(MAX_USERS).count(",") == 3


def test_the_form_shows_the_count_with_separators_and_refuses_what_it_cannot_read(sample):  # noqa: F811
    at = _app(sample, "Service profile")
    field = at.text_input(key="sp_users_text")
    assert field.label == "Monthly active UK users" and field.value == "100,000"  # the default, separated
    at.selectbox(key="sp_start").set_value("large-e2ee-messaging").run()
    assert at.text_input(key="sp_users_text").value == "15,000,000"
    assert _statuses_on_page(at)["ICU C9"] == "qualified"

    at.text_input(key="sp_users_text").set_value("1.5m").run()  # shown back as a number with separators
    assert at.text_input(key="sp_users_text").value == "1,500,000"
    assert any("1,500,000 monthly active UK users (not large)" in c.value for c in at.caption)

    at.text_input(key="sp_users_text").set_value("15.000.000").run()  # kept as typed, with why
    assert at.text_input(key="sp_users_text").value == "15.000.000"
    assert [e.value for e in at.error] == [
        "“15.000.000”: write commas, not full stops, between groups of three digits. "
        "Write it like 15,000,000, 15m or 700k."]
    assert _statuses_on_page(at) == {}  # no status for a count it did not understand
    assert not at.exception

    at.text_input(key="sp_users_text").set_value("7,000,001").run()
    assert not at.error
    assert any("7,000,001 monthly active UK users (large)" in c.value for c in at.caption)
    assert _statuses_on_page(at)["ICU C9"] in ("applies", "qualified", "exempt")


@needs_chromium
def test_the_count_reads_with_separators_in_the_browser(server, browser):  # noqa: F811
    from playwright.sync_api import expect

    page, watch = watched_page(browser, server)
    page.goto(server + "?view=Service%20profile")
    page.get_by_text("Service profile explorer").wait_for(timeout=30_000)
    wait_idle(page)
    pick(page, "Start from an archetype", "Large end-to-end encrypted messaging service")
    field = page.get_by_role("textbox", name="Monthly active UK users")
    page.get_by_text("15,000,000 monthly active UK users (large)").wait_for(timeout=30_000)
    # (waited for, not read at once: the caption can arrive before the rerun redraws the field)
    expect(field).to_have_value("15,000,000", timeout=30_000)
    field.fill("700k")
    field.press("Enter")
    page.get_by_text("700,000 monthly active UK users (not large)").wait_for(timeout=30_000)
    expect(field).to_have_value("700,000", timeout=30_000)
    watch.check()
    page.close()


# ---------------------------------------------------------------------------------------------
# The limits per document


def test_amounts_are_read_and_shown_with_separators():
    assert format_amount(20_000_000) == "20,000,000" and format_amount(600.0) == "600"
    assert format_amount(1.5) == "1.5" and format_amount(86_400) == "86,400"
    assert parse_amount("20,000,000", 1_000, 2_000_000_000, "characters", 1) == 20_000_000
    assert parse_amount("2m", 1_000, 2_000_000_000, "characters", 1) == 2_000_000
    assert parse_amount("1 500", 1, 86_400, "seconds", 1, whole=False) == 1_500.0
    assert parse_amount("90.5", 1, 86_400, "seconds", 1, whole=False) == 90.5
    for text, says in (("20.000.000", "commas, not full stops"), ("999", "from 1,000 to 2,000,000,000"),
                       ("3bn", "from 1,000 to 2,000,000,000"), ("1.5k5", "not a number"),
                       ("1000.5", "not a whole number of characters"), ("", "Write a number of characters")):
        with pytest.raises(ValueError) as err:
            parse_amount(text, 1_000, 2_000_000_000, "characters", 20_000_000)
        assert says in str(err.value), (text, str(err.value))
        assert "20,000,000" in str(err.value) or "2,000,000,000" in str(err.value)


def test_the_limits_show_separators_and_refuse_what_they_cannot_read(sample):  # noqa: F811
    at = _open_panel(_app(sample), LIMITS_PANEL)
    d = budgets.Budget()
    shown = {key: at.text_input(key=f"{key}_text").value for key, *_ in LIMITS}
    assert shown == {"lim_pages": f"{d.max_pages:,}", "lim_chars": f"{d.max_chars:,}",
                     "lim_page_chars": f"{d.max_page_chars:,}", "lim_seconds": f"{d.max_seconds:,.0f}"}
    assert shown["lim_chars"] == "20,000,000"  # the example, no longer 20000000
    at.text_input(key="lim_chars_text").set_value("30000000").run()
    assert at.text_input(key="lim_chars_text").value == "30,000,000"
    assert at.session_state["lim_chars"] == 30_000_000 and not at.error
    at.text_input(key="lim_chars_text").set_value("30.000.000").run()
    assert [e.value for e in at.error] == ["“30.000.000”: write commas, not full stops, between groups of three "
                                          "digits. Write it like 30,000,000."]
    assert at.text_input(key="lim_chars_text").value == "30.000.000"  # the officer's text stays, to be mended
    assert at.session_state["lim_chars"] == 30_000_000  # the last good limit still applies
    at.text_input(key="lim_chars_text").set_value("2.5m").run()
    assert not at.error and at.text_input(key="lim_chars_text").value == "2,500,000"
    at.text_input(key="lim_seconds_text").set_value("90000").run()
    assert "write a number of seconds from 1 to 86,400" in at.error[0].value


@needs_chromium
@pytest.mark.parametrize("width", [1280, 420])
def test_the_limits_read_with_separators_in_the_browser(server, browser, width):  # noqa: F811
    """Every number the open limits panel shows, in its fields as on the page, has separators; a
    limit typed without them is shown back with them."""
    import re

    page, watch = watched_page(browser, server, width=width)
    page.goto(server)
    page.get_by_role("heading", level=1).first.wait_for(timeout=30_000)
    wait_idle(page)
    if width < 600:  # the sidebar is folded away on a narrow page
        page.locator("[data-testid='stExpandSidebarButton'], [data-testid='stSidebarCollapsedControl'] button"
                     ).first.click()
    page.get_by_text("Limits per document").click()
    field = page.get_by_role("textbox", name="Characters of text")
    field.wait_for(timeout=30_000)
    wait_idle(page)
    values = page.evaluate("() => Array.from(document.querySelectorAll('[data-testid=stSidebar] input[type=text]'))"
                           ".map(i => i.value)")
    assert "20,000,000" in values and "200,000" in values, values
    sidebar = page.locator("[data-testid='stSidebar']").inner_text()
    assert not [v for v in values + [sidebar] if re.search(r"\d{5,}", v)], (values, sidebar)
    field.fill("30000000")
    field.press("Enter")
    page.wait_for_function("() => Array.from(document.querySelectorAll('[data-testid=stSidebar] input[type=text]'))"
                           ".some(i => i.value === '30,000,000')", timeout=30_000)
    watch.check()
    page.close()


def test_every_metric_the_app_shows_is_written_with_separators():
    """Streamlit's metric shows an int bare (an 879-page code's 1234 paragraphs): every metric in
    the app is given its number already written with separators, f"{n:,}"; so are the Overview's
    figures, which are HTML rather than metrics (views/overview.py, figures_html)."""
    import ast

    from analyser.app.views.overview import figures_html

    assert "<dd class='cop-figure-value'>1,234,567</dd>" in figures_html([("Paragraphs", 1_234_567)])

    root = Path(__file__).resolve().parent.parent / "analyser" / "app"
    bare, seen = [], 0
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "metric":
                seen += 1
                value = node.args[1] if len(node.args) > 1 else next(k.value for k in node.keywords if k.arg == "value")
                specs = [ast.unparse(v.format_spec) for v in ast.walk(value) if isinstance(v, ast.FormattedValue)
                         and v.format_spec is not None]
                if not (isinstance(value, ast.JoinedStr) and any("," in s for s in specs)):
                    bare.append(f"{path.name}:{node.lineno}: {ast.unparse(value)}")
    assert seen >= 2 and not bare, bare  # Compare's (the Overview's four are figures_html's)
