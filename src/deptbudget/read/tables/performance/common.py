"""What both performance-target tables share: indicator levels, natures, operators, units,
and reading one indicator's value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ...sources.text import Line

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


