"""The reference's versions of common LSTM mistakes, for diagnosis (each is wrong on purpose)."""
import numpy as np

from ..reference.activations import sigmoid


def step(x, h, c, kernel, recurrent_kernel, bias, mistake=None):
    """One LSTM step, optionally with a named mistake: gate_order, transposed, no_tanh_c, sigmoid_candidate, zero_state."""
    if mistake == "zero_state":
        h, c = np.zeros_like(h), np.zeros_like(c)  # (batch, units) each
    w = kernel.T if mistake == "transposed" else kernel  # (features, 4*units), or its transpose
    z = x @ w + h @ recurrent_kernel + bias  # (batch, 4*units)
    i, f, c_tilde, o = np.split(z, 4, axis=1)  # each (batch, units)
    if mistake == "gate_order":
        c_tilde, o = o, c_tilde  # read as i, f, o, c
    cand = sigmoid if mistake == "sigmoid_candidate" else np.tanh
    c = sigmoid(f) * c + sigmoid(i) * cand(c_tilde)  # (batch, units)
    h = sigmoid(o) * (c if mistake == "no_tanh_c" else np.tanh(c))  # (batch, units)
    return h, c


def layer(x, kernel, recurrent_kernel, bias, return_sequences=False, return_state=False, initial_state=None,
          mistake=None):
    """An LSTM layer built on `step`, with the step's mistakes plus: last_only,
    sequence_not_last, swap_state, swap_initial, zero_start, reset_each_step."""
    batch, timesteps, _ = x.shape
    units = recurrent_kernel.shape[0]
    zeros = initial_state is None or mistake == "zero_start"
    h, c = (np.zeros((batch, units)), np.zeros((batch, units))) if zeros else initial_state  # (batch, units) each
    if mistake == "swap_initial":
        h, c = c, h
    outputs = []
    for t in range(timesteps):
        if mistake == "reset_each_step":
            h, c = np.zeros_like(h), np.zeros_like(c)  # (batch, units) each
        h, c = step(x[:, t], h, c, kernel, recurrent_kernel, bias, mistake)  # (batch, units) each
        outputs.append(h)
    output = np.stack(outputs, axis=1) if return_sequences and mistake != "last_only" else h  # (batch, [timesteps,] units)
    if mistake == "sequence_not_last":
        output = np.stack(outputs, axis=1)  # (batch, timesteps, units)
    if not return_state:
        return output
    return [output, c, h] if mistake == "swap_state" else [output, h, c]
