"""The house rules of issue 11 for every room: each module of analyser/ (the app included), app.py and
bench/*.py opens with a docstring or comment saying what it owns, and none is over 500 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted([*ROOT.joinpath("analyser").rglob("*.py"), ROOT / "app.py", *ROOT.joinpath("bench").glob("*.py")])
IDS = [str(p.relative_to(ROOT)) for p in MODULES]


@pytest.mark.parametrize("path", MODULES, ids=IDS)
def test_module_says_what_it_owns_and_is_small(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    doc = ast.get_docstring(ast.parse(source))
    opening = source.lstrip().startswith("#")
    assert (doc and len(doc.split()) >= 5) or opening, f"{path.name} does not open with what it owns"
    assert source.count("\n") <= 500, f"{path.name} has {source.count(chr(10))} lines (issue 11: about 500 at most)"
