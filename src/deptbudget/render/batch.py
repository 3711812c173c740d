"""Briefings for one disclosure or a folder of them: stage, name, commit, record, index.

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

Batches (:func:`run_batch`)
    ``OUT/batch-status.json`` holds one record per input (by file name): status, reason,
    input SHA-256, notebook SHA-256, package version, slug, outputs, headline, audit. An input
    whose record is ``ok`` with the same three fingerprints and whose files exist is skipped.
    ``retry_failed`` runs only the inputs recorded as failed. Several inputs run in a process
    pool, each worker reusing one warm kernel (:class:`~deptbudget.render.execute.WarmKernel`).

Faults during a batch (batches run unattended)
    A failed input keeps the files of its last good briefing on disk, listed in its record
    as ``previous_outputs`` (and linked from the index as such) until a later success
    replaces them. A worker process that dies breaks the pool: the inputs it had not started
    run again in a new pool, the ones that were running run again one at a time, and an
    input that kills its worker alone is recorded as failed. When the status file or the
    index cannot be written (a full disk), :attr:`BatchReport.write_error` says so; the
    previous status file stays as it was, so the next run redoes what was not recorded.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import html
import json
import multiprocessing
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..core.files import atomic_write_text, remove_stale_temps, sha256_file
from ..core.resources import path as resource_path
from .slug import output_path, slugify, unique_slug

#: Formats a user may ask for; the executed notebook (``.ipynb``) is always kept.
FORMATS: tuple[str, ...] = ("html", "pdf")
STATUS_FILE = "batch-status.json"
INDEX_FILE = "index.html"
STAGE_PREFIX = ".deptbudget-stage-"
_STATUS_SCHEMA = 1
_SUFFIX = {"ipynb": ".ipynb", "html": ".html", "pdf": ".pdf"}
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


@dataclass
class BatchReport:
    """What :func:`run_batch` did.

    Attributes
    ----------
    records : dict
        The status record of every current input, by input name.
    ran, skipped, failed : list of str
        Input names run successfully, skipped as up to date (or not retried), failed.
    write_error : str or None
        Why ``batch-status.json`` or ``index.html`` could not be written (one line), if so.
    """

    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    ran: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    write_error: str | None = None

    @property
    def ok(self) -> bool:
        """True when no current input is recorded as failed and the status was written."""
        return self.write_error is None and all(r.get("status") == "ok" for r in self.records.values())


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


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _failure(exc: BaseException) -> BriefingFailed:
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
        "generated": generated,
        "source_sha256": source_sha256,
        "notebook_sha256": notebook_sha256,
        "package_version": package_version(),
        "headline": summary.get("headline", {}),
        "audit": summary.get("audit", {}),
    }


def stage_briefing(
    disclosure: str | Path,
    out_dir: str | Path,
    formats: Iterable[str] = FORMATS,
    notebook: str | Path | None = None,
    kernel: Any = None,
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
    from .pdf import html_to_pdf_bytes

    src = Path(disclosure).resolve()
    nb_path = Path(notebook) if notebook is not None else default_notebook()
    try:
        stage = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=out_dir))
    except OSError as exc:  # e.g. a full disk: this input fails, the batch goes on
        raise BriefingFailed(one_line(f"cannot create a staging folder: {exc}")) from exc
    try:
        summary_path = stage / "summary.json"
        params = {"disclosure_path": str(src), "static_charts": True, "summary_path": str(summary_path)}
        nb = execute_notebook(nb_path, params, None, kernel)
        summary = read_summary(summary_path)
        source_sha = sha256_file(src)
        stamp_metadata(nb, summary, source_sha, sha256_file(nb_path), _now())
        files = {"ipynb": atomic_write_text(stage / "briefing.ipynb", nbformat.writes(nb))}
        formats = tuple(formats)
        if "html" in formats or "pdf" in formats:
            page = render_html(nb, base_dir=nb_path.parent)
            if "html" in formats:
                files["html"] = atomic_write_text(stage / "briefing.html", page)
            if "pdf" in formats:
                files["pdf"] = atomic_write_bytes(
                    stage / "briefing.pdf", html_to_pdf_bytes(page, base_url=stage)
                )
        return Staged(stage=stage, files=files, summary=summary, sha256=source_sha)
    except BaseException as exc:
        shutil.rmtree(stage, ignore_errors=True)
        if isinstance(exc, Exception):
            raise _failure(exc) from exc
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
                dest = output_path(out_dir, slug, _SUFFIX[fmt])
                backup = None
                if dest.is_file():
                    backup = staged.stage / f"previous{_SUFFIX[fmt]}"
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
    disclosure: str | Path,
    out_dir: str | Path,
    formats: Iterable[str] = FORMATS,
    notebook: str | Path | None = None,
    kernel: Any = None,
) -> dict[str, Any]:
    """Make one briefing: ``out_dir/<slug>.ipynb`` and the requested ``.html``/``.pdf``.

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
    src = Path(disclosure)
    if not src.is_file():
        raise InputError(f"{src}: no such file")
    out = _prepare_out_dir(out_dir)
    staged = stage_briefing(src, out, formats, notebook, kernel)
    summary = staged.summary
    slug = slugify(summary["department"], summary.get("year"))
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


