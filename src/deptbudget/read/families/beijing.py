"""Beijing 部门预算: the district 14-table form (表1 … 表14) and the municipal form (预算01表 …
预算13表), in 万元 with up to six decimals.

The text sample of this family is read by the text parsers of :mod:`deptbudget.read.tables`
(empty cells vanish in text, so :mod:`deptbudget.read.infer` settles the columns); a published
PDF is read through its ruled grids with the readers below, which take the columns of both
forms by their header words. Tables are described in ``docs/layouts.md``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ...core.labels import LAYOUT_LABELS
from ...core.model import BEIJING_KEYS, Place
from ..grids.cells import DamagedAmount, amount_in_yuan, cell_amount, code_and_name
from ..grids.coded import CodedSpec
from ..grids.columns import rule
from ..grids.items import ItemColumn
from ..grids.listing import ListingSpec
from ..grids.table import TOTAL_WORDS, BodyRow, GridTable, compact
from ..grids.targets import OverallTargetSpec, ProjectTargetSpec, read_overall_targets, read_project_targets
from ..grids.two_sided import Side
from ..tables.parsed import ParsedTable
from ..tables.three_public import item_key
from .base import Family, TableReader, count, title
from .readers import THREE_PUBLIC_ITEMS, coded, items, listing, two_sided

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

# ------------------------------------------------------------------ two-sided summaries

#: 本年收入合计 is the year's total, 收入总计 the grand total (with 上年结转结余), as the text
#: reader names them; 上年结转结余 and 年终结转结余 stay rows (the audit knows them by wording).
TOTALS = {
    "本年收入合计": "current_total", "本年支出合计": "current_total",
    "收入合计": "current_total", "支出合计": "current_total",
    "收入总计": "grand_total", "支出总计": "grand_total",
}


def _side(name: str, word: str) -> Side:
    """Items headed ``收入/项目`` (municipal) or ``收入项目类别`` (district 财政拨款收支总表);
    amounts ``收入/预算数`` or ``收入预算金额``."""
    return Side(
        name,
        (rule("item", word, "=项目"), rule("item", word, "项目类别"), rule("item", word, "=项目名称")),
        (rule("amount_yuan", word, "预算数"), rule("amount_yuan", word, "金额")),
    )


SIDES = (_side("income", "收入"), _side("expenditure", "支出"))

# ------------------------------------------------------------------ coded tables

#: Code columns: 功能分类 as ``科目编码 | 科目名称`` or a code-name cell ``2010801-行政运行``
#: under ``支出功能分类科目``; 政府/部门支出经济分类 code-name cells.
CODES = (
    rule("function_code", "科目编码", forbidden=("经济",)),
    rule("function_code", "功能", forbidden=("名称",)),
    rule("function_name", "科目名称", forbidden=("经济",)),
    rule("gov_econ_code", "政府", "经济分类"),
    rule("dept_econ_code", "部门", "经济分类"),
)
#: Basic-expenditure tables by econ code alone (``科目编码 | 科目名称`` of 部门经济分类).
ECON_ONLY = (
    rule("gov_econ_code", "政府", "经济分类"),
    rule("dept_econ_code", "部门", "经济分类"),
    rule("dept_econ_code", "科目编码"),
    rule("dept_econ_name", "科目名称"),
)
AMOUNTS = (
    rule("total_yuan", "合计", last=True),
    rule("total_yuan", "总计", last=True),
    rule("basic_yuan", "基本支出", "=小计"),
    rule("basic_yuan", "基本支出", last=True),
    rule("personnel_yuan", "人员经费", last=True),
    rule("public_yuan", "公用经费", last=True),
    rule("project_ex_capital_yuan", "扣除基建", last=True),
    rule("project_yuan", "项目支出", last=True),
    rule("business_yuan", "事业单位经营", last=True),
    rule("remit_upper_yuan", "上缴上级", last=True),
    rule("subsidiary_yuan", "附属单位", last=True),
)
FUNCTION_AMOUNTS = ("total_yuan", "basic_yuan", "project_yuan", "personnel_yuan", "public_yuan",
                    "project_ex_capital_yuan")
SCHEMES = ("function", "gov_econ", "dept_econ")


def function_table(key: str) -> TableReader:
    """一般公共预算 / 政府性基金 / 国有资本经营 tables: rows by 功能分类 (codes may repeat, one
    group per budget unit: rows are never keyed by code), the econ codes where printed."""
    return coded(CodedSpec(key, SCHEMES, CODES + AMOUNTS, FUNCTION_AMOUNTS))


EXPENDITURE = CodedSpec(
    "expenditure", SCHEMES, CODES + AMOUNTS,
    ("total_yuan", "basic_yuan", "project_yuan", "business_yuan", "remit_upper_yuan", "subsidiary_yuan"),
)
BASIC = CodedSpec("general_budget_basic", ("dept_econ", "gov_econ"), ECON_ONLY + AMOUNTS,
                  ("total_yuan", "personnel_yuan", "public_yuan"))

# ------------------------------------------------------------------ 收入总表


def _subtotal_name(label: str) -> str:
    """The printed-total name of a 小计 column by the group it closes: the 财政拨款 group's (or an
    ungrouped one, the district form's) is ``subtotal_yuan`` as the text reader has it; the
    municipal 本年收入 and 上年结转结余 groups close their own."""
    group = label.rsplit("/", 1)[0] if "/" in label else ""
    if not group or "财政拨款" in group:
        return "subtotal_yuan"
    if "结转" in group or "结余" in group:
        return "carryover_subtotal_yuan"
    if "本年" in group:
        return "current_subtotal_yuan"
    return f"{compact(group)}_subtotal_yuan"


def read_income(table: GridTable, unit: str, file: str) -> list[ParsedTable]:
    """收入总表: one row of amounts under a header of sources (two levels in the municipal form:
    ``本年收入/一般公共预算资金`` … ``上年结转结余/单位资金``). Each source column is a record
    (``source`` = its label); 合计 and 小计 columns are printed totals. Further rows, one per
    budget unit where printed, carry ``unit_name``."""
    parsed = ParsedTable(key="income", records=[])
    labels = table.labels
    names = [k for k, label in enumerate(labels) if re.search(r"单位名称|^项目$|名称$", label)]
    rows = [r for r in table.rows if any(_amount_or_none(c) is not None for c in r.cells)]
    if not rows:
        parsed.warn("no row of amounts under the header", code="empty_table")
    for n, row in enumerate(rows):
        name = "".join(compact(row.cells[k]) for k in names)
        unit_name = None if n == 0 or not name or TOTAL_WORDS.match(name) else name
        for k, label in enumerate(labels):
            if k in names:
                continue
            value = cell_amount(row, k, unit, parsed)
            last = label.rsplit("/", 1)[-1]
            if not label:
                if value is not None:
                    parsed.warn(f"an amount under no header: {row.cells[k]}", row.page, row.line,
                                code="unparsed_row")
                continue
            if last in ("合计", "总计") or last == "小计":
                if unit_name is None:
                    total = "total_yuan" if last != "小计" else _subtotal_name(label)
                    parsed.printed_totals[total] = value if value is not None else Decimal("0.00")
                    parsed.totals_place = Place(row.page, row.line, file)
                continue
            parsed.records.append({
                "source": label, "amount_yuan": value if value is not None else Decimal("0.00"),
                "unit_name": unit_name, "file": file, "page": row.page, "line": row.line, "end_line": row.end_line,
            })
    return [parsed]


def _amount_or_none(text: str) -> Decimal | None:
    try:
        return amount_in_yuan(text, "元")
    except DamagedAmount:
        return None


# ------------------------------------------------------------------ 三公


#: The municipal form's items as columns; its total is ``“三公”经费财政拨款预算总额``.
THREE_PUBLIC = (
    ItemColumn("total", "合计", (rule("total", "三公", "总额"), rule("total", "三公", "=合计"),
                                rule("total", "=合计"), rule("total", "=总计"))),
    *THREE_PUBLIC_ITEMS[1:],
)
_YEAR = re.compile(r"(20\d{2})\s*年")
_NUMBERING = re.compile(r"^(?:\d+[.、．]|[（(]\d+[)）]|[一二三四五六七八九十]+、)")
_SUB = re.compile(r"^其中[；;：:，,]?")


def read_three_public(table: GridTable, unit: str, file: str) -> list[ParsedTable]:
    """三公: items as columns with one row of amounts (municipal), or items as rows with a
    column per year's 预算数 (district: ``项目 | 2024年预算数 | 2023年预算数``)."""
    years = {k: int(m.group(1)) for k, label in enumerate(table.labels) if (m := _YEAR.search(label))}
    item_col = next((k for k, label in enumerate(table.labels)
                     if label.rsplit("/", 1)[-1] in ("项目", "科目", "项目名称")), None)
    if item_col is None or not years:
        found = items("three_public", THREE_PUBLIC)(table, unit, file)
        for record in found[0].records:
            record.setdefault("prior_year_yuan", None)  # no prior-year column is printed
        return found
    parsed = ParsedTable(key="three_public", records=[])
    ordered = sorted(years, key=lambda k: -years[k])
    fields = dict(zip(("budget_yuan", "prior_year_yuan"), ordered, strict=False))
    parsed.extra["years"] = [years[k] for k in ordered]
    for row in table.rows:
        text = compact(row.cells[item_col])
        amounts = {f: cell_amount(row, k, unit, parsed) for f, k in fields.items()}
        if TOTAL_WORDS.match(text) or re.match(r"^“?三公”?经费(?:合计|总计)?$", text):
            parsed.printed_totals.update({f: v for f, v in amounts.items() if v is not None})
            parsed.totals_place = Place(row.page, row.line, file)
            continue
        if not text:
            continue
        sub = bool(_SUB.match(text))
        item = _SUB.sub("", _NUMBERING.sub("", text))
        key = item_key(item)
        parsed.records.append({
            "item": item, **{f: v if v is not None else Decimal("0.00") for f, v in amounts.items()},
            "item_key": key, "level": 2 if sub or key in ("vehicle_purchase", "vehicle_running") else 1,
            "file": file, "page": row.page, "line": row.line, "end_line": row.end_line,
        })
    return [parsed]


