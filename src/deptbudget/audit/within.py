"""Checks inside one table: rows against the printed 合计, each row against its parts."""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd

from ..core.labels import COLUMN_LABELS, TABLE_LABELS
from ..core.model import Disclosure
from .explain import explain_difference
from .findings import Finding, compare, place, skipped, yuan
from .readable import has_values

ZERO = Decimal(0)
_CARRYOVER = re.compile(r"结转|结余")
# Summaries have their own checks; performance tables repeat a project's amount per
# indicator, so their rows are not line items to add up.
_CHECKED_ELSEWHERE = {"summary", "fiscal_summary", "income", "overall_performance", "project_performance"}


def _sum(values: pd.Series) -> Decimal:
    return sum((v for v in values if isinstance(v, Decimal)), ZERO)


def _rows_place(label: str, frame: pd.DataFrame) -> str:
    if frame.empty:
        return f"{label} 无明细行"
    return place(f"{label} 各行", int(frame["page"].min()), int(frame["line"].min()),
                 int(frame["end_line"].max()))


def rows_vs_totals(d: Disclosure) -> list[Finding]:
    """Every column of every table adds up to its printed 合计."""
    findings = []
    for key, info in d.table_info.items():
        frame = d.tables.get(key)
        if frame is None or key in _CHECKED_ELSEWHERE:
            continue
        label = TABLE_LABELS[key]
        if key == "three_public" and "level" in frame.columns:
            frame = frame[frame.level == 1]  # purchase and running are parts of vehicles
        if not info.printed_totals:
            if not frame.empty:
                findings.append(skipped(f"total.{key}", [key], f"{label}没有印出合计行"))
            continue
        where = info.totals_place
        total_evidence = place(f"{label} 合计", where.page if where else None,
                               where.line if where else None)
        for column, printed in info.printed_totals.items():
            if column not in frame.columns:
                continue
            rows = _sum(frame[column])
            findings.append(compare(
                f"total.{key}.{column}", [key], printed, rows,
                subject=f"{label}“{COLUMN_LABELS.get(column, column)}”列",
                expected_label="合计行", actual_label="各行之和",
                evidence=[total_evidence, _rows_place(label, frame)],
                explanation=explain_difference(d, key, column, printed - rows),
            ))
    return findings


#: Each row's whole and its parts, per table (a part a table does not print counts as 0).
ROW_PARTS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "expenditure": (("total_yuan", ("basic_yuan", "project_yuan")),),
    "general_budget": (("total_yuan", ("basic_yuan", "project_yuan")),
                       ("basic_yuan", ("personnel_yuan", "public_yuan"))),
    "gov_fund": (("total_yuan", ("basic_yuan", "project_yuan")),),
    "state_capital": (("total_yuan", ("basic_yuan", "project_yuan")),),
    "general_budget_basic": (("total_yuan", ("personnel_yuan", "public_yuan")),),
    "expenditure_by_function": (("total_yuan", ("basic_yuan", "project_yuan", "remit_upper_yuan",
                                                "operating_yuan", "affiliated_subsidy_yuan")),),
    "income_by_function": (("total_yuan", ("fiscal_yuan", "superior_subsidy_yuan", "business_yuan",
                                           "operating_yuan", "affiliated_yuan", "other_yuan")),),
    "gov_fund_final": (("total_yuan", ("basic_yuan", "project_yuan")),),
    "state_capital_final": (("total_yuan", ("basic_yuan", "project_yuan")),),
}


def _amount(value: object) -> Decimal:
    return value if isinstance(value, Decimal) else ZERO


