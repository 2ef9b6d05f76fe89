"""The ministers' brief (report/brief.py) on the bundled real data: the PDF's text holds the numbers the API
computes, it is two A4 pages, it names its sources and labels its assumptions; the HTML fetches nothing."""

from __future__ import annotations

import re

import pytest

import chokepoints as ck
from chokepoints.report import brief as B

SCENARIO = "cn-2025-rare-earths"
RUNS, OPT_RUNS, SEED = 60, 12, 1


@pytest.fixture(scope="module")
def built(bundled_db, tmp_path_factory):
    """The brief and, independently, the API's own results for the same runs and seed."""
    folder = tmp_path_factory.mktemp("brief")
    with ck.open(bundled_db, read_only=True) as wh:
        b = B.build_brief(wh, alliance="EU27+JPN", scenario=SCENARIO, runs=RUNS, seed=SEED, optimise_runs=OPT_RUNS)
        dep = wh.dependency(bloc="EU27+JPN", chain="rare-earth-magnets").set_index("product")
        sim = wh.simulate(SCENARIO, runs=RUNS, seed=SEED)
        opt = wh.optimise(scenario=SCENARIO, runs=OPT_RUNS, seed=SEED)
    pdf = B.write_brief(b, folder / "brief.pdf")
    html = B.write_brief(b, folder / "brief.html")
    return {"brief": b, "dep": dep, "sim": sim, "opt": opt, "pdf": pdf, "html": html}


def _pdf_text(path) -> tuple[int, str]:
    import pypdf

    reader = pypdf.PdfReader(path)
    text = " ".join(p.extract_text() for p in reader.pages)
    return len(reader.pages), re.sub(r"\s+", " ", text)


def test_pdf_holds_the_headline_numbers_the_api_computes(built):
    n_pages, text = _pdf_text(built["pdf"])
    assert n_pages == 2
    s = built["sim"].summary.set_index(["member", "stage", "metric"])
    for member in ("EU27", "JPN"):
        lost = s.loc[(member, "vehicle", "output_lost_t"), "p50"]
        usd = s.loc[(member, "vehicle", "output_lost_usd"), "p50"]
        assert lost > 100_000  # the shock reaches both members' car makers
        assert f"{B.fmt_count(lost)} vehicles ({B.fmt_usd(usd)}) in {member}" in text
        tts = s.loc[(member, "vehicle", "time_to_survive_months"), "p50"]
        assert f"after {B.fmt_months(tts, 24)} month" in text
    voa = built["opt"].value_of_alliance().set_index("member").loc["total", "cost"]
    assert voa > 0
    assert f"Value of the alliance: {B.fmt_usd(voa)}" in text
    summary = built["opt"].summary.set_index(["mode", "member"])
    assert f"alone {B.fmt_usd(summary.loc[('solo', 'total'), 'cost'])}" in text
    magnets = built["dep"].loc["rare-earth-magnets/magnet"]
    assert magnets["top1"] == "CHN"
    assert f"{B.fmt_share(magnets['top1_share'])} of its permanent magnets (2024)" in text
    assert f"China {B.fmt_share(magnets['top1_share'])}" in text  # the table's cell


def test_pdf_names_sources_years_and_labels_assumptions(built):
    _, text = _pdf_text(built["pdf"])
    for source in ("CEPII BACI", "UN Comtrade 2023", "USGS Mineral Commodity Summaries 2026", "IEA Critical Minerals",
                   "MOFCOM/GAC Announcement No. 18 of 2025", "chokepoints shock engine", "chokepoints optimiser"):
        assert source in text, source
    assert "(2022-2024)" in text and "[2023]" in text  # data sets with their years
    assert "mostly assumed" in text  # the oxide stage's production is trade-implied
    assert "missing" in text  # rare-earth metal and traction motors
    assert "assumption: chokepoints assumption" in text  # the stocks the engine assumes
    assert "Assumed, not sourced" in text  # the optimiser's assumed costs
    assert f"{RUNS} Monte Carlo runs (seed {SEED})" in text


def test_html_is_self_contained_and_shows_the_same_numbers(built):
    html = built["html"].read_text()
    assert not re.search(r"""(?:src|href|url)\s*[=(]\s*["']?\s*(?:https?:)?//""", html, flags=re.I)
    assert "<script" not in html.lower() and "<link" not in html.lower()
    assert html.count("<svg") == len(built["brief"].figures) == 3
    b = built["brief"]
    for point in b.key_points:
        assert point.replace("'", "&#39;") in html
    assert b.tables["value"].rows[-1][-1] in html


def test_output_path_is_checked_before_the_run(tmp_path):
    with pytest.raises(ck.InputError, match="folder does not exist"):
        B.check_out(tmp_path / "nowhere" / "brief.pdf")
    with pytest.raises(ck.InputError, match=r"\.pdf or \.html"):
        B.check_out(tmp_path / "brief.docx")


def test_wrong_chain_or_a_tariff_scenario_is_refused(bundled_db):
    with ck.open(bundled_db, read_only=True) as wh:
        with pytest.raises(ck.InputError, match="pass --chain rare-earth-magnets"):
            B.build_brief(wh, scenario=SCENARIO, chain="li-ion-batteries", runs=5, optimise_runs=5)
        with pytest.raises(ck.InputError, match="no export controls or outages"):
            B.build_brief(wh, scenario="us-2025-eu-30pct", runs=5, optimise_runs=5)


def test_cli_writes_pdf_and_html_from_one_run(bundled_db, tmp_path):
    from typer.testing import CliRunner

    from chokepoints.cli import app

    out = CliRunner().invoke(app, ["brief", "--scenario", SCENARIO, "--runs", "20", "--optimise-runs", "5",
                                   "--db", str(bundled_db), "--out", str(tmp_path / "b.pdf"),
                                   "--out", str(tmp_path / "b.html")])
    assert out.exit_code == 0, out.output
    assert (tmp_path / "b.pdf").read_bytes().startswith(b"%PDF")
    assert "<svg" in (tmp_path / "b.html").read_text()
    bad = CliRunner().invoke(app, ["brief", "--scenario", SCENARIO, "--db", str(bundled_db),
                                   "--out", str(tmp_path / "no" / "b.pdf")])
    assert bad.exit_code == 1 and "folder does not exist" in bad.output
