"""Generate the held-out layout set: each document's PDF, its expected extraction and the manifest.

    /work/main/.venv/bin/python bench/heldout/layout/make_documents.py [--only NAME] [--check]

The set is FROZEN: it was generated once and committed; the expected files were written from this
script's own source text (content_*.py), never from the analyser's output. Re-running is for checking
that the generator still reproduces the set (``--check`` compares without writing): the reportlab,
fpdf2 and Typst PDFs come out byte for byte; LibreOffice stamps each conversion, so for its two documents only
the expected files (pages found with poppler's pdftotext) are compared.
"""
from __future__ import annotations

import argparse
import difflib
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import render_fpdf  # noqa: E402
import render_office  # noqa: E402
import render_reportlab  # noqa: E402
import render_typst  # noqa: E402
from content_children import pcu, pcs  # noqa: E402
from content_illegal import icu, ics  # noqa: E402
from frontmatter import LABEL  # noqa: E402
from model import Code, expected_toml, first_words, footnote_numbers  # noqa: E402


@dataclass
class Spec:
    name: str
    code: Callable[[], Code]
    producer: str
    layout: list[str]
    build: Callable[[str, Code], tuple[dict[str, int], int]]
    item_style: str
    notes: str = ""


RUN_ON = {
    1: "The record of that decision should be kept with the governance body's minutes, so that a later review can "
       "see the reasons on which the body relied and whether they still hold. Where the preparation is delegated, "
       "the person who prepares the review should be told in writing what the body expects to see, the evidence "
       "to be gathered and the date by which it is needed, and the body should say in its record whether the "
       "preparation met that brief. A body that finds the preparation did not meet its brief should record what "
       "it did instead and whether the review was delayed as a result, and should consider whether the person "
       "responsible for preparing the next review needs further support or a different brief. The record should "
       "also show which members of the body took part in the review, whether any of them declared an interest in "
       "a matter it considered and how that interest was handled. Where the body relied on advice from outside "
       "the provider, the record should name the adviser and say what the advice covered, so that the next review "
       "can judge whether the same advice is still needed. A provider with more than one service may hold one "
       "review for several services, but the record should then show the findings for each service separately.",
    5: "Easy to find means that a child can reach the tool from the content itself, from the child's own profile "
       "and from any help pages, without being asked to sign in again. The provider should check this by testing "
       "the tools with children of the youngest age permitted on the service, or with people who can represent "
       "their views, at least whenever the design of the reporting tools changes. The results of that testing "
       "should be recorded with the date of the test, the ages of the children involved or represented, what "
       "they found hard to do and what the provider changed as a result. Where the testing shows that children "
       "of a particular age cannot use the tools without help, the provider should consider whether a simpler "
       "version of the tools can be offered to them, and should record its conclusion. The provider should also "
       "check that the tools work with the accessibility settings of the devices most used by children on the "
       "service, including larger text and screen readers, and that a report can be completed without a "
       "keyboard. Findings of this kind should be shared with the person named in accordance with measure A2.",
}

SUPPORT_NOTE = {
    3: "A support service should be one that is able to respond to a child in distress, that does not charge the "
       "child for its help and that is open at the times when children are most likely to search. The provider "
       "should check at least every three months that the contact details it shows are still correct, and should "
       "remove or replace details that are not. Where the service is offered in more than one part of the United "
       "Kingdom, the information should include a support service for each part where a national service is not "
       "available, and the provider should consider whether the information should also be offered in Welsh, "
       "Scottish Gaelic or Irish where the search request is made in that language.",
}

AMENDMENTS = {
    "A1": "Amendment No. 1 (synthetic): ICU A3.2 replaced; ICU A3.4 deleted.",
    "A2": "Amendment No. 2 (synthetic): ICU C3.2 replaced with wider wording.",
    "A3": "Amendment No. 2 (synthetic): ICU D3.2 inserted; former D3.2 renumbered D3.3.",
}

PARTS_PCS = {"A": "Part 1 \u2014 Who answers for children's safety in search",
             "B": "Part 2 \u2014 What children are shown in search results",
             "C": "Part 3 \u2014 Telling us about a problem"}

PARTS_PCU = {"A": "Leadership and oversight (chapter A)", "B": "Checking users' ages (chapter B)",
             "D": "When children report a problem (chapter D)", "F": "What children see in their feeds (chapter F)"}


def _rl(**kw: Any) -> Callable[[str, Code], tuple[dict[str, int], int]]:
    return lambda path, code: render_reportlab.build(path, code, render_reportlab.Options(**kw))


def _fp(**kw: Any) -> Callable[[str, Code], tuple[dict[str, int], int]]:
    return lambda path, code: render_fpdf.build(path, code, render_fpdf.Options(**kw))


def _ty(**kw: Any) -> Callable[[str, Code], tuple[dict[str, int], int]]:
    return lambda path, code: render_typst.build(path, code, render_typst.Options(**kw))


def _lo(**kw: Any) -> Callable[[str, Code], tuple[dict[str, int], int]]:
    return lambda path, code: render_office.build(path, code, render_office.Options(**kw))


