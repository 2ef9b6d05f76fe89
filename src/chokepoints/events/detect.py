"""A sentence classifier that reads whether a sentence tells an event, and of which kind, from its words alone.

The rules (`triggers.py`) find an event by its trigger phrase. On text by writers they were not drawn from, they find
about half of the events, and thirteen passes of new phrases have not moved that (docs/methods/events-passes.md).
This model reads a sentence as a bag of its words cut to their stems and of pairs of stems, with places, materials
and numbers replaced by placeholders, so "Russia bans grain exports" and "Hungary bans wheat exports" are the same
words; and the words of the sentence before it, as context. It learns from the annotated texts which words tell news (a
weekday, "signed", "halted", "bars imports").

It is fitted on the same annotated texts as the confidence model and stored in `detector.npz`. Two L2-penalised
logistic regressions are fitted on sparse 0/1 features (whether a word or pair is in the sentence):
- does the sentence hold an annotated event (over every sentence);
- of which kind (one multinomial regression over the kinds, fitted on the sentences that hold one; until the
  fifteenth pass one regression per kind against the rest, whose best kind was too often under one half).

What the extractor asks of it, sentence by sentence, is in `readings.py`.

    python -m chokepoints.events.detect tests/events/texts tests/events/texts/heldout ... [--out detector.npz]
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.special import expit, log_softmax

from chokepoints.events import gazetteer as gz
from chokepoints.events.dates import find_dates, first_day
from chokepoints.events.facts import KINDS
from chokepoints.events.logistic import binary_matrix, logistic_weights, softmax_weights, vocabulary
from chokepoints.events.sentences import sentences

DETECTOR = Path(__file__).with_name("detector.npz")
# more likely than not to tell an event: a logistic model's natural decision point (0.3 and 0.4, tried on heldout13-15,
# trade about 2 points of recall for 2-3 of precision; docs/methods/events-passes.md)
THRESHOLD = 0.5
# and more likely than not to be of the kind it gives (its kind model's own probability): an event of a kind it is
# unsure of is as often a false event as a found one (docs/methods/events-passes.md, thirteenth pass)
KIND_THRESHOLD = 0.5
MIN_COUNT = 3  # a word (or pair) seen in fewer sentences is no feature
PENALTY = 4.0
KIND_PENALTY = 1.0
_WORD = re.compile(r"[a-z][a-z\-']*")
_NUMBER = re.compile(r"\d[\d.,]*")
_SUFFIXES = ("ing", "ed", "es", "s")


def words(text: str, lo: int, hi: int, ix: gz.TextIndex) -> list[str]:
    """The words of text[lo:hi], lower-cased, with each place named "zplace", each material "zmat" and each number
    "znum" (so the model learns the wording, not the country or metal); read once per span of the text (`ix.words`).
    """
    if (lo, hi) not in ix.words:
        ix.words[lo, hi] = _words(text, lo, hi, ix)
    return ix.words[lo, hi]


def _words(text: str, lo: int, hi: int, ix: gz.TextIndex) -> list[str]:
    marks = [(m.start, m.end, " zplace ") for m in ix.places(lo, hi)] + [(m.start, m.end, " zmat ")
                                                                       for m in ix.materials(lo, hi)]
    parts, at = [], lo
    for start, end, tag in sorted(marks):
        if start < at:
            continue  # (a material inside a place's name)
        parts += [text[at:start], tag]
        at = end
    parts.append(text[at:hi])
    return _WORD.findall(_NUMBER.sub(" znum ", "".join(parts).lower()))


def dated(text: str, lo: int, hi: int, ix: gz.TextIndex) -> list[str]:
    """How recent the dates of text[lo:hi] are against the text's publication date (`ix.article_date`), as words:
    "zd:recent" (a day from ten days before it to three after), "zd:month", "zd:soon", "zd:later", "zd:year",
    "zd:old", each also with its grain ("zd:recent_d" a day, "_m" a month); a year alone is "zd:thisyear",
    "zd:nextyear" or "zd:oldyear". A bag of words reads "on 29 February 2024" as "on znum february znum" and cannot
    tell this week's decision from a measure of 2019 told as background; these words can (twenty-first pass: on
    the clean sets' sentences, average precision 0.792 to 0.804). None without a publication date."""
    if ix.article_date is None:
        return []
    if (lo, hi) not in ix.when:
        ix.when[lo, hi] = _dated(text, lo, hi, ix)
    return ix.when[lo, hi]


