"""The dashboard's pages (server-rendered Jinja2, plain forms, a few lines of JavaScript for plots and progress).

Every page needs a signed-in person (session.py) and shows only what the REST service would show them: analyses on
their view of the warehouse (an analyst's member copy, else the shared snapshot), built-in, alliance and own
member's scenarios, the alliance's and own member's runs. Anything else answers 404 as if it did not exist.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Annotated
from urllib.parse import parse_qs, quote

import pandas as pd
from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

import chokepoints as ck
from chokepoints.errors import ChokepointsError
from chokepoints.report import dashboard_figures as figs
from chokepoints.service.app import compute, view_of
from chokepoints.service.auth import authenticate
from chokepoints.service.dashboard import data, runs
from chokepoints.service.dashboard.session import COOKIE, IDLE_S, Viewer, check_csrf, sessions_of, viewer

HERE = Path(__file__).parent
STATIC = HERE / "static"
PREFIX = "/dashboard"
BLOCS = ["EU27+JPN", "EU27", "JPN"]
MAX_FORM = 256_000
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")

router = APIRouter(prefix=PREFIX, include_in_schema=False)
Who = Annotated[Viewer, Depends(viewer)]


# ---------------------------------------------------------------------- rendering

def _pct(v, digits: int = 0) -> str:
    return "" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{float(v) * 100:.{digits}f} %"


def _num(v, digits: int = 0) -> str:
    if v is None or (isinstance(v, float) and (math.isnan(v))):
        return ""
    if isinstance(v, float) and math.isinf(v):
        return "∞"
    return f"{float(v):,.{digits}f}"


def _usd(v) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    v = float(v)
    return f"{v / 1e9:,.2f} bn" if abs(v) >= 1e9 else f"{v / 1e6:,.1f} M" if abs(v) >= 1e6 else f"{v:,.0f}"


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(pct=_pct, num=_num, usd=_usd, country=figs.country_name, urlq=lambda s: quote(str(s), safe=""))
    return env


ENV = _env()


def page(request: Request, template: str, v: Viewer | None, status: int = 200, **ctx) -> HTMLResponse:
    p = v.principal if v else None
    html = ENV.get_template(template).render(request=request, prefix=PREFIX, who=p, csrf=v.csrf if v else "",
                                             version=ck.__version__, **ctx)
    return HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": CSP, "Cache-Control": "no-store",
                                                           "X-Content-Type-Options": "nosniff"})


def not_found(request: Request, v: Viewer, what: str) -> HTMLResponse:
    return page(request, "error.html", v, status=404, title="Not found", message=what)


def figure(fig_id: str, fig) -> dict:
    """A figure for the template: its div id and its JSON (safe inside a <script> element)."""
    doc = fig if isinstance(fig, dict) else json.loads(fig.to_json())
    return {"id": fig_id, "json": json.dumps(figs.wrap_sources(doc)).replace("</", "<\\/")}


def figure_or_note(fig_id: str, make) -> dict:
    try:
        return figure(fig_id, make())
    except ChokepointsError as e:
        return {"id": fig_id, "note": str(e)}


async def form(request: Request) -> dict[str, str]:
    """A urlencoded form body (the dashboard's forms), first value of each field."""
    body = await request.body()
    if len(body) > MAX_FORM:
        return {}
    return {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items()}


def _int(value: str | None, default: int, lo: int, hi: int) -> int:
    try:
        return max(lo, min(hi, int(str(value).strip())))
    except (TypeError, ValueError):
        return default


# ---------------------------------------------------------------------- sign in and out

@router.get("/login")
def login_form(request: Request, next: str = PREFIX + "/"):
    return page(request, "login.html", None, next=next if next.startswith(PREFIX) else PREFIX + "/", error=None)


@router.post("/login")
async def login(request: Request):
    f = await form(request)
    service = request.app.state.service
    key = f.get("key", "").strip()
    nxt = f.get("next", "")
    nxt = nxt if nxt.startswith(PREFIX + "/") and "//" not in nxt[1:] else PREFIX + "/"

    def check():
        with service.sessions() as s:
            return authenticate(s, key, service.keys) if key else None

    p = await run_in_threadpool(check)
    request.state.action = "dashboard sign-in" + ("" if p else " refused")
    if p is None:
        return page(request, "login.html", None, status=401, next=nxt,
                    error="That key is not valid (unknown, revoked or expired).")
    request.state.principal = p
    token = sessions_of(request).open(key)
    r = RedirectResponse(nxt, status_code=303)
    r.set_cookie(COOKIE, token, httponly=True, samesite="strict", max_age=int(IDLE_S), path=PREFIX,
                 secure=request.url.scheme == "https")
    return r


@router.post("/logout")
async def logout(request: Request, v: Who):
    check_csrf(v, (await form(request)).get("csrf"))
    request.state.action = "dashboard sign-out"
    sessions_of(request).close(request.cookies.get(COOKIE))
    r = RedirectResponse(PREFIX + "/login", status_code=303)
    r.delete_cookie(COOKIE, path=PREFIX)
    return r


# ---------------------------------------------------------------------- overview

@router.get("/")
async def overview(request: Request, v: Who, bloc: str = "EU27+JPN", product: str | None = None):
    service = request.app.state.service
    bloc = bloc if bloc in BLOCS else "EU27+JPN"
    view = view_of(service, v.principal)

    def build():
        o = service.store.cached(view, ("dashboard-overview", bloc), lambda wh: data.overview(wh, bloc))
        heat, screen = o["heat"], o["screen"]
        options = list(dict.fromkeys(f"{c}/{s}" for c, s in zip(heat.get("chain", []), heat.get("stage", []),
                                                                 strict=True)))
        default = "rare-earth-magnets/magnet" if "rare-earth-magnets/magnet" in options else None
        chosen = product if product in options else (default or (options[0] if options else None))
        out = {"heat": figure_or_note("heatmap", lambda: figs.dependency_heatmap(heat, bloc=bloc)),
               "options": options, "chosen": chosen, "screen": screen, "missing": o["missing"]}
        if chosen:
            sub = heat[(heat["chain"] + "/" + heat["stage"]) == chosen]
            s = pd.DataFrame({"supplier": sub["supplier"], "share": sub["share"], "year": sub["year"],
                              "basis": "value"})
            out["map"] = figure_or_note("worldmap", lambda: figs.supplier_map(
                s, product=chosen, bloc=bloc, source=f"{sub['source'].iloc[0]}, {int(sub['year'].iloc[0])}"))
        return out

    try:
        ctx = await compute(service, build)
    except ChokepointsError as e:
        return page(request, "error.html", v, status=422, title="Overview", message=str(e))
    return page(request, "overview.html", v, title="Overview", nav="overview", bloc=bloc, blocs=BLOCS,
                reads=view.version, **ctx)


# ---------------------------------------------------------------------- product drill-down

@router.get("/products/{chain}/{stage}")
async def product(request: Request, v: Who, chain: str, stage: str, bloc: str = "EU27+JPN"):
    service = request.app.state.service
    bloc = bloc if bloc in BLOCS else "EU27+JPN"
    name = f"{chain}/{stage}"
    if name not in data.stage_products():
        return not_found(request, v, f"No product '{name}'.")
    view = view_of(service, v.principal)

    def build():
        d = service.store.cached(view, ("dashboard-drill", bloc, name), lambda wh: data.drill(wh, bloc, name))
        out = {"d": d}
        out["years_fig"] = figure_or_note("years", lambda: figs.suppliers_over_years(
            d.years, product=name, bloc=bloc, source=d.source))
        out["mirror_fig"] = figure_or_note("mirror", lambda: figs.mirror_coverage(
            d.coverage, product=name, bloc=bloc, source=d.source + " (reporters' and partners' declarations)"))
        if not d.latest.empty:
            last = d.coverage.iloc[-1]
            out["bars_fig"] = figure_or_note("bars", lambda: _bars(d.latest, f"{last['source']}, {last['year']}"))
        return out

    try:
        ctx = await compute(service, build)
    except ChokepointsError as e:
        return page(request, "error.html", v, status=422, title=name, message=str(e))
    return page(request, "product.html", v, title=name, nav="overview", bloc=bloc, blocs=BLOCS, name=name,
                chain=chain, stage=stage, **ctx)


def _bars(latest: pd.DataFrame, source: str):
    from chokepoints.report.figures import supplier_bars

    fig = supplier_bars(latest, source=source)
    names = [figs.country_name(c.split(" (")[-1].rstrip(")")) if c.endswith(")") else c
             for c in fig.data[0].y]
    fig.data[0].y = names
    fig.data[0].marker.color = "#1f4e79"
    fig.update_layout(font={"family": figs.FONT})
    return fig


# ---------------------------------------------------------------------- chain Sankey

@router.get("/chains")
def chains(request: Request, v: Who):
    return RedirectResponse(f"{PREFIX}/chains/rare-earth-magnets", status_code=303)


@router.get("/chains/{chain}")
async def chain_page(request: Request, v: Who, chain: str, proxy: bool = False):
    from chokepoints.reference.chains import chain_names

    service = request.app.state.service
    if chain not in chain_names():
        return not_found(request, v, f"No chain '{chain}'.")
    view = view_of(service, v.principal)

    def build():
        n = service.store.cached(view, ("dashboard-network", chain, proxy),
                                 lambda wh: data.network(wh, chain, allow_proxy=proxy))
        return {"n": n, "sankey": figure_or_note("sankey", lambda: figs.chain_sankey(
            n["provenance"], n["inputs"], chain=chain, year=n["year"], source=n["source"]))}

    try:
        ctx = await compute(service, build)
    except ChokepointsError as e:
        return page(request, "error.html", v, status=422, title=chain, message=str(e))
    return page(request, "chain.html", v, title=chain, nav="chains", chain=chain, chains=chain_names(),
                titles=data.chain_titles(), proxy=proxy, **ctx)


# ---------------------------------------------------------------------- scenarios: list, builder, run

@router.get("/scenarios")
async def scenarios(request: Request, v: Who):
    service = request.app.state.service
    rows = await run_in_threadpool(runs.scenarios, service, v.principal)
    return page(request, "scenarios.html", v, title="Scenarios", nav="scenarios", rows=rows)


@router.get("/scenarios/build")
async def build_form(request: Request, v: Who, base: str = "cn-2025-rare-earths"):
    service = request.app.state.service
    text = await run_in_threadpool(runs.toml_text, service, v.principal, base)
    if text is None:
        return not_found(request, v, f"No scenario '{base}'.")
    name = await run_in_threadpool(runs.free_name, service, v.principal, base)
    return _builder(request, v, base=base, name=name, text=text)


def _builder(request, v: Viewer, *, base: str, name: str, text: str, status: int = 200, error: str | None = None,
             ok: str | None = None, runs_n: int = 200, seed: int = 1):
    from chokepoints.reference.chains import chain_names
    from chokepoints.scenarios import builtin_names

    return page(request, "builder.html", v, status=status, title="Scenario builder", nav="scenarios", base=base,
                name=name, text=text, error=error, ok=ok, runs_n=runs_n, seed=seed, builtins=builtin_names(),
                chains=chain_names(), can_write=v.principal.role in ("admin", "analyst"))


@router.post("/scenarios/build")
async def build_submit(request: Request, v: Who):
    service = request.app.state.service
    f = await form(request)
    check_csrf(v, f.get("csrf"))
    p = v.principal
    name = f.get("name", "").strip()[:120]
    text = f.get("toml", "")
    base = f.get("base", "")
    n_runs, seed = _int(f.get("runs"), 200, 1, 100_000), _int(f.get("seed"), 1, 0, 2**31 - 1)
    action = f.get("action", "check")
    again = {"base": base, "name": name, "text": text, "runs_n": n_runs, "seed": seed}
    if action == "open":  # a draft from the events page: show it in the builder
        name = name or "draft"
        return _builder(request, v, **{**again, "name": await run_in_threadpool(runs.free_name, service, p, name)})
    import re

    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,119}", name):
        return _builder(request, v, status=422, error="Name: letters, digits, '-', '_' and '.', up to 120.", **again)
    try:
        raw, sc = runs.parse(name, text)
    except ChokepointsError as e:
        return _builder(request, v, status=422, error=str(e), **again)
    if action == "check":
        what = f"{len(sc.measures)} measure(s), {len(sc.outages)} outage(s), {len(sc.tariffs)} tariff(s)"
        return _builder(request, v, ok=f"Valid: {sc.title or name} — {what} on {sc.chain or 'tariffs'}.", **again)
    if p.role not in ("admin", "analyst"):
        return _builder(request, v, status=403, error="Observers read scenarios and runs; they do not run them.",
                        **again)
    request.state.action, request.state.scope = f"dashboard: create scenario {name} and run it", p.scope
    problem = await run_in_threadpool(runs.store, service, p, name, raw)
    if problem:
        return _builder(request, v, status=409, error=problem, **again)
    try:
        run = await run_in_threadpool(lambda: runs.submit(service, p, kind="simulate", name=name, sc=sc,
                                                          runs=n_runs, seed=seed))
    except ChokepointsError as e:
        return _builder(request, v, status=422, error=str(e), **again)
    return RedirectResponse(f"{PREFIX}/runs/{run.id}", status_code=303)


