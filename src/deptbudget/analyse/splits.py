"""Two-way splits: basic vs project, personnel vs public, from printed totals first.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import pandas as pd

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
        rows_sum = sum_decimals(r.get(column) for r in rows) if rows else None
        printed = printed_total(d, table, column)
        if printed is not None:
            return printed, rows_sum, f"{table}:{SOURCE_PRINTED}"
        if rows_sum is not None:
            return rows_sum, rows_sum, f"{table}:{SOURCE_ROWS}"
    fact = budget_fact(d, fact_key)
    if fact is not None:
        return fact.amount_yuan, None, SOURCE_NARRATIVE
    return None, None, None


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


