"""Beijing 部门预算: the district 14-table form (表1 … 表14) and the municipal form (预算01表 …
预算13表), in 万元 with up to six decimals.

The text sample of this family is read by the text parsers of :mod:`deptbudget.read.tables`
(empty cells vanish in text, so :mod:`deptbudget.read.infer` settles the columns); a published
PDF is read through its ruled grids with the readers below. Tables are described in
``docs/layouts.md``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...core.labels import LAYOUT_LABELS
from ...core.model import BEIJING_KEYS
from .base import Family, count, title

TITLES = (
    title("project_performance", "项目", "绩效"),
    title("overall_performance", "整体", "绩效"),
    title("three_public", "三公"),
    title("purchased_services", "购买服务"),
    title("transfer_payments", "转移支付"),
    title("procurement", "政府采购"),
    title("fiscal_summary", "财政拨款", "收支"),
    title("summary", "收支", forbidden=("财政拨款",)),
    title("income", "收入", forbidden=("支出",)),
    title("general_budget_basic", "一般公共预算", "基本支出"),
    title("general_budget", "一般公共预算", "支出", forbidden=("三公", "基本")),
    title("gov_fund", "政府性基金"),
    title("state_capital", "国有资本经营"),
    title("projects", "项目支出", forbidden=("绩效",)),
    title("expenditure", "支出", forbidden=("财政拨款", "一般公共", "项目", "基本", "绩效")),
)

#: The municipal form (预算01表 … 预算13表): no 项目支出表 or 上级转移支付表; a 政府采购 table.
MUNICIPAL_EXPECTED = (
    "summary", "income", "expenditure", "fiscal_summary", "general_budget", "general_budget_basic",
    "gov_fund", "state_capital", "three_public", "procurement", "purchased_services",
    "project_performance", "overall_performance",
)


def recognise(lines: Sequence[str]) -> int:
    """Beijing's words: 预算NN表 or 表N marks over 收支总表 … 部门整体支出绩效目标 titles."""
    return (
        2 * count(lines, r"^预算\s*(?:表\s*)?\d{1,2}\s*表?")
        + count(lines, r"^表\s*\d{1,2}$")
        + count(lines, r"部门预算收支总表|^收支总表$|预算01表收支总表")
        + count(lines, r"部门整体支出绩效目标")
        + count(lines, r"上级转移支付")
    )


def variant(lines: Sequence[str]) -> tuple[str, tuple[str, ...]]:
    """The municipal form when its 预算NN表 marks are printed, the district form otherwise."""
    municipal = count(lines, r"^预算\s*(?:表\s*)?\d{1,2}\s*表?") >= 3
    return "beijing", MUNICIPAL_EXPECTED if municipal else BEIJING_KEYS


FAMILY = Family(
    name="beijing",
    label=LAYOUT_LABELS["beijing"],
    kind="预算",
    titles=TITLES,
    expected=BEIJING_KEYS,
    readers={},
    recognise=recognise,
    variant=variant,
)
