"""A sentence classifier that reads whether a sentence tells an event, and of which kind, from its words alone.

The rules (`triggers.py`) find an event by its trigger phrase. On text by writers they were not drawn from, they find
about half of the events, and thirteen passes of new phrases have not moved that (docs/methods/events.md). This model
reads a sentence as a bag of its words and word pairs, with places, materials and numbers replaced by placeholders,
so "Russia bans grain exports" and "Hungary bans wheat exports" are the same words. It learns from the annotated
texts which words tell news (a weekday, "signed", "halted", "bars imports").

It is fitted on the same annotated texts as the confidence model and stored in `detector.npz`. Two L2-penalised
logistic regressions are fitted on sparse 0/1 features (whether a word or pair is in the sentence):
- does the sentence hold an annotated event (over every sentence);
- of which kind (one against the rest per kind, over the sentences that hold one).

The extractor asks it only about sentences the rules leave silent (`detected`, called by `extract.whole_text`).
There a sentence it finds more likely than not to tell news, of a kind it finds more likely than not, becomes an
event. The classifier gives its kind; the rules' readers give its roles, materials, amounts and dates. The event is
marked `read_by = "sentence classifier"`, its evidence is the whole sentence, and its confidence is the classifier's
probability.

    python -m chokepoints.events.detect tests/events/texts tests/events/texts/heldout ... [--out detector.npz]
"""

from __future__ import annotations

import argparse
import json
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.special import expit

from chokepoints.events import gazetteer as gz
from chokepoints.events.facts import KINDS, Event, Fact
from chokepoints.events.weigh import logistic_weights

DETECTOR = Path(__file__).with_name("detector.npz")
READER = "sentence classifier"
# more likely than not to tell an event: a logistic model's natural decision point (0.3 and 0.4, tried on heldout13-15,
# trade about 2 points of recall for 2-3 of precision; docs/methods/events.md)
THRESHOLD = 0.5
# and more likely than not to be of the kind it gives (its kind model's own probability): an event of a kind it is
# unsure of is as often a false event as a found one (docs/methods/events.md, thirteenth pass)
KIND_THRESHOLD = 0.5
MIN_COUNT = 3  # a word (or pair) seen in fewer sentences is no feature
PENALTY = 1.0
_WORD = re.compile(r"[a-z][a-z\-']*")
_NUMBER = re.compile(r"\d[\d.,]*")


def sentence_words(text: str, lo: int, hi: int, ix: gz.TextIndex) -> list[str]:
    """The words and adjacent word pairs of text[lo:hi], lower-cased, with each place named "zplace", each material
    "zmat" and each number "znum" (so the model learns the wording, not the country or metal)."""
    places = ix.places(lo, hi)
    marks = [(m.start, m.end, " zplace ") for m in places] + [(m.start, m.end, " zmat ")
                                                               for m in ix.materials(lo, hi)]
    parts, at = [], lo
    for start, end, tag in sorted(marks):
        if start < at:
            continue  # (a material inside a place's name)
        parts += [text[at:start], tag]
        at = end
    parts.append(text[at:hi])
    words = _WORD.findall(_NUMBER.sub(" znum ", "".join(parts).lower()))
    return words + [a + "_" + b for a, b in zip(words, words[1:], strict=False)]


@dataclass(frozen=True)
class Detector:
    """The fitted sentence classifier: its vocabulary, the event weights and one row of kind weights per kind."""

    vocab: tuple[str, ...]
    event: np.ndarray  # len(vocab) + 1 (intercept last)
    kinds: np.ndarray  # len(kind_names) x (len(vocab) + 1)
    kind_names: tuple[str, ...] = KINDS
    threshold: float = THRESHOLD
    about: dict = field(default_factory=dict)

    @property
    def longest(self) -> int:
        """The longest text it reads: half as long again as the longest it was fitted on, as the confidence model
        (`weigh.Model.longest`); a longer file (many articles) is left to the rules."""
        return int(1.5 * self.about.get("longest_text", 0))

    @cached_property
    def index(self) -> dict[str, int]:
        """Column of each word or pair, built once per detector (not looked up in a cache keyed by the whole
        vocabulary on each call)."""
        return {w: i for i, w in enumerate(self.vocab)}

    def matrix(self, sentences: list[list[str]]) -> sparse.csr_matrix:
        """Sentences (their words) as rows of 0/1 features, with a last column of ones."""
        index, ones = self.index, len(self.vocab)
        rows, cols = [], []
        for i, words in enumerate(sentences):
            for j in {index[w] for w in words if w in index} | {ones}:
                rows.append(i)
                cols.append(j)
        return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(sentences), ones + 1))

    def read(self, sentences: list[list[str]]) -> tuple[np.ndarray, list[str], np.ndarray]:
        """Per sentence: the probability that it tells an event, the most likely kind, and that kind's probability
        (by its one-against-the-rest model)."""
        if not sentences:
            return np.zeros(0), [], np.zeros(0)
        m = self.matrix(sentences)
        p = expit(m @ self.event)
        logits = np.asarray(m @ self.kinds.T)
        top = np.argmax(logits, axis=1)
        kind_p = expit(logits[np.arange(len(top)), top])
        return p, [self.kind_names[i] for i in top], kind_p

    def save(self, path: Path = DETECTOR) -> None:
        np.savez_compressed(path, vocab=np.array(self.vocab), event=self.event.astype(np.float32),
                            kinds=self.kinds.astype(np.float32), kind_names=np.array(self.kind_names),
                            threshold=np.array(self.threshold),
                            about=np.array(json.dumps(self.about, sort_keys=True)))

    @classmethod
    def load(cls, path: Path = DETECTOR) -> Detector:
        with np.load(path) as f:
            return cls(tuple(str(w) for w in f["vocab"]), f["event"].astype(float), f["kinds"].astype(float),
                       tuple(str(k) for k in f["kind_names"]), float(f["threshold"]), json.loads(str(f["about"])))


