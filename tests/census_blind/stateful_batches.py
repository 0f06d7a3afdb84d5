"""Blind wrong attempts at stateful_batches."""
from . import BlindAttempt as A

ST = "    stream = len(series) // batch  # rows per stream\n    n_batches = stream // timesteps\n"
NB = "n_batches = stream // timesteps"
STREAMS = "streams = series[:batch * stream].reshape(batch, stream, features)"
CH = "chunks = streams[:, :n_batches * timesteps]"
RET = "return chunks.transpose(1, 0, 2, 3)"
TRIM = (ST, "    n_batches = len(series) // (batch * timesteps)\n    stream = n_batches * timesteps  # series trimmed to n_batches * batch * timesteps rows\n")

ATTEMPTS = [
    A("stateful_batches", "series trimmed to n_batches * batch * timesteps rows before cutting it into streams, so streams start at the wrong rows",
      [TRIM], 1),
    A("stateful_batches", "series cut into consecutive chunks in order: inside a batch sample i+1 continues sample i, instead of sample i of batch k+1 continuing sample i of batch k",
      [(RET, "return series[:n_batches * batch * timesteps].reshape(n_batches, batch, timesteps, features)")], 1),
    A("stateful_batches", "final transpose forgotten: returns (batch, n_batches, timesteps, features)", [(RET, "return chunks")], 1),
    A("stateful_batches", "reshape instead of transpose to (n_batches, batch, timesteps, features)",
      [(RET, "return chunks.reshape(n_batches, batch, timesteps, features)")], 1),
    A("stateful_batches", "streams dealt round robin: stream i takes every batch-th row",
      [(STREAMS, "streams = series[:batch * stream].reshape(stream, batch, features).transpose(1, 0, 2)")], 1),
    A("stateful_batches", "one row kept back per stream for a target: n_batches = (stream - 1) // timesteps",
      [(NB, "n_batches = (stream - 1) // timesteps")], 1),
    A("stateful_batches", "leftover rows dropped from the start of the series instead of the end",
      [(STREAMS, "streams = series[len(series) - batch * stream:].reshape(batch, stream, features)")], 1),
    A("stateful_batches", "each stream's leftover steps dropped from its start instead of its end",
      [(CH, "chunks = streams[:, stream - n_batches * timesteps:]")], 1),
    A("stateful_batches", "batch and timesteps axes swapped: returns (n_batches, timesteps, batch, features)",
      [(RET, "return chunks.transpose(1, 2, 0, 3)")], 1),
    A("stateful_batches", "the batches shuffled (fit's shuffle=True habit)",
      [(RET, "return chunks.transpose(1, 0, 2, 3)[np.random.default_rng(0).permutation(n_batches)]")], 1),
    A("stateful_batches", "a last partial chunk zero-padded instead of dropped (ceil for n_batches)",
      [(NB, "n_batches = -(-stream // timesteps)"),
       (CH, "chunks = np.pad(streams, ((0, 0), (0, n_batches * timesteps - stream), (0, 0)))[:, :n_batches * timesteps]")], 1),
    # compounds
    A("stateful_batches", "series trimmed to n_batches * batch * timesteps rows first, and the final transpose forgotten",
      [TRIM, (RET, "return chunks")], 2),
    A("stateful_batches", "reshape instead of transpose, and one row kept back per stream for a target",
      [(NB, "n_batches = (stream - 1) // timesteps"), (RET, "return chunks.reshape(n_batches, batch, timesteps, features)")], 2),
    A("stateful_batches", "streams dealt round robin, and the batches shuffled",
      [(STREAMS, "streams = series[:batch * stream].reshape(stream, batch, features).transpose(1, 0, 2)"),
       (RET, "return chunks.transpose(1, 0, 2, 3)[np.random.default_rng(0).permutation(n_batches)]")], 2),
]
