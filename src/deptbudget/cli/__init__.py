"""The ``deptbudget`` command line."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console

from ..core.errors import DisclosureError

app = typer.Typer(
    help="Read, audit and brief Chinese department budget disclosures (部门预算公开).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)


@app.command()
def extract(
    path: Path = typer.Argument(..., help="The disclosure (text file)."),
    out: Path = typer.Option(..., "--out", help="Folder for the CSV files and disclosure.json."),
) -> None:
    """Read a disclosure into one CSV per table and disclosure.json."""
    from ..read.reader import read_disclosure
    from ..read.write import write_extract

    disclosure = read_disclosure(path)
    files = write_extract(disclosure, out)
    err.print(
        f"{disclosure.department or path.name} {disclosure.year or ''}: "
        f"{len(disclosure.tables)} tables, {len(disclosure.facts)} facts, "
        f"{len(disclosure.warnings)} warnings → {out} ({len(files)} files)",
        highlight=False,
    )


@app.command()
def audit(
    path: Path = typer.Argument(..., help="The disclosure (text file)."),
    as_json: bool = typer.Option(False, "--json", help="Print every finding as a JSON list."),
    show_all: bool = typer.Option(False, "--all", help="List passed checks too."),
) -> None:
    """Check every identity the disclosure implies and score its completeness.

    Exits 0 when the audit ran, whatever it found; 2 when the file could not be read.
    """
    import json

    from ..audit import run_checks
    from ..audit.completeness import transparency_score
    from ..read.reader import read_disclosure

    disclosure = read_disclosure(path)
    findings = run_checks(disclosure)
    if as_json:
        typer.echo(json.dumps([f.to_json() for f in findings], ensure_ascii=False, indent=2))
        return
    out = Console(highlight=False)
    counts = {s: sum(f.status == s for f in findings) for s in ("pass", "fail", "warn", "skipped")}
    got, top = transparency_score(findings)
    out.print(
        f"[bold]{disclosure.department or path.name} {disclosure.year or ''}[/bold]  "
        f"pass {counts['pass']}  fail {counts['fail']}  warn {counts['warn']}  "
        f"skipped {counts['skipped']}  透明度得分 {got}/{top}",
        highlight=False,
    )
    colours = {"pass": "green", "fail": "red", "warn": "yellow", "skipped": "dim"}
    for finding in findings:
        if show_all or finding.status != "pass":
            out.print(
                f"[{colours[finding.status]}]{finding.status:<7}[/] {finding.check}\n"
                f"        {finding.message}",
                markup=True, soft_wrap=True,
            )


def _register_extensions() -> None:
    """Add the commands that live in their own modules (audit, briefing)."""
    try:
        from .brief import register
    except ImportError:  # the briefing extras are optional for the reader
        return
    register(app)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; a disclosure that cannot be read exits 2 with one line, no traceback."""
    _register_extensions()
    try:
        app(args=argv, standalone_mode=True)
    except DisclosureError as exc:
        # One plain line, never wrapped: scripts and batch logs read it.
        typer.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except OSError as exc:
        typer.echo(f"error: {exc.filename or ''}: {exc.strerror or exc}", err=True)
        sys.exit(2)
