"""One performance indicator: its target parsed, 定量 or 定性, grade scales, its 一级/二级 level.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from .common import text_of

#: The two natures of an indicator, quantitative first.
NATURES = ("定量", "定性")


_NUMBER = re.compile(r"^([<>≤≥=＜＞≦≧]*)\s*([-−]?\d+(?:,\d{3})*(?:\.\d+)?)\s*(.*)$")
_OPERATOR_FOLD = {"＜": "<", "＞": ">", "≦": "≤", "≧": "≥"}


def parse_target(target: Any) -> tuple[str | None, Decimal | None, str | None]:
    """Split a printed target into (operator, value, unit) where it is numeric.

    Parameters
    ----------
    target : Any
        The target cell (``"90"``, ``"≥95%"``, ``"1,200"``, ``"高中低"`` …).

    Returns
    -------
    tuple
        ``(operator, value, trailing_text)``; ``value`` is an exact :class:`Decimal`
        or None when the target is not a number (then the other two are None as well).

    Examples
    --------
    >>> parse_target("≥95%")
    ('≥', Decimal('95'), '%')
    >>> parse_target("高中低")
    (None, None, None)
    """
    text = text_of(target)
    if text is None:
        return None, None, None
    match = _NUMBER.match(text)
    if match is None:
        return None, None, None
    operator = "".join(_OPERATOR_FOLD.get(ch, ch) for ch in match.group(1)) or None
    value = Decimal(match.group(2).replace(",", "").replace("−", "-"))
    return operator, value, match.group(3).strip() or None


def nature_of(row: dict[str, Any]) -> str:
    """定量 or 定性 for one indicator row.

    The printed nature wins. When it is blank, a row with an operator or a numeric
    target is 定量 (a number with a direction can be measured), anything else 定性.
    """
    nature = text_of(row.get("nature"))
    if nature in NATURES:
        return nature
    if text_of(row.get("operator")) or parse_target(row.get("target"))[1] is not None:
        return "定量"
    return "定性"


# --------------------------------------------------------------------------- grade scales

# Grading words: a grade scale is two or more different ones and nothing but separators.
# Text is cut greedily into the longest word at each place, so a single committed grade
# written with two characters (良好, 较好, 优良) stays one word and is not taken for a scale.
_GRADE_WORDS = sorted({
    "不满意", "基本满意", "非常满意", "较满意", "满意", "不合格", "合格", "未达标", "达标",
    "未完成", "基本完成", "完成", "较好", "较差", "较高", "较低", "较强", "较弱", "一般",
    "优秀", "优良", "良好", "中等", "及格", "不及格", "显著", "不显著", "明显", "不明显",
    "优", "良", "中", "低", "差", "高", "好", "坏", "强", "弱", "大", "小", "多", "少",
    "是", "否", "有", "无", "较", "甲", "乙", "丙", "丁",
}, key=len, reverse=True)
_GRADE_SEPARATORS = frozenset("、/，,；;|·-—－ \t\u3000")
_LETTER_GRADES = frozenset("ABCDE")


def _grade_tokens(text: str) -> list[str] | None:
    """Cut ``text`` into grading words; None if anything else is in it."""
    tokens: list[str] = []
    i = 0
    while i < len(text):
        if text[i] in _GRADE_SEPARATORS:
            i += 1
            continue
        if text[i].isascii() and text[i].isalpha():
            # A run of letters counts only when every letter is a grade (A、B、C or ABCD).
            j = i
            while j < len(text) and text[j].isascii() and text[j].isalpha():
                j += 1
            run = text[i:j].upper()
            if not set(run) <= _LETTER_GRADES:
                return None
            tokens += list(run)
            i = j
            continue
        word = next((w for w in _GRADE_WORDS if text.startswith(w, i)), None)
        if word is None:
            return None
        tokens.append(word)
        i += len(word)
    return tokens


def is_grade_scale(target: Any) -> bool:
    """True if a target only names grades (高中低, 优良中低差, 好坏, A/B/C …), no level to reach.

    A grade scale is recognised by its shape: two or more different grading words (优,
    良, 中, 差, 好, 坏, 高, 低, 合格, 满意, 是, 否, letters A–E …) with at most separators
    between them and nothing else. Such a "target" lists the possible ratings instead of
    the one the project commits to, so it cannot be checked afterwards.

    Examples
    --------
    >>> is_grade_scale("优良中低差"), is_grade_scale("好/坏"), is_grade_scale("A、B、C")
    (True, True, True)
    >>> is_grade_scale("优"), is_grade_scale("良好"), is_grade_scale("达到预期"), is_grade_scale("90")
    (False, False, False, False)
    """
    text = text_of(target)
    if text is None:
        return False
    tokens = _grade_tokens(text)
    return tokens is not None and len(set(tokens)) >= 2


# --------------------------------------------------------------------------- levels

_LEVEL_RULES: tuple[tuple[str, str, str], ...] = (
    # (pattern in the indicator name, 一级指标, 二级指标); first match wins.
    (r"满意", "满意度指标", "服务对象满意度指标"),
    (r"成本|费用|单价|预算控制", "成本指标", "经济成本指标"),
    (r"可持续|长效|长期影响", "效益指标", "可持续影响指标"),
    (r"生态|环境效益", "效益指标", "生态效益指标"),
    (r"经济效益", "效益指标", "经济效益指标"),
    (r"效益|影响|效果|成效", "效益指标", "社会效益指标"),
    (r"进度|时效|及时|按时|按期|时限|周期|期限", "产出指标", "时效指标"),
    (r"质量|合格|准确|达标|错|完好|规范|依据", "产出指标", "质量指标"),
    (r"数量|次数|期次|个数|场次|人次|篇|条数|户数|人数|覆盖|时长|数$", "产出指标", "数量指标"),
)


def classify_indicator(name: Any) -> tuple[str | None, str | None]:
    """Guess 一级 / 二级指标 from an indicator's name (for rows that print neither).

    The 部门整体绩效目标 table prints only the indicator (``活动完成质量``, ``服务对象满意度指标``);
    keywords place it in the standard framework. Returns ``(None, None)`` when no keyword
    fits. The guess is marked ``inferred`` wherever it is used.
    """
    text = text_of(name)
    if text is None:
        return None, None
    for pattern, level1, level2 in _LEVEL_RULES:
        if re.search(pattern, text):
            return level1, level2
    return None, None


def indicator_levels(row: dict[str, Any]) -> tuple[str | None, str | None, bool]:
    """(level1, level2, inferred) of a row: as printed, else guessed from the indicator."""
    level1, level2 = text_of(row.get("level1")), text_of(row.get("level2"))
    if level1 and level2:
        return level1, level2, False
    # A printed 二级指标 (社会效益指标) says more than the indicator's name; overall rows
    # sometimes print the 二级指标 itself as the indicator (质量指标), which works the same.
    guess1, guess2 = classify_indicator(level2) if level2 else (None, None)
    if guess1 is None:
        guess1, guess2 = classify_indicator(row.get("indicator"))
    return level1 or guess1, level2 or guess2, True


