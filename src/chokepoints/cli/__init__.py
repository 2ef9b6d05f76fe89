"""The `chokepoints` command line: one typer app, one module per command group; each command parses its options,
calls one method of the Python API (chokepoints.analyses, the Warehouse's methods) and renders the result.

    app.py        the typer app and `--version`
    common.py     the shared options and the one error decorator
    data.py       ingest, status, table, tables, formats, synth baci
    reference.py  countries, blocs, chains, scenarios
    metrics.py    dependency, criticality
    shocks.py     network, simulate
    optimise.py   optimise
    serve.py      serve (the REST service, chokepoints.service)
    brief.py      brief (the ministers' two pages, chokepoints.report.brief)
    events        chokepoints.events.cli (extract, watch)
"""

from __future__ import annotations

from chokepoints.cli import (  # noqa: F401  (they register the commands)
    brief,
    data,
    metrics,
    optimise,
    reference,
    serve,
    shocks,
)
from chokepoints.cli.app import app
from chokepoints.cli.common import fail
from chokepoints.errors import ChokepointsError
from chokepoints.events.cli import app as events_app

app.add_typer(events_app, name="events")


def main() -> None:
    try:
        app()
    except ChokepointsError as e:  # raised outside a command body (e.g. in a callback)
        fail(e)


__all__ = ["app", "main"]
