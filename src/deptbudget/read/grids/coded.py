"""Ruled tables whose rows are classification codes: by 功能分类 (2xx) or 部门经济分类 (3xx).

Codes are printed in one column (``2010301``, ``2010801-行政运行``) or split over 类/款/项
columns (``201 | 03 | 01``). A table may print its 类 and 款 rows among the 项 rows: a row whose
code another row's code extends is a subtotal, kept in ``subtotals`` and out of the rows, so
that summing the rows never counts money twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ...core.classification import dept_econ_name, function_name, gov_econ_name
from ...core.model import Place
from ..tables.codes import leaf_flags, level_of
from ..tables.parsed import ParsedTable
from .cells import DamagedAmount, amount_in_yuan, code_and_name, joined_code
from .columns import ColumnRule, match_columns
from .table import TOTAL_WORDS, BodyRow, GridTable, compact

_REFERENCE = {"function": function_name, "dept_econ": dept_econ_name, "gov_econ": gov_econ_name}
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class CodedSpec:
    """How to read one coded table.

    Attributes
    ----------
    key : str
        The canonical table key.
    schemes : tuple of str
        Code columns in the row, ``function``, ``gov_econ`` or ``dept_econ``; the first is the
        row's identity (hierarchy, level).
    columns : tuple of ColumnRule
        Rules for ``<scheme>_code`` (one column), ``<scheme>_code_part`` (类/款/项 columns),
        ``<scheme>_name`` and the amount fields (``*_yuan``).
    amounts : tuple of str
        The amount fields the table should have; those no column matches are left out.
    required : tuple of str
        Fields without which the table is not read (it is reported instead).
    """

    key: str
    schemes: tuple[str, ...]
    columns: tuple[ColumnRule, ...]
    amounts: tuple[str, ...]
    required: tuple[str, ...] = ("total_yuan",)


def _code_of(row: BodyRow, cols: dict[str, list[int]], scheme: str) -> tuple[str | None, str | None]:
    if f"{scheme}_code_part" in cols:
        code = joined_code([row.cells[k] for k in cols[f"{scheme}_code_part"]])
        return code, None
    if f"{scheme}_code" in cols:
        return code_and_name(row.cells[cols[f"{scheme}_code"][0]])
    return None, None


def _label_text(row: BodyRow, cols: dict[str, list[int]], fields: Sequence[str]) -> str:
    ks = [k for f in fields for k in cols.get(f, [])]
    return "".join(compact(row.cells[k]) for k in ks)


def read_coded(table: GridTable, spec: CodedSpec, unit: str, file: str) -> ParsedTable:
    """Read a coded grid table into records of ``spec.key``.

    Parameters
    ----------
    table : GridTable
        The assembled grids.
    spec : CodedSpec
        Which columns hold what.
    unit : str
        The table's unit, from its own unit line.
    file : str
        The file the table is in (provenance).

    Returns
    -------
    ParsedTable
        Leaf rows as records (codes as text, amounts as exact 元, blanks as 0.00 in an
        amount column the table has), 类/款 rows in ``subtotals``, the 合计 row's amounts
        in ``printed_totals``; a row that cannot be read is reported in ``warnings``.
    """
    parsed = ParsedTable(key=spec.key, records=[])
    cols = match_columns(table.labels, spec.columns)
    missing = [f for f in spec.required if f not in cols]
    main = spec.schemes[0]
    if f"{main}_code" not in cols and f"{main}_code_part" not in cols:
        missing.append(f"{main}_code")
    if missing:
        parsed.warn(
            f"the columns {', '.join(missing)} were not found in the header "
            f"({' | '.join(table.labels)}); the table's rows are not read",
            code="columns_not_matched",
        )
        parsed.extra["unread"] = "columns_not_matched"
        return parsed
    amount_fields = [f for f in spec.amounts if f in cols]
    rows: list[dict[str, Any]] = []
    for row in table.rows:
        record: dict[str, Any] = {}
        for scheme in spec.schemes:
            code, name = _code_of(row, cols, scheme)
            printed_name = compact(row.cells[cols[f"{scheme}_name"][0]]) if f"{scheme}_name" in cols else None
            record[f"{scheme}_code"] = code
            record[f"{scheme}_name"] = printed_name or name
        label = _label_text(row, cols, [f"{main}_code", f"{main}_code_part", f"{main}_name"])
        amounts = _amounts(row, cols, amount_fields, unit, parsed)
        place = {"file": file, "page": row.page, "line": row.line, "end_line": row.end_line}
        if TOTAL_WORDS.match(label) or (not record[f"{main}_code"] and TOTAL_WORDS.match(label.rstrip("：:"))):
            for f, v in amounts.items():
                if v is not None:
                    parsed.printed_totals[f] = v
            parsed.totals_place = Place(row.page, row.end_line, file)
            continue
        if not record[f"{main}_code"]:
            if any(v is not None for v in amounts.values()):
                parsed.warn(f"a row with amounts but no code: {' '.join(c for c in row.cells if c)}",
                            row.page, row.line, code="unparsed_row")
                parsed.extra.setdefault("unplaced_rows", []).append(place)
            elif label:
                parsed.extra.setdefault("row_notes", []).append(label)
            continue
        for f in amount_fields:
            record[f] = amounts[f] if amounts[f] is not None else ZERO
        record.update(place)
        rows.append(record)
    flags = leaf_flags([r[f"{main}_code"] for r in rows])
    for record, leaf in zip(rows, flags, strict=True):
        code = record[f"{main}_code"]
        if not record.get(f"{main}_name"):
            record[f"{main}_name"] = _REFERENCE[main](code)
        if main == "function":
            record["level"] = level_of(code)
        if leaf:
            parsed.records.append(record)
        else:
            parsed.subtotals.append({"code": code, "name": record[f"{main}_name"],
                                     **{f: record[f] for f in amount_fields},
                                     "page": record["page"], "line": record["line"]})
    return parsed


def _amounts(
    row: BodyRow, cols: dict[str, list[int]], fields: Sequence[str], unit: str, parsed: ParsedTable
) -> dict[str, Decimal | None]:
    out: dict[str, Decimal | None] = {}
    for f in fields:
        text = row.cells[cols[f][0]]
        try:
            out[f] = amount_in_yuan(text, unit)
        except DamagedAmount:
            parsed.warn(f"damaged amount {text!r} in column {f}: read as missing",
                        row.page, row.line, code="damaged_amount")
            out[f] = None
    return out


def subtotal_gaps(parsed: ParsedTable, scheme: str, fields: Sequence[str]) -> list[dict[str, Any]]:
    """Where a printed 类/款 row differs from the rows one level below it.

    Parameters
    ----------
    parsed : ParsedTable
        A coded table as :func:`read_coded` returns it (leaves in ``records``, 类/款 rows in
        ``subtotals``).
    scheme : str
        The rows' code scheme (``function``, ``dept_econ``).
    fields : sequence of str
        Amount fields to compare.

    Returns
    -------
    list of dict
        One per (subtotal, field) that differs: ``code``, ``name``, ``field``, ``printed``,
        ``parts`` (the sum of the rows one level below), ``count`` (how many), ``page``, ``line``.
        These are the document's own figures; the caller reports them.
    """
    coded = [(s["code"], s) for s in parsed.subtotals] + [(r[f"{scheme}_code"], r) for r in parsed.records]
    gaps = []
    for sub in parsed.subtotals:
        code = sub["code"]
        below = [(c, item) for c, item in coded if c and c != code and c.startswith(code)]
        if not below:
            continue
        width = min(len(c) for c, _ in below)
        children = [item for c, item in below if len(c) == width]
        for f in fields:
            printed = sub.get(f)
            if not isinstance(printed, Decimal):
                continue
            parts = sum((item.get(f) or ZERO for item in children), ZERO)
            if parts != printed:
                gaps.append({"code": code, "name": sub.get("name"), "field": f, "printed": printed,
                             "parts": parts, "count": len(children), "page": sub.get("page"),
                             "line": sub.get("line")})
    return gaps
