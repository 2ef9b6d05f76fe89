"""Gazetteers, dates and amounts on hand-written sentences (the rules one by one)."""

from __future__ import annotations

from datetime import date

import pytest

from chokepoints.events import extract as _extractor
from chokepoints.events import gazetteer as gz
from chokepoints.events import newsworthy, roles, textindex
from chokepoints.events.dates import article_date, find_dates
from chokepoints.events.discourse import names_technology
from chokepoints.events.draft import draftable
from chokepoints.events.magnitude import find_magnitudes
from chokepoints.reference import materials


def extract(text, when=None, **kw):
    """The rules' events (and the confidence model's verdict): these tests hold the rules to their phrases and their
    readers to the values they read, so the sentence classifier, which reads where the rules are silent, and the
    value filter, which drops values a reader found, are left out (tests/events/test_detect.py, test_values.py)."""
    return _extractor.extract(text, when, detect=False, sift=False, **kw)


def _mats(text):
    return [(m.value, m.text) for m in gz.find_materials(text)]


def test_a_country_code_is_told_from_a_bloc_code_by_the_reference_not_its_shape():
    assert gz.is_country("JPN") and gz.is_country("COD")
    assert not gz.is_country("EU27") and not gz.is_country("G7") and not gz.is_country("CPTPP")
    assert not gz.is_country("ABC")  # (three capitals, but no country)


def test_materials_longest_first_and_from_the_reference():
    assert _mats("several heavy rare earths and rare-earth magnets") == [("hree", "heavy rare earths"),
                                                                         ("magnet", "rare-earth magnets")]
    assert _mats("magnet makers; a magnet plant; uranium, bauxite, superhard materials, critical minerals") == [
        ("magnet", "magnet"), ("uranium", "uranium"), ("bauxite", "bauxite"), ("superhard", "superhard materials"),
        ("critical_minerals", "critical minerals")]  # a bare "magnet" only where something makes magnets
    assert _mats("battery-grade graphite, Gallium and Dy/Tb oxide") == [
        ("graphite", "battery-grade graphite"), ("gallium", "Gallium"), ("dy", "Dy"), ("tb", "Tb")]
    assert _mats("an apt remark; Co. said; the EU") == []  # acronyms are case-sensitive, bare symbols ignored
    ref = materials().set_index("material")
    assert gz.material_hs("gallium") == tuple(ref.loc["gallium", "hs2022"].split(";"))


def test_a_city_placed_by_its_region_is_in_the_regions_country():
    def places(text):
        return [(m.value, m.text) for m in gz.find_places(text)]

    # twenty-eighth pass: "Houston, B.C." had made a Canadian mine Texan, "London, Ontario" English
    assert places("the mine, 123 km southwest of Houston, B.C., closed") == [("CAN", "Houston, B.C.")]
    assert places("a plant in London, Ontario, will close") == [("CAN", "Ontario")]
    assert places("Perth, Scotland.") == [("GBR", "Scotland")]
    # a list of cities, and a clause that goes on after its place, keep every place
    assert places("offices in Beijing, Tokyo and Seoul") == [("CHN", "Beijing"), ("JPN", "Tokyo"), ("KOR", "Seoul")]
    assert places("At the summit in Johannesburg, China put forward a plan") == [("ZAF", "Johannesburg"),
                                                                                  ("CHN", "China")]
    # a Japanese smelter, not Malawi's district
    assert places("owned by Mitsubishi Materials, Dowa and Furukawa") == []


def test_places_names_aliases_and_blocked_phrases():
    found = [(m.value, m.text) for m in gz.find_places(
        "Beijing, the U.S. and the European Union; prices on the London Metal Exchange; DR Congo and South Korea")]
    assert found == [("CHN", "Beijing"), ("USA", "U.S."), ("EU27", "European Union"), ("COD", "DR Congo"),
                     ("KOR", "South Korea")]
    # a region, a continent or a bank that holds "America" is not the United States
    assert gz.find_places("trade with Latin America, South America and Central America; Bank of America said") == []
    # nor is a common word a province's name ("Most" is a Czech district, "Gulf" a province of Papua New Guinea)
    assert gz.find_places("Most of the output goes to the Gulf states under the Free Trade Agreement.") == []
    # an exchange holds a city's name, and an office before a name makes it a person's
    assert gz.find_places("listed on the New York Stock Exchange; Trade Minister Simon Birmingham; Premier Paul") == []
    assert [m.value for m in gz.find_places("its plant in New York")] == ["USA"]
    # a first name, a crude oil, a region, a house of parliament or a company is no province or city
    assert [m.value for m in gz.find_places("Premier Paul; Brent crude; the Balkan states; Formosa Plastics; PT Amman "
                                            "Mineral; the Lok Sabha passed the bill")] == ["IND"]


REF = date(2025, 4, 4)  # a Friday


@pytest.mark.parametrize("text, expected", [
    ("Beijing said on Friday it will act, effective immediately.",
     [("announced", "2025-04-04"), ("effective", "2025-04-04")]),
    ("a 25 percent levy from next month unless talks succeed before the end-of-month deadline",
     [("effective", "2025-05"), ("deadline", "2025-04-30")]),
    ("The rules take effect on 1 August.", [("effective", "2025-08-01")]),
    ("the ministry said late Monday", [("announced", "2025-03-31")]),
    ("a plant due to start in late 2026", [("start", "2026-09/2026-12")]),
    ("talks are planned for this summer", [("effective", "2025-06/2025-08")]),
    ("suspended until November 10, 2026", [("end", "2026-11-10")]),
    ("curbs in force since August 1", [("effective", "2024-08-01")]),
    ("the fund has 50 partners and 2,000 t of stock", []),
])
def test_dates_and_roles(text, expected):
    assert [(d.role, d.value) for d in find_dates(text, REF)] == expected


def test_relative_dates_need_an_article_date():
    assert find_dates("from next month, and on 1 August 2025", None)[0].value == "2025-08-01"
    assert len(find_dates("from next month, and on 1 August 2025", None)) == 1


def test_article_date_from_a_header_or_dateline():
    assert article_date("Date: 2025-07-28\n\nText")[0] == date(2025, 7, 28)
    assert article_date("KINSHASA, Feb 25, 2025 - The regulator")[0] == date(2025, 2, 25)
    assert article_date("No date here.")[0] is None


def test_amounts_skip_shares_and_price_moves():
    got = [(v, t) for v, _s, _e, t, _r in find_magnitudes(
        "seven medium and heavy rare earths; a four-month suspension; EUR 216 million; $550 billion; 5 ktpy; "
        "it supplies over 80% of global cobalt; prices rose 3%; a 34% tariff")]
    assert got == [((7, "items"), "seven medium and heavy rare earths"), ((4, "months"), "four-month"),
                   ((216, "MEUR"), "EUR 216 million"), ((550000, "MUSD"), "$550 billion"),
                   ((5000, "t/yr"), "5 ktpy"), ((34, "%"), "34%")]


def test_two_events_in_one_sentence_are_cut_apart():
    text = "China imposed a 34% tariff on US goods and restricted exports of gallium to Japan."
    evs = {e.kind: e.to_dict() for e in extract(text, REF)}
    assert evs["tariff"]["actors"] == ["CHN"] and evs["tariff"]["targets"] == ["USA"]
    assert evs["tariff"]["magnitude"] == [{"value": 34, "unit": "%"}] and evs["tariff"]["materials"] == []
    assert evs["export_control"]["actors"] == ["CHN"] and evs["export_control"]["targets"] == ["JPN"]
    assert evs["export_control"]["materials"] == ["gallium"] and evs["export_control"]["hs"] == ["811292"]


def test_negated_and_unrelated_sentences_hold_no_event():
    text = ("Officials denied any export ban on gallium. Gallium prices rose 5% in London. "
            "China produces about 98% of the world's gallium.")
    assert extract(text, REF) == []


def _one(text, kind):
    evs = [e.to_dict() for e in extract(text, REF) if e.kind == kind]
    assert len(evs) == 1, evs
    return evs[0]


def test_roles_passive_lists_and_background():
    ev = _one("Exports of raw lithium ore were banned by Zimbabwe on Wednesday.", "export_control")
    assert ev["actors"] == ["ZWE"] and ev["materials"] == ["lithium"]
    ev = _one("Washington will impose tariffs of 25% on Canada, Mexico and China from next month.", "tariff")
    assert ev["actors"] == ["USA"] and ev["targets"] == ["CAN", "MEX", "CHN"]  # a list shares its first role
    ev = _one("A day after Washington widened its chip curbs, China's commerce ministry said it would no longer "
              "approve export licences for gallium for shipments to the United States.", "export_control")
    assert ev["actors"] == ["CHN"] and ev["targets"] == ["USA"]  # "after Washington ...": background, not the actor
    ev = _one("Tariffs of 25 per cent on all US imports of steel took effect.", "tariff")
    assert ev["actors"] == ["USA"]  # the importer sets them


def test_same_kind_facts_after_a_semicolon_and_it():
    text = ("Beijing on Tuesday put export controls on tungsten, hours after Washington's 10% tariff on Chinese goods "
            "took effect; it also announced a 15% levy on US coal.")
    tariffs = sorted((e["actors"], e["targets"], e["magnitude"]) for e in
                     (x.to_dict() for x in extract(text, REF)) if e["kind"] == "tariff")
    # the US tariff is the background ("hours after ..."): told, not reported as news
    assert tariffs == [(["CHN"], ["USA"], [{"value": 15, "unit": "%"}])]


def test_deal_terms_are_not_tariffs_of_their_own():
    text = "The United States and China agreed on Monday to slash tariffs for 90 days: US duties fall to 30 per cent."
    evs = [e.to_dict() for e in extract(text, REF)]
    assert [e["kind"] for e in evs] == ["trade_agreement"]
    assert {(m["value"], m["unit"]) for m in evs[0]["magnitude"]} == {(90, "days"), (30, "%")}


@pytest.mark.parametrize("text, expected", [
    ("expected to last until mid-November", [("end", "2025-11")]),
    ("production will stop by the end of the year", [("deadline", "2025-12")]),
    ("with bids due next month", [("deadline", "2025-05")]),
])
def test_dates_parts_of_months_and_years(text, expected):
    assert [(d.role, d.value) for d in find_dates(text, REF)] == expected


def test_amounts_working_days_a_year_and_other_currencies():
    got = [v for v, *_ in find_magnitudes("up to 45 working days; on hold for a year; C$29.8 billion; "
                                          "eight gallium products; 25,000 tonnes of annual supply; in 2024 products")]
    assert got == [(45, "days"), (1, "years"), (29800, "MCAD"), (8, "items"), (25000, "t/yr")]


def test_amounts_in_points_hyphenated_tonnes_terms_of_a_measure_and_counts_of_named_parties():
    got = [v for v, *_ in find_magnitudes(
        "raise tariffs by an additional 35 percentage points; its 38,000 tonne-a-year nickel operation; a 22,000-tonne "
        "cargo; set five-year duties; a two-year temporary operating licence; stays in place for two more years; added "
        "five PRC-based companies to the list; 47 mineral commodities; up to 55 graphite miners; reduce production by "
        "about 20%")]
    assert got == [(35, "%"), (38000, "t/yr"), (22000, "t"), (5, "years"), (2, "years"), (2, "years"), (5, "items"),
                   (47, "items"), (55, "items"), (20, "%")]
    # a move told roughly is still a move, and "the five companies" refers back
    assert find_magnitudes("prices rose by about 20% this week; the five companies; a ton of copper") == []


def test_counts_of_kinds_licences_and_industries_and_a_part_of_a_whole():
    got = [v for v, *_ in find_magnitudes(
        "ban imports of 24 kinds of solid waste; suspended 30 of its roughly 350 arms export licences; added 13 of the "
        "17 companies; control of companies in 42 industries; signed five presidential determinations")]
    assert got == [(24, "items"), (30, "items"), (13, "items"), (42, "items"), (5, "items")]


def test_a_company_named_after_a_material_is_no_material():
    assert _mats("JOGMEC will invest in Lynas Rare Earths to separate heavy rare earths.") == [
        ("hree", "heavy rare earths")]


REF5 = date(2025, 6, 5)


def _events(text: str, ref: date = REF5) -> list[dict]:
    return [e.to_dict() for e in extract(text, ref)]


@pytest.mark.parametrize("text, kind, subkind", [
    ("Canada will impose a 100% surtax on electric vehicles made in China from October 1.", "tariff", ""),
    ("China's commerce ministry added holmium and erbium to its control list, effective November 8.",
     "export_control", "licence"),
    ("Exports of technology used for refining rare earths will require a licence, China said.", "export_control",
     "technology"),
    ("Indian carmakers warned of output cuts at their plants in India if magnet shipments do not resume.",
     "supply_disruption", "threatened"),
    ("Glencore will put the Koniambo nickel plant in New Caledonia on care and maintenance.", "supply_disruption", ""),
    ("Sichuan authorities ordered factories to suspend production of lithium until Saturday.", "supply_disruption",
     ""),
    ("Samsung shut down both of its chip plants in Austin on Tuesday.", "supply_disruption", ""),
    ("India approved a National Critical Mineral Mission on Wednesday.", "strategy", ""),
    ("President Biden signed the Inflation Reduction Act on Tuesday.", "strategy", ""),
    ("The US also signed a separate memorandum with Thailand on critical minerals.", "cooperation", ""),
    # a charge on mining itself is fiscal policy (the annotation guide's "strategy"), not a duty on imports
    ("Mexico's reform creates a special mining duty of 7.5% on concession holders' income from 1 January.",
     "strategy", ""),
    ("Peru's Congress established the Special Mining Levy on Wednesday, payable by miners with stability deals.",
     "strategy", ""),
    # a law of what miners pay, and its levy on what is mined (thirtieth pass)
    ("Mongolia's new Mineral Royalty Act takes effect on Monday, putting the levy on mined coal on a new footing.",
     "strategy", ""),
    # a mining law amended or in force
    ("The amendments to Finland's Mining Act will enter into force on Thursday.", "strategy", ""),
    ("Tanzania's Written Laws (Miscellaneous Amendments) Act amends the Mining Act so that the Government holds a "
     "free-carried interest of 16%.", "strategy", ""),
    # a government buying for its reserve; "levy" as a verb is no tariff
    ("China's state reserve buys more than 400 tonnes of cobalt for stockpile -sources", "strategy", ""),
    ("Azerbaijan will levy an export duty on copper of 10% of customs value under a decision published on Monday.",
     "export_control", "tax"),
])
def test_vocabulary_of_the_fifth_pass(text, kind, subkind):
    evs = _events(text)
    assert [(e["kind"], e["subkind"]) for e in evs] == [(kind, subkind)], evs


@pytest.mark.parametrize("text", [
    "It also comes days after Washington tightened curbs on exports of gallium to China.",
    "Suzuki halted its Swift line because of a magnet shortage caused by China's export restrictions on dysprosium.",
    "Washington is looking for partners outside China, which last month began requiring licences for exports of "
    "rare earths.",
    "Malaysia already hosts the world's largest rare earths processing plant, run by Lynas.",
    "The fund will take stakes in mines, refineries and recycling plants handling lithium.",
    "Congo mines more than 70 per cent of the world's cobalt.",
])
def test_background_and_descriptions_are_no_events(text):
    assert [e for e in _events(text) if e["kind"] in ("export_control", "project")] == []


