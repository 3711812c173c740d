"""Atomic file writes: a reader never sees a half-written output.

Every output of the report pipeline goes through these helpers: the bytes are written to a
temporary file in the destination folder (same file system, so the rename is atomic), flushed
and fsynced, then moved over the destination with :func:`os.replace`. If anything fails the
temporary file is removed, so no partial file is left behind.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

#: Prefix of every temporary file we create; lets a clean-up find strays after a crash.
TEMP_PREFIX = ".deptbudget-tmp-"


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically.

    Parameters
    ----------
    path : str or Path
        Destination file. Its folder must exist.
    data : bytes
        The complete content.

    Returns
    -------
    Path
        The destination path.
    """
    dest = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".part", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp creates 0600 files; outputs are documents meant to be shared.
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, dest)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    return dest


def atomic_write_text(path: str | Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically (see :func:`atomic_write_bytes`).

    Parameters
    ----------
    path : str or Path
        Destination file.
    text : str
        The complete content.
    encoding : str
        Text encoding, UTF-8 by default.

    Returns
    -------
    Path
        The destination path.
    """
    return atomic_write_bytes(path, text.encode(encoding))


def remove_stale_temps(folder: str | Path) -> list[Path]:
    """Delete temporary files a crashed run left in ``folder`` (not recursive).

    Parameters
    ----------
    folder : str or Path
        Folder to clean.

    Returns
    -------
    list of Path
        The files removed.
    """
    removed = []
    base = Path(folder)
    if not base.is_dir():
        return removed
    for p in base.glob(TEMP_PREFIX + "*"):
        with contextlib.suppress(OSError):
            p.unlink()
            removed.append(p)
    return removed


def sha256_file(path: str | Path) -> str:
    """Return the hex SHA-256 of a file's bytes.

    Parameters
    ----------
    path : str or Path
        The file.

    Returns
    -------
    str
        64 hex digits.
    """
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


def sha256_files(paths: Sequence[str | Path]) -> str:
    """The SHA-256 fingerprint of one file, or of several files taken together.

    Parameters
    ----------
    paths : sequence of str or Path
        The files, in order.

    Returns
    -------
    str
        64 hex digits: the file's own hash for one file; for several, the hash of each
        file's hash and name, one per line, so that a change to any file changes it.
    """
    if len(paths) == 1:
        return sha256_file(paths[0])
    lines = "".join(f"{sha256_file(p)}  {Path(p).name}\n" for p in paths)
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()
