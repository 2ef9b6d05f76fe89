"""Benchmark: the same code on DuckDB and on Spark (local), and how cost grows with rows and runs.

1. Screen: the full dependency screen (all products, blocs EU27, JPN, EU27+JPN) of every year in a warehouse of
   synthetic BACI years (`--rows` rows a year; warehouses of 1, 3 and 5 years), `dependency()` on DuckDB vs the same
   call on Spark local[*]. Each contender in its own process; the results of both are compared.
2. Monte Carlo: cn-2025-rare-earths on the ~200-country synthetic network of bench_simulate.py, 10k / 50k / 100k
   runs, the local process pool vs the Spark executor (local[*]); the totals of both are compared.

Wall time is the timed work only (imports, opening the warehouse, starting Spark and one tiny warm-up query are
excluded and reported apart); peak RSS is the whole process tree (Python, the Spark JVM and its Python workers),
sampled every 0.1 s. Usage:
    python benchmarks/bench_spark.py [--rows 10000000] [--years 1 3 5] [--runs 10000 50000 100000] [--skip-mc]
Results: benchmarks/RESULTS.md, section "spark".
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import WORK, machine, publish  # noqa: E402

BLOCS = ["EU27", "JPN", "EU27+JPN"]
FIRST_YEAR = 2018

SCREEN = """
    import time, pickle
    _s = time.perf_counter()
    import chokepoints as ck
    from chokepoints.metrics.dependency import dependency
    wh = ck.open(DB, read_only=True, engine=ENGINE)
    blocs = [ck.bloc(b) for b in BLOCS]
    dependency(wh, blocs[1], year=YEARS[0], products={"warm-up": ["010121"]})
    print("SETUP", time.perf_counter() - _s)
    _t0 = time.perf_counter()
    out = {(y, b.code): dependency(wh, b, year=y) for y in YEARS for b in blocs}
    print("TIMED", time.perf_counter() - _t0)
    pickle.dump({k: v[["product", "m_ext", "x_ext", "m_int", "hhi", "top1", "top3", "n_suppliers", "ec_flag"]]
                 for k, v in out.items()}, open(OUT, "wb"))
"""

MONTE_CARLO = """
    import time, pickle
    _s = time.perf_counter()
{setup}
    from chokepoints.shocks.executors import ProcessExecutor, SparkExecutor
    ex = SparkExecutor() if EXECUTOR == "spark" else ProcessExecutor()
    simulate(p, runs=500, seed=2, executor=ex)  # warm-up: the pool's or Spark's workers start
    print("SETUP", time.perf_counter() - _s)
    _t0 = time.perf_counter()
    r = simulate(p, runs=RUNS, seed=1, executor=ex)
    print("TIMED", time.perf_counter() - _t0)
    pickle.dump(r.totals, open(OUT, "wb"))