def test_a_background_fact_told_again_in_its_own_right_is_reported():
    text = ("Russia has imposed temporary restrictions on exports of enriched uranium to the United States, the "
            "government said on Friday, months after Washington banned imports of Russian uranium. The US ban, "
            "signed into law in May, allows waivers until the start of 2028.")
    evs = {e["kind"]: e for e in _events(text, date(2024, 11, 16))}
    assert evs["export_control"]["actors"] == ["RUS"] and evs["export_control"]["targets"] == ["USA"]
    assert evs["tariff"]["actors"] == ["USA"] and evs["tariff"]["targets"] == ["RUS"]
    assert {d["role"] for d in evs["tariff"]["dates"]} == {"announced", "end"}


def test_two_rates_in_one_sentence_are_two_tariffs_announced_together():
    text = ("Canada will impose a 100% surtax on electric vehicles made in China from October 1 and a 25% surtax on "
            "Chinese steel and aluminium products from October 15, Prime Minister Justin Trudeau said on Monday.")
    evs = _events(text, date(2024, 8, 27))
    assert [[m["value"] for m in e["magnitude"]] for e in evs] == [[100], [25]]
    assert all(e["actors"] == ["CAN"] and e["targets"] == ["CHN"] for e in evs)
    assert all({"role": "announced", "value": "2024-08-26"} in e["dates"] for e in evs)


def test_sites_give_the_country_of_a_plant_and_nothing_else():
    assert [(m.text, m.value) for m in gz.find_places("its Chicago plant, Inner Mongolia's Baotou, Western Australia "
                                                      "and the London Metal Exchange")] == [
        ("Chicago", "USA"), ("Inner Mongolia", "CHN"), ("Baotou", "CHN"), ("Western Australia", "AUS")]
    ev = _events("Albemarle will idle its lithium hydroxide plant in Western Australia, blaming cheap nickel from "
                 "Indonesia.")[0]
    assert ev["targets"] == ["AUS"] and ev["actors"] == []
    tariff = _events("The United States imposed a 25% tariff on graphite from China, most of it mined in Jiangxi.")[0]
    assert tariff["targets"] == ["CHN"] and "Jiangxi" not in str(tariff["evidence"]["targets"])


def test_a_bulletin_header_gives_the_parties_of_its_item():
    text = ("MONITOR\n\nEU / ZAMBIA\nStrategic partnership on raw materials value chains signed Thursday in Brussels "
            "by the commissioner and the Zambian finance minister. Focus on copper and cobalt.\n")
    ev = _events(text, date(2023, 10, 27))[0]
    assert ev["kind"] == "cooperation" and set(ev["actors"]) == {"EU27", "ZMB"}


def test_a_state_owned_firm_gives_its_country_in_projects_and_deals_only():
    # annotation guide, "Who and where": KABIL -> IND, CAMYEN -> ARG (a province's firm); a private firm gives none
    ev = _events("KABIL signed an agreement on 15 January with CAMYEN to explore five lithium brine blocks in "
                 "Catamarca.", date(2024, 2, 1))[0]
    assert ev["kind"] == "project" and set(ev["actors"]) == {"IND", "ARG"} and ev["targets"] == ["ARG"]
    halt = _events("Codelco halted copper output at its Ventanas smelter in Valparaiso on Monday after a gas leak.",
                   date(2022, 6, 8))
    assert halt and halt[0]["kind"] == "supply_disruption" and halt[0]["actors"] == []  # no government measure
    # "Swedish battery maker Northvolt", "Indian conglomerate Tata": a private firm's country is no party
    for text, nation in (("Swedish battery maker Northvolt will build a C$7 billion battery plant east of Montreal, "
                          "the company said on Thursday.", "SWE"),
                         ("Indian conglomerate Tata said on Wednesday it will build a battery cell factory in the "
                          "UK.", "IND")):
        (ev,) = [e for e in _events(text, date(2023, 9, 28)) if e["kind"] == "project"]
        assert nation not in ev["actors"]


def test_a_year_old_fact_is_background_and_a_range_ends_on_its_second_date():
    text = ("Jakarta stopped exports of bauxite in June 2023. Jakarta will ban exports of copper concentrate from "
            "1 January to 31 December 2025, the minister said on Tuesday.")  # (the coming January: a future tense)
    evs = _events(text, date(2024, 11, 20))
    assert len(evs) == 1 and evs[0]["materials"] == ["copper"]  # the 2023 ban is this article's background
    assert {(d["role"], d["value"]) for d in evs[0]["dates"]} >= {("effective", "2025-01-01"), ("end", "2025-12-31")}


def test_a_measure_without_its_government_takes_the_one_named_just_before():
    text = ("The Russian government has done what its ministers had hinted at since spring. Prime Minister Mikhail "
            "Mishustin on Friday signed a decree imposing export duties of 15% on copper and nickel.")
    ev = _events(text, date(2021, 6, 28))[0]
    assert ev["kind"] == "export_control" and ev["actors"] == ["RUS"]


@pytest.mark.parametrize("text, kind, actors, targets", [
    ("Japan will tighten exports of three chip materials to South Korea from July 4.", "export_control", ["JPN"],
     ["KOR"]),
    ("The Tamil Nadu government on Monday ordered the permanent closure of Vedanta's Sterlite Copper smelter.",
     "supply_disruption", ["IND"], ["IND"]),
    ("Cameco will keep production at its McArthur River uranium mine in Saskatchewan suspended.",
     "supply_disruption", [], ["CAN"]),
    ("Britishvolt, which planned a battery-cell plant in Northumberland, entered administration on Tuesday.",
     "supply_disruption", [], ["GBR"]),
    ("China's top legislature on Friday adopted a revised Mineral Resources Law.", "strategy", ["CHN"], []),
    ("Prime Minister Albanese on Thursday promised A$1.2 billion for a Critical Minerals Strategic Reserve.",
     "strategy", ["AUS"], []),
    ("Saudi Arabia's Manara Minerals agreed on Thursday to buy 10% of Vale's nickel and copper unit.", "project",
     ["SAU"], []),
    ("Washington will drop the 10% duty on raw Canadian aluminium from Sept. 1.", "tariff", ["USA"], ["CAN"]),
    # (a government that funds or clears a project in its own land acts in it: forty-first pass)
    ("The government approved a loan on Monday to build Australia's first integrated rare earths refinery.",
     "project", ["AUS"], ["AUS"]),
])
def test_vocabulary_and_roles_of_the_sixth_pass(text, kind, actors, targets):
    evs = [e for e in _events(text, date(2025, 6, 2)) if e["kind"] == kind]
    assert len(evs) == 1 and evs[0]["actors"] == actors and evs[0]["targets"] == targets, evs


def test_background_dates_and_asides_are_left_out():
    text = ("Japan to require licences for chip materials exports to South Korea\n\n"
            "Japan will require individual licences for exports of three chip materials to South Korea from July 4, "
            "ending the bulk permits that have covered them since 2004, the trade ministry said on Monday. "
            + "Officials gave no further details. " * 20 +
            "In Geneva in May 2024 the two neighbours agreed to cut their extra tariffs for 90 days.")
    evs = _events(text, date(2025, 7, 1))
    assert [e["kind"] for e in evs] == ["export_control"]  # the Geneva deal is an aside: over a year old
    # (facts of another kind told further down with dates weeks old are no longer dropped by a rule: the sixteenth
    # pass measured that rule costing more found events than it saved wrong ones; docs/methods/events-passes.md)
    assert "2004" not in {d["value"] for d in evs[0]["dates"]}


def test_a_headline_the_body_tells_in_other_words_is_left_out():
    text = ("US and China trade first blows as $34bn tariffs take effect\n\n"
            "Washington on Friday imposed 25% tariffs on $34 billion of Chinese goods, and Beijing said it had "
            "responded at once with 25% duties on the same amount of American goods, including soybeans and cars.")
    evs = _events(text, date(2018, 7, 6))
    assert evs and all(e["evidence"]["trigger"][0]["start"] > 60 for e in evs)  # the body's, not the title's
    assert {(tuple(e["actors"]), tuple(e["targets"])) for e in evs} >= {(("USA",), ("CHN",))}


@pytest.mark.parametrize("text, kind, actors, targets", [
    ("Cameco said on Monday it had restarted uranium production at its McArthur River mine in Saskatchewan.",
     "project", [], ["CAN"]),
    ("Commercial production of lithium concentrate has restarted at the North American Lithium operation in Quebec "
     "on Thursday.", "project", [], ["CAN"]),
    ("The United States on Wednesday rescinded the licence requirements on ethane cargoes bound for China.",
     "export_control", ["USA"], ["CHN"]),
    ("President Trump on Thursday signed an executive order to expand domestic critical minerals production.",
     "strategy", ["USA"], []),
])
def test_vocabulary_of_the_seventh_pass(text, kind, actors, targets):
    evs = [e for e in _events(text, date(2025, 6, 2)) if e["kind"] == kind]
    assert len(evs) == 1 and evs[0]["actors"] == actors and evs[0]["targets"] == targets, evs


def test_an_executive_order_imposing_tariffs_is_the_tariff_not_a_strategy():
    evs = _events("President Trump on Saturday signed an executive order imposing 25% tariffs on Canadian and "
                  "Mexican goods, citing critical supply chains.", date(2025, 2, 2))
    assert [e["kind"] for e in evs] == ["tariff"]


@pytest.mark.parametrize("text, kind, actors", [
    ("Mercosur and EFTA states sign free trade agreement in Rio de Janeiro",
     "trade_agreement", ["ARG", "BRA", "PRY", "URY", "CHE", "ISL", "LIE", "NOR"]),
    ("China and ASEAN on Tuesday signed the protocol upgrading their free trade area to a 3.0 version.",
     "trade_agreement", ["CHN", "BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM"]),
    ("The five Central Asian states and the United States agreed on Tuesday to launch a C5+1 Critical Minerals "
     "Dialogue.", "cooperation", ["USA", "KAZ", "KGZ", "TJK", "TKM", "UZB"]),
    ("Canada and six partners on Monday launched the Sustainable Critical Minerals Alliance. The minister announced "
     "the alliance in Montreal, with Australia, France, Germany, Japan, the United Kingdom and the United States as "
     "founding members.", "cooperation", ["CAN", "AUS", "FRA", "DEU", "JPN", "GBR", "USA"]),
    ("Canberra on Friday put nickel on its critical minerals list.", "strategy", ["AUS"]),
])
def test_vocabulary_of_the_eighth_pass(text, kind, actors):
    evs = [e for e in _events(text, date(2025, 6, 2)) if e["kind"] == kind]
    assert len(evs) == 1 and evs[0]["actors"] == actors, evs


def test_a_group_named_as_a_meeting_is_no_party():
    evs = _events("The United States signed a memorandum of understanding on critical minerals with Malaysia on "
                  "Sunday, on the sidelines of the ASEAN summit.", date(2025, 10, 26))
    assert [e["actors"] for e in evs if e["kind"] == "cooperation"] == [["USA", "MYS"]]


def test_a_financing_facility_is_no_project():
    evs = _events("Canberra on Friday opened an A$4bn financing facility to struggling nickel producers.",
                  date(2024, 2, 16))
    assert "project" not in {e["kind"] for e in evs}


@pytest.mark.parametrize("text, kind, actors, targets", [
    ("South Korea on Wednesday formally dropped Japan from its list of most-trusted trading partners for strategic "
     "goods.", "export_control", ["KOR"], ["JPN"]),
    ("Japan's cabinet on Friday approved taking South Korea off its so-called white list of trusted trading partners.",
     "export_control", ["JPN"], ["KOR"]),
    ("China's commerce ministry on Saturday barred Nexperia China and its subcontractors from exporting components.",
     "export_control", ["CHN"], []),
    ("The US Commerce Department said on Tuesday it would rescind the so-called AI diffusion rule.",
     "export_control", ["USA"], []),
    ("President Biden on Friday extended the Section 201 duties on imported solar cells for another four years.",
     "tariff", ["USA"], []),
    ("Commerce Dept opened a Sec. 232 national-security investigation into imports of polysilicon on 1 July.",
     "tariff", ["USA"], []),
    ("Members of the largest union at Transnet walked off the job in South Africa on Thursday, halting manganese "
     "shipments.", "supply_disruption", [], ["ZAF"]),
    ("Indonesia on Tuesday revoked the mining business permits of four nickel companies operating in Raja Ampat.",
     "supply_disruption", ["IDN"], ["IDN"]),
    ("Ottawa on Tuesday proposed to extend the Critical Mineral Exploration Tax Credit to 12 more minerals.",
     "strategy", ["CAN"], []),
    ("India's Rajya Sabha on Wednesday passed the Mines and Minerals (Development and Regulation) Amendment Bill.",
     "strategy", ["IND"], []),
    ("The United States and Japan agreed on Monday to replace the 25% Section 232 tariff on Japanese steel with a "
     "tariff-rate quota.", "trade_agreement", ["USA", "JPN"], []),
])
def test_vocabulary_of_the_eighth_pass_measures(text, kind, actors, targets):
    evs = [e for e in _events(text, date(2025, 6, 2)) if e["kind"] == kind]
    assert len(evs) == 1 and evs[0]["actors"] == actors and evs[0]["targets"] == targets, evs


@pytest.mark.parametrize("text, kind, targets", [
    ("On Thursday the Loan Programs Office offered Redwood Materials in Nevada a conditional commitment for a loan of "
     "$2 billion to build a battery materials campus recycling lithium and nickel.", "project", ["USA"]),
    ("Rio Tinto has agreed to buy Arcadium Lithium, which runs lithium operations in Argentina, for about $6.7 billion "
     "in cash.", "project", ["ARG"]),
    ("South32 on Tuesday withdrew its production guidance for the Mozal aluminium smelter in Mozambique after "
     "protests blocked the roads, cutting alumina deliveries.", "supply_disruption", ["MOZ"]),
])
def test_vocabulary_of_the_eighth_pass_projects_and_halts(text, kind, targets):
    evs = [e for e in _events(text, date(2025, 6, 2)) if e["kind"] == kind]
    assert len(evs) == 1 and evs[0]["targets"] == targets, evs


def test_places_by_their_common_names_demonyms_and_in_hyphenated_pairs():
    def places(text):
        return [p.value for p in gz.find_places(text)]

    assert places("Turkey and Korea; the UAE; Zambian, Serbian and Polish officials; Doha and Kigali") == [
        "TUR", "KOR", "ARE", "ZMB", "SRB", "POL", "QAT", "RWA"]
    assert places("US-China talks, the UK-Japan agreement, Korea-US, Sino-US, the U.S.-Japan deal") == [
        "USA", "CHN", "GBR", "JPN", "KOR", "USA", "CHN", "USA", "USA", "JPN"]
    assert places("non-US firms, US-based traders, Anglo-American ties, a pan-European grid") == []
    # (twenty-seventh pass) but goods made in a country name it: a tariff's target is where the goods come from
    assert places("China-made chips, US-origin items") == ["CHN", "USA"]


