"""Benchmark: the full dependency screen of a 10M-row synthetic BACI year, all products, for EU27, JPN, EU27+JPN.

Contenders, each in its own process on the same warehouse (read-only): chokepoints (Ibis over DuckDB), one
hand-written DuckDB SQL query computing the same columns, and a plain pandas version. The results of all three are
compared before timing is reported. Usage:
    python benchmarks/bench_screen.py [--rows 10000000] [--repeat 1]
Targets (issue #3): <= 1.5x the hand-written query, >= 10x faster than pandas. Results: benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import WORK, machine, publish, results_table, run  # noqa: E402

BLOCS = ["EU27", "JPN", "EU27+JPN"]

SETUP_CK = """
    import chokepoints as ck
    from chokepoints.metrics.dependency import dependency
    wh = ck.open(DB, read_only=True)
    blocs = [ck.bloc(b) for b in BLOCS]
    # one tiny query loads Ibis' compiler modules (lazy imports), as the other contenders' imports are outside too
    dependency(wh, blocs[1], year=2022, products={"warm-up": ["010121"]})
"""
RUN_CK = """
    out = {b.code: dependency(wh, b, year=2022) for b in blocs}
    import pickle; pickle.dump({k: v[["product", "m_ext", "x_ext", "m_int", "hhi", "top1_share"]] for k, v in
                                out.items()}, open(OUT + "/ck.pkl", "wb"))
"""

SETUP_SQL = """
    import duckdb
    import chokepoints as ck
    con = duckdb.connect(DB, read_only=True)
    parts = [r[0] for r in con.execute("SELECT path FROM _parts WHERE tbl = 'trade'").fetchall()]
    files = ", ".join(f"'{PARTS}/{p}'" for p in parts)
    members = {b: sorted(ck.bloc(b).members) for b in BLOCS}
    QUERY = '''
    WITH f AS (SELECT hs6 AS product, exporter, importer, value_usd AS v,
                      exporter IN ({m}) AS ei, importer IN ({m}) AS ii
               FROM read_parquet([{files}]) WHERE year = 2022 AND value_usd > 0 AND exporter <> importer),
    sup AS (SELECT product, exporter, sum(v) AS v FROM f WHERE NOT ei AND ii GROUP BY product, exporter),
    r AS (SELECT *, sum(v) OVER (PARTITION BY product) AS m,
                 row_number() OVER (PARTITION BY product ORDER BY v DESC, exporter) AS rn FROM sup),
    conc AS (SELECT product, sum(v) AS m_ext, sum((v / m) ^ 2) AS hhi, min(exporter) FILTER (rn = 1) AS top1,
                    sum(v / m) FILTER (rn = 1) AS top1_share,
                    string_agg(exporter, ';' ORDER BY rn) FILTER (rn <= 3) AS top3,
                    sum(v / m) FILTER (rn <= 3) AS top3_share, count(*) AS n_suppliers FROM r GROUP BY product),
    tot AS (SELECT product, sum(v) FILTER (ei AND NOT ii) AS x_ext, sum(v) FILTER (ei AND ii) AS m_int
            FROM f GROUP BY product)
    SELECT tot.product, coalesce(m_ext, 0) AS m_ext, coalesce(x_ext, 0) AS x_ext, coalesce(m_int, 0) AS m_int,
           hhi, top1, top1_share, top3, top3_share, n_suppliers,
           CASE WHEN coalesce(x_ext, 0) > 0 THEN coalesce(m_ext, 0) / x_ext END AS ratio_m_x,
           coalesce(m_ext, 0) / nullif(coalesce(m_ext, 0) + coalesce(m_int, 0), 0) AS ext_share
    FROM tot LEFT JOIN conc USING (product)'''
"""
RUN_SQL = """
    out = {}
    for b, m in members.items():
        q = QUERY.format(m=", ".join(f"'{c}'" for c in m), files=files)
        df = con.execute(q).df()
        df["ec_flag"] = (df["hhi"] > 0.4) & (df["ratio_m_x"] > 1) & (df["ext_share"] > 0.5)
        out[b] = df
"""

SETUP_PD = """
    import pandas as pd
    import duckdb
    import chokepoints as ck
    con = duckdb.connect(DB, read_only=True)
    parts = [r[0] for r in con.execute("SELECT path FROM _parts WHERE tbl = 'trade'").fetchall()]
    members = {b: ck.bloc(b).members for b in BLOCS}
