"""Tests for the performance-target tables (部门整体 / 项目支出绩效目标申报表)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deptbudget.core.model import PROVENANCE_COLUMNS, TABLE_COLUMNS
from deptbudget.read.layout import TableBlock, split_layout
from deptbudget.read.sources.text import read_source, source_from_bytes
from deptbudget.read.tables.parsed import ParsedTable
from deptbudget.read.tables.performance import (
    parse_overall_performance,
    parse_project_performance,
)
from paths import SAMPLE

RAW = SAMPLE.read_text(encoding="utf-8").splitlines()


def _blocks(text: str) -> dict[str, TableBlock]:
    lines = source_from_bytes(text.encode("utf-8")).lines
    return {b.key: b for b in split_layout(lines).tables if b.key}


@pytest.fixture(scope="module")
def sample_blocks() -> dict[str, TableBlock]:
    return {b.key: b for b in split_layout(read_source(SAMPLE).lines).tables if b.key}


@pytest.fixture(scope="module")
def overall(sample_blocks: dict[str, TableBlock]) -> ParsedTable:
    return parse_overall_performance(sample_blocks["overall_performance"])


@pytest.fixture(scope="module")
def projects(sample_blocks: dict[str, TableBlock]) -> ParsedTable:
    return parse_project_performance(sample_blocks["project_performance"])


def _raw_index(pattern: str, start: int = 0) -> int:
    """0-based index of the first raw line at or after ``start`` matching ``pattern``."""
    for i in range(start, len(RAW)):
        if re.search(pattern, RAW[i]):
            return i
    raise AssertionError(f"{pattern!r} not in the sample")


def _raw_join(first: int, last: int) -> str:
    return "".join(line.strip() for line in RAW[first : last + 1] if line.strip())


# ------------------------------------------------------------------ sample: table 14


def test_sample_projects_and_rows_per_project(projects: ParsedTable) -> None:
    table14 = _raw_index(r"^\s*表\s*14")
    codes = [m.group(1) for line in RAW[table14:]
             if (m := re.match(r"^\s*([0-9]{8}[A-Z][0-9]+)-", line))]
    assert len(codes) == 5
    rows = projects.frame()
    assert list(rows.columns) == TABLE_COLUMNS["project_performance"] + PROVENANCE_COLUMNS
    assert list(dict.fromkeys(rows["project_code"])) == codes
    assert [p["project_code"] for p in projects.extra["projects"]] == codes
    # Counted by hand from the sample text: one 一级指标 keyword opens each row.
    assert rows.groupby("project_code", sort=False).size().tolist() == [6, 7, 7, 7, 4]
    assert projects.warnings == []


def test_sample_project_head_fields(projects: ParsedTable) -> None:
    first = projects.extra["projects"][0]
    start = _raw_index(re.escape(first["project_code"]))
    amounts = _raw_index(r"^\d+\.\d+ \d+\.\d+$", start)
    total = Decimal(RAW[amounts].split()[0]) * 10000
    assert first["amount_yuan"] == total
    assert first["project_type"] == "31-部门项目"
    name = _raw_join(start, _raw_index(r"^31-", start) - 1).split("-", 1)[1]
    assert first["project_name"] == name
    rows = projects.frame()[projects.frame()["project_code"] == first["project_code"]]
    assert set(rows["project_name"]) == {name}
    assert all(isinstance(v, Decimal) and v == total for v in rows["amount_yuan"])


def test_sample_interleaved_goal_reassembled(projects: ParsedTable) -> None:
    second = projects.extra["projects"][1]
    goal = second["goal"]
    assert goal.startswith("着眼于国际交往中")
    assert goal.endswith("维护安全稳定的涉外环境。")
    # Independently: the goal's two runs of lines, before and after the rows that
    # interrupt it at the page break.
    start = _raw_index(r"^着眼于国际交往中")
    first_run_end = _raw_index(r"^(产出|效益|满意度)指标", start) - 1
    resume = _raw_index(r"^ \S", first_run_end)
    end = _raw_index(r"^境。$", resume)
    assert goal == _raw_join(start, first_run_end) + _raw_join(resume, end)
    rows = projects.frame()[projects.frame()["project_code"] == second["project_code"]]
    assert set(rows["goal"]) == {goal}
    assert second["goal_line"] == start + 1


def test_sample_goal_interrupted_after_one_row(projects: ParsedTable) -> None:
    fourth = projects.extra["projects"][3]
    assert fourth["goal"] == "加强海外调研，编制 29 期《国际信息参阅》，对区委区政府决策提供参考。"


def test_sample_wrapped_satisfaction_row(projects: ParsedTable) -> None:
    rows = projects.frame()
    row = rows[rows["indicator"] == "区内单位满意度"].iloc[0]
    assert (row["level1"], row["level2"], row["indicator"]) == (
        "满意度指标", "服务对象满意度指标", "区内单位满意度"
    )
    assert (row["nature"], row["operator"], row["target"], row["unit"]) == ("定量", "≥", "90", "%")
    first = _raw_index(r"^满意度指标$", _raw_index(r"^\s*表\s*14"))
    assert row["line"] == first + 1
    assert row["end_line"] == _raw_index(r"^≥ 90 %$", first) + 1
    longer = rows[rows["indicator"] == "中央、市级和区内单位满意度"]
    assert len(longer) == 4


def test_sample_wrapped_qualitative_target(projects: ParsedTable) -> None:
    rows = projects.frame()
    upkeep = rows[rows["indicator"] == "维护质量"].iloc[0]
    assert (upkeep["nature"], upkeep["operator"], upkeep["target"], upkeep["unit"]) == (
        "定性", "", "优良中低差", ""
    )
    assert upkeep["end_line"] - upkeep["line"] == 3
    typo = rows[rows["indicator"] == "无错别字等问题"]
    assert len(typo) == 2 and set(typo["target"]) == {"优良中低差"}
    assert set(rows["nature"]) == {"定性", "定量"}
    assert set(rows["operator"]) == {"", "≥"}
    assert set(rows.loc[rows["operator"] == "≥", "nature"]) == {"定量"}


# ------------------------------------------------------------------ sample: table 13


def test_sample_overall_printed_totals(overall: ParsedTable) -> None:
    funding = _raw_index(r"^\d+\.\d+( \d+(\.\d+)?){6}$", _raw_index(r"^\s*表\s*13"))
    printed = [Decimal(x) * 10000 for x in RAW[funding].split()]
    totals = overall.printed_totals
    assert [totals[k] for k in (
        "total_yuan", "fiscal_total_yuan", "basic_yuan", "project_yuan",
        "other_total_yuan", "other_basic_yuan", "other_project_yuan",
    )] == printed
    assert totals["basic_yuan"] + totals["project_yuan"] == totals["fiscal_total_yuan"]
    assert overall.totals_place is not None and overall.totals_place.line == funding + 1


def test_sample_overall_rows_and_carry_forward(overall: ParsedTable) -> None:
    rows = overall.frame()
    assert list(rows.columns) == TABLE_COLUMNS["overall_performance"] + PROVENANCE_COLUMNS
    assert len(rows) == 13
    # An activity cell printed once, then carried to the rows under it.
    carried = rows[rows["activity"] == "外事工作"]
    assert carried["indicator"].tolist() == ["活动完成质量", "预期社会效益", "服务对象满意度指标"]
    # An activity cell wrapped over two lines, rejoined.
    wrapped = _raw_join(_raw_index(r"^\S+系统$", _raw_index(r"^\s*表\s*13")),
                        _raw_index(r"^运维$", _raw_index(r"^\s*表\s*13")))
    assert rows[rows["activity"] == wrapped]["indicator"].tolist() == ["完成进度", "维护质量"]
    first = rows.iloc[0]
    assert first["indicator"] == "质量指标" and first["target"] == "高中低"
    posts = rows[rows["indicator"] == "期次"]
    assert posts[["operator", "target", "unit"]].values.tolist() == [
        ["≥", "150", "条"], ["≥", "29", "期"]
    ]
    fields = ["nature", "operator", "target", "unit"]
    assert rows.iloc[3][fields].tolist() == ["定量", "≥", "90", ""]
    assert not rows["activity"].str.contains("其他说明").any()
    assert not rows["indicator"].str.contains("其他说明").any()
    assert overall.warnings == []


def test_sample_overall_goal(overall: ParsedTable) -> None:
    goal = overall.extra["goal"]
    assert goal.startswith("1.全面推进国际交往中心功能建设。")
    assert goal.endswith("6.保障日常行政工作。")
    assert overall.extra["goal_line"] == _raw_index(r"^1\.全面推进") + 1
    assert overall.extra["notes"] == "无"


# ------------------------------------------------------------------ synthetic tables

_HEAD14 = """说明文字。

