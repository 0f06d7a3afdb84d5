"""Blind wrong attempts at stack_forward.

The two that carry state between layers, and the one where every layer reads x, run only where the sizes allow
(equal units, or units equal to the features) and raise a shape error elsewhere, as a learner's code would.
"""
from . import BlindAttempt as A

INIT = "        h = c = np.zeros((seq.shape[0], units))  # each layer starts from zero state\n"
FOR = "    for kernel, recurrent_kernel, bias in lstm_weights:\n"
CARRY = [(INIT, "        if h is None:\n            h = c = np.zeros((seq.shape[0], units))\n"), (FOR, "    h = c = None\n" + FOR)]
LOOP = "        for t in range(seq.shape[1]):\n"
SEQ = "seq = np.stack(outputs, axis=1)"
RET = "return h @ dense_kernel + dense_bias"

ATTEMPTS = [
    A("stack_forward", "layer k's final (h, c) passed as layer k+1's initial state instead of zeros", CARRY, 1),
    A("stack_forward", "only the last h passed to the next layer (a one-step sequence), not the whole h sequence",
      [(SEQ, "seq = h[:, None, :]")], 1),
    A("stack_forward", "Dense applied to the mean of the last layer's h over time instead of its last h",
      [(RET, "return seq.mean(axis=1) @ dense_kernel + dense_bias")], 1),
    A("stack_forward", "Dense applied to the last cell state c instead of h", [(RET, "return c @ dense_kernel + dense_bias")], 1),
    A("stack_forward", "every layer reads the model's input x instead of the previous layer's sequence (seed 000's belief)",
      [("z = seq[:, t] @ kernel", "z = x[:, t] @ kernel")], 1),
    A("stack_forward", "Dense applied to the first time step's h of the last layer", [(RET, "return seq[:, 0] @ dense_kernel + dense_bias")], 1),
    A("stack_forward", "state reset to zeros at every time step inside each layer", [(INIT, ""), (LOOP, LOOP + "    " + INIT)], 1),
    A("stack_forward", "TF1's gate order (i, c, f, o)", [("i, f, c_tilde, o = np.split", "i, c_tilde, f, o = np.split")], 1),
    A("stack_forward", "each layer's cell states c passed on as the next layer's input instead of h", [("outputs.append(h)", "outputs.append(c)")], 1),
    A("stack_forward", "Dense bias left out", [(RET, "return h @ dense_kernel")], 1),
    A("stack_forward", "tanh applied to the Dense output (Dense is linear by default)", [(RET, "return np.tanh(h @ dense_kernel + dense_bias)")], 1),
    A("stack_forward", "Dense applied to every time step: returns (batch, timesteps, outputs)", [(RET, "return seq @ dense_kernel + dense_bias")], 1),
    # compounds
    A("stack_forward", "only the last h passed to the next layer, and tanh on the Dense output",
      [(SEQ, "seq = h[:, None, :]"), (RET, "return np.tanh(h @ dense_kernel + dense_bias)")], 2),
    A("stack_forward", "final (h, c) carried into the next layer, and Dense applied to c instead of h",
      CARRY + [(RET, "return c @ dense_kernel + dense_bias")], 2),
    A("stack_forward", "TF1's gate order, and Dense on the mean over time",
      [("i, f, c_tilde, o = np.split", "i, c_tilde, f, o = np.split"), (RET, "return seq.mean(axis=1) @ dense_kernel + dense_bias")], 2),
]
