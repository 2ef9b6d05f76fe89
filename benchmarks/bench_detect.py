"""Benchmark: what the event monitor's fitted models cost per article, against the rules alone.

Every annotated text (the monitor's real unit: one article, a few thousand characters) is read by `extract` in one
process: by the rules alone (`weighed=False, detect=False`); by the rules and the confidence model, which reads the
sentence classifier's view of each event's sentence (`detect=False, sift=False`); and as shipped, with the sentence
classifier reading the sentences the rules leave silent and the value filter (the default). Each contender runs in
its own process, on the same texts, with imports, gazetteers and the models' weights loaded outside the timing.
Usage:
    python benchmarks/bench_detect.py
Target: the models add a fraction of the rules' time per article (a morning's news, hundreds of articles, in
seconds). Results: benchmarks/RESULTS.md.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import WORK, machine, publish, run  # noqa: E402

TEXTS = Path(__file__).resolve().parent.parent / "tests" / "events" / "texts"

SETUP = """
    import json
    from datetime import date
    from chokepoints.events.extract import extract
    from chokepoints.events.detect import shipped
    docs = [(d["text"], date.fromisoformat(d["date"])) for d in json.load(open(TEXT, encoding="utf-8"))]
    shipped()
    extract("China banned exports of gallium to the United States on Tuesday.", date(2025, 1, 1))  # warm-up
"""
RUN = """
    _c = time.process_time()
    n = sum(len(extract(t, d, KW)) for t, d in docs)
    open(OUT + "/n", "w").write(f"{n} {time.process_time() - _c}")
"""


def articles() -> list[dict]:
    """Every annotated text, as the monitor reads it (HTML reduced to its text), with its date."""
    from datetime import date

    from chokepoints.events.text import read_document
    from chokepoints.events.train import annotated

    out = []
    for folder in [TEXTS, *sorted(p for p in TEXTS.iterdir() if p.is_dir())]:
        for src, spec in annotated(folder):
            doc = read_document(src, article_date=date.fromisoformat(spec["date"]))
            out.append({"text": doc.text, "date": spec["date"]})
    return out


def main() -> None:
    WORK.mkdir(exist_ok=True)
    docs = articles()
    path = WORK / "detect_articles.json"
    path.write_text(json.dumps(docs), encoding="utf-8")
    chars = sum(len(d["text"]) for d in docs)
    lines = [f"## detect: the event monitor's fitted models on {len(docs)} articles ({chars / 1e6:.1f} MB), issue 14",
             "", "| contender | events | wall s | CPU s | ms per article |", "|---|---:|---:|---:|---:|"]
    times = []
    for label, kw in (("rules alone (`weighed=False, detect=False`)", "weighed=False, detect=False"),
                      ("rules and confidence model, with the classifier's view (`detect=False, sift=False`)",
                       "detect=False, sift=False"),
                      ("as shipped: also the sentence classifier and the value filter (the default)", "")):
        out = WORK / "detect_out"
        wall, _rss = run((SETUP, RUN.replace(", KW", ", " + kw if kw else "")), out, text=str(path))
        n, cpu = (out / "n").read_text().split()
        times.append(float(cpu))
        lines.append(f"| {label} | {n} | {wall:.2f} | {float(cpu):.2f} | {1000 * float(cpu) / len(docs):.1f} |")
    lines += ["", f"As shipped, the monitor costs {times[-1] / times[0]:.2f} times the CPU time of the rules alone.",
              "", machine(), "`python benchmarks/bench_detect.py`; every annotated text of tests/events/texts, read "
              "one by one as the monitor reads a folder of articles."]
    publish("detect", lines)


if __name__ == "__main__":
    main()