@pytest.mark.parametrize("text, kind, actors, targets", [
    ("The UK and Turkey signed a free trade agreement on 29 December.", "trade_agreement", ["GBR", "TUR"], []),
    ("On 1 May the China-Ecuador agreement came into force.", "trade_agreement", ["CHN", "ECU"], []),
    ("Brussels and Washington said they would begin negotiations on a critical minerals agreement.", "cooperation",
     ["EU27", "USA"], []),
    ("EU-Kenya partnership agreement enters into force on 1 July.", "trade_agreement", ["EU27", "KEN"], []),
    ("The commerce ministry of China placed 15 US companies on its export control list on Tuesday.",
     "export_control", ["CHN"], ["USA"]),
    ("Ottawa will extend tariff rate quotas on steel from free trade partners to China from 1 August.", "tariff",
     ["CAN"], ["CHN"]),
])
def test_vocabulary_of_the_ninth_pass(text, kind, actors, targets):
    evs = [e for e in _events(text, date(2025, 6, 2)) if e["kind"] == kind]
    assert len(evs) == 1 and evs[0]["actors"] == actors and evs[0]["targets"] == targets, evs


def test_no_agreement_where_a_text_says_without_one():
    text = "Canada will cut the duty-free quota for steel from countries without a free trade agreement on 1 August."
    assert [e["kind"] for e in _events(text, date(2025, 7, 16))] == ["tariff"]


def test_a_list_told_next_gives_its_members_as_materials():
    text = ("Canada published its first official list of critical minerals on Thursday. The list includes lithium, "
            "graphite, nickel and cobalt.")
    (ev,) = _events(text, date(2021, 3, 12))
    assert ev["kind"] == "strategy" and {"lithium", "graphite", "nickel", "cobalt"} <= set(ev["materials"])


def test_a_weekday_is_the_day_a_plant_began_or_a_halt_starts():
    sunday = date(2022, 2, 27)
    (halt,) = _events("Toyota to halt all Japan car plants on Tuesday after a cyberattack on a supplier", sunday)
    assert halt["dates"] == [{"role": "start", "value": "2022-03-01"}]  # the Tuesday ahead, for a headline's "to"
    (fab,) = _events("Infineon broke ground in Dresden on Thursday on a new 300-millimetre chip fab costing "
                     "5 billion euros.", sunday)
    assert fab["dates"] == [{"role": "start", "value": "2022-02-24"}]
    (plan,) = _events("Infineon said on Thursday it would build a new chip fab in Dresden costing 5 billion euros.",
                      sunday)
    assert plan["dates"] == [{"role": "announced", "value": "2022-02-24"}]
    (ford,) = _events("Ford said on Wednesday it was halting production of its F-150 pickup after a fire at a "
                      "magnesium parts supplier in Michigan.", sunday)
    assert {"role": "start", "value": "2022-02-23"} in ford["dates"]


def test_amounts_a_measure_sets_not_prices_statistics_or_ages():
    def amounts(text):
        return [m[0] for m in find_magnitudes(text)]

    assert amounts("an impairment of A$150-175 million; EUR/USD 1.17; a $7,500 credit; $13.10/lb; a grant of "
                   "€750,000") == [(150, "MAUD"), (0.75, "MEUR")]
    assert amounts("duties for five years; a six-year programme; 60 years of relations; a three-year ramp-up; "
                   "more than 15 years") == [(5, "years"), (6, "years")]
    assert amounts("a quota of 50,000 tonnes; it produced about 5,350 tonnes; imports slid to 70 tonnes") == [
        (50000, "t")]


def test_a_halt_at_an_unknown_site_takes_the_one_country_of_the_lead():
    text = ("Sweden's battery hopes fade as Northvolt retreats\n\nThe company has cut 1,600 jobs. On 9 September it "
            "put its cathode-materials plant at Skellefteå into care and maintenance, saying it could buy cathode "
            "material more cheaply.")
    halts = [e for e in _events(text, date(2024, 9, 23)) if e["kind"] == "supply_disruption"]
    assert [h["targets"] for h in halts] == [["SWE"]]
    assert halts[0]["evidence"]["targets"][0]["text"] == "Sweden"  # (the lead's words, not a guess without a span)


def test_a_project_at_an_unknown_site_takes_the_country_its_story_names_most():
    # the lead names two countries, so no "one country of the lead"; Chile, named three times, is the story's
    text = ("Chile and Argentina step up lithium output\n\nChile's government has set out new rules for its lithium "
            "sector, and Argentina's provinces are courting investors. Chile holds the world's largest reserves.\n\n"
            "Albemarle said on Monday it would build a lithium hydroxide plant at La Negra, investing US$500 million.")
    projects = [e for e in _events(text, date(2024, 5, 6)) if e["kind"] == "project"]
    assert [(p["actors"], p["targets"]) for p in projects] == [([], ["CHL"])]
    assert projects[0]["evidence"]["targets"][0] == {"value": "CHL", "start": 0, "end": 5, "text": "Chile"}
    # a story naming no country leaves the site unknown rather than guessed
    bare = text.replace("Chile and Argentina", "Miners").replace("Chile's government", "The government") \
        .replace("Argentina's provinces", "the provinces").replace("Chile holds", "It holds")
    assert [p["targets"] for p in _events(bare, date(2024, 5, 6)) if p["kind"] == "project"] in ([], [[]])


def test_the_two_governments_are_the_two_countries_named_before():
    text = ("Japan and Kazakhstan deepen minerals ties\n\nPrime Minister Kishida met President Tokayev in Tokyo on "
            "Monday. Japan buys much of Kazakhstan's uranium.\n\nThe two governments signed a memorandum of "
            "cooperation on rare metals, covering exploration of tungsten and rare earths.")
    deals = [e for e in _events(text, date(2024, 5, 6)) if e["kind"] == "cooperation"]
    assert [sorted(d["actors"]) for d in deals] == [["JPN", "KAZ"]]
    assert {f["text"] for f in deals[0]["evidence"]["actors"]} == {"Japan", "Kazakhstan"}  # (named before, spans kept)


def test_a_pact_naming_one_party_is_signed_with_the_storys_country():
    text = ("Chile's copper and trade month\n\nChile's copper exports rose in October, the central bank said.\n\n"
            "The free trade agreement with Argentina, signed on 2 November, now awaits approval by both congresses.")
    deals = [e for e in _events(text, date(2017, 12, 6)) if e["kind"] == "trade_agreement"]
    assert [sorted(d["actors"]) for d in deals] == [["ARG", "CHL"]]


@pytest.mark.parametrize("text, kind", [
    # a partnership agreement between governments is a trade pact (28 of the 32 annotated), a strategic one is
    # cooperation, one with a miner is the miner's project
    ("Armenia and the European Union signed a Comprehensive and Enhanced Partnership Agreement on Friday in "
     "Brussels.", "trade_agreement"),
    ("The European Union and Kazakhstan today signed an Enhanced Partnership and Cooperation Agreement in Astana.",
     "trade_agreement"),
    ("With Kinshasa, Washington signed a strategic partnership agreement on critical minerals on Monday.",
     "cooperation"),
    ("Serbia on Monday signed a strategic partnership agreement with China's Zijin Mining Group to develop the "
     "copper mines at Bor.", "project"),
    ("Serbia on Monday signed a strategic partnership agreement with China's Zijin Mining Group, which will take a "
     "63% stake in the copper mines at Bor.", "project"),  # (a stake's per cent is no tariff of a trade pact)
    # a plant switched off, a mine's approval overturned in court: output stops
    ("PCC BakkiSilicon will switch off both furnaces at its silicon metal plant at Bakki in Iceland at the end of "
     "July.", "supply_disruption"),
    ("A federal judge in Tucson, Arizona, today overturned the U.S. Forest Service's approval of the Rosemont "
     "copper mine, blocking construction.", "supply_disruption"),
    ("Kazatomprom said planned uranium production in Kazakhstan for 2017 will be reduced by approximately 10%.",
     "supply_disruption"),
    # a new supplier's first delivery under way
    ("Pilbara Minerals' first cargo of spodumene concentrate from its Pilgangoora operation in Western Australia "
     "left Port Hedland on Tuesday, bound for China.", "new_source"),
    ("HAY RIVER - Canada's first rare earth mine sent its product south for the first time on Tuesday.",
     "new_source"),
])
def test_kinds_by_who_signs_and_what_stops(text, kind):
    assert [e["kind"] for e in _events(text, date(2017, 11, 25))] == [kind]


def test_costs_cut_are_no_output_cut():
    assert _events("Production costs were reduced by 5% at the Kazakh uranium mines.", date(2017, 1, 10)) == []


def test_a_plant_told_without_its_material_takes_the_one_named_just_before():
    text = ("Almonty readies Sangdong\n\nAlmonty Industries owns the Sangdong deposit in South Korea, long a source "
            "of tungsten.\n\nOn Tuesday the company said it had opened the new processing plant at Sangdong, with "
            "first output of concentrate due in March.")
    projects = [e for e in _events(text, date(2025, 6, 4)) if e["kind"] == "project"]
    assert [(p["materials"], p["targets"]) for p in projects] == [(["tungsten"], ["KOR"])]
    assert projects[0]["evidence"]["materials"][0]["start"] < text.index("On Tuesday")  # (its span, before)


def test_halts_at_two_named_sites_are_two_facts():
    text = ("SANTIAGO, Sept 17, 2015 - Copper producers in central Chile halted operations after a magnitude 8.3 "
            "earthquake on Wednesday night.\n\nAntofagasta Minerals said operations at its Los Pelambres copper mine "
            "were halted on Wednesday as a precaution.\n\nState-owned Codelco suspended work at its Andina division "
            "on Wednesday until engineers could assess the mine.")
    halts = [e for e in _events(text, date(2015, 9, 17)) if e["kind"] == "supply_disruption"]
    assert [h["targets"] for h in halts] == [["CHL"], ["CHL"]]
    assert text[halts[-1]["evidence"]["trigger"][0]["start"]:].startswith("suspended work at its Andina")  # (its own)


def test_a_bloc_named_by_its_members_and_by_its_body_is_one_actor():
    text = ("Customs union slaps anti-dumping duty on Indian graphite electrodes\n\nThe customs union of Russia, "
            "Belarus and Kazakhstan will charge anti-dumping duty on graphite electrodes made in India.\n\nThe board "
            "of the Eurasian Economic Commission decided on Tuesday to impose anti-dumping duties of 16.04% on "
            "graphite electrodes from HEG Ltd and 32.83% on those from all other Indian exporters.")
    duties = [e for e in _events(text, date(2012, 12, 27)) if e["kind"] == "tariff"]
    assert len(duties) == 1 and {"RUS", "BLR", "KAZ"} <= set(duties[0]["actors"]) and duties[0]["targets"] == ["IND"]
    assert "EU27" not in duties[0]["actors"]  # (the Eurasian commission is not the European one)
    # two measures of one government and of it with another stay two
    two = ("China raised its tariffs on US graphite on Monday.\n\nChina and Russia on Tuesday cut their tariffs on US "
           "graphite.")
    assert [e["actors"] for e in _events(two, date(2016, 9, 7))] == [["CHN"], ["CHN", "RUS"]]


@pytest.mark.parametrize("text, kind, role", [
    # a date after "comes into force" is when a law or pact takes effect, not when it was announced
    ("Oman's new Mineral Wealth Law comes into force today, replacing the 2003 law.", "strategy", "effective"),
    ("The free trade agreement with Chile entered into force for Peru on 19 September 2021, the ministry said.",
     "trade_agreement", "effective"),
    # the day of a plant's first output is its start
    ("Boleo turned out its first copper cathode on Saturday, the Korean consortium said.", "project", "start"),
    # so is the day it started operations, also when told by its date, unless it is the day it was said
    ("United Solar Polysilicon started operations at its polysilicon plant in Oman on 5 February, the company said.",
     "project", "start"),
    # and the day a new source's first cargo left for its buyer
    ("Pilbara Minerals said its first cargo of lithium concentrate from Pilgangoora left Port Hedland for China on "
     "Tuesday.", "new_source", "start"),
])
def test_date_roles_of_entry_into_force_and_first_output(text, kind, role):
    evs = _events(text, date(2021, 9, 20))
    assert [(e["kind"], [d["role"] for d in e["dates"]]) for e in evs] == [(kind, [role])]


def test_a_measure_told_by_its_instrument_after_it_takes_its_dates():
    text = ("The US Commerce Department on Monday put 28 Chinese companies on its Entity List over their role in "
            "Xinjiang. The listing takes effect on Wednesday, when the notice is published.")
    (ev,) = _events(text, date(2019, 10, 7))
    assert ev["dates"] == [{"role": "announced", "value": "2019-10-07"}, {"role": "effective", "value": "2019-10-09"}]
    assert ev["magnitude"] == [{"value": 28, "unit": "items"}]
    # "the minister said the rules ...": a verb between the article and the noun is no reference to the measure
    from chokepoints.events.discourse import BACKREF
    assert BACKREF.search("The implementing regulation appeared in the Official Journal on Tuesday.")
    assert not BACKREF.search("The minister said the rules would change.")


_LONG_LEAD = ("Japan courts Central Asia for rare metals\n\nTOKYO - Japan hosted the leaders of five Central Asian "
              "states this week, and the talks ranged over energy, transport, farming, health, education and a long "
              "list of other topics that took the officials the better part of two days to get through.\n\nThe "
              "leaders toured a factory on Thursday, and spoke about investment, ties, culture and the weather, while "
              "their ministers talked about roads and rail. Officials said the visit had gone well and that more "
              "meetings would follow next year in the region, perhaps in the spring.\n\n")


def test_an_undated_event_takes_the_day_of_the_sentence_that_frames_it_and_the_following_day_after_it():
    text = _LONG_LEAD + ("Two of the agreements signed on Friday 19 December concern minerals directly. JOGMEC signed "
                         "a memorandum of understanding with Kazakhstan on cooperation in metallic mineral resources, "
                         "Japan said.\n\nThe following day, Japan and Uzbekistan signed a memorandum of cooperation "
                         "on a joint survey of rare metals.")
    deals = [e for e in _events(text, date(2025, 12, 20)) if e["kind"] == "cooperation"]
    assert [(sorted(d["actors"]), d["dates"]) for d in deals] == [
        (["JPN", "KAZ"], [{"role": "announced", "value": "2025-12-19"}]),
        # the day after the last one named (Friday 19), not after the factory visit (Thursday) told before it
        (["JPN", "UZB"], [{"role": "announced", "value": "2025-12-20"}])]
    # (the weekday before its written date is read with it, as one date: thirty-ninth pass)
    assert [d["evidence"]["dates"][0]["text"] for d in deals] == ["Friday 19 December", "The following day"]
    # a date in another paragraph frames nothing (undated below the lead, the memorandum is then not reported)
    apart = text.replace("directly. JOGMEC", "directly.\n\nJOGMEC")
    assert not any(d["dates"] for d in _events(apart, date(2025, 12, 20)) if "KAZ" in d["actors"])


