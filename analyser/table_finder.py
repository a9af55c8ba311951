"""pdfplumber's table finder with its cell search (``intersections_to_cells``) done without the
quadratic scans and the sets it rebuilt at every test.

Why: on an unruled index page (the ``text`` horizontal strategy gives an edge per printed line) the
finder's cell search was about a quarter of the index table's CPU at 879 pages (1.2 of 4.6 s,
bench/RESULTS.md, "speed-scale"). pdfplumber's ``intersections_to_cells``, for every intersection,
scans every later point for those directly below and to the right, and ``edge_connects`` turns both
points' edge lists into new sets of boxes at every test. Here each point's sets of edge boxes are
made once, and the points below and to the right come from groups by x and by y. The points are
visited in pdfplumber's order (sorted), the candidates below and to the right in the same order,
and every test is pdfplumber's (``==`` on the coordinates, a shared edge box), so the first cell
found for a point, and the list of cells, are the same (tests/test_table_finder.py compares the two
on every index page of the corpus and on random grids).

Everything else (edges, intersections, grouping cells into tables, the largest table) is
pdfplumber's own, called as ``Page.find_tables`` / ``Page.find_table`` call it.
"""

from __future__ import annotations

from pdfplumber.table import Table, TableFinder, TableSettings, cells_to_tables, edges_to_intersections
from pdfplumber.utils.geometry import obj_to_bbox

__all__ = ["find_table", "find_tables", "intersections_to_cells"]

Point = tuple[float, float]
Bbox = tuple[float, float, float, float]


def intersections_to_cells(intersections: dict[Point, dict[str, list[dict]]]) -> list[Bbox]:
    """``pdfplumber.table.intersections_to_cells``: the smallest cell each point opens, in point order."""
    points = sorted(intersections)
    v_boxes = {p: set(map(obj_to_bbox, intersections[p]["v"])) for p in points}
    h_boxes = {p: set(map(obj_to_bbox, intersections[p]["h"])) for p in points}

    def connects(p1: Point, p2: Point) -> bool:  # pdfplumber's edge_connects
        if p1[0] == p2[0] and not v_boxes[p1].isdisjoint(v_boxes[p2]):
            return True
        return p1[1] == p2[1] and not h_boxes[p1].isdisjoint(h_boxes[p2])

    # indices of the points sharing an x (a y), ascending: a dict groups the values that are ``==``
    # (0.0 and -0.0, 1 and 1.0 alike); the explicit ``==`` below keeps pdfplumber's test where a
    # group holds what ``==`` would not pair (one NaN object, equal to itself only by identity)
    by_x: dict[float, list[int]] = {}
    by_y: dict[float, list[int]] = {}
    for i, (x, y) in enumerate(points):
        by_x.setdefault(x, []).append(i)
        by_y.setdefault(y, []).append(i)

    cells: list[Bbox] = []
    for i, pt in enumerate(points[:-1]):  # pdfplumber: the last point opens no cell
        below = [points[j] for j in by_x[pt[0]] if j > i and points[j][0] == pt[0]]
        right = [points[j] for j in by_y[pt[1]] if j > i and points[j][1] == pt[1]]
        cell = _smallest_cell(pt, below, right, intersections, connects)
        if cell:  # pdfplumber keeps a cell when it is truthy (a 4-tuple always is)
            cells.append(cell)
    return cells


def _smallest_cell(pt: Point, below: list[Point], right: list[Point], intersections, connects) -> Bbox | None:
    """pdfplumber's ``find_smallest_cell`` for one point, the loops and tests in its order."""
    for below_pt in below:
        if not connects(pt, below_pt):
            continue
        for right_pt in right:
            if not connects(pt, right_pt):
                continue
            bottom_right = (right_pt[0], below_pt[1])
            if bottom_right in intersections and connects(bottom_right, right_pt) and connects(bottom_right, below_pt):
                return (pt[0], pt[1], bottom_right[0], bottom_right[1])
    return None


class _Finder(TableFinder):
    """``TableFinder`` with the cell search above; its ``__init__`` is pdfplumber's otherwise."""

    def __init__(self, page, settings: TableSettings) -> None:  # noqa: D107 - pdfplumber's, one call changed
        self.page = page
        self.settings = TableSettings.resolve(settings)
        self.edges = self.get_edges()
        self.intersections = edges_to_intersections(
            self.edges, self.settings.intersection_x_tolerance, self.settings.intersection_y_tolerance
        )
        self.cells = intersections_to_cells(self.intersections)
        self.tables = [Table(self.page, group) for group in cells_to_tables(self.cells)]


def find_tables(page, settings: TableSettings) -> list[Table]:
    """``page.find_tables(settings)``."""
    return _Finder(page, TableSettings.resolve(settings)).tables


def find_table(page, settings: TableSettings) -> Table | None:
    """``page.find_table(settings)``: the table with the most cells (then the highest, the leftmost)."""
    tables = find_tables(page, settings)
    if not tables:
        return None
    return sorted(tables, key=lambda t: (-len(t.cells), t.bbox[1], t.bbox[0]))[0]
