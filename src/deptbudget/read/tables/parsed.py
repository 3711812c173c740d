"""What a table parser returns before cross-table inference."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pandas as pd

from ...core.model import PROVENANCE_COLUMNS, TABLE_COLUMNS, Inference, Place, ReadWarning


@dataclass
class Ambiguity:
    """An amount whose column the text does not say.

    Attributes
    ----------
    row : int
        Index of the row in the parsed records.
    amount : Decimal
        The amount in 元.
    candidates : tuple of str
        The columns it may belong to (``basic_yuan``/``project_yuan`` …).
    """

    row: int
    amount: Decimal
    candidates: tuple[str, ...]


@dataclass
class ParsedTable:
    """Records of one table, its printed totals, and what is left to infer."""

    key: str
    records: list[dict[str, Any]]
    printed_totals: dict[str, Decimal] = field(default_factory=dict)
    totals_place: Place | None = None
    subtotals: list[dict[str, Any]] = field(default_factory=list)
    ambiguities: list[Ambiguity] = field(default_factory=list)
    warnings: list[ReadWarning] = field(default_factory=list)
    inferences: list[Inference] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def warn(self, message: str, page: int | None = None, line: int | None = None,
             code: str = "warning") -> None:
        """Record a warning about this table."""
        self.warnings.append(ReadWarning(message, self.key, page, line, code))

    def frame(self) -> pd.DataFrame:
        """The table's rows as a DataFrame (see :func:`records_frame`)."""
        return records_frame(self.key, self.records)


#: Columns besides ``TABLE_COLUMNS`` that a table's parser always gives its rows; a table
#: printed without rows must still have them, or code reading the frame breaks.
PARSER_COLUMNS: dict[str, list[str]] = {
    "summary": ["printed", "level", "parent"],
    "fiscal_summary": ["printed", "level", "parent"],
    "income": ["unit_name"],
    "three_public": ["item_key", "level"],
}


def records_frame(key: str, records: list[dict[str, Any]]) -> pd.DataFrame:
    """The records of table ``key`` as a frame: its standard columns, then any the parser
    added, then provenance; money columns keep their :class:`~decimal.Decimal` values."""
    columns = TABLE_COLUMNS[key]
    extra: list[str] = [c for c in PARSER_COLUMNS.get(key, []) if c not in columns]
    for record in records:
        for column in record:
            if column not in columns and column not in PROVENANCE_COLUMNS and column not in extra:
                extra.append(column)
    frame = pd.DataFrame.from_records(records, columns=[*columns, *extra, *PROVENANCE_COLUMNS])
    for column in frame.columns:
        if column.endswith("_yuan"):
            frame[column] = frame[column].astype(object)
    return frame
