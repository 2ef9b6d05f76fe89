"""Tests of ingest/iea.py: real IEA supply figures (data/raw/iea_critical_minerals/SOURCE.md) and hand-made files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from _helpers import one_row

from chokepoints.errors import InputError
from chokepoints.ingest import discover, iea, usgs
from chokepoints.ingest.base import LoadContext

DATA = Path(__file__).parents[2] / "data" / "raw" / "iea_critical_minerals"
FILE = DATA / iea.FILE
REE = "IEA Rare Earth Elements"


@pytest.fixture(scope="module")
def tables():
    return {t.table: t.frame for t in iea.load(DATA, LoadContext(scratch=Path(".")))}


def test_matches_and_discovery(tmp_path):
    assert iea.matches(DATA) and iea.matches(FILE)
    assert not iea.matches(tmp_path) and not iea.matches(DATA / "iea_cmd_supply.json")
    (found,) = discover(DATA)
    assert found.loader is iea and [p.name for p in found.files] == [iea.FILE]  # the JSON is not data


def test_magnet_rare_earth_refining_2024(tables):
    # SOURCE.md: magnet-REE refining 80.8 kt, China 73.8 kt (91 %), Malaysia 3.6, USA 0.96, rest 2.5
    p = tables["production"]
    ref = p[(p["commodity"] == REE) & (p["stage"] == "refining")]
    assert one_row(ref, country="WLD")["quantity_t"] == pytest.approx(80_805, abs=1)
    china = one_row(ref, country="CHN")
    assert (china["quantity"], china["unit"]) == (pytest.approx(73.757, abs=1e-3), "kt")
    assert china["quantity_t"] / one_row(ref, country="WLD")["quantity_t"] == pytest.approx(0.91, abs=0.005)
    assert one_row(ref, country="MYS")["quantity_t"] == pytest.approx(3_625, abs=1)
    assert one_row(ref, country="ROW")["quantity_t"] == pytest.approx(2_462, abs=1)
    assert "Nd, Pr, Dy, Tb, oxide basis" in china["note"] and not china["estimated"]


def test_other_key_figures(tables):
    p = tables["production"].set_index(["commodity", "stage", "country"])["quantity"]
    # SOURCE.md: graphite (battery-grade) refining 1,875 kt, China 96 %; cobalt refining 250 kt, China 196,
    # Finland 20; lithium refining 242 kt, China 70 %; nickel refining 3,484 kt, Indonesia 1,493, China 1,091
    assert p["IEA Graphite", "refining", "WLD"] == pytest.approx(1_875, abs=1)
    assert p["IEA Graphite", "refining", "CHN"] / p["IEA Graphite", "refining", "WLD"] == pytest.approx(0.96, abs=0.005)
    assert (round(p["IEA Cobalt", "refining", "WLD"]), round(p["IEA Cobalt", "refining", "CHN"]),
            round(p["IEA Cobalt", "refining", "FIN"])) == (250, 196, 20)
    assert p["IEA Lithium", "refining", "CHN"] / p["IEA Lithium", "refining", "WLD"] == pytest.approx(0.70, abs=0.005)
    assert (round(p["IEA Nickel", "refining", "WLD"]), round(p["IEA Nickel", "refining", "IDN"]),
            round(p["IEA Nickel", "refining", "CHN"])) == (3_484, 1_493, 1_091)


def test_names_stages_and_notes(tables):
    p = tables["production"]
    assert set(p["commodity"]) == {f"IEA {m}" for m in
                                   ("Copper", "Cobalt", "Lithium", "Nickel", "Graphite", "Rare Earth Elements")}
    assert set(p["stage"]) == {"extraction", "refining"}
    assert {"COD", "NCL", "MMR", "RUS", "ROW", "WLD"} <= set(p["country"])
    graphite = p[p["commodity"] == "IEA Graphite"].set_index("stage")["note"]
    assert graphite.str.contains("battery-grade").groupby(level=0).all().to_dict() == {"extraction": False,
                                                                                      "refining": True}
    assert one_row(p, commodity="IEA Lithium", stage="extraction", country="AUS")["note"].endswith("lithium content")


def test_commodity_names_never_collide_with_usgs(tables):
    (usgs_production, *_) = [t.frame for t in usgs.load(DATA.parent / "usgs_mcs2026_world",
                                                          LoadContext(scratch=Path(".")))]
    assert not set(tables["production"]["commodity"]) & set(usgs_production["commodity"])


def test_projections_kept_out_of_production(tables):
    p, o = tables["production"], tables["production_outlook"]
    assert set(p["year"]) == {2024}
    assert set(o["year"]) == {2030, 2035, 2040} and set(o["case"]) == {"base"}
    assert len(p) + len(o) == 340  # every data row of the file, once
    ree30 = one_row(o, commodity=REE, stage="refining", country="WLD", year=2030)
    assert ree30["quantity_t"] == pytest.approx(106_682, abs=1) and "projection" in ree30["note"]


# ---------------------------------------------------------------------------------------------- hand-made files
GOOD = (
    "mineral,stage,country,year,kt\n"
    "Cobalt,refining,China,2024,196.1\n"
    "Cobalt,refining,Finland,2024,20.1\n"
    "Cobalt,refining,Rest of world,2024,33.8\n"
    "Cobalt,refining,Total,2024,250.0\n"
    "Cobalt,refining,China,2030,251.7\n"
    "Cobalt,mining,Democratic Republic of Congo,2024,181.8\n"
)


def _write(tmp_path, text) -> Path:
    f = tmp_path / iea.FILE
    f.write_text(text, encoding="utf-8")
    return f


def test_hand_made_file(tmp_path):
    tables = {t.table: t.frame for t in iea.load(_write(tmp_path, GOOD), LoadContext(scratch=tmp_path))}
    p, o = tables["production"], tables["production_outlook"]
    assert p[["country", "commodity", "stage", "quantity_t"]].values.tolist() == [
        ["CHN", "IEA Cobalt", "refining", 196_100.0], ["FIN", "IEA Cobalt", "refining", 20_100.0],
        ["ROW", "IEA Cobalt", "refining", 33_800.0], ["WLD", "IEA Cobalt", "refining", 250_000.0],
        ["COD", "IEA Cobalt", "extraction", 181_800.0]]
    assert o[["year", "country", "quantity_t", "case"]].values.tolist() == [[2030, "CHN", 251_700.0, "base"]]


def test_file_without_projections_writes_production_only(tmp_path):
    tds = iea.load(_write(tmp_path, GOOD.rsplit("Cobalt,refining,China,2030", 1)[0]), LoadContext(scratch=tmp_path))
    assert [t.table for t in tds] == ["production"]


@pytest.mark.parametrize(
    ("old", "new", "row", "field", "problem"),
    [
        ("Finland,2024,20.1", "Atlantis,2024,20.1", 3, "country", "unknown country name 'Atlantis'"),
        ("Finland,2024,20.1", "Finland,2024,-20.1", 3, "kt", "negative"),
        ("Finland,2024,20.1", "Finland,2024,20 kt", 3, "kt", "not a number"),
        ("Finland,2024,20.1", "Finland,2024,", 3, "kt", "missing"),
        ("Finland,2024,20.1", "Finland,2024.5,20.1", 3, "year", "whole year"),
        ("Cobalt,mining,", "Cobalt,recycling,", 7, "stage", "not mining or refining"),
        ("Finland,2024,20.1", "China,2024,20.1", 3, "stage", "duplicate key"),
        ("mineral,stage,country,year,kt", "mineral,stage,country,year,tonnes", 1, "kt", "missing column"),
    ],
)
def test_bad_input_names_file_row_and_field(tmp_path, old, new, row, field, problem):
    f = _write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(InputError, match=problem) as e:
        iea.load(f, LoadContext(scratch=tmp_path))
    assert (e.value.file, e.value.row, e.value.field) == (str(f), row, field)


def test_empty_file(tmp_path):
    with pytest.raises(InputError, match="empty"):
        iea.load(_write(tmp_path, ""), LoadContext(scratch=tmp_path))


def test_quantities_are_kt_times_1000(tables):
    p = pd.concat([tables["production"], tables["production_outlook"]])
    assert (p["quantity_t"] == p["quantity"] * 1000).all() and set(p["unit"]) == {"kt"}
