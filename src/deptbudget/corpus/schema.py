"""The corpus's resources: their fields, Arrow types and Data Package descriptions, said once.

``disclosures``, ``facts`` and ``findings`` have fixed fields; each table resource has the
columns its rows carry (:data:`deptbudget.core.model.TABLE_COLUMNS`, the parser's own, and
provenance), typed by name and value: ``*_yuan`` is money, ``decimal128(18, 2)`` 元; codes and
other text are strings. Every resource has ``disclosure_id`` and a ``row`` number, its primary
key; ``disclosure_id`` is a foreign key into ``disclosures``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pyarrow as pa

from ..core.labels import COLUMN_LABELS, TABLE_LABELS

MONEY = pa.decimal128(18, 2)
#: Exact non-money decimals (percentages as printed, transparency points).
DECIMAL = pa.decimal128(38, 10)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Field:
    """One field: name, Arrow type, Data Package type and description."""

    name: str
    arrow: pa.DataType
    description: str

    @property
    def package_type(self) -> str:
        if pa.types.is_decimal(self.arrow) or pa.types.is_floating(self.arrow):
            return "number"
        if pa.types.is_integer(self.arrow):
            return "integer"
        if pa.types.is_boolean(self.arrow):
            return "boolean"
        return "string"

    def describe(self) -> dict[str, Any]:
        """The field in a Data Package's table schema (money with its unit)."""
        out: dict[str, Any] = {"name": self.name, "type": self.package_type, "description": self.description}
        if self.arrow == MONEY:
            out["unit"] = "元"
        return out


def _f(name: str, arrow: pa.DataType, description: str) -> Field:
    return Field(name, arrow, description)


ID = _f("disclosure_id", pa.string(), "The disclosure: 16 hex digits of the SHA-256 of its input name and files")
ROW = _f("row", pa.int64(), "Row number within the disclosure's rows of this resource, from 0")

DISCLOSURES: tuple[Field, ...] = (
    ID,
    _f("input", pa.string(), "The input's name in the corpus folder (a file, or a folder of one disclosure's files)"),
    _f("status", pa.string(), "ok, or failed when the input could not be read"),
    _f("reason", pa.string(), "Why the input could not be read"),
    _f("department", pa.string(), "The department as the document names it"),
    _f("region", pa.string(), "The region where the document says it"),
    _f("year", pa.int64(), "The budget or final-accounts year"),
    _f("kind", pa.string(), "预算 (budget) or 决算 (final accounts)"),
    _f("layout", pa.string(), "The layout family (beijing, shanghai, jiangsu-2018, jiangsu-2019, mof-final)"),
    _f("entity_level", pa.string(), "部门 (department) or 单位 (unit)"),
    _f("files", pa.string(), "The source files, in reading order, joined by ' | '"),
    _f("sha256", pa.string(), "Their SHA-256, in the same order, joined by ' | '"),
    _f("package_version", pa.string(), "The deptbudget version that read it"),
    _f("tables_read", pa.int64(), "Tables read"),
    _f("warnings", pa.int64(), "Reading warnings"),
    _f("transparency_points", DECIMAL, "Transparency score: completeness points earned"),
    _f("transparency_max", DECIMAL, "Transparency score: the points that could be assessed"),
    _f("audit_pass", pa.int64(), "Audit findings that pass"),
    _f("audit_fail", pa.int64(), "Audit findings that fail (a disagreement printed in the document)"),
    _f("audit_warn", pa.int64(), "Audit findings that warn (the document's own rounding, for example)"),
    _f("audit_skipped", pa.int64(), "Audit checks skipped, with their reasons in findings"),
    _f("income_total_yuan", MONEY, "收入预算 (or 决算), 元"),
    _f("expenditure_total_yuan", MONEY, "支出预算 (or 决算), 元"),
    _f("basic_yuan", MONEY, "基本支出, 元"),
    _f("project_yuan", MONEY, "项目支出, 元"),
    _f("personnel_yuan", MONEY, "人员经费, 元"),
    _f("public_yuan", MONEY, "公用经费, 元"),
    _f("three_public_yuan", MONEY, "“三公”经费, 元"),
    _f("staff_authorized", pa.int64(), "编制人数"),
    _f("staff_actual", pa.int64(), "实有人数"),
    _f("n_projects", pa.int64(), "Projects listed"),
)
FACTS: tuple[Field, ...] = (
    ID, ROW,
    _f("key", pa.string(), "What the figure is (income_total, three_public_vehicles, …; *_change for a change)"),
    _f("year", pa.int64(), "The year the figure is for"),
    _f("amount_yuan", MONEY, "The amount, 元"),
    _f("count", pa.int64(), "A count the sentence gives (projects, vehicles)"),
    _f("percent", DECIMAL, "A percentage the sentence gives, as printed"),
    _f("label", pa.string(), "The item's own name where the sentence gives one"),
    _f("file", pa.string(), "Source file"),
    _f("page", pa.int64(), "Page"),
    _f("line", pa.int64(), "Line"),
    _f("text", pa.string(), "The sentence"),
)
FINDINGS: tuple[Field, ...] = (
    ID, ROW,
    _f("check", pa.string(), "The check (total.summary.income_current_total_yuan, …)"),
    _f("status", pa.string(), "pass, fail, warn or skipped"),
    _f("tables", pa.string(), "Tables the check rests on, joined by ' | '"),
    _f("expected_yuan", MONEY, "The figure the check expects, 元"),
    _f("actual_yuan", MONEY, "The figure found, 元"),
    _f("difference_yuan", MONEY, "actual − expected, 元"),
    _f("message", pa.string(), "The finding, in Chinese"),
)
#: Table columns that are always whole numbers (provenance).
INTEGER_COLUMNS = frozenset({"page", "line", "end_line"})


