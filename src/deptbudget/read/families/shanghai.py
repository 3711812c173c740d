"""Shanghai 区级 部门预算 and 单位预算: nine tables, in 元 (the 三公 table in 万元).

Titles carry the year and the level (``2025年部门财务收支预算总表``, ``2025年预算单位…``) and a
``编制部门：``/``编制单位：`` line; codes are printed in 类/款/项 columns; the 三公 table also
prints 机关运行经费. Street offices add 财政项目支出绩效目标填报表 forms. The tables are
described in ``docs/layouts.md``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...core.labels import LAYOUT_LABELS
from ..grids.columns import rule
from ..grids.items import ItemColumn
from .base import Family, count, title
from .readers import (
    THREE_PUBLIC_ITEMS,
    TOTAL_BASIC_PROJECT,
    econ_table,
    function_table,
    items,
    several,
    side,
    two_sided,
)

TITLES = (
    title("summary", "财务收支预算总表"),
    title("fiscal_summary", "财政拨款收支预算总表"),
    title("income_by_function", "收入预算总表", forbidden=("财政拨款", "财务")),
    title("expenditure_by_function", "支出预算总表", forbidden=("财政拨款", "财务")),
    title("general_budget_basic", "一般公共预算基本支出", "经济分类"),
    title("general_budget", "一般公共预算支出功能分类"),
    title("gov_fund", "政府性基金预算支出功能分类"),
    title("state_capital", "国有资本经营预算支出功能分类"),
    title("three_public", "三公"),
)

EXPECTED = (
    "summary", "income_by_function", "expenditure_by_function", "fiscal_summary",
    "general_budget", "gov_fund", "state_capital", "general_budget_basic", "three_public",
)

#: Totals of the two-sided tables: Shanghai prints only the grand totals.
TOTALS = {"收入总计": "grand_total", "支出总计": "grand_total", "收入合计": "grand_total", "支出合计": "grand_total"}

SUMMARY_SIDES = (
    side("income", "收入", (rule("amount_yuan", "收入", "预算数"),)),
    side("expenditure", "支出", (
        rule("amount_yuan", "支出", "=合计"),
        rule("amount_yuan", "支出", "预算数"),
        rule("personnel_yuan", "人员经费", last=True),
        rule("public_yuan", "公用经费", last=True),
        rule("project_yuan", "项目支出", last=True),
    )),
)
FISCAL_SIDES = (
    side("income", "收入", (rule("amount_yuan", "收入", "预算数"),)),
    side("expenditure", "支出", (
        rule("amount_yuan", "支出", "=合计"),
        rule("amount_yuan", "支出", "预算数"),
        rule("general_yuan", "一般公共预算", last=True),
        rule("gov_fund_yuan", "政府性基金", last=True),
        rule("state_capital_yuan", "国有资本", last=True),
    )),
)
INCOME_AMOUNTS = (
    rule("total_yuan", "=合计"),
    rule("fiscal_yuan", "财政拨款", last=True),
    rule("operating_yuan", "经营收入", last=True),
    rule("business_yuan", "事业收入", last=True),
    rule("other_yuan", "其他收入", last=True),
)
ADMIN_OPERATING = (
    ItemColumn("admin_operating", "机关运行经费", (rule("admin_operating", "机关运行经费"),)),
)


def _admin_operating(table, unit, file):  # type: ignore[no-untyped-def]
    parsed = items("admin_operating", ADMIN_OPERATING, {"amount_yuan": ()})(table, unit, file)
    for found in parsed:
        for record in found.records:
            record["dept_econ_code"] = None
            record["dept_econ_name"] = record.pop("item")
            record.pop("item_key", None)
            record.pop("level", None)
    return parsed


READERS = {
    "summary": two_sided("summary", SUMMARY_SIDES, TOTALS),
    "fiscal_summary": two_sided("fiscal_summary", FISCAL_SIDES, TOTALS),
    "income_by_function": function_table(
        "income_by_function", INCOME_AMOUNTS,
        ("total_yuan", "fiscal_yuan", "business_yuan", "operating_yuan", "other_yuan"),
    ),
    "expenditure_by_function": function_table("expenditure_by_function"),
    "general_budget": function_table("general_budget"),
    "gov_fund": function_table("gov_fund"),
    "state_capital": function_table("state_capital"),
    "general_budget_basic": econ_table("general_budget_basic"),
    "three_public": several(items("three_public", THREE_PUBLIC_ITEMS), _admin_operating),
}


def recognise(lines: Sequence[str]) -> int:
    """Shanghai's words: 财务收支预算总表, 编制部门/编制单位 lines, 功能分类预算表 titles."""
    return (
        3 * count(lines, r"财务收支预算总表")
        + count(lines, r"^编制(?:部门|单位)[：:]")
        + count(lines, r"支出功能分类预算表")
        + 2 * count(lines, r"经费和机关运行经费预算表")
    )


FAMILY = Family(
    name="shanghai",
    label=LAYOUT_LABELS["shanghai"],
    kind="预算",
    titles=TITLES,
    expected=EXPECTED,
    readers=READERS,
    recognise=recognise,
)

__all__ = ["FAMILY", "TOTAL_BASIC_PROJECT"]
