"""The auth matrix (issue 15): every endpoint x every role. JPN has uploaded confidential stocks, stored a scenario of
its own and run a simulation on its data; no other principal (EU27's analyst, the admin, an observer, a caller
without a key) may see any of it: not directly, not through a run, an error message, a list or an export.

Each case states the status each role gets; every answer of a role other than JPN's analysts is searched for JPN's
markers (the secret source text and quantity, the run id, the scenario name, the upload's name and data set), in
JSON, CSV and decoded Parquet. A positive control shows the markers are there for JPN's analysts.
"""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from conftest import BACKENDS, JPN_CSV, PG, SECRET_QTY, SECRET_SOURCE, World, populate, reset_pg, start

ROLES = ["admin", "eu", "jpn", "jpn2", "observer", "anonymous"]
OUTSIDERS = ["admin", "eu", "observer", "anonymous"]
JPN_SCENARIO = "jpn-secret-plan"
TOML = """
title = "JPN's own plan"
chain = "rare-earth-magnets"
horizon_months = 12
start = "2025-04"

[[measures]]
kind = "export_licence"
actor = "CHN"
stages = ["magnet"]
targets = ["JPN"]
intensity = 0.4
start_month = 0
duration_months = 3
"""


@pytest.fixture(scope="module", params=BACKENDS)
def w(request, base_warehouse, tmp_path_factory):
    if request.param == "postgresql":
        reset_pg(PG)
    app, client, s = start(base_warehouse, tmp_path_factory.mktemp("matrix") / "state", request.param)
    world = World(client, app, s)
    populate(world)
    assert world.put("jpn", "/v1/members/JPN/uploads/member_jpn.csv", content=JPN_CSV).status_code == 201
    assert world.post("jpn", "/v1/scenarios", json={"name": JPN_SCENARIO, "toml": TOML}).status_code == 201
    ids = {}
    for who, scenario in [("jpn", JPN_SCENARIO), ("jpn", "cn-2025-rare-earths"), ("eu", "cn-2025-rare-earths"),
                          ("admin", "cn-2025-rare-earths")]:
        r = world.post(who, "/v1/runs", json={"scenario": scenario, "runs": 20, "seed": 5})
        assert r.status_code == 202, r.text
        assert world.wait(who, r.json()["id"])["status"] == "done"
        ids.setdefault(who, r.json()["id"])
    world.ids = ids
    world.jpn_key_id = world.keys["jpn"].split("_")[1]
    yield world
    client.__exit__(None, None, None)


def markers(w: World) -> list[str]:
    return [SECRET_SOURCE, "JPN-SECRET", str(SECRET_QTY), w.ids["jpn"], JPN_SCENARIO, "member_jpn"]


def text_of(r) -> str:
    """Everything a response says, Parquet decoded."""
    if r.headers.get("content-type", "").startswith("application/vnd.apache.parquet"):
        return pd.read_parquet(io.BytesIO(r.content)).to_csv(index=False) + r.content.decode("latin-1")
    return r.text


