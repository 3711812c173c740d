"""One table's ruled grids (possibly over several pages) as a header and body rows.

A table printed with ruling lines keeps its empty cells: every amount stands in a known
column, so nothing has to be inferred. What is left is to tell the header from the body,
to name each column after the header cells above it (``支出预算/基本支出``), and to line up
the columns of a table continued on the next page, whose grid may be cut differently.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ...core.money import is_amount
from ..sources.pdf_types import Grid, GridRow

#: Cells that mark a row as a table's totals row.
TOTAL_WORDS = re.compile(r"^(?:合计|总计|本年(?:收入|支出)合计|收入总计|支出总计|收入合计|支出合计)$")
_CODE = re.compile(r"^\d{2,8}(?:[-－—].*)?$|^[A-Z]\d{2,}")
#: The levels of a split classification code, printed as the last header row of its columns.
CODE_LEVELS = ("类", "款", "项")
_SPACE = re.compile(r"\s+")


def compact(text: str) -> str:
    """Text without white space (cells wrap and letter-space Chinese words)."""
    return _SPACE.sub("", text)


@dataclass(frozen=True)
class BodyRow:
    """One body row: a text per column of the table, and where the row stands.

    Attributes
    ----------
    cells : tuple of str
        One cell per column of :attr:`GridTable.labels` (``""`` when empty).
    page, line, end_line : int
        Where the row's text is printed (lines of the file, as in the line stream).
    file : str
        The file the row is in.
    """

    cells: tuple[str, ...]
    page: int
    line: int
    end_line: int
    file: str


@dataclass
class GridTable:
    """A table read from its grids: a label per column and the body rows.

    Attributes
    ----------
    labels : list of str
        Each column's header, the header cells above it joined top-down with ``/``
        (``功能分类科目编码/类``, ``一般公共预算支出/合计``); ``""`` when no header cell covers it.
    rows : list of BodyRow
        Body rows, top to bottom, across the table's pages (repeated headers left out).
    header : list of tuple of str
        The header rows as printed (for messages and tests).
    """

    labels: list[str]
    rows: list[BodyRow]
    header: list[tuple[str, ...]] = field(default_factory=list)

    def column(self, index: int) -> list[str]:
        """The cells of column ``index``, top to bottom."""
        return [row.cells[index] for row in self.rows]


def is_data_row(row: GridRow) -> bool:
    """A body row: it holds an amount or a code, or it is a totals row (合计 and nothing but
    amounts or blanks besides). A header row holds labels only (``合计 基本支出 项目支出``)."""
    cells = [compact(c) for c in row.cells if compact(c)]
    if not cells:
        return False
    if any(is_amount(c) or _CODE.match(c) for c in cells):
        return True
    labels = [c for c in cells if not is_amount(c)]
    return len(labels) == 1 and bool(TOTAL_WORDS.match(labels[0]))


def _cell_ranges(grid: Grid, row: GridRow) -> list[tuple[float, float, str]]:
    """(x0, x1, text) of each cell that starts in ``row`` (a span covers several columns)."""
    out = []
    for j, span in enumerate(row.spans):
        if span <= 0:
            continue
        last = min(j + span, len(grid.columns)) - 1
        out.append((grid.columns[j][0], grid.columns[last][1], row.cells[j]))
    return out


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    return max(0.0, min(a[1], b[1]) - max(a[0], b[0]))


def _label_columns(
    columns: Sequence[tuple[float, float]], header: list[tuple[Grid, GridRow]]
) -> list[str]:
    labels: list[list[str]] = [[] for _ in columns]
    for grid, row in header:
        for x0, x1, text in _cell_ranges(grid, row):
            text = compact(text)
            if not text:
                continue
            for k, col in enumerate(columns):
                centre = (col[0] + col[1]) / 2
                # A header cell names every column whose centre lies under it.
                if x0 - 1 <= centre <= x1 + 1 and (not labels[k] or labels[k][-1] != text):
                    labels[k].append(text)
    return ["/".join(parts) for parts in labels]


def _map_columns(grid: Grid, columns: Sequence[tuple[float, float]]) -> list[int]:
    """For each column of ``grid``, the table column it overlaps most (-1 for none)."""
    mapping = []
    for col in grid.columns:
        overlaps = [_overlap(col, ref) for ref in columns]
        best = max(range(len(columns)), key=overlaps.__getitem__)
        mapping.append(best if overlaps[best] > 0 else -1)
    return mapping


def _body_row(grid: Grid, row: GridRow, mapping: list[int], width: int, file: str) -> BodyRow:
    cells = [""] * width
    for j, span in enumerate(row.spans):
        if span <= 0 or not row.cells[j]:
            continue
        target = mapping[j]
        if target < 0:
            continue
        cells[target] = f"{cells[target]}{row.cells[j]}" if cells[target] else row.cells[j]
    return BodyRow(tuple(cells), row.page, row.line, row.end_line, file)


def _repeats_header(texts: list[str], header: list[tuple[Grid, GridRow]]) -> bool:
    printed = {compact(c) for _, row in header for c in row.cells}
    return all(t in printed for t in texts)


def read_grid_table(grids: Sequence[Grid], file: str) -> GridTable:
    """Assemble a table from its grids, top to bottom and page after page.

    Parameters
    ----------
    grids : sequence of Grid
        The table's grids in order (the first holds the header; a continuation page may
        repeat it).
    file : str
        The file the grids are in.

    Returns
    -------
    GridTable
        Column labels from the header rows, body rows aligned to the columns of the first
        grid that holds a body row.
    """
    header: list[tuple[Grid, GridRow]] = []
    body: list[tuple[Grid, GridRow]] = []
    started = False
    for grid in grids:
        in_grid_body = False
        for row in grid.rows:
            texts = [compact(c) for c in row.cells if compact(c)]
            if is_data_row(row):
                started = in_grid_body = True
                body.append((grid, row))
            elif not started:
                header.append((grid, row))
            elif not texts:
                continue
            elif in_grid_body or not _repeats_header(texts, header):
                # A label-only row inside the body (an item without an amount): kept.
                in_grid_body = True
                body.append((grid, row))
            # Otherwise: a continuation page repeating the header before its first row.
    if not body:
        base = header[-1][0] if header else (grids[0] if grids else None)
        columns = list(base.columns) if base is not None else []
        return GridTable(_label_columns(columns, header), [], [r.cells for _, r in header])
    base = body[0][0]
    columns = list(base.columns)
    labels = _label_columns(columns, header)
    rows = []
    mappings: dict[int, list[int]] = {}
    for grid, row in body:
        mapping = mappings.get(id(grid))
        if mapping is None:  # once per grid (setdefault would map the columns for every row)
            mapping = mappings[id(grid)] = _map_columns(grid, columns)
        rows.append(_body_row(grid, row, mapping, len(columns), file))
    rows = _code_levels_to_labels(labels, rows)
    return GridTable(labels, rows, [r.cells for _, r in header])


def _code_levels_to_labels(labels: list[str], rows: list[BodyRow]) -> list[BodyRow]:
    """A 决算 form prints 类 | 款 | 项 in the row that also holds 合计 and its amounts, so that
    row reads as a body row: the level words name their columns (``…/科目编码/类``) and are
    taken out of the row. A cell holding only 类, 款 or 项 is never data."""
    if not rows:
        return rows
    first = rows[0]
    levels = [k for k, c in enumerate(first.cells) if compact(c) in CODE_LEVELS]
    if len(levels) < 2:
        return rows
    cells = list(first.cells)
    for k in levels:
        word = compact(cells[k])
        if not labels[k].endswith(f"/{word}") and labels[k] != word:
            labels[k] = f"{labels[k]}/{word}" if labels[k] else word
        cells[k] = ""
    if not any(compact(c) for c in cells):
        return rows[1:]
    return [BodyRow(tuple(cells), first.page, first.line, first.end_line, first.file), *rows[1:]]


def side_by_side_halves(table: GridTable, most: int = 3) -> list[GridTable] | None:
    """A table printed as groups of the same columns side by side (a 决算's 基本支出决算表 prints
    人员经费 on the left and 公用经费 on the right, some forms 公用经费 over two groups): each group
    as a table of its own, its rows top to bottom (rows blank in that group left out).

    Groups repeat the same labels, or labels that differ only in their first part, the group's
    own heading (``人员经费/科目编码`` | ``公用经费/科目编码``). Returns None when the labels are
    not 2 … ``most`` repeated groups.
    """
    n = len(table.labels)
    for count in range(2, most + 1):
        width = n // count
        if width < 2 or n % count:
            continue
        groups = [table.labels[k * width:(k + 1) * width] for k in range(count)]
        if any(_tails(g) != _tails(groups[0]) for g in groups[1:]) or not any(groups[0]):
            continue
        out = []
        for k in range(count):
            part = slice(k * width, (k + 1) * width)
            rows = [BodyRow(r.cells[part], r.page, r.line, r.end_line, r.file)
                    for r in table.rows if any(compact(c) for c in r.cells[part])]
            out.append(GridTable(table.labels[part], rows, [tuple(h[part]) for h in table.header]))
        return out
    return None


def _tails(labels: Sequence[str]) -> list[str]:
    """Labels without a first part shared by the whole group (the group's heading)."""
    firsts = {label.split("/", 1)[0] for label in labels}
    if len(firsts) == 1 and all("/" in label for label in labels):
        return [label.split("/", 1)[1] for label in labels]
    return list(labels)
