"""One event per fact: the same event told twice (a headline and its body, a sentence restating the one before)
is merged into the first telling."""

from __future__ import annotations

import re

from chokepoints.events import gazetteer as gz
from chokepoints.events.facts import Event, Fact
from chokepoints.events.roles import in_spans
from chokepoints.events.sentences import HEADLINE_SENTENCES, sentence_at


def _money(ev: Event) -> set:
    return {f.value for f in ev.magnitude if f.value[1] in ("%", "MUSD", "MEUR", "items")}


# a rate said to stay as it was: no measure ("Export taxes on wheat and corn stay at 12%")
UNCHANGED = re.compile(r"\b(?:stays?|stayed|remains?|remained|unchanged|kept)\b", re.I)


def _amounts_in(ev: Event, unit: str) -> set:
    return {f.value[0] for f in ev.magnitude if f.value[1] == unit}


def rates(ev: Event) -> set:
    """The rates in per cent an event names."""
    return _amounts_in(ev, "%")


def _none_shared(a: Event, b: Event, unit: str) -> bool:
    """Whether two events both name amounts in `unit`, and none in common."""
    xa, xb = _amounts_in(a, unit), _amounts_in(b, unit)
    return bool(xa and xb and not xa & xb)


def other_rates(a: Event, b: Event) -> bool:
    """Whether two events both name rates in per cent, and none in common: two measures ("a 45% duty on pellets"
    and "a 15% duty on pig iron"), not one told twice."""
    return _none_shared(a, b, "%")


def _family(materials: list[str], headline: bool = False) -> set[str]:
    """Materials as families: the rare earths and their magnets are one ("rare earth curbs" and "magnet curbs" in a
    headline and its body tell one fact); a headline's or standfirst's "graphite" is also its body's natural graphite
    ("GRAPHITE MINE" over "natural graphite mine"; in the body two graphite plants may be two projects); other
    materials stand for themselves."""
    return {"ree" if m in ("ree", "lree", "hree", "magnet") or gz.covers("ree", m) else
            "graphite" if headline and gz.covers("graphite", m) else m for m in materials}


def _overlap(ma: set[str], mb: set[str], summary: bool) -> bool:
    """Whether two families of materials can be one fact's. "Critical minerals" is a group that holds any of them,
    when one telling is a summary without dates (a headline): "India approves mission to secure critical minerals"."""
    return bool(ma & mb) or (summary and bool(ma and mb and "critical_minerals" in ma | mb))


