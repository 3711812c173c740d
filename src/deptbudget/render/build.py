"""One briefing: execute the notebook into a private staging folder, export, then commit.

How one briefing is made (:func:`stage_briefing`)
    A private staging folder ``OUT/.deptbudget-stage-*`` receives the executed notebook, the
    HTML and the PDF. Only when all of them exist are they moved into ``OUT`` with
    :func:`os.replace` (atomic on one file system), under the slug of the department and year
    the notebook reports. A failure deletes the staging folder, so ``OUT`` never holds a
    half-written file. The move itself is all or nothing per department
    (:func:`commit_staged`): if one file cannot be moved, those already moved are put back
    to their previous versions.

Where department, year and headline figures come from (the seam with the reader)
    The runner never parses disclosures itself. The notebook reads the disclosure (with
    ``deptbudget.read_disclosure``) and calls :func:`deptbudget.brief.params.write_summary`;
    the runner reads that summary back. Swapping the reader therefore needs no change here,
    and the fixture notebooks in tests stand in for the real one.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Any

from ..core.errors import DisclosureError
from ..core.files import atomic_write_text, remove_stale_temps, sha256_file, sha256_files
from ..core.resources import path as resource_path
from ..read.document import disclosure_files
from .slug import output_path, slugify, unique_slug

#: Formats a user may ask for; the executed notebook (``.ipynb``) is always kept.
FORMATS: tuple[str, ...] = ("html", "pdf")
STAGE_PREFIX = ".deptbudget-stage-"
SUFFIX = {"ipynb": ".ipynb", "html": ".html", "pdf": ".pdf"}
_BAD_INPUT_ERRORS = frozenset({"DisclosureError", "ParameterError", "UnicodeDecodeError"})


class InputError(ValueError):
    """The user's input cannot be used (missing file, empty folder, bad option): exit 2."""


class BriefingFailed(RuntimeError):
    """One briefing could not be made; ``reason`` is one line, ``bad_input`` says whose fault."""

    def __init__(self, reason: str, bad_input: bool = False) -> None:
        self.reason = reason
        self.bad_input = bad_input
        super().__init__(reason)


@dataclass
class Staged:
    """A briefing written to its staging folder, not yet visible in the output folder."""

    stage: Path
    files: dict[str, Path]
    summary: dict[str, Any]
    sha256: str


def package_version() -> str:
    """Return the installed deptbudget version (``0+unknown`` when not installed)."""
    try:
        return importlib_metadata.version("deptbudget")
    except importlib_metadata.PackageNotFoundError:
        return "0+unknown"


def default_notebook() -> Path:
    """Return the shipped ``notebooks/briefing.ipynb``.

    Raises
    ------
    InputError
        If the package was installed without it.
    """
    path = resource_path("notebooks", "briefing.ipynb")
    if not path.is_file():
        raise InputError(f"the briefing notebook was not found ({path})")
    return path


def parse_formats(text: str | Iterable[str]) -> tuple[str, ...]:
    """Parse ``"html,pdf"`` into a tuple of known formats, in canonical order.

    Raises
    ------
    InputError
        For an empty list or an unknown format.
    """
    items = text.split(",") if isinstance(text, str) else list(text)
    wanted = {i.strip().lower() for i in items if i.strip()}
    unknown = sorted(wanted - set(FORMATS))
    if unknown or not wanted:
        raise InputError(
            f"unknown format {', '.join(unknown) or '(none)'}; choose from {','.join(FORMATS)}"
        )
    return tuple(f for f in FORMATS if f in wanted)


def one_line(text: object, limit: int = 300) -> str:
    """Squeeze a message onto one line (ANSI colours removed), at most ``limit`` characters."""
    s = re.sub(r"\x1b\[[0-9;]*m", "", str(text))
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def failure_of(exc: BaseException) -> BriefingFailed:
    from ..brief.params import ParameterError
    from .execute import NotebookError

    if isinstance(exc, BriefingFailed):
        return exc
    if isinstance(exc, NotebookError):
        where = f" (notebook cell {exc.cell_index})" if exc.cell_index is not None else ""
        return BriefingFailed(
            one_line(f"{exc.ename}: {exc.evalue}{where}"), bad_input=exc.ename in _BAD_INPUT_ERRORS
        )
    if isinstance(exc, ParameterError):
        return BriefingFailed(one_line(exc), bad_input=True)
    if type(exc).__name__ == "DeadKernelError":  # nbclient's: the kernel process is gone
        return BriefingFailed(one_line(f"the notebook's kernel died (killed, out of memory or crashed): {exc}"))
    return BriefingFailed(one_line(f"{type(exc).__name__}: {exc}"))


