"""Refit the licence profile on this checkout's data and rewrite this checkout's profiles.toml.

    python scripts/calibrate_licence.py --figure calibration.html

Reads data/raw/china_comtrade_cm through the ingest (into a temporary warehouse; `--db W` reads a warehouse
instead), prints the fit table, rewrites src/chokepoints/shocks/profiles.toml (`--toml` elsewhere) and, with
`--figure`, writes the observed-vs-fitted figure. An installed package's profiles.toml is never touched: outside a
checkout this script refuses to run; `python -m chokepoints.shocks.calibration` writes a TOML only with `--toml`.
Method: docs/methods/calibration.md; tests/shocks/test_calibration.py fails when profiles.toml is stale.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROFILES = ROOT / "src" / "chokepoints" / "shocks" / "profiles.toml"
DATA = ROOT / "data" / "raw" / "china_comtrade_cm"


def main(argv: Sequence[str] | None = None) -> int:
    if not (PROFILES.is_file() and (ROOT / "pyproject.toml").is_file()):
        print(f"error: {ROOT} is not a chokepoints checkout (no src/chokepoints/shocks/profiles.toml); use "
              "`python -m chokepoints.shocks.calibration --toml OUT`", file=sys.stderr)
        return 1
    from chokepoints.shocks.calibration import main as calibrate

    return calibrate(argv, toml=PROFILES, data=DATA, prog="python scripts/calibrate_licence.py")


if __name__ == "__main__":
    raise SystemExit(main())
