"""Beijing 部门预算 read from the published PDFs through their ruled grids: the municipal 2026
form (预算01表 … 预算13表, two files) as published, and the district 14-table form's grids."""

from __future__ import annotations

from decimal import Decimal

import pytest

from deptbudget import read_disclosure
from deptbudget.core.model import TABLE_COLUMNS
from deptbudget.read.families.beijing import FAMILY, MUNICIPAL_EXPECTED
from paths import DISCLOSURES

D = Decimal
FOLDER = DISCLOSURES["bj_municipal"]
NARRATIVE, TABLES = "bj_audit_bureau_2026_budget-1.pdf", "bj_audit_bureau_2026_budget-2.pdf"


@pytest.fixture(scope="module")
def bj():
    return read_disclosure(FOLDER)


def test_identity_from_the_document(bj):
    assert (bj.layout, bj.kind, bj.entity_level) == ("beijing", "预算", "部门")
    assert bj.department == "北京市审计局" and bj.year == 2026 and bj.region == "北京市"
    assert [(s.name, s.format, s.pages) for s in bj.sources] == [(NARRATIVE, "pdf", 10), (TABLES, "pdf", 21)]
    assert bj.expected_tables == MUNICIPAL_EXPECTED


def test_the_tables_file_alone_names_its_department_and_year():
    """Only 预算13表 names them: ``部门名称 | 北京市审计局`` and ``（2026年度）``."""
    d = read_disclosure(FOLDER / TABLES)
    assert d.department == "北京市审计局" and d.year == 2026
    assert d.table_info["overall_performance"].title == "预算13表 部门整体支出绩效目标表（2026年度）"


def test_every_table_found_with_its_mark_page_and_unit(bj):
    assert list(bj.table_info) == [*MUNICIPAL_EXPECTED[:11], "project_performance", "overall_performance"]
    info = {k: (i.number, i.page, i.unit, i.file) for k, i in bj.table_info.items()}
    assert info["summary"] == (1, 1, "万元", TABLES)
    assert info["purchased_services"] == (11, 11, "万元", TABLES)
    assert info["project_performance"] == (12, 12, "万元", TABLES)  # printed 预算表12
    # 预算13表 prints no unit line: its unit is the header's 总体资金情况（万元）.
    assert info["overall_performance"] == (13, 20, "万元", TABLES)
    assert not [w for w in bj.warnings if w.code in ("missing_table", "unit_not_stated", "columns_not_matched",
                                                      "unparsed_row", "damaged_amount", "table_not_read")]


@pytest.mark.parametrize(("key", "rows"), [
    ("summary", 37), ("income", 14), ("expenditure", 64), ("fiscal_summary", 34), ("general_budget", 25),
    ("general_budget_basic", 42), ("gov_fund", 0), ("state_capital", 0), ("three_public", 5),
    ("procurement", 2), ("purchased_services", 23), ("project_performance", 168), ("overall_performance", 32),
])
def test_row_counts_and_standard_columns(bj, key, rows):
    frame = bj.tables[key]
    assert len(frame) == rows == bj.table_info[key].rows
    assert list(frame.columns[: len(TABLE_COLUMNS[key])]) == TABLE_COLUMNS[key]


def test_every_column_adds_up_to_its_printed_total(bj):
    checked = 0
    for key, info in bj.table_info.items():
        frame = bj.tables[key]
        if key == "three_public":
            frame = frame[frame.level == 1]
        for column, printed in info.printed_totals.items():
            if column in frame.columns and key not in ("income", "overall_performance"):
                assert sum(frame[column], D(0)) == printed, (key, column)
                checked += 1
    assert checked == 15  # 03: 3, 05: 6, 06: 3, 09, 10, 11: 1 each
    assert not [w for w in bj.warnings if w.code == "total_mismatch"]


