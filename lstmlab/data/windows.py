"""Sliding windows: turn a (N, features) series into LSTM samples (samples, timesteps, features)."""
import numpy as np

from ..reference.validate import check_positive_int, fmt_shape


def as_series(series, name="series"):
    """Return `series` as a float (N, features) array; a 1-D series becomes (N, 1)."""
    try:
        arr = np.asarray(series)
    except Exception as exc:  # ragged lists and the like
        raise TypeError(f"{name} could not be read as an array ({exc}); expected shape (N, features)") from None
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
        raise TypeError(f"{name} must hold numbers, got dtype {arr.dtype}; expected shape (N, features)")
    if arr.ndim == 1:
        arr = arr[:, None]  # (N, 1)
    if arr.ndim != 2:
        raise ValueError(f"{name} must be 1-D (N,) or 2-D (N, features): one row per time step, "
                         f"got {arr.ndim}-D array of shape {fmt_shape(arr.shape)}")
    dtype = arr.dtype if np.issubdtype(arr.dtype, np.floating) else np.float64
    return arr.astype(dtype, copy=False)  # (N, features)


def make_windows(series, timesteps, target_column=-1):
    """X[j] = rows j .. j+timesteps-1, y[j] = row j+timesteps's target: X (N-timesteps, timesteps, features), y (N-timesteps,)."""
    series = as_series(series)  # (N, features)
    timesteps = check_positive_int(timesteps, "timesteps")
    n, features = series.shape
    if isinstance(target_column, bool) or not isinstance(target_column, (int, np.integer)):
        raise TypeError(f"target_column must be an int column index, got {target_column!r}")
    if not -features <= target_column < features:
        raise IndexError(f"target_column={target_column} is out of range for a series with {features} "
                         f"feature column(s) (shape {fmt_shape(series.shape)}); use 0..{features - 1} or -1")
    if n <= timesteps:
        raise ValueError(f"a series of {n} rows (shape {fmt_shape(series.shape)}) gives no window of timesteps={timesteps}: "
                         f"each sample needs {timesteps} input rows plus 1 target row, so at least {timesteps + 1} rows")
    samples = n - timesteps
    index = np.arange(samples)[:, None] + np.arange(timesteps)[None, :]  # (samples, timesteps)
    x = series[index]  # (samples, timesteps, features)
    y = series[timesteps:, target_column]  # (samples,)
    return x, y
