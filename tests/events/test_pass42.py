"""The forty-second pass's readings, each told in other words than the texts that called for them: a liveblog's time
stamp leading its entry's line; a group standing for its members, but not beside "allies" or "outside"; the day
named with a weekday settles its year; a measure "with immediate effect" on the day named after it; a plant's site
told with it; a measure named again as "the measure" in the next sentence; cancelled and suspended plants; a
groundbreaking; a nuclear cooperation agreement; and the threshold a reader may set in place of the fitted one."""

from __future__ import annotations

from datetime import date

import pytest
from sentence_triggers import trigger_kinds as _kinds
from typer.testing import CliRunner

from chokepoints.errors import InputError
from chokepoints.events import gazetteer as gz
from chokepoints.events.cli import app
from chokepoints.events.dates import find_dates
from chokepoints.events.extract import extract
from chokepoints.events.textindex import Index
from chokepoints.events.weigh import shipped, weighing

runner = CliRunner()


def test_a_time_stamp_leading_an_entrys_line_marks_a_liveblog():
    text = ("Markets live: Friday 7 March\n\n09:05 - Good morning\nFutures are flat.\n\n"
            "10:20 - Jakarta halts bauxite shipments\nIndonesia stopped bauxite exports.\n\n"
            "11:45 Lunch. Nothing much is moving.\n")
    ix = Index(text, date(2025, 3, 7))
    assert [text[a:b] for a, b in ix.stamps] == ["09:05", "10:20", "11:45"]
    # a number at a line's start is no clock ("10.5 per cent ...")
    assert Index("Rates\n10.50 per cent is the new duty\n12.25 on steel\n").stamps == []


def test_a_group_stands_for_its_members_but_not_as_allies_or_a_place_beside_it():
    acting = {p.value for p in gz.find_places("NATO ministers adopted a list of defence-critical materials.")}
    assert {"USA", "TUR", "SWE", "FIN"} <= acting and len(acting) == 32
    assert not gz.find_places("the two NATO allies reached an understanding")
    assert not gz.find_places("a country outside NATO")
    assert {p.value for p in gz.find_places("The Pacific Alliance signed a protocol.")} == {"CHL", "COL", "MEX", "PER"}


def test_the_weekday_named_with_a_day_settles_its_year():
    s = "Officials said the rules they will apply came into force on Thursday, 17 September."
    assert [(d.role, d.value) for d in find_dates(s, date(2009, 9, 21))] == [("effective", "2009-09-17")]
    # a year written out stays as written, whatever the weekday
    s = "The law comes into force on Monday, 1 January 2010."
    assert [d.value for d in find_dates(s, date(2009, 9, 21))] == ["2010-01-01"]


def test_a_measure_with_immediate_effect_takes_the_day_named_after_it():
    s = "Ghana banned exports of raw lithium with immediate effect on 3 July."
    dates = {(d.role, d.value) for d in find_dates(s, date(2023, 7, 10))}
    assert ("effective", "2023-07-03") in dates and ("effective", "2023-07-10") not in dates


def test_a_plants_site_is_told_with_it_not_by_the_company_history_after_it():
    text = ("HANOI, Oct 3 - Samsung Electro-Mechanics on Tuesday opened a $1.2 billion chip packaging plant in "
            "Thai Nguyen province, Vietnam. The plant is the company's fourth; its others are in South Korea, China "
            "and the Philippines.")
    got = [e for e in extract(text, date(2023, 10, 3), weighed=False, detect=False) if e.kind == "project"]
    assert got and set(got[0].values("targets")) == {"VNM"}


@pytest.mark.parametrize("sentence", [
    "Toyota said it has abandoned plans to build a sodium-ion (SIB) battery plant in Aichi.",
    "Construction of the second wafer fab that Bosch is building near Dresden has been suspended after a fire.",
    "The county said the project had been suspended because the developer ran out of money.",
])
def test_a_plant_given_up_or_its_construction_suspended_is_a_disruption(sentence):
    assert "supply_disruption" in _kinds(sentence)


def test_a_groundbreaking_is_a_project():
    assert _kinds("Exide broke ground on 12 March on its lithium-ion cell complex near Bengaluru.") == ["project"]


