"""Blind wrong attempts at lstm_layer."""
from . import BlindAttempt as A

I = "lstm_layer"
SPLIT = "i, f, c_tilde, o = np.split(z, 4, axis=1)"
STACK = "np.stack(outputs, axis=1)"
ATTEMPTS = [
    A(I, "sequence stacked time-major (timesteps, batch, units), axis=0", [(STACK, "np.stack(outputs, axis=0)")], 1),
    A(I, "return_state returns [output, c, h] (c before h)", [("[output, h, c]", "[output, c, h]")], 1),
    A(I, "return_state returns only [h, c], the output left out", [("[output, h, c]", "[h, c]")], 1),
    A(I, "gates split in TF1's order i, c, f, o", [(SPLIT, "i, c_tilde, f, o = np.split(z, 4, axis=1)")], 1),
    A(I, "state reset to zero at every time step (not carried)",
      [("        z = x[:, t]", "        h, c = np.zeros((batch, units)), np.zeros((batch, units))\n        z = x[:, t]")], 1),
    A(I, "without return_sequences returns the first step's h instead of the last", [("else h", "else outputs[0]")], 1),
    A(I, "tanh instead of sigmoid on the forget gate", [("sigmoid(f) * c", "np.tanh(f) * c")], 1),
    A(I, "loop stops one step early: range(timesteps - 1)", [("range(timesteps)", "range(timesteps - 1)")], 1),
    A(I, "time steps read in reverse order (x[:, timesteps - 1 - t])", [("x[:, t]", "x[:, timesteps - 1 - t]")], 1),
    A(I, "time-major stacking AND return_state as [output, c, h]",
      [(STACK, "np.stack(outputs, axis=0)"), ("[output, h, c]", "[output, c, h]")], 2),
    A(I, "TF1 gate order AND the loop one step short",
      [(SPLIT, "i, c_tilde, f, o = np.split(z, 4, axis=1)"), ("range(timesteps)", "range(timesteps - 1)")], 2),
]
