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


def sensitivity_by_layer(layers, x):
    """How strongly each layer's LAST output reacts to each input step: array (layers, timesteps).

    layers: [(kernel, recurrent_kernel, bias), ...] of a trained stack, bottom first (Keras's get_weights order);
    x: inputs (batch, timesteps, features). Entry [l, t] is the Frobenius norm of the Jacobian d h^(l)_T / d x_t,
    root-mean-squared over the batch: lesson 06's gradient-through-time measure, one output unit at a time.
    """
    x = np.asarray(x, dtype=np.float64)  # (batch, timesteps, features)
    if x.ndim != 3:
        raise ValueError(f"x must be (batch, timesteps, features), got shape {x.shape}")
    caches, seq = [], x  # (batch, timesteps, features)
    for k, weights in enumerate(layers, 1):
        if len(weights) != 3:
            raise ValueError(f"layer {k}: expected (kernel, recurrent_kernel, bias), got {len(weights)} arrays")
        kernel, recurrent_kernel, bias = (np.asarray(w, dtype=np.float64) for w in weights)
        if kernel.shape[0] != seq.shape[2]:
            raise ValueError(f"layer {k}: kernel is {kernel.shape} but its input has {seq.shape[2]} features")
        seq, cache = lstm_layer_forward(seq, kernel, recurrent_kernel, bias)  # (batch, timesteps, units)
        caches.append(cache)
    batch, timesteps, _ = x.shape
    out = np.zeros((len(caches), timesteps))  # (layers, timesteps)
    for top in range(len(caches)):
        units = caches[top]["recurrent_kernel"].shape[0]
        squares = np.zeros((batch, timesteps))  # (batch, timesteps)
        for unit in range(units):
            dhs = np.zeros((batch, timesteps, units))  # (batch, timesteps, units)
            dhs[:, -1, unit] = 1.0  # d h_T[unit]
            for cache in reversed(caches[:top + 1]):
                dhs = layer_backward(dhs, cache)["dx"]  # (batch, timesteps, units or features of the layer below)
            squares += (dhs ** 2).sum(axis=2)  # (batch, timesteps)
        out[top] = np.sqrt(squares.mean(axis=0))  # (timesteps,)
    return out


def saturated_fraction(kernel, recurrent_kernel, bias, x, *, below=0.01):
    """Share of gate pre-activations where the squashing function's slope is under `below` x its largest slope.

    Returns {"i", "f", "c~", "o"} -> fraction over every sample, step and unit of one LSTM layer run on x
    (batch, timesteps, features). A saturated unit passes almost no gradient back: sigmoid' <= 0.25, tanh' <= 1.
    """
    _, cache = lstm_layer_forward(np.asarray(x, dtype=np.float64), kernel, recurrent_kernel, bias)
    z = np.stack([step["z"] for step in cache["steps"]], axis=1)  # (batch, timesteps, 4*units)
    z_i, z_f, z_c, z_o = np.split(z, 4, axis=-1)  # each (batch, timesteps, units)

    def sig_slope(v):
        """sigmoid'(v) / 0.25, its largest value."""
        with np.errstate(over="ignore"):
            s = 1.0 / (1.0 + np.exp(-v))  # same shape as v
        return s * (1.0 - s) / 0.25

    slopes = {"i": sig_slope(z_i), "f": sig_slope(z_f), "c~": 1.0 - np.tanh(z_c) ** 2, "o": sig_slope(z_o)}
    return {name: float((slope < below).mean()) for name, slope in slopes.items()}


def trained_stack_grads(layers, head, x, y, *, loss="crossentropy"):
    """Per-layer ||dL/dkernel|| of a trained LSTM stack with a Dense head, and each layer's gate saturation.

    layers: [(kernel, recurrent_kernel, bias), ...] bottom first; head: (weights, bias) of the Dense on the last h;
    x: (batch, timesteps, features); y: class ids (batch,) for loss="crossentropy" (softmax on the head's logits)
    or targets (batch, 1) for loss="mse". Returns (norms (layers,), [saturated_fraction dict per layer]).
    """
    if loss not in ("crossentropy", "mse"):
        raise ValueError(f"loss must be 'crossentropy' or 'mse', got {loss!r}")
    seq = np.asarray(x, dtype=np.float64)  # (batch, timesteps, features)
    caches, saturation = [], []
    for weights in layers:
        saturation.append(saturated_fraction(*weights, seq))
        seq, cache = lstm_layer_forward(seq, *(np.asarray(w, dtype=np.float64) for w in weights))  # (batch, timesteps, units)
        caches.append(cache)
    head_w, head_b = (np.asarray(w, dtype=np.float64) for w in head)  # (units, outputs), (outputs,)
    out = seq[:, -1] @ head_w + head_b  # (batch, outputs)
    batch = len(out)
    if loss == "crossentropy":
        p = np.exp(out - out.max(axis=1, keepdims=True))  # (batch, classes)
        p /= p.sum(axis=1, keepdims=True)
        p[np.arange(batch), np.asarray(y, dtype=int)] -= 1.0
        dout = p / batch  # (batch, classes): d mean CE / d logits
    else:
        dout = 2.0 * (out - np.asarray(y, dtype=np.float64).reshape(out.shape)) / out.size  # (batch, outputs)
    dhs = np.zeros_like(seq)  # (batch, timesteps, units)
    dhs[:, -1] = dout @ head_w.T
    norms = []
    for cache in reversed(caches):
        g = layer_backward(dhs, cache)
        norms.insert(0, float(np.linalg.norm(g["dkernel"])))
        dhs = g["dx"]  # (batch, timesteps, units of the layer below)
    return np.array(norms), saturation  # (layers,), [dict per layer]
