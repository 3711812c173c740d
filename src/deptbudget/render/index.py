"""The batch's ``index.html``: every department, its headline figures, audit and links.

The page is ``report_templates/batch_index/index.html.j2`` filled by Jinja with autoescape on:
every value from a disclosure or a record is escaped; links are percent-encoded.
"""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import quote

import jinja2

from ..core.labels import STATUS_LABELS
from ..core.resources import path as resource_path
from .build import now_iso, package_version

INDEX_FILE = "index.html"
TEMPLATE_DIR = "batch_index"
#: Link text for each output format, in the order links are shown.
LINK_LABELS = {"html": "HTML", "pdf": "PDF", "ipynb": "笔记本"}


@cache
def _environment() -> jinja2.Environment:
    folder = resource_path("report_templates", TEMPLATE_DIR)
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder), autoescape=True, undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def _links(outputs: dict[str, str]) -> list[tuple[str, str]]:
    return [(label, quote(outputs[fmt])) for fmt, label in LINK_LABELS.items() if fmt in outputs]


def _row(key: str, r: dict[str, Any]) -> dict[str, Any]:
    audit = r.get("audit") or {}
    status = str(audit.get("status", "unknown"))
    text = STATUS_LABELS.get(status, status)
    if "findings" in audit:
        text += f"（{audit['findings']} 项）"
    outputs = r.get("outputs") or {}
    return {
        "key": key,
        "ok": r.get("status") == "ok",
        "department": r.get("department") or "（未读出）",
        "year": r.get("year") or "—",
        "headline": [(str(k), str(v)) for k, v in (r.get("headline") or {}).items()],
        "audit_status": status,
        "audit_text": text,
        "links": _links(outputs),
        # A failed re-run keeps the last good briefing; the page says plainly it is the old one.
        "previous": [] if outputs else _links(r.get("previous_outputs") or {}),
        "reason": str(r.get("reason") or ""),
    }


def render_index(records: dict[str, dict[str, Any]]) -> str:
    """Return ``index.html``: one row per input, every value escaped, no external resource.

    Parameters
    ----------
    records : dict
        Status records by input name (see :func:`~deptbudget.render.batch.run_batch`).

    Returns
    -------
    str
        The page.
    """

    def order(item: tuple[str, dict[str, Any]]) -> tuple[Any, ...]:
        key, r = item
        return (r.get("status") != "ok", str(r.get("department") or ""), str(r.get("year") or ""), key)

    rows = [_row(key, r) for key, r in sorted(records.items(), key=order)]
    env = _environment()
    css = (resource_path("report_templates", TEMPLATE_DIR) / "index.css").read_text(encoding="utf-8")
    return env.get_template("index.html.j2").render(
        rows=rows, css=css, generated=now_iso(), version=package_version(),
        ok=sum(r["ok"] for r in rows), failed=sum(not r["ok"] for r in rows),
    )
