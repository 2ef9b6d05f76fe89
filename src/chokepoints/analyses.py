"""What a user does with the warehouse, as methods of the container (pymrio's IOSystem, PyPSA's Network):

    wh = ck.open()
    wh.dependency(bloc="EU27+JPN", chain="rare-earth-magnets")      # DataFrame, one row per stage
    wh.criticality(materials=["Gallium"])                            # DataFrame
    wh.network("rare-earth-magnets")                                 # Network
    r = wh.simulate("cn-2025-rare-earths", runs=1000, seed=1)        # SimulationResult (or TariffResult)
    o = wh.optimise(scenario="cn-2025-rare-earths", chain="rare-earth-magnets")   # OptimiseResult

Names or objects are accepted everywhere (a bloc code or a Bloc, a chain id or a Chain, a scenario name, a TOML path
or a Scenario). The CLI calls exactly these methods; a wrong type raises a TypeError naming the argument.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

import pandas as pd

from chokepoints.errors import ChokepointsError, InputError
from chokepoints.reference.blocs import Bloc

# Beyond this a run's per-run outcomes (members x stages x months) outgrow a workstation's memory long before the
# percentiles gain a digit; 100,000-run studies are well inside it.
MAX_RUNS = 1_000_000


def _check(name: str, value, types: tuple, what: str) -> None:
    if not isinstance(value, types) or isinstance(value, bool) and bool not in types:
        raise TypeError(f"{name} must be {what}, not {type(value).__name__} {value!r}")


def _check_runs_seed(runs, seed) -> None:
    """Monte Carlo runs >= 1 and a seed >= 0, as whole numbers (TypeError / InputError naming which)."""
    _check("runs", runs, (int,), "a whole number of runs >= 1")
    _check("seed", seed, (int,), "a whole number >= 0")
    if runs < 1 or seed < 0:
        raise InputError(f"{'runs must be >= 1' if runs < 1 else 'seed must be >= 0'}",
                         field="runs" if runs < 1 else "seed")
    if runs > MAX_RUNS:
        raise InputError(f"runs must be <= {MAX_RUNS:,}, not {runs:,}: every run's outcome is held in memory for the "
                         "percentiles; run several seeds and pool them", field="runs")


def as_bloc(value, name: str = "bloc") -> Bloc:
    """A Bloc from a code ('EU27', 'JPN', 'EU27+JPN') or a Bloc."""
    from chokepoints.reference.blocs import bloc

    _check(name, value, (str, Bloc), "a bloc code such as 'EU27+JPN' or a Bloc")
    return value if isinstance(value, Bloc) else bloc(value)


def as_chain(value, name: str = "chain"):
    """A Chain from its id ('rare-earth-magnets') or a Chain."""
    from chokepoints.reference.chains import Chain
    from chokepoints.reference.chains import chain as get_chain

    _check(name, value, (str, Chain), "a chain id such as 'rare-earth-magnets' or a Chain")
    return value if isinstance(value, Chain) else get_chain(value)


def scenario(value, name: str = "scenario"):
    """A Scenario from a built-in name ('cn-2025-rare-earths'), a TOML path, or a Scenario: `ck.scenario(...)`."""
    from chokepoints.shocks import load_scenario
    from chokepoints.shocks.scenario import Scenario

    _check(name, value, (str, Path, Scenario), "a scenario name, a TOML path or a Scenario")
    return value if isinstance(value, Scenario) else load_scenario(value)


def _products(products, name: str = "products") -> dict[str, list[str]] | None:
    """{label: [HS codes]} from a mapping, a list of codes (each its own product) or a comma-separated string."""
    if products is None:
        return None
    if isinstance(products, str):
        if not products.strip():
            raise InputError(f"{name}: no HS code given", field=name)
        products = [c.strip() for c in products.split(",") if c.strip()]
    if isinstance(products, Mapping):
        out = {str(k): [str(c) for c in (v if isinstance(v, list | tuple) else [v])] for k, v in products.items()}
    elif isinstance(products, Iterable):
        out = {str(c): [str(c)] for c in products}
    else:
        raise TypeError(f"{name} must be HS codes (a list, a mapping label -> codes, or 'c1,c2'), not "
                        f"{type(products).__name__}")
    if not out:
        raise InputError(f"{name}: no HS code given", field=name)
    bad = [c for codes in out.values() for c in codes if not (c.isdigit() and len(c) in (2, 4, 6))]
    if bad:
        raise InputError(f"{name}: {bad[0]!r} is not an HS code of 2, 4 or 6 digits", field=name)
    return out


class Analyses:
    """The analyses of a warehouse (mixed into Warehouse): each a thin shell over the library's pure functions."""

    def dependency(self, bloc="EU27+JPN", *, chain=None, products=None, members: bool = False,
                   basis: str = "value", year: int | None = None, allow_proxy: bool = False) -> pd.DataFrame:
        """Dependency and concentration of a bloc (or several: a list) per product or per chain stage.

        `chain` (one or a list) gives one row per stage, with apparent consumption, reliance and the CRMA test on a
        quantity basis; `products` HS codes; `members=True` each alliance member's outside suppliers and the other
        members' complementarity. Each row says its year, source and HS resolution (chokepoints.trade).
        """
        from chokepoints.metrics import alliance as alliance_metrics
        from chokepoints.metrics import dependency as dep

        blocs = [as_bloc(b) for b in (bloc if isinstance(bloc, list | tuple) else [bloc])]
        if not blocs:
            raise InputError("bloc: give at least one bloc or country", field="bloc")
        chains = [as_chain(c) for c in (chain if isinstance(chain, list | tuple) else [chain] if chain else [])]
        wanted = _products(products)
        if wanted and chains:
            raise InputError("give products or chain, not both", field="chain")
        if chains:
            wanted = {k: v for c in chains for k, v in dep.chain_products(c).items()}
        if year is not None:
            _check("year", year, (int,), "a year such as 2024")
        self._require_trade()
        frames = []
        for b in blocs:
            if members:
                frames.append(alliance_metrics.member_dependency(self, b, year=year, basis=basis, products=wanted))
                continue
            t = dep.dependency(self, b, year=year, basis=basis, products=wanted, allow_proxy=allow_proxy)
            for c in chains:
                t = dep.mark_mixed(t, c, allow_proxy=allow_proxy)
                t = dep.with_reliance(t, self, b, c)
            frames.append(t)
        out = pd.concat(frames, ignore_index=True)
        if members or "year" not in out:
            return out
        # a row without trade has unknown flows, not zero ones: 0 would read as "no dependency"
        nodata = out["sources"].fillna("") == ""
        out[["m_ext", "x_ext", "m_int"]] = out[["m_ext", "x_ext", "m_int"]].mask(nodata)
        out["ec_flag"] = out["ec_flag"].astype("boolean").mask(nodata)
        out["year"] = out["year"].mask(nodata)
        if year is not None and nodata.all():
            raise InputError(f"no trade in {year} for these products (the warehouse holds years "
                             f"{self._trade_years()})", field="year")
        return out

    def product_names(self, codes: Iterable[str], *, width: int | None = None) -> dict[str, str]:
        """HS code -> its name in the latest HS revision the warehouse holds (codes it lacks are left out); `width`
        cuts long names with an ellipsis for a table column."""
        codes = sorted({c for c in codes if isinstance(c, str) and c.isdigit()})
        if not codes:
            return {}
        # revisions sort by year: HS92 is the oldest, though "HS92" > "HS22" as text
        rows = self.sql("SELECT code, description AS d FROM hs_codes WHERE code IN (SELECT unnest(?)) "
                        "AND description IS NOT NULL ORDER BY CAST(substr(revision, 3, 2) AS INT) "
                        "+ CASE WHEN substr(revision, 3, 1) = '9' THEN 1900 ELSE 2000 END DESC", [codes])
        rows = rows.drop_duplicates("code")
        cut = (lambda d: d) if width is None else (lambda d: d if len(d) <= width else d[:width - 1] + "…")
        return {r.code: cut(r.d) for r in rows.itertuples()}

    def dependency_sources(self, table: pd.DataFrame) -> str:
        """The source line of a dependency table: the data sets its rows rest on, with their years."""
        from chokepoints.trade import trade_sources

        used = sorted({d for ds in table.get("sources", pd.Series(dtype=object)).fillna("")
                       for d in ds.split(";") if d})
        return trade_sources(self, used or None)

    def dependency_figure(self, table: pd.DataFrame, *, basis: str = "value", allow_proxy: bool = False):
        """The suppliers of the product the table's first bloc imports most from outside, as a bar chart (None when
        no row has trade). Chain stages are resolved to their HS codes."""
        from chokepoints.metrics.dependency import chain_products
        from chokepoints.report.figures import supplier_bars

        first_bloc = table["bloc"].iloc[0] if len(table) else None
        rows = table[(table["bloc"] == first_bloc) & table["m_ext"].notna()] if first_bloc else table.iloc[:0]
        if rows.empty:
            return None
        top = rows.loc[rows["m_ext"].astype(float).idxmax()]
        product = str(top["product"])
        if "/" in product:
            codes = chain_products(as_chain(product.split("/")[0]))[product]
        elif product.isdigit():
            codes = [product]
        else:  # a user's own label over several codes: the table does not say which
            return None
        sup = self.suppliers(first_bloc, codes, year=int(top["year"]), basis=basis, label=product,
                             allow_proxy=allow_proxy)
        return supplier_bars(sup, source=self.dependency_sources(table))

    def suppliers(self, bloc, codes: Sequence[str] | str, *, year: int | None = None, basis: str = "value",
                  label: str | None = None, allow_proxy: bool = False) -> pd.DataFrame:
        """A bloc's outside suppliers of one product (a list of HS codes, or one code), largest first."""
        from chokepoints.metrics.dependency import suppliers

        wanted = [c for cs in _products(codes, "codes").values() for c in cs]
        if year is not None:
            _check("year", year, (int,), "a year such as 2024")
        self._require_trade()
        out = suppliers(self, as_bloc(bloc), wanted, year=year, basis=basis, label=label, allow_proxy=allow_proxy)
        if out.empty and year is not None:
            held = self._trade_years()
            raise InputError(f"no trade in {year} for {', '.join(wanted)} (the warehouse holds years {held})",
                             field="year")
        return out

    def _require_trade(self) -> None:
        """An empty warehouse is an error, not a table of "no data" rows. One row read through the warehouse's own
        DuckDB views: no scan, and no Spark job on the Spark engine."""
        from chokepoints.trade import NO_TRADE

        if not len(self.sql("SELECT 1 FROM trade LIMIT 1")):
            raise ChokepointsError(NO_TRADE)

    def trade_years(self) -> list[int]:
        """The years the warehouse holds trade for, oldest first."""
        return sorted(self.sql("SELECT DISTINCT year FROM trade")["year"].astype(int).tolist())

    def _trade_years(self) -> str:
        held = self.trade_years()
        return f"{held[0]}-{held[-1]}" if held else "none"

    def criticality(self, *, materials=None, overrides=None, critical_only: bool = False) -> pd.DataFrame:
        """EU criticality (2017 method, 2023 list): SR and EI per material next to the published values."""
        from chokepoints.metrics.criticality import criticality

        if isinstance(materials, str):  # one material, not its letters
            materials = [materials]
        df = criticality(self, overrides=overrides, materials=materials)
        return df[df["critical"]].reset_index(drop=True) if critical_only else df

    def critical_raw_materials(self) -> pd.DataFrame:
        """The 34 critical raw materials of Regulation (EU) 2024/1252, each with its reason."""
        from chokepoints.metrics.criticality import critical_raw_materials

        return critical_raw_materials(self)

    def network(self, chain, *, year: int | None = None, allow_proxy: bool = False):
        """A chain's network: per stage and country production, use, flows, with what is data and what is assumed."""
        from chokepoints.network import build_network

        if year is not None:
            _check("year", year, (int,), "a year such as 2024")
        return build_network(self, as_chain(chain), year=year, allow_proxy=allow_proxy)

    def simulate(self, scenario_or_name, *, runs: int = 1000, seed: int = 0, executor: str = "serial",
                 out: str | Path | None = None, allow_proxy: bool = False,
                 progress: Callable[[int, int], None] | None = None):
        """Run a scenario: export controls and outages through the shock engine (Monte Carlo), tariffs through the
        partial-equilibrium model. Returns a SimulationResult, or a TariffResult for a tariff-only scenario."""
        from chokepoints.shocks import run
        from chokepoints.shocks.executors import executor as make_executor

        sc = scenario(scenario_or_name)
        _check_runs_seed(runs, seed)
        if out is not None:
            out = Path(out)
            if out.suffix.lower() != ".parquet":
                raise InputError(f"out must be a .parquet file, not {out.name!r}", field="out")
            if not out.parent.is_dir():
                raise InputError("folder does not exist", file=out.parent, field="out")
        if sc.tariffs and not (sc.measures or sc.outages):
            from chokepoints.tariffs.model import run_tariffs

            return run_tariffs(self, sc.tariffs, year=sc.year)
        if not (sc.measures or sc.outages):
            raise ChokepointsError(f"{sc.origin}: the scenario has no measures, outages or tariffs")
        return run(self, sc, runs=runs, seed=seed, executor=make_executor(executor), out=out, progress=progress,
                   allow_proxy=allow_proxy)

    def optimise(self, *, scenario, chain=None, alliance="EU27+JPN", runs: int = 200, seed: int = 1,
                 mode: str = "both", costs: str | Path | None = None, enable: Sequence[str] = (),
                 disable: Sequence[str] = ()):
        """The resilience optimiser under a scenario's runs: joint and/or solo portfolios, the value of the alliance.

        `enable`/`disable` switch policy constraints (crma, days_of_cover, budget, risk); `costs` a TOML file merged
        over the bundled costs."""
        from chokepoints.optimise import build_problem, load_costs
        from chokepoints.optimise import optimise as run_optimiser
        from chokepoints.shocks import supply_table

        sc = globals()["scenario"](scenario)
        if sc.tariffs and not (sc.measures or sc.outages):
            raise InputError(f"scenario {sc.name} holds only tariffs: the optimiser needs export controls or "
                             "outages (run it with simulate)", field="scenario")
        _check_runs_seed(runs, seed)
        if mode not in ("joint", "solo", "both"):
            raise InputError(f"mode must be joint, solo or both, not {mode!r}", field="mode")
        ally = as_bloc(alliance, "alliance")
        chain_id = as_chain(chain).id if chain is not None else sc.chain
        if chain_id != sc.chain:
            raise InputError(f"scenario {sc.name} acts on chain '{sc.chain}', not '{chain_id}': pass --chain "
                             f"{sc.chain}", field="chain")
        c = load_costs(costs)
        policy = c.policy
        for name in enable:
            policy = policy.switched(name, True)
        for name in disable:
            policy = policy.switched(name, False)
        supply = supply_table(self, sc, runs=runs, seed=seed, alliance=ally.code)
        problem = build_problem(supply, self.table("projects"), c, alliance=ally,
                                start=supply.attrs.get("start") or None, chain=chain_id)
        modes = ("joint", "solo") if mode == "both" else (mode,)
        return run_optimiser(problem, policy, modes=modes, runs=runs, seed=seed)


__all__ = ["Analyses", "as_bloc", "as_chain", "scenario"]
