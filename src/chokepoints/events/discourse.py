"""Discourse: how one sentence refers to the events told before it ("The rules take effect on 1 August", "Under the
deal, ...", "The plant will ...", "The US ban, signed into law in May, ..."), what it adds to them, and the dates an
event takes from its neighbours (the announced date of the facts told with it, a framing sentence's day). Who acts
and where, for an event whose sentence does not say, is read in `setting.py`."""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date, timedelta
from typing import Protocol

from chokepoints.events import gazetteer as gz
from chokepoints.events.dates import find_dates, is_day, last_day
from chokepoints.events.facts import Event, Fact
from chokepoints.events.roles import in_spans, roles
from chokepoints.events.triggers import CAUSE_CUES, MEMBERS


class ArticleIndex(Protocol):
    """What the readers of this module ask of a text's index (`textindex.Index`: a `gazetteer.TextIndex` that also
    holds the text and knows where a digest's items and its sentences end)."""

    text: str

    def places(self, lo: int, hi: int) -> list[gz.Mention]: ...

    def materials(self, lo: int, hi: int) -> list[gz.Mention]: ...

    def item_break(self, lo: int, hi: int) -> bool: ...

    def sentence_end(self, pos: int) -> int: ...

LEAD = 600  # characters: a headline, standfirst and first paragraph (the news weighing and its model read it)

BACKREF = re.compile(r"^\W*(?:the|these|those|this|such|its|their)\s+"
                     r"(?:(?!(?:said|says|has|have|had|is|are|was|were|will|would|the|a|an|to|of|and|on|in|for|by|"
                     r"with|that|it|also|not)\b)[\w\-]+\s+)?"
                     # a measure's instrument or a deal's paper ("The ex parte order, dated Tuesday, ...", "The
                     # Protocol was signed on 11 November 2017", "The listing takes effect on Wednesday")
                     r"(?P<noun>order|decision|decree|regulation|notice|contract|fund|listing|instrument|protocol|accord|"
                     r"embargo|moratorium|legislation|proclamation|directive|rules?|controls?|restrictions?|curbs?|measures?|licen[cs]es?|requirements?|bans?|"
                     r"suspension|levy|levies|tariffs?|dut(?:y|ies)|deal|agreement|framework|pact|plant|project|"
                     r"facility|refinery|mine|hub|investment|permits?|quotas?|probe|investigation|projects|plan|law|act|talks|"
                     r"company|firm|group|miner|carmaker|production|output|cuts|reductions|increases|hikes|members|"
                     r"partners|signatories|partnership|memorandum|mou|alliance|initiative|strategy|mission|reserve|programme|list|"
                     r"rates|tax|taxes|regime|report|increase|aid|scheme|royalty|royalties|policy|declaration)\b|"
                     # "Production is scheduled to start in 2021": the plant just told
                     r"^\W*(?:commercial\s+|first\s+)?(?P<noun8>production|operations|output|commissioning)\s+(?:is|are|will|"
                     r"should|remains?)\s+(?:[\w\-]+\s+){0,3}?(?:to\s+)?(?:start|begin|commence)\w*\b|"
                     r"^\W*(?:(?:anti-?dumping|countervailing|definitive|provisional)\s+)?(?P<noun6>duty\s+rates|duties)\s+"
                     r"(?:range|ranging|var(?:y|ies)|are\s+set)\b|"
                     # "Commission Implementing Regulation (EU) 2020/909 was published ... and took effect ...": the
                     # numbered act of the measure just told
                     r"^\W*(?:Commission\s+)?(?:Implementing\s+|Delegated\s+|Council\s+)?(?P<noun7>Regulation|Decision|Decree|"
                     r"Notice|Order)\s+(?:\((?:EU|EC|EEC)\)\s+)?(?:No\.?\s*)?\d[\d/.\-]*\d\b|"
                     r"\b(?:under|in|with)\s+the\s+(?:new\s+)?(?P<noun2>deal|agreement|framework|plan|rules|regulations)\b|"
                     r"\bthe\s+(?P<noun3>ban|suspension|probe|investigation)\b|"
                     r"^\W*(?P<noun4>production|output|operations|work)\s+(?:\w+\s+){0,3}(?:resum|restart)\w*|"
                     r"(?P<noun5>^\W*(?:each|both)\s+(?:governments?|countries|sides?|partners|nations)|"
                     r"^\W*the\s+two\s+(?:countries|sides|governments|leaders|nations|partners))\b|"
                     r"^\W*(?:it|they)\s+(?:will|would|"
                     r"is|are|takes?|come|comes|covers?|appl(?:y|ies))\b", re.I)
