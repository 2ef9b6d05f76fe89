"""Amounts in news text: rates (%), money (million USD/EUR/JPY), tonnes (t, t/yr), counts of items and durations.

Percentages that are market shares ("supplies over 80% of global cobalt") or price moves ("rose 3%") are not the
event's magnitude and are left out. Each amount is (value, unit) with the span it was read from.
"""

from __future__ import annotations

import re

WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                    "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())}
WORDS |= {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "ninety": 90, "hundred": 100, "a dozen": 12,
          "dozen": 12}
# a decimal comma before a scale or a per cent sign ("US$4,2 billion", "12,5%": South African and European usage), where
# a thousands comma would be followed by three digits
_DECIMAL_COMMA = r"\d{1,3},\d{1,2}(?=\s*(?:%|(?:percent|per\s+cent|trillion|billion|million|bn|mn|mln)\b))"
_NUM = (r"(?:\d{1,3}(?:,\d{3})+|" + _DECIMAL_COMMA + r"|\d+(?:\.\d+)?|" +
        "|".join(sorted(WORDS, key=len, reverse=True)) + r")")
_SCALE = {"thousand": 1e-3, "k": 1e-3, "million": 1, "mn": 1, "m": 1, "mln": 1, "billion": 1e3, "bn": 1e3,
          "b": 1e3, "trillion": 1e6, "tn": 1e6}
_CUR = {"$": "USD", "us$": "USD", "c$": "CAD", "cad": "CAD", "usd": "USD",
        "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
        "¥": "JPY", "yen": "JPY", "jpy": "JPY", "£": "GBP", "gbp": "GBP", "a$": "AUD", "aud": "AUD"}

PERCENT = re.compile(rf"(?P<n>{_NUM})\s*(?:%|percent\b|per\s+cent\b|-percent\b|-per-cent\b|"
                     r"percentage\s+points?\b)", re.I)
MONEY = re.compile(rf"(?P<cur>US\$|A\$|C\$|\$|€|¥|£|USD|EUR|JPY|GBP|AUD|CAD)\s*(?P<n>{_NUM})(?:\s*[-–]\s*{_NUM})?\s*"
                   r"(?P<sc>trillion|billion|"
                   r"million|thousand|bn|mn|mln|tn|[mbk])?\b|"
                   rf"\b(?P<n2>{_NUM})\s*(?P<sc2>trillion|billion|million|bn|mn|mln)?\s+(?P<cur2>euros?|yen|"
                   r"dollars|US\s+dollars)\b", re.I)
TONNES = re.compile(rf"(?P<n>{_NUM})(?:\s*|-)(?P<sc>thousand\s+|million\s+|k)?(?P<u>tonnes|tons|tonne|ton|"
                    r"metric\s+tons|t|kt|ktpy|tpy|ktpa|tpa|mt)\b(?P<yr>\s+of\s+annual\b|"
                    r"(?:\s+of\s+(?:[\w\-/()]+\s+){1,5}?)?(?:\s*|-)(?:per[\s\-]+year|a[\s\-]+year|per\s+annum|"
                    r"/\s*y(?:ea)?r|annually|"
                    r"of\s+annual\s+capacity))?", re.I)
# what a count of items counts (the pattern below and its gate word, one list for both); two are read in a longer
# form than their gate word
ITEM_NOUNS = ("earths", "elements", "items", "minerals", "metals", "products", "materials", "projects", "lines",
              "entities", "companies", "firms", "affiliates", "types", "kinds", "categories", "goods", "plants",
              "mines", "measures", "commodities", "miners", "producers", "processors", "smelters", "bureaus",
              "licen[cs]es", "industries", "sectors", "technologies", "determinations", "groups", "vehicles")
_ITEM_FORMS = {"earths": r"rare[\s\-]earths", "lines": r"(?:tariff\s+|product\s+)?lines"}
ITEMS = re.compile(rf"\b(?P<n>{_NUM})\s+(?:(?:medium|heavy|light|critical|key|strategic|other|more|new|related|"
                   r"and|rare|earth|rare-earth|raw|dual-use|mining|processing|metals?|-)\s+){0,5}"
                   r"(?:(?!(?:of|the|and|in|to|a|an|for|from|with|on|at|by)\s)[\w\-]+\s+){0,3}"
                   rf"(?P<w>{'|'.join(_ITEM_FORMS.get(w, w) for w in ITEM_NOUNS)})\b", re.I)
