"""The Ministry of Finance 9-table 部门决算 (final accounts), in 万元.

收入支出决算总表 … 国有资本经营预算财政拨款收入支出决算表: actual (决算数) figures, with
opening and closing balances (年初/年末结转和结余) and, for 三公, budget and actual side by
side. Every table's info says ``extra["basis"] == "actual"``. Tables are described in
``docs/layouts.md``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from ...core.labels import LAYOUT_LABELS
from ...core.model import Place
from ...core.money import format_yuan_display, money_in_yuan
from ..grids.cells import DamagedAmount, amount_in_yuan
from ..grids.coded import CodedSpec, read_coded, subtotal_gaps
from ..grids.columns import ColumnRule, match_columns, rule
from ..grids.table import BodyRow, GridTable, compact, side_by_side_halves
from ..tables.codes import leaf_flags
from ..tables.parsed import ParsedTable
from .base import Family, TableReader, count, title
from .readers import (
    ECON_CODE,
    FUNCTION_CODE,
    THREE_PUBLIC_ITEMS,
    TOTAL_BASIC_PROJECT,
    items,
    side,
    two_sided,
)

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

#: Totals of the two 总表: 本年…合计 is the year's, 总计 (after the balances) the grand total.
TOTALS = {
    "本年收入合计": "current_total", "本年支出合计": "current_total",
    "总计": "grand_total", "收入总计": "grand_total", "支出总计": "grand_total",
}

SUMMARY_SIDES = (
    side("income", "收入", (rule("amount_yuan", "收入", "决算数"), rule("amount_yuan", "收入", "=金额"))),
    side("expenditure", "支出", (rule("amount_yuan", "支出", "决算数"), rule("amount_yuan", "支出", "=合计"),
                                 rule("amount_yuan", "支出", "=金额"))),
)
FISCAL_SIDES = (
    side("income", "收入", (rule("amount_yuan", "收入", "决算数"), rule("amount_yuan", "收入", "=金额"))),
    side("expenditure", "支出", (
        rule("amount_yuan", "支出", "=合计"),
        rule("amount_yuan", "支出", "=小计"),
        rule("general_yuan", "支出", "一般公共预算"),
        rule("gov_fund_yuan", "支出", "政府性基金"),
        rule("state_capital_yuan", "支出", "国有资本"),
    )),
)
INCOME_AMOUNTS = (
    rule("total_yuan", "本年收入合计"),
    rule("total_yuan", "=合计"),
    rule("fiscal_yuan", "财政拨款"),
    rule("superior_subsidy_yuan", "上级补助"),
    rule("business_yuan", "事业收入"),
    rule("operating_yuan", "经营收入"),
    rule("affiliated_yuan", "附属单位"),
    rule("other_yuan", "其他收入"),
)
INCOME_FIELDS = ("total_yuan", "fiscal_yuan", "superior_subsidy_yuan", "business_yuan", "operating_yuan",
                 "affiliated_yuan", "other_yuan")
EXPENDITURE_AMOUNTS = (
    rule("total_yuan", "本年支出合计"),
    rule("total_yuan", "=合计"),
    rule("basic_yuan", "基本支出"),
    rule("project_yuan", "项目支出"),
    rule("remit_upper_yuan", "上缴上级"),
    rule("operating_yuan", "经营支出"),
    rule("affiliated_subsidy_yuan", "对附属单位补助"),
)
EXPENDITURE_FIELDS = ("total_yuan", "basic_yuan", "project_yuan", "remit_upper_yuan", "operating_yuan",
                      "affiliated_subsidy_yuan")
#: 年初结转和结余 | 本年收入 | 本年支出 (小计, 基本支出, 项目支出) | 年末结转和结余.
FUND_AMOUNTS = (
    rule("opening_yuan", "年初结转"),
    rule("income_yuan", "本年收入"),
    rule("total_yuan", "本年支出", "=小计"),
    rule("total_yuan", "本年支出", "=合计"),
    rule("basic_yuan", "基本支出"),
    rule("project_yuan", "项目支出"),
    rule("closing_yuan", "年末结转"),
)
FUND_FIELDS = ("opening_yuan", "income_yuan", "total_yuan", "basic_yuan", "project_yuan", "closing_yuan")
#: The 基本支出决算表's halves: 经济分类科目编码 (类 款) | 科目名称 | 决算数, twice.
BASIC_COLUMNS: tuple[ColumnRule, ...] = (
    *ECON_CODE,
    rule("total_yuan", "决算数"),
    rule("total_yuan", "=合计"),
    rule("total_yuan", "=金额"),
    rule("personnel_yuan", "人员经费", last=True),
    rule("public_yuan", "公用经费", last=True),
)
#: The row closing each half names what the half is: 人员经费合计 (left), 公用经费合计 (right).
HALF_TOTAL = re.compile(r"^(人员经费|公用经费)(?:合计|小计)?$")
HALF_FIELDS = {"人员经费": "personnel_yuan", "公用经费": "public_yuan"}
#: 三公: each item prints 预算数 and 决算数.
THREE_PUBLIC_VALUES = {"budget_yuan": ("预算数",), "actual_yuan": ("决算数",)}


def _coded(key: str, scheme: str, columns: Sequence[ColumnRule], fields: Sequence[str]) -> TableReader:
    spec = CodedSpec(key, (scheme,), tuple(columns), tuple(fields))

    def read(table: GridTable, unit: str, file: str) -> list[ParsedTable]:
        parsed = read_coded(table, spec, unit, file)
        _report_subtotal_gaps(parsed, scheme, fields, unit)
        return [parsed]

    return read


def _report_subtotal_gaps(parsed: ParsedTable, scheme: str, fields: Sequence[str], unit: str) -> None:
    """Say where a printed 类/款 row and its rows disagree: the document's own figures (a 决算
    rounds each row to 0.01 万元, so a class and its 款 may differ by a unit or two)."""
    step = money_in_yuan(Decimal("0.01"), unit) or Decimal("0.01")
    for gap in subtotal_gaps(parsed, scheme, fields):
        diff = gap["printed"] - gap["parts"]
        units = abs(diff) / step
        parsed.warn(
            f"{gap['code']} {gap['name'] or ''} prints {format_yuan_display(gap['printed'])} 元 in "
            f"{gap['field']}; its {gap['count']} rows below add up to {format_yuan_display(gap['parts'])} 元 "
            f"(difference {format_yuan_display(diff)} 元 = {units.normalize()} unit(s) of the last printed "
            "digit): the document's own figures, read as printed",
            gap["page"], gap["line"], code="subtotal_mismatch",
        )


def _halves_reader(table: GridTable, unit: str, file: str) -> list[ParsedTable]:
    """一般公共预算财政拨款基本支出决算表: two halves side by side, each closed by its own total
    (人员经费合计 | 公用经费合计). Rows of both halves are read; a row's half says whether it is
    人员经费 or 公用经费, as the document prints it."""
    spec = CodedSpec("general_budget_basic", ("dept_econ",), BASIC_COLUMNS,
                     ("total_yuan", "personnel_yuan", "public_yuan"))
    merged = ParsedTable(key="general_budget_basic", records=[])
    halves = side_by_side_halves(table)
    if halves is None:
        amounts = match_columns(table.labels, [rule(f"total_{k}", "决算数") for k in range(len(table.labels))])
        if len(amounts) > 1:
            # Several 决算数 columns that are not repeated groups: reading one would drop the rest.
            merged.warn(f"the table prints {len(amounts)} 决算数 columns that do not repeat one group "
                        f"({' | '.join(table.labels)}); its rows are not read", code="columns_not_matched")
            merged.extra["unread"] = "columns_not_matched"
            return [merged]
        halves = [table]
    for half in halves:
        field, rows = _half_total(half, unit, file, merged)
        if field is None:
            # No closing row names the half: its heading may (人员经费/科目编码 …).
            named = {HALF_FIELDS[w] for w in HALF_FIELDS for label in half.labels if label.startswith(w)}
            field = named.pop() if len(named) == 1 else None
        parsed = read_coded(GridTable(half.labels, rows, half.header), spec, unit, file)
        if field is not None:
            other = next(f for f in HALF_FIELDS.values() if f != field)
            for item in [*parsed.records, *parsed.subtotals]:
                item[field] = item["total_yuan"]
                item[other] = Decimal("0.00")
        merged.records.extend(parsed.records)
        merged.subtotals.extend(parsed.subtotals)
        merged.warnings.extend(parsed.warnings)
        merged.printed_totals.update({f: v for f, v in parsed.printed_totals.items() if f not in merged.printed_totals})
        for k, v in parsed.extra.items():
            merged.extra.setdefault(k, v)
        merged.totals_place = merged.totals_place or parsed.totals_place
    # A class printed in one half with its 款 in the other is still their subtotal.
    flags = leaf_flags([r["dept_econ_code"] for r in merged.records])
    for record, leaf in zip(list(merged.records), flags, strict=True):
        if not leaf:
            merged.records.remove(record)
            merged.subtotals.append({"code": record["dept_econ_code"], "name": record["dept_econ_name"],
                                     **{f: v for f, v in record.items() if f.endswith("_yuan")},
                                     "page": record["page"], "line": record["line"]})
    _report_subtotal_gaps(merged, "dept_econ", ("total_yuan",), unit)
    return [merged]


def _half_total(
    half: GridTable, unit: str, file: str, parsed: ParsedTable
) -> tuple[str | None, list[BodyRow]]:
    """Take a half's closing row (人员经费合计) out of its rows: its amount is a printed total."""
    cols = match_columns(half.labels, BASIC_COLUMNS)
    amount_col = cols.get("total_yuan", [None])[0]
    field = None
    rows = []
    for row in half.rows:
        texts = [compact(c) for k, c in enumerate(row.cells) if k != amount_col and compact(c)]
        found = HALF_TOTAL.match("".join(texts)) if texts else None
        if found is None or amount_col is None:
            rows.append(row)
            continue
        field = HALF_FIELDS[found.group(1)]
        try:
            value = amount_in_yuan(row.cells[amount_col], unit)
        except DamagedAmount:
            parsed.warn(f"damaged amount {row.cells[amount_col]!r} in {found.group(0)}: read as missing",
                        row.page, row.line, code="damaged_amount")
            continue
        parsed.printed_totals[field] = value if value is not None else Decimal("0.00")
        parsed.totals_place = Place(row.page, row.end_line, file)
    return field, rows


