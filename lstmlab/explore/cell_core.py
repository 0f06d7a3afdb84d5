"""The cell explorer's core: step one LSTM cell through a short sequence and keep every gate."""
from dataclasses import dataclass

import numpy as np

from ..messages import msg
from ..reference.cell import lstm_gates
from ..reference.validate import as_float_array, fmt_shape
from ..reference.weights import check_recurrent_weights

GATES = ("i", "f", "c_tilde", "o", "c", "h")
INPUTS = ("pulse", "step", "sine", "noise", "custom")


def cell_trace(x, kernel, recurrent_kernel, bias, *, h0=None, c0=None, activation="tanh",
               recurrent_activation="sigmoid"):
    """Step lstm_gates over x (timesteps, features): dict of i, f, c_tilde, o, c, h, each (timesteps, units)."""
    kernel, recurrent_kernel, bias, units = check_recurrent_weights(kernel, recurrent_kernel, bias)
    x = as_float_array(x, "x", 2, f"(timesteps, features) = (timesteps, {kernel.shape[0]})")
    if x.shape[1] != kernel.shape[0]:
        raise ValueError(msg("explore.cell.wrong_features", features=x.shape[1], x_shape=fmt_shape(x.shape),
                             expected=kernel.shape[0], kernel_shape=fmt_shape(kernel.shape)))
    h = np.zeros((1, units)) if h0 is None else np.reshape(h0, (1, units))  # (1, units)
    c = np.zeros((1, units)) if c0 is None else np.reshape(c0, (1, units))  # (1, units)
    steps = {name: [] for name in GATES}
    for t in range(x.shape[0]):
        gates = lstm_gates(x[t:t + 1], h, c, kernel, recurrent_kernel, bias, activation=activation,
                           recurrent_activation=recurrent_activation)  # each (1, units)
        for name in GATES:
            steps[name].append(gates[name][0])  # (units,)
        h, c = gates["h"], gates["c"]  # (1, units)
    return {name: np.stack(values) for name, values in steps.items()}  # each (timesteps, units)


def parse_values(text):
    """'1, 0, 0.5' (commas or spaces) -> (1.0, 0.0, 0.5); raises ValueError naming what could not be read."""
    parts = [p for p in str(text).replace(",", " ").split() if p]
    try:
        values = tuple(float(p) for p in parts)
    except ValueError:
        raise ValueError(msg("explore.cell.values_not_numbers", text=text)) from None
    if not values or len(values) > 64 or not all(np.isfinite(values)):
        raise ValueError(msg("explore.cell.values_count", n=len(values), text=text))
    return values


def make_input(kind, timesteps, features=1):
    """A short test sequence (timesteps, features): a pulse at t=1, a step, a sine, or seeded noise."""
    t = np.arange(timesteps)  # (timesteps,)
    if kind == "pulse":
        column = (t == 0).astype(float)  # (timesteps,)
    elif kind == "step":
        column = (t >= timesteps // 2).astype(float)  # (timesteps,)
    elif kind == "sine":
        column = np.sin(2 * np.pi * t / max(timesteps, 2))  # (timesteps,)
    elif kind == "noise":
        return np.random.default_rng(0).normal(size=(timesteps, features))  # (timesteps, features)
    elif kind == "custom":
        raise ValueError(msg("explore.cell.custom_needs_values"))
    else:
        raise ValueError(msg("explore.cell.unknown_input", inputs=", ".join(INPUTS), kind=kind))
    return np.repeat(column[:, None], features, axis=1)  # (timesteps, features)


@dataclass(frozen=True)
class CellState:
    """What the cell explorer shows: the input, the weight scale and the forget-gate bias."""

    input: str = "pulse"
    timesteps: int = 8
    units: int = 3
    features: int = 1
    weight_scale: float = 1.0
    forget_bias: float = 1.0
    seed: int = 0
    values: tuple = ()  # the input sequence itself when input == "custom" (one feature)


def cell_weights(state):
    """Seeded weights (kernel, recurrent_kernel, bias) scaled by weight_scale; the f slice of bias is forget_bias."""
    rng = np.random.default_rng(state.seed)
    u = state.units
    kernel = state.weight_scale * rng.normal(size=(state.features, 4 * u))  # (features, 4*units)
    recurrent_kernel = state.weight_scale * rng.normal(size=(u, 4 * u)) / np.sqrt(u)  # (units, 4*units)
    bias = np.zeros(4 * u)  # (4*units,)
    bias[u:2 * u] = state.forget_bias  # Keras's unit_forget_bias puts 1 here
    return kernel, recurrent_kernel, bias


def cell_core(state):
    """CellState -> (x, trace): the input sequence and every gate at every step."""
    if state.input == "custom":
        x = np.repeat(np.asarray(state.values, float).reshape(-1, 1), state.features, axis=1)  # (timesteps, features)
        if len(x) == 0:
            raise ValueError(msg("explore.cell.custom_empty"))
    else:
        x = make_input(state.input, state.timesteps, state.features)  # (timesteps, features)
    return x, cell_trace(x, *cell_weights(state))


def memory_kept(trace):
    """How much of c survives each step through f alone: the running product of f (timesteps, units)."""
    return np.cumprod(trace["f"], axis=0)  # (timesteps, units)
