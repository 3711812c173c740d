"""Ruled tables of items in rows: 政府采购, 政府购买服务, a 收入 table by source, 绩效 forms.

Columns are named by header words (:class:`~deptbudget.read.grids.columns.ColumnRule`); a
cell merged over several rows (a category, a project) is printed once, in its first row, so
fields listed as ``carry`` take the value of the row above when their own cell is blank.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ...core.model import Place
from ..tables.parsed import ParsedTable
from .cells import DamagedAmount, amount_in_yuan
from .columns import ColumnRule, match_columns
from .table import TOTAL_WORDS, BodyRow, GridTable, compact

#: A row labelled 小计 is a subtotal of the rows of its group.
SUBTOTAL_WORDS = ("小计",)


@dataclass(frozen=True)
class ListingSpec:
    """How to read one listing table.

    Attributes
    ----------
    key : str
        The canonical table key.
    columns : tuple of ColumnRule
        Rules for the fields; amount fields end in ``_yuan``.
    required : tuple of str
        Fields without which the table is not read.
    carry : tuple of str
        Fields a blank cell takes from the row above (merged cells).
    """

    key: str
    columns: tuple[ColumnRule, ...]
    required: tuple[str, ...] = ()
    carry: tuple[str, ...] = ()


#: What a layout may do with each record before it is kept: return it (changed or not), or
#: None to leave the row out (a category row, a heading), after recording what it needs.
RowHook = Callable[[dict[str, Any], BodyRow, ParsedTable], dict[str, Any] | None]


def read_listing(
    table: GridTable, spec: ListingSpec, unit: str, file: str, hook: RowHook | None = None
) -> ParsedTable:
    """Read a listing grid table into one record per row.

    Parameters
    ----------
    table : GridTable
        The assembled grids.
    spec : ListingSpec
        Which columns hold what.
    unit : str
        The table's unit.
    file : str
        The file (provenance).
    hook : callable, optional
        Called with each record (before totals are taken out), its row and the table.

    Returns
    -------
    ParsedTable
        Records with the spec's fields (text stripped of white space, amounts exact 元);
        a row whose text fields say 合计/总计 goes to ``printed_totals``, one that says 小计
        to ``subtotals``.
    """
    parsed = ParsedTable(key=spec.key, records=[])
    cols = match_columns(table.labels, spec.columns)
    missing = [f for f in spec.required if f not in cols]
    if missing:
        parsed.warn(
            f"the columns {', '.join(missing)} were not found in the header "
            f"({' | '.join(table.labels)}); the table's rows are not read",
            code="columns_not_matched",
        )
        parsed.extra["unread"] = "columns_not_matched"
        return parsed
    above: dict[str, Any] = {}
    for row in table.rows:
        record: dict[str, Any] = {}
        for field, ks in cols.items():
            text = row.cells[ks[0]]
            if field.endswith("_yuan"):
                try:
                    record[field] = amount_in_yuan(text, unit)
                except DamagedAmount:
                    parsed.warn(f"damaged amount {text!r} in column {field}: read as missing",
                                row.page, row.line, code="damaged_amount")
                    record[field] = None
            else:
                record[field] = compact(text) or None
        texts = [v for f, v in record.items() if not f.endswith("_yuan") and v]
        amounts = {f: v for f, v in record.items() if f.endswith("_yuan")}
        if any(TOTAL_WORDS.match(t) for t in texts):
            for field, value in amounts.items():
                if value is not None:
                    parsed.printed_totals[field] = value
            parsed.totals_place = Place(row.page, row.end_line, file)
            continue
        for field in spec.carry:
            if record.get(field) is None and field in above:
                record[field] = above[field]
        for field in spec.carry:
            if record.get(field) is not None:
                above[field] = record[field]
        record.update({"file": file, "page": row.page, "line": row.line, "end_line": row.end_line})
        if hook is not None:
            record = hook(record, row, parsed)
            if record is None:
                continue
        if any(t in SUBTOTAL_WORDS for t in texts):
            parsed.subtotals.append(record)
            continue
        for field in amounts:
            if record.get(field) is None:
                record[field] = Decimal("0.00") if field in cols else None
        parsed.records.append(record)
    return parsed