# ---------------------------------------------------------------------- runs

@router.get("/runs")
async def run_list(request: Request, v: Who):
    service = request.app.state.service
    rows = await run_in_threadpool(runs.visible_runs, service, v.principal, 100)
    return page(request, "runs.html", v, title="Runs", nav="runs", rows=rows)


@router.get("/runs/{run_id}")
async def run_page(request: Request, v: Who, run_id: str):
    service = request.app.state.service
    run = await run_in_threadpool(runs.visible_run, service, v.principal, run_id)
    if run is None:
        return not_found(request, v, f"No run '{run_id}'.")
    ctx: dict = {"run": run, "detail": None}
    if run.status == "done":
        res = await run_in_threadpool(runs.result, run)
        ctx["meta"] = res.meta
        ctx["summary"] = res.summary
        ctx["kind"] = res.kind
        ctx["detail"] = await run_in_threadpool(_details(request).get, run)
        if ctx["detail"] and ctx["detail"].get("figure"):
            ctx["fan"] = figure("result", ctx["detail"]["figure"])
        if res.kind == "simulation":
            horizon = int(res.meta.get("parameters", {}).get("horizon_months", 24))
            ctx["tts"] = runs.survive_table(res.summary, horizon)
            ctx["horizon"] = horizon
        elif res.kind == "optimisation":
            s = res.summary
            ctx["modes"] = s
            if {"joint", "solo"} <= set(s["mode"]):
                idx = s.set_index(["mode", "member"])
                voa = (idx.loc["solo"][["cost"]] - idx.loc["joint"][["cost"]]).reset_index()
                ctx["voa"] = voa
                ctx["voa_fig"] = figure_or_note("voa", lambda: figs.value_of_alliance(
                    voa, title=f"Value of the alliance under {run.scenario}: what acting together saves",
                    source=f"chokepoints optimiser on {run.warehouse}; scenario {run.scenario}, "
                           f"{run.params.get('runs')} runs, seed {run.params.get('seed')}"))
    return page(request, "run.html", v, title=f"Run {run.id}", nav="runs", **ctx)


