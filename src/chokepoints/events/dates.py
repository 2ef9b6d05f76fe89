"""Dates in news text: absolute ("1 August 2025", "Aug. 1", "January 2020", "late 2026") and relative to the
article's date ("on Friday", "next month", "this summer", "in April", "before the end-of-month deadline",
"effective immediately"), each with the role its cue words give it (announced, effective, end, deadline, start).

Values are ISO 8601: `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, or an interval `A/B` for seasons and parts of a year.
A relative date with no article date to anchor it is left out (no value without support).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS |= {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
# "this/next/last year" (month, week, summer), "the end of the year": how many of them from the article's
STEP = {"this": 0, "the": 0, "next": 1, "last": -1}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "the end of": (12, 12), "end of": (12, 12),
         "the start of": (1, 1), "the beginning of": (1, 1), "the first half of": (1, 6),
         "the second half of": (7, 12), "first half of": (1, 6), "second half of": (7, 12),
         "first quarter of": (1, 3), "second quarter of": (4, 6), "third quarter of": (7, 9),
         "fourth quarter of": (10, 12), "q1": (1, 3), "q2": (4, 6), "q3": (7, 9), "q4": (10, 12), "h1": (1, 6),
         "h2": (7, 12)}

_MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?" \
       r"|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19[89]\d|20\d\d)"
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_PART = r"(?:early|mid|late|(?:the\s+)?end\s+of|(?:the\s+)?(?:start|beginning)\s+of|" \
        r"(?:the\s+)?(?:first|second)\s+half\s+of|(?:the\s+)?(?:first|second|third|fourth)\s+quarter\s+of|[QH][1-4])"

# "in April 2016 after an application lodged in February that year": the year of the date told before it in the clause
_THAT_YEAR_WORDS = r"(?:of\s+)?(?P<ty>that|the\s+same)\s+year\b"
_THAT_YEAR = r",?\s+" + _THAT_YEAR_WORDS

PATTERNS = [
    ("iso", rf"\b(?P<y>{_YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    # "16/09/2025 | Mercosur and EFTA states sign ...": a day and month in figures, read as day/month unless only the
    # other order makes a date (or gives the article's day)
    ("numeric", rf"(?<![\d/.])(?P<a>[0-3]?\d)[/.](?P<b>[01]?\d)[/.](?P<y>{_YEAR})(?![\d/])"),
    # (a year may be told relative to the article's: "from Jan. 1 this year", "on 30 June next year")
    ("dmy", rf"\b(?P<d>{_DAY})\s+(?P<mon>{_MON})(?:,?\s+(?P<y>{_YEAR})|\s+(?P<ry>this|next|last)\s+year|"
            rf"{_THAT_YEAR})?\b"),
    ("mdy", rf"\b(?P<mon>{_MON})\s+(?P<d>{_DAY})(?:,?\s+(?P<y>{_YEAR})|\s+(?P<ry>this|next|last)\s+year|"
            rf"{_THAT_YEAR})?\b"
            r"(?!\s*(?:%|percent|per\s+cent))"),
    ("part", rf"\b(?P<part>{_PART})[\s\-]*(?P<y>{_YEAR})\b"),
    ("my", rf"\b(?P<mon>{_MON})\s+(?P<y>{_YEAR})\b"),
    ("season", r"\b(?P<rel>this|next|last)\s+(?P<season>spring|summer|autumn|fall|winter)\b"),
    ("season_y", rf"\b(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?(?P<y>{_YEAR})\b"),
    ("partyear", r"\b(?P<part>(?:the\s+)?(?:end|start|beginning|middle)\s+of|early|mid|late|later|"
                 # "in the fourth quarter of this year", "by the second half of next year" (forty-fourth pass)
                 r"(?:the\s+)?(?:first|second)\s+half\s+of|(?:the\s+)?(?:first|second|third|fourth)\s+quarter\s+of)"
                 r"[\s\-]+(?P<rel>the|this|next|last)\s+year\b"),
    # "with the wind-down starting in the second quarter", "to resume in the first half": a quarter or half of the
    # year the tense points to (forty-fourth pass; not "the first half of the plant", nor "first-quarter results")
    ("partbare", r"\b(?:in|during|from|by|until|till|for|over|through|before|after|starting)\s+"
                 r"(?P<part>(?:the\s+)?(?:(?:first|second|third|fourth)\s+quarter|(?:first|second)\s+half))\b"
                 r"(?!\s+of\b|[\-\u2010-\u2015])"),
    # "signed in June last year": the month of the year told (before "last year" alone)
    ("mon", rf"\b(?:in|from|by|since|until|before|after|on|of|starting|during|through|till)\s+(?P<mon>{_MON})"
            r",?\s+(?:(?:of\s+)?(?P<ry>this|next|last)\s+year\b|" + _THAT_YEAR_WORDS + ")"),
    ("relmonth", r"\b(?P<rel>this|next|last)\s+month\b"),
    # "committed $150 million to the project last December" (forty-third pass), "from next January", "this June": a
    # month named by its place from the article's (a capital: "this may take" is no month)
    ("relmon", rf"\b(?P<rel>this|next|last)\s+(?-i:(?=[A-Z]))(?P<mon>{_MON})\b(?!\s+\d)"),
    ("relweek", r"\b(?P<rel>this|next|last)\s+week\b"),
    ("relyear", r"\b(?P<rel>this|next|last)\s+year\b"),
    ("monthend", r"\b(?:the\s+)?end[\s\-]+of[\s\-]+(?:the[\s\-]+)?month\b"),
    ("today", r"\b(?P<rel>today|yesterday|tomorrow|overnight|this\s+morning|tonight|earlier\s+today|"
              r"late\s+last\s+night|last\s+night)\b"),
    ("weekday", rf"\b(?:(?P<rel>next|last)\s+|(?:late|early)\s+)?(?P<wd>{_WD})\b"),
    # ("with effect from the same day": the day of the decision told before it, as "immediately")
    ("immediate", r"\b(?:effective|with\s+immediate\s+effect|takes?\s+effect|took\s+effect|taking\s+effect|"
                  r"in\s+force)\s+immediately\b|\bwith\s+immediate\s+effect\b|\beffective\s+immediately\b|"
                  r"\b(?:with\s+effect\s+from|effective(?:\s+from)?|taking\s+effect\s+(?:on|from))\s+(?:the\s+same|"
                  r"that)\s+day\b|"
                  # "imposes immediate moratorium on export": the day of the decision; "took effect with its
                  # publication that day": the day the text just named
                  r"\b(?:impos|announc|order|declar|introduc)\w*\s+(?:an?\s+)?immediate\s+(?:ban|moratorium|"
                  r"suspension|halt|freeze|prohibition)\b|"
                  r"\b(?:takes?|took|taking)\s+effect\s+(?:on|upon|with)\s+(?:its|their)\s+publication\s+that\s+day\b"),
    ("partmon", rf"\b(?P<part>early|mid|late)[\s\-]+(?P<mon>{_MON})(?!\s+\d)(?!\w)"),
    ("mon", rf"\b(?:in|from|by|since|until|before|after|on|of|starting|during|through|till)\s+(?P<mon>{_MON})\b"
            r"(?!\s+\d)"),
    # "China's April curbs": the month a measure was decided
    ("mon", rf"(?<=['’]s\s)(?P<mon>{_MON})(?=\s+(?:\w+\s+)?(?:curbs|controls|restrictions|rules|ban|decision|"
            r"measures|tariffs?|deal|announcement|agreement|move)\b)"),
    # ("first production is planned for 2027": a plan's year, not a forecast's or a budget's "for 2027")
    ("year", rf"\b(?P<pre>in|by|from|since|until|before|after|through|till|of|starting|"
             rf"(?:(?<=planned\s)|(?<=targeted\s)|(?<=scheduled\s)|(?<=slated\s))for)\s+(?P<y>{_YEAR})\b"
             r"(?!\s*(?:t\b|tonnes|tons|%|percent))"),
]
RX = [(k, re.compile(p, re.I)) for k, p in PATTERNS]
_YEAR_RX = re.compile(rf"\b({_YEAR})\b")
# words one of which any match of a kind holds: a clause without them skips the pattern (most clauses skip most)
_GATE_OF = {"iso": "yyyy", "numeric": "yyyy",
            "dmy": "mon", "mdy": "mon", "part": "yyyy", "my": "yyyy", "season_y": "yyyy",
            "year": "yyyy", "season": "rel", "relmonth": "rel", "relmon": "rel", "relweek": "rel", "relyear": "rel",
            "monthend": "month", "today": "today", "partyear": "year", "partbare": "part",
            "partmon": "mon", "weekday": "day", "immediate": "immediate", "mon": "mon"}
GATES = {"yyyy": re.compile(r"(?:19[89]|20\d)\d"), "year": re.compile("year"), "rel": re.compile(r"this|next|last"),
         "month": re.compile("month"), "part": re.compile(r"(?:first|second|third|fourth)\s+(?:quarter|half)"),
         "today": re.compile(r"today|yesterday|tomorrow|overnight|this\s+morning|tonight|last\s+night"),
         "day": re.compile("day"),
         "immediate": re.compile(r"immediate|same\s+day|that\s+day"),
         "mon": re.compile(r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                           r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b")}  # on the lower-cased text

# cue words before a date (same clause) -> role; checked nearest first
ROLE_CUES = [
    ("end", r"(?:lift(?:s|ed|ing)?\b[^.;]{0,60}?\b(?:from|on|as\s+of)|resum\w*(?:\s+\w+){0,2}\s+(?:on|by|from)|"
            r"(?:partly|fully)\s+(?:by|on|from))"),
    ("effective", r"(?:effective|from|starting|start(?:ing)?\s+on|as\s+(?:of|from)|take[sn]?\s+effect(?:\s+on)?|"
                  r"took\s+effect(?:\s+on)?|taking\s+effect(?:\s+on)?|come\s+into\s+force(?:\s+on)?|"
                  # "took effect on their publication in the Federal Register on Tuesday": the day named after it
                  r"(?:takes?|took|taking)\s+effect\s+(?:on|upon|with)\s+(?:its|their)\s+publication"
                  r"(?:\s+in\s+the(?:\s+[\w\-]+){1,3}?)?\s+on|"
                  r"came\s+into\s+force(?:\s+on)?|enter(?:s|ed)?\s+into\s+force(?:\s+on)?|in\s+force\s+(?:from|since)|"
                  r"beginning|since|kick\s+in\s+on|"
                  r"apply\s+from|brought\s+forward\s+to|moved\s+up\s+to)"),
    ("end", r"(?:\bfrom\s+(?:\w+\s+){1,3}?(?:to|through)\s|"  # "from 1 August to 31 December": the second
            r"until|till|through|expir\w*(?:\s+on)?|end(?:s|ing)?\s+on|lifted\s+on|runs?\s+to|to\s+last\s+until|"
            r"(?:expected|due|scheduled)\s+back(?:\s+in|\s+by|\s+on)?)"),  # a plant "expected back in early April"
    ("deadline", r"(?:by|before|deadline(?:\s+of)?|no\s+later\s+than|ahead\s+of|due(?:\s+(?:by|in|on))?)"),
    ("start", r"(?:due\s+to\s+(?:start|begin|open)(?:\s+\w+)?(?:\s+in|\s+by)?|commissioning(?:\s+in|\s+by)?|"
              r"start\s+(?:production|operations|up)(?:\s+in|\s+by)?|come\s+on\s*(?:line|stream)(?:\s+in|\s+by)?|"
              r"online\s+(?:in|by)|expected\s+to\s+(?:start|open|begin)(?:\s+\w+)?(?:\s+in|\s+by)?)"),
    ("announced", r"(?:said|announced|unveiled|published|issued|signed|decided|agreed|imposed|declared|"
                  r"told\s+\w+|statement)(?:\s+\w+){0,2}\s+(?:on|late\s+on|early\s+on)?"),
]
# ("came into force at midnight on Thursday")
CUE_RX = [(role, re.compile(rf"{cue}\s*(?:at\s+midnight\s+)?(?:on\s+)?"
                            rf"(?:at\s+(?:the\s+)?(?:least|earliest|latest)\s+)?(?:the\s+)?(?:[\w\-]+\s+){{0,1}}$",
                            re.I)) for role, cue in ROLE_CUES]
DEADLINE_AFTER = re.compile(r"^['’]s?\s+(?:\w+\s+)?deadline\b", re.I)
# a headline's infinitive or a future ("Toyota to halt plants on Tuesday", "will vote on Friday"), no verb of saying
_TO_DO = re.compile(r"(?i:\bto|\bwill|\bshall)\s+(?!(?:say|said|announce|tell|told|the|a|an|its|their|his|her|this|"
                    r"that|these|those|all|some|more|about|around|over|under|be\s+\w+ed)\b)[a-z]+\b[^,;]{0,50}$")


def _rel_word(m) -> str:
    """The "next"/"last" of a weekday match ("next Tuesday"), lower-cased; "" without one."""
    return (m.groupdict().get("rel") or "").lower()


PAST = re.compile(r"\b(?:entered|took|came|went|kicked|was|were|had|has\s+been|have\s+been|started|began|opened|"
                  r"halted|stopped|closed|shut|signed|imposed|launched|ordered|reopened|resumed|proposed|unveiled|"
                  r"adopted|approved|published|presented|concluded|introduced|issued|declared)\b[^,;]*$", re.I)
WILL = re.compile(r"\b(?:will|shall|is\s+to|are\s+to)\b", re.I)
FUTURE = re.compile(r"\b(?:will|would|to\s+take\s+effect|shall|is\s+to|are\s+to|plans?\s+to|from|starting)\b", re.I)


@dataclass(frozen=True)
class DateFact:
    role: str
    value: str
    start: int
    end: int
    text: str


def is_day(value: str) -> bool:
    """Whether a date value names one day ("2025-12-19"), not a month, a year or a range."""
    return len(value) == 10


def _year_for(month: int, day: int | None, ref: date | None, future: bool | str | None) -> int | None:
    """The year of a day/month without one: the next occurrence ("next": a future tense), this year's or later
    (future: a start, an end), the last (past), else the nearest."""
    if ref is None:
        return None
    cands = [date(y, month, min(day or 1, 28)) for y in (ref.year - 1, ref.year, ref.year + 1)]
    if future == "next":  # "will ban exports from 1 January", in a November article: the coming January
        return next(c.year for c in cands if c >= (ref if day else date(ref.year, ref.month, 1)))
    this = cands[1] if day else date(ref.year, ref.month, 1)  # (an article telling this year's events in order)
    if future is True:
        # this year's or the next, whichever is nearer: "from January 1" in a December article is the coming one
        # (this year's would lie 11 months back), in a March article the one just gone
        return min((c for c in cands if c >= this), key=lambda c: abs((c - ref).days)).year
    if future is False:
        return max(c.year for c in cands if c <= (ref if day else this))
    return min(cands, key=lambda c: abs((c - ref).days)).year


def _part_of_year(part: str, ref: date, future: bool | str | None) -> str:
    """A quarter or half named without its year ("in the second quarter"): the one ahead, the current included, for
    a future; the last begun for a past; else the one that holds the article's date, or the nearest."""
    a, b = PARTS[re.sub(r"\s+", " ", part.lower()).replace("the ", "").strip() + " of"]
    if future:
        y = ref.year if date(ref.year, b, calendar.monthrange(ref.year, b)[1]) >= ref else ref.year + 1
    elif future is False:
        y = ref.year if date(ref.year, a, 1) <= ref else ref.year - 1
    else:
        y = min((ref.year - 1, ref.year, ref.year + 1),
                key=lambda y: 0 if date(y, a, 1) <= ref <= date(y, b, calendar.monthrange(y, b)[1])
                else min(abs((date(y, a, 1) - ref).days), abs((date(y, b, 28) - ref).days)))
    return f"{y}-{a:02d}/{y}-{b:02d}"


