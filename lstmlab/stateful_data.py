"""Cut one long series into stateful batches: sample i of batch k+1 continues sample i of batch k."""
from .validate import check_positive_int, fmt_shape
from .windows import as_series


def stateful_batches(series, batch, timesteps):
    """Split the series into `batch` contiguous streams, each cut into chunks: (n_batches, batch, timesteps, features)."""
    series = as_series(series)  # (N, features)
    batch = check_positive_int(batch, "batch")
    timesteps = check_positive_int(timesteps, "timesteps")
    n, features = series.shape
    stream = n // batch  # rows per stream; the last n % batch rows are dropped
    n_batches = stream // timesteps  # chunks per stream; the last stream % timesteps rows of each stream are dropped
    if n_batches == 0:
        raise ValueError(f"a series of {n} rows (shape {fmt_shape(series.shape)}) split into batch={batch} streams gives "
                         f"{stream} rows per stream, fewer than timesteps={timesteps}: need at least "
                         f"batch * timesteps = {batch * timesteps} rows")
    streams = series[:batch * stream].reshape(batch, stream, features)  # (batch, stream, features)
    chunks = streams[:, :n_batches * timesteps].reshape(batch, n_batches, timesteps, features)  # (batch, n_batches, timesteps, features)
    return chunks.transpose(1, 0, 2, 3).copy()  # (n_batches, batch, timesteps, features)


def fit_order(batches):
    """Flatten (n_batches, batch, timesteps, features) to the sample order fit(batch_size=batch, shuffle=False) reads."""
    if getattr(batches, "ndim", None) != 4:
        raise ValueError(f"batches must be 4-D (n_batches, batch, timesteps, features), "
                         f"got shape {fmt_shape(getattr(batches, 'shape', ()))}")
    n_batches, batch, timesteps, features = batches.shape
    return batches.reshape(n_batches * batch, timesteps, features)  # (n_batches*batch, timesteps, features)
