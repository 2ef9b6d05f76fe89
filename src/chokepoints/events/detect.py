"""A sentence classifier that reads whether a sentence tells an event, and of which kind, from its words alone.

The rules (`triggers.py`) find an event by its trigger phrase. On text by writers they were not drawn from, they find
about half of the events, and thirteen passes of new phrases have not moved that (docs/methods/events.md). This model
reads a sentence as a bag of its words cut to their stems and of pairs of stems, with places, materials and numbers
replaced by placeholders, so "Russia bans grain exports" and "Hungary bans wheat exports" are the same words; and
the words of the sentence before it, as context. It learns from the annotated texts which words tell news (a
weekday, "signed", "halted", "bars imports").

It is fitted on the same annotated texts as the confidence model and stored in `detector.npz`. Two L2-penalised
logistic regressions are fitted on sparse 0/1 features (whether a word or pair is in the sentence):
- does the sentence hold an annotated event (over every sentence);
- of which kind (one multinomial regression over the kinds, fitted on the sentences that hold one; until the
  fifteenth pass one regression per kind against the rest, whose best kind was too often under one half).

The extractor asks it about every sentence:
- where the rules leave a sentence silent (`detected`, called by `extract.whole_text`), a sentence it finds more
  likely than not to tell news, of a kind it finds more likely than not, becomes an event. The classifier gives its
  kind; the rules' readers give its roles, materials, amounts and dates. The event is marked
  `read_by = "sentence classifier"`, its evidence is the whole sentence, and its confidence is the classifier's
  probability;
- where the rules found an event, its view of that sentence (`views`) is two features of the confidence model
  (`weigh`), which is fitted on the views of classifiers that never saw the text (`out_of_fold`);
- where a rule event the confidence model keeps retells one before it (its kind, its actors or materials) in a
  sentence the classifier finds unlikely to tell an event, it is dropped (`retold`);
- where the confidence model (or the news filter) dropped every rule event of a sentence, the classifier reads the
  sentence again as if the rules had been silent there (`reread`): the rules' reading was found wanting, not the
  sentence.

    python -m chokepoints.events.detect tests/events/texts tests/events/texts/heldout ... [--out detector.npz]
"""

from __future__ import annotations

import argparse
import json
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.special import expit, log_softmax

from chokepoints.events import gazetteer as gz
from chokepoints.events.dates import find_dates, first_day
from chokepoints.events.facts import KINDS, Event, Fact
from chokepoints.events.logistic import binary_matrix, logistic_weights, softmax_weights, vocabulary
from chokepoints.events.sentences import HEADLINE_SENTENCES, sentence_at, sentences

DETECTOR = Path(__file__).with_name("detector.npz")
READER = "sentence classifier"
# more likely than not to tell an event: a logistic model's natural decision point (0.3 and 0.4, tried on heldout13-15,
# trade about 2 points of recall for 2-3 of precision; docs/methods/events.md)
THRESHOLD = 0.5
# and more likely than not to be of the kind it gives (its kind model's own probability): an event of a kind it is
# unsure of is as often a false event as a found one (docs/methods/events.md, thirteenth pass)
KIND_THRESHOLD = 0.5
# a rule event takes the classifier's kind where the classifier is this sure of another (`rekinded`; 0.7 and 0.8 gave
# the same dev F1, 0.9 less)
REKIND = 0.8
# a sentence whose rule events were dropped is an event where the classifier is this sure that it tells one
# (`reread`): it overrules the confidence model there, so it must be sure, as `rekinded` is to overrule a kind
# (nineteenth pass, on the sixteen clean sets as this pass's validation: P/R 0.75/0.66 at the classifier's own 0.5,
# 0.76/0.65 at 0.8, 0.76/0.64 with no rereading)
REREAD = 0.8
# where the classifier is this sure, its event needs only a country (who acts or where), not the material or number
# the rules' `_supported` asks of a kind: "US materials group DuPont will invest $28 million to build a production line
# for EUV photoresist" names no material of the reference (twenty-fourth pass, clean sets: 309/73 found/false to
# 313/74; 0.6 and 0.7 gave 313/75)
SURE = 0.8
# a rule event whose sentence the classifier finds this unlikely to tell an event, of the kind and the actors or
# materials of one told before it, is a retelling (`retold`; 0.1, 0.3 and 0.5 gave the same clean-set F1)
RETOLD = 0.3
REKINDED = "rules, kind by sentence classifier"
# a text where nothing is kept: its likeliest sentence, where the classifier finds it at least this likely to tell
# news (`likeliest`; twenty-fifth pass: 0.15 and 0.2 gave the same F1 on the clean sets, 0.1 and 0.25 less)
FLOOR = 0.2
LIKELIEST = "sentence classifier, the text's likeliest event"
MEASURES = ("export_control", "tariff")  # kinds only a government's act can be (`rekinded`)
# the log-odds the confidence model reads are capped: past odds of 10^4 to 1 a sentence is as sure as it gets
LOGIT_CAP = 9.2
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


