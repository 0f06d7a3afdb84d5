"""Blind wrong attempts at lstm_step (one LSTM step)."""
from . import BlindAttempt as A

Z = "z = x @ kernel + h @ recurrent_kernel + bias"
SPLIT = "i, f, c_tilde, o = np.split(z, 4, axis=1)"
ACT = "i, f, o = sigmoid(i), sigmoid(f), sigmoid(o)"
CAND = "c_tilde = np.tanh(c_tilde)"
C = "c = f * c + i * c_tilde"
H = "h = o * np.tanh(c)"

ATTEMPTS = [
    A("lstm_step", "forget gate added to the old cell state instead of multiplied: c = f + c + i*c~",
      [(C, "c = f + c + i * c_tilde")], 1),
    A("lstm_step", "TF1's gate order (i, c, f, o): the second block read as the candidate, the third as the forget gate",
      [(SPLIT, "i, c_tilde, f, o = np.split(z, 4, axis=1)")], 1),
    A("lstm_step", "gate order i, f, o, c (the 'ifog' layout): output gate and candidate blocks swapped",
      [(SPLIT, "i, f, o, c_tilde = np.split(z, 4, axis=1)")], 1),
    A("lstm_step", "h computed from the old cell state: the h line runs before the c update",
      [(f"    {C}  # (batch, units)\n    {H}  # (batch, units)\n",
        f"    {H}  # (batch, units)\n    {C}  # (batch, units)\n")], 1),
    A("lstm_step", "no tanh on the cell state in the output: h = o * c",
      [(H, "h = o * c")], 1),
    A("lstm_step", "sigmoid instead of tanh on the candidate c~",
      [(CAND, "c_tilde = sigmoid(c_tilde)")], 1),
    A("lstm_step", "tanh instead of sigmoid on the output gate o",
      [(ACT, "i, f, o = sigmoid(i), sigmoid(f), np.tanh(o)")], 1),
    A("lstm_step", "bias left out of the pre-activation",
      [(Z, "z = x @ kernel + h @ recurrent_kernel")], 1),
    A("lstm_step", "recurrent term h @ recurrent_kernel left out of the pre-activation",
      [(Z, "z = x @ kernel + bias")], 1),
    A("lstm_step", "gate columns taken interleaved (every 4th column) instead of four contiguous blocks",
      [("np.split(z, 4, axis=1)", "(z[:, k::4] for k in range(4))")], 1),
    A("lstm_step", "coupled input and forget gates (GRU-style): the input gate is replaced by 1 - f",
      [(C, "c = f * c + (1 - f) * c_tilde")], 1),
    A("lstm_step", "Keras 2's hard_sigmoid clip(0.2x + 0.5, 0, 1) for the gates instead of sigmoid",
      [(ACT, "i, f, o = (np.clip(0.2 * g + 0.5, 0, 1) for g in (i, f, o))")], 1),
    A("lstm_step", "returns (c, h) instead of (h, c)",
      [("return h, c", "return c, h")], 1),
    A("lstm_step", "forget gate used as 'how much to forget': c = (1 - f) * c + i * c~",
      [(C, "c = (1 - f) * c + i * c_tilde")], 1),
    A("lstm_step", "output gate inside the tanh: h = tanh(o * c)",
      [(H, "h = np.tanh(o * c)")], 1),
    A("lstm_step", "ReLU instead of tanh on the candidate c~",
      [(CAND, "c_tilde = np.maximum(c_tilde, 0)")], 1),
    # compounds
    A("lstm_step", "TF1's gate order (i, c, f, o), and the bias left out",
      [(SPLIT, "i, c_tilde, f, o = np.split(z, 4, axis=1)"), (Z, "z = x @ kernel + h @ recurrent_kernel")], 2),
    A("lstm_step", "forget gate added instead of multiplied, and h computed from the old cell state",
      [(f"    {C}  # (batch, units)\n    {H}  # (batch, units)\n",
        f"    {H}  # (batch, units)\n    c = f + c + i * c_tilde  # (batch, units)\n")], 2),
    A("lstm_step", "sigmoid on the candidate, and no tanh on c in the output (h = o * c)",
      [(CAND, "c_tilde = sigmoid(c_tilde)"), (H, "h = o * c")], 2),
    A("lstm_step", "Keras 2's hard_sigmoid for the gates, and (c, h) returned instead of (h, c)",
      [(ACT, "i, f, o = (np.clip(0.2 * g + 0.5, 0, 1) for g in (i, f, o))"), ("return h, c", "return c, h")], 2),
]
