"""Gazetteers for the event monitor, built from the reference data: where a text names a material or a country.

Materials come from reference/materials.csv (name, EU CRM name and synonyms; a two-letter element symbol only in
a chemical context such as "Dy/Tb"), each with its HS 2022 codes. Places come from reference/countries.csv (names),
country_converter's short and official names, the bloc codes of blocs.toml, and events/aliases.csv (capitals,
demonyms, agencies and a few phrases to ignore such as "London Metal Exchange"). Matching is longest-first, so
"heavy rare earths" is HREE, not REE.

Materials the reference does not list but news names (magnets, superhard materials, uranium, bauxite, magnesium,
molybdenum, tellurium, bismuth, indium, and "critical minerals" as a group) come from events/materials_extra.csv,
with their HS codes.
"""

from __future__ import annotations

import bisect
import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files

from chokepoints.events.alternation import by_first
from chokepoints.reference import countries, materials
from chokepoints.reference.blocs import bloc_names


@dataclass(frozen=True)
class Mention:
    """A gazetteer hit: what it stands for (material id or ISO3/bloc code) and where it is in the text."""

    value: str
    start: int
    end: int
    text: str
    kind: str = ""  # places: name | capital | demonym | agency | ...; materials: the matched term


def _pattern(term: str) -> str:
    """A term as a regex: spaces and hyphens interchangeable; a final letter may take a plural 's'."""
    parts = [re.escape(p) for p in re.split(r"[\s\-]+", term.strip()) if p]
    body = r"[\s\-]+".join(parts)
    if term.endswith("s") and len(term) > 4 and not term.endswith("ss"):
        body = body[:-1] + "s?"
    elif term[-1].isalpha() and len(term) > 3:
        body += "s?"
    return body


def _is_acronym(term: str) -> bool:
    """Terms matched case-sensitively: acronyms and formulae (REE, APT, NdFeB, GaAs, U.S.), one word only."""
    if any(c.isspace() for c in term):
        return False
    letters = [c for c in term if c.isalpha()]
    return len(letters) <= 3 or sum(c.isupper() for c in letters) >= 2


def _by_capital(terms: list[str], alts: list[str]) -> str:
    """The alternatives `alts` of `terms`, each led by its first letter in upper case as a literal ("(?i:Korea)" as
    "K(?i:orea)"; an acronym as written), grouped by it (`alternation.by_first`). A term whose first letter is not A-Z
    is left out: after the capital lookahead it could never match."""
    led = []
    for term, alt in zip(terms, alts, strict=True):
        first = term.strip()[0]
        if alt.startswith("(?i:") and first.upper() in _CAPITALS:
            led.append(f"{first.upper()}(?i:{alt[5:]}")
        elif first in _CAPITALS:  # an acronym, matched as written
            led.append(alt)
    return by_first(led)


_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


