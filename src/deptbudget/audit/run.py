"""Running every check on a disclosure."""

from __future__ import annotations

import pandas as pd

from ..core.model import Disclosure
from . import across, completeness, facts, facts_execution, final_accounts, within
from .findings import AUDIT_COLUMNS, Finding, skipped
from .readable import unsure_reasons

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
    *final_accounts.CHECKS,
    facts.facts_vs_tables,
    facts.arithmetic,
    facts_execution.execution_rates,
    completeness.completeness,
]


def run_checks(d: Disclosure) -> list[Finding]:
    """Run every check and return the findings in order.

    A finding that rests on a table whose reading is unsure (:mod:`.readable`) is turned into
    ``skipped`` with the reason: only what the document surely prints may pass or fail. A check
    that cannot run on this layout's tables reports that, as a skipped finding, instead of
    stopping the audit.
    """
    unsure = unsure_reasons(d)
    findings: list[Finding] = []
    for check in CHECKS:
        try:
            found = check(d)
        except (KeyError, ValueError, TypeError, AttributeError, ArithmeticError) as exc:
            name = getattr(check, "__name__", "check")
            found = [skipped(f"{check.__module__.rsplit('.', 1)[-1]}.{name}", [],
                             f"此项检查不适用于本文件的表格（{type(exc).__name__}: {exc}）")]
        findings.extend(_gate(f, unsure) for f in found)
    return findings


def _gate(finding: Finding, unsure: dict[str, str]) -> Finding:
    if finding.check.startswith("completeness."):
        return finding
    reasons = [unsure[t] for t in finding.tables if t in unsure]
    if not reasons:
        return finding
    return skipped(finding.check, finding.tables, f"读取不确定，不作判断：{'；'.join(reasons)}")


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
