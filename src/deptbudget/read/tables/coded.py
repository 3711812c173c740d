"""Tables whose rows are identified by classification codes (支出总表, 一般公共预算支出表,
一般公共预算基本支出表, 政府性基金 and 国有资本经营 tables).

Empty cells vanish in the text, so a row printing fewer amounts than the table has
columns leaves the reader to infer where they belong; such amounts are returned as
:class:`Ambiguity` for :mod:`deptbudget.read.infer` to settle with evidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ...core.classification import dept_econ_name, function_name, gov_econ_name
from ...core.model import Place
from ...core.money import money_in_yuan
from ..layout import TableBlock
from ..sources.text import Line
from .codes import ROW_START_RE, first_of, leaf_flags, level_of, split_codes
from .columns import column_order
from .parsed import Ambiguity, ParsedTable
from .rows import RawRow, assemble_rows, split_amounts

ZERO = Decimal(0)
_REFERENCE_NAME = {"function": function_name, "gov_econ": gov_econ_name, "dept_econ": dept_econ_name}
#: ``extra`` key of the one part a 合计 row printed without saying its column.
TOTAL_PART = "total_part_yuan"
_TOTAL_START = re.compile(r"^(?:合\s*计|总\s*计)")


def _starts_coded_row(line: Line) -> bool:
    if ROW_START_RE.match(line.text):
        return True
    # A 合计 label in the header is not the totals row: that one carries amounts.
    text, tail = split_amounts(line.text)
    return bool(tail) and (not text or bool(_TOTAL_START.match(text)))


def _codes_of(row: RawRow) -> tuple[str, list[tuple[str, str, str]]]:
    """The row's codes and names, a wrapped cell's end (printed after the amounts) put back
    into the cell it completes."""
    fragments = [re.sub(r"\s+", "", f) for f in row.fragments]
    tail_count = len(row.continued)
    if not tail_count:
        return split_codes("".join(fragments))
    prefix, codes = split_codes("".join(fragments[:-tail_count]))
    if not codes:
        return split_codes("".join(fragments))
    tail = "".join(fragments[-tail_count:])
    at = _cell_completed_by(codes, tail)
    scheme, code, name = codes[at]
    codes[at] = (scheme, code, name + tail)
    return prefix, codes


def _cell_completed_by(codes: list[tuple[str, str, str]], tail: str) -> int:
    """Which cell ``tail`` ends: the one whose reference name it completes, else the last."""
    exact, cut = [], []
    for i, (scheme, code, name) in enumerate(codes):
        reference = _REFERENCE_NAME[scheme](code)
        if not reference:
            continue
        if reference == name + tail:
            exact.append(i)
        elif reference != name and reference.startswith(name):
            cut.append(i)
    for found in (exact, cut):
        if len(found) == 1:
            return found[0]
    return len(codes) - 1


def _yuan(values: Sequence[Decimal | None], unit: str) -> list[Decimal | None]:
    return [money_in_yuan(v, unit) for v in values]


def _note_damage(table: ParsedTable, row: RawRow) -> None:
    for token in row.damaged:
        table.warn(
            f"damaged amount {token!r}: not a number, read as missing",
            row.page, row.end_line, code="damaged_amount",
        )


def _empty_body(rows: list[RawRow]) -> bool:
    """A table printed empty: no row has text, and every amount is zero."""
    return all(not r.text and all((a or ZERO) == 0 for a in r.amounts) for r in rows)


def _split_parts(
    table: ParsedTable,
    record: dict[str, Any],
    amounts: list[Decimal | None],
    columns: list[str],
    pair: tuple[str, str],
    row: RawRow,
    index: int,
) -> None:
    """Place a row's amounts in ``columns`` (total first), flagging the undecidable ones."""
    total_col = columns[0]
    for column in columns:
        record[column] = None
    if not amounts:
        table.warn("row prints no amount", row.page, row.line, code="no_amount")
        return
    record[total_col] = amounts[0]
    rest = amounts[1:]
    if len(rest) >= 2:
        for column, value in zip(columns[1:], rest, strict=False):
            record[column] = value
        parts = [record[c] or ZERO for c in pair]
        if record[total_col] is not None and sum(parts, ZERO) != record[total_col]:
            table.warn(
                f"{pair[0]} + {pair[1]} = {sum(parts, ZERO)} 元 but the row's total is "
                f"{record[total_col]} 元",
                row.page, row.end_line, code="row_parts",
            )
        return
    # One part printed (or none): it is the whole total, in a column the text does not name.
    value = rest[0] if rest else amounts[0]
    if value is None:
        return
    if record[total_col] is not None and value != record[total_col]:
        table.warn(
            f"the row prints a total of {record[total_col]} 元 and one part of {value} 元; "
            "the other part is missing",
            row.page, row.end_line, code="row_parts",
        )
    table.ambiguities.append(Ambiguity(index, value, pair))


