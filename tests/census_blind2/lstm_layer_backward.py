"""Blind wrong attempts at lstm_layer_backward."""
from . import BlindAttempt as A

I = "lstm_layer_backward"
CALL = "step_backward(doutput[:, t] + dh, dc, x[:, t], hs[t], cs[t])"
ACC = "dkernel, drecurrent_kernel, dbias = dkernel + dk, drecurrent_kernel + drk, dbias + db"
ATTEMPTS = [
    A(I, "dh from step t+1 not added: each step gets only doutput[:, t]", [(CALL, "step_backward(doutput[:, t], dc, x[:, t], hs[t], cs[t])")], 1),
    A(I, "dc not carried back from step t+1 (zero at every step)", [(CALL, "step_backward(doutput[:, t] + dh, np.zeros_like(dc), x[:, t], hs[t], cs[t])")], 1),
    A(I, "off by one: the state after step t passed in place of the state before it",
      [(CALL, "step_backward(doutput[:, t] + dh, dc, x[:, t], hs[t + 1], cs[t + 1])")], 1),
    A(I, "backward loop runs forward in time (range(timesteps), not reversed)",
      [("for t in reversed(range(timesteps)):", "for t in range(timesteps):")], 1),
    A(I, "only the last step's doutput used (return_sequences=False habit)",
      [(CALL, "step_backward((doutput[:, t] if t == timesteps - 1 else 0) + dh, dc, x[:, t], hs[t], cs[t])")], 1),
    A(I, "weight gradients overwritten at each step instead of accumulated", [(ACC, "dkernel, drecurrent_kernel, dbias = dk, drk, db")], 1),
    A(I, "dbias averaged over the batch instead of summed", [("dz.sum(axis=0)", "dz.mean(axis=0)")], 1),
    A(I, "weight gradients averaged over time (divided by timesteps)",
      [("return dx, dkernel, drecurrent_kernel, dbias", "return dx, dkernel / timesteps, drecurrent_kernel / timesteps, dbias / timesteps")], 1),
    A(I, "dc_prev = dc inside the step: the forget gate's factor left out", [("dc * f, x_t.T @ dz", "dc, x_t.T @ dz")], 1),
    A(I, "neither dh nor dc carried back (no gradient through time)",
      [(CALL, "step_backward(doutput[:, t], np.zeros_like(dc), x[:, t], hs[t], cs[t])")], 2),
    A(I, "loop forward in time AND weight gradients overwritten",
      [("for t in reversed(range(timesteps)):", "for t in range(timesteps):"), (ACC, "dkernel, drecurrent_kernel, dbias = dk, drk, db")], 2),
]