def stamp_metadata(
    nb: Any, summary: dict[str, Any], source_sha256: str, notebook_sha256: str, generated: str
) -> None:
    """Write ``metadata.deptbudget`` (read by the template's title block) into ``nb``."""
    nb.metadata["deptbudget"] = {
        "department": summary["department"],
        "year": summary.get("year"),
        "kind": summary.get("kind") or "预算",
        "layout": summary.get("layout"),
        "generated": generated,
        "source_sha256": source_sha256,
        "notebook_sha256": notebook_sha256,
        "package_version": package_version(),
        "headline": summary.get("headline", {}),
        "audit": summary.get("audit", {}),
    }


#: One disclosure: a file, a folder of its files, or its files.
DisclosureInput = str | Path | Sequence[str | Path]


def disclosure_files_of(disclosure: DisclosureInput) -> tuple[str | list[str], list[Path]]:
    """The notebook's ``disclosure_path`` for a disclosure, and its files (for fingerprints).

    Raises
    ------
    InputError
        If a path does not exist or a folder holds no disclosure file.
    """
    try:
        files = disclosure_files(disclosure)
    except DisclosureError as exc:
        raise InputError(str(exc)) from None
    if isinstance(disclosure, str | Path):
        return str(Path(disclosure).resolve()), files
    items = [str(Path(p).resolve()) for p in disclosure]
    return (items[0] if len(items) == 1 else items), files


def stage_briefing(
    disclosure: DisclosureInput,
    out_dir: str | Path,
    formats: Iterable[str] = FORMATS,
    notebook: str | Path | None = None,
    kernel: Any = None,
    corpus_dir: str | Path | None = None,
) -> Staged:
    """Execute the notebook for one disclosure and write its outputs to a staging folder.

    Parameters
    ----------
    disclosure : str or Path
        The disclosure text file.
    out_dir : str or Path
        The output folder (the staging folder is made inside it).
    formats : iterable of str
        Among :data:`FORMATS`; the ``.ipynb`` is always written.
    notebook : str or Path, optional
        The parameterized notebook (default: :func:`default_notebook`).
    kernel : WarmKernel, optional
        A warm kernel to reuse.
    corpus_dir : str or Path, optional
        A corpus holding other years of the department (the briefing's 历年 section).

    Returns
    -------
    Staged
        The staged files and the notebook's summary.

    Raises
    ------
    BriefingFailed
        With a one-line reason; the staging folder is removed.
    """
    import nbformat

    from ..brief.params import read_summary
    from ..core.files import atomic_write_bytes
    from .execute import execute_notebook
    from .export import render_html
    from .pdf import html_to_pdf_bytes, warm_up_in_background

    formats = tuple(formats)
    warming = warm_up_in_background() if "pdf" in formats else None
    given, files = disclosure_files_of(disclosure)
    nb_path = Path(notebook) if notebook is not None else default_notebook()
    try:
        stage = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=out_dir))
    except OSError as exc:  # e.g. a full disk: this input fails, the batch goes on
        raise BriefingFailed(one_line(f"cannot create a staging folder: {exc}")) from exc
    try:
        summary_path = stage / "summary.json"
        params = {"disclosure_path": given, "static_charts": True, "summary_path": str(summary_path)}
        if corpus_dir is not None:
            params["corpus_dir"] = str(Path(corpus_dir).resolve())
        nb = execute_notebook(nb_path, params, None, kernel)
        summary = read_summary(summary_path)
        source_sha = sha256_files(files)
        stamp_metadata(nb, summary, source_sha, sha256_file(nb_path), now_iso())
        files = {"ipynb": atomic_write_text(stage / "briefing.ipynb", nbformat.writes(nb))}
        if "html" in formats or "pdf" in formats:
            page = render_html(nb, base_dir=nb_path.parent)
            if "html" in formats:
                files["html"] = atomic_write_text(stage / "briefing.html", page)
            if "pdf" in formats:
                if warming is not None:
                    warming.join()
                files["pdf"] = atomic_write_bytes(
                    stage / "briefing.pdf", html_to_pdf_bytes(page, base_url=stage)
                )
        return Staged(stage=stage, files=files, summary=summary, sha256=source_sha)
    except BaseException as exc:
        shutil.rmtree(stage, ignore_errors=True)
        if isinstance(exc, Exception):
            raise failure_of(exc) from exc
        raise


