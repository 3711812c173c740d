"""A 决算's budget-then-actual sentence: 年初预算为1.20万元，支出决算为0.80万元，完成预算的66.67%.

The budget is recorded as ``<key>_budget`` and the actual as ``<key>`` carrying the printed
完成预算% as its percent, so that the audit can check the rate against the two amounts.
"""

from __future__ import annotations

import re

from .grammar import GAP, NUM, UNIT
from .recorder import FactRecorder

#: The pair after a keyword; the rate is optional.
PAIR_RE = re.compile(
    rf"{GAP}(?:年初|全年)?预算(?:数)?为(?P<bud>{NUM})(?P<bud_unit>{UNIT})[，,]"
    rf"[^。；;，,\d]{{0,12}}?决算(?:数)?为(?P<act>{NUM})(?P<act_unit>{UNIT})"
    rf"(?:[，,]完成(?:年初)?预算的(?P<rate>{NUM})%)?"
)


def read_budget_and_actual(rec: FactRecorder, key: str, kw: re.Match[str], pair: re.Match[str]) -> int:
    """Record a budget/actual pair printed after a keyword.

    Parameters
    ----------
    rec : FactRecorder
        Where the facts go.
    key : str
        The keyword's key.
    kw : re.Match
        The keyword's match.
    pair : re.Match
        :data:`PAIR_RE` matched right after the keyword.

    Returns
    -------
    int
        Where the statement ends in ``rec.text``.
    """
    label = kw.group(0)
    year = rec.year_of(key, kw, pair.group("gap") or "")
    clause = rec.clause(kw.start(), pair.end())
    budget = rec.amount(pair.group("bud"), pair.group("bud_unit"), pair.start("bud"), label)
    actual = rec.amount(pair.group("act"), pair.group("act_unit"), pair.start("act"), label)
    rate = rec.percent(pair.group("rate"), pair.start("rate"), label) if pair.group("rate") else None
    rec.fact(f"{key}_budget", year, budget, pair.start("bud"), clause)
    rec.fact(key, year, actual, pair.start("act"), clause, percent=rate)
    return pair.end()
