"""Lesson 05, stateful: cut a series into stateful batches; run an LSTM over chunks carrying the state."""
import numpy as np

from ..data.stateful import stateful_batches as ref_batches
from ..reference.layer import lstm_layer as ref_layer
from .mutants import lstm as variants
from .item import LSTM_ISOLATE, Item, Mistake, line_mistake, lstm_weights, sizes
from .items_cell import STEP_CORE
from .items_layer import in_whole

LESSON = "05_stateful"
STEP_VARIANTS = {m.variant for m in STEP_CORE}


def _batch_cases(rng):
    """After the easy case, every series leaves a remainder (len % batch != 0) and streams that timesteps does not
    divide ((len // batch) % timesteps != 0): trimming to n_batches * batch * timesteps rows first, or keeping the
    remainder, always starts a stream at the wrong row."""
    yield dict(series=np.arange(24.0).reshape(24, 1), batch=2, timesteps=3)  # easy to read by eye
    for _ in range(3):
        batch, timesteps, features = (int(v) for v in rng.choice([2, 3, 4, 5], size=3, replace=False))
        extra = batch * int(rng.integers(1, timesteps)) + int(rng.integers(1, batch))  # 0 < extra < batch * timesteps
        n = batch * timesteps * int(rng.integers(2, 5)) + extra
        yield dict(series=rng.normal(size=(n, features)), batch=batch, timesteps=timesteps)


BATCH_STEPS = {"consecutive": "chunks", "trimmed_first": "streams", "remainder_kept": "streams",
               "interleaved": "streams", "batch_axes_swapped": "order"}


def _batches_wrong(series, batch, timesteps, mistake):
    """stateful_batches as a learner writes it, with one mistake or several (wrong on purpose, for diagnosis)."""
    m = variants.keys(mistake)
    features = series.shape[1]
    stream = len(series) // batch  # rows per stream
    n_batches = stream // timesteps
    if "consecutive" in m:  # chunk after chunk, side by side: sample i of batch k+1 does not continue sample i
        chunks = series[:n_batches * batch * timesteps].reshape(n_batches, batch, timesteps, features)
        return chunks.transpose(1, 0, 2, 3) if "batch_axes_swapped" in m else chunks
    if "trimmed_first" in m:  # the series cut to n_batches * batch * timesteps rows, then into batch streams
        streams = series[:n_batches * batch * timesteps].reshape(batch, n_batches * timesteps, features)
    elif "remainder_kept" in m:
        streams = series.reshape(batch, -1, features)  # fails unless batch divides the series
    elif "interleaved" in m:  # stream i = rows i, i+batch, i+2*batch, ...
        streams = series[:batch * stream].reshape(stream, batch, features).transpose(1, 0, 2)
    else:
        streams = series[:batch * stream].reshape(batch, stream, features)  # (batch, stream, features)
    if "remainder_kept" in m:
        chunks = streams.reshape(batch, -1, timesteps, features)
    else:
        chunks = streams[:, :n_batches * timesteps].reshape(batch, n_batches, timesteps, features)
    return chunks if "batch_axes_swapped" in m else chunks.transpose(1, 0, 2, 3)


def _cut(series, batch, timesteps, n_batches=None, series_from_end=False, stream_from_end=False, pad=False):
    """The stateful batches with one line changed: how many batches, and which end the leftover rows are dropped from."""
    features = series.shape[1]
    stream = len(series) // batch
    n_batches = stream // timesteps if n_batches is None else n_batches(stream)
    rows = series[len(series) - batch * stream:] if series_from_end else series[:batch * stream]
    streams = rows.reshape(batch, stream, features)  # (batch, stream, features)
    if pad:
        streams = np.pad(streams, ((0, 0), (0, max(n_batches * timesteps - stream, 0)), (0, 0)))
    kept = streams[:, streams.shape[1] - n_batches * timesteps:] if stream_from_end else streams[:, :n_batches * timesteps]
    return kept.reshape(batch, n_batches, timesteps, features).transpose(1, 0, 2, 3)


