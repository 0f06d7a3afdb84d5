"""Lesson 03, shaping data: windows (samples, timesteps, features) with targets, batches per epoch, and the head whose
output matches the targets' shape."""
import math

import numpy as np

from ..data.windows import make_windows as ref_windows
from .compare import Mismatch, describe_value
from .item import Item, Mistake, line_mistake
from ..messages import msg
from .mutants.lstm import keys as mutant_keys

LESSON = "03_shaping_data"


def _window_cases(rng):
    yield dict(series=rng.normal(size=(12, 4)), timesteps=1, target_column=-1)  # the seed's A, B, C, D -> D
    yield dict(series=rng.normal(size=(12, 4)), timesteps=2, target_column=3)
    for features in (2, 3):
        n = int(rng.integers(9, 20))
        yield dict(series=rng.normal(size=(n, features)), timesteps=int(rng.integers(3, 6)),
                   target_column=int(rng.integers(0, features)))


def _pick(choices, m, default):
    """The value of the first key of `choices` among the mistakes `m`, else the default."""
    return next((value for key, value in choices.items() if key in m), default)


WINDOW_STEPS = {"target_inside": "target", "target_inside_all": "target", "one_short": "count", "one_too_many": "count",
                "whole_row": "target", "y_column": "target_shape", "no_overlap": "stride", "window_axis": "stack",
                "target_dropped": "features"}


def _windows(series, timesteps, target_column, mistake):
    """make_windows as a learner writes it, with one mistake or several (wrong on purpose, for diagnosis)."""
    m = mutant_keys(mistake)
    n = len(series)
    samples = _pick({"one_short": n - timesteps - 1, "one_too_many": n - timesteps + 1,
                     "target_inside_all": n - timesteps + 1}, m, n - timesteps)
    rows = np.delete(series, target_column, axis=1) if "target_dropped" in m else series  # (N, features)
    starts = range(0, samples, timesteps if "no_overlap" in m else 1)  # window j: rows j .. j+timesteps-1
    X = np.stack([rows[j:j + timesteps] for j in starts], axis=1 if "window_axis" in m else 0)
    y = _pick({
        "target_inside": lambda: series[timesteps - 1:-1, target_column],
        "target_inside_all": lambda: series[timesteps - 1:, target_column],
        "one_short": lambda: series[timesteps:-1, target_column],
        "whole_row": lambda: series[timesteps:],
        "y_column": lambda: series[timesteps:, [target_column]],
        "no_overlap": lambda: series[timesteps::timesteps, target_column],
    }, m, lambda: series[timesteps:, target_column])()
    return X, y


def _windows_line(series, timesteps, target_column, x_rows=None, y_start=None, width=0, x_target_only=False):
    """make_windows with one line changed: the window's width, where y starts, or X's columns."""
    n = len(series)
    samples = n - timesteps
    cols = series[:, target_column] if x_target_only else series  # (N,) or (N, features)
    X = np.stack([cols[j:j + timesteps + width] for j in range(samples)])
    y = series[timesteps if y_start is None else y_start(timesteps, samples):, target_column]
    return X, y[:samples] if y_start is not None else y


WINDOW_LINES = (  # key, the line as written, as it should be
    ("x_target_only", lambda **k: _windows_line(**k, x_target_only=True),
     "series[j:j + timesteps, target_column]", "series[j:j + timesteps]"),
    ("target_one_too_far", lambda **k: _windows_line(**k, y_start=lambda t, s: t + 1),
     "y = series[timesteps + 1:, target_column]", "y = series[timesteps:, target_column]"),
    ("window_one_too_wide", lambda **k: _windows_line(**k, width=1),
     "series[j:j + timesteps + 1]", "series[j:j + timesteps]"),
    ("target_column_one_based", lambda series, timesteps, target_column: _windows_line(
        series, timesteps, target_column - 1), "series[timesteps:, target_column - 1]", "series[timesteps:, target_column]"),
    ("target_window_start", lambda **k: _windows_line(**k, y_start=lambda t, s: 0),
     "y = series[:samples, target_column]", "y = series[timesteps:, target_column]"),
)


def _window_mistake(key):
    return Mistake(key, lambda **k: _windows(**k, mistake=key), variant=key, step=WINDOW_STEPS[key])