@pytest.mark.parametrize("text, kind, subkind, actors, targets", [
    ("Brazil imposed anti-dumping duties of 12% to 40% on Chinese steel sheet for five years from 3 March.", "tariff",
     "", ["BRA"], ["CHN"]),
    ("The Commission decided to let the anti-subsidy measures on imports of bicycles from China expire on 4 May.",
     "tariff", "", ["EU27"], ["CHN"]),
    ("The safeguard on 12 steel categories will be extended by Canada for two years.", "tariff", "", ["CAN"], []),
    ("Egypt on Sunday imposed a licensing requirement for imports of mobile phones from 1 March.", "tariff",
     "import_licence", ["EGY"], []),
    ("A fire broke out on Monday at a chip plant in Taiwan, halting some wafer lines.", "supply_disruption", "", [],
     ["TWN"]),
    ("The copper mine in Chile has been idle since 3 May, when truckers blocked its access road.",
     "supply_disruption", "", [], ["CHL"]),
    ("A six-week strike that had shut three nickel mines in New Caledonia ended on Friday.", "supply_disruption", "",
     [], ["NCL"]),
    ("Lithium miner Pilbara Metals filed for Chapter 11 bankruptcy protection in Nevada on Tuesday.",
     "supply_disruption", "", [], ["USA"]),
    ("Zambia declared cobalt and manganese \"strategic\" minerals on Monday.", "strategy", "", ["ZMB"], []),
    ("The first shipment of lithium concentrate from its new mine in Mali sailed for China on 2 May.", "new_source",
     "", ["CHN"], ["MLI"]),
])
def test_vocabulary_of_the_tenth_pass(text, kind, subkind, actors, targets):
    evs = [e for e in _events(text, date(2024, 5, 6)) if e["kind"] == kind]
    assert len(evs) == 1, evs
    assert (evs[0]["subkind"], evs[0]["actors"], evs[0]["targets"]) == (subkind, actors, targets), evs


def test_a_trade_defence_measure_only_mentioned_is_no_new_tariff():
    text = "The ministry said it was no longer necessary to keep the anti-dumping and countervailing duties."
    assert [e for e in _events(text) if e["kind"] == "tariff"] == []


def test_a_sentence_naming_its_own_pact_is_no_back_reference():
    text = ("The EU-Chile agreement entered into force on 1 February. On 4 November fifteen countries concluded "
            "negotiations on the Regional Comprehensive Economic Partnership, the 15-nation pact launched in 2012.")
    evs = [e for e in _events(text, date(2019, 11, 22)) if e["kind"] == "trade_agreement"]
    assert {"role": "announced", "value": "2019-11-04"} not in evs[0]["dates"]  # (the other names no country)


def test_a_partial_reopening_of_exports_is_an_export_control():
    text = "The Philippines will let miners ship some low-grade nickel ore abroad for two more years, officials said."
    (ev,) = [e for e in _events(text, date(2024, 5, 6)) if e["kind"] == "export_control"]
    assert ev["actors"] == ["PHL"] and ev["materials"] == ["nickel"]


def test_the_indo_pacific_framework_stands_for_its_fourteen_partners():
    places = {m.value for m in gz.find_places("Ministers of the IPEF signed a supply chain pact.")}
    assert len(places) == 14 and {"USA", "FJI", "IND", "JPN"} <= places


def test_a_goals_target_year_is_no_date_of_the_event():
    found = find_dates("It aims to refine 40% of its needs by 2030 and must report by 2026-05-01.", date(2024, 5, 6))
    assert [(d.role, d.value) for d in found] == [("deadline", "2026-05-01")]


@pytest.mark.parametrize("text, kind", [
    ("China to scrap export tariffs on rare earths, tungsten and molybdenum from May 1", "export_control"),
    ("The EU suspended all import duties on Ukrainian goods for a year from 4 June.", "tariff"),
    ("Duties of up to 218% on Australian wine were lifted by China on Friday.", "tariff"),
])
def test_duties_lifted_are_a_suspension_and_never_drafted_as_new_duties(text, kind):
    (ev,) = extract(text, date(2022, 6, 1))
    assert (ev.kind, ev.subkind) == (kind, "suspension")
    ev.status = "new"
    assert not draftable(ev)


def test_a_duty_imposed_is_no_suspension():
    (ev,) = extract("Canada will impose a 25% surtax on US steel from 1 July.", date(2022, 6, 1))
    assert (ev.kind, ev.subkind) == ("tariff", "")


@pytest.mark.parametrize("text, kind, actors, targets", [
    # a permit suspended or withdrawn by a government stops output where it governs
    ("Chile suspends the environmental permit for a $2 billion copper mine in the Atacama.", "supply_disruption",
     ["CHL"], ["CHL"]),
    ("The Malian authorities have withdrawn the mining licence of a lithium mine, officials said on Monday.",
     "supply_disruption", ["MLI"], ["MLI"]),
    # an office-holder of no named country acts for the government just named
    ("What did Canberra decide? On Monday, Resources Minister Madeleine King ordered the closure of 3 nickel mines.",
     "supply_disruption", ["AUS"], ["AUS"]),
    ("Why does Ottawa act? The Finance Minister on Tuesday announced a 25% surtax on imports of steel wire.",
     "tariff", ["CAN"], []),
    # a leader stands for the government
    ("Mirziyoyev and Yoon signed a memorandum of understanding on critical minerals in Tashkent on Friday.",
     "cooperation", ["KOR", "UZB"], []),
    ("A decree signed by Putin bans supplies of crude oil to foreign buyers who use the price cap from 1 February.",
     "export_control", ["RUS"], []),
])
def test_vocabulary_of_the_eleventh_pass(text, kind, actors, targets):
    # (the rules' events, before the confidence model: crude oil is no material of the reference, so the model
    # doubts the ban)
    evs = [e.to_dict() for e in extract(text, date(2024, 6, 14), weighed=False) if e.kind == kind]
    assert len(evs) == 1, evs
    assert (sorted(evs[0]["actors"]), evs[0]["targets"]) == (actors, targets), evs


def test_a_list_of_critical_minerals_takes_its_members_from_the_enumeration():
    text = ("WASHINGTON - The U.S. Interior Department published today the final list of 35 mineral commodities "
            "deemed critical to the economy. The list will guide federal strategy.\n\nThe minerals on the list are:"
            "\n\nAntimony, bismuth, cobalt, gallium, germanium and uranium.\n\nCobalt, nickel, copper and lithium "
            "prices fell on the day.")
    (ev,) = [e for e in _events(text, date(2018, 5, 18)) if e["kind"] == "strategy"]
    assert ev["actors"] == ["USA"]
    assert {"antimony", "bismuth", "gallium", "germanium", "uranium"} <= set(ev["materials"])
    assert "nickel" not in ev["materials"]  # (four materials in a sentence that is no list: prices, not members)


def test_one_member_of_a_group_or_its_goals_are_not_the_group():
    assert {m.value for m in gz.find_places("the first deal between Canada and an ASEAN member")} == {"CAN"}
    assert {m.value for m in gz.find_places("It supports the goals of the Indo-Pacific Economic Framework.")} == set()
    assert len({m.value for m in gz.find_places("ASEAN members agreed.")}) == 10


def test_a_pacts_name_is_no_partnership_and_its_signatories_are_its_parties():
    text = ("SANTIAGO, March 6, 2018 - Trade ministers will gather in Chile on Thursday to sign the Comprehensive and "
            "Progressive Agreement for Trans-Pacific Partnership, the trimmed-down trade pact.\n\nThe signatories - "
            "Australia, Canada, Chile, Japan, Mexico and Vietnam - account for 13.5 percent of world output.")
    evs = _events(text, date(2018, 3, 6))
    assert [e["kind"] for e in evs] == ["trade_agreement"]
    assert {"AUS", "CAN", "CHL", "JPN", "MEX", "VNM"} <= set(evs[0]["actors"])


def test_a_sentence_telling_what_the_news_follows_is_background():
    text = ("The EU suspended all import duties on Ukrainian goods for a year from 4 June. The move follows "
            "Washington's decision last month to lift its 25% tariff on Ukrainian steel, and the UK's decision in "
            "April to remove tariffs on Ukrainian goods.")
    evs = [e for e in _events(text, date(2022, 6, 1)) if e["kind"] == "tariff"]
    assert [e["actors"] for e in evs] == [["EU27"]]


def test_a_liveblog_entry_is_dated_by_the_page():
    text = ("METALS LIVE\n\nTuesday 13 June 2023 - all times CET.\n\n17:45\nThat's it from us for today.\n\n"
            "08:05\nBREAKING - Boliden has halted all production at its copper smelter in northern Sweden after a "
            "fire.\n\n07:30\nGood morning.")
    (ev,) = [e for e in _events(text, date(2023, 6, 13)) if e["kind"] == "supply_disruption"]
    assert ev["dates"] == [{"role": "start", "value": "2023-06-13"}]
    assert ev["evidence"]["dates"][0]["text"] == "08:05"


def test_overnight_and_this_morning_are_the_reports_day():
    found = find_dates("A fire broke out overnight; the plant said this morning it would close.", date(2023, 6, 13))
    assert {d.value for d in found} == {"2023-06-13"}


def test_a_digests_table_of_contents_is_boilerplate():
    from chokepoints.events.text import strip_boilerplate

    text = "In this issue: Entity List additions | India moves up\n\nBIS added 44 entities to the Entity List."
    assert strip_boilerplate(text).startswith(" " * 20) and "BIS added" in strip_boilerplate(text)


def test_a_since_or_until_clause_and_a_rejected_measure_are_no_news():
    text = ("Since the United States extended its 25% steel tariffs to Canada on 1 June, mills have lost orders. "
            "Trump rejects a uranium import quota and orders a review instead.")
    assert [e for e in _events(text, date(2018, 7, 2)) if e["kind"] == "tariff"] == []


def test_a_site_described_is_no_project():
    text = "The plant at Skelleftehamn is Sweden's only base metals smelter, with 200,000 t of copper a year."
    assert [e for e in _events(text, date(2023, 6, 13)) if e["kind"] == "project"] == []


def test_a_company_that_stops_its_own_exports_halts_supply():
    text = ("Katanga Mining Limited said on Tuesday its subsidiary will suspend the export and sale of cobalt from "
            "its mine in the Democratic Republic of the Congo, after uranium was found in the product.")
    kinds = [e.kind for e in extract(text, date(2018, 11, 6), weighed=False)]
    assert "supply_disruption" in kinds and "export_control" not in kinds


def test_a_dateline_with_the_month_in_full_is_no_place_of_the_event():
    from chokepoints.events.roles import datelines

    text = "TORONTO, November 6, 2018 - Katanga Mining said it halted cobalt sales."
    assert datelines(text) == [(0, 28)]
    # an agency in lower case, two cities: still a dateline, and its city no actor of a project told after it
    for line in ("BUENOS AIRES, Feb 12 (wire) - ", "KUALA LUMPUR/TOKYO, July 22, 2025 (wire) - "):
        assert datelines(line + "Ganfeng has started production.") == [(0, len(line))]
    text = ("BUENOS AIRES, Feb 12 (wire) - Chinese lithium producer Ganfeng Lithium has started production at its "
            "Mariana project in Salta province.")
    (ev,) = [e for e in extract(text, date(2025, 2, 12), weighed=False) if e.kind == "project"]
    assert "ARG" not in ev.values("actors")


@pytest.mark.parametrize("text, kind, subkind, actors, targets", [
    # a tax on exports is an export tax, whatever the verb; "stop taxing exports" lifts one
    ("LUSAKA - Zambia will levy a 10 percent tax on exports of copper concentrate from April.", "export_control",
     "tax", ["ZMB"], []),
    ("Jakarta will stop taxing exports of nickel pig iron from January 1, the finance ministry said.",
     "export_control", "suspension", ["IDN"], []),
    # a licence waived for named buyers: the exporter's government acts, the buyers' country is the target
    ("The United States will let Samsung Electronics and SK Hynix keep shipping chipmaking tools to their plants in "
     "China without licences.", "export_control", "licence", ["USA"], ["CHN"]),
    # entities listed by where they are, or under which destinations (thirtieth pass)
    ("The Commerce Department added 27 companies, research institutes and individuals in China, Japan and Pakistan "
     "to its Entity List on Wednesday.", "export_control", "licence", ["USA"], ["CHN", "JPN", "PAK"]),
    ("The US rule adds 27 entities to the Entity List under the destinations of China and Singapore.",
     "export_control", "licence", ["USA"], ["CHN", "SGP"]),
    # whose entitlement is withdrawn, whose exporters pay: the tariff's targets
    ("Canada will apply a 35% tariff on all goods after withdrawing the entitlement of Belarus and Russia to MFN "
     "treatment.", "tariff", "", ["CAN"], ["BLR", "RUS"]),
    ("Kenyan exporters started paying EU import duties on Wednesday.", "tariff", "", ["EU27"], ["KEN"]),
    # the first cargo loaded for a buyer abroad: a new source of the buyer's
    ("Sigma Lithium began loading its first shipment of lithium concentrate from Brazil for China.",
     "new_source", "", ["CHN"], ["BRA"]),
    # a halt still on, and a pact with a party named before its signing
    ("Output at Mitsubishi Electric's plant in Japan remains halted after the earthquake.", "supply_disruption", "",
     [], ["JPN"]),
    ("Vietnam's agreement with Chile, signed in Hanoi on 11 November, also came into force on Sunday.",
     "trade_agreement", "", ["CHL", "VNM"], []),
])
def test_vocabulary_of_the_twelfth_pass(text, kind, subkind, actors, targets):
    evs = [e.to_dict() for e in extract(text, date(2023, 7, 27), weighed=False) if e.kind == kind]
    assert len(evs) == 1, evs
    assert (evs[0]["subkind"], sorted(evs[0]["actors"]), evs[0]["targets"]) == (subkind, actors, targets), evs


def test_a_customs_schedule_and_a_measure_declined_are_no_tariffs():
    text = ("China drops export duties on silicon in its 2013 tariff schedule. Gulf ministers declined to impose "
            "safeguard duties on steel imports.")
    assert [e for e in extract(text, date(2012, 12, 18), weighed=False) if e.kind == "tariff"] == []


def test_a_day_and_month_take_the_year_told_with_them_or_the_nearest():
    # "Jan. 1 this year" in February is the January just gone, though the tax "will" apply from it
    (d,) = find_dates("will levy the tax with effect from Jan. 1 this year", date(2015, 2, 2))
    assert (d.role, d.value) == ("effective", "2015-01-01")
    # "from January 1" in a December article is the coming one, not the one eleven months back
    (d,) = find_dates("China will stop taxing exports of silicon metal, manganese and coke from January 1",
                      date(2012, 12, 18))
    assert d.value == "2013-01-01"
    (d,) = find_dates("the tariff applies from January 1", date(2019, 3, 4))
    assert d.value == "2019-01-01"


def test_a_company_named_like_a_province_is_no_place_and_inline_related_links_are_boilerplate():
    from chokepoints.events.text import strip_boilerplate

    assert {m.value for m in gz.find_places("a fab to be built by Tata Electronics in Gujarat")} == {"IND"}
    text = "Renesas says its plant is shut.\nRelated: Sony shares slide as sensor plant stays shut | Explainer\n"
    assert "Sony" not in strip_boilerplate(text) and "Renesas" in strip_boilerplate(text)


def test_names_many_places_share_or_that_name_firms_and_people_are_no_places():
    text = ("Lithium Americas, which ships to the Americas, mines in the Central Region; chief executive Nelson "
            "Pizarro spoke.")
    assert {m.value for m in gz.find_places(text)} == set()
    # a city whose first letters are a leader's alias, a president whose first name is another's surname
    assert [(m.value, m.text) for m in gz.find_places("a NAND flash plant in Xi'an")] == [("CHN", "Xi'an")]
    assert {m.value for m in gz.find_places("a visit by President Petro Poroshenko")} == {"UKR"}
    # a commission named by its own words is not Europe's, even where the text names Europe elsewhere
    text = "The U.S. Nuclear Regulatory Commission licensed Urenco, a European consortium."
    assert [m.text for m in gz.find_places(text) if m.value == "EU27"] == ["European"]