def test_summary_sides_totals_and_carry_over(bj):
    frame, totals = bj.tables["summary"], bj.table_info["summary"].printed_totals
    assert totals == {
        "income_current_total_yuan": D("323800900.89"), "expenditure_current_total_yuan": D("328520538.32"),
        "income_grand_total_yuan": D("328520538.32"), "expenditure_grand_total_yuan": D("328520538.32")}
    income = frame[frame.side == "income"]
    assert income.item.tolist()[0] == "一、一般公共预算拨款收入" and len(income) == 10
    assert sum(income[~income.item.str.contains("结转")].amount_yuan, D(0)) == totals["income_current_total_yuan"]
    carried = income[income.item == "上年结转结余"].iloc[0]
    assert carried.amount_yuan == D("4719637.43") and (carried.page, carried.line) == (1, 32)
    spending = frame[frame.side == "expenditure"]
    # All 26 classes are printed, the empty ones blank (0, not printed).
    assert len(spending) == 27 and spending.iloc[25]["item"] == "二十六、抗疫特别国债安排的支出"
    assert not spending.iloc[1].printed and spending.iloc[1].amount_yuan == D("0.00")


def test_fiscal_summary_carry_over_parts_are_level_two(bj):
    frame = bj.tables["fiscal_summary"]
    parts = frame[frame.level == 2]
    assert parts.item.tolist() == ["一、一般公共预算拨款", "二、政府性基金预算拨款", "三、国有资本经营预算拨款"]
    assert set(parts.parent) == {"上年结转结余"} and parts.iloc[0].amount_yuan == D("4368465.50")
    level1 = frame[(frame.side == "income") & (frame.level == 1)]
    assert sum(level1.amount_yuan, D(0)) == bj.table_info["fiscal_summary"].printed_totals["income_grand_total_yuan"]


def test_income_sources_are_column_paths_and_subtotals_close_their_groups(bj):
    frame, totals = bj.tables["income"], bj.table_info["income"].printed_totals
    sources = dict(zip(frame.source, frame.amount_yuan, strict=True))
    assert sources["本年收入/一般公共预算资金"] == D("323650900.89")
    assert sources["本年收入/其他收入"] == D("150000.00")
    assert sources["上年结转结余/一般公共预算资金"] == D("4368465.50")
    assert sources["上年结转结余/单位资金"] == D("351171.93")
    assert sources["本年收入/事业收入"] == D("0.00")
    assert totals == {"total_yuan": D("328520538.32"), "current_subtotal_yuan": D("323800900.89"),
                      "carryover_subtotal_yuan": D("4719637.43")}
    assert sum(frame.amount_yuan, D(0)) == totals["total_yuan"]
    current = frame[frame.source.str.startswith("本年收入/")]
    assert sum(current.amount_yuan, D(0)) == totals["current_subtotal_yuan"]
    assert frame.unit_name.isna().all() and set(frame.line) == {40}


def test_expenditure_code_name_cells_and_empty_columns(bj):
    frame = bj.tables["expenditure"]
    first = frame.iloc[0]
    assert (first.function_code, first.function_name, first.gov_econ_code, first.gov_econ_name,
            first.dept_econ_code, first.dept_econ_name) == ("2010801", "行政运行", "50101", "工资奖金津补贴",
                                                           "30101", "基本工资")
    assert (first.total_yuan, first.basic_yuan, first.project_yuan) == (D("31380936.00"), D("31380936.00"), D("0.00"))
    assert (first.page, first.line) == (3, 48)
    # Seven-digit department econ codes stay whole; an empty 基本支出 cell stays in its column.
    abroad = frame[frame.dept_econ_code == "3021202"].iloc[0]
    assert abroad.dept_econ_name == "其他因公出国（境）费用"
    assert (abroad.basic_yuan, abroad.project_yuan) == (D("0.00"), D("1735200.00"))
    assert set(frame.dept_econ_code.str.len()) == {5, 7}
    assert (frame.total_yuan == frame.basic_yuan + frame.project_yuan).all()
    assert set(frame.business_yuan) == set(frame.remit_upper_yuan) == set(frame.subsidiary_yuan) == {D("0.00")}
    assert bj.table_info["expenditure"].printed_totals == {
        "total_yuan": D("328520538.32"), "basic_yuan": D("252185375.85"), "project_yuan": D("76335162.47")}


def test_general_budget_keeps_repeated_codes_and_its_split_columns(bj):
    frame = bj.tables["general_budget"]
    admin = frame[frame.function_code == "2010801"]
    assert admin.total_yuan.tolist() == [D("49528500.16"), D("130079664.42")]
    assert admin.line.tolist() == [157, 168]
    assert frame.function_code.value_counts()["2210201"] == 3
    first = frame.iloc[0]
    assert (first.basic_yuan, first.personnel_yuan, first.public_yuan, first.project_yuan,
            first.project_ex_capital_yuan) == (D("46970436.16"), D("40320211.56"), D("6650224.60"),
                                               D("2558064.00"), D("2558064.00"))
    assert (frame.basic_yuan == frame.personnel_yuan + frame.public_yuan).all()
    assert bj.table_info["general_budget"].printed_totals["personnel_yuan"] == D("235456805.00")