# ------------------------------------------------------------------ listings

PROCUREMENT = ListingSpec("procurement", (
    rule("category", "采购类别"), rule("category", "类别"), rule("project_name", "项目名称"),
    rule("econ_item", "经济分类"), rule("item", "品目"), rule("method", "组织形式"), rule("method", "方式"),
    rule("amount_yuan", "金额"), rule("amount_yuan", "预算数"),
), required=("amount_yuan",))

SERVICES = ListingSpec("purchased_services", (
    rule("level1", "=一级"), rule("level2", "=二级"), rule("item", "=三级"),
    rule("catalog_code", "编码"), rule("catalog_code", "代码", forbidden=("功能",)),
    rule("item", "目录"), rule("item", "项目名称"),
    rule("function_code", "功能"),
    rule("amount_yuan", "金额"), rule("amount_yuan", "批复数"), rule("amount_yuan", "预算数"),
), required=("amount_yuan",), carry=("level1", "level2"))


def _service(record: dict[str, Any], row: BodyRow, table: ParsedTable) -> dict[str, Any] | None:
    """The 二级 catalogue code (``0201-法律服务`` → ``0201``) where the 指导性目录 is printed in
    levels; a function cell split into code and name."""
    if record.get("catalog_code") is None and record.get("level2"):
        record["catalog_code"] = code_and_name(record["level2"])[0]
    if record.get("function_code"):
        record["function_code"], record["function_name"] = code_and_name(record["function_code"])
    else:
        record.setdefault("function_code", None)
    return record


