"""A fail is a disagreement printed in the document, never a misreading: a check resting on an
unsure reading is skipped with the reason, and checks apply only where the layout prints their
tables. Run on the real Shanghai PDF."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from deptbudget import read_disclosure
from deptbudget.audit import run_checks, transparency_score
from deptbudget.audit.readable import unsure_reasons
from paths import DISCLOSURES


@pytest.fixture(scope="module")
def shanghai():
    return read_disclosure(DISCLOSURES["sh_budget"])


def test_the_published_shanghai_budget_has_no_failure_but_its_omissions(shanghai):
    fails = [f for f in run_checks(shanghai) if f.status == "fail"]
    # It prints no staff numbers: a real omission, the only failure.
    assert [f.check for f in fails] == ["completeness.staff"]


def test_a_table_without_its_unit_line_is_not_held_to_its_figures(shanghai):
    d = copy.deepcopy(shanghai)
    d.table_info["general_budget"].extra["unit_stated"] = False
    assert "没有印出金额单位" in unsure_reasons(d)["general_budget"]
    findings = [f for f in run_checks(d) if "general_budget" in f.tables and not f.check.startswith("completeness.")]
    assert findings and all(f.status == "skipped" for f in findings)
    assert all("读取不确定" in f.message for f in findings)


def test_a_changed_amount_is_found_where_the_reading_is_sure(shanghai):
    d = copy.deepcopy(shanghai)
    frame = d.tables["general_budget"]
    frame.at[frame.index[0], "total_yuan"] = frame.at[frame.index[0], "total_yuan"] + Decimal("0.01")
    failed = {f.check for f in run_checks(d) if f.status == "fail"}
    assert "total.general_budget.total_yuan" in failed and "row_parts.general_budget" in failed


def test_checks_of_tables_the_layout_never_prints_do_not_apply(shanghai):
    checks = {f.check for f in run_checks(shanghai)}
    assert not any(c.startswith(("across.projects", "across.basic_econ", "across.three_public_reception",
                                 "across.overall_funding")) for c in checks)


def test_unread_tables_leave_their_items_out_of_the_score(shanghai):
    d = copy.deepcopy(shanghai)
    d.table_info["three_public"].extra["unread"] = "columns_not_matched"
    findings = run_checks(d)
    _, top = transparency_score(findings)
    _, full_top = transparency_score(run_checks(shanghai))
    assert top == full_top - 5  # 三公 items (3 + 2 points) are not scored
    items = {f.check: f for f in findings}
    assert items["completeness.three_public_items"].status == "skipped"
    assert items["completeness.three_public_items"].max_points is None
