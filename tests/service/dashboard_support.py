"""What the dashboard tests share: a warehouse of the bundled data with the sample news events stored, a service on
it with a key per role, and browser sign-in over a TestClient."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import DATA, World, populate, start

NEWS = DATA / "samples" / "news"
PAGES = ["/dashboard/", "/dashboard/?product=li-ion-batteries/cobalt_refined",
         "/dashboard/products/rare-earth-magnets/magnet",
         "/dashboard/chains/rare-earth-magnets", "/dashboard/chains/li-ion-batteries",
         "/dashboard/chains/semiconductor-materials", "/dashboard/scenarios",
         "/dashboard/scenarios/build?base=cn-2025-rare-earths", "/dashboard/runs", "/dashboard/optimise",
         "/dashboard/events"]


def dashboard_warehouse(bundled_db: Path, folder: Path) -> Path:
    """A copy of the bundled warehouse with the events of the sample news texts stored (the events feed)."""
    import chokepoints as ck
    from chokepoints.events.store import store
    from chokepoints.events.text import read_document
    from chokepoints.events.watch import analyse, reference_tables
    from chokepoints.reference import catalogue

    c = catalogue()
    check = c[(c["table"] == "events") & (c["column"] == "kind")]["check"].iloc[0]
    kinds = set(check.removeprefix("in:").split("|"))  # the kinds the events table holds
    path = folder / "wh.duckdb"
    shutil.copyfile(bundled_db, path)
    parts = bundled_db.with_suffix(".parts")
    if parts.is_dir():
        shutil.copytree(parts, path.with_suffix(".parts"))
    with ck.open(path) as wh:
        measures, projects = reference_tables(wh)
        for f in [*sorted(NEWS.glob("*.txt")), _our_text(folder)]:
            doc = read_document(f)
            store(wh, f, [e for e in analyse(doc, measures, projects) if e.kind in kinds], doc.date)
    return path


def _our_text(folder: Path) -> Path:
    """A news text written for these tests (not a real article): a new export control that gets a draft."""
    path = folder / "news" / "test_cn_gallium_2026.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("Date: 2026-02-03\n\nChina's Ministry of Commerce said on 3 February 2026 it will require export "
                    "licences for gallium and germanium wafers shipped to Japan from 1 March 2026.\n", encoding="utf-8")
    return path


def make_world(warehouse: Path, state: Path, **settings) -> World:
    app, client, s = start(warehouse, state, "sqlite", **settings)
    w = World(client, app, s)
    populate(w)
    return w


def sign_in(world: World, who: str):
    """A TestClient signed in to the dashboard as WHO (its own cookie jar)."""
    from fastapi.testclient import TestClient

    c = TestClient(world.app, raise_server_exceptions=True)
    r = c.post("/dashboard/login", data={"key": world.keys[who], "next": "/dashboard/"}, follow_redirects=False)
    assert r.status_code == 303, r.text
    return c


def csrf(html: str) -> str:
    import re

    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m, "no CSRF token in the page"
    return m[1]
