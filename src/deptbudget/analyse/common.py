"""Helpers and column lists shared by the analysis modules: exact sums, shares, frames.

Nothing here compares or decides with a float; floats (``*_wan``, ``share``) are for drawing.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from ..core.model import Disclosure, Fact
from ..core.money import FEN

ZERO = Decimal(0)
HUNDRED = Decimal(100)
PERCENT_PLACES = Decimal("0.01")

FUNCTION_DIGITS = {"类": 3, "款": 5, "项": 7}
ECON_DIGITS = {"类": 3, "款": 5}
_LEVEL_ALIASES = {"lei": "类", "kuan": "款", "xiang": "项", "类": "类", "款": "款", "项": "项"}

BREAKDOWN_COLUMNS = ["code", "name", "level", "total_yuan", "basic_yuan", "project_yuan", "share", "total_wan"]
TREE_COLUMNS = ["level", "depth", "code", "name", "parent_code", "parent_name", "total_yuan", "basic_yuan",
                "project_yuan", "share", "total_wan"]
PART_COLUMNS = ["kind", "label", "amount_yuan", "rows_yuan", "share", "amount_wan", "source"]
THREE_PUBLIC_COLUMNS = ["item_key", "item", "level", "budget_yuan", "prior_year_yuan", "change_yuan",
                        "change_pct", "budget_wan", "prior_year_wan", "source", "page", "line"]
PROJECT_COLUMNS = ["project_name", "project_code", "project_type", "function_code", "function_name",
                   "function_codes", "amount_yuan", "share", "amount_wan", "n_indicators", "n_quantitative",
                   "performance_match", "page", "line"]
SERVICE_COLUMNS = ["catalog_code", "category", "service", "item", "function_code", "function_name",
                   "amount_yuan", "share", "amount_wan", "page", "line"]
PER_HEAD_COLUMNS = ["measure", "label", "amount_yuan", "authorized", "actual", "per_authorized_yuan",
                    "per_actual_yuan", "source"]
YOY_COLUMNS = ["key", "label", "current_year", "prior_year", "current_yuan", "prior_yuan", "change_yuan",
               "change_pct", "stated_change_yuan", "stated_pct", "change_wan", "page", "line"]
HEADLINE_COLUMNS = ["key", "label", "amount_yuan", "count", "unit", "share", "source", "page", "line"]

THREE_PUBLIC_ITEMS = {
    "outbound": ("因公出国（境）费", 1),
    "reception": ("公务接待费", 1),
    "vehicles": ("公务用车购置及运行维护费", 1),
    "vehicle_purchase": ("公务用车购置费", 2),
    "vehicle_running": ("公务用车运行维护费", 2),
}
SOURCE_PRINTED = "合计行"
SOURCE_ROWS = "各行之和"
SOURCE_NARRATIVE = "情况说明"

# --------------------------------------------------------------------------- small helpers


def as_decimal(value: Any) -> Decimal | None:
    return value if isinstance(value, Decimal) else None


def fen_places(value: Decimal | None) -> Decimal | None:
    """Two places when the amount is a whole number of fen (``0`` → ``0.00``); finer digits are kept."""
    if value is None:
        return None
    return value.quantize(FEN) if value == value.quantize(FEN) else value


def sum_decimals(values: Iterable[Any]) -> Decimal:
    """Sum of the Decimal values; blanks (None, NaN) are not amounts and are skipped."""
    return sum((v for v in values if isinstance(v, Decimal)), ZERO)


def text_of(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    return text or None


def code_of(value: Any) -> str | None:
    """A classification code as text, or None when the cell holds no plain code."""
    text = text_of(value)
    return text if text is not None and text.isdigit() else None


def shares_of(amounts: list[Decimal | None]) -> list[float]:
    """Each amount's share of their sum, as floats for charting (NaN when the sum is 0)."""
    total = sum_decimals(amounts)
    if total == 0:
        return [float("nan")] * len(amounts)
    return [float(a / total) if a is not None else float("nan") for a in amounts]


def percent_change(change: Decimal | None, prior: Decimal | None) -> Decimal | None:
    """Change over the prior amount in percent, 2 places, half up; None when prior is 0 or unknown."""
    if change is None or prior is None or prior == 0:
        return None
    return (change / prior * HUNDRED).quantize(PERCENT_PLACES, rounding=ROUND_HALF_UP)


def records_of(d: Disclosure, key: str) -> list[dict[str, Any]]:
    frame = d.tables.get(key)
    if frame is None or frame.empty:
        return []
    return frame.to_dict("records")


def make_frame(records: list[dict[str, Any]], columns: list[str], floats: Iterable[str] = ()) -> pd.DataFrame:
    frame = pd.DataFrame(records, columns=columns)
    for column in floats:
        frame[column] = frame[column].astype("float64")
    for column in ("page", "line"):
        if column in frame.columns:
            # Nullable integers: a figure without a place must not turn the others into floats.
            frame[column] = frame[column].astype("Int64")
    return frame


def canonical_level(level: str, allowed: dict[str, int]) -> str:
    canonical = _LEVEL_ALIASES.get(level)
    if canonical not in allowed:
        raise ValueError(f"level must be one of {list(allowed)}, not {level!r}")
    return canonical


def printed_total(d: Disclosure, key: str, column: str) -> Decimal | None:
    info = d.table_info.get(key)
    return as_decimal(info.printed_totals.get(column)) if info is not None else None


def budget_fact(d: Disclosure, key: str) -> Fact | None:
    """The narrative's figure for the budget year (any year if the year is unknown)."""
    for fact in d.facts:
        if fact.key == key and fact.amount_yuan is not None and (d.year is None or fact.year == d.year):
            return fact
    return None


def prior_fact(d: Disclosure, key: str, year: int | None) -> Fact | None:
    """The latest figure for ``key`` stated for a year before ``year``."""
    if year is None:
        return None
    earlier = [f for f in d.facts if f.key == key and f.year is not None and f.year < year
               and f.amount_yuan is not None]
    return max(earlier, key=lambda f: f.year or 0) if earlier else None


#: Tables of spending by function code, preferred first: all funds by function and economic
#: code, all funds by function, then the 一般公共预算 table alone (a layout with nothing wider).
FUNCTION_SPENDING_TABLES = ("expenditure", "expenditure_by_function", "general_budget")


def function_spending_rows(d: Disclosure) -> list[dict[str, Any]]:
    """The rows of the widest table of spending by function code the disclosure prints."""
    for key in FUNCTION_SPENDING_TABLES:
        rows = records_of(d, key)
        if rows:
            return rows
    return []
