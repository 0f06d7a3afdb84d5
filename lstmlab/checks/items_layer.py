"""Lesson 02, through time: an LSTM layer with Keras's flags, an initial state, the last output."""
from ..reference.layer import lstm_layer as ref_layer
from . import variants
from .inputs import lstm_weights, sizes
from .item import Item, Mistake

LESSON = "02_through_time"


def _layer_mistake(name, key, explain):
    return Mistake(name, lambda **k: variants.layer(**k, mistake=key), explain)


LAYER_MISTAKES = (
    _layer_mistake("the last output instead of the sequence", "last_only",
                   "with return_sequences=True return every step's h: (batch, timesteps, units)."),
    _layer_mistake("the sequence instead of the last output", "sequence_not_last",
                   "with return_sequences=False return only the last step's h: (batch, units)."),
    _layer_mistake("gate order (i, f, o, c)", "gate_order",
                   "Keras stores the gates as i, f, c, o: the candidate is the third block, the output gate the fourth."),
    _layer_mistake("transposed kernel", "transposed", "kernel is (features, 4*units): x_t @ kernel, not x_t @ kernel.T."),
    _layer_mistake("missing tanh on c", "no_tanh_c", "h = o * tanh(c), not o * c."),
    _layer_mistake("sigmoid on the candidate", "sigmoid_candidate", "the candidate c_tilde uses tanh, not the sigmoid."),
    _layer_mistake("h and c swapped", "swap_state", "with return_state=True Keras returns [output, h, c], h first."),
    _layer_mistake("state not carried between time steps", "reset_each_step",
                   "h and c from step t are the state of step t+1: start from zeros once, before the loop."),
)


def _sequence_case(rng, square=False):
    batch, features, units = sizes(rng, square)
    timesteps = int(rng.integers(2, 6))
    kernel, recurrent_kernel, bias = lstm_weights(rng, features, units)
    return dict(x=rng.normal(size=(batch, timesteps, features)), kernel=kernel, recurrent_kernel=recurrent_kernel, bias=bias)


def _layer_cases(rng):
    flags = [(True, False), (False, False), (True, True), (False, True), (True, True)]
    for k, (return_sequences, return_state) in enumerate(flags):
        yield dict(_sequence_case(rng, square=k == 0), return_sequences=return_sequences, return_state=return_state)


def _initial_cases(rng):
    for square in (True, False, False):
        case = _sequence_case(rng, square)
        batch, units = case["x"].shape[0], case["recurrent_kernel"].shape[0]
        yield dict(case, h0=rng.normal(0, 0.8, (batch, units)), c0=rng.normal(0, 0.8, (batch, units)))


def _initial_ref(x, kernel, recurrent_kernel, bias, h0, c0, mistake=None):
    if mistake:
        return variants.layer(x, kernel, recurrent_kernel, bias, True, False, [h0, c0], mistake)
    return ref_layer(x, kernel, recurrent_kernel, bias, return_sequences=True, initial_state=[h0, c0])


def _last_cases(rng):
    for batch, timesteps in ((2, 5), (4, 3), (int(rng.integers(1, 6)), int(rng.integers(6, 9)))):
        yield dict(sequence=rng.normal(size=(batch, timesteps, int(rng.integers(1, 5)))))


ITEMS = [
    Item("lstm_layer", LESSON, 3, "An LSTM layer with return_sequences and return_state",
         ("x", "kernel", "recurrent_kernel", "bias", "return_sequences", "return_state"), _layer_cases,
         lambda return_sequences, return_state, **k: ref_layer(**k, return_sequences=return_sequences, return_state=return_state),
         outputs=lambda case: ("output", "h", "c") if case["return_state"] else ("output",), mistakes=LAYER_MISTAKES,
         meaning="Your layer returns what keras.layers.LSTM returns, for every combination of the two flags."),
    Item("lstm_layer_initial_state", LESSON, 2, "An LSTM layer started from a given state",
         ("x", "kernel", "recurrent_kernel", "bias", "h0", "c0"), _initial_cases, _initial_ref, outputs=("output",),
         mistakes=(
             Mistake("ignoring the initial state", lambda **k: _initial_ref(**k, mistake="zero_start"),
                     "start the loop from h = h0 and c = c0, not from zeros (Keras: initial_state=[h0, c0])."),
             Mistake("h and c swapped", lambda **k: _initial_ref(**k, mistake="swap_initial"),
                     "Keras's initial_state is [h0, c0]: h first, then c."),
         ),
         meaning="Your layer continues from a given state, as LSTM(...)(x, initial_state=[h0, c0]) does."),
    Item("last_output", LESSON, 1, "The last output of a sequence", ("sequence",), _last_cases,
         lambda sequence: sequence[:, -1, :], outputs=("last",),
         mistakes=(
             Mistake("the first time step instead of the last", lambda sequence: sequence[:, 0, :],
                     "the last step is sequence[:, -1, :]."),
             Mistake("the last sample instead of the last time step", lambda sequence: sequence[-1],
                     "axis 0 is the batch, axis 1 the time steps: sequence[:, -1, :]."),
         ),
         meaning="sequence[:, -1, :] is what return_sequences=False returns (and equals the final h)."),
]
