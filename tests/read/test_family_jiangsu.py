"""Jiangsu provincial 部门预算 (the 2017–18 form and the 2019 公开NN表 form), read from the
published PDFs through their ruled grids: one file, and narrative and tables in two files."""

from __future__ import annotations

from decimal import Decimal

import pytest

from deptbudget import read_disclosure
from deptbudget.audit import audit
from paths import DISCLOSURES

D = Decimal
DOCUMENTS = ("js_2018", "js_2019", "js_2018_two_files")


@pytest.fixture(scope="module")
def read():
    return {name: read_disclosure(DISCLOSURES[name]) for name in DOCUMENTS}


def test_identity_from_the_document(read):
    assert read["js_2019"].layout == "jiangsu-2019" and read["js_2018"].layout == "jiangsu-2018"
    assert read["js_2018_two_files"].layout == "jiangsu-2018"
    # The formal name the table heads print, not the narrative's shortened 人民检察院.
    assert read["js_2019"].department == "江苏省人民检察院" and read["js_2019"].year == 2019
    assert read["js_2018"].department == "江苏省高级人民法院" and read["js_2018"].year == 2018
    assert read["js_2018_two_files"].department == "中共江苏省委办公厅"
    assert all(d.kind == "预算" for d in read.values())


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_table_of_the_form_is_read_in_wan_yuan(read, name):
    d = read[name]
    assert set(d.table_info) >= set(d.expected_tables)
    assert {info.unit for info in d.table_info.values()} == {"万元"}
    assert not [w for w in d.warnings if w.code in ("tables_not_read", "columns_not_matched", "unparsed_row")]
    for key in ("summary", "income", "fiscal_basic", "general_budget", "general_budget_basic", "three_public",
                "admin_operating", "procurement"):
        assert len(d.tables[key]) > 0, key


@pytest.mark.parametrize("name", DOCUMENTS)
def test_rows_add_up_to_the_printed_totals_to_the_fen(read, name):
    d = read[name]
    for key, info in d.table_info.items():
        frame = d.tables[key]
        if key == "three_public":
            frame = frame[frame.level == 1]
        if key in ("summary", "fiscal_summary", "income"):
            continue  # below
        for column, printed in info.printed_totals.items():
            assert sum(frame[column], D(0)) == printed, (key, column)
    assert sum(d.tables["income"].amount_yuan, D(0)) == d.table_info["income"].printed_totals["total_yuan"]
    summary = d.tables["summary"]
    for side in ("income", "expenditure", "expenditure_use"):
        rows = summary[(summary.side == side) & (summary.level == 1)]
        assert sum(rows.amount_yuan, D(0)) == d.table_info["summary"].printed_totals[f"{side}_grand_total_yuan"]


def test_the_forms_quirks(read):
    d = read["js_2019"]
    # 政府性基金预算财政拨款支出预算表 is the fund table, printed empty (此表为空), not 财政拨款支出表.
    assert d.table_info["gov_fund"].page == 20 and d.tables["gov_fund"].empty
    # 功能科目代码 spans two columns over the codes and the names: names stay with their codes.
    fiscal = d.tables["fiscal_expenditure"].set_index("function_code")
    assert fiscal.loc["2040401", "function_name"] == "行政运行"
    # 三公's total is its 小计; 会议费 and 培训费 are a table of their own.
    assert d.table_info["three_public"].printed_totals["budget_yuan"] == D("4182600.00")
    meetings = d.tables["meeting_training"].set_index("item").budget_yuan
    assert meetings["会议费"] == D("1584400.00") and meetings["培训费"] == D("7000000.00")
    # 政府采购: category, project and 经济科目 rows are subtotals of the item rows under them.
    procurement = d.tables["procurement"]
    assert procurement["item"].notna().all()
    assert sum(procurement.amount_yuan, D(0)) == D("27448400.00")
    # 收入预算总表 by source under its groups; 小计 rows are subtotals.
    income = d.tables["income"].set_index("source").amount_yuan
    assert income["一般公共预算资金/公共财政拨款（补助）资金"] == D("241697400.00")


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_fail_of_our_making(read, name):
    findings = audit(read[name])
    fails = set(findings[findings.status == "fail"].check)
    # What these documents do not publish (staff numbers; the 2018 form has no 国有资产 section).
    assert fails <= {"completeness.staff", "completeness.section.assets"}, fails
    assert not findings[findings.check.str.startswith(("total.", "balance.", "narrative."))
                        & (findings.status == "fail")].shape[0]
