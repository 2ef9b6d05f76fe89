"""Synthetic BACI-layout trade for benchmarks and scale tests only (never the demo's data).

Flows follow a gravity shape over real BACI country codes and real HS 2017 six-digit codes: exporter and importer
"masses" are log-normal, distance is proxied by UN region (same sub-region < same region < elsewhere), products
have Zipf-like sizes, and values carry heavy-tailed (Pareto) noise, so a few flows dominate as in real BACI.
Keys (t, i, j, k) are unique, as in BACI.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from chokepoints.reference.countries import _trade_codes, countries
from chokepoints.reference.hs import hs_codes


def _countries() -> pd.DataFrame:
    codes = pd.DataFrame(list(_trade_codes().items()), columns=["code", "iso3"])
    # one numeric code per real country, as in a BACI year (no aggregates, no historic codes)
    meta = countries()
    real = meta[meta["kind"] != "aggregate"][["iso3", "region", "sub_region"]]
    baci_like = codes[codes["code"] < 900].drop_duplicates("iso3", keep="last")
    return baci_like.merge(real, on="iso3")


def _products() -> np.ndarray:
    hs = hs_codes()
    six = hs[(hs["code"].str.len() == 6) & hs["revisions"].str.contains("HS17")]["code"]
    return six.to_numpy()


def synth_baci(rows: int, *, year: int = 2022, seed: int = 0, chunk: int = 2_000_000) -> pa.Table:
    """A BACI-layout Arrow table (t, i, j, k, v, q) with `rows` unique flows."""
    rng = np.random.default_rng(seed)
    ctry = _countries()
    prods = _products()
    n_c, n_k = len(ctry), len(prods)
    if rows > n_c * (n_c - 1) * n_k // 2:
        raise ValueError(f"at most {n_c * (n_c - 1) * n_k // 2:,} unique flows over {n_c} countries x {n_k} codes")
    mass = rng.lognormal(0.0, 1.6, n_c)
    # Which flows exist follows mass only weakly (sampling from the full gravity weights would make most draws
    # repeats of the same few keys); how big they are follows it fully, in `value` below.
    p_exp = mass**0.5 / (mass**0.5).sum()
    p_imp = mass**0.4 / (mass**0.4).sum()
    prod_size = 1.0 / np.arange(1, n_k + 1) ** 0.8
    rng.shuffle(prod_size)
    p_k = prod_size**0.3 / (prod_size**0.3).sum()
    region = pd.factorize(ctry["region"])[0]
    sub = pd.factorize(ctry["sub_region"])[0]

    keys = np.empty(0, dtype=np.int64)
    while len(keys) < rows:
        need = int((rows - len(keys)) * 3.5) + 1000  # about 1 in 3 draws survives the distance filter
        i = rng.choice(n_c, need, p=p_exp)
        j = rng.choice(n_c, need, p=p_imp)
        k = rng.choice(n_k, need, p=p_k)
        ok = i != j
        # closer partners trade more: keep distant pairs with lower probability (gravity's distance term)
        dist = np.where(sub[i] == sub[j], 1.0, np.where(region[i] == region[j], 2.0, 4.0))
        ok &= rng.random(need) < 1.0 / dist
        cand = (i[ok].astype(np.int64) * n_c + j[ok]) * n_k + k[ok]
        keys = np.concatenate([keys, cand])
        keys.sort()  # sort + mask: several times faster than np.unique's hash path for int64 keys
        keys = keys[np.r_[True, keys[1:] != keys[:-1]]]
    keys = rng.permutation(keys)[:rows]
    keys.sort()  # BACI files are sorted by (i, j, k)
    k = keys % n_k
    ij = keys // n_k
    i, j = ij // n_c, ij % n_c
    gravity = mass[i] * mass[j] / np.where(sub[i] == sub[j], 1.0, np.where(region[i] == region[j], 2.0, 4.0))
    value = gravity * prod_size[k] * 50 * (rng.pareto(1.2, rows) + 0.05)  # thousand USD, heavy tail
    value = np.maximum(np.round(value, 3), 0.001)
    unit_value = rng.lognormal(1.0, 1.5, n_k)[k]  # thousand USD per tonne, by product
    qty = np.round(value / unit_value, 3)
    q_missing = rng.random(rows) < 0.04  # BACI lacks a quantity for a few percent of flows
    q_text = pc.cast(pa.array(qty), pa.string())
    q_text = pc.if_else(pa.array(q_missing), pa.scalar("NA"), q_text)
    codes = ctry["code"].to_numpy()
    return pa.table({
        "t": pa.array(np.full(rows, year, dtype=np.int32)),
        "i": pa.array(codes[i].astype(np.int32)),
        "j": pa.array(codes[j].astype(np.int32)),
        "k": pa.array(prods[k].astype(object)).cast(pa.string()),
        "v": pa.array(value),
        "q": q_text,
    })


def write_baci(path: str | Path, rows: int, *, year: int = 2022, seed: int = 0) -> Path:
    """Write synthetic BACI CSV (`t,i,j,k,v,q`) to `path`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    table = synth_baci(rows, year=year, seed=seed)
    # BACI drops the leading zero of HS codes ("10121"); so do we, so loaders are tested on the real convention
    table = table.set_column(3, "k", pc.utf8_ltrim(table["k"], characters="0"))
    with open(path, "wb") as f:
        f.write(b"t,i,j,k,v,q\n")  # BACI's header is unquoted
        pacsv.write_csv(table, f, pacsv.WriteOptions(include_header=False, quoting_style="none"))
    return path
