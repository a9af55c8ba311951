"""The sha256 of a file: the analysis cache's key, needed on a cached open before anything else.

Its own module so that a cached open imports nothing of the extraction (``checked_input`` brings the
damage reports and the data model with it).
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def sha256_of(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
