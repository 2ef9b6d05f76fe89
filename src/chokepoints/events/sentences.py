"""A text cut into sentences: the unit the rules, the sentence classifier, the confidence model and the scorer
read."""

from __future__ import annotations

import re
from bisect import bisect_right

HEADLINE_SENTENCES = 3  # the first sentences of a text: a headline, a standfirst, a dateline's lead

# A full stop (not that of an abbreviation: "U.S.", "Mr.", "Sept."), then an opening capital or digit; a paragraph
# break; a line break after a headline. The punctuation is matched first (a fast scan, not a lookbehind tried at every
# position); `sentences` ends the sentence after it. (Until issue 14 the abbreviations were tested before the full
# stop, where they can never match, so "the U.S. Commerce Department" was cut in two.)
_ABBREV = "".join(rf"(?<!\b{re.escape(a)}\.)" for a in ("U.S", "U.K", "No", "Mr", "Ms", "Dr", "Inc", "Co", "Corp",
                                                           "Ltd", "St", "vs", "Jan", "Feb", "Aug", "Sept", "Sep",
                                                           "Oct", "Nov", "Dec", "Sec", "Dept")) + \
    r"(?<!\b[A-Z]\.[A-Z]\.)(?<![\s(][A-Z]\.)"  # initials: "H.C. Starck", "Jennifer M. Granholm"
SENTENCE = re.compile(r"(?P<p>[.!?])" + _ABBREV + r"[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|"
                      r"\n\s*\n|\n(?<=[^\s.!?:]\n)(?=[A-Z])|"
                      # a bulleted line ("* Petro answers with a 25% duty on US imports") is a sentence of its own
                      r"\n(?=[ \t]*[*•▪\-–][ \t]+\S)")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text` that holds more than white space."""
    out, start = [], 0
    for m in SENTENCE.finditer(text):
        end = m.start() + 1 if m.group("p") else m.start()
        if text[start:end].strip():
            out.append((start, end))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def sentence_at(starts: list[int], pos: int) -> int:
    """The number of the sentence, of those starting at `starts` (in order), that position `pos` lies in (the first
    for a position before any)."""
    return max(0, bisect_right(starts, pos) - 1)