TRANSFERS = ListingSpec("transfer_payments", (
    rule("unit_code", "单位", "代码"), rule("unit_code", "单位", "编码"), rule("unit_name", "单位", "名称"),
    rule("function_code", "功能"), rule("dept_econ_code", "部门", "经济"), rule("gov_econ_code", "政府", "经济"),
    rule("project_name", "项目"), rule("amount_yuan", "金额"), rule("document_no", "文号"),
), required=("amount_yuan",))

PROJECTS = ListingSpec("projects", (
    rule("project_name", "项目名称"), rule("project_name", "=项目"),
    rule("function_code", "功能"), rule("gov_econ_code", "政府", "经济"), rule("dept_econ_code", "部门", "经济"),
    rule("total_yuan", "=合计"), rule("total_yuan", "=总计"),
), required=("project_name", "total_yuan"), carry=("project_name",))


def _split_codes(record: dict[str, Any], row: BodyRow, table: ParsedTable) -> dict[str, Any] | None:
    """Code-name cells (``2010301-行政运行``) into code and name columns."""
    for scheme in SCHEMES:
        field = f"{scheme}_code"
        if record.get(field):
            record[field], record[f"{scheme}_name"] = code_and_name(record[field])
    return record


# ------------------------------------------------------------------ performance targets

