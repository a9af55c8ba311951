"""The layout corpus: every document in tests/fixtures/layouts/<group>/, held to the checks its manifest names.

Each group folder holds documents that exercise one family of layouts (producers, numbering, furniture,
index tables, front and back matter, consolidated editions ...), a manifest.toml saying what the group
tests, which producer made each document, which checks apply beyond the common ones and how each
document is rebuilt, and beside each PDF the expected JSON its generator (fixtures/layouts/<group>/)
wrote from its own source, pages found by poppler, never by the parser.

- test_layout: one case per (document, check). A known parser failure is a strict xfail whose reason
  (the manifest's ``known``) names the general cause; the mark must go once the cause is fixed. A check
  that would also pass if the parser read nothing ("nothing leaked") runs together with a check that
  what it searches was read: the measures, their paragraphs and the index rows the JSON expects.
- test_layout_is_in_the_pdf: one generator self-check per document (poppler, pdfplumber: never the
  parser) that the expected JSON describes this PDF and the layout the group is about is printed.
- test_layout_is_rebuilt: the generator still writes the committed document (bytes where the producer is
  deterministic, the expected JSON where it stamps the time), skipping with the package it needs.

Do not tune the parser to these documents: fix the general cause.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import LAYOUTS, require
from layout_checks import common_checks, group_checks, printed_check
from layout_checks.common import assert_expected_json_agrees_with_the_pdf, expected, extracted

from analyser.models import Code


@dataclass(frozen=True)
class Document:
    group: str
    name: str
    producer: str
    pdf: Path
    checks: tuple[str, ...]
    known: dict[str, str] = field(default_factory=dict)
    rebuild: str | None = None
    rebuild_needs: tuple[str, ...] = ()
    rebuild_args: tuple[str, ...] = ()


def _manifests() -> dict[str, dict]:
    return {p.parent.name: tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted(LAYOUTS.glob("*/manifest.toml"))}


MANIFESTS = _manifests()


def _documents() -> list[Document]:
    docs = []
    for group, man in MANIFESTS.items():
        checks = tuple(common_checks()) + tuple(man.get("checks", []))
        for d in man["document"]:
            docs.append(Document(group, d["name"], d["producer"], LAYOUTS / group / f"{d['name']}.pdf", checks,
                                 d.get("known", {}), d.get("rebuild"), tuple(d.get("rebuild_needs", ())),
                                 tuple(d.get("rebuild_args", ()))))
    return docs


DOCUMENTS = _documents()


def _check(doc: Document, name: str):
    return {**common_checks(), **group_checks(doc.group)}[name]


def _cases():
    for doc in DOCUMENTS:
        for name in doc.checks:
            reason = doc.known.get(name)
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(doc, name, id=f"{doc.name}-{name}", marks=marks)


# ------------------------------------------------------------------------------ the parser, check by check
def _nothing_read(code: Code) -> Code:
    return dataclasses.replace(code, measures=[], index=[])


def assert_what_the_check_searches_was_read(code: Code, exp: dict) -> None:
    """The positive half of a "nothing leaked" check: every measure, each with its paragraphs, and the
    index rows the expected JSON holds were read, so the check looked at real text."""
    assert [m.id for m in code.measures] == [m["id"] for m in exp["measures"]]
    got = {m.id: [p.number for p in m.paragraphs] for m in code.measures}
    assert got == {m["id"]: [p["number"] for p in m["paragraphs"]] for m in exp["measures"]}
    assert all(p.text.strip() for m in code.measures for p in m.paragraphs)
    assert len(code.index) == len(exp.get("index", []))


def passes_on_nothing(check, code: Code, exp: dict) -> bool:
    try:
        check(_nothing_read(code), exp)
    except (AssertionError, KeyError, IndexError, StopIteration, ValueError):
        return False
    return True


def run_check(doc: Document, check: str, code: Code, exp: dict) -> None:
    fn = _check(doc, check)
    fn(code, exp)
    if passes_on_nothing(fn, code, exp):
        assert_what_the_check_searches_was_read(code, exp)


@pytest.mark.parametrize("doc,check", list(_cases()))
def test_layout(doc: Document, check: str) -> None:
    run_check(doc, check, extracted(doc.pdf), expected(doc.pdf))


@pytest.mark.parametrize("doc", DOCUMENTS, ids=[d.name for d in DOCUMENTS])
def test_reading_nothing_fails_every_check(doc: Document) -> None:
    """No case of test_layout passes when the parser reads no measure and no index row."""
    nothing, exp = _nothing_read(extracted(doc.pdf)), expected(doc.pdf)
    passed = []
    for check in doc.checks:
        try:
            run_check(doc, check, nothing, exp)
        except (AssertionError, KeyError, IndexError, StopIteration, ValueError):
            continue
        passed.append(check)
    assert passed == []


# ------------------------------------------------------------------------------ the corpus itself
def test_every_document_is_in_a_manifest_and_every_check_runs():
    """A committed document, its expected JSON and its manifest entry go together (a missing one fails,
    never skips); every group check is named in its manifest, so none is defined and never run."""
    assert len(MANIFESTS) >= 10 and len(DOCUMENTS) >= 26
    for group, man in MANIFESTS.items():
        folder = LAYOUTS / group
        names = {d["name"] for d in man["document"]}
        assert {p.stem for p in folder.glob("*.pdf")} == names, group
        assert {p.name.removesuffix(".expected.json") for p in folder.glob("*.expected.json")} == names, group
        assert man["what"] and man["generator"] == f"fixtures.layouts.{group}.generate"
        assert sorted(man.get("checks", [])) == sorted(group_checks(group)), group
        assert man.get("printed_check", False) == (printed_check(group) is not None), group
    for doc in DOCUMENTS:
        exp = expected(doc.pdf)
        assert exp["code"]["producer"] == doc.producer, doc.name
        assert exp["code"]["sample"] is True and exp["measures"], doc.name
        assert set(doc.known) <= set(doc.checks), doc.name


@pytest.mark.parametrize("doc", DOCUMENTS, ids=[d.name for d in DOCUMENTS])
def test_layout_is_in_the_pdf(doc: Document) -> None:
    """The expected JSON describes this PDF (page count, sample label, each heading on its page) and the
    layout the group is about is really printed: checked with poppler and pdfplumber, never the parser,
    so a stale fixture is caught here rather than blamed on the parser."""
    require("poppler-utils")
    exp = expected(doc.pdf)
    assert_expected_json_agrees_with_the_pdf(doc.pdf)
    label = MANIFESTS[doc.group].get("sample_label_in_running_header")  # "first" or "all"
    if label:
        headers = exp.get("running_headers") or [exp["running_header"]]
        assert all("SAMPLE" in h for h in (headers if label == "all" else headers[:1])), headers
    printed = printed_check(doc.group)
    if printed:
        printed(doc.pdf, exp)


REBUILT = [d for d in DOCUMENTS if d.rebuild]


@pytest.mark.parametrize("doc", REBUILT, ids=[d.name for d in REBUILT])
def test_layout_is_rebuilt(doc: Document, tmp_path: Path) -> None:
    """The generator writes the committed document today: byte for byte where the producer is
    deterministic, else (LibreOffice and Chromium stamp the time) what the pages hold, the expected JSON."""
    require(*doc.rebuild_needs)
    exp = expected(doc.pdf)
    args = [a.format(**exp.get("layout_search", {})) for a in doc.rebuild_args]
    generator = importlib.import_module(MANIFESTS[doc.group]["generator"])
    generator.main(["--only", doc.name, "--out", str(tmp_path), *args])
    if doc.rebuild == "bytes":
        for file in (f"{doc.name}.pdf", f"{doc.name}.expected.json"):
            assert (tmp_path / file).read_bytes() == (doc.pdf.parent / file).read_bytes(), file
    else:
        assert json.loads((tmp_path / f"{doc.name}.expected.json").read_text(encoding="utf-8")) == exp


def test_a_missing_package_is_named(monkeypatch):
    """On a bare machine a rebuild skips saying which package to install, never with a vague reason."""
    import conftest

    monkeypatch.setitem(conftest.DEBIAN, "fonts-liberation", ("/nonexistent/LiberationSerif-Regular.ttf",))
    monkeypatch.setenv("PATH", "/nonexistent")
    assert conftest.missing("fonts-liberation") == "Debian package fonts-liberation is not installed"
    assert conftest.missing("poppler-utils") == "Debian package poppler-utils is not installed"
    assert conftest.missing("libreoffice-writer") == "Debian package libreoffice-writer is not installed"
    assert conftest.missing("no_such_python_package") == "Python package no_such_python_package is not installed"
    with pytest.raises(pytest.skip.Exception, match="Debian package poppler-utils is not installed"):
        require("poppler-utils")