def _compatible(a: Event, b: Event, body: int = 0) -> bool:
    """Two events telling the same fact (a headline and its body; a sentence that restates the one before)."""
    if a.kind != b.kind or abs(a.span[0] - b.span[0]) > 3000:  # one article's headline and body, not a dump
        return False
    if b.another and b.span[0] != a.span[0] and a.span[0] >= body:
        return False  # "The ministry also banned sales of jet fuel": one more measure, not the first told again (but
        # under a headline, "The Commerce Ministry also placed export restrictions" is its "curbs" told in the body)
    if a.subkind and b.subkind and a.subkind != b.subkind and a.kind not in ("project", "export_control"):
        return False
    if (a.subkind == "technology") != (b.subkind == "technology") and a.kind == "export_control":
        return False  # a control of know-how is another fact than a control of the material itself
    if {a.subkind, b.subkind} == {"suspension", "ban"} or {a.subkind, b.subkind} == {"suspension", "licence"}:
        return False
    if a.sites and b.sites and not a.sites & b.sites:
        return False  # "halted its Los Pelambres mine" and "suspended work at its Andina division": two sites
    if a.instruments and b.instruments and not a.instruments & b.instruments:
        return False  # "By Implementing Regulation (EU) 2015/1952 ..." and "By ... 2015/1953 ...": two acts
    if a.goods and b.goods and not a.goods & b.goods:
        return False  # "a dumping probe into junction boxes" and "an investigation into aluminium frames": two cases
    sa, sb = {f.value for f in a.actors}, {f.value for f in b.actors}
    if sa and sb and sa != sb and not (_bloc_wider(a, sb) or _bloc_wider(b, sa)) and \
            not (a.span[0] < body <= b.span[0] and sa < sb) and not _swapped(a, b, body):
        return False  # (the cheap tests first: most pairs fail here; but a headline's actors may be fewer than its
        # body's telling reads: "US stops approving export licences for Huawei", then "... to Huawei Technologies ...
        # the Chinese company". A headline that names more, "US and China trade first blows", tells both sides)
    if _other_time(a, b):  # "... will rise to 25% in 2026" after "raised ... on Tuesday": two steps
        return False
    if a.kind in ("supply_disruption", "project") and _none_shared(a, b, "t/yr"):
        return False  # "The plant ... can turn out 300,000 tonnes of copper a year and has been halted" and "Pan
        # Pacific Copper's refinery ..., which has capacity of 217,000 tonnes a year, is also shut": two plants
    ta, tb = {f.value for f in a.targets}, {f.value for f in b.targets}
    if ta and tb and not ta & tb:
        return False
    headline = a.span[0] < body
    ma, mb = _family(a.values("materials"), headline), _family(b.values("materials"), headline)
    summary = not a.dates or not b.dates or headline  # (a headline sums up, dated or not: "agree green growth
    # compact and critical minerals pact" over the body's compact for copper and cobalt)
    pa, pb = _money(a), _money(b)
    if a.kind == "project" and not (sb or tb) and (_overlap(ma, mb, True) or not mb):
        return True  # "The capacity is made up of the existing starter plant ...": the project told, restated
    if not (sa and sb):  # one side names no actor: the same materials (or a plant's same sum), close together
        return bool(sa or sb or ta & tb) and \
            (bool(ma and mb and (ma <= mb or mb <= ma or _overlap(ma, mb, summary))) or
             (a.kind == "project" and bool(pa & pb))) and abs(a.span[0] - b.span[0]) < 800
    if pa and pb and not pa & pb:
        return False  # different rates or sums: two measures ("a 200% duty on aluminium" and "tariffs on 100 products")
    if a.kind == "project":
        return _overlap(ma, mb, summary) or bool(ta and tb and ta & tb) or bool(pa & pb)
    return _overlap(ma, mb, summary) or not (ma and mb)


def _swapped(a: Event, b: Event, body: int) -> bool:
    """Whether headline `a` reads as its actor what its body's telling `b` reads as the target, with no target of its
    own ("Commerce Removes Three Indian ... Entities from the Entity List", then "BIS today published a rule that
    removes three Indian entities"): a headline names no subject the roles can read, so the body's roles stand."""
    sa = {f.value for f in a.actors}
    return a.span[0] < body <= b.span[0] and bool(sa) and not a.targets and bool(b.actors) and \
        sa <= {f.value for f in b.targets}


def _bloc_wider(ev: Event, fewer: set) -> bool:
    """Whether `ev`'s actors are `fewer` and more members of a bloc named in one mention ("the customs union of
    Russia, Belarus and Kazakhstan" in the lead, "the Eurasian Economic Commission" below): the same actor."""
    have = {f.value for f in ev.actors}
    if not fewer < have:
        return False
    at = {f.start for f in ev.actors if f.value in fewer}
    return all(f.start in at for f in ev.actors if f.value not in fewer)


def _other_time(a: Event, b: Event) -> bool:
    """Whether two events give one date role different dates (neither a coarser form of the other: "2025-04" and
    "2025-04-04" agree), i.e. tell two facts: the ban of December 2022 and the one announced this week."""
    for role in ("announced", "effective"):
        da = {f.value for f in a.dates if f.role == role}
        db = {f.value for f in b.dates if f.role == role}
        if da and db and not any(_agree(x, y) for x in da for y in db):
            return True
    return False


def _agree(x: str, y: str) -> bool:
    """Whether two dates can be one: one a coarser form of the other, or one a span that holds the other ("next
    week", 2021-11-22/2021-11-28, and "from November 26")."""
    if x.startswith(y) or y.startswith(x):
        return True
    for span, day in ((x, y), (y, x)):
        if "/" in span and "/" not in day:
            lo, hi = span.split("/", 1)
            if lo <= day[:len(lo)] and day[:len(hi)] <= hi:
                return True
    return False