SUBJECT_REF = re.compile(r"^\W*(?:the\s+(?:[\w\-]+\s+){0,2}(?:ministry|government|regulator|department|agency|"
                         r"authorities|cabinet)|it|officials)\b", re.I)
NOUN_KIND = {"declaration": None, "plant": "project", "project": "project", "facility": "project",
             "refinery": "project", "mine": "project", "hub": "project", "investment": "project",
             "deal": "trade_agreement", "agreement": "trade_agreement", "framework": "trade_agreement",
             "pact": "trade_agreement",
             "plan": "trade_agreement", "probe": "tariff", "investigation": "tariff", "ban": "export_control",
             "suspension": "export_control", "projects": "project", "quota": "export_control",
             "quotas": "export_control", "law": "strategy", "act": "strategy", "talks": "cooperation",
             "company": None, "production": "supply_disruption", "output": "supply_disruption",
             "firm": None, "group": None, "miner": None, "carmaker": None, "cuts": None, "reductions": None,
             "increases": None, "hikes": None, "members": "cooperation", "partners": "cooperation",
             "signatories": "cooperation", "partnership": "cooperation", "memorandum": "cooperation",
             "mou": "cooperation", "alliance": "cooperation", "initiative": "cooperation", "strategy": "strategy",
             "mission": "strategy", "reserve": "strategy", "programme": "strategy",
             # "The list includes lithium, graphite, ...": the list just told (a strategy's, a control's); "The rates
             # are unchanged: ... duties ranging from 15.6% to 31.2%": the measure's just told
             "list": None, "rates": None, "instrument": None, "tax": None, "taxes": None, "regime": None,
             "report": None, "increase": None, "aid": None, "scheme": None, "royalty": None, "royalties": None,
             "policy": None, "start": "project"}
# "The signatories - Australia, Brunei, Canada, ... -", "The 11 members are ...": a pact's members listed
MEMBERS_LIST = re.compile(rf"\W*The\s+(?:\d+\s+|eleven\s+|twelve\s+|other\s+)?{MEMBERS}\s*"
                          r"(?:[-–—:(,]|are\b|include\b)")
NEW_FACT = re.compile(rf";|\b(?:{CAUSE_CUES}|months\s+after|weeks\s+after|days\s+after)\b", re.I)
_DAYNAME = re.compile(r"(?i)(?:(?:last|next|late|early)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|"
                      r"sunday|today|yesterday)$")
# (or left for its buyer: "the first cargo ... sailed on 28 July")
_ARRIVED = re.compile(r"\b(?:arriv(?:ed|es)|reached|docked|landed|unloaded|delivered|left|sailed|departed|loaded|"
                      r"shipped|sent)\b[^.;]{0,40}$", re.I)
_THIS_MONTH = re.compile(r"(?i)(?:this|last)\s+month$")
_PLAN = re.compile(r"\b(?:target|guidance|forecast|plan)s?\b", re.I)  # a cut plan is announced, not started
_RESUME = re.compile(r"\b(?:resum|restart|reopen)\w*", re.I)
TECHNOLOGY = re.compile(r"\b(?:technolog(?:y|ies)|know-how|equipment)\b(?!\s+(?:companies|firms|makers|sector|"
                        r"industry|stocks|shares)\b)", re.I)
# a firm's name ("Huawei Technologies", "Qihoo 360 Technology"): the word after a capitalised word or a number
_FIRM_BEFORE = re.compile(r"(?-i:[A-Z0-9][\w&\-]*)\s+$")
_WORD = re.compile(r"[A-Za-z][\w'’\-]{4,}")  # (five letters or more: "with", "from" stay lower case in a title)

_AFTER_THE = re.compile(r"\b(?:after|following|before)\s+the\s+$", re.I)
# "which produced most of the complex's copper last year": when output was made, not when a halt began
_OUTPUT_PAST = re.compile(r"\b(?:produced|accounted\s+for|mined|shipped|sold)\b[^,.;]{0,60}$", re.I)
# "The initiative results from discussions begun by President Bolsonaro with the then Prime Minister of Japan ... in
# 2019": a fact told on by where it came from; that sentence's dates are its origin's, not its own
_ORIGIN = re.compile(r"\b(?:results?\s+from|resulted\s+from|stems?\s+from|stemmed\s+from|grew\s+out\s+of|"
                     r"(?:discussions|talks|negotiations)\s+(?:begun|started|launched|first\s+held)|the\s+then\b)",
                     re.I)