def _resolve(kind: str, g: dict, ref: date | None, future: bool | str | None, year_before: int | None = None
             ) -> str | None:
    """The ISO value of one match, or None where it needs an article date that is missing (or, for "that year",
    `year_before`: the year told last before it)."""
    mon = MONTHS.get((g.get("mon") or "").lower().rstrip("."))
    if g.get("ty"):
        if year_before is None:
            return None
        g = {**g, "y": str(year_before)}  # (as if the year were written out)
    if kind == "iso":
        return f"{g['y']}-{g['m']}-{g['d']}"
    if kind == "numeric":
        return _numeric(int(g["a"]), int(g["b"]), int(g["y"]), ref)
    if kind in ("dmy", "mdy"):
        day = int(re.match(r"\d+", g["d"])[0])
        if g.get("ry"):
            if ref is None:
                return None
            y = ref.year + STEP[g["ry"].lower()]
        else:
            y = int(g["y"]) if g.get("y") else _year_for(mon, day, ref, future)
        if y is None:
            return None
        try:
            return date(y, mon, day).isoformat()
        except ValueError:
            return None
    if kind == "my":
        return f"{g['y']}-{mon:02d}"
    if kind in ("mon", "partmon"):
        if g.get("y"):
            return f"{g['y']}-{mon:02d}"
        y = ref.year + STEP[g["ry"].lower()] if g.get("ry") and ref else _year_for(mon, None, ref, future)
        return f"{y}-{mon:02d}" if y else None
    if kind == "year":
        return g["y"]
    if kind == "part":
        key = re.sub(r"\s+", " ", g["part"].lower()).strip()
        a, b = PARTS.get(key, PARTS.get(key.replace("the ", ""), (1, 12)))
        return f"{g['y']}-{a:02d}" if a == b else f"{g['y']}-{a:02d}/{g['y']}-{b:02d}"
    if kind in ("season", "season_y"):
        a, b = SEASONS[g["season"].lower()]
        if kind == "season_y":
            y = int(g["y"])
        elif ref is None:
            return None
        else:
            y = ref.year + STEP[g["rel"].lower()]
        y2 = y + 1 if b < a else y
        return f"{y}-{a:02d}/{y2}-{b:02d}"
    if ref is None:
        return None
    if kind == "partyear":
        y = ref.year + STEP[g["rel"].lower()]
        key = re.sub(r"\s+", " ", g["part"].lower()).replace("the ", "").replace("middle of", "mid")
        a, b = PARTS.get(key, (7, 12) if key == "later" else (1, 12))
        return f"{y}-{a:02d}" if a == b else f"{y}-{a:02d}/{y}-{b:02d}"
    if kind == "partbare":
        return _part_of_year(g["part"], ref, future)
    if kind == "relmonth":
        k = STEP[g["rel"].lower()]
        m0 = ref.year * 12 + ref.month - 1 + k
        return f"{m0 // 12}-{m0 % 12 + 1:02d}"
    if kind == "relmon":
        rel, here = g["rel"].lower(), ref.year * 12 + ref.month - 1
        m0 = ref.year * 12 + mon - 1  # (this year's)
        if rel == "last" and m0 >= here:
            m0 -= 12  # the last one gone: "last December" in August is the December before
        elif rel == "next" and m0 <= here:
            m0 += 12  # the next to come
        return f"{m0 // 12}-{m0 % 12 + 1:02d}"
    if kind == "relweek":
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=STEP[g["rel"].lower()])
        return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"
    if kind == "relyear":
        return str(ref.year + STEP[g["rel"].lower()])
    if kind == "monthend":
        return date(ref.year, ref.month, calendar.monthrange(ref.year, ref.month)[1]).isoformat()
    if kind == "today":
        rel = " ".join(g["rel"].lower().split())
        # (a night told in a morning's report is the night just gone: the day it ends in, the report's)
        shift = {"yesterday": -1, "tomorrow": 1, "last night": -1, "late last night": -1}.get(rel, 0)
        return (ref + timedelta(days=shift)).isoformat()
    if kind == "weekday":
        wd = WEEKDAYS[g["wd"].lower()]
        rel = (g.get("rel") or "").lower()
        if rel == "next" or (future and rel != "last"):
            # "takes effect on Tuesday" in Tuesday's report is that day; "will take effect on Tuesday", next week's
            delta = (wd - ref.weekday()) % 7 or (7 if rel == "next" or future == "next" else 0)
            return (ref + timedelta(days=delta)).isoformat()
        delta = (ref.weekday() - wd) % 7
        if rel == "last" and delta == 0:
            delta = 7
        return (ref - timedelta(days=delta)).isoformat()
    if kind == "immediate":
        return ref.isoformat()
    return None


