"""Benchmark: cold extraction against a plain pdfplumber ``extract_text`` loop, in one run.

For each PDF (the fixtures, the GPAI corpus document and a generated long code of 120+ pages by
default, or the paths given):

* ``plain``: ``for page in pdf.pages: page.extract_text()`` with pdfplumber;
* ``extract``: ``analyser.extract.extract_code`` (no cache: the whole structure, index table
  included);

alternated over several rounds, best of each reported, with their ratio (target <= 1.0), pages
per second, and peak memory of one extraction (tracemalloc, in a separate run so that it does not
slow the timed ones, and the maximum resident set size of a fresh process that only extracts).

    /work/venv/bin/python bench/bench_extract.py [--rounds 3] [PDF ...]

The long code (``make_long_pdf``, also used by tests/test_extract.py) is drawn at two lengths
too, so that the time per page of the full and the half-length document show whether extraction
stays linear.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyser.extract import extract_code  # noqa: E402


def make_long_pdf(path, chapters: str = "ABCDEFGH", per_chapter: int = 24, long_measure: str = "C3",
                  long_lines: int = 150, note_every: int = 5) -> dict:
    """Draw a long code with reportlab (Helvetica, A4) and return what it holds.

    ``chapters`` x ``per_chapter`` measures of four numbered paragraphs each; measure
    ``long_measure``'s second paragraph runs ``long_lines`` lines (over three pages); every
    ``note_every``-th paragraph cites a footnote, numbered through the document and printed at the
    foot of the page that cites it; a running header and "Page n of N" footer on every page.
    Returns {"pages", "measures": [{id, paragraphs: [{number, page, page_end, words, notes}]}],
    "footnotes": [(number, page, paragraph)]} measured while drawing.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    width, height = A4
    left, right, top, bottom = 56.0, width - 56.0, 80.0, height - 70.0
    words = ("the provider should take appropriate steps to ensure that its systems and processes are designed "
             "to identify assess and mitigate risks of illegal harm to users including children taking account "
             "of the size capacity and nature of the service and of evidence about how users behave").split()

    def wrap(text: str, size: float = 10.0, indent: float = 0.0) -> list[str]:
        out, cur = [], ""
        for w in text.split():
            t = f"{cur} {w}".strip()
            if stringWidth(t, "Helvetica", size) > right - left - indent - 8 and cur:
                out.append(cur)
                cur = w
            else:
                cur = t
        return out + ([cur] if cur else [])

    def para_text(seed: int, n_lines: int) -> str:
        n = n_lines * 13
        return " ".join(words[(seed * 7 + k) % len(words)] for k in range(n)).capitalize() + "."

    # the flow: (kind, payload)
    flow: list[tuple] = []
    measures = []
    seq = 0
    for ch in chapters:
        flow.append(("chapter", f"Chapter {ch}: Measures of chapter {ch}"))
        for k in range(1, per_chapter + 1):
            mid = f"{ch}{k}"
            flow.append(("heading", f"ICU {mid} Measure number {k} of chapter {ch}"))
            paras = []
            for p in range(1, 5):
                seq += 1
                n_lines = long_lines if (mid == long_measure and p == 2) else 5 + (seq % 7)
                note = seq % note_every == 0
                paras.append({"number": f"{mid}.{p}", "text": para_text(seq, n_lines), "note": note})
                flow.append(("para", paras[-1]))
            measures.append({"id": f"ICU {mid}", "paragraphs": paras})
    # lay out pages
    pages: list[list[tuple]] = []  # (text, size, x, y, font)
    notes_on_page: list[list[str]] = []
    footnotes = []
    page: list[tuple] = []
    notes: list[str] = []
    y = top
    n_note = 0

    def limit() -> float:
        return bottom - 12 * len(notes) - (10 if notes else 0)

    def new_page():
        nonlocal page, notes, y
        pages.append(page)
        notes_on_page.append(notes)
        page, notes, y = [], [], top

    for kind, item in flow:
        if kind == "chapter":
            if y + 40 > limit():
                new_page()
            page.append((item, 15, left, y + 12, "Helvetica-Bold"))
            y += 30
        elif kind == "heading":
            if y + 50 > limit():
                new_page()
            page.append((item, 12, left, y + 10, "Helvetica-Bold"))
            y += 22
        else:
            lines = wrap(f"{item['number']} {item['text']}")
            for i, text in enumerate(lines):
                last = i == len(lines) - 1
                need = 14 + (12 if last and item["note"] else 0)
                if y + need > limit():
                    new_page()
                if i == 0:
                    item["page"] = len(pages) + 1
                page.append((text, 10, left, y + 10, "Helvetica"))
                if last and item["note"]:
                    n_note += 1
                    x = left + stringWidth(text, "Helvetica", 10) + 0.5
                    page.append((str(n_note), 6, x, y + 6, "Helvetica"))
                    notes.append(f"{n_note} See the guidance on this measure, note {n_note}, for more detail.")
                    footnotes.append((str(n_note), len(pages) + 1, item["number"]))
                y += 14
            item["page_end"] = len(pages) + 1
            y += 6
    new_page()
    c = canvas.Canvas(str(path), pagesize=A4)
    total = len(pages)
    for n, (items, page_notes) in enumerate(zip(pages, notes_on_page), 1):
        c.setFont("Helvetica", 8)
        c.drawRightString(right, 40, "Illegal content Codes of Practice for user-to-user services")
        c.setFont("Helvetica", 9)
        c.drawCentredString(width / 2, height - 30, f"Page {n} of {total}")
        for text, size, x, yy, font in items:
            c.setFont(font, size)
            c.drawString(x, height - yy, text)
        fy = bottom - 12 * len(page_notes) + 4
        for note in page_notes:
            c.setFont("Helvetica", 8)
            c.drawString(left, height - (fy + 8), note)
            fy += 12
        c.showPage()
    c.save()
    return {"pages": total, "measures": measures, "footnotes": footnotes}


