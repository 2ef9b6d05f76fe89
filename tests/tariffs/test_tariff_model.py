"""run_tariffs on hand-made warehouses (rates by hand), then the built-in scenarios on the real data."""

from __future__ import annotations

import json
import tomllib

import numpy as np
import pytest

from chokepoints.errors import InputError
from chokepoints.scenarios import builtin_path
from chokepoints.tariffs import TariffMeasure, run_tariffs
from chokepoints.tariffs.smart import smart


def trade(*rows: tuple, year: int = 2023) -> list[dict]:
    """(exporter, importer, hs, value_usd, reporter) tuples as trade rows."""
    return [{"year": year, "exporter": e, "importer": i, "hs6": h, "value_usd": float(v), "reporter": r}
            for e, i, h, v, r in rows]


LINES = [  # two HTS-8 lines under heading 7403: one exempt from the reciprocal tariffs (Annex II), one not
    {"hts8": "74031100", "hs6": "740311", "mfn_ad_val_rate": 0.01, "mfn_specific_rate": 0.0, "apr2_at_risk": False,
     "apr2_exempt": True, "sec232": False},
    {"hts8": "74032100", "hs6": "740321", "mfn_ad_val_rate": 0.03, "mfn_specific_rate": 0.0, "apr2_at_risk": True,
     "apr2_exempt": False, "sec232": False},
]


@pytest.fixture
def us(hwh):
    hwh.put("trade", trade(("DEU", "USA", "7403", 100, "USA"), ("FRA", "USA", "7403", 50, "USA"),
                           ("CHL", "USA", "7403", 250, "USA"), ("CAN", "USA", "7403", 100, "USA"),
                           ("CHN", "USA", "7403", 40, "USA"),
                           ("JPN", "USA", "2846", 30, "JPN"), ("DEU", "USA", "2846", 10, "DEU")))
    hwh.put("us_tariff_lines", LINES)
    hwh.put("us_sec301", [{"hts8": "74032100", "list": "List 3", "rate": 25.0}])
    hwh.put("us_tariff_rates", [{"rate_type": "usmca_rate", "rate": 0.0, "scenario": "baseline", "section": "2",
                                 "description": "USMCA", "effective_date": "2025-01-01"}])
    hwh.put("us_tariff_country_groups", [{"group": "usmca", "iso3": c, "description": ""} for c in ("CAN", "MEX")])
    return hwh


def _row(res, product, source):
    return res.by_source.set_index(["product", "source"]).loc[(product, source)]


def test_us_rates_from_the_schedule(us):
    m = TariffMeasure(actor="USA", targets=["EU27"], hs=["7403"], rate=0.30, stacking="add", exempt_annex2=True)
    res = run_tariffs(us, [m])
    # baseline: mean MFN (1 %, 3 %) = 2 %; USMCA 0; China adds Section 301 on one line: (1 + 28)/2 = 14.5 %
    # new for EU: the exempt line keeps 1 %, the other 3 + 30 = 33 %: mean 17 %
    expect = {"DEU": (0.02, 0.17), "FRA": (0.02, 0.17), "CHL": (0.02, 0.02), "CAN": (0.0, 0.0),
              "CHN": (0.145, 0.145)}
    for src, (t0, t1) in expect.items():
        r = _row(res, "7403", src)
        assert (r["baseline_rate"], r["new_rate"]) == pytest.approx((t0, t1)), src
    deu = _row(res, "7403", "DEU")
    assert deu["creation"] == pytest.approx(100 * -1.0 * 0.15 / 1.02)
    assert deu["exempt_share"] == 0.5 and deu["covered_share"] == 0.5 and deu["lines"] == 2
    assert deu["targeted"] and not _row(res, "7403", "CHL")["targeted"]
    # the model's numbers are the SMART formulas on these rates
    b = res.by_source
    fx = smart(b["baseline_imports"], b["baseline_rate"], b["new_rate"], np.zeros(len(b), int), eps_m=-1.0,
               sigma=1.5)
    np.testing.assert_allclose(b["new_imports"], fx.new_imports)
    assert set(b["product"]) == {"7403"}  # only the measure's products
    s = res.summary.set_index("group")
    assert s.loc["all sources", "diversion"] == pytest.approx(0, abs=1e-9)
    assert s.loc["all sources", "change"] == pytest.approx(s.loc["all sources", "creation"])
    assert s.filter(like="EU27", axis=0)["change"].iloc[0] < 0 < s.loc["other sources", "change"]


def test_floor_and_replace(us):
    floor = run_tariffs(us, [TariffMeasure(actor="USA", targets=["DEU"], hs=["74"], rate=0.015, stacking="floor")])
    assert _row(floor, "7403", "DEU")["new_rate"] == pytest.approx((0.015 + 0.03) / 2)
    repl = run_tariffs(us, [TariffMeasure(actor="USA", targets=["DEU"], hs=["740321"], rate=0.5)])
    assert _row(repl, "7403", "DEU")["new_rate"] == pytest.approx((0.01 + 0.5) / 2)  # one line of two


def test_measures_apply_in_order(us):
    ms = [TariffMeasure(actor="USA", targets=["ALL"], hs=["7403"], rate=0.10, stacking="add"),
          TariffMeasure(actor="USA", targets=["CHL"], hs=["7403"], rate=0.05, stacking="add")]
    res = run_tariffs(us, ms)
    assert _row(res, "7403", "CHL")["new_rate"] == pytest.approx(0.02 + 0.15)
    assert _row(res, "7403", "CAN")["new_rate"] == pytest.approx(0.10)
    assert list(res.summary["group"])[-1] == "all sources" and "other sources" not in set(res.summary["group"])


