"""Finding the tables of a PDF disclosure: their titles, units, grids and notes; the rest is
the narrative.

A title is a short line that a layout's title rules name, printed above a ruled grid (with
at most a department line, a unit line or a table mark between). The table runs over the
grids that follow, page after page, until the next title. Its unit is the one its own unit
line states (``单位：元``, ``金额单位：万元``); a table that states none says so. Lines inside
grids are table text; titles, marks, unit and department lines, notes under a table and
page numbers are furniture; every other line is narrative.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..core.money import is_amount
from .document import Document
from .sources.pdf_types import Grid, PdfLine, PdfPage
from .sources.text import Line

_UNIT = re.compile(r"(?:金额|货币)?单位\s*[：:]\s*(万元|千元|亿元|元)")
_DEPT = re.compile(
    r"^(?:编制部门|编制单位|部门名称|部门|单位名称|预算单位|预算主管部门)\s*[：:]\s*(\S.{1,40}?)"
    r"\s*(?:(?:金额)?单位\s*[：:].*)?$"
)
_MARK = re.compile(r"(?:公开\s*(\d{1,2})\s*表|预算\s*(?:表\s*)?(\d{1,2})\s*表?|^附?表\s*(\d{1,2})(?!\d))")
_NOTE = re.compile(r"^(?:注|备注|说明)\s*\d?\s*[：:]|^[：:]“")
_TOC = re.compile(r"…{2,}|\.{6,}|·{6,}")
_PAGE_NUMBER = re.compile(r"^(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页.*|\d{1,4})$")
_ENUM = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}\s*[.．、]|[（(][一二三四五六七八九十\d]{1,3}[)）])\s*"
)
#: A title is short: a department's name, a year and the table's name at most.
MAX_TITLE = 60
#: How far below its title a table's grid may start (department, unit, mark lines between).
MAX_GAP_LINES = 5


@dataclass
class LocatedTable:
    """One table of a PDF: where its title is, its unit and grids.

    Attributes
    ----------
    key : str
        The canonical table key its title names.
    title : str
        The title as printed (enumeration kept).
    number : int or None
        The table's mark (公开04表, 预算04表, 表4), when printed.
    unit : str or None
        The unit its own unit line states; None when it states none.
    file, page, line : str, int, int
        Where the title is.
    grids : list of Grid
        Its grids, in order.
    notes : list of str
        Notes printed under it (注：…).
    department : str or None
        A department named on its 编制部门/部门 line.
    """

    key: str
    title: str
    number: int | None
    unit: str | None
    file: str
    page: int
    line: int
    grids: list[Grid] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    department: str | None = None
    end_line: int | None = None


def _mark_number(text: str) -> int | None:
    found = _MARK.search(text)
    if not found:
        return None
    return int(next(g for g in found.groups() if g))


def _inside(line: PdfLine, grids: Sequence[Grid]) -> bool:
    middle = (line.top + line.bottom) / 2
    centre = (line.x0 + line.x1) / 2
    return any(g.bbox[1] - 1 <= middle <= g.bbox[3] + 1 and g.bbox[0] - 1 <= centre <= g.bbox[2] + 1
               for g in grids)


def title_text(text: str) -> str:
    """A title line without its enumeration (一、), mark (公开01表, 预算01表) and spaces."""
    compact = re.sub(r"\s+", "", text)
    compact = _ENUM.sub("", compact)
    return re.sub(r"公开\d{1,2}表|预算(?:表)?\d{1,2}表?|^附?表\d{1,2}", "", compact)


def _is_title(line: PdfLine, key_of: Callable[[str], str | None]) -> str | None:
    compact = re.sub(r"\s+", "", line.text)
    if len(compact) > MAX_TITLE or _TOC.search(compact) or not re.search(r"表(?:[（(][^)）]*[)）])?$", compact):
        return None
    return key_of(title_text(compact))


@dataclass
class Located:
    """The tables of a PDF document and its narrative lines."""

    tables: list[LocatedTable]
    narrative: list[Line]
    furniture: set[tuple[str, int]] = field(default_factory=set)
    #: Titles printed above table-like lines (a unit line, rows of amounts) but no ruled grid:
    #: tables the reader sees and cannot read (one per key not read elsewhere).
    unread: list[LocatedTable] = field(default_factory=list)


def locate_tables(doc: Document, key_of: Callable[[str], str | None]) -> Located:
    """Find every table of a PDF document and the lines of its narrative.

    Parameters
    ----------
    doc : Document
        The opened files (text files contribute narrative lines only).
    key_of : callable
        The layout's title rules: title text → table key or None.

    Returns
    -------
    Located
        Tables in reading order; the narrative lines (outside grids, not furniture).
    """
    tables: list[LocatedTable] = []
    orphans: list[LocatedTable] = []
    table_lines: set[tuple[str, int]] = set()
    current: LocatedTable | None = None
    pending_mark: int | None = None
    for source in doc.files:
        if source.format != "pdf":
            continue
        pages = sorted((p for (f, _), p in doc.pages.items() if f == source.name), key=lambda p: p.number)
        current = None
        for page in pages:
            current, pending_mark = _scan_page(
                page, source.name, key_of, tables, table_lines, current, pending_mark, orphans
            )
    # A title with no grid after it was a table of contents' entry, or the narrative naming a
    # table: it goes back to the narrative.
    for table in [t for t in tables if not t.grids]:
        table_lines.discard((table.file, table.line))
    tables = [t for t in tables if t.grids]
    for table in tables:
        if table.unit is None:
            table.unit = _header_unit(table.grids[0])
    narrative = [line for line in doc.lines if (line.file, line.number) not in table_lines]
    read_keys = {t.key for t in tables}
    unread: dict[str, LocatedTable] = {}
    for orphan in orphans:
        if orphan.key not in read_keys:
            unread.setdefault(orphan.key, orphan)
    return Located(tables=tables, narrative=narrative, furniture=table_lines, unread=list(unread.values()))



def _scan_page(
    page: PdfPage,
    file: str,
    key_of: Callable[[str], str | None],
    tables: list[LocatedTable],
    table_lines: set[tuple[str, int]],
    current: LocatedTable | None,
    pending_mark: int | None,
    orphans: list[LocatedTable],
) -> tuple[LocatedTable | None, int | None]:
    grids = sorted(page.grids, key=lambda g: g.bbox[1])
    lines = list(page.lines)
    free: list[PdfLine] = []
    for line in lines:
        if _inside(line, grids) or _PAGE_NUMBER.match(line.text.strip()):
            table_lines.add((file, line.number))
        else:
            free.append(line)
    # Events top to bottom: titles (a title line with a grid close below it) and grids.
    events: list[tuple[float, int, object]] = [(g.bbox[1], 1, g) for g in grids]
    for i, line in enumerate(free):
        key = _is_title(line, key_of)
        if key is None:
            continue
        below = [g for g in grids if g.bbox[1] >= line.bottom - 1]
        gap = [ln for ln in free[i + 1:] if below and ln.bottom <= below[0].bbox[1] + 1]
        at_foot = not below and i >= len(free) - MAX_GAP_LINES
        if (below and len(gap) <= MAX_GAP_LINES) or at_foot:
            events.append((line.top, 0, (line, key)))
        elif _table_follows(free, i, key_of):
            orphans.append(LocatedTable(key=key, title=line.text.strip(), number=None, unit=None,
                                        file=file, page=page.number, line=line.number))
    events.sort(key=lambda e: (e[0], e[1]))
    owners: list[tuple[float, float, LocatedTable, str]] = []  # (top, bottom, table, role)
    for n, (_, kind, item) in enumerate(events):
        next_top = events[n + 1][0] if n + 1 < len(events) else float("inf")
        if kind == 0:
            line, key = item  # type: ignore[misc]
            number = _mark_number(line.text)
            current = LocatedTable(
                key=key, title=line.text.strip(), number=number if number is not None else pending_mark,
                unit=None, file=file, page=page.number, line=line.number,
            )
            pending_mark = None
            tables.append(current)
            table_lines.add((file, line.number))
            owners.append((line.bottom, next_top, current, "head"))
        elif current is not None:
            grid: Grid = item  # type: ignore[assignment]
            if not current.grids and current.department is None:
                current.department = _department_row(grid)
            current.grids.append(grid)
            current.end_line = max((r.end_line for r in grid.rows), default=current.end_line)
            owners.append((grid.bbox[3], next_top, current, "foot"))
    for start, stop, table, role in owners:
        _claim(free, file, start, stop, table, role, table_lines)
    for line in free:
        if (file, line.number) not in table_lines and _MARK.search(line.text) and len(line.text) <= 12:
            pending_mark = _mark_number(line.text)
            table_lines.add((file, line.number))
    return current, pending_mark


def _table_follows(free: list[PdfLine], i: int, key_of: Callable[[str], str | None]) -> bool:
    """Whether the lines under title ``free[i]`` look like a table printed without rules: a
    unit line or a row of amounts soon after, and no other title right under it (a table of
    contents lists titles one under another)."""
    after = free[i + 1 : i + 2 + MAX_GAP_LINES]
    if not after or _is_title(after[0], key_of):
        return False
    return any(_UNIT.search(ln.text) or sum(map(is_amount, ln.text.split())) >= 2 for ln in after)


_YEAR_LINE = re.compile(r"^[（(]\s*20\d{2}\s*年度?\s*[)）]$")
_DEPT_LABEL = re.compile(r"^(?:编制部门|编制单位|部门名称|单位名称|预算单位|预算主管部门)[：:]?$")


def _department_row(grid: Grid) -> str | None:
    """The department a table names in its grid's first rows (``部门名称 | 北京市某某局``)."""
    for row in grid.rows[:2]:
        texts = [re.sub(r"\s+", "", c) for c in row.cells if c.strip()]
        if len(texts) == 2 and _DEPT_LABEL.match(texts[0]):
            return texts[1]
    return None


