"""Lesson 05, stateful: cut a series into stateful batches; run an LSTM over chunks carrying the state."""
import numpy as np

from ..data.stateful import stateful_batches as ref_batches
from ..reference.layer import lstm_layer as ref_layer
from . import variants
from .inputs import lstm_weights, sizes
from .item import Item, Mistake

LESSON = "05_stateful"


def _batch_cases(rng):
    yield dict(series=np.arange(24.0).reshape(24, 1), batch=2, timesteps=3)  # easy to read by eye
    for _ in range(3):
        batch, timesteps, features = int(rng.integers(2, 5)), int(rng.integers(2, 5)), int(rng.integers(1, 4))
        n = batch * timesteps * int(rng.integers(2, 5)) + int(rng.integers(0, batch * timesteps))
        yield dict(series=rng.normal(size=(n, features)), batch=batch, timesteps=timesteps)


def _consecutive(series, batch, timesteps):
    """The mistake: consecutive chunks side by side in a batch, so sample i of batch k+1 does not continue sample i."""
    n_batches = ref_batches(series, batch, timesteps).shape[0]
    rows = n_batches * batch * timesteps
    return series[:rows].reshape(n_batches, batch, timesteps, series.shape[1])  # (n_batches, batch, timesteps, features)


def _forward_cases(rng):
    for square in (False, True, False):
        batch, features, units = sizes(rng, square)
        n_chunks, timesteps = int(rng.integers(2, 5)), int(rng.integers(1, 4))
        kernel, recurrent_kernel, bias = lstm_weights(rng, features, units)
        yield dict(chunks=rng.normal(size=(n_chunks, batch, timesteps, features)), kernel=kernel,
                   recurrent_kernel=recurrent_kernel, bias=bias)


def _forward(chunks, kernel, recurrent_kernel, bias, mistake=None):
    """Each chunk's last h, (n_chunks, batch, units), with (h, c) carried from chunk to chunk."""
    state, outputs = None, []
    for chunk in chunks:  # (batch, timesteps, features)
        if mistake:
            out, h, c = variants.layer(chunk, kernel, recurrent_kernel, bias, False, True, state, mistake)
        else:
            out, h, c = ref_layer(chunk, kernel, recurrent_kernel, bias, return_state=True, initial_state=state)
        outputs.append(out)  # (batch, units)
        state = None if mistake == "no_carry" else ([h, np.zeros_like(c)] if mistake == "h_only" else [h, c])
    return np.stack(outputs)  # (n_chunks, batch, units)


def _forward_mistake(name, key, explain):
    return Mistake(name, lambda **k: _forward(**k, mistake=key), explain)


ITEMS = [
    Item("stateful_batches", LESSON, 2, "Stateful batches", ("series", "batch", "timesteps"), _batch_cases,
         lambda **k: ref_batches(**k), outputs=("batches",),
         mistakes=(
             Mistake("consecutive chunks in one batch (sample i does not continue sample i)", _consecutive,
                     "split the series into `batch` long streams first; batch k holds chunk k of every stream, "
                     "so sample i of batch k+1 starts where sample i of batch k ended."),
         ),
         meaning="Sample i of batch k+1 continues sample i of batch k, as stateful=True assumes."),
    Item("stateful_forward", LESSON, 3, "A stateful forward pass over chunks", ("chunks", "kernel", "recurrent_kernel", "bias"),
         _forward_cases, lambda **k: _forward(**k), outputs=("outputs",),
         mistakes=(
             _forward_mistake("state not carried between batches", "no_carry",
                              "a stateful LSTM starts each chunk from the (h, c) the previous chunk ended with."),
             _forward_mistake("only h carried (c reset)", "h_only", "carry both states: h and c."),
             _forward_mistake("gate order (i, f, o, c)", "gate_order", "Keras's gate order is i, f, c, o."),
             _forward_mistake("missing tanh on c", "no_tanh_c", "h = o * tanh(c)."),
         ),
         meaning="Feeding chunks one by one with the state carried gives what one long sequence gives."),
]
