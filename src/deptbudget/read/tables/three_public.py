"""“三公”经费支出情况表 (key ``three_public``): 出国（境）, 接待, 公务用车 with its two parts."""

from __future__ import annotations

import re
from typing import Any

from ...core.model import Place
from ...core.money import money_in_yuan
from ..layout import TableBlock
from .parsed import ParsedTable
from .rows import assemble_rows

_NUMBERING = re.compile(r"^(?:\d+[.、．]|[（(]\d+[)）]|[一二三四五六七八九十]+、)")
_SUB = re.compile(r"^其中[；;：:，,]?")
_TOTAL = re.compile(r"^(?:总计|合计|“?三公”?经费(?:合计|总计)?)$")
_YEAR = re.compile(r"(20\d{2})\s*年?")
# Header lines: column labels, or the years of the columns alone ("2025年 2024年"); a
# table in 元 may print whole amounts without decimals, so integers elsewhere are amounts.
_HEADER_LINE = re.compile(r"预算数|决算数|执行数|^项\s*目|^(?:(?:19|20)\d{2}\s*年?\s*)+$")


def item_key(item: str) -> str:
    """Return a stable key for a 三公 item: outbound, reception, vehicles, vehicle_purchase,
    vehicle_running or other."""
    if "出国" in item or "出境" in item:
        return "outbound"
    if "接待" in item:
        return "reception"
    if "购置" in item and "运行" not in item:
        return "vehicle_purchase"
    if "运行" in item and "购置" not in item:
        return "vehicle_running"
    if "车" in item:
        return "vehicles"
    return "other"


def parse_three_public(block: TableBlock) -> ParsedTable:
    """Parse the 三公 table into (item, budget, prior year) rows with a stable ``item_key``."""
    unit = block.unit or "万元"
    table = ParsedTable(key="three_public", records=[])
    header, rows, leftover = assemble_rows(
        block.body, starts_row=lambda line: not _HEADER_LINE.search(line.text)
    )
    years = [int(y) for y in _YEAR.findall(" ".join(line.text for line in header))]
    if rows:
        first_years = [int(y) for y in _YEAR.findall(rows[0].spaced_text)]
        years = years or first_years
    # Most tables print the budget year first; some print the prior year first. The years
    # are kept in the frame's column order: budget, then prior year.
    prior_first = len(years) >= 2 and years[0] < years[1]
    table.extra["years"] = [years[1], years[0], *years[2:]] if prior_first else years
    for row in rows:
        for token in row.damaged:
            table.warn(f"damaged amount {token!r}: read as missing", row.page, row.end_line,
                       code="damaged_amount")
        text = row.text
        amounts = [money_in_yuan(a, unit) for a in row.amounts]
        budget = amounts[0] if amounts else None
        prior = amounts[1] if len(amounts) > 1 else None
        if prior_first and len(amounts) > 1:
            budget, prior = prior, budget
        if _TOTAL.match(text):
            table.printed_totals = {"budget_yuan": budget, "prior_year_yuan": prior}
            table.printed_totals = {k: v for k, v in table.printed_totals.items() if v is not None}
            table.totals_place = Place(row.lines[-1].page, row.end_line)
            continue
        sub = bool(_SUB.match(text))
        item = _SUB.sub("", _NUMBERING.sub("", text))
        key = item_key(item)
        record: dict[str, Any] = {
            "item": item,
            "budget_yuan": budget,
            "prior_year_yuan": prior,
            "item_key": key,
            "level": 2 if sub or key in ("vehicle_purchase", "vehicle_running") else 1,
            "page": row.page,
            "line": row.line,
            "end_line": row.end_line,
        }
        if len(amounts) == 1:
            table.warn(f"{item!r} prints one amount; the prior year is missing",
                       row.page, row.end_line, code="column_count")
        table.records.append(record)
    for line in leftover:
        table.warn(f"text after the last row: {line.text[:60]!r}", line.page, line.number,
                   code="unparsed_row")
    return table
