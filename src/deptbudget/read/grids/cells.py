"""Reading one cell of a ruled table: an amount, a classification code, a label."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from ...core.money import is_amount, money_in_yuan, parse_amount
from .table import BodyRow, compact

if TYPE_CHECKING:
    from ..tables.parsed import ParsedTable

#: A cell printing a code, alone or joined to its name: ``2010301``, ``30101-基本工资``.
CODE_CELL = re.compile(r"^(\d{2,8})(?:\s*[-－—–]\s*(.*))?$")
_DASH = re.compile(r"^[-—–−]{1,3}$")


class DamagedAmount(ValueError):
    """A cell in an amount column that holds neither an amount nor a blank."""


def amount_in_yuan(text: str, unit: str) -> Decimal | None:
    """The amount a cell prints, in 元; None for a blank cell.

    Parameters
    ----------
    text : str
        The cell (``82,096,797.42``, ``32,365.090089``, ``0``, ``""``, ``-``).
    unit : str
        The table's unit (元, 万元 …).

    Raises
    ------
    DamagedAmount
        For a cell that is not an amount (a misprint, a word in an amount column).
    """
    cell = compact(text).replace("，", ",")
    if not cell:
        return None
    if _DASH.match(cell):
        return money_in_yuan(Decimal(0), unit)
    if not is_amount(cell):
        raise DamagedAmount(text)
    return money_in_yuan(parse_amount(cell), unit)


def code_and_name(text: str) -> tuple[str | None, str | None]:
    """Split a code cell: ``2010801-行政运行`` → (``2010801``, ``行政运行``); a name alone → (None, name)."""
    cell = compact(text)
    if not cell:
        return None, None
    found = CODE_CELL.match(cell)
    if found:
        return found.group(1), (found.group(2) or None)
    return None, cell


def joined_code(parts: list[str]) -> str | None:
    """Join split code cells (类 ``201``, 款 ``03``, 项 ``01``) into ``2010301``.

    Returns None when the first part is not a code; stops at the first blank part.
    """
    out = ""
    for part in parts:
        cell = compact(part)
        if not cell:
            break
        if not cell.isdigit():
            return out or None
        out += cell
    return out or None


def cell_amount(row: BodyRow, k: int, unit: str, parsed: ParsedTable) -> Decimal | None:
    """The amount in column ``k`` of ``row``, in 元; a damaged one is a warning on ``parsed``
    and read as missing (None), as is a blank cell."""
    try:
        return amount_in_yuan(row.cells[k], unit)
    except DamagedAmount:
        parsed.warn(f"damaged amount {row.cells[k]!r}: read as missing", row.page, row.line, code="damaged_amount")
        return None