# "13 of the 17 companies", "30 of about 350 licences": the count the measure takes, of the whole it names
_PART_OF = re.compile(rf"\b(?P<n>{_NUM})\s+of\s+(?:the|its|their|about|some|around|roughly|nearly)\s+"
                      r"(?:(?:about|some|around|roughly|nearly)\s+)?$", re.I)
_DEFINITE = re.compile(r"\b(?:the|these|those)\s+$", re.I)
_PARTIES = {"companies", "firms", "affiliates", "plants", "mines", "projects"}  # ("the three materials" is the list)
DURATION = re.compile(rf"(?<!\bafter\s)\b(?:(?P<n>{_NUM})[\s\-](?:working\s+|business\s+|calendar\s+|more\s+|"
                      r"further\s+|additional\s+)?|"
                      r"(?<=\bfor\s)an?\s)(?P<u>month|day|year|week)s?\b(?![\s\-]+(?:earlier|ago|"
                      r"ahead|later|old|before|after|since|low|high))", re.I)
SHARE_OR_PRICE = re.compile(r"\b(?:share|supplies|supplied|accounts?\s+for|accounted\s+for|produces?|produced|"
                            r"rose|fell|jumped|gained|climbed|slid|dropped|up|down|higher|lower|mined|controls?|"
                            r"(?:more|less)\s+than|over|nearly|almost|about|around|some)\s*$", re.I)
SHARE_AFTER = re.compile(r"^\s*(?:of\s+(?:the\s+)?(?:global|world|world's|worldwide|total|"
                         r"its(?!\s+tariff\s+lines))|share|stake|"
                         r"market\s+share|higher|lower|increase|rise|drop|fall|year-on-year|y/y|"
                         # what a good is made of, no rate: "still wines under 14% alcohol", "99.99% purity"
                         r"(?:alcohol|abv|purity|pure|grade|moisture|(?:metal\s+|iron\s+|nickel\s+)?content)\b)", re.I)


# "scrap duties on about 98% of tariff lines", "eliminates tariffs on more than 99 per cent of recent Canadian
# exports": how much of its trade a deal frees, told roughly (the annotators' amount of a pact), no share of a market
_COVERED_AFTER = re.compile(r"\s+of\s+(?:(?:all|its|their|the|recent)\s+)?(?:[\w\-]+\s+){0,3}?(?:tariff\s+lines|lines|"
                            r"goods|products|exports|imports|trade)\b", re.I)
_DUTY_BEFORE = re.compile(r"\b(?:tariffs?|dut(?:y|ies)|levies)\b", re.I)


def is_money(unit: str) -> bool:
    """Whether an amount's unit is a sum of money: millions of a currency, made as "M" and its code ("MUSD")."""
    return unit.startswith("M")

def _covered(text: str, m: re.Match) -> bool:
    after = _COVERED_AFTER.match(text, m.end())
    return bool(after and (_DUTY_BEFORE.search(text, max(0, m.start() - 60), m.start()) or
                           _DUTY_FREE.match(text, after.end())))


_DUTY_FREE = re.compile(r"\s+(?:duty|tariff)[\s\-]free\b", re.I)  # "makes almost 98% of tariff lines duty-free"


# a company's results told before a sum (annotation guide, "Amounts": a price move or a trade value given as background
# is no amount, nor is what a company earned)
_RESULTS = re.compile(r"\b(?:revenues?|net\s+(?:income|profit|loss)|(?:operating\s+|pre-tax\s+|gross\s+)?profits?|"
                      r"losses|EBITDA|earnings|turnover|sales)\b[^.;$€£¥]{0,30}$", re.I)
# "reduce production by about 20%": what a measure or a halt cuts, told roughly; "prices rose by about 20%" stays a move
_CUT_BY = re.compile(r"\bby\s+(?:about|around|some|nearly|almost)\s*$", re.I)
_MOVED_BY = re.compile(r"\b(?:rose|fell|jumped|gained|climbed|slid|dropped|up|down|increased|decreased|declined|grew|"
                       r"surged|plunged|slumped|tumbled|soared)\s+by\s+\w+\s*$", re.I)


# tonnes that count what happened (output, trade, stocks), not what a measure or a plant sets or stops
_STATISTIC_BEFORE = re.compile(r"\b(?:produced|delivered|turned\s+out|imported|exported|shipped|slid|fell|rose|"
                               r"dropped|climbed|declined|reached|targeted|totall?ed|sitting\s+on|stockpiled|output\s+"
                               r"was|record)\b[^.;\d]{0,30}$", re.I)
