"""The date role model (events.date_roles): its features, the role it gives where it is sure and only there, its
file, and its cross-validated count of roles fixed and broken, on hand-made weights and cases."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from chokepoints.events import date_roles, values
from chokepoints.events.extract import extract, sentences

TEXT = ("WELLINGTON, April 7, 2022 - The protocol upgrading the New Zealand-China Free Trade Agreement enters into "
        "force today, 7 April 2022, the trade ministry said.")
DAY = date(2022, 4, 7)


def _model(bias: dict[str, float], intercepts=(0.0, 0.0, 0.0, 0.0, 0.0)) -> date_roles.RoleModel:
    """A model whose only feature `bias` keys raise a role's score (`{"after:forc": ...}` style keys: feature -> the
    role it raises by 10)."""
    feats = tuple(bias)
    w = np.zeros((len(date_roles.ROLES), len(feats) + 1))
    for i, role in enumerate(bias.values()):
        w[date_roles.ROLES.index(role), i] = 10.0
    w[:, -1] = intercepts
    return date_roles.RoleModel(feats, w, {})


def test_role_features_join_the_context_words_to_the_kind():
    feats = ["role=announced", "before:forc", "just_after:the", "same_sentence"]
    out = date_roles.role_features(feats, "trade_agreement")
    assert out[:4] == feats
    assert set(out[4:]) == {"kind=trade_agreement|before:forc", "kind=trade_agreement|just_after:the"}


def test_the_model_chooses_a_role_only_where_it_is_more_likely_than_all_others_together():
    p = np.array([[0.1, 0.6, 0.1, 0.1, 0.1],    # sure of effective
                  [0.4, 0.45, 0.05, 0.05, 0.05],  # unsure: the rules' role stays
                  [0.9, 0.025, 0.025, 0.025, 0.025]])
    assert date_roles.chosen(p, ["announced", "announced", "start"]) == ["effective", "announced", "announced"]


def _event_and_features():
    (ev,) = [e for e in extract(TEXT, DAY, weighed=False, detect=False) if e.kind == "trade_agreement"]
    starts = [lo for lo, _hi in sentences(TEXT)]
    return ev, values.features_in(TEXT, starts, DAY)


def test_relabel_moves_a_date_to_the_role_the_model_is_sure_of_and_keeps_a_day_once_per_role():
    ev, features_of = _event_and_features()
    days = {f.value for f in ev.dates}
    assert "2022-04-07" in days
    # every date of a trade agreement is its entry into force, by a hand-made weight
    (moved,) = date_roles.relabel([ev], _model({"kind=trade_agreement": "effective"}), features_of)
    assert {f.value for f in moved.dates} == days  # no day is lost
    assert {f.role for f in moved.dates} == {"effective"}
    assert len(moved.dates) == len({f.value for f in moved.dates})  # a day told twice in one role is kept once


def test_relabel_leaves_the_rules_roles_where_the_model_is_unsure_or_absent():
    ev, features_of = _event_and_features()
    before = [(f.role, f.value) for f in ev.dates]
    # no feature fires: all five roles equally likely (0.2 < MARGIN)
    (same,) = date_roles.relabel([ev], _model({"never_seen": "end"}), features_of)
    assert [(f.role, f.value) for f in same.dates] == before
    assert date_roles.relabel([ev], None, features_of)[0].dates == same.dates


def test_the_role_model_round_trips_and_refuses_a_file_of_other_roles():
    m = _model({"before:forc": "effective", "after:sign": "announced"}, intercepts=(0.5, 0.0, -1.0, 0.0, 0.0))
    m = date_roles.RoleModel(m.features, m.weights, {"dates": 3})
    back = date_roles.RoleModel.from_dict(m.to_dict())
    assert back == m
    rows = [["before:forc"], ["after:sign"], []]
    assert np.allclose(back.probabilities(rows), m.probabilities(rows))
    bad = m.to_dict() | {"roles": ["announced", "start"]}
    with pytest.raises(ValueError, match="roles"):
        date_roles.RoleModel.from_dict(bad)


def test_fitted_roles_learn_a_cue_and_cross_validation_counts_fixes_and_breaks():
    # the rules call every date "announced"; the annotation says a date after "force" is "effective"
    rows, given, right = {}, {}, {}
    for k in range(4):
        rows[f"f{k}"] = [["before:forc", "kind=trade_agreement"]] * 5 + [["before:sign", "kind=trade_agreement"]] * 5
        given[f"f{k}"] = ["announced"] * 10
        right[f"f{k}"] = ["effective"] * 5 + ["announced"] * 5
    feats, w = date_roles.fit_roles([r for f in rows for r in rows[f]], [y for f in right for y in right[f]])
    p = date_roles.RoleModel(feats, w, {}).probabilities([["before:forc", "kind=trade_agreement"],
                                                          ["before:sign", "kind=trade_agreement"]])
    assert date_roles.ROLES[p[0].argmax()] == "effective" and date_roles.ROLES[p[1].argmax()] == "announced"
    cv = date_roles.cross_validated(rows, given, right)
    assert cv == {"rules_wrong": 20, "fixed": 20, "broken": 0}
