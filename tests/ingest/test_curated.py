"""Curated reference tables: real-file counts and values from data/curated/README.md, then corrupted copies."""

from __future__ import annotations

import csv
import math
import shutil
from pathlib import Path

import pandas as pd
import pytest

from chokepoints.errors import InputError
from chokepoints.ingest import curated
from chokepoints.ingest.base import LoadContext


@pytest.fixture
def folder(data_dir) -> Path:
    return data_dir / "curated"


@pytest.fixture
def ctx(tmp_path) -> LoadContext:
    return LoadContext(scratch=tmp_path)


@pytest.fixture
def tables(folder, ctx) -> dict:
    return {td.table: td.frame for td in curated.load(folder, ctx)}


def _rows(path: Path, n: int | None = None) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))[:n]


def _write(path: Path, rows: list[dict], drop: str | None = None) -> Path:
    """Write rows (header on line 1, row i on line i + 2); `drop` leaves a column out."""
    fields = [c for c in rows[0] if c != drop]
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    return path


def test_real_folder_gives_five_tables_with_readme_row_counts(tables):
    counts = {t: len(f) for t, f in tables.items()}
    # README: 30 measures, 33 projects, 52 chain-stage rows, 22 intensities, 10 demand rows, of which one
    # (JPN dysprosium;terbium 2027) has neither quantity nor unit and is left out.
    assert counts == {"measures": 30, "projects": 33, "stage_shares": 52, "intensities": 22, "demand": 10}


def test_measures_columns_are_mapped(tables):
    m = tables["measures"].set_index("id")
    halt = m.loc["CHN-RE-JPN-HALT-2010"]
    assert (halt["actor"], halt["targets"], halt["start"], halt["end"]) == ("CHN", "JPN", "2010-09-21", "2010-11-20")
    assert halt["material"] == "rare earths" and halt["kind"] == "export_ban"
    assert m.loc["CHN-GAGE-23-2023", "hs6"].startswith("8112929010;8112929090;")
    assert m["intensity"].isna().all()


def test_measures_start_falls_back_to_announcement_and_says_so(tables):
    m = tables["measures"].set_index("id")
    assert m.loc["CHN-REWMO-EXPTAX", "start"] == "2015-04-23"  # announced 2015-04-23, no effective date
    assert m.loc["CHN-REWMO-EXPTAX", "description"].endswith(curated.START_NOTE)
    assert m.loc["USA-EU-DEAL-2025", "start"] == "2025-09-01"  # effective date stated: used as is
    assert not m.loc["USA-EU-DEAL-2025", "description"].endswith(curated.START_NOTE)
    assert m["description"].str.endswith(curated.START_NOTE).sum() == 7
    assert pd.isna(m.loc["CHN-REWMO-QUOTA-WTO", "start"])  # neither date stated


def test_projects_values(tables):
    p = tables["projects"].set_index("id")
    assert p.loc["P-LYN-MY", "capacity_t"] == 10500 and p.loc["P-LYN-MY", "start_year"] == 2012
    assert p.loc["P-LYN-KAL", "capex_musd"] == pytest.approx(530.1)
    assert math.isnan(p.loc["P-LYN-MTWELD", "capacity_t"])
    assert p.loc["P-TANBREEZ", "country"] == "GRL"


def test_stage_shares_intensities_and_demand_values(tables):
    s = tables["stage_shares"].set_index(["stage", "material", "year", "country"])
    assert s.loc[("rare_earth_refining", "rare earths (refined/separated output)", 2023, "CHN"), "share"] == 0.92
    i = tables["intensities"].set_index("quantity")
    assert i.loc["lithium content per battery-electric car", "value"] == 8.9
    d = tables["demand"]
    europe = d[(d["region"] == "EUROPE") & (d["material"] == "NdFeB permanent magnets")]
    assert europe["quantity"].tolist() == [11476.77]
    assert d.loc[d["material"] == "dysprosium;terbium", "quantity"].isna().all()  # README: quantity left blank


def test_matches_folder_and_single_user_file(folder, data_dir, tmp_path, ctx):
    assert curated.matches(folder)
    assert not curated.matches(data_dir / "raw" / "china_comtrade_cm")
    own = shutil.copy(folder / "projects.csv", tmp_path / "my_projects.csv")
    assert curated.matches(Path(own))
    [td] = curated.load(Path(own), ctx)
    assert (td.table, td.rows) == ("projects", 33)


