"""The ``corpus`` and ``compare`` commands: a folder of disclosures into one dataset for
research, and the comparison report over it."""

from __future__ import annotations

from pathlib import Path

import typer

from .app import FAILED, app, fail


@app.command()
def corpus(
    input_dir: Path = typer.Argument(
        ..., help="Folder of disclosures: *.txt and *.pdf files, and subfolders of one disclosure's files each."
    ),
    out: Path = typer.Option(..., "--out", "-o", help="The corpus folder (Parquet files and datapackage.json)."),
    jobs: int | None = typer.Option(None, "--jobs", "-j", help="Parallel workers (default: cores)."),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help="Read on the Dask cluster at this scheduler address (tcp://host:8786)."
    ),
) -> None:
    """Read every disclosure of INPUT_DIR into OUT: disclosures, tables, facts, findings (Parquet)."""
    from ..corpus import build

    if jobs is not None and jobs < 1:
        raise fail("--jobs must be at least 1")
    report = build(input_dir, out, jobs=jobs, scheduler=scheduler)
    typer.echo(
        f"{len(report.read)} read, {len(report.reused)} unchanged, {len(report.failed)} failed; "
        f"dataset: {Path(out) / 'datapackage.json'}"
    )
    if report.failed:
        for name in report.failed:
            typer.echo(f"deptbudget: failed: {name}", err=True)
        raise typer.Exit(FAILED)


@app.command()
def compare(
    corpus_dir: Path = typer.Argument(..., help="A corpus folder made by deptbudget corpus."),
    out: Path = typer.Option(Path("reports"), "--out", "-o", help="Output folder."),
    department: str | None = typer.Option(None, "--department", help="One department, over the years."),
    year: int | None = typer.Option(None, "--year", help="Only this year."),
    fmt: str = typer.Option("html,pdf", "--format", help="Comma-separated: html, pdf."),
) -> None:
    """Compare the departments of a corpus: side by side, over the years, budget against final accounts."""
    from ..render.build import BriefingFailed, InputError, parse_formats
    from ..render.compare import build_comparison
    from .app import quiet_libraries

    quiet_libraries()
    try:
        written = build_comparison(corpus_dir, out, department=department, year=year, formats=parse_formats(fmt))
    except InputError as exc:
        raise fail(str(exc)) from None
    except BriefingFailed as exc:
        raise fail(exc.reason, 2 if exc.bad_input else FAILED) from None
    for path in written.values():
        typer.echo(str(path))
