"""Extraction measured on realistic texts: precision and recall per field, printed, against hand-annotated events.

texts/*.txt|html are the texts the rules were tuned on (with the three shipped samples of data/samples/news and the
seven held-out texts of issue 14's second pass, whose failures had been looked at and so were moved here, and the
29 texts `p4_*` written and annotated in its fourth pass before the extractor was run on them);
texts/heldout/ holds texts never used to tune them: twelve written for issue 14 before its rules were changed, and
fourteen written and annotated in its third pass before the extractor was first run on them. All
were written by the project in its own words from the facts in ../shared/data/news/INDEX.md and other real
2019-2025 events (the articles themselves are not reproduced).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from chokepoints.events import score
from chokepoints.events.extract import extract
from chokepoints.events.text import read_document

HERE = Path(__file__).parent / "texts"
DEV = sorted(HERE.glob("*.json"))
HELDOUT = sorted((HERE / "heldout").glob("*.json"))


def _source(gold: Path, spec: dict) -> Path:
    if "text" in spec:
        return (gold.parent / spec["text"]).resolve()
    return next(p for p in gold.parent.glob(gold.stem + ".*") if p.suffix != ".json")


def _run(golds: list[Path]) -> tuple[dict, list]:
    total: dict = {}
    extracted = []
    for gold in golds:
        spec = json.loads(gold.read_text(encoding="utf-8"))
        doc = read_document(_source(gold, spec), article_date=date.fromisoformat(spec["date"]))
        events = [e.to_dict() for e in extract(doc.text, doc.date)]
        extracted.append((doc.text, events))
        total = score.add(total, score.counts(score.match(doc.text, events, spec["events"])))
    return total, extracted


def _print(title: str, total: dict) -> dict[str, dict]:
    rows = {r["field"]: r for r in score.table(total)}
    print(f"\n{title}\n{'field':10} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}")
    for r in rows.values():
        print(f"{r['field']:10} {r['tp']:4} {r['fp']:4} {r['fn']:4} {r['precision'] or 0:9.2f} {r['recall'] or 0:7.2f}")
    return rows


def test_dev_texts_precision_and_recall_per_field():
    rows = _print(f"tuning texts ({len(DEV)} files)", _run(DEV)[0])
    # measured (issue 14, 70 files): precision 0.91-0.94, recall 0.93-0.97 (docs/methods/events.md); floors
    for f, r in rows.items():
        assert r["precision"] >= 0.8, f
        assert r["recall"] >= 0.8, f


def test_heldout_texts_precision_and_recall_per_field():
    rows = _print(f"held-out texts ({len(HELDOUT)} files)", _run(HELDOUT)[0])
    for f, r in rows.items():  # measured (issue 14, 26 files): precision 0.72-0.93, recall 0.62-0.78
        assert r["precision"] >= 0.6, f
        assert r["recall"] >= 0.6, f


@pytest.mark.parametrize("golds", [DEV, HELDOUT], ids=["dev", "heldout"])
def test_every_value_has_its_span_in_the_text(golds):
    runs = _run(golds)[1]
    assert sum(len(events) for _text, events in runs) >= len(runs)  # a text without events is a miss, scored above
    for text, events in runs:
        for ev in events:
            for name in ("actors", "targets", "materials", "magnitude", "dates"):
                values = ev[name]
                spans = ev["evidence"][name]
                assert len(values) <= len(spans), name
                for f in spans:
                    assert text[f["start"]:f["end"]] == f["text"]
            trig = ev["evidence"]["trigger"][0]
            assert text[trig["start"]:trig["end"]] == trig["text"]
