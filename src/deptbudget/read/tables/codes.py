"""Classification codes inside row text: 功能分类 (2xx), 政府经济分类 (5xx), 部门经济分类 (3xx)."""

from __future__ import annotations

import re

# 3, 5 or 7 digits (类/款/项) starting with the scheme's digit, not inside a longer number.
CODE_RE = re.compile(r"(?<![0-9A-Za-z])([235]\d{2}(?:\d{2}){0,2})(?![0-9])\s*-?")
ROW_START_RE = re.compile(r"^[235]\d{2}(?:\d{2}){0,2}(?!\d)\s*-?")

SCHEMES = {"2": "function", "5": "gov_econ", "3": "dept_econ"}


def scheme_of(code: str) -> str:
    """Return the scheme a code belongs to: ``function``, ``gov_econ`` or ``dept_econ``."""
    return SCHEMES[code[0]]


def level_of(code: str) -> str:
    """Return 类, 款 or 项 for a 3-, 5- or 7-digit code."""
    return {3: "类", 5: "款", 7: "项"}.get(len(code), "?")


def split_codes(text: str) -> tuple[str, list[tuple[str, str, str]]]:
    """Split row text into the text before the first code and (scheme, code, name) triples.

    Parameters
    ----------
    text : str
        Row text with white space removed, e.g. ``2010301-行政运行50101-工资奖金津补贴``.

    Returns
    -------
    prefix, codes
        The text before the first code (a project name, or nothing), and each code
        with the name printed after it.
    """
    matches = list(CODE_RE.finditer(text))
    if not matches:
        return text, []
    found = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        code = match.group(1)
        found.append((scheme_of(code), code, text[match.end() : end].strip("-— ")))
    return text[: matches[0].start()], found


def first_of(codes: list[tuple[str, str, str]], scheme: str) -> tuple[str | None, str | None]:
    """Return the first (code, name) of ``scheme`` among ``codes``, or (None, None)."""
    for found_scheme, code, name in codes:
        if found_scheme == scheme:
            return code, name or None
    return None, None


def leaf_flags(codes: list[str | None]) -> list[bool]:
    """Flag which codes are leaves: a code that prefixes another code is a subtotal."""
    present = [c for c in codes if c]
    flags = []
    for code in codes:
        if not code:
            flags.append(True)
            continue
        flags.append(not any(other != code and other.startswith(code) for other in present))
    return flags
