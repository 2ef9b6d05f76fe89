"""The fortieth pass's readings, each told in other words than the texts that called for them: a decision imposed
"immediately" and a measure in force from its publication date the day they were taken; a project's start told
after a bare agreement that names no party is still the project's."""

from __future__ import annotations

from datetime import date

from chokepoints.events.dates import find_dates
from chokepoints.events.extract import extract


def _dates(text: str, day: date) -> list[tuple[str, str]]:
    return [(d.role, d.value) for d in find_dates(text, day)]


def test_an_immediate_ban_takes_effect_the_day_it_is_imposed():
    text = "Lusaka, 3 March 2021 - The cabinet imposes an immediate ban on the export of copper cathode offcuts."
    assert ("effective", "2021-03-03") in _dates(text, date(2021, 3, 4))


def test_an_immediate_halt_called_for_is_no_date():
    assert _dates("Residents called for an immediate halt to blasting at the quarry.", date(2021, 3, 4)) == []


def test_a_measure_in_force_on_its_publication_is_effective_the_day_named_after_it():
    # a report of Thursday 14 March 2024: the Tuesday of that week, not the next
    text = "The duties took effect on their publication in the Official Gazette on Tuesday."
    assert _dates(text, date(2024, 3, 14)) == [("effective", "2024-03-12")]


def test_a_measure_in_force_with_its_publication_that_day_is_effective_that_day():
    text = "The order, dated 9 May, took effect with its publication that day."
    assert ("effective", "2024-05-09") in _dates(text, date(2024, 5, 13))


def test_a_start_told_after_a_bare_agreement_is_the_projects():
    text = ("OSAKA, May 8, 2024 - Kansai Power Devices said on Wednesday it will buy a disused glass factory in "
            "Shiga prefecture and turn it into a plant for gallium nitride power chips.\n\n"
            "Kansai Power Devices signed a basic agreement with the seller, a unit of a paper maker, covering the "
            "land and buildings. It plans to start operations there in 2026.")
    plants = [e for e in extract(text, date(2024, 5, 8), weighed=False, detect=False) if e.kind == "project"]
    assert plants and ("start", "2026") in [(f.role, f.value) for f in plants[0].dates]


def test_a_duty_first_collected_on_a_day_is_in_force_that_day():
    text = ("Ghana began collecting a 15% levy on exports of unprocessed manganese ore shipped through Takoradi on "
            "Monday.")
    assert _dates(text, date(2024, 6, 5)) == [("effective", "2024-06-03")]


def test_a_plant_that_began_production_on_a_weekday_started_that_day():
    text = ("LIMA, June 14 - Minera Andina began production at its Quellaveco-style open-pit copper mine in the "
            "southern Andes of Peru on Tuesday, in a ceremony attended by the energy minister.")
    mines = [e for e in extract(text, date(2024, 6, 14), weighed=False, detect=False) if e.kind == "project"]
    assert mines and [(f.role, f.value) for f in mines[0].dates] == [("start", "2024-06-11")]


def test_a_plant_struck_on_a_weekday_was_halted_that_day():
    text = ("Kioxia said a fire early on Thursday halted production at its Kitakami memory chip plant in Iwate "
            "prefecture.")
    halts = [e for e in extract(text, date(2024, 6, 14), weighed=False, detect=False)
             if e.kind == "supply_disruption"]
    assert halts and ("start", "2024-06-13") in [(f.role, f.value) for f in halts[0].dates]


def _kinds(sentence: str) -> list[tuple[str, str]]:
    from chokepoints.events.textindex import Index
    from chokepoints.events.triggers import trigger_hits, triggers
    return [(k, sub) for k, sub, _a, _b in triggers(sentence, 0, len(sentence), Index(sentence),
                                                      trigger_hits(sentence))]


def test_a_plant_no_longer_producing_or_shut_or_kept_on_care_and_maintenance_is_halted():
    for sentence in ("The 600,000 tonne-a-year smelter near Sohar, which turns alumina into aluminium, is no longer "
                     "producing.",
                     "Boliden's zinc refinery at Odda, which has capacity of 200,000 tonnes a year, is also shut.",
                     "Glencore said it would place the Lomas Bayas copper mine on care-and-maintenance status."):
        assert ("supply_disruption", "") in _kinds(sentence), sentence


def test_a_buyer_barred_or_stopped_from_acquiring_is_an_investment_screened_out():
    for sentence in ("An order signed by the treasurer on Friday bars Tianqi Holdings from acquiring a further 15% of "
                     "Kwinana Lithium.",
                     "Rome used its golden power rules to stop Shenzhen Yinghe Technology & Partners from buying the "
                     "Turin battery line."):
        assert ("strategy", "screening") in _kinds(sentence), sentence


def test_a_national_mining_company_created_is_a_strategy():
    assert ("strategy", "") in _kinds("Chile will create a national lithium company to develop its salt flats.")


def test_a_plan_the_g7_adopts_is_cooperation():
    text = "G7 energy ministers meeting in Turin on Tuesday adopted an action plan on critical minerals supply."
    events = extract(text, date(2024, 4, 30), weighed=False, detect=False)
    assert [e.kind for e in events] == ["cooperation"] and events[0].values("actors") == ["G7"]


def test_a_mining_tax_and_a_duty_take_the_rates_told_after_them():
    tax = ("Mongolia's parliament on Friday adopted a new royalty on copper concentrate exports.\n\n"
           "Under the law, rates rising from 5% to 30% apply as the copper price climbs.")
    duty = ("Canada imposed anti-dumping duties on steel wire from Vietnam on Tuesday.\n\n"
            "The tribunal found dumping margins between 4.2 per cent and 38.5 per cent across the exporters.")
    assert {5.0, 30.0} <= set().union(*[{f.value[0] for f in e.magnitude}
                                        for e in extract(tax, date(2024, 5, 3), weighed=False, detect=False)])
    assert {4.2, 38.5} <= set().union(*[{f.value[0] for f in e.magnitude}
                                        for e in extract(duty, date(2024, 5, 3), weighed=False, detect=False)])


def test_a_plant_shut_that_plans_to_resume_is_a_halt_with_its_end():
    text = ("Boliden's zinc refinery at Kokkola in Finland, which has capacity of 300,000 tonnes of zinc a year, is "
            "also shut but plans to resume production in April, the company said.")
    events = extract(text, date(2024, 3, 20), weighed=False, detect=False)
    assert [e.kind for e in events] == ["supply_disruption"]
    assert ("end", "2024-04") in [(f.role, f.value) for f in events[0].dates]


def test_two_plants_of_other_capacities_are_two_halts():
    text = ("Onahama Smelting's plant in Japan, which can turn out 300,000 tonnes of copper a year, has been halted "
            "since the quake. Pan Pacific Copper's refinery at Saganoseki in Japan, with capacity of 217,000 tonnes of "
            "copper a year, is also shut.")
    halts = [e for e in extract(text, date(2011, 3, 31), weighed=False, detect=False)
             if e.kind == "supply_disruption"]
    assert len(halts) == 2


def test_a_fund_or_a_financing_facility_set_up_is_a_strategy():
    for sentence in ("The Export-Import Bank of Korea said on Monday it will create a 300 billion won fund to invest "
                     "in battery minerals.",
                     "Japan launched a 50 billion yen Critical Minerals Financing Facility on Wednesday."):
        assert ("strategy", "") in _kinds(sentence), sentence
