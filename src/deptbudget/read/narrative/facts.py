"""Figures the narrative states, found by keyword-anchored patterns.

A keyword (收入预算, 公务接待费 …; the table is in :mod:`.keywords`), a short gap that may
hold a year or a count but no other keyword, the amount with its unit, and then an optional
comparison with the prior year (比2023年…减少…, 与上年持平; :mod:`.grammar`,
:mod:`.comparison`). A 决算 prints a budget before its actual (:mod:`.final_pairs`). Project
lists and asset counts have patterns of their own (:mod:`.projects`, :mod:`.assets`).
"""

from __future__ import annotations

import re
from decimal import Decimal

from .assets import read_assets
from .comparison import read_comparison
from .final_pairs import PAIR_RE, read_budget_and_actual
from .grammar import (
    CHANGE_ONLY_RE,
    COUNT_IN_RE,
    COUNT_ONLY_RE,
    LEAD_CHANGE_RE,
    LEAD_COMPARE_RE,
    RATE_RE,
    WITH_AMOUNT_RE,
)
from .keywords import COUNT_KEYS, KEY_OF_GROUP, KW_RE
from .projects import read_projects
from .recorder import FactRecorder

__all__ = ["FactReader"]


class FactReader(FactRecorder):
    """Walks the keywords of the joined text and turns their sentences into facts.

    Parameters
    ----------
    joined, year, spans
        As for :class:`~.recorder.FactRecorder`.

    Notes
    -----
    Call :meth:`read` once; the facts and warnings are then in ``facts`` and ``warnings``.
    """

    def read(self) -> None:
        """Read every statement, then the project lists and the asset counts."""
        consumed = 0
        for kw in KW_RE.finditer(self.text):
            # A keyword inside the gap or comparison of a statement already read is part of it.
            if kw.start() < consumed:
                continue
            key = KEY_OF_GROUP[kw.lastgroup or ""]
            end = self.statement(key, kw)
            consumed = max(consumed, end)
        read_projects(self)
        read_assets(self)

    def statement(self, key: str, kw: re.Match[str]) -> int:
        """Read the figures after one keyword; return where the statement ends.

        Parameters
        ----------
        key : str
            The keyword's key.
        kw : re.Match
            The keyword's match in ``self.text``.

        Returns
        -------
        int
            The end of what was read (the keyword's end when nothing was).
        """
        pair = PAIR_RE.match(self.text, kw.end())
        if pair is not None:
            return read_budget_and_actual(self, key, kw, pair)
        match = WITH_AMOUNT_RE.match(self.text, kw.end())
        has_amount = match is not None
        if match is None:
            match = CHANGE_ONLY_RE.match(self.text, kw.end())
        if match is None:
            match = self.change_after_comparison(kw)
        if match is None:
            if key in COUNT_KEYS:
                return self.count_only(key, kw)
            return kw.end()
        groups = match.groupdict()
        gap = groups["gap"] or ""
        year = self.year_of(key, kw, gap)
        clause = self.clause(kw.start(), match.end())
        label = kw.group(0)
        count = None
        if key in COUNT_KEYS:
            found = COUNT_IN_RE.search(gap) or COUNT_IN_RE.search(clause)
            count = int(found.group(1)) if found else None
        current: Decimal | None = None
        if has_amount:
            current = self.amount(groups["cur"], groups["cur_unit"], match.start("cur"), label)
            rate = RATE_RE.match(self.text, match.end("cur_unit"))
            share = self.percent(rate.group("rate"), rate.start("rate"), label) if rate else None
            self.fact(key, year, current, match.start("cur"), clause, count=count, percent=share)
            if key == "procurement_total" and count is not None:
                self.fact("procurement_count", year, None, match.start("cur"), clause, count=count)
        if groups.get("cmp") is not None:  # "" for a comparison said before the keyword
            read_comparison(self, key, year, current, match, clause, label)
        return match.end()

    def change_after_comparison(self, kw: re.Match[str]) -> re.Match[str] | None:
        """"与上年相比，收入支出总计减少12.30万元": the change right after a keyword whose
        sentence opened with the comparison (None when it did not)."""
        begin = max(self.text.rfind(stop, 0, kw.start()) for stop in "。；;") + 1
        lead = LEAD_COMPARE_RE.search(self.text, begin, kw.start())
        return LEAD_CHANGE_RE.match(self.text, kw.end()) if lead is not None else None

    def count_only(self, key: str, kw: re.Match[str]) -> int:
        """"政府采购项目 0 个": a count that is the only figure of its sentence.

        Parameters
        ----------
        key : str
            The keyword's key (one of the keys that carry counts).
        kw : re.Match
            The keyword's match.

        Returns
        -------
        int
            Where the count ends, or the keyword's end when there is none.
        """
        match = COUNT_ONLY_RE.match(self.text, kw.end())
        if match is None:
            return kw.end()
        count = int(match.group("count"))
        year = self.year_of(key, kw, self.text[kw.end() : match.start("count")])
        clause = self.clause(kw.start(), match.end())
        out_key = "procurement_count" if key == "procurement_total" else key
        self.fact(out_key, year, None, match.start("count"), clause, count=count)
        return match.end()
