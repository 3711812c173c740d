"""Benchmark the briefing pipeline (wall-clock seconds; run on an otherwise idle machine).

(a) baseline: papermill on an EMPTY notebook + nbconvert's stock HTML export, against one full
    briefing (execute + HTML + PDF) through ``build_briefing`` (cold kernel);
(b) a single notebook on a cold kernel against a warm (reused) one;
(c) N departments: a shell-style loop of ``papermill`` and ``jupyter nbconvert --to html``
    command lines, against ``run_batch`` (HTML only, then HTML + PDF) with a process pool.

Usage: python benchmarks/bench_briefing.py [--copies 20] [--jobs N] [--fixture]
By default the real notebook (notebooks/briefing.ipynb) briefs copies of the bundled sample, each
under another department name; ``--fixture`` uses the small test notebook and fake inputs instead.
The command-line loop exports with our template too, so both sides write the same HTML.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import cpu_model  # benchmarks/machine.py: run as a script from benchmarks/

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
FIXTURES = ROOT / "tests" / "fixtures" / "notebooks"


def fake_inputs(folder: Path, copies: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(copies):
        p = folder / f"dept{i:03d}.txt"
        p.write_text(
            f"部门：测试区第{i}委员会\n年度：2025\n收入合计：{1000000 + i * 1234}.56\n"
            f"支出合计：{990000 + i * 1000}.00\n基本支出：600000\n项目支出：{390000 + i}\n",
            encoding="utf-8",
        )
        paths.append(p)
    return paths


SAMPLE = ROOT / "data" / "raw" / "bj-xicheng-foreign-affairs-office-2024.txt"


def sample_copies(folder: Path, copies: int) -> list[Path]:
    """Copies of the sample, each under its own department name (so each gets its own slug)."""
    import re

    folder.mkdir(parents=True, exist_ok=True)
    text = SAMPLE.read_text(encoding="utf-8")
    name = re.search(r"(北京市\S+?办公室)", text).group(1)
    paths = []
    for i in range(copies):
        p = folder / f"dept{i:03d}.txt"
        p.write_text(text.replace(name, f"北京市测试区第{i}局"), encoding="utf-8")
        paths.append(p)
    return paths


def timed(fn, *args, **kwargs) -> float:
    t = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--fixture", action="store_true", help="small test notebook and fake inputs")
    ap.add_argument("--single-only", action="store_true", help="measure (a) and (b) only")
    args = ap.parse_args()
    args.notebook = FIXTURES / "briefing_fixture.ipynb" if args.fixture else ROOT / "notebooks" / "briefing.ipynb"
    make_inputs = fake_inputs if args.fixture else sample_copies
    for name in ("papermill", "traitlets", "weasyprint", "fontTools", "nbconvert"):
        logging.getLogger(name).setLevel(logging.ERROR)

    import papermill as pm
    from nbconvert import HTMLExporter

    from deptbudget.render.batch import run_batch
    from deptbudget.render.build import build_briefing
    from deptbudget.render.execute import WarmKernel, execute_notebook

    print(f"machine: {os.cpu_count()} cores (nproc), {cpu_model()}, Python {platform.python_version()}")
    print(f"notebook: {args.notebook}")
    work = Path(tempfile.mkdtemp(prefix="deptbudget-bench-"))
    one = make_inputs(work / "one", 1)[0]

    # (a) baseline vs one briefing
    def baseline() -> None:
        nb = pm.execute_notebook(str(FIXTURES / "empty.ipynb"), None, progress_bar=False)
        HTMLExporter().from_notebook_node(nb)

    # The first kernel start of a process pays for cold caches: warm up once, then take medians,
    # alternating the two so that neither side gets the quieter moments.
    baseline()
    t_bases, t_briefs = [], []
    for k in range(3):
        t_bases.append(timed(baseline))
        t_briefs.append(timed(build_briefing, one, work / f"brief{k}", ("html", "pdf"), args.notebook))
    t_base, t_brief = statistics.median(t_bases), statistics.median(t_briefs)
    print(f"(a) empty notebook via papermill + nbconvert HTML : {t_base:6.2f} s (median of 3)")
    print(f"    one briefing (execute + HTML + PDF, cold)      : {t_brief:6.2f} s (median of 3, "
          f"{t_brief / t_base:.1f}x)")

    # (b) cold vs warm kernel, same notebook, 3 runs each
    params = {"disclosure_path": str(one)} if args.fixture else {
        "disclosure_path": str(one), "static_charts": True}
    cold = [timed(execute_notebook, args.notebook, params, None) for _ in range(3)]
    with WarmKernel(cwd=work) as warm:
        # The first run pays for warm-up leftovers; the median of the next three is reported.
        warm_runs = [timed(execute_notebook, args.notebook, params, None, warm) for _ in range(4)][1:]
    print(f"(b) execute only, cold kernel (median of 3)        : {statistics.median(cold):6.2f} s")
    print(f"    execute only, warm kernel (median of 3)        : {statistics.median(warm_runs):6.2f} s")

    if args.single_only:
        return
    # (c) N departments
    inputs = make_inputs(work / "many", args.copies)
    loop_out = work / "loop"
    loop_out.mkdir()

    def cli_loop() -> None:
        for p in inputs:
            nb_out = loop_out / f"{p.stem}.ipynb"
            extra = [] if args.fixture else ["-p", "static_charts", "True"]
            subprocess.run(
                [str(BIN / "papermill"), str(args.notebook), str(nb_out), "-p", "disclosure_path",
                 str(p), *extra, "--no-progress-bar", "--log-level", "ERROR"],
                check=True, capture_output=True,
            )
            subprocess.run(
                [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--template", "briefing",
                 f"--TemplateExporter.extra_template_basedirs={ROOT / 'report_templates'}",
                 str(nb_out)],
                check=True, capture_output=True,
            )

    t_loop = timed(cli_loop)
    t_batch_html = timed(run_batch, work / "many", work / "batch-html", formats=("html",),
                         notebook=args.notebook, jobs=args.jobs, progress=False)
    t_batch_pdf = timed(run_batch, work / "many", work / "batch-pdf", formats=("html", "pdf"),
                        notebook=args.notebook, jobs=args.jobs, progress=False)
    t_skip = timed(run_batch, work / "many", work / "batch-pdf", formats=("html", "pdf"),
                   notebook=args.notebook, jobs=args.jobs, progress=False)
    n = args.copies
    print(f"(c) {n} departments, papermill + nbconvert CLI loop (HTML): {t_loop:6.2f} s "
          f"({t_loop / n:.2f} s each)")
    print(f"    {n} departments, run_batch HTML                      : {t_batch_html:6.2f} s "
          f"({t_batch_html / n:.2f} s each)")
    print(f"    {n} departments, run_batch HTML + PDF                : {t_batch_pdf:6.2f} s "
          f"({t_batch_pdf / n:.2f} s each)")
    print(f"    {n} departments, run_batch again (all up to date)    : {t_skip:6.2f} s")
    print(f"work folder: {work}")


if __name__ == "__main__":
    main()
