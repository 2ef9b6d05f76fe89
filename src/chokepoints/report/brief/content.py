"""What the brief shows: `build_brief` calls the API (dependency, simulate, optimise) and turns the results into a
`Brief` of formatted tables, figure data, caveats and sources. The renderers compute nothing."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from chokepoints.errors import InputError
from chokepoints.report.numbers import (
    fmt_count,
    fmt_months,
    fmt_range,
    fmt_share,
    fmt_tonnes,
    fmt_usd,
    months_word,
)


@dataclass
class Table:
    """A table as a reader sees it: formatted cells, its source and year, notes (labels for assumptions)."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    source: str
    notes: list[str] = field(default_factory=list)
    align: str = ""  # one letter per column: l or r


@dataclass
class Figure:
    """A figure's data (drawn by `draw_figures`), its caption and its source and year."""

    name: str
    caption: str
    source: str
    data: dict = field(default_factory=dict)


@dataclass
class Brief:
    """Everything the two pages show, already computed and formatted; `numbers` holds the raw headline values."""

    title: str
    subtitle: str
    meeting: str
    alliance: str
    chain: str
    scenario: str
    generated: str
    key_points: list[str]
    tables: dict[str, Table]
    figures: dict[str, Figure]
    caveats: list[str]
    sources: list[str]
    provenance: str
    numbers: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


def _short(name: str) -> str:
    """'Permanent magnets (sintered/bonded NdFeB, SmCo)' -> 'Permanent magnets'."""
    return name.split(" (")[0]


def _country(iso3) -> str:
    from chokepoints.reference.countries import country_name

    return country_name(iso3) if isinstance(iso3, str) and iso3 else "n/a"


def _num(v) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return float("nan")


def _status_label(status: str) -> str:
    """The first words of a stage status: 'data', 'mostly assumed', 'partly assumed', 'PROXY', 'missing'."""
    s = status.split(" (")[0].split(":")[0].strip()
    return s or "n/a"


