"""Reading the two performance-target tables (绩效目标申报表).

The 部门整体支出绩效目标申报表 prints a funding line, the department's overall goal and
rows of ``activity indicator nature target`` where the activity cell is printed once for
several rows. The 项目支出绩效目标申报表 prints, per project, a ``<code>-<name>`` cell, a
project type, its amounts and a goal, followed by indicator rows
(一级 / 二级 / 三级指标, nature, operator, target, unit).

Text extraction wraps every cell over short lines and, at a page break, prints the rest
of a project's goal *after* some of its indicator rows. Nothing here relies on line
positions: indicator rows are recognised by their structure (a 一级指标 keyword, a
二级指标 ending in 指标, a nature or an operator and a value) and everything else in a
project is a fragment of its goal, reassembled in order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pandas as pd

from ...core.model import PROVENANCE_COLUMNS, TABLE_COLUMNS, Inference, Place, ReadWarning
from ...core.money import FEN, is_amount, is_whole_fen, parse_amount, to_yuan
from ..layout import TableBlock
from ..sources.text import Line

OVERALL = "overall_performance"
PROJECT = "project_performance"

#: 一级指标 keywords (current template, plus the older 效果指标).
LEVEL1 = re.compile(r"^(产出指标|成本指标|效益指标|效果指标|满意度指标)")
NATURES = ("定性", "定量")

# Symbols may carry the value with them ("≥90%"); words only count as operators when a
# value or nothing follows, so that an indicator named "不超过…" stays a name.
_OPERATOR = re.compile(
    r"^(?:(>=|=>|≥=|<=|=<|≤=|==|≥|≧|≤|≦|>|<|=)"
    r"|(大于等于|小于等于|不低于|不少于|不高于|不多于|不超过|等于|大于|小于)(?=$|[\d.]))"
)
_OPERATOR_MAP = {
    ">=": "≥", "=>": "≥", "≥=": "≥", "≥": "≥", "≧": "≥",
    "<=": "≤", "=<": "≤", "≤=": "≤", "≤": "≤", "≦": "≤",
    "==": "=", "=": "=", ">": ">", "<": "<",
    "大于等于": "≥", "不低于": "≥", "不少于": "≥",
    "小于等于": "≤", "不高于": "≤", "不多于": "≤", "不超过": "≤",
    "等于": "=", "大于": ">", "小于": "<",
}
_NUMBER = re.compile(r"^([-−]?\d+(?:,\d{3})*(?:\.\d+)?)(.*)$")

# Units a quantitative target may print on the line after its value.
_UNIT_WORDS = (
    "% ‰ 个 次 人次 万人次 人 户 家 元 万元 亿元 期 场 场次 月 个月 天 日 工作日 年 周 "
    "小时 分钟 项 件 篇 条 台 套 批 册 本 份 所 处 辆 张 部 间 座 课时 学时 平方米 公里 吨 亩"
)
_UNITS = frozenset(_UNIT_WORDS.split())
# Characters of graded qualitative targets (高中低, 优良中低差, 好坏, 是否 …): a wrapped
# target is rejoined only while both parts are made of them.
_GRADE = frozenset("优良中低差高好坏是否较一般合格")
_QUALITATIVE_WORDS = frozenset(
    {"达标", "合格", "完成", "按时完成", "按期完成", "有效", "显著", "达到预期", "符合要求"}
)
# Prose punctuation: goal text has it, indicator names do not.
_PROSE = re.compile(r"[，。；！？]")

# A project cell: a code of letters and digits, a dash, the start of the name.
_CODE = re.compile(r"^([A-Za-z0-9]{8,40})\s*[-－—–]\s*(.*)$")
_CODE_PART = re.compile(r"^[A-Za-z0-9]{4,40}$")
_CODE_TAIL = re.compile(r"^[A-Za-z0-9]*\s*[-－—–]")
_TYPE = re.compile(r"^\d{1,2}\s*[-－]\s*[^\d\s]")
_EMPTY = re.compile(r"^(?:[0.\s—–-]+|无)$")

_PROJECT_HEAD = frozenset(
    "项目名称类别总额其中财政资金其他绩效目标一级二级三级指标性质本年值度量单位方向说明"
    "：:（）()万元"
)
_OVERALL_HEAD = frozenset("总体资金情况（）()万元预算支出总额财政拨款其他资金合计基本项目")
_GOAL_LABEL = frozenset("整体绩效目标")
_COLUMN_HEAD = frozenset("活动绩效指标性质值度量单位方向")
_FUNDING_KEYS = (
    "total_yuan", "fiscal_total_yuan", "basic_yuan", "project_yuan",
    "other_total_yuan", "other_basic_yuan", "other_project_yuan",
)


@dataclass
class PerformanceTable:
    """The rows of a performance-target table and what stands around them.

    Attributes
    ----------
    rows : DataFrame
        One row per indicator: ``model.TABLE_COLUMNS[key]`` plus page, line, end_line.
    printed_totals : dict of str to Decimal
        For the overall table, the funding line in 元 (``total_yuan``,
        ``fiscal_total_yuan``, ``basic_yuan``, ``project_yuan``, ``other_total_yuan`` …).
    totals_place : Place or None
        Where the funding line is printed.
    extra : dict
        Overall: ``goal``, ``goal_page``, ``goal_line``, ``notes``. Projects:
        ``projects``, one dict per project (code, name, type, amounts, goal, place).
    warnings : list of ReadWarning
        Fragments that could not be placed.
    inferences : list of Inference
        Column assignments that had to be inferred (none so far).
    """

    rows: pd.DataFrame
    printed_totals: dict[str, Decimal] = field(default_factory=dict)
    totals_place: Place | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    warnings: list[ReadWarning] = field(default_factory=list)
    inferences: list[Inference] = field(default_factory=list)


# --------------------------------------------------------------------------- helpers


def _yuan(value: Decimal, unit: str) -> Decimal:
    """Convert exactly; keep two decimals when the amount is a whole number of fen."""
    yuan = to_yuan(value, unit)
    return yuan.quantize(FEN) if is_whole_fen(yuan) else yuan


def _frame(key: str, records: list[dict[str, Any]]) -> pd.DataFrame:
    columns = TABLE_COLUMNS[key] + PROVENANCE_COLUMNS
    if not records:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame.from_records(records, columns=columns)
    if "amount_yuan" in frame:
        # Decimals must stay Decimals: never let pandas turn them into floats.
        frame["amount_yuan"] = pd.Series(
            [r["amount_yuan"] for r in records], dtype=object, index=frame.index
        )
    for name in PROVENANCE_COLUMNS:
        frame[name] = frame[name].astype("int64")
    return frame


def _made_of(text: str, chars: frozenset[str]) -> bool:
    compact = re.sub(r"\s+", "", text)
    return bool(compact) and all(c in chars for c in compact)


def _is_grade(text: str) -> bool:
    return _made_of(text, _GRADE)


def _looks_like_target(text: str) -> bool:
    return _is_grade(text) or text.strip() in _QUALITATIVE_WORDS


def _is_operator(token: str) -> bool:
    return bool(_OPERATOR.match(token))


def _is_value_start(tokens: Sequence[str], k: int) -> bool:
    """True if ``tokens[k]`` starts the nature/operator/value part of an indicator row."""
    token = tokens[k]
    if token in NATURES:
        return True
    match = _OPERATOR.match(token)
    if match:
        rest = token[match.end():].strip()
        following = rest or (tokens[k + 1] if k + 1 < len(tokens) else "")
        # A bare symbol at the end of a line is an operator whose value wrapped.
        return not following or bool(_NUMBER.match(following)) or bool(match.group(1))
    return False


def _join(parts: Sequence[tuple[str, int]]) -> str:
    """Join cell fragments: a space between parts of one line, nothing across lines."""
    out = ""
    previous: int | None = None
    for text, at in parts:
        if out and previous == at:
            out += " "
        out += text
        previous = at
    return out


@dataclass
class _Value:
    nature: str = ""
    operator: str = ""
    target: str = ""
    unit: str = ""
    end: int = 0


def _read_value(
    rest: list[str], at: int, lines: Sequence[Line], stop: Callable[[int], bool]
) -> _Value:
    """Read ``nature operator target unit`` from ``rest`` (tokens of line ``at``).

    ``stop(j)`` tells whether line ``j`` cannot continue this row (another row, another
    project, the end); a target or unit wrapped onto the next line is taken from there.
    """
    value = _Value(end=at)
    head, tail = rest[0], rest[1:]
    if head in NATURES:
        value.nature = head
        if tail and (_is_operator(tail[0]) or (head == "定量" and _NUMBER.match(tail[0]))):
            _read_quantity(value, tail, lines, stop)
            return value
        value.target = " ".join(tail)
        nxt = value.end + 1
        if not value.target and not stop(nxt) and _looks_like_target(lines[nxt].text):
            value.target, value.end = lines[nxt].text, nxt
        # A graded target wraps without a space: "优良中低" + "差".
        while value.target and _is_grade(value.target):
            nxt = value.end + 1
            if stop(nxt) or not _is_grade(lines[nxt].text) or len(value.target) > 12:
                break
            value.target, value.end = value.target + lines[nxt].text, nxt
        return value
    _read_quantity(value, rest, lines, stop)
    return value


def _read_quantity(
    value: _Value, tokens: list[str], lines: Sequence[Line], stop: Callable[[int], bool]
) -> None:
    match = _OPERATOR.match(tokens[0])
    if match:
        value.operator = _OPERATOR_MAP[match.group(0)]
        remainder = tokens[0][match.end():].strip()
        tokens = ([remainder] if remainder else []) + tokens[1:]
    if not tokens and not stop(value.end + 1):
        value.end += 1
        tokens = lines[value.end].text.split()
    if not tokens:
        return
    number = _NUMBER.match(tokens[0])
    if number:
        value.target = number.group(1)
        value.unit = "".join([number.group(2), *tokens[1:]]).strip()
        nxt = value.end + 1
        if not value.unit and not stop(nxt) and lines[nxt].text in _UNITS:
            value.unit, value.end = lines[nxt].text, nxt
        if not value.nature:
            value.nature = "定量"
    else:
        value.target = tokens[0]
        value.unit = "".join(tokens[1:])


# --------------------------------------------------------------- overall performance


def parse_overall_performance(block: TableBlock) -> PerformanceTable:
    """Read the 部门整体支出绩效目标申报表.

    Parameters
    ----------
    block : TableBlock
        The table's block from :func:`deptbudget.read.layout.split_layout`.

    Returns
    -------
    PerformanceTable
        Rows ``activity, indicator, nature, operator, target, unit``; the funding line
        as printed totals in 元; the overall goal in ``extra["goal"]`` and the 其他说明
        text in ``extra["notes"]``.
    """
    reader = _OverallReader(block.body, block.unit or "万元")
    reader.read()
    goal = [g for g in reader.goal if g.text]
    reader.result.rows = _frame(OVERALL, reader.records)
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
        self.result = PerformanceTable(rows=_frame(OVERALL, []))
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
    result: PerformanceTable,
    tokens: list[str],
    unit: str,
    line: Line,
    warn: Callable[[str, Line], None],
) -> None:
    values = [_yuan(parse_amount(t), unit) for t in tokens]
    if len(values) == len(_FUNDING_KEYS):
        result.printed_totals = dict(zip(_FUNDING_KEYS, values, strict=True))
    else:
        # Only the first column (总额) is certain when the layout is not the usual one.
        warn(f"the funding line has {len(values)} amounts, expected {len(_FUNDING_KEYS)}", line)
        result.printed_totals = {"total_yuan": values[0]}
        for n, value in enumerate(values[1:], start=2):
            result.printed_totals[f"amount_{n}_yuan"] = value
    result.totals_place = Place(line.page, line.number)


# --------------------------------------------------------------- project performance


def _project_start(lines: Sequence[Line], i: int) -> int:
    """Return how many lines the ``<code>-`` of a project starting at ``i`` takes (0: none)."""
    text = lines[i].text
    match = _CODE.match(text)
    if match and sum(c.isdigit() for c in match.group(1)) >= 6:
        return 1
    # A long code wrapped before its dash.
    if _CODE_PART.match(text) and i + 1 < len(lines) and _CODE_TAIL.match(lines[i + 1].text):
        match = _CODE.match(text + lines[i + 1].text)
        if match and sum(c.isdigit() for c in match.group(1)) >= 6:
            return 2
    return 0


def _row_start(text: str) -> bool:
    return bool(LEVEL1.match(text))


def _bare_row(text: str) -> bool:
    """A row printed without its 一级指标 (a merged cell printed once for several rows)."""
    if _PROSE.search(text):
        return False
    tokens = text.split()
    return any(_is_value_start(tokens, k) for k in range(1, len(tokens)))


def _header_like(text: str) -> bool:
    return _made_of(text, _PROJECT_HEAD)


def parse_project_performance(block: TableBlock) -> PerformanceTable:
    """Read the 项目支出绩效目标申报表.

    Parameters
    ----------
    block : TableBlock
        The table's block from :func:`deptbudget.read.layout.split_layout`.

    Returns
    -------
    PerformanceTable
        One row per indicator, each carrying its project's code, name, type, amount
        (元; the table prints 万元 unless its unit says otherwise) and reassembled goal.
        ``extra["projects"]`` lists every project, with or without indicator rows.
    """
    unit = block.unit or "万元"
    lines = block.body
    result = PerformanceTable(rows=_frame(PROJECT, []))
    starts = [i for i in range(len(lines)) if _project_start(lines, i)]
    # A wrapped code's second line must not count as a start of its own.
    starts = [s for n, s in enumerate(starts) if n == 0 or s != starts[n - 1] + 1
              or _project_start(lines, starts[n - 1]) != 2]
    first = starts[0] if starts else len(lines)
    for line in lines[:first]:
        if not (_header_like(line.text) or _EMPTY.match(line.text)):
            result.warnings.append(ReadWarning(
                f"text before the first project: {line.text}", PROJECT, line.page, line.number
            ))
    records: list[dict[str, Any]] = []
    projects: list[dict[str, Any]] = []
    for n, start in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else len(lines)
        project, rows = _read_project(lines, start, stop, unit, result.warnings)
        projects.append(project)
        records.extend(rows)
    result.rows = _frame(PROJECT, records)
    result.extra = {"projects": projects}
    return result


def _read_project(
    lines: Sequence[Line], start: int, stop: int, unit: str, warnings: list[ReadWarning]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    def warn(message: str, line: Line) -> None:
        warnings.append(ReadWarning(message, PROJECT, line.page, line.number))

    ncode = _project_start(lines, start)
    head = "".join(line.text for line in lines[start:start + ncode])
    match = _CODE.match(head)
    assert match is not None  # _project_start said so
    code = match.group(1)
    name: list[tuple[str, int]] = []
    kind: list[tuple[str, int]] = []
    goal: list[tuple[str, int]] = []
    amounts: list[Decimal] = []
    j = start + ncode - 1
    tokens = match.group(2).split()
    # The head: name, then type, until the amounts; what follows them is goal text.
    while True:
        run = _amount_run(tokens)
        if run is not None:
            a, b = run
            _head_tokens(tokens[:a], j, name, kind)
            amounts = [parse_amount(t) for t in tokens[a:b]]
            if tokens[b:]:
                goal.append((" ".join(tokens[b:]), j))
            break
        _head_tokens(tokens, j, name, kind)
        if j + 1 >= stop or _row_start(lines[j + 1].text):
            warn(f"project {code} prints no amounts", lines[start])
            break
        j += 1
        tokens = lines[j].text.split()
    amount = _yuan(amounts[0], unit) if amounts else None
    if len(amounts) >= 2 and amounts[1] > amounts[0]:
        warn(f"project {code}: fiscal funds exceed the project total", lines[j])
    project: dict[str, Any] = {
        "project_code": code,
        "project_name": _join(name),
        "project_type": re.sub(r"\s+", "", _join(kind)),
        "amount_yuan": amount,
        "amounts_yuan": [_yuan(a, unit) for a in amounts],
        "page": lines[start].page,
        "line": lines[start].number,
        "end_line": lines[stop - 1].number,
    }

    def boundary(k: int) -> bool:
        return k >= stop or _row_start(lines[k].text) or _project_start(lines, k) > 0

    rows: list[dict[str, Any]] = []
    previous: dict[str, Any] | None = None
    k = j + 1
    while k < stop:
        line = lines[k]
        if line.page != lines[k - 1].page and _repeated_header(line.text):
            while k < stop and _header_like(lines[k].text):
                k += 1
            continue
        if _row_start(line.text) or _bare_row(line.text):
            row, end, problem = _read_indicator(lines, k, stop, boundary, previous)
            if row is None:
                texts = " / ".join(x.text for x in lines[k:end + 1])
                warn(f"project {code}: an indicator row that cannot be read ({problem}): "
                     f"{texts}", line)
            else:
                if not row["level1"]:
                    warn(f"project {code}: an indicator row without 一级指标: {line.text}", line)
                if row["nature"] == "定性" and not row["target"]:
                    warn(f"project {code}: a qualitative indicator prints no target", line)
                rows.append(row)
                previous = row
            k = end + 1
            continue
        goal.append((line.text, k))
        k += 1
    goal_text = "".join(t for t, _ in goal)
    project["goal"] = goal_text
    project["goal_page"] = lines[goal[0][1]].page if goal else None
    project["goal_line"] = lines[goal[0][1]].number if goal else None
    project["rows"] = len(rows)
    if not rows:
        warn(f"project {code} has no indicator rows", lines[start])
    if not goal_text:
        warn(f"project {code} prints no goal", lines[start])
    head_fields = {key: project[key] for key in
                   ("project_code", "project_name", "project_type", "amount_yuan")}
    return project, [{**head_fields, "goal": goal_text, **row} for row in rows]


def _amount_run(tokens: list[str]) -> tuple[int, int] | None:
    """Where the amounts of a project's head stand in ``tokens``, if they do."""
    for a, token in enumerate(tokens):
        if not is_amount(token):
            continue
        b = a
        while b < len(tokens) and is_amount(tokens[b]):
            b += 1
        # Two amounts (项目总额, 财政资金), or one with decimals: a lone integer may be
        # part of a name ("2024").
        if b - a >= 2 or "." in token:
            return a, b
    return None


