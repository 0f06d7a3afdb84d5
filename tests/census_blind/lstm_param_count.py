"""Blind wrong attempts at lstm_param_count."""
from . import BlindAttempt as A

R = "4 * (units * (features + units) + units)"

ATTEMPTS = [
    A("lstm_param_count", "two bias vectors per gate (PyTorch's b_ih and b_hh)", [(R, "4 * (units * (features + units) + 2 * units)")], 1),
    A("lstm_param_count", "three gates instead of four (the candidate not counted as a block)", [(R, "3 * (units * (features + units) + units)")], 1),
    A("lstm_param_count", "biases not counted", [(R, "4 * (units * (features + units))")], 1),
    A("lstm_param_count", "recurrent kernel not counted (only input weights and bias)", [(R, "4 * (units * features + units)")], 1),
    A("lstm_param_count", "one bias vector for the whole layer instead of one per gate", [(R, "4 * units * (features + units) + units")], 1),
    A("lstm_param_count", "recurrent kernel sized features x 4*units instead of units x 4*units", [(R, "4 * (units * (features + features) + units)")], 1),
    A("lstm_param_count", "a single block (SimpleRNN's count), no factor 4", [(R, "units * (features + units) + units")], 1),
    A("lstm_param_count", "bias sized by the features instead of the units", [(R, "4 * (units * (features + units) + features)")], 1),
    A("lstm_param_count", "recurrent kernel counted as units x units, without the factor 4", [(R, "4 * units * features + units * units + 4 * units")], 1),
    A("lstm_param_count", "weights counted for one gate, biases for four", [(R, "units * (features + units) + 4 * units")], 1),
    A("lstm_param_count", "units and features swapped in the input kernel's product: features * features", [(R, "4 * (features * features + units * units + units)")], 1),
    A("lstm_param_count", "units counted as independent one-unit LSTMs (seed 001's 'n independent copies'): each unit's recurrent weight sees only its own h",
      [(R, "units * 4 * (features + 1 + 1)")], 1),
    # compounds
    A("lstm_param_count", "three gates, and two bias vectors per gate", [(R, "3 * (units * (features + units) + 2 * units)")], 2),
    A("lstm_param_count", "three gates, and no biases", [(R, "3 * (units * (features + units))")], 2),
    A("lstm_param_count", "recurrent kernel not counted, and three gates", [(R, "3 * (units * features + units)")], 2),
    A("lstm_param_count", "no factor 4 (one block), and no bias", [(R, "units * (features + units)")], 2),
]
