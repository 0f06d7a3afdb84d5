"""Lesson 10, forecasting: split by time, scale with the training part only, persistence, MASE."""
import numpy as np

from ..data.forecast import mase as ref_mase
from ..data.forecast import persistence_forecast as ref_persistence
from ..data.forecast import scale_train_only as ref_scale
from ..data.forecast import time_split as ref_split
from .item import Item, Mistake
from .mutants.lstm import keys as mutant_keys

LESSON = "10_forecasting"
FRACTIONS = ((0.7, 0.15), (0.6, 0.2), (0.8, 0.1), (0.5, 0.25))


def _trend(rng, n, features=None):
    """A random walk with drift: later values sit higher, so statistics of the future differ from the past's."""
    shape = (n,) if features is None else (n, features)
    return np.cumsum(rng.normal(0.3, 1.0, shape), axis=0) + rng.normal(0, 5)


def _split_cases(rng):
    yield dict(series=_trend(rng, 526), train_fraction=0.7, val_fraction=0.15)  # lesson 10's monthly CO2 sizes
    yield dict(series=_trend(rng, 37, 2), train_fraction=0.7, val_fraction=0.15)  # 25.9 and 5.55: floor != round
    for _ in range(3):
        train_fraction, val_fraction = FRACTIONS[int(rng.integers(len(FRACTIONS)))]
        yield dict(series=_trend(rng, int(rng.integers(20, 200))), train_fraction=train_fraction, val_fraction=val_fraction)


def _sizes(series, train_fraction, val_fraction, rounding=int):
    n = len(series)
    return rounding(n * train_fraction), rounding(n * val_fraction)


def _val_from_end(series, train_fraction, val_fraction):
    """The validation part taken from the very end, the test part in between."""
    n_train, n_val = _sizes(series, train_fraction, val_fraction)
    return series[:n_train], series[len(series) - n_val:], series[n_train:len(series) - n_val]


def _overlap(series, train_fraction, val_fraction):
    """Validation starts one step early: its first row is the training part's last."""
    n_train, n_val = _sizes(series, train_fraction, val_fraction)
    return series[:n_train], series[n_train - 1:n_train + n_val - 1], series[n_train + n_val:]


def _rounded(series, train_fraction, val_fraction):
    """Sizes rounded to the nearest integer instead of floored."""
    n_train, n_val = _sizes(series, train_fraction, val_fraction, round)
    return series[:n_train], series[n_train:n_train + n_val], series[n_train + n_val:]


def _test_with_val(series, train_fraction, val_fraction):
    """The test part starts where training ends: it holds the validation rows too."""
    n_train, n_val = _sizes(series, train_fraction, val_fraction)
    return series[:n_train], series[n_train:n_train + n_val], series[n_train:]


def _shuffled(tree, case):
    """Parts of the right sizes that hold every row once, but not in time order: the series was shuffled first."""
    parts = [np.asarray(p, dtype=np.float64) for p in tree]
    expected = ref_split(**case)
    if len(parts) != 3 or any(p.shape != e.shape for p, e in zip(parts, expected)):
        return False
    rows = np.concatenate(parts)  # (n, ...) in the answer's order
    series = np.asarray(case["series"], dtype=np.float64)[:len(rows)]
    same_rows = np.allclose(np.sort(rows, axis=0), np.sort(series, axis=0))
    return same_rows and not np.allclose(rows, series)


def _scale_cases(rng):
    for n, features in ((60, 1), (40, 3), (int(rng.integers(20, 80)), int(rng.integers(1, 4)))):
        train, val, test = ref_split(_trend(rng, n, features), 0.6, 0.2)
        yield dict(train=train, val=val, test=test)


def _scaled_with(mean, std, train, val, test):
    return tuple((part - mean) / std for part in (train, val, test))


def _leak_all(train, val, test):
    """Mean and std of the three parts together."""
    everything = np.concatenate([train, val, test])  # (n, features)
    return _scaled_with(everything.mean(axis=0), everything.std(axis=0), train, val, test)


def _fit_train_val(train, val, test):
    """Mean and std of the training and validation parts together."""
    seen = np.concatenate([train, val])  # (n_train + n_val, features)
    return _scaled_with(seen.mean(axis=0), seen.std(axis=0), train, val, test)


def _own_stats(train, val, test):
    """Each part scaled with its own mean and std."""
    return tuple((part - part.mean(axis=0)) / part.std(axis=0) for part in (train, val, test))


def _persistence_cases(rng):
    yield dict(windows=rng.normal(size=(4, 24)), horizon=1)
    for _ in range(3):
        yield dict(windows=rng.normal(size=(int(rng.integers(1, 8)), int(rng.integers(2, 30)))), horizon=int(rng.integers(2, 13)))


