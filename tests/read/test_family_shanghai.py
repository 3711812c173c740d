"""Shanghai 部门预算 and 单位预算, read from the published PDFs through their ruled grids."""

from __future__ import annotations

from decimal import Decimal

import pytest

from deptbudget import read_disclosure
from paths import DISCLOSURES

D = Decimal


@pytest.fixture(scope="module")
def budget():
    return read_disclosure(DISCLOSURES["sh_budget"])


@pytest.fixture(scope="module")
def unit_budget():
    return read_disclosure(DISCLOSURES["sh_unit_budget"])


def test_identity_from_the_document(budget, unit_budget):
    assert budget.layout == "shanghai" and budget.kind == "预算"
    assert budget.entity_level == "部门" and unit_budget.entity_level == "单位"
    assert budget.department == "上海市普陀区人民政府办公室" and budget.year == 2025
    assert budget.region == "上海市普陀区"
    assert [s.format for s in budget.sources] == ["pdf"]


def test_every_table_of_the_form_is_found_with_its_own_unit(budget):
    assert set(budget.table_info) >= set(budget.expected_tables)
    assert budget.table_info["summary"].unit == "元"
    assert budget.table_info["three_public"].unit == "万元"
    assert budget.table_info["summary"].page == 8


def test_expenditure_rows_keep_their_empty_cells_in_place(budget):
    rows = budget.tables["expenditure_by_function"].set_index("function_code")
    assert rows.loc["2010301", "basic_yuan"] == D("11919501.84")
    assert rows.loc["2010301", "project_yuan"] == D("110000.00")
    # 一般行政管理事务 has no basic expenditure: its cell is empty, not shifted.
    assert rows.loc["2010302", "basic_yuan"] == D("0.00")
    assert rows.loc["2010302", "project_yuan"] == D("46140000.00")
    info = budget.table_info["expenditure_by_function"]
    assert info.printed_totals == {"total_yuan": D("91016775.35"), "basic_yuan": D("24606775.35"),
                                   "project_yuan": D("66410000.00")}
    # Only 项 rows are rows; 类 and 款 rows are subtotals.
    assert set(rows.index.str.len()) == {7}
    assert {s["code"] for s in info.subtotals} >= {"201", "20103"}


def test_rows_add_up_to_the_printed_totals(budget):
    for key in ("income_by_function", "expenditure_by_function", "general_budget", "general_budget_basic"):
        frame = budget.tables[key]
        for column, printed in budget.table_info[key].printed_totals.items():
            assert sum(frame[column], D(0)) == printed, (key, column)
    assert not [w for w in budget.warnings if w.code == "total_mismatch"]


def test_three_public_in_wan_and_admin_operating(budget):
    items = budget.tables["three_public"].set_index("item_key")["budget_yuan"]
    assert items["outbound"] == D("8390000.00") and items["reception"] == D("285000.00")
    assert budget.table_info["three_public"].printed_totals["budget_yuan"] == D("8675000.00")
    assert budget.tables["admin_operating"]["amount_yuan"].tolist() == [D("2132800.00")]


def test_summary_totals_and_sides(budget):
    info = budget.table_info["summary"]
    assert info.printed_totals["income_grand_total_yuan"] == D("91016775.35")
    frame = budget.tables["summary"]
    top = frame[(frame.side == "income") & (frame.level == 1)]
    assert sum(top.amount_yuan, D(0)) == D("91016775.35")
    assert set(frame[frame.level == 2].parent) == {"一、财政拨款收入"}


def test_rows_know_file_page_and_line(budget):
    frame = budget.tables["general_budget"]
    assert set(frame.file) == {"sh_putuo_gov_office_2025_budget.pdf"}
    assert set(frame.page) <= {14, 15}
    assert (frame.line > 0).all()
