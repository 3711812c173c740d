"""Reading a PDF disclosure through its ruled grids: locate each table, read it with its
family's reader, and report what could not be read.

Columns are known from the grid, so no column is inferred here; a table whose header the
family's rules do not recognise is reported (``columns_not_matched``) and its rows left
unread, never guessed.
"""

from __future__ import annotations

from decimal import Decimal

from ..core.model import TableInfo
from ..core.money import is_amount, to_yuan
from .families.base import Family
from .grids.table import GridTable, compact, read_grid_table
from .locate import Located, LocatedTable, locate_tables
from .tables.parsed import ParsedTable

#: The unit a table is read in when it prints none (the checks that rest on it are skipped).
ASSUMED_UNIT = "万元"


def read_grid_tables(located: Located, family: Family) -> tuple[dict[str, ParsedTable], dict[str, TableInfo]]:
    """Read every located table with the family's readers.

    Parameters
    ----------
    located : Located
        From :func:`deptbudget.read.locate.locate_tables`.
    family : Family
        The document's layout family.

    Returns
    -------
    (dict of str to ParsedTable, dict of str to TableInfo)
        Parsed tables and their descriptions, by key. A table printed twice keeps its first
        printing (the second is reported); a table without a reader is listed, not read.
    """
    parsed: dict[str, ParsedTable] = {}
    infos: dict[str, TableInfo] = {}
    for table in located.tables:
        reader = family.readers.get(table.key)
        if table.key in infos:
            first = infos[table.key]
            warn_table = ParsedTable(key=table.key, records=[])
            warn_table.warn(
                f"table {table.key} is printed twice (page {first.page} and page {table.page}); the first is used",
                table.page, table.line, code="duplicate_table",
            )
            parsed[table.key].warnings.extend(warn_table.warnings)
            continue
        unit = table.unit or ASSUMED_UNIT
        grid_table = read_grid_table(table.grids, table.file)
        results = _read_one(table, grid_table, reader, unit) if reader is not None else [_unread(table)]
        step = printed_step(grid_table, unit)
        for result in results:
            key = result.key
            info = _info(table, key, unit)
            if step is not None:
                info.extra["precision_yuan"] = step
            if table.unit is None:
                info.extra["unit_stated"] = False
                result.warn(
                    f"the table prints no unit line; its amounts are read as {ASSUMED_UNIT} and the checks "
                    "that rest on them are skipped", table.page, table.line, code="unit_not_stated",
                )
            if table.notes:
                info.extra["table_notes"] = "".join(table.notes)
            parsed.setdefault(key, result)
            infos.setdefault(key, info)
    return parsed, infos


def printed_step(table: GridTable, unit: str) -> Decimal | None:
    """One unit of the last digit the table's amounts print, in 元 (``123.45`` 万元 → 100 元),
    or None for a table printing no amount: the audit's measure of the document's rounding."""
    decimals = None
    for row in table.rows:
        for cell in row.cells:
            text = compact(cell).replace(",", "")
            if text and is_amount(text):
                places = len(text.partition(".")[2])
                decimals = places if decimals is None else max(decimals, places)
    if decimals is None:
        return None
    return to_yuan(Decimal(1).scaleb(-decimals), unit)


def _read_one(table: LocatedTable, grid_table: GridTable, reader: object, unit: str) -> list[ParsedTable]:
    try:
        return reader(grid_table, unit, table.file)  # type: ignore[operator]
    except (ValueError, IndexError, KeyError, TypeError, ArithmeticError) as exc:
        # One table's damage must not cost the others: report it where it stands.
        failed = ParsedTable(key=table.key, records=[])
        failed.warn(f"table {table.key} could not be read ({type(exc).__name__}: {exc}); it is left out",
                    table.page, table.line, code="unreadable_table")
        failed.extra["unread"] = "unreadable_table"
        return [failed]


def _unread(table: LocatedTable) -> ParsedTable:
    result = ParsedTable(key=table.key, records=[])
    result.warn(f"the layout has no reader for table {table.key} ({table.title}); its rows are not read",
                table.page, table.line, code="table_not_read")
    result.extra["unread"] = "no_reader"
    return result


def _info(table: LocatedTable, key: str, unit: str) -> TableInfo:
    return TableInfo(
        key=key, number=table.number, title=table.title, unit=unit, page=table.page, line=table.line,
        end_line=table.end_line, file=table.file, extra={"read_from": "grid"},
    )


__all__ = ["Located", "locate_tables", "read_grid_tables"]
