"""The typer application the command modules add their commands to (cli/__init__.py imports them all)."""

from __future__ import annotations

import typer

from chokepoints import __version__
from chokepoints.cli.common import EngineOption, use_engine


def _version(value: bool) -> None:
    if value:
        typer.echo(f"chokepoints {__version__}")
        raise typer.Exit()


app = typer.Typer(help="Find, stress-test and relieve the chokepoints in critical-material supply chains.",
                  no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False)
synth_app = typer.Typer(help="Synthetic data for benchmarks and scale tests (never the demo's data).",
                        no_args_is_help=True)
app.add_typer(synth_app, name="synth")


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Show the version and exit."),
          engine: EngineOption = None) -> None:
    """Find, stress-test and relieve the chokepoints in critical-material supply chains."""
    use_engine(engine)