def _dated(text: str, lo: int, hi: int, ix: gz.TextIndex) -> list[str]:
    ref, out = ix.article_date, set()
    reader = getattr(ix, "dates", None)  # (the extractor's index finds them by its gate words: a bisection)
    for found in reader(ref, lo, hi) if reader is not None else find_dates(text, ref, lo, hi):
        first = found.value.split("/")[0]
        day = first_day(first)
        if day is None:
            continue
        if len(first) == 4:  # (a year alone)
            out.add("zd:" + ("thisyear" if day.year == ref.year else "nextyear" if day.year > ref.year else "oldyear"))
            continue
        delta = (day - ref).days
        band = ("recent" if -10 <= delta <= 3 else "month" if -45 <= delta <= 0 else "soon" if 0 < delta <= 120
                else "later" if delta > 120 else "year" if delta >= -365 else "old")
        out.update(("zd:" + band, f"zd:{band}_{'d' if len(first) == 10 else 'm'}"))
    return sorted(out)


@lru_cache(maxsize=1 << 16)  # (a text's words repeat: the models' features ask for the same few thousand stems)
def stem(word: str) -> str:
    """`word` without a plural or verb ending ("halts", "halted", "halting" -> "halt"): a crude suffix cut that
    pools the forms of a rare word, which 1,100 annotated sentences see too seldom to learn one by one."""
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def sentence_words(text: str, lo: int, hi: int, ix: gz.TextIndex, before: tuple[int, int] | None = None,
                   after: tuple[int, int] | None = None) -> list[str]:
    """The features of the sentence text[lo:hi]: its words cut to their stems (`words`, `stem`), its adjacent
    pairs of stems, how recent its dates are (`dated`), and the words of the sentence `before` it, marked "p:" ("The
    Korea-Cambodia FTA took effect on the same day" follows the sentence that told the first agreement), and of the
    sentence `after` it, marked "n:" (a decision is followed by its terms: "The duties apply from 1 May").
    Twenty-first pass: on the clean sets' sentences, the words after took average precision from 0.770 to 0.782."""
    return _features(words(text, lo, hi, ix), dated(text, lo, hi, ix), words(text, *before, ix) if before else None,
                     words(text, *after, ix) if after else None)


def sentence_features(text: str, spans: Sequence[tuple[int, int]], ns: Sequence[int], ix: gz.TextIndex
                      ) -> list[list[str]]:
    """`sentence_words` of the sentences numbered `ns` among the text's `spans`, each with the sentences before and
    after it as context (each sentence's words are read once per text: `words`)."""
    return [_features(words(text, *spans[n], ix), dated(text, *spans[n], ix),
                      words(text, *spans[n - 1], ix) if n else None,
                      words(text, *spans[n + 1], ix) if n + 1 < len(spans) else None) for n in ns]


def _features(own: list[str], when: list[str], before: list[str] | None, after: list[str] | None) -> list[str]:
    stems = [stem(w) for w in own]
    out = stems + [a + "_" + b for a, b in zip(stems, stems[1:], strict=False)] + when
    if before is not None:
        out += ["p:" + w for w in before]
    return out + ["n:" + w for w in after] if after is not None else out


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
        return binary_matrix(sentences, self.index)

    def read(self, sentences: list[list[str]]) -> tuple[np.ndarray, list[str], np.ndarray]:
        """Per sentence: the probability that it tells an event, the most likely kind, and that kind's probability
        (by its one-against-the-rest model)."""
        if not sentences:
            return np.zeros(0), [], np.zeros(0)
        m = self.matrix(sentences)
        p = expit(m @ self.event)
        log_p = self.kind_log_p(m)
        top = np.argmax(log_p, axis=1)
        return p, [self.kind_names[i] for i in top], np.exp(log_p[np.arange(len(top)), top])

    def kind_log_p(self, m: sparse.csr_matrix) -> np.ndarray:
        """Per row of `m` (`matrix`), the log-probability of each kind, were the sentence to tell an event."""
        return log_softmax(np.asarray(m @ self.kinds_by_column), axis=1)

    @cached_property
    def kinds_by_column(self) -> np.ndarray:
        """The kind weights, one column per kind, laid out for `matrix @`: a sparse product with the transposed view
        copies the whole array on every call (0.17 ms against 0.004 for a page of sentences)."""
        return np.ascontiguousarray(self.kinds.T)

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


