"""Ruled 收支总表 and 财政拨款收支总表: items with amounts on two (or three) sides of a row.

Each side is a group of columns: an item column and one or more amount columns
(``收入/项目 | 收入/预算数 | 支出/项目 | 支出/预算数``; Jiangsu adds a third side, 支出用途).
Totals (本年收入合计, 收入总计 …) go to ``printed_totals`` under the names the Beijing
reader uses (``income_current_total_yuan``, ``expenditure_grand_total_yuan`` …), where a
layout says which wording is the year's total and which the grand total.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ...core.model import Place
from ..tables.parsed import ParsedTable
from .cells import DamagedAmount, amount_in_yuan
from .columns import ColumnRule, match_columns
from .table import GridTable, compact

#: An item printed as a part of the one above it: 1. …, （一）…
_PART = re.compile(r"^(?:\d{1,2}\s*[.、．]|[（(][一二三四五六七八九十]{1,3}[)）])")
_NUMBERED = re.compile(r"^[一二三四五六七八九十]{1,3}、")
#: Items whose numbered rows below are their parts (上年结转结余: 一、一般公共预算拨款 …).
_CARRY = re.compile(r"结转|结余")


@dataclass(frozen=True)
class Side:
    """One side of the table: its item column and amount columns.

    Attributes
    ----------
    name : str
        ``income``, ``expenditure`` or ``expenditure_use``.
    item : tuple of ColumnRule
        Rules for the item column (field ``item``).
    amounts : tuple of ColumnRule
        Rules for its amounts; field ``amount_yuan`` is the main one, others (``general_yuan`` …)
        are kept as extra columns.
    """

    name: str
    item: tuple[ColumnRule, ...]
    amounts: tuple[ColumnRule, ...]


def _side_columns(labels: Sequence[str], side: Side, taken: set[int]) -> dict[str, list[int]]:
    free = [label if k not in taken else "" for k, label in enumerate(labels)]
    cols = match_columns(free, side.item + side.amounts)
    for found in cols.values():
        taken.update(found)
    return cols


def read_two_sided(
    table: GridTable,
    key: str,
    sides: Sequence[Side],
    totals: Mapping[str, str],
    unit: str,
    file: str,
) -> ParsedTable:
    """Read a two-sided grid table into (side, item, amount) records.

    Parameters
    ----------
    table : GridTable
        The assembled grids.
    key : str
        ``summary`` or ``fiscal_summary``.
    sides : sequence of Side
        The sides, in the order their columns are matched.
    totals : mapping of str to str
        Compact item wording → ``current_total`` or ``grand_total`` (the column tells the side).
    unit : str
        The table's unit.
    file : str
        The file (provenance).

    Returns
    -------
    ParsedTable
        Records ``side, item, amount_yuan, printed, level, parent`` (and a side's other amount
        columns), totals in ``printed_totals`` and the page and line of each in
        ``extra["totals_at"]`` (``{"income_current_total": [page, line], …}``).
    """
    parsed = ParsedTable(key=key, records=[])
    taken: set[int] = set()
    found = {side.name: _side_columns(table.labels, side, taken) for side in sides}
    usable = {n: c for n, c in found.items() if "item" in c and "amount_yuan" in c}
    if len(usable) < 2:
        parsed.warn(
            f"the item and amount columns of each side were not found in the header "
            f"({' | '.join(table.labels)}); the table's rows are not read",
            code="columns_not_matched",
        )
        parsed.extra["unread"] = "columns_not_matched"
        return parsed
    parents: dict[str, str | None] = dict.fromkeys(usable)
    carrying: dict[str, str | None] = dict.fromkeys(usable)
    for row in table.rows:
        cells = {name: _side_cells(row, cols, unit, parsed) for name, cols in usable.items()}
        _spread_spanned_totals(cells, totals)
        for name, (item, amounts) in cells.items():
            if not item:
                if any(v is not None for v in amounts.values()):
                    parsed.warn(f"an amount without an item on the {name} side", row.page, row.line,
                                code="unparsed_row")
                continue
            total = totals.get(item.rstrip("：:"))
            if total is not None:
                side = "expenditure" if name.startswith("expenditure") else "income"
                suffix = "" if name in ("income", "expenditure") else f"_{name.split('_', 1)[1]}"
                if amounts.get("amount_yuan") is not None:
                    parsed.printed_totals[f"{side}{suffix}_{total}_yuan"] = amounts["amount_yuan"]
                    parsed.totals_place = Place(row.page, row.end_line, file)
                    # Where each total is printed (本年收入合计 and 总计 stand on different rows).
                    parsed.extra.setdefault("totals_at", {})[f"{side}{suffix}_{total}"] = [row.page, row.line]
                    for f, v in amounts.items():
                        if f != "amount_yuan" and v is not None:
                            parsed.printed_totals[f"{side}{suffix}_{total}_{f}"] = v
                carrying[name] = None
                continue
            level, parent = _level(item, name, parents, carrying)
            record: dict[str, Any] = {
                "side": name,
                "item": item,
                "amount_yuan": amounts["amount_yuan"] if amounts["amount_yuan"] is not None else Decimal("0.00"),
                "printed": amounts["amount_yuan"] is not None,
                "level": level,
                "parent": parent,
            }
            for f, v in amounts.items():
                if f != "amount_yuan":
                    record[f] = v
            record.update({"file": file, "page": row.page, "line": row.line, "end_line": row.end_line})
            parsed.records.append(record)
    return parsed


def _side_cells(
    row: Any, cols: dict[str, list[int]], unit: str, parsed: ParsedTable
) -> tuple[str, dict[str, Decimal | None]]:
    item = compact(row.cells[cols["item"][0]])
    amounts: dict[str, Decimal | None] = {}
    for f, ks in cols.items():
        if f == "item":
            continue
        try:
            amounts[f] = amount_in_yuan(row.cells[ks[0]], unit)
        except DamagedAmount:
            parsed.warn(f"damaged amount {row.cells[ks[0]]!r} for {item!r}: read as missing",
                        row.page, row.line, code="damaged_amount")
            amounts[f] = None
    return item, amounts


def _spread_spanned_totals(
    cells: dict[str, tuple[str, dict[str, Decimal | None]]], totals: Mapping[str, str]
) -> None:
    """A total's label printed once across two sides (Jiangsu's 当年支出小计 spans 功能分类
    and 支出用途) names the amounts of the sides it covers: give them its wording."""
    names = list(cells)
    for i, name in enumerate(names):
        item, amounts = cells[name]
        if totals.get(item.rstrip("：:")) is None:
            continue
        for other in names[i + 1:]:
            other_item, other_amounts = cells[other]
            if other_item or not any(v is not None for v in other_amounts.values()):
                break
            cells[other] = (item, other_amounts)
            if amounts.get("amount_yuan") is None:
                cells[name] = (item, other_amounts)


def _level(
    item: str, side: str, parents: dict[str, str | None], carrying: dict[str, str | None]
) -> tuple[int, str | None]:
    """Level 1 or 2, and the parent of a level-2 item."""
    if carrying[side] is not None and _NUMBERED.match(item):
        return 2, carrying[side]
    if _PART.match(item) and parents[side] is not None:
        return 2, parents[side]
    parents[side] = item
    carrying[side] = item if _CARRY.search(item) and not _NUMBERED.match(item) else None
    return 1, None
