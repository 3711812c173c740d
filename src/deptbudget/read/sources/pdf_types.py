"""The PDF source layer's output: pages of numbered text lines and ruled grids.

All coordinates are PDF points on the displayed page, measured from its top-left
corner (``top`` grows downwards), as in pdfplumber.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Word:
    """A run of characters on one line without a wide gap, a space or a rule inside.

    Attributes
    ----------
    text : str
        The characters, full-width digits folded to ASCII.
    x0, x1, top, bottom : float
        The run's box.
    """

    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(frozen=True, slots=True)
class PdfLine:
    """One text line of a page.

    Attributes
    ----------
    number : int
        Running 1-based line number from the start of the file: page 1's first line is 1
        and numbering goes on across pages.
    page : int
        1-based page number.
    text : str
        The line's words left to right. Words are separated by one space, or by two where
        the gap is a column gap (at least 1.5 character heights, or a vertical rule lies
        between), so table cells stay apart as in ``pdftotext -layout``.
    top, bottom, x0, x1 : float
        The line's box.
    words : tuple of Word
        The words, left to right.
    """

    number: int
    page: int
    text: str
    top: float
    bottom: float
    x0: float
    x1: float
    words: tuple[Word, ...]


@dataclass(frozen=True)
class GridRow:
    """One row of a ruled table.

    Attributes
    ----------
    cells : tuple of str
        One string per grid column. A cell spanning several columns has its text in its
        first column and ``""`` in the others. A cell spanning several rows has its text
        in its first row and ``""`` below. Lines of a wrapped cell are joined without a
        separator (Chinese does not use one); only two Latin words get a space between.
    spans : tuple of int
        The number of grid columns taken by the cell starting at each column, ``0`` for a
        column covered by a cell starting further left. In a row covered by a cell from
        above, the covering cell's spans are repeated, so the column structure reads the
        same in every row the cell covers.
    top, bottom : float
        The row's vertical extent.
    line, end_line : int
        Running line numbers (as :attr:`PdfLine.number`) of the first and last text line
        with characters in the row's cells. A cell spanning several rows gives its text,
        and so its lines, to its first row. An empty row gets the number of the last line
        above it (or of the page's first line when there is none) for both.
    page : int
        1-based page number.
    """

    cells: tuple[str, ...]
    spans: tuple[int, ...]
    top: float
    bottom: float
    line: int
    end_line: int
    page: int


@dataclass(frozen=True)
class Grid:
    """One ruled table on one page.

    A table continued on the next page is a separate grid there; a page may hold several
    grids, kept apart in top-to-bottom order.

    Attributes
    ----------
    page : int
        1-based page number.
    bbox : tuple of float
        ``(x0, top, x1, bottom)`` of the grid.
    columns : tuple of (float, float)
        x ranges of the grid's finest columns, left to right.
    rows : tuple of GridRow
        Top to bottom, header rows included.
    ruled_rows : bool
        False when a ruled row of the grid held several logical rows (a body drawn with
        vertical rules only) and was split at its text lines.
    """

    page: int
    bbox: tuple[float, float, float, float]
    columns: tuple[tuple[float, float], ...]
    rows: tuple[GridRow, ...]
    ruled_rows: bool


@dataclass(frozen=True)
class PdfPage:
    """One page: all its text lines (grid text included) and its grids.

    Attributes
    ----------
    number : int
        1-based page number.
    width, height : float
        Size of the displayed page (rotation applied), in points.
    lines : tuple of PdfLine
        All text lines top to bottom, including those inside grids. Empty for a page
        without a text layer.
    grids : tuple of Grid
        Ruled tables, top to bottom.
    """

    number: int
    width: float
    height: float
    lines: tuple[PdfLine, ...]
    grids: tuple[Grid, ...]


@dataclass(frozen=True)
class PdfDocument:
    """A PDF disclosure read into pages.

    Attributes
    ----------
    path : Path
        The file read (or the name given for bytes).
    sha256 : str
        Hex SHA-256 of the file's bytes.
    pages : tuple of PdfPage
        Every page of the file, in order.
    """

    path: Path
    sha256: str
    pages: tuple[PdfPage, ...]
