"""Trade-policy and supply events from English news text, by rules over the reference gazetteers.

A sentence holds an event where a trigger phrase names one (an export licence, a tariff, a deal, a plant, a
partnership). A sentence with triggers of several kinds is cut into clauses between them; each event takes the
countries, materials, amounts and dates of its clause. A following sentence that refers back ("The rules take effect
on 1 August") adds its dates and amounts to the event before. The same event told twice (headline and body) is
merged. Every value keeps the span of text it was read from; a value without one is never produced.
"""

from __future__ import annotations

import re
from datetime import date

from chokepoints.events import dates as dt
from chokepoints.events import gazetteer as gz
from chokepoints.events import magnitude as mg
from chokepoints.events.dates import find_dates
from chokepoints.events.facts import KINDS, Event, Fact
from chokepoints.events.gates import GateIndex
from chokepoints.events.magnitude import find_magnitudes
from chokepoints.events.merge import merge
from chokepoints.events.roles import DATELINE_AT, datelines, in_spans, roles
from chokepoints.events.triggers import THREAT, header, trigger_hits, triggers

__all__ = ["KINDS", "Event", "Fact", "extract", "sentences"]
STAGES = [("recycling", r"recycl\w+"), ("separation", r"separat\w+"), ("magnet", r"magnet\s+(?:plant|production|"
          r"factory|making)"), ("metal_alloy", r"(?:metal|alloy)\s+(?:plant|production)"),
          ("refining", r"refin\w+|process\w+|smelt\w+|hydroxide|anode"), ("mining", r"\bmin(?:e|es|ing)\b|extract\w+")]
BACKREF = re.compile(r"^\W*(?:the|these|those|this|such|its|their)\s+(?:[\w\-]+\s+)?"
                     r"(?P<noun>rules?|controls?|restrictions?|curbs?|measures?|licen[cs]es?|requirements?|bans?|"
                     r"suspension|levy|levies|tariffs?|dut(?:y|ies)|deal|agreement|framework|pact|plant|project|"
                     r"facility|refinery|mine|hub|investment|permits?|quotas?|probe|investigation|projects|plan|law|act|talks|"
                     r"company|firm|group|miner|carmaker|production|output|cuts|reductions|increases|hikes|members|"
                     r"partners|signatories|partnership|memorandum|mou|alliance|initiative|strategy|mission|reserve|programme)\b|"
                     r"\b(?:under|in|with)\s+the\s+(?:new\s+)?(?P<noun2>deal|agreement|framework|plan|rules|regulations)\b|"
                     r"\bthe\s+(?P<noun3>ban|suspension|probe|investigation)\b|"
                     r"^\W*(?P<noun4>production|output|operations|work)\s+(?:\w+\s+){0,3}(?:resum|restart)\w*|"
                     r"(?P<noun5>^\W*(?:each|both)\s+(?:governments?|countries|sides?|partners|nations)|"
                     r"^\W*the\s+two\s+(?:countries|sides|governments|leaders|nations|partners))\b|"
                     r"^\W*(?:it|they)\s+(?:will|would|"
                     r"is|are|takes?|come|comes|covers?|appl(?:y|ies))\b", re.I)
SUBJECT_REF = re.compile(r"^\W*(?:the\s+(?:[\w\-]+\s+){0,2}(?:ministry|government|regulator|department|agency|"
                         r"authorities|cabinet)|it|officials)\b", re.I)
NOUN_KIND = {"plant": "project", "project": "project", "facility": "project", "refinery": "project",
             "mine": "project", "hub": "project", "investment": "project", "deal": "trade_agreement",
             "agreement": "trade_agreement", "framework": "trade_agreement", "pact": "trade_agreement",
             "plan": "trade_agreement", "probe": "tariff", "investigation": "tariff", "ban": "export_control",
             "suspension": "export_control", "projects": "project", "quota": "export_control",
             "quotas": "export_control", "law": "strategy", "act": "strategy", "talks": "cooperation",
             "company": None, "production": "supply_disruption", "output": "supply_disruption",
             "firm": None, "group": None, "miner": None, "carmaker": None, "cuts": None, "reductions": None,
             "increases": None, "hikes": None, "members": "cooperation", "partners": "cooperation",
             "signatories": "cooperation", "partnership": "cooperation", "memorandum": "cooperation",
             "mou": "cooperation", "alliance": "cooperation", "initiative": "cooperation", "strategy": "strategy",
             "mission": "strategy", "reserve": "strategy", "programme": "strategy"}
