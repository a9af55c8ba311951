"""The app's place in the house: ``app.py`` is a thin entry point, its views and services live in
``analyser/app/`` in small modules that say what they own, and the CLI never pays for Streamlit."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_PACKAGE = ROOT / "analyser" / "app"


def test_the_cli_and_the_package_import_without_streamlit():
    code = ("import sys, analyser, analyser.cli; "
            "print(sorted(m for m in sys.modules if m == 'streamlit' or m.startswith(('streamlit.', 'analyser.app'))))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


def test_app_py_is_a_thin_entry_point():
    lines = (ROOT / "app.py").read_text(encoding="utf-8").splitlines()
    assert len(lines) < 150, len(lines)
    tree = ast.parse("\n".join(lines))
    functions = [n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
    assert functions == [], f"app.py defines {functions}: they belong in analyser/app/"


def test_every_app_module_is_small_and_says_what_it_owns():
    modules = sorted(APP_PACKAGE.rglob("*.py"))
    assert len(modules) >= 10, modules  # views, services, state, sidebar ... not one big room
    for path in modules:
        text = path.read_text(encoding="utf-8")
        assert len(text.splitlines()) < 500, path
        assert ast.get_docstring(ast.parse(text)), f"{path} does not open with what it owns"


def test_only_the_app_package_imports_streamlit():
    """The analysis never depends on the UI: Streamlit is imported in analyser/app/ and nowhere else."""
    found = []
    for path in sorted((ROOT / "analyser").rglob("*.py")):
        if APP_PACKAGE in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            found += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] == "streamlit"]
    assert found == []
