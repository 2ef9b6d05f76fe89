from pathlib import Path

import pytest

from chokepoints.errors import InputError
from chokepoints.ingest import geodist as m

RAW = Path(__file__).resolve().parents[2] / "data" / "raw" / "cepii_geodist"
DIST_HEADER = "iso_o,iso_d,contig,comlang_off,colony,dist,distcap,distw\n"
GEO_HEADER = "iso3,country,continent,lat,lon,city_en,area,landlocked,maincity\n"


def write(tmp_path, name, text):
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return f


def test_matches():
    assert m.matches(RAW) and m.matches(RAW / "dist_cepii.csv") and m.matches(RAW / "geo_cepii.csv")
    assert not m.matches(RAW / "SOURCE.md")


@pytest.fixture(scope="module")
def real():
    return {t.table: t.frame for t in m.load(RAW, None)}


def test_real_distances(real):
    d = real["distances"]
    assert len(d) == 50176  # 224 x 224
    pairs = d.set_index(["origin", "destination"])
    assert round(pairs.loc[("CHN", "DEU"), "dist_km"]) == 7785
    assert round(pairs.loc[("CHN", "JPN"), "dist_km"]) == 2098
    assert bool(pairs.loc[("DEU", "FRA"), "contig"]) and not bool(pairs.loc[("CHN", "DEU"), "contig"])
    assert {"ROU", "COD", "TLS", "PSE", "XSS", "CUW"} <= set(d["origin"])
    assert not {"ROM", "ZAR", "TMP", "PAL", "YUG", "ANT", "SRB"} & set(d["origin"])
    assert d["distw_km"].isna().sum() == 2215  # CEPII '.' (MAC, PCN, ... have no weighted distances)


def test_real_geography(real):
    g = real["geography"].set_index("iso3")
    assert len(g) == 225  # 238 rows, 13 countries listed once per capital and once per main city
    assert g.loc["DEU", "city"] == "Essen" and g.loc["USA", "city"] == "New York"  # main city, not capital
    assert bool(g.loc["AFG", "landlocked"]) and g.loc["ROU", "area_km2"] == 238391
    assert g.loc["ATF", "continent"] == "Antarctica"


def test_unknown_code(tmp_path):
    f = write(tmp_path, "dist_cepii.csv", DIST_HEADER + "FRA,DEU,1,0,0,1,1,1\nFRA,XYZ,0,0,0,1,1,1\n")
    with pytest.raises(InputError) as e:
        m.parse_dist(f)
    assert (e.value.row, e.value.field) == (3, "iso_d")


def test_dummy_not_0_or_1(tmp_path):
    f = write(tmp_path, "dist_cepii.csv", DIST_HEADER + "FRA,DEU,yes,0,0,1,1,1\n")
    with pytest.raises(InputError) as e:
        m.parse_dist(f)
    assert (e.value.row, e.value.field) == (2, "contig")


def test_distance_missing(tmp_path):
    f = write(tmp_path, "dist_cepii.csv", DIST_HEADER + "FRA,DEU,1,0,0,880,880,.\nDEU,FRA,1,0,0,.,880,.\n")
    with pytest.raises(InputError) as e:
        m.parse_dist(f)
    assert (e.value.row, e.value.field) == (3, "dist_km")


def test_old_code_mapped_and_pair_collision(tmp_path):
    f = write(tmp_path, "dist_cepii.csv", DIST_HEADER + "ROM,DEU,0,0,0,1,1,1\nROU,DEU,0,0,0,1,1,1\n")
    with pytest.raises(InputError, match="duplicate") as e:
        m.parse_dist(f)
    assert e.value.field == "destination"  # last column of the repeated key


def test_two_main_cities(tmp_path):
    f = write(tmp_path, "geo_cepii.csv", GEO_HEADER + "DEU,Germany,Europe,52.5,13.4,Berlin,357325,0,1\n"
              "DEU,Germany,Europe,51.5,7.0,Essen,357325,0,1\n")
    with pytest.raises(InputError) as e:
        m.parse_geo(f)
    assert (e.value.row, e.value.field) == (2, "maincity")


def test_no_continent_only_for_atf(tmp_path):
    f = write(tmp_path, "geo_cepii.csv", GEO_HEADER + "FRA,France,No,48.9,2.3,Paris,547030,0,1\n")
    with pytest.raises(InputError) as e:
        m.parse_geo(f)
    assert (e.value.row, e.value.field) == (2, "continent")