def _details(request: Request) -> runs.Details:
    app = request.app
    if not hasattr(app.state, "dashboard_details"):
        app.state.dashboard_details = runs.Details(app.state.service)
    return app.state.dashboard_details


@router.get("/runs/{run_id}/status")
async def run_status(request: Request, v: Who, run_id: str):
    service = request.app.state.service
    run = await run_in_threadpool(runs.visible_run, service, v.principal, run_id)
    if run is None:
        return JSONResponse({"detail": f"no run '{run_id}'"}, status_code=404)
    ready = None
    if run.status == "done":
        ready = await run_in_threadpool(_details(request).get, run) is not None
    return JSONResponse({"status": run.status, "done": run.done, "total": run.total, "error": run.error,
                         "details": ready}, headers={"Cache-Control": "no-store"})


@router.post("/runs/{run_id}/cancel")
async def run_cancel(request: Request, v: Who, run_id: str):
    service = request.app.state.service
    check_csrf(v, (await form(request)).get("csrf"))
    run = await run_in_threadpool(runs.visible_run, service, v.principal, run_id)
    if run is None:
        return not_found(request, v, f"No run '{run_id}'.")
    p = v.principal
    request.state.action, request.state.scope = f"dashboard: cancel run {run_id}", run.scope
    if p.role == "observer" or (run.user_id != p.user_id and p.role != "admin" and run.scope != p.scope):
        return page(request, "error.html", v, status=403, title="Cancel",
                    message="Only its member's analysts, its author or an admin may cancel a run.")
    if run.status in ("queued", "running"):
        service.jobs.cancel(run_id)
    return RedirectResponse(f"{PREFIX}/runs/{run_id}", status_code=303)


