"""``deptbudget extract`` and ``deptbudget audit``: a disclosure read into files, or checked."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from .app import DISCLOSURE_HELP, app

err = Console(stderr=True)


@app.command()
def extract(
    paths: list[Path] = typer.Argument(..., help=DISCLOSURE_HELP),
    out: Path = typer.Option(..., "--out", help="Folder for the CSV files and disclosure.json."),
) -> None:
    """Read a disclosure into one CSV per table and disclosure.json."""
    from ..read.reader import read_disclosure
    from ..read.write import write_extract

    disclosure = read_disclosure(paths)
    files = write_extract(disclosure, out)
    err.print(
        f"{disclosure.department or paths[0].name} {disclosure.year or ''} ({disclosure.layout}, "
        f"{disclosure.kind}): "
        f"{len(disclosure.tables)} tables, {len(disclosure.facts)} facts, "
        f"{len(disclosure.warnings)} warnings → {out} ({len(files)} files)",
        highlight=False,
    )


@app.command()
def audit(
    paths: list[Path] = typer.Argument(..., help=DISCLOSURE_HELP),
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

    disclosure = read_disclosure(paths)
    findings = run_checks(disclosure)
    if as_json:
        typer.echo(json.dumps([f.to_json() for f in findings], ensure_ascii=False, indent=2))
        return
    out = Console(highlight=False)
    counts = {s: sum(f.status == s for f in findings) for s in ("pass", "fail", "warn", "skipped")}
    got, top = transparency_score(findings)
    out.print(
        f"[bold]{disclosure.department or paths[0].name} {disclosure.year or ''}[/bold]  "
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
