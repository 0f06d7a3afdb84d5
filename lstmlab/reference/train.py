"""A small stacked LSTM with a Dense head, trained in NumPy: forward with caches, MSE, BPTT, SGD.

The parameters are a list in Keras's ``model.get_weights()`` order,
``[kernel_1, recurrent_kernel_1, bias_1, ..., kernel_L, recurrent_kernel_L, bias_L, dense_kernel, dense_bias]``,
so ``model.set_weights(params)`` puts the same numbers in the Keras model
``Sequential([Input((timesteps, features)), LSTM(u1, return_sequences=True), ..., LSTM(uL), Dense(out)])``.
"""
import numpy as np

from .backward import layer_backward, lstm_layer_forward
from .validate import as_float_array, check_positive_int, fmt_shape


def glorot_uniform(rng, fan_in, fan_out):
    """Keras's default kernel initializer: U(-l, l), l = sqrt(6 / (fan_in + fan_out))."""
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, (fan_in, fan_out))  # (fan_in, fan_out)


def orthogonal(rng, rows, cols):
    """Keras's default recurrent initializer: a (rows, cols) matrix with orthonormal rows or columns."""
    q, r = np.linalg.qr(rng.normal(size=(max(rows, cols), min(rows, cols))))  # (max, min), (min, min)
    q = q * np.sign(np.diag(r))  # (max, min): a uniform draw, not QR's sign convention
    return np.ascontiguousarray(q if rows >= cols else q.T)  # (rows, cols)


def init_params(features, units, out_units=1, *, seed=0):
    """Keras-like initial weights for LSTM(units[0]) -> ... -> LSTM(units[-1]) -> Dense(out_units), as a list."""
    rng = np.random.default_rng(seed)
    params, fan_in = [], check_positive_int(features, "features")
    for u in units:
        u = check_positive_int(u, "units")
        bias = np.zeros(4 * u)  # (4*units,)
        bias[u:2 * u] = 1.0  # unit_forget_bias=True: the forget gate starts open
        params += [glorot_uniform(rng, fan_in, 4 * u), orthogonal(rng, u, 4 * u), bias]
        fan_in = u
    params += [glorot_uniform(rng, fan_in, out_units), np.zeros(out_units)]  # (units, out), (out,)
    return params


def n_layers(params):
    """How many LSTM layers a parameter list holds (3 arrays each, plus 2 for the head)."""
    if len(params) < 5 or (len(params) - 2) % 3:
        raise ValueError(f"params must be [kernel, recurrent_kernel, bias] per LSTM layer then [dense_kernel, dense_bias], got {len(params)} arrays")
    return (len(params) - 2) // 3


def forward(params, x, *, activation="tanh", recurrent_activation="sigmoid"):
    """Predictions (batch, out_units) and the caches the backward pass needs."""
    x = as_float_array(x, "x", 3, "(batch, timesteps, features)")
    caches, seq = [], x  # (batch, timesteps, features)
    for layer in range(n_layers(params)):
        kernel, recurrent_kernel, bias = params[3 * layer: 3 * layer + 3]
        seq, cache = lstm_layer_forward(seq, kernel, recurrent_kernel, bias, activation=activation,
                                        recurrent_activation=recurrent_activation)  # (batch, timesteps, units)
        caches.append(cache)
    dense_kernel, dense_bias = params[-2:]
    h_last = seq[:, -1]  # (batch, units): the last LSTM returns only its last h
    y = h_last @ dense_kernel + dense_bias  # (batch, out_units)
    return y, dict(layers=caches, h_last=h_last, x=x)


def mse(y, target):
    """Keras's MeanSquaredError: mean of (y - target)**2 over every element; returns (loss, dL/dy)."""
    target = as_float_array(target, "target", np.ndim(y), fmt_shape(np.shape(y)))
    if target.shape != y.shape:
        raise ValueError(f"target must have the model's output shape {fmt_shape(y.shape)}, got {fmt_shape(target.shape)}")
    diff = y - target  # (batch, out_units)
    return float(np.mean(diff ** 2)), 2.0 * diff / diff.size  # scalar, (batch, out_units)


