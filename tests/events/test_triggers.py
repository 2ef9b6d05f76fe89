"""The trigger phrases (events.triggers) added in the twenty-fourth pass, each told in other words than the texts
that called for them: finds of a deposit as a new source, and trade-defence investigations as tariffs."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from chokepoints.events import extract as _extractor
from chokepoints.events import triggers


def _kinds(text: str) -> list[tuple[str, str]]:
    # (the rules' own reading: the classifier, which reads where they are silent, is tested apart)
    return [(e.kind, e.subkind) for e in _extractor.candidates(text, date(2024, 6, 3))]


@pytest.mark.parametrize("text", [
    "Bolivia has discovered a lithium deposit in Potosi that officials put at 3 million tonnes, state media said.",
    "State geologists have identified a large copper deposit in the Kostanay region of Kazakhstan.",
    "The survey had established inferred graphite resources of 1.2 million tonnes in Tanzania's Morogoro region.",
    "Drilling in Zambia has outlined the largest cobalt deposit found in the country in decades.",
    "On 6 June, the company published a maiden resource estimate for its rare earth project in Sweden.",
    "A graphite deposit of about 2 million tonnes has been identified in Mozambique's Cabo Delgado, the ministry said.",
    "Survey team finds rare-earth deposits in Vietnam's northern highlands",
])
def test_a_find_of_a_deposit_is_a_new_source(text):
    assert ("new_source", "") in _kinds(text)


@pytest.mark.parametrize("text", [
    "In a notice on Monday the ministry launched an anti-dumping investigation into aluminium frames from China.",
    "The Commerce Department self-initiated anti-dumping and anti-subsidy investigations into aluminium sheet from "
    "China.",
    "India opened a safeguard probe into imports of ferro-molybdenum from South Korea on Friday.",
    "The U.S. Department of Commerce on Friday initiated an investigation under Section 232 into imports of "
    "vanadium.",
])
def test_a_trade_defence_investigation_is_a_tariff_investigation(text):
    assert ("tariff", "investigation") in _kinds(text)


# twenty-sixth pass: a deal whose talks broke down is no deal (a sealed set's event-less text gave a trade agreement at
# confidence 0.97); told in other words than that text
@pytest.mark.parametrize("text", [
    "Negotiations on a free trade agreement between India and the United Kingdom collapsed on Friday in London.",
    "Talks over a trade deal between Canada and Ecuador were suspended on Monday after a row over mining permits.",
    "Chile and Indonesia failed to reach a comprehensive economic partnership agreement at the summit on Tuesday.",
    "Talks on a minerals partnership between Japan and Bolivia stalled this week over royalty terms.",
])
def test_a_deal_whose_talks_failed_is_no_event(text):
    assert [k for k, _s in _kinds(text)] == []
    assert triggers.deal_failed(text)


@pytest.mark.parametrize("text", [
    # the talks' end or new start is news, whatever befell them before
    "Seoul and the six members of the Gulf Cooperation Council wrapped up negotiations on a free trade agreement on "
    "28 December, more than a decade after the first round of talks was suspended.",
    "The European Union and Thailand on Monday formally relaunched negotiations on a free trade agreement, nine years "
    "after talks stalled.",
    "India and the EFTA states signed a trade and economic partnership agreement on Sunday after talks that had "
    "collapsed twice.",
])
def test_a_deal_made_after_talks_that_failed_before_is_still_news(text):
    assert not triggers.deal_failed(text)
    assert [k for k, _s in _kinds(text)] == ["trade_agreement"]


def test_the_classifier_reads_no_pact_where_the_talks_broke_down(monkeypatch):
    from chokepoints.events import readings
    text = ("SANTIAGO, May 4 - Talks on a free trade agreement between Chile and the European Free Trade Association "
            "broke down on Thursday in Geneva.")
    kinds = np.full((8, 2), -9.0)
    kinds[readings.detect.KINDS.index("trade_agreement")] = [0.0, 9.0]
    sure = readings.detect.Detector(("zplace",), np.array([0.0, 9.0]), kinds, about={"longest_text": 10_000})
    assert readings.detected(text, date(2024, 5, 4), [], sure) == []
    other = text.replace("broke down on", "was signed on")
    assert [e.kind for e in readings.detected(other, date(2024, 5, 4), [], sure)] == ["trade_agreement"]


# twenty-sixth pass: an investment screened out is a strategy (the annotators' call for takeover vetoes and divestment
# orders); told in other words than the clean set that called for it
@pytest.mark.parametrize("text", [
    "Ottawa on Wednesday ordered three Chinese companies to divest their stakes in Canadian lithium miners.",
    "Italy's cabinet vetoed the planned takeover of a Milan robotics maker by a Chinese state-owned fund on Friday.",
    "The Dutch government blocked the sale of a chip plant in Nijmegen to a Chinese buyer on security grounds.",
    # twenty-eighth pass: a company sold or taken over, named
    "Ottawa rejected the sale of Neo Lithium, owner of the Tres Quebradas project, to a Chinese state miner.",
    "President Trump on Friday prohibited Hong Kong-based Canyon Bridge from acquiring Lattice Semiconductor.",
])
def test_an_investment_screened_out_is_a_strategy(text):
    assert [k for k, _s in _kinds(text)] == ["strategy"]


@pytest.mark.parametrize("text", [
    # a sale of goods stopped is a control, not a screening of who owns a plant
    "The US blocked the sale of advanced AI chips to China on Monday.",
    # a noun: the order told as background, not a government ordering a divestment now
    "A presidential order in August gave the company 90 days to divest its US business.",
])
def test_a_sale_of_goods_or_an_order_told_as_background_is_no_screening(text):
    assert "strategy" not in [k for k, _s in _kinds(text)]


# thirtieth pass: the buyer turned away is the screening's target, its country read from the words around its name
@pytest.mark.parametrize("text, actors, targets", [
    ("Ottawa on Wednesday ordered three Chinese companies to divest their stakes in Canadian lithium miners.",
     ["CAN"], ["CHN"]),
    ("Ottawa rejected the sale of Neo Lithium, owner of the Tres Quebradas project, to China's state-owned Zijin.",
     ["CAN"], ["CHN"]),
    ("President Trump on Friday prohibited Hong Kong-based Canyon Bridge from acquiring Lattice Semiconductor.",
     ["USA"], ["HKG"]),
    # a subsidiary's country is no party: its parent's is the buyer
    ("Berlin prohibited the sale of a Dortmund wafer fab to the Swedish subsidiary of China's Sai Microelectronics.",
     ["DEU"], ["CHN"]),
    # (thirty-third pass) the buyer named by a bid, by who backs it, past the clause, or by a state firm let nothing
    ("Canberra blocks Chinese bid for Lynas, the rare earths miner", ["AUS"], ["CHN"]),
    ("Washington prohibited the acquisition of Xcerra by Unic Capital, a fund backed by Chinese state money.",
     ["USA"], ["CHN"]),
    ("Ottawa has rejected the sale of Aurcana Silver, owner of the Revenue mine project in Colorado, to China's "
     "state-owned Chifeng Gold after a national security review, the company said.", ["CAN"], ["CHN"]),
    ("Australia on Tuesday refused to let Chinalco take over Lynas Corp, the rare earths miner.",
     ["AUS"], ["CHN"]),
])
def test_a_screened_buyer_is_the_target_and_the_screening_state_acts(text, actors, targets):
    (ev,) = _extractor.extract(text, date(2022, 11, 9), weighed=False, detect=False, sift=False)
    assert (ev.kind, ev.subkind) == ("strategy", "screening")
    assert ev.values("actors") == actors and ev.values("targets") == targets


@pytest.mark.parametrize("text", [
    # a memorandum told the other way round (twenty-sixth pass), in other words than the texts that called for it
    "Chile and Japan signed a memorandum on mining cooperation in Santiago on Monday.",
    "Indonesia signed a critical minerals cooperation memorandum with Australia on Thursday.",
])
def test_a_memorandum_on_cooperation_is_cooperation(text):
    assert [k for k, _s in _kinds(text)] == ["cooperation"]


@pytest.mark.parametrize("text", [
    # (twenty-seventh pass) a planned site put off is a disruption (annotation guide: postponed construction), told in
    # other words than the texts that called for it
    "Orano said it will suspend development of its uranium mine in Niger until prices recover.",
    "The miner will defer spending on its planned copper smelter in Zambia, it said on Monday.",
    "LG has withdrawn from the planned battery plant in Indonesia, the investment ministry said.",
])
def test_a_planned_site_put_off_is_a_supply_disruption(text):
    assert ("supply_disruption", "") in _kinds(text)
    assert "project" not in [k for k, _s in _kinds(text)]


def test_a_mine_returned_to_production_is_a_project_restart():
    text = "Energy Fuels returned two of its uranium mines in Utah to production in March, the company said."
    assert [k for k, _s in _kinds(text)] == ["project"]


@pytest.mark.parametrize("text", [
    "Brazil starts a dumping probe into Chinese steel wire, the trade ministry said on Monday.",
    # "No." is a number here, not a negation
    "In resolution No. 14/2024 the ministry launched an anti-dumping investigation into Chinese aluminium foil.",
])
def test_a_dumping_probe_told_plainly_or_under_a_numbered_notice_is_an_investigation(text):
    assert ("tariff", "investigation") in _kinds(text)


def test_a_charge_on_what_miners_earn_is_a_strategy_not_a_tariff():
    # (twenty-seventh pass) annotation guide, "Kinds at their edges": a charge on mining itself is fiscal policy
    text = "Peru's miners will pay a special levy of 2 percent on their operating profits from 1 January."
    assert [k for k, _s in _kinds(text)] == ["strategy"]


def test_a_memorandum_signed_with_one_named_party_is_read_and_takes_the_storys_country():
    # (twenty-seventh pass) "the ministry has also signed ... with Canada": the other party is the story's country
    text = ("Indonesia courts partners for its nickel. The ministry on Monday signed a critical minerals cooperation "
            "memorandum with Canada.")
    evs = [e for e in _extractor.candidates(text, date(2024, 6, 3)) if e.kind == "cooperation"]
    assert [sorted(e.values("actors")) for e in evs] == [["CAN", "IDN"]]


@pytest.mark.parametrize("text", [
    # (twenty-seventh pass) finds told as a discovery made, or as rock found rich in a material, in other words than
    # the texts that called for them
    "Chalice Mining said it had made a major discovery of palladium-nickel sulphides near Perth, Western Australia.",
    "Geologists in Mongolia found clays rich in rare earth elements in the country's south.",
    # (thirty-second pass) a find told by what the ground holds, by its rank, or by nodules found with more words
    # between; a first purchase from a new supplier
    "The two exploration licences in Kenya's Mrima Hill hold more than 6 million tonnes of rare earth resources.",
    "The Halleck Creek property in Wyoming may contain the largest deposit of rare earth elements yet found there.",
    "Divers had found roughly 100 million tonnes of nodules containing cobalt and nickel off the Cook Islands.",
    "Customs data showed Japan buying graphite from Tanzania for the first time in March.",
])
def test_a_find_or_a_first_purchase_told_in_other_words_is_a_new_source(text):
    assert ("new_source", "") in _kinds(text)


def test_goods_found_containing_a_material_are_no_find():
    assert "new_source" not in [k for k, _s in _kinds("Customs found shipments containing cobalt from Congo.")]


# twenty-eighth pass: an export duty told by what the exports carry, a moratorium on exports, an arms embargo
@pytest.mark.parametrize(("text", "sub"), [
    ("Ukraine said on Monday that from July 1 sunflower seed exports will carry a duty of 10%.", "tax"),
    ("Under the decree, nickel ore exports will be taxed at 10% from next month, the ministry said on Monday.", "tax"),
    ("Ghana on Monday imposed a six-month moratorium on exports of manganese ore, the minister said.", "ban"),
    ("The UK on Monday extended its arms embargo on China to Hong Kong, the foreign secretary said.", "ban"),
])
def test_export_measures_told_by_what_the_exports_bear(text, sub):
    assert ("export_control", sub) in _kinds(text)


# thirty-second pass: a first resource estimate, a discovery made known, a sanctions package's "sale, supply and
# leasing", spending on planned plants put off (in other words than the texts that called for them)
@pytest.mark.parametrize(("text", "kind"), [
    ("Arafura published late on Monday the first mineral resource estimate for its Nolans Bore rare earths deposit "
     "in Australia.",
     "new_source"),
    ("After months of silence, BHP has announced a nickel discovery at its Yeelirrie project in Western Australia.",
     "new_source"),
    ("The UK also prohibited the sale, supply and transfer of aircraft parts and equipment to Russian carriers.",
     "export_control"),
    ("General Motors said it is deferring about $4 billion of planned spending on battery capacity in Michigan.",
     "supply_disruption"),
])
def test_finds_made_known_package_bans_and_spending_put_off(text, kind):
    assert kind in [k for k, _s in _kinds(text)]


def test_a_veto_of_a_sale_is_no_export_ban():
    kinds = [k for k, _s in _kinds("Berlin prohibited the sale of the Elmos wafer fab to a Chinese-owned buyer.")]
    assert "export_control" not in kinds


def test_a_countrys_reserves_are_a_statistic_not_a_find():
    assert "new_source" not in [k for k, _s in _kinds("Chile holds an estimated 9 million tonnes of lithium reserves.")]


def test_a_duty_set_per_tonne_after_a_quota_is_a_measure_of_its_own():
    text = ("Russia will cap exports of wheat at 17.5 million tonnes from February 15. Exporters will still need "
            "licences. From March 15 corn exports will carry a duty of $25 a tonne, the ministry said.")
    got = [(e.kind, e.subkind) for e in _extractor.candidates(text, date(2021, 1, 26))]
    assert got.count(("export_control", "tax")) == 1 and ("export_control", "quota") in got


def test_a_newsletters_table_of_contents_gives_no_event_of_its_own():
    # (thirty-second pass) the items a contents line lists are told below it, each in its own words
    text = ("METALS WEEKLY\n\nIn this issue: Zimbabwe bans lithium ore exports | Chile signs copper pact with Japan\n\n"
            "Zimbabwe on Tuesday banned exports of raw lithium ore, the mines minister said.\n")
    evs = _extractor.candidates(text, date(2022, 12, 21))
    contents = text.index("In this issue"), text.index("\n\nZimbabwe on")
    assert [e.kind for e in evs] == ["export_control"]
    assert not any(contents[0] <= e.trigger.start < contents[1] for e in evs)


# thirty-third pass: halts told by what hit the site, strikes begun, traffic stopped, a windfall tax, an Act now in
# force or to be introduced, investment rules tightened, duties a product will attract, preferences ended, a plant
# decided or approved, a WTO accession (in other words than the texts that called for them)
@pytest.mark.parametrize(("text", "kind"), [
    ("Boliden said on Tuesday its Ronnskar smelter in Sweden had been hit by a ransomware attack overnight.",
     "supply_disruption"),
    ("Workers at Chile's Los Bronces copper mine launched an indefinite strike on Monday, the union said.",
     "supply_disruption"),
    ("The two-week stoppage has shut both of Vale's nickel operations in Sudbury, Ontario, the company said.",
     "supply_disruption"),
    ("Rail freight across Poland ground to a halt on Monday, stopping coal deliveries to the Katowice steelworks.",
     "supply_disruption"),
    ("Glencore's Mount Isa copper smelter in Queensland is running at reduced capacity after a fire last week.",
     "supply_disruption"),
    ("Peru's Congress voted on Thursday to impose a windfall tax on mining companies' profits.", "strategy"),
    ("Odisha's Minerals Development Levy Act, 2025 is now in force, the state government said.", "strategy"),
    ("The minister said Paris would introduce a Made in France Act for battery and magnet makers next year.",
     "strategy"),
    ("Indonesia on Friday tightened its foreign investment rules for nickel smelting, the ministry said.", "strategy"),
    ("Lithium-ion cells imported into India will attract 20% duty from April 1, the notice said.",
     "tariff"),
    ("Washington said on Monday it would terminate the duty-free treatment of goods from Niger under AGOA.",
     "tariff"),
    ("Posco has decided to build its second lithium hydroxide complex in Argentina's Salta province.", "project"),
    ("The cabinet today approved the setting up of one more semiconductor unit in Gujarat, India.", "project"),
    ("Liberia became the 163rd member of the World Trade Organization on 14 July.", "trade_agreement"),
])
def test_halts_strikes_taxes_acts_plants_and_accessions_told_in_other_words(text, kind):
    assert kind in [k for k, _s in _kinds(text)]


def test_a_screening_told_of_the_buyer_only_takes_the_storys_government():
    # (thirty-third pass) "Treasurer ... has barred China's X from lifting its stake": the country named is the
    # buyer's, the government acting is the story's (its lead's), not the buyer's
    text = ("Australian miner Lynas says Canberra blocked Chinese stake rise\n\n"
            "Treasurer Jim Chalmers has barred China's Hongda Fund, the biggest holder of Lynas, from raising its "
            "stake in the rare earths miner to 15 per cent, the company said on Tuesday.")
    evs = [e for e in _extractor.extract(text, date(2023, 3, 7), weighed=False, detect=False, sift=False)
           if e.subkind == "screening"]
    assert evs and all(e.values("actors") == ["AUS"] and e.values("targets") == ["CHN"] for e in evs)


# thirty-third pass, from the misses of its sealed set (in other words than its texts): a site restarted (its old
# halt, told after, is history), a plant's completion marked, construction put off on a restart, mines ordered shut,
# a mining law repealed (what the law would have done is no counterfactual of the repeal), a land declared free of
# a kind of mining
@pytest.mark.parametrize(("text", "kind"), [
    ("Sumitomo has reopened its Niihama nickel smelter in Japan, three years after the plant stopped work in a "
     "restructuring.", "project"),
    ("Samsung held a ceremony in Pyeongtaek, South Korea, to mark the completion of P3, its newest DRAM fab.",
     "project"),
    ("Vale said it would defer construction work on the restart of its Onca Puma nickel mine in Brazil.",
     "supply_disruption"),
    ("The junta used emergency powers to order all rare earth mining operations in Myanmar shut from March 1.",
     "supply_disruption"),
    ("Mendoza's legislature voted on Friday to repeal the law that would have allowed cyanide use in mining.",
     "strategy"),
    ("El Salvador's government declared the whole country free of metal mining on Wednesday.", "strategy"),
])
def test_restarts_completions_and_mining_laws_undone(text, kind):
    assert kind in [k for k, _s in _kinds(text)]


def test_a_restart_told_with_the_halt_before_it_is_no_halt():
    kinds = [k for k, _s in _kinds("Sumitomo has reopened its Niihama nickel smelter in Japan, three years after "
                                   "the plant stopped work in a restructuring.")]
    assert "project" in kinds and "supply_disruption" not in kinds


def test_north_korea_by_its_adjective_is_not_the_south():
    from chokepoints.events import gazetteer as gz
    assert [p.value for p in gz.find_places("a ban on North Korean ships and DPRK imports")] == ["PRK", "PRK"]
    assert [p.value for p in gz.find_places("Korean chipmakers")] == ["KOR"]


def test_a_country_named_before_what_is_made_there_is_the_projects_site():
    # (thirty-third pass) "Glencore restarts Congo copper output": the country whose output restarts, not a government
    (ev,) = _extractor.extract("Vale restarts Brazil nickel output at Onca Puma after a two-year halt",
                               date(2024, 6, 3), weighed=False, detect=False, sift=False)
    assert ev.kind == "project" and ev.values("targets") == ["BRA"] and ev.values("actors") == []


def test_a_label_quoted_by_a_critic_is_no_strategy():
    # (thirty-third pass) 'said the US "Indo-Pacific strategy" was about division': a name in quotes, lower-case;
    # a strategy's quoted title ("released its "Critical Minerals Strategy"") stays one
    assert "strategy" not in [k for k, _s in _kinds('Beijing said on Sunday the US "Indo-Pacific strategy" was '
                                                     'about creating division.')]
    assert "strategy" in [k for k, _s in _kinds('Canada on Friday released its "Critical Minerals Strategy".')]


def test_a_liveblogs_closing_recap_retells_and_a_stock_exchange_is_no_place():
    # (thirty-third pass) "Summary: ..." below the lead retells the day's entries; "a statement to the Hong Kong
    # exchange" names where a firm is listed, not where output stops
    text = ("LIVE: Peru copper blockade\n\n09:10\nMMG said in a statement to the Hong Kong exchange that Las Bambas "
            "will suspend copper production in Peru from early April if the road stays shut, as concentrate storage "
            "at the mine is close to full and trucks cannot leave. " + "Officials met community leaders. " * 12 +
            "\n\n16:50\nThat's all from us today. Summary: MMG says Las Bambas will begin suspending copper output "
            "in Peru in early April unless the blockade ends.")
    evs = _extractor.candidates(text, date(2019, 3, 20))
    assert [(e.kind, e.values("targets")) for e in evs] == [("supply_disruption", ["PER"])]
