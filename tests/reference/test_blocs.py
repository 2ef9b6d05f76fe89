"""Blocs: built-in membership, 'A+B' alliances, user-defined TOML, clear errors."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chokepoints.errors import InputError, UnknownNameError
from chokepoints.reference.blocs import bloc, bloc_names
from chokepoints.reference.countries import known_iso3


def test_builtin_blocs():
    assert len(bloc("EU27").members) == 27 and "GBR" not in bloc("EU27")
    assert bloc("JPN").members == {"JPN"}
    assert len(bloc("CPTPP").members) == 12 and "GBR" in bloc("CPTPP")
    assert bloc("G7").members == {"CAN", "FRA", "DEU", "ITA", "JPN", "GBR", "USA"}


def test_alliance_is_the_union():
    assert bloc("EU27+JPN").members == bloc("EU27").members | {"JPN"}
    assert bloc("EU27+JPN+KOR").members == bloc("EU27").members | {"JPN", "KOR"}
    assert {"EU27", "EU27+JPN", "JPN", "CPTPP", "G7"} <= set(bloc_names())


@given(st.lists(st.sampled_from(["EU27", "JPN", "CPTPP", "G7", "KOR", "USA", "AUS"]), min_size=1, max_size=4))
def test_union_is_order_free(parts):
    assert bloc("+".join(parts)).members == bloc("+".join(reversed(parts))).members
    assert bloc("+".join(parts)).members <= known_iso3()


def test_user_blocs_file(tmp_path):
    f = tmp_path / "blocs.toml"
    f.write_text('[MSP]\nname = "Minerals Security Partnership (subset)"\nmembers = ["@EU27", "USA", "KOR"]\n')
    assert bloc("MSP", f).members == bloc("EU27").members | {"USA", "KOR"}
    assert bloc("MSP+JPN", f).members == bloc("EU27").members | {"USA", "KOR", "JPN"}


def test_errors_name_the_problem(tmp_path):
    with pytest.raises(UnknownNameError, match="unknown bloc or country 'XYZ'"):
        bloc("EU27+XYZ")
    f = tmp_path / "bad.toml"
    f.write_text('[X]\nname = "no members"\n')
    with pytest.raises(InputError, match="members") as e:
        bloc("X", f)
    assert e.value.field == "X"