def row_parts(d: Disclosure) -> list[Finding]:
    """Each row's total equals its parts (基本+项目, 人员+公用, income by source …), where the
    table prints the total and at least one of the parts."""
    findings = []
    for key, relations in ROW_PARTS.items():
        frame = d.tables.get(key)
        if frame is None or frame.empty:
            continue
        label = TABLE_LABELS[key]
        for whole, parts in relations:
            printed = [p for p in parts if has_values(frame, p)]
            if not has_values(frame, whole) or not printed:
                continue
            bad = []
            for _, row in frame.iterrows():
                if not isinstance(row[whole], Decimal):
                    continue
                got = sum((_amount(row[p]) for p in printed), ZERO)
                if got != row[whole]:
                    bad.append((row, got))
            names = "+".join(COLUMN_LABELS.get(p, p) for p in printed)
            check = f"row_parts.{key}" if whole == "total_yuan" else f"row_parts.{key}.{whole}"
            if not bad:
                findings.append(Finding(
                    check, "pass", [key],
                    f"{label}每一行的{COLUMN_LABELS.get(whole, whole)}都等于{names}（{len(frame)}行）。",
                    evidence=[_rows_place(label, frame)],
                ))
                continue
            expected = sum((r[whole] for r, _ in bad), ZERO)
            actual = sum((p for _, p in bad), ZERO)
            findings.append(Finding(
                check, "fail", [key],
                f"{label}有{len(bad)}行的{COLUMN_LABELS.get(whole, whole)}不等于{names}，"
                f"合计相差{yuan(actual - expected)}。",
                expected, actual,
                [place(label, int(r["page"]), int(r["line"]), int(r["end_line"])) for r, _ in bad],
            ))
    return findings


def summary_balance(d: Disclosure) -> list[Finding]:
    """收支总表 and 财政拨款收支总表: items add up to their totals; income equals expenditure."""
    findings = []
    for key in ("summary", "fiscal_summary"):
        frame = d.tables.get(key)
        info = d.table_info.get(key)
        if frame is None or info is None:
            continue
        label = TABLE_LABELS[key]
        totals = info.printed_totals
        where = info.totals_place
        total_place = place(f"{label} 总计", where.page if where else None,
                            where.line if where else None)
        sides = [("income", "收入"), ("expenditure", "支出")]
        if (frame.side == "expenditure_use").any():
            sides.append(("expenditure_use", "支出（按用途）"))
        for side, side_label in sides:
            rows = frame[(frame.side == side) & (frame.level == 1)]
            current = rows[~rows.item.str.contains(_CARRYOVER)]
            for column, rows_used, what in (
                ("current_total_yuan", current, "本年"),
                ("grand_total_yuan", rows, ""),
            ):
                printed = totals.get(f"{side}_{column}")
                if printed is None:
                    continue
                if key == "fiscal_summary" and column == "current_total_yuan":
                    continue
                findings.append(compare(
                    f"total.{key}.{side}_{column}", [key], printed, _sum(rows_used.amount_yuan),
                    subject=f"{label}{what}{side_label}",
                    expected_label=f"{side_label}{'合计' if what else '总计'}",
                    actual_label="各项之和",
                    evidence=[total_place, _rows_place(label, rows_used)],
                ))
            # Second-level items (（一）…) add up to their first-level parent.
            for parent, children in frame[(frame.side == side) & (frame.level == 2)].groupby(
                "parent", sort=False
            ):
                head = frame[(frame.side == side) & (frame.item == parent)]
                if head.empty:
                    continue
                findings.append(compare(
                    f"parts.{key}.{parent}", [key], head.iloc[0].amount_yuan,
                    _sum(children.amount_yuan),
                    subject=f"{label}“{parent}”",
                    expected_label="该项金额", actual_label="其下各分项之和",
                    evidence=[place(label, int(head.iloc[0].page), int(head.iloc[0].line)),
                              _rows_place(label, children)],
                ))
        carried = _sum(frame[frame.item.str.contains(_CARRYOVER)].amount_yuan)
        for column, what in (("current_total_yuan", "本年"), ("grand_total_yuan", "")):
            income = totals.get(f"income_{column}")
            spend = totals.get(f"expenditure_{column}")
            if income is None or spend is None:
                continue
            if what and carried:
                # With money carried in or over, this year's income and spending differ by it.
                findings.append(skipped(
                    f"balance.{key}.{column}", [key],
                    f"{label}有结转结余{yuan(carried)}，本年收支不必相等；以收支总计平衡为准",
                ))
                continue
            findings.append(compare(
                f"balance.{key}.{column}", [key], income, spend,
                subject=f"{label}{what}收支平衡",
                expected_label=f"{what}收入{'合计' if what else '总计'}",
                actual_label=f"{what}支出{'合计' if what else '总计'}",
                evidence=[total_place],
            ))
    return findings


