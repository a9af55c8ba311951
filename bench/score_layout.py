"""Score the analyser's extraction on the held-out layout set, field by field.

    python bench/score_layout.py [--set bench/heldout/layout] [--reader pdfium|pdfplumber] [--jobs N] [--json OUT]

The set (``bench/heldout/layout/``, frozen, SYNTHETIC SAMPLE documents) gives for each PDF the
extraction its author expected, written from the generator's own source text. This script runs the
analyser as a user does (``python -m analyser extract PDF --format json``, in a subprocess, with a
cache of its own) and compares its JSON with the expected file:

- measures: each expected measure ID is among the output's measures;
- titles: the measure's title, after folding case, whitespace, dashes and quotes;
- pages: the page of the measure heading (``page_start``);
- paragraphs: each expected paragraph number is among the measure's paragraphs;
- sub_items: the number of top-level sub-items of each paragraph that has any;
- nested_items: the number of sub-items inside each top-level sub-item that has any;
- footnotes: a footnote with the expected number whose text opens with the expected words;
- cross_refs: each measure ID the measure's text names is among its cross-references' targets;
- index: an index row with the expected ``id_text`` (or the same expanded IDs) and applies-to cell.

A document the analyser refuses or crashes on scores zero on every field (its status says why).
It prints one table (matched/total per document and field) and the overall percentage. Exit status:
0 when the set was scored, whatever the score; 2 when the set itself is broken (no documents, a
missing PDF, an unreadable expected file).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SET = ROOT / "bench" / "heldout" / "layout"
FIELDS = ["measures", "titles", "pages", "paragraphs", "sub_items", "nested_items", "footnotes", "cross_refs", "index"]


class SetBroken(Exception):
    """The held-out set cannot be scored (as opposed to the analyser scoring badly on it)."""


@dataclass
class DocScore:
    name: str
    status: str                                    # "ok" or the analyser's error line
    fields: dict[str, tuple[int, int]] = field(default_factory=dict)
    extra_measures: int = 0                        # measures output that the document does not have

    def matched(self) -> int:
        return sum(m for m, _ in self.fields.values())

    def total(self) -> int:
        return sum(t for _, t in self.fields.values())


DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2212]")


def norm(s: str | None) -> str:
    """Fold what layout changes but a reader should not: case, spacing, dash and quote forms, soft hyphens."""
    s = (s or "").replace("\u00ad", "")
    s = DASHES.sub("-", s)
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    s = re.sub(r"\s*-\s*(?=[A-Z]?\d)", "-", s)     # "D3 - D5" and "D3-D5" alike
    return " ".join(s.split()).casefold().rstrip(" .:;")


def expand_ids(id_text: str) -> list[str]:
    """'PCU D3-D5' -> ['PCU D3', 'PCU D4', 'PCU D5']; a single ID -> [it]."""
    m = re.fullmatch(r"(\w+) ([A-Z])(\d+)-(?:[A-Z])?(\d+)", norm(id_text).upper())
    if not m:
        return [" ".join(id_text.split())]
    prefix, letter, a, b = m.groups()
    return [f"{prefix} {letter}{k}" for k in range(int(a), int(b) + 1)]


def load_expected(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            exp = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise SetBroken(f"{path.name}: {e}") from e
    if "document" not in exp or not exp.get("measure"):
        raise SetBroken(f"{path.name}: no [document] or no [[measure]]")
    return exp


def score_document(exp: dict[str, Any], out: dict[str, Any] | None) -> dict[str, tuple[int, int]]:
    """matched/total per field; ``out`` is the analyser's JSON, or None when it produced none."""
    hit = {f: 0 for f in FIELDS}
    tot = {f: 0 for f in FIELDS}
    measures = {m["id"]: m for m in (out or {}).get("measures", [])}
    all_notes = [n for m in measures.values() for n in m.get("footnotes", [])]
    for em in exp["measure"]:
        got = measures.get(em["id"])
        paras = {p["number"]: p for p in (got or {}).get("paragraphs", [])}
        tot["measures"] += 1
        tot["titles"] += 1
        tot["pages"] += 1
        hit["measures"] += got is not None
        hit["titles"] += got is not None and norm(got.get("title")) == norm(em["title"])
        hit["pages"] += got is not None and got.get("page_start") == em["page"]
        for num in em["paragraphs"]:
            tot["paragraphs"] += 1
            hit["paragraphs"] += num in paras
        for num, n in em.get("sub_items", {}).items():
            tot["sub_items"] += 1
            hit["sub_items"] += num in paras and len(paras[num].get("items", [])) == n
        for key, n in em.get("nested_items", {}).items():
            num, _, pos = key.partition("#")
            items = paras[num].get("items", []) if num in paras else []
            k = int(pos) - 1
            tot["nested_items"] += 1
            hit["nested_items"] += k < len(items) and len(items[k].get("items", [])) == n
        targets = {r.get("target") for r in (got or {}).get("cross_refs", [])}
        for ref in em.get("cross_refs", []):
            tot["cross_refs"] += 1
            hit["cross_refs"] += ref in targets
        for fn in em.get("footnote", []):
            tot["footnotes"] += 1
            hit["footnotes"] += any(str(n.get("number")) == fn["number"] and norm(n.get("text")).startswith(norm(fn["starts"]))
                                    for n in all_notes)
    rows = (out or {}).get("index", [])
    for er in exp.get("index", []):
        tot["index"] += 1
        want_ids = expand_ids(er["id_text"])
        row = next((r for r in rows if norm(r.get("id_text")) == norm(er["id_text"])), None) or \
            next((r for r in rows if list(r.get("ids") or []) == want_ids), None)
        hit["index"] += row is not None and norm(row.get("applies_to")) == norm(er["applies_to"])
    return {f: (hit[f], tot[f]) for f in FIELDS}


