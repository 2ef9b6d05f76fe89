"""The optimiser's inputs as labelled arrays: the shock engine's supply table, the projects table and the costs.

`supply_table(...)` (chokepoints.shocks) gives one row per (run, member, source, stage) with `baseline_t` and
`available_t`; a member's demand over the horizon is the sum of its baseline over sources. Projects are converted to
tonnes of a chain stage over the horizon, or excluded with a reason (`Problem.excluded`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import xarray as xr

from chokepoints.errors import ChokepointsError, InputError
from chokepoints.optimise.costs import Costs, stage_costs
from chokepoints.reference.blocs import Bloc, bloc

SUPPLY_COLUMNS = ("run", "member", "source", "stage", "baseline_t", "available_t")
DOMESTIC = "domestic"
# Magnet scrap -> recovered rare-earth oxide: 0.30 t RE metal per t NdFeB (chain magnet<-metal factor) x 1.166 t
# Nd2O3 per t Nd (stoichiometry, chain metal<-oxide note) = 0.35 t oxide per t of magnets recycled.
MAGNET_SCRAP_TO_OXIDE = 0.30 * 1.166


@dataclass
class Problem:
    """Arrays of one optimisation (dims: run, member, source, stage, project), in tonnes over the horizon and USD."""

    demand: xr.DataArray            # (member, stage) t over the horizon
    available: xr.DataArray         # (run, member, source, stage) t under each run's shock
    baseline: xr.DataArray          # (member, source, stage) t with no shock
    third: xr.DataArray             # (member, source) bool: source is outside the alliance
    project_supply: xr.DataArray    # (project, member, source, stage) t over the horizon at 100 % offtake
    project_cost: xr.DataArray      # (project,) USD over the horizon for 100 % offtake (annualised capex)
    hold_cost: xr.DataArray         # (stage,) USD per t of stock held over the horizon
    contract_cost: xr.DataArray     # (stage,) USD per contracted t
    shortfall_value: xr.DataArray   # (stage,) USD per t short
    access: xr.DataArray            # (project, member) bool: the member can secure the project alone (solo mode)
    prob: xr.DataArray              # (run,) scenario probabilities
    horizon_months: int
    contract_max_share: float
    max_offtake_share: float
    alliance: str = ""
    scenario: str = ""
    chain: str = ""
    start: str = ""
    excluded: pd.DataFrame = field(default_factory=pd.DataFrame)
    projects: pd.DataFrame = field(default_factory=pd.DataFrame)
    sources: dict[str, str] = field(default_factory=dict)
    transfer_cost: xr.DataArray | None = None  # (stage,) USD per t moved between members in joint mode
    existing_stock: xr.DataArray | None = None  # (member, stage) t the members declare they hold already
    shock_meta: dict = field(default_factory=dict)  # what the supply table rests on (shocks.run_meta)

    @property
    def members(self) -> list[str]:
        return [str(m) for m in self.demand["member"].values]

    @property
    def annual_demand(self) -> xr.DataArray:
        return self.demand * 12.0 / self.horizon_months

    def top_third_share(self) -> xr.DataArray:
        """(member, stage): the largest single third country's share of the member's baseline."""
        b = self.baseline.where(self.third, 0.0)
        return (b.max("source") / self.demand.where(self.demand > 0)).fillna(0.0)


def _check_supply(df: pd.DataFrame) -> None:
    missing = [c for c in SUPPLY_COLUMNS if c not in df.columns]
    if missing:
        raise InputError(f"supply table lacks column(s) {', '.join(missing)}", field=missing[0],
                         hint="expected chokepoints.shocks.supply_table output")
    if df.empty:
        raise InputError("supply table is empty: no runs, members or sources")
    for c in ("baseline_t", "available_t"):
        bad = df[~np.isfinite(df[c].astype(float)) | (df[c].astype(float) < 0)]
        if len(bad):
            raise InputError(f"{c} must be a finite number >= 0 (run {bad['run'].iloc[0]}, member "
                             f"{bad['member'].iloc[0]}, source {bad['source'].iloc[0]}, stage {bad['stage'].iloc[0]})",
                             field=c)
    dup = df.duplicated(["run", "member", "source", "stage"])
    if dup.any():
        r = df[dup].iloc[0]
        raise InputError(f"duplicate row for run {r['run']}, member {r['member']}, source {r['source']}, "
                         f"stage {r['stage']}", field="run")


def _start(start: str) -> tuple[int, int]:
    m = re.fullmatch(r"(\d{4})-(\d{2})", str(start).strip()[:7])
    if not m:
        raise InputError(f"scenario start {start!r} is not YYYY-MM", field="start")
    return int(m.group(1)), int(m.group(2))


def convert_projects(projects: pd.DataFrame, costs: Costs, *, chain: str, start: str, horizon_months: int,
                     stages: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Projects as tonnes of a chain stage over the horizon, and the excluded ones with their reason.

    A project counts from 1 July of its start year (mid-year convention; feasibility-stage projects a documented
    delay later) relative to the scenario start. Projects operating before the start are excluded: their output is
    already in the baseline supply, which contracts with existing suppliers cover.
    """
    rules = costs.projects.get(chain)
    projects, filled = fill_projects(projects)
    y0, m0 = _start(start)
    delay = costs.finance.feasibility_delay_years.value
    sc = stage_costs(costs, chain, stages) if stages else None
    kept, excluded = [], []
    for _, r in projects.iterrows():
        pid = str(r["id"])
        def skip(reason: str, pid=pid, r=r) -> None:
            excluded.append({"id": pid, "name": r.get("name", ""), "reason": reason})

        if rules is None:
            skip(f"no project rules for chain '{chain}' in the costs file")
            continue
        text = f"{_text(r.get('material'))} {_text(r.get('name'))}".lower()
        if not any(w in text for w in rules.materials):
            skip(f"material '{r.get('material', '')}' is not part of chain {chain}")
            continue
        ov = rules.overrides.get(pid, {})
        cap = ov.get("capacity_t", r.get("capacity_t"))
        basis = _text(r.get("capacity_basis")).lower()
        if cap is None or pd.isna(cap) or float(cap) <= 0:
            skip("no capacity figure")
            continue
        if "stage" in ov:
            stage, factor, note = ov["stage"], 1.0, ov.get("note", "override in costs file")
        else:
            grade = r.get("reo_grade")
            stage, factor, note = _stage_and_factor(_text(r.get("stage")), basis, rules.stage_map,
                                                    None if grade is None or pd.isna(grade) else float(grade))
            if stage is None:
                skip(note)
                continue
        if stage not in stages and stage == "ore" and "oxide" in stages:
            # concentrate counts as separated oxide through the chain's factor (t REO per t oxide), assuming it is
            # separated outside the actor (tolling at Lynas, Solvay, Caremag...): labelled in `conversion`
            factor, stage = factor / _ore_per_oxide(chain), "oxide"
            note += "; -> t oxide by the chain's oxide<-ore factor (separated outside the actor: assumption)"
        if stage not in stages:
            skip(f"maps to stage '{stage}', which the supply table does not hold")
            continue
        status = _text(r.get("status"))
        if status == "exploration":
            skip("at exploration: no production capacity to contract")
            continue
        sy = r.get("start_year")
        if sy is None or pd.isna(sy):
            skip("no start year")
            continue
        year = float(sy) + (delay if status == "feasibility" else 0.0)
        first = (year - y0) * 12 + 6 - (m0 - 1)   # month index (0 = scenario start) of 1 July of the start year
        kind = "new"
        if first <= 0 and status == "operating":
            # its output is already in the baseline; what can be contracted is its spare capacity, at a premium
            kind, factor = "contract", factor * OPERATING_SPARE
            note += f"; operating: {OPERATING_SPARE:.0%} spare capacity contractable (assumption)"
        months = horizon_months - max(first, 0.0)
        if months <= 0:
            skip(f"starts after the {horizon_months}-month horizon")
            continue
        annual = float(cap) * factor
        capex_musd = r.get("capex_musd")
        if kind == "contract":
            capex_t, capex_src = 0.0, "no capex: a contract at the premium (finance.contract_premium)"
        elif capex_musd is not None and not pd.isna(capex_musd) and float(capex_musd) > 0 and "capacity_t" not in ov:
            capex_t, capex_src = float(capex_musd) * 1e6 / annual, f"projects.csv {pid} capex_musd"
        elif sc is not None and stage in sc.capex:
            capex_t, capex_src = sc.capex[stage].value, f"costs capex.{chain}.{stage}"
        else:
            skip(f"no capex for stage '{stage}' (add capex.{chain}.{stage} to the costs file)")
            continue
        kept.append({"id": pid, "name": r.get("name", ""), "country": str(r["country"]), "stage": stage,
                     "status": status, "kind": kind, "annual_t": annual, "factor": factor, "conversion": note,
                     "first_month": max(first, 0.0), "months": months, "supply_t": annual * months / 12.0,
                     "capex_usd_per_t": capex_t, "capex_source": capex_src, "assumed": filled.get(pid, ""),
                     "partners": _text(r.get("partners"))})
    cols = ["id", "name", "country", "stage", "status", "kind", "annual_t", "factor", "conversion", "first_month",
            "months", "supply_t", "capex_usd_per_t", "capex_source", "assumed", "partners"]
    return pd.DataFrame(kept, columns=cols), pd.DataFrame(excluded, columns=["id", "name", "reason"])


