"""Every endpoint of the service. Who may read what (DESIGN.md, issue 15):

- admin      manages members, users and keys; reads and runs on the shared snapshot (public data); does NOT read a
             member's uploads, the runs of a member's analysts or their scenarios.
- analyst    of one member: everything an observer reads, plus its member's uploads, scenarios and runs, all on its
             member's copy of the warehouse (the shared snapshot + its member's uploads).
- observer   reads public data: status, provenance, dependency, criticality, networks, built-in and alliance
             scenarios, alliance runs, events; writes nothing but may extract events from a posted text.

Anything a caller may not read answers 404 exactly as if it did not exist (a run, a scenario), so neither an error
message nor a list tells one member what another holds.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Annotated

import pandas as pd
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

import chokepoints as ck
from chokepoints.errors import ChokepointsError, ScenarioError, UnknownNameError, parse_toml
from chokepoints.service.app import (
    Service,
    cached_table,
    compute,
    get_service,
    principal,
    role,
    table_response,
    view_of,
)
from chokepoints.service.auth import ALLIANCE, Principal, new_key
from chokepoints.service.db import ApiKey, Audit, Member, Run, StoredScenario, Upload, User, now
from chokepoints.service.jobs import new_id
from chokepoints.service.models import (
    MEMBER,
    NAME,
    AuditOut,
    EventsIn,
    Format,
    Health,
    KeyCreated,
    KeyIn,
    KeyOut,
    Me,
    MemberIn,
    MemberOut,
    Problem,
    RunIn,
    RunOut,
    RunResult,
    ScenarioIn,
    ScenarioOut,
    Table,
    UploadOut,
    UserIn,
    UserOut,
    Validation,
)
from chokepoints.service.warehouses import sha256

ERRORS = {401: {"model": Problem}, 403: {"model": Problem}, 404: {"model": Problem}, 422: {"model": Problem},
          429: {"model": Problem}}
TABLE = {200: {"model": Table, "content": {"text/csv": {}, "application/vnd.apache.parquet": {}}}, **ERRORS}
router = APIRouter(prefix="/v1", responses=ERRORS)
Svc = Annotated[Service, Depends(get_service)]
Anyone = Annotated[Principal, Depends(principal)]
Writer = Annotated[Principal, Depends(role("admin", "analyst"))]
Admin = Annotated[Principal, Depends(role("admin"))]
Analyst = Annotated[Principal, Depends(role("analyst"))]
Fmt = Annotated[Format, Query(description="json, csv or parquet")]
Year = Annotated[int | None, Query(ge=1988, le=2100)]


def _csv(value: str | None) -> list[str] | None:
    return [v.strip() for v in value.split(",") if v.strip()] if value else None


# ---------------------------------------------------------------------- who and what

@router.get("/health", response_model=Health, responses={})
def health() -> dict:
    """Liveness (no key needed)."""
    return {"status": "ok", "version": ck.__version__}


@router.get("/me", response_model=Me)
def me(p: Anyone, service: Svc) -> dict:
    v = view_of(service, p)
    return {"user": p.name, "role": p.role, "member": p.member, "key_id": p.key_id,
            "reads": "shared snapshot" if v.member is None else f"{v.member}'s copy"}


@router.get("/status", response_model=Table, responses=TABLE)
async def status(p: Anyone, service: Svc, format: Fmt = Format.json):
    """The data sets the warehouse holds: tables, rows, years, source, load time."""
    v = view_of(service, p)
    return await cached_table(service, v, ("status",), lambda wh: wh.status(), format, name="status")


@router.get("/provenance", response_model=Table, responses=TABLE)
async def provenance(p: Anyone, service: Svc, format: Fmt = Format.json):
    """Every loaded file: data set, sha256, rows, years, source, code version."""
    v = view_of(service, p)
    return await cached_table(service, v, ("provenance",), lambda wh: wh.provenance(), format, name="provenance")


# ---------------------------------------------------------------------- analyses

@router.get("/dependency", response_model=Table, responses=TABLE)
async def dependency(
    p: Anyone, service: Svc,
    bloc: Annotated[str, Query(max_length=100, description="A bloc code (EU27, JPN, EU27+JPN) or ISO3")] = "EU27+JPN",
    chain: Annotated[str | None, Query(max_length=100, description="A chain id, e.g. rare-earth-magnets")] = None,
    products: Annotated[str | None, Query(max_length=2000, description="HS codes, comma-separated")] = None,
    members: bool = False,
    basis: Annotated[str, Query(pattern="^(value|quantity)$")] = "value",
    year: Year = None,
    allow_proxy: bool = False,
    format: Fmt = Format.json,
):
    """Dependency and concentration of a bloc per product or per chain stage (HHI, top suppliers, EC flag, CRMA)."""
    if products is not None and not _csv(products):
        raise HTTPException(422, "products: give at least one HS code (e.g. 280530,850511), or leave it out")
    v = view_of(service, p)
    key = ("dependency", bloc, chain, products, members, basis, year, allow_proxy)
    return await cached_table(service, v, key, lambda wh: wh.dependency(
        bloc, chain=chain, products=products, members=members, basis=basis, year=year, allow_proxy=allow_proxy),
        format, name="dependency", source="each row's `sources` and `year`")


@router.get("/criticality", response_model=Table, responses=TABLE)
async def criticality(
    p: Anyone, service: Svc,
    materials: Annotated[str | None, Query(max_length=2000, description="Materials, comma-separated")] = None,
    critical_only: bool = False,
    format: Fmt = Format.json,
):
    """EU criticality (2017 method): SR and EI per material next to the published values of the 2023 list."""
    v = view_of(service, p)
    key = ("criticality", materials, critical_only)
    return await cached_table(service, v, key, lambda wh: wh.criticality(
        materials=_csv(materials), critical_only=critical_only), format, name="criticality",
        source="EU CRM 2023 assessment; WGI")


@router.get("/networks/{chain}", response_model=Table, responses=TABLE)
async def network(
    p: Anyone, service: Svc,
    chain: Annotated[str, Path(max_length=100)],
    year: Year = None,
    allow_proxy: bool = False,
    format: Fmt = Format.json,
):
    """A chain's network, one row per stage: what is data and what is assumed, trade year, production source."""
    from chokepoints.reference.chains import chain_names

    if chain not in chain_names():
        raise HTTPException(404, f"no chain '{chain}'; chains: {', '.join(chain_names())}")
    v = view_of(service, p)

    def summary(wh):
        net = wh.network(chain, year=year, allow_proxy=allow_proxy)
        return net.provenance.assign(countries=len(net.countries))

    return await cached_table(service, v, ("network", chain, year, allow_proxy), summary, format,
                              name=f"network-{chain}", source="each stage's trade_year and production_source")


