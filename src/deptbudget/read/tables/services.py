"""政府购买服务预算表 (key ``purchased_services``): catalogue code, item, function, amount."""

from __future__ import annotations

import re
from typing import Any

from ...core.model import Place
from ...core.money import money_in_yuan
from ..layout import TableBlock
from ..sources.text import Line
from .codes import CODE_RE
from .parsed import ParsedTable
from .rows import assemble_rows, drop_repeated_header

_CATALOG = re.compile(r"^([A-Z]{1,2}\d{2,8})(?![\d])")
_TOTAL = re.compile(r"^(?:合计|总计)$")
_AMOUNT_LABEL = re.compile(r"(?:预算批复数|预算数|预算金额|金额)\s*$")


def _starts(line: Line) -> bool:
    return bool(_CATALOG.match(line.text)) or bool(re.match(r"^(?:合\s*计|总\s*计)\s", line.text))


def _header_end(lines: list[Line]) -> int:
    """Index after the header's last line (the amount label), or 0 if it is not found."""
    for i, line in enumerate(lines):
        if assemble_rows([line])[1]:
            return 0  # amounts before any amount label: no recognisable header
        if _AMOUNT_LABEL.search(line.text):
            return i + 1
    return 0


def parse_services(block: TableBlock) -> ParsedTable:
    """Parse 政府购买服务 rows; the function code is the last code in the row."""
    unit = block.unit or "万元"
    table = ParsedTable(key="purchased_services", records=[])
    has_catalog = any(_CATALOG.match(line.text) for line in block.body)
    body = list(block.body)
    # The header ends with the amount column's label; rows with and without catalogue
    # codes may follow in any order.
    end = _header_end(body)
    if end:
        _header, rows, leftover = assemble_rows(drop_repeated_header(body[end:], body[:end]))
        has_catalog = False  # the header is gone: nothing left to split off the first row
    else:
        _header, rows, leftover = assemble_rows(body, starts_row=_starts if has_catalog else None)
    for n, row in enumerate(rows):
        for token in row.damaged:
            table.warn(f"damaged amount {token!r}: read as missing", row.page, row.end_line,
                       code="damaged_amount")
        amounts = [money_in_yuan(a, unit) for a in row.amounts]
        text = row.text
        if _TOTAL.match(text):
            if amounts and amounts[0] is not None:
                table.printed_totals = {"amount_yuan": amounts[0]}
                table.totals_place = Place(row.lines[-1].page, row.end_line)
            continue
        if not has_catalog and n == 0:
            # Without catalogue codes nothing marks where the header ends but its last label.
            text = re.split(r"预算批复数|预算数|金额", text)[-1]
        if not text and all((a or 0) == 0 for a in amounts):
            continue  # a table printed empty
        catalog = _CATALOG.match(text)
        function_matches = [m for m in CODE_RE.finditer(text) if m.group(1).startswith("2")]
        function = function_matches[-1] if function_matches else None
        start = catalog.end() if catalog else 0
        item = text[start : function.start()] if function else text[start:]
        record: dict[str, Any] = {
            "catalog_code": catalog.group(1) if catalog else None,
            "item": item.strip("-— ") or None,
            "function_code": function.group(1) if function else None,
            "function_name": text[function.end():] or None if function else None,
            "amount_yuan": amounts[0] if amounts else None,
            "page": row.page,
            "line": row.line,
            "end_line": row.end_line,
        }
        if function is None:
            table.warn(f"service {item[:30]!r} has no function code", row.page, row.line,
                       code="unparsed_row")
        table.records.append(record)
    for line in leftover:
        table.warn(f"text after the last row: {line.text[:60]!r}", line.page, line.number,
                   code="unparsed_row")
    return table
