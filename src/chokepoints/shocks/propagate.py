"""The monthly propagation kernel: NumPy, vectorised over a run axis (R) and the countries (N).

Each month, stage by stage in chain order (DESIGN.md, "Shock propagation"):
  1. a stage's output falls by the share psi of its production: capacity outages, or the uncovered input shortfall
     of the stages it consumes (Leontief: the worst input for `all`, share-weighted for `alternatives`), less
     substitution;
  2. exporters pass that cut on to every destination in proportion (a re-exporter only on the part it makes);
     export controls remove a further share k(t) x (1 - leakage) of the actor's remaining shipments to the
     targeted destinations (the restricted volume stays home);
  3. an importer's gross shortfall = lost inflow + lost own output for own use;
  4. other exporters' spare capacity (capacity - production, ramping up at `ramp_up` per month from the shock's
     onset, less their own output cut) is pooled and rationed to the short importers (pro rata to shortfall,
     by market share = their purchases from the spare holders, or alliance members first);
     a re-exporting hub keeps for its own use only its use's share of the loss; the rest cuts its re-exports
     the month after;
  5. stocks cover what remains, up to `stock_release` x the opening stock per month (members' stocks pooled when
     `pool_stocks`);
  6. the uncovered shortfall, as a share of use, is the input shortfall of the stages downstream; where the data
     lack a stage for a country (no output, no use), its input shortfall passes through unchanged.
No material is created: every relief is capped by the shortfall it relieves and by the volume it draws on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

RATIONING = ("pro_rata", "market_share", "alliance_first")
TINY = 1e-12  # tonnes: below this a quantity is nothing (and dividing by it would overflow)


@dataclass(frozen=True)
class ExportCut:
    """An export control at one stage: actors' shipments to `destinations` cut by k[r, t] (before leakage)."""

    stage: int
    actors: np.ndarray        # country positions
    destinations: np.ndarray  # (N,) bool
    k: np.ndarray             # (R, T) in [0, 1]


@dataclass(frozen=True)
class CapacityCut:
    stage: int
    country: int
    k: np.ndarray             # (R, T) in [0, 1]


@dataclass(frozen=True)
class ResponseArrays:
    """Per-run response parameters, each an array (R,)."""

    ramp_up: np.ndarray
    stock_release: np.ndarray
    leakage: np.ndarray
    substitution: np.ndarray
    utilisation: np.ndarray
    stock_months: np.ndarray
    pool_stocks: bool = False
    stock_scale: np.ndarray | None = None  # multiplies the given stocks (Arrays.stocks) per run


@dataclass(frozen=True)
class Arrays:
    """The network in monthly tonnes, ready for the kernel (see network.Network for the meaning)."""

    flows: np.ndarray        # (S, N, N) per month
    production: np.ndarray   # (S, N) per month
    use: np.ndarray          # (S, N) per month
    capacity: np.ndarray     # (S, N) per month, NaN = from utilisation
    stocks: np.ndarray       # (S, N) t, NaN = from stock_months
    inputs: list[list[int]]
    input_weights: list[np.ndarray | None] = field(default_factory=list)  # None: all inputs needed (max)
    # (S, N) multiplier of spare capacity: 0 where no source names a producer, the usable share where a measure
    # restricts elements the other producers also need; None = 1 everywhere
    spare_share: np.ndarray | None = None
    # (S, N) True where a country has neither output nor use at a stage that has inputs (the data lack the stage):
    # its input shortfall passes through unchanged to the stages downstream
    passthrough: np.ndarray | None = None
    # (S, N) share of the opening stock that can be drawn per month; NaN = the response's stock_release
    release: np.ndarray | None = None

    @classmethod
    def from_network(cls, net, weights: list[np.ndarray | None] | None = None) -> Arrays:
        has_inputs = np.array([bool(i) for i in net.inputs])[:, None]
        through = has_inputs & (net.use <= 0) & (net.production <= 0)
        spare = None if net.producer is None else net.producer.astype(float)
        return cls(net.flows / 12.0, net.production / 12.0, net.use / 12.0, net.capacity / 12.0, net.stocks,
                   net.inputs, weights if weights is not None else [None] * len(net.stages), spare, through)


@dataclass
class Outcome:
    """Per run x stage x country x month (t per month): uncovered shortfall, output lost, stock held."""

    shortfall: np.ndarray
    output_lost: np.ndarray
    stock: np.ndarray
    gross_shortfall: np.ndarray
    relief: np.ndarray                    # spare capacity received
    export_cut: np.ndarray | None = None  # share of each exporter's shipments lost to its own output cut (record)


