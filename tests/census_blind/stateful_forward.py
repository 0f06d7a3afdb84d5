"""Blind wrong attempts at stateful_forward."""
from . import BlindAttempt as A

ZERO = "h, c = np.zeros((batch, units)), np.zeros((batch, units))"
CHUNK = "    for chunk in chunks:  # (batch, timesteps, features)\n"
SIG = "sigmoid = lambda v: 1.0 / (1.0 + np.exp(-v))"
APP = "        outputs.append(h)  # (batch, units)\n"
LOOP = """    h, c = np.zeros((batch, units)), np.zeros((batch, units))  # reset once, before the first chunk
    outputs = []
    for chunk in chunks:  # (batch, timesteps, features)
        for t in range(timesteps):
            z = chunk[:, t] @ kernel + h @ recurrent_kernel + bias  # (batch, 4*units)
            i, f, c_tilde, o = np.split(z, 4, axis=1)  # each (batch, units)
            c = sigmoid(f) * c + sigmoid(i) * np.tanh(c_tilde)  # (batch, units)
            h = sigmoid(o) * np.tanh(c)  # (batch, units)
        outputs.append(h)  # (batch, units)
"""
SAMPLEWISE = """    h, c = np.zeros((1, units)), np.zeros((1, units))  # one state, passed along
    outputs = []
    for chunk in chunks:  # (batch, timesteps, features)
        last = []
        for sample in chunk:  # (timesteps, features): each sample continues the previous one
            for t in range(timesteps):
                z = sample[t:t + 1] @ kernel + h @ recurrent_kernel + bias  # (1, 4*units)
                i, f, c_tilde, o = np.split(z, 4, axis=1)  # each (1, units)
                c = sigmoid(f) * c + sigmoid(i) * np.tanh(c_tilde)  # (1, units)
                h = sigmoid(o) * np.tanh(c)  # (1, units)
            last.append(h[0])
        outputs.append(np.stack(last))  # (batch, units)
"""

ATTEMPTS = [
    A("stateful_forward", "state reset to zeros at the start of every chunk (not stateful)", [(CHUNK, CHUNK + f"        {ZERO}\n")], 1),
    A("stateful_forward", "state passed from sample to sample inside a batch (sample i+1 starts from sample i's final state) instead of from sample i of one chunk to sample i of the next (seed 003's belief)",
      [(LOOP, SAMPLEWISE)], 1),
    A("stateful_forward", "c carried across chunks but h reset to zeros at every chunk", [(CHUNK, CHUNK + "        h = np.zeros((batch, units))\n")], 1),
    A("stateful_forward", "h carried across chunks but c reset to zeros at every chunk", [(CHUNK, CHUNK + "        c = np.zeros((batch, units))\n")], 1),
    A("stateful_forward", "h recorded at every time step: returns (n_chunks*timesteps, batch, units)", [(APP, "    " + APP)], 1),
    A("stateful_forward", "each chunk's last cell state c returned instead of h", [(APP, "        outputs.append(c)  # (batch, units)\n")], 1),
    A("stateful_forward", "time steps inside each chunk processed last to first", [("for t in range(timesteps)", "for t in reversed(range(timesteps))")], 1),
    A("stateful_forward", "returns only the final h (batch, units) instead of every chunk's last h", [("return np.stack(outputs)", "return h")], 1),
    A("stateful_forward", "Keras 2's hard_sigmoid clip(0.2x + 0.5, 0, 1) for the gates (the old recurrent_activation)",
      [(SIG, "sigmoid = lambda v: np.clip(0.2 * v + 0.5, 0, 1)")], 1),
    A("stateful_forward", "Keras 3's hard_sigmoid relu6(x + 3) / 6 for the gates", [(SIG, "sigmoid = lambda v: np.clip(v + 3, 0, 6) / 6")], 1),
    A("stateful_forward", "outputs stacked batch-first: (batch, n_chunks, units)", [("return np.stack(outputs)", "return np.stack(outputs, axis=1)")], 1),
    A("stateful_forward", "each chunk's mean h over its time steps instead of its last h",
      [("        for t in range(timesteps):\n", "        hs = []\n        for t in range(timesteps):\n"),
       ("            h = sigmoid(o) * np.tanh(c)  # (batch, units)\n", "            h = sigmoid(o) * np.tanh(c)  # (batch, units)\n            hs.append(h)\n"),
       (APP, "        outputs.append(np.mean(hs, axis=0))  # (batch, units)\n")], 1),
    # compounds
    A("stateful_forward", "state reset at every chunk, and Keras 2's hard_sigmoid for the gates",
      [(CHUNK, CHUNK + f"        {ZERO}\n"), (SIG, "sigmoid = lambda v: np.clip(0.2 * v + 0.5, 0, 1)")], 2),
    A("stateful_forward", "state reset at every chunk, and outputs stacked batch-first (batch, n_chunks, units)",
      [(CHUNK, CHUNK + f"        {ZERO}\n"), ("return np.stack(outputs)", "return np.stack(outputs, axis=1)")], 2),
    A("stateful_forward", "cell state c returned instead of h, and time steps processed last to first",
      [(APP, "        outputs.append(c)  # (batch, units)\n"), ("for t in range(timesteps)", "for t in reversed(range(timesteps))")], 2),
    A("stateful_forward", "state passed from sample to sample inside a batch (seed 003), and Keras 2's hard_sigmoid",
      [(LOOP, SAMPLEWISE), (SIG, "sigmoid = lambda v: np.clip(0.2 * v + 0.5, 0, 1)")], 2),
]
