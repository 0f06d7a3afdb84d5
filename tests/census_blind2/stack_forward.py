"""Blind wrong attempts at stack_forward."""
from . import BlindAttempt as A

I = "stack_forward"
SPLIT = "i, f, c_tilde, o = np.split(z, 4, axis=1)"
RESET = "        h = c = np.zeros((seq.shape[0], units))  # each layer starts from zero state\n"
CARRY = [("    seq = x  # (batch, timesteps, features)\n",
          "    seq = x  # (batch, timesteps, features)\n    h = c = np.zeros((x.shape[0], lstm_weights[0][1].shape[0]))\n"),
         (RESET, "")]
NEXT = "seq = np.stack(outputs, axis=1)"
RET = "return h @ dense_kernel + dense_bias"
ATTEMPTS = [
    A(I, "layer k's final (h, c) used as layer k+1's initial state (not reset per layer)", CARRY, 1),
    A(I, "only the last h passed to the next layer (a 1-step sequence), not the whole sequence",
      [(NEXT, "seq = h[:, None, :]")], 1),
    A(I, "Dense on the mean over time of the last layer's outputs", [(RET, "return seq.mean(axis=1) @ dense_kernel + dense_bias")], 1),
    A(I, "Dense on every time step (last LSTM with return_sequences)", [(RET, "return seq @ dense_kernel + dense_bias")], 1),
    A(I, "tanh activation added on the Dense output", [(RET, "return np.tanh(h @ dense_kernel + dense_bias)")], 1),
    A(I, "gates split in TF1's order i, c, f, o", [(SPLIT, "i, c_tilde, f, o = np.split(z, 4, axis=1)")], 1),
    A(I, "Dense bias left out", [(RET, "return h @ dense_kernel")], 1),
    A(I, "Dense on the first time step's h of the last layer", [(RET, "return seq[:, 0] @ dense_kernel + dense_bias")], 1),
    A(I, "state carried from layer to layer AND Dense on every time step",
      CARRY + [(RET, "return seq @ dense_kernel + dense_bias")], 2),
    A(I, "only the last h passed on AND TF1 gate order",
      [(NEXT, "seq = h[:, None, :]"), (SPLIT, "i, c_tilde, f, o = np.split(z, 4, axis=1)")], 2),
]
