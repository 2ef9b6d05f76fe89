"""Scenarios and runs for the dashboard, under the REST service's rules (routes.py): an analyst's scenarios and runs
are its member's and use its member's copy of the warehouse; an admin's are the alliance's and use the shared
snapshot; an observer reads the alliance's and writes nothing. A run goes through the service's own job machinery
(service.jobs), so the REST API sees it too.

A stored run keeps its summary table (the result protocol's Parquet). The pages also draw what only the full result
object holds (the monthly fan of a simulation; the portfolio and per-project table of an optimisation): the job
manager hands every finished result to `Details.record`, which keeps it beside the results
(`<state>/dashboard/details/<id>.json`) at no extra cost. A run finished before the dashboard was mounted is re-drawn
once, with the run's own seed and number of runs on the warehouse view of the run's scope (never the reader's), on
the service's thread pool; the same seed gives the same numbers (docs/api.md), which the page checks against the
stored summary.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import select

import chokepoints as ck
from chokepoints.errors import ChokepointsError, ScenarioError, parse_toml
from chokepoints.service.auth import ALLIANCE, Principal
from chokepoints.service.db import Run, StoredScenario
from chokepoints.service.jobs import new_id

log = logging.getLogger("chokepoints.service")


# ---------------------------------------------------------------------- scenarios

def scenarios(service, p: Principal) -> list[dict]:
    """Built-in scenarios, the alliance's, and (an analyst's) its member's: name, scope, title, chain."""
    from chokepoints.scenarios import builtin_names

    out = []
    for n in builtin_names():
        sc = ck.scenario(n)
        out.append({"name": n, "scope": "built-in", "title": sc.title, "chain": sc.chain or "(tariffs)",
                    "tariffs": bool(sc.tariffs) and not (sc.measures or sc.outages)})
    with service.sessions() as s:
        for row in s.scalars(select(StoredScenario).where(StoredScenario.scope.in_(_scopes(p)))
                             .order_by(StoredScenario.name)):
            measures = row.body.get("measures") or []
            tariffs = bool(measures) and all(m.get("kind") == "import_tariff" for m in measures)
            out.append({"name": row.name, "scope": row.scope, "title": row.body.get("title", ""),
                        "chain": row.body.get("chain") or "(tariffs)", "tariffs": tariffs})
    return out


def _scopes(p: Principal) -> list[str]:
    return [ALLIANCE] + ([p.member] if p.role == "analyst" and p.member else [])


def _stored(service, scopes: list[str], name: str) -> dict | None:
    with service.sessions() as s:
        for scope in scopes:
            row = s.scalar(select(StoredScenario).where(StoredScenario.scope == scope, StoredScenario.name == name))
            if row is not None:
                return dict(row.body)
    return None


def find(service, p: Principal, name: str) -> tuple[str, dict | None] | None:
    """(scope, stored body or None for a built-in) of the scenario NAME this person may read, else None."""
    from chokepoints.scenarios import builtin_names

    for scope in reversed(_scopes(p)):  # own member's first, as the REST service resolves names
        body = _stored(service, [scope], name)
        if body is not None:
            return scope, body
    return ("built-in", None) if name in builtin_names() else None


def toml_text(service, p: Principal, name: str) -> str | None:
    """The scenario's TOML as its author wrote it (a built-in file, with its comments) or written from its stored
    definition."""
    from chokepoints.scenarios import builtin_path

    found = find(service, p, name)
    if found is None:
        return None
    scope, body = found
    if body is None:
        return builtin_path(name).read_text(encoding="utf-8")
    return to_toml(body)


def parse(name: str, text: str):
    """(raw dict as stored, Scenario) from TOML text; ScenarioError naming the key."""
    from chokepoints.shocks.scenario import Scenario

    origin = f"scenario '{name}'"
    raw = parse_toml(text, file=origin, error=ScenarioError)
    raw = json.loads(json.dumps(raw, default=str))
    raw["name"] = name
    return raw, Scenario.from_dict(raw, origin=origin, default_name=name)


def store(service, p: Principal, name: str, raw: dict) -> str | None:
    """Store a scenario in the person's scope; a problem (name taken) as text, else None."""
    from chokepoints.scenarios import builtin_names

    if name in builtin_names():
        return f"'{name}' is a built-in scenario: choose another name"
    with service.sessions.begin() as s:
        if s.scalar(select(StoredScenario).where(StoredScenario.scope == p.scope, StoredScenario.name == name)):
            return f"you already have a scenario '{name}': choose another name"
        s.add(StoredScenario(scope=p.scope, name=name, body=raw, user_id=p.user_id))
    return None


