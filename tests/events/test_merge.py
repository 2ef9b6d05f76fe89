"""Merging the tellings of one fact (events.merge) on hand-made events: a plant told twice by its sum, and a
headline whose roles read the wrong way round."""

from __future__ import annotations

from chokepoints.events.facts import Event, Fact
from chokepoints.events.merge import merge


def _ev(kind: str, at: int, *, actors=(), targets=(), money=None, materials=()) -> Event:
    return Event(kind, "", Fact(kind, at, at + 5, "xxxxx"),
                 actors=[Fact(c, at + 10, at + 13, c) for c in actors],
                 targets=[Fact(c, at + 20, at + 23, c) for c in targets],
                 materials=[Fact(m, at + 30, at + 37, m) for m in materials],
                 magnitude=[Fact((money, "MUSD"), at + 40, at + 50, "$6.8 billion")] if money else [],
                 span=(at, at + 60))


def test_a_plant_told_twice_with_its_sum_is_one_fact_though_one_telling_names_no_actor():
    # "SK hynix's board approved an investment of about $6.8 billion to build the first fab" read by the rules (the
    # country as actor) and by the classifier (the country as the site): no material, the same sum
    (one,) = merge([_ev("project", 0, actors=["KOR"], money=6800), _ev("project", 100, targets=["KOR"], money=6800)])
    assert one.values("actors") == ["KOR"] and one.values("targets") == ["KOR"] and [f.start for f in one.told] == [100]
    # other sums are other plants
    assert len(merge([_ev("project", 0, actors=["KOR"], money=6800), _ev("project", 100, targets=["KOR"],
                                                                         money=120)])) == 2


def test_a_headline_reading_the_target_as_actor_takes_its_bodys_roles():
    # "Commerce Removes Three Indian ... Entities from the Entity List" (no subject the roles can read, so "Indian" is
    # read as who acts), then "BIS today published a rule that removes three Indian entities from the Entity List"
    head = _ev("export_control", 0, actors=["IND"], materials=["ree"])
    body = _ev("export_control", 300, actors=["USA"], targets=["IND"])
    (one,) = merge([head, body], body=200)
    assert one.values("actors") == ["USA"] and one.values("targets") == ["IND"]
    # not within the body (two sentences of a text, each with its own roles), nor a headline with a target of its own
    assert len(merge([_ev("export_control", 250, actors=["IND"]), body], body=200)) == 2
    assert len(merge([_ev("export_control", 0, actors=["IND"], targets=["PAK"]), body], body=200)) == 2


def test_a_site_named_at_a_sentences_start_is_the_same_site():
    # "The Huckleberry copper mine ... was placed on care and maintenance" under "Huckleberry copper mine ... placed
    # on care and maintenance": one site, so one halt
    from chokepoints.events.clause import _site_name
    assert _site_name("The Huckleberry") == _site_name("Huckleberry") == "huckleberry"
    assert _site_name("New Prosperity") == "new prosperity" and _site_name("Its Andina") == "andina"


def test_duties_on_other_goods_are_other_measures():
    # (thirty-third pass) "raised the import duty on mobile phones to 15%" and "The same notification doubled the duty
    # on microwave ovens ...": one government, one day, no material, two measures; but a headline naming the goods of
    # both takes in each body's telling of its own goods
    from datetime import date

    from chokepoints.events.extract import candidates
    text = ("India raised the import duty on mobile phones to 15% from 10% on Thursday. The same notification "
            "doubled the duty on microwave ovens and water heaters to 20% from 10%.")
    evs = merge(candidates(text, date(2017, 12, 15)))
    assert [sorted(e.goods) for e in evs] == [["mobile", "phone"], ["heater", "microwave", "oven", "water"]]
    one = _ev("tariff", 0, actors=["TUR"], targets=["CHN"])
    one.goods = frozenset({"junction", "boxe", "frame"})
    two = _ev("tariff", 300, actors=["TUR"], targets=["CHN"])
    two.goods = frozenset({"junction", "boxe"})
    (kept,) = merge([one, two], body=200)
    assert kept.goods == {"junction", "boxe", "frame"}


def test_a_span_of_days_agrees_with_a_day_inside_it():
    # (thirty-third pass) "from next week" (2021-11-22/2021-11-28) and "from November 26": one time, one measure
    from chokepoints.events.merge import _agree
    assert _agree("2021-11-22/2021-11-28", "2021-11-26") and _agree("2021-11-26", "2021-11-22/2021-11-28")
    assert not _agree("2021-11-22/2021-11-28", "2021-12-01") and _agree("2025-04", "2025-04-04")
    assert not _agree("2025", "2026")


def test_a_headlines_upper_case_material_is_not_part_of_its_sites_name():
    from chokepoints.events.clause import _site_name
    assert _site_name("NUNASVAARA SOUTH GRAPHITE") == _site_name("Nunasvaara South") == "nunasvaara south"


def test_a_headlines_graphite_is_its_bodys_natural_graphite_but_two_body_plants_stay_two():
    # (thirty-third pass) "PERMIT GRANTED FOR NUNASVAARA SOUTH GRAPHITE MINE" over "the Nunasvaara South natural
    # graphite mine": one project; but two loans in a body, to a graphite mine and a natural graphite plant, are two
    head = _ev("project", 0, targets=["SWE"], materials=["graphite"])
    body = _ev("project", 300, targets=["SWE"], materials=["natural_graphite"])
    assert len(merge([head, body], body=200)) == 1
    one = _ev("project", 250, targets=["AUS"], materials=["graphite"], money=185)
    two = _ev("project", 500, targets=["AUS"], materials=["natural_graphite"], money=40)
    assert len(merge([one, two], body=200)) == 2
