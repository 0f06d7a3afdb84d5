"""Blind wrong attempts at make_windows."""
from . import BlindAttempt as A

I = "make_windows"
Y = "y = series[timesteps:, target_column]"
WIN = "series[j:j + timesteps]"
ATTEMPTS = [
    A(I, "target off by one: y is the window's own last row (series[timesteps - 1:-1])",
      [(Y, "y = series[timesteps - 1:-1, target_column]")], 1),
    A(I, "one window too many: samples = len(series) - timesteps + 1 (X longer than y)",
      [("samples = len(series) - timesteps", "samples = len(series) - timesteps + 1")], 1),
    A(I, "X holds only the target column (univariate), not every feature", [(WIN, "series[j:j + timesteps, target_column]")], 1),
    A(I, "target column dropped from X's features", [(WIN, "np.delete(series[j:j + timesteps], target_column, axis=1)")], 1),
    A(I, "non-overlapping windows: stride of timesteps instead of 1",
      [("for j in range(samples)", "for j in range(0, samples, timesteps)"), (Y, "y = series[timesteps::timesteps, target_column]")], 1),
    A(I, "y is the whole next row (every feature), not the target column", [(Y, "y = series[timesteps:]")], 1),
    A(I, "windows one row too long: series[j:j + timesteps + 1] includes the target row", [(WIN, "series[j:j + timesteps + 1]")], 1),
    A(I, "windows stacked time-major (timesteps, samples, features)", [("for j in range(samples)])", "for j in range(samples)], axis=1)")], 1),
    A(I, "y off by one (window's own last row) AND the target column dropped from X",
      [(Y, "y = series[timesteps - 1:-1, target_column]"), (WIN, "np.delete(series[j:j + timesteps], target_column, axis=1)")], 2),
    A(I, "windows stacked time-major AND y the whole next row",
      [("for j in range(samples)])", "for j in range(samples)], axis=1)"), (Y, "y = series[timesteps:]")], 2),
]
