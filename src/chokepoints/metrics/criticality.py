"""EU criticality: supply risk (SR) and economic importance (EI), the 2017 methodology as used for the 2023 list.

Sources: European Commission, "Methodology for establishing the EU list of critical raw materials" (2017,
doi 10.2873/769526); "Study on the critical raw materials for the EU 2023 - Final Report" (doi 10.2873/725585);
Regulation (EU) 2024/1252 (Critical Raw Materials Act), Annexes I and II. Conventions that reproduce the published
2023 values, and the materials that miss, are in docs/methods/criticality.md.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

import ibis
import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from chokepoints.errors import ChokepointsError, InputError, UnknownNameError, WarehouseError, from_validation
from chokepoints.metrics import criticality_data as data

WGI_YEARS = (2018, 2019, 2020, 2021, 2022)  # the five latest years of the WGI 2023 update (docs: the search)
MISSING_WGI = 5.0  # a supplier without a WGI estimate in those years: the middle of the 0-10 scale
SR_THRESHOLD, EI_THRESHOLD = 1.0, 2.8
SOURCE = "EC CRM 2023 study (doi 10.2873/725585); WGI 2023 update (World Bank)"
COLUMNS = ["material", "stage", "sr", "ei", "critical", "sr_published", "ei_published", "sr_diff", "ei_diff"]


# ---------------------------------------------------------------------------------------------------- formulas
def rescale_wgi(wgi):
    """WGI estimate (about -2.5 worst to +2.5 best) -> 0-10 with 10 the worst governance: (2.5 - wgi) * 2.

    EC 2017 methodology, section 4.2.1: the WGI is rescaled to 0-10, higher meaning worse governance. Works on a
    number, a NumPy array, a pandas Series or an Ibis column alike.
    """
    return (2.5 - wgi) * 2


def hhi_wgi_t(shares, wgi, t):
    """HHI_WGI,t = sum_c s_c^2 * WGI_c * t_c, shares as fractions, WGI on 0-10, t the trade-related factor.

    EC 2017 methodology, eq. (3): with shares as fractions the index runs 0-10, which is the scale of the published
    SR (the methodology writes shares in percent and divides by 10^4, the same number). Sums over the arguments,
    so it aggregates pandas Series, NumPy arrays or Ibis columns (inside an aggregation).
    """
    return (shares**2 * wgi * t).sum()


def supply_risk(hhi_gs, hhi_eu, ir, eol_rir, si_sr):
    """SR = [HHI_WGI,t(GS) * IR/2 + HHI_WGI,t(EU sourcing) * (1 - IR/2)] * (1 - EoL_RIR) * SI_SR.

    EC 2017 methodology, eq. (2): IR import reliance, EoL_RIR end-of-life recycling input rate (fractions), SI_SR the
    substitution index for supply risk. Element-wise on numbers, arrays or Series.
    """
    return (hhi_gs * ir / 2 + hhi_eu * (1 - ir / 2)) * (1 - eol_rir) * si_sr


def economic_importance(shares, value_added, si_ei, va_max):
    """EI = sum_s A_s * Q_s * SI_EI / max_s Q_s * 10: end-use shares A_s (fractions) times the value added Q_s of
    their NACE 2-digit sector, corrected by the substitution index SI_EI and scaled by the largest sector's value
    added to 0-10. EC 2017 methodology, eq. (1); the 2023 study scales by the largest manufacturing sector (C28).
    """
    return (shares * value_added).sum() * si_ei / va_max * 10


def is_critical(sr, ei, sr_threshold: float = SR_THRESHOLD, ei_threshold: float = EI_THRESHOLD):
    """Critical when SR >= 1 and EI >= 2.8 (EC 2017 methodology, section 5; the EC compares rounded values)."""
    return (sr >= sr_threshold) & (ei >= ei_threshold)


# ---------------------------------------------------------------------------------------------------- overrides
Fraction = Annotated[float, Field(ge=0, le=1)]


class ShareOverride(BaseModel):
    """A supplier's share (fraction) of a material at a stage; other suppliers' shares are left as they are."""

    model_config = ConfigDict(extra="forbid")
    material: str
    stage: Literal["extraction", "processing"]
    country: str
    share: Fraction
    scope: Literal["global", "eu"] = "global"


class Overrides(BaseModel):
    """What-if inputs: t or rescaled WGI (0-10) of a country (ISO3), shares, IR and EoL-RIR of a material."""

    model_config = ConfigDict(extra="forbid")
    t: dict[str, Annotated[float, Field(ge=0)]] = {}
    wgi: dict[str, Annotated[float, Field(ge=0, le=10)]] = {}
    shares: list[ShareOverride] = []
    ir: dict[str, Fraction] = {}
    eol_rir: dict[str, Fraction] = {}

    @classmethod
    def from_cli(cls, *, set_t=(), set_wgi=(), set_ir=(), set_eol=(), set_share=()) -> Overrides:
        """Parse the command line's KEY=VALUE strings; a malformed one raises ChokepointsError naming it."""
        def pairs(items, option, key_re, form):
            out = {}
            for item in items:
                m = re.fullmatch(rf"\s*({key_re})\s*=\s*([-+0-9.eE]+)\s*", item)
                try:
                    out[m.group(1)] = float(m.group(2))  # type: ignore[union-attr]
                except (AttributeError, ValueError):
                    raise ChokepointsError(f"{option} {item!r}: expected {form}=VALUE") from None
            return out

        keyed = pairs(set_share, "--set-share", r"[^:=]+:[a-z]+:[A-Za-z]{3}", "MATERIAL:STAGE:ISO3")
        shares = [dict(zip(("material", "stage", "country"), k.split(":"), strict=True), share=v)
                  for k, v in keyed.items()]
        raw = {"t": _known(pairs(set_t, "--set-t", r"[A-Za-z]{3}", "ISO3"), "--set-t"),
               "wgi": _known(pairs(set_wgi, "--set-wgi", r"[A-Za-z]{3}", "ISO3"), "--set-wgi"),
               "ir": pairs(set_ir, "--set-ir", r"[^=]+", "MATERIAL"),
               "eol_rir": pairs(set_eol, "--set-eol", r"[^=]+", "MATERIAL"), "shares": shares}
        return _validated(raw)


