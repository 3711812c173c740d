"""Checks of a 部门决算 (final accounts, the Ministry of Finance's nine tables).

* the balance of 收入支出决算总表: 本年收入合计 + the items printed between it and 总计
  (使用非财政拨款结余（含专用结余）, 年初结转和结余) = 总计 = 本年支出合计 + 结余分配 +
  年末结转和结余, and the two 总计 equal;
* the same balance of 财政拨款收入支出决算总表 (年初/年末财政拨款结转和结余), in its 合计 column
  and in each fund column;
* the 财政拨款 tables against each other: 一般公共预算财政拨款支出决算表's 合计 and 类 rows
  against the 一般公共预算 column of 财政拨款收入支出决算总表; 基本支出决算表's 人员经费合计 +
  公用经费合计 against the 基本支出 column; the two fund tables against their columns;
* each printed 类/款 row against the rows one level below it;
* 三公: 决算数 against 预算数 (execution), a ``warn`` where spending exceeds the budget.

Amounts are compared exactly. A 决算 prints 0.01 万元: where a total and its parts differ by
what rounding the parts can cause, the finding still reports the document's figures (it is a
disagreement printed in the document) and says that it is a rounding difference. A check whose
tables are missing or read unsurely is ``skipped`` with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from ..core.classification import function_name
from ..core.labels import COLUMN_LABELS, TABLE_LABELS
from ..core.model import Disclosure, Place
from ..core.money import money_in_yuan
from .findings import Finding, compare, place, skipped, yuan
from .readable import unsure_reasons

ZERO = Decimal(0)
#: Items a 总表 prints between 本年合计 and 总计: balances brought in, carried over, used.
_BEYOND = re.compile(r"结转|结余|弥补")
_ENUM = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|\d{1,2}\s*[.、．])")
#: The fund columns of 财政拨款收入支出决算总表 and the words of their rows.
FUNDS = {"general_yuan": "一般公共预算", "gov_fund_yuan": "政府性基金", "state_capital_yuan": "国有资本经营"}
FUND_TABLES = {"gov_fund_final": "gov_fund_yuan", "state_capital_final": "state_capital_yuan"}
_SIDES = {"income": ("收入", "本年收入合计"), "expenditure": ("支出", "本年支出合计")}


def _title(d: Disclosure, key: str) -> str:
    info = d.table_info.get(key)
    return re.sub(r"\s+", "", info.title) if info is not None and info.title else TABLE_LABELS[key]


def _blocked(d: Disclosure, check: str, keys: Sequence[str]) -> Finding | None:
    """A skipped finding when a table is missing or read unsurely, else None."""
    missing = [k for k in keys if k not in d.table_info]
    if missing:
        return skipped(check, list(keys), "缺少" + "、".join(TABLE_LABELS[k] for k in missing))
    unsure = unsure_reasons(d)
    reasons = [unsure[k] for k in keys if k in unsure]
    if reasons:
        return skipped(check, list(keys), f"读取不确定，不作判断：{'；'.join(reasons)}")
    return None


def _step(d: Disclosure, key: str) -> Decimal:
    """One unit of the last printed digit (0.01 of the table's unit) in 元."""
    return money_in_yuan(Decimal("0.01"), d.table_info[key].unit) or Decimal("0.01")


def rounding_note(difference: Decimal, step: Decimal, parts: int) -> str | None:
    """The sentence saying a difference is rounding, or None when rounding cannot cause it.

    ``step`` is one unit of the last printed digit in 元 (0.01 万元 = 100 元); ``parts`` how many
    printed non-zero figures the comparison adds up, the total included: each is within half a
    unit of its true value, so together they can be up to ``parts / 2`` units off.
    """
    if difference == 0 or difference % step:
        return None
    units = abs(difference) / step
    if units * 2 > max(parts, 2):
        return None
    if units == 1:
        return f"相差为末位数字的1个单位（{yuan(step)}），是文件自身的四舍五入差异，文件所印数字如此，如实报告。"
    return (f"相差为末位数字的{units.normalize()}个单位（{yuan(abs(difference))}），不超过{parts}个印出数字"
            "各自四舍五入（每个至多半个单位）可能累积的误差，应为文件自身的舍入差异，文件所印数字如此，如实报告。")


def _compare(check: str, tables: list[str], expected: Decimal, actual: Decimal, *, step: Decimal,
             parts: int, **kwargs: object) -> Finding:
    finding = compare(check, tables, expected, actual, **kwargs)  # type: ignore[arg-type]
    if finding.status == "fail":
        note = rounding_note(actual - expected, step, parts)
        if note:
            finding.message += note
    return finding


def _amount(value: object) -> Decimal:
    """A ruled 决算 leaves zeros blank: a blank cell is 0."""
    return value if isinstance(value, Decimal) else ZERO


def _total_key(side: str, kind: str, column: str) -> str:
    """The printed_totals key of a 总表's total (``expenditure_current_total_general_yuan``)."""
    return f"{side}_{kind}_yuan" if column == "amount_yuan" else f"{side}_{kind}_{column}"


def _at(label: str, where: Place | None) -> str:
    """Evidence for a printed total's place (the table's 合计 row)."""
    return place(label, where.page if where else None, where.line if where else None)


def _total_at(d: Disclosure, key: str, total: str, label: str) -> str:
    """Evidence for one total of a 总表 (``income_current_total`` …), where the reading says."""
    page, line = (d.table_info[key].extra.get("totals_at", {}).get(total) or [None, None])[:2]
    return place(f"{_title(d, key)} {label}", page, line)


def _row_place(title: str, row: pd.Series) -> str:
    return place(f"{title}“{row['item']}”", int(row["page"]), int(row["line"]))


def _balance(d: Disclosure, key: str) -> list[Finding]:
    """本年合计 + the balances below it = 总计, each side and fund column; the 总计 equal."""
    check = f"final.{key}"
    blocked = _blocked(d, check, [key])
    if blocked:
        return [blocked]
    frame, info, title = d.tables[key], d.table_info[key], _title(d, key)
    totals, step = info.printed_totals, _step(d, key)
    columns = ["amount_yuan"] + [c for c in FUNDS if _total_key("expenditure", "grand_total", c) in totals]
    findings = []
    for side, (side_label, current_label) in _SIDES.items():
        rows = frame[(frame.side == side) & (frame.level == 1)]
        beyond = rows[rows["item"].str.contains(_BEYOND)]
        for column in columns if side == "expenditure" else ["amount_yuan"]:
            name = f"{check}.{side}_balance" + ("" if column == "amount_yuan" else f".{column}")
            current = totals.get(_total_key(side, "current_total", column))
            grand = totals.get(_total_key(side, "grand_total", column))
            what = "" if column == "amount_yuan" else f"（{COLUMN_LABELS.get(column, column)}列）"
            if current is None or grand is None:
                findings.append(skipped(name, [key], f"{title}{side_label}方没有印出{current_label}或总计{what}"))
                continue
            labels = [current_label, *beyond["item"]]
            findings.append(_compare(
                name, [key], grand, current + sum((_amount(v) for v in beyond[column]), ZERO),
                step=step, parts=len(labels),
                subject=f"{title}{side_label}方{what}", expected_label="总计", actual_label="＋".join(labels),
                evidence=[_total_at(d, key, f"{side}_current_total", current_label),
                          *(_row_place(title, r) for _, r in beyond.iterrows()),
                          _total_at(d, key, f"{side}_grand_total", "总计")],
            ))
    income, spend = totals.get("income_grand_total_yuan"), totals.get("expenditure_grand_total_yuan")
    if income is None or spend is None:
        findings.append(skipped(f"{check}.grand_totals", [key], f"{title}没有印出收入总计或支出总计"))
    else:
        findings.append(_compare(
            f"{check}.grand_totals", [key], income, spend, step=step, parts=1,
            subject=f"{title}收支总计", expected_label="收入总计", actual_label="支出总计",
            evidence=[_total_at(d, key, "income_grand_total", "收入总计"),
                      _total_at(d, key, "expenditure_grand_total", "支出总计")],
        ))
    return findings


def summary_balance(d: Disclosure) -> list[Finding]:
    """收入支出决算总表: 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余 = 总计 = 本年支出合计 +
    结余分配 + 年末结转和结余; the two 总计 equal."""
    return _balance(d, "summary") if d.kind == "决算" else []


def fiscal_summary_balance(d: Disclosure) -> list[Finding]:
    """财政拨款收入支出决算总表: 本年收入合计 + 年初财政拨款结转和结余 = 总计 = 本年支出合计 +
    年末财政拨款结转和结余, in 合计 and in each fund column; the two 总计 equal."""
    return _balance(d, "fiscal_summary") if d.kind == "决算" else []


def _class_code(item: str, year: int | None) -> str | None:
    name = _ENUM.sub("", re.sub(r"\s+", "", item))
    for code in range(201, 240):
        if function_name(str(code), year) == name:
            return str(code)
    return None


def _class_rows(d: Disclosure, key: str) -> dict[str, tuple[Decimal, str]]:
    """Each 类's amount as the table prints it (its 类 row), or its rows' sum where no 类 row is
    printed, with the evidence."""
    out: dict[str, tuple[Decimal, str]] = {}
    title = _title(d, key)
    for sub in d.table_info[key].subtotals:
        if len(str(sub.get("code") or "")) == 3:
            out[sub["code"]] = (_amount(sub.get("total_yuan")), place(f"{title}{sub['code']}类行", sub.get("page"),
                                                                      sub.get("line")))
    frame = d.tables[key]
    for lei, rows in frame.groupby(frame.function_code.str[:3]):
        if lei not in out:
            out[lei] = (sum((_amount(v) for v in rows.total_yuan), ZERO),
                        place(f"{title}{lei}类各行", int(rows.page.min()), int(rows.line.min())))
    return out


def general_budget_vs_fiscal(d: Disclosure) -> list[Finding]:
    """一般公共预算财政拨款支出决算表's 合计 and 类 rows ↔ the 一般公共预算 column of
    财政拨款收入支出决算总表."""
    if d.kind != "决算":
        return []
    keys = ["fiscal_summary", "general_budget"]
    blocked = _blocked(d, "final.general_budget_fiscal", keys)
    if blocked:
        return [blocked]
    fiscal, info = d.tables["fiscal_summary"], d.table_info["fiscal_summary"]
    left, right = _title(d, "fiscal_summary"), _title(d, "general_budget")
    if "general_yuan" not in fiscal.columns:
        return [skipped("final.general_budget_fiscal", keys, f"{left}没有分列一般公共预算财政拨款")]
    step = _step(d, "general_budget")
    findings = []
    gb_info = d.table_info["general_budget"]
    printed = gb_info.printed_totals.get("total_yuan")
    fiscal_total = info.printed_totals.get("expenditure_current_total_general_yuan")
    if printed is not None and fiscal_total is not None:
        findings.append(_compare(
            "final.general_budget_fiscal.total", keys, fiscal_total, printed, step=step, parts=1,
            subject="一般公共预算财政拨款支出合计", expected_label=f"{left}本年支出合计（一般公共预算列）",
            actual_label=f"{right}合计",
            evidence=[_total_at(d, "fiscal_summary", "expenditure_current_total", "本年支出合计"),
                      _at(f"{right} 合计", gb_info.totals_place)],
        ))
    classes = _class_rows(d, "general_budget")
    spend = fiscal[(fiscal.side == "expenditure") & (fiscal.level == 1)]
    seen = set()
    for _, item in spend.iterrows():
        lei = _class_code(item["item"], d.year)
        if lei is None or (lei not in classes and not _amount(item["general_yuan"])):
            continue
        seen.add(lei)
        amount, evidence = classes.get(lei, (ZERO, f"{right}没有{lei}类"))
        findings.append(_compare(
            f"final.general_budget_fiscal.{lei}", keys, _amount(item["general_yuan"]), amount, step=step, parts=1,
            subject=f"{_ENUM.sub('', item['item'])}（{lei}类）", expected_label=f"{left}一般公共预算列",
            actual_label=f"{right}类行", evidence=[_row_place(left, item), evidence],
        ))
    for lei in sorted(set(classes) - seen):
        findings.append(Finding(
            f"final.general_budget_fiscal.{lei}", "fail", keys,
            f"{right}列有{lei}类支出{yuan(classes[lei][0])}，{left}没有列出该类。", ZERO, classes[lei][0],
            [classes[lei][1]],
        ))
    return findings


def basic_vs_general_budget(d: Disclosure) -> list[Finding]:
    """基本支出决算表's 人员经费合计 + 公用经费合计 ↔ the 基本支出 合计 of 一般公共预算财政拨款支出决算表."""
    if d.kind != "决算":
        return []
    keys = ["general_budget", "general_budget_basic"]
    blocked = _blocked(d, "final.basic_total", keys)
    if blocked:
        return [blocked]
    basic, general = d.table_info["general_budget_basic"], d.table_info["general_budget"]
    parts = [basic.printed_totals.get(f) for f in ("personnel_yuan", "public_yuan")]
    printed = general.printed_totals.get("basic_yuan")
    if printed is None or any(p is None for p in parts):
        return [skipped("final.basic_total", keys, "没有印出人员经费合计、公用经费合计或基本支出合计")]
    title = _title(d, "general_budget_basic")
    return [_compare(
        "final.basic_total", keys, printed, sum(parts, ZERO), step=_step(d, "general_budget"), parts=2,
        subject="一般公共预算财政拨款基本支出", expected_label=f"{_title(d, 'general_budget')}基本支出合计",
        actual_label=f"{title}人员经费合计＋公用经费合计",
        evidence=[_at(f"{title} 人员经费合计、公用经费合计", basic.totals_place),
                  _at(f"{_title(d, 'general_budget')} 合计", general.totals_place)],
    )]


def _fund_counterparts(fiscal: pd.DataFrame, totals: dict[str, Decimal], column: str) -> dict[str, Decimal]:
    """What 财政拨款收入支出决算总表 prints for one fund: its income item, its share of 年初结转
    (a numbered row under it), its 本年支出合计 and 年末结转 in the fund's column."""
    word = FUNDS[column]
    out: dict[str, Decimal] = {}
    income = fiscal[(fiscal.side == "income") & (fiscal.level == 1) & fiscal["item"].str.contains(word)]
    if not income.empty:
        out["income_yuan"] = _amount(income.iloc[0].amount_yuan)
    opening = fiscal[(fiscal.side == "income") & (fiscal.level == 2) & fiscal["item"].str.contains(word)
                     & fiscal["parent"].fillna("").str.contains("年初")]
    if not opening.empty:
        out["opening_yuan"] = _amount(opening.iloc[0].amount_yuan)
    if column in fiscal.columns:
        out["total_yuan"] = _amount(totals.get(f"expenditure_current_total_{column}"))
        closing = fiscal[(fiscal.side == "expenditure") & (fiscal.level == 1) & fiscal["item"].str.contains("年末")]
        if not closing.empty:
            out["closing_yuan"] = _amount(closing.iloc[0][column])
    return out


def fund_tables_vs_fiscal(d: Disclosure) -> list[Finding]:
    """政府性基金 and 国有资本经营预算财政拨款收入支出决算表 ↔ their fund in 财政拨款收入支出决算总表."""
    if d.kind != "决算":
        return []
    findings = []
    for key, column in FUND_TABLES.items():
        keys = ["fiscal_summary", key]
        blocked = _blocked(d, f"final.{key}", keys)
        if blocked:
            findings.append(blocked)
            continue
        info, frame = d.table_info[key], d.tables[key]
        fiscal = d.tables["fiscal_summary"]
        counterparts = _fund_counterparts(fiscal, d.table_info["fiscal_summary"].printed_totals, column)
        title, left = _title(d, key), _title(d, "fiscal_summary")
        notes = info.extra.get("table_notes")
        note = [f"{title}注：{re.sub(r'^注[：:]', '', notes)}"] if notes else []
        for field, expected in counterparts.items():
            printed = info.printed_totals.get(field)
            actual = printed if printed is not None else sum((_amount(v) for v in frame.get(field, [])), ZERO)
            label = COLUMN_LABELS.get(field, field) if field != "total_yuan" else "本年支出"
            findings.append(_compare(
                f"final.{key}.{field}", keys, expected, actual, step=_step(d, key), parts=1,
                subject=f"{FUNDS[column]}财政拨款{label}", expected_label=left,
                actual_label=title + ("合计" if printed is not None else ("各行之和" if len(frame) else "（空表）")),
                evidence=[place(title, info.page, info.line), place(left, d.table_info["fiscal_summary"].page, None),
                          *note],
            ))
    return findings


def class_rows(d: Disclosure) -> list[Finding]:
    """Each printed 类/款 row of a 决算's coded tables ↔ the rows one level below it."""
    if d.kind != "决算":
        return []
    findings = []
    for key, scheme, fields in CODED_TABLES:
        if key not in d.table_info or not d.table_info[key].subtotals:
            continue
        blocked = _blocked(d, f"final.class_rows.{key}", [key])
        if blocked:
            findings.append(blocked)
            continue
        findings += _class_rows_of(d, key, f"{scheme}_code", fields)
    return findings


#: The coded tables of a 决算, their code scheme and the columns they print (None: every
#: amount column; the 基本支出决算表 prints only 决算数, its 人员/公用 split is the half it is in).
CODED_TABLES: tuple[tuple[str, str, tuple[str, ...] | None], ...] = (
    ("income_by_function", "function", None),
    ("expenditure_by_function", "function", None),
    ("general_budget", "function", None),
    ("general_budget_basic", "dept_econ", ("total_yuan",)),
    ("gov_fund_final", "function", None),
    ("state_capital_final", "function", None),
)
_LEVELS = {3: "类", 5: "款", 7: "项"}


def _class_rows_of(d: Disclosure, key: str, code_column: str, only: tuple[str, ...] | None) -> list[Finding]:
    info, frame, title = d.table_info[key], d.tables[key], _title(d, key)
    coded = [(str(s["code"]), s) for s in info.subtotals]
    coded += [(str(r[code_column]), r) for r in frame.to_dict("records") if isinstance(r[code_column], str)]
    fields = [c for c in frame.columns if c.endswith("_yuan") and (only is None or c in only)]
    findings, checked = [], 0
    for sub in info.subtotals:
        code = str(sub["code"])
        below = [(c, item) for c, item in coded if c != code and c.startswith(code)]
        if not below:
            continue
        width = min(len(c) for c, _ in below)
        children = [item for c, item in below if len(c) == width]
        for field in fields:
            if not isinstance(sub.get(field), Decimal):
                continue
            checked += 1
            parts = sum((_amount(item.get(field)) for item in children), ZERO)
            if parts == sub[field]:
                continue
            counted = sum(1 for item in children if _amount(item.get(field))) + 1
            findings.append(_compare(
                f"final.class_rows.{key}.{code}.{field}", [key], sub[field], parts, step=_step(d, key),
                parts=counted, subject=f"{title}{code} {sub.get('name') or ''}“{COLUMN_LABELS.get(field, field)}”",
                expected_label=f"{_LEVELS.get(len(code), '科目')}行",
                actual_label=f"其下{len(children)}个{_LEVELS.get(width, '')}行之和",
                evidence=[place(f"{title}{code}行", sub.get("page"), sub.get("line"))],
            ))
    if checked and not findings:
        findings.append(Finding(f"final.class_rows.{key}", "pass", [key],
                                f"{title}每个类、款行都等于其下各行之和（{checked}个数）。"))
    return findings


def three_public_execution(d: Disclosure) -> list[Finding]:
    """三公: 决算数 against 预算数, item by item (execution = 决算 / 预算).

    Spending above the budget is a ``warn``: it is no inconsistency of the document but a fact
    about the year's execution a reader should see (and the narrative should explain).
    """
    if d.kind != "决算":
        return []
    blocked = _blocked(d, "final.three_public", ["three_public"])
    if blocked:
        return [blocked]
    frame, info = d.tables["three_public"], d.table_info["three_public"]
    if "actual_yuan" not in frame.columns:
        return [skipped("final.three_public", ["three_public"], "“三公”经费表没有列示决算数")]
    title = _title(d, "three_public")
    rows = [("total", "“三公”经费合计", info.printed_totals.get("budget_yuan"), info.printed_totals.get("actual_yuan"),
             _at(f"{title}合计", info.totals_place))]
    rows += [(r.item_key, r["item"], r.budget_yuan, r.actual_yuan, place(f"{title}“{r['item']}”", r.page, r.line))
             for _, r in frame.iterrows()]
    findings = []
    for key, item, budget, actual, evidence in rows:
        if not isinstance(budget, Decimal) or not isinstance(actual, Decimal):
            continue
        rate = f"执行率{(actual * 100 / budget).quantize(Decimal('0.01'), ROUND_HALF_UP)}%" if budget else "无预算"
        if actual > budget:
            message = (f"{item}：决算数{yuan(actual)}超过预算数{yuan(budget)}，多{yuan(actual - budget)}（{rate}）。"
                       "这不是文件内部的不一致，而是支出超出了预算，应看情况说明是否解释原因。")
            status = "warn"
        else:
            message = (f"{item}：预算数{yuan(budget)}，决算数{yuan(actual)}（{rate}）。" if budget
                       else f"{item}：预算数与决算数均为0。")
            status = "pass"
        findings.append(Finding(f"final.three_public.{key}", status, ["three_public"], message, budget, actual,
                                [evidence]))
    return findings


#: The 决算 checks, in the order they run (each returns nothing for a 预算).
CHECKS: tuple[Callable[[Disclosure], list[Finding]], ...] = (
    summary_balance,
    fiscal_summary_balance,
    general_budget_vs_fiscal,
    basic_vs_general_budget,
    fund_tables_vs_fiscal,
    class_rows,
    three_public_execution,
)
