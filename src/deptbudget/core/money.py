"""Exact money: parsing printed amounts and converting between 元, 万元 and 亿元.

Amounts are :class:`decimal.Decimal` in 元 throughout the package; no float ever
decides a comparison. A fen (分) is 0.01 元.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

FEN = Decimal("0.01")
UNIT_FACTORS: dict[str, Decimal] = {
    "元": Decimal(1),
    "千元": Decimal(1_000),
    "万元": Decimal(10_000),
    "亿元": Decimal(100_000_000),
}
#: One 万元 in 元: the unit most tables print and the briefing's charts draw in.
WAN = UNIT_FACTORS["万元"]

# A printed amount: optional sign, digits with optional thousands separators, optional decimals.
AMOUNT_PATTERN = r"[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_AMOUNT_RE = re.compile(rf"^{AMOUNT_PATTERN}$")


def parse_amount(text: str) -> Decimal:
    """Parse one printed amount exactly.

    Parameters
    ----------
    text : str
        The amount as printed, e.g. ``"123.456789"`` or ``"1,234,567.89"``. Full-width
        digits must already be folded to ASCII (see :func:`deptbudget.read.sources.text.normalize`).

    Returns
    -------
    Decimal
        The value, unchanged in unit.

    Raises
    ------
    ValueError
        If ``text`` is not a well-formed amount (``"1,2,3"``, ``"--"``, ``""``).
    """
    cleaned = text.strip()
    if not _AMOUNT_RE.match(cleaned):
        raise ValueError(f"not an amount: {text!r}")
    try:
        return Decimal(cleaned.replace(",", "").replace("−", "-"))
    except InvalidOperation as exc:  # pragma: no cover - the regex already guards
        raise ValueError(f"not an amount: {text!r}") from exc


def is_amount(text: str) -> bool:
    """Return True if ``text`` is one well-formed printed amount."""
    return bool(_AMOUNT_RE.match(text.strip()))


def to_yuan(value: Decimal, unit: str) -> Decimal:
    """Convert ``value`` printed in ``unit`` (元, 千元, 万元 or 亿元) to 元, exactly.

    Raises
    ------
    KeyError
        If the unit is not one of 元, 万元, 亿元.
    """
    return value * UNIT_FACTORS[unit]


def money_in_yuan(value: Decimal | None, unit: str) -> Decimal | None:
    """Convert a printed amount to 元, kept to the fen when it is a whole number of fen.

    ``123.456789`` 万元 becomes ``Decimal("1234567.89")``; None stays None.
    """
    if value is None:
        return None
    yuan = to_yuan(value, unit)
    return yuan.quantize(FEN) if is_whole_fen(yuan) else yuan


def from_yuan(value: Decimal, unit: str) -> Decimal:
    """Convert an amount in 元 to ``unit``, exactly (Decimal division by a power of ten)."""
    return value / UNIT_FACTORS[unit]


def is_whole_fen(value: Decimal) -> bool:
    """Return True if ``value`` (in 元) is a whole number of fen."""
    return value == value.quantize(FEN)


def to_fen(value: Decimal) -> int:
    """Return ``value`` (in 元) as an integer number of fen.

    Raises
    ------
    ValueError
        If the amount is not a whole number of fen.
    """
    fen = value * 100
    if fen != fen.to_integral_value():
        raise ValueError(f"{value} 元 is not a whole number of fen")
    return int(fen)


def format_yuan(value: Decimal | None) -> str:
    """Format an amount in 元 with two decimals, for CSV and JSON (``12345.67``).

    Amounts finer than a fen are written with all their digits rather than rounded,
    so that nothing is lost on the way out.
    """
    if value is None:
        return ""
    if is_whole_fen(value):
        return f"{value.quantize(FEN):f}"
    return f"{value.normalize():f}"


def format_yuan_display(value: Decimal | None) -> str:
    """Format an amount in 元 for people: thousands separators, two decimals."""
    if value is None:
        return "—"
    return f"{value.quantize(FEN):,.2f}"


def wan_float(value: Decimal | None) -> float:
    """An amount in 元 as 万元 in a float, for drawing only (NaN for a blank).

    Charts need floats; nothing that compares or sums money may use this.
    """
    return float(value / WAN) if value is not None else float("nan")
