"""A figure against the prior year: the prior amount, the signed change and its percentage.

比2023年增加3.60万元，增长1.5% gives ``<key>`` for 2023 (when the prior amount is printed)
and ``<key>_change`` for the year of the figure; 与上年持平 gives a change of zero.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .grammar import DOWN_RE
from .recorder import FactRecorder


def read_comparison(rec: FactRecorder, key: str, year: int | None, current: Decimal | None,
                    match: re.Match[str], clause: str, label: str) -> None:
    """Record what the comparison part of a statement says.

    Parameters
    ----------
    rec : FactRecorder
        Where the facts go.
    key : str
        The keyword's key.
    year : int or None
        The year of the figure compared.
    current : Decimal or None
        The figure compared, in 元, when the statement prints it.
    match : re.Match
        The statement's match; its ``cmp`` group is set.
    clause : str
        The sentence, kept with each fact.
    label : str
        The keyword as printed, for warnings.
    """
    groups = match.groupdict()
    if groups["pyear"]:
        prior_year: int | None = int(groups["pyear"])
    else:
        prior_year = year - 1 if year is not None else None
    if groups["prev"]:
        prior = rec.amount(groups["prev"], groups["prev_unit"], match.start("prev"), label)
        rec.fact(key, prior_year, prior, match.start("prev"), clause)
    percent: Decimal | None = None
    if groups["pct"]:
        percent = rec.percent(groups["pct"], match.start("pct"), label)
        if percent is not None and DOWN_RE.match(groups["pdir"]):
            percent = -abs(percent)
    if groups["flat"]:
        # 与上年持平 with only this year's amount printed: the prior year had the same.
        if current is not None and not groups["prev"]:
            rec.fact(key, prior_year, current, match.start("flat"), clause)
        rec.fact(f"{key}_change", year, Decimal(0), match.start("flat"), clause, percent=percent)
        return
    down = bool(DOWN_RE.match(groups["dir"]))
    pos = match.start("chg")
    if groups["chg_pct"]:
        value = rec.percent(groups["chg"], pos, label)
        percent = percent if percent is not None else (
            None if value is None else (-abs(value) if down else value)
        )
        rec.fact(f"{key}_change", year, None, pos, clause, percent=percent)
        return
    change = rec.amount(groups["chg"], groups["chg_unit"], pos, label)
    if change is not None and down:
        change = -abs(change)
    rec.fact(f"{key}_change", year, change, pos, clause, percent=percent)
