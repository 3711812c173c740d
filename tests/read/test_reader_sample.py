"""The reader on the bundled sample: every table, exact amounts, provenance, inferences."""

from __future__ import annotations

from decimal import Decimal

import pytest

from deptbudget.core.model import BEIJING_KEYS as TABLE_KEYS
from deptbudget.core.model import TABLE_COLUMNS

D = Decimal


def test_all_tables_found_with_standard_columns(sample):
    assert set(sample.tables) == set(TABLE_KEYS)
    for key, frame in sample.tables.items():
        assert list(frame.columns[: len(TABLE_COLUMNS[key])]) == TABLE_COLUMNS[key], key
        assert {"page", "line", "end_line"} <= set(frame.columns)
    numbers = [sample.table_info[k].number for k in TABLE_KEYS]
    assert numbers == list(range(1, 15))


def test_year_unit_and_source(sample):
    assert sample.year == 2024
    assert sample.unit == "万元"
    assert len(sample.sha256) == 64
    assert sample.encoding == "utf-8"


@pytest.mark.parametrize(
    ("key", "rows"),
    [
        ("summary", 18), ("income", 8), ("expenditure", 30), ("projects", 5),
        ("general_budget", 9), ("general_budget_basic", 27), ("gov_fund", 0),
        ("state_capital", 0), ("three_public", 5), ("purchased_services", 6),
        ("transfer_payments", 0),
    ],
)
def test_row_counts(sample, key, rows):
    assert len(sample.tables[key]) == rows
    assert sample.table_info[key].rows == rows


def test_expenditure_wrapped_row_is_exact(sample):
    exp = sample.tables["expenditure"]
    first = exp.iloc[0]
    assert first.function_code == "2010301"
    assert first.function_name == "行政运行"
    assert first.gov_econ_name == "工资奖金津补贴"  # wrapped over two lines in the source
    assert first.dept_econ_code == "30101"
    assert first.total_yuan == D("657156.00")
    assert (first.page, first.line, first.end_line) == (8, 306, 310)
    long_name = exp[exp.function_code == "2010399"].iloc[0]
    assert long_name.function_name == "其他政府办公厅（室）及相关机构事务支出"


def test_codes_stay_text(sample):
    for frame in sample.tables.values():
        for column in frame.columns:
            if column.endswith("_code"):
                assert all(v is None or isinstance(v, str) for v in frame[column]), column


def test_columns_add_up_to_printed_totals_where_the_disclosure_agrees(sample):
    for key in ("expenditure", "general_budget", "projects", "three_public"):
        info = sample.table_info[key]
        frame = sample.tables[key]
        for column, printed in info.printed_totals.items():
            assert sum(frame[column], D(0)) == printed, (key, column)


def test_basic_vs_project_inferred_from_the_projects_table(sample):
    exp = sample.tables["expenditure"]
    assert sum(exp.project_yuan, D(0)) == D("1198100.00")
    assert sum(exp.basic_yuan, D(0)) == D("5290657.84")
    project_rows = exp[exp.project_yuan > 0]
    assert set(project_rows.function_code) == {"2010302", "2010399"}
    evidence = [i for i in sample.inferences if i.table == "expenditure" and i.column == "project_yuan"]
    assert evidence and all("项目支出表" in i.evidence for i in evidence)


def test_personnel_vs_public_uses_printed_total_against_the_classification(sample):
    basic = sample.tables["general_budget_basic"]
    assert sum(basic.public_yuan, D(0)) == sample.table_info["general_budget_basic"].printed_totals[
        "public_yuan"
    ]
    # 30239 is 商品和服务 by classification, yet only counting it as 人员经费 makes 公用经费 add up.
    row = basic[basic.dept_econ_code == "30239"].iloc[0]
    assert row.personnel_yuan == row.total_yuan and row.public_yuan == 0
    flipped = [i for i in sample.inferences if i.table == "general_budget_basic" and i.line == row.end_line]
    assert "合计" in flipped[0].evidence


def test_the_disclosures_own_disagreement_is_a_warning_with_the_difference(sample):
    mismatches = [w for w in sample.warnings if w.code == "total_mismatch"]
    assert {(w.table, w.message.split(" column ")[1].split(":")[0]) for w in mismatches} == {
        ("general_budget_basic", "total_yuan"),
        ("general_budget_basic", "personnel_yuan"),
    }
    assert all("390,324.00 元" in w.message for w in mismatches)


def test_summary_sides_and_empty_cells(sample):
    summary = sample.tables["summary"]
    income = summary[summary.side == "income"]
    spend = summary[summary.side == "expenditure"]
    assert sum(income.amount_yuan, D(0)) == D("6488757.84")
    assert sum(spend.amount_yuan, D(0)) == D("6488757.84")
    edu = spend[spend.item.str.contains("教育")].iloc[0]
    assert edu.amount_yuan == 0 and not edu.printed
    totals = sample.table_info["summary"].printed_totals
    assert totals["income_current_total_yuan"] == totals["expenditure_grand_total_yuan"]


def test_fiscal_summary_wrapped_item(sample):
    fs = sample.tables["fiscal_summary"]
    item = fs[fs.item == "一、一般公共预算财政拨款本年支出"].iloc[0]
    assert item.side == "expenditure" and item.amount_yuan == D("6488757.84")
    carry = fs[fs.item == "三、结转下年"].iloc[0]
    assert carry.side == "expenditure"


def test_projects_vertical_names(sample):
    projects = sample.tables["projects"]
    assert projects.project_name.str.len().min() >= 4
    assert not projects.project_name.str.contains("名称|科目|预算").any()
    assert sum(projects.total_yuan, D(0)) == D("1198100.00")


def test_three_public_items(sample):
    tp = sample.tables["three_public"].set_index("item_key")
    assert tp.loc["reception", "budget_yuan"] == D("2147.52")
    assert tp.loc["reception", "prior_year_yuan"] == D("2142.24")
    assert tp.loc["vehicle_running", "level"] == 2


def test_purchased_services(sample):
    ps = sample.tables["purchased_services"]
    assert ps.catalog_code.tolist()[0] == "A0501"
    assert sum(ps.amount_yuan, D(0)) == D("648100.00")
    wrapped = ps[ps.catalog_code == "B1001"].iloc[0]
    assert wrapped["item"].endswith("出入境系统运维费用")


def test_empty_tables_keep_their_columns(sample):
    for key in ("gov_fund", "state_capital", "transfer_payments"):
        assert sample.tables[key].empty
        assert list(sample.tables[key].columns[: len(TABLE_COLUMNS[key])]) == TABLE_COLUMNS[key]


def test_inferences_say_whether_their_evidence_is_strong(sample):
    """Evidence from another table or from the printed totals settles a column; the
    classification's usual practice alone does not (those are the ones to check)."""
    by_evidence = {i.evidence: i.strong for i in sample.inferences}
    no_project = [e for e in by_evidence if "没有项目" in e]
    assert no_project and all(by_evidence[e] for e in no_project)
    totals = [e for e in by_evidence if "各行之和才等于" in e]
    assert totals and all(by_evidence[e] for e in totals)
    usual = [e for e in by_evidence if e.startswith("按部门经济分类") and "通常" in e]
    assert usual and not any(by_evidence[e] for e in usual)
    assert all(isinstance(i.to_json()["strong"], bool) for i in sample.inferences)