def commit_staged(staged: Staged, out_dir: str | Path, slug: str) -> dict[str, str]:
    """Move staged files to ``out_dir/<slug>.<ext>``, all or nothing; remove the stage.

    Each file is moved with :func:`os.replace` (atomic). If a move fails, the files already
    moved are undone: a file that replaced an older version gets that version back (kept as
    a hard link in the stage until the end), a new file is removed.

    Returns
    -------
    dict
        Format → file name inside ``out_dir``.

    Raises
    ------
    OSError
        If a file could not be moved (the previous outputs are back in place).
    """
    outputs: dict[str, str] = {}
    moved: list[tuple[Path, Path | None]] = []  # (destination, its previous version)
    try:
        # The notebook first and the HTML last: the page a reader opens is the last to change.
        for fmt in ("ipynb", "pdf", "html"):
            if fmt in staged.files:
                dest = output_path(out_dir, slug, SUFFIX[fmt])
                backup = None
                if dest.is_file():
                    backup = staged.stage / f"previous{SUFFIX[fmt]}"
                    _keep_previous(dest, backup)
                os.replace(staged.files[fmt], dest)
                moved.append((dest, backup))
                outputs[fmt] = dest.name
    except BaseException:
        _undo_moves(moved)
        raise
    finally:
        shutil.rmtree(staged.stage, ignore_errors=True)
    return outputs


def _keep_previous(dest: Path, backup: Path) -> None:
    # A hard link writes no data, so it works on a full disk; a copy is the fallback for
    # file systems without links.
    try:
        os.link(dest, backup)
    except OSError:
        shutil.copy2(dest, backup)


def _undo_moves(moved: list[tuple[Path, Path | None]]) -> None:
    for dest, backup in reversed(moved):
        with contextlib.suppress(OSError):
            if backup is not None:
                os.replace(backup, dest)
            else:
                dest.unlink()


def build_briefing(
    disclosure: DisclosureInput,
    out_dir: str | Path,
    formats: Iterable[str] = FORMATS,
    notebook: str | Path | None = None,
    kernel: Any = None,
    corpus_dir: str | Path | None = None,
) -> dict[str, Any]:
    """Make one briefing: ``out_dir/<slug>.ipynb`` and the requested ``.html``/``.pdf``
    (with a 历年 section when ``corpus_dir`` holds other years of the department).

    Returns
    -------
    dict
        ``slug``, ``department``, ``year``, ``outputs`` (format → file name), ``headline``,
        ``audit``, ``sha256``.

    Raises
    ------
    InputError
        If the disclosure is not a file or ``out_dir`` cannot be a folder.
    BriefingFailed
        If the notebook or an export failed (one-line reason; nothing left in ``out_dir``).
    """
    given, _ = disclosure_files_of(disclosure)  # a missing file is the user's to fix: exit 2 before any work
    out = prepare_out_dir(out_dir)
    staged = stage_briefing(disclosure, out, formats, notebook, kernel, corpus_dir)
    summary = staged.summary
    slug = free_slug(out, slugify(summary["department"], summary.get("year")), given)
    outputs = commit_staged(staged, out, slug)
    return {
        "slug": slug,
        "department": summary["department"],
        "year": summary.get("year"),
        "outputs": outputs,
        "headline": summary.get("headline", {}),
        "audit": summary.get("audit", {}),
        "sha256": staged.sha256,
    }


def free_slug(out: Path, slug: str, given: str | list[str]) -> str:
    """``slug``, unless ``out`` holds another input's briefing under it (a department's
    部门预算 and 单位预算, or its 预算 and 决算, of one year): then a variant salted with this
    input's path, the same at every re-run. A re-run of the same input, edited or not, replaces
    its own briefing only.

    Parameters
    ----------
    out : Path
        The output folder.
    slug : str
        From :func:`~deptbudget.render.slug.slugify`.
    given : str or list of str
        The input as the notebook received it (``disclosure_path``: resolved path or paths).

    Returns
    -------
    str
        The slug to write under.
    """
    taken: set[str] = set()
    candidate = slug
    while _input_of(output_path(out, candidate, SUFFIX["ipynb"])) not in (None, given):
        taken.add(candidate)
        candidate = unique_slug(slug, taken, json.dumps(given, ensure_ascii=False))
    return candidate


def _input_of(notebook: Path) -> str | list[str] | None:
    """The input an executed briefing was made from, as papermill recorded its parameter (None:
    no briefing there, or one that does not say)."""
    try:
        params = json.loads(notebook.read_text(encoding="utf-8"))["metadata"]["papermill"]["parameters"]
        return params["disclosure_path"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def prepare_out_dir(out_dir: str | Path) -> Path:
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{out}: cannot create the output folder ({exc.strerror})") from exc
    return out.resolve()


def clean_leftovers(out: Path) -> None:
    remove_stale_temps(out)
    for stage in out.glob(STAGE_PREFIX + "*"):
        shutil.rmtree(stage, ignore_errors=True)


