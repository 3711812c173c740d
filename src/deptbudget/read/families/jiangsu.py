"""Jiangsu provincial 部门预算: twelve tables in 万元, the narrative (情况说明) after them.

The 2017–18 form prints the titles bare (or ``一、…``); the 2019 form marks them ``公开01表``
and names the classification (``财政拨款支出预算表（功能科目）``). Both print 三公 with 会议费
and 培训费, a 机关运行经费 table and a 政府采购 table. Tables are described in
``docs/layouts.md``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from ...core.labels import LAYOUT_LABELS
from ...core.model import Place
from ..grids.cells import cell_amount
from ..grids.coded import CodedSpec
from ..grids.columns import match_columns, rule
from ..grids.items import ItemColumn
from ..grids.listing import ListingSpec, read_listing
from ..grids.table import GridTable, compact
from ..grids.two_sided import Side
from ..tables.parsed import ParsedTable
from .base import Family, TableReader, count, title
from .readers import ECON_CODE, THREE_PUBLIC_ITEMS, coded, econ_table, function_table, items, several, two_sided

TITLES = (
    title("three_public", "三公"),
    title("admin_operating", "机关运行经费"),
    title("procurement", "政府采购"),
    # Before the 财政拨款 rules: its title is 政府性基金预算财政拨款支出预算表.
    title("gov_fund", "政府性基金"),
    title("fiscal_summary", "财政拨款收支预算总表"),
    title("fiscal_basic", "财政拨款基本支出预算表"),
    title("fiscal_expenditure", "财政拨款支出预算表"),
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


# ------------------------------------------------------------------ two-sided summaries

#: 当年收入小计 is the year's total; 收入合计 the whole (with 上年结转资金). 2017–18 and 2019 alike.
TOTALS = {
    "当年收入小计": "current_total", "当年支出小计": "current_total",
    "收入合计": "grand_total", "支出合计": "grand_total",
    "收入总计": "grand_total", "支出总计": "grand_total",
}
_AMOUNT = (rule("amount_yuan", "=金额"), rule("amount_yuan", "预算数"))
INCOME = Side("income", (rule("item", "收入", "项目"),), tuple(rule(r.field, "收入", *r.needles) for r in _AMOUNT))
#: The expenditure side by 功能分类 (类 names), and the side by use (基本支出, 项目支出 …).
BY_FUNCTION = Side("expenditure", (rule("item", "功能分类", "名称"), rule("item", "功能科目名称")),
                   tuple(rule(r.field, "功能分类", *r.needles) for r in _AMOUNT))
BY_USE = Side("expenditure_use", (rule("item", "支出用途", "项目"),),
              tuple(rule(r.field, "支出用途", *r.needles) for r in _AMOUNT))

# ------------------------------------------------------------------ coded tables

_TOTAL = (rule("total_yuan", "=金额"), rule("total_yuan", "合计", last=True), rule("total_yuan", "预算数", last=True))


def _names_beside_codes(table: GridTable) -> GridTable:
    """Undo a header cut differently from its body: ``功能科目代码`` spanning two columns, the
    names printed in the second, and the column headed ``功能科目名称`` empty throughout."""
    labels = table.labels
    for k in range(len(labels) - 2):
        name = next((j for j in range(k + 2, len(labels)) if "名称" in labels[j]), None)
        if labels[k] != labels[k + 1] or name is None:
            continue
        if any(row.cells[name].strip() for row in table.rows):
            continue
        keep = [j for j in range(len(labels)) if j != name]
        relabelled = [labels[name] if j == k + 1 else labels[j] for j in keep]
        rows = [replace(row, cells=tuple(row.cells[j] for j in keep)) for row in table.rows]
        return GridTable(relabelled, rows, table.header)
    return table


def _realigned(reader: TableReader) -> TableReader:
    def read(table: GridTable, unit: str, file: str) -> list[ParsedTable]:
        return reader(_names_beside_codes(table), unit, file)

    return read


def _by_function(key: str) -> TableReader:
    return _realigned(function_table(key, _TOTAL, ("total_yuan",)))


def _by_econ(key: str) -> TableReader:
    return _realigned(econ_table(key, _TOTAL, ("total_yuan",)))


# ------------------------------------------------------------------ 收入预算总表

#: A source's group row (``一般公共预算资金 | 小计``) and a part of the row above (``其中：…``).
_SUBTOTAL = re.compile(r"^小计$")
_PART_OF = re.compile(r"^其中[:：]")


def read_income(table: GridTable, unit: str, file: str) -> list[ParsedTable]:
    """收入预算总表: sources in rows under their groups (``一般公共预算资金 / 公共财政拨款（补助）资金``).

    Each source is a record (``source`` = group/item); 收入总计 is the printed total; a group's
    小计 row and ``其中：`` rows (parts of the row above, not added) are kept as subtotals.
    """
    parsed = ParsedTable(key="income", records=[])
    amount = next((k for k, label in enumerate(table.labels) if "金额" in label or "预算数" in label), None)
    if amount is None:
        parsed.warn(f"no amount column in the header ({' | '.join(table.labels)}); the rows are not read",
                    code="columns_not_matched")
        parsed.extra["unread"] = "columns_not_matched"
        return [parsed]
    names = [k for k in range(len(table.labels)) if k != amount]
    group = ""
    for row in table.rows:
        texts = [compact(row.cells[k]) for k in names]
        value = cell_amount(row, amount, unit, parsed)
        if not any(texts):
            if value is not None:
                parsed.warn(f"an amount without an item: {row.cells[amount]}", row.page, row.line,
                            code="unparsed_row")
            continue
        place = {"file": file, "page": row.page, "line": row.line, "end_line": row.end_line}
        head, item = texts[0], "".join(texts[1:])
        if head and re.match(r"^收入(?:总计|合计)$", head):
            parsed.printed_totals["total_yuan"] = value if value is not None else Decimal("0.00")
            parsed.totals_place = Place(row.page, row.end_line, file)
            continue
        if head:
            group = head
        if not item or _SUBTOTAL.match(item) or _PART_OF.match(item):
            parsed.subtotals.append({"source": "/".join(t for t in (group, item) if t), "amount_yuan": value,
                                     **place})
            continue
        parsed.records.append({"source": f"{group}/{item}" if group else item,
                               "amount_yuan": value if value is not None else Decimal("0.00"),
                               "unit_name": None, **place})
    return [parsed]


# ------------------------------------------------------------------ items as columns

BY_USE_ITEMS = (
    ItemColumn("total", "合计", (rule("total", "=合计"),)),
    ItemColumn("basic", "基本支出", (rule("basic", "基本支出", last=True),)),
    ItemColumn("project", "项目支出", (rule("project", "项目支出", last=True),)),
    ItemColumn("reserve", "单位预留机动经费", (rule("reserve", "预留机动", last=True),)),
    ItemColumn("carried_over", "结转下年资金", (rule("carried_over", "结转下年", last=True),)),
)
#: The 三公 part of the table: its 合计 column is 三公 + 会议费 + 培训费, the 三公 total is 小计.
THREE_PUBLIC = (
    ItemColumn("total", "合计", (rule("total", "三公", "=小计"),)),
    *(column for column in THREE_PUBLIC_ITEMS if column.item_key != "total"),
)
MEETING_TRAINING = (
    ItemColumn("meeting", "会议费", (rule("meeting", "会议费", last=True),)),
    ItemColumn("training", "培训费", (rule("training", "培训费", last=True),)),
)


def _as_item_rows(key: str, field: str, columns: Sequence[ItemColumn]) -> TableReader:
    """Items-as-columns whose records keep ``item`` and ``field`` only (``amount_yuan``)."""
    base = items(key, columns, {field: ()})

    def read(table: GridTable, unit: str, file: str) -> list[ParsedTable]:
        parsed = base(table, unit, file)
        for found in parsed:
            for record in found.records:
                record.pop("item_key", None)
                record.pop("level", None)
        return parsed

    return read


# ------------------------------------------------------------------ 政府采购

PROCUREMENT = ListingSpec("procurement", (
    rule("category", "品目大类"), rule("category", "类别"), rule("project_name", "专项名称"),
    rule("project_name", "项目名称"), rule("econ_item", "经济科目"), rule("item", "采购物品"),
    rule("item", "品目", forbidden=("大类",)), rule("method", "组织形式"), rule("method", "方式"),
    rule("amount_yuan", "总计"), rule("amount_yuan", "合计"), rule("amount_yuan", "金额"),
), required=("amount_yuan",), carry=("category", "project_name", "econ_item"))


def read_procurement(table: GridTable, unit: str, file: str) -> list[ParsedTable]:
    """政府采购预算表: a category row (``一、货物A``), a project row and an 经济科目 row each
    subtotal the rows under them, down to the item rows (采购物品名称, 组织形式); a group row
    with no deeper row under it stands for itself."""
    parsed = read_listing(table, PROCUREMENT, unit, file)
    cols = match_columns(table.labels, PROCUREMENT.columns)
    order = [cols[f][0] for f in ("category", "project_name", "econ_item", "item") if f in cols]
    depth_at = {}
    for row in table.rows:
        filled = [n for n, k in enumerate(order) if row.cells[k].strip()]
        depth_at[(row.page, row.line)] = filled[0] if filled else len(order)
    depths = [depth_at.get((r["page"], r["line"]), len(order)) for r in parsed.records]
    leaves: list[dict[str, Any]] = []
    for k, record in enumerate(parsed.records):
        deeper_follows = k + 1 < len(depths) and depths[k + 1] > depths[k]
        if not record.get("item") and not record.get("method") and deeper_follows:
            parsed.subtotals.append(record)
        else:
            leaves.append(record)
    parsed.records = leaves
    return [parsed]


ADMIN_OPERATING = (*ECON_CODE, rule("amount_yuan", "机关运行经费"), rule("amount_yuan", "=金额"))

READERS: dict[str, TableReader] = {
    "summary": two_sided("summary", (INCOME, BY_FUNCTION, BY_USE), TOTALS),
    "income": read_income,
    "expenditure_by_use": _as_item_rows("expenditure_by_use", "amount_yuan", BY_USE_ITEMS),
    "fiscal_summary": two_sided("fiscal_summary", (INCOME, BY_FUNCTION, BY_USE), TOTALS),
    "fiscal_expenditure": _by_function("fiscal_expenditure"),
    "fiscal_basic": _by_econ("fiscal_basic"),
    "general_budget": _by_function("general_budget"),
    "general_budget_basic": _by_econ("general_budget_basic"),
    "three_public": several(items("three_public", THREE_PUBLIC),
                            _as_item_rows("meeting_training", "budget_yuan", MEETING_TRAINING)),
    "gov_fund": _by_function("gov_fund"),
    "admin_operating": _realigned(coded(CodedSpec(
        "admin_operating", ("dept_econ",), ADMIN_OPERATING, ("amount_yuan",), required=("amount_yuan",)))),
    "procurement": read_procurement,
}


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
    readers=READERS,
    recognise=recognise,
    variant=variant,
)