# A full stop (not that of an abbreviation: "U.S.", "Mr.", "Sept."), then an opening capital or digit; a paragraph
# break; a line break after a headline. The punctuation is matched first (a fast scan, not a lookbehind tried at every
# position); `sentences` ends the sentence after it. (Until issue 14 the abbreviations were tested before the full
# stop, where they can never match, so "the U.S. Commerce Department" was cut in two.)
_ABBREV = "".join(rf"(?<!\b{re.escape(a)}\.)" for a in ("U.S", "U.K", "No", "Mr", "Ms", "Dr", "Inc", "Co", "Corp",
                                                           "Ltd", "St", "vs", "Jan", "Feb", "Aug", "Sept", "Sep",
                                                           "Oct", "Nov", "Dec"))
SENTENCE = re.compile(r"(?P<p>[.!?])" + _ABBREV + r"[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|"
                      r"\n\s*\n|\n(?<=[^\s.!?:]\n)(?=[A-Z])")


class _Index(gz.TextIndex):
    """A text's places, materials and date/amount gate words, each found once over the whole text."""

    def __init__(self, text: str):
        super().__init__(text)
        self.text = text
        self._dates, self._mags = GateIndex(text, dt.GATES), GateIndex(text, mg.GATES)

    def dates(self, ref: date | None, lo: int, hi: int) -> list:
        return find_dates(self.text, ref, lo, hi, self._dates.within(lo, hi))

    def magnitudes(self, lo: int, hi: int) -> list:
        return find_magnitudes(self.text[lo:hi], self._mags.within(lo, hi))


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



def _cut(text: str, a: int, b: int) -> int:
    """Where to cut a sentence between two triggers (a = end of the first, b = start of the second)."""
    seg = text[a:b]
    for delim in (";", ", while ", ", but ", " while ", ", after ", " after ", ", following ", " in response to ",
                  " in retaliation for ", ", and ", " as well as ", ", ", " and "):
        i = seg.rfind(delim)
        if i >= 0:
            return a + i + 1
    return b


_NEW_FACT = re.compile(r";|\b(?:in\s+response\s+to|in\s+retaliation\s+for|after|following|months\s+after|"
                       r"weeks\s+after|days\s+after)\b", re.I)


_RATE_BEFORE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|per\s*cent|percent)\s+(?:[\w\-]+\s+)?$", re.I)


def _two_facts(text: str, prev: tuple, t: tuple) -> bool:
    """Two triggers of one kind in one sentence that tell two facts: lifting one control and imposing another ("lift
    its ban on cobalt exports and replace it with export quotas"), or two measures each with its own rate ("a 100%
    surtax on EVs from October 1 and a 25% surtax on steel from October 15")."""
    if prev[0] == "export_control" and prev[1] != t[1] and "suspension" in (prev[1], t[1]) and prev[1] and t[1]:
        return True
    return bool(_RATE_BEFORE.search(text, max(0, prev[2] - 30), prev[2]) and
                _RATE_BEFORE.search(text, max(prev[3], t[2] - 30), t[2]))


def _clauses(text: str, lo: int, hi: int, trig: list) -> list[tuple[list, int, int]]:
    """Group triggers into clauses: consecutive triggers of one kind share a clause, unless they tell two facts."""
    groups: list[list] = []
    for t in trig:
        if groups and groups[-1][-1][0] == t[0] and not _NEW_FACT.search(text, groups[-1][-1][3], t[2]) and \
                not _two_facts(text, groups[-1][-1], t):
            groups[-1].append(t)
        else:
            groups.append([t])
    out, start = [], lo
    for i, g in enumerate(groups):
        end = hi if i == len(groups) - 1 else _cut(text, g[-1][3], groups[i + 1][0][2])
        out.append((g, start, end))
        start = end
    return out



def _stage(text: str) -> str:
    for stage, rx in STAGES:
        if re.search(rx, text, re.I):
            return stage
    return ""


_MINERALS_DEAL = re.compile(r"\b(?:minerals?|rare\s+earths?|metals|supply\s+chains?|stockpil\w+)\b", re.I)
_TARIFF_WORD = re.compile(r"\b(?:tariffs?|dut(?:y|ies)|levy|levies|reciprocal)\b|%", re.I)
_DAYNAME = re.compile(r"(?i)(?:(?:last|next|late|early)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|"
                      r"sunday|today|yesterday)$")
