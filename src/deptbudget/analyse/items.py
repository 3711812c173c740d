"""Projects and purchased services, item by item, with shares and indicator counts.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..core import classification
from ..core.model import Disclosure
from ..core.money import wan_float
from .common import (
    PROJECT_COLUMNS,
    SERVICE_COLUMNS,
    ZERO,
    as_decimal,
    code_of,
    make_frame,
    records_of,
    shares_of,
    text_of,
)
from .indicator_rows import performance_projects
from .matching import match_name
from .targets import nature_of

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
    perf_rows = records_of(d, "project_performance")
    quantitative: dict[str | None, int] = {}
    for row in perf_rows:
        if text_of(row.get("indicator")) and nature_of(row) == "定量":
            name = text_of(row.get("project_name"))
            quantitative[name] = quantitative.get(name, 0) + 1
    by_name: dict[str, dict[str, Any]] = {}
    for row in records_of(d, "projects"):
        name = text_of(row.get("project_name")) or ""
        entry = by_name.setdefault(name, {"project_name": name or None, "amount_yuan": ZERO, "parts": {},
                                          "names": {}, "page": row.get("page"), "line": row.get("line")})
        amount = as_decimal(row.get("total_yuan")) or ZERO
        entry["amount_yuan"] += amount
        code = code_of(row.get("function_code"))
        if code is not None:
            entry["parts"][code] = entry["parts"].get(code, ZERO) + amount
            entry["names"].setdefault(code, text_of(row.get("function_name")))
    if not by_name:
        for p in perf.to_dict("records"):
            by_name[p["project_name"] or ""] = {"project_name": p["project_name"],
                                                "amount_yuan": as_decimal(p["amount_yuan"]),
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
    for record, share in zip(records, shares_of([r["amount_yuan"] for r in records]), strict=True):
        record["share"] = share
        record["amount_wan"] = wan_float(record["amount_yuan"])
    frame = make_frame(records, PROJECT_COLUMNS, ("share", "amount_wan", "performance_match"))
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
    for row in records_of(d, "purchased_services"):
        item = text_of(row.get("item"))
        category, service = None, item
        if item:
            for dash in ("-", "－", "—"):
                if dash in item:
                    category, service = (part.strip() or None for part in item.split(dash, 1))
                    break
        code = code_of(row.get("function_code"))
        records.append({
            "catalog_code": text_of(row.get("catalog_code")), "category": category, "service": service, "item": item,
            "function_code": code,
            "function_name": (classification.function_name(code, d.year) if code else None)
            or text_of(row.get("function_name")),
            "amount_yuan": as_decimal(row.get("amount_yuan")), "page": row.get("page"), "line": row.get("line"),
        })
    for record, share in zip(records, shares_of([r["amount_yuan"] for r in records]), strict=True):
        record["share"] = share
        record["amount_wan"] = wan_float(record["amount_yuan"])
    return make_frame(records, SERVICE_COLUMNS, ("share", "amount_wan"))


