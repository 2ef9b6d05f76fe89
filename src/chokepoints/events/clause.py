"""One clause's event: a sentence's triggers grouped into clauses (`clauses`), and the event a clause tells
(`clause_event`), its kind checked against the clause's words ("signed a strategic partnership agreement with
China's Zijin Mining Group" is the miner's project, not a pact), then its countries in their roles, its materials,
amounts and dates, each with the span it was read from; and whether an event names enough to be reported
(`supported`). `extract.candidates` reads each sentence with these; the sentence classifier's events are read by
them too (`readings.detected`).
"""

from __future__ import annotations

import re
from datetime import date

from chokepoints.events import dates as dt
from chokepoints.events.discourse import NEW_FACT, date_role, names_technology
from chokepoints.events.facts import Event, Fact
from chokepoints.events.roles import DATELINE_AT, in_spans, roles, screened
from chokepoints.events.triggers import THREAT, and_company, header

STAGES = [("recycling", r"recycl\w+"), ("separation", r"separat\w+"), ("magnet", r"magnet\s+(?:plant|production|"
          r"factory|making)"), ("metal_alloy", r"(?:metal|alloy)\s+(?:plant|production)"),
          ("refining", r"refin\w+|process\w+|smelt\w+|hydroxide|anode"), ("mining", r"\bmin(?:e|es|ing)\b|extract\w+")]


def _cut(text: str, a: int, b: int) -> int:
    """Where to cut a sentence between two triggers (a = end of the first, b = start of the second)."""
    seg = text[a:b]
    for delim in (";", ", while ", ", but ", " while ", ", after ", " after ", ", following ", " in response to ",
                  " in retaliation for ", ", and ", " as well as ", ", as ", ", ", " and ", " as "):
        i = seg.rfind(delim)
        if i >= 0:
            return a + i + 1
    return b


_RATE_BEFORE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|per\s*cent|percent)\s+(?:[\w\-]+\s+)?$", re.I)


def _two_facts(text: str, prev: tuple, t: tuple) -> bool:
    """Two triggers of one kind in one sentence that tell two facts: lifting one control and imposing another ("lift
    its ban on cobalt exports and replace it with export quotas"), or two measures each with its own rate ("a 100%
    surtax on EVs from October 1 and a 25% surtax on steel from October 15")."""
    if prev[0] == "export_control" and prev[1] != t[1] and "suspension" in (prev[1], t[1]) and prev[1] and t[1]:
        return True
    return bool(_RATE_BEFORE.search(text, max(0, prev[2] - 30), prev[2]) and
                _RATE_BEFORE.search(text, max(prev[3], t[2] - 30), t[2]))


def clauses(text: str, lo: int, hi: int, trig: list) -> list[tuple[list, int, int]]:
    """Group triggers into clauses: consecutive triggers of one kind share a clause, unless they tell two facts."""
    groups: list[list] = []
    for t in trig:
        if groups and groups[-1][-1][0] == t[0] and not NEW_FACT.search(text, groups[-1][-1][3], t[2]) and \
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


_LIFTING_BEFORE = re.compile(r"\b(?:suspend|lift|scrap|remov|eliminat|waiv|abolish|drop|repeal|rescind)\w*\s+"
                             r"(?:all\s+|the\s+|its\s+|their\s+)?(?:[\w\-]+\s+){0,2}$", re.I)


_LIFTED_AFTER = re.compile(r"[^.;]{0,60}?\b(?:was|were|are|is|will\s+be|have\s+been|has\s+been)\s+(?:\w+\s+)?"
                           r"(?:lifted|suspended|scrapped|removed|abolished|waived|dropped|repealed|rescinded)\b", re.I)


_TRADE_PARTNERSHIP = re.compile(r"\bpartnership\s+(?:and\s+cooperation\s+)?agreement\b|\b(?:C?EPA|EPCA|CECPA)\b", re.I)


# a site by its name: "its Los Pelambres mine", "the Andina division", "Codelco's Ventanas smelter"
# the materials a site's name may carry before its noun ("Andina copper division", "Nunasvaara South graphite mine")
_SITE_MATERIALS = ("copper", "nickel", "lithium", "gold", "rare earths", "rare earth", "graphite", "cobalt", "uranium")
_SITE_MATERIAL_WORDS = {m.split()[-1] for m in _SITE_MATERIALS}  # ("earth", "earths" of "rare earth(s)")
_NAMED_SITE = re.compile(r"(?-i:\b((?:[A-Z][\w'’\-]+\s+){0,2}[A-Z][\w'’\-]+))\s+(?:(?:" +
                         "|".join(m.replace(" ", r"\s+") for m in _SITE_MATERIALS) + r")\s+)?(?:mine|division|smelter|"
                         r"refinery|plant|project|operations?|deposit|complex|concentrator|fab|factory)\b")


