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


def rounding_note(difference: Decimal, step: Decimal | None, parts: int) -> str | None:
    """The sentence saying a difference is the document's own rounding, or None when rounding
    cannot cause it.

    ``step`` is one unit of the last digit the tables print, in 元 (0.01 万元 = 100 元; None or a
    fen for tables printed to the fen, which round nothing); ``parts`` how many printed figures
    the comparison adds up, the total included: each is within half a unit of its true value,
    so together they can be up to ``parts / 2`` units off.
    """
    if step is None or step <= Decimal("0.01") or difference == 0 or difference % step:
        return None
    units = abs(difference) / step
    if units * 2 > max(parts, 2):
        return None
    if units == 1:
        return f"相差为末位数字的1个单位（{yuan(step)}），是文件各数字分别四舍五入所致，不是账目不一致。"
    return (f"相差为末位数字的{units.normalize()}个单位（{yuan(abs(difference))}），不超过{parts}个印出数字"
            "各自四舍五入（每个至多半个单位）可能累积的误差，是文件的舍入差异，不是账目不一致。")


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
    step: Decimal | None = None,
    parts: int = 2,
) -> Finding:
    """Compare two exact amounts; any difference, even 0.01 元, fails — unless it is the
    document's own rounding.

    The message names both sides and the difference in 元, and adds ``explanation``
    (what probably causes the difference) when given. Tables printed to 0.01 万元 round every
    figure: a difference that the rounding of the ``parts`` printed figures can cause
    (:func:`rounding_note`; ``step`` is one unit of their last digit in 元) is a ``warn`` that
    says so, with the document's figures, never a ``fail``.
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
    note = rounding_note(gap, step, parts)
    if note:
        return Finding(check, "warn", tables, message + note, expected, actual, evidence)
    if explanation:
        message += f"可能原因：{explanation}"
    return Finding(check, "fail", tables, message, expected, actual, evidence)


def skipped(check: str, tables: list[str], reason: str) -> Finding:
    """A check that could not be performed, and why."""
    return Finding(check, "skipped", tables, f"未检查：{reason}")