def _prepare_out_dir(out_dir: str | Path) -> Path:
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{out}: cannot create the output folder ({exc.strerror})") from exc
    return out.resolve()


def _clean_leftovers(out: Path) -> None:
    remove_stale_temps(out)
    for stage in out.glob(STAGE_PREFIX + "*"):
        shutil.rmtree(stage, ignore_errors=True)


# --- worker side of the process pool ---------------------------------------------------------

_WORKER_KERNEL: Any = None


def _worker_init(cwd: str) -> None:
    from multiprocessing import util

    from .execute import WarmKernel

    global _WORKER_KERNEL
    _WORKER_KERNEL = WarmKernel(cwd=cwd)
    # Pool workers leave through os._exit: atexit would not run, multiprocessing finalizers do.
    util.Finalize(None, _WORKER_KERNEL.shutdown, exitpriority=10)
    with contextlib.suppress(Exception):
        # Started now so that start-up overlaps the parent's work; retried on first use.
        _WORKER_KERNEL.start()


def _worker_job(job: dict[str, Any]) -> dict[str, Any]:
    # Tells the parent this worker took the job: if the worker dies, the job is a suspect.
    Path(job["marker"]).touch()
    return _run_local(job, _WORKER_KERNEL)


def _run_local(job: dict[str, Any], kernel: Any) -> dict[str, Any]:
    started = time.monotonic()
    try:
        staged = stage_briefing(
            job["disclosure"], job["out_dir"], job["formats"], job["notebook"], kernel
        )
    except BriefingFailed as exc:
        return {"ok": False, "reason": exc.reason, "seconds": time.monotonic() - started}
    except Exception as exc:  # one input's failure never ends the batch
        return {"ok": False, "reason": _failure(exc).reason, "seconds": time.monotonic() - started}
    return {
        "ok": True,
        "stage": str(staged.stage),
        "files": {k: str(v) for k, v in staged.files.items()},
        "summary": staged.summary,
        "sha256": staged.sha256,
        "seconds": time.monotonic() - started,
    }


# --- parent side -----------------------------------------------------------------------------


def load_status(out_dir: str | Path) -> dict[str, Any]:
    """Return the batch status of ``out_dir`` (an empty one if missing or unreadable)."""
    path = Path(out_dir) / STATUS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("inputs"), dict):
        data = {"schema": _STATUS_SCHEMA, "inputs": {}}
    return data


def _save_status(out: Path, status: dict[str, Any]) -> None:
    status["schema"] = _STATUS_SCHEMA
    status["updated"] = _now()
    atomic_write_text(out / STATUS_FILE, json.dumps(status, ensure_ascii=False, indent=1))


def _up_to_date(rec: dict[str, Any] | None, fp: dict[str, str], formats: tuple[str, ...], out: Path) -> bool:
    if not rec or rec.get("status") != "ok":
        return False
    if any(rec.get(k) != v for k, v in fp.items()):
        return False
    outputs = rec.get("outputs") or {}
    needed = ("ipynb", *formats)
    return all(f in outputs and (out / outputs[f]).is_file() for f in needed)