def _whole(value: Any) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool)) or (
        isinstance(value, float) and value.is_integer())


def table_fields(key: str, rows: list[dict[str, Any]]) -> tuple[Field, ...]:
    """The fields of table resource ``key``: ``disclosure_id``, ``row``, then its rows' columns."""
    columns: list[str] = []
    for row in rows:
        columns.extend(c for c in row if c not in columns and c not in ("disclosure_id", "row"))
    fields = [ID, ROW]
    for column in columns:
        values = [r.get(column) for r in rows if r.get(column) is not None]
        label = COLUMN_LABELS.get(column, column)
        if column.endswith("_yuan"):
            fields.append(_f(column, MONEY, f"{label}, 元"))
        elif column in INTEGER_COLUMNS or (values and all(_whole(v) for v in values)):
            fields.append(_f(column, pa.int64(), label))
        elif values and all(isinstance(v, bool) for v in values):
            fields.append(_f(column, pa.bool_(), label))
        else:
            fields.append(_f(column, pa.string(), label))
    return tuple(fields)


def table_title(key: str) -> str:
    """A table resource's title (the table's Chinese name)."""
    return TABLE_LABELS.get(key, key)


def _cell(value: Any, field: Field) -> Any:
    if value is None:
        return None
    if field.arrow == MONEY:
        exact = Decimal(value)
        if exact != exact.quantize(CENT):
            raise ValueError(f"{field.name}: {value} is not a whole number of fen")
        return exact.quantize(CENT)
    if pa.types.is_decimal(field.arrow):
        return Decimal(value)
    if pa.types.is_integer(field.arrow):
        return int(value)
    if pa.types.is_boolean(field.arrow):
        return bool(value)
    return str(value)


def to_arrow(rows: list[dict[str, Any]], fields: tuple[Field, ...]) -> pa.Table:
    """Rows as an Arrow table of exactly ``fields`` (missing values null; money exact to the fen)."""
    schema = pa.schema([pa.field(f.name, f.arrow) for f in fields])
    columns = {f.name: [_cell(r.get(f.name), f) for r in rows] for f in fields}
    return pa.Table.from_pydict(columns, schema=schema)
