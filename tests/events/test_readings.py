"""The sentence classifier's readings of a text (`events/readings.py`): its events where the rules are silent, the
text's likeliest event, the rereading of dropped sentences, retellings, kinds, and its view of each rule event."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

from chokepoints.events import detect, newsworthy, readings, textindex
from chokepoints.events import extract as extract_module
from chokepoints.events import gazetteer as gz
from chokepoints.events.discourse import referent
from chokepoints.events.draft import draftable
from chokepoints.events.extract import candidates, extract
from chokepoints.events.facts import Event, Fact
from chokepoints.events.sentences import sentence_at
from chokepoints.events.watch import to_frame

TEXTS = Path(__file__).parent / "texts"
TEXT = ("MANILA, Aug 6, 2025 - The Philippines will put a 60-day halt on rice imports from September 1, the "
        "agriculture department said on Wednesday, to shield farmers from falling prices.")


def test_an_event_of_a_kind_the_classifier_is_unsure_of_is_left_out():
    det = detect.shipped()
    # every kind as likely as the others (1/8 each): no kind is more likely than not
    unsure = detect.Detector(det.vocab, det.event, np.zeros_like(det.kinds), det.kind_names, det.threshold, det.about)
    assert readings.detected(TEXT, date(2025, 8, 6), [], det) != []
    assert readings.detected(TEXT, date(2025, 8, 6), [], unsure) == []


def test_a_sentence_whose_every_rule_event_the_confidence_model_dropped_is_read_again_by_the_classifier(monkeypatch):
    text = ("BEIJING, Dec 3, 2024 - China banned exports of gallium and germanium to the United States on Tuesday, "
            "the commerce ministry said.")
    (ruled,) = candidates(text, date(2024, 12, 3))
    assert readings.reread(text, date(2024, 12, 3), [ruled], [], [ruled]) == []  # (nothing dropped)
    assert readings.reread(text, date(2024, 12, 3), [ruled], [ruled], [ruled]) == []  # (another event stays there)
    (again,) = readings.reread(text, date(2024, 12, 3), [ruled], [ruled], [])
    assert (again.kind, again.read_by, again.values("actors"), again.values("targets")) == (
        "export_control", readings.READER, ["CHN"], ["USA"])
    # wired into the extractor: were the confidence model to drop the rules' event, the classifier's stands
    monkeypatch.setattr(extract_module, "weigh", lambda text, article_date, events, model=None, ix=None: [])
    (ev,) = extract(text, date(2024, 12, 3))
    assert ev.read_by == readings.READER and ev.confidence > 0.5
    assert extract(text, date(2024, 12, 3), detect=False) == []
    monkeypatch.undo()
    # and where `news` left the rules' event out as a reference (no date or amount below the lead)
    monkeypatch.setattr(newsworthy, "anchored", lambda ev: ev.read_by != "rules")
    assert [e.read_by for e in extract(text, date(2024, 12, 3))] == [readings.READER]


def test_a_retelling_the_classifier_finds_unlikely_to_tell_news_is_dropped_but_not_a_new_fact(monkeypatch):
    from chokepoints.events.facts import Fact
    text = ("China banned exports of gallium to the US on Monday. The ban on gallium follows earlier curbs. "
            "China also raised tariffs on US coal.")
    first, again, other = (Event(kind, "", Fact(kind, lo, lo + 6, text[lo:lo + 6]),
                                        actors=[Fact("CHN", lo, lo, "")], span=(lo, lo + 40))
                           for kind, lo in (("export_control", 0), ("export_control", 52), ("tariff", 100)))
    logits = {0: 5.0, 52: -5.0, 100: -5.0}  # (the classifier's log-odds that each one's sentence tells an event)
    monkeypatch.setattr(readings, "views", lambda text, events, detector=None, ix=None: np.array(
        [[logits[e.span[0]], 0.0] for e in events]))
    assert readings.retold(text, [first, again, other]) == [first, other]  # (the tariff is another kind: kept)
    assert again.trigger in first.told  # (where the text tells it again stays its evidence, as a merge keeps)
    logits[52] = 0.0  # as likely as not to tell an event: not a retelling
    assert readings.retold(text, [first, again, other]) == [first, again, other]


def test_a_halt_told_as_one_more_is_not_a_retelling(monkeypatch):
    # "Orano Canada, which operates the mill, is suspending production at the mill as well": a second site's halt,
    # in a sentence the classifier finds unlikely to tell news (it reads as the first halt's aftermath)
    text = ("Cameco to idle Cigar Lake uranium mine for four weeks\n\nSASKATOON, Saskatchewan, March 23 - Cameco Corp "
            "said on Monday it will temporarily suspend production at Cigar Lake, the world's highest-grade uranium "
            "mine, for four weeks.\n\nThe mine in northern Saskatchewan produced about 18 million pounds of uranium "
            "concentrate last year. Cameco said it would bring the mine to a safe state over the coming days and keep "
            "it there with a small crew.\n\nAll Cigar Lake ore is trucked to the McClean Lake mill, about 70 km "
            "away. Orano Canada, which operates the mill, is suspending production at the mill as well.")
    mine, mill = (ev for ev in candidates(text, date(2020, 3, 23)) if ev.kind == "supply_disruption")
    assert mill.another and mill.values("targets") == mine.values("targets")
    monkeypatch.setattr(readings, "views", lambda text, events, detector=None, ix=None: np.array(
        [[5.0 if e is mine else -5.0, 0.0] for e in events]))
    assert readings.retold(text, [mine, mill]) == [mine, mill]
    mill.another = False  # the same halt told again: dropped as a retelling
    assert readings.retold(text, [mine, mill]) == [mine]


def test_a_dropped_retelling_lends_its_amounts_to_a_first_telling_that_has_none(monkeypatch):
    from chokepoints.events.facts import Fact
    text = ("Brazil halves import tariffs on solar panels\n\n"
            "Gecex cut the import tax on solar panels to 6% from 12%, the ministry said. It also cut fees by 3%.")
    head = Event("tariff", "", Fact("tariff", 14, 28, text[14:28]), actors=[Fact("BRA", 0, 6, "Brazil")],
                        span=(0, 44))
    rates = [Fact((6, "%"), 87, 89, "6%"), Fact((12, "%"), 95, 98, "12%")]
    body = Event("tariff", "", Fact("tariff", 61, 71, text[61:71]), actors=[Fact("BRA", 0, 6, "Brazil")],
                        magnitude=list(rates), span=(46, 124))
    monkeypatch.setattr(readings, "views", lambda text, events, detector=None, ix=None: np.array(
        [[5.0 if e is head else -5.0, 0.0] for e in events]))
    assert readings.retold(text, [head, body]) == [head]
    assert head.magnitude == rates and body.trigger in head.told
    # a first telling with amounts of its own keeps them alone
    head.magnitude = [Fact((50, "%"), 7, 13, "halves")]
    body.magnitude = list(rates)
    assert readings.retold(text, [head, body]) == [head] and head.magnitude == [Fact((50, "%"), 7, 13, "halves")]


def test_it_reads_only_where_the_rules_are_silent_and_says_so():
    found = candidates(TEXT, date(2025, 8, 6))
    assert found == []  # (no trigger phrase: "a 60-day halt to rice imports")
    (ev,) = extract(TEXT, date(2025, 8, 6))
    assert ev.read_by == readings.READER and ev.trigger.role == readings.READER
    assert (ev.trigger.start, ev.trigger.end) == (0, len(TEXT))  # its evidence is the sentence
    assert 0.5 <= ev.confidence <= 1.0 and ev.values("actors") == ["PHL"]
    assert ev.to_dict()["read_by"] == readings.READER
    assert f"[{readings.READER}]" in to_frame([("f.txt", [ev])], full=False)["kind"][0]
    ev.status = "new"
    assert not draftable(ev)  # never drafted into a scenario
    assert extract(TEXT, date(2025, 8, 6), detect=False) == []
    # a sentence the rules read is never read again
    ruled = extract("China banned exports of gallium to the United States on Tuesday.", date(2024, 12, 4))
    assert [e.read_by for e in ruled] == ["rules"]


def _sure_of(kind: str, word: str, sureness: float) -> detect.Detector:
    """A toy classifier: any sentence with `word` tells an event, of `kind` with probability `sureness`."""
    vocab = (word,)
    kinds = np.zeros((len(detect.KINDS), 2))
    rest = (1 - sureness) / (len(detect.KINDS) - 1)
    kinds[detect.KINDS.index(kind), 0] = np.log(sureness / rest)
    return detect.Detector(vocab, np.array([10.0, -5.0]), kinds, about={"longest_text": 10_000})


def test_the_classifier_sure_of_another_kind_gives_a_rule_event_its_kind_and_says_so():
    text = "The Ministers adopted the ASEAN Minerals Cooperation Action Plan 2016-2025 on Friday."
    (ev,) = extract(text, date(2015, 10, 9), weighed=False, detect=False)
    assert ev.kind == "strategy" and ev.read_by == "rules"
    sure = readings.rekinded(text, [ev], _sure_of("cooperation", "minister", 0.9))
    assert [(e.kind, e.subkind, e.read_by) for e in sure] == [("cooperation", "", readings.REKINDED)]
    ev.status = "new"
    assert not draftable(ev)  # (a kind the rules did not read is not drafted into a scenario)
    (ev,) = extract(text, date(2015, 10, 9), weighed=False, detect=False)
    unsure = readings.rekinded(text, [ev], _sure_of("cooperation", "minister", 0.6))
    assert [(e.kind, e.read_by) for e in unsure] == [("strategy", "rules")]


def test_an_event_with_no_actor_never_becomes_a_measure_at_the_border():
    from chokepoints.events.facts import Fact
    text = "The port remained closed to shipping in Australia on Friday after Cyclone Ilsa crossed the coast."
    ev = Event("supply_disruption", "", Fact("supply_disruption", 9, 24, text[9:24]),
                      targets=[Fact("AUS", 41, 50, "Australia")], span=(0, len(text)))  # (weather gives no actor)
    (ev,) = readings.rekinded(text, [ev], _sure_of("export_control", "port", 0.95))
    assert (ev.kind, ev.read_by) == ("supply_disruption", "rules")  # (a halt, not a government's export control)
    (ev,) = readings.rekinded(text, [ev], _sure_of("project", "port", 0.95))
    assert ev.kind == "project"  # (another kind it may still take)


def test_an_event_given_the_kind_its_headline_told_is_merged_with_it(monkeypatch):
    text = ("Date: 2015-10-09\n\nASEAN ministers adopt minerals cooperation plan\n\nKUALA LUMPUR, Oct 9 - The "
            "Ministers of Indonesia, Malaysia, the Philippines and Thailand adopted the ASEAN Minerals Cooperation "
            "Action Plan 2016-2025 on Friday.")
    rules = extract(text, date(2015, 10, 9), weighed=False, detect=False)
    assert [e.kind for e in rules] == ["cooperation", "strategy"]  # (headline and body: two kinds, not merged)
    monkeypatch.setattr(detect, "shipped", lambda: _sure_of("cooperation", "minister", 0.9))
    monkeypatch.setattr(extract_module, "weigh", lambda text, when, events, model=None, ix=None: events)
    assert [e.kind for e in extract(text, date(2015, 10, 9))] == ["cooperation"]


def test_a_sentence_telling_two_facts_keeps_the_rules_kinds():
    """The classifier reads a sentence whole: its kind is the sentence's main fact's, not a second fact's."""
    text = ("Washington has struck a trade deal with Tokyo that sets a 15% tariff on Japanese imports, down from "
            "the 25% rate Trump had threatened to impose from August 1.")
    evs = extract(text, date(2025, 7, 23), weighed=False, detect=False)
    before = [(e.kind, e.subkind) for e in evs]
    assert ("tariff", "threatened") in before
    after = readings.rekinded(text, evs, _sure_of("trade_agreement", "deal", 0.95))
    assert [(e.kind, e.subkind) for e in after] == before and all(e.read_by == "rules" for e in after)


