"""Byte-for-byte check that a speed change changed no output: the ``extract --format json`` text of
every PDF, from this tree and from another (the commit a branch started from, unpacked with
``git archive``), compared.

Why a script and not only a test: the documents that show whether a change is exact at scale (the
scaled sample, 355-879 pages, minutes each) are too slow for the test suite, and the before side
must be another tree. Each tree runs in its own process (``PYTHONPATH``), analyses every PDF with
``pipeline.load_code_json(..., use_cache=False)`` (what ``extract PDF --no-cache --format json``
prints, serial path) and writes one JSON file per PDF; then the files are compared byte for byte.
A tree's outputs can be kept (``--keep DIR``) so the before side is run once for several checks.

    python bench/same_output.py --baseline /tmp/before [--corpus] [--keep /tmp/json] [PDF ...]

Exit status 0 when every document's JSON is identical, 1 otherwise (the differing documents listed,
with the first differing line).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GPAI = ROOT.parent / "shared" / "corpus"

# run inside the tree's own process: one spaCy load for every document
_WORKER = """
import sys
from pathlib import Path
from analyser.pipeline import load_code_json
from analyser.errors import AnalyserError
out = Path(sys.argv[1])
for i, pdf in enumerate(sys.argv[2:]):
    try:
        text = load_code_json(pdf, use_cache=False)
    except AnalyserError as err:  # a refused document: its message is its output
        text = "ERROR " + str(err)
    (out / f"{i:03d}.json").write_text(text, encoding="utf-8")
"""


def corpus() -> list[Path]:
    """Every fixture PDF and the shared corpus (the documents the reader-equivalence tests use)."""
    return sorted((ROOT / "tests" / "fixtures").rglob("*.pdf")) + sorted(GPAI.glob("*.pdf"))


def outputs(tree: Path, pdfs: list[Path], out: Path) -> list[Path]:
    """The JSON text of every PDF from the analyser package of ``tree``, one file each in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONPATH=str(tree), ANALYSER_OVERLAP="0")
    env.pop("ANALYSER_READER", None)
    subprocess.run([sys.executable, "-c", _WORKER, str(out), *map(str, pdfs)], env=env, cwd=tree, check=True)
    return [out / f"{i:03d}.json" for i in range(len(pdfs))]


def first_difference(a: str, b: str) -> str:
    for k, (x, y) in enumerate(zip(a.splitlines(), b.splitlines())):
        if x != y:
            return f"line {k + 1}: {x.strip()[:100]!r} != {y.strip()[:100]!r}"
    return f"lengths {len(a)} != {len(b)}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--baseline", type=Path, required=True, help="the other tree (its analyser/ package)")
    ap.add_argument("--corpus", action="store_true", help="every fixture PDF and the shared corpus")
    ap.add_argument("--keep", type=Path, default=None,
                    help="folder for the baseline's outputs: reused when it already holds them")
    args = ap.parse_args(argv)
    pdfs = [p.resolve() for p in args.pdfs] + (corpus() if args.corpus else [])
    with tempfile.TemporaryDirectory(prefix="same-output-") as tmp:
        keep = args.keep or Path(tmp) / "before"
        names = keep / "names.txt"
        listing = "\n".join(map(str, pdfs))
        if names.exists() and names.read_text() == listing:
            before = [keep / f"{i:03d}.json" for i in range(len(pdfs))]
        else:
            before = outputs(args.baseline.resolve(), pdfs, keep)
            names.write_text(listing)
        after = outputs(ROOT, pdfs, Path(tmp) / "after")
        differ = 0
        for pdf, b, a in zip(pdfs, before, after):
            tb, ta = b.read_text(encoding="utf-8"), a.read_text(encoding="utf-8")
            if tb != ta:
                differ += 1
                print(f"DIFFERENT {pdf}: {first_difference(tb, ta)}")
        print(f"{len(pdfs) - differ} of {len(pdfs)} documents: JSON identical byte for byte")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
