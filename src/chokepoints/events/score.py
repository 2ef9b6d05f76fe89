"""Precision and recall of extracted events against hand-annotated ones, field by field.

An expected event names its `kind` and an `anchor`: a quote of the sentence that tells it. An extracted event
matches it when the kinds agree and its trigger or one of its evidence spans lies inside the anchor's sentence;
each expected event takes at most one extracted event. Per field, the values of matched pairs are compared as
sets (true positives = values in both); values of unmatched extracted events are false positives and values of
unmatched expected events false negatives. `kind` itself is scored as one value per event.

That is the measure the issue's targets are held to. It counts a fact the monitor reads in the sentence next to the
annotated one (a headline or a lead where the annotator quoted the body, or the reverse) as one false and one missed
event. `match(..., near=NEAR)` also reports the looser reading a user would make, as a second figure beside it:
an expected event left unmatched matches a left-over extracted event of its kind that tells it within `near`
sentences of its anchor and names one of its countries or materials (twenty-sixth pass, docs/methods/events-passes.md).
"""

from __future__ import annotations

from collections import Counter

from chokepoints.events.sentences import sentence_at, sentences

FIELDS = ("kind", "actors", "targets", "materials", "magnitude", "dates")
# how many sentences away from its anchor an event may be told for the content match (`match(..., near=NEAR)`)
NEAR = 2


def _values(ev: dict, name: str) -> set:
    if name == "kind":
        return {ev["kind"]}
    vals = ev.get(name, [])
    if name == "magnitude":
        return {(v["value"], v["unit"]) if isinstance(v, dict) else (v[0], v[1]) for v in vals}
    if name == "dates":
        return {(v["role"], v["value"]) if isinstance(v, dict) else (v[0], v[1]) for v in vals}
    return set(vals)


def _anchor_span(at: int, anchor: str, cut: list[tuple[int, int]], starts: list[int]) -> tuple[int, int]:
    """The sentence (of the text's sentences, `cut`, which start at `starts`) that holds the anchor quote found at
    `at`; the quote itself where it lies between sentences."""
    lo, hi = cut[sentence_at(starts, at)] if cut else (at, at)
    return (lo, hi) if lo <= at < hi else (at, at + len(anchor))


def _spans(ev: dict) -> list[tuple[int, int]]:
    return [(f["start"], f["end"]) for facts in ev.get("evidence", {}).values() for f in facts]


def match(text: str, extracted: list[dict], expected: list[dict], near: int = 0
          ) -> list[tuple[dict | None, dict | None]]:
    """Pairs (extracted, expected); None on one side for an unmatched event.

    Of the extracted events of the expected kind, the one whose trigger lies in the anchor quote is preferred, then
    one with any evidence in the quote, then a trigger in the anchor's sentence, then any evidence in it. With
    `near` > 0, an expected event still unmatched then takes the nearest unmatched extracted event of its kind with
    evidence within `near` sentences of the anchor's sentence and a country (actor or target) or material in common
    (`_by_content`)."""
    used: set[int] = set()
    pairs: list[tuple[dict | None, dict | None]] = []
    cut = sentences(text)  # (cut once per text, not once per annotated event)
    starts = [lo for lo, _hi in cut]
    for exp in expected:
        qa = text.find(exp["anchor"])
        if qa < 0:
            raise ValueError(f"anchor not in text: {exp['anchor']!r}")
        qb = qa + len(exp["anchor"])
        lo, hi = _anchor_span(qa, exp["anchor"], cut, starts)
        best, rank = None, 9
        for i, ev in enumerate(extracted):
            if i in used or ev["kind"] != exp["kind"]:
                continue
            trig = ev["evidence"]["trigger"][0]["start"]
            spans = _spans(ev)
            r = (0 if qa <= trig < qb else 1 if any(qa <= s < qb for s, _e in spans) else
                 2 if lo <= trig < hi else 3 if any(lo <= s < hi for s, _e in spans) else 9)
            if r < rank:
                best, rank = i, r
        if best is None:
            pairs.append((None, exp))
        else:
            used.add(best)
            pairs.append((extracted[best], exp))
    if near > 0:
        pairs = _by_content(text, extracted, pairs, used, near, starts)
    pairs += [(ev, None) for i, ev in enumerate(extracted) if i not in used]
    return pairs


def _by_content(text: str, extracted: list[dict], pairs: list, used: set[int], near: int, starts: list[int]) -> list:
    """`pairs` with each unmatched expected event paired, in turn, to the unused extracted event of its kind whose
    nearest evidence lies fewest sentences (at most `near`, of those starting at `starts`) from the anchor's sentence
    and that shares a country or a material with it; `used` is updated."""

    def named(ev: dict) -> set:
        return set(ev.get("actors", [])) | set(ev.get("targets", [])) | {("m", m) for m in ev.get("materials", [])}

    out = []
    for got, exp in pairs:
        if got is None:
            at = sentence_at(starts, text.find(exp["anchor"]))
            best, gap = None, near + 1
            for i, ev in enumerate(extracted):
                if i in used or ev["kind"] != exp["kind"] or not named(ev) & named(exp):
                    continue
                d = min(abs(sentence_at(starts, s) - at) for s, _e in _spans(ev))
                if d < gap:
                    best, gap = i, d
            if best is not None:
                used.add(best)
                got = extracted[best]
        out.append((got, exp))
    return out


def counts(pairs: list[tuple[dict | None, dict | None]]) -> dict[str, Counter]:
    """Per field: tp, fp, fn."""
    out = {f: Counter(tp=0, fp=0, fn=0) for f in FIELDS}
    for got, exp in pairs:
        for f in FIELDS:
            g = _values(got, f) if got else set()
            e = _values(exp, f) if exp else set()
            out[f]["tp"] += len(g & e)
            out[f]["fp"] += len(g - e)
            out[f]["fn"] += len(e - g)
    return out


def table(total: dict[str, Counter]) -> list[dict]:
    """Rows field, tp, fp, fn, precision, recall (None where undefined)."""
    rows = []
    for f, c in total.items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else None
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else None
        rows.append({"field": f, "tp": c["tp"], "fp": c["fp"], "fn": c["fn"], "precision": p, "recall": r})
    return rows


def add(a: dict[str, Counter], b: dict[str, Counter]) -> dict[str, Counter]:
    return {f: a.get(f, Counter()) + b.get(f, Counter()) for f in FIELDS}
