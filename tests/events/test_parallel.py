"""A long text read in pieces, one process each, gives what one pass gives, except next to a cut (where a link
between the two paragraphs beside it may be lost: parallel.py's docstring)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from chokepoints.events import parallel
from chokepoints.events.extract import extract

TEXTS = Path(__file__).parent / "texts"


def _dump(events) -> list[str]:
    return [json.dumps(e.to_dict(), sort_keys=True) for e in events]


def test_pieces_cover_the_text_and_end_at_paragraph_breaks():
    text = "".join(f"Paragraph {i} says little.\n\n" for i in range(1000))
    spans = parallel.pieces(text, 4)
    assert len(spans) == 4 and spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert all(text[a - 2:a] == "\n\n" for a, _b in spans[1:])


def test_parallel_extraction_equals_one_pass(monkeypatch):
    base = "".join(p.read_text(encoding="utf-8") + "\n\n" for p in sorted(TEXTS.glob("*.txt"))[:40])
    text = (base * (240_000 // len(base) + 1))[:240_000]
    monkeypatch.setattr(parallel, "MIN_PIECE", 60_000)  # four pieces of a short text: the same code path
    monkeypatch.setattr(parallel, "MIN_SIFTED", 10)  # and the value filter run by piece too
    one = extract(text, date(2025, 1, 1))
    many = parallel.extract_long(text, date(2025, 1, 1), processes=4)
    cuts = [a for a, _b in parallel.pieces(text, 4)[1:]]

    def far(events):  # events whose evidence lies more than 5,000 characters from every cut
        return _dump([e for e in events if all(abs(e.span[0] - c) > 5000 and abs(e.span[1] - c) > 5000 for c in cuts)])

    assert len(one) > 100 and len(cuts) == 3
    assert far(many) == far(one) and len(far(one)) > 0.8 * len(one)
    assert abs(len(many) - len(one)) <= 2 * len(cuts)
    for ev in many:  # every shifted span still points at its own words, the value filter's too
        for f in [ev.trigger, *ev.dates, *ev.magnitude] + [f for _field, f, _p in ev.set_aside + ev.adopted]:
            assert text[f.start:f.end] == f.text
    assert sum(len(ev.set_aside) + len(ev.adopted) for ev in many) > 20


def test_short_texts_stay_in_process():
    assert parallel.extract_long("China banned exports of gallium to the United States on Tuesday.",
                                 date(2025, 1, 1), processes=8)[0].kind == "export_control"
