"""Calibrate the licence profile from a warehouse's China monthly exports; print the fit table.

profiles.toml and the figure are written only where asked to (--toml, --figure).

    python -m chokepoints.shocks.calibration [--db W | --data FOLDER] [--toml OUT] [--figure fit.html]
    python scripts/calibrate_licence.py --figure calibration.html   # in a checkout: rewrites its profiles.toml
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from chokepoints.errors import ChokepointsError, InputError
from chokepoints.shocks.calibration.data import EPISODES, Episode, EpisodeData, episode_data, read_monthly
from chokepoints.shocks.calibration.figure import fit_figure
from chokepoints.shocks.calibration.fit import Fit, fit_licence_profile
from chokepoints.shocks.calibration.report import profiles_toml, table

DEEP_DIVE = "deep_dive_hs6_monthly.csv"  # the per-code file of data/raw/china_comtrade_cm the episodes rest on


def calibrate(wh, *, baseline_months: int = 12, window: int = 13, n_boot: int = 200, seed: int = 0,
              episodes: Sequence[Episode] = EPISODES) -> tuple[Fit, list[EpisodeData]]:
    """Read the episodes' monthly exports from the warehouse WH, build the episodes and fit them."""
    monthly = read_monthly(wh)
    eps = [episode_data(monthly, e, baseline_months=baseline_months, window=window) for e in episodes]
    fit = fit_licence_profile({ep.episode.name: ep.relative for ep in eps},
                              noise={ep.episode.name: ep.baseline_sd for ep in eps}, n_boot=n_boot, seed=seed)
    return fit, eps


def calibrate_folder(folder: str | Path, **kw) -> tuple[Fit, list[EpisodeData]]:
    """`calibrate` on a china_comtrade_cm folder, loaded by the ingest into a temporary warehouse."""
    import chokepoints as ck

    folder = Path(folder)
    if not (folder / DEEP_DIVE).is_file():
        raise InputError(f"{DEEP_DIVE} not found", file=folder, hint="give the folder data/raw/china_comtrade_cm")
    with tempfile.TemporaryDirectory() as tmp, ck.open(Path(tmp) / "calibration.duckdb") as wh:
        wh.ingest([folder], include_defaults=False)
        return calibrate(wh, **kw)


def main(argv: Sequence[str] | None = None, *, toml: Path | None = None, data: Path | None = None,
         prog: str = "python -m chokepoints.shocks.calibration") -> int:
    """The command line; TOML and DATA are the defaults of --toml and --data (scripts/calibrate_licence.py gives
    the checkout's own). Without --toml nothing is written but the figure."""
    parser = argparse.ArgumentParser(prog=prog, description=" ".join(__doc__.split("\n\n")[:2]))
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--db", type=Path, default=None,
                        help="warehouse holding china_comtrade_cm (default: CHOKEPOINTS_DB or the user's)")
    source.add_argument("--data", type=Path, default=data,
                        help="a china_comtrade_cm folder, loaded into a temporary warehouse instead"
                             + (f" (default: {data})" if data else ""))
    parser.add_argument("--toml", type=Path, default=toml,
                        help="write profiles.toml here" + (f" (default: {toml})" if toml else " (default: nowhere)"))
    parser.add_argument("--figure", type=Path, default=None, help="write the observed-vs-fitted figure (HTML) here")
    parser.add_argument("--boot", type=int, default=200, help="bootstrap replications (default 200)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--window", type=int, default=13, help="months fitted from the effective month (default 13)")
    args = parser.parse_args(argv)
    kw = {"window": args.window, "n_boot": args.boot, "seed": args.seed}
    try:
        if args.db is None and args.data is not None:
            fit, eps = calibrate_folder(args.data, **kw)
        else:
            import chokepoints as ck

            with ck.open(args.db, read_only=True) as wh:
                fit, eps = calibrate(wh, **kw)
    except ChokepointsError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(table(fit, eps))
    if args.toml is not None:
        args.toml.write_text(profiles_toml(fit, eps), encoding="utf-8")
        print(f"\nwrote {args.toml}")
    if args.figure is not None:
        args.figure.parent.mkdir(parents=True, exist_ok=True)
        fit_figure(fit, eps).write_html(args.figure, include_plotlyjs=True, full_html=True)
        print(f"wrote {args.figure}")
    return 0