@router.get("/chains", response_model=list[str])
def chains(p: Anyone) -> list[str]:
    from chokepoints.reference.chains import chain_names

    return list(chain_names())


# ---------------------------------------------------------------------- members' own data

@router.get("/stocks", response_model=Table, responses=TABLE)
async def stocks(p: Anyone, service: Svc, format: Fmt = Format.json):
    """Declared stocks this caller may read: public rows, and an analyst's own member's uploaded rows."""
    v = view_of(service, p)
    return await cached_table(service, v, ("stocks",), lambda wh: wh.table("stocks"), format, name="stocks")


@router.get("/stocks/aggregate", response_model=Table, responses=TABLE)
async def stocks_aggregate(p: Anyone, service: Svc, format: Fmt = Format.json):
    """Members' uploaded stocks summed over members per chain, stage and material: a row is shown only where at
    least k members (k_min_members, default 2) contribute; no row names a member or a member's own figure."""
    k = service.settings.k_min_members

    def aggregate() -> pd.DataFrame:
        frames = []
        for member, view in sorted(service.store.members.items()):
            mine = {f.stem for f in service.store.uploads(member)}
            with service.store.open(view) as wh:
                df = wh.table("stocks")
            frames.append(df[df["dataset"].isin(mine)].assign(member=member))
        cols = ["chain", "stage", "material", "members", "quantity_t"]
        if not frames:
            return pd.DataFrame(columns=cols)
        rows = pd.concat(frames, ignore_index=True)
        rows[["chain", "stage", "material"]] = rows[["chain", "stage", "material"]].fillna("")
        g = rows.groupby(["chain", "stage", "material"], as_index=False).agg(
            members=("member", "nunique"), quantity_t=("quantity_t", "sum"))
        return g[g["members"] >= k][cols].reset_index(drop=True)

    df = await compute(service, aggregate)
    return table_response(df, format, view=service.store.shared, name="stocks-aggregate",
                          source=f"members' own declarations; only where at least {k} members contribute")


