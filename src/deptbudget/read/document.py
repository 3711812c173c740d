"""A disclosure's files, opened: one ordered stream of lines, and the grids of PDF pages.

A disclosure may be published as one file or several (Jiangsu 2017–19 publish the narrative
and the tables as two PDFs); a folder holding several files is one disclosure too. Text files
(UTF-8, GB18030 …) and text-based PDFs are both read here, by content, never by file name.
Everything downstream works on :class:`Document`: lines that know their file, page and
line, and for PDF pages the ruled grids with their cells.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import DisclosureError
from ..core.model import SourceFile
from .sources.text import MAX_BYTES, Line, source_from_bytes

if TYPE_CHECKING:
    from .sources.pdf_types import Grid, PdfPage

#: A PDF is larger than a text disclosure (fonts, images); anything this large is not one.
MAX_PDF_BYTES = 100 * 1024 * 1024
#: File endings a folder of one disclosure is read for (other files there are ignored).
DISCLOSURE_SUFFIXES = (".pdf", ".txt", ".text")


@dataclass
class Document:
    """The files of one disclosure, opened.

    Attributes
    ----------
    files : list of SourceFile
        Each file read, in reading order.
    paths : list of Path
        Their paths, in the same order.
    lines : list of Line
        Every non-blank line of every file, in reading order; ``Line.file`` names the file.
    pages : dict of (str, int) to PdfPage
        For PDF files: each page (lines with positions, ruled grids), by (file name, page).
    """

    files: list[SourceFile]
    paths: list[Path]
    lines: list[Line]
    pages: dict[tuple[str, int], PdfPage] = field(default_factory=dict)

    @property
    def is_pdf(self) -> bool:
        """True when every file is a PDF (grids and positions are known)."""
        return bool(self.files) and all(f.format == "pdf" for f in self.files)

    def grids(self, file: str, page: int) -> tuple[Grid, ...]:
        """The ruled grids of one PDF page (none for text)."""
        found = self.pages.get((file, page))
        return found.grids if found is not None else ()


def list_disclosures(folder: str | Path) -> list[Path]:
    """The disclosures directly inside ``folder``, sorted by name.

    A disclosure is a ``.txt`` or ``.pdf`` file, or a subfolder holding the files of one
    disclosure (a narrative and its tables published as two PDFs). Hidden names are skipped.

    Raises
    ------
    DisclosureError
        If ``folder`` is not a folder or holds no disclosure.
    """
    root = Path(folder)
    if not root.is_dir():
        raise DisclosureError(root, "not a folder")
    found = sorted(
        p for p in root.iterdir()
        if not p.name.startswith(".") and (
            (p.is_file() and p.suffix.lower() in DISCLOSURE_SUFFIXES)
            or (p.is_dir() and any(f.suffix.lower() in DISCLOSURE_SUFFIXES for f in p.iterdir() if f.is_file()))
        )
    )
    if not found:
        raise DisclosureError(root, "no disclosure (*.txt, *.pdf or a folder of them) found")
    return found


def disclosure_files(paths: str | Path | Iterable[str | Path]) -> list[Path]:
    """The files of one disclosure: the paths given, a folder's disclosure files expanded.

    Parameters
    ----------
    paths : path or iterable of paths
        One file, one folder, or several files (and folders) that together are one
        disclosure.

    Returns
    -------
    list of Path
        Files in reading order: as given; a folder's files sorted by name.

    Raises
    ------
    DisclosureError
        For a path that does not exist, or a folder without a ``.pdf``/``.txt`` file.
    """
    items = [Path(paths)] if isinstance(paths, str | Path) else [Path(p) for p in paths]
    if not items:
        raise DisclosureError(None, "no disclosure file given")
    files: list[Path] = []
    for item in items:
        if item.is_dir():
            found = sorted(p for p in item.iterdir() if p.is_file() and p.suffix.lower() in DISCLOSURE_SUFFIXES)
            if not found:
                raise DisclosureError(item, "the folder holds no disclosure file (.pdf or .txt)")
            files.extend(found)
        elif not item.exists():
            raise DisclosureError(item, "no such file")
        else:
            files.append(item)
    return files


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_PDF_BYTES:
            raise DisclosureError(
                path, f"the file is {size / 2**20:.0f} MiB; a disclosure is at most {MAX_PDF_BYTES // 2**20} MiB"
            )
        return path.read_bytes()
    except OSError as exc:
        raise DisclosureError(path, f"cannot read the file: {exc.strerror}") from None


def open_document(paths: str | Path | Iterable[str | Path]) -> Document:
    """Open the files of one disclosure.

    Parameters
    ----------
    paths : path or iterable of paths
        See :func:`disclosure_files`.

    Returns
    -------
    Document
        The files' lines in reading order and, for PDFs, their pages.

    Raises
    ------
    DisclosureError
        For a missing, unreadable, empty, binary, encrypted, damaged or scanned file,
        naming the file and (for a PDF) the page.
    """
    files = disclosure_files(paths)
    names = [p.name for p in files]
    if len(set(names)) != len(names):
        raise DisclosureError(files[0], "two files of the disclosure have the same name")
    return document_from_bytes([(p, _read_bytes(p)) for p in files])


def document_from_bytes(items: Sequence[tuple[str | Path, bytes]]) -> Document:
    """Open files already in memory: (name or path, bytes) pairs, in reading order."""
    from .sources.pdf import is_pdf, read_pdf_bytes

    doc = Document(files=[], paths=[], lines=[])
    for name, data in items:
        path = Path(name)
        if is_pdf(data[:1024]):
            pdf = read_pdf_bytes(data, path)
            doc.files.append(SourceFile(path.name, pdf.sha256, "pdf", None, len(pdf.pages)))
            for page in pdf.pages:
                doc.pages[(path.name, page.number)] = page
                doc.lines.extend(
                    Line(number=line.number, page=line.page, text=line.text, file=path.name)
                    for line in page.lines
                )
        else:
            if len(data) > MAX_BYTES:
                raise DisclosureError(
                    path, f"the file is {len(data) / 2**20:.0f} MiB; a text disclosure is at most 20 MiB"
                )
            source = source_from_bytes(data, path)
            pages = max((line.page for line in source.lines), default=0)
            doc.files.append(SourceFile(path.name, source.sha256, "text", source.encoding, pages))
            doc.lines.extend(source.lines)
        doc.paths.append(path)
    return doc
