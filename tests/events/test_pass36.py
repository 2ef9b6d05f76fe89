"""The thirty-sixth pass's readings, each told in other words than the texts that called for them: foreign
investments that will need approval as screening, a measure told as one more ("also", "separately") kept as news
without a date of its own, a pact's signing kept with its entry into force however long before it was signed,
and principles or a declaration that several governments' leaders endorse or adopt as cooperation."""

from __future__ import annotations

from datetime import date

import pytest
from test_triggers import _kinds  # (the rules' own reading, as in the other passes' trigger tests)

from chokepoints.events.discourse import LEAD
from chokepoints.events.extract import candidates, extract
from chokepoints.events.facts import Event, Fact
from chokepoints.events.newsworthy import anchored


@pytest.mark.parametrize("text", [
    "Every foreign investment in Canadian critical minerals firms will now need approval from the industry minister, "
    "Ottawa said on Tuesday.",
    "Investors from neighbouring states will require prior government approval before acquiring stakes in Philippine "
    "mining companies.",
])
def test_foreign_investments_that_will_need_approval_are_screening(text):
    assert ("strategy", "") in _kinds(text)


def test_a_control_on_exports_that_need_approval_stays_a_control():
    kinds = [k for k, _s in _kinds("Exports of tungsten will need approval from the ministry from 1 August, Beijing "
                                   "said.")]
    assert kinds == ["export_control"]


def _reference(another: bool, actors: bool) -> Event:
    # a measure told far below the lead, with neither a date nor an amount of its own
    at = LEAD + 2000
    trig = Fact("export_control", at, at + 9, "suspended")
    return Event("export_control", "", trig, actors=[Fact("CAN", at - 7, at - 1, "Canada")] if actors else [],
                 span=(at - 10, at + 80), another=another)


def test_a_measure_told_as_one_more_by_a_named_government_is_news_without_a_date():
    assert anchored(_reference(another=True, actors=True))
    # (a reference still needs a date or an amount: "Rio Tinto, which is developing the Rincon project")
    assert not anchored(_reference(another=False, actors=True))
    assert not anchored(_reference(another=True, actors=False))


def test_a_pact_in_force_keeps_its_signing_however_old():
    text = ("The free trade agreement between Peru and Honduras, signed in May 2015, enters into force on 1 January, "
            "the trade ministry said on Monday.")
    (pact,) = [e.to_dict() for e in extract(text, date(2017, 12, 18))]
    assert {"role": "announced", "value": "2015-05"} in pact["dates"]
    assert {"role": "effective", "value": "2018-01-01"} in pact["dates"]


def test_a_measure_not_in_force_loses_a_date_over_a_year_old():
    text = "India raised its import duty on gold to 15% on Friday, after a cut in July 2019, the ministry said."
    (duty,) = [e.to_dict() for e in extract(text, date(2022, 7, 2)) if e.kind == "tariff"]
    assert all(not d["value"].startswith("2019") for d in duty["dates"])


@pytest.mark.parametrize("text", [
    "Leaders of the Quad endorsed a joint statement on critical minerals supply chains in Sydney on Saturday.",
    "ASEAN energy ministers adopted the Kuala Lumpur Declaration on Critical Minerals Cooperation on Tuesday.",
    # (a word no other cooperation phrase holds: the pattern's gate words must hold it too, or it is never tried)
    "President Lula and Prime Minister Kishida endorsed the Brazil-Japan Vision 2035 in Brasilia on Friday.",
])
def test_what_several_governments_leaders_endorse_or_adopt_together_is_cooperation(text):
    (ev,) = [e for e in candidates(text, date(2024, 6, 3)) if e.kind == "cooperation"]
    assert len(set(ev.values("actors"))) >= 2


def test_one_body_endorsing_a_plan_is_no_pact():
    assert _kinds("The board endorsed the plan on Tuesday, the company said.") == []

