"""Vega-Lite specifications of the Overview's charts, as plain dictionaries.

Why not Altair: building these two bar charts with Altair costs its import (about 0.3 s) on the
app's first page, and Streamlit would convert their data through pandas and Arrow. A dictionary is
drawn by the same Vega-Lite renderer in the browser. The rows sit inside a one-layer ``layer``
rather than in the top-level ``data``, which Streamlit would otherwise pull out and convert.
Vega renders labels and tooltips as text, so document text needs no HTML escaping here.
"""

from __future__ import annotations

from dataclasses import asdict

from .highlight import CATEGORY_COLOURS
from .overview import Overview

HEIGHT = 240


def _bar(rows: list[dict], encoding: dict) -> dict:
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "height": HEIGHT,
        "layer": [{"data": {"values": rows}, "mark": {"type": "bar", "tooltip": True}, "encoding": encoding}],
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
    rows = [asdict(q) for q in overview.qualifier_counts]
    known = list(CATEGORY_COLOURS)
    others = sorted({q.category for q in overview.qualifier_counts} - set(known))
    return _bar(rows, {
        "x": {"field": "chapter", "type": "nominal", "title": "Chapter", "axis": {"labelAngle": 0},
              "sort": [c.chapter for c in overview.chapters]},
        "y": {"field": "qualifiers", "type": "quantitative", "title": "Qualifiers"},
        "color": {"field": "category", "type": "nominal", "title": "Category",
                  "scale": {"domain": known + others,
                            "range": list(CATEGORY_COLOURS.values()) + ["#9ca3af"] * len(others)}},
        "tooltip": [{"field": "chapter", "type": "nominal"}, {"field": "category", "type": "nominal"},
                    {"field": "qualifiers", "type": "quantitative"}],
    })