_DETERMINERS = {"The", "Its", "This", "That", "Their", "A", "An"}
_NOT_NAMES = _DETERMINERS | {"State", "New", "First"}


def _site_name(name: str) -> str:
    """A site's name as merges compare it: "The Huckleberry" at a sentence's start is "huckleberry", and a headline's
    "NUNASVAARA SOUTH GRAPHITE" (its material upper-cased into the name) "nunasvaara south"."""
    words = name.split()
    words = words[1:] if len(words) > 1 and words[0] in _DETERMINERS else words
    if len(words) > 1 and words[-1].lower() in _SITE_MATERIAL_WORDS:
        words = words[:-1]
    return " ".join(words).lower()


# a legal act by its number ("Implementing Regulation (EU) 2015/1953", "Law No. 20,469", "Executive Order 14156",
# "General Notice 114 of 2011")
_INSTRUMENT = re.compile(r"(?-i:\b(?P<act>Regulation|Decree|Law|Notice|Order|Resolution|Proclamation|Ordinance|"
                         r"Circular|Announcement|Directive|Decision))\s+(?:\((?:EU|EC|EEC)\)\s+)?(?:No\.?\s*)?"
                         r"(?P<no>\d[\d,./\-]*\d|\d)")


_DUTY_WORD = re.compile(r"\b(?:tariffs?|dut(?:y|ies)|levy|levies)\b", re.I)  # (a stake's "%" is no tariff)


_WITH_COMPANY = re.compile(r"\bwith\s+(?:[A-Z][\w\-]*['’]s\s+)?(?:[A-Z][\w&\-.]*\s+){0,4}(?:Ltd|Limited|Group|"
                           r"Corp|Corporation|Inc|Mining|Resources|Minerals|Metals|Gold|Nickel|Lithium|Copper|plc|PLC|"
                           r"S\.A|AG|Holdings|High-Tech|Company)\b")


# a deal signed: "signed a US$4.2 billion platinum agreement with Karo Resources" (the classifier reads a strategy)
_DEAL_SIGNED = re.compile(r"\b(?:signed|signs|inked|concluded|sealed)\s+(?:[\w\-$,.]+\s+){0,6}?(?:agreements?|"
                          r"memorand\w+|MoUs?|contracts?|deals?)\b", re.I)


# an alliance or platform a government launches with its industry: a strategy (annotation guide, "Kinds at their
# edges"; the writers of the two clean sets' alliances called both so)
_INDUSTRY_ALLIANCE = re.compile(r"\b(?:launch|set\w*\s+up|creat|form|establish)\w*\s+(?:the\s+|a\s+|an\s+)?"
                                r"(?:[\w\-]+\s+){0,5}(?:alliance|platform)\b[^.;]{0,80}?\bindustr", re.I)


_FOR_ITS_PROJECT = re.compile(r"\bfor\s+its\s+(?:[\w\-]+\s+){0,4}(?:project|mine|plant|refinery|smelter)\b", re.I)


_STRATEGIC = re.compile(r"\bstrategic\s+(?:[\w\-]+\s+){0,2}$", re.I)


_MINERALS_DEAL = re.compile(r"\b(?:minerals?|rare\s+earths?|metals|supply\s+chains?|stockpil\w+|raw\s+materials)\b",
                            re.I)


# "signed an agreement on civil nuclear cooperation": an agreement on cooperation, not on trade
_ON_COOPERATION = re.compile(r"[^.;]{0,40}?\b(?:agreement|accord|pact|deal)\s+on\s+(?:[\w\-]+\s+){0,3}cooperation\b",
                             re.I)


_TRADE_PACT = re.compile(r"\b(?:free[\s\-]trade|economic\s+partnership|trade\s+and\s+economic)\b", re.I)


_TARIFF_WORD = re.compile(r"\b(?:tariffs?|dut(?:y|ies)|levy|levies|reciprocal)\b|%", re.I)


