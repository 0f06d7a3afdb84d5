"""Blind wrong attempts at match_targets."""
from . import BlindAttempt as A

I = "match_targets"
P = "per_step = y.ndim == 3"
U = "units = y.shape[-1] if y.ndim > 1 else 1"
R = "return per_step, units"
ATTEMPTS = [
    A(I, "units from X's features (X.shape[-1]), not from y", [(U, "units = X.shape[-1]")], 1),
    A(I, "units from X's timesteps (X.shape[1])", [(U, "units = X.shape[1]")], 1),
    A(I, "returns sequences for a 2-D y (y.ndim == 2), not for a 3-D one", [(P, "per_step = y.ndim == 2")], 1),
    A(I, "returns sequences for any y with more than one axis (y.ndim > 1)", [(P, "per_step = y.ndim > 1")], 1),
    A(I, "pair in the wrong order: (units, return_sequences)", [(R, "return units, per_step")], 1),
    A(I, "units from y's axis 1 (the timesteps of a 3-D y), not its last axis",
      [(U, "units = y.shape[1] if y.ndim > 1 else 1")], 1),
    A(I, "units = len(y): the number of samples", [(U, "units = len(y)")], 1),
    A(I, "1-D y not counted as (samples, 1): units = y.shape[-1] gives the samples",
      [(U, "units = y.shape[-1]")], 1),
    A(I, "units a bool for a 1-D y: `y.ndim > 1 and y.shape[-1]` gives False",
      [(U, "units = y.ndim > 1 and y.shape[-1]")], 1),
    A(I, "return_sequences from X (always 3-D), so always True", [(P, "per_step = X.ndim == 3")], 1),
    A(I, "units counts every number of one sample (timesteps x k for a 3-D y)",
      [(U, "units = int(np.prod(y.shape[1:]))")], 1),
    A(I, "several units only for a 3-D y: a 2-D y gets units 1",
      [(U, "units = y.shape[-1] if y.ndim == 3 else 1")], 1),
    A(I, "pair in the wrong order AND units from X's features",
      [(R, "return units, per_step"), (U, "units = X.shape[-1]")], 2),
    A(I, "returns sequences for a 2-D y AND units from y's axis 1",
      [(P, "per_step = y.ndim == 2"), (U, "units = y.shape[1] if y.ndim > 1 else 1")], 2),
    A(I, "return_sequences from X (always True) AND units = len(y)",
      [(P, "per_step = X.ndim == 3"), (U, "units = len(y)")], 2),
    A(I, "returns sequences for any y with more than one axis AND a 1-D y not counted as (samples, 1)",
      [(P, "per_step = y.ndim > 1"), (U, "units = y.shape[-1]")], 2),
]
