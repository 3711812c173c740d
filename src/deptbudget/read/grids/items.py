"""Ruled tables whose items are columns: one row of amounts under a header of item names.

The 三公 tables print ``合计 | 因公出国（境）费 | 公务用车购置及运行费 (小计, 购置费, 运行费) |
公务接待费`` and one row of amounts (a 决算 prints 预算数 and 决算数 under each); Jiangsu's
支出预算总表 prints 合计 | 基本支出 | 项目支出 | 单位预留机动经费 the same way. Each item is
found by the words of its column's header, so the order and grouping of the columns do not
matter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ...core.model import Place
from ..tables.parsed import ParsedTable
from .cells import DamagedAmount, amount_in_yuan
from .columns import ColumnRule
from .table import BodyRow, GridTable


@dataclass(frozen=True)
class ItemColumn:
    """One item of an items-as-columns table.

    Attributes
    ----------
    item_key : str
        Stable key (``outbound``, ``vehicle_running`` …); ``total`` for the 合计 column.
    item : str
        The item's canonical Chinese name, as records give it.
    rules : tuple of ColumnRule
        Header words of its column (first rule that matches a free column wins).
    level : int
        1, or 2 for a part of the item above it (公务用车购置费 under 公务用车).
    """

    item_key: str
    item: str
    rules: tuple[ColumnRule, ...]
    level: int = 1


def _item_matches(rule: ColumnRule, label: str, suffix: tuple[str, ...]) -> bool:
    """Whether a column belongs to an item: with value words (预算数, 决算数) one part of the label
    must end with one of them, and the item is named by the label's other parts
    (``…/因公出国（境）费/决算数`` and ``决算数/因公出国（境）费`` are 因公出国（境）费's 决算数)."""
    if not suffix:
        return rule.matches(label)
    parts = label.split("/")
    for k in sorted(range(len(parts)), key=lambda k: k != len(parts) - 1):  # the last part first
        if parts[k].endswith(suffix):
            head = "/".join(parts[:k] + parts[k + 1:])
            return bool(head) and rule.matches(head)
    return False


def _value_row(table: GridTable) -> BodyRow | None:
    rows = [r for r in table.rows if any(c.strip() for c in r.cells)]
    return rows[0] if rows else None


def read_items(
    table: GridTable,
    key: str,
    items: Sequence[ItemColumn],
    unit: str,
    file: str,
    values: dict[str, tuple[str, ...]] | None = None,
) -> ParsedTable:
    """Read an items-as-columns table into one record per item.

    Parameters
    ----------
    table : GridTable
        The assembled grids (one body row of amounts).
    key : str
        The canonical table key.
    items : sequence of ItemColumn
        The items and how their columns are headed.
    unit : str
        The table's unit.
    file : str
        The file (provenance).
    values : dict of str to tuple of str, optional
        Value field → words its column label ends with, when each item has several columns
        (``{"budget_yuan": ("预算数",), "actual_yuan": ("决算数",)}``); default one column
        per item, read as ``budget_yuan``.

    Returns
    -------
    ParsedTable
        Records ``item, item_key, level`` and the value fields; the ``total`` item goes to
        ``printed_totals``. Items whose column the header lacks are left out and listed in
        ``extra["missing_items"]``.
    """
    values = values or {"budget_yuan": ()}
    parsed = ParsedTable(key=key, records=[])
    row = _value_row(table)
    used: set[int] = set()
    missing: list[str] = []
    for spec in items:
        found: dict[str, int] = {}
        for field, suffix in values.items():
            for rule in spec.rules:
                k = next((k for k, label in enumerate(table.labels)
                          if k not in used and label and _item_matches(rule, label, suffix)), None)
                if k is not None:
                    found[field] = k
                    used.add(k)
                    break
        if not found:
            missing.append(spec.item_key)
            continue
        amounts: dict[str, Decimal | None] = {}
        blank: set[str] = set()
        for field, k in found.items():
            text = row.cells[k] if row is not None else ""
            try:
                amounts[field] = amount_in_yuan(text, unit)
            except DamagedAmount:
                parsed.warn(f"damaged amount {text!r} for {spec.item}: read as missing",
                            row.page if row else None, row.line if row else None, code="damaged_amount")
                amounts[field] = None
            else:
                if amounts[field] is None and row is not None:
                    blank.add(field)
        if spec.item_key == "total":
            for field, value in amounts.items():
                if value is not None:
                    parsed.printed_totals[field] = value
                elif field in blank:
                    # A ruled grid leaves a zero blank: the total's cell is there, empty, so 0.
                    parsed.printed_totals[field] = Decimal("0.00")
            if row is not None:
                parsed.totals_place = Place(row.page, row.line, file)
            continue
        record: dict[str, Any] = {"item": spec.item}
        for field in values:
            value = amounts.get(field)
            record[field] = value if value is not None or field not in found else Decimal("0.00")
        record.update({"item_key": spec.item_key, "level": spec.level, "file": file,
                       "page": row.page if row else None, "line": row.line if row else None,
                       "end_line": row.end_line if row else None})
        parsed.records.append(record)
    if missing:
        parsed.extra["missing_items"] = missing
    if len(missing) == len(items):
        parsed.warn(f"no item's column was found in the header ({' | '.join(table.labels)}); "
                    "the table's amounts are not read", code="columns_not_matched")
        parsed.extra["unread"] = "columns_not_matched"
    return parsed
