"""Lesson 10's helpers: the time split, train-only scaling, baselines, MASE, horizon windows, recursive and stateful forecasts."""
import numpy as np
import pytest
from matplotlib.figure import Figure

from lstmlab import lstm_layer, make_windows
from lstmlab.data import forecast as fc
from lstmlab.lessons import forecasting as lf
from lstmlab.lessons.gradflow import lstm_weights
from lstmlab.plots.forecast import forecast_figure, horizon_error_figure, leakage_figure, split_figure


def test_time_split_keeps_order_and_gives_the_rest_to_the_test():
    series = np.arange(37.0)
    train, val, test = fc.time_split(series, 0.7, 0.15)
    assert (len(train), len(val), len(test)) == (25, 5, 7) == fc.split_sizes(37, 0.7, 0.15)
    assert np.array_equal(np.concatenate([train, val, test]), series)


@pytest.mark.parametrize("train_fraction, val_fraction, message", [
    (0.9, 0.1, "must leave a test part"), (1.2, 0.1, "train_fraction must be a number between 0 and 1"),
    (0.7, 0, "val_fraction must be"), (0.5, 0.01, "leaves an empty part")])
def test_time_split_explains_bad_fractions(train_fraction, val_fraction, message):
    with pytest.raises(ValueError, match=message):
        fc.time_split(np.arange(50.0), train_fraction, val_fraction)


def test_scaler_uses_the_training_part_only_and_inverts():
    rng = np.random.default_rng(0)
    train, test = rng.normal(3, 2, (40, 2)), rng.normal(30, 9, (10, 2))
    stats = fc.fit_scaler(train)
    np.testing.assert_allclose(stats[0], train.mean(axis=0))
    np.testing.assert_allclose(stats[1], train.std(axis=0))
    np.testing.assert_allclose(fc.unscale(fc.scale(test, stats), stats), test)
    scaled = fc.scale_train_only(train, test[:5], test[5:])
    np.testing.assert_allclose(scaled[0].mean(axis=0), 0, atol=1e-12)
    assert scaled[1].mean() > 5  # the future is NOT re-centred: its own statistics were never used
    with pytest.raises(ValueError, match="non-zero spread"):
        fc.fit_scaler(np.ones((5, 1)))


def test_baselines_on_a_periodic_series():
    series = np.tile([1.0, 2.0, 3.0, 4.0], 6)  # period 4
    x, y = make_windows(series, 8, 0)  # (16, 8, 1), (16,)
    np.testing.assert_array_equal(fc.seasonal_naive_forecast(x, 4, 1)[:, 0], y)  # exact on a periodic series
    np.testing.assert_array_equal(fc.seasonal_naive_forecast(x[:1], 4, 6)[0], [1, 2, 3, 4, 1, 2])
    np.testing.assert_array_equal(fc.persistence_forecast(x[:2], 3), [[4, 4, 4], [1, 1, 1]])
    with pytest.raises(ValueError, match="a season of 12 steps needs windows of at least 12 steps, got 8"):
        fc.seasonal_naive_forecast(x, 12)
    with pytest.raises(ValueError, match=r"windows must be \(samples, timesteps\)"):
        fc.persistence_forecast(np.zeros((2, 3, 2)))


def test_errors_and_mase():
    y_train = np.array([0.0, 1.0, 0.0, 1.0, 0.0])  # naive error at season 1: 1; at season 2: 0
    assert fc.mae([1, 2], [2, 4]) == 1.5 and fc.rmse([0, 0], [3, 4]) == pytest.approx(np.sqrt(12.5))
    assert fc.mase([1, 2], [2, 4], y_train, 1) == 1.5
    with pytest.raises(ValueError, match="MASE's scale is 0"):
        fc.mase([1, 2], [2, 4], y_train, 2)
    with pytest.raises(ValueError, match="more than season=12"):
        fc.mase([1], [1], y_train, 12)


def test_horizon_targets_extend_make_windows():
    series = np.arange(20.0)
    x, y = fc.horizon_targets(series, 5, 3)
    x1, y1 = make_windows(series, 5, 0)
    assert x.shape == (13, 5, 1) and y.shape == (13, 3)
    np.testing.assert_array_equal(x, x1[:13])
    np.testing.assert_array_equal(y[:, 0], y1[:13])
    np.testing.assert_array_equal(y[2], [7, 8, 9])
    with pytest.raises(ValueError, match="no window of 15 steps followed by 6 targets"):
        fc.horizon_targets(series, 15, 6)


def test_recursive_forecast_feeds_predictions_back():
    windows = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 5.0]])
    out = fc.recursive_forecast(lambda w: w[:, -1, 0] + w[:, 0, 0], windows, 3)  # next = last + oldest
    np.testing.assert_array_equal(out, [[4, 6, 9], [5, 5, 10]])