表 14

2025 年项目支出绩效目标申报表

项目名称
项目

类别
项目总额

其中：

绩效目标 一级指标 二级指标 三级指标
绩效指

标性质

本年绩

效指标

值
"""


def test_other_code_shapes_units_and_operators() -> None:
    text = _HEAD14 + """
1101XXYY0000123456-2025年（第

二批）设备购置费

22-其他运

转类项目
120.5 100.5 20

购置办公设备，保障

日常办公。
成本指标 经济成本指标 设备购置成本 ≤ 120.5 万元

产出指标 数量指标 培训人次 定量 300 人次

产出指标 质量指标 验收合格率 >= 98 %

产出指标 时效指标 完成时间 = 12

月

110102240000009876543-课题研究费

31-部门项目 8.000000 8.000000 开展课题研究，形成报告。

产出指标 数量指标 研究报告 ≧ 2 篇
效益指标 社会效益指标 决策参考价值 定性 高中低
"""
    table = parse_project_performance(_blocks(text)["project_performance"])
    assert table.warnings == []
    rows = table.frame()
    first = table.extra["projects"][0]
    assert first["project_code"] == "1101XXYY0000123456"
    assert first["project_name"] == "2025年（第二批）设备购置费"
    assert first["project_type"] == "22-其他运转类项目"
    assert first["amount_yuan"] == Decimal("1205000")
    assert first["amounts_yuan"] == [Decimal("1205000"), Decimal("1005000"), Decimal("200000")]
    assert first["goal"] == "购置办公设备，保障日常办公。"
    cost = rows.iloc[0]
    assert cost[["level1", "level2", "indicator", "nature", "operator", "target", "unit"]
                ].tolist() == ["成本指标", "经济成本指标", "设备购置成本", "定量", "≤", "120.5",
                               "万元"]
    assert rows.iloc[1][["nature", "operator", "target", "unit"]].tolist() == [
        "定量", "", "300", "人次"
    ]
    assert rows.iloc[2]["operator"] == "≥"
    # The unit wrapped onto the next line.
    assert rows.iloc[3][["operator", "target", "unit"]].tolist() == ["=", "12", "月"]
    assert rows.iloc[3]["end_line"] == rows.iloc[3]["line"] + 2
    second = table.extra["projects"][1]
    assert second["project_code"] == "110102240000009876543"
    assert second["amount_yuan"] == Decimal("80000.00")
    assert second["goal"] == "开展课题研究，形成报告。"
    assert rows.iloc[4][["operator", "target", "unit"]].tolist() == ["≥", "2", "篇"]
    codes = [first["project_code"]] * 4 + [second["project_code"]] * 2
    assert rows["project_code"].tolist() == codes


def test_unit_from_block_is_used() -> None:
    title = "2025 年项目支出绩效目标申报表"
    text = _HEAD14.replace(title, title + "\n单位：元") + """