def test_basic_by_econ_and_the_empty_fund_tables(bj):
    frame = bj.tables["general_budget_basic"]
    last = frame.iloc[-1]
    assert (last.gov_econ_code, last.dept_econ_code, last.total_yuan) == ("50999", "30399", D("13113600.00"))
    assert bj.table_info["general_budget_basic"].printed_totals == {
        "total_yuan": D("252185375.85"), "personnel_yuan": D("235456805.00"), "public_yuan": D("16728570.85")}
    for key in ("gov_fund", "state_capital"):
        assert bj.tables[key].empty and bj.table_info[key].printed_totals == {}


def test_three_public_items_from_their_column_heads(bj):
    frame = bj.tables["three_public"].set_index("item_key")
    assert frame.budget_yuan.to_dict() == {
        "outbound": D("1735200.00"), "vehicles": D("653280.00"), "vehicle_purchase": D("373800.00"),
        "vehicle_running": D("279480.00"), "reception": D("60000.00")}
    assert frame.prior_year_yuan.isna().all()  # no prior-year column in the municipal form
    assert bj.table_info["three_public"].printed_totals == {"budget_yuan": D("2448480.00")}


def test_procurement_and_purchased_services(bj):
    procurement = bj.tables["procurement"]
    assert procurement.category.tolist() == ["A-货物", "C-服务"]
    assert procurement.amount_yuan.tolist() == [D("2387796.00"), D("47499495.30")]
    assert bj.table_info["procurement"].printed_totals == {"amount_yuan": D("49887291.30")}
    services = bj.tables["purchased_services"]
    legal = services.iloc[1]
    assert (legal.catalog_code, legal["item"], legal.level1, legal.level2, legal.amount_yuan) == (
        "0201", "法律咨询服务", "02-政府履职辅助性服务", "0201-法律服务", D("100000.00"))
    assert services.function_code.isna().all()
    wrapped = services.iloc[7]  # 三级 name wrapped over three lines
    assert wrapped["item"] == "其他适合通过市场化方式提供的信息化服务"
    assert (wrapped.line, wrapped.end_line) == (270, 272)
    # The 合计 row is printed first.
    info = bj.table_info["purchased_services"]
    assert info.printed_totals == {"amount_yuan": D("37561802.80")} and info.totals_place.line == 260


def test_project_performance_blocks(bj):
    frame = bj.tables["project_performance"]
    projects = bj.table_info["project_performance"].extra["projects"]
    assert len(projects) == 17
    assert sum(p["amount_yuan"] for p in projects) == D("24681921.93")
    # The project code is printed wrapped at the cell's width; whole, every code is unique.
    codes = [p["project_code"] for p in projects]
    assert len(set(codes)) == 17 and {len(c) for c in codes} == {21}
    first = projects[0]
    assert (first["project_code"], first["project_name"], first["amount_yuan"]) == (
        "11000022T000000460216", "《北京审计》杂志办刊经费", D("173980.00"))
    assert first["goal"].startswith("主要用于《北京审计》杂志印刷刊发") and first["rows"] == 7
    other = next(p for p in projects if p["project_name"] == "项目及手续费等支出")
    assert other["amounts_yuan"] == [D("501171.93"), None, D("501171.93")]
    inner = next(p for p in projects if p["project_code"] == "11000024T000002975715")
    assert (inner["project_name"], inner["amount_yuan"], inner["page"]) == ("内部审计指导监督经费", D("618000.00"), 16)
    row = frame.iloc[1]
    assert (row.level1, row.level2, row.indicator, row.nature, row.operator, row.target, row.unit) == (
        "产出指标", "质量指标", "印刷刊物质量与国家行业标准规定要求的相符性", "定量", "=", "100", "%")
    assert (frame.iloc[0].nature, frame.iloc[0].target, frame.iloc[0].unit) == ("定性", "优", "")
    assert frame.groupby("project_code").size().to_dict()[first["project_code"]] == 7
    assert set(frame.page) == set(range(12, 20))


