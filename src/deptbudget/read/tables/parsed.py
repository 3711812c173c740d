"""What a table parser returns before cross-table inference."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ...core.model import Inference, Place, ReadWarning


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