def list_inputs(input_dir: str | Path) -> list[Path]:
    """Return the disclosures (``*.txt``) directly inside ``input_dir``, sorted by name.

    Raises
    ------
    InputError
        If ``input_dir`` is not a folder or holds no ``*.txt``.
    """
    folder = Path(input_dir)
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder")
    found = sorted(p for p in folder.glob("*.txt") if p.is_file() and not p.name.startswith("."))
    if not found:
        raise InputError(f"{folder}: no disclosure (*.txt) found")
    return found


def run_batch(
    input_dir: str | Path,
    out_dir: str | Path,
    *,
    formats: Iterable[str] = FORMATS,
    notebook: str | Path | None = None,
    jobs: int | None = None,
    retry_failed: bool = False,
    progress: bool = True,
    kernel: Any = None,
    on_result: Callable[[str, dict[str, Any]], None] | None = None,
) -> BatchReport:
    """Make one briefing per disclosure in ``input_dir``; write the status and the index.

    Parameters
    ----------
    input_dir : str or Path
        Folder of ``*.txt`` disclosures.
    out_dir : str or Path
        Output folder (created if needed).
    formats : iterable of str
        Among :data:`FORMATS`.
    notebook : str or Path, optional
        The parameterized notebook (default: :func:`default_notebook`).
    jobs : int, optional
        Parallel workers (default: cores, at most the number of inputs to run). With 1, runs
        in this process on one warm kernel.
    retry_failed : bool
        Run only the inputs recorded as failed.
    progress : bool
        Show a progress bar on stderr.
    kernel : WarmKernel, optional
        Warm kernel for ``jobs == 1`` (tests share one).
    on_result : callable, optional
        Called with (input name, record) after each input.

    Returns
    -------
    BatchReport
        Records and what was run, skipped, failed.

    Raises
    ------
    InputError
        For a bad folder, format, notebook or job count (before anything runs).
    """
    inputs = list_inputs(input_dir)
    fmts = parse_formats(tuple(formats))
    nb_path = Path(notebook) if notebook is not None else default_notebook()
    if not nb_path.is_file():
        raise InputError(f"{nb_path}: notebook not found")
    if jobs is not None and jobs < 1:
        raise InputError("--jobs must be at least 1")
    out = _prepare_out_dir(out_dir)
    _clean_leftovers(out)

    status = load_status(out)
    old = status["inputs"]
    fp_common = {"notebook_sha256": sha256_file(nb_path), "package_version": package_version()}
    report = BatchReport()
    records: dict[str, dict[str, Any]] = {}
    todo: list[tuple[str, Path, dict[str, str]]] = []
    unreadable: dict[str, tuple[dict[str, str], str]] = {}
    for path in inputs:
        key = path.name
        rec = old.get(key)
        try:
            fp = {"sha256": sha256_file(path), **fp_common}
        except OSError as exc:  # one unreadable input is that input's failure, not the batch's
            fp = {"sha256": "", **fp_common}
            unreadable[key] = (fp, one_line(f"cannot read the input: {exc.strerror or exc}"))
            if rec:
                records[key] = rec
            continue
        failed_before = bool(rec) and rec.get("status") == "failed"
        run_it = failed_before if retry_failed else not _up_to_date(rec, fp, fmts, out)
        if run_it:
            todo.append((key, path, fp))
        else:
            report.skipped.append(key)
        if rec:
            records[key] = rec
    status["inputs"] = records
    status["notebook"] = str(nb_path)
    write_errors: list[str] = []

    def save_status() -> None:
        try:
            _save_status(out, status)
        except OSError as exc:  # a full disk must not end the batch; reported at the end
            write_errors.append(one_line(f"cannot write {STATUS_FILE}: {exc}"))

    def finish(key: str, fp: dict[str, str], result: dict[str, Any]) -> None:
        prev = records.get(key) or {}
        # The files of this input's last good briefing, still on disk.
        kept = dict(prev.get("outputs") or prev.get("previous_outputs") or {})
        rec: dict[str, Any] = {**fp, "formats": list(fmts), "finished": _now(),
                               "seconds": round(result.get("seconds", 0.0), 2)}
        if result["ok"]:
            summary = result["summary"]
            taken = {r.get("slug") for k, r in records.items() if k != key and r.get("slug")}
            slug = unique_slug(slugify(summary["department"], summary.get("year")), taken, key)
            staged = Staged(Path(result["stage"]), {k: Path(v) for k, v in result["files"].items()},
                            summary, result["sha256"])
            try:
                outputs = commit_staged(staged, out, slug)
            except (OSError, ValueError) as exc:
                result = {"ok": False, "reason": one_line(f"cannot write outputs: {exc}")}
            else:
                _remove_replaced(kept, outputs, out, records, key)
                rec.update(status="ok", reason=None, slug=slug, department=summary["department"],
                           year=summary.get("year"), outputs=outputs,
                           headline=summary.get("headline", {}), audit=summary.get("audit", {}))
        if not result["ok"]:
            # The last good briefing stays on disk, recorded as such, until a success replaces it.
            rec.update(status="failed", reason=result["reason"], slug=prev.get("slug"),
                       department=prev.get("department"), year=prev.get("year"), outputs={},
                       previous_outputs=kept, headline={}, audit={})
            report.failed.append(key)
        else:
            report.ran.append(key)
        records[key] = rec
        save_status()
        if on_result is not None:
            on_result(key, rec)

    try:
        for key, (fp, reason) in unreadable.items():
            finish(key, fp, {"ok": False, "reason": reason})
        _execute_all(todo, out, fmts, nb_path, jobs, kernel, progress, finish)
    finally:
        _clean_leftovers(out)
        write_errors.clear()  # only the final state matters
        save_status()
        try:
            atomic_write_text(out / INDEX_FILE, render_index(records))
        except OSError as exc:
            write_errors.append(one_line(f"cannot write {INDEX_FILE}: {exc}"))
    report.records = records
    report.write_error = "; ".join(write_errors) or None
    return report


