"""What pdfium sees on a page, part 1: the characters with their boxes.

This module and :mod:`.pdf_paths` are the only ones that talk to pdfium's C API (through
``pypdfium2.raw``). What they return is plain Python in *top-down* coordinates of the
displayed page (``top = page_top - y``, rotation applied), the convention of pdfplumber
and of the rest of the reader.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as raw

_SPACES = frozenset(" \u00a0\u3000\u2002\u2003\u2009")
#: Characters that never print: controls, byte-order marks, soft hyphens, non-characters.
_SKIP = frozenset(
    [chr(c) for c in range(0x21)] + [chr(c) for c in range(0x7F, 0xA0)] + ["\ufeff", "\ufffe", "\uffff", "\u00ad"]
)


@dataclass(slots=True)
class Char:
    """One printed character in top-down page coordinates.

    ``space`` is True for a space the PDF really contains (not one pdfium made up):
    it carries no glyph but says that a word ends there.
    """

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    space: bool = False
    #: Index of the page text line the character belongs to (set by the page reader).
    line: int = -1

    @property
    def size(self) -> float:
        """The character's height, close to its font size."""
        return self.bottom - self.top


class _Transform:
    """Maps pdfium user-space points to top-down coordinates of the displayed page."""

    __slots__ = ("bottom", "left", "page_height", "page_width", "right", "rotation", "top")

    def __init__(self, page: pdfium.PdfPage) -> None:
        self.left, self.bottom, self.right, self.top = page.get_cropbox()
        self.rotation = page.get_rotation() % 360
        width, height = self.right - self.left, self.top - self.bottom
        if self.rotation in (90, 270):
            width, height = height, width
        self.page_width, self.page_height = width, height

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """``(x0, x1, top, bottom)`` of a user-space box on the displayed page."""
        rot = self.rotation
        if rot == 0:
            return left - self.left, right - self.left, self.top - top, self.top - bottom
        if rot == 90:
            return bottom - self.bottom, top - self.bottom, left - self.left, right - self.left
        if rot == 180:
            return self.right - right, self.right - left, bottom - self.bottom, top - self.bottom
        # 270
        return self.top - top, self.top - bottom, self.right - right, self.right - left


def page_chars(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> list[Char]:
    """The page's characters in content order, generated and control characters dropped.

    Boxes are pdfium's *loose* boxes (font ascent to descent, advance width), so that all
    characters of one line share a top and bottom whatever their glyph shapes. Characters
    whose middle lies off the displayed page are dropped: WPS repeats the text of a cell
    cut by a page break above the next page, where no reader sees it.
    """
    transform = _Transform(page)
    tp = textpage.raw
    count = raw.FPDFText_CountChars(tp)
    if count <= 0:
        return []
    found: list[tuple[str, float, float, float, float, bool]] = []
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    got = raw.FPDFText_GetText(tp, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[: max(got - 1, 0) * 2].decode("utf-16-le", errors="surrogatepass")
    if len(text) != count:  # not one UTF-16 unit per character: ask one by one
        text = "".join(chr(raw.FPDFText_GetUnicode(tp, i)) for i in range(count))
    rect = raw.FS_RECTF()
    get_box = raw.FPDFText_GetLooseCharBox
    is_generated = raw.FPDFText_IsGenerated
    pending_high = ""
    for i, ch in enumerate(text):
        if ch in _SKIP or ch <= " ":
            if ch in _SPACES and not is_generated(tp, i):
                get_box(tp, i, rect)
                found.append((" ", rect.left, rect.bottom, rect.right, rect.top, True))
            continue
        if "\ud800" <= ch < "\ue000":  # a surrogate pair: pdfium gives its halves as two characters
            if ch < "\udc00":
                pending_high = ch
                continue
            if not pending_high:
                continue
            ch = (pending_high + ch).encode("utf-16-le", errors="surrogatepass").decode("utf-16-le")
            pending_high = ""
        elif ch in _SPACES:
            if is_generated(tp, i):
                continue
            get_box(tp, i, rect)
            found.append((" ", rect.left, rect.bottom, rect.right, rect.top, True))
            continue
        elif ch == "-" and is_generated(tp, i):
            continue
        get_box(tp, i, rect)
        found.append((ch, rect.left, rect.bottom, rect.right, rect.top, False))
    return _to_page(found, transform)


def _to_page(found, transform: _Transform) -> list[Char]:
    """Characters in top-down coordinates of the displayed page, off-page ones dropped."""
    chars: list[Char] = []
    width, height = transform.page_width, transform.page_height
    if transform.rotation == 0:
        left, top_edge = transform.left, transform.top
        for ch, x_left, y_bottom, x_right, y_top, space in found:
            x0, x1, top, bottom = x_left - left, x_right - left, top_edge - y_top, top_edge - y_bottom
            if bottom <= top and not space:  # zero height: pdfium could not place the glyph
                continue
            if 0 <= x0 + x1 <= 2 * width and 0 <= top + bottom <= 2 * height:
                chars.append(Char(ch, x0, x1, top, bottom, space))
        return chars
    box = transform.box
    for ch, x_left, y_bottom, x_right, y_top, space in found:
        x0, x1, top, bottom = box(x_left, y_bottom, x_right, y_top)
        if bottom <= top and not space:
            continue
        if 0 <= x0 + x1 <= 2 * width and 0 <= top + bottom <= 2 * height:
            chars.append(Char(ch, x0, x1, top, bottom, space))
    return chars


def font_counts(textpage: pdfium.PdfTextPage, fonts: frozenset[str]) -> dict[str, int]:
    """How many printed characters of the page pdfium read in each of ``fonts``."""
    counts = dict.fromkeys(fonts, 0)
    tp = textpage.raw
    name = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    for i in range(raw.FPDFText_CountChars(tp)):
        if raw.FPDFText_IsGenerated(tp, i) or raw.FPDFText_GetUnicode(tp, i) <= 0x20:
            continue
        if raw.FPDFText_GetFontInfo(tp, i, name, len(name), flags):
            used = base_font_name(name.value.decode("latin-1"))
            if used in counts:
                counts[used] += 1
    return counts


def base_font_name(name: str) -> str:
    """A font name without its subset prefix (``ABCDEF+SimSun`` -> ``SimSun``)."""
    head, plus, rest = name.partition("+")
    return rest if plus and len(head) == 6 and head.isupper() else name