def _known(values: dict[str, float], option: str) -> dict[str, float]:
    """Country overrides only for countries chokepoints knows (an unknown code would silently change nothing)."""
    from chokepoints.reference.countries import countries

    known = set(countries()["iso3"])
    bad = [c for c in values if c.upper() not in known]
    if bad:
        raise ChokepointsError(f"{option} {bad[0]}: not a known ISO3 country code")
    return {c.upper(): v for c, v in values.items()}


def _validated(obj) -> Overrides:
    if isinstance(obj, Overrides):
        return obj
    try:
        ov = Overrides.model_validate(obj)
    except ValidationError as e:
        raise from_validation(e, origin=None, error=InputError, prefix="overrides") from None
    ov.t = {k.upper(): v for k, v in ov.t.items()}
    ov.wgi = {k.upper(): v for k, v in ov.wgi.items()}
    for s in ov.shares:
        s.country = s.country.upper()
    return ov


# ---------------------------------------------------------------------------------------------------- assessment
def _hhi(con, ov: Overrides, years, min_share: float, hree: list[str]) -> pd.DataFrame:
    """Ibis: HHI_WGI,t per material x stage x scope (global / eu) from the shares joined to WGI and t."""
    wgi = data.wgi_scores(con, years, rescale_wgi)
    shares = data.with_share_overrides(
        data.supply_shares(con, hree, min_share),
        pd.DataFrame([s.model_dump() for s in ov.shares], columns=["material", "stage", "scope", "country", "share"]))
    wgi = wgi.select(c_wgi="country", wgi="wgi")
    w_ov = data.country_values(ov.wgi, "wgi_new").rename(c_wn="country")
    t_ov = data.country_values(ov.t, "t_new").rename(c_tn="country")
    j = (shares.left_join(wgi, [("country", "c_wgi")]).left_join(w_ov, [("country", "c_wn")])
         .left_join(t_ov, [("country", "c_tn")]))
    j = j.mutate(w=ibis.coalesce(j.wgi_new, j.wgi, ibis.literal(MISSING_WGI)), tc=ibis.coalesce(j.t_new, j.t),
                 no_wgi=(j.wgi.isnull() & j.wgi_new.isnull()).ifelse(j.country, ibis.null(str)))
    agg = j.group_by(["material", "stage", "scope"]).aggregate(
        hhi=lambda t: hhi_wgi_t(t.share, t.w, t.tc), share_sum=lambda t: t.share.sum(),
        no_wgi=lambda t: t.no_wgi.group_concat(","))
    return agg.execute()


