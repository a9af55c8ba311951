"""Code of Practice Analyser: read regulatory codes of practice critically.

One public function per verb of the pipeline: ``load_code`` (extract, flag and resolve, cached),
``extract_code``, ``flag_qualifiers``, ``resolve_applicability``, ``evaluate``, ``matrix``,
``whatif``, ``graph`` and ``compare``. Every verb loads its module on first use, so that
``import analyser`` (and a cached open, which needs only the cache and the model) stays cheap:
the CLI's one-shot runs used to import the comparison, evaluation and graph modules (networkx
among them) whatever the command.

The verbs that share a name with their module (``evaluate``, ``graph``, ``compare``) stay the
function even after ``import analyser.graph``: the import system binds a submodule on its package
with ``setattr``, and the package's module class turns that module into the function it holds.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "load_code": "pipeline",
    "extract_code": "extract",
    "flag_qualifiers": "qualifiers",
    "resolve_applicability": "applicability",
    "compare": "compare",
    "evaluate": "evaluate",
    "matrix": "evaluate",
    "whatif": "evaluate",
    "graph": "graph",
}
_NAMED_LIKE_MODULE = frozenset({"compare", "evaluate", "graph"})

__all__ = ["__version__", *_LAZY]


class _Package(types.ModuleType):
    def __setattr__(self, name: str, value: Any) -> None:
        if name in _NAMED_LIKE_MODULE and isinstance(value, types.ModuleType):
            value = getattr(value, name)  # the verb, not its module
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        setattr(sys.modules[__name__], name, value)  # found once, then an ordinary attribute
        return value
    raise AttributeError(f"module 'analyser' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
