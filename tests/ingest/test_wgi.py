"""Tests of ingest/wgi.py: real bundled WGI values, and errors on corrupted copies."""

from __future__ import annotations

from pathlib import Path

import pytest

from chokepoints.errors import InputError
from chokepoints.ingest import wgi
from chokepoints.ingest.base import LoadContext

DATA = Path(__file__).parents[2] / "data" / "raw" / "wgi"
HEADER = '\ufeff"Country Name","Country Code","Indicator Name","Indicator Code","2021","2022",\n'


@pytest.fixture(scope="module")
def real():
    return wgi.parse(DATA / "WGIData.csv")


def test_matches_folder_and_file(tmp_path):
    assert wgi.matches(DATA) and wgi.matches(DATA / "WGIData.csv")
    assert not wgi.matches(tmp_path) and not wgi.matches(DATA / "SOURCE.md")


@pytest.mark.parametrize(("iso3", "value"), [("CHN", -0.441), ("JPN", 1.074), ("COD", -1.978), ("GRL", 1.566),
                                             ("ZAF", -0.722)])
def test_political_stability_2022_matches_source_md(real, iso3, value):
    # data/raw/wgi/SOURCE.md: "Verified values e.g. PV.EST 2022: China -0.441, Japan 1.074, DR Congo -1.978, ..."
    hit = real[(real["year"] == 2022) & (real["indicator"] == "PV") & (real["country"] == iso3)]
    assert hit["wgi"].round(3).tolist() == [value]


def test_only_the_six_estimates_and_blank_cells_dropped(real):
    assert set(real["indicator"]) == {"VA", "PV", "GE", "RQ", "RL", "CC"}
    assert real["wgi"].notna().all()
    # 214 economies x 6 estimates x 24 years at most; Netherlands Antilles (ANT) is skipped by name.
    assert len(real) < 214 * 6 * 24 and "ANT" not in set(real["country"])
    assert real.duplicated(["year", "country", "indicator"]).sum() == 0


def test_real_file_validates():
    (table,) = wgi.load(DATA, LoadContext(scratch=Path(".")))
    assert table.table == "governance" and table.rows > 29000


def _write(tmp_path, *lines) -> Path:
    f = tmp_path / "WGIData.csv"
    f.write_text(HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
    return f


def test_world_bank_codes_mapped_and_blank_cells_dropped(tmp_path):
    f = _write(tmp_path, '"Romania","ROM","Political Stability: Estimate","PV.EST","0.1","",',
               '"Japan","JPN","Political Stability: Number of Sources","PV.NO.SRC","5","5",')
    (table,) = wgi.load(f, LoadContext(scratch=tmp_path))
    assert table.frame[["year", "country", "indicator", "wgi"]].values.tolist() == [[2021, "ROU", "PV", 0.1]]


def test_unknown_country_code(tmp_path):
    f = _write(tmp_path, '"Japan","JPN","Political Stability: Estimate","PV.EST","1.0","1.1",',
               '"Atlantis","ATL","Political Stability: Estimate","PV.EST","1.0","1.1",')
    with pytest.raises(InputError, match="ATL") as e:
        wgi.parse(f)
    assert (e.value.row, e.value.field) == (3, "Country Code")


def test_non_numeric_estimate(tmp_path):
    f = _write(tmp_path, '"Japan","JPN","Political Stability: Estimate","PV.EST","1.0","n/a",')
    with pytest.raises(InputError, match="n/a") as e:
        wgi.parse(f)
    assert (e.value.row, e.value.field) == (2, "2022")


def test_missing_column(tmp_path):
    f = tmp_path / "WGIData.csv"
    f.write_text('"Country Name","Indicator Name","Indicator Code","2022"\n"Japan","x","PV.EST","1"\n')
    with pytest.raises(InputError) as e:
        wgi.parse(f)
    assert (e.value.row, e.value.field) == (1, "Country Code")


def test_empty_file(tmp_path):
    f = tmp_path / "WGIData.csv"
    f.write_text("")
    with pytest.raises(InputError, match="empty"):
        wgi.load(f, LoadContext(scratch=tmp_path))
