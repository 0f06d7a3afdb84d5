"""One LSTM time step in Keras's layout: gates in the order i, f, c, o."""
import numpy as np

from .activations import get_activation
from .validate import as_float_array, check_state, fmt_shape, result_dtype
from .weights import check_recurrent_weights


def prepare_step(x, h, c, kernel, recurrent_kernel, bias):
    """Validate one step's arrays; return them in one float dtype plus units."""
    kernel, recurrent_kernel, bias, units = check_recurrent_weights(kernel, recurrent_kernel, bias)
    x = as_float_array(x, "x", 2, f"(batch, features) = (batch, {kernel.shape[0]})")
    if x.shape[1] != kernel.shape[0]:
        raise ValueError(
            f"x has {x.shape[1]} features (shape {fmt_shape(x.shape)}) but kernel expects "
            f"{kernel.shape[0]} (kernel shape {fmt_shape(kernel.shape)} is (features, 4*units))"
        )
    dtype = result_dtype(x, kernel, recurrent_kernel, bias)
    h = check_state(h, "h", x.shape[0], units, dtype)
    c = check_state(c, "c", x.shape[0], units, dtype)
    bias = np.zeros(4 * units, dtype) if bias is None else bias.astype(dtype, copy=False)
    return x.astype(dtype, copy=False), h, c, kernel.astype(dtype, copy=False), recurrent_kernel.astype(dtype, copy=False), bias


def gate_step(z, c, activation, recurrent_activation):
    """From pre-activations z (batch, 4*units) and c_prev: the gates, the new c and h."""
    units = c.shape[1]
    i, f, _, o = np.split(recurrent_activation(z), 4, axis=1)  # input, forget, output gates (batch, units); one pass over z
    c_tilde = activation(z[:, 2 * units:3 * units])  # candidate (batch, units)
    c = f * c + i * c_tilde  # new cell state                    (batch, units)
    h = o * activation(c)  # new hidden state                    (batch, units)
    return i, f, c_tilde, o, c, h


def lstm_gates(x, h, c, kernel, recurrent_kernel, bias, *, activation="tanh", recurrent_activation="sigmoid"):
    """One step, returning every intermediate: dict of i, f, c_tilde, o, c, h (each (batch, units))."""
    act, rec_act = get_activation(activation), get_activation(recurrent_activation)
    x, h, c, kernel, recurrent_kernel, bias = prepare_step(x, h, c, kernel, recurrent_kernel, bias)
    z = x @ kernel + h @ recurrent_kernel + bias  # (batch, 4*units)
    return dict(zip(("i", "f", "c_tilde", "o", "c", "h"), gate_step(z, c, act, rec_act)))


def lstm_step(x, h, c, kernel, recurrent_kernel, bias, *, activation="tanh", recurrent_activation="sigmoid"):
    """One LSTM time step: (x, h, c) -> (h, c), as keras.layers.LSTMCell computes it (same formula, same weight layout)."""
    gates = lstm_gates(x, h, c, kernel, recurrent_kernel, bias,
                       activation=activation, recurrent_activation=recurrent_activation)
    return gates["h"], gates["c"]