_PLAN = re.compile(r"\b(?:target|guidance|forecast|plan)s?\b", re.I)  # a cut plan is announced, not started
_RESUME = re.compile(r"\b(?:resum|restart|reopen)\w*", re.I)
_TECHNOLOGY = re.compile(r"\b(?:technolog(?:y|ies)|know-how|equipment)\b(?!\s+(?:companies|firms|makers|sector|"
                         r"industry|stocks|shares)\b)", re.I)
_TECH_OBJECT = re.compile(r"\b(?:exports?|transfers?|sales?)\s+of\s+(?:[\w\-]+\s+){0,2}(?:technolog(?:y|ies)|know-how|"
                          r"equipment)\b", re.I)
_AFTER_THE = re.compile(r"\b(?:after|following|before)\s+the\s+$", re.I)
# "which produced most of the complex's copper last year": when output was made, not when a halt began
_OUTPUT_PAST = re.compile(r"\b(?:produced|accounted\s+for|mined|shipped|sold)\b[^,.;]{0,60}$", re.I)
_CONDITION = re.compile(r"\b(?:if|unless)\b[^,;]{0,60}$", re.I)  # "cuts if shipments do not resume by July"
# a clause that tells an earlier fact as the background of the news: "..., a day after Washington widened its curbs",
# "After China's April curbs, ...", "in response to US tariffs"
_BACKGROUND_CLAUSE = re.compile(r"(?:\W*|.*\b)(?:after|following|follows?|followed|in\s+response\s+to|"
                                r"in\s+retaliation\s+for|builds?\s+on|"
                                r"caused\s+by|because\s+of|blamed\s+on|triggered\s+by|amid)\s+[^,;]*$", re.I | re.S)
_DEFINITE = re.compile(r"\b(?:the|this|that|its|their)\s+$", re.I)
# what a halt without a named material stops: the plants of the chains this tool follows (chips, cells, cars, metals)
_INDUSTRIAL = re.compile(r"\b(?:chips?|semiconductors?|wafers?|fabs?|foundr(?:y|ies)|vehicles?|cars?|carmakers?|"
                         r"automakers?|assembly|batter(?:y|ies)|cells?|magnets?|smelters?|refiner(?:y|ies)|mines?|"
                         r"factor(?:y|ies)|plants?|steelworks|polysilicon|solar)\b", re.I)
_CHIPS_CELLS = re.compile(r"\b(?:chips?|semiconductors?|wafers?|fabs?|foundr(?:y|ies)|gigafactor(?:y|ies)|"
                          r"battery\s+(?:cells?|plants?|factor(?:y|ies))|cell\s+(?:plants?|factor(?:y|ies)))\b", re.I)
_TO_BUILD = re.compile(r"\bto\s+(?:build|develop|construct|explore|operate|set\s+up)\b|\b(?:exploration|mining)\s+"
                       r"(?:project|blocks?|rights)\b", re.I)
# "China, which last month began requiring licences for ...", "..., which has required export licences since last
# December": an older fact told in a relative clause
_RELATIVE_PAST = re.compile(r",\s+(?:which|who)\b[^,;]*$", re.I)
_PAST_TIME = re.compile(r"\b(?:last\s+(?:week|month|year|January|February|March|April|May|June|July|August|September|"
                        r"October|November|December)|since\s+last|earlier\s+this\s+(?:year|month)|a\s+year\s+ago|"
                        r"(?:months|years)\s+ago)\b", re.I)
_SAID = re.compile(r"\b(?:said|says|announced|told|reported|statement)\b", re.I)



def _role_for(kind: str, d, text: str) -> str:
    """The role of a date in an event of `kind`: a project's, disruption's or new source's dates are its start."""
    if kind == "project":
        return "start" if d.role in ("effective", "deadline") else d.role
    if kind in ("supply_disruption", "new_source"):
        if d.role == "end" or _RESUME.search(text, max(0, d.start - 60), d.start):
            return "end"
        if d.role == "announced" and (_SAID.search(text[max(0, d.start - 40):d.start]) or
                                      (_DAYNAME.match(d.text) and (kind == "new_source" or _PLAN.search(
                                          text, max(0, d.start - 60), d.end + 60)))):
            return "announced"
        return "start"
    if kind == "strategy" and d.role == "announced" and re.search(r"\b(?:enter|entered|enters)\s+into\s+force\b",
                                                                   text[max(0, d.start - 40):d.start], re.I):
        return "effective"
    return d.role


