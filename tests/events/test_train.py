"""Fitting the confidence model: its scoring of a threshold, and the shipped weights refitted."""

from __future__ import annotations

import numpy as np
import pytest
from fitted_sets import FITTED_ON, LIGHT

from chokepoints.events import train, weigh
from chokepoints.events.logistic import plateau_middle, precision_recall


def test_precision_and_recall_of_a_threshold_count_the_events_the_rules_missed():
    y = np.array([1, 0, 1, 1])
    keep = np.array([True, True, False, True])
    # tp 2, fp 1, fn 1 dropped + 2 never found
    assert precision_recall(y, keep, 2) == {"precision": pytest.approx(0.667), "recall": pytest.approx(0.4),
                                      "f1": pytest.approx(0.5)}


def test_the_threshold_is_the_middle_of_the_plateau_of_best_f1():
    f1 = {0.1: 0.70, 0.2: 0.745, 0.3: 0.75, 0.4: 0.748, 0.5: 0.746, 0.6: 0.70}
    scores = {t: {"f1": v} for t, v in f1.items()}
    assert plateau_middle(scores, 0.01) == 0.4  # (0.2-0.5 are within 0.01 of 0.75: the middle, rounding up)
    assert plateau_middle(scores, 0.001) == 0.3


def test_cross_validation_never_weighs_a_batch_with_a_model_that_saw_it(monkeypatch):
    seen = []

    def spy(x, y, penalty):
        seen.append(len(y))
        return np.zeros(x.shape[1]), np.ones(x.shape[1]), np.zeros(x.shape[1]), 0.0

    monkeypatch.setattr(train, "fit", spy)
    s = train.Samples(np.zeros((5, 3)), np.array([1, 0, 1, 0, 1]), np.array(["a", "a", "b", "c", "c"]), {}, 100)
    assert train.cross_validated(s).tolist() == [0.5] * 5
    assert sorted(seen) == [3, 3, 4]  # each fit leaves one batch out


def test_shipped_weights_are_what_the_tuning_texts_give_and_earn_their_place():
    """Refit on the tuning texts: a rule changed without refitting the weights fails here."""
    fitted = train.train(FITTED_ON, light=LIGHT)
    shipped = weigh.shipped()
    assert fitted.threshold == shipped.threshold
    assert np.allclose(fitted.coef, shipped.coef, atol=1e-3)
    assert fitted.about == shipped.about
    # cross-validated across the writers' batches, the model gains more precision than it costs recall
    cv, base = shipped.about["cv_with_model"], shipped.about["cv_without_model"]
    assert cv["f1"] > base["f1"] and cv["precision"] > base["precision"] + 0.05




def test_every_annotated_set_is_either_fitted_on_or_kept_clean_never_both():
    """A new sealed set is scored once, then either joins the fits or stays a clean measure: never both, never
    forgotten (a clean set fitted on would flatter every figure given for it)."""
    from fitted_sets import CLEAN, TEXTS

    folders = {TEXTS} | {p for p in TEXTS.iterdir() if p.is_dir() and any(p.glob("*.json"))}
    assert not set(FITTED_ON) & set(CLEAN)
    assert set(FITTED_ON) | set(CLEAN) == folders
