"""Comparison with the warehouse's measures and projects, `events extract`, and `events watch` end to end."""

from __future__ import annotations

import json
import shutil
import tomllib
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

import chokepoints as ck
from chokepoints.events.cli import app
from chokepoints.events.text import from_string
from chokepoints.events.watch import analyse, reference_tables

ROOT = Path(__file__).resolve().parents[2]
TEXTS = Path(__file__).parent / "texts"
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("wh") / "wh.duckdb"
    with ck.open(path) as wh:
        # (trade too: `watch` keeps only the drafts that run on the warehouse, and a tariff runs on its trade)
        wh.ingest([ROOT / "data" / "raw" / "comtrade_crm_2023", ROOT / "data" / "curated"], include_defaults=False)
    return path


def _status(db, text, day):
    with ck.open(db, read_only=True) as wh:
        measures, projects = reference_tables(wh)
    return [(e.kind, e.status, e.record) for e in analyse(from_string(text, article_date=day), measures, projects)]


def test_known_update_and_new_against_the_measures_table(db):
    known = "China said on Friday it will require export licences for dysprosium and terbium, effective immediately."
    assert _status(db, known, date(2025, 4, 4)) == [("export_control", "known", "CHN-HREE-18-2025")]
    update = "Congo said on Monday it would extend its ban on cobalt exports until September 21."
    assert _status(db, update, date(2025, 6, 23))[0][:3] == ("export_control", "update", "COD-CO-SUSP-2025")
    new = "Chile said on Monday it will require export licences for lithium carbonate from March 1."
    assert _status(db, new, date(2026, 1, 12)) == [("export_control", "new", "")]


def test_projects_are_matched_by_name(db):
    text = ("Carester said on Tuesday that its Caremag recycling plant in Lacq, France, will start in 2026, recycling "
            "rare earths.")
    assert _status(db, text, date(2025, 3, 19)) == [("project", "known", "P-CAREMAG-REC")]


def test_extract_json_lists_events_with_evidence(db):
    res = runner.invoke(app, ["extract", str(TEXTS / "cn_us_ban.txt"), "--format", "json", "--db", str(db)])
    assert res.exit_code == 0, res.output
    events = json.loads(res.stdout)
    assert {"kind", "actors", "targets", "materials", "magnitude", "dates", "status", "evidence"} <= set(events[0])
    ban = events[0]
    assert (ban["kind"], ban["actors"], ban["targets"], ban["status"]) == ("export_control", ["CHN"], ["USA"], "known")
    assert ban["record"] == "CHN-US-46-2024"


def test_extract_table_and_a_one_line_error(tmp_path, db):
    res = runner.invoke(app, ["extract", str(TEXTS / "drc_cobalt.txt"), "--db", str(db)])
    assert res.exit_code == 0 and "COD" in res.stdout and "cobalt" in res.stdout
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    res = runner.invoke(app, ["extract", str(bad), "--db", str(db)])
    assert res.exit_code == 1 and "error:" in res.output and "binary file" in res.output
    assert "Traceback" not in res.output
    res = runner.invoke(app, ["extract", str(TEXTS / "drc_cobalt.txt"), "--date", "25/02/2025"])
    assert res.exit_code == 1 and "is not a date" in res.output
    quiet = tmp_path / "quiet.txt"
    quiet.write_text("Date: 2025-06-02\n\nCopper prices were little changed on Monday as traders awaited data.",
                     encoding="utf-8")
    res = runner.invoke(app, ["extract", str(quiet), "--db", str(db)])
    assert res.exit_code == 0 and res.stdout.strip() == "No events found in 1 file(s)."  # (not a blank screen)


def test_watch_stores_once_with_provenance_and_drafts_scenarios(tmp_path, db):
    wh_path = tmp_path / "wh.duckdb"
    shutil.copy(db, wh_path)
    news = tmp_path / "news"
    news.mkdir()
    shutil.copy(TEXTS / "cn_tariff_rare_earths.txt", news)
    shutil.copy(TEXTS / "cn_graphite_permits.html", news)
    (news / "empty.txt").write_text("")
    res = runner.invoke(app, ["watch", str(news), "--once", "--db", str(wh_path)])
    assert res.exit_code == 1  # the empty file is reported, the others are stored
    assert "file is empty" in res.output and "stored 1 event(s)" in res.output
    with ck.open(wh_path, read_only=True) as wh:
        events = wh.table("events")
        prov = wh.provenance()
    # 2 + 1: the graphite page's "days after Washington tightened curbs on chip exports" and "The move follows curbs
    # on exports of gallium" are background, and "as the European Union weighs tariffs" a measure only weighed
    # (annotation guide, "Pending, proposed, threatened"), not events. The tariff text's third annotated event,
    # "Washington's duties on Chinese goods now total 54%", is a miss since the twenty-second pass's models (the
    # confidence model weighs it 0.30, under its 0.4 threshold; 0.42 before): counted in the tuning texts' scores
    assert len(events) == 3 and set(events["status"]) <= {"new", "update", "known"}
    assert (prov["format"] == "news").sum() == 2
    drafts = sorted((news / "drafts").glob("*.toml"))
    assert drafts, "the new CHN tariff and the new EU/US measures get draft scenarios"
    from chokepoints.shocks.scenario import Scenario

    for d in drafts:
        Scenario.from_toml(d)  # the scenario model accepts the draft as it is
        scenario = tomllib.loads(d.read_text(encoding="utf-8"))
        assert "needs review" in d.read_text()
        m = scenario["measures"][0]
        assert m["kind"] in {"import_tariff", "export_licence", "export_ban", "export_quota", "export_tax"}
        if m["kind"] == "import_tariff":
            assert {"actor", "targets", "hs"} <= set(m)
        else:
            assert {"actor", "targets", "intensity", "start_month", "duration_months"} <= set(m)
    tariff = tomllib.loads((news / "drafts" / "cn-tariff-rare-earths-1-tariff.toml").read_text())
    assert tariff["measures"][0] | {"hs": None} == {"kind": "import_tariff", "actor": "CHN", "targets": ["USA"],
                                                    "hs": None, "rate": 0.34, "start": "2025-04-10"}
    # a second pass, and the same content under another name, are not processed again
    shutil.copy(news / "cn_tariff_rare_earths.txt", news / "copy.txt")
    (news / "empty.txt").unlink()
    res = runner.invoke(app, ["watch", str(news), "--once", "--db", str(wh_path)])
    assert res.exit_code == 0 and "stored" not in res.output
    with ck.open(wh_path, read_only=True) as wh:
        assert len(wh.table("events")) == 3
