"""Checks between tables: the same money must be the same in every table that shows it."""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

import pandas as pd

from ..core.classification import function_name
from ..core.labels import TABLE_LABELS
from ..core.model import Disclosure
from .explain import explain_difference
from .findings import Finding, compare, place, skipped, yuan
from .readable import applicable, has_values

ZERO = Decimal(0)
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.、])")
_FUND_WORDS = {"general": "一般公共预算", "fund": "政府性基金", "capital": "国有资本"}


def _sum(values) -> Decimal:
    return sum((v for v in values if isinstance(v, Decimal)), ZERO)


def _has(d: Disclosure, *keys: str) -> bool:
    return all(k in d.tables for k in keys)


def _span(label: str, frame: pd.DataFrame) -> str:
    if frame.empty:
        return f"{label} 无对应行"
    return place(label, int(frame["page"].min()), int(frame["line"].min()), int(frame["end_line"].max()))


def _plain(item: str) -> str:
    return _ORDINAL.sub("", item).strip()


def _lei_of_item(item: str, year: int | None) -> str | None:
    """The 类 code a summary item names (一、一般公共服务支出 → 201), from the reference."""
    name = _plain(item)
    for code in range(201, 240):
        ref = function_name(str(code), year)
        if ref and (ref == name or ref.rstrip("支出") == name.rstrip("支出")):
            return str(code)
    return None


def _non_fiscal_income(d: Disclosure) -> Decimal:
    """Income other than 财政拨款 (事业收入, 其他收入, money carried over …), from whichever
    table shows income by source: 收入总表, a 收入表 by function with a 财政拨款 column, or
    the 收支总表's income items."""
    income = d.tables.get("income")
    if income is not None:
        fiscal = income.source.str.contains("一般公共预算|政府性基金|国有资本|财政拨款")
        return _sum(income[~fiscal].amount_yuan)
    by_function = d.tables.get("income_by_function")
    if has_values(by_function, "total_yuan") and has_values(by_function, "fiscal_yuan"):
        return _sum(by_function.total_yuan) - _sum(by_function.fiscal_yuan)
    summary = d.tables.get("summary")
    if summary is not None:
        items = summary[(summary.side == "income") & (summary.level == 1)]
        fiscal = items.item.str.contains("一般公共预算|政府性基金|国有资本|财政拨款")
        return _sum(items[~fiscal].amount_yuan)
    return ZERO


def _all_funds_by_function(d: Disclosure) -> str | None:
    """The table of all spending by function code: 支出总表, or a 支出表 by function."""
    for key in ("expenditure", "expenditure_by_function"):
        if key in d.tables:
            return key
    return None


def summary_vs_fiscal(d: Disclosure) -> list[Finding]:
    """收支总表 income by fund ↔ 财政拨款收支总表 income by fund."""
    if not applicable(d, "summary", "fiscal_summary"):
        return []
    if not _has(d, "summary", "fiscal_summary"):
        return [skipped("across.summary_fiscal", ["summary", "fiscal_summary"], "缺少收支总表或财政拨款收支总表")]
    summary, fiscal = d.tables["summary"], d.tables["fiscal_summary"]
    findings = []
    for fund, word in _FUND_WORDS.items():
        left = summary[(summary.side == "income") & summary.item.str.contains(word)]
        right = fiscal[(fiscal.side == "income") & fiscal.item.str.contains(word)]
        # In 财政拨款收支总表 the same fund appears under 本年收入 and under 上年结转; the
        # budget-year one is the first.
        right = right.head(1)
        if left.empty or right.empty:
            continue
        findings.append(compare(
            f"across.summary_fiscal.income.{fund}", ["summary", "fiscal_summary"],
            left.iloc[0].amount_yuan, right.iloc[0].amount_yuan,
            subject=f"{word}拨款收入",
            expected_label="收支总表", actual_label="财政拨款收支总表",
            evidence=[_span("收支总表", left.head(1)), _span("财政拨款收支总表", right)],
        ))
    return findings


def _by_lei(frame: pd.DataFrame, column: str = "total_yuan") -> dict[str, Decimal]:
    sums: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for code, value in zip(frame.function_code, frame[column], strict=True):
        if isinstance(code, str) and isinstance(value, Decimal):
            sums[code[:3]] += value
    return dict(sums)


