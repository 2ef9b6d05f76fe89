"""The tables behind EU criticality (metrics/criticality.py): names, groups, the Regulation's lists, Ibis queries.

Names: the EC 2023 supply- and use-share tables spell some materials differently from its results table
(crm_results); everything here is keyed by the results table's names. The lists of Regulation (EU) 2024/1252
(Critical Raw Materials Act), Annex I (strategic) and Annex II (critical), are written out as the Regulation does.
"""

from __future__ import annotations

import ibis
import pandas as pd

# supply/use-share table name -> crm_results name (the same material; spelling or wording differs)
SHARE_NAMES = {
    "Barytes": "Baryte", "Borate": "Boron", "Limestone": "Lime", "Natural Graphite": "Natural graphite",
    "Natural rubber": "Natural Rubber", "Natural teak wood": "Natural Teak wood", "Phosphate Rock": "Phosphate rock",
    "Phosphorous": "Phosphorus", "Silica sand": "Silica Sand", "Sulphur": "Sulfur",
    "Talc": "Talc, Steatite & Pyrophyllite", "Titanium ores": "Titanium",
}
# A share row published for a whole group: it applies to each member the groupings table puts in that group
# (the EU extraction sourcing of the heavy rare earths is published once, for the group).
GROUP_SHARE_ROWS = {"Heavy Rare earths Elements": "HREE"}
# Group rows of crm_results -> their grouping label in crm_groupings (scheme XREE_PGM: REEs split, PGMs grouped).
GROUPS = {"HREE": "HREE", "LREE": "LREE", "PGM": "PGM"}
GROUP_SCHEME = "XREE_PGM"

# Regulation (EU) 2024/1252, Annex II, Section 1: the 34 critical raw materials, as the Regulation names them,
# keyed by the crm_results name they come from.
ANNEX_II = {
    "Aluminium": "Aluminium/bauxite/alumina", "Antimony": "Antimony", "Arsenic": "Arsenic", "Baryte": "Baryte",
    "Beryllium": "Beryllium", "Bismuth": "Bismuth", "Boron": "Boron/borate", "Cobalt": "Cobalt",
    "Coking coal": "Coking coal", "Copper": "Copper", "Feldspar": "Feldspar", "Fluorspar": "Fluorspar",
    "Gallium": "Gallium", "Germanium": "Germanium", "Hafnium": "Hafnium", "Helium": "Helium",
    "HREE": "Heavy rare earth elements", "LREE": "Light rare earth elements", "Lithium": "Lithium",
    "Magnesium": "Magnesium", "Manganese": "Manganese", "Natural graphite": "Natural graphite",
    "Nickel": "Nickel – battery grade", "Niobium": "Niobium", "Phosphate rock": "Phosphate rock",
    "Phosphorus": "Phosphorus", "PGM": "Platinum group metals", "Scandium": "Scandium",
    "Silicon metal": "Silicon metal", "Strontium": "Strontium", "Tantalum": "Tantalum",
    "Titanium metal": "Titanium metal", "Tungsten": "Tungsten", "Vanadium": "Vanadium",
}
# Regulation (EU) 2024/1252, Annex I, Section 1: the strategic raw materials (crm_results names; grades dropped:
# the EC assessment does not split them). Article 4 puts every strategic raw material on the critical list too,
# whatever its SR and EI: this is why copper and nickel (SR below 1) are on Annex II.
STRATEGIC = {
    "Aluminium": "Bauxite/alumina/aluminium", "Bismuth": "Bismuth", "Boron": "Boron – metallurgy grade",
    "Cobalt": "Cobalt", "Copper": "Copper", "Gallium": "Gallium", "Germanium": "Germanium",
    "Lithium": "Lithium – battery grade",
    "Magnesium": "Magnesium metal", "Manganese": "Manganese – battery grade",
    "Natural graphite": "Graphite – battery grade", "Nickel": "Nickel – battery grade",
    "PGM": "Platinum group metals", "LREE": "Rare earth elements for permanent magnets (Nd, Pr, Sm, Ce)",
    "HREE": "Rare earth elements for permanent magnets (Tb, Dy, Gd)", "Silicon metal": "Silicon metal",
    "Titanium metal": "Titanium metal", "Tungsten": "Tungsten",
}
DIMENSIONS = ("VA", "PV", "GE", "RQ", "RL", "CC")
STAGE_COLUMNS = {"extraction": ("supply_primary", "sr_primary", "ir_primary"),
                 "processing": ("supply_refined", "sr_refined", "ir_refined")}


def members(con) -> dict[str, list[str]]:
    """Group row (HREE, LREE, PGM) -> the crm_results materials the groupings table assigns to it."""
    g = con.table("crm_groupings")
    rows = g.filter(g.scheme == GROUP_SCHEME).select("material", "grouping").execute()
    out: dict[str, list[str]] = {}
    for group, label in GROUPS.items():
        names = rows.loc[rows["grouping"] == label, "material"]
        out[group] = sorted(n[:1].upper() + n[1:] for n in names)  # the groupings table is in lower case
    return out


def wgi_scores(con, years, rescale, dimensions=DIMENSIONS):
    """Ibis: country -> WGI rescaled to 0-10 (`rescale`), the six dimensions averaged per year, then the years."""
    g = con.table("governance")
    per_year = (g.filter(g.year.isin(list(years)) & g.indicator.isin(list(dimensions)))
                .group_by(["year", "country"]).aggregate(mean=lambda t: t.wgi.mean()))
    return per_year.group_by("country").aggregate(wgi=lambda t: rescale(t["mean"]).mean())


