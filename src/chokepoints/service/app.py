"""The FastAPI application: `create_app(settings)`; state, identity, errors and the audit trail.

Endpoints live in routes.py; this module holds what every request shares.
"""

from __future__ import annotations

import asyncio
import gc
import io
import logging
import re
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Annotated

import pandas as pd
from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import sessionmaker

import chokepoints as ck
from chokepoints.errors import ChokepointsError
from chokepoints.service.auth import KeyCache, Principal, RateLimiter, authenticate, digest
from chokepoints.service.db import Audit, Member, make_engine, migrate, sessions
from chokepoints.service.jobs import JobManager
from chokepoints.service.models import Format
from chokepoints.service.settings import Settings
from chokepoints.service.warehouses import View, WarehouseStore

log = logging.getLogger("chokepoints.service")
WRITES = ("POST", "PUT", "PATCH", "DELETE")


@dataclass
class Service:
    """What the app holds: settings, the database, the warehouses, the jobs."""

    settings: Settings
    engine: object
    sessions: sessionmaker
    store: WarehouseStore
    jobs: JobManager
    keys: KeyCache
    limiter: RateLimiter

    def clean(self, text: str) -> str:
        """A message without the server's folders."""
        text = text.replace(str(self.store.state), "<service>")
        return text.replace(str(self.settings.warehouse.parent), "<warehouse>")

    def close(self) -> None:
        self.jobs.shutdown()
        self.store.close()
        self.engine.dispose()


def open_service(settings: Settings) -> Service:
    """Migrate the database, take the warehouse snapshot, rebuild members' copies, recover interrupted runs."""
    state = settings.state
    state.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.url)
    migrate(engine)
    maker = sessions(engine)
    with maker.begin() as s:
        for code in settings.members:
            if s.get(Member, code) is None:
                ck.bloc(code)  # an unknown code fails here, at start
                s.add(Member(code=code, name=code))
    store = WarehouseStore(settings.warehouse, state, cache_entries=settings.cache_entries)
    store.rebuild_all()
    jobs = JobManager(maker, store, state / "results", workers=settings.workers)
    n = jobs.recover()
    if n:
        log.warning("%d run(s) interrupted by the last stop marked failed", n)
    return Service(settings, engine, maker, store, jobs, KeyCache(settings.key_cache_s),
                   RateLimiter(settings.rate_limit_per_minute))