_TECH_OBJECT = re.compile(r"\b(?:exports?|transfers?|sales?)\s+of\s+(?:[\w\-]+\s+){0,2}(?:technolog(?:y|ies)|know-how|"
                          r"equipment)\b", re.I)


_CONDITION = re.compile(r"\b(?:if|unless)\b[^,;]{0,60}$", re.I)  # "cuts if shipments do not resume by July"


# what a halt without a named material stops: the plants of the chains this tool follows (chips, cells, cars, metals)
# and the ports, railways and border crossings their goods move through ("walked off the job at about 30 terminals in
# the ports of Vancouver and Prince Rupert", "Freight traffic on Canada's two main railways came to a halt": thirty-
# eighth pass, clean sets 3 more found and 1 fewer wrong, fitted sets 1 more each)
_INDUSTRIAL = re.compile(r"\b(?:chips?|semiconductors?|wafers?|fabs?|foundr(?:y|ies)|vehicles?|cars?|carmakers?|"
                         r"automakers?|assembly|batter(?:y|ies)|cells?|magnets?|smelters?|refiner(?:y|ies)|mines?|"
                         r"factor(?:y|ies)|plants?|(?<!credit\s)(?<!loan\s)facilit(?:y|ies)|steelworks|polysilicon|"
                         r"solar|ports?|(?:container\s+)?terminals?|"
                         r"rail(?:ways?|roads?)|freight|border\s+crossings?|port\s+of\s+entry)\b", re.I)


_CHIPS_CELLS = re.compile(r"\b(?:chips?|chipmakers?|semiconductors?|wafers?|fabs?|foundr(?:y|ies)|gigafactor(?:y|ies)|"
                          r"flash\s+memory|memory\s+chips?|DRAM|NAND|HBM|"
                          r"pilot\s+line|(?:advanced\s+)?packaging\s+(?:and\s+test\s+)?(?:plant|facilit(?:y|ies)|line)s?|"
                          r"(?:assembly|packaging)\s+and\s+test(?:ing)?|OSAT|"
                          r"battery\s+(?:cells?|plants?|factor(?:y|ies))|cell\s+(?:plants?|factor(?:y|ies))|"
                          # the battery chain's own plants, which name no material of the reference: "its first
                          # cathode active materials plant in Nysa", "an anode plant", "a precursor (pCAM) plant"
                          r"(?:cathode|anode|precursor|pCAM|battery[\s\-]materials?)\s+(?:active\s+materials?\s+)?"
                          r"(?:plants?|factor(?:y|ies)|facilit(?:y|ies)|refiner(?:y|ies)|projects?))\b|"
                          # the chipmakers and cell makers themselves: what they build is a chip fab or a cell plant
                          # ("SK Hynix said it would invest 46 trillion won in new production lines", "Intel will invest
                          # more than RM30 billion to expand its operations in Penang")
                          r"(?-i:\b(?:TSMC|SK\s+[Hh]ynix|Samsung\s+(?:Electronics|SDI)|Intel|Micron|GlobalFoundries|"
                          r"Texas\s+Instruments|Infineon|STMicroelectronics|NXP|Renesas|Kioxia|Rapidus|SMIC|UMC|"
                          r"Wolfspeed|CATL|LG\s+Energy\s+Solution|SK\s+On|Panasonic\s+Energy|Northvolt|"
                          r"Gotion|AESC|EVE\s+Energy|CALB|Sunwoda|Farasis|SVOLT|ACC|Verkor)\b)", re.I)


# a clause that tells one more measure, not the one before told again (`Event.another`)
_ANOTHER = re.compile(r"\b(?:also|separately|in\s+a\s+(?:separate|parallel|second|further)\b|secondly|another|"
                      r"in\s+addition|additionally|furthermore|the\s+same\s+(?:law|act|decree|package|notice|"
                      r"regulation|resolution|order|bill)|alongside)\b", re.I)


# "Orano Canada, which operates the mill, is suspending production at the mill as well" (not "as well as")
_AS_WELL = re.compile(r"\bas\s+well\b(?!\s+as\b)", re.I)
_TO_BUILD = re.compile(r"\bto\s+(?:build|develop|construct|explore|operate|set\s+up|acquire|buy)\b|"
                       r"\b(?:exploration|mining)\s+(?:project|blocks?|rights)\b", re.I)


_AND_GAP = re.compile(r"\s+and\s+(?:the\s+)?")


_SUBJECT_GAP = re.compile(r"\s+(?:(?:on|late\s+on|early\s+on)\s+\w+\s+|have\s+|has\s+|also\s+)*")


