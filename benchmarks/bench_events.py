"""Benchmark: the event monitor (`events extract`) on a 5 MB text, the largest file it accepts.

The worst case is one document made of the annotated test texts repeated until it holds 5,000,000 characters: every
sentence tells an event, so every rule runs everywhere. Ordinary news prose is the same texts with each paragraph
followed by four paragraphs of background prose (no trigger word): few sentences hold an event. Sparse is one event
and then background prose only, to the end.

Contenders, each in its own process, on the same text: chokepoints' extractor in one process, the same cut at
paragraph breaks into one piece per core (`parallel.extract_long`, what `events extract`/`watch` run; its CPU seconds
are the parent's only, so compare wall seconds), and the floor below which no rule
extractor of this design can go: one pass of sentence splitting and of the trigger gate words over the text, with
nothing extracted. Times are of the extraction alone (imports and gazetteer building are outside): wall seconds,
which the machine's other load inflates, and the process's CPU seconds, which it inflates much less. Usage:
    python benchmarks/bench_events.py [--mb 5]
Target (issue 14): a 5 MB text in a few seconds, linear in its length. Results: benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import WORK, machine, publish, run  # noqa: E402

TEXTS = Path(__file__).resolve().parent.parent / "tests" / "events" / "texts"
PROSE = ("Analysts said the market remained tight and that buyers were watching the next quarterly figures closely. "
         "Traders in the region described a quiet week, with most business done under long-term contracts.\n\n")

SETUP = """
    from datetime import date
    from chokepoints.events.extract import extract
    text = open(TEXT, encoding="utf-8").read()
    extract("China banned exports of gallium to the United States on Tuesday.", date(2025, 1, 1))  # warm-up
"""
RUN = """
    _c = time.process_time()
    events = extract(text, date(2025, 1, 1))
    open(OUT + "/n", "w").write(f"{len(events)} {time.process_time() - _c}")
"""
# the trigger patterns as plain `re` runs them, case-insensitive on the text itself (what `lowered.Lowered` replaces)
SETUP_PLAIN = SETUP + """
    from chokepoints.events import triggers as _t

    class _Plain:
        def __init__(self, rx):
            self.rx = rx

        def spans(self, seg, low):
            return (m.span() for m in self.rx.finditer(seg))

    _t.LOWERED_RX = [_Plain(rx) for _k, _s, rx in _t.TRIGGER_RX]
"""
# the same, cut at paragraph breaks into one piece per core (what `events extract` and `watch` run)
SETUP_LONG = SETUP + "    from chokepoints.events.parallel import extract_long\n"
RUN_LONG = RUN.replace("events = extract(", "events = extract_long(")
SETUP_FLOOR = """
    from chokepoints.events.extract import sentences
    from chokepoints.events.triggers import trigger_hits
    text = open(TEXT, encoding="utf-8").read()
"""
RUN_FLOOR = """
    _c = time.process_time()
    n = len(sentences(text)); trigger_hits(text)
    open(OUT + "/n", "w").write(f"0 {time.process_time() - _c}")
"""


def texts(size: int) -> dict[str, str]:
    base = "".join(p.read_text(encoding="utf-8") for p in sorted(TEXTS.glob("*.txt")))
    prose = "".join(p + "\n\n" + PROSE * 2 for p in base.split("\n\n"))
    out = {name: (t * (size // len(t) + 1))[:size] for name, t in (("worst case", base), ("news prose", prose))}
    # one article's events, then background prose only: what a sentence costs must not grow with its distance from
    # the last event (a search from the last event's end made this case quadratic: 1 MB in 29 s)
    lead = "China banned exports of gallium to the United States on Monday, the commerce ministry said.\n\n"
    out["sparse"] = (lead + PROSE * (size // len(PROSE) + 1))[:size]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=5)
    args = ap.parse_args()
    size = int(args.mb * 1_000_000)
    WORK.mkdir(exist_ok=True)
    lines = [f"## events: `events extract` on a {args.mb:g} MB text (issue 14)", "",
             "| text | contender | events | wall s | CPU s of the parent | MB per wall s |",
             "|---|---|---:|---:|---:|---:|"]
    for name, text in texts(size).items():
        path = WORK / f"events_{name.replace(' ', '_')}.txt"
        path.write_text(text, encoding="utf-8")
        for label, contender in (("`extract`, one process", (SETUP, RUN)),
                                 ("`extract`, one process, trigger patterns case-insensitive on the text (plain `re`)",
                                  (SETUP_PLAIN, RUN)),
                                 ("`extract_long`, one process per core (what the CLI runs)", (SETUP_LONG, RUN_LONG)),
                                 ("floor: sentences + trigger gates", (SETUP_FLOOR, RUN_FLOOR))):
            out = WORK / "events_out"
            wall, _rss = run(contender, out, text=str(path))
            n, cpu = (out / "n").read_text().split()
            lines.append(f"| {name} | {label} | {n} | {wall:.2f} | {float(cpu):.2f} | {size / 1e6 / wall:.2f} |")
    lines += ["", machine(), "`python benchmarks/bench_events.py`; the worst case is every annotated test text "
              "repeated (every sentence an event), news prose the same with four background paragraphs after each, "
              "sparse one event and then background prose only."]
    publish("events", lines)


if __name__ == "__main__":
    main()
