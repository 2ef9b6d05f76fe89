"""The service's fixtures: a small warehouse from the bundled data, a service on SQLite (always) and on PostgreSQL
(when CHOKEPOINTS_TEST_PG holds a SQLAlchemy URL, e.g. postgresql+psycopg://postgres@127.0.0.1:5432/ck_test), and
keys for each role."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
PG = os.environ.get("CHOKEPOINTS_TEST_PG")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
    not PG, reason="CHOKEPOINTS_TEST_PG is not set (a SQLAlchemy URL of an empty PostgreSQL database)"))]

SECRET_SOURCE = "JPN-SECRET-7f3a stockpile declaration"
SECRET_QTY = 4321.5
JPN_CSV = (f"member,kind,chain,stage,material,quantity_t,confidential,source\n"
           f"JPN,stock,rare-earth-magnets,,dy,{SECRET_QTY},,{SECRET_SOURCE}\n").encode()
EU_CSV = (b"member,kind,chain,stage,material,quantity_t,confidential,source\n"
          b"EU27,stock,rare-earth-magnets,,dy,1000,,EU27 declaration for tests\n")


@pytest.fixture(scope="session")
def base_warehouse(tmp_path_factory) -> Path:
    import chokepoints as ck

    path = tmp_path_factory.mktemp("warehouse") / "wh.duckdb"
    with ck.open(path) as wh:
        wh.ingest([DATA / "raw" / d for d in ("comtrade_crm_2023", "usgs_mcs2026_world", "baci_hs17_critical",
                                              "eu_crm", "wgi")] + [DATA / "curated"], include_defaults=False)
    return path


def reset_pg(url: str) -> None:
    """An empty database: every table of an earlier test dropped."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as con:
        con.execute(text("DROP SCHEMA public CASCADE"))
        con.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def db_url_for(backend: str) -> str | None:
    if backend == "postgresql":
        reset_pg(PG)
        return PG
    return None


@dataclass
class World:
    """A running service with a key per role."""

    client: object
    app: object
    settings: object
    keys: dict[str, str] = field(default_factory=dict)
    users: dict[str, int] = field(default_factory=dict)

    def h(self, who: str) -> dict:
        return {"Authorization": f"Bearer {self.keys[who]}"} if who in self.keys else {}

    def get(self, who: str, url: str, **kw):
        return self.client.get(url, headers={**self.h(who), **kw.pop("headers", {})}, **kw)

    def post(self, who: str, url: str, **kw):
        return self.client.post(url, headers={**self.h(who), **kw.pop("headers", {})}, **kw)

    def put(self, who: str, url: str, **kw):
        return self.client.put(url, headers={**self.h(who), **kw.pop("headers", {})}, **kw)

    def delete(self, who: str, url: str, **kw):
        return self.client.delete(url, headers={**self.h(who), **kw.pop("headers", {})}, **kw)

    def wait(self, who: str, run_id: str, timeout: float = 60) -> dict:
        t = time.monotonic()
        while time.monotonic() - t < timeout:
            r = self.get(who, f"/v1/runs/{run_id}").json()
            if r["status"] in ("done", "failed", "cancelled"):
                return r
            time.sleep(0.05)
        raise AssertionError(f"run {run_id} did not finish: {r}")


def start(base: Path, state: Path, backend: str, **settings):
    """(app, client, settings) of a service on BASE with its state in STATE."""
    from fastapi.testclient import TestClient

    from chokepoints.service import Settings, create_app

    url = settings.pop("db_url", None) or (PG if backend == "postgresql" else None)
    s = Settings(warehouse=base, state_dir=state, db_url=url, **settings)
    app = create_app(s)
    client = TestClient(app, raise_server_exceptions=True)
    client.__enter__()
    return app, client, s


def populate(world: World) -> None:
    """An admin, an analyst of EU27, two of JPN, an observer, each with a key."""
    from chokepoints.service.admin import create_admin

    world.keys["admin"] = create_admin(world.settings)
    for name, role, member in [("eu", "analyst", "EU27"), ("jpn", "analyst", "JPN"), ("jpn2", "analyst", "JPN"),
                               ("observer", "observer", None)]:
        r = world.post("admin", "/v1/users", json={"name": name, "role": role, "member": member})
        assert r.status_code == 201, r.text
        world.users[name] = r.json()["id"]
        k = world.post("admin", f"/v1/users/{r.json()['id']}/keys", json={"label": "test"})
        assert k.status_code == 201, k.text
        world.keys[name] = k.json()["key"]


@pytest.fixture(params=BACKENDS)
def world(request, base_warehouse, tmp_path):
    backend = request.param
    if backend == "postgresql":
        reset_pg(PG)
    app, client, s = start(base_warehouse, tmp_path / "state", backend)
    w = World(client, app, s)
    populate(w)
    yield w
    client.__exit__(None, None, None)