def _ei(con) -> pd.Series:
    """Ibis: material -> EI before SI_EI (sum of A_s * Q_s scaled by the largest sector value added)."""
    u = data.use_shares(con)
    va_max = float(u.va_meur.max().execute())
    out = u.group_by("material").aggregate(ei=lambda t: economic_importance(t.share, t.va_meur, 1.0, va_max))
    return out.execute().set_index("material")["ei"]


def _stage_rows(results: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for r in results.itertuples(index=False):
        for stage, (label, sr_pub, ir) in data.STAGE_COLUMNS.items():
            if stage[0].upper() not in str(r.stages) or r.material in data.GROUPS:
                continue
            used = stage == r.used_stage
            rows.append({"material": r.material, "stage": stage, "used": used, "sourcing": getattr(r, label),
                         "ir": getattr(r, ir), "eol_rir": r.eol_rir, "si_sr": r.si_sr, "si_ei": r.si_ei,
                         "sr_published": r.sr if used else getattr(r, sr_pub), "ei_published": r.ei})
    return pd.DataFrame(rows)


def _assess(con, ov: Overrides, years, min_share: float) -> pd.DataFrame:
    results = con.table("crm_results").execute()
    groups = data.members(con)
    hhi = _hhi(con, ov, years, min_share, groups["HREE"])
    wide = hhi.pivot_table(index=["material", "stage"], columns="scope", values="hhi", aggfunc="first")
    nowgi = hhi.dropna(subset=["no_wgi"]).groupby(["material", "stage"])["no_wgi"].agg(",".join)
    df = _stage_rows(results)
    key = pd.MultiIndex.from_frame(df[["material", "stage"]])
    gs, eu = (wide.get(c, pd.Series(dtype=float)).reindex(key).to_numpy() for c in ("global", "eu"))
    df["ir"] = [ov.ir.get(m, v) for m, v in zip(df["material"], df["ir"], strict=True)]
    df["eol_rir"] = [ov.eol_rir.get(m, v) for m, v in zip(df["material"], df["eol_rir"], strict=True)]
    label = df["sourcing"].fillna("GS+EU")  # Coking coal processing: label lost in the source (loader `fault`)
    ir = df["ir"].fillna(0.0).to_numpy()
    gs_only, eu_only = label.eq("GSonly").to_numpy(), label.isin(["EUonly", "EU"]).to_numpy()
    # a term that gets no weight, or has no shares published, takes the other term's value
    eu_term = np.where(gs_only | np.isnan(eu), gs, eu)
    gs_term = np.where(eu_only | np.isnan(gs) | (ir == 0), eu_term, gs)
    df["hhi_gs"], df["hhi_eu"] = gs, eu
    df["sr"] = supply_risk(gs_term, eu_term, ir, df["eol_rir"].fillna(0.0).to_numpy(), df["si_sr"].fillna(1.0))
    notes = []
    for r, g, e in zip(df.itertuples(index=False), gs, eu, strict=True):
        n = []
        if pd.isna(r.sourcing):
            n.append("sourcing label missing in the source: GS+EU assumed")
        elif r.sourcing == "EU":
            n.append("sourcing label 'EU' read as EUonly")
        if r.sourcing == "GS+EU" and np.isnan(e):
            n.append("no EU sourcing shares: global supply only")
        if np.isnan(g) and np.isnan(e):
            n.append("no supply shares in the data")
        if (m := nowgi.get((r.material, r.stage))):
            n.append(f"no WGI for {m}: {MISSING_WGI} used")
        notes.append("; ".join(n))
    df["note"] = notes
    ei = _ei(con)
    df["ei"] = df["material"].map(ei) * df["si_ei"]
    df.loc[df["ei"].isna(), "note"] += np.where(df.loc[df["ei"].isna(), "note"] == "", "", "; ") + \
        "no end-use shares in the data: EI not computed"
    df = pd.concat([df, _groups(df, results, groups)], ignore_index=True)
    return df


def _groups(df: pd.DataFrame, results: pd.DataFrame, groups: dict[str, list[str]]) -> pd.DataFrame:
    """Group rows (HREE, LREE, PGM): the arithmetic mean of their members' SR and EI at the group's stage."""
    rows = []
    for r in results[results["material"].isin(list(data.GROUPS))].itertuples(index=False):
        m = df[df["material"].isin(groups[r.material]) & (df["stage"] == r.used_stage)]
        rows.append({"material": r.material, "stage": r.used_stage, "used": True, "sourcing": r.supply_refined
                     if r.used_stage == "processing" else r.supply_primary, "sr": m["sr"].mean(skipna=False),
                     "ei": m["ei"].mean(skipna=False), "sr_published": r.sr, "ei_published": r.ei,
                     "eol_rir": r.eol_rir, "note": f"mean of {len(m)} members: {', '.join(m['material'])}"})
    return pd.DataFrame(rows)


def _finish(df: pd.DataFrame, overridden: bool = False) -> pd.DataFrame:
    ei_basis = df["ei"].fillna(df["ei_published"])  # EI published where the data hold no end-use shares
    df["critical"] = is_critical(df["sr"].round(1), ei_basis.round(1))
    df["sr_diff"] = (df["sr"] - df["sr_published"]).round(3)
    df["ei_diff"] = (df["ei"] - df["ei_published"]).round(3)
    df["reproduced"] = (df["sr"].round(1) - df["sr_published"]).abs() <= 0.1 + 1e-9
    miss = ~df["reproduced"] & df["used"] & df["material"].isin(list(data.MISSES)) & ~overridden
    why = "not reproduced: " + df.loc[miss, "material"].map(data.MISSES)
    df.loc[miss, "note"] = np.where(df.loc[miss, "note"].fillna("") == "", why, df.loc[miss, "note"] + "; " + why)
    df["sr"], df["ei"] = df["sr"].round(3), df["ei"].round(3)
    extra = ["used", "reproduced", "sourcing", "ir", "eol_rir", "si_sr", "si_ei", "hhi_gs", "hhi_eu", "note"]
    return df[COLUMNS + extra].sort_values(["material", "stage"], key=lambda s: s.str.lower()).reset_index(drop=True)


def criticality(wh, *, overrides: Overrides | dict | None = None, materials=None, all_stages: bool = False,
                wgi_years=WGI_YEARS, min_share: float = 0.0) -> pd.DataFrame:
    """SR and EI of every material the EC assessed in 2023, next to the published values.

    One row per material at the stage whose SR the EC reports (`all_stages=True`: every assessed stage), plus the
    groups HREE, LREE and PGM. With `overrides` (an `Overrides` or a dict of the same shape) SR, EI and `critical`
    are the what-if values and `sr_baseline`, `ei_baseline`, `critical_baseline` the unchanged ones.
    """
    con = wh.ibis()
    known = set(con.table("crm_results").select("material").execute()["material"])
    missing = [t for t, n in (("crm_results", len(known)), ("governance", con.table("governance").count().execute()))
               if not n]
    if missing:  # the assessment would fail deep inside on empty tables, or come out empty and look like an answer
        raise WarehouseError(f"criticality needs the EU CRM assessment and the WGI, and the warehouse has no rows in "
                             f"{' and '.join(missing)}: load them with `chokepoints ingest` (data sets eu-crm, wgi)")
    base = _finish(_assess(con, Overrides(), wgi_years, min_share))
    out = base
    if overrides is not None:
        ov = _validated(overrides)
        for m in [*ov.ir, *ov.eol_rir, *(s.material for s in ov.shares)]:
            _check_material(m, known)
        out = _finish(_assess(con, ov, wgi_years, min_share), overridden=True)
        out["sr_baseline"], out["ei_baseline"] = base["sr"], base["ei"]
        out["critical_baseline"] = base["critical"]
    if materials:
        wanted = {_check_material(m, known).lower() for m in materials}
        out = out[out["material"].str.lower().isin(wanted)]
    if not all_stages:
        out = out[out["used"]]
    return out.reset_index(drop=True)


def _check_material(name: str, known: set[str]) -> str:
    lower = {k.lower(): k for k in known}
    if name.lower() not in lower:
        raise UnknownNameError(f"unknown material '{name}'; materials: {', '.join(sorted(known, key=str.lower))}")
    return lower[name.lower()]


def critical_raw_materials(wh, *, basis: Literal["published", "computed"] = "published") -> pd.DataFrame:
    """The 34 critical raw materials of Regulation (EU) 2024/1252, Annex II, and why each is on the list.

    A material is on it when its SR >= 1 and EI >= 2.8 (values rounded to 0.1 as the EC publishes them; `basis`
    chooses the published 2023 values or ours) or when Annex I lists it as strategic (Article 4: every strategic raw
    material is critical). Elements assessed one by one roll up into the group the groupings table puts them in
    (HREE, LREE, PGM), which is what the Regulation lists.
    """
    df = criticality(wh)
    groups = data.members(wh.ibis())
    if basis == "published":
        df["critical"] = is_critical(df["sr_published"].round(1), df["ei_published"].round(1))
    rollup = {m: g for g, ms in groups.items() for m in ms}
    rows = {}
    for r in df.itertuples(index=False):
        name = rollup.get(r.material, r.material)
        reasons = []
        if r.critical:
            reasons.append(f"SR {r.sr_published if basis == 'published' else r.sr:.1f} >= 1 and "
                           f"EI {r.ei_published if basis == 'published' else r.ei:.1f} >= 2.8")
        if r.material in data.STRATEGIC:
            reasons.append(f"strategic (Annex I: {data.STRATEGIC[r.material]})")
        if not reasons:
            continue
        row = rows.setdefault(name, {"name": data.ANNEX_II.get(name, name), "material": name, "reasons": [],
                                     "members": []})
        if name != r.material:
            row["members"].append(r.material)
        else:
            row["reasons"] += reasons
            row["sr"], row["ei"], row["sr_published"], row["ei_published"] = r.sr, r.ei, r.sr_published, \
                r.ei_published
    out = pd.DataFrame([{**r, "reason": "; ".join(r["reasons"]) or "members critical",
                         "members": ", ".join(r["members"])} for r in rows.values()])
    out["by_thresholds"] = out["reason"].str.contains(">= 1")
    cols = ["name", "material", "by_thresholds", "reason", "sr", "ei", "sr_published", "ei_published", "members"]
    return out[cols].sort_values("name", key=lambda s: s.str.lower()).reset_index(drop=True)
