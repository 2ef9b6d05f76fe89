"""Every kind of event the extractor can report is one the warehouse's `events` table accepts (the catalogue's check
once lagged behind the extractor, and `watch` then failed on supply disruptions)."""

from __future__ import annotations

import chokepoints as ck
from chokepoints.events.extract import extract
from chokepoints.events.facts import KINDS
from chokepoints.events.store import store
from chokepoints.events.text import read_document
from chokepoints.reference.catalogue import catalogue

TEXT = """Date: 2025-06-05

Several European car makers halted production lines this week after China's export licences for rare earth magnets
left parts suppliers without magnets. China imposed export licences on seven rare earths on 4 April 2025.
"""


def test_every_kind_is_allowed_by_the_catalogue():
    cat = catalogue()
    check = cat[(cat["table"] == "events") & (cat["column"] == "kind")]["check"].item()
    assert set(KINDS) <= set(check.removeprefix("in:").split("|"))


def test_a_supply_disruption_is_stored(tmp_path):
    path = tmp_path / "halt.txt"
    path.write_text(TEXT, encoding="utf-8")
    doc = read_document(path)
    events = extract(doc.text, doc.date)
    assert "supply_disruption" in {e.kind for e in events}
    wh = ck.open(tmp_path / "wh.duckdb")
    assert store(wh, path, events, doc.date) == len(events)
    assert "supply_disruption" in set(wh.table("events")["kind"])
