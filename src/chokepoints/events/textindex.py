"""A text's index: what every reader of a text asks of it (places, materials, sentences, datelines, the gate words
of dates and amounts, a liveblog's time stamps and a digest's item breaks), each found once over the whole text.

One index is built per text and handed to the rules (`extract`), the sentence classifier (`readings`) and the
models' features (`train`); each then reads a sentence's share by bisection, so a long file stays linear.
"""

from __future__ import annotations

import bisect
import re
from datetime import date
from functools import cached_property

from chokepoints.events import dates as dt
from chokepoints.events import gazetteer as gz
from chokepoints.events import magnitude as mg
from chokepoints.events.dates import find_dates
from chokepoints.events.gates import GateIndex
from chokepoints.events.magnitude import find_magnitudes
from chokepoints.events.roles import CAPS_NAME, NAME_KINDS, datelines, is_heading
from chokepoints.events.sentences import sentences

# a liveblog entry's time of day on a line of its own ("08:05", "16:15 GMT", "2.30pm"), or leading its entry's first
# line ("11:55 - Trump says he will restore tariffs", "13:15 Signed. Cleverly and ..."; a clock's colon then, where a
# line led by "10.30" may be a number): its day is the page's
_ZONE = r"(?:\s*(?:[ap]\.?m\.?|GMT|BST|CET|CEST|UTC|ET|EST|EDT|JST|KST|AEST|AEDT|local))?"
_STAMP = re.compile(r"(?m)^[ \t]*(?:(?P<own>(?:[01]?\d|2[0-3])[:.][0-5]\d" + _ZONE + r")[ \t]*$|"
                    r"(?P<lead>(?:[01]?\d|2[0-3]):[0-5]\d" + _ZONE + r")(?:[ \t]+[-–—|][ \t]+|[ \t]+(?=[A-Z\"'‘“])))")
# where a digest's item ends: a rule line ("---", "***") or a numbered head ("2) VIETNAM: ...", "3. INDIA: ...",
# "2. Quebec orders mines to minimum operations")
_ITEM_BREAK = re.compile(r"(?m)^[ \t]*(?:[-*_=]{3,}[ \t]*$|\d{1,2}[.)][ \t]+[A-Z][A-Z .'’\-/]+:|"
                         # "2. Quebec orders mines to minimum operations": a numbered item's heading on a line of its
                         # own, with no sentence's stop (a numbered list's items end with one)
                         r"\d{1,2}[.)][ \t]+[A-Z][^\n.:;!?]{3,100}$|"
                         # "UKRAINE - Coal exports allowed again after almost two years": a digest's item heading
                         r"(?P<head>" + CAPS_NAME + r")[ \t]+[-–—:][ \t]+|"
                         # "China: fire at CATL in Ningde. A fire broke out ...": a review's paragraph led by its
                         # country (a name, not a speaker's "Q:" or "Rubio:")
                         r"(?<=\n\n)(?P<country>[A-Z][\w'’\-]+(?:[ \t]+[A-Z][\w'’\-]+){0,2}):[ \t]+(?=[A-Za-z]))")


def _country_name(head: str) -> bool:
    """Whether a paragraph's lead-in before its colon is a country's or a bloc's name, and nothing else."""
    places = gz.find_places(head)
    return len(places) == 1 and places[0].kind in NAME_KINDS and \
        places[0].end - places[0].start == len(head)


class Index(gz.TextIndex):
    """A text's places, materials and date/amount gate words, each found once over the whole text."""

    def __init__(self, text: str, article_date: date | None = None):
        super().__init__(text, article_date)
        self.text = text
        self._dates, self._mags = GateIndex(text, dt.GATES), GateIndex(text, mg.GATES)
        stamps = [m.span("own") if m.group("own") else m.span("lead") for m in _STAMP.finditer(text)]
        self.stamps = stamps if len(stamps) >= 2 else []  # a liveblog's entries, each under its time of day
        # a digest's item rules, numbered heads and country headings
        self.breaks = [m.span() for m in _ITEM_BREAK.finditer(text)
                       if (m.group("head") is None or is_heading(text, m.start("head"), m.end())) and
                       (m.group("country") is None or _country_name(m.group("country")))]

    @cached_property
    def datelines(self) -> list[tuple[int, int]]:
        """The text's datelines (`roles.datelines`), found once for the rules, the classifier and `merge.restated`."""
        return datelines(self.text)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """The text's sentences (`sentences`), cut once for the rules, the sentence classifier and the value filter."""
        return sentences(self.text)

    def sentence_end(self, pos: int) -> int:
        """Where the sentence that holds offset `pos` ends (a bisection over the sentences)."""
        i = bisect.bisect_right(self.sentences, (pos, len(self.text) + 1)) - 1
        return self.sentences[i][1] if i >= 0 else len(self.text)

    def stamp_before(self, lo: int) -> tuple[int, int] | None:
        """The time stamp of the liveblog entry that holds offset `lo` (the last one before it), if any."""
        i = bisect.bisect_right(self.stamps, (lo, lo)) - 1
        return self.stamps[i] if i >= 0 and lo - self.stamps[i][1] < 2000 else None

    def item_break(self, lo: int, hi: int) -> bool:
        """Whether a digest's item ends within text[lo:hi] (a bisection: a sentence's test stays cheap in long
        files)."""
        i = bisect.bisect_left(self.breaks, (lo, lo))
        return i < len(self.breaks) and self.breaks[i][1] <= hi

    def item(self, lo: int) -> tuple[int, int] | None:
        """The digest item that holds offset `lo`, from its heading to the next item's (None before the first)."""
        i = bisect.bisect_right(self.breaks, (lo, len(self.text) + 1)) - 1
        if i < 0:
            return None
        return self.breaks[i][0], self.breaks[i + 1][0] if i + 1 < len(self.breaks) else len(self.text)

    def dates(self, ref: date | None, lo: int, hi: int) -> list:
        return find_dates(self.text, ref, lo, hi, self._dates.within(lo, hi))

    def magnitudes(self, lo: int, hi: int) -> list:
        return find_magnitudes(self.text[lo:hi], self._mags.within(lo, hi))

    def may_hold(self, gate: str, lo: int, hi: int) -> bool:
        """Whether text[lo:hi] may hold an amount of gate `gate` of `magnitude.GATES` ("percent": a rate), from the
        whole text's gate index: false means it holds none."""
        return self._mags.near(gate, lo, hi)
