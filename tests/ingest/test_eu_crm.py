"""Tests of ingest/eu_crm.py: real EC 2023 tables (data/raw/eu_crm/SOURCE.md) and errors on corrupted copies."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from _helpers import one_row

from chokepoints.errors import InputError
from chokepoints.ingest import eu_crm
from chokepoints.ingest.base import LoadContext

DATA = Path(__file__).parents[2] / "data" / "raw" / "eu_crm"


@pytest.fixture(scope="module")
def tables():
    return {t.table: t.frame for t in eu_crm.load(DATA, LoadContext(scratch=Path(".")))}


def test_matches(tmp_path):
    assert eu_crm.matches(DATA) and eu_crm.matches(DATA / "eureport_results_2023.csv")
    assert not eu_crm.matches(tmp_path) and not eu_crm.matches(DATA / "SOURCE.md")


def test_all_tables_loaded(tables):
    assert set(tables) == {"crm_assessments", "crm_supply_shares", "crm_use_shares", "crm_results", "crm_groupings"}
    assert len(tables["crm_assessments"]) == 355  # 359 lines less the header and 3 continuation lines of teak wood


@pytest.mark.parametrize(("material", "sr", "ei"), [("HREEs", 5.1, 4.2), ("Gallium", 3.9, 3.7),
                                                    ("Lithium", 1.9, 3.9), ("Cobalt", 2.8, 6.8)])
def test_assessments_2023_match_source_md(tables, material, sr, ei):
    row = one_row(tables["crm_assessments"], material=material, year=2023)
    assert (row["sr"], row["ei"]) == (sr, ei)


def test_assessments_dash_is_null_and_line_break_folded(tables):
    a = tables["crm_assessments"]
    assert one_row(a, material="Aggregates", year=2011)[["sr", "ei"]].isna().all()  # "Aggregates,2011,-,-"
    assert (a["material"] == "Natural Teak wood").sum() == 5  # "Natural Teak\nwood" in 4 years + one on one line


def test_supply_shares(tables):
    s = tables["crm_supply_shares"]
    assert one_row(s, material="Gallium", stage="processing", scope="global", country="CHN")["share"] == 0.938  # l.488
    tza = one_row(s, material="Aluminium", stage="extraction", scope="global", country="TZA")  # "<0.1%", line 2174
    assert (tza["share"], tza["share_text"]) == (0.0005, "<0.1%")
    assert one_row(s, material="Roundwood", stage="extraction", scope="global", country="TUR")["share"] == 0.01
    de = one_row(s, material="Silicon metal", stage="processing", scope="eu", country="DEU")  # bare "6", line 712
    assert (de["share"], de["share_text"], de["t"]) == (0.06, "6", 0.8)
    assert len(s) == 2561 + 907  # every row of both files, none dropped


def test_use_shares(tables):
    u = tables["crm_use_shares"]
    assert len(u) == 338  # 339 rows; Magnesium/Construction (lines 192-193) published twice, identically
    pr = u[(u["material"] == "Praseodymium") & (u["application"] == "Polishing powders")]
    assert "C29 - Manufacture of motor vehicles, trailers and semi-trailers" in set(u["nace"] + " - " + u["nace_name"])
    assert sorted(pr["nace"]) == ["C23", "C26"] and sorted(pr["va_meur"]) == [64990, 77000]
    assert pd.isna(one_row(u, material="Copper", share_text=">0%")["share"])  # no bound published


def test_results_faults_handled(tables):
    r = tables["crm_results"].set_index("material")
    assert len(r) == 90 and "Tungsten" in r.index  # duplicate removed once
    assert "identical duplicate" in r.loc["Tungsten", "fault"]
    assert r.loc["Aluminium", ["ir_primary", "ir_refined", "eol_rir"]].tolist() == [0.89, 0.58, 0.32]
    assert pd.isna(r.loc["LREE", "sr_primary"]) and "281%" in r.loc["LREE", "fault"]
    shifted = {"Coking coal": 1.0, "Diatomite": 0.3, "Magnesite": 0.6, "Natural cork": 0.9, "Strontium": 2.6}
    for m, sr in shifted.items():
        assert r.loc[m, "sr_primary"] == sr and "moved back" in r.loc[m, "fault"]
    assert r.loc["Coking coal", "sr_refined"] == 0.4 and pd.isna(r.loc["Coking coal", "supply_refined"])
    assert pd.isna(r.loc["Praseodymium", "sr_refined"])
    assert "supply_risk_refined empty" in r.loc["Praseodymium", "fault"]
    assert r["fault"].notna().sum() == 8


def test_32_critical_materials_and_groups(tables):
    # SOURCE.md: "with SR >= 1.0 and EI >= 2.8 this table yields 32 materials/groups" -- counting HREE, LREE and
    # PGM as groups, not their members (crm_groupings, scheme XREE_PGM).
    g = tables["crm_groupings"]
    members = set(g[(g["scheme"] == "XREE_PGM") & g["grouping"].isin(["HREE", "LREE", "PGM"])]["material"])
    r = tables["crm_results"]
    critical = r[(r["sr"] >= 1) & (r["ei"] >= 2.8) & ~r["material"].str.lower().isin(members)]
    assert len(critical) == 32
    assert {"HREE", "LREE", "PGM", "Gallium", "Coking coal", "Scandium"} <= set(critical["material"])


def test_groupings(tables):
    g = tables["crm_groupings"]
    assert len(g) == 90 * 4
    assert set(g[g["material"] == "gold"]["grouping"]) == {"precious metals", "other non-ferrous metals"}


# --- bad input -------------------------------------------------------------------------------------------------


def _copy(tmp_path, name, edit=None) -> Path:
    f = tmp_path / name
    shutil.copy(DATA / name, f)
    if edit:
        enc = "cp1252" if name.startswith("fact_") else "utf-8"
        f.write_bytes(edit(f.read_bytes().decode(enc)).encode(enc))
    return f


def test_tungsten_duplicate_that_differs(tmp_path):
    lines = (DATA / "eureport_results_2023.csv").read_text().splitlines()
    i = max(n for n, line in enumerate(lines) if line.startswith("Tungsten,"))
    lines[i] = lines[i].replace(",8.7,", ",8.8,")
    f = tmp_path / "eureport_results_2023.csv"
    f.write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError, match="Tungsten") as e:
        eu_crm.load(f, LoadContext(scratch=tmp_path))
    assert (e.value.row, e.value.field) == (i + 1, "material_name")


def test_unknown_country(tmp_path):
    f = _copy(tmp_path, "fact_EUSupplyShares.csv",
              lambda t: t.replace("Aggregates,E,Bulgaria", "Aggregates,E,Narnia"))
    with pytest.raises(InputError, match="Narnia") as e:
        eu_crm.load(f, LoadContext(scratch=tmp_path))
    assert (e.value.row, e.value.field) == (4, "Country")


def test_non_numeric_t(tmp_path):
    f = _copy(tmp_path, "fact_GlobalSupplyShares.csv", lambda t: t.replace("Gypsum,E,Afghanistan,<0.1%,1.0",
                                                                           "Gypsum,E,Afghanistan,<0.1%,one"))
    with pytest.raises(InputError, match="one") as e:
        eu_crm.load(f, LoadContext(scratch=tmp_path))
    assert (e.value.row, e.value.field) == (3, "t")


def test_share_not_a_percentage(tmp_path):
    f = _copy(tmp_path, "fact_MaterialUseShares.csv",
              lambda t: t.replace("Aluminium,Abrasives,2%", "Aluminium,Abrasives,two"))
    with pytest.raises(InputError) as e:
        eu_crm.load(f, LoadContext(scratch=tmp_path))
    assert (e.value.row, e.value.field) == (3, "Share")


def test_sr_not_a_number(tmp_path):
    f = _copy(tmp_path, "dimension_CRMsOverTime.csv", lambda t: t.replace("Antimony,2011,2.6", "Antimony,2011,high"))
    with pytest.raises(InputError) as e:
        eu_crm.load(f, LoadContext(scratch=tmp_path))
    assert (e.value.row, e.value.field) == (4, "SR")


def test_missing_column_and_empty_file(tmp_path):
    f = _copy(tmp_path, "eureport_results_2023.csv", lambda t: t.replace("supply_risk_primary,", "srp,", 1))
    with pytest.raises(InputError) as e:
        eu_crm.load(f, LoadContext(scratch=tmp_path))
    assert (e.value.row, e.value.field) == (1, "supply_risk_primary")
    (tmp_path / "fact_MaterialUseShares.csv").write_text("")
    with pytest.raises(InputError, match="empty"):
        eu_crm.load(tmp_path / "fact_MaterialUseShares.csv", LoadContext(scratch=tmp_path))