def _event(text: str, group: list, lo: int, hi: int, ref: date | None, antecedent, skip, ix) -> Event:
    kind, sub = group[0][0], next((t[1] for t in group if t[1]), "")
    t0 = group[0]
    clause = text[lo:hi]
    if kind == "tariff" and not sub:
        sub = "threatened" if THREAT.search(clause) else ""
    if kind == "trade_agreement" and _TO_BUILD.search(clause) and not _TARIFF_WORD.search(clause) and \
            not re.search(r"\b(?:trade|tariff|commercial)\b", text[t0[2]:t0[3]], re.I):
        kind = "project"  # "signed an agreement with a consortium to build two lithium plants"
    elif kind == "trade_agreement" and _MINERALS_DEAL.search(clause) and not _TARIFF_WORD.search(clause):
        kind = "cooperation"  # a minerals framework is cooperation, not a trade deal
    if kind == "project":
        sub = _stage(clause)
    if kind == "export_control" and sub != "suspension" and (_TECHNOLOGY.search(text, max(lo, t0[2] - 40),
                                                                                 min(hi, t0[3] + 60)) or
                                                              _TECH_OBJECT.search(clause)):
        sub = "technology"  # "exports of technology used for mining ... rare earths will require a licence"
    places = ix.places(lo, hi)
    places = [p for p in places if not in_spans(skip, p.start)]
    actors, targets = roles(kind, text, places, lo, hi, antecedent)
    _from_header(kind, text, lo, actors, targets, ix)
    mats = [Fact(m.value, m.start, m.end, m.text) for m in ix.materials(lo, hi)]
    mags = [Fact(v, s + lo, e + lo, t, r) for v, s, e, t, r in ix.magnitudes(lo, hi)]
    dates = [Fact(d.value, d.start, d.end, d.text, _role_for(kind, d, text)) for d in ix.dates(ref, lo, hi)
             if not in_spans(skip, d.start) and not DATELINE_AT.fullmatch(text[lo:d.start])
             and not (kind == "supply_disruption" and _CONDITION.search(text, lo, d.start))]
    ev = Event(kind, sub, Fact(kind, t0[2], t0[3], text[t0[2]:t0[3]]), actors, targets, mats, mags, dates, (lo, hi))
    ev.industrial = bool(_INDUSTRIAL.search(clause))
    ev.chips = bool(_CHIPS_CELLS.search(clause))
    return ev


def _from_header(kind: str, text: str, lo: int, actors: list, targets: list, ix) -> None:
    """An item under a bulletin header ("EU / ZAMBIA") takes the header's places: the parties of a partnership, the
    place of a halt, the actor of a measure, where its own sentence names none."""
    a, b = header(text, lo)
    if a == b:
        return
    ps = [Fact(p.value, p.start, p.end, p.text) for p in ix.places(a, b)]
    have = {f.value for f in actors + targets}
    if kind in ("cooperation", "trade_agreement"):
        actors += [f for f in ps if f.value not in have]
    elif kind == "supply_disruption" and not targets:
        targets += ps[-1:]  # "CHINA / SICHUAN": the most precise place
    elif not actors and kind in ("export_control", "tariff", "strategy", "project"):
        actors += ps[:1]


def _continue(ev: Event, text: str, lo: int, hi: int, ref: date | None, skip, ix) -> None:
    """Add the dates, amounts, materials and countries of a sentence that refers back to `ev`."""
    ev.background = False  # told again in its own right
    places = ix.places(lo, hi)
    places = [p for p in places if not in_spans(skip, p.start)]
    actors, targets = roles(ev.kind, text, places, lo, hi, None)
    have = {f.value for f in ev.actors + ev.targets}
    ev.actors += [a for a in actors if a.value not in have and (ev.kind in ("project", "trade_agreement",
                                                                             "cooperation") or not ev.actors)]
    if not (ev.kind == "supply_disruption" and ev.targets):  # a halt's site is told with it, not in its aftermath
        ev.targets += [t for t in targets if t.value not in have]
    ev.dates += [Fact(d.value, d.start, d.end, d.text, _role_for(ev.kind, d, text))
                 for d in ix.dates(ref, lo, hi) if not in_spans(skip, d.start)
                 and not _AFTER_THE.search(text, max(lo, d.start - 16), d.start)  # "after the July 2023 coup"
                 and not (ev.kind in ("supply_disruption", "project") and _OUTPUT_PAST.search(text, lo, d.start))]
    ev.magnitude += [Fact(v, s + lo, e + lo, t, r) for v, s, e, t, r in ix.magnitudes(lo, hi)]
    ev.materials += [Fact(m.value, m.start, m.end, m.text) for m in ix.materials(lo, hi)]


