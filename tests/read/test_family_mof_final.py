"""The Ministry of Finance 9-table 部门决算, read from the published PDF through its ruled grids.

Figures are the document's (``data/raw/sh_putuo_finance_2024_final.pdf``), in 万元 with two
decimals, read as exact 元. Where its rows and its printed totals disagree, the disagreement is
the document's own rounding (families.md §6.2), listed here exactly.
"""

from __future__ import annotations

import time
from decimal import Decimal

import pytest

from deptbudget import read_disclosure
from deptbudget.read.families import detect_family
from deptbudget.read.grids.table import BodyRow, GridTable, side_by_side_halves
from paths import DISCLOSURES

D = Decimal


def wan(text: str) -> Decimal:
    """A printed 万元 figure in 元."""
    return (D(text) * 10000).quantize(D("0.01"))


@pytest.fixture(scope="module")
def final():
    return read_disclosure(DISCLOSURES["mof_final"])


def test_identity_from_the_document(final):
    assert final.layout == "mof-final" and final.kind == "决算"
    assert final.department == "上海市普陀区财政局" and final.year == 2024
    assert final.entity_level == "部门" and final.region == "上海市普陀区"
    assert final.unit == "万元"


def test_every_table_of_the_form_with_its_page_unit_and_basis(final):
    pages = {key: info.page for key, info in final.table_info.items()}
    assert pages == {"summary": 6, "income_by_function": 8, "expenditure_by_function": 10, "fiscal_summary": 12,
                     "general_budget": 15, "general_budget_basic": 16, "three_public": 18, "gov_fund_final": 19,
                     "state_capital_final": 20}
    assert set(final.table_info) == set(final.expected_tables)
    for info in final.table_info.values():
        assert info.unit == "万元" and info.extra["basis"] == "actual"
    assert not [w for w in final.warnings if w.code in (
        "columns_not_matched", "unparsed_row", "damaged_amount", "table_not_read", "unit_not_stated")]


def test_summary_items_balances_and_totals(final):
    frame = final.tables["summary"]
    income = frame[frame.side == "income"].set_index("item").amount_yuan
    spend = frame[frame.side == "expenditure"].set_index("item").amount_yuan
    assert income["一、一般公共预算财政拨款收入"] == wan("2940.05") and income["八、其他收入"] == wan("6.20")
    assert len([i for i in income.index if "、" in i]) == 8
    assert spend["八、社会保障和就业支出"] == wan("326.71")
    assert len([i for i in spend.index if i.endswith("支出")]) == 26
    # The balances below 本年合计 are items of their sides, not totals.
    assert income["年初结转和结余"] == wan("49.14") and income["使用非财政拨款结余（含专用结余）"] == 0
    assert spend["年末结转和结余"] == wan("55.34") and spend["结余分配"] == 0
    assert final.table_info["summary"].printed_totals == {
        "income_current_total_yuan": wan("2946.25"), "expenditure_current_total_yuan": wan("2940.05"),
        "income_grand_total_yuan": wan("2995.39"), "expenditure_grand_total_yuan": wan("2995.39"),
    }
    assert final.table_info["summary"].extra["totals_at"]["income_current_total"] == [6, 113]


def test_fiscal_summary_fund_columns_and_carry_over_rows(final):
    frame = final.tables["fiscal_summary"]
    row = frame[frame.item == "一、一般公共服务支出"].iloc[0]
    assert row.amount_yuan == row.general_yuan == wan("2106.66")
    opening = frame[frame.item == "年初财政拨款结转和结余"].iloc[0]
    assert opening.amount_yuan == wan("21.63") and opening.level == 1
    parts = frame[frame.parent == "年初财政拨款结转和结余"]
    assert list(parts["item"]) == ["一、一般公共预算财政拨款", "二、政府性基金预算财政拨款",
                                   "三、国有资本经营预算财政拨款"]
    assert list(parts.amount_yuan) == [wan("21.63"), 0, 0]
    closing = frame[frame.item == "年末财政拨款结转和结余"].iloc[0]
    assert closing.general_yuan == wan("21.63")
    totals = final.table_info["fiscal_summary"].printed_totals
    assert totals["income_grand_total_yuan"] == totals["expenditure_grand_total_yuan"] == wan("2961.68")
    assert totals["expenditure_current_total_general_yuan"] == wan("2940.05")


