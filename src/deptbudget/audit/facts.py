"""Checks of the narrative (情况说明): its figures against the tables, and its own arithmetic."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from ..core.classification import is_personnel
from ..core.labels import FACT_LABELS, TABLE_LABELS
from ..core.model import Disclosure, Fact
from ..core.money import FEN
from .findings import Finding, compare, place, skipped, yuan

ZERO = Decimal(0)
HUNDRED = Decimal(100)



def _sum(values) -> Decimal:
    return sum((v for v in values if isinstance(v, Decimal)), ZERO)


def _printed(d: Disclosure, key: str, column: str) -> Decimal | None:
    info = d.table_info.get(key)
    return info.printed_totals.get(column) if info else None


def _by_econ_class(frame: pd.DataFrame, personnel: bool) -> tuple[Decimal, str, str] | None:
    """人员经费 or 公用经费 from a basic-expenditure table that prints no such columns, by the
    classes of its 经济分类 codes (None when a row has no code to place it)."""
    if "dept_econ_code" not in frame.columns or frame.empty or frame.dept_econ_code.isna().any():
        return None
    ours = frame.dept_econ_code.map(is_personnel).astype(bool)
    rows = frame[ours if personnel else ~ours]
    what = "经济分类301、303之和" if personnel else "经济分类301、303以外各项之和"
    return _sum(rows.total_yuan), "general_budget_basic", what


def _table_value(d: Disclosure, key: str, year: int | None,
                 as_budget: bool = False) -> tuple[Decimal, str, str] | None:
    """The table figure a narrative fact should equal: (amount, table key, what).

    ``as_budget``: the fact is the budget a 决算 prints beside its actual (``<key>_budget``);
    only tables with a budget column beside the actual one can show it.
    """
    budget_year = year == d.year
    if as_budget and not key.startswith("three_public"):
        return None
    if key in ("income_grand_total", "expenditure_grand_total") and budget_year:
        side, word = ("income", "收入") if key == "income_grand_total" else ("expenditure", "支出")
        value = _printed(d, "summary", f"{side}_grand_total_yuan")
        if value is not None:
            return value, "summary", f"{word}总计"
    if key in ("income_total", "expenditure_total") and budget_year:
        side, word = ("income", "收入") if key == "income_total" else ("expenditure", "支出")
        value = _printed(d, "summary", f"{side}_current_total_yuan")
        if value is not None:
            return value, "summary", f"本年{word}合计"
        grand = _printed(d, "summary", f"{side}_grand_total_yuan")
        if grand is not None and not _carried_over(d):
            # A summary printing only 总计, with nothing carried in or over: 总计 is this year's.
            return grand, "summary", f"{word}总计"
    if key == "admin_operating" and budget_year and "admin_operating" in d.tables:
        value = _printed(d, "admin_operating", "amount_yuan")
        return (value if value is not None else _sum(d.tables["admin_operating"].amount_yuan)), \
            "admin_operating", "合计"
    if key in ("meeting_fee", "training_fee") and budget_year and "meeting_training" in d.tables:
        frame = d.tables["meeting_training"]
        rows = frame[frame["item"] == FACT_LABELS[key]]
        if not rows.empty and isinstance(rows.iloc[0].budget_yuan, Decimal):
            return rows.iloc[0].budget_yuan, "meeting_training", FACT_LABELS[key]
    if key == "procurement_total" and budget_year and "procurement" in d.tables:
        value = _printed(d, "procurement", "amount_yuan")
        return (value if value is not None else _sum(d.tables["procurement"].amount_yuan)), "procurement", "合计"
    if key in ("basic_total", "project_total") and budget_year and "expenditure_by_use" in d.tables:
        frame = d.tables["expenditure_by_use"]
        rows = frame[frame["item"] == FACT_LABELS[key]]
        if not rows.empty and isinstance(rows.iloc[0].amount_yuan, Decimal):
            return rows.iloc[0].amount_yuan, "expenditure_by_use", FACT_LABELS[key]
    if key in ("basic_total", "project_total") and budget_year and "expenditure" in d.tables:
        column = "basic_yuan" if key == "basic_total" else "project_yuan"
        value = _printed(d, "expenditure", column)
        return (value if value is not None else _sum(d.tables["expenditure"][column])), "expenditure", "合计"
    if key in ("personnel_total", "public_total") and budget_year and "general_budget_basic" in d.tables:
        column = "personnel_yuan" if key == "personnel_total" else "public_yuan"
        value = _printed(d, "general_budget_basic", column)
        frame = d.tables["general_budget_basic"]
        if value is None and not any(isinstance(v, Decimal) for v in frame.get(column, ())):
            return _by_econ_class(frame, key == "personnel_total")
        return (value if value is not None else _sum(frame[column])), "general_budget_basic", "合计"
    if key.startswith("three_public") and "three_public" in d.tables:
        tp = d.tables["three_public"]
        years = d.table_info["three_public"].extra.get("years") or []
        if d.kind == "决算" and budget_year and "actual_yuan" in tp.columns:
            # A 决算's narrative states what was spent; a budget it prints beside it is read as
            # ``<key>_budget`` (see facts_vs_tables).
            column = "budget_yuan" if as_budget else "actual_yuan"
        elif len(years) == 2 and year in years:
            column = "budget_yuan" if year == years[0] else "prior_year_yuan"
        elif budget_year:
            column = "budget_yuan"
        elif d.year is not None and year == d.year - 1:
            column = "prior_year_yuan"
        else:
            return None
        if column not in tp.columns or not any(isinstance(v, Decimal) for v in tp[column]):
            return None
        if key == "three_public_total":
            value = _printed(d, "three_public", column)
            if value is None:
                value = _sum(tp[tp.level == 1][column])
            return value, "three_public", "总计"
        item = key.removeprefix("three_public_")
        item_key = {"vehicles": "vehicles", "outbound": "outbound", "reception": "reception",
                    "vehicle_purchase": "vehicle_purchase", "vehicle_running": "vehicle_running"}.get(item)
        rows = tp[tp.item_key == item_key]
        if not rows.empty and column in rows.columns and isinstance(rows.iloc[0][column], Decimal):
            return rows.iloc[0][column], "three_public", str(rows.iloc[0]["item"])
    if key == "purchased_services_total" and budget_year and "purchased_services" in d.tables:
        return _sum(d.tables["purchased_services"].amount_yuan), "purchased_services", "各项之和"
    return None


#: Keys whose figure has a table counterpart of the same concept (see _table_value).
_CHECKED_KEYS = frozenset({
    "income_total", "expenditure_total", "income_grand_total", "expenditure_grand_total",
    "admin_operating", "meeting_fee", "training_fee", "procurement_total", "basic_total",
    "project_total", "personnel_total", "public_total", "purchased_services_total",
    "three_public_total", "three_public_outbound", "three_public_reception", "three_public_vehicles",
    "three_public_vehicle_purchase", "three_public_vehicle_running",
})


def _carried_over(d: Disclosure) -> bool:
    """True when the 收支总表 shows money carried in or over (上年结转, 年末结余 …)."""
    frame = d.tables.get("summary")
    if frame is None:
        return True
    carried = frame[frame.item.str.contains("结转|结余")]
    return any(isinstance(v, Decimal) and v != 0 for v in carried.amount_yuan)


def _closest_total(d: Disclosure, fact: Fact, found: tuple[Decimal, str, str]) -> tuple[Decimal, str, str]:
    """The 收支总表 total a narrative's 收入预算/支出预算 means: its wording does not say whether
    it is 本年…合计 or …总计 (with money carried in), so it is the one it agrees with, if any."""
    if fact.key not in ("income_total", "expenditure_total") or fact.year != d.year or found[1] != "summary":
        return found
    side, word = ("income", "收入") if fact.key == "income_total" else ("expenditure", "支出")
    step = fact.precision_yuan if fact.precision_yuan is not None else FEN
    for column, what in (("current_total_yuan", f"本年{word}合计"), ("grand_total_yuan", f"{word}总计")):
        value = _printed(d, "summary", f"{side}_{column}")
        if value is not None and abs(value - fact.amount_yuan) < step:
            return value, "summary", what
    return found


def facts_vs_tables(d: Disclosure) -> list[Finding]:
    """Every amount the narrative states, against the table that shows it."""
    findings = []
    for fact in d.facts:
        if fact.key.endswith("_change") or fact.key == "project_amount" or fact.amount_yuan is None:
            continue
        as_budget = fact.key.endswith("_budget")
        key = fact.key.removesuffix("_budget")
        label = FACT_LABELS.get(key, key) + ("预算数" if as_budget else "")
        check = f"narrative.{fact.key}.{fact.year}"
        found = _table_value(d, key, fact.year, as_budget)
        if found is None:
            if fact.key == "admin_operating":
                reason = "预算表不单列机关运行经费（它不等于公用经费），无法与表格核对"
            elif fact.year != d.year:
                reason = f"{fact.year}年的数只在说明中出现，表格不列上年数"
            elif key not in _CHECKED_KEYS or as_budget:
                reason = "该数与表格中哪一列是同一口径尚未确定，不作比较"
            else:
                reason = "没有表格列示该数"
            findings.append(skipped(check, ["narrative"], f"{fact.year}年{label}{yuan(fact.amount_yuan)}：{reason}"))
            continue
        value, table, what = _closest_total(d, fact, found)
        if fact.precision_yuan is not None and fact.precision_yuan > FEN:
            findings.append(_at_printed_precision(check, fact, label, value, table, what, d))
            continue
        findings.append(compare(
            check, ["narrative", table], value, fact.amount_yuan,
            subject=f"{fact.year}年{label}", expected_label=f"{TABLE_LABELS[table]}{what}",
            actual_label="情况说明",
            evidence=[place("情况说明", fact.page, fact.line), place(TABLE_LABELS[table],
                      d.table_info[table].page, d.table_info[table].line)],
        ))
    findings += _service_count(d)
    findings += _project_amounts(d)
    return findings


def _at_printed_precision(check: str, fact: Fact, label: str, value: Decimal, table: str,
                          what: str, d: Disclosure) -> Finding:
    """Compare a figure the narrative rounds (492.24 万元) with the table at that precision.

    The exact difference stays in the finding; it passes only when the table's amount,
    rounded to the narrative's last printed digit, is the narrative's figure.
    """
    step = fact.precision_yuan
    rounded = (value / step).to_integral_value(rounding=ROUND_HALF_UP) * step
    evidence = [place("情况说明", fact.page, fact.line),
                place(TABLE_LABELS[table], d.table_info[table].page, d.table_info[table].line)]
    subject = f"{fact.year}年{label}"
    if rounded == fact.amount_yuan:
        return Finding(
            check, "pass", ["narrative", table],
            f"{subject}：情况说明为{yuan(fact.amount_yuan)}（精确到{yuan(step)}），"
            f"{TABLE_LABELS[table]}{what}为{yuan(value)}，按说明的精度取整一致；"
            f"相差{yuan(fact.amount_yuan - value)}是取整所致。",
            value, fact.amount_yuan, evidence,
        )
    if abs(fact.amount_yuan - value) < step:
        # Cut short rather than rounded (1234.56 for 1234.5678): the document's own rounding.
        return Finding(
            check, "warn", ["narrative", table],
            f"{subject}：情况说明为{yuan(fact.amount_yuan)}（精确到{yuan(step)}），"
            f"{TABLE_LABELS[table]}{what}为{yuan(value)}，相差{yuan(abs(fact.amount_yuan - value))}，"
            "不到说明末位数字的1个单位：说明的数是截去尾数而非四舍五入所得，不是账目不一致。",
            value, fact.amount_yuan, evidence,
        )
    return compare(check, ["narrative", table], value, fact.amount_yuan, subject=subject,
                   expected_label=f"{TABLE_LABELS[table]}{what}", actual_label="情况说明", evidence=evidence)


def _service_count(d: Disclosure) -> list[Finding]:
    fact = d.fact("purchased_services_total", d.year)
    if fact is None or fact.count is None or "purchased_services" not in d.tables:
        return []
    rows = len(d.tables["purchased_services"])
    status = "pass" if rows == fact.count else "fail"
    verb = "一致" if status == "pass" else "不一致"
    return [Finding(
        "narrative.purchased_services_count", status, ["narrative", "purchased_services"],
        f"政府购买服务项目数：情况说明为{fact.count}个，政府购买服务表列有{rows}项，{verb}。",
        evidence=[place("情况说明", fact.page, fact.line),
                  place("政府购买服务表", d.table_info["purchased_services"].page,
                        d.table_info["purchased_services"].line)],
    )]


def _project_amounts(d: Disclosure) -> list[Finding]:
    projects = d.tables.get("projects")
    findings = []
    for fact in (f for f in d.facts if f.key == "project_amount"):
        check = f"narrative.project_amount.{fact.label}"
        if projects is None or projects.empty:
            findings.append(skipped(check, ["narrative"], "缺少项目支出表"))
            continue
        match = _match_project(projects, fact.label or "")
        if match is None:
            findings.append(Finding(
                check, "fail", ["narrative", "projects"],
                f"情况说明提到项目“{fact.label}”（{yuan(fact.amount_yuan)}），项目支出表中找不到该项目。",
                None, fact.amount_yuan, [place("情况说明", fact.page, fact.line)],
            ))
            continue
        findings.append(compare(
            check, ["narrative", "projects"], match.total_yuan, fact.amount_yuan,
            subject=f"项目“{fact.label}”", expected_label="项目支出表", actual_label="情况说明",
            evidence=[place("情况说明", fact.page, fact.line),
                      place("项目支出表", int(match.page), int(match.line))],
        ))
    return findings


def _match_project(projects: pd.DataFrame, label: str) -> pd.Series | None:
    exact = projects[projects.project_name == label]
    if not exact.empty:
        return exact.iloc[0]
    loose = projects[projects.project_name.map(lambda n: isinstance(n, str) and (label in n or n in label))]
    return loose.iloc[0] if len(loose) == 1 else None


def _stated_decimals(percent: Decimal) -> int:
    exponent = percent.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def arithmetic(d: Disclosure) -> list[Finding]:
    """The narrative's own sums: this year − last year = the stated change; the percentage."""
    findings = []
    for change in (f for f in d.facts if f.key.endswith("_change")):
        key = change.key.removesuffix("_change")
        label = FACT_LABELS.get(key, key)
        current = _fact(d, key, change.year, change.text)
        prior = _fact(d, key, change.year - 1 if change.year else None, change.text)
        check = f"arith.{key}"
        if current is None or prior is None or change.amount_yuan is None:
            # Figures stated in other sentences may be about something else (a part, a fund):
            # the narrative's arithmetic is checked within the sentence that states the change.
            findings.append(skipped(check, ["narrative"], f"{label}的本年数或上年数未在说明增减的同一句中读出"))
            continue
        computed = current.amount_yuan - prior.amount_yuan
        evidence = [place("情况说明", change.page, change.line)]
        findings.append(compare(
            check, ["narrative"], computed, change.amount_yuan,
            subject=f"{label}增减额",
            expected_label=f"本年数减上年数（{yuan(current.amount_yuan)} − {yuan(prior.amount_yuan)}）",
            actual_label="说明所述增减额", evidence=evidence,
        ))
        if change.percent is None:
            continue
        if prior.amount_yuan == 0:
            findings.append(skipped(f"arith.{key}.percent", ["narrative"], "上年数为0，无法计算增减比例"))
            continue
        places = _stated_decimals(change.percent)
        exact = computed / prior.amount_yuan * HUNDRED
        rounded = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        status = "pass" if rounded == change.percent else "fail"
        findings.append(Finding(
            f"arith.{key}.percent", status, ["narrative"],
            f"{label}增减比例：说明为{change.percent}%，按说明中的数计算为{rounded}%"
            f"（{exact.quantize(Decimal('0.0001'))}%），{'一致' if status == 'pass' else '不一致'}。",
            evidence=evidence,
        ))
    return findings


def _fact(d: Disclosure, key: str, year: int | None, text: str) -> Fact | None:
    """The figure for ``key`` and ``year`` stated in the sentence ``text``."""
    for fact in d.facts:
        if fact.key == key and fact.year == year and fact.amount_yuan is not None and fact.text == text:
            return fact
    return None
