"""The audit: on the sample, and on edited copies that break each check (made here)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal

import pytest

from deptbudget import read_disclosure
from deptbudget.audit import AUDIT_COLUMNS, audit, score

D = Decimal


@pytest.fixture(scope="module")
def sample_audit(sample):
    return audit(sample)


@pytest.fixture
def audit_of(write_copy):
    def _audit(text: str):
        return audit(read_disclosure(write_copy(text)))

    return _audit


def _row(frame, check):
    rows = frame[frame.check == check]
    assert len(rows) == 1, f"{check}: {len(rows)} rows"
    return rows.iloc[0]


def _edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def test_sample_columns_and_unique_checks(sample_audit):
    assert list(sample_audit.columns) == AUDIT_COLUMNS
    assert sample_audit.check.is_unique
    assert set(sample_audit.status) <= {"pass", "fail", "warn", "skipped"}
    assert (sample_audit.status == "pass").sum() > 100


def test_sample_reports_exactly_the_disclosures_own_disagreement(sample_audit):
    fails = sample_audit[sample_audit.status == "fail"]
    assert set(fails.check) == {
        "total.general_budget_basic.total_yuan",
        "total.general_budget_basic.personnel_yuan",
        "across.basic_econ.30102",
    }
    assert set(fails.difference_yuan) == {D("-390324.00")}
    for message in fails.message:
        assert "390,324.00 元" in message
        assert "没有对应行" in message  # the probable explanation: a row the sibling table has


def test_sample_skips_say_why(sample_audit):
    skipped = sample_audit[sample_audit.status == "skipped"]
    assert len(skipped) > 0
    assert all(m.startswith("未检查：") and len(m) > 8 for m in skipped.message)


def test_sample_transparency_score(sample_audit):
    got, top = score(sample_audit)
    assert top == 100
    # Every item in full: each stated change gives its reason. The 三公 total's increase
    # (5.28 元) is its one part's, 公务接待费, stated right after it with the reason.
    assert got == D(100)
    reasons = sample_audit.set_index("check").loc["completeness.reasons"]
    assert "7/7处" in reasons.message


def test_a_single_fen_is_reported(sample_text, audit_of):
    frame = audit_of(_edit(sample_text, "30201-办公费 3.360000 3.360000",
                           "30201-办公费 3.360001 3.360001"))
    row = _row(frame, "total.expenditure.total_yuan")
    assert row.status == "fail" and row.difference_yuan == D("0.01")
    assert _row(frame, "across.basic_econ.30201").difference_yuan == D("-0.01")


def test_row_parts(sample_text, audit_of):
    frame = audit_of(_edit(sample_text, "2010301 行政运行 351.740528 351.740528",
                           "2010301 行政运行 351.740528 351.740528 0.000100"))
    row = _row(frame, "row_parts.general_budget")
    assert row.status == "fail" and row.difference_yuan == D("1.00")


def test_balance_and_summary_by_function(sample_text, audit_of):
    text = _edit(sample_text, "七、住房保障支出 74.677284", "七、住房保障支出 74.677285")
    text = _edit(text, "本年支出合计 648.875784", "本年支出合计 648.875785")
    frame = audit_of(text)
    assert _row(frame, "balance.summary.current_total_yuan").difference_yuan == D("0.01")
    assert _row(frame, "across.summary_expenditure.221").difference_yuan == D("-0.01")


def test_projects_vs_performance(sample_text, audit_of):
    text = _edit(sample_text, "门项目\n6.000000 6.000000", "门项目\n6.500000 6.500000")
    frame = audit_of(text)
    fails = frame[(frame.status == "fail") & frame.check.str.startswith("across.projects_performance")]
    assert len(fails) == 1 and fails.iloc[0].difference_yuan == D("5000.00")


def test_three_public_against_expenditure_and_narrative(sample_text, audit_of):
    frame = audit_of(_edit(sample_text, "2.公务接待费 0.214752 0.214224", "2.公务接待费 0.214852 0.214224"))
    assert _row(frame, "across.three_public_reception").difference_yuan == D("1.00")
    assert _row(frame, "narrative.three_public_reception.2024").status == "fail"
    assert _row(frame, "narrative.three_public_reception.2023").status == "pass"


def test_narrative_arithmetic(sample_text, audit_of):
    text = _edit(sample_text, "13,921.83 元，降低 0.21%", "13,921.38 元，降低 0.31%")
    frame = audit_of(text)
    assert _row(frame, "arith.income_total").status == "fail"
    assert _row(frame, "arith.income_total").difference_yuan == D("0.45")
    assert _row(frame, "arith.income_total.percent").status == "fail"


def test_purchased_services_against_narrative(sample_text, audit_of):
    text = _edit(sample_text, "政府购买服务项目 6 个", "政府购买服务项目 7 个")
    text = _edit(text, "为 648,100.00 元", "为 648,000.00 元")
    frame = audit_of(text)
    assert _row(frame, "narrative.purchased_services_count").status == "fail"
    assert _row(frame, "narrative.purchased_services_total.2024").difference_yuan == D("-100.00")


def test_unit_slip_is_explained(sample_text, audit_of):
    # An amount typed in 元 into a table in 万元.
    frame = audit_of(_edit(sample_text, "2010301-行政运行 50201-办公经费 30201-办公费 3.360000 3.360000",
                           "2010301-行政运行 50201-办公经费 30201-办公费 33600.000000 33600.000000"))
    row = _row(frame, "total.expenditure.total_yuan")
    assert row.status == "fail" and "单位错误" in row.message


def test_row_counted_twice_is_explained(sample_text, audit_of):
    row = "2010301-行政运行 50202-会议费 30215-会议费 0.357000 0.357000\n"
    frame = audit_of(_edit(sample_text, row, row + "\n" + row))
    finding = _row(frame, "total.expenditure.total_yuan")
    assert finding.difference_yuan == D("3570.00") and "重复" in finding.message


def test_missing_table_costs_transparency(sample_text, audit_of, sample_audit):
    text = re.sub(r"\n 表 11\n.*?(?=\n 表 12\n)", "", sample_text, flags=re.S)
    frame = audit_of(text)
    assert _row(frame, "completeness.table.purchased_services").status == "fail"
    assert score(frame)[0] == score(sample_audit)[0] - 3


def test_cli_audit(sample_path, tmp_path):
    run = [sys.executable, "-m", "deptbudget", "audit"]
    done = subprocess.run([*run, str(sample_path), "--json"], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    findings = json.loads(done.stdout)
    assert {f["status"] for f in findings} >= {"pass", "fail"}
    missing = subprocess.run([*run, str(tmp_path / "none.txt")], capture_output=True, text=True, check=False)
    assert missing.returncode == 2
    assert "Traceback" not in missing.stderr and "none.txt" in missing.stderr
