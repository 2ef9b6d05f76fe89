"""What a reader sees in a terminal table: the rows and columns that matter first, numbers short, a stage's unit
beside its figure, long explanations as numbered notes. Pure functions of the API's results (the CLI renders them;
csv and json carry every column unchanged)."""

from __future__ import annotations

import pandas as pd

from chokepoints.report.numbers import fmt_compact

# ------------------------------------------------------------------------------------------------------ dependency

def dependency_view(df, names: dict[str, str] | None = None, *, wide: bool = False):
    """The terminal view and its notes: the most important columns first, numbers short, long explanations of a
    row's resolution as numbered notes under the table (everything in csv/json)."""
    view = df.copy()
    view["m_rep"] = view["m_ext_reporters"].map(lambda s: len(s.split(";")) if s else 0)
    view["x_rep"] = view["x_ext_reporters"].map(lambda s: len(s.split(";")) if s else 0)
    view["year"] = view["year"].map(lambda y: "" if y != y or y is None else str(int(y)))
    view["ec_flag"] = view["ec_flag"].map(lambda f: "" if f is pd.NA or f != f else ("yes" if f else "no"))
    cols = ["bloc", "product", "year", "m_ext", "x_ext", "m_int", "hhi", "top1", "top1_share", "top3_share",
            "ratio_m_x", "ext_share", "ec_flag", "m_rep", "m_ext_mirror_share", "x_rep", "x_ext_mirror_share"]
    if "import_reliance" in view and view["import_reliance"].notna().any():
        cols += ["import_reliance", "crma_top_share", "crma_flag"]
    if "data_fault" in view and view["data_fault"].fillna("").astype(bool).any():
        cols += ["data_fault"]
    view["source"] = view["sources"].fillna("").map(_short_sources)
    notes: list[str] = []

    def note(text: str) -> str:
        text = text.removeprefix("as requested; ")
        if text in ("", "as requested"):
            return ""
        short = ("no data" if text == "no data" else "PROXY" if text.startswith("PROXY") or "proxy" in text
                 else "note")
        if text != short:
            if text not in notes:
                notes.append(text)
            short += f" [{notes.index(text) + 1}]"
        return short

    view["resolution"] = view["resolution"].fillna("").map(note)
    cols += ["resolution", "source"]
    view = view[cols].rename(columns={"m_ext_mirror_share": "m_mirror", "x_ext_mirror_share": "x_mirror",
                                      "top1_share": "top1_sh", "top3_share": "top3_sh", "ratio_m_x": "m/x",
                                      "ext_share": "ext_sh", "import_reliance": "reliance",
                                      "crma_top_share": "crma_top", "crma_flag": "crma65", "ec_flag": "EC",
                                      "resolution": "note"})
    for c in ("m_ext", "x_ext", "m_int"):
        view[c] = view[c].map(lambda v: "" if v != v else fmt_compact(v))
    for c in ("top1_sh", "top3_sh", "ext_sh", "m_mirror", "x_mirror", "reliance", "crma_top"):
        if c in view:
            view[c] = view[c].map(lambda v: "" if v != v else f"{v:.0%}")
    for c in ("hhi", "m/x"):
        view[c] = view[c].map(lambda v: "" if v != v else ("inf" if v == float("inf") else f"{v:.2f}"))
    # a chain stage reads as "rare-earth-magnets oxide"; a code as "2846 Compounds, inorganic or organic, of ..."
    stage = view["product"].str.contains("/", regex=False)
    if stage.all() and view["product"].str.split("/").str[0].nunique() == 1:
        view["product"] = view["product"].str.split("/").str[1]  # one chain: it is in the title
    else:
        view["product"] = view["product"].str.replace("/", " ", regex=False)
    if names:
        view["product"] = view["product"].map(lambda p: f"{p} {names[p]}" if p in names else p)
    if view["bloc"].nunique() == 1 and not wide:
        view = view.drop(columns="bloc")
    if not wide:  # fits 100 columns: what a reader needs first
        view = view[[c for c in ["bloc", "product", "year", "m_ext", "top1", "top1_sh", "hhi", "EC", "reliance",
                                 "crma_top", "data_fault", "note", "source"] if c in view]]
    return view, notes


