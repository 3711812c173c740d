"""Deprecated import path, kept for one release: use :mod:`deptbudget.brief.figures`."""

from __future__ import annotations

from .brief.figures import (
    amounts_bar,
    budget_vs_prior,
    expenditure_by_function,
    indicator_mix,
    share_donut,
)

__all__ = ["amounts_bar", "budget_vs_prior", "expenditure_by_function", "indicator_mix", "share_donut"]
