"""The thirty-eighth pass's readings, each told in other words than the texts that called for them: a halt at ports,
railways or a border crossing is a supply disruption though it names no material; a fact told on by where it came
from takes no date from that sentence; "the same afternoon" is the day named before; and an American town with its
state's abbreviation is in the United States, known to the gazetteer or not."""

from __future__ import annotations

from datetime import date

import pytest

from chokepoints.events.extract import candidates, extract
from chokepoints.events.gazetteer import find_places

DAY = date(2024, 3, 22)


@pytest.mark.parametrize("text", [
    "Dockworkers walked off the job at the ports of Durban and Richards Bay in South Africa on Monday.",
    "Freight traffic on Canada's main railways came to a halt on Thursday after a lockout.",
    "Port workers went on strike at the container terminals of Durban in South Africa on Monday.",
])
def test_a_halt_at_ports_railways_or_border_crossings_is_a_supply_disruption(text):
    assert "supply_disruption" in [e.kind for e in extract(text, DAY, weighed=False, detect=False)]


def test_a_halt_of_nothing_the_chains_move_through_is_still_no_disruption():
    text = "Workers at the country's banks walked off the job in Brazil on Monday."
    assert "supply_disruption" not in [e.kind for e in extract(text, DAY, weighed=False, detect=False)]


def test_the_sentence_that_tells_a_facts_origin_gives_it_no_date():
    text = ("Ministers of Peru and Korea signed a memorandum on critical minerals in Lima, the ministry said.\n\n"
            "The memorandum results from talks begun by the then trade minister in Seoul in 2019.")
    events = [e for e in extract(text, DAY, weighed=False, detect=False) if e.kind == "cooperation"]
    assert events and all("2019" not in d.value for e in events for d in e.dates)


def test_the_same_afternoon_is_the_day_named_before():
    text = ("Zambia's mines minister on 12 March 2024 released a new critical minerals strategy.\n\n"
            "The same afternoon, the minister tabled Bill 7, the Mineral Resources Act, in the assembly.")
    act = [e for e in candidates(text, DAY) if "Act" in e.trigger.text]
    assert [(d.value, d.text) for e in act for d in e.dates] == [("2024-03-12", "The same afternoon")]


@pytest.mark.parametrize(("text", "town"), [
    ("CLARKSVILLE, Tenn. - LG Chem broke ground on a cathode plant on Tuesday.", "CLARKSVILLE, Tenn."),
    ("The company will build the plant near Goodyear, Ariz., by 2026.", "Goodyear, Ariz."),
    ("Paris, Tex., is a small town.", "Paris, Tex."),
])
def test_an_american_town_with_its_state_is_in_the_united_states(text, town):
    assert [(m.value, m.text) for m in find_places(text) if m.text == town] == [("USA", town)]


def test_element_symbols_after_a_comma_are_no_state():
    assert find_places("The alloy holds Cu, Mo. and Ga. in small amounts.") == []


def test_a_bill_of_congress_passed_by_its_number_is_an_american_strategy():
    events = extract("The House has passed H.R. 3070 by 240 votes to 175.", DAY, weighed=False, detect=False)
    assert [(e.kind, e.values("actors")) for e in events] == [("strategy", ["USA"])]


@pytest.mark.parametrize("text", [
    "Micron said on Tuesday it would invest $15 billion in new production lines at its Boise site in Idaho.",
    "CATL will invest 7.3 billion euros in a new plant in Debrecen, Hungary.",
])
def test_what_a_chipmaker_or_a_cell_maker_builds_is_a_project_without_a_listed_material(text):
    assert "project" in [e.kind for e in extract(text, DAY, weighed=False, detect=False)]


def test_a_firm_outside_the_chains_building_lines_is_no_project():
    text = "Nestle said on Tuesday it would invest $15 billion in new production lines at its site in Idaho."
    assert "project" not in [e.kind for e in extract(text, DAY, weighed=False, detect=False)]
