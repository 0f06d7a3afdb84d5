"""Lesson 10, forecasting: split by time, scale with the training part only, persistence, MASE."""
import math

import numpy as np

from ..data.forecast import mase as ref_mase
from ..data.forecast import persistence_forecast as ref_persistence
from ..data.forecast import scale_train_only as ref_scale
from ..data.forecast import time_split as ref_split
from .item import Item, Mistake, line_mistake
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


SPLIT_STEPS = {"split_val_from_end": "parts", "split_overlap": "parts", "split_test_with_val": "parts",
               "split_reversed": "parts", "split_rounded": "sizes"}


def _split(series, train_fraction, val_fraction, mistake=None):
    """time_split as a learner writes it, with one mistake or several (wrong on purpose, for diagnosis): the
    validation part from the very end, starting one step early, the test part holding the validation rows, or sizes
    rounded instead of floored, or the parts taken from the wrong end (time reversed)."""
    m = mutant_keys(mistake)
    n_train, n_val = _sizes(series, train_fraction, val_fraction, round if "split_rounded" in m else int)
    n = len(series)
    if "split_reversed" in m:  # the past at the end: test from the start, training from the end
        return series[n - n_train:], series[n - n_train - n_val:n - n_train], series[:n - n_train - n_val]
    if "split_val_from_end" in m:
        return series[:n_train], series[len(series) - n_val:], series[n_train:len(series) - n_val]
    if "split_overlap" in m:
        return series[:n_train], series[n_train - 1:n_train + n_val - 1], series[n_train + n_val:]
    test = series[n_train:] if "split_test_with_val" in m else series[n_train + n_val:]
    return series[:n_train], series[n_train:n_train + n_val], test


def _row_indices(tree, case):
    """The answer's three parts as the series' row numbers they hold (None if a row is not the series' own)."""
    parts = [np.asarray(p, dtype=np.float64) for p in tree]
    if len(parts) != 3:
        return None
    series = np.asarray(case["series"], dtype=np.float64)  # (n, ...)
    where = {np.atleast_1d(row).tobytes(): t for t, row in enumerate(series)}
    found = [[where.get(np.atleast_1d(row).tobytes()) for row in part] for part in parts]
    return None if any(t is None for part in found for t in part) else [np.array(part, dtype=int) for part in found]


def _reference_indices(case):
    """The row numbers of the right train, validation and test parts."""
    n_train, n_val = _sizes(case["series"], case["train_fraction"], case["val_fraction"])
    n = len(case["series"])
    return np.arange(n_train), np.arange(n_train, n_train + n_val), np.arange(n_train + n_val, n)


def _out_of_order(parts):
    return any(np.any(np.diff(part) <= 0) for part in parts)


def _shuffled(tree, case):
    """Parts of the right sizes that hold every row once, each part's rows out of time order and from any time: the
    series was shuffled first."""
    found, expected = _row_indices(tree, case), _reference_indices(case)
    if found is None or [len(p) for p in found] != [len(e) for e in expected]:
        return False
    rows = np.concatenate(found)  # (n,) row numbers in the answer's order
    mixed = any(set(p.tolist()) != set(e.tolist()) for p, e in zip(found, expected))
    return sorted(rows.tolist()) == list(range(len(rows))) and mixed and _out_of_order(found)


def _part_shuffled(tree, case):
    """Each part holds its own rows, but one or more out of time order: a part was shuffled after the split."""
    found, expected = _row_indices(tree, case), _reference_indices(case)
    if found is None or len(found) != len(expected):
        return False
    same = all(len(p) == len(e) and set(p.tolist()) == set(e.tolist()) for p, e in zip(found, expected))
    return same and _out_of_order(found)


def _parts(series, n_train, val_start, val_end, train_end=None):
    """train, validation and test cut at the given rows (the test part from the validation's end)."""
    return series[:n_train if train_end is None else train_end], series[val_start:val_end], series[val_end:]


def _n(series, fraction):
    return int(len(series) * fraction)


