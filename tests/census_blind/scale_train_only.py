"""Blind wrong attempts at scale_train_only."""
from . import BlindAttempt as A

M = "mean = train.mean(axis=0)"
S = "std = train.std(axis=0)"
RET = "return (train - mean) / std, (val - mean) / std, (test - mean) / std"

ATTEMPTS = [
    A("scale_train_only", "scaler fitted on train and validation together", [(M, "mean = np.concatenate([train, val]).mean(axis=0)"), (S, "std = np.concatenate([train, val]).std(axis=0)")], 1),
    A("scale_train_only", "scaler fitted on all the data (train, val and test)",
      [(M, "mean = np.concatenate([train, val, test]).mean(axis=0)"), (S, "std = np.concatenate([train, val, test]).std(axis=0)")], 1),
    A("scale_train_only", "each part scaled with its own mean and std (fit_transform on each)",
      [(RET, "return tuple((p - p.mean(axis=0)) / p.std(axis=0) for p in (train, val, test))")], 1),
    A("scale_train_only", "one mean and std over all columns together (no axis)", [(M, "mean = train.mean()"), (S, "std = train.std()")], 1),
    A("scale_train_only", "sample standard deviation (ddof=1, pandas' default) instead of the population one", [(S, "std = train.std(axis=0, ddof=1)")], 1),
    A("scale_train_only", "min-max scaling (MinMaxScaler) instead of standardising",
      [(M, "mean = train.min(axis=0)"), (S, "std = train.max(axis=0) - train.min(axis=0)")], 1),
    A("scale_train_only", "divided by the variance instead of the standard deviation", [(S, "std = train.var(axis=0)")], 1),
    A("scale_train_only", "mean not subtracted: only divided by the std", [(RET, "return train / std, val / std, test / std")], 1),
    A("scale_train_only", "the test part scaled with its own statistics (scaler refitted on test)",
      [(RET, "return (train - mean) / std, (val - mean) / std, (test - test.mean(axis=0)) / test.std(axis=0)")], 1),
    A("scale_train_only", "multiplied by the std instead of divided", [(RET, "return (train - mean) * std, (val - mean) * std, (test - mean) * std")], 1),
    A("scale_train_only", "mean per column but one std over all columns", [(S, "std = train.std()")], 1),
    # compounds
    A("scale_train_only", "scaler fitted on train and validation, and the sample std (ddof=1)",
      [(M, "mean = np.concatenate([train, val]).mean(axis=0)"), (S, "std = np.concatenate([train, val]).std(axis=0, ddof=1)")], 2),
    A("scale_train_only", "one mean and std over all columns, and the mean not subtracted",
      [(S, "std = train.std()"), (RET, "return train / std, val / std, test / std")], 2),
    A("scale_train_only", "each part with its own statistics, and min-max scaling",
      [(RET, "return tuple((p - p.min(axis=0)) / (p.max(axis=0) - p.min(axis=0)) for p in (train, val, test))")], 2),
]
