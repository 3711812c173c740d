"""Errors raised when a disclosure cannot be read."""

from __future__ import annotations

from pathlib import Path


def describe_place(
    table: str | None, page: int | None, line: int | None, file: str | None = None
) -> str:
    """``file b.pdf, table expenditure, page 8, line 310`` — the parts that are known, or ``""``."""
    where = []
    if file:
        where.append(f"file {file}")
    if table:
        where.append(f"table {table}")
    if page is not None:
        where.append(f"page {page}")
    if line is not None:
        where.append(f"line {line}")
    return ", ".join(where)


class DisclosureError(Exception):
    """A disclosure could not be read.

    The message always names the file and, where known, the place (line, page, table)
    so that a user can open the source and see what went wrong.

    Parameters
    ----------
    path : str or Path or None
        The file being read.
    message : str
        What is wrong, in plain words.
    line, page : int, optional
        1-based line and page in the source.
    table : str, optional
        The table key or number concerned.
    """

    def __init__(
        self,
        path: str | Path | None,
        message: str,
        *,
        line: int | None = None,
        page: int | None = None,
        table: str | None = None,
    ) -> None:
        self.path = str(path) if path is not None else None
        self.reason = message
        self.line = line
        self.page = page
        self.table = table
        super().__init__(self._format())

    def _format(self) -> str:
        where = describe_place(self.table, self.page, self.line)
        place = f" ({where})" if where else ""
        name = self.path or "<input>"
        return f"{name}{place}: {self.reason}"
