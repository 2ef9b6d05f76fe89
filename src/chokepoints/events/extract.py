"""Trade-policy and supply events from English news text, by rules over the reference gazetteers.

A sentence holds an event where a trigger phrase names one (an export licence, a tariff, a deal, a plant, a
partnership). A sentence with triggers of several kinds is cut into clauses between them; each event takes the
countries, materials, amounts and dates of its clause. A following sentence that refers back ("The rules take effect
on 1 August") adds its dates and amounts to the event before. The same event told twice (headline and body) is
merged. Every value keeps the span of text it was read from; a value without one is never produced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from chokepoints.events import gazetteer as gz
from chokepoints.events.dates import find_dates
from chokepoints.events.magnitude import find_magnitudes

KINDS = ("export_control", "tariff", "trade_agreement", "project", "cooperation")
_W = r"(?:[\w\-'’,]+\s+)"  # one word and its space

# (kind, subkind, pattern); earlier patterns win where spans overlap
TRIGGERS = [
    ("export_control", "suspension", rf"\b(?:suspend(?:s|ed|ing)?|suspension\s+of|lift(?:ed|s|ing)?|pause[sd]?|"
                                     rf"scrap(?:ped|s)?|"
                                     rf"remov(?:e|ed|es)|roll(?:ed|s)?\s+back)\s+{_W}{{0,4}}(?:export\s+)?"
                                     rf"(?:controls|restrictions|curbs|licensing\s+requirements?)\b"),
    ("export_control", "tax", r"\bexport\s+(?:tax(?:es)?|dut(?:y|ies)|levy|levies|tariffs?)\b"),
    ("export_control", "quota", r"\bexport\s+quotas?\b|\bquotas?\s+(?:on|for)\s+(?:\w+\s+){0,3}exports?\b"),
    ("export_control", "ban", rf"\b(?:ban(?:s|ned|ning)?|prohibit(?:s|ed|ing)?|embargo(?:es|ed)?|halt(?:s|ed|ing)?|"
                              rf"stop(?:s|ped|ping)?|suspend(?:s|ed|ing)?|suspension\s+of)\s+(?:on\s+)?{_W}{{0,5}}"
                              r"(?:exports?|shipments?|sales\s+abroad)\b|\bexports?\s+bans?\b|"
                              r"\bexports?\s+(?:\w+\s+){0,6}(?:banned|prohibited|suspended|halted)\b|"
                              r"\b(?:ore|export)\s+ban\b"),
    ("export_control", "licence", r"\bexport\s+(?:licen[cs]\w*|permits?|controls?|restrictions?|curbs?|"
                                  r"approvals?|licensing)\b|"
                                  rf"\b(?:licen[cs]es?|permits?|permission|approval)\s+(?:to|for)\s+{_W}{{0,4}}"
                                  r"(?:exports?|export|shipments?|ship)\b|"
                                  rf"\b(?:curb|restrict|control|limit)(?:s|ed|ing)?\s+{_W}{{0,4}}(?:exports?|"
                                  r"shipments?|overseas\s+sales)\b|\b(?:licen[cs]es?|permits?)\b(?=[^.]{0,80}\bexport)|"
                                  r"\bexporters?\s+(?:\w+\s+){0,4}(?:need|require|apply|obtain)\w*\s+(?:\w+\s+){0,3}"
                                  r"(?:licen[cs]es?|permits?|approval|permission)\b|"
                                  r"\b(?:stricter|tighter)\s+(?:end[\s\-]use\s+|end[\s\-]user\s+)?(?:reviews?|checks|"
                                  r"scrutiny)\b(?=[^.]{0,60}\bend[\s\-]users?)|"
                                  r"\b(?:shipments|exports)\s+(?:\w+\s+){0,6}(?:will\s+)?face\s+(?:stricter|tighter)\b"),
    ("tariff", "investigation", r"\b(?:section\s+232|trade)\s+(?:investigation|probe)\b|"
                                r"\b(?:investigation|probe)\s+into\s+(?:\w+\s+){0,3}imports\b"),
    ("tariff", "", r"\b(?:reciprocal\s+|retaliatory\s+|additional\s+|import\s+)?(?:tariffs?|levy|levies|"
                   r"import\s+dut(?:y|ies)|customs\s+dut(?:y|ies)|reciprocal\s+rate)\b|\bdut(?:y|ies)\s+on\b"),
    ("trade_agreement", "", r"\b(?:trade|tariff|commercial)\s+(?:deal|agreement|framework|pact|truce)s?\b|"
                            r"(?<!supply )(?<!offtake )(?<!loan )(?:\b(?:reach|reached|seal|sealed|sign|signed|"
                            r"strike|struck|clinch|clinched|announce|announced)\s+(?:a|an|the)\s+(?:\w+\s+){0,2}"
                            r"(?:deal|agreement|framework|pact))\b"),
    ("cooperation", "", r"\b2\s*\+\s*2\b|\b(?:strategic\s+)?partnership\b|\bmemorand(?:um|a)\s+of\s+"
                        r"(?:understanding|cooperation)\b|\bMoU\b|\bcooperation\s+(?:framework|agreement|"
                        r"pact|plan|mechanism|dialogue)\b|\bagree[ds]?\s+to\s+cooperate\b|\bjoint\s+statement\b"),
    ("project", "", r"\b(?:separation|recycling|refining|processing|magnet|smelting)?\s*(?:plant|refinery|mine|"
                    r"facility|smelter|hub|strategic\s+projects?)s?\b"),
]
TRIGGER_RX = [(k, s, re.compile(p, re.I)) for k, s, p in TRIGGERS]
PROJECT_VERB = re.compile(r"\b(?:build|construct|fund|co-fund|financ|invest|develop|commission|secur|select|back|"
                          r"expand|launch|open|start|plan|approv|support|produc|capacity|output)\w*", re.I)
NEGATION = re.compile(r"\b(?:no|not|never|denied|den(?:y|ies)|unlikely|rule[sd]?\s+out|rumou?r\w*|speculat\w*|"
                      r"instead\s+of)\b[^,;]{0,40}$", re.I)
THREAT = re.compile(r"\b(?:threat\w*|warn\w*|could|might|unless|if\s+no|weigh\w*|consider\w*)\b", re.I)
STAGES = [("recycling", r"recycl\w+"), ("separation", r"separat\w+"), ("magnet", r"magnet\s+(?:plant|production|"
          r"factory|making)"), ("metal_alloy", r"(?:metal|alloy)\s+(?:plant|production)"),
          ("refining", r"refin\w+|process\w+|smelt\w+|hydroxide|anode"), ("mining", r"\bmin(?:e|es|ing)\b|extract\w+")]
BACKREF = re.compile(r"^\W*(?:the|these|those|this|such|its|their)\s+(?:[\w\-]+\s+)?"
                     r"(?P<noun>rules?|controls?|restrictions?|curbs?|measures?|licen[cs]es?|requirements?|bans?|"
                     r"suspension|levy|levies|tariffs?|dut(?:y|ies)|deal|agreement|framework|pact|plant|project|"
                     r"facility|refinery|mine|hub|investment|permits?|quotas?|probe|investigation)\b|"
                     r"\b(?:under|in|with)\s+the\s+(?P<noun2>deal|agreement|framework|plan)\b|"
                     r"\bthe\s+(?P<noun3>ban|suspension|probe|investigation)\b|^\W*(?:it|they)\s+(?:will|would|"
                     r"is|are|takes?|come|comes|covers?|appl(?:y|ies))\b", re.I)
SUBJECT_REF = re.compile(r"^\W*(?:the\s+(?:[\w\-]+\s+){0,2}(?:ministry|government|regulator|department|agency|"
                         r"authorities|cabinet)|it|officials)\b", re.I)
DATELINE = re.compile(r"\s*[A-Z][A-Z .'\-]+,(?:\s*[A-Z][\w .\-]*,)?\s*")
NOUN_KIND = {"plant": "project", "project": "project", "facility": "project", "refinery": "project",
             "mine": "project", "hub": "project", "investment": "project", "deal": "trade_agreement",
             "agreement": "trade_agreement", "framework": "trade_agreement", "pact": "trade_agreement",
             "plan": "trade_agreement", "probe": "tariff", "investigation": "tariff", "ban": "export_control",
             "suspension": "export_control"}
_ABBREV = r"(?<!\bU\.S)(?<!\bU\.K)(?<!\bNo)(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bInc)(?<!\bCo)(?<!\bCorp)(?<!\bLtd)" \
          r"(?<!\bSt)(?<!\bvs)(?<!\bJan)(?<!\bFeb)(?<!\bAug)(?<!\bSept)(?<!\bSep)(?<!\bOct)(?<!\bNov)(?<!\bDec)"
SENTENCE = re.compile(rf"{_ABBREV}(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n|(?<=[^\s.!?:])\n(?=[A-Z])")


@dataclass(frozen=True)
class Fact:
    """One value and the span of text that supports it."""

    value: object
    start: int
    end: int
    text: str
    role: str = ""

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
                          for f in _unique(self.magnitude)],
            "dates": [{"role": f.role, "value": f.value} for f in _unique(self.dates)],
            "status": self.status, "record": self.record,
            "evidence": {"trigger": [self.trigger.to_dict()],
                         **{k: [f.to_dict() for f in getattr(self, k)]
                            for k in ("actors", "targets", "materials", "magnitude", "dates")}},
        }


def _unique(facts: list[Fact]) -> list[Fact]:
    seen, out = set(), []
    for f in facts:
        if (f.value, f.role) not in seen:
            seen.add((f.value, f.role))
            out.append(f)
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in SENTENCE.finditer(text):
        if text[start:m.start()].strip():
            out.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def _triggers(text: str, lo: int, hi: int) -> list[tuple[str, str, int, int]]:
    seg = text[lo:hi]
    found: list[tuple[str, str, int, int]] = []
    for kind, sub, rx in TRIGGER_RX:
        for m in rx.finditer(seg):
            s, e = m.start() + (len(m.group(0)) - len(m.group(0).lstrip())), m.end()
            if any(s < b and a < e for _k, _s, a, b in found):
                continue
            if NEGATION.search(seg[max(0, s - 60):s]):
                continue
            if kind == "project" and not PROJECT_VERB.search(seg):
                continue
            if kind == "cooperation" and len({p.value for p in gz.find_places(seg)}) < 2:
                continue
            if kind == "export_control" and sub == "licence" and not re.search(r"export|shipment|ship\b|abroad",
                                                                               seg, re.I):
                continue
            found.append((kind, sub, lo + s, lo + e))
    return sorted(found, key=lambda t: t[2])


def _cut(text: str, a: int, b: int) -> int:
    """Where to cut a sentence between two triggers (a = end of the first, b = start of the second)."""
    seg = text[a:b]
    for delim in (";", ", while ", ", but ", " while ", ", and ", " as well as ", " and ", ", "):
        i = seg.rfind(delim)
        if i >= 0:
            return a + i + 1
    return b


def _clauses(text: str, lo: int, hi: int, trig: list) -> list[tuple[list, int, int]]:
    """Group triggers into clauses: consecutive triggers of one kind share a clause."""
    groups: list[list] = []
    for t in trig:
        if groups and groups[-1][-1][0] == t[0]:
            groups[-1].append(t)
        else:
            groups.append([t])
    out, start = [], lo
    for i, g in enumerate(groups):
        end = hi if i == len(groups) - 1 else _cut(text, g[-1][3], groups[i + 1][0][2])
        out.append((g, start, end))
        start = end
    return out


_TARGET_BEFORE = re.compile(r"\b(?:to|toward|towards|against|on|into|for|with|bound\s+for|destined\s+for|"
                            r"imports?\s+from|from)\s+(?:the\s+|all\s+|some\s+|certain\s+)?$", re.I)
_TARGET_AFTER = re.compile(r"^(?:['’]s)?\s*(?:-\s*made\s+|-\s*origin\s+)?(?:\w+\s+){0,1}(?:goods|imports|products|"
                           r"exports|cars|vehicles|steel|firms|companies|entities|buyers|customers|users)\b", re.I)
_SITE_BEFORE = re.compile(r"\b(?:in|at|near)\s+(?:the\s+)?(?:[A-Z][\w\-]+,?\s+|"
                          r"(?:north|south|east|west|central)[\w\-]*\s+){0,3}$")
_SUBJECT_FROM = re.compile(r"\bexports?\s+(?:\w+\s+){0,4}from\s+(?:the\s+)?$", re.I)


def _roles(kind: str, text: str, places: list, lo: int, bloc_antecedent: gz.Mention | None):
    actors, targets = [], []
    for p in places:
        before = text[max(lo, p.start - 40):p.start]
        after = text[p.end:p.end + 30]
        fact = Fact(p.value, p.start, p.end, p.text)
        if kind == "project":
            (targets if _SITE_BEFORE.search(before) else actors).append(fact)
        elif kind in ("trade_agreement", "cooperation"):
            if not re.search(r"\b(?:in|at)\s+$", before):
                actors.append(fact)
        elif kind == "export_control" and _SUBJECT_FROM.search(before):
            actors.append(fact)
        elif kind == "export_control" and re.search(r"\bfrom\s+(?:the\s+)?$", before, re.I):
            continue  # "... said a spokesman from X": too loose to use
        elif _TARGET_BEFORE.search(before) or _TARGET_AFTER.search(after):
            targets.append(fact)
        else:
            actors.append(fact)
    if kind in ("export_control", "tariff"):
        m = re.search(r"\bthe\s+bloc(?:['’]s)?\b", text[lo:]) if bloc_antecedent else None
        if m:
            targets.append(Fact(bloc_antecedent.value, lo + m.start(), lo + m.end(), m.group(0)))
        if re.search(r"\b(?:all|any)\s+(?:destinations|countries|buyers|markets)\b", text[lo:], re.I) and not targets:
            m = re.search(r"\b(?:all|any)\s+(?:destinations|countries|buyers|markets)\b", text[lo:], re.I)
            targets.append(Fact("ALL", lo + m.start(), lo + m.end(), m.group(0)))
    if kind in ("export_control", "tariff"):  # a country named twice keeps the role of its first mention
        first = {}
        for f in sorted(actors + targets, key=lambda f: f.start):
            first.setdefault(f.value, "a" if f in actors else "t")
        actors = [a for a in actors if first[a.value] == "a"]
        targets = [t for t in targets if first[t.value] == "t"]
    return actors, targets


def _stage(text: str) -> str:
    for stage, rx in STAGES:
        if re.search(rx, text, re.I):
            return stage
    return ""


def _event(text: str, group: list, lo: int, hi: int, ref: date | None, antecedent) -> Event:
    kind, sub = group[0][0], next((t[1] for t in group if t[1]), "")
    t0 = group[0]
    clause = text[lo:hi]
    if kind == "tariff" and not sub:
        sub = "threatened" if THREAT.search(clause) else ""
    if kind == "project":
        sub = _stage(clause)
    places = [p for p in gz.find_places(clause)]
    places = [gz.Mention(p.value, p.start + lo, p.end + lo, p.text, p.kind) for p in places]
    actors, targets = _roles(kind, text, places, lo, antecedent)
    mats = [Fact(m.value, m.start + lo, m.end + lo, m.text) for m in gz.find_materials(clause)]
    mags = [Fact(v, s + lo, e + lo, t, r) for v, s, e, t, r in find_magnitudes(clause)]
    dates = [Fact(d.value, d.start, d.end, d.text, d.role) for d in find_dates(text, ref, lo, hi)
             if not DATELINE.fullmatch(text[lo:d.start])]
    if kind == "project":
        dates = [Fact(d.value, d.start, d.end, d.text, "start" if d.role in ("effective", "deadline") else d.role)
                 for d in dates]
    return Event(kind, sub, Fact(kind, t0[2], t0[3], text[t0[2]:t0[3]]), actors, targets, mats, mags, dates,
                 (lo, hi))


def _continue(ev: Event, text: str, lo: int, hi: int, ref: date | None) -> None:
    """Add the dates, amounts, materials and countries of a sentence that refers back to `ev`."""
    places = [gz.Mention(p.value, p.start + lo, p.end + lo, p.text, p.kind) for p in gz.find_places(text[lo:hi])]
    actors, targets = _roles(ev.kind, text, places, lo, None)
    have = {f.value for f in ev.actors + ev.targets}
    ev.actors += [a for a in actors if a.value not in have and ev.kind in ("project", "trade_agreement")]
    ev.targets += [t for t in targets if t.value not in have]
    ev.dates += [Fact(d.value, d.start, d.end, d.text, "start" if ev.kind == "project" and d.role in
                      ("effective", "deadline") else d.role) for d in find_dates(text, ref, lo, hi)]
    ev.magnitude += [Fact(v, s + lo, e + lo, t, r) for v, s, e, t, r in find_magnitudes(text[lo:hi])]
    ev.materials += [Fact(m.value, m.start + lo, m.end + lo, m.text) for m in gz.find_materials(text[lo:hi])]


def _compatible(a: Event, b: Event) -> bool:
    if a.kind != b.kind:
        return False
    sa, sb = set(a.values("actors")), set(b.values("actors"))
    ma, mb = set(a.values("materials")), set(b.values("materials"))
    ta, tb = set(a.values("targets")), set(b.values("targets"))
    pa = {f.value for f in a.magnitude if f.value[1] in ("%", "MUSD", "MEUR")}
    pb = {f.value for f in b.magnitude if f.value[1] in ("%", "MUSD", "MEUR")}
    if not (sa and sb and sa == sb):
        return False
    if a.subkind and b.subkind and a.subkind != b.subkind and a.kind != "project":
        return False
    if ta and tb and not ta & tb:
        return False
    if pa and pb and not pa & pb:
        return False
    if a.kind == "project":
        return bool(ma & mb) or bool(ta and tb and ta & tb)
    return bool(ma & mb) or not (ma and mb)


def _merge(events: list[Event]) -> list[Event]:
    out: list[Event] = []
    for ev in events:
        twin = next((o for o in out if _compatible(o, ev)), None)
        if twin is None:
            out.append(ev)
            continue
        for name in ("actors", "targets", "materials", "magnitude", "dates"):
            have = {(f.value, f.start) for f in getattr(twin, name)}
            getattr(twin, name).extend(f for f in getattr(ev, name) if (f.value, f.start) not in have)
        twin.subkind = twin.subkind or ev.subkind
    return out


def extract(text: str, article_date: date | None = None) -> list[Event]:
    """Every trade-policy or supply event in `text` (see the module docstring for the rules)."""
    events: list[Event] = []
    antecedent = None  # the last bloc named, for "the bloc"
    for lo, hi in sentences(text):
        trig = _triggers(text, lo, hi)
        back = _referent(events, text[lo:hi], trig)
        if back is not None:
            _continue(back, text, lo, hi, article_date)
        elif trig:
            made: list[Event] = []
            for group, a, b in _clauses(text, lo, hi, trig):
                ev = _event(text, group, a, b, article_date, antecedent)
                if not ev.actors and made and made[-1].actors:  # "China imposed X and restricted Y"
                    tv = set(ev.values("targets"))
                    ev.actors = [a for a in made[-1].actors if a.value not in tv]
                if not ev.actors and events and SUBJECT_REF.search(text[lo:hi]) and events[-1].actors:
                    ev.actors = list(events[-1].actors)  # "The Commerce Ministry also placed ..."
                made.append(ev)
            for ev in made:
                last = events[-1] if events else None
                if not _supported(ev) and last is not None and last.kind == ev.kind and last.span[1] >= lo - 400:
                    _continue(last, text, ev.span[0], ev.span[1], article_date)  # "Exporters will need a licence"
                else:
                    events.append(ev)
        elif events and events[-1].kind == "project" and events[-1].span[1] >= lo - 400 and \
                find_magnitudes(text[lo:hi]):
            _continue(events[-1], text, lo, hi, article_date)  # "JOGMEC will provide 110 million euros"
        for p in gz.find_places(text[lo:hi]):
            if p.kind in ("bloc", "name", "agency", "abbreviation") and p.value in ("EU27", "G7", "CPTPP"):
                antecedent = gz.Mention(p.value, p.start + lo, p.end + lo, p.text, p.kind)
    return _merge([e for e in events if _supported(e)])


def _referent(events: list[Event], sentence: str, trig: list) -> Event | None:
    """The earlier event a sentence refers back to ("The rules take effect ...", "The plant will ..."), if any."""
    m = BACKREF.search(sentence)
    if not m or not events:
        return None
    noun = (m.group("noun") or m.group("noun2") or m.group("noun3") or "").lower()
    want = NOUN_KIND.get(noun if noun in NOUN_KIND else noun.rstrip("s"))
    if any(t[0] != (want or events[-1].kind) for t in trig):
        return None  # the sentence tells an event of another kind
    if want is None:
        return events[-1]
    return next((e for e in reversed(events[-3:]) if e.kind == want), None)


def _supported(ev: Event) -> bool:
    """An event worth reporting names at least who acts, or what material, or a number."""
    if ev.kind == "project":
        return bool(ev.materials) and bool(ev.actors or ev.targets or ev.magnitude)
    if ev.kind == "tariff":
        return bool(ev.actors or ev.targets) and bool(ev.magnitude or ev.targets or ev.materials or ev.dates)
    if ev.kind in ("trade_agreement", "cooperation"):
        return len(set(ev.values("actors"))) >= 2 or bool(ev.actors and ev.targets)
    return bool(ev.actors or ev.materials)
