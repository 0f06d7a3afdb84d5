"""The reference's versions of common LSTM mistakes, for diagnosis (each is wrong on purpose).

Each variant is written the way a learner writes the mistake (`x @ kernel.T`, `x[t]`, `np.stack(outputs)`),
so that a variant that crashes crashes with the learner's very error, and one that runs gives the learner's numbers.
"""
import numpy as np

from ..reference.activations import hard_sigmoid_keras2, relu, sigmoid

GATES = "ifco"

# one step's mistakes: the key -> what it changes (read by `step`)
STEP_KEYS = ("gate_order", "if_swapped", "transposed", "transposed_recurrent", "kernels_swapped", "no_bias",
             "split_rows", "no_tanh_c", "sigmoid_candidate", "no_candidate_activation", "relu", "hard_sigmoid",
             "h_from_old_c", "zero_state", "tanh_gate_i", "tanh_gate_f", "tanh_gate_o", "raw_gate_i", "raw_gate_f",
             "raw_gate_o")


def step(x, h, c, kernel, recurrent_kernel, bias, mistake=None):
    """One LSTM step (Keras's layout, gates i, f, c, o), optionally with one of STEP_KEYS' mistakes."""
    if mistake == "zero_state":
        h, c = np.zeros_like(h), np.zeros_like(c)  # (batch, units) each
    if mistake == "transposed":
        z = x @ kernel.T + h @ recurrent_kernel + bias  # raises unless features == 4*units
    elif mistake == "transposed_recurrent":
        z = x @ kernel + h @ recurrent_kernel.T + bias  # raises: (batch, units) @ (4*units, units)
    elif mistake == "kernels_swapped":
        z = x @ recurrent_kernel + h @ kernel + bias  # raises unless features == units
    elif mistake == "no_bias":
        z = x @ kernel + h @ recurrent_kernel  # (batch, 4*units)
    else:
        z = x @ kernel + h @ recurrent_kernel + bias  # (batch, 4*units)
    i, f, c_tilde, o = np.split(z, 4, axis=0 if mistake == "split_rows" else 1)  # each (batch, units)
    if mistake == "gate_order":
        c_tilde, o = o, c_tilde  # read as i, f, o, c
    if mistake == "if_swapped":
        i, f = f, i  # read as f, i, c, o
    gate = hard_sigmoid_keras2 if mistake == "hard_sigmoid" else sigmoid
    act = {"i": gate, "f": gate, "o": gate}
    for g in "ifo":
        if mistake == f"tanh_gate_{g}":
            act[g] = np.tanh
        if mistake == f"raw_gate_{g}":
            act[g] = lambda v: v
    cand = {"sigmoid_candidate": sigmoid, "no_candidate_activation": lambda v: v, "relu": relu}.get(mistake, np.tanh)
    c_new = act["f"](f) * c + act["i"](i) * cand(c_tilde)  # (batch, units)
    out = relu if mistake == "relu" else np.tanh
    c_read = c if mistake == "h_from_old_c" else c_new  # h from the state before the update
    h_new = act["o"](o) * (c_read if mistake == "no_tanh_c" else out(c_read))  # (batch, units)
    return h_new, c_new


# a layer's own mistakes (besides every step mistake, which `layer` passes to `step`)
LAYER_KEYS = ("last_only", "sequence_not_last", "swap_state", "zero_start", "swap_initial", "reset_each_step",
              "reset_c_each_step", "reset_h_each_step", "time_major", "x_batch_index", "c_sequence", "initial_each_step",
              "h0_only", "no_return_state", "state_without_c")


def layer(x, kernel, recurrent_kernel, bias, return_sequences=False, return_state=False, initial_state=None,
          mistake=None):
    """An LSTM layer built on `step`, with the step's mistakes plus LAYER_KEYS'."""
    batch, timesteps, _ = x.shape
    units = recurrent_kernel.shape[0]
    zeros = initial_state is None or mistake == "zero_start"
    h, c = (np.zeros((batch, units)), np.zeros((batch, units))) if zeros else initial_state  # (batch, units) each
    if mistake == "swap_initial":
        h, c = c, h
    if mistake == "h0_only" and not zeros:
        c = np.zeros_like(c)
    start = (h, c)
    outputs = []
    for t in range(timesteps):
        if mistake == "reset_each_step":
            h, c = np.zeros_like(h), np.zeros_like(c)  # (batch, units) each
        if mistake == "reset_c_each_step":
            c = np.zeros_like(c)
        if mistake == "reset_h_each_step":
            h = np.zeros_like(h)
        if mistake == "initial_each_step":
            h, c = start
        x_t = x[t] if mistake == "x_batch_index" else x[:, t]  # (batch, features), or a sample's sequence
        h, c = step(x_t, h, c, kernel, recurrent_kernel, bias, mistake if mistake in STEP_KEYS else None)
        outputs.append(c if mistake == "c_sequence" else h)
    sequence = np.stack(outputs) if mistake == "time_major" else np.stack(outputs, axis=1)  # (batch, timesteps, units)
    if mistake == "sequence_not_last":
        output = sequence
    elif mistake == "last_only":
        output = h
    else:
        output = sequence if return_sequences else h  # (batch, [timesteps,] units)
    if not return_state or mistake == "no_return_state":
        return output
    if mistake == "state_without_c":
        return [output, h]
    return [output, c, h] if mistake == "swap_state" else [output, h, c]
