"""What the performance targets leave out and what they cover: missing indicator kinds and
grade-only targets per project, and which project each overall activity belongs to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import pandas as pd

from ..core.model import Disclosure
from .common import ZERO, text_of
from .indicator_rows import ACTIVITY_COLUMNS, GAP_COLUMNS, by_project, overall_indicator_rows, performance_projects
from .matching import match_name
from .targets import indicator_levels, is_grade_scale

#: What gaps() looks for: flag column → (label when missing, test on a row's levels).
GAP_TESTS: dict[str, tuple[str, str]] = {
    "no_quantity": ("数量指标", r"数量"),
    "no_quality": ("质量指标", r"质量"),
    "no_timeliness": ("时效指标", r"时效"),
    "no_cost": ("成本指标", r"成本"),
    "no_benefit": ("效益指标", r"效益|效果|影响"),
    "no_satisfaction": ("满意度指标", r"满意"),
}


def _has_kind(rows: Sequence[dict[str, Any]], flag: str) -> bool:
    pattern = GAP_TESTS[flag][1]
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
    rows_by_project, _ = by_project(d)
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
        for flag, (label, _) in GAP_TESTS.items():
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
    for column in ["has_targets", *GAP_TESTS]:
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
    for row in overall_indicator_rows(d):
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


