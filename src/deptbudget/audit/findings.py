"""One audit finding, and the helpers every check uses to make one."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..core.money import format_yuan, format_yuan_display

#: The columns of an audit, in order (``points``/``max_points`` only for completeness).
AUDIT_COLUMNS = [
    "check", "status", "tables", "expected_yuan", "actual_yuan", "difference_yuan",
    "message", "evidence", "points", "max_points",
]



@dataclass
class Finding:
    """The result of one check.

    ``difference_yuan`` is ``actual_yuan - expected_yuan``: what the side under test
    says minus what the reference side says; 0.01 元 is a difference like any other.
    """

    check: str
    status: str
    tables: list[str]
    message: str
    expected_yuan: Decimal | None = None
    actual_yuan: Decimal | None = None
    evidence: list[str] = field(default_factory=list)
    points: Decimal | None = None
    max_points: Decimal | None = None

    @property
    def difference_yuan(self) -> Decimal | None:
        """``actual - expected`` when both are known."""
        if self.expected_yuan is None or self.actual_yuan is None:
            return None
        return self.actual_yuan - self.expected_yuan

    def row(self) -> dict[str, Any]:
        """The finding as a row of the audit DataFrame."""
        return {
            "check": self.check,
            "status": self.status,
            "tables": ",".join(self.tables),
            "expected_yuan": self.expected_yuan,
            "actual_yuan": self.actual_yuan,
            "difference_yuan": self.difference_yuan,
            "message": self.message,
            "evidence": "; ".join(self.evidence),
            "points": self.points,
            "max_points": self.max_points,
        }

    def to_json(self) -> dict[str, Any]:
        """The finding as JSON values (amounts as two-decimal strings)."""
        out = self.row()
        for key in ("expected_yuan", "actual_yuan", "difference_yuan"):
            out[key] = format_yuan(out[key]) if out[key] is not None else None
        for key in ("points", "max_points"):
            out[key] = str(out[key]) if out[key] is not None else None
        out["tables"] = list(self.tables)
        out["evidence"] = list(self.evidence)
        return out


def yuan(value: Decimal | None) -> str:
    """An amount for a message: ``1,234.50 元``."""
    return f"{format_yuan_display(value)} 元"


def place(label: str, page: int | None, line: int | None, end_line: int | None = None) -> str:
    """Evidence text for a place in the source: ``支出总表 第8页 第478行``."""
    where = []
    if page is not None:
        where.append(f"第{page}页")
    if line is not None:
        where.append(f"第{line}行" if not end_line or end_line == line else f"第{line}–{end_line}行")
    return f"{label} {' '.join(where)}".strip()


def compare(
    check: str,
    tables: list[str],
    expected: Decimal,
    actual: Decimal,
    *,
    subject: str,
    expected_label: str,
    actual_label: str,
    evidence: list[str],
    explanation: str | None = None,
) -> Finding:
    """Compare two exact amounts; any difference, even 0.01 元, fails.

    The message names both sides and the difference in 元, and adds ``explanation``
    (what probably causes the difference) when given.
    """
    if expected == actual:
        return Finding(
            check, "pass", tables,
            f"{subject}：{actual_label}与{expected_label}一致，均为{yuan(actual)}。",
            expected, actual, evidence,
        )
    gap = actual - expected
    message = (
        f"{subject}：{actual_label}为{yuan(actual)}，{expected_label}为{yuan(expected)}，"
        f"{actual_label}{'多' if gap > 0 else '少'}{yuan(abs(gap))}。"
    )
    if explanation:
        message += f"可能原因：{explanation}"
    return Finding(check, "fail", tables, message, expected, actual, evidence)


def skipped(check: str, tables: list[str], reason: str) -> Finding:
    """A check that could not be performed, and why."""
    return Finding(check, "skipped", tables, f"未检查：{reason}")