_NAME = re.compile(r"^\W*([A-Z][\w\-]{3,})\b")
_SKIP_NAMES = {"The", "This", "That", "These", "Those", "Their", "Under", "Exporters", "Prices", "Markets", "Officials",
               "Separately", "Earlier", "Analysts", "Both", "Among", "Shipments", "Exports", "Imports", "Production"}


def extract(text: str, article_date: date | None = None) -> list[Event]:
    """Every trade-policy or supply event in `text` (see the module docstring for the rules)."""
    events: list[Event] = []
    antecedent = None  # the last bloc named, for "the bloc"
    skip = datelines(text)
    hits = trigger_hits(text)
    ix = _Index(text)
    for lo, hi in sentences(text):
        trig = triggers(text, lo, hi, ix, hits)
        back = _referent(events, text[lo:hi], trig, ix, lo) or _named_referent(events, text, lo, hi, trig, ix) or \
            _site_referent(events, text, trig, lo)
        if back is not None:
            _continue(back, text, lo, hi, article_date, skip, ix)
        elif trig:
            made: list[Event] = []
            for group, a, b in _clauses(text, lo, hi, trig):
                if len(group) > 1 and not _BACKGROUND_CLAUSE.match(text, lo, group[-1][2]):
                    # "a day after Washington widened its curbs, China ... will no longer approve export licences":
                    # the news is the later trigger; the background one stays only as words of the clause
                    group = [t for t in group if not _BACKGROUND_CLAUSE.match(text, lo, t[2])] or group
                ev = _event(text, group, a, b, article_date, antecedent, skip, ix)
                ev.background = bool(_BACKGROUND_CLAUSE.match(text, lo, group[-1][2])) or bool(
                    _RELATIVE_PAST.search(text, max(lo, group[0][2] - 120), group[0][2])
                    and _PAST_TIME.search(text, max(lo, group[0][2] - 120), min(b, group[-1][3] + 80)))
                if not ev.actors and made and made[-1].actors and ev.kind != "supply_disruption":
                    tv = set(ev.values("targets"))  # "China imposed X and restricted Y"; "...; it also announced"
                    src = made[0] if _IT.match(text, a, b) and made[0].actors else made[-1]
                    ev.actors = [a for a in src.actors if a.value not in tv]
                if not ev.actors and events and SUBJECT_REF.search(text[lo:hi]) and events[-1].actors:
                    ev.actors = list(events[-1].actors)  # "The Commerce Ministry also placed ..."
                made.append(ev)
            _link_causes(made)
            _same_day(made, events, text, lo, hi)
            _share_announced(made, text)
            for ev in made:
                deal = next((e for e in reversed(events[-3:]) if e.kind == "trade_agreement"
                             and e.span[1] >= lo - 1200), None)
                if deal is not None and ev.kind == "tariff" and not ev.subkind and \
                        set(ev.values("actors") + ev.values("targets")) <= set(deal.values("actors")):
                    # "Membership means that 99% of UK exports will be eligible for zero tariffs": the deal's terms
                    _continue(deal, text, ev.span[0], ev.span[1], article_date, skip, ix)
                    continue
                _inherit(ev, events, ix, lo)
                last = events[-1] if events else None
                own = any(ev.span[0] <= f.start < ev.span[1] for f in ev.actors + ev.materials + ev.targets)
                same = next((e for e in reversed(events[-3:]) if e.kind == ev.kind), None)
                if same is not None and ev.kind == "export_control" and not own and not ev.magnitude \
                        and same.span[1] >= lo - 600:  # "Exporters will still need licences": no new fact
                    _continue(same, text, ev.span[0], ev.span[1], article_date, skip, ix)
                elif same is not None and ev.kind in ("cooperation", "trade_agreement", "strategy") and \
                        _DEFINITE.search(text, max(lo, ev.trigger.start - 12), ev.trigger.start) and \
                        same.span[1] >= lo - 1500:  # "..., and the partnership aims to ...": the one just told
                    _continue(same, text, ev.span[0], ev.span[1], article_date, skip, ix)
                elif not _supported(ev) and last is not None and last.kind == ev.kind and last.span[1] >= lo - 400:
                    _continue(last, text, ev.span[0], ev.span[1], article_date, skip, ix)  # "Exporters need a licence"
                else:
                    events.append(ev)
        elif events and (events[-1].kind in ("project", "supply_disruption", "cooperation", "strategy", "new_source")
                         or events[-1].subkind == "investigation") and \
                events[-1].span[1] >= lo - 400 and (ix.magnitudes(lo, hi) or _follow_on_date(events[-1], ix, lo, hi,
                                                                                      article_date)):
            _continue(events[-1], text, lo, hi, article_date, skip, ix)  # "JOGMEC will provide 110 million euros"
        if re.search(r"\b(?:EU|European|G7|Group\s+of\s+Seven|CPTPP|Brussels)\b", text[lo:hi]):
            for p in ix.places(lo, hi):
                if p.kind in ("bloc", "name", "agency", "abbreviation") and p.value in ("EU27", "G7", "CPTPP"):
                    antecedent = p
    return merge([e for e in events if _supported(e) and not e.background])



