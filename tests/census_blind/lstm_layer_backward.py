"""Blind wrong attempts at lstm_layer_backward (BPTT)."""
from . import BlindAttempt as A

CALL = "step_backward(doutput[:, t] + dh, dc, x[:, t], hs[t], cs[t])"
REV = "for t in reversed(range(timesteps))"
ACC = "dkernel, drecurrent_kernel, dbias = dkernel + dk, drecurrent_kernel + drk, dbias + db"
RET = "return dx, dkernel, drecurrent_kernel, dbias"

ATTEMPTS = [
    A("lstm_layer_backward", "dh from step t+1 not added: each step sees only its own output gradient", [(CALL, "step_backward(doutput[:, t], dc, x[:, t], hs[t], cs[t])")], 1),
    A("lstm_layer_backward", "dc not carried back from step t+1 (zeros each step)", [(CALL, "step_backward(doutput[:, t] + dh, np.zeros_like(dc), x[:, t], hs[t], cs[t])")], 1),
    A("lstm_layer_backward", "backward loop runs forward in time instead of reversed", [(REV, "for t in range(timesteps)")], 1),
    A("lstm_layer_backward", "states off by one: step t uses the state after step t (hs[t + 1], cs[t + 1]) instead of before it",
      [(CALL, "step_backward(doutput[:, t] + dh, dc, x[:, t], hs[t + 1], cs[t + 1])")], 1),
    A("lstm_layer_backward", "weight gradients overwritten at each step instead of accumulated (only step 0's kept)", [(ACC, "dkernel, drecurrent_kernel, dbias = dk, drk, db")], 1),
    A("lstm_layer_backward", "only the last time step's output gradient used (return_sequences=False thinking)",
      [(CALL, "step_backward((doutput[:, t] if t == timesteps - 1 else 0) + dh, dc, x[:, t], hs[t], cs[t])")], 1),
    A("lstm_layer_backward", "dbias averaged over the batch instead of summed", [("dz.sum(axis=0)", "dz.mean(axis=0)")], 1),
    A("lstm_layer_backward", "weight gradients averaged over the time steps instead of summed",
      [(RET, "return dx, dkernel / timesteps, drecurrent_kernel / timesteps, dbias / timesteps")], 1),
    A("lstm_layer_backward", "tanh derivative taken at c (1 - c^2) instead of 1 - tanh(c)^2", [("(1 - np.tanh(c) ** 2)", "(1 - c ** 2)")], 1),
    A("lstm_layer_backward", "forget gate factor dropped from dc_prev (dc passed back unchanged)", [("dc * f, x_t.T @ dz", "dc, x_t.T @ dz")], 1),
    A("lstm_layer_backward", "dx stored in reversed time order", [("dx[:, t], dh, dc", "dx[:, timesteps - 1 - t], dh, dc")], 1),
    A("lstm_layer_backward", "dh_prev and dc_prev swapped when passed to the previous step", [("dx[:, t], dh, dc, dk", "dx[:, t], dc, dh, dk")], 1),
    # compounds
    A("lstm_layer_backward", "neither dh nor dc carried back from step t+1 (each step treated alone)",
      [(CALL, "step_backward(doutput[:, t], np.zeros_like(dc), x[:, t], hs[t], cs[t])")], 2),
    A("lstm_layer_backward", "backward loop runs forward in time, and weight gradients overwritten instead of accumulated",
      [(REV, "for t in range(timesteps)"), (ACC, "dkernel, drecurrent_kernel, dbias = dk, drk, db")], 2),
    A("lstm_layer_backward", "dbias averaged over the batch, and tanh derivative taken at c",
      [("dz.sum(axis=0)", "dz.mean(axis=0)"), ("(1 - np.tanh(c) ** 2)", "(1 - c ** 2)")], 2),
]
