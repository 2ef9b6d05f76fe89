"""Fit the event monitor's confidence model (`weigh`) on hand-annotated texts, and choose its threshold.

    python -m chokepoints.events.train tests/events/texts tests/events/texts/heldout ... [--out weights.json]

Each `<stem>.json` in the folders (the annotation format of docs/methods/events-annotation.md) names its text and
the events a reader annotated. The rules read every text without the model; each event they find is labelled 1 when
it matches an annotated event (`score.match`) and 0 when not. Its sentence is read by a sentence classifier fitted
on the other folders (`detect.out_of_fold`), as the shipped classifier reads a new text. The threshold is chosen by
leave-one-batch-out cross-validation: each writer's batch (`p9a_`, `h3_`, ...; the older texts form one batch) is
weighed by a model fitted on all the others, and the threshold that gives the best F1 of events over all batches is
kept (the higher one at equal F1). The cross-validated precision and recall, with and without the model, are written
into the weights' `about`.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from chokepoints.events import detect, score
from chokepoints.events.extract import extract
from chokepoints.events.facts import Event
from chokepoints.events.logistic import THRESHOLDS, plateau_middle, precision_recall
from chokepoints.events.text import read_document
from chokepoints.events.textindex import Index
from chokepoints.events.weigh import WEIGHTS, Model, feature_names, features, fit

PENALTY = 1.0  # L2 weight; 0.3-3 gave the same cross-validated F1 on the tuning texts
_BATCH = re.compile(r"^((?:p|h)\d+[a-z]?)_")


@dataclass
class Samples:
    """Features and labels of every event the rules find in a set of annotated texts."""

    x: np.ndarray
    y: np.ndarray
    batch: np.ndarray
    missed: dict[str, int]  # per batch, annotated events the rules did not find (false negatives whatever the model)
    longest: int  # characters of the longest text


def text_of(gold: Path, spec: dict) -> Path:
    """The text an annotation file annotates: its `text` key (relative to it), else the file beside it of its stem."""
    if "text" in spec:
        return (gold.resolve().parent / spec["text"]).resolve()
    return next(p for p in gold.parent.glob(gold.stem + ".*") if p.suffix != ".json")


def annotated(folder: Path) -> list[tuple[Path, dict]]:
    """(text file, annotation) of each annotation in `folder`."""
    out = []
    for gold in sorted(Path(folder).glob("*.json")):
        spec = json.loads(gold.read_text(encoding="utf-8"))
        out.append((text_of(gold, spec), spec))
    return out


@dataclass
class Reading:
    """An annotated text as the extractor reads it (the rules alone, or the whole monitor: `monitor_readings`): each
    event with the annotated event it matches (`score.match`), if any. What the models learn from."""

    src: Path
    text: str
    article_date: date
    events: list[Event]
    gold: list[dict | None]
    missed: int  # annotated events no event read matches
    ix: Index  # the text's index, as the rules read it (its sentences cut once for every model's features)


def _readings(folder: Path, **how) -> Iterator[Reading]:
    for src, spec in annotated(folder):
        doc = read_document(src, article_date=date.fromisoformat(spec["date"]))
        ix = Index(doc.text, doc.date)  # (kept: the models' features read the same sentences)
        events = extract(doc.text, doc.date, ix=ix, **how)
        dicts = [e.to_dict() for e in events]
        pairs = score.match(doc.text, dicts, spec["events"])
        gold = {id(g): e for g, e in pairs if g is not None and e is not None}
        yield Reading(src, doc.text, doc.date, events, [gold.get(id(d)) for d in dicts],
                      sum(g is None for g, _e in pairs), ix)


def rule_readings(folder: Path) -> Iterator[Reading]:
    """Each annotated text of `folder` as the rules read it (no model weighs their events or adds to them): what the
    confidence model learns from."""
    return _readings(folder, weighed=False, detect=False)


def monitor_readings(folder: Path) -> Iterator[Reading]:
    """Each annotated text of `folder` as the shipped monitor reports it, before the value filter (`sift=False`):
    what the value filter and the date role model learn from."""
    return _readings(folder, sift=False)


def samples(folders: Path | Sequence[Path], light: Sequence[Path] = ()) -> Samples:
    """Every event the rules find in the annotated texts of `folders`, labelled by the annotations (`light`: the
    classifier's further texts, annotated with sentences and kinds alone, which it is always fitted on)."""
    rows, labels, batches, missed, longest = [], [], [], {}, 0
    classifier = detect.out_of_fold(_folders(folders), light)  # (each folder weighed by a classifier that never saw it)
    for folder in _folders(folders):
        for r in rule_readings(folder):
            longest = max(longest, len(r.text))
            m = _BATCH.match(r.src.stem)
            batch = m.group(1) if m else "older"
            missed[batch] = missed.get(batch, 0) + r.missed
            rows.append(features(r.text, r.article_date, r.events, classifier[folder], ix=r.ix))
            labels += [int(g is not None) for g in r.gold]
            batches += [batch] * len(r.events)
    x = np.vstack(rows) if rows else np.zeros((0, len(feature_names())))
    return Samples(x, np.array(labels), np.array(batches), missed, longest)


# F1 differences below this are noise when the threshold is chosen: with about 1,100 events found and 950 annotated,
# F1's standard error is about 0.015, and 0.01 is some 8 events (0.005 was, with half as many texts, until the
# thirteenth pass, where it left a plateau of two thresholds whose middle moved from 0.3 to 0.4 between refits)
PLATEAU = 0.01


def _folders(folders: Path | Sequence[Path]) -> list[Path]:
    return [Path(folders)] if isinstance(folders, (str, Path)) else [Path(f) for f in folders]


def cross_validated(s: Samples, penalty: float = PENALTY) -> np.ndarray:
    """Each event's confidence by a model fitted without its batch."""
    out = np.zeros(len(s.y))
    for b in np.unique(s.batch):
        held = s.batch == b
        mean, scale, coef, icpt = fit(s.x[~held], s.y[~held], penalty=penalty)
        z = ((s.x[held] - mean) / scale) @ coef + icpt
        out[held] = 1.0 / (1.0 + np.exp(-z))
    return out


def train(folders: Path | Sequence[Path], penalty: float = PENALTY, light: Sequence[Path] = ()) -> Model:
    """The model fitted on the annotated texts of `folders`, its threshold chosen by cross-validation (`light`: as
    for `samples`)."""
    s = samples(folders, light)
    cv = cross_validated(s, penalty)
    missed = sum(s.missed.values())
    scores = {float(t): precision_recall(s.y, cv >= t, missed) for t in THRESHOLDS}
    threshold = plateau_middle(scores, PLATEAU)
    mean, scale, coef, icpt = fit(s.x, s.y, penalty=penalty)
    names = ", ".join(f"{f.name}/" for f in _folders(folders))
    about = {"fitted_on": f"{len(np.unique(s.batch))} batches of annotated texts ({names})",
             "events_found": int(len(s.y)), "events_right": int(s.y.sum()), "events_missed_by_rules": missed,
             "longest_text": s.longest, "penalty": penalty, "cross_validation": "leave one writer's batch out",
             "cv_without_model": precision_recall(s.y, np.ones(len(s.y), bool), missed),
             "cv_with_model": scores[threshold]}
    return Model(tuple(feature_names()), mean, scale, coef, icpt, threshold, about)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m chokepoints.events.train", description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", type=Path, nargs="+", help="folders of annotated texts (<stem>.json beside each text)")
    ap.add_argument("--light", type=Path, nargs="*", default=[],
                    help="the sentence classifier's folders of texts annotated with sentences and kinds alone")
    ap.add_argument("--out", type=Path, default=WEIGHTS)
    args = ap.parse_args(argv)
    model = train(args.folders, light=args.light)
    args.out.write_text(model.to_json(), encoding="utf-8")
    a = model.about
    print(f"{a['events_found']} events found by the rules, {a['events_right']} right; threshold {model.threshold}")
    print(f"cross-validated without the model {a['cv_without_model']}, with it {a['cv_with_model']}")


if __name__ == "__main__":
    main()