def _totals(
    table: ParsedTable, row: RawRow, columns: list[str], unit: str, pair: tuple[str, str]
) -> None:
    amounts = _yuan(row.amounts, unit)
    table.totals_place = Place(row.lines[-1].page, row.end_line)
    if len(amounts) == 2 and set(columns[1:3]) == set(pair) and amounts[0] != 0:
        # "合计 X X": one part printed, the other empty — like a line row, the text does not
        # say which; settled once the rows' columns are (see TOTAL_PART).
        table.printed_totals = {columns[0]: amounts[0]} if amounts[0] is not None else {}
        if amounts[1] is not None:
            table.extra[TOTAL_PART] = (amounts[1], pair)
        return
    table.printed_totals = {
        column: value for column, value in zip(columns, amounts, strict=False) if value is not None
    }


def _split_subtotals(table: ParsedTable, code_column: str) -> None:
    """Move rows whose code prefixes another row's code (类/款 subtotals) out of the records."""
    flags = leaf_flags([r.get(code_column) for r in table.records])
    if all(flags):
        return
    keep, index_map = [], {}
    for old, (record, leaf) in enumerate(zip(table.records, flags, strict=True)):
        if leaf:
            index_map[old] = len(keep)
            keep.append(record)
        else:
            table.subtotals.append(record)
    table.records = keep
    table.ambiguities = [
        Ambiguity(index_map[a.row], a.amount, a.candidates)
        for a in table.ambiguities
        if a.row in index_map
    ]


def parse_coded(
    block: TableBlock,
    key: str,
    *,
    amount_columns: list[str],
    labels: dict[str, str],
    pair: tuple[str, str],
    code_fields: Sequence[str],
    leaf_code: str,
) -> ParsedTable:
    """Parse a table of code-identified rows.

    Parameters
    ----------
    block : TableBlock
        The table's lines.
    key : str
        The table key.
    amount_columns : list of str
        Money columns in their standard order, total first.
    labels : dict of str to str
        Header label regex for each column whose order the header may change.
    pair : tuple of str
        The two part columns whose sum is the total (basic/project, personnel/public).
    code_fields : sequence of str
        Schemes whose code and name the rows carry (``function``, ``gov_econ``, ``dept_econ``).
    leaf_code : str
        The code column that tells subtotal rows from line items.
    """
    unit = block.unit or "万元"
    table = ParsedTable(key=key, records=[])
    header, rows, leftover = assemble_rows(
        block.body, starts_row=_starts_coded_row, continuations=True
    )
    header_text = "".join(re.sub(r"\s+", "", line.text) for line in header)
    ordered = column_order(header_text, labels, list(labels))
    columns = [amount_columns[0], *ordered, *[c for c in amount_columns[1:] if c not in ordered]]
    if rows and _empty_body(rows):
        _totals(table, rows[-1], columns, unit, pair)
        return table
    for row in rows:
        _note_damage(table, row)
        if row.is_total or _TOTAL_START.match(row.text):
            _totals(table, row, columns, unit, pair)
            continue
        _prefix, codes = _codes_of(row)
        if not codes:
            table.warn(
                f"row without a classification code skipped: {row.spaced_text[:60]!r}",
                row.page, row.line, code="unparsed_row",
            )
            continue
        record: dict[str, Any] = {}
        for scheme in code_fields:
            code, name = first_of(codes, scheme)
            record[f"{scheme}_code"] = code
            record[f"{scheme}_name"] = name
        record["level"] = level_of(record.get(leaf_code) or "")
        _split_parts(table, record, _yuan(row.amounts, unit), columns, pair, row, len(table.records))
        record.update(page=row.page, line=row.line, end_line=row.end_line)
        table.records.append(record)
    for line in leftover:
        table.warn(
            f"text after the last row, not part of any row: {line.text[:60]!r}",
            line.page, line.number, code="unparsed_row",
        )
    _split_subtotals(table, leaf_code)
    return table


BASIC_PROJECT = {"basic_yuan": r"基本支出", "project_yuan": r"项目支出"}
PERSONNEL_PUBLIC = {"personnel_yuan": r"人员经费", "public_yuan": r"公用经费"}


def parse_expenditure(block: TableBlock) -> ParsedTable:
    """Parse 部门支出总表 (key ``expenditure``)."""
    return parse_coded(
        block, "expenditure",
        amount_columns=[
            "total_yuan", "basic_yuan", "project_yuan",
            "business_yuan", "remit_upper_yuan", "subsidiary_yuan",
        ],
        labels=BASIC_PROJECT, pair=("basic_yuan", "project_yuan"),
        code_fields=("function", "gov_econ", "dept_econ"), leaf_code="function_code",
    )


def parse_function_table(block: TableBlock, key: str) -> ParsedTable:
    """Parse a table by function classification (一般公共预算 / 政府性基金 / 国有资本经营)."""
    return parse_coded(
        block, key,
        amount_columns=["total_yuan", "basic_yuan", "project_yuan"],
        labels=BASIC_PROJECT, pair=("basic_yuan", "project_yuan"),
        code_fields=("function", "gov_econ", "dept_econ"), leaf_code="function_code",
    )


def parse_basic_by_econ(block: TableBlock) -> ParsedTable:
    """Parse 一般公共预算基本支出表 (key ``general_budget_basic``)."""
    return parse_coded(
        block, "general_budget_basic",
        amount_columns=["total_yuan", "personnel_yuan", "public_yuan"],
        labels=PERSONNEL_PUBLIC, pair=("personnel_yuan", "public_yuan"),
        code_fields=("gov_econ", "dept_econ"), leaf_code="dept_econ_code",
    )