A12345678901-测试项目
31-部门项目
1,234.56 1,234.56
目标。
产出指标 数量指标 次数 ≥ 1 次
"""
    block = _blocks(text)["project_performance"]
    assert block.unit == "元"
    table = parse_project_performance(block)
    assert table.frame()["amount_yuan"].tolist() == [Decimal("1234.56")]


def test_page_break_inside_goal_and_wrapped_code() -> None:
    text = _HEAD14 + """
1101022500000
00042-社区外事服务

31-部

门项目
50.000000 50.000000

提升社区涉外服务

能力，
产出指标 数量指标 服务场次 ≥ 12 场次
满意度指标
服务对象满意

度指标
外籍居民满意
度
≥ 95 %
 完善服务网络，
扩大覆盖面。
效益指标 社会效益指标 服务效果 定性 好坏
"""
    table = parse_project_performance(_blocks(text)["project_performance"])
    assert table.warnings == []
    (project,) = table.extra["projects"]
    assert project["project_code"] == "110102250000000042"
    assert project["goal"] == "提升社区涉外服务能力，完善服务网络，扩大覆盖面。"
    rows = table.frame()
    assert len(rows) == 3
    assert rows.iloc[1][["level2", "indicator", "target", "unit"]].tolist() == [
        "服务对象满意度指标", "外籍居民满意度", "95", "%"
    ]
    assert rows["page"].tolist() == [1, 1, 2]
    assert set(rows["goal"]) == {project["goal"]}


def test_rows_without_merged_level_cells_carry_them() -> None:
    text = _HEAD14 + """
