"""Turning a disclosure file into a stream of numbered, paged lines.

The layout logic never sees a file format: it works on :class:`Line` objects, each of
which knows its page and line in the source. Text input is handled here; PDF input can
produce the same stream later.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ...core.errors import DisclosureError

#: Disclosures are tens of kilobytes; anything this large is not one, and reading it
#: whole would make memory unbounded.
MAX_BYTES = 20 * 1024 * 1024

_FULLWIDTH = {
    **{0xFF10 + i: ord("0") + i for i in range(10)},
    **{0xFF21 + i: ord("A") + i for i in range(26)},
    **{0xFF41 + i: ord("a") + i for i in range(26)},
    0xFF05: "%",
    0xFF0E: ".",
    0xFF0B: "+",
    0xFF0D: "-",
    0xFF1C: "<",
    0xFF1D: "=",
    0xFF1E: ">",
    0x2267: "≥",
    0x2266: "≤",
    0x3000: " ",
    0x00A0: " ",
    0xFEFF: None,
}
# A full-width comma or ideographic full stop between digits is a separator, not prose.
_DIGIT_COMMA = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))")
_DIGIT_POINT = re.compile(r"(?<=\d)。(?=\d)")
# Page furniture the extraction keeps: "- 12 -", "第 3 页 共 20 页", "3/20". Such a line
# carries no content, and its digits would otherwise read as an amount in a table.
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4})$"
)


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line of a disclosure.

    Attributes
    ----------
    number : int
        1-based line number in its file (in a PDF: counted from the file's first page).
    page : int
        1-based page number (in text, a page break is a line that starts with a space).
    text : str
        The line, normalized (full-width digits folded) and stripped.
    file : str
        The name of the file the line is in (a disclosure may be several files).
    """

    number: int
    page: int
    text: str
    file: str = ""


@dataclass(frozen=True)
class Source:
    """A decoded disclosure: its lines and where it came from."""

    path: Path
    sha256: str
    encoding: str
    lines: tuple[Line, ...]
    line_count: int


def normalize(text: str) -> str:
    """Fold full-width digits, letters and operators to ASCII; keep Chinese punctuation.

    Names keep their full-width brackets (``维修（护）费``) because that is how they are
    printed; only what a number or operator needs is folded.
    """
    text = text.translate(_FULLWIDTH)
    text = _DIGIT_COMMA.sub(",", text)
    return _DIGIT_POINT.sub(".", text)


def decode(data: bytes, path: str | Path | None = None) -> tuple[str, str]:
    """Decode the bytes of a text disclosure.

    Tries UTF-8 (with or without BOM), UTF-16 with a BOM, then GB18030.

    Returns
    -------
    tuple of (str, str)
        The text and the name of the encoding used.

    Raises
    ------
    DisclosureError
        If the file is empty, binary, or in none of those encodings.
    """
    if not data.strip():
        raise DisclosureError(path, "the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise DisclosureError(path, f"invalid UTF-16 text: {exc.reason}") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        try:
            return data.decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise DisclosureError(path, "invalid UTF-8 after a UTF-8 BOM", line=line) from None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise DisclosureError(path, "binary data (NUL byte): not a text disclosure", line=line)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            line = data[: utf8_error.start].count(b"\n") + 1
            raise DisclosureError(
                path,
                "unknown text encoding: neither UTF-8 nor GB18030",
                line=line,
            ) from None


def split_lines(text: str, file: str = "") -> Iterator[Line]:
    """Split decoded text into non-blank :class:`Line` objects with page numbers.

    A page break is a line beginning with white space (how text extraction marks the
    first line of a page) or a form feed. Page numbers (``- 12 -``, ``第 3 页``) are
    dropped; line numbers still count them.
    """
    page = 1
    for number, raw in enumerate(text.splitlines(), start=1):
        starts_page = raw.startswith("\f") or (number > 1 and raw[:1] in (" ", "\u3000", "\t"))
        if starts_page and number > 1:
            page += 1
        stripped = normalize(raw).strip()
        if stripped and (len(stripped) > 16 or not _PAGE_NUMBER.match(stripped)):
            yield Line(number=number, page=page, text=stripped, file=file)


def read_source(path: str | Path) -> Source:
    """Read a text disclosure from disk into a :class:`Source`.

    Raises
    ------
    DisclosureError
        If the file is missing, unreadable, too large, empty, binary or of unknown encoding.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DisclosureError(path, "no such file") from None
    except OSError as exc:
        raise DisclosureError(path, f"cannot read the file: {exc.strerror}") from None
    if path.is_dir():
        raise DisclosureError(path, "is a folder, not a disclosure file")
    if size > MAX_BYTES:
        raise DisclosureError(
            path, f"the file is {size / 2**20:.0f} MiB; a disclosure is at most 20 MiB"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DisclosureError(path, f"cannot read the file: {exc.strerror}") from None
    return source_from_bytes(data, path)


def source_from_bytes(data: bytes, path: str | Path = "<input>") -> Source:
    """Build a :class:`Source` from raw bytes (used by :func:`read_source` and tests)."""
    text, encoding = decode(data, path)
    lines = tuple(split_lines(text, Path(path).name))
    return Source(
        path=Path(path),
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        lines=lines,
        line_count=text.count("\n") + 1,
    )


def joined(lines: Iterable[Line], sep: str = "") -> str:
    """Join the text of ``lines`` (wrapped cells are rejoined without a separator)."""
    return sep.join(line.text for line in lines)
