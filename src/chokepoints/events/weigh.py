"""How likely each extracted event is news a reader would annotate: a logistic model over what the rules found.

The rules (`extract.candidates`, `newsworthy.news`) propose events; this model, fitted on the hand-annotated tuning
texts (`events.train`), weighs each one by the company it keeps: its kind, where in the text it is told, which of
its fields were found, how its dates stand to the article's, cue words of its sentence (a modal, "since", a
quote, market talk), and how likely the sentence classifier (`detect`) finds it that its sentence tells an event, and
one of its kind. An event below the fitted threshold is dropped, and every event kept carries its `confidence`.

Why a model on top of rules: hand-written filters for background and asides had reached the point where each new
one dropped about as many right events as wrong ones; a model weighs all the cues at once, and its threshold is
chosen by cross-validation across the independent writers' batches (docs/methods/events-passes.md, "seventh pass").

The model weighs texts up to half as long again as the longest it was fitted on (about 9,000 characters: a long
article); a longer file, such as a day's digest of many articles, is left to the rules, and its events carry no
confidence.
The weights are data (`weights.json`), refitted by `python -m chokepoints.events.train`; a test refits them and
checks the shipped file is what the tuning texts give.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import numpy as np

from chokepoints.errors import InputError
from chokepoints.events.dates import first_day
from chokepoints.events.detect import Detector
from chokepoints.events.discourse import LEAD
from chokepoints.events.facts import KINDS, Event
from chokepoints.events.logistic import logistic_weights
from chokepoints.events.readings import views
from chokepoints.events.sentences import sentence_at, sentences

WEIGHTS = Path(__file__).with_name("weights.json")
# cue words of the event's sentence; each is one feature (present or not)
CUES = {
    "modal": r"\b(?:would|could|may|might|should)\b",
    "plan": r"\b(?:plans?|planned|considering|consider|proposed?|threaten\w*|seeks?|aims?)\b",
    "since": r"\bsince\b",
    "perfect": r"\b(?:had|has|have)\s+(?:been\s+)?\w+ed\b",
    "earlier": r"\b(?:earlier|previously|last\s+year|in\s+20\d\d|years\s+ago|before)\b",
    "said": r"\b(?:said|says|told|according)\b",
    "negation": r"\b(?:not|no|never)\b|n't\b",
    "quote": r"[\"“”]",
    "condition": r"\b(?:if|unless|whether)\b",
    "analyst": r"\b(?:analysts?|experts?|observers?)\b",
    "market": r"\b(?:prices?|shares?|stocks?|market)\b",
    "example": r"\b(?:such\s+as|like|similar|including)\b",
    "future": r"\b(?:will|to\s+take\s+effect|from\s+next)\b",
    "act": r"\b(?:announced|imposed|signed|agreed|approved|launched|unveiled|began|started)\b",
    # one more fact of the same text ("It also adds one Russian entity", "The same notification doubled the duty")
    "also": r"\b(?:also|in\s+addition|additionally|separately|likewise|the\s+same\s+(?:notification|order|decree|"
            r"regulation|rule|notice|decision|proclamation))\b",
}
_CUES = {k: re.compile(p, re.I) for k, p in CUES.items()}
FIELDS = ("actors", "targets", "materials", "magnitude", "dates")
ROLES = ("announced", "effective", "end", "deadline", "start")
# the sentence classifier's log-odds that the event's sentence tells an event, and one of the event's kind: words the
# rules do not read (thirteenth pass: the classifier reads sentences alone; fourteenth: it also weighs the rules')
CLASSIFIER = ("classifier_event", "classifier_kind")
SUBKINDS = ("licence", "ban", "quota", "tax", "suspension", "threatened", "investigation", "technology", "separation")
# an investment screened out (a takeover blocked, a divestment ordered: `triggers`, subkind "screening") is kept from
# this confidence up, not from the model's threshold: the model, whose classifier features have seen few such
# sentences, put four of the clean sets' vetoes under it (0.14-0.34), and on the fitted sets no screening event is
# under it (twenty-ninth pass: clean sets 569 found / 110 false to 573 / 109, fitted sets unchanged; as a feature of
# the model the subkind came out negative and lost four). The model's figure is still each event's confidence
SCREENED = 0.1


def feature_names() -> list[str]:
    return ([f"kind={k}" for k in KINDS] + [f"subkind={s}" for s in SUBKINDS] +
            ["first_sentence", "sentence<=2", "log_sentence", "in_lead"] + [f"has_{f}" for f in FIELDS] +
            [f"date_{r}" for r in ROLES] + ["log_days_from_article", "date_ahead", "date_before_2_months"] +
            [f"cue_{k}" for k in CUES] +
            ["log_same_kind", "later_same_kind", "log_facts", "log_sentence_chars", "log_events", "log_text_chars"] +
            list(CLASSIFIER) + [f"{c}*{k}" for c in CLASSIFIER for k in KINDS])


def features(text: str, article_date: date | None, events: list[Event], detector: Detector | None = None,
             ix=None) -> np.ndarray:
    """One row per event, in `feature_names()` order; the last are the sentence classifier's view of the event's
    sentence (`readings.views`: `detector`, else the shipped one), alone and per kind. `ix`: the text's index, where
    the caller built one."""
    col = {n: i for i, n in enumerate(feature_names())}
    # sentence starts, for the index of the sentence an event is told in (the sentences the rules read)
    starts = [lo for lo, _hi in (ix.sentences if ix is not None else sentences(text))]
    out = np.zeros((len(events), len(col)))
    of_kind = Counter(e.kind for e in events)
    told: Counter[str] = Counter()  # events of each kind before this one
    for row, ev in enumerate(events):
        for name, value in _row(text, article_date, len(events), of_kind[ev.kind], told[ev.kind] > 0, ev,
                                starts).items():
            out[row, col[name]] = value
        told[ev.kind] += 1
    out[:, [col[c] for c in CLASSIFIER]] = views(text, events, detector, ix)
    # the classifier's view per kind: how far its words can be trusted differs by kind. Twenty-second pass:
    # cross-validated F1 0.738 to 0.740; the ten clean sets 265 to 267 events found, false ones 56 as before; the
    # fitted sets' false events 174 to 168
    for c in CLASSIFIER:
        for k in KINDS:
            out[:, col[f"{c}*{k}"]] = out[:, col[c]] * out[:, col[f"kind={k}"]]
    return out


def _row(text: str, article_date: date | None, n_events: int, same: int, later: bool, ev: Event,
         starts: list[int]) -> dict[str, float]:
    at = ev.trigger.start
    index = sentence_at(starts, at)
    lo, hi = ev.span
    sentence = text[max(0, lo):min(len(text), max(hi, ev.trigger.end))]
    x = {f"kind={ev.kind}": 1.0, "first_sentence": float(index == 0), "sentence<=2": float(index <= 2),
         "log_sentence": math.log1p(min(index, 60)), "in_lead": float(at < LEAD)}
    if ev.subkind in SUBKINDS:
        x[f"subkind={ev.subkind}"] = 1.0
    x |= {f"has_{f}": float(bool(getattr(ev, f))) for f in FIELDS}
    x |= {f"date_{d.role}": 1.0 for d in ev.dates if d.role in ROLES}
    days = _days(ev, article_date)
    if days:
        x |= {"log_days_from_article": math.log1p(min(abs(d) for d in days)), "date_ahead": float(max(days) > 7),
              "date_before_2_months": float(min(days) < -60)}
    x |= {f"cue_{k}": float(bool(rx.search(sentence))) for k, rx in _CUES.items()}
    x |= {"log_same_kind": math.log1p(min(same - 1, 10)), "later_same_kind": float(later),
          "log_facts": math.log1p(min(sum(len(getattr(ev, f)) for f in FIELDS), 30)),
          "log_sentence_chars": math.log1p(min(hi - lo, 2000)), "log_events": math.log1p(min(n_events, 20)),
          "log_text_chars": math.log1p(len(text))}
    return x


def _days(ev: Event, article_date: date | None) -> list[int]:
    if article_date is None:
        return []
    out = []
    for d in ev.dates:
        try:
            out.append((first_day(d.value) - article_date).days)
        except ValueError:
            continue
    return out


@dataclass(frozen=True)
class Model:
    """A fitted logistic model: standardised features, coefficients, and the threshold below which an event is
    dropped."""

    names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float
    about: dict

    @property
    def longest(self) -> int:
        """The longest text it weighs: half as long again as the longest it was fitted on."""
        return int(1.5 * self.about.get("longest_text", 0))

    def confidence(self, x: np.ndarray) -> np.ndarray:
        if len(x) == 0:
            return np.zeros(0)
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def to_json(self) -> str:
        return json.dumps({"about": self.about, "threshold": round(self.threshold, 4),
                           "intercept": round(self.intercept, 6),
                           "features": {n: {"mean": round(float(m), 6), "scale": round(float(s), 6),
                                            "coef": round(float(c), 6)}
                                        for n, m, s, c in zip(self.names, self.mean, self.scale, self.coef,
                                                              strict=True)}},
                          indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, raw: str) -> Model:
        d = json.loads(raw)
        feats = d["features"]
        names = tuple(feature_names())
        if tuple(feats) != names:
            raise ValueError("weights.json was fitted on other features; refit: python -m chokepoints.events.train")
        col = lambda k: np.array([feats[n][k] for n in names])  # noqa: E731
        return cls(names, col("mean"), col("scale"), col("coef"), d["intercept"], d["threshold"], d["about"])


@lru_cache(maxsize=1)
def shipped() -> Model | None:
    """The model fitted on the tuning texts; None where no weights are shipped (then every event is kept)."""
    return Model.from_json(WEIGHTS.read_text(encoding="utf-8")) if WEIGHTS.exists() else None


def weighing(min_confidence: float | None = None) -> Model | None:
    """The shipped model, with `min_confidence` in place of its fitted threshold where one is given (0 to 1)."""
    model = shipped()
    if min_confidence is None or model is None:
        return model
    if not 0.0 <= min_confidence <= 1.0:
        raise InputError(f"the minimum confidence {min_confidence} is not between 0 and 1")
    return dataclasses.replace(model, threshold=float(min_confidence))


def weigh(text: str, article_date: date | None, events: list[Event], model: Model | None = None, ix=None
          ) -> list[Event]:
    """`events` with their `confidence` set, without those below the model's threshold (an investment screened out:
    below `SCREENED`). `ix`: the text's index, where the caller built one."""
    model = model or shipped()
    if model is None or not events or len(text) > model.longest:
        # beyond the articles it was fitted on (a file of many articles) the model would be guessing: the rules
        # alone decide, and the events carry no confidence
        return events
    conf = model.confidence(features(text, article_date, events, ix=ix))
    for ev, c in zip(events, conf, strict=True):
        ev.confidence = round(float(c), 3)
    return [ev for ev in events if ev.confidence >= (SCREENED if ev.subkind == "screening" else model.threshold)]


def fit(x: np.ndarray, y: np.ndarray, *, penalty: float = 1.0) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Mean, scale, coefficients and intercept of an L2-penalised logistic regression of `y` (0/1) on `x`
    (scipy's L-BFGS on the exact log-likelihood and its gradient)."""
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale = np.where(scale > 0, scale, 1.0)
    z = (x - mean) / scale
    w = logistic_weights(np.hstack([z, np.ones((len(z), 1))]), y, penalty)
    return mean, scale, w[:-1], float(w[-1])