_SAID = re.compile(r"\b(?:said|says|announced|told|reported|statement|confirmed|informed|disclosed)\b", re.I)
_BEGUN = re.compile(r"\b(?:broke|breaks)\s+ground\b|\binaugurat\w+|\b(?:opened|began|begun|started|commissioned|"
                    r"poured)\b|\b(?:produced|shipped)\s+(?:its\s+|their\s+)?first\b|\bcompleted\s+construction\b|"
                    r"\bfirst\s+(?:[\w\-]+\s+){0,2}(?:cathodes?|concentrate|ore|output|metal|truckload|batch|ingots?)\b|"
                    r"\b(?:restarted|resumed|reopened|relaunched)\b|\blaid\s+(?:the\s+)?foundation\s+stone\b|"
                    r"\breached\s+commercial\s+production\b|\b(?:started|began)\s+(?:operations|production|loading|shipping)\b|"
                    # (forty-third pass) "celebrated the grand opening of its cathode materials plant on Tuesday"
                    r"\bgrand\s+opening\b|\bopening\s+ceremony\b|\bribbon[\s\-]cutting\b",
                    re.I)
_HALTING = re.compile(r"\W*(?:it|they|the\s+\w+)\s+(?:was|were|had|has|have)\s+(?:[\w\-]+\s+){0,1}(?:halt|halted|"
                      r"suspend|stopp|shut|clos|idl|paus|curtail)\w*", re.I)

# what struck a plant, told right after its day ("a voltage drop early on Wednesday disrupted production")
_STRUCK = re.compile(r"\W*(?:disrupted|halted|stopped|shut|hit|knocked\s+out|damaged|destroyed|flooded|"
                     r"interrupted|forced)\b", re.I)


def _begun_before(text: str, d) -> bool:
    """Whether the date's sentence tells a beginning before it, with no saying between ("began production at its
    Toromocho open-pit copper mine in Peru's central Andes on Tuesday", not "opened in 2019, the company said on
    Tuesday")."""
    lo = max(0, d.start - 160)
    cut = max(text.rfind(". ", lo, d.start), text.rfind("\n", lo, d.start))
    ends = [m.end() for m in _BEGUN.finditer(text, cut + 1 if cut >= 0 else lo, d.start)]
    return bool(ends) and not _SAID.search(text, ends[-1], d.start)


def date_role(kind: str, d, text: str) -> str:
    """The role of a date in an event of `kind`: a project's, disruption's or new source's dates are its start."""
    if kind == "project":
        if d.role == "announced" and _DAYNAME.match(d.text) and (
                _BEGUN.search(text, max(0, d.start - 80), d.end + 80) or _begun_before(text, d)):
            return "start"  # "broke ground in Dresden on Tuesday", "on Wednesday inaugurated", "began production at
            # its Toromocho open-pit copper mine in Peru's central Andes on Tuesday": the day it began
        if d.role == "announced" and _BEGUN.search(text, max(0, d.start - 80), d.end + 80) and \
                not _SAID.search(text, max(0, d.start - 40), d.start):
            return "start"  # "started operations at its plant on 5 February": the day it began, unless said then
        if d.role == "announced" and _THIS_MONTH.match(d.text) and (
                _BEGUN.search(text, max(0, d.start - 80), d.start) or _RESUME.search(text, max(0, d.start - 80),
                                                                                      d.start)):
            return "start"  # "resumed mining and milling last month": when output (re)started
        return "start" if d.role in ("effective", "deadline") else d.role
    if kind in ("supply_disruption", "new_source"):
        if d.role == "end" or _RESUME.search(text, max(0, d.start - 60), d.start):
            return "end"
        if d.role == "announced" and _DAYNAME.match(d.text) and kind == "supply_disruption" and \
                (_HALTING.match(text, d.end, d.end + 60) or _STRUCK.match(text, d.end, d.end + 40)):
            return "start"  # "said on Wednesday it was halting production", "a momentary voltage drop early on
            # Wednesday disrupted production": the halt began that day
        if d.role == "announced" and kind == "new_source" and _ARRIVED.search(text, max(0, d.start - 60), d.start):
            return "start"  # "the consignment ... arrived at an Indian port on Thursday": the day the source began
        if d.role == "announced" and (_SAID.search(text[max(0, d.start - 40):d.start]) or
                                      (_DAYNAME.match(d.text) and (kind == "new_source" or _PLAN.search(
                                          text, max(0, d.start - 60), d.end + 60)))):
            return "announced"
        return "start"
    if kind in ("strategy", "trade_agreement", "tariff", "export_control", "cooperation") and d.role == "announced" \
            and _IN_FORCE_BEFORE.search(text, max(0, d.start - 40), d.start):
        return "effective"  # "Oman's new Mineral Wealth Law comes into force today", "entered into force for Peru on"
    return d.role