# Share of an operating plant's capacity that can be contracted on top of what it already sells (the same 20 % of
# capacity that the shock engine's default utilisation of 0.80 leaves spare): assumption.
OPERATING_SPARE = 0.20
FILLABLE = {"capacity_t_per_year": "capacity_t", "capacity_basis": "capacity_basis", "start_year": "start_year",
            "capex_musd": "capex_musd", "reo_grade": "reo_grade", "stage": "stage"}


def project_assumptions() -> pd.DataFrame:
    """optimise/project_assumptions.csv: per project and field, a figure the curated table leaves blank, with its
    kind (cited, derived, assumption) and source (project_assumptions.md)."""
    from importlib.resources import files

    f = files("chokepoints").joinpath("optimise/project_assumptions.csv")
    if not f.is_file():
        return pd.DataFrame(columns=["id", "field", "value", "kind", "source", "note"])
    with f.open(encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


def fill_projects(projects: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """Fill the blanks of the projects table from project_assumptions.csv (never a stated figure); per project, the
    fields filled and their kind, e.g. 'start_year (assumption); reo_grade (cited)'."""
    table = project_assumptions()
    out = projects.copy()
    if "reo_grade" not in out:
        out["reo_grade"] = np.nan
    filled: dict[str, list[str]] = {}
    for r in table.itertuples():
        col = FILLABLE.get(r.field)
        if col is None or col not in out or r.id not in set(out["id"]):
            continue
        row = out.index[out["id"] == r.id][0]
        current = out.at[row, col]
        if not pd.isna(current) and str(current) != "":
            continue  # a stated figure wins
        numeric = col in ("capacity_t", "start_year", "capex_musd", "reo_grade")
        if numeric:
            out[col] = pd.to_numeric(out[col], errors="coerce").astype(float)
        out.at[row, col] = float(r.value) if numeric else r.value
        filled.setdefault(r.id, []).append(f"{r.field} ({r.kind})")
    return out, {k: "; ".join(v) for k, v in filled.items()}


def _ore_per_oxide(chain: str) -> float:
    from chokepoints.reference.chains import chain as get_chain

    f = get_chain(chain).stage("oxide").factors.get("ore")
    return f.per_unit if f is not None else 1.0


def solo_access(projects: pd.DataFrame, members: list[str]) -> xr.DataArray:
    """(project, member): the member can secure the project alone (its territory, or its own bodies among the
    partners: optimise/access.toml)."""
    import tomllib
    from importlib.resources import files

    rules = tomllib.loads(files("chokepoints").joinpath("optimise/access.toml").read_text(encoding="utf-8"))
    words = {m: r.get("words", []) for m, r in rules.get("members", {}).items()}
    ids = list(projects["id"]) if len(projects) else []
    grid = np.zeros((len(ids), len(members)), bool)
    for i, r in enumerate(projects.itertuples()):
        for j, m in enumerate(members):
            territory = r.country in _member_bloc(m).members
            named = any(w in str(r.partners) for w in words.get(m, []))
            grid[i, j] = territory or named
    return xr.DataArray(grid, coords={"project": ids, "member": members}, dims=("project", "member"))


def _text(v) -> str:
    return "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)


def _stage_and_factor(stage: str, basis: str, stage_map: dict[str, str],
                      grade: float | None = None) -> tuple[str | None, float, str]:
    """Chain stage and tonnes of it per tonne of stated capacity, from the projects table's stage and basis."""
    if basis.startswith("resource"):
        return None, 0.0, "capacity_basis is a resource in the ground, not a production capacity"
    if stage == "recycling":
        if "magnets recycled" in basis or "scrap" in basis:
            return "oxide", MAGNET_SCRAP_TO_OXIDE, "magnets recycled x 0.30 RE x 1.166 oxide/metal -> t oxide"
        if "ndfeb" in basis and "magnet" in stage_map.values():
            return "magnet", 1.0, "recycled NdFeB, t for t"
        return None, 0.0, f"recycling capacity basis '{basis}' has no conversion"
    target = stage_map.get(stage)
    if not target:
        return None, 0.0, f"projects stage '{stage}' has no chain stage (stage_map)"
    if stage == "mining":
        if "reo" in basis:  # TREO / REO (also "t TREO in concentrate ... from ... t ore"): the chain's ore basis
            return target, 1.0, "t REO = chain ore basis"
        if grade is not None and grade == grade and grade > 0:
            return target, float(grade), f"gross ore or concentrate x REO grade {grade:g} (project_assumptions.csv)"
        return None, 0.0, f"gross ore or concentrate tonnage ('{basis}'): grade unknown, no REO figure"
    if "concentrate" in basis and "processed" in basis:
        return None, 0.0, "capacity counts concentrate fed in, not product"
    return target, 1.0, "t of product, t for t"


def build_problem(supply: pd.DataFrame, projects: pd.DataFrame, costs: Costs, *, alliance: str | Bloc,
                  start: str | None = None, chain: str | None = None) -> Problem:
    """Turn the supply table, the projects table and the costs into the problem's arrays."""
    _check_supply(supply)
    ally = alliance if isinstance(alliance, Bloc) else bloc(alliance)
    attrs = supply.attrs
    horizon = int(attrs.get("horizon_months") or 0)
    if horizon <= 0:
        raise InputError("supply table has no attrs['horizon_months']", field="horizon_months")
    chain = chain or attrs.get("chain")
    if not chain:
        raise InputError("supply table has no attrs['chain'] and no chain was given", field="chain")
    start = start or attrs.get("start")
    if not start:
        raise InputError("no scenario start (YYYY-MM): pass start= or set attrs['start']", field="start")

    df = supply.copy()
    df["source"] = df["source"].astype(str)
    members = [str(m) for m in pd.unique(df["member"])]
    stages = [str(s) for s in pd.unique(df["stage"])]
    runs = np.sort(pd.unique(df["run"]))
    member_blocs = {m: _member_bloc(m) for m in members}

    proj, excluded = convert_projects(projects, costs, chain=chain, start=start, horizon_months=horizon,
                                      stages=stages)
    # where each project's output comes from, as each member sees it: its own territory counts as domestic
    proj_src = {(p.id, m): (DOMESTIC if p.country in member_blocs[m].members else p.country)
                for p in proj.itertuples() for m in members}
    sources = sorted(set(df["source"]) | set(proj_src.values()))

    idx = pd.MultiIndex.from_product([runs, members, sources, stages], names=["run", "member", "source", "stage"])
    full = df.set_index(["run", "member", "source", "stage"])[["baseline_t", "available_t"]].astype(float)
    full = full.reindex(idx, fill_value=0.0)
    order = {"run": runs, "member": members, "source": sources, "stage": stages}
    available = xr.DataArray.from_series(full["available_t"]).reindex(order).fillna(0.0)
    baseline_runs = xr.DataArray.from_series(full["baseline_t"]).reindex(order).fillna(0.0)
    baseline = baseline_runs.max("run")
    spread = float(np.abs(baseline_runs - baseline).max())
    if spread > 1e-6 * max(float(baseline.max()), 1.0):
        raise InputError("baseline_t differs between runs of the same member, source and stage", field="baseline_t")
    demand = baseline.sum("source")

    third = xr.DataArray([[s != DOMESTIC and s not in ally.members for s in sources] for _ in members],
                         coords={"member": members, "source": sources}, dims=("member", "source"))

    pids = list(proj["id"])
    ps = np.zeros((len(pids), len(members), len(sources), len(stages)))
    for i, p in enumerate(proj.itertuples()):
        for j, m in enumerate(members):
            ps[i, j, sources.index(proj_src[(p.id, m)]), stages.index(p.stage)] = p.supply_t
    project_supply = xr.DataArray(ps, coords={"project": pids, "member": members, "source": sources,
                                              "stage": stages}, dims=("project", "member", "source", "stage"))
    crf = costs.finance.capital_recovery_factor()
    years = horizon / 12.0
    sc = stage_costs(costs, chain, stages)
    fin = costs.finance
    price = xr.DataArray([sc.price[s].value for s in stages], coords={"stage": stages}, dims="stage")
    # a new project: its annualised capex over the horizon; an operating plant: the contract premium on its tonnes
    premium = np.array([sc.price[st].value * fin.contract_premium.value for st in proj["stage"]], dtype=float)
    cost = np.where(proj["kind"] == "contract", premium * proj["supply_t"],
                    proj["capex_usd_per_t"] * proj["annual_t"] * crf * years)
    project_cost = xr.DataArray(np.asarray(cost, dtype=float), coords={"project": pids}, dims="project")
    access = solo_access(proj, members)
    value = xr.DataArray([sc.shortfall_value[s].value for s in stages], coords={"stage": stages}, dims="stage")
    prob = xr.DataArray(np.full(len(runs), 1.0 / len(runs)), coords={"run": runs}, dims="run")

    cited = {"holding_cost_rate": fin.holding_cost_rate.cite(), "contract_premium": fin.contract_premium.cite(),
             "discount_rate": fin.discount_rate.cite(), "max_offtake_share": fin.max_offtake_share.cite()}
    if fin.transfer_cost_share is not None:
        cited["transfer_cost_share"] = fin.transfer_cost_share.cite()
    cited |= {f"price.{s}": sc.price[s].cite() for s in stages}
    cited |= {f"shortfall_value.{s}": sc.shortfall_value[s].cite() for s in stages}
    cited |= {f"capex.{s}": sc.capex[s].cite() for s in stages if s in sc.capex}
    held = attrs.get("declared_stocks") or {}
    existing = xr.DataArray([[float(held.get(m, {}).get(st, 0.0)) for st in stages] for m in members],
                            coords={"member": members, "stage": stages}, dims=("member", "stage"))
    return Problem(
        existing_stock=existing, shock_meta=dict(attrs.get("run_meta") or {}),
        demand=demand, available=available, baseline=baseline, third=third, project_supply=project_supply,
        project_cost=project_cost, hold_cost=price * fin.holding_cost_rate.value * years,
        contract_cost=price * fin.contract_premium.value, shortfall_value=value, access=access, prob=prob,
        transfer_cost=price * (fin.transfer_cost_share.value if fin.transfer_cost_share else 0.0),
        horizon_months=horizon,
        contract_max_share=fin.contract_max_share.value, max_offtake_share=fin.max_offtake_share.value,
        alliance=ally.code, scenario=str(attrs.get("scenario", "")), chain=chain, start=str(start),
        excluded=excluded, projects=proj, sources=cited,
    )


def _member_bloc(code: str) -> Bloc:
    try:
        return bloc(code)
    except ChokepointsError:  # a member label that is not a bloc or country (hand-made tables): no territory of its own
        return Bloc(code, code, frozenset(), "")
