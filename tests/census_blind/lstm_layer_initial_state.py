"""Blind wrong attempts at lstm_layer_initial_state."""
from . import BlindAttempt as A

INIT = "h, c = h0, c0"
LOOP = "    for t in range(x.shape[1]):\n"
APP = "        outputs.append(h)\n"
C = "c = sigmoid(f) * c + sigmoid(i) * np.tanh(c_tilde)"
H = "h = sigmoid(o) * np.tanh(c)"
RET = "return np.stack(outputs, axis=1)"

ATTEMPTS = [
    A("lstm_layer_initial_state", "initial state ignored: starts from zeros", [(INIT, "h, c = np.zeros_like(h0), np.zeros_like(c0)")], 1),
    A("lstm_layer_initial_state", "h0 and c0 swapped (h starts from c0, c from h0)", [(INIT, "h, c = c0, h0")], 1),
    A("lstm_layer_initial_state", "only h0 used; c starts from zeros", [(INIT, "h, c = h0, np.zeros_like(c0)")], 1),
    A("lstm_layer_initial_state", "h recorded before each step's update: outputs start with h0 and miss the last step",
      [(APP, ""), (LOOP, LOOP + APP)], 1),
    A("lstm_layer_initial_state", "state reset to (h0, c0) at every time step instead of carried", [(LOOP, LOOP + "        h, c = h0, c0\n")], 1),
    A("lstm_layer_initial_state", "c update always forgets from c0 instead of the previous c", [(C, "c = sigmoid(f) * c0 + sigmoid(i) * np.tanh(c_tilde)")], 1),
    A("lstm_layer_initial_state", "recurrent term always uses h0 instead of the previous h", [("h @ recurrent_kernel", "h0 @ recurrent_kernel")], 1),
    A("lstm_layer_initial_state", "returns only the final h (batch, units) instead of every h", [(RET, "return h")], 1),
    A("lstm_layer_initial_state", "sequence stacked time-major (timesteps, batch, units)", [(RET, "return np.stack(outputs)")], 1),
    A("lstm_layer_initial_state", "input gate missing from the c update: c = f*c + tanh(c~)", [(C, "c = sigmoid(f) * c + np.tanh(c_tilde)")], 1),
    A("lstm_layer_initial_state", "no tanh on c in the h update: h = o * c", [(H, "h = sigmoid(o) * c")], 1),
    # compounds
    A("lstm_layer_initial_state", "initial state ignored (zeros), and the sequence stacked time-major",
      [(INIT, "h, c = np.zeros_like(h0), np.zeros_like(c0)"), (RET, "return np.stack(outputs)")], 2),
    A("lstm_layer_initial_state", "h0 and c0 swapped, and no tanh on c in the h update",
      [(INIT, "h, c = c0, h0"), (H, "h = sigmoid(o) * c")], 2),
    A("lstm_layer_initial_state", "state reset at every step, and c starts from zeros (only h0 used)",
      [(LOOP, LOOP + "        h, c = h0, np.zeros_like(c0)\n")], 2),
]