BATCH_RIGHT = "streams = series[:batch * stream]; chunks = streams[:, :n_batches * timesteps]"
BATCH_LINES = (
    ("batches_one_row_kept", lambda **k: _cut(**k, n_batches=lambda stream: (stream - 1) // k["timesteps"]),
     "n_batches = (stream - 1) // timesteps", "n_batches = stream // timesteps"),
    ("series_cut_from_start", lambda **k: _cut(**k, series_from_end=True),
     "streams = series[len(series) - batch * stream:]", "streams = series[:batch * stream]"),
    ("streams_cut_from_start", lambda **k: _cut(**k, stream_from_end=True),
     "chunks = streams[:, stream - n_batches * timesteps:]", "chunks = streams[:, :n_batches * timesteps]"),
    ("last_chunk_padded", lambda **k: _cut(**k, n_batches=lambda stream: -(-stream // k["timesteps"]), pad=True),
     "n_batches = -(-stream // timesteps)", "n_batches = stream // timesteps"),
)


def _batches_shuffled(tree, case):
    """One array of the right batches in another order: the batches shuffled (fit's shuffle=True habit breaks the
    carry)."""
    right = ref_batches(**case)
    if not isinstance(tree, np.ndarray) or tree.shape != right.shape or np.array_equal(tree, right):
        return False
    got = tree.astype(np.float64)
    unused = list(range(len(right)))
    for block in got:
        match = next((k for k in unused if np.array_equal(block, right[k])), None)
        if match is None:
            return False
        unused.remove(match)
    return True


def _forward_cases(rng):
    for _ in range(3):
        batch, features, units = sizes(rng)
        n_chunks, timesteps = (int(v) for v in rng.choice([v for v in (2, 3, 4) if v not in (batch, units)] + [6], 2,
                                                            replace=False))
        kernel, recurrent_kernel, bias = lstm_weights(rng, features, units)
        yield dict(chunks=rng.normal(size=(n_chunks, batch, timesteps, features)), kernel=kernel,
                   recurrent_kernel=recurrent_kernel, bias=bias)


def _forward(chunks, kernel, recurrent_kernel, bias, mistake=None):
    """Each chunk's last h, (n_chunks, batch, units), with (h, c) carried from chunk to chunk."""
    m = variants.keys(mistake)
    if m & {"sample_to_sample", "sample_to_sample_per_batch"}:
        return _sample_to_sample(chunks, kernel, recurrent_kernel, bias, m)
    state, outputs = None, []
    inner = m & (STEP_VARIANTS | {"reset_each_step", "reversed_time"})
    for chunk in chunks:  # (batch, timesteps, features)
        if m:
            out, h, c = variants.layer(chunk, kernel, recurrent_kernel, bias, "all_steps" in m, True, state, inner)
        else:
            out, h, c = ref_layer(chunk, kernel, recurrent_kernel, bias, return_state=True, initial_state=state)
        outputs.append(c if "c_out" in m else out)  # (batch, units)
        state = None if "no_carry" in m else [h, np.zeros_like(c)] if "h_only" in m else [
            np.zeros_like(h), c] if "c_only" in m else [h, c]
    if "last_chunk_only" in m:
        return outputs[-1]
    return np.stack(outputs)  # (n_chunks, batch, units)


def _sample_to_sample(chunks, kernel, recurrent_kernel, bias, m):
    """Seed 003's first belief: the state passed from sample to sample inside a batch (sample j starts from sample
    j-1's final state), and on from the batch's last sample to the next batch's first (unless per batch)."""
    state, outputs = None, []
    inner = m & STEP_VARIANTS
    for chunk in chunks:  # (batch, timesteps, features)
        if "sample_to_sample_per_batch" in m:
            state = None
        rows = []
        for sample in chunk:  # (timesteps, features)
            out, h, c = variants.layer(sample[None], kernel, recurrent_kernel, bias, False, True, state, inner)
            rows.append(out[0])  # (units,)
            state = [h, c]
        outputs.append(np.stack(rows))  # (batch, units)
    return np.stack(outputs)  # (n_chunks, batch, units)


FORWARD_STEPS = {"no_carry": "carry", "h_only": "carry", "c_only": "carry", "sample_to_sample": "carry",
                 "sample_to_sample_per_batch": "carry", "reset_each_step": "carry", "all_steps": "output",
                 "c_out": "output", "last_chunk_only": "output", "reversed_time": "time_order"}


def _forward_mistake(key, variant=None, fields=None):
    variant = variant or key
    return Mistake(key, lambda **k: _forward(**k, mistake=variant), fields=fields or {}, variant=variant,
                   step=FORWARD_STEPS[variant], alone=variant.startswith("sample_to_sample"))


ITEMS = [
    Item("stateful_batches", LESSON, 2, ("series", "batch", "timesteps"), _batch_cases,
         lambda **k: ref_batches(**k), outputs=("batches",), axes={"batches": ("batch", "sample", "step", "feature")},
         compose=lambda mistakes, **k: _batches_wrong(**k, mistake=mistakes),
         mistakes=tuple(Mistake(key, lambda mistake=variant, **k: _batches_wrong(**k, mistake=mistake), variant=variant,
                                step=BATCH_STEPS[variant])
                        for key, variant in (("consecutive", "consecutive"), ("batch_axes_swapped", "batch_axes_swapped"),
                                             ("interleaved_streams", "interleaved"), ("remainder_kept", "remainder_kept"),
                                             ("trimmed_first", "trimmed_first")))
         + tuple(line_mistake(key, compute, wrong, right, "streams") for key, compute, wrong, right in BATCH_LINES)
         + (Mistake("batches_shuffled", None, fits=_batches_shuffled),)),
    Item("stateful_forward", LESSON, 3, ("chunks", "kernel", "recurrent_kernel", "bias"),
         _forward_cases, lambda **k: _forward(**k), outputs=("outputs",), axes={"outputs": ("chunk", "sample", "unit")},
         mistakes=tuple(_forward_mistake(key, variant) for key, variant in (
             ("no_carry", None), ("h_only", None), ("c_only", None), ("reset_each_step", None), ("all_steps", None),
             ("c_out", None), ("last_chunk_only", None), ("sample_to_sample", None), ("sample_to_sample_per_batch", None),
             ("reversed_time", None)))
         + tuple(in_whole(m, lambda mistake, **k: _forward(**k, mistake=mistake)) for m in STEP_CORE),
         isolate=LSTM_ISOLATE[:1], compose=lambda mistakes, **k: _forward(**k, mistake=mistakes)),
]
