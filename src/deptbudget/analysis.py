"""Breakdowns of a disclosure as tidy DataFrames, ready for tables and Altair charts.

Every public function takes a :class:`~deptbudget.model.Disclosure` and returns a
:class:`pandas.DataFrame` with fixed columns (empty, with those columns, when the
tables it needs are missing). Money is exact :class:`~decimal.Decimal` 元 in ``*_yuan``
columns; each frame also carries float columns (``*_wan`` in 万元, ``share``) that are
for drawing only: nothing here compares, sums or decides with a float.

Names of classification codes come from :mod:`deptbudget.classification` at every level
(类 / 款 / 项), for the budget year; where the reference does not know a code, the name
the table prints is used.

Where a figure can be taken from more than one place, the ``source`` column says which:
the table's printed 合计 row (the department's own total) is preferred to the sum of the
rows, so that a row missing from a table does not shrink the total; ``rows_yuan`` keeps
the sum of the rows next to it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from . import classification
from .indicators import match_name, nature_of, performance_projects
from .labels import FACT_LABELS
from .model import Disclosure, Fact

__all__ = [
    "basic_vs_project",
    "by_dept_econ",
    "by_function",
    "by_gov_econ",
    "for_chart",
    "function_tree",
    "headline",
    "per_head",
    "personnel_vs_public",
    "projects",
    "purchased_services",
    "three_public",
    "year_on_year",
]

ZERO = Decimal(0)
WAN = Decimal(10_000)
HUNDRED = Decimal(100)
FEN = Decimal("0.01")
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

_THREE_PUBLIC_ITEMS = {
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


def _dec(value: Any) -> Decimal | None:
    return value if isinstance(value, Decimal) else None


def _money(value: Decimal | None) -> Decimal | None:
    """Two places when the amount is a whole number of fen (``0`` → ``0.00``); finer digits are kept."""
    if value is None:
        return None
    return value.quantize(FEN) if value == value.quantize(FEN) else value


def _sum(values: Iterable[Any]) -> Decimal:
    """Sum of the Decimal values; blanks (None, NaN) are not amounts and are skipped."""
    return sum((v for v in values if isinstance(v, Decimal)), ZERO)


def _text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    return text or None


def _code(value: Any) -> str | None:
    """A classification code as text, or None when the cell holds no plain code."""
    text = _text(value)
    return text if text is not None and text.isdigit() else None


def _wan(value: Decimal | None) -> float:
    """万元 as a float, for drawing only."""
    return float(value / WAN) if value is not None else float("nan")


def _shares(amounts: list[Decimal | None]) -> list[float]:
    """Each amount's share of their sum, as floats for charting (NaN when the sum is 0)."""
    total = _sum(amounts)
    if total == 0:
        return [float("nan")] * len(amounts)
    return [float(a / total) if a is not None else float("nan") for a in amounts]


def _pct(change: Decimal | None, prior: Decimal | None) -> Decimal | None:
    """Change over the prior amount in percent, 2 places, half up; None when prior is 0 or unknown."""
    if change is None or prior is None or prior == 0:
        return None
    return (change / prior * HUNDRED).quantize(PERCENT_PLACES, rounding=ROUND_HALF_UP)


def _records(d: Disclosure, key: str) -> list[dict[str, Any]]:
    frame = d.tables.get(key)
    if frame is None or frame.empty:
        return []
    return frame.to_dict("records")


def _frame(records: list[dict[str, Any]], columns: list[str], floats: Iterable[str] = ()) -> pd.DataFrame:
    frame = pd.DataFrame(records, columns=columns)
    for column in floats:
        frame[column] = frame[column].astype("float64")
    for column in ("page", "line"):
        if column in frame.columns:
            # Nullable integers: a figure without a place must not turn the others into floats.
            frame[column] = frame[column].astype("Int64")
    return frame


def _level(level: str, allowed: dict[str, int]) -> str:
    canonical = _LEVEL_ALIASES.get(level)
    if canonical not in allowed:
        raise ValueError(f"level must be one of {list(allowed)}, not {level!r}")
    return canonical


def _printed(d: Disclosure, key: str, column: str) -> Decimal | None:
    info = d.table_info.get(key)
    return _dec(info.printed_totals.get(column)) if info is not None else None


