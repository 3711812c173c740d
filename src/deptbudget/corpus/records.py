"""One disclosure as corpus rows: pure functions from a reading and its audit to plain records.

Nothing here touches the disk; :mod:`.build` runs these in worker processes and sends the
records back, so they are plain Python values (``Decimal`` money, ``str`` codes).
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Any

import pandas as pd

from ..analyse import headline
from ..audit import audit, transparency_score
from ..core.model import Disclosure

#: Headline figures copied into ``disclosures`` (key in :func:`deptbudget.analyse.headline` → column).
HEADLINE_COLUMNS = {
    "income_total": "income_total_yuan",
    "expenditure_total": "expenditure_total_yuan",
    "basic": "basic_yuan",
    "project": "project_yuan",
    "personnel": "personnel_yuan",
    "public": "public_yuan",
    "three_public": "three_public_yuan",
}
#: Head counts copied into ``disclosures``.
COUNT_COLUMNS = {"staff_authorized": "staff_authorized", "staff_actual": "staff_actual", "projects": "n_projects"}
STATUSES = ("pass", "fail", "warn", "skipped")


def disclosure_id(name_and_sha256s: list[str]) -> str:
    """A disclosure's id: 16 hex digits of the SHA-256 of its input name and its files' SHA-256s.

    The same input gives the same id wherever and whenever it is read; an edited file, or the
    same files under another name (another disclosure of the folder), another id.
    """
    return hashlib.sha256("\n".join(name_and_sha256s).encode()).hexdigest()[:16]


def _plain(value: Any) -> Any:
    """A cell as a plain value: NaN/NA → None, numpy scalars → Python."""
    if value is None or (not isinstance(value, str | Decimal | bool) and pd.isna(value)):
        return None
    if hasattr(value, "item") and not isinstance(value, Decimal):
        return value.item()
    return value


def disclosure_records(d: Disclosure, input_name: str) -> dict[str, Any]:
    """Every corpus row of one disclosure.

    Parameters
    ----------
    d : Disclosure
        The reading.
    input_name : str
        The input's name in the corpus folder (a file or a subfolder).

    Returns
    -------
    dict
        ``disclosure`` (one row), ``tables`` (key → rows), ``facts`` and ``findings`` (rows);
        every row carries ``disclosure_id``.
    """
    sha256s = [s.sha256 for s in d.sources]
    did = disclosure_id([input_name, *sha256s])
    findings = audit(d)
    points, top = transparency_score(findings)
    counts = findings.status.value_counts()
    heads = headline(d).set_index("key") if len(d.tables) or d.facts else pd.DataFrame()
    row: dict[str, Any] = {
        "disclosure_id": did, "input": input_name, "status": "ok", "reason": None,
        "department": d.department, "region": d.region, "year": d.year, "kind": d.kind, "layout": d.layout,
        "entity_level": d.entity_level, "files": " | ".join(s.name for s in d.sources),
        "sha256": " | ".join(sha256s), "tables_read": len(d.tables), "warnings": len(d.warnings),
        "transparency_points": points, "transparency_max": top,
        **{f"audit_{s}": int(counts.get(s, 0)) for s in STATUSES},
    }
    for key, column in HEADLINE_COLUMNS.items():
        row[column] = _plain(heads.amount_yuan.get(key)) if key in heads.index else None
    for key, column in COUNT_COLUMNS.items():
        row[column] = _plain(heads["count"].get(key)) if key in heads.index else None
    tables = {
        key: [{"disclosure_id": did, **{c: _plain(v) for c, v in rec.items()}}
              for rec in frame.to_dict("records")]
        for key, frame in d.tables.items()
    }
    facts = [{
        "disclosure_id": did, "key": f.key, "year": f.year, "amount_yuan": f.amount_yuan, "count": f.count,
        "percent": f.percent, "label": f.label, "file": f.file, "page": f.page, "line": f.line, "text": f.text,
    } for f in d.facts]
    finding_rows = [{
        "disclosure_id": did, "check": r["check"], "status": r["status"], "tables": " | ".join(r["tables"] or []),
        "expected_yuan": _plain(r["expected_yuan"]), "actual_yuan": _plain(r["actual_yuan"]),
        "difference_yuan": _plain(r["difference_yuan"]), "message": r["message"],
    } for r in findings.to_dict("records")]
    return {"disclosure": row, "tables": tables, "facts": facts, "findings": finding_rows}


def failed_record(input_name: str, sha256s: list[str], reason: str) -> dict[str, Any]:
    """The corpus rows of an input that could not be read: one ``disclosures`` row saying why."""
    did = disclosure_id([input_name, *sha256s])
    return {"disclosure": {"disclosure_id": did, "input": input_name, "status": "failed", "reason": reason,
                           "sha256": " | ".join(sha256s)},
            "tables": {}, "facts": [], "findings": []}
