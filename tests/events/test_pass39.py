"""The thirty-ninth pass's readings, each told in other words than the texts that called for them: the rates a duty
sets for each exporter or product, told after it in sentences or list items of their own, are its amounts; a rate a
case had before, or one that stands beside the news, is not."""

from __future__ import annotations

from datetime import date

from chokepoints.events.extract import extract

DAY = date(2024, 3, 22)


def _rates(text: str) -> list[set[float]]:
    return [{f.value[0] for f in e.magnitude if f.value[1] == "%"}
            for e in extract(text, DAY, weighed=False, detect=False) if e.kind == "tariff"]


def test_each_exporters_rate_told_after_the_duty_is_its_amount():
    text = ("India imposed anti-dumping duties on aluminium foil from China on Thursday, the finance ministry said.\n\n"
            "Jiangsu Dingsheng faces a rate of 12.4%, Henan Mingtai 18.2% and all other Chinese exporters 39.9%.")
    assert {12.4, 18.2, 39.9} <= set().union(*_rates(text))


def test_a_list_of_rates_after_the_duty_is_read_to_its_last_item():
    text = ("Brazil imposed anti-dumping duties on steel wire from China and Vietnam on Monday. The rates:\n\n"
            "- Hunan Valin Wire Products: 8.5%\n"
            "- other cooperating Chinese producers: 14.2%\n"
            "- Vietnam Steel Wire Corp.: 6.1%\n"
            "- Pomina Steel: 7.7%\n"
            "- all other imports from Vietnam: 21.6%")
    assert {8.5, 14.2, 6.1, 7.7, 21.6} <= set().union(*_rates(text))


def test_the_rates_named_for_a_country_go_to_the_duty_on_that_country():
    text = ("China's commerce ministry on Tuesday set anti-dumping duties on tin mill steel from Germany and "
            "Canada. India on Tuesday raised its import tariff on tin mill steel from Brazil to 15%.\n\n"
            "The rates in force are 7.4% for Germany and 5.3% for Canada.")
    events = [e for e in extract(text, DAY, weighed=False, detect=False) if e.kind == "tariff"]
    holder = [e for e in events if {7.4, 5.3} <= {f.value[0] for f in e.magnitude}]
    assert len(events) == 2 and holder and holder[0].values("actors") == ["CHN"]


def test_rates_a_case_had_before_or_that_stand_beside_it_are_not_its_amounts():
    text = ("China will levy anti-dumping duties on pork from the European Union from Monday, the ministry said.\n\n"
            "Earlier deposits had put margins for the sampled firms at 15.6% to 62.4%.\n\n"
            "Most other EU goods currently face 8%, with spirits at 10%.")
    assert not {15.6, 62.4, 8.0, 10.0} & set().union(set(), *_rates(text))


def test_one_rate_paid_by_a_product_of_its_own_is_no_rate_of_the_duty_before():
    text = ("The United States put a 25% tariff on imported heavy trucks on Friday under Section 232.\n\n"
            "Imported buses, including school buses, will pay 10% from the same date.")
    trucks = [e for e in extract(text, DAY, weighed=False, detect=False) if e.kind == "tariff"][0]
    assert 10.0 not in {f.value[0] for f in trucks.magnitude}


def test_a_plant_a_company_will_not_build_is_a_supply_disruption():
    text = ("Nordvolt Cells told the county board on Tuesday that it would not build its planned cathode plant near "
            "Macon, Georgia, citing weak demand.")
    assert [e.kind for e in extract(text, DAY, weighed=False, detect=False)] == ["supply_disruption"]


def test_a_restart_told_by_its_verb_before_the_site_stays_a_project():
    from chokepoints.events.readings import _restart
    text = "Kioxia said it restarted the 300-millimetre wafer line at its Yokkaichi plant in Japan on Wednesday."
    events = extract(text, DAY, weighed=False, detect=False)
    assert events and events[0].kind == "project" and _restart(text, events[0])
    halted = "Kioxia said it would not restart the 300-millimetre wafer line at its Yokkaichi plant in Japan until May."
    assert not any(_restart(halted, e) for e in extract(halted, DAY, weighed=False, detect=False))


