"""Lesson 10's sweep pieces: the Split of a series, the baselines on its origins, and the tables and verdicts over seeds."""
import numpy as np
import pytest

from lstmlab.data import forecast as fc
from lstmlab.lessons import forecast_tables as ft
from lstmlab.lessons import forecasting as lf


def _series():
    season = np.tile([0.0, 3.0, 1.0, -2.0], 30)  # (120,) a 4-step season
    return 0.5 * np.arange(120.0) + season  # a ramp plus the season: its changes repeat every 4 steps


def _split():
    return lf.Split(_series(), 4, 8, 4, 84, 18)


def test_split_labels_windows_by_the_step_they_forecast_and_maps_changes_back():
    s = _split()
    assert (s.train.sum(), s.val.sum(), s.test.sum()) == (84 - 9, 18, 18)
    assert np.array_equal(s.step[s.test], s.test_steps) and s.test_steps[0] == 102
    assert np.array_equal(s.origins, np.arange(102, 117)) and s.targets.shape == (15, 4)
    true_changes = fc.scale(s.diffs, s.diff_stats).ravel()  # (119,)
    np.testing.assert_allclose(s.one_step_levels(true_changes[s.test_steps - 1]), s.series[s.test_steps])
    paths = np.stack([true_changes[o - 1:o + 3] for o in s.origins])  # the true next 4 changes from each origin
    np.testing.assert_allclose(s.path_levels(paths), s.targets)
    np.testing.assert_allclose(s.origin_windows[0, :, 0], true_changes[101 - 8:101])  # the 8 changes before origin 102


def test_naive_baselines_and_the_linear_ar_are_exact_on_a_ramp_plus_season():
    s = _split()
    naive = lf.naive_baselines(s)
    one, paths = naive["seasonal naive + drift"]
    np.testing.assert_allclose(one, s.series[s.test_steps])
    np.testing.assert_allclose(paths, s.targets)
    np.testing.assert_allclose(naive["seasonal naive"][0], s.series[s.test_steps] - 2.0)  # one season's rise: 4 x 0.5
    one, paths = lf.autoregression(s)  # the changes repeat every 4 steps: a linear AR of 8 lags fits them exactly
    np.testing.assert_allclose(one, s.series[s.test_steps], atol=1e-8)
    np.testing.assert_allclose(paths, s.targets, atol=1e-8)


def test_state_space_baselines_give_intervals_around_their_forecasts():
    rng = np.random.default_rng(0)
    s = lf.Split(_series() + rng.normal(0, 0.3, 120), 4, 8, 4, 84, 18)
    one, interval, paths, path_interval, count = lf.state_space(s, "holt-winters")
    assert one.shape == (18,) and interval.shape == (18, 2) and paths.shape == (15, 4) and path_interval.shape == (15, 4, 2)
    assert np.all(interval[:, 0] < one) and np.all(one < interval[:, 1]) and count > 3
    assert fc.mae(s.series[s.test_steps], one) < 1.0  # the season and the trend are what Holt-Winters describes
    with pytest.raises(ValueError, match="expected kind 'sarima' or 'holt-winters'"):
        lf.state_space(s, "arima")
    with pytest.raises(ValueError, match="expected a series name in"):
        lf.load_series("airline")


def test_matched_depths_have_about_the_same_parameter_count():
    counts = [lf.lstm_net(units, 1, 24).count_params() for units in [(42,), (32, 16), (19, 19, 19)]]
    assert counts == [4 * 42 * 44 + 43, 4 * 32 * 34 + 4 * 16 * 49 + 17, 4 * 19 * 21 + 2 * 4 * 19 * 39 + 20] == [7435, 7505, 7544]
    assert lf.mlp_net(48, 24).count_params() == 24 * 48 + 48 + 49


def test_seed_table_shows_median_and_range_best_first():
    truth = np.zeros(4)
    table = ft.seed_table(truth, {"flat": [np.full(4, 2.0)], "seeds": [np.full(4, 1.0), np.full(4, 3.0), np.full(4, 1.5)]},
                          np.arange(10.0), 1, unit="u")
    lines = table.splitlines()
    assert lines[1].split()[:3] == ["seeds", "3", "1.500"] and "[1.000, 3.000]" in lines[1]
    assert lines[2].split()[:3] == ["flat", "1", "2.000"] and "(no seed)" in lines[2]
    assert ft.best(truth, {"flat": [np.full(4, 2.0)], "seeds": [np.full(4, 1.0), np.full(4, 3.0), np.full(4, 1.5)]}) == "seeds"
    with pytest.raises(ValueError, match=r"expected forecasts of shape \(seeds, 4\)"):
        ft.abs_errors(truth, [np.zeros(3)])


