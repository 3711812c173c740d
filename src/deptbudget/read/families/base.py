"""What a layout family is: how it is recognised, which tables it prints and how each is read.

A family (Beijing 部门预算, Shanghai 部门/单位预算, Jiangsu 部门预算, the Ministry of Finance
部门决算 …) is recognised from the document's own titles and wording, never from a file
name. It names its tables by title words (:class:`TitleRule`), maps each to a canonical
table key, and reads each table's ruled grids with the generic readers of
:mod:`deptbudget.read.grids` configured by its column rules. Supporting another province is
adding one module here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..grids.table import GridTable
from ..tables.parsed import ParsedTable

#: Reads one located table: (grid table, unit, file) → one or more parsed tables (a 三公
#: table may also hold 会议费/培训费 or 机关运行经费 columns, read as tables of their own).
TableReader = Callable[[GridTable, str, str], list[ParsedTable]]

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class TitleRule:
    """A table's title, by its words: all ``needles`` present, no ``forbidden`` word.

    The first rule of a family that matches a title wins, so specific rules come first.
    """

    key: str
    needles: tuple[str, ...]
    forbidden: tuple[str, ...] = ()

    def matches(self, title: str) -> bool:
        """True when the compact ``title`` has every needle and no forbidden word."""
        compact = _SPACE.sub("", title)
        return all(n in compact for n in self.needles) and not any(f in compact for f in self.forbidden)


def title(key: str, *needles: str, forbidden: Sequence[str] = ()) -> TitleRule:
    """Shorthand for :class:`TitleRule`."""
    return TitleRule(key, tuple(needles), tuple(forbidden))


@dataclass(frozen=True)
class Family:
    """A layout family.

    Attributes
    ----------
    name : str
        The value of ``Disclosure.layout`` (``shanghai``, ``jiangsu-2019`` …).
    label : str
        Its Chinese name, for people.
    kind : str
        ``预算`` or ``决算``.
    titles : tuple of TitleRule
        How its tables' titles read, most specific first.
    expected : tuple of str
        The tables of its standard form (completeness is measured against them).
    readers : dict of str to TableReader
        How each table's grids are read.
    recognise : callable
        Document words (compact lines) → a score; the family with the highest score above
        zero is the document's.
    variant : callable or None
        Document words → (layout name, expected tables) where the family has forms that
        differ (Jiangsu 2018 and 2019; Beijing district and municipal).
    """

    name: str
    label: str
    kind: str
    titles: tuple[TitleRule, ...]
    expected: tuple[str, ...]
    readers: dict[str, TableReader] = field(default_factory=dict)
    recognise: Callable[[Sequence[str]], int] = lambda lines: 0
    variant: Callable[[Sequence[str]], tuple[str, tuple[str, ...]]] | None = None

    def form(self, lines: Sequence[str]) -> tuple[str, tuple[str, ...]]:
        """The layout name and expected tables of this document's form of the family."""
        return self.variant(lines) if self.variant is not None else (self.name, self.expected)

    def key_of(self, title_text: str) -> str | None:
        """The table key a title names in this family, or None."""
        for rule in self.titles:
            if rule.matches(title_text):
                return rule.key
        return None


def count(lines: Sequence[str], pattern: str) -> int:
    """How many of ``lines`` match the regular expression ``pattern``."""
    found = re.compile(pattern)
    return sum(1 for line in lines if found.search(line))
