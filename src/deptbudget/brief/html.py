"""HTML for the briefing's tables and sentences, with every piece of disclosure text escaped.

Text from a disclosure is data: names, goals and indicators pass through
:func:`html.escape` before they reach a notebook output, so a ``<script>`` in a
project name shows as text and runs nothing.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import pandas as pd
from IPython.display import HTML

from ..core.money import WAN, format_yuan_display

#: The class of a table cell that holds a number; the briefing's CSS right-aligns it.
NUMERIC_CLASS = "num"

_NUMERIC_TD = re.compile(
    r"<td(?P<attrs>\s[^>]*)?>"
    r"(?P<value>\s*[-+−(]?[¥￥]?\s*\d[\d,]*(?:\.\d+)?\s*[%)]?\s*(?:元|万元|亿元)?\s*)</td>"
)
_CLASS_ATTR = re.compile(r"""\bclass\s*=\s*(["'])""")


def money(value: Any, unit: str = "元") -> str:
    """Format an exact amount for people: ``1,234.56`` (元) or ``123.4568`` (万元)."""
    if not isinstance(value, Decimal):
        return "—"
    if unit == "万元":
        return f"{(value / WAN).quantize(Decimal('0.0001')):,.4f}"
    return format_yuan_display(value)


def percent(value: Any, places: int = 1) -> str:
    """Format a share (0–1 as Decimal or float) as a percentage."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "—"
    return f"{float(value) * 100:.{places}f}%"


def _cell(value: Any, kind: str) -> tuple[str, str]:
    if kind == "money":
        return money(value), NUMERIC_CLASS
    if kind == "wan":
        return money(value, "万元"), NUMERIC_CLASS
    if kind == "percent":
        return percent(value), NUMERIC_CLASS
    if kind == "pct":  # already in percent points
        return ("—" if value is None else f"{value}%"), NUMERIC_CLASS
    if kind == "status":
        return ("" if value is None else str(value)), "status"
    if kind == "int":
        return ("—" if value is None or pd.isna(value) else f"{int(value):,}"), NUMERIC_CLASS
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "", ""
    if isinstance(value, list | tuple | set):
        return "、".join(map(str, value)), ""
    if isinstance(value, bool):
        return ("是" if value else "否"), ""
    return str(value), ""


def table_html(
    frame: pd.DataFrame,
    columns: Mapping[str, str | tuple[str, str]],
    *,
    caption: str | None = None,
    max_rows: int | None = None,
    css_class: str = "db-table",
) -> str:
    """Render chosen columns of a frame as an escaped HTML table.

    Parameters
    ----------
    frame : DataFrame
        The data.
    columns : mapping
        Column name → header label, or → (label, kind) with kind one of ``money``
        (元), ``wan`` (万元), ``percent`` (share 0–1), ``pct`` (percent points), ``int``,
        ``status`` (kept on one line), ``text``.
    caption : str, optional
        A caption above the table.
    max_rows : int, optional
        Show at most this many rows and say how many were left out.
    """
    specs = {c: (v, "text") if isinstance(v, str) else v for c, v in columns.items()}
    head = "".join(
        f'<th class="{NUMERIC_CLASS if kind not in ("text",) else ""}">{html.escape(label)}</th>'
        for label, kind in specs.values()
    )
    rows = frame if max_rows is None else frame.head(max_rows)
    body = []
    for _, row in rows.iterrows():
        cells = []
        for column, (_, kind) in specs.items():
            text, cls = _cell(row.get(column), kind)
            cells.append(f'<td class="{cls}">{html.escape(text)}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    note = ""
    if max_rows is not None and len(frame) > max_rows:
        note = f'<p class="db-note">另有{len(frame) - max_rows}行未列出。</p>'
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    if not body:
        body.append(f'<tr><td colspan="{len(specs)}" class="db-empty">（无）</td></tr>')
    return (
        f'<table class="{css_class}">{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>{note}"
    )


def show_table(frame: pd.DataFrame, columns: Mapping[str, str | tuple[str, str]], **kwargs: Any) -> HTML:
    """:func:`table_html` as a notebook display object."""
    return HTML(table_html(frame, columns, **kwargs))


def paragraph(*parts: str, css_class: str | None = None) -> HTML:
    """One escaped paragraph made of ``parts`` (joined without separators)."""
    cls = f' class="{css_class}"' if css_class else ""
    return HTML(f"<p{cls}>{html.escape(''.join(parts))}</p>")


def bullet_list(items: Iterable[str]) -> HTML:
    """An escaped bullet list."""
    lis = "".join(f"<li>{html.escape(str(item))}</li>" for item in items)
    return HTML(f"<ul>{lis or '<li>（无）</li>'}</ul>")


def key_figures(figures: Iterable[tuple[str, str]]) -> HTML:
    """A row of headline figures: (label, value) pairs, both escaped."""
    cards = "".join(
        f'<div class="db-figure"><div class="db-figure-value">{html.escape(value)}</div>'
        f'<div class="db-figure-label">{html.escape(label)}</div></div>'
        for label, value in figures
    )
    return HTML(f'<div class="db-figures">{cards}</div>')


def mark_numeric_cells(page: str) -> str:
    """Mark the ``<td>`` cells of an HTML fragment that hold an amount with :data:`NUMERIC_CLASS`.

    For tables the briefing did not build itself (a pandas frame shown as is): bare digit
    strings are codes or years and stay as text; amounts carry a separator, decimals, a
    percent sign or a unit. Cells already marked stay as they are.

    Parameters
    ----------
    page : str
        HTML text.

    Returns
    -------
    str
        The text with numeric cells marked.
    """
    return _NUMERIC_TD.sub(_mark_numeric, page)


def _mark_numeric(m: re.Match[str]) -> str:
    attrs = m.group("attrs") or ""
    # Bare digit strings are codes or years (left-aligned like text); amounts carry a
    # separator, decimals, a percent sign or a unit. Cells already marked stay as they are.
    if not re.search(r"[,.%元]", m.group("value")) or re.search(rf"""class=["'][^"']*\b{NUMERIC_CLASS}\b""", attrs):
        return m.group(0)
    if _CLASS_ATTR.search(attrs):
        # pandas Styler cells already carry a class: add ours to it.
        attrs = _CLASS_ATTR.sub(lambda c: f"class={c.group(1)}{NUMERIC_CLASS} ", attrs, count=1)
    else:
        attrs += f' class="{NUMERIC_CLASS}"'
    return f"<td{attrs}>{m.group('value')}</td>"
