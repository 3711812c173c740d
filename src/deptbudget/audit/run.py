"""Running every check on a disclosure."""

from __future__ import annotations

import pandas as pd

from ..core.model import Disclosure
from . import across, completeness, facts, within
from .findings import AUDIT_COLUMNS, Finding

CHECKS = [
    within.rows_vs_totals,
    within.row_parts,
    within.summary_balance,
    within.income_totals,
    within.three_public_parts,
    within.performance_amounts,
    across.summary_vs_fiscal,
    across.summary_vs_function_tables,
    across.expenditure_vs_budget_tables,
    across.basic_vs_basic_table,
    across.projects_vs_expenditure,
    across.projects_vs_performance,
    across.three_public_vs_expenditure,
    across.overall_performance_funding,
    facts.facts_vs_tables,
    facts.arithmetic,
    completeness.completeness,
]


def run_checks(d: Disclosure) -> list[Finding]:
    """Run every check and return the findings in order."""
    findings: list[Finding] = []
    for check in CHECKS:
        findings.extend(check(d))
    return findings


def audit(d: Disclosure) -> pd.DataFrame:
    """Audit a disclosure: every identity it implies, and how complete it is.

    Parameters
    ----------
    d : Disclosure
        A disclosure from :func:`deptbudget.read_disclosure`.

    Returns
    -------
    DataFrame
        One row per check performed, with columns ``check`` (stable id), ``status``
        (pass, fail, warn, skipped), ``tables``, ``expected_yuan``, ``actual_yuan``,
        ``difference_yuan`` (actual − expected, exact Decimal 元), ``message`` (Chinese),
        ``evidence`` (page and line of each side), and ``points``/``max_points`` for the
        completeness items that make up the transparency score.
    """
    rows = [f.row() for f in run_checks(d)]
    frame = pd.DataFrame(rows, columns=AUDIT_COLUMNS)
    for column in ("expected_yuan", "actual_yuan", "difference_yuan", "points", "max_points"):
        frame[column] = frame[column].astype(object)
    return frame
