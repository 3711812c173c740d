"""Briefings for a folder of disclosures: what to run, running it, recording it, the index.

Batches (:func:`run_batch`)
    ``OUT/batch-status.json`` (:mod:`.status`) holds one record per input. Inputs that are up
    to date are skipped; ``retry_failed`` runs only the inputs recorded as failed. Several
    inputs run in a process pool (:mod:`.pool`), each worker reusing one warm kernel; each
    briefing is committed all or nothing (:mod:`.build`); ``OUT/index.html`` is written last
    (:mod:`.index`).

Faults during a batch (batches run unattended)
    A failed input keeps the files of its last good briefing on disk, listed in its record
    as ``previous_outputs`` (and linked from the index as such) until a later success
    replaces them. When the status file or the index cannot be written (a full disk),
    :attr:`BatchReport.write_error` says so; the previous status file stays as it was, so the
    next run redoes what was not recorded.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import DisclosureError
from ..core.files import atomic_write_text, sha256_file, sha256_files
from ..read.document import disclosure_files
from .build import (
    FORMATS,
    InputError,
    Staged,
    clean_leftovers,
    commit_staged,
    default_notebook,
    now_iso,
    one_line,
    package_version,
    parse_formats,
    prepare_out_dir,
)
from .index import INDEX_FILE, render_index
from .pool import execute_all
from .slug import output_path, slugify, unique_slug
from .status import STATUS_FILE, is_up_to_date, list_inputs, load_status, save_status


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
    scheduler: str | None = None,
    corpus_dir: str | Path | None = None,
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
    scheduler : str, optional
        Address of a Dask distributed scheduler: the briefings run on its workers
        (:mod:`.cluster`), ``jobs`` is then ignored.
    corpus_dir : str or Path, optional
        A corpus holding other years of the departments: each briefing gains its 历年
        section (local runs; cluster workers do not see this machine's files).

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
    out = prepare_out_dir(out_dir)
    clean_leftovers(out)

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
            fp = {"sha256": sha256_files(disclosure_files(path)), **fp_common}
        except (OSError, DisclosureError) as exc:  # one unreadable input is that input's failure
            fp = {"sha256": "", **fp_common}
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            unreadable[key] = (fp, one_line(f"cannot read the input: {reason}"))
            if rec:
                records[key] = rec
            continue
        failed_before = bool(rec) and rec.get("status") == "failed"
        run_it = failed_before if retry_failed else not is_up_to_date(rec, fp, fmts, out)
        if run_it:
            todo.append((key, path, fp))
        else:
            report.skipped.append(key)
        if rec:
            records[key] = rec
    status["inputs"] = records
    status["notebook"] = str(nb_path)
    write_errors: list[str] = []

    def record_status() -> None:
        try:
            save_status(out, status)
        except OSError as exc:  # a full disk must not end the batch; reported at the end
            write_errors.append(one_line(f"cannot write {STATUS_FILE}: {exc}"))

    def finish(key: str, fp: dict[str, str], result: dict[str, Any]) -> None:
        prev = records.get(key) or {}
        # The files of this input's last good briefing, still on disk.
        kept = dict(prev.get("outputs") or prev.get("previous_outputs") or {})
        rec: dict[str, Any] = {**fp, "formats": list(fmts), "finished": now_iso(),
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
        record_status()
        if on_result is not None:
            on_result(key, rec)

    try:
        for key, (fp, reason) in unreadable.items():
            finish(key, fp, {"ok": False, "reason": reason})
        execute_all(todo, out, fmts, nb_path, jobs, kernel, progress, finish, scheduler,
                    str(Path(corpus_dir).resolve()) if corpus_dir is not None else None)
    finally:
        clean_leftovers(out)
        write_errors.clear()  # only the final state matters
        record_status()
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