# ---------------------------------------------------------------------- optimiser

@router.get("/optimise")
async def optimise_form(request: Request, v: Who):
    service = request.app.state.service
    rows = [r for r in await run_in_threadpool(runs.scenarios, service, v.principal) if not r["tariffs"]]
    recent = [r for r in await run_in_threadpool(runs.visible_runs, service, v.principal, 100)
              if r.kind == "optimise"][:20]
    return page(request, "optimise.html", v, title="Optimiser", nav="optimise", scenarios=rows, recent=recent,
                error=None, can_write=v.principal.role in ("admin", "analyst"))


@router.post("/optimise")
async def optimise_submit(request: Request, v: Who):
    service = request.app.state.service
    f = await form(request)
    check_csrf(v, f.get("csrf"))
    p = v.principal
    if p.role not in ("admin", "analyst"):
        return page(request, "error.html", v, status=403, title="Optimiser",
                    message="Observers read runs; they do not start them.")
    name = f.get("scenario", "")
    found = await run_in_threadpool(runs.find, service, p, name)
    if found is None:
        return not_found(request, v, f"No scenario '{name}'.")
    request.state.action, request.state.scope = f"dashboard: optimise {name}", p.scope
    mode = f.get("mode", "both") if f.get("mode") in ("joint", "solo", "both") else "both"

    def go():
        sc = runs.load(service, p.scope, name)
        return runs.submit(service, p, kind="optimise", name=name, sc=sc, runs=_int(f.get("runs"), 100, 1, 100_000),
                           seed=_int(f.get("seed"), 1, 0, 2**31 - 1), mode=mode)

    try:
        run = await run_in_threadpool(go)
    except ChokepointsError as e:
        return page(request, "error.html", v, status=422, title="Optimiser", message=str(e))
    return RedirectResponse(f"{PREFIX}/runs/{run.id}", status_code=303)


