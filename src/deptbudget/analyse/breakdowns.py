"""Expenditure by classification: function 类/款/项 and economic 类/款, with names at every level.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from ..core import classification
from ..core.model import Disclosure
from ..core.money import wan_float
from .common import (
    BREAKDOWN_COLUMNS,
    ECON_DIGITS,
    FUNCTION_DIGITS,
    TREE_COLUMNS,
    ZERO,
    as_decimal,
    canonical_level,
    code_of,
    fen_places,
    function_spending_rows,
    make_frame,
    records_of,
    shares_of,
    text_of,
)

# --------------------------------------------------------------------------- classification breakdowns

_Namer = Callable[[str, int | None], str | None]
_NAMERS: dict[str, _Namer] = {
    "function": classification.function_name,
    "dept": classification.dept_econ_name,
    "gov": classification.gov_econ_name,
}


def _level_name(length: int, digits: dict[str, int]) -> str | None:
    return next((name for name, n in digits.items() if n == length), None)


def _aggregate(rows: list[dict[str, Any]], code_col: str, name_col: str, digits: int,
               scheme: str, year: int | None, levels: dict[str, int]) -> pd.DataFrame:
    """Sum total/basic/project of ``rows`` by the first ``digits`` digits of their code.

    A row whose code is shorter than ``digits`` (a 款 printed without 项) stays under its
    own code and level; a row without a code is kept under a blank code, so that no
    money drops out of the breakdown.
    """
    groups: dict[str, dict[str, Any]] = {}
    printed_columns: set[str] = set()
    for row in rows:
        code = code_of(row.get(code_col))
        key = code[:digits] if code is not None else ""
        group = groups.setdefault(key, {"printed": None, "total_yuan": ZERO, "basic_yuan": ZERO,
                                        "project_yuan": ZERO})
        for column in ("total_yuan", "basic_yuan", "project_yuan"):
            group[column] += as_decimal(row.get(column)) or ZERO
            if as_decimal(row.get(column)) is not None:
                printed_columns.add(column)
        if group["printed"] is None and (code is None or code == key):
            group["printed"] = text_of(row.get(name_col))
    records = []
    for key in sorted(groups, key=lambda k: (k == "", k)):
        group = groups[key]
        name = _NAMERS[scheme](key, year) if key else None
        records.append({
            "code": key or None,
            "name": name or group["printed"],
            "level": _level_name(len(key), levels) if key else None,
            # A column no row prints (a table by 功能分类 with 金额 only) is unknown, not zero.
            **{column: fen_places(group[column]) if column in printed_columns else None
               for column in ("total_yuan", "basic_yuan", "project_yuan")},
        })
    shares = shares_of([r["total_yuan"] for r in records])
    for record, share in zip(records, shares, strict=True):
        record["share"] = share
        record["total_wan"] = wan_float(record["total_yuan"])
    return make_frame(records, BREAKDOWN_COLUMNS, ("share", "total_wan"))


def _function_rows(d: Disclosure) -> list[dict[str, Any]]:
    return function_spending_rows(d)


def by_function(d: Disclosure, level: str = "类") -> pd.DataFrame:
    """Expenditure by 支出功能分类 at one level.

    Parameters
    ----------
    d : Disclosure
    level : {"类", "款", "项"}
        The level to sum to (``"lei"``, ``"kuan"``, ``"xiang"`` are accepted too).

    Returns
    -------
    pandas.DataFrame
        ``code, name, level, total_yuan, basic_yuan, project_yuan`` (Decimal 元),
        ``share`` (of the total, float) and ``total_wan`` (float), sorted by code. Rows
        come from the 部门支出总表 (``expenditure``), or the 一般公共预算支出表 when that is
        missing. A code printed above the level asked for keeps its own level.
    """
    wanted = canonical_level(level, FUNCTION_DIGITS)
    return _aggregate(_function_rows(d), "function_code", "function_name", FUNCTION_DIGITS[wanted],
                      "function", d.year, FUNCTION_DIGITS)


def function_tree(d: Disclosure) -> pd.DataFrame:
    """All three function levels in one tidy frame, each row with its parent (for a treemap).

    Returns
    -------
    pandas.DataFrame
        ``level`` (类/款/项), ``depth`` (1–3), ``code, name, parent_code, parent_name``
        (None for a 类), ``total_yuan, basic_yuan, project_yuan`` (Decimal 元), ``share`` of
        the grand total and ``total_wan`` (floats). Every code appears once, at its level.
    """
    parts = []
    for depth, (level, digits) in enumerate(FUNCTION_DIGITS.items(), start=1):
        frame = by_function(d, level)
        # A code shorter than the level (a 款 printed without 项) is already in the tree.
        at_level = pd.Series([isinstance(c, str) and len(c) == digits for c in frame["code"]],
                             index=frame.index, dtype=bool)
        frame = frame[at_level].copy()
        frame["depth"] = depth
        parts.append(frame)
    tree = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=BREAKDOWN_COLUMNS)
    names = dict(zip(tree["code"], tree["name"], strict=True))
    parent_len = {"类": None, "款": 3, "项": 5}
    tree["parent_code"] = [
        code[: parent_len[lv]] if parent_len.get(lv) else None
        for code, lv in zip(tree["code"], tree["level"], strict=True)
    ]
    tree["parent_name"] = [names.get(p) if p else None for p in tree["parent_code"]]
    return make_frame(tree.to_dict("records"), TREE_COLUMNS, ("share", "total_wan"))


def _econ_rows(d: Disclosure, scheme: str) -> list[dict[str, Any]]:
    """Rows with an economic code and total/basic/project amounts.

    The 部门支出总表 has all three; without it, the 一般公共预算基本支出表 (basic) and the
    项目支出表 (project) together stand in for it.
    """
    code_col = f"{scheme}_econ_code"
    rows = records_of(d, "expenditure")
    if rows:
        return rows
    out = []
    for row in records_of(d, "general_budget_basic") or records_of(d, "fiscal_basic"):
        out.append({**row, "basic_yuan": as_decimal(row.get("total_yuan")), "project_yuan": ZERO})
    for row in records_of(d, "projects"):
        out.append({code_col: row.get(code_col), f"{scheme}_econ_name": row.get(f"{scheme}_econ_name"),
                    "total_yuan": as_decimal(row.get("total_yuan")), "basic_yuan": ZERO,
                    "project_yuan": as_decimal(row.get("total_yuan"))})
    return out


def by_dept_econ(d: Disclosure, level: str = "类") -> pd.DataFrame:
    """Expenditure by 部门支出经济分类 (301 工资福利支出 …) at ``类`` or ``款``.

    Returns the same columns as :func:`by_function`. Rows come from the 部门支出总表, or
    from the 一般公共预算基本支出表 plus the 项目支出表 when it is missing.
    """
    wanted = canonical_level(level, ECON_DIGITS)
    return _aggregate(_econ_rows(d, "dept"), "dept_econ_code", "dept_econ_name", ECON_DIGITS[wanted],
                      "dept", d.year, ECON_DIGITS)


def by_gov_econ(d: Disclosure, level: str = "类") -> pd.DataFrame:
    """Expenditure by 政府预算支出经济分类 (501 机关工资福利支出 …) at ``类`` or ``款``.

    Returns the same columns as :func:`by_function`; sources as for :func:`by_dept_econ`.
    """
    wanted = canonical_level(level, ECON_DIGITS)
    return _aggregate(_econ_rows(d, "gov"), "gov_econ_code", "gov_econ_name", ECON_DIGITS[wanted],
                      "gov", d.year, ECON_DIGITS)


