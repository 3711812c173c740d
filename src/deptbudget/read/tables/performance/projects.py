"""The 项目支出绩效目标申报表: per project a ``<code>-<name>`` cell, type, amounts and goal,
then indicator rows (一级 / 二级 / 三级指标, nature, operator, target, unit).

Text extraction wraps every cell over short lines and, at a page break, prints the rest
of a project's goal *after* some of its indicator rows. Indicator rows are recognised by
their structure and everything else in a project is a fragment of its goal, reassembled
in order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from ....core.model import ReadWarning
from ....core.money import is_amount, money_in_yuan, parse_amount
from ...layout import TableBlock
from ...sources.text import Line
from ..parsed import ParsedTable
from .common import (
    _CODE,
    _CODE_PART,
    _CODE_TAIL,
    _EMPTY,
    _PROJECT_HEAD,
    _PROSE,
    _TYPE,
    LEVEL1,
    PROJECT,
    _is_value_start,
    _join,
    _made_of,
    _read_value,
)

# --------------------------------------------------------------- project performance


def _project_start(lines: Sequence[Line], i: int) -> int:
    """Return how many lines the ``<code>-`` of a project starting at ``i`` takes (0: none)."""
    text = lines[i].text
    match = _CODE.match(text)
    if match and sum(c.isdigit() for c in match.group(1)) >= 6:
        return 1
    # A long code wrapped before its dash.
    if _CODE_PART.match(text) and i + 1 < len(lines) and _CODE_TAIL.match(lines[i + 1].text):
        match = _CODE.match(text + lines[i + 1].text)
        if match and sum(c.isdigit() for c in match.group(1)) >= 6:
            return 2
    return 0


def _row_start(text: str) -> bool:
    return bool(LEVEL1.match(text))


def _bare_row(text: str) -> bool:
    """A row printed without its 一级指标 (a merged cell printed once for several rows)."""
    if _PROSE.search(text):
        return False
    tokens = text.split()
    return any(_is_value_start(tokens, k) for k in range(1, len(tokens)))


def _header_like(text: str) -> bool:
    return _made_of(text, _PROJECT_HEAD)


def parse_project_performance(block: TableBlock) -> ParsedTable:
    """Read the 项目支出绩效目标申报表.

    Parameters
    ----------
    block : TableBlock
        The table's block from :func:`deptbudget.read.layout.split_layout`.

    Returns
    -------
    ParsedTable
        One row per indicator, each carrying its project's code, name, type, amount
        (元; the table prints 万元 unless its unit says otherwise) and reassembled goal.
        ``extra["projects"]`` lists every project, with or without indicator rows.
    """
    unit = block.unit or "万元"
    lines = block.body
    result = ParsedTable(key=PROJECT, records=[])
    starts = [i for i in range(len(lines)) if _project_start(lines, i)]
    # A wrapped code's second line must not count as a start of its own.
    starts = [s for n, s in enumerate(starts) if n == 0 or s != starts[n - 1] + 1
              or _project_start(lines, starts[n - 1]) != 2]
    first = starts[0] if starts else len(lines)
    for line in lines[:first]:
        if not (_header_like(line.text) or _EMPTY.match(line.text)):
            result.warnings.append(ReadWarning(
                f"text before the first project: {line.text}", PROJECT, line.page, line.number
            ))
    records: list[dict[str, Any]] = []
    projects: list[dict[str, Any]] = []
    for n, start in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else len(lines)
        project, rows = _read_project(lines, start, stop, unit, result.warnings)
        projects.append(project)
        records.extend(rows)
    result.records = records
    result.extra = {"projects": projects}
    return result


def _read_project(
    lines: Sequence[Line], start: int, stop: int, unit: str, warnings: list[ReadWarning]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    def warn(message: str, line: Line) -> None:
        warnings.append(ReadWarning(message, PROJECT, line.page, line.number))

    ncode = _project_start(lines, start)
    head = "".join(line.text for line in lines[start:start + ncode])
    match = _CODE.match(head)
    assert match is not None  # _project_start said so
    code = match.group(1)
    name: list[tuple[str, int]] = []
    kind: list[tuple[str, int]] = []
    goal: list[tuple[str, int]] = []
    amounts: list[Decimal] = []
    j = start + ncode - 1
    tokens = match.group(2).split()
    # The head: name, then type, until the amounts; what follows them is goal text.
    while True:
        run = _amount_run(tokens)
        if run is not None:
            a, b = run
            _head_tokens(tokens[:a], j, name, kind)
            amounts = [parse_amount(t) for t in tokens[a:b]]
            if tokens[b:]:
                goal.append((" ".join(tokens[b:]), j))
            break
        _head_tokens(tokens, j, name, kind)
        if j + 1 >= stop or _row_start(lines[j + 1].text):
            warn(f"project {code} prints no amounts", lines[start])
            break
        j += 1
        tokens = lines[j].text.split()
    amount = money_in_yuan(amounts[0], unit) if amounts else None
    if len(amounts) >= 2 and amounts[1] > amounts[0]:
        warn(f"project {code}: fiscal funds exceed the project total", lines[j])
    project: dict[str, Any] = {
        "project_code": code,
        "project_name": _join(name),
        "project_type": re.sub(r"\s+", "", _join(kind)),
        "amount_yuan": amount,
        "amounts_yuan": [money_in_yuan(a, unit) for a in amounts],
        "page": lines[start].page,
        "line": lines[start].number,
        "end_line": lines[stop - 1].number,
    }

    def boundary(k: int) -> bool:
        return k >= stop or _row_start(lines[k].text) or _project_start(lines, k) > 0

    rows: list[dict[str, Any]] = []
    previous: dict[str, Any] | None = None
    k = j + 1
    while k < stop:
        line = lines[k]
        if line.page != lines[k - 1].page and _repeated_header(line.text):
            while k < stop and _header_like(lines[k].text):
                k += 1
            continue
        if _row_start(line.text) or _bare_row(line.text):
            row, end, problem = _read_indicator(lines, k, stop, boundary, previous)
            if row is None:
                texts = " / ".join(x.text for x in lines[k:end + 1])
                warn(f"project {code}: an indicator row that cannot be read ({problem}): "
                     f"{texts}", line)
            else:
                if not row["level1"]:
                    warn(f"project {code}: an indicator row without 一级指标: {line.text}", line)
                if row["nature"] == "定性" and not row["target"]:
                    warn(f"project {code}: a qualitative indicator prints no target", line)
                rows.append(row)
                previous = row
            k = end + 1
            continue
        goal.append((line.text, k))
        k += 1
    goal_text = "".join(t for t, _ in goal)
    project["goal"] = goal_text
    project["goal_page"] = lines[goal[0][1]].page if goal else None
    project["goal_line"] = lines[goal[0][1]].number if goal else None
    project["rows"] = len(rows)
    if not rows:
        warn(f"project {code} has no indicator rows", lines[start])
    if not goal_text:
        warn(f"project {code} prints no goal", lines[start])
    head_fields = {key: project[key] for key in
                   ("project_code", "project_name", "project_type", "amount_yuan")}
    return project, [{**head_fields, "goal": goal_text, **row} for row in rows]


def _amount_run(tokens: list[str]) -> tuple[int, int] | None:
    """Where the amounts of a project's head stand in ``tokens``, if they do."""
    for a, token in enumerate(tokens):
        if not is_amount(token):
            continue
        b = a
        while b < len(tokens) and is_amount(tokens[b]):
            b += 1
        # Two amounts (项目总额, 财政资金), or one with decimals: a lone integer may be
        # part of a name ("2024").
        if b - a >= 2 or "." in token:
            return a, b
    return None


