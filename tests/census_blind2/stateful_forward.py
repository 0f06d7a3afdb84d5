"""Blind wrong attempts at stateful_forward."""
from . import BlindAttempt as A

I = "stateful_forward"
SPLIT = "i, f, c_tilde, o = np.split(z, 4, axis=1)"
LOOP = "    for chunk in chunks:  # (batch, timesteps, features)\n"
APPEND = "        outputs.append(h)  # (batch, units)\n"
SEED_003 = [
    ("h, c = np.zeros((batch, units)), np.zeros((batch, units))", "h, c = np.zeros((1, units)), np.zeros((1, units))"),
    ("""    for chunk in chunks:  # (batch, timesteps, features)
        for t in range(timesteps):
            z = chunk[:, t] @ kernel + h @ recurrent_kernel + bias  # (batch, 4*units)
            i, f, c_tilde, o = np.split(z, 4, axis=1)  # each (batch, units)
            c = sigmoid(f) * c + sigmoid(i) * np.tanh(c_tilde)  # (batch, units)
            h = sigmoid(o) * np.tanh(c)  # (batch, units)
        outputs.append(h)  # (batch, units)
""", """    for chunk in chunks:  # (batch, timesteps, features)
        last = []
        for sample in chunk:  # (timesteps, features): the state flows on from the previous sample
            for t in range(timesteps):
                z = sample[t:t + 1] @ kernel + h @ recurrent_kernel + bias  # (1, 4*units)
                i, f, c_tilde, o = np.split(z, 4, axis=1)  # each (1, units)
                c = sigmoid(f) * c + sigmoid(i) * np.tanh(c_tilde)  # (1, units)
                h = sigmoid(o) * np.tanh(c)  # (1, units)
            last.append(h[0])
        outputs.append(np.stack(last))  # (batch, units)
"""),
]
RESET = [(LOOP, LOOP + "        h, c = np.zeros((batch, units)), np.zeros((batch, units))\n")]
EVERY_STEP = [(APPEND, "            outputs.append(h)  # (batch, units)\n")]
RESET_C = [(LOOP, LOOP + "        c = np.zeros((batch, units))\n")]
ATTEMPTS = [
    A(I, "state reset to zero at the start of every chunk (stateless)", RESET, 1),
    A(I, "state passed from sample to sample inside a batch instead of from batch to batch (seed 003)", SEED_003, 1),
    A(I, "h collected at every time step, not only each chunk's last: (n_chunks * timesteps, batch, units)", EVERY_STEP, 1),
    A(I, "only h carried between chunks; c reset to zero at each chunk", RESET_C, 1),
    A(I, "only c carried between chunks; h reset to zero at each chunk", [(LOOP, LOOP + "        h = np.zeros((batch, units))\n")], 1),
    A(I, "gates split in TF1's order i, c, f, o", [(SPLIT, "i, c_tilde, f, o = np.split(z, 4, axis=1)")], 1),
    A(I, "returns only the final h (batch, units), not one per chunk", [("return np.stack(outputs)", "return h")], 1),
    A(I, "time steps read in reverse order inside each chunk", [("chunk[:, t]", "chunk[:, timesteps - 1 - t]")], 1),
    A(I, "state reset at every chunk AND TF1 gate order", RESET + [(SPLIT, "i, c_tilde, f, o = np.split(z, 4, axis=1)")], 2),
    A(I, "c reset at every chunk AND h collected at every time step", RESET_C + EVERY_STEP, 2),
]
