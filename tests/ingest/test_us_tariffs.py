"""Global Trade Alert US tariff data (CC BY-NC: never in the repository; read from $CHOKEPOINTS_DATA).

Real-data checks skip when the data are absent; the bad-input tests write their own small files.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import pytest

from chokepoints.errors import InputError
from chokepoints.ingest import us_tariffs
from chokepoints.ingest.base import LoadContext

ROOT = Path(__file__).resolve().parents[2]
GTA = Path(os.environ.get("CHOKEPOINTS_DATA") or ROOT.parent / "shared" / "data") / "raw" / "us_tariffs_gta"

BOM = "\ufeff"
FLOOR_HEAD = "hts8;mfn_text_rate;mfn_rate_type_code;mfn_ad_val_rate;mfn_specific_rate;new_eu_rate"
SECT_HEAD = "hs_8digit;hs_8name;apr2_at_risk;apr2_exempt;sec232;;;;;;"


@pytest.fixture
def ctx(tmp_path) -> LoadContext:
    return LoadContext(scratch=tmp_path / "scratch")


@pytest.fixture(scope="module")
def tables(tmp_path_factory) -> dict:
    if not GTA.is_dir():
        pytest.skip(f"Global Trade Alert data not found at {GTA} (set CHOKEPOINTS_DATA; licence CC BY-NC, "
                    "not bundled)")
    return {td.table: td.frame for td in us_tariffs.load(GTA, LoadContext(scratch=tmp_path_factory.mktemp("scratch")))}


def _write(path: Path, *lines: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _lines_folder(tmp_path: Path, floor: list[str], sect: list[str]) -> Path:
    _write(tmp_path / "tariff_floor_rates.csv", BOM + FLOOR_HEAD, *floor)
    # The real file's rows carry the header's trailing empty columns too.
    _write(tmp_path / "us_hts-8_digit_sectioned.csv", BOM + SECT_HEAD, *(r + ";;;;;;" for r in sect))
    _write(tmp_path / "sec301.csv", BOM + "hs_8digit;origin;rate;;", "28452000;List 1;25;;")
    return tmp_path


def test_row_counts(tables):
    # SOURCE.md / the files: 15,323 sectioned HTS-8 lines (11,262 with MFN rates), 10,396 Section 301 lines,
    # 576 scenario rates, 48 events, 66 shares, 232 countries, 43 group memberships.
    assert {t: len(f) for t, f in tables.items()} == {
        "us_tariff_lines": 15323, "us_sec301": 10396, "us_tariff_rates": 576, "us_tariff_events": 48,
        "us_tariff_shares": 66, "us_tariff_countries": 232, "us_tariff_country_groups": 43}
    assert tables["us_tariff_lines"]["mfn_text_rate"].notna().sum() == 11262


def test_tariff_lines_restore_zeros_and_merge(tables):
    lines = tables["us_tariff_lines"].set_index("hts8")
    horses = lines.loc["01012100"]  # sectioned file: 1012100;Horses: Purebred breeding animals;1;0;0
    assert horses["hs6"] == "010121" and horses["description"] == "Horses: Purebred breeding animals"
    assert bool(horses["apr2_at_risk"]) and not bool(horses["apr2_exempt"]) and not bool(horses["sec232"])
    for code in ("25041010", "28051920", "28469020", "38011050"):  # SOURCE.md: all "Free"
        assert lines.loc[code, "mfn_text_rate"] == "Free" and lines.loc[code, "new_eu_rate"] == 15
    milk = lines.loc["04022950"]  # "$1.104/kg + 14.9%": the ad valorem part is a fraction in the source
    assert milk["mfn_ad_val_rate"] == pytest.approx(0.149) and milk["mfn_specific_rate"] == pytest.approx(1.104)
    assert lines["hs6"].isna().sum() == (lines.index.str[:2].isin(["98", "99"])).sum() > 0


def test_sec301_lists(tables):
    s = tables["us_sec301"].set_index("hts8")
    counts = s["list"].value_counts(dropna=False)
    assert (counts["List 1"], counts["List 2"], counts["List 3"], counts["List 4A"]) == (865, 290, 5908, 2959)
    assert s["list"].isna().sum() == 360
    assert (s.loc["28452000", "list"], s.loc["28452000", "rate"]) == ("List 1", 25.0)
    assert s.loc["02032920", "list"] == "List 3"  # 2032920 in the file


def test_scenario_rates_events_and_groups(tables):
    r = tables["us_tariff_rates"].set_index(["rate_type", "scenario", "effective_date"])["rate"]
    assert r[("eu_ieepa_floor_rate", "baseline", "2025-09-01")] == 15
    assert r[("jpn_ieepa_floor_rate", "baseline", "2025-09-16")] == 15
    assert r[("ieepa_topup_156", "baseline", "2025-04-09")] == 74
    e = tables["us_tariff_events"].set_index("event_id")
    assert e.loc["ind_rus_surcharge_removed", "affected_countries"] == "IND:RUS"
    g = tables["us_tariff_country_groups"]
    assert {"ITA", "CAN", "MEX"} <= set(g["iso3"])  # Italy is UN 381 in country_groups.csv, 380 elsewhere
    assert tables["us_tariff_shares"].set_index(["share_type", "scenario"]).loc[
        ("steel_main_share", "baseline"), "share"] == 0.85


def test_matches():
    assert us_tariffs.default_path().name == "us_tariffs_gta"
    if GTA.is_dir():
        assert us_tariffs.matches(GTA) and us_tariffs.matches(GTA / "sec301.csv")
        assert us_tariffs.matches(GTA / "scenarios" / "rates.csv")
    assert not us_tariffs.matches(ROOT / "data" / "curated")


def test_small_folder_loads(tmp_path, ctx):
    folder = _lines_folder(tmp_path, ["01012100;Free;0;0;0;15"], ["1012100;Horses;1;0;0", "9903011;X;0;0;1"])
    out = {td.table: td.frame for td in us_tariffs.load(folder, ctx)}
    lines = out["us_tariff_lines"].set_index("hts8")
    assert list(lines.index) == ["01012100", "09903011"]
    assert math.isnan(lines.loc["09903011", "mfn_ad_val_rate"]) and bool(lines.loc["09903011", "sec232"])


def test_non_numeric_rate(tmp_path, ctx):
    path = _write(tmp_path / "sec301.csv", BOM + "hs_8digit;origin;rate;;", "28452000;List 1;25;;",
                  "28453000;List 1;twenty;;")
    with pytest.raises(InputError, match="not a number") as e:
        us_tariffs.load(path, ctx)
    assert (e.value.row, e.value.field) == (3, "rate")


def test_bad_and_duplicate_hts_codes(tmp_path, ctx):
    folder = _lines_folder(tmp_path, ["01012100;Free;0;0;0;15"], ["1012100;Horses;1;0;0", "10121;Short;1;0;0"])
    with pytest.raises(InputError, match="8-digit") as e:
        us_tariffs.load(folder, ctx)
    assert (e.value.row, e.value.field) == (3, "hs_8digit")
    # 1012100 and 01012100 are the same code once the lost zero is restored.
    folder = _lines_folder(tmp_path, ["01012100;Free;0;0;0;15"], ["1012100;Horses;1;0;0", "01012100;Again;1;0;0"])
    with pytest.raises(InputError, match="duplicate") as e:
        us_tariffs.load(folder, ctx)
    assert (e.value.row, e.value.field) == (3, "hs_8digit")


def test_negative_mfn_rate_names_the_floor_file(tmp_path, ctx):
    folder = _lines_folder(tmp_path, ["01012100;Free;0;-0.1;0;15"], ["1012100;Horses;1;0;0"])
    with pytest.raises(InputError, match="negative") as e:
        us_tariffs.load(folder, ctx)
    assert e.value.file.endswith("tariff_floor_rates.csv")
    assert (e.value.row, e.value.field) == (2, "mfn_ad_val_rate")


def test_bad_flag_and_orphan_code(tmp_path, ctx):
    folder = _lines_folder(tmp_path, ["01012100;Free;0;0;0;15"], ["1012100;Horses;yes;0;0"])
    with pytest.raises(InputError, match="0 or 1") as e:
        us_tariffs.load(folder, ctx)
    assert (e.value.row, e.value.field) == (2, "apr2_at_risk")
    folder = _lines_folder(tmp_path, ["01012100;Free;0;0;0;15", "01012900;Free;0;0;0;15"], ["1012100;Horses;1;0;0"])
    with pytest.raises(InputError, match="not in us_hts") as e:
        us_tariffs.load(folder, ctx)
    assert (e.value.row, e.value.field) == (3, "hts8")


def test_missing_column_and_wrong_separator(tmp_path, ctx):
    folder = _lines_folder(tmp_path, ["01012100;Free;0;0;0;15"], ["1012100;Horses;1;0;0"])
    _write(folder / "sec301.csv", BOM + "hs_8digit;rate", "28452000;25")
    with pytest.raises(InputError, match="missing column") as e:
        us_tariffs.load(folder, ctx)
    assert (e.value.row, e.value.field) == (1, "origin")
    _write(folder / "sec301.csv", "hs_8digit,origin,rate", "28452000,List 1,25")
    with pytest.raises(InputError, match="separated") as e:
        us_tariffs.load(folder, ctx)
    assert e.value.row == 1


def test_duplicate_rate_and_unknown_event_country(tmp_path, ctx):
    head = "rate_type,rate,scenario,section,description,effective_date"
    row = "eu_ieepa_floor_rate,15,baseline,7.5,EU floor,2025-09-01"
    path = _write(tmp_path / "scenarios" / "rates.csv", head, row, row)
    with pytest.raises(InputError, match="duplicate") as e:
        us_tariffs.load(path, ctx)
    assert (e.value.row, e.value.field) == (3, "effective_date")  # the repeated row, last key column
    path = _write(tmp_path / "scenarios" / "event_registry.csv",
                  "effective_date,event_id,event_name,description,rate_component,affected_countries,section_ref",
                  "2025-01-01,a,A,x,hts,ALL,2", "2026-02-07,b,B,y,surcharge,IND:XXX,7.1")
    with pytest.raises(InputError, match="XXX") as e:
        us_tariffs.load(path, ctx)
    assert (e.value.row, e.value.field) == (3, "affected_countries")


def test_unknown_un_code_in_groups(tmp_path, ctx):
    folder = _lines_folder(tmp_path, ["01012100;Free;0;0;0;15"], ["1012100;Horses;1;0;0"])
    _write(folder / "scenarios" / "countries.csv", "un_code;iso_3;country_name;special_treatment", "124;CAN;Canada;")
    _write(folder / "scenarios" / "country_groups.csv", "group_name;un_code;description", "usmca;124;Canada",
           "usmca;999999;Nowhere")
    with pytest.raises(InputError, match="999999") as e:
        us_tariffs.load(folder, ctx)
    assert (e.value.row, e.value.field) == (3, "un_code")