class Gazetteer:
    """Longest-first matcher over a {term: value} table; acronyms case-sensitive, words case-insensitive."""

    def __init__(self, terms: dict[str, str], kinds: dict[str, str] | None = None, *, capitalised: bool = False):
        self.terms = {t.casefold(): v for t, v in terms.items()}
        self.exact = {t: v for t, v in terms.items()}
        self.kinds = {t.casefold(): k for t, k in (kinds or {}).items()}
        alts = []
        for t in sorted(terms, key=len, reverse=True):
            if _is_acronym(t):
                alts.append(re.escape(t) + ("s?" if t[-1].isupper() and len(t) > 2 else ""))
            else:
                alts.append(f"(?i:{_pattern(t)})")
        both = "|".join(alts)
        # names that always start with a capital (places) skip every other position at once: 10x faster
        head = r"(?=[A-Z])" if capitalised else ""
        # a place may be half of a hyphenated pair ("US-China talks", "the UK-Japan agreement", "Korea-US"), not of
        # a word ("non-US", "US-based", "Anglo-American", "pan-European")
        prefixes = "".join(rf"(?<!\b{w}-)" for w in ("non", "Non", "pro", "anti", "ex", "Anglo", "Franco", "Afro",
                                                    "Pan", "pan", "mid", "Mid", "Latin", "trans", "Trans"))
        # ... but "Chinese-made components", "US-origin items" name where goods come from
        before, after = (rf"(?<![\w/.]){prefixes}", r"(?![\w]|-(?!(?:made|produced|manufactured|built|origin)\b)[a-z]|"
                                                     r"\.\w)") if capitalised else \
            (r"(?<![\w\-/.])", r"(?![\w\-]|\.\w)")
        if capitalised:
            # a place starts with a capital, so its branches are grouped by that letter: sre tries a branch only when
            # its literal first letter is the text's (a case-insensitive branch it tries everywhere), 7x faster; the
            # order within a letter is kept, so the same branch wins
            both = _by_capital(sorted(terms, key=len, reverse=True), alts)
        self.regex = re.compile(rf"{head}{before}(?:{both}){after}")
        # other terms (materials): the words are matched on the lower-cased text without re.I, where sre tests a
        # branch's first letter before trying it (3x faster), and the acronyms case-sensitively on the text itself
        # (not for places: their capital lookahead is faster still)
        self.split = None
        if not capitalised:
            words = by_first([_pattern(t.casefold()) for t in sorted(terms, key=len, reverse=True)
                               if not _is_acronym(t)])
            acros = [a for a, t in zip(alts, sorted(terms, key=len, reverse=True), strict=True) if _is_acronym(t)]
            # a material may be the first half of a pair of metals ("lithium-boron project", "nickel-cobalt
            # refinery", "copper-bearing ore"), not of another word ("lithium-ion cells")
            # (or of a chain: "nickel-cobalt-manganese cathode", "copper-nickel-palladium discovery")
            pair = rf"(?:-(?:{words})){{0,3}}-(?:{words}|bearing|rich|boron)(?![\w\-]|\.\w)"
            self.split = (re.compile(rf"(?<![\w\-/.])(?:{words})(?:(?![\w\-]|\.\w)|(?={pair}))"),
                          re.compile(rf"(?<![\w\-/.])(?:{'|'.join(acros) or '(?!)'})(?![\w\-]|\.\w)"))
            self.second = re.compile(rf"(?:{words})(?:(?![\w\-]|\.\w)|(?=-))")  # the pair's second half (or middle)

    def lookup(self, found: str) -> tuple[str, str] | None:
        key = re.sub(r"[\s\-]+", " ", found).strip()
        for cand in (key, key.replace(" ", "-"), found):
            if cand in self.exact:
                return self.exact[cand], self.kinds.get(cand.casefold(), cand)
        for cand in (key.casefold(), key.replace(" ", "-").casefold()):
            for k in (cand, cand[:-1] if cand.endswith("s") else None, cand + "s"):
                if k and k in self.terms:
                    return self.terms[k], self.kinds.get(k, k)
        return None

    def find(self, text: str, blocked: bool = False) -> list[Mention]:
        """Every term found; with `blocked`, also the phrases that block a name (an empty value), which then hide
        what they overlap ("New York Stock Exchange", whose "New York" is no site)."""
        low = text.lower() if self.split else ""
        if self.split and len(low) == len(text):  # (a character whose lower case is longer would shift offsets)
            firsts = [m.span() for m in self.split[0].finditer(low)]
            seconds = []
            for _s, e in firsts:
                while low.startswith("-", e) and (m := self.second.match(low, e + 1)):
                    seconds.append(m.span())
                    e = m.end()
            spans = sorted(firsts + seconds + [m.span() for m in self.split[1].finditer(text)])
        else:
            spans = [m.span() for m in self.regex.finditer(text)]
        out = []
        for s, e in spans:
            hit = self.lookup(text[s:e])
            if hit and (hit[0] or blocked):
                out.append(Mention(hit[0], s, e, text[s:e], hit[1]))
        return out


