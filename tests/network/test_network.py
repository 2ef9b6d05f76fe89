"""The network: reconciliation by hand, and the balance on the bundled real data."""

import numpy as np
import pytest

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


def test_real_network_balances(tmp_path, open_wh):
    from pathlib import Path

    data = Path(__file__).resolve().parents[2] / "data"
    with open_wh(tmp_path / "w.duckdb") as wh:
        wh.ingest([data / "raw" / "comtrade_crm_2023", data / "raw" / "usgs_mcs2026_world", data / "curated"],
                  include_defaults=False)
        net = build_network(wh, "rare-earth-magnets")
    assert net.year == 2023 and net.stages[:3] == ["ore", "oxide", "metal"]
    lhs = net.production + net.imports - net.exports
    assert np.allclose(lhs, net.use) and (net.use >= 0).all()
    p = net.provenance.set_index("stage")
    # ore: all USGS (China's 2024 mine production is in it); oxide: curated shares x world ore output, a derived
    # figure (no IEA data loaded here), so the stage is labelled as partly assumed
    assert p.loc["ore", "from_data_t"] == p.loc["ore", "production_t"] > 0
    assert p.loc["oxide", "derived_t"] > 0 and 0 < p.loc["oxide", "assumed_share"] <= 1 + 1e-9
    chn = net.countries.index("CHN")
    assert net.production[net.stages.index("oxide"), chn] == pytest.approx(0.92 * p.loc["ore", "production_t"])
    # the metal stage has only the 2805 heading (sodium, calcium...): refused, so it passes shortfalls through
    assert p.loc["metal", "status"].startswith("missing (proxy refused: heading 2805")
    assert p.loc["oxide", "trade_year"] == 2023 and p.loc["oxide", "trade_status"] == "heading 2846 = 284610+284690"


def test_real_network_with_iea_and_baci(tmp_path, open_wh):
    from pathlib import Path

    data = Path(__file__).resolve().parents[2] / "data"
    with open_wh(tmp_path / "w.duckdb") as wh:
        wh.ingest([data / "raw" / d for d in ("comtrade_crm_2023", "usgs_mcs2026_world", "iea_critical_minerals",
                                              "baci_hs17_critical")] + [data / "curated"], include_defaults=False)
        net = build_network(wh, "rare-earth-magnets")
        semi = build_network(wh, "semiconductor-materials")
    p = net.provenance.set_index("stage")
    oxide, chn = net.stages.index("oxide"), net.countries.index("CHN")
    # IEA magnet rare earths refined in China, 2024: 73.8 kt (data wins over the curated share)
    assert net.production[oxide, chn] >= 73_756 and "IEA Rare Earth Elements refining 2024" in \
        p.loc["oxide", "production_source"]
    # magnets at HS6 from BACI 2024, scaled to rare-earth magnets (0.42 of China's 850511 tonnage)
    assert p.loc["magnet", "trade_year"] == 2024 and "scaled to the material" in p.loc["magnet", "trade_status"]
    # vehicles in vehicles: OICA 2024, Japan 8,234,681
    assert net.production[net.stages.index("vehicle"), net.countries.index("JPN")] == 8_234_681
    assert net.producer[net.stages.index("magnet"), chn] and not net.producer[oxide].all()
    # gallium: USGS world output in hundreds of tonnes; its 811292 trade is a mixed code, refused
    s = semi.provenance.set_index("stage")
    assert 500 < s.loc["gallium", "production_t"] < 2000 and s.loc["gallium", "trade_t"] == 0
    assert s.loc["gallium", "trade_status"].startswith("proxy refused: 811292")


def test_refusing_a_proxy_keeps_every_other_stage_and_allowing_it_labels_it(tmp_path, open_wh):
    from pathlib import Path

    data = Path(__file__).resolve().parents[2] / "data"
    with open_wh(tmp_path / "w.duckdb") as wh:
        wh.ingest([data / "raw" / d for d in ("comtrade_crm_2023", "usgs_mcs2026_world", "baci_hs17_critical")]
                  + [data / "curated"], include_defaults=False)
        strict = build_network(wh, "rare-earth-magnets")
        loose = build_network(wh, "rare-earth-magnets", allow_proxy=True)
    metal = strict.stages.index("metal")
    assert strict.flows[metal].sum() == 0 and loose.flows[metal].sum() > 0
    p = loose.provenance.set_index("stage")
    assert p.loc["metal", "trade_resolution"].startswith("PROXY") and p.loc["metal", "status"] == "PROXY trade"
    # every stage with data keeps the same flows whether or not the proxy is allowed
    idx = [loose.countries.index(c) for c in strict.countries]
    for s, stage in enumerate(strict.stages):
        if stage != "metal":
            assert np.allclose(strict.flows[s], loose.flows[s][np.ix_(idx, idx)]), stage


def test_a_fixed_year_without_trade_names_the_years_with_data(tmp_path, open_wh):
    from pathlib import Path

    from chokepoints.errors import ChokepointsError

    data = Path(__file__).resolve().parents[2] / "data"
    with open_wh(tmp_path / "w.duckdb") as wh:
        wh.ingest([data / "raw" / "comtrade_crm_2023", data / "curated"], include_defaults=False)
        with pytest.raises(ChokepointsError, match=r"no trade in 1999 for chain 'rare-earth-magnets': "
                                                   r"years with data: 2023 \(give one of them"):
            build_network(wh, "rare-earth-magnets", year=1999)
        assert build_network(wh, "rare-earth-magnets", year=2023).year == 2023
