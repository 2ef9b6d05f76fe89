"""Which amounts and dates an event keeps: a logistic model per field over the words around each value.

The rules' readers (`magnitude.py`, `dates.py`, `discourse.py`) attach every amount and date near an event's trigger,
and on new writers' text a third of them are not the event's: a project's cost told beside the loan that is the news,
the enrichment level of a fuel, a date a law was first proposed (docs/methods/events-passes.md, fourteenth pass). This
model weighs each value by its company: its unit or role, the event's kind, whether it is told in the trigger's
sentence and how far from the trigger, its order among the event's values, the three words on each side (cut to
stems), and for a date how it stands to the article's date. A value below the field's threshold is dropped from the
event's fields, with its evidence, and listed in the event's `set_aside` with the model's probability (JSON:
"set_aside"), so that a reader still sees it; the event stays.

Before it, the date role model (`date_roles`) gives each date the role its words tell. Both are fitted on the events
the monitor reports in the annotated texts (rules, sentence classifier and confidence model: everything but this
filter, `train.monitor_readings`) and matches to an annotated event (`score.match`): a value is right when the
annotation holds it. Until the thirtieth pass they were fitted on the rules' events alone, which the confidence model
had not yet sifted and the classifier's did not join; the monitor's events gave the clean sets 9 more right dates at
3 more wrong (docs/methods/events-passes.md). The threshold is chosen by leave-one-folder-out cross-validation: the
middle of the thresholds that give the field its best F1 over those events (within 0.01). The weights are data
(`values.json`), refitted after the sentence classifier and the confidence model, whose events they read, by

    python -m chokepoints.events.values tests/events/texts tests/events/texts/heldout ... [--out values.json]
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy.special import expit

from chokepoints.events import date_roles, neighbours, score
from chokepoints.events.dates import first_day
from chokepoints.events.detect import stem
from chokepoints.events.facts import Event, Fact, distinct, key
from chokepoints.events.logistic import (
    THRESHOLDS,
    binary_matrix,
    logistic_weights,
    plateau_middle,
    precision_recall,
    vocabulary,
)
from chokepoints.events.magnitude import is_money
from chokepoints.events.sentences import sentences

VALUES = Path(__file__).with_name("values.json")
FIELDS = ("magnitude", "dates")
MIN_COUNT = 3  # a feature seen with fewer values is none
PENALTY = 1.0  # 1 and 3 gave the same cross-validated precision at equal recall (fourteenth pass)
# F1 differences below this are noise when the threshold is chosen (about 1,000 values per field), and F1 is flat over a
# range of thresholds: the middle of that plateau is taken, as for the confidence model (`train.PLATEAU`)
PLATEAU = 0.01
_WORD = re.compile(r"[a-z][a-z\-']*|\d[\d.,]*|[%$€£¥]")


def value_features(text: str, ev: Event, field: str, fact: Fact, order: int, count: int, starts: list[int],
                   article_date: date | None) -> list[str]:
    """The features of one value of an event (its `order` among the event's `count` values of the field; `starts`:
    the text's sentence starts)."""
    if field == "magnitude":
        unit = fact.value[1]
        group = "money" if is_money(unit) else unit
        out = [f"unit={unit}", f"group={group}", f"kind={ev.kind}|group={group}"]
        out += [f"role={fact.role}"] if fact.role else []
    else:
        value = str(fact.value)
        out = [f"role={fact.role}", f"kind={ev.kind}|role={fact.role}", f"precision={len(value.split('/')[0])}",
               "range" if "/" in value else "point"]
        out += _age(value, fact.role, article_date)
    trig = ev.trigger
    same = bisect_right(starts, fact.start) == bisect_right(starts, trig.start)
    out += [f"kind={ev.kind}", "same_sentence" if same else "other_sentence",
            "before_trigger" if fact.end <= trig.start else "after_trigger",
            f"distance={min(int(math.log2(abs(fact.start - trig.start) + 1)), 12)}",
            f"count={min(count, 4)}", f"order={min(order, 3)}"]
    before = _WORD.findall(text[max(0, fact.start - 40):fact.start].lower())[-3:]
    after = _WORD.findall(text[fact.end:fact.end + 40].lower())[:3]
    out += ["before:" + stem(w) for w in before] + ["after:" + stem(w) for w in after]
    out += ["just_before:" + stem(before[-1])] if before else []
    return out + (["just_after:" + stem(after[0])] if after else [])


def features_in(text: str, starts: list[int], article_date: date | None) -> neighbours.FeaturesOf:
    """`value_features` of the values of events of `text` (`starts`: its sentence starts), as the role model and
    the neighbours' models ask for them: (event, field, fact, order, count) -> features."""
    return lambda ev, field, fact, order, count: value_features(text, ev, field, fact, order, count, starts,
                                                                article_date)


def _age(value: str, role: str, article_date: date | None) -> list[str]:
    if article_date is None:
        return []
    try:
        days = (first_day(value) - article_date).days
    except ValueError:
        return []
    side = "same_day" if days == 0 else "past" if days < 0 else "ahead"
    return [f"{side}|role={role}", f"age={int(math.copysign(min(int(math.log2(abs(days) + 1)), 12), days))}"]


@dataclass(frozen=True)
class FieldModel:
    """A fitted model of one field: the weight of each feature, the intercept and the threshold."""

    weights: dict[str, float]
    intercept: float
    threshold: float

    def probability(self, rows: list[list[str]]) -> np.ndarray:
        return expit(np.array([self.intercept + sum(self.weights.get(f, 0.0) for f in set(r)) for r in rows]))

    def to_dict(self) -> dict:
        return {"threshold": self.threshold, "intercept": round(self.intercept, 6),
                "weights": {k: round(v, 6) for k, v in sorted(self.weights.items())}}

    @classmethod
    def from_dict(cls, d: dict) -> FieldModel:
        return cls(d["weights"], d["intercept"], d["threshold"])


@dataclass(frozen=True)
class ValueModel:
    """The fitted models of the fields an event's values are weighed in, what they were fitted on, the model of a
    date's role that runs before them (`date_roles`; None: the rules' roles stand), and per field the model of the
    values of neighbouring sentences that runs after them (`neighbours`; none: none are adopted)."""

    fields: dict[str, FieldModel]
    about: dict
    roles: date_roles.RoleModel | None = None
    near: dict[str, FieldModel] | None = None

    def to_json(self) -> str:
        return json.dumps({"about": self.about, **{f: m.to_dict() for f, m in self.fields.items()},
                           **({"date_roles": self.roles.to_dict()} if self.roles else {}),
                           **({"near": {f: m.to_dict() for f, m in self.near.items()}} if self.near else {})},
                          indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, raw: str) -> ValueModel:
        d = json.loads(raw)
        roles = date_roles.RoleModel.from_dict(d["date_roles"]) if "date_roles" in d else None
        near = {f: FieldModel.from_dict(m) for f, m in d["near"].items()} if "near" in d else None
        return cls({f: FieldModel.from_dict(d[f]) for f in FIELDS}, d["about"], roles, near)


@lru_cache(maxsize=1)
def shipped() -> ValueModel | None:
    """The models fitted on the annotated texts; None where none are shipped (then every value is kept)."""
    return ValueModel.from_json(VALUES.read_text(encoding="utf-8")) if VALUES.exists() else None


def keep_values(text: str, article_date: date | None, events: list[Event], model: ValueModel | None = None,
                ix=None) -> list[Event]:
    """`events`, each date in the role the role model gives it (`date_roles`), each without the amounts and dates
    its field's model finds less likely than its threshold to be the event's (kept apart in the event's
    `set_aside`, with the model's probability), and with those of the sentences around it that the neighbours'
    models find more likely the event's than not (`neighbours`). `ix`: the text's index (`textindex.Index`), where
    the caller built one."""
    model = model or shipped()
    if model is None or not events:
        return events
    sents = ix.sentences if ix is not None else sentences(text)
    starts = [lo for lo, _hi in sents]
    features_of = features_in(text, starts, article_date)
    date_roles.relabel(events, model.roles, features_of)
    for ev in events:
        for field, fm in model.fields.items():
            facts = distinct(field, ev)
            if not facts:
                continue
            p = fm.probability([value_features(text, ev, field, f, i, len(facts), starts, article_date)
                                for i, f in enumerate(facts)])
            kept = {key(field, f) for f, q in zip(facts, p, strict=True) if q >= fm.threshold}
            setattr(ev, field, [f for f in getattr(ev, field) if key(field, f) in kept])
            ev.set_aside += [(field, f, round(float(q), 3)) for f, q in zip(facts, p, strict=True)
                             if key(field, f) not in kept]
    if model.near:
        neighbours.adopt(neighbours.candidates(text, article_date, sents, events, features_of, model.roles, ix),
                         model.near)
    return events


@dataclass(frozen=True)
class Labelled:
    """Per field, the features of each value of the matched events of one folder, and whether it is right; and per
    field the annotated values of those events the rules did not find (false negatives whatever the model)."""

    rows: dict[str, list[list[str]]]
    right: dict[str, list[float]]
    unfound: dict[str, int]


def _matched(readings: list) -> Iterator[tuple]:
    """(reading, its sentence starts, event, annotated event) for each event of the readings that matches one."""
    for r in readings:
        starts = [lo for lo, _hi in r.ix.sentences]
        for ev, gold in zip(r.events, r.gold, strict=True):
            if gold is not None:
                yield r, starts, ev, gold


def _role_samples(readings: list) -> tuple[list[list[str]], list[str], list[str]]:
    """The dates of matched events whose value the annotation holds: each one's role features, the rules' role and
    the annotation's (the rules' where the annotation holds the day in that role too)."""
    rows, given, right = [], [], []
    for r, starts, ev, gold in _matched(readings):
        want: dict[str, set[str]] = {}
        for role, value in score._values(gold, "dates"):
            want.setdefault(value, set()).add(role)
        facts = distinct("dates", ev)
        for i, f in enumerate(facts):
            if f.value in want:
                feats = value_features(r.text, ev, "dates", f, i, len(facts), starts, r.article_date)
                rows.append(date_roles.role_features(feats, ev.kind))
                given.append(f.role)
                right.append(f.role if f.role in want[f.value] else min(want[f.value]))
    return rows, given, right


def labelled_values(readings: list) -> Labelled:
    """The values of the events the monitor reports in annotated texts (`train.monitor_readings` of a folder) and
    matches to annotated ones."""
    rows = {f: [] for f in FIELDS}
    right = {f: [] for f in FIELDS}
    unfound = dict.fromkeys(FIELDS, 0)
    for r, starts, ev, gold in _matched(readings):
        for field in FIELDS:
            want = score._values(gold, field)
            facts = distinct(field, ev)
            rows[field] += [value_features(r.text, ev, field, f, i, len(facts), starts, r.article_date)
                            for i, f in enumerate(facts)]
            right[field] += [float(key(field, f) in want) for f in facts]
            unfound[field] += len(want - {key(field, f) for f in facts})
    return Labelled(rows, right, unfound)


def fit_date_roles(readings: dict[Path, list], penalty: float = date_roles.PENALTY) -> date_roles.RoleModel:
    """The date role model fitted on the monitor's readings of annotated folders, with its leave-one-folder-out
    count of the roles it fixes and breaks."""
    samples = {str(f): _role_samples(rs) for f, rs in readings.items()}
    rows = {f: s[0] for f, s in samples.items()}
    cv = date_roles.cross_validated(rows, {f: s[1] for f, s in samples.items()},
                                    {f: s[2] for f, s in samples.items()}, penalty)
    feats, w = date_roles.fit_roles([r for s in samples.values() for r in s[0]],
                                    [y for s in samples.values() for y in s[2]], penalty)
    about = {"dates": sum(len(s[0]) for s in samples.values()), "penalty": penalty, "margin": date_roles.MARGIN,
             "cross_validation": "leave one folder out", **cv}
    return date_roles.RoleModel(feats, w, about)


def _out_of_folder(rows: dict, right: dict, penalty: float) -> tuple[np.ndarray, np.ndarray]:
    """Leave one folder out: the rows of each folder (`rows`, `right`: per folder, in order) weighed by a model fitted
    on the other folders', with their labels, concatenated in folder order."""
    p, y = [np.zeros(0)], [np.zeros(0)]
    for f, held in rows.items():
        if not held:
            continue
        w, b = _fit_field([r for g in rows if g != f for r in rows[g]],
                          np.array([v for g in rows if g != f for v in right[g]]), penalty)
        p.append(FieldModel(w, b, 0.0).probability(held))
        y.append(np.array(right[f], dtype=float))
    return np.concatenate(p), np.concatenate(y)


def _fit_field(rows: list[list[str]], right: np.ndarray, penalty: float = PENALTY) -> tuple[dict[str, float], float]:
    vocab = vocabulary(rows, MIN_COUNT)
    w = logistic_weights(binary_matrix(rows, {f: i for i, f in enumerate(vocab)}), right, penalty)
    return dict(zip(vocab, w[:-1].tolist(), strict=True)), float(w[-1])


def fit_values(folders: Sequence[Path], penalty: float = PENALTY) -> ValueModel:
    """The models fitted on the annotated texts of `folders`, each threshold chosen by leave-one-folder-out
    cross-validation."""
    from chokepoints.events.train import monitor_readings

    folders = [Path(f) for f in folders]
    readings = {f: list(monitor_readings(f)) for f in folders}
    roles = fit_date_roles(readings)
    for rs in readings.values():  # (the filter weighs the dates in the roles the role model gives them)
        for r in rs:
            date_roles.relabel(r.events, roles, features_in(r.text, [lo for lo, _hi in r.ix.sentences],
                                                            r.article_date))
    data = {f: labelled_values(rs) for f, rs in readings.items()}
    fields, about = {}, {"fitted_on": [f.name or str(f) for f in folders], "penalty": penalty,
                         "cross_validation": "leave one folder out"}
    for field in FIELDS:
        p, y = _out_of_folder({f: data[f].rows[field] for f in folders}, {f: data[f].right[field] for f in folders},
                              penalty)
        unfound = sum(d.unfound[field] for d in data.values())
        scores = {float(t): precision_recall(y, p >= t, unfound) for t in THRESHOLDS}
        threshold = plateau_middle(scores, PLATEAU)
        w, b = _fit_field([r for d in data.values() for r in d.rows[field]],
                          np.array([y for d in data.values() for y in d.right[field]]), penalty)
        fields[field] = FieldModel(w, b, threshold)
        about[field] = {"values": len(y), "right": int(y.sum()), "annotated_unfound": unfound,
                        "cv_without_model": precision_recall(y, np.ones(len(y), bool), unfound),
                        "cv_with_model": scores[threshold]}
    filtered = ValueModel(fields, about, roles)
    near, about["near"] = fit_neighbours({f: _near_samples(rs, filtered) for f, rs in readings.items()}, penalty)
    return ValueModel(fields, about, roles, near)


def _near_samples(readings: list, model: ValueModel) -> dict[str, tuple[list[list[str]], list[float]]]:
    """Per field, the features of the neighbours' candidates of the matched events of one folder's readings, each
    event as the value filter (`model`, without neighbours) leaves it, and whether the annotation holds it."""
    out: dict[str, tuple[list, list]] = {f: ([], []) for f in neighbours.FIELDS}
    for r in readings:
        events = copy.deepcopy(r.events)  # (the readings stay as the monitor read them)
        keep_values(r.text, r.article_date, events, model, ix=r.ix)
        gold = {id(ev): g for ev, g in zip(events, r.gold, strict=True) if g is not None}
        made = neighbours.candidates(
            r.text, r.article_date, r.ix.sentences, events,
            features_in(r.text, [lo for lo, _hi in r.ix.sentences], r.article_date), model.roles, r.ix)
        for c in (c for c in made if id(c.event) in gold):
            out[c.field][0].append(c.features)
            out[c.field][1].append(float(neighbours.is_right(c, gold[id(c.event)])))
    return out


def fit_neighbours(samples: dict[Path, dict[str, tuple[list[list[str]], list[float]]]],
                   penalty: float = PENALTY) -> tuple[dict[str, FieldModel], dict]:
    """Per field, the neighbours' model fitted on every folder's candidates (`_near_samples`), and how many
    candidates a model fitted without a folder adopts in it, and how many of those are right."""
    models, about = {}, {"span": neighbours.SPAN, "threshold": neighbours.THRESHOLD}
    for field in neighbours.FIELDS:
        p, y = _out_of_folder({f: s[field][0] for f, s in samples.items()},
                              {f: s[field][1] for f, s in samples.items()}, penalty)
        took = p >= neighbours.THRESHOLD
        adopted, right = int(took.sum()), int((took & (y == 1)).sum())
        w, b = _fit_field([r for s in samples.values() for r in s[field][0]],
                          np.array([v for s in samples.values() for v in s[field][1]]), penalty)
        models[field] = FieldModel(w, b, neighbours.THRESHOLD)
        about[field] = {"candidates": sum(len(s[field][1]) for s in samples.values()),
                        "right": int(sum(sum(s[field][1]) for s in samples.values())),
                        "cv_adopted": adopted, "cv_adopted_right": right}
    return models, about


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m chokepoints.events.values", description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", type=Path, nargs="+", help="folders of annotated texts (<stem>.json beside each text)")
    ap.add_argument("--out", type=Path, default=VALUES)
    args = ap.parse_args(argv)
    model = fit_values(args.folders)
    args.out.write_text(model.to_json(), encoding="utf-8")
    print(f"date roles: {model.roles.about}")
    for field in FIELDS:
        a = model.about[field]
        print(f"{field}: threshold {model.fields[field].threshold}; cross-validated without the model "
              f"{a['cv_without_model']}, with it {a['cv_with_model']}")
    print(f"neighbours: {model.about['near']}")


if __name__ == "__main__":
    main()
