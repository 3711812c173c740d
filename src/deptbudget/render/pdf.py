"""Briefing HTML → A4 PDF with WeasyPrint, fetching nothing from the network."""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from ..core.files import atomic_write_bytes
from ..core.resources import path as resource_path

# One font configuration per process, shared by every PDF: pango keeps the fonts it opened and
# the glyph metrics it measured, so a second briefing does not load and measure them again. Pango
# objects are not thread-safe, hence the lock (WeasyPrint holds the GIL anyway: threads would
# not lay out two PDFs at once).
_FONTS_LOCK = threading.Lock()

#: Allocations between two young-generation collections while WeasyPrint lays out a page. Its
#: box trees are millions of short-lived objects freed by reference counting; at Python's
#: default (700) the collector runs hundreds of times per briefing, about a tenth of the PDF time.
_LAYOUT_GC_THRESHOLD = 20_000

#: Forces A4 even if a page's own CSS forgot it; the template's @page rules still apply.
_A4 = "@page { size: A4; }"


def html_to_pdf_bytes(page: str, base_url: str | Path | None = None) -> bytes:
    """Render HTML text to PDF bytes.

    Parameters
    ----------
    page : str
        A self-contained HTML page (images as ``data:`` URLs).
    base_url : str or Path, optional
        Base for relative URLs (only ``data:`` URLs are fetched anyway).

    Returns
    -------
    bytes
        The PDF file.
    """
    # Imported here: WeasyPrint loads pango at import, which costs ~0.5 s.
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    # Only data: URLs: a briefing must not reach the network or read arbitrary local files.
    fetcher = URLFetcher(allowed_protocols=["data"])
    doc = HTML(
        string=page,
        base_url=str(base_url) if base_url is not None else None,
        url_fetcher=fetcher,
    )
    with _FONTS_LOCK, _fewer_collections():
        fonts = _font_config()
        return doc.write_pdf(stylesheets=[CSS(string=_A4, font_config=fonts)], font_config=fonts)


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    young, middle, old = gc.get_threshold()
    gc.set_threshold(max(young, _LAYOUT_GC_THRESHOLD), middle, old)
    try:
        yield
    finally:
        gc.set_threshold(young, middle, old)


@cache
def _font_config() -> Any:
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@cache
def warm_up() -> None:
    """Import WeasyPrint and load the briefing's fonts (once per process, ~0.8 s).

    Laying out a few words in the briefing's own stylesheet makes pango and fontconfig open the
    CJK fonts, regular and bold, in the font configuration every later PDF of this process
    shares, so the real PDF starts at its layout. Run it while the
    notebook executes (:func:`warm_up_in_background`).
    """
    css = resource_path("report_templates", "briefing", "briefing.css").read_text(encoding="utf-8")
    html_to_pdf_bytes(f"<style>{css}</style><h2>预算</h2><p>合计 <b>1,234.56</b> 元</p>")


def _warm_up_quietly() -> None:
    # A failure here is not the user's: the real PDF meets it again and reports it properly.
    with contextlib.suppress(Exception):
        warm_up()


def warm_up_in_background() -> threading.Thread:
    """Start :func:`warm_up` in a daemon thread and return it (join before the real PDF).

    The thread mostly runs while the main thread waits on the kernel, so it costs no time
    there; :func:`functools.cache` makes a second call (warm batch workers) free.
    """
    thread = threading.Thread(target=_warm_up_quietly, name="deptbudget-pdf-warm-up", daemon=True)
    thread.start()
    return thread


def html_to_pdf(html_path: str | Path, pdf_path: str | Path) -> Path:
    """Render a briefing HTML file to an A4 PDF, written atomically.

    Parameters
    ----------
    html_path : str or Path
        The HTML briefing.
    pdf_path : str or Path
        Destination ``.pdf`` (its folder must exist).

    Returns
    -------
    Path
        ``pdf_path``.
    """
    src = Path(html_path)
    data = html_to_pdf_bytes(src.read_text(encoding="utf-8"), base_url=src.parent)
    return atomic_write_bytes(pdf_path, data)
