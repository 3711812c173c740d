"""Tests for reading the narrative (部门预算情况说明) into facts."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deptbudget.core.model import Fact
from deptbudget.read.layout import split_layout
from deptbudget.read.narrative import NarrativeReading, read_narrative
from deptbudget.read.sources.text import Line, read_source, source_from_bytes
from paths import SAMPLE


def _narrative_lines(path: Path) -> list[Line]:
    return split_layout(read_source(path).lines).narrative


def _read_text(text: str, year_hint: int | None = None) -> NarrativeReading:
    lines = split_layout(source_from_bytes(text.encode("utf-8")).lines).narrative
    return read_narrative(lines, year_hint=year_hint)


def _fact(reading: NarrativeReading, key: str, year: int | None = None,
          label: str | None = None) -> Fact:
    found = [
        f for f in reading.facts
        if f.key == key and (year is None or f.year == year) and (label is None or f.label == label)
    ]
    assert found, f"no fact {key} {year} {label}: {[(f.key, f.year) for f in reading.facts]}"
    assert len(found) == 1, f"{key} {year} read {len(found)} times"
    return found[0]


def _has(reading: NarrativeReading, key: str, year: int | None = None) -> bool:
    return any(f.key == key and (year is None or f.year == year) for f in reading.facts)


# --------------------------------------------------------------------------- the sample


@pytest.fixture(scope="module")
def sample() -> NarrativeReading:
    return read_narrative(_narrative_lines(SAMPLE))


def test_sample_who_and_when(sample: NarrativeReading) -> None:
    assert sample.department == "北京市西城区人民政府外事办公室"
    assert sample.year == 2024
    assert sample.staff == {"authorized": 15, "actual": 14, "retired": 9}
    assert sample.warnings == []


# (key, year, amount, line of the amount, percent) as printed in the sample's narrative.
SAMPLE_FACTS = [
    ("income_total", 2024, "6488757.84", 27, None),
    ("income_total", 2023, "6502679.67", 27, None),
    ("income_total_change", 2024, "-13921.83", 29, "-0.21"),
    ("basic_total", 2024, "5290657.84", 35, None),
    ("basic_total", 2023, "5377746.8", 37, None),
    ("basic_total_change", 2024, "-87088.96", 37, "-1.62"),
    ("public_total", 2024, "415947.71", 39, None),
    ("public_total", 2023, "411431.38", 41, None),
    ("public_total_change", 2024, "4516.33", 41, "1.1"),
    ("project_total", 2024, "1198100.00", 45, None),
    ("project_total", 2023, "1124932.87", 46, None),
    ("project_total_change", 2024, "73167.13", 46, "6.5"),
    ("three_public_total", 2024, "2147.52", 78, None),
    ("three_public_total", 2023, "2142.24", 78, None),
    ("three_public_total_change", 2024, "5.28", 78, "0.2"),
    ("three_public_outbound", 2024, "0", 84, None),
    ("three_public_outbound", 2023, "0", 86, None),
    ("three_public_outbound_change", 2024, "0", 86, None),
    ("three_public_reception", 2024, "2147.52", 90, None),
    ("three_public_reception", 2023, "2142.24", 92, None),
    ("three_public_reception_change", 2024, "5.28", 92, "0.2"),
    ("three_public_vehicles", 2024, "0", 97, None),
    ("three_public_vehicles", 2023, "0", 99, None),
    ("three_public_vehicles_change", 2024, "0", 99, None),
    ("admin_operating", 2024, "344701.51", 109, None),
    ("admin_operating", 2023, "339057.06", 109, None),
    ("admin_operating_change", 2024, "5644.45", 109, None),
    ("fixed_assets_total", 2023, "1434285.65", 168, None),
]


@pytest.mark.parametrize(("key", "year", "amount", "line", "percent"), SAMPLE_FACTS)
def test_sample_facts(
    sample: NarrativeReading, key: str, year: int, amount: str, line: int, percent: str | None
) -> None:
    fact = _fact(sample, key, year)
    assert fact.amount_yuan == Decimal(amount)
    assert fact.line == line
    assert fact.percent == (Decimal(percent) if percent is not None else None)
    assert 0 < len(fact.text) < 200


def test_sample_fact_pages_and_clauses(sample: NarrativeReading) -> None:
    # The prior-year project amount is the first line of page 2.
    assert _fact(sample, "project_total", 2023).page == 2
    assert _fact(sample, "project_total", 2024).page == 1
    assert _fact(sample, "fixed_assets_total").page == 4
    income = _fact(sample, "income_total", 2024)
    assert "6,488,757.84元" in income.text and "降低0.21%" in income.text
    assert _fact(sample, "public_total", 2024).text.startswith("其中公用支出")


def test_sample_counts(sample: NarrativeReading) -> None:
    services = _fact(sample, "purchased_services_total", 2024)
    assert services.amount_yuan == Decimal("648100.00")
    assert services.count == 6
    assert services.line == 121
    procurement = _fact(sample, "procurement_count", 2024)
    assert procurement.amount_yuan is None
    assert procurement.count == 0
    assert procurement.line == 115
    assert not _has(sample, "procurement_total")


def test_sample_projects(sample: NarrativeReading) -> None:
    projects = [f for f in sample.facts if f.key == "project_amount"]
    assert [(f.label, f.amount_yuan, f.line) for f in projects] == [
        ("外事工作经费", Decimal("700000.00"), 129),
        ("微信公众号运营服务费", Decimal("150000.00"), 131),
        ("对外工作决策服务保障经费", Decimal("150000.00"), 131),
        ("西城区外办出入境业务管理系统运维服务费", Decimal("138100.00"), 135),
        ("法律服务费", Decimal("60000.00"), 135),
    ]
    assert all(f.year == 2024 for f in projects)


def test_sample_states_nothing_it_does_not_print(sample: NarrativeReading) -> None:
    # The sample gives no total expenditure, no 人员经费 amount and no split vehicle costs.
    for key in ("expenditure_total", "personnel_total", "three_public_vehicle_purchase"):
        assert not _has(sample, key)
    # Every fact is in 元 and every amount is printed on the line the fact names.
    lines = {line.number: line.text for line in _narrative_lines(SAMPLE)}
    for fact in sample.facts:
        assert fact.line in lines
        assert fact.amount_yuan is None or isinstance(fact.amount_yuan, Decimal)


def test_sample_sections(sample: NarrativeReading) -> None:
    level1 = [s.heading for s in sample.sections if s.level == 1]
    assert level1[0] == "一、部门情况"
    assert level1[-1] == "六、专业名词解释"
    assert len(level1) == 6
    income = next(s for s in sample.sections if s.heading == "（一）收入预算说明")
    assert (income.level, income.page, income.line, income.end_line) == (2, 1, 23, 31)
    # A heading wrapped over two lines is read whole.
    assert any(s.heading.endswith("与上年对比原因说明") and s.line == 72 for s in sample.sections)
    part2 = next(s for s in sample.sections if s.heading.startswith("二、"))
    assert part2.end_line == 48


def test_sample_text_is_joined(sample: NarrativeReading) -> None:
    assert "基本支出预算5,290,657.84元" in sample.text
    assert "行政编制15人，实际14人" in sample.text
    assert "\n" not in sample.text


# --------------------------------------------------------------------------- an edited sample


def test_edited_copy_of_the_sample(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    edited = (
        text.replace("北京市西城区人民政府外事办公室", "北京市朝阳区文化和旅游局")
        .replace("2024", "2031")
        .replace("2023", "2030")
        .replace("6,488,757.84", "7,111,222.33")
    )
    path = tmp_path / "edited.txt"
    path.write_text(edited, encoding="gb18030")
    reading = read_narrative(_narrative_lines(path))
    assert reading.department == "北京市朝阳区文化和旅游局"
    assert reading.year == 2031
    income = _fact(reading, "income_total", 2031)
    assert income.amount_yuan == Decimal("7111222.33")
    assert _fact(reading, "income_total", 2030).amount_yuan == Decimal("6502679.67")
    assert _fact(reading, "fixed_assets_total").year == 2030


# --------------------------------------------------------------------------- synthetic narratives

SYNTHETIC = """第一部分 2026 年部门预算情况说明
一、部门基本情况
（一）机构设置及职责
北京市东城区民政局是负责本区民政工作的区政府工作部门。
（二）人员构成情况
本单位行政编制 40 人，事业编制 12 人，实有人员 50 人；离休 2 人，退休 31 人。
二、收支预算情况
2026 年部门收入预算总额为 1,234.56 万元，比上年增加 12.3 万元，增长 1.01%。
支出预算总额 1,234.56 万元，与上年持平。
基本支出 800 万元，其中：人员经费 600 万元，公用经费 200 万元，
较 2025 年 210.5 万元下降 10.5 万元，下降 4.99%。
项目支出 434.56 万元，比 2025 年预算数 444.56 万元减少 10 万元。
三、“三公”经费
“三公”经费预算数为 12.5 万元，比上年减少 2 万元，下降 13.79%。其中：因公出国（境）费 0 万元，
与上年持平；公务接待费 2.5 万元，比上年减少 0.5 万元；公务用车购置及运行维护费 10 万元（其中：
公务用车购置费 0 万元，公务用车运行维护费 10 万元）。
四、其他情况
机关运行经费财政拨款预算为 50 万元，比上年减少 5 万元，下降 9.09%。
政府采购预算总额 100 万元，共 4 个项目。
政府购买服务预算金额为 30 万元，涉及 3 个项目。
截至 2025 年 12 月 31 日，本单位固定资产原值 1,000 万元。
重点项目包括养老服务补贴（300 万元）、社区建设经费（134.56 万元）等。
"""


@pytest.fixture(scope="module")
def synthetic() -> NarrativeReading:
    return _read_text(SYNTHETIC)


def test_synthetic_who_and_when(synthetic: NarrativeReading) -> None:
    assert synthetic.department == "北京市东城区民政局"
    assert synthetic.year == 2026
    # 行政 + 事业 编制; 离休 + 退休 when no 离退休 total is printed.
    assert synthetic.staff == {"authorized": 52, "actual": 50, "retired": 33}
    assert synthetic.warnings == []


SYNTHETIC_FACTS = [
    ("income_total", 2026, "12345600", None, None),
    ("income_total_change", 2026, "123000", "1.01", None),
    ("expenditure_total", 2026, "12345600", None, None),
    ("expenditure_total", 2025, "12345600", None, None),
    ("expenditure_total_change", 2026, "0", None, None),
    ("basic_total", 2026, "8000000", None, None),
    ("personnel_total", 2026, "6000000", None, None),
    ("public_total", 2026, "2000000", None, None),
    ("public_total", 2025, "2105000", None, None),
    ("public_total_change", 2026, "-105000", "-4.99", None),
    ("project_total", 2025, "4445600", None, None),
    ("project_total_change", 2026, "-100000", None, None),
    ("three_public_total", 2026, "125000", None, None),
    ("three_public_total_change", 2026, "-20000", "-13.79", None),
    ("three_public_outbound", 2025, "0", None, None),
    ("three_public_reception", 2026, "25000", None, None),
    ("three_public_reception_change", 2026, "-5000", None, None),
    ("three_public_vehicles", 2026, "100000", None, None),
    ("three_public_vehicle_purchase", 2026, "0", None, None),
    ("three_public_vehicle_running", 2026, "100000", None, None),
    ("admin_operating", 2026, "500000", None, None),
    ("admin_operating_change", 2026, "-50000", "-9.09", None),
    ("procurement_total", 2026, "1000000", None, 4),
    ("purchased_services_total", 2026, "300000", None, 3),
    ("fixed_assets_total", 2025, "10000000", None, None),
]


@pytest.mark.parametrize(("key", "year", "amount", "percent", "count"), SYNTHETIC_FACTS)
def test_synthetic_facts(
    synthetic: NarrativeReading,
    key: str,
    year: int,
    amount: str,
    percent: str | None,
    count: int | None,
) -> None:
    fact = _fact(synthetic, key, year)
    assert fact.amount_yuan == Decimal(amount)
    assert fact.percent == (Decimal(percent) if percent is not None else None)
    assert fact.count == count


def test_synthetic_unstated_prior_is_not_invented(synthetic: NarrativeReading) -> None:
    # "比上年增加 12.3 万元" gives the change, not the prior amount.
    assert not _has(synthetic, "income_total", 2025)
    assert not _has(synthetic, "three_public_reception", 2025)


def test_synthetic_lines(synthetic: NarrativeReading) -> None:
    lines = SYNTHETIC.splitlines()
    for fact in synthetic.facts:
        assert fact.page == 1
    # The 2025 public amount wrapped onto the next line with its comparison.
    assert "210.5" in lines[_fact(synthetic, "public_total", 2025).line - 1]
    assert "公务用车购置费 0" in lines[_fact(synthetic, "three_public_vehicle_purchase").line - 1]
    projects = [(f.label, f.amount_yuan) for f in synthetic.facts if f.key == "project_amount"]
    assert projects == [("养老服务补贴", Decimal("3000000")), ("社区建设经费", Decimal("1345600"))]


def test_growth_and_decline_words() -> None:
    reading = _read_text(
        "2027 年收入预算 500.00 元，较 2026 年收入预算 400.00 元增长 100.00 元，增幅 25%。\n"
        "项目支出预算 90 元，同比下降 10%。\n"
        "基本支出预算 10 元，比上年降低 1 元，下降 9.09%。\n",
    )
    assert reading.year == 2027
    assert _fact(reading, "income_total", 2026).amount_yuan == Decimal("400.00")
    change = _fact(reading, "income_total_change", 2027)
    assert (change.amount_yuan, change.percent) == (Decimal("100.00"), Decimal(25))
    project = _fact(reading, "project_total_change", 2027)
    assert (project.amount_yuan, project.percent) == (None, Decimal(-10))
    basic = _fact(reading, "basic_total_change", 2027)
    assert (basic.amount_yuan, basic.percent) == (Decimal(-1), Decimal("-9.09"))


def test_change_without_a_current_amount() -> None:
    reading = _read_text("2025 年部门预算中，公用经费比 2024 年减少 3,000.00 元，下降 2.5%。\n")
    change = _fact(reading, "public_total_change", 2025)
    assert change.amount_yuan == Decimal("-3000.00")
    assert change.percent == Decimal("-2.5")
    assert not _has(reading, "public_total", 2025)


def test_damaged_numbers_warn_and_name_the_line() -> None:
    reading = _read_text(
        "2025 年收入预算 1,2,3 元，比 2024 年增加 5 元。\n"
        "公务接待费 -- 元。\n"
        "项目支出预算 7.00 元。\n",
    )
    assert {w.line for w in reading.warnings} == {1, 2}
    assert all(w.code == "narrative_amount" for w in reading.warnings)
    assert "1,2,3" in reading.warnings[0].message
    income = _fact(reading, "income_total", 2025)
    assert income.amount_yuan is None
    assert _fact(reading, "income_total_change", 2025).amount_yuan == Decimal(5)
    assert _fact(reading, "project_total", 2025).amount_yuan == Decimal("7.00")


def test_page_break_and_wrapped_amount() -> None:
    text = (
        "第一部分 2028 年部门预算情况说明\n"
        "2028 年收入预算\n"
        "12,345.67\n"
        "元，比 2027 年\n"
        " 11,111.11 元增加 1,234.56 元，增长 11.11%。项目支出预算 1,23\n"
        "4.00 元。\n"
    )
    reading = _read_text(text)
    current = _fact(reading, "income_total", 2028)
    assert (current.amount_yuan, current.page, current.line) == (Decimal("12345.67"), 1, 3)
    prior = _fact(reading, "income_total", 2027)
    assert (prior.amount_yuan, prior.page, prior.line) == (Decimal("11111.11"), 2, 5)
    assert _fact(reading, "income_total_change", 2028).line == 5
    # A number broken inside a thousands group is rejoined.
    assert _fact(reading, "project_total", 2028).amount_yuan == Decimal("1234.00")


def test_income_and_expenditure_stated_together() -> None:
    reading = _read_text("2025 年部门收支预算总额 88.5 万元，比上年减少 1.5 万元。\n")
    for key in ("income_total", "expenditure_total"):
        assert _fact(reading, key, 2025).amount_yuan == Decimal("885000")
        assert _fact(reading, f"{key}_change", 2025).amount_yuan == Decimal("-15000")


def test_subtotals_are_not_totals() -> None:
    reading = _read_text(
        "2025 年一般公共预算支出 30 元。财政拨款收入预算 20 元。基本支出预算 5 元。\n"
    )
    assert not _has(reading, "expenditure_total")
    assert not _has(reading, "income_total")
    assert _fact(reading, "basic_total", 2025).amount_yuan == Decimal(5)


def test_year_hint_and_department_from_establishment() -> None:
    reading = _read_text(
        "（二）人员情况\n北京市海淀区审计局行政编制 20 人，实际 18 人。离退休人员 4 人。\n",
        year_hint=2029,
    )
    assert reading.year == 2029
    assert reading.department == "北京市海淀区审计局"
    assert reading.staff == {"authorized": 20, "actual": 18, "retired": 4}
    assert _read_text("本单位无政府采购。\n").year is None


def test_department_from_a_cover_line() -> None:
    reading = _read_text("北京市丰台区卫生健康委员会 2025 年部门预算\n一、部门情况\n")
    assert reading.department == "北京市丰台区卫生健康委员会"
    assert reading.year == 2025


def test_duplicate_statement_that_disagrees_warns() -> None:
    reading = _read_text("2025 年收入预算 10 元。2025 年收入预算 11 元。\n")
    assert _fact(reading, "income_total", 2025).amount_yuan == Decimal(10)
    assert [w.code for w in reading.warnings] == ["narrative_conflict"]


def test_restated_actual_with_its_rate_keeps_the_rate() -> None:
    # A 决算 states an actual plainly, then beside its budget with 完成预算%: one fact, with the rate.
    plain = "一般公共预算财政拨款支出100.00万元，占本年支出合计的100.00%。\n"
    pair = "一般公共预算财政拨款支出年初预算为125.00万元，支出决算为100.00万元，完成年初预算的80.00%。\n"
    reading = _read_text(plain + pair, year_hint=2024)
    actual = _fact(reading, "general_budget_expenditure", 2024)
    assert (actual.amount_yuan, actual.percent, actual.line) == (Decimal("1000000.00"), Decimal("80.00"), 2)
    assert _fact(reading, "general_budget_expenditure_budget", 2024).amount_yuan == Decimal("1250000.00")
    assert reading.warnings == []
    # The other way round the first statement has the rate already and is kept.
    reading = _read_text(pair + plain, year_hint=2024)
    assert _fact(reading, "general_budget_expenditure", 2024).line == 1
    # A restatement that disagrees does not bring its rate: the first figure stays, with a warning.
    reading = _read_text(plain + pair.replace("支出决算为100.00", "支出决算为90.00"), year_hint=2024)
    actual = _fact(reading, "general_budget_expenditure", 2024)
    assert (actual.amount_yuan, actual.percent, actual.line) == (Decimal("1000000.00"), None, 1)
    assert [w.code for w in reading.warnings] == ["narrative_conflict"]


def test_empty_narrative() -> None:
    reading = read_narrative([], year_hint=2024)
    assert reading.year == 2024
    assert reading.facts == [] and reading.sections == [] and reading.text == ""
    assert reading.staff == {"authorized": None, "actual": None, "retired": None}


_ALPHABET = st.sampled_from(
    [
        *"0123456789,.-—%元万年比较增加减少下降持平一致收入预算支出项目基本公用三公经费个人（）、，。；",
        *("收入预算", "公务接待费", "政府采购项目", "比2023年", "1,2,3", "万元", " "),
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_ALPHABET, max_size=30).map("".join), min_size=1, max_size=6))
def test_odd_text_never_raises(texts: list[str]) -> None:
    lines = [Line(number=i + 1, page=1, text=t) for i, t in enumerate(texts) if t.strip()]
    reading = read_narrative(lines)
    for fact in reading.facts:
        assert fact.amount_yuan is None or isinstance(fact.amount_yuan, Decimal)
        assert any(line.number == fact.line for line in lines)


OTHER_PHRASINGS = """北京市通州区水务局2025年部门预算
一、部门职责及机构设置
北京市通州区水务局（以下简称区水务局）主要职责是：负责全区水资源管理。
本部门编制总数 30 人，其中行政编制 20 人、事业编制 10 人；年末实有人数 28 人，离退休人员 5 人。
二、收支预算
本部门 2025 年收支预算总额 2.5 亿元，较 2024 年 2.4 亿元增加 0.1 亿元，增长率为 4.17%。
2025 年支出预算中，基本支出预算 5,000.00 万元，占支出预算的 20%；项目支出预算 20,000.00 万元，占 80%。
2025年“三公”经费财政拨款预算为30.00万元，与2024年相比减少2.00万元，降幅6.25%。
其中因公出国（境）费5.00万元，与上年预算数持平；公务接待费3.00万元。
2025 年本部门政府采购预算总额 1,000 万元，其中：政府采购货物预算 200 万元、政府采购服务预算 800 万元。
截至 2024 年 12 月 31 日，本部门共有车辆 12 辆，其中：一般公务用车 3 辆；单位价值 50 万元以上通用设备
2 台（套），固定资产总额 45,678.90 万元。
2025年本部门行政运行经费财政拨款预算1,200.00万元，比上年压减60.00万元，下降4.76%。
"""


def test_other_phrasings() -> None:
    reading = _read_text(OTHER_PHRASINGS)
    assert reading.department == "北京市通州区水务局"
    assert reading.year == 2025
    # 编制总数 is the total; its 行政/事业 parts are not added to it again.
    assert reading.staff == {"authorized": 30, "actual": 28, "retired": 5}
    assert reading.warnings == []
    for key in ("income_total", "expenditure_total"):
        assert _fact(reading, key, 2025).amount_yuan == Decimal("250000000")
        assert _fact(reading, key, 2024).amount_yuan == Decimal("240000000")
        assert _fact(reading, f"{key}_change", 2025).percent == Decimal("4.17")
    assert _fact(reading, "basic_total", 2025).amount_yuan == Decimal("50000000")
    assert _fact(reading, "project_total", 2025).amount_yuan == Decimal("200000000")
    total = _fact(reading, "three_public_total_change", 2025)
    assert (total.amount_yuan, total.percent) == (Decimal("-20000"), Decimal("-6.25"))
    assert _fact(reading, "three_public_outbound", 2024).amount_yuan == Decimal("50000")
    # The 货物/服务 parts of procurement are not restatements of its total.
    assert _fact(reading, "procurement_total", 2025).amount_yuan == Decimal("10000000")
    assert not any(w.code == "narrative_conflict" for w in reading.warnings)
    assets = _fact(reading, "fixed_assets_total")
    assert (assets.year, assets.amount_yuan, assets.line) == (2024, Decimal("456789000"), 12)
    admin = _fact(reading, "admin_operating_change", 2025)
    assert (admin.amount_yuan, admin.percent) == (Decimal("-600000"), Decimal("-4.76"))


def test_item_and_source_budgets_are_not_the_totals() -> None:
    text = (
        "部门预算情况说明\n"
        "北京市测试区某某局2025年收入预算1000万元，支出预算1000万元。\n"
        "2025年政府采购支出预算总额120万元，其中：货物100万元。\n"
        "财政专户管理资金收入预算总计0万元。\n"
        "2025年培训费预算支出30万元，与上年持平。\n"
        "公务用车购置预算支出0万元，与上年一致。\n"
        "机关运行经费统计口径与上年不一致，本年机关运行经费80万元。\n"
    )
    reading = _read_text(text, year_hint=2025)
    totals = {(f.key, f.year): f.amount_yuan for f in reading.facts if f.key in ("income_total", "expenditure_total")}
    assert totals == {("income_total", 2025): Decimal("10000000"), ("expenditure_total", 2025): Decimal("10000000")}
    assert _fact(reading, "procurement_total", 2025).amount_yuan == Decimal("1200000")
    assert _fact(reading, "training_fee", 2024).amount_yuan == Decimal("300000")  # 与上年持平
    # 不一致 says the basis changed, not that the figure did not.
    assert not [f for f in reading.facts if f.key == "admin_operating_change"]
    assert not any(w.code == "narrative_conflict" for w in reading.warnings)


def test_a_comparison_said_before_its_keyword():
    reading = _read_text(
        "三、收支说明\n2024年度收入支出总计120.00万元。与2023年度相比，收入支出总计减少6.00万元，下降4.76%。"
        "主要原因是人员减少。较上年，机关运行经费增加1.50万元。按新口径，基本支出减少2.00万元。\n",
        year_hint=2024,
    )
    change = _fact(reading, "expenditure_grand_total_change", 2024)
    assert change.amount_yuan == Decimal("-60000.00") and change.percent == Decimal("-4.76")
    assert _fact(reading, "admin_operating_change", 2024).amount_yuan == Decimal("15000.00")
    # No comparison opens that sentence: 减少 alone is not a change against the prior year.
    assert not _has(reading, "basic_total_change")
