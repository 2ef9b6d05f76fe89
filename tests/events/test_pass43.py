"""The forty-third pass's readings, each told in other words than the texts that called for them: a chain of metals
naming a cathode or an ore; a digest's item as a story of its own; a halted facility; a halt "confirmed" on a day as
said then; a discovery presented as someone else calls it; goods sold below fair value as a dumping finding."""

from __future__ import annotations

from datetime import date

from sentence_triggers import trigger_kinds as _kinds

from chokepoints.events import gazetteer as gz
from chokepoints.events.dates import find_dates
from chokepoints.events.extract import extract


def _materials(text: str) -> list[str]:
    return [m.value for m in gz.find_materials(text)]


def test_a_chain_of_metals_names_each_of_them():
    assert _materials("a plant making nickel-manganese-cobalt precursor") == ["nickel", "manganese", "cobalt"]
    assert _materials("a lithium-nickel-manganese-cobalt cathode") == ["lithium", "nickel", "manganese", "cobalt"]
    # a chain ending in another word is a product's name, no material (nor one holding a metal outside the
    # reference, as a pair of them was read before)
    assert _materials("a copper-gold-molybdenum porphyry") == [] == _materials("a copper-gold porphyry")
    assert _materials("lithium-ion cells") == [] and _materials("cobalt-lithium-ion packs") == []


def test_a_digest_item_takes_its_place_from_itself_not_from_the_item_above():
    text = ("Metals monthly: a mixed month for builders\nReview published 3 June 2024\n\n"
            "Chinese smelters kept running hard all month.\n\n"
            "1. Chile's lithium auction draws bids\n\n"
            "Chile's mining ministry received six bids for lithium contracts in the Atacama.\n\n"
            "2. Umicore pauses cathode plant\n\n"
            "Umicore said on Friday it had paused construction of its cathode plant near Loyalist, "
            "citing weak demand for electric vehicles. The plant was to supply carmakers in Canada.\n")
    halts = [e for e in extract(text, date(2024, 6, 3)) if e.kind == "supply_disruption"]
    assert halts and halts[0].values("targets") == ["CAN"]


def test_a_halted_facility_is_a_plant_stopped():
    text = ("Thai floods: an update\nBANGKOK, 14 October 2011\n\n"
            "Hard disk maker Western Digital said water had forced a halt to output at its main facility in "
            "Bang Pa-in, north of Bangkok, on Thursday.\n")
    halts = [e for e in extract(text, date(2011, 10, 14)) if e.kind == "supply_disruption"]
    # read by the rules from the halt's own words (before, only the classifier's reading of the whole sentence)
    assert [(e.read_by, e.trigger.text, e.values("targets")) for e in halts] == [("rules", "halt to output", ["THA"])]


def test_a_halt_confirmed_on_a_day_was_announced_then():
    text = ("Miner to idle uranium plant\nSYDNEY, 20 March 2014\n\n"
            "Paladin Energy confirmed on Tuesday that it will suspend production at its Kayelekera uranium mine in "
            "Malawi and place it on care and maintenance.\n")
    halt = next(e for e in extract(text, date(2014, 3, 20)) if e.kind == "supply_disruption")
    assert ("announced", "2014-03-18") in {(d.role, d.value) for d in halt.dates}


def test_a_discovery_presented_as_another_calls_it_is_a_find():
    assert "new_source" in _kinds("The company presented what Sweden's survey calls the largest rare earth "
                                  "discovery in Europe.")
    assert "new_source" not in _kinds("The company presented its annual report on Tuesday.")


def test_goods_sold_below_fair_value_is_a_dumping_finding():
    assert "tariff" in _kinds("Commerce said on Tuesday that Turkish mills sold rebar in the United States below "
                              "fair value.")


def test_what_a_measure_may_bring_about_is_no_measure_of_its_own():
    text = ("MANILA, 3 March 2014 - The Philippine Senate has passed a mining bill that obliges miners to smelt nickel "
            "ore at home, a step that could in time restrict exports of raw ore to China.\n")
    # (the rules' reading, before any weighing: the reading is under test)
    events = extract(text, date(2014, 3, 3), weighed=False)
    assert [e.kind for e in events] == ["strategy"] and "nickel" in events[0].values("materials")


def test_a_measure_a_ruling_finds_unlawful_is_the_rulings_subject():
    text = ("GENEVA, 5 May 2016 - A World Trade Organization panel ruled on Thursday that Ukraine's export duties on "
            "scrap metal breach its accession commitments.\n")
    assert not [e for e in extract(text, date(2016, 5, 5)) if e.kind == "export_control"]


def test_a_month_named_from_the_articles_is_a_date():
    def values(s: str) -> list[str]:
        return [d.value for d in find_dates(s, date(2023, 8, 3))]

    assert values("The fund committed $80 million to the smelter last December.") == ["2022-12"]
    assert values("The quota system starts next January.") == ["2024-01"]
    assert values("Output resumed last August.") == ["2022-08"] and values("Output resumes next August.") == ["2024-08"]
    assert values("This may take effect soon, the minister said.") == []  # (the verb, not the month)
