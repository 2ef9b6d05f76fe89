from pathlib import Path

import openpyxl
import pytest

from chokepoints.errors import InputError
from chokepoints.ingest import hs_correlations as m

RAW = Path(__file__).resolve().parents[2] / "data" / "raw" / "comtrade_hs_correlations"
ROW = ["010111", "010111", "010110", "010110", "010121", "010121", "41", "0015", "0015", "00151", "0015"]


def workbook(tmp_path, rows, header=m.COLUMNS):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = " HSBECSITC "
    ws.append(list(header))
    for r in rows:
        ws.append(r)
    path = tmp_path / m.MAIN
    wb.save(path)
    return path


def test_matches():
    assert m.matches(RAW) and m.matches(RAW / m.MAIN) and not m.matches(RAW / "SOURCE.md")


@pytest.fixture(scope="module")
def real():
    return m.load(RAW, None)[0].frame


def test_real_file(real):
    assert len(real) == 51841  # 51,842 sheet rows less the header; no exact duplicates
    assert list(real.columns) == [c.lower() for c in m.COLUMNS]
    first = real.iloc[0]
    assert first["hs92"] == "010111" and first["hs17"] == "010121" and first["sitc3"] == "00151"
    assert real["sitc1"].isna().sum() == 15  # 'NULL' in the sheet
    assert real.loc[real["hs17"] == "850511", "hs92"].eq("850511").any()


def test_exact_duplicates_dropped_only(tmp_path):
    other = ROW[:9] + ["00152", "0015"]
    df = m.parse(workbook(tmp_path, [ROW, other, ROW]))
    assert len(df) == 2


def test_null_text_is_missing(tmp_path):
    df = m.parse(workbook(tmp_path, [ROW[:7] + ["NULL"] + ROW[8:]]))
    assert df["sitc1"].isna().all() and df["sitc2"].iloc[0] == "0015"


def test_code_that_lost_its_zero(tmp_path):
    with pytest.raises(InputError) as e:
        m.parse(workbook(tmp_path, [ROW, [10111] + ROW[1:]]))
    assert (e.value.row, e.value.field) == (3, "HS92")


def test_missing_column(tmp_path):
    with pytest.raises(InputError) as e:
        m.parse(workbook(tmp_path, [ROW[:10]], header=m.COLUMNS[:10]))
    assert (e.value.row, e.value.field) == (1, "SITC4")


def test_not_a_workbook(tmp_path):
    path = tmp_path / m.MAIN
    path.write_text("HS92,HS96\n", encoding="utf-8")
    with pytest.raises(InputError, match="xlsx"):
        m.parse(path)
