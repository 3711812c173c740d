"""Ruled performance-target tables (绩效目标表): each project's block of indicator rows, and
the department's overall table (funding line, goal, activities with indicators).

In a project table the project's cells (code and name, amounts, goal) are merged over all
its indicator rows, so their text stands in the block's first row only; the indicator cells
(一级/二级/三级指标, 性质, 指标值, 度量单位) are one row each. The overall table prints its
funding line and goal in wide cells, then a header row of its own (``活动 | 绩效指标 | 指标性质 |
指标值 | 度量单位``) and the indicator rows, which may continue on a page whose grid is cut
differently: their cells are taken by the header's column ranges, not by single columns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ...core.model import Place
from ..tables.parsed import ParsedTable
from ..tables.performance.common import LEVEL1, NATURES
from .cells import DamagedAmount, amount_in_yuan
from .columns import ColumnRule, match_columns
from .table import BodyRow, GridTable, compact

#: A project cell: a code of letters and digits (at least six digits), a dash, the name.
_PROJECT = re.compile(r"^([A-Za-z0-9]{8,40})\s*[-－—–]\s*(.+)$")
#: Comparison signs as printed (full-width too) and in words.
_OPERATORS = {
    "＝": "=", "=": "=", "==": "=", "等于": "=",
    "≥": "≥", ">=": "≥", "＞＝": "≥", "≧": "≥", "大于等于": "≥", "不低于": "≥", "不少于": "≥",
    "≤": "≤", "<=": "≤", "＜＝": "≤", "≦": "≤", "小于等于": "≤", "不高于": "≤", "不超过": "≤", "不多于": "≤",
    ">": ">", "＞": ">", "大于": ">", "<": "<", "＜": "<", "小于": "<",
}
_NUMBER = re.compile(r"^([-−]?\d+(?:,\d{3})*(?:\.\d+)?)(.*)$")
_INDICATOR_FIELDS = ("level1", "level2", "indicator", "nature", "target", "unit")


@dataclass(frozen=True)
class ProjectTargetSpec:
    """How a project-target table's columns are headed.

    Attributes
    ----------
    key : str
        The canonical table key.
    columns : tuple of ColumnRule
        Rules for ``project`` (code and name), ``project_type``, ``amount_yuan`` (项目总额),
        ``fiscal_yuan``, ``other_yuan``, ``goal``, ``level1``, ``level2``, ``indicator``,
        ``nature`` (性质, or the comparison sign), ``target``, ``unit`` and ``direction``.
    """

    key: str
    columns: tuple[ColumnRule, ...]


def value_parts(nature_cell: str, target_cell: str, unit_cell: str) -> dict[str, str]:
    """Nature, operator, target and unit of one indicator from its cells.

    The 性质 cell prints 定性/定量 or, for a quantitative target, the comparison sign
    (``＝``, ``≥``, ``≤``); a number with a sign is 定量, as the text reader has it.
    """
    nature, operator = compact(nature_cell), ""
    target, unit = compact(target_cell), compact(unit_cell)
    if nature not in NATURES and nature in _OPERATORS:
        operator, nature = _OPERATORS[nature], ""
    number = _NUMBER.match(target)
    if number and not unit and number.group(2):
        target, unit = number.group(1), number.group(2)
    if operator and number and not nature:
        nature = "定量"
    return {"nature": nature, "operator": operator, "target": target, "unit": unit}


def _amount(row: BodyRow, cols: dict[str, list[int]], field: str, unit: str, parsed: ParsedTable) -> Decimal | None:
    if field not in cols:
        return None
    text = row.cells[cols[field][0]]
    try:
        return amount_in_yuan(text, unit)
    except DamagedAmount:
        parsed.warn(f"damaged amount {text!r} in column {field}: read as missing", row.page, row.line,
                    code="damaged_amount")
        return None


def _text(row: BodyRow, cols: dict[str, list[int]], field: str) -> str:
    return compact(row.cells[cols[field][0]]) if field in cols else ""


def _starts_block(row: BodyRow, previous: BodyRow | None, head: str, cols: dict[str, list[int]]) -> bool:
    """A project cell starts a new project, unless it is the rest of the previous one's cell
    cut at a page break (no code, no amount, first row of its page)."""
    if not head:
        return False
    if previous is None or previous.page == row.page or _PROJECT.match(head):
        return True
    return any(compact(row.cells[cols[f][0]]) for f in ("amount_yuan",) if f in cols)


def read_project_targets(table: GridTable, spec: ProjectTargetSpec, unit: str, file: str) -> ParsedTable:
    """Read a project-target table: one record per indicator row, each with its project.

    Parameters
    ----------
    table : GridTable
        The assembled grids.
    spec : ProjectTargetSpec
        Which columns hold what.
    unit : str
        The table's unit (of 项目总额 and its parts).
    file : str
        The file (provenance).

    Returns
    -------
    ParsedTable
        Records ``project_code, project_name, project_type, amount_yuan, goal, level1, level2,
        indicator, nature, operator, target, unit`` (and ``fiscal_yuan``, ``other_yuan``,
        ``direction`` where printed); ``extra["projects"]`` lists every project with its
        printed amounts (``amounts_yuan``: 项目总额, then its parts), goal and place.
    """
    parsed = ParsedTable(key=spec.key, records=[])
    cols = match_columns(table.labels, spec.columns)
    missing = [f for f in ("project", "indicator") if f not in cols]
    if missing:
        parsed.warn(f"the columns {', '.join(missing)} were not found in the header "
                    f"({' | '.join(table.labels)}); the table's rows are not read", code="columns_not_matched")
        parsed.extra["unread"] = "columns_not_matched"
        return parsed
    projects: list[dict[str, Any]] = []
    rows_of: list[list[dict[str, Any]]] = []
    project: dict[str, Any] | None = None
    previous: BodyRow | None = None
    for row in table.rows:
        head = _text(row, cols, "project")
        if _starts_block(row, previous, head, cols):
            project = _new_project(row, cols, head, unit, file, parsed)
            projects.append(project)
            rows_of.append([])
        elif project is not None:
            if head:
                project["project_name"] += head
            project["goal"] += _text(row, cols, "goal")
        previous = row
        if project is None:
            if any(_text(row, cols, f) for f in _INDICATOR_FIELDS):
                parsed.warn("an indicator row before any project", row.page, row.line, code="unparsed_row")
            continue
        project["end_line"] = row.end_line
        record = _indicator(row, cols, rows_of[-1])
        if record is not None:
            rows_of[-1].append(record)
    for project, rows in zip(projects, rows_of, strict=True):
        project["rows"] = len(rows)
        head_fields = {k: project[k] for k in ("project_code", "project_name", "project_type", "amount_yuan", "goal")}
        # A blank part of 项目总额 is zero, as in every amount column of these tables.
        money = {k: project[k] if project[k] is not None else Decimal("0.00")
                 for k in ("fiscal_yuan", "other_yuan") if k in cols}
        for row in rows:
            parsed.records.append({**head_fields, **row, **money})
        if not rows:
            parsed.warn(f"project {project['project_name']} has no indicator rows", project["page"],
                        project["line"], code="no_indicators")
    parsed.extra["projects"] = projects
    return parsed


def _new_project(
    row: BodyRow, cols: dict[str, list[int]], head: str, unit: str, file: str, parsed: ParsedTable
) -> dict[str, Any]:
    found = _PROJECT.match(head)
    code, name = (found.group(1), found.group(2)) if found and sum(c.isdigit() for c in found.group(1)) >= 6 else (
        None, head)
    amounts = {f: _amount(row, cols, f, unit, parsed) for f in ("amount_yuan", "fiscal_yuan", "other_yuan")}
    parts = [amounts[f] for f in ("amount_yuan", "fiscal_yuan", "other_yuan") if f in cols]
    return {
        "project_code": code,
        "project_name": name,
        "project_type": _text(row, cols, "project_type") or None,
        **amounts,
        "amounts_yuan": parts if amounts["amount_yuan"] is not None else [],
        "goal": _text(row, cols, "goal"),
        "goal_page": row.page,
        "goal_line": row.line,
        "file": file,
        "page": row.page,
        "line": row.line,
        "end_line": row.end_line,
    }


def _indicator(row: BodyRow, cols: dict[str, list[int]], above: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    cells = {f: _text(row, cols, f) for f in (*_INDICATOR_FIELDS, "direction")}
    if not any(cells[f] for f in ("indicator", "nature", "target")):
        return None
    # 一级/二级 cells may be merged over the rows of one project: carried within it.
    for field in ("level1", "level2"):
        if not cells[field] and above:
            cells[field] = above[-1][field]
    record: dict[str, Any] = {
        "level1": cells["level1"], "level2": cells["level2"], "indicator": cells["indicator"],
        **value_parts(cells["nature"], cells["target"], cells["unit"]),
    }
    if "direction" in cols:
        record["direction"] = cells["direction"]
    record.update({"page": row.page, "line": row.line, "end_line": row.end_line})
    return record


# --------------------------------------------------------------------------- overall


@dataclass(frozen=True)
class OverallTargetSpec:
    """How an overall-target table reads.

    Attributes
    ----------
    key : str
        The canonical table key.
    funding : tuple of ColumnRule
        Rules naming the funding line's amounts (``total_yuan``, ``fiscal_total_yuan`` …).
    indicator_heads : dict of str to tuple of str
        Field (``activity``, ``indicator``, ``nature``, ``target``, ``unit``) → the header
        words of its column in the indicator header row (the first that a cell equals).
    goal_words : tuple of str
        Labels of the goal row; ``notes_words``: of the notes row.
    """

    key: str
    funding: tuple[ColumnRule, ...]
    indicator_heads: dict[str, tuple[str, ...]]
    goal_words: tuple[str, ...] = ("整体绩效目标", "年度绩效目标", "绩效目标")
    notes_words: tuple[str, ...] = ("其他说明",)


def read_overall_targets(table: GridTable, spec: OverallTargetSpec, unit: str, file: str) -> ParsedTable:
    """Read an overall-target table.

    Returns
    -------
    ParsedTable
        Records ``activity, indicator, nature, operator, target, unit`` (``level1``, ``level2``
        where the indicator cell prints them before the indicator); the funding line in
        ``printed_totals`` (a blank cell is 0); ``extra["goal"]`` and ``extra["notes"]``.
    """
    parsed = ParsedTable(key=spec.key, records=[])
    funding = match_columns(table.labels, spec.funding)
    ranges: dict[str, range] | None = None
    goal: list[tuple[str, BodyRow]] = []
    notes: list[str] = []
    activity = ""
    part = ""
    for row in table.rows:
        texts = [compact(c) for c in row.cells]
        filled = [t for t in texts if t]
        if not parsed.printed_totals and funding and any(_is_money(t) for t in filled):
            _funding_line(parsed, row, funding, unit, file)
            continue
        heads = _indicator_heads(texts, spec)
        if heads is not None:
            ranges = heads
            continue
        if ranges is None:
            # Before the indicator header: the goal and notes rows, each perhaps continued in
            # rows without a label of their own (a long goal cut at a page break).
            if any(t in spec.goal_words for t in filled):
                part = "goal"
            elif any(t in spec.notes_words for t in filled):
                part = "notes"
            texts_of = [t for t in filled if t not in spec.goal_words and t not in spec.notes_words]
            if part == "goal":
                goal.extend((t, row) for t in texts_of)
            elif part == "notes":
                notes.extend(texts_of)
            continue
        cells = {f: "".join(texts[k] for k in span if texts[k] not in spec.goal_words) for f, span in ranges.items()}
        if not any(cells.get(f) for f in ("indicator", "nature", "target")):
            continue
        activity = cells.get("activity") or activity
        value = value_parts(cells.get("nature", ""), cells.get("target", ""), cells.get("unit", ""))
        record: dict[str, Any] = {"activity": activity, **_split_levels(cells.get("indicator", "")), **value}
        record.update({"file": file, "page": row.page, "line": row.line, "end_line": row.end_line})
        parsed.records.append(record)
    if ranges is None and funding:
        parsed.warn("the indicator header (活动, 绩效指标 …) was not found; no indicator is read",
                    code="columns_not_matched")
    parsed.extra.update({
        "goal": "".join(t for t, _ in goal),
        "goal_page": goal[0][1].page if goal else None,
        "goal_line": goal[0][1].line if goal else None,
        "notes": "".join(notes),
    })
    return parsed


def _is_money(text: str) -> bool:
    try:
        return amount_in_yuan(text, "元") is not None
    except DamagedAmount:
        return False


def _funding_line(parsed: ParsedTable, row: BodyRow, funding: dict[str, list[int]], unit: str, file: str) -> None:
    for field in funding:
        value = _amount(row, funding, field, unit, parsed)
        parsed.printed_totals[field] = value if value is not None else Decimal("0.00")
    parsed.totals_place = Place(row.page, row.line, file)


def _indicator_heads(texts: list[str], spec: OverallTargetSpec) -> dict[str, range] | None:
    """Column ranges of the indicator fields when ``texts`` is their header row."""
    starts: list[tuple[int, str]] = []
    for k, text in enumerate(texts):
        field = next((f for f, words in spec.indicator_heads.items() if text in words), None)
        if field is not None:
            starts.append((k, field))
    if len(starts) < 3 or not any(f == "indicator" for _, f in starts):
        return None
    out = {}
    for n, (k, field) in enumerate(starts):
        stop = starts[n + 1][0] if n + 1 < len(starts) else len(texts)
        out[field] = range(k, stop)
    return out


def _split_levels(cell: str) -> dict[str, str]:
    """``产出指标数量指标出具数据分析报告`` → 一级 ``产出指标``, 二级 ``数量指标``, indicator the rest;
    a cell that does not start with an 一级指标 is the indicator as printed."""
    first = LEVEL1.match(cell)
    if first:
        rest = cell[first.end():]
        at = rest.find("指标")
        if at > 0 and rest[at + 2:]:
            return {"indicator": rest[at + 2:], "level1": first.group(1), "level2": rest[:at + 2]}
    return {"indicator": cell}
