"""Which role a date plays in its event: a multinomial model over the five roles, from the words around the date.

The rules give a date its role from the phrase it is told in (`dates.py`: "entered into force on" is `effective`,
"signed on" `announced`) and from the event's kind (`discourse.date_role`: a plant's day is its `start`). Where the
phrase is one they do not know ("enters into force today, 17 January", "the ban will be extended ... to 30
September", "said on Friday it would curtail"), the date keeps its default role and the event has the right day in
the wrong role: a date missed and a false one. On the clean sets that was one matched date in twelve whose value was
right (thirtieth pass, docs/methods/events-passes.md).

This model reads each date of an event as the value filter does (`values.value_features`: the rules' role, the
event's kind, where the date stands to the trigger and the article, the three words on each side), and the words
around it once more joined to the event's kind, since "on Friday ... said" dates a halt's announcement but a pact's
signing alike. One L2-penalised multinomial logistic regression over the roles is fitted on the dates of the
events the monitor reports in the annotated texts (`train.monitor_readings`) that match an annotated event and whose
value the annotation holds, labelled with the annotation's role (the rules' own where the annotation holds the day
under both). A date takes the role the model gives when that role is more likely
than all the others together (`MARGIN`, a multinomial model's natural decision point; 0.6 and 0.7 fixed fewer
roles for as few broken in cross-validation) and differs from the rules'. It runs before the value filter, which is
fitted on the roles it gives.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from scipy.special import softmax

from chokepoints.events.facts import Event, distinct, unique
from chokepoints.events.logistic import binary_matrix, softmax_weights, vocabulary

ROLES = ("announced", "effective", "end", "deadline", "start")
MARGIN = 0.5
MIN_COUNT = 3  # a feature seen with fewer dates is none
PENALTY = 1.0  # 0.3 broke twice as many roles in cross-validation, 3 fixed half as many
_CONTEXT = ("before:", "after:", "just_before:", "just_after:")


def role_features(value_features: list[str], kind: str) -> list[str]:
    """A date's features for its role: the value filter's, and its context words joined to the event's kind."""
    return value_features + [f"kind={kind}|{f}" for f in value_features if f.startswith(_CONTEXT)]


@dataclass(frozen=True)
class RoleModel:
    """The fitted weights of each role (one row per role of `ROLES`, a column per feature of `features`, the last
    column the intercept) and what they were fitted on."""

    features: tuple[str, ...]
    weights: np.ndarray
    about: dict

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RoleModel) and self.features == other.features and \
            np.array_equal(self.weights, other.weights) and self.about == other.about

    @cached_property
    def _columns(self) -> dict[str, int]:  # (built once: a text's events are read in one call per text)
        return {f: i for i, f in enumerate(self.features)}

    def probabilities(self, rows: list[list[str]]) -> np.ndarray:
        """Per row, the probability of each role of `ROLES`."""
        return softmax(np.asarray(binary_matrix(rows, self._columns) @ self.weights.T), axis=1)

    def to_dict(self) -> dict:
        return {"about": self.about, "roles": list(ROLES),
                "intercepts": [round(float(v), 6) for v in self.weights[:, -1]],
                "weights": {f: [round(float(v), 6) for v in self.weights[:, i]] for i, f in enumerate(self.features)}}

    @classmethod
    def from_dict(cls, d: dict) -> RoleModel:
        if tuple(d["roles"]) != ROLES:
            raise ValueError(f"date role model: roles {d['roles']} are not {list(ROLES)}")
        features = tuple(d["weights"])
        w = np.array([d["weights"][f] for f in features] + [d["intercepts"]], dtype=float).reshape(-1, len(ROLES))
        return cls(features, w.T.copy(), d["about"])


def fit_roles(rows: list[list[str]], roles: Sequence[str], penalty: float = PENALTY) -> tuple[tuple[str, ...],
                                                                                                np.ndarray]:
    """The features and weights of the multinomial model of `roles` (one of `ROLES` per row of features)."""
    features = vocabulary(rows, MIN_COUNT)
    y = np.array([ROLES.index(r) for r in roles])
    w = softmax_weights(binary_matrix(rows, {f: i for i, f in enumerate(features)}), y, len(ROLES), penalty)
    return features, w


def chosen(p: np.ndarray, given: Sequence[str]) -> list[str]:
    """Each date's role: the model's where it is more likely than `MARGIN`, else the rules' (`given`)."""
    return [ROLES[int(q.argmax())] if q.max() >= MARGIN else g for q, g in zip(p, given, strict=True)]


def relabel(events: list[Event], model: RoleModel | None, features_of) -> list[Event]:
    """`events`, each date in the role the model gives it (`features_of(ev, field, fact, order, count)`: the value
    filter's features, `values.features_in`); a date told twice in one role after that is kept once."""
    if model is None:
        return events
    dated = [(ev, distinct("dates", ev)) for ev in events]
    dated = [(ev, facts) for ev, facts in dated if facts]
    if not dated:
        return events
    rows = [role_features(features_of(ev, "dates", f, i, len(facts)), ev.kind) for ev, facts in dated
            for i, f in enumerate(facts)]
    roles = chosen(model.probabilities(rows), [f.role for _ev, facts in dated for f in facts])  # (one call a text)
    at = 0
    for ev, facts in dated:
        new = {(f.role, f.value): r for f, r in zip(facts, roles[at:at + len(facts)], strict=True) if r != f.role}
        at += len(facts)
        if not new:
            continue
        ev.dates = unique([dataclasses.replace(f, role=new.get((f.role, f.value), f.role)) for f in ev.dates])
    return events


def cross_validated(rows_by_folder: dict[str, list[list[str]]], given: dict[str, list[str]],
                    right: dict[str, list[str]], penalty: float = PENALTY) -> dict[str, int]:
    """Leave-one-folder-out: of the dates the rules gave a wrong role, how many the model fixes; of those they gave
    the right one, how many it breaks."""
    fixed = broken = wrong = 0
    for held in rows_by_folder:
        if not rows_by_folder[held]:
            continue
        others = [f for f in rows_by_folder if f != held]
        feats, w = fit_roles([r for f in others for r in rows_by_folder[f]], [y for f in others for y in right[f]],
                             penalty)
        got = chosen(RoleModel(feats, w, {}).probabilities(rows_by_folder[held]), given[held])
        for g, r, y in zip(given[held], got, right[held], strict=True):
            wrong += g != y
            fixed += g != y and r == y
            broken += g == y and r != y
    return {"rules_wrong": wrong, "fixed": fixed, "broken": broken}