# "about 67,000 tonnes of nickel and 7,500 tonnes of cobalt a year": the rate of the second is the first's too
_SHARED_YEAR = re.compile(rf"(?:\s+of\s+(?:[\w\-]+\s+){{0,2}}[\w\-]+)?\s+and\s+(?:about\s+|some\s+|around\s+)?{_NUM}\s*"
                          r"(?:thousand\s+|million\s+|k)?(?:tonnes|tons|t)\b(?:\s+of\s+(?:[\w\-]+\s+){0,2}[\w\-]+)?\s+"
                          r"(?:a\s+year|per\s+year|per\s+annum|annually)\b", re.I)
# "has produced around 8,000 tonnes of nickel a year": the yearly output a halt stops or a plant makes, no statistic
_RATE_PRODUCED = re.compile(r"\b(?:produced|turned\s+out|delivered)\s+(?:(?:about|around|some|roughly|nearly|up\s+to)"
                            r"\s+)?$", re.I)
# "an annual production capacity of 120,000 tons": a yearly rate told before its figure
_ANNUAL_BEFORE = re.compile(r"\b(?:annual|yearly)\s+(?:[\w\-]+\s+){0,2}(?:capacity|output|production)\s+of\s+"
                            r"(?:(?:about|around|some|roughly|nearly|up\s+to)\s+)?$", re.I)
# how long a measure, a scheme or a loan runs: "for five years", "over seven years", "a six-year programme"
_SPAN_BEFORE = re.compile(r"\b(?:for|over|within|lasting|by|term\s+of|period\s+of|extended\s+by|as\s+long\s+as)\s+"
                          r"(?:(?:another|a\s+further|up\s+to|about|around|roughly|nearly|almost|the\s+next)\s+)?$",
                          re.I)
_SPAN_NOUN = re.compile(r"\s+(?:[\w\-]+\s+){0,2}(?:programmes?|programs?|plans?|schedules?|missions?|schemes?|bans?|"
                        r"moratori(?:um|a)|suspensions?|pauses?|extensions?|periods?|terms?|loans?|exemptions?|quotas?|"
                        r"truces?|safeguards?|phase-?outs?|dut(?:y|ies)|tariffs?|licen[cs]es?|permits?|rights?|leases?|"
                        r"contracts?|agreements?|deals?|concessions?|waivers?)\b", re.I)


# between a sum and its conversion into another currency: "C$6.4 billion ($4.6 billion)", "€2bn (about $2.2bn)"
_CONVERSION = re.compile(r"\s*\(\s*(?:(?:about|around|roughly|some|nearly|almost|approximately|approx\.|or|equal\s+to|"
                         r"worth)\s+)?", re.I)


# cheap tests that a pattern can match at all (each pattern needs one of these words): most clauses skip most patterns
# (matched on the lower-cased text: literal branches scan fast)
GATES = {"percent": re.compile(r"%|per\s*cent"),
         "money": re.compile(r"[$€¥£]|(?:usd|eur|jpy|gbp|aud|cad)(?=\s*\d)|\b(?:euros?|yen|dollars)\b"),
         "tonnes": re.compile(r"(?<![a-z])(?:ton(?:ne)?s?|kt|ktpy|tpy|ktpa|tpa|mt)\b|"
                              r"\d\s*(?:thousand\s+|million\s+|k)?t\b"),
         "items": re.compile("|".join(ITEM_NOUNS)),
         "duration": re.compile(r"month|day|year|week")}


def number(s: str) -> float:
    s = s.strip().lower()
    if s in WORDS:
        return float(WORDS[s])
    if re.fullmatch(r"\d{1,3},\d{1,2}", s):
        return float(s.replace(",", "."))  # (a decimal comma: `_DECIMAL_COMMA`)
    return float(s.replace(",", ""))


def _clean(v: float) -> float | int:
    return int(v) if float(v).is_integer() else round(v, 6)


