"""Events into the warehouse: one news file is one data set (format `news`), stored through the warehouse's own
atomic load with its provenance (file, sha256, load time, code version), like any ingested file.

`NewsLoader` follows the loader protocol of ingest/base.py (FORMAT, load(path, ctx) -> [TableData]); it is handed
to `Warehouse.load` inside a `Found`, so there is one storage path.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from chokepoints.events.extract import Event
from chokepoints.ingest import Found, TableData, sha256
from chokepoints.ingest.schemas import validate

FORMAT = "news"


def rows(events: list[Event], *, file: str, digest: str, article_date: date | None) -> pd.DataFrame:
    """The `events` table rows of one file's events."""
    recs = []
    for i, ev in enumerate(events, 1):
        d = ev.to_dict()
        recs.append({
            "event_id": f"{digest[:12]}-{i}", "file": file, "file_sha256": digest,
            "article_date": article_date.isoformat() if article_date else None, "kind": ev.kind,
            "subkind": ev.subkind or None, "actors": ";".join(d["actors"]) or None,
            "targets": ";".join(d["targets"]) or None, "materials": ";".join(d["materials"]) or None,
            "hs6": ";".join(d["hs"]) or None, "magnitude": json.dumps(d["magnitude"]),
            "dates": json.dumps(d["dates"]), "status": ev.status or "unchecked", "record": ev.record or None,
            "note": ev.note or None, "confidence": ev.confidence,
            # (the values the neighbours' model adopted from other sentences are said apart here too)
            "evidence": json.dumps(d["evidence"] | ({"adopted": d["adopted"]} if d["adopted"] else {}),
                                   ensure_ascii=False),
        })
    cols = ["event_id", "file", "file_sha256", "article_date", "kind", "subkind", "actors", "targets", "materials",
            "hs6", "magnitude", "dates", "status", "record", "note", "confidence", "evidence"]
    return pd.DataFrame(recs, columns=cols)


@dataclass
class NewsLoader:
    """A loader for one news file whose events are already extracted (the warehouse calls `load`)."""

    frame: pd.DataFrame
    FORMAT: str = FORMAT

    def load(self, path: Path, ctx) -> list[TableData]:
        if self.frame.empty:
            return []
        return [TableData("events", validate(self.frame, "events", file=str(path)))]


def store(wh, path: Path, events: list[Event], article_date: date | None) -> int:
    """Store one file's events with provenance, atomically (replacing the events of an earlier version of the same
    file); returns the rows written."""
    path = Path(path)
    digest = sha256(path)
    frame = rows(events, file=str(path), digest=digest, article_date=article_date)
    # the data set is named by the file's path, so an edited file replaces its events instead of adding twins
    where = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:8]
    found = Found(NewsLoader(frame), path, f"news-{path.name}-{where}", [path])
    wh.load([found])
    return len(frame)


def processed(wh) -> set[str]:
    """sha256 of every news file already stored (whatever its name now)."""
    got = wh.con.execute("SELECT DISTINCT sha256 FROM _provenance WHERE format = ?", [FORMAT]).fetchall()
    return {r[0] for r in got}
