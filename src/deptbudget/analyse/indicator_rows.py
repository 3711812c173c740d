"""The rows of the performance tables as the indicator analyses use them: projects, indicators
grouped by project, natures counted; and the column lists of the indicator frames.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import pandas as pd

from ..core.model import Disclosure
from .common import records_of, text_of
from .targets import NATURES, nature_of

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


def indicator_rows_of(d: Disclosure) -> list[dict[str, Any]]:
    """Project indicator rows (blank rows — a project printed without indicators — left out)."""
    return [r for r in records_of(d, "project_performance") if text_of(r.get("indicator")) or text_of(r.get("level1"))]


def overall_indicator_rows(d: Disclosure) -> list[dict[str, Any]]:
    return [r for r in records_of(d, "overall_performance") if text_of(r.get("indicator"))]


def project_key(row: dict[str, Any]) -> tuple[str | None, str | None]:
    return text_of(row.get("project_code")), text_of(row.get("project_name"))


def nature_counts(rows: Sequence[dict[str, Any]]) -> dict[str, int]:
    tally = dict.fromkeys(NATURES, 0)
    for row in rows:
        tally[nature_of(row)] += 1
    return tally


def share_rows(scope: str, name: str, tally: dict[str, int],
                weight: Decimal | None = None) -> list[dict[str, Any]]:
    total = sum(tally.values())
    return [
        {"scope": scope, "project_name": name, "nature": nature, "n": tally[nature],
         "share": (tally[nature] / total) if total else float("nan"), "weight_yuan": weight}
        for nature in NATURES
    ]


def by_project(d: Disclosure) -> tuple[dict[tuple[str | None, str | None], list[dict[str, Any]]],
                                         dict[tuple[str | None, str | None], Decimal | None]]:
    """Indicator rows grouped by (code, name), and each project's amount."""
    rows_by_project: dict[tuple[str | None, str | None], list[dict[str, Any]]] = {}
    for row in indicator_rows_of(d):
        rows_by_project.setdefault(project_key(row), []).append(row)
    amounts = {
        (text_of(p["project_code"]), text_of(p["project_name"])):
            p["amount_yuan"] if isinstance(p["amount_yuan"], Decimal) else None
        for p in performance_projects(d).to_dict("records")
    }
    return rows_by_project, amounts


