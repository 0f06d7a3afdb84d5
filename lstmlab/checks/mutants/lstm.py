"""The reference's versions of common LSTM mistakes, for diagnosis (each is wrong on purpose).

Each variant is written the way a learner writes the mistake (`x @ kernel.T`, `x[t]`, `np.stack(outputs)`),
so that a variant that crashes crashes with the learner's very error, and one that runs gives the learner's numbers.
`mistake` is one key, or several (a set or tuple) applied at once: two mistakes on different steps compose.
"""
import numpy as np

from ...reference.activations import hard_sigmoid, hard_sigmoid_keras2, relu, sigmoid

GATES = "ifco"

# one step's mistakes: the key -> what it changes (read by `step`), with the step of the reference it changes
STEP_OF = {
    "transposed": "pre_activation", "transposed_recurrent": "pre_activation", "kernels_swapped": "pre_activation",
    "no_bias": "bias", "no_x_term": "pre_activation", "no_h_term": "pre_activation",
    "split_rows": "blocks", "gate_order": "blocks", "if_swapped": "blocks", "tf1_gate_order": "blocks",
    "no_tanh_c": "h_update", "h_from_old_c": "h_update", "output_added": "h_update",
    "sigmoid_candidate": "candidate", "no_candidate_activation": "candidate", "relu": "activations",
    "hard_sigmoid": "gate_activation", "gate_sign": "gate_activation",
    "forget_added": "c_update", "candidate_added": "c_update", "no_forget_term": "c_update", "no_input_term": "c_update",
    "forget_not_applied": "c_update", "tanh_c_stored": "c_update",
    "zero_state": "state", "interleaved_gates": "blocks", "coupled_input": "c_update", "forget_inverted": "c_update",
    "o_inside_tanh": "h_update", "relu_candidate": "candidate", "hard_sigmoid_keras3": "gate_activation",
    "c_for_h_recurrent": "pre_activation", "no_input_gate": "c_update",
    **{f"{kind}_gate_{g}": f"gate_{g}" for kind in ("tanh", "raw") for g in "ifo"},
}
STEP_KEYS = tuple(STEP_OF)


def keys(mistake):
    """The mistakes as a frozenset of keys (None: none; a string: one)."""
    if mistake is None:
        return frozenset()
    return frozenset([mistake]) if isinstance(mistake, str) else frozenset(mistake)


def step(x, h, c, kernel, recurrent_kernel, bias, mistake=None):
    """One LSTM step (Keras's layout, gates i, f, c, o), optionally with STEP_KEYS' mistakes."""
    m = keys(mistake)
    if "zero_state" in m:
        h, c = np.zeros_like(h), np.zeros_like(c)  # (batch, units) each
    w, u = (recurrent_kernel, kernel) if "kernels_swapped" in m else (kernel, recurrent_kernel)
    xw = 0.0 if "no_x_term" in m else x @ (w.T if "transposed" in m else w)  # (batch, 4*units); .T raises
    hu = 0.0 if "no_h_term" in m else (c if "c_for_h_recurrent" in m else h) @ (
        u.T if "transposed_recurrent" in m else u)  # (batch, 4*units)
    z = xw + hu + (0.0 if "no_bias" in m else bias)  # (batch, 4*units)
    i, f, c_tilde, o = np.split(z, 4, axis=0 if "split_rows" in m else 1)  # each (batch, units)
    if "interleaved_gates" in m:
        i, f, c_tilde, o = (z[:, k::4] for k in range(4))  # every 4th column: each (batch, units)
    if "gate_order" in m:
        c_tilde, o = o, c_tilde  # read as i, f, o, c
    if "if_swapped" in m:
        i, f = f, i  # read as f, i, c, o
    if "tf1_gate_order" in m:
        f, c_tilde = c_tilde, f  # read as i, c, f, o (TensorFlow 1's LSTMCell)
    gate = hard_sigmoid_keras2 if "hard_sigmoid" in m else hard_sigmoid if "hard_sigmoid_keras3" in m else sigmoid
    if "gate_sign" in m:
        gate = (lambda g: lambda v: g(-v))(gate)  # 1 / (1 + exp(v))
    act = {"i": gate, "f": gate, "o": gate}
    for g in "ifo":
        if f"tanh_gate_{g}" in m:
            act[g] = np.tanh
        if f"raw_gate_{g}" in m:
            act[g] = lambda v: v
    cand = sigmoid if "sigmoid_candidate" in m else (lambda v: v) if "no_candidate_activation" in m else (
        relu if m & {"relu", "relu_candidate"} else np.tanh)
    i, f, c_tilde, o = act["i"](i), act["f"](f), cand(c_tilde), act["o"](o)  # each (batch, units)
    forget = c if "forget_not_applied" in m else f + c if "forget_added" in m else (
        (1 - f) * c if "forget_inverted" in m else f * c)  # (batch, units)
    write = i + c_tilde if "candidate_added" in m else (1 - f) * c_tilde if "coupled_input" in m else (
        c_tilde if "no_input_gate" in m else i * c_tilde)  # (batch, units)
    c_new = (0.0 if "no_forget_term" in m else forget) + (0.0 if "no_input_term" in m else write)  # (batch, units)
    if "tanh_c_stored" in m:
        c_new = np.tanh(c_new)
    out = relu if "relu" in m else np.tanh
    c_read = c if "h_from_old_c" in m else c_new  # h from the state before the update
    shown = c_read if "no_tanh_c" in m else out(c_read)  # (batch, units)
    h_new = o + shown if "output_added" in m else out(o * c_read) if "o_inside_tanh" in m else o * shown  # (batch, units)
    return h_new, c_new + np.zeros_like(h_new)


