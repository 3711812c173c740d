"""“三公”经费: each item this year and last, from the table or else the narrative.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..core.model import Disclosure
from ..core.money import wan_float
from .common import (
    SOURCE_NARRATIVE,
    SOURCE_PRINTED,
    SOURCE_ROWS,
    THREE_PUBLIC_COLUMNS,
    THREE_PUBLIC_ITEMS,
    as_decimal,
    budget_fact,
    make_frame,
    percent_change,
    printed_total,
    prior_fact,
    records_of,
    sum_decimals,
    text_of,
)

# --------------------------------------------------------------------------- 三公


def _three_public_from_facts(d: Disclosure) -> list[dict[str, Any]]:
    records = []
    for item_key, (item, level) in THREE_PUBLIC_ITEMS.items():
        current = budget_fact(d, f"three_public_{item_key}")
        if current is None:
            continue
        prior = prior_fact(d, f"three_public_{item_key}", current.year)
        records.append({"item_key": item_key, "item": item, "level": level,
                        "budget_yuan": current.amount_yuan,
                        "prior_year_yuan": prior.amount_yuan if prior else None,
                        "source": SOURCE_NARRATIVE, "page": current.page, "line": current.line})
    total = budget_fact(d, "three_public_total")
    if total is not None:
        prior = prior_fact(d, "three_public_total", total.year)
        records.append({"item_key": "total", "item": "合计", "level": 0, "budget_yuan": total.amount_yuan,
                        "prior_year_yuan": prior.amount_yuan if prior else None,
                        "source": SOURCE_NARRATIVE, "page": total.page, "line": total.line})
    return records


def three_public(d: Disclosure) -> pd.DataFrame:
    """“三公”经费 by item, this year against last year.

    Returns
    -------
    pandas.DataFrame
        One row per item of the “三公”经费 table (``item_key`` outbound, reception,
        vehicles, vehicle_purchase, vehicle_running; ``level`` 1, or 2 for the two parts
        of vehicles) and a last row ``item_key`` ``"total"`` (level 0: the printed 总计,
        else the sum of the level-1 items). ``budget_yuan``, ``prior_year_yuan``,
        ``change_yuan`` (Decimal 元), ``change_pct`` (Decimal, 2 places, None when the
        prior year is 0), ``budget_wan``, ``prior_year_wan`` (floats), ``source``, ``page``,
        ``line``. Without the table, the narrative's figures are used.
    """
    rows = records_of(d, "three_public")
    records: list[dict[str, Any]] = []
    if rows:
        for row in rows:
            item_key = text_of(row.get("item_key"))
            level = row.get("level")
            records.append({
                "item_key": item_key, "item": text_of(row.get("item")),
                "level": int(level) if isinstance(level, int | float) and level == level else
                THREE_PUBLIC_ITEMS.get(item_key or "", ("", 1))[1],
                "budget_yuan": as_decimal(row.get("budget_yuan")),
                "prior_year_yuan": as_decimal(row.get("prior_year_yuan")),
                "source": f"three_public:{SOURCE_ROWS}", "page": row.get("page"), "line": row.get("line"),
            })
        top = [r for r in records if r["level"] == 1]
        info = d.table_info.get("three_public")
        total: dict[str, Any] = {"item_key": "total", "item": "合计", "level": 0,
                                 "page": info.totals_place.page if info and info.totals_place else None,
                                 "line": info.totals_place.line if info and info.totals_place else None}
        sources = set()
        for column in ("budget_yuan", "prior_year_yuan"):
            printed = printed_total(d, "three_public", column)
            total[column] = printed if printed is not None else sum_decimals(r[column] for r in top)
            sources.add(SOURCE_PRINTED if printed is not None else SOURCE_ROWS)
        total["source"] = "three_public:" + "/".join(sorted(sources))
        records.append(total)
    else:
        records = _three_public_from_facts(d)
    for record in records:
        budget, prior = record["budget_yuan"], record["prior_year_yuan"]
        record["change_yuan"] = budget - prior if budget is not None and prior is not None else None
        record["change_pct"] = percent_change(record["change_yuan"], prior)
        record["budget_wan"] = wan_float(budget)
        record["prior_year_wan"] = wan_float(prior)
    return make_frame(records, THREE_PUBLIC_COLUMNS, ("budget_wan", "prior_year_wan"))


