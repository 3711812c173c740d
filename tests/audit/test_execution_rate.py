"""``arith.execution_rate``: a 决算's printed 完成预算% against its own budget and actual, on the
published 决算 and on short edits of its sentences; and the new figures' checks on the corpus."""

from __future__ import annotations

import dataclasses
import re
from functools import cache

import pandas as pd
import pytest

from deptbudget import read_disclosure
from deptbudget.audit import audit
from deptbudget.core.model import Disclosure
from deptbudget.read.layout import split_layout
from deptbudget.read.narrative import read_narrative
from deptbudget.read.sources.text import source_from_bytes
from paths import DISCLOSURES, SAMPLE

#: The corpus: the published disclosures and the bundled text sample.
DOCUMENTS = {**DISCLOSURES, "sample": SAMPLE}
# As printed on page 21 of the 决算.
SENTENCE = "一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。"


@cache
def disclosure(name: str) -> Disclosure:
    return read_disclosure(DOCUMENTS[name])


@cache
def findings(name: str) -> pd.DataFrame:
    return audit(disclosure(name)).set_index("check")


def with_narrative(d: Disclosure, text: str) -> pd.DataFrame:
    """The audit of ``d`` with its narrative facts replaced by those read from ``text``."""
    lines = split_layout(source_from_bytes(text.encode("utf-8")).lines).narrative
    facts = read_narrative(lines, year_hint=d.year).facts
    return audit(dataclasses.replace(d, facts=facts)).set_index("check")


def test_printed_rates_agree_on_the_final_accounts() -> None:
    found = findings("mof_final")
    check = "arith.execution_rate.general_budget_expenditure"
    assert found.status[check] == "pass"
    assert "98.20%" in found.message[check] and "一般公共预算拨款支出" in found.message[check]
    assert found.evidence[check] == "情况说明 第21页 第401行"
    # “三公”经费 0.00 of 0.95 万元 is the printed 0%.
    assert found.status["arith.execution_rate.three_public_total"] == "pass"


@pytest.mark.parametrize("key", ["three_public_outbound", "three_public_reception", "three_public_vehicles"])
def test_a_rate_without_its_budget_is_skipped(key: str) -> None:
    # 公务接待费支出决算为0.00万元，完成预算的0%: the item's budget is only in the table.
    found = findings("mof_final")
    assert found.status[f"arith.execution_rate.{key}"] == "skipped"
    assert "未印出其预算数" in found.message[f"arith.execution_rate.{key}"]


@pytest.mark.parametrize("name", ["sh_budget", "js_2019", "bj_municipal"])
def test_budgets_print_no_execution_rate(name: str) -> None:
    assert not [c for c in findings(name).index if c.startswith("arith.execution_rate.")]


def test_a_rate_that_disagrees_fails() -> None:
    edited = with_narrative(disclosure("mof_final"), SENTENCE.replace("98.20%", "92.80%") + "\n")
    check = "arith.execution_rate.general_budget_expenditure"
    assert edited.status[check] == "fail"
    assert "92.80%" in edited.message[check] and "98.20%" in edited.message[check]


def test_the_rate_is_compared_at_its_printed_decimals() -> None:
    # 98.2% printed to one decimal is 2940.05 / 2993.92 = 98.2007…% rounded, not a difference.
    edited = with_narrative(disclosure("mof_final"), SENTENCE.replace("98.20%", "98.2%") + "\n")
    assert edited.status["arith.execution_rate.general_budget_expenditure"] == "pass"
    edited = with_narrative(disclosure("mof_final"), SENTENCE.replace("98.20%", "98.3%") + "\n")
    assert edited.status["arith.execution_rate.general_budget_expenditure"] == "fail"


def test_a_rate_off_only_by_the_amounts_rounding_warns() -> None:
    # 0.02 / 0.07 万元 is 28.57%, printed as 30%: true amounts within 50 元 of each give it.
    sentence = "“三公”经费财政拨款支出年初预算为0.07万元，支出决算为0.02万元，完成预算的30%。\n"
    edited = with_narrative(disclosure("mof_final"), sentence)
    assert edited.status["arith.execution_rate.three_public_total"] == "warn"
    assert "四舍五入" in edited.message["arith.execution_rate.three_public_total"]
    # Far outside the rounding it fails.
    edited = with_narrative(disclosure("mof_final"), sentence.replace("30%", "60%"))
    assert edited.status["arith.execution_rate.three_public_total"] == "fail"


def test_a_zero_budget_is_skipped() -> None:
    sentence = "“三公”经费财政拨款支出年初预算为0.00万元，支出决算为0.00万元，完成预算的0%。\n"
    edited = with_narrative(disclosure("mof_final"), sentence)
    assert edited.status["arith.execution_rate.three_public_total"] == "skipped"
    assert "预算数为0" in edited.message["arith.execution_rate.three_public_total"]


def test_final_accounts_grand_totals_and_budget_against_the_tables() -> None:
    found = findings("mof_final")
    # 收入支出总计2995.39万元 is the 收入支出决算总表's 总计, both sides.
    assert found.status["narrative.income_grand_total.2024"] == "pass"
    assert found.status["narrative.expenditure_grand_total.2024"] == "pass"
    # The 0.95 万元 年初预算 is the 三公 table's budget column.
    assert found.status["narrative.three_public_total_budget.2024"] == "pass"
    # A figure whose table column is not settled is skipped with that reason, not compared.
    assert found.status["narrative.fiscal_income.2024"] == "skipped"
    assert "同一口径尚未确定" in found.message["narrative.fiscal_income.2024"]


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_messages_name_figures_in_chinese(name: str) -> None:
    # Every fact key the reader gives has a Chinese label: no message shows a key like fiscal_income.
    messages = findings(name).message
    assert not [m for m in messages if re.search(r"[a-z]+_[a-z_]+", m)]