def _likely(word: str, kind: str, p_event: float) -> detect.Detector:
    """A toy classifier: a sentence with `word` tells an event with probability `p_event`, of `kind` (sure of it)."""
    toy = _sure_of(kind, word, 0.9)
    return detect.Detector(toy.vocab, np.array([np.log(p_event / (1 - p_event)) + 5.0, -5.0]), toy.kinds,
                           about=toy.about)


def test_a_text_where_nothing_is_kept_gives_its_likeliest_event_and_says_so(monkeypatch):
    monkeypatch.setattr(extract_module, "weigh", lambda text, when, events, model=None, ix=None: events)
    monkeypatch.setattr(extract_module, "keep_values", lambda text, when, events, model=None, ix=None: events)
    # under the classifier's threshold (0.5), above the floor (0.2): the text's one event, a weaker reading
    monkeypatch.setattr(detect, "shipped", lambda: _likely("rice", "tariff", 0.3))
    (ev,) = extract(TEXT, date(2025, 8, 6))
    assert (ev.kind, ev.read_by, ev.confidence) == ("tariff", readings.LIKELIEST, 0.3)
    assert ev.trigger.role == readings.LIKELIEST and ev.values("actors") == ["PHL"]
    ev.status = "new"
    assert not draftable(ev)  # (never drafted into a scenario)
    # under the floor: nothing
    monkeypatch.setattr(detect, "shipped", lambda: _likely("rice", "tariff", 0.1))
    assert extract(TEXT, date(2025, 8, 6)) == []
    # a text where an event is kept gets no further one
    ruled = "China banned exports of gallium to the United States on Tuesday. " + TEXT.split(" - ")[1]
    monkeypatch.setattr(detect, "shipped", lambda: _likely("rice", "tariff", 0.3))
    assert [e.read_by for e in extract(ruled, date(2025, 8, 6))] == ["rules"]


