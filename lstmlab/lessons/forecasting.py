"""Forecasting helpers for lesson 10: a linear autoregression, and a trained stacked LSTM stepped in NumPy carrying its state.

The stepping uses the NumPy reference (`lstm_step`, equal to Keras's LSTMCell, lesson 01), so the state a
stateful model carries is plain arrays that can be copied at a forecast origin and run ahead.
"""
import numpy as np

from ..reference.cell import lstm_step
from ..reference.validate import check_positive_int


def fit_autoregression(windows, targets):
    """Least-squares linear autoregression with an intercept: coefficients (timesteps + 1,) for [window, 1]."""
    windows = np.asarray(windows, dtype=float).reshape(len(windows), -1)  # (samples, timesteps)
    design = np.hstack([windows, np.ones((len(windows), 1))])  # (samples, timesteps + 1)
    coef, *_ = np.linalg.lstsq(design, np.asarray(targets, dtype=float).ravel(), rcond=None)  # (timesteps + 1,)
    return coef


def predict_autoregression(coef, windows):
    """The next value of each window: window @ coef[:-1] + coef[-1]: (samples,)."""
    windows = np.asarray(windows, dtype=float).reshape(len(windows), -1)  # (samples, timesteps)
    if windows.shape[1] != len(coef) - 1:
        raise ValueError(f"coefficients are for windows of {len(coef) - 1} steps, got windows of {windows.shape[1]}")
    return windows @ coef[:-1] + coef[-1]  # (samples,)


def split_stack_weights(weights):
    """Keras get_weights() of LSTM layers then one Dense -> ([(kernel, recurrent_kernel, bias), ...], (dense_kernel, dense_bias))."""
    if len(weights) < 5 or (len(weights) - 2) % 3:
        raise ValueError(f"expected 3 arrays per LSTM layer then a Dense kernel and bias, got {len(weights)} arrays")
    layers = [tuple(weights[k:k + 3]) for k in range(0, len(weights) - 2, 3)]
    return layers, (weights[-2], weights[-1])


def stack_step(layers, head, x, state):
    """One time step x (batch, features) through the stacked LSTM layers and the Dense head: (y (batch, out), new state)."""
    new_state, inputs = [], x  # (batch, features)
    for (kernel, recurrent_kernel, bias), (h, c) in zip(layers, state):
        h, c = lstm_step(inputs, h, c, kernel, recurrent_kernel, bias)  # (batch, units) each
        new_state.append((h, c))
        inputs = h  # (batch, units): the next layer's input at this step
    dense_kernel, dense_bias = head
    return inputs @ dense_kernel + dense_bias, new_state  # (batch, out)


def stateful_forecasts(weights, stream, origins, horizon):
    """Run a trained stacked LSTM over the whole 1-feature stream, carrying h and c from step 0; at each origin o,
    forecast stream[o .. o+horizon-1] by feeding its own predictions back, from a copy of the state. (origins, horizon)."""
    layers, head = split_stack_weights([np.asarray(w, dtype=np.float64) for w in weights])
    stream = np.asarray(stream, dtype=np.float64).ravel()  # (N,)
    horizon = check_positive_int(horizon, "horizon")
    origins = [int(o) for o in origins]
    if not origins or min(origins) < 1 or max(origins) > len(stream):
        raise ValueError(f"origins must lie in 1..{len(stream)} (a forecast needs at least one step of history)")
    state = [(np.zeros((1, k.shape[1] // 4)), np.zeros((1, k.shape[1] // 4))) for k, _, _ in layers]
    out, wanted = {}, set(origins)
    for t in range(max(origins)):
        y, state = stack_step(layers, head, stream[t:t + 1, None], state)  # y (1, 1): the forecast of stream[t+1]
        if t + 1 in wanted:
            path, ahead = [float(y[0, 0])], state
            for _ in range(horizon - 1):
                y_next, ahead = stack_step(layers, head, np.array([[path[-1]]]), ahead)  # (1, 1)
                path.append(float(y_next[0, 0]))
            out[t + 1] = path
    return np.array([out[o] for o in origins])  # (origins, horizon)
