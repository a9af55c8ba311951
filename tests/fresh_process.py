"""Run a check in a fresh Python process and read back the one JSON line it prints.

Why: a test that parses thousands of sentences grows the pytest process by hundreds of megabytes,
and a later test that measures a child's peak memory (tests/test_budgets.py: the bomb refused in
under 500 MB) would count that too: a forked child's peak starts from its parent's size. The heavy
comparisons of the speed changes (the attribute ruler's index, OpenBLAS for BLIS, the phrase matcher)
run here instead, in a process of their own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import ROOT

# what every check script may use: the corpus's sentences, split as the qualifier pass splits them
PRELUDE = """
import json, sys
from pathlib import Path
import pypdfium2
ROOT = Path.cwd()
FIXTURES = ROOT / "tests" / "fixtures"
GPAI = ROOT.parent / "shared" / "corpus" / "eu-gpai-safety-security.pdf"

def page_texts(paths):
    out = []
    for path in paths:
        if path.exists():
            pdf = pypdfium2.PdfDocument(str(path))
            out.extend(page.get_textpage().get_text_bounded() for page in pdf)
            pdf.close()
    return out

def corpus_sentences(paths=None):
    from analyser.nlp import load_pipeline, sentencizer
    nlp, split = load_pipeline(True), sentencizer()
    paths = paths or [*sorted(FIXTURES.rglob("*.pdf")), GPAI]
    return [s.text for t in page_texts(paths) for s in split(nlp.make_doc(t)).sents if s.text.strip()]
"""


def run_check(script: str) -> dict:
    """``script`` (after ``PRELUDE``) run at the project root with this interpreter; the last line it
    prints, as JSON."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", PRELUDE + script], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])
