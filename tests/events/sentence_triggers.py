"""The kinds of the rules' triggers in one sentence, read alone: a helper the pass tests share."""

from __future__ import annotations

from chokepoints.events.textindex import Index
from chokepoints.events.triggers import trigger_hits, triggers


def trigger_kinds(sentence: str) -> list[str]:
    return [kind for kind, _sub, _s, _e in triggers(sentence, 0, len(sentence), Index(sentence),
                                                     trigger_hits(sentence))]
