"""The bloc screen on hand-computed trade, mirror flows, its properties, and the bundled Comtrade 2023 data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import chokepoints as ck
from chokepoints.metrics.alliance import member_dependency
from chokepoints.metrics.dependency import dependency, suppliers
from chokepoints.reference.blocs import Bloc

B = Bloc("B", "test bloc", frozenset({"DEU", "FRA"}), "")
HAND = [  # product 111111
    ("CHN", "DEU", "111111", 60.0), ("USA", "DEU", "111111", 20.0), ("CHN", "FRA", "111111", 20.0),  # M_ext 100
    ("DEU", "FRA", "111111", 30.0), ("FRA", "DEU", "111111", 10.0),                                  # M_int 40
    ("DEU", "CHN", "111111", 25.0), ("FRA", "KOR", "111111", 25.0),                                  # X_ext 50
    ("CHN", "USA", "111111", 999.0),                                                                 # not the bloc's
]


def test_every_column_by_hand(twh):
    twh.put_trade(HAND)
    row = dependency(twh, B).iloc[0]
    assert (row.bloc, row["product"], row.year, row.basis) == ("B", "111111", 2023, "value")
    assert (row.m_ext, row.x_ext, row.m_int) == (100.0, 50.0, 40.0)
    assert row.hhi == pytest.approx(0.8**2 + 0.2**2)
    assert (row.top1, row.top1_share, row.top3, row.top3_share) == ("CHN", 0.8, "CHN;USA", 1.0)
    assert row.ratio_m_x == 2.0 and row.ext_share == pytest.approx(100 / 140)
    assert row.ec_flag and row.n_suppliers == 2


def test_quantity_basis_skips_flows_without_weight(twh):
    twh.put_trade([("CHN", "DEU", "111111", 60.0, None, 3.0), ("USA", "DEU", "111111", 20.0, None, None),
                    ("USA", "FRA", "111111", 20.0, None, 1.0)])
    row = dependency(twh, B, basis="quantity").iloc[0]
    assert row.m_ext == 4.0 and row.top1_share == 0.75


def test_importer_declaration_wins_and_mirror_is_reported(twh):
    twh.put_trade([
        ("CHN", "DEU", "111111", 100.0, "DEU"), ("CHN", "DEU", "111111", 90.0, "CHN"),  # both declared: DEU's
        ("USA", "FRA", "111111", 50.0, "USA"),                                          # only the exporter's
        ("DEU", "KOR", "111111", 40.0, "KOR"),                                          # EU export seen by KOR
        ("FRA", "USA", "111111", 60.0, "FRA"),                                          # declared by FRA itself
    ])
    row = dependency(twh, B).iloc[0]
    assert row.m_ext == 150.0 and row.x_ext == 100.0
    assert row.m_ext_mirror_share == pytest.approx(50 / 150)
    assert row.x_ext_mirror_share == pytest.approx(40 / 100)
    assert row.m_ext_reporters == "DEU;USA" and row.x_ext_reporters == "FRA;KOR"


def test_products_group_codes_and_refuse_proxies(twh):
    twh.put_trade([("CHN", "DEU", "284690", 10.0), ("CHN", "DEU", "284610", 5.0), ("CHN", "FRA", "2805", 7.0)])
    products = {"oxide": ["284610", "284690"], "metal": ["280530"], "none": ["850511"]}
    df = dependency(twh, B, products=products)
    assert df["product"].tolist() == ["oxide", "metal", "none"]
    # 2805 also holds sodium, calcium and mercury: it is not rare-earth metal, so it is refused by default
    assert df["m_ext"].tolist() == [15.0, 0.0, 0.0]
    assert df["resolution"].iloc[0] == "as requested" and df["resolution"].iloc[2] == "no data"
    assert df["resolution"].iloc[1].startswith("proxy refused: the data hold heading 2805 only")
    assert not df["proxy"].any()
    # asked for, the proxy is computed and labelled on its row
    df = dependency(twh, B, products=products, allow_proxy=True)
    assert df["m_ext"].tolist() == [15.0, 7.0, 0.0]
    assert df["proxy"].tolist() == [False, True, False]
    assert df["resolution"].iloc[1] == "PROXY: heading 2805 only, broader than 280530"


def test_heading_that_is_exactly_the_product_is_no_proxy(twh):
    # 2846 = 284610 + 284690 (rare-earth compounds): the heading is the product, not a proxy
    twh.put_trade([("CHN", "DEU", "2846", 9.0)])
    df = dependency(twh, B, products={"oxide": ["284610", "284690"], "ce": ["284610"]})
    assert df["m_ext"].tolist() == [9.0, 0.0]
    assert df["resolution"].iloc[0] == "heading 2846 = 284610+284690" and not df["proxy"].iloc[0]
    assert df["resolution"].iloc[1].startswith("proxy refused")


def test_one_source_per_code_and_year(twh):
    # BACI (reporter empty) holds 850511 this year: the declarations of the same code are not added to it;
    # 280469 only has declarations: the importer's wins over the exporter's
    twh.put_trade([("CHN", "DEU", "850511", 100.0), ("CHN", "DEU", "850511", 104.0, "DEU"),
                   ("CHN", "DEU", "850511", 98.0, "CHN"), ("NOR", "DEU", "280469", 50.0, "DEU"),
                   ("NOR", "DEU", "280469", 47.0, "NOR"), ("BRA", "DEU", "280469", 20.0, "BRA")])
    df = dependency(twh, B, products={"magnet": ["850511"], "silicon": ["280469"]}).set_index("product")
    assert df.loc["magnet", "m_ext"] == 100.0
    assert df.loc["silicon", "m_ext"] == 70.0  # 50 declared by DEU + 20 known only from Brazil (a mirror flow)
    assert df.loc["silicon", "m_ext_mirror_share"] == pytest.approx(20 / 70)


def test_alliance_members_and_complementarity(twh):
    twh.put_trade([("CHN", "JPN", "111111", 100.0), ("CHN", "DEU", "111111", 10.0), ("DEU", "USA", "111111", 30.0),
                    ("DEU", "JPN", "111111", 50.0)])
    df = member_dependency(twh, ck.bloc("EU27+JPN"))
    jp = df[(df["member"] == "JPN")].iloc[0]
    # Japan's outside supplier is China only (EU imports are inside the alliance); the EU exports 30 outside Japan
    assert (jp.supplier, jp.imports, jp.share, jp.others_exports) == ("CHN", 100.0, 1.0, 30.0)
    assert jp.complementarity == pytest.approx(0.3)
    eu = df[(df["member"] == "EU27")].iloc[0]
    assert (eu.supplier, eu.imports, eu.others_exports, eu.complementarity) == ("CHN", 10.0, 0.0, 0.0)


countries = st.sampled_from(["DEU", "FRA", "ITA", "JPN", "CHN", "USA", "KOR", "AUS"])
flow_lists = st.lists(st.tuples(countries, countries, st.floats(min_value=1, max_value=1e6)), min_size=1,
                      max_size=25, unique_by=lambda r: (r[0], r[1])).map(
    lambda rs: [(e, i, "111111", v) for e, i, v in rs if e != i]).filter(bool)
HYP = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@HYP
@given(flow_lists)
def test_hhi_within_bounds_and_shares_sum_to_one(dwh, rows):
    dwh.put_trade(rows)
    df = dependency(dwh, B)
    if df.empty or df.loc[0, "m_ext"] == 0:
        return
    n = df.loc[0, "n_suppliers"]
    assert 1 / n - 1e-9 <= df.loc[0, "hhi"] <= 1 + 1e-9
    s = suppliers(dwh, B, ["111111"])
    assert s["share"].sum() == pytest.approx(1.0)


@HYP
@given(flow_lists, st.randoms(use_true_random=False))
def test_reordering_rows_changes_nothing(dwh, rows, rnd):
    dwh.put_trade(rows)
    a = dependency(dwh, B)
    shuffled = list(rows)
    rnd.shuffle(shuffled)
    dwh.put_trade(shuffled)
    pd.testing.assert_frame_equal(a, dependency(dwh, B))


@HYP
@given(flow_lists)
def test_merging_blocs_makes_mutual_trade_internal(dwh, rows):
    dwh.put_trade(rows)
    b1, b2 = Bloc("B1", "", frozenset({"DEU", "FRA"}), ""), Bloc("B2", "", frozenset({"JPN", "KOR"}), "")
    both = Bloc("B1+B2", "", b1.members | b2.members, "")

    def get(b):
        d = dependency(dwh, b).set_index("product").reindex(["111111"])
        return d[["m_int", "m_ext"]].astype(float).fillna(0.0).iloc[0]

    mutual = sum(v for e, i, _, v in rows if (e in b1.members and i in b2.members) or (e in b2.members and i in
                                                                                       b1.members))
    assert get(both).m_int == pytest.approx(get(b1).m_int + get(b2).m_int + mutual)
    assert get(both).m_ext == pytest.approx(get(b1).m_ext + get(b2).m_ext - mutual)


# ---------------------------------------------------------------- real data: the bundled Comtrade 2023 extract
DATA = Path(__file__).resolve().parents[2] / "data" / "raw" / "comtrade_crm_2023"


@pytest.fixture(scope="module")
def real(tmp_path_factory, engine):
    w = ck.open(tmp_path_factory.mktemp("real") / "wh.duckdb", engine=engine)
    w.ingest([DATA], include_defaults=False)
    yield w
    w.close()


def _by_hand(bloc: str, hs: str) -> pd.Series:
    """Imports of heading `hs` by the bloc's reporters from outside it, straight from the CSV with pandas."""
    raw = pd.read_csv(DATA / "bilateral_edges_2023.csv", dtype={"commodity": str})
    codes = pd.read_csv(Path(ck.__file__).parent / "reference" / "trade_codes.csv").set_index("code")["iso3"]
    raw["importer"], raw["exporter"] = raw["reporter"].map(codes), raw["partner"].map(codes)
    members = ck.bloc(bloc).members
    sel = raw[(raw["commodity"] == hs) & raw["importer"].isin(members) & ~raw["exporter"].isin(members)]
    return sel.groupby("exporter")["value_usd"].sum().sort_values(ascending=False)


