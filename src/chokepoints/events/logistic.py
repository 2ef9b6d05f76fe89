"""The L2-penalised logistic regression both fitted models of the event monitor share: the confidence model
(`weigh`) and the sentence classifier (`detect`)."""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize


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
