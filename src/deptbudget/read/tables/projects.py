"""项目支出表 (key ``projects``): one row per project, names printed vertically.

The project name stands before the row's first code, one to three characters a line, so
the first row also carries the header's words; they are removed by the header's
vocabulary, and a name that still looks cut is matched later against the names the
performance table prints (see :mod:`deptbudget.read.infer`).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ...core.model import Place
from ...core.money import money_in_yuan
from ..layout import TableBlock
from .codes import first_of, split_codes
from .parsed import ParsedTable
from .rows import assemble_rows

# Column labels of the header, longest first so that a label is never cut by a shorter one.
_HEADER_WORDS = sorted(
    [
        "项目名称", "项目", "名称", "单位名称", "单位", "支出功能分类科目", "支出功能分类", "支出功能",
        "功能分类科目", "功能分类", "分类科目", "科目", "政府支出经济分类科目", "政府支出经济分类", "政府支出",
        "部门支出经济分类科目", "部门支出经济分类", "部门支出", "经济分类科目", "经济分类", "合计", "小计", "总计",
        "本年拨款", "本年财政拨款", "财政拨款结转结余", "财政拨款结转", "上年结转", "结转结余", "财政拨款",
        "一般公共预算", "政府性基金预算", "国有资本经营预算", "财政专户管理资金", "事业收入", "其他资金",
        "其他收入", "其中", "金额", "预算数", "项目类别", "项目类型",
    ],
    key=len,
    reverse=True,
)
_HEADER_RE = re.compile("^(?:" + "|".join(map(re.escape, _HEADER_WORDS)) + ")+")
_HEADER_FULL = re.compile("(?:" + "|".join(map(re.escape, _HEADER_WORDS)) + ")+")
# The header always ends with a money column's label; a name that starts with a header
# word (项目…, 政府…) does not end the header there.
_MONEY_LABEL = re.compile(r"(?:预算|合计|小计|总计|资金|收入|结余|结转|拨款|金额|预算数)$")
# A repeated page header is long; a name's first lines that happen to be header words
# (合计…) are not.
_REPEATED_HEADER_LINES = 4
_TOTAL_RE = re.compile(r"^(?:合计|总计)$")
# The function code of a row, printed ``2010302-…``: a number inside a name (300户,
# 2025年) has no dash after it.
_FUNCTION_CELL = re.compile(r"(?<![0-9A-Za-z])2\d{2}(?:\d{2}){0,2}-")


def strip_header_words(text: str) -> str:
    """Remove leading header labels from the text before the first project's name."""
    return _HEADER_RE.sub("", text)


def header_end(fragments: list[str], min_lines: int = 1) -> int:
    """How many of a row's first text lines are the table's header.

    The header is cut at a line boundary after which everything before is header
    labels ending with a money column's label; the last such boundary wins.
    """
    end, joined = 0, ""
    for k, fragment in enumerate(fragments, start=1):
        if re.search(r"\d", fragment):
            break  # codes (and names with digits) are never header
        joined += re.sub(r"\s+", "", fragment)
        # A label may wrap over lines (政府支/出经济…): only whole boundaries count.
        if _MONEY_LABEL.search(joined) and _HEADER_FULL.fullmatch(joined):
            end = k
    return end if end >= min_lines else 0


def _name_and_codes(text: str) -> tuple[str, list[tuple[str, str, str]]]:
    cell = _FUNCTION_CELL.search(text)
    if cell is None:
        return split_codes(text)
    _, codes = split_codes(text[cell.start():])
    return text[: cell.start()], codes


def parse_projects(block: TableBlock) -> ParsedTable:
    """Parse 项目支出表 into project rows (name, codes, total)."""
    unit = block.unit or "万元"
    table = ParsedTable(key="projects", records=[])
    # A bare integer alone on a line is a vertical name's digits (12345热线), not amounts.
    _, rows, leftover = assemble_rows(block.body, lone_integer_is_text=True)
    for n, row in enumerate(rows):
        for token in row.damaged:
            table.warn(f"damaged amount {token!r}: read as missing", row.page, row.end_line,
                       code="damaged_amount")
        amounts = [money_in_yuan(a, unit) for a in row.amounts]
        cut = header_end(row.fragments, 1 if n == 0 else _REPEATED_HEADER_LINES)
        text = "".join(re.sub(r"\s+", "", f) for f in row.fragments[cut:])
        # The 合计 row, or a table printed empty (the header's own 合计 label, zeros).
        if _TOTAL_RE.match(text) or (not text and all((a or 0) == 0 for a in amounts)):
            first = amounts[0] if amounts else None
            table.printed_totals = {"total_yuan": first} if first is not None else {}
            table.totals_place = Place(row.lines[-1].page, row.end_line)
            continue
        prefix, codes = _name_and_codes(text)
        name = strip_header_words(prefix) if n == 0 and not cut else prefix
        if not codes and not name:
            table.warn("row with amounts but no project name or code", row.page, row.line,
                       code="unparsed_row")
            continue
        record: dict[str, Any] = {"project_name": name or None}
        for scheme in ("function", "gov_econ", "dept_econ"):
            code, code_name = first_of(codes, scheme)
            record[f"{scheme}_code"] = code
            record[f"{scheme}_name"] = code_name
        record["total_yuan"] = amounts[0] if amounts else None
        parts = [a for a in amounts[1:] if a is not None]
        if record["total_yuan"] is not None and parts and sum(parts, Decimal(0)) != record["total_yuan"]:
            table.warn(
                f"project {name!r}: the funding columns add up to {sum(parts, Decimal(0))} 元, "
                f"the total is {record['total_yuan']} 元",
                row.page, row.end_line, code="row_parts",
            )
        record.update(page=row.page, line=row.line, end_line=row.end_line)
        table.records.append(record)
    for line in leftover:
        table.warn(f"text after the last row: {line.text[:60]!r}", line.page, line.number,
                   code="unparsed_row")
    return table
