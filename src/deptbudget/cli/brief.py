"""The ``brief`` and ``batch`` commands, added to the main CLI by :func:`register`.

Errors are one line on stderr, never a traceback: exit 2 for bad input (missing file, empty
folder, unknown format, a disclosure the reader rejects), exit 1 when a briefing failed for
another reason, a batch had failures, or the batch's status file could not be written.
"""

from __future__ import annotations

import logging
from pathlib import Path

import typer

from ..render.batch import (
    BriefingFailed,
    InputError,
    build_briefing,
    parse_formats,
    run_batch,
)


def _quiet_libraries() -> None:
    # Their warnings reach stderr through logging's last-resort handler; our one line is enough.
    for name in ("traitlets", "weasyprint", "fontTools", "nbconvert"):
        logging.getLogger(name).setLevel(logging.ERROR)
    # nbclient logs through papermill's logger at ERROR ("Kernel died while waiting for execute
    # reply."): the batch's own failure line already says so.
    logging.getLogger("papermill").setLevel(logging.CRITICAL)


def _fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"deptbudget: error: {message}", err=True)
    return typer.Exit(code)


def brief(
    path: Path = typer.Argument(..., help="The disclosure text file."),
    out: Path = typer.Option(Path("reports"), "--out", "-o", help="Output folder."),
    fmt: str = typer.Option("html,pdf", "--format", help="Comma-separated: html, pdf."),
    notebook: Path | None = typer.Option(None, "--notebook", help="Parameterized notebook."),
) -> None:
    """Write one briefing: OUT/<slug>.html, .pdf and the executed .ipynb."""
    _quiet_libraries()
    try:
        formats = parse_formats(fmt)
        if notebook is not None and not notebook.is_file():
            raise InputError(f"{notebook}: notebook not found")
        result = build_briefing(path, out, formats, notebook)
    except InputError as exc:
        raise _fail(str(exc), 2) from None
    except BriefingFailed as exc:
        raise _fail(f"{path}: {exc.reason}", 2 if exc.bad_input else 1) from None
    for fmt_name in ("html", "pdf", "ipynb"):
        if fmt_name in result["outputs"]:
            typer.echo(str(Path(out) / result["outputs"][fmt_name]))


def batch(
    input_dir: Path = typer.Argument(..., help="Folder of disclosure *.txt files."),
    out: Path = typer.Option(Path("reports"), "--out", "-o", help="Output folder."),
    jobs: int | None = typer.Option(None, "--jobs", "-j", help="Parallel workers (default: cores)."),
    retry_failed: bool = typer.Option(False, "--retry-failed", help="Run only inputs that failed."),
    fmt: str = typer.Option("html,pdf", "--format", help="Comma-separated: html, pdf."),
    notebook: Path | None = typer.Option(None, "--notebook", help="Parameterized notebook."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Progress bar on stderr."),
) -> None:
    """Write one briefing per disclosure, OUT/index.html and OUT/batch-status.json."""
    _quiet_libraries()
    try:
        formats = parse_formats(fmt)
        report = run_batch(
            input_dir, out, formats=formats, notebook=notebook, jobs=jobs,
            retry_failed=retry_failed, progress=progress,
        )
    except InputError as exc:
        raise _fail(str(exc), 2) from None
    typer.echo(
        f"{len(report.ran)} made, {len(report.skipped)} up to date or not retried, "
        f"{len(report.failed)} failed; index: {Path(out) / 'index.html'}"
    )
    for key in report.failed:
        typer.echo(f"deptbudget: failed: {key}: {report.records[key].get('reason')}", err=True)
    if report.write_error:
        # The briefings may be fine but the batch's record is not: the next run redoes them.
        typer.echo(f"deptbudget: error: {report.write_error}", err=True)
    if not report.ok:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the ``brief`` and ``batch`` commands to ``app`` (the main ``deptbudget`` CLI).

    Parameters
    ----------
    app : typer.Typer
        The application to extend.
    """
    app.command("brief")(brief)
    app.command("batch")(batch)