def _member_analyst(p: Principal, code: str) -> None:
    if p.role != "analyst" or p.member != code:
        raise HTTPException(403, f"only analysts of {code} read or write {code}'s uploads")


@router.get("/members/{code}/uploads", response_model=list[UploadOut])
def list_uploads(p: Anyone, service: Svc, code: Annotated[str, Path(pattern=MEMBER)]) -> list:
    _member_analyst(p, code)
    with service.sessions() as s:
        return [_upload_out(u) for u in s.scalars(select(Upload).where(Upload.member == code).order_by(Upload.name))]


def _upload_out(u: Upload) -> dict:
    return {"member": u.member, "name": u.name, "rows": u.rows, "bytes": u.bytes, "sha256": u.sha256,
            "created_at": u.created_at}


@router.put("/members/{code}/uploads/{name}", response_model=UploadOut, status_code=201,
            responses={413: {"model": Problem}},
            openapi_extra={"requestBody": {"required": True, "content": {
                "text/csv": {"schema": {"type": "string"}}, "application/toml": {"schema": {"type": "string"}},
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}})
async def put_upload(request: Request, p: Anyone, service: Svc, code: Annotated[str, Path(pattern=MEMBER)],
                     name: Annotated[str, Path(max_length=100)]) -> dict:
    """Upload (or replace) a member's own data file, member_<name>.csv or .toml (docs/data.md, "Members' own
    data"). Only that member's analysts may; every row must declare that member. Its rows are read only by that
    member's analysts and used only by their runs."""
    _member_analyst(p, code)
    request.state.action = f"upload {name}"
    request.state.scope = code
    limit = service.settings.max_upload_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"an upload holds at most {limit} bytes")
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > limit:
            raise HTTPException(413, f"an upload holds at most {limit} bytes")
    if not data:
        raise HTTPException(422, "the upload is empty: send the file as the request body")
    rows = await run_in_threadpool(service.store.put_upload, code, name, bytes(data))
    with service.sessions.begin() as s:
        u = s.scalar(select(Upload).where(Upload.member == code, Upload.name == name))
        if u is None:
            u = Upload(member=code, name=name, user_id=p.user_id, sha256="", bytes=0, rows=0)
            s.add(u)
        u.sha256, u.bytes, u.rows, u.user_id, u.created_at = sha256(bytes(data)), len(data), rows, p.user_id, now()
        s.flush()
        return _upload_out(u)


@router.delete("/members/{code}/uploads/{name}", status_code=204)
async def delete_upload(request: Request, p: Anyone, service: Svc, code: Annotated[str, Path(pattern=MEMBER)],
                        name: Annotated[str, Path(max_length=100)]) -> Response:
    _member_analyst(p, code)
    request.state.action, request.state.scope = f"delete upload {name}", code
    if not await run_in_threadpool(service.store.delete_upload, code, name):
        raise HTTPException(404, f"no upload '{name}' of {code}")
    with service.sessions.begin() as s:
        u = s.scalar(select(Upload).where(Upload.member == code, Upload.name == name))
        if u is not None:
            s.delete(u)
    return Response(status_code=204)


# ---------------------------------------------------------------------- scenarios

def _builtin(name: str):
    from chokepoints.scenarios import builtin_names

    return name in builtin_names()


