"""Lesson 06, training: the backward pass of one LSTM step, then BPTT through a layer."""
import numpy as np

from ..reference.activations import sigmoid
from ..reference.backward import lstm_layer_backward as ref_layer_backward
from ..reference.backward import lstm_step_backward as ref_step_backward
from .inputs import lstm_weights, sizes
from .item import Item, Mistake

LESSON = "06_training"
STEP_OUTPUTS = ("dx", "dh_prev", "dc_prev", "dkernel", "drecurrent_kernel", "dbias")
LAYER_OUTPUTS = ("dx", "dkernel", "drecurrent_kernel", "dbias")


def step_variant(dh, dc, x, h_prev, c_prev, kernel, recurrent_kernel, bias, mistake=None):
    """One step's backward pass with a named mistake (wrong on purpose, for diagnosis); returns the 6 gradients."""
    z = x @ kernel + h_prev @ recurrent_kernel + bias  # (batch, 4*units)
    z_i, z_f, z_c, z_o = np.split(z, 4, axis=1)  # each (batch, units)
    i, f, c_tilde, o = sigmoid(z_i), sigmoid(z_f), np.tanh(z_c), sigmoid(z_o)  # each (batch, units)
    c = f * c_prev + i * c_tilde  # (batch, units)
    through_h = {"no_h_path": 0.0, "no_tanh_prime": dh * o}.get(mistake, dh * o * (1 - np.tanh(c) ** 2))  # (batch, units)
    dc_total = (0.0 if mistake == "ignore_dc" else dc) + through_h  # (batch, units)
    d_sig = (lambda s: s) if mistake == "sigmoid_prime" else (lambda s: s * (1 - s))
    d_cand = 1.0 if mistake == "no_candidate_prime" else 1 - c_tilde ** 2  # (batch, units)
    dz = np.concatenate([dc_total * c_tilde * d_sig(i), dc_total * c_prev * d_sig(f), dc_total * i * d_cand,
                         dh * np.tanh(c) * d_sig(o)], axis=1)  # (batch, 4*units)
    dc_prev = dc_total if mistake == "dc_prev_without_f" else dc_total * f  # (batch, units)
    return (dz @ kernel.T, dz @ recurrent_kernel.T, dc_prev, x.T @ dz, h_prev.T @ dz, dz.sum(axis=0))


def layer_variant(doutput, x, kernel, recurrent_kernel, bias, mistake=None):
    """BPTT (return_sequences=True, zero initial state) with a named mistake; returns dx, dkernel, drecurrent_kernel, dbias."""
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
    for t in order:
        carried_h = 0.0 if mistake == "no_dh_carry" else dh
        carried_c = 0.0 if mistake == "no_dc_carry" else dc
        g = step_variant(doutput[:, t] + carried_h, carried_c + np.zeros((batch, units)), x[:, t], hs[t], cs[t],
                         kernel, recurrent_kernel, bias)
        dx[:, t], dh, dc = g[0], g[1], g[2]
        if mistake == "not_summed":
            dkernel, drecurrent_kernel, dbias = g[3], g[4], g[5]
        else:
            dkernel, drecurrent_kernel, dbias = dkernel + g[3], drecurrent_kernel + g[4], dbias + g[5]
    return dx, dkernel, drecurrent_kernel, dbias


def _step_mistake(name, key, explain):
    return Mistake(name, lambda **k: step_variant(**k, mistake=key), explain)


def _layer_mistake(name, key, explain):
    return Mistake(name, lambda **k: layer_variant(**k, mistake=key), explain)


