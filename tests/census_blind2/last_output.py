"""Blind wrong attempts at last_output."""
from . import BlindAttempt as A

I = "last_output"
R = "return sequence[:, -1, :]"
ATTEMPTS = [
    A(I, "time-major habit: sequence[-1] takes the last sample, not the last time step", [(R, "return sequence[-1]")], 1),
    A(I, "first time step instead of the last", [(R, "return sequence[:, 0, :]")], 1),
    A(I, "last unit of every time step (wrong axis): sequence[:, :, -1]", [(R, "return sequence[:, :, -1]")], 1),
    A(I, "mean over time instead of the last step", [(R, "return sequence.mean(axis=1)")], 1),
    A(I, "off by one: the second-to-last time step", [(R, "return sequence[:, -2, :]")], 1),
    A(I, "max over time (global max pooling) instead of the last step", [(R, "return sequence.max(axis=1)")], 1),
    A(I, "last step returned transposed, (units, batch)", [(R, "return sequence[:, -1, :].T")], 1),
    A(I, "sum over time instead of the last step", [(R, "return sequence.sum(axis=1)")], 1),
    A(I, "mean pooling AND over the batch axis instead of time", [(R, "return sequence.mean(axis=0)")], 2),
    A(I, "time-major indexing (last sample) AND transposed", [(R, "return sequence[-1].T")], 2),
]
