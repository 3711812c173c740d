"""The narrative as one string whose characters remember their line, and its headings.

Narrative lines wrap anywhere; joined, a sentence can be matched whole and every match
still knows the page and line it was printed on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ...core.model import Section
from ..sources.text import Line

# --------------------------------------------------------------------------- headings, staff

_LEVEL1_RE = re.compile(r"^[一二三四五六七八九十]{1,3}[、.．]")
_LEVEL2_RE = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[)）]")
# --------------------------------------------------------------------------- joined text


_OPEN_GROUP_RE = re.compile(r"\d,\d{1,2}$")


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


@dataclass
class Joined:
    """The narrative as one string and, per character, the index of its source line."""

    text: str
    owner: list[int]
    starts: list[int]  # offset of each line's first character (or where it would be)
    lines: Sequence[Line]

    def line_at(self, pos: int) -> Line:
        if not self.owner:
            return self.lines[0]
        return self.lines[self.owner[min(max(pos, 0), len(self.owner) - 1)]]


def join_lines(lines: Sequence[Line]) -> Joined:
    """Join lines, dropping white space except between two ASCII letters or digits.

    A line break counts as white space: extraction breaks lines where the layout put a
    space or simply ran out of width, and neither belongs inside a Chinese sentence.
    """
    chars: list[str] = []
    owner: list[int] = []
    starts: list[int] = []
    for idx, line in enumerate(lines):
        # A break right after an incomplete thousands group (…1,12⏎4,932) is inside a number.
        pending = idx > 0 and not _OPEN_GROUP_RE.search(lines[idx - 1].text)
        starts.append(len(chars))
        for ch in line.text:
            if ch.isspace():
                pending = True
                continue
            if pending and chars and _is_word_char(chars[-1]) and _is_word_char(ch):
                chars.append(" ")
                owner.append(idx)
            pending = False
            chars.append(ch)
            owner.append(idx)
    return Joined("".join(chars), owner, starts, lines)


# --------------------------------------------------------------------------- sections


def _heading_level(text: str) -> int | None:
    if _LEVEL1_RE.match(text):
        return 1
    if _LEVEL2_RE.match(text):
        return 2
    return None


def read_sections(joined: Joined) -> tuple[list[Section], list[tuple[int, int]]]:
    """Find the headings; also return each heading's span in the joined text."""
    lines = joined.lines
    text = joined.text
    ends = [*joined.starts[1:], len(text)]
    lengths = sorted(ends[i] - joined.starts[i] for i in range(len(lines)))
    # A heading continues on the next line only if its line is full (it wrapped).
    full = lengths[(len(lengths) * 3) // 4] * 0.85 if lengths else 0
    found: list[tuple[int, int, str, int, int]] = []  # (line index, level, heading, start, end)
    for i in range(len(lines)):
        level = _heading_level(text[joined.starts[i] : ends[i]])
        if level is None:
            continue
        last = i
        while (
            last + 1 < len(lines)
            and last - i < 2
            and ends[last] - joined.starts[last] >= full
            and text[ends[last] - 1 : ends[last]] not in ("。", "：", ":", "；", ";")
            and _heading_level(text[joined.starts[last + 1] : ends[last + 1]]) is None
        ):
            last += 1
        start, stop = joined.starts[i], ends[last]
        cut = text.find("。", start, stop)
        if cut != -1:
            stop = cut
        heading = text[start:stop].strip()[:80]
        found.append((i, level, heading, start, stop))
    sections: list[Section] = []
    for n, (i, level, heading, _, _) in enumerate(found):
        nxt = next((f[0] for f in found[n + 1 :] if f[1] <= level), len(lines))
        sections.append(
            Section(
                heading=heading,
                level=level,
                page=lines[i].page,
                line=lines[i].number,
                end_line=lines[nxt - 1].number,
            )
        )
    return sections, [(f[3], f[4]) for f in found]