# ---------------------------------------------------------------------- events

def _event_rows(events: pd.DataFrame) -> list[dict]:
    out = []
    for r in events.itertuples():
        mag = ", ".join(f"{m['value']:g} {m['unit']}" for m in json.loads(r.magnitude or "[]"))
        dates = ", ".join(f"{d['role']} {d['value']}" for d in json.loads(r.dates or "[]"))
        out.append({"id": r.event_id, "file": Path(str(r.file)).name, "date": r.article_date or "",
                    "kind": r.kind + (f" ({r.subkind})" if r.subkind else ""), "actors": _names(r.actors),
                    "targets": _names(r.targets), "materials": (r.materials or "").replace(";", ", "),
                    "magnitude": mag, "dates": dates, "status": r.status + (f" {r.record}" if r.record else ""),
                    "draftable": False})
    return out


def _names(codes) -> str:
    return ", ".join(figs.country_name(c) for c in str(codes or "").split(";") if c)


def _drafts(doc_name: str, events, article_date) -> list[dict]:
    from chokepoints.events.draft import draftable, scenario_toml

    out = []
    for i, ev in enumerate(events, 1):
        d = ev.to_dict()
        row = {"id": f"{i}", "file": doc_name, "date": article_date or "",
               "kind": ev.kind + (f" ({ev.subkind})" if ev.subkind else ""),
               "actors": ", ".join(figs.country_name(c) for c in d["actors"]),
               "targets": ", ".join(figs.country_name(c) for c in d["targets"]),
               "materials": ", ".join(d["materials"]),
               "magnitude": ", ".join(f"{m['value']:g} {m['unit']}" for m in d["magnitude"]),
               "dates": ", ".join(f"{x['role']} {x['value']}" for x in d["dates"]),
               "status": (ev.status or "") + (f" {ev.record}" if ev.record else ""), "draftable": draftable(ev)}
        if row["draftable"]:
            name = f"{Path(doc_name).stem}-{i}-{ev.kind}".replace("_", "-").lower()
            row["draft_name"] = name
            row["draft"] = scenario_toml(ev, name=name, source=doc_name, article_date=article_date)
        out.append(row)
    return out


@router.get("/events")
async def events_page(request: Request, v: Who):
    return await _events(request, v)


async def _events(request: Request, v: Viewer, *, text: str = "", date: str = "", checked=None, error=None,
                  status: int = 200):
    service = request.app.state.service
    view = service.store.shared  # the feed is public: the shared snapshot's events table

    def feed():
        ev = service.store.cached(view, ("dashboard-events",), lambda wh: wh.table("events"))
        rows = _event_rows(ev.sort_values(["article_date", "event_id"], ascending=[False, True])) if len(ev) else []
        drafts = service.store.cached(view, ("dashboard-event-drafts",), _draftable)
        for r in rows:
            r["draftable"] = r["id"] in drafts
        return rows

    rows = await compute(service, feed)
    return page(request, "events.html", v, status=status, title="Events", nav="events", rows=rows, text=text,
                date=date, checked=checked, error=error, can_write=v.principal.role in ("admin", "analyst"))