def test_overall_performance_funding_goal_and_indicators(bj):
    info = bj.table_info["overall_performance"]
    assert info.printed_totals == {
        "total_yuan": D("328520538.32"), "fiscal_total_yuan": D("328019366.39"), "basic_yuan": D("252185375.85"),
        "project_yuan": D("75833990.54"), "other_total_yuan": D("501171.93"), "other_basic_yuan": D("0.00"),
        "other_project_yuan": D("501171.93")}
    assert info.extra["goal"].startswith("坚持以习近平新时代中国特色社会主义思想为指导")
    frame = bj.tables["overall_performance"]
    first = frame.iloc[0]
    assert (first.activity, first.level1, first.level2, first.indicator, first.operator, first.target,
            first.unit) == ("审计业务", "产出指标", "数量指标", "出具数据分析报告", "=", "4", "份")
    # The rows continue on page 21, whose grid is cut differently.
    continued = frame[frame.page == 21]
    assert len(continued) == 17 and set(continued.activity) == {"审计管理"}
    assert continued.iloc[0].indicator == "举办理论研讨会、行业交流会等"


def test_narrative_facts_come_from_the_narrative_file(bj):
    assert {f.file for f in bj.facts} == {NARRATIVE}
    income = bj.fact("income_total", 2026)
    assert income.amount_yuan == D("328520500.00") and income.page == 6


def test_titles_of_both_forms_name_their_keys():
    district = {
        "2024 部门预算收支总表": "summary", "2024 年部门预算收入总表": "income", "2024 年部门支出总表": "expenditure",
        "2024 年部门项目支出表": "projects", "2024 年财政拨款收支总表": "fiscal_summary",
        "2024 年一般公共预算支出表": "general_budget", "2024 年一般公共预算基本支出表": "general_budget_basic",
        "2024 年政府性基金预算财政拨款支出表": "gov_fund", "2024 年国有资本经营预算财政拨款支出表": "state_capital",
        "2024 年一般公共预算“三公”经费支出情况表": "three_public",
        "政府购买服务预算财政拨款明细表": "purchased_services", "2024 年上级转移支付细化明细表": "transfer_payments",
        "2024 年部门整体支出绩效目标申报表": "overall_performance",
        "2024 年项目支出绩效目标申报表": "project_performance",
    }
    municipal = {"政府采购预算明细表": "procurement", "财政拨款政府购买服务明细表": "purchased_services",
                 "项目支出绩效目标表": "project_performance", "部门整体支出绩效目标表": "overall_performance"}
    for text, key in {**district, **municipal}.items():
        assert FAMILY.key_of(text.replace(" ", "")) == key, text


# ---------------------------------------------------------------- the district form's grids
#
# No district PDF is bundled: these grids are laid out as the district form prints its tables
# (headers of the sample, 表1 … 表14), with the sample's figures, and the same readers must
# read them as the text parsers read the sample.

DISTRICT = "district.pdf"


def _grid(labels, *rows):
    from deptbudget.read.grids.table import BodyRow, GridTable

    return GridTable(list(labels), [BodyRow(tuple(r), 6, 100 + n, 100 + n, DISTRICT) for n, r in enumerate(rows)])


def _read(key, labels, *rows):
    [parsed] = FAMILY.readers[key](_grid(labels, *rows), "万元", DISTRICT)
    assert not parsed.warnings, [w.message for w in parsed.warnings]
    return parsed


def test_district_summaries(sample):
    summary = _read(
        "summary", ["收入/项目", "收入/预算数", "支出/项目", "支出/预算数"],
        ["一、一般公共预算拨款收入", "648.875784", "一、一般公共服务支出", "471.550528"],
        ["二、政府性基金预算拨款收入", "", "二、教育支出", ""],
        ["本年收入合计", "648.875784", "本年支出合计", "648.875784"],
        ["上年结转结余", "", "年终结转结余", ""],
        ["收入总计", "648.875784", "支出总计", "648.875784"],
    )
    assert summary.printed_totals == sample.table_info["summary"].printed_totals
    assert summary.records[1]["amount_yuan"] == D("4715505.28")
    fiscal = _read(
        "fiscal_summary", ["收入项目类别", "收入预算金额", "支出项目类别", "支出预算金额"],
        ["一、本年收入", "648.875784", "一、一般公共预算财政拨款本年支出", "648.875784"],
        ["（一）一般公共预算财政拨款", "648.875784", "（一）一般公共服务支出", "471.550528"],
        ["二、上年结转", "0.00", "（二）社会保障和就业支出", "67.379288"],
        ["（一）一般公共预算财政拨款", "0.00", "", ""],
        ["", "", "三、结转下年", "0.00"],
        ["收入总计：", "648.875784", "支出总计：", "648.875784"],
    )
    assert fiscal.printed_totals == sample.table_info["fiscal_summary"].printed_totals
    read = [(r["side"], r["item"], r["level"], r["parent"]) for r in fiscal.records]
    assert ("income", "（一）一般公共预算财政拨款", 2, "二、上年结转") in read
    assert ("expenditure", "（二）社会保障和就业支出", 2, "一、一般公共预算财政拨款本年支出") in read