_IT = re.compile(r"\W*(?:and\s+|but\s+)?(?:it|they)\s", re.I)
_SAME_DAY = re.compile(r"\b(?:on\s+)?the\s+same\s+day\b", re.I)


def _same_day(made: list[Event], events: list[Event], text: str, lo: int, hi: int) -> None:
    """"On the same day Beijing announced ...": the announced date of the event told just before."""
    m = _SAME_DAY.search(text, lo, hi)
    prev = next((d for e in reversed(events[-2:]) for d in e.dates if d.role == "announced"), None)
    if m is None or prev is None:
        return
    for ev in made:
        if ev.span[0] <= m.start() < ev.span[1] and not ev.date("announced"):
            ev.dates.append(Fact(prev.value, m.start(), m.end(), m.group(0), "announced"))


def _share_announced(made: list[Event], text: str) -> None:
    """Facts of one kind told in one sentence were announced together ("Canada will impose a 100% surtax on EVs from
    October 1 and a 25% surtax on steel from October 15, Trudeau said on Monday"): one announced date for all."""
    for ev in made:
        if ev.date("announced"):
            continue
        src = next((d for o in made if o is not ev and o.kind == ev.kind and not _NEW_FACT.search(
            text, min(o.trigger.end, ev.trigger.end), max(o.trigger.start, ev.trigger.start))
            for d in o.dates if d.role == "announced"), None)  # not across "after", "in response to"
        if src is not None:
            ev.dates.append(src)


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


def _inherit(ev: Event, events: list[Event], ix: gz.TextIndex, lo: int) -> None:
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
        if not ev.targets:
            ps = ix.places(a, lo)
            if ps:
                p = ps[0]
                ev.targets.append(Fact(p.value, p.start, p.end, p.text))
        if not ev.materials:
            ev.materials += [Fact(m.value, m.start, m.end, m.text) for m in ix.materials(a, lo)][:2]


_THE_SITE = re.compile(r"\b(?:the|this|that|its)\s+(?:[\w\-]+\s+)?$", re.I)


def _site_referent(events: list[Event], text: str, trig: list, lo: int) -> Event | None:
    """"In return Japan will get 65 per cent of what the plant produces": a sentence whose only triggers are "the
    plant" / "its mine" continues the project just told."""
    if not trig or not events or events[-1].kind not in ("project", "supply_disruption") or \
            events[-1].span[1] < lo - 600:  # (after a halt, "the mine's output" is the halted site's)
        return None
    if all(t[0] == "project" and _THE_SITE.search(text, max(lo, t[2] - 30), t[2]) for t in trig):
        return events[-1]
    return None


def _named_referent(events: list[Event], text: str, lo: int, hi: int, trig: list, ix) -> Event | None:
    """"Tanbreez is expected to ...": a sentence that opens with a name the previous event's sentence holds."""
    if not events:
        return None
    m = _NAME.match(text, lo, hi)
    last = events[-1]
    if not m or m.group(1) in _SKIP_NAMES or any(t[0] != last.kind for t in trig) or last.span[1] < lo - 600:
        return None
    if ix.places(m.start(1), m.end(1)) or ix.materials(m.start(1), m.end(1)):
        return None
    return last if re.search(rf"\b{re.escape(m.group(1))}\b", text[last.span[0]:last.span[1]]) else None