def income_totals(d: Disclosure) -> list[Finding]:
    """收入总表: sources add up to 合计."""
    frame = d.tables.get("income")
    info = d.table_info.get("income")
    if frame is None or info is None:
        return []
    printed = info.printed_totals.get("total_yuan")
    if printed is None:
        return [skipped("total.income.total_yuan", ["income"], "收入总表没有印出合计")]
    rows = frame[frame.unit_name.isna()] if "unit_name" in frame.columns else frame
    where = info.totals_place
    evidence = [place("收入总表 合计", where.page if where else None, where.line if where else None)]
    findings = [compare(
        "total.income.total_yuan", ["income"], printed, _sum(rows.amount_yuan),
        subject="收入总表", expected_label="合计", actual_label="各收入来源之和", evidence=evidence,
    )]
    subtotal = info.printed_totals.get("subtotal_yuan")
    if subtotal is not None:
        fiscal = rows[rows.source.str.contains("一般公共预算|政府性基金|国有资本|财政专户")]
        findings.append(compare(
            "parts.income.subtotal_yuan", ["income"], subtotal, _sum(fiscal.amount_yuan),
            subject="收入总表财政拨款小计", expected_label="小计", actual_label="各财政拨款来源之和",
            evidence=evidence,
        ))
    return findings


def three_public_parts(d: Disclosure) -> list[Finding]:
    """三公: the three items add up to the total; vehicles = purchase + running (both years)."""
    frame = d.tables.get("three_public")
    info = d.table_info.get("three_public")
    if frame is None or info is None or frame.empty:
        return []
    findings = []
    items = frame.set_index("item_key")
    for column in ("budget_yuan", "prior_year_yuan", "actual_yuan"):
        if not has_values(frame, column):
            continue
        label = COLUMN_LABELS[column]
        if {"vehicles", "vehicle_purchase", "vehicle_running"} <= set(items.index):
            findings.append(compare(
                f"parts.three_public.vehicles.{column}", ["three_public"],
                items.loc["vehicles", column] or ZERO,
                (items.loc["vehicle_purchase", column] or ZERO)
                + (items.loc["vehicle_running", column] or ZERO),
                subject=f"“三公”经费表{label}：公务用车购置及运行维护费",
                expected_label="该项金额", actual_label="购置费与运行维护费之和",
                evidence=[place("“三公”经费表", int(items.loc["vehicles", "page"]),
                                int(items.loc["vehicles", "line"]))],
            ))
    return findings


def performance_amounts(d: Disclosure) -> list[Finding]:
    """绩效目标表: the funding line adds up; each project's total equals its funding parts."""
    findings = []
    info = d.table_info.get("overall_performance")
    totals = info.printed_totals if info else {}
    if info is not None and totals:
        evidence = [place("部门整体绩效目标表", info.totals_place.page, info.totals_place.line)] if (
            info.totals_place) else []
        parts = [
            ("total_yuan", ("fiscal_total_yuan", "other_total_yuan"), "预算支出总额", "财政拨款与其他资金之和"),
            ("fiscal_total_yuan", ("basic_yuan", "project_yuan"), "财政拨款合计", "基本支出与项目支出之和"),
            ("other_total_yuan", ("other_basic_yuan", "other_project_yuan"), "其他资金合计",
             "其他资金基本支出与项目支出之和"),
        ]
        for whole, pieces, label, pieces_label in parts:
            if whole in totals and all(p in totals for p in pieces):
                findings.append(compare(
                    f"parts.overall_performance.{whole}", ["overall_performance"], totals[whole],
                    sum((totals[p] for p in pieces), ZERO), subject=f"部门整体绩效目标表{label}",
                    expected_label=label, actual_label=pieces_label, evidence=evidence,
                ))
    project_info = d.table_info.get("project_performance")
    for project in (project_info.extra.get("projects", []) if project_info else []):
        amounts = [a for a in project.get("amounts_yuan", []) if a is not None]
        if len(amounts) < 2:
            continue
        findings.append(compare(
            f"parts.project_performance.{project.get('project_name')}", ["project_performance"],
            amounts[0], sum(amounts[1:], ZERO),
            subject=f"绩效目标表项目“{project.get('project_name')}”", expected_label="项目总额",
            actual_label="各资金来源之和",
            evidence=[place("项目支出绩效目标表", project.get("page"), project.get("line"))],
        ))
    return findings