def _find_scenario(service: Service, p: Principal, name: str) -> tuple[str, dict | None]:
    """(scope, stored body) of the scenario NAME this caller may read: its member's, the alliance's, a built-in
    (body None). 404 otherwise, the same whether it exists for someone else or not at all."""
    with service.sessions() as s:
        scopes = [p.member, ALLIANCE] if p.role == "analyst" and p.member else [ALLIANCE]
        for scope in scopes:
            row = s.scalar(select(StoredScenario).where(StoredScenario.scope == scope, StoredScenario.name == name))
            if row is not None:
                return scope, dict(row.body)
    if _builtin(name):
        return "builtin", None
    raise HTTPException(404, f"no scenario '{name}' (GET /v1/scenarios lists the ones you may use)")


def _load_scenario(service: Service, p: Principal, name: str):
    from chokepoints.shocks.scenario import Scenario

    scope, body = _find_scenario(service, p, name)
    return ck.scenario(name) if body is None else Scenario.from_dict(body, origin=f"scenario '{name}'",
                                                                        default_name=name)


def _parse(body: ScenarioIn):
    """(the scenario's raw dict, as JSON, and the validated Scenario); ScenarioError naming the key."""
    from chokepoints.shocks.scenario import Scenario

    origin = f"scenario '{body.name}'"
    raw = parse_toml(body.toml, file=origin, error=ScenarioError) if body.toml is not None else dict(body.scenario)
    raw = json.loads(json.dumps(raw, default=str))  # TOML dates as text: stored as JSON
    raw["name"] = body.name
    return raw, Scenario.from_dict(raw, origin=origin, default_name=body.name)


@router.get("/scenarios", response_model=list[ScenarioOut])
def list_scenarios(p: Anyone, service: Svc) -> list[dict]:
    """Built-in scenarios, the alliance's, and (for an analyst) its member's."""
    from chokepoints.scenarios import builtin_names

    out = []
    for n in builtin_names():
        sc = ck.scenario(n)
        out.append({"name": n, "scope": "builtin", "title": sc.title, "chain": sc.chain})
    scopes = [ALLIANCE] + ([p.member] if p.role == "analyst" and p.member else [])
    with service.sessions() as s:
        for row in s.scalars(select(StoredScenario).where(StoredScenario.scope.in_(scopes))
                             .order_by(StoredScenario.name)):
            out.append({"name": row.name, "scope": row.scope, "title": row.body.get("title", ""),
                        "chain": row.body.get("chain")})
    return out


@router.post("/scenarios/validate", response_model=Validation)
def validate_scenario(body: ScenarioIn, p: Anyone) -> dict:
    """Check a scenario without storing it: the first problem, naming its key."""
    try:
        _parse(body)
    except ChokepointsError as e:
        return {"name": body.name, "valid": False, "problem": str(e)}
    return {"name": body.name, "valid": True}


@router.post("/scenarios", response_model=ScenarioOut, status_code=201, responses={409: {"model": Problem}})
def create_scenario(body: ScenarioIn, request: Request, p: Writer, service: Svc) -> dict:
    """Store a scenario (TOML text or JSON). An analyst's is its member's own; an admin's is the alliance's."""
    request.state.action, request.state.scope = f"create scenario {body.name}", p.scope
    if _builtin(body.name):
        raise HTTPException(409, f"'{body.name}' is a built-in scenario: choose another name")
    raw, sc = _parse(body)
    try:
        with service.sessions.begin() as s:
            s.add(StoredScenario(scope=p.scope, name=body.name, body=raw, user_id=p.user_id))
    except IntegrityError:
        raise HTTPException(409, f"you already have a scenario '{body.name}'") from None
    return {"name": body.name, "scope": p.scope, "title": sc.title, "chain": sc.chain, "definition": raw}


@router.get("/scenarios/{name}", response_model=ScenarioOut)
def get_scenario(p: Anyone, service: Svc, name: Annotated[str, Path(pattern=NAME)]) -> dict:
    scope, body = _find_scenario(service, p, name)
    if body is None:
        sc = ck.scenario(name)
        body = sc.model_dump(mode="json", exclude={"origin"})
    return {"name": name, "scope": scope, "title": body.get("title", ""), "chain": body.get("chain"),
            "definition": body}


