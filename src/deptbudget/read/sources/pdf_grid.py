"""Ruled tables: rows and columns from the cells of :mod:`.pdf_cells`, text from characters.

A table's finest columns and rows come from the x and y positions of its cells; each cell
spans some of them. Characters go to the cell that holds their middle. A ruled row that
holds several logical rows (rules between them not drawn) is split at its text lines.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence

from .pdf_cells import Cell
from .pdf_chars import Char
from .pdf_text import _one_band, cell_text, group_lines
from .pdf_types import Grid, GridRow

_NUMBER = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


def _positions(values: list[float]) -> list[float]:
    """Sorted distinct coordinates, those within 1 pt of each other taken as one."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > 1.0:
            out.append(v)
    return out


def _index(positions: list[float], value: float) -> int:
    i = bisect.bisect_left(positions, value - 1.0)
    return min(i, len(positions) - 1)


class _Layout:
    """Where each cell of one table sits in the table's finest rows and columns."""

    def __init__(self, cells: list[Cell]) -> None:
        self.xs = _positions([c[0] for c in cells] + [c[2] for c in cells])
        self.ys = _positions([c[1] for c in cells] + [c[3] for c in cells])
        nrows, ncols = len(self.ys) - 1, len(self.xs) - 1
        self.slots: list[list[int | None]] = [[None] * ncols for _ in range(nrows)]
        self.boxes: list[tuple[int, int, int, int]] = []  # (r0, r1, c0, c1), end exclusive
        for k, (x0, top, x1, bottom) in enumerate(cells):
            c0, c1 = _index(self.xs, x0), _index(self.xs, x1)
            r0, r1 = _index(self.ys, top), _index(self.ys, bottom)
            self.boxes.append((r0, r1, c0, c1))
            for r in range(r0, r1):
                row = self.slots[r]
                for c in range(c0, c1):
                    if row[c] is None:
                        row[c] = k
        self.chars: list[list[Char]] = [[] for _ in cells]

    def place(self, chars: Sequence[Char]) -> None:
        """Give each character whose middle lies in a cell to that cell."""
        xs, ys = self.xs, self.ys
        left, right, top, bottom = xs[0], xs[-1], ys[0], ys[-1]
        for ch in chars:
            if ch.space:
                continue
            cx = (ch.x0 + ch.x1) / 2
            cy = (ch.top + ch.bottom) / 2
            if not (left < cx < right and top < cy < bottom):
                continue
            r = bisect.bisect_right(ys, cy) - 1
            c = bisect.bisect_right(xs, cx) - 1
            k = self.slots[r][c]
            if k is not None:
                self.chars[k].append(ch)


def _is_number(text: str) -> bool:
    return bool(_NUMBER.match(text))


class Numbering:
    """Line numbers of the page, to number rows without text."""

    def __init__(self, line_mids: Sequence[float], numbers: Sequence[int]) -> None:
        self.mids = list(line_mids)
        self.numbers = list(numbers)

    def before(self, y: float) -> int:
        i = bisect.bisect_right(self.mids, y)
        if i == 0:
            return self.numbers[0] if self.numbers else 0
        return self.numbers[i - 1]


def build_grids(page: int, tables: list[list[Cell]], chars: Sequence[Char], numbering: Numbering) -> list[Grid]:
    """One :class:`Grid` for each table that has some text in it, top to bottom."""
    grids = []
    for cells in tables:
        layout = _Layout(cells)
        layout.place(chars)
        if not any(layout.chars):
            continue  # a drawn frame without text: decoration, not a table
        grids.append(_grid(page, layout, numbering))
    return grids


