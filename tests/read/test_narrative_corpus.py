"""The narrative's source, total, procurement and asset figures, read from published documents.

Every expected value below is what the document prints on the page named (checked against the
PDF's text): 财政拨款/一般公共预算/政府性基金/国有资本经营 income and expenditure, 结转结余,
grand totals, 政府采购 goods/works/services, a 决算's budget beside its actual with the printed
完成预算%, and asset counts.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pytest

from deptbudget import read_disclosure
from deptbudget.core.model import Disclosure, Fact
from paths import DISCLOSURES

WAN = Decimal(10000)


@cache
def disclosure(name: str) -> Disclosure:
    return read_disclosure(DISCLOSURES[name])


def only(d: Disclosure, key: str, year: int, label: str | None = None) -> Fact:
    found = [f for f in d.facts if f.key == key and f.year == year and (label is None or f.label == label)]
    assert len(found) == 1, f"{key} {year}: {[(f.key, f.year, f.amount_yuan) for f in d.facts]}"
    return found[0]


# (document, key, year, amount as printed in 万元, page, file of a two-file disclosure)
PRINTED = [
    ("mof_final", "income_grand_total", 2024, "2995.39", 21, None),
    ("mof_final", "expenditure_grand_total", 2024, "2995.39", 21, None),
    ("mof_final", "fiscal_income", 2024, "2940.05", 21, None),
    # The document prints 财政拨款收入支出总计0.3万元 for 2940.05 万元 of 财政拨款: read as printed.
    ("mof_final", "fiscal_grand_total", 2024, "0.3", 21, None),
    ("mof_final", "general_budget_expenditure_budget", 2024, "2993.92", 21, None),
    ("mof_final", "three_public_total_budget", 2024, "0.95", 23, None),
    ("mof_final", "procurement_goods", 2024, "4.79", 24, None),
    ("mof_final", "procurement_works", 2024, "0", 24, None),
    ("mof_final", "procurement_services", 2024, "246.47", 24, None),
    ("sh_budget", "fiscal_income", 2025, "9,101.68", 6, None),
    ("sh_budget", "fiscal_expenditure", 2025, "9,101.68", 6, None),
    ("sh_budget", "general_budget_expenditure", 2025, "9,101.68", 6, None),
    ("sh_budget", "gov_fund_expenditure", 2025, "0", 6, None),
    ("sh_budget", "state_capital_expenditure", 2025, "0", 6, None),
    ("sh_budget", "procurement_services", 2025, "34", 21, None),
    # The same office's 单位预算 states them in the same words.
    ("sh_unit_budget", "fiscal_income", 2025, "9,101.68", 6, None),
    ("sh_unit_budget", "procurement_services", 2025, "34", 21, None),
    ("sh_street_budget", "procurement_goods", 2023, "10.00", 29, None),
    ("sh_street_budget", "procurement_works", 2023, "550.00", 29, None),
    ("sh_street_budget", "procurement_services", 2023, "270.00", 29, None),
    ("bj_municipal", "fiscal_income", 2026, "32365.09", 6, "-1.pdf"),
    ("bj_municipal", "general_budget_income", 2026, "32365.09", 6, "-1.pdf"),
    ("bj_municipal", "gov_fund_income", 2026, "0", 6, "-1.pdf"),
    ("bj_municipal", "state_capital_income", 2026, "0", 6, "-1.pdf"),
    ("bj_municipal", "carry_in", 2026, "471.96", 6, "-1.pdf"),
    ("bj_municipal", "carry_out", 2026, "0", 8, "-1.pdf"),
    ("bj_municipal", "procurement_goods", 2026, "238.78", 9, "-1.pdf"),
    ("bj_municipal", "procurement_services", 2026, "4749.95", 9, "-1.pdf"),
    ("js_2018", "fiscal_income", 2018, "33172.15", 17, None),
    ("js_2018", "general_budget_income", 2018, "33172.15", 17, None),
    ("js_2018", "fiscal_grand_total", 2018, "33172.15", 19, None),
    ("js_2018", "general_budget_expenditure", 2018, "33172.15", 21, None),
    ("js_2019", "fiscal_grand_total", 2019, "24,169.74", 27, None),
    ("js_2019", "fiscal_expenditure", 2019, "24,169.74", 27, None),
    ("js_2018_two_files", "fiscal_grand_total", 2018, "24458.43", 8, "-1.pdf"),
    ("js_2018_two_files", "general_budget_expenditure", 2018, "24458.43", 10, "-1.pdf"),
]


@pytest.mark.parametrize(("name", "key", "year", "wan", "page", "file"), PRINTED)
def test_figure_read_from_its_page(name: str, key: str, year: int, wan: str, page: int,
                                   file: str | None) -> None:
    fact = only(disclosure(name), key, year)
    assert fact.amount_yuan == Decimal(wan.replace(",", "")) * WAN
    assert fact.page == page
    assert f"{wan}万元" in fact.text
    if file is not None:
        # A two-file disclosure's narrative figures cite the narrative file, not the tables.
        assert fact.file is not None and fact.file.endswith(file)


# (document, key, year, change in 万元, percent): signed as the sentence says.
CHANGES = [
    ("js_2018", "general_budget_income_change", 2018, "4322.77", "14.98"),
    ("js_2018", "general_budget_expenditure_change", 2018, "4322.77", "14.98"),
    ("sh_budget", "fiscal_income_change", 2025, "-2389.52", None),
    ("sh_budget", "fiscal_expenditure_change", 2025, "-2389.52", None),
    # 政府性基金拨款支出预算0万元，比2024年预算持平.
    ("sh_budget", "gov_fund_expenditure_change", 2025, "0", None),
    # The comparison said first: 与2023年度相比，收入支出总计减少56.95万元，下降1.87%.
    ("mof_final", "income_grand_total_change", 2024, "-56.95", "-1.87"),
    ("mof_final", "expenditure_grand_total_change", 2024, "-56.95", "-1.87"),
    ("mof_final", "general_budget_expenditure_change", 2024, "-63.14", "-2.10"),
    ("mof_final", "fiscal_grand_total_change", 2024, "0", None),  # …财政拨款收入支出总计持平
    ("js_2018", "fiscal_expenditure_change", 2018, "4322.77", "14.98"),  # 与上年相比，…增加
    ("js_2018", "fiscal_grand_total_change", 2018, "4322.77", "14.98"),  # …收、支总计各增加
]


@pytest.mark.parametrize(("name", "key", "year", "wan", "percent"), CHANGES)
def test_change_of_a_source(name: str, key: str, year: int, wan: str, percent: str | None) -> None:
    fact = only(disclosure(name), key, year)
    assert fact.amount_yuan == Decimal(wan) * WAN
    assert fact.percent == (Decimal(percent) if percent is not None else None)


def test_unchanged_fund_gives_its_prior_year_too() -> None:
    # 比2024年预算持平 with 0万元: the prior year had 0 as well, and the change is zero.
    d = disclosure("sh_budget")
    assert only(d, "gov_fund_expenditure", 2024).amount_yuan == 0
    assert only(d, "state_capital_expenditure", 2024).amount_yuan == 0


def test_sources_are_not_the_totals() -> None:
    # 本年财政拨款收入32365.09万元 is a part of 收入预算32852.05万元, not the total.
    d = disclosure("bj_municipal")
    assert only(d, "income_total", 2026).amount_yuan == Decimal("328520500.00")
    assert only(d, "fiscal_income", 2026).amount_yuan == Decimal("323650900.00")
    # 上年结转结余 is read as itself, and not as another income_total.
    assert [f.year for f in d.facts if f.key == "income_total"] == [2026, 2025]


@pytest.mark.parametrize(("name", "year"), [("bj_municipal", 2026), ("sh_street_budget", 2023)])
def test_procurement_parts_add_up_to_the_total(name: str, year: int) -> None:
    # 政府采购货物/工程/服务预算 are the parts; the total stays the 政府采购预算(总额).
    d = disclosure(name)
    parts = [only(d, f"procurement_{part}", year).amount_yuan for part in ("goods", "works", "services")]
    assert sum(parts) == only(d, "procurement_total", year).amount_yuan


def test_small_firm_set_asides_are_not_the_procurement_total() -> None:
    # The 决算 follows its 政府采购金额 with the shares 面向中小企业预留… and 在其他政府采购项目中…
    # 中标或成交的: they are parts of the total, not the total stated again.
    d = disclosure("mof_final")
    assert only(d, "procurement_total", 2024).amount_yuan == Decimal("251.25") * WAN
    assert not [w.message for w in d.warnings if w.code == "narrative_conflict" and "procurement" in w.message]
    parts = [only(d, f"procurement_{part}", 2024).amount_yuan for part in ("goods", "works", "services")]
    # 4.79 + 0 + 246.47 = 251.26 万元: the printed parts, each rounded, miss the total by 0.01 万元.
    assert abs(sum(parts) - only(d, "procurement_total", 2024).amount_yuan) <= Decimal("0.01") * WAN


def test_final_accounts_actual_stated_twice_keeps_its_rate() -> None:
    # Page 21 states 一般公共预算财政拨款支出2940.05万元 first plainly, then beside its budget:
    # 年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%.
    d = disclosure("mof_final")
    actual = only(d, "general_budget_expenditure", 2024)
    assert actual.amount_yuan == Decimal("29400500.00")
    assert actual.percent == Decimal("98.20")
    assert actual.page == 21
    assert "完成年初预算的98.20%" in actual.text
    assert not any(w.code == "narrative_conflict" and "general_budget_expenditure" in w.message
                   for w in d.warnings)


def test_final_accounts_three_public_budget_actual_and_rate() -> None:
    # “三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0%.
    d = disclosure("mof_final")
    assert only(d, "three_public_total_budget", 2024).amount_yuan == Decimal("9500.00")
    actual = only(d, "three_public_total", 2024)
    assert (actual.amount_yuan, actual.percent, actual.page) == (Decimal("0.00"), Decimal(0), 23)
    # The items print a rate but no budget of their own: no budget is invented for them.
    assert only(d, "three_public_reception", 2024).percent == 0
    assert not any(f.key == "three_public_reception_budget" for f in d.facts)


# (document, key, as-of year, count, label, page)
ASSETS = [
    ("js_2019", "assets_vehicles", 2019, 55, None, 32),
    ("js_2019", "assets_equipment", 2019, 63, "单价20万元以上设备", 32),
    # 截至2025年底: the count is for 2025, not the budget year 2026.
    ("bj_municipal", "assets_vehicles", 2025, 17, None, 9),
    ("bj_municipal", "assets_equipment", 2025, 2, "单价100万元以上设备", 9),
    ("mof_final", "assets_vehicles", 2024, 0, None, 24),
    ("mof_final", "assets_equipment", 2024, 2, "单价100万元以上设备", 24),
    ("sh_budget", "assets_vehicles", 2024, 0, None, 21),
    ("sh_unit_budget", "assets_vehicles", 2024, 0, None, 21),
]


@pytest.mark.parametrize(("name", "key", "year", "count", "label", "page"), ASSETS)
def test_asset_counts(name: str, key: str, year: int, count: int, label: str | None, page: int) -> None:
    fact = only(disclosure(name), key, year, label)
    assert (fact.count, fact.amount_yuan, fact.page) == (count, None, page)
