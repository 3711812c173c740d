"""Edited copies of a published PDF, made by the tests: pages dropped, printed numbers changed.

A number is changed in the page's content stream itself: the PDF prints text as glyph codes of
its embedded (subset) fonts, so the new number is encoded with the codes the same font uses for
its digits, read from the font's ToUnicode map (pdfminer). The copy then reads like a
document that printed that number. Needs ``qpdf`` and ``fix-qdf`` (Debian package ``qpdf``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest


def _tools() -> None:
    if not (shutil.which("qpdf") and shutil.which("fix-qdf")):
        pytest.skip("qpdf is not installed")


def drop_pages(source: Path, target: Path, pages: list[int]) -> Path:
    """A copy of ``source`` without ``pages`` (1-based)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(source)
    try:
        for index in sorted((p - 1 for p in pages), reverse=True):
            pdf.del_page(index)
        pdf.save(target)
    finally:
        pdf.close()
    return target


def _page_fonts(source: Path, page: int) -> dict[str, dict[str, int]]:
    """For each font of ``page`` (by resource name), its code for each character (ToUnicode)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    with source.open("rb") as handle:
        doc = PDFDocument(PDFParser(handle))
        manager = PDFResourceManager()
        for n, pdf_page in enumerate(PDFPage.create_pages(doc), 1):
            if n != page:
                continue
            fonts = resolve1(pdf_page.resources.get("Font")) or {}
            out = {}
            for name, spec in fonts.items():
                font = manager.get_font(None, resolve1(spec))
                mapping = getattr(font.unicode_map, "cid2unichr", {}) if font.unicode_map else {}
                out[name] = {char: code for code, char in mapping.items()}
            return out
    raise ValueError(f"no page {page}")


def _hex(text: str, codes: dict[str, int]) -> bytes | None:
    if any(c not in codes for c in text):
        return None
    return "".join(f"{codes[c]:04x}" for c in text).encode()


def edit_number(source: Path, target: Path, page: int, old: str, new: str, occurrence: int = 0,
                tmp: Path | None = None) -> Path:
    """A copy of ``source`` whose ``page`` prints ``new`` where it printed ``old``.

    Parameters
    ----------
    source, target : Path
        The published PDF and the copy to write.
    page : int
        1-based page.
    old, new : str
        The printed text (``2,995.39``) and its replacement, of the same length.
    occurrence : int
        Which printing of ``old`` on the page, in the content stream's order.
    tmp : Path, optional
        A scratch folder (default: next to ``target``).
    """
    assert len(old) == len(new)
    work = tmp or target.parent
    data, start, end = _page_stream(source, page, work, target.stem)
    body = data[start:end]
    for codes in _page_fonts(source, page).values():
        old_hex, new_hex = _hex(old, codes), _hex(new, codes)
        if old_hex is None or new_hex is None:
            continue
        found = [m.start() for m in re.finditer(re.escape(old_hex), body, flags=re.IGNORECASE)]
        if len(found) > occurrence:
            at = found[occurrence]
            body = body[:at] + new_hex + body[at + len(old_hex):]
            break
    else:
        raise ValueError(f"{old!r} is not printed {occurrence + 1} time(s) on page {page}")
    return _save(data[:start] + body + data[end:], target, work)


def _page_stream(source: Path, page: int, work: Path, stem: str) -> tuple[bytes, int, int]:
    """The whole file uncompressed (qpdf's QDF form) and where ``page``'s content stream is."""
    _tools()
    qdf = work / f"{stem}.qdf.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(source), str(qdf)], check=True)
    data = qdf.read_bytes()
    start = data.index(f"%% Contents for page {page}\n".encode())
    return data, start, data.index(b"endstream", start)


def _save(data: bytes, target: Path, work: Path) -> Path:
    edited = work / f"{target.stem}.edited.pdf"
    edited.write_bytes(data)
    fixed = work / f"{target.stem}.fixed.pdf"
    with fixed.open("wb") as out:
        subprocess.run(["fix-qdf", str(edited)], check=True, stdout=out)
    subprocess.run(["qpdf", "--object-streams=generate", str(fixed), str(target)], check=True)
    return target


_TEXT_BLOCK = re.compile(rb"BT\n/(\w+) ([\d.]+) Tf\n([\d.]+) ([\d.]+) Td\n<([0-9a-fA-F]+)> Tj\nET\n")


def fill_cell(source: Path, target: Path, page: int, beside: str, text: str, dx: float, occurrence: int = 0,
              tmp: Path | None = None) -> Path:
    """A copy of ``source`` that prints ``text`` in a blank cell: ``dx`` points right of the
    ``occurrence``-th printing of ``beside`` on ``page``, in the same font and size."""
    work = tmp or target.parent
    data, start, end = _page_stream(source, page, work, target.stem)
    body = data[start:end]
    fonts = _page_fonts(source, page)
    blocks = [m for m in _TEXT_BLOCK.finditer(body)
              if _hex(beside, fonts.get(m.group(1).decode(), {})) == m.group(5).lower()]
    if len(blocks) <= occurrence:
        raise ValueError(f"{beside!r} is not printed {occurrence + 1} time(s) on page {page}")
    block = blocks[occurrence]
    font, size, x, y = (g.decode() for g in block.group(1, 2, 3, 4))
    encoded = _hex(text, fonts[font])
    if encoded is None:
        raise ValueError(f"font {font} of page {page} has no glyph for some character of {text!r}")
    added = f"BT\n/{font} {size} Tf\n{float(x) + dx:.5f} {y} Td\n<{encoded.decode()}> Tj\nET\n".encode()
    body = body[:block.end()] + added + body[block.end():]
    return _save(data[:start] + body + data[end:], target, work)


def remove_text(source: Path, target: Path, page: int, text: str, tmp: Path | None = None) -> Path:
    """A copy of ``source`` without the line ``text`` on ``page`` (printed as one text block)."""
    work = tmp or target.parent
    data, start, end = _page_stream(source, page, work, target.stem)
    body = data[start:end]
    fonts = _page_fonts(source, page)
    blocks = [m for m in _TEXT_BLOCK.finditer(body)
              if _hex(text, fonts.get(m.group(1).decode(), {})) == m.group(5).lower()]
    if not blocks:
        raise ValueError(f"{text!r} is not printed as one text block on page {page}")
    for block in reversed(blocks):
        body = body[:block.start()] + body[block.end():]
    return _save(data[:start] + body + data[end:], target, work)
