"""The narrative's figures against the tables on published documents: what the document
means by a figure (收入预算 as 本年收入合计 or 收入总计; a 决算's budget-then-actual pair; a
figure cut short rather than rounded), and a changed figure still failing."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from deptbudget import read_disclosure
from deptbudget.audit import audit
from paths import DISCLOSURES


@pytest.fixture(scope="module")
def municipal():
    return read_disclosure(DISCLOSURES["bj_municipal"])


def status(d, check: str) -> str:
    findings = audit(d)
    return findings.set_index("check").status[check]


def test_total_budget_means_the_total_it_agrees_with(municipal):
    # 2026年度收入预算32852.05万元 is the 收入总计 (with money carried in), not 本年收入合计.
    assert status(municipal, "narrative.income_total.2026") == "pass"


def test_a_figure_cut_short_is_a_warn_naming_the_rounding(municipal):
    # 项目支出预算7633.51万元 for a table's 76,335,162.47 元: cut, not rounded, and less than 0.01 万元 off.
    findings = audit(municipal).set_index("check")
    assert findings.status["narrative.project_total.2026"] == "warn"
    assert "截去尾数" in findings.message["narrative.project_total.2026"]


def test_a_changed_figure_still_fails(municipal):
    fact = municipal.fact("project_total", 2026)
    changed = dataclasses.replace(fact, amount_yuan=fact.amount_yuan + Decimal("10000"))
    edited = dataclasses.replace(municipal, facts=[changed if f is fact else f for f in municipal.facts])
    assert status(edited, "narrative.project_total.2026") == "fail"


def test_final_accounts_budget_then_actual():
    # “三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元: 0.95 万元 is the budget.
    d = read_disclosure(DISCLOSURES["mof_final"])
    assert status(d, "narrative.three_public_total.2024") == "pass"
    assert status(d, "narrative.three_public_reception.2024") == "pass"


@pytest.mark.parametrize("name", ["js_2018", "js_2019", "js_2018_two_files"])
def test_jiangsu_meeting_and_training_fees_against_their_table(name):
    d = read_disclosure(DISCLOSURES[name])
    assert d.fact("meeting_fee", d.year) is not None and d.fact("training_fee", d.year) is not None
    assert status(d, f"narrative.meeting_fee.{d.year}") == "pass"
    assert status(d, f"narrative.training_fee.{d.year}") == "pass"
    # An item's 预算支出 (因公出国（境）费预算支出70万元) is not the department's total budget.
    totals = [f for f in d.facts if f.key == "expenditure_total"]
    assert {f.year for f in totals} == {d.year} and all(f.amount_yuan > Decimal("10000000") for f in totals)