def _count_cases(rng):
    yield dict(samples=207, batch_size=32)  # 6 full batches and one of 15
    yield dict(samples=64, batch_size=32)  # divides exactly
    yield dict(samples=50, batch_size=32)  # the remainder is more than half a batch
    for _ in range(2):
        yield dict(samples=int(rng.integers(1, 2000)), batch_size=int(rng.choice([8, 16, 32, 64, 100])))


BATCH_COUNT_STEPS = {"floor_batches": "rounding", "rounded_batches": "rounding", "one_batch_too_many": "rounding",
                     "batches_swapped": "ratio"}


def _batches(samples, batch_size, mistake=None):
    """count_batches as a learner writes it, with one mistake or several (wrong on purpose, for diagnosis)."""
    m = mutant_keys(mistake)
    top, bottom = (batch_size, samples) if "batches_swapped" in m else (samples, batch_size)
    if "floor_batches" in m:
        return top // bottom
    if "rounded_batches" in m:
        return round(top / bottom)
    return top // bottom + 1 if "one_batch_too_many" in m else math.ceil(top / bottom)


CEIL = "math.ceil(samples / batch_size)"
BATCH_LINES = (  # atomic changes of the one line: a sign, an off-by-one, a default constant, the remainder
    ("ceil_sign_lost", lambda samples, batch_size: -samples // batch_size, "-samples // batch_size"),
    ("ceil_minus_one", lambda samples, batch_size: (samples - 1) // batch_size, "(samples - 1) // batch_size"),
    ("default_batch", lambda samples, batch_size: math.ceil(samples / 32), "math.ceil(samples / 32)"),
    ("validation_split", lambda samples, batch_size: math.ceil(int(samples * 0.8) / batch_size),
     "math.ceil(int(samples * 0.8) / batch_size)"),
    ("plus_remainder", lambda samples, batch_size: samples // batch_size + samples % batch_size,
     "samples // batch_size + samples % batch_size"),
    ("remainder_only", lambda samples, batch_size: samples % batch_size, "samples % batch_size"),
)

ITEMS = [
    Item("make_windows", LESSON, 2, ("series", "timesteps", "target_column"), _window_cases,
         lambda **k: ref_windows(**k), outputs=("X", "y"), axes={"X": ("window", "step", "feature"), "y": ("window",)},
         mistakes=tuple(_window_mistake(key) for key in (
             "target_inside", "target_inside_all", "one_short", "one_too_many", "whole_row", "y_column", "no_overlap",
             "window_axis", "target_dropped"))
         + tuple(line_mistake(key, compute, wrong, right, "lines") for key, compute, wrong, right in WINDOW_LINES),
         compose=lambda mistakes, **k: _windows(**k, mistake=mistakes)),
    Item("count_batches", LESSON, 1, ("samples", "batch_size"), _count_cases,
         lambda samples, batch_size: math.ceil(samples / batch_size), outputs=("batches",), kind="int", exact=True,
         mistakes=tuple(Mistake(key, lambda key=key, **k: _batches(**k, mistake=key), variant=key, step=BATCH_COUNT_STEPS[key])
                        for key in BATCH_COUNT_STEPS)
         + tuple(line_mistake(key, compute, wrong, CEIL, "rounding") for key, compute, wrong in BATCH_LINES),
         compose=lambda mistakes, **k: _batches(**k, mistake=mistakes)),
]


# --- match_targets: the model's output shape against the targets' (lesson 03, section 4's rule) -------------------

def _target_cases(rng):
    """X (samples, timesteps, features) with targets y of each kind: k numbers per sample (samples, k), one per step
    (samples, timesteps, 1), make_windows' (samples,), k per step (samples, timesteps, k), one per sample (samples, 1).
    samples, timesteps, features and k all differ, so no axis's size can stand in for another's."""
    yield dict(X=rng.normal(size=(6, 4, 4)), y=rng.normal(size=(6, 7)))  # seed 004: 4 steps of A, B, C, D; 7 targets
    while True:
        samples, timesteps, features, k = (int(v) for v in rng.integers([5, 2, 1, 2], [9, 7, 6, 6]))
        if len({samples, timesteps, features, k}) == 4:
            break
    for shape in ((samples, timesteps, 1), (samples,), (samples, timesteps, k), (samples, 1)):
        yield dict(X=rng.normal(size=(samples, timesteps, features)), y=rng.normal(size=shape))


def _head(sequences, units):
    """(return_sequences, units) as the answer array: (2,), the flag as 0 or 1."""
    return np.array([float(sequences), float(units)])  # (2,)


def _targets_ref(X, y):
    """The head whose output the shape engine finds equal to y's shape, batch aside (Keras reads a 1-D y as (samples, 1))."""
    from ..shapes.specs import LSTM, Dense
    from ..shapes.stack import Stack
    want = (None, *y.shape[1:]) if y.ndim > 1 else (None, 1)
    for sequences in (False, True):
        rows = Stack(input_shape=X.shape[1:], layers=[LSTM(8, return_sequences=sequences), Dense(want[-1])]).summary()
        if tuple(rows[-1].output_shape) == want:
            return _head(sequences, want[-1])
    raise ValueError(f"no LSTM + Dense head gives the targets' shape {y.shape}")  # not learner-facing: a bad case


TARGET_STEPS = {"targets_sequences_kept": "sequences", "targets_no_sequences": "sequences",
                "targets_2d_as_steps": "sequences", "targets_units_one": "units", "targets_units_features": "units",
                "targets_units_axis1": "units", "targets_units_last_axis": "units", "targets_units_flat": "units",
                "targets_units_timesteps": "units"}


def _targets_wrong(X, y, mistake):
    """The head as a learner chooses it, with one mistake or two (wrong on purpose, for diagnosis)."""
    m = mutant_keys(mistake)
    sequences = _pick({"targets_sequences_kept": True, "targets_no_sequences": False,
                       "targets_2d_as_steps": y.ndim >= 2}, m, y.ndim == 3)
    units = _pick({"targets_units_one": 1, "targets_units_features": X.shape[-1],
                   "targets_units_axis1": y.shape[1] if y.ndim > 1 else 1, "targets_units_last_axis": y.shape[-1],
                   "targets_units_flat": y[0].size, "targets_units_timesteps": X.shape[1]},
                  m, y.shape[-1] if y.ndim > 1 else 1)
    return _head(sequences, units)


def _targets_normalize(tree, case):
    """The learner returns (return_sequences, units): a bool (or 0/1) and an int of at least 1."""
    parts = [np.asarray(p) for p in tree] if isinstance(tree, np.ndarray) and tree.ndim == 1 else tree  # (True, 7)
    if not isinstance(parts, list) or len(parts) != 2 or any(
            not isinstance(p, np.ndarray) or p.ndim != 0 for p in parts):
        raise Mismatch("head_pair", "dict_for_tuple" if isinstance(tree, dict) else None, received=describe_value(tree))
    flag, units = (np.asarray(p) for p in parts)
    if flag not in (0, 1):
        swapped = units in (0, 1) and flag.dtype.kind in "iu" and flag >= 1
        raise Mismatch("head_flag", "head_swapped" if swapped else None, received=describe_value(flag))
    if units < 1:  # first: a bool False arrives as 0.0 (encode.py carries bools as floats), and is no float mistake
        raise Mismatch("head_units", received=describe_value(units))
    if units.dtype.kind not in "iu":
        raise Mismatch("head_units", "float_for_int", received=describe_value(units))
    return [_head(bool(flag), int(units))]


def _targets_explain(expected, received, case, reveal):
    """(problem, where): the output the learner's head gives, beside the targets' shape."""
    sequences, units = bool(received[0][0]), int(received[0][1])
    timesteps = case["X"].shape[1]
    output = f"(None, {timesteps}, {units})" if sequences else f"(None, {units})"
    return (msg("problem.head_mismatch", sequences=sequences, units=units, output=output, y=tuple(case["y"].shape)),
            msg("where.head", sequences=sequences, units=units))


ITEMS.append(
    Item("match_targets", LESSON, 2, ("X", "y"), _target_cases, _targets_ref, outputs=("answer",), exact=True,
         normalize=_targets_normalize, explain=_targets_explain,
         mistakes=tuple(Mistake(key, lambda key=key, **k: _targets_wrong(**k, mistake=key), variant=key,
                                step=TARGET_STEPS[key]) for key in TARGET_STEPS),
         compose=lambda mistakes, **k: _targets_wrong(**k, mistake=mistakes)))
