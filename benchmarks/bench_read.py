"""Benchmark: reading the sample disclosure in one process, after import.

Run with ``make bench`` or ``python benchmarks/bench_read.py [PATH] [--repeat N]``. Prints the
minimum, median and maximum wall time of ``read_disclosure`` and of the audit, and the
machine it ran on. The issue's target: reading the sample under 50 ms.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from pathlib import Path

from machine import cpu_model  # benchmarks/machine.py: run as a script from benchmarks/

import deptbudget
from deptbudget.audit import audit

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "raw" / "bj-xicheng-foreign-affairs-office-2024.txt"


def _time(fn, repeat: int) -> list[float]:
    fn()  # warm caches (reference tables, compiled regexes)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", nargs="?", type=Path, default=SAMPLE)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    print(f"machine: {cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    read = _time(lambda: deptbudget.read_disclosure(args.path), args.repeat)
    disclosure = deptbudget.read_disclosure(args.path)
    checks = _time(lambda: audit(disclosure), max(5, args.repeat // 5))
    for label, times in (("read_disclosure", read), ("audit", checks)):
        print(
            f"{label:16s} min {min(times):6.1f} ms  median {statistics.median(times):6.1f} ms  "
            f"max {max(times):6.1f} ms  ({len(times)} runs)"
        )


if __name__ == "__main__":
    main()
