"""Tests of ingest/member_data.py: a member's own data (stocks) from hand-made CSV and TOML files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from _helpers import one_row

import chokepoints as ck
from chokepoints.errors import InputError
from chokepoints.ingest import discover, member_data
from chokepoints.ingest.base import LoadContext
from chokepoints.reference import chain

HEADER = "member,kind,chain,stage,material,quantity_t,confidential,source"
GOOD = "JPN,stock,rare-earth-magnets,,dy,300,,JOGMEC (illustrative)"

CSV = f"""{HEADER}
{GOOD}
JPN,stock,rare-earth-magnets,oxide,Terbium,50,true,JOGMEC (illustrative)
EU27,stock,rare-earth-magnets,oxide,,1000,false,EU stockpiling pilot (illustrative)
KOR,stock,li-ion-batteries,lithium_chemicals,lithium,2.5e3,FALSE,KOMIR (illustrative)
"""

TOML = """# the same declarations as CSV above
[[rows]]
member = "JPN"
kind = "stock"
chain = "rare-earth-magnets"
material = "dy"
quantity_t = 300
source = "JOGMEC (illustrative)"

[[rows]]
member = "JPN"
kind = "stock"
chain = "rare-earth-magnets"
stage = "oxide"
material = "Terbium"
quantity_t = 50
confidential = true
source = "JOGMEC (illustrative)"

[[rows]]
member = "EU27"
kind = "stock"
chain = "rare-earth-magnets"
stage = "oxide"
quantity_t = 1000.0
confidential = false
split = "use"
source = "EU stockpiling pilot (illustrative)"