_IN_FORCE_BEFORE = re.compile(r"\b(?:enter|entered|enters|entering|come|comes|came|coming)\s+into\s+force\b"
                              r"(?:\s+for\s+[\w\-]+)?\s+(?:on\s+|from\s+)?(?:[\w\-]+\s+)?$|"
                              r"\b(?:took|takes|take)\s+effect\s+(?:on\s+|from\s+)?$", re.I)


def continue_event(ev: Event, text: str, lo: int, hi: int, ref: date | None, skip, ix) -> None:
    """Add the dates, amounts, materials and countries of a sentence that refers back to `ev`."""
    ev.background = False  # told again in its own right
    places = ix.places(lo, hi)
    places = [p for p in places if not in_spans(skip, p.start)]
    actors, targets = roles(ev.kind, text, places, lo, hi, None)
    have = {f.value for f in ev.actors + ev.targets}
    # a project's partners may be told on; a pact's parties too, until two are named: a pact told with its two
    # parties gains none from what is said of it after ("... joining Malaysia and Thailand, which already have one";
    # twentieth pass, clean sets: actors fp 309 -> 266 at the same tp), but for a list of its members (`MEMBERS_LIST`:
    # "The signatories - Australia, Brunei, Canada, ... -")
    open_to = ev.kind == "project" or (ev.kind in ("trade_agreement", "cooperation") and (
        len(set(ev.values("actors"))) < 2 or bool(MEMBERS_LIST.match(text, lo, hi))))
    ev.actors += [a for a in actors if a.value not in have and (open_to or not ev.actors)]
    # a halt's or a plant's site is told with it, not in its aftermath ("The plant is Intel's first in Asia; its
    # other fabs are in the US, Israel and Ireland"; forty-second pass, clean sets: targets fp 164 -> 143, tp same)
    if not (ev.kind in ("supply_disruption", "project") and ev.targets):
        ev.targets += [t for t in targets if t.value not in have]
    dated = bool(ev.dates)
    new = [Fact.of(d, date_role(ev.kind, d, text))
           for d in ix.dates(ref, lo, hi) if not in_spans(skip, d.start)
           and not _AFTER_THE.search(text, max(lo, d.start - 16), d.start)  # "after the July 2023 coup"
           and not (ev.kind in ("supply_disruption", "project") and _OUTPUT_PAST.search(text, lo, d.start))
           and not _ORIGIN.search(text, lo, d.start)]
    if dated and ev.kind in ("supply_disruption", "project"):
        # a halt or a plant told on: its story's other dates ("running at half capacity since March", "shut for
        # maintenance in late March") are its history; only its end (a restart) is news about it
        # (but a plant's start ahead, "Production is due to start in 2026", is news of the plant just told)
        new = [f for f in new if f.role == "end" or (ev.kind == "project" and f.role == "start" and not
                                                      ev.date("start") and planned_start(text, f, ref))]
    ev.dates += new
    ev.magnitude += Fact.amounts(ix.magnitudes(lo, hi), lo)
    ev.materials += [Fact.of(m) for m in ix.materials(lo, hi)]


def planned_start(text: str, d, ref: date | None) -> bool:
    """"Production is due to start in 2026", "with production set to begin in 2028": a date ahead of the article
    that a plant's planned start names (a goal's "by 2030" is no date of it)."""
    return ref is not None and last_day(d.value) > ref and any(
        m.group("ahead") for m in _START_CUE.finditer(text, max(0, d.start - 70), d.start) if m.end() >= d.start - 40)


