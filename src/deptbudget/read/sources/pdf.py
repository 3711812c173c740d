"""Reading a PDF disclosure into numbered text lines and ruled grids.

pdfium (through pypdfium2) gives the characters with their boxes and the page's path
objects; the ruling lines among those paths become table cells through pdfplumber's
geometry functions. This is several times faster than pdfplumber's own text and table
extraction, which parses the file with pdfminer.

Examples
--------
>>> doc = read_pdf("budget.pdf")                                  # doctest: +SKIP
>>> [line.text for line in doc.pages[7].lines][:2]                # doctest: +SKIP
['2025年部门财务收支预算总表', '编制部门：上海市某某区某某办公室  单位：元']
>>> doc.pages[7].grids[0].rows[-1].cells[:2]                      # doctest: +SKIP
('收入总计', '91,016,775.35')
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from ...core.errors import DisclosureError
from .pdf_cells import merged_edges, tables_of
from .pdf_chars import Char, font_counts, page_chars
from .pdf_fallback import MinerFallback
from .pdf_grid import Numbering, build_grids
from .pdf_paths import Edge, page_edges
from .pdf_text import fold, group_lines, join_words, split_words
from .pdf_types import Grid, GridRow, PdfDocument, PdfLine, PdfPage, Word

__all__ = [
    "Grid",
    "GridRow",
    "PdfDocument",
    "PdfLine",
    "PdfPage",
    "Word",
    "is_pdf",
    "read_pdf",
    "read_pdf_bytes",
]

#: pdfium keeps global state and is not thread-safe: one document is read at a time.
_PDFIUM = threading.Lock()

_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD


def is_pdf(data_head: bytes) -> bool:
    """True when ``%PDF-`` appears within the first 1024 bytes (where readers look for it)."""
    return b"%PDF-" in data_head[:1024]


def read_pdf(path: str | Path) -> PdfDocument:
    """Read a PDF disclosure file.

    Parameters
    ----------
    path : str or Path
        The PDF file.

    Returns
    -------
    PdfDocument
        Every page with its text lines and ruled grids.

    Raises
    ------
    DisclosureError
        When the file cannot be read, is not a PDF, is damaged (a page that fails to load
        is named), is encrypted with a password, or has no text layer on any page (a
        scan). A PDF where only some pages lack text is read: those pages have no lines.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DisclosureError(path, f"cannot read the file: {exc.strerror or exc}") from None
    return read_pdf_bytes(data, path)


def read_pdf_bytes(data: bytes, name: str | Path = "<input>") -> PdfDocument:
    """Read a PDF disclosure from bytes; ``name`` is used in messages and as ``path``.

    See :func:`read_pdf` for what is returned and raised.
    """
    name = Path(name)
    if not is_pdf(data[:1024]):
        raise DisclosureError(name, "not a PDF file (no %PDF- header in the first 1024 bytes)")
    digest = hashlib.sha256(data).hexdigest()
    with _PDFIUM:
        pages = _read_pages(data, name)
    if not any(page.lines for page in pages):
        raise DisclosureError(
            name,
            f"no text layer on page 1 or on any other of its {len(pages)} pages: "
            "a scanned PDF cannot be read; run OCR on it first",
            page=1,
        )
    return PdfDocument(path=name, sha256=digest, pages=tuple(pages))


def _reason(exc: BaseException) -> str:
    """pdfium's words for a failure, without pypdfium2's wrapping."""
    text = str(exc)
    if "(PDFium: " in text:
        text = text.split("(PDFium: ", 1)[1].rstrip(").")
    return text.rstrip(".") or type(exc).__name__


def _truncated(data: bytes) -> str:
    """A hint for the message when the file does not end as every PDF does."""
    return "; the file looks truncated: it does not end with %%EOF" if b"%%EOF" not in data[-2048:] else ""


