"""The confidence model: its fit against known coefficients, its threshold, its domain, and the shipped weights."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chokepoints.events import readings, weigh
from chokepoints.events.extract import extract

TEXT = ("Beijing, April 4 - China on Friday imposed export licences on seven rare earths including dysprosium, the "
        "commerce ministry said. The European Union said it would study the measure.")


def _model(intercept: float, threshold: float = 0.5, longest: int = 10_000) -> weigh.Model:
    names = tuple(weigh.feature_names())
    n = len(names)
    return weigh.Model(names, np.zeros(n), np.ones(n), np.zeros(n), intercept, threshold, {"longest_text": longest})


def test_fit_recovers_the_coefficients_of_a_known_logistic_model():
    rng = np.random.default_rng(7)
    x = rng.normal(size=(40_000, 2))
    y = (rng.random(40_000) < 1 / (1 + np.exp(-(0.5 + 1.5 * x[:, 0] - 2.0 * x[:, 1])))).astype(float)
    mean, scale, coef, icpt = weigh.fit(x, y, penalty=1e-6)
    # coefficients are per standardised feature: back to the raw scale
    raw = coef / scale
    assert raw == pytest.approx([1.5, -2.0], abs=0.06)
    assert icpt - float(np.sum(coef * mean / scale)) == pytest.approx(0.5, abs=0.05)


def test_the_threshold_keeps_or_drops_every_event():
    events = extract(TEXT, date(2025, 4, 5), weighed=False)
    assert events
    kept = weigh.weigh(TEXT, date(2025, 4, 5), list(events), _model(5.0))
    assert kept == events and all(e.confidence == pytest.approx(0.993, abs=1e-3) for e in kept)
    assert weigh.weigh(TEXT, date(2025, 4, 5), list(events), _model(-5.0)) == []


def test_a_text_longer_than_the_model_has_seen_is_left_to_the_rules():
    events = extract(TEXT, date(2025, 4, 5), weighed=False)
    kept = weigh.weigh(TEXT, date(2025, 4, 5), list(events), _model(-5.0, longest=len(TEXT) // 2))
    assert kept == events and all(e.confidence is None for e in kept)


@settings(max_examples=40, deadline=None)
@given(st.floats(-6, 6), st.floats(0.05, 0.95))
def test_weighing_keeps_a_subset_in_order_with_confidences_in_0_1(intercept, threshold):
    events = extract(TEXT, date(2025, 4, 5), weighed=False)
    kept = weigh.weigh(TEXT, date(2025, 4, 5), list(events), _model(intercept, threshold))
    assert [id(e) for e in kept] == [id(e) for e in events if e in kept]
    assert all(0 <= e.confidence <= 1 and e.confidence >= threshold - 1e-3 for e in kept)


def test_features_are_one_row_per_event_and_bounded():
    events = extract(TEXT * 3, date(2025, 4, 5), weighed=False)
    x = weigh.features(TEXT * 3, date(2025, 4, 5), events)
    assert x.shape == (len(events), len(weigh.feature_names()))
    # every feature is a count, a flag or a log of one, but the sentence classifier's log-odds (and their products
    # with the kind flags), which may be negative and are capped
    views = [i for i, n in enumerate(weigh.feature_names()) if n.startswith(weigh.CLASSIFIER)]
    rest = [i for i in range(x.shape[1]) if i not in views]
    assert np.isfinite(x).all() and (x[:, rest] >= 0).all()
    assert (np.abs(x[:, views]) <= readings.LOGIT_CAP).all()


def test_weights_round_trip_and_refuse_other_features():
    m = weigh.shipped()
    back = weigh.Model.from_json(m.to_json())
    assert back.threshold == m.threshold and np.allclose(back.coef, m.coef, atol=1e-6)
    raw = m.to_json().replace('"kind=tariff"', '"kind=duty"')
    with pytest.raises(ValueError, match="refit"):
        weigh.Model.from_json(raw)


def test_extract_gives_every_event_its_confidence():
    events = extract(TEXT, date(2025, 4, 5))
    assert events and all(0 < e.to_dict()["confidence"] <= 1 for e in events)
    assert all(e.confidence >= weigh.shipped().threshold for e in events)


def test_an_investment_screened_out_is_kept_from_its_own_floor():
    # (twenty-ninth pass) a veto of a takeover under the model's threshold but over `SCREENED` is kept
    text = ("WASHINGTON, March 12 - President Donald Trump on Monday prohibited Singapore-based Broadcom from taking "
            "over U.S. chipmaker Qualcomm, citing national security.")
    events = extract(text, date(2018, 3, 13), weighed=False)
    assert [e.subkind for e in events] == ["screening"]
    logit = np.log(0.2 / 0.8)  # every event at 0.2: over the floor, under a threshold of 0.5
    assert weigh.weigh(text, date(2018, 3, 13), list(events), _model(logit)) == events
    assert weigh.weigh(text, date(2018, 3, 13), list(events), _model(np.log(0.05 / 0.95))) == []
    assert weigh.weigh(TEXT, date(2025, 4, 5), extract(TEXT, date(2025, 4, 5), weighed=False), _model(logit)) == []