def _budget_fact(d: Disclosure, key: str) -> Fact | None:
    """The narrative's figure for the budget year (any year if the year is unknown)."""
    for fact in d.facts:
        if fact.key == key and fact.amount_yuan is not None and (d.year is None or fact.year == d.year):
            return fact
    return None


# --------------------------------------------------------------------------- classification breakdowns

_Namer = Callable[[str, int | None], str | None]
_NAMERS: dict[str, _Namer] = {
    "function": classification.function_name,
    "dept": classification.dept_econ_name,
    "gov": classification.gov_econ_name,
}


def _level_name(length: int, digits: dict[str, int]) -> str | None:
    return next((name for name, n in digits.items() if n == length), None)


def _aggregate(rows: list[dict[str, Any]], code_col: str, name_col: str, digits: int,
               scheme: str, year: int | None, levels: dict[str, int]) -> pd.DataFrame:
    """Sum total/basic/project of ``rows`` by the first ``digits`` digits of their code.

    A row whose code is shorter than ``digits`` (a 款 printed without 项) stays under its
    own code and level; a row without a code is kept under a blank code, so that no
    money drops out of the breakdown.
    """
    groups: dict[str, dict[str, Any]] = {}
    for row in rows:
        code = _code(row.get(code_col))
        key = code[:digits] if code is not None else ""
        group = groups.setdefault(key, {"printed": None, "total_yuan": ZERO, "basic_yuan": ZERO,
                                        "project_yuan": ZERO})
        for column in ("total_yuan", "basic_yuan", "project_yuan"):
            group[column] += _dec(row.get(column)) or ZERO
        if group["printed"] is None and (code is None or code == key):
            group["printed"] = _text(row.get(name_col))
    records = []
    for key in sorted(groups, key=lambda k: (k == "", k)):
        group = groups[key]
        name = _NAMERS[scheme](key, year) if key else None
        records.append({
            "code": key or None,
            "name": name or group["printed"],
            "level": _level_name(len(key), levels) if key else None,
            "total_yuan": _money(group["total_yuan"]), "basic_yuan": _money(group["basic_yuan"]),
            "project_yuan": _money(group["project_yuan"]),
        })
    shares = _shares([r["total_yuan"] for r in records])
    for record, share in zip(records, shares, strict=True):
        record["share"] = share
        record["total_wan"] = _wan(record["total_yuan"])
    return _frame(records, BREAKDOWN_COLUMNS, ("share", "total_wan"))


def _function_rows(d: Disclosure) -> list[dict[str, Any]]:
    return _records(d, "expenditure") or _records(d, "general_budget")


def by_function(d: Disclosure, level: str = "类") -> pd.DataFrame:
    """Expenditure by 支出功能分类 at one level.

    Parameters
    ----------
    d : Disclosure
    level : {"类", "款", "项"}
        The level to sum to (``"lei"``, ``"kuan"``, ``"xiang"`` are accepted too).

    Returns
    -------
    pandas.DataFrame
        ``code, name, level, total_yuan, basic_yuan, project_yuan`` (Decimal 元),
        ``share`` (of the total, float) and ``total_wan`` (float), sorted by code. Rows
        come from the 部门支出总表 (``expenditure``), or the 一般公共预算支出表 when that is
        missing. A code printed above the level asked for keeps its own level.
    """
    wanted = _level(level, FUNCTION_DIGITS)
    return _aggregate(_function_rows(d), "function_code", "function_name", FUNCTION_DIGITS[wanted],
                      "function", d.year, FUNCTION_DIGITS)


def function_tree(d: Disclosure) -> pd.DataFrame:
    """All three function levels in one tidy frame, each row with its parent (for a treemap).

    Returns
    -------
    pandas.DataFrame
        ``level`` (类/款/项), ``depth`` (1–3), ``code, name, parent_code, parent_name``
        (None for a 类), ``total_yuan, basic_yuan, project_yuan`` (Decimal 元), ``share`` of
        the grand total and ``total_wan`` (floats). Every code appears once, at its level.
    """
    parts = []
    for depth, (level, digits) in enumerate(FUNCTION_DIGITS.items(), start=1):
        frame = by_function(d, level)
        # A code shorter than the level (a 款 printed without 项) is already in the tree.
        at_level = pd.Series([isinstance(c, str) and len(c) == digits for c in frame["code"]],
                             index=frame.index, dtype=bool)
        frame = frame[at_level].copy()
        frame["depth"] = depth
        parts.append(frame)
    tree = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=BREAKDOWN_COLUMNS)
    names = dict(zip(tree["code"], tree["name"], strict=True))
    parent_len = {"类": None, "款": 3, "项": 5}
    tree["parent_code"] = [
        code[: parent_len[lv]] if parent_len.get(lv) else None
        for code, lv in zip(tree["code"], tree["level"], strict=True)
    ]
    tree["parent_name"] = [names.get(p) if p else None for p in tree["parent_code"]]
    return _frame(tree.to_dict("records"), TREE_COLUMNS, ("share", "total_wan"))


