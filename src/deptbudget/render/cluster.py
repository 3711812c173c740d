"""Briefings on a Dask distributed cluster, for batches one machine cannot carry.

The client sends each task everything it needs (the disclosure's files and the notebook, as
bytes) and gets the briefing's files back as bytes: no shared filesystem is assumed, but for a
corpus given for the 历年 section (too large to send with every task; it goes by path). It then
stages and commits them exactly as a local batch does (:func:`.build.commit_staged`), so each
department is still all or nothing and the status file is written by the client alone.

Each worker thread keeps one warm kernel (:class:`.execute.WarmKernel`) across its tasks. A
worker that dies costs only the task that killed it: Dask re-runs the tasks the worker held,
and once it gives up on a task (``distributed.scheduler.allowed-failures`` deaths) it blames
every task that was running there too; those run again here one at a time, and the one that
still kills its worker alone is recorded as failed with :data:`.pool.WORKER_DIED`.
"""

from __future__ import annotations

import atexit
import shutil
import socket
import tempfile
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..core.files import atomic_write_bytes
from ..read.document import disclosure_files
from .build import STAGE_PREFIX, InputError, one_line
from .pool import WORKER_DIED, run_local

#: Seconds to wait for the scheduler to answer before giving up with an input error.
CONNECT_TIMEOUT = 20

_LOCAL = threading.local()


def payload_of(job: dict[str, Any]) -> dict[str, Any]:
    """The self-contained form of a batch job: file contents instead of paths.

    Parameters
    ----------
    job : dict
        A local job (``disclosure``, ``formats``, ``notebook`` paths).

    Returns
    -------
    dict
        ``name`` (the input's file or folder name), ``folder`` (whether it is a folder of
        files), ``files`` (name → bytes), ``notebook`` (bytes) and ``formats``.
    """
    given = Path(job["disclosure"])
    return {
        "name": given.name,
        "folder": given.is_dir(),
        "files": {p.name: p.read_bytes() for p in disclosure_files(given)},
        "notebook": Path(job["notebook"]).read_bytes(),
        "formats": tuple(job["formats"]),
        # A corpus (the 历年 section) can be large and is read, not copied: it goes by path,
        # which the workers must share (a network file system); see brief_payload.
        "corpus_dir": job.get("corpus_dir"),
    }


def _thread_kernel() -> Any:
    from .execute import WarmKernel

    kernel = getattr(_LOCAL, "kernel", None)
    if kernel is None:
        kernel = WarmKernel(cwd=tempfile.gettempdir())
        atexit.register(kernel.shutdown)
        _LOCAL.kernel = kernel
    return kernel


def brief_payload(payload: dict[str, Any]) -> dict[str, Any]:
    """Run on a worker: one briefing from a :func:`payload_of` payload, files returned as bytes.

    Parameters
    ----------
    payload : dict
        From :func:`payload_of`.

    Returns
    -------
    dict
        As :func:`.pool.run_local`, with ``files`` mapping each format to the file's bytes
        (and no ``stage``: the worker's folder is removed before it returns).
    """
    work = Path(tempfile.mkdtemp(prefix="deptbudget-task-"))
    try:
        given = work / payload["name"]
        folder = given if payload["folder"] else work
        folder.mkdir(exist_ok=True)
        for name, data in payload["files"].items():
            (folder / name).write_bytes(data)
        notebook = work / "notebook.ipynb"
        notebook.write_bytes(payload["notebook"])
        out = work / "out"
        out.mkdir()
        job = {"disclosure": str(given), "out_dir": str(out), "formats": payload["formats"],
               "notebook": str(notebook)}
        corpus_dir = payload.get("corpus_dir")
        if corpus_dir is not None:
            from ..corpus.store import NotACorpus, check_corpus  # pyarrow: only when a corpus is used

            try:
                check_corpus(Path(corpus_dir))
            except NotACorpus as exc:
                # Never a briefing quietly without its 历年 section: this input fails, saying why.
                reason = (f"the corpus cannot be read on worker {socket.gethostname()}: {exc}; "
                          "put it on a file system every worker shares")
                return {"ok": False, "reason": reason, "seconds": 0.0}
            job["corpus_dir"] = corpus_dir
        result = run_local(job, _thread_kernel())
        if result["ok"]:
            result["files"] = {fmt: Path(path).read_bytes() for fmt, path in result["files"].items()}
            result.pop("stage")
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