Z000000123456-档案整理
31-部门项目
3.5 3.5
整理档案。
产出指标 数量指标 整理卷数 ≥ 500 卷
装订册数 ≥ 20 册
质量指标 归档准确率 ≥ 99 %
"""
    table = parse_project_performance(_blocks(text)["project_performance"])
    rows = table.frame()
    assert rows[["level1", "level2", "indicator"]].values.tolist() == [
        ["产出指标", "数量指标", "整理卷数"],
        ["产出指标", "数量指标", "装订册数"],
        ["产出指标", "质量指标", "归档准确率"],
    ]
    assert rows.iloc[0]["unit"] == "卷"
    assert table.extra["projects"][0]["goal"] == "整理档案。"


@pytest.mark.parametrize("body", ["", "0.00\n", "项目名称 项目类别\n0.00\n"])
def test_empty_project_table(body: str) -> None:
    table = parse_project_performance(_blocks(_HEAD14 + body)["project_performance"])
    assert len(table.frame()) == 0
    assert list(table.frame().columns) == TABLE_COLUMNS["project_performance"] + PROVENANCE_COLUMNS
    assert table.warnings == []
    assert table.extra["projects"] == []


def test_damaged_row_warns_and_keeps_the_rest() -> None:
    text = _HEAD14 + """
110102250000000077-会议服务费
31-部门项目
2.000000 2.000000
保障会议顺利召开。
产出指标 数量指标 会议场次
产出指标 时效指标 完成进度 定性 高中低
一段无法归类的文字 ≥
"""
    table = parse_project_performance(_blocks(text)["project_performance"])
    assert table.frame()["indicator"].tolist() == ["完成进度"]
    damaged = [w for w in table.warnings if "会议场次" in w.message]
    assert len(damaged) == 1
    assert damaged[0].table == "project_performance"
    assert damaged[0].line == text.splitlines().index("产出指标 数量指标 会议场次") + 1
    assert damaged[0].page == 1
    assert table.extra["projects"][0]["goal"] == "保障会议顺利召开。"
    assert len(table.warnings) == 2  # the dangling operator line is reported too


def test_stray_text_before_first_project_warns() -> None:
    text = _HEAD14 + """
这一行不是表头。
Q20250000001-项目
31-部门项目
1.00 1.00
目标。
产出指标 数量指标 次数 ≥ 1 次
"""
    table = parse_project_performance(_blocks(text)["project_performance"])
    assert len(table.frame()) == 1
    assert [w.line for w in table.warnings] == [text.splitlines().index("这一行不是表头。") + 1]


# ------------------------------------------------------------------ synthetic table 13

_HEAD13 = """说明文字。

