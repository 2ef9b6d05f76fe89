"""Case-insensitive patterns run on the lower-cased text: the same matches, several times faster.

Python's `re` with `re.I` cannot test a branch's first letter before trying it, so a long alternation of phrases
(`trigger_patterns.TRIGGERS`, thousands of characters each) costs its full width at every position. The same
pattern written in lower case and run without `re.I` on the lower-cased text skips most positions at once. Only
the branches that really read case (`(?-i:[A-Z]...)`, a proper name) must run with `re.I` on the original text.
`Lowered` splits a pattern's top-level branches into those two sets and merges their matches so that the result is
exactly `pattern.finditer(text)`: leftmost first, non-overlapping, and where branches of both sets match at the same
place, the original pattern decides which branch (and so which span) wins.

The lower-cased text must have the original's offsets (`str.lower` keeps the length for nearly every text; the
callers fall back to the original pattern where it does not).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from chokepoints.events.alternation import branches, by_first


def lower_pattern(pattern: str) -> str:
    """A case-insensitive pattern in lower case, its escapes (`\\S`, `\\W`, `\\B`, `\\D`) kept."""
    out, i = [], 0
    while i < len(pattern):
        if pattern[i] == "\\":
            out.append(pattern[i:i + 2])
            i += 2
        else:
            out.append(pattern[i].lower())
            i += 1
    return "".join(out)


def grouped(parts: list[str], by_letter: bool = True) -> str:
    """The alternation of `parts`, each run of branches that begin with a word boundary sharing one `\\b`: the
    same matches (the boundary is zero-width and tried first either way), but a position inside a word fails once,
    not once per branch (the project pattern's 40 branches: 4.6x faster on news prose); and within the run, those
    that begin with the same letter grouped under it (`alternation.by_first`; not with `by_letter` false, for a
    pattern run with re.I, where "A" and "a" would fall in two groups and their order change)."""
    join = by_first if by_letter else "|".join
    out: list[str] = []
    run: list[str] = []
    for p in parts:
        if p.startswith(r"\b"):
            run.append(p[2:])
            continue
        if run:
            out.append(r"\b(?:" + join(run) + ")")
            run = []
        out.append(p)
    if run:
        out.append(r"\b(?:" + join(run) + ")")
    return "|".join(out)


def reads_case(branch: str) -> bool:
    """Whether a branch tells upper from lower case (an inline `(?-i:...)`): it must run on the original text."""
    return "(?-i" in branch


class Lowered:
    """A case-insensitive pattern as a lower-case part, run on the lower-cased text, and a part that reads case."""

    def __init__(self, pattern: str) -> None:
        parts = branches(pattern)
        if "|".join(parts) != pattern or pattern.startswith("(?i") or pattern.startswith("(?a"):
            raise ValueError(f"cannot split pattern {pattern[:60]!r}")
        self.full = re.compile(pattern, re.I)
        low = [lower_pattern(p) for p in parts if not reads_case(p)]
        cased = [p for p in parts if reads_case(p)]
        self.low = re.compile(grouped(low)) if low else None
        self.cased = re.compile(grouped(cased, by_letter=False), re.I) if cased else None

    def spans(self, text: str, low: str | None) -> Iterator[tuple[int, int]]:
        """The (start, end) of `self.full.finditer(text)`; `low` is `text.lower()` of the same length, or None where
        lower-casing would shift offsets (then the pattern itself runs on the text)."""
        if low is None:
            yield from (m.span() for m in self.full.finditer(text))
            return
        if self.cased is None:
            yield from (m.span() for m in self.low.finditer(low))
            return
        if self.low is None:
            yield from (m.span() for m in self.cased.finditer(text))
            return
        a, b = self.low.search(low), self.cased.search(text)
        while a or b:
            if b is None or (a is not None and a.start() < b.start()):
                m = a
            elif a is None or b.start() < a.start():
                m = b
            else:  # both parts match here: the first branch in the pattern's own order wins, as in the pattern
                m = self.full.match(text, a.start())
            s, e = m.span()
            yield s, e
            pos = e if e > s else e + 1
            if a is not None and a.start() < pos:
                a = self.low.search(low, pos)
            if b is not None and b.start() < pos:
                b = self.cased.search(text, pos)
