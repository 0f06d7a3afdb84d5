"""Blind wrong attempts at lstm_layer (an LSTM over a sequence)."""
from . import BlindAttempt as A

RET = "return [output, h, c] if return_state else output"
OUT = "output = np.stack(outputs, axis=1) if return_sequences else h"
LOOP = "    for t in range(timesteps):\n"
ZERO = "np.zeros((batch, units)), np.zeros((batch, units))"
SPLIT = "i, f, c_tilde, o = np.split(z, 4, axis=1)"

ATTEMPTS = [
    A("lstm_layer", "return_state gives [output, c, h]: the states in the wrong order", [(RET, "return [output, c, h] if return_state else output")], 1),
    A("lstm_layer", "return_state returns only [h, c], without the output", [(RET, "return [h, c] if return_state else output")], 1),
    A("lstm_layer", "sequence stacked time-major (timesteps, batch, units): np.stack on axis 0",
      [("np.stack(outputs, axis=1)", "np.stack(outputs)")], 1),
    A("lstm_layer", "state reset to zeros at every time step instead of carried", [(LOOP, LOOP + f"        h, c = {ZERO}\n")], 1),
    A("lstm_layer", "return_sequences=False returns the first step's h instead of the last", [(OUT, "output = np.stack(outputs, axis=1) if return_sequences else outputs[0]")], 1),
    A("lstm_layer", "the recurrent term uses c instead of h: c @ recurrent_kernel", [("h @ recurrent_kernel", "c @ recurrent_kernel")], 1),
    A("lstm_layer", "time steps processed last to first (as go_backwards), output kept in processing order",
      [("for t in range(timesteps)", "for t in reversed(range(timesteps))")], 1),
    A("lstm_layer", "loop stops one step early: range(timesteps - 1)", [("for t in range(timesteps)", "for t in range(timesteps - 1)")], 1),
    A("lstm_layer", "no tanh on the candidate in the c update", [("sigmoid(i) * np.tanh(c_tilde)", "sigmoid(i) * c_tilde")], 1),
    A("lstm_layer", "return_state returns the last h as the output even with return_sequences=True",
      [(RET, "return [h, h, c] if return_state else output")], 1),
    A("lstm_layer", "sigmoid instead of tanh on the candidate", [("np.tanh(c_tilde)", "sigmoid(c_tilde)")], 1),
    A("lstm_layer", "the cell state c collected as the output sequence instead of h", [("outputs.append(h)", "outputs.append(c)")], 1),
    A("lstm_layer", "TF1's gate order (i, c, f, o)", [(SPLIT, "i, c_tilde, f, o = np.split(z, 4, axis=1)")], 1),
    A("lstm_layer", "sequence concatenated along the last axis (batch, timesteps*units) instead of stacked",
      [("np.stack(outputs, axis=1)", "np.concatenate(outputs, axis=1)")], 1),
    A("lstm_layer", "the initial zero state recorded as the first output: the sequence has timesteps + 1 steps",
      [("    outputs = []\n", "    outputs = [h]\n")], 1),
    # compounds
    A("lstm_layer", "state reset at every time step, and return_state gives [output, c, h]",
      [(LOOP, LOOP + f"        h, c = {ZERO}\n"), (RET, "return [output, c, h] if return_state else output")], 2),
    A("lstm_layer", "sequence stacked time-major (axis 0), and TF1's gate order (i, c, f, o)",
      [("np.stack(outputs, axis=1)", "np.stack(outputs)"), (SPLIT, "i, c_tilde, f, o = np.split(z, 4, axis=1)")], 2),
    A("lstm_layer", "time steps processed last to first, and return_sequences=False returns the first computed h",
      [("for t in range(timesteps)", "for t in reversed(range(timesteps))"), (OUT, "output = np.stack(outputs, axis=1) if return_sequences else outputs[0]")], 2),
    A("lstm_layer", "sequence concatenated instead of stacked, and no tanh on the candidate",
      [("np.stack(outputs, axis=1)", "np.concatenate(outputs, axis=1)"), ("sigmoid(i) * np.tanh(c_tilde)", "sigmoid(i) * c_tilde")], 2),
]
