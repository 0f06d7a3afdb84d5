"""Forecasting a series honestly: split by time, scale on the training part only, baselines and error measures.

Every function is NumPy only. Lesson 10 uses them on a real series; the graded items of
solutions/10_forecasting.ipynb are checked against them.
"""
import numpy as np

from ..reference.validate import check_positive_int, fmt_shape
from .windows import as_series


def _fraction(value, name):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1:
        raise ValueError(f"{name} must be a number between 0 and 1, got {value!r}")
    return float(value)


def split_sizes(n, train_fraction, val_fraction):
    """(train, val, test) lengths: floor(n * train_fraction), floor(n * val_fraction), and the rest for the test."""
    n = check_positive_int(n, "n")
    train_fraction, val_fraction = _fraction(train_fraction, "train_fraction"), _fraction(val_fraction, "val_fraction")
    if train_fraction + val_fraction >= 1:
        raise ValueError(f"train_fraction + val_fraction must leave a test part: got {train_fraction} + {val_fraction} >= 1")
    n_train, n_val = int(n * train_fraction), int(n * val_fraction)
    if min(n_train, n_val, n - n_train - n_val) < 1:
        raise ValueError(f"a series of {n} steps split {train_fraction}/{val_fraction}/rest leaves an empty part "
                         f"({n_train}, {n_val}, {n - n_train - n_val})")
    return n_train, n_val, n - n_train - n_val


def time_split(series, train_fraction=0.7, val_fraction=0.15):
    """The series cut in time order, no shuffling: (train, val, test), the oldest steps first."""
    series = np.asarray(series)
    n_train, n_val, _ = split_sizes(len(series), train_fraction, val_fraction)
    return series[:n_train], series[n_train:n_train + n_val], series[n_train + n_val:]


def fit_scaler(train):
    """Mean and standard deviation (ddof=0, as sklearn's StandardScaler) of each column of the TRAINING part only."""
    train = as_series(train, "train")  # (N, features)
    std = train.std(axis=0)  # (features,)
    if np.any(std == 0) or not np.all(np.isfinite(std)):
        raise ValueError(f"every column of train needs a finite, non-zero spread to scale by; got std {std} "
                         "(fill missing values first, and drop constant columns)")
    return train.mean(axis=0), std  # (features,), (features,)


def scale(values, stats):
    """(values - mean) / std with stats = fit_scaler(train); keeps the shape of values."""
    mean, std = stats
    return (np.asarray(values, dtype=float) - mean) / std


def unscale(values, stats):
    """The inverse of scale: values * std + mean."""
    mean, std = stats
    return np.asarray(values, dtype=float) * std + mean


def scale_train_only(train, val, test):
    """All three parts scaled with the TRAINING part's mean and std: what a deployed model could have known."""
    stats = fit_scaler(train)
    return scale(as_series(train, "train"), stats), scale(as_series(val, "val"), stats), scale(as_series(test, "test"), stats)


def _windows(windows):
    windows = np.asarray(windows, dtype=float)
    if windows.ndim == 3 and windows.shape[2] == 1:
        windows = windows[:, :, 0]  # (samples, timesteps)
    if windows.ndim != 2:
        raise ValueError(f"windows must be (samples, timesteps) or (samples, timesteps, 1), got shape {fmt_shape(windows.shape)}")
    return windows  # (samples, timesteps)


def persistence_forecast(windows, horizon=1):
    """Tomorrow = today: each window's last value, repeated for every step ahead: (samples, horizon)."""
    windows = _windows(windows)  # (samples, timesteps)
    return np.repeat(windows[:, -1:], check_positive_int(horizon, "horizon"), axis=1)  # (samples, horizon)


def seasonal_naive_forecast(windows, season, horizon=1):
    """Step h ahead = the value one season before it: window[T - season + (h-1) % season]: (samples, horizon)."""
    windows = _windows(windows)  # (samples, timesteps)
    season, horizon = check_positive_int(season, "season"), check_positive_int(horizon, "horizon")
    if season > windows.shape[1]:
        raise ValueError(f"a season of {season} steps needs windows of at least {season} steps, got {windows.shape[1]}")
    index = windows.shape[1] - season + np.arange(horizon) % season  # (horizon,)
    return windows[:, index]  # (samples, horizon)


def mae(y_true, y_pred):
    """Mean absolute error."""
    return float(np.mean(np.abs(np.asarray(y_true, dtype=float) - np.asarray(y_pred, dtype=float))))


def rmse(y_true, y_pred):
    """Root mean squared error."""
    return float(np.sqrt(np.mean((np.asarray(y_true, dtype=float) - np.asarray(y_pred, dtype=float)) ** 2)))


