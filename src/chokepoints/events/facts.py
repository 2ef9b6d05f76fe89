"""An event and its facts: each value with the span of text that supports it."""

from __future__ import annotations

from dataclasses import dataclass, field

from chokepoints.events import gazetteer as gz
from chokepoints.events.dates import DateFact

KINDS = ("export_control", "tariff", "trade_agreement", "project", "cooperation", "strategy", "supply_disruption",
         "new_source")


@dataclass(frozen=True)
class Fact:
    """One value and the span of text that supports it."""

    value: object
    start: int
    end: int
    text: str
    role: str = ""

    @classmethod
    def of(cls, found: gz.Mention | DateFact, role: str = "") -> Fact:
        """The fact a gazetteer's mention (a place, a material) or a date found in the text states, with its span."""
        return cls(found.value, found.start, found.end, found.text, role)

    @classmethod
    def amounts(cls, found: list[tuple], lo: int = 0) -> list[Fact]:
        """The facts of the amounts `magnitude.find_magnitudes` read in a slice of text that starts at offset `lo`
        (its tuples: (value, unit), start, end, text, role, offsets into the slice)."""
        return [cls(v, s + lo, e + lo, t, r) for v, s, e, t, r in found]

    def to_dict(self) -> dict:
        d = {"value": self.value, "start": self.start, "end": self.end, "text": self.text}
        return d | ({"role": self.role} if self.role else {})


@dataclass
class Event:
    kind: str
    subkind: str
    trigger: Fact
    actors: list[Fact] = field(default_factory=list)
    targets: list[Fact] = field(default_factory=list)
    materials: list[Fact] = field(default_factory=list)
    magnitude: list[Fact] = field(default_factory=list)
    dates: list[Fact] = field(default_factory=list)
    span: tuple[int, int] = (0, 0)
    status: str = ""
    record: str = ""
    note: str = ""
    # told only as the background of another ("a day after Washington widened its curbs"): not reported unless a
    # later sentence tells it in its own right ("The US ban, signed into law in May, ...")
    background: bool = False
    industrial: bool = False  # its clause names a plant, fab, line or product of the chains followed
    chips: bool = False  # its clause names a chip fab or a battery cell plant (projects without a listed material)
    # the named sites of its clause ("Andina division", "Ventanas smelter"): two halts or projects at other sites are
    # two facts, never one told twice (merge)
    sites: frozenset = frozenset()
    # the legal acts its clause names by number ("Regulation (EU) 2015/1953"): measures by two acts are two facts
    instruments: frozenset = frozenset()
    goods: frozenset = frozenset()  # the goods a duty or a probe is on, as word stems ("junction box", "frame")
    # its clause tells it as one more measure ("The ministry also banned ...", "Separately, ...", "In a parallel
    # notice ..."): another fact than the one told before it, which the merge never joins to an earlier telling in
    # the body (a headline's event still takes in its body's telling)
    another: bool = False
    confidence: float | None = None  # how likely it is news, by the model fitted on the tuning texts (events.weigh)
    # who found it: "rules" (a trigger phrase), or "sentence classifier" (events.detect: the sentence's words; its
    # kind is the classifier's, its other fields the rules' readers')
    read_by: str = "rules"
    # amounts and dates a reader found that the value filter (events.values) finds unlikely to be the event's: the
    # field, the value with its span, and the filter's probability; shown apart, never as the event's
    set_aside: list[tuple[str, Fact, float]] = field(default_factory=list)
    # dates and materials of the sentences around it that the neighbours' model (events.neighbours) adopted: the
    # field, the value with its span, and the model's probability; each is in its field and evidence too, and said
    # apart because it rests on a model's reading of another sentence than the event's
    adopted: list[tuple[str, Fact, float]] = field(default_factory=list)
    # the triggers of the later sentences that tell it again, merged into it or read as going on with it (a
    # headline's fact told in its body): where else the text tells it, kept when the value filter drops the amounts
    # and dates that were all the evidence of those sentences
    told: list[Fact] = field(default_factory=list)

    def retold(self, *facts: Fact) -> None:
        """Record where the text tells it again (`told`): the triggers of an event merged into this one, or of a
        sentence read as going on with it."""
        self.told += [f for f in facts if f not in self.told and f != self.trigger]

    def values(self, name: str) -> list:
        return list(dict.fromkeys(f.value for f in getattr(self, name)))

    @property
    def hs(self) -> list[str]:
        return sorted({c for m in self.values("materials") for c in gz.material_hs(m)})

    def date(self, *roles: str) -> str | None:
        for role in roles:
            for d in self.dates:
                if d.role == role:
                    return d.value
        return None

    def to_dict(self) -> dict:
        return {
            "kind": self.kind, "subkind": self.subkind, "actors": self.values("actors"),
            "targets": self.values("targets"), "materials": self.values("materials"), "hs": self.hs,
            "magnitude": [{"value": f.value[0], "unit": f.value[1]} | ({"role": f.role} if f.role else {})
                          for f in unique(self.magnitude)],
            "dates": [{"role": f.role, "value": f.value} for f in _precise(unique(self.dates))],
            "status": self.status, "record": self.record, "confidence": self.confidence, "read_by": self.read_by,
            "evidence": {"trigger": [self.trigger.to_dict()],
                         **{k: [f.to_dict() for f in getattr(self, k)]
                            for k in ("actors", "targets", "materials", "magnitude", "dates")},
                         "told": [f.to_dict() for f in self.told]},
            "set_aside": [{"field": name} | f.to_dict() | {"probability": p} for name, f, p in self.set_aside],
            "adopted": [{"field": name} | f.to_dict() | {"probability": p} for name, f, p in self.adopted],
        }


def _precise(dates: list[Fact]) -> list[Fact]:
    """Dates without those a more precise date of the same role contains ("2024-09" beside "2024-09-15")."""
    return [d for d in dates if not any(o.role == d.role and o.value != d.value and "/" not in d.value
                                        and o.value.startswith(d.value) for o in dates)]


def unique(facts: list[Fact]) -> list[Fact]:
    """`facts` without repeats: the first of each value in each role."""
    seen, out = set(), []
    for f in facts:
        if (f.value, f.role) not in seen:
            seen.add((f.value, f.role))
            out.append(f)
    return out


def key(field: str, fact: Fact) -> tuple:
    """The value as the annotations and the scorer name it: (value, unit) of an amount, (role, value) of a date."""
    return tuple(fact.value) if field == "magnitude" else (fact.role, fact.value)


def distinct(field: str, ev: Event) -> list[Fact]:
    """The event's values of `field` (amounts or dates), the first of each that is told twice."""
    seen: set[tuple] = set()
    return [f for f in getattr(ev, field) if not (key(field, f) in seen or seen.add(key(field, f)))]
