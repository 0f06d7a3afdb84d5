"""Lesson 05, stateful: cut a series into stateful batches; run an LSTM over chunks carrying the state."""
import numpy as np

from ..data.stateful import stateful_batches as ref_batches
from ..reference.layer import lstm_layer as ref_layer
from . import variants
from .item import Item, Mistake, lstm_weights, sizes
from .items_cell import STEP_CORE

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


def _batches_wrong(series, batch, timesteps, mistake):
    """stateful_batches as a learner writes it, with one mistake (wrong on purpose, for diagnosis)."""
    features = series.shape[1]
    stream = len(series) // batch  # rows per stream
    n_batches = stream // timesteps
    if mistake == "consecutive":  # chunk after chunk, side by side: sample i of batch k+1 does not continue sample i
        return series[:n_batches * batch * timesteps].reshape(n_batches, batch, timesteps, features)
    if mistake == "trimmed_first":  # the series cut to n_batches * batch * timesteps rows, then into batch streams
        streams = series[:n_batches * batch * timesteps].reshape(batch, n_batches * timesteps, features)
        return streams.reshape(batch, n_batches, timesteps, features).transpose(1, 0, 2, 3)
    if mistake == "remainder_kept":
        streams = series.reshape(batch, -1, features)  # fails unless batch divides the series
        return streams.reshape(batch, -1, timesteps, features).transpose(1, 0, 2, 3)
    if mistake == "interleaved":  # stream i = rows i, i+batch, i+2*batch, ...
        streams = series[:batch * stream].reshape(stream, batch, features).transpose(1, 0, 2)
    else:
        streams = series[:batch * stream].reshape(batch, stream, features)  # (batch, stream, features)
    chunks = streams[:, :n_batches * timesteps].reshape(batch, n_batches, timesteps, features)
    return chunks if mistake == "batch_axes_swapped" else chunks.transpose(1, 0, 2, 3)


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
    state, outputs = None, []
    for chunk in chunks:  # (batch, timesteps, features)
        if mistake:
            inner = {"all_steps": None, "c_out": None}.get(mistake, mistake)
            out, h, c = variants.layer(chunk, kernel, recurrent_kernel, bias, mistake == "all_steps", True, state,
                                       inner if inner in STEP_VARIANTS or inner == "reset_each_step" else None)
        else:
            out, h, c = ref_layer(chunk, kernel, recurrent_kernel, bias, return_state=True, initial_state=state)
        outputs.append(c if mistake == "c_out" else out)  # (batch, units)
        state = {"no_carry": None, "h_only": [h, np.zeros_like(c)], "c_only": [np.zeros_like(h), c]}.get(mistake, [h, c])
    if mistake == "last_chunk_only":
        return outputs[-1]
    return np.stack(outputs)  # (n_chunks, batch, units)


def _forward_mistake(key, variant=None, fields=None):
    variant = variant or key
    return Mistake(key, lambda **k: _forward(**k, mistake=variant), fields=fields or {}, variant=variant)


ITEMS = [
    Item("stateful_batches", LESSON, 2, ("series", "batch", "timesteps"), _batch_cases,
         lambda **k: ref_batches(**k), outputs=("batches",), axes={"batches": ("batch", "sample", "step", "feature")},
         mistakes=tuple(Mistake(key, lambda mistake=variant, **k: _batches_wrong(**k, mistake=mistake), variant=variant)
                        for key, variant in (("consecutive", "consecutive"), ("batch_axes_swapped", "batch_axes_swapped"),
                                             ("interleaved_streams", "interleaved"), ("remainder_kept", "remainder_kept"),
                                             ("trimmed_first", "trimmed_first")))),
    Item("stateful_forward", LESSON, 3, ("chunks", "kernel", "recurrent_kernel", "bias"),
         _forward_cases, lambda **k: _forward(**k), outputs=("outputs",), axes={"outputs": ("chunk", "sample", "unit")},
         mistakes=tuple(_forward_mistake(key, variant) for key, variant in (
             ("no_carry", None), ("h_only", None), ("c_only", None), ("reset_each_step", None), ("all_steps", None),
             ("c_out", None), ("last_chunk_only", None)))
         + tuple(_forward_mistake(m.key, m.variant, m.fields) for m in STEP_CORE)),
]
