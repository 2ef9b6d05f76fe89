"""The thirty-seventh pass's readings, each told in other words than the texts that called for them: a law's royal
assent and a mining code promulgated under its number as strategies, an export tax removed with its goods told
between, subsidies to firms at large as a programme (a named firm's stay a project), a plant dropped as a
disruption, and a battery chain's own plants (cathode, anode, precursor) as projects without a listed material."""

from __future__ import annotations

from datetime import date

import pytest
from test_triggers import _kinds  # (the rules' own reading, as in the other passes' trigger tests)

from chokepoints.events.extract import extract

DAY = date(2024, 3, 22)


@pytest.mark.parametrize("text", [
    "Australia's Critical Minerals Bill received Royal Assent on Thursday.",
    "The Foreign Acquisitions Amendment Bill was granted royal assent yesterday, Canberra said.",
])
def test_a_law_given_royal_assent_is_a_strategy(text):
    assert ("strategy", "") in _kinds(text)


def test_a_mining_code_promulgated_under_its_number_is_a_strategy():
    text = "Guinea's president on Monday promulgated Decree No. 2011/218 adopting the revised Mining Code."
    assert ("strategy", "") in _kinds(text)


def test_an_export_tax_removed_with_its_goods_told_between_is_lifted():
    for text in ("Jakarta has scrapped the 10% duty imposed on nickel pig iron exports.",
                 "The ministry removed the levy that had been charged on raw bauxite exports."):
        assert ("export_control", "suspension") in _kinds(text)


def test_subsidies_to_firms_at_large_are_a_programme_and_to_a_named_firm_a_project():
    assert ("strategy", "") in _kinds("Seoul will offer subsidies to domestic manufacturers that recycle lithium.")
    assert ("strategy", "") not in _kinds("Tokyo will pay subsidies to Rapidus for its Hokkaido chip fab.")
    assert "project" in [k for k, _s in _kinds("Tokyo will pay subsidies to Rapidus for its Hokkaido chip fab.")]


@pytest.mark.parametrize("text", [
    "Freyr drops its Mo i Rana plant in Norway as US push takes priority",
    "Northvolt dropped its planned cathode plant in Sweden, the company said.",
])
def test_a_plant_dropped_is_a_disruption(text):
    assert "supply_disruption" in [k for k, _s in _kinds(text)]


@pytest.mark.parametrize("text", [
    "Output dropped by 10 percent at the Kwinana plant in March.",
    "Shares dropped to a record low after the plant's results.",
])
def test_output_or_shares_that_dropped_at_a_plant_are_no_disruption(text):
    assert "supply_disruption" not in [k for k, _s in _kinds(text)]


@pytest.mark.parametrize("text", [
    "Ecopro said on Monday it will build a cathode plant in Debrecen, Hungary, worth about 1 billion euros.",
    "Posco Future M broke ground on Wednesday on an anode materials plant in Sejong, South Korea.",
])
def test_a_battery_chains_own_plant_is_a_project_without_a_listed_material(text):
    assert "project" in [e.kind for e in extract(text, DAY)]


@pytest.mark.parametrize("text", [
    "Umicore said it had stopped its cathode subsidiary's plant in Cheonan, South Korea, after the fire.",
    "Output at two of its smelters in Yunnan, China, was halted after the floods.",
    "Operations at several of its mines in Chile's Atacama region were suspended after the storm.",
    "Northvolt will no longer make cathode material at its plant in Skelleftea, Sweden, the company said.",
    "Panasonic is dissolving its joint venture with Tesla to build a battery factory in Japan.",
    "Freyr will cut spending on its planned battery plant in Norway next year.",
    "The company said the start-up of its lithium hydroxide plant in Australia would slip into 2026.",
])
def test_a_site_stopped_or_given_up_in_other_words_is_a_disruption(text):
    assert "supply_disruption" in [k for k, _s in _kinds(text)]


@pytest.mark.parametrize("text", [
    "Traders stopped buying from the plant in Chile after prices fell.",
    "Lithium prices slipped to a two-year low in China on Monday.",
])
def test_buying_stopped_or_prices_slipped_are_no_disruption(text):
    assert "supply_disruption" not in [k for k, _s in _kinds(text)]


@pytest.mark.parametrize("text", [
    "US orders Chinese investor to divest its stake in a Texas gallium maker within 120 days",
    "Zijin has dropped its proposed takeover of a Canadian lithium miner after Ottawa ordered a national security "
    "review.",
    "The Chinese buyer abandoned its plan to take control of the German chip equipment maker after Berlin failed to "
    "clear the deal.",
])
def test_a_divestment_ordered_or_a_deal_given_up_after_screening_is_screening(text):
    assert ("strategy", "screening") in _kinds(text)


def test_a_deal_given_up_for_other_reasons_is_no_screening():
    assert ("strategy", "screening") not in _kinds("Glencore dropped its proposed takeover of Teck after shareholders "
                                                   "rejected the price.")


def test_a_flood_of_cheap_supply_is_no_flood():
    assert "supply_disruption" not in [k for k, _s in _kinds(
        "Nickel miners in Western Australia have been hit by a flood of cheap imports from Indonesia.")]
    flooded = "The Grasberg mine in Indonesia was hit by a flood on Monday."
    assert "supply_disruption" in [k for k, _s in _kinds(flooded)]
