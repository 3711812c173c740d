"""``deptbudget brief`` and ``deptbudget batch``: briefings for one disclosure or a folder.

Exit 2 for bad input (missing file, empty folder, unknown format, a disclosure the reader
rejects); exit 1 when a briefing failed for another reason, a batch had failures, or the
batch's status file could not be written.
"""

from __future__ import annotations

from pathlib import Path

import typer

from ..corpus import NotACorpus, check_corpus
from ..render.batch import run_batch
from ..render.build import BriefingFailed, InputError, build_briefing, parse_formats
from .app import BAD_INPUT, DISCLOSURE_HELP, FAILED, app, error_line, fail, quiet_libraries


@app.command()
def brief(
    paths: list[Path] = typer.Argument(..., help=DISCLOSURE_HELP),
    out: Path = typer.Option(Path("reports"), "--out", "-o", help="Output folder."),
    fmt: str = typer.Option("html,pdf", "--format", help="Comma-separated: html, pdf."),
    notebook: Path | None = typer.Option(None, "--notebook", help="Parameterized notebook."),
    corpus: Path | None = typer.Option(
        None, "--corpus", help="A corpus (deptbudget corpus) with other years of the department: adds 历年."
    ),
) -> None:
    """Write one briefing: OUT/<slug>.html, .pdf and the executed .ipynb."""
    quiet_libraries()
    try:
        formats = parse_formats(fmt)
        if notebook is not None and not notebook.is_file():
            raise InputError(f"{notebook}: notebook not found")
        if corpus is not None:
            check_corpus(corpus)
        result = build_briefing(paths[0] if len(paths) == 1 else paths, out, formats, notebook, corpus_dir=corpus)
    except (InputError, NotACorpus) as exc:
        raise fail(str(exc)) from None
    except BriefingFailed as exc:
        raise fail(f"{paths[0] if len(paths) == 1 else ', '.join(map(str, paths))}: {exc.reason}",
                   BAD_INPUT if exc.bad_input else FAILED) from None
    for fmt_name in ("html", "pdf", "ipynb"):
        if fmt_name in result["outputs"]:
            typer.echo(str(Path(out) / result["outputs"][fmt_name]))


@app.command()
def batch(
    input_dir: Path = typer.Argument(
        ..., help="Folder of disclosures: *.txt and *.pdf files, and subfolders of one disclosure's files each."
    ),
    out: Path = typer.Option(Path("reports"), "--out", "-o", help="Output folder."),
    jobs: int | None = typer.Option(None, "--jobs", "-j", help="Parallel workers (default: cores)."),
    retry_failed: bool = typer.Option(False, "--retry-failed", help="Run only inputs that failed."),
    fmt: str = typer.Option("html,pdf", "--format", help="Comma-separated: html, pdf."),
    notebook: Path | None = typer.Option(None, "--notebook", help="Parameterized notebook."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Progress bar on stderr."),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help="Run on the Dask cluster at this scheduler address (tcp://host:8786)."
    ),
    corpus: Path | None = typer.Option(
        None, "--corpus", help="A corpus (deptbudget corpus) with other years of the departments: adds 历年."
    ),
) -> None:
    """Write one briefing per disclosure, OUT/index.html and OUT/batch-status.json."""
    quiet_libraries()
    try:
        formats = parse_formats(fmt)
        if corpus is not None:
            check_corpus(corpus)
        report = run_batch(
            input_dir, out, formats=formats, notebook=notebook, jobs=jobs,
            retry_failed=retry_failed, progress=progress, scheduler=scheduler, corpus_dir=corpus,
        )
    except (InputError, NotACorpus) as exc:
        raise fail(str(exc)) from None
    typer.echo(
        f"{len(report.ran)} made, {len(report.skipped)} up to date or not retried, "
        f"{len(report.failed)} failed; index: {Path(out) / 'index.html'}"
    )
    for key in report.failed:
        typer.echo(f"deptbudget: failed: {key}: {report.records[key].get('reason')}", err=True)
    if report.write_error:
        # The briefings may be fine but the batch's record is not: the next run redoes them.
        typer.echo(error_line(report.write_error), err=True)
    if not report.ok:
        raise typer.Exit(FAILED)
