"""Alembic migrations of the service's state (applied at start by chokepoints.service.db.migrate)."""
