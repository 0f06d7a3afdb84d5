"""Wall-clock timing for the lessons' measured plots (this machine's numbers, never asserted in tests)."""
import time

import numpy as np

from ..reference.layer import lstm_layer
from ..reference.validate import check_positive_int


def time_call(fn, *, repeat=5, clock=time.perf_counter):
    """Call fn() `repeat` times; return the fastest wall-clock time in seconds."""
    repeat = check_positive_int(repeat, "repeat")
    best = float("inf")
    for _ in range(repeat):
        start = clock()
        fn()
        best = min(best, clock() - start)
    return best


def lstm_time_vs_timesteps(timesteps, *, batch=32, features=8, units=32, repeat=5, seed=0, clock=time.perf_counter):
    """Time the NumPy lstm_layer forward pass for each timesteps value; return [(timesteps, seconds)]."""
    rng = np.random.default_rng(seed)
    kernel = rng.normal(0, 0.3, (features, 4 * units))  # (features, 4*units)
    recurrent_kernel = rng.normal(0, 0.3, (units, 4 * units))  # (units, 4*units)
    bias = np.zeros(4 * units)  # (4*units,)
    rows = []
    for steps in timesteps:
        steps = check_positive_int(steps, "timesteps")
        x = rng.normal(size=(batch, steps, features))  # (batch, timesteps, features)
        seconds = time_call(lambda: lstm_layer(x, kernel, recurrent_kernel, bias), repeat=repeat, clock=clock)
        rows.append((steps, seconds))
    return rows
