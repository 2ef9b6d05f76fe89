"""Alembic environment: the service passes its own connection (chokepoints.service.db.migrate)."""

from alembic import context

from chokepoints.service.db import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the service always passes one
    raise RuntimeError("run the service's migrations through chokepoints.service.db.migrate(engine)")
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