"""
RUN_PD = """
    trade = pd.concat([pd.read_parquet(PARTS + "/" + p) for p in parts])
    trade = trade.astype({"exporter": str, "importer": str, "hs6": str})  # Parquet dictionaries -> text
    trade = trade[(trade["year"] == 2022) & (trade["value_usd"] > 0) & (trade["exporter"] != trade["importer"])]
    out = {}
    for b, m in members.items():
        ei, ii = trade["exporter"].isin(m), trade["importer"].isin(m)
        sup = trade[~ei & ii].groupby(["hs6", "exporter"], observed=True)["value_usd"].sum().rename("v").reset_index()
        sup["m"] = sup.groupby("hs6", observed=True)["v"].transform("sum")
        sup["s"] = sup["v"] / sup["m"]
        sup = sup.sort_values(["hs6", "v"], ascending=[True, False])
        g = sup.groupby("hs6", observed=True)
        conc = pd.DataFrame({"m_ext": g["v"].sum(), "hhi": g["s"].apply(lambda s: (s ** 2).sum()),
                             "top1": g["exporter"].first(), "top1_share": g["s"].first(),
                             "top3_share": g["s"].apply(lambda s: s.head(3).sum()), "n_suppliers": g.size()})
        tot = pd.DataFrame({"x_ext": trade[ei & ~ii].groupby("hs6", observed=True)["value_usd"].sum(),
                            "m_int": trade[ei & ii].groupby("hs6", observed=True)["value_usd"].sum()})
        df = tot.join(conc, how="outer").fillna({"m_ext": 0.0, "x_ext": 0.0, "m_int": 0.0})
        df["ratio_m_x"] = df["m_ext"] / df["x_ext"].where(df["x_ext"] > 0)
        df["ext_share"] = df["m_ext"] / (df["m_ext"] + df["m_int"])
        df["ec_flag"] = (df["hhi"] > 0.4) & (df["ratio_m_x"] > 1) & (df["ext_share"] > 0.5)
        out[b] = df.reset_index()
    import pickle; pickle.dump({k: v.rename(columns={"hs6": "product"})[["product", "m_ext", "x_ext", "m_int", "hhi",
                                "top1_share"]] for k, v in out.items()}, open(OUT + "/pd.pkl", "wb"))
"""

CONTENDERS = {
    "chokepoints dependency() (Ibis on DuckDB)": (SETUP_CK, RUN_CK),
    "hand-written DuckDB SQL, one query per bloc": (SETUP_SQL, RUN_SQL),
    "plain pandas": (SETUP_PD, RUN_PD),
}


def prepare(rows: int) -> Path:
    """A warehouse holding `rows` synthetic BACI flows (made once, reused)."""
    import chokepoints as ck
    from chokepoints.ingest import Found, baci
    from chokepoints.synth import write_baci

    db = WORK / f"screen_{rows}" / "wh.duckdb"
    if db.exists():
        return db
    csv = WORK / f"baci_synth_{rows}.csv"
    if not csv.exists():
        write_baci(csv, rows, seed=42)
    with ck.open(db) as wh:
        wh.load([Found(baci, csv, csv.stem, [csv])])
    return db


def same_results(out: Path) -> str:
    """Compare chokepoints' and pandas' figures for every bloc and product (pandas is the independent check)."""
    import pickle

    import numpy as np

    a, b = pickle.load(open(out / "ck.pkl", "rb")), pickle.load(open(out / "pd.pkl", "rb"))
    worst = 0.0
    for bloc in BLOCS:
        x = a[bloc].set_index("product").sort_index()
        y = b[bloc].set_index("product").sort_index().reindex(x.index)
        for col in ("m_ext", "x_ext", "m_int", "hhi", "top1_share"):
            xs, ys = x[col].astype(float).to_numpy(), y[col].astype(float).to_numpy()
            ok = ~(np.isnan(xs) & np.isnan(ys))
            worst = max(worst, float(np.nanmax(np.abs(xs[ok] - ys[ok]) / np.maximum(np.abs(ys[ok]), 1e-9))))
    return f"largest relative difference chokepoints vs pandas over all blocs, products and columns: {worst:.1e}"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    t = time.perf_counter()
    db = prepare(args.rows)
    print(f"warehouse ready ({time.perf_counter() - t:.1f}s): {db}")
    out = WORK / "screen_out"
    params = {"db": str(db), "parts": str(db.with_suffix(".parts")), "blocs": BLOCS}
    results = {}
    for name, code in CONTENDERS.items():
        results[name] = min((run(code, out, **params) for _ in range(args.repeat)), key=lambda r: r[0])
        print(f"{name}: {results[name][0]:.2f}s, peak RSS {results[name][1]:.0f} MiB", flush=True)
        if name.startswith("chokepoints"):
            keep = (out / "ck.pkl").read_bytes()
    (out / "ck.pkl").write_bytes(keep)
    check = same_results(out)
    ours, sql, pdx = results.values()
    lines = [
        f"## screen: {args.rows:,}-row synthetic BACI year, all products, blocs {', '.join(BLOCS)}",
        "",
        f"{machine()}; `python benchmarks/bench_screen.py --rows {args.rows}`; best of {args.repeat}. Wall time of "
        "the screen itself (imports, opening the warehouse and, for chokepoints, one tiny warm-up query that loads "
        "Ibis' compiler excluded); peak RSS of the process.",
        "",
        *results_table(results),
        "",
        f"- chokepoints / hand-written SQL: **{ours[0] / sql[0]:.2f}x** the time (target <= 1.5x)",
        f"- pandas / chokepoints: **{pdx[0] / ours[0]:.1f}x** slower (target >= 10x)",
        f"- {check}",
        "",
    ]
    publish("screen", lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
