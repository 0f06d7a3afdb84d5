"""Lesson 03, shaping data: windows (samples, timesteps, features) with targets, and batches per epoch."""
import math

from ..data.windows import make_windows as ref_windows
from .item import Item, Mistake

LESSON = "03_shaping_data"


def _window_cases(rng):
    yield dict(series=rng.normal(size=(12, 4)), timesteps=1, target_column=-1)  # the seed's A, B, C, D -> D
    yield dict(series=rng.normal(size=(12, 4)), timesteps=2, target_column=3)
    for _ in range(2):
        n, features = int(rng.integers(8, 20)), int(rng.integers(1, 5))
        yield dict(series=rng.normal(size=(n, features)), timesteps=int(rng.integers(2, 6)),
                   target_column=int(rng.integers(0, features)))


def _target_inside(series, timesteps, target_column):
    """Off by one: the target is the window's own last row, not the next one."""
    x, _ = ref_windows(series, timesteps, target_column)  # (samples, timesteps, features)
    return x, series[timesteps - 1:-1, target_column]  # (samples,)


def _one_short(series, timesteps, target_column):
    """Off by one: the last window is missing."""
    x, y = ref_windows(series, timesteps, target_column)
    return x[:-1], y[:-1]


def _count_cases(rng):
    yield dict(samples=207, batch_size=32)  # 6 full batches and one of 15
    yield dict(samples=64, batch_size=32)
    for _ in range(3):
        yield dict(samples=int(rng.integers(1, 2000)), batch_size=int(rng.choice([8, 16, 32, 64, 100])))


ITEMS = [
    Item("make_windows", LESSON, 2, "Windows with targets", ("series", "timesteps", "target_column"), _window_cases,
         lambda **k: ref_windows(**k), outputs=("X", "y"),
         mistakes=(
             Mistake("off-by-one window (the target is inside the window)", _target_inside,
                     "sample j sees rows j .. j+timesteps-1 and predicts row j+timesteps: y = series[timesteps:, target_column]."),
             Mistake("off-by-one window (one window too few)", _one_short,
                     "a series of N rows gives N - timesteps windows: the last one ends at row N-2 and predicts row N-1."),
             Mistake("the whole row as target", lambda series, timesteps, target_column:
                     (ref_windows(series, timesteps)[0], series[timesteps:]),
                     "y holds one column, series[timesteps:, target_column]: shape (samples,)."),
         ),
         meaning="X is (samples, timesteps, features) and y[j] is the row right after window j."),
    Item("count_batches", LESSON, 1, "Batches per epoch", ("samples", "batch_size"), _count_cases,
         lambda samples, batch_size: math.ceil(samples / batch_size), outputs=("batches",), exact=True,
         mistakes=(
             Mistake("the last, smaller batch forgotten", lambda samples, batch_size: samples // batch_size,
                     "Keras keeps the remainder as one smaller batch: ceil(samples / batch_size)."),
         ),
         meaning="fit() runs ceil(samples / batch_size) steps per epoch; the last batch may be smaller."),
]
