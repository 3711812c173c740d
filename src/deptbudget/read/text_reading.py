"""Reading the tables of a text disclosure of the Beijing family (the sample's form).

Text extraction drops empty cells, so a row does not always say which column an amount is
in: the parsers of :mod:`deptbudget.read.tables` return such amounts as ambiguities and
:mod:`deptbudget.read.infer` settles them with evidence, each decision recorded.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from decimal import Decimal

from ..core.classification import classify_dept_econ
from ..core.labels import COLUMN_LABELS
from ..core.model import Disclosure, Inference, TableInfo
from ..core.money import format_yuan_display
from . import infer
from .layout import Layout, TableBlock
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


def read_text_tables(layout: Layout, disclosure: Disclosure) -> dict[str, ParsedTable]:
    """Parse the tables of a Beijing-family text layout and settle their columns.

    Parameters
    ----------
    layout : Layout
        From :func:`deptbudget.read.layout.split_layout`.
    disclosure : Disclosure
        The disclosure being read: its narrative facts are read already (the 公用经费
        figure is evidence for the 人员/公用 columns); its ``unit``, ``table_info``,
        ``inferences`` and warnings are filled here.

    Returns
    -------
    dict of str to ParsedTable
        The parsed tables, by key.
    """
    # The performance tables state their unit only for their funding figures, if at all.
    units = Counter(b.unit for b in layout.tables if b.unit and b.key in PARSERS and b.key not in PERFORMANCE_KEYS)
    disclosure.unit = units.most_common(1)[0][0] if units else "万元"
    for block in layout.tables:
        # A table that prints no unit (the performance tables) uses the disclosure's.
        block.unit = block.unit or disclosure.unit
    parsed = _parse_tables(layout.tables, disclosure)
    return parsed


def settle_text_tables(parsed: dict[str, ParsedTable], disclosure: Disclosure) -> None:
    """Fix vertical project names and infer the columns the text did not print."""
    _fix_project_names(parsed, disclosure)
    disclosure.inferences.extend(_infer_columns(parsed, disclosure))
    for table in parsed.values():
        _settle_total_part(table, disclosure)


def year_from_titles(blocks: list[TableBlock]) -> int | None:
    """The year most table titles print, if any."""
    return _year_from_titles(blocks)


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
            file=block.title_line.file or None,
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


