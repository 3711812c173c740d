"""Whether a table was read surely enough to hold the document to it.

A ``fail`` is a claim about a government's accounts: it must be a disagreement printed in the
document, never our misreading. So a check that rests on a table whose reading is unsure — its
rows not read, its unit not printed, a row that could not be placed, an amount that could not
be parsed, a column the evidence did not settle — is not performed: it is ``skipped`` with the
reason, and the transparency score counts it as not checked.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from ..core.labels import TABLE_LABELS
from ..core.model import Disclosure

#: Reading warnings that make a table's figures unsure (by the warning's code).
UNSURE_WARNINGS: dict[str, str] = {
    "unparsed_row": "有未能读取的行",
    "damaged_amount": "有无法识别的金额",
    "ambiguous_column": "有金额所属栏目无法确定",
    "columns_not_matched": "表头栏目无法识别",
    "unreadable_table": "未能读取",
    "table_not_read": "未读取",
    "column_count": "有行的金额个数与栏目不符",
}


def unsure_reasons(d: Disclosure) -> dict[str, str]:
    """Each table whose reading is unsure, and why (in Chinese, for a finding's message).

    Parameters
    ----------
    d : Disclosure
        A reading.

    Returns
    -------
    dict of str to str
        Table key → reason; tables read surely are absent.
    """
    reasons: dict[str, list[str]] = {}
    for key, info in d.table_info.items():
        label = TABLE_LABELS.get(key, key)
        if info.extra.get("unread"):
            reasons.setdefault(key, []).append(f"{label}的行未能读取")
        if info.extra.get("unit_stated") is False:
            reasons.setdefault(key, []).append(f"{label}没有印出金额单位")
        if info.extra.get("unplaced_rows"):
            reasons.setdefault(key, []).append(f"{label}有{len(info.extra['unplaced_rows'])}行未能归入栏目")
    for warning in d.warnings:
        why = UNSURE_WARNINGS.get(warning.code)
        if why and warning.table in d.table_info:
            label = TABLE_LABELS.get(warning.table, warning.table)
            where = f"（第{warning.page}页第{warning.line}行）" if warning.page and warning.line else ""
            text = f"{label}{why}{where}"
            if text not in reasons.get(warning.table, []):
                reasons.setdefault(warning.table, []).append(text)
    return {key: "；".join(parts) for key, parts in reasons.items()}


def applicable(d: Disclosure, *keys: str) -> bool:
    """True when the layout's standard form has every table ``keys`` (or the document prints
    it anyway): a check between tables a layout never prints does not apply to it."""
    return all(k in d.expected_tables or k in d.table_info for k in keys)


def has_values(frame: pd.DataFrame | None, column: str) -> bool:
    """True when ``frame`` has ``column`` with at least one amount (a column the table prints)."""
    return frame is not None and column in frame.columns and any(isinstance(v, Decimal) for v in frame[column])