def _clean_name(name: str) -> str:
    return re.sub(r"\s*\(.*?\)\s*", " ", name).strip()


@cache
def _extra_rows() -> list[dict]:
    with files(__package__).joinpath("materials_extra.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@cache
def _material_table():
    """reference/materials.csv plus events/materials_extra.csv: material -> (hs2022, chains, group)."""
    out = {r.material: (r.hs2022, r.chains, r.group) for r in materials().itertuples()}
    for r in _extra_rows():
        out.setdefault(r["material"], (r["hs2022"], r["chains"], r["group"]))
    return out


@cache
def material_gazetteer() -> Gazetteer:
    """Material names, EU CRM names and synonyms from materials.csv (and materials_extra.csv) -> material id."""
    terms: dict[str, str] = {}
    seen: set[str] = set()
    df = materials()
    rows = [(r.material, [r.name, _clean_name(r.name), r.eu_crm_name, *r.synonyms.split(";")]) for r in df.itertuples()]
    rows += [(r["material"], r["terms"].split(";")) for r in _extra_rows()]
    for material, names in rows:
        for n in names:
            n = n.strip()
            if n and n.casefold() not in seen:
                seen.add(n.casefold())
                terms[n] = material
    return Gazetteer(terms)


@cache
def symbol_regex() -> tuple[re.Pattern, dict[str, str]]:
    """Element symbols (Dy, Tb, Nd ...) in a chemical context only: joined by '/', or before 'oxide'/'metal'."""
    df = materials()
    sym = {r.symbol: r.material for r in df.itertuples() if len(r.symbol) == 2}
    alt = "|".join(sorted(sym, key=len, reverse=True))
    rx = re.compile(rf"(?<![\w])({alt})(?=/(?:{alt})\b|\s+(?:oxide|metal)s?\b)|(?<=/)({alt})(?![\w])")
    return rx, sym


_SENTENCE_START = re.compile(r"(?:^|[.!?:\n\"“]\s*)[A-Z][\w&\-]*\s+$")
_MAGNET_USE = re.compile(r"\s+(?:plants?|production|factory|factories|facility|output|capacity|making)\b", re.I)


_COMPANY_HEAD = re.compile(r"\b[A-Z][\w&\-]*\s+$")  # "Lynas Rare Earths", "Neo Performance Materials"
# ... unless a policy's name ("National Critical Mineral Mission", "Minerals Security Partnership")
_POLICY_TAIL = re.compile(r"\s+(?:[A-Z][\w\-]*\s+)?(?:Mission|Strategy|Act|Alliance|Partnership|Initiative|Fund|"
                          r"Reserve|"
                          r"Plan|Programme|Program|Policy|Dialogue|Club|Forum|Agreement|Framework)\b")
# "Uranium One", "Lithium Americas": a title-case material before a company word names the company
_COMPANY_TAIL = re.compile(r"\s+(?:One|Americas|Group|Corp\w*|Inc|Ltd|Limited|Holdings|Industries|Resources|Mining|"
                           r"Mines|Energy|Metals|Minerals|Blue|Power|Technologies|Co)\b")


def find_materials(text: str) -> list[Mention]:
    found = [m for m in material_gazetteer().find(text)
             if not (m.text.lower() == "magnet" and not _MAGNET_USE.match(text, m.end))
             and not (" " in m.text and m.text.istitle() and _COMPANY_HEAD.search(text, max(0, m.start - 30), m.start)
                      and not _SENTENCE_START.search(text, max(0, m.start - 30), m.start)
                      and not _POLICY_TAIL.match(text, m.end))
             and not (m.text[:1].isupper() and _COMPANY_TAIL.match(text, m.end))]
    rx, sym = symbol_regex()
    for m in rx.finditer(text):
        s = m.group(1) or m.group(2)
        start = m.start(1) if m.group(1) else m.start(2)
        found.append(Mention(sym[s], start, start + len(s), s, "symbol"))
    return _non_overlapping(found)


@cache
def _alias_rows() -> list[dict]:
    with files(__package__).joinpath("aliases.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@cache
def place_gazetteer() -> Gazetteer:
    """Country and bloc names -> ISO3 or bloc code; aliases with an empty code block a phrase (e.g. an exchange)."""
    import logging

    terms: dict[str, str] = {}
    kinds: dict[str, str] = {}
    cdf = countries()
    for r in cdf[cdf["kind"] != "aggregate"].itertuples():
        terms[r.name] = r.iso3
        kinds[r.name] = "name"
        short = r.name.split(",")[0].split(" - ")[0].strip()
        if " - " not in r.name and short != r.name:
            terms.setdefault(short, r.iso3)
    import country_converter as coco

    logging.getLogger("country_converter").setLevel(logging.ERROR)
    known = set(cdf["iso3"])
    for r in coco.CountryConverter().data[["name_short", "name_official", "ISO3"]].itertuples():
        if r.ISO3 in known:
            for n in (r.name_short, r.name_official):
                if isinstance(n, str) and n:
                    terms.setdefault(n, r.ISO3)
                    kinds.setdefault(n, "name")
    for code in bloc_names():
        if "+" not in code and code not in known:
            terms[code] = code
            kinds[code] = "bloc"
    for row in _alias_rows():
        terms[row["alias"]] = row["code"]
        kinds[row["alias"]] = row["kind"]
    return Gazetteer(terms, kinds, capitalised=True)


@cache
def _country_codes() -> frozenset[str]:
    cdf = countries()
    return frozenset(cdf.loc[cdf["kind"] != "aggregate", "iso3"])


def is_country(code: str) -> bool:
    """Whether a place's code is one country's (ISO3), not a bloc's ("EU27", "G7", "CPTPP")."""
    return code in _country_codes()


@cache
def _site_rows() -> list[dict]:
    """States, provinces and cities of 500,000 people or more (sites.csv, built by tools/make_sites.py from ISO
    3166-2 and GeoNames; ambiguous names left out)."""
    with files(__package__).joinpath("sites.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@cache
def _sites() -> dict[str, str]:
    """Site name (case-folded) -> ISO3, for names the place gazetteer does not hold (countries keep their names)."""
    known = place_gazetteer().terms
    return {r["name"].casefold(): r["code"] for r in _site_rows() if r["name"].casefold() not in known}


@cache
def _regions() -> dict[str, str]:
    """The states and provinces of sites.csv (case-folded name -> ISO3), not its cities."""
    return {r["name"].casefold(): r["code"] for r in _site_rows() if r["kind"] == "subdivision"}


# (with the small words inside a place's name: "Port of Spain", "Rio de Janeiro", "Davao del Sur")
_CAPITALISED = re.compile(r"(?<![\w\-/.])[A-Z][\w'’\-]*(?:[ ](?:(?:of|de|del|da|do)[ ])?[A-Z][\w'’\-]*){0,3}")
# an office before a name makes it a person's ("Trade Minister Simon Birmingham", "Premier Paul"), not a place's
_TITLE_BEFORE = re.compile(r"\b(?:Minister|Premier|President|Secretary|Senator|Governor|Chancellor|Ambassador|"
                           r"Commissioner|Mr|Mrs|Ms|Dr|Sir|Lord|Lady)\.?\s+(?:[A-Z][\w'’\-]+\s+)?$")


def find_sites(text: str) -> list[Mention]:
    """States, provinces and large cities ("Western Australia", "Jiangxi", "Chicago"): runs of capitalised words
    looked up in a table (a dictionary probe per word, not a regular expression of 5,000 names)."""
    sites, out = _sites(), []
    for m in _CAPITALISED.finditer(text):
        words = [(w.start(), w.end()) for w in re.finditer(r"\S+", m.group(0))]
        i = 0
        while i < len(words):  # longest run first at each word
            for j in range(len(words), i, -1):
                a, b = m.start() + words[i][0], m.start() + words[j - 1][1]
                if text[b - 2:b] in ("'s", "’s"):  # "Inner Mongolia's Baotou"
                    b -= 2
                code = sites.get(text[a:b].casefold())
                if code and _TITLE_BEFORE.search(text, max(0, a - 40), a):
                    code = None
                if code:
                    out.append(Mention(code, a, b, text[a:b], "site"))
                    i = j - 1
                    break
            i += 1
    return out


# a commission named by its own capitalised words, not Europe's ("Federal Communications Commission")
_OTHER_COMMISSION = re.compile(r"(?<![\w\-])(?!European\b|EU\b|The\b|A\b)(?-i:[A-Z][\w\-]+)\s+Commission\b")
_OTHER_COMMISSION_ENDS = re.compile(_OTHER_COMMISSION.pattern + "$")  # (searched up to a mention's end)


def _commissions(text: str, found: list[Mention]) -> list[Mention]:
    """`found` without the bare "Commission"s that are not Europe's: every one in a text that names another
    commission and not the EU ("the Commission voted" in a US International Trade Commission release, "the Federal
    Communications Commission", "the Legislative and Oversight Commission"), and one that ends another commission's
    name whatever else the text names ("the U.S. Nuclear Regulatory Commission" in a text that also names a
    European firm)."""
    if not any(m.value == "EU27" and m.text != "Commission" for m in found) and (
            any(m.text.endswith(" Commission") and m.value != "EU27" for m in found) or _OTHER_COMMISSION.search(text)):
        return [m for m in found if m.text != "Commission"]
    return [m for m in found if not (m.text == "Commission" and
                                     _OTHER_COMMISSION_ENDS.search(text, max(0, m.start - 40), m.end))]


def find_places(text: str) -> list[Mention]:
    """Countries and blocs, then sites where no country or bloc is named; "US$" is a currency, not a country."""
    named = place_gazetteer().find(text, blocked=True)  # with the phrases that block a name ("London Metal Exchange")
    found = [m for m in _non_overlapping(named + find_sites(text)) if m.value and not text.startswith("$", m.end)]
    found = _placed_by_region(text, _us_georgia(text, _us_towns(text, found)))
    if any(m.text == "Commission" for m in found):  # (read only where a bare "Commission" is named)
        found = _commissions(text, found)
    if not any(m.kind == "group" for m in found):
        return found
    # a group's name ("ASEAN", "Mercosur", "the Quad") stands for its members, each read from the same words; not
    # where it names a meeting ("on the sidelines of the ASEAN summit", "a Quad leaders' meeting"): a venue
    return [Mention(code, m.start, m.end, m.text, m.kind) for m in found
            if not (m.kind == "group" and (_GROUP_VENUE.match(text, m.end) or
                                           _GROUP_GOALS.search(text, max(0, m.start - 30), m.start)))
            for code in m.value.split(";")]


def _placed_by_region(text: str, found: list[Mention]) -> list[Mention]:
    """The places found, a city the text places in a region giving way to it: "London, Ontario", "Houston, B.C."
    (British Columbia), "Perth, Scotland" name the region's country, not England's, Texas's or Australia's city. A
    city (`site`, `capital`) directly followed by a comma and a country or a state or province of another country
    drops; one followed by a Canadian province's abbreviation is in Canada."""
    out = []
    for i, m in enumerate(found):
        nxt = found[i + 1] if i + 1 < len(found) else None
        if m.kind in ("site", "capital") and nxt is not None and nxt.value != m.value and \
                text[m.end:nxt.start] == ", " and (nxt.kind == "name" or _regions().get(nxt.text.casefold())) and \
                text[nxt.end:nxt.end + 1] in ("", ",", ".", ";", ")", "\n"):
            continue  # (not a list of cities, "Beijing, Tokyo and Seoul", nor a clause that goes on: "At the summit
            # in Johannesburg, China put forward ...")
        if m.kind in ("site", "capital") and (a := _PROVINCE_ABBR.match(text, m.end)) and m.value != "CAN":
            m = Mention("CAN", m.start, a.end(), text[m.start:a.end()], "site")  # (the province's country)
        out.append(m)
    return out


# Canada's provinces as its papers write them after a town ("Houston, B.C.", "Sudbury, Ont.")
_PROVINCE_ABBR = re.compile(r", (?:B\.C\.|Ont\.|Que\.|Alta\.|Sask\.|Man\.|N\.S\.|N\.B\.|Nfld\.)")

# a town and its state as American papers write them ("CHARLESTON, Tenn. -", "Hillsboro, Ore., where ..."): the town
# is in the United States whether or not the gazetteer knows it. The abbreviations that are also element symbols or
# words ("Ga.", "Mo.", "La.", "Pa.", "Ill.", "Ind.", "Miss.", "Wash.", "Ore.", "Del.") only after a dateline's town in
# capitals, at the start of a line
_STATES = r"Ala|Ariz|Ark|Calif|Colo|Conn|Fla|Kan|Ky|Md|Mass|Mich|Minn|Mont|Neb|Nev|N\.H|N\.J|N\.M|N\.Y|N\.C|N\.D|" \
    r"Okla|R\.I|S\.C|S\.D|Tenn|Tex|Vt|Va|W\.Va|Wis|Wyo"
_US_TOWN = re.compile(rf"(?P<town>\b[A-Z][a-z]+(?:[ \-][A-Z][a-z]+){{0,2}}), (?:{_STATES})\.(?=[\s,;:)\-—–]|$)|"
                      rf"(?m:^)[ \t]*(?P<caps>[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){{0,2}}), "
                      rf"(?:{_STATES}|Ga|Mo|La|Pa|Ill|Ind|Miss|Wash|Ore|Del)\.(?=[\s,;:)\-—–]|$)")


def _us_towns(text: str, found: list[Mention]) -> list[Mention]:
    """`found` with each American town its state names (`_US_TOWN`) in the United States: a town the gazetteer
    placed elsewhere ("Paris, Tex.") moves, and one it does not know ("CHARLESTON, Tenn.") is added, the town and its
    state as the evidence."""
    towns = list(_US_TOWN.finditer(text))
    if not towns:
        return found
    out = list(found)
    for t in towns:
        a, b = t.start("town") if t.group("town") else t.start("caps"), t.end()
        inside = [m for m in out if a <= m.start < b]
        if any(m.value == "USA" for m in inside):
            continue
        out = [m for m in out if m not in inside] + [Mention("USA", a, b, text[a:b], "site")]
    return sorted(out, key=lambda m: m.start)


# Georgia the American state, where a text places a town in it ("a plant in Covington, Georgia", "Bartow County,
# Georgia", a dateline "BAINBRIDGE, Ga." that `_us_towns` has placed) or names its capital, ports or governor, and
# nothing of Georgia the country
_TOWN_BEFORE = re.compile(r"\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)?,\s+$")
_GEORGIA_STATE = re.compile(r"\b(?:Atlanta|Savannah|Governor\s+(?:Brian\s+)?Kemp|Gov\.\s+(?:Brian\s+)?Kemp)\b|"
                            r"\b(?:U\.S\.|US|American)\s+state\s+of\s+Georgia\b")
_STATE_WORDS = ("Atlanta", "Savannah", "Kemp", "state of Georgia")  # (literal tests before the pattern)
_COUNTRY_WORDS = ("Tbilisi", "Georgian", "Batumi", "Poti", "Kutaisi", "Rustavi", "Chiatura", "Zestaponi", "Caucasus",
                  "Abkhaz", "Ossetia")


def _us_georgia(text: str, found: list[Mention]) -> list[Mention]:
    """`found` with Georgia in the United States where the text tells it is the state: the plant "near Newnan,
    Georgia" is an American one, not the Caucasus country's. (Literal tests first: a long file is read in one pass.)"""
    named = [m for m in found if m.value == "GEO" and m.text == "Georgia"]
    if not named or any(w in text for w in _COUNTRY_WORDS):
        return found
    if not any(_TOWN_BEFORE.search(text, max(0, m.start - 40), m.start) for m in named) and \
            not any(m.value == "USA" and m.text.endswith(", Ga.") for m in found) and not (
            any(w in text for w in _STATE_WORDS) and _GEORGIA_STATE.search(text)):
        return found
    ids = {id(m) for m in named}
    return [Mention("USA", m.start, m.end, m.text, "site") if id(m) in ids else m for m in found]


# ... or one member of it ("an ASEAN member", "IPEF partner countries", "the two NATO allies"), or the goals it sets
# ("supports the goals of the Indo-Pacific Economic Framework")
_GROUP_VENUE = re.compile(r"(?:[\s\-]+(?:[\w\-]+['’]?|[\w\-]+['’]s)){0,2}?[\s\-]+(?:summits?|meetings?|forums?|"
                          r"gatherings?|conferences?|ministerial|secretariat|member|partner|ally|allies)\b", re.I)
# ... or a place beside it ("a bid to join NATO", "a country outside NATO")
_GROUP_GOALS = re.compile(r"\b(?:(?:goals?|aims?|objectives?|spirit|pillars?)\s+of|outside|within|to\s+join)\s+"
                          r"(?:the\s+)?$", re.I)


class TextIndex:
    """The places and materials of a whole text, found once (one linear pass each, not one per clause); a clause
    takes its own by bisection. Offsets are into the whole text."""

    def __init__(self, text: str, article_date: date | None = None):
        self._places = find_places(text)
        self._materials = find_materials(text)
        self._pstart = [m.start for m in self._places]
        self._mstart = [m.start for m in self._materials]
        # each sentence's words as the sentence classifier reads them (`detect.words`), by span: read once per text,
        # though the sentence is also the next one's context and both the confidence model and the kind check ask
        self.words: dict[tuple[int, int], list[str]] = {}
        # the text's publication date, against which the classifier reads how recent a sentence's dates are
        self.article_date = article_date
        self.when: dict[tuple[int, int], list[str]] = {}

    def places(self, lo: int, hi: int) -> list[Mention]:
        return mentions_within(self._places, self._pstart, lo, hi)

    def materials(self, lo: int, hi: int) -> list[Mention]:
        return mentions_within(self._materials, self._mstart, lo, hi)


def mentions_within(ms: list[Mention], starts: list[int], lo: int, hi: int) -> list[Mention]:
    """The mentions of `ms` (in text order; `starts`: their starts) that lie within text[lo:hi], by bisection."""
    i, j = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
    return [m for m in ms[i:j] if m.end <= hi]


def _non_overlapping(ms: list[Mention]) -> list[Mention]:
    ms = sorted(ms, key=lambda m: (m.start, -(m.end - m.start)))
    out: list[Mention] = []
    for m in ms:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


@cache
def material_hs(material: str) -> tuple[str, ...]:
    """HS 2022 codes of a material (materials.csv, materials_extra.csv)."""
    return tuple(c for c in _material_table()[material][0].split(";") if c)


@cache
def material_chains(material: str) -> tuple[str, ...]:
    return tuple(c for c in _material_table()[material][1].split(";") if c)


@cache
def material_group(material: str) -> str:
    return _material_table()[material][2]


def covers(general: str, specific: str) -> bool:
    """Whether material `general` includes `specific` (ree covers every rare earth, hree covers dy)."""
    if general == specific or general == "critical_minerals":
        return True
    if general == "magnet":
        return material_group(specific) in ("REE", "LREE", "HREE") or specific == "magnet"
    g = {"ree": {"REE", "LREE", "HREE"}, "lree": {"LREE"}, "hree": {"HREE"}, "pgm": {"PGM"},
         "graphite": {"battery"}}.get(general)
    if not g:
        return False
    if general == "graphite":
        return specific in ("natural_graphite", "synthetic_graphite")
    return material_group(specific) in g and specific not in ("ree", "lree", "hree")
