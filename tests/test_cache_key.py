"""The analysis cache's key (``pipeline.rules_files``) holds every module that shapes what the cache
holds, and no view code (issue 14: a view's edit re-analysed the sample with spaCy before the
app's first page could show).

What shapes the cached analysis is found, not listed: a fresh process analyses both bundled
sample editions on an empty cache, the way the app does (``load_code`` with a progress bar) and
the way the CLI does (``load_code_json``), with the real spaCy pipeline, and every ``analyser``
module it imported could have shaped what was stored. A module added to the analysis and left out
of the key fails the first test. The same process must not import the web app, the charts, the
highlighter or the exports: those only show an analysis.

The key is worked out in ``pipeline.py`` (another engineer's file): it hashes every module outside
``analyser/app/``, so presentation modules outside that folder (``charts.py``, ``highlight.py``,
``export.py``, ``response.py``, ...) are still in it, and editing one re-analyses every document.
The last test checks the rule that would leave them out (the modules ``pipeline.py`` can reach
by its imports) is safe: it covers everything the analysis imported.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analyser.pipeline import rules_files

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "analyser"
SAMPLES = sorted((ROOT / "codes" / "sample").glob("*.pdf"))
# Modules that show, export or compare an analysis, never make one (the question: are the
# charts, highlight and export modules correctly classed?).
VIEW_MODULES = ("analyser.charts", "analyser.highlight", "analyser.export", "analyser.response",
                "analyser.palette", "analyser.compare_render", "analyser.compare_render_docx")

_ANALYSE = """
import json, sys
from analyser.pipeline import load_code, load_code_json
for pdf in sys.argv[1:]:
    load_code(pdf, progress=lambda fraction, message="": None)  # as the app does
    load_code_json(pdf, use_cache=False)                         # as extract --format json does
print(json.dumps(sorted(m for m in sys.modules if m == "analyser" or m.startswith("analyser."))))
"""


def _module_file(name: str) -> Path:
    path = PACKAGE.joinpath(*name.split(".")[1:])
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> list[str]:
    """The ``analyser`` modules a fresh process imports to analyse the samples on an empty cache."""
    if not SAMPLES:
        pytest.skip("codes/sample/*.pdf is not bundled")
    env = dict(os.environ, ANALYSER_CACHE_DIR=str(tmp_path_factory.mktemp("empty-cache")),
               PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", _ANALYSE, *map(str, SAMPLES)], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=600, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_every_module_the_analysis_imports_is_in_the_cache_key(imported):
    assert {"analyser.extract", "analyser.qualifiers", "analyser.applicability", "analyser.nlp",
            "analyser.plain"} <= set(imported), imported  # the analysis really ran, spaCy and all
    keyed = set(rules_files())
    left_out = [name for name in imported if _module_file(name) not in keyed]
    assert not left_out, f"shape the cached analysis but are not in its key: {left_out}"


def test_the_analysis_imports_no_view_code(imported):
    views = [m for m in imported if (m == "analyser.app" or m.startswith("analyser.app.")) or m in VIEW_MODULES]
    assert not views, views
    app = PACKAGE / "app"
    assert not [f for f in rules_files() if app in f.parents]
    # nor the modules that only present an analysis: editing one must not re-analyse every document
    presentation = {_module_file(m) for m in VIEW_MODULES}
    assert presentation and not presentation & set(rules_files()), sorted(presentation & set(rules_files()))


def _reachable(start: str) -> set[str]:
    """The ``analyser`` modules ``start`` can import, at the top or inside a function, and so on."""
    files = {".".join(("analyser", *p.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(".__init__"): p
             for p in PACKAGE.rglob("*.py")}
    seen: set[str] = set()
    todo = [start]
    while todo:
        name = todo.pop()
        if name in seen or name not in files:
            continue
        seen.add(name)
        package = name if files[name].name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(files[name].read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(parts + ([node.module] if node.module else []))
                targets = [base] + [f"{base}.{a.name}" for a in node.names]
            for target in targets:
                parts = target.split(".")
                todo += [".".join(parts[:i]) for i in range(1, len(parts) + 1)]
    return seen


def test_what_pipeline_can_import_covers_the_analysis_and_no_view(imported):
    """The rule the key could follow instead of 'everything but analyser/app/': the modules
    pipeline.py reaches through its imports. It must hold all the analysis imported (so nothing
    that shapes the cache is lost) and none of the view modules (so editing them re-analyses
    nothing)."""
    reachable = _reachable("analyser.pipeline")
    assert not set(imported) - reachable, sorted(set(imported) - reachable)
    assert not reachable & set(VIEW_MODULES), sorted(reachable & set(VIEW_MODULES))
    assert not [m for m in reachable if (m == "analyser.app" or m.startswith("analyser.app."))]