def supply_shares(con, hree: list[str], min_share: float = 0.0):
    """Ibis: crm_supply_shares renamed to crm_results names, group rows spread over their members."""
    s = con.table("crm_supply_shares")
    s = s.filter(s.share.notnull() & (s.share >= min_share))
    spread = ibis.memtable(pd.DataFrame({"raw": list(GROUP_SHARE_ROWS) * len(hree), "member": hree}))
    s = s.left_join(spread, s.material == spread.raw)
    name = s.material.substitute(SHARE_NAMES)
    out = s.select(material=ibis.coalesce(s.member, name), stage=s.stage, scope=s.scope, country=s.country,
                   share=s.share, t=s.t)
    return out.view()  # a relation of its own: a later join must not extend this join chain (Ibis)


def with_share_overrides(shares, rows: pd.DataFrame):
    """Ibis: `shares` with (material, stage, scope, country) rows replaced or added by `rows`' share (t kept)."""
    if rows.empty:
        return shares
    keys = ["material", "stage", "scope", "country"]
    ov = ibis.memtable(rows[[*keys, "share"]].rename(columns={k: f"o_{k}" for k in [*keys, "share"]}))
    on = [(k, f"o_{k}") for k in keys]
    kept = shares.anti_join(ov, on)
    old = shares.select(**{f"b_{k}": k for k in keys}, old_t="t")
    joined = ov.left_join(old, [(f"o_{k}", f"b_{k}") for k in keys])
    added = joined.select(**{k: joined[f"o_{k}"] for k in keys}, share=joined.o_share,
                          t=ibis.coalesce(joined.old_t, ibis.literal(1.0)))
    return kept.union(added)


def use_shares(con):
    """Ibis: crm_use_shares with crm_results names; 'Other' uses (no NACE sector, no value added) are dropped."""
    u = con.table("crm_use_shares")
    u = u.filter(u.share.notnull() & u.va_meur.notnull())
    return u.select(material=u.material.substitute(SHARE_NAMES), share=u.share, va_meur=u.va_meur)


def country_values(mapping: dict[str, float], column: str):
    """Ibis memtable (country, column) from an ISO3 -> value mapping."""
    return ibis.memtable(pd.DataFrame({"country": list(mapping), column: [float(v) for v in mapping.values()]},
                                      columns=["country", column]).astype({"country": str, column: float}))

# Why a material's reported 2023 SR is not reproduced within +-0.1 (WGI 2018-2022, all shares): found by comparing
# the SR the published value implies (SR / ((1 - EoL_RIR) * SI_SR)) with the global and EU terms. docs/methods.
MISSES = {
    "Arsenic": "published 1.9 is the global-supply term alone (2.0); GS+EU with IR 0.39 gives 1.0: sourcing label or "
               "IR in the transcription doubtful",
    "Chromium": "EU extraction sourcing in the data sums to 9 % (ZAF 7 %, TUR 2 %): the domestic (Finnish) supply "
                "is missing",
    "Germanium": "EU sourcing shares in the data repeat the global ones (CHN 83 %); both terms give 3.6, the published "
                 "1.8 implies HHI 1.95: the study's shares differ from the data",
    "Kaolin": "published 0.8 implies HHI 1.2, the data's global and EU terms are both 0.8: shares differ",
    "Lanthanum": "the data hold one LREE-wide EU processing sourcing (CHN 85 %) for every element; the published "
                 "element SRs imply lower, element-specific EU terms",
    "Samarium": "as Lanthanum: LREE-wide EU sourcing in the data, element-specific in the study",
    "Praseodymium": "as Lanthanum; also no processing SR in the transcription (loader fault), 3.2 is the reported SR",
    "Neodymium": "reported at extraction with 4.5, but its extraction shares equal La/Pr/Sm's (published 1.8-2.0): "
                 "transcription fault in the results row likely",
    "LREE": "mean of the members, off through Lanthanum, Praseodymium, Samarium; the results table itself gives 3.7 "
            "as reported and 3.58 as processing SR",
    "HREE": "mean of the members, off through Terbium and Yttrium (the mean of the published members is 5.1)",
    "Perlite": "labelled GSonly, but the EU-sourcing term alone gives 0.78 (IR 0): label likely EUonly",
    "Phosphate rock": "published 1.0 implies HHI 1.0, close to the EU term (0.93) but not to the IR-weighted mix "
                      "(1.2): weighting or shares differ",
    "Rhodium": "ZAF 81 % gives 3.0; the published 2.4 implies SI_SR 0.81, not the 1.00 in the table",
    "Ruthenium": "ZAF 94 % gives 3.6; the published 3.8 implies HHI 4.6: shares or t differ",
    "Silver": "IR 0.05, so SR is the EU term (1.05); the published 0.8 implies 0.84: EU shares differ",
    "Terbium": "China 100 % as for the other HREEs (which reproduce); the published 4.9 implies SI_SR 0.875, not 0.92",
    "Vanadium": "China 62 % gives 2.15; the published 2.3 implies HHI 2.66 (a t of about 1.1 for China)",
    "Yttrium": "published 3.5 implies HHI 3.9, between the global (5.6) and EU (2.7) terms; labelled GSonly",
}
