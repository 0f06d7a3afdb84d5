"""The paired bootstrap across seeds, against an exact enumeration of every resample and hand-computed cases."""
import itertools

import numpy as np
import pytest

from lstmlab.lessons.paired import Paired, differences, paired_bootstrap, verdict


def test_the_interval_matches_the_exact_bootstrap_distribution():
    a, b = [0.80, 0.71, 0.92, 0.66], [0.75, 0.74, 0.81, 0.60]
    d = [0.05, -0.03, 0.11, 0.06]  # by hand
    exact = sorted(sum(d[i] for i in picks) / 4 for picks in itertools.product(range(4), repeat=4))  # all 256 resamples
    low, high = np.percentile(exact, [2.5, 97.5])
    result = paired_bootstrap(a, b, resamples=40_000, seed=3)
    assert result.mean == pytest.approx(0.0475)
    assert result.low == pytest.approx(low, abs=0.006) and result.high == pytest.approx(high, abs=0.006)
    assert (result.ahead, result.n) == (3, 4)


def test_constant_differences_give_a_point_interval_and_opposite_order_flips_the_sign():
    result = paired_bootstrap([0.5, 0.6, 0.7], [0.4, 0.5, 0.6])
    assert result.low == pytest.approx(0.1) and result.high == pytest.approx(0.1) and result.beyond_noise
    flipped = paired_bootstrap([0.4, 0.5, 0.6], [0.5, 0.6, 0.7])
    assert flipped.mean == pytest.approx(-0.1) and flipped.ahead == 0 and flipped.beyond_noise


def test_differences_of_both_signs_are_not_beyond_the_noise():
    result = paired_bootstrap([0.9, 0.5, 0.8, 0.4, 0.7], [0.5, 0.9, 0.4, 0.8, 0.7])
    assert result.mean == pytest.approx(0.0) and result.low < 0 < result.high and not result.beyond_noise
    assert (result.ahead, result.tied) == (2, 1)  # a tie is not ahead
    assert "on 2 of 5 seeds (tied on 1);" in verdict("a", "b", result)


def test_the_verdict_is_printed_from_the_numbers():
    text = verdict("1 layer", "4 layers", Paired(0.052, 0.011, 0.094, 4, 5))
    assert text == ("1 layer is ahead of 4 layers on 4 of 5 seeds; the mean difference is +0.052 "
                    "(95% interval [+0.011, +0.094]); that is larger than the noise between seeds")
    assert "not larger" in verdict("a", "b", Paired(0.01, -0.02, 0.04, 3, 5))
    assert "is +1.2e-03 (95% interval [+6.0e-04, +2.8e-03])" in verdict("a", "b", Paired(0.0012, 0.0006, 0.0028, 5, 5), fmt="+.1e")


@pytest.mark.parametrize("a, b, match", [([0.1, 0.2], [0.1], "same length"), ([0.1], [0.2], "at least 2"),
                                         ([0.1, np.nan], [0.1, 0.2], "finite")])
def test_bad_scores_say_what_was_expected(a, b, match):
    with pytest.raises(ValueError, match=match):
        differences(a, b)


def test_the_rate_is_chosen_on_the_median_validation_loss():
    from lstmlab.lessons.paired import choose_rate
    by_rate = {"0.003": {"val_loss": [0.30, 0.10, 0.50]}, "0.01": {"val_loss": [0.20, 0.25, 0.90]},
               "0.03": {"val_loss": [0.28, 0.40, 0.29]}}  # medians 0.30, 0.25, 0.29
    assert choose_rate(by_rate) == "0.01"
    assert choose_rate({"0.01": {"val_loss": [1.0]}, "0.003": {"val_loss": [1.0]}}) == "0.003"  # a tie: the lower rate
    with pytest.raises(ValueError, match="no rates"):
        choose_rate({})