"""


def run(code: str, **params) -> dict:
    """Run CODE in a fresh Python; its timed seconds, set-up seconds and the peak RSS of its process tree."""
    import psutil

    consts = "".join(f"{k.upper()}={v!r}\n" for k, v in params.items())
    env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1")
    proc = subprocess.Popen([sys.executable, "-c", consts + textwrap.dedent(code)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env)
    root, peak = psutil.Process(proc.pid), 0
    while proc.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.1)
    out = proc.stdout.read()
    if proc.returncode != 0:
        raise SystemExit(f"contender failed with status {proc.returncode}: {params}")
    found = dict(line.split() for line in out.splitlines() if line.startswith(("SETUP", "TIMED")))
    return {"wall": float(found["TIMED"]), "setup": float(found["SETUP"]), "rss": peak / 2**20}


def warehouse(years: int, rows: int) -> Path:
    """A warehouse of YEARS synthetic BACI years of ROWS rows each (made once, reused)."""
    import chokepoints as ck
    from chokepoints.ingest import Found, baci
    from chokepoints.synth import write_baci

    db = WORK / f"spark_{years}y_{rows}" / "wh.duckdb"
    if db.exists():
        return db
    found = []
    for y in range(FIRST_YEAR, FIRST_YEAR + years):
        csv = WORK / f"baci_synth_{rows}_{y}.csv"
        if not csv.exists():
            write_baci(csv, rows, year=y, seed=y)
        found.append(Found(baci, csv, csv.stem, [csv]))
    with ck.open(db) as wh:
        wh.load(found)
    return db


def compare(a: Path, b: Path) -> float:
    """Largest relative difference between two pickled result sets (same keys, rows matched by product)."""
    import pickle

    import numpy as np

    x, y = pickle.load(open(a, "rb")), pickle.load(open(b, "rb"))
    if isinstance(x, np.ndarray):  # equal infinities (censored times) and NaNs (not valued) count as equal
        same = (x == y) | (np.isnan(x) & np.isnan(y))
        with np.errstate(invalid="ignore"):
            rel = np.abs(x - y) / np.maximum(np.abs(x), 1e-300)
        return float(np.max(np.where(same, 0.0, rel), initial=0.0))
    worst = 0.0
    for key in x:
        p, q = x[key].set_index("product").sort_index(), y[key].set_index("product").sort_index()
        assert list(p.index) == list(q.index), key
        for col in ("top1", "top3", "n_suppliers", "ec_flag"):
            assert (p[col].fillna("").astype(str) == q[col].fillna("").astype(str)).all(), (key, col)
        for col in ("m_ext", "x_ext", "m_int", "hhi"):
            u, v = p[col].astype(float).to_numpy(), q[col].astype(float).to_numpy()
            ok = ~(np.isnan(u) & np.isnan(v))
            worst = max(worst, float(np.max(np.abs(u[ok] - v[ok]) / np.maximum(np.abs(u[ok]), 1e-300),
                                            initial=0.0)))
    return worst


def row(what: str, r: dict, base: dict | None, per: float, unit: str) -> str:
    ratio = f"{r['wall'] / base['wall']:.1f}x" if base else "1.0x"
    return (f"| {what} | {r['wall']:.1f} | {r['wall'] / per:.2f} s per {unit} | {ratio} | {r['rss']:.0f} | "
            f"{r['setup']:.1f} |")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--years", type=int, nargs="+", default=[1, 3, 5])
    ap.add_argument("--runs", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    ap.add_argument("--skip-screen", action="store_true")
    ap.add_argument("--skip-mc", action="store_true")
    ap.add_argument("--section", default="spark_screen", help="RESULTS.md section of the screen's table (to keep "
                    "a second size beside the first)")
    args = ap.parse_args()
    out = WORK / "spark_out"
    out.mkdir(parents=True, exist_ok=True)
    head = ["| contender | wall s | cost per unit | vs DuckDB / pool | peak RSS MiB (process tree) | "
            "set-up s (excluded) |", "|---|---:|---:|---:|---:|---:|"]
    screen_cmd = f"--skip-mc --rows {args.rows} --years {' '.join(map(str, args.years))} --section {args.section}"
    mc_cmd = f"--skip-screen --runs {' '.join(map(str, args.runs))}"
    intro = [f"{machine()}; `python benchmarks/bench_spark.py {{cmd}}`; one run each, every "
             "contender in its own process. Spark: local[*] (all cores), default settings of "
             "chokepoints.engines. Set-up (imports, opening, Spark's start, a warm-up) is excluded from wall time; "
             "peak RSS is the whole process tree (Python, the JVM, Spark's Python workers).", ""]
    if not args.skip_screen:
        lines = [f"## Spark vs DuckDB: the screen, {args.rows:,} rows a year", "", intro[0].format(cmd=screen_cmd), "",
                 f"### Screen: all products x blocs {', '.join(BLOCS)}, every year of the warehouse, "
                 f"{args.rows:,} synthetic BACI rows a year", "", *head]
        for years in args.years:
            t = time.perf_counter()
            db = warehouse(years, args.rows)
            print(f"warehouse {years} years ready ({time.perf_counter() - t:.0f}s)", flush=True)
            ys = list(range(FIRST_YEAR, FIRST_YEAR + years))
            res = {}
            for engine in ("duckdb", "spark"):
                res[engine] = run(SCREEN, db=str(db), engine=engine, blocs=BLOCS, years=ys,
                                  out=str(out / f"screen_{engine}.pkl"))
                print(years, engine, res[engine], flush=True)
            diff = compare(out / "screen_duckdb.pkl", out / "screen_spark.pkl")
            n = f"{years} year{'s' if years > 1 else ''} ({years * args.rows:,} rows)"
            m = years * args.rows / 1e6
            lines += [row(f"{n}, DuckDB", res["duckdb"], None, m, "M rows"),
                      row(f"{n}, Spark local", res["spark"], res["duckdb"], m, "M rows")]
            print(f"  largest relative difference DuckDB vs Spark: {diff:.1e}", flush=True)
            lines.append(f"| ↳ same products, suppliers and flags; largest relative difference {diff:.1e} | | | | | |")
            publish(args.section, [*lines, ""])  # after each size: a run cut short keeps what it measured
    if not args.skip_mc:
        from bench_simulate import SETUP

        code = MONTE_CARLO.format(setup=textwrap.indent(textwrap.dedent(SETUP), "    "))
        lines = ["## Spark vs process pool: the Monte Carlo", "", intro[0].format(cmd=mc_cmd), "",
                 "### Monte Carlo: cn-2025-rare-earths, ~200 countries x 6 stages x 24 months, batches of 250 runs",
                 "", *head]
        for runs in args.runs:
            res = {}
            for ex in ("process", "spark"):
                res[ex] = run(code, executor=ex, runs=runs, countries=200, out=str(out / f"mc_{ex}.pkl"))
                print(runs, ex, res[ex], flush=True)
            diff = compare(out / "mc_process.pkl", out / "mc_spark.pkl")
            k = runs / 10_000
            lines += [row(f"{runs:,} runs, process pool", res["process"], None, k, "10k runs"),
                      row(f"{runs:,} runs, Spark executor", res["spark"], res["process"], k, "10k runs"),
                      f"| ↳ largest relative difference of the run totals: {diff:.1e} | | | | | |"]
            publish("spark_mc", [*lines, ""])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