def test_folder_with_unrelated_csv_is_not_claimed(folder, tmp_path):
    shutil.copy(folder / "projects.csv", tmp_path / "projects.csv")
    (tmp_path / "other.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert not curated.matches(tmp_path)


def test_unknown_target_code_names_row_and_field(folder, tmp_path, ctx):
    rows = _rows(folder / "measures.csv", 3)
    rows[1]["targets"] = "JPN;XYZ"
    path = _write(tmp_path / "measures.csv", rows)
    with pytest.raises(InputError, match="XYZ") as e:
        curated.load(path, ctx)
    assert (e.value.row, e.value.field) == (3, "targets")


def test_bloc_and_region_targets_pass(folder, tmp_path, ctx):
    rows = _rows(folder / "measures.csv", 2)
    rows[0]["targets"], rows[1]["targets"] = "EU;JPN", "EU27+JPN"
    [td] = curated.load(_write(tmp_path / "measures.csv", rows), ctx)
    assert td.frame["targets"].tolist() == ["EU;JPN", "EU27+JPN"]


def test_negative_capacity_names_source_column(folder, tmp_path, ctx):
    rows = _rows(folder / "projects.csv", 4)
    rows[2]["capacity_t_per_year"] = "-5"
    with pytest.raises(InputError, match="negative") as e:
        curated.load(_write(tmp_path / "projects.csv", rows), ctx)
    assert (e.value.row, e.value.field) == (4, "capacity_t_per_year")


def test_non_numeric_share(folder, tmp_path, ctx):
    rows = _rows(folder / "chain_stages.csv", 3)
    rows[0]["share"] = "about 0.9"
    with pytest.raises(InputError, match="not a number") as e:
        curated.load(_write(tmp_path / "chain_stages.csv", rows), ctx)
    assert (e.value.row, e.value.field) == (2, "share")


def test_missing_column(folder, tmp_path, ctx):
    path = _write(tmp_path / "projects.csv", _rows(folder / "projects.csv", 2), drop="confidence")
    assert not curated.matches(path)
    with pytest.raises(InputError, match="missing column") as e:
        curated.load(path, ctx)
    assert (e.value.row, e.value.field) == (1, "confidence")


def test_damaged_file_in_folder_fails_rather_than_being_skipped(folder, tmp_path, ctx):
    shutil.copy(folder / "measures.csv", tmp_path / "measures.csv")
    _write(tmp_path / "projects.csv", _rows(folder / "projects.csv", 2), drop="status")
    assert curated.matches(tmp_path)
    with pytest.raises(InputError) as e:
        curated.load(tmp_path, ctx)
    assert e.value.field == "status"


def test_duplicate_id(folder, tmp_path, ctx):
    rows = _rows(folder / "projects.csv", 3)
    rows[2]["id"] = rows[0]["id"]
    with pytest.raises(InputError, match="duplicate") as e:
        curated.load(_write(tmp_path / "projects.csv", rows), ctx)
    assert (e.value.row, e.value.field) == (4, "id")  # the repeated row is named


def test_unknown_kind_and_bad_code(folder, tmp_path, ctx):
    rows = _rows(folder / "measures.csv", 2)
    rows[1]["kind"] = "embargo"
    with pytest.raises(InputError, match="not one of") as e:
        curated.load(_write(tmp_path / "measures.csv", rows), ctx)
    assert (e.value.row, e.value.field) == (3, "kind")
    rows[1]["kind"], rows[1]["hs_codes"] = "export_ban", "2805.30"
    with pytest.raises(InputError, match="digits") as e:
        curated.load(_write(tmp_path / "measures.csv", rows), ctx)
    assert (e.value.row, e.value.field) == (3, "hs_codes")


def test_demand_with_unit_but_no_quantity_is_an_error(folder, tmp_path, ctx):
    rows = _rows(folder / "demand.csv", 2)
    rows[1]["quantity"] = ""
    with pytest.raises(InputError, match="missing") as e:
        curated.load(_write(tmp_path / "demand.csv", rows), ctx)
    assert (e.value.row, e.value.field) == (3, "quantity")
