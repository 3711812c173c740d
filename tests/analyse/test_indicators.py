"""deptbudget.indicators: the sample's performance targets counted and checked by hand, and
synthetic tables for names, grades and gaps the sample does not have."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest

from deptbudget import indicators
from deptbudget.core.model import Disclosure, TableInfo

D = Decimal

# The sample's five projects, as printed in 表4 / 表14.
SYSTEM = "西城区外办出入境业务管理系统运维服务费"
FOREIGN = "外事工作经费"
WECHAT = "微信公众号运营服务费"
DECISION = "对外工作决策服务保障经费"
LEGAL = "法律服务费"


def _synthetic(project_rows: list[dict] | None = None, overall_rows: list[dict] | None = None,
               projects: list[dict] | None = None, listed: list[dict] | None = None) -> Disclosure:
    tables: dict[str, pd.DataFrame] = {}
    info: dict[str, TableInfo] = {}
    if project_rows is not None:
        tables["project_performance"] = pd.DataFrame(
            [{"page": 1, "line": 10 + i, "end_line": 10 + i, **r} for i, r in enumerate(project_rows)])
        info["project_performance"] = TableInfo("project_performance", 14, "项目支出绩效目标申报表", "万元", 1, 1,
                                                extra={"projects": listed} if listed else {})
    if overall_rows is not None:
        tables["overall_performance"] = pd.DataFrame(
            [{"page": 1, "line": 50 + i, "end_line": 50 + i, **r} for i, r in enumerate(overall_rows)])
    if projects is not None:
        tables["projects"] = pd.DataFrame(projects)
    return Disclosure(path=Path("synthetic.txt"), sha256="0" * 64, encoding="utf-8", year=2031,
                      tables=tables, table_info=info)


def _ind(project: str, level1: str | None, level2: str | None, indicator: str, nature: str | None,
         target: str, operator: str | None = None, unit: str | None = None, code: str = "P1",
         amount: str | None = "100.00") -> dict:
    return {"project_code": code, "project_name": project, "project_type": "31-部门项目",
            "amount_yuan": D(amount) if amount else None, "goal": "…", "level1": level1, "level2": level2,
            "indicator": indicator, "nature": nature, "operator": operator, "target": target, "unit": unit}


# --------------------------------------------------------------------------- the sample


def test_counts_per_project_and_overall(sample):
    frame = indicators.counts(sample)
    assert list(frame.columns) == indicators.COUNT_COLUMNS
    projects = frame[frame["scope"] == "project"]
    per_project = projects.groupby("project_name")["n"].sum().to_dict()
    assert per_project == {SYSTEM: 6, FOREIGN: 7, WECHAT: 7, DECISION: 7, LEGAL: 4}
    assert not projects["inferred"].any()
    satisfaction = projects[(projects["project_name"] == SYSTEM) & (projects["level1"] == "满意度指标")]
    assert satisfaction["n"].tolist() == [2]  # 区内单位满意度, 企业满意度
    legal = projects[projects["project_name"] == LEGAL]
    assert "数量指标" not in set(legal["level2"])
    overall = frame[frame["scope"] == "overall"]
    assert overall["n"].sum() == 13  # 表13 prints 13 indicator rows
    assert overall["inferred"].all()
    assert set(overall["project_name"]) == {indicators.OVERALL_NAME}
    # 完成进度 three times (对外决策, 律师服务, 出入境系统运维).
    assert overall.set_index("level2").at["时效指标", "n"] == 3


def test_quantitative_share(sample):
    frame = indicators.quantitative_share(sample)
    assert list(frame.columns) == indicators.SHARE_COLUMNS
    legal = frame[(frame["scope"] == "project") & (frame["project_name"] == LEGAL)].set_index("nature")
    assert (legal.at["定量", "n"], legal.at["定性", "n"]) == (1, 3)
    assert legal.at["定量", "share"] == 0.25
    assert legal.at["定量", "weight_yuan"] == D("60000.00")
    pooled = frame[frame["scope"] == "projects"].set_index("nature")
    assert (pooled.at["定量", "n"], pooled.at["定性", "n"]) == (13, 18)
    overall = frame[frame["scope"] == "overall"].set_index("nature")
    assert (overall.at["定量", "n"], overall.at["定性", "n"]) == (3, 10)
    # Weighted by the project amounts, exactly: Σ amount · 定量/n over Σ amount.
    parts = [(138100, 3, 6), (700000, 3, 7), (150000, 3, 7), (150000, 3, 7), (60000, 1, 4)]
    exact = sum(Fraction(a * q, n) for a, q, n in parts) / sum(a for a, _, _ in parts)
    weighted = indicators.weighted_quantitative_share(sample)
    assert abs(Fraction(weighted) - exact) < Fraction(1, 10**20)
    row = frame[frame["scope"] == "weighted"].set_index("nature")
    assert row.at["定量", "weight_yuan"] == D("1198100.00")
    assert abs(row.at["定量", "share"] - float(exact)) < 1e-12
    assert abs(row.at["定量", "share"] + row.at["定性", "share"] - 1) < 1e-12


def test_quantitative_targets(sample):
    frame = indicators.quantitative_targets(sample)
    projects = frame[frame["scope"] == "project"]
    assert len(projects) == 13
    posts = projects[(projects["project_name"] == WECHAT) & (projects["indicator"] == "期次")].iloc[0]
    assert (posts["operator"], posts["value"], posts["unit"]) == ("≥", D("150"), "条")
    events = projects[projects["indicator"] == "组织活动次数"].iloc[0]
    assert (events["project_name"], events["value"], events["unit"]) == (FOREIGN, D("9"), "场次")
    assert all(isinstance(v, Decimal) for v in projects["value"])
    overall = frame[frame["scope"] == "overall"]
    assert sorted(overall["value"]) == [D("29"), D("90"), D("150")]
    assert set(overall["activity"]) == {"外事工作", "微信公众号运维"}


def test_gaps_of_each_project(sample):
    frame = indicators.gaps(sample).set_index("project_name")
    assert list(frame.reset_index().columns) == indicators.GAP_COLUMNS
    assert frame["has_targets"].all()
    # No project has a 成本 indicator; 法律服务费 has no 数量 indicator either.
    assert frame["no_cost"].all()
    assert frame["no_quantity"].to_dict() == {SYSTEM: False, FOREIGN: False, WECHAT: False, DECISION: False,
                                              LEGAL: True}
    assert not frame[["no_quality", "no_timeliness", "no_benefit", "no_satisfaction"]].any().any()
    assert frame.at[LEGAL, "missing"] == ["数量指标", "成本指标"]
    assert frame.at[SYSTEM, "missing"] == ["成本指标"]
    # Targets that only list grades (高中低, 优良中低差, 好坏).
    assert frame["n_grade_only"].to_dict() == {SYSTEM: 3, FOREIGN: 4, WECHAT: 4, DECISION: 4, LEGAL: 3}
    assert sorted(frame.at[LEGAL, "grade_only_targets"]) == sorted(["完成进度", "法律依据", "可持续影响"])
    assert frame.at[SYSTEM, "amount_yuan"] == D("138100.00")


def test_activities_matched_to_projects(sample):
    frame = indicators.activity_projects(sample)
    assert list(frame.columns) == indicators.ACTIVITY_COLUMNS
    matched = dict(zip(frame["activity"], frame["project_name"], strict=True))
    assert list(matched) == ["保障日常行政工作", "外事工作", "微信公众号运维", "对外决策服务保障", "律师服务",
                             "西城区外办出入境业务管理系统运维"]
    # Paid from basic expenditure: no project.
    assert pd.isna(matched.pop("保障日常行政工作"))
    assert matched == {"外事工作": FOREIGN, "微信公众号运维": WECHAT, "对外决策服务保障": DECISION,
                       "律师服务": LEGAL, "西城区外办出入境业务管理系统运维": SYSTEM}
    by_activity = frame.set_index("activity")
    assert by_activity.at["保障日常行政工作", "score"] < 0.5
    assert by_activity.at["外事工作", "score"] == 1.0
    assert by_activity.at["外事工作", "n_indicators"] == 3
    assert by_activity.at["律师服务", "project_code"].endswith("2727246")
    assert not by_activity["ambiguous"].any()


def test_summary(sample):
    frame = indicators.summary(sample)
    assert list(frame.columns) == indicators.SUMMARY_COLUMNS
    values = dict(zip(frame["key"], frame["value"], strict=True))
    assert values["projects_with_targets"] == 5
    assert values["projects_without_targets"] == 0
    assert values["project_indicators"] == 31
    assert values["overall_indicators"] == 13
    assert values["quantitative_share_projects"] == D("0.4194")  # 13 / 31
    assert values["quantitative_share_overall"] == D("0.2308")  # 3 / 13
    assert values["quantitative_share_weighted"] == D("0.4279")
    assert values["grade_only_targets"] == 18
    assert values["projects_without_cost"] == 5
    assert values["projects_without_quantity"] == 1
    assert (values["activities"], values["activities_matched"]) == (6, 5)


# --------------------------------------------------------------------------- helpers


@pytest.mark.parametrize("target", ["高中低", "优良中低差", "好坏", "优/良/中/差", "是否", "A、B、C、D", "合格、不合格",
                                    "满意/基本满意/不满意", "强中弱", "好 较好 一般 差", "有/无", "ABCD", "优良中差"])
def test_grade_scales_are_recognised_by_shape(target):
    assert indicators.is_grade_scale(target)


@pytest.mark.parametrize("target", ["90", "≥95%", "优", "达到预期", "按时完成", "高质量完成", "", None, "A级景区",
                                    "100%完成", "良好运行", "良好", "较好", "优良", "好好", "AB级", "Excellent"])
def test_real_targets_are_not_grade_scales(target):
    assert not indicators.is_grade_scale(target)


def test_parse_target_and_nature():
    assert indicators.parse_target("1,200") == (None, D("1200"), None)
    assert indicators.parse_target("≥95%") == ("≥", D("95"), "%")
    assert indicators.parse_target("＜3 天") == ("<", D("3"), "天")
    assert indicators.parse_target("优良中低差") == (None, None, None)
    assert indicators.nature_of({"nature": None, "operator": "≤", "target": "5"}) == "定量"
    assert indicators.nature_of({"nature": "", "operator": None, "target": "98"}) == "定量"
    assert indicators.nature_of({"nature": None, "operator": None, "target": "好坏"}) == "定性"
    assert indicators.nature_of({"nature": "定性", "operator": None, "target": "100"}) == "定性"


def test_classify_indicator():
    assert indicators.classify_indicator("群众满意率") == ("满意度指标", "服务对象满意度指标")
    assert indicators.classify_indicator("培训完成及时率") == ("产出指标", "时效指标")
    assert indicators.classify_indicator("验收合格率") == ("产出指标", "质量指标")
    assert indicators.classify_indicator("培训人次") == ("产出指标", "数量指标")
    assert indicators.classify_indicator("单位成本控制") == ("成本指标", "经济成本指标")
    assert indicators.classify_indicator("生态环境改善") == ("效益指标", "生态效益指标")
    assert indicators.classify_indicator("其他") == (None, None)
    assert indicators.classify_indicator("维护时长") == ("产出指标", "数量指标")


def test_name_matching_on_other_names():
    assert indicators.name_similarity("城市绿化养护", "城市绿化养护专项经费") == 1.0
    assert indicators.name_similarity("", "道路清扫") == 0.0
    found = indicators.match_name("绿化养护", ["道路清扫保洁服务费", "城市绿化养护专项经费", "路灯维护费"])
    assert found.name == "城市绿化养护专项经费" and found.score >= 0.8
    assert found.runner_up is not None and found.runner_up_score < found.score
    assert indicators.match_name("机关日常运转", ["道路清扫保洁服务费", "路灯维护费"]).name is None
    tie = indicators.match_name("设备维护", ["甲设备维护费", "乙设备维护费"])
    assert tie.ambiguous and tie.name is None
    assert indicators.match_name("任何", []).name is None


# --------------------------------------------------------------------------- synthetic disclosures

_EMPTY_CASES = [
    (indicators.counts, indicators.COUNT_COLUMNS),
    (indicators.quantitative_share, indicators.SHARE_COLUMNS),
    (indicators.quantitative_targets, indicators.TARGET_COLUMNS),
    (indicators.gaps, indicators.GAP_COLUMNS),
    (indicators.activity_projects, indicators.ACTIVITY_COLUMNS),
]


@pytest.mark.parametrize(("function", "columns"), _EMPTY_CASES)
def test_missing_tables_give_empty_frames_with_the_columns(function, columns):
    frame = function(_synthetic())
    assert frame.empty
    assert list(frame.columns) == columns


def test_summary_without_tables():
    values = dict(zip(indicators.summary(_synthetic())["key"], indicators.summary(_synthetic())["value"],
                      strict=True))
    assert values["project_indicators"] == 0
    assert values["quantitative_share_projects"] is None
    assert values["quantitative_share_weighted"] is None


def test_gaps_on_a_project_with_cost_and_no_satisfaction():
    rows = [
        _ind("河道保洁", "产出指标", "数量指标", "保洁面积", "定量", "120", "≥", "万平方米"),
        _ind("河道保洁", "产出指标", "质量指标", "检查合格率", "定量", "95", "≥", "%"),
        _ind("河道保洁", "产出指标", "时效指标", "完成时间", "定性", "按时完成"),
        _ind("河道保洁", "成本指标", "经济成本指标", "单位面积成本", "定量", "3", "≤", "元"),
        _ind("河道保洁", "效益指标", "生态效益指标", "水体改善", "定性", "好/较好/一般"),
    ]
    listed = [{"project_code": "P1", "project_name": "河道保洁", "project_type": "31-部门项目",
               "amount_yuan": D("100.00")},
              {"project_code": "P2", "project_name": "无指标项目", "project_type": "31-部门项目",
               "amount_yuan": D("50.00")}]
    budget = [{"project_name": "河道保洁", "function_code": "2130101", "total_yuan": D("100.00")},
              {"project_name": "只在项目表中", "function_code": "2130101", "total_yuan": D("20.00")}]
    frame = indicators.gaps(_synthetic(rows, listed=listed, projects=budget)).set_index("project_name")
    assert list(frame.index) == ["河道保洁", "无指标项目", "只在项目表中"]
    river = frame.loc["河道保洁"]
    assert not river["no_cost"] and not river["no_benefit"] and not river["no_quantity"]
    assert river["no_satisfaction"]
    assert river["missing"] == ["满意度指标"]
    assert river["grade_only_targets"] == ["水体改善"]
    for name in ("无指标项目", "只在项目表中"):
        assert not frame.at[name, "has_targets"]
        assert frame.at[name, "missing"][0] == "绩效目标"
        assert frame.at[name, "n_indicators"] == 0
    assert frame.at["只在项目表中", "amount_yuan"] == D("20.00")


def test_blank_levels_and_natures_are_inferred():
    rows = [
        _ind("培训项目", None, None, "培训人次", None, "300", "≥", "人次"),
        _ind("培训项目", None, None, "学员满意度", None, "90", "≥", "%"),
        _ind("培训项目", None, None, "培训效果", None, "好坏"),
    ]
    d = _synthetic(rows)
    counts = indicators.counts(d)
    assert counts["inferred"].all()
    assert set(counts["level2"]) == {"数量指标", "服务对象满意度指标", "社会效益指标"}
    share = indicators.quantitative_share(d)
    project = share[share["scope"] == "project"].set_index("nature")
    assert (project.at["定量", "n"], project.at["定性", "n"]) == (2, 1)
    gap = indicators.gaps(d).set_index("project_name").loc["培训项目"]
    assert gap["missing"] == ["质量指标", "时效指标", "成本指标"]


def test_weighting_skips_projects_without_an_amount():
    rows = [
        _ind("甲", "产出指标", "数量指标", "次数", "定量", "5", "≥", "次", code="A", amount="300.00"),
        _ind("乙", "产出指标", "质量指标", "质量", "定性", "优良中差", code="B", amount="100.00"),
        _ind("丙", "产出指标", "质量指标", "质量", "定性", "高中低", code="C", amount=None),
    ]
    d = _synthetic(rows)
    assert indicators.weighted_quantitative_share(d) == D("0.75")  # 300·1 / (300 + 100)
    share = indicators.quantitative_share(d)
    weighted = share[share["scope"] == "weighted"].set_index("nature")
    assert weighted.at["定量", "weight_yuan"] == D("400.00")
    assert weighted.at["定量", "share"] == 0.75
    pooled = share[share["scope"] == "projects"].set_index("nature")
    assert (pooled.at["定量", "n"], pooled.at["定性", "n"]) == (1, 2)


def test_activities_on_other_names():
    overall = [{"activity": "河道日常保洁", "indicator": "保洁面积", "nature": "定量", "operator": "≥",
                "target": "120", "unit": "万平方米"},
               {"activity": "机关运转保障", "indicator": "质量指标", "nature": "定性", "operator": None,
                "target": "高中低", "unit": None}]
    rows = [_ind("河道日常保洁专项经费", "产出指标", "数量指标", "保洁面积", "定量", "120", "≥", code="K9")]
    budget = [{"project_name": "河道日常保洁专项经费", "function_code": "2130101", "total_yuan": D("10.00")},
              {"project_name": "路灯维护费", "function_code": "2120399", "total_yuan": D("5.00")}]
    frame = indicators.activity_projects(_synthetic(rows, overall, projects=budget)).set_index("activity")
    assert frame.at["河道日常保洁", "project_name"] == "河道日常保洁专项经费"
    assert frame.at["河道日常保洁", "project_code"] == "K9"
    assert pd.isna(frame.at["机关运转保障", "project_name"])
    strict = indicators.activity_projects(_synthetic(rows, overall, projects=budget), min_score=1.01)
    assert strict["project_name"].isna().all()


def test_gaps_follow_an_edited_copy_of_the_sample(sample_text, write_copy):
    from deptbudget import read_disclosure

    # The system project's quantity indicator becomes a cost indicator.
    edited = sample_text.replace("产出指标 数量指标 维护时长 ≥ 12 月", "产出指标 成本指标 维护单价 ≤ 3000 元")
    assert edited != sample_text
    d = read_disclosure(write_copy(edited))
    row = indicators.gaps(d).set_index("project_name").loc[SYSTEM]
    assert row["no_quantity"] and not row["no_cost"]
    assert row["missing"] == ["数量指标"]
    target = indicators.quantitative_targets(d).iloc[0]
    assert (target["indicator"], target["operator"]) == ("维护单价", "≤")
    assert (target["value"], target["unit"]) == (D("3000"), "元")


def test_a_printed_level2_places_a_row_without_level1():
    rows = [_ind("宣传项目", None, "社会效益指标", "群众获得感", "定性", "显著"),
            _ind("宣传项目", "产出指标", "数量指标", "宣传场次", "定量", "4", "≥", "场")]
    gap = indicators.gaps(_synthetic(rows)).set_index("project_name").loc["宣传项目"]
    assert not gap["no_benefit"]
    assert gap["grade_only_targets"] == []
    counts = indicators.counts(_synthetic(rows)).set_index("level2")
    assert counts.at["社会效益指标", "level1"] == "效益指标"
    assert bool(counts.at["社会效益指标", "inferred"])