def test_a_nuclear_cooperation_agreement_is_cooperation_and_an_economic_one_a_pact():
    assert _kinds("The nuclear cooperation agreement between Canada and India entered into force on Friday.") == [
        "cooperation"]
    assert _kinds("The Comprehensive Economic Cooperation Agreement between India and Singapore entered into "
                  "force.") == ["trade_agreement"]


def test_an_order_to_cede_a_share_is_a_rule_on_ownership():
    assert _kinds("Mongolia orders foreign miners to cede 34% of strategic deposits to the state") == ["strategy"]


def test_a_threshold_in_place_of_the_fitted_one_keeps_more_events():
    model = shipped()
    assert weighing().threshold == model.threshold
    assert weighing(0.2).threshold == 0.2
    with pytest.raises(InputError, match="between 0 and 1"):
        weighing(1.5)
    text = ("SANTIAGO, May 5 - Chile's senate approved a bill on Tuesday to raise the royalty on large copper miners. "
            "Separately, Codelco said it would delay the start of its Rajo Inca project by a year. "
            "Antofagasta said output at Los Pelambres was hit by drought.")
    day = date(2023, 5, 5)
    everything = {(e.kind, e.span) for e in extract(text, day, min_confidence=0.0)}
    default = {(e.kind, e.span) for e in extract(text, day)}
    strict = {(e.kind, e.span) for e in extract(text, day, min_confidence=1.0)}
    rules = {e.span for e in extract(text, day, min_confidence=1.0) if e.read_by == "rules"}
    assert default <= everything and not rules and strict <= default


def test_the_command_line_takes_a_threshold_and_refuses_one_outside_zero_to_one(tmp_path):
    f = tmp_path / "news.txt"
    f.write_text("China restricts exports of gallium and germanium to the United States from August 1.",
                 encoding="utf-8")
    ok = runner.invoke(app, ["extract", str(f), "--date", "2023-07-03", "--db", str(tmp_path / "none.duckdb"),
                             "--min-confidence", "0.1"])
    assert ok.exit_code == 0, ok.output
    bad = runner.invoke(app, ["extract", str(f), "--min-confidence", "2"])
    assert bad.exit_code != 0


def test_a_firm_a_control_names_gives_its_country_as_the_target():
    text = "WASHINGTON, Dec 2 - The Commerce Department on Monday added YMTC and Hikvision to the Entity List."
    got = [e for e in extract(text, date(2024, 12, 2), weighed=False, detect=False) if e.kind == "export_control"]
    assert got and got[0].values("actors") == ["USA"] and got[0].values("targets") == ["CHN"]
    # a firm's own plant gives no country of the firm: the site's country is the project's
    text = "Huawei on Tuesday opened a $1 billion chip packaging plant in Hungary."
    got = [e for e in extract(text, date(2024, 12, 2), weighed=False, detect=False) if e.kind == "project"]
    assert got and "CHN" not in got[0].values("targets") + got[0].values("actors")


@pytest.mark.parametrize("sentence", [
    "Miners kept lobbying Jakarta to lift the nickel ore export ban.",
    "Steel mills urged Beijing to scrap the 25% export duty on pig iron.",
])
def test_a_measure_pressed_against_is_no_news_of_its_own(sentence):
    assert "export_control" not in _kinds(sentence)


def test_a_dated_headline_still_sums_up_its_bodys_materials():
    text = ("LIVE: UK and Zambia agree growth compact and critical minerals pact\n\nThursday 3 August 2023.\n\n"
            "08:25 The Foreign Office has published the deal. The UK and Zambia are agreeing a UK-Zambia Green "
            "Growth Compact, aimed at mobilising GBP 2.5 billion of investment in Zambia's copper and cobalt mining.\n")
    got = [e for e in extract(text, date(2023, 8, 3), weighed=False, detect=False) if e.kind == "cooperation"]
    assert len(got) == 1


def test_a_safeguard_tightened_and_screening_rules_changed_are_measures():
    assert _kinds("From 1 July, Ankara will strengthen its current steel safeguard.") == ["tariff"]
    assert _kinds("The finance minister set out changes to the foreign investment review on Monday.") == ["strategy"]


def test_the_g20_stands_for_its_members_but_not_as_the_summits_venue():
    members = {p.value for p in gz.find_places("G20 leaders endorsed a framework for critical minerals.")}
    assert {"ZAF", "BRA", "EU27", "USA"} <= members and len(members) == 20
    assert not gz.find_places("on the sidelines of the G20 summit")
