"""Issue 14: more inputs (UTF-16, PDF, a bare headline, boilerplate, no date), the whole-text index, an edited
file that replaces its events, and drafts that run in `simulate`."""

from __future__ import annotations

import os
import shutil
import tomllib
from datetime import date
from pathlib import Path

import pytest

import chokepoints as ck
from chokepoints.events import text as tx
from chokepoints.events.extract import extract
from chokepoints.events.watch import watch_once
from chokepoints.shocks.scenario import Scenario

ROOT = Path(__file__).resolve().parents[2]
TEXTS = Path(__file__).parent / "texts"


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a text layer (Helvetica), written by hand."""
    body = "BT /F1 11 Tf 50 750 Td 14 TL " + " ".join(f"({ln}) '" for ln in lines) + " ET"
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            "/Resources << /Font << /F1 5 0 R >> >> >>",
            f"<< /Length {len(body)} >>\nstream\n{body}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.4\n", []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{o}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_utf16_pdf_and_a_bare_headline_are_read(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes("Date: 2024-12-03\n\nChina banned exports of gallium to the United States.".encode("utf-16"))
    doc = tx.read_document(f)
    assert doc.text.startswith("Date: 2024-12-03") and doc.date == date(2024, 12, 3)
    p = tmp_path / "notice.pdf"
    p.write_bytes(_pdf(["China will cap exports of magnesium at 50,000 tonnes,", "the ministry said on Wednesday."]))
    doc = tx.read_document(p, article_date=date(2024, 1, 10))
    assert "cap exports of magnesium" in doc.text
    (ev,) = extract(doc.text, doc.date)
    assert (ev.kind, ev.subkind, ev.values("actors"), ev.values("materials")) == (
        "export_control", "quota", ["CHN"], ["magnesium"])
    h = tmp_path / "h.txt"
    h.write_text("China bans gallium exports")
    assert tx.read_document(h).text == "China bans gallium exports"


def test_without_a_date_the_file_time_is_used_and_flagged(tmp_path):
    f = tmp_path / "n.txt"
    f.write_text("China said on Friday it will require export licences for antimony, effective immediately.")
    os.utime(f, (date(2024, 8, 16).toordinal(), 0))  # any time: the date is read back from the file
    stamp = date.fromtimestamp(f.stat().st_mtime)
    doc = tx.read_document(f)
    assert (doc.date, doc.date_source) == (stamp, "mtime")


def test_related_links_and_footers_hold_no_event():
    raw = ("China banned gallium exports to the US on Tuesday.\n\nRelated\nUS imposes 25% tariff on Mexican steel\n"
           "Chile signs lithium deal\n\n© 2025 Example News. All rights reserved.")
    text = tx.strip_boilerplate(raw)
    assert [e.kind for e in extract(text, date(2024, 12, 3))] == ["export_control"]
    assert "Mexican" not in text and "Example" not in text and len(text) == len(raw)  # blanked: offsets hold


def test_roles_direction_and_datelines():
    ev = {e.kind: e for e in extract(
        "WASHINGTON - Russia has imposed restrictions on exports of enriched uranium to the United States, the "
        "government said on Friday. Chinese firms have invested US$1.4 billion in Zimbabwe's lithium sector.",
        date(2024, 11, 16))}
    (c,) = ev.values()
    assert (c.values("actors"), c.values("targets"), c.values("materials")) == (["RUS"], ["USA"], ["uranium"])
    # one entity listed: whose it is, the target ("adds one Russian entity to the Military End-User List")
    (listed,) = extract("The US Commerce Department on Friday added one Russian entity to its Military End-User List.",
                        date(2021, 11, 26), weighed=False)
    assert (listed.kind, listed.values("actors"), listed.values("targets")) == ("export_control", ["USA"], ["RUS"])


def test_a_plant_or_a_find_with_one_country_lies_in_it():
    from chokepoints.events.extract import own_land
    from chokepoints.events.facts import Event, Fact

    def ev(kind, trigger, actors, targets=()):
        return Event(kind, "", Fact(kind, 0, len(trigger), trigger), actors=[Fact(a, 0, 3, a) for a in actors],
                     targets=[Fact(t, 5, 8, t) for t in targets])

    find, plant, ship = (ev("new_source", "discovered a lithium deposit", ["IRN"]), ev("project", "plant", ["FIN"]),
                         ev("new_source", "first cargo", ["IND"]))
    two, sited = ev("project", "plant", ["KOR", "USA"]), ev("project", "plant", ["JPN"], ["USA"])
    own_land([find, plant, ship, two, sited])
    assert find.values("targets") == ["IRN"] and plant.values("targets") == ["FIN"]
    # a first cargo's actor is its buyer, not its source; two actors or a site named leave the targets as read
    assert ship.targets == [] and two.targets == [] and sited.values("targets") == ["USA"]
    (read,) = extract("TEHRAN, March 5 - Iran has discovered a lithium deposit in the western province of Hamedan "
                      "that an official put at 8.5 million tonnes, state media reported.", date(2023, 3, 5),
                      weighed=False)
    assert (read.kind, read.values("actors"), read.values("targets")) == ("new_source", ["IRN"], ["IRN"])


def test_whole_text_index_gives_each_clause_its_own_places_and_materials():
    """The speed-up for long texts (gazetteers run once over the whole text) finds what a per-clause search finds.

    (The time of a 5 MB text is measured by benchmarks/bench_events.py, not here.)"""
    from chokepoints.events import gazetteer as gz
    from chokepoints.events.extract import sentences

    text = "".join(p.read_text(encoding="utf-8") for p in sorted(TEXTS.glob("*.txt")))[:60_000]
    ix = gz.TextIndex(text)
    for lo, hi in sentences(text):
        for whole, find in ((ix.places(lo, hi), gz.find_places), (ix.materials(lo, hi), gz.find_materials)):
            assert [(m.value, m.start - lo) for m in whole] == [(m.value, m.start) for m in find(text[lo:hi])]


@pytest.fixture(scope="module")
def wh_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("wh") / "wh.duckdb"
    with ck.open(path) as wh:
        wh.ingest([ROOT / "data" / "raw" / "comtrade_crm_2023", ROOT / "data" / "raw" / "usgs_mcs2026_world",
                   ROOT / "data" / "curated"], include_defaults=False)
    return path


def test_an_edited_file_replaces_its_events_and_drafts_run(tmp_path, wh_path):
    db = tmp_path / "wh.duckdb"
    shutil.copy(wh_path, db)
    news = tmp_path / "news"
    news.mkdir()
    f = news / "a.txt"
    f.write_text("Date: 2025-03-03\n\nJapan said on Monday it will ban exports of gallium to South Korea from "
                 "April 1.\n", encoding="utf-8")
    with ck.open(db) as wh:
        rep = watch_once(news, wh, news / "drafts")
        assert len(wh.table("events")) == 1
        f.write_text(f.read_text(encoding="utf-8") + "\nIt also said an unnamed buyer faces a quota.\n"
                     "Tokyo also imposed a 20% tariff on imports from South Korea.\n", encoding="utf-8")
        rep = watch_once(news, wh, news / "drafts", report=rep)
        events = wh.table("events")
        assert len(events) == 2 and set(events["kind"]) == {"export_control", "tariff"}
        drafts = sorted((news / "drafts").glob("*.toml"))
        assert drafts
        for d in drafts:
            raw = d.read_text(encoding="utf-8")
            assert "Unsure:" in raw and "REVIEW" not in tomllib.loads(raw)["measures"][0]["actor"]
            assert "year" not in tomllib.loads(raw)
            res = wh.simulate(Scenario.from_toml(d), runs=3, seed=1)
            assert res is not None


def test_a_draft_the_warehouse_cannot_run_is_not_left_behind(tmp_path, wh_path):
    """A tariff on a product the loaded trade does not hold ("CHN imported none of 280461") would fail in `simulate`:
    `watch` stores the event but writes no draft, and says why."""
    db = tmp_path / "wh.duckdb"
    shutil.copy(wh_path, db)
    news = tmp_path / "news"
    news.mkdir()
    (news / "b.txt").write_text("Date: 2020-01-14\n\nChina will keep anti-dumping duties of 53.3% on polysilicon "
                                "imported from the United States and South Korea from 20 January.\n", encoding="utf-8")
    with ck.open(db) as wh:
        rep = watch_once(news, wh, news / "drafts")
        assert len(wh.table("events")) == 1
    assert rep.drafts == [] and not list((news / "drafts").glob("*.toml"))
    assert len(rep.undrafted) == 1 and "280461" in rep.undrafted[0][1]


def test_every_draft_from_the_tuning_texts_runs_in_simulate(tmp_path, wh_path):
    """Issue 14's "every drafted scenario runs in simulate and says what it is unsure of", on every annotated tuning
    text (not the held-out ones: their extractions are never looked at)."""
    import json
    from datetime import date

    from chokepoints.events.draft import draftable, scenario_toml
    from chokepoints.events.text import read_document
    from chokepoints.events.watch import analyse, reference_tables

    texts = Path(__file__).parent / "texts"
    db = tmp_path / "wh.duckdb"
    shutil.copy(wh_path, db)
    drafted = 0
    with ck.open(db) as wh:
        measures, projects = reference_tables(wh)
        for gold in sorted(texts.glob("*.json")):
            spec = json.loads(gold.read_text(encoding="utf-8"))
            src = (gold.parent / spec["text"]).resolve() if "text" in spec else next(
                p for p in gold.parent.glob(gold.stem + ".*") if p.suffix != ".json")
            doc = read_document(src, article_date=date.fromisoformat(spec["date"]))
            for i, ev in enumerate(analyse(doc, measures, projects)):
                if not draftable(ev):
                    continue
                f = tmp_path / f"{gold.stem}-{i}.toml"
                f.write_text(scenario_toml(ev, name=f"{gold.stem}-{i}", source=str(src), article_date=spec["date"]),
                             encoding="utf-8")
                raw = f.read_text(encoding="utf-8")
                assert "Unsure:" in raw or "Check actor" in raw, f.name
                assert wh.simulate(Scenario.from_toml(f), runs=2, seed=1) is not None, f.name
                drafted += 1
    assert drafted >= 30  # (40 when written: export controls on chain materials and tariffs with a rate)


def test_no_draft_from_a_share_of_tariff_lines_or_an_unlikely_event():
    from chokepoints.events.draft import draftable

    text = ("The UK-Japan Comprehensive Economic Partnership Agreement entered into force on Friday, removing "
            "tariffs on 99% of British exports to Japan.")
    evs = extract(text, date(2021, 1, 1), weighed=False)
    for ev in evs:
        ev.status = "new"
    assert all(not draftable(ev) for ev in evs if ev.kind == "tariff")  # 99% is how much is covered, not a rate
    ev = extract("Canada will impose a 25% surtax on steel from China from October 15, Ottawa said on Monday.",
                 date(2025, 10, 1), weighed=False)[0]
    ev.status = "new"
    assert draftable(ev)
    ev.confidence = 0.3  # the model finds it more likely wrong than right: stored, not drafted
    assert not draftable(ev)


def test_no_draft_of_a_tariff_on_everything_from_everyone():
    from chokepoints.events.draft import draftable

    ev = extract("Beijing said on Thursday the tariff would rise to 20 per cent from 1 May.", date(2021, 4, 28),
                 weighed=False)[0]
    ev.status = "new"
    assert ev.kind == "tariff" and not ev.targets and not ev.materials and not draftable(ev)
