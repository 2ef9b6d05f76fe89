"""Tests for reference/chains.py and the shipped chains/*.toml and materials.csv."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from chokepoints.errors import InputError, UnknownNameError
from chokepoints.reference.chains import chain, chain_names, chains_table, load_chain, material, materials
from chokepoints.reference.hs import hs_codes

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
CHAINS = ["rare-earth-magnets", "li-ion-batteries", "semiconductor-materials"]


def _revisions() -> dict[str, set[str]]:
    return {r.code: set(r.revisions.split(";")) for r in hs_codes().itertuples()}


def _column(path: Path, col: str) -> set[str]:
    with path.open(encoding="utf-8", newline="") as f:
        return {row[col].strip() for row in csv.DictReader(f)}


def test_every_chain_loads():
    assert set(CHAINS) <= set(chain_names())
    for name in chain_names():
        c = chain(name)
        assert c.id == name and c.stages and c.sources


def test_unknown_chain_lists_the_known_ones():
    with pytest.raises(UnknownNameError, match="rare-earth-magnets"):
        chain("unobtainium")


@pytest.mark.parametrize("name", CHAINS)
def test_stage_order_is_topological(name):
    c = chain(name)
    order = {s.id: s.order for s in c.stages}
    for s in c.stages:
        assert all(order[i] < s.order for i in s.inputs), s.id
    sources = [s for s in c.stages if not s.inputs]
    assert sources and min(order.values()) == 1


def test_rare_earth_chain_runs_ore_to_vehicle():
    c = chain("rare-earth-magnets")
    assert [s.id for s in sorted(c.stages, key=lambda s: s.order)] == ["ore", "oxide", "metal", "magnet", "motor",
                                                                      "vehicle"]
    assert c.stage("motor").unit == c.stage("vehicle").unit == "piece"
    # Nd2O3 -> Nd is 2*144.242/(2*144.242+3*15.999) = 0.857: oxide per metal 1.166, with 20 % loss 1.458
    nd2o3_per_nd = (2 * 144.242 + 3 * 15.999) / (2 * 144.242)
    assert c.stage("metal").factors["oxide"].value == pytest.approx(nd2o3_per_nd / 0.8, rel=1e-3)


def test_hs_codes_exist_in_their_revision():
    rev = _revisions()
    for name in chain_names():
        for s in chain(name).stages:
            for field, label in (("hs2017", "HS17"), ("hs2022", "HS22")):
                for code in getattr(s, field):
                    assert label in rev.get(code, set()), f"{name}/{s.id}: {code} not in {label}"
    for row in materials().itertuples():
        for field, label in (("hs2017", "HS17"), ("hs2022", "HS22")):
            for code in filter(None, getattr(row, field).split(";")):
                assert label in rev.get(code, set()), f"materials.csv {row.material}: {code} not in {label}"


def test_hs2022_device_split_is_recorded():
    devices = chain("semiconductor-materials").stage("discrete_devices")
    assert "854140" in devices.hs2017 and "854140" not in devices.hs2022
    assert {"854141", "854142", "854143", "854149", "854151", "854159"} <= set(devices.hs2022)


def test_eu_crm_names_exist():
    known = _column(RAW / "eu_crm" / "eureport_results_2023.csv", "material_name")
    known |= _column(RAW / "eu_crm" / "dimension_CRMsOverTime.csv", "Material")
    names = {s.eu_crm_name for n in chain_names() for s in chain(n).stages if s.eu_crm_name}
    names |= set(filter(None, materials()["eu_crm_name"]))
    assert names and names <= known, names - known


def test_usgs_commodities_exist():
    known = _column(RAW / "usgs_mcs2026_world" / "world_production_reserves_mcs2026.csv", "commodity")
    names = {s.usgs_commodity for n in chain_names() for s in chain(n).stages if s.usgs_commodity}
    names |= set(filter(None, materials()["usgs_commodity"]))
    assert names and names <= known, names - known


def test_every_factor_has_a_source():
    for name in chain_names():
        for s in chain(name).stages:
            assert set(s.factors) == set(s.inputs)
            for f in [*s.factors.values(), *s.contents.values()]:
                assert f.source.strip()
                assert f.kind == "assumption" or "http" in f.source
                assert f.kind != "assumption" or "ssumption" in f.note


def test_materials_table():
    df = materials()
    assert df["material"].is_unique
    controlled = set(df.loc[df["cn_control_2025"], "material"])
    assert controlled == {"sm", "gd", "tb", "dy", "lu", "sc", "y"}
    known_chains = set(chain_names())
    for chains in df["chains"]:
        assert set(filter(None, chains.split(";"))) <= known_chains


def test_material_lookup_by_synonym():
    assert material("heavy rare earths")["material"] == "hree"
    assert material("Dysprosium")["symbol"] == "Dy"
    assert material("battery-grade graphite")["material"] == "graphite"
    with pytest.raises(UnknownNameError):
        material("kryptonite")


def test_chains_table_has_one_row_per_stage():
    t = chains_table()
    assert list(t.columns) == ["chain", "order", "stage", "name", "unit", "hs2017", "hs2022", "inputs"]
    assert len(t) == sum(len(chain(n).stages) for n in chain_names())


GOOD = """
name = "t"
description = "d"
sources = ["s https://example.org"]

