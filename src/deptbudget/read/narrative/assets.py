"""Assets held (国有资产占用情况): vehicles, costly equipment, floor areas.

They are counts (or 平方米), not money, and are not announced by a keyword of the table in
:mod:`.keywords`, so they are found by patterns of their own.
"""

from __future__ import annotations

import re

from .recorder import FactRecorder

# 共有车辆12台; 单位价值100万元以上的设备3台（套）.
_VEHICLES_RE = re.compile(r"(?:共有|现有|实有|拥有)(?:各类)?(?:车辆|公务用车|汽车)(?:共)?(?P<n>\d{1,5})(?:辆|台)")
_EQUIPMENT_RE = re.compile(
    r"(?<!购置)单(?:价|位价值)(?P<v>\d{1,4})万元(?:[（(]含[)）])?以上(?:的)?(?:通用|专用)?设备"
    r"(?:[（(]不含车辆[)）])?(?:共)?(?P<n>\d{1,5})台[（(]套[)）]"
)
_AREA_RE = re.compile(
    r"(?P<what>办公用房|房屋|土地)(?:建筑)?(?:总)?面积(?:共|合计|为|共计)?(?P<n>\d[\d,]*(?:\.\d+)?)平方米"
)


def read_assets(rec: FactRecorder) -> None:
    """Record ``assets_vehicles``, ``assets_equipment`` and ``assets_area_m2`` counts.

    Parameters
    ----------
    rec : FactRecorder
        The narrative and where the facts go; each count is for the 截至 year of its sentence.
    """
    text = rec.text
    for match in _VEHICLES_RE.finditer(text):
        clause = rec.clause(match.start(), match.end())
        year = rec.as_of(match.start())
        rec.fact("assets_vehicles", year, None, match.start("n"), clause, count=int(match.group("n")))
    for match in _EQUIPMENT_RE.finditer(text):
        clause = rec.clause(match.start(), match.end())
        year = rec.as_of(match.start())
        rec.fact("assets_equipment", year, None, match.start("n"), clause,
                 count=int(match.group("n")), label=f"单价{match.group('v')}万元以上设备")
    for match in _AREA_RE.finditer(text):
        clause = rec.clause(match.start(), match.end())
        year = rec.as_of(match.start())
        # An area can have decimals and is no count: it travels in the label.
        rec.fact("assets_area_m2", year, None, match.start("n"), clause,
                 percent=None, label=f"{match.group('what')}面积（平方米）{match.group('n')}")
