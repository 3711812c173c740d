"""Looking for what explains a difference between a total and its rows.

Three causes account for most differences in real disclosures: a row that a sibling
table has and this one lacks, a row counted twice, and a unit slip of 10,000 (an amount
typed in 元 into a table in 万元, or the reverse).
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from ..core.labels import TABLE_LABELS
from ..core.model import Disclosure
from ..core.money import WAN, format_yuan_display

ZERO = Decimal(0)


def _row_label(row: pd.Series) -> str:
    parts = []
    for code, name in (
        ("function_code", "function_name"),
        ("dept_econ_code", "dept_econ_name"),
        ("project_name", None),
        ("item", None),
    ):
        if code in row and isinstance(row[code], str) and row[code]:
            label = row[code]
            if name and isinstance(row.get(name), str):
                label += f" {row[name]}"
            parts.append(label)
    return " / ".join(parts) or "一行"


def explain_difference(
    d: Disclosure, table: str, column: str, missing: Decimal
) -> str | None:
    """Explain why ``table``'s ``column`` rows fall short of its total by ``missing`` 元.

    Parameters
    ----------
    d : Disclosure
        The disclosure.
    table, column : str
        Where the difference is.
    missing : Decimal
        Printed total minus the sum of rows (positive: rows are short).

    Returns
    -------
    str or None
        A sentence naming the probable cause, or None when nothing fits.
    """
    if missing == 0:
        return None
    frame = d.tables.get(table)
    if frame is None:
        return None
    if missing < 0:
        twice = _counted_twice(frame, column, -missing)
        if twice:
            return twice
    slip = _unit_slip(frame, column, missing)
    if slip:
        return slip
    if missing > 0:
        return _sibling_row(d, table, missing)
    return None


def _counted_twice(frame: pd.DataFrame, column: str, extra: Decimal) -> str | None:
    if column not in frame.columns:
        return None
    content = [c for c in frame.columns if c not in ("page", "line", "end_line")]
    duplicated = frame[frame.duplicated(subset=content, keep=False)]
    for _, row in duplicated.iterrows():
        if row[column] == extra:
            lines = duplicated[(duplicated[content] == row[content]).all(axis=1)]["line"].tolist()
            return (
                f"{_row_label(row)}（{format_yuan_display(extra)} 元）在第"
                f"{'、'.join(map(str, lines))}行重复列示，被计算了两次。"
            )
    return None


def _unit_slip(frame: pd.DataFrame, column: str, missing: Decimal) -> str | None:
    if column not in frame.columns:
        return None
    for _, row in frame.iterrows():
        value = row[column]
        if not isinstance(value, Decimal) or value == 0:
            continue
        # A row printed in 元 inside a 万元 table is 10,000 times too large, and the reverse.
        if value - value / WAN == -missing or value * WAN - value == missing:
            return (
                f"第{row['line']}行 {_row_label(row)} 的金额疑似单位错误（元与万元相差一万倍）。"
            )
    return None


def _sibling_row(d: Disclosure, table: str, missing: Decimal) -> str | None:
    for other, frame in d.tables.items():
        if other == table:
            continue
        for column in [c for c in frame.columns if c.endswith("_yuan")]:
            hits = frame[frame[column].map(lambda v: isinstance(v, Decimal) and v == missing)]
            for _, row in hits.iterrows():
                return (
                    f"{TABLE_LABELS.get(other, other)}第{row['line']}行（{_row_label(row)}，"
                    f"{format_yuan_display(missing)} 元）在{TABLE_LABELS.get(table, table)}中没有对应行，"
                    "合计数包含了它而明细行漏列。"
                )
    return None
