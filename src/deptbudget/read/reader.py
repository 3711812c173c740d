"""Reading a disclosure: lines → layout → tables and narrative → one :class:`Disclosure`."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from ..core.classification import classify_dept_econ
from ..core.errors import DisclosureError
from ..core.labels import COLUMN_LABELS, TABLE_LABELS
from ..core.model import (
    TABLE_KEYS,
    Disclosure,
    Inference,
    ReadWarning,
    TableInfo,
)
from ..core.money import format_yuan_display
from . import infer
from .layout import TableBlock, split_layout
from .narrative import read_narrative
from .sources.text import Source, read_source, source_from_bytes
from .tables.coded import TOTAL_PART, parse_basic_by_econ, parse_expenditure, parse_function_table
from .tables.income import parse_income
from .tables.parsed import ParsedTable
from .tables.performance import parse_overall_performance, parse_project_performance
from .tables.projects import parse_projects
from .tables.services import parse_services
from .tables.three_public import parse_three_public
from .tables.transfers import parse_transfers
from .tables.two_sided import parse_two_sided

ZERO = Decimal(0)

PARSERS: dict[str, Callable[[TableBlock], ParsedTable]] = {
    "summary": lambda b: parse_two_sided(b, "summary"),
    "income": parse_income,
    "expenditure": parse_expenditure,
    "projects": parse_projects,
    "fiscal_summary": lambda b: parse_two_sided(b, "fiscal_summary"),
    "general_budget": lambda b: parse_function_table(b, "general_budget"),
    "general_budget_basic": parse_basic_by_econ,
    "gov_fund": lambda b: parse_function_table(b, "gov_fund"),
    "state_capital": lambda b: parse_function_table(b, "state_capital"),
    "three_public": parse_three_public,
    "purchased_services": parse_services,
    "transfer_payments": parse_transfers,
    "overall_performance": parse_overall_performance,
    "project_performance": parse_project_performance,
}


PERFORMANCE_KEYS = frozenset({"overall_performance", "project_performance"})

_YEAR_IN_TITLE = re.compile(r"(20\d{2})\s*年?")


def read_disclosure(path: str | Path) -> Disclosure:
    """Read one department's budget disclosure.

    Parameters
    ----------
    path : str or Path
        A text disclosure (UTF-8 with or without BOM, or GB18030; LF or CRLF).

    Returns
    -------
    Disclosure
        Department, year, tables (money as exact :class:`~decimal.Decimal` 元), narrative
        facts, the inferences made and every warning, each with page and line.

    Raises
    ------
    DisclosureError
        If the file cannot be read as a disclosure at all (missing, empty, binary, of
        unknown encoding, or with neither narrative nor tables).
    """
    return read_source_disclosure(read_source(path))


def read_bytes(data: bytes, name: str = "<input>") -> Disclosure:
    """Read a disclosure from bytes (for tests and callers that hold the file in memory)."""
    return read_source_disclosure(source_from_bytes(data, name))


def read_source_disclosure(source: Source) -> Disclosure:
    """Build a :class:`Disclosure` from decoded source lines (any input format)."""
    layout = split_layout(source.lines)
    disclosure = Disclosure(path=source.path, sha256=source.sha256, encoding=source.encoding)
    narrative = read_narrative(layout.narrative)
    if not layout.tables and not narrative.facts and not narrative.sections:
        raise DisclosureError(
            source.path,
            "no budget table and no narrative heading found: not a 部门预算 disclosure",
            line=source.lines[0].number if source.lines else None,
        )
    disclosure.department = narrative.department
    disclosure.staff = narrative.staff
    disclosure.facts = narrative.facts
    disclosure.sections = narrative.sections
    disclosure.narrative_text = narrative.text
    disclosure.warnings.extend(narrative.warnings)

    # The performance tables state their unit only for their funding figures, if at all.
    units = Counter(b.unit for b in layout.tables if b.unit and b.key in PARSERS and b.key not in PERFORMANCE_KEYS)
    disclosure.unit = units.most_common(1)[0][0] if units else "万元"
    for block in layout.tables:
        # A table that prints no unit (the performance tables) uses the disclosure's.
        block.unit = block.unit or disclosure.unit
    parsed = _parse_tables(layout.tables, disclosure)
    disclosure.year = narrative.year or _year_from_titles(layout.tables)
    if disclosure.year is None:
        disclosure.warn("the budget year is printed nowhere the reader looks", code="no_year")
    if disclosure.department is None:
        disclosure.warn("the department's name was not found in the narrative", code="no_department")

    _fix_project_names(parsed, disclosure)
    disclosure.inferences.extend(_infer_columns(parsed, disclosure))
    for table in parsed.values():
        _settle_total_part(table, disclosure)
    for key, table in parsed.items():
        disclosure.warnings.extend(table.warnings)
        disclosure.tables[key] = table.frame()
        info = disclosure.table_info[key]
        info.rows = len(table.records)
        info.printed_totals = table.printed_totals
        info.totals_place = table.totals_place
        info.subtotals = table.subtotals
        info.extra = {**table.extra, **info.extra}
    for key in TABLE_KEYS:
        if key not in disclosure.table_info:
            disclosure.warn(
                f"table {key} ({TABLE_LABELS[key]}) is missing from the disclosure",
                table=key, code="missing_table",
            )
    _check_totals(disclosure)
    return disclosure


def _parse_tables(blocks: list[TableBlock], disclosure: Disclosure) -> dict[str, ParsedTable]:
    parsed: dict[str, ParsedTable] = {}
    for block in blocks:
        where = {"page": block.title_line.page, "line": block.title_line.number}
        if block.key is None:
            disclosure.warn(
                f"a table whose title is not recognised was skipped: {block.title or block.title_line.text!r}",
                code="unknown_table", **where,
            )
            continue
        if block.key in parsed:
            first = disclosure.table_info[block.key]
            disclosure.warn(
                f"table {block.key} is printed twice (page {first.page} and page {block.title_line.page}); "
                "the first is used",
                table=block.key, code="duplicate_table", **where,
            )
            continue
        try:
            table = _parse_one(block)
        except (ValueError, IndexError, KeyError, TypeError, ArithmeticError) as exc:
            # One table's damage must not cost the others: report it where it stands.
            disclosure.warn(
                f"table {block.key} could not be read ({type(exc).__name__}: {exc}); it is left out",
                table=block.key, code="unreadable_table", **where,
            )
            continue
        parsed[block.key] = table
        disclosure.table_info[block.key] = TableInfo(
            key=block.key,
            number=block.number,
            title=block.title,
            unit=block.unit or "万元",
            page=block.title_line.page,
            line=block.title_line.number,
            end_line=block.body[-1].number if block.body else block.title_line.number,
        )
        if block.notes:
            disclosure.table_info[block.key].extra["table_notes"] = "".join(n.text for n in block.notes)
    return parsed


def _parse_one(block: TableBlock) -> ParsedTable:
    assert block.key is not None
    return PARSERS[block.key](block)


def _year_from_titles(blocks: list[TableBlock]) -> int | None:
    years = Counter(
        int(m.group(1)) for b in blocks for m in [_YEAR_IN_TITLE.search(b.title)] if m
    )
    return years.most_common(1)[0][0] if years else None


def _fix_project_names(parsed: dict[str, ParsedTable], disclosure: Disclosure) -> None:
    """Prefer the performance table's spelling where a vertical name was cut or padded."""
    if "projects" not in parsed or "project_performance" not in parsed:
        return
    performance = parsed["project_performance"]
    names = {p.get("project_name") for p in performance.extra.get("projects", [])}
    names |= {r.get("project_name") for r in performance.records}
    names.discard(None)
    for record in parsed["projects"].records:
        name = record.get("project_name") or ""
        if name in names:
            continue
        matches = [n for n in names if name.endswith(n) or (name and n.endswith(name))]
        if len(matches) == 1:
            disclosure.inferences.append(Inference(
                table="projects", page=record["page"], line=record["line"], column="project_name",
                amount_yuan=record.get("total_yuan") or ZERO,
                evidence=f"竖排项目名称读作“{name}”，按项目支出绩效目标表中的名称“{matches[0]}”校正",
                strong=True,
            ))
            record["project_name"] = matches[0]


