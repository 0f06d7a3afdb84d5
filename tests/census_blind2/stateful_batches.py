"""Blind wrong attempts at stateful_batches."""
from . import BlindAttempt as A

I = "stateful_batches"
STREAMS = "streams = series[:batch * stream].reshape(batch, stream, features)"
RET = "return chunks.transpose(1, 0, 2, 3)"
ATTEMPTS = [
    A(I, "series trimmed to n_batches * batch * timesteps rows before cutting the streams",
      [(STREAMS, "streams = series[:n_batches * batch * timesteps].reshape(batch, n_batches * timesteps, features)")], 1),
    A(I, "consecutive windows cut straight into batches (stateless layout): sample i of batch k+1 does not continue sample i of batch k",
      [(RET, "return series[:n_batches * batch * timesteps].reshape(n_batches, batch, timesteps, features)")], 1),
    A(I, "transpose missing: returns (batch, n_batches, timesteps, features)", [(RET, "return chunks")], 1),
    A(I, "reshape instead of transpose to (n_batches, batch, timesteps, features)",
      [(RET, "return chunks.reshape(n_batches, batch, timesteps, features)")], 1),
    A(I, "rows dealt round-robin to the streams (row r to stream r % batch) instead of contiguous blocks",
      [(STREAMS, "streams = series[:batch * stream].reshape(stream, batch, features).transpose(1, 0, 2)")], 1),
    A(I, "off by one: one row per stream reserved for a target, n_batches = (stream - 1) // timesteps",
      [("n_batches = stream // timesteps", "n_batches = (stream - 1) // timesteps")], 1),
    A(I, "leftover rows dropped at the start of the series instead of the end",
      [("series[:batch * stream]", "series[len(series) - batch * stream:]")], 1),
    A(I, "the last (possibly incomplete) batch dropped: n_batches one too few",
      [("n_batches = stream // timesteps", "n_batches = stream // timesteps - 1")], 1),
    A(I, "rows dealt round-robin to streams AND the transpose missing",
      [(STREAMS, "streams = series[:batch * stream].reshape(stream, batch, features).transpose(1, 0, 2)"), (RET, "return chunks")], 2),
    A(I, "series trimmed to n_batches * batch * timesteps AND the transpose missing",
      [(STREAMS, "streams = series[:n_batches * batch * timesteps].reshape(batch, n_batches * timesteps, features)"),
       (RET, "return chunks")], 2),
]