def _actual(reader: TableReader) -> TableReader:
    """Every 决算 table prints actual figures (the 三公 table budget beside them)."""

    def read(table: GridTable, unit: str, file: str) -> list[ParsedTable]:
        results = reader(table, unit, file)
        for parsed in results:
            parsed.extra["basis"] = "actual"
        return results

    return read


READERS = {
    "summary": two_sided("summary", SUMMARY_SIDES, TOTALS),
    "fiscal_summary": two_sided("fiscal_summary", FISCAL_SIDES, TOTALS),
    "income_by_function": _coded("income_by_function", "function", FUNCTION_CODE + INCOME_AMOUNTS, INCOME_FIELDS),
    "expenditure_by_function": _coded("expenditure_by_function", "function",
                                      FUNCTION_CODE + EXPENDITURE_AMOUNTS, EXPENDITURE_FIELDS),
    "general_budget": _coded("general_budget", "function", FUNCTION_CODE + TOTAL_BASIC_PROJECT,
                             ("total_yuan", "basic_yuan", "project_yuan")),
    "general_budget_basic": _halves_reader,
    "three_public": items("three_public", THREE_PUBLIC_ITEMS, THREE_PUBLIC_VALUES),
    "gov_fund_final": _coded("gov_fund_final", "function", FUNCTION_CODE + FUND_AMOUNTS, FUND_FIELDS),
    "state_capital_final": _coded("state_capital_final", "function", FUNCTION_CODE + FUND_AMOUNTS, FUND_FIELDS),
}


def recognise(lines: Sequence[str]) -> int:
    """决算 titles (收入支出决算总表 …) and 决算数 columns."""
    return 3 * count(lines, r"决算(?:总)?表$") + count(lines, r"部门决算") + count(lines, r"决算数")


FAMILY = Family(
    name="mof-final",
    label=LAYOUT_LABELS["mof-final"],
    kind="决算",
    titles=TITLES,
    expected=EXPECTED,
    readers={key: _actual(reader) for key, reader in READERS.items()},
    recognise=recognise,
)