# (method, path, body or None, {role: status}); "*" is every role not named. {jpn_run} etc. are filled in.
OK_ALL = {"anonymous": 401, "*": 200}
CASES = [
    ("GET", "/v1/health", None, {"*": 200}),
    ("GET", "/openapi.json", None, {"*": 200}),
    ("GET", "/v1/me", None, OK_ALL),
    ("GET", "/v1/status", None, OK_ALL),
    ("GET", "/v1/status?format=csv", None, OK_ALL),
    ("GET", "/v1/provenance", None, OK_ALL),
    ("GET", "/v1/provenance?format=parquet", None, OK_ALL),
    ("GET", "/v1/dependency?chain=rare-earth-magnets", None, OK_ALL),
    ("GET", "/v1/dependency?bloc=JPN&members=true", None, OK_ALL),
    ("GET", "/v1/criticality?materials=Dysprosium", None, OK_ALL),
    ("GET", "/v1/networks/rare-earth-magnets", None, OK_ALL),
    ("GET", "/v1/networks/rare-earth-magnets?format=csv", None, OK_ALL),
    ("GET", "/v1/chains", None, OK_ALL),
    ("GET", "/v1/stocks", None, OK_ALL),
    ("GET", "/v1/stocks?format=csv", None, OK_ALL),
    ("GET", "/v1/stocks?format=parquet", None, OK_ALL),
    ("GET", "/v1/stocks/aggregate", None, OK_ALL),
    ("GET", "/v1/members", None, OK_ALL),
    ("GET", "/v1/members/JPN/uploads", None, {"anonymous": 401, "jpn": 200, "jpn2": 200, "*": 403}),
    ("PUT", "/v1/members/JPN/uploads/member_jpn.csv", JPN_CSV,
     {"anonymous": 401, "jpn": 201, "jpn2": 201, "*": 403}),
    ("DELETE", "/v1/members/JPN/uploads/member_none.csv", None,
     {"anonymous": 401, "jpn": 404, "jpn2": 404, "*": 403}),
    ("GET", "/v1/scenarios", None, OK_ALL),
    ("GET", f"/v1/scenarios/{JPN_SCENARIO}", None, {"anonymous": 401, "jpn": 200, "jpn2": 200, "*": 404}),
    ("GET", "/v1/scenarios/cn-2025-rare-earths", None, OK_ALL),
    ("POST", "/v1/scenarios/validate", {"name": JPN_SCENARIO, "toml": TOML}, OK_ALL),
    ("POST", "/v1/scenarios", {"name": "matrix-plan", "toml": TOML},
     {"anonymous": 401, "observer": 403, "*": None}),  # 201, or 409 for the second analyst of a member
    ("POST", "/v1/runs", {"scenario": JPN_SCENARIO, "runs": 5},
     {"anonymous": 401, "observer": 403, "jpn": 202, "jpn2": 202, "*": 404}),
    ("GET", "/v1/runs", None, OK_ALL),
    ("GET", "/v1/runs?status=done", None, OK_ALL),
    ("GET", "/v1/runs/{jpn_run}", None, {"anonymous": 401, "jpn": 200, "jpn2": 200, "*": 404}),
    ("GET", "/v1/runs/{jpn_run}/result", None, {"anonymous": 401, "jpn": 200, "jpn2": 200, "*": 404}),
    ("GET", "/v1/runs/{jpn_run}/result?format=csv", None, {"anonymous": 401, "jpn": 200, "jpn2": 200, "*": 404}),
    ("GET", "/v1/runs/{jpn_run}/result?format=parquet", None,
     {"anonymous": 401, "jpn": 200, "jpn2": 200, "*": 404}),
    ("POST", "/v1/runs/{jpn_run}/cancel", None,
     {"anonymous": 401, "observer": 403, "jpn": 409, "jpn2": 409, "*": 404}),
    ("GET", "/v1/runs/{admin_run}", None, OK_ALL),
    ("GET", "/v1/runs/{admin_run}/result?format=parquet", None, OK_ALL),
    ("POST", "/v1/events/extract", {"text": "China restricts exports of dysprosium to Japan."}, OK_ALL),
    ("GET", "/v1/events", None, OK_ALL),
    ("POST", "/v1/members", {"code": "CAN"}, {"anonymous": 401, "admin": None, "*": 403}),
    ("GET", "/v1/users", None, {"anonymous": 401, "admin": 200, "*": 403}),
    ("POST", "/v1/users", {"name": "someone", "role": "observer"}, {"anonymous": 401, "admin": None, "*": 403}),
    ("POST", "/v1/users/{jpn_user}/keys", {}, {"anonymous": 401, "admin": 201, "jpn": 201, "*": 403}),
    ("GET", "/v1/keys", None, OK_ALL),
    ("DELETE", "/v1/keys/{victim_key}", None, {"anonymous": 401, "admin": 200, "jpn2": 200, "*": 404}),  # jpn2 owns it
    ("GET", "/v1/audit", None, {"anonymous": 401, "observer": 403, "*": 200}),
    ("GET", "/v1/audit?limit=10000", None, {"anonymous": 401, "observer": 403, "*": 200}),
]


def test_the_matrix_covers_every_endpoint(w: World):
    covered = {(m, p.split("?")[0]) for m, p, _b, _e in CASES}
    for route in w.app.routes:
        for method in getattr(route, "methods", None) or ():
            if method in ("HEAD", "OPTIONS") or route.path in ("/docs", "/redoc", "/docs/oauth2-redirect"):
                continue
            if route.path == "/dashboard" or route.path.startswith("/dashboard/"):
                continue  # signed-in pages, not API keys: their role matrix is test_dashboard_pages.py
            path = (route.path.replace("{run_id}", "{jpn_run}").replace("{user_id}", "{jpn_user}")
                    .replace("{key_id}", "{victim_key}"))
            ok = any(m == method and _matches(path, p) for m, p in covered)
            assert ok, f"{method} {route.path} is not in the auth matrix"


