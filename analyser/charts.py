"""The Overview's two charts, as small HTML tables drawn by the browser with the page.

Why HTML and not Vega-Lite: measured on the 2-core machine (issue 14), the two Vega charts were
the last thing of the app's first page to be drawn: the browser fetched and ran about 1 MB of
Vega's code and compiled two specifications before the page was complete (0.4-0.6 s of the cold
start). A chart that is a table arrives with the page's other HTML and costs nothing to draw; it
is also read by a screen reader as what it is (a row per chapter or category, a column per count),
with every value written beside its mark.

- ``measures_by_chapter``: a row per chapter (its letter and title), a bar as long as its count
  of measures, the count written after it;
- ``qualifiers_by_category``: a dot grid, a row per qualifier category (named, so nothing depends
  on telling colours apart) and a column per chapter, a dot sized by the count with the count
  written beside it. Dots take the category's edge colour (3:1 or better on the page, the colour
  of the category's marks in the text).

Every text from the document (chapter titles) is escaped. Colours come from ``palette.py``.
Presentation only: the figures are ``overview.summarise``'s.
"""

from __future__ import annotations

import html
import math

from .overview import Overview
from .palette import NEUTRALS, PALETTE, category_colour

INK = "#374151"  # a single series needs no key: neutral (analyser/palette.py), 10:1 on the page
assert INK in NEUTRALS
BAR_MAX_PCT = 78  # the longest bar, in % of its cell: room for the count written after it
DOT_MIN_PX, DOT_MAX_PX = 7, 22  # dot diameters for the smallest and the largest count (area ∝ count)

_TABLE = "border-collapse:collapse;width:100%;font-size:.9rem"
_CELL = "padding:.2rem .4rem;text-align:left;vertical-align:middle;border-bottom:1px solid #e5e7eb"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def measures_by_chapter(overview: Overview) -> str:
    """A bar per chapter, in the document's order, with its count written after it."""
    most = max((c.measures for c in overview.chapters), default=0) or 1
    rows = []
    for c in overview.chapters:
        pct = round(BAR_MAX_PCT * c.measures / most, 1)
        label = f"{_e(c.chapter)} <span style='font-weight:400'>{_e(c.title)}</span>" if c.title else _e(c.chapter)
        rows.append(
            f"<tr><th scope='row' style='{_CELL};font-weight:600;width:45%'>{label}</th>"
            f"<td style='{_CELL}'><span class='cop-bar' style='display:inline-block;height:.9rem;width:{pct}%;"
            f"background-color:{INK};vertical-align:middle'></span>"
            f"<span style='margin-left:.4rem'>{c.measures:,}</span></td></tr>")
    return (f"<table class='cop-chart' style='{_TABLE}'><thead><tr><th scope='col' style='{_CELL}'>Chapter</th>"
            f"<th scope='col' style='{_CELL}'>Measures</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _dot_px(count: int, most: int) -> int:
    """The diameter of a dot whose area is proportional to ``count``."""
    if most <= 0:
        return DOT_MIN_PX
    area = (DOT_MIN_PX ** 2) + (DOT_MAX_PX ** 2 - DOT_MIN_PX ** 2) * count / most
    return round(math.sqrt(area))


def qualifiers_by_category(overview: Overview) -> str:
    """A dot grid: a row per qualifier category, a column per chapter, each count as a dot and a number."""
    known = [k.split(":", 1)[1] for k in PALETTE if k.startswith("category:") and k != "category:other"]
    present = {q.category for q in overview.qualifier_counts}
    categories = [c for c in known if c in present] + sorted(present - set(known))
    chapters = [c.chapter for c in overview.chapters]
    titles = {c.chapter: c.title for c in overview.chapters}
    counts = {(q.category, q.chapter): q.qualifiers for q in overview.qualifier_counts}
    most = max(counts.values(), default=0)
    head = "".join(f"<th scope='col' style='{_CELL};text-align:center' title='{_e(titles.get(ch, ''))}'>{_e(ch)}</th>"
                   for ch in chapters)
    rows = []
    for cat in categories:
        edge = category_colour(cat).edge
        cells = []
        for ch in chapters:
            n = counts.get((cat, ch), 0)
            if not n:
                cells.append(f"<td style='{_CELL}'></td>")
                continue
            size = _dot_px(n, most)
            cells.append(f"<td style='{_CELL};text-align:center;white-space:nowrap'>"
                         f"<span class='cop-dot' style='display:inline-block;width:{size}px;height:{size}px;"
                         f"border-radius:50%;background-color:{edge};vertical-align:middle'></span>"
                         f"<span style='margin-left:.3rem'>{n:,}</span></td>")
        rows.append(f"<tr><th scope='row' style='{_CELL};font-weight:600'>{_e(cat)}</th>{''.join(cells)}</tr>")
    # Wider than a narrow column: it scrolls sideways, in a region a keyboard can reach (WCAG 2.1.1).
    return ("<div role='region' tabindex='0' aria-label='Qualifiers by category and chapter (scrolls sideways)' "
            f"style='overflow-x:auto'><table class='cop-chart' style='{_TABLE}'><thead><tr>"
            f"<th scope='col' style='{_CELL}'>Category</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody>"
            "</table></div>")
