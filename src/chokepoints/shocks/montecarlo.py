"""Monte Carlo: the scenario's uncertain parameters drawn as a run axis, run in batches through an executor.

Batches have a fixed size and each its own child of `SeedSequence(seed)`, so the same seed gives the same numbers
whichever executor runs them and however many workers it has.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from threadpoolctl import threadpool_limits

from chokepoints.results import ResultMixin
from chokepoints.shocks.compile import Plan, draw
from chokepoints.shocks.executors import Executor, SerialExecutor
from chokepoints.shocks.propagate import propagate

BATCH = 250
METRICS = ("output_lost_t", "output_lost_usd", "shortfall_t", "time_to_survive_months", "time_to_recover_months",
           "exposed_t")


@dataclass(frozen=True)
class Task:
    plan: Plan | None  # None when the executor sends the plan once for all batches (run_batch_of)
    batch: int
    seed: np.random.SeedSequence
    runs: int
    first_run: int
    detail: bool


@dataclass
class BatchResult:
    totals: np.ndarray        # (runs, groups, stages, metrics)
    fan: np.ndarray           # (runs, stages, months): the alliance's output lost per month
    exposed: np.ndarray       # (runs, stages, months): the alliance's gross shortfall per month
    detail: pa.Table | None   # run x country x stage x month rows with any loss, when asked


def batches(runs: int, seed: int, batch: int = BATCH) -> list[tuple[int, int, np.random.SeedSequence]]:
    """(first run, runs, seed) of each batch: run r is the same draw wherever it is computed (the Monte Carlo here,
    the optimiser's supply table in supply.py) and whatever the executor."""
    sizes = [min(batch, runs - i) for i in range(0, runs, batch)]
    seeds = np.random.SeedSequence(seed).spawn(len(sizes))
    return [(b * batch, n, seeds[b]) for b, n in enumerate(sizes)]


def propagate_batch(p: Plan, seed: np.random.SeedSequence, runs: int, *, record: bool = False):
    """Draw `runs` runs of PLAN from `seed` and propagate them: (cuts, response, onset, outcome). The Monte Carlo
    and the optimiser's supply table (supply.py) both call it, so run r is the same draw in both."""
    cuts, outs, resp, onset = draw(p, np.random.default_rng(seed), runs)
    # BLAS splits a matrix product differently with more threads, which changes the last bits of a sum; one
    # thread per batch keeps the same seed bit-identical across executors (parallelism comes from the batches)
    with threadpool_limits(1):
        o = propagate(p.arrays, cuts, outs, resp, n_months=p.n_months, rationing=p.scenario.rationing,
                      members=p.members, onset=onset, record=record)
    return cuts, resp, onset, o


def run_batch_of(plan: Plan, task: Task) -> BatchResult:
    """One batch of PLAN: what `Executor.map_shared` runs, the plan sent once and the tasks only their seeds."""
    return run_batch(Task(plan, task.batch, task.seed, task.runs, task.first_run, task.detail))


def run_batch(task: Task) -> BatchResult:
    p = task.plan
    _, _, onset, o = propagate_batch(p, task.seed, task.runs)
    T = p.n_months
    uv = p.unit_value[None, :, None]  # NaN where the price table has no price: 'not valued', never USD 0
    totals = np.zeros((task.runs, len(p.groups), len(p.stages), len(METRICS)))
    for g, pos in enumerate(p.groups.values()):
        lost = o.output_lost[:, :, pos, :].sum(axis=2)   # (R, S, T)
        short = o.shortfall[:, :, pos, :].sum(axis=2)
        totals[:, g, :, 0] = lost.sum(axis=2)
        totals[:, g, :, 1] = (lost * uv).sum(axis=2)
        totals[:, g, :, 2] = short.sum(axis=2)
        totals[:, g, :, 3], totals[:, g, :, 4] = survive_recover(short + lost, onset, T)
        totals[:, g, :, 5] = o.gross_shortfall[:, :, pos, :].sum(axis=(2, 3))  # before spare capacity and stocks
    fan = o.output_lost[:, :, p.groups["alliance"], :].sum(axis=2)
    exposed = o.gross_shortfall[:, :, p.groups["alliance"], :].sum(axis=2)
    return BatchResult(totals, fan, exposed, _detail(p, o, task.first_run) if task.detail else None)


def survive_recover(loss: np.ndarray, onset: np.ndarray, T: int) -> tuple[np.ndarray, np.ndarray]:
    """Simchi-Levi's time-to-survive and time-to-recover, in months from the shock's onset, per run and stage.

    TTS: months until the first loss; +inf (censored: "> horizon") when there is none within the horizon.
    TTR: months until the last loss is over (0 when there is no loss; +inf, censored, when still losing at the end).
    """
    scale = np.maximum(loss.max(axis=2, keepdims=True), 1e-300)
    hit = loss > 1e-9 * scale
    any_hit = hit.any(axis=2)
    first = np.where(any_hit, hit.argmax(axis=2), T)
    last = np.where(any_hit, T - hit[:, :, ::-1].argmax(axis=2), 0)
    on = onset[:, None]
    tts = np.where(any_hit, np.maximum(first - on, 0.0), np.inf)
    still = hit[:, :, -1]
    ttr = np.where(any_hit, np.where(still, np.inf, np.maximum(last - on, 0.0)), 0.0)
    return tts, ttr


def _detail(p: Plan, o, first_run: int) -> pa.Table:
    # every cell the shock touched, also where stocks and spare capacity covered it all (exposed_t > 0)
    keep = (o.output_lost + o.shortfall + o.gross_shortfall) > 0
    r, s, c, t = np.nonzero(keep)
    uv = p.unit_value
    return pa.table({
        "run": (r + first_run).astype(np.int32),
        "country": pa.array(np.asarray(p.countries, dtype=object)[c]).dictionary_encode(),
        "stage": pa.array(np.asarray(p.stages, dtype=object)[s]).dictionary_encode(),
        "month": t.astype(np.int16),
        "shortfall_t": o.shortfall[keep], "output_lost_t": o.output_lost[keep],
        "output_lost_usd": o.output_lost[keep] * uv[s], "exposed_t": o.gross_shortfall[keep],
        "relief_t": o.relief[keep], "stock_t": o.stock[keep],
    })


@dataclass
class SimulationResult(ResultMixin):
    """What a Monte Carlo run gives back: per run totals per member and stage, the alliance's monthly losses.

    The result protocol (chokepoints.results): `.summary`, `.meta`, `.to_dict()`, `.to_parquet(path)`, `.plot()`.
    """

    kind = "simulation"

    plan: Plan
    runs: int
    seed: int
    totals: np.ndarray   # (runs, groups, stages, metrics)
    fan: np.ndarray      # (runs, stages, months)
    exposed: np.ndarray  # (runs, stages, months)
    data_note: str = ""
    meta: dict = field(default_factory=dict)  # data sets and sha256, code version, parameters, seed, stage status

    @property
    def groups(self) -> list[str]:
        return list(self.plan.groups)

    def per_run(self) -> pd.DataFrame:
        """Long table: run, member, stage, metric, value."""
        R, G, S, M = self.totals.shape
        idx = pd.MultiIndex.from_product([range(R), self.groups, self.plan.stages, METRICS],
                                         names=["run", "member", "stage", "metric"])
        return pd.DataFrame({"value": self.totals.ravel()}, index=idx).reset_index()

    @property
    def summary(self) -> pd.DataFrame:
        """member, stage, metric, mean, p5, p50, p95 over the runs. A censored time (no loss, or still losing, by
        the horizon) is +inf: its quantiles are +inf where more runs than the quantile are censored ("> horizon")."""
        q = percentiles(self.totals, [5, 50, 95])
        with np.errstate(invalid="ignore"):
            mean = self.totals.mean(axis=0)
        G, S, M = mean.shape
        return pd.DataFrame({
            "member": np.repeat(self.groups, S * M),
            "stage": np.tile(np.repeat(self.plan.stages, M), G),
            "metric": np.tile(METRICS, G * S),
            "mean": mean.ravel(), "p5": q[0].ravel(), "p50": q[1].ravel(), "p95": q[2].ravel(),
        })

    def to_dict(self) -> dict:
        sc = self.plan.scenario
        s = self.summary
        horizon = f"> {sc.horizon_months}"
        return {
            "kind": self.kind,
            "scenario": sc.name, "runs": self.runs, "seed": self.seed, "chain": self.plan.scenario.chain,
            "alliance": sc.alliance, "horizon_months": sc.horizon_months, "data": self.data_note,
            "notes": self.plan.notes, "meta": self.meta,
            # 9 significant digits: a process pool's arrays may be aligned differently in memory, which moves the
            # last bit of a SIMD sum; rounded, the same seed prints the same numbers whichever executor ran it.
            # Censored times read "> horizon"; output not valued (no price) is null.
            "summary": [{k: _json_number(v, horizon) for k, v in r.items()}
                        for r in s[["member", "stage", "metric", "p5", "p50", "p95", "mean"]].to_dict("records")],
        }


    def units(self) -> dict[str, str]:
        """Each stage's unit as a reader says it: t, or vehicles for a piece stage."""
        return {r["stage"]: ("vehicles" if r["unit"] == "piece" else r["unit"]) for r in self.meta.get("stages", [])}

    def plot(self):
        """Fan chart of the alliance's monthly output lost per stage; where stocks and spare capacity absorbed it all,
        of the supply cut before them. Titled with the scenario, captioned with the data it rests on."""
        from chokepoints.report.figures import loss_fan

        sc = self.plan.scenario
        lost = self.fan.max() > 0
        what = "output lost by" if lost else "supply cut to (before stocks and spare capacity; none lost)"
        units = self.units()
        return loss_fan(self.fan if lost else self.exposed, self.plan.stages, start=sc.start, source=self.data_note,
                        unit=[units.get(st, "t") for st in self.plan.stages],
                        title=f"{sc.name}: {what} the alliance {sc.alliance} per month ({self.runs:,} runs)")


def _json_number(v, horizon: str):
    if not isinstance(v, float | np.floating):
        return v
    if np.isinf(v):
        return horizon
    if np.isnan(v):
        return None
    return float(f"{v:.9g}")


def percentiles(values: np.ndarray, q: list[float]) -> np.ndarray:
    """Quantiles over axis 0 that keep +inf (censored) and NaN (not valued) meaningful: no interpolation across an
    infinite value (it would give NaN); a quantile is +inf when it falls among the censored runs."""
    finite = np.where(np.isinf(values), np.finfo(float).max, values)
    out = np.percentile(finite, q, axis=0, method="inverted_cdf")
    return np.where(out >= np.finfo(float).max, np.inf, out)


def simulate(plan: Plan, *, runs: int = 1000, seed: int = 0, executor: Executor | None = None,
             out: str | Path | None = None, progress: Callable[[int, int], None] | None = None,
             batch: int = BATCH, data_note: str = "", meta: dict | None = None) -> SimulationResult:
    """Run RUNS draws of PLAN; with OUT, also write run x country x stage x month losses to Parquet."""
    if runs < 1:
        raise ValueError("runs must be at least 1")
    executor = executor or SerialExecutor()
    tasks = [Task(None, b, ss, n, first, out is not None)
             for b, (first, n, ss) in enumerate(batches(runs, seed, batch))]
    totals, fans, exposed, writer, done = [], [], [], None, 0
    tmp = Path(str(out) + ".partial") if out is not None else None
    try:
        for res in executor.map_shared(run_batch_of, plan, tasks):
            totals.append(res.totals)
            fans.append(res.fan)
            exposed.append(res.exposed)
            if res.detail is not None:
                if writer is None:
                    writer = pq.ParquetWriter(tmp, res.detail.schema)
                writer.write_table(res.detail.cast(writer.schema))
            done += res.totals.shape[0]
            if progress:
                progress(done, runs)
        if writer is not None:
            writer.close()
            writer = None
            tmp.replace(out)  # whole file or nothing
    finally:
        if writer is not None:
            writer.close()
        if tmp is not None and tmp.exists():
            tmp.unlink()
    return SimulationResult(plan, runs, seed, np.concatenate(totals), np.concatenate(fans),
                            np.concatenate(exposed), data_note, meta or {})