def _infer_columns(parsed: dict[str, ParsedTable], disclosure: Disclosure) -> list[Inference]:
    inferences: list[Inference] = []
    projects = parsed["projects"].records if "projects" in parsed else []
    basic_rows = (
        parsed["general_budget_basic"].records if "general_budget_basic" in parsed else []
    )
    if "expenditure" in parsed:
        expenditure = parsed["expenditure"]
        printed = expenditure.printed_totals.get("project_yuan")
        listed = sum((p["total_yuan"] for p in projects if p.get("total_yuan") is not None), ZERO)
        complete = "projects" in parsed and printed is not None and listed == printed
        inferences += infer.resolve(
            expenditure,
            [infer.projects_rule(projects), infer.basic_rows_rule(basic_rows),
             infer.no_project_rule(projects, complete)],
            infer.basic_or_project_default,
        )
    for key in ("general_budget", "gov_fund", "state_capital"):
        if key in parsed:
            expenditure = parsed["expenditure"].records if "expenditure" in parsed else []
            inferences += infer.resolve(
                parsed[key],
                [infer.function_split_rule(expenditure)],
                infer.basic_or_project_default,
            )
    if "general_budget_basic" in parsed:
        table = parsed["general_budget_basic"]
        targets = None
        if not {"personnel_yuan", "public_yuan"} & set(table.printed_totals):
            # Without printed column totals, the narrative's 公用经费 is the next best target.
            fact = disclosure.fact("public_total", disclosure.year)
            if fact is not None and fact.amount_yuan is not None:
                targets = {"public_yuan": (fact.amount_yuan, f"说明第{fact.line}行所述公用经费")}
        inferences += infer.resolve(
            table, [], infer.personnel_or_public_default(classify_dept_econ), targets
        )
    for table in parsed.values():
        inferences += table.inferences
    return inferences


