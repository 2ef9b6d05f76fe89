"""`chokepoints serve`: the alliance's REST API (chokepoints.service) under uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chokepoints.cli.app import app
from chokepoints.cli.common import DbOption, err, handles_errors


@app.command()
@handles_errors
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.", min=1, max=65535)] = 8000,
    state_dir: Annotated[Path | None, typer.Option("--state-dir", help="The service's own files (default: "
                                                   "<warehouse>.service beside the warehouse).",
                                                   envvar="CHOKEPOINTS_SERVICE_DIR")] = None,
    service_db: Annotated[str | None, typer.Option("--service-db", help="SQLAlchemy URL of the service's state "
                                                   "(default: SQLite in the state folder).",
                                                   envvar="CHOKEPOINTS_SERVICE_DB")] = None,
    k: Annotated[int, typer.Option("--k", help="Alliance aggregates of members' data need at least k members.",
                                   min=1)] = 2,
    workers: Annotated[int, typer.Option("--workers", help="Runs computed at once.", min=1, max=64)] = 2,
    rate: Annotated[int, typer.Option("--rate", help="Requests a minute per key.", min=1)] = 600,
    create_admin: Annotated[bool, typer.Option("--create-admin", help="Make an admin and print its key once, "
                                                                      "then exit.")] = False,
    admin_name: Annotated[str, typer.Option("--admin-name", help="The admin --create-admin makes.")] = "admin",
) -> None:
    """Serve the REST API (OpenAPI schema at /openapi.json, docs at /docs). Ingests the bundled data first when
    the warehouse does not exist yet."""
    import chokepoints as ck
    from chokepoints.service import Settings
    from chokepoints.warehouse import default_path

    settings = Settings.from_env(db, state_dir=state_dir, db_url=service_db, k_min_members=k, workers=workers,
                                 rate_limit_per_minute=rate)
    if create_admin:
        from chokepoints.service.admin import create_admin as make

        key = make(settings, admin_name)
        err.print(f"admin '{admin_name}': this key is shown once; keep it:", highlight=False)
        typer.echo(key)
        return
    path = Path(db).expanduser() if db else default_path()
    if not path.exists():
        err.print(f"no warehouse at {path}: loading the bundled data first", highlight=False)
        with ck.open(path) as wh:
            wh.ingest()
    import uvicorn

    from chokepoints.service import create_app
    from chokepoints.service.app import quiet_gc

    app = create_app(settings)
    quiet_gc()  # after start-up, before the first request
    uvicorn.run(app, host=host, port=port, log_level="info")
