"""Performance targets (绩效目标) as tidy tables: counts, quantitative share, gaps, matches.

Reads the two performance tables of a :class:`~deptbudget.core.model.Disclosure`:
``project_performance`` (one row per indicator of a project: 一级 / 二级 / 三级指标, nature,
operator, target, unit) and ``overall_performance`` (部门整体绩效目标: activity, indicator,
nature, operator, target, unit). Every function returns a :class:`pandas.DataFrame` with
fixed columns, empty (with those columns) when the tables are missing.

Amounts are :class:`~decimal.Decimal` 元. A ``share`` column is a float for charting; the
exact figures it was computed from are in the same frame.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd

from ..core.model import Disclosure

__all__ = [
    "ACTIVITY_COLUMNS",
    "COUNT_COLUMNS",
    "GAP_COLUMNS",
    "OVERALL_NAME",
    "SHARE_COLUMNS",
    "SUMMARY_COLUMNS",
    "TARGET_COLUMNS",
    "activity_projects",
    "classify_indicator",
    "counts",
    "gaps",
    "is_grade_scale",
    "match_name",
    "name_similarity",
    "nature_of",
    "parse_target",
    "performance_projects",
    "quantitative_share",
    "quantitative_targets",
    "summary",
    "weighted_quantitative_share",
]

from .common import ZERO, text_of
from .coverage import GAP_TESTS, activity_projects, gaps

#: How the 部门整体 table is named where a project name would stand.
from .indicator_rows import (
    ACTIVITY_COLUMNS,
    ALL_PROJECTS_NAME,
    COUNT_COLUMNS,
    GAP_COLUMNS,
    OVERALL_NAME,
    SHARE_COLUMNS,
    SUMMARY_COLUMNS,
    TARGET_COLUMNS,
    UNCLASSIFIED,
    WEIGHTED_NAME,
    by_project,
    indicator_rows_of,
    nature_counts,
    overall_indicator_rows,
    performance_projects,
    share_rows,
)
from .matching import match_name, name_similarity
from .targets import NATURES, classify_indicator, indicator_levels, is_grade_scale, nature_of, parse_target

# --------------------------------------------------------------------------- public tables


def counts(d: Disclosure) -> pd.DataFrame:
    """Number of indicators per project and for the department as a whole, by level.

    Parameters
    ----------
    d : Disclosure

    Returns
    -------
    pandas.DataFrame
        Columns ``scope`` (``"project"`` / ``"overall"``), ``project_name`` (the
        department-wide rows carry :data:`OVERALL_NAME`), ``level1``, ``level2``, ``n``
        and ``inferred`` (True where the levels were guessed from the indicator's name
        by :func:`classify_indicator`, as for the 部门整体 table which prints no levels).
        Unknown levels read :data:`UNCLASSIFIED`.
    """
    tallies: dict[tuple[str, str, str, str, bool], int] = {}
    for row in indicator_rows_of(d):
        level1, level2, inferred = indicator_levels(row)
        key = ("project", text_of(row.get("project_name")) or UNCLASSIFIED,
               level1 or UNCLASSIFIED, level2 or UNCLASSIFIED, inferred)
        tallies[key] = tallies.get(key, 0) + 1
    for row in overall_indicator_rows(d):
        level1, level2, inferred = indicator_levels(row)
        key = ("overall", OVERALL_NAME, level1 or UNCLASSIFIED, level2 or UNCLASSIFIED, inferred)
        tallies[key] = tallies.get(key, 0) + 1
    records = [
        {"scope": s, "project_name": p, "level1": l1, "level2": l2, "n": n, "inferred": inf}
        for (s, p, l1, l2, inf), n in tallies.items()
    ]
    frame = pd.DataFrame(records, columns=COUNT_COLUMNS)
    frame["n"] = frame["n"].astype("int64")
    frame["inferred"] = frame["inferred"].astype(bool)
    return frame


def _weighted(d: Disclosure) -> tuple[dict[str, Decimal], Decimal]:
    """Σ amount·share per nature and Σ amount, over projects with indicators and an amount > 0."""
    rows_by_project, amounts = by_project(d)
    weighted = dict.fromkeys(NATURES, ZERO)
    total = ZERO
    for key, rows in rows_by_project.items():
        amount = amounts.get(key)
        if amount is None or amount <= 0:
            continue
        tally = nature_counts(rows)
        total += amount
        for nature in NATURES:
            weighted[nature] += amount * Decimal(tally[nature]) / Decimal(len(rows))
    return weighted, total


def weighted_quantitative_share(d: Disclosure) -> Decimal | None:
    """The amount-weighted share of 定量 indicators over projects, exact (None without weights).

    Each project's share of 定量 indicators is weighted by its amount (Decimal 元):
    Σ amount·share / Σ amount. Projects without an amount or without indicators are left out.
    """
    weighted, total = _weighted(d)
    return weighted["定量"] / total if total else None


def quantitative_share(d: Disclosure) -> pd.DataFrame:
    """定量 against 定性 indicators: per project, all projects, amount-weighted, and overall.

    Parameters
    ----------
    d : Disclosure

    Returns
    -------
    pandas.DataFrame
        Two rows (定量, 定性) per group, columns ``scope, project_name, nature, n, share,
        weight_yuan``. ``scope`` is ``"project"`` (one project; ``weight_yuan`` its
        amount), ``"projects"`` (all project indicators pooled), ``"weighted"`` (each
        project's shares weighted by its amount, see :func:`weighted_quantitative_share`;
        ``weight_yuan`` the amounts summed, ``n`` the pooled count) and ``"overall"`` (the
        部门整体 table). ``share`` is a float for charts; natures are as printed, or
        inferred by :func:`nature_of` when blank.
    """
    rows_by_project, amounts = by_project(d)
    records: list[dict[str, Any]] = []
    pooled = dict.fromkeys(NATURES, 0)
    for key, rows in rows_by_project.items():
        tally = nature_counts(rows)
        records += share_rows("project", key[1] or UNCLASSIFIED, tally, amounts.get(key))
        for nature in NATURES:
            pooled[nature] += tally[nature]
    if rows_by_project:
        records += share_rows("projects", ALL_PROJECTS_NAME, pooled)
        weighted, total = _weighted(d)
        for nature in NATURES:
            records.append({"scope": "weighted", "project_name": WEIGHTED_NAME, "nature": nature,
                            "n": pooled[nature],
                            "share": float(weighted[nature] / total) if total else float("nan"),
                            "weight_yuan": total if total else None})
    overall = overall_indicator_rows(d)
    if overall:
        records += share_rows("overall", OVERALL_NAME, nature_counts(overall))
    frame = pd.DataFrame(records, columns=SHARE_COLUMNS)
    frame["n"] = frame["n"].astype("int64")
    frame["share"] = frame["share"].astype("float64")
    return frame


def quantitative_targets(d: Disclosure) -> pd.DataFrame:
    """The quantitative (定量) targets, with their values as exact numbers.

    Parameters
    ----------
    d : Disclosure

    Returns
    -------
    pandas.DataFrame
        Columns ``scope`` (``"project"`` / ``"overall"``), ``project_name``, ``activity``
        (overall rows), ``level1, level2, indicator, operator``, ``value`` (Decimal where
        the target is a number, else None), ``target`` (as printed), ``unit``, ``page``,
        ``line``. An operator or unit printed inside the target (``≥95%``) is taken from it
        when its own column is blank.
    """
    records: list[dict[str, Any]] = []
    sources = [("project", r) for r in indicator_rows_of(d)] + [("overall", r) for r in overall_indicator_rows(d)]
    for scope, row in sources:
        if nature_of(row) != "定量":
            continue
        operator, value, rest = parse_target(row.get("target"))
        level1, level2, _ = indicator_levels(row)
        records.append({
            "scope": scope,
            "project_name": text_of(row.get("project_name")) if scope == "project" else OVERALL_NAME,
            "activity": text_of(row.get("activity")),
            "level1": level1, "level2": level2,
            "indicator": text_of(row.get("indicator")),
            "operator": text_of(row.get("operator")) or operator,
            "value": value,
            "target": text_of(row.get("target")),
            "unit": text_of(row.get("unit")) or rest,
            "page": row.get("page"), "line": row.get("line"),
        })
    frame = pd.DataFrame(records, columns=TARGET_COLUMNS)
    for column in ("page", "line"):
        frame[column] = frame[column].astype("Int64")
    return frame


def _ratio(part: int, whole: int) -> Decimal | None:
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001")) if whole else None


def summary(d: Disclosure) -> pd.DataFrame:
    """Headline figures of the performance targets, for the briefing.

    Parameters
    ----------
    d : Disclosure

    Returns
    -------
    pandas.DataFrame
        Columns ``key, label, value, unit``; ``value`` is an int (counts) or a Decimal
        share rounded to 4 places (None when there is nothing to divide by). Keys:
        ``projects_with_targets``, ``projects_without_targets``, ``project_indicators``,
        ``overall_indicators``, ``quantitative_share_projects``,
        ``quantitative_share_weighted``, ``quantitative_share_overall``,
        ``grade_only_targets``, ``projects_without_<kind>`` for each gap kind,
        ``activities``, ``activities_matched``.
    """
    project_rows = indicator_rows_of(d)
    overall_rows = overall_indicator_rows(d)
    gap = gaps(d)
    with_targets = gap[gap["has_targets"]]
    matched = activity_projects(d)
    project_natures = nature_counts(project_rows)
    overall_natures = nature_counts(overall_rows)
    weighted = weighted_quantitative_share(d)
    rows: list[tuple[str, str, Any, str]] = [
        ("projects_with_targets", "有绩效目标的项目", len(with_targets), "个"),
        ("projects_without_targets", "无绩效目标的项目", int((~gap["has_targets"]).sum()), "个"),
        ("project_indicators", "项目绩效指标", len(project_rows), "项"),
        ("overall_indicators", "部门整体绩效指标", len(overall_rows), "项"),
        ("quantitative_share_projects", "项目指标中定量指标占比",
         _ratio(project_natures["定量"], len(project_rows)), "比例"),
        ("quantitative_share_weighted", "定量指标占比（按项目金额加权）",
         weighted.quantize(Decimal("0.0001")) if weighted is not None else None, "比例"),
        ("quantitative_share_overall", "部门整体指标中定量指标占比",
         _ratio(overall_natures["定量"], len(overall_rows)), "比例"),
        ("grade_only_targets", "指标值仅列等级的项目指标", int(with_targets["n_grade_only"].sum()), "项"),
    ]
    for flag, (label, _) in GAP_TESTS.items():
        rows.append((f"projects_without_{flag.removeprefix('no_')}", f"缺少{label}的项目",
                     int(with_targets[flag].sum()), "个"))
    rows += [
        ("activities", "部门整体绩效活动", len(matched), "个"),
        ("activities_matched", "能对应到项目的活动", int(matched["project_name"].notna().sum()), "个"),
    ]
    frame = pd.DataFrame([dict(zip(SUMMARY_COLUMNS, r, strict=True)) for r in rows], columns=SUMMARY_COLUMNS)
    # Counts and Decimal shares side by side: object keeps ints as ints and None as None.
    frame["value"] = pd.Series([r[2] for r in rows], index=frame.index, dtype=object)
    return frame
