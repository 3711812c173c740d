"""Building a corpus: read every disclosure of a folder (in parallel, or on a Dask cluster) and
write the dataset; on a re-run only inputs that changed are read again.

A worker reads one input and returns its rows (:mod:`.records`) as plain values, so the
client alone writes, and no shared filesystem is assumed on a cluster (the input's bytes are
sent). An input that cannot be read is recorded with its reason and the rest go on.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd

from ..core.errors import DisclosureError
from ..core.files import sha256_file
from ..read.document import disclosure_files, document_from_bytes, list_disclosures
from ..read.reader import read_disclosure, read_document
from .records import disclosure_id, disclosure_records, failed_record
from .store import read_previous, write_corpus


@dataclass
class CorpusReport:
    """What :func:`build` did: input names read, reused unchanged, failed; the folder."""

    out: Path
    read: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def package_version() -> str:
    """The installed deptbudget version (part of each input's fingerprint)."""
    try:
        return metadata.version("deptbudget")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def _one_line(text: object) -> str:
    return " ".join(str(text).split())[:300]


def read_input(path: str, name: str) -> dict[str, Any]:
    """Worker: the corpus rows of one input given by path (a file or a folder)."""
    try:
        return disclosure_records(read_disclosure(path), name)
    except DisclosureError as exc:
        return failed_record(name, _sha256s(Path(path)), _one_line(exc))
    except Exception as exc:  # one input's failure never ends the corpus
        return failed_record(name, _sha256s(Path(path)), _one_line(f"{type(exc).__name__}: {exc}"))


def read_payload(name: str, files: list[tuple[str, bytes]]) -> dict[str, Any]:
    """Worker on a cluster: the corpus rows of one input sent as (file name, bytes) pairs."""
    import hashlib

    try:
        return disclosure_records(read_document(document_from_bytes(files)), name)
    except Exception as exc:  # DisclosureError included: recorded, never raised
        return failed_record(name, [hashlib.sha256(b).hexdigest() for _, b in files], _one_line(exc))


def _sha256s(path: Path) -> list[str]:
    try:
        return [sha256_file(p) for p in disclosure_files(path)]
    except (OSError, DisclosureError):
        return []


def build(
    input_dir: str | Path,
    out: str | Path,
    *,
    jobs: int | None = None,
    scheduler: str | None = None,
    on_done: Callable[[str, str], None] | None = None,
) -> CorpusReport:
    """Read every disclosure in ``input_dir`` into the corpus dataset in ``out``.

    Parameters
    ----------
    input_dir : str or Path
        Folder of disclosures: ``*.txt`` and ``*.pdf`` files, and subfolders of one
        disclosure's files each.
    out : str or Path
        The corpus folder (created if needed; an earlier corpus there is updated).
    jobs : int, optional
        Worker processes (default: cores; 1 reads in this process).
    scheduler : str, optional
        Address of a Dask distributed scheduler to read on instead (inputs sent as bytes).
    on_done : callable, optional
        Called with (input name, ``read``/``reused``/``failed``) as each input ends.

    Returns
    -------
    CorpusReport

    Raises
    ------
    DisclosureError
        If ``input_dir`` is not a folder of disclosures.
    """
    inputs = list_disclosures(input_dir)
    root = Path(out)
    version = package_version()
    previous = read_previous(root)
    known = _known(previous, version)
    report = CorpusReport(out=root)
    results: dict[str, dict[str, Any]] = {}
    todo: list[Path] = []
    for path in inputs:
        shas = _sha256s(path)
        did = disclosure_id([path.name, *shas])
        if did in known:
            results[path.name] = _reused(previous, did)
            report.reused.append(path.name)
            if on_done:
                on_done(path.name, "reused")
        else:
            todo.append(path)

    def done(name: str, result: dict[str, Any]) -> None:
        results[name] = result
        failed = result["disclosure"]["status"] != "ok"
        (report.failed if failed else report.read).append(name)
        if on_done:
            on_done(name, "failed" if failed else "read")

    if scheduler is not None:
        _on_cluster(todo, scheduler, done)
    else:
        _locally(todo, jobs, done)
    rows: dict[str, Any] = {"disclosures": [], "facts": [], "findings": [], "tables": {}}
    for path in inputs:
        result = results[path.name]
        rows["disclosures"].append({**result["disclosure"], "package_version": version})
        rows["facts"].extend(result["facts"])
        rows["findings"].extend(result["findings"])
        for key, table_rows in result["tables"].items():
            rows["tables"].setdefault(key, []).extend(table_rows)
    write_corpus(root, rows)
    return report


def _known(previous: dict[str, pd.DataFrame], version: str) -> set[str]:
    """Ids of the earlier build's disclosures read well by this version (their id covers name and bytes)."""
    frame = previous.get("disclosures")
    if frame is None or frame.empty:
        return set()
    ok = frame[(frame.status == "ok") & (frame.package_version == version)]
    return set(ok.disclosure_id)


def _rows(frame: pd.DataFrame | None, did: str) -> list[dict[str, Any]]:
    if frame is None or frame.empty:
        return []
    picked = frame[frame.disclosure_id == did].drop(columns=["row"], errors="ignore")
    return [{k: (None if not isinstance(v, str) and pd.isna(v) else v) for k, v in r.items()}
            for r in picked.to_dict("records")]


def _reused(previous: dict[str, pd.DataFrame], did: str) -> dict[str, Any]:
    [disclosure] = _rows(previous["disclosures"], did)
    disclosure.pop("package_version", None)
    tables = {}
    for name, frame in previous.items():
        if name.startswith("table_"):
            rows = _rows(frame, did)
            if rows:
                tables[name.removeprefix("table_")] = rows
    return {"disclosure": disclosure, "facts": _rows(previous.get("facts"), did),
            "findings": _rows(previous.get("findings"), did), "tables": tables}


def _locally(todo: Iterable[Path], jobs: int | None, done: Callable[[str, dict[str, Any]], None]) -> None:
    todo = list(todo)
    workers = min(jobs or os.cpu_count() or 1, len(todo))
    if workers <= 1:
        for path in todo:
            done(path.name, read_input(str(path), path.name))
        return
    # spawn, not fork: the parent may hold threads (progress bar) that fork would copy mid-lock.
    with cf.ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {pool.submit(read_input, str(p), p.name): p for p in todo}
        for fut in cf.as_completed(futures):
            path = futures[fut]
            try:
                result = fut.result()
            except Exception as exc:  # a worker that died: this input fails, the rest go on
                result = failed_record(path.name, _sha256s(path), _one_line(f"worker failed: {exc}"))
            done(path.name, result)


def _on_cluster(todo: Iterable[Path], address: str, done: Callable[[str, dict[str, Any]], None]) -> None:
    from distributed import Client, as_completed

    try:
        client = Client(address, timeout=20)
    except (OSError, TimeoutError, ValueError) as exc:
        raise DisclosureError(None, f"cannot reach the Dask scheduler at {address}: {_one_line(exc)}") from None
    try:
        futures = {}
        for path in todo:
            files = [(p.name, p.read_bytes()) for p in disclosure_files(path)]
            futures[client.submit(read_payload, path.name, files, pure=False)] = path
        for fut in as_completed(futures):
            path = futures[fut]
            try:
                result = fut.result()
            except Exception as exc:  # a worker that died (KilledWorker) or a lost result
                result = failed_record(path.name, _sha256s(path), _one_line(f"worker failed: {exc}"))
            done(path.name, result)
    finally:
        client.close()
