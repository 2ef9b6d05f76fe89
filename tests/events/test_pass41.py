"""The forty-first pass's readings, each told in other words than the texts that called for them: a government's
money spread over many recipients is a programme; a standing body of several governments set up is their
cooperation; a government that funds or clears a project in its own land acts in it; a review's country-led
paragraph is an item of its own; a project's cost told with its site just after its news is its amount."""

from __future__ import annotations

from datetime import date

import pytest

from chokepoints.events import gazetteer as gz
from chokepoints.events.extract import extract
from chokepoints.events.readings import _PROGRAMME
from chokepoints.events.setting import capacity_told_after
from chokepoints.events.textindex import Index
from chokepoints.events.triggers import trigger_hits, triggers


def _kinds(sentence: str) -> list[tuple[str, str]]:
    found = triggers(sentence, 0, len(sentence), Index(sentence), trigger_hits(sentence))
    return [(kind, sub) for kind, sub, _s, _e in found]


def _events(text: str, day: date, kind: str):
    return [e for e in extract(text, day, weighed=False, detect=False) if e.kind == kind]


@pytest.mark.parametrize("sentence", [
    "The agency said it will distribute more than $12 million in 19 states for mapping of mineral districts.",
    "The president announced an investment package worth 2.1 billion euros for Namibia's hydrogen valleys.",
    "The export credit agency will offer guarantees to overseas battery minerals projects with UK buyers.",
])
def test_a_governments_money_spread_over_many_recipients_is_a_programme(sentence):
    assert _PROGRAMME.search(sentence)


def test_one_sites_grant_is_no_programme():
    assert not _PROGRAMME.search("The ministry will give Lithium Corp a $40 million grant for its Kings Mountain mine.")


@pytest.mark.parametrize("sentence", [
    "The two leaders set up a Japan-India Economic Security Council, to meet twice a year.",
    "Ministers from Chile and Peru established the Andean Lithium Forum on Friday.",
    "The five presidents signed the Astana Declaration on critical raw materials.",
])
def test_a_standing_body_set_up_by_several_governments_is_their_cooperation(sentence):
    assert ("cooperation", "") in _kinds(sentence)


def test_a_named_lending_programme_widened_is_a_strategy():
    sentence = "Ottawa announced a C$1 billion expansion of the Critical Minerals Infrastructure Fund on Monday."
    assert ("strategy", "") in _kinds(sentence)


def test_a_law_named_as_the_moneys_source_is_no_strategy_made():
    sentence = "The Pentagon announced a $12.5 million Defense Production Act Title III award to a magnet maker."
    assert ("strategy", "") not in _kinds(sentence)


@pytest.mark.parametrize("sentence, told", [
    ("From Monday exporters must pay a fee of 300 rupees per tonne on iron ore fines.", ("export_control", "tax")),
    ("The minister said the corporate tax rate for mining companies will rise to 32 percent.", ("strategy", "")),
    ("By Friday evening the smelter's production lines were all running again, the company said.", ("project", "")),
    ("The developer has signed loan facilities worth $250 million with two state banks for its nickel plant.",
     ("project", "")),
    ("Chinese fund drops $1.2 billion stake in US chip tester after CFIUS opens review", ("strategy", "screening")),
])
def test_the_forms_read_this_pass(sentence, told):
    assert told in _kinds(sentence)


def test_a_bare_levy_beside_an_export_duty_is_an_export_tax():
    kinds = _kinds("Vietnam raises export duties on manganese ore, slaps 5% levy on zinc concentrate")
    assert kinds and all(k == ("export_control", "tax") for k in kinds)
    assert ("tariff", "") in _kinds("India cuts export duties on steel, slaps 10% levy on coking coal imports")


def test_a_government_that_funds_a_project_in_its_land_is_its_actor():
    text = ("MONTREAL - Swedish battery maker Polarcell will build a C$5 billion cell plant near Sherbrooke, Canada, "
            "the company said on Tuesday, with the federal and Quebec governments covering part of the cost.")
    plants = _events(text, date(2024, 3, 5), "project")
    assert plants and plants[0].values("actors") == ["CAN"] and plants[0].values("targets") == ["CAN"]


def test_a_private_project_without_its_government_has_no_actor():
    text = ("MONTREAL - Swedish battery maker Polarcell will build a C$5 billion cell plant near Sherbrooke, Canada, "
            "the company said on Tuesday.")
    plants = _events(text, date(2024, 3, 5), "project")
    assert plants and plants[0].values("actors") == []


def test_the_same_summit_gives_the_gatherings_day():
    text = ("At their summit in Tokyo on Tuesday, Japan and Australia agreed to cut tariffs on beef and cars. "
            "The same summit set up a Japan-Australia Minerals Council to coordinate stockpiles.")
    bodies = _events(text, date(2024, 7, 12), "cooperation")
    assert bodies and ("announced", "2024-07-09") in [(d.role, d.value) for d in bodies[0].dates]


def test_a_review_paragraph_led_by_its_country_is_an_item_of_its_own():
    text = ("Markets. Lithium prices fell again.\n\nChile: strike at a copper mine. Workers walked out on Monday.")
    ix = Index(text)
    at = text.index("Chile:")
    assert ix.item_break(at - 2, at + 10)
    qa = "Q: What changed?\n\nA: The duty doubled."
    assert not Index(qa).item_break(0, len(qa))


def test_a_projects_cost_told_with_its_site_just_after_is_its_amount():
    text = ("Glencore said on Monday it had started production at its Koniambo nickel smelter in New Caledonia. "
            "The $4.5 billion plant was built with the province's development company.")
    plants = _events(text, date(2013, 4, 15), "project")
    assert plants
    for ev in plants:  # (extract reads it already; read again, it adds nothing twice)
        capacity_told_after([ev], text)
    assert (4500, "MUSD") in [f.value for f in plants[0].magnitude]


def test_anglo_american_is_a_company_not_the_united_states():
    places = gz.find_places("Anglo American Platinum said its Mogalakwena mine in South Africa was running.")
    assert "USA" not in [p.value for p in places]
