"""Trade-policy and supply events from English news text, by rules over the reference gazetteers.

A sentence holds an event where a trigger phrase names one (an export licence, a tariff, a deal, a plant, a
partnership). A sentence with triggers of several kinds is cut into clauses between them; each event takes the
countries, materials, amounts and dates of its clause. A following sentence that refers back ("The rules take effect
on 1 August") adds its dates and amounts to the event before. The same event told twice (headline and body) is
merged. Every value keeps the span of text it was read from; a value without one is never produced.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

from chokepoints.events import gazetteer as gz
from chokepoints.events.dates import find_dates
from chokepoints.events.magnitude import find_magnitudes

KINDS = ("export_control", "tariff", "trade_agreement", "project", "cooperation", "strategy", "supply_disruption",
         "new_source")
_W = r"(?:[\w\-'’,]+\s+)"  # one word and its space

# (kind, subkind, pattern); earlier patterns win where spans overlap
_HALT = r"(?:halt(?:s|ed|ing)?|stop(?:s|ped|ping)?|suspend(?:s|ed|ing)?|idl(?:e|ed|es|ing)|shut(?:s|ting)?\s+down|" \
        r"paus(?:e|ed|es|ing)|cut(?:s|ting)?)"
TRIGGERS = [
    ("supply_disruption", "", rf"\b{_HALT}\s+(?:the\s+|its\s+|their\s+)?(?:[\w\-]+\s+){{0,2}}(?:production|output|"
                              rf"operations|assembly|lines?)\b|\b(?:production|output|mining|operations|lines?)\s+"
                              rf"(?:[\w\-']+\s+){{0,6}}(?:halted|suspended|stopped|idled|shut\s+down)\b|"
                              r"\b(?:production|output)\s+(?:halts?|stoppages?|cuts?)\b|\bplant\s+(?:shutdowns?|"
                              r"closures?)\b|\bcut(?:s|ting)?\s+(?:its\s+|their\s+)?(?:\d{4}\s+)?production\s+"
                              r"(?:target|guidance|plan)s?\b|\bexports\s+from\s+(?:[\w\-]+\s+){0,4}(?:have|has)\s+"
                              r"(?:stopped|halted)\b|\bexports?\s+(?:hit|disrupted)\b"),
    ("new_source", "", r"\b(?:start(?:ed|s|ing)?|began|begin|begins|beginning)\s+(?:to\s+)?import(?:ing|s)?\b|"
                       r"\bfirst\s+(?:shipments?|cargo(?:es)?|imports?)\s+(?:of\s+[\w\-]+\s+)?from\b"),
    ("export_control", "suspension", rf"\b(?:suspend(?:s|ed|ing)?|suspension\s+of|lift(?:ed|s|ing)?|pause[sd]?|"
                                     rf"scrap(?:ped|s)?|"
                                     rf"remov(?:e|ed|es)|roll(?:ed|s)?\s+back)\s+{_W}{{0,4}}(?:export\s+)?"
                                     rf"(?:controls|restrictions|curbs|licensing\s+requirements?|bans?)\b"),
    ("export_control", "tax", r"\bexport\s+(?:tax(?:es)?|dut(?:y|ies)|levy|levies|tariffs?)\b"),
    ("export_control", "quota", r"\bexport\s+quotas?\b|\bquotas?\s+(?:on|for)\s+(?:\w+\s+){0,3}exports?\b|"
                                r"\bcap(?:s|ped|ping)?\s+(?:its\s+|the\s+)?exports?\b|\bquota\s+system\b|"
                                r"\bquotas?\b(?=[^.]{0,80}\bexport)"),
    ("tariff", "import_ban", r"\b(?:ban(?:s|ned|ning)?|prohibit(?:s|ed|ing)?|bar(?:s|red|ring)?)\s+(?:\w+\s+){0,3}"
                             r"imports?\b|\bimports?\s+bans?\b"),
    ("export_control", "ban", rf"\b(?:ban(?:s|ned|ning)?|bar(?:s|red|ring)?|prohibit(?:s|ed|ing)?|embargo(?:es|ed)?|"
                              rf"halt(?:s|ed|ing)?|stop(?:s|ped|ping)?|suspend(?:s|ed|ing)?|suspension\s+of)\s+"
                              rf"(?:on\s+)?{_W}{{0,5}}(?:exports?|shipments?|sales\s+abroad)\b|\bexports?\s+bans?\b|"
                              r"\bexports?\s+(?:\w+\s+){0,6}(?:banned|prohibited|suspended|halted)\b|"
                              r"\b(?:ore|export)\s+ban\b"),
    ("export_control", "licence", r"\bexport\s+(?:licen[cs]\w*|permits?|controls?|restrictions?|curbs?|"
                                  r"approvals?|licensing)\b|"
                                  r"\b(?:restrictions?|curbs?|controls?|limits?)\s+on\s+(?:the\s+)?exports?\b|"
                                  rf"\b(?:licen[cs]es?|permits?|permission|approval)\s+(?:to|for)\s+{_W}{{0,4}}"
                                  r"(?:exports?|export|shipments?|ship)\b|"
                                  rf"\b(?:curb|restrict|control|limit)(?:s|ed|ing)?\s+{_W}{{0,4}}(?:exports?|"
                                  r"shipments?|overseas\s+sales)\b|"
                                  r"(?<!mining )\b(?:licen[cs]es?|permits?)\b(?=[^.]{0,80}\bexport)|"
                                  r"\b(?:curbs?|restrictions?|controls?)\s+on\s+(?:\w+\s+){0,2}(?:sales|shipments)\b|"
                                  r"\bexporters?\s+(?:\w+\s+){0,4}(?:need|require|apply|obtain)\w*\s+(?:\w+\s+){0,3}"
                                  r"(?:licen[cs]es?|permits?|approval|permission)\b|"
                                  r"\b(?:need|require)s?\s+(?:a\s+|an\s+)?(?:\w+\s+)?(?:licen[cs]e|permit|approval)s?\b|"
                                  r"\bpermitting\s+requirements?\b(?=[^.]{0,80}\bexport)|"
                                  r"(?:['’]s|\bits)\s+(?:\w+\s+){0,2}(?:curbs|restrictions|controls)\b|"
                                  r"\b(?:stricter|tighter)\s+(?:end[\s\-]use\s+|end[\s\-]user\s+)?(?:reviews?|checks|"
                                  r"scrutiny)\b(?=[^.]{0,60}\bend[\s\-]users?)|"
                                  r"\b(?:shipments|exports)\s+(?:\w+\s+){0,6}(?:will\s+)?face\s+(?:stricter|tighter)\b"),
    ("tariff", "investigation", r"\b(?:section\s+232|trade)\s+(?:investigation|probe)\b|"
                                r"\b(?:investigation|probe)\s+into\s+(?:\w+\s+){0,3}imports\b"),
    ("tariff", "", r"\b(?:reciprocal\s+|retaliatory\s+|additional\s+|import\s+|anti-dumping\s+|countervailing\s+)?"
                   r"(?:tariffs?|levy|levies|import\s+dut(?:y|ies)|customs\s+dut(?:y|ies)|reciprocal\s+rate)\b|"
                   r"\b(?:anti-dumping\s+|countervailing\s+)?dut(?:y|ies)\s+(?:on|of)\b"),
    ("strategy", "", r"\b(?:action\s+plan|(?:national\s+|industrial\s+|minerals?\s+)?strategy|roadmap|"
                     r"Raw\s+Materials\s+Act)\b|\bdiversify\s+(?:the\s+)?suppl(?:y|ies)\b"),
    ("trade_agreement", "", r"\b(?:trade|tariff|commercial)\s+(?:deal|agreement|framework|pact|truce)s?\b|"
                            r"(?<!supply )(?<!offtake )(?<!loan )(?:\b(?:reach|reached|seal|sealed|sign|signed|"
                            r"strike|struck|clinch|clinched|announce|announced)\s+(?:a|an|the)\s+(?:\w+\s+){0,2}"
                            r"(?:deal|agreement|framework|pact))\b"),
    ("cooperation", "", r"\b2\s*\+\s*2\b|\btwo[\s\-]plus[\s\-]two\b|\b(?:strategic\s+)?partnership\b|"
                        r"\bmemorand(?:um|a)\s+of\s+(?:understanding|cooperation)\b|\bMoU\b|\bcooperation\s+"
                        r"(?:framework|agreement|pact|plan|mechanism|dialogue)\b|\bagree[ds]?\s+to\s+cooperate\b|"
                        r"\bjoint\s+statement\b"),
    ("project", "", r"\b(?:separation|recycling|refining|processing|magnet|smelting)?\s*(?:plant|refinery|mine|"
                    r"facility|smelter|hub|strategic\s+projects?|projects?)s?\b|\bexpand\w*\s+(?:\w+\s+){0,2}"
                    r"production\b|\btake\s+a\s+stake\b"),
]
TRIGGER_RX = [(k, s, re.compile(p, re.I)) for k, s, p in TRIGGERS]
# For each trigger pattern, words one of which lies inside any match of it (a superset test, much cheaper than the
# pattern): the whole text is scanned for these once, and a pattern is tried only in the sentences they touch.
TRIGGER_GATES = [re.compile(g) for g in (  # matched on the lower-cased text: literal branches scan fast
    r"production|output|operations|assembly|line|mining|plant|export",  # supply_disruption
    r"import|shipment|cargo",  # new_source
    r"control|restriction|curb|licensing|ban",  # suspension
    r"export",  # tax
    r"quota|export",  # quota
    r"import",  # import_ban
    r"export|shipment|sales|ban",  # ban
    r"export|ship|sales|licen|permi|approval|curb|restriction|control|stricter|tighter",  # licence
    r"investigation|probe",  # investigation
    r"tariff|levy|levies|duty|duties|reciprocal",  # tariff
    r"action|strateg|roadmap|materials\s+act|diversify",  # strategy
    r"deal|agreement|framework|pact|truce",  # trade_agreement
    r"2\s*\+|two[\s\-]plus|partnership|memorand|mou\b|cooperat|joint\s+statement",  # cooperation
    r"plant|refiner|mine|facilit|smelter|hub|project|production|stake",  # project
)]
assert len(TRIGGER_GATES) == len(TRIGGER_RX)
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
                     r"facility|refinery|mine|hub|investment|permits?|quotas?|probe|investigation|projects|plan|law|act|talks|company|firm|group|miner|carmaker|production|output)\b|"
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
             "suspension": "export_control", "projects": "project", "quota": "export_control",
             "quotas": "export_control", "law": "strategy", "act": "strategy", "talks": "cooperation",
             "company": None, "production": "supply_disruption", "output": "supply_disruption",
             "firm": None, "group": None, "miner": None, "carmaker": None}
# A full stop (not that of an abbreviation: "U.S.", "Mr.", "Sept."), then an opening capital or digit; a paragraph
# break; a line break after a headline. The punctuation is matched first (a fast scan, not a lookbehind tried at every
# position); `sentences` ends the sentence after it. (Until issue 14 the abbreviations were tested before the full
# stop, where they can never match, so "the U.S. Commerce Department" was cut in two.)
_ABBREV = "".join(rf"(?<!\b{re.escape(a)}\.)" for a in ("U.S", "U.K", "No", "Mr", "Ms", "Dr", "Inc", "Co", "Corp",
                                                           "Ltd", "St", "vs", "Jan", "Feb", "Aug", "Sept", "Sep",
                                                           "Oct", "Nov", "Dec"))
SENTENCE = re.compile(r"(?P<p>[.!?])" + _ABBREV + r"[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|"
                      r"\n\s*\n|\n(?<=[^\s.!?:]\n)(?=[A-Z])")


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
            "dates": [{"role": f.role, "value": f.value} for f in _precise(_unique(self.dates))],
            "status": self.status, "record": self.record,
            "evidence": {"trigger": [self.trigger.to_dict()],
                         **{k: [f.to_dict() for f in getattr(self, k)]
                            for k in ("actors", "targets", "materials", "magnitude", "dates")}},
        }


def _precise(dates: list[Fact]) -> list[Fact]:
    """Dates without those a more precise date of the same role contains ("2024-09" beside "2024-09-15")."""
    return [d for d in dates if not any(o.role == d.role and o.value != d.value and "/" not in d.value
                                        and o.value.startswith(d.value) for o in dates)]


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
        end = m.start() + 1 if m.group("p") else m.start()
        if text[start:end].strip():
            out.append((start, end))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def trigger_hits(text: str) -> list[tuple[list[int], list[int]]] | None:
    """The gate words of each trigger pattern found once over the whole text: (starts, ends), for `_triggers` to
    skip the patterns that cannot match in a sentence (a linear pass instead of one per sentence and pattern)."""
    low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer: offsets would shift, so no gates
        return None
    out = []
    for rx in TRIGGER_GATES:
        spans = [m.span() for m in rx.finditer(low)]
        out.append(([a for a, _b in spans], [b for _a, b in spans]))
    return out


def _near(hits: tuple[list[int], list[int]], lo: int, hi: int) -> bool:
    """Whether a gate match overlaps text[lo:hi]: a pattern's match inside the sentence holds a gate word, and some
    whole-text gate match overlaps that word (matches are leftmost and non-overlapping)."""
    starts, ends = hits
    i = bisect.bisect_right(ends, lo)
    return i < len(starts) and starts[i] < hi


def _triggers(text: str, lo: int, hi: int, hits: list | None = None) -> list[tuple[str, str, int, int]]:
    seg = text[lo:hi]
    found: list[tuple[str, str, int, int]] = []
    for i, (kind, sub, rx) in enumerate(TRIGGER_RX):
        if hits is not None and not _near(hits[i], lo, hi):
            continue
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
    for m in _CURBS_ON.finditer(seg):  # "curbs on rare earths": a control when a material follows
        s, e = m.span()
        if any(s < b and a < e for _k, _s, a, b in found) or NEGATION.search(seg[max(0, s - 60):s]):
            continue
        mats = gz.find_materials(seg[e:e + 50])
        if mats and mats[0].start < 25:
            found.append(("export_control", "licence", lo + s, lo + e))
    return sorted(found, key=lambda t: t[2])


_CURBS_ON = re.compile(r"\b(?:curbs?|restrictions?|controls?)\s+on\b", re.I)


def _cut(text: str, a: int, b: int) -> int:
    """Where to cut a sentence between two triggers (a = end of the first, b = start of the second)."""
    seg = text[a:b]
    for delim in (";", ", while ", ", but ", " while ", ", after ", " after ", ", following ", " in response to ",
                  " in retaliation for ", ", and ", " as well as ", ", ", " and "):
        i = seg.rfind(delim)
        if i >= 0:
            return a + i + 1
    return b


_NEW_FACT = re.compile(r"\b(?:in\s+response\s+to|in\s+retaliation\s+for|after|following|months\s+after|"
                       r"weeks\s+after|days\s+after)\b", re.I)


def _clauses(text: str, lo: int, hi: int, trig: list) -> list[tuple[list, int, int]]:
    """Group triggers into clauses: consecutive triggers of one kind share a clause."""
    groups: list[list] = []
    for t in trig:
        if groups and groups[-1][-1][0] == t[0] and not _NEW_FACT.search(text, groups[-1][-1][3], t[2]):
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


_POSSESSIVE = re.compile(r"^['’]s?\b")
_HIT_AFTER = re.compile(r"^(?:['’]s)?\s*(?:\w+\s+){0,3}(?:faces?|facing|(?:was|were|is|are|been)\s+hit|hit\s+by|"
                        r"suffer\w*)\b", re.I)
_SUBJECT_VERB = re.compile(r"^\s+(?:(?:on\s+\w+|also|will|would|has|have|had|is|was)\s+)*[a-z]+(?:s|ed)\s+"
                           r"(?:\w+\s+){0,2}(?:exports?|shipments?|sales)\b")
_IGNORE_BEFORE = re.compile(r"\b(?:outside|beyond|away\s+from|other\s+than|except|excluding|visit\s+to|trip\s+to|"
                            r"meeting\s+in|summit\s+in)\s+(?:the\s+)?$", re.I)
_CAUSE_AFTER = re.compile(r"^['’]s?\s+(?:\w+\s+){0,2}(?:export|curbs|restrictions|controls|ban|decision|"
                          r"measures)", re.I)
_DISRUPTION_SITE = re.compile(r"\b(?:in|at|from)\s+(?:the\s+)?$|^\s*['’]s\s+(?:\w+\s+){0,2}(?:state|province|"
                              r"region|mines?|plant|government)", re.I)


def _roles(kind: str, text: str, places: list, lo: int, hi: int, bloc_antecedent: gz.Mention | None):
    """Actors and targets among the places of text[lo:hi], by the words around each (never beyond `hi`)."""
    actors, targets = [], []
    for p in places:
        before = text[max(lo, p.start - 40):p.start]
        after = text[p.end:min(hi, p.end + 30)]
        fact = Fact(p.value, p.start, p.end, p.text)
        if _IGNORE_BEFORE.search(before):
            continue
        if kind == "project":
            if _POSSESSIVE.match(after) or p.kind in ("agency", "company"):
                actors.append(fact)
            else:
                (targets if _SITE_BEFORE.search(before) else actors).append(fact)
        elif kind in ("trade_agreement", "cooperation", "strategy"):
            if not re.search(r"\b(?:in|at|on|from)\s+$", before):
                actors.append(fact)
        elif kind == "supply_disruption":
            if _CAUSE_AFTER.match(after) or re.search(r"\bby\s+$", before):
                actors.append(fact)
            else:
                targets.append(fact)
        elif kind == "new_source":
            (targets if re.search(r"\bfrom\s+(?:the\s+)?$", before, re.I) else actors).append(fact)
        elif _HIT_AFTER.match(after):
            targets.append(fact)
        elif kind == "export_control" and (_POSSESSIVE.match(after) or _SUBJECT_VERB.match(after)):
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
        seg = text[lo:hi]
        m = re.search(r"\bthe\s+bloc(?:['’]s)?\b", seg) if bloc_antecedent else None
        if m:
            targets.append(Fact(bloc_antecedent.value, lo + m.start(), lo + m.end(), m.group(0)))
        m = None if targets else re.search(r"\b(?:all|any)\s+(?:destinations|countries|buyers|markets)\b", seg, re.I)
        if m:
            targets.append(Fact("ALL", lo + m.start(), lo + m.end(), m.group(0)))
    if kind in ("export_control", "tariff", "supply_disruption", "new_source"):
        first = {}  # a country named twice keeps the role of its first mention
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


_DATELINE = re.compile(r"(?m)^[ \t]*[A-Z][A-Z.'\-]+(?:[ \t]+[A-Z][A-Z.'\-]+)*(?:,[ \t]*[A-Z][\w.' \t]{0,30}?)?"
                       r"(?:,[ \t]*[A-Z][a-z]{2,4}\.?[ \t]+\d{1,2},[ \t]+\d{4})?[ \t]+[-–—][ \t]")
_MINERALS_DEAL = re.compile(r"\b(?:minerals?|rare\s+earths?|metals|supply\s+chains?|stockpil\w+)\b", re.I)
_TARIFF_WORD = re.compile(r"\b(?:tariffs?|dut(?:y|ies)|levy|levies|reciprocal)\b|%", re.I)
_DAYNAME = re.compile(r"(?i)(?:(?:last|next|late|early)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|"
                      r"sunday|today|yesterday)$")
_SAID = re.compile(r"\b(?:said|says|announced|told|reported|statement)\b", re.I)


def datelines(text: str) -> list[tuple[int, int]]:
    """Spans of datelines ("KINSHASA, Feb 25, 2025 - ", "WASHINGTON - "): their city is where, not who."""
    return [m.span() for m in _DATELINE.finditer(text)]


def _in(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether `pos` lies in one of `spans` (sorted, disjoint): a binary search, so long files stay linear."""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _role_for(kind: str, d, text: str) -> str:
    """The role of a date in an event of `kind`: a project's, disruption's or new source's dates are its start."""
    if kind == "project":
        return "start" if d.role in ("effective", "deadline") else d.role
    if kind in ("supply_disruption", "new_source"):
        if d.role == "end":
            return "end"
        if d.role == "announced" and (_SAID.search(text[max(0, d.start - 40):d.start]) or _DAYNAME.match(d.text)):
            return "announced"
        return "start"
    if kind == "strategy" and d.role == "announced" and re.search(r"\b(?:enter|entered|enters)\s+into\s+force\b",
                                                                   text[max(0, d.start - 40):d.start], re.I):
        return "effective"
    return d.role