def _head_tokens(
    tokens: list[str], at: int, name: list[tuple[str, int]], kind: list[tuple[str, int]]
) -> None:
    for token in tokens:
        if kind or _TYPE.match(token):
            kind.append((token, at))
        else:
            name.append((token, at))


def _repeated_header(text: str) -> bool:
    return _header_like(text) and any(w in text for w in ("项目", "指标", "绩效"))


def _read_indicator(
    lines: Sequence[Line],
    start: int,
    stop: int,
    boundary: Callable[[int], bool],
    previous: dict[str, Any] | None,
) -> tuple[dict[str, Any] | None, int, str]:
    """Read one indicator row from line ``start``.

    Returns the row (None if it cannot be read), the index of its last line, and what
    was wrong when it could not be read.
    """
    first_tokens = lines[start].text.split()
    level1 = ""
    match = LEVEL1.match(first_tokens[0])
    if match:
        level1 = match.group(1)
        rest = first_tokens[0][match.end():]
        first_tokens = ([rest] if rest else []) + first_tokens[1:]
    elif previous is not None:
        level1 = previous["level1"]
    names: list[tuple[str, int]] = []
    at, tokens = start, first_tokens
    value_at: tuple[int, int] | None = None
    problem = ""
    while value_at is None:
        for n in range(len(tokens)):
            if _is_value_start(tokens, n):
                value_at = (at, n)
                break
            names.append((tokens[n], at))
        if value_at is not None:
            break
        at += 1
        if at >= stop or boundary(at):
            problem = "no nature or value before the next row"
            break
        if _PROSE.search(lines[at].text):
            problem = "its cells run into prose"
            break
        if at - start >= 8:
            problem = "too many lines without a value"
            break
        tokens = lines[at].text.split()
    if value_at is None:
        # Keep the damaged row's own fragments out of the goal when they plainly are
        # cell fragments (no prose, same page, the next row follows); otherwise only its
        # first line is set aside and the rest is read as goal text.
        same_page = all(lines[x].page == lines[start].page for x in range(start, at))
        end = at - 1 if problem.startswith("no nature") and same_page else start
        return None, end, problem
    line_at, n = value_at
    value = _read_value(tokens[n:], line_at, lines, boundary)
    if not (value.nature or value.target):
        return None, value.end, "an operator without a value"
    level2, indicator = _split_names(names, previous if not match else None)
    row = {
        "level1": level1, "level2": level2, "indicator": indicator,
        "nature": value.nature, "operator": value.operator, "target": value.target,
        "unit": value.unit, "page": lines[start].page, "line": lines[start].number,
        "end_line": lines[value.end].number,
    }
    return row, value.end, ""


def _split_names(
    names: list[tuple[str, int]], carry: dict[str, Any] | None
) -> tuple[str, str]:
    """Split the cells between 一级指标 and the value into 二级指标 and 三级指标.

    The 二级指标 is the shortest run of fragments that ends in 指标 (it may wrap:
    "服务对象满意" + "度指标"); the rest is the 三级指标.
    """
    texts = [t for t, _ in names]
    for k in range(1, len(texts) + 1):
        if "".join(texts[:k]).endswith("指标") and k < len(texts):
            return "".join(texts[:k]), _join(names[k:]).replace(" ", "")
    if carry is not None:
        # A row without its merged 一级/二级 cells: every fragment is the 三级指标.
        return carry["level2"], _join(names).replace(" ", "")
    if len(names) >= 2 and names[0][1] == names[1][1]:
        # Separated by a space on one line: two cells even without the 指标 suffix.
        return texts[0], "".join(texts[1:])
    return "", "".join(texts)
