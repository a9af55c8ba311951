"""Scaled copies of the ICU sample code, for the speed-and-scale benchmark (issue 13).

``make_scaled(k, path)`` draws the sample's content (``fixtures/codegen/content_icu``) with every
chapter's measures repeated ``k`` times under new, distinct IDs (chapter C's C1-C12 go on as
C13-C24, ...), so the document has k times the sample's measures, k times its paragraphs and
footnotes, and an index table k times as long, over as many pages as that takes. It is drawn by the
fixtures' second producer (reportlab: ``fixtures/codegen/rl_writer.py``, the producer of
``icu_sample_alt.pdf``), which renders a thousand pages in about a minute, where LibreOffice would
take several.

    python bench/make_scaled.py 50 /tmp/icu_x50.pdf
"""

from __future__ import annotations

import copy
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "fixtures" / "codegen"))


def scaled_doc(k: int):
    """The sample's ``Doc`` with each chapter's measures repeated ``k`` times, renumbered."""
    import content_icu

    doc = content_icu.build()
    for chapter in doc.chapters:
        originals = list(chapter.measures)
        top = max(int(re.sub(r"\D", "", m.local)) for m in originals)
        for copy_no in range(1, k):
            for m in originals:
                twin = copy.deepcopy(m)
                n = int(re.sub(r"\D", "", m.local)) + copy_no * top
                twin.local = f"{chapter.letter}{n}"
                chapter.measures.append(twin)
    doc.name = f"icu_sample_x{k}"
    return doc


def make_scaled(k: int, path: str | Path) -> Path:
    from layout import build_layout
    from rl_writer import render_reportlab

    path = Path(path)
    render_reportlab(build_layout(scaled_doc(k), chapter_style="word"), path)
    return path


if __name__ == "__main__":
    out = make_scaled(int(sys.argv[1]), sys.argv[2])
    import pypdfium2

    print(out, len(pypdfium2.PdfDocument(str(out))), "pages")
