"""Project amounts listed in one sentence: 主要项目为X（500,000.00元）、Y（…元）和Z（…元）."""

from __future__ import annotations

import re

from .grammar import NUM, UNIT
from .recorder import FactRecorder

_PROJECT_LIST_RE = re.compile(r"(?:主要|重点)?项目(?:支出)?(?:主要)?(?:为|有|包括|是|如下)[：:]?")
_PROJECT_ITEM_RE = re.compile(
    rf"(?P<name>[^、，,。；;：:]{{2,60}}?)[（(](?P<amt>{NUM})(?P<unit>{UNIT})[)）]"
)
_PROJECT_SEP_RE = re.compile(r"、|，|,|以及|和|及|与")


def read_projects(rec: FactRecorder) -> None:
    """Record each listed project as ``project_amount`` labelled with its name.

    Parameters
    ----------
    rec : FactRecorder
        The narrative and where the facts go; the amounts are for the budget year.
    """
    text = rec.text
    for head in _PROJECT_LIST_RE.finditer(text):
        pos = head.end()
        while item := _PROJECT_ITEM_RE.match(text, pos):
            name = item.group("name").strip()
            # In …，以及Z the comma is the separator and 以及 is left on the name.
            name = re.sub(r"^(?:以及|和|及|与)", "", name)
            amount = rec.amount(item.group("amt"), item.group("unit"), item.start("amt"), name)
            clause = rec.clause(item.start(), item.end())
            rec.fact("project_amount", rec.year, amount, item.start("amt"), clause, label=name)
            sep = _PROJECT_SEP_RE.match(text, item.end())
            if sep is None:
                break
            pos = sep.end()
