"""Blind wrong attempts at persistence_forecast."""
from . import BlindAttempt as A

I = "persistence_forecast"
L = "last = windows[:, -1]"
R = "return np.repeat(last[:, None], horizon, axis=1)"
ATTEMPTS = [
    A(I, "first value of each window instead of the last", [(L, "last = windows[:, 0]")], 1),
    A(I, "mean of each window instead of its last value", [(L, "last = windows.mean(axis=1)")], 1),
    A(I, "np.tile then reshape: values of different samples mixed", [(R, "return np.tile(last, horizon).reshape(-1, horizon)")], 1),
    A(I, "repeated along the wrong axis: (horizon, samples)", [(R, "return np.repeat(last[None, :], horizon, axis=0)")], 1),
    A(I, "time-major habit: windows[-1] (the last window) instead of each window's last value", [(L, "last = windows[-1]")], 1),
    A(I, "the last `horizon` values of each window instead of the last value repeated", [(R, "return windows[:, -horizon:]")], 1),
    A(I, "off by one: the second-to-last value", [(L, "last = windows[:, -2]")], 1),
    A(I, "first value AND repeated along the wrong axis",
      [(L, "last = windows[:, 0]"), (R, "return np.repeat(last[None, :], horizon, axis=0)")], 2),
    A(I, "window mean AND repeated along the wrong axis",
      [(L, "last = windows.mean(axis=1)"), (R, "return np.repeat(last[None, :], horizon, axis=0)")], 2),
]