[[rows]]
member = "KOR"
kind = "stock"
chain = "li-ion-batteries"
stage = "lithium_chemicals"
material = "lithium"
quantity_t = 2500
confidential = false
source = "KOMIR (illustrative)"
note = "lithium carbonate"
"""


def load(path: Path):
    (td,) = member_data.load(path, LoadContext(scratch=path.parent))
    assert td.table == "stocks"
    return td.frame


def write(tmp_path: Path, text: str, name: str = "member_test.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_matches_by_name_and_a_folder_loads_file_by_file(tmp_path):
    csv_file, toml_file = write(tmp_path, CSV, "member_jpn.csv"), write(tmp_path, TOML, "member_all.toml")
    other = write(tmp_path, CSV, "stocks.csv")
    assert member_data.matches(csv_file) and member_data.matches(toml_file)
    assert not member_data.matches(other) and not member_data.matches(tmp_path)
    other.unlink()
    found = discover(tmp_path)
    assert {(f.loader, f.name) for f in found} == {(member_data, "member_jpn"), (member_data, "member_all")}


def test_csv_loads(tmp_path):
    df = load(write(tmp_path, CSV))
    assert len(df) == 4
    dy = one_row(df, member="JPN", material="dy")
    # material only: the earliest stage of the chain listing dy (oxide), not also metal, magnet and motor
    assert (dy["chain"], dy["stage"], dy["quantity_t"]) == ("rare-earth-magnets", "oxide", 300.0)
    assert dy["confidential"]  # a member's own data is confidential unless it says otherwise
    assert "earliest stage" in dy["note"]
    assert one_row(df, member="JPN", material="tb")["stage"] == "oxide"  # a name, stored as the materials.csv id
    eu = one_row(df, member="EU27")  # a bloc's row stays at bloc level: the network splits it
    assert eu["stage"] == "oxide" and pd.isna(eu["material"])
    assert not eu["confidential"] and "splits it" in eu["note"]
    kor = one_row(df, member="KOR")
    assert (kor["stage"], kor["quantity_t"], kor["confidential"]) == ("lithium_chemicals", 2500.0, False)


def test_toml_loads_the_same(tmp_path):
    a = load(write(tmp_path, CSV))
    b = load(write(tmp_path, TOML, "member_test.toml"))
    cols = ["member", "material", "quantity_t", "confidential", "chain", "stage", "source"]
    assert a[cols].fillna("-").values.tolist() == b[cols].fillna("-").values.tolist()
    assert one_row(b, member="KOR")["note"] == "lithium carbonate"


def test_material_to_stage_rule():
    magnets, batteries = chain("rare-earth-magnets").stages, chain("li-ion-batteries").stages
    assert member_data.stage_for_material(magnets, "dy").id == "oxide"
    assert member_data.stage_for_material(magnets, "ree").id == "ore"
    assert member_data.stage_for_material(batteries, "lithium").id == "lithium_ore"
    assert member_data.stage_for_material(batteries, "manganese").id == "cathode"
    with pytest.raises(LookupError, match="same order"):  # natural_graphite and synthetic_graphite, both order 1
        member_data.stage_for_material(batteries, "graphite")
    with pytest.raises(LookupError, match="no stage"):
        member_data.stage_for_material(magnets, "lithium")


BAD_ROWS = [
    # (row on line 3, field, problem)
    ("JPN,stock,rare-earth-magnets,oxide,,-5,,s", "quantity_t", "negative"),
    ("JPN,stock,rare-earth-magnets,oxide,,many,,s", "quantity_t", "not a number"),
    ("JPN,stock,rare-earth-magnets,oxide,,NaN,,s", "quantity_t", "not a finite number"),
    ("JPN,stock,rare-earth-magnets,oxide,,inf,,s", "quantity_t", "not a finite number"),
    ("JPN,stock,rare-earth-magnets,oxide,,,,s", "quantity_t", "missing"),
    ("XXX,stock,rare-earth-magnets,oxide,,1,,s", "member", "unknown member 'XXX'"),
    ("WLD,stock,rare-earth-magnets,oxide,,1,,s", "member", "unknown member 'WLD'"),
    ("JPN,stock,magnets,oxide,,1,,s", "chain", "unknown chain 'magnets'"),
    ("JPN,stock,rare-earth-magnets,refinery,,1,,s", "stage", "unknown stage 'refinery'"),
    ("JPN,stock,rare-earth-magnets,,unobtainium,1,,s", "material", "unknown material 'unobtainium'"),
    ("JPN,stock,rare-earth-magnets,ore,dy,1,,s", "material", "not one of stage 'ore''s materials"),
    ("JPN,stock,rare-earth-magnets,,lithium,1,,s", "material", "no stage lists material 'lithium'"),
    ("JPN,stock,li-ion-batteries,,graphite,1,,s", "stage", "same order"),
    ("JPN,stock,rare-earth-magnets,motor,,1,,s", "stage", "counted in pieces"),
    ("JPN,stock,rare-earth-magnets,,,1,,s", "stage", "give a stage or a material"),
    ("JPN,stockpile,rare-earth-magnets,oxide,,1,,s", "kind", "unknown kind 'stockpile'"),
    ("JPN,offtake,rare-earth-magnets,oxide,,1,,s", "kind", "not read yet"),
    ("JPN,stock,rare-earth-magnets,oxide,,1,maybe,s", "confidential", "not true or false"),
    ("JPN,stock,rare-earth-magnets,oxide,,1,,", "source", "missing"),
    ("JPN,stock,rare-earth-magnets,oxide,dy,1,,again", "material", "repeats row 2"),
    ("JPN,stock,rare-earth-magnets,oxide,,1,,total", "stage", "would count twice"),
]


@pytest.mark.parametrize(("row", "field", "problem"), BAD_ROWS, ids=[f"{f}:{p}" for _, f, p in BAD_ROWS])
def test_bad_csv_row_names_file_row_and_field(tmp_path, row, field, problem):
    path = write(tmp_path, f"{HEADER}\n{GOOD}\n{row}\n")
    with pytest.raises(InputError) as e:
        load(path)
    assert (e.value.file, e.value.row, e.value.field) == (str(path), 3, field)
    assert problem in e.value.problem


@pytest.mark.parametrize(("member", "split", "problem"), [("JPN", "use", "on a country's row"),
                                                            ("EU27", "even", "unknown split 'even'")])
def test_split_is_for_a_bloc_and_only_by_use(tmp_path, member, split, problem):
    path = write(tmp_path, f"{HEADER},split\n{GOOD},\n{member},stock,rare-earth-magnets,metal,,1,,s,{split}\n")
    with pytest.raises(InputError) as e:
        load(path)
    assert (e.value.row, e.value.field) == (3, "split") and problem in e.value.problem


def test_csv_header_problems(tmp_path):
    with pytest.raises(InputError) as e:
        load(write(tmp_path, f"{HEADER},tonnes\n{GOOD},1\n"))
    assert (e.value.row, e.value.field) == (1, "tonnes") and "unknown field" in e.value.problem
    with pytest.raises(InputError) as e:
        load(write(tmp_path, "member,kind,chain,stage,quantity_t\nJPN,stock,rare-earth-magnets,oxide,1\n"))
    assert (e.value.row, e.value.field) == (1, "source")


def _toml_row(**over) -> str:
    fields = {"member": '"JPN"', "kind": '"stock"', "chain": '"rare-earth-magnets"', "stage": '"metal"',
              "quantity_t": "10", "source": '"s"'} | over
    return "[[rows]]\n" + "".join(f"{k} = {v}\n" for k, v in fields.items() if v is not None)


@pytest.mark.parametrize(("over", "field", "problem"), [
    ({"quantity_t": "nan"}, "quantity_t", "not a finite number"),
    ({"quantity_t": '"ten"'}, "quantity_t", "not a number"),
    ({"quantity_t": "-1.5"}, "quantity_t", "negative"),
    ({"confidential": '"perhaps"'}, "confidential", "not true or false"),
    ({"member": "392"}, "member", "not text"),
    ({"source": None}, "source", "key is missing"),
    ({"tonnes": "3"}, "tonnes", "unknown field"),
])
def test_bad_toml_row_names_file_row_and_field(tmp_path, over, field, problem):
    text = "# stocks of Japan\n\n" + _toml_row(stage='"oxide"') + "\n" + _toml_row(**over)
    path = write(tmp_path, text, "member_jpn.toml")
    with pytest.raises(InputError) as e:
        load(path)
    # the second [[rows]] table starts on line 11 (2 lines of comment, 7 of the first table, 1 blank)
    assert (e.value.file, e.value.row, e.value.field) == (str(path), 11, field)
    assert problem in e.value.problem


def test_bad_toml_file(tmp_path):
    with pytest.raises(InputError, match="not valid TOML") as e:
        load(write(tmp_path, '[[rows]]\nmember = "JPN\n', "member_x.toml"))
    assert e.value.row == 2
    with pytest.raises(InputError, match="only \\[\\[rows\\]\\]") as e:
        load(write(tmp_path, 'title = "mine"\n' + _toml_row(), "member_x.toml"))
    assert e.value.field == "title"
    with pytest.raises(InputError, match="no \\[\\[rows\\]\\]"):
        load(write(tmp_path, "# nothing yet\nrows = []\n", "member_x.toml"))


def test_bad_file_loads_nothing(tmp_path):
    good = write(tmp_path, CSV, "member_good.csv")
    bad = write(tmp_path, f"{HEADER}\n{GOOD}\nJPN,stock,rare-earth-magnets,metal,,-1,,s\n", "member_bad.csv")
    with ck.open(tmp_path / "w.duckdb") as wh:
        with pytest.raises(InputError, match="negative"):
            wh.ingest([good, bad], include_defaults=False)
        assert wh.table("stocks").empty and wh.status().empty
        wh.ingest([good], include_defaults=False)
        stocks = wh.table("stocks")
    assert len(stocks) == 4 and set(stocks["dataset"]) == {"member_good"}