def detected(text: str, article_date: date | None, found: list[Event], detector: Detector | None = None,
             ix=None, only: Sequence[tuple[int, int]] | None = None) -> list[Event]:
    """Events in the sentences of `text` where the rules found none (`found`: the rules' candidates), or in the
    sentences `only` where given, which the classifier finds more likely than not to tell news, and of a kind it
    finds more likely than not; each read by the rules' readers (roles, materials, amounts, dates) as an event of
    that kind, marked `read_by = READER`, its evidence the sentence. `ix`: the text's index (`extract._Index`),
    where the caller built one."""
    # (extract's readers, imported here: extract imports this module to call it)
    from chokepoints.events.discourse import inherit, story_setting
    from chokepoints.events.extract import _event, _supported

    detector = detector or shipped()
    if detector is None or len(text) > detector.longest:
        return []  # beyond the articles it was fitted on (a file of many articles) the rules alone read
    ix = _index(text, ix, article_date)
    told = sorted(e.trigger.start for e in found)
    spans = ix.sentences
    if only is not None:
        asked = set(only)
        silent = [(n, lo, hi) for n, (lo, hi) in enumerate(spans) if (lo, hi) in asked]
    else:
        silent = [(n, lo, hi) for n, (lo, hi) in enumerate(spans)
                  if not (i := bisect_left(told, lo)) < len(told) or told[i] >= hi]
    p, kinds, kind_p = detector.read(sentence_features(text, spans, [n for n, _lo, _hi in silent], ix))
    skip = ix.datelines
    out: list[Event] = []
    for (_n, lo, hi), prob, kind, sure in zip(silent, p, kinds, kind_p, strict=True):
        if prob < detector.threshold or sure < KIND_THRESHOLD:
            continue
        ev = _event(text, [(kind, "", lo, hi)], lo, hi, article_date, None, skip, ix)
        inherit(ev, [e for e in found if e.span[1] <= lo], ix, lo)
        story_setting(ev, ix, lo)
        if not (_supported(ev) or (prob >= SURE and (ev.actors or ev.targets))):
            continue  # (no actor, no material, no number: nothing a reader could check)
        ev.trigger = Fact(kind, lo, hi, text[lo:hi], READER)
        ev.read_by, ev.confidence = READER, round(float(prob), 3)
        out.append(ev)
    return out


def likeliest(text: str, article_date: date | None, found: list[Event], detector: Detector | None = None,
              ix=None) -> list[Event]:
    """For a text in which nothing is kept: the events of the sentences the classifier finds at least `FLOOR` likely
    to tell news (and of a kind more likely than not), where the rules are silent, marked `read_by = LIKELIEST` with
    that probability as their confidence (under the classifier's threshold: weaker readings, and said to be such).
    The caller keeps the likeliest of them, once the news filter has merged a retelling into its first telling
    (`extract.whole_text`). Nearly every news text tells an event, and a text whose every reading falls under the
    thresholds most often tells one that the reading missed (twenty-fifth pass, clean sets: 15 events found for 9
    false; none of the 15 texts that tell no event was given one). `found`: the rules' candidates, whose sentences
    are not read."""
    detector = detector or shipped()
    if detector is None:
        return []
    read = detected(text, article_date, found, replace(detector, threshold=min(FLOOR, detector.threshold)), ix=ix)
    for ev in read:
        ev.read_by, ev.trigger = LIKELIEST, replace(ev.trigger, role=LIKELIEST)
    return read


