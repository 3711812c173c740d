"""The one ``deptbudget`` application, its error format, and :func:`main`.

Every command reports a failure the same way: one line on stderr, ``deptbudget: error: …``
(naming the file and the place when the input is at fault), never a traceback. Exit codes:
2 for bad input (a missing file, an unreadable disclosure, a bad option), 1 when the work
itself failed (a briefing that could not be made, a batch with failures).
"""

from __future__ import annotations

import logging
import sys

import typer

from ..core.errors import DisclosureError

app = typer.Typer(
    help="Read, audit and brief Chinese department budget disclosures (部门预算公开).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: How every command that reads one disclosure names its argument.
DISCLOSURE_HELP = "The disclosure: a text or PDF file, a folder of its files, or its files (one disclosure)."

#: Exit code for input the user must fix.
BAD_INPUT = 2
#: Exit code for work that failed for another reason.
FAILED = 1


def error_line(message: str) -> str:
    """The one-line form of every error this CLI prints: ``deptbudget: error: message``."""
    return f"deptbudget: error: {' '.join(str(message).split())}"


def fail(message: str, code: int = BAD_INPUT) -> typer.Exit:
    """Print ``message`` as an error line on stderr and return the exit to raise.

    Parameters
    ----------
    message : str
        What went wrong, naming the file and place where known.
    code : int
        :data:`BAD_INPUT` (2) or :data:`FAILED` (1).

    Returns
    -------
    typer.Exit
        Raise it: ``raise fail(...)``.
    """
    typer.echo(error_line(message), err=True)
    return typer.Exit(code)


def quiet_libraries() -> None:
    """Silence the libraries' log warnings on stderr: our one error line is enough."""
    for name in ("traitlets", "weasyprint", "fontTools", "nbconvert"):
        logging.getLogger(name).setLevel(logging.ERROR)
    # nbclient logs through papermill's logger at ERROR ("Kernel died while waiting for execute
    # reply."): the batch's own failure line already says so.
    logging.getLogger("papermill").setLevel(logging.CRITICAL)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; a disclosure that cannot be read exits 2 with one line, no traceback."""
    try:
        app(args=argv, standalone_mode=True)
    except DisclosureError as exc:
        typer.echo(error_line(str(exc)), err=True)
        sys.exit(BAD_INPUT)
    except OSError as exc:
        typer.echo(error_line(f"{exc.filename or ''}: {exc.strerror or exc}"), err=True)
        sys.exit(BAD_INPUT)