def _event(text: str, group: list, lo: int, hi: int, ref: date | None, antecedent, skip=()) -> Event:
    kind, sub = group[0][0], next((t[1] for t in group if t[1]), "")
    t0 = group[0]
    clause = text[lo:hi]
    if kind == "tariff" and not sub:
        sub = "threatened" if THREAT.search(clause) else ""
    if kind == "trade_agreement" and _MINERALS_DEAL.search(clause) and not _TARIFF_WORD.search(clause):
        kind = "cooperation"  # a minerals framework is cooperation, not a trade deal
    if kind == "project":
        sub = _stage(clause)
    places = [gz.Mention(p.value, p.start + lo, p.end + lo, p.text, p.kind) for p in gz.find_places(clause)]
    places = [p for p in places if not _in(skip, p.start)]
    actors, targets = _roles(kind, text, places, lo, hi, antecedent)
    mats = [Fact(m.value, m.start + lo, m.end + lo, m.text) for m in gz.find_materials(clause)]
    mags = [Fact(v, s + lo, e + lo, t, r) for v, s, e, t, r in find_magnitudes(clause)]
    dates = [Fact(d.value, d.start, d.end, d.text, _role_for(kind, d, text)) for d in find_dates(text, ref, lo, hi)
             if not _in(skip, d.start) and not DATELINE.fullmatch(text[lo:d.start])]
    return Event(kind, sub, Fact(kind, t0[2], t0[3], text[t0[2]:t0[3]]), actors, targets, mats, mags, dates,
                 (lo, hi))