def propagate(a: Arrays, cuts: list[ExportCut], outages: list[CapacityCut], resp: ResponseArrays, *, n_months: int,
              rationing: str = "pro_rata", members: np.ndarray | None = None, onset: np.ndarray | None = None,
              dtype=np.float64, record: bool = False) -> Outcome:
    """Run the model for R runs at once (R = len(resp.ramp_up)); returns arrays (R, S, N, T).

    `record` also keeps each exporter's lost share of shipments per month (for per-source supply tables)."""
    if rationing not in RATIONING:
        raise ValueError(f"rationing must be one of {RATIONING}, not {rationing!r}")
    S, N, _ = a.flows.shape
    R, T = len(resp.ramp_up), n_months
    members = np.zeros(N, bool) if members is None else members
    onset = np.zeros(R) if onset is None else onset
    F = a.flows.astype(dtype)
    P, U = a.production.astype(dtype), a.use.astype(dtype)
    X = F.sum(axis=2)
    # kappa: the share of a country's exports that its own output carries (re-exports are not cut by its output)
    kappa = np.divide(np.minimum(P, X), X, out=np.zeros_like(X), where=X > TINY)
    home = np.maximum(P - X, 0.0)  # own output kept for own use
    reexports = X - np.minimum(P, X)
    # a hub's lost inflow falls on its own use and on its re-exports in proportion; the re-export part reaches
    # its customers the month after (the lag keeps each month's stage computation explicit)
    own_share = np.divide(U, U + reexports, out=np.ones_like(U), where=(U + reexports) > TINY)
    X_safe = np.where(X > TINY, X, 1.0)
    passed = np.zeros((R, S, N), dtype)
    util = resp.utilisation[:, None]
    spare_base = np.where(np.isnan(a.capacity)[None], P[None] * (1.0 / util[:, None] - 1.0),
                          np.maximum(np.nan_to_num(a.capacity) - P, 0.0)[None])  # (R, S, N)
    if a.spare_share is not None:
        spare_base = spare_base * a.spare_share[None]
    scale = np.ones(R) if resp.stock_scale is None else resp.stock_scale
    stock0 = np.where(np.isnan(a.stocks)[None], U[None] * resp.stock_months[:, None, None],
                      np.nan_to_num(a.stocks)[None] * scale[:, None, None]).astype(dtype)  # (R, S, N)
    through = np.zeros((S, N), bool) if a.passthrough is None else a.passthrough
    stock = stock0.copy()
    rate = resp.stock_release[:, None, None] if a.release is None else np.where(
        np.isnan(a.release)[None], resp.stock_release[:, None, None], np.nan_to_num(a.release)[None])
    release_cap = stock0 * rate
    out = Outcome(*(np.zeros((R, S, N, T), dtype) for _ in range(5)))
    if record:
        out.export_cut = np.zeros((R, S, N, T), dtype)
    cuts_at = [[c for c in cuts if c.stage == s] for s in range(S)]
    outages_at = [[o for o in outages if o.stage == s] for s in range(S)]
    actors_at = [np.unique(np.concatenate([c.actors for c in cs])) if cs else np.zeros(0, int) for cs in cuts_at]
    not_actor = [np.ones(N, bool) for _ in range(S)]
    for s in range(S):
        not_actor[s][actors_at[s]] = False
    leak = resp.leakage[:, None]
    sub = resp.substitution[:, None]
    ramp = np.clip(resp.ramp_up[:, None] * (np.arange(T)[None, :] - onset[:, None]), 0.0, 1.0)  # (R, T)
    phi = np.zeros((R, S, N), dtype)  # uncovered shortfall share of use, this month
    for t in range(T):
        for s in range(S):
            psi = np.zeros((R, N), dtype)
            ins = a.inputs[s]
            if ins:
                w = a.input_weights[s] if a.input_weights else None
                short = phi[:, ins, :]
                psi = short.max(axis=1) if w is None else np.einsum("rin,i->rn", short, w)
                psi = psi * (1.0 - sub)
            for o in outages_at[s]:
                psi[:, o.country] = 1.0 - (1.0 - psi[:, o.country]) * (1.0 - o.k[:, t])
            psi = np.clip(psi, 0.0, 1.0)
            lost_share = np.minimum(psi * kappa[s] + passed[:, s, :] / X_safe[s], 1.0)
            if record:
                out.export_cut[:, s, :, t] = lost_share
            inflow_loss = lost_share @ F[s] if lost_share.any() else np.zeros((R, N), dtype)
            if cuts_at[s]:
                inflow_loss += _control_loss(cuts_at[s], actors_at[s], F[s], lost_share, leak, t)
            gross_all = inflow_loss + psi * home[s]
            passed[:, s, :] = gross_all * (1.0 - own_share[s])
            gross = gross_all * own_share[s]
            if not gross.any():
                phi[:, s, :] = 0.0
                phi[:, s, through[s]] = psi[:, through[s]]
                out.stock[:, s, :, t] = stock[:, s, :]
                continue
            spare = (spare_base[:, s, :] * (1.0 - psi) * not_actor[s]).sum(axis=1) * ramp[:, t]  # (R,)
            relief = _ration(spare, gross, rationing, members, F[s], not_actor[s])
            remaining = np.maximum(gross - relief, 0.0)
            drawn, cover = _release(remaining, stock[:, s, :], release_cap[:, s, :],
                                    members if resp.pool_stocks else None)
            stock[:, s, :] -= drawn
            uncovered = np.maximum(remaining - cover, 0.0)
            phi[:, s, :] = np.minimum(np.divide(uncovered, U[s], out=np.zeros_like(uncovered), where=U[s] > TINY), 1.0)
            phi[:, s, through[s]] = psi[:, through[s]]
            out.shortfall[:, s, :, t] = uncovered
            out.gross_shortfall[:, s, :, t] = gross
            out.output_lost[:, s, :, t] = psi * P[s]
            out.stock[:, s, :, t] = stock[:, s, :]
            out.relief[:, s, :, t] = relief
    return out