def test_a_headlines_tariff_takes_the_rates_of_the_standfirst_under_it():
    text = ("Vietnam slaps temporary safeguard duties on imported steel billet and long products\n\nHanoi, 8 March "
            "2016 - Trade ministry sets 23.3% on billet and 14.2% on bars from March 22 for up to 200 days.")
    (ev,) = [e for e in _events(text, date(2016, 3, 8)) if e["kind"] == "tariff"]
    assert ev["actors"] == ["VNM"] and {m["value"] for m in ev["magnitude"]} >= {23.3, 14.2}


def test_a_second_memorandum_with_the_bloc_is_the_blocs_and_the_firms_of_a_country_are_no_party():
    text = ("BRUSSELS, Oct 26 - The European Union signed a strategic partnership on raw materials with the Democratic "
            "Republic of Congo on Thursday, where Chinese companies dominate mining.\n\nZambia signed a similar "
            "memorandum with the bloc a few hours later, covering copper and cobalt.")
    evs = [e for e in _events(text, date(2023, 10, 26)) if e["kind"] == "cooperation"]
    assert [sorted(e["actors"]) for e in evs] == [["COD", "EU27"], ["EU27", "ZMB"]]


def test_ministers_who_signed_the_agreement_tell_the_pact_just_told():
    text = ("South Korea and the United Arab Emirates signed a comprehensive economic partnership agreement in Seoul "
            "on Wednesday. Trade Minister Ahn Duk-geun and UAE Minister Thani Al Zeyoudi signed the agreement after a "
            "summit.")
    assert [e["kind"] for e in _events(text, date(2024, 5, 29))] == ["trade_agreement"]


def test_a_month_after_a_past_verb_is_the_one_gone():
    (d,) = find_dates("The Commission proposed a Critical Raw Materials Act in March, setting targets.",
                      date(2023, 10, 26))
    assert d.value == "2023-03"


def test_a_governments_own_project_with_no_other_country_named_stands_in_its_land():
    text = ("CALAMA, Aug 14, 2019 - Chilean President Sebastian Pinera on Wednesday inaugurated state miner Codelco's "
            "Chuquicamata underground copper mine, a $5 billion project.")
    (ev,) = [e for e in _events(text, date(2019, 8, 14)) if e["kind"] == "project"]
    assert (ev["actors"], ev["targets"]) == (["CHL"], ["CHL"])
    # a country's loan to a site abroad keeps its own target (the site's country), not the lender's
    text = "Japan's JOGMEC will lend $100 million for a rare earths separation plant in Malaysia."
    (ev,) = [e for e in _events(text, date(2019, 8, 14)) if e["kind"] == "project"]
    assert ev["targets"] == ["MYS"]


def test_bulleted_key_points_are_sentences_of_their_own():
    text = ("Key points\n* Trump orders 25% tariffs on all Colombian goods, rising to 50% after a week\n"
            "* Petro answers with a 25% duty on US imports\n")
    evs = [e for e in _events(text, date(2025, 1, 26)) if e["kind"] == "tariff"]
    assert [(e["actors"], e["targets"]) for e in evs] == [(["USA"], ["COL"]), (["COL"], ["USA"])]


@pytest.mark.parametrize("text, subkind", [
    ("China has added AI technologies to its list of technologies that cannot be exported without government "
     "approval.", "technology"),
    ("India's exports of sugar for the season are capped at 10 million tonnes.", "quota"),
    ("India's first restriction on sugar exports in six years took effect on Wednesday.", "licence"),
])
def test_controls_told_in_the_passive_or_before_their_goods(text, subkind):
    evs = [e.to_dict() for e in extract(text, date(2022, 6, 3), weighed=False) if e.kind == "export_control"]
    assert [(e["subkind"], e["actors"]) for e in evs] == [(subkind, [evs[0]["actors"][0]])] and evs[0]["actors"]


def test_a_tariff_removed_is_news_without_a_rate_and_a_halt_forced_is_told_in_the_past():
    evs = _events("Egypt has scrapped the safeguard duties on imports of steel billet and rebar.", date(2021, 11, 16))
    assert [(e["kind"], e["subkind"], e["actors"]) for e in evs] == [("tariff", "suspension", ["EGY"])]
    (d,) = find_dates("Freak rainstorms forced some of Chile's biggest copper mines to stop work on Wednesday",
                      date(2015, 3, 26))
    assert d.value == "2015-03-25"


def test_a_digests_items_stand_apart_and_its_summary_line_is_boilerplate():
    from chokepoints.events.text import strip_boilerplate

    assert strip_boilerplate("October in four items: a fab, a plant.\n").strip() == ""
    text = ("1) JAPAN: Tokyo tops up support for Micron's Hiroshima fab\nTOKYO, 3 Oct - METI will give Micron up to "
            "¥192 billion in subsidies for its Hiroshima plant.\n---\n2) VIETNAM: Amkor opens its largest site\n"
            "BAC NINH, 11 Oct - Amkor Technology inaugurated its first Vietnamese factory on Wednesday, an advanced "
            "packaging and test plant outside Hanoi.\n")
    evs = [e for e in extract(text, date(2023, 10, 31), weighed=False) if e.kind == "project"]
    # (Amkor is a private firm: the Vietnamese factory is the site, no government acts)
    assert [(e.values("actors"), e.values("targets")) for e in evs][-1] == ([], ["VNM"])


def test_countries_given_as_examples_of_origins_are_targets_and_as_comparisons_no_parties():
    ev = _one("Mexico raised import tariffs on steel to 15%, in a decree that targets shipments from countries such as "
              "China, Russia and Ukraine.", "tariff")
    assert (ev["actors"], ev["targets"]) == (["MEX"], ["CHN", "RUS", "UKR"])
    evs = _events("Ecuador and China signed a free trade agreement on Wednesday, making Ecuador the fourth Latin "
                  "American country to secure such a deal with Beijing after Chile, Peru and Costa Rica.",
                  date(2023, 5, 11))
    assert sorted(evs[0]["actors"]) == ["CHN", "ECU"]


def test_a_sum_converted_into_another_currency_is_told_once():
    found = [m[0] for m in find_magnitudes("to unlock C$6.4 billion ($4.6 billion) of projects; €2bn (about $2.2bn)")]
    assert found == [(6400, "MCAD"), (2000, "MEUR")]
    # a sum in a currency without a unit keeps the converted figure (annotation guide)
    assert [m[0] for m in find_magnitudes("1.26 trillion rupees ($15.2 billion)")] == [(15200, "MUSD")]


def test_a_measure_takes_the_date_the_next_sentence_says_it_came_into_force():
    text = ("NEW DELHI, Sept 7, 2023 - India has removed the additional customs duties it imposed on US apples and "
            "walnuts in 2019. The change took effect on Wednesday, the finance ministry said.")
    (ev,) = [e for e in _events(text, date(2023, 9, 7)) if e["kind"] == "tariff"]
    assert ("effective", "2023-09-06") in {(d["role"], d["value"]) for d in ev["dates"]}


def test_what_would_have_happened_a_described_pair_and_a_fact_named_by_an_old_year_are_no_news():
    text = ("Colombia is a dominant supplier of cut flowers to US retailers, so a 50% levy would have landed quickly "
            "on shelves. Sibanye-Stillwater's two Montana mines are the only primary platinum producers in the "
            "United States. The most serious earlier disruptions for Taiwanese fabs have been natural: the 1999 "
            "Chi-Chi earthquake halted production for weeks.")
    assert extract(text, date(2025, 1, 26), weighed=False) == []


def test_a_plant_halt_far_below_a_headline_that_names_no_plant_is_a_fact_of_its_own():
    text = ("LIVE: Yellowstone floods - park shut, Montana towns cut off\n\n" + "The park service says roads are "
            "closed. " * 16 + "\n\nThe company says operations at its Stillwater palladium and platinum mine, the "
            "largest in the US, have been suspended since Monday's flooding.")
    evs = [e for e in extract(text, date(2022, 6, 14), weighed=False) if e.kind == "supply_disruption"]
    assert [("have been suspended" in e.trigger.text, e.values("materials")) for e in evs] == [
        (True, ["palladium", "platinum"])]


def test_talks_concluded_are_a_deal_and_a_strategys_tiers_name_its_members():
    evs = _events("The European Union and Mexico concluded political negotiations on Friday to modernise their "
                  "Global Agreement.", date(2025, 1, 20))
    assert [(e["kind"], sorted(e["actors"])) for e in evs] == [("trade_agreement", ["EU27", "MEX"])]
    text = ("CAPE TOWN, 20 May 2025 - South Africa's cabinet has approved the country's Critical Minerals and Metals "
            "Strategy, the minister said on Tuesday. Platinum, manganese, chrome and palladium are classed as highly "
            "critical; copper, cobalt and lithium as critical.")
    (ev,) = [e for e in _events(text, date(2025, 5, 20)) if e["kind"] == "strategy"]
    assert {"platinum", "manganese", "palladium", "cobalt"} <= set(ev["materials"])


def test_a_first_production_told_with_its_scale_is_a_project():
    evs = [e.to_dict() for e in extract("Saskatchewan Research Council starts commercial-scale rare earth metal "
                                        "production in Saskatoon.", date(2024, 9, 16), weighed=False)]
    assert [e["kind"] for e in evs] == ["project"]


# ---- thirteenth pass: the vocabulary of heldout13's misses, each told in other words


@pytest.mark.parametrize("text, kind, subkind", [
    ("Beijing's customs agency said it would suspend imports of all seafood originating in Japan from Friday.",
     "tariff", "import_ban"),
    ("Taipei's ban on pork products from five Philippine provinces came into force on Monday.", "tariff",
     "import_ban"),
    ("Seoul said wheat from Russia will face an additional 40% ad valorem duty from July.", "tariff", ""),
    ("Washington banned US firms from selling chips and software to Huawei for five years.", "export_control", "ban"),
    ("Glencore said it would close the underground zinc mines at Rosebery in Tasmania next year.",
     "supply_disruption", ""),
    ("BHP said on Monday it would not go ahead with the nickel refinery it had studied in Indonesia.",
     "supply_disruption", ""),
    ("Niger's junta said it was nationalising Somair, the uranium company that runs the Arlit mine.", "project",
     "mining"),
    ("Kazakhstan's parliament approved a sweeping revision of the country's 2017 mining code on Thursday.",
     "strategy", ""),
    ("Executive Order 22, signed on Monday, lets the Philippine government grant new mineral agreements for nickel.",
     "strategy", ""),
    ("The EU and Chile endorsed a Joint Declaration of Intent on critical raw materials.", "cooperation", ""),
    ("Kazakhstan caps fertiliser exports for six months from December.", "export_control", "quota"),
    ("The island-wide blackout cut power to the Moa nickel and cobalt plant in Cuba.", "supply_disruption", ""),
    ("Peru's regulator ordered the total and definitive closure of the Tintaya copper mine.", "supply_disruption", ""),
    ("Shin-Etsu said lines at its silicon wafer plants in the quake-hit region of Japan have also been stopped.",
     "supply_disruption", ""),
    ("The Department of Defense has awarded $15 million to Graphite One to map graphite deposits in Alaska.",
     "project", ""),
    ("Japan's cabinet approved an extra budget that sets aside 100 billion yen to cut its reliance on Chinese rare "
     "earths.", "strategy", ""),
    ("Canada's budget sets aside C$1.5 billion for critical minerals infrastructure.", "strategy", ""),
    ("Japan and India declared the conclusion of negotiations on an economic partnership agreement.",
     "trade_agreement", ""),
    ("India's DGFT prohibited the import of drones with immediate effect.", "tariff", "import_ban"),
    # (from heldout15's misses)
    ("Ukraine will stop exporting sunflower oil from 1 March, the government said on Friday.", "export_control",
     "ban"),
    ("Vietnam to suspend all rice imports for 30 days from 1 May", "tariff", "import_ban"),
    ("India's defence ministry will impose an embargo on the import of 101 items.", "tariff", "import_ban"),
    ("Glencore said it will suspend copper and cobalt output at Mutanda in Congo for two years.", "supply_disruption",
     ""),
    ("OCI stopped producing polysilicon at its Gunsan complex in South Korea on Thursday.", "supply_disruption", ""),
    ("Hanwha said it will close its 15,000 tonne-a-year polysilicon plant at Yeosu in South Korea.",
     "supply_disruption", ""),
    ("Peru's Congress gave final approval to a new royalty on large copper miners on Wednesday.", "strategy", ""),
    ("Zambia's president signed the revised mining code into law on Friday.", "strategy", ""),
])
def test_vocabulary_of_the_thirteenth_pass(text, kind, subkind):
    evs = [e for e in extract(text, REF5, weighed=False) if e.kind == kind]
    assert evs and evs[0].subkind == subkind, [(e.kind, e.subkind, e.trigger.text) for e in extract(text, REF5)]


@pytest.mark.parametrize("text", [
    "A large deposit of rare earths has been identified close to the iron ore mines at Kiruna, LKAB said.",
    "The court ruled that the decree scrapping the spatial plan for the mine near Loznica had been unlawful.",
    "Mexico's Senate received the amendment to the 1992 mining law on Sunday.",
])
def test_near_misses_of_the_thirteenth_pass_are_no_events(text):
    assert [e.kind for e in extract(text, REF5, weighed=False) if e.kind in ("supply_disruption", "strategy")] == []


def test_places_of_goods_and_listed_firms_are_targets_and_a_restart_month_is_its_start():
    ev = _one("Niger's junta said it was nationalising Somair, the uranium company that runs the Arlit mine.",
              "project")
    assert (ev["actors"], ev["targets"]) == (["NER"], ["NER"])  # a government takes a mine in its own land
    ev = _one("Taipei's ban on pork products from 5 Philippine provinces came into force on Monday.", "tariff")
    assert (ev["actors"], ev["targets"]) == (["TWN"], ["PHL"])
    ev = _one("The U.S. Commerce Department on Tuesday added 40 companies to its entity list, more than 20 of them in "
              "China.", "export_control")
    assert (ev["actors"], ev["targets"]) == (["USA"], ["CHN"])
    text = ("CASPER, Wyoming, Aug 21 - Ur-Energy has restarted uranium production at its Lost Creek operation in "
            "Wyoming, the company said. Production at Lost Creek resumed this month, the company said.")
    evs = [e for e in _events(text, date(2024, 8, 21)) if e["kind"] == "project"]
    assert ("start", "2024-08") in {(d["role"], d["value"]) for e in evs for d in e["dates"]}


def test_two_governments_agreeing_to_explore_cooperate_and_a_grouped_sum_of_euros_is_money():
    evs = _events("PARIS, Oct 12, 2023 - France and Mongolia signed an agreement on Thursday to explore for lithium in "
                  "the Asian country, with Paris putting up 400,000 euros for a survey.", date(2023, 10, 12))
    assert [(e["kind"], sorted(e["actors"])) for e in evs] == [("cooperation", ["FRA", "MNG"])]
    assert [(m["value"], m["unit"]) for m in evs[0]["magnitude"]] == [(0.4, "MEUR")]
    # a firm's agreement to build stays a project; a price in plain dollars stays no sum
    evs = _events("Bolivia's YLB signed an agreement with a Chinese consortium to build two lithium plants.",
                  date(2023, 1, 20))
    assert [e["kind"] for e in evs] == ["project"]
    assert find_magnitudes("The spot price was 50 dollars, or 7,000 yen.") == []


