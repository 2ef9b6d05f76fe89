"""What the event monitor's fitted models share: the L2-penalised logistic regression (the confidence model `weigh`,
the sentence classifier `detect`, the value filter `values`), the 0/1 feature matrix the last two read, and how a
threshold is scored and chosen (`train`, `values`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy import sparse
from scipy.optimize import minimize
from scipy.special import logsumexp


def vocabulary(rows: Sequence[Sequence[str]], min_count: int) -> tuple[str, ...]:
    """The features seen in at least `min_count` of `rows`, sorted: a rarer one is no feature."""
    seen = Counter(f for r in rows for f in set(r))
    return tuple(sorted(f for f, n in seen.items() if n >= min_count))


def binary_matrix(rows: Sequence[Sequence[str]], index: dict[str, int]) -> sparse.csr_matrix:
    """`rows` (each a list of features) as rows of 0/1 columns, `index` giving each known feature's column (unknown
    ones are dropped), with a last column of ones for the intercept."""
    get, ones = index.get, len(index)
    # the rows' column lists laid out as CSR directly (no COO triplets to convert: 40 % faster per call)
    indptr, indices = [0], []
    for feats in rows:
        cols = {get(f) for f in feats}
        cols.discard(None)
        cols.add(ones)
        indices.extend(sorted(cols))
        indptr.append(len(indices))
    return sparse.csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), ones + 1))


def logistic_weights(a, y: np.ndarray, penalty: float) -> np.ndarray:
    """Weights of an L2-penalised logistic regression of `y` (0/1) on the columns of `a` (a dense array or a scipy
    sparse matrix whose last column is ones: its weight, the intercept, is not penalised), by scipy's L-BFGS on the
    exact log-likelihood and its gradient."""

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = a @ w
        # log(1 + e^s) - y s, computed without overflow
        value = float(np.sum(np.logaddexp(0.0, s) - y * s) + penalty * np.sum(w[:-1] ** 2))
        grad = a.T @ (1.0 / (1.0 + np.exp(-s)) - y)
        grad[:-1] += 2 * penalty * w[:-1]
        return value, grad

    return minimize(loss, np.zeros(a.shape[1]), jac=True, method="L-BFGS-B").x


def softmax_weights(a, y: np.ndarray, classes: int, penalty: float) -> np.ndarray:
    """Weights (`classes` rows) of an L2-penalised multinomial logistic regression of the class index `y` on the
    columns of `a` (as `logistic_weights`: the last column is ones, its weights not penalised): the classes' scores
    share one normalisation, so the probability of the best is that of it against all the others together."""
    n, d = a.shape
    onehot = np.zeros((n, classes))
    onehot[np.arange(n), y] = 1.0

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        weights = w.reshape(classes, d)
        s = np.asarray(a @ weights.T)
        norm = logsumexp(s, axis=1)
        value = float(np.sum(norm) - np.sum(s * onehot) + penalty * np.sum(weights[:, :-1] ** 2))
        grad = np.asarray(a.T @ (np.exp(s - norm[:, None]) - onehot)).T
        grad[:, :-1] += 2 * penalty * weights[:, :-1]
        return value, grad.ravel()

    return minimize(loss, np.zeros(classes * d), jac=True, method="L-BFGS-B").x.reshape(classes, d)


# the thresholds tried when one is chosen by cross-validation (the confidence model's, the value filters'): a step of
# 0.01, since a step of 0.05 let a small change of the fit move the chosen threshold by a whole step (the confidence
# model's 0.40 to 0.45 and back between the refits of the thirtieth to thirty-third passes, some 8 events a time; the
# amounts' 0.35 to 0.30 in the thirty-fourth); with fits on 12 draws of the batches less 5, the confidence model's
# plateau middle spread 0.40-0.45 (sd 0.014) on the coarse grid and 0.40-0.42 (sd 0.007) on this one (thirty-fourth
# pass, docs/methods/events-passes.md)
THRESHOLDS = np.round(np.arange(0.05, 0.651, 0.01), 2)


def precision_recall(right: np.ndarray, keep: np.ndarray, unfound: int) -> dict[str, float]:
    """Precision, recall and F1 when the items with `keep` are kept, of which those with `right` (0/1) are right;
    `unfound`: right items never proposed (false negatives whatever is kept)."""
    tp = int(np.sum(right[keep] == 1))
    fp = int(np.sum(right[keep] == 0))
    fn = unfound + int(np.sum(right[~keep] == 1))
    return {"precision": round(tp / max(tp + fp, 1), 3), "recall": round(tp / max(tp + fn, 1), 3),
            "f1": round(2 * tp / max(2 * tp + fp + fn, 1), 3)}


def plateau_middle(scores: dict[float, dict[str, float]], plateau: float) -> float:
    """The threshold in the middle (rounding up) of those whose F1 is within `plateau` of the best: F1 is flat over a
    range of thresholds, and its middle keeps a small change of the fit from moving the threshold to an edge (in
    the ninth pass the best F1 fell at the plateau's top, which cost one sealed set 8 points of recall for 1 of
    precision)."""
    best = max(v["f1"] for v in scores.values())
    flat = sorted(t for t, v in scores.items() if v["f1"] >= best - plateau)
    return flat[len(flat) // 2]
