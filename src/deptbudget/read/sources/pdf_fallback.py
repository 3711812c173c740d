"""Characters pdfium cannot read, read with pdfminer (through pdfplumber) instead.

pdfium drops characters of a font it fails to load: the titles of some WPS documents are
set in a CID font that is not embedded (FZXiaoBiaoSong, ``Identity`` ordering), and
pdfium reads its digits but gives its Chinese characters as empty text objects. pdfminer
only needs the font's ``ToUnicode`` map and reads them all.

pdfminer is slow, so it is asked once per font and document, on one page with such empty
text objects, whether it sees more of that font than pdfium did. Only the
characters of a font found lost are taken from it, and of those only the ones pdfium does
not already have at the same place.
"""

from __future__ import annotations

import io
import logging

from .pdf_chars import Char, base_font_name


class MinerFallback:
    """One document's pdfminer reader, opened on first use; close it when done."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pdf = None
        self._pages: dict[int, list[tuple[str, Char]]] = {}

    def has_more(self, index: int, font: str, in_pdfium: int) -> bool:
        """True when pdfminer reads more characters of ``font`` on page ``index`` than pdfium."""
        return sum(1 for name, _ in self._miner_chars(index) if name == font) > in_pdfium

    def chars(self, index: int, fonts: frozenset[str], have: list[Char]) -> list[Char]:
        """pdfminer's characters of page ``index`` in ``fonts`` that ``have`` lacks.

        Coordinates are pdfplumber's (top-down from the media box), the same as pdfium's
        for an unrotated page whose crop box is its media box; the caller checks that.
        """
        by_text: dict[str, list[Char]] = {}
        for ch in have:
            by_text.setdefault(ch.text, []).append(ch)
        extra = []
        for font, ch in self._miner_chars(index):
            if font not in fonts:
                continue
            cx, cy = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
            if any(
                abs((o.x0 + o.x1) / 2 - cx) < 0.5 * o.size and abs((o.top + o.bottom) / 2 - cy) < 0.5 * o.size
                for o in by_text.get(ch.text, ())
            ):
                continue
            extra.append(ch)
        return extra

    def _miner_chars(self, index: int) -> list[tuple[str, Char]]:
        if index not in self._pages:
            self._pages[index] = self._read(index)
        return self._pages[index]

    def _read(self, index: int) -> list[tuple[str, Char]]:
        quiet = logging.getLogger("pdfminer")
        level = quiet.level
        quiet.setLevel(logging.ERROR)  # pdfminer warns on every odd object; pdfium was the judge
        try:
            if self._pdf is None:
                import pdfplumber

                self._pdf = pdfplumber.open(io.BytesIO(self._data))
            page = self._pdf.pages[index]
            found = [
                (
                    base_font_name(str(c.get("fontname", ""))),
                    Char(c["text"], float(c["x0"]), float(c["x1"]), float(c["top"]), float(c["bottom"])),
                )
                for c in page.chars
                if c["text"].strip()
            ]
            page.close()
            return found
        except Exception:  # pdfminer fails in many ways on odd files: then there is no fallback
            return []
        finally:
            quiet.setLevel(level)

    def close(self) -> None:
        """Close the pdfminer reader, if it was opened (never raises)."""
        if self._pdf is not None:
            try:
                self._pdf.close()
            except Exception:  # closing re-reads the page tree, which may be broken
                pass
            finally:
                self._pdf = None
