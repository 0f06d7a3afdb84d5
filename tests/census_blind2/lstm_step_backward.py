"""Blind wrong attempts at lstm_step_backward."""
from . import BlindAttempt as A

I = "lstm_step_backward"
DI = "dc * c_tilde * i * (1 - i)"
DO = "dh * np.tanh(c) * o * (1 - o)"
DCP = "dc_prev = dc * f"
DB = "dz.sum(axis=0)"
ATTEMPTS = [
    A(I, "tanh's derivative (1 - i**2) used for the input gate's sigmoid", [(DI, "dc * c_tilde * (1 - i ** 2)")], 1),
    A(I, "incoming dc ignored: total dc only from dh through h", [("dc = dc + dh * o * (1 - np.tanh(c) ** 2)", "dc = dh * o * (1 - np.tanh(c) ** 2)")], 1),
    A(I, "dc_prev = dc: the forget gate's factor left out", [(DCP, "dc_prev = dc")], 1),
    A(I, "dbias averaged over the batch instead of summed", [(DB, "dz.mean(axis=0)")], 1),
    A(I, "dkernel as dz.T @ x: PyTorch's (4*units, features) layout, transposed", [("x.T @ dz", "dz.T @ x")], 1),
    A(I, "sigmoid's derivative used for the candidate's tanh: c_tilde * (1 - c_tilde)", [("dc * i * (1 - c_tilde ** 2)", "dc * i * c_tilde * (1 - c_tilde)")], 1),
    A(I, "dz_o uses c instead of tanh(c)", [(DO, "dh * c * o * (1 - o)")], 1),
    A(I, "dz_f uses the new c instead of c_prev", [("dc * c_prev * f * (1 - f)", "dc * c * f * (1 - f)")], 1),
    A(I, "tanh derivative missing on the path from h to c: dc + dh * o", [("dc = dc + dh * o * (1 - np.tanh(c) ** 2)", "dc = dc + dh * o")], 1),
    A(I, "dc_prev without the forget factor AND dbias averaged over the batch", [(DCP, "dc_prev = dc"), (DB, "dz.mean(axis=0)")], 2),
    A(I, "tanh's derivative for the input gate AND dz_o with c instead of tanh(c)",
      [(DI, "dc * c_tilde * (1 - i ** 2)"), (DO, "dh * c * o * (1 - o)")], 2),
]