表 13

2025 年部门整体支出绩效目标申报表

总体资金情况（万元）

预算支出

总额

财政拨款 其他资金

合计 基本支出 项目支出 合计 基本支出 项目支出
"""


def test_overall_synthetic_layout() -> None:
    text = _HEAD13 + """
1,200.50 1,000.25 800.25 200 200.25 0 200.25

整体绩效

目标

整体绩效目标

一、做好社区服务；二、
完善档案管理。

其他说明 本年新增两项活动

活动 绩效指标 指标性质 指标值 度量单位

社区服务 服务人次 ≤ 5000 人次
服务满意度 定性 优良中
差
档案数字化
建设 完成率 定量 95 %
经费控制 = 100 %
"""
    table = parse_overall_performance(_blocks(text)["overall_performance"])
    assert table.warnings == []
    assert table.printed_totals["total_yuan"] == Decimal("12005000")
    assert table.printed_totals["other_project_yuan"] == Decimal("2002500")
    assert table.extra["goal"] == "一、做好社区服务；二、完善档案管理。"
    assert table.extra["notes"] == "本年新增两项活动"
    rows = table.frame()
    assert rows[["activity", "indicator", "nature", "operator", "target", "unit"]
                ].values.tolist() == [
        ["社区服务", "服务人次", "定量", "≤", "5000", "人次"],
        ["社区服务", "服务满意度", "定性", "", "优良中差", ""],
        ["档案数字化建设", "完成率", "定量", "", "95", "%"],
        ["档案数字化建设", "经费控制", "定量", "=", "100", "%"],
    ]
    lines = text.splitlines()
    assert rows.iloc[2]["line"] == lines.index("档案数字化") + 1
    assert rows.iloc[1]["end_line"] == lines.index("差") + 1


def test_overall_empty_and_odd_funding_line() -> None:
    table = parse_overall_performance(_blocks(_HEAD13 + "0.00\n")["overall_performance"])
    assert len(table.frame()) == 0
    assert list(table.frame().columns) == TABLE_COLUMNS["overall_performance"] + PROVENANCE_COLUMNS
    assert table.warnings == [] and table.extra["goal"] == ""
    odd = parse_overall_performance(_blocks(_HEAD13 + "10 6 4\n")["overall_performance"])
    assert odd.printed_totals["total_yuan"] == Decimal("100000")
    assert len(odd.warnings) == 1 and "3 amounts" in odd.warnings[0].message


def test_overall_orphans_warn() -> None:
    text = _HEAD13 + """
活动 绩效指标 指标性质 指标值 度量单位
定性 高中低
宣传活动
"""
    table = parse_overall_performance(_blocks(text)["overall_performance"])
    assert len(table.frame()) == 0
    lines = text.splitlines()
    assert sorted(w.line for w in table.warnings) == [
        lines.index("定性 高中低") + 1, lines.index("宣传活动") + 1
    ]


# ------------------------------------------------------------------ robustness


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_damaged_sample_never_raises(data: st.DataObject) -> None:
    start = _raw_index(r"^\s*表\s*13")
    lines = RAW[start:]
    drop = data.draw(st.sets(st.integers(0, len(lines) - 1), max_size=12))
    text = "说明。\n" + "\n".join(x for n, x in enumerate(lines) if n not in drop)
    blocks = _blocks(text)
    for key, parse in (("overall_performance", parse_overall_performance),
                       ("project_performance", parse_project_performance)):
        if key not in blocks:
            continue
        table = parse(blocks[key])
        assert list(table.frame().columns) == TABLE_COLUMNS[key] + PROVENANCE_COLUMNS
        assert (table.frame()["line"] <= table.frame()["end_line"]).all()
        assert all(w.table == key and w.line is not None for w in table.warnings)