@pytest.mark.parametrize(("bloc", "top1", "share"), [("JPN", "CHN", 0.721), ("EU27", "CHN", 0.371)])
def test_top_supplier_of_rare_earth_compounds(real, bloc, top1, share):
    row = dependency(real, ck.bloc(bloc), products={"2846": ["2846"]}).iloc[0]
    hand = _by_hand(bloc, "2846")
    assert row.top1 == hand.index[0] == top1
    assert row.top1_share == pytest.approx(hand.iloc[0] / hand.sum()) == pytest.approx(share, abs=0.0005)
    assert row.m_ext == pytest.approx(hand.sum())


def test_eu_exports_rest_on_partners_declarations(real):
    row = dependency(real, ck.bloc("EU27"), products={"2846": ["2846"]}).iloc[0]
    assert row.x_ext > 0 and row.x_ext_mirror_share == 1.0  # the file holds imports only (SOURCE.md)
    assert "FRA" not in row.m_ext_reporters.split(";")  # France is not a reporter: its imports are missing
    assert len(row.m_ext_reporters.split(";")) == 12


def test_real_magnets_rest_on_baci_once(tmp_path, open_wh):
    from pathlib import Path

    data = Path(__file__).resolve().parents[2] / "data" / "raw"
    with open_wh(tmp_path / "w.duckdb") as wh:
        wh.ingest([data / "baci_hs17_critical", data / "comtrade_hs6_2022_2024"], include_defaults=False)
        jp = dependency(wh, ck.bloc("JPN"), products={"magnets": ["850511"]}).iloc[0]
        cn = suppliers(wh, ck.bloc("JPN"), ["850511"], basis="quantity").set_index("supplier")
    # BACI holds 850511 in 2024, so Japan's own Comtrade declarations of the same flows are not added to it
    assert jp["year"] == 2024 and jp["sources"] == "baci_hs17_critical"
    assert 0.55e9 < jp["m_ext"] < 0.59e9  # USD 569 M; with the declarations added it read USD 1.15 bn
    assert cn.loc["CHN", "v"] == pytest.approx(3714.5, rel=1e-3)  # BACI's tonnes; Japan declared 3,682 t
