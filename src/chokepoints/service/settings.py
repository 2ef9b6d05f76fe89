"""The service's settings: one pydantic model, filled from arguments or CHOKEPOINTS_SERVICE_* variables."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field


class Settings(BaseModel):
    """Where the service keeps its state and the limits it enforces.

    warehouse      the base warehouse (read once at start: the service works on a snapshot of it)
    state_dir      the service's own files (snapshots, members' uploads and copies, run results); default: a folder
                   `<warehouse stem>.service` beside the warehouse
    db_url         a SQLAlchemy URL for users, keys, members, scenarios, runs and the audit log; default SQLite in
                   state_dir (CHOKEPOINTS_SERVICE_DB, e.g. postgresql+psycopg://user:pw@host/db, in production)
    k_min_members  alliance-wide aggregates of members' declarations are shown only where at least k members
                   contribute
    key_cache_s    a verified API key is answered from memory for this many seconds (no scrypt, no database read);
                   a revocation through this process takes effect at once, one made elsewhere within this time
    """

    model_config = ConfigDict(extra="forbid")

    warehouse: Path
    state_dir: Path | None = None
    db_url: str | None = None
    k_min_members: int = Field(default=2, ge=1)
    workers: int = Field(default=2, ge=1, le=64)
    members: list[str] = ["EU27", "JPN"]
    rate_limit_per_minute: int = Field(default=600, ge=1)
    max_upload_bytes: int = Field(default=1_000_000, ge=1)
    max_runs: int = Field(default=10_000, ge=1)
    request_timeout_s: float = Field(default=60.0, gt=0)
    cache_entries: int = Field(default=256, ge=0)
    key_cache_s: float = Field(default=10.0, ge=0)
    trust_forwarded_for: bool = False

    @classmethod
    def from_env(cls, warehouse: str | Path | None = None, **overrides) -> Settings:
        """Settings from CHOKEPOINTS_DB (the warehouse), CHOKEPOINTS_SERVICE_DB and CHOKEPOINTS_SERVICE_DIR."""
        from chokepoints.warehouse import default_path

        values: dict = {"warehouse": Path(warehouse).expanduser() if warehouse else default_path()}
        if url := os.environ.get("CHOKEPOINTS_SERVICE_DB"):
            values["db_url"] = url
        if d := os.environ.get("CHOKEPOINTS_SERVICE_DIR"):
            values["state_dir"] = Path(d).expanduser()
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    @property
    def state(self) -> Path:
        return self.state_dir or self.warehouse.with_name(self.warehouse.stem + ".service")

    @property
    def url(self) -> str:
        return self.db_url or f"sqlite:///{self.state / 'service.sqlite'}"
