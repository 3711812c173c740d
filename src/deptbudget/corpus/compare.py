"""Comparisons across a corpus: departments side by side, one department over the years, and
final accounts (决算) against the budget (预算) of the same department and year.

Functions of the frames :func:`deptbudget.corpus.load` returns; money stays exact
:class:`~decimal.Decimal` 元, shares and rates are floats for reading and drawing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd

from ..analyse.common import FUNCTION_SPENDING_TABLES

ZERO = Decimal(0)
#: Digits of a 支出功能分类 code at each level.
LEVEL_DIGITS = {"类": 3, "款": 5, "项": 7}
SIDE_BY_SIDE = [
    "department", "year", "kind", "entity_level", "layout", "expenditure_total_yuan", "basic_yuan", "project_yuan",
    "basic_share", "personnel_yuan", "public_yuan", "three_public_yuan", "three_public_share", "staff_actual",
    "per_head_yuan", "n_projects", "transparency", "audit_fail",
]


def _ratio(part: Any, whole: Any) -> float | None:
    if not isinstance(part, Decimal) or not isinstance(whole, Decimal) or whole == 0:
        return None
    return float(part / whole)


def read_ok(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The disclosures that were read (status ok)."""
    d = frames["disclosures"]
    return d[d.status == "ok"].copy()


def departments(frames: dict[str, pd.DataFrame], year: int | None = None, kind: str | None = "预算") -> pd.DataFrame:
    """Departments side by side: totals, basic/project, personnel/public, 三公 and its share,
    per head where staff is printed, projects, transparency score, audit outcome.

    Parameters
    ----------
    frames : dict
        From :func:`deptbudget.corpus.load`.
    year : int, optional
        Only this year.
    kind : str or None
        ``预算`` (default), ``决算``, or None for both.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SIDE_BY_SIDE`, sorted by department and year.
    """
    d = read_ok(frames)
    if year is not None:
        d = d[d.year == year]
    if kind is not None:
        d = d[d.kind == kind]
    rows = []
    for r in d.to_dict("records"):
        staff = r.get("staff_actual")
        total = r.get("expenditure_total_yuan")
        per_head = (total / int(staff)).quantize(Decimal("0.01")) \
            if isinstance(total, Decimal) and staff is not None and not pd.isna(staff) and staff > 0 else None
        points, top = r.get("transparency_points"), r.get("transparency_max")
        rows.append({
            **{c: r.get(c) for c in SIDE_BY_SIDE if c in r},
            "basic_share": _ratio(r.get("basic_yuan"), total),
            "three_public_share": _ratio(r.get("three_public_yuan"), total),
            "per_head_yuan": per_head,
            "transparency": float(points / top * 100) if isinstance(top, Decimal) and top else None,
        })
    return pd.DataFrame(rows, columns=SIDE_BY_SIDE).sort_values(["department", "year"], ignore_index=True)


def _function_rows(frames: dict[str, pd.DataFrame], disclosure_id: str) -> pd.DataFrame:
    """The rows of the widest function table a disclosure prints (支出总表 first)."""
    for key in FUNCTION_SPENDING_TABLES:
        frame = frames.get(f"table_{key}")
        if frame is not None:
            rows = frame[frame.disclosure_id == disclosure_id]
            if not rows.empty and "function_code" in rows:
                return rows[rows.function_code.notna()]
    return pd.DataFrame(columns=["function_code", "total_yuan"])


def by_function(frames: dict[str, pd.DataFrame], disclosure_ids: list[str], level: str = "类") -> pd.DataFrame:
    """Expenditure by 功能分类 at ``level`` for each disclosure: ``disclosure_id, code, total_yuan``."""
    digits = LEVEL_DIGITS[level]
    out = []
    for did in disclosure_ids:
        rows = _function_rows(frames, did)
        sums: dict[str, Decimal] = {}
        for code, total in zip(rows.function_code.astype(str), rows.total_yuan, strict=True):
            if isinstance(total, Decimal) and len(code) >= digits:
                sums[code[:digits]] = sums.get(code[:digits], ZERO) + total
        out.extend({"disclosure_id": did, "code": code, "total_yuan": total} for code, total in sorted(sums.items()))
    return pd.DataFrame(out, columns=["disclosure_id", "code", "total_yuan"])


