"""Gate words found once over a whole text, so that a clause tries only the patterns that can match in it.

A pattern's *gate* is a cheap regular expression one of whose matches lies inside any match of the pattern (a
superset test). Each gate is run once over the lower-cased text (literal alternatives without re.I scan fast); a
clause then asks, by bisection, whether a gate match overlaps it. This replaces a lower-casing and a dozen gate
searches per clause: on long texts the cost is one linear pass per gate.
"""

from __future__ import annotations

import bisect
import re

from chokepoints.events.alternation import grouped


class GateIndex:
    """Each gate's matches over the lower-cased text, as (starts, ends); `low` is that text, or None where lower-casing
    would shift the offsets (then there are no gates, and every clause tries every pattern)."""

    def __init__(self, text: str, gates: dict[str | int, re.Pattern]):
        low = text.lower()
        self.ok = len(low) == len(text)  # a character whose lower case is longer would shift offsets: no gates
        self.low = low if self.ok else None
        self.hits: dict[str | int, tuple[list[int], list[int]]] = {}
        if self.ok:
            for name, rx in gates.items():
                spans = [m.span() for m in grouped(rx).finditer(low)]
                self.hits[name] = ([a for a, _b in spans], [b for _a, b in spans])

    def near(self, name: str | int, lo: int, hi: int) -> bool:
        """Whether a match of gate `name` overlaps text[lo:hi] (always true when there are no gates): a pattern's
        match inside the clause holds a gate word, and some whole-text gate match overlaps that word (matches are
        leftmost and non-overlapping)."""
        if not self.ok:
            return True
        starts, ends = self.hits[name]
        i = bisect.bisect_right(ends, lo)
        return i < len(starts) and starts[i] < hi

    def within(self, lo: int, hi: int):
        """A test `has(name)` for the clause text[lo:hi], as `find_dates` and `find_magnitudes` take it."""
        return lambda name: self.near(name, lo, hi)
