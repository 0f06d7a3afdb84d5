"""Blind wrong attempts at lstm_param_count."""
from . import BlindAttempt as A

I = "lstm_param_count"
R = "return 4 * (units * (features + units) + units)"
ATTEMPTS = [
    A(I, "PyTorch's count: two bias vectors per gate (b_ih and b_hh)", [(R, "return 4 * (units * (features + units) + 2 * units)")], 1),
    A(I, "three gates counted instead of four blocks", [(R, "return 3 * (units * (features + units) + units)")], 1),
    A(I, "biases left out", [(R, "return 4 * (units * (features + units))")], 1),
    A(I, "recurrent kernel (units x units) left out", [(R, "return 4 * (units * features + units)")], 1),
    A(I, "one gate's parameters only, not multiplied by 4", [(R, "return units * (features + units) + units")], 1),
    A(I, "a single bias vector of size units, not one per gate", [(R, "return 4 * units * (features + units) + units")], 1),
    A(I, "recurrent kernel counted once (units x units), not once per gate",
      [(R, "return 4 * units * features + units * units + 4 * units")], 1),
    A(I, "recurrent kernel sized features x units instead of units x units",
      [(R, "return 4 * (units * (features + features) + units)")], 1),
    A(I, "three gates AND two biases per gate (PyTorch)", [(R, "return 3 * (units * (features + units) + 2 * units)")], 2),
    A(I, "no biases AND no multiplication by 4", [(R, "return units * (features + units)")], 2),
]
