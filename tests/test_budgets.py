"""Budgets: a decompression bomb, too many pages or too much time end in one line and exit 2.

The bomb is a real PDF written byte by byte (tests/bomb.py): 4.5 KB whose content stream
inflates to four million characters. Its time is a bench figure (bench/bench_bomb.py); here the
behaviour is checked, and the memory of the process that refuses it.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from analyser import budgets, errors
from analyser.pdfcheck import check_pdf
from bomb import write_bomb
from conftest import ROOT


def test_the_bomb_is_refused_with_one_line_and_little_memory(tmp_path):
    bomb = write_bomb(tmp_path / "bomb.pdf")
    assert bomb.stat().st_size < 5_000
    proc = subprocess.Popen([sys.executable, "-m", "analyser", "extract", str(bomb), "--no-cache"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    err = proc.stderr.read().decode()
    assert os.waitstatus_to_exitcode(status) == 2
    assert err.count("\n") == 1 and err.startswith("error: bomb.pdf: page 1 "), err
    assert "4,000,000 characters" in err and "--max-page-chars" in err
    assert usage.ru_maxrss / 1024 < 500  # MB; reading the bomb took 4.3 GB before the budget


def test_a_bomb_spread_over_many_pages_meets_the_document_limit(tmp_path):
    bomb = write_bomb(tmp_path / "pages.pdf", chars=150_000, pages=40)
    with pytest.raises(errors.BudgetError) as info:
        check_pdf_with(bomb, budgets.Budget(max_chars=2_000_000))
    assert "over the limit of 2,000,000 characters" in str(info.value)


def check_pdf_with(path, budget):
    with budgets.use(budget):
        return check_pdf(path)


def test_a_document_within_the_budget_is_read(tmp_path):
    small = write_bomb(tmp_path / "small.pdf", chars=3_000, pages=2)
    assert check_pdf_with(small, budgets.Budget(max_page_chars=3_000, max_chars=6_000)) == 2
    with pytest.raises(errors.BudgetError, match="page 1 would show about 3,000 characters"):
        check_pdf_with(small, budgets.Budget(max_page_chars=2_999))


def test_cli_limit_flags_apply_to_pages_and_time(sample_icu_pdf):
    pages = subprocess.run([sys.executable, "-m", "analyser", "extract", sample_icu_pdf, "--no-cache",
                            "--max-pages", "5"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert pages.returncode == 2 and pages.stderr.count("\n") == 1
    assert "more than 5 pages" in pages.stderr and "--max-pages" in pages.stderr
    slow = subprocess.run([sys.executable, "-m", "analyser", "extract", sample_icu_pdf, "--no-cache",
                           "--max-seconds", "0.001"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert slow.returncode == 2 and slow.stderr.count("\n") == 1
    assert "longer than 0.001 s" in slow.stderr
    bad = subprocess.run([sys.executable, "-m", "analyser", "extract", sample_icu_pdf, "--max-pages", "-3"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "must be a positive" in bad.stderr


def test_characters_are_counted_while_reading(sample_icu_pdf):
    """The reader's own count, page by page, besides the estimate made before reading."""
    state = budgets._Reading(sample_icu_pdf, budgets.Budget(max_chars=5_000, max_page_chars=4_500))
    token = budgets._READING.set(state)
    try:
        budgets.page_read(1, 4_000)
        with pytest.raises(errors.BudgetError, match="page 2 holds 4,600 characters"):
            budgets.page_read(2, 4_600)
        with pytest.raises(errors.BudgetError, match="more than 5,000 characters by page 3"):
            budgets.page_read(3, 1_500)
    finally:
        budgets._READING.reset(token)


def test_a_form_drawn_many_times_counts_every_time(tmp_path):
    """Each stream is small; the page shows 10,000 letters 100 times. pdfplumber agrees on a small one."""
    import pdfplumber

    from bomb import write_form_bomb

    few = write_form_bomb(tmp_path / "few.pdf", chars=50, uses=3)
    with pdfplumber.open(few) as pdf:
        assert len(pdf.pages[0].chars) == 150  # the reader does draw the form three times
    assert check_pdf_with(few, budgets.Budget(max_page_chars=150)) == 1
    many = write_form_bomb(tmp_path / "many.pdf")
    with pytest.raises(errors.BudgetError, match="page 1 would show about 1,000,000 characters"):
        check_pdf(many)