def find_magnitudes(text: str, has=None) -> list[tuple[tuple, int, int, str, str]]:
    """(value, unit), start, end, text, role for every amount in `text` (offsets into `text`). `has(gate)` tells
    whether a gate of `GATES` matches in `text` (`gates.GateIndex.within`); without it they are searched here."""
    out: list[tuple[tuple, int, int, str, str]] = []
    taken: list[tuple[int, int]] = []
    if has is None:
        low = text.lower()
        has = lambda g: bool(GATES[g].search(low))  # noqa: E731

    def add(value, unit, m, role=""):
        s, e = m.span()
        if any(s < b and a < e for a, b in taken):
            return
        taken.append((s, e))
        out.append(((_clean(value), unit), s, e, m.group(0), role))

    for m in (PERCENT.finditer(text) if has("percent") else ()):
        before, after = text[max(0, m.start() - 40):m.start()], text[m.end():m.end() + 40]
        if not _covered(text, m) and (SHARE_OR_PRICE.search(before) and
                                      not (_CUT_BY.search(before) and not _MOVED_BY.search(before)) or
                                      SHARE_AFTER.search(after)):
            continue  # ("tariffs on 99% of its imports": how much a pact frees, no share of a market)
        role = "previous" if re.search(r"\bfrom\s+$", before) and re.match(r"^\s*to\s+\d", after) else \
            "share" if re.match(r"^\s+of\b", after) else ""  # "99% of tariff lines": how much is covered, no rate
        add(number(m["n"]), "%", m, role)
    last_money = -1  # where the amount of money before ended
    for m in (MONEY.finditer(text) if has("money") else ()):
        converted = last_money >= 0 and _CONVERSION.fullmatch(text, last_money, m.start())
        last_money = m.end()
        if converted:
            continue  # "C$6.4 billion ($4.6 billion)": the same sum in another currency, told once
        n, sc, cur = (m["n"], m["sc"], m["cur"]) if m["n"] else (m["n2"], m["sc2"], m["cur2"])
        if not sc and not m["n"] and not re.fullmatch(r"\d{1,3}(?:,\d{3})+", n):
            continue  # "50 dollars": a price, not an investment (but "putting up 400,000 euros" is a sum)
        cur = _CUR.get(cur.lower().replace("us dollars", "usd").replace("dollars", "usd").strip(), "USD")
        scale = _SCALE.get((sc or "").lower(), 1e-6)
        if re.search(r"\b(?:a|per)\s+(?:tonne|ton|kg|pound|ounce)", text[m.end():m.end() + 12], re.I):
            continue  # a price
        if _RESULTS.search(text, max(0, m.start() - 40), m.start()):
            continue  # "reported revenue of $1.2 billion": a company's results, no measure's size
        value = number(n) * scale
        if value < 0.1 and not (sc or "").lower().startswith(("b", "t")):
            continue  # under 100,000: a price, a fee or a threshold ("$7,500 credit", "$13.10/lb"), no measure's size
        add(value, f"M{cur}", m)
    for m in (TONNES.finditer(text) if has("tonnes") else ()):
        u = m["u"].lower().replace(" ", "")
        if u == "t" and not re.match(r"\d", m["n"]):
            continue
        v = number(m["n"]) * (1000 if u.startswith("kt") or (m["sc"] or "").strip().lower() in ("thousand", "k")
                              else 1e6 if u == "mt" or (m["sc"] or "").strip().lower() == "million" else 1)
        per_year = bool(m["yr"]) or u in ("ktpy", "tpy", "ktpa", "tpa") or bool(_SHARED_YEAR.match(text, m.end())) \
            or bool(_ANNUAL_BEFORE.search(text, max(0, m.start() - 60), m.start()))
        a, b = max(0, m.start() - 50), m.start()
        if _STATISTIC_BEFORE.search(text, a, b) and not (per_year and _RATE_PRODUCED.search(text, a, b)):
            continue  # "produced about 5,350 tonnes in the first half", "imports slid to 70 tonnes": a statistic
        add(v, "t/yr" if per_year else "t", m)
    for m in (ITEMS.finditer(text) if has("items") else ()):
        part = _PART_OF.search(text, max(0, m.start() - 30), m.start())
        if re.fullmatch(r"(?:19|20)\d\d", m["n"]) or (m["w"].lower() in _PARTIES and not part and
                                                      _DEFINITE.search(text, max(0, m.start() - 8), m.start())):
            continue  # "in 2024 products": a year; "the two companies": a reference back, not a count set
        add(number(part["n"] if part else m["n"]), "items", m)
    for m in (DURATION.finditer(text) if has("duration") else ()):
        if m["u"].lower() == "year" and not (_SPAN_BEFORE.search(text, max(0, m.start() - 40), m.start()) or
                                             _SPAN_NOUN.match(text, m.end())):
            continue  # "60 years of relations", "a three-year ramp-up", "more than 15 years": no measure's term
        add(number(m["n"] or "one"), m["u"].lower() + "s", m)
    return sorted(out, key=lambda x: x[1])
