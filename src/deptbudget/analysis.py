"""Deprecated import path, kept for one release: use :mod:`deptbudget.analyse`.

``from deptbudget import analysis; analysis.by_function(d)`` keeps working.
"""

from __future__ import annotations

from .analyse import (
    basic_vs_project,
    by_dept_econ,
    by_function,
    by_gov_econ,
    for_chart,
    function_tree,
    headline,
    per_head,
    personnel_vs_public,
    projects,
    purchased_services,
    three_public,
    year_on_year,
)

__all__ = [
    "basic_vs_project",
    "by_dept_econ",
    "by_function",
    "by_gov_econ",
    "for_chart",
    "function_tree",
    "headline",
    "per_head",
    "personnel_vs_public",
    "projects",
    "purchased_services",
    "three_public",
    "year_on_year",
]
