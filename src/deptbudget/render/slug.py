"""File-name slugs for briefings: ``<department>-<year>``, safe in any folder.

How a slug is made
------------------
1. The department name is NFKC-normalised (full-width letters and digits become ASCII), ASCII
   letters are lower-cased (case-insensitive file systems would merge ``A`` and ``a``).
2. Every character that is not a letter or digit of any script (CJK is kept), ``-`` or ``_``
   becomes ``-``; runs of ``-`` collapse and ``-``/``_`` are stripped from both ends. Path
   separators, dots, NUL, control characters and spaces therefore never survive, so a slug has
   no ``/``, no ``\\``, no ``..`` and cannot be absolute.
3. The name part is cut to :data:`MAX_NAME_BYTES` bytes of UTF-8 (a whole character at a time)
   so that slug + extension + temporary-file prefix stays far below the 255-byte limit.
4. The year is appended as ``-YYYY``.

When any of these steps changed the name (or the name came out empty, or the year is not four
digits) the mapping may have merged two different departments, so an 8-hex-digit suffix is
appended: the first 32 bits of SHA-256 of the *original* department and year. Why this does not
collide:

* Unchanged names give ``<name>-<YYYY>``; the name is exactly the department, and the year is
  the last ``-`` component, so two different (department, year) pairs give two different slugs.
* Changed names end in ``-<8 hex>`` while unchanged ones end in ``-<4 digits>``: the two kinds
  never meet.
* Two changed names that clean to the same text differ in their suffix unless SHA-256 agrees on
  32 bits (odds 2**-32 per pair). The batch runner still checks (:func:`unique_slug`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

#: Longest name part, in UTF-8 bytes (about 40 CJK characters).
MAX_NAME_BYTES = 120

_SUFFIX_HEX = 8
_WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(1, 10)] + [f"lpt{i}" for i in range(1, 10)]
)
_RUNS = re.compile(r"-{2,}")


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    out = []
    for ch in text:
        if ch.isascii() and ch.isalpha():
            out.append(ch.lower())
        elif ch.isalnum() or ch in "-_":
            out.append(ch)
        else:
            out.append("-")
    return _RUNS.sub("-", "".join(out)).strip("-_")


def _truncate_bytes(text: str, limit: int) -> str:
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    # errors="ignore" drops a character cut in half rather than producing mojibake.
    return encoded[:limit].decode("utf-8", errors="ignore").rstrip("-_")


def _digest(department: str, year: object) -> str:
    key = f"{department}\x1f{year}".encode()
    return hashlib.sha256(key).hexdigest()[:_SUFFIX_HEX]


def slugify(department: str, year: int | str | None) -> str:
    """Return a file-name-safe slug for one department's briefing of one year.

    Parameters
    ----------
    department : str
        The department name as printed (any script; CJK is kept).
    year : int or str or None
        The budget year. Four digits keep the slug short; anything else forces a hash suffix.

    Returns
    -------
    str
        A slug without path separators, dots or control characters, at most about 140 bytes.
        See the module docstring for why two departments never share a slug.
    """
    department = "" if department is None else str(department)
    name = _truncate_bytes(_clean(department), MAX_NAME_BYTES)
    year_text = str(year).strip() if year is not None else ""
    lossy = name != department or not name or name.lower() in _WINDOWS_RESERVED
    if re.fullmatch(r"\d{4}", year_text):
        year_part = year_text
    else:
        lossy = True
        year_part = _truncate_bytes(_clean(year_text), 16) or "nd"
    slug = f"{name or 'department'}-{year_part}"
    if lossy:
        slug = f"{slug}-{_digest(department, year)}"
    return slug


def unique_slug(slug: str, taken: set[str] | frozenset[str], salt: str) -> str:
    """Return ``slug`` or, if another input already holds it, a salted variant.

    Two inputs may describe the same department and year (a duplicate file, a corrected
    re-issue); they must not overwrite each other's briefing.

    Parameters
    ----------
    slug : str
        The slug from :func:`slugify`.
    taken : set of str
        Slugs held by other inputs.
    salt : str
        Something unique to this input (its relative path).

    Returns
    -------
    str
        A slug not in ``taken``.
    """
    candidate = slug
    n = 0
    while candidate in taken:
        digest = hashlib.sha256(f"{salt}\x1f{n}".encode()).hexdigest()[:6]
        candidate = f"{slug}-{digest}"
        n += 1
    return candidate


def output_path(folder: str | Path, slug: str, suffix: str) -> Path:
    """Return ``folder/<slug><suffix>``, refusing anything that would land elsewhere.

    Parameters
    ----------
    folder : str or Path
        The output folder.
    slug : str
        A slug from :func:`slugify` (checked again here: belt and braces).
    suffix : str
        Extension with its dot, e.g. ``".html"``.

    Returns
    -------
    Path
        The path inside ``folder``.

    Raises
    ------
    ValueError
        If the slug contains a separator, is empty, starts with a dot or resolves outside.
    """
    if not slug or "/" in slug or "\\" in slug or "\x00" in slug or slug.startswith("."):
        raise ValueError(f"unsafe slug {slug!r}")
    base = Path(folder).resolve()
    target = (base / f"{slug}{suffix}").resolve()
    if target.parent != base:
        raise ValueError(f"slug {slug!r} escapes {base}")
    return target
