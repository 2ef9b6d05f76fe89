"""What every command shares: the error console, the common options, and one error decorator."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from chokepoints.errors import ChokepointsError
from chokepoints.report.tables import Format

err = Console(stderr=True)

DbOption = Annotated[Path | None, typer.Option("--db", help="Warehouse file (default: CHOKEPOINTS_DB or the "
                                                             "user data directory).", envvar="CHOKEPOINTS_DB")]


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]

EngineOption = Annotated[str | None, typer.Option(
    "--engine", envvar="CHOKEPOINTS_ENGINE", metavar="duckdb|spark",
    help="Where the analytics run: duckdb (embedded, default) or spark (master from CHOKEPOINTS_SPARK_MASTER, "
         "default local[*]; docs/scale.md).")]


def use_engine(name: str | None) -> None:
    """Make ENGINE the one every warehouse this command opens runs on (ck.open reads CHOKEPOINTS_ENGINE)."""
    import os

    from chokepoints.engines import engine_name

    if name is not None:
        os.environ["CHOKEPOINTS_ENGINE"] = engine_name(name)


def fail(e: Exception) -> None:
    """One line on stderr, exit code 1: a user's mistake never shows a traceback."""
    err.print(f"[bold red]error:[/] {e}", highlight=False, soft_wrap=True)
    raise typer.Exit(1)


def handles_errors(command: Callable) -> Callable:
    """Turn a ChokepointsError (an InputError names the file, row and field) or a TypeError from the library into one
    line and exit code 1."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except ChokepointsError as e:
            fail(e)

    return wrapper
