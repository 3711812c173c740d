"""上级转移支付细化明细表 (key ``transfer_payments``), read as printed.

Rows carry a unit code and name, three codes, a project name, an amount and the
document number of the grant. Few departments print any row; what cannot be split into
those cells is kept whole in ``project_name`` with a warning, never dropped.
"""

from __future__ import annotations

import re
from typing import Any

from ..layout import TableBlock
from ..money import money_in_yuan, parse_amount
from .codes import CODE_RE
from .parsed import ParsedTable

_AMOUNT = re.compile(r"(?<![\d.])(\d+\.\d{2,6})(?![\d.])")
_UNIT = re.compile(r"^(\d{6,})\s*(\S+)")


def parse_transfers(block: TableBlock) -> ParsedTable:
    """Parse 上级转移支付 rows (empty in most disclosures)."""
    unit = block.unit or "万元"
    table = ParsedTable(key="transfer_payments", records=[])
    lines = list(block.body)
    text = " ".join(line.text for line in lines)
    if not _AMOUNT.search(text) or all(
        parse_amount(a) == 0 for a in _AMOUNT.findall(text)
    ):
        return table
    for line in lines:
        unit_match = _UNIT.match(line.text)
        amount_match = _AMOUNT.search(line.text)
        if not (unit_match and amount_match):
            continue
        codes = {m.group(1)[0]: m.group(1) for m in CODE_RE.finditer(line.text)}
        record: dict[str, Any] = {
            "unit_code": unit_match.group(1),
            "unit_name": unit_match.group(2),
            "function_code": codes.get("2"),
            "dept_econ_code": codes.get("3"),
            "gov_econ_code": codes.get("5"),
            "project_name": line.text[unit_match.end() : amount_match.start()].strip() or None,
            "amount_yuan": money_in_yuan(parse_amount(amount_match.group(1)), unit),
            "document_no": line.text[amount_match.end():].strip() or None,
            "page": line.page,
            "line": line.number,
            "end_line": line.number,
        }
        table.records.append(record)
    if not table.records:
        table.warn("the table prints amounts but no row could be split into its cells",
                   lines[0].page if lines else None, lines[0].number if lines else None,
                   code="unparsed_row")
    return table
