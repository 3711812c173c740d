"""The 部门整体支出绩效目标申报表: funding line, overall goal, notes and indicator rows.

The activity cell is printed once for several rows and carried forward.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from ....core.model import Place, ReadWarning
from ....core.money import is_amount, money_in_yuan, parse_amount
from ...layout import TableBlock
from ...sources.text import Line
from ..parsed import ParsedTable
from .common import (
    _COLUMN_HEAD,
    _EMPTY,
    _FUNDING_KEYS,
    _GOAL_LABEL,
    _OVERALL_HEAD,
    _PROSE,
    NATURES,
    OVERALL,
    _is_value_start,
    _made_of,
    _read_value,
)

# --------------------------------------------------------------- overall performance


def parse_overall_performance(block: TableBlock) -> ParsedTable:
    """Read the 部门整体支出绩效目标申报表.

    Parameters
    ----------
    block : TableBlock
        The table's block from :func:`deptbudget.read.layout.split_layout`.

    Returns
    -------
    ParsedTable
        Rows ``activity, indicator, nature, operator, target, unit``; the funding line
        as printed totals in 元; the overall goal in ``extra["goal"]`` and the 其他说明
        text in ``extra["notes"]``.
    """
    reader = _OverallReader(block.body, block.unit or "万元")
    reader.read()
    goal = [g for g in reader.goal if g.text]
    reader.result.records = reader.records
    reader.result.extra = {
        "goal": "".join(g.text for g in goal),
        "goal_page": goal[0].page if goal else None,
        "goal_line": goal[0].number if goal else None,
        "notes": "".join(reader.notes),
    }
    return reader.result


class _OverallReader:
    """A pass over the overall table: head (funding), goal, notes, then indicator rows."""

    def __init__(self, lines: Sequence[Line], unit: str) -> None:
        self.lines = lines
        self.unit = unit
        self.result = ParsedTable(key=OVERALL, records=[])
        self.records: list[dict[str, Any]] = []
        self.goal: list[Line] = []
        self.notes: list[str] = []
        # An activity cell printed before its rows, maybe wrapped over several lines.
        self.pending: list[Line] = []
        self.activity = ""
        self.state = "head"

    def warn(self, message: str, line: Line) -> None:
        self.result.warnings.append(ReadWarning(message, OVERALL, line.page, line.number))

    def stop(self, j: int) -> bool:
        return j >= len(self.lines) or _row_tokens(self.lines[j].text) is not None

    def read(self) -> None:
        i = 0
        while i < len(self.lines):
            i = self.step(i)
        for line in self.pending:
            self.warn(f"an activity with no indicator rows: {line.text}", line)

    def step(self, i: int) -> int:
        """Read line ``i``; return the index of the next line to read."""
        line = self.lines[i]
        text = line.text
        tokens = text.split()
        if self.state != "rows" and _is_column_header(text):
            self.state = "rows"
        elif text.startswith("其他说明"):
            self.state = "notes"
            rest = text[len("其他说明"):].strip(" ：:")
            if rest:
                self.notes.append(rest)
        elif self.state == "head" and len(tokens) >= 2 and all(is_amount(t) for t in tokens):
            if self.result.printed_totals:
                self.warn(f"a second funding line: {text}", line)
            else:
                _funding(self.result, tokens, self.unit, line, self.warn)
        elif self.state in ("head", "goal") and _made_of(text, _GOAL_LABEL):
            self.state = "goal"
        elif self.state in ("head", "goal") and text.startswith("整体绩效目标"):
            self.state = "goal"
            self.goal.append(Line(line.number, line.page, text[len("整体绩效目标"):].strip()))
        elif self.state in ("goal", "notes") and any(t in NATURES for t in tokens[1:]):
            # No column header printed: the first row ends the goal or the notes.
            self.state = "rows"
            return i
        elif self.state == "head":
            if not (_made_of(text, _OVERALL_HEAD) or _EMPTY.match(text)):
                self.warn(f"unexpected text in the table head: {text}", line)
        elif self.state == "goal":
            self.goal.append(line)
        elif self.state == "notes":
            self.notes.append(text)
        else:
            return self.row(i)
        return i + 1

    def row(self, i: int) -> int:
        line = self.lines[i]
        split = _row_tokens(line.text)
        if split is None:
            if self.records or self.pending or not _made_of(line.text, _COLUMN_HEAD):
                self.pending.append(line)
            return i + 1
        names, k = split
        pending = "".join(p.text for p in self.pending)
        if len(names) >= 2:
            self.activity = pending + names[0]
            indicator = "".join(names[1:])
        elif len(names) == 1:
            self.activity = pending or self.activity
            indicator = names[0]
        elif pending:
            # The indicator cell wrapped above its value: the activity is carried.
            indicator = pending
        else:
            self.warn(f"an indicator value without an indicator: {line.text}", line)
            return i + 1
        if not self.activity:
            self.warn(f"an indicator row before any activity: {line.text}", line)
        value = _read_value(line.text.split()[k:], i, self.lines, self.stop)
        if not (value.nature or value.target):
            self.warn(f"an indicator row without a value: {line.text}", line)
            self.pending = []
            return value.end + 1
        if value.nature == "定性" and not value.target:
            self.warn(f"a qualitative indicator prints no target: {line.text}", line)
        start = self.pending[0] if self.pending else line
        self.records.append({
            "activity": self.activity, "indicator": indicator, "nature": value.nature,
            "operator": value.operator, "target": value.target, "unit": value.unit,
            "page": start.page, "line": start.number,
            "end_line": self.lines[value.end].number,
        })
        self.pending = []
        return value.end + 1


def _is_column_header(text: str) -> bool:
    compact = re.sub(r"\s+", "", text)
    return "指标性质" in compact or ("绩效指标" in compact and "指标值" in compact)


def _row_tokens(text: str) -> tuple[list[str], int] | None:
    """Split a table-13 line into its name cells and the index where its value starts."""
    if _PROSE.search(text):
        return None
    tokens = text.split()
    for k in range(len(tokens)):
        if _is_value_start(tokens, k):
            return tokens[:k], k
    return None


def _funding(
    result: ParsedTable,
    tokens: list[str],
    unit: str,
    line: Line,
    warn: Callable[[str, Line], None],
) -> None:
    values = [money_in_yuan(parse_amount(t), unit) for t in tokens]
    if len(values) == len(_FUNDING_KEYS):
        result.printed_totals = dict(zip(_FUNDING_KEYS, values, strict=True))
    else:
        # Only the first column (总额) is certain when the layout is not the usual one.
        warn(f"the funding line has {len(values)} amounts, expected {len(_FUNDING_KEYS)}", line)
        result.printed_totals = {"total_yuan": values[0]}
        for n, value in enumerate(values[1:], start=2):
            result.printed_totals[f"amount_{n}_yuan"] = value
    result.totals_place = Place(line.page, line.number)


