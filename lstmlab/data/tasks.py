"""Small synthetic tasks whose answer needs memory: recall a symbol k steps back, the adding problem, remember the first value.

Each returns float32 inputs (samples, timesteps, features) and targets, drawn from a seeded rng, so a
lesson can repeat an experiment exactly. Lesson 09 trains real Keras models on them.
"""
import numpy as np

from ..reference.train import adding_problem
from ..reference.validate import check_positive_int, fmt_shape


def recall_k_back(samples, timesteps, k, *, classes=6, seed=0):
    """One random symbol per step, one-hot: x (samples, timesteps, classes); y (samples,) = the symbol k steps before the last.

    k = 0 is the last step itself. Guessing gives 1 / classes accuracy (0.167 for 6 classes).
    """
    samples, timesteps = check_positive_int(samples, "samples"), check_positive_int(timesteps, "timesteps")
    classes = check_positive_int(classes, "classes")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 0 <= k < timesteps:
        raise ValueError(f"k must be an int in 0..timesteps-1 = 0..{timesteps - 1}, got {k!r}")
    rng = np.random.default_rng(seed)
    symbols = rng.integers(0, classes, (samples, timesteps))  # (samples, timesteps)
    x = np.eye(classes, dtype=np.float32)[symbols]  # (samples, timesteps, classes)
    return x, symbols[:, timesteps - 1 - k].astype(np.int64)  # (samples, timesteps, classes), (samples,)


def adding(samples, timesteps, *, seed=0):
    """The adding problem as float32: x (samples, timesteps, 2) = (value, marker); y (samples, 1) = sum of the 2 marked values.

    Predicting the mean, 1.0, gives MSE 1/6 = 0.167 (the variance of a sum of two U(0, 1)).
    """
    x, y = adding_problem(check_positive_int(samples, "samples"), check_positive_int(timesteps, "timesteps"), seed=seed)
    return x.astype(np.float32), y.astype(np.float32)  # (samples, timesteps, 2), (samples, 1)


def remember_first(samples, chunks, chunk_length, *, seed=0):
    """x (samples, chunks*chunk_length, 2) = (value, marker on step 0); y (samples, chunks*chunk_length, 1) = the value at step 0.

    The answer at every step is the first value, so every chunk after the first needs memory longer than one chunk.
    Predicting 0 gives MSE 1/3 (values are U(-1, 1)).
    """
    samples, chunks = check_positive_int(samples, "samples"), check_positive_int(chunks, "chunks")
    timesteps = chunks * check_positive_int(chunk_length, "chunk_length")
    rng = np.random.default_rng(seed)
    values = rng.uniform(-1, 1, (samples, timesteps)).astype(np.float32)  # (samples, timesteps)
    marker = np.zeros((samples, timesteps), np.float32)  # (samples, timesteps)
    marker[:, 0] = 1.0
    x = np.stack([values, marker], axis=-1)  # (samples, timesteps, 2)
    y = np.repeat(values[:, :1, None], timesteps, axis=1)  # (samples, timesteps, 1)
    return x, y


def chunk_for_stateful(x, y, batch, chunk_length):
    """Cut (samples, timesteps, ...) into chunks so that fit(batch_size=batch, shuffle=False) continues each sample.

    Batch k holds chunk (k % chunks) of samples batch*(k // chunks) .. +batch: row i of batch k+1 continues
    row i of batch k, until the next group of samples starts (reset the state there). Returns (x, y) in that order,
    (samples * chunks, chunk_length, ...) each.
    """
    x, y = np.asarray(x), np.asarray(y)
    batch, chunk_length = check_positive_int(batch, "batch"), check_positive_int(chunk_length, "chunk_length")
    if x.ndim != 3 or y.ndim != 3 or y.shape[:2] != x.shape[:2]:
        raise ValueError(f"x must be (samples, timesteps, features) and y (samples, timesteps, outputs) with the same "
                         f"samples and timesteps, got x {fmt_shape(x.shape)} and y {fmt_shape(y.shape)}")
    samples, timesteps = x.shape[:2]
    if samples % batch or timesteps % chunk_length:
        raise ValueError(f"samples must be a multiple of batch and timesteps of chunk_length: got samples={samples}, "
                         f"batch={batch}, timesteps={timesteps}, chunk_length={chunk_length}")
    chunks = timesteps // chunk_length

    def order(a):
        groups = a.reshape(samples // batch, batch, chunks, chunk_length, a.shape[-1])  # (groups, batch, chunks, chunk_length, f)
        return groups.transpose(0, 2, 1, 3, 4).reshape(-1, chunk_length, a.shape[-1])  # (groups*chunks*batch, chunk_length, f)

    return order(x), order(y)
