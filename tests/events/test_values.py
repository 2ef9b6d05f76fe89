"""The value filter (events.values): the features of an amount or a date, what it drops, its scoring of a threshold,
and that the shipped weights are what the annotated texts give."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from fitted_sets import FITTED_ON

from chokepoints.events import neighbours, values
from chokepoints.events.extract import extract, sentences
from chokepoints.events.watch import to_frame

TEXT = ("BEIJING, Dec 3, 2024 - China will impose a 25% tariff on US soybeans, worth $12 billion last year, from "
        "1 January, the ministry said.")
DAY = date(2024, 12, 3)


def _event():
    (ev,) = extract(TEXT, DAY, weighed=False, detect=False)
    return ev


def test_an_amount_is_described_by_its_unit_its_place_and_the_words_around_it():
    ev = _event()
    starts = [lo for lo, _hi in sentences(TEXT)]
    facts = values.distinct("magnitude", ev)
    rate = next(f for f in facts if f.value == (25, "%"))
    feats = values.value_features(TEXT, ev, "magnitude", rate, facts.index(rate), len(facts), starts, DAY)
    assert {"unit=%", "group=%", "kind=tariff|group=%", "kind=tariff", "same_sentence"} <= set(feats)
    assert "just_before:a" in feats and "just_after:tariff" in feats  # ("a 25% tariff")
    assert {"after:tariff", "after:on", "after:us"} <= set(feats) and "after:soybean" not in feats  # (three words)


def test_a_date_is_described_by_its_role_and_how_it_stands_to_the_article():
    ev = _event()
    starts = [lo for lo, _hi in sentences(TEXT)]
    start = next(f for f in ev.dates if f.role == "effective")
    feats = values.value_features(TEXT, ev, "dates", start, 0, 1, starts, DAY)
    assert {"role=effective", "kind=tariff|role=effective", "precision=10", "point",
            "ahead|role=effective"} <= set(feats)
    assert "age=4" in feats  # 29 days ahead: int(log2(30)) = 4


def test_a_value_the_model_finds_unlikely_is_dropped_with_its_evidence_and_the_event_stays():
    ev = _event()
    assert ev.values("magnitude") == [(25, "%"), (12000, "MUSD")]  # (the rules attach last year's sales)
    no_money = values.FieldModel({"group=money": -10.0}, 0.0, 0.25)
    keep_all = values.FieldModel({}, 0.0, 0.25)
    model = values.ValueModel({"magnitude": no_money, "dates": keep_all}, {})
    (kept,) = values.keep_values(TEXT, DAY, [ev], model)
    assert kept.values("magnitude") == [(25, "%")]
    assert [e["value"] for e in kept.to_dict()["evidence"]["magnitude"]] == [(25, "%")]
    assert kept.values("dates") and kept.kind == "tariff"
    (aside,) = kept.to_dict()["set_aside"]  # shown apart, with its span and the filter's probability
    assert (aside["field"], aside["value"], aside["text"]) == ("magnitude", (12000, "MUSD"), "$12 billion")
    assert aside["probability"] == pytest.approx(1 / (1 + np.exp(10)), abs=1e-3)
    assert to_frame([("f.txt", [kept])], full=False)["magnitude"][0] == "25 %, +1 set aside"  # (a table says so)
    assert values.keep_values(TEXT, DAY, [], model) == []


def test_the_model_round_trips_through_its_file():
    model = values.shipped()
    back = values.ValueModel.from_json(model.to_json())
    assert back == model


def test_shipped_values_model_is_what_the_annotated_texts_give_and_earns_its_place():
    fitted = values.fit_values(FITTED_ON)
    shipped = values.shipped()
    assert fitted.about == shipped.about
    assert fitted.roles.features == shipped.roles.features and fitted.roles.about == shipped.roles.about
    assert np.allclose(fitted.roles.weights, shipped.roles.weights, atol=1e-4)
    # the role model fixes more roles than it breaks in cross-validation
    assert shipped.roles.about["fixed"] > 1.5 * shipped.roles.about["broken"]
    for field in values.FIELDS:
        assert fitted.fields[field].threshold == shipped.fields[field].threshold
        assert fitted.fields[field].weights.keys() == shipped.fields[field].weights.keys()
        assert np.allclose(list(fitted.fields[field].weights.values()),
                           list(shipped.fields[field].weights.values()), atol=1e-4)
        # cross-validated across the folders, it gains more precision than it costs recall
        cv, base = shipped.about[field]["cv_with_model"], shipped.about[field]["cv_without_model"]
        assert cv["f1"] > base["f1"] and cv["precision"] - base["precision"] > base["recall"] - cv["recall"]
    # the neighbours' model (events.neighbours): the same fit, and in cross-validation more of the dates it adopts
    # are the event's than not
    assert fitted.near.keys() == shipped.near.keys() == set(neighbours.FIELDS)
    for field, m in shipped.near.items():
        assert m.threshold == neighbours.THRESHOLD and m.weights.keys() == fitted.near[field].weights.keys()
        assert np.allclose(list(fitted.near[field].weights.values()), list(m.weights.values()), atol=1e-4)
        cv = shipped.about["near"][field]
        assert cv["cv_adopted_right"] > cv["cv_adopted"] / 2
