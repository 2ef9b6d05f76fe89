"""Dates, amounts and materials told in the sentences around an event's own (events.neighbours): which are
candidates, what the model adopts, and that an adopted value carries its own evidence and is said apart."""

from __future__ import annotations

import json
from datetime import date

from chokepoints.events import neighbours, values
from chokepoints.events.draft import own, scenario_toml
from chokepoints.events.extract import extract, sentences
from chokepoints.events.facts import Event, Fact
from chokepoints.events.store import rows
from chokepoints.events.textindex import Index
from chokepoints.events.watch import to_frame

TEXT = ("Eswatini has banned exports of copper scrap to all buyers. Dealers had until 1 March to ship what they "
        "held. Dealers were given no notice. Prices of scrap fell. Analysts expect smuggling to rise. "
        "Smelters were told in March 2022 to register.")
DAY = date(2023, 2, 10)


def _events():
    (ev,) = extract(TEXT, DAY, weighed=False, detect=False)
    return [ev]


def _features_of(text):
    starts = [lo for lo, _hi in sentences(text)]
    return lambda ev, field, f, i, n: values.value_features(text, ev, field, f, i, n, starts, DAY)


def test_the_dates_of_the_sentences_around_an_event_are_its_candidates_and_no_farther():
    (ev,) = _events()
    assert ev.kind == "export_control" and not ev.dates  # (the rules read its own sentence alone)
    made = neighbours.candidates(TEXT, DAY, sentences(TEXT), [ev], _features_of(TEXT))
    # 1 March, one sentence on; March 2022 is five sentences on, beyond SPAN (2)
    assert [(c.field, c.fact.value, c.fact.text) for c in made] == [("dates", "2023-03-01", "1 March")]
    (c,) = made
    assert {"near=1", "near_kind=export_control|after", "no_event_there", "event_undated", "same_paragraph",
            "first=dealer", "lacks_role=end", "read_by=rules"} <= set(c.features)
    assert "other_sentence" in c.features  # (and the value filter's features of the date)


def test_a_date_the_event_holds_or_that_the_filter_set_aside_is_no_candidate():
    (ev,) = _events()
    ev.dates.append(Fact("2023-03-01", 0, 0, "1 March", "start"))  # held, in any role
    assert neighbours.candidates(TEXT, DAY, sentences(TEXT), [ev], _features_of(TEXT)) == []
    (ev,) = _events()
    at = TEXT.index("1 March")
    ev.set_aside.append(("dates", Fact("2023-03-01", at, at + 7, "1 March", "effective"), 0.1))
    assert neighbours.candidates(TEXT, DAY, sentences(TEXT), [ev], _features_of(TEXT)) == []


def test_a_sentence_that_tells_the_event_again_is_read_however_far():
    (ev,) = _events()
    at = TEXT.index("Smelters")
    ev.retold(Fact("register", at, at + 8, "Smelters"))
    made = neighbours.candidates(TEXT, DAY, sentences(TEXT), [ev], _features_of(TEXT))
    assert [(c.fact.value, [f for f in c.features if f.startswith("near=")]) for c in made] == [
        ("2023-03-01", ["near=1"]), ("2022-03", ["near=told"])]


def test_the_model_adopts_a_candidate_more_likely_the_events_than_not_with_its_evidence():
    adopt_next = values.FieldModel({"near=1": 10.0}, -5.0, neighbours.THRESHOLD)
    keep_all = values.FieldModel({}, 0.0, 0.25)
    model = values.ValueModel({"magnitude": keep_all, "dates": keep_all}, {}, None, {"dates": adopt_next})
    (ev,) = values.keep_values(TEXT, DAY, _events(), model, ix=Index(TEXT, DAY))
    assert ev.to_dict()["dates"] == [{"role": "end", "value": "2023-03-01"}]
    # (a long file read in pieces has no index: the neighbours read what they need themselves, the same)
    assert values.keep_values(TEXT, DAY, _events(), model)[0].dates == ev.dates
    (evidence,) = ev.to_dict()["evidence"]["dates"]
    assert TEXT[evidence["start"]:evidence["end"]] == "1 March"
    # a model that finds it unlikely adopts nothing, and shows nothing set aside: it was never the event's
    no = values.FieldModel({"near=1": -10.0}, -5.0, neighbours.THRESHOLD)
    model = values.ValueModel({"magnitude": keep_all, "dates": keep_all}, {}, None, {"dates": no})
    (ev,) = values.keep_values(TEXT, DAY, _events(), model, ix=Index(TEXT, DAY))
    assert ev.dates == [] and ev.set_aside == []
    assert values.ValueModel.from_json(model.to_json()) == model  # (its weights are in the model's file)


HEADLINE = ("Kazakhstan halts exports of a strategic metal\n\nASTANA, March 3 - Kazakhstan has halted all exports for "
            "six months, the industry ministry said on Monday. The ban covers gallium and its compounds. Traders said "
            "prices rose. Smelters in Pavlodar hold stocks. Buyers in Europe were told to wait. Exporters of copper "
            "were not affected.")


def test_a_material_the_body_names_is_a_candidate_of_the_headlines_event_within_its_span():
    at = HEADLINE.index("halts exports")  # (an event made by hand: the rules would give it the story's material)
    ev = Event("export_control", "ban", Fact("export_control", at, at + 13, "halts exports"))
    made = [c for c in neighbours.candidates(HEADLINE, date(2025, 3, 3), sentences(HEADLINE), [ev],
                                             _features_of(HEADLINE)) if c.field == "materials"]
    gallium = next(c for c in made if c.fact.value == "gallium")
    assert HEADLINE[gallium.fact.start:gallium.fact.end] == "gallium"
    assert {"kind=export_control", "told=1", "after:and", "no_materials"} <= set(gallium.features)
    # copper is seven sentences from the headline, beyond the materials' span (5)
    assert neighbours.SPAN["materials"] < 7 and "copper" not in [c.fact.value for c in made]
    assert neighbours.is_right(gallium, {"materials": ["gallium"], "dates": []})
    assert not neighbours.is_right(gallium, {"materials": ["germanium"], "dates": []})


