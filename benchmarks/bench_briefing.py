"""Benchmark one briefing and a batch, whole process, against the bare papermill + nbconvert floor.

Every figure is the wall-clock time of whole commands (process start, imports, kernel start,
reading, charts, HTML export, PDF layout), measured in the same run:

(a) floor: ``papermill`` executing an empty parameterized notebook, then ``jupyter nbconvert
    --to html`` exporting it (two command lines, as a user would run them);
(b) ``deptbudget brief SAMPLE --out DIR`` (HTML and PDF) and ``--format html``; the floor and the
    briefing alternate, median of ``--repeat`` runs each, and the ratio briefing / floor;
(c) ``--copies`` departments (copies of the sample under other names): that many separate
    ``deptbudget brief`` runs against one ``deptbudget batch`` of the same folder (HTML and PDF
    both), and the batch's speed-up in throughput; with the CPU time (user + system, child
    processes included) of each side, and the ceiling it puts on the speed-up: the batch's wall
    time cannot fall below its CPU time spread over every core.

Usage: python benchmarks/bench_briefing.py [--copies 20] [--repeat 3] [--jobs N]
Run it on an otherwise idle machine: it prints the load average before and after.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from machine import cpu_model  # benchmarks/machine.py: run as a script from benchmarks/

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SAMPLE = ROOT / "data" / "raw" / "bj-xicheng-foreign-affairs-office-2024.txt"
EMPTY = Path(__file__).resolve().parent / "fixtures" / "empty_parameterized.ipynb"
#: The goals of the issue "One briefing within 2× the bare papermill + nbconvert run".
RATIO_GOAL = 2.0
SPEEDUP_GOAL = 4.0


def run(cmd: Sequence[str | Path]) -> float:
    """Run one command line to completion; return its wall-clock seconds (fail loudly)."""
    start = time.perf_counter()
    subprocess.run([str(c) for c in cmd], check=True, capture_output=True)
    return time.perf_counter() - start


def children_cpu() -> float:
    """CPU seconds (user + system) of every finished child process so far, their own children
    (workers, kernels) included."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def floor(work: Path) -> float:
    """The bare run: papermill on an empty parameterized notebook, then nbconvert to HTML."""
    out = work / "empty-out.ipynb"
    t = run([BIN / "papermill", EMPTY, out, "-p", "x", "1", "--no-progress-bar", "--log-level", "ERROR"])
    return t + run([BIN / "jupyter", "nbconvert", "--to", "html", "--log-level", "ERROR", out])


def brief(path: Path, out: Path, formats: str = "html,pdf") -> float:
    """One ``deptbudget brief`` command."""
    return run([BIN / "deptbudget", "brief", path, "--out", out, "--format", formats])


def sample_copies(folder: Path, copies: int) -> list[Path]:
    """Copies of the sample, each under its own department name (so each gets its own slug)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SAMPLE.read_text(encoding="utf-8")
    name = re.search(r"(北京市\S+?办公室)", text).group(1)
    paths = []
    for i in range(copies):
        p = folder / f"dept{i:03d}.txt"
        p.write_text(text.replace(name, f"北京市测试区第{i}局"), encoding="utf-8")
        paths.append(p)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=None)
    args = ap.parse_args()

    print(f"machine: {os.cpu_count()} cores (nproc), {cpu_model()}, Python {platform.python_version()}")
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    work = Path(tempfile.mkdtemp(prefix="deptbudget-bench-"))

    # (a, b) The first run of each pays for cold disk caches: one untimed round, then alternate.
    floor(work)
    brief(SAMPLE, work / "warm-up")
    floors, fulls, htmls = [], [], []
    for k in range(args.repeat):
        floors.append(floor(work))
        fulls.append(brief(SAMPLE, work / f"full{k}"))
        htmls.append(brief(SAMPLE, work / f"html{k}", "html"))
    t_floor, t_full, t_html = (statistics.median(x) for x in (floors, fulls, htmls))
    print(f"(a) floor: papermill (empty parameterized notebook) + nbconvert HTML: {t_floor:6.2f} s "
          f"(median of {args.repeat}: {', '.join(f'{t:.2f}' for t in floors)})")
    print(f"(b) deptbudget brief, HTML + PDF: {t_full:6.2f} s "
          f"(median of {args.repeat}: {', '.join(f'{t:.2f}' for t in fulls)})")
    print(f"    deptbudget brief, HTML only : {t_html:6.2f} s")
    ratio = t_full / t_floor
    print(f"    ratio HTML + PDF / floor    : {ratio:6.2f} (goal <= {RATIO_GOAL}: "
          f"{'met' if ratio <= RATIO_GOAL else 'NOT met'})")

    # (c) N single briefs against one batch of the same inputs.
    n = args.copies
    inputs = sample_copies(work / "many", n)
    cpu = children_cpu()
    t_singles = sum(brief(p, work / "singles") for p in inputs)
    cpu_singles, cpu = children_cpu() - cpu, children_cpu()
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    t_batch = run([BIN / "deptbudget", "batch", work / "many", "--out", work / "batch", *jobs])
    cpu_batch = children_cpu() - cpu
    speedup = t_singles / t_batch
    cores = os.cpu_count() or 1
    print(f"(c) {n} separate deptbudget brief runs: {t_singles:6.2f} s ({t_singles / n:.2f} s each, "
          f"CPU {cpu_singles / n:.2f} s each)")
    print(f"    deptbudget batch of the same {n}  : {t_batch:6.2f} s ({t_batch / n:.2f} s each, "
          f"CPU {cpu_batch / n:.2f} s each with the workers' start-up)")
    print(f"    batch speed-up                    : {speedup:6.2f} (goal >= {SPEEDUP_GOAL}: "
          f"{'met' if speedup >= SPEEDUP_GOAL else 'NOT met'})")
    # The batch cannot take less wall time than its CPU time spread over every core.
    print(f"    ceiling with all {cores} cores busy   : {t_singles / (cpu_batch / cores):6.2f} "
          f"(single runs' time / (batch CPU / {cores}))")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    print(f"work folder: {work}")


if __name__ == "__main__":
    main()