def _fund_table(parent: str | None) -> str:
    """The fiscal table that details a 财政拨款收支总表 expenditure group."""
    parent = parent or ""
    if "政府性基金" in parent:
        return "gov_fund"
    if "国有资本" in parent:
        return "state_capital"
    return "general_budget"


def summary_vs_function_tables(d: Disclosure) -> list[Finding]:
    """收支总表 expenditure by 类 ↔ the table of all spending by function; 财政拨款收支总表 by
    fund and 类 ↔ that fund's table (by its fund columns, or its fund groups of items)."""
    groups: list[tuple[str, str, pd.DataFrame, str]] = []
    all_funds = _all_funds_by_function(d)
    if "summary" in d.tables and applicable(d, "summary"):
        summary = d.tables["summary"]
        items = summary[(summary.side == "expenditure") & (summary.level == 1)]
        if all_funds is None:
            if any(k in d.expected_tables for k in ("expenditure", "expenditure_by_function")):
                groups.append(("summary", "expenditure", items, "amount_yuan"))
        else:
            groups.append(("summary", all_funds, items, "amount_yuan"))
    if "fiscal_summary" in d.tables:
        fiscal = d.tables["fiscal_summary"]
        spend = fiscal[fiscal.side == "expenditure"]
        fund_columns = {"general_budget": "general_yuan", "gov_fund": "gov_fund_yuan",
                        "state_capital": "state_capital_yuan"}
        if has_values(spend, "general_yuan"):
            # Classes in rows, funds in columns (Shanghai, 决算).
            for right_key, column in fund_columns.items():
                if right_key == "general_budget" or (has_values(spend, column) and _sum(spend[column])):
                    groups.append(("fiscal_summary", right_key, spend[spend.level == 1], column))
        else:
            items = spend[spend.level == 2]
            for right_key in ("general_budget", "gov_fund", "state_capital"):
                mine = items[items.parent.map(_fund_table) == right_key]
                if (right_key == "general_budget" and not items.empty) or not mine.empty:
                    groups.append(("fiscal_summary", right_key, mine, "amount_yuan"))
    findings: list[Finding] = []
    for left_key, right_key, items, column in groups:
        if not _has(d, left_key, right_key):
            findings.append(skipped(f"across.{left_key}_{right_key}", [left_key, right_key],
                                    f"缺少{TABLE_LABELS[left_key]}或{TABLE_LABELS[right_key]}"))
            continue
        findings += _items_by_lei(d, left_key, right_key, items, column)
    return findings


def _items_by_lei(
    d: Disclosure, left_key: str, right_key: str, items: pd.DataFrame, column: str = "amount_yuan"
) -> list[Finding]:
    right = d.tables[right_key]
    sums = _by_lei(right)
    seen = set()
    findings = []
    for _, item in items.iterrows():
        lei = _lei_of_item(item["item"], d.year)
        if lei is None:
            continue
        seen.add(lei)
        rows = right[right.function_code.str.startswith(lei, na=False)]
        value = item[column] if isinstance(item[column], Decimal) else ZERO
        findings.append(compare(
            f"across.{left_key}_{right_key}.{lei}", [left_key, right_key],
            value, sums.get(lei, ZERO),
            subject=f"{_plain(item['item'])}（{lei}类）",
            expected_label=TABLE_LABELS[left_key], actual_label=f"{TABLE_LABELS[right_key]}各行之和",
            evidence=[place(TABLE_LABELS[left_key], int(item.page), int(item.line)),
                      _span(TABLE_LABELS[right_key], rows)],
        ))
    for lei in sorted(set(sums) - seen):
        findings.append(Finding(
            f"across.{left_key}_{right_key}.{lei}", "fail", [left_key, right_key],
            f"{TABLE_LABELS[right_key]}有{lei}类支出{yuan(sums[lei])}，"
            f"{TABLE_LABELS[left_key]}没有列出该类。",
            ZERO, sums[lei],
            [_span(TABLE_LABELS[right_key], right[right.function_code.str.startswith(lei, na=False)])],
        ))
    return findings