def _two_governments_before(text: str, lo: int, at: int, ix) -> bool:
    """Whether the subject just before `at` is two countries joined by "and" ("France and Mongolia signed")."""
    ps = [p for p in ix.places(lo, at) if p.kind not in ("site", "company", "state_company")]
    return len(ps) >= 2 and ps[-1].value != ps[-2].value and \
        _AND_GAP.fullmatch(text, ps[-2].end, ps[-1].start) is not None and \
        _SUBJECT_GAP.fullmatch(text, ps[-1].end, at) is not None


def company_deal(text: str, lo: int, hi: int, ix) -> bool:
    """Whether a deal told in text[lo:hi] is a government's with a company (or for a company's site), not a pact: no
    trade or duty words, and a company as the other party ("with China's Zijin Mining Group"; "Indonesia and LG
    Energy Solution have signed", a country named first) or "for its project"."""
    clause = text[lo:hi]
    if _TRADE_PACT.search(clause) or _DUTY_WORD.search(clause):
        return False
    if _FOR_ITS_PROJECT.search(clause):
        return True
    named = {p.start for p in ix.places(lo, hi)}  # (where a place starts: one right after the name ends it)
    if any(not {lo + m.end(), lo + m.end() + 1} & named for m in _WITH_COMPANY.finditer(clause)):
        return True  # (but "with Natural Resources Canada": an agency named by its country is a government's)
    return and_company(text, lo, hi, ix)


