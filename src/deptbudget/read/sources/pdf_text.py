"""Characters into text: lines, words and the joined text of a table cell.

Pure geometry on :class:`~deptbudget.read.sources.pdf_chars.Char` lists; no pdfium here.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from .pdf_chars import Char

#: A gap wider than this many font sizes ends a word (half a CJK character, one digit).
WORD_GAP = 0.45
#: A gap wider than this many font sizes is a column gap: two spaces in the line text.
WIDE_GAP = 1.5
#: Two characters of one line overlap vertically by at least this share of the smaller.
LINE_OVERLAP = 0.5

_FOLD = str.maketrans({**{0xFF10 + i: ord("0") + i for i in range(10)}, 0x3000: " ", 0x00A0: " "})
_DIGIT_COMMA = re.compile(r"(?<=\d)[，,](?=\d{3}(?!\d))")
_DIGIT_POINT = re.compile(r"(?<=\d)．(?=\d)")


def fold(text: str) -> str:
    """Full-width digits and spaces to ASCII; a full-width comma grouping thousands to ``,``.

    Other Chinese punctuation is kept. A full-width point between digits (``１２．５``)
    becomes ``.``, since it only ever appears inside a full-width number.
    """
    text = text.translate(_FOLD)
    if "，" in text:
        text = _DIGIT_COMMA.sub(",", text)
    if "．" in text:
        text = _DIGIT_POINT.sub(".", text)
    return text


def group_lines(chars: Sequence[Char]) -> list[list[Char]]:
    """Characters grouped into text lines, top to bottom, each sorted left to right.

    Characters are taken in order of their vertical middle; one joins the line being
    built when it overlaps that line's band by at least :data:`LINE_OVERLAP` of the
    smaller height. A character drawn twice at almost the same place (fake bold) is kept
    once.
    """
    if not chars:
        return []
    if _one_band(chars):
        line = _drop_doubles(sorted(chars, key=_x0))
        return [line] if any(not c.space for c in line) else []
    order = sorted(chars, key=_mid)
    lines: list[list[Char]] = []
    band_top = band_bottom = 0.0
    current: list[Char] = []
    for ch in order:
        if current:
            overlap = min(band_bottom, ch.bottom) - max(band_top, ch.top)
            if overlap >= LINE_OVERLAP * min(band_bottom - band_top, ch.bottom - ch.top):
                current.append(ch)
                continue
            lines.append(current)
        current = [ch]
        band_top, band_bottom = ch.top, ch.bottom
    if current:
        lines.append(current)
    out = []
    for line in lines:
        line.sort(key=_x0)
        deduped = _drop_doubles(line)
        if any(not c.space for c in deduped):
            out.append(deduped)
    out.sort(key=lambda ln: min(c.top for c in ln) + max(c.bottom for c in ln))
    return out


def _x0(ch: Char) -> float:
    return ch.x0


def _mid(ch: Char) -> float:
    return ch.top + ch.bottom


def _one_band(chars: Sequence[Char]) -> bool:
    """True when all characters share one line band (the common case of a table cell)."""
    first = chars[0]
    top, bottom = first.top, first.bottom
    for ch in chars:
        if abs(ch.top - top) > 0.25 * (bottom - top) or abs(ch.bottom - bottom) > 0.25 * (bottom - top):
            return False
    return True


def _drop_doubles(line: list[Char]) -> list[Char]:
    kept: list[Char] = []
    for ch in line:
        if kept:
            prev = kept[-1]
            if prev.text == ch.text and ch.x0 - prev.x0 < 0.3 * (prev.x1 - prev.x0 or 1.0):
                continue
        kept.append(ch)
    return kept


def split_words(line: Sequence[Char], rules: Sequence[float] = ()) -> list[list[Char]]:
    """Runs of characters without a wide gap, a real space or a vertical rule between them.

    ``rules`` are sorted x positions of vertical ruling lines crossing the line: a rule
    between two characters always ends a word, however narrow the gap.
    """
    words: list[list[Char]] = []
    current: list[Char] = []
    prev: Char | None = None
    for ch in line:
        if ch.space:
            if current:
                words.append(current)
                current = []
            prev = None
            continue
        if prev is not None and _breaks(prev, ch, rules):
            words.append(current)
            current = []
        current.append(ch)
        prev = ch
    if current:
        words.append(current)
    return words


def _breaks(prev: Char, ch: Char, rules: Sequence[float]) -> bool:
    gap = ch.x0 - prev.x1
    if gap > WORD_GAP * min(prev.size, ch.size):
        return True
    if rules:
        i = bisect.bisect_left(rules, prev.x1 - 0.5 * (prev.x1 - prev.x0))
        return i < len(rules) and rules[i] <= ch.x0 + 0.5 * (ch.x1 - ch.x0)
    return False


def join_words(words: Sequence[Sequence[Char]], rules: Sequence[float] = ()) -> str:
    """The line's text: one space between words, two where the gap is a column gap."""
    parts: list[str] = []
    prev: Sequence[Char] | None = None
    for word in words:
        if prev is not None:
            gap = word[0].x0 - prev[-1].x1
            wide = gap >= WIDE_GAP * min(prev[-1].size, word[0].size)
            if not wide and rules:
                i = bisect.bisect_left(rules, prev[-1].x1 - 0.5 * (prev[-1].x1 - prev[-1].x0))
                wide = i < len(rules) and rules[i] <= word[0].x0 + 0.5 * (word[0].x1 - word[0].x0)
            parts.append("  " if wide else " ")
        parts.append("".join(c.text for c in word))
        prev = word
    return fold("".join(parts))


def _ascii_end(text: str) -> bool:
    return bool(text) and text[-1].isascii() and text[-1].isalpha()


def _ascii_start(text: str) -> bool:
    return bool(text) and text[0].isascii() and text[0].isalpha()


def cell_text(chars: Sequence[Char]) -> str:
    """The text of one table cell: its lines joined in reading order.

    Lines are joined without a separator (a wrapped Chinese name, a number broken over
    two lines, a name printed one or two characters a line in a narrow column); only two
    pieces of Latin letters get a space between them. Inside a line, words are separated
    by one space.
    """
    pieces: list[str] = []
    for line in group_lines(chars):
        words = split_words(line)
        text = " ".join("".join(c.text for c in w) for w in words)
        if pieces and _ascii_end(pieces[-1]) and _ascii_start(text):
            pieces.append(" ")
        pieces.append(text)
    return fold("".join(pieces)).strip()
