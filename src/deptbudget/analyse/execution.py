"""Budget against actual in final accounts (决算): what was budgeted, what was spent, the rate.

A 决算 prints actual figures; its 三公 table prints the year's budget beside the actual for
each item, and its narrative states the year's budget and actual for the whole and for items
(``年初预算为1200.00万元，支出决算为1150.00万元，完成年初预算的95.83%``). The rate is computed
here from the exact amounts; a stated rate is kept beside it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from ..core.model import Disclosure
from .common import HUNDRED, as_decimal, make_frame, records_of

EXECUTION_COLUMNS = ["label", "budget_yuan", "actual_yuan", "rate_pct", "stated_pct", "source", "page", "line"]


def _rate(budget: Decimal | None, actual: Decimal | None) -> Decimal | None:
    if budget is None or actual is None or budget == 0:
        return None
    return (actual / budget * HUNDRED).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def execution(d: Disclosure) -> pd.DataFrame:
    """Budget and actual side by side, with the execution rate (决算 / 预算, percent).

    Parameters
    ----------
    d : Disclosure
        A reading; a budget (预算) has no actual figures and gives an empty frame.

    Returns
    -------
    pandas.DataFrame
        ``label, budget_yuan, actual_yuan, rate_pct`` (exact, two places), ``stated_pct`` (the
        narrative's, when it states one), ``source``, ``page``, ``line``.
    """
    rows = []
    if d.kind == "决算":
        for record in records_of(d, "three_public"):
            budget, actual = as_decimal(record.get("budget_yuan")), as_decimal(record.get("actual_yuan"))
            if budget is None and actual is None:
                continue
            rows.append({"label": f"“三公”经费：{record.get('item')}", "budget_yuan": budget, "actual_yuan": actual,
                         "rate_pct": _rate(budget, actual), "stated_pct": None, "source": "three_public",
                         "page": record.get("page"), "line": record.get("line")})
        budgets = {(f.label or f.key): f for f in d.facts if f.key == "execution_budget" and f.amount_yuan is not None}
        for fact in (f for f in d.facts if f.key == "execution_actual" and f.amount_yuan is not None):
            budget = budgets.get(fact.label or fact.key)
            amount = budget.amount_yuan if budget is not None else None
            rows.append({"label": fact.label or "支出", "budget_yuan": amount, "actual_yuan": fact.amount_yuan,
                         "rate_pct": _rate(amount, fact.amount_yuan), "stated_pct": fact.percent,
                         "source": "情况说明", "page": fact.page, "line": fact.line})
    return make_frame(rows, EXECUTION_COLUMNS)