def expenditure_vs_budget_tables(d: Disclosure) -> list[Finding]:
    """支出总表 by function 项 ↔ 一般公共预算 + 政府性基金 + 国有资本经营 tables."""
    keys = [k for k in ("general_budget", "gov_fund", "state_capital") if k in d.tables]
    all_funds = _all_funds_by_function(d)
    if not applicable(d, "general_budget") or not any(
        k in d.expected_tables for k in ("expenditure", "expenditure_by_function")
    ):
        return []
    if all_funds is None or "general_budget" not in keys:
        return [skipped("across.expenditure_budget", ["expenditure", "general_budget"],
                        "缺少支出总表或一般公共预算支出表")]
    other = _non_fiscal_income(d)
    if other:
        return [skipped("across.expenditure_budget", [all_funds, *keys],
                        f"部门有非财政拨款收入{yuan(other)}，支出总表不必等于财政拨款各表之和")]
    exp = d.tables[all_funds]
    budget = pd.concat([d.tables[k] for k in keys], ignore_index=True)
    findings = []
    for column, label in (("total_yuan", "合计"), ("basic_yuan", "基本支出"), ("project_yuan", "项目支出")):
        if not (has_values(exp, column) and has_values(budget, column)):
            continue
        findings.append(compare(
            f"across.expenditure_budget.{column}", [all_funds, *keys],
            _sum(exp[column]), _sum(budget[column]),
            subject=f"{label}总额", expected_label="支出总表",
            actual_label="一般公共预算、政府性基金、国有资本经营预算支出表之和",
            evidence=[_span("支出总表", exp), _span("一般公共预算支出表", d.tables["general_budget"])],
        ))
    left = exp.groupby("function_code", sort=False)["total_yuan"].agg(_sum)
    right = budget.groupby("function_code", sort=False)["total_yuan"].agg(_sum)
    for code in list(dict.fromkeys([*left.index, *right.index])):
        name = next(
            (n for n in [*exp[exp.function_code == code].function_name,
                         *budget[budget.function_code == code].function_name] if isinstance(n, str)),
            "",
        )
        findings.append(compare(
            f"across.expenditure_budget.{code}", [all_funds, *keys],
            left.get(code, ZERO), right.get(code, ZERO),
            subject=f"{code} {name}",
            expected_label="支出总表", actual_label="财政拨款支出表",
            evidence=[_span("支出总表", exp[exp.function_code == code]),
                      _span("一般公共预算支出表", budget[budget.function_code == code])],
        ))
    return findings


def basic_vs_basic_table(d: Disclosure) -> list[Finding]:
    """Basic rows of 支出总表 by 部门经济分类 款 ↔ 一般公共预算基本支出表."""
    if not applicable(d, "expenditure", "general_budget_basic"):
        return []
    if not _has(d, "expenditure", "general_budget_basic"):
        return [skipped("across.basic_econ", ["expenditure", "general_budget_basic"],
                        "缺少支出总表或一般公共预算基本支出表")]
    other = _non_fiscal_income(d)
    if other:
        return [skipped("across.basic_econ", ["expenditure", "general_budget_basic"],
                        f"部门有非财政拨款收入{yuan(other)}，支出总表的基本支出含其他资金，"
                        "而一般公共预算基本支出表只列财政拨款")]
    exp = d.tables["expenditure"]
    basic_rows = exp[exp.basic_yuan.map(lambda v: isinstance(v, Decimal) and v != 0)]
    table = d.tables["general_budget_basic"]
    left = basic_rows.groupby("dept_econ_code", sort=False)["basic_yuan"].agg(_sum)
    right = table.groupby("dept_econ_code", sort=False)["total_yuan"].agg(_sum)
    findings = []
    for code in list(dict.fromkeys([*left.index, *right.index])):
        expected, actual = left.get(code, ZERO), right.get(code, ZERO)
        lrows = basic_rows[basic_rows.dept_econ_code == code]
        rrows = table[table.dept_econ_code == code]
        name = next((n for n in [*lrows.dept_econ_name, *rrows.dept_econ_name] if isinstance(n, str)), "")
        explanation = None
        if expected != actual:
            explanation = _missing_rows(lrows, rrows, expected - actual)
        findings.append(compare(
            f"across.basic_econ.{code}", ["expenditure", "general_budget_basic"], expected, actual,
            subject=f"基本支出 {code} {name}", expected_label="支出总表基本支出",
            actual_label="一般公共预算基本支出表",
            evidence=[_span("支出总表", lrows), _span("一般公共预算基本支出表", rrows)],
            explanation=explanation,
        ))
    return findings