def plain_loop(path: Path) -> int:
    import pdfplumber

    n = 0
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            n += len(page.extract_text() or "")
    return n


def timed(fn, *args) -> float:
    t0 = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t0


def peak_memory(path: Path) -> float:
    tracemalloc.start()
    extract_code(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def extraction_rss(path: Path) -> float:
    """Maximum resident set size (MB) of a fresh process that only extracts ``path``."""
    import subprocess

    # VmHWM, not ru_maxrss: the latter is inherited from the (larger) parent across fork + exec
    code = (
        "import re, sys; sys.path.insert(0, %r); from analyser.extract import extract_code; "
        "extract_code(%r); s = open('/proc/self/status').read(); "
        "print(int(re.search(r'VmHWM:\\s+(\\d+)', s).group(1)) / 1024)"
    ) % (str(ROOT), str(path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def default_pdfs() -> list[Path]:
    pdfs = sorted((ROOT / "tests" / "fixtures").rglob("*.pdf"))
    gpai = ROOT.parent / "shared" / "corpus" / "eu-gpai-safety-security.pdf"
    if gpai.exists():
        pdfs.append(gpai)
    return pdfs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    pdfs = args.pdfs or default_pdfs()
    tmp = None
    if not args.pdfs:
        import tempfile

        tmp = Path(tempfile.mkdtemp(prefix="bench_extract_"))
        make_long_pdf(tmp / "long_half.pdf", chapters="ABCD")
        make_long_pdf(tmp / "long_code.pdf")
        pdfs += [tmp / "long_half.pdf", tmp / "long_code.pdf"]
    per_page: dict[str, float] = {}
    print(f"{'document':<34} {'pages':>5} {'plain s':>8} {'extract s':>9} {'ratio':>6} {'pages/s':>8} {'peak MB':>8} {'RSS MB':>7} measures")
    ratios = []
    for path in pdfs:
        code = extract_code(path)  # warm imports and the OS file cache for both sides alike
        plain_loop(path)
        plains, extracts = [], []
        for _ in range(args.rounds):
            plains.append(timed(plain_loop, path))
            extracts.append(timed(extract_code, path))
        p, e = min(plains), min(extracts)
        ratios.append(e / p)
        peak = peak_memory(path)
        rss = extraction_rss(path)
        per_page[path.name] = e / code.info.page_count
        print(
            f"{path.name:<34} {code.info.page_count:>5} {p:>8.3f} {e:>9.3f} {e / p:>6.2f} "
            f"{code.info.page_count / e:>8.1f} {peak:>8.1f} {rss:>7.0f} {len(code.measures)}"
        )
    if "long_half.pdf" in per_page and "long_code.pdf" in per_page:
        growth = per_page["long_code.pdf"] / per_page["long_half.pdf"]
        print(f"long code: {1000 * per_page['long_code.pdf']:.1f} ms/page at full length, "
              f"{1000 * per_page['long_half.pdf']:.1f} ms/page at half length (x{growth:.2f}; linear is ~1)")
    if tmp is not None:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"ratio extract/plain: median {statistics.median(ratios):.2f}, worst {max(ratios):.2f} (target <= 1.0)")
    print("peak MB: tracemalloc peak of one extraction; RSS MB: max resident set of a process that only extracts")
    print(f"(this benchmark process, plain loops included, peaked at {rss:.0f} MB: pdfplumber keeps every page)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