def _econ_rows(d: Disclosure, scheme: str) -> list[dict[str, Any]]:
    """Rows with an economic code and total/basic/project amounts.

    The 部门支出总表 has all three; without it, the 一般公共预算基本支出表 (basic) and the
    项目支出表 (project) together stand in for it.
    """
    code_col = f"{scheme}_econ_code"
    rows = _records(d, "expenditure")
    if rows:
        return rows
    out = []
    for row in _records(d, "general_budget_basic"):
        out.append({**row, "basic_yuan": _dec(row.get("total_yuan")), "project_yuan": ZERO})
    for row in _records(d, "projects"):
        out.append({code_col: row.get(code_col), f"{scheme}_econ_name": row.get(f"{scheme}_econ_name"),
                    "total_yuan": _dec(row.get("total_yuan")), "basic_yuan": ZERO,
                    "project_yuan": _dec(row.get("total_yuan"))})
    return out


def by_dept_econ(d: Disclosure, level: str = "类") -> pd.DataFrame:
    """Expenditure by 部门支出经济分类 (301 工资福利支出 …) at ``类`` or ``款``.

    Returns the same columns as :func:`by_function`. Rows come from the 部门支出总表, or
    from the 一般公共预算基本支出表 plus the 项目支出表 when it is missing.
    """
    wanted = _level(level, ECON_DIGITS)
    return _aggregate(_econ_rows(d, "dept"), "dept_econ_code", "dept_econ_name", ECON_DIGITS[wanted],
                      "dept", d.year, ECON_DIGITS)


def by_gov_econ(d: Disclosure, level: str = "类") -> pd.DataFrame:
    """Expenditure by 政府预算支出经济分类 (501 机关工资福利支出 …) at ``类`` or ``款``.

    Returns the same columns as :func:`by_function`; sources as for :func:`by_dept_econ`.
    """
    wanted = _level(level, ECON_DIGITS)
    return _aggregate(_econ_rows(d, "gov"), "gov_econ_code", "gov_econ_name", ECON_DIGITS[wanted],
                      "gov", d.year, ECON_DIGITS)


# --------------------------------------------------------------------------- two-way splits


def _part(d: Disclosure, tables: Iterable[str], column: str, fact_key: str) -> tuple[Decimal | None, Decimal | None,
                                                                                     str | None]:
    """(amount, rows sum, source) of one column: the first table that has it, else the narrative."""
    for table in tables:
        if table not in d.tables and table not in d.table_info:
            continue
        rows = _records(d, table)
        rows_sum = _sum(r.get(column) for r in rows) if rows else None
        printed = _printed(d, table, column)
        if printed is not None:
            return printed, rows_sum, f"{table}:{SOURCE_PRINTED}"
        if rows_sum is not None:
            return rows_sum, rows_sum, f"{table}:{SOURCE_ROWS}"
    fact = _budget_fact(d, fact_key)
    if fact is not None:
        return fact.amount_yuan, None, SOURCE_NARRATIVE
    return None, None, None


def _parts_frame(parts: list[tuple[str, str, tuple[Decimal | None, Decimal | None, str | None]]]) -> pd.DataFrame:
    if all(p[2][0] is None for p in parts):
        return _frame([], PART_COLUMNS, ("share", "amount_wan"))
    shares = _shares([p[2][0] for p in parts])
    records = [
        {"kind": kind, "label": label, "amount_yuan": amount, "rows_yuan": rows, "share": share,
         "amount_wan": _wan(amount), "source": source}
        for (kind, label, (amount, rows, source)), share in zip(parts, shares, strict=True)
    ]
    return _frame(records, PART_COLUMNS, ("share", "amount_wan"))