def clause_event(text: str, group: list, lo: int, hi: int, ref: date | None, antecedent, skip, ix) -> Event:
    kind, sub = group[0][0], next((t[1] for t in group if t[1]), "")
    t0 = group[0]
    clause = text[lo:hi]
    if kind == "tariff" and not sub:
        sub = "threatened" if THREAT.search(clause) else ""
    if kind == "tariff" and sub in ("", "threatened") and (_LIFTING_BEFORE.search(text, max(lo, t0[2] - 40), t0[2]) or
                                                           _LIFTED_AFTER.match(text, t0[3], min(hi, t0[3] + 80))):
        sub = "suspension"  # "suspending all import duties on Ukrainian goods": duties lifted, none imposed
    if (kind in ("trade_agreement", "cooperation") or kind == "strategy" and _DEAL_SIGNED.search(clause)) and \
            company_deal(text, lo, hi, ix):
        # "signed a strategic partnership agreement with China's Zijin Mining Group", "Peak Rare Earths signed a
        # framework agreement with the Government for its Ngualla project": a government's deal with a miner is
        # the miner's project
        kind = "project"
    elif kind == "cooperation" and _INDUSTRY_ALLIANCE.search(clause):
        kind = "strategy"  # "the Commission launched the European Battery Alliance, an industry-led platform": one
        # government's plan with its industry, no pact between governments
    elif kind == "trade_agreement" and _TO_BUILD.search(clause) and not _TARIFF_WORD.search(clause) and \
            not re.search(r"\b(?:trade|tariff|commercial)\b", text[t0[2]:t0[3]], re.I):
        # "signed an agreement with a consortium to build two lithium plants"; but "France and Mongolia signed an
        # agreement ... to explore for lithium": two governments, the subject, cooperate
        kind = "cooperation" if _two_governments_before(text, lo, t0[2], ix) else "project"
    elif kind == "trade_agreement" and (_MINERALS_DEAL.search(clause) or _ON_COOPERATION.match(text, t0[2], hi)) and \
            not _TARIFF_WORD.search(clause) and not _TRADE_PACT.search(text, t0[2], t0[3]):
        kind = "cooperation"  # a minerals framework is cooperation, not a trade deal (but an economic partnership
        # agreement with a "mineral-rich partner" is a trade pact)
    if kind == "cooperation" and _TRADE_PARTNERSHIP.search(text, max(lo, t0[2] - 60), min(hi, t0[3] + 40)) and \
            not _STRATEGIC.search(text, max(lo, t0[2] - 40), t0[2]) and \
            (re.search(r"\beconomic\b", text[max(lo, t0[2] - 60):t0[3]], re.I) or not _MINERALS_DEAL.search(clause)):
        # "EU-Kenya partnership agreement enters into force", "signed an Enhanced Partnership and Cooperation
        # Agreement": a partnership agreement between governments is a trade pact (28 of 32 annotated); a
        # "strategic partnership agreement" or a minerals partnership is cooperation
        kind = "trade_agreement"
    if kind == "strategy" and (
            re.search(r"\bjoint\s+(?:[\w\-]+\s+)?(?:action\s+)?(?:plan|strategy|roadmap)", text[
                max(lo, t0[2] - 30):t0[3]], re.I) or re.match(r"declarations?\b", text[t0[2]:t0[3]], re.I)) and \
            len({p.value for p in ix.places(lo, hi) if p.kind != "site"}) >= 2:
        # "a Joint Action Plan on Critical Minerals" of two governments, "adopted the Kuala Lumpur Declaration on
        # Critical Minerals" (15 annotated declarations, all cooperation): governments that act together cooperate;
        # "declared ... critical" stays a list
        kind = "cooperation"
    if kind == "project":
        sub = _stage(clause)
    if kind == "export_control" and sub != "suspension" and (
            names_technology(text, max(lo, t0[2] - 40), min(hi, t0[3] + 60)) or _TECH_OBJECT.search(clause)):
        sub = "technology"  # "exports of technology used for mining ... rare earths will require a licence"
    places = [p for p in ix.places(lo, hi) if not in_spans(skip, p.start)]
    actors, targets = roles(kind, text, places, lo, hi, antecedent)
    if sub == "screening":
        # (the buyer may be named past the clause: "rejected the sale of TMAC Resources, owner of the Hope Bay gold
        # project in Nunavut, to China's state-controlled Shandong Gold Mining")
        end = ix.sentence_end(lo)
        later = [p for p in ix.places(hi, end) if not in_spans(skip, p.start)] if hi < end else []
        actors, targets = screened(text, places + later, actors, targets, lo, max(hi, end), t0[2])
    _from_header(kind, text, lo, actors, targets, ix)
    mats = [Fact.of(m) for m in ix.materials(lo, hi)]
    mags = Fact.amounts(ix.magnitudes(lo, hi), lo)
    dates = [Fact.of(d, date_role(kind, d, text)) for d in ix.dates(ref, lo, hi)
             if not in_spans(skip, d.start) and not DATELINE_AT.fullmatch(text[lo:d.start])
             and not (kind == "supply_disruption" and _CONDITION.search(text, lo, d.start))]
    if not dates and ref is not None and (stamp := ix.stamp_before(lo)) is not None:
        # "08:05 BREAKING - Boliden has halted all production": an entry of a liveblog dated at its top happened
        # that day; the stamp is the evidence
        d = dt.DateFact("announced", ref.isoformat(), stamp[0], stamp[1], text[stamp[0]:stamp[1]])
        dates = [Fact.of(d, date_role(kind, d, text))]
    ev = Event(kind, sub, Fact(kind, t0[2], t0[3], text[t0[2]:t0[3]]), actors, targets, mats, mags, dates, (lo, hi))
    # (read only where `supported` asks: a halt or a project without a listed material)
    ev.industrial = kind == "supply_disruption" and not mats and bool(_INDUSTRIAL.search(clause))
    ev.chips = kind == "project" and not mats and bool(_CHIPS_CELLS.search(clause))
    ev.another = bool(_ANOTHER.search(text, lo, t0[2] if t0[2] > lo else min(hi, lo + 120)) or
                      _AS_WELL.search(text, t0[3], hi))
    if kind in ("supply_disruption", "project", "new_source"):
        ev.sites = frozenset(_site_name(m.group(1)) for m in _NAMED_SITE.finditer(clause)
                             if m.group(1) not in _NOT_NAMES)
    else:
        ev.instruments = frozenset(f"{m['act'].lower()} {m['no']}" for m in _INSTRUMENT.finditer(clause))
    if kind == "tariff":
        ev.goods = goods(text, t0[3], hi, ix)
    return ev


# what a duty or a probe is on, told after its trigger: "a dumping probe into Chinese junction boxes for solar panels",
# "doubled the duty on microwave ovens, water heaters and LED lamps", "a safeguard duty on imports of rebar"
_GOODS = re.compile(r"\s*(?:\d[\d.]*\s*(?:%|per\s*cent|percent)\s+)?(?:on|into|of)\s+(?:(?:imports?|shipments)\s+of\s+|"
                    r"imported\s+|the\s+|certain\s+|some\s+|all\s+)*(?P<goods>[^.;:()]{1,80}?)(?=\s+(?:from|originating|"
                    r"made|produced|imported|coming|in|at|to|by|with|under|until|starting|effective|for|over|which|that|"
                    r"as|after|before|on|following|used|going)\b|[.;:,()]|$)", re.I)