SPLIT_LINES = (  # key, the parts as cut, the line as written, as it should be
    ("split_ceil", lambda series, train_fraction, val_fraction: _parts(
        series, math.ceil(len(series) * train_fraction), math.ceil(len(series) * train_fraction),
        math.ceil(len(series) * train_fraction) + math.ceil(len(series) * val_fraction)),
     "int(np.ceil(n * fraction))", "int(n * fraction)", "sizes"),
    ("split_val_of_rest", lambda series, train_fraction, val_fraction: _parts(
        series, _n(series, train_fraction), _n(series, train_fraction),
        _n(series, train_fraction) + int((len(series) - _n(series, train_fraction)) * val_fraction)),
     "n_val = int((n - n_train) * val_fraction)", "n_val = int(n * val_fraction)", "sizes"),
    ("split_val_of_train", lambda series, train_fraction, val_fraction: _parts(
        series, _n(series, train_fraction), _n(series, train_fraction),
        _n(series, train_fraction) + int(_n(series, train_fraction) * val_fraction)),
     "n_val = int(n_train * val_fraction)", "n_val = int(n * val_fraction)", "sizes"),
    ("split_val_floored_once", lambda series, train_fraction, val_fraction: _parts(
        series, _n(series, train_fraction), _n(series, train_fraction), _n(series, train_fraction + val_fraction)),
     "n_val = int(n * (train_fraction + val_fraction)) - n_train", "n_val = int(n * val_fraction)", "sizes"),
    ("split_val_end_is_size", lambda series, train_fraction, val_fraction: (
        series[:_n(series, train_fraction)], series[_n(series, train_fraction):_n(series, val_fraction)],
        series[_n(series, train_fraction) + _n(series, val_fraction):]),
     "val = series[n_train:n_val]", "val = series[n_train:n_train + n_val]", "parts"),
    ("split_train_one_long", lambda series, train_fraction, val_fraction: _parts(
        series, _n(series, train_fraction), _n(series, train_fraction),
        _n(series, train_fraction) + _n(series, val_fraction), _n(series, train_fraction) + 1),
     "train = series[:n_train + 1]", "train = series[:n_train]", "parts"),
    ("split_val_to_end", lambda series, train_fraction, val_fraction: (
        series[:_n(series, train_fraction)], series[_n(series, train_fraction):],
        series[_n(series, train_fraction) + _n(series, val_fraction):]),
     "val = series[n_train:]", "val = series[n_train:n_train + n_val]", "parts"),
    ("split_size_not_len", lambda **k: _size_split(**k),
     "n = series.size", "n = len(series)", "sizes"),
)


def _size_split(series, train_fraction, val_fraction):
    """time_split with n counted as series.size (every number, not the rows)."""
    n = series.size
    n_train, n_val = int(n * train_fraction), int(n * val_fraction)
    return series[:n_train], series[n_train:n_train + n_val], series[n_train + n_val:]


SCALE_RIGHT = "(part - train.mean(axis=0)) / train.std(axis=0)"
SCALE_LINES = (
    ("scale_min_max", lambda train, val, test: _scaled_with(train.min(axis=0), train.max(axis=0) - train.min(axis=0),
                                                            train, val, test),
     "(part - train.min(axis=0)) / (train.max(axis=0) - train.min(axis=0))", "std"),
    ("scale_by_var", lambda train, val, test: _scaled_with(train.mean(axis=0), train.var(axis=0), train, val, test),
     "(part - train.mean(axis=0)) / train.var(axis=0)", "std"),
    ("scale_not_centred", lambda train, val, test: _scaled_with(0.0, train.std(axis=0), train, val, test),
     "part / train.std(axis=0)", "fit"),
    ("scale_times_std", lambda train, val, test: tuple((part - train.mean(axis=0)) * train.std(axis=0)
                                                      for part in (train, val, test)),
     "(part - train.mean(axis=0)) * train.std(axis=0)", "std"),
    ("scale_one_std", lambda train, val, test: _scaled_with(train.mean(axis=0), train.std(), train, val, test),
     "(part - train.mean(axis=0)) / train.std()", "axis"),
    ("scale_test_own", lambda train, val, test: (
        *_scaled_with(train.mean(axis=0), train.std(axis=0), train, val, test)[:2],
        (test - test.mean(axis=0)) / test.std(axis=0)),
     "(test - test.mean(axis=0)) / test.std(axis=0)", "fit"),
)