def _remove_replaced(
    old: dict[str, str], new: dict[str, str], out: Path, records: dict[str, Any], key: str
) -> None:
    keep = set(new.values())
    for r_key, r in records.items():
        if r_key != key:
            keep.update((r.get("outputs") or {}).values())
            keep.update((r.get("previous_outputs") or {}).values())
    for name in old.values():
        if name not in keep:
            with contextlib.suppress(OSError, ValueError):
                output_path(out, Path(name).stem, Path(name).suffix).unlink()


def _execute_all(
    todo: list[tuple[str, Path, dict[str, str]]],
    out: Path,
    fmts: tuple[str, ...],
    nb_path: Path,
    jobs: int | None,
    kernel: Any,
    progress: bool,
    finish: Callable[[str, dict[str, str], dict[str, Any]], None],
) -> None:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    if not todo:
        return
    workers = min(jobs or os.cpu_count() or 1, len(todo))
    jobs_by_key = {
        key: {"disclosure": str(path), "out_dir": str(out), "formats": fmts, "notebook": str(nb_path)}
        for key, path, _ in todo
    }
    fps = {key: fp for key, _, fp in todo}
    console = Console(stderr=True)
    with Progress(
        TextColumn("[bold]简报[/bold]"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.description}"), console=console, disable=not progress, transient=False,
    ) as bar:
        task = bar.add_task("", total=len(todo))

        def done(key: str, result: dict[str, Any]) -> None:
            finish(key, fps[key], result)
            mark = "✓" if result["ok"] else "✗"
            bar.update(task, advance=1, description=f"{mark} {key}")

        if workers == 1:
            from .execute import WarmKernel

            own = kernel is None
            warm = kernel if kernel is not None else WarmKernel(cwd=out)
            try:
                for key in jobs_by_key:
                    done(key, _run_local(jobs_by_key[key], warm))
            finally:
                if own:
                    warm.shutdown()
            return

        _run_pool(jobs_by_key, workers, out, done)


