"""Stateful batches: cut one long series so that sample i of batch k+1 continues sample i of batch k."""
from dataclasses import dataclass

import numpy as np

from ..messages import msg, speaking
from ..reference.validate import check_positive_int, fmt_shape
from .windows import as_series


def series_chunks(series_length, batch, timesteps, *, shape=None):
    """How a series of length L is cut for stateful training: batch parallel streams of timesteps-long chunks.

    Returns an index array (n_batches, batch, timesteps) into the series: row i of batch k continues row i of
    batch k-1. The last L % batch steps, and the last (L // batch) % timesteps steps of each stream, are dropped.
    shape: the series array's shape, named in the error (its first axis counted in rows).
    """
    series_length = check_positive_int(series_length, "series_length")
    batch = check_positive_int(batch, "batch")
    timesteps = check_positive_int(timesteps, "timesteps")
    stream = series_length // batch  # steps per stream: each row follows its own contiguous stream
    n_batches = stream // timesteps  # chunks per stream
    if n_batches == 0:
        fields = dict(length=series_length, batch=batch, stream=stream, timesteps=timesteps, need=batch * timesteps)
        if shape is None:  # a length in steps, or a data array whose first axis is counted in rows
            raise ValueError(msg("explore.stateful.too_short", **fields))
        raise ValueError(msg("explore.stateful.too_short_rows", shape=fmt_shape(shape), **fields))
    start = np.arange(batch)[None, :, None] * stream  # (1, batch, 1)
    offset = np.arange(n_batches)[:, None, None] * timesteps  # (n_batches, 1, 1)
    return start + offset + np.arange(timesteps)[None, None, :]  # (n_batches, batch, timesteps)


def stateful_batches(series, batch, timesteps):
    """Split the series into `batch` contiguous streams, each cut into chunks: (n_batches, batch, timesteps, features)."""
    series = as_series(series)  # (N, features)
    index = series_chunks(series.shape[0], batch, timesteps, shape=series.shape)  # (n_batches, batch, timesteps)
    return series[index]  # (n_batches, batch, timesteps, features)


def fit_order(batches):
    """Flatten (n_batches, batch, timesteps, features) to the sample order fit(batch_size=batch, shuffle=False) reads."""
    if getattr(batches, "ndim", None) != 4:
        raise ValueError(f"batches must be 4-D (n_batches, batch, timesteps, features), "
                         f"got shape {fmt_shape(getattr(batches, 'shape', ()))}")
    n_batches, batch, timesteps, features = batches.shape
    return batches.reshape(n_batches * batch, timesteps, features)  # (n_batches*batch, timesteps, features)


@dataclass(frozen=True)
class Link:
    """The state handed from row `row` of batch `batch` to row `row` of batch `batch + 1`."""

    batch: int
    row: int
    from_series: int
    to_series: int
    from_chunk: int
    to_chunk: int
    carried: bool  # False after reset_states(): the next batch starts from zeros

    @property
    def ok(self):
        """True when the carried state continues the same series, one chunk later (or when nothing is carried)."""
        return not self.carried or (self.from_series == self.to_series and self.to_chunk == self.from_chunk + 1)


def stateful_layout(batch, n_batches, *, shuffled=False, seed=0):
    """layout[k][i] = (series, chunk) held by row i of batch k: series i's chunk k, unless the rows are shuffled."""
    batch = check_positive_int(batch, "batch")
    n_batches = check_positive_int(n_batches, "n_batches")
    rng = np.random.default_rng(seed)
    cells = [(s, k) for k in range(n_batches) for s in range(batch)]  # every (series, chunk) once
    if shuffled:  # what fit(shuffle=True) does: samples from anywhere land in any row of any batch
        order = rng.permutation(len(cells))  # (batch * n_batches,)
        cells = [cells[j] for j in order]
    return [cells[k * batch:(k + 1) * batch] for k in range(n_batches)]


def stateful_links(layout, *, reset_between=False):
    """Every state hand-over between consecutive batches; Keras always hands row i to row i."""
    links = []
    for k in range(len(layout) - 1):
        for i, ((s0, c0), (s1, c1)) in enumerate(zip(layout[k], layout[k + 1])):
            links.append(Link(k, i, s0, s1, c0, c1, carried=not reset_between))
    return links


def summarize(links, lang=None):
    """One line: how many hand-overs continue their series, are wrong, or were reset (in `lang`, default: in use)."""
    carried = [link for link in links if link.carried]
    wrong = [link for link in carried if not link.ok]
    with speaking(lang):
        if not carried:
            return msg("explore.stateful.all_reset", n=len(links))
        if not wrong:
            return msg("explore.stateful.all_continue", n=len(carried))
        return msg("explore.stateful.some_wrong", wrong=len(wrong), carried=len(carried))