@dataclass(frozen=True)
class Labelled:
    """The sentences of one folder of annotated texts: each one's features (`sentence_words`), whether an annotated
    event's anchor lies in it and that event's kind; and the length of the folder's longest text."""

    rows: list[list[str]]
    told: np.ndarray
    kinds: list[str | None]
    longest: int


def labelled_sentences(folder: Path) -> Labelled:
    """Every sentence of the annotated texts of `folder`, labelled by their annotations."""
    from chokepoints.events.text import read_document
    from chokepoints.events.train import annotated

    rows, told, kinds, longest = [], [], [], 0
    for src, spec in annotated(folder):
        text = read_document(src, article_date=date.fromisoformat(spec["date"])).text
        longest = max(longest, len(text))
        ix = gz.TextIndex(text, date.fromisoformat(spec["date"]))
        anchors = [(text.find(e["anchor"]), e["kind"]) for e in spec["events"]]
        spans = sentences(text)
        rows += sentence_features(text, spans, range(len(spans)), ix)
        for lo, hi in spans:
            kind = next((k for a, k in anchors if lo <= a < hi), None)
            told.append(kind is not None)
            kinds.append(kind)
    return Labelled(rows, np.array(told, dtype=float), kinds, longest)


def fit_detector(folders: Sequence[Path], *, light: Sequence[Path] = (), min_count: int = MIN_COUNT,
                 penalty: float = PENALTY) -> Detector:
    """The classifier fitted on every sentence of the annotated texts of `folders`, and of the texts of `light`,
    annotated with each event's sentence and kind alone (`tests/events/sentences/`: many more ways of telling an
    event than fully annotated texts can afford)."""
    folders = [Path(f) for f in folders] + [Path(f) for f in light]
    return _fit([labelled_sentences(f) for f in folders], [f.name or str(f) for f in folders], min_count, penalty)


def out_of_fold(folders: Sequence[Path], light: Sequence[Path] = ()) -> dict[Path, Detector]:
    """For each folder, the classifier fitted on all the others (and on every `light` folder): what the confidence
    model (`train`) reads as the classifier's view of a text, so that it learns how far to trust the classifier on
    text the classifier never saw (as the shipped classifier reads new text), not on text it was fitted on."""
    folders, light = [Path(f) for f in folders], [Path(f) for f in light]
    data = {f: labelled_sentences(f) for f in folders + light}
    return {f: _fit([data[g] for g in folders + light if g != f], [g.name or str(g) for g in folders + light if g != f])
            for f in folders}


def _fit(data: list[Labelled], names: list[str], min_count: int = MIN_COUNT, penalty: float = PENALTY) -> Detector:
    rows = [r for d in data for r in d.rows]
    told = np.concatenate([d.told for d in data])
    kinds = [k for d in data for k in d.kinds]
    vocab = vocabulary(rows, min_count)
    m = binary_matrix(rows, {w: i for i, w in enumerate(vocab)})
    event = logistic_weights(m, told, penalty)
    pos = np.flatnonzero(told)
    kind_w = softmax_weights(m[pos], np.array([KINDS.index(kinds[i]) for i in pos]), len(KINDS), KIND_PENALTY)
    about = {"fitted_on": names, "sentences": len(rows), "with_event": int(told.sum()), "vocabulary": len(vocab),
             "min_count": min_count, "penalty": penalty, "kind_penalty": KIND_PENALTY, "kind_model": "multinomial",
             "longest_text": max(d.longest for d in data)}
    return Detector(vocab, event, kind_w, KINDS, THRESHOLD, about)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m chokepoints.events.detect", description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", type=Path, nargs="+", help="folders of annotated texts (<stem>.json beside each text)")
    ap.add_argument("--light", type=Path, nargs="*", default=[],
                    help="folders of texts annotated with each event's sentence and kind alone")
    ap.add_argument("--out", type=Path, default=DETECTOR)
    args = ap.parse_args(argv)
    det = fit_detector(args.folders, light=args.light)
    det.save(args.out)
    a = det.about
    print(f"{a['sentences']} sentences, {a['with_event']} with an event; vocabulary {a['vocabulary']}")


if __name__ == "__main__":
    main()
