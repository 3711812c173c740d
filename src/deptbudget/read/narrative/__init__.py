"""Reading the narrative (部门预算情况说明) of a disclosure: who, when, staff, and the figures it states.

The narrative is prose whose lines wrap anywhere, so it is read as one string in
which every character remembers the :class:`~deptbudget.read.sources.text.Line` it came from.
Figures are found by keyword-anchored patterns: a keyword (收入预算, 公务接待费 …), a
short gap that may hold a year or a count but no other keyword, the amount with its
unit, and then an optional comparison with the prior year (比2023年…减少…, 与上年持平).
The patterns describe the family of phrasings used by 部门预算 narratives, not any one
department's sentences.
"""


from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ...core.model import Fact, ReadWarning, Section
from ..sources.text import Line
from .about import read_department, read_staff, read_year
from .facts import FactReader
from .joined import join_lines, read_sections


@dataclass
class NarrativeReading:
    """What the narrative says: who, which year, how many staff, which figures.

    Attributes
    ----------
    department : str or None
        The department's name as printed.
    year : int or None
        The budget year.
    staff : dict of str to int or None
        ``authorized`` (编制), ``actual`` (实际/实有) and ``retired`` (离退休) head counts.
    facts : list of Fact
        Figures stated, amounts in 元, each with the page and line of its amount.
    sections : list of Section
        Headings 一、… (level 1) and （一）… (level 2).
    text : str
        The narrative as one string, spaces between Chinese characters removed.
    warnings : list of ReadWarning
        Amounts the reader recognised but could not read.
    """

    department: str | None
    year: int | None
    staff: dict[str, int | None]
    facts: list[Fact] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    text: str = ""
    warnings: list[ReadWarning] = field(default_factory=list)


# --------------------------------------------------------------------------- entry point


def read_narrative(lines: Sequence[Line], year_hint: int | None = None) -> NarrativeReading:
    """Read the narrative part of a disclosure into facts.

    Parameters
    ----------
    lines : sequence of Line
        The narrative lines (``split_layout(...).narrative``).
    year_hint : int, optional
        The budget year to use when the narrative prints none.

    Returns
    -------
    NarrativeReading
        Department, year, staff, facts (amounts in 元, signed changes as ``<key>_change``),
        sections, the joined text and warnings. Odd text never raises: what could not be
        read is reported in ``warnings``.
    """
    if not lines:
        return NarrativeReading(
            department=None,
            year=year_hint,
            staff={"authorized": None, "actual": None, "retired": None},
        )
    joined = join_lines(lines)
    sections, spans = read_sections(joined)
    year = read_year(joined, year_hint)
    reader = FactReader(joined, year, spans)
    reader.read()
    return NarrativeReading(
        department=read_department(joined, spans),
        year=year,
        staff=read_staff(joined.text),
        facts=reader.facts,
        sections=sections,
        text=joined.text,
        warnings=reader.warnings,
    )