def _continue(ev: Event, text: str, lo: int, hi: int, ref: date | None, skip=()) -> None:
    """Add the dates, amounts, materials and countries of a sentence that refers back to `ev`."""
    places = [gz.Mention(p.value, p.start + lo, p.end + lo, p.text, p.kind) for p in gz.find_places(text[lo:hi])]
    places = [p for p in places if not _in(skip, p.start)]
    actors, targets = _roles(ev.kind, text, places, lo, hi, None)
    have = {f.value for f in ev.actors + ev.targets}
    ev.actors += [a for a in actors if a.value not in have and (ev.kind in ("project", "trade_agreement")
                                                                 or not ev.actors)]
    ev.targets += [t for t in targets if t.value not in have]
    ev.dates += [Fact(d.value, d.start, d.end, d.text, _role_for(ev.kind, d, text))
                 for d in find_dates(text, ref, lo, hi) if not _in(skip, d.start)]
    ev.magnitude += [Fact(v, s + lo, e + lo, t, r) for v, s, e, t, r in find_magnitudes(text[lo:hi])]
    ev.materials += [Fact(m.value, m.start + lo, m.end + lo, m.text) for m in gz.find_materials(text[lo:hi])]


def _money(ev: Event) -> set:
    return {f.value for f in ev.magnitude if f.value[1] in ("%", "MUSD", "MEUR", "items")}


