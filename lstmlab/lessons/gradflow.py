"""How far gradients reach: ||dL/dx_t|| through time and per-layer gradient norms through depth, LSTM vs SimpleRNN.

The LSTM's cell state carries the gradient back as dc_prev = dc * f: one multiply by the forget gate
per step, no squashing derivative. A SimpleRNN multiplies by recurrent_kernel.T * tanh'(z) at every step.
"""
import numpy as np

from ..reference.backward import layer_backward, lstm_layer_forward
from ..reference.train import glorot_uniform, orthogonal


def lstm_weights(rng, features, units, forget_bias=1.0):
    """Keras's default LSTM init (glorot, orthogonal, unit_forget_bias), with the forget bias adjustable."""
    bias = np.zeros(4 * units)  # (4*units,)
    bias[units:2 * units] = forget_bias
    return glorot_uniform(rng, features, 4 * units), orthogonal(rng, units, 4 * units), bias


def simple_rnn_weights(rng, features, units):
    """Keras's default SimpleRNN init: glorot kernel, orthogonal recurrent kernel, zero bias."""
    return glorot_uniform(rng, features, units), orthogonal(rng, units, units), np.zeros(units)


def simple_rnn_forward(x, kernel, recurrent_kernel, bias):
    """tanh SimpleRNN over x (batch, timesteps, features): hs (batch, timesteps, units) and the cache."""
    batch, timesteps, _ = x.shape
    h = np.zeros((batch, kernel.shape[1]))  # (batch, units)
    hs = []
    for t in range(timesteps):
        h = np.tanh(x[:, t] @ kernel + h @ recurrent_kernel + bias)  # (batch, units)
        hs.append(h)
    hs = np.stack(hs, axis=1)  # (batch, timesteps, units)
    return hs, dict(x=x, hs=hs, kernel=kernel, recurrent_kernel=recurrent_kernel)


def simple_rnn_backward(dhs, cache):
    """BPTT through the tanh SimpleRNN: dict of dx, dkernel, drecurrent_kernel, dbias."""
    x, hs, kernel, recurrent_kernel = cache["x"], cache["hs"], cache["kernel"], cache["recurrent_kernel"]
    batch, timesteps, units = hs.shape
    dh = np.zeros((batch, units))  # (batch, units)
    g = dict(dx=np.zeros_like(x), dkernel=np.zeros_like(kernel), drecurrent_kernel=np.zeros_like(recurrent_kernel),
             dbias=np.zeros(units))
    for t in reversed(range(timesteps)):
        dz = (dh + dhs[:, t]) * (1.0 - hs[:, t] ** 2)  # (batch, units)
        h_prev = hs[:, t - 1] if t else np.zeros((batch, units))  # (batch, units)
        g["dx"][:, t] = dz @ kernel.T  # (batch, features)
        g["dkernel"] += x[:, t].T @ dz  # (features, units)
        g["drecurrent_kernel"] += h_prev.T @ dz  # (units, units)
        g["dbias"] += dz.sum(axis=0)  # (units,)
        dh = dz @ recurrent_kernel.T  # (batch, units)
    return g


def _stack_grads(kind, x, depth, units, rng, forget_bias):
    """Forward and backward through `depth` layers of `kind`, loss = mean of the top layer's last h; per-layer grads."""
    caches, seq = [], x  # (batch, timesteps, features)
    for _ in range(depth):
        if kind == "LSTM":
            seq, cache = lstm_layer_forward(seq, *lstm_weights(rng, seq.shape[2], units, forget_bias))  # (batch, timesteps, units)
        elif kind == "SimpleRNN":
            seq, cache = simple_rnn_forward(seq, *simple_rnn_weights(rng, seq.shape[2], units))  # (batch, timesteps, units)
        else:
            raise ValueError(f"kind must be 'LSTM' or 'SimpleRNN', got {kind!r}")
        caches.append(cache)
    dhs = np.zeros_like(seq)  # (batch, timesteps, units)
    dhs[:, -1] = 1.0 / seq[:, -1].size  # L = mean(h_T)
    grads = []
    for cache in reversed(caches):
        g = layer_backward(dhs, cache) if kind == "LSTM" else simple_rnn_backward(dhs, cache)
        grads.insert(0, g)
        dhs = g["dx"]  # (batch, timesteps, units of the layer below)
    return grads


def norms_through_time(kind, *, timesteps=60, features=4, units=16, batch=32, forget_bias=1.0, seed=0):
    """||dL/dx_t|| for t = 0..timesteps-1 (L = mean of the last h), one layer of `kind`."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(batch, timesteps, features))  # (batch, timesteps, features)
    (g,) = _stack_grads(kind, x, 1, units, rng, forget_bias)
    return np.linalg.norm(g["dx"], axis=(0, 2))  # (timesteps,)


def norms_through_depth(kind, *, depth=6, timesteps=20, features=4, units=16, batch=32, forget_bias=1.0, seed=0):
    """||dL/dkernel|| for each layer, bottom (layer 1) to top, of a `depth`-layer stack of `kind`."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(batch, timesteps, features))  # (batch, timesteps, features)
    return np.array([np.linalg.norm(g["dkernel"]) for g in _stack_grads(kind, x, depth, units, rng, forget_bias)])  # (depth,)
