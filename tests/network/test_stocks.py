"""Declared stocks in the network (network/build.py `_stocks`): each row at one stage, a bloc's row split by use."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import chokepoints as ck
from chokepoints.network import build_network
from chokepoints.network.build import _stocks
from chokepoints.reference import bloc, chain

DATA = Path(__file__).resolve().parents[2] / "data"
MEMBER_FILE = """member,kind,chain,stage,material,quantity_t,confidential,source
JPN,stock,rare-earth-magnets,,dy,300,,JOGMEC (illustrative)
EU27,stock,rare-earth-magnets,oxide,,1000,false,EU stockpiling pilot (illustrative)
KOR,stock,li-ion-batteries,,lithium,50,false,a row of another chain (illustrative)
"""


@pytest.fixture(scope="module")
def nets(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("stocks")
    (tmp / "member_test.csv").write_text(MEMBER_FILE, encoding="utf-8")
    real = [DATA / "raw" / "comtrade_crm_2023", DATA / "raw" / "usgs_mcs2026_world", DATA / "curated"]
    with ck.open(tmp / "w.duckdb") as wh:
        wh.ingest(real, include_defaults=False)
        bare = build_network(wh, "rare-earth-magnets")
        wh.ingest([tmp / "member_test.csv"], include_defaults=False)
        declared = build_network(wh, "rare-earth-magnets")
    return bare, declared


def test_no_row_no_stock(nets):
    bare, declared = nets
    assert np.isnan(bare.stocks).all()
    oxide = declared.stages.index("oxide")
    others = [s for s in range(len(declared.stages)) if s != oxide]
    assert np.isnan(declared.stocks[others]).all()  # nothing declared at ore, metal, magnet...
    eu_or_jpn = set(bloc("EU27").members) | {"JPN"}
    rest = [i for i, c in enumerate(declared.countries) if c not in eu_or_jpn]
    assert np.isnan(declared.stocks[oxide, rest]).all()  # ...nor for a country outside EU27 and Japan


def test_a_material_stock_counts_at_exactly_one_stage(nets):
    _, net = nets
    jpn = net.countries.index("JPN")
    held = ~np.isnan(net.stocks[:, jpn])
    # dy is listed at oxide, metal, magnet and motor: it counts once, at the earliest (oxide)
    assert [net.stages[s] for s in held.nonzero()[0]] == ["oxide"]
    assert net.stocks[net.stages.index("oxide"), jpn] == pytest.approx(300.0)


def test_a_bloc_stock_is_split_by_use(nets):
    _, net = nets
    oxide = net.stages.index("oxide")
    eu = net.index(sorted(bloc("EU27").members))
    assert len(eu) > 5  # the EU countries in the network
    use = net.use[oxide, eu]
    assert use.sum() > 0 and (use > 0).sum() >= 2  # real weights, not a single country
    assert np.nansum(net.stocks[oxide, eu]) == pytest.approx(1000.0)
    assert np.nan_to_num(net.stocks[oxide, eu]) == pytest.approx(1000.0 * use / use.sum())
    # a country without use at the stage (France, in these data) gets no share: its defaults still apply
    assert use[list(eu).index(net.countries.index("FRA"))] == 0
    assert np.isnan(net.stocks[oxide, eu[use == 0]]).all()
    top = eu[np.argmax(use)]
    assert net.stocks[oxide, top] == np.nanmax(net.stocks[oxide, eu])


class _Warehouse:
    """Just enough of a warehouse for `_stocks`: `ibis_table("stocks")` holds the rows given."""

    def __init__(self, rows: list[dict]):
        self.rows = pd.DataFrame(rows, columns=["member", "chain", "stage", "material", "quantity_t"])

    def ibis_table(self, name: str):
        import ibis

        assert name == "stocks"
        return ibis.memtable(self.rows)


def test_by_hand_even_split_without_use_and_rows_add_up():
    stages = sorted(chain("rare-earth-magnets").stages, key=lambda s: s.order)
    countries = ["CHN", "DEU", "FRA", "JPN"]
    idx = {c: i for i, c in enumerate(countries)}
    use = np.zeros((len(stages), len(countries)))
    ore, oxide = 0, 1
    use[oxide] = [50.0, 30.0, 10.0, 20.0]
    rows = [
        {"member": "EU27", "chain": "rare-earth-magnets", "stage": "ore", "material": None, "quantity_t": 40.0},
        {"member": "EU27", "chain": "rare-earth-magnets", "stage": "oxide", "material": None, "quantity_t": 100.0},
        {"member": "DEU", "chain": "rare-earth-magnets", "stage": "oxide", "material": "dy", "quantity_t": 5.0},
        {"member": "JPN", "chain": "li-ion-batteries", "stage": "lithium_ore", "material": None, "quantity_t": 9.0},
        {"member": "G7", "chain": "rare-earth-magnets", "stage": "magnet", "material": None, "quantity_t": 7.0},
        {"member": "USA", "chain": "rare-earth-magnets", "stage": "oxide", "material": None, "quantity_t": 3.0},
        # a row from a warehouse made before `chain` and `stage`: its material's earliest stage
        {"member": "JPN", "chain": None, "stage": None, "material": "tb", "quantity_t": 2.0},
    ]
    out = _stocks(_Warehouse(rows), "rare-earth-magnets", stages, idx, use)
    # ore: no EU country uses any -> evenly over DEU and FRA
    assert out[ore].tolist()[1:3] == [20.0, 20.0] and np.isnan(out[ore, [0, 3]]).all()
    # oxide: EU27's 100 t by use 30:10, plus Germany's own 5 t; Japan's pre-chain tb row; the USA is not in the network
    assert out[oxide, 1:] == pytest.approx([75.0 + 5.0, 25.0, 2.0]) and np.isnan(out[oxide, 0])
    # magnet: the G7's 7 t, none of them uses magnets here -> evenly over DEU, FRA, JPN; CHN is no G7 member
    magnet = [s.id for s in stages].index("magnet")
    assert out[magnet, 1:] == pytest.approx([7 / 3] * 3) and np.isnan(out[magnet, 0])
    # the li-ion row is another chain's; nothing else anywhere
    assert np.isnan(np.delete(out, [ore, oxide, magnet], axis=0)).all()


def test_a_run_on_confidential_stock_says_whose(tmp_path):
    import chokepoints as ck
    from chokepoints.shocks import load_scenario, run

    data = Path(__file__).resolve().parents[2] / "data"
    f = tmp_path / "member_jpn.csv"
    f.write_text("member,kind,chain,stage,quantity_t,confidential,source\n"
                 "JPN,stock,rare-earth-magnets,oxide,300,true,JOGMEC declaration (test)\n", encoding="utf-8")
    with ck.open(tmp_path / "w.duckdb") as wh:
        wh.ingest([data / "raw" / "comtrade_crm_2023", data / "raw" / "usgs_mcs2026_world", data / "curated", f],
                  include_defaults=False)
        res = run(wh, load_scenario("cn-2010-japan-rare-earths"), runs=10, seed=1)
    assert res.meta["confidential_members"] == ["JPN"]