def test_a_pair_of_metals_names_both_and_a_trade_directorate_acts_for_its_government():
    assert [m.value for m in gz.find_materials("the lithium-boron project and a nickel-cobalt refinery")] == \
        ["lithium", "nickel", "cobalt"]
    assert [m.value for m in gz.find_materials("lithium-ion cells and copper-bearing ore")] == ["copper"]
    ev = _one("The Directorate General of Foreign Trade prohibited the import of drones with immediate effect.",
              "tariff")
    assert ev["actors"] == ["IND"]


def test_immediately_is_the_day_told_and_a_pact_in_force_at_midnight_takes_effect_that_day():
    text = ("WASHINGTON, Aug 18, 2020 - The Commerce Department on 17 August 2020 added 38 Huawei affiliates to the "
            "Entity List, effective immediately.")
    (ev,) = _events(text, date(2020, 8, 18))
    assert {(d["role"], d["value"]) for d in ev["dates"]} == {("announced", "2020-08-17"), ("effective", "2020-08-17")}
    text = ("SEOUL, March 15, 2012 - The free trade agreement between South Korea and the United States came into "
            "force at midnight on Thursday.")
    (ev,) = _events(text, date(2012, 3, 15))
    assert ("effective", "2012-03-15") in {(d["role"], d["value"]) for d in ev["dates"]}
    text = ("NEW DELHI, December 4, 2015 - The first shipment of uranium from Kazakhstan has reached India. The "
            "consignment of 250 tonnes of uranium arrived at an Indian port on Thursday, officials said.")
    evs = [e for e in _events(text, date(2015, 12, 4)) if e["kind"] == "new_source"]
    assert ("start", "2015-12-03") in {(d["role"], d["value"]) for e in evs for d in e["dates"]}


def test_a_country_at_war_and_one_country_of_a_region_are_no_parties():
    ev = _one("President Biden on Monday signed a law banning imports of Russian enriched uranium, two years after "
              "Russia's invasion of Ukraine.", "tariff")
    assert (ev["actors"], ev["targets"]) == (["USA"], ["RUS"])
    evs = _events("A separate pact with Iceland, the first free trade agreement China ever signed with a European "
                  "country, also took effect on Tuesday.", date(2014, 7, 1))
    assert sorted(evs[0]["actors"]) == ["CHN", "ISL"]


def test_a_measure_only_looked_into_an_idle_plant_and_a_pact_with_a_mineral_rich_partner():
    text = ("MOSCOW - President Vladimir Putin on Wednesday asked his government to look into possible restrictions "
            "on exports of uranium, titanium and nickel.")
    assert [e.kind for e in extract(text, date(2024, 9, 11), weighed=False)] == []
    text = "It bought the mine and Molycorp's idle processing plant in California at an auction for $20.5 million."
    assert [e.kind for e in extract(text, REF5, weighed=False) if e.kind == "supply_disruption"] == []
    evs = _events("Shinzo Abe and Prime Minister Chimed Saikhanbileg of Mongolia signed the economic partnership "
                  "agreement in Tokyo on Tuesday; Japanese cars get cheaper in its mineral-rich partner.",
                  date(2015, 2, 10))
    assert [(e["kind"], sorted(e["actors"])) for e in evs] == [("trade_agreement", ["JPN", "MNG"])]


def test_a_government_telling_producers_to_stop_shipments_abroad_bans_exports():
    text = ("JAKARTA, Jan 1, 2022 - In a letter dated 31 December, Indonesia's energy ministry told coal producers to "
            "stop shipments abroad from 1 January to 31 January.")
    evs = [e for e in extract(text, date(2022, 1, 1), weighed=False)]
    assert [(e.kind, e.subkind, e.values("actors")) for e in evs] == [("export_control", "ban", ["IDN"])]


def test_a_yearly_rate_told_once_for_two_tonnages_and_a_pacts_cover_of_its_tariff_lines():
    found = [m[0] for m in find_magnitudes("designed to produce about 40,000 tonnes of nickel and 4,000 tonnes of "
                                           "cobalt a year")]
    assert found == [(40000, "t/yr"), (4000, "t/yr")]
    assert [m[0] for m in find_magnitudes("exported 5,000 tonnes of nickel and bought 7,500 tonnes of cobalt")] == \
        [(7500, "t")]  # (the first is a statistic; neither is a yearly rate)
    assert [m[0] for m in find_magnitudes("zero-duty access on 97.5% of its tariff lines")] == [(97.5, "%")]
    assert find_magnitudes("supplies 60% of its needs") == []


def test_a_joint_declaration_of_intent_on_critical_minerals_is_a_pact_not_a_strategy():
    evs = _events("Canada and Germany signed a joint declaration of intent on critical minerals cooperation in Berlin "
                  "on Tuesday, agreeing to work together on projects.", date(2025, 8, 27))
    assert [(e["kind"], sorted(e["actors"] + e["targets"])) for e in evs] == [("cooperation", ["CAN", "DEU"])]
    evs = _events("Namibia's cabinet on Monday declared lithium and rare earths strategic minerals.", date(2025, 8, 27))
    assert [e["kind"] for e in evs] == ["strategy"]


def test_measures_set_by_two_numbered_acts_are_two_facts_however_alike():
    text = ("By Implementing Regulation (EU) 2015/1952 the Commission has extended the 64.3% anti-dumping duty on "
            "molybdenum wire from China for five years.\n\nBy Implementing Regulation (EU) 2015/1953 the Commission "
            "imposes definitive anti-dumping duties on grain-oriented electrical steel from China, Japan, South "
            "Korea, Russia and the United States.")
    evs = [e for e in extract(text, date(2015, 10, 30), weighed=False) if e.kind == "tariff"]
    assert [sorted(e.instruments) for e in evs] == [["regulation 2015/1952"], ["regulation 2015/1953"]]



def test_a_first_delivery_of_fuel_assemblies_is_a_new_source_and_the_delegations_are_both_parties():
    text = ("PRAGUE, March 10, 2025 - The first 30 Westinghouse fuel assemblies, loaded with enriched uranium and made "
            "in Sweden, arrived at the Czech Temelin nuclear plant on Monday, ending its reliance on Russian fuel.")
    evs = [e for e in extract(text, date(2025, 3, 10), weighed=False) if e.kind == "new_source"]
    assert len(evs) == 1 and "CZE" in evs[0].values("targets") + evs[0].values("actors")
    text = ("Chile and the United Arab Emirates signed a comprehensive economic partnership agreement in Abu Dhabi on "
            "Monday.\n\nAlongside the trade deal, the delegations exchanged memorandums of understanding on mining, "
            "food security and investment.")
    pacts = [e for e in extract(text, date(2024, 10, 28), weighed=False) if e.kind == "cooperation"]
    assert [sorted(e.values("actors") + e.values("targets")) for e in pacts] == [["ARE", "CHL"]]


def test_a_press_release_that_names_its_country_only_at_its_foot_is_that_countrys_measure():
    text = ("Ministry of Economic Affairs and Employment\nPress release 30.5.2023\n\nAmended Mining Act to enter into "
            "force on 1 June\n\nThe amendments to the Mining Act will enter into force on Thursday 1 June 2023. The "
            "reform gives local residents more say over mining projects.\n\nMining authority: Finnish Safety and "
            "Chemicals Agency (Tukes)")
    evs = [e for e in extract(text, date(2023, 5, 30), weighed=False) if e.kind == "strategy"]
    assert [e.values("actors") for e in evs] == [["FIN"]]


def test_a_trade_defence_measures_rates_and_in_force_day_told_after_it_are_its_own():
    text = ("Brussels has kept its anti-dumping duties on ferro-silicon from China and Russia for another five years. "
            "Commission Implementing Regulation (EU) 2020/909 was published in the Official Journal on Wednesday "
            "(1 July) and took effect yesterday (2 July).\n\nThe rates are unchanged: Chinese producers face duties "
            "ranging from 15.6% to 31.2%.")
    (ev,) = [e for e in extract(text, date(2020, 7, 3), weighed=False) if e.kind == "tariff"]
    assert ev.values("materials") == ["silicon"]  # (ferro-silicon: the alloy is the metal's trade)
    assert {(v[0], v[1]) for v in ev.values("magnitude")} == {(5, "years"), (15.6, "%"), (31.2, "%")}
    assert {"role": "effective", "value": "2020-07-02"} in ev.to_dict()["dates"]
    text = ("By Decision No. 129 of 21 September 2021, the Board of the Eurasian Economic Commission imposed "
            "anti-dumping duties on graphite electrodes originating in China.\n\nDuty rates range from 14.04% to "
            "28.20% of customs value, depending on the exporter.")
    (ev,) = [e for e in extract(text, date(2021, 9, 28), weighed=False) if e.kind == "tariff"]
    assert {14.04, 28.2} <= {v[0] for v in ev.values("magnitude")}


def test_a_numbered_act_that_sets_its_own_duties_is_not_the_measure_before_it():
    text = ("Canada's countermeasures took effect on Sunday. The Department of Finance is applying surtaxes to C$16.6 "
            "billion of imports from the United States.\n\nCommission "
            "Implementing Regulation (EU) 2018/886 put additional duties of 25% on EUR 2.8 billion of US goods from "
            "22 June.")
    evs = [e for e in extract(text, date(2018, 7, 2), weighed=False) if e.kind == "tariff"]
    assert [e.values("actors") for e in evs] == [["CAN"], ["EU27"]]


def test_a_date_in_brackets_restates_the_one_before_it_and_takes_its_role():
    text = "The regulation was published on Wednesday (1 July) and took effect yesterday (2 July)."
    assert [(d.role, d.value) for d in find_dates(text, date(2020, 7, 3))] == [
        ("announced", "2020-07-01"), ("announced", "2020-07-01"), ("effective", "2020-07-02"),
        ("effective", "2020-07-02")]


def test_ferro_alloys_are_their_metals_and_the_us_itc_is_no_european_commission():
    assert [v for v, _t in _mats("duties on silicomanganese, ferro-silicon, ferronickel and ferromolybdenum")] == [
        "manganese", "silicon", "nickel", "molybdenum"]
    text = ("The U.S. International Trade Commission today voted to keep antidumping duty orders on silicomanganese "
            "from China and Ukraine.")
    (ev,) = [e for e in extract(text, date(2012, 10, 11), weighed=False) if e.kind == "tariff"]
    assert ev.values("actors") == ["USA"] and ev.values("materials") == ["manganese"]
    text = ("WASHINGTON, Oct. 11, 2012 - The U.S. International Trade Commission today voted to keep antidumping duty "
            "orders on silicomanganese from China and Ukraine. The Commission voted 5-0.")
    assert "EU27" not in {m.value for m in gz.TextIndex(text).places(0, len(text))}
    text = "The EU's executive said on Monday that the Commission had extended the duties on Chinese silicon."
    assert [m.text for m in gz.find_places(text) if m.value == "EU27"] == ["EU", "Commission"]
    # another commission named by its own words, with no word of the EU: the bare "Commission" is that one
    for text in ("The Federal Communications Commission on Friday barred approvals of new equipment. The "
                 "Commission voted 4-0.",
                 "The Legislative and Oversight Commission approved the mining law. Commission members said ..."):
        assert "EU27" not in {m.value for m in gz.find_places(text)}
    assert [m.value for m in gz.find_places("Commission adopts raw materials strategy")] == ["EU27"]


def test_a_digests_item_heading_names_its_country_and_its_items_inherit_nothing_from_the_one_before():
    text = ("EURASIAN RAW MATERIALS TRADE - FORTNIGHTLY\nEdition of 31 May 2024\n\nA busy fortnight between the Black "
            "Sea and the Chinese border.\n\nKAZAKHSTAN - Scrap export ban extended for six months\nAn order signed by "
            "the minister on 23 April prolongs the country's scrap regime for another six months.\n\nRUSSIA - "
            "Precious-metal scrap stays at home\nPrime Minister Mikhail Mishustin on 17 May signed a resolution "
            "banning exports of waste and scrap of precious metals.\n\nUKRAINE - Coal exports allowed again\nOn "
            "Thursday the Cabinet of Ministers replaced the zero quota on exports of hard coal with a quota of 1,153 "
            "thousand tonnes for 2024.")
    evs = [e for e in _extractor.candidates(text, date(2024, 5, 31)) if e.kind == "export_control"]
    assert [e.values("actors") for e in evs] == [["KAZ"], ["RUS"], ["UKR"]]
    # a story's dateline is still a place, not an actor, though its line is hard-wrapped with no full stop
    assert roles.datelines("HANOI, Jan 18, 2012 - Vietnam has stopped exports of iron ore.\n") != []
    text = "HANOI - Vietnam has stopped exports of iron ore and will bar\nshipments of titanium ore from July.\n"
    assert roles.datelines(text) == [(0, 8)]
    assert [e.values("actors") for e in _extractor.candidates(text, date(2012, 1, 18))] == [["VNM"]]
    # one pattern of an upper-case name for both: a curly apostrophe in a dateline's city, full stops in a heading's
    assert roles.datelines("N’DJAMENA - Chad has suspended gold exports.\n") == [(0, 12)]
    # the wire's forms of a dateline: a date day first or month first, with or without a year, and the agency
    for line in ("ACCRA, March 12 (Reuters) - ", "ACCRA, 12 March 2019 - ", "ACCRA (Reuters) - ", "ACCRA, Mar. 12 - "):
        assert roles.datelines(line + "Ghana capped manganese exports.\n") == [(0, len(line))], line
    text = ("MINERALS WEEK\n\nU.S. - Tariff on graphite anodes\nWashington set a 93.5% duty on graphite anodes from "
            "China.\n\nMALAYSIA - Rare earth raw material export ban\nThe government will bar exports of rare earth "
            "raw materials.")
    assert {a for e in _extractor.candidates(text, date(2025, 7, 20)) for a in e.values("actors")} == {"USA", "MYS"}
    assert roles.datelines(text) == []
    assert len(textindex.Index(text).breaks) == 2


def test_exports_allowed_to_firms_named_at_length_and_ores_that_may_not_be_exported():
    text = ("Indonesia has allowed PT Modern Cahaya Makmur and PT Integra Mining Nusantara to resume nickel ore "
            "exports after they showed progress on their smelters.")
    assert [(e.kind, e.values("actors")) for e in extract(text, date(2018, 12, 4), weighed=False)] == [
        ("export_control", ["IDN"])]
    text = "Vietnam said that from July 1, unprocessed titanium ore may not be exported."
    assert [e.kind for e in extract(text, date(2012, 1, 18), weighed=False)] == ["export_control"]
    text = "China said the annual export limit for tungsten will be 15,400 tonnes in 2012."
    assert [(e.kind, e.subkind) for e in extract(text, date(2011, 10, 31), weighed=False)] == [
        ("export_control", "quota")]


