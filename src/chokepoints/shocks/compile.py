"""Turn a scenario and a network into what the kernel needs: resolved measures, member groups, per-run draws."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from chokepoints.errors import ChokepointsError, ScenarioError
from chokepoints.network import Network
from chokepoints.reference.blocs import bloc
from chokepoints.reference.chains import chain as get_chain
from chokepoints.shocks import profiles
from chokepoints.shocks.propagate import Arrays, CapacityCut, ExportCut, ResponseArrays
from chokepoints.shocks.scenario import ExportMeasure, Scenario, draw_parameters


@dataclass(frozen=True)
class ResolvedMeasure:
    index: int
    stages: list[int]
    actors: np.ndarray
    destinations: np.ndarray
    profile: str | list[float]
    by_target: list[tuple[str, np.ndarray]] = field(default_factory=list)  # (target, its destinations), own draws


@dataclass(frozen=True)
class Plan:
    """Everything a batch of runs needs; picklable, so a process pool (or Spark) can ship it to workers."""

    scenario: Scenario
    arrays: Arrays
    stages: list[str]
    countries: list[str]
    unit_value: np.ndarray                 # USD per unit of each stage (reference/prices.toml); NaN = not valued
    groups: dict[str, np.ndarray]          # member (and "alliance") -> country positions
    members: np.ndarray                    # (N,) bool: in the alliance
    measures: list[ResolvedMeasure]
    outages: list[tuple[int, int, int]]    # (outage index, stage, country)
    notes: list[str] = field(default_factory=list)

    @property
    def n_months(self) -> int:
        return self.scenario.horizon_months


def plan(sc: Scenario, net: Network, measures_table: pd.DataFrame | None = None) -> Plan:
    """Resolve SC against NET: stage and country positions, targets, alliance members (ScenarioError if unknown)."""
    from chokepoints.metrics.alliance import members as alliance_parts

    ch = get_chain(net.chain)
    notes: list[str] = []
    try:
        alliance = bloc(sc.alliance)
    except ChokepointsError as e:
        raise ScenarioError(f"{sc.origin}: key 'alliance': {e}") from None
    groups = {p.code: net.index(sorted(p.members)) for p in alliance_parts(alliance)}
    groups["alliance"] = net.index(sorted(alliance.members))
    members = np.zeros(len(net.countries), bool)
    members[groups["alliance"]] = True
    resolved = []
    for i, m in enumerate(sc.measures):
        m = _with_table(m, i, measures_table, sc.origin)
        where = f"{sc.origin}: key 'measures[{i}]"
        if not m.actor:
            raise ScenarioError(f"{where}.actor': missing (give it, or an id found in the measures table)")
        stages = _stages(m, ch, f"{where}")
        actors = _countries(m.actor, net, f"{where}.actor'")
        if len(actors) == 0:
            notes.append(f"measures[{i}]: {m.actor} has no flows in the {net.chain} network ({net.year}): no effect")
        dest = np.zeros(len(net.countries), bool)
        for t in m.targets:
            dest[np.arange(len(net.countries)) if t.upper() == "ALL" else _countries(t, net, f"{where}.targets'")] = 1
        for t in m.exempt:
            dest[_countries(t, net, f"{where}.exempt'")] = False
        dest[actors] = False
        by_target = []
        for t in m.by_target:
            mask = np.zeros(len(net.countries), bool)
            mask[_countries(t, net, f"{where}.by_target.{t}'")] = True
            mask &= dest
            if not mask.any():
                raise ScenarioError(f"{where}.by_target.{t}': {t} is not among the measure's destinations in the "
                                    f"{net.chain} network")
            by_target.append((t, mask))
            dest = dest & ~mask  # the rest keep the measure's own intensity
        profiles.validate_shape(m.profile)
        for sid in stages:
            st = net.stages.index(sid)
            if len(actors) and net.flows[st][actors].sum() <= 0:
                why = net.provenance.set_index("stage").get("trade_status", pd.Series(dtype=str)).get(sid, "")
                notes.append(f"WARNING measures[{i}]: stage {sid} has no trade from {m.actor} in the data ({why}): "
                             "the measure cuts nothing there, and the result says nothing about its effect")
        resolved.append(ResolvedMeasure(i, [net.stages.index(s) for s in stages], actors, dest, m.profile,
                                        by_target))
    outs = []
    for i, o in enumerate(sc.outages):
        where = f"{sc.origin}: key 'outages[{i}]"
        if o.stage not in net.stages:
            raise ScenarioError(f"{where}.stage': unknown stage '{o.stage}'; chain {net.chain} has {net.stages}")
        pos = _countries(o.country, net, f"{where}.country'")
        for c in pos:
            outs.append((i, net.stages.index(o.stage), int(c)))
    arrays = Arrays.from_network(net, _input_weights(ch, net))
    arrays = _with_relief(arrays, sc, resolved, notes)
    if sc.response.stock_months is None:
        arrays = _with_stocks(arrays, ch.id, net, resolved, groups, notes)
    else:
        notes.append(f"stocks: {sc.response.stock_months} months of use at every stage and country (scenario)")
    from chokepoints.reference.prices import stage_prices

    prices = stage_prices(ch.id, net.stages)  # the one price table, shared with the optimiser
    prov = net.provenance.set_index("stage") if len(net.provenance) else None
    for s, sid in enumerate(net.stages):
        if not np.isnan(prices[s]):
            continue
        uv = net.unit_value[s] if net.unit_value is not None else np.nan
        if uv == uv and uv > 0:  # data: the stage's trade unit value (value / tonnes of its HS codes)
            prices[s] = uv
            year = prov.loc[sid, "trade_year"] if prov is not None and "trade_year" in prov else None
            notes.append(f"stage {sid}: valued at its trade unit value, USD {uv:,.0f}/t (trade "
                         f"{'' if year is None or year != year else int(year)}; no price in reference/prices.toml)")
        else:
            notes.append(f"stage {sid}: no price in reference/prices.toml and no trade unit value: output lost "
                         "there is not valued")
    return Plan(sc, arrays, net.stages, net.countries, prices, groups, members, resolved, outs, notes)


def _with_relief(a: Arrays, sc: Scenario, resolved: list, notes: list[str]) -> Arrays:
    """Element-aware relief: at a measure's stages, other producers' spare capacity counts only for the share
    `relief_outside_actor` (their own inputs of the restricted elements come from the actor too)."""
    share = np.ones(a.production.shape) if a.spare_share is None else a.spare_share.copy()
    for m in resolved:
        usable = sc.measures[m.index].relief_outside_actor
        if usable is None:
            continue
        for s in m.stages:
            share[s] *= usable
        notes.append(f"measures[{m.index}]: other producers' spare capacity usable at {usable:.0%} "
                     "(relief_outside_actor)")
    return replace(a, spare_share=share)


def _with_stocks(a: Arrays, chain: str, net: Network, resolved: list, groups: dict, notes: list[str]) -> Arrays:
    """Opening stocks (t) and release rates from reference/stocks.csv where the warehouse declares none."""
    from chokepoints.reference.stocks import stock_rule

    S, N = a.production.shape
    stocks, release = a.stocks.copy(), np.full((S, N), np.nan)
    member = np.full(N, "*", dtype=object)
    for code, pos in groups.items():
        if code != "alliance":
            member[pos] = code
    imports = a.flows.sum(axis=1)  # (S, N) t per month
    used: dict[str, list[str]] = {}
    for s, sid in enumerate(net.stages):
        actors = np.unique(np.concatenate([m.actors for m in resolved if s in m.stages] or [np.zeros(0, int)]))
        exposed = a.flows[s][actors].sum(axis=0) if len(actors) else imports[s]
        for code in np.unique(member):
            rule = stock_rule(chain, sid, code)
            base = {"use": a.use[s], "imports": imports[s], "exposed_imports": exposed}[rule["basis"]]
            sel = (member == code) & np.isnan(stocks[s])
            stocks[s, sel] = float(rule["months"]) * base[sel]
            release[s, sel] = float(rule["release"]) if pd.notna(rule["release"]) else np.nan
            if code != "*":
                text = f"{rule['months']:g} months of {rule['basis'].replace('_', ' ')} ({rule['kind']}: " \
                       f"{rule['source']})"
                used.setdefault(text, []).append(f"{code} {sid}")
    notes += [f"stocks {', '.join(where)}: {text}" for text, where in used.items()]
    return replace(a, stocks=stocks, release=release)


def _with_table(m: ExportMeasure, i: int, table: pd.DataFrame | None, origin: str) -> ExportMeasure:
    """Fill what the file leaves out from the warehouse `measures` row with the same id."""
    if not m.id or (m.actor and m.kind):
        return m
    if table is None or table.empty or m.id not in set(table["id"]):
        raise ScenarioError(f"{origin}: key 'measures[{i}].id': '{m.id}' is not in the measures table and the "
                            "file does not give actor and kind (run `chokepoints ingest`)")
    row = table[table["id"] == m.id].iloc[0]
    fill = {"actor": m.actor or row["actor"], "kind": m.kind or row["kind"]}
    if m.targets == ["ALL"] and row["targets"]:
        fill["targets"] = [t for t in str(row["targets"]).split(";") if t]
    return m.model_copy(update=fill)


def _stages(m: ExportMeasure, ch, where: str) -> list[str]:
    if m.stages:
        bad = [s for s in m.stages if s not in ch.stage_ids]
        if bad:
            raise ScenarioError(f"{where}.stages': unknown stage(s) {bad}; chain {ch.id} has {ch.stage_ids}")
        return m.stages
    if m.hs:
        hit = ch.stages_holding(m.hs)
        if not hit:
            raise ScenarioError(f"{where}.hs': no stage of chain {ch.id} has the codes {m.hs}")
        return hit
    raise ScenarioError(f"{where}': give 'stages' or 'hs'")


def _countries(code: str, net: Network, where: str) -> np.ndarray:
    try:
        return net.index(sorted(bloc(code).members))
    except ChokepointsError as e:
        raise ScenarioError(f"{where}: {e}") from None


def _input_weights(ch, net: Network) -> list[np.ndarray | None]:
    out = []
    for sid in net.stages:
        st = ch.stage(sid)
        out.append(np.array([st.factors[i].share for i in st.inputs]) if st.inputs_mode == "alternatives"
                   and st.inputs else None)
    return out


def target_draws(m, rng: np.random.Generator, n: int) -> list[np.ndarray]:
    """One intensity array (n,) per target of `m.by_target`, correlated by `m.target_correlation` through a
    Gaussian copula: u_t = Phi(sqrt(rho) z0 + sqrt(1 - rho) z_t), intensity_t = F_t^-1(u_t)."""
    from scipy.stats import norm

    from chokepoints.shocks.scenario import Dist

    rho = m.target_correlation
    common = rng.standard_normal(n)
    out = []
    for value in m.by_target.values():
        z = np.sqrt(rho) * common + np.sqrt(1.0 - rho) * rng.standard_normal(n)
        out.append(value.ppf(norm.cdf(z)) if isinstance(value, Dist) else np.full(n, float(value)))
    return out


def draw(
    p: Plan, rng: np.random.Generator, n: int
) -> tuple[list[ExportCut], list[CapacityCut], ResponseArrays, np.ndarray]:
    """Draw n runs: the kernel's export cuts, outages, response arrays and each run's onset month."""
    sc, T = p.scenario, p.n_months
    d = draw_parameters(sc, rng, n)
    cuts, outs, starts = [], [], []
    for m in p.measures:
        key = f"measures[{m.index}]"
        start, dur = d[f"{key}.start_month"], d[f"{key}.duration_months"]
        shape = profiles.evaluate(m.profile, T, start, dur)
        k = d[f"{key}.intensity"][:, None] * shape
        starts.append(start)
        cuts += [ExportCut(s, m.actors, m.destinations, k) for s in m.stages if m.destinations.any()]
    # per-target intensities last, so that scenarios without them draw exactly as before
    for m in p.measures:
        if not m.by_target:
            continue
        key = f"measures[{m.index}]"
        shape = profiles.evaluate(m.profile, T, d[f"{key}.start_month"], d[f"{key}.duration_months"])
        for (_target, mask), level in zip(m.by_target, target_draws(sc.measures[m.index], rng, n), strict=True):
            cuts += [ExportCut(s, m.actors, mask, level[:, None] * shape) for s in m.stages]
    for i, s, c in p.outages:
        key = f"outages[{i}]"
        o = sc.outages[i]
        start, dur = d[f"{key}.start_month"], d[f"{key}.duration_months"]
        outs.append(CapacityCut(s, c, d[f"{key}.intensity"][:, None] * profiles.evaluate(o.profile, T, start, dur)))
        starts.append(start)
    r = {k.split(".")[1]: v for k, v in d.items() if k.startswith("response.")}
    r.setdefault("stock_months", np.zeros(n))  # stocks come from reference/stocks.csv (compile._with_stocks)
    resp = ResponseArrays(**r, pool_stocks=sc.response.pool_stocks)
    onset = np.floor(np.min(starts, axis=0)) if starts else np.zeros(n)
    return cuts, outs, resp, onset
