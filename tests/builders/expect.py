"""Assertions shared by the tests that read built disclosures: rows, amounts and audit outcomes
against the builder's own figures."""

from __future__ import annotations

from decimal import Decimal

from deptbudget import read_bytes
from deptbudget.audit import audit

from .disclosure import INDICATORS, Dept, dname, fname

D = Decimal
ZERO = D(0)
WAN = D(10_000)



# --------------------------------------------------------------------------- helpers


def read_text(text: str, encoding: str = "utf-8", newline: str = "\n", bom: bool = False):
    data = text.replace("\n", newline).encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    return read_bytes(data, "variant.txt")


def fails(d) -> set[str]:
    frame = audit(d)
    return set(frame[frame.status == "fail"].check)


def warnings_of(d, *codes: str) -> list:
    return [w for w in d.warnings if not codes or w.code in codes]


def spurious(d) -> list[str]:
    """Warnings a consistent disclosure should not produce."""
    return [str(w) for w in d.warnings]


def assert_expenditure(d, dept: Dept) -> None:
    frame = d.tables["expenditure"]
    rows = dept.expenditure_rows()
    assert len(frame) == len(rows)
    for (_, got), want in zip(frame.iterrows(), rows, strict=True):
        assert got.function_code == want["func"]
        assert got.function_name == fname(want["func"], dept.year)
        assert got.dept_econ_code == want["dept"]
        assert got.dept_econ_name == dname(want["dept"], dept.year)
        assert got.gov_econ_code == want["gov"]
        assert got.total_yuan == want["basic"] + want["project"]
        assert got.basic_yuan == want["basic"], (want, got.basic_yuan)
        assert got.project_yuan == want["project"], (want, got.project_yuan)


def assert_general_budget(d, dept: Dept) -> None:
    frame = d.tables["general_budget"]
    rows = dept.function_rows()
    assert list(frame.function_code) == [r["func"] for r in rows]
    assert list(frame.function_name) == [fname(r["func"], dept.year) for r in rows]
    assert list(frame.basic_yuan) == [r["basic"] for r in rows]
    assert list(frame.project_yuan) == [r["project"] for r in rows]


def assert_gov_fund(d, dept: Dept) -> None:
    frame = d.tables["gov_fund"]
    rows = dept.function_rows(fund=True)
    assert list(frame.function_code) == [r["func"] for r in rows]
    assert list(frame.total_yuan) == [r["basic"] + r["project"] for r in rows]
    assert list(frame.project_yuan) == [r["project"] for r in rows]


def assert_basic(d, dept: Dept) -> None:
    frame = d.tables["general_budget_basic"]
    basics = dept.basic_table_rows()
    assert list(frame.dept_econ_code) == [b.dept for b in basics]
    assert list(frame.total_yuan) == [b.fiscal_amount for b in basics]
    assert list(frame.personnel_yuan) == [b.fiscal_amount if b.is_personnel else ZERO for b in basics]
    assert list(frame.public_yuan) == [ZERO if b.is_personnel else b.fiscal_amount for b in basics]


def assert_projects(d, dept: Dept) -> None:
    frame = d.tables["projects"]
    assert list(frame.project_name) == [p.name for p in dept.projects]
    assert list(frame.function_code) == [p.func for p in dept.projects]
    assert list(frame.dept_econ_code) == [p.dept for p in dept.projects]
    assert list(frame.total_yuan) == [p.amount for p in dept.projects]


def assert_all_tables(d, dept: Dept) -> None:
    assert_expenditure(d, dept)
    assert_general_budget(d, dept)
    assert_gov_fund(d, dept)
    assert_basic(d, dept)
    assert_projects(d, dept)
    income = d.tables["income"]
    income = income[income.unit_name.isna()].set_index("source").amount_yuan
    assert income["事业收入"] == dept.other_income.get("事业收入", ZERO)
    assert income["其他收入"] == dept.other_income.get("其他收入", ZERO)
    assert income["一般公共预算拨款收入"] == (
        dept.current_income - sum(dept.other_income.values(), ZERO) - dept.fund_total)
    assert income["政府性基金预算拨款收入"] == dept.fund_total
    tp = d.tables["three_public"].set_index("item_key")
    assert tp.loc["outbound", "budget_yuan"] == dept.outbound[0]
    assert tp.loc["outbound", "prior_year_yuan"] == dept.outbound[1]
    assert tp.loc["vehicle_purchase", "prior_year_yuan"] == dept.purchase[1]
    assert tp.loc["vehicle_running", "budget_yuan"] == dept.running[0]
    services = d.tables["purchased_services"]
    assert list(services.item) == [s.item for s in dept.services]
    assert list(services.function_code) == [s.func for s in dept.services]
    assert list(services.amount_yuan) == [s.amount for s in dept.services]
    assert_performance(d, dept)


OVERALL_ROWS = [
    ("保障日常行政工作", "质量指标", "定性", "", "高中低", ""),
    ("宣传工作", "活动完成质量", "定性", "", "优良中低差", ""),
    ("宣传工作", "预期社会效益", "定性", "", "好坏", ""),
    ("宣传工作", "服务对象满意度指标", "定量", "≥", "90", ""),
    ("信息系统运维保障", "完成进度", "定性", "", "高中低", ""),
    ("信息系统运维保障", "会议次数", "定量", "≥", "12", "次"),
]


def assert_performance(d, dept: Dept) -> None:
    overall = d.tables["overall_performance"]
    columns = ["activity", "indicator", "nature", "operator", "target", "unit"]
    assert [tuple(v if isinstance(v, str) else "" for v in r)
            for r in overall[columns].itertuples(index=False)] == OVERALL_ROWS
    assert d.table_info["overall_performance"].extra["goal"] == "1.保障日常行政工作；2.完成年度重点任务。"
    perf = d.tables["project_performance"]
    names = list(dict.fromkeys(perf.project_name))
    assert names == [p.name for p in dept.projects]
    columns = ["level1", "level2", "indicator", "nature", "operator", "target", "unit"]
    for n, p in enumerate(dept.projects):
        rows = perf[perf.project_name == p.name]
        assert set(rows.amount_yuan) == {p.amount}
        assert set(rows.project_code) == {p.code}
        assert set(rows.goal) == {p.goal}
        got = [tuple(v if isinstance(v, str) else "" for v in r) for r in rows[columns].itertuples(index=False)]
        assert got == [want for _, want in INDICATORS[n % len(INDICATORS)]]


