"""Benchmark: the PDF source layer against pdfplumber's own text and table extraction.

Run from the repository root with ``PYTHONPATH=src python benchmarks/bench_pdf_source.py``
(optionally ``--repeat N`` and PDF paths; the default is every PDF in
``tests/fixtures/pdf/``). For each file it times

* ``read_pdf`` (pdfium characters and paths, grids from ruling lines), and
* pdfplumber's ``extract_text()`` plus ``find_tables()`` on every page,

after one warm-up run of each, taking the median of ``--repeat`` runs (the two engines
alternate, so a load from elsewhere on the machine hits both alike; a garbage collection
before each run keeps one engine's leftovers out of the other's time). It prints the
per-file times, the ratio pdfplumber / ours, and the median over the files.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import sys
import time
from pathlib import Path

from machine import cpu_model  # benchmarks/machine.py: run as a script from the repository root

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from deptbudget.read.sources.pdf import read_pdf  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "pdf"


def plumber(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.find_tables()


def timed(fn, path: Path) -> float:
    gc.collect()  # the other engine's garbage is not this one's cost
    start = time.perf_counter()
    fn(path)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paths = args.paths or sorted(CORPUS.glob("*.pdf"))
    print(f"machine: {cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"median of {args.repeat} runs after a warm-up\n")
    print(f"{'file':46s} {'pages':>5s} {'ours s':>8s} {'pdfplumber s':>13s} {'ratio':>6s}")
    ours_all, theirs_all = [], []
    for path in paths:
        pages = len(read_pdf(path).pages)  # warm-up
        plumber(path)
        ours, theirs = [], []
        for _ in range(args.repeat):
            ours.append(timed(read_pdf, path))
            theirs.append(timed(plumber, path))
        a, b = statistics.median(ours), statistics.median(theirs)
        ours_all.append(a)
        theirs_all.append(b)
        print(f"{path.name:46s} {pages:5d} {a:8.3f} {b:13.3f} {b / a:6.1f}")
    a, b = statistics.median(ours_all), statistics.median(theirs_all)
    print(f"{'median over files':46s} {'':5s} {a:8.3f} {b:13.3f} {b / a:6.1f}")
    print(f"{'slowest file':46s} {'':5s} {max(ours_all):8.3f} {max(theirs_all):13.3f}")


if __name__ == "__main__":
    main()