# "rainstorms forced some of Chile's biggest mines to stop work on Wednesday": an infinitive of what was made to
# happen, told in the past, not a headline's future
_MADE_TO = re.compile(r"\b(?:forced|ordered|asked|told|caused|prompted|required|led|allowed|pushed)\s+"
                      r"(?:[\w\-'’]+\s+){0,8}to\s+[a-z]+\b[^,;]{0,50}$", re.I)
_GOAL_YEAR = re.compile(r"\bby\s+(?:the\s+(?:end|middle)\s+of\s+)?$", re.I)


_RESTATED = re.compile(r"\s*\(\s*")


# a plan told just before the date, nearer than any past verb ("is also shut but plans to resume production in April")
_PLANNED_JUST_BEFORE = re.compile(r"\b(?:plans?|expects?|aims?|intends?)\s+to\s+(?:[\w\-]+\s+){0,3}(?:in|by)\s+$",
                                  re.I)
# a measure first applied: the date after it is when it came into force, however far the clause's words put it
_BEGAN_APPLYING = re.compile(r"\b(?:(?P<past>began|begun|started)|begins?|starts?)\s+(?:applying|collecting|"
                             r"charging|paying|levying|enforcing)\b[^.;]{0,100}?\b(?:on|from|as\s+of)\s+(?:the\s+)?$",
                             re.I)


