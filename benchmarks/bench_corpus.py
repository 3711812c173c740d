"""Benchmark ``deptbudget corpus``: disclosures per second with 1 and 2 local workers and on a
2-worker Dask ``LocalCluster``, the speed-up, and a DuckDB query over the result.

The corpus is ``--copies`` disclosures: the published PDFs in ``data/raw`` (files and two-file
folders) and the text sample, copied round-robin under distinct names. Each build starts from an
empty output folder (nothing reused). Run on an otherwise idle machine.

Usage: python benchmarks/bench_corpus.py [--copies 200]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from machine import cpu_model  # benchmarks/machine.py: run as a script from benchmarks/

from deptbudget import corpus

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
SPEEDUP_GOAL = 1.7
QUERY = ("select d.department, d.year, sum(t.budget_yuan) as three_public_yuan from table_three_public t "
         "join disclosures d using (disclosure_id) where t.level = 1 group by all")


def make_inputs(folder: Path, copies: int) -> None:
    """``copies`` disclosures under distinct names, round-robin over the bundled ones."""
    originals = sorted(p for p in RAW.iterdir() if p.suffix in (".pdf", ".txt") or p.is_dir())
    folder.mkdir(parents=True)
    for i in range(copies):
        src = originals[i % len(originals)]
        dest = folder / f"{i:04d}-{src.name}"
        if src.is_dir():
            shutil.copytree(src, dest)
        else:
            shutil.copy(src, dest)


def timed_build(inputs: Path, out: Path, **kwargs: object) -> float:
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    report = corpus.build(inputs, out, **kwargs)
    seconds = time.perf_counter() - start
    assert not report.reused and len(report.read) + len(report.failed) > 0
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=200)
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores (nproc), {cpu_model()}, Python {platform.python_version()}")
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    work = Path(tempfile.mkdtemp(prefix="deptbudget-bench-corpus-"))
    inputs = work / "inputs"
    make_inputs(inputs, args.copies)
    n = args.copies
    one = timed_build(inputs, work / "out1", jobs=1)
    two = timed_build(inputs, work / "out2", jobs=2)
    import distributed

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=":0") as c:
        cluster = timed_build(inputs, work / "out3", scheduler=c.scheduler_address)
    print(f"{n} disclosures, 1 local worker : {one:7.2f} s  {n / one:6.2f} disclosures/s")
    print(f"{n} disclosures, 2 local workers: {two:7.2f} s  {n / two:6.2f} disclosures/s  speed-up {one / two:.2f} "
          f"(goal >= {SPEEDUP_GOAL}: {'met' if one / two >= SPEEDUP_GOAL else 'NOT met'})")
    print(f"{n} disclosures, 2-worker LocalCluster: {cluster:7.2f} s  {n / cluster:6.2f} disclosures/s  "
          f"speed-up {one / cluster:.2f}")
    con = corpus.open(work / "out2")
    con.execute(QUERY).fetchall()  # the first query reads the Parquet footers
    times = []
    for _ in range(10):
        start = time.perf_counter()
        rows = con.execute(QUERY).fetchall()
        times.append(time.perf_counter() - start)
    print(f"DuckDB: 三公 by department and year over the corpus ({len(rows)} groups): median "
          f"{statistics.median(times) * 1000:.1f} ms of 10 (goal < 100 ms)")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
