"""The grammar of a stated figure: what may follow a keyword.

A short gap that may hold a year or a count but no other keyword, the amount with its
unit, and then an optional comparison with the prior year (比2023年…减少…, 与上年持平).
These pieces are shared by the readers of statements, 决算 pairs and project lists.
"""

from __future__ import annotations

import re

from .keywords import KW_ANY

# A loose number: anything number-like, so that a damaged amount ("1,2,3", "--") is
# caught and reported instead of being skipped in silence.
NUM = r"(?:[-−]?\d[\d,.]*|[-−—–]{1,4})"
UNIT = r"(?:万元|亿元|元)"
_UP = "增加|增长|上升|提高|增"
_DOWN = "减少|下降|降低|压减|缩减|节约|减"
_DIRS = f"{_UP}|{_DOWN}"
# 不一致, 不相同: a difference said, not its absence.
_FLAT = "基本持平|持平|(?<!不)一致|(?<!不)相同|(?<!不)相等|无变化|没有变化|未发生变化"
# Words that end the gap after a keyword: a comparison or a breakdown starts there.
_STOP = f"其中|比|较|同比|{_DIRS}|{_FLAT}"
_YEAR_TOKEN = r"\d{4}年度?"
_GAP_CHAR = rf"(?!{KW_ANY}|{_STOP})[^。；;！!？?\d%\-−—–]"
_GAP_TOKEN = rf"(?:{_YEAR_TOKEN}|\d{{1,4}}(?:个|项)|{_GAP_CHAR})"
#: What may stand between a keyword and its amount (group ``gap``).
GAP = rf"(?P<gap>{_GAP_TOKEN}{{0,40}}?)"
# The change itself (增加3.60万元, 持平), then maybe its percentage (增长1.5%): the end of a
# comparison, whether the comparison is said after the keyword or before it.
_CHANGE = (
    rf"(?:(?P<dir>{_DIRS})(?:了|为)?(?P<chg>{NUM})(?:(?P<chg_unit>{UNIT})|(?P<chg_pct>%))"
    rf"|(?P<flat>{_FLAT}))"
    r"(?:[，,、（(]?(?:同比)?(?P<pdir>"
    rf"{_DIRS}|增幅|涨幅|降幅|减幅)(?:幅度|比例|率)?(?:为|了|达)?(?P<pct>{NUM})%)?"
)
_COMPARE = (
    r"[，,、（(]?(?P<cmp>同比|相比|比|较|与)"
    r"(?:(?P<pyear>\d{4})年度?|(?P<plast>上一?年度?|去年))?"
    rf"(?:(?!{_DIRS}|{_FLAT})[^。；;\d%\-−—–]){{0,20}}?"
    rf"(?:(?P<prev>{NUM})(?P<prev_unit>{UNIT}))?"
    rf"(?:(?!{_DIRS}|{_FLAT})[^。；;\d%\-−—–]){{0,6}}?"
    + _CHANGE
)
#: A comparison said before its keyword: 与上年相比，收入支出总计减少12.30万元，下降1.50%.
#: The phrase ends the text between the sentence's start and the keyword (group ``pyear``).
LEAD_COMPARE_RE = re.compile(r"(?:与|和|同|较|比)(?:(?P<pyear>\d{4})年度?|上一?年度?|去年)(?:相比|比较)?[，,]?$")
#: What follows the keyword then: the change itself, with the same groups as a comparison.
LEAD_CHANGE_RE = re.compile(
    r"(?P<gap>)(?P<cmp>)(?P<pyear>)(?P<plast>)(?P<prev>)(?P<prev_unit>)(?:各|均|分别)?" + _CHANGE
)
#: Keyword's gap, amount, then maybe a comparison.
WITH_AMOUNT_RE = re.compile(rf"{GAP}(?P<cur>{NUM})(?P<cur_unit>{UNIT})(?:{_COMPARE})?")
#: Keyword's gap and a comparison without the current amount (与上年持平).
CHANGE_ONLY_RE = re.compile(rf"{GAP}{_COMPARE}")
#: An actual's share of its budget printed after it: …决算为0.80万元，完成预算的66.67%.
RATE_RE = re.compile(rf"[，,]完成(?:年初)?预算的(?P<rate>{NUM})%")
#: A count that is the only figure of its sentence: 政府采购项目 0 个.
COUNT_ONLY_RE = re.compile(rf"(?:{_YEAR_TOKEN}|{_GAP_CHAR}){{0,40}}?(?P<count>\d{{1,4}})(?:个|项)")
COUNT_IN_RE = re.compile(r"(?<![\d.])(\d{1,4})(?:个|项)")
#: A direction word that makes a change negative.
DOWN_RE = re.compile(rf"^(?:{_DOWN}|降幅|减幅)")
YEAR_BEFORE_RE = re.compile(r"(\d{4})年度?[^\d，,。；;：:]{0,8}$")
YEAR_IN_GAP_RE = re.compile(r"(\d{4})年")
AS_OF_RE = re.compile(r"(?:截止|截至)(?:到)?(\d{4})年")
