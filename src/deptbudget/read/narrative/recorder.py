"""Where the narrative's readers put what they find: facts with their line, and warnings.

Every reader of the narrative (statements after a keyword, 决算 pairs, project lists, asset
counts) records through one :class:`FactRecorder`, so that a figure stated twice is kept
once and a damaged amount is reported in one way.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal

from ...core.model import Fact, ReadWarning
from ...core.money import FEN, is_whole_fen, parse_amount, to_yuan
from .about import SENTENCE_END
from .grammar import AS_OF_RE, YEAR_BEFORE_RE, YEAR_IN_GAP_RE
from .joined import Joined
from .keywords import EXPANDS


class FactRecorder:
    """The joined narrative, the facts read from it so far and the warnings.

    Parameters
    ----------
    joined : Joined
        The narrative as one string whose characters know their line.
    year : int or None
        The budget year, for figures that print none.
    spans : list of (int, int)
        The headings' spans in ``joined.text``: a sentence never starts before a heading's end.
    """

    def __init__(self, joined: Joined, year: int | None, spans: list[tuple[int, int]]) -> None:
        self.joined = joined
        self.text = joined.text
        self.year = year
        self.heading_ends = sorted(end for _, end in spans)
        self.facts: list[Fact] = []
        self.warnings: list[ReadWarning] = []
        self._seen: dict[tuple[str, int | None, str | None], Fact] = {}
        # Position of a parsed amount → one unit of its last printed digit, in 元.
        self._precision: dict[int, Decimal] = {}

    def clause(self, start: int, end: int) -> str:
        """The sentence around ``[start, end)``, without a heading glued before it.

        Parameters
        ----------
        start, end : int
            The span of the match in ``self.text``.

        Returns
        -------
        str
            The sentence, or the match itself (at most 199 characters) when the sentence is
            200 characters or longer.
        """
        text = self.text
        begin = max(text.rfind(c, 0, start) for c in SENTENCE_END) + 1
        idx = bisect_right(self.heading_ends, start) - 1
        if idx >= 0:
            begin = max(begin, self.heading_ends[idx])
        stops = [p for c in SENTENCE_END if (p := text.find(c, end)) != -1]
        stop = min(stops) + 1 if stops else len(text)
        sentence = text[begin:stop].strip()
        if len(sentence) >= 200:
            sentence = text[start:end].strip()[:199]
        return sentence

    def amount(self, raw: str, unit: str, pos: int, keyword: str) -> Decimal | None:
        """Parse an amount to 元, or warn (naming the line) and return None.

        Parameters
        ----------
        raw, unit : str
            The amount and its unit as printed (``"492.24"``, ``"万元"``).
        pos : int
            Where the amount starts in ``self.text``.
        keyword : str
            What the amount is stated for, for the warning.

        Returns
        -------
        Decimal or None
            The amount in 元 (to the fen when exact), or None when it cannot be read.
        """
        try:
            yuan = to_yuan(parse_amount(raw), unit)
        except (ValueError, KeyError):
            self._warn(f"cannot read the amount {raw!r} {unit} stated for {keyword}", pos)
            return None
        # The figure is stated to its last printed digit: 492.24 万元 only to the hundred 元.
        exponent = parse_amount(raw).as_tuple().exponent
        if isinstance(exponent, int):
            self._precision[pos] = to_yuan(Decimal(1).scaleb(exponent), unit)
        # 万元 amounts come out as 1234567.890000: keep them to the fen when exact.
        return yuan.quantize(FEN) if is_whole_fen(yuan) else yuan

    def percent(self, raw: str, pos: int, keyword: str) -> Decimal | None:
        """Parse a percentage as printed, or warn (naming the line) and return None."""
        try:
            return parse_amount(raw)
        except ValueError:
            self._warn(f"cannot read the percentage {raw!r}% stated for {keyword}", pos)
            return None

    def _warn(self, message: str, pos: int) -> None:
        line = self.joined.line_at(pos)
        self.warnings.append(
            ReadWarning(message, page=line.page, line=line.number, file=line.file or None,
                        code="narrative_amount")
        )

    def add(self, fact: Fact) -> None:
        """Keep the first statement of a figure; note a later one that disagrees.

        A later statement of the same amount that prints the 完成预算% the first lacks takes
        the first one's place: a 决算 often states an actual plainly, then again beside its
        budget with the rate, and keeping the first would lose the rate.

        Parameters
        ----------
        fact : Fact
            The figure as read from one statement.
        """
        ident = (fact.key, fact.year, fact.label)
        first = self._seen.get(ident)
        if first is None:
            self._seen[ident] = fact
            self.facts.append(fact)
            return
        if _adds_a_rate(first, fact):
            # In place, so that the facts keep the order of their first statement.
            self.facts[next(i for i, f in enumerate(self.facts) if f is first)] = fact
            self._seen[ident] = fact
            return
        if first.amount_yuan != fact.amount_yuan and fact.amount_yuan is not None:
            self.warnings.append(
                ReadWarning(
                    f"the narrative states {fact.key} for {fact.year} twice: "
                    f"{first.amount_yuan} 元 (line {first.line}) and {fact.amount_yuan} 元",
                    page=fact.page,
                    line=fact.line,
                    code="narrative_conflict",
                )
            )

    def fact(
        self,
        key: str,
        year: int | None,
        amount: Decimal | None,
        pos: int,
        text: str,
        *,
        count: int | None = None,
        percent: Decimal | None = None,
        label: str | None = None,
    ) -> None:
        """Record a figure printed at ``pos`` (a keyword stating several records each).

        Parameters
        ----------
        key : str
            The fact's key; ``<key>_change`` for a change, expanded like its base key.
        year : int or None
            The year the figure is for.
        amount : Decimal or None
            The amount in 元 (None for a count or an unreadable amount).
        pos : int
            Where the figure is printed in ``self.text``: gives its page, line and precision.
        text : str
            The sentence it was read from.
        count, percent, label
            As on :class:`~deptbudget.core.model.Fact`.
        """
        line = self.joined.line_at(pos)
        base, suffix = (key[: -len("_change")], "_change") if key.endswith("_change") else (key, "")
        for out_base in EXPANDS.get(base, (base,)):
            out_key = out_base + suffix
            self.add(
                Fact(out_key, year, amount, line.page, line.number, text, count, percent, label,
                     precision_yuan=self._precision.get(pos) if amount is not None else None,
                     file=line.file or None)
            )

    def year_of(self, key: str, kw: re.Match[str], gap: str) -> int | None:
        """The year a figure is for: printed next to its keyword, else the budget year.

        Parameters
        ----------
        key : str
            The keyword's key (a fixed-asset total takes the 截至 year of its sentence).
        kw : re.Match
            The keyword's match in ``self.text``.
        gap : str
            The text between the keyword and the amount.

        Returns
        -------
        int or None
        """
        text = self.text
        if key == "fixed_assets_total":
            # "截至2023年12月31日，本单位共有车辆…，固定资产总额…": same sentence.
            begin = max(text.rfind("。", 0, kw.start()) + 1, kw.start() - 120)
            as_of = list(AS_OF_RE.finditer(text, begin, kw.start()))
            if as_of:
                return int(as_of[-1].group(1))
        if match := YEAR_IN_GAP_RE.search(gap):
            return int(match.group(1))
        if match := YEAR_BEFORE_RE.search(text[max(0, kw.start() - 16) : kw.start()]):
            return int(match.group(1))
        return self.year

    def as_of(self, pos: int) -> int | None:
        """The 截至 year of the sentence holding ``pos``, else the budget year."""
        begin = max(self.text.rfind("。", 0, pos) + 1, pos - 200)
        found = list(AS_OF_RE.finditer(self.text, begin, pos))
        return int(found[-1].group(1)) if found else self.year


def _adds_a_rate(first: Fact, later: Fact) -> bool:
    """Whether ``later`` restates ``first``'s amount and adds the 完成预算% it lacks.

    Only an actual carries such a rate; a change's percent is its growth and is left alone.
    """
    return (
        not later.key.endswith("_change")
        and first.percent is None
        and later.percent is not None
        and later.amount_yuan is not None
        and later.amount_yuan == first.amount_yuan
    )
