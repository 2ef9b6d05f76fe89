"""Trade-policy and supply events from English news text, by rules over the reference gazetteers.

A sentence holds an event where a trigger phrase names one (an export licence, a tariff, a deal, a plant, a
partnership). A sentence with triggers of several kinds is cut into clauses between them; each event takes the
countries, materials, amounts and dates of its clause. A following sentence that refers back ("The rules take effect
on 1 August") adds its dates and amounts to the event before. The same event told twice (headline and body) is
merged. Every value keeps the span of text it was read from; a value without one is never produced. Where no
trigger phrase names an event, a sentence classifier may (`detect.py`): its events are read by the same readers and
say so (`read_by`).

Here: the sentence-by-sentence pass (`candidates`) and the whole-text pipeline (`extract`, `whole_text`). The
text's index, which the rules, the classifier and the models' features share, is in `textindex.py`; one clause's
event, in `clause.py`; which events are the text's news, in `newsworthy.py`; what is asked of the sentence
classifier, in `readings.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from chokepoints.events import newsworthy
from chokepoints.events.clause import clause_event, clauses, group_plan, supported
from chokepoints.events.discourse import (
    LEAD,
    MEMBERS_LIST,
    SUBJECT_REF,
    continue_event,
    dated_just_after,
    dated_just_before,
    follow_on_date,
    link_causes,
    named_referent,
    referent,
    same_day,
    share_announced,
    signed_on,
    site_referent,
)
from chokepoints.events.duty_rates import add_rates
from chokepoints.events.facts import KINDS, Event, Fact
from chokepoints.events.merge import UNCHANGED, headline_restates, merge, rates, restated
from chokepoints.events.readings import REKINDED, detected, likeliest, rekinded, reread, results_told, retold
from chokepoints.events.sentences import sentences
from chokepoints.events.setting import capacity_told_after, inherit
from chokepoints.events.textindex import Index
from chokepoints.events.triggers import CAUSE_CUES, PARTNERS_COUNTED, trigger_hits, triggers
from chokepoints.events.values import keep_values
from chokepoints.events.weigh import weigh, weighing

__all__ = ["KINDS", "Event", "Fact", "extract", "sentences"]
# a clause that tells an earlier fact as the background of the news: "..., a day after Washington widened its curbs",
# "After China's April curbs, ...", "in response to US tariffs"
_BACKGROUND_CLAUSE = re.compile(rf"(?:\W*|.*\b)(?:{CAUSE_CUES}|follows?|followed|builds?\s+on|"
                                r"caused\s+by|because\s+of|blamed\s+on|triggered\s+by|amid)\s+[^,;]*$", re.I | re.S)
# "Since the United States extended its 25% steel tariffs to Canada on 1 June, ...", "Until September, BIS treated
# ...": a clause that opens the sentence with the time since or until which a state held tells that older fact
_SINCE_CLAUSE = re.compile(r"\W*(?:Since|Until|Ever\s+since)\s+[^,;]*$")
# "The move follows Washington's decision last month to lift its 25% tariff ..., and the UK's decision in April to":
# a sentence that tells what the news follows is its background, all of it
_FOLLOWS = re.compile(r"\W*(?:The|This|That|It|Today['’]s|Monday['’]s|Tuesday['’]s|Wednesday['’]s|Thursday['’]s|"
                      r"Friday['’]s)\s+(?:[\w\-]+\s+){0,2}(?:follows|followed|comes\s+after|came\s+after|builds\s+on|"
                      r"mirrors|echoes)\b")
# "The WTO's Appellate Body upheld an earlier ruling that China's export duties and quotas on rare earths break global
# trade rules": a measure a ruling finds unlawful is the ruling's subject, not news of its own (forty-third pass: 8
# of 8 such sentences in the annotated texts tell no event)
_RULED_THAT = re.compile(r"\b(?:ruled|ruling|upheld|found|finding)\s+(?:[^.;]{0,60}?\s)?that\s+[^.;]{0,80}$", re.I)
_UNLAWFUL = re.compile(r"[^.;]{0,120}?\b(?:break|breaks|broke|breach(?:es|ed)?|violat\w+|inconsistent\s+with)\b", re.I)
_DEFINITE = re.compile(r"\b(?:the|this|that|its|their)\s+$", re.I)
# "... signed the agreement after a summit": a trigger whose own words point back to the pact just told
_DEFINITE_INSIDE = re.compile(r"\b(?:signed|sealed|reached|struck)\s+(?:the|this|that)\s+(?:deal|agreement|pact|accord|"
                              r"memorandum)\b", re.I)
# "China, which last month began requiring licences for ...", "..., which has required export licences since last
# December": an older fact told in a relative clause
_RELATIVE_PAST = re.compile(r",\s+(?:which|who)\b[^,;]*$", re.I)
_PAST_TIME = re.compile(r"\b(?:last\s+(?:week|month|year|January|February|March|April|May|June|July|August|September|"
                        r"October|November|December)|since\s+last|earlier\s+this\s+(?:year|month)|a\s+year\s+ago|"
                        r"(?:months|years)\s+ago)\b", re.I)


def extract(text: str, article_date: date | None = None, *, weighed: bool = True, detect: bool = True,
            sift: bool = True, ix: Index | None = None, min_confidence: float | None = None) -> list[Event]:
    """Every trade-policy or supply event in `text` (see the module docstring for the rules), each with its
    confidence, without those the fitted model finds unlikely to be news (`weigh`; `weighed=False` keeps all, as
    its training reads them); with `detect`, also the events the sentence classifier reads where the rules are
    silent (`events.detect`); with `sift` (and `weighed`), without the amounts and dates the value filter finds
    unlikely to be the event's (`events.values`). `ix`: the text's index, where the caller keeps one for later.
    `min_confidence`: the confidence below which the rules' events are dropped, in place of the model's fitted
    threshold (lower reads more events and more wrong ones: docs/methods/events.md, "Choosing the threshold")."""
    # (one index for the rules and the classifier that reads after them)
    ix = ix if ix is not None else Index(text, article_date)
    return whole_text(text, article_date, candidates(text, article_date, ix), weighed=weighed, detect=detect,
                      sift=sift, ix=ix, min_confidence=min_confidence)


def whole_text(text: str, article_date: date | None, found: list[Event], *, weighed: bool = True,
               detect: bool = True, sift: bool = True, ix: Index | None = None,
               sifter: Callable[..., list[Event]] = keep_values, min_confidence: float | None = None) -> list[Event]:
    """A whole text's candidate events (`found`, from one pass or from its pieces) weighed as one text: the events
    the sentence classifier adds where the rules are silent (`detected`), the news among them all
    (`newsworthy.news`), the confidence model (`weigh`, which weighs the rules' events: the classifier's carry its
    own probability), the classifier's view of retellings among the rules' events it keeps (`retold`), its reading
    of the sentences whose every rule event the model or `news` dropped (`reread`), the value filter
    (`keep_values`), then the classifier's kind for a rule event whose sentence it is sure tells another
    (`rekinded`), and the sentence of the body that restates a headline's event (`merge.restated`). `ix`: the
    text's index, where the caller built one; a file of many articles, read in pieces (`parallel.extract_long`), has
    none, and no one headline for `restated`, and its value filter runs piece by piece (`sifter`)."""
    ruled_found = found
    if detect:
        found = _interleave(found, detected(text, article_date, found, ix=ix))
    body, meta = newsworthy.body_start(text), newsworthy.meta_lines(text)
    # (the confidence model is fitted on these events as they stand here, `weighed=False`)
    events = _around(newsworthy.news(found, article_date, body, meta), text, article_date, ix)
    if not weighed:
        return events
    around = {id(e) for e in events}
    read = [e for e in events if e.read_by != "rules"]
    ruled = [e for e in events if e.read_by == "rules"]
    kept = weigh(text, article_date, ruled, model=weighing(min_confidence), ix=ix)
    if detect:
        kept = retold(text, kept, ix=ix)
        # the rules' events the confidence model dropped, and those `news` left out as references (no date, no
        # amount, below the lead): the classifier reads their sentences as if the rules had been silent there
        stay = {id(e) for e in kept}
        dropped = [e for e in ruled if id(e) not in stay] + \
            [e for e in found if e.read_by == "rules" and not newsworthy.anchored(e)]
        again = reread(text, article_date, found, dropped, kept + read, ix=ix)
        read += newsworthy.news(again, article_date, body, meta) if again else []
    events = _interleave(kept, read)
    events = sifter(text, article_date, events, ix=ix) if sift else events
    _dateline_day_gives_way(events, text)
    if detect:
        events = rekinded(text, events, ix=ix)
        # (a body's "Action Plan" that was a strategy, now the pact its headline told; a lead the classifier read
        # again, "The foreign ministers of Australia, India, Japan and the US launched ...", the initiative its
        # headline told: one fact, merged as `news` merges)
        if again or any(e.read_by == REKINDED for e in events):
            events = merge(events, body)
    if detect and not events:  # (nothing kept: the text's likeliest event, if likely enough, said to be that)
        read = newsworthy.news(likeliest(text, article_date, ruled_found, ix=ix), article_date, body, meta)
        best = [max(read, key=lambda e: e.confidence or 0.0)] if read else []
        events = sifter(text, article_date, best, ix=ix) if sift else best
    # the reread events too (not again the others: a date the value filter set aside stays set aside)
    _around([e for e in events if id(e) not in around], text, article_date, ix)
    if ix is not None:
        restated(events, ix)
        headline_restates(events, ix, body)
    return events


def _around(events: list[Event], text: str, article_date: date | None, ix: Index | None) -> list[Event]:
    """What the events of a whole text take from the text around them, once they are the text's news: a pact's
    signing, the day told just after an undated fact, a plant's or a find's own land and a plant's yearly size
    (`ix`: the text's index, where the caller keeps one)."""
    signed_on(events, text, article_date)
    dated_just_after(events, text, article_date)
    own_land(events)
    capacity_told_after(events, text, ix)
    return events


def own_land(events: list[Event]) -> None:
    """A plant (told by its site or its output, as `_SITE_WORD` reads: not a stake bought abroad) or a find with one
    country as its actor and no site named elsewhere lies in that country ("Iran has discovered a lithium deposit in
    the western province of Hamedan", "Finnish Minerals Group ... took the investment decision for a cathode plant in
    Kotka": a province or a town the gazetteer does not know): the actor is its target too, with the same evidence."""
    for ev in events:
        if not ev.targets and len(set(ev.values("actors"))) == 1 and (
                (ev.kind == "project" and _SITE_WORD.search(ev.trigger.text)) or
                (ev.kind == "new_source" and _FIND.search(ev.trigger.text))):
            ev.targets = [ev.actors[0]]


_FIND = re.compile(r"deposit|resource|reserve", re.I)


def _interleave(events: list[Event], more: list[Event]) -> list[Event]:
    """`events` in their order, each of `more` put before the first of them that starts after it."""
    out = list(events)
    for ev in more:
        out.insert(next((i for i, e in enumerate(out) if e.read_by == "rules" and e.span[0] > ev.span[0]),
                        len(out)), ev)
    return out


# a dateline's date, the day of the report: "Canberra, 29 October 2010 - ", "WASHINGTON, Oct 31, 2024 (Wire) - "
_DATELINE_BEFORE = re.compile(r"(?m)^[ \t]*[A-Z][\w.'’\-]*(?:[ \t/][A-Z][\w.'’\-]*){0,3}"
                              r"(?:,[ \t]*[A-Z][\w.'’ \t]{0,30}?)?,[ \t]*$")
_DATELINE_AFTER = re.compile(r"[ \t]*(?:\([^()\n]{1,40}\))?[ \t]*[-–—]")


def _dateline_day_gives_way(events: list[Event], text: str) -> None:
    """An event's announced date read from a dateline, the day of the report, where the text names another day it
    was announced ("WASHINGTON, Oct 31, 2024 - The U.S. International Trade Commission on Wednesday voted ..."):
    the day named is the event's, the dateline's only the report's."""
    for ev in events:
        said = [f for f in ev.dates if f.role == "announced"]
        line = [f for f in said if _DATELINE_AFTER.match(text, f.end) and
                _DATELINE_BEFORE.search(text, text.rfind("\n", 0, f.start) + 1, f.start)]
        if line and len(line) < len(said):
            ev.dates = [f for f in ev.dates if f not in line]


def candidates(text: str, article_date: date | None = None, ix: Index | None = None) -> list[Event]:
    """The events each sentence tells, before the whole text is weighed (`news`): a long text's pieces are read
    apart (`parallel.extract_long`) and weighed together."""
    events: list[Event] = []
    antecedent = None  # the last bloc named, for "the bloc"
    hits = trigger_hits(text)
    ix = ix if ix is not None else Index(text, article_date)
    skip = ix.datelines
    for lo, hi in ix.sentences:
        if _CONTENTS.match(text, lo, hi):
            continue  # "In this issue: Kwinana expansion axed | Jervois heads to Chapter 11": the items, told below
        if lo >= LEAD and _RECAP.match(text, lo, hi):
            continue  # "Summary: MMG says Las Bambas will begin suspending output ...": a sign-off retells the day (at
            # the top of a liveblog told newest first, it is the lead)
        trig = triggers(text, lo, hi, ix, hits)
        back = _referred(events, text, lo, hi, trig, ix)
        if back is not None:
            continue_event(back, text, lo, hi, article_date, skip, ix)
            back.retold(*(Fact(k, a, b, text[a:b], "rules") for k, _s, a, b in trig))
        elif trig:
            made: list[Event] = []
            for group, a, b in clauses(text, lo, hi, trig):
                if len(group) > 1 and not _BACKGROUND_CLAUSE.match(text, lo, group[-1][2]):
                    # "a day after Washington widened its curbs, China ... will no longer approve export licences":
                    # the news is the later trigger; the background one stays only as words of the clause
                    group = [t for t in group if not _BACKGROUND_CLAUSE.match(text, lo, t[2])] or group
                ev = clause_event(text, group, a, b, article_date, antecedent, skip, ix)
                first = group[0][2]
                ev.background = bool(
                    _BACKGROUND_CLAUSE.match(text, lo, group[-1][2]) or _FOLLOWS.match(text, lo, first) or
                    _SINCE_CLAUSE.match(text, lo, first) or _older_year(text, lo, first, article_date) or
                    (_RULED_THAT.search(text, max(lo, first - 160), first) and _UNLAWFUL.match(text, first, hi)) or
                    (_RELATIVE_PAST.search(text, max(lo, first - 120), first) and
                     _PAST_TIME.search(text, max(lo, first - 120), min(b, group[-1][3] + 80))))
                if not ev.actors and made and made[-1].actors and ev.kind != "supply_disruption":
                    tv = set(ev.values("targets"))  # "China imposed X and restricted Y"; "...; it also announced"
                    src = made[0] if _IT.match(text, a, b) and made[0].actors else made[-1]
                    ev.actors = [a for a in src.actors if a.value not in tv]
                if not ev.actors and events and SUBJECT_REF.search(text[lo:hi]) and events[-1].actors:
                    ev.actors = list(events[-1].actors)  # "The Commerce Ministry also placed ..."
                made.append(ev)
            made = _consequences(made, text)
            link_causes(made)
            same_day(made, events, text, lo, hi, ix, article_date)
            share_announced(made, text)
            for ev in made:
                deal = next((e for e in reversed(events[-3:]) if e.kind == "trade_agreement"
                             and e.span[1] >= lo - 1200), None)
                if deal is not None and ev.kind == "tariff" and ev.subkind in ("", "suspension") and \
                        set(ev.values("actors") + ev.values("targets")) <= set(deal.values("actors")):
                    # "Membership means that 99% of UK exports will be eligible for zero tariffs": the deal's terms
                    continue_event(deal, text, ev.span[0], ev.span[1], article_date, skip, ix)
                    continue
                inherit(ev, events, ix, lo)
                last = events[-1] if events else None
                own = any(ev.span[0] <= f.start < ev.span[1] for f in ev.actors + ev.materials + ev.targets)
                same = next((e for e in reversed(events[-3:]) if e.kind == ev.kind), None)
                if same is not None and ev.kind == "export_control" and not own and not ev.magnitude \
                        and same.span[1] >= lo - 600 and not _PER_TONNE.search(text, *ev.span):
                    # "Exporters will still need licences": no new fact (but "from March 15 corn exports will carry a
                    # duty of €25 a tonne" is one more duty, at its own rate, which the amounts read as a price)
                    continue_event(same, text, ev.span[0], ev.span[1], article_date, skip, ix)
                    same.retold(ev.trigger, *ev.told)
                elif same is not None and ev.kind in ("cooperation", "trade_agreement", "strategy") and \
                        (_DEFINITE.search(text, max(lo, ev.trigger.start - 12), ev.trigger.start) or
                         _DEFINITE_INSIDE.search(ev.trigger.text)) and \
                        same.span[1] >= lo - 1500 and not _other_pact(ev, same):
                    # "..., and the partnership aims to ...": the one just told
                    continue_event(same, text, ev.span[0], ev.span[1], article_date, skip, ix)
                    same.retold(ev.trigger, *ev.told)
                elif not supported(ev) and last is not None and last.kind == ev.kind and last.span[1] >= lo - 400 \
                        and not _other_pact(ev, last):
                    # "Exporters need a licence": no fact of its own
                    continue_event(last, text, ev.span[0], ev.span[1], article_date, skip, ix)
                    last.retold(ev.trigger, *ev.told)
                else:
                    events.append(ev)
        elif (listed := _listed_in(events, text, ix, lo, hi)) is not None:
            listed.materials += [Fact.of(m) for m in ix.materials(lo, hi)]
        elif add_rates(events, text, ix, lo, hi):
            pass  # (a duty's rates told after it, each exporter's or product's: added to it)
        elif (told := _followed(events, text, ix, lo, hi, article_date)) is not None:
            continue_event(told, text, lo, hi, article_date, skip, ix)  # "JOGMEC will provide 110 million euros"
        if re.search(r"\b(?:EU|European|G7|Group\s+of\s+Seven|CPTPP|Brussels)\b", text[lo:hi]):
            for p in ix.places(lo, hi):
                if p.kind in ("bloc", "name", "agency", "abbreviation") and p.value in ("EU27", "G7", "CPTPP"):
                    antecedent = p
    for e in events:
        group_plan(e)
        if e.kind == "project" and not e.targets and len(set(e.values("actors"))) == 1 and \
                _SITE_WORD.search(e.trigger.text) and {p.value for p in ix.places(*e.span)} <= set(e.values("actors")):
            # "Chilean President Pinera inaugurated Codelco's Chuquicamata mine": a government's own project, no
            # other country named, stands in its own land
            e.targets = [e.actors[0]]
    events = [e for e in events if supported(e) and not e.background and not newsworthy.old_news(e, article_date)
              and not (e.kind in ("project", "new_source", "supply_disruption") and results_told(text, *e.span))]
    dated_just_before(events, ix, article_date)
    return events


# an agreement called by its name ("the Regional Comprehensive Economic Partnership") is that pact, not the one before
_NAMED_PACT = re.compile(r"(?-i:[A-Z][a-z]+\s+[A-Z][a-z]+)")


# "the 1999 Chi-Chi earthquake halted ...": the year a fact is named by
_YEAR_NAMED = re.compile(r"\bthe\s+((?:19|20)\d\d)\s+(?:[\w\-]+\s+){0,3}$", re.I)


def _older_year(text: str, lo: int, first: int, article_date: date | None) -> bool:
    """Whether the trigger's fact is named by a year more than a year before the article's: background."""
    m = _YEAR_NAMED.search(text, max(lo, first - 60), first)
    return bool(m and article_date and int(m.group(1)) < article_date.year - 1)


def _followed(events: list[Event], text: str, ix, lo: int, hi: int, article_date: date | None) -> Event | None:
    """The event a sentence without a trigger goes on telling: the last one (whose founding members it may name), else
    the last the text reports, past a bare "Rohm signed a basic agreement with Solar Frontier" (no parties: dropped)
    between a plant and its "It plans to start operations there in 2024"."""
    if not events:
        return None
    if _follows_on(events[-1], text, ix, lo, hi, article_date):
        return events[-1]
    told = next((e for e in reversed(events[-3:]) if supported(e)), None)
    return told if told is not None and told is not events[-1] and \
        _follows_on(told, text, ix, lo, hi, article_date) else None


def _follows_on(last: Event, text: str, ix, lo: int, hi: int, article_date: date | None) -> bool:
    """A sentence without a trigger that goes on telling the event just told (within 400 characters): the amounts or
    start of a project, a halt, a pact, a strategy, a new source or an investigation ("JOGMEC will provide 110
    million euros"); the rates a headline's tariff sets ("sets 23.3% on billet"); when a measure came into force
    ("The change took effect on Wednesday")."""
    if last.span[1] < lo - 400:
        return False
    if last.kind in ("project", "supply_disruption", "cooperation", "strategy", "new_source") or \
            last.subkind == "investigation" or (last.kind == "tariff" and _RATE_ON.search(text, lo, hi)):
        return bool(ix.magnitudes(lo, hi) or follow_on_date(last, ix, lo, hi, article_date) or
                    _awaits_members(last, text, ix, lo, hi))
    # "The change took effect on Wednesday", "Its provisions apply from 1 January": a dated entry into force of the
    # measure or pact just told, whatever the sentence calls it (`follow_on_date`'s "The X takes effect" is one of
    # these; twentieth pass, clean sets: dates tp 417 -> 426, fp 242 -> 247)
    return last.kind in ("tariff", "export_control", "trade_agreement") and bool(_IN_FORCE.search(text, lo, hi)) and \
        bool(ix.dates(article_date, lo, hi))


_IN_FORCE = re.compile(r"\b(?:takes?|took|taking)\s+effect\b|\b(?:comes?|came|coming|enters?|entered|entering)\s+"
                       r"into\s+force\b|\bappl(?:y|ies)\s+from\b|\beffective\s+(?:from|on|as\s+of)\b|"
                       r"\bin\s+force\s+(?:from|on|since)\b", re.I)


def _other_pact(ev: Event, before: Event) -> bool:
    return bool(_NAMED_PACT.search(ev.trigger.text)) and ev.trigger.text != before.trigger.text


# "has signed a new mining law that requires companies to process ores at home, a change that could in time curb
# exports of raw ore": what a measure told before may bring about, no measure of its own
_MAY_BRING = re.compile(r",\s+(?:in\s+)?(?:a|the)\s+(?:[\w\-]+\s+)?(?:change|move|step|measure|rule|law|decision|"
                        r"policy)\s+(?:that|which)\s+(?:could|would|may|might|is\s+expected\s+to|threatens\s+to)\b",
                        re.I)


def _consequences(made: list[Event], text: str) -> list[Event]:
    """"Workers walked off the job on Thursday, halting manganese shipments": shipments halted by a halt told before
    them in the sentence are its consequence (what it stops), not an export ban of no one's; a measure told after "a
    step that could" is what the one told before it may bring about (forty-third pass)."""
    out: list[Event] = []
    for ev in made:
        if out and _MAY_BRING.search(text, out[-1].trigger.end, ev.trigger.start):
            out[-1].materials += [m for m in ev.materials if m.value not in out[-1].values("materials")]
            continue
        if out and out[-1].kind == "supply_disruption" and ev.kind == "export_control" and ev.subkind == "ban" \
                and not ev.actors:
            out[-1].materials += ev.materials
            out[-1].magnitude += ev.magnitude
            out[-1].targets += [t for t in ev.targets if t.value not in out[-1].values("targets")]
            continue
        out.append(ev)
    return out


# a project told by its site or its output, not by money or a stake (a stake bought abroad has no site of the buyer's)
_SITE_WORD = re.compile(r"plant|mine|refiner|facilit|smelter|hub|fab|factor|project|production|operations|output|"
                        r"first|nationali", re.I)
# "Trade ministry sets 23.3% on billet and 14.2% on bars from March 22", under a headline telling a tariff: its rates
_RATE_ON = re.compile(r"\b\d[\d.]*\s*(?:%|per\s*cent|percent)\s+on\b", re.I)
_LIST_WORD = re.compile(r"\blist(?:s|ed)?\b", re.I)
# "Platinum, manganese, iron ore, coal and chrome are classed as highly critical": a strategy's tiers name its members
_CLASSED = re.compile(r"\b(?:classed|classified|ranked|rated|designated)\s+as\s+(?:[\w\-]+\s+){0,3}critical\b", re.I)


def _listed_in(events: list[Event], text: str, ix, lo: int, hi: int) -> Event | None:
    """"The 35 minerals on the final list are: aluminum (bauxite), antimony, ...": a sentence that enumerates four
    materials or more and says it is the list (or follows a colon), after a strategy that makes a list (told within
    3,000 characters), names the list's members."""
    classed = _CLASSED.search(text, lo, hi)
    if len({m.value for m in ix.materials(lo, hi)}) < 4 or not (
            classed or _LIST_WORD.search(text, lo, hi) or text[max(0, lo - 8):lo].rstrip().endswith(":")):
        return None  # ("Samarium, rhodium, lutetium, terbium and dysprosium came out with the highest risk scores")
    return next((e for e in reversed(events[-3:]) if e.kind == "strategy" and e.span[1] >= lo - 3000 and
                 (classed or _LIST_WORD.search(text, e.span[0], e.span[1]))), None)


def _awaits_members(ev: Event, text: str, ix, lo: int, hi: int) -> bool:
    """A partnership launched by "Canada and six partners" names its members in the next sentence ("... with
    Australia, France, Germany, Japan, the United Kingdom and the United States as founding members")."""
    if ev.kind in ("cooperation", "trade_agreement") and MEMBERS_LIST.match(text, lo, hi) and \
            len({p.value for p in ix.places(lo, hi)}) >= 2:
        return True  # "The signatories - Australia, Brunei, Canada, ... - account for 13.5 percent of world output"
    return ev.kind == "cooperation" and len(ev.actors) < 2 and len(ix.places(lo, hi)) >= 2 and \
        bool(PARTNERS_COUNTED.search(text, ev.span[0], ev.span[1]))


_IT = re.compile(r"\W*(?:and\s+|but\s+)?(?:it|they)\s", re.I)


def _referred(events: list[Event], text: str, lo: int, hi: int, trig: list, ix) -> Event | None:
    """The event told before that the sentence text[lo:hi] goes on telling ("The ban covers ...", "the plant"), if
    any: by a pronoun or noun, a name, or a site."""
    if events and ix.item_break(events[-1].span[1], lo):
        return None  # a digest's next item, after a rule "---" or a numbered head "2) VIETNAM:", refers back to nothing
    back = referent(events, text[lo:hi], trig, ix, lo) or named_referent(events, text, lo, hi, trig, ix) or \
        site_referent(events, text, trig, lo)
    if back is not None and trig and not supported(back) and back.span[1] < lo - 600:
        return None  # "The company says operations at its mine have been suspended", 700 characters under a
        # headline about a park: a fact of its own, not the headline's (which names no plant or material)
    if back is not None and _own_rate(back, trig, ix, lo, hi):
        return None  # "The export duty of 45% on iron ore pellets has been withdrawn", after the rates of the ore's
        # duty: one more measure of the package, with its own rate (annotation guide, "One event or two")
    return back


# a newsletter's table of contents: each item is told below it
_CONTENTS = re.compile(r"(?:Also\s+)?(?:In\s+this\s+(?:issue|edition|week's\s+issue)|This\s+week|Inside|In\s+today's"
                       r"\s+(?:issue|edition|briefing)|Today)\s*:", re.I)
# a recap of what was told above ("Summary: ...", "To recap: ...")
_RECAP = re.compile(r"\s*(?:Summary|To\s+recap|Recap|In\s+summary)\s*:", re.I)
# a duty or a tax set per tonne ("a duty of €25 a tonne", "taxed at $10 per ton")
_PER_TONNE = re.compile(r"\b(?:dut(?:y|ies)|tax(?:ed|es)?|levy)\b[^.;]{0,30}?(?:[$€£¥]|USD|EUR)\s?\d[\d.,]*\s*"
                        r"(?:a|per)\s+(?:tonne|ton|metric\s+ton)\b", re.I)


def _own_rate(back: Event, trig: list, ix, lo: int, hi: int) -> bool:
    """Whether text[lo:hi], with a trigger of `back`'s kind (an export control: an anti-dumping decision's rate per
    producer, told in sentences of their own, is one measure), names rates in per cent and none of those `back`
    already has (which has some)."""
    if back.kind != "export_control" or not any(k == back.kind for k, *_rest in trig):
        return False
    if UNCHANGED.search(ix.text, lo, hi):
        return False  # "Export taxes on wheat and corn stay at 12%": no measure
    had = rates(back)
    own = {v[0] for v, *_rest in ix.magnitudes(lo, hi) if v[1] == "%"}
    return bool(had and own and not had & own)


