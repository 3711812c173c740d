"""Table cells from ruling edges, with pdfplumber's geometry.

Edges are snapped and joined by :func:`pdfplumber.table.merge_edges`, as ``find_tables``
does, and turned into cells and tables the way pdfplumber's ``edges_to_intersections``,
``intersections_to_cells`` and ``cells_to_tables`` do.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from .pdf_paths import Edge

#: pdfplumber's defaults for ``find_tables``: snap and join within 3 pt, edges of 3 pt or
#: more, intersections within 3 pt.
SNAP = 3.0
JOIN = 3.0
MIN_LENGTH = 3.0
INTERSECT = 3.0

Cell = tuple[float, float, float, float]


def merged_edges(edges: Sequence[Edge]) -> list[dict]:
    """Edges snapped and joined as pdfplumber does, as pdfplumber edge dicts."""
    if not edges:
        return []
    from pdfplumber.table import merge_edges  # imported on first use: pdfplumber takes 0.1 s to import

    dicts = [
        {
            "x0": e.x0,
            "x1": e.x1,
            "top": e.top,
            "bottom": e.bottom,
            "doctop": e.top,
            "width": e.x1 - e.x0,
            "height": e.bottom - e.top,
            "orientation": e.orientation,
            "object_type": "line",
        }
        for e in edges
    ]
    merged = merge_edges(dicts, SNAP, SNAP, JOIN, JOIN)
    merged = [
        e for e in merged if (e["x1"] - e["x0"] if e["orientation"] == "h" else e["bottom"] - e["top"]) >= MIN_LENGTH
    ]
    return merged + _closing_edges(merged)


def _closing_edges(edges: list[dict]) -> list[dict]:
    """Horizontal edges closing vertical rules left open at the top or bottom.

    A table broken over two pages often has no rule where the page cut it: its vertical
    rules stop at the same height with nothing across. Where two or more vertical rules
    end at one height and at least one of them meets no horizontal rule there, an edge
    is added across them, so the rows next to the cut still become cells.
    """
    horizontals = [e for e in edges if e["orientation"] == "h"]
    ends: list[tuple[float, float, bool]] = []  # (y, x, open)
    for e in edges:
        if e["orientation"] != "v":
            continue
        x = e["x0"]
        for y in (e["top"], e["bottom"]):
            touched = any(
                abs(h["top"] - y) <= INTERSECT and h["x0"] - INTERSECT <= x <= h["x1"] + INTERSECT for h in horizontals
            )
            ends.append((y, x, not touched))
    ends.sort()
    added = []
    i = 0
    while i < len(ends):
        j = i
        while j + 1 < len(ends) and ends[j + 1][0] - ends[i][0] <= SNAP:
            j += 1
        group = ends[i : j + 1]
        if len(group) >= 2 and any(is_open for _, _, is_open in group):
            y = sum(g[0] for g in group) / len(group)
            x0 = min(g[1] for g in group)
            x1 = max(g[1] for g in group)
            if x1 - x0 >= MIN_LENGTH:
                added.append(
                    {
                        "x0": x0,
                        "x1": x1,
                        "top": y,
                        "bottom": y,
                        "doctop": y,
                        "width": x1 - x0,
                        "height": 0.0,
                        "orientation": "h",
                        "object_type": "line",
                    }
                )
        i = j + 1
    return added


def tables_of(edges: list[dict]) -> list[list[Cell]]:
    """Cell boxes ``(x0, top, x1, bottom)`` grouped into tables, top to bottom.

    The same result as pdfplumber's ``edges_to_intersections``, ``intersections_to_cells``
    and ``cells_to_tables`` (a test checks this on the corpus), computed with edge
    indices and sorted lookups instead of comparing every pair: pdfplumber's versions took
    most of the reading time on pages with long tables.
    """
    if not edges:
        return []
    return _group_cells(_cells(_intersections(edges)))


def _intersections(edges: list[dict]) -> dict[tuple[float, float], tuple[set[int], set[int]]]:
    """Points where a vertical and a horizontal edge meet (within :data:`INTERSECT`).

    Each point maps to the indices of the vertical and of the horizontal edges through it.
    """
    horizontals = sorted(
        ((e["top"], e["x0"], e["x1"], i) for i, e in enumerate(edges) if e["orientation"] == "h"),
    )
    tops = [h[0] for h in horizontals]
    points: dict[tuple[float, float], tuple[set[int], set[int]]] = {}
    for i, v in enumerate(edges):
        if v["orientation"] != "v":
            continue
        x = v["x0"]
        lo = bisect.bisect_left(tops, v["top"] - INTERSECT)
        hi = bisect.bisect_right(tops, v["bottom"] + INTERSECT)
        for top, x0, x1, j in horizontals[lo:hi]:
            if x0 - INTERSECT <= x <= x1 + INTERSECT:
                vertex = (x, top)
                if vertex not in points:
                    points[vertex] = (set(), set())
                points[vertex][0].add(i)
                points[vertex][1].add(j)
    return points


def _cells(points: dict[tuple[float, float], tuple[set[int], set[int]]]) -> list[Cell]:
    """For each point, the smallest cell with that point as its top-left corner.

    pdfplumber's ``intersections_to_cells``: the first point below connected to it by a
    vertical edge and the first point to its right connected by a horizontal edge whose
    opposite corner exists and connects to both.
    """
    by_x: dict[float, list[tuple[float, float]]] = {}
    by_y: dict[float, list[tuple[float, float]]] = {}
    for pt in sorted(points):
        by_x.setdefault(pt[0], []).append(pt)
        by_y.setdefault(pt[1], []).append(pt)
    cells: list[Cell] = []
    for pt in sorted(points):
        vs, hs = points[pt]
        column = by_x[pt[0]]
        row = by_y[pt[1]]
        below = column[column.index(pt) + 1 :]
        right = row[row.index(pt) + 1 :]
        found = None
        for b in below:
            if vs.isdisjoint(points[b][0]):
                continue
            for r in right:
                if hs.isdisjoint(points[r][1]):
                    continue
                corner = (r[0], b[1])
                other = points.get(corner)
                if other and not other[0].isdisjoint(points[r][0]) and not other[1].isdisjoint(points[b][1]):
                    found = (pt[0], pt[1], corner[0], corner[1])
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


def _group_cells(cells: list[Cell]) -> list[list[Cell]]:
    """pdfplumber's ``cells_to_tables``: cells sharing a corner form one table.

    Tables of a single cell are dropped; tables are ordered by their top-left cell.
    """
    parent = list(range(len(cells)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[float, float], int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            j = owner.setdefault(corner, i)
            if j != i:
                a, b = find(i), find(j)
                if a != b:
                    parent[a] = b
    groups: dict[int, list[Cell]] = {}
    for i, cell in enumerate(cells):
        groups.setdefault(find(i), []).append(cell)
    tables = [g for g in groups.values() if len(g) > 1]
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return tables