def _draftable(wh) -> set[str]:
    """Ids of the stored events that get a drafted scenario (their news file re-read where it still is)."""
    from chokepoints.events.draft import draftable
    from chokepoints.events.text import read_document
    from chokepoints.events.watch import analyse, reference_tables

    ev = wh.table("events")
    measures, projects = reference_tables(wh)
    out = set()
    for file, group in ev.groupby("file"):
        path = Path(str(file))
        if not path.is_file():
            continue
        try:
            events = analyse(read_document(path), measures, projects)
        except ChokepointsError:
            continue
        for eid in group["event_id"]:
            i = int(str(eid).rsplit("-", 1)[1])
            if i <= len(events) and draftable(events[i - 1]):
                out.add(str(eid))
    return out


@router.get("/events/{event_id}/draft")
async def event_draft(request: Request, v: Who, event_id: str):
    """The drafted scenario of a stored event (its news file re-read), in the builder."""
    service = request.app.state.service
    view = service.store.shared

    def draft():
        from chokepoints.events.text import read_document
        from chokepoints.events.watch import analyse, reference_tables

        ev = service.store.cached(view, ("dashboard-events",), lambda wh: wh.table("events"))
        hit = ev[ev["event_id"] == event_id]
        if hit.empty:
            return None
        path = Path(str(hit["file"].iloc[0]))
        i = int(event_id.rsplit("-", 1)[1])
        if not path.is_file():
            return {"error": f"the news file {path.name} is no longer where it was read: no draft"}
        doc = read_document(path)
        with service.store.open(view) as wh:
            measures, projects = reference_tables(wh)
        rows = _drafts(path.name, analyse(doc, measures, projects), doc.date.isoformat() if doc.date else None)
        return rows[i - 1] if i <= len(rows) else None

    row = await compute(service, draft)
    if row is None:
        return not_found(request, v, f"No event '{event_id}'.")
    if row.get("error") or not row.get("draftable"):
        return page(request, "error.html", v, status=422, title="Draft",
                    message=row.get("error") or "This event gets no draft (docs/methods/events.md: only new export "
                                                "controls on a chain's material and tariffs with a rate).")
    name = await run_in_threadpool(runs.free_name, service, v.principal, row["draft_name"])
    return _builder(request, v, base="", name=name, text=row["draft"])


@router.post("/events")
async def events_check(request: Request, v: Who):
    """Events in a pasted news text, each marked new / update / known, with a drafted scenario where one can be
    drafted (nothing is stored)."""
    from datetime import date as Date

    service = request.app.state.service
    f = await form(request)
    check_csrf(v, f.get("csrf"))
    text, day = f.get("text", "")[:100_000], f.get("date", "").strip()
    request.state.action = "dashboard: extract events"
    if not text.strip():
        return await _events(request, v, text=text, date=day, error="Paste a news text first.", status=422)
    try:
        when = Date.fromisoformat(day) if day else None
    except ValueError:
        return await _events(request, v, text=text, date=day, error="Date: YYYY-MM-DD.", status=422)
    view = service.store.shared

    def run():
        from chokepoints.events.text import from_string
        from chokepoints.events.watch import analyse, reference_tables

        doc = from_string(text, where="pasted-text", article_date=when)
        with service.store.open(view) as wh:
            measures, projects = reference_tables(wh)
        return _drafts("pasted-text", analyse(doc, measures, projects), day or None)

    try:
        checked = await compute(service, run)
    except ChokepointsError as e:
        return await _events(request, v, text=text, date=day, error=str(e), status=422)
    return await _events(request, v, text=text, date=day, checked=checked)


# ---------------------------------------------------------------------- static files

@router.get("/static/plotly.min.js")
def plotly_js():
    """plotly.js as the plotly Python package ships it: no CDN."""
    import plotly

    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    return FileResponse(path, media_type="text/javascript", headers={"Cache-Control": "public, max-age=86400"})


@router.get("/static/{name}")
def static(name: str):
    path = STATIC / name
    if "/" in name or name.startswith(".") or not path.is_file():
        return Response("not found", status_code=404, media_type="text/plain")
    kind = {".js": "text/javascript", ".css": "text/css", ".json": "application/json",
            ".svg": "image/svg+xml"}.get(path.suffix, "application/octet-stream")
    return FileResponse(path, media_type=kind, headers={"Cache-Control": "public, max-age=3600"})
