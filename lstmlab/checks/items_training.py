"""Lesson 06, training: the backward pass of one LSTM step, then BPTT through a layer."""
import numpy as np

from ..reference.activations import sigmoid
from ..reference.backward import lstm_layer_backward as ref_layer_backward
from ..reference.backward import lstm_step_backward as ref_step_backward
from .item import Item, Mistake, lstm_weights, sizes

LESSON = "06_training"
STEP_OUTPUTS = ("dx", "dh_prev", "dc_prev", "dkernel", "drecurrent_kernel", "dbias")
LAYER_OUTPUTS = ("dx", "dkernel", "drecurrent_kernel", "dbias")


STEP_VARIANTS = ("no_h_path", "no_tanh_prime", "ignore_dc", "sigmoid_prime", "sigmoid_prime_of_z", "no_candidate_prime",
                 "tanh_prime_linear", "tanh_prime_of_c", "dz_o_with_c", "dc_prev_without_f", "dc_prev_incoming",
                 "dz_gate_order", "dz_if_swapped", "dx_no_transpose", "dh_prev_no_transpose", "dh_prev_via_kernel",
                 "dkernel_transposed", "dbias_wrong_axis", "dbias_not_summed")


def step_variant(dh, dc, x, h_prev, c_prev, kernel, recurrent_kernel, bias, mistake=None):
    """One step's backward pass with a named mistake (wrong on purpose, for diagnosis); returns the 6 gradients."""
    z = x @ kernel + h_prev @ recurrent_kernel + bias  # (batch, 4*units)
    z_i, z_f, z_c, z_o = np.split(z, 4, axis=1)  # each (batch, units)
    i, f, c_tilde, o = sigmoid(z_i), sigmoid(z_f), np.tanh(z_c), sigmoid(z_o)  # each (batch, units)
    c = f * c_prev + i * c_tilde  # (batch, units)
    tanh_prime = {"tanh_prime_linear": 1 - np.tanh(c), "tanh_prime_of_c": 1 - c ** 2}.get(mistake, 1 - np.tanh(c) ** 2)
    through_h = {"no_h_path": 0.0, "no_tanh_prime": dh * o}.get(mistake, dh * o * tanh_prime)  # (batch, units)
    dc_total = (0.0 if mistake == "ignore_dc" else dc) + through_h  # (batch, units)
    if mistake == "sigmoid_prime":
        d_i, d_f, d_o = i, f, o
    elif mistake == "sigmoid_prime_of_z":
        d_i, d_f, d_o = z_i * (1 - z_i), z_f * (1 - z_f), z_o * (1 - z_o)
    else:
        d_i, d_f, d_o = i * (1 - i), f * (1 - f), o * (1 - o)
    d_cand = 1.0 if mistake == "no_candidate_prime" else 1 - c_tilde ** 2  # (batch, units)
    blocks = {"i": dc_total * c_tilde * d_i, "f": dc_total * c_prev * d_f, "c": dc_total * i * d_cand,
              "o": dh * (c if mistake == "dz_o_with_c" else np.tanh(c)) * d_o}
    order = {"dz_gate_order": "ifoc", "dz_if_swapped": "fico"}.get(mistake, "ifco")
    dz = np.concatenate([blocks[g] for g in order], axis=1)  # (batch, 4*units)
    dc_prev = {"dc_prev_without_f": dc_total, "dc_prev_incoming": dc * f}.get(mistake, dc_total * f)  # (batch, units)
    dx = dz @ kernel if mistake == "dx_no_transpose" else dz @ kernel.T  # (batch, features)
    dh_prev = {"dh_prev_no_transpose": lambda: dz @ recurrent_kernel,
               "dh_prev_via_kernel": lambda: dz @ kernel.T}.get(mistake, lambda: dz @ recurrent_kernel.T)()
    dkernel = dz.T @ x if mistake == "dkernel_transposed" else x.T @ dz  # (features, 4*units)
    dbias = {"dbias_wrong_axis": lambda: dz.sum(axis=1), "dbias_not_summed": lambda: dz}.get(mistake, lambda: dz.sum(axis=0))()
    return dx, dh_prev, dc_prev, dkernel, h_prev.T @ dz, dbias


LAYER_VARIANTS = ("no_dh_carry", "no_dc_carry", "forward_order", "not_summed", "states_after", "doutput_last_only")


