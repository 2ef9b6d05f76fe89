from pathlib import Path

import pandas as pd
import pytest

from chokepoints.errors import InputError
from chokepoints.ingest import hs_nomenclature as m

RAW = Path(__file__).resolve().parents[2] / "data" / "raw" / "hs_nomenclature"
# schemas._check builds `in:2|4|6` as text, so an int column (hs_codes.level) never passes it.
HEADER = "section,hscode,description,parent,level\n"


def write(tmp_path, body, sections="section,name\nI,Live animals\nXV,Base metals\n"):
    (tmp_path / "harmonized-system.csv").write_text(HEADER + body, encoding="utf-8")
    (tmp_path / "sections.csv").write_text(sections, encoding="utf-8")
    return tmp_path


def test_matches_folder_and_main_file(tmp_path):
    assert m.matches(RAW) and m.matches(RAW / "harmonized-system.csv")
    assert not m.matches(RAW / "sections.csv") and not m.matches(tmp_path)


def test_real_file():
    df = m.load(RAW, None)[0].frame
    assert len(df) == 6939  # 6,940 rows less the 'TOTAL' pseudo-code
    assert set(df["revision"]) == {"HS22"}
    rows = df.set_index("code")
    assert pd.isna(rows.loc["01", "parent"])
    assert rows.loc["0101", "parent"] == "01" and rows.loc["010121", "parent"] == "0101"
    assert rows.loc["811292", "description"].startswith("Gallium, germanium, indium")
    assert rows.loc["280530", "section"] == "VI" and rows.loc["8105", "level"] == 4
    assert rows["section"].isna()["999999"]  # chapter 99 is in no section


def test_leading_zeros_kept(tmp_path):
    df = m.load(write(tmp_path, "I,01,Animals,TOTAL,2\nI,0101,Horses,01,4\n"), None)[0].frame
    assert df["code"].tolist() == ["01", "0101"]


def test_parent_must_be_one_level_up(tmp_path):
    with pytest.raises(InputError) as e:
        m.load(write(tmp_path, "XV,81,Other base metals,TOTAL,2\nXV,8105,Cobalt,82,4\n"), None)
    assert (e.value.row, e.value.field) == (3, "parent")


def test_code_length_must_match_level(tmp_path):
    with pytest.raises(InputError) as e:
        m.load(write(tmp_path, "I,01,Animals,TOTAL,2\nI,101,Horses,01,4\n"), None)
    assert (e.value.row, e.value.field) == (3, "hscode")


def test_unknown_section(tmp_path):
    with pytest.raises(InputError) as e:
        m.load(write(tmp_path, "I,01,Animals,TOTAL,2\nXXX,0101,Horses,01,4\n"), None)
    assert (e.value.row, e.value.field) == (3, "section")


def test_level_not_a_number(tmp_path):
    with pytest.raises(InputError) as e:
        m.load(write(tmp_path, "I,01,Animals,TOTAL,two\n"), None)
    assert (e.value.row, e.value.field) == (2, "level")
