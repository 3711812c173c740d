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

import re
from collections.abc import Sequence
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

from .common import ZERO, records_of, text_of
from .matching import match_name, name_similarity
from .targets import NATURES, classify_indicator, indicator_levels, is_grade_scale, nature_of, parse_target

#: How the 部门整体 table is named where a project name would stand.
OVERALL_NAME = "部门整体"
ALL_PROJECTS_NAME = "全部项目"
WEIGHTED_NAME = "按项目金额加权"
UNCLASSIFIED = "未标明"

COUNT_COLUMNS = ["scope", "project_name", "level1", "level2", "n", "inferred"]
SHARE_COLUMNS = ["scope", "project_name", "nature", "n", "share", "weight_yuan"]
TARGET_COLUMNS = [
    "scope", "project_name", "activity", "level1", "level2", "indicator",
    "operator", "value", "target", "unit", "page", "line",
]
GAP_COLUMNS = [
    "project_name", "project_code", "amount_yuan", "has_targets", "n_indicators",
    "no_quantity", "no_quality", "no_timeliness", "no_cost", "no_benefit", "no_satisfaction",
    "grade_only_targets", "n_grade_only", "missing",
]
ACTIVITY_COLUMNS = [
    "activity", "n_indicators", "project_name", "project_code", "score",
    "runner_up", "runner_up_score", "ambiguous",
]
SUMMARY_COLUMNS = ["key", "label", "value", "unit"]

# --------------------------------------------------------------------------- projects


def performance_projects(d: Disclosure) -> pd.DataFrame:
    """The projects of the 项目支出绩效目标表, one row each, in printed order.

    Returns
    -------
    pandas.DataFrame
        ``project_code, project_name, project_type, amount_yuan, n_indicators``. Projects
        the reader listed without indicator rows are kept (``n_indicators`` 0).
    """
    columns = ["project_code", "project_name", "project_type", "amount_yuan", "n_indicators"]
    found: dict[tuple[str | None, str | None], dict[str, Any]] = {}
    info = d.table_info.get("project_performance")
    listed = info.extra.get("projects") if info is not None else None
    for item in listed if isinstance(listed, list) else []:
        key = (text_of(item.get("project_code")), text_of(item.get("project_name")))
        found.setdefault(key, {
            "project_code": key[0], "project_name": key[1],
            "project_type": text_of(item.get("project_type")),
            "amount_yuan": item.get("amount_yuan") if isinstance(item.get("amount_yuan"), Decimal) else None,
            "n_indicators": 0,
        })
    for row in records_of(d, "project_performance"):
        key = (text_of(row.get("project_code")), text_of(row.get("project_name")))
        entry = found.setdefault(key, {
            "project_code": key[0], "project_name": key[1],
            "project_type": text_of(row.get("project_type")),
            "amount_yuan": row.get("amount_yuan") if isinstance(row.get("amount_yuan"), Decimal) else None,
            "n_indicators": 0,
        })
        if text_of(row.get("indicator")) or text_of(row.get("level1")):
            entry["n_indicators"] += 1
    return pd.DataFrame(list(found.values()), columns=columns)


def _indicator_rows(d: Disclosure) -> list[dict[str, Any]]:
    """Project indicator rows (blank rows — a project printed without indicators — left out)."""
    return [r for r in records_of(d, "project_performance") if text_of(r.get("indicator")) or text_of(r.get("level1"))]


def _overall_rows(d: Disclosure) -> list[dict[str, Any]]:
    return [r for r in records_of(d, "overall_performance") if text_of(r.get("indicator"))]


def _project_key(row: dict[str, Any]) -> tuple[str | None, str | None]:
    return text_of(row.get("project_code")), text_of(row.get("project_name"))


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
    for row in _indicator_rows(d):
        level1, level2, inferred = indicator_levels(row)
        key = ("project", text_of(row.get("project_name")) or UNCLASSIFIED,
               level1 or UNCLASSIFIED, level2 or UNCLASSIFIED, inferred)
        tallies[key] = tallies.get(key, 0) + 1
    for row in _overall_rows(d):
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


def _nature_counts(rows: Sequence[dict[str, Any]]) -> dict[str, int]:
    tally = dict.fromkeys(NATURES, 0)
    for row in rows:
        tally[nature_of(row)] += 1
    return tally


def _share_rows(scope: str, name: str, tally: dict[str, int],
                weight: Decimal | None = None) -> list[dict[str, Any]]:
    total = sum(tally.values())
    return [
        {"scope": scope, "project_name": name, "nature": nature, "n": tally[nature],
         "share": (tally[nature] / total) if total else float("nan"), "weight_yuan": weight}
        for nature in NATURES
    ]