_NAME = re.compile(r"^\W*([A-Z][\w\-]{3,})\b")
_SKIP_NAMES = {"The", "This", "That", "These", "Those", "Their", "Under", "Exporters", "Prices", "Markets", "Officials",
               "Separately", "Earlier", "Analysts", "Both", "Among", "Shipments", "Exports", "Imports", "Production"}
# "on the same day", "the same afternoon", "that day", "the following day", "a day later": a day told by the one named
# before; "The same summit set up an EU-US Trade and Technology Council", "at the same meeting": the gathering's day
_SAME_DAY = re.compile(r"\b(?:on\s+|at\s+)?(?:the\s+same\s+(?:day|morning|afternoon|evening|summit|meeting|session|"
                       r"ceremony|conference|visit)|that\s+(?:same\s+)?day|"
                       r"(?P<next>(?:the\s+)?(?:following|next)\s+day|(?:a|one)\s+day\s+later))\b", re.I)


def same_day(made: list[Event], events: list[Event], text: str, lo: int, hi: int, ix=None,
             ref: date | None = None) -> None:
    """"On the same day Beijing announced ...", "The following day JOGMEC signed ...": the day named last before the
    sentence (within a few paragraphs, or as an event's announced date); the day after it for "the following day".
    The evidence is the phrase itself."""
    m = _SAME_DAY.search(text, lo, hi)
    if m is None:
        return
    told = [(d.start, d.value) for e in events[-2:] for d in e.dates if d.role == "announced" and d.start < lo]
    if ix is not None:
        told += [(d.start, d.value) for d in ix.dates(ref, max(0, lo - 1500), lo)]
    days = [v for _at, v in sorted(told) if is_day(v)]  # (the day named last before the sentence)
    if not days:
        return
    prev = days[-1]
    if m.group("next"):
        prev = (date.fromisoformat(prev) + timedelta(days=1)).isoformat()
    for ev in made:
        if ev.span[0] <= m.start() < ev.span[1] and not ev.date("announced"):
            ev.dates.append(Fact(prev, m.start(), m.end(), m.group(0), "announced"))


def dated_just_before(events: list[Event], ix, ref: date | None) -> None:
    """"Two of the agreements signed on Friday concern minerals directly. JOGMEC signed a memorandum ...": an event
    below the lead whose sentence names no date takes the last full date named in the few lines before it in its
    paragraph (a sentence that frames it), with that date's span as evidence."""
    text = ix.text
    for ev in events:
        if ev.dates or ev.span[0] < LEAD:
            continue
        lo = max(text.rfind("\n\n", 0, ev.span[0]) + 2, ev.span[0] - _FRAME)
        days = [d for d in ix.dates(ref, lo, ev.span[0]) if is_day(d.value)]
        if days:
            ev.dates.append(Fact.of(days[-1], date_role(ev.kind, days[-1], text)))


_FRAME = 300  # characters before an undated event in which a framing sentence's date is sought
def dated_just_after(events: list[Event], text: str, ref: date | None) -> None:
    """"... has approved a conditional loan commitment of up to US$150 million ... The approval was first disclosed in a
    White House statement on Saturday": an event whose sentence names no date takes the day of the last few days
    that the next lines of its paragraph name, before another event is told."""
    if ref is None:
        return
    starts = sorted(e.span[0] for e in events)
    for ev in events:
        if ev.dates:
            continue
        end = text.find("\n\n", ev.span[1], ev.span[1] + _FRAME)
        hi = min(_next_told(starts, ev.span[1]), ev.span[1] + _FRAME, end if end >= 0 else len(text))
        day = next((d for d in find_dates(text, ref, ev.span[1], hi) if d.role == "announced" and is_day(d.value)
                    and ref - timedelta(days=10) <= date.fromisoformat(d.value) <= ref), None)
        if day is not None:  # (a day told after the fact is when it was made known, but a plant's start)
            ev.dates.append(Fact.of(day, date_role(ev.kind, day, text) if ev.kind == "project" else "announced"))


def _next_told(starts: list[int], at: int) -> int:
    """Where the first event told at or after `at` starts (`starts`: the events' starts, in order); a large number
    where none is (a linear pass over a long file's events, not one per event)."""
    i = bisect_left(starts, at)
    return starts[i] if i < len(starts) else 1 << 62


_SIGNED = re.compile(r"\bsigned\b(?!\s+into\b)[^.;]{0,40}?\b(?:in|on)\s+$", re.I)


