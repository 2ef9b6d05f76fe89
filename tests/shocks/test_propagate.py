"""The kernel against hand-computed cases (4 countries x 2 stages, one per rationing rule) and the invariants of
DESIGN.md as hypothesis properties."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chokepoints.shocks.propagate import Arrays, CapacityCut, ExportCut, ResponseArrays, propagate

A, B, C, D = range(4)


def resp(R=1, **kw):
    base = dict(ramp_up=1.0, stock_release=0.5, leakage=0.0, substitution=0.0, utilisation=0.8, stock_months=0.0)
    base.update(kw)
    pool = base.pop("pool_stocks", False)
    return ResponseArrays(**{k: np.full(R, float(v)) for k, v in base.items()}, pool_stocks=pool)


def network(stock_c=0.0):
    """Stage 0: A ships 60 to C and 40 to D, B 20 to C and 30 to D (t/month); B has 12.5 t/month spare.
    Stage 1: C and D each make 10 t/month from stage 0, no trade, no spare, no stocks."""
    F = np.zeros((2, 4, 4))
    F[0, A, C], F[0, A, D], F[0, B, C], F[0, B, D] = 60, 40, 20, 30
    P = np.array([[100, 50, 0, 0], [0, 0, 10, 10]], float)
    U = P + F.sum(axis=1) - F.sum(axis=2)
    cap = np.array([[100, 62.5, 0, 0], [0, 0, 10, 10]], float)
    stocks = np.array([[0, 0, stock_c, 0], [0, 0, 0, 0]], float)
    return Arrays(F, P, U, cap, stocks, [[], [0]], [None, None])


def ban(T=2, k=1.0):
    dest = np.ones(4, bool)
    dest[A] = False
    return [ExportCut(0, np.array([A]), dest, np.full((1, T), k))]


@pytest.mark.parametrize("rule, month1", [
    ("pro_rata", (52.5, 35.0)),        # 12.5 shared 60:40 by shortfall
    ("market_share", (55.0, 32.5)),    # shared 20:30 by purchases from B
    ("alliance_first", (47.5, 40.0)),  # C (the member) first, up to its need
])
def test_rationing_rules_by_hand(rule, month1):
    members = np.array([False, False, True, False])
    o = propagate(network(), ban(), [], resp(), n_months=2, rationing=rule, members=members)
    # month 0: nothing ramped up yet, the whole lost inflow is short
    assert o.shortfall[0, 0, [C, D], 0] == pytest.approx([60, 40])
    assert o.shortfall[0, 0, [C, D], 1] == pytest.approx(month1)
    assert o.relief[0, 0, :, 1].sum() == pytest.approx(12.5)
    # stage 1 loses output in proportion to its input shortfall (Leontief): 60/80 and 40/70 of 10 t
    assert o.output_lost[0, 1, [C, D], 0] == pytest.approx([7.5, 10 * 40 / 70])
    assert o.output_lost[0, 1, [C, D], 1] == pytest.approx([10 * month1[0] / 80, 10 * month1[1] / 70])
    assert o.output_lost[0, 0].sum() == 0  # the actor's output stays home, it is not lost


def test_stocks_by_hand():
    # C holds 30 t, releases at most half of it a month: 15 in month 0, the last 15 in month 1
    o = propagate(network(stock_c=30.0), ban(), [], resp(), n_months=2)
    assert o.shortfall[0, 0, C] == pytest.approx([45.0, 52.5 - 15.0])
    assert o.stock[0, 0, C] == pytest.approx([15.0, 0.0])


def test_leakage_and_substitution_by_hand():
    o = propagate(network(), ban(T=1, k=0.5), [], resp(leakage=0.2, substitution=0.5), n_months=1)
    # 60 x 0.5 x (1 - 0.2) = 24 t lost to C; stage 1 loses (24/80) x (1 - 0.5) of its 10 t
    assert o.shortfall[0, 0, C, 0] == pytest.approx(24.0)
    assert o.output_lost[0, 1, C, 0] == pytest.approx(10 * 24 / 80 * 0.5)


def test_outage_passes_downstream_and_to_customers():
    # B loses half its output: C and D lose half of what B ships them, in month 0 with nothing ramped up
    out = [CapacityCut(0, B, np.full((1, 1), 0.5))]
    o = propagate(network(), [], out, resp(), n_months=1)
    assert o.output_lost[0, 0, B, 0] == pytest.approx(25.0)
    assert o.shortfall[0, 0, [C, D], 0] == pytest.approx([10.0, 15.0])


# ---- properties ------------------------------------------------------------------------------------------------

@st.composite
def cases(draw):
    N, S, T = 4, 2, 6
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    F = rng.uniform(0, 50, (S, N, N)) * (rng.uniform(size=(S, N, N)) < 0.6)
    F[:, range(N), range(N)] = 0
    P = rng.uniform(0, 120, (S, N))
    X, M = F.sum(axis=2), F.sum(axis=1)
    P = np.maximum(P, X - M)
    U = P + M - X
    cap = np.where(rng.uniform(size=(S, N)) < 0.5, np.nan, P * rng.uniform(1, 1.5, (S, N)))
    a = Arrays(F, P, U, cap, np.full((S, N), np.nan), [[], [0]], [None, None])
    k = draw(st.floats(0, 1))
    start = draw(st.integers(0, 3))
    dur = draw(st.integers(0, 6))
    r = dict(ramp_up=draw(st.floats(0, 1)), stock_release=draw(st.floats(0, 1)), leakage=draw(st.floats(0, 1)),
             substitution=draw(st.floats(0, 1)), utilisation=draw(st.floats(0.3, 1)),
             stock_months=draw(st.floats(0, 3)))
    rule = draw(st.sampled_from(["pro_rata", "market_share", "alliance_first"]))
    return a, k, start, dur, r, rule, T


def run(case, k=None, dur=None, pool=False, **over):
    a, k0, start, dur0, r, rule, T = case
    k = k0 if k is None else k
    dur = dur0 if dur is None else dur
    prof = np.zeros((1, T))
    prof[0, start:start + dur] = k
    dest = np.ones(4, bool)
    dest[0] = False
    cut = [ExportCut(0, np.array([0]), dest, prof)]
    members = np.array([False, True, True, False])
    return propagate(a, cut, [], resp(**{**r, **over}, pool_stocks=pool), n_months=T, rationing=rule,
                     members=members, onset=np.array([float(start)]))


def total(o):
    return o.shortfall.sum() + o.output_lost.sum()


@settings(max_examples=60, deadline=None)
@given(cases())
def test_no_material_is_created(case):
    o = run(case)
    assert (o.shortfall >= -1e-9).all() and (o.stock >= -1e-9).all()
    assert (o.shortfall <= o.gross_shortfall + 1e-9).all()
    assert (o.relief <= o.gross_shortfall + 1e-9).all()
    # what is relieved, released from stock and left uncovered adds up to the gross shortfall
    a = case[0]
    opening = np.broadcast_to(_stock0(case), o.stock.shape[:3])[..., None]
    drawn = -np.diff(np.concatenate([opening, o.stock], -1), axis=-1)
    assert np.allclose(o.relief + drawn + o.shortfall, o.gross_shortfall, atol=1e-6)
    # relief never exceeds the spare capacity of the countries not restricting
    spare = np.where(np.isnan(a.capacity), a.production * (1 / case[4]["utilisation"] - 1),
                     np.maximum(np.nan_to_num(a.capacity) - a.production, 0))
    spare[0, 0] = 0
    assert (o.relief.sum(axis=2) <= spare.sum(axis=1)[None, :, None] + 1e-6).all()


def _stock0(case):
    a, r = case[0], case[4]
    return (a.use * r["stock_months"])[None]


@settings(max_examples=60, deadline=None)
@given(cases())
def test_zero_shock_zero_loss(case):
    o = run(case, k=0.0)
    assert total(o) == 0


@settings(max_examples=60, deadline=None)
@given(cases(), st.floats(0, 1), st.floats(0, 1))
def test_stronger_shock_never_loses_less(case, k1, k2):
    lo, hi = sorted((k1, k2))
    assert total(run(case, k=hi)) >= total(run(case, k=lo)) - 1e-6


@settings(max_examples=60, deadline=None)
@given(cases(), st.integers(0, 6), st.integers(0, 6))
def test_longer_shock_never_loses_less(case, d1, d2):
    lo, hi = sorted((d1, d2))
    assert total(run(case, dur=hi)) >= total(run(case, dur=lo)) - 1e-6


@settings(max_examples=60, deadline=None)
@given(cases(), st.floats(0, 3), st.floats(0, 3))
def test_more_stock_never_loses_more(case, s1, s2):
    lo, hi = sorted((s1, s2))
    assert total(run(case, stock_months=hi)) <= total(run(case, stock_months=lo)) + 1e-6


@settings(max_examples=60, deadline=None)
@given(cases())
def test_pooling_among_allies_never_loses_more(case):
    members = [1, 2]
    pooled, solo = run(case, pool=True), run(case, pool=False)
    assert pooled.shortfall[:, 0, members].sum() <= solo.shortfall[:, 0, members].sum() + 1e-6


def three_stage(through_middle=True):
    """Stage 0 as in network(); stage 1 has no data at all (no output, no use: the data lack it); stage 2: C and D
    each make 10 units/month from stage 1 (vehicles, say), no trade."""
    base = network()
    F = np.zeros((3, 4, 4))
    F[0] = base.flows[0]
    P = np.array([base.production[0], [0, 0, 0, 0], [0, 0, 10, 10]], float)
    U = P + F.sum(axis=1) - F.sum(axis=2)
    cap = np.array([base.capacity[0], [np.nan] * 4, [0, 0, 10, 10]], float)
    through = np.zeros((3, 4), bool)
    through[1] = through_middle
    return Arrays(F, P, U, cap, np.zeros((3, 4)), [[], [0], [1]], [None] * 3, passthrough=through)


def test_a_stage_without_data_passes_the_shortfall_through_by_hand():
    o = propagate(three_stage(), ban(), [], resp(ramp_up=0.0), n_months=1)
    # month 0: C lacks 60 of its 80 t, D 40 of 70; the middle stage has no data, so stage 2 loses the same shares
    assert o.output_lost[0, 2, [C, D], 0] == pytest.approx([10 * 60 / 80, 10 * 40 / 70])
    # without the pass-through the chain breaks at the empty stage and nothing downstream is lost (the old bug)
    o = propagate(three_stage(through_middle=False), ban(), [], resp(ramp_up=0.0), n_months=1)
    assert o.output_lost[0, 2].sum() == 0


def test_spare_capacity_only_where_a_producer_is_named_by_hand():
    a = network()
    no_b = np.ones((2, 4))
    no_b[0, B] = 0.0  # B's production is not from a source: it gets no spare capacity
    o = propagate(Arrays(*[getattr(a, f) for f in ("flows", "production", "use", "capacity", "stocks", "inputs",
                                                    "input_weights")], spare_share=no_b), ban(), [], resp(),
                  n_months=2)
    assert o.relief.sum() == 0 and o.shortfall[0, 0, [C, D], 1] == pytest.approx([60, 40])
    half = np.ones((2, 4))
    half[0, B] = 0.5  # element-aware: half of B's spare capacity can relieve the measure
    o = propagate(Arrays(a.flows, a.production, a.use, a.capacity, a.stocks, a.inputs, a.input_weights,
                         spare_share=half), ban(), [], resp(), n_months=2)
    assert o.relief[0, 0, :, 1].sum() == pytest.approx(12.5 / 2)


def test_working_inventory_is_drawn_at_will_by_hand():
    # the response caps releases at half the opening stock a month; C's own release rate of 1 overrides it
    a = network(stock_c=30.0)
    release = np.full((2, 4), np.nan)
    release[0, C] = 1.0
    o = propagate(Arrays(a.flows, a.production, a.use, a.capacity, a.stocks, a.inputs, a.input_weights,
                         release=release), ban(), [], resp(), n_months=2)
    assert o.shortfall[0, 0, C] == pytest.approx([30.0, 52.5])


def test_time_to_survive_beyond_the_horizon_is_censored():
    from chokepoints.shocks.montecarlo import percentiles, survive_recover

    loss = np.zeros((3, 1, 4))
    loss[1, 0, 2] = 1.0  # run 1 loses in month 2 only; run 2 loses in the last month and is still losing
    loss[2, 0, 3] = 1.0
    tts, ttr = survive_recover(loss, np.zeros(3), 4)
    assert tts[:, 0].tolist() == [np.inf, 2.0, 3.0]  # run 0 never loses: "> horizon", not 4
    assert ttr[:, 0].tolist() == [0.0, 3.0, np.inf]
    q = percentiles(tts[:, :, None], [5, 50, 95])[:, 0, 0]
    assert q[0] == 2.0 and q[1] == 3.0 and np.isinf(q[2])


@settings(max_examples=40, deadline=None)
@given(st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_censored_stays_censored_and_pass_through_never_creates_loss(k, spare):
    # no loss at the last stage beyond what the first stage's shortfall implies, whatever the mask
    a = three_stage()
    mask = np.ones((3, 4))
    mask[0, B] = spare
    a = Arrays(a.flows, a.production, a.use, a.capacity, a.stocks, a.inputs, a.input_weights, spare_share=mask,
               passthrough=a.passthrough)
    o = propagate(a, ban(k=k), [], resp(), n_months=2)
    share_lost = o.output_lost[0, 2, [C, D]] / 10.0
    short = o.shortfall[0, 0, [C, D]] / a.use[0, [C, D]][:, None]
    assert np.all(share_lost <= short + 1e-9)
    if k == 0:
        from chokepoints.shocks.montecarlo import survive_recover

        tts, _ = survive_recover(o.output_lost[:, :, C, :], np.zeros(1), 2)
        assert np.isinf(tts).all()