def _short_sources(datasets: str) -> str:
    """Data set names as a reader knows them: baci_hs17_critical -> BACI, comtrade_* -> Comtrade."""
    names = []
    for d in filter(None, datasets.split(";")):
        name = "BACI" if d.startswith("baci") else "Comtrade" if d.startswith("comtrade") else d
        if name not in names:
            names.append(name)
    return "+".join(names)


# ------------------------------------------------------------------------------------------------------ simulation

METRIC_NAMES = {"output_lost": "output lost", "time_to_survive": "time to survive", "time_to_recover":
                "time to recover", "exposed": "exposed", "shortfall": "shortfall"}
DEFAULT_METRICS = ("output_lost_t", "output_lost_usd", "time_to_survive_months", "exposed_t")


def simulation_rows(result, metrics=None) -> pd.DataFrame:
    """The summary rows worth reading, with raw numbers and each stage's unit: the chosen metrics, rows that say
    something (a time to survive of 0 is the headline and stays; output lost that has no price stays, as NaN), stages
    the shock reached."""
    s = result.summary
    keep = list(metrics or DEFAULT_METRICS)
    lost = s[(s["metric"] == "output_lost_t") & (s["mean"] > 0)].set_index(["member", "stage"]).index
    unvalued = (s["metric"].eq("output_lost_usd") & s["mean"].isna()
                & s.set_index(["member", "stage"]).index.isin(lost))
    timing = s["metric"].isin(["time_to_survive_months", "time_to_recover_months"])
    s = s[s["metric"].isin(keep) & ((s[["p5", "p50", "p95", "mean"]].abs().sum(axis=1) > 0) | unvalued | timing)]
    stages = result.meta.get("stages", [])
    units = {r["stage"]: ("vehicles" if r["unit"] == "piece" else r["unit"]) for r in stages}
    missing = {r["stage"] for r in stages if r["status"].startswith("missing")}
    full = result.summary
    touched = full[(full["metric"] == "exposed_t") & (full["mean"] > 0)].set_index(["member", "stage"]).index
    # stages the shock never reached add only "> horizon" rows: leave them out (the caption lists missing stages)
    rows = s[~s["stage"].isin(missing) & s.set_index(["member", "stage"]).index.isin(touched)]
    rows = rows.reset_index(drop=True).copy()
    rows.insert(2, "unit", [("USD" if m.endswith("_usd") else "months" if m.endswith("_months")
                             else units.get(st, "t")) for st, m in zip(rows["stage"], rows["metric"], strict=True)])
    return rows


def simulation_view(result, metrics=None) -> pd.DataFrame:
    """`simulation_rows` for a terminal: metric names in words, censored times as '> horizon', output without a
    price as 'not valued', numbers to three significant figures, the median first."""
    view = simulation_rows(result, metrics)
    horizon = f"> {result.plan.scenario.horizon_months}"
    base = view["metric"].str.replace(r"_(t|usd|months)$", "", regex=True)
    view["metric"] = base.map(lambda m: METRIC_NAMES.get(m, m.replace("_", " ")))
    for c in ("p5", "p50", "p95", "mean"):
        view[c] = [horizon if v == float("inf") else "not valued" if v != v else fmt_compact(v) for v in view[c]]
    return view[["member", "stage", "metric", "unit", "p50", "p5", "p95", "mean"]]


def simulation_caption(result) -> str:
    """The data a run rests on and every stage that is missing, proxied or mostly assumed."""
    flagged = [f"{r['stage']}: {r['status']}" for r in result.meta.get("stages", []) if r["status"] != "data"]
    text = (f"Losses summed over the horizon; p50 = median of the runs, p5-p95 their 90% range. "
            f"Data: {result.data_note}.")
    if flagged:
        text += " Stages not resting on data: " + "; ".join(flagged) + "."
    return text
