"""The scorer on hand-made cases: matching by kind and anchor sentence, set comparison per field."""

from __future__ import annotations

from chokepoints.events import score

TEXT = "China banned gallium exports. Japan and Korea signed a pact."


def _ev(kind, start, **fields):
    ev = {"kind": kind, "actors": [], "targets": [], "materials": [], "magnitude": [], "dates": []} | fields
    ev["evidence"] = {"trigger": [{"start": start, "end": start + 3, "text": TEXT[start:start + 3]}]}
    return ev


def test_match_pairs_by_kind_and_anchor_sentence_and_counts_sets():
    got = [_ev("export_control", 6, actors=["CHN"], materials=["gallium", "germanium"]),
           _ev("tariff", 6, actors=["CHN"])]
    exp = [{"anchor": "China banned", "kind": "export_control", "actors": ["CHN"], "targets": [],
            "materials": ["gallium"], "magnitude": [], "dates": [["effective", "2023-08-01"]]},
           {"anchor": "signed a pact", "kind": "trade_agreement", "actors": ["JPN", "KOR"], "targets": [],
            "materials": [], "magnitude": [], "dates": []}]
    c = score.counts(score.match(TEXT, got, exp))
    assert c["kind"] == {"tp": 1, "fp": 1, "fn": 1}
    assert c["actors"] == {"tp": 1, "fp": 1, "fn": 2}
    assert c["materials"] == {"tp": 1, "fp": 1, "fn": 0}
    assert c["dates"] == {"tp": 0, "fp": 0, "fn": 1}
    rows = {r["field"]: r for r in score.table(c)}
    assert rows["actors"]["precision"] == 0.5 and abs(rows["actors"]["recall"] - 1 / 3) < 1e-12
    assert rows["targets"]["precision"] is None


def test_an_event_in_another_sentence_does_not_match():
    got = [_ev("export_control", TEXT.index("Japan"), actors=["CHN"])]
    exp = [{"anchor": "China banned", "kind": "export_control", "actors": ["CHN"]}]
    pairs = score.match(TEXT, got, exp)
    assert (None, exp[0]) in pairs and (got[0], None) in pairs


NEWS = ("Kenya bans scrap metal exports. Nairobi, 20 January - President Kenyatta imposes a moratorium on the export "
        "of scrap metal. Prices fell. Traders protested. Dealers said stocks would pile up. Brazil cut a tariff.")


def _at(text, kind, phrase, **fields):
    start = text.index(phrase)
    ev = {"kind": kind, "actors": [], "targets": [], "materials": [], "magnitude": [], "dates": []} | fields
    ev["evidence"] = {"trigger": [{"start": start, "end": start + len(phrase), "text": phrase}]}
    return ev


def test_the_content_match_pairs_a_fact_told_in_the_next_sentence_and_the_strict_one_does_not():
    got = [_at(NEWS, "export_control", "bans scrap", actors=["KEN"], materials=["scrap"])]
    exp = [{"anchor": "imposes a moratorium", "kind": "export_control", "actors": ["KEN"], "targets": [],
            "materials": ["scrap"], "magnitude": [], "dates": []}]
    assert score.counts(score.match(NEWS, got, exp))["kind"] == {"tp": 0, "fp": 1, "fn": 1}
    assert score.counts(score.match(NEWS, got, exp, near=score.NEAR))["kind"] == {"tp": 1, "fp": 0, "fn": 0}
    assert score.counts(score.match(NEWS, got, exp, near=score.NEAR))["materials"] == {"tp": 1, "fp": 0, "fn": 0}


def test_the_content_match_needs_the_kind_a_shared_name_and_nearness():
    exp = [{"anchor": "imposes a moratorium", "kind": "export_control", "actors": ["KEN"], "targets": [],
            "materials": [], "magnitude": [], "dates": []}]
    other_kind = [_at(NEWS, "tariff", "bans scrap", actors=["KEN"])]
    no_shared = [_at(NEWS, "export_control", "bans scrap", actors=["UGA"])]
    far = [_at(NEWS, "export_control", "cut a tariff", actors=["KEN"])]  # (four sentences on)
    for got in (other_kind, no_shared, far):
        assert score.counts(score.match(NEWS, got, exp, near=score.NEAR))["kind"]["tp"] == 0
    # a country named as the target on one side and the actor on the other is still a shared name
    swapped = [_at(NEWS, "export_control", "bans scrap", targets=["KEN"])]
    assert score.counts(score.match(NEWS, swapped, exp, near=score.NEAR))["kind"]["tp"] == 1


def test_the_content_match_takes_the_nearest_and_never_undoes_a_strict_pair():
    exp = [{"anchor": "imposes a moratorium", "kind": "export_control", "actors": ["KEN"]},
           {"anchor": "Prices fell", "kind": "export_control", "actors": ["KEN"]}]
    strict = _at(NEWS, "export_control", "moratorium", actors=["UGA"])  # (no shared name: matched by its sentence)
    nearest = _at(NEWS, "export_control", "Traders", actors=["KEN"])
    farther = _at(NEWS, "export_control", "Dealers", actors=["KEN"])
    pairs = score.match(NEWS, [farther, strict, nearest], exp, near=score.NEAR)
    assert (strict, exp[0]) in pairs and (nearest, exp[1]) in pairs and (farther, None) in pairs
    assert len(pairs) == 3
