"""The dashboard in a real browser: Playwright for Python driving Debian's Chromium (/usr/bin/chromium, installed by
the project's set-up and by .ci/run). Every page loads with no console error and no request to a host other than
127.0.0.1; every plot is drawn (SVG paths, a screenshot that is not blank); a scenario is built, run and read end to
end. Screenshots are kept in out/test-artifacts/dashboard/ (git-ignored) for a person to look at.

Without Chromium or Playwright these tests skip, saying why; with CHOKEPOINTS_REQUIRE_BROWSER=1 (CI) they fail.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from dashboard_support import PAGES, dashboard_warehouse, make_world

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "out" / "test-artifacts" / "dashboard"
CHROMIUM = os.environ.get("CHOKEPOINTS_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
REQUIRED = os.environ.get("CHOKEPOINTS_REQUIRE_BROWSER") == "1"


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[dev]')"
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium, or make setup as root)"
    return None


@pytest.fixture(scope="module")
def browser():
    why = _missing()
    if why:
        if REQUIRED:
            pytest.fail(f"CHOKEPOINTS_REQUIRE_BROWSER=1 but {why}")
        pytest.skip(why)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def live(bundled_db, tmp_path_factory):
    """The service (with the dashboard) served by uvicorn on 127.0.0.1:<free port> in a thread."""
    import uvicorn

    folder = tmp_path_factory.mktemp("dashboard-live")
    world = make_world(dashboard_warehouse(bundled_db, folder), folder / "state", workers=2)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(world.app, host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="off", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    world.base = f"http://127.0.0.1:{port}"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    yield world
    server.should_exit = True
    thread.join(timeout=10)
    world.client.__exit__(None, None, None)


class Watch:
    """What a page did: console errors, uncaught exceptions, requests to other hosts, failed requests."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.failed: list[str] = []
        self.requested: list[str] = []
        page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        page.on("request", self._request)
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url}: {r.failure}"))

    def _request(self, r) -> None:
        self.requested.append(r.url)
        u = urlparse(r.url)
        if u.scheme not in ("data", "blob", "about") and u.hostname != "127.0.0.1":
            self.foreign.append(r.url)

    def check(self) -> None:
        assert not self.foreign, f"requests to other hosts: {self.foreign}"
        assert not self.errors, f"console errors: {self.errors}"
        assert not self.failed, f"failed requests: {self.failed}"


def signed_in(browser, live, who: str):
    """A browser context and page signed in through the login form as WHO."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    ctx.set_default_timeout(60_000)
    page = ctx.new_page()
    watch = Watch(page)
    page.goto(f"{live.base}/dashboard/login")
    page.fill("#key", live.keys[who])
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/dashboard/(\?.*)?$"))
    return ctx, page, watch


def wait_for_plots(page) -> int:
    """Wait until every figure on the page is drawn; the number of figures."""
    n = page.locator("div.plot[data-figure]").count()
    if n:
        page.wait_for_function("() => [...document.querySelectorAll('div.plot[data-figure]')]"
                               ".every(el => el.getAttribute('data-drawn') === '1')")
    return n


def check_plots(page, name: str) -> None:
    """Each figure has drawn marks (SVG paths) and its screenshot is not blank; the page is kept as a PNG."""
    from PIL import Image, ImageStat

    plots = page.locator("div.plot[data-figure]")
    for i in range(plots.count()):
        el = plots.nth(i)
        marks = el.locator("svg path, svg rect.nsewdrag, svg g.trace").count()
        assert marks > 0, f"{name}: figure {i} has no drawn marks"
        shot = ARTIFACTS / f"{name}-plot{i}.png"
        el.screenshot(path=str(shot))
        img = Image.open(shot).convert("RGB")
        colours = len(img.getcolors(maxcolors=1_000_000) or [])
        spread = max(ImageStat.Stat(img).stddev)
        assert colours > 20 and spread > 5, f"{name}: figure {i} looks blank ({colours} colours, sd {spread:.1f})"
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.removeprefix("/dashboard").lower()).strip("-") or "overview"


@pytest.mark.parametrize("who", ["jpn", "observer"])
def test_every_page_loads_offline_without_console_errors(browser, live, who):
    ctx, page, watch = signed_in(browser, live, who)
    try:
        for i, path in enumerate(PAGES):
            page.goto(f"{live.base}{path}")
            wait_for_plots(page)
            check_plots(page, f"{who}-{i:02d}-{_slug(path)}")
        watch.check()
    finally:
        ctx.close()
    local = [u for u in watch.requested if "/dashboard/static/" in u]
    assert any(u.endswith("/plotly.min.js") for u in local)
    assert any(u.endswith("/world_110m.json") for u in local), "the world map's geometry came from elsewhere"


def test_the_world_map_draws_countries_from_the_bundled_geometry(browser, live):
    ctx, page, watch = signed_in(browser, live, "eu")
    try:
        page.goto(f"{live.base}/dashboard/?product=rare-earth-magnets/magnet")
        wait_for_plots(page)
        countries = page.locator("#worldmap path.choroplethlocation").count()
        assert countries > 50, f"only {countries} countries drawn"
        watch.check()
    finally:
        ctx.close()


def test_a_scenario_is_built_run_and_read_end_to_end(browser, live):
    """An analyst of JPN opens a built-in scenario, edits it, saves and runs it, follows the progress, and reads
    the fan chart and the time-to-survive table; the run is JPN's only."""
    ctx, page, watch = signed_in(browser, live, "jpn")
    try:
        page.click("nav >> text=Scenarios")
        page.click("tr:has-text('cn-2025-rare-earths') >> text=Open in builder")
        page.wait_for_selector("#toml")
        text = page.input_value("#toml")
        assert 'name = "cn-2025-rare-earths"' in text
        edited = text.replace("horizon_months = 24", "horizon_months = 18", 1)
        assert edited != text
        page.fill("#toml", edited)
        page.fill("#name", "jpn-magnets-18m")
        page.fill("#runs", "40")
        page.click("button[value=check]")
        page.wait_for_selector("#valid")
        page.click("#run")
        page.wait_for_url(re.compile(r".*/dashboard/runs/[0-9a-f]+$"))
        run_id = page.url.rsplit("/", 1)[1]
        page.wait_for_selector("#tts", timeout=120_000)  # the page reloads itself when the run and its fan are done
        wait_for_plots(page)
        assert page.locator("#run-status").inner_text().strip() == "done"
        rows = page.locator("#tts tbody tr")
        assert rows.count() >= 2
        table = page.locator("#tts").inner_text()
        assert "Japan" in table and "magnet" in table
        assert page.locator("#result .js-plotly-plot, #result svg").count() > 0
        check_plots(page, "run-end-to-end")
        watch.check()
    finally:
        ctx.close()
    assert live.get("jpn", f"/v1/runs/{run_id}").json()["status"] == "done"
    assert live.get("eu", f"/v1/runs/{run_id}").status_code == 404
    assert live.get("jpn", "/v1/scenarios/jpn-magnets-18m").json()["definition"]["horizon_months"] == 18