# ---------------------------------------------------------------------- runs

def _run_out(r: Run) -> dict:
    return {k: getattr(r, k) for k in ("id", "kind", "scenario", "scope", "status", "done", "total", "error",
                                        "params", "warehouse", "result_kind", "created_at", "started_at",
                                        "finished_at")}


def _visible_run(service: Service, p: Principal, run_id: str) -> Run:
    with service.sessions() as s:
        r = s.get(Run, run_id)
    if r is None or not p.can_read(r.scope):
        raise HTTPException(404, f"no run '{run_id}'")
    return r


@router.post("/runs", response_model=RunOut, status_code=202)
def submit_run(body: RunIn, request: Request, p: Writer, service: Svc) -> dict:
    """Queue a simulation or an optimisation. An analyst's run uses its member's copy (with its uploads) and is
    visible only to its member's analysts; an admin's run uses the shared snapshot and is visible to all."""
    if body.runs > service.settings.max_runs:
        raise HTTPException(422, f"runs must be at most {service.settings.max_runs}")
    sc = _load_scenario(service, p, body.scenario)
    if body.kind == "optimise" and sc.tariffs and not (sc.measures or sc.outages):
        raise HTTPException(422, f"scenario {body.scenario} holds only tariffs: the optimiser needs export "
                                 "controls or outages")
    if not (sc.measures or sc.outages or sc.tariffs):
        raise HTTPException(422, f"scenario {body.scenario} has no measures, outages or tariffs")
    view = view_of(service, p)
    params = body.model_dump(exclude={"kind", "scenario"})
    run = Run(id=new_id(), kind=body.kind, scope=p.scope, scenario=body.scenario, params=params, user_id=p.user_id,
              status="queued", done=0, total=body.runs, warehouse=view.version, confidential_members=[])
    with service.sessions.begin() as s:
        s.add(run)
    request.state.action, request.state.scope = f"{body.kind} {body.scenario} run {run.id}", p.scope
    service.jobs.submit(run, sc, view)
    return _run_out(run)


