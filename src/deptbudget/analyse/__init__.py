"""Analysis of one disclosure: breakdowns, splits, 三公, projects, per head, year on year,
performance indicators. Every function takes a :class:`~deptbudget.core.model.Disclosure` and
returns a tidy :class:`pandas.DataFrame` (money exact, ``Decimal`` 元).

Layer: may import :mod:`deptbudget.core` and :mod:`deptbudget.audit`; never the layers above
(``brief``, ``render``, ``cli``).

Modules: :mod:`.breakdowns` (classification), :mod:`.splits` (basic/project, personnel/public),
:mod:`.three_public_costs`, :mod:`.items` (projects, purchased services), :mod:`.execution`
(budget against actual in a 决算), :mod:`.headline`
(totals, per head, year on year), :mod:`.indicators` (绩效目标), with :mod:`.targets` (one
indicator), :mod:`.indicator_rows` (the performance tables' rows), :mod:`.coverage` (gaps,
activities to projects) and :mod:`.matching` (names printed differently); :mod:`.common` holds
the helpers.
"""

from __future__ import annotations

from . import indicators
from .breakdowns import by_dept_econ, by_function, by_gov_econ, function_tree
from .execution import execution
from .headline import for_chart, headline, per_head, year_on_year
from .items import projects, purchased_services
from .splits import basic_vs_project, personnel_vs_public
from .three_public_costs import three_public

__all__ = [
    "basic_vs_project",
    "by_dept_econ",
    "by_function",
    "by_gov_econ",
    "execution",
    "for_chart",
    "function_tree",
    "headline",
    "indicators",
    "per_head",
    "personnel_vs_public",
    "projects",
    "purchased_services",
    "three_public",
    "year_on_year",
]