[[stages]]
id = "a"
name = "A"
order = 1
unit = "t"
hs2017 = ["253090"]
hs2022 = ["253090"]

[[stages]]
id = "b"
name = "B"
order = 2
inputs = ["a"]
unit = "t"
hs2017 = ["284690"]
hs2022 = ["284690"]

[stages.factors.a]
value = 1.0
unit = "t/t"
kind = "cited"
source = "s https://example.org"
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bad-chain.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_file_loads(tmp_path):
    assert load_chain(_write(tmp_path, GOOD)).stage_ids == ["a", "b"]


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('id = "b"\n', 'id = "b"\ncolour = "red"\n', "stages[b].colour"),
        ('inputs = ["a"]', 'inputs = ["z"]', "stages[b].inputs"),
        ('source = "s https://example.org"\n', "", "stages[b].factors.a.source"),
        ('unit = "t/t"', 'unit = "t/t"\ncolour = 1', "stages[b].factors.a.colour"),
        ("order = 2", "order = 1", "stages[b].order"),
        ("[stages.factors.a]", "[stages.factors.c]", "stages[b].factors.a"),
        ('kind = "cited"', 'kind = "guess"', "stages[b].factors.a.kind"),
    ],
)
def test_bad_file_names_the_key(tmp_path, old, new, field):
    assert GOOD.count(old) == 1
    text = GOOD.replace(old, new)
    with pytest.raises(InputError) as e:
        load_chain(_write(tmp_path, text))
    assert e.value.field == field
    assert "bad-chain.toml" in str(e.value)


def test_cycle_is_an_input_error(tmp_path):
    text = GOOD.replace("order = 1\nunit", 'order = 1\ninputs = ["b"]\nunit', 1)
    text = text.replace(
        'hs2022 = ["253090"]\n',
        'hs2022 = ["253090"]\n[stages.factors.b]\nvalue = 1.0\nunit = "t/t"\n'
        'kind = "assumption"\nsource = "assumption"\n',
        1,
    )
    with pytest.raises(InputError, match="cycle"):
        load_chain(_write(tmp_path, text))


def test_invalid_toml_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="not valid TOML"):
        load_chain(_write(tmp_path, "name = "))


def test_nesting_too_deep_and_not_utf8_name_the_file(tmp_path):
    with pytest.raises(InputError, match="nested too deep") as e:
        load_chain(_write(tmp_path, "x = " + "{ a = " * 500 + "1" + " }" * 500 + "\n"))
    assert e.value.file.endswith("bad-chain.toml")
    p = tmp_path / "utf16.toml"
    p.write_bytes(GOOD.encode("utf-16"))
    with pytest.raises(InputError, match="not UTF-8"):
        load_chain(p)