def test_where_the_classifier_is_sure_its_event_needs_only_a_country():
    # a plant that names no material of the reference ("photoresist") and no chip word: the rules' test of a project
    # asks for one, which a sure reading (`SURE`) does without; a country it still needs
    text = ("SEOUL, Jan 9 - US materials group DuPont will invest $28 million to build a production line for extreme "
            "ultraviolet photoresist at its plant in Cheonan, South Korea's trade ministry said on Thursday.")
    no_place = "DuPont will invest $28 million to build a production line for extreme ultraviolet photoresist."

    def likely(p: float) -> detect.Detector:  # (a sentence with "invest" tells an event with probability p)
        det = _sure_of("project", "invest", 0.99)
        return detect.Detector(det.vocab, np.array([np.log(p / (1 - p)) + 5.0, -5.0]), det.kinds, about=det.about)

    (ev,) = readings.detected(text, date(2020, 1, 10), [], likely(0.95))
    assert ev.kind == "project" and ev.materials == [] and "KOR" in ev.values("actors") + ev.values("targets")
    assert readings.detected(text, date(2020, 1, 10), [], likely(0.7)) == []  # (likely, not sure)
    assert readings.detected(no_place, date(2020, 1, 10), [], likely(0.95)) == []  # (no country: nothing to check)