def test_district_income_and_coded_tables(sample):
    income = _read(
        "income", ["合计", "财政拨款/小计", "财政拨款/一般公共预算拨款收入", "财政拨款/政府性基金预算拨款收入",
                   "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入", "用事业基金弥补收支差额"],
        ["648.875784", "648.875784", "648.875784", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00"],
    )
    assert income.printed_totals == sample.table_info["income"].printed_totals  # 小计 is the fiscal one
    assert len(income.records) == len(sample.tables["income"]) == 8
    general = _read(
        "general_budget", ["科目编码", "科目名称（项级）", "总计", "基本支出", "项目支出"],
        ["2010301", "行政运行", "351.740528", "351.740528", ""],
        ["2010302", "一般行政管理事务", "70.000000", "", "70.000000"],
        ["合 计", "", "421.740528", "351.740528", "70.000000"],
    )
    rows = {r["function_code"]: (r["total_yuan"], r["basic_yuan"], r["project_yuan"]) for r in general.records}
    assert rows["2010302"] == (D("700000.00"), D("0.00"), D("700000.00"))
    assert general.printed_totals["total_yuan"] == D("4217405.28")
    basic = _read(
        "general_budget_basic", ["政府支出经济分类科目", "部门支出经济分类科目", "本年预算数/合计",
                                 "本年预算数/人员经费", "本年预算数/公用经费"],
        ["50101-工资奖金津补贴", "30101-基本工资", "65.715600", "65.715600", ""],
    )
    first = sample.tables["general_budget_basic"].iloc[0]
    assert {k: basic.records[0][k] for k in ("gov_econ_code", "dept_econ_code", "total_yuan", "personnel_yuan")} == {
        "gov_econ_code": first.gov_econ_code, "dept_econ_code": first.dept_econ_code,
        "total_yuan": first.total_yuan, "personnel_yuan": first.personnel_yuan}
    capital = _read(
        "state_capital", ["支出功能分类科目", "政府支出经济分类科目", "部门支出经济分类科目",
                          "本年国有资本经营预算支出/合计", "本年国有资本经营预算支出/基本支出",
                          "本年国有资本经营预算支出/项目支出"],
        ["合计", "", "", "0.00", "", ""],
    )
    assert capital.records == [] and capital.printed_totals == {"total_yuan": D("0.00")}
    projects = _read(
        "projects", ["项目名称", "支出功能分类科目", "政府支出经济分类科目", "部门支出经济分类科目", "合计",
                     "本年拨款/一般公共预算", "财政拨款结转结余/一般公共预算"],
        ["西城区外办出入境业务管理系统运维服务费", "2010399-其他政府办公厅（室）及相关机构事务支出",
         "50299-其他商品和服务支出", "30299-其他商品和服务支出", "13.810000", "13.810000", ""],
        ["合计", "", "", "", "119.810000", "119.810000", ""],
    )
    expected = sample.tables["projects"].iloc[0]
    assert {k: projects.records[0][k] for k in TABLE_COLUMNS["projects"]} == {
        k: expected[k] for k in TABLE_COLUMNS["projects"]}
    assert projects.printed_totals == sample.table_info["projects"].printed_totals


def test_district_three_public_services_and_transfers(sample):
    three = _read(
        "three_public", ["项目", "2024年预算数", "2023年预算数"],
        ["1.因公出国（境）费", "0.00", "0.00"], ["2.公务接待费", "0.214752", "0.214224"],
        ["3.公务用车购置及运行维护费", "0.00", "0.00"], ["其中；公务用车购置费", "0.00", "0.00"],
        ["公务用车运行维护费", "0.00", "0.00"], ["总计", "0.214752", "0.214224"],
    )
    columns = ["item", "budget_yuan", "prior_year_yuan", "item_key", "level"]
    assert [[r[c] for c in columns] for r in three.records] == sample.tables["three_public"][columns].values.tolist()
    assert three.printed_totals == sample.table_info["three_public"].printed_totals
    assert three.extra["years"] == [2024, 2023]
    services = _read(
        "purchased_services", ["编码(代码)", "政府购买服务目录及项目名称", "支出功能分类科目", "预算批复数"],
        ["A0501", "公共信息服务-微信公众号运营服务费", "2010399-其他政府办公厅（室）及相关机构事务支出", "15.00"],
    )
    expected = sample.tables["purchased_services"].iloc[0]
    assert {k: services.records[0][k] for k in TABLE_COLUMNS["purchased_services"]} == {
        k: expected[k] for k in TABLE_COLUMNS["purchased_services"]}
    transfers = _read(
        "transfer_payments", ["预算单位代码", "预算单位名称", "功能科目代码", "部门经济分类代码", "政府经济分类代码",
                              "项目名称", "指标金额", "市指标文号"],
        ["101001", "某单位", "2010301-行政运行", "30201-办公费", "50201-办公经费", "某项目", "1.500000", "某文号"],
        ["合计", "", "", "", "", "", "1.500000", ""],
    )
    row = transfers.records[0]
    assert (row["unit_code"], row["function_code"], row["dept_econ_code"], row["gov_econ_code"],
            row["amount_yuan"], row["document_no"]) == ("101001", "2010301", "30201", "50201", D("15000.00"), "某文号")
    assert transfers.printed_totals == {"amount_yuan": D("15000.00")}


def test_district_performance_tables(sample):
    labels = ["项目名称", "项目类别", "项目总额", "其中：/财政资金", "其中：/其他资金", "绩效目标", "一级指标",
              "二级指标", "三级指标", "绩效指标性质", "本年绩效指标值", "绩效度量单位", "指标方向性"]
    blank = [""] * 6
    projects = _read(
        "project_performance", labels,
        ["11010223T000001962578-西城区外办出入境业务管理系统运维服务费", "31-部门项目", "13.810000", "13.810000", "",
         "通过运维服务。", "产出指标", "时效指标", "完成进度", "定性", "高中低", "", ""],
        [*blank, "产出指标", "质量指标", "维护质量", "定性", "优良中低差", "", ""],
        [*blank, "", "数量指标", "维护时长", "≥", "12", "月", ""],
        [*blank, "满意度指标", "服务对象满意度指标", "区内单位满意度", "≥", "90", "%", ""],
    )
    columns = TABLE_COLUMNS["project_performance"]
    expected = sample.tables["project_performance"].iloc[:4]
    got = [[r[c] for c in columns if c != "goal"] for r in projects.records]
    assert got == expected[[c for c in columns if c != "goal"]].values.tolist()
    assert projects.extra["projects"][0]["amounts_yuan"] == [D("138100.00"), D("138100.00"), None]
    overall = _read(
        "overall_performance", ["总体资金情况（万元）", "预算支出总额", "财政拨款/合计", "财政拨款/基本支出",
                                "财政拨款/项目支出", "其他资金/合计", "其他资金/基本支出", "其他资金/项目支出"],
        ["", "648.875784", "648.875784", "529.065784", "119.810000", "0", "0", "0"],
        ["整体绩效目标", "1.全面推进国际交往中心功能建设。", "", "", "", "", "", ""],
        ["其他说明", "无", "", "", "", "", "", ""],
        ["活动", "绩效指标", "", "指标性质", "指标值", "", "度量单位", ""],
        ["保障日常行政工作", "质量指标", "", "定性", "高中低", "", "", ""],
        ["外事工作", "活动完成质量", "", "定性", "优良中低差", "", "", ""],
        ["", "服务对象满意度指标", "", "≥", "90", "", "", ""],
    )
    assert overall.printed_totals == sample.table_info["overall_performance"].printed_totals
    assert overall.extra["goal"] == "1.全面推进国际交往中心功能建设。" and overall.extra["notes"] == "无"
    columns = TABLE_COLUMNS["overall_performance"]
    assert [[r[c] for c in columns] for r in overall.records] == (
        sample.tables["overall_performance"].iloc[[0, 1, 3]][columns].values.tolist())
