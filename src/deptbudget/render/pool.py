"""Running many briefings at once: worker processes, each with one warm kernel.

A worker process that dies breaks the pool: the inputs it had not started run again in a
new pool, the ones that were running run again one at a time, and an input that kills its
worker alone is recorded as failed.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import gc
import multiprocessing
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from .build import BriefingFailed, failure_of, one_line, stage_briefing

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
    # The imports' objects live as long as the worker: the collector need not walk them again
    # at every full collection of every briefing.
    gc.freeze()


def _worker_job(job: dict[str, Any]) -> dict[str, Any]:
    # Tells the parent this worker took the job: if the worker dies, the job is a suspect.
    Path(job["marker"]).touch()
    return run_local(job, _WORKER_KERNEL)


def run_local(job: dict[str, Any], kernel: Any) -> dict[str, Any]:
    started = time.monotonic()
    try:
        staged = stage_briefing(
            job["disclosure"], job["out_dir"], job["formats"], job["notebook"], kernel, job.get("corpus_dir")
        )
    except BriefingFailed as exc:
        return {"ok": False, "reason": exc.reason, "seconds": time.monotonic() - started}
    except Exception as exc:  # one input's failure never ends the batch
        return {"ok": False, "reason": failure_of(exc).reason, "seconds": time.monotonic() - started}
    return {
        "ok": True,
        "stage": str(staged.stage),
        "files": {k: str(v) for k, v in staged.files.items()},
        "summary": staged.summary,
        "sha256": staged.sha256,
        "seconds": time.monotonic() - started,
    }


def execute_all(
    todo: list[tuple[str, Path, dict[str, str]]],
    out: Path,
    fmts: tuple[str, ...],
    nb_path: Path,
    jobs: int | None,
    kernel: Any,
    progress: bool,
    finish: Callable[[str, dict[str, str], dict[str, Any]], None],
    scheduler: str | None = None,
    corpus_dir: str | None = None,
) -> None:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    if not todo:
        return
    workers = min(jobs or os.cpu_count() or 1, len(todo))
    jobs_by_key = {
        key: {"disclosure": str(path), "out_dir": str(out), "formats": fmts, "notebook": str(nb_path),
              "corpus_dir": corpus_dir}
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

        if scheduler is not None:
            from .cluster import run_on_cluster

            run_on_cluster(jobs_by_key, scheduler, out, done)
            return
        if workers == 1:
            from .execute import WarmKernel

            own = kernel is None
            warm = kernel if kernel is not None else WarmKernel(cwd=out)
            try:
                for key in jobs_by_key:
                    done(key, run_local(jobs_by_key[key], warm))
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


