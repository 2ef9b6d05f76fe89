"""Re-run the built-in export-control scenarios on the bundled data and print the table of docs/methods/validation.md.

Usage: CHOKEPOINTS_DB=out/warehouse.duckdb python scripts/validate_scenarios.py [--runs 1000] [--seed 1]
"""

from __future__ import annotations

import argparse

import numpy as np

import chokepoints as ck
from chokepoints.shocks import load_scenario, run

NAMES = ["cn-2025-rare-earths", "cn-2010-japan-rare-earths", "cn-2023-gallium-germanium", "cn-2023-graphite",
         "cd-2025-cobalt", "id-2020-nickel-ore"]


def fmt(v) -> str:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return "not valued"
    if np.isinf(v):
        return "> 24"
    return f"{v:,.0f}" if abs(v) >= 10 else f"{v:.3g}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    print("| scenario | member | stage (unit) | exposed p50 | output lost p50 | USD lost p50 | TTS p50 (p5-p95) |")
    print("|---|---|---|---:|---:|---:|---|")
    with ck.open(read_only=True) as wh:
        for name in NAMES:
            res = run(wh, load_scenario(name), runs=args.runs, seed=args.seed)
            s = res.summary.set_index(["member", "stage", "metric"])
            units = {r["stage"]: ("vehicles" if r["unit"] == "piece" else r["unit"]) for r in res.meta["stages"]}
            shown = False
            for member in ("EU27", "JPN"):
                for stage in res.plan.stages:
                    exposed = s.loc[(member, stage, "exposed_t"), "p50"]
                    lost = s.loc[(member, stage, "output_lost_t"), "p50"]
                    if exposed <= 0 and lost <= 0:
                        continue
                    shown = True
                    tts = s.loc[(member, stage, "time_to_survive_months")]
                    print(f"| {name} | {member} | {stage} ({units[stage]}) | {fmt(exposed)} | {fmt(lost)} | "
                          f"{fmt(s.loc[(member, stage, 'output_lost_usd'), 'p50'])} | {fmt(tts['p50'])} "
                          f"({fmt(tts['p5'])}-{fmt(tts['p95'])}) |")
            if not shown:
                print(f"| {name} | - | - | 0 | 0 | - | touches no flow in the data |")
            for note in res.plan.notes:
                if note.startswith("WARNING"):
                    print(f"<!-- {name}: {note} -->")


if __name__ == "__main__":
    main()