def build_brief(wh, *, alliance="EU27+JPN", scenario="cn-2025-rare-earths", chain=None, runs: int = 1000,
                seed: int = 1, optimise_runs: int = 200, meeting: str = "2+2 ministerial meeting",
                today: dt.date | None = None) -> Brief:
    """Compute the brief on warehouse `wh`: dependency (value and tonnes), the scenario's Monte Carlo (`runs`,
    `seed`) and the optimiser (`optimise_runs`, same seed), joint and solo."""
    import chokepoints as ck
    from chokepoints.analyses import as_bloc, as_chain
    from chokepoints.optimise.report import portfolio, projects_table
    from chokepoints.trade import trade_sources

    sc = ck.scenario(scenario)
    ally = as_bloc(alliance, "alliance")
    if not (sc.measures or sc.outages):
        raise InputError(f"scenario {sc.name} has no export controls or outages: the brief needs a shock to the "
                         "chain (tariff scenarios: chokepoints simulate)", field="scenario")
    ch = as_chain(chain if chain is not None else sc.chain)
    if ch.id != sc.chain:
        raise InputError(f"scenario {sc.name} acts on chain '{sc.chain}', not '{ch.id}': pass --chain {sc.chain}",
                         field="chain")
    if sc.alliance != ally.code:
        sc = sc.model_copy(update={"alliance": ally.code})
    horizon = sc.horizon_months

    dep_v = wh.dependency(bloc=ally, chain=ch, basis="value").set_index("product")
    dep_q = wh.dependency(bloc=ally, chain=ch, basis="quantity").set_index("product")
    sim = wh.simulate(sc, runs=runs, seed=seed)
    opt = wh.optimise(scenario=sc, chain=ch, alliance=ally, runs=optimise_runs, seed=seed, mode="both")

    stage_meta = {r["stage"]: r for r in sim.meta.get("stages", [])}
    units = sim.units()
    numbers: dict = {"runs": runs, "seed": seed, "optimise_runs": optimise_runs, "horizon_months": horizon}
    caveats: list[str] = []

    # 1. headline dependencies along the chain -----------------------------------------------------------------
    dep_rows, dep_notes, traded, untraded = [], [], [], []
    for st in ch.stages:
        key = f"{ch.id}/{st.id}"
        v, q = dep_v.loc[key], dep_q.loc[key]
        status = stage_meta.get(st.id, {}).get("status", "")
        label = _status_label(status)
        has_trade = _num(v["m_ext"]) > 0 and isinstance(v["top1"], str)
        if v.get("proxy"):
            label = "PROXY"
        year = "" if pd.isna(v["year"]) else str(int(v["year"]))
        reliance = _num(q["import_reliance"])
        if not math.isnan(reliance):
            rel = fmt_share(reliance)
        elif isinstance(q.get("data_fault"), str) and q["data_fault"]:
            rel = "n/a (fault)"
            dep_notes.append(f"{_short(st.name)}: import reliance not shown, a data fault: {q['data_fault']} "
                             f"(production: {q['production_basis'] or 'none'}).")
        else:
            rel = "n/a (no output data)" if has_trade else "n/a"
        if has_trade:
            traded.append({"stage": st.id, "label": _short(st.name), "year": year, "top1": v["top1"],
                           "top1_share": _num(v["top1_share"]), "top3": str(v["top3"]),
                           "top3_share": _num(v["top3_share"]), "top1_share_t": _num(q["top1_share"]),
                           "top1_t": q["top1"], "hhi": _num(v["hhi"]), "ec_flag": bool(v["ec_flag"])})
            numbers[f"top1_share/{st.id}"] = _num(v["top1_share"])
            numbers[f"top1/{st.id}"] = v["top1"]
            numbers[f"top1_share_t/{st.id}"] = _num(q["top1_share"])
            dep_rows.append([f"{_short(st.name)} ({year})", fmt_usd(_num(v["m_ext"])),
                             f"{_country(v['top1'])} {fmt_share(_num(v['top1_share']))}",
                             f"{fmt_share(_num(q['top1_share']))}",
                             f"{_num(v['hhi']):.2f}{' (flag)' if bool(v['ec_flag']) else ''}", rel, label])
        else:
            why = str(v["resolution"])
            why = f": {why}" if why.startswith(("proxy", "PROXY")) else ""
            untraded.append(f"{_short(st.name).lower()} ({label}{why})")
    if untraded:
        dep_notes.append("No trade data in the warehouse for " + "; ".join(untraded) + ".")
    dep_datasets = sorted({d for s in dep_v["sources"].dropna() for d in str(s).split(";") if d})
    production = sorted({str(p) for p in dep_q["production_basis"] if isinstance(p, str) and p})
    dep_source = (f"{trade_sources(wh, dep_datasets)}; imports from outside the alliance in the latest year each "
                  f"product has" + (f"; reliance on a tonnes basis with {', '.join(production)}" if production else "")
                  if dep_datasets else "no trade data")
    dependencies = Table(
        title=f"{ally.code}'s imports from outside the alliance, stage by stage",
        columns=["Stage (trade year)", "Imports from outside", "Top supplier, value", "tonnes", "HHI",
                 "Import reliance", "Rests on"],
        rows=dep_rows, align="lrlrrrl",
        source=f"Source: {dep_source}. chokepoints dependency, basis value and quantity.",
        notes=["HHI: supplier concentration; flag: the European Commission's strategic-dependency screen (HHI > 0.4, "
               "imports > exports, outside share > 50%). 'Rests on': the shock engine's status of the stage; "
               "anything but 'data' is an assumption, a proxy or missing (section 5).", *dep_notes])

    # 2. the scenario: losses and time to survive per member and stage ------------------------------------------
    s = sim.summary.set_index(["member", "stage", "metric"])
    members = [g for g in sim.groups if g != "alliance"] + (["alliance"] if "alliance" in sim.groups else [])
    missing = [st for st, m in stage_meta.items() if m["status"].startswith("missing")]
    touched = [st.id for st in ch.stages if st.id not in missing
               and any(_num(s.loc[(g, st.id, "exposed_t"), "mean"]) > 0 for g in members)]
    lost_stages = [st for st in touched
                   if any(_num(s.loc[(g, st, "output_lost_t"), "p95"]) > 0 for g in members)]
    loss_rows = []
    for g in members:
        row = ["Alliance" if g == "alliance" else g]
        for st in lost_stages:
            lost, usd = s.loc[(g, st, "output_lost_t")], s.loc[(g, st, "output_lost_usd")]
            f = fmt_count if units.get(st, "t") == "vehicles" else fmt_tonnes
            row += [fmt_range(lost["p50"], lost["p5"], lost["p95"], f), fmt_usd(usd["p50"])]
            numbers[f"lost/{g}/{st}"] = float(lost["p50"])
            numbers[f"lost_usd/{g}/{st}"] = float(usd["p50"])
        for st in touched:
            tts = s.loc[(g, st, "time_to_survive_months")]
            row.append(fmt_range(tts["p50"], tts["p5"], tts["p95"], lambda v: fmt_months(v, horizon)))
            numbers[f"tts/{g}/{st}"] = float(tts["p50"])
        loss_rows.append(row)
    flagged = {st: _status_label(stage_meta.get(st, {}).get("status", "")) for st in touched}
    mark = {st: (" [b]" if flagged[st] != "data" else "") for st in touched}
    stock_notes = [n for n in sim.plan.notes if n.startswith("stocks ")]
    other_notes = [n for n in sim.plan.notes if not n.startswith("stocks ")]
    loss_notes = [f"Median over {runs:,} runs (5th to 95th percentile), summed over {horizon} months from "
                  f"{sc.start}; value at the stage's price. Months: time to survive, until the stage's output first "
                  f"falls short (Simchi-Levi); '> {horizon}' = not within the horizon."]
    if missing:
        loss_notes.append("Missing stages pass their input shortfall through (not shown): "
                          + "; ".join(f"{st}: {stage_meta[st]['status']}" for st in missing) + ".")
    for st in touched:
        if mark[st]:
            loss_notes.append(f"[b] {_short(ch.stage(st).name)}: {stage_meta[st]['status']} (an assumption, "
                              "not data).")
    losses = Table(
        title=f"Output lost over {horizon} months and months until each stage runs short (median, 5th to 95th "
              "percentile)",
        columns=["Member", *[c for st in lost_stages for c in (
                     f"{_short(ch.stage(st).name).capitalize()} lost", "Value lost")],
                 *[f"{st.capitalize()}: months{mark[st]}" for st in touched]],
        rows=loss_rows, align="l" + "rr" * len(lost_stages) + "r" * len(touched),
        source=f"Source: chokepoints shock engine, scenario {sc.name} ({runs:,} runs, seed {seed}); {sim.data_note}.",
        notes=loss_notes)

    # 3. the recommended portfolio and 4. the value of the alliance ---------------------------------------------
    pt = projects_table(opt).set_index("id")
    names = {str(k): str(v) for k, v in pt["name"].items() if isinstance(v, str)}
    items: dict[tuple, dict] = {}
    for mode, res in opt.results.items():
        pf = portfolio(res, opt)
        for r in pf.itertuples():
            key = (r.kind, r.item)
            it = items.setdefault(key, {"kind": r.kind, "item": r.item, "stage": r.stage, "source": r.source})
            col = mode if mode == "joint" else f"solo/{r.member}"
            t, c = it.get(col, (0.0, 0.0))
            it[col] = (t + float(r.tonnes), c + float(r.cost_usd))
    solo_members = list(opt.problem.members)
    pf_rows, pf_notes = [], []
    for it in sorted(items.values(), key=lambda i: (i["kind"] != "offtake", i["stage"], i["item"])):
        if it["kind"] == "offtake":
            what = f"Offtake: {names.get(it['item'], it['item'])} ({it['source']})"
            assumed = pt.loc[it["item"], "assumed"] if it["item"] in pt.index else ""
            if isinstance(assumed, str) and assumed:
                what += " [a]"
                pf_notes.append(f"[a] {it['item']}: figures filled from optimise/project_assumptions.csv: "
                                f"{assumed}.")
        elif it["kind"] == "stock":
            what = f"Stockpile of {_short(ch.stage(it['stage']).name).lower()}"
        else:
            what = f"Contract with {_country(it['source'])} ({it['stage']})"
        cells = [what]
        for col in ["joint", *[f"solo/{m}" for m in solo_members]]:
            t, c = it.get(col, (0.0, 0.0))
            cells.append(f"{fmt_tonnes(t)}, {fmt_usd(c)}" if t > 0 else "-")
        pf_rows.append(cells)
    summ = opt.summary.set_index(["mode", "member"])
    joint_total = float(summ.loc[("joint", "total"), "cost"]) if ("joint", "total") in summ.index else float("nan")
    solo_total = float(summ.loc[("solo", "total"), "cost"]) if ("solo", "total") in summ.index else float("nan")
    pf_rows.append(["Total cost over the horizon (first stage + expected shortfall)", fmt_usd(joint_total),
                    *[fmt_usd(float(summ.loc[("solo", m), "cost"])) for m in solo_members]])
    cost_src = opt.meta.get("sources", {})
    assumed_costs = sorted(k for k, v in cost_src.items() if "(assumption" in str(v))
    before = opt.before.sum("stage")
    p = opt.problem.prob.values
    before_t = {m: float((before.sel(member=m).values * p).sum()) for m in solo_members}
    before_t["total"] = float((before.sum("member").values * p).sum())
    after_t = {mode: float(summ.loc[(mode, "total"), "expected_shortfall_t"]) for mode in opt.results}
    pf_notes.insert(0, f"Tonnes secured and cost over {opt.problem.horizon_months} months from {opt.problem.start}. "
                       f"Expected shortfall ({', '.join(str(v) for v in opt.problem.demand['stage'].values)}, t) "
                       f"with no action: {fmt_tonnes(before_t['total'])}; after the joint portfolio "
                       f"{fmt_tonnes(after_t.get('joint', float('nan')))}, after the solo ones "
                       f"{fmt_tonnes(after_t.get('solo', float('nan')))}. Jointly, costs are shared "
                       f"{opt.policy.objective.sharing.replace('_', '-')} (by share of demand), so which member "
                       "holds a pooled item does not change what it pays.")
    if assumed_costs:
        pf_notes.append("Assumed, not sourced: " + ", ".join(assumed_costs).replace("_", " ")
                        + " (optimise/costs.toml; every cost's source in docs/methods/optimise.md).")
    binding = "; ".join(f"{m}: {', '.join(r.binding) or 'none'}" for m, r in opt.results.items())
    portfolio_t = Table(
        title="Recommended portfolio: what to secure, jointly and alone",
        columns=["Item", f"Joint ({ally.code})", *[f"{m} alone" for m in solo_members]],
        rows=pf_rows, align="l" + "r" * (1 + len(solo_members)),
        source=f"Source: chokepoints optimiser (linopy + HiGHS), {optimise_runs} runs of {sc.name} (seed {seed}); "
               "projects: data/curated/projects.csv; prices and costs: reference/prices.toml, optimise/costs.toml "
               f"({_years(cost_src)}). Policy constraints binding: {binding}.",
        notes=pf_notes)

    voa = opt.value_of_alliance().set_index("member") if {"joint", "solo"} <= set(opt.results) else None
    value_rows = []
    for m in [*solo_members, "total"]:
        solo_c = float(summ.loc[("solo", m), "cost"])
        joint_c = float(summ.loc[("joint", m), "cost"])
        val = float(voa.loc[m, "cost"]) if voa is not None else float("nan")
        value_rows.append(["Alliance" if m == "total" else m, fmt_tonnes(before_t[m]), fmt_usd(solo_c),
                           fmt_usd(joint_c), fmt_usd(val)])
        numbers[f"value/{m}"] = val
        numbers[f"cost/solo/{m}"] = solo_c
        numbers[f"cost/joint/{m}"] = joint_c
    ratio = joint_total / solo_total if solo_total else float("nan")
    numbers["joint_solo_ratio"] = ratio
    value_t = Table(
        title="Value of the alliance: cost alone minus cost together",
        columns=["Member", "Expected shortfall, no action", "Cost alone", "Cost together", "Value of the alliance"],
        rows=value_rows, align="lrrrr",
        source=portfolio_t.source.split(" Policy")[0],
        notes=[f"Joint / solo cost {ratio:.2f}. Positive = better off together. A member's own value depends on the "
               "sharing rule (pro-rata: a member may pay more than alone while the alliance pays less in total); "
               "the total does not."])

    # key points: each sentence built from the numbers above ----------------------------------------------------
    key = []
    if traded:
        by_supplier: dict[str, list] = {}
        for t in traded:
            by_supplier.setdefault(t["top1"], []).append(t)
        parts = [f"{_country(sup)} holds " + " and ".join(
            f"{fmt_share(t['top1_share'])} of its {t['label'].lower()} ({t['year']})" for t in ts)
            for sup, ts in by_supplier.items()]
        key.append(f"Of what {ally.code} buys outside the alliance, by value, " + "; ".join(parts) + ".")
    final = [st for st in touched if any(numbers.get(f"lost/{g}/{st}", 0) > 0 for g in members)]
    solo_groups = [g for g in members if g != "alliance"]
    if final:
        st = final[-1]
        unit = units.get(st, "t")
        f = fmt_count if unit == "vehicles" else fmt_tonnes
        tts = {g: fmt_months(numbers[f"tts/{g}/{st}"], horizon) for g in solo_groups}
        when = (f"after {months_word(next(iter(tts.values())))} in {' and '.join(solo_groups)}"
                if len(set(tts.values())) == 1 else ", ".join(f"after {months_word(v)} in {g}"
                                                              for g, v in tts.items()))
        per = " and ".join(f"{f(numbers[f'lost/{g}/{st}'])}{' ' + unit if unit == 'vehicles' else ''} "
                           f"({fmt_usd(numbers[f'lost_usd/{g}/{st}'])}) in {g}" for g in solo_groups)
        key.append(f"Under {sc.name}, {_short(ch.stage(st).name).lower()} output runs short {when} (median); over "
                   f"{horizon} months the median loss is {per}.")
    joint_items = [it for it in items.values() if "joint" in it]
    if joint_items:
        def _say(it):
            t = fmt_tonnes(it["joint"][0])
            if it["kind"] == "offtake":
                return f"{t} from {names.get(it['item'], it['item'])} ({it['source']})"
            if it["kind"] == "stock":
                return f"a {t} stockpile of {_short(ch.stage(it['stage']).name).lower()}"
            return f"{t} contracted from {_country(it['source'])}"
        key.append(f"The cheapest joint response costs {fmt_usd(joint_total)} over {opt.problem.horizon_months} "
                   f"months: {'; '.join(_say(it) for it in joint_items)}. It takes the expected shortfall from "
                   f"{fmt_tonnes(before_t['total'])} to {fmt_tonnes(after_t.get('joint', float('nan')))}.")
    if voa is not None:
        key.append(f"Value of the alliance: {fmt_usd(numbers['value/total'])} saved by acting together (alone "
                   f"{fmt_usd(solo_total)}, together {fmt_usd(joint_total)}; joint/solo {ratio:.2f}).")

    # caveats: everything that is an assumption or a proxy, said as such --------------------------------------
    for st, m in stage_meta.items():
        if m["status"] != "data":
            caveats.append(f"Stage {st}: {m['status']}.")
    import re

    for n in stock_notes + other_notes:  # 'measures[1]: ...' -> the sentence, once; 'WARNING' -> 'Warning:'
        n = re.sub(r"^(WARNING )?measures\[\d+\]: ", lambda m_: "Warning: " if m_.group(1) else "", n)
        n = (n[0].upper() + n[1:]).rstrip(".") + "."
        if n not in caveats:
            caveats.append(n)
    r = sc.response
    caveats.append(f"Scenario settings (assumptions of {sc.name}): rationing {sc.rationing.replace('_', '-')}, "
                   f"substitution {r.substitution:g}, ramp-up {r.ramp_up:g}/month, stock release {r.stock_release:g}"
                   f"/month{'' if r.substitution else ': no substitution or redesign, so losses are an upper bound'}.")
    for mm in sc.measures:
        if mm.note:
            caveats.append(f"Measure {mm.id} on {', '.join(mm.stages)}: {mm.note}.")

    # figures ------------------------------------------------------------------------------------------------------
    figures = {}
    if traded:
        figures["dependency"] = Figure(
            name="dependency", caption=f"Outside suppliers' shares of {ally.code}'s imports (value) per stage",
            source=dependencies.source.split(". chokepoints")[0].replace("Source: ", "Source: ", 1) + ".",
            data={"stages": [f"{t['stage'].capitalize()}\n({t['year']})" for t in traded],
                  "top1": [t["top1_share"] for t in traded], "top1_name": [t["top1"] for t in traded],
                  "top3": [t["top3_share"] for t in traded], "top3_names": [t["top3"] for t in traded]})
    if final:
        st = final[-1]
        if st in sim.plan.stages:
            k = list(sim.plan.stages).index(st)
            q = np.percentile(sim.fan[:, k, :], [5, 25, 50, 75, 95], axis=0)
            months = list(pd.period_range(sc.start[:7], periods=sim.fan.shape[2], freq="M").astype(str)) \
                if sc.start else [str(i) for i in range(sim.fan.shape[2])]
            figures["losses"] = Figure(
                name="losses", caption=f"{ally.code}: {units.get(st, 't')} lost per month under {sc.name}, "
                                       f"median and 5-95% of {runs:,} runs",
                source=f"Source: chokepoints shock engine, {sc.name}, {runs:,} runs, seed {seed}; production: "
                       f"{stage_meta.get(st, {}).get('production_source', '')}.",
                data={"months": months, "q": q.tolist(), "unit": units.get(st, "t")})
    if voa is not None:
        figures["value"] = Figure(
            name="value", caption="Cost over the horizon, each member alone and together (USD M)",
            source=value_t.source.rstrip(".") + ".",
            data={"members": [*solo_members, "Alliance"],
                  "solo": [float(summ.loc[("solo", m), "cost"]) for m in [*solo_members, "total"]],
                  "joint": [float(summ.loc[("joint", m), "cost"]) for m in [*solo_members, "total"]]})

    # sources: every data set with its years, the scenario's and the chain's sources ---------------------------
    status = wh.status().set_index("dataset")
    sources = []
    for name, d in sim.meta.get("datasets", {}).items():
        yrs = ""
        if name in status.index:
            y0, y1 = status.loc[name, "year_min"], status.loc[name, "year_max"]
            yrs = "" if pd.isna(y0) else f" [{int(y0)}]" if y0 == y1 else f" [{int(y0)}-{int(y1)}]"
        sources.append(f"{d.get('source', name)}{yrs} (data set {name}, {len(d.get('files', {}))} file(s), sha256 "
                       "in the run's meta).")
    sources += [f"Scenario: {x}" for x in sc.sources]
    cited = sorted({str(v) for v in cost_src.values() if "(cited" in str(v) or "(derived" in str(v)})
    sources += [f"Optimiser input: {x}" for x in cited]

    generated = (today or dt.date.today()).isoformat()
    return Brief(
        title=sc.title or sc.name,
        subtitle=(f"Scenario {sc.name} on the {ch.name.lower()} chain, from {sc.start}, {horizon} months. "
                  f"{runs:,} Monte Carlo runs (seed {seed}); optimiser on {optimise_runs} runs."),
        meeting=f"{ally.code} - brief for the {meeting}", alliance=ally.code, chain=ch.id, scenario=sc.name,
        generated=generated, key_points=key,
        tables={"dependencies": dependencies, "losses": losses, "portfolio": portfolio_t, "value": value_t},
        figures=figures, caveats=caveats, sources=sources,
        provenance=(f"chokepoints {sim.meta.get('code_version', '')}, {generated}. Recompute: chokepoints brief "
                    f"--alliance {ally.code} --scenario {sc.name} --runs {runs} --seed {seed} --optimise-runs "
                    f"{optimise_runs}"),
        numbers=numbers)


def _years(sources: dict) -> str:
    """'2023-2025' from cost sources ending '(kind, year)'."""
    import re

    years = sorted({int(y) for v in sources.values() for y in re.findall(r", (\d{4})\)\s*$", str(v))})
    return "" if not years else str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"
