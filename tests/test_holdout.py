"""Extraction on held-out layouts that nobody tuned the parser for.

The documents in tests/fixtures/holdout are written by fixtures/holdout/generate_holdout.py, which
varies conventions a regulator's Word export plausibly uses and the main fixtures do not (a third
producer, fpdf2; measure IDs on their own line; shaded heading tables; paragraph numbers printed
with the code prefix; a first sub-item on the number's line; odd/even running headers; "Page X of
Y" footers; a continued footnote; a four-column index with a row split over a page break; a
landscape contents page; en dashes in grouped IDs). Each expected JSON comes from the generator's
own source, with pages found independently of the parser (fpdf2's page counter; pdftotext).

Every (document, field) pair is its own test. Where the current parser is known to get a field
wrong, the case is marked ``xfail(strict=True)`` with the reason, so the suite stays green while the
failure stays visible, and the mark must be removed (the test "XPASS"es strictly) once the parser
is fixed. Do not tune the parser to these documents: fix the general cause given in the reason.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES
from holdout_checks import (
    assert_documents_present,
    assert_docx_expected_reproduced,
    assert_expected_json_agrees_with_the_pdf,
    assert_fpdf2_reproduced,
    cases,
    common_checks,
    expected,
    extracted,
)

HOLDOUT = FIXTURES / "holdout"
PDFS = sorted(HOLDOUT.glob("*.pdf"))

# Known failures of the parser: (document stem, check) -> what it gets wrong and why. Each entry
# becomes a strict xfail. Empty since the parser learnt prefixed paragraph numbers, heading
# tables, sub-items on the number line and where an index table ends.
KNOWN: dict[tuple[str, str], str] = {}
CHECKS = common_checks()


@pytest.mark.parametrize("pdf,check", list(cases(PDFS, CHECKS, KNOWN)))
def test_holdout(pdf: Path, check: str) -> None:
    CHECKS[check](extracted(pdf), expected(pdf))


# ---------------------------------------------------------------------------------- the fixtures
def test_holdout_documents_are_present():
    assert_documents_present(PDFS)


@pytest.mark.parametrize("pdf", PDFS, ids=[p.stem for p in PDFS])
def test_expected_json_agrees_with_the_pdf(pdf: Path):
    assert_expected_json_agrees_with_the_pdf(pdf)


def test_fpdf2_document_is_reproduced_byte_for_byte(tmp_path):
    assert_fpdf2_reproduced("holdout", "generate_holdout", "holdout_icu_fpdf", tmp_path)


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_docx_document_expected_json_is_reproduced(tmp_path):
    assert_docx_expected_reproduced("holdout", "generate_holdout", "holdout_ics_docx", tmp_path)