#: Reason recorded for an input whose worker process died while it alone was running.
WORKER_DIED = (
    "worker process died while making this briefing (killed, out of memory or crashed); "
    "run it with --jobs 1 to see the error"
)


def _run_pool(
    jobs_by_key: dict[str, dict[str, Any]],
    workers: int,
    out: Path,
    done: Callable[[str, dict[str, Any]], None],
) -> None:
    """Run the jobs in worker processes; a worker that dies costs only the job that killed it.

    A dead worker breaks the whole pool and every unfinished job with it. Each worker marks
    the job it takes (a file in a private folder), so after a break the parent knows which
    jobs were running (suspects) and which had not started (innocent). Innocent jobs run
    again in a new pool; suspects then run one at a time in a one-worker pool, where a death
    names its job, which is recorded as failed.
    """
    marks = Path(tempfile.mkdtemp(prefix="deptbudget-batch-"))
    try:
        jobs = {key: {**job, "marker": str(marks / f"{i}.started")}
                for i, (key, job) in enumerate(jobs_by_key.items())}
        queue = list(jobs)
        suspects: list[str] = []
        while queue or suspects:
            alone = not queue
            keys = suspects if alone else queue
            unfinished = _pool_round(keys, jobs, 1 if alone else workers, out, done)
            started = [k for k in unfinished if Path(jobs[k]["marker"]).exists()]
            waiting = [k for k in unfinished if k not in started]
            if unfinished and not started and len(unfinished) == len(keys):
                # No job even began: the workers cannot start at all. Retrying would loop.
                for key in unfinished:
                    done(key, {"ok": False, "reason": "worker processes could not start"})
                return
            for key in started:
                Path(jobs[key]["marker"]).unlink()
            if alone:
                for key in started:
                    done(key, {"ok": False, "reason": WORKER_DIED})
                suspects = waiting
            else:
                queue = waiting
                suspects.extend(started)
    finally:
        shutil.rmtree(marks, ignore_errors=True)


def _pool_round(
    keys: list[str],
    jobs: dict[str, dict[str, Any]],
    workers: int,
    out: Path,
    done: Callable[[str, dict[str, Any]], None],
) -> list[str]:
    """Run ``keys`` in one process pool; return those left unfinished because the pool broke."""
    unfinished = set(keys)
    # spawn, not fork: the parent has threads (progress bar, zmq) that fork would copy mid-lock.
    ctx = multiprocessing.get_context("spawn")
    with cf.ProcessPoolExecutor(
        max_workers=min(workers, len(keys)), mp_context=ctx, initializer=_worker_init,
        initargs=(str(out),),
    ) as pool:
        futures = {pool.submit(_worker_job, jobs[key]): key for key in keys}
        for fut in cf.as_completed(futures):
            key = futures[fut]
            try:
                result = fut.result()
            except BrokenProcessPool:
                continue  # decided by the caller: rerun or blame
            except Exception as exc:  # e.g. a result that could not be sent back
                result = {"ok": False, "reason": one_line(f"worker failed: {type(exc).__name__}: {exc}")}
            unfinished.discard(key)
            done(key, result)
    return [k for k in keys if k in unfinished]


_LINK_LABELS = {"html": "HTML", "pdf": "PDF", "ipynb": "笔记本"}
_AUDIT_LABELS = {"pass": "通过", "warn": "有提示", "fail": "未通过", "unknown": "未知"}