PERSIST_RIGHT = "np.repeat(windows[:, -1][:, None], horizon, axis=1)"
PERSIST_LINES = (
    ("persist_last_window", lambda windows, horizon: np.repeat(windows[-1][:, None], horizon, axis=1),
     "np.repeat(windows[-1][:, None], horizon, axis=1)", "value"),
    ("persist_repeat_axis0", lambda windows, horizon: np.repeat(windows[:, -1][:, None], horizon, axis=0),
     "np.repeat(windows[:, -1][:, None], horizon, axis=0)", "repeat"),
    ("persist_horizon_plus_one", lambda windows, horizon: np.repeat(windows[:, -1][:, None], horizon + 1, axis=1),
     "np.repeat(windows[:, -1][:, None], horizon + 1, axis=1)", "repeat"),
    ("persist_seasonal", lambda windows, horizon: windows[:, -horizon:], "windows[:, -horizon:]", "value"),
    ("persist_one_value", lambda windows, horizon: np.full((len(windows), horizon), windows[-1, -1]),
     "np.full((len(windows), horizon), windows[-1, -1])", "value"),
    ("persist_reshape_mixed", lambda windows, horizon: np.repeat(windows[:, -1], horizon).reshape(horizon, -1).T,
     "np.repeat(windows[:, -1], horizon).reshape(horizon, -1).T", "repeat"),
    ("persist_drift", lambda windows, horizon: _repeat(2 * windows[:, -1] - windows[:, -2], horizon),
     "windows[:, -1] + (windows[:, -1] - windows[:, -2])", "value"),
)


def _scale_cases(rng):
    for n, features in ((60, 1), (40, 3), (int(rng.integers(20, 80)), int(rng.integers(1, 4)))):
        train, val, test = ref_split(_trend(rng, n, features), 0.6, 0.2)
        yield dict(train=train, val=val, test=test)


def _scaled_with(mean, std, train, val, test):
    return tuple((part - mean) / std for part in (train, val, test))


SCALE_STEPS = {"scale_leak_all": "fit", "scale_own_stats": "fit", "scale_fit_train_val": "fit", "scale_ddof1": "std",
               "scale_one_stat": "axis"}


def _scale(train, val, test, mistake=None):
    """scale_train_only as a learner writes it, with one mistake or several (wrong on purpose, for diagnosis)."""
    m = mutant_keys(mistake)
    axis, ddof = (None if "scale_one_stat" in m else 0), (1 if "scale_ddof1" in m else 0)
    if "scale_own_stats" in m:
        return tuple((part - part.mean(axis=axis)) / part.std(axis=axis, ddof=ddof) for part in (train, val, test))
    fit = np.concatenate([train, val, test]) if "scale_leak_all" in m else (
        np.concatenate([train, val]) if "scale_fit_train_val" in m else train)  # (n, features)
    return _scaled_with(fit.mean(axis=axis), fit.std(axis=axis, ddof=ddof), train, val, test)


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


MASE_STEPS = {"mase_test_scale": "naive_data", "mase_no_season": "naive_lag", "mase_unscaled": "scale",
              "mase_squared": "error", "mase_inverted": "ratio", "mase_n_not_n_minus_season": "naive_mean"}
MASE_TEXT = "np.mean(np.abs(y_true - y_pred))", "np.mean(np.abs(y_train[season:] - y_train[:-season]))"
MASE_LINES = {  # generated names: the line as written and as it should be, on the step it changes
    "mase_error_sum": ("error_reduce", "np.sum(np.abs(y_true - y_pred))", MASE_TEXT[0]),
    "mase_error_median": ("error_reduce", "np.median(np.abs(y_true - y_pred))", MASE_TEXT[0]),
    "mase_rmse": ("error_reduce", "np.sqrt(np.mean((y_true - y_pred) ** 2))", MASE_TEXT[0]),
    "mase_naive_signed": ("naive_abs", "np.mean(y_train[season:] - y_train[:-season])", MASE_TEXT[1]),
    "mase_naive_values": ("naive_abs", "np.mean(np.abs(y_train))", MASE_TEXT[1]),
}


