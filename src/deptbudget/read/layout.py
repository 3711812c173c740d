"""Finding the narrative and the tables in a stream of lines.

Tables are recognised by their titles' keywords, never by their numbers, because the
numbering and the exact wording of titles vary between years and districts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .sources.text import Line

# Ordered: the first rule that matches a title wins, so more specific rules come first.
# Each rule is (key, words all required, words none allowed). Titles vary: 收支总表,
# 收支总体情况表, 收支预算总表; 收入总表, 收入预算表; 一般公共预算(财政拨款)支出(预算|情况)表 …,
# so the rules name what a table is about, not how a district words it.
_TITLE_RULES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("project_performance", ("项目", "绩效"), ()),
    ("overall_performance", ("整体", "绩效"), ()),
    ("three_public", ("三公",), ()),
    ("purchased_services", ("购买服务",), ()),
    ("transfer_payments", ("转移支付",), ()),
    ("fiscal_summary", ("财政拨款", "收支"), ()),
    ("summary", ("收支",), ("财政拨款",)),
    ("income", ("收入",), ("支出",)),
    ("general_budget_basic", ("一般公共预算", "基本支出"), ()),
    ("general_budget", ("一般公共预算", "支出"), ("三公", "基本")),
    ("gov_fund", ("政府性基金",), ()),
    ("state_capital", ("国有资本经营",), ()),
    ("projects", ("项目支出",), ("绩效",)),
    ("expenditure", ("支出",), ("财政拨款", "一般公共", "项目", "基本", "绩效")),
)

# "表 3", "表3：", "附表3", "表三": Chinese numerals only when a break follows, so that a
# sentence starting 表一般… is not a mark.
_TABLE_MARK = re.compile(
    r"^附?表\s*(\d{1,2}|[一二三四五六七八九十]{1,3}(?=$|[\s：:、.．\-－]|\d))\s*[：:、.．\-－]?\s*(.*)$"
)
_CN_DIGITS = {c: n for n, c in enumerate("一二三四五六七八九", start=1)}


def _mark_number(text: str) -> int:
    """The number of a table mark: ``3``, or a Chinese numeral (三, 十四)."""
    if text.isdigit():
        return int(text)
    tens, _, units = text.rpartition("十")
    if "十" not in text:
        return _CN_DIGITS[text]
    return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + _CN_DIGITS.get(units, 0)


_UNIT = re.compile(r"[（(]?(?:金额|货币)?单位\s*[：:]\s*(万元|元|亿元|千元)[)）]?")
_TITLE_END = re.compile(r"表\s*$")
# A heading of the narrative (一、… （二）… 1.…) is never a table's title.
# A note under a table (注：本单位无…); it is no row, and its words must not join one.
_NOTE = re.compile(r"^(?:注|备注|说明)\s*\d?\s*[：:]")
_NUMBER_TOKEN = re.compile(r"(?:^|\s)[-−]?\d[\d,]*(?:\.\d+)?(?=\s|$)")
_ENUMERATED = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．])")


@dataclass
class TableBlock:
    """The lines of one table, from its title to the line before the next table."""

    key: str | None
    number: int | None
    title: str
    unit: str | None
    title_line: Line
    body: list[Line]
    #: Notes printed with the table (注：…), taken out of the body.
    notes: list[Line] = field(default_factory=list)


@dataclass
class Layout:
    """The narrative lines and the table blocks of a disclosure, in source order."""

    narrative: list[Line]
    tables: list[TableBlock]


def classify_title(title: str) -> str | None:
    """Return the table key a title names, or None if no rule matches.

    Parameters
    ----------
    title : str
        A table title such as ``2024 年部门预算收支总表``.
    """
    compact = re.sub(r"\s+", "", title)
    for key, needles, forbidden in _TITLE_RULES:
        if all(n in compact for n in needles) and not any(f in compact for f in forbidden):
            return key
    return None


def _looks_like_title(text: str) -> bool:
    compact = re.sub(r"\s+", "", text)
    return len(compact) <= 40 and bool(_TITLE_END.search(compact)) and classify_title(compact) is not None


def _is_table_start(lines: Sequence[Line], i: int) -> bool:
    text = lines[i].text
    if _TABLE_MARK.match(text):
        return True
    if not _looks_like_title(text) or _ENUMERATED.match(text):
        return False
    # A bare title starts a table only if a unit line follows closely or it opens a page
    # (the performance tables print no unit line); otherwise it is the narrative naming a
    # table.
    if any(_UNIT.search(line.text) for line in lines[i + 1 : i + 4]):
        return True
    return i > 0 and lines[i].page != lines[i - 1].page


def split_layout(lines: Sequence[Line]) -> Layout:
    """Split lines into the narrative and table blocks.

    Parameters
    ----------
    lines : sequence of Line
        The whole disclosure.

    Returns
    -------
    Layout
        Narrative lines (everything before the first table, less a 第二部分 heading) and
        one :class:`TableBlock` per table found.
    """
    starts: list[int] = []
    for i in range(len(lines)):
        if not _is_table_start(lines, i):
            continue
        # A title printed under its "表 N" mark belongs to that mark's table.
        if (
            starts
            and _TABLE_MARK.match(lines[starts[-1]].text)
            and i - starts[-1] <= 3
            and not _TABLE_MARK.match(lines[i].text)
        ):
            continue
        starts.append(i)
    first = starts[0] if starts else len(lines)
    narrative = [
        line for line in lines[:first] if not re.match(r"^第二部分", line.text)
    ]
    blocks: list[TableBlock] = []
    for n, start in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else len(lines)
        blocks.append(_read_block(lines[start:stop]))
    return Layout(narrative=narrative, tables=blocks)


def _read_block(lines: Sequence[Line]) -> TableBlock:
    mark = _TABLE_MARK.match(lines[0].text)
    number = _mark_number(mark.group(1)) if mark else None
    rest = list(lines[1:]) if mark else list(lines)
    title_parts: list[str] = []
    unit: str | None = None
    if mark and mark.group(2).strip():
        # "表1 2025年部门收支总表 单位：万元": title and unit on the mark's line.
        same_line = _UNIT.search(mark.group(2))
        if same_line:
            unit = same_line.group(1)
        title = mark.group(2)[: same_line.start()] if same_line else mark.group(2)
        title_parts.append(title.strip())
    body_start = 0
    # The title is the text before the unit line (or the first title-looking line).
    for j, line in enumerate([] if unit else rest[:6]):
        unit_match = _UNIT.search(line.text)
        if unit_match:
            unit = unit_match.group(1)
            before = line.text[: unit_match.start()].strip()
            if before and not title_parts:
                title_parts.append(before)
            body_start = j + 1
            break
        if _looks_like_title(line.text) or (not title_parts and classify_title(line.text)):
            title_parts.append(line.text)
            body_start = j + 1
            if classify_title("".join(title_parts)):
                # Some tables (绩效目标表) print no unit line: the title ends the head.
                nxt = rest[j + 1] if j + 1 < len(rest) else None
                if nxt is None or not _UNIT.search(nxt.text):
                    break
    title = " ".join(title_parts).strip()
    unit_from_head = re.search(r"[（(](万元|元|亿元)[)）]", " ".join(x.text for x in rest[:12]))
    if unit is None and unit_from_head:
        unit = unit_from_head.group(1)
    body, notes = _split_notes(rest[body_start:])
    return TableBlock(
        key=classify_title(title) if title else None,
        number=number,
        title=title,
        unit=unit,
        title_line=lines[0],
        body=body,
        notes=notes,
    )


def _split_notes(body: list[Line]) -> tuple[list[Line], list[Line]]:
    """Take the notes out of a table's body.

    A note after the last row runs to the end of the block (it may wrap); a note
    between rows is its own line only.
    """
    rows: list[Line] = []
    notes: list[Line] = []
    for i, line in enumerate(body):
        if not _NOTE.match(line.text):
            rows.append(line)
            continue
        if not any(_NUMBER_TOKEN.search(later.text) for later in body[i + 1 :]):
            return rows, [*notes, *body[i:]]
        notes.append(line)
    return rows, notes
