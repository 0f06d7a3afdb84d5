"""Lesson 01, one cell: one LSTM step, its parameter count, and the gate blocks of a weight."""
import numpy as np

from ..reference.cell import lstm_step as ref_step
from ..reference.weights import split_gates as ref_split
from ..shapes.specs import LSTM
from . import variants
from .inputs import lstm_weights, sizes
from .item import Item, Mistake

LESSON = "01_one_cell"

STEP_MISTAKES = (
    Mistake("gate order (i, f, o, c)", lambda **k: variants.step(**k, mistake="gate_order"),
            "Keras stores the gates as i, f, c, o: z[:, 2*units:3*units] is the candidate c_tilde, z[:, 3*units:] the output gate o."),
    Mistake("transposed kernel", lambda **k: variants.step(**k, mistake="transposed"),
            "kernel is (features, 4*units) in Keras: use x @ kernel, not x @ kernel.T."),
    Mistake("missing tanh on c", lambda **k: variants.step(**k, mistake="no_tanh_c"),
            "h = o * tanh(c), not o * c."),
    Mistake("sigmoid on the candidate", lambda **k: variants.step(**k, mistake="sigmoid_candidate"),
            "the candidate c_tilde uses tanh (values in -1..1); only i, f and o use the sigmoid."),
    Mistake("h and c swapped", lambda **k: variants.step(**k)[::-1],
            "return (h, c) in that order: h = o * tanh(c) is the output, c the cell state."),
    Mistake("ignoring the initial state", lambda **k: variants.step(**k, mistake="zero_state"),
            "the step must use the h and c it is given (z uses h @ recurrent_kernel, and c = f * c + i * c_tilde)."),
)


def _step_cases(rng):
    """One square-friendly case (features = 4*units) first, then general ones."""
    for square in (True, False, False, False):
        batch, features, units = sizes(rng, square)
        kernel, recurrent_kernel, bias = lstm_weights(rng, features, units)
        yield dict(x=rng.normal(size=(batch, features)), h=rng.normal(0, 0.5, (batch, units)),
                   c=rng.normal(0, 0.5, (batch, units)), kernel=kernel, recurrent_kernel=recurrent_kernel, bias=bias)


def _count_cases(rng):
    yield dict(units=64, features=2)  # the seed's first layer: 17152
    for _ in range(4):
        yield dict(units=int(rng.integers(1, 200)), features=int(rng.integers(1, 300)))


def _split_cases(rng):
    for rows, units in ((4, 3), (8, 2), (int(rng.integers(1, 6)) * 4, int(rng.integers(1, 5)))):
        yield dict(weight=rng.normal(size=(rows, 4 * units)))


def _blocks(weight, order=(0, 1, 2, 3), axis=-1):
    parts = np.split(weight, 4, axis=axis)  # 4 x (rows, units)
    return tuple(parts[k] for k in order)


ITEMS = [
    Item("lstm_step", LESSON, 3, "One LSTM step", ("x", "h", "c", "kernel", "recurrent_kernel", "bias"),
         _step_cases, lambda **k: ref_step(**k), outputs=("h", "c"), mistakes=STEP_MISTAKES,
         meaning="Your step computes h and c as keras.layers.LSTMCell does (to float32 precision)."),
    Item("lstm_param_count", LESSON, 1, "Parameters of an LSTM layer", ("units", "features"),
         _count_cases, lambda units, features: LSTM(units).params(features)[0], outputs=("count",), exact=True,
         mistakes=(
             Mistake("one gate instead of four", lambda units, features: units * (features + units) + units,
                     "each of the 4 gates (i, f, c, o) has its own kernel, recurrent kernel and bias: 4 * (...)."),
             Mistake("missing the bias", lambda units, features: 4 * units * (features + units),
                     "each gate has a bias of `units` numbers: 4 * (units * (features + units) + units)."),
             Mistake("missing the recurrent kernel", lambda units, features: 4 * (units * features + units),
                     "h feeds back through a (units, 4*units) recurrent kernel: units * (features + units)."),
         ),
         meaning="4 * (units * (features + units) + units): it does not depend on the number of time steps."),
    Item("split_gates", LESSON, 1, "The gate blocks of a weight", ("weight",),
         _split_cases, lambda weight: tuple(ref_split(weight)[g] for g in "ifco"), outputs=("i", "f", "c", "o"),
         mistakes=(
             Mistake("gate order (i, f, o, c)", lambda weight: _blocks(weight, (0, 1, 3, 2)),
                     "Keras's column blocks are i, f, c, o (candidate third, output gate last)."),
             Mistake("split along the wrong axis", lambda weight: _blocks(weight, axis=0),
                     "the gates are column blocks: split the last axis (4*units), not the rows."),
         ),
         meaning="You can read any LSTM weight gate by gate, in Keras's order i, f, c, o."),
]