def _mase(y_true, y_pred, y_train, season, mistake=None):
    """MASE as a learner writes it, with one mistake or several (wrong on purpose, for diagnosis)."""
    m = mutant_keys(mistake)
    error = (y_true - y_pred) ** 2 if "mase_squared" in m else np.abs(y_true - y_pred)  # (n_test,)
    if "mase_error_sum" in m or "mase_error_median" in m:  # the errors reduced otherwise than by their mean
        error = np.full_like(error, np.sum(error) if "mase_error_sum" in m else np.median(error))
    if "mase_rmse" in m:
        error = np.full_like(error, np.sqrt(np.mean((y_true - y_pred) ** 2)))
    values, lag = (y_true if "mase_test_scale" in m else y_train), (1 if "mase_no_season" in m else season)
    diffs = values[lag:] - values[:-lag]  # (n - lag,)
    naive = diffs ** 2 if "mase_squared" in m else diffs if "mase_naive_signed" in m else np.abs(diffs)  # (n - lag,)
    if "mase_naive_values" in m:
        naive = np.abs(values)  # (n,) the values, not their differences
    scale = 1.0 if "mase_unscaled" in m else (
        np.sum(naive) / len(values) if "mase_n_not_n_minus_season" in m else np.mean(naive))
    return scale / np.mean(error) if "mase_inverted" in m else np.mean(error) / scale


ITEMS = [
    Item("time_split", LESSON, 2, ("series", "train_fraction", "val_fraction"), _split_cases,
         lambda **k: ref_split(**k), outputs=("train", "val", "test"),
         mistakes=tuple(Mistake(key, lambda key=key, **k: _split(**k, mistake=key), variant=key, step=SPLIT_STEPS[key])
                        for key in ("split_val_from_end", "split_overlap", "split_rounded", "split_test_with_val",
                                    "split_reversed"))
         + tuple(line_mistake(key, compute, wrong, right, step) for key, compute, wrong, right, step in SPLIT_LINES)
         + (Mistake("split_shuffled", None, fits=_shuffled), Mistake("split_part_shuffled", None, fits=_part_shuffled)),
         compose=lambda mistakes, **k: _split(**k, mistake=mistakes)),
    Item("scale_train_only", LESSON, 2, ("train", "val", "test"), _scale_cases,
         lambda **k: ref_scale(**k), outputs=("train_scaled", "val_scaled", "test_scaled"),
         mistakes=tuple(Mistake(key, lambda key=key, **k: _scale(**k, mistake=key), variant=key, step=SCALE_STEPS[key])
                        for key in ("scale_leak_all", "scale_own_stats", "scale_fit_train_val", "scale_ddof1",
                                    "scale_one_stat"))
         + tuple(line_mistake(key, compute, wrong, SCALE_RIGHT, step) for key, compute, wrong, step in SCALE_LINES),
         compose=lambda mistakes, **k: _scale(**k, mistake=mistakes)),
    Item("persistence_forecast", LESSON, 1, ("windows", "horizon"), _persistence_cases,
         lambda **k: ref_persistence(**k), outputs=("forecast",),
         mistakes=tuple(Mistake(key, lambda key=key, **k: _persist(**k, mistake=key), variant=key,
                                step=PERSIST_STEPS[key]) for key in PERSIST_STEPS)
         + tuple(line_mistake(key, compute, wrong, PERSIST_RIGHT, step) for key, compute, wrong, step in PERSIST_LINES),
         compose=lambda mistakes, **k: _persist(**k, mistake=mistakes)),
    Item("mase", LESSON, 2, ("y_true", "y_pred", "y_train", "season"), _mase_cases,
         lambda **k: ref_mase(**k), outputs=("mase",),
         mistakes=tuple(Mistake(key, lambda key=key, **k: _mase(**k, mistake=key), variant=key, step=MASE_STEPS[key])
                        for key in MASE_STEPS)
         + tuple(Mistake(key, lambda key=key, **k: _mase(**k, mistake=key), variant=key, kind="line", step=step,
                         code={"wrong": wrong, "right": right}) for key, (step, wrong, right) in MASE_LINES.items()),
         compose=lambda mistakes, **k: _mase(**k, mistake=mistakes)),
]
