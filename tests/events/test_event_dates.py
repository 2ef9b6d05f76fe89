"""The dates an event takes from the sentences around its own (twenty-fourth pass): a plant's planned start told after
it, a pact's signing told after its entry into force, the day told just after an undated fact, and a month of a year
told relative to the article's."""

from __future__ import annotations

from datetime import date

import pytest

from chokepoints.events import extract as _extractor
from chokepoints.events.dates import find_dates


def _events(text: str, when: date) -> list[dict]:
    # (the rules and their readers only, as in test_rules: the classifier and the value filter are tested apart)
    return [e.to_dict() for e in _extractor.extract(text, when, detect=False, sift=False)]


def _dates(ev: dict) -> set[tuple[str, str]]:
    return {(d["role"], d["value"]) for d in ev["dates"]}


@pytest.mark.parametrize("after, start", [
    ("Production is due to start in 2026.", "2026"),
    ("Tata says production will start in 2026.", "2026"),
    ("The plant is expected to begin operations in the second half of 2027.", "2027-07/2027-12"),
    ("Commercial production is targeted for 2028.", "2028"),
])
def test_a_plants_planned_start_told_after_it_is_its_start(after, start):
    text = ("LONDON, July 19, 2023 - Tata Group said on Wednesday it will invest 4 billion pounds in a battery cell "
            f"gigafactory in Somerset, England. {after}")
    (ev,) = [e for e in _events(text, date(2023, 7, 20)) if e["kind"] == "project"]
    assert ("start", start) in _dates(ev) and ("announced", "2023-07-19") in _dates(ev)
    told = next(d for d in ev["evidence"]["dates"] if d["role"] == "start")
    assert text[told["start"]:told["end"]] == told["text"] and told["start"] > text.index(after)


def test_a_goal_or_a_past_start_told_after_a_plant_is_not_its_start():
    lead = ("LONDON, July 19, 2023 - Tata Group said on Wednesday it will invest 4 billion pounds in a battery cell "
            "gigafactory in Somerset, England. ")
    for after in ("It aims to reach full capacity in 2030.", "Its first plant in India started production in 2019."):
        (ev,) = [e for e in _events(lead + after, date(2023, 7, 20)) if e["kind"] == "project"]
        assert not any(role == "start" for role, _v in _dates(ev)), after


@pytest.mark.parametrize("after, signed", [
    ("The agreement was signed in Santiago on Nov. 21, 2018, by the foreign ministers.", "2018-11-21"),
    ("It was signed in Jerusalem in January 2019.", "2019-01"),
    ("Under the pact, signed in Hanoi in June last year, tariffs fall at once.", "2021-06"),
])
def test_a_pact_in_force_takes_its_signing_told_after_it_as_announced(after, signed):
    text = f"The free trade agreement between Brazil and Chile entered into force on 25 January 2022. {after}"
    (ev,) = [e for e in _events(text, date(2022, 1, 26)) if e["kind"] == "trade_agreement"]
    # (however long ago: the signing of a pact is its announcement, annotation guide)
    assert _dates(ev) == {("effective", "2022-01-25"), ("announced", signed)}


def test_a_signing_into_law_is_no_signing_of_the_pact():
    text = ("The free trade agreement between Brazil and Chile entered into force on 25 January 2022. President "
            "Bolsonaro signed into law on 3 January the decree that approved it.")
    (ev,) = [e for e in _events(text, date(2022, 1, 26)) if e["kind"] == "trade_agreement"]
    assert _dates(ev) == {("effective", "2022-01-25")}


def test_an_undated_fact_takes_the_recent_day_the_next_lines_of_its_paragraph_name():
    text = ("GRAPHITE MONITOR\n\nDFC backs Balama with a loan\n\nThe board of the US International Development "
            "Finance Corporation has approved a loan of up to US$150 million for Syrah Resources' Balama graphite "
            "mine in Mozambique. The approval was first disclosed in a White House statement on Saturday.")
    (ev,) = [e for e in _events(text, date(2023, 9, 11)) if e["kind"] == "project"]
    assert ("announced", "2023-09-09") in _dates(ev)
    # a day a year back, or one told in the next paragraph, is not its day
    for later in (text.replace("on Saturday", "on 9 September 2022"),
                  text.replace(" The approval", "\n\nThe approval")):
        (ev,) = [e for e in _events(later, date(2023, 9, 11)) if e["kind"] == "project"]
        assert not ev["dates"], later


@pytest.mark.parametrize("text, value", [
    ("signed in Hanoi in June last year", "2019-06"),
    ("agreed in March this year", "2020-03"),
    ("from January next year", "2021-01"),
    ("in June of last year", "2019-06"),
])
def test_a_month_of_a_year_told_relative_to_the_articles_is_one_date(text, value):
    (d,) = find_dates(text, date(2020, 8, 1))
    assert d.value == value and text[d.start:d.end] == d.text and d.text.endswith("year")


@pytest.mark.parametrize("text, value", [
    ("The Commission opened the investigation in April 2016 after an application lodged in February that year.",
     "2016-02"),
    ("It was signed on 3 May 2019 and ratified on 12 November the same year.", "2019-11-12"),
    ("Output began on 5 March 2015 and stopped on March 9 that year.", "2015-03-09"),
    ("The mine opened in June 2011 and closed in August of the same year.", "2011-08"),
])
def test_a_date_of_that_year_takes_the_year_told_before_it_not_the_articles(text, value):
    # (thirty-fourth pass: "February that year" was read as the article's February, a year late)
    *_, d = find_dates(text, date(2017, 4, 20))
    assert d.value == value and text[d.start:d.end] == d.text and d.text.endswith("year")


def test_a_date_of_that_year_with_no_year_told_before_it_is_no_date():
    assert find_dates("Talks began in March of that year.", date(2017, 4, 20)) == []


@pytest.mark.parametrize("words, when, value", [
    # a quarter or half of a year told relative to the article's (forty-fourth pass): the months, not the year alone
    ("in the fourth quarter of this year", date(2024, 5, 8), "2024-10/2024-12"),
    ("by the second half of next year", date(2024, 5, 8), "2025-07/2025-12"),
    # without its year: the one ahead (the current included) for what will come, the last begun for what was
    ("production will start in the second quarter", date(2024, 5, 8), "2024-04/2024-06"),
    ("production will start in the first quarter", date(2024, 5, 8), "2025-01/2025-03"),
    ("shipments resumed in the first quarter", date(2024, 5, 8), "2024-01/2024-03"),
    ("output was cut in the fourth quarter", date(2024, 2, 8), "2023-10/2023-12"),
])
def test_a_quarter_or_half_of_a_year_is_its_months(words, when, value):
    (d,) = find_dates(words, when)
    assert d.value == value and words.endswith(d.text)


@pytest.mark.parametrize("words", ["first-quarter results fell", "the first half of the plant was built",
                                   "a second half of the duty"])
def test_a_quarter_or_half_that_is_no_time_is_no_date(words):
    assert find_dates(words, date(2024, 5, 8)) == []
