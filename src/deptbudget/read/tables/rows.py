"""Reassembling table rows from wrapped lines.

Text extraction prints a row's cells on one line when they fit and wraps long cells over
several lines; the amounts of a row always end it. So a row is everything since the
previous row up to and including the next line that ends in amounts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ...core.money import is_amount, parse_amount
from ..sources.text import Line

# A token that is meant to be a number: digits with separators, or a dash standing for an
# empty cell. Anything numeric-looking that fails to parse is a damaged amount.
_NUMERIC_LIKE = re.compile(r"^[-−]?[\d,.]*\d[\d,.]*$")
_DASH = re.compile(r"^[-—–−]{1,3}$")
# Inside a row's text, a token carrying a decimal number is an amount that failed to
# parse (``65.7156x``): cells that are names or codes never print decimals.
_DAMAGED_IN_TEXT = re.compile(r"\d+\.\d+")
_TOTAL = re.compile(r"^(?:合\s*计|总\s*计|本年收入合计|本年支出合计|收入总计|支出总计)[：:]?$")


@dataclass
class RawRow:
    """One reassembled row: its text cells, its amounts and the lines it spans."""

    lines: list[Line]
    fragments: list[str]
    amounts: list[Decimal | None]
    amount_texts: list[str]
    damaged: list[str] = field(default_factory=list)
    #: Lines after the amounts that end a wrapped cell (``lines[-1]`` keeps the amounts).
    continued: list[Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The row's text without amounts; wrapped cells rejoined, white space removed."""
        return "".join(re.sub(r"\s+", "", f) for f in self.fragments)

    @property
    def spaced_text(self) -> str:
        """The row's text with a space wherever the source separated cells on a line."""
        return " ".join(self.fragments)

    @property
    def page(self) -> int:
        """Page of the row's first line."""
        return self.lines[0].page

    @property
    def line(self) -> int:
        """The row's first line."""
        return self.lines[0].number

    @property
    def end_line(self) -> int:
        """The row's last line (where its amounts stand)."""
        return self.lines[-1].number

    @property
    def is_total(self) -> bool:
        """True for a 合计 / 总计 row."""
        return bool(_TOTAL.match(self.text)) or self.text in {"合计", "总计"}


def split_amounts(text: str) -> tuple[str, list[str]]:
    """Split a line into its leading text and its trailing numeric tokens.

    Returns
    -------
    tuple of (str, list of str)
        The text before the trailing numbers, and those numbers as printed.
    """
    tokens = text.split()
    tail: list[str] = []
    while tokens and (_NUMERIC_LIKE.match(tokens[-1]) or _DASH.match(tokens[-1])):
        tail.insert(0, tokens.pop())
    # A code such as "2010301" standing alone before amounts is text, not an amount:
    # codes never carry decimals, and amounts printed with decimals show the difference.
    # A table in 元 printing whole amounts ("54000 54000") leaves nothing to tell them
    # apart, and there the integers are amounts.
    while (
        len(tail) > 1
        and re.fullmatch(r"[235]\d{2}(?:\d{2}){0,2}", tail[0])
        and any("." in t for t in tail[1:])
    ):
        tokens.append(tail.pop(0))
    return " ".join(tokens), tail


def read_amount(token: str) -> Decimal | None:
    """Parse a printed amount token; a dash is an empty cell (None)."""
    if _DASH.match(token):
        return None
    return parse_amount(token)


def assemble_rows(
    lines: Sequence[Line],
    *,
    starts_row: Callable[[Line], bool] | None = None,
    integers_are_amounts: bool = True,
    continuations: bool = False,
    lone_integer_is_text: bool = False,
) -> tuple[list[Line], list[RawRow], list[Line]]:
    """Group table lines into rows, each closed by a line that ends in amounts.

    Parameters
    ----------
    lines : sequence of Line
        The table's body (after its title and unit).
    starts_row : callable, optional
        True for a line that can begin the first row; lines before the first such line
        are the header. Without it, every line before the first amounts is header-or-row
        text and the caller sorts it out.
    integers_are_amounts : bool
        Whether a bare integer token may be an amount.
    lone_integer_is_text : bool
        A line that is one bare integer and nothing else is text (a name's digits
        wrapped onto their own line), not a row's amounts.
    continuations : bool
        With ``starts_row``: text lines right after a row's amounts that do not start a
        row are the end of that row's wrapped cell (extraction prints the amounts on the
        cell's first line), and a header repeated at the top of a page is skipped.

    Returns
    -------
    header, rows, leftover
        Header lines, the rows, and lines after the last row that no amounts closed.
    """
    header: list[Line] = []
    rows: list[RawRow] = []
    pending: list[Line] = []
    fragments: list[str] = []
    pending_damage: list[str] = []
    started = starts_row is None
    skip = 0
    for i, line in enumerate(lines):
        if skip:
            skip -= 1
            continue
        if not started:
            if starts_row is not None and starts_row(line):
                started = True
            else:
                header.append(line)
                continue
        text, tail = split_amounts(line.text)
        if not integers_are_amounts and tail and all(re.fullmatch(r"\d+", t) for t in tail):
            text, tail = line.text, []
        if lone_integer_is_text and not text and len(tail) == 1 and re.fullmatch(r"\d+", tail[0]):
            text, tail = line.text, []
        if continuations and not pending and starts_row is not None and not starts_row(line):
            if header and _repeats(lines, i, header):
                skip = len(header) - 1
                continue
            if rows and not tail:
                rows[-1].continued.append(line)
                rows[-1].fragments.append(text)
                continue
        pending.append(line)
        if text:
            fragments.append(text)
            pending_damage.extend(
                t for t in text.split() if _DAMAGED_IN_TEXT.search(t) and not is_amount(t)
            )
        if tail:
            amounts: list[Decimal | None] = []
            damaged: list[str] = pending_damage
            for token in tail:
                try:
                    amounts.append(read_amount(token))
                except ValueError:
                    amounts.append(None)
                    damaged.append(token)
            rows.append(RawRow(pending, fragments, amounts, tail, damaged))
            pending, fragments, pending_damage = [], [], []
    return header, rows, pending


def _repeats(lines: Sequence[Line], i: int, header: Sequence[Line]) -> bool:
    """True if the table's header is printed again from line ``i`` (a new page)."""
    window = lines[i : i + len(header)]
    return len(window) == len(header) and all(
        a.text == b.text for a, b in zip(window, header, strict=True)
    )


def drop_repeated_header(lines: Sequence[Line], header: Sequence[Line]) -> list[Line]:
    """Remove every later printing of ``header`` (a table continued on a new page)."""
    if not header:
        return list(lines)
    out: list[Line] = []
    i = 0
    while i < len(lines):
        if _repeats(lines, i, header):
            i += len(header)
            continue
        out.append(lines[i])
        i += 1
    return out


def is_number_token(token: str) -> bool:
    """True if ``token`` is one well-formed printed amount."""
    return is_amount(token)