_HEADER_UNIT = re.compile(r"[（(](万元|千元|亿元|元)[)）]|单位\s*[：:]\s*(万元|千元|亿元|元)")


def _header_unit(grid: Grid) -> str | None:
    """The unit a table without a unit line states in its header cells (``总体资金情况（万元）``):
    the first one, above the first amount."""
    for row in grid.rows:
        for cell in row.cells:
            if is_amount(re.sub(r"\s+", "", cell)):
                return None
            found = _HEADER_UNIT.search(cell)
            if found:
                return found.group(1) or found.group(2)
    return None


_HEADING = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）])"
)


def _claim(
    free: Sequence[PdfLine], file: str, top: float, bottom: float, table: LocatedTable, role: str,
    table_lines: set[tuple[str, int]],
) -> None:
    """Give a table the unit, department and mark lines under its title ("head") and the
    notes under its grid ("foot")."""
    in_note = False
    for line in free:
        key = (file, line.number)
        if key in table_lines or line.top < top - 1 or line.top >= bottom:
            continue
        text = re.sub(r"\s{2,}", "  ", line.text.strip())
        if role == "head":
            unit = _UNIT.search(text)
            dept = _DEPT.match(text)
            if unit and table.unit is None:
                table.unit = unit.group(1)
            if dept and table.department is None:
                table.department = dept.group(1).strip()
            if _YEAR_LINE.match(text) and not table.title.endswith(text):
                # A year printed under the title, （2026年度）: the title's own.
                table.title = f"{table.title}{text}"
                table_lines.add(key)
            if unit or dept or (_MARK.search(text) and len(text) <= 12):
                table_lines.add(key)
        elif _NOTE.match(text) or (in_note and not _HEADING.match(text)):
            in_note = True
            table.notes.append(text)
            table_lines.add(key)
        else:
            in_note = False