def mase(y_true, y_pred, y_train, season=1):
    """MAE divided by the in-sample MAE of the seasonal naive forecast on the TRAINING part (Hyndman and Koehler).

    Below 1: better than repeating the value one season earlier did on the training data.
    """
    y_train = np.asarray(y_train, dtype=float).ravel()  # (N,)
    season = check_positive_int(season, "season")
    if len(y_train) <= season:
        raise ValueError(f"y_train needs more than season={season} values, got {len(y_train)}")
    scale_ = np.mean(np.abs(y_train[season:] - y_train[:-season]))
    if scale_ == 0:
        raise ValueError("y_train repeats itself exactly one season later, so MASE's scale is 0")
    return mae(y_true, y_pred) / scale_


def horizon_targets(series, timesteps, horizon):
    """Windows and the next `horizon` values: X (samples, timesteps, features), Y (samples, horizon) of column 0.

    Sample j: X = rows j .. j+timesteps-1, Y = column 0 of rows j+timesteps .. j+timesteps+horizon-1. With
    horizon=1, Y[:, 0] is make_windows(series, timesteps, 0)'s y without its last sample.
    """
    series = as_series(series)  # (N, features)
    timesteps, horizon = check_positive_int(timesteps, "timesteps"), check_positive_int(horizon, "horizon")
    samples = len(series) - timesteps - horizon + 1
    if samples < 1:
        raise ValueError(f"a series of {len(series)} rows gives no window of {timesteps} steps followed by {horizon} targets")
    index = np.arange(samples)[:, None] + np.arange(timesteps)[None, :]  # (samples, timesteps)
    ahead = np.arange(samples)[:, None] + timesteps + np.arange(horizon)[None, :]  # (samples, horizon)
    return series[index], series[ahead, 0]  # (samples, timesteps, features), (samples, horizon)


def recursive_forecast(predict_next, windows, horizon):
    """Forecast `horizon` steps by feeding each prediction back as the newest input (one-feature windows).

    predict_next: (samples, timesteps, 1) -> (samples,) or (samples, 1), the next value. Returns (samples, horizon).
    """
    windows = _windows(windows)[:, :, None]  # (samples, timesteps, 1)
    steps = []
    for _ in range(check_positive_int(horizon, "horizon")):
        nxt = np.asarray(predict_next(windows), dtype=float).reshape(len(windows))  # (samples,)
        steps.append(nxt)
        windows = np.concatenate([windows[:, 1:], nxt[:, None, None]], axis=1)  # (samples, timesteps, 1)
    return np.stack(steps, axis=1)  # (samples, horizon)


def error_table(truth, forecasts, y_train, season, unit=""):
    """A text table: MAE, RMSE and MASE of each forecast {name: values} against truth, best MAE first."""
    truth = np.asarray(truth, dtype=float)  # (samples,) or (samples, horizon)
    rows = []
    for name, values in forecasts.items():
        values = np.asarray(values, dtype=float)
        if values.shape != truth.shape:
            raise ValueError(f"{name}: forecasts of shape {fmt_shape(values.shape)} for truth of shape {fmt_shape(truth.shape)}")
        rows.append((mae(truth, values), rmse(truth, values), mase(truth, values, y_train, season), name))
    width = max(len(r[3]) for r in rows)
    lines = [f"{'model':{width}s}  {'MAE ' + unit:>10s}  {'RMSE ' + unit:>10s}  {'MASE':>6s}"]
    lines += [f"{name:{width}s}  {a:10.3f}  {r:10.3f}  {m:6.3f}" for a, r, m, name in sorted(rows)]
    return "\n".join(lines)


def fill_forward(values):
    """Each missing value (NaN) replaced by the last value observed before it: only the past is used. (N,)"""
    values = np.asarray(values, dtype=float).ravel()  # (N,)
    seen = ~np.isnan(values)  # (N,)
    if not seen.any() or not seen[0]:
        raise ValueError("expected a first value that is not missing (nothing before it to fill from), got NaN")
    last = np.maximum.accumulate(np.where(seen, np.arange(len(values)), 0))  # (N,): index of the last observed value
    return values[last]  # (N,)


def seasonal_naive_drift(series, origins, season, horizon):
    """From origin o (last seen: series[o-1]): series[o+k-season] plus the last season's change series[o-1] - series[o-1-season].

    (origins, horizon), k = 0..horizon-1 (horizon <= season: every value used is before o).
    """
    series = np.asarray(series, dtype=float).ravel()  # (N,)
    season, horizon = check_positive_int(season, "season"), check_positive_int(horizon, "horizon")
    if horizon > season:
        raise ValueError(f"horizon must be at most the season ({season}), got {horizon}")
    origins = np.asarray(origins, dtype=int)  # (origins,)
    if origins.min() < season + 1 or origins.max() > len(series):
        raise ValueError(f"origins must lie in {season + 1}..{len(series)} (a season and one step of history)")
    drift = series[origins - 1] - series[origins - 1 - season]  # (origins,)
    return series[origins[:, None] - season + np.arange(horizon)] + drift[:, None]  # (origins, horizon)
