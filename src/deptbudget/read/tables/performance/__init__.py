"""The performance-target tables (绩效目标申报表): the department's overall targets and each
project's, read into the common :class:`~deptbudget.read.tables.parsed.ParsedTable`."""

from __future__ import annotations

from .overall import parse_overall_performance
from .projects import parse_project_performance

__all__ = ["parse_overall_performance", "parse_project_performance"]
