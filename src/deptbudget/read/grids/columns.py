"""Naming a grid table's columns: which column is the code, the name, 合计, 基本支出 …

A layout says, per table, what each canonical field's header contains
(:class:`ColumnRule`); the header labels of a real table are matched against the rules in
order, each column serving one field at most. Matching by words, never by position, lets
the same rule read tables whose columns are ordered or grouped differently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ColumnRule:
    """Which header label a field's column has.

    Attributes
    ----------
    field : str
        The canonical field (``function_code``, ``total_yuan`` …). Several rules may name
        the same field with different words; the first that matches wins. A field ending
        in ``_part`` is one of several code columns (类, 款, 项) joined in order.
    needles : tuple of str
        Words the label must all contain (white space removed). A needle written ``=word``
        must be the label's last part exactly (``=项目`` takes ``收入/项目``, not ``…/项目支出``).
    forbidden : tuple of str
        Words it must not contain.
    last : bool
        Match the last part of the label only (``…/合计``), not anywhere in it.
    """

    field: str
    needles: tuple[str, ...]
    forbidden: tuple[str, ...] = ()
    last: bool = False

    def matches(self, label: str) -> bool:
        """True when ``label`` (compact, ``/``-joined) satisfies the rule."""
        last_part = label.rsplit("/", 1)[-1]
        target = last_part if self.last else label
        for needle in self.needles:
            if needle.startswith("="):
                if last_part != needle[1:]:
                    return False
            elif needle not in target:
                return False
        return not any(f in label for f in self.forbidden)


def rule(field: str, *needles: str, forbidden: Sequence[str] = (), last: bool = False) -> ColumnRule:
    """Shorthand for :class:`ColumnRule`."""
    return ColumnRule(field, tuple(needles), tuple(forbidden), last)


def match_columns(labels: Sequence[str], rules: Sequence[ColumnRule]) -> dict[str, list[int]]:
    """Assign columns to fields.

    Parameters
    ----------
    labels : sequence of str
        The table's column labels, left to right.
    rules : sequence of ColumnRule
        In order of preference.

    Returns
    -------
    dict of str to list of int
        Field → its column (a list of one), or for ``*_part`` fields every matching column
        left to right (类, 款, 项). Fields no column matches are absent.
    """
    used: set[int] = set()
    found: dict[str, list[int]] = {}
    for r in rules:
        if r.field in found and not r.field.endswith("_part"):
            continue
        for k, label in enumerate(labels):
            if k in used or not label or not r.matches(label):
                continue
            used.add(k)
            found.setdefault(r.field, []).append(k)
            if not r.field.endswith("_part"):
                break
    return found
