"""Blind wrong attempts at scale_train_only."""
from . import BlindAttempt as A

I = "scale_train_only"
M = "mean = train.mean(axis=0)"
S = "std = train.std(axis=0)"
RET = "return (train - mean) / std, (val - mean) / std, (test - mean) / std"
ALL = [(M, "mean = np.concatenate([train, val, test]).mean(axis=0)"), (S, "std = np.concatenate([train, val, test]).std(axis=0)")]
TV = [(M, "mean = np.concatenate([train, val]).mean(axis=0)"), (S, "std = np.concatenate([train, val]).std(axis=0)")]
ATTEMPTS = [
    A(I, "mean and std fitted on the whole series (train, val and test): leakage", ALL, 1),
    A(I, "mean and std fitted on train and validation together", TV, 1),
    A(I, "one mean and one std over all columns (axis=None) instead of per column",
      [(M, "mean = train.mean()"), (S, "std = train.std()")], 1),
    A(I, "each part scaled with its own mean and std",
      [(RET, "return (train - mean) / std, (val - val.mean(axis=0)) / val.std(axis=0), (test - test.mean(axis=0)) / test.std(axis=0)")], 1),
    A(I, "sample standard deviation (ddof=1, pandas' default) instead of NumPy's ddof=0", [(S, "std = train.std(axis=0, ddof=1)")], 1),
    A(I, "min-max scaling with the training min and range instead of standardising",
      [(M, "mean = train.min(axis=0)"), (S, "std = train.max(axis=0) - train.min(axis=0)")], 1),
    A(I, "divides by the variance instead of the standard deviation", [(S, "std = train.var(axis=0)")], 1),
    A(I, "validation and test divided by std without subtracting the mean",
      [(RET, "return (train - mean) / std, val / std, test / std")], 1),
    A(I, "fitted on the whole series AND sample std (ddof=1)",
      [(M, "mean = np.concatenate([train, val, test]).mean(axis=0)"), (S, "std = np.concatenate([train, val, test]).std(axis=0, ddof=1)")], 2),
    A(I, "fitted on train and validation AND divided by the variance",
      [(M, "mean = np.concatenate([train, val]).mean(axis=0)"), (S, "std = np.concatenate([train, val]).var(axis=0)")], 2),
]
