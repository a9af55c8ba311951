"""Shared test set-up: private cache and data folders, the fixture documents, and what the machine has.

The analysis cache and the notes store go to a temporary folder for the whole session so
that tests never read or write a real user's files, yet still exercise the real SQLite stores.
A test that needs a Debian package or an optional Python package calls ``require(...)``, which skips
naming the package, so that the README's test command passes on a bare machine with named skips.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"
LAYOUTS = FIXTURES / "layouts"  # the layout corpus: one folder per group, each with its manifest.toml
if str(ROOT) not in sys.path:  # the layout generators are the package fixtures.layouts
    sys.path.insert(0, str(ROOT))

# Debian package -> what shows it is installed (a command on the PATH, or a file it ships)
DEBIAN: dict[str, tuple[str, ...]] = {
    "poppler-utils": ("pdfinfo", "pdftotext"),
    "libreoffice-writer": ("soffice",),
    "chromium": ("/usr/bin/chromium",),
    "fonts-liberation": ("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
                         "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
    "fonts-dejavu-core": ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                          "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"),
    "fonts-crosextra-carlito": ("/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf",),
}


def missing(name: str) -> str | None:
    """Why ``name`` (a Debian package in DEBIAN, else a Python package) is unusable, or None if it is there."""
    if name in DEBIAN:
        probes = DEBIAN[name]
        ok = all(Path(x).exists() if x.startswith("/") else shutil.which(x) for x in probes)
        if name == "libreoffice-writer":
            ok = bool(shutil.which("soffice") or shutil.which("libreoffice"))
        return None if ok else f"Debian package {name} is not installed"
    return None if importlib.util.find_spec(name) else f"Python package {name} is not installed"


def require(*names: str) -> None:
    """Skip the calling test, naming the first package this machine lacks."""
    for name in names:
        why = missing(name)
        if why:
            import pytest

            pytest.skip(why)

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