_BASIC_PROJECT_TABLES = ("expenditure", "general_budget")


def basic_vs_project(d: Disclosure) -> pd.DataFrame:
    """基本支出 against 项目支出.

    Returns
    -------
    pandas.DataFrame
        Two rows (``kind`` basic / project, ``label`` 基本支出 / 项目支出) with
        ``amount_yuan`` (the 部门支出总表's 合计 row, else the sum of its rows, else the
        一般公共预算支出表, else the narrative), ``rows_yuan`` (the table's rows summed),
        ``share`` and ``amount_wan`` (floats), ``source``. Empty when no source has them.
    """
    return _parts_frame([
        ("basic", "基本支出", _part(d, _BASIC_PROJECT_TABLES, "basic_yuan", "basic_total")),
        ("project", "项目支出", _part(d, _BASIC_PROJECT_TABLES, "project_yuan", "project_total")),
    ])


def personnel_vs_public(d: Disclosure) -> pd.DataFrame:
    """人员经费 against 公用经费 of the basic expenditure (一般公共预算基本支出表).

    Returns the columns of :func:`basic_vs_project` with kinds ``personnel`` / ``public``.
    The amount is the table's 合计 row when printed, because a row can be
    missing from the table while its 合计 still includes it (``rows_yuan`` shows the rows).
    """
    tables = ("general_budget_basic",)
    return _parts_frame([
        ("personnel", "人员经费", _part(d, tables, "personnel_yuan", "personnel_total")),
        ("public", "公用经费", _part(d, tables, "public_yuan", "public_total")),
    ])


# --------------------------------------------------------------------------- 三公


def _three_public_from_facts(d: Disclosure) -> list[dict[str, Any]]:
    records = []
    for item_key, (item, level) in _THREE_PUBLIC_ITEMS.items():
        current = _budget_fact(d, f"three_public_{item_key}")
        if current is None:
            continue
        prior = _prior_fact(d, f"three_public_{item_key}", current.year)
        records.append({"item_key": item_key, "item": item, "level": level,
                        "budget_yuan": current.amount_yuan,
                        "prior_year_yuan": prior.amount_yuan if prior else None,
                        "source": SOURCE_NARRATIVE, "page": current.page, "line": current.line})
    total = _budget_fact(d, "three_public_total")
    if total is not None:
        prior = _prior_fact(d, "three_public_total", total.year)
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
    rows = _records(d, "three_public")
    records: list[dict[str, Any]] = []
    if rows:
        for row in rows:
            item_key = _text(row.get("item_key"))
            level = row.get("level")
            records.append({
                "item_key": item_key, "item": _text(row.get("item")),
                "level": int(level) if isinstance(level, int | float) and level == level else
                _THREE_PUBLIC_ITEMS.get(item_key or "", ("", 1))[1],
                "budget_yuan": _dec(row.get("budget_yuan")), "prior_year_yuan": _dec(row.get("prior_year_yuan")),
                "source": f"three_public:{SOURCE_ROWS}", "page": row.get("page"), "line": row.get("line"),
            })
        top = [r for r in records if r["level"] == 1]
        info = d.table_info.get("three_public")
        total: dict[str, Any] = {"item_key": "total", "item": "合计", "level": 0,
                                 "page": info.totals_place.page if info and info.totals_place else None,
                                 "line": info.totals_place.line if info and info.totals_place else None}
        sources = set()
        for column in ("budget_yuan", "prior_year_yuan"):
            printed = _printed(d, "three_public", column)
            total[column] = printed if printed is not None else _sum(r[column] for r in top)
            sources.add(SOURCE_PRINTED if printed is not None else SOURCE_ROWS)
        total["source"] = "three_public:" + "/".join(sorted(sources))
        records.append(total)
    else:
        records = _three_public_from_facts(d)
    for record in records:
        budget, prior = record["budget_yuan"], record["prior_year_yuan"]
        record["change_yuan"] = budget - prior if budget is not None and prior is not None else None
        record["change_pct"] = _pct(record["change_yuan"], prior)
        record["budget_wan"] = _wan(budget)
        record["prior_year_wan"] = _wan(prior)
    return _frame(records, THREE_PUBLIC_COLUMNS, ("budget_wan", "prior_year_wan"))


# --------------------------------------------------------------------------- projects and services


