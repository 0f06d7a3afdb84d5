"""Is one forecaster ahead of another by more than the noise? The Diebold-Mariano test and a moving-block bootstrap.

Both work on the loss differences d_t = loss_a[t] - loss_b[t] of two forecasts of the same targets (negative:
a is ahead). Forecast errors of neighbouring origins are correlated (h-step forecasts overlap by h - 1 steps), so
neither treats d_t as independent: DM uses a HAC (autocorrelation-consistent) variance, the bootstrap resamples blocks.
"""
import math

import numpy as np


def _differences(loss_a, loss_b):
    loss_a, loss_b = np.asarray(loss_a, dtype=float).ravel(), np.asarray(loss_b, dtype=float).ravel()  # (T,), (T,)
    if loss_a.shape != loss_b.shape or len(loss_a) < 3:
        raise ValueError(f"expected two losses of the same length (at least 3), got {len(loss_a)} and {len(loss_b)}")
    if not (np.all(np.isfinite(loss_a)) and np.all(np.isfinite(loss_b))):
        raise ValueError("expected finite losses, got NaN or inf")
    return loss_a - loss_b  # (T,)


def hac_variance(d, h):
    """Variance of mean(d) with the autocovariances of lags 0..h-1 (Diebold-Mariano's truncated kernel).

    Falls back to Bartlett (Newey-West) weights 1 - k/h when the truncated sum is not positive.
    """
    from statsmodels.tsa.stattools import acovf
    d = np.asarray(d, dtype=float)  # (T,)
    gamma = acovf(d, adjusted=False, demean=True, fft=False, nlag=h - 1)  # (h,): (1/T) sum (d_t - mean)(d_{t-k} - mean)
    total = gamma[0] + 2 * gamma[1:].sum()
    if total <= 0:
        weights = 1 - np.arange(1, h) / h  # (h-1,)
        total = gamma[0] + 2 * (weights * gamma[1:]).sum()
    return total / len(d)


def diebold_mariano(loss_a, loss_b, h=1):
    """(statistic, two-sided p-value) for "a and b forecast equally well", from their per-origin losses.

    h: the forecast horizon (lags 0..h-1 enter the variance). With Harvey, Leybourne and Newbold's (1997) small-sample
    correction, compared with Student's t with T - 1 degrees of freedom. Negative statistic: a has the smaller loss.
    """
    from scipy import stats as sps
    if isinstance(h, bool) or not isinstance(h, (int, np.integer)) or h < 1:
        raise ValueError(f"h must be a positive int (the forecast horizon), got {h!r}")
    d = _differences(loss_a, loss_b)  # (T,)
    n = len(d)
    if h >= n:
        raise ValueError(f"h={h} needs more than {h} loss differences, got {n}")
    variance = hac_variance(d, int(h))
    if variance <= 0:
        raise ValueError("the loss differences have no spread (the two forecasts' losses are identical)")
    correction = math.sqrt((n + 1 - 2 * h + h * (h - 1) / n) / n)
    statistic = correction * d.mean() / math.sqrt(variance)
    return float(statistic), float(2 * sps.t.sf(abs(statistic), df=n - 1))


def block_bootstrap_means(d, block, n_boot=2000, seed=0):
    """Means of n_boot moving-block resamples of d: blocks of `block` consecutive values, random starts, cut to len(d)."""
    d = np.asarray(d, dtype=float).ravel()  # (T,)
    n = len(d)
    if isinstance(block, bool) or not isinstance(block, (int, np.integer)) or not 1 <= block <= n:
        raise ValueError(f"block must be an int in 1..{n} (the series length), got {block!r}")
    blocks = -(-n // block)  # ceil(n / block)
    starts = np.random.default_rng(seed).integers(0, n - block + 1, size=(n_boot, blocks))  # (n_boot, blocks)
    index = (starts[:, :, None] + np.arange(block)).reshape(n_boot, -1)[:, :n]  # (n_boot, n)
    return d[index].mean(axis=1)  # (n_boot,)


def block_bootstrap_interval(loss_a, loss_b, block, level=0.95, n_boot=2000, seed=0):
    """(mean difference, low, high): a percentile interval for mean(loss_a - loss_b) from a moving-block bootstrap."""
    d = _differences(loss_a, loss_b)  # (T,)
    means = block_bootstrap_means(d, block, n_boot, seed)  # (n_boot,)
    tail = (1 - level) / 2
    low, high = np.quantile(means, [tail, 1 - tail])
    return float(d.mean()), float(low), float(high)
