"""The 部门决算 checks on the published PDF, and on copies of it made here that break each one.

Copies change a printed number in the page's content stream (or fill a blank cell, remove a
unit line, drop pages), so the reader sees a document that prints it that way.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from builders.pdf_edit import drop_pages, edit_number, fill_cell, remove_text
from deptbudget import read_disclosure
from deptbudget.audit import audit
from deptbudget.audit.final_accounts import rounding_note
from paths import DISCLOSURES

D = Decimal
SOURCE = DISCLOSURES["mof_final"]
#: The width of one cell of the 三公 table (p18): 预算数 → 决算数.
CELL = 65.80247


@pytest.fixture(scope="module")
def final_audit():
    return audit(read_disclosure(SOURCE))


def _final(frame):
    return frame[frame.check.str.startswith("final.")].set_index("check")


def _row(frame, check):
    rows = frame[frame.check == check]
    assert len(rows) == 1, f"{check}: {len(rows)} rows"
    return rows.iloc[0]


def test_every_final_check_on_the_real_file(final_audit):
    found = _final(final_audit)
    assert final_audit.check.is_unique
    statuses = found.status.to_dict()
    fails = {c for c, s in statuses.items() if s == "fail"}
    # The document's own rounding, one or two units of 0.01 万元 (families.md §6.2): 208 is 326.72
    # in 一般公共预算财政拨款支出决算表 and 326.71 in 财政拨款收入支出决算总表; 301 prints 2,082.85
    # over 款 that add up to 2,082.86, 302 171.07 over 171.09.
    assert fails == {"final.general_budget_fiscal.208", "final.class_rows.general_budget_basic.301.total_yuan",
                     "final.class_rows.general_budget_basic.302.total_yuan"}
    assert not {c for c, s in statuses.items() if s in ("warn", "skipped")}
    assert found.loc["final.general_budget_fiscal.208", "difference_yuan"] == D("100.00")
    assert "末位数字的1个单位" in found.loc["final.general_budget_fiscal.208", "message"]
    assert found.loc["final.class_rows.general_budget_basic.302.total_yuan", "difference_yuan"] == D("200.00")
    assert "末位数字的2个单位" in found.loc["final.class_rows.general_budget_basic.302.total_yuan", "message"]
    for check in ("final.summary.income_balance", "final.summary.expenditure_balance", "final.summary.grand_totals"):
        assert statuses[check] == "pass" and found.loc[check, "actual_yuan"] == D("29953900.00")
    for check in ("final.fiscal_summary.income_balance", "final.fiscal_summary.expenditure_balance",
                  "final.fiscal_summary.expenditure_balance.general_yuan", "final.fiscal_summary.grand_totals"):
        assert statuses[check] == "pass" and found.loc[check, "actual_yuan"] == D("29616800.00")
    assert "使用非财政拨款结余（含专用结余）＋年初结转和结余" in found.loc["final.summary.income_balance", "message"]
    assert "第6页 第113行" in found.loc["final.summary.income_balance", "evidence"]
    assert statuses["final.general_budget_fiscal.total"] == "pass"
    assert {c.rsplit(".", 1)[1] for c in statuses if c.startswith("final.general_budget_fiscal.")} == {
        "total", "201", "208", "210", "221"}
    assert statuses["final.basic_total"] == "pass"
    assert found.loc["final.basic_total", "actual_yuan"] == D("23369100.00")
    for key in ("gov_fund_final", "state_capital_final"):
        for field in ("income_yuan", "opening_yuan", "total_yuan", "closing_yuan"):
            assert statuses[f"final.{key}.{field}"] == "pass"
        assert "故本表无数据" in found.loc[f"final.{key}.total_yuan", "evidence"]
    for key in ("income_by_function", "expenditure_by_function", "general_budget"):
        assert statuses[f"final.class_rows.{key}"] == "pass"
    reception = found.loc["final.three_public.reception"]
    assert (reception.status, reception.expected_yuan, reception.actual_yuan) == ("pass", D("9500.00"), D("0.00"))
    assert "执行率0.00%" in reception.message


def test_completeness_of_the_nine_tables(final_audit):
    tables = final_audit[final_audit.check.str.startswith("completeness.table.")]
    assert len(tables) == 9 and set(tables.status) == {"pass"}


def test_a_budget_gets_no_final_checks():
    frame = audit(read_disclosure(DISCLOSURES["sh_budget"]))
    assert not frame.check.str.startswith("final.").any()


def test_rounding_note_only_for_what_rounding_can_cause():
    step = D("100.00")
    assert "1个单位" in rounding_note(D("-100.00"), step, 1)
    assert "2个单位" in rounding_note(D("200.00"), step, 13)
    assert rounding_note(D("200.00"), step, 1) is None  # two printings of one figure: at most one unit
    assert rounding_note(D("1000.00"), step, 3) is None
    assert rounding_note(D("50.00"), step, 13) is None  # not a whole unit of the last printed digit


# --- fault copies -------------------------------------------------------------------------------


@pytest.fixture
def copy(tmp_path):
    def _edit(page: int, old: str, new: str, occurrence: int = 0):
        path = edit_number(SOURCE, tmp_path / "edited.pdf", page, old, new, occurrence, tmp=tmp_path)
        return audit(read_disclosure(path))

    return _edit


def test_summary_income_total_that_does_not_balance(copy):
    frame = copy(7, "2,995.39", "2,995.49")  # 收入 总计 on p7
    income = _row(frame, "final.summary.income_balance")
    assert income.status == "fail" and income.difference_yuan == D("-1000.00")
    assert "末位" not in income.message  # ten units: no rounding
    assert _row(frame, "final.summary.expenditure_balance").status == "pass"
    assert _row(frame, "final.summary.grand_totals").status == "fail"


def test_fiscal_opening_balance_that_does_not_balance(copy):
    frame = copy(13, "21.63", "21.73")  # 年初财政拨款结转和结余, the first 21.63 on p13
    assert _row(frame, "final.fiscal_summary.income_balance").status == "fail"
    assert _row(frame, "final.fiscal_summary.income_balance").difference_yuan == D("1000.00")
    assert _row(frame, "final.fiscal_summary.expenditure_balance").status == "pass"


def test_general_budget_class_row_against_the_fiscal_column(copy):
    frame = copy(15, "2,106.66", "2,106.76")  # the 201 类 row of 一般公共预算财政拨款支出决算表
    lei = _row(frame, "final.general_budget_fiscal.201")
    assert lei.status == "fail" and lei.difference_yuan == D("1000.00")
    assert "第15页 第238行" in lei.evidence
    assert _row(frame, "final.class_rows.general_budget.201.total_yuan").status == "fail"
    assert _row(frame, "final.general_budget_fiscal.total").status == "pass"


def test_basic_table_totals_against_the_basic_column(copy):
    frame = copy(17, "184.65", "184.75")  # 公用经费合计
    basic = _row(frame, "final.basic_total")
    assert basic.status == "fail" and basic.difference_yuan == D("1000.00")


def test_three_public_actual_above_budget_is_a_warning_not_a_disagreement(tmp_path):
    once = fill_cell(SOURCE, tmp_path / "once.pdf", 18, "0.95", "1.20", CELL, occurrence=1, tmp=tmp_path)
    both = fill_cell(once, tmp_path / "both.pdf", 18, "0.95", "1.20", CELL, occurrence=0, tmp=tmp_path)
    frame = audit(read_disclosure(both))
    for check in ("final.three_public.reception", "final.three_public.total"):
        row = _row(frame, check)
        assert row.status == "warn"
        assert (row.expected_yuan, row.actual_yuan) == (D("9500.00"), D("12000.00"))
        assert "执行率126.32%" in row.message and "不是文件内部的不一致" in row.message
    assert _row(frame, "final.three_public.outbound").status == "pass"


def test_a_missing_table_fails_completeness_and_skips_its_checks(tmp_path):
    three_public_gone = read_disclosure(drop_pages(SOURCE, tmp_path / "no18.pdf", [18]))
    frame = audit(three_public_gone)
    assert "three_public" not in three_public_gone.table_info
    assert _row(frame, "completeness.table.three_public").status == "fail"
    assert set(frame[frame.check.str.startswith("completeness.table.")].status) == {"pass", "fail"}
    skipped = _row(frame, "final.three_public")
    assert skipped.status == "skipped" and "缺少" in skipped.message
    basic_gone = read_disclosure(drop_pages(SOURCE, tmp_path / "no16.pdf", [16, 17]))
    frame = audit(basic_gone)
    assert _row(frame, "completeness.table.general_budget_basic").status == "fail"
    assert _row(frame, "final.basic_total").status == "skipped"
    assert _row(frame, "final.summary.income_balance").status == "pass"


def test_a_table_without_its_unit_line_is_not_judged(tmp_path):
    path = remove_text(SOURCE, tmp_path / "no_unit.pdf", 18, "单位：万元", tmp=tmp_path)
    d = read_disclosure(path)
    assert d.table_info["three_public"].extra["unit_stated"] is False
    row = _row(audit(d), "final.three_public")
    assert row.status == "skipped" and "没有印出金额单位" in row.message


def test_a_summary_cut_before_its_balances_is_skipped_not_failed(tmp_path):
    frame = audit(read_disclosure(drop_pages(SOURCE, tmp_path / "no7.pdf", [7])))
    for check in ("final.summary.income_balance", "final.summary.expenditure_balance",
                  "final.summary.grand_totals"):
        assert _row(frame, check).status == "skipped"
