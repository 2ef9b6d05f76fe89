"""Dates, amounts and materials told in the sentences around an event's own: which of them are the event's.

The rules read an event's dates and materials in its own sentence, and in a few set phrases after it (`discourse`: a
pact's signing, the day told just after an undated fact; the story's material where its sentence names none). Writers
often tell them a sentence or two away instead ("Duterte signed the TRAIN Act late on Tuesday.", "Production is
scheduled to start in 2025.", "The lower rate will apply until 2028"; a headline's ban whose metal the body names), or
where the text tells the event again (`Event.told`). On the clean sets, a fifth of the dates the annotations give the
events the monitor found lay in such sentences, and every material it missed on them lay outside the event's sentence
(thirty-first pass, docs/methods/events-passes.md).

Each date, amount and material of the sentences around the event's sentence (`SPAN` each side) and of the sentences
that tell it again, that the event does not hold, is a candidate, at its nearest telling. A logistic model per field
weighs it: a date or an amount by the value filter's features (`values.value_features`: its role or unit, the words
around it, its distance from the trigger), an amount also by its unit beside the event's kind and side, whether its
sentence opens by referring back ("Under the bill, ..."), and whether it names the event's material; a material by the
words around it, how often the neighbours name it and how many the event holds; all by
where the sentence stands: how many sentences away, before or after, across a paragraph break or not, whether another
event is told there, its first word, and whether the event already holds a date in that role or a material. A
candidate more likely the event's than not (`THRESHOLD`) is adopted, its evidence its own span, a date in the role the
date role model gives it. The models are fitted with the value filter (`values.fit_values`) on the events the monitor
reports in the annotated texts, each as the filter leaves it, labelled by the annotation it matches.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from chokepoints.events import date_roles, score
from chokepoints.events import gazetteer as gz
from chokepoints.events.dates import GATES as DATE_GATES
from chokepoints.events.dates import find_dates
from chokepoints.events.detect import stem
from chokepoints.events.discourse import BACKREF
from chokepoints.events.facts import Event, Fact, key
from chokepoints.events.gates import GateIndex
from chokepoints.events.magnitude import GATES as AMOUNT_GATES
from chokepoints.events.magnitude import find_magnitudes, is_money

# the fields whose neighbours are read, and how many sentences each side, as measured on the clean sets (dates in an
# experiment, materials as built; at the threshold below). Dates within 2: 1 found 12 right to 6 wrong, 2 24 to 8, 3
# 22 to 7, the whole text 27 to 11. Materials within 5, since a headline's measure often names its material only in
# the body: 2 found 14 right to 8 wrong, 5 30 to 19 (the rules' own materials are a third wrong), 20 32 to 33. Amounts
# adopted this way were as often wrong as right (9 right, 15 wrong; with a stronger penalty 6 and 6): a neighbouring
# sentence's amount is mostly background (a trade value, a plant's cost beside the loan that is the news). Amounts
# again in the forty-fourth pass, with eight times the annotated texts to learn from: of the 553 amounts the
# annotations give the fitted sets' found events and the monitor missed, 281 are told 1 to 5 sentences after the
# event's, mostly where the text spells out the measure's terms ("Under the bill, the credit rises to 15%", "That
# means soybeans are once more taxed at 26 per cent", "Of that sum, $39 billion is set aside for grants"). Adopted
# out of folder on the fitted sets, within 2, 3 and 5 sentences: 45, 60 and 72 right of 90, 112 and 120; on the clean
# sets within 5, 40 right to 30 wrong after the pass's refit (amounts' F1 0.659 to 0.673). Dates within 5 adopted 117
# right of 199 out of folder, against 88 of 147 within 2, and on the clean sets 7 more right to 8 more wrong: left at 2
MAGNITUDE_SPAN = 5
SPAN = {"dates": 2, "materials": 5, "magnitude": MAGNITUDE_SPAN}
FIELDS = tuple(SPAN)
THRESHOLD = 0.5  # more likely the event's than not: a wrong value costs a reader as much as a missing one
_WORD = re.compile(r"[a-z][a-z\-']*|\d[\d.,]*")
_FIRST = re.compile(r"[A-Za-z]+")

# (event, field, fact, order, count) -> the value filter's features of a date
FeaturesOf = Callable[[Event, str, Fact, int, int], list[str]]


@dataclass(frozen=True)
class Candidate:
    """A value of a neighbouring sentence, for one event and field, with its features."""

    event: Event
    field: str
    fact: Fact
    features: list[str]


def candidates(text: str, ref: date | None, sents: list[tuple[int, int]], events: list[Event],
               features_of: FeaturesOf, roles: date_roles.RoleModel | None = None, ix=None) -> list[Candidate]:
    """Every candidate of every event of a text (`sents`: its sentences; `ix`: its index, whose gazetteer and gate
    words make the readers cheap, where the caller built one; else `_Reader` finds what they need once), the nearest
    telling of each value first, dates in the role the role model gives them."""
    ix = ix if ix is not None else _Reader(text)
    starts = [lo for lo, _hi in sents]
    told_at = {bisect_right(starts, e.trigger.start) - 1 for e in events}  # (the sentences that tell an event)
    read: dict[tuple[str, int], list[Fact]] = {}  # (each sentence read once, however many events it neighbours)
    # (event, field, its own sentence, the sentences that tell it again, [(sentence, fact)], each value's tellings)
    found = []
    for ev in events:
        k0 = bisect_right(starts, ev.trigger.start) - 1
        again = {bisect_right(starts, f.start) - 1 for f in ev.told} - {k0}
        for field, span in SPAN.items():
            near = {k for k in range(max(0, k0 - span), min(len(sents), k0 + span + 1)) if k != k0} | again
            near = sorted(near, key=lambda k, k0=k0: (abs(k - k0), k))
            for k in near:
                if (field, k) not in read:
                    read[field, k] = _read(ref, field, sents[k], ix)
            told = [(k, f) for k in near for f in read[field, k]]
            values = _unheld(ev, field, told)
            if values:
                found.append((ev, field, k0, again, values, Counter(f.value for _k, f in told)))
    if roles is not None:
        found = _relabelled(found, roles, features_of)
    out: list[Candidate] = []
    for ev, field, k0, again, values, told in found:
        for i, (k, f) in enumerate(values):
            own = _material_features(text, ev, f, i, told) if field == "materials" else \
                features_of(ev, field, f, i, len(values))
            more = _amount_features(text, ev, f, k - k0, sents[k], ix) if field == "magnitude" else []
            out.append(Candidate(ev, field, f, own + more + _where(text, ev, field, f, k - k0, k in again,
                                                                   k in told_at, sents[k])))
    return out + _lead_dates(text, starts, sents, events, features_of, told_at, out)


def _lead_dates(text: str, starts: list[int], sents: list[tuple[int, int]], events: list[Event],
                features_of: FeaturesOf, told_at: set[int], made: list[Candidate]) -> list[Candidate]:
    """The announced day of the story's first dated event, as a candidate of each later event that holds no announced
    date (`made`: the other candidates, of which it is none): a story's later facts are often of its news day ("Hours
    before the ceremony, Micron said it would invest $40 billion", "The commerce ministry separately placed 15 US
    companies on its export control list"), as often not, which the model weighs (forty-fourth pass: adopted out of
    folder on the fitted sets, 173 dates and 106 right against 147 and 88 without it; on the clean sets 7 more right,
    2 more wrong)."""
    lead = next((e for e in sorted(events, key=lambda e: e.trigger.start) if e.date("announced")), None)
    if lead is None:
        return []
    day = next(f for f in lead.dates if f.role == "announced")
    k1 = bisect_right(starts, day.start) - 1
    # (the events already given the day as a candidate, gathered once: not one scan of every candidate per event)
    offered = {id(c.event) for c in made if c.field == "dates" and c.fact.value == day.value}
    out = []
    for ev in events:
        if ev is lead or ev.trigger.start < lead.trigger.start or ev.date("announced") or id(ev) in offered or \
                any(f.value == day.value for f in ev.dates) or \
                any(name == "dates" and f.value == day.value for name, f, _p in ev.set_aside):
            continue
        k0 = bisect_right(starts, ev.trigger.start) - 1
        out.append(Candidate(ev, "dates", day, features_of(ev, "dates", day, 0, 1) + ["lead_date",
                             f"lead_kind={ev.kind}|{'same' if ev.kind == lead.kind else 'other'}"] +
                             _where(text, ev, "dates", day, k1 - k0, False, k1 in told_at, sents[k1])))
    return out


class _Reader:
    """What the neighbours read of a text that has no index (a long file read in pieces, whose whole text the parent
    process weighs): its materials and its dates' gate words, each found once over the whole text, as the index finds
    them (a full index would also find every place: 3 s of the 5 MB worst case)."""

    def __init__(self, text: str):
        self.text = text
        self._dates = GateIndex(text, DATE_GATES)
        self._amounts = GateIndex(text, AMOUNT_GATES)
        self._materials = gz.find_materials(text)
        self._starts = [m.start for m in self._materials]

    def dates(self, ref: date | None, lo: int, hi: int) -> list:
        return find_dates(self.text, ref, lo, hi, self._dates.within(lo, hi))

    def materials(self, lo: int, hi: int) -> list[gz.Mention]:
        return gz.mentions_within(self._materials, self._starts, lo, hi)

    def magnitudes(self, lo: int, hi: int) -> list:
        return find_magnitudes(self.text[lo:hi], self._amounts.within(lo, hi))


def is_right(c: Candidate, annotated: dict) -> bool:
    """Whether the annotated event (`score.match`'s) holds the candidate's value, in its role for a date."""
    return (c.fact.value if c.field == "materials" else key(c.field, c.fact)) in score._values(annotated, c.field)


def adopt(made: list[Candidate], models: dict) -> None:
    """Each candidate the field's model (`values.FieldModel`) finds more likely the event's than not, added to it
    and listed in its `adopted`, with the model's probability."""
    for field, model in models.items():
        mine = [c for c in made if c.field == field]
        if not mine:
            continue
        for c, p in zip(mine, model.probability([c.features for c in mine]), strict=True):
            if p >= model.threshold:
                getattr(c.event, field).append(c.fact)
                c.event.adopted.append((field, c.fact, round(float(p), 3)))


def _read(ref: date | None, field: str, sent: tuple[int, int], ix) -> list[Fact]:
    lo, hi = sent
    if field == "magnitude":
        return Fact.amounts(ix.magnitudes(lo, hi), lo)
    return [Fact.of(d, d.role) for d in ix.dates(ref, lo, hi)] if field == "dates" else \
        [Fact.of(m) for m in ix.materials(lo, hi)]


def _unheld(ev: Event, field: str, found: list[tuple[int, Fact]]) -> list[tuple[int, Fact]]:
    """The values the event does not hold (a date in no role, a material), each once (its nearest telling), and none
    the value filter set aside from it."""
    held = {f.value for f in getattr(ev, field)}
    aside = {(f.start, f.end) for name, f, _p in ev.set_aside if name == field}
    out = []
    for k, f in found:
        if f.value not in held and (f.start, f.end) not in aside:
            held.add(f.value)
            out.append((k, f))
    return out


def _material_features(text: str, ev: Event, fact: Fact, order: int, told: Counter) -> list[str]:
    """A material's features beside where its sentence stands: the event's kind, how many materials it holds, its
    order among the candidates, how often the neighbours name it, and the three words on each side."""
    before = _WORD.findall(text[max(0, fact.start - 40):fact.start].lower())[-3:]
    after = _WORD.findall(text[fact.end:fact.end + 40].lower())[:3]
    held = min(len(ev.materials), 2)
    return [f"kind={ev.kind}", f"held={held}", f"kind={ev.kind}|held={min(held, 1)}", f"order={min(order, 3)}",
            f"told={min(told[fact.value], 4)}"] + \
        ["before:" + stem(w) for w in before] + ["after:" + stem(w) for w in after]


def _relabelled(found: list[tuple], roles: date_roles.RoleModel, features_of: FeaturesOf) -> list[tuple]:
    """The dates of `found` (as `candidates` gathers them) in the roles the model gives them (one call a text)."""
    dated = [(ev, values) for ev, field, _k0, _again, values, _told in found if field == "dates"]
    rows = [date_roles.role_features(features_of(ev, "dates", f, i, len(values)), ev.kind)
            for ev, values in dated for i, (_k, f) in enumerate(values)]
    if not rows:
        return found
    given = iter(date_roles.chosen(roles.probabilities(rows), [f.role for _ev, values in dated for _k, f in values]))
    return [(ev, field, k0, again, [(k, replace(f, role=next(given))) for k, f in values] if field == "dates"
             else values, told) for ev, field, k0, again, values, told in found]


def _amount_features(text: str, ev: Event, fact: Fact, offset: int, sent: tuple[int, int], ix) -> list[str]:
    """An amount's features beside where its sentence stands: its kind of amount by the event's kind and side, whether
    the sentence opens by referring back to a measure or deal ("Under the bill, ...", "The quotas are set at ..."), and
    whether it names a material the event holds."""
    lo, hi = sent
    side = f"{'after' if offset > 0 else 'before'}{min(abs(offset), 2)}"
    out = [f"amount_side={ev.kind}|{_group(fact.value[1])}|{side}"]
    out += ["backref"] if BACKREF.search(text[lo:hi]) else []
    held = set(ev.values("materials"))
    if held:
        out.append("same_material" if held & {m.value for m in ix.materials(lo, hi)} else "other_material")
    return out


def _group(unit: str) -> str:
    return "money" if is_money(unit) else unit


def _where(text: str, ev: Event, field: str, fact: Fact, offset: int, again: bool, other_event: bool,
           sent: tuple[int, int]) -> list[str]:
    """Where the candidate's sentence stands to the event's."""
    lo, _hi = sent
    first = _FIRST.findall(text[lo:lo + 30])
    if field == "dates":
        holds = f"has_role={fact.role}" if ev.date(fact.role) else f"lacks_role={fact.role}"
    elif field == "magnitude":  # (a rate beside the event's rate is more of its terms; a sum beside its sum, a cost)
        group = _group(fact.value[1])
        holds = f"has_group={group}" if any(_group(f.value[1]) == group for f in ev.magnitude) else \
            f"lacks_group={group}"
    else:
        holds = "has_materials" if ev.materials else "no_materials"
    a, b = sorted((ev.trigger.start, lo))
    return [f"near={'told' if again else max(-3, min(3, offset))}", f"far={min(int(math.log2(abs(offset) + 1)), 4)}",
            f"near_kind={ev.kind}|{'after' if offset > 0 else 'before'}",
            "other_event_there" if other_event else "no_event_there", holds,
            "event_dated" if ev.dates else "event_undated",
            "paragraph_break" if "\n\n" in text[a:b] else "same_paragraph",
            f"first={stem(first[0].lower())}" if first else "first=none", f"read_by={ev.read_by.split()[0]}"]
