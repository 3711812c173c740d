"""Benchmark: reading disclosures, in one process after import.

Run with ``make bench`` or ``python benchmarks/bench_read.py [--repeat N]`` from the repository
root. It prints the machine, then

* the text sample: ``read_disclosure`` and ``audit`` (min, median, max over ``--repeat`` runs);
  the target is under 50 ms to read;
* every published PDF disclosure in ``data/raw`` (a file, or a folder of two files): the whole
  ``read_disclosure`` (PDF source, tables, narrative) against pdfplumber's own ``extract_text()``
  plus ``find_tables()`` over every page of the same files, each the median of ``--pdf-repeat``
  runs after a warm-up, alternating so that a load from elsewhere hits both alike; the ratio
  pdfplumber / ours, and the medians over the disclosures. The targets: median ≤ 1.0 s, and
  never slower than pdfplumber on any disclosure.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from machine import cpu_model  # benchmarks/machine.py: run as a script from the repository root

import deptbudget
from deptbudget.audit import audit
from deptbudget.read.document import disclosure_files

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
SAMPLE = RAW / "bj-xicheng-foreign-affairs-office-2024.txt"


def _times(fn: Callable[[], object], repeat: int) -> list[float]:
    fn()  # warm caches (reference tables, compiled regexes, fonts)
    out = []
    for _ in range(repeat):
        gc.collect()  # one run's garbage is not the next one's cost
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def plumber(paths: list[Path]) -> None:
    """pdfplumber's own text and table extraction over every page."""
    import pdfplumber

    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.find_tables()


def pdf_disclosures() -> list[Path]:
    """Every published PDF disclosure in data/raw: PDF files and folders of PDFs."""
    found = [p for p in sorted(RAW.iterdir()) if p.suffix.lower() == ".pdf"]
    found += [p for p in sorted(RAW.iterdir()) if p.is_dir() and any(p.glob("*.pdf"))]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--pdf-repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"machine: {cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}\n")

    read = _times(lambda: deptbudget.read_disclosure(SAMPLE), args.repeat)
    disclosure = deptbudget.read_disclosure(SAMPLE)
    checks = _times(lambda: audit(disclosure), max(5, args.repeat // 5))
    print(f"text sample ({SAMPLE.name})")
    for label, times in (("read_disclosure", read), ("audit", checks)):
        ms = [t * 1000 for t in times]
        print(f"  {label:16s} min {min(ms):6.1f} ms  median {statistics.median(ms):6.1f} ms  "
              f"max {max(ms):6.1f} ms  ({len(ms)} runs)")

    print(f"\nPDF disclosures (median of {args.pdf_repeat} runs after a warm-up)")
    print(f"  {'disclosure':44s} {'pages':>5s} {'ours':>8s} {'pdfplumber':>11s} {'ratio':>6s}")
    ours_all, theirs_all, slower = [], [], []
    for path in pdf_disclosures():
        files = disclosure_files(path)
        deptbudget.read_disclosure(path)
        plumber(files)
        ours, theirs = [], []
        for _ in range(args.pdf_repeat):
            ours += _times(lambda p=path: deptbudget.read_disclosure(p), 1)
            theirs += _times(lambda f=files: plumber(f), 1)
        o, t = statistics.median(ours), statistics.median(theirs)
        pages = sum(s.pages for s in deptbudget.read_disclosure(path).sources)
        ours_all.append(o)
        theirs_all.append(t)
        if o > t:
            slower.append(path.name)
        print(f"  {path.name:44s} {pages:5d} {o:7.3f}s {t:10.3f}s {t / o:5.1f}×")
    print(f"  {'median':44s} {'':5s} {statistics.median(ours_all):7.3f}s "
          f"{statistics.median(theirs_all):10.3f}s")
    print(f"\n  slower than pdfplumber on: {', '.join(slower) if slower else 'none'}")


if __name__ == "__main__":
    main()