def merge(events: list[Event], body: int = 0) -> list[Event]:
    """`events` with each fact told twice joined into its first telling. `body`: where the text's body starts (a
    headline's event takes in its body's telling, even one told as "also")."""
    out: list[Event] = []
    recent: dict[str, list[Event]] = {}  # the last events of each kind: a linear pass over long files
    # the last telling each kept event took in: a further one must agree with it too, so that a headline naming two
    # measures ("extends duties on Chinese, Japanese coils; lifts them for South Korea, Vietnam") takes the first of
    # the body's and the second stays a fact of its own, not one merged through the headline's wider facts
    last: dict[int, Event] = {}
    for ev in events:
        pool = recent.setdefault(ev.kind, [])
        twin = next((o for o in pool if _compatible(o, ev, body) and
                     (id(o) not in last or _compatible(last[id(o)], ev, body))), None)
        if twin is None:
            out.append(ev)
            pool.append(ev)
            del pool[:-12]
            continue
        last[id(twin)] = ev
        if _swapped(twin, ev, body):
            twin.actors = []  # (the body's reading of who acts on whom)
        if not twin.actors and ev.actors:
            twin.actors = list(ev.actors)
        for name in ("actors", "targets", "materials", "magnitude", "dates"):
            have = {(f.value, f.start) for f in getattr(twin, name)}
            getattr(twin, name).extend(f for f in getattr(ev, name) if (f.value, f.start) not in have)
        twin.retold(ev.trigger, *ev.told)
        twin.subkind = twin.subkind or ev.subkind
        twin.sites = twin.sites | ev.sites
        twin.instruments = twin.instruments | ev.instruments
        twin.goods = twin.goods | ev.goods
    return out


def restated(events: list[Event], ix) -> None:
    """Record, as told again (`Event.told`), the sentence that restates an event of a text's headline without a
    trigger of its own: one of the next three sentences, before any that tells another event, that names one of its
    materials and one of its actors (not in a dateline) or amounts ("Cabinet caps manganese exports at 5 million
    tonnes a year", then "ACCRA - Ghana has placed an annual ceiling of five million tonnes on exports of manganese
    ore"). The event was found; this is where its body tells it (`ix`: the text's index, `textindex.Index`)."""
    spans = ix.sentences
    starts = [lo for lo, _hi in spans]
    triggered = {sentence_at(starts, e.trigger.start) for e in events}
    for ev in events:
        n = sentence_at(starts, ev.trigger.start)
        if n >= HEADLINE_SENTENCES or not ev.materials:
            continue
        own = {sentence_at(starts, f.start) for f in ev.told}
        mats, actors = _family(ev.values("materials")), set(ev.values("actors"))
        amounts = {f.value for f in ev.magnitude}
        for k in range(n + 1, min(n + 4, len(spans))):
            if k in triggered or k in own:
                break  # another fact told, or this one's own telling
            lo, hi = spans[k]
            if not mats & _family([m.value for m in ix.materials(lo, hi)]):
                continue
            named = {p.value for p in ix.places(lo, hi) if not in_spans(ix.datelines, p.start)}
            if actors & named or amounts & {m[0] for m in ix.magnitudes(lo, hi)}:
                ev.told.append(Fact(ev.kind, lo, hi, ix.text[lo:hi], "restated"))
                break


def headline_restates(events: list[Event], ix, body: int) -> None:
    """Record, as told (`Event.told`), a headline that tells no event of its own but names two of the countries and
    materials of the body's first event: "US blacklists five Chinese supercomputing entities" over "The Commerce
    Department on Friday added Sugon ... to its Entity List". The event was found in the body; the headline is where
    the text first tells it (the reverse of `restated`; `body`: where the body begins, `newsworthy.body_start`)."""
    if not events or body <= 0:
        return
    starts = [lo for lo, _hi in ix.sentences]
    told = {sentence_at(starts, f.start) for e in events for f in (e.trigger, *e.told)}
    first = min((e for e in events if e.trigger.start >= body), key=lambda e: e.trigger.start, default=None)
    # (the body's lead: the event is told in its first sentences, or the headline may be another story's)
    if first is None or sentence_at(starts, first.trigger.start) > sentence_at(starts, body) + 2:
        return
    countries = set(first.values("actors")) | set(first.values("targets"))
    mats = _family(first.values("materials"))
    for k in range(sentence_at(starts, body)):
        lo, hi = ix.sentences[k]
        if k in told or hi > body:
            continue
        named = {p.value for p in ix.places(lo, hi) if not in_spans(ix.datelines, p.start)} & countries
        if named and len(named) + len(mats & _family([m.value for m in ix.materials(lo, hi)])) >= 2:
            first.told.append(Fact(first.kind, lo, hi, ix.text[lo:hi], "headline"))
            return