@lru_cache(maxsize=1)
def shipped() -> Detector | None:
    """The classifier fitted on the annotated texts; None where none is shipped (then the rules alone read)."""
    return Detector.load() if DETECTOR.exists() else None


def detected(text: str, article_date: date | None, found: list[Event], detector: Detector | None = None,
             ix=None) -> list[Event]:
    """Events in the sentences of `text` where the rules found none (`found`: the rules' candidates), which the
    classifier finds more likely than not to tell news, and of a kind it finds more likely than not; each read by the
    rules' readers (roles, materials, amounts, dates) as an event of that kind, marked `read_by = READER`, its
    evidence the sentence. `ix`: the text's index (`extract._Index`), where the caller built one."""
    # (extract's readers, imported here: extract imports this module to call it)
    from chokepoints.events.discourse import inherit
    from chokepoints.events.extract import _event, _Index, _supported, sentences
    from chokepoints.events.roles import datelines

    detector = detector or shipped()
    if detector is None or len(text) > detector.longest:
        return []  # beyond the articles it was fitted on (a file of many articles) the rules alone read
    ix = ix if ix is not None else _Index(text)
    told = sorted(e.trigger.start for e in found)
    silent = [(lo, hi) for lo, hi in sentences(text)
              if not (i := bisect_left(told, lo)) < len(told) or told[i] >= hi]
    p, kinds, kind_p = detector.read([sentence_words(text, lo, hi, ix) for lo, hi in silent])
    skip = datelines(text)
    out: list[Event] = []
    for (lo, hi), prob, kind, sure in zip(silent, p, kinds, kind_p, strict=True):
        if prob < detector.threshold or sure < KIND_THRESHOLD:
            continue
        ev = _event(text, [(kind, "", lo, hi)], lo, hi, article_date, None, skip, ix)
        inherit(ev, [e for e in found if e.span[1] <= lo], ix, lo)
        if not _supported(ev):
            continue  # (no actor, no material, no number: nothing a reader could check)
        ev.trigger = Fact(kind, lo, hi, text[lo:hi], READER)
        ev.read_by, ev.confidence = READER, round(float(prob), 3)
        out.append(ev)
    return out


def labelled_sentences(folders: Sequence[Path]) -> tuple[list[list[str]], np.ndarray, list[str | None], int]:
    """The words of every sentence of the annotated texts of `folders`, whether an annotated event's anchor lies in
    it, that event's kind, and the length of the longest text."""
    from chokepoints.events.extract import sentences
    from chokepoints.events.text import read_document
    from chokepoints.events.train import annotated

    words, told, kinds, longest = [], [], [], 0
    for folder in folders:
        for src, spec in annotated(folder):
            text = read_document(src, article_date=date.fromisoformat(spec["date"])).text
            longest = max(longest, len(text))
            ix = gz.TextIndex(text)
            anchors = [(text.find(e["anchor"]), e["kind"]) for e in spec["events"]]
            for lo, hi in sentences(text):
                kind = next((k for a, k in anchors if lo <= a < hi), None)
                words.append(sentence_words(text, lo, hi, ix))
                told.append(kind is not None)
                kinds.append(kind)
    return words, np.array(told, dtype=float), kinds, longest


def fit_detector(folders: Sequence[Path], *, min_count: int = MIN_COUNT, penalty: float = PENALTY) -> Detector:
    """The classifier fitted on every sentence of the annotated texts of `folders`."""
    folders = [Path(f) for f in folders]
    words, told, kinds, longest = labelled_sentences(folders)
    seen = Counter(w for ws in words for w in set(ws))
    vocab = tuple(sorted(w for w, n in seen.items() if n >= min_count))
    blank = Detector(vocab, np.zeros(len(vocab) + 1), np.zeros((len(KINDS), len(vocab) + 1)))
    m = blank.matrix(words)
    event = logistic_weights(m, told, penalty)
    pos = np.flatnonzero(told)
    kind_w = np.vstack([logistic_weights(m[pos], np.array([float(kinds[i] == k) for i in pos]), penalty)
                        for k in KINDS])
    about = {"fitted_on": [f.name or str(f) for f in folders], "sentences": len(words),
             "with_event": int(told.sum()), "vocabulary": len(vocab), "min_count": min_count, "penalty": penalty,
             "longest_text": longest}
    return Detector(vocab, event, kind_w, KINDS, THRESHOLD, about)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m chokepoints.events.detect", description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", type=Path, nargs="+", help="folders of annotated texts (<stem>.json beside each text)")
    ap.add_argument("--out", type=Path, default=DETECTOR)
    args = ap.parse_args(argv)
    det = fit_detector(args.folders)
    det.save(args.out)
    a = det.about
    print(f"{a['sentences']} sentences, {a['with_event']} with an event; vocabulary {a['vocabulary']}")


if __name__ == "__main__":
    main()
