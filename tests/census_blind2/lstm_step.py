"""Blind wrong attempts at lstm_step."""
from . import BlindAttempt as A

I = "lstm_step"
SPLIT = "i, f, c_tilde, o = np.split(z, 4, axis=1)"
ATTEMPTS = [
    A(I, "gates split in TF1's order i, c, f, o (candidate second, forget third)",
      [(SPLIT, "i, c_tilde, f, o = np.split(z, 4, axis=1)")], 1),
    A(I, "tanh instead of sigmoid on the three gates i, f, o",
      [("i, f, o = sigmoid(i), sigmoid(f), sigmoid(o)", "i, f, o = np.tanh(i), np.tanh(f), np.tanh(o)")], 1),
    A(I, "sigmoid instead of tanh on the candidate c_tilde",
      [("c_tilde = np.tanh(c_tilde)", "c_tilde = sigmoid(c_tilde)")], 1),
    A(I, "bias left out of the pre-activation",
      [("+ h @ recurrent_kernel + bias", "+ h @ recurrent_kernel")], 1),
    A(I, "h = o * c: tanh of the new cell state left out",
      [("h = o * np.tanh(c)", "h = o * c")], 1),
    A(I, "no forget gate: c = c + i * c_tilde (old cell state kept whole)",
      [("c = f * c + i * c_tilde", "c = c + i * c_tilde")], 1),
    A(I, "GRU-style coupled gate: c = f * c + (1 - f) * c_tilde, the input gate unused",
      [("c = f * c + i * c_tilde", "c = f * c + (1 - f) * c_tilde")], 1),
    A(I, "h computed from the old cell state (h line before the c update)",
      [("c = f * c + i * c_tilde  # (batch, units)\n    h = o * np.tanh(c)  # (batch, units)",
        "h = o * np.tanh(c)  # (batch, units)\n    c = f * c + i * c_tilde  # (batch, units)")], 1),
    A(I, "returns (c, h) instead of (h, c)",
      [("return h, c", "return c, h")], 1),
    A(I, "TF1 gate order i, c, f, o AND the bias left out",
      [(SPLIT, "i, c_tilde, f, o = np.split(z, 4, axis=1)"), ("+ h @ recurrent_kernel + bias", "+ h @ recurrent_kernel")], 2),
    A(I, "tanh instead of sigmoid on the gates AND h = o * c without tanh",
      [("i, f, o = sigmoid(i), sigmoid(f), sigmoid(o)", "i, f, o = np.tanh(i), np.tanh(f), np.tanh(o)"),
       ("h = o * np.tanh(c)", "h = o * c")], 2),
    A(I, "no forget gate (c = c + i * c_tilde) AND returns (c, h)",
      [("c = f * c + i * c_tilde", "c = c + i * c_tilde"), ("return h, c", "return c, h")], 2),
]
