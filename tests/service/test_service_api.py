"""The service's endpoints, each role's happy path and the 4xx answers (auth matrix: test_auth_matrix.py)."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

import chokepoints as ck
from chokepoints.service.models import RunResult
from conftest import EU_CSV, JPN_CSV, SECRET_SOURCE, World, populate, start

TOML = """
title = "Dy and Tb licences, 6 months"
chain = "rare-earth-magnets"
start = "2025-04"
horizon_months = 12

[[measures]]
kind = "export_licence"
actor = "CHN"
stages = ["magnet"]
targets = ["ALL"]
intensity = 0.5
start_month = 0
duration_months = 6
"""


def test_health_and_openapi_need_no_key(world: World):
    assert world.get("nobody", "/v1/health").json()["status"] == "ok"
    schema = world.get("nobody", "/openapi.json").json()
    assert "/v1/runs" in schema["paths"] and "/v1/dependency" in schema["paths"]


def test_every_request_and_answer_of_the_api_has_a_model(world: World):
    schema = world.get("nobody", "/openapi.json").json()
    ops = [(m, path, op) for path, item in schema["paths"].items() if path.startswith("/v1/")
           for m, op in item.items()]
    assert len(ops) >= 30
    for m, path, op in ops:
        for code, answer in op["responses"].items():
            if code.startswith("2") and code != "204":
                assert answer["content"]["application/json"]["schema"], (m, path, code)
        for kind, body in op.get("requestBody", {}).get("content", {}).items():
            assert body["schema"], (m, path, kind)


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer nonsense"}, {"X-API-Key": "ck_abc_def"},
                                     {"Authorization": "Basic xyz"}])
def test_a_request_without_a_valid_key_is_401(world: World, headers):
    r = world.client.get("/v1/status", headers=headers)
    assert r.status_code == 401
    assert "key" in r.json()["detail"]


def test_a_key_works_until_revoked_and_is_stored_hashed(world: World):
    from sqlalchemy import select

    from chokepoints.service.db import ApiKey

    key = world.keys["observer"]
    assert world.client.get("/v1/me", headers={"X-API-Key": key}).json()["role"] == "observer"
    service = world.app.state.service
    with service.sessions() as s:
        rows = list(s.scalars(select(ApiKey)))
    assert all(key.split("_", 2)[2] not in (r.hash, r.salt) for r in rows)
    key_id = key.split("_")[1]
    assert world.delete("observer", f"/v1/keys/{key_id}").json()["revoked_at"] is not None
    assert world.get("observer", "/v1/me").status_code == 401


def test_an_expired_key_is_refused(world: World):
    from datetime import UTC, datetime, timedelta

    from chokepoints.service.db import ApiKey

    key_id = world.keys["eu"].split("_")[1]
    service = world.app.state.service
    with service.sessions.begin() as s:
        s.get(ApiKey, key_id).expires_at = datetime.now(UTC) - timedelta(seconds=1)
    assert world.get("eu", "/v1/me").status_code == 401


def test_keys_are_made_by_admins_or_for_oneself(world: World):
    r = world.post("eu", f"/v1/users/{world.users['jpn']}/keys", json={})
    assert r.status_code == 403
    r = world.post("eu", f"/v1/users/{world.users['eu']}/keys", json={"expires_in_days": 1})
    assert r.status_code == 201 and r.json()["key"].startswith("ck_")
    assert world.get("admin", "/v1/keys").status_code == 200
    assert all(k["user_id"] == world.users["eu"] for k in world.get("eu", "/v1/keys").json())


def test_status_provenance_dependency_criticality_network(world: World):
    for url in ("/v1/status", "/v1/provenance"):
        t = world.get("observer", url).json()
        assert t["rows"] and t["warehouse"].startswith("shared-")
    dep = world.get("observer", "/v1/dependency", params={"bloc": "EU27+JPN", "chain": "rare-earth-magnets"})
    assert dep.status_code == 200
    rows = dep.json()["rows"]
    with ck.open(world.settings.warehouse, read_only=True) as wh:
        direct = wh.dependency("EU27+JPN", chain="rare-earth-magnets")
    expected = [None if pd.isna(x) else x for x in direct["hhi"]]
    assert [r["hhi"] for r in rows] == pytest.approx(expected)
    csv = world.get("observer", "/v1/dependency", params={"chain": "rare-earth-magnets", "format": "csv"})
    assert csv.headers["content-type"].startswith("text/csv")
    assert len(pd.read_csv(io.StringIO(csv.text))) == len(rows)
    pq = world.get("observer", "/v1/dependency", params={"chain": "rare-earth-magnets", "format": "parquet"})
    assert len(pd.read_parquet(io.BytesIO(pq.content))) == len(rows)
    crit = world.get("observer", "/v1/criticality", params={"materials": "Gallium"}).json()
    assert crit["rows"][0]["material"] == "Gallium"
    net = world.get("observer", "/v1/networks/rare-earth-magnets").json()
    assert [r["stage"] for r in net["rows"]][:2] == ["ore", "oxide"]


@pytest.mark.parametrize(("url", "params", "status", "words"), [
    ("/v1/dependency", {"bloc": "NOWHERE"}, 422, "unknown bloc"),
    ("/v1/dependency", {"chain": "no-such-chain"}, 422, "no-such-chain"),
    ("/v1/dependency", {"products": "12x"}, 422, "HS code"),
    ("/v1/dependency", {"products": ""}, 422, "HS code"),
    ("/v1/dependency", {"products": " , "}, 422, "HS code"),
    ("/v1/criticality", {"materials": ","}, 200, "rows"),
    ("/v1/dependency", {"year": "twenty"}, 422, "integer"),
    ("/v1/dependency", {"basis": "weight"}, 422, "pattern"),
    ("/v1/networks/no-such-chain", {}, 404, "no chain"),
    ("/v1/scenarios/no-such-scenario", {}, 404, "no scenario"),
    ("/v1/runs/0000", {}, 404, "no run"),
    ("/v1/dependency", {"format": "xlsx"}, 422, "json"),
])
def test_malformed_requests_are_4xx_with_a_clear_message(world: World, url, params, status, words):
    r = world.get("observer", url, params=params)
    assert r.status_code == status, r.text
    assert words in json.dumps(r.json())


def test_scenarios_from_toml_and_json_validate_list_fetch(world: World):
    names = {s["name"] for s in world.get("observer", "/v1/scenarios").json()}
    assert "cn-2025-rare-earths" in names
    bad = world.post("eu", "/v1/scenarios/validate", json={"name": "bad", "toml": TOML.replace("0.5", "7")})
    assert bad.json()["valid"] is False and "intensity" in bad.json()["problem"]
    assert world.post("eu", "/v1/scenarios/validate", json={"name": "ok", "toml": TOML}).json()["valid"]
    r = world.post("eu", "/v1/scenarios", json={"name": "eu-dy", "toml": TOML})
    assert r.status_code == 201 and r.json()["scope"] == "EU27"
    body = world.get("eu", "/v1/scenarios/eu-dy").json()["definition"]
    r = world.post("admin", "/v1/scenarios", json={"name": "alliance-dy", "scenario": body})
    assert r.status_code == 201 and r.json()["scope"] == "alliance"
    assert world.post("eu", "/v1/scenarios", json={"name": "eu-dy", "toml": TOML}).status_code == 409
    assert world.post("eu", "/v1/scenarios", json={"name": "cn-2025-rare-earths", "toml": TOML}).status_code == 409
    assert world.post("observer", "/v1/scenarios", json={"name": "x", "toml": TOML}).status_code == 403
    assert world.post("eu", "/v1/scenarios", json={"name": "x", "toml": "chain = ["}).status_code == 422
    assert world.post("eu", "/v1/scenarios", json={"name": "x"}).status_code == 422
    obs = {s["name"] for s in world.get("observer", "/v1/scenarios").json()}
    assert "alliance-dy" in obs and "eu-dy" not in obs


def test_a_simulation_runs_as_a_job_and_its_result_downloads(world: World):
    r = world.post("admin", "/v1/runs", json={"scenario": "cn-2025-rare-earths", "runs": 20, "seed": 3})
    assert r.status_code == 202, r.text
    run = world.wait("admin", r.json()["id"])
    assert run["status"] == "done", run
    assert run["done"] == run["total"] == 20
    res = world.get("observer", f"/v1/runs/{run['id']}/result").json()
    assert RunResult.model_validate(res).id == run["id"]
    assert res["meta"]["seed"] == 3 and res["meta"]["confidential_members"] == [] and res["summary"]
    csv = world.get("observer", f"/v1/runs/{run['id']}/result", params={"format": "csv"})
    assert len(pd.read_csv(io.StringIO(csv.text))) == len(res["summary"])
    pq = world.get("observer", f"/v1/runs/{run['id']}/result", params={"format": "parquet"})
    path = world.settings.state / "download.parquet"
    path.write_bytes(pq.content)
    assert ck.read_result(path).meta["seed"] == 3
    assert run["id"] in [x["id"] for x in world.get("observer", "/v1/runs").json()]


def test_an_optimisation_runs_as_a_job(world: World):
    r = world.post("jpn", "/v1/runs", json={"kind": "optimise", "scenario": "cn-2025-rare-earths", "runs": 20,
                                           "mode": "joint"})
    run = world.wait("jpn", r.json()["id"])
    assert run["status"] == "done", run
    assert world.get("jpn", f"/v1/runs/{run['id']}/result").json()["kind"]


def test_a_crashed_run_is_failed_with_its_reason_and_the_service_goes_on(world: World, monkeypatch):
    def boom(self, *a, **k):
        raise RuntimeError("the kernel fell over")

    monkeypatch.setattr(ck.Warehouse, "simulate", boom)
    r = world.post("admin", "/v1/runs", json={"scenario": "cn-2025-rare-earths", "runs": 20})
    run = world.wait("admin", r.json()["id"])
    assert run["status"] == "failed" and "the kernel fell over" in run["error"]
    res = world.get("admin", f"/v1/runs/{run['id']}/result")
    assert res.status_code == 409 and "failed" in res.json()["detail"]
    assert world.get("admin", "/v1/status").status_code == 200


def test_a_run_is_cancelled_while_it_runs(world: World, monkeypatch):
    import threading

    started = threading.Event()
    real = ck.Warehouse.simulate

    def slow(self, sc, **kw):
        progress = kw["progress"]

        def tick(done, total):
            started.set()
            for _ in range(200):
                progress(done, total)  # raises once cancelled
                threading.Event().wait(0.01)
        return real(self, sc, **{**kw, "progress": tick})

    monkeypatch.setattr(ck.Warehouse, "simulate", slow)
    r = world.post("admin", "/v1/runs", json={"scenario": "cn-2025-rare-earths", "runs": 20})
    assert started.wait(30)
    c = world.post("admin", f"/v1/runs/{r.json()['id']}/cancel")
    assert c.status_code == 200
    assert world.wait("admin", r.json()["id"])["status"] == "cancelled"
    assert world.post("admin", f"/v1/runs/{r.json()['id']}/cancel").status_code == 409


def test_run_requests_are_checked(world: World):
    assert world.post("admin", "/v1/runs", json={"scenario": "nope", "runs": 20}).status_code == 404
    assert world.post("admin", "/v1/runs", json={"scenario": "cn-2025-rare-earths", "runs": 0}).status_code == 422
    assert world.post("admin", "/v1/runs", json={"scenario": "cn-2025-rare-earths",
                                                 "runs": 10**9}).status_code == 422
    assert world.post("admin", "/v1/runs", json={"kind": "optimise", "scenario": "us-2025-eu-30pct",
                                                 "runs": 20}).status_code == 422
    assert world.post("observer", "/v1/runs", json={"scenario": "cn-2025-rare-earths"}).status_code == 403


def test_events_are_extracted_from_a_posted_text(world: World):
    text = ("BEIJING, April 4, 2025 - China's Ministry of Commerce announced export controls on seven rare "
            "earth elements, including dysprosium and terbium, taking effect immediately.")
    r = world.post("observer", "/v1/events/extract", json={"text": text, "article_date": "2025-04-04"})
    assert r.status_code == 200, r.text
    assert r.json()["rows"], r.json()
    assert world.post("observer", "/v1/events/extract", json={"text": ""}).status_code == 422
    # a reader's own threshold in place of the fitted one: 0 keeps every rule event, outside 0-1 is refused
    every = world.post("observer", "/v1/events/extract", json={"text": text, "article_date": "2025-04-04",
                                                              "min_confidence": 0.0})
    assert every.status_code == 200 and len(every.json()["rows"]) >= len(r.json()["rows"])
    assert world.post("observer", "/v1/events/extract", json={"text": text, "min_confidence": 2}).status_code == 422
    assert world.get("observer", "/v1/events").status_code == 200


def test_a_member_upload_is_used_only_by_its_members_runs(world: World):
    r = world.put("jpn", "/v1/members/JPN/uploads/member_jpn.csv", content=JPN_CSV,
                  headers={**world.h("jpn"), "Content-Type": "text/csv"})
    assert r.status_code == 201, r.text
    assert r.json()["rows"] == 1
    assert world.get("jpn2", "/v1/members/JPN/uploads").json()[0]["name"] == "member_jpn.csv"
    stocks = world.get("jpn", "/v1/stocks").json()["rows"]
    assert [s["source"] for s in stocks] == [SECRET_SOURCE]
    assert world.get("eu", "/v1/stocks").json()["rows"] == []
    assert world.get("jpn", "/v1/me").json()["reads"] == "JPN's copy"
    runs = {}
    for who in ("jpn", "eu"):
        rid = world.post(who, "/v1/runs", json={"scenario": "cn-2025-rare-earths", "runs": 20}).json()["id"]
        assert world.wait(who, rid)["status"] == "done"
        runs[who] = world.get(who, f"/v1/runs/{rid}/result").json()
    assert runs["jpn"]["meta"]["confidential_members"] == ["JPN"]
    assert runs["eu"]["meta"]["confidential_members"] == []
    assert "member_jpn" in runs["jpn"]["meta"]["datasets"] and "member_jpn" not in runs["eu"]["meta"]["datasets"]
    assert world.delete("jpn", "/v1/members/JPN/uploads/member_jpn.csv").status_code == 204
    assert world.get("jpn", "/v1/stocks").json()["rows"] == []


@pytest.mark.parametrize(("body", "status", "words"), [
    (b"member,kind,chain,quantity_t,source\nJPN,stock,rare-earth-magnets,-1,x\n", 422, "row 2"),
    (b"member,kind,chain,material,quantity_t,source\nEU27,stock,rare-earth-magnets,dy,5,x\n", 422, "EU27"),
    (b"", 422, "empty"),
    (b"\xff\xfe\x00garbage", 422, "member_x.csv"),
])
def test_a_bad_upload_is_422_naming_the_upload_not_the_server(world: World, body, status, words):
    r = world.put("jpn", "/v1/members/JPN/uploads/member_x.csv", content=body)
    assert r.status_code == status, r.text
    detail = json.dumps(r.json())
    assert words in detail
    assert str(world.settings.state) not in detail and "/tmp" not in detail
    assert world.get("jpn", "/v1/members/JPN/uploads").json() == []


def test_uploads_have_a_size_limit_and_a_name_rule(base_warehouse, tmp_path):
    app, client, s = start(base_warehouse, tmp_path / "state", "sqlite", max_upload_bytes=100)
    w = World(client, app, s)
    populate(w)
    r = w.put("jpn", "/v1/members/JPN/uploads/member_big.csv", content=b"x" * 101)
    assert r.status_code == 413
    r = w.put("jpn", "/v1/members/JPN/uploads/stocks.csv", content=JPN_CSV[:90])
    assert r.status_code == 422 and "member_" in r.json()["detail"]
    client.__exit__(None, None, None)


def test_alliance_aggregates_need_k_members(world: World):
    world.put("jpn", "/v1/members/JPN/uploads/member_jpn.csv", content=JPN_CSV)
    assert world.get("observer", "/v1/stocks/aggregate").json()["rows"] == []
    world.put("eu", "/v1/members/EU27/uploads/member_eu.csv", content=EU_CSV)
    rows = world.get("observer", "/v1/stocks/aggregate").json()["rows"]
    assert rows == [{"chain": "rare-earth-magnets", "stage": "oxide", "material": "dy", "members": 2,
                     "quantity_t": pytest.approx(1000 + 4321.5)}]


def test_members_can_be_added_and_given_analysts(world: World):
    assert world.post("admin", "/v1/members", json={"code": "KOR", "name": "Korea"}).status_code == 201
    assert world.post("admin", "/v1/members", json={"code": "KOR"}).status_code == 409
    assert world.post("admin", "/v1/members", json={"code": "XXQ"}).status_code == 422
    assert world.post("eu", "/v1/members", json={"code": "CAN"}).status_code == 403
    r = world.post("admin", "/v1/users", json={"name": "kor", "role": "analyst", "member": "KOR"})
    assert r.status_code == 201
    assert world.post("admin", "/v1/users", json={"name": "x", "role": "analyst"}).status_code == 422
    assert world.post("admin", "/v1/users", json={"name": "y", "role": "analyst",
                                                  "member": "CAN"}).status_code == 422


def test_every_write_is_audited_with_who_what_when_where(world: World):
    world.post("eu", "/v1/scenarios", json={"name": "eu-dy", "toml": TOML})
    world.post("observer", "/v1/scenarios", json={"name": "x", "toml": TOML})  # refused, still audited
    entries = world.get("admin", "/v1/audit").json()
    assert {"POST"} <= {e["method"] for e in entries}
    assert any(e["path"] == "/v1/users" and e["role"] == "admin" and e["client"] for e in entries)
    obs = [e for e in entries if e["role"] == "observer"]
    assert obs and obs[0]["status"] == 403
    mine = [e for e in entries if e["member"] == "EU27"]
    assert mine and mine[0]["action"] == "(member-private)"  # an admin sees that EU27 wrote, not what
    eu = world.get("eu", "/v1/audit").json()
    assert eu[0]["action"] == "create scenario eu-dy" and all(e["member"] == "EU27" for e in eu)
    assert world.get("observer", "/v1/audit").status_code == 403


def test_a_key_is_rate_limited(base_warehouse, tmp_path):
    app, client, s = start(base_warehouse, tmp_path / "state", "sqlite", rate_limit_per_minute=8)
    w = World(client, app, s)
    populate(w)  # the admin's key spends 8 requests here
    r = w.get("admin", "/v1/me")
    assert r.status_code == 429 and "Retry-After" in r.headers
    assert w.get("observer", "/v1/me").status_code == 200  # per key
    client.__exit__(None, None, None)


def test_a_restart_loses_no_finished_run(base_warehouse, tmp_path, request):
    app, client, s = start(base_warehouse, tmp_path / "state", "sqlite")
    w = World(client, app, s)
    populate(w)
    w.put("jpn", "/v1/members/JPN/uploads/member_jpn.csv", content=JPN_CSV)
    done = w.post("jpn", "/v1/runs", json={"scenario": "cn-2025-rare-earths", "runs": 20}).json()["id"]
    assert w.wait("jpn", done)["status"] == "done"
    summary = w.get("jpn", f"/v1/runs/{done}/result").json()["summary"]
    from chokepoints.service.db import Run

    with app.state.service.sessions.begin() as sess:  # a run the stopped process left behind
        sess.add(Run(id="interrupted", kind="simulate", scope="alliance", scenario="cn-2025-rare-earths",
                     params={"runs": 20, "seed": 1}, user_id=w.users["eu"], status="running", done=3, total=20,
                     warehouse="x", confidential_members=[]))
    client.__exit__(None, None, None)
    app2, client2, s2 = start(base_warehouse, tmp_path / "state", "sqlite")
    w2 = World(client2, app2, s2, keys=w.keys, users=w.users)
    assert w2.get("jpn", f"/v1/runs/{done}/result").json()["summary"] == summary
    lost = w2.get("admin", "/v1/runs/interrupted").json()
    assert lost["status"] == "failed" and "stopped" in lost["error"]
    assert w2.get("jpn", "/v1/stocks").json()["rows"][0]["source"] == SECRET_SOURCE  # the copy is rebuilt
    client2.__exit__(None, None, None)


def test_create_admin_prints_a_key_once(base_warehouse, tmp_path):
    from typer.testing import CliRunner

    import chokepoints.cli.serve  # noqa: F401  (registers the command)
    from chokepoints.cli.app import app

    res = CliRunner().invoke(app, ["serve", "--db", str(base_warehouse), "--state-dir", str(tmp_path / "st"),
                                   "--create-admin"])
    assert res.exit_code == 0, res.output
    key = res.stdout.strip().splitlines()[-1]
    assert key.startswith("ck_")
    from fastapi.testclient import TestClient

    from chokepoints.service import Settings, create_app

    with TestClient(create_app(Settings(warehouse=base_warehouse, state_dir=tmp_path / "st"))) as c:
        assert c.get("/v1/me", headers={"Authorization": f"Bearer {key}"}).json()["role"] == "admin"


def test_the_service_keeps_answering_while_a_long_simulation_runs(world: World, monkeypatch):
    """A run that keeps its worker thread busy (pure Python, holding the GIL as much as it can) does not stop the
    service: a cached query, a new query and the run's own progress are answered meanwhile, each within seconds."""
    import threading
    import time

    busy, stop = threading.Event(), threading.Event()

    def long_simulation(self, sc, **kw):
        busy.set()
        t = time.monotonic()
        while not stop.is_set() and time.monotonic() - t < 60:
            sum(i * i for i in range(20_000))  # CPU-bound, like a kernel in pure Python
        raise RuntimeError("stopped by the test")

    params = {"bloc": "EU27+JPN", "chain": "rare-earth-magnets"}
    assert world.get("observer", "/v1/dependency", params=params).status_code == 200  # now cached
    monkeypatch.setattr(ck.Warehouse, "simulate", long_simulation)
    run = world.post("admin", "/v1/runs", json={"scenario": "cn-2025-rare-earths", "runs": 20}).json()
    try:
        assert busy.wait(30)
        slowest = 0.0
        for _ in range(20):
            t = time.perf_counter()
            assert world.get("observer", "/v1/dependency", params=params).status_code == 200
            slowest = max(slowest, time.perf_counter() - t)
        t = time.perf_counter()
        assert world.get("observer", "/v1/criticality", params={"materials": "Cobalt"}).status_code == 200
        uncached = time.perf_counter() - t
        assert world.get("admin", f"/v1/runs/{run['id']}").json()["status"] == "running"
    finally:
        stop.set()
    assert slowest < 2.0, f"a cached query took {slowest:.2f} s while the run computed"
    assert uncached < 20.0, f"a new query took {uncached:.2f} s while the run computed"
    assert world.wait("admin", run["id"])["status"] == "failed"