@router.get("/runs", response_model=list[RunOut])
def list_runs(p: Anyone, service: Svc, status: Annotated[str | None, Query(
        pattern="^(queued|running|done|failed|cancelled)$")] = None,
              limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[dict]:
    """Runs this caller may read, newest first: the alliance's, and an analyst's member's."""
    scopes = [ALLIANCE] + ([p.member] if p.role == "analyst" and p.member else [])
    q = select(Run).where(Run.scope.in_(scopes))
    if status:
        q = q.where(Run.status == status)
    with service.sessions() as s:
        return [_run_out(r) for r in s.scalars(q.order_by(Run.created_at.desc()).limit(limit))]


@router.get("/runs/{run_id}", response_model=RunOut)
def get_run(p: Anyone, service: Svc, run_id: Annotated[str, Path(max_length=32)]) -> dict:
    return _run_out(_visible_run(service, p, run_id))


@router.post("/runs/{run_id}/cancel", response_model=RunOut, responses={409: {"model": Problem}})
def cancel_run(request: Request, p: Writer, service: Svc, run_id: Annotated[str, Path(max_length=32)]) -> dict:
    r = _visible_run(service, p, run_id)
    request.state.action, request.state.scope = f"cancel run {run_id}", r.scope
    if r.user_id != p.user_id and p.role != "admin" and r.scope != p.scope:
        raise HTTPException(403, "only its member's analysts, its author or an admin may cancel a run")
    if r.status not in ("queued", "running"):
        raise HTTPException(409, f"run {run_id} is {r.status}: only a queued or running run can be cancelled")
    service.jobs.cancel(run_id)
    return _run_out(_visible_run(service, p, run_id))


@router.get("/runs/{run_id}/result", response_model=RunResult, responses={
    **TABLE, 200: {"model": RunResult, "content": {"text/csv": {}, "application/vnd.apache.parquet": {}}},
    409: {"model": Problem}})
async def run_result(p: Anyone, service: Svc, run_id: Annotated[str, Path(max_length=32)], format: Fmt = Format.json):
    """A finished run's result: JSON {kind, meta, summary}, the summary as CSV, or the Parquet file the run wrote
    (with kind and meta in its metadata: ck.read_result reads it)."""
    r = _visible_run(service, p, run_id)
    if r.status != "done" or not r.result_path:
        raise HTTPException(409, f"run {run_id} is {r.status}" + (f": {r.error}" if r.error else "")
                            + ("; its result comes when it is done" if r.status in ("queued", "running") else ""))
    if format is Format.parquet:
        data = await run_in_threadpool(_read_bytes, r.result_path)
        return Response(data, media_type="application/vnd.apache.parquet",
                        headers={"Content-Disposition": f'attachment; filename="run-{run_id}.parquet"'})
    res = await run_in_threadpool(ck.read_result, r.result_path)
    if format is Format.csv:
        return Response(res.summary.to_csv(index=False), media_type="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="run-{run_id}.csv"'})
    out = RunResult.model_validate_json(json.dumps({"id": run_id, **res.to_dict()}, default=str))
    return Response(out.model_dump_json(), media_type="application/json")


def _read_bytes(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()


# ---------------------------------------------------------------------- events

@router.post("/events/extract", response_model=Table)
async def extract_events(body: EventsIn, request: Request, p: Anyone, service: Svc) -> dict:
    """Events in a posted news text, each marked new / update / known against the warehouse's measures and
    projects (nothing is stored)."""
    from chokepoints.events.text import from_string
    from chokepoints.events.watch import analyse, reference_tables, to_frame

    request.state.action = "extract events"
    v = service.store.shared

    def run() -> pd.DataFrame:
        doc = from_string(body.text, where="<posted text>", article_date=body.article_date)
        with service.store.open(v) as wh:
            measures, projects = reference_tables(wh)
        return to_frame([("<posted text>", analyse(doc, measures, projects, body.min_confidence))], full=True)

    df = await compute(service, run)
    return table_response(df, Format.json, view=v, name="events", source="the posted text")


@router.get("/events", response_model=Table, responses=TABLE)
async def events_feed(p: Anyone, service: Svc, format: Fmt = Format.json):
    """The events the warehouse holds (stored by `chokepoints events watch`)."""
    v = service.store.shared
    return await cached_table(service, v, ("events",), lambda wh: wh.table("events"), format, name="events")


# ---------------------------------------------------------------------- administration

@router.get("/members", response_model=list[MemberOut])
def list_members(p: Anyone, service: Svc) -> list:
    with service.sessions() as s:
        return [{"code": m.code, "name": m.name, "created_at": m.created_at}
                for m in s.scalars(select(Member).order_by(Member.code))]


@router.post("/members", response_model=MemberOut, status_code=201, responses={409: {"model": Problem}})
def add_member(body: MemberIn, request: Request, p: Admin, service: Svc) -> dict:
    """Add a member (e.g. a CPTPP partner): an ISO3 country or a bloc code."""
    request.state.action = f"add member {body.code}"
    try:
        ck.bloc(body.code)
    except UnknownNameError as e:
        raise HTTPException(422, str(e)) from None
    try:
        with service.sessions.begin() as s:
            m = Member(code=body.code, name=body.name or body.code)
            s.add(m)
    except IntegrityError:
        raise HTTPException(409, f"member {body.code} exists") from None
    return {"code": m.code, "name": m.name, "created_at": m.created_at}


def _user_out(u: User) -> dict:
    return {"id": u.id, "name": u.name, "role": u.role, "member": u.member, "created_at": u.created_at}


@router.get("/users", response_model=list[UserOut])
def list_users(p: Admin, service: Svc) -> list:
    with service.sessions() as s:
        return [_user_out(u) for u in s.scalars(select(User).order_by(User.id))]


@router.post("/users", response_model=UserOut, status_code=201, responses={409: {"model": Problem}})
def add_user(body: UserIn, request: Request, p: Admin, service: Svc) -> dict:
    request.state.action = f"add user {body.name} ({body.role}{' of ' + body.member if body.member else ''})"
    with service.sessions.begin() as s:
        if body.member and s.get(Member, body.member) is None:
            raise HTTPException(422, f"no member {body.member}: add it first (POST /v1/members)")
        if s.scalar(select(User).where(User.name == body.name)) is not None:
            raise HTTPException(409, f"user {body.name} exists")
        u = User(name=body.name, role=body.role, member=body.member)
        s.add(u)
        s.flush()
        return _user_out(u)


def _key_out(k: ApiKey) -> dict:
    return {"id": k.id, "user_id": k.user_id, "label": k.label, "created_at": k.created_at,
            "expires_at": k.expires_at, "revoked_at": k.revoked_at}


@router.post("/users/{user_id}/keys", response_model=KeyCreated, status_code=201)
def make_key(body: KeyIn, request: Request, p: Anyone, service: Svc,
             user_id: Annotated[int, Path(ge=1, le=2**31 - 1)]) -> dict:
    """A new API key for a user (an admin for anyone; anyone for themself). The key is in this answer only."""
    if p.role != "admin" and p.user_id != user_id:
        raise HTTPException(403, "you may make keys for yourself only")
    with service.sessions.begin() as s:
        u = s.get(User, user_id)
        if u is None:
            raise HTTPException(404, f"no user {user_id}")
        expires = datetime.now(UTC) + timedelta(days=body.expires_in_days) if body.expires_in_days else None
        key, row = new_key(s, u, label=body.label, expires_at=expires)
        s.flush()
        request.state.action = f"new key {row.id} for user {user_id}"
        return {**_key_out(row), "key": key}


@router.get("/keys", response_model=list[KeyOut])
def list_keys(p: Anyone, service: Svc) -> list:
    """An admin's: every key (never the key itself); anyone else's: their own."""
    q = select(ApiKey).order_by(ApiKey.created_at)
    if p.role != "admin":
        q = q.where(ApiKey.user_id == p.user_id)
    with service.sessions() as s:
        return [_key_out(k) for k in s.scalars(q)]


@router.delete("/keys/{key_id}", response_model=KeyOut)
def revoke_key(request: Request, p: Anyone, service: Svc, key_id: Annotated[str, Path(max_length=32)]) -> dict:
    """Revoke a key (an admin any key; anyone their own). It stops working at once."""
    request.state.action = f"revoke key {key_id}"
    with service.sessions.begin() as s:
        k = s.get(ApiKey, key_id)
        if k is None or (p.role != "admin" and k.user_id != p.user_id):
            raise HTTPException(404, f"no key '{key_id}'")
        if k.revoked_at is None:
            k.revoked_at = now()
        out = _key_out(k)
    service.keys.revoke(key_id)  # at once in this process (auth.KeyCache)
    return out


@router.get("/audit", response_model=list[AuditOut])
def audit(p: Writer, service: Svc, limit: Annotated[int, Query(ge=1, le=10_000)] = 200) -> list:
    """The audit log, newest first: who, when, from where, status. An admin reads every entry; an analyst the
    entries of its member's users and of its member's resources. The path and action of an entry are shown only to
    whom the touched resource belongs (the alliance's: admins; a member's uploads, runs, scenarios: its analysts),
    else '(member-private)'."""
    q = select(Audit).order_by(Audit.id.desc()).limit(limit)
    if p.role != "admin":
        q = q.where(or_(Audit.scope == p.member, Audit.member == p.member))
    with service.sessions() as s:
        rows = list(s.scalars(q))
    out = []
    for a in rows:
        private = a.scope != (p.member if p.role == "analyst" else ALLIANCE)
        out.append({"id": a.id, "at": a.at, "user_id": a.user_id, "key_id": a.key_id, "role": a.role,
                    "member": a.member, "method": a.method,
                    "path": "(member-private)" if private else a.path,
                    "action": "(member-private)" if private else a.action, "status": a.status, "client": a.client})
    return out