def _matches(template: str, concrete: str) -> bool:
    a, b = template.strip("/").split("/"), concrete.strip("/").split("/")
    return len(a) == len(b) and all(x == y or (x.startswith("{") and x != "{jpn_run}" and x != "{jpn_user}"
                                               and x != "{victim_key}") or x == y for x, y in zip(a, b, strict=True))


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize(("method", "path", "body", "expect"), CASES,
                         ids=[f"{m} {p}" for m, p, _b, _e in CASES])
def test_no_member_reads_another_members_data(w: World, who, method, path, body, expect):
    if "{victim_key}" in path:  # a fresh key of JPN's second analyst for each caller to try to revoke
        k = w.post("admin", f"/v1/users/{w.users['jpn2']}/keys", json={"label": "victim"}).json()
        path = path.replace("{victim_key}", k["id"])
    url = (path.replace("{jpn_run}", w.ids["jpn"]).replace("{admin_run}", w.ids["admin"])
           .replace("{jpn_user}", str(w.users["jpn"])))
    kw = {}
    if isinstance(body, bytes):
        kw["content"] = body
    elif body is not None:
        kw["json"] = body
    r = w.client.request(method, url, headers=w.h(who), **kw)
    want = expect.get(who, expect.get("*"))
    assert r.status_code < 500, r.text
    if want is not None:
        assert r.status_code == want, f"{who} {method} {url}: {r.status_code} {r.text[:300]}"
    if who not in ("jpn", "jpn2"):
        said = text_of(r)
        sent = url + (body.decode() if isinstance(body, bytes) else json.dumps(body or {}))
        leaked = [m for m in markers(w) if m in said and m not in sent]  # an echo of what the caller sent is none
        assert not leaked, f"{who} {method} {url} shows {leaked}: {said[:500]}"


def test_positive_control_jpn_sees_its_own_data(w: World):
    """The markers the matrix looks for are really in what JPN's analysts read (the matrix could fail)."""
    assert SECRET_SOURCE in w.get("jpn2", "/v1/stocks").text
    assert w.ids["jpn"] in w.get("jpn2", "/v1/runs").text
    assert JPN_SCENARIO in w.get("jpn2", "/v1/scenarios").text
    assert "member_jpn" in w.get("jpn2", f"/v1/runs/{w.ids['jpn']}/result").text
    assert "member_jpn.csv" in w.get("jpn2", "/v1/members/JPN/uploads").text


def test_errors_do_not_tell_whether_another_members_thing_exists(w: World):
    for who in OUTSIDERS[:-1]:
        real = w.get(who, f"/v1/runs/{w.ids['jpn']}")
        fake = w.get(who, "/v1/runs/ffffffffffffffff")
        assert real.status_code == fake.status_code == 404
        assert real.json()["detail"].replace(w.ids["jpn"], "X") == fake.json()["detail"].replace("ffffffffffffffff",
                                                                                                   "X")
        a = w.post(who, "/v1/runs", json={"scenario": JPN_SCENARIO, "runs": 5})
        b = w.post(who, "/v1/runs", json={"scenario": "no-such-plan-x", "runs": 5})
        assert a.status_code == b.status_code
        assert a.json()["detail"].replace(JPN_SCENARIO, "X") == b.json()["detail"].replace("no-such-plan-x", "X")


def test_an_outsiders_run_never_uses_jpn_data(w: World):
    for who in ("eu", "admin"):
        meta = w.get(who, f"/v1/runs/{w.ids[who]}/result").json()["meta"]
        assert meta["confidential_members"] == [] and "member_jpn" not in meta["datasets"]
    jmeta = w.get("jpn", f"/v1/runs/{w.ids['jpn']}/result").json()["meta"]
    assert jmeta["confidential_members"] == ["JPN"]


def test_a_name_another_member_uses_is_free(w: World):
    """Last in this module (it gives EU27 a scenario of JPN's name): creating it tells EU27 nothing."""
    r = w.post("eu", "/v1/scenarios", json={"name": JPN_SCENARIO, "toml": TOML})
    assert r.status_code == 201 and r.json()["scope"] == "EU27"
    assert w.get("eu", f"/v1/scenarios/{JPN_SCENARIO}").json()["definition"]["title"] == "JPN's own plan"
    assert w.get("jpn", f"/v1/scenarios/{JPN_SCENARIO}").json()["scope"] == "JPN"
