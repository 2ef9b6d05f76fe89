"""The monitor's two jobs: read files into compared events (`analyse`), and watch a folder (`watch_once`), storing
each new file's events in the warehouse and drafting a scenario for each new export control or tariff."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from chokepoints.errors import ChokepointsError
from chokepoints.events.compare import classify
from chokepoints.events.draft import draftable, scenario_toml
from chokepoints.events.extract import Event
from chokepoints.events.facts import key
from chokepoints.events.parallel import extract_long
from chokepoints.events.text import Document, read_document
from chokepoints.ingest import sha256

SUFFIXES = {".txt", ".html", ".htm", ".pdf"}


def reference_tables(wh) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    if wh is None:
        return None, None
    return wh.table("measures"), wh.table("projects")


def analyse(doc: Document, measures: pd.DataFrame | None, projects: pd.DataFrame | None,
            min_confidence: float | None = None) -> list[Event]:
    """Extract the events of a document and mark each new, update or known (`min_confidence`: as `extract`'s)."""
    # (one process per core for a file of many articles)
    events = extract_long(doc.text, doc.date, min_confidence=min_confidence)
    for ev in events:
        ev.status, ev.record, ev.note = classify(ev, doc.text, measures, projects, doc.date)
    return events


def to_frame(results: list[tuple[str, list[Event]]], *, full: bool) -> pd.DataFrame:
    """One row per event; `full` keeps lists and evidence (JSON), else short text cells for a table."""
    recs = []
    for file, events in results:
        for ev in events:
            d = ev.to_dict()
            if full:
                recs.append({"file": file, **d, "note": ev.note})
                continue
            recs.append({
                "file": Path(file).name, "kind": ev.kind + (f" ({ev.subkind})" if ev.subkind else "") +
                # (a kind the sentence classifier read, without a trigger phrase: said so where it is shown)
                ("" if ev.read_by == "rules" else f" [{ev.read_by}]"),
                "actors": ", ".join(d["actors"]), "targets": ", ".join(d["targets"]),
                "materials": ", ".join(_nearby(ev, "materials", d["materials"])),
                "magnitude": ", ".join(_nearby(ev, "magnitude", [f"{m['value']:g} {m['unit']}" for m in d["magnitude"]],
                                               [(m["value"], m["unit"]) for m in d["magnitude"]]) +
                                       _aside(ev, "magnitude")),
                "dates": ", ".join(_nearby(ev, "dates", [f"{x['role']} {x['value']}" for x in d["dates"]],
                                           [(x["role"], x["value"]) for x in d["dates"]]) + _aside(ev, "dates")),
                "status": ev.status + (f" {ev.record}" if ev.record else ""),
                # (blank for a file longer than the model weighs: the rules alone kept the event)
                "conf.": "" if ev.confidence is None else f"{ev.confidence:.2f}",
            })
    return pd.DataFrame(recs)


def _nearby(ev: Event, name: str, cells: list[str], keys: list | None = None) -> list[str]:
    """The cells of field `name`, each value the neighbours' model adopted from another sentence marked "(nearby)"
    (`keys`: each cell's value as the field holds it, where a cell shows more than the value)."""
    taken = {f.value if name == "materials" else key(name, f) for of, f, _p in ev.adopted if of == name}
    return [c + " (nearby)" if k in taken else c for c, k in zip(cells, keys or cells, strict=True)]


def _aside(ev: Event, name: str) -> list[str]:
    """The count of the values of field `name` the value filter set aside, as a table shows it ("+1 set aside"):
    the values themselves, with their spans and probabilities, are in the JSON."""
    n = len({(f.role, f.value) for of, f, _p in ev.set_aside if of == name})
    return [f"+{n} set aside"] if n else []


@dataclass
class WatchReport:
    stored: list[tuple[str, int]] = field(default_factory=list)
    drafts: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    undrafted: list[tuple[str, str]] = field(default_factory=list)  # (file, why its draft would not run)
    seen: set[str] = field(default_factory=set)


def candidates(folder: Path, drafts: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES
                  and not p.name.startswith(".") and drafts not in p.parents)


def watch_once(folder: Path, wh, drafts: Path, *, article_date: date | None = None,
               report: WatchReport | None = None, min_confidence: float | None = None) -> WatchReport:
    """Process every file of `folder` not stored before (by sha256); failures are reported once and skipped.
    `min_confidence`: as `extract`'s (a draft still needs an event more likely right than wrong)."""
    from chokepoints.events.store import processed, store

    report = report or WatchReport()
    done = processed(wh)
    measures, projects = reference_tables(wh)
    for path in candidates(folder, drafts):
        digest = sha256(path)
        if digest in done or digest in report.seen:
            continue
        report.seen.add(digest)
        try:
            doc = read_document(path, article_date=article_date)
            events = analyse(doc, measures, projects, min_confidence)
            n = store(wh, path, events, doc.date)
        except ChokepointsError as e:
            report.failed.append((str(path), str(e)))
            continue
        report.stored.append((str(path), n))
        for i, ev in enumerate(events, 1):
            if draftable(ev):
                drafts.mkdir(parents=True, exist_ok=True)
                name = f"{path.stem}-{i}-{ev.kind}".replace("_", "-").lower()
                out = drafts / f"{name}.toml"
                out.write_text(scenario_toml(ev, name=name, source=f"{path.name} (sha256 {digest[:12]})",
                                             article_date=doc.date.isoformat() if doc.date else None),
                               encoding="utf-8")
                why = runs_on(wh, out)
                if why is None:
                    report.drafts.append(out)
                else:  # a draft `simulate` would refuse is no help: say why instead of leaving it there
                    out.unlink()
                    report.undrafted.append((str(path), f"{out.name}: {why}"))
    return report


def runs_on(wh, draft: Path) -> str | None:
    """None if the drafted scenario runs on this warehouse (two Monte Carlo runs, or the tariff model), else why not
    (e.g. "CHN imported none of 280461 in 2024": the loaded trade does not hold the product the text names)."""
    try:
        wh.simulate(draft, runs=2, seed=1)
    except ChokepointsError as e:
        return str(e)
    return None
