"""The thirty-fifth pass's readings, each told in other words than the texts that called for them: supply agreements
and sums to invest as projects, a licence granted to a supplier and a blacklist as export controls, a first meeting
as cooperation, an investment blocked as screening, a market's holiday as no halt, a restart kept a restart, and the
day a measure takes effect "the same day"."""

from __future__ import annotations

from datetime import date

import pytest
from test_triggers import _kinds  # (the rules' own reading, as in the other passes' trigger tests)

from chokepoints.events import readings
from chokepoints.events.dates import find_dates
from chokepoints.events.facts import Event, Fact


@pytest.mark.parametrize("text", [
    "Arcadia Minerals has signed a binding agreement to supply Panasonic with spodumene from its Kenyan mine.",
    "Korea Zinc entered into a five-year agreement for the supply of nickel sulphate to a Hungarian cathode maker.",
    "Talison agreed a new offtake agreement with Ford for lithium concentrate from Western Australia.",
])
def test_a_supply_agreement_is_a_project_not_a_trade_pact(text):
    kinds = [k for k, _s in _kinds(text)]
    assert "project" in kinds and "trade_agreement" not in kinds


def test_an_offtake_agreement_told_before_is_no_new_project():
    # "sold under the offtake agreement": the agreement the story already told, not a new one
    assert _kinds("Later cargoes will be sold to Albemarle under the offtake agreement, the company said.") == []


@pytest.mark.parametrize("text", [
    "Samsung will invest more than 20 trillion won over five years to expand its chip packaging lines in Cheonan.",
    "Albemarle will invest about EUR 5 billion to expand its lithium operations in Germany, the company said on "
    "Monday.",
    "GlobalWafers said on Tuesday it had opened the $3 billion expansion of its wafer campus in Texas.",
])
def test_a_sum_to_invest_or_an_expansion_opened_is_a_project(text):
    assert ("project", "") in _kinds(text)


def test_a_total_invested_so_far_is_no_project():
    assert _kinds("Japanese firms have invested US$2.1 billion in Chile's lithium sector since 2010.") == []


@pytest.mark.parametrize("text", [
    "Micron said it had received licences from the US Commerce Department to keep supplying some memory chips to "
    "Huawei.",
    "SK hynix has been granted a waiver authorisation by the Commerce Department for its plant in Wuxi, China.",
    "Washington blacklists seven Chinese supercomputing firms over military links.",
])
def test_a_licence_granted_to_a_supplier_or_a_blacklist_is_an_export_control(text):
    assert "export_control" in [k for k, _s in _kinds(text)]


def test_a_licence_refused_with_grant_no_is_still_the_measure():
    # "would grant no new arms export licences": the halt of licensing itself, not a denial of one
    assert "export_control" in [k for k, _s in _kinds(
        "Denmark said on Tuesday it would grant no new arms export licences for Turkey.")]


def test_a_joint_taskforce_meeting_for_the_first_time_is_cooperation():
    assert ("cooperation", "") in _kinds("The Japan-Canada Working Group on Critical Minerals held its first meeting "
                                         "in Ottawa on Monday.")


def test_an_investment_blocked_is_screening():
    assert ("strategy", "screening") in _kinds(
        "Canada's cabinet has blocked a Chinese state-owned company's $12 million investment in a Quebec lithium "
        "explorer.")
    assert ("strategy", "screening") in _kinds(
        "The minister issued an order prohibiting Jiangsu Northern Light Holdings Limited from acquiring the firm.")


def test_dual_use_items_are_an_export_control():
    assert ("export_control", "licence") in _kinds(
        "The EU's Regulation 2021/821, the recast of the bloc's regime for dual-use items, applies from 9 September.")


def test_a_market_closed_for_a_holiday_is_no_halt():
    assert _kinds("Tokyo remains shut for the Golden Week holidays, leaving trade thin.") == []


@pytest.mark.parametrize("text", [
    "Congo will halt artisanal copper and cobalt processing in Lualaba province.",
])
def test_a_halt_of_processing_named_by_four_words_is_a_halt(text):
    assert ("supply_disruption", "") in _kinds(text)


def test_a_restart_is_not_rekinded_as_a_halt():
    # the classifier reads "reopened the mine that closed in 2008" as a disruption; the verb is the news
    text = "The president officially reopened the Kabwe zinc mine on Tuesday, ten years after it closed."
    at = text.index("reopened")
    ev = Event(kind="project", subkind="", trigger=Fact("project", at, at + 8, "reopened", "rules"))
    assert readings._restart(text, ev)
    ev.kind = "supply_disruption"
    assert not readings._restart(text, ev)


@pytest.mark.parametrize("text, effective", [
    ("The state government on Tuesday restored its ban on uranium mining, with effect from the same day.",
     "2017-06-20"),
    ("The cabinet on 3 May approved the levy, effective that day.", "2017-05-03"),
])
def test_the_same_day_is_the_day_of_the_decision_told_before_it(text, effective):
    assert ("effective", effective) in [(d.role, d.value) for d in find_dates(text, date(2017, 6, 21))]


def test_a_past_verb_before_to_makes_a_weekday_past():
    # "closed its border crossings to freight trucks on Monday": "to freight" is no infinitive of a plan
    (d,) = find_dates("Mongolia closed its border crossings to freight trucks on Monday.", date(2020, 2, 13))
    assert d.value == "2020-02-10"
    (d,) = find_dates("Toyota to halt all Japan car plants on Tuesday", date(2020, 2, 13))
    assert d.value == "2020-02-18"


def test_a_restarts_kind_is_viewed_as_the_better_of_project_and_halt():
    # the classifier reads "returning the mine to production after a decade on care and maintenance" as a halt's words
    text = ("The president on Tuesday officially reopened the Kabwe zinc mine, returning it to production after it "
            "spent most of the past decade on care and maintenance.")
    at = text.index("reopened")
    restart = Event(kind="project", subkind="", trigger=Fact("project", at, at + 8, "reopened", "rules"))
    halt = Event(kind="supply_disruption", subkind="", trigger=Fact("supply_disruption", at, at + 8, "reopened",
                                                                    "rules"))
    assert readings.views(text, [restart])[0, 1] >= readings.views(text, [halt])[0, 1]


def test_a_law_named_under_which_an_order_is_made_is_no_new_law():
    # "under the National Security and Investment Act": the law's name begins before the capitalised run of "Act"
    assert _kinds("The minister on Wednesday issued a final order under the National Security and Investment Act "
                  "prohibiting Jiangsu Northern Light Holdings Limited from acquiring the firm.") == \
        [("strategy", "screening")]
