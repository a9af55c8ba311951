"""A decompression bomb written byte by byte: a few kilobytes of PDF whose one compressed content
stream inflates to millions of characters of text (shared by the budget tests, the app test and
bench/bench_bomb.py)."""

from __future__ import annotations

import zlib
from pathlib import Path


def write_bomb(path: Path, chars: int = 4_000_000, pages: int = 1) -> Path:
    """A valid PDF: ``pages`` pages that all draw the same stream of ``chars`` letters."""
    content = b"BT /F1 1 Tf 0 700 Td (" + b"A" * chars + b") Tj ET"
    stream = zlib.compress(content, 9)
    kids = " ".join(f"{5 + i} 0 R" for i in range(pages)).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ] + [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
         b"/Contents 3 0 R >>"] * pages
    return _write_pdf(path, objects)


def write_form_bomb(path: Path, chars: int = 10_000, uses: int = 100) -> Path:
    """A page that draws one small form XObject of ``chars`` letters ``uses`` times: each stream is
    modest, the page shows ``chars * uses`` characters."""
    form = zlib.compress(b"BT /F1 1 Tf 0 0 Td (" + b"B" * chars + b") Tj ET", 9)
    page = zlib.compress(b"q /X0 Do Q\n" * uses, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [6 0 R] /Count 1 >>",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Length %d /Filter /FlateDecode >>\nstream\n" % len(form) + form + b"\nendstream",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(page) + page + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /X0 3 0 R >> >> "
        b"/Contents 4 0 R >>",
    ]
    return _write_pdf(path, objects)


def _write_pdf(path: Path, objects: list[bytes]) -> Path:
    """Numbered objects 1..n, a cross-reference table and a trailer whose root is object 1."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path