def _head_tokens(
    tokens: list[str], at: int, name: list[tuple[str, int]], kind: list[tuple[str, int]]
) -> None:
    for token in tokens:
        if kind or _TYPE.match(token):
            kind.append((token, at))
        else:
            name.append((token, at))


def _repeated_header(text: str) -> bool:
    return _header_like(text) and any(w in text for w in ("项目", "指标", "绩效"))


def _read_indicator(
    lines: Sequence[Line],
    start: int,
    stop: int,
    boundary: Callable[[int], bool],
    previous: dict[str, Any] | None,
) -> tuple[dict[str, Any] | None, int, str]:
    """Read one indicator row from line ``start``.

    Returns the row (None if it cannot be read), the index of its last line, and what
    was wrong when it could not be read.
    """
    first_tokens = lines[start].text.split()
    level1 = ""
    match = LEVEL1.match(first_tokens[0])
    if match:
        level1 = match.group(1)
        rest = first_tokens[0][match.end():]
        first_tokens = ([rest] if rest else []) + first_tokens[1:]
    elif previous is not None:
        level1 = previous["level1"]
    names: list[tuple[str, int]] = []
    at, tokens = start, first_tokens
    value_at: tuple[int, int] | None = None
    problem = ""
    while value_at is None:
        for n in range(len(tokens)):
            if _is_value_start(tokens, n):
                value_at = (at, n)
                break
            names.append((tokens[n], at))
        if value_at is not None:
            break
        at += 1
        if at >= stop or boundary(at):
            problem = "no nature or value before the next row"
            break
        if _PROSE.search(lines[at].text):
            problem = "its cells run into prose"
            break
        if at - start >= 8:
            problem = "too many lines without a value"
            break
        tokens = lines[at].text.split()
    if value_at is None:
        # Keep the damaged row's own fragments out of the goal when they plainly are
        # cell fragments (no prose, same page, the next row follows); otherwise only its
        # first line is set aside and the rest is read as goal text.
        same_page = all(lines[x].page == lines[start].page for x in range(start, at))
        end = at - 1 if problem.startswith("no nature") and same_page else start
        return None, end, problem
    line_at, n = value_at
    value = _read_value(tokens[n:], line_at, lines, boundary)
    if not (value.nature or value.target):
        return None, value.end, "an operator without a value"
    level2, indicator = _split_names(names, previous if not match else None)
    row = {
        "level1": level1, "level2": level2, "indicator": indicator,
        "nature": value.nature, "operator": value.operator, "target": value.target,
        "unit": value.unit, "page": lines[start].page, "line": lines[start].number,
        "end_line": lines[value.end].number,
    }
    return row, value.end, ""


def _split_names(
    names: list[tuple[str, int]], carry: dict[str, Any] | None
) -> tuple[str, str]:
    """Split the cells between 一级指标 and the value into 二级指标 and 三级指标.

    The 二级指标 is the shortest run of fragments that ends in 指标 (it may wrap:
    "服务对象满意" + "度指标"); the rest is the 三级指标.
    """
    texts = [t for t, _ in names]
    for k in range(1, len(texts) + 1):
        if "".join(texts[:k]).endswith("指标") and k < len(texts):
            return "".join(texts[:k]), _join(names[k:]).replace(" ", "")
    if carry is not None:
        # A row without its merged 一级/二级 cells: every fragment is the 三级指标.
        return carry["level2"], _join(names).replace(" ", "")
    if len(names) >= 2 and names[0][1] == names[1][1]:
        # Separated by a space on one line: two cells even without the 指标 suffix.
        return texts[0], "".join(texts[1:])
    return "", "".join(texts)