def quiet_gc() -> None:
    """For a long-running server: leave the objects made at start-up (pandas, DuckDB, SQLAlchemy, pydantic; about
    170,000) out of every collection, and collect the young generations less often. The server's own p99 on cached
    queries was full-collection pauses of 80-100 ms (docs/service.md, Performance). Cycles are still collected."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 50, 100)


def create_app(settings: Settings) -> FastAPI:
    """The service as a FastAPI app (uvicorn serves it: `chokepoints serve`)."""
    from chokepoints.service import routes

    service = open_service(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        service.close()

    app = FastAPI(title="chokepoints", version=ck.__version__, lifespan=lifespan,
                  description="The alliance's service: dependency, criticality, networks, scenarios, simulation and "
                              "optimisation runs, events, and members' confidential data that stays their own. "
                              "Authenticate with `Authorization: Bearer <key>` or `X-API-Key: <key>`.")
    app.state.service = service

    @app.exception_handler(ChokepointsError)
    async def _library_error(_request: Request, e: ChokepointsError):
        return JSONResponse({"detail": service.clean(str(e))}, status_code=422)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, e: RequestValidationError):
        errors = [{"loc": list(x.get("loc", ())), "msg": x.get("msg", ""), "type": x.get("type", "")}
                  for x in e.errors()]
        return JSONResponse({"detail": errors}, status_code=422)

    @app.exception_handler(Exception)
    async def _crash(_request: Request, e: Exception):  # logged; the caller sees no traceback
        log.exception("internal error")
        return JSONResponse({"detail": "internal error; the service log has the details"}, status_code=500)

    app.add_middleware(AuditWrites, service=service)

    app.include_router(routes.router)
    from chokepoints.service.dashboard import mount

    mount(app)  # the dashboard: /dashboard (docs/dashboard.md)
    return app


class AuditWrites:
    """ASGI middleware: each write (POST, PUT, PATCH, DELETE), allowed or refused, is audited before its answer
    leaves (a pure ASGI middleware: reads pass through at no cost)."""

    def __init__(self, app, service: Service):
        self.app, self.service = app, service

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] not in WRITES:
            return await self.app(scope, receive, send)
        done = False

        async def audited(message):
            nonlocal done
            if message["type"] == "http.response.start" and not done:
                done = True
                await run_in_threadpool(_write_audit, self.service, Request(scope), message["status"])
            await send(message)

        try:
            await self.app(scope, receive, audited)
        except BaseException:
            if not done:
                done = True
                await run_in_threadpool(_write_audit, self.service, Request(scope), 500)
            raise


def _client(service: Service, request: Request) -> str:
    if service.settings.trust_forwarded_for and (fwd := request.headers.get("x-forwarded-for")):
        return fwd.split(",")[0].strip()[:64]
    return (request.client.host if request.client else "")[:64]


def _write_audit(service: Service, request: Request, status: int) -> None:
    """One audit row: who (user, key, role, member), what (method, path, action, status), when, from where. Its
    `scope` is the member whose resource the request touched (a member's uploads, a member's run), whoever sent it,
    so only that member's analysts read its details (routes.audit)."""
    from chokepoints.service.db import Run

    p: Principal | None = getattr(request.state, "principal", None)
    path = request.url.path[:1000]
    scope = getattr(request.state, "scope", None) or (p.scope if p else "alliance")
    with service.sessions.begin() as s:
        if m := _MEMBER_PATH.match(path):
            scope = m[1]
        elif m := _RUN_PATH.match(path):
            run = s.get(Run, m[1])
            scope = run.scope if run is not None else scope
        s.add(Audit(user_id=p.user_id if p else None, key_id=p.key_id if p else None, role=p.role if p else None,
                    member=p.member if p else None, method=request.method, path=path,
                    action=getattr(request.state, "action", "")[:1000], status=status,
                    client=_client(service, request), scope=scope[:32]))


_MEMBER_PATH = re.compile(r"^/v1/members/([^/]+)/")
_RUN_PATH = re.compile(r"^/v1/runs/([^/]+)")


# ---------------------------------------------------------------------- dependencies every route shares

async def get_service(request: Request) -> Service:
    return request.app.state.service


def _authenticate(service: Service, key: str) -> Principal | None:
    with service.sessions() as s:
        return authenticate(s, key, service.keys)


def _refresh(service: Service, key: str, key_digest: str) -> None:
    """Re-read a stale key's row (behind an answer): a revoked or expired key is forgotten, a valid one renewed."""
    try:
        if _authenticate(service, key) is None:
            service.keys.forget(key_digest)
    except Exception:  # the next request re-reads it in the open
        log.exception("re-reading an API key")
        service.keys.forget(key_digest)
    finally:
        service.keys.refreshed(key_digest)


async def principal(request: Request, service: Annotated[Service, Depends(get_service)]) -> Principal:
    """The caller, from `Authorization: Bearer <key>` or `X-API-Key: <key>`; 401 without a valid key, 429 over the
    key's rate. A key verified in the last seconds is answered from memory (auth.KeyCache), else in a thread (a
    database read, scrypt)."""
    auth = request.headers.get("authorization", "")
    key = auth[7:].strip() if auth.lower().startswith("bearer ") else request.headers.get("x-api-key", "").strip()
    if not key:
        raise HTTPException(401, "an API key is required: Authorization: Bearer <key>",
                            headers={"WWW-Authenticate": "Bearer"})
    d = digest(key)
    p = service.keys.principal(d)
    if p is None and (p := service.keys.stale(d)) is not None:
        # verified a few seconds ago: answer now and re-read the key's row behind the answer (a revocation made
        # elsewhere then holds from the next request), so no request waits for the database
        asyncio.get_running_loop().run_in_executor(None, _refresh, service, key, d)
    elif p is None:
        p = await run_in_threadpool(_authenticate, service, key)
    if p is None:
        raise HTTPException(401, "invalid, revoked or expired API key", headers={"WWW-Authenticate": "Bearer"})
    ok, wait = service.limiter.allow(p.key_id)
    if not ok:
        raise HTTPException(429, f"rate limit of {service.settings.rate_limit_per_minute} requests a minute "
                                 f"reached; retry in {wait:.1f} s", headers={"Retry-After": str(int(wait) + 1)})
    request.state.principal = p
    return p