STEP_MISTAKES = (
    _step_mistake("no gradient from h into c", "no_h_path",
                  "h = o * tanh(c), so c also reaches the loss through h: dc_total = dc + dh * o * (1 - tanh(c)**2)."),
    _step_mistake("missing tanh' on the path through h", "no_tanh_prime",
                  "the path from c to h goes through tanh: dc_total = dc + dh * o * (1 - tanh(c)**2), not dc + dh * o."),
    _step_mistake("ignoring the incoming dc", "ignore_dc",
                  "dc (the gradient from the next step's cell state) adds to the gradient through h: dc_total = dc + ..."),
    _step_mistake("sigmoid derivative written as s", "sigmoid_prime",
                  "d sigmoid(z)/dz = s * (1 - s) where s = sigmoid(z), for each of i, f and o."),
    _step_mistake("missing tanh' on the candidate", "no_candidate_prime",
                  "c_tilde = tanh(z_c): dz_c = dc_total * i * (1 - c_tilde**2)."),
    _step_mistake("dc_prev not multiplied by f", "dc_prev_without_f",
                  "c = f * c_prev + ...: the gradient reaching c_prev is dc_total * f."),
)

LAYER_MISTAKES = (
    _layer_mistake("dh not carried to the step before", "no_dh_carry",
                   "h_{t-1} fed step t: add step t's dh_prev to doutput[:, t-1] before going back a step."),
    _layer_mistake("dc not carried to the step before", "no_dc_carry",
                   "c_{t-1} fed step t: pass step t's dc_prev as the dc of step t-1."),
    _layer_mistake("loop runs forward in time", "forward_order",
                   "BPTT starts at the last step (whose gradient is complete) and goes back to the first."),
    _layer_mistake("weight gradients not summed over time", "not_summed",
                   "the same kernel is used at every step: dkernel, drecurrent_kernel and dbias are sums over all steps."),
)


def _step_cases(rng):
    for square in (True, False, False, False):
        batch, features, units = sizes(rng, square)
        kernel, recurrent_kernel, bias = lstm_weights(rng, features, units)
        yield dict(dh=rng.normal(size=(batch, units)), dc=rng.normal(size=(batch, units)),
                   x=rng.normal(size=(batch, features)), h_prev=rng.normal(0, 0.5, (batch, units)),
                   c_prev=rng.normal(0, 0.5, (batch, units)), kernel=kernel, recurrent_kernel=recurrent_kernel, bias=bias)


def _layer_cases(rng):
    for square in (True, False, False):
        batch, features, units = sizes(rng, square)
        timesteps = int(rng.integers(3, 7))
        kernel, recurrent_kernel, bias = lstm_weights(rng, features, units)
        yield dict(doutput=rng.normal(size=(batch, timesteps, units)), x=rng.normal(size=(batch, timesteps, features)),
                   kernel=kernel, recurrent_kernel=recurrent_kernel, bias=bias)


def _step_reference(**case):
    grads = ref_step_backward(**case)
    return tuple(grads[name] for name in STEP_OUTPUTS)


def _layer_reference(doutput, x, kernel, recurrent_kernel, bias):
    grads = ref_layer_backward(doutput, x, kernel, recurrent_kernel, bias, return_sequences=True)
    return tuple(grads[name] for name in LAYER_OUTPUTS)


ITEMS = [
    Item("lstm_step_backward", LESSON, 4, "The backward pass of one LSTM step",
         ("dh", "dc", "x", "h_prev", "c_prev", "kernel", "recurrent_kernel", "bias"),
         _step_cases, _step_reference, outputs=STEP_OUTPUTS, mistakes=STEP_MISTAKES, rtol=1e-6, atol=1e-8,
         meaning="Your gradients equal the reference's, which equal finite differences and tf.GradientTape."),
    Item("lstm_layer_backward", LESSON, 3, "Backpropagation through time over a layer",
         ("doutput", "x", "kernel", "recurrent_kernel", "bias"),
         _layer_cases, _layer_reference, outputs=LAYER_OUTPUTS, mistakes=LAYER_MISTAKES, rtol=1e-6, atol=1e-8,
         meaning="Your BPTT carries dh and dc back through time and sums the weight gradients over every step."),
]
