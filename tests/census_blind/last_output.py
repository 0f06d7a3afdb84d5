"""Blind wrong attempts at last_output."""
from . import BlindAttempt as A

R = "return sequence[:, -1, :]"

ATTEMPTS = [
    A("last_output", "first time step instead of the last", [(R, "return sequence[:, 0, :]")], 1),
    A("last_output", "last sample of the batch (axis 0) instead of the last time step", [(R, "return sequence[-1]")], 1),
    A("last_output", "last unit (axis 2) instead of the last time step", [(R, "return sequence[:, :, -1]")], 1),
    A("last_output", "mean over the time steps instead of the last one", [(R, "return sequence.mean(axis=1)")], 1),
    A("last_output", "sum over the time steps instead of the last one", [(R, "return sequence.sum(axis=1)")], 1),
    A("last_output", "max over the time steps (max pooling) instead of the last one", [(R, "return sequence.max(axis=1)")], 1),
    A("last_output", "keeps the time axis: (batch, 1, units)", [(R, "return sequence[:, -1:, :]")], 1),
    A("last_output", "off by one: the second-to-last time step", [(R, "return sequence[:, sequence.shape[1] - 2, :]")], 1),
    A("last_output", "flattens time and units (batch, timesteps*units) like Flatten", [(R, "return sequence.reshape(len(sequence), -1)")], 1),
    A("last_output", "squeezes every size-1 axis, so batch 1 or units 1 loses an axis", [(R, "return np.squeeze(sequence[:, -1:, :])")], 1),
    A("last_output", "result transposed (units, batch)", [(R, "return sequence[:, -1, :].T")], 1),
    # compounds
    A("last_output", "first time step instead of the last, and the time axis kept", [(R, "return sequence[:, :1, :]")], 2),
    A("last_output", "first sample instead of the last time step (wrong axis and wrong end)", [(R, "return sequence[0]")], 2),
    A("last_output", "mean over the batch axis instead of picking the last time step", [(R, "return sequence.mean(axis=0)")], 2),
    A("last_output", "first time step, and the result transposed (units, batch)", [(R, "return sequence[:, 0, :].T")], 2),
]