def role(*allowed: str):
    async def check(p: Annotated[Principal, Depends(principal)]) -> Principal:
        if p.role not in allowed:
            raise HTTPException(403, f"this needs the role {' or '.join(allowed)}; your key's role is {p.role}")
        return p

    return check


def view_of(service: Service, p: Principal) -> View:
    """An analyst reads their member's copy (when it has uploaded data); everyone else the shared snapshot."""
    return service.store.view(p.member if p.role == "analyst" else None)


async def compute(service: Service, fn, *args):
    """FN(*ARGS) in a worker thread, answered with 504 after the request timeout (the service keeps answering)."""
    try:
        return await asyncio.wait_for(run_in_threadpool(fn, *args), service.settings.request_timeout_s)
    except TimeoutError:
        raise HTTPException(504, f"the request took longer than {service.settings.request_timeout_s:g} s; "
                                 "narrow it or submit a run") from None


@dataclass(frozen=True)
class Rendered:
    """An answer's bytes, ready to send again."""

    body: bytes
    media_type: str
    headers: dict

    def response(self) -> Response:
        return Response(self.body, media_type=self.media_type, headers=self.headers)


def render_table(df: pd.DataFrame, fmt: Format, *, view: View, name: str, source: str = "") -> Rendered:
    """DF as JSON (a Table, validated by its model), CSV or Parquet."""
    from chokepoints.report.tables import to_records
    from chokepoints.service.models import Table

    if fmt is Format.csv:
        return Rendered(df.to_csv(index=False).encode(), "text/csv",
                        {"Content-Disposition": f'attachment; filename="{name}.csv"'})
    if fmt is Format.parquet:
        buf = io.BytesIO()
        df.reset_index(drop=True).to_parquet(buf, index=False)
        return Rendered(buf.getvalue(), "application/vnd.apache.parquet",
                        {"Content-Disposition": f'attachment; filename="{name}.parquet"'})
    table = Table(columns=[str(c) for c in df.columns], rows=to_records(df), warehouse=view.version, source=source)
    return Rendered(table.model_dump_json().encode(), "application/json", {})


def table_response(df: pd.DataFrame, fmt: Format, *, view: View, name: str, source: str = "") -> Response:
    """DF as JSON (a Table), CSV or Parquet."""
    return render_table(df, fmt, view=view, name=name, source=source).response()


async def cached_table(service: Service, view: View, key: tuple, fn, fmt: Format, *, name: str,
                       source: str = "") -> Response:
    """The analysis FN(warehouse) on VIEW as a table answer, its DataFrame and its rendered bytes (per format)
    remembered by (VIEW, KEY): a repeated query is answered from memory on the event loop, without a thread, a
    model validation or a serialisation. VIEW is the caller's own (the shared snapshot or its member's copy), so an
    answer never crosses members."""
    rkey = (*key, "rendered", fmt.value, name, source)
    hit = service.store.peek(view, rkey)
    if hit is None:
        def make() -> Rendered:
            df = service.store.cached(view, key, fn)
            return render_table(df, fmt, view=view, name=name, source=source)

        hit = await compute(service, service.store.memo, view, rkey, make)
    return hit.response()


def count(session, stmt) -> int:
    return session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