def test_the_us_export_rules_own_words_licence_requirements_exceptions_and_end_users():
    text = ("WASHINGTON, April 28, 2020 - The Commerce Department's Bureau of Industry and Security expanded the "
            "licence requirements for items destined for military end users in China, Russia and Venezuela.")
    (ev,) = [e for e in extract(text, date(2020, 4, 28), weighed=False) if e.kind == "export_control"]
    assert ev.values("actors") == ["USA"] and set(ev.values("targets")) == {"CHN", "RUS", "VEN"}
    text = "In a second final rule, BIS has eliminated License Exception Civil End Users (CIV)."
    assert [(e.kind, e.values("actors")) for e in extract(text, date(2020, 4, 28), weighed=False)] == [
        ("export_control", ["USA"])]
    text = "France is introducing a national licensing requirement for exports of quantum computers."
    assert [(e.kind, e.values("actors")) for e in extract(text, date(2024, 2, 10), weighed=False)] == [
        ("export_control", ["FRA"])]


def test_a_classifier_event_below_the_lead_is_news_without_a_date_or_an_amount():
    # the date-or-amount rule of thumb (`newsworthy.anchored`) stands in for the classifier's own judgement of a
    # sentence
    from chokepoints.events.facts import Event, Fact
    from chokepoints.events.readings import READER
    ev = Event("trade_agreement", "", Fact("trade_agreement", 900, 1000, "signed"), span=(900, 1000))
    assert not newsworthy.anchored(ev)
    ev.read_by = READER
    assert newsworthy.anchored(ev)


def test_a_classifier_event_takes_its_storys_material_and_a_halt_its_storys_country():
    from chokepoints.events.facts import Event, Fact
    from chokepoints.events.setting import story_setting
    text = ("Syrah Resources said its Balama mine in Mozambique shipped graphite again in June. Graphite prices had "
            "fallen all year, and natural graphite from Africa competes with Chinese flake graphite. The first "
            "vessel left the port of Nacala on Tuesday.")
    lo = text.index("The first vessel")
    ix = textindex.Index(text)
    ev = Event("new_source", "", Fact("new_source", lo, len(text), text[lo:]), span=(lo, len(text)))
    story_setting(ev, ix, lo)
    assert ev.values("materials") == ["graphite"]
    halt = Event("supply_disruption", "", Fact("supply_disruption", lo, len(text), text[lo:]), span=(lo, len(text)))
    story_setting(halt, ix, lo)
    assert ev.values("targets") == [] and halt.values("targets") == ["MOZ"]


def test_a_government_that_orders_a_halt_in_its_own_land_acts_on_it():
    halt = ("LIMA - Chinalco has stopped mining at its Toromocho copper project in Peru after the country's "
            "environmental regulator ordered it on Friday to halt operations.")
    assert [(e["kind"], e["actors"], e["targets"]) for e in _events(halt, date(2014, 4, 1))] == [
        ("supply_disruption", ["PER"], ["PER"])]
    # a landslide is no government's act (the annotation guide: weather, fire, accidents give no actor)
    slide = "Glencore halted production at its Mutanda copper and cobalt mine in Congo on Tuesday after a landslide."
    assert [(e["actors"], e["targets"]) for e in _events(slide, date(2019, 8, 8))] == [([], ["COD"])]


def test_a_pact_told_with_its_two_parties_gains_none_from_what_is_said_of_it_after():
    text = ("Chile and Indonesia signed a Comprehensive Economic Partnership Agreement on Thursday. The deal follows "
            "similar pacts Jakarta has with Malaysia and Thailand, and Vietnam is next in line.")
    assert [(e["kind"], e["actors"]) for e in _events(text, date(2017, 12, 15))] == [
        ("trade_agreement", ["CHL", "IDN"])]
    # but a list of its members names them, however many the pact had
    listed = ("Chile and Japan signed the trade pact in Santiago on Thursday. The signatories - Australia, Brunei, "
              "Canada, Chile and Japan - account for 13.5 percent of world output.")
    (ev,) = _events(listed, date(2018, 3, 9))
    assert {"AUS", "BRN", "CAN", "CHL", "JPN"} <= set(ev["actors"])


def test_a_dated_entry_into_force_told_after_a_measure_or_pact_is_its_effective_date():
    text = ("Vietnam and Israel signed a free trade agreement in Hanoi on Tuesday. Its provisions apply from 1 January "
            "2024, the trade ministry said.")
    (ev,) = _events(text, date(2023, 7, 25))
    assert ev["dates"] == [{"role": "announced", "value": "2023-07-25"}, {"role": "effective", "value": "2024-01-01"}]


def test_dates_in_figures_quarters_and_the_end_of_a_year_as_an_end():
    def got(text):
        return [(d.role, d.value) for d in find_dates(text, date(2025, 9, 16))]
    # day/month unless only month/day makes a date; a quarter or half by its months; "until the end of 2026" is the
    # year's last day (the annotation guide's end), "by the end of 2025" a month
    assert got("16/09/2025 | Mercosur and EFTA states sign") == [("announced", "2025-09-16")]
    assert got("on 09/16/2025 the") == [("announced", "2025-09-16")]
    assert got("in the first quarter of 2024") == [("announced", "2024-01/2024-03")]
    assert got("output in Q3 2023 fell") == [("announced", "2023-07/2023-09")]
    assert got("valid until the end of 2026") == [("end", "2026-12-31")]
    assert got("by the end of 2025") == [("deadline", "2025-12")]
    assert got("from the start of 2026") == [("effective", "2026-01")]  # (a part of a year keeps its month)


def test_a_fact_told_again_keeps_where_it_was_told_again_as_evidence():
    # the body's sentence, read as going on with the headline's event, is where the text tells it again: it stays in
    # the evidence ("told") when the value filter drops the amounts and dates that were all its other evidence
    text = ("Drakelands tungsten mine officially opened on edge of Dartmoor\n\n"
            "The Drakelands mine at Hemerdon, near Plymouth, was officially opened this week, making it the first "
            "new metal mine in Britain for 45 years.")
    (ev,) = [e for e in extract(text, date(2015, 9, 24)) if e.kind == "project"]
    body = text.index("The Drakelands")
    assert ev.trigger.start < body and ev.told and all(f.start >= body for f in ev.told)
    told = ev.to_dict()["evidence"]["told"]
    assert all(text[f["start"]:f["end"]] == f["text"] for f in told)
    assert [f.to_dict() for f in ev.told] == told


def test_twins_merged_keep_the_later_telling_as_evidence():
    from chokepoints.events.facts import Event, Fact
    from chokepoints.events.merge import merge

    a = Event("export_control", "", Fact("export_control", 0, 5, "curbs"), actors=[Fact("CHN", 10, 15, "China")],
              materials=[Fact("gallium", 20, 27, "gallium")], span=(0, 30))
    b = Event("export_control", "", Fact("export_control", 40, 45, "curbs"), actors=[Fact("CHN", 50, 55, "China")],
              materials=[Fact("gallium", 60, 67, "gallium")], span=(40, 70))
    (one,) = merge([a, b])
    assert one.trigger.start == 0 and [f.start for f in one.told] == [40]
    assert merge([one, Event("export_control", "", one.trigger)])[0].told == one.told  # (its own trigger: not again)


def test_a_headline_restated_in_the_body_without_a_trigger_is_told_there():
    text = ("Cabinet caps manganese exports at 5 million tonnes a year - Minister\n\n"
            "ACCRA, 12 March 2019 - Ghana has placed an annual ceiling of five million tonnes on exports of "
            "manganese ore, the Minister of Lands and Natural Resources has disclosed.\n\n"
            "Prices of manganese ore were steady.")
    evs = [e for e in extract(text, date(2019, 3, 12)) if e.kind == "export_control"]
    assert len(evs) == 1 and evs[0].trigger.start < text.index("ACCRA")
    lead = text.index("ACCRA")
    assert [(f.start, f.role) for f in evs[0].told] == [(lead, "restated")]  # (the lead, not the prices after it)
    # a sentence naming neither its actor (the dateline's city is where, not who) nor its amount is not its
    # restatement
    other = text.replace("Ghana has placed an annual ceiling of five million tonnes on exports of manganese ore",
                         "Manganese ore sold briskly")
    assert not [e for e in extract(other, date(2019, 3, 12)) if e.kind == "export_control"][0].told



def test_a_headline_without_a_trigger_that_names_the_leads_countries_and_materials_tells_the_leads_event():
    # (thirty-first pass) the reverse of a restated headline: the rules read the lead, not the headline
    from chokepoints.events.facts import Event, Fact
    from chokepoints.events.merge import headline_restates
    from chokepoints.events.newsworthy import body_start
    from chokepoints.events.textindex import Index

    text = ("MINING | 4 May 2012\n\nSurvey team finds rare-earth mud inside Japan's waters off Minamitorishima\n\n"
            "Researchers said on Thursday the seabed deposit off the Japanese island holds an estimated 6.8 million "
            "tonnes of rare earths, about 220 times Japan's annual use.\n\nPrices of dysprosium were steady.")

    def lead_event(text):
        at = text.index("holds an estimated")
        return Event("new_source", "", Fact("new_source", at, at + 18, "holds an estimated"),
                     actors=[Fact("JPN", at - 40, at - 32, "Japanese")],
                     materials=[Fact("ree", at + 40, at + 51, "rare earths")])

    ev = lead_event(text)
    headline_restates([ev], Index(text), body_start(text))
    head = text.index("Survey team")
    assert [(f.start, f.role) for f in ev.told] == [(head, "headline")]
    # a headline naming one of them alone (the country, not the material) may be another story's
    other = text.replace("finds rare-earth mud inside", "maps the seabed of")
    ev = lead_event(other)
    headline_restates([ev], Index(other), body_start(other))
    assert ev.told == []

# ---- twenty-first pass: the vocabulary of heldout30's and heldout31's misses, each told in other words


@pytest.mark.parametrize("text, kind", [
    ("Commerce found on Tuesday that ferrosilicon from Brazil had been sold in the US at less than fair value.",
     "tariff"),
    ("The commission voted on Friday to keep anti-dumping orders on silicon metal from Russia for five years.",
     "tariff"),
    ("Jervois Global filed a prepackaged Chapter 11 case in Texas on Tuesday for its Idaho cobalt mine.",
     "supply_disruption"),
    ("Tianqi said on Friday it had ceased all works on the second lithium hydroxide train in Western Australia.",
     "supply_disruption"),
    ("Zambia began rationing electricity to copper mines on Monday as drought cut hydropower output.",
     "supply_disruption"),
    ("Nouveau Monde will receive US$9 million from Natural Resources Canada for its graphite anode plant.",
     "project"),
    ("Lomiko gets US$8.3 million from the Pentagon for its La Loutre graphite project in Quebec.", "project"),
    ("Ottawa is contributing US$3.6 million to Lomiko for its graphite project in Quebec.", "project"),
    ("The Prime Minister on Thursday dedicated to the nation a rare earth magnet plant in Visakhapatnam, India.",
     "project"),
    # fiscal policy on mining (the annotation guide's "strategy")
    ("China's legislature on Monday adopted the country's first Resource Tax Law, covering rare earths.",
     "strategy"),
    ("Mongolia's new Mining Law, was published on Friday and replaces the 2006 law on copper and coal mines.",
     "strategy"),
    ("Peru's Law 30,230, which amends the special tax on mining activity, took effect on Monday for copper mines.",
     "strategy"),
    ("India's mines ministry on Tuesday revised the royalty rates on lithium and niobium to 3% of their price.",
     "strategy"),
    ("Seoul will build the national rare earth stockpile up to 1,500 tonnes by 2014, the ministry said on Monday.",
     "strategy"),
    ("From 1 July, Quebec levies a 4% royalty on graphite concentrate sold from its mines.", "strategy"),
    ("Under Indonesia's new regulation, the flat 3% royalty on cobalt ore will be replaced by a sliding rate "
     "from June.", "strategy"),
    ("China's National Food and Strategic Reserves Administration has agreed to buy 2,000 tonnes of indium, "
     "traders said on Monday.", "strategy"),
    # a government's loan facility for projects is policy, not a project; a company approving construction is one
    ("The Canadian government will set up a C$1.5 billion loan facility to finance critical minerals projects.",
     "strategy"),
    ("Glencore approved construction of the Onaping Depth copper and nickel mine in Canada on Thursday.", "project"),
    # companies listed under the US forced-labour law: their goods are stopped at the border, an import ban
    ("The US on Tuesday added 37 companies in China to the Uyghur Forced Labor Prevention Act Entity List.",
     "tariff"),
])
def test_vocabulary_of_the_twenty_first_pass(text, kind):
    assert kind in [e["kind"] for e in _events(text)], _events(text)
    if "Forced Labor" in text:  # (not also an export control)
        assert [(e["kind"], e["subkind"]) for e in _events(text)] == [("tariff", "import_ban")]


@pytest.mark.parametrize("text, kind", [
    # a notice's own prohibitions and ceilings
    ("From 10 March, imports of iron ore and lead ore originating in North Korea are completely prohibited, "
     "China's commerce ministry said.", "tariff"),
    ("Exports of copper and aluminium products to Iran are prohibited from 1 May, Kazakhstan's trade ministry said "
     "in a notice.", "export_control"),
    ("Under the notice, exports of refined copper to North Korea shall not exceed 1,000 tonnes a year from "
     "1 January.", "export_control"),
    ("India on Monday placed imports of metallurgical coke under quantitative restrictions for six months.",
     "tariff"),
    ("On 14 March the European Commission adopted a delegated act that replaces Annex I to the Dual-Use "
     "Regulation, adding gallium equipment.", "export_control"),
    ("Japan's trade ministry said on Friday it would stop approving applications to ship chipmaking tools "
     "to Russia.", "export_control"),
    # trade defence kept, injury found, duties waived, sanctions lifted
    ("On 2 March the European Commission maintained the anti-dumping measures on Chinese silicon for a further "
     "two years.", "tariff"),
    ("The US International Trade Commission on Tuesday found that imports of tungsten wire from China threaten "
     "the domestic industry with material injury.", "tariff"),
    ("EU ministers on Monday lifted all of the bloc's sanctions on Myanmar except the arms embargo.", "tariff"),
    # royalties and fiscal laws
    ("Zambia on Friday raised the royalty it charges on copper to 9% from 6%, effective 1 April.", "strategy"),
    ("Kenya's mining royalty bill finally passed parliament on Tuesday, setting 8% on rare earths.", "strategy"),
    ("Quebec on Thursday announced a moratorium on new uranium exploration permits.", "strategy"),
    # licences granted, loans, equity
    ("Uganda's mines ministry on Monday granted three exploration licences to a rare earths miner near Mbale.",
     "project"),
    ("Export Development Canada agreed to lend up to C$40 million for the nickel mine in Quebec on Monday.",
     "project"),
    ("The Pentagon will invest $150 million in preferred equity in the US gallium refinery, the company said "
     "on Monday.", "project"),
    # cooperation in other words
    ("Japan and the Philippines on Saturday agreed to work together on nickel supply chains.", "cooperation"),
    ("France and Chile on Monday signed the Santiago Critical Minerals Declaration on lithium refining.",
     "cooperation"),
    # pacts in force by their acronyms, trade-defence orders reviewed, incentives, borders closed to goods
    ("The CPTPP enters into force for Costa Rica on Sunday, 14 December, the trade ministry in San Jose said.",
     "trade_agreement"),
    ("The Comprehensive Economic Partnership Agreement (CEPA) between India and the UAE will come into force "
     "on 1 May.", "trade_agreement"),
    ("After its sunset review, the US International Trade Commission said on Tuesday that the order on "
     "manganese dioxide from Australia will be revoked.", "tariff"),
    ("Ottawa on Tuesday announced a 30% critical mineral exploration tax credit for lithium and nickel "
     "explorers.", "strategy"),
    ("Poland said on Monday it is closing its border to 20 Ukrainian products, from grain to honey, until "
     "30 June.", "tariff"),
])
def test_vocabulary_of_the_twenty_second_pass(text, kind):
    assert kind in [e["kind"] for e in _events(text)], _events(text)