def test_income_by_function_every_source_column(final):
    rows = final.tables["income_by_function"].set_index("function_code")
    assert list(rows.index) == ["2010601", "2010602", "2010607", "2010608", "2080501", "2080505", "2080506",
                                "2080599", "2101101", "2210201", "2210203"]
    assert rows.loc["2010602", "total_yuan"] == wan("16.19")
    assert rows.loc["2010602", "fiscal_yuan"] == wan("10.00") and rows.loc["2010602", "other_yuan"] == wan("6.19")
    assert rows.loc["2010602", "superior_subsidy_yuan"] == 0
    info = final.table_info["income_by_function"]
    # 合计 is the FIRST row, printed beside 类 款 项, which name the code columns.
    assert info.printed_totals == {"total_yuan": wan("2946.25"), "fiscal_yuan": wan("2940.05"),
                                   "other_yuan": wan("6.20")}
    assert info.totals_place.page == 8
    assert {s["code"] for s in info.subtotals} == {"201", "20106", "208", "20805", "210", "21011", "221", "22102"}


def test_expenditure_and_general_budget_by_function(final):
    for key in ("expenditure_by_function", "general_budget"):
        rows = final.tables[key].set_index("function_code")
        assert rows.loc["2010601", "basic_yuan"] == wan("1503.52")
        assert rows.loc["2010601", "project_yuan"] == wan("8.37")
        assert rows.loc["2010602", "basic_yuan"] == 0  # an empty cell stays in its column
        totals = final.table_info[key].printed_totals
        assert {k: totals[k] for k in ("total_yuan", "basic_yuan", "project_yuan")} == {
            "total_yuan": wan("2940.05"), "basic_yuan": wan("2336.91"), "project_yuan": wan("603.14")}
    assert set(final.tables["expenditure_by_function"].remit_upper_yuan) == {0}


def test_basic_table_reads_both_halves(final):
    frame = final.tables["general_budget_basic"]
    rows = frame.set_index("dept_econ_code")
    assert len(frame) == 60  # 13 + 11 款 on the left, 27 + 9 on the right, blanks included
    assert rows.loc["30101", "total_yuan"] == wan("262.33") and rows.loc["30101", "personnel_yuan"] == wan("262.33")
    assert rows.loc["30309", "total_yuan"] == wan("0.31")
    assert rows.loc["30239", "dept_econ_name"] == "其他交通费用"
    assert rows.loc["30239", "public_yuan"] == wan("48.49") and rows.loc["30239", "personnel_yuan"] == 0
    assert rows.loc["30212", "dept_econ_name"] == "因公出国（境）费用"  # letter-spaced, wrapped
    assert rows.loc["31002", "total_yuan"] == wan("13.58")
    info = final.table_info["general_budget_basic"]
    assert info.printed_totals == {"personnel_yuan": wan("2152.26"), "public_yuan": wan("184.65")}
    classes = {s["code"]: s["total_yuan"] for s in info.subtotals}
    assert classes == {"301": wan("2082.85"), "302": wan("171.07"), "303": wan("69.41"), "310": wan("13.58")}


def test_three_public_budget_and_actual(final):
    items = final.tables["three_public"].set_index("item_key")
    assert items.loc["reception", "budget_yuan"] == wan("0.95")
    assert items.loc["reception", "actual_yuan"] == 0
    assert set(items.loc[["outbound", "vehicles", "vehicle_purchase", "vehicle_running"], "budget_yuan"]) == {0}
    assert final.table_info["three_public"].printed_totals == {"budget_yuan": wan("0.95"), "actual_yuan": D("0.00")}


def test_fund_tables_empty_with_their_notes(final):
    for key, word in (("gov_fund_final", "政府性基金"), ("state_capital_final", "国有资本经营")):
        assert final.tables[key].empty
        assert list(final.tables[key].columns[:8]) == [
            "function_code", "function_name", "opening_yuan", "income_yuan", "total_yuan", "basic_yuan",
            "project_yuan", "closing_yuan"]
        assert f"无{word}预算财政拨款支出" in final.table_info[key].extra["table_notes"]


def test_only_the_documents_own_rounding_differs_from_printed_totals(final):
    mismatches = {(w.table, w.message.split(" column ")[1].split(":")[0]) for w in final.warnings
                  if w.code == "total_mismatch"}
    assert mismatches == {
        ("income_by_function", "total_yuan"), ("income_by_function", "fiscal_yuan"),
        ("expenditure_by_function", "total_yuan"), ("expenditure_by_function", "basic_yuan"),
        ("general_budget", "total_yuan"), ("general_budget", "basic_yuan"),
        ("general_budget_basic", "personnel_yuan"), ("general_budget_basic", "public_yuan"),
    }
    for w in final.warnings:
        if w.code == "total_mismatch":
            assert "(difference -100.00 元)" in w.message or (
                w.table == "general_budget_basic" and "(difference -200.00 元)" in w.message)
    subtotal = sorted(w.message.split(" ")[0] for w in final.warnings if w.code == "subtotal_mismatch")
    assert subtotal == ["301", "302"]  # 2,082.85 against its 款 2,082.86; 171.07 against 171.09


