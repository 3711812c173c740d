"""Benchmark ``batch`` locally (process pool) against a 2-worker Dask ``LocalCluster``: briefings
(HTML + PDF) per second and per worker, for ``docs/scale.md``.

Usage: python benchmarks/bench_batch_cluster.py [--copies 10]
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from pathlib import Path

from bench_briefing import sample_copies
from machine import cpu_model  # benchmarks/machine.py: run as a script from benchmarks/

from deptbudget.render.batch import run_batch


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=10)
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores (nproc), {cpu_model()}, Python {platform.python_version()}")
    work = Path(tempfile.mkdtemp(prefix="deptbudget-bench-cluster-"))
    sample_copies(work / "in", args.copies)
    n = args.copies
    start = time.perf_counter()
    local = run_batch(work / "in", work / "local", jobs=2, progress=False)
    t_local = time.perf_counter() - start
    import distributed

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=":0") as c:
        start = time.perf_counter()
        remote = run_batch(work / "in", work / "cluster", progress=False, scheduler=c.scheduler_address)
        t_cluster = time.perf_counter() - start
    assert local.ok and remote.ok
    for label, seconds in (("local pool, 2 workers", t_local), ("LocalCluster, 2 workers", t_cluster)):
        print(f"{n} briefings (HTML + PDF), {label}: {seconds:6.2f} s, {n / seconds:.3f} briefings/s, "
              f"{n / seconds / 2:.3f} per worker")


if __name__ == "__main__":
    main()