def backward(params, dy, cache):
    """Gradients for every parameter (same list order), from dL/dy (batch, out_units)."""
    dense_kernel = params[-2]
    grads_head = [cache["h_last"].T @ dy, dy.sum(axis=0)]  # (units, out), (out,)
    dh_last = dy @ dense_kernel.T  # (batch, units)
    grads = []
    dhs = None
    for layer_cache in reversed(cache["layers"]):
        if dhs is None:  # the top layer: only its last h reaches the head
            batch, units = dh_last.shape
            dhs = np.zeros((batch, len(layer_cache["steps"]), units), dh_last.dtype)  # (batch, timesteps, units)
            dhs[:, -1] = dh_last
        g = layer_backward(dhs, layer_cache)
        grads = [g["dkernel"], g["drecurrent_kernel"], g["dbias"]] + grads
        dhs = g["dx"]  # (batch, timesteps, units of the layer below): its whole h sequence
    return grads + grads_head


def loss_and_grads(params, x, target, *, activation="tanh", recurrent_activation="sigmoid"):
    """MSE loss of the model on (x, target) and its gradient for every parameter."""
    y, cache = forward(params, x, activation=activation, recurrent_activation=recurrent_activation)
    loss, dy = mse(y, target)  # scalar, (batch, out_units)
    return loss, backward(params, dy, cache)


def sgd_step(params, grads, learning_rate=0.01):
    """Plain SGD as keras.optimizers.SGD(learning_rate) applies it: w <- w - lr * dL/dw (new list)."""
    if len(grads) != len(params):
        raise ValueError(f"got {len(grads)} gradients for {len(params)} parameters")
    return [w - learning_rate * g for w, g in zip(params, grads)]


def fit(params, x, target, *, epochs=10, learning_rate=0.01, batch_size=None, activation="tanh",
        recurrent_activation="sigmoid"):
    """Full SGD training in NumPy (batches in order, no shuffling); returns (params, loss per epoch)."""
    batch_size = len(x) if batch_size is None else batch_size
    losses = []
    for _ in range(epochs):
        epoch = []
        for start in range(0, len(x), batch_size):
            xb, tb = x[start:start + batch_size], target[start:start + batch_size]  # (b, timesteps, features), (b, out)
            loss, grads = loss_and_grads(params, xb, tb, activation=activation, recurrent_activation=recurrent_activation)
            params = sgd_step(params, grads, learning_rate)
            epoch.append(loss * len(xb))
        losses.append(sum(epoch) / len(x))
    return params, losses


def adding_problem(n, timesteps, *, seed=0):
    """The adding problem: x (n, timesteps, 2) = (value, marker); target (n, 1) = sum of the 2 marked values."""
    rng = np.random.default_rng(seed)
    values = rng.uniform(0, 1, (n, timesteps))  # (n, timesteps)
    markers = np.zeros((n, timesteps))  # (n, timesteps)
    for row in range(n):
        markers[row, rng.choice(timesteps, 2, replace=False)] = 1.0
    x = np.stack([values, markers], axis=-1)  # (n, timesteps, 2)
    target = (values * markers).sum(axis=1, keepdims=True)  # (n, 1)
    return x, target


def sine_windows(n, timesteps, *, noise=0.05, seed=0):
    """Sine forecasting: x (n, timesteps, 1) = a window of a noisy sine with random phase and period; target (n, 1) = the next value."""
    rng = np.random.default_rng(seed)
    phase = rng.uniform(0, 2 * np.pi, (n, 1))  # (n, 1)
    step = rng.uniform(0.2, 0.6, (n, 1))  # (n, 1): radians per time step
    t = np.arange(timesteps + 1)  # (timesteps + 1,)
    wave = np.sin(phase + step * t) + noise * rng.normal(size=(n, timesteps + 1))  # (n, timesteps + 1)
    return wave[:, :timesteps, None], wave[:, timesteps:]  # (n, timesteps, 1), (n, 1)
