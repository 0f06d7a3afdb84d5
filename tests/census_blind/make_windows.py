"""Blind wrong attempts at make_windows."""
from . import BlindAttempt as A

S = "samples = len(series) - timesteps"
WIN = "series[j:j + timesteps] for j in range(samples)"
X = "X = np.stack([series[j:j + timesteps] for j in range(samples)])"
Y = "y = series[timesteps:, target_column]"

ATTEMPTS = [
    A("make_windows", "target is the window's own last row instead of the row after it", [(Y, "y = series[timesteps - 1:-1, target_column]")], 1),
    A("make_windows", "one window too many (N - timesteps + 1, the sliding-window count), so X and y disagree in length",
      [(S, "samples = len(series) - timesteps + 1")], 1),
    A("make_windows", "y keeps every feature instead of the target column", [(Y, "y = series[timesteps:]")], 1),
    A("make_windows", "X holds only the target column (samples, timesteps) instead of every feature",
      [(WIN, "series[j:j + timesteps, target_column] for j in range(samples)")], 1),
    A("make_windows", "target column dropped from X (to 'avoid leakage')",
      [(WIN, "np.delete(series[j:j + timesteps], target_column, axis=1) for j in range(samples)")], 1),
    A("make_windows", "non-overlapping windows (stride timesteps) instead of sliding by one",
      [("for j in range(samples)", "for j in range(0, samples, timesteps)"), (Y, "y = series[timesteps::timesteps, target_column]")], 1),
    A("make_windows", "target one step too far ahead (row j + timesteps + 1)", [(Y, "y = series[timesteps + 1:, target_column]")], 1),
    A("make_windows", "window includes the target row: timesteps + 1 rows", [(WIN, "series[j:j + timesteps + 1] for j in range(samples)")], 1),
    A("make_windows", "each window transposed: X is (samples, features, timesteps)", [(WIN, "series[j:j + timesteps].T for j in range(samples)")], 1),
    A("make_windows", "windows stacked on axis 1: X is (timesteps, samples, features)", [(X, "X = np.stack([series[j:j + timesteps] for j in range(samples)], axis=1)")], 1),
    A("make_windows", "target column treated as 1-based (target_column - 1)", [(Y, "y = series[timesteps:, target_column - 1]")], 1),
    A("make_windows", "y taken from the first row of each window", [(Y, "y = series[:samples, target_column]")], 1),
    # compounds
    A("make_windows", "one window too many, and y is the window's own last row",
      [(S, "samples = len(series) - timesteps + 1"), (Y, "y = series[timesteps - 1:, target_column]")], 2),
    A("make_windows", "windows transposed (samples, features, timesteps), and y keeps every feature",
      [(WIN, "series[j:j + timesteps].T for j in range(samples)"), (Y, "y = series[timesteps:]")], 2),
    A("make_windows", "target column dropped from X, and y one step too far ahead",
      [(WIN, "np.delete(series[j:j + timesteps], target_column, axis=1) for j in range(samples)"), (Y, "y = series[timesteps + 1:, target_column]")], 2),
]
