"""Long texts in parallel: a file of many articles (up to the 5 MB the reader accepts) is cut at paragraph breaks into
one piece per core, each piece is read by `extract` in its own process, and the events are put back in text order
with their evidence offsets shifted to the whole text.

Why paragraph breaks: every rule of `extract` looks at most a few thousand characters back (a back-reference, a
headline twin, a bulletin header), so a cut between paragraphs far apart loses at most the link between the two
paragraphs beside it; the joined list is weighed as one text (`newsworthy.news`: its lead, its asides, its twins).
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import date
from multiprocessing import get_all_start_methods, get_context

from chokepoints.engines import usable_cores
from chokepoints.events import gazetteer as gz
from chokepoints.events.extract import candidates, extract, whole_text
from chokepoints.events.facts import Event, Fact
from chokepoints.events.values import keep_values

MIN_PIECE = 500_000  # below this a process costs more than it saves (about 1 s of extraction per 500 kB)
MIN_SIFTED = 200  # events per process below which the value filter runs in the parent (a pickled event costs more)


def pieces(text: str, n: int) -> list[tuple[int, int]]:
    """`n` spans covering `text`, each ending at a paragraph break (else a line break, else a full stop) after an
    equal share of the characters."""
    bounds, start = [], 0
    for i in range(1, n):
        at = max(start, len(text) * i // n)
        for sep in ("\n\n", "\n", ". "):
            cut = text.find(sep, at, at + 50_000)
            if cut >= 0:
                at = cut + len(sep)
                break
        if at <= start or at >= len(text):
            continue
        bounds.append((start, at))
        start = at
    bounds.append((start, len(text)))
    return bounds


def _shift_fact(f: Fact, off: int) -> Fact:
    return replace(f, start=f.start + off, end=f.end + off)


def _shift(ev: Event, off: int) -> Event:
    if off == 0:
        return ev
    out = replace(ev, trigger=_shift_fact(ev.trigger, off), span=(ev.span[0] + off, ev.span[1] + off))
    for name in ("actors", "targets", "materials", "magnitude", "dates", "told"):
        setattr(out, name, [_shift_fact(f, off) for f in getattr(ev, name)])
    for name in ("set_aside", "adopted"):
        setattr(out, name, [(field, _shift_fact(f, off), p) for field, f, p in getattr(ev, name)])
    return out


def _piece(args: tuple[str, date | None, int]) -> list[Event]:
    text, article_date, off = args
    return [_shift(ev, off) for ev in candidates(text, article_date)]


def _facts(ev: Event) -> list[Fact]:
    return [ev.trigger, *ev.actors, *ev.targets, *ev.materials, *ev.magnitude, *ev.dates, *ev.told]


def _sift_piece(args: tuple[str, date | None, int, list[Event]]) -> list[Event]:
    text, article_date, off, events = args
    return [_shift(ev, off) for ev in keep_values(text, article_date, [_shift(ev, -off) for ev in events])]


def _sifter(pool: ProcessPoolExecutor, spans: list[tuple[int, int]]):
    """The value filter (`values.keep_values`) run piece by piece in `pool`, each event with the piece that holds all
    its evidence (the sentences around it that the neighbours read are mostly there too); an event told in two
    pieces (a twin merged across a cut) is weighed in this process against the whole text. Each event keeps its
    identity: `whole_text` tells the events it has seen by it."""
    def sift(text: str, article_date: date | None, events: list[Event], ix=None) -> list[Event]:
        if len(events) < 2 * MIN_SIFTED:
            return keep_values(text, article_date, events, ix=ix)
        home: dict[int, list[Event]] = {}
        rest = []
        for ev in events:
            facts = _facts(ev)
            lo, hi = min([ev.span[0]] + [f.start for f in facts]), max([ev.span[1]] + [f.end for f in facts])
            i = next((i for i, (a, b) in enumerate(spans) if a <= lo and hi <= b), None)
            (home.setdefault(i, []) if i is not None else rest).append(ev)
        parts = pool.map(_sift_piece, [(text[spans[i][0]:spans[i][1]], article_date, spans[i][0], evs)
                                       for i, evs in home.items()])
        for evs, sifted in zip(home.values(), parts, strict=True):
            for ev, new in zip(evs, sifted, strict=True):
                ev.__dict__.update(new.__dict__)
        keep_values(text, article_date, rest, ix=ix)
        return events
    return sift


def extract_long(text: str, article_date: date | None = None, *, processes: int | None = None,
                 min_confidence: float | None = None) -> list[Event]:
    """`extract` over a long text, one piece per core; the same as `extract` for texts under 2 x MIN_PIECE or on one
    core. `min_confidence`: as `extract`'s."""
    n = min(processes or usable_cores(), len(text) // MIN_PIECE)
    if n < 2:
        return extract(text, article_date, min_confidence=min_confidence)
    # build the gazetteers once here: forked workers inherit them instead of each building its own
    gz.place_gazetteer(), gz.material_gazetteer(), gz.find_sites("")
    spans = pieces(text, n)
    ctx = get_context("fork") if "fork" in get_all_start_methods() else get_context()
    with ProcessPoolExecutor(max_workers=len(spans), mp_context=ctx) as pool:
        parts = pool.map(_piece, [(text[a:b], article_date, a) for a, b in spans])
        events = [ev for part in parts for ev in part]
        # (the lead, the asides, the twins and the publication lines are the whole text's; the value filter, which
        # weighs each event's amounts and dates by the words around them, half the parent's time, runs by piece)
        return whole_text(text, article_date, events, sifter=_sifter(pool, spans), min_confidence=min_confidence)