def reread(text: str, article_date: date | None, found: list[Event], dropped: list[Event], kept: list[Event],
           ix=None) -> list[Event]:
    """The classifier's events (`detected`) in the sentences where every rule event was dropped (`dropped`: by the
    confidence model, or as a reference with no date or amount below the lead) and none stays (`kept`: every event
    that stays): the rules read a trigger there, but their reading was found unlikely to be news, so the sentence is
    read as if they had been silent ("Lundin Mining closed its Candelaria mine near Copiapo", a halt read as a
    project's closure). Its fields are read afresh for the classifier's kind. `found`: the rules' candidates, of
    which the dropped ones lend no actor. Only where the classifier is sure (`REREAD`): it overrules the confidence
    model there. Nineteenth pass, models fitted without each group: F1 on the dev group 0.895 to 0.913 (the
    confidence model's drops) and 0.922 (with the references'), on the 'old' group 0.886 to 0.892 and 0.899. Those
    groups flatter it (one false classifier event in 139 there, against 63 in 157 on the clean sets). On the clean
    sets (never read), P/R 0.76/0.64 without rereading, 0.75/0.66 at the classifier's own threshold, 0.76/0.65 at
    `REREAD` (docs/methods/events.md, nineteenth pass)."""
    detector = shipped()
    if not dropped or detector is None or len(text) > detector.longest:
        return []  # (a file of many articles: the rules alone read it, and its index is not built again here)
    ix = _index(text, ix, article_date)
    starts = [lo for lo, _hi in ix.sentences]
    stays = {sentence_at(starts, e.trigger.start) for e in kept}
    silent = {sentence_at(starts, e.trigger.start) for e in dropped} - stays
    if not silent:
        return []
    gone = {id(e) for e in dropped}
    return [e for e in detected(text, article_date, [e for e in found if id(e) not in gone], ix=ix,
                                only=[ix.sentences[n] for n in sorted(silent)]) if e.confidence >= REREAD]


def retold(text: str, events: list[Event], detector: Detector | None = None, ix=None) -> list[Event]:
    """`events` (the rules' events the confidence model keeps, in the order told) without the retellings: an event
    of the kind of one told before it, sharing its actors or its materials, whose sentence the classifier finds
    unlikely to tell an event (`RETOLD`). The merge joins a retelling whose fields agree with the first telling's;
    one told with other dates or amounts ("the 2019 quotas", "the duty of 9.6% it replaces") it leaves apart, and the
    classifier, fitted on the sentences that tell an event and not on those that retell one, tells them apart.
    Nineteenth pass: on the clean sets, this pass's validation, P/R 0.76/0.65 to 0.78/0.65 (F1 0.703 to 0.709); on
    the dev group 0.909 to 0.916 and the 'old' group 0.895 to 0.915 (models fitted without each)."""
    detector = detector or shipped()
    if detector is None or len(events) < 2 or len(text) > detector.longest:
        return events
    likely = expit(views(text, events, detector, ix)[:, 0])
    out: list[Event] = []
    for ev, p in zip(events, likely, strict=True):
        if p < RETOLD:
            same = [o for o in out if o.kind == ev.kind and (set(o.values("actors")) & set(ev.values("actors")) or
                                                             set(o.values("materials")) & set(ev.values("materials")))]
            if same and not (ev.another and ev.targets and
                             not any(set(o.values("targets")) & set(ev.values("targets")) for o in same)):
                same[-1].retold(ev.trigger, *ev.told)  # (where the text tells it again, as a merge keeps)
                _fill(same[-1], ev)
                continue  # (but "Several European parts makers have also stopped some lines", after a Japanese
                # carmaker's halt: one more fact, in another place)
        out.append(ev)
    return out


def _fill(first: Event, again: Event) -> None:
    """The amounts of a retelling dropped by `retold` where its first telling has none ("Brazil halves import
    tariffs on solar panels", then "Gecex cut the import tax on solar panels to 6% from 12%": the headline's event
    takes the body's rates); the value filter weighs them after. Twenty-fifth pass: amounts on the clean sets 208 to
    210 found (3 more false), on the fitted sets 1,369 to 1,375 (3 more false); taking the dates, materials and
    targets too found 3 more values for 12 more false ones."""
    if not first.magnitude:
        first.magnitude.extend(again.magnitude)


def _index(text: str, ix=None, article_date: date | None = None):
    """The text's index (`extract._Index`): the caller's where it built one, else built here."""
    if ix is not None:
        return ix
    from chokepoints.events.extract import _Index  # (extract imports this module to call it)
    return _Index(text, article_date)


