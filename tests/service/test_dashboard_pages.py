"""The dashboard's pages over HTTP (TestClient): every page for every role, sign-in and sessions, CSRF, the offline
guarantee in the HTML, and confidentiality: a member never sees another member's run, scenario or upload on any
page. The same pages in a real browser: test_dashboard_browser.py."""

from __future__ import annotations

import hashlib
import json
import re
import time

import pytest
from dashboard_support import PAGES, csrf, dashboard_warehouse, make_world, sign_in

from conftest import JPN_CSV, SECRET_SOURCE

ROLES = ["admin", "eu", "jpn", "observer"]


@pytest.fixture(scope="module")
def dash(bundled_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("dashboard")
    world = make_world(dashboard_warehouse(bundled_db, folder), folder / "state")
    yield world
    world.client.__exit__(None, None, None)


@pytest.fixture(scope="module")
def browsers(dash):
    return {who: sign_in(dash, who) for who in ROLES}


def wait_details(client, run_id: str, timeout: float = 120) -> dict:
    t = time.monotonic()
    while time.monotonic() - t < timeout:
        s = client.get(f"/dashboard/runs/{run_id}/status").json()
        if s["status"] in ("failed", "cancelled") or (s["status"] == "done" and s["details"]):
            return s
        time.sleep(0.1)
    raise AssertionError(f"run {run_id} not done with its details: {s}")


@pytest.mark.parametrize("who", ROLES)
def test_every_page_answers_each_role(dash, browsers, who):
    c = browsers[who]
    for path in PAGES:
        r = c.get(path)
        assert r.status_code == 200, (path, r.text[:500])
        assert r.headers["content-type"].startswith("text/html")
        assert "default-src 'self'" in r.headers["content-security-policy"]
        role = {"eu": "analyst", "jpn": "analyst"}.get(who, who)
        assert f"role-{role}" in r.text


def test_pages_name_sources_and_years_and_countries_by_name(browsers):
    c = browsers["eu"]
    home = c.get("/dashboard/").text
    assert "CEPII BACI" in home and "(2024)" in home
    assert "China" in home and "Source:" in home
    drill = c.get("/dashboard/products/rare-earth-magnets/magnet").text
    assert "Mirror coverage" in drill and "2022" in drill and "2024" in drill
    chain = c.get("/dashboard/chains/rare-earth-magnets").text
    assert "reconciliation residual" in chain and "Residual" in chain and "missing" in chain
    assert "PROXY" not in chain
    proxied = c.get("/dashboard/chains/rare-earth-magnets?proxy=true").text
    assert "proxy trade" in proxied


def test_every_reference_in_the_html_stays_on_this_host(browsers):
    """No page loads anything from another host: every src and href is a path of this service (or a fragment)."""
    c = browsers["jpn"]
    for path in PAGES:
        html = c.get(path).text
        for ref in re.findall(r'(?:src|href|action)="([^"]*)"', html):
            assert ref.startswith(("/dashboard", "#", "?", "data:image/svg+xml,")), (path, ref)
        assert "cdn." not in html.lower()


def test_plotly_and_the_world_map_are_served_by_the_app(dash):
    js = dash.client.get("/dashboard/static/plotly.min.js")
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    assert b"plotly.js v" in js.content[:200]
    topo = dash.client.get("/dashboard/static/world_110m.json")
    assert topo.status_code == 200
    assert hashlib.sha256(topo.content).hexdigest() == \
        "d75915eaa31c870df6b972c9e5bb86910197825f33dcfef740f3b2f68cffe843"
    assert "countries" in topo.json()["objects"]
    assert dash.client.get("/dashboard/static/../app.py").status_code == 404
    assert dash.client.get("/dashboard/static/nothing.js").status_code == 404


@pytest.mark.parametrize("path", PAGES + ["/dashboard/runs/abc"])
def test_without_a_session_every_page_sends_to_sign_in(dash, path):
    r = dash.client.get(path, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"].startswith("/dashboard/login?next=")


def test_sign_in_with_a_bad_key_is_refused_and_a_revoked_key_ends_the_session(dash):
    from fastapi.testclient import TestClient

    c = TestClient(dash.app)
    r = c.post("/dashboard/login", data={"key": "ck_nope_nope"}, follow_redirects=False)
    assert r.status_code == 401 and "not valid" in r.text
    r = dash.post("admin", "/v1/users", json={"name": "temp", "role": "observer"})
    key = dash.post("admin", f"/v1/users/{r.json()['id']}/keys", json={}).json()
    r = c.post("/dashboard/login", data={"key": key["key"], "next": "/dashboard/runs"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/dashboard/runs"
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and key["key"].lower() not in cookie
    assert c.get("/dashboard/runs").status_code == 200
    assert dash.delete("admin", f"/v1/keys/{key['id']}").status_code == 200
    assert c.get("/dashboard/runs", follow_redirects=False).status_code == 303


def test_sign_out_ends_the_session(dash):
    c = sign_in(dash, "observer")
    page = c.get("/dashboard/runs").text
    assert c.post("/dashboard/logout", data={"csrf": csrf(page)}, follow_redirects=False).status_code == 303
    assert c.get("/dashboard/runs", follow_redirects=False).status_code == 303


def test_forms_need_the_session_csrf_token(browsers):
    c = browsers["jpn"]
    r = c.post("/dashboard/scenarios/build", data={"action": "check", "name": "x", "toml": "title = 'x'"})
    assert r.status_code == 403
    r = c.post("/dashboard/events", data={"text": "China bans exports of gallium.", "csrf": "wrong"})
    assert r.status_code == 403


def test_the_builder_checks_a_scenario_and_names_the_bad_key(browsers):
    c = browsers["jpn"]
    page = c.get("/dashboard/scenarios/build?base=cn-2025-rare-earths").text
    token = csrf(page)
    text = re.search(r'<textarea id="toml"[^>]*>(.*?)</textarea>', page, re.S)[1]
    import html

    text = html.unescape(text)
    ok = c.post("/dashboard/scenarios/build", data={"csrf": token, "action": "check", "name": "x1", "toml": text})
    assert ok.status_code == 200 and 'id="valid"' in ok.text
    zero = text.replace("horizon_months = 24", "horizon_months = 0")
    bad = c.post("/dashboard/scenarios/build", data={"csrf": token, "action": "check", "name": "x1", "toml": zero})
    assert bad.status_code == 422 and "horizon_months" in bad.text
    taken = c.post("/dashboard/scenarios/build", data={"csrf": token, "action": "run", "name": "cn-2025-rare-earths",
                                                        "toml": text})
    assert taken.status_code == 409 and "built-in" in taken.text


def test_an_observer_cannot_run_anything(dash, browsers):
    c = browsers["observer"]
    page = c.get("/dashboard/scenarios/build").text
    assert 'id="run"' not in page
    r = c.post("/dashboard/scenarios/build", data={"csrf": csrf(page), "action": "run", "name": "obs-1",
                                                    "toml": 'title = "t"\nchain = "rare-earth-magnets"\n'
                                                            '[[measures]]\nkind = "export_ban"\nactor = "CHN"\n'
                                                            'stages = ["magnet"]\nintensity = 0.5\n'})
    assert r.status_code == 403
    r = c.post("/dashboard/optimise", data={"csrf": csrf(page), "scenario": "cn-2025-rare-earths", "runs": "5"})
    assert r.status_code == 403
    assert all(x["scope"] != "alliance" or x["scenario"] != "obs-1" for x in dash.get("admin", "/v1/runs").json())


def test_a_members_run_upload_and_scenario_are_its_own_on_every_page(dash, browsers):
    """JPN uploads a confidential declaration and runs an edited scenario from the dashboard: JPN's analysts see
    both; EU's analysts, the observer and the admin see neither, on any page (404 as if it did not exist)."""
    assert dash.put("jpn", "/v1/members/JPN/uploads/member_stock.csv", content=JPN_CSV,
                    headers={"Content-Type": "text/csv"}).status_code == 201
    jpn = browsers["jpn"]
    page = jpn.get("/dashboard/scenarios/build?base=cn-2025-rare-earths").text
    text = __import__("html").unescape(re.search(r'<textarea id="toml"[^>]*>(.*?)</textarea>', page, re.S)[1])
    r = jpn.post("/dashboard/scenarios/build", data={"csrf": csrf(page), "action": "run", "name": "jpn-secret-plan",
                                                      "toml": text, "runs": "20", "seed": "3"},
                 follow_redirects=False)
    assert r.status_code == 303, r.text[:500]
    run_id = r.headers["location"].rsplit("/", 1)[1]
    assert wait_details(jpn, run_id)["status"] == "done"
    mine = jpn.get(f"/dashboard/runs/{run_id}")
    assert mine.status_code == 200 and 'id="tts"' in mine.text and 'id="result"' in mine.text
    assert "jpn-secret-plan" in jpn.get("/dashboard/scenarios").text
    assert run_id in jpn.get("/dashboard/runs").text
    assert run_id in browsers["jpn"].get("/dashboard/runs").text
    assert "JPN's copy" in dash.get("jpn", "/v1/me").json()["reads"]
    for who in ("eu", "observer", "admin"):
        c = browsers[who]
        assert c.get(f"/dashboard/runs/{run_id}").status_code == 404
        assert c.get(f"/dashboard/runs/{run_id}/status").status_code == 404
        assert c.get("/dashboard/scenarios/build?base=jpn-secret-plan").status_code == 404
        page = c.get("/dashboard/runs").text
        token = csrf(page)
        assert c.post(f"/dashboard/runs/{run_id}/cancel", data={"csrf": token}).status_code == 404
        for path in PAGES:
            html = c.get(path).text
            assert run_id not in html and "jpn-secret-plan" not in html, (who, path)
            assert SECRET_SOURCE not in html and "member_stock.csv" not in html, (who, path)


def test_the_optimiser_shows_portfolio_projects_and_the_value_of_the_alliance(dash, browsers):
    admin = browsers["admin"]
    page = admin.get("/dashboard/optimise").text
    r = admin.post("/dashboard/optimise", data={"csrf": csrf(page), "scenario": "cn-2025-rare-earths", "runs": "12",
                                                "seed": "1", "mode": "both"}, follow_redirects=False)
    assert r.status_code == 303, r.text[:500]
    run_id = r.headers["location"].rsplit("/", 1)[1]
    assert wait_details(admin, run_id)["status"] == "done"
    html = browsers["observer"].get(f"/dashboard/runs/{run_id}").text  # an alliance run: everyone reads it
    for part in ('id="voa"', 'id="modes"', 'id="portfolio-joint"', 'id="portfolio-solo"', 'id="projects"',
                 "Value of the alliance", "alliance total"):
        assert part in html, part
    assert run_id in browsers["eu"].get("/dashboard/optimise").text
    # the details were kept from the live result when the run ended, not computed a second time
    details = dash.client.app.state.dashboard_details
    doc = json.loads(details.path(run_id).read_text(encoding="utf-8"))
    assert doc["consistent"] and doc["warehouse"] is None and run_id not in details._busy


def test_the_events_feed_links_drafted_scenarios(browsers):
    c = browsers["eu"]
    page = c.get("/dashboard/events").text
    drafts = re.findall(r'href="(/dashboard/events/[^"]+/draft)"', page)
    assert drafts, "no event in the feed"
    assert "China" in page
    for d in drafts:
        r = c.get(d)
        assert r.status_code == 200 and "# DRAFT" in r.text and 'id="toml"' in r.text
    assert any("gallium" in c.get(d).text for d in drafts)
    checked = c.post("/dashboard/events", data={
        "csrf": csrf(page), "date": "2025-04-04",
        "text": "China's Ministry of Commerce announced export licences for dysprosium and terbium, effective "
                "4 April 2025, for all destinations."})
    assert checked.status_code == 200 and "Events in the text" in checked.text


def test_an_unknown_product_chain_or_scenario_is_404(browsers):
    c = browsers["eu"]
    assert c.get("/dashboard/products/rare-earth-magnets/nothing").status_code == 404
    assert c.get("/dashboard/chains/nothing").status_code == 404
    assert c.get("/dashboard/scenarios/build?base=nothing").status_code == 404
    assert c.get("/dashboard/events/nothing-1/draft").status_code == 404