def step_answer(x, h, c, kernel, recurrent_kernel, bias, mistake=None):
    """lstm_step's answer (h, c) with step mistakes, plus `h_c_swapped` (returns c, h)."""
    h_new, c_new = step(x, h, c, kernel, recurrent_kernel, bias, keys(mistake) - {"h_c_swapped"})
    return (c_new, h_new) if "h_c_swapped" in keys(mistake) else (h_new, c_new)


# a layer's own mistakes (besides every step mistake, which `layer` passes to `step`), with the step they change
LAYER_OF = {
    "last_only": "output", "sequence_not_last": "output", "swap_state": "state_out", "zero_start": "initial_state",
    "swap_initial": "initial_state", "reset_each_step": "carry", "reset_c_each_step": "carry",
    "reset_h_each_step": "carry", "time_major": "stack", "x_batch_index": "time_slice", "c_sequence": "stack",
    "initial_each_step": "carry", "h0_only": "initial_state", "no_return_state": "state_out",
    "state_without_c": "state_out", "reversed_time": "time_slice", "one_step_short": "time_slice",
    "zero_recorded": "collect", "h_before_update": "collect", "first_output": "output",
    "forget_from_initial": "carry", "recurrent_from_initial": "carry",
}
LAYER_KEYS = tuple(LAYER_OF)


def layer(x, kernel, recurrent_kernel, bias, return_sequences=False, return_state=False, initial_state=None,
          mistake=None):
    """An LSTM layer built on `step`, with the step's mistakes plus LAYER_KEYS'."""
    m = keys(mistake)
    inner = m & set(STEP_KEYS)
    batch, timesteps, _ = x.shape
    units = recurrent_kernel.shape[0]
    zeros = initial_state is None or "zero_start" in m
    h, c = (np.zeros((batch, units)), np.zeros((batch, units))) if zeros else initial_state  # (batch, units) each
    if "swap_initial" in m:
        h, c = c, h
    if "h0_only" in m and not zeros:
        c = np.zeros_like(c)
    start = (h, c)
    outputs = []
    steps = timesteps - 1 if "one_step_short" in m else timesteps
    order = reversed(range(steps)) if "reversed_time" in m else range(steps)
    if "zero_recorded" in m:
        outputs.append(h)  # the initial state recorded as a first output
    for t in order:
        if "reset_each_step" in m:
            h, c = np.zeros_like(h), np.zeros_like(c)  # (batch, units) each
        if "reset_c_each_step" in m:
            c = np.zeros_like(c)
        if "reset_h_each_step" in m:
            h = np.zeros_like(h)
        if "initial_each_step" in m:
            h, c = start
        x_t = x[t] if "x_batch_index" in m else x[:, t]  # (batch, features), or a sample's sequence
        if "h_before_update" in m:
            outputs.append(h)
        h, c = step(x_t, start[0] if "recurrent_from_initial" in m else h,
                    start[1] if "forget_from_initial" in m else c, kernel, recurrent_kernel, bias, inner)
        if "h_before_update" not in m:
            outputs.append(c if "c_sequence" in m else h)
    sequence = np.stack(outputs) if "time_major" in m else np.stack(outputs, axis=1)  # (batch, timesteps, units)
    if "sequence_not_last" in m:
        output = sequence
    elif "last_only" in m:
        output = h
    elif "first_output" in m and not return_sequences:
        output = outputs[0]
    else:
        output = sequence if return_sequences else h  # (batch, [timesteps,] units)
    if not return_state or "no_return_state" in m:
        return output
    if "state_without_c" in m:
        return [output, h]
    return [output, c, h] if "swap_state" in m else [output, h, c]
