"""收入总表 (key ``income``): income by source; labels in the header, amounts below."""

from __future__ import annotations

import re
from typing import Any

from ...core.model import Place
from ...core.money import money_in_yuan
from ..layout import TableBlock
from .parsed import ParsedTable
from .rows import assemble_rows, split_amounts

# Sources as printed in column headers; longest first so that 事业单位经营收入 wins over 经营收入.
_SOURCES = sorted(
    [
        "合计", "小计", "总计", "一般公共预算拨款收入", "一般公共预算拨款", "一般公共预算",
        "政府性基金预算拨款收入", "政府性基金预算拨款", "政府性基金预算", "国有资本经营预算拨款收入",
        "国有资本经营预算拨款", "国有资本经营预算", "财政专户管理资金收入", "财政专户管理资金",
        "财政拨款收入", "财政拨款", "上级补助收入", "事业收入", "事业单位经营收入", "经营收入",
        "附属单位上缴收入", "其他收入", "用事业基金弥补收支差额", "上年结转结余", "上年结转",
        "本年收入",
    ],
    key=len,
    reverse=True,
)
_SOURCE_RE = re.compile("|".join(map(re.escape, _SOURCES)))
# Group headings that span several columns and print no amount of their own.
_GROUPS = ("财政拨款收入", "财政拨款", "本年收入")
_TOTAL_LABELS = {"合计": "total_yuan", "总计": "total_yuan", "小计": "subtotal_yuan"}


def header_labels(header_text: str) -> list[str]:
    """Return the source labels in the order the header prints them."""
    return [m.group(0) for m in _SOURCE_RE.finditer(header_text)]


def parse_income(block: TableBlock) -> ParsedTable:
    """Parse 收入总表 into (source, amount) rows; 合计 and 小计 become printed totals."""
    unit = block.unit or "万元"
    table = ParsedTable(key="income", records=[])
    _header, rows, leftover = assemble_rows(block.body)
    if not rows:
        table.warn("no amounts found", block.title_line.page, block.title_line.number,
                   code="empty_table")
        return table
    # The header is all text before the first amounts (the first row's fragments), less
    # the first row's own label (合计, the department's name) printed beside its amounts.
    first = rows[0]
    own_label = split_amounts(first.lines[-1].text)[0]
    header_fragments = first.fragments[:-1] if own_label and len(first.fragments) > 1 else (
        first.fragments)
    labels = header_labels("".join(re.sub(r"\s+", "", f) for f in header_fragments))
    for row in rows:
        for token in row.damaged:
            table.warn(f"damaged amount {token!r}: read as missing", row.page, row.end_line,
                       code="damaged_amount")
        amounts = [money_in_yuan(a, unit) for a in row.amounts]
        row_labels = labels
        if len(row_labels) != len(amounts):
            row_labels = [x for x in labels if x not in _GROUPS]
        if len(row_labels) != len(amounts):
            table.warn(
                f"{len(labels)} column labels but {len(amounts)} amounts; the surplus is unplaced",
                row.page, row.end_line, code="column_count",
            )
        unit_name = None if row is rows[0] else (row.text or None)
        if unit_name and unit_name in {"合计", "总计"}:
            unit_name = None
        for label, amount in zip(row_labels, amounts, strict=False):
            if label in _TOTAL_LABELS:
                if amount is not None and unit_name is None:
                    table.printed_totals[_TOTAL_LABELS[label]] = amount
                    table.totals_place = Place(row.lines[-1].page, row.end_line)
                continue
            record: dict[str, Any] = {
                "source": label,
                "amount_yuan": amount,
                "unit_name": unit_name,
                "page": row.lines[-1].page,
                "line": row.end_line,
                "end_line": row.end_line,
            }
            table.records.append(record)
    for line in leftover:
        table.warn(f"text after the amounts: {line.text[:60]!r}", line.page, line.number,
                   code="unparsed_row")
    return table
