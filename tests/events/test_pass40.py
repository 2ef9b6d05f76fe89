"""The fortieth pass's readings, each told in other words than the texts that called for them: a decision imposed
"immediately" and a measure in force from its publication date the day they were taken; a project's start told
after a bare agreement that names no party is still the project's."""

from __future__ import annotations

from datetime import date

from chokepoints.events.dates import find_dates
from chokepoints.events.extract import extract


def _dates(text: str, day: date) -> list[tuple[str, str]]:
    return [(d.role, d.value) for d in find_dates(text, day)]


def test_an_immediate_ban_takes_effect_the_day_it_is_imposed():
    text = "Lusaka, 3 March 2021 - The cabinet imposes an immediate ban on the export of copper cathode offcuts."
    assert ("effective", "2021-03-03") in _dates(text, date(2021, 3, 4))


def test_an_immediate_halt_called_for_is_no_date():
    assert _dates("Residents called for an immediate halt to blasting at the quarry.", date(2021, 3, 4)) == []


def test_a_measure_in_force_on_its_publication_is_effective_the_day_named_after_it():
    # a report of Thursday 14 March 2024: the Tuesday of that week, not the next
    text = "The duties took effect on their publication in the Official Gazette on Tuesday."
    assert _dates(text, date(2024, 3, 14)) == [("effective", "2024-03-12")]


def test_a_measure_in_force_with_its_publication_that_day_is_effective_that_day():
    text = "The order, dated 9 May, took effect with its publication that day."
    assert ("effective", "2024-05-09") in _dates(text, date(2024, 5, 13))


def test_a_start_told_after_a_bare_agreement_is_the_projects():
    text = ("OSAKA, May 8, 2024 - Kansai Power Devices said on Wednesday it will buy a disused glass factory in "
            "Shiga prefecture and turn it into a plant for gallium nitride power chips.\n\n"
            "Kansai Power Devices signed a basic agreement with the seller, a unit of a paper maker, covering the "
            "land and buildings. It plans to start operations there in 2026.")
    plants = [e for e in extract(text, date(2024, 5, 8), weighed=False, detect=False) if e.kind == "project"]
    assert plants and ("start", "2026") in [(f.role, f.value) for f in plants[0].dates]
