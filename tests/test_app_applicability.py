"""The app shows "unclear" as a status of its own, and a code that is not Ofcom's with its own archetypes.

Driven with ``streamlit.testing.v1.AppTest`` on real PDFs placed in the uploads folder, the way a
user's upload is kept.
"""

from __future__ import annotations

import re

import hashlib
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analyser import paths
from test_app import _tables  # (the HTML tables the app writes, as DataFrames)

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
INDEX_DISAGREES = ROOT / "tests" / "fixtures" / "layouts" / "producers_chromium_typst" / "holdout3_icu_chromium.pdf"
GPAI = ROOT.parent / "shared" / "corpus" / "eu-gpai-safety-security.pdf"


def _upload(pdf: Path) -> str:
    sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
    uploads = paths.data_dir() / "uploads"
    uploads.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pdf, uploads / f"{sha}.pdf")
    return f"up:{sha}"


def _open(pdf: Path, view: str) -> AppTest:
    from analyser.pipeline import load_code

    load_code(pdf)  # the analysis is cached, so the app's run is about the view, not the parser
    key = _upload(pdf)  # before the app lists its documents
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.selectbox(key="doc").set_value(key).run()
    at.radio(key="view").set_value(view).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def test_the_matrix_shows_unclear_cells_with_both_readings_and_defines_them():
    # (a code whose index cell for ICU D2, "Large or multi-risk services", disagrees with its text, "all services")
    at = _open(INDEX_DISAGREES, "Matrix")
    assert "unclear" in at.multiselect(key="mx_statuses").options
    at.multiselect(key="mx_statuses").set_value(["unclear"]).run()
    grid = _tables(at, "cop-matrix")[0]  # an HTML table (a data grid before the Matrix's speed pass)
    assert grid["Measure"].tolist() == ["ICU D2"]
    assert (grid.drop(columns=["Measure", "Title"]) == "? unclear").any(axis=None)  # a mark and the word
    legend = re.sub(r"<[^>]+>", "", " ".join(m.value for m in at.markdown))  # the chip is markup
    assert "unclear: whether it applies cannot be decided" in legend
    at.selectbox(key="mx_arch").set_value("small-low-risk-forum").run()
    text = " ".join(m.value for m in at.markdown)
    assert "may or may not apply" in text and "by the index table it does not apply" in text


@pytest.mark.skipif(not GPAI.exists(), reason="../shared/corpus is not beside this checkout")
def test_a_gpai_code_has_its_own_archetypes_and_no_ofcom_services():
    at = _open(GPAI, "Matrix")
    columns = list(_tables(at, "cop-matrix")[0].columns)
    assert "Provider of a GPAI model with systemic risk" in columns
    assert not any("social network" in c.lower() for c in columns)
