"""The checks a layout document can be held to, by the name its group's manifest gives them.

tests/layout_checks/common.py holds the checks every document gets; each group's module
(tests/layout_checks/<group>.py, named as its folder tests/fixtures/layouts/<group>/) holds the checks
for what that group exercises (``check_<name>``) and may hold ``printed(pdf, exp)``: poppler's or
pdfplumber's proof, never the parser's, that the layout the group is about is really in the PDF.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from .common import common_checks

Check = Callable[..., None]


def _module(group: str):
    if not (Path(__file__).parent / f"{group}.py").exists():
        return None
    return importlib.import_module(f"{__name__}.{group}")


def group_checks(group: str) -> dict[str, Check]:
    """The checks a group's module defines, by name (without the ``check_`` prefix)."""
    mod = _module(group)
    if mod is None:
        return {}
    return {name[len("check_"):]: fn for name, fn in sorted(vars(mod).items())
            if name.startswith("check_") and callable(fn) and fn.__module__ == mod.__name__}


def printed_check(group: str) -> Check | None:
    mod = _module(group)
    return getattr(mod, "printed", None) if mod else None


__all__ = ["Check", "common_checks", "group_checks", "printed_check"]