def free_name(service, p: Principal, base: str) -> str:
    """BASE-v2, -v3, ...: the first name neither built in nor stored in the person's scope."""
    from chokepoints.scenarios import builtin_names

    stem = base.rsplit("-v", 1)[0] if base.rsplit("-v", 1)[-1].isdigit() else base
    for i in range(2, 1000):
        name = f"{stem}-v{i}"[:120]
        if name not in builtin_names() and _stored(service, [p.scope], name) is None:
            return name
    return f"{stem}-{new_id()[:6]}"


def load(service, scope: str, name: str):
    """The Scenario NAME as a run of SCOPE sees it (its member's, the alliance's, or a built-in)."""
    from chokepoints.shocks.scenario import Scenario

    scopes = [scope, ALLIANCE] if scope != ALLIANCE else [ALLIANCE]
    body = _stored(service, scopes, name)
    return ck.scenario(name) if body is None else Scenario.from_dict(body, origin=f"scenario '{name}'",
                                                                    default_name=name)


def _value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(x)}" for k, x in v.items() if x is not None) + " }"
    return json.dumps(str(v), ensure_ascii=False)


def _key(k: str) -> str:
    return k if k.replace("_", "").replace("-", "").isalnum() else json.dumps(k)


def to_toml(d: dict, prefix: str = "") -> str:
    """A scenario definition (nested dicts and lists of dicts, as stored) as TOML text."""
    scalars, tables, arrays = [], [], []
    for k, v in d.items():
        if v is None:
            continue
        if isinstance(v, dict) and "dist" not in v:
            tables.append((k, v))
        elif isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            arrays.append((k, v))
        else:
            scalars.append(f"{_key(k)} = {_value(v)}")
    out = "\n".join(scalars) + ("\n" if scalars else "")
    for k, v in tables:
        out += f"\n[{prefix}{_key(k)}]\n" + to_toml(v, f"{prefix}{_key(k)}.")
    for k, v in arrays:
        for item in v:
            out += f"\n[[{prefix}{_key(k)}]]\n" + to_toml(item, f"{prefix}{_key(k)}.")
    return out


# ---------------------------------------------------------------------- runs

def submit(service, p: Principal, *, kind: str, name: str, sc, runs: int, seed: int, mode: str = "both",
           allow_proxy: bool = False) -> Run:
    """Queue a run as POST /v1/runs does (ChokepointsError with the reason when it cannot run)."""
    from chokepoints.service.app import view_of

    if not 1 <= runs <= service.settings.max_runs:
        raise ChokepointsError(f"runs must be between 1 and {service.settings.max_runs}")
    if kind == "optimise" and sc.tariffs and not (sc.measures or sc.outages):
        raise ChokepointsError(f"scenario {name} holds only tariffs: the optimiser needs export controls or outages")
    if not (sc.measures or sc.outages or sc.tariffs):
        raise ChokepointsError(f"scenario {name} has no measures, outages or tariffs")
    view = view_of(service, p)
    params = {"runs": runs, "seed": seed, "mode": mode, "allow_proxy": allow_proxy}
    if kind == "optimise":
        params["alliance"] = None
    run = Run(id=new_id(), kind=kind, scope=p.scope, scenario=name, params=params, user_id=p.user_id,
              status="queued", done=0, total=runs, warehouse=view.version, confidential_members=[])
    with service.sessions.begin() as s:
        s.add(run)
    service.jobs.submit(run, sc, view)
    return run


def visible_runs(service, p: Principal, limit: int = 50) -> list[Run]:
    with service.sessions() as s:
        return list(s.scalars(select(Run).where(Run.scope.in_(_scopes(p))).order_by(Run.created_at.desc())
                              .limit(limit)))


def visible_run(service, p: Principal, run_id: str) -> Run | None:
    """The run if this person may read it (None otherwise, whether it exists or not)."""
    with service.sessions() as s:
        r = s.get(Run, run_id[:32])
    return r if r is not None and p.can_read(r.scope) else None


def result(run: Run):
    return ck.read_result(run.result_path) if run.status == "done" and run.result_path else None