_NOT_GOODS = re.compile(r"^(?:and|or|other|certain|some|all|the|a|an|its|their|products?|goods|items?|imports?|"
                        r"exports?|lines?|tariff|duty|duties|rate|range|number|several|various|many|more|new|chinese|"
                        r"made|type|types|kind|kinds|categor\w*|of|for|to|in|two|three|four|five|\d[\d.,]*)$", re.I)


def goods(text: str, at: int, hi: int, ix) -> frozenset:
    """The stems of the words naming the goods a duty or a probe is on, after its trigger at `at` (countries and
    generic words left out): two tariffs on different goods are two measures (`merge`)."""
    back = re.search(r"\b(?:on|into|of)$", text[max(0, at - 5):at])  # (a trigger that ends with its "on")
    at = at - 5 + back.start() if back and at >= 5 else at
    m = _GOODS.match(text, at, min(hi, at + 120))
    if m is None:
        return frozenset()
    places = {(p.start, p.end) for p in ix.places(m.start("goods"), m.end("goods"))}
    words = []
    for w in re.finditer(r"[A-Za-z][\w\-]*", m.group("goods")):
        a = m.start("goods") + w.start()
        if any(s <= a < e for s, e in places) or _NOT_GOODS.match(w.group(0)):
            continue
        words.append(w.group(0).lower().rstrip("s"))
    return frozenset(words)


def _from_header(kind: str, text: str, lo: int, actors: list, targets: list, ix) -> None:
    """An item under a bulletin header ("EU / ZAMBIA") takes the header's places: the parties of a partnership, the
    place of a halt, the actor of a measure, where its own sentence names none."""
    a, b = header(text, lo)
    if a == b:
        return
    ps = [Fact.of(p) for p in ix.places(a, b)]
    have = {f.value for f in actors + targets}
    if kind in ("cooperation", "trade_agreement"):
        actors += [f for f in ps if f.value not in have]
    elif kind == "supply_disruption" and not targets:
        targets += ps[-1:]  # "CHINA / SICHUAN": the most precise place
    elif not actors and kind in ("export_control", "tariff", "strategy", "project"):
        actors += ps[:1]


_JOINS_WTO = re.compile(r"\bmember\s+of\s+the\s+(?:World\s+Trade\s+Organi[sz]ation|WTO)\b", re.I)
# blocs of governments each acting for itself (the G7, the CPTPP's parties), unlike the EU, one union acting as one
GROUPS = frozenset({"G7", "CPTPP"})


def group_plan(ev: Event) -> None:
    """A plan a group of governments adopts together ("the G7 ministers ... adopted a Five-Point Plan for Critical
    Minerals Security") is their cooperation, not one government's strategy (annotation guide, settled in the fortieth
    pass: 53 group events annotated so, three early G7 plans otherwise)."""
    if ev.kind == "strategy" and GROUPS & set(ev.values("actors")):
        ev.kind = "cooperation"


def supported(ev: Event) -> bool:
    """An event worth reporting names at least who acts, or what material, or a number."""
    if ev.kind == "supply_disruption":  # a chip fab or car line stopped is a supply event without a material
        return bool(ev.actors or ev.targets) and (bool(ev.materials) or ev.industrial)
    if ev.kind == "new_source":
        return bool(ev.materials) and bool(ev.actors or ev.targets)
    if ev.kind == "strategy":
        return bool(ev.actors)
    if ev.kind == "project":  # (a chip fab or a cell plant names no material of the reference)
        return (bool(ev.materials) or ev.chips) and \
            bool(ev.actors or ev.targets or ev.magnitude)
    if ev.kind == "tariff":  # ("Egypt has scrapped the safeguard duties on imports of steel billet": a removal)
        return bool(ev.actors or ev.targets) and bool(ev.magnitude or ev.targets or ev.materials or ev.dates or
                                                      ev.subkind == "suspension")
    if ev.kind in ("trade_agreement", "cooperation"):
        # (one country joining the WTO is a party of its own to a pact of many)
        return len(set(ev.values("actors"))) >= 2 or bool(ev.actors and ev.targets) or bool(
            ev.actors and _JOINS_WTO.search(ev.trigger.text)) or bool(GROUPS & set(ev.values("actors")))
    return bool(ev.actors or ev.materials)
