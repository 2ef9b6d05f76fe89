"""The alliance's service (issue 15): a REST API over the Python API where each member's confidential data stays
its own.

    from chokepoints.service import Settings, create_app
    app = create_app(Settings(warehouse="wh.duckdb"))      # uvicorn serves it: `chokepoints serve`

    settings.py    Settings (state folder, database URL, limits, k)
    db.py          SQLAlchemy 2 models; Alembic migrations in migrations/ (applied at start)
    auth.py        API keys (salted scrypt hashes), roles, rate limit
    warehouses.py  the shared snapshot and the members' copies (how confidential data stays its member's)
    jobs.py        runs in a thread pool, results in Parquet, indexed in the database
    app.py         create_app, errors, audit trail;  routes.py  the endpoints;  models.py  request/response models
    admin.py       bootstrap: the first admin and its key
"""

from chokepoints.service.app import create_app
from chokepoints.service.settings import Settings

__all__ = ["Settings", "create_app"]
