"""Auditing a disclosure: within tables, across tables, narrative against tables, completeness.

A ``fail`` is a disagreement printed in the document; a check that rests on an uncertain
reading is ``skipped`` with the reason. :func:`transparency_score` (also ``score``) sums the
completeness points.

Layer: may import :mod:`deptbudget.core` and :mod:`deptbudget.read`; never the layers above.
Modules: :mod:`.within` (one table), :mod:`.across` (tables against each other),
:mod:`.facts` (the narrative's figures against the tables), :mod:`.completeness` (what is
published, and the score), :mod:`.explain` (why a total and its rows differ),
:mod:`.findings` (the finding type), :mod:`.run` (every check in order).
"""

from .completeness import transparency_score
from .findings import AUDIT_COLUMNS, Finding
from .run import audit, run_checks

#: The same function as :func:`transparency_score`, by its shorter name.
score = transparency_score

__all__ = ["AUDIT_COLUMNS", "Finding", "audit", "run_checks", "score", "transparency_score"]