def survive_table(summary: pd.DataFrame, horizon: int) -> pd.DataFrame:
    """member, stage, then time to survive and to recover (months: p5, median, p95), exposed and output lost
    (medians): one row per member and stage exposed to anything or losing anything; '> horizon' where censored."""

    def months(v) -> str:
        return f"> {horizon}" if not np.isfinite(v) else f"{v:g}"

    wide = {m: g.set_index(["member", "stage"])[["p5", "p50", "p95"]] for m, g in summary.groupby("metric")}
    rows = []
    for member, stage in summary[["member", "stage"]].drop_duplicates().itertuples(index=False):
        k = (member, stage)
        exposed = wide["exposed_t"].loc[k] if "exposed_t" in wide else None
        lost = wide["output_lost_t"].loc[k]
        if not ((exposed is not None and exposed["p95"] > 0) or lost["p95"] > 0):
            continue
        tts, ttr = wide["time_to_survive_months"].loc[k], wide["time_to_recover_months"].loc[k]
        rows.append({"member": member, "stage": stage,
                     "tts_p5": months(tts["p5"]), "tts_p50": months(tts["p50"]), "tts_p95": months(tts["p95"]),
                     "ttr_p50": months(ttr["p50"]), "lost_p50": float(lost["p50"]),
                     "exposed_p50": float(exposed["p50"]) if exposed is not None else 0.0})
    return pd.DataFrame(rows, columns=["member", "stage", "tts_p5", "tts_p50", "tts_p95", "ttr_p50", "lost_p50",
                                       "exposed_p50"])


# ---------------------------------------------------------------------- details (kept when a run ends)

class Details:
    """Figures and tables of a done run that only the full result object gives: kept when the run ends, or re-drawn
    once for a run that ended before."""

    def __init__(self, service):
        self.service = service
        self.folder = Path(service.store.state) / "dashboard" / "details"
        self.folder.mkdir(parents=True, exist_ok=True)
        self._busy: dict[str, object] = {}
        self._lock = threading.Lock()
        service.jobs.on_done.append(self.record)  # runs finished from now on are drawn from their live result

    def record(self, run_id: str, kind: str, r) -> None:
        """Keep the details of a run that just finished, from its result object (no second computation)."""
        self._write(run_id, _doc(kind, r, consistent=True, warehouse=None))

    def path(self, run_id: str) -> Path:
        return self.folder / f"{run_id}.json"

    def get(self, run: Run) -> dict | None:
        """The run's details, or None while they are drawn (drawing starts at the first call)."""
        path = self.path(run.id)
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
        with self._lock:
            if run.id not in self._busy:
                self._busy[run.id] = self.service.jobs.pool.submit(self._draw, run)
        return None

    def _draw(self, run: Run) -> None:
        try:
            doc = self._compute(run)
        except Exception as e:  # the page says why; the service goes on
            log.exception("dashboard details of run %s", run.id)
            doc = {"error": self.service.clean(f"{type(e).__name__}: {e}")}
        self._write(run.id, doc)
        with self._lock:
            self._busy.pop(run.id, None)

    def _write(self, run_id: str, doc: dict) -> None:
        tmp = self.path(run_id).with_suffix(".partial")
        tmp.write_text(json.dumps(doc, default=str), encoding="utf-8")
        tmp.replace(self.path(run_id))

    def _compute(self, run: Run) -> dict:
        store = self.service.store
        view = store.shared if run.scope == ALLIANCE else store.view(run.scope)
        sc = load(self.service, run.scope, run.scenario)
        prm = run.params
        with store.open(view) as wh:
            if run.kind == "simulate":
                r = wh.simulate(sc, runs=prm["runs"], seed=prm["seed"], allow_proxy=prm.get("allow_proxy", False))
            else:
                r = wh.optimise(scenario=sc, runs=prm["runs"], seed=prm["seed"], mode=prm.get("mode", "both"),
                                alliance=prm.get("alliance") or sc.alliance)
        stored = result(run)
        same = stored is not None and _same(stored.summary, r.summary)
        doc = _doc(run.kind, r, consistent=same, warehouse=view.version)
        doc["run_warehouse"] = run.warehouse
        return doc


def _doc(kind: str, r, *, consistent: bool, warehouse) -> dict:
    """A run's details as the run page shows them: its figure, and for the optimiser its portfolios and projects."""
    doc = {"figure": json.loads(r.plot().to_json()), "consistent": consistent, "warehouse": warehouse}
    if kind == "optimise":
        d = r.to_dict()
        doc["portfolio"] = {m: d[m]["portfolio"] for m in ("joint", "solo") if m in d}
        doc["projects"] = d.get("projects", [])
        doc["binding"] = d.get("binding", {})
        doc["caption"] = _optimise_caption(d)
    return doc


def _same(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    try:
        num = a.select_dtypes("number").columns
        return a.shape == b.shape and np.allclose(a[num].to_numpy(float), b[num].to_numpy(float), rtol=1e-6,
                                                   equal_nan=True)
    except (ValueError, TypeError):
        return False


def _optimise_caption(d: dict) -> str:
    m = d.get("meta", {})
    return (f"Shortfall: chokepoints shock engine, scenario {m.get('scenario')} ({m.get('runs')} runs, seed "
            f"{m.get('seed')}, start {m.get('start')}, {m.get('horizon_months')} months). Projects: "
            "data/curated/projects.csv with optimise/project_assumptions.csv; costs: optimise/costs.toml.")
