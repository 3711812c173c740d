"""Briefing HTML → A4 PDF with WeasyPrint, fetching nothing from the network."""

from __future__ import annotations

from pathlib import Path

from ..core.files import atomic_write_bytes

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
    return doc.write_pdf(stylesheets=[CSS(string=_A4)])


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