def signed_on(events: list[Event], text: str, ref: date | None) -> None:
    """"The agreement was signed in Santiago on Nov. 21, 2018", "which the two trade ministers signed in May 2010": a
    pact told entering into force takes its signing, told just after (before another pact), as its announced date
    (the annotation guide: signing is `announced`), however long ago (the news filter drops dates over a year old as
    background)."""
    # (before another pact or partnership is told, which may be what was signed; a tariff the pact cuts is not)
    starts = sorted(e.span[0] for e in events if e.kind in ("trade_agreement", "cooperation"))
    for ev in events:
        if ev.kind != "trade_agreement" or not ev.date("effective") or ev.date("announced"):
            continue
        hi = min(_next_told(starts, ev.span[1] + 1), ev.span[1] + 400, len(text))
        day = next((d for d in find_dates(text, ref, ev.span[0], hi)
                    if _SIGNED.search(text, max(ev.span[0], d.start - 60), d.start)), None)
        if day is not None:
            ev.dates.append(Fact(day.value, day.start, day.end, day.text, "announced"))


def share_announced(made: list[Event], text: str) -> None:
    """Facts of one kind told in one sentence were announced together ("Canada will impose a 100% surtax on EVs from
    October 1 and a 25% surtax on steel from October 15, Trudeau said on Monday"): one announced date for all."""
    for ev in made:
        if ev.date("announced"):
            continue
        src = next((d for o in made if o is not ev and o.kind == ev.kind and not NEW_FACT.search(
            text, min(o.trigger.end, ev.trigger.end), max(o.trigger.start, ev.trigger.start))
            for d in o.dates if d.role == "announced"), None)  # not across "after", "in response to"
        if src is not None:
            ev.dates.append(src)


def link_causes(made: list[Event]) -> None:
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


_THE_SITE = re.compile(r"\b(?:the|this|that|its)\s+(?:[\w\-]+\s+)?$", re.I)


def site_referent(events: list[Event], text: str, trig: list, lo: int) -> Event | None:
    """"In return Japan will get 65 per cent of what the plant produces": a sentence whose only triggers are "the
    plant" / "its mine" continues the project just told."""
    if not trig or not events or events[-1].kind not in ("project", "supply_disruption") or \
            events[-1].span[1] < lo - 600:  # (after a halt, "the mine's output" is the halted site's)
        return None
    if all(t[0] == "project" and _THE_SITE.search(text, max(lo, t[2] - 30), t[2]) for t in trig):
        return events[-1]
    return None


def named_referent(events: list[Event], text: str, lo: int, hi: int, trig: list, ix) -> Event | None:
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


def names_technology(text: str, lo: int, hi: int) -> bool:
    """Whether text[lo:hi] tells of know-how or equipment (`TECHNOLOGY`), not only of a firm named after it: "to
    export most items to Huawei Technologies" controls exports to a firm, not of technology (which would keep it
    from merging with the headline that tells it). In a title-case headline nearly every word is capitalised, and
    "Curbs Exports of Chip Technology" still names technology; a sentence of names is prose ("added Qihoo 360
    Technology and CloudMinds to the Entity List")."""
    title = None
    for m in TECHNOLOGY.finditer(text, lo, hi):
        if m.group(0)[0] == "T" and _FIRM_BEFORE.search(text, max(lo, m.start() - 40), m.start()):
            if title is None:
                words = _WORD.findall(text, lo, hi)
                title = sum(w[0].isupper() for w in words) > 0.85 * len(words)
            if not title:
                continue
        return True
    return False


_AGENTS = {"company", "firm", "group", "miner", "carmaker"}  # (a back-reference to who acts, not to what was done)
_ALSO = re.compile(r"\b(?:also|separately|in\s+addition)\b", re.I)


