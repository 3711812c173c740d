"""Two-way splits: basic vs project, personnel vs public, from printed totals first.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import pandas as pd

from ..core.classification import is_personnel
from ..core.model import Disclosure
from ..core.money import wan_float
from .common import (
    FUNCTION_SPENDING_TABLES,
    PART_COLUMNS,
    SOURCE_NARRATIVE,
    SOURCE_PRINTED,
    SOURCE_ROWS,
    budget_fact,
    make_frame,
    printed_total,
    records_of,
    shares_of,
    sum_decimals,
)

# --------------------------------------------------------------------------- two-way splits


def _part(d: Disclosure, tables: Iterable[str], column: str, fact_key: str) -> tuple[Decimal | None, Decimal | None,
                                                                                     str | None]:
    """(amount, rows sum, source) of one column: the first table that has it, else the narrative."""
    for table in tables:
        if table not in d.tables and table not in d.table_info:
            continue
        rows = records_of(d, table)
        printed = printed_total(d, table, column)
        if printed is None and rows and not any(isinstance(r.get(column), Decimal) for r in rows):
            continue  # the table does not print this column: its blanks are not zeros
        rows_sum = sum_decimals(r.get(column) for r in rows) if rows else None
        if printed is not None:
            return printed, rows_sum, f"{table}:{SOURCE_PRINTED}"
        if rows_sum is not None:
            return rows_sum, rows_sum, f"{table}:{SOURCE_ROWS}"
    derived = _derived(d, column)
    if derived is not None:
        return derived
    fact = budget_fact(d, fact_key)
    if fact is not None:
        return fact.amount_yuan, None, SOURCE_NARRATIVE
    return None, None, None


#: Items of the 支出表（按用途） that are a split's part.
_BY_USE = {"basic_yuan": "基本支出", "project_yuan": "项目支出"}


def _derived(d: Disclosure, column: str) -> tuple[Decimal, Decimal, str] | None:
    """A part no table prints as a column: 基本支出/项目支出 from the 支出表（按用途）, 人员经费/
    公用经费 from the 经济分类 classes of a basic-expenditure table (301 and 303 are 人员经费)."""
    if column in _BY_USE:
        for row in records_of(d, "expenditure_by_use"):
            if row.get("item") == _BY_USE[column] and isinstance(row.get("amount_yuan"), Decimal):
                return row["amount_yuan"], row["amount_yuan"], f"expenditure_by_use:{SOURCE_ROWS}"
        return None
    if column in ("personnel_yuan", "public_yuan"):
        for table in ("general_budget_basic", "fiscal_basic"):
            rows = records_of(d, table)
            if not rows or any(not r.get("dept_econ_code") for r in rows):
                continue
            wanted = column == "personnel_yuan"
            amount = sum_decimals(r.get("total_yuan") for r in rows if is_personnel(r["dept_econ_code"]) == wanted)
            return amount, amount, f"{table}:{SOURCE_ROWS}"
    return None


def _parts_frame(parts: list[tuple[str, str, tuple[Decimal | None, Decimal | None, str | None]]]) -> pd.DataFrame:
    if all(p[2][0] is None for p in parts):
        return make_frame([], PART_COLUMNS, ("share", "amount_wan"))
    shares = shares_of([p[2][0] for p in parts])
    records = [
        {"kind": kind, "label": label, "amount_yuan": amount, "rows_yuan": rows, "share": share,
         "amount_wan": wan_float(amount), "source": source}
        for (kind, label, (amount, rows, source)), share in zip(parts, shares, strict=True)
    ]
    return make_frame(records, PART_COLUMNS, ("share", "amount_wan"))


_BASIC_PROJECT_TABLES = FUNCTION_SPENDING_TABLES


def basic_vs_project(d: Disclosure) -> pd.DataFrame:
    """基本支出 against 项目支出.

    Returns
    -------
    pandas.DataFrame
        Two rows (``kind`` basic / project, ``label`` 基本支出 / 项目支出) with
        ``amount_yuan`` (the 部门支出总表's 合计 row, else the sum of its rows, else the
        一般公共预算支出表, else the narrative), ``rows_yuan`` (the table's rows summed),
        ``share`` and ``amount_wan`` (floats), ``source``. Empty when no source has them.
    """
    return _parts_frame([
        ("basic", "基本支出", _part(d, _BASIC_PROJECT_TABLES, "basic_yuan", "basic_total")),
        ("project", "项目支出", _part(d, _BASIC_PROJECT_TABLES, "project_yuan", "project_total")),
    ])


def personnel_vs_public(d: Disclosure) -> pd.DataFrame:
    """人员经费 against 公用经费 of the basic expenditure (一般公共预算基本支出表).

    Returns the columns of :func:`basic_vs_project` with kinds ``personnel`` / ``public``.
    The amount is the table's 合计 row when printed, because a row can be
    missing from the table while its 合计 still includes it (``rows_yuan`` shows the rows).
    """
    tables = ("general_budget_basic",)
    return _parts_frame([
        ("personnel", "人员经费", _part(d, tables, "personnel_yuan", "personnel_total")),
        ("public", "公用经费", _part(d, tables, "public_yuan", "public_total")),
    ])


