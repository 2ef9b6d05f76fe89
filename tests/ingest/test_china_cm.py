"""China's monthly exports (Comtrade-derived): counts from SOURCE.md, values read off the files, bad copies."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from chokepoints.errors import InputError
from chokepoints.ingest import china_cm
from chokepoints.ingest.base import LoadContext


@pytest.fixture
def folder(data_dir) -> Path:
    return data_dir / "raw" / "china_comtrade_cm"


@pytest.fixture
def ctx(tmp_path) -> LoadContext:
    return LoadContext(scratch=tmp_path / "scratch")


@pytest.fixture
def tables(folder, ctx) -> dict:
    return {td.table: td.frame for td in china_cm.load(folder, ctx)}


def _copy(folder: Path, tmp_path: Path, name: str, n: int, edit=None) -> Path:
    """The header and first n rows of a real file, with line `edit[0]` (1-based) replaced by edit[1]."""
    lines = (folder / name).read_text(encoding="utf-8").splitlines()[: n + 1]
    if edit:
        lines[edit[0] - 1] = edit[1]
    out = tmp_path / name
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def test_row_counts_match_source_md(tables):
    # SOURCE.md: deep dive 6,442 rows, country stats 2,885; overview 384 (96 months x 4 groups); hs_map 14 codes.
    assert {t: len(f) for t, f in tables.items()} == {"trade_monthly": 6442 + 2885 + 384, "china_group_hhi": 2885,
                                                      "china_hs_map": 14}


def test_deep_dive_row_is_converted(tables):
    t = tables["trade_monthly"].set_index(["month", "exporter", "importer", "hs6"])
    row = t.loc[("2017-01", "CHN", "AUS", "250410")]  # 2017-01-01,Australia,250410,10200.0,6116.362
    assert row["value_usd"] == 10200.0
    assert row["quantity_t"] == pytest.approx(6.116362)


def test_zero_weight_with_value_is_missing_not_zero(tables):
    t = tables["trade_monthly"].set_index(["month", "exporter", "importer", "hs6"])
    uae = t.loc[("2017-01", "CHN", "ARE", "811292")]  # 2017-01-01,UAE,811292,18882.0,0.0,inf
    assert uae["value_usd"] == 18882.0 and math.isnan(uae["quantity_t"])
    poly = t.loc[("2017-01", "CHN", "WLD", "Polysilicon")]  # overview: 7525957.0, 0.0 kg, inf
    assert poly["value_usd"] == 7525957.0 and math.isnan(poly["quantity_t"])
    # 146 deep-dive, 88 country and 12 overview rows carry uv = inf.
    assert tables["trade_monthly"]["quantity_t"].isna().sum() == 146 + 88 + 12


def test_overview_and_country_rows_use_group_names(tables):
    t = tables["trade_monthly"].set_index(["month", "exporter", "importer", "hs6"])
    gage = t.loc[("2017-01", "CHN", "WLD", "Gallium/Germanium")]
    assert gage["value_usd"] == 68554019.0 and gage["quantity_t"] == pytest.approx(293.19251)
    assert t.loc[("2017-01", "CHN", "TWN", "Rare Earths"), "value_usd"] == 6428446.0
    groups = set(tables["trade_monthly"].query("importer == 'WLD'")["hs6"])
    assert groups == {"Gallium/Germanium", "Graphite", "Polysilicon", "Rare Earths"}


def test_hhi_and_hs_map(tables):
    h = tables["china_group_hhi"].set_index(["month", "importer", "group"])
    assert h.loc[("2017-01", "KOR", "Graphite"), "hhi"] == pytest.approx(0.541454452701464)
    m = tables["china_hs_map"].set_index("code")
    assert m.loc["81129210", "material"] == "gallium_unwrought" and m.loc["85051110", "group"] == "rare_earths"


def test_matches(folder, data_dir, tmp_path):
    assert china_cm.matches(folder) and china_cm.matches(folder / "hs_map.csv")
    assert not china_cm.matches(data_dir / "curated")
    (tmp_path / "hs_map.csv").write_text("code,name\n1,x\n", encoding="utf-8")  # same name, other format
    assert not china_cm.matches(tmp_path / "hs_map.csv")


def test_single_file_loads_its_table(folder, ctx):
    [td] = china_cm.load(folder / "overview_monthly.csv", ctx)
    assert (td.table, td.rows, td.years) == ("trade_monthly", 384, (2017, 2024))


def test_unknown_partner_names_row_and_field(folder, tmp_path, ctx):
    path = _copy(folder, tmp_path, "deep_dive_hs6_monthly.csv", 5, (4, "2017-01-01,Atlantis,250410,1.0,1.0,1.0"))
    with pytest.raises(InputError, match="Atlantis") as e:
        china_cm.load(path, ctx)
    assert (e.value.row, e.value.field) == (4, "partner_name")


def test_non_numeric_value(folder, tmp_path, ctx):
    path = _copy(folder, tmp_path, "overview_monthly.csv", 4, (3, "2017-01-01,Graphite,n/a,1.0,1.0"))
    with pytest.raises(InputError, match="not a number") as e:
        china_cm.load(path, ctx)
    assert (e.value.row, e.value.field) == (3, "total_value")


def test_negative_value(folder, tmp_path, ctx):
    path = _copy(folder, tmp_path, "country_monthly_stats.csv", 4,
                 (5, "2017-04-01,-5.0,1.0,1.0,0.5,Graphite,South Korea"))
    with pytest.raises(InputError, match="negative") as e:
        china_cm.load(path, ctx)
    assert (e.value.row, e.value.field) == (5, "value_usd")


def test_bad_month_and_hs_code(folder, tmp_path, ctx):
    path = _copy(folder, tmp_path, "deep_dive_hs6_monthly.csv", 3, (2, "2017-01-15,Australia,250410,1.0,1.0,1.0"))
    with pytest.raises(InputError, match="month") as e:
        china_cm.load(path, ctx)
    assert (e.value.row, e.value.field) == (2, "period_dt")
    path = _copy(folder, tmp_path, "deep_dive_hs6_monthly.csv", 3, (3, "2017-01-01,Australia,2504,1.0,1.0,1.0"))
    with pytest.raises(InputError, match="6-digit") as e:
        china_cm.load(path, ctx)
    assert (e.value.row, e.value.field) == (3, "hs6")


def test_missing_column(folder, tmp_path, ctx):
    path = _copy(folder, tmp_path, "hs_map.csv", 2, (1, "hs6,material,notes"))
    with pytest.raises(InputError, match="missing column") as e:
        china_cm.hs_map(path)
    assert (e.value.row, e.value.field) == (1, "group")


def test_duplicate_key(folder, tmp_path, ctx):
    lines = (folder / "deep_dive_hs6_monthly.csv").read_text(encoding="utf-8").splitlines()
    path = _copy(folder, tmp_path, "deep_dive_hs6_monthly.csv", 3, (4, lines[1]))
    with pytest.raises(InputError, match="duplicate") as e:
        china_cm.load(path, ctx)
    assert (e.value.row, e.value.field) == (4, "hs6")  # the repeated row, last key column


def test_same_flow_in_two_files_is_refused(folder, tmp_path, ctx):
    # A partner named 'World' in the country file would repeat the overview's CHN -> WLD rows.
    _copy(folder, tmp_path, "overview_monthly.csv", 4)
    _copy(folder, tmp_path, "country_monthly_stats.csv", 2, (3, "2017-01-01,38487733.0,1.0,1.0,0.5,Graphite,World"))
    with pytest.raises(InputError, match="same flow is in country_monthly_stats.csv") as e:
        china_cm.load(tmp_path, ctx)
    assert e.value.file.endswith("overview_monthly.csv") and (e.value.row, e.value.field) == (3, "hs6")