def test_a_headline_law_without_its_article_is_a_strategy():
    text = "Portugal's parliament adopts law letting the state take stakes in lithium mines"
    assert "strategy" in [e.kind for e in extract(text, DAY, weighed=False, detect=False)]


def test_what_the_company_also_said_it_would_do_is_its_next_project():
    text = ("Anodex Materials said on Monday it will build a $500 million graphite anode plant in Huntsville, "
            "Alabama.\n\nThe company also said it would expand its synthetic graphite plant near Buffalo, New York.")
    assert [e.kind for e in extract(text, DAY, weighed=False, detect=False)] == ["project", "project"]


def test_georgia_is_the_american_state_where_the_text_places_a_town_in_it():
    from chokepoints.events.gazetteer import find_places
    state = "The company will build a recycling plant in Augusta, Georgia, and Georgia will pay for the road."
    assert {m.value for m in find_places(state)} == {"USA"}
    country = "Georgia's manganese exports from Chiatura fell, and Georgia asked Tbilisi's partners for help."
    assert {m.value for m in find_places(country)} == {"GEO"}


def test_a_weekday_before_its_written_date_is_read_as_that_date():
    from chokepoints.events.dates import find_dates
    found = find_dates("The new Mining Code comes into force on Friday, 1 January 2010, the ministry said.",
                       date(2009, 12, 30))
    assert [(d.value, d.role) for d in found] == [("2010-01-01", "effective")]


def test_the_dateline_day_gives_way_to_the_day_the_body_names():
    text = ("Ottawa, 14 March 2024 - Canada's trade tribunal on Tuesday imposed anti-dumping duties on steel wire "
            "from China, the tribunal said.")
    tariffs = [e for e in extract(text, date(2024, 3, 14), detect=False) if e.kind == "tariff"]
    assert tariffs and [f.value for f in tariffs[0].dates if f.role == "announced"] == ["2024-03-12"]


def test_a_stake_bought_by_its_approximate_share_is_a_project():
    text = "Kuwait Investment Authority to buy about 6% of Lundin Mining, the Canadian copper miner"
    assert "project" in [e.kind for e in extract(text, DAY, weighed=False, detect=False)]


def test_a_party_leaving_a_trade_pact_is_a_trade_agreement_event():
    from chokepoints.events.textindex import Index
    from chokepoints.events.triggers import trigger_hits, triggers
    text = "The president signed an order to withdraw the country as a signatory to the Trans-Pacific Partnership."
    assert [t[0] for t in triggers(text, 0, len(text), Index(text), trigger_hits(text))] == ["trade_agreement"]
    other = "Britain will withdraw from the minerals partnership with Zambia."
    assert "trade_agreement" not in [t[0] for t in triggers(other, 0, len(other), Index(other), trigger_hits(other))]


def test_controls_lifted_told_in_the_passive_is_a_suspension_and_no_retelling_of_a_new_control():
    text = ("China's commerce ministry on Wednesday announced export controls on graphite anodes, the ministry "
            "said.\n\nThe temporary controls placed on spherical graphite from China last year will be lifted from "
            "1 September.")
    events = [e for e in extract(text, DAY, weighed=False, detect=False) if e.kind == "export_control"]
    assert [e.subkind for e in events] == ["licence", "suspension"]


def test_one_more_fact_of_the_text_is_a_cue_the_confidence_model_weighs():
    import re

    from chokepoints.events.weigh import CUES, feature_names
    assert "cue_also" in feature_names()
    assert re.search(CUES["also"], "It also adds one Russian entity to the Military End-User List", re.I)
    assert re.search(CUES["also"], "The same notification doubled the duty on microwave ovens", re.I)


def test_a_weekday_ahead_that_is_the_reports_own_day_is_that_day():
    from chokepoints.events.dates import find_dates
    tuesday = date(2020, 9, 1)
    today = find_dates("China's Resource Tax Law takes effect on Tuesday, the ministry said.", tuesday)
    assert [(d.value, d.role) for d in today] == [("2020-09-01", "effective")]
    ahead = find_dates("The new rules will take effect on Tuesday.", tuesday)
    assert [d.value for d in ahead] == ["2020-09-08"]
