"""Auditing a disclosure: within tables, across tables, narrative against tables, completeness."""

from .findings import AUDIT_COLUMNS, Finding
from .run import audit, run_checks, score

__all__ = ["AUDIT_COLUMNS", "Finding", "audit", "run_checks", "score"]
