"""Jiangsu provincial 部门预算: twelve tables in 万元, the narrative (情况说明) after them.

The 2017–18 form prints the titles bare (or ``一、…``); the 2019 form marks them ``公开01表``
and names the classification (``财政拨款支出预算表（功能科目）``). Both print 三公 with 会议费
and 培训费, a 机关运行经费 table and a 政府采购 table. Tables are described in
``docs/layouts.md``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...core.labels import LAYOUT_LABELS
from .base import Family, count, title

TITLES = (
    title("three_public", "三公"),
    title("admin_operating", "机关运行经费"),
    title("procurement", "政府采购"),
    title("fiscal_summary", "财政拨款收支预算总表"),
    title("fiscal_basic", "财政拨款基本支出预算表"),
    title("fiscal_expenditure", "财政拨款支出预算表"),
    title("gov_fund", "政府性基金"),
    title("general_budget_basic", "一般公共预算基本支出预算表"),
    title("general_budget", "一般公共预算支出预算表"),
    title("summary", "收支预算总表"),
    title("income", "收入预算总表"),
    title("expenditure_by_use", "支出预算总表"),
)

EXPECTED = (
    "summary", "income", "expenditure_by_use", "fiscal_summary", "fiscal_expenditure", "fiscal_basic",
    "general_budget", "general_budget_basic", "three_public", "gov_fund", "admin_operating", "procurement",
)


def recognise(lines: Sequence[str]) -> int:
    """Jiangsu's words: 收支预算总表, 单位预留机动经费, 三公 with 会议费/培训费."""
    return (
        2 * count(lines, r"收支预算总表")
        + 2 * count(lines, r"单位预留机动经费")
        + 2 * count(lines, r"会议费、?培训费支出预算表")
        + count(lines, r"^公开\s*\d{1,2}\s*表")
    )


def variant(lines: Sequence[str]) -> tuple[str, tuple[str, ...]]:
    """The 2019 form (公开NN表 marks, or titles naming (功能科目)/(经济科目)), else 2017–18."""
    form_2019 = count(lines, r"^公开\s*\d{1,2}\s*表") >= 3 or count(lines, r"[（(](?:功能|经济)科目[)）]") >= 2
    return ("jiangsu-2019" if form_2019 else "jiangsu-2018"), EXPECTED


FAMILY = Family(
    name="jiangsu",
    label=LAYOUT_LABELS["jiangsu"],
    kind="预算",
    titles=TITLES,
    expected=EXPECTED,
    readers={},
    recognise=recognise,
    variant=variant,
)