def test_an_adopted_value_is_said_apart_marked_in_a_table_and_left_out_of_a_draft():
    adopt_next = values.FieldModel({"near=1": 10.0}, -5.0, neighbours.THRESHOLD)
    keep_all = values.FieldModel({}, 0.0, 0.25)
    model = values.ValueModel({"magnitude": keep_all, "dates": keep_all}, {}, None, {"dates": adopt_next})
    (ev,) = values.keep_values(TEXT, DAY, _events(), model, ix=Index(TEXT, DAY))
    (adopted,) = ev.to_dict()["adopted"]
    assert (adopted["field"], adopted["value"], adopted["text"]) == ("dates", "2023-03-01", "1 March")
    assert adopted["probability"] > 0.99
    assert to_frame([("f.txt", [ev])], full=False)["dates"][0] == "end 2023-03-01 (nearby)"
    draft = scenario_toml(ev, name="t", source="f.txt", article_date=DAY.isoformat())
    assert "the date '1 March' is told in another sentence than the measure and is left out" in draft
    assert "2023-03" not in draft.replace("2023-03-01 (nearby)", "")  # (no start taken from it)
    stored = json.loads(rows([ev], file="f.txt", digest="0" * 64, article_date=DAY)["evidence"][0])
    assert stored["adopted"][0]["value"] == "2023-03-01"  # (and in the warehouse's events table)


TERMS = ("Argentina restored export duties on soybeans and corn on Thursday. Traders had rushed to register sales. "
         "That means soybeans are once more taxed at 26 per cent and corn at 9.5 per cent. Prices fell. Farmers "
         "protested. Ports were quiet. Exports reached $7 billion last year.")


def test_the_amounts_of_the_sentences_after_an_event_are_its_candidates_within_five_sentences():
    (ev,) = extract(TERMS, DAY, weighed=False, detect=False)
    assert ev.kind == "export_control" and not ev.magnitude
    made = [c for c in neighbours.candidates(TERMS, DAY, sentences(TERMS), [ev], _features_of(TERMS))
            if c.field == "magnitude"]
    # the two rates two sentences on; the trade value is six sentences on, beyond the span (5)
    assert [(c.fact.value, c.fact.text) for c in made] == [((26, "%"), "26 per cent"), ((9.5, "%"), "9.5 per cent")]
    assert neighbours.SPAN["magnitude"] == 5
    assert {"near=2", "amount_side=export_control|%|after2", "lacks_group=%", "first=that"} <= set(made[0].features)
    assert neighbours.is_right(made[0], {"magnitude": [[26, "%"]], "dates": []})
    assert not neighbours.is_right(made[1], {"magnitude": [[26, "%"]], "dates": []})


def test_an_adopted_amount_is_marked_in_a_table_and_left_out_of_a_draft():
    adopt_rates = values.FieldModel({"group=%": 10.0}, -5.0, neighbours.THRESHOLD)
    keep_all = values.FieldModel({}, 0.0, 0.25)
    model = values.ValueModel({"magnitude": keep_all, "dates": keep_all}, {}, None, {"magnitude": adopt_rates})
    (ev,) = values.keep_values(TERMS, DAY, extract(TERMS, DAY, weighed=False, detect=False), model,
                               ix=Index(TERMS, DAY))
    assert [m["value"] for m in ev.to_dict()["magnitude"]] == [26, 9.5]
    assert to_frame([("f.txt", [ev])], full=False)["magnitude"][0] == "26 % (nearby), 9.5 % (nearby)"
    assert [TERMS[e["start"]:e["end"]] for e in ev.to_dict()["evidence"]["magnitude"]] == ["26 per cent",
                                                                                            "9.5 per cent"]
    assert own(ev).magnitude == []  # (a draft rests on the measure's own sentence)
    ev.actors = ev.actors or [Fact("ARG", 0, 9, "Argentina")]
    draft = scenario_toml(ev, name="t", source="f.txt", article_date=DAY.isoformat())
    assert "the amount '26 per cent' is told in another sentence than the measure and is left out" in draft


STORY = ("BEIJING - China on Tuesday imposed tariffs of 15 per cent on US coal and liquefied natural gas. Officials "
         "spoke of a measured answer. Analysts expected more. Markets were calm. Exporters waited. Brokers were busy. "
         "The commerce ministry separately put export controls on tungsten and tellurium.")


def test_the_announced_day_of_the_storys_first_dated_event_is_a_candidate_of_each_later_undated_one():
    events = extract(STORY, date(2025, 2, 4), weighed=False, detect=False)
    first, later = sorted(events, key=lambda e: e.trigger.start)
    assert first.date("announced") == "2025-02-04" and not later.dates  # ("separately": six sentences on)
    made = [c for c in neighbours.candidates(STORY, date(2025, 2, 4), sentences(STORY), events,
                                             _features_of(STORY)) if c.field == "dates"]
    (lead,) = made
    assert lead.event is later and (lead.fact.value, lead.fact.text) == ("2025-02-04", "Tuesday")
    assert {"lead_date", "lead_kind=export_control|other", "near=-3"} <= set(lead.features)
    # an event that holds an announced date of its own gets none; nor does the first event itself
    later.dates.append(Fact("2025-02-03", 0, 0, "Monday", "announced"))
    assert [c for c in neighbours.candidates(STORY, date(2025, 2, 4), sentences(STORY), events,
                                             _features_of(STORY)) if c.field == "dates"] == []
