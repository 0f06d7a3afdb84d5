"""Blind wrong attempts at time_split."""
from . import BlindAttempt as A

N = "    n = len(series)\n"
NT = "n_train = int(n * train_fraction)"
NV = "n_val = int(n * val_fraction)"
TR = "train = series[:n_train]"
VA = "val = series[n_train:n_train + n_val]"
RET = "return train, val, test"
SHUF = (N, N + "    series = series[np.random.default_rng(0).permutation(n)]  # shuffle first\n")

ATTEMPTS = [
    A("time_split", "series shuffled before the split", [SHUF], 1),
    A("time_split", "validation size taken as a fraction of what is left after training (sklearn two-step habit)", [(NV, "n_val = int((n - n_train) * val_fraction)")], 1),
    A("time_split", "sizes rounded to the nearest row instead of floored", [(NT, "n_train = round(n * train_fraction)"), (NV, "n_val = round(n * val_fraction)")], 1),
    A("time_split", "sizes rounded up (ceil) instead of floored",
      [(NT, "n_train = int(np.ceil(n * train_fraction))"), (NV, "n_val = int(np.ceil(n * val_fraction))")], 1),
    A("time_split", "validation slice ends at n_val (a size used as an end index)", [(VA, "val = series[n_train:n_val]")], 1),
    A("time_split", "train slice one row too long (inclusive end), overlapping validation", [(TR, "train = series[:n_train + 1]")], 1),
    A("time_split", "returns (train, test, val): the last two parts swapped", [(RET, "return train, test, val")], 1),
    A("time_split", "training part shuffled after the split", [(TR, "train = series[:n_train][np.random.default_rng(0).permutation(n_train)]")], 1),
    A("time_split", "validation size taken as a fraction of the training size", [(NV, "n_val = int(n_train * val_fraction)")], 1),
    A("time_split", "validation runs to the end of the series, overlapping the test part", [(VA, "val = series[n_train:]")], 1),
    A("time_split", "N counted as series.size (every element) instead of the number of rows", [(N, "    n = series.size\n")], 1),
    A("time_split", "validation end floored once as floor(N * (train + val)) instead of floor(N * train) + floor(N * val)",
      [(NV, "n_val = int(n * (train_fraction + val_fraction)) - n_train")], 1),
    A("time_split", "test taken from the start and training from the end (time reversed)",
      [(TR, "train = series[n - n_train:]"), (VA, "val = series[n - n_train - n_val:n - n_train]"), ("test = series[n_train + n_val:]", "test = series[:n - n_train - n_val]")], 1),
    # compounds
    A("time_split", "series shuffled before the split, and sizes rounded instead of floored",
      [SHUF, (NT, "n_train = round(n * train_fraction)"), (NV, "n_val = round(n * val_fraction)")], 2),
    A("time_split", "validation size a fraction of the remainder, and (train, test, val) returned",
      [(NV, "n_val = int((n - n_train) * val_fraction)"), (RET, "return train, test, val")], 2),
    A("time_split", "N counted as series.size, and validation running to the end", [(N, "    n = series.size\n"), (VA, "val = series[n_train:]")], 2),
]