def _control_loss(cuts, actors, F, lost_share, leak, t) -> np.ndarray:
    """Inflow lost to export controls: per actor, min(1, sum of its measures' k) on what its output still ships."""
    R = leak.shape[0]
    loss = np.zeros((R, F.shape[1]), F.dtype)
    for a in actors:
        mu = np.zeros((R, F.shape[1]), F.dtype)
        for c in cuts:
            if a in c.actors:
                mu += c.k[:, t, None] * c.destinations[None, :]
        mu = np.minimum(mu, 1.0) * (1.0 - leak)
        mu[:, a] = 0.0  # what stays home is not lost to the actor
        loss += mu * F[a][None, :] * (1.0 - lost_share[:, a, None])
    return loss


def _ration(pool: np.ndarray, need: np.ndarray, rule: str, members: np.ndarray, F: np.ndarray,
            suppliers: np.ndarray) -> np.ndarray:
    """Share a pool (R,) among needs (R, N): never more than a need, never more than the pool."""
    if rule == "pro_rata":
        return _pro_rata(pool, need)
    if rule == "alliance_first":
        first = _pro_rata(pool, need * members)
        return first + _pro_rata(pool - first.sum(axis=1), need * ~members)
    # market share: each importer's weight is what it buys from the spare holders in normal times
    weight = np.broadcast_to((F * suppliers[:, None]).sum(axis=0), need.shape)
    return _capped_proportional(pool, need, weight)


def _pro_rata(pool: np.ndarray, need: np.ndarray) -> np.ndarray:
    total = need.sum(axis=1)
    f = np.divide(pool, total, out=np.zeros_like(total), where=total > TINY)
    return need * np.minimum(f, 1.0)[:, None]


def _capped_proportional(pool: np.ndarray, need: np.ndarray, weight: np.ndarray, rounds: int = 8) -> np.ndarray:
    """Water-filling by weight: each round shares what is left among the importers still short."""
    got = np.zeros_like(need)
    left = pool.astype(need.dtype).copy()
    for _ in range(rounds):
        open_ = need - got > 1e-12 * (need + 1.0)
        w = np.where(open_, weight, 0.0)
        # importers that buy nothing from the spare holders still get a share once the weighted ones are full
        w = np.where(open_ & (w.sum(axis=1, keepdims=True) == 0), need - got, w)
        wsum = w.sum(axis=1)
        give = np.minimum(w * np.divide(left, wsum, out=np.zeros_like(left), where=wsum > TINY)[:, None], need - got)
        got += give
        left = np.maximum(left - give.sum(axis=1), 0.0)
        if not (left > 0).any():
            break
    return got


def _release(need: np.ndarray, stock: np.ndarray, cap: np.ndarray,
             pooled: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """(drawn from each stock, cover each country receives) this month: min(need, stock, release cap) alone;
    pooled members share what they can release together, pro rata to their needs, drawn in proportion to it."""
    solo = np.minimum(np.minimum(need, stock), cap)
    if pooled is None or not pooled.any():
        return solo, solo
    can = np.minimum(stock[:, pooled], cap[:, pooled])
    avail = can.sum(axis=1)
    give = _pro_rata(avail, need[:, pooled])
    f = np.divide(give.sum(axis=1), avail, out=np.zeros_like(avail), where=avail > TINY)
    drawn, cover = solo.copy(), solo.copy()
    drawn[:, pooled] = can * f[:, None]
    cover[:, pooled] = give
    return drawn, cover
