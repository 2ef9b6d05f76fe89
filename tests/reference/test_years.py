"""reference/years.py: the nearest-year rule and the calendar months a scenario may name."""

import pandas as pd
import pytest

from chokepoints.reference.years import check_month, nearest_year

TABLE = pd.DataFrame({"year": [2019, 2019, 2021, 2024], "v": [1, 2, 3, 4]})


@pytest.mark.parametrize("year, expected", [
    (2023, [3]),        # latest at or before
    (2021, [3]),        # the year itself
    (2020, [1, 2]),     # all rows of that year
    (2030, [4]),
    (2010, [1, 2]),     # nothing that early: the earliest after
])
def test_nearest_year(year, expected):
    assert nearest_year(TABLE, year)["v"].tolist() == expected


def test_nearest_year_other_column_and_empty():
    t = TABLE.rename(columns={"year": "y"})
    assert nearest_year(t, 2022, column="y")["v"].tolist() == [3]
    assert nearest_year(TABLE.iloc[0:0], 2022).empty
    assert nearest_year(pd.DataFrame({"year": [None, None], "v": [1, 2]}), 2022).empty


@pytest.mark.parametrize("text", ["2025-04", "1900-01", "2100-12-31", "2024-02-29"])
def test_good_months(text):
    assert check_month(text) == text


@pytest.mark.parametrize("text, problem", [
    ("1800-01", "year 1800 is outside 1900-2100"),
    ("2025-13", "month 13 is not a month"),
    ("2025-00", "month 0 is not a month"),
    ("2025-02-29", "day 29 is not a day of 2025-02"),
    ("April 2025", "is not a month YYYY-MM"),
    ("2025-4", "is not a month YYYY-MM"),
])
def test_bad_months(text, problem):
    with pytest.raises(ValueError, match=problem):
        check_month(text)