def test_autoregression_recovers_a_noiseless_ar2():
    series = [1.0, 0.5]
    for _ in range(60):
        series.append(0.6 * series[-1] - 0.3 * series[-2] + 2.0)
    x, y = make_windows(np.array(series), 2, 0)
    coef = lf.fit_autoregression(x, y)
    np.testing.assert_allclose(coef, [-0.3, 0.6, 2.0], atol=1e-8)
    np.testing.assert_allclose(lf.predict_autoregression(coef, x), y, atol=1e-8)
    with pytest.raises(ValueError, match="windows of 2 steps, got windows of 3"):
        lf.predict_autoregression(coef, np.zeros((1, 3)))


def _stack_weights(rng):
    (k1, r1, b1), (k2, r2, b2) = lstm_weights(rng, 1, 4), lstm_weights(rng, 4, 3)
    return [k1, r1, b1, k2, r2, b2, rng.normal(size=(3, 1)), rng.normal(size=1)]


def test_stateful_forecasts_one_step_equal_the_layer_run_over_the_stream():
    rng = np.random.default_rng(1)
    weights = _stack_weights(rng)
    stream = rng.normal(size=30)
    seq = lstm_layer(stream[None, :, None], *weights[:3], return_sequences=True)  # (1, 30, 4)
    seq = lstm_layer(seq, *weights[3:6], return_sequences=True)  # (1, 30, 3)
    one_step = (seq @ weights[6] + weights[7])[0, :, 0]  # (30,): the forecast of stream[t+1] after stream[t]
    got = lf.stateful_forecasts(weights, stream, [1, 10, 30], 1)
    np.testing.assert_allclose(got[:, 0], one_step[[0, 9, 29]], rtol=1e-10)
    two = lf.stateful_forecasts(weights, stream, [10], 2)[0]
    fed = np.concatenate([stream[:10], [two[0]]])  # the second step sees the first prediction as its input
    seq = lstm_layer(lstm_layer(fed[None, :, None], *weights[:3], return_sequences=True), *weights[3:6], return_sequences=True)
    np.testing.assert_allclose(two[1], (seq[0, -1] @ weights[6] + weights[7])[0], rtol=1e-10)
    assert got.shape == (3, 1)
    with pytest.raises(ValueError, match="origins must lie in 1..30"):
        lf.stateful_forecasts(weights, stream, [0], 1)
    with pytest.raises(ValueError, match="3 arrays per LSTM layer"):
        lf.stateful_forecasts(weights[:4], stream, [1], 1)


def test_error_table_sorts_by_mae_and_checks_shapes():
    truth = np.arange(10.0)
    table = fc.error_table(truth, {"bad": truth + 2, "good": truth + 1}, np.arange(30.0), 12, unit="ppm")
    lines = table.splitlines()
    assert lines[0].split()[:3] == ["model", "MAE", "ppm"] and lines[1].startswith("good") and lines[2].startswith("bad")
    assert "1.000" in lines[1] and "0.083" in lines[1]  # MASE: 1 / 12 (the naive error of a unit ramp at season 12)
    with pytest.raises(ValueError, match=r"bad: forecasts of shape \(9,\) for truth of shape \(10,\)"):
        fc.error_table(truth, {"bad": truth[:9]}, np.arange(30.0), 12)


def test_forecast_figures():
    dates = np.arange(20)
    values = np.linspace(0, 1, 20)
    fig = split_figure(dates, values, (14, 3, 3))
    assert isinstance(fig, Figure) and [len(line.get_xdata()) for line in fig.axes[0].lines] == [14, 3, 3]
    with pytest.raises(ValueError, match="add up to 19, not the series length 20"):
        split_figure(dates, values, (14, 3, 2))
    leakage_figure(dates, values, values / 2, 14)
    assert len(forecast_figure(dates[:5], values[:5], {"a": values[:5]}).axes[0].lines) == 2
    with pytest.raises(ValueError, match="dates and a must have the same length"):
        forecast_figure(dates[:5], values[:5], {"a": values})
    assert len(horizon_error_figure({"x": [1, 2, 3]}).axes[0].lines) == 1


def test_fill_forward_uses_only_the_past():
    np.testing.assert_array_equal(fc.fill_forward([1.0, np.nan, np.nan, 4.0, np.nan]), [1, 1, 1, 4, 4])
    with pytest.raises(ValueError, match="first value that is not missing"):
        fc.fill_forward([np.nan, 1.0])


def test_seasonal_naive_drift_adds_the_last_seasons_change():
    series = np.arange(30.0) + np.tile([0.0, 5.0, 1.0], 10)  # a ramp plus a 3-step season
    got = fc.seasonal_naive_drift(series, [10, 20], 3, 3)
    np.testing.assert_allclose(got, series[[[10, 11, 12], [20, 21, 22]]])  # exact: the ramp's yearly rise is 3
    assert got[0, 0] == series[7] + (series[9] - series[6])
    with pytest.raises(ValueError, match="origins must lie in 4..30"):
        fc.seasonal_naive_drift(series, [3], 3, 1)
    with pytest.raises(ValueError, match="at most the season"):
        fc.seasonal_naive_drift(series, [10], 3, 4)