def _compatible(a: Event, b: Event) -> bool:
    """Two events telling the same fact (a headline and its body; a sentence that restates the one before)."""
    if a.kind != b.kind or abs(a.span[0] - b.span[0]) > 3000:  # one article's headline and body, not a dump
        return False
    sa, sb = set(a.values("actors")), set(b.values("actors"))
    ma, mb = set(a.values("materials")), set(b.values("materials"))
    ta, tb = set(a.values("targets")), set(b.values("targets"))
    pa, pb = _money(a), _money(b)
    if a.subkind and b.subkind and a.subkind != b.subkind and a.kind not in ("project", "export_control"):
        return False
    if {a.subkind, b.subkind} == {"suspension", "ban"} or {a.subkind, b.subkind} == {"suspension", "licence"}:
        return False
    if ta and tb and not ta & tb:
        return False
    if sa and sb and sa != sb:
        return False
    if not (sa and sb):  # one side names no actor: the same materials, close together
        return bool(sa or sb or ta & tb) and bool(ma and mb and (ma <= mb or mb <= ma)) and \
            abs(a.span[0] - b.span[0]) < 800
    if pa and pb and not pa & pb:
        return False
    if a.kind == "project":
        return bool(ma & mb) or bool(ta and tb and ta & tb) or bool(pa & pb)
    return bool(ma & mb) or not (ma and mb)


