"""Totals, per head, year on year and the headline figures; frames made ready for charts.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from ..core.labels import FACT_LABELS
from ..core.model import Disclosure
from ..core.money import wan_float
from .common import (
    FEN,
    FUNCTION_SPENDING_TABLES,
    HEADLINE_COLUMNS,
    PER_HEAD_COLUMNS,
    SOURCE_NARRATIVE,
    SOURCE_PRINTED,
    SOURCE_ROWS,
    YOY_COLUMNS,
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
from .items import projects
from .splits import basic_vs_project, personnel_vs_public
from .three_public_costs import three_public

# --------------------------------------------------------------------------- totals, per head


def _expenditure_total(d: Disclosure) -> tuple[Decimal | None, str | None]:
    candidates = [("summary", "expenditure_current_total_yuan")]
    candidates += [(table, "total_yuan") for table in FUNCTION_SPENDING_TABLES]
    if not _carried_over(d):
        candidates.insert(1, ("summary", "expenditure_grand_total_yuan"))
    for table, column in candidates:
        printed = printed_total(d, table, column)
        if printed is not None:
            return printed, f"{table}:{SOURCE_PRINTED}"
    for table in FUNCTION_SPENDING_TABLES:
        rows = records_of(d, table)
        if rows:
            return sum_decimals(r.get("total_yuan") for r in rows), f"{table}:{SOURCE_ROWS}"
    fact = budget_fact(d, "expenditure_total")
    return (fact.amount_yuan, SOURCE_NARRATIVE) if fact else (None, None)


def _carried_over(d: Disclosure) -> bool:
    """True when the 收支总表 shows money carried in or over (its 总计 is then not the year's)."""
    rows = records_of(d, "summary")
    if not rows:
        return True
    return any(isinstance(r.get("amount_yuan"), Decimal) and r["amount_yuan"] != 0
               and any(w in str(r.get("item")) for w in ("结转", "结余")) for r in rows)


def _income_total(d: Disclosure) -> tuple[Decimal | None, str | None]:
    candidates = [("summary", "income_current_total_yuan"), ("income", "total_yuan"),
                  ("income_by_function", "total_yuan")]
    if not _carried_over(d):
        candidates.insert(1, ("summary", "income_grand_total_yuan"))
    for table, column in candidates:
        printed = printed_total(d, table, column)
        if printed is not None:
            return printed, f"{table}:{SOURCE_PRINTED}"
    rows = records_of(d, "income")
    if rows:
        return sum_decimals(r.get("amount_yuan") for r in rows), f"income:{SOURCE_ROWS}"
    fact = budget_fact(d, "income_total")
    return (fact.amount_yuan, SOURCE_NARRATIVE) if fact else (None, None)


def _per(amount: Decimal | None, heads: int | None) -> Decimal | None:
    if amount is None or not heads:
        return None
    return (amount / Decimal(heads)).quantize(FEN, rounding=ROUND_HALF_UP)


def _measures(d: Disclosure) -> list[tuple[str, str, Decimal | None, str | None]]:
    """(measure, label, amount, source) for total, basic, personnel, public, project."""
    total, source = _expenditure_total(d)
    split = basic_vs_project(d).set_index("kind")
    people = personnel_vs_public(d).set_index("kind")

    def get(frame: pd.DataFrame, kind: str) -> tuple[Decimal | None, str | None]:
        if kind not in frame.index:
            return None, None
        return as_decimal(frame.at[kind, "amount_yuan"]), text_of(frame.at[kind, "source"])

    return [
        ("total", "支出合计", total, source),
        ("basic", "基本支出", *get(split, "basic")),
        ("personnel", "人员经费", *get(people, "personnel")),
        ("public", "公用经费", *get(people, "public")),
        ("project", "项目支出", *get(split, "project")),
    ]


def per_head(d: Disclosure) -> pd.DataFrame:
    """Expenditure per authorized post (编制) and per person actually employed (实有).

    Returns
    -------
    pandas.DataFrame
        ``measure`` (total, basic, personnel, public, project), ``label``, ``amount_yuan``,
        ``authorized``, ``actual`` (head counts from the narrative), ``per_authorized_yuan``
        and ``per_actual_yuan`` (Decimal 元 quantized to the fen, ROUND_HALF_UP; None when
        the head count is unknown or zero, or the amount is unknown), ``source``.
    """
    authorized, actual = d.staff.get("authorized"), d.staff.get("actual")
    records = [
        {"measure": measure, "label": label, "amount_yuan": amount, "authorized": authorized, "actual": actual,
         "per_authorized_yuan": _per(amount, authorized), "per_actual_yuan": _per(amount, actual), "source": source}
        for measure, label, amount, source in _measures(d)
        if amount is not None
    ]
    frame = make_frame(records, PER_HEAD_COLUMNS)
    for column in ("authorized", "actual"):
        frame[column] = frame[column].astype("Int64")
    return frame


# --------------------------------------------------------------------------- narrative comparisons


def year_on_year(d: Disclosure) -> pd.DataFrame:
    """Every figure the narrative states for both the budget year and an earlier year.

    Returns
    -------
    pandas.DataFrame
        ``key``, ``label`` (Chinese), ``current_year``, ``prior_year``, ``current_yuan``,
        ``prior_yuan``, ``change_yuan`` (recomputed: current − prior), ``change_pct``
        (recomputed, Decimal 2 places half up; None when the prior is 0),
        ``stated_change_yuan`` and ``stated_pct`` (as the narrative states them, signed;
        None where it does not), ``change_wan`` (float), ``page`` and ``line`` of the
        current figure.
    """
    records = []
    seen = set()
    for fact in d.facts:
        key = fact.key
        if key in seen or key.endswith("_change") or key == "project_amount" or fact.amount_yuan is None:
            continue
        current = budget_fact(d, key)
        if current is None:
            continue
        prior = prior_fact(d, key, current.year)
        if prior is None:
            continue
        seen.add(key)
        stated = next((f for f in d.facts if f.key == f"{key}_change" and f.year == current.year), None)
        change = current.amount_yuan - prior.amount_yuan
        records.append({
            "key": key, "label": FACT_LABELS.get(key, key), "current_year": current.year,
            "prior_year": prior.year, "current_yuan": current.amount_yuan, "prior_yuan": prior.amount_yuan,
            "change_yuan": change, "change_pct": percent_change(change, prior.amount_yuan),
            "stated_change_yuan": stated.amount_yuan if stated else None,
            "stated_pct": stated.percent if stated else None,
            "change_wan": wan_float(change), "page": current.page, "line": current.line,
        })
    frame = make_frame(records, YOY_COLUMNS, ("change_wan",))
    for column in ("current_year", "prior_year"):
        frame[column] = frame[column].astype("Int64")
    return frame


# --------------------------------------------------------------------------- headline


def _where(d: Disclosure, source: str | None, fact_key: str) -> tuple[int | None, int | None]:
    """Page and line behind a figure: the narrative sentence, the 合计 row, or the table's title."""
    if source == SOURCE_NARRATIVE:
        fact = budget_fact(d, fact_key)
        return (fact.page, fact.line) if fact else (None, None)
    table = (source or "").split(":", 1)[0]
    info = d.table_info.get(table)
    if info is None:
        return None, None
    if SOURCE_PRINTED in (source or "") and info.totals_place is not None:
        return info.totals_place.page, info.totals_place.line
    return info.page, info.line


def headline(d: Disclosure) -> pd.DataFrame:
    """One row per headline figure of the briefing.

    Returns
    -------
    pandas.DataFrame
        ``key``, ``label``, ``amount_yuan`` (Decimal, money rows), ``count`` (Int64,
        head counts and the number of projects), ``unit`` (元 / 人 / 个), ``share`` of total
        expenditure (float, money rows), ``source``, ``page``/``line`` of the figure (the
        narrative sentence, the table's 合计 row or its title). Keys: income_total,
        expenditure_total, basic, project, personnel, public, three_public, staff_authorized,
        staff_actual, staff_retired, projects. Figures no source gives are left out.
    """
    records: list[dict[str, Any]] = []
    income, income_source = _income_total(d)
    total, total_source = _expenditure_total(d)

    def money(key: str, fact_key: str, label: str, amount: Decimal | None, source: str | None) -> None:
        if amount is None:
            return
        share = float(amount / total) if total else float("nan")
        page, line = _where(d, source, fact_key)
        records.append({"key": key, "label": label, "amount_yuan": amount, "count": None, "unit": "元",
                        "share": share, "source": source, "page": page, "line": line})

    money("income_total", "income_total", "收入预算", income, income_source)
    money("expenditure_total", "expenditure_total", "支出预算", total, total_source)
    for measure, label, amount, source in _measures(d)[1:]:
        money(measure, f"{measure}_total", label, amount, source)
    tp = three_public(d)
    tp_total = tp[tp["item_key"] == "total"]
    if not tp_total.empty:
        money("three_public", "three_public_total", "“三公”经费", as_decimal(tp_total.iloc[0]["budget_yuan"]),
              text_of(tp_total.iloc[0]["source"]))
    staff_labels = {"authorized": "编制人数", "actual": "实有人数", "retired": "离退休人员"}
    for key, label in staff_labels.items():
        count = d.staff.get(key)
        if count is not None:
            records.append({"key": f"staff_{key}", "label": label, "amount_yuan": None, "count": count,
                            "unit": "人", "share": float("nan"), "source": SOURCE_NARRATIVE, "page": None,
                            "line": None})
    listed = projects(d)
    if not listed.empty:
        source = "projects" if "projects" in d.tables and not d.tables["projects"].empty else "project_performance"
        records.append({"key": "projects", "label": "项目个数", "amount_yuan": None, "count": len(listed),
                        "unit": "个", "share": float("nan"), "source": source, "page": None, "line": None})
    frame = make_frame(records, HEADLINE_COLUMNS, ("share",))
    frame["count"] = frame["count"].astype("Int64")
    return frame


# --------------------------------------------------------------------------- charts


def for_chart(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with Decimal values turned into floats, for Altair only.

    Altair hands the data to Vega-Lite as JSON, and Python's JSON encoder has no
    Decimal: a chart built on Decimal cells fails with ``TypeError`` as soon as it is
    rendered or saved. Floats are fine for drawing a bar, never for deciding whether two
    amounts agree, so convert a frame just before charting and keep the exact frame for
    tables and checks.

    Parameters
    ----------
    df : pandas.DataFrame
        Any frame from this module or :mod:`deptbudget.indicators`.

    Returns
    -------
    pandas.DataFrame
        A copy; columns holding only Decimals (and blanks) become float64, Decimal cells
        in mixed columns become floats, everything else is unchanged.
    """
    out = df.copy()
    for column in out.columns:
        series = out[column]
        if series.dtype != object:
            continue
        values = list(series)
        if not any(isinstance(v, Decimal) for v in values):
            continue
        blank_or_decimal = all(isinstance(v, Decimal) or v is None or (isinstance(v, float) and v != v)
                               for v in values)
        if blank_or_decimal:
            out[column] = pd.Series([float(v) if isinstance(v, Decimal) else float("nan") for v in values],
                                    index=out.index, dtype="float64")
        else:
            out[column] = pd.Series([float(v) if isinstance(v, Decimal) else v for v in values],
                                    index=out.index, dtype=object)
    return out
