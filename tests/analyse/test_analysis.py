"""deptbudget.analysis: breakdowns of the sample checked against figures worked out by hand
from the sample text, and synthetic disclosures for the edge cases."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import altair as alt
import pandas as pd
import pytest

from deptbudget import analyse as analysis
from deptbudget.analyse import common
from deptbudget.core.model import Disclosure, Fact, Place, TableInfo

D = Decimal


def _synthetic(tables: dict[str, pd.DataFrame] | None = None, *, facts: list[Fact] | None = None,
               staff: dict[str, int | None] | None = None, info: dict[str, TableInfo] | None = None,
               year: int | None = 2031) -> Disclosure:
    return Disclosure(
        path=Path("synthetic.txt"), sha256="0" * 64, encoding="utf-8", department="测试单位", year=year,
        staff=staff or {"authorized": None, "actual": None, "retired": None},
        tables=tables or {}, table_info=info or {}, facts=facts or [],
    )


def _rows(records: list[dict]) -> pd.DataFrame:
    out = []
    for i, record in enumerate(records):
        out.append({"page": 1, "line": 10 + i, "end_line": 10 + i, **record})
    return pd.DataFrame(out)


def _exp(code: str | None, name: str, total: str, basic: str, project: str, dept: str = "30201",
         gov: str = "50201") -> dict:
    return {"function_code": code, "function_name": name, "gov_econ_code": gov, "gov_econ_name": None,
            "dept_econ_code": dept, "dept_econ_name": None, "total_yuan": D(total), "basic_yuan": D(basic),
            "project_yuan": D(project)}


# --------------------------------------------------------------------------- the sample


def test_by_function_lei_matches_the_summary_table(sample):
    frame = analysis.by_function(sample, "类")
    assert list(frame.columns) == common.BREAKDOWN_COLUMNS
    assert list(frame["code"]) == ["201", "208", "210", "221"]
    totals = dict(zip(frame["code"], frame["total_yuan"], strict=True))
    # 表1 prints 471.550528 / 67.379288 / 35.268684 / 74.677284 万元 for the four 类.
    assert totals == {"201": D("4715505.28"), "208": D("673792.88"), "210": D("352686.84"), "221": D("746772.84")}
    assert sum(frame["total_yuan"], D(0)) == D("6488757.84")
    assert all(r.basic_yuan + r.project_yuan == r.total_yuan for r in frame.itertuples())
    assert frame.set_index("code").at["201", "name"] == "一般公共服务支出"
    assert frame.set_index("code").at["201", "project_yuan"] == D("1198100.00")
    assert abs(frame["share"].sum() - 1.0) < 1e-12
    assert set(frame["level"]) == {"类"}


def test_by_function_xiang_matches_the_general_budget_table(sample):
    frame = analysis.by_function(sample, "项").set_index("code")
    assert len(frame) == 9  # 表6 lists nine 项
    assert frame.at["2010301", "total_yuan"] == D("3517405.28")  # 351.740528 万元
    assert frame.at["2010301", "name"] == "行政运行"
    assert frame.at["2080501", "total_yuan"] == D("63920.00")  # 6.392000 万元: three rows of 表3
    kuan = analysis.by_function(sample, "kuan").set_index("code")
    assert kuan.at["20103", "total_yuan"] == D("4715505.28")
    assert kuan.at["20103", "name"]  # named from the reference, the table prints no 款
    with pytest.raises(ValueError):
        analysis.by_function(sample, "目")


def test_function_tree_is_consistent(sample):
    tree = analysis.function_tree(sample)
    assert list(tree.columns) == common.TREE_COLUMNS
    codes = set(tree["code"])
    assert len(codes) == len(tree)  # every code once
    for row in tree.itertuples():
        if row.level == "类":
            assert pd.isna(row.parent_code)
        else:
            assert row.parent_code in codes and row.code.startswith(row.parent_code)
            children = tree[tree["parent_code"] == row.code]
            if not children.empty:
                assert sum(children["total_yuan"], D(0)) == row.total_yuan
    for level in ("类", "款", "项"):
        assert sum(tree[tree["level"] == level]["total_yuan"], D(0)) == D("6488757.84")
    assert tree.set_index("code").at["2010302", "parent_name"] == "政府办公厅（室）及相关机构事务"


def test_economic_breakdowns(sample):
    dept = analysis.by_dept_econ(sample, "类").set_index("code")
    assert list(dept.index) == ["301", "302", "303"]
    assert sum(dept["total_yuan"], D(0)) == D("6488757.84")
    # Every project is booked under 30299, so 302 holds all project expenditure.
    assert dept.at["302", "project_yuan"] == D("1198100.00")
    assert dept.at["301", "name"] == "工资福利支出"
    kuan = analysis.by_dept_econ(sample, "款").set_index("code")
    # 30102 津贴补贴: 185.5878 (行政运行) + 39.0324 (购房补贴) 万元.
    assert kuan.at["30102", "total_yuan"] == D("2246202.00")
    gov = analysis.by_gov_econ(sample, "类").set_index("code")
    assert sum(gov["total_yuan"], D(0)) == D("6488757.84")
    assert gov.at["502", "project_yuan"] == D("1198100.00")


def test_basic_vs_project_adds_up_to_the_total(sample):
    frame = analysis.basic_vs_project(sample).set_index("kind")
    assert frame.at["basic", "amount_yuan"] == D("5290657.84")
    assert frame.at["project", "amount_yuan"] == D("1198100.00")
    assert frame.at["basic", "amount_yuan"] + frame.at["project", "amount_yuan"] == D("6488757.84")
    assert frame.at["basic", "label"] == "基本支出"
    assert frame.at["basic", "source"] == "expenditure:合计行"
    assert abs(frame["share"].sum() - 1.0) < 1e-12


def test_personnel_vs_public_uses_the_printed_total_and_shows_the_missing_row(sample):
    frame = analysis.personnel_vs_public(sample).set_index("kind")
    # 表7 合计: 487.471013 + 41.594771 = 529.065784 万元, the basic expenditure.
    assert frame.at["personnel", "amount_yuan"] == D("4874710.13")
    assert frame.at["public", "amount_yuan"] == D("415947.71")
    assert sum(frame["amount_yuan"], D(0)) == analysis.basic_vs_project(sample).set_index("kind").at[
        "basic", "amount_yuan"]
    # 表7 prints no row for 购房补贴 (39.0324 万元) although its 合计 includes it.
    gap = frame.at["personnel", "amount_yuan"] - frame.at["personnel", "rows_yuan"]
    assert gap == D("390324.00")
    assert frame.at["public", "rows_yuan"] == frame.at["public", "amount_yuan"]


def test_three_public_reception_change(sample):
    frame = analysis.three_public(sample).set_index("item_key")
    assert frame.at["reception", "budget_yuan"] == D("2147.52")
    assert frame.at["reception", "prior_year_yuan"] == D("2142.24")
    assert frame.at["reception", "change_yuan"] == D("5.28")
    # 5.28 / 2142.24 = 0.2465 % → 0.25 (the narrative rounds to 0.2 %).
    assert frame.at["reception", "change_pct"] == D("0.25")
    assert frame.at["outbound", "change_pct"] is None  # prior year 0
    assert frame.at["total", "budget_yuan"] == D("2147.52")
    assert frame.at["total", "level"] == 0
    assert frame.at["vehicle_purchase", "level"] == 2
    assert frame.index[-1] == "total"


def test_projects_carry_performance_information(sample, sample_text):
    frame = analysis.projects(sample)
    assert list(frame.columns) == common.PROJECT_COLUMNS
    assert len(frame) == 5
    assert sum(frame["amount_yuan"], D(0)) == D("1198100.00")
    by_name = frame.set_index("project_name")
    assert by_name.at["外事工作经费", "amount_yuan"] == D("700000.00")
    assert by_name.at["外事工作经费", "function_code"] == "2010302"
    assert by_name.at["外事工作经费", "function_name"] == "一般行政管理事务"
    assert abs(by_name.at["外事工作经费", "share"] - 700000 / 1198100) < 1e-12
    assert list(frame["n_indicators"]) == [6, 7, 7, 7, 4]
    assert list(frame["n_quantitative"]) == [3, 3, 3, 3, 1]
    codes = re.findall(r"(\d{8}T\d{12})-", sample_text)
    assert set(frame["project_code"]) == set(codes)
    assert by_name.at["法律服务费", "project_code"] == next(
        c for c in codes if re.search(c + r"-法\s*律服务费", sample_text))
    assert set(frame["performance_match"]) == {1.0}


def test_purchased_services(sample):
    frame = analysis.purchased_services(sample)
    assert len(frame) == 6
    # The narrative: 6 个, 648,100.00 元.
    assert sum(frame["amount_yuan"], D(0)) == D("648100.00")
    row = frame.set_index("catalog_code").loc["B0101"]
    assert (row["category"], row["service"]) == ("法律顾问服务", "法律服务费")
    assert row["function_code"] == "2010399"
    assert abs(frame["share"].sum() - 1.0) < 1e-12


def test_per_head_with_the_staff_counts(sample):
    frame = analysis.per_head(sample).set_index("measure")
    assert list(frame.index) == ["total", "basic", "personnel", "public", "project"]
    assert frame.at["total", "authorized"] == 15 and frame.at["total", "actual"] == 14
    # 6,488,757.84 / 15 = 432,583.856 → .86 ; / 14 = 463,482.7028… → .70
    assert frame.at["total", "per_authorized_yuan"] == D("432583.86")
    assert frame.at["total", "per_actual_yuan"] == D("463482.70")
    # 415,947.71 / 14 = 29,710.5507…
    assert frame.at["public", "per_actual_yuan"] == D("29710.55")
    assert frame.at["project", "per_authorized_yuan"] == D("79873.33")


def test_per_head_follows_edited_staff_counts(sample_text, write_copy):
    from deptbudget import read_disclosure

    edited = re.sub(r"行政编制 15 人，实际\s*\n\s*\n14 人", "行政编制 20 人，实际\n\n0 人", sample_text)
    assert edited != sample_text
    d = read_disclosure(write_copy(edited))
    frame = analysis.per_head(d).set_index("measure")
    assert frame.at["total", "per_authorized_yuan"] == D("324437.89")  # 6,488,757.84 / 20 = …892
    assert frame.at["total", "per_actual_yuan"] is None


def test_year_on_year_recomputes_changes(sample):
    frame = analysis.year_on_year(sample).set_index("key")
    assert {"income_total", "basic_total", "public_total", "project_total", "three_public_total",
            "three_public_reception", "admin_operating"} <= set(frame.index)
    income = frame.loc["income_total"]
    assert income["label"] == "收入预算"
    assert (income["current_year"], income["prior_year"]) == (2024, 2023)
    assert income["change_yuan"] == D("-13921.83") == income["stated_change_yuan"]
    assert income["change_pct"] == D("-0.21") == income["stated_pct"]
    # 三公: stated 0.2 %, recomputed 0.25 %.
    assert frame.at["three_public_total", "change_pct"] == D("0.25")
    assert frame.at["three_public_total", "stated_pct"] == D("0.2")
    # 5,644.45 / 339,057.06 = 1.6647 %; the narrative states no percentage here.
    assert frame.at["admin_operating", "change_pct"] == D("1.66")
    assert frame.at["admin_operating", "stated_pct"] is None
    assert frame.at["three_public_outbound", "change_pct"] is None
    assert frame.at["public_total", "page"] == 1


def test_headline(sample):
    frame = analysis.headline(sample).set_index("key")
    assert frame.at["income_total", "amount_yuan"] == D("6488757.84")
    assert frame.at["expenditure_total", "amount_yuan"] == D("6488757.84")
    assert frame.at["basic", "amount_yuan"] == D("5290657.84")
    assert frame.at["project", "amount_yuan"] == D("1198100.00")
    assert frame.at["personnel", "amount_yuan"] + frame.at["public", "amount_yuan"] == D("5290657.84")
    assert frame.at["three_public", "amount_yuan"] == D("2147.52")
    assert [frame.at[k, "count"] for k in ("staff_authorized", "staff_actual", "staff_retired")] == [15, 14, 9]
    assert frame.at["projects", "count"] == 5
    assert frame.at["income_total", "page"] == 6  # 表1 合计 row


def test_for_chart_converts_decimals_and_leaves_the_original(sample):
    frame = analysis.by_function(sample)
    chart_data = analysis.for_chart(frame)
    assert chart_data["total_yuan"].dtype == "float64"
    assert chart_data["total_yuan"].tolist() == [float(v) for v in frame["total_yuan"]]
    assert isinstance(frame["total_yuan"].iloc[0], Decimal)
    spec = alt.Chart(chart_data).mark_bar().encode(x="total_yuan:Q", y="code:N").to_json()
    assert "4715505.28" in spec
    with pytest.raises(TypeError):
        alt.Chart(frame).mark_bar().encode(x="total_yuan:Q", y="code:N").to_json()
    mixed = pd.DataFrame({"v": [D("1.5"), "n/a", None]})
    assert analysis.for_chart(mixed)["v"].tolist() == [1.5, "n/a", None]


# --------------------------------------------------------------------------- synthetic edge cases

_EMPTY_CASES = [
    (lambda d: analysis.by_function(d), common.BREAKDOWN_COLUMNS),
    (lambda d: analysis.by_function(d, "项"), common.BREAKDOWN_COLUMNS),
    (analysis.function_tree, common.TREE_COLUMNS),
    (lambda d: analysis.by_dept_econ(d, "款"), common.BREAKDOWN_COLUMNS),
    (analysis.by_gov_econ, common.BREAKDOWN_COLUMNS),
    (analysis.basic_vs_project, common.PART_COLUMNS),
    (analysis.personnel_vs_public, common.PART_COLUMNS),
    (analysis.three_public, common.THREE_PUBLIC_COLUMNS),
    (analysis.projects, common.PROJECT_COLUMNS),
    (analysis.purchased_services, common.SERVICE_COLUMNS),
    (analysis.per_head, common.PER_HEAD_COLUMNS),
    (analysis.year_on_year, common.YOY_COLUMNS),
    (analysis.headline, common.HEADLINE_COLUMNS),
]


@pytest.mark.parametrize(("function", "columns"), _EMPTY_CASES)
def test_missing_tables_give_empty_frames_with_the_columns(function, columns):
    frame = function(_synthetic())
    assert frame.empty
    assert list(frame.columns) == columns
    assert analysis.for_chart(frame).empty


def test_zero_or_unknown_staff_gives_no_per_head_figure():
    expenditure = _rows([_exp("2050101", "行政运行", "100.05", "100.05", "0")])
    info = {"expenditure": TableInfo("expenditure", 3, "支出总表", "万元", 1, 1,
                                     printed_totals={"total_yuan": D("100.05")})}
    for staff in ({"authorized": 0, "actual": 0, "retired": 0}, {"authorized": None, "actual": None}):
        frame = analysis.per_head(_synthetic({"expenditure": expenditure}, staff=staff, info=info))
        total = frame.set_index("measure").loc["total"]
        assert total["amount_yuan"] == D("100.05")
        assert total["per_authorized_yuan"] is None and total["per_actual_yuan"] is None
    # Half up to the fen: 100.05 / 2 = 50.025 → 50.03 (banker's rounding would give 50.02).
    frame = analysis.per_head(_synthetic({"expenditure": expenditure}, staff={"authorized": 2, "actual": 3}, info=info))
    total = frame.set_index("measure").loc["total"]
    assert total["per_authorized_yuan"] == D("50.03")
    assert total["per_actual_yuan"] == D("33.35")


def test_prior_year_zero_gives_no_percentage():
    table = _rows([
        {"item": "因公出国（境）费", "budget_yuan": D("500.00"), "prior_year_yuan": D("0.00"),
         "item_key": "outbound", "level": 1},
        {"item": "公务接待费", "budget_yuan": D("300.00"), "prior_year_yuan": D("400.00"),
         "item_key": "reception", "level": 1},
    ])
    frame = analysis.three_public(_synthetic({"three_public": table})).set_index("item_key")
    assert frame.at["outbound", "change_yuan"] == D("500.00")
    assert frame.at["outbound", "change_pct"] is None
    assert frame.at["reception", "change_pct"] == D("-25.00")
    # No printed 总计: the total is the sum of the level-1 items.
    assert frame.at["total", "budget_yuan"] == D("800.00")
    assert frame.at["total", "prior_year_yuan"] == D("400.00")
    assert frame.at["total", "source"] == "three_public:各行之和"

    facts = [Fact("admin_operating", 2031, D("10.00"), 1, 5, "…"), Fact("admin_operating", 2030, D("0"), 1, 5, "…")]
    yoy = analysis.year_on_year(_synthetic(facts=facts)).set_index("key")
    assert yoy.at["admin_operating", "change_yuan"] == D("10.00")
    assert yoy.at["admin_operating", "change_pct"] is None


def test_three_public_from_the_narrative_when_the_table_is_missing():
    facts = [
        Fact("three_public_reception", 2031, D("1200.00"), 2, 40, "…"),
        Fact("three_public_reception", 2030, D("1000.00"), 2, 40, "…"),
        Fact("three_public_total", 2031, D("1200.00"), 2, 38, "…"),
    ]
    frame = analysis.three_public(_synthetic(facts=facts)).set_index("item_key")
    assert frame.at["reception", "change_pct"] == D("20.00")
    assert frame.at["reception", "source"] == "情况说明"
    assert frame.at["total", "prior_year_yuan"] is None and frame.at["total", "change_yuan"] is None


def test_function_breakdown_falls_back_and_keeps_every_yuan():
    general = _rows([
        _exp("2130101", "行政运行", "100.00", "100.00", "0"),
        _exp("2130199", "其他农业农村支出", "50.00", "0", "50.00"),
        _exp("21302", "林业和草原", "30.00", "0", "30.00"),  # a 款 printed without 项
        _exp("2999901", "本表自造科目", "7.00", "7.00", "0"),  # not in the reference
        _exp(None, "无编码行", "3.00", "3.00", "0"),
    ])
    d = _synthetic({"general_budget": general})
    lei = analysis.by_function(d, "类")
    assert sum(lei["total_yuan"], D(0)) == D("190.00")
    assert lei["code"].isna().sum() == 1
    xiang = analysis.by_function(d, "项").set_index("code")
    assert xiang.at["21302", "level"] == "款"  # keeps its own level
    assert xiang.at["2999901", "name"] == "本表自造科目"  # the printed name when the reference lacks it
    assert xiang.at["2130101", "name"] == "行政运行"
    tree = analysis.function_tree(d)
    assert list(tree["code"]).count("21302") == 1
    assert sum(tree[tree["level"] == "类"]["total_yuan"], D(0)) == D("187.00")


def test_econ_breakdown_without_the_expenditure_table():
    basic = _rows([{"gov_econ_code": "50101", "gov_econ_name": "工资奖金津补贴", "dept_econ_code": "30101",
                    "dept_econ_name": "基本工资", "total_yuan": D("80.00"), "personnel_yuan": D("80.00"),
                    "public_yuan": D("0")}])
    projects = _rows([{"project_name": "甲项目", "function_code": "2130101", "gov_econ_code": "50299",
                       "dept_econ_code": "30299", "total_yuan": D("20.00")}])
    frame = analysis.by_dept_econ(_synthetic({"general_budget_basic": basic, "projects": projects})).set_index("code")
    assert frame.at["301", "basic_yuan"] == D("80.00") and frame.at["301", "project_yuan"] == D("0.00")
    assert frame.at["302", "project_yuan"] == D("20.00")


def test_splits_fall_back_to_the_narrative():
    facts = [Fact("personnel_total", 2031, D("900.00"), 1, 3, "…"), Fact("public_total", 2031, D("100.00"), 1, 4, "…"),
             Fact("public_total", 2030, D("90.00"), 1, 4, "…")]
    frame = analysis.personnel_vs_public(_synthetic(facts=facts)).set_index("kind")
    assert frame.at["personnel", "amount_yuan"] == D("900.00")
    assert frame.at["public", "source"] == "情况说明"
    assert frame.at["public", "rows_yuan"] is None
    assert abs(frame.at["personnel", "share"] - 0.9) < 1e-12


def test_projects_split_over_codes_are_one_row():
    table = _rows([
        {"project_name": "乙项目", "function_code": "2130101", "gov_econ_code": "50299", "dept_econ_code": "30299",
         "total_yuan": D("30.00")},
        {"project_name": "乙项目", "function_code": "2130199", "gov_econ_code": "50299", "dept_econ_code": "30299",
         "total_yuan": D("70.00")},
        {"project_name": "丙项目", "function_code": "2130101", "gov_econ_code": "50299", "dept_econ_code": "30299",
         "total_yuan": D("100.00")},
    ])
    frame = analysis.projects(_synthetic({"projects": table})).set_index("project_name")
    assert frame.at["乙项目", "amount_yuan"] == D("100.00")
    assert frame.at["乙项目", "function_code"] == "2130199"
    assert frame.at["乙项目", "function_codes"] == ["2130101", "2130199"]
    assert pd.isna(frame.at["乙项目", "project_code"]) and pd.isna(frame.at["乙项目", "n_indicators"])


def test_headline_without_tables_uses_the_narrative():
    facts = [Fact("income_total", 2031, D("1000.00"), 1, 7, "…"), Fact("basic_total", 2031, D("600.00"), 1, 9, "…")]
    frame = analysis.headline(_synthetic(facts=facts, staff={"authorized": 3, "actual": None, "retired": 1}))
    frame = frame.set_index("key")
    assert frame.at["income_total", "amount_yuan"] == D("1000.00")
    assert (frame.at["income_total", "page"], frame.at["income_total", "line"]) == (1, 7)
    assert frame.at["basic", "source"] == "情况说明"
    assert "expenditure_total" not in frame.index and "staff_actual" not in frame.index
    assert frame.at["staff_authorized", "count"] == 3


def test_printed_totals_win_over_rows():
    rows = _rows([_exp("2050101", "行政运行", "10.00", "10.00", "0")])
    info = {"expenditure": TableInfo("expenditure", 3, "支出总表", "万元", 4, 100,
                                     printed_totals={"basic_yuan": D("15.00"), "project_yuan": D("5.00")},
                                     totals_place=Place(4, 120))}
    frame = analysis.basic_vs_project(_synthetic({"expenditure": rows}, info=info)).set_index("kind")
    assert frame.at["basic", "amount_yuan"] == D("15.00")
    assert frame.at["basic", "rows_yuan"] == D("10.00")
    assert frame.at["project", "amount_yuan"] == D("5.00")
    head = analysis.headline(_synthetic({"expenditure": rows}, info=info)).set_index("key")
    assert (head.at["basic", "page"], head.at["basic", "line"]) == (4, 120)


def test_every_frame_can_be_charted_after_for_chart(sample):
    from deptbudget import indicators

    frames = [analysis.by_function(sample), analysis.function_tree(sample), analysis.by_dept_econ(sample, "款"),
              analysis.by_gov_econ(sample), analysis.basic_vs_project(sample), analysis.personnel_vs_public(sample),
              analysis.three_public(sample), analysis.projects(sample), analysis.purchased_services(sample),
              analysis.per_head(sample), analysis.year_on_year(sample), analysis.headline(sample),
              indicators.counts(sample), indicators.quantitative_share(sample),
              indicators.quantitative_targets(sample), indicators.gaps(sample), indicators.activity_projects(sample),
              indicators.summary(sample)]
    for frame in frames:
        converted = analysis.for_chart(frame)
        assert not any(isinstance(v, Decimal) for column in converted for v in converted[column])
        alt.Chart(converted).mark_point().encode(x=f"{converted.columns[0]}:N").to_json()
