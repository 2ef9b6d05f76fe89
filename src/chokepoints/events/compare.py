"""Is an extracted event new, an update of a known record, or already known? Compared with the warehouse's `measures`
(export controls, tariffs, deals) and `projects` tables.

A measure is a candidate when it has the event's actor, a kind of the same family, a material in common (a group
such as "heavy rare earths" covers its members; a tariff on "all goods" covers any) and compatible targets. Of the
candidates the one of the same kind (ban, quota, tax) with a date nearest to the event's dates is taken. The event
is `known` when every date and rate it states is on that record, an `update` when it adds or changes one (a
suspension, a new rate, a new date), and `new` when no record is a candidate or the nearest record is more than
`MAX_DAYS` away. A project is a candidate when a distinctive word of its name or operator occurs in the event's
sentence, or when it has the event's site country and a material in common; never a project in another country
than the event's site.

Records in force at the article's date (started on or before it, not ended before it) are preferred over others.
Wording is matched loosely: a "ban" or "curb" in the news may be a licence requirement in the record (China's
December 2024 "ban" to the US sits on top of licences), so ban, licence and curb are one family; a quota or a tax
must match its own kind.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from chokepoints.events import gazetteer as gz
from chokepoints.events.dates import first_day
from chokepoints.events.extract import Event

EXPORT_KINDS = {"export_licence", "export_ban", "export_quota", "export_tax", "ore_export_ban"}
MAX_DAYS = 90
_GENERIC = {"project", "plant", "facility", "mine", "deposit", "refinery", "separation", "recycling", "rare", "earths",
            "earth", "group", "limited", "corporation", "materials", "resources", "minerals", "metals", "magnet",
            "magnets", "production", "processing", "advanced", "critical", "mining", "company", "holdings"}


def _materials_of(text: str) -> set[str]:
    return {m.value for m in gz.find_materials(text or "")}


def _overlap(a: set[str], b: set[str]) -> bool:
    return any(gz.covers(x, y) or gz.covers(y, x) for x in a for y in b)


def _targets(cell: str) -> set[str]:
    out = {t.strip() for t in (cell or "").split(";") if t.strip()}
    return {"EU27" if t == "EU" else t for t in out}


def _record_dates(row) -> list[str]:
    cols = ("announced", "start", "end", "suspended_until")
    return [row[c] for c in cols if c in row and isinstance(row[c], str) and row[c]]


def _in_force(row, when: date | None) -> bool:
    if when is None:
        return True
    start = first_day(row.get("start")) or first_day(row.get("announced"))
    end = first_day(row.get("end"))
    return (start is None or start <= when) and (end is None or end >= when)


def classify_measure(ev: Event, measures: pd.DataFrame, article_date: date | None = None) \
        -> tuple[str, str, str]:
    """(status, record id, note) of an export control, tariff or trade deal."""
    family = EXPORT_KINDS if ev.kind == "export_control" else {"import_tariff"}
    actors, mats, targets = set(ev.values("actors")), set(ev.values("materials")), set(ev.values("targets"))
    best, best_gap, best_key = None, None, None
    for row in measures.to_dict("records"):
        if row["kind"] not in family or row["actor"] not in actors:
            continue
        rmats = _materials_of(row["material"])
        all_goods = bool(re.search(r"\ball goods|\bmost goods", row["material"] or "", re.I))
        if mats and not _overlap(mats, rmats) and not all_goods:
            continue
        if not mats and rmats and ev.kind == "export_control":
            continue
        rt = _targets(row["targets"])
        if ev.kind == "trade_agreement":  # the partners of a deal are its other parties
            if not (actors - {row["actor"]}) & rt:
                continue
        elif targets and "ALL" not in rt and not targets & rt:
            continue
        if ev.kind != "export_control" and targets and "ALL" in rt and not targets <= {"ALL"}:
            continue  # a deal with one partner is not the all-partners tariff
        days = [d for d in (first_day(v) for v in _record_dates(row)) if d]
        mine = [d for d in (first_day(f.value) for f in ev.dates) if d]
        gap = min((abs((a - b).days) for a in mine for b in days), default=None)
        text = f"{row.get('description', '')} {row.get('material', '')}"
        rates = sum(bool(re.search(rf"\b{f.value[0]:g}\s*%", text)) for f in ev.magnitude if f.value[1] == "%")
        same = {"quota": ("export_quota",), "tax": ("export_tax",)}
        other_kind = ev.subkind in same and row["kind"] not in same[ev.subkind]
        exact = {"ban": ("export_ban", "ore_export_ban"), "licence": ("export_licence",)}.get(ev.subkind, ())
        key = (other_kind, not _in_force(row, article_date), gap if gap is not None else 10**6,
               row["kind"] not in exact, -rates)
        if best_key is None or key < best_key:
            best, best_gap, best_key = row, gap, key
    if best is None:
        return "new", "", "no record with this actor, kind and material"
    if best_gap is not None and best_gap > MAX_DAYS and ev.subkind != "suspension":
        return "new", "", f"nearest record {best['id']} is {best_gap} days away"
    changes = []
    have = set(_record_dates(best))
    for f in ev.dates:
        if not any(h.startswith(f.value[:len(h)]) or f.value.startswith(h) for h in have):
            changes.append(f"{f.role} {f.value}")
    text = f"{best.get('description', '')} {best.get('material', '')}"
    for f in ev.magnitude:
        if f.value[1] == "%" and not re.search(rf"\b{f.value[0]:g}\s*%", text):
            changes.append(f"rate {f.value[0]:g}%")
    if ev.subkind == "suspension" and not best.get("suspended_until"):
        changes.append("suspension")
    if changes:
        return "update", best["id"], "; ".join(changes)
    return "known", best["id"], ""


def classify_project(ev: Event, text: str, projects: pd.DataFrame) -> tuple[str, str, str]:
    words = set(re.findall(r"[A-Z][\w\-]{3,}", text[ev.span[0]:ev.span[1]]))
    mats, sites = set(ev.values("materials")), set(ev.values("targets"))
    best = None
    for row in projects.to_dict("records"):
        names = set(re.findall(r"[A-Z][\w\-]{3,}", f"{row['name']} {row.get('operator') or ''}"))
        names = {n for n in names if n.lower() not in _GENERIC}
        if sites and row["country"] not in sites:
            continue  # a project elsewhere is another project, whatever its name
        if names & words or (row["country"] in sites and _overlap(mats, _materials_of(row["material"]))):
            best = row
            break
    if best is None:
        return "new", "", "no project with this name, or site and material"
    changes = []
    start = next((f.value for f in ev.dates if f.role == "start"), None)
    if start and str(best.get("start_year") or "")[:4] not in start:
        changes.append(f"start {start}")
    cap = best.get("capacity_t")
    caps = [f.value[0] for f in ev.magnitude if f.value[1] in ("t/yr", "t")]
    if caps and (cap is None or pd.isna(cap) or not any(abs(c - cap) < 0.5 for c in caps)):
        changes.append("capacity " + ", ".join(f"{c:g} t" for c in caps))
    if changes:
        return "update", best["id"], "; ".join(changes)
    return "known", best["id"], ""


def classify(ev: Event, text: str, measures: pd.DataFrame | None, projects: pd.DataFrame | None,
             article_date: date | None = None) -> tuple[str, str, str]:
    """(status, record, note): new | update | known, or unchecked where the tables are not loaded."""
    if ev.kind == "project":
        if projects is None or projects.empty:
            return "unchecked", "", "no projects in the warehouse (run `chokepoints ingest`)"
        return classify_project(ev, text, projects)
    if ev.kind in ("cooperation", "strategy", "supply_disruption", "new_source"):
        return "new", "", f"{ev.kind.replace('_', ' ')} events have no table to compare with"
    if measures is None or measures.empty:
        return "unchecked", "", "no measures in the warehouse (run `chokepoints ingest`)"
    return classify_measure(ev, measures, article_date)