def test_mirror_flows_and_product_without_lines(us):
    res = run_tariffs(us, [TariffMeasure(actor="USA", targets=["JPN"], hs=["2846"], rate=0.15)])
    jpn = _row(res, "2846", "JPN")
    assert jpn["mirror_share"] == 1.0 and _row(res, "2846", "DEU")["mirror_share"] == 1.0
    assert jpn["lines"] == 0 and "no US tariff line" in jpn["rate_basis"]
    assert (jpn["baseline_rate"], jpn["new_rate"]) == (0.0, 0.15)
    assert any("mirror" in n for n in res.meta["notes"])


def test_other_market_with_baseline_rate(hwh):
    hwh.put("trade", trade(("USA", "DEU", "2846", 100, "DEU"), ("CHN", "DEU", "2846", 300, "DEU"),
                           ("FRA", "DEU", "2846", 80, "DEU"), ("USA", "JPN", "2846", 5, "JPN")))
    m = TariffMeasure(actor="EU27", targets=["USA"], hs=["284690"], rate=0.25, baseline_rate=0.05)
    res = run_tariffs(hwh, [m])
    assert set(res.by_source["source"]) == {"USA", "CHN"}  # intra-EU trade is not an import of the market
    usa = _row(res, "2846", "USA")
    assert (usa["baseline_rate"], usa["new_rate"]) == (0.05, 0.25)
    assert "whole heading taxed" in usa["rate_basis"]
    assert _row(res, "2846", "CHN")["baseline_rate"] == 0.0
    assert res.meta["tariff_source"].startswith("baseline rates")


def test_errors_name_the_field(us):
    base = {"actor": "USA", "targets": ["EU27"], "rate": 0.3}
    cases = [
        ([base | {"targets": ["NOPE"]}], {}, "measures[0].targets"),
        ([base | {"rate": -0.3}], {}, "measures[0].rate"),
        ([base, base | {"actor": "JPN"}], {}, "measures[1].actor"),
        ([base | {"actor": "BRA"}], {}, "measures[0].actor"),
        ([base], {"year": 1999}, "year"),
        ([base | {"hs": ["8542"]}], {}, "measures.hs"),
        ([], {}, "measures"),
    ]
    for measures, kw, field in cases:
        with pytest.raises(InputError) as e:
            run_tariffs(us, measures, **kw)
        assert e.value.field == field, (field, str(e.value))


def test_a_rate_given_as_a_percentage(us):
    base = {"actor": "USA", "targets": ["EU27"]}
    with pytest.raises(InputError, match=r"30 means 3000%; rates are fractions: give 0.30") as e:
        run_tariffs(us, [base | {"rate": 30}])
    assert e.value.field == "measures[0].rate"
    # above 100 % but at most 1000 %: possible (1.45 on China in April 2025), so run, with the reading in the notes
    res = run_tariffs(us, [base | {"rate": 1.45}])
    assert any(n.startswith("WARNING") and "rate 1.45 means 145%; if 1.45 % was meant, give 0.0145" in n
               for n in res.meta["notes"])
    assert not any("WARNING" in n for n in run_tariffs(us, [base | {"rate": 0.3}]).meta["notes"])


def test_exempt_annex2_needs_the_us_schedule(hwh):
    hwh.put("trade", trade(("USA", "DEU", "2846", 100, "DEU")))
    with pytest.raises(InputError, match="exempt_annex2"):
        run_tariffs(hwh, [TariffMeasure(actor="EU27", targets=["USA"], rate=0.2, exempt_annex2=True)])


def test_json_and_figure(us):
    res = run_tariffs(us, [TariffMeasure(actor="USA", targets=["EU27"], rate=0.3, id="T1")])
    data = json.loads(res.to_json())
    assert set(data) == {"meta", "summary", "by_product", "by_source"}
    assert data["meta"]["year"] == 2023 and data["meta"]["measure_labels"] == ["T1"]
    fig = res.figure()
    text = fig.layout.title.text + " ".join(a.text for a in fig.layout.annotations)
    assert "2023" in text and "Source:" in text and "USA" in text


# ------------------------------------------------------------------------------------------------ real data
def _scenario(name: str) -> list[TariffMeasure]:
    with open(builtin_path(name), "rb") as f:
        data = tomllib.load(f)
    assert data["name"] == name and len(data["sources"]) >= 3
    return [TariffMeasure.model_validate(m) for m in data["measures"] if m["kind"] == "import_tariff"]


def test_builtin_scenarios_on_the_real_data(real_wh):
    out = {}
    for name in ("us-2025-eu-30pct", "us-2025-eu-15pct-deal", "us-2025-jpn-15pct-deal"):
        res = run_tariffs(real_wh, _scenario(name))
        s = res.summary.set_index("group")
        target = s.index[0]
        assert s.loc[target, "change"] < 0 < s.loc["other sources", "change"], name
        assert s.loc["all sources", "diversion"] == pytest.approx(0, abs=1e-3)
        assert res.meta["year"] == 2023 and "Comtrade" in res.meta["trade_source"]
        assert "CC BY-NC" in res.meta["tariff_source"]
        assert res.by_source["lines"].gt(0).all()  # every bundled heading has HTS-8 lines
        out[name] = s.loc[target, "change"]
    assert out["us-2025-eu-30pct"] < out["us-2025-eu-15pct-deal"] < 0
    # refined copper (7403) is wholly Annex II-exempt: no EU line gets the tariff
    res = run_tariffs(real_wh, _scenario("us-2025-eu-30pct"))
    cu = res.by_product.set_index("product").loc["7403"]
    assert cu["change"] == pytest.approx(0, abs=1e-3)