@pytest.mark.parametrize("text", [
    "The Kamoto project made its maiden shipment of cobalt hydroxide to South Korea on Friday.",
    "Vietnam has received its first consignment of rare earth concentrate from Brazil, the ministry said.",
    "The US Department of Energy on Monday took delivery of the first 900 kilograms of lithium from Nevada.",
    "Kazakh uranium has reached Argentina for the first time, the trading house said on Monday.",
    "The Kabanga mine started shipping nickel concentrate to refiners in Finland on Tuesday.",
    "The first cargo of spodumene from the new mine was discharged at Zhangjiagang on Sunday.",
])
def test_a_new_source_told_by_its_first_delivery_is_read_by_the_rules(text):
    # (the rules' own reading, not the classifier's: a file too long for the models is read by the rules alone)
    assert "new_source" in [e.kind for e in _extractor.candidates(text, date(2025, 6, 2))]


def test_a_clause_telling_one_more_measure_is_not_merged_into_the_first():
    # (the second ban names the same actor and no material of its own: the merge would join it, "also" says not)
    text = ("China's commerce ministry on Tuesday banned exports of gallium to the United States. "
            "The ministry also banned sales of chipmaking equipment to the United States from 1 May.")
    assert [e["kind"] for e in _events(text)].count("export_control") == 2


def test_the_three_leaders_are_the_last_three_countries_named():
    from chokepoints.events.facts import Event, Fact
    from chokepoints.events.setting import _other_parties
    text = ("The leaders of Japan, the Philippines and the United States met in Washington on Thursday. "
            "The three leaders agreed to work together on critical minerals supply chains.")
    ix = textindex.Index(text, REF5)
    lo = text.index("The three")
    ev = Event("cooperation", "", Fact("cooperation", lo, len(text), text[lo:]), span=(lo, len(text)))
    _other_parties(ev, ix, lo)
    assert sorted(ev.values("actors")) == ["JPN", "PHL", "USA"]


def test_forced_labour_turns_only_an_entity_listing_into_an_import_ban():
    text = ("The US on Tuesday banned exports of chipmaking tools to China, citing forced labour concerns "
            "in Xinjiang.")
    assert ("export_control", "ban") in [(e["kind"], e["subkind"]) for e in _events(text)]


@pytest.mark.parametrize("text, told", [
    ("stopped approving licences to export most items to Huawei Technologies", False),
    ("added Qihoo 360 Technology and CloudMinds to the Entity List", False),
    ("US Curbs Exports of Chip Technology to China", True),
    ("exports of rare earth extraction technology will need a licence", True),
    ("Technology used to make magnets may not be exported", True),
])
def test_a_firm_named_after_technology_is_no_control_of_technology(text, told):
    assert names_technology(text, 0, len(text)) is told


def test_goods_made_in_a_country_name_it_but_a_firm_based_there_does_not():
    # (twenty-seventh pass) "Chinese-made components": where the goods come from; "US-based": a firm's seat
    text = "Turkey has opened anti-dumping investigations into Chinese-made junction boxes. A US-based firm complained."
    assert [(m.value, text[m.start:m.end]) for m in gz.find_places(text)] == [("TUR", "Turkey"), ("CHN", "Chinese")]


def test_a_place_whose_name_holds_a_small_word_is_one_place():
    # (twenty-seventh pass) "Port of Spain" is Trinidad's capital, not Spain
    for text, code in (("Police in Port of Spain seized copper cable.", "TTO"),
                       ("The port of Rio de Janeiro was shut on Monday.", "BRA")):
        assert [m.value for m in gz.find_places(text)] == [code]


def test_a_companys_results_are_no_amount():
    # (twenty-seventh pass) annotation guide, "Amounts": what a company earned is no measure's size
    text = "The miner reported revenue of $1.2 billion and net income of $85 million; it will invest $400 million."
    got = [v for v, *_ in find_magnitudes(text)]
    assert got == [(400.0, "MUSD")]


def test_a_decimal_comma_before_a_scale_or_per_cent_is_a_decimal_point():
    # (twenty-ninth pass) "US$4,2 billion" (South African usage): 4.2 billion, not 42; a thousands comma stays one
    text = "It signed a US$4,2 billion agreement, set a duty of 12,5% and will invest $1,500 million."
    assert [v for v, *_ in find_magnitudes(text)] == [(4200, "MUSD"), (12.5, "%"), (1500, "MUSD")]


def test_a_package_measure_told_with_its_own_rate_is_one_more_event():
    # (twenty-ninth pass) annotation guide, "One event or two": each duty withdrawn with its own rate and goods
    text = ("New Delhi, 19 November 2022 - India has revised its export duties on iron ore and steel products.\n\n"
            "The export duty on iron ore lumps and fines has been reduced from 50% to 30%.\n\n"
            "The export duty of 45% on iron ore pellets has been withdrawn.")
    rates = sorted(sorted(f.value[0] for f in e.magnitude) for e in _extractor.candidates(text, date(2022, 11, 19)))
    assert rates == [[30, 50], [45]]


def test_a_memorandum_of_a_country_and_a_company_is_the_companys_project():
    # (twenty-ninth pass) annotation guide, "Kinds at their edges": a government's deal with a company is a project
    text = ("Indonesia and LG Energy Solution have signed a memorandum of understanding covering a USD 9.8 billion "
            "investment in nickel mining, smelting and battery cells.")
    assert [e.kind for e in _extractor.candidates(text, date(2020, 12, 31))] == ["project"]
    # but a ministry whose name ends in a company word is no company: "Science, Energy and Resources signed"
    text = ("Australia's Department of Industry, Science, Energy and Resources signed a memorandum with India's KABIL "
            "on lithium and cobalt.")
    assert [e.kind for e in _extractor.candidates(text, date(2020, 6, 4))] == ["cooperation"]


def test_an_alliance_a_government_launches_with_its_industry_is_a_strategy():
    text = ("BRUSSELS - The European Commission on Tuesday launched the European Raw Materials Alliance, an "
            "industry-led group that is to build up supply chains for rare earths and magnets, and signed a "
            "memorandum with Canada on critical minerals.")
    assert [e.kind for e in _extractor.candidates(text, date(2020, 9, 29))] == ["strategy"]


def test_how_much_trade_a_deal_frees_is_its_amount_though_told_roughly():
    # (twenty-ninth pass) "about 98% of tariff lines" is the pact's amount; "about 60% of the world's" stays a share
    text = ("China will scrap duties on about 98% of tariff lines; Jordan eliminates tariffs on more than 99 per cent "
            "of recent Canadian exports. China supplies about 60% of the world's graphite.")
    assert [(v, role) for v, _s, _e, _t, role in find_magnitudes(text)] == [((98, "%"), "share"), ((99, "%"), "share")]


def test_a_measure_only_weighed_is_no_event_for_the_rules_or_the_classifier():
    # (twenty-ninth pass) annotation guide, "Pending, proposed, threatened": a measure only considered is no event
    from chokepoints.events.triggers import considered
    text = ("Indonesia weighs earlier nickel ore export ban. JAKARTA - Indonesia is considering whether to bring "
            "forward a ban on nickel ore exports, the minister said.")
    assert _extractor.candidates(text, date(2019, 8, 9)) == []
    assert considered(text, 0, 47) and considered(text, 48, len(text))
    # but a verb of weighing that ends its clause weighs no measure: "weighed on prices after China banned exports"
    assert not considered("The news weighed on prices after China banned exports of gallium.", 0, 63)


def test_a_companys_results_are_no_project_but_may_be_the_occasion_of_one():
    # (twenty-ninth pass) a mine named in a company's results is the company's, not news
    text = ("MP Materials, owner of the Mountain Pass rare earths mine in California, reported a loss for the fourth "
            "quarter and a 91% drop in full-year profit.")
    assert _extractor.candidates(text, date(2024, 2, 23)) == []
    text = ("Anglo American's Quellaveco copper mine in southern Peru has started producing copper, the miner said on "
            "Thursday as it reported first-half results.")
    assert [e.kind for e in _extractor.candidates(text, date(2022, 7, 28))] == ["project"]


def test_an_agreement_on_cooperation_is_cooperation_not_a_trade_deal():
    # (twenty-ninth pass)
    text = "India and France signed an agreement on civil nuclear cooperation on Tuesday, the ministry said."
    assert [e.kind for e in _extractor.candidates(text, date(2008, 9, 30))] == ["cooperation"]


def test_mineral_leases_cancelled_halt_a_project():
    # (twenty-ninth pass) a government takes a miner's right to work: leases as well as permits and licences
    text = ("The U.S. Interior Department on Wednesday cancelled two federal mineral leases held by Twin Metals "
            "Minnesota for a planned copper and nickel mine.")
    assert [e.kind for e in _extractor.candidates(text, date(2022, 1, 27))] == ["supply_disruption"]


def test_a_law_banning_mining_is_a_strategy_a_ban_on_miners_sales_is_not():
    # (twenty-ninth pass) what may be mined is a mining policy
    text = ("NUUK, Nov 10 - Greenland's parliament voted 12 to 9 late on Tuesday to ban the prospecting, exploration "
            "and mining of uranium.")
    assert [e.kind for e in _extractor.candidates(text, date(2021, 11, 10))] == ["strategy"]
    text = ("Article 21 prohibited holders of mining business permits from selling unprocessed ore, such as nickel "
            "ore and bauxite, abroad from 6 May 2012.")
    assert "strategy" not in [e.kind for e in _extractor.candidates(text, date(2012, 11, 6))]


def test_a_national_battery_company_launched_is_a_strategy():
    # (twenty-ninth pass) annotation guide: a national battery or minerals company launched is a programme
    text = ("JAKARTA - State-Owned Enterprises Minister Erick Thohir on Friday formally launched Indonesia Battery "
            "Corporation (IBC), a holding company that will develop an integrated nickel battery industry.")
    assert [e.kind for e in _extractor.candidates(text, date(2021, 3, 27))] == ["strategy"]


def test_an_agency_named_by_its_country_is_a_government_not_a_company():
    # (twenty-ninth pass) "with Natural Resources Canada": a memorandum between two governments' agencies
    text = ("RIYADH - Saudi Arabia's mining ministry has signed a mineral resources cooperation memorandum with "
            "Natural Resources Canada on critical minerals.")
    assert [e.kind for e in _extractor.candidates(text, date(2026, 1, 13))] == ["cooperation"]
    text = "Zambia signed a strategic partnership agreement with China's Zijin Mining Group for its copper project."
    assert [e.kind for e in _extractor.candidates(text, date(2026, 1, 13))] == ["project"]


def test_a_plants_yearly_size_told_after_its_news_is_its_amount_but_not_another_events():
    text = ("Jabal Sayid copper mine begins production\n\nRIYADH, Dec 14 - Barrick and Ma'aden said on Wednesday the "
            "Jabal Sayid copper mine in Saudi Arabia had begun production. The mine is designed to produce 45,000 "
            "tonnes of copper a year at full capacity.")
    (ev,) = [e for e in extract(text, date(2016, 12, 14), weighed=False) if e.kind == "project"]
    assert ev.values("magnitude") == [(45000, "t/yr")]
    # a size told without a word of capacity, or in a sentence that tells an event of its own, is not taken
    text = ("Jabal Sayid copper mine begins production\n\nRIYADH, Dec 14 - Barrick and Ma'aden said on Wednesday the "
            "Jabal Sayid copper mine in Saudi Arabia had begun production. Saudi Arabia imported 45,000 tonnes of "
            "copper a year before.")
    (ev,) = [e for e in extract(text, date(2016, 12, 14), weighed=False) if e.kind == "project"]
    assert ev.values("magnitude") == []


def test_amounts_a_pact_frees_a_period_of_years_and_yearly_rates_told_around_their_figure():
    # (thirty-second pass) how much of its trade a pact frees, told without a duty word before it
    assert [v for v, *_ in find_magnitudes("When phased in, the deal makes almost 97% of tariff lines duty-free.")] \
        == [(97, "%")]
    assert [v for v, *_ in find_magnitudes("Chile will eliminate tariffs on 95% of its imports from India.")] == \
        [(95, "%")]
    assert [v for v, *_ in find_magnitudes("Chile supplies 95% of its imports of copper.")] == []  # a share
    assert [v for v, *_ in find_magnitudes("a safeguard duty for a period of four years")] == [(4, "years")]
    assert [v for v, *_ in find_magnitudes("an annual production capacity of 50,000 tons of anode material")] == \
        [(50000, "t/yr")]
    assert [v for v, *_ in find_magnitudes("about 2,000 tonnes of samarium-cobalt (SmCo) magnets a year")] == \
        [(2000, "t/yr")]
    # the yearly output a halt stops, not a statistic of what was made
    assert [v for v, *_ in find_magnitudes("the mine has produced around 9,000 tonnes of zinc a year")] == \
        [(9000, "t/yr")]
    assert find_magnitudes("the mine produced about 9,000 tonnes of zinc in the first half") == []


def test_a_site_told_by_a_possessive_place_or_a_city_is_the_projects_target():
    ev = _events("Eramet has started lithium production at its Centenario project in Argentina's Salta province.")[0]
    assert ev["targets"] == ["ARG"] and ev["actors"] == []
    ev = _events("Micron opened its new memory chip plant south of Tokyo on Tuesday, the company said.")[0]
    assert ev["targets"] == ["JPN"] and ev["actors"] == []


def test_what_a_good_is_made_of_is_no_rate():
    # (thirty-third pass) "still wines under 14% alcohol", "ore of 1.5% nickel content": no duty's rate
    from chokepoints.events.magnitude import find_magnitudes
    assert find_magnitudes("a levy on still wines under 14% alcohol from France") == []
    assert [m[0] for m in find_magnitudes("a 25% tariff on steel from China")] == [(25, "%")]


def test_the_declaration_goes_on_telling_the_halt_it_declared():
    # (thirty-third pass) "declared force majeure ... The declaration covers refined platinum, palladium and
    # rhodium": the metals of the halt, read in its own right (not a neighbour's guess)
    from chokepoints.events.extract import candidates
    text = ("Anglo American Platinum has today declared force majeure on contracts after an explosion at its "
            "converter plant in South Africa. The declaration covers refined platinum, palladium and rhodium.")
    (ev,) = candidates(text, date(2020, 3, 10))
    assert ev.kind == "supply_disruption" and {"palladium", "rhodium"} <= set(ev.values("materials"))


def test_a_numbered_digest_heading_ends_the_item_before():
    # (thirty-third pass) "2. Quebec orders mines to minimum operations" under Mexico's copper item: Quebec's halt
    # takes no copper from the item before; a numbered list's items, ending with a stop, break nothing
    ix = textindex.Index("1. Mexico halts mining\nGrupo Mexico cut copper output.\n\n2. Quebec orders mines to "
                         "minimum operations\nQuebec closed its mines.")
    assert len(ix.breaks) == 2
    assert textindex.Index("The rules:\n1. Exports of ore are banned.\n2. Quotas end.").breaks == []