_INDEX_CSS = """
html { font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  font-size: 10.5pt; color: #1f2933; }
body { max-width: 260mm; margin: 0 auto; padding: 10mm; }
h1 { font-size: 18pt; margin: 0 0 2mm; }
p.meta { color: #52606d; margin: 0 0 6mm; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums;
  border-top: 1.5px solid #3e4c59; border-bottom: 1.5px solid #3e4c59; }
th, td { text-align: left; vertical-align: top; padding: 1.5mm 2.5mm; border-bottom: 0.5px solid #c9ced6; }
thead th { border-bottom: 1px solid #3e4c59; }
tbody tr:nth-child(even) { background: #f4f6f8; }
ul.figs { list-style: none; margin: 0; padding: 0; }
ul.figs li { display: flex; justify-content: space-between; gap: 4mm; }
ul.figs .k { flex: none; white-space: nowrap; color: #52606d; }
ul.figs .v { text-align: right; white-space: nowrap; }
td.links a, td.audit { white-space: nowrap; }
td.links a { display: inline-block; margin-right: 2mm; }
.st-ok { color: #2f6b3a; white-space: nowrap; } .st-failed { color: #a83232; font-weight: bold; white-space: nowrap; }
.audit-fail { color: #a83232; } .audit-warn { color: #9a6a00; }
a { color: #2f5d8a; }
.reason { color: #a83232; font-size: 9pt; }
.previous { color: #52606d; font-size: 9pt; }
"""


def render_index(records: dict[str, dict[str, Any]]) -> str:
    """Return ``index.html``: one row per input, every value escaped, no external resource.

    Parameters
    ----------
    records : dict
        Status records by input name (see :func:`run_batch`).

    Returns
    -------
    str
        The page.
    """
    e = html.escape
    ok = sum(1 for r in records.values() if r.get("status") == "ok")
    failed = sum(1 for r in records.values() if r.get("status") == "failed")
    rows = []

    def order(item: tuple[str, dict[str, Any]]) -> tuple[Any, ...]:
        key, r = item
        return (r.get("status") != "ok", str(r.get("department") or ""), str(r.get("year") or ""), key)

    for key, r in sorted(records.items(), key=order):
        dept = r.get("department") or "（未读出）"
        figs = "".join(
            f'<li><span class="k">{e(str(k))}</span><span class="v">{e(str(v))}</span></li>'
            for k, v in (r.get("headline") or {}).items()
        )
        audit = r.get("audit") or {}
        a_status = str(audit.get("status", "unknown"))
        a_text = _AUDIT_LABELS.get(a_status, a_status)
        if "findings" in audit:
            a_text += f"（{audit['findings']} 项）"
        outputs = r.get("outputs") or {}
        links = " ".join(
            f'<a href="{e(quote(outputs[fmt]))}">{_LINK_LABELS[fmt]}</a>'
            for fmt in _LINK_LABELS
            if fmt in outputs
        )
        previous = {} if outputs else (r.get("previous_outputs") or {})
        if previous:
            # A failed re-run keeps the last good briefing; say plainly that it is the old one.
            links = '<span class="previous">上次成功的简报：</span>' + " ".join(
                f'<a class="previous" href="{e(quote(previous[fmt]))}">{_LINK_LABELS[fmt]}</a>'
                for fmt in _LINK_LABELS
                if fmt in previous
            )
        if r.get("status") == "ok":
            state = '<span class="st-ok">完成</span>'
        else:
            state = f'<span class="st-failed">失败</span><div class="reason">{e(str(r.get("reason") or ""))}</div>'
        rows.append(
            "<tr>"
            f"<td>{e(str(dept))}</td>"
            f"<td>{e(str(r.get('year') or '—'))}</td>"
            f'<td><ul class="figs">{figs}</ul></td>'
            f'<td class="audit audit-{e(a_status)}">{e(a_text) if r.get("status") == "ok" else "—"}</td>'
            f"<td class=\"links\">{links or '—'}</td>"
            f"<td>{state}</td>"
            f"<td><code>{e(key)}</code></td>"
            "</tr>"
        )
    body = "\n".join(rows)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>部门预算简报索引</title>
<style>{_INDEX_CSS}</style>
</head>
<body>
<h1>部门预算简报索引</h1>
<p class="meta">共 {len(records)} 份公开文件：完成 {ok}，失败 {failed}。
生成时间 {e(_now())}；deptbudget {e(package_version())}。</p>
<table>
<thead><tr><th>部门</th><th>年度</th><th>主要数字</th><th>审核</th><th>简报</th><th>状态</th>
<th>源文件</th></tr></thead>
<tbody>
{body}
</tbody>
</table>
</body>
</html>
"""
