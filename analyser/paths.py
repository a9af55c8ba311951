"""Where the analyser keeps user files: the fetched codes, the analysis cache and the notes.

Environment variables override the platform folders so that tests and CI never touch a real
user's data: ANALYSER_DATA_DIR (fetched documents, notes) and ANALYSER_CACHE_DIR (analysis cache).
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "cop-analyser"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
CODES_DIR = PROJECT_ROOT / "codes"
PACKAGE_DATA = Path(__file__).resolve().parent / "data"


def data_dir() -> Path:
    path = Path(os.environ.get("ANALYSER_DATA_DIR") or _platformdirs().user_data_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    path = Path(os.environ.get("ANALYSER_CACHE_DIR") or _platformdirs().user_cache_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def _platformdirs():
    import platformdirs  # on use: it is most of this module's import cost, and the variables above skip it

    return platformdirs
