"""The forty-fourth pass's readings, each told in other words than the texts that called for them: the entities a
listing names by their country are its targets; a new source's country shipping its first cargo is its target.
(The pass's fitted readings, amounts and a story's announced day from the sentences around an event, are in
test_neighbours; a quarter or half of a year in test_event_dates.)"""

from __future__ import annotations

from datetime import date

import pytest

from chokepoints.events.extract import extract

DAY = date(2021, 4, 9)


def _roles(text: str) -> list[tuple[list[str], list[str]]]:
    # (the rules and their readers only: the classifier and the value filter are tested apart)
    return [(e.values("actors"), e.values("targets")) for e in extract(text, DAY, weighed=False, detect=False)]


@pytest.mark.parametrize("text, actors, targets", [
    ("The Commerce Department on Thursday added seven Chinese supercomputing entities to the Entity List.",
     ["USA"], ["CHN"]),
    ("Washington put five Russian research institutes on its Entity List on Thursday.", ["USA"], ["RUS"]),
    ("BIS added 14 Chinese and three Pakistani firms to the Entity List on Thursday.", ["USA"], ["CHN", "PAK"]),
])
def test_the_entities_a_listing_names_by_their_country_are_its_targets(text, actors, targets):
    assert _roles(text) == [(actors, targets)]


def test_a_country_whose_firms_a_control_binds_without_a_list_is_read_as_before():
    # (no list named: who the firms are is left to the rules it was left to)
    before = _roles("Chinese exporters of gallium will need licences from Thursday, the commerce ministry said.")
    assert all("CHN" not in t for _a, t in before)


@pytest.mark.parametrize("text, actors, targets", [
    ("Tonga shipped its first cargo of nickel ore to Japan on Thursday.", ["JPN"], ["TON"]),
    ("Kenya sent its first cargo of copper concentrate abroad on Thursday, the mines ministry said.", [], ["KEN"]),
    ("The first cargo of spodumene left Ghana on Thursday, bound for a buyer in China.", ["CHN"], ["GHA"]),
])
def test_a_new_sources_country_shipping_its_first_cargo_is_its_target(text, actors, targets):
    assert _roles(text) == [(actors, targets)]
