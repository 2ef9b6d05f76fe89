"""Benchmark: ingest a 10M-row synthetic BACI year, next to DuckDB alone and pandas.

Each contender runs in its own process so that its peak RSS is its own (os.wait4 rusage). Results are printed and
written to benchmarks/RESULTS.md (section "ingest"). Usage:
    python benchmarks/bench_ingest.py [--rows 10000000] [--repeat 1]
Targets (issue #2): within 1.5x of DuckDB's read_csv -> Parquet, >= 5x faster than pandas, peak RSS <= 2 GiB.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import WORK, machine, publish, results_table, run  # noqa: E402

# Each contender: (imports, the timed operation). Imports are outside the timer for all three alike.
CONTENDERS = {
    "chokepoints ingest (validate + map codes + Parquet + commit)": ("""
        import chokepoints as ck
        from chokepoints.ingest import Found, baci
        from pathlib import Path
    """, """
        p = Path(CSV)
        with ck.open(OUT + "/wh.duckdb") as wh:
            wh.load([Found(baci, p, p.stem, [p])])
    """),
    "DuckDB read_csv -> Parquet (no checks)": ("""
        import duckdb
    """, """
        duckdb.sql(f"COPY (SELECT * FROM read_csv('{CSV}')) TO '{OUT}/duck.parquet' (FORMAT parquet, COMPRESSION zstd)")
    """),
    "pandas read_csv -> to_parquet (no checks)": ("""
        import pandas as pd
    """, """
        pd.read_csv(CSV, dtype={"k": str}, na_values=["NA"]).to_parquet(OUT + "/pandas.parquet")
    """),
    "pandas, same job (map codes, same checks, Parquet)": ("""
        import pandas as pd
        from chokepoints.reference.countries import _trade_codes
        from chokepoints.reference.hs import known_hs_codes
    """, """
        df = pd.read_csv(CSV, na_values=["NA"], skipinitialspace=True)
        codes = _trade_codes()
        out = pd.DataFrame({"year": df["t"], "exporter": df["i"].map(codes), "importer": df["j"].map(codes),
                            "hs6": df["k"].astype(str).str.zfill(6), "value_usd": df["v"] * 1000,
                            "quantity_t": df["q"], "reporter": None})
        assert out["exporter"].notna().all() and out["importer"].notna().all()
        assert out["hs6"].isin(known_hs_codes()).all()
        assert (out["value_usd"] >= 0).all() and not (out["quantity_t"] < 0).any()
        assert not out.duplicated(["year", "exporter", "importer", "hs6"]).any()
        out.to_parquet(OUT + "/pandas.parquet")
    """),
}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    from chokepoints.synth import write_baci

    csv = WORK / f"baci_synth_{args.rows}.csv"
    if not csv.exists():
        t = time.perf_counter()
        write_baci(csv, args.rows, seed=42)
        print(f"wrote {csv} ({csv.stat().st_size / 2**20:.0f} MiB) in {time.perf_counter() - t:.1f}s")
    results = {}
    for name, code in CONTENDERS.items():
        best = min((run(code, WORK / "out", csv=str(csv), rows=args.rows) for _ in range(args.repeat)),
                   key=lambda r: r[0])
        results[name] = best
        print(f"{name}: {best[0]:.2f}s, peak RSS {best[1]:.0f} MiB", flush=True)
    ours = results[next(iter(CONTENDERS))]
    duck = results["DuckDB read_csv -> Parquet (no checks)"]
    pand = results["pandas read_csv -> to_parquet (no checks)"]
    same = results["pandas, same job (map codes, same checks, Parquet)"]
    lines = [
        f"## ingest: {args.rows:,}-row synthetic BACI CSV ({csv.stat().st_size / 2**20:.0f} MiB)",
        "",
        f"{machine()}; `python benchmarks/bench_ingest.py --rows {args.rows}`; best of {args.repeat}.",
        "",
        "Wall time of the operation itself (imports excluded, for all alike); peak RSS of the whole process.",
        "",
        *results_table(results),
    ]
    lines += [
        "",
        f"- chokepoints / DuckDB alone: **{ours[0] / duck[0]:.2f}x** the time (target <= 1.5x)",
        f"- pandas read_csv -> to_parquet / chokepoints: **{pand[0] / ours[0]:.1f}x** (target >= 5x)",
        f"- pandas doing the same job / chokepoints: **{same[0] / ours[0]:.1f}x**",
        f"- chokepoints peak RSS: **{ours[1]:.0f} MiB** (target <= 2048 MiB)",
        "",
    ]
    publish("ingest", lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
