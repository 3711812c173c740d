"""The Ministry of Finance 9-table 部门决算 (final accounts), in 万元.

收入支出决算总表 … 国有资本经营预算财政拨款收入支出决算表: actual (决算数) figures, with
opening and closing balances (年初/年末结转和结余) and, for 三公, budget and actual side by
side. Tables are described in ``docs/layouts.md``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...core.labels import LAYOUT_LABELS
from .base import Family, count, title

TITLES = (
    title("fiscal_summary", "财政拨款收入支出决算总表"),
    title("summary", "收入支出决算总表"),
    title("income_by_function", "收入决算表"),
    title("general_budget_basic", "一般公共预算财政拨款基本支出决算表"),
    title("general_budget", "一般公共预算财政拨款支出决算表"),
    title("three_public", "三公", "决算"),
    title("gov_fund_final", "政府性基金预算财政拨款收入支出决算表"),
    title("state_capital_final", "国有资本经营预算财政拨款收入支出决算表"),
    title("expenditure_by_function", "支出决算表"),
)

EXPECTED = (
    "summary", "income_by_function", "expenditure_by_function", "fiscal_summary", "general_budget",
    "general_budget_basic", "three_public", "gov_fund_final", "state_capital_final",
)


def recognise(lines: Sequence[str]) -> int:
    """决算 titles (收入支出决算总表 …) and 决算数 columns."""
    return 3 * count(lines, r"决算(?:总)?表$") + count(lines, r"部门决算") + count(lines, r"决算数")


FAMILY = Family(
    name="mof-final",
    label=LAYOUT_LABELS["mof-final"],
    kind="决算",
    titles=TITLES,
    expected=EXPECTED,
    readers={},
    recognise=recognise,
)