def _by_project(d: Disclosure) -> tuple[dict[tuple[str | None, str | None], list[dict[str, Any]]],
                                         dict[tuple[str | None, str | None], Decimal | None]]:
    """Indicator rows grouped by (code, name), and each project's amount."""
    rows_by_project: dict[tuple[str | None, str | None], list[dict[str, Any]]] = {}
    for row in _indicator_rows(d):
        rows_by_project.setdefault(_project_key(row), []).append(row)
    amounts = {
        (text_of(p["project_code"]), text_of(p["project_name"])):
            p["amount_yuan"] if isinstance(p["amount_yuan"], Decimal) else None
        for p in performance_projects(d).to_dict("records")
    }
    return rows_by_project, amounts


def _weighted(d: Disclosure) -> tuple[dict[str, Decimal], Decimal]:
    """Σ amount·share per nature and Σ amount, over projects with indicators and an amount > 0."""
    rows_by_project, amounts = _by_project(d)
    weighted = dict.fromkeys(NATURES, ZERO)
    total = ZERO
    for key, rows in rows_by_project.items():
        amount = amounts.get(key)
        if amount is None or amount <= 0:
            continue
        tally = _nature_counts(rows)
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
    rows_by_project, amounts = _by_project(d)
    records: list[dict[str, Any]] = []
    pooled = dict.fromkeys(NATURES, 0)
    for key, rows in rows_by_project.items():
        tally = _nature_counts(rows)
        records += _share_rows("project", key[1] or UNCLASSIFIED, tally, amounts.get(key))
        for nature in NATURES:
            pooled[nature] += tally[nature]
    if rows_by_project:
        records += _share_rows("projects", ALL_PROJECTS_NAME, pooled)
        weighted, total = _weighted(d)
        for nature in NATURES:
            records.append({"scope": "weighted", "project_name": WEIGHTED_NAME, "nature": nature,
                            "n": pooled[nature],
                            "share": float(weighted[nature] / total) if total else float("nan"),
                            "weight_yuan": total if total else None})
    overall = _overall_rows(d)
    if overall:
        records += _share_rows("overall", OVERALL_NAME, _nature_counts(overall))
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
    sources = [("project", r) for r in _indicator_rows(d)] + [("overall", r) for r in _overall_rows(d)]
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


#: What gaps() looks for: flag column → (label when missing, test on a row's levels).
_GAP_TESTS: dict[str, tuple[str, str]] = {
    "no_quantity": ("数量指标", r"数量"),
    "no_quality": ("质量指标", r"质量"),
    "no_timeliness": ("时效指标", r"时效"),
    "no_cost": ("成本指标", r"成本"),
    "no_benefit": ("效益指标", r"效益|效果|影响"),
    "no_satisfaction": ("满意度指标", r"满意"),
}


def _has_kind(rows: Sequence[dict[str, Any]], flag: str) -> bool:
    pattern = _GAP_TESTS[flag][1]
    for row in rows:
        level1, level2, _ = indicator_levels(row)
        if flag == "no_benefit":
            # 效益 is a 一级指标; a 二级指标 named …影响 only counts under it.
            if level1 and re.search(r"效益|效果", level1):
                return True
            continue
        if flag == "no_satisfaction" and level1 and re.search(pattern, level1):
            return True
        if flag == "no_cost" and level1 and re.search(pattern, level1):
            return True
        if level2 and re.search(pattern, level2):
            return True
    return False