def test_a_sentence_without_news_words_or_anything_to_check_adds_nothing():
    text = "The weather in the capital was mild, and the markets were quiet for most of the afternoon."
    assert extract(text, date(2025, 8, 6)) == []


def test_a_file_longer_than_the_articles_it_was_fitted_on_is_left_to_the_rules():
    det = detect.shipped()
    long = (TEXT + " ") * (det.longest // len(TEXT) + 2)
    assert readings.detected(long, date(2025, 8, 6), [], det) == []


def test_its_view_of_each_rule_event_is_the_log_odds_of_the_sentence_the_trigger_lies_in():
    text = ("The weather in the capital was mild. China banned exports of gallium to the United States on Tuesday. "
            "Prices rose.")
    det = detect.shipped()
    (ev,) = candidates(text, date(2024, 12, 4))
    (view,) = readings.views(text, [ev], det)
    start = text.index("China")
    end = text.index(" Prices")
    own = detect.sentence_words(text, start, end + 1, gz.TextIndex(text), (0, start), (end + 1, len(text)))
    m = det.matrix([own])
    p, _kinds, _kind_p = det.read([own])
    assert view[0] == pytest.approx(np.log(p[0] / (1 - p[0])))
    kind_p = float(np.exp(det.kind_log_p(m)[0, det.kind_names.index(ev.kind)]))
    assert view[1] == pytest.approx(np.log(kind_p / (1 - kind_p)), abs=1e-6)
    assert view[1] > 0  # a plain export ban: of the rules' kind
    assert readings.views(text, [], det).shape == (0, 2)


def _headline_event(text: str, day: date):
    """The shipped classifier, a text's one event as `news` merges it, the text's index and its sentences' starts."""
    (ev,) = newsworthy.news(candidates(text, day), day, newsworthy.body_start(text))
    ix = textindex.Index(text)
    return detect.shipped(), ev, ix, [lo for lo, _hi in ix.sentences]


def _logit(det, text: str, ix, n: int) -> float:
    """The classifier's log-odds that sentence `n` of the text tells an event."""
    return float(np.asarray(det.matrix(detect.sentence_features(text, ix.sentences, [n], ix)) @ det.event)[0])


def test_a_headline_event_merged_with_its_body_is_viewed_where_it_is_told_most_likely():
    # the headline reads the safeguard's term, so its event is merged with the body's and keeps the headline's
    # trigger; the classifier's view is that of the sentence, of the headline and those that give its amounts and
    # dates, it finds most likely to tell an event
    text = ("STEEL | SOUTH-EAST ASIA\n\nPhilippines extends angle-bar safeguard for four more years\n\n"
            "Manila, 3 August 2015 - The Philippines has extended its safeguard duty on imported steel angle bars "
            "for another four years, restoring protection for local section mills that had lapsed in March.\n\n"
            "The order sets the duty at 3,345 pesos per tonne.")
    det, ev, ix, starts = _headline_event(text, date(2015, 8, 3))
    at = {sentence_at(starts, f.start) for f in [ev.trigger, *ev.magnitude, *ev.dates]}
    assert len(at) > 1  # (told in the headline and in the body)
    logits = {n: _logit(det, text, ix, n) for n in at}
    (view,) = readings.views(text, [ev], det, ix)
    assert view[0] == pytest.approx(max(logits.values()))
    assert [e.kind for e in extract(text, date(2015, 8, 3))] == ["tariff"]


def test_the_next_sentence_that_refers_back_to_a_classifier_event_goes_on_with_it():
    # the classifier reads the lead ("keep its freeze on arms exports": no rule's words); the next sentence, which
    # the rules leave silent, tells the freeze's end
    text = ("BERLIN, March 29 (Wire) - Germany will keep its freeze on arms exports to Saudi Arabia for another six "
            "months, a government spokesman said on Thursday.\n\nThe regime now runs until September 30, 2019.")
    (ev,) = readings.detected(text, date(2019, 3, 29), [])
    assert ev.read_by == readings.READER
    assert ("end", "2019-09-30") in [(d.role, d.value) for d in ev.dates]
    # a next sentence that tells something else is not its to take
    other = text.replace("The regime now runs", "Exports of tanks by France grew")
    (ev,) = readings.detected(other, date(2019, 3, 29), [])
    assert "2019-09-30" not in ev.values("dates")


def test_a_plants_start_told_after_it_refers_back_to_it():
    plant = Event("project", "", Fact("project", 0, 5, "plant", "rules"))
    for told in ("Production is scheduled to start in 2021.", "Commercial production is expected to begin in 2027.",
                 "The tax will be levied from Jan. 1, 2024.", "The regime runs until December 31, 2027."):
        assert referent([plant], told, []) is plant, told
    assert referent([plant], "Prices are expected to start rising in 2021.", []) is None


@pytest.mark.parametrize(("sentence", "halt"), [
    ("BHP Group said late on Wednesday that it would not make a firm offer for Anglo American.", False),
    ("Rio Tinto reported a 43% fall in first-half net earnings and cut its interim dividend by a third.", False),
    ("Breaking: the LME has suspended trading in nickel for the rest of the day.", False),
    ("Ramaco said its Brook Mine property may contain the largest unconventional deposit of rare earths.", False),
    ("The titanium plant said its production was running normally after a chlorine leak.", False),
    ("Anglo American said it would suspend its dividend and halt output at two platinum mines.", True),
    ("Intel terminated its planned acquisition of Tower after a strike shut its Haifa fab.", True),
    ("Tesla has halted production at its Gigafactory Berlin-Brandenburg after the power cut.", True),
    ("Flooding has stopped a number of nickel ore mines in North Konawe for two weeks.", True),
])
def test_a_halt_read_by_the_classifier_must_be_one_in_words_where_money_or_a_find_is_told(sentence, halt):
    assert readings.halted(sentence, 0, len(sentence)) is halt


def test_a_companys_results_told_by_the_classifier_are_no_event():
    # (the whole results story: its later lines, a plant built in South Korea, gave the profit line a country)
    text = (TEXTS / "heldout60" / "h60a_aus_pilbara_minerals_fy23_results_2023.txt").read_text(encoding="utf-8")
    assert readings.detected(text, date(2023, 8, 25), []) == []
    assert readings._RESULTS.search("Rio Tinto posted a 43% fall in first-half net earnings")
    assert not readings._RESULTS.search("The ministry reported that exports of cobalt were halted")


def test_results_of_a_tender_or_a_review_are_not_a_companys_results():
    assert not readings._RESULTS.search("The ministry announced the results of the lithium quota tender on Friday")
    assert readings._RESULTS.search("BHP reported its full-year results on Tuesday")


def test_a_pacts_tariff_terms_told_after_it_are_no_tariff_of_the_classifiers():
    # (a deal and the rates it sets are one trade agreement: "- Korea will eliminate tariffs on 96.4% of all products
    # imported from New Zealand within 15 years ...", under the pact's signing)
    text = (TEXTS / "heldout46" / "h46a_kor_nzl_fta_signed_2015.txt").read_text(encoding="utf-8")
    found = candidates(text, date(2015, 3, 23))
    assert {e.kind for e in found} == {"trade_agreement"}
    assert "tariff" not in {e.kind for e in readings.detected(text, date(2015, 3, 23), found)}
    # with no pact told before it, a tariff cut is the classifier's to read
    assert not readings._deal_terms(text, 300, 400, [])


def test_a_firm_put_on_chinas_unreliable_entity_list_is_no_export_control():
    # (the annotation guide: a sanction on firms, not on goods; the rules' entity lists leave it out, and so does the
    # classifier's reading now)
    text = ("BEIJING, Feb 17 - China's Ministry of Commerce on Thursday placed Lockheed Martin and Raytheon Missiles & "
            "Defense on its unreliable entity list over their arms sales to Taiwan, barring them from trade with "
            "China.")
    assert "export_control" not in {e.kind for e in readings.detected(text, date(2023, 2, 17), [])}
    assert readings._UNRELIABLE.search(text) and not readings._UNRELIABLE.search("added 27 firms to its Entity List")


def test_a_headline_event_is_also_viewed_where_its_body_tells_it_again():
    # (thirty-third pass) a telling merged in from the body gives no amount or date of its own, yet its sentence is
    # where the event is told: "Ottawa blocks Chinese takeover of ..." is weighed by the body's "has rejected the sale"
    text = ("Ottawa blocks Chinese takeover of Arctic gold miner Kivalliq\n\n"
            "TORONTO - The Canadian government has rejected the sale of Kivalliq Gold, owner of a gold project in "
            "Nunavut, to China's state-controlled Zhaojin Mining after a national security review, the company said.")
    det, ev, ix, starts = _headline_event(text, date(2020, 12, 22))
    head, body = sentence_at(starts, ev.trigger.start), {sentence_at(starts, f.start) for f in ev.told}
    assert head == 0 and body == {1} and not ev.magnitude and not ev.dates
    logit = {n: _logit(det, text, ix, n) for n in (0, 1)}
    (view,) = readings.views(text, [ev], det, ix)
    assert view[0] == pytest.approx(max(logit.values())) and logit[1] > logit[0]