def _merge(events: list[Event]) -> list[Event]:
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


_NAME = re.compile(r"^\W*([A-Z][\w\-]{3,})\b")
_SKIP_NAMES = {"The", "This", "That", "These", "Those", "Their", "Under", "Exporters", "Prices", "Markets", "Officials",
               "Separately", "Earlier", "Analysts", "Both", "Among", "Shipments", "Exports", "Imports", "Production"}


def extract(text: str, article_date: date | None = None) -> list[Event]:
    """Every trade-policy or supply event in `text` (see the module docstring for the rules)."""
    events: list[Event] = []
    antecedent = None  # the last bloc named, for "the bloc"
    skip = datelines(text)
    hits = trigger_hits(text)
    for lo, hi in sentences(text):
        trig = _triggers(text, lo, hi, hits)
        back = _referent(events, text[lo:hi], trig) or _named_referent(events, text, lo, hi, trig)
        if back is not None:
            _continue(back, text, lo, hi, article_date, skip)
        elif trig:
            made: list[Event] = []
            for group, a, b in _clauses(text, lo, hi, trig):
                ev = _event(text, group, a, b, article_date, antecedent, skip)
                if not ev.actors and made and made[-1].actors and ev.kind != "supply_disruption":
                    tv = set(ev.values("targets"))  # "China imposed X and restricted Y"
                    ev.actors = [a for a in made[-1].actors if a.value not in tv]
                if not ev.actors and events and SUBJECT_REF.search(text[lo:hi]) and events[-1].actors:
                    ev.actors = list(events[-1].actors)  # "The Commerce Ministry also placed ..."
                made.append(ev)
            _link_causes(made)
            for ev in made:
                _inherit(ev, events, text, lo)
                last = events[-1] if events else None
                if not _supported(ev) and last is not None and last.kind == ev.kind and last.span[1] >= lo - 400:
                    _continue(last, text, ev.span[0], ev.span[1], article_date, skip)  # "Exporters need a licence"
                else:
                    events.append(ev)
        elif events and (events[-1].kind in ("project", "supply_disruption", "cooperation", "strategy", "new_source")
                         or events[-1].subkind == "investigation") and \
                events[-1].span[1] >= lo - 400 and find_magnitudes(text[lo:hi]):
            _continue(events[-1], text, lo, hi, article_date, skip)  # "JOGMEC will provide 110 million euros"
        if re.search(r"\b(?:EU|European|G7|Group\s+of\s+Seven|CPTPP|Brussels)\b", text[lo:hi]):
            for p in gz.find_places(text[lo:hi]):
                if p.kind in ("bloc", "name", "agency", "abbreviation") and p.value in ("EU27", "G7", "CPTPP"):
                    antecedent = gz.Mention(p.value, p.start + lo, p.end + lo, p.text, p.kind)
    return _merge([e for e in events if _supported(e)])