def stage_result(result: dict[str, Any], out: Path) -> dict[str, Any]:
    """Write a worker's returned files into a staging folder in ``out`` (the client side).

    Returns
    -------
    dict
        ``result`` with ``stage`` and ``files`` as paths, ready for the batch to commit; or
        a failure when the files cannot be written (a full disk).
    """
    if not result["ok"]:
        return result
    try:
        stage = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=out))
    except OSError as exc:
        return {"ok": False, "reason": one_line(f"cannot create a staging folder: {exc}")}
    try:
        files = {fmt: str(atomic_write_bytes(stage / f"briefing.{fmt}", data))
                 for fmt, data in result["files"].items()}
    except OSError as exc:
        shutil.rmtree(stage, ignore_errors=True)
        return {"ok": False, "reason": one_line(f"cannot write outputs: {exc}")}
    return {**result, "stage": str(stage), "files": files}


def run_on_cluster(
    jobs_by_key: dict[str, dict[str, Any]],
    address: str,
    out: Path,
    done: Callable[[str, dict[str, Any]], None],
) -> None:
    """Run the batch's jobs on the Dask cluster at ``address``; call ``done`` as each ends.

    Parameters
    ----------
    jobs_by_key : dict
        Local jobs by input name.
    address : str
        The scheduler's address (``tcp://host:8786``).
    out : Path
        The batch's output folder (staging happens there, on the client).
    done : callable
        Called with (input name, result) in the client's thread, as results arrive.

    Raises
    ------
    InputError
        When the scheduler cannot be reached (before anything runs).
    """
    from distributed import Client

    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(one_line(f"cannot reach the Dask scheduler at {address}: {exc}")) from None
    try:
        payloads: dict[str, dict[str, Any]] = {}
        for key, job in jobs_by_key.items():
            try:
                payloads[key] = payload_of(job)
            except Exception as exc:  # an input that vanished since it was listed
                done(key, {"ok": False, "reason": one_line(f"cannot read the input: {exc}")})
        suspects = _run_round(client, payloads, list(payloads), out, done, alone=False)
        # Dask blames every task that was running on a worker that died: run those again one
        # at a time, so that a death names its task.
        for key in suspects:
            _run_round(client, payloads, [key], out, done, alone=True)
    finally:
        client.close()


def _run_round(
    client: Any,
    payloads: dict[str, dict[str, Any]],
    keys: list[str],
    out: Path,
    done: Callable[[str, dict[str, Any]], None],
    alone: bool,
) -> list[str]:
    """Submit ``keys``; report each result; return those whose worker died (unless ``alone``)."""
    from distributed import KilledWorker, as_completed

    futures = {
        # Task keys must never repeat: Dask would hand back the earlier task's result.
        client.submit(brief_payload, payloads[key], key=f"deptbudget-{uuid.uuid4().hex}",
                      pure=False): key
        for key in keys
    }
    suspects = []
    for fut in as_completed(futures):
        key = futures[fut]
        try:
            result = fut.result()
        except KilledWorker:
            if not alone:
                suspects.append(key)
                continue
            result = {"ok": False, "reason": WORKER_DIED}
        except Exception as exc:  # e.g. a result that could not be sent back
            result = {"ok": False, "reason": one_line(f"worker failed: {type(exc).__name__}: {exc}")}
        done(key, stage_result(result, out))
        fut.release()
    return sorted(suspects, key=keys.index)
