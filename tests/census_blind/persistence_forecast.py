"""Blind wrong attempts at persistence_forecast."""
from . import BlindAttempt as A

L = "last = windows[:, -1]"
R = "return np.repeat(last[:, None], horizon, axis=1)"

ATTEMPTS = [
    A("persistence_forecast", "each window's first value instead of its last", [(L, "last = windows[:, 0]")], 1),
    A("persistence_forecast", "the last window (axis 0) instead of each window's last value", [(L, "last = windows[-1]")], 1),
    A("persistence_forecast", "each window's mean instead of its last value", [(L, "last = windows.mean(axis=1)")], 1),
    A("persistence_forecast", "result transposed: (horizon, samples)", [(R, "return np.tile(last, (horizon, 1))")], 1),
    A("persistence_forecast", "repeated along axis 0: (samples*horizon, 1)", [(R, "return np.repeat(last[:, None], horizon, axis=0)")], 1),
    A("persistence_forecast", "horizon + 1 columns (the current step included)", [(R, "return np.repeat(last[:, None], horizon + 1, axis=1)")], 1),
    A("persistence_forecast", "the window's last `horizon` values (seasonal naive) instead of its last value repeated", [(R, "return windows[:, -horizon:]")], 1),
    A("persistence_forecast", "the second-to-last value (last taken as the target)", [(L, "last = windows[:, -2]")], 1),
    A("persistence_forecast", "one value for every sample: the last window's last value", [(R, "return np.full((len(windows), horizon), windows[-1, -1])")], 1),
    A("persistence_forecast", "repeated flat, then reshaped (horizon, samples) and transposed, mixing up the samples",
      [(R, "return np.repeat(last, horizon).reshape(horizon, -1).T")], 1),
    A("persistence_forecast", "naive with drift: the last step's change added", [(L, "last = windows[:, -1] + (windows[:, -1] - windows[:, -2])")], 1),
    A("persistence_forecast", "flat result (samples*horizon,) without reshaping", [(R, "return np.repeat(last, horizon)")], 1),
    # compounds
    A("persistence_forecast", "first value instead of last, and the result transposed (horizon, samples)",
      [(L, "last = windows[:, 0]"), (R, "return np.tile(last, (horizon, 1))")], 2),
    A("persistence_forecast", "window mean instead of last value, and repeated along axis 0",
      [(L, "last = windows.mean(axis=1)"), (R, "return np.repeat(last[:, None], horizon, axis=0)")], 2),
    A("persistence_forecast", "second-to-last value, and horizon + 1 columns",
      [(L, "last = windows[:, -2]"), (R, "return np.repeat(last[:, None], horizon + 1, axis=1)")], 2),
]
