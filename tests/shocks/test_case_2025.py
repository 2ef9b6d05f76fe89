"""China's April 2025 licences on the bundled real data: the case the engine must reproduce (issue 'See the real
chokepoints'; docs/methods/validation.md). Suzuki's Swift line stopped 52 days after the licences and European parts
lines after about 60: the magnet-using stages must run out within 1-3 months for both members, with output lost."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import chokepoints as ck
from chokepoints.shocks import load_scenario, plan_for, profiles, run


@pytest.fixture(scope="module")
def case_db(bundled_db) -> Path:
    return bundled_db


@pytest.fixture(scope="module")
def result(case_db, engine):
    with ck.open(case_db, engine=engine) as wh:
        return run(wh, load_scenario("cn-2025-rare-earths"), runs=400, seed=1)


def test_magnet_stage_rests_on_hs6_data_and_the_missing_stages_say_so(result):
    stages = {r["stage"]: r for r in result.meta["stages"]}
    assert stages["magnet"]["trade_year"] == 2024 and stages["magnet"]["status"] == "data"
    assert "scaled to the material" in stages["magnet"]["trade_status"]
    assert stages["vehicle"]["status"] == "data" and stages["vehicle"]["unit"] == "piece"
    assert stages["metal"]["status"].startswith("missing (proxy refused: heading 2805")
    assert stages["motor"]["status"].startswith("missing")
    meta = result.meta
    assert meta["seed"] == 1 and meta["code_version"] and "baci_hs17_critical" in meta["datasets"]
    assert all(len(h) == 64 for d in meta["datasets"].values() for h in d["files"].values())


def test_both_members_run_out_within_one_to_three_months_and_lose_output(result):
    s = result.summary.set_index(["member", "stage", "metric"])
    for member in ("JPN", "EU27"):
        tts = s.loc[(member, "vehicle", "time_to_survive_months"), "p50"]
        assert 1 <= tts <= 3, (member, tts)
        assert s.loc[(member, "vehicle", "output_lost_t"), "p50"] > 0
        assert s.loc[(member, "vehicle", "output_lost_usd"), "p50"] > 0
        assert s.loc[(member, "magnet", "time_to_survive_months"), "p50"] <= 3
    # a figure of the right size: Japan makes 8.23 M vehicles a year (OICA 2024); the run loses a few per cent of
    # that over two years, not nothing and not the whole output
    japan = s.loc[("JPN", "vehicle", "output_lost_t"), "p50"] / 8_234_681
    assert 0.005 < japan < 0.2


def test_magnet_imports_from_china_fall_along_the_licence_profile(case_db):
    sc = load_scenario("cn-2025-rare-earths")
    with ck.open(case_db) as wh:
        p, net = plan_for(wh, sc)
    magnet = net.stages.index("magnet")
    measure = next(m for m in p.measures if m.stages == [magnet])
    cn, jp = net.countries.index("CHN"), net.countries.index("JPN")
    # Japan and the EU draw their own cut each run (by_target, correlation 0.5); the rest of the world the measure's
    assert cn in measure.actors and not measure.destinations[jp]
    assert [t for t, _ in measure.by_target] == ["JPN", "EU27"] and measure.by_target[0][1][jp]
    # Japan imports from China about 3,715 t of 850511 in 2024 (BACI), 0.42 of it rare-earth magnets
    assert net.flows[magnet, cn, jp] == pytest.approx(3714.5 * 0.42, rel=0.01)
    shape = profiles.evaluate("licence", 24, np.zeros(1), np.full(1, 24.0))[0]
    assert shape[0] == 1.0 and shape[:2].min() == 1.0 and shape[6] < 0.2  # collapse, then recovery to a plateau


def test_censored_times_stay_censored(result):
    s = result.summary.set_index(["member", "stage", "metric"])
    # Japan's oxide stage is covered by JOGMEC's 60 days and loses nothing: "> horizon", never 24
    assert np.isinf(s.loc[("JPN", "oxide", "time_to_survive_months"), "p50"])
    assert result.to_dict()["summary"][0]["member"] in ("EU27", "JPN", "alliance")