SPECS = [
    Spec("pcu-landscape-two-column", pcu, "reportlab",
         ["landscape A4", "two-column body", "running header listing the measure IDs on each page",
          "footnotes across both columns at the page foot", "grouped index row (PCU D3-D5)", "blank applies-to cells"],
         _rl(pagesize=render_reportlab.landscape(render_reportlab.A4), columns=2, item_style="letters",
             header="ids", note_area=26 * render_reportlab.mm), "letters"),
    Spec("ics-margin-ids", ics, "reportlab",
         ["measure ID in a left margin column beside its title", "hanging-indent paragraph numbers",
          "sub-items (i)/(ii) with nested (A)/(B)", "running header naming the measure at the top of the page"],
         _rl(margin_ids=True, item_style="roman", header="current"), "roman"),
    Spec("pcu-footnotes-run-on", pcu, "reportlab",
         ["footnotes that run on across a page break", "chapters titled differently (no letter first)",
          "bullet sub-items", "running header naming the measure at the top of the page"],
         _rl(item_style="bullets", header="current", note_area=30 * render_reportlab.mm, long_notes=RUN_ON,
             chapter_names=PARTS_PCU), "bullets",
         notes="Footnotes 1 and 5 are long and continue at the foot of the next page; 'starts' is their opening."),
    Spec("icu-consolidated-amended", icu, "fpdf2",
         ["consolidated edition with amendment marks (bar and reference in the left margin)",
          "index table split across pages with its header row repeated", "a deleted paragraph kept as '[Deleted]'",
          "footnotes set after each measure instead of at the page foot", "running footer listing measure IDs"],
         _fp(consolidated=True, amendments=AMENDMENTS, index_gap=9, edition="consolidated synthetic sample edition"),
         "letters", notes="ICU A3.4 reads '[Deleted]' and is still a numbered paragraph."),
    Spec("pcs-parts-endnotes", pcs, "fpdf2",
         ["chapters called 'Part 1 \u2014 ...' with titles unlike the Ofcom ones",
          "measure ID on its own line above the title", "bullet sub-items", "endnotes at the end of each part",
          "running footer listing measure IDs"],
         _fp(id_above_title=True, endnotes=True, item_style="bullets", chapter_names=PARTS_PCS), "bullets"),
    Spec("icu-office-hyphenated", icu, "LibreOffice (python-docx .docx, soffice --convert-to pdf)",
         ["justified text with automatic en-GB hyphenation at line ends", "landscape section for the index table",
          "index header row repeated on each page", "Word footnotes at the page foot"],
         _lo(hyphenate=True, landscape_index=True, item_style="letters", font_size=11.5, side_margin_mm=30), "letters"),
    Spec("ics-office-two-column", ics, "LibreOffice (python-docx .docx, soffice --convert-to pdf)",
         ["two-column body section (footnotes at the foot of each column)", "Carlito font",
          "sub-items (i)/(ii)", "Word footnotes at the page foot"],
         _lo(two_columns=True, item_style="roman", font="Carlito"), "roman"),
    Spec("pcs-typst-sidebar", pcs, "Typst (typst-py)",
         ["measure ID in a grey sidebar box in the left margin, centred title beside it",
          "index table headed 'ID / Measure / Who it applies to'", "justified text hyphenated by Typst",
          "Typst footnotes (footnote 3 is long)", "running header naming the measure in force at the top of the page",
          "sub-items (i)/(ii)"],
         _ty(item_style="roman", long_notes=SUPPORT_NOTE), "roman"),
]


def manifest() -> str:
    lines = ["# Held-out layout set: one entry per document. SYNTHETIC SAMPLE documents, not official text.",
             f'label = "{LABEL}"', "synthetic = true", ""]
    for s in SPECS:
        lines += ["[[document]]", f'name = "{s.name}"', f'code = "{s.code().short}"', f'producer = "{s.producer}"',
                  "synthetic = true", ""]
    return "\n".join(lines)


def generate(spec: Spec, outdir: Path) -> None:
    code = spec.code()
    pdf = outdir / f"{spec.name}.pdf"
    pages, count = spec.build(str(pdf), code)
    verify_pages(pdf, code, pages)
    (outdir / f"{spec.name}.expected.toml").write_text(
        expected_toml(code, doc=spec.name, producer=spec.producer, layout=spec.layout, pages=pages,
                      page_count=count, item_style=spec.item_style, notes=spec.notes), encoding="utf-8")
    print(f"{spec.name}: {count} pages", file=sys.stderr)


def verify_pages(pdf: Path, code: Code, pages: dict[str, int]) -> None:
    """The page each renderer recorded must be where poppler finds the heading, page 1 carries the label,
    and every footnote's opening words are printed somewhere (none lost at the end of the document)."""
    texts = render_office.page_texts(pdf)
    assert "SYNTHETIC SAMPLE" in texts[0], pdf
    whole = " ".join(texts)
    for n, (_, note) in footnote_numbers(code).items():
        if first_words(note) not in whole:
            raise RuntimeError(f"{pdf.name}: footnote {n} ({first_words(note)!r}) not printed")
    for m in code.measures():
        mid = code.mid(m)
        want = " ".join(m.title.split()[:3])
        if mid not in texts[pages[mid] - 1] or want not in texts[pages[mid] - 1]:
            raise RuntimeError(f"{pdf.name}: {mid} {want!r} not on page {pages[mid]}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", help="one document by name")
    ap.add_argument("--check", action="store_true", help="rebuild in a temporary folder and compare")
    a = ap.parse_args()
    specs = [s for s in SPECS if a.only in (None, s.name)]
    if not a.check:
        for s in specs:
            generate(s, HERE)
        (HERE / "manifest.toml").write_text(manifest(), encoding="utf-8")
        return 0
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for s in specs:
            generate(s, Path(tmp))
            names = [f"{s.name}.expected.toml"] + ([] if s.producer.startswith("LibreOffice") else [f"{s.name}.pdf"])
            for n in names:
                new, old = (Path(tmp) / n).read_bytes(), (HERE / n).read_bytes()
                if new != old:
                    bad += 1
                    print(f"DIFFERS: {n}")
                    if n.endswith(".toml"):
                        sys.stdout.writelines(difflib.unified_diff(old.decode().splitlines(True),
                                                                   new.decode().splitlines(True)))
    print("generator reproduces the set" if not bad else f"{bad} file(s) differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