def rekinded(text: str, events: list[Event], detector: Detector | None = None, ix=None) -> list[Event]:
    """`events`, each rule event given the classifier's kind where the classifier finds its sentence tells an event
    (more likely than not) of another kind, and is sure of that kind (`REKIND`): "The Ministers adopted the ASEAN
    Minerals Cooperation Action Plan" is a pact, though "action plan" is a strategy's trigger. The subkind, which was
    the other kind's, is dropped; the roles and the confidence stay as read and weighed for the rules' kind; the
    event says so (`read_by = REKINDED`; such events are not drafted). On the dev group, with the classifier fitted
    without it, F1 0.839 to 0.845; on the clean sets 0.694 to 0.696 (seventeenth pass). A measure at the border
    (`MEASURES`) is a government's: an event with no actor never becomes one ("Port Hedland remained closed to shipping
    after Cyclone Ilsa", a halt, is no export control; twenty-fifth pass, one false event fewer on the clean sets)."""
    detector = detector or shipped()
    rules = [e for e in events if e.read_by == "rules"]
    if detector is None or not rules or len(text) > detector.longest:
        return events
    ix = _index(text, ix)
    starts = [lo for lo, _hi in ix.sentences]
    at = [sentence_at(starts, ev.trigger.start) for ev in rules]
    p, kinds, sure = detector.read(sentence_features(text, ix.sentences, at, ix))
    # a sentence that tells two facts ("struck a trade deal ..., down from the 25% rate he had threatened") has one
    # kind for the classifier, which reads it whole: where another event of that kind is told there (its trigger or
    # any of its values, a headline's event merged with its body's), the kind is that event's, not this one's
    told = {(sentence_at(starts, f.start), ev.kind) for ev in events
            for f in [ev.trigger, *ev.actors, *ev.targets, *ev.materials, *ev.magnitude, *ev.dates]}
    for ev, n, prob, kind, kind_p in zip(rules, at, p, kinds, sure, strict=True):
        if kind != ev.kind and (n, kind) not in told and prob >= detector.threshold and kind_p >= REKIND and \
                (ev.actors or kind not in MEASURES):
            ev.kind, ev.subkind, ev.read_by = kind, "", REKINDED
    return events


def views(text: str, events: Sequence[Event], detector: Detector | None = None, ix=None) -> np.ndarray:
    """Per event, the classifier's view of the sentence its trigger lies in, as two log-odds: that the sentence
    tells an event, and that it tells one of the event's kind (0, no view, where no classifier is shipped). The
    confidence model weighs the rules' events by them (`weigh.features`). An event whose trigger lies in a text's
    first sentences (a headline merged with its body's telling) is viewed at whichever of that sentence and those
    that give its amounts and dates the classifier finds most likely to tell an event: "Philippines extends
    angle-bar safeguard for four more years" was weighed by its headline and dropped. Twentieth pass, models
    refitted: clean sets P/R 0.779/0.644 to 0.788/0.639 (F1 0.705 to 0.706), fitted sets F1 0.904 to 0.914."""
    out = np.zeros((len(events), 2))
    detector = detector or shipped()
    if detector is None or not events:
        return out
    ix = _index(text, ix)
    spans = ix.sentences
    starts = [lo for lo, _hi in spans]
    at = [sentence_at(starts, ev.trigger.start) for ev in events]
    # an event told first in a headline and merged with its body's telling is read where it is told most likely: the
    # headline's sentence, or one that gives its amounts or dates
    also = [{sentence_at(starts, f.start) for f in ev.magnitude + ev.dates} if n < HEADLINE_SENTENCES else set()
            for ev, n in zip(events, at, strict=True)]
    told = sorted(set(at).union(*also))
    m = detector.matrix(sentence_features(text, spans, told, ix))
    row = {n: i for i, n in enumerate(told)}
    event, log_p = np.asarray(m @ detector.event), detector.kind_log_p(m)
    kinds = log_p - np.log1p(-np.minimum(np.exp(log_p), 1 - 1e-12))  # (each kind's log-odds)
    for i, (ev, n, more) in enumerate(zip(events, at, also, strict=True)):
        n = max([n, *sorted(more)], key=lambda k: event[row[k]])
        out[i] = event[row[n]], kinds[row[n], detector.kind_names.index(ev.kind)]
    return np.clip(out, -LOGIT_CAP, LOGIT_CAP)


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
