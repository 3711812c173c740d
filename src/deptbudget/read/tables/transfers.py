"""上级转移支付细化明细表 (key ``transfer_payments``), read as printed.

Rows carry a unit code and name, three codes, a project name, an amount and the
document number of the grant, in that order. Extraction prints a wrapped row cell after
cell over several lines, and the document number comes after the amount, so a row is
everything from one unit code to the next (or to the 合计 row), read token by token.
Few departments print any row; what cannot be split into those cells is kept whole in
``project_name`` with a warning, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ...core.model import Place
from ...core.money import is_amount, money_in_yuan, parse_amount
from ..layout import TableBlock
from ..sources.text import Line
from .codes import scheme_of
from .parsed import ParsedTable

# A unit code: six digits or more, never the 3/5/7 digits of a classification code.
_UNIT_CODE = re.compile(r"^(?![235]\d{2}(?:\d{2}){0,2}(?!\d))\d{6,}$")
_CODE_TOKEN = re.compile(r"^([235]\d{2}(?:\d{2}){0,2})(?:[-—](\S*))?$")
# Amounts here print decimals; a document number's digits (〔2024〕345号) never do.
_DECIMAL = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$")
_TOTAL = re.compile(r"^(?:合\s*计|总\s*计)")


def _starts_row(line: Line) -> bool:
    first = line.text.split()[0] if line.text.split() else ""
    return bool(_UNIT_CODE.match(first))


def _groups(lines: Sequence[Line]) -> tuple[list[list[Line]], list[Line], list[Line]]:
    """Split the body into row groups, the 合计 lines and the lines before the first row."""
    rows: list[list[Line]] = []
    totals: list[Line] = []
    head: list[Line] = []
    for line in lines:
        if _TOTAL.match(line.text):
            totals.append(line)
            rows.append([])  # a 合计 line closes the row before it
        elif _starts_row(line):
            rows.append([line])
        elif rows and rows[-1]:
            rows[-1].append(line)
        else:
            head.append(line)
    return [r for r in rows if r], totals, head


def _read_row(table: ParsedTable, lines: list[Line], unit: str) -> dict[str, Any] | None:
    tokens = " ".join(line.text for line in lines).split()
    amount_at = max((i for i, t in enumerate(tokens) if _DECIMAL.match(t)), default=None)
    if amount_at is None:
        table.warn(f"transfer row without an amount: {' '.join(tokens)[:60]!r}",
                   lines[0].page, lines[0].number, code="unparsed_row")
        return None
    codes: dict[str, str] = {}
    first_code = last_code = None
    for i, token in enumerate(tokens[1:amount_at], start=1):
        match = _CODE_TOKEN.match(token)
        if match is None:
            if first_code is not None:
                break  # the codes stand together; a later number belongs to the name
            continue
        first_code = first_code or i
        last_code = i
        codes.setdefault(scheme_of(match.group(1)), match.group(1))
    if first_code is None or last_code is None:
        first_code = last_code = amount_at
        table.warn(f"transfer row without classification codes: {' '.join(tokens)[:60]!r}",
                   lines[0].page, lines[0].number, code="unparsed_row")
    amount = money_in_yuan(parse_amount(tokens[amount_at]), unit)
    return {
        "unit_code": tokens[0],
        "unit_name": "".join(tokens[1:first_code]) or None,
        "function_code": codes.get("function"),
        "dept_econ_code": codes.get("dept_econ"),
        "gov_econ_code": codes.get("gov_econ"),
        "project_name": "".join(tokens[last_code + 1 : amount_at]) or None,
        "amount_yuan": amount,
        "document_no": "".join(tokens[amount_at + 1 :]) or None,
        "page": lines[0].page,
        "line": lines[0].number,
        "end_line": lines[-1].number,
    }


def parse_transfers(block: TableBlock) -> ParsedTable:
    """Parse 上级转移支付 rows (empty in most disclosures)."""
    unit = block.unit or "万元"
    table = ParsedTable(key="transfer_payments", records=[])
    lines = list(block.body)
    groups, totals, head = _groups(lines)
    for line in totals:
        amounts = [t for t in line.text.split() if is_amount(t)]
        if amounts:
            value = money_in_yuan(parse_amount(amounts[0]), unit)
            if value is not None:
                table.printed_totals = {"amount_yuan": value}
                table.totals_place = Place(line.page, line.number)
    for group in groups:
        record = _read_row(table, group, unit)
        if record is not None:
            table.records.append(record)
    stray = [t for line in head for t in line.text.split() if _DECIMAL.match(t)]
    if not groups and any(parse_amount(t) != Decimal(0) for t in stray):
        table.warn("the table prints amounts but no row could be split into its cells",
                   lines[0].page if lines else None, lines[0].number if lines else None,
                   code="unparsed_row")
    return table