def referent(events: list[Event], sentence: str, trig: list, ix=None, lo: int | None = None) -> Event | None:
    """The earlier event a sentence refers back to ("The rules take effect ...", "The plant will ..."), if any."""
    m = BACKREF.search(sentence)
    if not m or not events:
        return None
    if m.group("noun7") and trig:
        return None  # "Regulation (EU) 2018/886 put additional duties of 25% on ...": a measure of its own
    noun = (m.group("noun") or m.group("noun2") or m.group("noun3") or m.group("noun4") or
            ("tariff" if m.group("noun6") else "") or ("instrument" if m.group("noun7") else "") or
            ("start" if m.group("noun8") else "")).lower()
    want = "cooperation" if m.group("noun5") else NOUN_KIND.get(noun if noun in NOUN_KIND else noun.rstrip("s"))
    kinds = _KIN.get(want or events[-1].kind, (want or events[-1].kind,))
    other = [t for t in trig if t[0] not in kinds]
    if other and not (m.start() < 5 and all(t[0] == "project" for t in other) and
                      not (ix.materials(lo, lo + len(sentence)) if ix else gz.find_materials(sentence))):
        return None  # the sentence tells an event of another kind ("The law also shortens permitting for projects")
    if noun in _AGENTS and trig and _ALSO.search(sentence, m.end(), trig[0][2] - (lo or 0)):
        return None  # "The company also said it would expand its plant near Niagara Falls": its next fact
    if any(t[0] in kinds and lo is not None and t[2] < lo + m.start() for t in trig):
        return None  # "... concluded negotiations on the RCEP, the 16-nation pact": the pact it names itself
    cands = [e for e in reversed(events[-3:]) if e.kind in kinds]
    if cands and any(t[1] == "suspension" for t in trig) and all(e.subkind != "suspension" for e in cands):
        return None  # "The temporary controls placed on drones last year will be lifted": one more fact, a lifting
    if not names_technology(sentence, 0, len(sentence)):
        # "The rule takes effect ...": the control of the material, not of know-how
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
    if len(cands) > 1 and ix is not None and lo is not None:
        # "The rates in force are 7.4% for Germany and 5.3% for Canada", after duties on two countries' steel and
        # a third's: the event whose targets the sentence names most (else the latest)
        named = {p.value for p in ix.places(lo, lo + len(sentence))}
        best = max(cands, key=lambda e: len(named & set(e.values("targets"))))
        if named & set(best.values("targets")):
            cands = [best] + [e for e in cands if e is not best]
    if want is None:
        return cands[0] if cands else events[-1]
    if not cands and want == "project" and events[-1].kind == "supply_disruption" and not other:
        return events[-1]  # "The mine produces 350,000 tonnes a year": the site of the disruption just told
    sub = noun.rstrip("s") if noun.rstrip("s") in ("ban", "quota", "suspension") else ""
    return next((e for e in cands if sub and e.subkind == sub), cands[0] if cands else None)
# (`ahead`: a start planned, whose date is a plant's start; the rest, a halt's start or end told after it)
_START_CUE = re.compile(r"(?P<ahead>\b(?:due|expected|set|scheduled|slated)\s+to\s+(?:start|begin|open|resume|"
                        r"restart)\b|"
                        r"\b(?:planned|targeted|aims?|intends?|plans?|will|is|are|committed)\s+(?:to\s+)?"
                        r"(?:start|begin|commence|open)\w*|\b(?:production|operations|commissioning|start-?up|output)\s+"
                        r"(?:is\s+|are\s+)?(?:planned|targeted|scheduled|expected|slated|due)\s+(?:for|in)\b)|"
                        r"\bcome\s+on\s*(?:line|stream)\b|"
                        r"\b(?:since|began|begun|started)\b|\b(?:restart|resum|reopen)\w*", re.I)  # a halt's start, end


def follow_on_date(ev: Event, ix, lo: int, hi: int, ref: date | None = None) -> bool:
    """"Separation of heavy rare earths is due to start in 2024": a start date for the project or halt just told;
    "The change took effect on Wednesday": the date a measure just told came into force."""
    if ev.kind in ("tariff", "export_control") and _IN_FORCE_CUE.match(ix.text, lo, hi):
        return bool(ix.dates(ref, lo, hi))
    return ev.kind in ("project", "supply_disruption") and bool(_START_CUE.search(ix.text, lo, hi)) and \
        bool(ix.dates(ref, lo, hi))


# a short sentence on the measure just told, by a word for it: when it came into force
_IN_FORCE_CUE = re.compile(r"\s*(?:The|This|That|These|Those)\s+(?:[\w\-]+\s+){0,2}(?:change|changes|measure|measures|"
                           r"decision|decree|order|rule|rules|duty|duties|tariffs?|ban|curbs|restrictions|controls|"
                           r"cut|increase|removal)\s+(?:took|takes|will\s+take)\s+effect\b")