def _link_causes(made: list[Event]) -> None:
    """A disruption told with its cause in one sentence ("halted ... after China's export curbs on rare earths")
    takes the cause's actor and materials."""
    for ev in made:
        if ev.kind != "supply_disruption":
            continue
        cause = next((c for c in made if c.kind == "export_control" and c.actors), None)
        if cause is None:
            continue
        if not ev.actors:
            ev.actors = list(cause.actors)
        have = {f.value for f in ev.materials}
        ev.materials += [m for m in cause.materials if m.value not in have]


def _inherit(ev: Event, events: list[Event], text: str, lo: int) -> None:
    """An event whose sentence names no actor (or for a disruption, no place or material) takes them from the
    nearest earlier event of the same kind, or from the sentence before."""
    near = [e for e in events[-4:] if e.span[1] >= lo - 1000]
    if not ev.actors and ev.kind in ("export_control", "tariff"):
        tv = set(ev.values("targets"))
        src = next((e for e in reversed(near) if e.kind == ev.kind and e.actors
                    and not set(e.values("actors")) & tv), None)
        if src is not None:
            ev.actors = list(src.actors)
    if ev.kind == "supply_disruption" and (not ev.targets or not ev.materials):
        a = max(0, lo - 400)
        prev = text[a:lo]
        if not ev.targets:
            ps = [p for p in gz.find_places(prev)]
            if ps:
                p = ps[0]
                ev.targets.append(Fact(p.value, p.start + a, p.end + a, p.text))
        if not ev.materials:
            ev.materials += [Fact(m.value, m.start + a, m.end + a, m.text) for m in gz.find_materials(prev)][:2]