# "the agreement" may be a trade deal or a minerals partnership (a minerals "agreement" is told as cooperation)
_KIN = {"trade_agreement": ("trade_agreement", "cooperation"), "cooperation": ("cooperation", "trade_agreement")}


def _referent(events: list[Event], sentence: str, trig: list, ix=None, lo: int | None = None) -> Event | None:
    """The earlier event a sentence refers back to ("The rules take effect ...", "The plant will ..."), if any."""
    m = BACKREF.search(sentence)
    if not m or not events:
        return None
    noun = (m.group("noun") or m.group("noun2") or m.group("noun3") or m.group("noun4") or "").lower()
    want = "cooperation" if m.group("noun5") else NOUN_KIND.get(noun if noun in NOUN_KIND else noun.rstrip("s"))
    kinds = _KIN.get(want or events[-1].kind, (want or events[-1].kind,))
    other = [t for t in trig if t[0] not in kinds]
    if other and not (m.start() < 5 and all(t[0] == "project" for t in other) and
                      not (ix.materials(lo, lo + len(sentence)) if ix else gz.find_materials(sentence))):
        return None  # the sentence tells an event of another kind ("The law also shortens permitting for projects")
    cands = [e for e in reversed(events[-3:]) if e.kind in kinds]
    if not _TECHNOLOGY.search(sentence):  # "The rule takes effect ...": the control of the material, not of know-how
        cands = [e for e in cands if e.subkind != "technology"] or cands
    if trig and cands and lo is not None:  # "The controls on rare earths ... were also put on hold": its own fact
        have = set(cands[0].values("materials"))
        if have and any(not any(gz.covers(h, m.value) for h in have) for m in ix.materials(lo, lo + len(sentence))):
            return None
    if ix is not None and lo is not None:  # "The US ban, signed into law in May": the event of the country named
        named = {p.value for p in ix.places(lo + m.start(), lo + m.end())}
        own = next((e for e in reversed(events[-3:]) if named & set(e.values("actors"))), None) if named else None
        if own is not None:
            return own
    if want is None:
        return cands[0] if cands else events[-1]
    if not cands and want == "project" and events[-1].kind == "supply_disruption" and not other:
        return events[-1]  # "The mine produces 350,000 tonnes a year": the site of the disruption just told
    sub = noun.rstrip("s") if noun.rstrip("s") in ("ban", "quota", "suspension") else ""
    return next((e for e in cands if sub and e.subkind == sub), cands[0] if cands else None)


_START_CUE = re.compile(r"\b(?:due|expected|set|scheduled|slated)\s+to\s+(?:start|begin|open|resume|restart)\b|"
                        r"\bcome\s+on\s*(?:line|stream)\b|"
                        r"\b(?:since|began|begun|started)\b|\b(?:restart|resum|reopen)\w*", re.I)  # a halt's start, end


def _follow_on_date(ev: Event, ix, lo: int, hi: int, ref: date | None = None) -> bool:
    """"Separation of heavy rare earths is due to start in 2024": a start date for the project or halt just told."""
    return ev.kind in ("project", "supply_disruption") and bool(_START_CUE.search(ix.text, lo, hi)) and \
        bool(ix.dates(ref, lo, hi))


def _supported(ev: Event) -> bool:
    """An event worth reporting names at least who acts, or what material, or a number."""
    if ev.kind == "supply_disruption":  # a chip fab or car line stopped is a supply event without a material
        return bool(ev.actors or ev.targets) and (bool(ev.materials) or ev.industrial)
    if ev.kind == "new_source":
        return bool(ev.materials) and bool(ev.actors or ev.targets)
    if ev.kind == "strategy":
        return bool(ev.actors)
    if ev.kind == "project":  # (a chip fab or a cell plant names no material of the reference)
        return (bool(ev.materials) or bool(_CHIPS_CELLS.search(ev.trigger.text) or ev.chips)) and \
            bool(ev.actors or ev.targets or ev.magnitude)
    if ev.kind == "tariff":
        return bool(ev.actors or ev.targets) and bool(ev.magnitude or ev.targets or ev.materials or ev.dates)
    if ev.kind in ("trade_agreement", "cooperation"):
        return len(set(ev.values("actors"))) >= 2 or bool(ev.actors and ev.targets)
    return bool(ev.actors or ev.materials)

