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
