"""Code of Practice Analyser: read regulatory codes of practice critically.

One public function per verb of the pipeline: ``load_code`` (extract, flag and resolve, cached),
``extract_code``, ``flag_qualifiers``, ``resolve_applicability``, ``evaluate``, ``matrix``,
``whatif``, ``graph`` and ``compare``. The verbs that share a name with their module
(``evaluate``, ``graph``, ``compare``) are bound here at import, so that ``analyser.graph`` stays
the function even after ``import analyser.graph``; the others load on first use so that spaCy and
pdfplumber are imported only when a command needs them.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "load_code": "pipeline",
    "extract_code": "extract",
    "flag_qualifiers": "qualifiers",
    "resolve_applicability": "applicability",
}

from .compare import compare  # noqa: E402
from .evaluate import evaluate, matrix, whatif  # noqa: E402
from .graph import graph  # noqa: E402

__all__ = ["__version__", "compare", "evaluate", "matrix", "whatif", "graph", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'analyser' has no attribute {name!r}")