def test_reads_fast(final):
    start = time.perf_counter()
    read_disclosure(DISCLOSURES["mof_final"])
    assert time.perf_counter() - start < 3.0


def test_budget_families_are_not_taken_for_final_accounts():
    assert detect_family(["2025年部门财务收支预算总表", "编制部门：某部门"]).name == "shanghai"
    assert detect_family(["收入支出决算总表", "收入决算表", "支出决算表", "2024年度部门决算"]).name == "mof-final"


def test_side_by_side_halves_split_only_repeated_headers():
    row = BodyRow(("301", "01", "基本工资", "1.00", "302", "01", "办公费", ""), 1, 1, 1, "f")
    table = GridTable(["类", "款", "名称", "决算数"] * 2, [row])
    left, right = side_by_side_halves(table)
    assert left.rows[0].cells == ("301", "01", "基本工资", "1.00")
    assert right.rows[0].cells == ("302", "01", "办公费", "")
    assert side_by_side_halves(GridTable(["类", "款", "名称", "合计"], [row])) is None


def test_items_with_value_groups_above_or_below_the_item():
    from deptbudget.read.families.readers import THREE_PUBLIC_ITEMS
    from deptbudget.read.grids.items import read_items

    values = {"budget_yuan": ("预算数",), "actual_yuan": ("决算数",)}
    row = BodyRow(("1.00", "0.40", "0.60", "0.90", "0.30", "0.60"), 1, 1, 1, "f")
    above = GridTable(["预算数/合计", "预算数/因公出国（境）费", "预算数/公务接待费",
                       "决算数/合计", "决算数/因公出国（境）费", "决算数/公务接待费"], [row])
    below = GridTable(["三公/合计/预算数", "三公/因公出国（境）费/预算数", "三公/公务接待费/预算数",
                       "三公/合计/决算数", "三公/因公出国（境）费/决算数", "三公/公务接待费/决算数"], [row])
    for table in (above, below):
        parsed = read_items(table, "three_public", THREE_PUBLIC_ITEMS, "万元", "f", values)
        by_key = {r["item_key"]: (r["budget_yuan"], r["actual_yuan"]) for r in parsed.records}
        assert by_key == {"outbound": (D("4000.00"), D("3000.00")), "reception": (D("6000.00"), D("6000.00"))}
        assert parsed.printed_totals == {"budget_yuan": D("10000.00"), "actual_yuan": D("9000.00")}
    unknown = read_items(GridTable(["甲", "乙"], [row]), "three_public", THREE_PUBLIC_ITEMS, "万元", "f", values)
    assert unknown.extra["unread"] == "columns_not_matched" and not unknown.records


def test_basic_table_groups_named_by_their_heading_and_not_repeated():
    from deptbudget.read.families.mof_final import FAMILY

    labels = ["人员经费/科目编码/类", "人员经费/科目编码/款", "人员经费/科目名称", "人员经费/决算数",
              "公用经费/科目编码/类", "公用经费/科目编码/款", "公用经费/科目名称", "公用经费/决算数"]
    rows = [BodyRow(("301", "", "工资福利支出", "3.00", "302", "", "商品和服务支出", "1.00"), 1, 1, 1, "f"),
            BodyRow(("301", "01", "基本工资", "3.00", "302", "01", "办公费", "1.00"), 1, 2, 2, "f")]
    (parsed,) = FAMILY.readers["general_budget_basic"](GridTable(labels, rows), "万元", "f")
    by_code = {r["dept_econ_code"]: (r["personnel_yuan"], r["public_yuan"]) for r in parsed.records}
    assert by_code == {"30101": (D("30000.00"), D("0.00")), "30201": (D("0.00"), D("10000.00"))}
    assert {s["code"] for s in parsed.subtotals} == {"301", "302"}
    # Two 决算数 columns that are not one group repeated: not read, and said so.
    odd = GridTable(["类", "款", "名称", "决算数", "名称", "决算数"], rows)
    (parsed,) = FAMILY.readers["general_budget_basic"](odd, "万元", "f")
    assert parsed.extra["unread"] == "columns_not_matched" and not parsed.records
