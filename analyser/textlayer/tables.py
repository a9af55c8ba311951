"""Drawn tables and boxes: which lines sit inside the area spanned by a page's ruling lines
(``Line.in_table``) or inside a lone frame (``Line.boxed``)."""

from __future__ import annotations

from .lines import Line

def mark_tables(lines: list[Line], rulings: list[tuple[float, float, float, float]], page_height: float = 0.0) -> None:
    """Mark lines that sit inside the area spanned by a page's ruling lines (a drawn table).

    Frames and backgrounds (anything taller than half the page) are not tables, except the side of
    a table longer than half the page (``_table_border``).
    """
    if page_height:
        rulings = [r for r in rulings if r[3] - r[1] < 0.5 * page_height or _table_border(r, rulings)]
    if len(rulings) < 4:
        return
    horiz = [r for r in rulings if r[3] - r[1] < 3 and r[2] - r[0] > 20]
    vert = [r for r in rulings if r[2] - r[0] < 3 and r[3] - r[1] > 5]
    boxes = [r for r in rulings if r[2] - r[0] >= 3 and r[3] - r[1] >= 3]
    # cell rectangles, or horizontal + vertical rules that meet, delimit a table region; a
    # rectangle that touches no other and no rule crosses is a frame (a boxed note area, a callout)
    regions: list[tuple[float, float, float, float]] = []
    frames: list[tuple[float, float, float, float]] = []
    for b in boxes:
        (regions if len(boxes) >= 2 and _is_cell(b, boxes, horiz, vert) else frames).append(b)
    # each group of rules that meet is its own grid or box: two boxes on a page are two regions,
    # and the text between them (a heading) is in neither
    for group in _touching_groups(horiz + vert):
        if any(r in horiz for r in group) and any(r in vert for r in group):
            regions.append((min(r[0] for r in group), min(r[1] for r in group),
                            max(r[2] for r in group), max(r[3] for r in group)))
    for line in lines:
        mid = (line.top + line.bottom) / 2
        inside = lambda area: area[1] <= mid <= area[3] and area[0] - 2 <= line.x0 <= area[2]
        if any(inside(r) for r in regions):
            line.in_table = True
        elif any(inside(f) for f in frames):
            line.boxed = True


def _table_border(rule: tuple[float, float, float, float], rulings: list[tuple[float, float, float, float]],
                  tol: float = 2.0) -> bool:
    """Whether a tall rule is the side of a long table rather than a page frame: a vertical line
    that three or more horizontal rules meet (a rule under each row), one of which a short vertical
    rule (a column separator) also meets. A frame's sides meet its header and footer rules at most."""
    x0, top, x1, bottom = rule
    if x1 - x0 >= 3:
        return False
    horiz = [r for r in rulings if r[3] - r[1] < 3 and r[2] - r[0] > 20
             and r[0] - tol <= x1 and x0 <= r[2] + tol and top - tol <= r[1] <= bottom + tol]
    if len({round(r[1]) for r in horiz}) < 3:
        return False
    short = [r for r in rulings if r[2] - r[0] < 3 and 5 < r[3] - r[1] < bottom - top - 2 * tol]
    return any(h[0] + tol < v[0] < h[2] - tol and (abs(v[1] - h[1]) <= tol or abs(v[3] - h[1]) <= tol)
               for h in horiz for v in short)


def _touching_groups(rules: list[tuple[float, float, float, float]], tol: float = 2.0) -> list[list[tuple]]:
    """Rules grouped by contact: two rules are in one group when their boxes meet (within tol)."""
    parent = list(range(len(rules)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(rules):
        for j in range(i + 1, len(rules)):
            b = rules[j]
            if a[0] - tol <= b[2] and b[0] - tol <= a[2] and a[1] - tol <= b[3] and b[1] - tol <= a[3]:
                parent[root(i)] = root(j)
    groups: dict[int, list[tuple]] = {}
    for i, r in enumerate(rules):
        groups.setdefault(root(i), []).append(r)
    return list(groups.values())


def _is_cell(box, boxes, horiz, vert, tol: float = 1.5) -> bool:
    """Whether a rectangle is one cell of a grid: it shares an edge with another rectangle, or a
    rule runs inside it."""
    x0, top, x1, bottom = box
    for other in boxes:
        if other is box:
            continue
        ox0, otop, ox1, obottom = other
        overlap_x = min(x1, ox1) - max(x0, ox0) > tol
        overlap_y = min(bottom, obottom) - max(top, otop) > tol
        touch_y = abs(otop - bottom) <= tol or abs(obottom - top) <= tol
        touch_x = abs(ox0 - x1) <= tol or abs(ox1 - x0) <= tol
        if (overlap_x and touch_y) or (overlap_y and touch_x):
            return True
    inside = lambda r: x0 + tol < (r[0] + r[2]) / 2 < x1 - tol and top + tol < (r[1] + r[3]) / 2 < bottom - tol
    return any(inside(r) for r in horiz + vert)
