"""Where a text is cut into sentences (events.sentences): a full stop that ends a sentence, not one of initials."""

from __future__ import annotations

from chokepoints.events.sentences import sentences


def _cut(text: str) -> list[str]:
    return [text[a:b] for a, b in sentences(text)]


def test_initials_do_not_end_a_sentence():
    text = ("Japan's Mitsubishi Materials has agreed to buy H.C. Starck from Masan. Energy Secretary Jennifer M. "
            "Granholm welcomed it. Imports from the U.S. Commerce Department data show a rise. Output rose 5%. "
            "Exports fell.")
    assert _cut(text) == ["Japan's Mitsubishi Materials has agreed to buy H.C. Starck from Masan.",
                          "Energy Secretary Jennifer M. Granholm welcomed it.",
                          "Imports from the U.S. Commerce Department data show a rise.", "Output rose 5%.",
                          "Exports fell."]