def gaps(d: Disclosure) -> pd.DataFrame:
    """What each project's performance targets leave out.

    A project is checked for an output indicator of each kind (数量, 质量, 时效, 成本 —
    成本 also counts as a 一级指标, as in the 2021 framework), a 效益 indicator and a
    满意度 indicator, by its printed 一级 / 二级指标 (guessed from the indicator's name
    where those are blank). Targets that only list grades (:func:`is_grade_scale`) are
    listed too: they state no level to be reached.

    Parameters
    ----------
    d : Disclosure

    Returns
    -------
    pandas.DataFrame
        One row per project of the performance table, plus projects of the 项目支出表
        that have no performance targets at all (``has_targets`` False). Columns
        ``project_name, project_code, amount_yuan, has_targets, n_indicators``, the flags
        ``no_quantity, no_quality, no_timeliness, no_cost, no_benefit, no_satisfaction``,
        ``grade_only_targets`` (list of indicator names), ``n_grade_only`` and ``missing``
        (list of labels of the missing kinds, Chinese).
    """
    rows_by_project, _ = _by_project(d)
    listed = performance_projects(d)
    projects: list[dict[str, Any]] = listed.to_dict("records")
    known_names = [p["project_name"] for p in projects]
    budget = d.tables.get("projects")
    if budget is not None and not budget.empty:
        amounts: dict[str, Decimal] = {}
        for row in budget.to_dict("records"):
            name = text_of(row.get("project_name"))
            if name is not None and isinstance(row.get("total_yuan"), Decimal):
                amounts[name] = amounts.get(name, ZERO) + row["total_yuan"]
        exact = set(known_names)
        for name, amount in amounts.items():
            if name not in exact and match_name(name, known_names, 0.8).name is None:
                projects.append({"project_code": None, "project_name": name, "project_type": None,
                                 "amount_yuan": amount, "n_indicators": 0})
    records = []
    for project in projects:
        key = (text_of(project["project_code"]), text_of(project["project_name"]))
        rows = rows_by_project.get(key, [])
        record: dict[str, Any] = {
            "project_name": key[1], "project_code": key[0],
            "amount_yuan": project["amount_yuan"] if isinstance(project["amount_yuan"], Decimal) else None,
            "has_targets": bool(rows), "n_indicators": len(rows),
        }
        missing = []
        for flag, (label, _) in _GAP_TESTS.items():
            absent = not _has_kind(rows, flag)
            record[flag] = absent
            if absent:
                missing.append(label)
        grades = [text_of(r.get("indicator")) or "" for r in rows if is_grade_scale(r.get("target"))]
        record["grade_only_targets"] = grades
        record["n_grade_only"] = len(grades)
        record["missing"] = missing if rows else ["绩效目标", *missing]
        records.append(record)
    frame = pd.DataFrame(records, columns=GAP_COLUMNS)
    for column in ["has_targets", *_GAP_TESTS]:
        frame[column] = frame[column].astype(bool)
    for column in ("n_indicators", "n_grade_only"):
        frame[column] = frame[column].astype("int64")
    return frame


def activity_projects(d: Disclosure, min_score: float = 0.5) -> pd.DataFrame:
    """Which 部门整体绩效目标 activity is carried out by which project.

    Matching is by name with :func:`difflib.SequenceMatcher` (see :func:`name_similarity`:
    shared character runs and containment, generic suffixes such as 经费 / 服务费
    ignored), against the projects of the 项目支出表, else of the project performance
    table. An activity such as 机关日常运转 is usually paid from basic expenditure and
    matches nothing.

    Parameters
    ----------
    d : Disclosure
    min_score : float, default 0.5
        The lowest similarity taken as a match.

    Returns
    -------
    pandas.DataFrame
        One row per activity in printed order: ``activity, n_indicators, project_name``
        (None when nothing reaches ``min_score`` or two projects tie), ``project_code``,
        ``score`` (the best similarity, 0–1), ``runner_up``, ``runner_up_score``,
        ``ambiguous``.
    """
    activities: dict[str, int] = {}
    for row in _overall_rows(d):
        activity = text_of(row.get("activity"))
        if activity is not None:
            activities[activity] = activities.get(activity, 0) + 1
    perf = performance_projects(d)
    codes = {name: code for name, code in zip(perf["project_name"], perf["project_code"], strict=True)
             if isinstance(name, str)}
    names: list[Any] = []
    budget = d.tables.get("projects")
    if budget is not None and not budget.empty:
        names = list(budget["project_name"])
    if not names:
        names = list(perf["project_name"])
    records = []
    for activity, n in activities.items():
        match = match_name(activity, names, min_score)
        code = None
        if match.name is not None:
            code = codes.get(match.name)
            if code is None and codes:
                linked = match_name(match.name, list(codes), 0.8).name
                code = codes.get(linked) if linked else None
        records.append({
            "activity": activity, "n_indicators": n, "project_name": match.name, "project_code": code,
            "score": match.score, "runner_up": match.runner_up, "runner_up_score": match.runner_up_score,
            "ambiguous": match.ambiguous,
        })
    frame = pd.DataFrame(records, columns=ACTIVITY_COLUMNS)
    frame["n_indicators"] = frame["n_indicators"].astype("int64")
    frame["score"] = frame["score"].astype("float64")
    frame["runner_up_score"] = frame["runner_up_score"].astype("float64")
    frame["ambiguous"] = frame["ambiguous"].astype(bool)
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
    project_rows = _indicator_rows(d)
    overall_rows = _overall_rows(d)
    gap = gaps(d)
    with_targets = gap[gap["has_targets"]]
    matched = activity_projects(d)
    project_natures = _nature_counts(project_rows)
    overall_natures = _nature_counts(overall_rows)
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
    for flag, (label, _) in _GAP_TESTS.items():
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
