"""Alliance views: which member depends on which outside supplier, and how far the other members could stand in.

For an alliance A made of members P (the parts of "EU27+JPN": EU27 and JPN) and a product:
    M_{P,s}  imports of member P from supplier s outside A (intra-member trade excluded)
    share    M_{P,s} / sum_s M_{P,s}
    X_{-P}   current exports of the same product by the other members to destinations outside the alliance
    complementarity = min(M_{P,s}, X_{-P}) / M_{P,s}: the share of P's imports from s that the other members'
    present exports could replace if redirected (an upper bound: it ignores grades, contracts and their own needs).
This is the trade-complementarity reading of alliance sourcing (cf. Michaely's complementarity index, 1996, applied
to one product and one partner at a time).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import ibis
import pandas as pd

from chokepoints.reference.blocs import Bloc, bloc
from chokepoints.trade import flows, latest_year

COLUMNS = ["alliance", "member", "product", "year", "basis", "supplier", "imports", "share", "others_exports",
           "complementarity"]


def members(alliance: Bloc) -> list[Bloc]:
    """The parts of an alliance expression ("EU27+JPN" -> EU27, JPN); a single bloc is split into its countries."""
    parts = [p for p in alliance.code.split("+") if p]
    if len(parts) > 1:
        return [bloc(p) for p in parts]
    return [bloc(c) for c in sorted(alliance.members)]


def member_dependency(wh, alliance: Bloc, *, year: int | None = None, basis: str = "value",
                      products: Mapping[str, Sequence[str]] | None = None, top: int = 5) -> pd.DataFrame:
    """Per member and product: its `top` outside suppliers, their shares, and the other members' complementarity."""
    year = year if year is not None else latest_year(wh)
    f = flows(wh.ibis_table("trade"), year=year, basis=basis, products=products)
    with wh.engine.reused(f, selective=products is not None) as f:
        frames = _by_member(f, alliance, top)
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
    out["others_exports"] = out["others_exports"].fillna(0.0)
    out["complementarity"] = out[["imports", "others_exports"]].min(axis=1) / out["imports"]
    out = out.rename(columns={"exporter": "supplier"}).assign(alliance=alliance.code, year=year, basis=basis)
    return out[COLUMNS].sort_values(["product", "member", "imports"], ascending=[True, True, False]) \
        .reset_index(drop=True)


def _by_member(f: ibis.Table, alliance: Bloc, top: int) -> list[pd.DataFrame]:
    allied = sorted(alliance.members)
    frames = []
    for part in members(alliance):
        inside = sorted(part.members)
        others = sorted(alliance.members - part.members)
        imp = f.filter(f.importer.isin(inside) & ~f.exporter.isin(allied))
        by_s = imp.group_by(["product", "exporter"]).aggregate(imports=imp.v.sum())
        by_s = by_s.mutate(
            share=by_s.imports / by_s.imports.sum().over(ibis.window(group_by="product")),
            rank=ibis.row_number().over(ibis.window(group_by="product", order_by=[by_s.imports.desc(),
                                                                                  by_s.exporter])),
        ).filter(ibis._.rank < top)
        # what the others sell outside the alliance (their sales to this member already supply it)
        exp = f.filter(f.exporter.isin(others) & ~f.importer.isin(allied))
        x_others = exp.group_by("product").aggregate(others_exports=exp.v.sum())
        joined = by_s.left_join(x_others, "product").select(by_s, x_others.others_exports)
        df = joined.execute().assign(member=part.code)
        frames.append(df)
    return frames
