"""Shared test set-up: private cache and data folders, and the fixture documents.

The analysis cache and the notes store go to a temporary folder for the whole session so
that tests never read or write a real user's files, yet still exercise the real SQLite stores.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"

_session_tmp = Path(tempfile.mkdtemp(prefix="analyser-tests-"))
os.environ.setdefault("ANALYSER_CACHE_DIR", str(_session_tmp / "cache"))
os.environ.setdefault("ANALYSER_DATA_DIR", str(_session_tmp / "data"))


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return SHARED


@pytest.fixture(scope="session")
def sample_icu_pdf() -> Path:
    return FIXTURES / "icu_sample.pdf"


def expected_for(pdf: Path) -> dict:
    return json.loads(pdf.with_suffix(".expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def icu_code(sample_icu_pdf):
    from analyser.pipeline import load_code

    return load_code(sample_icu_pdf)


@pytest.fixture(scope="session")
def icu_expected(sample_icu_pdf) -> dict:
    return expected_for(sample_icu_pdf)