def run_analyser(pdf: Path, cache: Path, reader: str) -> tuple[str, dict[str, Any] | None]:
    """Run ``python -m analyser extract`` as a user does; (status, JSON or None)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.json"
        env = dict(os.environ, ANALYSER_CACHE_DIR=str(cache))
        cmd = [sys.executable, "-m", "analyser", "extract", str(pdf), "--format", "json", "-o", str(out),
               "--reader", reader]
        try:
            proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
        except subprocess.TimeoutExpired:
            return "error: no answer in 900 s", None
        if proc.returncode != 0 or not out.exists():
            lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
            return f"error (exit {proc.returncode}): {lines[-1] if lines else 'no message'}", None
        try:
            return "ok", json.loads(out.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            return f"error: output is not JSON ({e})", None


def documents(set_dir: Path) -> list[tuple[str, Path, dict[str, Any]]]:
    expected = sorted(set_dir.glob("*.expected.toml"))
    if not expected:
        raise SetBroken(f"no *.expected.toml in {set_dir}")
    docs = []
    for e in expected:
        exp = load_expected(e)
        pdf = set_dir / exp["document"]["file"]
        if not pdf.is_file():
            raise SetBroken(f"{e.name}: {pdf.name} is missing")
        docs.append((e.name.removesuffix(".expected.toml"), pdf, exp))
    return docs


def score_set(set_dir: Path = DEFAULT_SET, reader: str = "pdfium", jobs: int = 1) -> list[DocScore]:
    docs = documents(set_dir)
    with tempfile.TemporaryDirectory() as cache:
        def one(d: tuple[str, Path, dict[str, Any]]) -> DocScore:
            name, pdf, exp = d
            status, out = run_analyser(pdf, Path(cache), reader)
            ids = {m["id"] for m in exp["measure"]}
            extra = len({m["id"] for m in (out or {}).get("measures", [])} - ids)
            return DocScore(name, status, score_document(exp, out), extra)
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            return list(pool.map(one, docs))


def table(scores: list[DocScore]) -> str:
    head = ["document"] + FIELDS + ["all", "extra", "status"]
    rows = []
    for s in scores:
        rows.append([s.name] + [f"{m}/{t}" for m, t in (s.fields[f] for f in FIELDS)]
                    + [f"{100 * s.matched() / max(1, s.total()):.0f}%", str(s.extra_measures), s.status[:60]])
    sums = {f: (sum(s.fields[f][0] for s in scores), sum(s.fields[f][1] for s in scores)) for f in FIELDS}
    m_all, t_all = sum(m for m, _ in sums.values()), sum(t for _, t in sums.values())
    rows.append(["TOTAL"] + [f"{m}/{t}" for m, t in sums.values()]
                + [f"{100 * m_all / max(1, t_all):.1f}%", str(sum(s.extra_measures for s in scores)), ""])
    widths = [max(len(str(r[i])) for r in [head] + rows) for i in range(len(head))]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    lines = [fmt.format(*head), fmt.format(*("-" * w for w in widths))] + [fmt.format(*r) for r in rows]
    per_field = ", ".join(f"{f} {100 * m / t:.0f}%" for f, (m, t) in sums.items() if t)
    lines += ["", f"overall: {m_all}/{t_all} = {100 * m_all / max(1, t_all):.1f}%  ({per_field})"]
    return "\n".join(lines)


def overall(scores: list[DocScore]) -> tuple[int, int]:
    return sum(s.matched() for s in scores), sum(s.total() for s in scores)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", type=Path, default=DEFAULT_SET)
    ap.add_argument("--reader", choices=["pdfium", "pdfplumber"], default="pdfium")
    ap.add_argument("--jobs", type=int, default=1, help="documents analysed at once (the machine may be shared)")
    ap.add_argument("--json", type=Path, help="also write the scores as JSON")
    a = ap.parse_args(argv)
    try:
        scores = score_set(a.set, a.reader, a.jobs)
    except SetBroken as e:
        print(f"held-out set broken: {e}", file=sys.stderr)
        return 2
    print(table(scores))
    if a.json:
        a.json.write_text(json.dumps([{"document": s.name, "status": s.status, "extra_measures": s.extra_measures,
                                       "fields": {f: list(v) for f, v in s.fields.items()}} for s in scores],
                                     indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
