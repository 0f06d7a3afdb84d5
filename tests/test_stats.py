"""lessons/stats.py: the Diebold-Mariano test and the moving-block bootstrap, against hand computations."""
import math

import numpy as np
import pytest
from scipy import stats as sps

from lstmlab.lessons import stats


def _dm_by_hand(a, b, h):
    d = [x - y for x, y in zip(a, b)]
    n = len(d)
    mean = sum(d) / n
    gamma = [sum((d[t] - mean) * (d[t - k] - mean) for t in range(k, n)) / n for k in range(h)]
    variance = (gamma[0] + 2 * sum(gamma[1:])) / n
    dm = mean / math.sqrt(variance)
    hln = dm * math.sqrt((n + 1 - 2 * h + h * (h - 1) / n) / n)
    return hln, 2 * (1 - sps.t.cdf(abs(hln), n - 1))


@pytest.mark.parametrize("h", [1, 3])
def test_diebold_mariano_equals_a_hand_computation(h):
    rng = np.random.default_rng(3)
    a, b = rng.gamma(2.0, size=40), rng.gamma(2.3, size=40)
    got = stats.diebold_mariano(a, b, h)
    want = _dm_by_hand(list(a), list(b), h)
    assert got == pytest.approx(want, rel=1e-10)


def test_diebold_mariano_sign_and_size():
    rng = np.random.default_rng(0)
    noise = rng.normal(size=200)
    statistic, p = stats.diebold_mariano(noise ** 2, (noise + 1) ** 2 + 0.1, 1)  # a clearly smaller
    assert statistic < -5 and p < 1e-6
    statistic, p = stats.diebold_mariano(rng.normal(size=200) ** 2, rng.normal(size=200) ** 2, 1)  # same distribution
    assert p > 0.05


def test_hac_variance_falls_back_to_bartlett_weights_when_the_truncated_sum_is_not_positive():
    d = np.tile([1.0, -1.0], 10)  # lag-1 autocovariance -0.95 of the variance 1: truncated sum at h=2 is negative
    gamma0, gamma1 = 1.0, -19 / 20
    assert stats.hac_variance(d, 2) == pytest.approx((gamma0 + 2 * 0.5 * gamma1) / 20)


def test_diebold_mariano_explains_bad_input():
    with pytest.raises(ValueError, match="same length"):
        stats.diebold_mariano([1, 2, 3], [1, 2], 1)
    with pytest.raises(ValueError, match="h must be a positive int"):
        stats.diebold_mariano([1, 2, 3], [1, 2, 4], 0)
    with pytest.raises(ValueError, match="no spread"):
        stats.diebold_mariano([1, 2, 3], [1, 2, 3], 1)
    with pytest.raises(ValueError, match="finite"):
        stats.diebold_mariano([1, np.nan, 3], [1, 2, 3], 1)


def test_block_bootstrap_means_resample_whole_blocks():
    d = np.arange(10.0)
    means = stats.block_bootstrap_means(d, 4, n_boot=5, seed=7)
    starts = np.random.default_rng(7).integers(0, 7, size=(5, 3))
    for row, mean in zip(starts, means):
        values = [d[s + k] for s in row for k in range(4)][:10]
        assert mean == pytest.approx(sum(values) / 10)
    assert np.allclose(stats.block_bootstrap_means(d, 10, n_boot=3), d.mean())  # one block: the series itself
    with pytest.raises(ValueError, match=r"block must be an int in 1..10"):
        stats.block_bootstrap_means(d, 11)


def test_block_bootstrap_interval_holds_the_mean_and_widens_with_noise():
    rng = np.random.default_rng(1)
    a = rng.normal(size=120) ** 2
    mean, low, high = stats.block_bootstrap_interval(a, a + 0.5, block=6)
    assert mean == pytest.approx(-0.5) and low == pytest.approx(-0.5) and high == pytest.approx(-0.5)
    mean, low, high = stats.block_bootstrap_interval(a, rng.normal(size=120) ** 2, block=6)
    assert low < mean < high and high - low > 0.1
