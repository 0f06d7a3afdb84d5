"""Blind wrong attempts at lstm_step_backward."""
from . import BlindAttempt as A

DC = "dc = dc + dh * o * (1 - np.tanh(c) ** 2)"
DZI = "dc * c_tilde * i * (1 - i),"
DZF = "dc * c_prev * f * (1 - f),"
DZC = "dc * i * (1 - c_tilde ** 2),"
DZO = "dh * np.tanh(c) * o * (1 - o),"
RET = "return dx, dh_prev, dc_prev, x.T @ dz, h_prev.T @ dz, dz.sum(axis=0)"

ATTEMPTS = [
    A("lstm_step_backward", "incoming dc ignored: dc = dh * o * (1 - tanh(c)^2) overwrites it", [(DC, "dc = dh * o * (1 - np.tanh(c) ** 2)")], 1),
    A("lstm_step_backward", "the gradient from h into c left out: only the incoming dc used", [(f"    {DC}  # total dL/dc: given + through h  (batch, units)\n", "")], 1),
    A("lstm_step_backward", "tanh derivative taken at c itself: 1 - c^2 instead of 1 - tanh(c)^2", [(DC, "dc = dc + dh * o * (1 - c ** 2)")], 1),
    A("lstm_step_backward", "sigmoid's derivative c~(1 - c~) used for the tanh candidate", [(DZC, "dc * i * c_tilde * (1 - c_tilde),")], 1),
    A("lstm_step_backward", "dc_prev from the incoming dc only, missing the part that flows through h",
      [("dc = dc + dh", "dc_t = dc + dh"), (DZI, "dc_t * c_tilde * i * (1 - i),"), (DZF, "dc_t * c_prev * f * (1 - f),"), (DZC, "dc_t * i * (1 - c_tilde ** 2),")], 1),
    A("lstm_step_backward", "forget gate factor dropped: dc_prev = dc", [("dc_prev = dc * f", "dc_prev = dc")], 1),
    A("lstm_step_backward", "dbias averaged over the batch instead of summed", [("dz.sum(axis=0)", "dz.mean(axis=0)")], 1),
    A("lstm_step_backward", "dkernel returned transposed (4*units, features), PyTorch's weight layout", [("x.T @ dz", "dz.T @ x")], 1),
    A("lstm_step_backward", "output gate's gradient uses tanh(c_prev) instead of tanh(c)", [(DZO, "dh * np.tanh(c_prev) * o * (1 - o),")], 1),
    A("lstm_step_backward", "forget gate's gradient uses the new c instead of c_prev", [(DZF, "dc * c * f * (1 - f),")], 1),
    A("lstm_step_backward", "input gate's gradient uses c_prev instead of the candidate c~", [(DZI, "dc * c_prev * i * (1 - i),")], 1),
    A("lstm_step_backward", "candidate's gradient multiplied by f instead of i", [(DZC, "dc * f * (1 - c_tilde ** 2),")], 1),
    A("lstm_step_backward", "dbias not summed over the batch: (batch, 4*units)", [("dz.sum(axis=0)", "dz")], 1),
    A("lstm_step_backward", "output gate's gradient driven by dc instead of dh", [(DZO, "dc * np.tanh(c) * o * (1 - o),")], 1),
    # compounds
    A("lstm_step_backward", "tanh derivative taken at c (1 - c^2), and dbias averaged over the batch",
      [(DC, "dc = dc + dh * o * (1 - c ** 2)"), ("dz.sum(axis=0)", "dz.mean(axis=0)")], 2),
    A("lstm_step_backward", "incoming dc ignored, and dkernel returned transposed",
      [(DC, "dc = dh * o * (1 - np.tanh(c) ** 2)"), ("x.T @ dz", "dz.T @ x")], 2),
    A("lstm_step_backward", "sigmoid's derivative for the candidate, and the output gate's gradient driven by dc",
      [(DZC, "dc * i * c_tilde * (1 - c_tilde),"), (DZO, "dc * np.tanh(c) * o * (1 - o),")], 2),
]
