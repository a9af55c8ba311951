"""The committed JSON Schema matches the model, and real ``extract`` JSON validates against it.

The schema is generated from models.py; this test is what keeps the committed copy honest, and
validating real output (a hand-built Code with every nested shape, and the pipeline's own result
on the ICU-like fixture once extraction is present) shows the generated schema describes what
``Code.to_dict()`` actually writes, not merely what the generator believes.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from analyser import schema
from test_cache import make_code

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "docs" / "code.schema.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    generated = schema.build_schema()
    jsonschema.Draft202012Validator.check_schema(generated)
    return jsonschema.Draft202012Validator(generated)


def test_committed_schema_is_the_generated_one():
    assert COMMITTED.read_text(encoding="utf-8") == schema.render(), (
        "docs/code.schema.json is stale: run `python -m analyser.schema > docs/code.schema.json`"
    )


def test_module_entry_point_prints_the_schema():
    out = subprocess.run(
        [sys.executable, "-m", "analyser.schema"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert json.loads(out) == json.loads(COMMITTED.read_text(encoding="utf-8"))


def test_hand_built_code_validates(validator):
    data = json.loads(json.dumps(make_code().to_dict()))  # exactly what --format json would write
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert errors == [], [f"{list(e.path)}: {e.message}" for e in errors]


@pytest.mark.parametrize(
    "damage, where",
    [
        (lambda d: d["measures"][1]["paragraphs"][1]["items"][1]["items"][0].pop("label"), "label"),
        (lambda d: d["measures"][0].__setitem__("page_start", "5"), "page_start"),
        (lambda d: d["code"].__setitem__("sha", "x"), "sha"),
        (lambda d: d["measures"][1]["cross_refs"][0].__setitem__("kind", "chapter"), "kind"),
        (lambda d: d["measures"][1]["applicability"]["condition"]["args"][0].__setitem__("args", {}), "args"),
        (lambda d: d.__setitem__("info", d.pop("code")), "info"),
    ],
)
def test_schema_rejects_json_that_does_not_fit_the_model(validator, damage, where):
    data = copy.deepcopy(make_code().to_dict())
    damage(data)
    errors = list(validator.iter_errors(data))
    assert errors, f"damaged {where} was accepted"
    assert any(where in e.message or where in [str(p) for p in e.absolute_path] for e in errors)


@pytest.mark.parametrize("name", ["icu_sample", "ics_sample", "pcu_sample"])
def test_pipeline_output_on_the_fixtures_validates(validator, fixtures_dir, name, request):
    pdf = fixtures_dir / f"{name}.pdf"
    assert pdf.exists(), f"committed fixture {pdf.name} is missing"  # a missing fixture fails, never skips
    if name == "icu_sample":
        code = request.getfixturevalue("icu_code")  # the session's analysis, shared with other tests
    else:
        from analyser.pipeline import load_code

        code = load_code(pdf)
    data = json.loads(json.dumps(code.to_dict()))
    assert data["measures"], "nothing extracted: the validation below would prove little"
    errors = list(validator.iter_errors(data))
    assert errors == [], [f"{list(e.absolute_path)}: {e.message}" for e in errors[:10]]
