"""The trigger phrases (events.triggers) added in the twenty-fourth pass, each told in other words than the texts
that called for them: finds of a deposit as a new source, and trade-defence investigations as tariffs."""

from __future__ import annotations

from datetime import date

import pytest

from chokepoints.events import extract as _extractor


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