def _read_pages(data: bytes, name: Path) -> list[PdfPage]:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == _PASSWORD_ERROR:
            raise DisclosureError(
                name, "the PDF is encrypted: it needs a password to open, and this reader takes none"
            ) from None
        raise DisclosureError(name, f"damaged PDF: it cannot be opened ({_reason(exc)}){_truncated(data)}") from None
    except Exception as exc:  # pypdfium2 can fail in other ways on broken input
        raise DisclosureError(name, f"damaged PDF: it cannot be opened ({_reason(exc)}){_truncated(data)}") from None
    try:
        try:
            count = len(pdf)
        except Exception as exc:
            raise DisclosureError(name, f"damaged PDF: its pages cannot be counted ({_reason(exc)})") from None
        if count == 0:
            raise DisclosureError(name, "damaged PDF: it has no pages")
        raws = [_read_page(pdf, index, name) for index in range(count)]
    finally:
        pdf.close()
    _recover_lost_text(data, raws)
    pages = []
    next_line = 1
    for raw_page in raws:
        page = _assemble(raw_page, next_line)
        next_line += len(page.lines)
        pages.append(page)
    return pages


@dataclass(slots=True)
class _RawPage:
    """What pdfium gave for one page, before lines and grids are made."""

    index: int
    width: float
    height: float
    chars: list[Char]
    edges: list[Edge]
    #: Fonts that may have lost text, with how many characters pdfium read in each;
    #: empty where pdfminer's coordinates would not match (rotated or cropped pages).
    suspects: dict[str, int]


def _read_page(pdf: pdfium.PdfDocument, index: int, name: Path) -> _RawPage:
    number = index + 1
    try:
        page = pdf[index]
    except Exception as exc:
        raise DisclosureError(
            name, f"damaged PDF: page {number} cannot be loaded ({_reason(exc)})", page=number
        ) from None
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            chars = page_chars(page, textpage)
            edges, suspects = page_edges(page, textpage)
            counts: dict[str, int] = {}
            if suspects and page.get_rotation() == 0 and page.get_cropbox() == page.get_mediabox():
                counts = font_counts(textpage, suspects)
        finally:
            textpage.close()
    except Exception as exc:
        raise DisclosureError(
            name, f"damaged PDF: page {number} cannot be read ({_reason(exc)})", page=number
        ) from None
    finally:
        page.close()
    return _RawPage(index, float(width), float(height), chars, edges, counts)


def _recover_lost_text(data: bytes, raws: list[_RawPage]) -> None:
    """Add the characters pdfium dropped (fonts it failed to load), read with pdfminer.

    Whether a suspect font is really lost is asked once per font, on the smallest page
    where it is suspect; its characters are then taken from every page where it is.
    """
    if not any(r.suspects for r in raws):
        return
    fallback = MinerFallback(data)
    try:
        fonts = {font for r in raws for font in r.suspects}
        lost = set()
        for font in sorted(fonts):
            probe = min((r for r in raws if font in r.suspects), key=lambda r: len(r.chars))
            if fallback.has_more(probe.index, font, probe.suspects[font]):
                lost.add(font)
        for r in raws:
            found = frozenset(f for f in r.suspects if f in lost)
            if found:
                r.chars.extend(fallback.chars(r.index, found, r.chars))
    finally:
        fallback.close()


def _assemble(raw_page: _RawPage, first_line: int) -> PdfPage:
    """Lines and grids of one page from its characters and edges."""
    number, width, height = raw_page.index + 1, raw_page.width, raw_page.height
    chars = raw_page.chars
    merged = merged_edges(raw_page.edges)
    verticals = sorted((e for e in merged if e["orientation"] == "v"), key=lambda e: e["x0"])
    line_chars = group_lines(chars)
    lines: list[PdfLine] = []
    for i, chs in enumerate(line_chars):
        line_number = first_line + i
        for ch in chs:
            ch.line = line_number
        top = min(c.top for c in chs)
        bottom = max(c.bottom for c in chs)
        mid = (top + bottom) / 2
        rules = [e["x0"] for e in verticals if e["top"] < mid < e["bottom"]]
        words = split_words(chs, rules)
        lines.append(
            PdfLine(
                number=line_number,
                page=number,
                text=join_words(words, rules),
                top=top,
                bottom=bottom,
                x0=words[0][0].x0,
                x1=words[-1][-1].x1,
                words=tuple(
                    Word(
                        fold("".join(c.text for c in w)),
                        w[0].x0,
                        w[-1].x1,
                        min(c.top for c in w),
                        max(c.bottom for c in w),
                    )
                    for w in words
                ),
            )
        )
    numbering = Numbering([(ln.top + ln.bottom) / 2 for ln in lines], [ln.number for ln in lines])
    grids = build_grids(number, tables_of(merged), chars, numbering) if merged else []
    return PdfPage(number=number, width=width, height=height, lines=tuple(lines), grids=tuple(grids))
