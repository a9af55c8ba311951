# Owns the checks on the held-out layout set (bench/heldout/layout/) and its scorer
# (bench/score_layout.py). These fail only when the set or the scorer is broken (missing files,
# a scorer crash, no documents, a scorer that cannot tell right from wrong) and never on the
# analyser's score, which is printed for the record.
from __future__ import annotations

import copy
import importlib.util
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pypdfium2
import pytest

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT / "bench" / "heldout" / "layout"


def _scorer():
    spec = importlib.util.spec_from_file_location("score_layout", ROOT / "bench" / "score_layout.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["score_layout"] = mod
    spec.loader.exec_module(mod)
    return mod


score_layout = _scorer()


def _manifest() -> dict:
    with (SET / "manifest.toml").open("rb") as f:
        return tomllib.load(f)


def _expected(name: str) -> dict:
    with (SET / f"{name}.expected.toml").open("rb") as f:
        return tomllib.load(f)


NAMES = [d["name"] for d in _manifest()["document"]]


def test_manifest_lists_six_to_eight_synthetic_documents_each_with_pdf_and_expected_file():
    m = _manifest()
    assert m["synthetic"] is True and "SYNTHETIC SAMPLE" in m["label"]
    assert 6 <= len(NAMES) <= 8
    on_disk = sorted(p.name.removesuffix(".expected.toml") for p in SET.glob("*.expected.toml"))
    assert on_disk == sorted(NAMES)
    producers = set()
    for name in NAMES:
        exp = _expected(name)
        assert (SET / exp["document"]["file"]).is_file(), name
        assert exp["document"]["synthetic"] is True
        assert exp["measure"] and exp["index"], name
        producers.add(exp["document"]["producer"].split()[0])
    assert len(producers) >= 3, producers


@pytest.mark.parametrize("name", NAMES)
def test_pdf_is_labelled_synthetic_on_page_one_and_has_the_recorded_page_count(name):
    exp = _expected(name)
    pdf = pypdfium2.PdfDocument(str(SET / exp["document"]["file"]))
    try:
        assert len(pdf) == exp["document"]["page_count"]
        assert 4 <= len(pdf) <= 12
        page = pdf[0].get_textpage()
        assert "SYNTHETIC SAMPLE" in page.get_text_range()
    finally:
        pdf.close()


@pytest.mark.parametrize("name", NAMES)
def test_expected_file_is_consistent_with_itself(name):
    exp = _expected(name)
    count = exp["document"]["page_count"]
    ids = [m["id"] for m in exp["measure"]]
    assert len(ids) == len(set(ids))
    numbers = [fn["number"] for m in exp["measure"] for fn in m.get("footnote", [])]
    assert numbers == [str(k) for k in range(1, len(numbers) + 1)]   # one run through the document
    pages = [m["page"] for m in exp["measure"]]
    assert pages == sorted(pages) and 1 <= pages[0] and pages[-1] <= count
    for m in exp["measure"]:
        number = m["id"].split()[1]
        assert all(p.startswith(number + ".") for p in m["paragraphs"]), m["id"]
        assert set(m["sub_items"]) <= set(m["paragraphs"])
    indexed = {i for row in exp["index"] for i in score_layout.expand_ids(row["id_text"])}
    assert indexed == set(ids)


def _perfect_output(exp: dict) -> dict:
    """The analyser JSON that would score every point: built from the expected file alone."""
    measures = []
    for m in exp["measure"]:
        paras = []
        for num in m["paragraphs"]:
            items = [{"label": f"({k})", "items": []} for k in range(m["sub_items"].get(num, 0))]
            paras.append({"number": num, "items": items})
        for key, n in m["nested_items"].items():
            num, _, pos = key.partition("#")
            next(p for p in paras if p["number"] == num)["items"][int(pos) - 1]["items"] = [{}] * n
        measures.append({"id": m["id"], "title": m["title"].upper() + ".", "page_start": m["page"],
                         "paragraphs": paras, "cross_refs": [{"target": t} for t in m["cross_refs"]],
                         "footnotes": [{"number": fn["number"], "text": fn["starts"] + " and more words"}
                                       for fn in m.get("footnote", [])]})
    index = [{"id_text": r["id_text"].replace("-", " \u2013 "), "ids": score_layout.expand_ids(r["id_text"]),
              "applies_to": r["applies_to"]} for r in exp["index"]]
    return {"measures": measures, "index": index}


@pytest.mark.parametrize("name", NAMES)
def test_scorer_gives_full_marks_to_a_perfect_reading_and_none_to_no_reading(name):
    exp = _expected(name)
    full = score_layout.score_document(exp, _perfect_output(exp))
    assert all(m == t for m, t in full.values()), full
    assert full["measures"][1] == len(exp["measure"]) and full["index"][1] == len(exp["index"])
    empty = score_layout.score_document(exp, None)
    assert all(m == 0 for m, _ in empty.values())
    assert sum(t for _, t in empty.values()) == sum(t for _, t in full.values())


def test_scorer_counts_each_kind_of_mistake_once():
    exp = _expected("pcu-landscape-two-column")
    out = _perfect_output(exp)
    bad = copy.deepcopy(out)
    m0 = bad["measures"][0]
    m0["title"] = "A different title"
    m0["page_start"] += 1
    m0["paragraphs"].pop()
    m0["footnotes"][0]["text"] = "Some other note"
    b1 = next(m for m in bad["measures"] if m["id"] == "PCU B1")
    b1["paragraphs"][2]["items"].pop()
    bad["index"][0]["applies_to"] = "All services"
    group = next(r for r in bad["index"] if r["id_text"].startswith("PCU D3"))
    group["id_text"] = "D3 to D5"        # still found by its expanded IDs
    del bad["measures"][-1]
    full = score_layout.score_document(exp, out)
    got = score_layout.score_document(exp, bad)
    lost = {f: full[f][0] - got[f][0] for f in full}
    last = exp["measure"][-1]
    assert lost["titles"] == 2 and lost["pages"] == 2 and lost["measures"] == 1
    assert lost["paragraphs"] == 1 + len(last["paragraphs"])
    assert lost["sub_items"] == 1 + len(last["sub_items"])
    assert lost["footnotes"] == 1 + len(last.get("footnote", []))
    assert lost["index"] == 1


def test_scorer_says_the_set_is_broken_when_a_pdf_or_every_document_is_missing(tmp_path):
    assert score_layout.main(["--set", str(tmp_path)]) == 2
    shutil.copy(SET / "ics-margin-ids.expected.toml", tmp_path)
    assert score_layout.main(["--set", str(tmp_path)]) == 2
    (tmp_path / "ics-margin-ids.expected.toml").write_text("[document\n", encoding="utf-8")
    with pytest.raises(score_layout.SetBroken):
        score_layout.documents(tmp_path)


def test_scorer_runs_the_analyser_on_the_whole_set_and_prints_the_score(capsys):
    scores = score_layout.score_set(SET)
    assert [s.name for s in scores] == sorted(NAMES)
    for s in scores:
        assert s.status == "ok" or s.status.startswith("error"), s.status
        assert s.total() > 0 and set(s.fields) == set(score_layout.FIELDS)
    matched, total = score_layout.overall(scores)
    assert 0 <= matched <= total
    with capsys.disabled():
        print("\n" + score_layout.table(scores))


def _missing_for_rebuild() -> str | None:
    needs = {"soffice": "libreoffice-writer", "pdftotext": "poppler-utils"}
    for tool, package in needs.items():
        if shutil.which(tool) is None:
            return f"needs {package} ({tool}) to rebuild the LibreOffice documents and find their pages"
    fonts = {"/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf": "fonts-dejavu-core",
             "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf": "fonts-liberation",
             "/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf": "fonts-crosextra-carlito"}
    for path, package in fonts.items():
        if not Path(path).is_file():
            return f"needs {package} for the documents' fonts"
    return None


@pytest.mark.skipif(_missing_for_rebuild() is not None, reason=_missing_for_rebuild() or "")
def test_generator_reproduces_the_committed_set():
    proc = subprocess.run([sys.executable, str(SET / "make_documents.py"), "--check"], capture_output=True,
                          text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
