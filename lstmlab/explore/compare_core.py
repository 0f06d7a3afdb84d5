"""The learner's lstm_step beside the reference on the same inputs: where the two first part, and at which gate."""
from dataclasses import dataclass

import numpy as np

from ..messages import msg
from ..reference.cell import lstm_step as reference_step
from ..reference.validate import fmt_shape

GATE_NAMES = ("i", "f", "c~", "o")  # Keras's order: the bias blocks of i, f, c (candidate), o
FORMULAS = {"i": "c = f*c + i*c~, i = sigmoid(...)", "f": "c = f*c + i*c~, f = sigmoid(...)",
            "c~": "c = f*c + i*c~, c~ = tanh(...)", "o": "h = o*tanh(c), o = sigmoid(...)"}  # not learner-facing: code
RTOL, ATOL = 1e-5, 1e-6  # float32 answers pass; a wrong formula differs by far more
EPS = 1e-4  # the bias nudge that asks each gate how it reacts


class StepFailed(ValueError):
    """The learner's step could not be run to the end; the message says at which step and why."""


@dataclass(frozen=True)
class Difference:
    """Where the learner's step first parts from the reference: step t (0-based), output 'c' or 'h', and a gate."""

    t: int
    key: str
    expected: np.ndarray  # (units,)
    got: np.ndarray  # (units,)
    gate: str = None  # "i", "f", "c~", "o", or None when every gate reacts as the reference's


def _call(step, t, x, h, c, weights, function):
    """One learner step as check() calls it: (1, features), (1, units), (1, units), weights -> (h, c), (1, units)."""
    units = h.shape[1]
    try:
        out = step(x.copy(), h.copy(), c.copy(), *(w.copy() for w in weights))
    except NotImplementedError:
        raise StepFailed(msg("note.not_attempted", function=function)) from None
    except Exception as exc:
        raise StepFailed(msg("explore.compare.raised", function=function, t=t + 1,
                             error=f"{type(exc).__name__}: {str(exc)[:200]}")) from None
    try:
        h_new, c_new = (np.asarray(a, dtype=float) for a in out)
        if h_new.size != units or c_new.size != units:
            raise ValueError
    except (TypeError, ValueError):
        got = (f"{type(out).__name__} of {len(out)}" if isinstance(out, (tuple, list)) else type(out).__name__)
        raise StepFailed(msg("explore.compare.bad_return", function=function, t=t + 1, shape=fmt_shape((1, units)),
                             got=got)) from None
    return h_new.reshape(1, units), c_new.reshape(1, units)  # (1, units) each


def learner_trace(step, x, kernel, recurrent_kernel, bias, function="lstm_step"):
    """Run `step` over x (timesteps, features) from zeros, carrying its own (h, c): dict h, c (timesteps, units)."""
    units = recurrent_kernel.shape[0]
    h, c = np.zeros((1, units)), np.zeros((1, units))  # (1, units) each
    hs, cs = [], []
    for t in range(x.shape[0]):
        h, c = _call(step, t, x[t:t + 1], h, c, (kernel, recurrent_kernel, bias), function)
        hs.append(h[0])
        cs.append(c[0])
    return {"h": np.stack(hs), "c": np.stack(cs)}  # each (timesteps, units)


def _reacts(step, x_t, h, c, weights, gate, key):
    """How output `key` of `step` moves when gate `gate`'s bias block is nudged by EPS (central difference)."""
    kernel, recurrent_kernel, bias = weights
    units = recurrent_kernel.shape[0]
    moved = []
    for sign in (1, -1):
        b = bias.copy()  # (4*units,)
        b[gate * units:(gate + 1) * units] += sign * EPS
        h_new, c_new = step(x_t, h, c, kernel, recurrent_kernel, b)
        moved.append(np.asarray(h_new if key == "h" else c_new, dtype=float).reshape(-1))  # (units,)
    return (moved[0] - moved[1]) / (2 * EPS)  # (units,)


def _slip(order=(0, 1, 2, 3), acts=("sigmoid", "sigmoid", "tanh", "sigmoid"), tanh_c=True):
    """A reference step with one classic slip: the gate blocks read in another order, or other activations."""
    fns = {"sigmoid": lambda v: 1 / (1 + np.exp(-v)), "tanh": np.tanh, "none": lambda v: v}

    def step(x, h, c, kernel, recurrent_kernel, bias):
        z = x @ kernel + h @ recurrent_kernel + bias  # (1, 4*units)
        u = h.shape[1]
        i, f, g, o = (fns[a](z[:, k * u:(k + 1) * u]) for k, a in zip(order, acts))  # (1, units) each
        c = f * c + i * g  # (1, units)
        return o * (np.tanh(c) if tanh_c else c), c
    return step