def projects(d: Disclosure) -> pd.DataFrame:
    """Projects with their amounts, function codes and performance targets.

    Returns
    -------
    pandas.DataFrame
        One row per project of the 项目支出表 (rows of the same project under several
        codes are summed; ``function_code`` is the code of its largest part and
        ``function_codes`` lists all), ``amount_yuan``, ``share`` of the project total
        and ``amount_wan`` (floats). From the 项目支出绩效目标表, matched by name (exact,
        else :func:`deptbudget.indicators.match_name` at 0.8): ``project_code``,
        ``project_type``, ``n_indicators``, ``n_quantitative`` and ``performance_match``
        (the similarity, 1.0 for an exact name; None when unmatched). Without a 项目支出表
        the performance table's projects are listed.
    """
    perf = performance_projects(d)
    perf_rows = _records(d, "project_performance")
    quantitative: dict[str | None, int] = {}
    for row in perf_rows:
        if _text(row.get("indicator")) and nature_of(row) == "定量":
            name = _text(row.get("project_name"))
            quantitative[name] = quantitative.get(name, 0) + 1
    by_name: dict[str, dict[str, Any]] = {}
    for row in _records(d, "projects"):
        name = _text(row.get("project_name")) or ""
        entry = by_name.setdefault(name, {"project_name": name or None, "amount_yuan": ZERO, "parts": {},
                                          "names": {}, "page": row.get("page"), "line": row.get("line")})
        amount = _dec(row.get("total_yuan")) or ZERO
        entry["amount_yuan"] += amount
        code = _code(row.get("function_code"))
        if code is not None:
            entry["parts"][code] = entry["parts"].get(code, ZERO) + amount
            entry["names"].setdefault(code, _text(row.get("function_name")))
    if not by_name:
        for p in perf.to_dict("records"):
            by_name[p["project_name"] or ""] = {"project_name": p["project_name"],
                                                "amount_yuan": _dec(p["amount_yuan"]),
                                                "parts": {}, "names": {}, "page": None, "line": None}
    perf_names = [n for n in perf["project_name"] if isinstance(n, str)]
    perf_by_name = {p["project_name"]: p for p in perf.to_dict("records") if isinstance(p["project_name"], str)}
    records = []
    for entry in by_name.values():
        name = entry["project_name"]
        matched, score = (name, 1.0) if name in perf_by_name else (None, None)
        if matched is None and name:
            found = match_name(name, perf_names, 0.8)
            matched, score = (found.name, found.score) if found.name else (None, None)
        info = perf_by_name.get(matched) if matched else None
        parts = entry["parts"]
        code = max(parts, key=lambda c: (parts[c], c)) if parts else None
        records.append({
            "project_name": name,
            "project_code": info["project_code"] if info else None,
            "project_type": info["project_type"] if info else None,
            "function_code": code,
            "function_name": (classification.function_name(code, d.year) or entry["names"].get(code)) if code else None,
            "function_codes": sorted(parts),
            "amount_yuan": entry["amount_yuan"],
            "n_indicators": int(info["n_indicators"]) if info else None,
            "n_quantitative": quantitative.get(matched, 0) if info else None,
            "performance_match": score,
            "page": entry["page"], "line": entry["line"],
        })
    for record, share in zip(records, _shares([r["amount_yuan"] for r in records]), strict=True):
        record["share"] = share
        record["amount_wan"] = _wan(record["amount_yuan"])
    frame = _frame(records, PROJECT_COLUMNS, ("share", "amount_wan", "performance_match"))
    for column in ("n_indicators", "n_quantitative"):
        frame[column] = frame[column].astype("Int64")
    return frame


