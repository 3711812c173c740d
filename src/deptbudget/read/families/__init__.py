"""Layout families: each recognised from the document's own words, each with its tables.

:mod:`.beijing`, :mod:`.shanghai`, :mod:`.jiangsu`, :mod:`.mof_final`; :mod:`.base` says what a
family is and :mod:`.readers` assembles table readers from :mod:`deptbudget.read.grids`.
Supporting another province is adding a module and listing it in :data:`FAMILIES`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from . import beijing, jiangsu, mof_final, shanghai
from .base import Family

#: Every family, in the order ties are broken (the first layout the reader knew first).
FAMILIES: tuple[Family, ...] = (beijing.FAMILY, shanghai.FAMILY, jiangsu.FAMILY, mof_final.FAMILY)


#: Families are recognised from titles, marks and head lines: short lines (prose is longer).
MAX_WORDS_LINE = 60


def document_words(texts: Sequence[str]) -> list[str]:
    """The compact short lines a family is recognised from (white space removed)."""
    compact = (re.sub(r"\s+", "", t) for t in texts)
    return [t for t in compact if len(t) <= MAX_WORDS_LINE]


def detect_family(words: Sequence[str]) -> Family:
    """The family whose words the document prints most; Beijing when none does.

    Parameters
    ----------
    words : sequence of str
        The document's words, from :func:`document_words`.

    Returns
    -------
    Family
        The best-scoring family (a 决算's wording outranks a budget family's).
    """
    scores = [(f.recognise(words), -n, f) for n, f in enumerate(FAMILIES)]
    best = max(scores, key=lambda s: (s[0], s[1]))
    return best[2] if best[0] > 0 else FAMILIES[0]


__all__ = ["FAMILIES", "Family", "detect_family", "document_words"]