def test_compare_counts_seeds_and_says_when_the_difference_is_within_the_noise():
    rng = np.random.default_rng(2)
    truth = rng.normal(size=60)
    base = truth + rng.normal(0, 1, 60)
    close = [truth + rng.normal(0, 1, 60) for _ in range(5)]
    result = ft.compare(truth, close, base, h=1)
    assert result["seeds"] == 5 and 0 <= result["ahead"] <= 5 and len(result["p"]) == 5
    assert result["low"] < result["mean"] < result["high"]
    far = ft.compare(truth, [truth + 0.01 * rng.normal(size=60) for _ in range(5)], base, h=1)
    assert far["ahead"] == 5 and far["high"] < 0 and max(far["p"]) < 1e-3
    assert ft.verdict("A", "B", far).endswith("that is larger than the noise")
    wide = dict(far, low=-0.1, high=0.1)
    assert ft.verdict("A", "B", wide).endswith("that is not larger than the noise")
    assert "A ahead on 5 of 5 seeds" in ft.verdict("A", "B", far)
    assert ft.verdict("A", "B", dict(far, ahead=4)).endswith("not larger than the noise")  # one seed on the other side
    assert ft.verdict("A", "B", dict(far, ahead=0, low=0.1, high=0.2)).endswith("that is larger than the noise")


def test_paired_seeds_coverage_and_horizon_table():
    truth = np.zeros((3, 2))
    ahead, diff = ft.paired_seeds([np.ones((3, 2)), np.full((3, 2), 3.0)], [np.full((3, 2), 2.0)] * 2, truth)
    assert ahead == 1 and np.allclose(diff, [-1, 1])
    with pytest.raises(ValueError, match="same number of seeds"):
        ft.paired_seeds([np.ones((3, 2))], [np.ones((3, 2))] * 2, truth)
    assert ft.coverage([1.0, 5.0], [[0.0, 2.0], [0.0, 2.0]]) == 0.5
    with pytest.raises(ValueError, match="expected an interval of shape"):
        ft.coverage([1.0], [0.0, 2.0])
    table = ft.by_horizon(truth, {"m": [np.ones((3, 2)), np.full((3, 2), 3.0)]}, (1, 2)).splitlines()
    assert table[1].split()[:4] == ["m", "2.000", "[1.00,", "3.00]"] and table[0].split()[:3] == ["model", "1", "ahead"]


def test_rolling_mae_and_table():
    series = np.arange(10.0)
    origins = [{"test_steps": [6, 7], "forecasts": {"base": [[6.0, 8.0]], "net": [[6.0, 7.0], [8.0, 9.0]]}},
               {"test_steps": [8, 9], "forecasts": {"base": [[8.0, 9.0]], "net": [[9.0, 9.0], [8.0, 9.0]]}}]
    mae = ft.rolling_mae(series, origins)
    np.testing.assert_allclose(mae["base"], [[0.5], [0.0]])
    np.testing.assert_allclose(mae["net"], [[0.0, 2.0], [0.5, 0.0]])
    lines = ft.rolling_table(mae, ["1990-01", "1992-01"]).splitlines()
    assert lines[0].split() == ["test", "from", "base", "net"]
    assert lines[1].split() == ["1990-01", "0.500", "1.000", "[0.00,", "2.00]"]


def test_seed_compare_pairs_seeds_and_bootstraps_their_mean_difference():
    truth = np.zeros(4)
    a = [np.full(4, v) for v in (1.0, 2.0, 1.5, 1.0, 3.0)]  # per-seed MAE 1, 2, 1.5, 1, 3
    b = [np.full(4, v) for v in (2.0, 2.5, 1.0, 2.0, 3.5)]  # per-seed MAE 2, 2.5, 1, 2, 3.5
    result = ft.seed_compare(a, b, truth)
    np.testing.assert_allclose(result["diffs"], [-1.0, -0.5, 0.5, -1.0, -0.5])  # a - b by hand
    assert result["ahead"] == 4 and result["seeds"] == 5 and result["mean"] == pytest.approx(-0.5)
    assert -1.0 <= result["low"] < result["mean"] < result["high"] <= 0.5  # a mean of resampled differences
    assert ft.larger_than_noise(result) == (result["high"] < 0)  # across seeds the interval decides (lesson 09's rule)
    as_compare = {key: value for key, value in result.items() if key != "beyond_noise"}
    assert not ft.larger_than_noise(as_compare)  # compare()'s rule: one seed on the other side
    assert ft.seed_verdict("A", "B", result, "u").startswith("A vs B, paired by seed: A ahead on 4 of 5 seeds; MAE differences from -1.000 to +0.500 u, mean -0.500 u")
    four = ft.seed_compare([np.full(4, v) for v in (1.0, 1.0, 1.0, 1.0, 2.1)], [np.full(4, 2.0)] * 5, truth)  # -1 x 4, +0.1
    assert four["ahead"] == 4 and four["high"] < 0 and ft.larger_than_noise(four)  # lesson 09's rule: the interval decides
    assert ft.seed_verdict("A", "B", four).endswith("that is larger than the noise")
    clear = ft.seed_compare(a, [run + 1.0 for run in a], truth)  # b one unit worse on every seed
    assert clear["ahead"] == 5 and clear["low"] == clear["high"] == pytest.approx(-1.0) and ft.larger_than_noise(clear)
    assert ft.seed_verdict("A", "B", clear).endswith("that is larger than the noise")
    with pytest.raises(ValueError, match="same number of seeds"):
        ft.seed_compare(a, b[:4], truth)
