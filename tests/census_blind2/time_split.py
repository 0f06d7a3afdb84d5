"""Blind wrong attempts at time_split."""
from . import BlindAttempt as A

I = "time_split"
SHUFFLE = [("    n = len(series)\n", "    series = series[np.random.permutation(len(series))]  # shuffled first\n    n = len(series)\n")]
RET = "return train, val, test"
NV = "n_val = int(n * val_fraction)"
NT = "n_train = int(n * train_fraction)"
ATTEMPTS = [
    A(I, "series shuffled before the split (rows out of time order)", SHUFFLE, 1),
    A(I, "round() instead of floor for the sizes", [("int(n * ", "round(n * ")], 1),
    A(I, "validation size taken as a fraction of what is left after training", [(NV, "n_val = int((n - n_train) * val_fraction)")], 1),
    A(I, "returns (train, test, val): test and validation swapped", [(RET, "return train, test, val")], 1),
    A(I, "validation taken from the end of the series, after the test part",
      [("val = series[n_train:n_train + n_val]", "val = series[n - n_val:]"), ("test = series[n_train + n_val:]", "test = series[n_train:n - n_val]")], 1),
    A(I, "ceiling instead of floor for the training size", [(NT, "n_train = int(np.ceil(n * train_fraction))")], 1),
    A(I, "validation cut from the end of the training part (overlaps train)",
      [("val = series[n_train:n_train + n_val]", "val = series[n_train - n_val:n_train]")], 1),
    A(I, "length taken as series.size (every number) instead of len(series) (rows)", [("n = len(series)", "n = series.size")], 1),
    A(I, "shuffled before the split AND returns (train, test, val)", SHUFFLE + [(RET, "return train, test, val")], 2),
    A(I, "validation a fraction of the remainder AND ceiling for the training size",
      [(NV, "n_val = int((n - n_train) * val_fraction)"), (NT, "n_train = int(np.ceil(n * train_fraction))")], 2),
]
