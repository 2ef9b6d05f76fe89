"""Runs (simulate, optimise) as jobs in a thread pool: queued -> running -> done | failed | cancelled.

Each job records its progress in the database, writes its result with the result protocol's `to_parquet` into
`<state>/results/<id>.parquet` and indexes it in the `runs` table, so a restart loses no finished run. A job still
queued or running when the process stopped is marked failed at the next start (its reason says so).
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import update
from sqlalchemy.orm import sessionmaker

from chokepoints.errors import ChokepointsError
from chokepoints.service.db import Run, now
from chokepoints.service.warehouses import View, WarehouseStore

log = logging.getLogger("chokepoints.service")


class Cancelled(Exception):
    pass


class JobManager:
    def __init__(self, sessions: sessionmaker, store: WarehouseStore, results: Path, *, workers: int = 2):
        self.sessions = sessions
        self.store = store
        self.results = Path(results)
        self.results.mkdir(parents=True, exist_ok=True)
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ck-run")
        self._futures: dict[str, Future] = {}
        self._cancel: set[str] = set()
        self._lock = threading.Lock()
        # called with (run id, kind, result object) once a run's result is stored: what only the live object gives
        # (the dashboard's fan chart and portfolio) is kept then, instead of recomputing the run later
        self.on_done: list[Callable[[str, str, object], None]] = []

    def recover(self) -> int:
        """Runs left queued or running by a stopped process: marked failed, with the reason."""
        with self.sessions.begin() as s:
            res = s.execute(update(Run).where(Run.status.in_(("queued", "running")))
                            .values(status="failed", finished_at=now(),
                                    error="the service stopped before this run finished; submit it again"))
            return res.rowcount or 0

    def submit(self, run: Run, scenario, view: View) -> None:
        """Queue RUN (already in the database) for SCENARIO (a Scenario) on VIEW."""
        fut = self.pool.submit(self._work, run.id, run.kind, dict(run.params), scenario, view)
        with self._lock:
            self._futures[run.id] = fut
        fut.add_done_callback(lambda _f, rid=run.id: self._forget(rid))

    def _forget(self, run_id: str) -> None:
        with self._lock:
            self._futures.pop(run_id, None)
            self._cancel.discard(run_id)

    def cancel(self, run_id: str) -> None:
        with self._lock:
            self._cancel.add(run_id)
            fut = self._futures.get(run_id)
        if fut is not None and fut.cancel():  # still queued: it never starts
            self._set(run_id, status="cancelled", finished_at=now(), error="cancelled before it started")

    def _set(self, run_id: str, **values) -> None:
        with self.sessions.begin() as s:
            s.execute(update(Run).where(Run.id == run_id).values(**values))

    def _cancelled(self, run_id: str) -> bool:
        with self._lock:
            return run_id in self._cancel

    def _work(self, run_id: str, kind: str, params: dict, scenario, view: View) -> None:
        if self._cancelled(run_id):
            self._set(run_id, status="cancelled", finished_at=now(), error="cancelled before it started")
            return
        total = int(params.get("runs", 0))
        self._set(run_id, status="running", started_at=now(), total=total)
        last = [0.0]

        def progress(done: int, of: int) -> None:
            if self._cancelled(run_id):
                raise Cancelled
            t = time.monotonic()
            if t - last[0] > 0.25 or done >= of:
                last[0] = t
                self._set(run_id, done=int(done), total=int(of))

        try:
            with self.store.open(view) as wh:
                if kind == "simulate":
                    result = wh.simulate(scenario, runs=params["runs"], seed=params["seed"], progress=progress,
                                         allow_proxy=params.get("allow_proxy", False))
                else:
                    result = wh.optimise(scenario=scenario, runs=params["runs"], seed=params["seed"],
                                         mode=params.get("mode", "both"), alliance=params.get("alliance") or
                                         scenario.alliance)
            if self._cancelled(run_id):
                raise Cancelled
            meta = getattr(result, "meta", {}) or {}
            secret = sorted(set(meta.get("confidential_members") or []))
            if secret and secret != [view.member]:  # the shared snapshot holds no member's rows; never store this
                raise RuntimeError("the run used confidential data of a member other than its owner; refused")
            path = self.results / f"{run_id}.parquet"
            result.to_parquet(path)
            for hook in self.on_done:
                try:
                    hook(run_id, kind, result)
                except Exception:  # a hook's fault never fails a run whose result is stored
                    log.exception("after-run hook for %s", run_id)
            self._set(run_id, status="done", finished_at=now(), done=total, result_path=str(path),
                      result_kind=getattr(result, "kind", "result"), confidential_members=secret)
        except Cancelled:
            self._set(run_id, status="cancelled", finished_at=now(), error="cancelled while running")
        except ChokepointsError as e:
            self._set(run_id, status="failed", finished_at=now(), error=_clean(str(e), self.store))
        except Exception as e:  # a crash in the library: the run says why, the service goes on
            log.exception("run %s failed", run_id)
            self._set(run_id, status="failed", finished_at=now(),
                      error=_clean(f"{type(e).__name__}: {e}", self.store))

    def shutdown(self) -> None:
        with self._lock:
            self._cancel.update(self._futures)
        self.pool.shutdown(wait=True, cancel_futures=True)


def new_id() -> str:
    return uuid.uuid4().hex[:16]


def _clean(text: str, store: WarehouseStore) -> str:
    """An error message without the server's folders."""
    return text.replace(str(store.state), "<service>").replace(str(store.base.parent), "<warehouse>")[:2000]