PROJECT_TARGETS = ProjectTargetSpec("project_performance", (
    rule("project", "项目名称"), rule("project_type", "项目类别"), rule("project_type", "项目类型"),
    rule("amount_yuan", "项目总额"), rule("amount_yuan", "项目资金总额"),
    rule("fiscal_yuan", "财政资金", last=True), rule("other_yuan", "其他资金", last=True),
    rule("goal", "绩效目标", forbidden=("指标",)), rule("level1", "一级指标"), rule("level2", "二级指标"),
    rule("indicator", "三级指标"), rule("nature", "性质"), rule("target", "指标值"),
    rule("unit", "度量单位"), rule("unit", "计量单位"), rule("direction", "方向"),
))
OVERALL_TARGETS = OverallTargetSpec(
    "overall_performance",
    (
        rule("total_yuan", "预算支出总额"),
        rule("fiscal_total_yuan", "财政拨款", "=合计"),
        rule("basic_yuan", "财政拨款", "=基本支出"),
        rule("project_yuan", "财政拨款", "=项目支出"),
        rule("other_total_yuan", "其他资金", "=合计"),
        rule("other_basic_yuan", "其他资金", "=基本支出"),
        rule("other_project_yuan", "其他资金", "=项目支出"),
    ),
    {"activity": ("活动", "年度主要任务", "主要任务"), "indicator": ("绩效指标", "指标名称", "三级指标"),
     "nature": ("指标性质", "绩效指标性质"), "target": ("指标值", "绩效指标值", "本年绩效指标值"),
     "unit": ("度量单位", "绩效度量单位", "计量单位")},
)


def _targets(reader: Any, spec: Any) -> TableReader:
    def read(table: GridTable, unit: str, file: str) -> list[ParsedTable]:
        return [reader(table, spec, unit, file)]

    return read


READERS: dict[str, TableReader] = {
    "summary": two_sided("summary", SIDES, TOTALS),
    "income": read_income,
    "expenditure": coded(EXPENDITURE),
    "projects": listing(PROJECTS, _split_codes),
    "fiscal_summary": two_sided("fiscal_summary", SIDES, TOTALS),
    "general_budget": function_table("general_budget"),
    "general_budget_basic": coded(BASIC),
    "gov_fund": function_table("gov_fund"),
    "state_capital": function_table("state_capital"),
    "three_public": read_three_public,
    "procurement": listing(PROCUREMENT),
    "purchased_services": listing(SERVICES, _service),
    "transfer_payments": listing(TRANSFERS, _split_codes),
    "project_performance": _targets(read_project_targets, PROJECT_TARGETS),
    "overall_performance": _targets(read_overall_targets, OVERALL_TARGETS),
}


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
    readers=READERS,
    recognise=recognise,
    variant=variant,
)
