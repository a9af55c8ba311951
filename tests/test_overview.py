"""The Overview's figures and charts, read from the ICU-like sample and checked against what its
generator wrote (the expected JSON), not against the code's own output."""

from __future__ import annotations

import html
import json
import re
from collections import Counter

from analyser import charts, highlight
from analyser.models import Code, CodeInfo, Measure, QualifierSummary
from analyser.overview import ChapterCount, Overview, summarise


def test_chapters_keep_document_order_and_count_the_generators_measures(icu_code, icu_expected):
    summary = summarise(icu_code)
    expected = Counter(m["chapter"] for m in icu_expected["measures"])
    order = list(dict.fromkeys(m["chapter"] for m in icu_expected["measures"]))
    assert [c.chapter for c in summary.chapters] == order
    assert {c.chapter: c.measures for c in summary.chapters} == expected
    titles = {m["chapter"]: m["chapter_title"] for m in icu_expected["measures"]}
    assert all(c.title == titles[c.chapter] for c in summary.chapters)
    assert summary.measures == len(icu_expected["measures"])
    assert summary.paragraphs == sum(len(m["paragraphs"]) for m in icu_expected["measures"])


def test_qualifier_counts_add_up_by_chapter_and_category(icu_code):
    summary = summarise(icu_code)
    flagged = [(m.chapter, q.category) for m in icu_code.measures for q in m.qualifiers]
    assert summary.qualifiers == len(flagged) > 0
    assert {(q.chapter, q.category): q.qualifiers for q in summary.qualifier_counts} == Counter(flagged)


def test_ranking_puts_high_risk_first_then_more_qualifiers(icu_code):
    ranking = summarise(icu_code).ranking
    assert sorted(r.measure for r in ranking) == sorted(m.id for m in icu_code.measures)
    order = {"high": 0, "medium": 1, "low": 2, "none": 3, "": 4}
    keys = [(order[r.loophole_risk], -r.qualifiers) for r in ranking]
    assert keys == sorted(keys)
    # The sample's headline loophole (feasibility qualifier on the CSAM hash-matching measure).
    assert "ICU C9" in [r.measure for r in ranking if r.loophole_risk == "high"]
    assert summarise(icu_code).high_risk == sum(1 for r in ranking if r.loophole_risk == "high")


def test_a_code_without_chapters_or_qualifiers():
    info = CodeInfo(title="t", publisher=None, family="x", short_name="X", kind="any", version=None,
                    source_file="x.pdf", sha256="0" * 64, page_count=1, profile="generic")
    code = Code(info=info, measures=[
        Measure(id="X 1", number="1", title="One", chapter=None, chapter_title=None, page_start=1, page_end=1),
        Measure(id="X 2", number="2", title="Two", chapter=None, chapter_title=None, page_start=1, page_end=1,
                qualifier_summary=QualifierSummary(counts={"discretion": 2}, loophole_risk="low")),
    ])
    summary = summarise(code)
    assert [(c.chapter, c.measures) for c in summary.chapters] == [("–", 2)]
    assert summary.qualifier_counts == [] and summary.qualifiers == 0
    assert [r.measure for r in summary.ranking] == ["X 2", "X 1"]
    json.dumps(summary.to_dict())


def test_charts_are_tables_with_every_value_written(icu_code):
    """Bars and dots are read as tables (a row per chapter or category), every count written
    beside its mark, dots in their category's edge colour, document text escaped."""
    from analyser.palette import category_colour

    summary = summarise(icu_code)
    bars = charts.measures_by_chapter(summary)
    rows = re.findall(r"<tr><th scope='row'[^>]*>(.*?)</th><td[^>]*>.*?<span[^>]*>([\d,]+)</span></td></tr>", bars)
    assert [re.sub(r"<[^>]+>", "", label).split(" ")[0] for label, _ in rows] == [c.chapter for c in summary.chapters]
    assert [int(n.replace(",", "")) for _, n in rows] == [c.measures for c in summary.chapters]
    assert bars.count("class='cop-bar'") == len(summary.chapters)
    dots = charts.qualifiers_by_category(summary)
    named = re.findall(r"<tr><th scope='row'[^>]*>([^<]+)</th>", dots)
    assert set(named) == {q.category for q in summary.qualifier_counts}  # named, not told by colour alone
    written = [int(n) for n in re.findall(r"class='cop-dot'[^>]*></span><span[^>]*>(\d+)</span>", dots)]
    assert sum(written) == summary.qualifiers and len(written) == len(summary.qualifier_counts)
    for cat in named:
        assert f"background-color:{category_colour(cat).edge}" in dots
    hostile = Overview(measures=1, paragraphs=1, qualifiers=0, high_risk=0,
                       chapters=[ChapterCount("A", "<script>alert(1)</script>", 1)])
    assert "<script>" not in charts.measures_by_chapter(hostile)
    assert "&lt;script&gt;" in charts.measures_by_chapter(hostile)


def test_table_cells_are_escaped_and_the_first_links_to_its_measure():
    rows = [("ICU C9", 'Hash <script>alert("x")</script> & matching', "high", "a\nb", 3), ("X", None, "", "", 0)]
    out = highlight.table_html(["measure", "title", "risk", "why", "n"], rows,
                               href_for=lambda row: f"?measure={row[0]}&x=\"y\"" if row[0] != "X" else None)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert '<a href="?measure=ICU C9&amp;x=&quot;y&quot;" target="_self">ICU C9</a>' in out
    assert "<td>X</td>" in out and "a<br>b" in out
    cells = re.findall(r"<td>(.*?)</td>", out)
    assert html.unescape(re.sub(r"<[^>]+>", "", cells[1])) == 'Hash <script>alert("x")</script> & matching'