def layer_variant(doutput, x, kernel, recurrent_kernel, bias, mistake=None):
    """BPTT (return_sequences=True, zero initial state) with a named mistake, of the layer's or of its step's;
    returns dx, dkernel, drecurrent_kernel, dbias."""
    batch, timesteps, _ = x.shape
    units = recurrent_kernel.shape[0]
    hs, cs = [np.zeros((batch, units))], [np.zeros((batch, units))]  # states before each step
    for t in range(timesteps):
        z = x[:, t] @ kernel + hs[-1] @ recurrent_kernel + bias  # (batch, 4*units)
        i, f, c_tilde, o = np.split(z, 4, axis=1)  # each (batch, units)
        cs.append(sigmoid(f) * cs[-1] + sigmoid(i) * np.tanh(c_tilde))  # (batch, units)
        hs.append(sigmoid(o) * np.tanh(cs[-1]))  # (batch, units)
    dh, dc = np.zeros((batch, units)), np.zeros((batch, units))  # carried from step t+1
    dx = np.zeros_like(x)  # (batch, timesteps, features)
    dkernel, drecurrent_kernel, dbias = np.zeros_like(kernel), np.zeros_like(recurrent_kernel), np.zeros_like(bias)
    order = range(timesteps) if mistake == "forward_order" else reversed(range(timesteps))
    step = mistake if mistake in STEP_VARIANTS else None
    for t in order:
        carried_h = 0.0 if mistake == "no_dh_carry" else dh
        carried_c = 0.0 if mistake == "no_dc_carry" else dc
        given = doutput[:, t] if mistake != "doutput_last_only" or t == timesteps - 1 else 0.0
        before = t + 1 if mistake == "states_after" else t
        g = step_variant(given + carried_h, carried_c + np.zeros((batch, units)), x[:, t], hs[before], cs[before],
                         kernel, recurrent_kernel, bias, step)
        dx[:, t], dh, dc = g[0], g[1], g[2]
        if mistake == "not_summed":
            dkernel, drecurrent_kernel, dbias = g[3], g[4], g[5]
        else:
            dkernel, drecurrent_kernel, dbias = dkernel + g[3], drecurrent_kernel + g[4], dbias + g[5]
    return dx, dkernel, drecurrent_kernel, dbias


def _step_mistake(key, variant):
    return Mistake(key, lambda **k: step_variant(**k, mistake=variant), variant=variant)


def _layer_mistake(key, variant):
    return Mistake(key, lambda **k: layer_variant(**k, mistake=variant), variant=variant)


STEP_MISTAKES = tuple(_step_mistake(key, key) for key in STEP_VARIANTS)

# in a layer, ignoring the incoming dc (or using it alone for dc_prev) is the same as not carrying dc: named that way
LAYER_MISTAKES = tuple(_layer_mistake(key, key) for key in LAYER_VARIANTS + STEP_VARIANTS
                       if key not in ("ignore_dc", "dc_prev_incoming"))


def _step_cases(rng):
    for _ in range(4):
        batch, features, units = sizes(rng)
        kernel, recurrent_kernel, bias = lstm_weights(rng, features, units)
        yield dict(dh=rng.normal(size=(batch, units)), dc=rng.normal(size=(batch, units)),
                   x=rng.normal(size=(batch, features)), h_prev=rng.normal(0, 0.5, (batch, units)),
                   c_prev=rng.normal(0, 0.5, (batch, units)), kernel=kernel, recurrent_kernel=recurrent_kernel, bias=bias)


def _layer_cases(rng):
    for _ in range(3):
        batch, features, units, timesteps = sizes(rng, timesteps=True)
        kernel, recurrent_kernel, bias = lstm_weights(rng, features, units)
        yield dict(doutput=rng.normal(size=(batch, timesteps, units)), x=rng.normal(size=(batch, timesteps, features)),
                   kernel=kernel, recurrent_kernel=recurrent_kernel, bias=bias)


def _step_reference(**case):
    grads = ref_step_backward(**case)
    return tuple(grads[name] for name in STEP_OUTPUTS)


def _layer_reference(doutput, x, kernel, recurrent_kernel, bias):
    grads = ref_layer_backward(doutput, x, kernel, recurrent_kernel, bias, return_sequences=True)
    return tuple(grads[name] for name in LAYER_OUTPUTS)


STEP_AXES = {"dx": ("sample", "feature"), "dh_prev": ("sample", "unit"), "dc_prev": ("sample", "unit"),
             "dkernel": ("feature", "gate"), "drecurrent_kernel": ("unit", "gate"), "dbias": ("gate",)}
LAYER_AXES = {"dx": ("sample", "step", "feature"), "dkernel": ("feature", "gate"), "drecurrent_kernel": ("unit", "gate"),
              "dbias": ("gate",)}

ITEMS = [
    Item("lstm_step_backward", LESSON, 4, ("dh", "dc", "x", "h_prev", "c_prev", "kernel", "recurrent_kernel", "bias"),
         _step_cases, _step_reference, outputs=STEP_OUTPUTS, mistakes=STEP_MISTAKES, rtol=1e-6, atol=1e-8, axes=STEP_AXES),
    Item("lstm_layer_backward", LESSON, 3, ("doutput", "x", "kernel", "recurrent_kernel", "bias"),
         _layer_cases, _layer_reference, outputs=LAYER_OUTPUTS, mistakes=LAYER_MISTAKES, rtol=1e-6, atol=1e-8,
         axes=LAYER_AXES),
]