SLIPS = (  # (gate, slip): the gate named when the learner's step matches the slip at the first differing step
    ("i", _slip(order=(1, 0, 2, 3))), ("c~", _slip(order=(0, 1, 3, 2))), ("i", _slip(order=(2, 1, 0, 3))),
    ("c~", _slip(acts=("sigmoid", "sigmoid", "none", "sigmoid"))),
    ("c~", _slip(acts=("sigmoid", "sigmoid", "sigmoid", "sigmoid"))),
    ("i", _slip(acts=("tanh", "sigmoid", "tanh", "sigmoid"))),
    ("f", _slip(acts=("sigmoid", "tanh", "tanh", "sigmoid"))),
    ("o", _slip(acts=("sigmoid", "sigmoid", "tanh", "tanh"))), ("o", _slip(tanh_c=False)),
)


def suspect_gate(step, x_t, h, c, weights):
    """The gate where the learner's step goes wrong at one step from the same (h, c): the gate of a classic slip it
    matches, else the first gate, in Keras's order i, f, c~, o, whose bias moves its c (i, f, c~) or h (o) unlike the
    reference's; None when all react alike."""
    try:
        mine = [np.asarray(a, dtype=float).reshape(-1) for a in step(x_t, h, c, *weights)]  # h, c: (units,) each
        for gate, slip in SLIPS:
            if all(np.allclose(a, b, rtol=RTOL, atol=ATOL) for a, b in zip(mine, slip(x_t, h, c, *weights))):
                return gate
        for gate, name in enumerate(GATE_NAMES):
            key = "h" if name == "o" else "c"
            if not np.allclose(_reacts(step, x_t, h, c, weights, gate, key),
                               _reacts(reference_step, x_t, h, c, weights, gate, key), rtol=1e-3, atol=1e-5):
                return name
    except Exception:
        return None  # the learner's step runs on the explorer's inputs but not on these: no gate to name
    return None


def compare_steps(step, x, kernel, recurrent_kernel, bias, reference, function="lstm_step"):
    """(learner trace, Difference or None): the learner's step over x beside the reference trace (cell_trace's)."""
    mine = learner_trace(step, x, kernel, recurrent_kernel, bias, function)
    weights = (kernel, recurrent_kernel, bias)
    for t in range(x.shape[0]):
        for key in ("c", "h"):  # c first: h is computed from it
            if not np.allclose(mine[key][t], reference[key][t], rtol=RTOL, atol=ATOL):
                units = recurrent_kernel.shape[0]
                h = reference["h"][t - 1:t] if t else np.zeros((1, units))  # (1, units): both start step t from here
                c = reference["c"][t - 1:t] if t else np.zeros((1, units))  # (1, units)
                gate = suspect_gate(step, x[t:t + 1], h, c, weights)
                return mine, Difference(t, key, reference[key][t], mine[key][t], gate)
    return mine, None


def comparison_html(difference, mine, n_steps, function="lstm_step"):
    """The report under the side-by-side heatmaps: the same at every step, or where and how they first part."""
    if difference is None:
        same = msg("explore.compare.same", function=function, n=n_steps)
        return f"<p class='lstmlab-compare-same' style='color:#276749'>{same}</p>"
    d = difference
    fmt = lambda a: "[" + ", ".join(f"{v:.6g}" for v in a) + "]"
    lines = [msg("explore.compare.differs", function=function, t=d.t + 1, output=d.key, expected=fmt(d.expected),
                 got=fmt(d.got))]
    lines.append(msg("explore.compare.gate", gate=d.gate, formula=FORMULAS[d.gate]) if d.gate
                 else msg("explore.compare.no_gate"))
    largest = float(np.abs(mine["h"]).max())
    if largest > 1 + 1e-9:
        lines.append(msg("explore.compare.h_range", largest=f"{largest:.3g}"))
    body = "<br>".join(lines)
    return f"<p class='lstmlab-compare-differs' style='color:#9b2c2c'>{body}</p>"
