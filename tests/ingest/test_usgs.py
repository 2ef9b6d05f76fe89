"""Tests of ingest/usgs.py: real MCS 2026 figures (data/raw/usgs_mcs2026_world/SOURCE.md) and corrupted copies."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from _helpers import one_row

from chokepoints.errors import InputError
from chokepoints.ingest import usgs
from chokepoints.ingest.base import LoadContext

DATA = Path(__file__).parents[2] / "data" / "raw" / "usgs_mcs2026_world"
FILE = DATA / usgs.FILE


@pytest.fixture(scope="module")
def tables():
    return {t.table: t.frame for t in usgs.load(DATA, LoadContext(scratch=Path(".")))}


def test_matches(tmp_path):
    assert usgs.matches(DATA) and usgs.matches(FILE)
    assert not usgs.matches(tmp_path) and not usgs.matches(DATA / "SOURCE.md")


def test_rare_earths_usa(tables):
    p = tables["production"]
    y24 = one_row(p, commodity="Rare earths", country="USA", year=2024)
    assert (y24["quantity_t"], y24["stage"], y24["estimated"]) == (45_500, "extraction", False)
    assert one_row(p, commodity="Rare earths", country="USA", year=2025)["estimated"]
    # SOURCE.md check: rare earths 2024 world 380,000, country rows sum to 384,000 (+1.1 %, USGS rounding)
    re24 = p[(p["commodity"] == "Rare earths") & (p["year"] == 2024)]
    assert one_row(re24, country="WLD")["quantity_t"] == 380_000
    assert re24[re24["country"] != "WLD"]["quantity_t"].sum() == 384_000


def test_units_converted_to_tonnes(tables):
    p, r = tables["production"], tables["reserves"]
    ga = one_row(p, commodity="Gallium", country="CHN", year=2024)  # 839,000 kilograms
    assert (ga["quantity"], ga["quantity_t"], ga["stage"]) == (839_000, 839, "processing")
    al = one_row(p, commodity="Aluminum", country="WLD", year=2024)  # SOURCE.md: world 72,800 thousand t
    assert (al["quantity"], al["quantity_t"], al["stage"]) == (72_800, 72_800_000, "smelting")
    assert one_row(r, commodity="Molybdenum", country="WLD")["reserves_t"] == 17_000_000  # "thousand metric tons"
    assert one_row(p, commodity="Molybdenum", country="WLD", year=2024)["quantity_t"] == 256_000  # metric tons
    dia = one_row(p, commodity="Diamond (industrial)", country="WLD", year=2024)  # million carats: not a mass
    assert dia["quantity"] == 38 and pd.isna(dia["quantity_t"])


def test_countries_and_qualifiers(tables):
    p = tables["production"]
    assert {"KOR", "COD", "MMR", "PRK", "CIV", "ROW", "WLD"} <= set(p["country"])
    tur = one_row(p, commodity="Boron", country="TUR", year=2024)  # "Turkey, refined borates"
    assert tur["quantity_t"] == 1_800_000 and "refined borates" in tur["note"]


def test_withheld_kept_empty_and_stage_from_title(tables):
    p, c = tables["production"], tables["capacity"]
    li = one_row(p, commodity="Lithium", country="USA", year=2024)
    assert pd.isna(li["quantity_t"]) and "W: withheld" in li["note"]
    assert set(p[p["commodity"] == "Copper"]["stage"]) == {"refining"}  # refinery output as parsed
    assert one_row(p, commodity="Platinum-group metals (grouped) — Platinum", country="WLD")["year"] == 2025
    assert one_row(c, commodity="Gallium", country="WLD")["capacity_t"] == 1_700  # 1,700,000 kg
    assert len(c) == 42


def _bad(tmp_path, edit) -> Path:
    lines = FILE.read_text(encoding="utf-8").splitlines()[:5]
    f = tmp_path / usgs.FILE
    f.write_text("\n".join(edit(lines)) + "\n", encoding="utf-8")
    return f


def _replace(line_no, old, new):
    def edit(lines):
        lines[line_no - 1] = lines[line_no - 1].replace(old, new, 1)
        return lines
    return edit


def test_non_numeric_value(tmp_path):
    f = _bad(tmp_path, _replace(3, ",29000,29000,", ",29k,29000,"))
    with pytest.raises(InputError, match="29k") as e:
        usgs.load(f, LoadContext(scratch=tmp_path))
    assert (e.value.row, e.value.field) == (3, "production_2024")


def test_value_disagrees_with_published_text(tmp_path):
    f = _bad(tmp_path, _replace(4, "560,2000,", "650,2000,"))
    with pytest.raises(InputError) as e:
        usgs.load(f, LoadContext(scratch=tmp_path))
    assert (e.value.row, e.value.field) == (4, "production_2024_raw")


def test_unknown_country(tmp_path):
    f = _bad(tmp_path, _replace(5, "Burma", "Ruritania"))
    with pytest.raises(InputError, match="Ruritania") as e:
        usgs.load(f, LoadContext(scratch=tmp_path))
    assert (e.value.row, e.value.field) == (5, "country")


def test_unknown_table_title(tmp_path):
    f = _bad(tmp_path, _replace(2, "World Mine Production", "World Stockpile"))
    with pytest.raises(InputError) as e:
        usgs.load(f, LoadContext(scratch=tmp_path))
    assert (e.value.row, e.value.field) == (2, "table")


def test_missing_column(tmp_path):
    f = _bad(tmp_path, _replace(1, ",units,", ",unit,"))
    with pytest.raises(InputError) as e:
        usgs.load(f, LoadContext(scratch=tmp_path))
    assert (e.value.row, e.value.field) == (1, "units")


def test_empty_file(tmp_path):
    f = tmp_path / usgs.FILE
    f.write_text("")
    with pytest.raises(InputError, match="empty"):
        usgs.load(f, LoadContext(scratch=tmp_path))