def test_a_request_over_the_time_limit_is_504_and_the_service_goes_on(base_warehouse, tmp_path, monkeypatch):
    import time

    app, client, s = start(base_warehouse, tmp_path / "state", "sqlite", request_timeout_s=0.2)
    w = World(client, app, s)
    populate(w)
    real = ck.Warehouse.criticality

    def slow(self, *a, **k):
        time.sleep(1.0)
        return real(self, *a, **k)

    monkeypatch.setattr(ck.Warehouse, "criticality", slow)
    r = w.get("observer", "/v1/criticality")
    assert r.status_code == 504 and "longer than 0.2 s" in r.json()["detail"]
    assert w.get("observer", "/v1/status").status_code == 200
    client.__exit__(None, None, None)


def test_a_cached_answer_is_the_models_and_stays_with_its_member(world: World):
    """The rendered bytes of a cached query are a valid Table, the same on a second call, and a member's cached
    answer never reaches another member (each reads its own copy)."""
    from chokepoints.service.models import Table

    first = world.get("observer", "/v1/criticality")
    assert Table.model_validate_json(first.content).rows
    assert world.get("observer", "/v1/criticality").content == first.content
    assert world.put("jpn", "/v1/members/JPN/uploads/member_jpn.csv", content=JPN_CSV).status_code == 201
    for _ in range(2):  # the second answer from memory
        assert SECRET_SOURCE in world.get("jpn", "/v1/stocks").text
        assert SECRET_SOURCE in world.get("jpn", "/v1/stocks", params={"format": "csv"}).text
        for who in ("eu", "observer", "admin"):
            assert SECRET_SOURCE not in world.get(who, "/v1/stocks").text
            assert SECRET_SOURCE not in world.get(who, "/v1/stocks", params={"format": "csv"}).text
