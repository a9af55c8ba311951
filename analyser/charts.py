"""Vega-Lite specifications of the Overview's charts, as plain dictionaries.

Why not Altair: building these two bar charts with Altair costs its import (about 0.3 s) on the
app's first page, and Streamlit would convert their data through pandas and Arrow. A dictionary is
drawn by the same Vega-Lite renderer in the browser. The rows sit inside a one-layer ``layer``
rather than in the top-level ``data``, which Streamlit would otherwise pull out and convert.
Vega renders labels and tooltips as text, so document text needs no HTML escaping here.
"""

from __future__ import annotations

from dataclasses import asdict

from .overview import Overview
from .palette import NEUTRALS, PALETTE, category_colour

HEIGHT = 240


INK = "#374151"  # a single series needs no key: neutral (analyser/palette.py), 10:1 on the page
assert INK in NEUTRALS


def _bar(rows: list[dict], encoding: dict) -> dict:
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "height": HEIGHT,
        "layer": [{"data": {"values": rows}, "mark": {"type": "bar", "tooltip": True, "color": INK},
                   "encoding": encoding}],
    }


def measures_by_chapter(overview: Overview) -> dict:
    rows = [asdict(c) for c in overview.chapters]
    return _bar(rows, {
        "x": {"field": "chapter", "type": "nominal", "title": "Chapter", "sort": None, "axis": {"labelAngle": 0}},
        "y": {"field": "measures", "type": "quantitative", "title": "Measures"},
        "tooltip": [{"field": "chapter", "type": "nominal"}, {"field": "title", "type": "nominal"},
                    {"field": "measures", "type": "quantitative"}],
    })


def qualifiers_by_category(overview: Overview) -> dict:
    """A dot grid, not a stack of pastel bars: a row per category (named on the axis, so nothing
    depends on telling colours apart), a column per chapter, a dot sized by the count with the
    count written beside it. Dots take the category's edge colour (3:1 or better on the page, the
    same colour as the category's marks in the text)."""
    rows = [asdict(q) for q in overview.qualifier_counts]
    known = [k.split(":", 1)[1] for k in PALETTE if k.startswith("category:") and k != "category:other"]
    present = {q.category for q in overview.qualifier_counts}
    domain = [c for c in known if c in present] + sorted(present - set(known))
    x = {"field": "chapter", "type": "nominal", "title": "Chapter", "axis": {"labelAngle": 0},
         "sort": [c.chapter for c in overview.chapters], "scale": {"domain": [c.chapter for c in overview.chapters]}}
    y = {"field": "category", "type": "nominal", "title": "Category", "sort": domain}
    tooltip = [{"field": "chapter", "type": "nominal"}, {"field": "category", "type": "nominal"},
               {"field": "qualifiers", "type": "quantitative"}]
    dots = {"data": {"values": rows}, "mark": {"type": "circle", "opacity": 1, "tooltip": True},
            "encoding": {"x": x, "y": y, "tooltip": tooltip,
                         "size": {"field": "qualifiers", "type": "quantitative", "title": "Qualifiers",
                                  "scale": {"range": [40, 400]}, "legend": None},
                         "color": {"field": "category", "type": "nominal", "legend": None,
                                   "scale": {"domain": domain, "range": [category_colour(c).edge for c in domain]}}}}
    counts = {"data": {"values": rows}, "mark": {"type": "text", "align": "left", "dx": 12, "color": INK},
              "encoding": {"x": x, "y": y, "text": {"field": "qualifiers", "type": "quantitative"}}}
    return {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "height": HEIGHT, "layer": [dots, counts]}
