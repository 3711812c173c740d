"""Other departments' disclosures, generated here in the Beijing 14-table layout.

A small builder writes a whole disclosure (narrative and the 14 tables) from a
department's line items, so that every printed total is consistent by construction;
variants then change the layout (titles, units, wrapping, subtotal rows, encodings) or
the content (事业单位 income, carried-over funds, ten projects, 三公 with vehicles …).
Each test reads the text, checks rows, amounts to the fen, codes and names against the
builder's own figures, and runs the audit: it must pass what is consistent and fail
only where a variant is deliberately inconsistent.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

import pytest

from builders.disclosure import Basic, Dept, Project, Transfer, admin_dept, build, institution_dept
from builders.expect import assert_all_tables, assert_basic, fails, read_text, spurious
from deptbudget.audit import audit
from deptbudget.core.model import BEIJING_KEYS as TABLE_KEYS

D = Decimal
ZERO = D(0)
WAN = D(10_000)



# --------------------------------------------------------------------------- tests

#: Checks the audit fails on a consistent 事业单位 disclosure: none. (It used to compare
#: 本年收入 with 本年支出 despite 上年结转, and 财政拨款-only tables with all-source ones.)
INSTITUTION_AUDIT_GAPS: set[str] = set()


def test_admin_department_reads_exactly():
    dept = admin_dept()
    d = read_text(build(dept))
    assert d.department == dept.name
    assert d.year == 2025
    assert spurious(d) == []
    assert_all_tables(d, dept)
    assert fails(d) == set()


def test_institution_with_own_income_and_carry_over():
    dept = institution_dept()
    d = read_text(build(dept))
    assert d.department == "北京市西城区测试文化馆"
    assert spurious(d) == []
    assert_all_tables(d, dept)
    summary = d.tables["summary"]
    income = summary[summary.side == "income"].set_index("item").amount_yuan
    assert income["五、事业收入"] == D("500000.00")
    assert income["九、其他收入"] == D("15000.00")
    assert income["上年结转结余"] == D("150000.00")
    totals = d.table_info["summary"].printed_totals
    assert totals["income_current_total_yuan"] == dept.current_income
    assert totals["income_grand_total_yuan"] == dept.grand_total
    fiscal = d.tables["fiscal_summary"]
    carried = fiscal[(fiscal.side == "income") & (fiscal.item == "二、上年结转")]
    assert carried.amount_yuan.tolist() == [D("150000.00")]
    # 财政拨款收支总表 and 一般公共预算支出表 hold only the fiscal part.
    assert d.table_info["general_budget"].printed_totals["total_yuan"] == dept.fiscal_total
    assert d.table_info["expenditure"].printed_totals["total_yuan"] == dept.grand_total
    projects = d.table_info["projects"]
    assert projects.printed_totals["total_yuan"] == dept.project_total
    assert fails(d) == INSTITUTION_AUDIT_GAPS


def test_institution_audit_has_no_false_failures():
    assert fails(read_text(build(institution_dept()))) == set()


def _with_mixed_row(dept: Dept) -> Dept:
    """Add a project under a code pair that also has basic money (a 3-amount row)."""
    extra = Project("机关运行保障经费", "11010225T000003000009", "2013101", "30299", D("66000.00"))
    return replace(dept, projects=[*dept.projects, extra])


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"zeros_printed": True},
        {"subtotal_rows": True},
        {"subtotal_rows": True, "zeros_printed": True, "name_wrap": "before"},
    ],
    ids=["plain", "zeros-and-其中-columns", "subtotal-rows", "subtotals-zeros-wrap-before"],
)
def test_rows_with_basic_and_project_and_subtotals(changes):
    dept = replace(_with_mixed_row(admin_dept()), **changes)
    text = build(dept)
    if changes.get("subtotal_rows"):
        assert "201-一般公共服务支出" in text and "20131 党委办公厅（室）及相关机构事务" in text
    d = read_text(text)
    assert spurious(d) == []
    assert_all_tables(d, dept)
    mixed = d.tables["expenditure"]
    mixed = mixed[(mixed.function_code == "2013101") & (mixed.dept_econ_code == "30299")].iloc[0]
    assert (mixed.total_yuan, mixed.basic_yuan, mixed.project_yuan) == (
        D("164765.43"), D("98765.43"), D("66000.00"))
    subtotals = d.table_info["expenditure"].subtotals
    if changes.get("subtotal_rows"):
        assert [s["function_code"] for s in subtotals] == ["201", "20131", "208", "20805", "210",
                                                           "21011", "221", "22102"]
        assert subtotals[0]["total_yuan"] == sum(
            (r["basic"] + r["project"] for r in dept.expenditure_rows() if r["func"][:3] == "201"),
            ZERO)
        gb = d.table_info["general_budget"].subtotals
        assert [s["function_code"] for s in gb] == [s["function_code"] for s in subtotals]
    else:
        assert subtotals == []
    assert fails(d) == set()


def test_wrapped_function_name_in_general_budget_table():
    for wrap in ("after", "before"):
        dept = admin_dept(name_wrap=wrap)
        text = build(dept)
        assert "机关事业单位基本养老保险缴费\n" in text or "机关事业单位基本养老保险缴费 " in text
        d = read_text(text)
        names = dict(zip(d.tables["general_budget"].function_code,
                         d.tables["general_budget"].function_name, strict=True))
        assert names["2080505"] == "机关事业单位基本养老保险缴费支出"
        assert names["2080506"] == "机关事业单位职业年金缴费支出"
        assert spurious(d) == []


def _flip(dept: Dept, code: str) -> Dept:
    return replace(dept, basics=[replace(b, personnel=True) if b.dept == code else b
                                 for b in dept.basics])


@pytest.mark.parametrize("split_totals", [True, False], ids=["printed-totals", "narrative-公用经费"])
@pytest.mark.parametrize("flipped", [(), ("30228",)], ids=["one-flip", "two-flips"])
def test_personnel_or_public_decided_by_totals(split_totals, flipped):
    dept = admin_dept(print_basic_split_totals=split_totals)
    for code in flipped:
        dept = _flip(dept, code)
    d = read_text(build(dept))
    assert_basic(d, dept)
    evidence = {i.amount_yuan: i.evidence for i in d.inferences if i.table == "general_budget_basic"}
    # 30239 其他交通费用 is 公用经费 by classification; only the totals say otherwise.
    assert "只有将此行改列人员经费" in evidence[D("120000.00")]
    assert ("说明" in evidence[D("120000.00")]) is (not split_totals)
    assert spurious(d) == []
    assert fails(d) == set()


def _projects(names: list[str]) -> list[Project]:
    codes = [("2013102", "30299"), ("2013150", "30227"), ("2013102", "30226")]
    return [
        Project(name, f"11010225T0000030001{i:02d}", *codes[i % 3], D(10_000 * (i + 1)) + D("0.37"))
        for i, name in enumerate(names)
    ]


@pytest.mark.parametrize(
    "names",
    [
        ["项目评审经费"],
        ["政府采购代理服务费", "2025年社区治理（一期）项目", "项目管理费", "预算评审费", "合计分析服务费",
         "12345热线运维费", "第三方评估（二期）", "300户老旧小区改造", "宣传活动经费", "信息系统运维服务费"],
    ],
    ids=["one-project", "ten-projects"],
)
@pytest.mark.parametrize("wide", [False, True], ids=["vertical-names", "one-line-rows"])
def test_project_names(names, wide):
    dept = admin_dept(projects=_projects(names), services=[], wide_projects=wide)
    text = build(dept)
    if len(names) > 1 and not wide:
        assert "\n12345\n" in text  # a name's digits alone on a line
    d = read_text(text)
    assert spurious(d) == []
    assert_all_tables(d, dept)
    # Read from 项目支出表 itself, not corrected from the performance table.
    assert not [i for i in d.inferences if i.column == "project_name"]
    assert fails(d) == set()


def test_three_public_with_vehicles_and_prior_year():
    dept = admin_dept(purchase=(D("250000.00"), ZERO), running=(D("61234.56"), D("58000.00")))
    d = read_text(build(dept))
    frame = d.tables["three_public"]
    assert list(frame.item_key) == ["outbound", "reception", "vehicles", "vehicle_purchase",
                                    "vehicle_running"]
    assert list(frame.level) == [1, 1, 1, 2, 2]
    assert list(frame.budget_yuan) == [D("80000.00"), D("5000.00"), D("311234.56"), D("250000.00"),
                                       D("61234.56")]
    assert list(frame.prior_year_yuan) == [D("60000.00"), D("5000.00"), D("58000.00"), ZERO,
                                           D("58000.00")]
    assert d.table_info["three_public"].extra["years"] == [2025, 2024]
    assert d.fact("three_public_total", 2024).amount_yuan == D("123000.00")
    assert spurious(d) == []
    assert fails(d) == set()


def test_three_public_total_wrong_is_the_only_failure():
    dept = admin_dept()
    text = build(dept).replace("总计 14.500000 37.300000", "总计 14.600000 37.300000")
    d = read_text(text)
    assert [w.code for w in d.warnings] == ["total_mismatch"]
    # The narrative's own arithmetic still holds; it now disagrees with the table.
    assert fails(d) == {"total.three_public.budget_yuan", "narrative.three_public_total.2025"}


@pytest.mark.parametrize("catalogs", [(None, None), ("A0501", None), (None, "B1001")],
                         ids=["no-codes", "second-without", "first-without"])
def test_purchased_services_without_catalog_codes(catalogs):
    base = admin_dept()
    services = [replace(s, catalog=c) for s, c in zip(base.services, catalogs, strict=True)]
    dept = replace(base, services=services)
    d = read_text(build(dept))
    frame = d.tables["purchased_services"]
    assert [c if isinstance(c, str) else None for c in frame.catalog_code] == list(catalogs)
    assert spurious(d) == []
    assert_all_tables(d, dept)
    assert fails(d) == set()


def test_purchased_services_empty():
    d = read_text(build(admin_dept(services=[])))
    assert d.tables["purchased_services"].empty
    assert spurious(d) == []
    assert fails(d) == set()


TRANSFERS = [
    Transfer("164001", "北京市西城区测试工作部", "2013102", "30299", "市级宣传专项补助资金",
             D("123456.78"), "京财行〔2024〕345号"),
    Transfer("164001", "北京市西城区测试工作部", "2013150", "30227", "2025年社区（一期）补助",
             D("50000.00"), "京财预〔2025〕12号"),
]


def test_transfer_payments_rows():
    d = read_text(build(admin_dept(transfers=TRANSFERS)))
    frame = d.tables["transfer_payments"]
    for column, values in {
        "unit_code": ["164001", "164001"],
        "unit_name": ["北京市西城区测试工作部"] * 2,
        "function_code": ["2013102", "2013150"],
        "dept_econ_code": ["30299", "30227"],
        "gov_econ_code": ["50299", "50205"],
        "project_name": ["市级宣传专项补助资金", "2025年社区（一期）补助"],
        "amount_yuan": [D("123456.78"), D("50000.00")],
        "document_no": ["京财行〔2024〕345号", "京财预〔2025〕12号"],
    }.items():
        assert list(frame[column]) == values, column
    assert d.table_info["transfer_payments"].printed_totals == {"amount_yuan": D("173456.78")}
    assert spurious(d) == []
    assert "total.transfer_payments.amount_yuan" not in fails(d)
    assert fails(d) == set()


OTHER_TITLES = {
    1: "{year}年部门收支总体情况表", 2: "{year}年部门收入预算表", 3: "{year}年部门支出预算表",
    4: "{year}年部门项目支出预算表", 5: "{year}年财政拨款收支预算总表",
    6: "{year}年一般公共预算财政拨款支出预算表", 7: "{year}年一般公共预算财政拨款基本支出预算表",
    8: "{year}年政府性基金预算支出情况表", 9: "{year}年国有资本经营预算财政拨款支出预算表",
    10: "{year}年一般公共预算“三公”经费支出预算表", 11: "{year}年政府购买服务预算表",
    12: "{year}年上级转移支付细化明细表", 14: "{year}年项目支出绩效目标申报表",
}


@pytest.mark.parametrize(
    "changes",
    [
        {"titles": OTHER_TITLES},
        {"titles": OTHER_TITLES, "mark_on_title_line": True, "unit_line": "金额单位：{unit}"},
        {"titles": OTHER_TITLES, "no_marks": True},
        {"unit": "元"},
        {"unit": "元", "mark_on_title_line": True, "unit_line": "金额单位:元"},
        {"unit": "元", "mark_on_title_line": True, "unit_on_title_line": True},
        {"unit": "元", "unit_on_title_line": True, "unit_line": "金额单位：{unit}"},
        {"mark": "附表{n}"},
        {"mark": "表{cn}", "mark_on_title_line": True},
    ],
    ids=["titles", "mark-on-title-line", "no-marks", "yuan", "yuan-mark-on-title-line",
         "mark-title-unit-one-line", "title-and-unit-one-line", "附表N", "表十四"],
)
def test_titles_marks_and_units(changes):
    dept = admin_dept(transfers=TRANSFERS, **changes)
    text = build(dept)
    d = read_text(text)
    assert set(d.table_info) == set(TABLE_KEYS)
    numbers = [info.number for info in d.table_info.values()]
    assert numbers == ([None] * 14 if changes.get("no_marks") else list(range(1, 15)))
    assert d.unit == dept.unit
    assert {info.unit for info in d.table_info.values()} == {dept.unit}
    if "titles" in changes:
        assert d.table_info["summary"].title == "2025年部门收支总体情况表"
    else:
        assert d.table_info["summary"].title == "2025 部门预算收支总表"
    assert spurious(d) == []
    assert_all_tables(d, dept)
    assert list(d.tables["transfer_payments"].amount_yuan) == [D("123456.78"), D("50000.00")]
    assert fails(d) == set()


def _prose_dept(**changes) -> Dept:
    return admin_dept(narrative_style="prose", name="北京市西城区测试局", purchase=(ZERO, ZERO),
                      outbound=(D("80000.00"), D("82000.00")), **changes)


def test_narrative_in_wan_with_other_wording():
    dept = _prose_dept()
    text = build(dept)
    assert "与上年持平" in text and "较上年增加" in text and "下降1.31%" in text
    d = read_text(text)
    assert d.department == "北京市西城区测试局"
    assert d.year == 2025
    assert d.staff == {"authorized": 20, "actual": 18, "retired": 6}
    facts = {(f.key, f.year): f for f in d.facts}
    assert facts["income_total", 2025].amount_yuan == dept.current_income
    assert facts["income_total_change", 2025].amount_yuan == D("122369.66")
    assert facts["income_total_change", 2025].percent == D("2.55")
    assert facts["expenditure_total", 2025].amount_yuan == dept.grand_total
    assert facts["basic_total", 2025].amount_yuan == dept.basic_total
    assert facts["basic_total", 2024].amount_yuan == D("4100000.00")
    assert facts["basic_total_change", 2025].amount_yuan == D("-53630.34")
    assert facts["basic_total_change", 2025].percent == D("-1.31")
    assert facts["project_total", 2025].amount_yuan == dept.project_total
    assert facts["three_public_total", 2024].amount_yuan == D("145000.00")  # 与上年持平
    assert facts["three_public_total_change", 2025].amount_yuan == 0
    assert facts["three_public_vehicle_running", 2025].amount_yuan == D("60000.00")
    assert facts["admin_operating_change", 2025].amount_yuan == D("-1000.00")
    assert facts["purchased_services_total", 2025].count == 2
    assert facts["fixed_assets_total", 2024].amount_yuan == D("2345600.00")
    assert spurious(d) == []
    assert fails(d) == set()


@pytest.mark.parametrize("name", ["中共北京市西城区委测试工作部", "北京市西城区测试局",
                                  "北京市西城区人民政府测试办公室", "北京市西城区测试管理中心"])
@pytest.mark.parametrize("style", ["yuan", "wan", "prose"])
def test_department_names_and_year(name, style):
    dept = admin_dept(name=name, narrative_style=style, year=2026,
                      prior={"income": D("5100000.00"), "basic": D("3900000.00")})
    d = read_text(build(dept))
    assert d.department == name
    assert d.year == 2026
    assert d.table_info["three_public"].extra["years"] == [2026, 2025]
    assert d.fact("income_total", 2026).amount_yuan == dept.current_income
    assert d.fact("income_total_change", 2026).amount_yuan == D("-177630.34")
    assert spurious(d) == []
    assert fails(d) == set()


def test_narrative_rounded_to_hundreds_of_yuan_is_not_a_failure():
    d = read_text(build(_prose_dept(prose_places=2)))
    assert d.fact("income_total", 2025).amount_yuan == D("4922400.00")  # as printed
    assert fails(d) == set()


@pytest.mark.parametrize(
    ("encoding", "newline", "bom"),
    [("gb18030", "\r\n", False), ("utf-8", "\n", True), ("utf-8", "\r\n", True), ("gb18030", "\n", False)],
    ids=["gb18030-crlf", "utf8-bom", "utf8-bom-crlf", "gb18030-lf"],
)
def test_encodings_read_the_same(encoding, newline, bom):
    dept = institution_dept()
    text = build(dept)
    plain = read_text(text)
    d = read_text(text, encoding=encoding, newline=newline, bom=bom)
    assert d.encoding == ("utf-8-sig" if bom else encoding)
    assert d.department == plain.department
    for key in TABLE_KEYS:
        assert d.tables[key].equals(plain.tables[key]), key
    assert [f.to_json() for f in d.facts] == [f.to_json() for f in plain.facts]
    assert spurious(d) == []
    assert fails(d) == INSTITUTION_AUDIT_GAPS


@pytest.mark.parametrize(
    "changes",
    [{"repeat_headers": True}, {"page_numbers": True}, {"repeat_headers": True, "page_numbers": True}],
    ids=["repeated-headers", "page-numbers", "both"],
)
@pytest.mark.parametrize("make", [admin_dept, institution_dept], ids=["admin", "institution"])
def test_tables_continued_on_new_pages(make, changes):
    names = ["政府采购代理服务费", "2025年社区治理（一期）项目", "项目管理费", "预算评审费"]
    dept = make(subtotal_rows=True, **changes)
    if make is admin_dept:
        dept = replace(dept, projects=_projects(names))
    text = build(dept)
    if changes.get("page_numbers"):
        assert re.search(r"\n- \d+ -\n", text)
    if changes.get("repeat_headers"):
        assert text.count("科目编码 科目名称（项级） 总计 基本支出 项目支出") == 3  # 表6 twice, 表8 once
    d = read_text(text)
    assert spurious(d) == []
    assert_all_tables(d, dept)
    assert fails(d) == (set() if make is admin_dept else INSTITUTION_AUDIT_GAPS)


FUND_PROJECT = Project("城市建设专项", "11010225T000003000021", "2120803", "30227", D("350000.00"),
                       fund=True)


def test_government_fund_money():
    dept = admin_dept()
    dept = replace(dept, projects=[*dept.projects, FUND_PROJECT])
    d = read_text(build(dept))
    assert spurious(d) == []
    assert_all_tables(d, dept)
    assert d.table_info["gov_fund"].printed_totals == {
        "total_yuan": D("350000.00"), "basic_yuan": ZERO, "project_yuan": D("350000.00")}
    fiscal = d.tables["fiscal_summary"]
    spend = fiscal[fiscal.side == "expenditure"].set_index("item").amount_yuan
    assert spend["二、政府性基金预算财政拨款本年支出"] == D("350000.00")
    # 财政拨款收支总表 lists the fund's spending by 类 under its own heading: the audit
    # checks it against 政府性基金预算支出表.
    assert fails(d) == set()
    checks = audit(d).set_index("check")
    assert checks.loc["across.fiscal_summary_gov_fund.212", "status"] == "pass"


@pytest.mark.parametrize("vanish", [False, True], ids=["totals-printed", "totals-vanish"])
def test_department_without_projects(vanish):
    dept = admin_dept(projects=[], services=[], totals_vanish=vanish)
    d = read_text(build(dept))
    assert d.tables["projects"].empty and d.tables["project_performance"].empty
    assert d.table_info["projects"].printed_totals == {"total_yuan": ZERO}
    totals = d.table_info["expenditure"].printed_totals
    assert totals["basic_yuan"] == dept.basic_total
    assert totals.get("project_yuan", ZERO) == ZERO
    if vanish:  # "合计 X X": the part's column is inferred, with its evidence
        assert [i.table for i in d.inferences if "合计行只印出" in i.evidence] == [
            "expenditure", "general_budget"]
    assert spurious(d) == []
    assert_all_tables(d, dept)
    assert fails(d) == set()


def test_totals_row_with_one_part_in_the_fund_table():
    dept = admin_dept(totals_vanish=True)
    dept = replace(dept, projects=[*dept.projects, FUND_PROJECT])
    text = build(dept)
    assert "合 计 35.000000 35.000000\n" in text
    d = read_text(text)
    assert d.table_info["gov_fund"].printed_totals == {"total_yuan": D("350000.00"),
                                                       "project_yuan": D("350000.00")}
    assert spurious(d) == []
    assert_all_tables(d, dept)
    assert fails(d) == set()


@pytest.mark.parametrize("first_label", ["", "合计 ", "北京市西城区测试文化馆 "],
                         ids=["unlabelled", "合计", "department-name"])
def test_income_table_with_a_row_per_unit(first_label):
    units = [("北京市西城区测试文化馆本级", D("1000000.00")), ("北京市西城区测试文化馆第二分馆", ZERO)]
    dept = institution_dept(units=units)
    text = build(dept).replace("支差额\n\n474.500000", f"支差额\n\n{first_label}474.500000")
    d = read_text(text)
    assert spurious(d) == []
    assert_all_tables(d, dept)
    income = d.tables["income"]
    per_unit = income[income.unit_name.notna()]
    assert list(dict.fromkeys(per_unit.unit_name)) == [name for name, _ in units]
    first = per_unit[per_unit.source == "一般公共预算拨款收入"].amount_yuan.tolist()
    assert first == [D("1000000.00"), D("3230000.00")]
    assert d.table_info["income"].printed_totals == {"total_yuan": dept.current_income,
                                                     "subtotal_yuan": D("4230000.00")}
    assert fails(d) == INSTITUTION_AUDIT_GAPS


@pytest.mark.parametrize("prior_first", [False, True], ids=["budget-first", "prior-year-first"])
def test_three_public_column_order_from_the_header(prior_first):
    dept = admin_dept()
    text = build(dept)
    if prior_first:
        block = text[text.index(" 表 10"):text.index(" 表 11")]
        swapped = re.sub(r"^(\S+) (\S+) (\S+)$", r"\1 \3 \2", block, flags=re.M)
        swapped = swapped.replace("项目 2025 年预算数 2024 年预算数", "项目 2024 年预算数 2025 年预算数")
        text = text.replace(block, swapped)
    d = read_text(text)
    frame = d.tables["three_public"].set_index("item_key")
    assert frame.loc["vehicles", "budget_yuan"] == D("60000.00")
    assert frame.loc["vehicles", "prior_year_yuan"] == D("308000.00")
    assert d.table_info["three_public"].extra["years"] == [2025, 2024]
    assert spurious(d) == []
    assert fails(d) == set()


@pytest.mark.parametrize("split_totals", [True, False], ids=["printed-totals", "narrative-公用经费"])
def test_basic_table_by_economic_code_with_class_rows(split_totals):
    dept = admin_dept(econ_subtotals=True, print_basic_split_totals=split_totals)
    text = build(dept)
    assert "\n301-工资福利支出 " in text and "\n302-商品和服务支出 " in text
    d = read_text(text)
    assert spurious(d) == []
    assert_all_tables(d, dept)
    subtotals = d.table_info["general_budget_basic"].subtotals
    assert [(s["dept_econ_code"], s["total_yuan"]) for s in subtotals] == [
        ("301", D("3480369.67")), ("302", D("423999.99")), ("303", D("142000.00"))]
    assert fails(d) == set()


LONG_GOAL = ("通过组织开展群众文化活动，丰富辖区居民精神文化生活，提升公共文化服务水平，促进文化事业发展，"
             "满足群众多样化文化需求。")


@pytest.mark.parametrize("count", [3, 10])
def test_performance_goals_cut_by_page_breaks(count):
    names = ["政府采购代理服务费", "2025年社区治理（一期）项目", "项目管理费", "预算评审费", "合计分析服务费",
             "12345热线运维费", "第三方评估（二期）", "300户老旧小区改造", "宣传活动经费", "信息系统运维服务费"]
    projects = [replace(p, goal=LONG_GOAL) for p in _projects(names[:count])]
    dept = admin_dept(long_goals=True, projects=projects, services=[])
    text = build(dept)
    assert text.count("\n 升公共文化服务水平") == count  # the goal's rest opens a page
    d = read_text(text)
    assert spurious(d) == []
    assert_all_tables(d, dept)
    assert fails(d) == set()


def test_whole_yuan_amounts_printed_as_integers():
    dept = admin_dept(unit="元", whole_integers=True)
    text = build(dept)
    assert "30302-退休费 54000 54000\n" in text  # looks like a 政府经济分类 code
    assert "1.因公出国（境）费 80000 60000\n" in text
    d = read_text(text)
    assert spurious(d) == []
    assert_all_tables(d, dept)
    assert fails(d) == set()


def test_three_public_table_without_rows_keeps_its_columns():
    text = build(admin_dept())
    block = text[text.index(" 表 10"):text.index(" 表 11")]
    d = read_text(text.replace(block, block.split("项目 2025")[0]))
    frame = d.tables["three_public"]
    assert frame.empty and {"item_key", "level"} <= set(frame.columns)
    assert "three_public" in d.table_info
    audit(d)  # the audit can run on it


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("30201-办公费 4.500000 4.500000", "30201-办公费 4.600000 4.600000",
         {"total.expenditure.total_yuan", "total.expenditure.basic_yuan", "across.summary_expenditure.201",
          "across.expenditure_budget.total_yuan", "across.expenditure_budget.basic_yuan",
          "across.expenditure_budget.2013101", "across.basic_econ.30201"}),
        ("务支出\n\n30.000000 30.000000", "务支出\n\n31.000000 31.000000",
         {"total.projects.total_yuan", "across.projects_expenditure.total",
          "across.projects_expenditure.2013102.30299", "across.projects_performance.党建工作经费",
          "narrative.project_amount.党建工作经费"}),
        ("2025 年收入预算4,922,369.66元", "2025 年收入预算4,922,369.67元",
         {"narrative.income_total.2025", "arith.income_total"}),
    ],
    ids=["expenditure-row", "project-amount", "narrative-income"],
)
def test_one_deliberate_inconsistency_fails_only_its_checks(old, new, expected):
    text = build(admin_dept())
    assert old in text
    d = read_text(text.replace(old, new, 1))  # the first printing (支出总表) only
    assert {w.code for w in d.warnings} <= {"total_mismatch"}
    assert fails(d) == expected


def school_dept(**changes) -> Dept:
    """A school: basic spending under its teaching function (not 行政运行), partly from
    事业收入, and a capital item (31002) in basic expenditure."""
    y = D
    basics = [
        Basic("2050202", "30101", y("2500000.00"), fiscal=y("2300000.00")),
        Basic("2050202", "30107", y("1200000.00")),
        Basic("2050202", "30201", y("80000.00"), fiscal=y("60000.00")),
        Basic("2050202", "30205", y("30000.00"), fiscal=y("20000.00")),
        Basic("2050202", "30206", y("90000.00"), fiscal=y("70000.00")),
        Basic("2050202", "30207", y("12000.00"), fiscal=y("10000.00")),
        Basic("2050202", "30211", y("15000.00"), fiscal=y("5000.00")),
        Basic("2050202", "30213", y("40000.00"), fiscal=y("30000.00")),
        Basic("2050202", "31002", y("25000.00")),
        Basic("2080505", "30108", y("400000.00")),
        Basic("2210201", "30113", y("300000.00")),
    ]
    projects = [
        Project("校园维修改造", "11010225T000005000001", "2050202", "30213", y("600000.00")),
        Project("教学设备购置", "11010225T000005000002", "2050202", "31002", y("250000.00")),
    ]
    other = sum((b.amount - b.fiscal_amount for b in basics), ZERO)
    return institution_dept(name="北京市西城区测试小学", basics=basics, projects=projects,
                            other_income={"事业收入": other}, reception=(ZERO, ZERO), **changes)


SCHOOL_AUDIT_GAPS: set[str] = set()


@pytest.mark.parametrize("split_totals", [True, False], ids=["printed-totals", "narrative-公用经费"])
def test_school_basic_spending_outside_running_codes(split_totals):
    dept = school_dept(print_basic_split_totals=split_totals)
    d = read_text(build(dept))
    assert spurious(d) == []
    assert_all_tables(d, dept)
    evidence = [i.evidence for i in d.inferences
                if i.table == "expenditure" and i.amount_yuan == D("80000.00")]
    assert evidence == ["项目支出表（各项目之和等于本表项目支出合计）在功能科目2050202、经济科目30201下没有项目"]
    basic = d.tables["general_budget_basic"].set_index("dept_econ_code")
    assert basic.loc["31002", "public_yuan"] == D("25000.00")  # capital: 公用经费
    assert fails(d) == SCHOOL_AUDIT_GAPS


def test_fiscal_part_of_a_basic_only_function_code():
    """一般公共预算支出表 shows 2070109 with less than 支出总表 (事业收入 pays the rest);
    支出总表 having no project money under the code still makes it basic."""
    inst = institution_dept()
    dept = replace(inst, projects=[replace(p, func="2070199") for p in inst.projects])
    d = read_text(build(dept))
    assert spurious(d) == []
    assert_all_tables(d, dept)
    evidence = [i.evidence for i in d.inferences if i.table == "general_budget" and i.line and
                i.amount_yuan == D("2310000.00")]
    assert evidence == ["支出总表中功能科目2070109只有基本支出，没有项目支出"]
    assert fails(d) == INSTITUTION_AUDIT_GAPS


def test_summary_with_more_expenditure_items_than_income_items():
    classes = ["201", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214",
               "221", "229"]
    extra = Project("城市管理专项", "11010225T000003000031", "2120104", "30227", D("150000.00"))
    dept = admin_dept(classes=classes)
    dept = replace(dept, projects=[*dept.projects, extra])
    d = read_text(build(dept))
    summary = d.tables["summary"]
    spend = summary[summary.side == "expenditure"]
    assert list(spend.item)[9:14] == ["十、城乡社区支出", "十一、农林水支出", "十二、交通运输支出",
                                      "十三、住房保障支出", "十四、其他支出"]
    assert spend.set_index("item").amount_yuan["十、城乡社区支出"] == D("150000.00")
    assert spurious(d) == []
    assert_all_tables(d, dept)
    assert fails(d) == set()


@pytest.mark.parametrize(
    ("old", "new", "table"),
    [
        ("总计 基本支出 项目支出\n\n0.00 0.00 0.00\n", "总计 基本支出 项目支出\n", None),
        ("总计 基本支出 项目支出\n\n0.00 0.00 0.00\n", "总计 基本支出 项目支出\n\n无\n", None),
        ("总计 基本支出 项目支出\n\n0.00 0.00 0.00\n",
         "总计 基本支出 项目支出\n\n0.00 0.00 0.00\n\n注：本单位2025年无政府性基金预算财政拨款\n\n支出。\n",
         "gov_fund"),
        ("项目名称 指标金额 市指标文号\n\n0.00\n",
         "项目名称 指标金额 市指标文号\n\n注：本单位无上级转移支付。\n", "transfer_payments"),
        (" 表 11", "注：本单位无公务用车购置。\n\n 表 11", "three_public"),
        (" 表 4", "注：本表按部门预算口径编制。\n\n 表 4", "expenditure"),
        (" 表 7", "备注：一般公共预算支出按项级科目列示。\n\n 表 7", "general_budget"),
    ],
    ids=["fund-header-only", "fund-无", "fund-note", "transfers-note", "三公-note", "支出总表-note",
         "一般公共预算-note"],
)
def test_empty_tables_and_notes(old, new, table):
    dept = admin_dept()
    text = build(dept)
    assert old in text
    d = read_text(text.replace(old, new, 1))
    assert spurious(d) == []
    assert_all_tables(d, dept)
    if table:
        assert d.table_info[table].extra["table_notes"].startswith(("注：", "备注："))
    assert fails(d) == set()


@pytest.mark.parametrize(
    "changes",
    [{}, {"subtotal_rows": True, "repeat_headers": True}, {"econ_subtotals": True},
     {"print_basic_split_totals": False}],
    ids=["plain", "subtotals-repeated-headers", "econ-class-rows", "narrative-公用经费"],
)
@pytest.mark.parametrize("make", [admin_dept, institution_dept, school_dept],
                         ids=["admin", "institution", "school"])
def test_cells_wrapped_in_narrow_columns(make, changes):
    dept = make(narrow_cells=True, **changes)
    text = build(dept)
    assert "\n2080505-机关事\n" in text  # a code cell wrapped as extraction prints it
    d = read_text(text)
    assert spurious(d) == []
    assert_all_tables(d, dept)
    gaps = {admin_dept: set(), institution_dept: INSTITUTION_AUDIT_GAPS, school_dept: SCHOOL_AUDIT_GAPS}
    assert fails(d) == gaps[make]