def _settle_total_part(table: ParsedTable, disclosure: Disclosure) -> None:
    """Place the one part a 合计 row printed ("合计 X X") in the column its rows fill."""
    if TOTAL_PART not in table.extra:
        return
    amount, pair = table.extra.pop(TOTAL_PART)
    sums = {c: sum((r.get(c) or ZERO for r in table.records), ZERO) for c in pair}
    matching = [c for c in pair if sums[c] == amount]
    if len(matching) == 1:
        column = matching[0]
        table.printed_totals[column] = amount
        place = table.totals_place
        disclosure.inferences.append(Inference(
            table=table.key, page=place.page if place else 0, line=place.line if place else 0,
            column=column, amount_yuan=amount,
            evidence=f"合计行只印出一个分项金额，各行中只有{COLUMN_LABELS.get(column, column)}之和与之相等",
            strong=True,
        ))
        return
    place = table.totals_place
    disclosure.warn(
        f"the 合计 row prints one part ({format_yuan_display(amount)} 元) without saying its column, "
        f"and {'both columns' if matching else 'neither column'} of the rows add up to it",
        table=table.key, page=place.page if place else None, line=place.line if place else None,
        code="total_mismatch",
    )


def _check_totals(disclosure: Disclosure) -> None:
    """Warn, per table and column, where the rows do not add up to the printed 合计."""
    for key, info in disclosure.table_info.items():
        frame = disclosure.tables.get(key)
        if frame is None or key in ("summary", "fiscal_summary", "income"):
            continue
        if key == "three_public" and "level" in frame.columns:
            # 购置费 and 运行维护费 are printed under 公务用车 as its parts, not beside it.
            frame = frame[frame["level"] == 1]
        for column, printed in info.printed_totals.items():
            if column not in frame.columns:
                continue
            rows_sum = sum((v for v in frame[column] if isinstance(v, Decimal)), ZERO)
            if rows_sum != printed:
                place = info.totals_place
                disclosure.warnings.append(ReadWarning(
                    f"{TABLE_LABELS[key]} column {column}: the rows add up to "
                    f"{format_yuan_display(rows_sum)} 元, the printed total is "
                    f"{format_yuan_display(printed)} 元 (difference "
                    f"{format_yuan_display(printed - rows_sum)} 元)",
                    table=key, page=place.page if place else None,
                    line=place.line if place else None, code="total_mismatch",
                ))
