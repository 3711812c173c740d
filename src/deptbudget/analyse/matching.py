"""Matching names that are printed differently (项目 names across tables, activities to projects).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from .common import text_of

# --------------------------------------------------------------------------- name matching

# Budget names end in generic words (…经费, …服务费, …项目) that say nothing about what is
# funded; they are dropped before comparing so that 绿化养护 meets 绿化养护经费 fully.
_GENERIC_SUFFIX = re.compile(r"(?:专项)?(?:经费|费用|资金|项目|服务费|费)$")
_SPACES = re.compile(r"\s+")


def _core(name: str) -> str:
    name = _SPACES.sub("", name)
    stripped = _GENERIC_SUFFIX.sub("", name)
    return stripped or name


def name_similarity(a: Any, b: Any) -> float:
    """Similarity of two Chinese names in [0, 1], with :class:`difflib.SequenceMatcher`.

    ``ratio()`` is ``2·M / (len(a) + len(b))`` where M counts the characters of the
    matching blocks, so shared runs of characters and containment (one name inside the
    other) both score high. The names are compared as printed and with generic budget
    suffixes (经费, 费用, 资金, 项目, 服务费, 费) removed; the higher score counts.

    Examples
    --------
    >>> name_similarity("城市绿化养护", "城市绿化养护经费")
    1.0
    >>> round(name_similarity("机关日常运转保障", "城市绿化养护经费"), 2)
    0.0
    """
    left, right = text_of(a), text_of(b)
    if not left or not right:
        return 0.0
    plain = SequenceMatcher(None, _SPACES.sub("", left), _SPACES.sub("", right), autojunk=False).ratio()
    core = SequenceMatcher(None, _core(left), _core(right), autojunk=False).ratio()
    return max(plain, core)


@dataclass(frozen=True)
class Match:
    """The best candidate for a name, the runner-up, and whether the two tie."""

    name: str | None
    score: float
    runner_up: str | None
    runner_up_score: float
    ambiguous: bool


def match_name(name: Any, candidates: Iterable[Any], min_score: float = 0.5) -> Match:
    """Find the candidate most similar to ``name`` (see :func:`name_similarity`).

    Parameters
    ----------
    name : str
        The name to place (an activity, a project named in another table).
    candidates : iterable of str
        Names to choose from; blanks and repeats are ignored.
    min_score : float, default 0.5
        Below this the best candidate is not taken as a match (``name`` is None).

    Returns
    -------
    Match
        ``name`` is None when nothing reaches ``min_score`` or when two different
        candidates tie for the best score (``ambiguous``). An exact match scores 1.
    """
    unique: list[str] = []
    for candidate in candidates:
        text = text_of(candidate)
        if text is not None and text not in unique:
            unique.append(text)
    scored = sorted(((name_similarity(name, c), i, c) for i, c in enumerate(unique)), key=lambda t: (-t[0], t[1]))
    if not scored:
        return Match(None, 0.0, None, 0.0, False)
    best_score, _, best = scored[0]
    runner_score, runner = (scored[1][0], scored[1][2]) if len(scored) > 1 else (0.0, None)
    ambiguous = runner is not None and best_score == runner_score and best_score >= min_score
    chosen = best if best_score >= min_score and not ambiguous else None
    return Match(chosen, round(best_score, 4), runner, round(runner_score, 4), ambiguous)