def _missing_rows(lrows: pd.DataFrame, rrows: pd.DataFrame, gap: Decimal) -> str | None:
    """Name the 支出总表 rows whose amounts the basic table lacks, if they make up ``gap``."""
    available = list(rrows.total_yuan)
    unmatched = []
    for _, row in lrows.iterrows():
        if row.basic_yuan in available:
            available.remove(row.basic_yuan)
        else:
            unmatched.append(row)
    if unmatched and _sum(r.basic_yuan for r in unmatched) == gap:
        return "、".join(
            f"支出总表第{r.line}行（{r.function_code} {r.function_name or ''}，{yuan(r.basic_yuan)}）"
            for r in unmatched
        ) + "在一般公共预算基本支出表中没有对应行。"
    return None


def projects_vs_expenditure(d: Disclosure) -> list[Finding]:
    """项目支出表 ↔ the project column of 支出总表, in total and by codes."""
    if not applicable(d, "projects", "expenditure"):
        return []
    if not _has(d, "projects", "expenditure"):
        return [skipped("across.projects_expenditure", ["projects", "expenditure"], "缺少项目支出表或支出总表")]
    projects, exp = d.tables["projects"], d.tables["expenditure"]
    findings = [compare(
        "across.projects_expenditure.total", ["projects", "expenditure"],
        _sum(exp.project_yuan), _sum(projects.total_yuan),
        subject="项目支出总额", expected_label="支出总表项目支出列", actual_label="项目支出表各项目之和",
        evidence=[_span("支出总表", exp), _span("项目支出表", projects)],
        explanation=explain_difference(d, "projects", "total_yuan", _sum(exp.project_yuan) - _sum(projects.total_yuan)),
    )]
    left = exp.groupby(["function_code", "dept_econ_code"], sort=False)["project_yuan"].agg(_sum)
    right = projects.groupby(["function_code", "dept_econ_code"], sort=False)["total_yuan"].agg(_sum)
    for key in list(dict.fromkeys([*left.index, *right.index])):
        expected, actual = left.get(key, ZERO), right.get(key, ZERO)
        if expected == 0 and actual == 0:
            continue
        findings.append(compare(
            f"across.projects_expenditure.{key[0]}.{key[1]}", ["projects", "expenditure"],
            expected, actual, subject=f"功能科目{key[0]}、经济科目{key[1]}的项目支出",
            expected_label="支出总表", actual_label="项目支出表",
            evidence=[
                _span("支出总表", exp[(exp.function_code == key[0]) & (exp.dept_econ_code == key[1])]),
                _span("项目支出表", projects[(projects.function_code == key[0]) & (projects.dept_econ_code == key[1])]),
            ],
        ))
    return findings


def projects_vs_performance(d: Disclosure) -> list[Finding]:
    """Every project of 项目支出表 has targets in 项目支出绩效目标表, by name and amount."""
    if not applicable(d, "projects", "project_performance"):
        return []
    if not _has(d, "projects", "project_performance"):
        return [skipped("across.projects_performance", ["projects", "project_performance"],
                        "缺少项目支出表或项目支出绩效目标表")]
    perf = d.tables["project_performance"]
    amounts = perf.drop_duplicates("project_name").set_index("project_name")
    findings = []
    for _, project in d.tables["projects"].iterrows():
        name = project.project_name
        check = f"across.projects_performance.{name}"
        if name not in amounts.index:
            findings.append(Finding(
                check, "fail", ["projects", "project_performance"],
                f"项目“{name}”在项目支出表中有{yuan(project.total_yuan)}，项目支出绩效目标表中没有该项目。",
                project.total_yuan, None,
                [place("项目支出表", int(project.page), int(project.line))],
            ))
            continue
        target = amounts.loc[name]
        findings.append(compare(
            check, ["projects", "project_performance"], project.total_yuan, target.amount_yuan,
            subject=f"项目“{name}”", expected_label="项目支出表", actual_label="绩效目标表项目总额",
            evidence=[place("项目支出表", int(project.page), int(project.line)),
                      place("项目支出绩效目标表", int(target.page), int(target.line))],
        ))
    for name in sorted(set(amounts.index) - set(d.tables["projects"].project_name)):
        row = amounts.loc[name]
        findings.append(Finding(
            f"across.projects_performance.{name}", "fail", ["projects", "project_performance"],
            f"绩效目标表列有项目“{name}”（{yuan(row.amount_yuan)}），项目支出表中没有该项目。",
            None, row.amount_yuan, [place("项目支出绩效目标表", int(row.page), int(row.line))],
        ))
    return findings