def over_years(frames: dict[str, pd.DataFrame], department: str, level: str = "类",
               kind: str = "预算") -> pd.DataFrame:
    """One department's expenditure by function class over the years in the corpus, with the
    change on the year before (``change_yuan``, ``growth`` as a float share).

    Returns
    -------
    pandas.DataFrame
        ``code, year, total_yuan, change_yuan, growth`` sorted by code and year.
    """
    d = read_ok(frames)
    d = d[(d.department == department) & (d.kind == kind)].sort_values("year")
    years = dict(zip(d.disclosure_id, d.year, strict=True))
    sums = by_function(frames, list(years), level)
    sums["year"] = sums.disclosure_id.map(years)
    sums = sums.drop(columns="disclosure_id").sort_values(["code", "year"], ignore_index=True)
    changes, growth = [], []
    for _, group in sums.groupby("code", sort=False):
        prev = None
        for total in group.total_yuan:
            changes.append(total - prev if prev is not None else None)
            growth.append(_ratio(total - prev, prev) if prev is not None else None)
            prev = total
    sums["change_yuan"], sums["growth"] = changes, growth
    return sums


def three_public_over_years(frames: dict[str, pd.DataFrame], department: str, kind: str = "预算") -> pd.DataFrame:
    """One department's 三公 items by year: ``year, item, budget_yuan`` (level-1 items and the total)."""
    d = read_ok(frames)
    d = d[(d.department == department) & (d.kind == kind)]
    tp = frames.get("table_three_public")
    if tp is None or d.empty:
        return pd.DataFrame(columns=["year", "item", "budget_yuan"])
    rows = tp[tp.disclosure_id.isin(d.disclosure_id) & (tp.level == 1)].merge(d[["disclosure_id", "year"]])
    return rows[["year", "item", "budget_yuan"]].sort_values(["item", "year"], ignore_index=True)


def projects_over_years(frames: dict[str, pd.DataFrame], department: str) -> pd.DataFrame:
    """The department's projects by year: ``project_name``, the years listed, and whether it is
    new (新增), gone (取消) or continuing (延续) in the last year of the corpus."""
    d = read_ok(frames)
    d = d[(d.department == department) & (d.kind == "预算")]
    projects = frames.get("table_projects")
    if projects is None or d.empty:
        return pd.DataFrame(columns=["project_name", "years", "status"])
    rows = projects[projects.disclosure_id.isin(d.disclosure_id)].merge(d[["disclosure_id", "year"]])
    first, last = int(d.year.min()), int(d.year.max())
    out = []
    for name, group in rows.groupby("project_name"):
        years = sorted(set(int(y) for y in group.year))
        status = "延续" if last in years and len(years) > 1 else "新增" if last in years and years[0] > first \
            else "取消" if last not in years else "仅一年"
        out.append({"project_name": name, "years": years, "status": status})
    return pd.DataFrame(out, columns=["project_name", "years", "status"])


def execution(frames: dict[str, pd.DataFrame], department: str, year: int) -> pd.DataFrame:
    """Final accounts against the budget for one department and year, by function class and for 三公.

    Returns
    -------
    pandas.DataFrame
        ``item`` (a 类 code or 三公), ``budget_yuan`` (the 预算), ``actual_yuan`` (the 决算) and
        ``rate`` (决算 / 预算, float); empty when the corpus lacks either document.
    """
    d = read_ok(frames)
    d = d[(d.department == department) & (d.year == year)]
    budget, final = d[d.kind == "预算"], d[d.kind == "决算"]
    columns = ["item", "budget_yuan", "actual_yuan", "rate"]
    if budget.empty or final.empty:
        return pd.DataFrame(columns=columns)
    b_id, f_id = budget.disclosure_id.iloc[0], final.disclosure_id.iloc[0]
    sums = by_function(frames, [b_id, f_id])
    planned = dict(zip(sums[sums.disclosure_id == b_id].code, sums[sums.disclosure_id == b_id].total_yuan,
                       strict=True))
    spent = dict(zip(sums[sums.disclosure_id == f_id].code, sums[sums.disclosure_id == f_id].total_yuan,
                     strict=True))
    rows = [{"item": code, "budget_yuan": planned.get(code), "actual_yuan": spent.get(code),
             "rate": _ratio(spent.get(code), planned.get(code))} for code in sorted(set(planned) | set(spent))]
    b_tp, f_tp = budget.three_public_yuan.iloc[0], final.three_public_yuan.iloc[0]
    rows.append({"item": "三公", "budget_yuan": b_tp, "actual_yuan": f_tp, "rate": _ratio(f_tp, b_tp)})
    return pd.DataFrame(rows, columns=columns)