def purchased_services(d: Disclosure) -> pd.DataFrame:
    """政府购买服务: what is bought, under which function, for how much.

    Returns
    -------
    pandas.DataFrame
        ``catalog_code``, ``category`` and ``service`` (the item ``目录名-项目名`` split at
        its first dash; ``service`` is the whole item when there is none), ``item`` (as
        printed), ``function_code``, ``function_name``, ``amount_yuan``, ``share`` and
        ``amount_wan`` (floats), ``page``, ``line``.
    """
    records = []
    for row in _records(d, "purchased_services"):
        item = _text(row.get("item"))
        category, service = None, item
        if item:
            for dash in ("-", "－", "—"):
                if dash in item:
                    category, service = (part.strip() or None for part in item.split(dash, 1))
                    break
        code = _code(row.get("function_code"))
        records.append({
            "catalog_code": _text(row.get("catalog_code")), "category": category, "service": service, "item": item,
            "function_code": code,
            "function_name": (classification.function_name(code, d.year) if code else None)
            or _text(row.get("function_name")),
            "amount_yuan": _dec(row.get("amount_yuan")), "page": row.get("page"), "line": row.get("line"),
        })
    for record, share in zip(records, _shares([r["amount_yuan"] for r in records]), strict=True):
        record["share"] = share
        record["amount_wan"] = _wan(record["amount_yuan"])
    return _frame(records, SERVICE_COLUMNS, ("share", "amount_wan"))


# --------------------------------------------------------------------------- totals, per head


def _expenditure_total(d: Disclosure) -> tuple[Decimal | None, str | None]:
    for table, column in (("summary", "expenditure_current_total_yuan"), ("expenditure", "total_yuan"),
                          ("general_budget", "total_yuan")):
        printed = _printed(d, table, column)
        if printed is not None:
            return printed, f"{table}:{SOURCE_PRINTED}"
    for table in ("expenditure", "general_budget"):
        rows = _records(d, table)
        if rows:
            return _sum(r.get("total_yuan") for r in rows), f"{table}:{SOURCE_ROWS}"
    fact = _budget_fact(d, "expenditure_total")
    return (fact.amount_yuan, SOURCE_NARRATIVE) if fact else (None, None)


def _income_total(d: Disclosure) -> tuple[Decimal | None, str | None]:
    for table, column in (("summary", "income_current_total_yuan"), ("income", "total_yuan")):
        printed = _printed(d, table, column)
        if printed is not None:
            return printed, f"{table}:{SOURCE_PRINTED}"
    rows = _records(d, "income")
    if rows:
        return _sum(r.get("amount_yuan") for r in rows), f"income:{SOURCE_ROWS}"
    fact = _budget_fact(d, "income_total")
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
        return _dec(frame.at[kind, "amount_yuan"]), _text(frame.at[kind, "source"])

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
    frame = _frame(records, PER_HEAD_COLUMNS)
    for column in ("authorized", "actual"):
        frame[column] = frame[column].astype("Int64")
    return frame


# --------------------------------------------------------------------------- narrative comparisons


def _prior_fact(d: Disclosure, key: str, year: int | None) -> Fact | None:
    """The latest figure for ``key`` stated for a year before ``year``."""
    if year is None:
        return None
    earlier = [f for f in d.facts if f.key == key and f.year is not None and f.year < year
               and f.amount_yuan is not None]
    return max(earlier, key=lambda f: f.year or 0) if earlier else None


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
        current = _budget_fact(d, key)
        if current is None:
            continue
        prior = _prior_fact(d, key, current.year)
        if prior is None:
            continue
        seen.add(key)
        stated = next((f for f in d.facts if f.key == f"{key}_change" and f.year == current.year), None)
        change = current.amount_yuan - prior.amount_yuan
        records.append({
            "key": key, "label": FACT_LABELS.get(key, key), "current_year": current.year,
            "prior_year": prior.year, "current_yuan": current.amount_yuan, "prior_yuan": prior.amount_yuan,
            "change_yuan": change, "change_pct": _pct(change, prior.amount_yuan),
            "stated_change_yuan": stated.amount_yuan if stated else None,
            "stated_pct": stated.percent if stated else None,
            "change_wan": _wan(change), "page": current.page, "line": current.line,
        })
    frame = _frame(records, YOY_COLUMNS, ("change_wan",))
    for column in ("current_year", "prior_year"):
        frame[column] = frame[column].astype("Int64")
    return frame


# --------------------------------------------------------------------------- headline


def _where(d: Disclosure, source: str | None, fact_key: str) -> tuple[int | None, int | None]:
    """Page and line behind a figure: the narrative sentence, the 合计 row, or the table's title."""
    if source == SOURCE_NARRATIVE:
        fact = _budget_fact(d, fact_key)
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
        money("three_public", "three_public_total", "“三公”经费", _dec(tp_total.iloc[0]["budget_yuan"]),
              _text(tp_total.iloc[0]["source"]))
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
    frame = _frame(records, HEADLINE_COLUMNS, ("share",))
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