def three_public_vs_expenditure(d: Disclosure) -> list[Finding]:
    """三公 公务接待费 ↔ the 公务接待费 rows (30217 / 50206) of the expenditure tables."""
    if not applicable(d, "three_public", "expenditure"):
        # 三公 money is spent in projects too: only a table of all spending (basic and
        # project) by economic code shows all of it; a basic-only table shows part.
        return []
    if not _has(d, "three_public", "expenditure"):
        return [skipped("across.three_public_reception", ["three_public"], "缺少“三公”经费表或支出总表")]
    tp = d.tables["three_public"]
    reception = tp[tp.item_key == "reception"]
    if reception.empty:
        return [skipped("across.three_public_reception", ["three_public"], "“三公”经费表没有公务接待费")]
    source_key = "expenditure"
    exp = d.tables["expenditure"]
    rows = exp[(exp.dept_econ_code == "30217") | (exp.gov_econ_code == "50206")]
    return [compare(
        "across.three_public_reception", ["three_public", source_key],
        _sum(rows.total_yuan), reception.iloc[0].budget_yuan,
        subject="公务接待费", expected_label=f"{TABLE_LABELS[source_key]}公务接待费（30217）行",
        actual_label="“三公”经费表",
        evidence=[place("“三公”经费表", int(reception.iloc[0].page), int(reception.iloc[0].line)),
                  _span(TABLE_LABELS[source_key], rows)],
    )]


def overall_performance_funding(d: Disclosure) -> list[Finding]:
    """部门整体绩效目标表's funding ↔ 收支总表 总计; its 财政拨款 basic / project ↔ the
    财政拨款 tables (一般公共预算, 政府性基金, 国有资本经营)."""
    if not applicable(d, "overall_performance"):
        return []
    info = d.table_info.get("overall_performance")
    if info is None or not info.printed_totals:
        return [skipped("across.overall_funding", ["overall_performance"], "部门整体绩效目标表没有资金总额")]
    totals = info.printed_totals
    findings = []
    where = [place("部门整体绩效目标表", info.totals_place.page, info.totals_place.line)] if info.totals_place else []
    summary_info = d.table_info.get("summary")
    if "total_yuan" in totals and summary_info is not None:
        printed = summary_info.printed_totals
        income = printed.get("income_grand_total_yuan", printed.get("income_current_total_yuan"))
        if income is not None:
            findings.append(compare(
                "across.overall_funding.total", ["overall_performance", "summary"], income, totals["total_yuan"],
                subject="部门预算总额", expected_label="收支总表收入总计",
                actual_label="部门整体绩效目标表预算支出总额", evidence=where,
            ))
    fiscal_keys = [k for k in ("general_budget", "gov_fund", "state_capital") if k in d.table_info]
    for column, label in (("basic_yuan", "财政拨款基本支出"), ("project_yuan", "财政拨款项目支出")):
        if column not in totals or "general_budget" not in fiscal_keys:
            continue
        fiscal = ZERO
        for key in fiscal_keys:
            printed = d.table_info[key].printed_totals.get(column)
            fiscal += printed if printed is not None else _sum(d.tables[key][column])
        findings.append(compare(
            f"across.overall_funding.{column}", ["overall_performance", *fiscal_keys],
            fiscal, totals[column], subject=label,
            expected_label="一般公共预算、政府性基金、国有资本经营预算支出表合计",
            actual_label="部门整体绩效目标表", evidence=where,
        ))
    return findings