def _grid(page: int, layout: _Layout, numbering: Numbering) -> Grid:
    xs, ys = layout.xs, layout.ys
    ncols = len(xs) - 1
    rows: list[GridRow] = []
    split_any = False
    for r in range(len(ys) - 1):
        starting = [k for k, box in enumerate(layout.boxes) if box[0] == r and layout.slots[r][box[2]] == k]
        spans = [1] * ncols
        for c in range(ncols):
            k = layout.slots[r][c]
            if k is None:
                continue
            r0, _, c0, c1 = layout.boxes[k]
            spans[c] = (c1 - c0) if c == c0 else 0
        groups = _split(layout, starting)
        if len(groups) > 1:
            split_any = True
        for g, (top, bottom, members) in enumerate(groups):
            cells = [""] * ncols
            used: list[Char] = []
            for k in starting:
                r0, r1, c0, _ = layout.boxes[k]
                if members is None:
                    part = layout.chars[k]
                elif r1 - r0 > 1:  # a cell spanning rows below: all of it in the first sub-row
                    part = layout.chars[k] if g == 0 else []
                else:
                    part = [ch for ch in layout.chars[k] if id(ch) in members]
                if part:
                    cells[c0] = cell_text(part)
                    used.extend(part)
            if used:
                first = min(ch.line for ch in used)
                last = max(ch.line for ch in used)
            else:
                first = last = numbering.before(top if members is not None else ys[r])
            rows.append(
                GridRow(
                    cells=tuple(cells),
                    spans=tuple(spans),
                    top=top if members is not None else ys[r],
                    bottom=bottom if members is not None else ys[r + 1],
                    line=first,
                    end_line=last,
                    page=page,
                )
            )
    return Grid(
        page=page,
        bbox=(xs[0], ys[0], xs[-1], ys[-1]),
        columns=tuple(itertools.pairwise(xs)),
        rows=tuple(rows),
        ruled_rows=not split_any,
    )


def _split(layout: _Layout, starting: list[int]) -> list[tuple[float, float, set[int] | None]]:
    """Sub-rows of one ruled row: ``(top, bottom, ids of the characters)`` each.

    A ruled row is several logical rows when its text lines carry numbers (amounts or
    codes) that cannot belong to one row: two cells each with a number on two or more
    lines, or one cell with two or more amounts that have a decimal part (a number
    wrapped inside a narrow cell has at most one decimal point, so it does not count).
    The horizontal rules between those rows were simply not drawn.

    Each line with such a number starts a sub-row. A line without one (a wrapped name)
    goes with the nearest of those lines, the one above when both are as near: a name
    wrapped below a top-aligned amount and one wrapped around a vertically centred amount
    both stay with their amount. Otherwise the ruled row is one row (``[(.., .., None)]``).
    """
    single = [k for k in starting if layout.boxes[k][1] - layout.boxes[k][0] == 1]
    chars = [ch for k in single for ch in layout.chars[k]]
    if len(chars) < 2 or _one_band(chars):
        return [(0.0, 0.0, None)]
    lines = group_lines(chars)
    if len(lines) < 2:
        return [(0.0, 0.0, None)]
    owner = {}
    for k in single:
        for ch in layout.chars[k]:
            owner[id(ch)] = k
    # For each line, the cells in which it carries a number, and which of those have decimals.
    numbered: list[dict[int, bool]] = []
    for line in lines:
        by_cell: dict[int, list[Char]] = {}
        for ch in line:
            by_cell.setdefault(owner[id(ch)], []).append(ch)
        texts = {k: "".join(c.text for c in part) for k, part in by_cell.items()}
        numbered.append({k: "." in t for k, t in texts.items() if _is_number(t)})
    numbers: dict[int, int] = {}
    decimals: dict[int, int] = {}
    for cells in numbered:
        for k, has_point in cells.items():
            numbers[k] = numbers.get(k, 0) + 1
            decimals[k] = decimals.get(k, 0) + has_point
    repeated = {k for k, n in numbers.items() if n >= 2}
    if len(repeated) < 2:
        repeated = {k for k in repeated if decimals[k] >= 2}
    if not repeated:
        return [(0.0, 0.0, None)]
    anchors = [i for i, cells in enumerate(numbered) if repeated.intersection(cells)]
    mids = [(min(c.top for c in ln) + max(c.bottom for c in ln)) / 2 for ln in lines]
    members: dict[int, list[int]] = {a: [] for a in anchors}
    for i in range(len(lines)):
        nearest = min(anchors, key=lambda a: (abs(mids[a] - mids[i]), a > i))
        members[nearest].append(i)
    r = layout.boxes[starting[0]][0]
    top_of_row, bottom_of_row = layout.ys[r], layout.ys[r + 1]
    groups = [members[a] for a in anchors]
    out: list[tuple[float, float, set[int] | None]] = []
    for g, group in enumerate(groups):
        top = top_of_row if g == 0 else out[-1][1]
        if g == len(groups) - 1:
            bottom = bottom_of_row
        else:
            low = max(ch.bottom for i in group for ch in lines[i])
            high = min(ch.top for i in groups[g + 1] for ch in lines[i])
            bottom = (low + high) / 2
        out.append((top, bottom, {id(ch) for i in group for ch in lines[i]}))
    return out