def _role(before: str, kind: str) -> str | None:
    if kind == "immediate":
        return "effective"
    if kind == "monthend":
        return "deadline"
    for role, rx in CUE_RX:
        if rx.search(before):
            return role
    if kind in ("weekday", "today"):
        return "announced"
    return None


def find_dates(text: str, ref: date | None, lo: int = 0, hi: int | None = None, has=None) -> list[DateFact]:
    """Dates in text[lo:hi] with their roles; offsets are into `text`. `has(gate)` tells whether a gate of `GATES`
    matches in the clause (`gates.GateIndex.within`); without it the gates are searched here."""
    hi = len(text) if hi is None else hi
    seg = text[lo:hi]
    taken: list[tuple[int, int]] = []
    out: list[DateFact] = []
    immediate: set[int] = set()  # (the starts of "effective immediately" and its like)
    if has is None:
        low = seg.lower()
        gates = {g: bool(rx.search(low)) for g, rx in GATES.items()}
    else:
        gates = {g: has(g) for g in GATES}
    for kind, rx in RX:
        if not gates[_GATE_OF[kind]]:
            continue
        for m in rx.finditer(seg):
            s, e = m.start(), m.end()
            if kind in ("mon", "year", "partbare"):  # the preposition is a cue, not part of the date
                s = m.start("mon") if kind == "mon" else m.start("y") if kind == "year" else m.start("part")
            if any(s < b and a < e for a, b in taken):
                continue
            clause_start = max(seg.rfind(c, 0, s) for c in (";", ". ", " while ", " but ", " whereas "))
            before = seg[max(0, clause_start + 1, s - 80):s] if kind not in ("mon", "year", "partbare") \
                else seg[max(0, clause_start + 1, m.start() - 80):s]
            role = _role(before, kind)
            began = _BEGAN_APPLYING.search(seg, max(0, clause_start + 1, s - 140), s)
            if began and role in (None, "announced"):
                role = "effective"  # "China also began applying provisional import tariffs ... to 1,010 items on 1
                # January", "Iran began collecting a 25% duty on exports of raw iron ore on Monday": in force that day
            if kind == "year" and role == "deadline" and _GOAL_YEAR.search(before):
                continue  # "40 % of its needs by 2030": a goal's target year, no date of the event (annotation guide)
            if kind == "weekday" and DEADLINE_AFTER.match(seg, e):
                role = "deadline"  # "Friday's deadline"
            future = True if FUTURE.search(seg[max(0, s - 60):s]) or role in ("effective", "end", "deadline",
                                                                               "start") else None
            if kind == "weekday" and role == "announced" and not _rel_word(m) and (to_do := _TO_DO.search(before)) \
                    and _role(before, "") is None and not _MADE_TO.search(before) and \
                    not PAST.search(before, 0, to_do.start()):
                future = True  # "Toyota to halt all Japan car plants on Tuesday": the Tuesday ahead (not "Mongolia
                # closed its border crossings to freight trucks on Monday": a verb told in the past before the "to")
            elif role == "announced" or re.search(r"\bsince\s+(?:the\s+)?$", before, re.I):
                future = False
            elif (PAST.search(seg[max(0, s - 60):s]) or PAST.search(before) or (began and began.group("past"))) and \
                    not _PLANNED_JUST_BEFORE.search(before):
                # "had threatened to impose from August 1": the nearest year; "took effect with their publication in
                # the Federal Register on Wednesday": the Wednesday before
                future = None if role in ("effective", "end", "deadline", "start") else False
            if future is True and WILL.search(seg, max(0, s - 80), s):
                future = "next"
            g = m.groupdict()
            told = _YEAR_RX.findall(seg, 0, s) if g.get("ty") else []
            value = _resolve(kind, g, ref, future, int(told[-1]) if told else None)
            if value is None:
                if g.get("ty"):
                    taken.append((s, e))  # ("in March of that year" with no year before it: no date, not the article's)
                continue
            if role is None:  # a bare date: before the article date it is when it happened, after it when it starts
                last = value.split("/")[-1]  # an interval ("this week") counts by its end
                ahead = ref is not None and (last[:10] > ref.isoformat() or (future and value[:4] >= str(ref.year)))
                role = "effective" if ahead else "announced"
            if role == "end" and kind in ("part", "partyear") and re.fullmatch(r"\d{4}-12", value):
                value += "-31"  # "until the end of 2025": the year's last day, as the annotation guide reads it
            taken.append((s, e))
            if kind == "immediate":
                immediate.add(lo + s)
            out.append(DateFact(role, value, lo + s, lo + e, text[lo + s:lo + e]))
    out.sort(key=lambda d: d.start)
    # "took effect yesterday (2 July)": a date in brackets restates the one just before it, and takes its role
    out = [DateFact(p.role, d.value, d.start, d.end, d.text)
           if i and (p := out[i - 1]).role != d.role and _RESTATED.fullmatch(text, p.end, d.start) else d
           for i, d in enumerate(out)]
    # "comes into force on Friday, 1 January 2010": the weekday names the date written after it, which is read whole
    # (alone, "Friday" in a report of Wednesday 30 December may be read as the Friday before), with the role the words
    # before either give it (the more telling of the two: "comes into force on")
    joined: list[DateFact] = []
    for d in out:
        if joined and _WEEKDAY_ONLY.fullmatch((w := joined[-1]).text) and _WRITTEN_DAY.match(d.text) and \
                is_day(d.value) and _WEEKDAY_THEN.fullmatch(text, w.end, d.start):
            joined[-1] = DateFact(d.role if w.role == "announced" else w.role, _on_weekday(d, w.text), w.start,
                                  d.end, text[w.start:d.end])
        else:
            joined.append(d)
    out = joined
    # "on 17 August added 38 affiliates ..., effective immediately": immediately means the day the measure was
    # taken, when the clause tells it, not the day of the report; told after it too ("banned wheat exports with
    # immediate effect on 13 May", "has lifted its ban ... with immediate effect, the minister said on Tuesday")
    days = [d for d in out if d.role == "announced" and is_day(d.value)]
    return [DateFact(d.role, day.value, d.start, d.end, d.text)
            if d.start in immediate and (day := _day_taken(days, d.start)) is not None else d for d in out]


