"""One event per fact: the same event told twice (a headline and its body, a sentence restating the one before)
is merged into the first telling."""

from __future__ import annotations

from chokepoints.events import gazetteer as gz
from chokepoints.events.facts import Event


def _money(ev: Event) -> set:
    return {f.value for f in ev.magnitude if f.value[1] in ("%", "MUSD", "MEUR", "items")}


def _family(materials: list[str]) -> set[str]:
    """Materials as families: the rare earths and their magnets are one ("rare earth curbs" and "magnet curbs" in a
    headline and its body tell one fact); other materials stand for themselves."""
    return {"ree" if m in ("ree", "lree", "hree", "magnet") or gz.covers("ree", m) else m for m in materials}


def _compatible(a: Event, b: Event) -> bool:
    """Two events telling the same fact (a headline and its body; a sentence that restates the one before)."""
    if a.kind != b.kind or abs(a.span[0] - b.span[0]) > 3000:  # one article's headline and body, not a dump
        return False
    if a.subkind and b.subkind and a.subkind != b.subkind and a.kind not in ("project", "export_control"):
        return False
    if {a.subkind, b.subkind} == {"suspension", "ban"} or {a.subkind, b.subkind} == {"suspension", "licence"}:
        return False
    sa, sb = {f.value for f in a.actors}, {f.value for f in b.actors}
    if sa and sb and sa != sb:  # (the cheap tests first: most pairs fail here)
        return False
    ta, tb = {f.value for f in a.targets}, {f.value for f in b.targets}
    if ta and tb and not ta & tb:
        return False
    ma, mb = _family(a.values("materials")), _family(b.values("materials"))
    pa, pb = _money(a), _money(b)
    if not (sa and sb):  # one side names no actor: the same materials, close together
        return bool(sa or sb or ta & tb) and bool(ma and mb and (ma <= mb or mb <= ma)) and \
            abs(a.span[0] - b.span[0]) < 800
    if pa and pb and not pa & pb:
        return False
    if a.kind == "project":
        return bool(ma & mb) or bool(ta and tb and ta & tb) or bool(pa & pb)
    return bool(ma & mb) or not (ma and mb)


def merge(events: list[Event]) -> list[Event]:
    out: list[Event] = []
    recent: dict[str, list[Event]] = {}  # the last events of each kind: a linear pass over long files
    for ev in events:
        pool = recent.setdefault(ev.kind, [])
        twin = next((o for o in pool if _compatible(o, ev)), None)
        if twin is None:
            out.append(ev)
            pool.append(ev)
            del pool[:-12]
            continue
        if not twin.actors and ev.actors:
            twin.actors = list(ev.actors)
        for name in ("actors", "targets", "materials", "magnitude", "dates"):
            have = {(f.value, f.start) for f in getattr(twin, name)}
            getattr(twin, name).extend(f for f in getattr(ev, name) if (f.value, f.start) not in have)
        twin.subkind = twin.subkind or ev.subkind
    return out
