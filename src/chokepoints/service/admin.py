"""Bootstrap: the first admin and its key (`chokepoints serve --create-admin`), audited like any write."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from chokepoints.service.auth import new_key
from chokepoints.service.db import Audit, User, make_engine, migrate, sessions
from chokepoints.service.settings import Settings


def create_admin(settings: Settings, name: str = "admin", *, expires_in_days: int | None = 365) -> str:
    """Make user NAME an admin (creating it) and return a new key for it: the only time the key is shown."""
    settings.state.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.url)
    try:
        migrate(engine)
        with sessions(engine).begin() as s:
            user = s.scalar(select(User).where(User.name == name))
            if user is None:
                user = User(name=name, role="admin", member=None)
                s.add(user)
                s.flush()
            elif user.role != "admin":
                from chokepoints.errors import InputError

                raise InputError(f"user {name} exists with role {user.role}; choose another name", field="name")
            expires = datetime.now(UTC) + timedelta(days=expires_in_days) if expires_in_days else None
            key, row = new_key(s, user, label="bootstrap", expires_at=expires)
            s.flush()
            s.add(Audit(user_id=user.id, key_id=row.id, role="admin", member=None, method="CLI",
                        path="chokepoints serve --create-admin", action=f"new admin key {row.id} for {name}",
                        status=0, client="cli", scope="alliance"))
        return key
    finally:
        engine.dispose()
