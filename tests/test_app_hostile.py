"""The app under hostile uploads (Streamlit's AppTest, real pipeline): the decompression bomb shows
the same line as the CLI, damage gets a banner, and the limits can be changed in the settings."""

from __future__ import annotations

import contextlib
import io

from analyser import cli
from bomb import write_bomb
from analyser.app.sidebar import LIMITS_PANEL
from test_app import _app, _open_panel, _uploader, sample  # noqa: F401  (the fixture: the app opened on the sample)
from test_damage import _break_one_stream


def _cli_error(path) -> str:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert cli.main(["extract", str(path), "--no-cache"]) == 2
    return err.getvalue().strip()


def test_the_bomb_upload_shows_the_cli_line(sample, tmp_path):  # noqa: F811
    bomb = write_bomb(tmp_path / "bomb.pdf")
    line = _cli_error(bomb)
    assert line.startswith("error: bomb.pdf: page 1 would show")
    at = _app(sample)
    _uploader(at).set_value(("bomb.pdf", bomb.read_bytes(), "application/pdf")).run()
    assert not at.exception
    assert [e.value for e in at.error] == [line.removeprefix("error: ")]
    assert at.selectbox(key="doc").value == sample["key"]  # the app goes on with the sample


def test_limits_set_in_the_app_apply_to_an_upload(sample, tmp_path):  # noqa: F811
    small = write_bomb(tmp_path / "dense.pdf", chars=5_000)
    at = _app(sample)
    _open_panel(at, LIMITS_PANEL).text_input(key="lim_page_chars_text").set_value("4,000").run()
    _uploader(at).set_value(("dense.pdf", small.read_bytes(), "application/pdf")).run()
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "over the limit of 4,000 per page" in errors[0], errors


def test_a_damaged_upload_gets_a_damage_banner(sample, sample_icu_pdf, tmp_path):  # noqa: F811
    broken = _break_one_stream(sample_icu_pdf, tmp_path / "broken.pdf")
    at = _app(sample)
    _uploader(at).set_value(("broken.pdf", broken.read_bytes(), "application/pdf")).run()
    assert not at.exception
    banners = [e.value for e in at.error]
    assert len(banners) == 1 and "of damage: text may be missing" in banners[0], banners
    assert "could not" in banners[0]
