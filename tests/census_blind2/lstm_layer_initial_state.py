"""Blind wrong attempts at lstm_layer_initial_state."""
from . import BlindAttempt as A

I = "lstm_layer_initial_state"
SPLIT = "i, f, c_tilde, o = np.split(z, 4, axis=1)"
ATTEMPTS = [
    A(I, "initial state ignored: starts from zeros", [("h, c = h0, c0", "h, c = np.zeros_like(h0), np.zeros_like(c0)")], 1),
    A(I, "h0 and c0 swapped", [("h, c = h0, c0", "h, c = c0, h0")], 1),
    A(I, "h starts from h0 but c from zeros (c0 ignored)", [("h, c = h0, c0", "h, c = h0, np.zeros_like(c0)")], 1),
    A(I, "state reset to (h0, c0) at every time step instead of carried",
      [("        z = x[:, t]", "        h, c = h0, c0\n        z = x[:, t]")], 1),
    A(I, "off by one: returns the state before each step (h0 first, last h dropped)",
      [("outputs = []", "outputs = [h]"), ("np.stack(outputs, axis=1)", "np.stack(outputs[:-1], axis=1)")], 1),
    A(I, "h = o * c: tanh of the cell state left out", [("h = sigmoid(o) * np.tanh(c)", "h = sigmoid(o) * c")], 1),
    A(I, "bias left out", [("+ h @ recurrent_kernel + bias", "+ h @ recurrent_kernel")], 1),
    A(I, "forget gate always multiplies c0 instead of the running c", [("sigmoid(f) * c +", "sigmoid(f) * c0 +")], 1),
    A(I, "h0 and c0 swapped AND h = o * c without tanh",
      [("h, c = h0, c0", "h, c = c0, h0"), ("h = sigmoid(o) * np.tanh(c)", "h = sigmoid(o) * c")], 2),
    A(I, "TF1 gate order i, c, f, o AND the initial state ignored (zeros)",
      [(SPLIT, "i, c_tilde, f, o = np.split(z, 4, axis=1)"), ("h, c = h0, c0", "h, c = np.zeros_like(h0), np.zeros_like(c0)")], 2),
]