PERSIST_STEPS = {"persist_first": "value", "persist_mean": "value", "persist_second_last": "value",
                 "persist_one_step": "repeat", "persist_wrong_axis": "repeat"}


def _persist(windows, horizon, mistake=None):
    """The persistence forecast as a learner writes it, with one mistake or several (wrong on purpose)."""
    m = mutant_keys(mistake)
    last = windows[:, 0] if "persist_first" in m else windows.mean(axis=1) if "persist_mean" in m else (
        windows[:, -2] if "persist_second_last" in m else windows[:, -1])  # (samples,)
    if "persist_one_step" in m:
        return last[:, None]  # (samples, 1)
    if "persist_wrong_axis" in m:
        return np.repeat(last[None, :], horizon, axis=0)  # (horizon, samples)
    return _repeat(last, horizon)


def _repeat(values, horizon):
    return np.repeat(values[:, None], horizon, axis=1)  # (samples, horizon)


def _mase_cases(rng):
    for season, n_train, n_test in ((12, 120, 24), (4, 40, 9), (int(rng.integers(2, 8)), int(rng.integers(30, 90)), int(rng.integers(16, 30)))):
        wave = np.sin(2 * np.pi * np.arange(n_train + n_test) / season)  # (n_train + n_test,)
        series = 3 * wave + _trend(rng, n_train + n_test)  # (n_train + n_test,)
        y_true = series[n_train:]  # (n_test,)
        yield dict(y_true=y_true, y_pred=y_true + rng.normal(0, 1, n_test), y_train=series[:n_train], season=season)


def _naive_mae(values, season):
    return np.mean(np.abs(values[season:] - values[:-season]))


ITEMS = [
    Item("time_split", LESSON, 2, ("series", "train_fraction", "val_fraction"), _split_cases,
         lambda **k: ref_split(**k), outputs=("train", "val", "test"),
         mistakes=(Mistake("split_val_from_end", _val_from_end), Mistake("split_overlap", _overlap),
                   Mistake("split_rounded", _rounded), Mistake("split_test_with_val", _test_with_val),
                   Mistake("split_shuffled", None, fits=_shuffled))),
    Item("scale_train_only", LESSON, 2, ("train", "val", "test"), _scale_cases,
         lambda **k: ref_scale(**k), outputs=("train_scaled", "val_scaled", "test_scaled"),
         mistakes=(
             Mistake("scale_leak_all", _leak_all),
             Mistake("scale_own_stats", _own_stats),
             Mistake("scale_fit_train_val", _fit_train_val),
             Mistake("scale_ddof1", lambda train, val, test: _scaled_with(
                 train.mean(axis=0), train.std(axis=0, ddof=1), train, val, test)),
             Mistake("scale_one_stat", lambda train, val, test: _scaled_with(train.mean(), train.std(), train, val, test)),
         )),
    Item("persistence_forecast", LESSON, 1, ("windows", "horizon"), _persistence_cases,
         lambda **k: ref_persistence(**k), outputs=("forecast",),
         mistakes=tuple(Mistake(key, lambda key=key, **k: _persist(**k, mistake=key), variant=key,
                                step=PERSIST_STEPS[key]) for key in PERSIST_STEPS),
         compose=lambda mistakes, **k: _persist(**k, mistake=mistakes)),
    Item("mase", LESSON, 2, ("y_true", "y_pred", "y_train", "season"), _mase_cases,
         lambda **k: ref_mase(**k), outputs=("mase",),
         mistakes=(
             Mistake("mase_test_scale",
                     lambda y_true, y_pred, y_train, season: np.mean(np.abs(y_true - y_pred)) / _naive_mae(y_true, season)),
             Mistake("mase_no_season",
                     lambda y_true, y_pred, y_train, season: np.mean(np.abs(y_true - y_pred)) / _naive_mae(y_train, 1)),
             Mistake("mase_unscaled", lambda y_true, y_pred, y_train, season: np.mean(np.abs(y_true - y_pred))),
             Mistake("mase_inverted",
                     lambda y_true, y_pred, y_train, season: _naive_mae(y_train, season) / np.mean(np.abs(y_true - y_pred))),
             Mistake("mase_n_not_n_minus_season",
                     lambda y_true, y_pred, y_train, season: np.mean(np.abs(y_true - y_pred)) / (
                         np.sum(np.abs(y_train[season:] - y_train[:-season])) / len(y_train))),
             Mistake("mase_squared",
                     lambda y_true, y_pred, y_train, season: np.mean((y_true - y_pred) ** 2) / np.mean(
                         (y_train[season:] - y_train[:-season]) ** 2)),
         )),
]