def _named_referent(events: list[Event], text: str, lo: int, hi: int, trig: list) -> Event | None:
    """"Tanbreez is expected to ...": a sentence that opens with a name the previous event's sentence holds."""
    if not events:
        return None
    m = _NAME.match(text, lo, hi)
    last = events[-1]
    if not m or m.group(1) in _SKIP_NAMES or any(t[0] != last.kind for t in trig) or last.span[1] < lo - 600:
        return None
    if gz.find_places(m.group(1)) or gz.find_materials(m.group(1)):
        return None
    return last if re.search(rf"\b{re.escape(m.group(1))}\b", text[last.span[0]:last.span[1]]) else None


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
    if ev.kind in ("supply_disruption", "new_source"):
        return bool(ev.materials) and bool(ev.actors or ev.targets)
    if ev.kind == "strategy":
        return bool(ev.actors)
    if ev.kind == "project":
        return bool(ev.materials) and bool(ev.actors or ev.targets or ev.magnitude)
    if ev.kind == "tariff":
        return bool(ev.actors or ev.targets) and bool(ev.magnitude or ev.targets or ev.materials or ev.dates)
    if ev.kind in ("trade_agreement", "cooperation"):
        return len(set(ev.values("actors"))) >= 2 or bool(ev.actors and ev.targets)
    return bool(ev.actors or ev.materials)
