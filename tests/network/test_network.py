"""The network: reconciliation by hand, and the balance on the bundled real data."""

import numpy as np
import pytest

import chokepoints as ck
from chokepoints.network import build_network, reconcile


def test_reconcile_by_hand():
    F = np.zeros((1, 3, 3))
    F[0, 0, 1], F[0, 1, 2], F[0, 2, 0] = 10.0, 4.0, 1.0
    # country 0 reports 5 but ships 10 and buys 1: raised to 9 (residual 4); 1 has no data: 4 - 10 < 0 -> 0;
    # 2 has no data: net exporter by 1 - 4 < 0 -> 0
    b = reconcile(F, np.array([[5.0, np.nan, np.nan]]))
    assert b.production[0] == pytest.approx([9.0, 0.0, 0.0])
    assert b.residual[0] == pytest.approx([4.0, 0, 0])
    assert b.use[0] == pytest.approx([0.0, 6.0, 3.0])
    assert b.trade_implied.sum() == 0


def test_real_network_balances(tmp_path):
    from pathlib import Path

    data = Path(__file__).resolve().parents[2] / "data"
    with ck.open(tmp_path / "w.duckdb") as wh:
        wh.ingest([data / "raw" / "comtrade_crm_2023", data / "raw" / "usgs_mcs2026_world", data / "curated"],
                  include_defaults=False)
        net = build_network(wh, "rare-earth-magnets")
    assert net.year == 2023 and net.stages[:3] == ["ore", "oxide", "metal"]
    lhs = net.production + net.imports - net.exports
    assert np.allclose(lhs, net.use) and (net.use >= 0).all()
    p = net.provenance.set_index("stage")
    # ore: all USGS (China's 2024 mine production is in it); oxide: curated shares x world ore output
    assert p.loc["ore", "from_data_t"] == p.loc["ore", "production_t"] > 0
    assert p.loc["oxide", "from_shares_t"] > 0 and 0 < p.loc["oxide", "assumed_share"] < 1
    chn = net.countries.index("CHN")
    assert net.production[net.stages.index("oxide"), chn] == pytest.approx(0.92 * p.loc["ore", "production_t"])