def _day_taken(days: list[DateFact], at: int) -> DateFact | None:
    """The day a measure told "effective immediately" at `at` was taken: the last day named before it, else the
    first after it."""
    before = [d for d in days if d.start < at]
    return before[-1] if before else next((d for d in days if d.start > at), None)


def _on_weekday(written: DateFact, weekday: str) -> str:
    """A written day without its year in the year, of the one before or after it, in which it falls on the weekday
    named with it ("came into force on Thursday, 17 September", in a report of 21 September 2009 whose clause also
    holds a "will": 2009's Thursday, not 2010's Friday): the weekday settles the year the words around it leave open."""
    value = written.value
    day = date.fromisoformat(value)
    want = WEEKDAYS.get(weekday.lower())
    if want is None or day.weekday() == want or _YEAR_RX.search(written.text):
        return value
    for year in (day.year - 1, day.year + 1):
        try:
            other = day.replace(year=year)
        except ValueError:  # (29 February)
            continue
        if other.weekday() == want:
            return other.isoformat()
    return value


_WEEKDAY_ONLY = re.compile(rf"{_WD}", re.I)
_WEEKDAY_THEN = re.compile(r",?[ \t]*(?:the[ \t]+)?")
_WRITTEN_DAY = re.compile(r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+|[A-Z][a-z]{2,8}\.?\s+\d{1,2}\b")  # "1 Jan", "Jan. 1"


def _numeric(a: int, b: int, y: int, ref: date | None) -> str | None:
    """A date in figures: day/month, or month/day where only that is a date or it is the article's day."""
    def day(d: int, m: int) -> date | None:
        try:
            return date(y, m, d)
        except ValueError:
            return None
    dm, md = day(a, b), day(b, a)
    got = md if md and (dm is None or (ref is not None and md == ref and dm != ref)) else dm
    return got.isoformat() if got else None


def first_day(value: str | None) -> date | None:
    """The first day a date value ("2025", "2025-04", "2025-04-07", an interval "2025-01/2025-06") can mean; None for
    anything else (a record's empty or malformed cell)."""
    if not value or not isinstance(value, str):
        return None
    parts = value.split("/")[0].split("-") + ["01", "01"]
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except (ValueError, IndexError):
        return None


def last_day(value: str) -> date:
    """The last day a date value (as `first_day`; an interval by its end) can mean."""
    parts = [int(x) for x in value.split("/")[-1].split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(parts[0], 12, 31)


def article_date(text: str) -> tuple[date | None, tuple[int, int] | None]:
    """The date a text states for itself: a `Date: YYYY-MM-DD` line or a dateline in its first 300 characters."""
    head = text[:300]
    m = re.search(r"^\s*(?:date|published)\s*:\s*(\d{4}-\d{2}-\d{2})", head, re.I | re.M)
    if m:
        return date.fromisoformat(m[1]), (m.start(1), m.end(1))
    for kind in ("iso", "dmy", "mdy"):
        rx = dict(RX)[kind]
        m = rx.search(head)
        if m and m.groupdict().get("y"):
            v = _resolve(kind, m.groupdict(), None, False)
            if v:
                return date.fromisoformat(v), (m.start(), m.end())
    return None, None
